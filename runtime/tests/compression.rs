//! HTTP compression (feature `compression`) over real HTTP on 127.0.0.1: the server reading
//! compressed requests and compressing answers as `Accept-Encoding` allows, the client asking
//! for compressed answers and compressing its requests; decompression bombs both ways, corrupt
//! and truncated streams, unsupported codings, multipart answers.

use std::future::Future;
use std::io::Write as _;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use flate2::{Compress, Crc, FlushCompress};
use soap_runtime::client::{HttpRequest, HttpResponse};
use soap_runtime::compression::{compress, decompress, Compression, ContentCoding};
use soap_runtime::mtom::Package;
use soap_runtime::server::{with_http_context, SoapHandler, SoapRequest, SoapResponse};
use soap_runtime::{HttpTransport, Limits, Server, SoapService, Transport, TransportError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const PATH: &str = "/compressed.svc";
const XML: &str = "text/xml; charset=utf-8";

/// A SOAP 1.1 envelope of about `len` bytes: a body of repeated, compressible items.
fn envelope(len: usize) -> Vec<u8> {
    let mut xml = String::from(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Items xmlns="urn:example:items">"#,
    );
    let mut i = 0;
    while xml.len() + 40 < len {
        xml.push_str(&format!("<Item id=\"{i}\">item {i} &amp; more</Item>"));
        i += 1;
    }
    xml.push_str("</Items></s:Body></s:Envelope>");
    xml.into_bytes()
}

/// What a request brought the handler: its body as handed over, its `Content-Encoding` and its
/// `Accept-Encoding`.
#[derive(Debug, Clone)]
struct Received {
    body: Bytes,
    content_encoding: Option<String>,
    accept_encoding: Option<String>,
}

/// Answers every request with a fixed answer, and keeps what each brought.
struct Recorder {
    content_type: &'static str,
    answer: Bytes,
    received: Mutex<Vec<Received>>,
}

impl Recorder {
    fn new(content_type: &'static str, answer: Vec<u8>) -> Arc<Self> {
        Arc::new(Recorder {
            content_type,
            answer: answer.into(),
            received: Mutex::default(),
        })
    }

    fn last(&self) -> Received {
        self.received
            .lock()
            .expect("lock")
            .last()
            .cloned()
            .expect("a request reached the handler")
    }

    fn count(&self) -> usize {
        self.received.lock().expect("lock").len()
    }
}

impl SoapHandler for Recorder {
    fn handle(
        &self,
        request: SoapRequest,
    ) -> Pin<Box<dyn Future<Output = SoapResponse> + Send + '_>> {
        let header = |name: &str| {
            with_http_context(|http| http.header(name).map(|text| text.to_string())).flatten()
        };
        self.received.lock().expect("lock").push(Received {
            body: request.body,
            content_encoding: header("content-encoding"),
            accept_encoding: header("accept-encoding"),
        });
        Box::pin(std::future::ready(SoapResponse {
            status: 200,
            content_type: self.content_type.into(),
            body: self.answer.clone(),
        }))
    }
}

/// Our server answering with `handler`, limited to `max` bytes, compressing as `compression`
/// says.
async fn serve(handler: Arc<Recorder>, max: usize, compression: Option<Compression>) -> Server {
    let limits = Limits {
        max_message_size: max,
        ..Limits::default()
    };
    let mut service = SoapService::new(handler, limits);
    if let Some(settings) = compression {
        service = service.with_compression(settings);
    }
    Server::bind_service("127.0.0.1:0", PATH, service)
        .await
        .expect("bind")
}

