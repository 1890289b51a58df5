//! SOAP with Attachments (`wsdl/attachments.wsdl`) over HTTP on 127.0.0.1: parts bound to
//! `mime:content` round-trip through the generated client and server in MIME parts beside the
//! envelope (rpc/literal and a document-style message of an element and an attachment), and
//! `wsi:swaRef` fields as `cid:` references. The wire is `multipart/related;
//! type="text/xml"` with the envelope first and Content-IDs `<part=…>` (WS-I Attachments
//! Profile 1.0); a missing attachment, one over `Limits::max_bytes_len` and broken MIME are
//! typed errors, never panics.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use soap_runtime::client::{CannedTransport, HttpRequest, HttpResponse, HttpTransport, Transport};
use soap_runtime::error::DecodeErrorKind;
use soap_runtime::mtom::MtomError;
use soap_runtime::{
    Attachment, Client, Error as RuntimeError, Fault, Limits, Message, TransportError,
};
use wsdl_corpus::{photo_album, scan_archive};

/// Bytes no text encoding survives: every byte value, CR LF pairs and a fake delimiter.
fn payload(len: usize) -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..len).map(|i| (i * 37 % 256) as u8).collect();
    let trap = b"\r\n--uuid:not-the-boundary\r\n\r\n";
    bytes[10..10 + trap.len()].copy_from_slice(trap);
    bytes
}

struct Album;

impl photo_album::PhotoAlbumService for Album {
    async fn echo_photo(
        &self,
        request: Message<photo_album::RequestHeaders, photo_album::EchoPhoto>,
    ) -> Result<Message<photo_album::ResponseHeaders, photo_album::EchoPhotoResponse>, Fault> {
        let mut photo = request.body.photo;
        photo.data.reverse();
        Ok(Message {
            headers: Default::default(),
            body: photo_album::EchoPhotoResponse {
                title: format!("{} (reversed)", request.body.title),
                photo,
            },
        })
    }

    async fn upload_report(
        &self,
        request: Message<photo_album::RequestHeaders, photo_album::UploadReport>,
    ) -> Result<Message<photo_album::ResponseHeaders, photo_album::UploadReportResponse>, Fault>
    {
        let report = request.body.report;
        if report.content_type != "text/plain" && report.content_type != "application/pdf" {
            return Err(Fault::sender(
                soap_runtime::SoapVersion::Soap11,
                format!("a report of type {}", report.content_type),
            ));
        }
        Ok(Message {
            headers: Default::default(),
            body: photo_album::UploadReportResponse {
                size: report.data.len() as i32 + request.body.name.len() as i32,
            },
        })
    }
}

struct Archive;

impl scan_archive::ScanArchiveService for Archive {
    async fn store_scan(
        &self,
        request: Message<scan_archive::RequestHeaders, scan_archive::StoreScanRequest>,
    ) -> Result<Message<scan_archive::ResponseHeaders, scan_archive::ScanReceipt>, Fault> {
        let scan = request.body.scan;
        Ok(Message {
            headers: Default::default(),
            body: scan_archive::ScanReceipt {
                bytes: scan.data.len() as i32 * request.body.scan_info.pages,
                media_type: format!("{} for {}", scan.content_type, request.body.scan_info.owner),
            },
        })
    }

    async fn archive(
        &self,
        request: Message<scan_archive::RequestHeaders, scan_archive::Archive>,
    ) -> Result<Message<scan_archive::ResponseHeaders, scan_archive::ArchiveResponse>, Fault> {
        let body = request.body;
        let mut data = body.document.data;
        if let Some(extra) = body.extra {
            data.extend_from_slice(&extra.data);
        }
        Ok(Message {
            headers: Default::default(),
            body: scan_archive::ArchiveResponse {
                receipt: Attachment::new("text/plain; charset=utf-8", data),
            },
        })
    }
}

/// Records each request and answer as they went over the wire, then passes them on.
#[derive(Debug, Default)]
struct Recorder {
    http: HttpTransport,
    seen: Mutex<Vec<(HttpRequest, String, Vec<u8>)>>,
}

impl Transport for Recorder {
    fn send(
        &self,
        request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        Box::pin(async move {
            let sent = request.clone();
            let response = self.http.send(request).await?;
            self.seen.lock().unwrap().push((
                sent,
                response.content_type.clone().unwrap_or_default(),
                response.body.to_vec(),
            ));
            Ok(response)
        })
    }
}

