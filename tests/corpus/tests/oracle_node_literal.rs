//! node-soap (npm `soap`, a JavaScript SOAP stack nobody here wrote) against the corpus's
//! library contracts, over HTTP on 127.0.0.1, each side a real process, values checked on both
//! sides:
//! - `wsdl/library/rpc.wsdl` (module `library_rpc`), rpc/literal: two parts each way, a part of
//!   a complex type, parts of simple types (one an enumeration), a declared fault, one-way;
//! - `wsdl/library/bare.wsdl` (module `library_bare`), document/literal bare: a body that is one
//!   element of a complex type, of a simple type, of a list (also empty), a declared fault,
//!   one-way.
//!
//! node-soap's client (`tests/oracles/node/client.js`) calls the generated servers, whose
//! handler (`library_peer`) records what it decoded and answers from it; the generated clients
//! call node-soap's server (`tests/oracles/node/server.js`), which reports what it decoded and
//! answers canned values.
//!
//! Where node-soap 1.13 departs from the contract (besides what `oracle_node_soap.rs` says of
//! rpc/literal wrappers and accessors):
//! - its server cannot take an rpc one-way request: it looks the wrapper (`donateBook`, named
//!   after the operation as WSDL 1.1 says) up as an output message when its name does not end
//!   in `Request`, finds none, and fails with a JavaScript TypeError (HTTP 500, a stack trace);
//! - its server writes a `null` value as `xsi:nil="true"` without declaring the `xsi` prefix,
//!   which is not namespace-well-formed XML: our reader refuses it (`the prefix xsi of
//!   attribute xsi:nil is not declared`), as an XML parser must; the nil values its server
//!   answers here declare it themselves;
//! - it reads what a part of an rpc message holds as text (`"pages": "321"`), and gives a nil
//!   element, an empty list and an empty answer as nothing at all.

mod library_peer;

use std::path::PathBuf;

use end_to_end::node_soap::NodeSoap;
use library_peer::scripted::books_json;
use library_peer::{
    added_titles, assert_declared, bare_books, bare_refusal, rpc_books, serve_bare, serve_rpc,
    shelf_size, NOT_ON_THE_SHELF, NO_PAGES, NO_SHELF,
};
use serde_json::{json, Value};
use soap_runtime::Error;
use wsdl_corpus::{library_bare, library_rpc};

/// The library contract `name` (`rpc.wsdl`, `bare.wsdl`).
fn wsdl(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/library")).join(name)
}

/// What node-soap's client decoded of a declared `Refused` fault our server answered (with
/// HTTP 500): the detail's `xs:int` code as text.
fn refused(reason: &str, code: i32) -> Value {
    json!({"fault": {"faultcode": "s:Server", "faultstring": reason,
                     "detail": {"refusal": {"reason": reason, "code": code.to_string()}}},
           "status": 500})
}

