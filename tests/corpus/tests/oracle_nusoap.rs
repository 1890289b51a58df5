//! NuSOAP (0.9.5, the pure-PHP SOAP toolkit behind many PHP applications, nobody here wrote it;
//! distinct from PHP's ext/soap of `oracle_php_soap.rs`) against the generated clients and
//! servers, over HTTP on 127.0.0.1, each side a real process, values checked both ways.
//!
//! A contract written by NuSOAP: its services (`tests/oracles/nusoap/server.php`, `soap_server`
//! with `configureWSDL`, `wsdl->addComplexType` and `register`, under PHP's built-in web server)
//! publish their own WSDLs, fetched with `wsdl-codegen fetch` into `wsdl/nusoap/` and generated
//! by the corpus (`nusoap_ledger`, `nusoap_shelf`); the first test checks that the running
//! services still serve them. Our generated clients call them:
//! - `NuLedger`, rpc/encoded (NuSOAP's default): a struct (`xsd:all`) of a string to escape and
//!   beyond ASCII, a double, a boolean, a dateTime, a nested struct and SOAP-encoded arrays of
//!   strings and of structs (also empty), two output parts, and a fault whose detail is text;
//!   NuSOAP answers in ISO-8859-1, its default;
//! - `NuShelf`, document/literal (NuSOAP's wrappers, `xsd:all` of unqualified elements): a
//!   sequence with an int, a double, a boolean, a dateTime and a repeated element, a fault, and
//!   `SOAP-ENC:Array` types in literal messages (of structs and of strings, also empty), as
//!   NuSOAP's WSDLs type arrays whatever the binding's use.
//!
//! NuSOAP's client (`tests/oracles/nusoap/client.php`, `nusoap_client` in WSDL mode) calls our
//! generated servers: of NuSOAP's own ledger WSDL, of the corpus's rpc/encoded `Store`
//! (`wsdl/rpc.wsdl`) and `Ledger` (`wsdl/ledger.wsdl`) with their faults, and of the
//! document/literal bare library (`wsdl/library/bare.wsdl`).
//!
//! NuSOAP's quirks, worked around in its programs and named there (and in README's "A NuSOAP
//! peer"). `scripts/test.sh` installs NuSOAP (see `end_to_end::nusoap`); without it these tests
//! are skipped loudly, and fail in CI.

mod ledger_peer;
mod library_peer;
mod served_wsdl;
mod store_peer;

use library_peer::scripted::bare_calls_json;
use library_peer::{bare_books, serve_bare, shelf_size, NO_PAGES};

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use end_to_end::nusoap::NuSoap;
use end_to_end::php_soap::PhpServer;
use end_to_end::python_peers::http_get;
use ledger_peer::nusoap_ledger::{entries, posted, posts_sent};
use ledger_peer::{Ledger, NO_COPIES};
use serde_json::{json, Value};
use soap_runtime::{Error, Fault, Message, SoapVersion};
use store_peer::{store_calls_json, Store, NO_ITEM};
use wsdl_corpus::{library_bare, nusoap_ledger, nusoap_shelf, store_encoded};

/// The corpus's contract `name`.
fn wsdl(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl")).join(name)
}

