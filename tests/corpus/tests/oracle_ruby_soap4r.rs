//! Ruby's soap4r (2.0.5, nobody here wrote it) against the generated clients and servers, over
//! HTTP on 127.0.0.1, each side a real process, values checked both ways:
//! - soap4r's WSDL driver (`tests/oracles/ruby/client.rb`: `SOAP::WSDLDriverFactory` reads the
//!   contract, the arguments are plain Ruby values that it types and orders by the schema)
//!   calls the generated servers of `wsdl/rpc.wsdl`'s rpc/encoded binding (module
//!   `store_encoded`: an encoded array of `xsd:all` structs, two output parts, a struct, a SOAP
//!   fault), of `wsdl/ledger.wsdl` (module `ledger`, rpc/encoded: a double, a boolean, a
//!   dateTime with a fraction of a second and an offset, a nested struct, encoded arrays of
//!   strings and of structs, empty ones, a declared fault whose detail it decodes; a struct that
//!   recurs in a request, which soap4r writes once, as a multi-reference value, `href`/`id`),
//!   and of `wsdl/library/bare.wsdl` (module `library_bare`, document/literal bare: a book, an
//!   int, a list of books, a nil element, the declared fault with its detail, a one-way call,
//!   an answer without parts), the last also through the driver class `wsdl2ruby` writes, with
//!   its classes;
//! - the generated clients of `store_encoded` and `ledger` call soap4r's server
//!   (`tests/oracles/ruby/server.rb`: the classes, mapping registries and servlets wsdl2ruby
//!   writes of both contracts, on WEBrick), which reports what it decoded of our requests and
//!   answers from it (a Person that recurs in an answer written once, as a multi-reference
//!   value, `href`/`id`); its faults reach our client as `Error::Fault` and, with the declared
//!   detail, as `Error::DeclaredFault`.
//!
//! soap4r got nothing of ours wrong, nor we of it. The programs' headers name the quirks of
//! soap4r they work around (README, "A Ruby peer: soap4r"). `scripts/test.sh` installs soap4r and WEBrick (see `end_to_end::ruby_soap4r`);
//! without them these tests are skipped loudly, and fail in CI.

mod ledger_peer;
mod library_peer;
mod store_peer;

use std::path::PathBuf;

use end_to_end::ruby_soap4r::Soap4r;
use end_to_end::wire_tap::{messages, WireTap};
use ledger_peer::ledger::{entries, entry_json, posted};
use ledger_peer::{post_entries_then_refused, Ledger, NO_COPIES};
use library_peer::scripted::books_json;
use library_peer::{bare_books, serve_bare, shelf_size, NO_PAGES};
use serde_json::{json, Value};
use store_peer::{
    add_items_then_none, lookup_then_refused, serve_encoded, store_calls_json, NO_ITEM,
};
use wsdl_corpus::{ledger, store_encoded};

/// The corpus's `wsdl` folder.
fn wsdl_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl"))
}

/// An entry as soap4r decodes it (of our answer) or reports it (of our request): numbers and
/// the boolean as JSON's, the dateTime as its text.
fn entry_as_decoded(entry: &ledger::Entry) -> Value {
    let person = |p: &ledger::Person| json!({"name": p.name, "age": p.age});
    json!({
        "label": entry.label, "amount": entry.amount, "paid": entry.paid,
        "when": entry.when.as_str(), "owner": person(&entry.owner), "tags": entry.tags,
        "witnesses": entry.witnesses.iter().map(person).collect::<Vec<_>>(),
    })
}

/// `entry` with one more witness: its owner.
fn shared_witness(entry: &ledger::Entry) -> ledger::Entry {
    let mut shared = entry.clone();
    shared.witnesses.push(shared.owner.clone());
    shared
}