#[tokio::test]
async fn rpc_attachments_round_trip_over_http_both_ways() {
    let server = photo_album::PhotoAlbumServer::new(Album)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let recorder = Arc::new(Recorder::default());
    let client = photo_album::PhotoAlbumClient::with_client(Client::with_transport(
        server.url(),
        recorder.clone(),
    ));
    let photo = payload(3000);
    let answer = client
        .echo_photo(
            "sunset".into(),
            Attachment::new("image/jpeg", photo.clone()),
        )
        .await
        .expect("echoPhoto");
    assert_eq!(answer.title, "sunset (reversed)");
    assert_eq!(answer.photo.content_type, "image/jpeg");
    let mut reversed = photo.clone();
    reversed.reverse();
    assert_eq!(answer.photo.data, reversed);

    let size = client
        .upload_report(
            "q3".into(),
            Attachment::new("text/plain", b"all well".to_vec()),
        )
        .await
        .expect("uploadReport");
    assert_eq!(size, 10);
    // A media type the service does not take reaches it, and its fault the caller.
    let refused = client
        .upload_report("q3".into(), Attachment::new("image/gif", vec![1]))
        .await
        .expect_err("a gif is refused");
    assert!(matches!(refused, RuntimeError::Fault(_)), "{refused:?}");

    let seen = recorder.seen.lock().unwrap();
    let (request, answer_type, answer_body) = &seen[0];
    // SwA as the WS-I Attachments Profile writes it: text/xml root first, `<part=…>` IDs.
    assert!(
        request
            .content_type
            .starts_with("multipart/related; type=\"text/xml\"; start=\"<"),
        "{}",
        request.content_type
    );
    assert_eq!(
        request.soap_action.as_deref(),
        Some("\"urn:example:photos#echoPhoto\"")
    );
    let text = String::from_utf8_lossy(&request.body);
    let root = text
        .find("Content-Type: text/xml; charset=utf-8")
        .expect("root part");
    let attachment = text
        .find("Content-ID: <photo=")
        .expect("the photo's Content-ID");
    assert!(root < attachment, "{text}");
    assert!(text.contains("Content-Type: image/jpeg"), "{text}");
    // The envelope names no attachment: the part is outside it.
    let envelope = &text
        [text.find("<s:Envelope").expect("envelope")..text.find("</s:Envelope>").expect("its end")];
    assert!(!envelope.contains("<photo"), "{envelope}");
    assert!(
        envelope.contains("<n0:echoPhoto><title>sunset</title></n0:echoPhoto>"),
        "{envelope}"
    );
    // The answer is SwA too, not MTOM.
    assert!(
        answer_type.starts_with("multipart/related; type=\"text/xml\""),
        "{answer_type}"
    );
    assert!(String::from_utf8_lossy(answer_body).contains("Content-ID: <photo="));
    // An answer without attachments stays plain XML.
    assert!(seen[1].1.starts_with("text/xml"), "{}", seen[1].1);
}

#[tokio::test]
async fn document_parts_and_swa_refs_round_trip_over_http() {
    let server = scan_archive::ScanArchiveServer::new(Archive)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let recorder = Arc::new(Recorder::default());
    let client = scan_archive::ScanArchiveClient::with_client(Client::with_transport(
        server.url(),
        recorder.clone(),
    ));
    let receipt = client
        .store_scan(
            scan_archive::ScanInfo {
                owner: "ada".into(),
                pages: 2,
            },
            Attachment::new("image/png", payload(500)),
        )
        .await
        .expect("storeScan");
    assert_eq!(receipt.bytes, 1000);
    assert_eq!(receipt.media_type, "image/png for ada");

    let receipt = client
        .archive(
            "letters".into(),
            Attachment::new("application/pdf", b"%PDF-1.4 one".to_vec()),
            Some(Attachment::new("text/plain", b" and two".to_vec())),
        )
        .await
        .expect("archive");
    assert_eq!(receipt.content_type, "text/plain; charset=utf-8");
    assert_eq!(receipt.data, b"%PDF-1.4 one and two");
    let without_extra = client
        .archive("x".into(), Attachment::new("", b"bare".to_vec()), None)
        .await
        .expect("archive without the optional reference");
    assert_eq!(without_extra.data, b"bare");

    let seen = recorder.seen.lock().unwrap();
    let text = String::from_utf8_lossy(&seen[0].0.body);
    // The element part is the Body's child; the attachment is a part of its own.
    assert!(
        text.contains("<s:Body><n0:scanInfo><n0:owner>ada</n0:owner>"),
        "{text}"
    );
    assert!(text.contains("Content-ID: <scan="), "{text}");
    // swaRef: the element holds the cid: URL of its part.
    let archived = String::from_utf8_lossy(&seen[1].0.body);
    let start = archived
        .find("<n0:document>cid:")
        .expect("a cid: reference")
        + "<n0:document>cid:".len();
    let id = &archived[start..start + archived[start..].find('<').unwrap()];
    assert!(
        archived.contains(&format!("Content-ID: <{id}>")),
        "{archived}"
    );
    // A part written without a media type goes as application/octet-stream.
    let bare = String::from_utf8_lossy(&seen[2].0.body);
    assert!(
        bare.contains("Content-Type: application/octet-stream"),
        "{bare}"
    );
}