/// An answer as it came over the wire: status, headers (names in lower case), body.
struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// POSTs `body` with `headers` (besides Host, Content-Type, SOAPAction and Content-Length) on a
/// connection of its own, and reads the answer as it comes, without decoding it.
async fn post(addr: SocketAddr, headers: &[(&str, &str)], body: &[u8]) -> Raw {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let mut head = format!(
        "POST {PATH} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {XML}\r\nSOAPAction: \"urn:a\"\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("send");
    // The server may answer (413) before it has read everything: a failed write is fine.
    let _ = stream.write_all(body).await;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("read");
    let end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = String::from_utf8_lossy(&answer[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Raw {
        status,
        headers,
        body: answer[end + 4..].to_vec(),
    }
}

/// `total` bytes of zeros (a multiple of 1 MiB) compressed with `coding`, made without
/// compressing them all: 1 MiB of zeros is compressed once and its block, flushed to a byte
/// boundary with the dictionary reset, repeated. About 1 KiB per MiB.
fn bomb(coding: ContentCoding, total: usize) -> Vec<u8> {
    const MIB: usize = 1 << 20;
    assert_eq!(total % MIB, 0);
    let zeros = vec![0u8; MIB];
    let mut deflate = Compress::new(flate2::Compression::best(), false);
    let mut block = |input: &[u8], flush| {
        let mut out = Vec::with_capacity(8 * 1024);
        deflate
            .compress_vec(input, &mut out, flush)
            .expect("compress");
        assert!(out.len() < out.capacity(), "the block fits");
        out
    };
    let first = block(&zeros, FlushCompress::Full);
    let repeated = block(&zeros, FlushCompress::Full);
    let last = block(&[], FlushCompress::Finish);
    let mut data = first;
    for _ in 1..total / MIB {
        data.extend_from_slice(&repeated);
    }
    data.extend_from_slice(&last);
    match coding {
        ContentCoding::Gzip => {
            let mut chunk_crc = Crc::new();
            chunk_crc.update(&zeros);
            let mut crc = Crc::new();
            for _ in 0..total / MIB {
                crc.combine(&chunk_crc);
            }
            let mut gzip = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
            gzip.extend_from_slice(&data);
            gzip.extend_from_slice(&crc.sum().to_le_bytes());
            gzip.extend_from_slice(&(total as u32).to_le_bytes());
            gzip
        }
        // Raw deflate, as some servers send it.
        _ => data,
    }
}

#[test]
fn the_bomb_is_what_it_claims_to_be() {
    for coding in [ContentCoding::Gzip, ContentCoding::Deflate] {
        let small = bomb(coding, 4 << 20);
        let inflated = decompress(coding, &small, 4 << 20).expect("a valid stream");
        assert_eq!(inflated.len(), 4 << 20);
        assert!(inflated.iter().all(|&b| b == 0));
    }
    // 1 GiB in about a megabyte.
    let big = bomb(ContentCoding::Gzip, 1 << 30);
    assert!(big.len() < 2 << 20, "{} bytes", big.len());
}

#[tokio::test]
async fn the_server_reads_requests_in_every_coding_it_knows() {
    let handler = Recorder::new(XML, envelope(200));
    let server = serve(handler.clone(), 1 << 20, None).await;
    let request = envelope(5000);
    let settings = Compression::new();
    let gzip = compress(ContentCoding::Gzip, &request, &settings);
    let zlib = compress(ContentCoding::Deflate, &request, &settings);
    let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    raw.write_all(&request).expect("compress");
    let raw = raw.finish().expect("compress");
    for (coding, body) in [
        ("gzip", &gzip[..]),
        ("x-gzip", &gzip[..]),
        ("GZip", &gzip[..]),
        ("deflate", &zlib[..]),
        ("deflate", &raw[..]),
        ("identity", &request[..]),
    ] {
        let answer = post(server.local_addr(), &[("Content-Encoding", coding)], body).await;
        assert_eq!(answer.status, 200, "{coding}: {}", answer.text());
        let received = handler.last();
        assert_eq!(received.body, request, "{coding}");
        assert_eq!(received.content_encoding.as_deref(), Some(coding));
    }
    server.shutdown().await;
}

#[tokio::test]
async fn a_request_bomb_is_refused_with_413_at_the_limit() {
    let handler = Recorder::new(XML, envelope(200));
    let max = 8 << 20;
    let server = serve(handler.clone(), max, None).await;
    for (coding, name) in [
        (ContentCoding::Gzip, "gzip"),
        (ContentCoding::Deflate, "deflate"),
    ] {
        let body = bomb(coding, 1 << 30);
        let answer = post(server.local_addr(), &[("Content-Encoding", name)], &body).await;
        assert_eq!(answer.status, 413, "{name}: {}", answer.text());
        assert!(answer.text().contains("faultcode"), "{}", answer.text());
        assert!(
            answer
                .text()
                .contains(&format!("max_message_size ({max} bytes)")),
            "{}",
            answer.text()
        );
    }
    assert_eq!(handler.count(), 0);
    server.shutdown().await;
}

#[tokio::test]
async fn corrupt_or_truncated_requests_are_refused_with_400() {
    let handler = Recorder::new(XML, envelope(200));
    let server = serve(handler.clone(), 1 << 20, None).await;
    let packed = compress(ContentCoding::Gzip, &envelope(5000), &Compression::new());
    let truncated = &packed[..packed.len() / 2];
    let mut flipped = packed.to_vec();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0xff;
    let plain = envelope(300);
    for (name, body, expected) in [
        ("truncated", truncated, "ends after"),
        ("corrupt", &flipped[..], "corrupt"),
        ("not compressed", &plain[..], "not a gzip stream"),
    ] {
        let answer = post(server.local_addr(), &[("Content-Encoding", "gzip")], body).await;
        assert_eq!(answer.status, 400, "{name}: {}", answer.text());
        let text = answer.text();
        assert!(text.contains("faultcode"), "{name}: {text}");
        assert!(
            text.contains("cannot decompress the request"),
            "{name}: {text}"
        );
        assert!(text.contains(expected), "{name}: {text}");
    }
    assert_eq!(handler.count(), 0);
    server.shutdown().await;
}

#[tokio::test]
async fn a_request_in_an_unknown_coding_is_refused_with_415() {
    let handler = Recorder::new(XML, envelope(200));
    let server = serve(handler.clone(), 1 << 20, None).await;
    for coding in ["br", "compress", "gzip, br", "gzip, gzip"] {
        let answer = post(server.local_addr(), &[("Content-Encoding", coding)], b"...").await;
        assert_eq!(answer.status, 415, "{coding}: {}", answer.text());
        assert_eq!(answer.header("accept-encoding"), Some("gzip, deflate"));
        let text = answer.text();
        assert!(text.contains("faultcode"), "{text}");
        assert!(
            text.contains(&format!("unsupported Content-Encoding `{coding}`")),
            "{text}"
        );
    }
    assert_eq!(handler.count(), 0);
    server.shutdown().await;
}

#[tokio::test]
async fn answers_are_compressed_as_accept_encoding_allows() {
    let answer = envelope(20_000);
    let handler = Recorder::new(XML, answer.clone());
    let server = serve(handler.clone(), 1 << 20, Some(Compression::new())).await;
    let request = envelope(300);
    for (accept, expected) in [
        (None, None),
        (Some("gzip, deflate"), Some(ContentCoding::Gzip)),
        (Some("gzip;q=0.5, deflate"), Some(ContentCoding::Deflate)),
        (
            Some("deflate;q=0.2, gzip;q=0.1"),
            Some(ContentCoding::Deflate),
        ),
        (Some("gzip;q=0"), None),
        (Some("br"), None),
        (Some("*"), Some(ContentCoding::Gzip)),
        (Some("*;q=0, identity"), None),
        (Some("identity;q=1, gzip;q=0.9"), None),
        (Some("x-gzip"), Some(ContentCoding::Gzip)),
    ] {
        let headers: Vec<(&str, &str)> =
            accept.map(|a| ("Accept-Encoding", a)).into_iter().collect();
        let raw = post(server.local_addr(), &headers, &request).await;
        assert_eq!(raw.status, 200, "{accept:?}: {}", raw.text());
        assert_eq!(raw.header("vary"), Some("Accept-Encoding"), "{accept:?}");
        assert_eq!(raw.header("content-type"), Some(XML));
        assert_eq!(
            raw.header("content-encoding"),
            expected.map(ContentCoding::name),
            "{accept:?}"
        );
        assert_eq!(
            raw.header("content-length"),
            Some(&*raw.body.len().to_string())
        );
        let body = match expected {
            Some(coding) => {
                assert!(
                    raw.body.len() * 5 < answer.len(),
                    "{accept:?}: {}",
                    raw.body.len()
                );
                decompress(coding, &raw.body, usize::MAX)
                    .expect("decompresses")
                    .to_vec()
            }
            None => raw.body,
        };
        assert_eq!(body, answer, "{accept:?}");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn small_answers_and_services_without_compression_send_answers_as_they_are() {
    // Below the threshold: not compressed, but varying all the same.
    let handler = Recorder::new(XML, envelope(500));
    let server = serve(handler, 1 << 20, Some(Compression::new().min_size(1000))).await;
    let raw = post(
        server.local_addr(),
        &[("Accept-Encoding", "gzip")],
        &envelope(300),
    )
    .await;
    assert_eq!((raw.status, raw.header("content-encoding")), (200, None));
    assert_eq!(raw.header("vary"), Some("Accept-Encoding"));
    server.shutdown().await;
    // Compression off (the default): neither.
    let handler = Recorder::new(XML, envelope(20_000));
    let server = serve(handler, 1 << 20, None).await;
    let raw = post(
        server.local_addr(),
        &[("Accept-Encoding", "gzip")],
        &envelope(300),
    )
    .await;
    assert_eq!((raw.status, raw.header("content-encoding")), (200, None));
    assert_eq!(raw.header("vary"), None);
    assert_eq!(raw.body, envelope(20_000));
    server.shutdown().await;
}

/// An MTOM answer: the envelope referring to a binary part, and the part.
fn mtom_answer() -> (&'static str, Vec<u8>) {
    let content_type = r#"multipart/related; type="application/xop+xml"; boundary="MIME_boundary"; start="<root@example.org>"; start-info="text/xml""#;
    let envelope = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Data xmlns="urn:example:items"><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:part@example.org"/></Data></s:Body></s:Envelope>"#;
    let binary = "binary data ".repeat(2000);
    let body = format!(
        "--MIME_boundary\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"text/xml\"\r\nContent-ID: <root@example.org>\r\n\r\n{envelope}\r\n--MIME_boundary\r\nContent-Type: application/octet-stream\r\nContent-ID: <part@example.org>\r\nContent-Transfer-Encoding: binary\r\n\r\n{binary}\r\n--MIME_boundary--\r\n"
    );
    (content_type, body.into_bytes())
}

#[tokio::test]
async fn multipart_answers_are_compressed_whole_and_read_back() {
    let (content_type, answer) = mtom_answer();
    let handler = Recorder::new(content_type, answer.clone());
    let server = serve(handler, 1 << 20, Some(Compression::new())).await;
    let raw = post(
        server.local_addr(),
        &[("Accept-Encoding", "gzip")],
        &envelope(300),
    )
    .await;
    assert_eq!(raw.status, 200, "{}", raw.text());
    assert_eq!(raw.header("content-encoding"), Some("gzip"));
    assert_eq!(raw.header("content-type"), Some(content_type));
    assert!(raw.body.len() * 5 < answer.len());
    // Our client reads it back: the same package, which parses.
    let transport = HttpTransport::builder()
        .accept_compressed()
        .build()
        .expect("transport");
    let response = send(&transport, &server.url(), envelope(300))
        .await
        .expect("answered");
    assert_eq!(response.content_type.as_deref(), Some(content_type));
    assert_eq!(response.body, answer);
    let package = Package::parse(&response.body, content_type, &Limits::default()).expect("MTOM");
    assert_eq!(package.attachments.len(), 1);
    server.shutdown().await;
}

/// Sends `body` with `transport`, as a client would.
async fn send(
    transport: &HttpTransport,
    url: &str,
    body: Vec<u8>,
) -> Result<HttpResponse, TransportError> {
    transport
        .send(HttpRequest {
            url: url.to_owned(),
            content_type: XML.to_owned(),
            soap_action: Some("\"urn:a\"".to_owned()),
            body,
        })
        .await
}

#[tokio::test]
async fn the_client_asks_for_compressed_answers_and_compresses_requests_when_told() {
    let answer = envelope(50_000);
    let handler = Recorder::new(XML, answer.clone());
    let server = serve(handler.clone(), 1 << 20, Some(Compression::new())).await;
    let request = envelope(5000);

    // By default: neither.
    let plain = HttpTransport::new();
    let response = send(&plain, &server.url(), request.clone())
        .await
        .expect("answered");
    assert_eq!(response.body, answer);
    let received = handler.last();
    assert_eq!(
        (received.accept_encoding, received.content_encoding),
        (None, None)
    );

    // Asked: both, and the answer is read whole; the same from a transport over the
    // caller's own reqwest client.
    let transport = HttpTransport::builder()
        .accept_compressed()
        .compress_requests(Compression::new())
        .build()
        .expect("transport");
    let over_own_client = HttpTransport::from_client(reqwest::Client::new())
        .accept_compressed()
        .compress_requests(Compression::new());
    for asking in [&transport, &over_own_client] {
        let response = send(asking, &server.url(), request.clone())
            .await
            .expect("answered");
        assert_eq!(response.status, 200);
        assert_eq!(response.body, answer);
        let received = handler.last();
        assert_eq!(received.accept_encoding.as_deref(), Some("gzip, deflate"));
        assert_eq!(received.content_encoding.as_deref(), Some("gzip"));
        assert_eq!(received.body, request);
    }

    // A request below the threshold goes as it is.
    let small = envelope(500);
    send(&transport, &server.url(), small.clone())
        .await
        .expect("answered");
    let received = handler.last();
    assert_eq!(received.content_encoding, None);
    assert_eq!(received.body, small);
    server.shutdown().await;
}

/// A one-connection-at-a-time HTTP server answering every request with `head` (status line
/// and headers, without the blank line) and `body`, sent in chunks without a length when
/// `chunked`.
async fn canned(head: &'static str, body: Vec<u8>, chunked: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let body = Arc::new(body);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let body = body.clone();
            tokio::spawn(async move {
                // Read the request's head, and what of its body comes with it.
                let mut buffer = vec![0u8; 64 * 1024];
                let _ = stream.read(&mut buffer).await;
                let framing = if chunked {
                    "Transfer-Encoding: chunked".to_owned()
                } else {
                    format!("Content-Length: {}", body.len())
                };
                let start = format!("{head}\r\n{framing}\r\nConnection: close\r\n\r\n");
                if stream.write_all(start.as_bytes()).await.is_err() {
                    return;
                }
                if chunked {
                    for chunk in body.chunks(16 * 1024) {
                        let framed =
                            [format!("{:x}\r\n", chunk.len()).as_bytes(), chunk, b"\r\n"].concat();
                        if stream.write_all(&framed).await.is_err() {
                            return;
                        }
                    }
                    let _ = stream.write_all(b"0\r\n\r\n").await;
                } else {
                    let _ = stream.write_all(&body).await;
                }
                let _ = stream.shutdown().await;
            });
        }
    });
    format!("http://{addr}{PATH}")
}

#[tokio::test]
async fn an_answer_bomb_fails_with_too_large_at_the_limit() {
    let max = 8 << 20;
    let transport = HttpTransport::builder()
        .accept_compressed()
        .max_response_size(max)
        .build()
        .expect("transport");
    for (coding, chunked) in [
        (ContentCoding::Gzip, false),
        (ContentCoding::Gzip, true),
        (ContentCoding::Deflate, true),
    ] {
        let head: &'static str = match coding {
            ContentCoding::Gzip => {
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Encoding: gzip"
            }
            ContentCoding::Deflate => {
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Encoding: deflate"
            }
        };
        let url = canned(head, bomb(coding, 1 << 30), chunked).await;
        match send(&transport, &url, envelope(300)).await {
            Err(TransportError::TooLarge {
                max: limit,
                url: reported,
            }) => {
                assert_eq!((limit, reported), (max, url));
            }
            other => panic!("{coding} (chunked: {chunked}): expected TooLarge, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn corrupt_truncated_or_unknown_answers_fail_with_a_content_encoding_error() {
    let transport = HttpTransport::builder()
        .accept_compressed()
        .build()
        .expect("transport");
    let packed = compress(ContentCoding::Gzip, &envelope(5000), &Compression::new());
    let mut flipped = packed.to_vec();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0xff;
    let cases: [(&'static str, Vec<u8>, &str); 4] = [
        (
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Encoding: gzip",
            packed[..packed.len() - 5].to_vec(),
            "ends after",
        ),
        (
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Encoding: gzip",
            flipped,
            "corrupt",
        ),
        (
            "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/xml\r\nContent-Encoding: deflate",
            b"<not compressed/>".to_vec(),
            "deflate body",
        ),
        (
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Encoding: br",
            b"\x0b\x02\x80hello\x03".to_vec(),
            "compressed with `br`",
        ),
    ];
    // An empty answer is empty whatever its coding says.
    let url = canned(
        "HTTP/1.1 202 Accepted\r\nContent-Encoding: gzip",
        Vec::new(),
        false,
    )
    .await;
    let accepted = send(&transport, &url, envelope(300))
        .await
        .expect("answered");
    assert_eq!((accepted.status, accepted.body.len()), (202, 0));
    for (head, body, expected) in cases {
        let url = canned(head, body, false).await;
        match send(&transport, &url, envelope(300)).await {
            Err(TransportError::ContentEncoding {
                url: reported,
                reason,
            }) => {
                assert_eq!(reported, url);
                assert!(reason.contains(expected), "{head}: {reason}");
            }
            other => panic!("{head}: expected a ContentEncoding error, got {other:?}"),
        }
    }
}
