//! PHP's SOAP extension (ext/soap, a C SOAP stack nobody here wrote) against the corpus's
//! library contracts, over HTTP on 127.0.0.1, each side a real process, values checked on both
//! sides:
//! - `wsdl/library/rpc.wsdl` (module `library_rpc`), rpc/literal: two parts each way (a string
//!   and a list of books; an int and a list of strings), a part of a complex type, parts of
//!   simple types (one an enumeration), a declared fault whose detail each side decodes, a
//!   one-way operation;
//! - `wsdl/library/bare.wsdl` (module `library_bare`), document/literal bare: a body that is one
//!   element of a complex type, of a simple type, of a list (also empty), a declared fault, a
//!   one-way operation.
//!
//! Both directions: PHP's SoapClient (`tests/oracles/php/client.php`) calls the generated
//! servers, whose handler (`library_peer`) records what it decoded and answers from it; the
//! generated clients call PHP's SoapServer (`tests/oracles/php/library_server.php`, under PHP's
//! built-in web server), whose answers are computed from what it decoded by the same rules. A
//! book carries an optional element (present and absent), a nillable one (nil and set) and a
//! repeated one (two and none).
//!
//! `scripts/test.sh` installs PHP and its SOAP extension (see `end_to_end::php_soap`); without
//! them these tests are skipped loudly, and fail in CI.

mod library_peer;

use std::path::PathBuf;

use end_to_end::php_soap::PhpSoap;
use library_peer::scripted::{
    assert_rpc_answers_json, bare_calls_json, refusal_json, rpc_calls_json,
};
use library_peer::{
    added_titles, assert_declared, bare_books, bare_refusal, found, looked_up, rpc_books,
    rpc_refusal, serve_bare, serve_rpc, shelf_size, NOT_ON_THE_SHELF, NO_PAGES, NO_SHELF,
};
use serde_json::{json, Value};
use wsdl_corpus::{library_bare, library_rpc};

/// The library contract `name` (`rpc.wsdl`, `bare.wsdl`).
fn wsdl(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/library")).join(name)
}

// ---- PHP's client, our servers --------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn php_soap_client_calls_our_rpc_literal_server() {
    let Some(php) = PhpSoap::locate("php_soap_client_calls_our_rpc_literal_server") else {
        return;
    };
    let (library, server) = serve_rpc().await;
    let calls = rpc_calls_json().to_string();
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || php.client(&wsdl("rpc.wsdl"), &url, &calls))
        .await
        .expect("the PHP client");

    // What our server decoded of PHP's requests.
    library.assert_rpc_requests_decoded();

    // What PHP decoded of our answers.
    assert_rpc_answers_json(&results, &library);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn php_soap_client_calls_our_document_bare_server() {
    let Some(php) = PhpSoap::locate("php_soap_client_calls_our_document_bare_server") else {
        return;
    };
    let (library, server) = serve_bare().await;
    let calls = bare_calls_json().to_string();
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || php.client(&wsdl("bare.wsdl"), &url, &calls))
        .await
        .expect("the PHP client");

    // What our server decoded of PHP's requests.
    library.assert_bare_requests_decoded();

    // What PHP decoded of our answers: an int, the declared fault, a list of books and an
    // empty one.
    let sizes: Vec<i32> = bare_books().iter().map(shelf_size).collect();
    assert_eq!(results[0]["result"], json!(sizes[0]), "{results}");
    assert_eq!(results[1]["result"], json!(sizes[1]), "{results}");
    assert_eq!(results[2], refusal_json(NO_PAGES, 422), "{results}");
    assert_eq!(
        results[3]["result"],
        json!({"book": [
            {"title": "Dune <&> I", "genre": "science", "pages": 1, "isbn": "isbn 1",
             "subtitle": "first", "tag": ["a", "b"]},
            {"title": "Dune <&> II", "genre": "poetry", "pages": 2, "subtitle": null},
        ]}),
        "{results}"
    );
    assert_eq!(results[4]["result"], json!({}), "{results}");
    assert_eq!(results[5]["result"], Value::Null, "{results}");
    // An answer without parts: an empty Body.
    assert_eq!(*library.cleared.lock().expect("lock"), ["top <&>"]);
    assert_eq!(results[6]["result"], Value::Null, "{results}");
}

// ---- our clients, PHP's server --------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_php_soap_rpc_literal_server() {
    let Some(php) = PhpSoap::locate("our_client_calls_a_php_soap_rpc_literal_server") else {
        return;
    };
    let server =
        tokio::task::spawn_blocking(move || php.server("library_server.php", &wsdl("rpc.wsdl")))
            .await
            .expect("the PHP server");
    let client = library_rpc::LibraryClient::new(server.url("/library/rpc"));

    // PHP decoded our books: its answer describes each.
    let added = client
        .add_books("top <&>".into(), rpc_books())
        .await
        .expect("addBooks answers");
    assert_eq!(added.count, 2);
    assert_eq!(added.titles, added_titles("top <&>"));

    let fault = assert_declared(
        client.add_books(String::new(), Vec::new()).await,
        &rpc_refusal(NO_SHELF, 400),
    );
    assert_eq!(fault.reason, NO_SHELF);

    for (title, genre) in [
        ("Dune", library_rpc::Genre::Science),
        ("Odes", library_rpc::Genre::Poetry),
    ] {
        let book = client
            .find_book(title.into(), genre.clone())
            .await
            .expect("findBook answers");
        assert_eq!(book, found(title, genre));
    }
    assert_declared(
        client
            .find_book("missing".into(), library_rpc::Genre::Fiction)
            .await,
        &rpc_refusal(NOT_ON_THE_SHELF, 404),
    );

    client
        .donate_book(rpc_books()[0].clone())
        .await
        .expect("donateBook is accepted");
    client
        .clear_shelf("top <&>".into())
        .await
        .expect("clearShelf answers an empty wrapper");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_php_soap_document_bare_server() {
    let Some(php) = PhpSoap::locate("our_client_calls_a_php_soap_document_bare_server") else {
        return;
    };
    let server =
        tokio::task::spawn_blocking(move || php.server("library_server.php", &wsdl("bare.wsdl")))
            .await
            .expect("the PHP server");
    let client = library_bare::ShelfClient::new(server.url("/library/bare"));

    // PHP's answer is made of what it decoded of each book.
    for book in bare_books() {
        let size = client
            .shelve_message(book.clone())
            .await
            .expect("shelve answers")
            .body;
        assert_eq!(size, shelf_size(&book), "{book:?}");
    }
    let fault = assert_declared(
        client.shelve_message(library_bare::Book::default()).await,
        &bare_refusal(NO_PAGES, 422),
    );
    assert_eq!(fault.reason, NO_PAGES);

    let books = client
        .lookup("Dune <&>".into())
        .await
        .expect("lookup answers");
    assert_eq!(books, looked_up("Dune <&>"));
    let none = client.lookup("none".into()).await.expect("lookup answers");
    assert!(none.is_empty(), "{none:?}");

    client
        .donate_message(bare_books()[1].clone())
        .await
        .expect("donate is accepted");
    client
        .clear("top <&>".into())
        .await
        .expect("clear answers an empty Body");
}
