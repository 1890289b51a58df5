//! `wsdl/particles.wsdl`'s `Lists`: an `xs:list` of any simple item (numbers, dates, QNames,
//! unions, anonymous and length-restricted types) is a `SimpleList` that keeps its items in
//! order with duplicates, over HTTP and on the wire; a list of an enumeration is a `FlagSet`,
//! which keeps what was sent too.

use soap_runtime::envelope::{read_envelope, write_envelope, ReadError};
use soap_runtime::error::DecodeErrorKind;
use soap_runtime::{DateTime, Decimal, FlagSet, Limits, Name, QName, SimpleList, SoapVersion};
use wsdl_corpus::particles::*;

mod support;

fn order() -> Order {
    Order {
        card_or_iban_or_bank: OrderCardOrIbanOrBank::Card("1".into()),
        item_group: vec![OrderItemGroup {
            item: "a".into(),
            quantity: 1,
            remark: None,
        }],
        ..Order::default()
    }
}

const XSD: &str = "http://www.w3.org/2001/XMLSchema";

fn qname(namespace: Option<&str>, local: &str) -> QName {
    QName {
        namespace: namespace.map(str::to_string),
        local: local.into(),
    }
}

/// Lists of every kind, each with an item twice and out of order.
fn lists() -> Lists {
    Lists {
        sizes: Some(SimpleList::from([3, 1, 3])),
        kinds: Some(
            [
                qname(Some("urn:example:particles"), "Order"),
                qname(Some(XSD), "string"),
                qname(None, "plain"),
                qname(Some(XSD), "int"),
            ]
            .into(),
        ),
        numbers: [5, -2, 5, 0].into(),
        dates: Some(
            [
                "2024-02-29T13:45:30Z",
                "2020-01-01T00:00:00+02:00",
                "2024-02-29T13:45:30Z",
            ]
            .iter()
            .map(|t| t.parse::<DateTime>().expect("date"))
            .collect(),
        ),
        names: Some(
            [
                qname(Some("urn:a"), "x"),
                qname(Some("urn:b"), "y"),
                qname(None, "z"),
                qname(Some("urn:a"), "x"),
            ]
            .into(),
        ),
        codes: Some(["B".to_string(), "7".into(), "B".into()].into()),
        mixed: Some(["true".to_string(), "1".into(), "true".into()].into()),
        amounts: Some(
            ["1.50", "0.10", "1.50"]
                .iter()
                .map(|t| t.parse::<Decimal>().expect("decimal"))
                .collect(),
        ),
        letters: Some([Letter::B, Letter::A, Letter::B].into()),
        three: Some([1, 1, 2].into()),
        words: Some(["to".to_string(), "be".into(), "or".into(), "to".into()].into()),
    }
}

#[tokio::test]
async fn lists_keep_order_and_duplicates_over_http() {
    let (_server, client) = support::echo_over_http().await;
    let sent = EchoOrder {
        order: order(),
        lists: Some(lists()),
        bounds: None,
    };
    let answer = client.echo_order_message(sent.clone()).await.expect("call");
    assert_eq!(answer.body.lists, sent.lists);
}

#[test]
fn the_wire_holds_the_items_as_given() {
    let body = EchoOrder {
        order: order(),
        lists: Some(lists()),
        bounds: None,
    };
    let xml = write_envelope(
        SoapVersion::Soap11,
        NAMESPACES,
        &RequestHeaders::default(),
        Name::new(PARTICLES_NS, "EchoOrder"),
        &body,
    )
    .expect("encode");
    let xml = String::from_utf8(xml).expect("utf-8");
    // The QNames of an attribute: the table's prefix where the namespace has one, else one
    // declared once on the element.
    let lists_tag = format!(
        r#"<n{p}:Lists sizes="3 1 3" xmlns:q0="{XSD}" kinds="n{p}:Order q0:string plain q0:int">"#,
        p = PARTICLES_NS.0
    );
    assert!(xml.contains(&lists_tag), "{lists_tag} in {xml}");
    for expected in [
        ">5 -2 5 0<",
        ">2024-02-29T13:45:30Z 2020-01-01T00:00:00+02:00 2024-02-29T13:45:30Z<",
        r#"xmlns:q0="urn:a" xmlns:q1="urn:b">q0:x q1:y z q0:x<"#,
        ">B 7 B<",
        ">true 1 true<",
        ">1.50 0.10 1.50<",
        ">B A B<",
        ">1 1 2<",
        ">to be or to<",
    ] {
        assert!(xml.contains(expected), "{expected} in {xml}");
    }
}

