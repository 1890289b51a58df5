//! Mono (.NET's SOAP stacks as an independent implementation: ASMX's `SoapHttpClientProtocol`
//! with `XmlSerializer` and its `wsdl` proxy generator; WCF's `BasicHttpBinding`) against the
//! corpus's contracts, over HTTP on 127.0.0.1, each side a real process, values checked on both
//! sides:
//! - `wsdl/library/bare.wsdl` (module `library_bare`), document/literal bare: a body that is one
//!   element of a complex type, of a simple type, of a list (also empty), a declared fault, a
//!   one-way operation; a book carries an optional element (present and absent), a nillable
//!   one (nil and set), a repeated one (two and none) and an enumeration.
//!
//!
//! Three directions: Mono's ASMX client (a proxy `wsdl` makes of the WSDL) and its WCF client
//! (`ChannelFactory` and `BasicHttpBinding` on the contract written by hand as C# in
//! `WcfShelfContract.cs`: Mono's `svcutil` reads WS-MetadataExchange documents, not WSDL files)
//! call the generated server, whose handler (`library_peer`) records what it decoded; the
//! generated client calls a WCF service (`ServiceHost`, `BasicHttpBinding`) on that contract,
//! which answers by the same rules and reports what it decoded.
//!
//! The C# programs are in `tests/oracles/mono/`; their headers say what they print.
//! `scripts/test.sh` installs Mono (see `end_to_end::mono`); without it these tests are skipped
//! loudly, and fail in CI.

mod library_peer;

use std::path::PathBuf;

use end_to_end::mono::{Mono, Program};
use library_peer::{
    assert_declared, bare_books, bare_refusal, looked_up, serve_bare, shelf_size, NO_PAGES,
};
use serde_json::{json, Value};
use wsdl_corpus::library_bare;

/// The library contract `name` (`bare.wsdl`).
fn library_wsdl(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/library")).join(name)
}

/// The WCF programs on the hand-written contract of `bare.wsdl` (`WcfShelfContract.cs`).
fn wcf_program(name: &'static str) -> Program {
    let sources: &'static [&'static str] = match name {
        "WcfShelfClient" => &["WcfShelfContract.cs", "WcfShelfClient.cs"],
        _ => &["WcfShelfContract.cs", "WcfShelfServer.cs"],
    };
    Program {
        name,
        proxy: None,
        sources,
        header_members: &[],
    }
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
    let (library, server) = serve_bare().await;
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

// ---- Mono's WCF client, our server --------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mono_wcf_client_calls_our_document_bare_server() {
    let Some(mono) = Mono::locate("mono_wcf_client_calls_our_document_bare_server") else {
        return;
    };
    let (library, server) = serve_bare().await;
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || {
        mono.compile(&wcf_program("WcfShelfClient"))
            .client(&[url.as_str()])
    })
    .await
    .expect("the WCF client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 7, "{results:?}");

    // What our server decoded of Mono's requests.
    library.assert_bare_requests_decoded();

    // What Mono decoded of our answers: an int, the declared fault as a
    // FaultException<Refusal>, a list of books and an empty one.
    let sizes: Vec<i32> = bare_books().iter().map(shelf_size).collect();
    assert_eq!(results[0], json!({"op": "shelve", "body": sizes[0]}));
    assert_eq!(results[1], json!({"op": "shelve", "body": sizes[1]}));
    assert_eq!(
        results[2],
        json!({"op": "shelve", "fault": {"code": "Server", "string": NO_PAGES, "typed": true,
               "detail": {"reason": NO_PAGES, "code": 422}}})
    );
    assert_eq!(
        results[3],
        json!({"op": "lookup", "body": [
            {"title": "Dune <&> I", "genre": "science", "pages": 1, "isbn": "isbn 1",
             "subtitle": "first", "tag": ["a", "b"]},
            {"title": "Dune <&> II", "genre": "poetry", "pages": 2, "isbn": null,
             "subtitle": null, "tag": null},
        ]})
    );
    assert_eq!(results[4], json!({"op": "lookup", "body": []}));
    assert_eq!(results[5], json!({"op": "donate", "body": null}));
    assert_eq!(*library.cleared.lock().expect("lock"), ["top <&>"]);
    assert_eq!(results[6], json!({"op": "clear", "body": null}));
}

// ---- our client, Mono's WCF service -------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_mono_wcf_document_bare_service() {
    let Some(mono) = Mono::locate("our_client_calls_a_mono_wcf_document_bare_service") else {
        return;
    };
    let mut server = tokio::task::spawn_blocking(move || {
        mono.compile(&wcf_program("WcfShelfServer")).server(&[])
    })
    .await
    .expect("the WCF service");
    let client = library_bare::ShelfClient::new(server.url("/library/bare"));

    // WCF's answer is made of what it decoded of each book, which it reports too.
    for book in bare_books() {
        let size = client
            .shelve_message(book.clone())
            .await
            .expect("shelve answers")
            .body;
        assert_eq!(size, shelf_size(&book), "{book:?}");
        let reported = server.next_request("shelve");
        assert_eq!(reported["body"]["title"], json!(book.title), "{reported}");
        assert_eq!(
            reported["body"]["genre"],
            json!(book.genre.as_str()),
            "{reported}"
        );
        assert_eq!(reported["body"]["isbn"], json!(book.isbn), "{reported}");
        assert_eq!(
            reported["body"]["subtitle"],
            json!(book.subtitle),
            "{reported}"
        );
    }
    // The declared fault, FaultException<Refusal>, read as our typed detail. Mono writes its
    // code as SOAP 1.2's `Sender` (unqualified) in a SOAP 1.1 fault, where .NET writes
    // `s:Client`; we keep the local name as sent.
    let fault = assert_declared(
        client.shelve_message(library_bare::Book::default()).await,
        &bare_refusal(NO_PAGES, 422),
    );
    assert_eq!(fault.reason, NO_PAGES);
    assert_eq!(fault.code, "Sender");
    server.next_request("shelve");

    let books = client
        .lookup("Dune <&>".into())
        .await
        .expect("lookup answers");
    assert_eq!(books, looked_up("Dune <&>"));
    assert_eq!(server.next_request("lookup")["body"], json!("Dune <&>"));
    let none = client.lookup("none".into()).await.expect("lookup answers");
    assert!(none.is_empty(), "{none:?}");
    server.next_request("lookup");

    client
        .donate_message(bare_books()[1].clone())
        .await
        .expect("donate is accepted");
    assert_eq!(
        server.next_request("donate")["body"]["title"],
        json!("Odes")
    );
    client
        .clear("top <&>".into())
        .await
        .expect("clear answers an empty Body");
    assert_eq!(server.next_request("clear")["body"], json!("top <&>"));
}
