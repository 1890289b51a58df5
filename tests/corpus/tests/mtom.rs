//! MTOM as WCF writes it (`messageEncoding="Mtom"`), SOAP 1.1 and 1.2, against the generated
//! vault client and server (`wsdl/addressing.wsdl`, whose policy asks for MTOM and
//! WS-Addressing). The messages are written here by hand after WCF's layout: a
//! `uuid:…+id=N` boundary, the root part `<http://tempuri.org/0>` first, Content-IDs that are
//! URLs and so percent-encoded in the `cid:` href, binary parts. Everything goes over HTTP on
//! 127.0.0.1: a WCF-like service answers the generated clients, and WCF-like requests are
//! posted to the generated servers.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use soap_runtime::client::{HttpRequest, HttpResponse, HttpTransport, Transport};
use soap_runtime::server::{Server, SoapHandler, SoapRequest, SoapResponse};
use soap_runtime::{Fault, Limits, Message, SoapVersion};
use wsdl_corpus::{vault11, vault12};

const WSA10: &str = "http://www.w3.org/2005/08/addressing";
const WSA2004: &str = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

/// Bytes no text encoding survives: every byte value, CR LF pairs and a fake delimiter.
fn payload(len: usize) -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 256) as u8).collect();
    let trap = b"\r\n--uuid:not-the-boundary\r\n";
    bytes[100..100 + trap.len()].copy_from_slice(trap);
    bytes
}

struct Wcf {
    version: SoapVersion,
    boundary: &'static str,
}

impl Wcf {
    fn content_type(&self, action: Option<&str>) -> String {
        let start_info = match self.version {
            SoapVersion::Soap11 => "text/xml",
            SoapVersion::Soap12 => "application/soap+xml",
        };
        let mut ct = format!(
            "multipart/related; type=\"application/xop+xml\";start=\"<http://tempuri.org/0>\";boundary=\"{}\";start-info=\"{start_info}\"",
            self.boundary
        );
        if let Some(action) = action {
            ct.push_str(&format!(";action=\"{action}\""));
        }
        ct
    }

