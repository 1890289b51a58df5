//! KDSoap (1.9, KDAB's Qt-based C++ SOAP stack, widely used to talk to WCF and ASMX services;
//! nobody here wrote it) against the corpus's `wsdl/library/bare.wsdl` (module `library_bare`,
//! document/literal bare), over HTTP on 127.0.0.1, each side a real process on what its code
//! generator made of the WSDL (`kdwsdl2cpp -server` at test time), values checked on both
//! sides: a body that is one element of a complex type, of a simple type, of a list (also
//! empty), a declared fault whose detail each side decodes, a one-way operation, an answer
//! without parts.
//!
//! Both directions: KDSoap's client (`tests/oracles/kdsoap/library_bare.cpp`, run as
//! `client URL`) calls the generated server, whose handler records what it decoded and answers
//! from it, and prints what it decoded of each answer; the generated client calls KDSoap's
//! service (the same program, run as `server`, a `KDSoapServer` serving the generated
//! `ShelfServiceServerBase`), which reports each request as it decoded it and answers from it
//! by the same rules (`library_peer`). A book carries an optional element (present and
//! absent), a nillable one (nil and set) and a repeated one (two and none).
//!
//! The harness (`end_to_end::kdsoap`) says how KDSoap is installed; without it these tests are
//! skipped loudly, and fail in CI.

mod library_peer;

use std::path::PathBuf;

use end_to_end::kdsoap::{Contract, Kdsoap};
use library_peer::reporting_service::call_bare_service;
use library_peer::scripted::assert_bare_answers_json;
use library_peer::{serve_bare, NO_PAGES};
use serde_json::{json, Value};
use wsdl_corpus::library_bare;

/// library/bare.wsdl with KDSoap's program on it.
fn bare_contract() -> Contract {
    Contract {
        program: "library_bare",
        wsdl: PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/wsdl/library/bare.wsdl"
        )),
    }
}

/// The books of `library_peer::books!` as KDSoap's program prints them: an absent ISBN left
/// out, a nil subtitle as null, the tags always.
fn books_json() -> Value {
    json!([
        {"title": "Ünïcode & <tags>", "genre": "fiction", "pages": 412, "isbn": "978-0",
         "subtitle": null, "tag": ["classic", "sand"]},
        {"title": "Odes", "genre": "poetry", "pages": 90, "subtitle": "and more", "tag": []},
    ])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kdsoap_client_calls_our_document_bare_server() {
    let Some(kdsoap) = Kdsoap::locate("kdsoap_client_calls_our_document_bare_server") else {
        return;
    };
    let (library, server) = serve_bare().await;
    let url = server.url();
    let results =
        tokio::task::spawn_blocking(move || kdsoap.compile(&bare_contract()).client(&[&url]))
            .await
            .expect("the KDSoap client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 7, "{results:?}");

    // What our server decoded of KDSoap's requests.
    library.assert_bare_requests_decoded();

    // What KDSoap decoded of our answers: an int, the declared fault with its detail, a list
    // of books and an empty one, nothing, an empty Body.
    assert_bare_answers_json(
        results,
        json!({"op": "shelve", "fault": {"code": "s:Server", "string": NO_PAGES,
               "detail": {"refusal": {"reason": NO_PAGES, "code": 422}}}}),
        &library,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_kdsoap_document_bare_service() {
    let Some(kdsoap) = Kdsoap::locate("our_client_calls_a_kdsoap_document_bare_service") else {
        return;
    };
    let mut server = tokio::task::spawn_blocking(move || kdsoap.compile(&bare_contract()).server())
        .await
        .expect("the KDSoap service");
    let client = library_bare::ShelfClient::new(server.url("/library/bare"));

    call_bare_service(&client, &mut server, &books_json()).await;
}
