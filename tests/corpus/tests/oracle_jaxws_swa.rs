//! The JAX-WS Reference Implementation (Metro 2.3) against the corpus's SOAP with Attachments
//! contract `wsdl/attachments.wsdl` (modules `photo_album` and `scan_archive`), over HTTP on
//! 127.0.0.1, each side a real process on the stubs it made of the WSDL:
//! - JAX-WS's client (`tests/oracles/java/PhotosClient.java`) calls the generated servers: its
//!   `byte[]` parameters bound to `mime:content` go as MIME parts with Content-IDs
//!   `<part=uuid@jaxws.sun.com>`, its `swaRef` `DataHandler`s as `cid:` references, and it
//!   decodes our answers' attachments (an rpc/literal in-out part, a swaRef result);
//! - the generated clients call JAX-WS services (`tests/oracles/java/PhotosServer.java`,
//!   `Endpoint`s with the WSDL as their metadata): JAX-WS decodes our attachments to the bytes
//!   we sent, and our clients decode its answers' parts.
//!
//! What JAX-WS does with the MIME binding: wsimport maps a `mime:content` part to the Java
//! type of its schema type (`byte[]` for `xs:base64Binary`; `Image` or `DataHandler` only with
//! the `enableMIMEContent` customization), and the runtime reads the binding from the WSDL to
//! send it as an attachment; of a part's `mime:content` alternatives it sends the last media
//! type. A `soap:body` without `parts=` binds every part to the body for wsimport (so the
//! contract names the body's parts), and XJC knows `wsi:swaRef` only when the schema declares
//! it (the contract does, as JAX-WS's samples do).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use end_to_end::jaxws::{Contract, Jaxws};
use serde_json::{json, Value};
use soap_runtime::{Attachment, Fault, Message};
use wsdl_corpus::{photo_album, scan_archive};

/// attachments.wsdl for wsimport, with the programs on its stubs.
fn contract() -> Contract {
    Contract {
        package: "photos",
        wsdl: wsdl(),
        bindings: None,
        soap12: false,
        sources: &[
            "Json.java",
            "Attachments.java",
            "PhotosClient.java",
            "PhotosServer.java",
        ],
    }
}

fn wsdl() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/wsdl/attachments.wsdl"
    ))
}

/// `Attachments.payload` of the Java programs: every byte value, CR LF pairs and a fake
/// delimiter.
fn payload(len: usize) -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..len).map(|i| (i * 37 % 256) as u8).collect();
    let trap = b"\r\n--uuid:not-the-boundary\r\n\r\n";
    bytes[10..10 + trap.len()].copy_from_slice(trap);
    bytes
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

// ---- JAX-WS's client, our servers -----------------------------------------------------------

/// What the generated servers received.
#[derive(Default)]
struct Received {
    photos: Mutex<Vec<photo_album::EchoPhoto>>,
    reports: Mutex<Vec<photo_album::UploadReport>>,
    scans: Mutex<Vec<scan_archive::StoreScanRequest>>,
    archived: Mutex<Vec<scan_archive::Archive>>,
}

struct Album(Arc<Received>);

impl photo_album::PhotoAlbumService for Album {
    async fn echo_photo(
        &self,
        request: Message<photo_album::RequestHeaders, photo_album::EchoPhoto>,
    ) -> Result<Message<photo_album::ResponseHeaders, photo_album::EchoPhotoResponse>, Fault> {
        self.0
            .photos
            .lock()
            .expect("lock")
            .push(request.body.clone());
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
        let size = request.body.report.data.len() + request.body.name.len();
        self.0.reports.lock().expect("lock").push(request.body);
        Ok(Message {
            headers: Default::default(),
            body: photo_album::UploadReportResponse { size: size as i32 },
        })
    }
}

struct Archive(Arc<Received>);

impl scan_archive::ScanArchiveService for Archive {
    async fn store_scan(
        &self,
        request: Message<scan_archive::RequestHeaders, scan_archive::StoreScanRequest>,
    ) -> Result<Message<scan_archive::ResponseHeaders, scan_archive::ScanReceipt>, Fault> {
        let body = request.body;
        let receipt = scan_archive::ScanReceipt {
            bytes: body.scan.data.len() as i32 * body.scan_info.pages,
            media_type: format!("scan of {}", body.scan_info.owner),
        };
        self.0.scans.lock().expect("lock").push(body);
        Ok(Message {
            headers: Default::default(),
            body: receipt,
        })
    }