/// Checks that the last of the HTTP messages in `wire` (as a [`WireTap`] recorded them) holds a
/// multi-reference value: an accessor `href="#ID"` and the value `id="ID"` it refers to.
fn assert_multi_reference(wire: &[u8]) {
    let messages = messages(wire);
    let last = messages.last().expect("a message on the wire");
    let body = String::from_utf8_lossy(&last.body);
    assert!(
        body.contains("href=\"#") && body.contains(" id=\""),
        "soap4r wrote no multi-reference value: {body}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soap4r_client_calls_our_rpc_encoded_server() {
    let Some(ruby) = Soap4r::locate("soap4r_client_calls_our_rpc_encoded_server") else {
        return;
    };
    let (store, server) = serve_encoded().await;
    let calls = json!({"calls": store_calls_json()});
    let url = server.url();
    let wsdl = wsdl_dir().join("rpc.wsdl");
    let results =
        tokio::task::spawn_blocking(move || ruby.client(&wsdl, "StoreEncodedPort", &url, &calls))
            .await
            .expect("soap4r's client");

    // What our server decoded of soap4r's encoded requests.
    store.assert_items_then_none_decoded();

    // What soap4r decoded of our answers: two parts as a list, the return value first.
    assert_eq!(
        results[0]["result"],
        json!([5, ["box & <lid>:ä", "box & <lid>:b<"]]),
        "{results}"
    );
    assert_eq!(results[1]["result"], json!([0, []]), "{results}");
    assert_eq!(
        results[2]["result"],
        json!({"name": "item 7 <&>", "qty": 14, "note": "ünïcode"}),
        "{results}"
    );
    assert_eq!(
        results[3],
        json!({"fault": {"code": "s:Client", "string": NO_ITEM, "detail": null}}),
        "{results}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soap4r_client_calls_our_ledger_server() {
    let Some(ruby) = Soap4r::locate("soap4r_client_calls_our_ledger_server") else {
        return;
    };
    let (handler, server) = Ledger::serve().await;
    let [full, empty] = entries();
    // A witness who is the owner: one Ruby object, which soap4r writes once, referenced where
    // it recurs (`href`/`id`, a multi-reference value), which our server resolves.
    let shared = shared_witness(&full);
    let calls = json!({
        "calls": [
            {"op": "post", "args": [entry_json(&full), 3]},
            {"op": "post", "args": [entry_json(&empty), 1]},
            {"op": "post", "args": [entry_json(&empty), 0]},
            {"op": "post", "args": [entry_json(&shared), 2]},
        ],
    });
    let tap = WireTap::start(server.local_addr());
    let origin = format!("http://{}", server.local_addr());
    let url = tap.url(
        server
            .url()
            .strip_prefix(&origin)
            .expect("the server's path"),
    );
    let wsdl = wsdl_dir().join("ledger.wsdl");
    let results =
        tokio::task::spawn_blocking(move || ruby.client(&wsdl, "LedgerEncodedPort", &url, &calls))
            .await
            .expect("soap4r's client");

    // What our server decoded of soap4r's requests.
    let posts = handler.entries_posted();
    assert_eq!(
        posts,
        [
            (full.clone(), 3),
            (empty.clone(), 1),
            (empty.clone(), 0),
            (shared.clone(), 2)
        ]
    );
    assert_multi_reference(&tap.requests());

    // What soap4r decoded of our answers: the summary, then the entry.
    for (result, (entry, copies)) in results
        .as_array()
        .expect("a list")
        .iter()
        .zip([(&full, 3), (&empty, 1), (&empty, 0), (&shared, 2)])
        .filter(|(_, (_, copies))| *copies > 0)
    {
        let answer = posted(entry, copies);
        assert_eq!(
            result["result"],
            json!([answer.summary, entry_as_decoded(&answer.entry)]),
            "{results}"
        );
    }
    // The declared fault, its detail decoded.
    assert_eq!(
        results[2],
        json!({"fault": {"code": "s:Server", "string": NO_COPIES,
                         "detail": {"reason": NO_COPIES}}}),
        "{results}"
    );
}

/// soap4r's client (its WSDL driver, or given a Ruby module the driver class wsdl2ruby writes
/// in it) calls our document/literal bare server, every operation: checks what our server
/// decoded, and returns what soap4r decoded of the answers, an item per call (the sizes of two
/// books shelved, a refusal, two lookups, a one-way donation, an answer without parts).
async fn soap4r_calls_our_document_bare_server(
    ruby: Soap4r,
    module: Option<&'static str>,
) -> Value {
    let (library, server) = serve_bare().await;
    let books = books_json();
    let calls = json!({"calls": [
        {"op": "shelve", "args": [books[0]]},
        {"op": "shelve", "args": [books[1]]},
        {"op": "shelve", "args": [{"title": "blank", "genre": "fiction", "pages": 0,
                                    "subtitle": null}]},
        {"op": "lookup", "args": ["Dune <&>"]},
        {"op": "lookup", "args": ["none"]},
        {"op": "donate", "args": [books[0]]},
        {"op": "clear", "args": ["top <&>"]},
    ]});
    let url = server.url();
    let wsdl = wsdl_dir().join("library/bare.wsdl");
    let results = tokio::task::spawn_blocking(move || match module {
        None => ruby.client(&wsdl, "ShelfBarePort", &url, &calls),
        Some(module) => ruby.generated_client(&wsdl, "ShelfBarePort", &url, module, &calls),
    })
    .await
    .expect("soap4r's client");

    // What our server decoded of soap4r's literal requests.
    library.assert_bare_requests_decoded();
    assert_eq!(*library.cleared.lock().expect("lock"), ["top <&>"]);

    // Both drivers decode a literal answer of a simple type as its text: the sizes.
    let sizes: Vec<String> = bare_books()
        .iter()
        .map(|book| shelf_size(book).to_string())
        .collect();
    assert_eq!(results[0]["result"], json!(sizes[0]), "{results}");
    assert_eq!(results[1]["result"], json!(sizes[1]), "{results}");
    // The one-way call and the answer without parts: nothing.
    assert_eq!(results[5]["result"], Value::Null, "{results}");
    assert_eq!(results[6]["result"], Value::Null, "{results}");
    results
}

/// The books [`looked_up`] for `Dune <&>`, as soap4r decodes them, `pages` as `pages` gives it
/// (an xsd:int as a number or as its text), the nil subtitle as null.
fn dune_books(pages: impl Fn(i32) -> Value) -> Value {
    json!([
        {"title": "Dune <&> I", "genre": "science", "pages": pages(1), "isbn": "isbn 1",
         "subtitle": "first", "tag": ["a", "b"]},
        {"title": "Dune <&> II", "genre": "poetry", "pages": pages(2), "subtitle": null},
    ])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soap4r_client_calls_our_document_bare_server() {
    let Some(ruby) = Soap4r::locate("soap4r_client_calls_our_document_bare_server") else {
        return;
    };
    let results = soap4r_calls_our_document_bare_server(ruby, None).await;

    // The WSDL driver decodes literal answers without their schema: every value as its text,
    // a struct as its elements by name, the declared fault's detail too.
    assert_eq!(
        results[2],
        json!({"fault": {"code": "s:Server", "string": NO_PAGES,
                         "detail": {"refusal": {"reason": NO_PAGES, "code": "422"}}}}),
        "{results}"
    );
    assert_eq!(
        results[3]["result"],
        json!({"book": dune_books(|pages| json!(pages.to_string()))}),
        "{results}"
    );
    // A list of no book: an element without children, which it decodes as empty text.
    assert_eq!(results[4]["result"], "", "{results}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wsdl2ruby_client_calls_our_document_bare_server() {
    let Some(ruby) = Soap4r::locate("wsdl2ruby_client_calls_our_document_bare_server") else {
        return;
    };
    let results = soap4r_calls_our_document_bare_server(ruby, Some("ShelfContract")).await;

    // wsdl2ruby's classes decode a struct's members by their schema types (an int as a
    // number), the declared fault's detail as its class, a list of books as an array.
    assert_eq!(
        results[2],
        json!({"fault": {"code": "s:Server", "string": NO_PAGES,
                         "detail": {"refusal": {"reason": NO_PAGES, "code": 422}}}}),
        "{results}"
    );
    assert_eq!(
        results[3]["result"],
        dune_books(|pages| json!(pages)),
        "{results}"
    );
    assert_eq!(results[4]["result"], json!([]), "{results}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_soap4r_rpc_encoded_server() {
    let Some(ruby) = Soap4r::locate("our_client_calls_a_soap4r_rpc_encoded_server") else {
        return;
    };
    let mut server = tokio::task::spawn_blocking(move || ruby.server(&wsdl_dir()))
        .await
        .expect("soap4r's server");
    let client = store_encoded::StoreClient::new(server.url("/store/encoded"));

    // soap4r decoded our encoded array of structs, and an empty one: its answers are computed
    // from them.
    add_items_then_none(&client).await;

    // An item, then an exception of the service: soap4r's Server fault.
    lookup_then_refused(&client, "Server").await;

    // What soap4r decoded of our requests, as its server reported them.
    let request = tokio::task::block_in_place(|| server.next_request("addItems"));
    assert_eq!(
        request["args"],
        json!(["box & <lid>", [{"name": "ä", "qty": 2, "note": "first"},
                               {"name": "b<", "qty": 3}]])
    );
    let request = tokio::task::block_in_place(|| server.next_request("addItems"));
    assert_eq!(request["args"], json!(["none", []]));
    for id in [7, -1] {
        let request = tokio::task::block_in_place(|| server.next_request("lookup"));
        assert_eq!(request["args"], json!([id]));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_soap4r_ledger_server() {
    let Some(ruby) = Soap4r::locate("our_client_calls_a_soap4r_ledger_server") else {
        return;
    };
    let mut server = tokio::task::spawn_blocking(move || ruby.server(&wsdl_dir()))
        .await
        .expect("soap4r's server");
    let client = ledger::LedgerClient::new(server.url("/ledger"));

    // soap4r decoded every value of our requests: its answers are computed from them; and its
    // declared fault, as its typed detail.
    post_entries_then_refused(&client).await;
    let [full, empty] = entries();

    // A witness who is the owner: soap4r writes that Person once, referenced where it recurs
    // (`href`/`id`, a multi-reference value), which our client resolves.
    let shared = shared_witness(&full);
    let tap = WireTap::start(
        format!("127.0.0.1:{}", server.port())
            .parse()
            .expect("an address"),
    );
    let tapped = ledger::LedgerClient::new(tap.url("/ledger"));
    let answer = tapped.post(shared.clone(), 2).await.expect("post");
    assert_eq!(answer, posted(&shared, 2));
    assert_multi_reference(&tap.answers());

    // What soap4r decoded of our requests, as its server reported them.
    for (entry, copies) in [(&full, 3), (&empty, 1), (&empty, 0), (&shared, 2)] {
        let request = tokio::task::block_in_place(|| server.next_request("post"));
        assert_eq!(request["args"], json!([entry_as_decoded(entry), copies]));
    }
}
