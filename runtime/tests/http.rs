//! The client and the server over real HTTP on 127.0.0.1, plus hand-made misbehaving peers.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use soap_runtime::client::{Client, HttpTransport};
use soap_runtime::codec::Plain;
use soap_runtime::server::{
    select, serve_operation, Server, ServerSettings, SoapHandler, SoapRequest, SoapResponse,
};
use soap_runtime::xml::{Element, XmlReader, XmlWriter};
use soap_runtime::{
    xml_structs, DecodeError, EncodeError, Error, Fault, Field, Limits, Message, Name, Ns,
    Operation, SoapVersion, TransportError, XmlStruct,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const NS: &[&str] = &["http://example.org/echo"];
const PATH: &str = "/Remote/Services82/Echo.svc";

const OPERATIONS: &[Operation] = &[
    Operation {
        name: "Echo",
        action: "http://example.org/echo/Echo",
        request: Name::new(Ns(0), "Echo"),
        response: Name::new(Ns(0), "EchoResponse"),
        encoded: false,
    },
    Operation {
        name: "Fail",
        action: "http://example.org/echo/Fail",
        request: Name::new(Ns(0), "Fail"),
        response: Name::new(Ns(0), "FailResponse"),
        encoded: false,
    },
    Operation {
        name: "Panic",
        action: "http://example.org/echo/Panic",
        request: Name::new(Ns(0), "Panic"),
        response: Name::new(Ns(0), "PanicResponse"),
        encoded: false,
    },
];

/// The SOAP headers both directions carry.
#[derive(Debug, Default, Clone, PartialEq)]
struct Headers {
    ticket: Option<String>,
}

impl XmlStruct for Headers {
    const TYPE_NAME: &'static str = "Headers";
    const FIELDS: &'static [Field] = &[Field::optional(Ns(0), "Ticket")];
    fn read_field(
        &mut self,
        index: usize,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError> {
        match index {
            0 => self.ticket = Some(r.req(element, &Plain)?),
            _ => r.skip()?,
        }
        Ok(())
    }
    fn write_fields(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.opt(&Self::FIELDS[0], &self.ticket, &Plain);
        w.finish_fields()
    }
}

/// The request body.
#[derive(Debug, Default, Clone, PartialEq)]
struct Echo {
    text: Option<String>,
    count: i32,
}

impl XmlStruct for Echo {
    const TYPE_NAME: &'static str = "Echo";
    const FIELDS: &'static [Field] = &[
        Field::optional(Ns(0), "Text"),
        Field::required(Ns(0), "Count"),
    ];
    fn read_field(
        &mut self,
        index: usize,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError> {
        match index {
            0 => self.text = Some(r.req(element, &Plain)?),
            1 => self.count = r.req(element, &Plain)?,
            _ => r.skip()?,
        }
        Ok(())
    }
    fn write_fields(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.opt(&Self::FIELDS[0], &self.text, &Plain);
        w.req(&Self::FIELDS[1], &self.count, &Plain);
        w.finish_fields()
    }
}

/// The response body.
#[derive(Debug, Default, Clone, PartialEq)]
struct EchoResponse {
    result: Option<String>,
}

impl XmlStruct for EchoResponse {
    const TYPE_NAME: &'static str = "EchoResponse";
    const FIELDS: &'static [Field] = &[Field::optional(Ns(0), "EchoResult")];
    fn read_field(
        &mut self,
        index: usize,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError> {
        match index {
            0 => self.result = Some(r.req(element, &Plain)?),
            _ => r.skip()?,
        }
        Ok(())
    }
    fn write_fields(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.opt(&Self::FIELDS[0], &self.result, &Plain);
        w.finish_fields()
    }
}

xml_structs!(Echo, EchoResponse);

/// What the service saw of a request.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    soap_action: Option<String>,
    content_type: Option<String>,
    version: SoapVersion,
}

/// A hand-written dispatcher, as generated code would write it.
#[derive(Default)]
struct EchoService {
    seen: Mutex<Vec<Seen>>,
}

impl EchoService {
    fn last_seen(&self) -> Seen {
        self.seen
            .lock()
            .expect("lock")
            .last()
            .cloned()
            .expect("a request was seen")
    }
}

impl SoapHandler for EchoService {
    fn handle(
        &self,
        request: SoapRequest,
    ) -> Pin<Box<dyn Future<Output = SoapResponse> + Send + '_>> {
        Box::pin(async move {
            let settings = ServerSettings::default();
            let selected = match select(&request, NS, OPERATIONS, &settings.limits) {
                Ok(selected) => selected,
                Err(fault) => return fault,
            };
            self.seen.lock().expect("lock").push(Seen {
                soap_action: request.soap_action.clone().map(String::from),
                content_type: request.content_type.clone().map(String::from),
                version: selected.version,
            });
            let operation = &OPERATIONS[selected.index];
            match selected.index {
                0 => {
                    serve_operation(
                        &request,
                        &selected,
                        NS,
                        operation,
                        &settings,
                        |m: Message<Headers, Echo>| async move {
                            let text = m
                                .body
                                .text
                                .unwrap_or_default()
                                .repeat(usize::try_from(m.body.count).unwrap_or(0));
                            Ok(Message {
                                headers: Headers {
                                    ticket: m.headers.ticket.map(|t| format!("{t}-renewed")),
                                },
                                body: EchoResponse { result: Some(text) },
                            })
                        },
                    )
                    .await
                }
                1 => {
                    serve_operation(
                        &request,
                        &selected,
                        NS,
                        operation,
                        &settings,
                        |_: Message<Headers, Echo>| async move {
                            Err::<Message<Headers, EchoResponse>, _>(Fault::sender(
                                SoapVersion::Soap11,
                                "the ticket has expired",
                            ))
                        },
                    )
                    .await
                }
                _ => {
                    serve_operation(
                        &request,
                        &selected,
                        NS,
                        operation,
                        &settings,
                        |_: Message<Headers, Echo>| async move {
                            if selected.index == 2 {
                                panic!("the handler panics on purpose");
                            }
                            Ok::<Message<Headers, EchoResponse>, Fault>(Message::default())
                        },
                    )
                    .await
                }
            }
        })
    }
}

async fn start(limits: Limits) -> (Server, Arc<EchoService>) {
    let service = Arc::new(EchoService::default());
    let server = Server::bind("127.0.0.1:0", PATH, service.clone(), limits)
        .await
        .expect("bind");
    (server, service)
}

fn echo(text: &str, count: i32) -> Echo {
    Echo {
        text: Some(text.into()),
        count,
    }
}

fn ticket(t: &str) -> Headers {
    Headers {
        ticket: Some(t.into()),
    }
}

async fn call_echo(
    client: &Client,
    operation: &Operation,
) -> Result<soap_runtime::Received<Headers, EchoResponse>, Error> {
    client
        .call(NS, operation, &ticket("7T"), &echo("ab", 3))
        .await
}

#[tokio::test]
async fn soap11_call_round_trips() {
    let (server, service) = start(Limits::default()).await;
    let client = Client::new(server.url());
    assert_eq!(client.version(), SoapVersion::Soap11);
    let received = call_echo(&client, &OPERATIONS[0]).await.expect("call");
    assert_eq!(received.version, SoapVersion::Soap11);
    assert_eq!(received.message.body.result.as_deref(), Some("ababab"));
    assert_eq!(
        received.message.headers.ticket.as_deref(),
        Some("7T-renewed")
    );
    let seen = service.last_seen();
    assert_eq!(
        seen.soap_action.as_deref(),
        Some("\"http://example.org/echo/Echo\"")
    );
    assert_eq!(
        seen.content_type.as_deref(),
        Some("text/xml; charset=utf-8")
    );
    assert_eq!(seen.version, SoapVersion::Soap11);
    server.shutdown().await;
}

#[tokio::test]
async fn soap12_call_round_trips() {
    let (server, service) = start(Limits::default()).await;
    let client = Client::new(server.url()).with_version(SoapVersion::Soap12);
    let received = call_echo(&client, &OPERATIONS[0]).await.expect("call");
    assert_eq!(received.version, SoapVersion::Soap12);
    assert_eq!(received.message.body.result.as_deref(), Some("ababab"));
    assert_eq!(
        received.message.headers.ticket.as_deref(),
        Some("7T-renewed")
    );
    let seen = service.last_seen();
    assert_eq!(seen.soap_action, None);
    assert_eq!(
        seen.content_type.as_deref(),
        Some("application/soap+xml; charset=utf-8; action=\"http://example.org/echo/Echo\"")
    );
    assert_eq!(seen.version, SoapVersion::Soap12);
    server.shutdown().await;
}

#[tokio::test]
async fn dispatch_falls_back_to_the_body_element() {
    let (server, _service) = start(Limits::default()).await;
    // An action no operation has: the body element `Echo` still selects the operation.
    let odd = Operation {
        action: "urn:unknown",
        ..OPERATIONS[0]
    };
    let client = Client::new(server.url());
    let received = call_echo(&client, &odd).await.expect("call");
    assert_eq!(received.message.body.result.as_deref(), Some("ababab"));
    // Neither the action nor the body element is known: a Client fault.
    let unknown = Operation {
        action: "urn:unknown",
        request: Name::new(Ns(0), "Nothing"),
        ..OPERATIONS[0]
    };
    match call_echo(&client, &unknown).await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.code, "Client");
            assert!(fault.reason.contains("Nothing"), "{}", fault.reason);
        }
        other => panic!("expected a fault, got {other:?}"),
    }
    server.shutdown().await;
}

