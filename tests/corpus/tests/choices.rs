//! `wsdl/particles.wsdl`'s `Order`: a decoder enforces what choices and groups require, as it
//! does for a required element: a required `xs:choice` that is missing, two alternatives of a
//! choice that occurs once, an optional group that is incomplete, a repeated group that is
//! missing or has an incomplete occurrence. Each is a typed error with a location.

use soap_runtime::envelope::{read_envelope, ReadError};
use soap_runtime::error::DecodeErrorKind;
use soap_runtime::{DecodeError, Limits};
use wsdl_corpus::particles::*;

mod support;

/// An envelope whose `EchoOrder/Order` holds `order` (elements in the particles namespace,
/// prefix `p`), one element per line from line 2 on.
fn envelope(order: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:p=\"urn:example:particles\"><s:Body><p:EchoOrder>\n<p:Order>\n{order}\n</p:Order></p:EchoOrder></s:Body></s:Envelope>"
    )
}

fn decode(order: &str) -> Result<EchoOrder, DecodeError> {
    match read_envelope::<RequestHeaders, EchoOrder>(
        envelope(order).as_bytes(),
        Limits::default(),
        "EchoOrder",
    ) {
        Ok(received) => Ok(received.message.body),
        Err(ReadError::Decode(error)) => Err(error),
        Err(ReadError::Fault(fault)) => panic!("unexpected fault {fault:?}"),
    }
}

/// The decode error of `order`, which must fail.
fn refused(order: &str) -> DecodeError {
    match decode(order) {
        Ok(value) => panic!("decoded {value:?} from {order}"),
        Err(error) => error,
    }
}

const ITEMS: &str = "<p:Item>a</p:Item><p:Quantity>1</p:Quantity>";

#[test]
fn a_complete_order_decodes() {
    let order = decode(
        "<p:Bank>B</p:Bank><p:Account>1</p:Account>\n\
         <p:Coupon>C</p:Coupon><p:Discount>5</p:Discount><p:Fixed>2.50</p:Fixed>\n\
         <p:Item>a</p:Item><p:Quantity>1</p:Quantity><p:Remark>r</p:Remark>\n\
         <p:Item>b</p:Item><p:Quantity>2</p:Quantity>\n\
         <p:Pickup>desk</p:Pickup>",
    )
    .expect("decodes")
    .order;
    assert_eq!(
        order.card_or_iban_or_bank,
        OrderCardOrIbanOrBank::Bank(OrderBankGroup {
            bank: "B".into(),
            account: "1".into(),
        })
    );
    let coupon = order.coupon_group.expect("coupon group");
    assert_eq!((coupon.coupon.as_str(), coupon.discount), ("C", 5));
    assert_eq!(order.item_group.len(), 2);
    assert_eq!(order.item_group[0].remark.as_deref(), Some("r"));
    assert_eq!(order.item_group[1].remark, None);
    assert_eq!(
        order.pickup_or_delivery,
        Some(OrderPickupOrDelivery::Pickup("desk".into()))
    );
    // What is optional may stay out.
    let order = decode(&format!("<p:Card>4111</p:Card>\n{ITEMS}"))
        .expect("decodes")
        .order;
    assert_eq!(
        order.card_or_iban_or_bank,
        OrderCardOrIbanOrBank::Card("4111".into())
    );
    assert_eq!(order.coupon_group, None);
    assert_eq!(order.pickup_or_delivery, None);
}

#[test]
fn a_missing_required_choice_is_refused() {
    let error = refused(ITEMS);
    match &error.kind {
        DecodeErrorKind::MissingChoice {
            alternatives,
            parent,
        } => {
            assert_eq!(alternatives, "`Card`, `Iban`, `Bank`");
            assert_eq!(parent, "Order");
        }
        other => panic!("{other:?}"),
    }
    // Located at the element that lacks it.
    assert_eq!(error.location.line, 2, "{error}");
    assert!(
        error.to_string().contains("is required in `Order`"),
        "{error}"
    );
}

