//! Mono (.NET's SOAP stacks as an independent implementation: ASMX's `SoapHttpClientProtocol`
//! with `XmlSerializer` and its `wsdl` proxy generator; WCF's `BasicHttpBinding`) against the
//! corpus's contracts, over HTTP on 127.0.0.1, each side a real process, values checked on both
//! sides:
//! - `wsdl/library/bare.wsdl` (module `library_bare`), document/literal bare: a body that is one
//!   element of a complex type, of a simple type, of a list (also empty), a declared fault, a
//!   one-way operation; a book carries an optional element (present and absent), a nillable
//!   one (nil and set), a repeated one (two and none) and an enumeration.
//!
//! The C# programs are in `tests/oracles/mono/`; their headers say what they print.
//! `scripts/test.sh` installs Mono (see `end_to_end::mono`); without it these tests are skipped
//! loudly, and fail in CI.

mod library_peer;

use std::path::PathBuf;
use std::sync::Arc;

use end_to_end::mono::{Mono, Program};
use library_peer::{bare_books, shelf_size, Library, NO_PAGES};
use serde_json::{json, Value};
use wsdl_corpus::library_bare;

/// The library contract `name` (`bare.wsdl`).
fn library_wsdl(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/library")).join(name)
}

/// What Mono's ASMX client decoded of a declared `Refused` fault our server answered: its
/// code's local name, its string, and the refusal read from its detail.
fn refused(op: &str, reason: &str, code: i32) -> Value {
    json!({"op": op, "fault": {"code": "Server", "string": reason,
           "detail": {"reason": reason, "code": code}}})
}

// ---- Mono's ASMX client, our servers ------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mono_asmx_client_calls_our_document_bare_server() {
    let Some(mono) = Mono::locate("mono_asmx_client_calls_our_document_bare_server") else {
        return;
    };
    let library = Arc::new(Library::default());
    let server = library_bare::ShelfServer::shared(library.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    let url = server.url();
    let program = Program {
        name: "AsmxShelfClient",
        proxy: Some((library_wsdl("bare.wsdl"), "Bare")),
        sources: &["AsmxShelfClient.cs"],
        header_members: &[],
    };
    let results =
        tokio::task::spawn_blocking(move || mono.compile(&program).client(&[url.as_str()]))
            .await
            .expect("the ASMX client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 7, "{results:?}");

    // What our server decoded of Mono's requests.
    library.assert_bare_requests_decoded();

    // What Mono decoded of our answers: an int, the declared fault, a list of books and an
    // empty one.
    let sizes: Vec<i32> = bare_books().iter().map(shelf_size).collect();
    assert_eq!(results[0], json!({"op": "shelve", "body": sizes[0]}));
    assert_eq!(results[1], json!({"op": "shelve", "body": sizes[1]}));
    assert_eq!(results[2], refused("shelve", NO_PAGES, 422));
    assert_eq!(
        results[3],
        json!({"op": "lookup", "body": [
            {"title": "Dune <&> I", "genre": "science", "pages": 1, "isbn": "isbn 1",
             "subtitle": "first", "tag": ["a", "b"]},
            {"title": "Dune <&> II", "genre": "poetry", "pages": 2, "subtitle": null},
        ]})
    );
    assert_eq!(results[4], json!({"op": "lookup", "body": []}));
    assert_eq!(results[5], json!({"op": "donate", "body": null}));
    // An answer without parts: an empty Body.
    assert_eq!(*library.cleared.lock().expect("lock"), ["top <&>"]);
    assert_eq!(results[6], json!({"op": "clear", "body": null}));
}
