//! Two Python SOAP stacks nobody here wrote, as interop peers: suds (`suds-community`, the
//! long-lived Python SOAP client) and Spyne (a Python SOAP server framework). Their programs
//! (`tests/oracles/suds/client.py`, `tests/oracles/spyne/`) run with the oracles'
//! Python as child processes ([`crate::child`]), each killed when its guard is dropped, every
//! wait bounded by a timeout.
//!
//! `scripts/test.sh` installs both, pinned in `scripts/oracle-requirements.txt`, into the
//! project's `.venv` and exports `ORACLE_PYTHON`, that venv's Python. Without it, or when that
//! Python lacks the package, a test is skipped loudly, and fails in CI ([`skip_unless_ci`]).
//!
//! [`Suds::client`] runs suds's client to its end; [`Spyne::server`] starts the Spyne service,
//! whose decoded requests [`PeerServer::next_request`] reads, and [`http_get`] fetches what it
//! serves (its WSDL); [`Spyne::client`] runs Spyne's client to its end. The programs' headers say what their JSON holds.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::child::{self, PeerServer};
use crate::shared::skip_unless_ci;

/// How long a program may take to run to its end, or a server to start listening.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The oracles' Python (`ORACLE_PYTHON`) when it imports `module`, or `None` after a loud
/// message naming `test` and `what` needs it.
fn python_with(test: &str, what: &str, module: &str) -> Option<OsString> {
    let Some(python) = std::env::var_os("ORACLE_PYTHON").filter(|p| !p.is_empty()) else {
        skip_unless_ci(&format!(
            "{test} needs {what}: ORACLE_PYTHON is not set (run `bash scripts/test.sh`, which \
             installs scripts/oracle-requirements.txt into .venv)"
        ));
        return None;
    };
    let imports = Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !imports {
        skip_unless_ci(&format!(
            "{test} needs {what}, but the Python of ORACLE_PYTHON ({}) cannot import \
             `{module}` (run `bash scripts/test.sh`, which installs \
             scripts/oracle-requirements.txt into .venv)",
            Path::new(&python).display()
        ));
        return None;
    }
    Some(python)
}

/// The folder of the peers' Python programs: `tests/oracles`.
fn oracles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oracles")
}

/// suds, runnable: the Python that has it.
#[derive(Debug, Clone)]
pub struct Suds {
    python: OsString,
}

impl Suds {
    /// suds as `scripts/test.sh` installed it, or `None` (after a loud message).
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`.
    pub fn locate(test: &str) -> Option<Suds> {
        python_with(test, "suds (suds-community)", "suds").map(|python| Suds { python })
    }

    /// suds's client (`client.py`) loading `wsdl` and calling `endpoint` with the calls of
    /// `calls` (JSON, see the program): a JSON array of what it decoded of each answer, in
    /// order, one item per call.
    ///
    /// # Panics
    ///
    /// When the program fails (suds could not load the WSDL, or met an error that is not a
    /// SOAP fault), prints no JSON array of one item per call, or runs longer than [`TIMEOUT`].
    pub fn client(&self, wsdl: &Path, endpoint: &str, calls: &Value) -> Value {
        let mut command = Command::new(&self.python);
        command
            .arg(oracles_dir().join("suds/client.py"))
            .arg(wsdl)
            .arg(endpoint)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let output = child::run(command, "suds's client.py", &calls.to_string(), TIMEOUT);
        let results: Value = serde_json::from_str(&output)
            .unwrap_or_else(|e| panic!("suds's client.py printed {output:?}, not JSON: {e}"));
        assert_eq!(
            results.as_array().map(Vec::len),
            calls["calls"].as_array().map(Vec::len),
            "suds's client.py answered {results} to {calls}"
        );
        results
    }
}

/// Spyne, runnable: the Python that has it.
#[derive(Debug, Clone)]
pub struct Spyne {
    python: OsString,
}

impl Spyne {
    /// Spyne as `scripts/test.sh` installed it, or `None` (after a loud message).
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`.
    pub fn locate(test: &str) -> Option<Spyne> {
        python_with(test, "Spyne", "spyne").map(|python| Spyne { python })
    }

    /// The Spyne service `orders.py` (`tests/oracles/spyne/`), listening on 127.0.0.1 at `/`.
    ///
    /// # Panics
    ///
    /// When it cannot start or reports no port within [`TIMEOUT`].
    pub fn server(&self) -> PeerServer {
        let mut command = Command::new(&self.python);
        command
            .arg(oracles_dir().join("spyne/orders.py"))
            .stderr(Stdio::inherit());
        PeerServer::start(command, "Spyne's orders.py", TIMEOUT)
    }

    /// The Spyne client program `program` (in `tests/oracles/spyne/`) calling `url`, run to
    /// its end: the JSON it prints.
    ///
    /// # Panics
    ///
    /// When the program fails, prints no JSON, or runs longer than [`TIMEOUT`].
    pub fn client(&self, program: &str, url: &str) -> Value {
        let mut command = Command::new(&self.python);
        command
            .arg(oracles_dir().join("spyne").join(program))
            .arg(url)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let output = child::run(command, program, "", TIMEOUT);
        serde_json::from_str(&output)
            .unwrap_or_else(|e| panic!("{program} printed {output:?}, not JSON: {e}"))
    }
}

/// The body of an HTTP/1.0 `GET` of `path` from 127.0.0.1:`port` (a peer's WSDL), read to
/// the connection's end.
///
/// # Panics
///
/// When the connection fails, takes longer than [`TIMEOUT`], or the answer is not `200 OK`
/// with a UTF-8 body.
pub fn http_get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .unwrap_or_else(|e| panic!("cannot connect to 127.0.0.1:{port}: {e}"));
    stream
        .set_read_timeout(Some(TIMEOUT))
        .expect("a read timeout");
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap_or_else(|e| panic!("cannot send GET {path}: {e}"));
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .unwrap_or_else(|e| panic!("cannot read the answer to GET {path}: {e}"));
    let answer = String::from_utf8(answer).expect("a UTF-8 answer");
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("an HTTP answer to GET {path}: {answer:?}"));
    assert!(
        head.starts_with("HTTP/1.0 200") || head.starts_with("HTTP/1.1 200"),
        "GET {path} answered {head}"
    );
    body.to_owned()
}
