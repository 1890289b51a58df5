//! node-soap (npm `soap`) against two styles of the corpus, over HTTP on 127.0.0.1, each side a
//! real process: node-soap's client calls the generated server, and the generated client calls
//! node-soap's server, values checked both ways:
//! - the rpc/literal binding of `wsdl/rpc.wsdl` (`StoreLiteral`, module `store_literal`);
//! - the SOAP 1.2 binding of `wsdl/operations.wsdl` (module `operations`): an input and an
//!   output header, an `xs:long`, declared faults whose typed details reach each side, a one-way
//!   operation, empty wrappers, and a message without parts (an empty Body), which node-soap's
//!   server cannot dispatch;
//! - `wsdl/inheritance.wsdl` (module `inheritance`): derived types named by `xsi:type` in an
//!   array of a base type, and a required attribute.
//!
//! The EMail contract's document/literal interop is in `tests/tests/oracle_node_soap.rs`, beside
//! the harness (`end_to_end::node_soap`).
//!
//! node-soap 1.13 departs from WSDL 1.1 for rpc/literal in two ways our reader accepts, since it
//! matches an rpc wrapper and its parts by local name: it writes the wrapper (`lookup`,
//! `lookupResponse`) in the WSDL's target namespace (`urn:example:rpc`) instead of the
//! `soap:body`'s `namespace` (`urn:example:rpc:ops`), and its server qualifies the part accessor
//! (`tns:item`), which rpc/literal leaves unqualified (WS-I Basic Profile R2735). It also reads
//! the parts (by type) and what they hold as text, without their schema types.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use end_to_end::node_soap::NodeSoap;
use serde_json::{json, Value};
use soap_runtime::{Error, Fault, Message, SoapVersion};
use wsdl_corpus::{inheritance, operations, store_literal};

/// The contract both sides load.
fn wsdl() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/rpc.wsdl"))
}

/// The path of the `StoreLiteralPort`'s address: node-soap's server picks the binding whose port
/// address has the request's path.
const PATH: &str = "/store/literal";

/// The generated server's handler: records each `id`, answers an item made from it, and a
/// fault for a negative one.
#[derive(Default)]
struct Store {
    ids: Mutex<Vec<i32>>,
}

