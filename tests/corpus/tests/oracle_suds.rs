//! suds (`suds-community`, the long-lived Python SOAP client, one of the few still speaking
//! rpc/encoded) as a client of the generated servers of the corpus's contracts, over HTTP on
//! 127.0.0.1, each side a real process, values checked on both sides (what our server decoded,
//! what suds decoded of the answers, printed by `tests/oracles/suds/client.py`):
//! - `wsdl/library/rpc.wsdl` (module `library_rpc`), rpc/literal: two parts each way, a part
//!   of a complex type, parts of simple types (one an enumeration), a declared fault whose
//!   detail suds decodes, a one-way operation, an answer without parts;
//! - `wsdl/library/bare.wsdl` (module `library_bare`), document/literal bare: a body that is
//!   one element of a complex type (which suds unwraps, taking its children as the call's
//!   arguments), of a simple type, of a list (also empty), a declared fault, one-way;
//! - `wsdl/rpc.wsdl`'s rpc/encoded binding (module `store_encoded`): a SOAP-encoded array of
//!   `xsd:all` structs, `xsi:type` on every value, two output parts (one a SOAP-encoded array of
//!   strings), a struct, and a SOAP fault.
//!
//! A book carries an optional element (present and absent), a nillable one (nil and set) and a
//! repeated one (two and none). suds refuses a WSDL one of whose bindings leaves out an
//! operation of its port type (WS-I BP R2718), as `rpc.wsdl`'s do: the client program binds
//! what each binding has (see it). Without suds these tests are skipped loudly, and fail in CI
//! (`end_to_end::python_peers`).

mod library_peer;
mod store_peer;

use std::path::PathBuf;
use std::sync::Arc;

use end_to_end::python_peers::Suds;
use library_peer::scripted::{assert_rpc_answers_json, books_json, refusal_json, rpc_calls_json};
use library_peer::{bare_books, serve_bare, serve_rpc, shelf_size, NO_PAGES};
use serde_json::{json, Value};
use store_peer::{store_calls_json, Store, NO_ITEM};
use wsdl_corpus::store_encoded;

/// The corpus's contract `name`.
fn wsdl(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl")).join(name)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suds_client_calls_our_rpc_literal_server() {
    let Some(suds) = Suds::locate("suds_client_calls_our_rpc_literal_server") else {
        return;
    };
    let (library, server) = serve_rpc().await;
    let calls = rpc_calls_json();
    let url = server.url();
    let results =
        tokio::task::spawn_blocking(move || suds.client(&wsdl("library/rpc.wsdl"), &url, &calls))
            .await
            .expect("suds's client");

    // What our server decoded of suds's requests.
    library.assert_rpc_requests_decoded();

    // What suds decoded of our answers.
    assert_rpc_answers_json(&results, &library);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suds_client_calls_our_document_bare_server() {
    let Some(suds) = Suds::locate("suds_client_calls_our_document_bare_server") else {
        return;
    };
    let (library, server) = serve_bare().await;
    let books = books_json();
    // suds unwraps a body of one element of a complex type: its children are the arguments.
    let calls = json!({
        "calls": [
            {"op": "shelve", "args": books[0]},
            {"op": "shelve", "args": books[1]},
            {"op": "shelve", "args":
                {"title": "blank", "genre": "fiction", "pages": 0, "subtitle": null}},
            {"op": "lookup", "args": ["Dune <&>"]},
            {"op": "lookup", "args": ["none"]},
            {"op": "donate", "args": books[0]},
            {"op": "clear", "args": ["top <&>"]},
        ],
    });
    let url = server.url();
    let results =
        tokio::task::spawn_blocking(move || suds.client(&wsdl("library/bare.wsdl"), &url, &calls))
            .await
            .expect("suds's client");

    // What our server decoded of suds's requests.
    library.assert_bare_requests_decoded();

    // What suds decoded of our answers: an int, the declared fault, a list of books and an
    // empty one.
    let sizes: Vec<i32> = bare_books().iter().map(shelf_size).collect();
    assert_eq!(results[0]["result"], json!(sizes[0]), "{results}");
    assert_eq!(results[1]["result"], json!(sizes[1]), "{results}");
    assert_eq!(results[2], refusal_json(NO_PAGES, 422), "{results}");
    // suds unwraps the answer's `books` element too: its repeated `book`, as a list.
    assert_eq!(
        results[3]["result"],
        json!([
            {"title": "Dune <&> I", "genre": "science", "pages": 1, "isbn": "isbn 1",
             "subtitle": "first", "tag": ["a", "b"]},
            {"title": "Dune <&> II", "genre": "poetry", "pages": 2, "subtitle": null},
        ]),
        "{results}"
    );
    assert_eq!(results[4]["result"], json!([]), "{results}");
    assert_eq!(results[5]["result"], Value::Null, "{results}");
    // An answer without parts: an empty Body.
    assert_eq!(*library.cleared.lock().expect("lock"), ["top <&>"]);
    assert_eq!(results[6]["result"], Value::Null, "{results}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suds_client_calls_our_rpc_encoded_server() {
    let Some(suds) = Suds::locate("suds_client_calls_our_rpc_encoded_server") else {
        return;
    };
    let store = Arc::new(Store::default());
    let server = store_encoded::StoreServer::shared(store.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    let calls = json!({"port": "StoreEncodedPort", "calls": store_calls_json()});
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || suds.client(&wsdl("rpc.wsdl"), &url, &calls))
        .await
        .expect("suds's client");

    // What our server decoded of suds's encoded requests. suds leaves an empty array's
    // accessor out altogether, which SOAP 1.1 section 5.1 allows for a null or default value:
    // our server reads it as an empty list.
    let received = store.received.lock().expect("lock");
    let [added, empty] = received.as_slice() else {
        panic!("two addItems: {} received", received.len());
    };
    assert_eq!(added.label, "box & <lid>");
    let items: Vec<(&str, i32, Option<&str>)> = added
        .items
        .iter()
        .map(|i| (i.name.as_str(), i.qty, i.note.as_deref()))
        .collect();
    assert_eq!(items, [("ä", 2, Some("first")), ("b<", 3, None)]);
    assert_eq!((empty.label.as_str(), empty.items.len()), ("none", 0));

    // What suds decoded of our answers: two output parts as an object by part name, a
    // struct, and the fault.
    assert_eq!(
        results[0]["result"],
        json!({"total": 5, "names": ["box & <lid>:ä", "box & <lid>:b<"]}),
        "{results}"
    );
    assert_eq!(
        results[1]["result"],
        json!({"total": 0, "names": []}),
        "{results}"
    );
    assert_eq!(
        results[2]["result"],
        json!({"name": "item 7 <&>", "qty": 14, "note": "ünïcode"}),
        "{results}"
    );
    let fault = &results[3]["fault"];
    assert_eq!(fault["string"], json!(NO_ITEM), "{results}");
    assert_eq!(fault["code"], json!("s:Client"), "{results}");
}
