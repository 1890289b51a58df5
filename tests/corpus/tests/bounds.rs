//! `wsdl/particles.wsdl`'s `Bounds`: what a decoder enforces beyond `Order`'s choices and
//! groups: a required choice whose alternative is an `xs:any` (missing, or beside the other
//! alternative), a choice and a group that may repeat only so often (`maxOccurs="3"`, `"2"`),
//! and a choice two groups deep in a repeated group, required in each occurrence. Each is a
//! typed error with a location; the value goes over HTTP and back.

use soap_runtime::envelope::{read_envelope, ReadError};
use soap_runtime::error::DecodeErrorKind;
use soap_runtime::{DecodeError, Limits, XmlElement};
use wsdl_corpus::particles::*;

mod support;

/// An envelope whose `EchoOrder/Bounds` holds `bounds`, one element per line from line 3 on
/// (elements of the particles namespace have prefix `p`, `x` is bound to `urn:other`).
fn envelope(bounds: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:p=\"urn:example:particles\" xmlns:x=\"urn:other\"><s:Body><p:EchoOrder>\n\
         <p:Order><p:Card>1</p:Card><p:Item>a</p:Item><p:Quantity>1</p:Quantity></p:Order><p:Bounds>\n\
         {bounds}\n</p:Bounds></p:EchoOrder></s:Body></s:Envelope>"
    )
}

fn decode(bounds: &str) -> Result<Bounds, DecodeError> {
    match read_envelope::<RequestHeaders, EchoOrder>(
        envelope(bounds).as_bytes(),
        Limits::default(),
        "EchoOrder",
    ) {
        Ok(received) => Ok(received.message.body.bounds.expect("bounds")),
        Err(ReadError::Decode(error)) => Err(error),
        Err(ReadError::Fault(fault)) => panic!("unexpected fault {fault:?}"),
    }
}

fn refused(bounds: &str) -> DecodeError {
    match decode(bounds) {
        Ok(value) => panic!("decoded {value:?} from {bounds}"),
        Err(error) => error,
    }
}

const RED: &str = "<p:Red>1</p:Red>";

#[test]
fn what_the_bounds_allow_decodes() {
    let bounds = decode(
        "<x:Fare>9</x:Fare>\n\
         <p:Red>1</p:Red><p:Blue>2</p:Blue><p:Blue>3</p:Blue><p:Red>4</p:Red>\n\
         <p:From>1</p:From><p:To>2</p:To><p:From>3</p:From><p:To>4</p:To>\n\
         <p:Leg>a</p:Leg><p:Via>v</p:Via><p:Bus>b</p:Bus><p:Leg>b</p:Leg>",
    )
    .expect("decodes");
    match &bounds.tariff_or_any {
        BoundsTariffOrAnyType::Any(element) => {
            assert_eq!(
                (element.namespace.as_str(), element.local.as_str()),
                ("urn:other", "Fare")
            )
        }
        other => panic!("{other:?}"),
    }
    // Three occurrences of the choice: a run of `Blue` is one.
    assert_eq!(
        bounds.red_or_blue,
        vec![
            BoundsRedOrBlue::Red(1),
            BoundsRedOrBlue::Blue(vec![2, 3]),
            BoundsRedOrBlue::Red(4)
        ]
    );
    assert_eq!(bounds.from_group.len(), 2);
    assert_eq!(bounds.leg_group.len(), 2);
    assert_eq!(bounds.leg_group[1].via_group, None);
}

#[test]
fn the_any_alternative_of_a_required_choice_counts() {
    // Neither alternative: the wildcard is named among the missing ones.
    let error = refused(RED);
    assert_eq!(
        error.kind,
        DecodeErrorKind::MissingChoice {
            alternatives: "`Tariff`, `(an element of xs:any)`".into(),
            parent: "Bounds".into(),
        }
    );
    assert_eq!(error.location.line, 2, "{error}");
    // Both: the second is refused where it stands, whichever comes first.
    let error = refused(&format!(
        "<p:Tariff>t</p:Tariff>\n<x:Fare>9</x:Fare>\n{RED}"
    ));
    assert_eq!(
        error.kind,
        DecodeErrorKind::ConflictingChoice {
            element: "Fare".into(),
            chosen: "Tariff",
        }
    );
    assert_eq!(error.location.line, 4, "{error}");
    let error = refused(&format!(
        "<x:Fare>9</x:Fare>\n<p:Tariff>t</p:Tariff>\n{RED}"
    ));
    assert_eq!(
        error.kind,
        DecodeErrorKind::ConflictingChoice {
            element: "Tariff".into(),
            chosen: "(an element of xs:any)",
        }
    );
    // Two elements of the wildcard, which occurs once.
    let error = refused(&format!("<x:Fare>9</x:Fare>\n<x:Fee>1</x:Fee>\n{RED}"));
    assert_eq!(
        error.kind,
        DecodeErrorKind::TooManyOccurrences {
            particle: "the `xs:any` (here `Fee`)".into(),
            max: 1,
            parent: "Bounds".into(),
        }
    );
    // An element of the target namespace is not one the wildcard (`##other`) allows: it is
    // unknown, and the choice still lacks an alternative.
    let error = refused(&format!("<p:Fare>9</p:Fare>\n{RED}"));
    assert!(
        matches!(error.kind, DecodeErrorKind::MissingChoice { .. }),
        "{error}"
    );
}