#[tokio::test]
async fn handler_fault_reaches_the_client() {
    let (server, _service) = start(Limits::default()).await;
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let client = Client::new(server.url()).with_version(version);
        match call_echo(&client, &OPERATIONS[1]).await {
            Err(Error::Fault(fault)) => {
                assert_eq!(fault.version, version);
                let code = if version == SoapVersion::Soap11 {
                    "Client"
                } else {
                    "Sender"
                };
                assert_eq!(fault.code, code);
                assert_eq!(fault.reason, "the ticket has expired");
            }
            other => panic!("expected a fault, got {other:?}"),
        }
    }
    server.shutdown().await;
}

#[tokio::test]
async fn handler_panic_becomes_a_receiver_fault() {
    let (server, _service) = start(Limits::default()).await;
    let client = Client::new(server.url()).with_version(SoapVersion::Soap12);
    match call_echo(&client, &OPERATIONS[2]).await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.code, "Receiver");
            assert!(
                !fault.reason.contains("on purpose"),
                "panic messages stay in the log: {}",
                fault.reason
            );
        }
        other => panic!("expected a fault, got {other:?}"),
    }
    // The server survives.
    let received = call_echo(&client, &OPERATIONS[0])
        .await
        .expect("call after a panic");
    assert_eq!(received.message.body.result.as_deref(), Some("ababab"));
    server.shutdown().await;
}

