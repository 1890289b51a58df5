//! `wsdl/operations.wsdl` over HTTP (SOAP 1.2): declared faults reach the caller typed, a
//! one-way call is accepted with 202, empty wrappers and an empty body work, headers travel.

use std::sync::{Arc, Mutex};

use soap_runtime::client::{HttpRequest, HttpResponse, HttpTransport, Transport};
use soap_runtime::{Error as RuntimeError, Fault, Message, SoapVersion, TransportError};
use wsdl_corpus::operations::*;

#[derive(Default)]
struct Shop {
    notes: Mutex<Vec<String>>,
}

type Reply<T> = Result<Message<ResponseHeaders, T>, Fault>;

impl OrdersService for Shop {
    async fn place_order(
        &self,
        request: Message<RequestHeaders, PlaceOrder>,
    ) -> Reply<PlaceOrderResponse> {
        let order = request.body;
        if order.quantity <= 0 {
            return Err(OrdersFault::InvalidOrder(InvalidOrderFault {
                reason: "quantity must be positive".into(),
                field: Some("Quantity".into()),
            })
            .to_fault("invalid order"));
        }
        if order.sku == "gone" {
            return Err(OrdersFault::OutOfStock(OutOfStockFault {
                sku: order.sku,
                available: 0,
            })
            .to_fault("out of stock"));
        }
        if order.sku == "plain" {
            return Err(Fault::sender(SoapVersion::Soap12, "no detail"));
        }
        Ok(Message {
            headers: ResponseHeaders {
                trace: Some(format!(
                    "session {}",
                    request.headers.session.unwrap_or_default()
                )),
            },
            body: PlaceOrderResponse {
                order_id: 1000 + i64::from(order.quantity),
            },
        })
    }

    async fn cancel_order(
        &self,
        request: Message<RequestHeaders, CancelOrder>,
    ) -> Reply<CancelOrderResponse> {
        match request.body.order_id {
            0 => Err(OrdersFault::Denied("not yours".into()).to_fault("denied")),
            _ => Ok(Message::default()),
        }
    }

    async fn notify(&self, request: Message<RequestHeaders, Notification>) -> Result<(), Fault> {
        if request.body.text.is_empty() {
            return Err(Fault::sender(SoapVersion::Soap12, "empty notification"));
        }
        self.notes.lock().unwrap().push(request.body.text);
        Ok(())
    }

    async fn ping(&self, _request: Message<RequestHeaders, Ping>) -> Reply<PingResponse> {
        Ok(Message::default())
    }

    async fn reset(&self, request: Message<RequestHeaders, ()>) -> Reply<()> {
        let () = request.body;
        self.notes.lock().unwrap().clear();
        Ok(Message::default())
    }
}

/// Records each request's content type and each answer's status and body, then passes it on.
#[derive(Debug, Default)]
struct Recorder {
    http: HttpTransport,
    seen: Mutex<Vec<(String, u16, String)>>,
}

impl Transport for Recorder {
    fn send(
        &self,
        request: HttpRequest,
    ) -> std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<HttpResponse, TransportError>> + Send + '_>,
    > {
        Box::pin(async move {
            let content_type = request.content_type.clone();
            let response = self.http.send(request).await?;
            self.seen.lock().unwrap().push((
                content_type,
                response.status,
                String::from_utf8_lossy(&response.body).into_owned(),
            ));
            Ok(response)
        })
    }
}

async fn start() -> (soap_runtime::Server, OrdersClient, Arc<Shop>, Arc<Recorder>) {
    let shop = Arc::new(Shop::default());
    let server = OrdersServer::shared(shop.clone())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let recorder = Arc::new(Recorder::default());
    let client = OrdersClient::with_client(
        soap_runtime::Client::with_transport(server.url(), recorder.clone())
            .with_version(SoapVersion::Soap12),
    )
    .with_session("s-1".into());
    (server, client, shop, recorder)
}

