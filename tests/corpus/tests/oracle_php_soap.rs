//! PHP's SOAP extension (ext/soap, a C SOAP stack nobody here wrote) against the rpc/encoded
//! binding of `wsdl/rpc.wsdl` (`StoreEncoded`, module `store_encoded`), over HTTP on
//! 127.0.0.1, each side a real process, values checked both ways:
//! - PHP's SoapClient (`tests/oracles/php/client.php`) calls the generated server: an
//!   `xsd:all` struct, a SOAP-encoded array of structs and of strings, two output parts, text
//!   to escape and beyond ASCII, and a SOAP fault;
//! - the generated client calls PHP's SoapServer (`tests/oracles/php/store_server.php`, under
//!   PHP's built-in web server), whose answers are computed from what it decoded, and whose
//!   thrown `SoapFault` reaches our client as `Error::Fault`.
//!
//! And the document/literal binding of parts by type (`StoreDocument`, module
//! `store_document`: the parts are the Body's children, without a wrapper; WS-I forbids it, and
//! JAX-WS's wsimport refuses it), whose `find` PHP takes from the first binding that has it,
//! both ways.
//!
//! Our client with soap-runtime's HTTP compression calls the rpc/encoded SoapServer through a
//! wire tap (`end_to_end::wire_tap`): SoapServer reads our gzip requests (it inflates a request
//! whose `Content-Encoding` is gzip, x-gzip or deflate), and PHP, with
//! `zlib.output_compression` on, compresses its answers for our `Accept-Encoding`, which our
//! client decodes.
//!
//! `scripts/test.sh` installs PHP and its SOAP extension (see `end_to_end::php_soap`); without
//! them these tests are skipped loudly, and fail in CI.

mod store_peer;

use std::path::PathBuf;
use std::sync::Arc;

use end_to_end::php_soap::PhpSoap;
use end_to_end::wire_tap::{messages, WireTap};
use serde_json::{json, Value};
use soap_runtime::client::{Client, HttpTransport};
use soap_runtime::compression::Compression;
use soap_runtime::Error;
use store_peer::{add_items_then_none, found, items, Store, NO_ITEM};
use wsdl_corpus::{store_document, store_encoded};