impl store_literal::StoreService for Store {
    async fn lookup(
        &self,
        request: Message<store_literal::RequestHeaders, store_literal::Lookup>,
    ) -> Result<Message<store_literal::ResponseHeaders, store_literal::LookupResponse>, Fault> {
        let id = request.body.id;
        self.ids.lock().expect("lock").push(id);
        if id < 0 {
            return Err(Fault::sender(SoapVersion::Soap11, "no item < 0 & no <tag>"));
        }
        Ok(Message {
            headers: Default::default(),
            body: store_literal::LookupResponse {
                item: store_literal::Item {
                    name: format!("item {id} <&>"),
                    qty: id * 2,
                    note: Some("ünïcode".into()),
                },
            },
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_soap_client_calls_our_rpc_literal_server() {
    let Some(node) = NodeSoap::locate("node_soap_client_calls_our_rpc_literal_server") else {
        return;
    };
    let store = Arc::new(Store::default());
    let server = store_literal::StoreServer::shared(store.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    let calls = json!({
        "service": "StoreService",
        "port": "StoreLiteralPort",
        "calls": [
            {"op": "lookup", "args": {"id": 7}},
            {"op": "lookup", "args": {"id": -1}},
        ],
    })
    .to_string();
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || node.client(&wsdl(), &url, &calls))
        .await
        .expect("the node-soap client");
    assert_eq!(*store.ids.lock().expect("lock"), [7, -1]);
    let item = &results[0]["body"]["item"];
    assert_eq!(item["name"], json!("item 7 <&>"), "{results}");
    // node-soap reads the parts of an rpc message (parts by type) and what they hold as text.
    assert_eq!(item["qty"], json!("14"), "{results}");
    assert_eq!(item["note"], json!("ünïcode"), "{results}");
    let fault = &results[1];
    assert_eq!(fault["status"], json!(500), "{fault}");
    assert_eq!(
        fault["fault"]["faultstring"],
        json!("no item < 0 & no <tag>"),
        "{fault}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_node_soap_rpc_literal_server() {
    let Some(node) = NodeSoap::locate("our_client_calls_a_node_soap_rpc_literal_server") else {
        return;
    };
    // Fields in schema order (node-soap writes them in the order given).
    let answers = r#"{
      "lookup": {"body": {"item": {"name": "item 7 <&>", "qty": 14, "note": "ünïcode"}}}
    }"#;
    let mut server =
        tokio::task::spawn_blocking(move || node.server(&wsdl(), PATH, answers, false))
            .await
            .expect("the node-soap server");
    let client = store_literal::StoreClient::new(server.url(PATH));
    let answer = client.lookup_message(store_literal::Lookup { id: 7 }).await;
    let request = server.next_request("lookup");
    assert_eq!(request["args"]["id"], json!("7"), "{request}");
    let answer = answer.expect("lookup answers");
    assert_eq!(answer.body.item.name, "item 7 <&>");
    assert_eq!(answer.body.item.qty, 14);
    assert_eq!(answer.body.item.note.as_deref(), Some("ünïcode"));
}

// ---- SOAP 1.2, headers, declared faults (wsdl/operations.wsdl) ------------------------------

/// The SOAP 1.2 contract both sides load.
fn operations_wsdl() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/operations.wsdl"))
}

/// The path of the `OrdersSoap12` port's address.
const ORDERS_PATH: &str = "/orders.svc";

/// An order id beyond `i32`.
const ORDER_ID: i64 = 10_000_000_000;

/// The generated server's handler: records each order's session header, answers an order id
/// and a `Trace` header, a declared fault for a `gone` SKU, and another for order 0.
#[derive(Default)]
struct Orders {
    sessions: Mutex<Vec<Option<String>>>,
    notes: Mutex<Vec<String>>,
    resets: Mutex<usize>,
}

type Reply<T> = Result<Message<operations::ResponseHeaders, T>, Fault>;

impl operations::OrdersService for Orders {
    async fn place_order(
        &self,
        request: Message<operations::RequestHeaders, operations::PlaceOrder>,
    ) -> Reply<operations::PlaceOrderResponse> {
        let session = request.headers.session;
        self.sessions.lock().expect("lock").push(session.clone());
        let order = request.body;
        if order.sku == "gone" {
            return Err(
                operations::OrdersFault::OutOfStock(operations::OutOfStockFault {
                    sku: order.sku,
                    available: 0,
                })
                .to_fault("out of stock <&>"),
            );
        }
        Ok(Message {
            headers: operations::ResponseHeaders {
                trace: Some(format!("session {}", session.unwrap_or_default())),
            },
            body: operations::PlaceOrderResponse {
                order_id: ORDER_ID + i64::from(order.quantity),
            },
        })
    }

    async fn cancel_order(
        &self,
        request: Message<operations::RequestHeaders, operations::CancelOrder>,
    ) -> Reply<operations::CancelOrderResponse> {
        match request.body.order_id {
            0 => Err(operations::OrdersFault::Denied("not yours".into()).to_fault("denied")),
            _ => Ok(Message::default()),
        }
    }

    async fn notify(
        &self,
        request: Message<operations::RequestHeaders, operations::Notification>,
    ) -> Result<(), Fault> {
        self.notes.lock().expect("lock").push(request.body.text);
        Ok(())
    }

    async fn ping(
        &self,
        _request: Message<operations::RequestHeaders, operations::Ping>,
    ) -> Reply<operations::PingResponse> {
        Ok(Message::default())
    }

    async fn reset(&self, _request: Message<operations::RequestHeaders, ()>) -> Reply<()> {
        *self.resets.lock().expect("lock") += 1;
        Ok(Message::default())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_soap_client_calls_our_soap12_server() {
    let Some(node) = NodeSoap::locate("node_soap_client_calls_our_soap12_server") else {
        return;
    };
    let orders = Arc::new(Orders::default());
    let server = operations::OrdersServer::shared(orders.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    // node-soap writes SOAP 1.1 for a `soap12:binding` unless told (`forceSoap12Headers`).
    let calls = json!({
        "soap12": true,
        "headers": [{"namespace": "urn:example:operations", "header": {"Session": "s-1 <&>"}}],
        "calls": [
            {"op": "PlaceOrder", "args": {"Sku": "ABC", "Quantity": 2}},
            {"op": "PlaceOrder", "args": {"Sku": "gone", "Quantity": 1}},
            {"op": "CancelOrder", "args": {"OrderId": 0}},
            {"op": "Notify", "args": {"Text": "hello <&>"}},
            {"op": "Ping", "args": {}},
            {"op": "Reset", "args": {}},
        ],
    })
    .to_string();
    let url = server.url();
    let results =
        tokio::task::spawn_blocking(move || node.client(&operations_wsdl(), &url, &calls))
            .await
            .expect("the node-soap client");
    let session = Some("s-1 <&>".to_string());
    assert_eq!(
        *orders.sessions.lock().expect("lock"),
        [session.clone(), session]
    );

    let placed = &results[0];
    assert_eq!(placed["body"]["OrderId"], json!(ORDER_ID + 2), "{placed}");
    assert_eq!(
        placed["headers"]["Trace"],
        json!("session s-1 <&>"),
        "{placed}"
    );

    // The declared faults: SOAP 1.2 `Receiver` (HTTP 500), their details as node-soap read them
    // (as text, like every value in a fault).
    let gone = &results[1];
    assert_eq!(gone["status"], json!(500), "{gone}");
    let fault = &gone["fault"];
    assert_eq!(
        fault["Code"]["Value"]
            .as_str()
            .and_then(|c| c.rsplit(':').next()),
        Some("Receiver"),
        "{gone}"
    );
    assert_eq!(
        fault["Reason"]["Text"]["$value"],
        json!("out of stock <&>"),
        "{gone}"
    );
    let detail = &fault["Detail"]["OutOfStockFault"];
    assert_eq!(detail["Sku"], json!("gone"), "{gone}");
    assert_eq!(detail["Available"], json!("0"), "{gone}");
    let denied = &results[2];
    assert_eq!(
        denied["fault"]["Detail"]["AccessDenied"],
        json!("not yours"),
        "{denied}"
    );

    // Notify is one-way (our server answers 202 without a body), Ping's answer an empty wrapper;
    // Reset's an empty Body, which node-soap reads as `{"Body": null}`.
    assert_eq!(*orders.notes.lock().expect("lock"), ["hello <&>"]);
    assert_eq!(results[3], json!({"body": null, "headers": null}));
    assert_eq!(results[4], json!({"body": null, "headers": null}));
    assert_eq!(*orders.resets.lock().expect("lock"), 1);
    assert_eq!(results[5], json!({"body": {"Body": null}, "headers": null}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_node_soap_soap12_server() {
    let Some(node) = NodeSoap::locate("our_client_calls_a_node_soap_soap12_server") else {
        return;
    };
    // The declared fault's detail is given as XML (node-soap's `$xml`): from an object,
    // node-soap writes the detail's elements in the envelope's namespace (`soap:OutOfStockFault`),
    // not the schema's, and no peer could read them as the declared detail. The status is
    // given too: node-soap answers a thrown fault with HTTP 200 otherwise.
    let answers = r#"{
      "Notify": {"body": {}},
      "Ping": {"body": {}},
      "Reset": {"body": {}},
      "PlaceOrder": {
        "namespace": "urn:example:operations",
        "headers": {"Trace": "trace <&>"},
        "body": {"OrderId": 10000000002}},
      "CancelOrder": {
        "fault": {"Code": {"Value": "soap:Sender"}, "Reason": {"Text": "denied <&>"},
                  "Detail": {"$xml": "<AccessDenied xmlns=\"urn:example:operations\">not yours</AccessDenied>"},
                  "statusCode": 400}}
    }"#;
    // node-soap answers in SOAP 1.1 unless told (`forceSoap12Headers`, server.js's `soap12`),
    // even a SOAP 1.2 request.
    let mut server = tokio::task::spawn_blocking(move || {
        node.server(&operations_wsdl(), ORDERS_PATH, answers, true)
    })
    .await
    .expect("the node-soap server");
    let client =
        operations::OrdersClient::new(server.url(ORDERS_PATH)).with_session("s-1 <&>".into());

    let placed = client
        .place_order_message(operations::PlaceOrder {
            sku: "ABC".into(),
            quantity: 2,
        })
        .await;
    let request = server.next_request("PlaceOrder");
    assert_eq!(
        request["args"],
        json!({"Sku": "ABC", "Quantity": 2}),
        "{request}"
    );
    assert_eq!(request["headers"]["Session"], json!("s-1 <&>"), "{request}");
    let placed = placed.expect("PlaceOrder answers");
    assert_eq!(placed.body.order_id, ORDER_ID + 2);
    assert_eq!(placed.headers.trace.as_deref(), Some("trace <&>"));

    match client.cancel_order(0).await {
        Err(Error::DeclaredFault { fault, detail }) => {
            assert_eq!(fault.code, "Sender");
            assert_eq!(fault.reason, "denied <&>");
            assert_eq!(*detail, operations::OrdersFault::Denied("not yours".into()));
        }
        other => panic!("expected the declared fault, got {other:?}"),
    }
    let request = server.next_request("CancelOrder");
    assert_eq!(request["args"], json!({"OrderId": 0}), "{request}");

    // Notify is one-way: node-soap answers HTTP 200 without a body (`oneWay` option's default).
    client
        .notify("hello <&>".into())
        .await
        .expect("Notify is accepted");
    let request = server.next_request("Notify");
    assert_eq!(request["args"], json!({"Text": "hello <&>"}), "{request}");
    // Ping: empty request and response wrappers.
    client.ping().await.expect("Ping answers");
    server.next_request("Ping");
    // Reset's messages have no parts: our client sends an empty Body, from which node-soap's
    // server cannot find the operation (it looks at the Body's first element, not at the
    // action): it fails with a JavaScript TypeError before reaching the service, and answers a
    // fault of its own, which our client reads (SOAP 1.2, code `SOAP-ENV:Server`).
    match client.reset().await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.code, "Server");
            assert_eq!(&*fault.subcodes, ["InternalServerError"]);
            assert!(fault.reason.starts_with("TypeError"), "{fault:?}");
        }
        other => panic!("expected node-soap's fault, got {other:?}"),
    }
}

// ---- xsi:type (wsdl/inheritance.wsdl) -------------------------------------------------------

/// The contract with derived types both sides load.
fn inheritance_wsdl() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/wsdl/inheritance.wsdl"
    ))
}

/// The path of the `ArchivePort`'s address.
const ARCHIVE_PATH: &str = "/archive";

/// The generated server's handler: records the items, answers them back.
#[derive(Default)]
struct Archive {
    items: Mutex<Vec<inheritance::AnyEntity>>,
}

impl inheritance::ArchiveService for Archive {
    async fn store(
        &self,
        request: Message<inheritance::RequestHeaders, inheritance::Store>,
    ) -> Result<Message<inheritance::ResponseHeaders, inheritance::StoreResponse>, Fault> {
        let item = request.body.item;
        self.items.lock().expect("lock").clone_from(&item);
        Ok(Message {
            headers: Default::default(),
            body: inheritance::StoreResponse {
                item,
                ..Default::default()
            },
        })
    }
}

/// The items both directions carry: a base value, and two derived ones named by `xsi:type`.
fn items() -> Vec<inheritance::AnyEntity> {
    let entity = |id: i32, name: &str| inheritance::Entity {
        id,
        name: name.into(),
        any: Vec::new(),
    };
    vec![
        entity(1, "plain <&>").into(),
        inheritance::AnyEntity::Document(inheritance::Document {
            base: entity(2, "doc"),
            title: "Title".into(),
        }),
        inheritance::AnyEntity::Report(inheritance::Report {
            base: inheritance::Document {
                base: entity(3, "report"),
                title: "Q4".into(),
            },
            pages: Some(12),
        }),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_soap_client_sends_derived_types_to_our_server() {
    let Some(node) = NodeSoap::locate("node_soap_client_sends_derived_types_to_our_server") else {
        return;
    };
    let archive = Arc::new(Archive::default());
    let server = inheritance::ArchiveServer::shared(archive.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    // node-soap takes attributes, `xsi:type` among them, from `attributes`, and writes the
    // value as given: `tns` is the prefix it declares for the target namespace.
    let calls = r#"{"calls": [{"op": "Store", "args": {"item": [
      {"attributes": {"id": 1}, "name": "plain <&>"},
      {"attributes": {"id": 2, "xsi:type": "tns:Document"}, "name": "doc", "title": "Title"},
      {"attributes": {"id": 3, "xsi:type": "tns:Report"}, "name": "report", "title": "Q4", "pages": 12}
    ]}}]}"#;
    let url = server.url();
    let results =
        tokio::task::spawn_blocking(move || node.client(&inheritance_wsdl(), &url, calls))
            .await
            .expect("the node-soap client");
    assert_eq!(*archive.items.lock().expect("lock"), items());

