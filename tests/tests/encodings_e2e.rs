//! Requests and responses in the encodings SOAP peers send (UTF-16 in both byte orders, with a
//! byte order mark or only a declaration; windows-1252; ISO-8859-1), between the generated
//! EMail client and server over real HTTP on 127.0.0.1. .NET clients may send UTF-16; older
//! PHP (NuSOAP) and Java services send ISO-8859-1.
//!
//! The client's transport and the server's handler are wrapped to re-encode what the runtime
//! writes (always UTF-8) into the peer's encoding, with the charset, byte order mark and
//! declaration such a peer sends; the other side must read the same values.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use services82_email::*;
use soap_runtime::client::{Client, HttpRequest, HttpResponse, HttpTransport, Transport};
use soap_runtime::error::DecodeErrorKind;
use soap_runtime::server::{Server, SoapHandler, SoapRequest, SoapResponse};
use soap_runtime::{Error, Fault, Limits, Message, TransportError};

/// How a peer writes its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wire {
    /// UTF-16, little-endian, with a byte order mark and `charset=utf-16`.
    Utf16LeBom,
    /// UTF-16, big-endian, with a byte order mark and no charset.
    Utf16BeBom,
    /// UTF-16, little-endian, no byte order mark: only the declaration tells (appendix F).
    Utf16LeDeclared,
    /// UTF-16, big-endian, no byte order mark, with `charset=UTF-16BE`.
    Utf16BeCharset,
    /// windows-1252 by the charset, without a declaration.
    Windows1252,
    /// ISO-8859-1 by the declaration alone (what NuSOAP writes).
    Latin1Declared,
    /// ISO-8859-1 by the charset and the declaration.
    Latin1Both,
    /// A UTF-16 byte order mark under `charset=ISO-8859-1`: contradictory, refused.
    Contradiction,
}

impl Wire {
    const READABLE: [Wire; 7] = [
        Wire::Utf16LeBom,
        Wire::Utf16BeBom,
        Wire::Utf16LeDeclared,
        Wire::Utf16BeCharset,
        Wire::Windows1252,
        Wire::Latin1Declared,
        Wire::Latin1Both,
    ];

    /// A subject this encoding can carry, beyond ASCII.
    fn subject(self) -> &'static str {
        match self {
            Wire::Windows1252 => "Grüße – 20 € „quoted“",
            Wire::Latin1Declared | Wire::Latin1Both => "Grüße, señor; Ærø ½ ©",
            _ => "Grüße € 𝄞 日本語",
        }
    }

    /// The declaration's encoding, and the charset, each if the peer sends one.
    fn labels(self) -> (Option<&'static str>, Option<&'static str>) {
        match self {
            Wire::Utf16LeBom => (None, Some("utf-16")),
            Wire::Utf16BeBom => (Some("UTF-16"), None),
            Wire::Utf16LeDeclared => (Some("UTF-16"), None),
            Wire::Utf16BeCharset => (None, Some("UTF-16BE")),
            Wire::Windows1252 => (None, Some("windows-1252")),
            Wire::Latin1Declared => (Some("ISO-8859-1"), None),
            Wire::Latin1Both => (Some("ISO-8859-1"), Some("iso-8859-1")),
            Wire::Contradiction => (None, Some("ISO-8859-1")),
        }
    }

    /// `xml` (UTF-8, as the runtime writes it) as this peer would send it, with the content
    /// type it would send for `content_type`.
    fn encode(self, xml: &[u8], content_type: &str) -> (Vec<u8>, String) {
        let xml = std::str::from_utf8(xml).expect("the runtime writes UTF-8");
        let body = match xml.strip_prefix("<?xml") {
            Some(rest) => &rest[rest.find("?>").expect("closed declaration") + 2..],
            None => xml,
        };
        let (declared, charset) = self.labels();
        let text = match declared {
            Some(label) => format!("<?xml version=\"1.0\" encoding=\"{label}\"?>{body}"),
            None => body.to_string(),
        };
        let bytes = match self {
            Wire::Utf16LeBom | Wire::Contradiction => utf16(&text, false, true),
            Wire::Utf16BeBom => utf16(&text, true, true),
            Wire::Utf16LeDeclared => utf16(&text, false, false),
            Wire::Utf16BeCharset => utf16(&text, true, false),
            Wire::Windows1252 => single_byte(&text, true),
            Wire::Latin1Declared | Wire::Latin1Both => single_byte(&text, false),
        };
        let media = content_type.split(';').next().unwrap_or("text/xml");
        let content_type = match charset {
            Some(charset) => format!("{media}; charset={charset}"),
            None => media.to_string(),
        };
        (bytes, content_type)
    }
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some(0xfeff).into_iter().chain(text.encode_utf16());
    for unit in units {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// ISO-8859-1, or windows-1252 (which puts printable characters at 0x80–0x9F), of `text`.
fn single_byte(text: &str, windows: bool) -> Vec<u8> {
    const WINDOWS_80_9F: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ";
    text.chars()
        .map(|c| {
            if let Some(at) = WINDOWS_80_9F
                .chars()
                .position(|w| w == c)
                .filter(|_| windows)
            {
                0x80 + at as u8
            } else {
                u8::try_from(u32::from(c)).expect("the text fits the encoding")
            }
        })
        .collect()
}

/// A client transport that re-encodes every request as `wire` writes it.
#[derive(Debug)]
struct PeerClient {
    http: HttpTransport,
    wire: Wire,
}

impl Transport for PeerClient {
    fn send(
        &self,
        mut request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        let (body, content_type) = self.wire.encode(&request.body, &request.content_type);
        request.body = body;
        request.content_type = content_type;
        self.http.send(request)
    }
}

/// A server handler that re-encodes every answer of the EMail server as `wire` writes it.
struct PeerServer {
    inner: EMailServer<Echo>,
    wire: Wire,
}

impl SoapHandler for PeerServer {
    fn handle(
        &self,
        request: SoapRequest,
    ) -> Pin<Box<dyn Future<Output = SoapResponse> + Send + '_>> {
        Box::pin(async move {
            let mut response = self.inner.dispatch(request).await;
            let (body, content_type) = self.wire.encode(&response.body, &response.content_type);
            response.body = body.into();
            response.content_type = content_type.into();
            response
        })
    }
}

