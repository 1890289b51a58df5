//! PHP's SOAP extension (ext/soap: `SoapClient`, `SoapServer`, a C SOAP stack much used for
//! rpc/encoded and document/literal services) as an interop peer: its scripts
//! (`tests/oracles/php/`) run by `php` as child processes, each killed when its guard is
//! dropped, every wait bounded by a timeout.
//!
//! `scripts/test.sh` installs `php-cli` and `php-soap` (Debian's packages) where they are
//! missing. Without `php` or its SOAP extension, a test is skipped loudly, and fails in CI
//! ([`skip_unless_ci`]).
//!
//! [`PhpSoap::client`] runs `client.php` (SoapClient calling an endpoint) to its end;
//! [`PhpSoap::server`] starts a SoapServer script under PHP's built-in web server. The scripts'
//! headers say what their JSON holds and how they answer.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::child::{self, Process};
use crate::shared::skip_unless_ci;

/// How long a script may take to run to its end, or a server to start listening.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// `php` with its SOAP extension, runnable.
#[derive(Debug, Clone, Copy)]
pub struct PhpSoap;

impl PhpSoap {
    /// PHP with ext/soap, or `None` (after a loud message) when `php` does not run or lacks
    /// the extension.
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`.
    pub fn locate(test: &str) -> Option<PhpSoap> {
        let has_soap = Command::new("php")
            .args(["-r", "exit(extension_loaded('soap') ? 0 : 1);"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !has_soap {
            skip_unless_ci(&format!(
                "{test} needs PHP with its SOAP extension: `php` does not run or lacks ext/soap \
                 (run `bash scripts/test.sh`, which installs Debian's php-cli and php-soap)"
            ));
            return None;
        }
        Some(PhpSoap)
    }

    /// PHP's SoapClient (`client.php`) loading `wsdl` and calling `endpoint` with the calls of
    /// `calls` (JSON, see the script): a JSON array of what it decoded of each answer, in
    /// order, one item per call.
    ///
    /// # Panics
    ///
    /// When the script fails (SoapClient could not load the WSDL, or met an error that is not
    /// a SOAP fault), prints no JSON array of one item per call, or runs longer than
    /// [`TIMEOUT`].
    pub fn client(&self, wsdl: &Path, endpoint: &str, calls: &str) -> Value {
        let mut command = Command::new("php");
        command
            .arg(scripts_dir().join("client.php"))
            .arg(wsdl)
            .arg(endpoint)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let output = child::run(command, "client.php", calls, TIMEOUT);
        let results: Value = serde_json::from_str(&output)
            .unwrap_or_else(|e| panic!("client.php printed {output:?}, not JSON: {e}"));
        let sent: Value = serde_json::from_str(calls).expect("the calls are JSON");
        assert_eq!(
            results.as_array().map(Vec::len),
            sent["calls"].as_array().map(Vec::len),
            "client.php answered {results} to {calls}"
        );
        results
    }

    /// The SoapServer script `script` (in `tests/oracles/php/`) serving `wsdl` under PHP's
    /// built-in web server on 127.0.0.1, at every path.
    ///
    /// # Panics
    ///
    /// When the server cannot start or does not listen within [`TIMEOUT`].
    pub fn server(&self, script: &str, wsdl: &Path) -> PhpServer {
        self.server_with(script, wsdl, &[])
    }

    /// Like [`PhpSoap::server`], with PHP settings `ini` (`name=value`, as `php -d` takes them):
    /// `zlib.output_compression=1` to have PHP compress its answers for clients that accept it.
    ///
    /// # Panics
    ///
    /// When the server cannot start or does not listen within [`TIMEOUT`].
    pub fn server_with(&self, script: &str, wsdl: &Path, ini: &[&str]) -> PhpServer {
        PhpServer::start(&scripts_dir().join(script), &[("SOAP_WSDL", wsdl)], ini)
    }
}

/// The folder of the PHP scripts: `tests/oracles/php`.
fn scripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oracles/php")
}

/// A PHP script under PHP's built-in web server (ext/soap's SoapServer started by
/// [`PhpSoap::server`], NuSOAP's server); killed when dropped.
pub struct PhpServer {
    _process: Process,
    port: u16,
}

impl PhpServer {
    /// The router script `script` under PHP's built-in web server (`php -S`) on a free port of
    /// 127.0.0.1, with the environment variables `env` and the PHP settings `ini` (`name=value`,
    /// as `php -d` takes them); shared by the PHP peers (ext/soap's, NuSOAP's).
    ///
    /// # Panics
    ///
    /// When the server cannot start or does not listen within [`TIMEOUT`].
    pub fn start(script: &Path, env: &[(&str, &Path)], ini: &[&str]) -> PhpServer {
        let name = script.file_name().map_or_else(
            || script.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        // A free port: taken from the system, released, and given to PHP.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map(|addr| addr.port())
            .expect("a free port on 127.0.0.1");
        let mut command = Command::new("php");
        for setting in ini {
            command.arg("-d").arg(setting);
        }
        command
            .arg("-S")
            .arg(format!("127.0.0.1:{port}"))
            .arg(script)
            .envs(env.iter().copied())
            // A worker per request is not needed; one keeps the server's answers in order.
            .env("PHP_CLI_SERVER_WORKERS", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            // The built-in server logs every request there: kept out of the test's output.
            .stderr(Stdio::null());
        let mut process = Process::spawn(command, &name);
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + TIMEOUT;
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if let Ok(Some(status)) = process.child.try_wait() {
                panic!("{name} under `php -S` ended ({status}) before listening on {addr}");
            }
            assert!(
                Instant::now() < deadline,
                "{name} under `php -S` did not listen on {addr} within {TIMEOUT:?}"
            );
            thread::sleep(Duration::from_millis(20));
        }
        PhpServer {
            _process: process,
            port,
        }
    }

    /// The port it listens on, on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}