#[test]
fn two_alternatives_of_a_choice_that_occurs_once_are_refused() {
    let error = refused(&format!(
        "<p:Card>1</p:Card>\n<p:Iban>NO93</p:Iban>\n{ITEMS}"
    ));
    assert_eq!(
        error.kind,
        DecodeErrorKind::ConflictingChoice {
            element: "Iban".into(),
            chosen: "Card",
        }
    );
    assert_eq!(error.location.line, 4, "{error}");
    // A group alternative after an element alternative, and the other way round.
    let error = refused(&format!(
        "<p:Card>1</p:Card>\n<p:Bank>B</p:Bank><p:Account>1</p:Account>\n{ITEMS}"
    ));
    assert!(
        matches!(&error.kind, DecodeErrorKind::ConflictingChoice { element, chosen: "Card" } if element == "Bank"),
        "{error}"
    );
    let error = refused(&format!(
        "<p:Account>1</p:Account>\n<p:Iban>NO93</p:Iban>\n{ITEMS}"
    ));
    assert!(
        matches!(&error.kind, DecodeErrorKind::ConflictingChoice { element, chosen: "Account" } if element == "Iban"),
        "{error}"
    );
    // An optional choice that occurs once: the same.
    let error = refused(&format!(
        "<p:Card>1</p:Card>\n{ITEMS}\n<p:Pickup>a</p:Pickup>\n<p:Delivery>b</p:Delivery>"
    ));
    assert!(
        matches!(&error.kind, DecodeErrorKind::ConflictingChoice { element, chosen: "Pickup" } if element == "Delivery"),
        "{error}"
    );
    assert_eq!(error.location.line, 6, "{error}");
}

#[test]
fn a_chosen_group_must_be_complete() {
    let error = refused(&format!("<p:Bank>B</p:Bank>\n{ITEMS}"));
    assert_eq!(
        error.kind,
        DecodeErrorKind::MissingElement {
            field: "Account",
            parent: "Order".into(),
        }
    );
}

#[test]
fn an_optional_group_that_occurs_must_be_complete() {
    // Discount is required once the group occurs.
    let error = refused(&format!(
        "<p:Card>1</p:Card>\n<p:Coupon>C</p:Coupon><p:Percent>5</p:Percent>\n{ITEMS}"
    ));
    assert_eq!(
        error.kind,
        DecodeErrorKind::MissingElement {
            field: "Discount",
            parent: "Order".into(),
        }
    );
    // So is its choice.
    let error = refused(&format!(
        "<p:Card>1</p:Card>\n<p:Coupon>C</p:Coupon><p:Discount>5</p:Discount>\n{ITEMS}"
    ));
    assert!(
        matches!(&error.kind, DecodeErrorKind::MissingChoice { alternatives, .. } if alternatives == "`Percent`, `Fixed`"),
        "{error}"
    );
    // And only one of its alternatives.
    let error = refused(&format!(
        "<p:Card>1</p:Card>\n<p:Coupon>C</p:Coupon><p:Discount>5</p:Discount><p:Percent>5</p:Percent><p:Fixed>1</p:Fixed>\n{ITEMS}"
    ));
    assert!(
        matches!(&error.kind, DecodeErrorKind::ConflictingChoice { element, chosen: "Percent" } if element == "Fixed"),
        "{error}"
    );
}

#[test]
fn a_required_repeated_group_must_occur_and_each_occurrence_be_complete() {
    let error = refused("<p:Card>1</p:Card>");
    assert_eq!(
        error.kind,
        DecodeErrorKind::MissingElement {
            field: "Item",
            parent: "Order".into(),
        }
    );
    // The second occurrence lacks its Quantity: found where the third begins (line 6).
    let error = refused(
        "<p:Card>1</p:Card>\n\
         <p:Item>a</p:Item><p:Quantity>1</p:Quantity>\n\
         <p:Item>b</p:Item>\n\
         <p:Item>c</p:Item><p:Quantity>3</p:Quantity>",
    );
    assert!(
        matches!(
            error.kind,
            DecodeErrorKind::MissingElement {
                field: "Quantity",
                ..
            }
        ),
        "{error}"
    );
    assert_eq!(error.location.line, 6, "{error}");
    // The last occurrence lacks it: found at the end of the order.
    let error = refused(
        "<p:Card>1</p:Card>\n\
         <p:Item>a</p:Item><p:Quantity>1</p:Quantity>\n\
         <p:Item>b</p:Item>",
    );
    assert_eq!(
        error.kind,
        DecodeErrorKind::MissingElement {
            field: "Quantity",
            parent: "Order".into(),
        }
    );
}