/// The contract both sides load; its first port is the rpc/encoded one, which PHP uses.
fn wsdl() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/rpc.wsdl"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn php_soap_client_calls_our_rpc_encoded_server() {
    let Some(php) = PhpSoap::locate("php_soap_client_calls_our_rpc_encoded_server") else {
        return;
    };
    let store = Arc::new(Store::default());
    let server = store_encoded::StoreServer::shared(store.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    let calls = json!({
        "calls": [
            {"op": "addItems", "args": [
                "box & <lid>",
                [
                    {"name": "ä", "qty": 2, "note": "first"},
                    {"name": "b<", "qty": 3},
                ],
            ]},
            {"op": "lookup", "args": [7]},
            {"op": "lookup", "args": [-1]},
        ],
    })
    .to_string();
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || php.client(&wsdl(), &url, &calls))
        .await
        .expect("the PHP client");

    // What our server decoded of PHP's encoded request.
    let received = store.received.lock().expect("lock");
    let [added] = received.as_slice() else {
        panic!("one addItems: {} received", received.len());
    };
    assert_eq!(added.label, "box & <lid>");
    let items: Vec<(&str, i32, Option<&str>)> = added
        .items
        .iter()
        .map(|i| (i.name.as_str(), i.qty, i.note.as_deref()))
        .collect();
    assert_eq!(items, [("ä", 2, Some("first")), ("b<", 3, None)]);

    // What PHP decoded of our answers: two output parts as an object keyed by part name, a
    // struct, and the fault.
    assert_eq!(
        results[0]["result"],
        json!({"total": 5, "names": ["box & <lid>:ä", "box & <lid>:b<"]}),
        "{results}"
    );
    assert_eq!(
        results[1]["result"],
        json!({"name": "item 7 <&>", "qty": 14, "note": "ünïcode"}),
        "{results}"
    );
    let fault: &Value = &results[2]["fault"];
    assert_eq!(fault["string"], json!(NO_ITEM), "{results}");
    // PHP gives the fault code as it was written: our envelope's prefix and `Client`.
    assert_eq!(fault["code"], json!("s:Client"), "{results}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_php_soap_rpc_encoded_server() {
    let Some(php) = PhpSoap::locate("our_client_calls_a_php_soap_rpc_encoded_server") else {
        return;
    };
    let server = tokio::task::spawn_blocking(move || php.server("store_server.php", &wsdl()))
        .await
        .expect("the PHP server");
    let client = store_encoded::StoreClient::new(server.url("/store/encoded"));

    // PHP decoded our encoded array of structs, and an empty one: its answers are computed
    // from them.
    add_items_then_none(&client).await;

    let item = client.lookup(7).await.expect("lookup");
    assert_eq!(item.name, "item 7 <&>");
    assert_eq!(item.qty, 14);
    assert_eq!(item.note.as_deref(), Some("ünïcode"));

    match client.lookup(-1).await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.reason, NO_ITEM);
            assert_eq!(fault.code, "Client");
        }
        other => panic!("expected PHP's SoapFault, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn php_soap_client_calls_our_document_parts_server() {
    let Some(php) = PhpSoap::locate("php_soap_client_calls_our_document_parts_server") else {
        return;
    };
    let store = Arc::new(Store::default());
    let server = store_document::StoreServer::shared(store.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    let calls = json!({"calls": [{"op": "find", "args": ["lid <&> ä", 3]}]}).to_string();
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || php.client(&wsdl(), &url, &calls))
        .await
        .expect("the PHP client");

    // What our server decoded of the Body's parts, and PHP of ours.
    let request = store_document::FindRequest {
        name: "lid <&> ä".into(),
        limit: 3,
    };
    assert_eq!(
        *store.finds.lock().expect("lock"),
        std::slice::from_ref(&request)
    );
    let answer = found(&request);
    assert_eq!(
        results[0]["result"],
        json!({"count": answer.count, "first": {
            "name": answer.first.name, "qty": answer.first.qty, "note": answer.first.note}}),
        "{results}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_php_soap_document_parts_server() {
    let Some(php) = PhpSoap::locate("our_client_calls_a_php_soap_document_parts_server") else {
        return;
    };
    let server = tokio::task::spawn_blocking(move || php.server("store_server.php", &wsdl()))
        .await
        .expect("the PHP server");
    let client = store_document::StoreClient::new(server.url("/store/document"));
    let request = store_document::FindRequest {
        name: "lid <&> ä".into(),
        limit: 3,
    };
    // PHP decoded the Body's parts: its answer is computed from them.
    let answer = client
        .find_message(request.clone())
        .await
        .expect("find answers");
    assert_eq!(answer.body, found(&request));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_compressing_client_calls_a_php_soap_server() {
    let Some(php) = PhpSoap::locate("our_compressing_client_calls_a_php_soap_server") else {
        return;
    };
    let server = tokio::task::spawn_blocking(move || {
        php.server_with("store_server.php", &wsdl(), &["zlib.output_compression=1"])
    })
    .await
    .expect("the PHP server");
    let tap = WireTap::start(
        server
            .url("")
            .trim_start_matches("http://")
            .parse()
            .expect("the PHP server's address"),
    );
    let transport = HttpTransport::builder()
        .accept_compressed()
        // Every request, however small.
        .compress_requests(Compression::new().min_size(0))
        .build()
        .expect("the transport");
    let client = store_encoded::StoreClient::with_client(Client::with_transport(
        tap.url("/store/encoded"),
        Arc::new(transport),
    ));

    // PHP decoded our gzip requests: its answers are computed from them.
    let added = client
        .add_items("box & <lid>".into(), items())
        .await
        .expect("addItems");
    assert_eq!(added.total, 5);
    assert_eq!(added.names, ["box & <lid>:ä", "box & <lid>:b<"]);
    let item = client.lookup(7).await.expect("lookup");
    assert_eq!(item.name, "item 7 <&>");
    assert_eq!(item.qty, 14);
    assert_eq!(item.note.as_deref(), Some("ünïcode"));

    // On the wire: both requests gzip, both answers compressed by PHP.
    let requests = messages(&tap.requests());
    assert_eq!(requests.len(), 2, "{requests:?}");
    for request in &requests {
        assert!(
            request.has_header("content-encoding", "gzip"),
            "{}",
            request.head
        );
        assert!(
            request.has_header("accept-encoding", "gzip, deflate"),
            "{}",
            request.head
        );
        assert!(request.body.starts_with(&[0x1f, 0x8b]), "{}", request.head);
    }
    let answers = messages(&tap.answers());
    assert_eq!(answers.len(), 2, "{answers:?}");
    for answer in &answers {
        assert!(
            answer.has_header("content-encoding", "gzip"),
            "{}",
            answer.head
        );
    }
}
