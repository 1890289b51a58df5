//! The JAX-WS Reference Implementation (Metro 2.3, Java's SOAP stack nobody here wrote) against
//! the corpus's library contracts, over HTTP on 127.0.0.1, each side a real process on the stubs
//! it made of the WSDL (wsimport's at test time), values checked on both sides:
//! - `wsdl/library/rpc.wsdl` (module `library_rpc`), rpc/literal: two parts each way (a string
//!   and a list of books; an int and a list of strings, which JAX-WS gives as holders), a part
//!   of a complex type, parts of simple types (one an enumeration), a declared fault whose
//!   detail each side decodes, a one-way operation;
//! - `wsdl/library/bare.wsdl` (module `library_bare`), document/literal bare: a body that is
//!   one element of a complex type, of a simple type (an `xs:int` answer, an `xs:string`
//!   request), of a list (also empty), a declared fault, a one-way operation.
//!
//! Both directions: JAX-WS's clients (`tests/oracles/java/LibraryRpcClient.java`,
//! `ShelfBareClient.java`) call the generated servers, whose handler (`library_peer`) records
//! what it decoded and answers from it; the generated clients call JAX-WS's services
//! (`LibraryRpcServer.java`, `ShelfBareServer.java`), which report what they decoded and answer
//! by the same rules. A book carries an optional element (present and absent), a nillable one
//! (nil and set) and a repeated one (two and none).
//!
//! wsimport's annotations do not carry `soap:body`'s `namespace` (the rpc wrappers' namespace,
//! here not the target namespace): JAX-WS's client reads it from the WSDL, and its service is
//! given the WSDL as its contract (`Endpoint.setMetadata`). wsimport refuses document-style
//! parts by type ("message part must refer to a schema element declaration"), so bare.wsdl's
//! parts are all elements (PHP takes parts by type: `oracle_php_soap.rs`). The harness
//! (`end_to_end::jaxws`) says how JAX-WS is installed; without it these tests are skipped
//! loudly, and fail in CI.

mod library_peer;

use std::path::PathBuf;

use end_to_end::jaxws::{Contract, Jaxws};
use library_peer::reporting_service::{call_bare_service, call_rpc_service, BooksPart};
use library_peer::{
    bare_books, serve_bare, serve_rpc, shelf_size, NOT_ON_THE_SHELF, NO_PAGES, NO_SHELF,
};
use serde_json::{json, Value};
use wsdl_corpus::{library_bare, library_rpc};

/// The folder of the library contracts.
fn library_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/library"))
}

/// library/rpc.wsdl for wsimport, with the programs on its stubs.
fn rpc_contract() -> Contract {
    Contract {
        package: "librpc",
        wsdl: library_dir().join("rpc.wsdl"),
        bindings: None,
        soap12: false,
        sources: &[
            "Json.java",
            "LibraryRpcClient.java",
            "LibraryRpcServer.java",
        ],
    }
}

/// library/bare.wsdl for wsimport, with the programs on its stubs.
fn bare_contract() -> Contract {
    Contract {
        package: "libbare",
        wsdl: library_dir().join("bare.wsdl"),
        bindings: None,
        soap12: false,
        sources: &["Json.java", "ShelfBareClient.java", "ShelfBareServer.java"],
    }
}

/// The path the JAX-WS services are published at.
const PATH: &str = "/library";

/// The books of `library_peer::books!` as JAX-WS's `Json` writes them: an unset field (an
/// absent ISBN, a nil subtitle, no tags) left out.
fn books_json() -> Value {
    json!([
        {"title": "Ünïcode & <tags>", "genre": "fiction", "pages": 412, "isbn": "978-0",
         "tag": ["classic", "sand"]},
        {"title": "Odes", "genre": "poetry", "pages": 90, "subtitle": "and more"},
    ])
}

/// A JAX-WS client's item of a declared `Refused` fault.
fn refused(op: &str, reason: &str, code: i32) -> Value {
    json!({"op": op, "declared": {"exception": "Refused", "message": reason,
           "info": {"reason": reason, "code": code}}})
}