// ---- node-soap's client, our servers --------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_soap_client_calls_our_rpc_literal_server() {
    let Some(node) = NodeSoap::locate("node_soap_client_calls_our_rpc_literal_server") else {
        return;
    };
    let (library, server) = serve_rpc().await;
    let books = books_json();
    let calls = json!({"calls": [
        {"op": "addBooks", "args": {"shelf": "top <&>", "books": {"book": books}}},
        {"op": "addBooks", "args": {"shelf": "", "books": {}}},
        {"op": "findBook", "args": {"title": "Dune", "genre": "science"}},
        {"op": "findBook", "args": {"title": "Odes", "genre": "poetry"}},
        {"op": "findBook", "args": {"title": "missing", "genre": "fiction"}},
        {"op": "donateBook", "args": {"book": books[1]}},
        {"op": "clearShelf", "args": {"shelf": "top <&>"}},
    ]})
    .to_string();
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || node.client(&wsdl("rpc.wsdl"), &url, &calls))
        .await
        .expect("the node-soap client");

    // What our server decoded of node-soap's requests.
    library.assert_rpc_requests_decoded();

    // What node-soap decoded of our answers.
    assert_eq!(
        results[0]["body"],
        json!({"count": 2, "titles": {"title": added_titles("top <&>")}}),
        "{results}"
    );
    assert_eq!(results[1], refused(NO_SHELF, 400), "{results}");
    assert_eq!(
        results[2]["body"],
        json!({"book": {"title": "Dune", "genre": "science", "pages": "321",
                        "tag": ["science", "found <&>"]}}),
        "{results}"
    );
    assert_eq!(
        results[3]["body"],
        json!({"book": {"title": "Odes", "genre": "poetry", "pages": "321",
                        "isbn": "isbn Odes", "subtitle": "sub Odes",
                        "tag": ["poetry", "found <&>"]}}),
        "{results}"
    );
    assert_eq!(results[4], refused(NOT_ON_THE_SHELF, 404), "{results}");
    assert_eq!(results[5]["body"], Value::Null, "{results}");
    // An answer without parts: an empty wrapper.
    assert_eq!(*library.cleared.lock().expect("lock"), ["top <&>"]);
    assert_eq!(results[6]["body"], Value::Null, "{results}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_soap_client_calls_our_document_bare_server() {
    let Some(node) = NodeSoap::locate("node_soap_client_calls_our_document_bare_server") else {
        return;
    };
    let (library, server) = serve_bare().await;
    let books = books_json();
    let calls = json!({"calls": [
        {"op": "shelve", "args": books[0]},
        {"op": "shelve", "args": books[1]},
        {"op": "shelve", "args": {"title": "blank", "genre": "fiction", "pages": 0,
                                   "subtitle": null}},
        {"op": "lookup", "args": "Dune <&>"},
        {"op": "lookup", "args": "none"},
        {"op": "donate", "args": books[0]},
        {"op": "clear", "args": "top <&>"},
    ]})
    .to_string();
    let url = server.url();
    let results =
        tokio::task::spawn_blocking(move || node.client(&wsdl("bare.wsdl"), &url, &calls))
            .await
            .expect("the node-soap client");

    // What our server decoded of node-soap's requests.
    library.assert_bare_requests_decoded();

    // What node-soap decoded of our answers: an int, the declared fault, books (the nil
    // subtitle left out), and nothing for an empty list.
    let sizes: Vec<i32> = bare_books().iter().map(shelf_size).collect();
    assert_eq!(results[0]["body"], json!(sizes[0]), "{results}");
    assert_eq!(results[1]["body"], json!(sizes[1]), "{results}");
    assert_eq!(results[2], refused(NO_PAGES, 422), "{results}");
    assert_eq!(
        results[3]["body"],
        json!({"book": [
            {"title": "Dune <&> I", "genre": "science", "pages": 1, "isbn": "isbn 1",
             "subtitle": "first", "tag": ["a", "b"]},
            {"title": "Dune <&> II", "genre": "poetry", "pages": 2},
        ]}),
        "{results}"
    );
    assert_eq!(results[4]["body"], Value::Null, "{results}");
    assert_eq!(results[5]["body"], Value::Null, "{results}");
    // An answer without parts: an empty Body, which node-soap gives as `{"Body": null}`.
    assert_eq!(*library.cleared.lock().expect("lock"), ["top <&>"]);
    assert_eq!(results[6]["body"], json!({"Body": null}), "{results}");
}

// ---- our clients, node-soap's server --------------------------------------------------------

