//! Apache Axis 1 (1.4, the classic Java rpc/encoded SOAP stack) against the rpc/encoded binding
//! of `wsdl/rpc.wsdl` (`StoreEncoded`, module `store_encoded`), over HTTP on 127.0.0.1, each
//! side a real process, values checked both ways: Axis's dynamic client
//! (`tests/oracles/java/axis/AxisStoreClient.java`) calls the generated server with a
//! SOAP-encoded array of structs written as Axis writes every encoded value, by reference:
//! `href="#id0"` pointing at `multiRef` elements after the operation's wrapper (the structs,
//! and even their `int` fields), a null field as `xsi:nil`, strings typed `soapenc:string`;
//! then reads our answers (two output parts, one an encoded array of strings; a struct) and our
//! SOAP fault.
//!
//! `scripts/test.sh` installs Axis (see `end_to_end::axis`); without it these tests are skipped
//! loudly, and fail in CI.

use std::sync::{Arc, Mutex};

use end_to_end::axis::Axis;
use serde_json::json;
use soap_runtime::{Fault, Message, SoapVersion};
use wsdl_corpus::store_encoded;

/// The fault `lookup` answers for a negative id.
const NO_ITEM: &str = "no item < 0 & no <tag>";

/// The generated server's handler: records what it decoded, answers from it.
#[derive(Default)]
struct Store {
    received: Mutex<Vec<store_encoded::AddItems>>,
}

impl store_encoded::StoreService for Store {
    async fn add_items(
        &self,
        request: Message<store_encoded::RequestHeaders, store_encoded::AddItems>,
    ) -> Result<Message<store_encoded::ResponseHeaders, store_encoded::AddItemsResponse>, Fault>
    {
        let body = request.body;
        let answer = store_encoded::AddItemsResponse {
            total: body.items.iter().map(|i| i.qty).sum(),
            names: body
                .items
                .iter()
                .map(|i| format!("{}:{}", body.label, i.name))
                .collect(),
        };
        self.received.lock().expect("lock").push(body);
        Ok(Message {
            headers: Default::default(),
            body: answer,
        })
    }

    async fn lookup(
        &self,
        request: Message<store_encoded::RequestHeaders, store_encoded::Lookup>,
    ) -> Result<Message<store_encoded::ResponseHeaders, store_encoded::LookupResponse>, Fault> {
        let id = request.body.id;
        if id < 0 {
            return Err(Fault::sender(SoapVersion::Soap11, NO_ITEM));
        }
        Ok(Message {
            headers: Default::default(),
            body: store_encoded::LookupResponse {
                item: store_encoded::Item {
                    name: format!("item {id} <&>"),
                    qty: id * 2,
                    note: Some("ünïcode".into()),
                },
            },
        })
    }
}

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