/// NuSOAP's services, running; `None` when NuSOAP is missing.
async fn start(test: &str) -> Option<PhpServer> {
    let nusoap = NuSoap::locate(test)?;
    Some(
        tokio::task::spawn_blocking(move || nusoap.server())
            .await
            .expect("NuSOAP's services"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nusoap_serves_the_checked_in_wsdls() {
    let Some(server) = start("nusoap_serves_the_checked_in_wsdls").await else {
        return;
    };
    let port = server.port();
    for service in ["ledger", "shelf"] {
        let served =
            tokio::task::spawn_blocking(move || http_get(port, &format!("/{service}?wsdl")))
                .await
                .expect("the WSDL");
        // The service's address is where it runs; everything else is as checked in.
        assert!(
            served.contains(&format!("location=\"http://127.0.0.1:{port}/{service}\"")),
            "{served}"
        );
        served_wsdl::assert_same(
            &served,
            &wsdl(&format!("nusoap/{service}/{service}.wsdl")),
            &format!(
                "run `php -S 127.0.0.1:8080 tests/oracles/nusoap/server.php` and `cargo run -p \
                 wsdl-codegen -- fetch 'http://127.0.0.1:8080/{service}?wsdl' --out \
                 tests/corpus/wsdl/nusoap/{service}`"
            ),
        );
    }
}

/// Checks that `result` is NuSOAP's refusal of `copies` copies: a `Client` fault with its
/// text detail.
fn assert_no_copies<T: std::fmt::Debug>(result: Result<T, Error>, copies: i32) {
    match result {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.reason, NO_COPIES);
            assert_eq!(fault.code, "Client");
            // The detail's raw XML: NuSOAP's text.
            assert_eq!(fault.detail, Some(format!("copies: {copies}")));
        }
        other => panic!("expected NuSOAP's fault, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_nusoap_rpc_encoded_service() {
    let Some(server) = start("our_client_calls_a_nusoap_rpc_encoded_service").await else {
        return;
    };
    let client = nusoap_ledger::NuLedgerClient::new(server.url("/ledger"));
    let [full, empty] = entries();

    // NuSOAP decoded every value of our requests: its answers are computed from them.
    let answer = client.post(full.clone(), 3).await.expect("post");
    assert_eq!(answer, posted(&full, 3));
    let answer = client
        .post(empty.clone(), 1)
        .await
        .expect("post of nothing");
    assert_eq!(answer, posted(&empty, 1));
    assert_no_copies(client.post(empty, 0).await, 0);
}

/// The shelf's rules, on both sides: the summary `TITLE x COPIES: N tags` and the book
/// `seen: TITLE`, its pages and price times `copies`, available negated, the same dateTime,
/// its tags reversed and `shelf <&>` added.
fn shelved(book: &nusoap_shelf::Book, copies: i32) -> nusoap_shelf::ShelveResponseType {
    let mut tag: Vec<String> = book.tag.iter().rev().cloned().collect();
    tag.push("shelf <&>".into());
    nusoap_shelf::ShelveResponseType {
        summary: format!("{} x {copies}: {} tags", book.title, book.tag.len()),
        book: nusoap_shelf::Book {
            title: format!("seen: {}", book.title),
            pages: book.pages * copies,
            price: book.price * f64::from(copies),
            available: !book.available,
            published: book.published.clone(),
            tag,
        },
    }
}

/// The books sent to NuSOAP's shelf: tags and none.
fn books() -> [nusoap_shelf::Book; 2] {
    [
        nusoap_shelf::Book {
            title: "Dune <&> für Zoë".into(),
            pages: 412,
            price: 9.75,
            available: true,
            published: "1965-08-01T12:00:00Z".parse().expect("a dateTime"),
            tag: vec!["sand & spice".into(), "klassisch".into()],
        },
        nusoap_shelf::Book {
            title: "Odes".into(),
            pages: 90,
            price: 0.5,
            available: false,
            published: "2001-02-03T04:05:06-07:00".parse().expect("a dateTime"),
            tag: Vec::new(),
        },
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_nusoap_document_literal_service() {
    let Some(server) = start("our_client_calls_a_nusoap_document_literal_service").await else {
        return;
    };
    let client = nusoap_shelf::NuShelfClient::new(server.url("/shelf"));
    for book in books() {
        let answer = client.shelve(book.clone(), 2).await.expect("shelve");
        assert_eq!(answer, shelved(&book, 2));
    }
    assert_no_copies(client.shelve(books()[1].clone(), 0).await, 0);

    // A `SOAP-ENC:Array` in a literal message, as NuSOAP's WSDLs type arrays, both ways, also
    // empty.
    let counted = client
        .count_books(books().to_vec())
        .await
        .expect("count_books");
    assert_eq!(counted.count, 2);
    assert_eq!(
        counted.titles,
        ["Dune <&> für Zoë (412 pages)", "Odes (90 pages)"]
    );
    let counted = client
        .count_books(Vec::new())
        .await
        .expect("count_books of none");
    assert_eq!((counted.count, counted.titles.len()), (0, 0));
}

/// Our generated server of NuSOAP's own ledger WSDL: records what it decoded, answers by
/// [`posted`], and refuses fewer than one copy as NuSOAP's service does (the WSDL NuSOAP
/// writes declares no fault).
#[derive(Default)]
struct NuLedger {
    posts: Mutex<Vec<(nusoap_ledger::Entry, i32)>>,
}

impl nusoap_ledger::NuLedgerService for NuLedger {
    async fn post(
        &self,
        request: Message<nusoap_ledger::RequestHeaders, nusoap_ledger::Post>,
    ) -> Result<Message<nusoap_ledger::ResponseHeaders, nusoap_ledger::PostResponse>, Fault> {
        let nusoap_ledger::Post { entry, copies } = request.body;
        self.posts
            .lock()
            .expect("lock")
            .push((entry.clone(), copies));
        if copies < 1 {
            let mut fault = Fault::sender(SoapVersion::Soap11, NO_COPIES);
            fault.detail = Some(format!("copies: {copies}"));
            return Err(fault);
        }
        Ok(Message {
            headers: Default::default(),
            body: posted(&entry, copies),
        })
    }
}

/// NuSOAP's client calling `url` by the ledger contract `contract` (its port `port`) with
/// `calls`, from a blocking thread: an item per call.
async fn nusoap_posts(
    nusoap: NuSoap,
    contract: &str,
    port: &'static str,
    url: String,
    calls: Value,
) -> Vec<Value> {
    let contract = wsdl(contract);
    let results = tokio::task::spawn_blocking(move || {
        nusoap.client(&contract, port, &url, &json!({"calls": calls}))
    })
    .await
    .expect("NuSOAP's client");
    match results {
        Value::Array(items) => items,
        other => panic!("NuSOAP's client printed {other}, not a list"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nusoap_client_calls_our_server_of_its_own_wsdl() {
    let Some(nusoap) = NuSoap::locate("nusoap_client_calls_our_server_of_its_own_wsdl") else {
        return;
    };
    let handler = Arc::new(NuLedger::default());
    let server = nusoap_ledger::NuLedgerServer::shared(handler.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    let calls = ledger_peer::nusoap_ledger::post_calls_json();
    let results = nusoap_posts(
        nusoap,
        "nusoap/ledger/ledger.wsdl",
        "NuLedgerPort",
        server.url(),
        calls,
    )
    .await;

    // What our server decoded of NuSOAP's requests, and NuSOAP of our answers: every value by
    // its type; our undeclared fault with its text detail.
    assert_eq!(*handler.posts.lock().expect("lock"), posts_sent());
    assert_eq!(
        results[..2],
        ledger_peer::nusoap_ledger::answers_json(),
        "{results:?}"
    );
    assert_eq!(
        results[2],
        json!({"fault": {"code": "s:Client", "string": NO_COPIES, "detail": "copies: 0"}}),
        "{results:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nusoap_client_calls_our_ledger_server() {
    let Some(nusoap) = NuSoap::locate("nusoap_client_calls_our_ledger_server") else {
        return;
    };
    let (handler, server) = Ledger::serve().await;
    let calls = ledger_peer::ledger::post_calls_json();
    let results = nusoap_posts(
        nusoap,
        "ledger.wsdl",
        "LedgerEncodedPort",
        server.url(),
        calls,
    )
    .await;

    // What our server decoded of NuSOAP's requests, and NuSOAP of our answers; the declared
    // fault with its detail decoded.
    assert_eq!(handler.entries_posted(), ledger_peer::ledger::posts_sent());
    assert_eq!(
        results[..2],
        ledger_peer::ledger::answers_json(),
        "{results:?}"
    );
    assert_eq!(
        results[2],
        json!({"fault": {"code": "s:Server", "string": NO_COPIES,
                         "detail": {"reason": NO_COPIES}}}),
        "{results:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nusoap_client_calls_our_rpc_encoded_store_server() {
    let Some(nusoap) = NuSoap::locate("nusoap_client_calls_our_rpc_encoded_store_server") else {
        return;
    };
    // In UTF-8, and in ISO-8859-1, NuSOAP's default: its requests declared so (in the XML
    // declaration and the Content-Type), our answers decoded to ISO-8859-1 strings.
    for charset in ["UTF-8", "ISO-8859-1"] {
        let store = Arc::new(Store::default());
        let server = store_encoded::StoreServer::shared(store.clone())
            .bind("127.0.0.1:0")
            .await
            .expect("the generated server binds");
        let calls = json!({"charset": charset, "calls": store_calls_json()});
        let url = server.url();
        let results = tokio::task::spawn_blocking(move || {
            nusoap.client(&wsdl("rpc.wsdl"), "StoreEncodedPort", &url, &calls)
        })
        .await
        .expect("NuSOAP's client");

        // What our server decoded of NuSOAP's encoded requests.
        let received = store.received.lock().expect("lock");
        let [added, empty] = received.as_slice() else {
            panic!("{charset}: two addItems: {} received", received.len());
        };
        assert_eq!(added.label, "box & <lid>", "{charset}");
        assert_eq!(added.items, store_peer::items(), "{charset}");
        assert_eq!(
            (empty.label.as_str(), empty.items.len()),
            ("none", 0),
            "{charset}"
        );

        // What NuSOAP decoded of our answers: two output parts by name, a struct, the fault.
        assert_eq!(
            results[0]["result"],
            json!({"total": 5, "names": ["box & <lid>:ä", "box & <lid>:b<"]}),
            "{charset}: {results}"
        );
        assert_eq!(
            results[1]["result"],
            json!({"total": 0, "names": []}),
            "{charset}: {results}"
        );
        assert_eq!(
            results[2]["result"],
            json!({"name": "item 7 <&>", "qty": 14, "note": "ünïcode"}),
            "{charset}: {results}"
        );
        assert_eq!(
            results[3],
            json!({"fault": {"code": "s:Client", "string": NO_ITEM, "detail": null}}),
            "{charset}: {results}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nusoap_client_calls_our_document_bare_server() {
    let Some(nusoap) = NuSoap::locate("nusoap_client_calls_our_document_bare_server") else {
        return;
    };
    let (library, server) = serve_bare().await;
    // NuSOAP writes a body element of a simple type unescaped: its program escapes it first.
    let mut calls = bare_calls_json();
    for call in calls["calls"].as_array_mut().expect("a list") {
        if call["args"][0].is_string() {
            call["escape"] = json!(true);
        }
    }
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || {
        nusoap.client(&wsdl("library/bare.wsdl"), "ShelfBarePort", &url, &calls)
    })
    .await
    .expect("NuSOAP's client");

    // What our server decoded of NuSOAP's requests: NuSOAP writes a nil element (`null`) as
    // an empty one, `<subtitle/>`, which is the empty string, not nil.
    let as_sent = |mut book: library_bare::Book| {
        book.subtitle.get_or_insert_with(String::new);
        book
    };
    let mut shelved: Vec<library_bare::Book> = bare_books().into_iter().map(as_sent).collect();
    shelved.push(as_sent(library_bare::Book {
        title: "blank".into(),
        ..Default::default()
    }));
    assert_eq!(*library.shelved.lock().expect("lock"), shelved);
    assert_eq!(*library.queries.lock().expect("lock"), ["Dune <&>", "none"]);
    assert_eq!(
        *library.donated_bare.lock().expect("lock"),
        [shelved[0].clone()]
    );

    // What NuSOAP decoded of our answers, without the schema's types (literal values carry
    // no xsi:type): every simple value as its text, a nil element as null, an empty list
    // element as empty text; the declared fault's detail; nothing of the one-way call.
    assert_eq!(
        results[0]["result"],
        json!(shelf_size(&shelved[0]).to_string()),
        "{results}"
    );
    assert_eq!(
        results[1]["result"],
        json!(shelf_size(&shelved[1]).to_string()),
        "{results}"
    );
    assert_eq!(
        results[2],
        json!({"fault": {"code": "s:Server", "string": NO_PAGES,
                         "detail": {"refusal": {"reason": NO_PAGES, "code": "422"}}}}),
        "{results}"
    );
    assert_eq!(
        results[3]["result"],
        json!({"book": [
            {"title": "Dune <&> I", "genre": "science", "pages": "1", "isbn": "isbn 1",
             "subtitle": "first", "tag": ["a", "b"]},
            {"title": "Dune <&> II", "genre": "poetry", "pages": "2", "subtitle": null},
        ]}),
        "{results}"
    );
    assert_eq!(results[4]["result"], json!(""), "{results}");
    assert_eq!(results[5]["result"], Value::Null, "{results}");
    // NuSOAP names the body element of a simple type after the part (`shelf`), not after
    // the part's element (`clearance`): our server refuses it, saying so.
    let refused = results[6]["fault"]["string"].as_str().unwrap_or_default();
    assert!(
        refused.contains("expected element `clearance` in the body, found `shelf`"),
        "{results}"
    );
    assert!(library.cleared.lock().expect("lock").is_empty());
}