/// A nil element as node-soap's server writes it when told to declare `xsi` (its key of
/// attributes is `attributes`; from `null` it writes `xsi:nil` with the prefix undeclared).
const NIL: &str = r#"{"attributes": {"xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance", "xsi:nil": "true"}}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_node_soap_rpc_literal_server() {
    let Some(node) = NodeSoap::locate("our_client_calls_a_node_soap_rpc_literal_server") else {
        return;
    };
    // Fields in schema order (node-soap writes them in the order given).
    let answers = format!(
        r#"{{
      "addBooks": {{"body": {{"count": 2, "titles": {{"title": ["a <&>", "b ü"]}}}}}},
      "findBook": {{"body": {{"book": {{"title": "Dune", "genre": "science", "pages": 321,
                                         "subtitle": {NIL}, "tag": ["science", "found <&>"]}}}}}},
      "clearShelf": {{"body": {{}}}}
    }}"#
    );
    let mut server = tokio::task::spawn_blocking(move || {
        node.server(&wsdl("rpc.wsdl"), "/library/rpc", &answers, false)
    })
    .await
    .expect("the node-soap server");
    let client = library_rpc::LibraryClient::new(server.url("/library/rpc"));

    // Two parts each way: node-soap decoded our books (as text), we its answer.
    let added = client
        .add_books("top <&>".into(), rpc_books())
        .await
        .expect("addBooks answers");
    assert_eq!(
        server.next_request("addBooks")["args"],
        json!({"shelf": "top <&>", "books": {"book": [
            {"title": "Ünïcode & <tags>", "genre": "fiction", "pages": "412", "isbn": "978-0",
             "tag": ["classic", "sand"]},
            {"title": "Odes", "genre": "poetry", "pages": "90", "subtitle": "and more"},
        ]}})
    );
    assert_eq!(added.count, 2);
    assert_eq!(added.titles, ["a <&>", "b ü"]);

    // Parts of simple types (one an enumeration) in, a book with a nil subtitle out.
    let book = client
        .find_book("Dune".into(), library_rpc::Genre::Science)
        .await
        .expect("findBook answers");
    assert_eq!(
        server.next_request("findBook")["args"],
        json!({"title": "Dune", "genre": "science"})
    );
    assert_eq!(
        book,
        library_peer::found("Dune", library_rpc::Genre::Science)
    );

    // One-way: node-soap's server fails on an rpc wrapper named after the operation.
    match client.donate_book(rpc_books()[0].clone()).await {
        Err(Error::Http {
            status, snippet, ..
        }) => {
            assert_eq!(status, 500);
            assert!(snippet.starts_with("TypeError"), "{snippet}");
        }
        other => panic!("expected node-soap's failure, got {other:?}"),
    }

    // An answer without parts: an empty wrapper (node-soap reported no donateBook: it failed
    // before reaching the service).
    client
        .clear_shelf("top <&>".into())
        .await
        .expect("clearShelf answers");
    assert_eq!(
        server.next_request("clearShelf")["args"],
        json!({"shelf": "top <&>"})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_node_soap_document_bare_server() {
    let Some(node) = NodeSoap::locate("our_client_calls_a_node_soap_document_bare_server") else {
        return;
    };
    // The declared fault's detail as XML (node-soap's `$xml`, as `oracle_node_soap.rs` says).
    let answers = format!(
        r#"{{
      "shelve": {{"fault": {{"faultcode": "soap:Server", "faultstring": "no pages <&>",
                   "detail": {{"$xml": "<refusal xmlns=\"urn:example:library\"><reason>no pages &lt;&amp;&gt;</reason><code>422</code></refusal>"}},
                   "statusCode": 500}}}},
      "lookup": {{"body": {{"book": [
          {{"title": "Dune <&> I", "genre": "science", "pages": 1, "isbn": "isbn 1",
            "subtitle": "first", "tag": ["a", "b"]}},
          {{"title": "Dune <&> II", "genre": "poetry", "pages": 2, "subtitle": {NIL}}}]}}}},
      "donate": {{"body": {{}}}},
      "clear": {{"body": {{}}}}
    }}"#
    );
    let mut server = tokio::task::spawn_blocking(move || {
        node.server(&wsdl("bare.wsdl"), "/library/bare", &answers, false)
    })
    .await
    .expect("the node-soap server");
    let client = library_bare::ShelfClient::new(server.url("/library/bare"));

    // A body of a complex type in, the declared fault out.
    let fault = assert_declared(
        client.shelve_message(bare_books()[0].clone()).await,
        &bare_refusal(NO_PAGES, 422),
    );
    assert_eq!(fault.reason, NO_PAGES);
    assert_eq!(
        server.next_request("shelve")["args"],
        json!({"title": "Ünïcode & <tags>", "genre": "fiction", "pages": 412, "isbn": "978-0",
               "tag": ["classic", "sand"]})
    );

    // A body of a simple type in, a list out.
    let books = client
        .lookup("Dune <&>".into())
        .await
        .expect("lookup answers");
    assert_eq!(server.next_request("lookup")["args"], json!("Dune <&>"));
    assert_eq!(books, library_peer::looked_up("Dune <&>"));

    // One-way: node-soap answers HTTP 200 without a body.
    client
        .donate_message(bare_books()[1].clone())
        .await
        .expect("donate is accepted");
    assert_eq!(
        server.next_request("donate")["args"],
        json!({"title": "Odes", "genre": "poetry", "pages": 90, "subtitle": "and more"})
    );

    // An answer without parts: an empty Body.
    client.clear("top <&>".into()).await.expect("clear answers");
    assert_eq!(server.next_request("clear")["args"], json!("top <&>"));
}