/// A one-connection-at-a-time HTTP server that answers every request with `response`.
async fn canned(response: &'static [u8]) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            read_request(&mut stream).await;
            let _ = stream.write_all(response).await;
            let _ = stream.shutdown().await;
        }
    });
    addr
}

/// Reads one request (headers and a `Content-Length` body) from `stream`.
async fn read_request(stream: &mut TcpStream) -> Vec<u8> {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    while let Ok(n) = stream.read(&mut buffer).await {
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buffer[..n]);
        let text = String::from_utf8_lossy(&data).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                break;
            }
        }
    }
    data
}

#[tokio::test]
async fn html_error_page_is_an_http_error() {
    let page = "<html><body><h1>500 Internal Server Error</h1>".to_string()
        + &"x".repeat(2000)
        + "</body></html>";
    let response: &'static [u8] = format!(
        "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
        page.len()
    )
    .into_bytes()
    .leak();
    let addr = canned(response).await;
    let client = Client::new(format!("http://{addr}/x.svc"));
    match call_echo(&client, &OPERATIONS[0]).await {
        Err(Error::Http {
            status,
            content_type,
            snippet,
        }) => {
            assert_eq!(status, 500);
            assert_eq!(content_type.as_deref(), Some("text/html"));
            assert!(
                snippet.starts_with("<html><body><h1>500 Internal Server Error</h1>"),
                "{snippet}"
            );
            assert!(snippet.len() <= 512 + '…'.len_utf8(), "{}", snippet.len());
        }
        other => panic!("expected an HTTP error, got {other:?}"),
    }
}

