//! Ruby's soap4r (2.0.5, Ruby's SOAP stack: a WSDL driver, the generator `wsdl2ruby` and a
//! WEBrick servlet) as an interop peer. Its programs (`tests/oracles/ruby/`) run by `ruby` as
//! child processes ([`crate::child`]), each killed when its guard is dropped, every wait
//! bounded by a timeout.
//!
//! `scripts/test.sh` installs Debian's `ruby-soap4r` and `ruby-webrick` where they are missing.
//! Without `ruby` or soap4r, a test is skipped loudly, and fails in CI ([`skip_unless_ci`]).
//!
//! [`Soap4r::client`] runs `client.rb` (soap4r's WSDL driver calling an endpoint) to its end,
//! [`Soap4r::generated_client`] the same through the driver class `wsdl2ruby` writes;
//! [`Soap4r::server`] starts `server.rb` (wsdl2ruby's servlets on WEBrick, on a free port),
//! whose decoded requests [`PeerServer::next_request`] reads. The programs' headers say what
//! their JSON holds, and name the quirks of soap4r they work around.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::child::{self, PeerServer};
use crate::shared::skip_unless_ci;

/// How long a program may take to run to its end, or a server to start listening.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// `ruby` with soap4r and WEBrick, runnable.
#[derive(Debug, Clone, Copy)]
pub struct Soap4r;

impl Soap4r {
    /// Ruby with soap4r and WEBrick, or `None` (after a loud message) when `ruby` does not run
    /// or lacks them.
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`.
    pub fn locate(test: &str) -> Option<Soap4r> {
        let loads = Command::new("ruby")
            .args([
                "-e",
                "$VERBOSE = nil; require 'soap/wsdlDriver'; require 'webrick'",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !loads {
            skip_unless_ci(&format!(
                "{test} needs Ruby's soap4r and WEBrick: `ruby -e \"require 'soap/wsdlDriver'\"` \
                 fails (run `bash scripts/test.sh`, which installs Debian's ruby-soap4r and \
                 ruby-webrick)"
            ));
            return None;
        }
        Some(Soap4r)
    }

    /// soap4r's WSDL driver (`client.rb`) calling `endpoint` by the contract `wsdl` through its
    /// port `port`, with the calls of `calls` (JSON, see the program): a JSON array of what it
    /// decoded of each answer, in order, one item per call.
    ///
    /// # Panics
    ///
    /// When the program fails (an error that is not a SOAP fault), prints no JSON array of one
    /// item per call, or runs longer than [`TIMEOUT`].
    pub fn client(&self, wsdl: &Path, port: &str, endpoint: &str, calls: &Value) -> Value {
        run_client(&[wsdl.as_os_str(), port.as_ref(), endpoint.as_ref()], calls)
    }

    /// Like [`Soap4r::client`], through the driver class `wsdl2ruby` writes of the contract
    /// (in the Ruby module `module`) instead of the WSDL driver.
    ///
    /// # Panics
    ///
    /// As [`Soap4r::client`].
    pub fn generated_client(
        &self,
        wsdl: &Path,
        port: &str,
        endpoint: &str,
        module: &str,
        calls: &Value,
    ) -> Value {
        let args = [
            wsdl.as_os_str(),
            port.as_ref(),
            endpoint.as_ref(),
            module.as_ref(),
        ];
        run_client(&args, calls)
    }

    /// soap4r's server (`server.rb`) on 127.0.0.1, serving the contracts of `wsdl_dir` (the
    /// corpus's `wsdl` folder): `rpc.wsdl`'s `Store` at `/store/encoded` and `ledger.wsdl`'s
    /// `Ledger` at `/ledger` (rpc/encoded).
    ///
    /// # Panics
    ///
    /// When the server cannot start or prints no port within [`TIMEOUT`].
    pub fn server(&self, wsdl_dir: &Path) -> PeerServer {
        let mut command = Command::new("ruby");
        command
            .arg(programs_dir().join("server.rb"))
            .arg(wsdl_dir)
            .stderr(Stdio::inherit());
        PeerServer::start(command, "server.rb", TIMEOUT)
    }
}

/// Runs `client.rb` with `args` to its end, `calls` on its standard input: the JSON array it
/// printed, checked to hold one item per call.
fn run_client(args: &[&std::ffi::OsStr], calls: &Value) -> Value {
    let mut command = Command::new("ruby");
    command
        .arg(programs_dir().join("client.rb"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let output = child::run(command, "client.rb", &calls.to_string(), TIMEOUT);
    let results: Value = serde_json::from_str(&output)
        .unwrap_or_else(|e| panic!("client.rb printed {output:?}, not JSON: {e}"));
    assert_eq!(
        results.as_array().map(Vec::len),
        calls["calls"].as_array().map(Vec::len),
        "client.rb answered {results} to {calls}"
    );
    results
}

/// The folder of the Ruby programs: `tests/oracles/ruby`.
fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oracles/ruby")
}
