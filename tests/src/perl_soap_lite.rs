//! Perl's SOAP stacks as interop peers: SOAP::Lite (1.27, the classic Perl SOAP client and
//! server, rpc/encoded by default) and SOAP::WSDL (3.004, whose `wsdl2perl` generates Perl
//! classes from a document/literal WSDL). Their programs (`tests/oracles/perl/`) run by `perl`
//! as child processes ([`crate::child`]), each killed when its guard is dropped, every wait
//! bounded by a timeout.
//!
//! `scripts/test.sh` installs Debian's `libsoap-lite-perl` and `libsoap-wsdl-perl` where they
//! are missing. Without `perl` or SOAP::Lite, a test is skipped loudly, and fails in CI
//! ([`skip_unless_ci`]).
//!
//! [`SoapLite::client`] runs `client.pl` (SOAP::Lite calling an endpoint) to its end;
//! [`SoapLite::server`] starts `server.pl` (a `SOAP::Transport::HTTP::Daemon` on a free port),
//! whose decoded requests [`PeerServer::next_request`] reads; [`SoapLite::wsdl2perl`] runs
//! SOAP::WSDL's generator. The programs' headers say what their JSON holds, and name the
//! quirks of SOAP::Lite they work around.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::child::{self, PeerServer};
use crate::shared::skip_unless_ci;

/// How long a program may take to run to its end, or a server to start listening.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// A SOAP::Lite server started by [`SoapLite::server`], listening on 127.0.0.1; killed when
/// dropped.
pub type SoapLiteServer = PeerServer;

/// `perl` with SOAP::Lite, runnable.
#[derive(Debug, Clone, Copy)]
pub struct SoapLite;

/// Whether `perl` runs and loads `module`.
fn perl_has(module: &str) -> bool {
    Command::new("perl")
        .arg(format!("-M{module}"))
        .args(["-e", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

impl SoapLite {
    /// Perl with SOAP::Lite, or `None` (after a loud message) when `perl` does not run or
    /// lacks the module.
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`.
    pub fn locate(test: &str) -> Option<SoapLite> {
        if !perl_has("SOAP::Lite") {
            skip_unless_ci(&format!(
                "{test} needs Perl's SOAP::Lite: `perl -MSOAP::Lite` fails (run `bash \
                 scripts/test.sh`, which installs Debian's libsoap-lite-perl)"
            ));
            return None;
        }
        Some(SoapLite)
    }

    /// Like [`SoapLite::locate`], for SOAP::WSDL's generator `wsdl2perl` too.
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`.
    pub fn locate_wsdl(test: &str) -> Option<SoapLite> {
        let generator = Command::new("wsdl2perl")
            .arg("--help")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok();
        if !generator || !perl_has("SOAP::WSDL") {
            skip_unless_ci(&format!(
                "{test} needs Perl's SOAP::WSDL and its wsdl2perl (run `bash scripts/test.sh`, \
                 which installs Debian's libsoap-wsdl-perl)"
            ));
            return None;
        }
        SoapLite::locate(test)
    }

    /// SOAP::Lite's client (`client.pl`) calling `endpoint` by the contract `contract`
    /// (`store`, `ledger` or `library`, see the program) with the calls of `calls` (JSON, see
    /// the program): a JSON array of what it decoded of each answer, in order, one item per
    /// call.
    ///
    /// # Panics
    ///
    /// When the program fails (an error that is not a SOAP fault), prints no JSON array of one
    /// item per call, or runs longer than [`TIMEOUT`].
    pub fn client(&self, contract: &str, endpoint: &str, calls: &Value) -> Value {
        let mut command = Command::new("perl");
        command
            .arg(programs_dir().join("client.pl"))
            .arg(contract)
            .arg(endpoint)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let output = child::run(command, "client.pl", &calls.to_string(), TIMEOUT);
        let results: Value = serde_json::from_str(&output)
            .unwrap_or_else(|e| panic!("client.pl printed {output:?}, not JSON: {e}"));
        assert_eq!(
            results.as_array().map(Vec::len),
            calls["calls"].as_array().map(Vec::len),
            "client.pl answered {results} to {calls}"
        );
        results
    }

    /// SOAP::Lite's server (`server.pl`) on 127.0.0.1, serving `wsdl/rpc.wsdl`'s `Store` and
    /// `wsdl/ledger.wsdl`'s `Ledger` (rpc/encoded) at every path.
    ///
    /// # Panics
    ///
    /// When the server cannot start or prints no port within [`TIMEOUT`].
    pub fn server(&self) -> SoapLiteServer {
        let mut command = Command::new("perl");
        command
            .arg(programs_dir().join("server.pl"))
            .stderr(Stdio::inherit());
        PeerServer::start(command, "server.pl", TIMEOUT)
    }

    /// SOAP::WSDL's `wsdl2perl` generating its client classes from `wsdl` into a scratch
    /// folder (removed again): what it printed and the files it wrote, whether or not it
    /// succeeded.
    ///
    /// # Panics
    ///
    /// When `wsdl2perl` cannot start, or the scratch folder cannot be made or read.
    pub fn wsdl2perl(&self, wsdl: &Path) -> Generated {
        let out = std::env::temp_dir().join(format!("wsdl2perl-{}", std::process::id()));
        std::fs::create_dir_all(&out)
            .unwrap_or_else(|e| panic!("cannot make {}: {e}", out.display()));
        let output = Command::new("wsdl2perl")
            .arg("-b")
            .arg(&out)
            .arg(format!("file://{}", wsdl.display()))
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot start wsdl2perl: {e}"));
        let mut files = Vec::new();
        list_files(&out, &out, &mut files);
        files.sort();
        let _ = std::fs::remove_dir_all(&out);
        Generated {
            printed: format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
            succeeded: output.status.success(),
            files,
        }
    }
}

/// What [`SoapLite::wsdl2perl`] did.
#[derive(Debug)]
pub struct Generated {
    /// Its standard output and error.
    pub printed: String,
    /// Whether it ended with success.
    pub succeeded: bool,
    /// The files it wrote, relative to its output folder, `/`-separated, sorted.
    pub files: Vec<String>,
}

/// Adds the files under `dir` to `files`, relative to `root`.
fn list_files(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            list_files(root, &path, files);
        } else if let Ok(relative) = path.strip_prefix(root) {
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The folder of the Perl programs: `tests/oracles/perl`.
fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oracles/perl")
}