const ECHO_ANSWER: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><p:echoPhotoResponse xmlns:p="urn:example:photos"><title>t</title></p:echoPhotoResponse></s:Body></s:Envelope>"#;

/// A client of a canned answer `body` sent as `content_type`.
fn canned(content_type: &str, body: Vec<u8>, limits: Limits) -> photo_album::PhotoAlbumClient {
    photo_album::PhotoAlbumClient::with_client(
        Client::with_transport(
            "http://album.invalid/",
            Arc::new(CannedTransport::ok(content_type, body)),
        )
        .with_limits(limits),
    )
}

/// An answer as JAX-WS and Axis write it: a preamble-free body, the root part first without a
/// Content-ID, the attachment with `<part=uuid@host>`.
fn answer_with(parts: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut body = format!(
        "--MIMEBoundary\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Transfer-Encoding: binary\r\n\r\n{ECHO_ANSWER}"
    )
    .into_bytes();
    for (id, media, bytes) in parts {
        body.extend_from_slice(
            format!("\r\n--MIMEBoundary\r\nContent-Type: {media}\r\nContent-ID: <{id}>\r\nContent-Transfer-Encoding: binary\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
    }
    body.extend_from_slice(b"\r\n--MIMEBoundary--\r\n");
    body
}

const SWA_TYPE: &str = "multipart/related; type=\"text/xml\"; boundary=MIMEBoundary";

#[tokio::test]
async fn attachments_are_found_by_part_name_and_missing_ones_are_typed_errors() {
    let body = answer_with(&[(
        "photo=7c8e1b2a-1@example.jaxws.sun.com",
        "image/jpeg",
        b"\xff\xd8",
    )]);
    let answer = canned(SWA_TYPE, body, Limits::default())
        .echo_photo_message(Default::default())
        .await
        .expect("a JAX-WS style answer");
    assert_eq!(
        answer.body.photo,
        Attachment::new("image/jpeg", b"\xff\xd8".to_vec())
    );

    let missing = answer_with(&[("other=1@x", "image/jpeg", b"1")]);
    let error = canned(SWA_TYPE, missing, Limits::default())
        .echo_photo_message(Default::default())
        .await
        .expect_err("no photo part");
    let RuntimeError::Decode(error) = error else {
        panic!("{error:?}");
    };
    assert_eq!(
        error.kind,
        DecodeErrorKind::Mtom(MtomError::MissingAttachment("photo".into()))
    );
    // A plain answer has no attachment either.
    let error = canned(
        "text/xml; charset=utf-8",
        ECHO_ANSWER.into(),
        Limits::default(),
    )
    .echo_photo_message(Default::default())
    .await
    .expect_err("no MIME parts at all");
    assert!(
        matches!(&error, RuntimeError::Decode(e) if e.kind == DecodeErrorKind::Mtom(MtomError::MissingAttachment("photo".into()))),
        "{error:?}"
    );
    // Two parts claiming the same message part.
    let twice = answer_with(&[
        ("photo=1@x", "image/jpeg", b"1"),
        ("photo=2@x", "image/jpeg", b"2"),
    ]);
    let error = canned(SWA_TYPE, twice, Limits::default())
        .echo_photo_message(Default::default())
        .await
        .expect_err("ambiguous");
    assert!(
        matches!(&error, RuntimeError::Decode(e) if e.kind == DecodeErrorKind::Mtom(MtomError::AmbiguousAttachment("photo".into()))),
        "{error:?}"
    );
}

#[tokio::test]
async fn attachments_are_bounded_and_hostile_mime_is_refused() {
    let limits = Limits {
        max_bytes_len: 16,
        ..Limits::default()
    };
    let large = answer_with(&[("photo=1@x", "image/jpeg", &[7; 17])]);
    let error = canned(SWA_TYPE, large, limits)
        .echo_photo_message(Default::default())
        .await
        .expect_err("over max_bytes_len");
    assert!(
        matches!(&error, RuntimeError::Decode(e) if matches!(e.kind, DecodeErrorKind::LimitExceeded { limit: "max_bytes_len", .. })),
        "{error:?}"
    );
    let good = answer_with(&[("photo=1@x", "image/jpeg", b"\x00\x01\r\n--MIMEBoundar")]);
    // Every truncation and many corruptions of a good answer: an error or an answer, no panic.
    for end in 0..good.len() {
        let _ = canned(SWA_TYPE, good[..end].to_vec(), Limits::default())
            .echo_photo_message(Default::default())
            .await;
    }
    for at in (0..good.len()).step_by(3) {
        for byte in [b'-', b'\r', b'\n', b':', b'<', b'='] {
            let mut corrupt = good.clone();
            corrupt[at] = byte;
            let _ = canned(SWA_TYPE, corrupt, Limits::default())
                .echo_photo_message(Default::default())
                .await;
        }
    }
    let unclosed = good[..good.len() - 20].to_vec();
    let error = canned(SWA_TYPE, unclosed, Limits::default())
        .echo_photo_message(Default::default())
        .await
        .expect_err("no closing delimiter");
    assert!(
        matches!(&error, RuntimeError::Decode(e) if e.kind == DecodeErrorKind::Mtom(MtomError::BoundaryNeverCloses)),
        "{error:?}"
    );
    let too_many = Limits {
        max_items: 1,
        ..Limits::default()
    };
    let error = canned(SWA_TYPE, good, too_many)
        .echo_photo_message(Default::default())
        .await
        .expect_err("more parts than max_items");
    assert!(
        matches!(&error, RuntimeError::Decode(e) if matches!(e.kind, DecodeErrorKind::Mtom(MtomError::TooManyParts { .. }))),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_request_without_its_attachment_gets_a_sender_fault() {
    let server = photo_album::PhotoAlbumServer::new(Album)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let envelope = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><p:echoPhoto xmlns:p="urn:example:photos"><title>t</title></p:echoPhoto></s:Body></s:Envelope>"#;
    let answer = HttpTransport::new()
        .send(HttpRequest {
            url: server.url(),
            content_type: "text/xml; charset=utf-8".into(),
            soap_action: Some("\"urn:example:photos#echoPhoto\"".into()),
            body: envelope.as_bytes().to_vec(),
        })
        .await
        .expect("an answer");
    assert_eq!(answer.status, 500);
    let text = String::from_utf8_lossy(&answer.body);
    assert!(text.contains("photo"), "{text}");
    assert!(text.contains("Client"), "{text}");
}

#[tokio::test]
async fn soap_1_2_attachments_round_trip_and_are_answered_in_soap_1_2() {
    let server = photo_album::PhotoAlbumServer::new(Album)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let recorder = Arc::new(Recorder::default());
    let client = photo_album::PhotoAlbumClient::with_client(
        Client::with_transport(server.url(), recorder.clone())
            .with_version(soap_runtime::SoapVersion::Soap12),
    );
    let answer = client
        .echo_photo("night".into(), Attachment::new("image/jpeg", vec![1, 2, 3]))
        .await
        .expect("echoPhoto in SOAP 1.2");
    assert_eq!(answer.photo.data, [3, 2, 1]);
    let seen = recorder.seen.lock().unwrap();
    let (request, answer_type, _) = &seen[0];
    assert!(
        request
            .content_type
            .starts_with("multipart/related; type=\"application/soap+xml\""),
        "{}",
        request.content_type
    );
    assert!(
        request
            .content_type
            .contains("action=\"urn:example:photos#echoPhoto\""),
        "{}",
        request.content_type
    );
    assert!(
        answer_type.starts_with("multipart/related; type=\"application/soap+xml\""),
        "{answer_type}"
    );
}

#[tokio::test]
async fn hostile_swa_requests_get_faults_from_the_server() {
    let server = photo_album::PhotoAlbumServer::new(Album)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let envelope = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><p:echoPhoto xmlns:p="urn:example:photos"><title>t</title></p:echoPhoto></s:Body></s:Envelope>"#;
    let good = format!(
        "--b\r\nContent-Type: text/xml; charset=utf-8\r\n\r\n{envelope}\r\n--b\r\nContent-ID: <photo=1@x>\r\nContent-Type: image/jpeg\r\n\r\n\x01\x02\r\n--b--\r\n"
    );
    let post = |body: Vec<u8>| {
        let url = server.url();
        async move {
            HttpTransport::new()
                .send(HttpRequest {
                    url,
                    content_type: "multipart/related; type=\"text/xml\"; boundary=b".into(),
                    soap_action: Some("\"urn:example:photos#echoPhoto\"".into()),
                    body,
                })
                .await
                .expect("an answer")
        }
    };
    let answer = post(good.clone().into_bytes()).await;
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    // Truncated before its closing delimiter, a part without headers' end, a base64 part:
    // each a fault naming what is wrong, never a hang.
    let hostile = [
        good[..good.len() - 12].to_string(),
        good.replace(
            "Content-Type: image/jpeg\r\n\r\n",
            "Content-Type: image/jpeg",
        ),
        good.replace(
            "Content-Type: image/jpeg\r\n",
            "Content-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n",
        ),
    ];
    for (body, expected) in hostile.into_iter().zip([
        "closing delimiter",
        "no blank line after the part",
        "Content-Transfer-Encoding",
    ]) {
        let answer =
            tokio::time::timeout(std::time::Duration::from_secs(10), post(body.into_bytes()))
                .await
                .expect("answered in time");
        let text = String::from_utf8_lossy(&answer.body);
        assert_eq!(answer.status, 500, "{text}");
        assert!(text.contains(expected), "{expected}: {text}");
    }
}

/// Axis 1 (before the WS-I Attachments Profile) names each attachment part in the body,
/// `<photo href="cid:…"/>`, and gives its MIME part a Content-ID of no particular form.
#[tokio::test]
async fn attachments_named_in_the_body_by_href_are_read_as_axis_writes_them() {
    let server = photo_album::PhotoAlbumServer::new(Album)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let envelope = r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns1:echoPhoto xmlns:ns1="urn:example:photos"><title>axis</title><photo href="cid:4F1C0DA2B1E5D0F3A9D1C6C1E2F3A4B5"/></ns1:echoPhoto></soapenv:Body></soapenv:Envelope>"#;
    let body = format!(
        "\r\n------=_Part_0_1.2\r\nContent-Type: text/xml; charset=UTF-8\r\nContent-Transfer-Encoding: binary\r\nContent-Id: <16A8F5E4D3C2B1A09F8E7D6C5B4A3928>\r\n\r\n{envelope}\r\n------=_Part_0_1.2\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: binary\r\nContent-Id: <4F1C0DA2B1E5D0F3A9D1C6C1E2F3A4B5>\r\n\r\n\x01\x02\x03\r\n------=_Part_0_1.2--\r\n"
    );
    let answer = HttpTransport::new()
        .send(HttpRequest {
            url: server.url(),
            content_type: "multipart/related; type=\"text/xml\"; start=\"<16A8F5E4D3C2B1A09F8E7D6C5B4A3928>\"; \tboundary=\"----=_Part_0_1.2\"".into(),
            soap_action: Some("\"urn:example:photos#echoPhoto\"".into()),
            body: body.into_bytes(),
        })
        .await
        .expect("an answer");
    let text = String::from_utf8_lossy(&answer.body);
    assert_eq!(answer.status, 200, "{text}");
    assert!(text.contains("<title>axis (reversed)</title>"), "{text}");
    assert!(
        text.contains(
            "Content-Type: image/jpeg\r\nContent-Transfer-Encoding: binary\r\n\r\n\x03\x02\x01"
        ),
        "{text}"
    );

    // The same in an answer to our client.
    let answer =
        "--b\r\nContent-Type: text/xml\r\n\r\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><p:echoPhotoResponse xmlns:p=\"urn:example:photos\"><title>t</title><photo href=\"cid:x1\"/></p:echoPhotoResponse></s:Body></s:Envelope>\r\n--b\r\nContent-Id: <x1>\r\nContent-Type: image/gif\r\n\r\nGIF\r\n--b--";
    let reply = canned(
        SWA_TYPE.replace("MIMEBoundary", "b").as_str(),
        answer.as_bytes().to_vec(),
        Limits::default(),
    )
    .echo_photo_message(Default::default())
    .await
    .expect("an Axis-style answer");
    assert_eq!(
        reply.body.photo,
        Attachment::new("image/gif", b"GIF".to_vec())
    );
}
