//! The generated `Store` servers' handler (`wsdl/rpc.wsdl`: the rpc/encoded module
//! `store_encoded`, and `store_document`, document/literal parts by type) that the interop
//! tests with other SOAP stacks share (`oracle_php_soap.rs`, `oracle_axis.rs`,
//! `oracle_gsoap_encoded.rs`, `oracle_perl_soap_lite.rs`, `oracle_suds.rs`): it records the
//! `addItems` and `find` requests it decodes and answers from them, which each test then checks
//! on the peer's side; and the calls our client makes of their services.

// Each test binary uses part of what is here.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use soap_runtime::server::Server;
use soap_runtime::{Error, Fault, Message, SoapVersion};
use wsdl_corpus::{store_document, store_encoded};

/// The fault `lookup` answers for a negative id, on both sides.
pub const NO_ITEM: &str = "no item < 0 & no <tag>";

/// The generated server's handler: records what it decoded, answers from it.
#[derive(Default)]
pub struct Store {
    pub received: Mutex<Vec<store_encoded::AddItems>>,
    /// `find` requests (document/literal parts by type).
    pub finds: Mutex<Vec<store_document::FindRequest>>,
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

/// The generated rpc/encoded server of a fresh [`Store`], listening on 127.0.0.1, and the
/// handler, which records what the server decoded.
pub async fn serve_encoded() -> (Arc<Store>, Server) {
    let store = Arc::new(Store::default());
    let server = store_encoded::StoreServer::shared(store.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    (store, server)
}

impl Store {
    /// Checks what the rpc/encoded server decoded of a peer's [`store_calls_json`]: the two
    /// `addItems`, the [`items`] under a label to escape, then none.
    pub fn assert_items_then_none_decoded(&self) {
        let received = self.received.lock().expect("lock");
        let [added, empty] = received.as_slice() else {
            panic!("two addItems: {} received", received.len());
        };
        assert_eq!(added.label, "box & <lid>");
        assert_eq!(added.items, items());
        assert_eq!((empty.label.as_str(), empty.items.len()), ("none", 0));
    }
}

/// What `find` answers, on both sides: `count`, 2 × `limit`, and `first`, the item named as
/// asked, of `limit` pieces, noted `found <&>`.
pub fn found(request: &store_document::FindRequest) -> store_document::FindResponse {
    store_document::FindResponse {
        count: 2 * request.limit,
        first: store_document::Item {
            name: request.name.clone(),
            qty: request.limit,
            note: Some("found <&>".into()),
        },
    }
}

impl store_document::StoreService for Store {
    async fn find(
        &self,
        request: Message<store_document::RequestHeaders, store_document::FindRequest>,
    ) -> Result<Message<store_document::ResponseHeaders, store_document::FindResponse>, Fault> {
        let answer = found(&request.body);
        self.finds.lock().expect("lock").push(request.body);
        Ok(Message {
            headers: Default::default(),
            body: answer,
        })
    }
}

/// The items our client sends the peers' services: text to escape and beyond ASCII, a note and
/// none.
pub fn items() -> Vec<store_encoded::Item> {
    vec![
        store_encoded::Item {
            name: "ä".into(),
            qty: 2,
            note: Some("first".into()),
        },
        store_encoded::Item {
            name: "b<".into(),
            qty: 3,
            note: None,
        },
    ]
}

/// Has `client` add [`items`] under a label to escape, then an empty array, and checks the
/// peer service's answers, which it computes from what it decoded: the total and one name per
/// item, then nothing.
pub async fn add_items_then_none(client: &store_encoded::StoreClient) {
    let added = client
        .add_items("box & <lid>".into(), items())
        .await
        .expect("addItems");
    assert_eq!(added.total, 5);
    assert_eq!(added.names, ["box & <lid>:ä", "box & <lid>:b<"]);
    let empty = client
        .add_items("none".into(), Vec::new())
        .await
        .expect("addItems of nothing");
    assert_eq!((empty.total, empty.names.len()), (0, 0));
}

/// Has `client` look up item 7 and item -1, and checks the peer service's answers by the
/// rules of [`Store`]'s `lookup`: the item, then a SOAP fault (not a declared one) of
/// [`NO_ITEM`] with the fault code `code` (`Client` or `Server`, as the peer answers).
pub async fn lookup_then_refused(client: &store_encoded::StoreClient, code: &str) {
    let item = client.lookup(7).await.expect("lookup");
    assert_eq!(
        item,
        store_encoded::Item {
            name: "item 7 <&>".into(),
            qty: 14,
            note: Some("ünïcode".into()),
        }
    );
    match client.lookup(-1).await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.reason, NO_ITEM);
            assert_eq!(fault.code, code);
        }
        other => panic!("expected the peer's fault, got {other:?}"),
    }
}

/// The calls the scripted clients (suds, SOAP::Lite) make of the generated rpc/encoded Store
/// server, as JSON: the items of [`items`] (a note left out), an empty array, an item found
/// and one refused with [`NO_ITEM`].
pub fn store_calls_json() -> Value {
    json!([
        {"op": "addItems", "args": [
            "box & <lid>",
            [{"name": "ä", "qty": 2, "note": "first"}, {"name": "b<", "qty": 3}],
        ]},
        {"op": "addItems", "args": ["none", []]},
        {"op": "lookup", "args": [7]},
        {"op": "lookup", "args": [-1]},
    ])
}
