//! gSOAP (2.8, Genivia's C/C++ SOAP stack, which speaks SOAP encoding) against the rpc/encoded
//! binding of `wsdl/rpc.wsdl` (`StoreEncoded`, module `store_encoded`), over HTTP on 127.0.0.1,
//! each side a real process, values checked both ways: gSOAP's client
//! (`tests/oracles/gsoap/store_encoded.cpp`, run as `client URL`) calls the generated server
//! with a SOAP-encoded array of structs (`xsd:all`, a note and none), and prints what it
//! decoded of our answers (two output parts, one an encoded array of strings; a struct) and of
//! our SOAP fault; the generated client calls gSOAP's service (the same program, run as
//! `server`), which reports what it decoded of our encoded requests (an array of structs, an
//! empty one) and answers from it by the rules of `store_peer`, a fault included.
//!
//! The harness (`end_to_end::gsoap`) says how gSOAP is installed; without it these tests are
//! skipped loudly, and fail in CI.

mod store_peer;

use std::path::PathBuf;
use std::sync::Arc;

use end_to_end::gsoap::{Contract, Gsoap};
use serde_json::json;
use soap_runtime::Error;
use store_peer::{add_items_then_none, items, Store, NO_ITEM};
use wsdl_corpus::store_encoded;

/// rpc.wsdl with gSOAP's program on its encoded binding.
fn store_contract() -> Contract {
    Contract {
        program: "store_encoded",
        wsdl: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/rpc.wsdl")),
        imports: &[],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gsoap_client_calls_our_rpc_encoded_server() {
    let Some(gsoap) = Gsoap::locate("gsoap_client_calls_our_rpc_encoded_server") else {
        return;
    };
    let store = Arc::new(Store::default());
    let server = store_encoded::StoreServer::shared(store.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    let url = server.url();
    let results =
        tokio::task::spawn_blocking(move || gsoap.compile(&store_contract()).client(&[&url]))
            .await
            .expect("the gSOAP client");

    // What our server decoded of gSOAP's encoded request.
    let received = store.received.lock().expect("lock");
    let [added] = received.as_slice() else {
        panic!("one addItems: {} received", received.len());
    };
    assert_eq!(added.label, "box & <lid>");
    assert_eq!(added.items, items());

    // What gSOAP decoded of our answers and fault.
    assert_eq!(
        results,
        json!([
            {"op": "addItems", "body": {"total": 5, "names": ["box & <lid>:ä", "box & <lid>:b<"]}},
            {"op": "lookup", "body": {"name": "item 7 <&>", "qty": 14, "note": "ünïcode"}},
            {"op": "lookup", "fault": {"code": "SOAP-ENV:Client", "string": NO_ITEM,
                                       "detail": null}},
        ])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_gsoap_rpc_encoded_service() {
    let Some(gsoap) = Gsoap::locate("our_client_calls_a_gsoap_rpc_encoded_service") else {
        return;
    };
    let mut server = tokio::task::spawn_blocking(move || gsoap.compile(&store_contract()).server())
        .await
        .expect("the gSOAP service");
    let client = store_encoded::StoreClient::new(server.url("/store/encoded"));

    // gSOAP decoded our encoded array of structs, and an empty one: its answers are computed
    // from them.
    add_items_then_none(&client).await;
    assert_eq!(
        server.next_request("addItems")["body"],
        json!({"label": "box & <lid>", "items": [
            {"name": "ä", "qty": 2, "note": "first"},
            {"name": "b<", "qty": 3, "note": null},
        ]})
    );
    // An empty array.
    assert_eq!(
        server.next_request("addItems")["body"],
        json!({"label": "none", "items": []})
    );

    let item = client.lookup(7).await.expect("lookup");
    assert_eq!(item.name, "item 7 <&>");
    assert_eq!(item.qty, 14);
    assert_eq!(item.note.as_deref(), Some("ünïcode"));
    assert_eq!(server.next_request("lookup")["body"], json!({"id": 7}));

    match client.lookup(-1).await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.reason, "no item -1 <&>");
            assert_eq!(fault.code, "Client");
        }
        other => panic!("expected gSOAP's fault, got {other:?}"),
    }
    server.next_request("lookup");
}
