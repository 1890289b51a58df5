//! Hostile and broken MTOM (multipart/related, XOP) messages against the EMail client's
//! decoder and the EMail server's dispatcher: each gives its typed error (`DecodeErrorKind::
//! Mtom` or the size limit), never a panic; the dispatcher answers a `Client` fault naming it.
//! A well-formed message with its parts in any order is the control.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use services82_email::*;
use soap_runtime::client::{Client, HttpRequest, HttpResponse, Transport};
use soap_runtime::envelope::{read_envelope, ReadError};
use soap_runtime::error::DecodeErrorKind;
use soap_runtime::mtom::MtomError;
use soap_runtime::server::SoapRequest;
use soap_runtime::{Error, Fault, Limits, Message, TransportError};

const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const S82: &str = "http://www.superoffice.net/ws/crm/NetServer/Services82";
const XOP: &str = "http://www.w3.org/2004/08/xop/include";
const BOUNDARY: &str = "uuid:5e1f-hostile+id=1";

fn content_type() -> String {
    format!(
        "multipart/related; type=\"application/xop+xml\"; start=\"<root>\"; start-info=\"text/xml\"; boundary=\"{BOUNDARY}\""
    )
}

/// A SOAP 1.1 envelope whose body is element `name` holding `inner`.
fn envelope(name: &str, inner: &str) -> Vec<u8> {
    format!(
        r#"<s:Envelope xmlns:s="{SOAP11}"><s:Body><{name} xmlns="{S82}" xmlns:xop="{XOP}">{inner}</{name}></s:Body></s:Envelope>"#
    )
    .into_bytes()
}

fn include(cid: &str) -> String {
    format!(r#"<xop:Include href="cid:{cid}"/>"#)
}

/// A multipart body of `parts` (headers, content); `close` writes the closing delimiter.
fn multipart(parts: &[(&str, &[u8])], close: bool) -> Vec<u8> {
    let mut body = Vec::new();
    for (headers, content) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n{headers}\r\n\r\n").as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    if close {
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    }
    body
}

const ROOT: &str = "Content-ID: <root>\r\nContent-Type: application/xop+xml; charset=utf-8; type=\"text/xml\"\r\nContent-Transfer-Encoding: 8bit";

fn part_headers(cid: &str, encoding: &str) -> String {
    format!("Content-ID: <{cid}>\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: {encoding}")
}

/// Limits small enough to reach: 300 bytes per binary value.
fn small_limits() -> Limits {
    Limits {
        max_message_size: 1024 * 1024,
        max_depth: 64,
        max_string_len: 1000,
        max_bytes_len: 300,
        max_items: 100,
    }
}

#[derive(Debug)]
struct Canned {
    content_type: String,
    body: Vec<u8>,
}

impl Transport for Canned {
    fn send(
        &self,
        _request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        let answer = HttpResponse {
            status: 200,
            content_type: Some(self.content_type.clone()),
            body: self.body.clone().into(),
        };
        Box::pin(async move { Ok(answer) })
    }
}

fn agent(content_type: String, body: Vec<u8>) -> EMailAgent {
    EMailAgent::with_client(
        Client::with_transport(
            "http://hostile.invalid/Remote/Services82/EMail.svc",
            Arc::new(Canned { content_type, body }),
        )
        .with_limits(small_limits()),
    )
}

/// A stream response whose `Response` is `inner`, with `parts` after the root (or before it
/// when `root_last`).
fn stream_answer(inner: &str, parts: &[(&str, &[u8])], root_last: bool, close: bool) -> Vec<u8> {
    let root = envelope(
        "GetEMailAsStreamResponse",
        &format!("<Response>{inner}</Response>"),
    );
    let mut all: Vec<(&str, &[u8])> = parts.to_vec();
    if root_last {
        all.push((ROOT, &root));
    } else {
        all.insert(0, (ROOT, &root));
    }
    multipart(&all, close)
}

#[tokio::test]
async fn well_formed_mtom_answers_decode_with_parts_in_any_order() {
    let bytes: Vec<u8> = (0..=255u8).collect();
    for (root_last, encoding) in [(false, "binary"), (true, "8bit"), (true, "binary")] {
        let headers = part_headers("part-1@x", encoding);
        let body = stream_answer(
            &include("part-1%40x"),
            &[(&headers, &bytes)],
            root_last,
            true,
        );
        let got = agent(content_type(), body)
            .get_email_as_stream(None, None, None)
            .await
            .expect("decodes");
        assert_eq!(
            got,
            Some(bytes.clone()),
            "root last: {root_last}, {encoding}"
        );
    }
}

/// What a hostile case must give.
struct Case {
    name: &'static str,
    content_type: String,
    body: Vec<u8>,
    expect: fn(&DecodeErrorKind) -> bool,
}

