//! `wsdl/particles.wsdl` over HTTP: content models beyond flat sequences survive a round trip
//! through the generated client and server, and the wire shows each construct as the schema
//! lays it out.

use soap_runtime::{SimpleList, XmlAttribute, XmlElement, XmlNode};
use wsdl_corpus::particles::*;

mod support;

/// A contact with every construct filled.
fn full_contact() -> Contact {
    Contact {
        id: 7,
        version: "1.0".into(),
        other_attributes: vec![XmlAttribute {
            namespace: "urn:example:audit".into(),
            local: "source".into(),
            prefix: Some("audit".into()),
            value: "import <1> & \"2\"".into(),
        }],
        name: "Ada".into(),
        phone: Some("+47 1234".into()),
        email: "ada@example.com".into(),
        nickname_group: Some(ContactNicknameGroup {
            nickname: "Countess".into(),
            since: 1843,
        }),
        key_group: vec![
            ContactKeyGroup {
                key: "a".into(),
                value: Some("1".into()),
            },
            ContactKeyGroup {
                key: "b".into(),
                value: None,
            },
            ContactKeyGroup {
                key: "c".into(),
                value: Some("3".into()),
            },
        ],
        tag: vec!["x".into(), "y".into()],
        home_or_work_or_latitude: ContactHomeOrWorkOrLatitude::Latitude(ContactLatitudeGroup {
            latitude: 59.9,
            longitude: 10.75,
        }),
        note_or_score: vec![
            ContactNoteOrScore::Note("first".into()),
            ContactNoteOrScore::Score(3),
            ContactNoteOrScore::Note("last".into()),
        ],
        link_or_text: Some(ContactLinkOrText::Link(vec![
            "https://example.com/1".into(),
            "https://example.com/2".into(),
        ])),
        shape: ShapeSubstitution::Square(SquareType {
            base: ShapeType {
                label: Some("sq".into()),
            },
            side: 2.5,
        }),
        animal: vec![
            AnimalSubstitution::Dog("Rex".into()),
            AnimalSubstitution::Animal("generic".into()),
            AnimalSubstitution::Cat("Tom".into()),
        ],
        api_token: "tok-secret-1".into(),
        session_token: Some(TokenInfo {
            value: "tok-secret-2".into(),
            expires: None,
        }),
        old_passwords: vec!["pw-secret-3".into()],
        any: vec![XmlElement::new("urn:example:ext", "Extra")
            .with_prefix("ext")
            .with_namespace("ext", "urn:example:ext")
            .with_attribute("", "kind", "note")
            .with_child(XmlElement::new("urn:example:ext", "Line").with_text("a < b"))],
    }
}

fn full_request() -> EchoContact {
    EchoContact {
        contact: full_contact(),
        comment: Some(Comment {
            author: Some("me".into()),
            content: vec![
                XmlNode::Text("Hello ".into()),
                XmlNode::Element(XmlElement::new("urn:example:particles", "Bold").with_text("big")),
                XmlNode::Text(" world".into()),
            ],
        }),
        extension: Some(Extension {
            known_or_any: ExtensionKnownOrAnyType::Any(
                XmlElement::new("urn:example:other", "Anything").with_text("open"),
            ),
        }),
        code: Some("B".into()),
        numbers: Some(SimpleList::from([1, 2, 3])),
        street: Some(StreetOnly {
            street: "Main".into(),
        }),
        trailer: Some(Trailer {
            label: "end".into(),
            any: Some(XmlElement::new("urn:example:other", "Stamp").with_text("42")),
        }),
    }
}