#[test]
fn a_choice_in_a_repeated_group_is_required_in_each_occurrence() {
    let steps = |steps: &str| format!("<p:Card>1</p:Card>\n{ITEMS}\n{steps}");
    let order = decode(&steps(
        "<p:Step>a</p:Step><p:Done>true</p:Done>\n<p:Step>b</p:Step><p:Due>2</p:Due>",
    ))
    .expect("decodes")
    .order;
    assert_eq!(order.step_group.len(), 2);
    assert_eq!(
        order.step_group[1].done_or_due,
        OrderStepGroupDoneOrDue::Due(2)
    );
    // The second step lacks it: found where the third begins (line 7).
    let error = refused(&steps(
        "<p:Step>a</p:Step><p:Done>true</p:Done>\n<p:Step>b</p:Step>\n<p:Step>c</p:Step><p:Due>2</p:Due>",
    ));
    assert!(
        matches!(&error.kind, DecodeErrorKind::MissingChoice { alternatives, .. } if alternatives == "`Done`, `Due`"),
        "{error}"
    );
    assert_eq!(error.location.line, 7, "{error}");
    // Both alternatives in one step.
    let error = refused(&steps(
        "<p:Step>a</p:Step><p:Done>true</p:Done><p:Due>2</p:Due>",
    ));
    assert!(
        matches!(&error.kind, DecodeErrorKind::ConflictingChoice { element, chosen: "Done" } if element == "Due"),
        "{error}"
    );
}

#[test]
fn the_contacts_required_choice_is_enforced_too() {
    // Contact's choice of Home, Work or a Latitude/Longitude group, and its required Shape
    // substitution group.
    let contact = |content: &str| {
        format!(
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:p=\"urn:example:particles\"><s:Body><p:EchoContact><p:Contact id=\"1\"><p:Name>n</p:Name><p:Email>e</p:Email>{content}<p:ApiToken>t</p:ApiToken></p:Contact></p:EchoContact></s:Body></s:Envelope>"
        )
    };
    let read = |xml: String| {
        read_envelope::<RequestHeaders, EchoContact>(
            xml.as_bytes(),
            Limits::default(),
            "EchoContact",
        )
    };
    let circle = "<p:Circle><p:Radius>1</p:Radius></p:Circle>";
    assert!(read(contact(&format!(
        "<p:Work><p:Street>s</p:Street></p:Work>{circle}"
    )))
    .is_ok());
    match read(contact(circle)) {
        Err(ReadError::Decode(error)) => assert!(
            matches!(&error.kind, DecodeErrorKind::MissingChoice { alternatives, parent } if alternatives == "`Home`, `Work`, `Latitude`" && parent == "Contact"),
            "{error}"
        ),
        other => panic!("{other:?}"),
    }
    match read(contact("<p:Home><p:Street>s</p:Street></p:Home>")) {
        Err(ReadError::Decode(error)) => assert!(
            matches!(&error.kind, DecodeErrorKind::MissingChoice { alternatives, .. } if alternatives == "`Circle`, `Square`"),
            "{error}"
        ),
        other => panic!("{other:?}"),
    }
    match read(contact(&format!(
        "<p:Home><p:Street>s</p:Street></p:Home><p:Latitude>1</p:Latitude><p:Longitude>2</p:Longitude>{circle}"
    ))) {
        Err(ReadError::Decode(error)) => assert!(
            matches!(&error.kind, DecodeErrorKind::ConflictingChoice { element, chosen: "Home" } if element == "Latitude"),
            "{error}"
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_server_answers_a_fault_and_the_client_an_error() {
    // A valid order goes there and back.
    let (_server, client) = support::echo_over_http().await;
    let sent = EchoOrder {
        order: Order {
            card_or_iban_or_bank: OrderCardOrIbanOrBank::Iban("NO93".into()),
            coupon_group: Some(OrderCouponGroup {
                coupon: "C".into(),
                discount: 5,
                percent_or_fixed: OrderCouponGroupPercentOrFixed::Percent(10),
            }),
            item_group: vec![
                OrderItemGroup {
                    item: "a".into(),
                    quantity: 1,
                    remark: None,
                },
                OrderItemGroup {
                    item: "b".into(),
                    quantity: 2,
                    remark: Some("gift".into()),
                },
            ],
            pickup_or_delivery: Some(OrderPickupOrDelivery::Delivery("home".into())),
            step_group: vec![
                OrderStepGroup {
                    step: "pack".into(),
                    done_or_due: OrderStepGroupDoneOrDue::Done(true),
                },
                OrderStepGroup {
                    step: "ship".into(),
                    done_or_due: OrderStepGroupDoneOrDue::Due(3),
                },
            ],
        },
        lists: None,
        bounds: None,
    };
    let answer = client.echo_order_message(sent.clone()).await.expect("call");
    assert_eq!(answer.body.order, sent.order);

    // A client that leaves out every item: the server refuses it with a fault naming it.
    let incomplete = EchoOrder {
        order: Order {
            item_group: Vec::new(),
            ..sent.order.clone()
        },
        lists: None,
        bounds: None,
    };
    match client.echo_order_message(incomplete).await {
        Err(Error::Fault(fault)) => assert!(
            fault
                .reason
                .contains("element `Item` is required in `Order`"),
            "{fault:?}"
        ),
        other => panic!("{other:?}"),
    }
}