fn cases() -> Vec<Case> {
    let small = [7u8; 10];
    let big = [7u8; 400];
    let p1 = part_headers("p1", "binary");
    let p1_base64 = part_headers("p1", "base64");
    let p2 = part_headers("p2", "binary");
    vec![
        Case {
            name: "missing part",
            content_type: content_type(),
            body: stream_answer(&include("p2"), &[(&p1, &small)], false, true),
            expect: |k| matches!(k, DecodeErrorKind::Mtom(MtomError::MissingPart(p)) if p == "p2"),
        },
        Case {
            name: "duplicate Content-ID",
            content_type: content_type(),
            body: stream_answer(&include("p1"), &[(&p1, &small), (&p1, &small)], false, true),
            expect: |k| matches!(k, DecodeErrorKind::Mtom(MtomError::DuplicateContentId(p)) if p == "p1"),
        },
        Case {
            name: "boundary that never closes",
            content_type: content_type(),
            body: stream_answer(&include("p1"), &[(&p1, &small)], false, false),
            expect: |k| matches!(k, DecodeErrorKind::Mtom(MtomError::BoundaryNeverCloses)),
        },
        Case {
            name: "part bigger than max_bytes_len",
            content_type: content_type(),
            body: stream_answer(&include("p1"), &[(&p1, &big)], false, true),
            expect: |k| {
                matches!(
                    k,
                    DecodeErrorKind::LimitExceeded {
                        limit: "max_bytes_len",
                        ..
                    }
                )
            },
        },
        Case {
            name: "two includes in one value",
            content_type: content_type(),
            body: stream_answer(
                &format!("{}{}", include("p1"), include("p2")),
                &[(&p1, &small), (&p2, &small)],
                false,
                true,
            ),
            expect: |k| matches!(k, DecodeErrorKind::Mtom(MtomError::MixedInclude(_))),
        },
        Case {
            name: "a base64 transfer encoding",
            content_type: content_type(),
            body: stream_answer(&include("p1"), &[(&p1_base64, b"BwcH")], false, true),
            expect: |k| {
                matches!(
                    k,
                    DecodeErrorKind::Mtom(MtomError::UnsupportedTransferEncoding(_))
                )
            },
        },
        Case {
            name: "an href that is no cid: URL",
            content_type: content_type(),
            body: stream_answer(
                r#"<xop:Include href="http://elsewhere/p1"/>"#,
                &[(&p1, &small)],
                false,
                true,
            ),
            expect: |k| matches!(k, DecodeErrorKind::Mtom(MtomError::InvalidHref(_))),
        },
        Case {
            name: "multipart/related that is neither XOP nor SOAP with Attachments",
            content_type: format!(
                "multipart/related; type=\"application/json\"; boundary=\"{BOUNDARY}\""
            ),
            body: stream_answer(&include("p1"), &[(&p1, &small)], false, true),
            expect: |k| matches!(k, DecodeErrorKind::Mtom(MtomError::NotXop(_))),
        },
        Case {
            name: "no boundary parameter",
            content_type: "multipart/related; type=\"application/xop+xml\"".into(),
            body: stream_answer(&include("p1"), &[(&p1, &small)], false, true),
            expect: |k| matches!(k, DecodeErrorKind::Mtom(MtomError::NoBoundary)),
        },
        Case {
            name: "a root part that is missing",
            content_type: content_type().replace("<root>", "<elsewhere>"),
            body: stream_answer(&include("p1"), &[(&p1, &small)], false, true),
            expect: |k| matches!(k, DecodeErrorKind::Mtom(MtomError::NoRoot(_))),
        },
    ]
}

