//! `wsdl/selection.wsdl` generated with only `GetOrder` (`Builder::operations`): over HTTP,
//! the types it reaches by each path work end to end: a field (`Customer`), a base
//! (`Document`'s `Number` in `Order`), a derived type sent with `xsi:type` (`AirShipment` for
//! a `Shipment`), a substitution group member (`UrgentNote` for `Note`), a declared fault
//! (`OrderFaultDetail`) and a request header (`AuditInfo`).

use soap_runtime::{DateTime, Error as RuntimeError, Fault, Message};
use wsdl_corpus::selection::*;

struct Shop;

impl OrdersService for Shop {
    async fn get_order(
        &self,
        request: Message<RequestHeaders, GetOrder>,
    ) -> Result<Message<ResponseHeaders, GetOrderResponse>, Fault> {
        let number = request.body.number;
        if number == "missing" {
            return Err(OrdersFault::OrderFault(OrderFaultDetail {
                reason: "no such order".into(),
            })
            .to_fault("not found"));
        }
        let user = request.headers.audit.map(|a| a.user).unwrap_or_default();
        let deadline: DateTime = "2026-12-24T18:00:00Z".parse().expect("a date");
        Ok(Message {
            headers: ResponseHeaders {},
            body: GetOrderResponse {
                order: Some(Order {
                    base: Document { number },
                    customer: Customer {
                        name: user,
                        tier: Some(Tier::Gold),
                    },
                    shipment: Some(AnyShipment::AirShipment(AirShipment {
                        base: Shipment {
                            carrier: "Air Mail".into(),
                        },
                        flight: "AM 7".into(),
                    })),
                    note: vec![
                        NoteSubstitution::Note("fragile".into()),
                        NoteSubstitution::UrgentNote(Urgency {
                            text: "before Christmas".into(),
                            deadline,
                        }),
                    ],
                }),
            },
        })
    }
}

#[tokio::test]
async fn every_reached_type_travels() {
    let server = OrdersServer::new(Shop).bind("127.0.0.1:0").await.unwrap();
    let client = OrdersClient::new(server.url()).with_audit(AuditInfo {
        user: "anna".into(),
    });
    let order = client.get_order("A-1".into()).await.unwrap().unwrap();
    assert_eq!(order.number, "A-1");
    assert_eq!(order.customer.name, "anna");
    assert_eq!(order.customer.tier, Some(Tier::Gold));
    assert_eq!(
        order.shipment,
        Some(AnyShipment::AirShipment(AirShipment {
            base: Shipment {
                carrier: "Air Mail".into(),
            },
            flight: "AM 7".into(),
        }))
    );
    match order.note.as_slice() {
        [NoteSubstitution::Note(note), NoteSubstitution::UrgentNote(urgent)] => {
            assert_eq!(note, "fragile");
            assert_eq!(urgent.text, "before Christmas");
            assert_eq!(urgent.deadline.to_string(), "2026-12-24T18:00:00Z");
        }
        other => panic!("{other:?}"),
    }
    match client.get_order("missing".into()).await {
        Err(RuntimeError::DeclaredFault { detail, .. }) => {
            assert_eq!(
                *detail,
                OrdersFault::OrderFault(OrderFaultDetail {
                    reason: "no such order".into()
                })
            );
        }
        other => panic!("expected the declared fault, got {other:?}"),
    }
    server.shutdown().await;
}
