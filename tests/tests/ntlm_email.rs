//! The generated EMail client, unchanged, over `NtlmTransport` (Windows authentication) against
//! pyspnego's NTLM acceptor behind the runtime's NTLM test server
//! (`runtime/tests/support/ntlm_server.py`).
//!
//! Nothing logged at any level, no error and no `Debug` output shows the password.
//!
//! Needs the Python of `ORACLE_PYTHON` with pyspnego (`scripts/test.sh` installs it); skipped
//! loudly without it, and failing instead when `CI` is set.

use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use end_to_end::shared::skip_unless_ci;
use services82_email::EMailAgent;
use soap_runtime::client::{Client, NtlmTransport};
use soap_runtime::{Error, TransportError};

const PASSWORD: &str = "S3cr3t-windows";
const SERVICES82: &str = "http://www.superoffice.net/ws/crm/NetServer/Services82";

/// The NTLM test server, answering `/answer` with a `RefreshFolder` response; stopped when
/// dropped.
struct Server {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn server() -> Option<Server> {
    let Some(python) = std::env::var_os("ORACLE_PYTHON").filter(|p| !p.is_empty()) else {
        skip_unless_ci("ntlm_email needs ORACLE_PYTHON with pyspnego (scripts/test.sh sets it up)");
        return None;
    };
    let dir = std::env::temp_dir().join(format!("end-to-end-ntlm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let users = dir.join("users");
    std::fs::write(&users, format!("CORP:anna:{PASSWORD}\n")).unwrap();
    let answer = dir.join("answer.xml");
    std::fs::write(
        &answer,
        format!(
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header><Succeeded xmlns=\"{SERVICES82}\">true</Succeeded></s:Header><s:Body><RefreshFolderResponse xmlns=\"{SERVICES82}\"><Response>7</Response></RefreshFolderResponse></s:Body></s:Envelope>"
        ),
    )
    .unwrap();
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../runtime/tests/support/ntlm_server.py"
    );
    let mut child = Command::new(python)
        .arg(script)
        .arg("--answer")
        .arg(&answer)
        .env("NTLM_USER_FILE", &users)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the NTLM test server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .strip_prefix("PORT ")
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or_else(|| {
            panic!("the NTLM test server did not start (is pyspnego installed?): {line:?}")
        });
    Some(Server { child, port, dir })
}

fn email_agent(server: &Server, password: &str) -> EMailAgent {
    let transport = NtlmTransport::builder("CORP\\anna", password)
        .build()
        .unwrap();
    let url = format!("http://127.0.0.1:{}/answer", server.port);
    EMailAgent::with_client(Client::with_transport(url, Arc::new(transport)))
}

/// Everything logged by this test binary, at every level.
static LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Writes into [`LOG`].
struct Capture;

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        LOG.lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_generated_client_calls_through_ntlm_and_no_secret_shows() {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(|| Capture)
        .try_init()
        .expect("the only subscriber of this test binary");
    let Some(server) = server() else {
        return;
    };
    let agent = email_agent(&server, PASSWORD);
    for _ in 0..3 {
        assert_eq!(agent.refresh_folder(None, None).await.unwrap(), 7);
    }
    tracing::info!(?agent, "agent");
    let wrong = email_agent(&server, "Wr0ng-S3cr3t");
    let error = wrong.refresh_folder(None, None).await.unwrap_err();
    assert!(
        matches!(error, Error::Transport(TransportError::Unauthorized { .. })),
        "{error:?}"
    );
    tracing::error!(%error, ?error, ?wrong, "call failed");

    let log = String::from_utf8_lossy(&LOG.lock().unwrap()).to_string();
    // The log did capture the calls (so the check below means something).
    for expected in [
        "NTLM: connection authenticated",
        "soap_call{",
        "call failed",
        "<redacted>",
    ] {
        assert!(log.contains(expected), "the log lacks `{expected}`:\n{log}");
    }
    assert!(!log.contains("S3cr3t"), "{log}");
}
