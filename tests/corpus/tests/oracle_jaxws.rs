//! The JAX-WS Reference Implementation (Metro 2.3, Java's SOAP stack) against the corpus's
//! SOAP 1.2 contract `wsdl/operations.wsdl` (module `operations`), over HTTP on 127.0.0.1, each
//! side a real process on the stubs it made of the WSDL (wsimport's at test time):
//! - JAX-WS's client (`tests/oracles/java/OrdersClient.java`) calls the generated server: an
//!   input and an output header, an `xs:long`, the declared faults our handler returns, which
//!   JAX-WS throws as the typed exceptions wsimport made of them with their details decoded, a
//!   fault of no declared detail, a one-way operation, empty wrappers, and an empty Body;
//! - the generated client calls a JAX-WS service (`tests/oracles/java/OrdersServer.java`, an
//!   `Endpoint` implementing wsimport's port type): JAX-WS decodes our requests to the values we
//!   sent, and our client decodes its answers, the typed exceptions it throws as our
//!   `Error::DeclaredFault` with the detail decoded, and an exception of its own as a fault.
//!
//! The EMail contract's interop is in `tests/tests/oracle_jaxws.rs`, beside the harness
//! (`end_to_end::jaxws`), which says how JAX-WS is installed and compiled.
//!
//! Where JAX-WS departs from WSDL 1.1: wsimport ignores a port of a SOAP 1.2 binding ("a
//! non-standard SOAP 1.2 binding": JAX-WS 2.x standardizes only WSDL 1.1's SOAP 1.1 binding)
//! unless given `-extension`, which the harness passes for this contract. The service's class
//! says its SOAP version itself (`@BindingType`), as JAX-WS does not take it from the WSDL.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use end_to_end::jaxws::{Contract, Jaxws};
use serde_json::{json, Value};
use soap_runtime::{Error, Fault, Message, SoapVersion};
use wsdl_corpus::operations;

/// operations.wsdl for wsimport, with the programs on its stubs.
fn contract() -> Contract {
    Contract {
        package: "orders",
        wsdl: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/operations.wsdl")),
        bindings: None,
        soap12: true,
        sources: &[
            "Json.java",
            "Faults.java",
            "OrdersClient.java",
            "OrdersServer.java",
        ],
    }
}

/// The path the JAX-WS service is published at.
const ORDERS_PATH: &str = "/orders.svc";

/// An order id beyond `i32`.
const ORDER_ID: i64 = 10_000_000_000;

// ---- JAX-WS's client, our server ------------------------------------------------------------

/// The generated server's handler: records each request, answers an order id and a `Trace`
/// header, the declared `OutOfStock` for a `gone` SKU, `Denied` (a detail of a simple type) for
/// order 0, and a fault without a declared detail for a negative order.
#[derive(Default)]
struct Orders {
    orders: Mutex<Vec<(Option<String>, operations::PlaceOrder)>>,
    cancelled: Mutex<Vec<i64>>,
    notes: Mutex<Vec<String>>,
    pings: Mutex<usize>,
    resets: Mutex<usize>,
}

type Reply<T> = Result<Message<operations::ResponseHeaders, T>, Fault>;