/// Echoes the e-mails it is sent, remembering their subjects.
#[derive(Default, Clone)]
struct Echo {
    subjects: Arc<Mutex<Vec<Option<String>>>>,
}

impl EMailService for Echo {
    async fn send_emails(
        &self,
        request: Message<RequestHeaders, SendEMails>,
    ) -> Result<Message<ResponseHeaders, SendEMailsResponse>, Fault> {
        let emails = request.body.emails.unwrap_or_default();
        self.subjects
            .lock()
            .unwrap()
            .extend(emails.iter().map(|e| e.subject.clone()));
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: SendEMailsResponse {
                response: Some(emails),
            },
        })
    }
}

fn email(subject: &str) -> EMailEntity {
    EMailEntity {
        subject: Some(subject.to_string()),
        html_body: Some(format!("<p>{subject}</p>")),
        ..Default::default()
    }
}

fn subjects(emails: Option<Vec<EMailEntity>>) -> Vec<Option<String>> {
    emails
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.subject)
        .collect()
}

#[tokio::test]
async fn responses_in_each_encoding_are_read() {
    for wire in Wire::READABLE {
        let echo = Echo::default();
        let handler = PeerServer {
            inner: EMailServer::new(echo.clone()),
            wire,
        };
        let server = Server::bind(
            "127.0.0.1:0",
            EMailServer::<Echo>::DEFAULT_PATH,
            Arc::new(handler),
            Limits::default(),
        )
        .await
        .unwrap();
        let agent = EMailAgent::new(server.url());
        let subject = wire.subject();
        let answer = agent
            .send_emails(None, Some(vec![email(subject)]), None)
            .await
            .unwrap_or_else(|e| panic!("{wire:?}: {e}"));
        assert_eq!(subjects(answer), [Some(subject.to_string())], "{wire:?}");
        server.shutdown().await;
    }
}

#[tokio::test]
async fn requests_in_each_encoding_are_read() {
    let echo = Echo::default();
    let server = EMailServer::new(echo.clone())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    for wire in Wire::READABLE {
        let transport = PeerClient {
            http: HttpTransport::new(),
            wire,
        };
        let agent =
            EMailAgent::with_client(Client::with_transport(server.url(), Arc::new(transport)));
        let subject = wire.subject();
        let answer = agent
            .send_emails(None, Some(vec![email(subject)]), None)
            .await
            .unwrap_or_else(|e| panic!("{wire:?}: {e}"));
        assert_eq!(subjects(answer), [Some(subject.to_string())], "{wire:?}");
        let received = echo.subjects.lock().unwrap().pop();
        assert_eq!(received, Some(Some(subject.to_string())), "{wire:?}");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn contradictory_encodings_are_refused_both_ways() {
    let handler = PeerServer {
        inner: EMailServer::new(Echo::default()),
        wire: Wire::Contradiction,
    };
    let server = Server::bind(
        "127.0.0.1:0",
        EMailServer::<Echo>::DEFAULT_PATH,
        Arc::new(handler),
        Limits::default(),
    )
    .await
    .unwrap();
    let error = EMailAgent::new(server.url())
        .send_emails(None, Some(vec![email("x")]), None)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Decode(e) if matches!(e.kind, DecodeErrorKind::Encoding(_))),
        "{error:?}"
    );
    server.shutdown().await;

    let echo = Echo::default();
    let server = EMailServer::new(echo.clone())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let transport = PeerClient {
        http: HttpTransport::new(),
        wire: Wire::Contradiction,
    };
    let agent = EMailAgent::with_client(Client::with_transport(server.url(), Arc::new(transport)));
    let error = agent
        .send_emails(None, Some(vec![email("x")]), None)
        .await
        .unwrap_err();
    let Error::Fault(fault) = &error else {
        panic!("expected a fault, got {error:?}");
    };
    assert!(
        fault
            .reason
            .contains("cannot decode the document's characters"),
        "{fault:?}"
    );
    assert!(echo.subjects.lock().unwrap().is_empty());
    server.shutdown().await;
}
