//! NuSOAP (0.9.5, the pure-PHP SOAP toolkit behind many PHP applications; Debian's
//! `libnusoap-php`, distinct from PHP's ext/soap of [`crate::php_soap`]) as an interop peer: its
//! programs (`tests/oracles/nusoap/`) run by `php` as child processes, each killed when its
//! guard is dropped, every wait bounded by a timeout.
//!
//! `scripts/test.sh` installs `libnusoap-php` and `php-xml` (NuSOAP parses with PHP's XML
//! extension, which Debian's package does not pull in) where they are missing. Without them a
//! test is skipped loudly, and fails in CI ([`skip_unless_ci`]).
//!
//! [`NuSoap::client`] runs `client.php` (`nusoap_client` in WSDL mode calling an endpoint) to
//! its end; [`NuSoap::server`] starts `server.php`, NuSOAP's `soap_server`s that publish their
//! own WSDL, under PHP's built-in web server ([`PhpServer::start`]). The programs' headers say
//! what their JSON holds, how they answer, and which quirks of NuSOAP they work around.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::child;
use crate::php_soap::{PhpServer, TIMEOUT};
use crate::shared::skip_unless_ci;

/// `php` that loads NuSOAP, runnable.
#[derive(Debug, Clone, Copy)]
pub struct NuSoap;

impl NuSoap {
    /// PHP with NuSOAP and PHP's XML extension, or `None` (after a loud message) when `php`
    /// does not run, NuSOAP is not on its include path or the extension is missing.
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`.
    pub fn locate(test: &str) -> Option<NuSoap> {
        let found = Command::new("php")
            .args([
                "-r",
                "exit(stream_resolve_include_path('nusoap/nusoap.php') !== false \
                 && function_exists('xml_parser_create') ? 0 : 1);",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !found {
            skip_unless_ci(&format!(
                "{test} needs NuSOAP: `php` does not run, finds no nusoap/nusoap.php or lacks \
                 its XML extension (run `bash scripts/test.sh`, which installs Debian's \
                 libnusoap-php and php-xml)"
            ));
            return None;
        }
        Some(NuSoap)
    }

    /// NuSOAP's client (`client.php`) loading `wsdl`, calling `endpoint` by the WSDL's port
    /// `port` with the calls of `calls` (JSON, see the program): a JSON array of what it
    /// decoded of each answer, in order, one item per call.
    ///
    /// # Panics
    ///
    /// When the program fails (NuSOAP could not load the WSDL, or met an error that is not a
    /// SOAP fault), prints no JSON array of one item per call, or runs longer than
    /// [`TIMEOUT`].
    pub fn client(&self, wsdl: &Path, port: &str, endpoint: &str, calls: &Value) -> Value {
        let mut command = Command::new("php");
        command
            .arg(programs_dir().join("client.php"))
            .arg(wsdl)
            .arg(port)
            .arg(endpoint)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let output = child::run(command, "NuSOAP's client.php", &calls.to_string(), TIMEOUT);
        let results: Value = serde_json::from_str(&output)
            .unwrap_or_else(|e| panic!("client.php printed {output:?}, not JSON: {e}"));
        assert_eq!(
            results.as_array().map(Vec::len),
            calls["calls"].as_array().map(Vec::len),
            "client.php answered {results} to {calls}"
        );
        results
    }

    /// NuSOAP's services (`server.php`) under PHP's built-in web server on 127.0.0.1: the
    /// rpc/encoded `NuLedger` at `/ledger` and the document/literal `NuShelf` at `/shelf`,
    /// each serving its WSDL at `PATH?wsdl`.
    ///
    /// # Panics
    ///
    /// When the server cannot start or does not listen within [`TIMEOUT`].
    pub fn server(&self) -> PhpServer {
        PhpServer::start(&programs_dir().join("server.php"), &[], &[])
    }
}

/// The folder of NuSOAP's programs: `tests/oracles/nusoap`.
pub fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oracles/nusoap")
}