#[tokio::test]
async fn hostile_mtom_answers_give_typed_errors() {
    let mut failures = Vec::new();
    for case in cases() {
        match agent(case.content_type.clone(), case.body.clone())
            .get_email_as_stream(None, None, None)
            .await
        {
            Err(Error::Decode(error)) if (case.expect)(&error.kind) => {}
            other => failures.push(format!("{}: got {other:?}", case.name)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn an_include_in_a_field_that_is_not_binary_is_refused() {
    let p1 = part_headers("p1", "binary");
    let root = envelope(
        "GetFolderEMailCountResponse",
        &format!("<Response>{}</Response>", include("p1")),
    );
    let body = multipart(&[(ROOT, &root), (&p1, b"7")], true);
    match agent(content_type(), body)
        .get_folder_email_count(None, None)
        .await
    {
        Err(Error::Decode(error)) => assert!(
            matches!(&error.kind, DecodeErrorKind::Mtom(MtomError::IncludeOutsideBinary(f)) if f == "Response"),
            "{error}"
        ),
        other => panic!("expected IncludeOutsideBinary, got {other:?}"),
    }
    // An include where the contract expects no value at all (in a structure).
    let root = envelope("GetFolderEMailCountResponse", &include("p1"));
    let body = multipart(&[(ROOT, &root), (&p1, b"7")], true);
    match agent(content_type(), body)
        .get_folder_email_count(None, None)
        .await
    {
        Err(Error::Decode(error)) => assert!(
            matches!(
                &error.kind,
                DecodeErrorKind::Mtom(MtomError::IncludeOutsideBinary(_))
            ),
            "{error}"
        ),
        other => panic!("expected IncludeOutsideBinary, got {other:?}"),
    }
}

struct Fake;

impl EMailService for Fake {
    async fn get_email_as_stream(
        &self,
        request: Message<RequestHeaders, GetEMailAsStream>,
    ) -> Result<Message<ResponseHeaders, GetEMailAsStreamResponse>, Fault> {
        let id = request.body.message_server_id.unwrap_or_default();
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: GetEMailAsStreamResponse {
                response: Some(vec![7; id as usize]),
            },
        })
    }
}

/// The fault in `body`.
fn fault_of(body: &[u8]) -> Result<Fault, String> {
    match read_envelope::<ResponseHeaders, GetEMailAsStreamResponse>(
        body,
        Limits::default(),
        "GetEMailAsStreamResponse",
    ) {
        Err(ReadError::Fault(fault)) => Ok(*fault),
        other => Err(format!("not a fault: {other:?}")),
    }
}

#[tokio::test]
async fn the_server_answers_hostile_mtom_requests_with_client_faults() {
    let server = EMailServer::new(Fake).with_limits(small_limits());
    // The same documents as requests: the stream request's first field is a structure, so an
    // include there is refused; the multipart framing errors come first anyway.
    let mut failures = Vec::new();
    for case in cases() {
        let text = String::from_utf8_lossy(&case.body).replace(
            "GetEMailAsStreamResponse><Response>",
            "GetEMailAsStream><MessageServerId>",
        );
        let body = text
            .replace(
                "</Response></GetEMailAsStreamResponse>",
                "</MessageServerId></GetEMailAsStream>",
            )
            .into_bytes();
        let response = server
            .dispatch(SoapRequest {
                soap_action: None,
                content_type: Some(case.content_type.clone().into()),
                body: body.into(),
            })
            .await;
        match fault_of(&response.body) {
            Ok(fault) if response.status == 500 && fault.code == "Client" => {}
            other => failures.push(format!("{}: {} {other:?}", case.name, response.status)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // A well-formed MTOM request is served, and answered as MTOM.
    let root = envelope(
        "GetEMailAsStream",
        "<MessageServerId>2000</MessageServerId>",
    );
    let response = server
        .dispatch(SoapRequest {
            soap_action: None,
            content_type: Some(content_type().into()),
            body: multipart(&[(ROOT, &root)], true).into(),
        })
        .await;
    assert_eq!(response.status, 200);
    assert!(response.content_type.starts_with("multipart/related"));
    let got = agent(response.content_type.into_owned(), response.body.to_vec())
        .get_email_as_stream(None, None, None)
        .await;
    // 2000 bytes is above the agent's 300-byte limit: the part is refused by size.
    match got {
        Err(Error::Decode(error)) => assert!(
            matches!(
                error.kind,
                DecodeErrorKind::LimitExceeded {
                    limit: "max_bytes_len",
                    ..
                }
            ),
            "{error}"
        ),
        other => panic!("expected the size limit, got {other:?}"),
    }
}

#[tokio::test]
async fn over_http_the_server_answers_hostile_mtom_with_faults_and_keeps_serving() {
    let server = EMailServer::new(Fake)
        .with_limits(small_limits())
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let transport = soap_runtime::client::HttpTransport::new();
    for case in cases() {
        let request = HttpRequest {
            url: server.url(),
            content_type: case.content_type.clone(),
            soap_action: Some("\"\"".into()),
            body: case.body.clone(),
        };
        let answer = transport.send(request).await.expect("an answer");
        let fault = fault_of(&answer.body);
        // A multipart type that is neither XOP nor a SOAP envelope (SwA) is refused by the
        // HTTP layer already.
        let status = if case.name.contains("neither XOP") {
            415
        } else {
            500
        };
        assert!(
            answer.status == status && fault.as_ref().is_ok_and(|f| f.code == "Client"),
            "{}: {} {fault:?}",
            case.name,
            answer.status
        );
    }
    // Still serving, MTOM both ways.
    let agent = EMailAgent::with_client(
        Client::new(server.url()).with_mtom(soap_runtime::mtom::Mtom { threshold: 1 }),
    );
    assert_eq!(
        agent
            .get_email_as_stream(None, Some(3), None)
            .await
            .unwrap(),
        Some(vec![7; 3])
    );
    server.shutdown().await;
}
