//! The generated EMail client, unchanged, with what real deployments add around it: HTTP Basic
//! credentials and an API key on the transport, a WS-Security UsernameToken and an undeclared
//! SOAP header on the runtime client, a header for one call, and an undeclared answer header
//! read back, over HTTP on 127.0.0.1 against a server written here.

use std::sync::{Arc, Mutex};

use services82_email::{EMailAgent, SoCredentials};
use soap_runtime::client::{with_call_headers, HttpTransport};
use soap_runtime::wsse::{ReceivedUsernameToken, UsernameToken};
use soap_runtime::xml::XmlReader;
use soap_runtime::{Client, Limits, XmlElement};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SERVICES82: &str = "http://www.superoffice.net/ws/crm/NetServer/Services82";
const WSSE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

/// The answer to `RefreshFolder`: the declared `Succeeded` header, an undeclared `Session`
/// header and the body.
fn answer() -> String {
    format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header><Succeeded xmlns=\"{SERVICES82}\">true</Succeeded><v:Session xmlns:v=\"urn:vendor\">sess-1</v:Session></s:Header><s:Body><RefreshFolderResponse xmlns=\"{SERVICES82}\"><Response>7</Response></RefreshFolderResponse></s:Body></s:Envelope>"
    )
}

/// A server that keeps each request (head and body) and answers [`answer`].
async fn server() -> (String, Arc<Mutex<Vec<(String, String)>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/Remote/Services82/EMail.svc",
        listener.local_addr().unwrap()
    );
    let seen = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut tcp, _)) = listener.accept().await {
            let kept = Arc::clone(&kept);
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 8192];
                let (head, body) = loop {
                    let n = tcp.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    buffer.extend_from_slice(&chunk[..n]);
                    let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
                        continue;
                    };
                    let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    if buffer.len() >= end + 4 + length {
                        let body = String::from_utf8_lossy(&buffer[end + 4..]).to_string();
                        break (head, body);
                    }
                };
                kept.lock().unwrap().push((head, body));
                let answer = answer();
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/xml; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
                    answer.len()
                );
                let _ = tcp.write_all(response.as_bytes()).await;
            });
        }
    });
    (url, seen)
}

/// The local names of the request's header elements, in order.
fn header_names(body: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(body).unwrap();
    let header = document
        .descendants()
        .find(|n| n.tag_name().name() == "Header")
        .unwrap();
    header
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name().to_string())
        .collect()
}

#[tokio::test]
async fn the_generated_client_sends_credentials_and_undeclared_headers_and_reads_one_back() {
    let (url, seen) = server().await;
    let transport = HttpTransport::builder()
        .basic_auth("anna", "http-pw")
        .unwrap()
        .header("X-Api-Key", "key-1")
        .unwrap()
        .build()
        .unwrap();
    let client = Client::with_transport(url, Arc::new(transport))
        .with_username_token(UsernameToken::digest("anna", "ws-pw"))
        .with_soap_header(
            XmlElement::new("urn:example:tenant", "Tenant")
                .with_prefix("t")
                .with_text("north"),
        );
    let agent = EMailAgent::with_client(client).with_credentials(SoCredentials {
        ticket: Some("7T:abc".into()),
    });

    // Outside a scope: the declared API as it always was.
    assert_eq!(agent.refresh_folder(None, None).await.unwrap(), 7);

    let trace = XmlElement::new("urn:example:trace", "TraceId").with_text("4bf92f35");
    let (result, received) = with_call_headers(
        vec![trace],
        agent.refresh_folder_message(Default::default()),
    )
    .await;
    let reply = result.unwrap();
    assert_eq!(reply.headers.succeeded, Some(true));
    assert_eq!(reply.body.response, Some(7));
    assert_eq!(
        received.get("urn:vendor", "Session").map(XmlElement::text),
        Some(String::from("sess-1"))
    );
    assert_eq!(
        received.headers.len(),
        1,
        "declared headers are not repeated"
    );

    let seen = std::mem::take(&mut *seen.lock().unwrap());
    assert_eq!(seen.len(), 2);
    for (index, (head, body)) in seen.iter().enumerate() {
        assert!(head.contains("authorization: basic "), "{head}");
        assert!(head.contains("x-api-key: key-1"), "{head}");
        let mut expected = vec!["Security", "Tenant", "Credentials"];
        if index == 1 {
            expected.insert(2, "TraceId");
        }
        assert_eq!(header_names(body), expected, "request {index}");

        // The UsernameToken checks with the password, through the runtime's own reader.
        let start = body.find("<wsse:Security").unwrap();
        let end = body.find("</wsse:Security>").unwrap() + "</wsse:Security>".len();
        let security = body[start..end].replace(
            "<wsse:Security ",
            "<wsse:Security xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" ",
        );
        let mut r = XmlReader::new(security.as_bytes(), Limits::default()).unwrap();
        let root = r.root().unwrap();
        let element = XmlElement::read(&mut r, &root).unwrap();
        assert_eq!(element.namespace, WSSE);
        let token = ReceivedUsernameToken::from_security_header(&element).unwrap();
        token.verify("ws-pw").unwrap();
        assert!(token.verify("other").is_err());
    }
}
