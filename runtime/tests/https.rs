//! The default transport speaks https (rustls): a call to a local TLS server whose self-signed
//! certificate's CA the client is told to trust, and a refusal when it is not trusted.

mod support;

use std::sync::Arc;

use soap_runtime::client::{HttpRequest, Transport};
use soap_runtime::{HttpTransport, TransportError};
use support::{certificates, https_server};

const ANSWER: &str = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><Pong/></s:Body></s:Envelope>";

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
    let certs = certificates("https");
    let server = https_server(&certs, None, Arc::new(|_| (200, ANSWER.to_string()))).await;
    let url = format!("https://127.0.0.1:{}/svc", server.addr.port());

    let trusting = HttpTransport::builder()
        .add_root_certificate_pem(&certs.ca_pem)
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
}
