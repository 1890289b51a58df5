//! Apache Axis 1 (1.4, the classic Java rpc/encoded SOAP stack) against the rpc/encoded binding
//! of `wsdl/rpc.wsdl` (`StoreEncoded`, module `store_encoded`), over HTTP on 127.0.0.1, each
//! side a real process, values checked both ways: Axis's dynamic client
//! (`tests/oracles/java/axis/AxisStoreClient.java`) calls the generated server with a
//! SOAP-encoded array of structs written as Axis writes every encoded value, by reference:
//! `href="#id0"` pointing at `multiRef` elements after the operation's wrapper (the structs,
//! and even their `int` fields), a null field as `xsi:nil`, strings typed `soapenc:string`;
//! then reads our answers (two output parts, one an encoded array of strings; a struct) and our
//! SOAP fault. And the generated client calls an Axis service
//! (`tests/oracles/java/axis/AxisStoreServer.java` under Axis's `SimpleAxisServer`, configured
//! by `store-server.wsdd`): Axis decodes our encoded requests to the values we sent (it reports
//! them), and our client decodes its answers, which Axis writes by reference too, and its fault.
//!
//! `scripts/test.sh` installs Axis (see `end_to_end::axis`); without it these tests are skipped
//! loudly, and fail in CI.

mod store_peer;

use std::sync::Arc;

use end_to_end::axis::{self, Axis};
use serde_json::json;
use soap_runtime::Error;
use store_peer::{add_items_then_none, Store, NO_ITEM};
use wsdl_corpus::store_encoded;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axis_client_calls_our_rpc_encoded_server() {
    let Some(axis) = Axis::locate("axis_client_calls_our_rpc_encoded_server") else {
        return;
    };
    let store = Arc::new(Store::default());
    let server = store_encoded::StoreServer::shared(store.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || axis.client("AxisStoreClient", &[&url]))
        .await
        .expect("the Axis client");

    // What our server decoded of Axis's request: the array and its structs by reference.
    let received = store.received.lock().expect("lock");
    let [added] = received.as_slice() else {
        panic!("one addItems: {} received", received.len());
    };
    assert_eq!(added.label, "box & <lid>");
    let items: Vec<(&str, i32, Option<&str>)> = added
        .items
        .iter()
        .map(|i| (i.name.as_str(), i.qty, i.note.as_deref()))
        .collect();
    assert_eq!(items, [("ä", 2, Some("first")), ("b<", 3, None)]);

    // What Axis decoded of our answers.
    assert_eq!(
        results,
        json!([
            {"result": {"total": 5, "names": ["box & <lid>:ä", "box & <lid>:b<"]}},
            {"result": {"name": "item 7 <&>", "qty": 14, "note": "ünïcode"}},
            {"fault": {
                "code": "{http://schemas.xmlsoap.org/soap/envelope/}Client",
                "string": NO_ITEM,
            }},
        ])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_an_axis_rpc_encoded_service() {
    let Some(axis) = Axis::locate("our_client_calls_an_axis_rpc_encoded_service") else {
        return;
    };
    let wsdd = axis::program_file("store-server.wsdd");
    let wsdd = wsdd.to_str().expect("a UTF-8 path").to_owned();
    let mut server = tokio::task::spawn_blocking(move || axis.server("AxisStoreServer", &[&wsdd]))
        .await
        .expect("the Axis service");
    let client = store_encoded::StoreClient::new(server.url("/axis/services/StoreEncodedPort"));

    // Axis decoded our encoded array of structs, and an empty one: its answers are computed
    // from them.
    add_items_then_none(&client).await;
    let request = tokio::task::block_in_place(|| server.next_request("addItems"));
    assert_eq!(
        request,
        json!({"op": "addItems", "label": "box & <lid>", "items": [
            {"name": "ä", "qty": 2, "note": "first"},
            {"name": "b<", "qty": 3, "note": null},
        ]})
    );
    // An empty array.
    let request = tokio::task::block_in_place(|| server.next_request("addItems"));
    assert_eq!(request["items"], json!([]), "{request}");

    let item = client.lookup(7).await.expect("lookup");
    assert_eq!(item.name, "item 7 <&>");
    assert_eq!(item.qty, 14);
    assert_eq!(item.note.as_deref(), Some("ünïcode"));

    match client.lookup(-1).await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.reason, "no item -1 <&>");
            assert_eq!(fault.code, "Client");
        }
        other => panic!("expected Axis's fault, got {other:?}"),
    }
}