#[tokio::test]
async fn empty_ok_is_an_http_error() {
    let addr = canned(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").await;
    let client = Client::new(format!("http://{addr}/x.svc"));
    match call_echo(&client, &OPERATIONS[0]).await {
        Err(Error::Http {
            status, snippet, ..
        }) => {
            assert_eq!(status, 200);
            assert_eq!(snippet, "(empty body)");
        }
        other => panic!("expected an HTTP error, got {other:?}"),
    }
}

#[tokio::test]
async fn fault_with_status_500_is_a_fault() {
    let fault = soap_runtime::envelope::write_fault(
        &Fault::receiver(SoapVersion::Soap11, "database is down"),
        &[],
    );
    let mut response = format!(
        "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        fault.len()
    )
    .into_bytes();
    response.extend_from_slice(&fault);
    let addr = canned(response.leak()).await;
    let client = Client::new(format!("http://{addr}/x.svc"));
    match call_echo(&client, &OPERATIONS[0]).await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.code, "Server");
            assert_eq!(fault.reason, "database is down");
        }
        other => panic!("expected a fault, got {other:?}"),
    }
}

#[tokio::test]
async fn silent_server_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let holder = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            open.push(stream);
        }
    });
    let transport = HttpTransport::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .expect("transport");
    let client = Client::with_transport(format!("http://{addr}/x.svc"), Arc::new(transport));
    let started = std::time::Instant::now();
    match call_echo(&client, &OPERATIONS[0]).await {
        Err(Error::Transport(TransportError::Timeout { url, seconds })) => {
            assert_eq!(url, format!("http://{addr}/x.svc"));
            assert!((seconds - 0.3).abs() < 1e-9, "{seconds}");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    holder.abort();
}

#[tokio::test]
async fn refused_connection_is_a_connect_error() {
    // Bind, learn the port, close: nothing listens there any more.
    let addr = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind")
        .local_addr()
        .expect("address");
    let client = Client::new(format!("http://{addr}/x.svc"));
    match call_echo(&client, &OPERATIONS[0]).await {
        Err(Error::Transport(TransportError::Connect { url, reason })) => {
            assert_eq!(url, format!("http://{addr}/x.svc"));
            assert!(!reason.is_empty());
        }
        other => panic!("expected a connect error, got {other:?}"),
    }
}

#[tokio::test]
async fn oversized_answer_is_refused() {
    let (server, _service) = start(Limits::default()).await;
    let transport = HttpTransport::builder()
        .max_response_size(100)
        .build()
        .expect("transport");
    let client = Client::with_transport(server.url(), Arc::new(transport));
    match call_echo(&client, &OPERATIONS[0]).await {
        Err(Error::Transport(TransportError::TooLarge { max, .. })) => assert_eq!(max, 100),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    server.shutdown().await;

    // Without a Content-Length: chunked, and the limit still holds.
    let chunk = "y".repeat(1000);
    let chunked: &'static [u8] = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{len:x}\r\n{chunk}\r\n{len:x}\r\n{chunk}\r\n0\r\n\r\n",
        len = chunk.len()
    )
    .into_bytes()
    .leak();
    let addr = canned(chunked).await;
    let transport = HttpTransport::builder()
        .max_response_size(1500)
        .build()
        .expect("transport");
    let client = Client::with_transport(format!("http://{addr}/x.svc"), Arc::new(transport));
    match call_echo(&client, &OPERATIONS[0]).await {
        Err(Error::Transport(TransportError::TooLarge { max, .. })) => assert_eq!(max, 1500),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

/// Sends `request` on a fresh connection and returns the status and the whole answer.
async fn raw(addr: SocketAddr, request: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request).await.expect("write");
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .expect("an answer in time")
        .expect("read");
    let text = String::from_utf8_lossy(&answer).to_string();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn post(content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "POST {PATH} HTTP/1.1\r\nHost: test\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[tokio::test]
async fn server_refuses_what_is_not_a_soap_request_and_keeps_serving() {
    let limits = Limits {
        max_message_size: 2048,
        ..Limits::default()
    };
    let (server, _service) = start(limits).await;
    let addr = server.local_addr();
    assert_eq!(server.url(), format!("http://{addr}{PATH}"));

    let (status, text) = raw(
        addr,
        b"POST /elsewhere HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(status, 404, "{text}");

    let (status, text) = raw(
        addr,
        format!("GET {PATH} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await;
    assert_eq!(status, 405, "{text}");
    assert!(
        text.to_ascii_lowercase().contains("\r\nallow: post\r\n"),
        "{text}"
    );

    let (status, text) = raw(addr, &post("application/json", "{}")).await;
    assert_eq!(status, 415, "{text}");
    assert!(
        text.contains("faultstring>unsupported content type `application/json`"),
        "{text}"
    );
    assert!(
        text.contains("text/xml") && text.contains("application/soap+xml"),
        "{text}"
    );

    // Announced too large: refused before the body is read.
    let (status, text) = raw(addr, &post("text/xml; charset=utf-8", &"z".repeat(4096))).await;
    assert_eq!(status, 413, "{text}");
    assert!(
        text.contains("message exceeds max_message_size (2048 bytes)"),
        "{text}"
    );

    // Streamed too large, without a Content-Length.
    let chunk = "z".repeat(1500);
    let chunked = format!(
        "POST {PATH} HTTP/1.1\r\nHost: test\r\nContent-Type: application/soap+xml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{len:x}\r\n{chunk}\r\n{len:x}\r\n{chunk}\r\n0\r\n\r\n",
        len = chunk.len()
    );
    let (status, text) = raw(addr, chunked.as_bytes()).await;
    assert_eq!(status, 413, "{text}");
    assert!(
        text.contains("Sender") && text.contains("message exceeds max_message_size (2048 bytes)"),
        "{text}"
    );

    // Not XML at all: a Client fault from dispatch.
    let (status, text) = raw(addr, &post("text/xml", "not xml")).await;
    assert_eq!(status, 500, "{text}");
    assert!(text.contains("faultcode>s:Client<"), "{text}");

    // SOAP 1.2, an element no operation takes: a Sender fault with status 400.
    let envelope = r#"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><Unknown/></e:Body></e:Envelope>"#;
    let (status, text) = raw(addr, &post("application/soap+xml; charset=utf-8", envelope)).await;
    assert_eq!(status, 400, "{text}");
    assert!(
        text.to_ascii_lowercase()
            .contains("\r\ncontent-type: application/soap+xml"),
        "{text}"
    );
    assert!(
        text.contains("Value>s:Sender<") && text.contains("Unknown"),
        "{text}"
    );

    // Still serving.
    let client = Client::new(server.url());
    let received = call_echo(&client, &OPERATIONS[0])
        .await
        .expect("call after refusals");
    assert_eq!(received.message.body.result.as_deref(), Some("ababab"));
    server.shutdown().await;
}

#[tokio::test]
async fn shutdown_stops_accepting() {
    let (server, _service) = start(Limits::default()).await;
    let url = server.url();
    let client = Client::new(url.clone());
    call_echo(&client, &OPERATIONS[0]).await.expect("call");
    tokio::time::timeout(Duration::from_secs(10), server.shutdown())
        .await
        .expect("shutdown in time");
    // A fresh client: the first one may hold a pooled connection.
    match call_echo(&Client::new(url), &OPERATIONS[0]).await {
        Err(Error::Transport(TransportError::Connect { .. })) => {}
        other => panic!("expected a connect error after shutdown, got {other:?}"),
    }
}
