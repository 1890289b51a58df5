//! node-soap (the npm package `soap`), a JavaScript SOAP stack, as an interop peer: where
//! `scripts/test.sh` installed it, and its scripts (`tests/oracles/node/`) run by `node` as child
//! processes ([`crate::child`]), each killed when its guard is dropped, every wait bounded by a
//! timeout.
//!
//! `scripts/test.sh` installs the pinned package into `.node-oracle/` and exports
//! `NODE_SOAP_DIR`, the package's folder (`.node-oracle/node_modules/soap`); the scripts run with
//! its parent on `NODE_PATH`. Without `node` or the package, a test is skipped loudly, and fails
//! in CI ([`skip_unless_ci`]).
//!
//! [`NodeSoap::client`] runs `client.js` (node-soap's client calling an endpoint) to its end;
//! [`NodeSoap::server`] starts `server.js` (a node-soap service with canned answers), whose
//! decoded requests [`PeerServer::next_request`] reads. The scripts' headers say what their
//! JSON holds.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::child::{self, PeerServer};
use crate::shared::skip_unless_ci;

/// A node-soap service started by [`NodeSoap::server`], listening on 127.0.0.1; killed when
/// dropped.
pub type NodeServer = PeerServer;

/// The environment variable naming the installed package's folder.
pub const NODE_SOAP_DIR: &str = "NODE_SOAP_DIR";

/// How long a script may take to start listening, or to run to its end: node-soap parses a
/// 150 kB WSDL in well under a second, but CI machines are slow and shared.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// node-soap, installed and runnable: the `node_modules` folder that holds the package.
#[derive(Debug, Clone)]
pub struct NodeSoap {
    modules: PathBuf,
}

impl NodeSoap {
    /// node-soap as `scripts/test.sh` installed it, or `None` (after a loud message) when
    /// `NODE_SOAP_DIR` is not set, does not hold the package, or `node` does not run.
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`.
    pub fn locate(test: &str) -> Option<NodeSoap> {
        let Some(package) = std::env::var_os(NODE_SOAP_DIR).filter(|dir| !dir.is_empty()) else {
            skip_unless_ci(&format!(
                "{test} needs node-soap: {NODE_SOAP_DIR} is not set (run `bash scripts/test.sh`, \
                 which installs the npm package `soap` into .node-oracle with npm)"
            ));
            return None;
        };
        let package = PathBuf::from(package);
        if !package.join("package.json").is_file() {
            skip_unless_ci(&format!(
                "{test} needs node-soap, but {NODE_SOAP_DIR}={} holds no package.json \
                 (run `bash scripts/test.sh` to install it)",
                package.display()
            ));
            return None;
        }
        let runs = Command::new("node")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !runs {
            skip_unless_ci(&format!(
                "{test} needs node-soap, but `node` does not run (install Node.js)"
            ));
            return None;
        }
        let modules = package
            .parent()
            .map_or_else(|| package.clone(), Path::to_path_buf);
        Some(NodeSoap { modules })
    }

    /// node-soap's client (`client.js`) loading `wsdl` and calling `endpoint` with the calls of
    /// `calls` (JSON, see the script): a JSON array of what node-soap decoded of each answer,
    /// in order, one item per call.
    ///
    /// # Panics
    ///
    /// When the script fails (node-soap could not load the WSDL, or could not read an answer
    /// that is not a fault), prints no JSON array of one item per call, or runs longer than
    /// [`TIMEOUT`].
    pub fn client(&self, wsdl: &Path, endpoint: &str, calls: &str) -> Value {
        let args = [wsdl.as_os_str(), OsStr::new(endpoint)];
        let output = child::run(
            self.command("client.js", &args),
            "client.js",
            calls,
            TIMEOUT,
        );
        let results: Value = serde_json::from_str(&output)
            .unwrap_or_else(|e| panic!("client.js printed {output:?}, not JSON: {e}"));
        let sent: Value = serde_json::from_str(calls).expect("the calls are JSON");
        assert_eq!(
            results.as_array().map(Vec::len),
            sent["calls"].as_array().map(Vec::len),
            "client.js answered {results} to {calls}"
        );
        results
    }

    /// A node-soap service (`server.js`) of `wsdl` at `path` on 127.0.0.1, answering from
    /// `answers` (JSON, see the script), in SOAP 1.2 when `soap12` (else in SOAP 1.1, whatever
    /// the request's version).
    ///
    /// # Panics
    ///
    /// When the script fails or does not listen within [`TIMEOUT`].
    pub fn server(&self, wsdl: &Path, path: &str, answers: &str, soap12: bool) -> NodeServer {
        let mut args = vec![wsdl.as_os_str(), OsStr::new(path), OsStr::new(answers)];
        if soap12 {
            args.push(OsStr::new("soap12"));
        }
        PeerServer::start(self.command("server.js", &args), "node server.js", TIMEOUT)
    }

    /// `node tests/oracles/node/SCRIPT ARGS…` with the package on `NODE_PATH`, standard input and
    /// output piped, standard error passed through (node-soap's complaints show in the test's
    /// output).
    fn command<S: AsRef<OsStr>>(&self, script: &str, args: &[S]) -> Command {
        let path = scripts_dir().join(script);
        let mut command = Command::new("node");
        command
            .arg(path)
            .args(args)
            .env("NODE_PATH", &self.modules)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        command
    }
}

/// The folder of the node scripts: `tests/oracles/node`.
fn scripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oracles/node")
}