impl operations::OrdersService for Orders {
    async fn place_order(
        &self,
        request: Message<operations::RequestHeaders, operations::PlaceOrder>,
    ) -> Reply<operations::PlaceOrderResponse> {
        let session = request.headers.session;
        let order = request.body;
        self.orders
            .lock()
            .expect("lock")
            .push((session.clone(), order.clone()));
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
        let id = request.body.order_id;
        self.cancelled.lock().expect("lock").push(id);
        match id {
            0 => Err(operations::OrdersFault::Denied("not yours".into()).to_fault("denied <&>")),
            id if id < 0 => Err(Fault::sender(SoapVersion::Soap12, "no such order")),
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
        *self.pings.lock().expect("lock") += 1;
        Ok(Message::default())
    }

    async fn reset(&self, _request: Message<operations::RequestHeaders, ()>) -> Reply<()> {
        *self.resets.lock().expect("lock") += 1;
        Ok(Message::default())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jaxws_client_calls_our_soap12_server() {
    let Some(jaxws) = Jaxws::locate("jaxws_client_calls_our_soap12_server") else {
        return;
    };
    let orders = Arc::new(Orders::default());
    let server = operations::OrdersServer::shared(orders.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || {
        jaxws
            .compile(&contract())
            .client("OrdersClient", &[url.as_str()])
    })
    .await
    .expect("the JAX-WS client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 7, "{results:?}");

    // PlaceOrder: the Session header and the order, as our server decoded them.
    let session = Some("s-1 <&>".to_string());
    let order = |sku: &str, quantity| operations::PlaceOrder {
        sku: sku.into(),
        quantity,
    };
    assert_eq!(
        *orders.orders.lock().expect("lock"),
        [
            (session.clone(), order("ABC", 2)),
            (session, order("gone", 1))
        ]
    );
    // Our answer as JAX-WS decoded it: the long, and the Trace header into its holder.
    assert_eq!(
        results[0],
        json!({"op": "PlaceOrder", "body": {"OrderId": ORDER_ID + 2},
               "headers": {"Trace": "session s-1 <&>"}})
    );
    // The declared faults: JAX-WS throws wsimport's exceptions, the details decoded, the
    // reason as the message.
    assert_eq!(
        results[1],
        json!({"op": "PlaceOrder", "declared": {
            "exception": "OutOfStock", "message": "out of stock <&>",
            "info": {"Sku": "gone", "Available": 0}}})
    );
    assert_eq!(
        results[2],
        json!({"op": "CancelOrder", "declared": {
            "exception": "Denied", "message": "denied <&>", "info": "not yours"}})
    );
    // A fault of no declared detail: JAX-WS's SOAPFaultException, SOAP 1.2's `Sender`.
    assert_eq!(
        results[3],
        json!({"op": "CancelOrder", "fault": {
            "code": {"ns": "http://www.w3.org/2003/05/soap-envelope", "local": "Sender"},
            "string": "no such order", "detail": null}})
    );
    assert_eq!(*orders.cancelled.lock().expect("lock"), [0, -1]);
    // Notify is one-way (our server answers 202 without a body), Ping's answer an empty
    // wrapper, Reset's an empty Body.
    assert_eq!(*orders.notes.lock().expect("lock"), ["hello ü <&>"]);
    assert_eq!(results[4], json!({"op": "Notify"}));
    assert_eq!(*orders.pings.lock().expect("lock"), 1);
    assert_eq!(results[5], json!({"op": "Ping"}));
    assert_eq!(*orders.resets.lock().expect("lock"), 1);
    assert_eq!(results[6], json!({"op": "Reset"}));
}

// ---- our client, JAX-WS's service -----------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_jaxws_soap12_service() {
    let Some(jaxws) = Jaxws::locate("our_client_calls_a_jaxws_soap12_service") else {
        return;
    };
    let mut server = tokio::task::spawn_blocking(move || {
        jaxws
            .compile(&contract())
            .server("OrdersServer", &[ORDERS_PATH])
    })
    .await
    .expect("the JAX-WS service");
    let client =
        operations::OrdersClient::new(server.url(ORDERS_PATH)).with_session("s-1 <&>".into());

    // PlaceOrder: our request and header as JAX-WS decoded them, its answer and header as we did.
    let placed = client
        .place_order_message(operations::PlaceOrder {
            sku: "ABC".into(),
            quantity: 2,
        })
        .await;
    let request = server.next_request("PlaceOrder");
    assert_eq!(
        request,
        json!({"op": "PlaceOrder", "body": {"Sku": "ABC", "Quantity": 2},
               "headers": {"Session": "s-1 <&>"}})
    );
    let placed = placed.expect("PlaceOrder answers");
    assert_eq!(placed.body.order_id, ORDER_ID + 2);
    assert_eq!(placed.headers.trace.as_deref(), Some("session s-1 <&>"));

    // The Java service's declared exceptions: SOAP 1.2 faults whose details our client decodes.
    match client.place_order("gone".into(), 1).await {
        Err(Error::DeclaredFault { fault, detail }) => {
            assert_eq!(fault.version, SoapVersion::Soap12);
            assert_eq!(fault.code, "Receiver");
            assert_eq!(fault.reason, "out of stock <&>");
            assert_eq!(
                *detail,
                operations::OrdersFault::OutOfStock(operations::OutOfStockFault {
                    sku: "gone".into(),
                    available: 0,
                })
            );
        }
        other => panic!("expected the declared OutOfStock, got {other:?}"),
    }
    server.next_request("PlaceOrder");
    match client.place_order("ABC".into(), 0).await {
        Err(Error::DeclaredFault { fault, detail }) => {
            assert_eq!(fault.reason, "invalid order");
            assert_eq!(
                *detail,
                operations::OrdersFault::InvalidOrder(operations::InvalidOrderFault {
                    reason: "quantity must be positive <&>".into(),
                    field: Some("Quantity".into()),
                })
            );
        }
        other => panic!("expected the declared InvalidOrder, got {other:?}"),
    }
    server.next_request("PlaceOrder");
    match client.cancel_order(0).await {
        Err(Error::DeclaredFault { fault, detail }) => {
            assert_eq!(fault.code, "Receiver");
            assert_eq!(fault.reason, "denied <&>");
            assert_eq!(*detail, operations::OrdersFault::Denied("not yours".into()));
        }
        other => panic!("expected the declared Denied, got {other:?}"),
    }
    let request = server.next_request("CancelOrder");
    assert_eq!(request["body"], json!({"OrderId": 0}), "{request}");

    // An exception the port type does not declare: a fault with JAX-WS's own detail (the
    // exception's class and stack, in its namespace), which our client keeps as it is.
    match client.cancel_order(-1).await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.version, SoapVersion::Soap12);
            assert_eq!(fault.code, "Receiver");
            assert_eq!(fault.reason, "no such order: -1");
        }
        other => panic!("expected the service's fault, got {other:?}"),
    }
    server.next_request("CancelOrder");

    // Notify is one-way; Ping has empty wrappers, Reset an empty Body, both ways.
    client
        .notify("hello ü <&>".into())
        .await
        .expect("Notify is accepted");
    let request = server.next_request("Notify");
    assert_eq!(request["body"], json!({"Text": "hello ü <&>"}), "{request}");
    client.ping().await.expect("Ping answers");
    assert_eq!(server.next_request("Ping")["body"], Value::Null);
    client.reset().await.expect("Reset answers");
    assert_eq!(server.next_request("Reset")["body"], Value::Null);
}