#[tokio::test]
async fn every_construct_survives_a_round_trip_over_http() {
    let (_server, client) = support::echo_over_http().await;
    let sent = full_request();
    let answer = client
        .echo_contact_message(sent.clone())
        .await
        .expect("call");
    // Raw XML comes back as the same tree, with the namespace declarations it was read with.
    let (mut got, mut want) = (answer.body.contact.clone(), sent.contact.clone());
    assert_eq!(got.any.len(), want.any.len());
    for (g, w) in got.any.iter().zip(&want.any) {
        assert!(g.same_tree(w), "{g:?}\n{w:?}");
    }
    (got.any, want.any) = (Vec::new(), Vec::new());
    assert_eq!(got, want);
    let (got, want) = (answer.body.comment.clone(), sent.comment.clone());
    let (got, want) = (got.expect("comment"), want.expect("comment"));
    assert_eq!(got.author, want.author);
    assert_eq!(got.content.len(), want.content.len());
    for pair in got.content.iter().zip(&want.content) {
        match pair {
            (XmlNode::Text(a), XmlNode::Text(b)) => assert_eq!(a, b),
            (XmlNode::Element(a), XmlNode::Element(b)) => assert!(a.same_tree(b), "{a:?}"),
            other => panic!("{other:?}"),
        }
    }
    match (&answer.body.extension, &sent.extension) {
        (
            Some(Extension {
                known_or_any: ExtensionKnownOrAnyType::Any(a),
            }),
            Some(Extension {
                known_or_any: ExtensionKnownOrAnyType::Any(b),
            }),
        ) => assert!(a.same_tree(b), "{a:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(answer.body.code, sent.code);
    assert_eq!(answer.body.numbers, sent.numbers);
    assert_eq!(answer.body.street, sent.street);
    // An optional wildcard of any namespace holds the one element after the known one.
    let (got, want) = (answer.body.trailer.clone(), sent.trailer.clone());
    let (got, want) = (got.expect("trailer"), want.expect("trailer"));
    assert_eq!(got.label, want.label);
    match (&got.any, &want.any) {
        (Some(a), Some(b)) => assert!(a.same_tree(b), "{a:?}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn optional_parts_left_out_survive_a_round_trip() {
    let (_server, client) = support::echo_over_http().await;
    let sent = EchoContact {
        contact: Contact {
            id: 1,
            version: "1.0".into(),
            name: "Bo".into(),
            email: "bo@example.com".into(),
            // `StreetOnly` restricts `Address`, so a value may be either (by `xsi:type`).
            home_or_work_or_latitude: ContactHomeOrWorkOrLatitude::Home(AnyAddress::Address(
                Address {
                    street: "Elm".into(),
                    city: None,
                },
            )),
            shape: ShapeSubstitution::Circle(CircleType {
                base: ShapeType { label: None },
                radius: 1.0,
            }),
            api_token: "t".into(),
            ..Contact::default()
        },
        ..EchoContact::default()
    };
    let answer = client
        .echo_contact_message(sent.clone())
        .await
        .expect("call");
    assert_eq!(answer.body.contact, sent.contact);
    assert_eq!(answer.body.comment, None);
    assert_eq!(answer.body.trailer, None);
}

#[test]
fn the_wire_follows_the_schema() {
    let xml = soap_runtime::envelope::write_envelope(
        soap_runtime::SoapVersion::Soap11,
        NAMESPACES,
        &RequestHeaders::default(),
        soap_runtime::Name::new(PARTICLES_NS, "EchoContact"),
        &full_request(),
    )
    .expect("encode");
    let xml = String::from_utf8(xml).expect("utf-8");
    // Groups keep their order: pairs of Key and Value, the optional Value left out.
    let pairs = ["Key>a<", "Value>1<", "Key>b<", "Key>c<", "Value>3<"];
    let mut at = 0;
    for part in pairs {
        let found = xml[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} after {at} in {xml}"));
        at += found;
    }
    // A substitution group's member is written under its own name.
    assert!(xml.contains(":Square>"), "{xml}");
    assert!(xml.contains(":Dog>Rex<"), "{xml}");
    // Wildcard content and attributes are written back as read.
    assert!(xml.contains("<ext:Extra"), "{xml}");
    assert!(xml.contains("a &lt; b"), "{xml}");
    assert!(xml.contains("audit:source=\""), "{xml}");
    // Mixed content keeps text and elements in order.
    assert!(xml.contains("Hello <"), "{xml}");
}

#[test]
fn secrets_of_every_shape_stay_out_of_debug() {
    let shown = format!("{:?}", full_contact());
    for secret in ["tok-secret-1", "tok-secret-2", "pw-secret-3"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("api_token: <redacted>"), "{shown}");
    assert!(shown.contains("session_token: Some(<redacted>)"), "{shown}");
}