    async fn archive(
        &self,
        request: Message<scan_archive::RequestHeaders, scan_archive::Archive>,
    ) -> Result<Message<scan_archive::ResponseHeaders, scan_archive::ArchiveResponse>, Fault> {
        let label = request.body.label.clone();
        self.0.archived.lock().expect("lock").push(request.body);
        Ok(Message {
            headers: Default::default(),
            body: scan_archive::ArchiveResponse {
                receipt: Attachment::new("text/plain", format!("receipt for {label}")),
            },
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jaxws_client_sends_attachments_to_our_servers() {
    let Some(jaxws) = Jaxws::locate("jaxws_client_sends_attachments_to_our_servers") else {
        return;
    };
    let received = Arc::new(Received::default());
    let album = photo_album::PhotoAlbumServer::new(Album(received.clone()))
        .bind("127.0.0.1:0")
        .await
        .expect("the album server binds");
    let archive = scan_archive::ScanArchiveServer::new(Archive(received.clone()))
        .bind("127.0.0.1:0")
        .await
        .expect("the archive server binds");
    let urls = (album.url(), archive.url());
    let results = tokio::task::spawn_blocking(move || {
        jaxws
            .compile(&contract())
            .client("PhotosClient", &[urls.0.as_str(), urls.1.as_str()])
    })
    .await
    .expect("the JAX-WS client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 4, "{results:?}");

    // echoPhoto: the photo as our server read it from its MIME part, and our answer's part as
    // JAX-WS read it.
    let photo = payload(3000);
    assert_eq!(
        *received.photos.lock().expect("lock"),
        [photo_album::EchoPhoto {
            title: "sunset <&>".into(),
            photo: Attachment::new("image/jpeg", photo.clone()),
        }]
    );
    let mut reversed = photo;
    reversed.reverse();
    assert_eq!(
        results[0],
        json!({"op": "EchoPhoto", "title": "sunset <&> (reversed)", "photo": base64(&reversed)})
    );
    // uploadReport: JAX-WS sends the last of the part's media types.
    assert_eq!(
        *received.reports.lock().expect("lock"),
        [photo_album::UploadReport {
            name: "q3".into(),
            report: Attachment::new("application/pdf", b"all well".to_vec()),
        }]
    );
    assert_eq!(results[1], json!({"op": "UploadReport", "size": 10}));
    // storeScan: the element part from the Body, the attachment from its part.
    assert_eq!(
        *received.scans.lock().expect("lock"),
        [scan_archive::StoreScanRequest {
            scan_info: scan_archive::ScanInfo {
                owner: "ada".into(),
                pages: 2,
            },
            scan: Attachment::new("image/png", payload(500)),
        }]
    );
    assert_eq!(
        results[2],
        json!({"op": "StoreScan", "body": {"bytes": 1000, "mediaType": "scan of ada"}})
    );
    // archive: JAX-WS's swaRef DataHandlers as our server read them, and ours as it did.
    assert_eq!(
        *received.archived.lock().expect("lock"),
        [scan_archive::Archive {
            label: "letters".into(),
            document: Attachment::new("application/pdf", b"%PDF-1.4 one".to_vec()),
            extra: Some(Attachment::new("text/plain", b" and two".to_vec())),
        }]
    );
    assert_eq!(
        results[3],
        json!({"op": "Archive", "receipt": {"type": "text/plain",
               "data": base64(b"receipt for letters")}})
    );
}

// ---- our clients, JAX-WS's services ---------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_clients_send_attachments_to_jaxws_services() {
    let Some(jaxws) = Jaxws::locate("our_clients_send_attachments_to_jaxws_services") else {
        return;
    };
    let wsdl = wsdl();
    let mut server = tokio::task::spawn_blocking(move || {
        jaxws
            .compile(&contract())
            .server("PhotosServer", &[wsdl.to_str().expect("a UTF-8 path")])
    })
    .await
    .expect("the JAX-WS services");
    let album = photo_album::PhotoAlbumClient::new(server.url("/album"));
    let archive = scan_archive::ScanArchiveClient::new(server.url("/archive"));

    let photo = payload(3000);
    let echoed = album
        .echo_photo(
            "sunset <&>".into(),
            Attachment::new("image/jpeg", photo.clone()),
        )
        .await;
    let request = server.next_request("EchoPhoto");
    assert_eq!(
        request,
        json!({"op": "EchoPhoto", "title": "sunset <&>", "photo": base64(&photo)})
    );
    let echoed = echoed.expect("echoPhoto answers");
    let mut reversed = photo;
    reversed.reverse();
    assert_eq!(echoed.title, "sunset <&> (reversed)");
    assert_eq!(echoed.photo, Attachment::new("image/jpeg", reversed));

    let size = album
        .upload_report(
            "q3".into(),
            Attachment::new("text/plain", b"all well".to_vec()),
        )
        .await
        .expect("uploadReport answers");
    assert_eq!(size, 10);
    assert_eq!(
        server.next_request("UploadReport"),
        json!({"op": "UploadReport", "name": "q3", "report": base64(b"all well")})
    );

    let receipt = archive
        .store_scan(
            scan_archive::ScanInfo {
                owner: "ada".into(),
                pages: 2,
            },
            Attachment::new("image/png", payload(500)),
        )
        .await
        .expect("storeScan answers");
    assert_eq!(receipt.bytes, 1000);
    assert_eq!(receipt.media_type, "scan of ada");
    assert_eq!(
        server.next_request("StoreScan"),
        json!({"op": "StoreScan", "info": {"owner": "ada", "pages": 2},
               "scan": base64(&payload(500))})
    );

    let receipt = archive
        .archive(
            "letters".into(),
            Attachment::new("application/pdf", b"%PDF-1.4 one".to_vec()),
            Some(Attachment::new("text/plain", b" and two".to_vec())),
        )
        .await
        .expect("archive answers");
    assert_eq!(
        server.next_request("Archive"),
        json!({"op": "Archive", "label": "letters",
               "document": {"type": "application/pdf", "data": base64(b"%PDF-1.4 one")},
               "extra": {"type": "text/plain", "data": base64(b" and two")}})
    );
    assert_eq!(
        receipt,
        Attachment::new("text/plain", b"receipt for letters".to_vec())
    );
    // The optional swaRef left out: JAX-WS decodes no `extra`.
    archive
        .archive("bare".into(), Attachment::new("", b"x".to_vec()), None)
        .await
        .expect("archive answers");
    let request: Value = server.next_request("Archive");
    assert_eq!(request["extra"], Value::Null, "{request}");
    assert_eq!(
        request["document"],
        json!({"type": "application/octet-stream", "data": base64(b"x")})
    );
}
