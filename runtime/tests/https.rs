//! The default transport speaks https (rustls): a call to a local TLS server whose self-signed
//! certificate's CA the client is told to trust, and a refusal when it is not trusted.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use soap_runtime::client::{HttpRequest, Transport};
use soap_runtime::{HttpTransport, TransportError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

/// Runs `openssl` with `args` in `dir`; true on success.
fn openssl(dir: &Path, args: &[&str]) -> bool {
    Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A test CA and a server certificate for 127.0.0.1 and localhost signed by it, made with the
/// `openssl` command: (CA certificate, server certificate chain, server key), all PEM.
fn certificates(dir: &Path) -> Option<(Vec<u8>, Vec<u8>, Vec<u8>)> {
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .ok()?;
    let made = openssl(
        dir,
        &[
            &["req", "-x509"],
            &ec[..],
            &[
                "-days",
                "1",
                "-subj",
                "/CN=Test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
            ],
        ]
        .concat(),
    ) && openssl(
        dir,
        &[
            &["req"],
            &ec[..],
            &[
                "-subj",
                "/CN=localhost",
                "-keyout",
                "leaf.key",
                "-out",
                "leaf.csr",
            ],
        ]
        .concat(),
    ) && openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "1",
            "-extfile",
            "leaf.ext",
            "-out",
            "leaf.pem",
        ],
    );
    let read = |name: &str| std::fs::read(dir.join(name)).ok();
    if made {
        Some((read("ca.pem")?, read("leaf.pem")?, read("leaf.key")?))
    } else {
        None
    }
}

const ANSWER: &str = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><Pong/></s:Body></s:Envelope>";

async fn tls_server(cert_pem: &[u8], key_pem: &[u8]) -> std::net::SocketAddr {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(cert_pem)
        .collect::<Result<_, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(key_pem).unwrap();
    let config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut request = vec![0u8; 4096];
                let _ = tls.read(&mut request).await;
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/xml; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{ANSWER}",
                    ANSWER.len()
                );
                let _ = tls.write_all(response.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    addr
}

fn ping(url: String) -> HttpRequest {
    HttpRequest {
        url,
        content_type: "text/xml; charset=utf-8".into(),
        soap_action: Some("urn:ping".into()),
        body: b"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><Ping/></s:Body></s:Envelope>".to_vec(),
    }
}

#[tokio::test]
async fn https_with_a_trusted_certificate() {
    let dir = std::env::temp_dir().join(format!("soap-runtime-https-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let Some((ca, cert, key)) = certificates(&dir) else {
        panic!("the `openssl` command is needed to make test certificates");
    };
    let addr = tls_server(&cert, &key).await;
    let url = format!("https://127.0.0.1:{}/svc", addr.port());

    let trusting = HttpTransport::builder()
        .add_root_certificate_pem(&ca)
        .unwrap()
        .build()
        .unwrap();
    let answer = trusting.send(ping(url.clone())).await.unwrap();
    assert_eq!(answer.status, 200);
    assert_eq!(&answer.body[..], ANSWER.as_bytes());

    let default = HttpTransport::new();
    let refused = default.send(ping(url)).await.unwrap_err();
    assert!(
        matches!(
            refused,
            TransportError::Connect { .. } | TransportError::Other { .. }
        ),
        "{refused:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