#[test]
fn a_choice_and_a_group_occur_at_most_max_occurs_times() {
    let error = refused("<p:Tariff>t</p:Tariff>\n<p:Red>1</p:Red><p:Blue>2</p:Blue><p:Red>3</p:Red>\n<p:Blue>4</p:Blue>");
    assert_eq!(
        error.kind,
        DecodeErrorKind::TooManyOccurrences {
            particle: "the choice of `Red`, `Blue`".into(),
            max: 3,
            parent: "Bounds".into(),
        }
    );
    // At the element that begins the fourth occurrence.
    assert_eq!(
        (error.location.line, error.location.column),
        (5, 1),
        "{error}"
    );
    // The same element again starts another occurrence (`Red` repeats only with the choice).
    let error = refused(
        "<p:Tariff>t</p:Tariff>\n<p:Red>1</p:Red><p:Red>2</p:Red><p:Red>3</p:Red><p:Red>4</p:Red>",
    );
    assert!(
        matches!(
            error.kind,
            DecodeErrorKind::TooManyOccurrences { max: 3, .. }
        ),
        "{error}"
    );
    let error = refused(&format!(
        "<p:Tariff>t</p:Tariff>\n{RED}\n<p:From>1</p:From><p:To>2</p:To>\n<p:From>3</p:From><p:To>4</p:To>\n<p:From>5</p:From><p:To>6</p:To>"
    ));
    assert_eq!(
        error.kind,
        DecodeErrorKind::TooManyOccurrences {
            particle: "the group of `From`".into(),
            max: 2,
            parent: "Bounds".into(),
        }
    );
    assert_eq!(error.location.line, 7, "{error}");
    assert!(
        error.to_string().contains("at most 2 times in `Bounds`"),
        "{error}"
    );
}

#[test]
fn a_choice_two_groups_deep_in_a_repeated_group_is_required_in_each_occurrence() {
    let start = format!("<p:Tariff>t</p:Tariff>\n{RED}");
    // Missing in the first occurrence: found where the second begins.
    let error = refused(&format!(
        "{start}\n<p:Leg>a</p:Leg><p:Via>v</p:Via>\n<p:Leg>b</p:Leg>"
    ));
    assert_eq!(
        error.kind,
        DecodeErrorKind::MissingChoice {
            alternatives: "`Train`, `Bus`".into(),
            parent: "Bounds".into(),
        }
    );
    assert_eq!(error.location.line, 6, "{error}");
    // Missing in the last occurrence.
    let error = refused(&format!(
        "{start}\n<p:Leg>a</p:Leg>\n<p:Leg>b</p:Leg><p:Via>v</p:Via>"
    ));
    assert!(
        matches!(error.kind, DecodeErrorKind::MissingChoice { .. }),
        "{error}"
    );
    // Both alternatives in one occurrence.
    let error = refused(&format!(
        "{start}\n<p:Leg>a</p:Leg><p:Via>v</p:Via><p:Train>t</p:Train>\n<p:Bus>b</p:Bus>"
    ));
    assert_eq!(
        error.kind,
        DecodeErrorKind::ConflictingChoice {
            element: "Bus".into(),
            chosen: "Train",
        }
    );
    // The group around it lacks its `Via`.
    let error = refused(&format!("{start}\n<p:Leg>a</p:Leg><p:Train>t</p:Train>"));
    assert!(
        matches!(
            error.kind,
            DecodeErrorKind::MissingElement { field: "Via", .. }
        ),
        "{error}"
    );
    // One alternative in each occurrence: fine.
    decode(&format!(
        "{start}\n<p:Leg>a</p:Leg><p:Via>v</p:Via><p:Train>t</p:Train>\n<p:Leg>b</p:Leg><p:Via>w</p:Via><p:Bus>b</p:Bus>"
    ))
    .expect("decodes");
}

#[tokio::test]
async fn bounds_go_over_http_and_back() {
    let (_server, client) = support::echo_over_http().await;
    let bounds = Bounds {
        tariff_or_any: BoundsTariffOrAnyType::Any(
            XmlElement::new("urn:other", "Fare").with_text("9"),
        ),
        red_or_blue: vec![BoundsRedOrBlue::Blue(vec![1, 2]), BoundsRedOrBlue::Red(3)],
        from_group: vec![BoundsFromGroup { from: 1, to: 2 }],
        leg_group: vec![BoundsLegGroup {
            leg: "a".into(),
            via_group: Some(BoundsLegGroupViaGroup {
                via: "v".into(),
                train_or_bus: BoundsLegGroupViaGroupTrainOrBus::Bus("b".into()),
            }),
        }],
    };
    let sent = EchoOrder {
        order: Order {
            card_or_iban_or_bank: OrderCardOrIbanOrBank::Card("1".into()),
            item_group: vec![OrderItemGroup {
                item: "a".into(),
                quantity: 1,
                remark: None,
            }],
            ..Order::default()
        },
        lists: None,
        bounds: Some(bounds),
    };
    let answer = client.echo_order_message(sent.clone()).await.expect("call");
    let mut received = answer.body.bounds.expect("bounds");
    // The kept element also keeps the declarations in scope where it stood.
    if let BoundsTariffOrAnyType::Any(element) = &mut received.tariff_or_any {
        element.namespaces.clear();
    }
    assert_eq!(Some(received), sent.bounds);

    // Four occurrences of the choice: the server refuses them with a fault naming the bound.
    let mut too_many = sent.clone();
    if let Some(bounds) = &mut too_many.bounds {
        bounds.red_or_blue = vec![BoundsRedOrBlue::Red(1); 4];
    }
    match client.echo_order_message(too_many).await {
        Err(Error::Fault(fault)) => assert!(
            fault.reason.contains("may occur at most 3 times"),
            "{fault:?}"
        ),
        other => panic!("{other:?}"),
    }
}