    /// The body: the envelope as root part, then `parts` (Content-ID, bytes).
    fn body(&self, envelope: &str, parts: &[(&str, &[u8])]) -> Vec<u8> {
        let inner = match self.version {
            SoapVersion::Soap11 => "text/xml",
            SoapVersion::Soap12 => "application/soap+xml",
        };
        let mut body = format!(
            "--{b}\r\nContent-ID: <http://tempuri.org/0>\r\nContent-Transfer-Encoding: 8bit\r\nContent-Type: application/xop+xml;charset=utf-8;type=\"{inner}\"\r\n\r\n{envelope}\r\n",
            b = self.boundary
        )
        .into_bytes();
        for (id, bytes) in parts {
            body.extend_from_slice(
                format!(
                    "--{b}\r\nContent-ID: <{id}>\r\nContent-Transfer-Encoding: binary\r\nContent-Type: application/octet-stream\r\n\r\n",
                    b = self.boundary
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        body
    }

    fn envelope_ns(&self) -> (&'static str, &'static str) {
        match self.version {
            SoapVersion::Soap11 => ("http://schemas.xmlsoap.org/soap/envelope/", WSA2004),
            SoapVersion::Soap12 => ("http://www.w3.org/2003/05/soap-envelope", WSA10),
        }
    }
}

/// Answers every Fetch as a WCF service would, relating to the request's message ID.
#[derive(Debug)]
struct WcfService {
    version: SoapVersion,
    content: Vec<u8>,
}

impl SoapHandler for WcfService {
    fn handle(
        &self,
        request: SoapRequest,
    ) -> Pin<Box<dyn Future<Output = SoapResponse> + Send + '_>> {
        let wcf = Wcf {
            version: self.version,
            boundary: "uuid:7c3b1f4e-26d9-4c8a-b0e5-9a41d2f6c0aa+id=4",
        };
        let envelope = soap_runtime::mtom::envelope_bytes(
            &request.body,
            request.content_type.as_deref(),
            &Limits::default(),
        )
        .expect("our request is MTOM");
        let envelope = String::from_utf8_lossy(envelope);
        let id = envelope
            .split("MessageID")
            .nth(1)
            .and_then(|s| s.split('>').nth(1))
            .and_then(|s| s.split('<').next())
            .unwrap_or_default()
            .to_string();
        let (soap, wsa) = wcf.envelope_ns();
        let cid = "http://tempuri.org/1/638123456789012345";
        let href = "cid:http%3A%2F%2Ftempuri.org%2F1%2F638123456789012345";
        let answer = format!(
            r#"<s:Envelope xmlns:s="{soap}" xmlns:a="{wsa}"><s:Header><a:Action s:mustUnderstand="1">http://example.org/vault/Vault/FetchResponse</a:Action><a:RelatesTo>{id}</a:RelatesTo></s:Header><s:Body><FetchResponse xmlns="http://example.org/vault"><Name>report.bin</Name><Content><xop:Include href="{href}" xmlns:xop="http://www.w3.org/2004/08/xop/include"/></Content><Thumbnail>AAEC</Thumbnail></FetchResponse></s:Body></s:Envelope>"#
        );
        let response = SoapResponse {
            status: 200,
            content_type: wcf.content_type(None).into(),
            body: wcf.body(&answer, &[(cid, &self.content)]).into(),
        };
        Box::pin(async move { response })
    }
}

/// Serves `handler` over HTTP on 127.0.0.1.
async fn serve(handler: Arc<dyn SoapHandler>) -> Server {
    Server::bind("127.0.0.1:0", "/vault", handler, Limits::default())
        .await
        .expect("bind")
}

#[tokio::test]
async fn the_client_reads_mtom_answers_as_wcf_writes_them() {
    let content = payload(70_000);
    let wcf12 = serve(Arc::new(WcfService {
        version: SoapVersion::Soap12,
        content: content.clone(),
    }))
    .await;
    let client12 = vault12::VaultClient::new(wcf12.url());
    let fetched = client12.fetch("report.bin".into()).await.unwrap();
    assert_eq!(fetched.content.as_deref(), Some(content.as_slice()));
    assert_eq!(fetched.thumbnail, vec![vec![0, 1, 2]]);

    let wcf11 = serve(Arc::new(WcfService {
        version: SoapVersion::Soap11,
        content: content.clone(),
    }))
    .await;
    let client11 = vault11::VaultClient::new(wcf11.url());
    let fetched = client11.fetch("report.bin".into()).await.unwrap();
    assert_eq!(fetched.content, Some(content));
    wcf12.shutdown().await;
    wcf11.shutdown().await;
}

#[derive(Default)]
struct Vault {
    stored: Mutex<Vec<(String, Vec<u8>)>>,
}

macro_rules! vault {
    ($module:ident) => {
        impl $module::VaultService for Vault {
            async fn store(
                &self,
                request: Message<$module::RequestHeaders, $module::Store>,
            ) -> Result<Message<$module::ResponseHeaders, $module::StoreResponse>, Fault> {
                let size = request.body.content.len() as i32;
                self.stored
                    .lock()
                    .unwrap()
                    .push((request.body.name, request.body.content));
                Ok(Message {
                    headers: Default::default(),
                    body: $module::StoreResponse { size },
                })
            }

            async fn fetch(
                &self,
                request: Message<$module::RequestHeaders, $module::Fetch>,
            ) -> Result<Message<$module::ResponseHeaders, $module::FetchResponse>, Fault> {
                let stored = self.stored.lock().unwrap();
                let content = stored
                    .iter()
                    .find(|(n, _)| *n == request.body.name)
                    .map(|(_, c)| c.clone());
                Ok(Message {
                    headers: Default::default(),
                    body: $module::FetchResponse {
                        name: request.body.name.clone(),
                        content,
                        thumbnail: Vec::new(),
                    },
                })
            }
        }
    };
}

vault!(vault12);
vault!(vault11);

/// POSTs `request` to `url` over HTTP.
async fn post(url: &str, request: SoapRequest) -> HttpResponse {
    let request = HttpRequest {
        url: url.to_string(),
        content_type: request.content_type.map(String::from).unwrap_or_default(),
        soap_action: request.soap_action.map(String::from),
        body: request.body.to_vec(),
    };
    HttpTransport::new().send(request).await.expect("an answer")
}

/// A Store request as a WCF client writes it.
fn store_request(wcf: &Wcf, action_in_content_type: bool, content: &[u8]) -> SoapRequest {
    let (soap, wsa) = wcf.envelope_ns();
    let cid = "http://tempuri.org/1/638123456789099999";
    let href = "cid:http%3A%2F%2Ftempuri.org%2F1%2F638123456789099999";
    let action = "http://example.org/vault/Vault/Store";
    let envelope = format!(
        r#"<s:Envelope xmlns:s="{soap}" xmlns:a="{wsa}"><s:Header><a:Action s:mustUnderstand="1">{action}</a:Action><a:MessageID>urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e</a:MessageID><a:ReplyTo><a:Address>{anon}</a:Address></a:ReplyTo><a:To s:mustUnderstand="1">http://127.0.0.1/vault</a:To></s:Header><s:Body><Store xmlns="http://example.org/vault"><Name>upload.bin</Name><Content><xop:Include href="{href}" xmlns:xop="http://www.w3.org/2004/08/xop/include"/></Content></Store></s:Body></s:Envelope>"#,
        anon = if wsa == WSA10 {
            "http://www.w3.org/2005/08/addressing/anonymous"
        } else {
            "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
        }
    );
    let (content_type, soap_action) = match wcf.version {
        SoapVersion::Soap12 => (
            wcf.content_type(action_in_content_type.then_some(action)),
            None,
        ),
        SoapVersion::Soap11 => (wcf.content_type(None), Some(format!("\"{action}\""))),
    };
    SoapRequest {
        soap_action: soap_action.map(Into::into),
        content_type: Some(content_type.into()),
        body: wcf.body(&envelope, &[(cid, content)]).into(),
    }
}

#[tokio::test]
async fn the_server_reads_mtom_requests_as_wcf_writes_them() {
    let content = payload(50_000);
    let vault = Arc::new(Vault::default());
    let server12 = vault12::VaultServer::shared(vault.clone());
    let wcf12 = Wcf {
        version: SoapVersion::Soap12,
        boundary: "uuid:1e5a0c2d-8f47-4b39-a6d1-3c2e9b7f4d10+id=1",
    };
    let server12 = server12.bind("127.0.0.1:0").await.unwrap();
    for action_in_content_type in [true, false] {
        let response = post(
            &server12.url(),
            store_request(&wcf12, action_in_content_type, &content),
        )
        .await;
        assert_eq!(response.status, 200);
        let content_type = response.content_type.unwrap_or_default();
        assert!(content_type.starts_with("multipart/related"));
        assert!(content_type.contains("start-info=\"application/soap+xml\""));
    }
    let server11 = vault11::VaultServer::shared(vault.clone())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let wcf11 = Wcf {
        version: SoapVersion::Soap11,
        boundary: "uuid:9b2d6e1f-3a7c-4e58-b0d4-6f1a2c8e5b37+id=1",
    };
    let response = post(&server11.url(), store_request(&wcf11, false, &content)).await;
    assert_eq!(
        response.status,
        200,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    server12.shutdown().await;
    server11.shutdown().await;
    let stored = vault.stored.lock().unwrap();
    assert_eq!(stored.len(), 3);
    assert!(stored
        .iter()
        .all(|(name, bytes)| name == "upload.bin" && *bytes == content));
}

#[tokio::test]
async fn generated_client_and_server_round_trip_large_values_as_mtom() {
    let vault = Arc::new(Vault::default());
    let server = vault12::VaultServer::shared(vault.clone())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let client = vault12::VaultClient::new(server.url());
    let big = payload(1_000_000);
    assert_eq!(
        client.store("big".into(), big.clone()).await.unwrap(),
        1_000_000
    );
    // Below the threshold a value stays base64 text; both read back the same.
    assert_eq!(
        client.store("small".into(), vec![1, 2, 3]).await.unwrap(),
        3
    );
    assert_eq!(client.fetch("big".into()).await.unwrap().content, Some(big));
    assert_eq!(
        client.fetch("small".into()).await.unwrap().content,
        Some(vec![1, 2, 3])
    );
    server.shutdown().await;
}