#[test]
fn lists_read_as_another_peer_writes_them() {
    // Other prefixes, runs of whitespace, line breaks; QNames by the reader's prefixes.
    let xml = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:p="urn:example:particles"><s:Body><p:EchoOrder>
      <p:Order><p:Card>1</p:Card><p:Item>a</p:Item><p:Quantity>1</p:Quantity></p:Order>
      <p:Lists sizes=" 2&#9;2 " xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:default" kinds="p:Order&#10;xs:int bare">
        <p:Numbers>
          1   1
          -7
        </p:Numbers>
        <p:Names xmlns:other="urn:other">other:n  p:m bare other:n</p:Names>
        <p:Letters>A A C</p:Letters>
        <p:Words></p:Words>
      </p:Lists>
    </p:EchoOrder></s:Body></s:Envelope>"#;
    let received =
        read_envelope::<RequestHeaders, EchoOrder>(xml.as_bytes(), Limits::default(), "EchoOrder")
            .expect("decodes");
    let lists = received.message.body.lists.expect("lists");
    assert_eq!(lists.sizes, Some([2, 2].into()));
    // `p` declared on the envelope, `xs` on the element, and an unprefixed name in the default
    // namespace, as XML Schema resolves QName values.
    assert_eq!(
        lists.kinds.expect("kinds").into_vec(),
        vec![
            qname(Some("urn:example:particles"), "Order"),
            qname(Some(XSD), "int"),
            qname(Some("urn:default"), "bare"),
        ]
    );
    assert_eq!(lists.numbers.as_slice(), &[1, 1, -7]);
    assert_eq!(
        lists.names.expect("names").into_vec(),
        vec![
            qname(Some("urn:other"), "n"),
            qname(Some("urn:example:particles"), "m"),
            // The default namespace declared on `Lists`.
            qname(Some("urn:default"), "bare"),
            qname(Some("urn:other"), "n"),
        ]
    );
    // A flag sent twice stays twice; an unknown one is kept.
    let letters = lists.letters.expect("letters");
    assert_eq!(letters.len(), 3);
    assert_eq!(
        letters,
        FlagSet::from([Letter::A, Letter::A, Letter::Unrecognized("C".into())])
    );
    assert_eq!(lists.words, Some(SimpleList::new()));
}

#[test]
fn a_bad_item_is_a_typed_error_with_its_place() {
    let xml = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:p="urn:example:particles"><s:Body><p:EchoOrder>
      <p:Order><p:Card>1</p:Card><p:Item>a</p:Item><p:Quantity>1</p:Quantity></p:Order>
      <p:Lists><p:Numbers>1 two 3</p:Numbers><p:Names>nope:x</p:Names></p:Lists>
    </p:EchoOrder></s:Body></s:Envelope>"#;
    match read_envelope::<RequestHeaders, EchoOrder>(xml.as_bytes(), Limits::default(), "EchoOrder")
    {
        Err(ReadError::Decode(error)) => {
            let text = error.to_string();
            assert!(text.contains("invalid list value"), "{text}");
            assert!(text.contains("item 2"), "{text}");
            assert_eq!(error.location.line, 3, "{text}");
        }
        other => panic!("{other:?}"),
    }
    let xml = xml.replace("1 two 3", "1 2 3");
    let undeclared = |xml: &str, place: &str| match read_envelope::<RequestHeaders, EchoOrder>(
        xml.as_bytes(),
        Limits::default(),
        "EchoOrder",
    ) {
        Err(ReadError::Decode(error)) => {
            assert_eq!(
                error.kind,
                DecodeErrorKind::UndeclaredPrefix {
                    prefix: "nope".into(),
                    place: place.into(),
                },
                "{error}"
            );
            assert_eq!(error.location.line, 3, "{error}");
        }
        other => panic!("{other:?}"),
    };
    // In an element's text, and in an attribute's value.
    undeclared(&xml, "Names");
    let xml = xml
        .replace("<p:Lists>", r#"<p:Lists kinds="p:Order nope:x">"#)
        .replace("nope:x</p:Names>", "p:x</p:Names>");
    undeclared(&xml, "Lists/@kinds");
}

#[test]
fn an_item_holding_whitespace_cannot_be_written() {
    let mut lists = lists();
    lists.words = Some(["two words".to_string()].into());
    let body = EchoOrder {
        order: order(),
        lists: Some(lists),
        bounds: None,
    };
    let error = write_envelope(
        SoapVersion::Soap11,
        NAMESPACES,
        &RequestHeaders::default(),
        Name::new(PARTICLES_NS, "EchoOrder"),
        &body,
    )
    .expect_err("whitespace in an item");
    assert!(error.to_string().contains("Words"), "{error}");
    assert!(error.to_string().contains("whitespace"), "{error}");
}