// ---- JAX-WS's clients, our servers ----------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jaxws_client_calls_our_rpc_literal_server() {
    let Some(jaxws) = Jaxws::locate("jaxws_client_calls_our_rpc_literal_server") else {
        return;
    };
    let (library, server) = serve_rpc().await;
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || {
        jaxws
            .compile(&rpc_contract())
            .client("LibraryRpcClient", &[url.as_str()])
    })
    .await
    .expect("the JAX-WS client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 7, "{results:?}");

    // What our server decoded of JAX-WS's requests.
    library.assert_rpc_requests_decoded();

    // What JAX-WS decoded of our answers: two output parts into holders, a book (an ISBN and a
    // subtitle, or none and a nil one), the declared fault as wsimport's exception.
    assert_eq!(
        results[0],
        json!({"op": "addBooks", "body": {"count": 2, "titles": {"title": [
            "top <&>:Ünïcode & <tags>/fiction/412/978-0/nil/classic,sand",
            "top <&>:Odes/poetry/90/-/and more/",
        ]}}})
    );
    assert_eq!(results[1], refused("addBooks", NO_SHELF, 400));
    assert_eq!(
        results[2],
        json!({"op": "findBook", "body": {"title": "Dune", "genre": "science", "pages": 321,
               "tag": ["science", "found <&>"]}})
    );
    assert_eq!(
        results[3],
        json!({"op": "findBook", "body": {"title": "Odes", "genre": "poetry", "pages": 321,
               "isbn": "isbn Odes", "subtitle": "sub Odes", "tag": ["poetry", "found <&>"]}})
    );
    assert_eq!(results[4], refused("findBook", NOT_ON_THE_SHELF, 404));
    assert_eq!(results[5], json!({"op": "donateBook"}));
    // An answer without parts: an empty wrapper.
    assert_eq!(*library.cleared.lock().expect("lock"), ["top <&>"]);
    assert_eq!(results[6], json!({"op": "clearShelf"}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jaxws_client_calls_our_document_bare_server() {
    let Some(jaxws) = Jaxws::locate("jaxws_client_calls_our_document_bare_server") else {
        return;
    };
    let (library, server) = serve_bare().await;
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || {
        jaxws
            .compile(&bare_contract())
            .client("ShelfBareClient", &[url.as_str()])
    })
    .await
    .expect("the JAX-WS client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 7, "{results:?}");

    // What our server decoded of JAX-WS's requests.
    library.assert_bare_requests_decoded();

    // What JAX-WS decoded of our answers: an int, the declared fault, a list of books and an
    // empty one.
    let sizes: Vec<i32> = bare_books().iter().map(shelf_size).collect();
    assert_eq!(sizes, [4_121_102, 900_000]);
    assert_eq!(results[0], json!({"op": "shelve", "body": sizes[0]}));
    assert_eq!(results[1], json!({"op": "shelve", "body": sizes[1]}));
    assert_eq!(results[2], refused("shelve", NO_PAGES, 422));
    assert_eq!(
        results[3],
        json!({"op": "lookup", "body": {"book": [
            {"title": "Dune <&> I", "genre": "science", "pages": 1, "isbn": "isbn 1",
             "subtitle": "first", "tag": ["a", "b"]},
            {"title": "Dune <&> II", "genre": "poetry", "pages": 2},
        ]}})
    );
    assert_eq!(results[4], json!({"op": "lookup", "body": {}}));
    assert_eq!(results[5], json!({"op": "donate"}));
    // An answer without parts: an empty Body.
    assert_eq!(*library.cleared.lock().expect("lock"), ["top <&>"]);
    assert_eq!(results[6], json!({"op": "clear"}));
}

// ---- our clients, JAX-WS's services ---------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_jaxws_rpc_literal_service() {
    let Some(jaxws) = Jaxws::locate("our_client_calls_a_jaxws_rpc_literal_service") else {
        return;
    };
    let wsdl = library_dir().join("rpc.wsdl");
    let mut server = tokio::task::spawn_blocking(move || {
        let wsdl = wsdl.to_str().expect("a UTF-8 path").to_owned();
        jaxws
            .compile(&rpc_contract())
            .server("LibraryRpcServer", &[PATH, &wsdl])
    })
    .await
    .expect("the JAX-WS service");
    let client = library_rpc::LibraryClient::new(server.url(PATH));

    call_rpc_service(
        &client,
        &mut server,
        &books_json(),
        &BooksPart {
            sent: json!({"book": books_json()}),
            none: json!({}),
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_jaxws_document_bare_service() {
    let Some(jaxws) = Jaxws::locate("our_client_calls_a_jaxws_document_bare_service") else {
        return;
    };
    let mut server = tokio::task::spawn_blocking(move || {
        jaxws
            .compile(&bare_contract())
            .server("ShelfBareServer", &[PATH])
    })
    .await
    .expect("the JAX-WS service");
    let client = library_bare::ShelfClient::new(server.url(PATH));

    call_bare_service(&client, &mut server, &books_json()).await;
}
