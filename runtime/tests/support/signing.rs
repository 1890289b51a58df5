//! What the WS-Security signature tests share: test-made RSA credentials, a transport that
//! keeps the requests it is given, and a signed request of the test operation.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::process::Command;
use std::sync::{Arc, Mutex};

use soap_runtime::client::{Client, HttpRequest, HttpResponse, Transport};
use soap_runtime::error::TransportError;
use soap_runtime::wsse::X509Signature;
use soap_runtime::Skipped as NoHeaders;
use soap_runtime::SoapVersion;

use super::{pong, NS, PING};

/// An RSA key (PKCS#8 PEM) and its self-signed certificate (PEM), made by `openssl` in a
/// directory removed on drop.
pub struct Credentials {
    pub dir: PathBuf,
    pub certificate: Vec<u8>,
    pub key: Vec<u8>,
}

impl Drop for Credentials {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn credentials(name: &str) -> Credentials {
    credentials_with(name, "/CN=Signer", &[])
}

/// [`credentials`] for the certificate subject `subject` (`/CN=.../O=...`), with more
/// arguments for `openssl req` (`-set_serial`, `-addext`).
pub fn credentials_with(name: &str, subject: &str, more: &[&str]) -> Credentials {
    let dir =
        std::env::temp_dir().join(format!("soap-runtime-wssig-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let output = Command::new("openssl")
        .current_dir(&dir)
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", subject,
            "-keyout", "key.pem", "-out", "cert.pem",
        ])
        .args(more)
        .output()
        .expect("the `openssl` command is needed to make test keys");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Credentials {
        certificate: std::fs::read(dir.join("cert.pem")).unwrap(),
        key: std::fs::read(dir.join("key.pem")).unwrap(),
        dir,
    }
}

/// A transport that keeps every request body and answers `Ping` with `PingResponse`.
#[derive(Debug, Default)]
pub struct Recording {
    pub bodies: Mutex<Vec<String>>,
}

impl Transport for Recording {
    fn send(
        &self,
        request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        self.bodies
            .lock()
            .unwrap()
            .push(String::from_utf8(request.body).unwrap());
        Box::pin(async {
            Ok(HttpResponse {
                status: 200,
                content_type: Some(String::from("text/xml; charset=utf-8")),
                body: pong("").into(),
            })
        })
    }
}

/// The request a client signing with `signature` sends for one `Ping` in `version`.
pub async fn signed_request(signature: X509Signature, version: SoapVersion) -> String {
    let transport = Arc::new(Recording::default());
    let client = Client::with_transport("http://127.0.0.1:1/ping", transport.clone())
        .with_version(version)
        .with_x509_signature(signature);
    client
        .call::<NoHeaders, (), NoHeaders, ()>(NS, &PING, &NoHeaders, &())
        .await
        .unwrap();
    let mut bodies = transport.bodies.lock().unwrap();
    bodies.pop().unwrap()
}