#[tokio::test]
async fn request_response_with_headers_over_soap12() {
    let (server, client, _, recorder) = start().await;
    assert_eq!(client.place_order("apple".into(), 3).await.unwrap(), 1003);
    let reply = client
        .place_order_message(PlaceOrder {
            sku: "pear".into(),
            quantity: 1,
        })
        .await
        .unwrap();
    assert_eq!(reply.headers.trace.as_deref(), Some("session s-1"));
    let seen = recorder.seen.lock().unwrap().clone();
    assert!(
        seen[0].0.starts_with(
            "application/soap+xml; charset=utf-8; action=\"urn:example:operations/PlaceOrder\""
        ),
        "{seen:?}"
    );
    assert!(
        seen[0]
            .2
            .contains("http://www.w3.org/2003/05/soap-envelope"),
        "{seen:?}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn declared_faults_reach_the_caller_typed() {
    let (server, client, _, _) = start().await;
    match client.place_order("apple".into(), 0).await {
        Err(RuntimeError::DeclaredFault { fault, detail }) => {
            assert_eq!(fault.code, "Receiver");
            assert_eq!(fault.reason, "invalid order");
            assert_eq!(
                *detail,
                OrdersFault::InvalidOrder(InvalidOrderFault {
                    reason: "quantity must be positive".into(),
                    field: Some("Quantity".into()),
                })
            );
        }
        other => panic!("expected a declared fault, got {other:?}"),
    }
    match client.place_order("gone".into(), 1).await {
        Err(RuntimeError::DeclaredFault { detail, .. }) => {
            assert!(matches!(
                *detail,
                OrdersFault::OutOfStock(OutOfStockFault { available: 0, .. })
            ));
        }
        other => panic!("expected a declared fault, got {other:?}"),
    }
    // A detail of a simple type, declared by another operation.
    match client.cancel_order(0).await {
        Err(RuntimeError::DeclaredFault { detail, .. }) => {
            assert_eq!(*detail, OrdersFault::Denied("not yours".into()));
        }
        other => panic!("expected a declared fault, got {other:?}"),
    }
    // A fault without a declared detail stays a plain fault.
    match client.place_order("plain".into(), 1).await {
        Err(RuntimeError::Fault(fault)) => assert_eq!(fault.reason, "no detail"),
        other => panic!("expected a plain fault, got {other:?}"),
    }
    client.cancel_order(5).await.unwrap();
    server.shutdown().await;
}

#[tokio::test]
async fn one_way_is_accepted_without_a_response() {
    let (server, client, shop, recorder) = start().await;
    client.notify("first".into()).await.unwrap();
    client
        .notify_message(Notification {
            text: "second".into(),
        })
        .await
        .unwrap();
    assert_eq!(*shop.notes.lock().unwrap(), ["first", "second"]);
    let seen = recorder.seen.lock().unwrap().clone();
    assert_eq!((seen[0].1, seen[0].2.as_str()), (202, ""), "{seen:?}");
    // A one-way operation may still fail with a fault.
    match client.notify(String::new()).await {
        Err(RuntimeError::Fault(fault)) => assert_eq!(fault.reason, "empty notification"),
        other => panic!("expected a fault, got {other:?}"),
    }
    server.shutdown().await;
}

#[tokio::test]
async fn empty_wrappers_and_empty_bodies() {
    let (server, client, shop, recorder) = start().await;
    client.ping().await.unwrap();
    shop.notes.lock().unwrap().push("x".into());
    client.reset().await.unwrap();
    assert!(shop.notes.lock().unwrap().is_empty());
    let seen = recorder.seen.lock().unwrap().clone();
    assert!(seen[0].2.contains("<n0:PingResponse/>"), "{seen:?}");
    assert!(seen[1].2.contains("<s:Body/>"), "{seen:?}");
    server.shutdown().await;
}

#[tokio::test]
async fn declared_faults_over_soap11_too() {
    let server = OrdersServer::new(Shop::default())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    // The server answers in the request's version; this client speaks SOAP 1.1.
    let client = OrdersClient::with_client(soap_runtime::Client::new(server.url()));
    match client.place_order("gone".into(), 2).await {
        Err(RuntimeError::DeclaredFault { fault, detail }) => {
            assert_eq!(
                (fault.version, fault.code.as_str()),
                (SoapVersion::Soap11, "Server")
            );
            assert_eq!(
                *detail,
                OrdersFault::OutOfStock(OutOfStockFault {
                    sku: "gone".into(),
                    available: 0
                })
            );
        }
        other => panic!("expected a declared fault, got {other:?}"),
    }
    server.shutdown().await;
}