    // Our answer, as node-soap read it: the attributes (`xsi:type` among them, as text with our
    // prefix; node-soap reads attributes as text) and the fields, typed by the `xsi:type`'s type
    // (`pages`, which only Report has, is a number).
    let answered = results[0]["body"]["item"]
        .as_array()
        .unwrap_or_else(|| panic!("the items: {results}"));
    assert_eq!(answered.len(), 3, "{results}");
    let types: Vec<Option<&str>> = answered
        .iter()
        .map(|item| {
            item["attributes"]["xsi:type"]
                .as_str()
                .and_then(|t| t.rsplit(':').next())
        })
        .collect();
    assert_eq!(types, [None, Some("Document"), Some("Report")], "{results}");
    let ids: Vec<&Value> = answered.iter().map(|i| &i["attributes"]["id"]).collect();
    assert_eq!(ids, [&json!("1"), &json!("2"), &json!("3")], "{results}");
    assert_eq!(answered[0]["name"], json!("plain <&>"), "{results}");
    assert_eq!(answered[1]["title"], json!("Title"), "{results}");
    assert_eq!(answered[2]["title"], json!("Q4"), "{results}");
    assert_eq!(answered[2]["pages"], json!(12), "{results}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_reads_derived_types_from_node_soap() {
    let Some(node) = NodeSoap::locate("our_client_reads_derived_types_from_node_soap") else {
        return;
    };
    // node-soap's server declares no `xsi` prefix on its envelope, yet writes an `xsi:type`
    // attribute as given: not namespace-well-formed, which our reader refuses ("the prefix
    // `xsi` of attribute `xsi:type` is not declared"). The answer declares it on each element
    // that uses it.
    let answers = r#"{"Store": {"body": {"item": [
      {"attributes": {"id": 1}, "name": "plain <&>"},
      {"attributes": {"id": 2, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                      "xsi:type": "tns:Document"}, "name": "doc", "title": "Title"},
      {"attributes": {"id": 3, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                      "xsi:type": "tns:Report"}, "name": "report", "title": "Q4", "pages": 12}
    ]}}}"#;
    let mut server = tokio::task::spawn_blocking(move || {
        node.server(&inheritance_wsdl(), ARCHIVE_PATH, answers, false)
    })
    .await
    .expect("the node-soap server");
    let client = inheritance::ArchiveClient::new(server.url(ARCHIVE_PATH));
    let answer = client.store(items(), None, None, None, None).await;

    // Our request as node-soap read it: `xsi:type` as text with our prefix, the fields.
    let request = server.next_request("Store");
    let sent = request["args"]["item"]
        .as_array()
        .unwrap_or_else(|| panic!("the items: {request}"));
    assert_eq!(sent.len(), 3, "{request}");
    assert_eq!(sent[0]["name"], json!("plain <&>"), "{request}");
    assert_eq!(sent[1]["attributes"]["id"], json!("2"), "{request}");
    assert_eq!(sent[2]["pages"], json!(12), "{request}");
    let answer = answer.expect("Store answers");
    assert_eq!(answer.item, items());
}
