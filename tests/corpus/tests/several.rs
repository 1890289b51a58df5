//! `wsdl/several/orders.wsdl` and `billing.wsdl`, generated together: the types both declare
//! alike are one Rust type (a value passes from one service to the other), and one credentials
//! value authenticates calls to both, over HTTP.

use std::any::TypeId;

use soap_runtime::{Fault, Message, SoapVersion};
use wsdl_corpus::several::{billing, orders, shared};

/// What both fake services expect in the `Credentials` header.
const TICKET: &str = "7T:shared-ticket";

fn check_ticket(credentials: Option<&shared::Credentials>) -> Result<(), Fault> {
    match credentials.and_then(|c| c.ticket.as_deref()) {
        Some(TICKET) => Ok(()),
        _ => Err(Fault::sender(
            SoapVersion::Soap11,
            "wrong or missing ticket",
        )),
    }
}

struct Orders;

impl orders::OrdersService for Orders {
    async fn place_order(
        &self,
        request: Message<orders::RequestHeaders, orders::PlaceOrder>,
    ) -> Result<Message<orders::ResponseHeaders, orders::PlaceOrderResponse>, Fault> {
        check_ticket(request.headers.credentials.as_ref())?;
        let order = request.body.order;
        Ok(Message {
            headers: Default::default(),
            body: orders::PlaceOrderResponse {
                order_id: order.item.len() as i32,
                customer: order.customer,
            },
        })
    }
}

struct Billing;

impl billing::BillingService for Billing {
    async fn charge(
        &self,
        request: Message<billing::RequestHeaders, billing::Charge>,
    ) -> Result<Message<billing::ResponseHeaders, billing::ChargeResponse>, Fault> {
        check_ticket(request.headers.credentials.as_ref())?;
        let charge = request.body;
        Ok(Message {
            headers: Default::default(),
            body: billing::ChargeResponse {
                invoice: billing::Invoice {
                    customer: charge.customer,
                    cents: charge.cents,
                },
            },
        })
    }
}

#[test]
fn shared_types_are_one_type_reexported_by_each_service() {
    assert_eq!(
        TypeId::of::<orders::Customer>(),
        TypeId::of::<billing::Customer>()
    );
    assert_eq!(
        TypeId::of::<orders::Customer>(),
        TypeId::of::<shared::Customer>()
    );
    assert_eq!(
        TypeId::of::<orders::Credentials>(),
        TypeId::of::<billing::Credentials>()
    );
    assert_eq!(TypeId::of::<orders::Tier>(), TypeId::of::<billing::Tier>());
    // Each service keeps its own header structs and client.
    assert_ne!(
        TypeId::of::<orders::RequestHeaders>(),
        TypeId::of::<billing::RequestHeaders>()
    );
    // Every module names the namespaces alike, so shared types are written the same by both.
    assert_eq!(orders::NAMESPACES, billing::NAMESPACES);
    assert_eq!(orders::NAMESPACES, shared::NAMESPACES);
}

#[tokio::test]
async fn one_credentials_value_and_one_customer_pass_between_both_services() {
    let orders_server = orders::OrdersServer::new(Orders)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let billing_server = billing::BillingServer::new(Billing)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let credentials = shared::Credentials {
        ticket: Some(TICKET.into()),
    };
    let orders_client =
        orders::OrdersClient::new(orders_server.url()).with_credentials(credentials.clone());
    let billing_client =
        billing::BillingClient::new(billing_server.url()).with_credentials(credentials);

    let customer = shared::Customer {
        name: "Anna".into(),
        tier: shared::Tier::Gold,
        address: Some(shared::Address {
            street: "Storgata 1".into(),
            city: "Oslo".into(),
        }),
    };
    let placed = orders_client
        .place_order(orders::Order {
            customer: customer.clone(),
            item: vec!["pen".into(), "ink".into()],
        })
        .await
        .unwrap();
    assert_eq!(placed.order_id, 2);
    assert_eq!(placed.customer, customer);
    // The customer the order service answered with goes to billing as it is.
    let invoice = billing_client.charge(placed.customer, 1250).await.unwrap();
    assert_eq!(invoice.customer, customer);
    assert_eq!(invoice.cents, 1250);

    // Without the credentials both services refuse.
    let anonymous = billing::BillingClient::new(billing_server.url());
    assert!(anonymous.charge(customer, 1).await.is_err());
    orders_server.shutdown().await;
    billing_server.shutdown().await;
}
