//! `wsdl/shapes.wsdl` over HTTP: the generated client sends, the generated server decodes and
//! echoes, the client decodes the answer; every value must survive both ways.

use soap_runtime::{Decimal, Fault, Message, OrderedMap};
use wsdl_corpus::shapes::*;

/// Echoes every request.
struct Echo;

type Reply<T> = Result<Message<ResponseHeaders, T>, Fault>;

#[allow(clippy::result_large_err)] // the `Result` the service trait returns
fn reply<T>(body: T) -> Reply<T> {
    Ok(Message {
        headers: ResponseHeaders::default(),
        body,
    })
}

impl ShapesService for Echo {
    async fn echo_drawing(
        &self,
        request: Message<RequestHeaders, EchoDrawing>,
    ) -> Reply<EchoDrawingResponse> {
        reply(EchoDrawingResponse {
            drawing: request.body.drawing,
            named: request.body.named,
        })
    }

    async fn echo_graph(
        &self,
        request: Message<RequestHeaders, EchoGraph>,
    ) -> Reply<EchoGraphResponse> {
        reply(EchoGraphResponse {
            root: request.body.root,
            person: request.body.person,
        })
    }

    async fn echo_payment(
        &self,
        request: Message<RequestHeaders, EchoPayment>,
    ) -> Reply<EchoPaymentResponse> {
        reply(EchoPaymentResponse {
            payment: request.body.payment,
        })
    }

    async fn echo_tagged(
        &self,
        request: Message<RequestHeaders, EchoTagged>,
    ) -> Reply<EchoTaggedResponse> {
        reply(EchoTaggedResponse {
            tagged: request.body.tagged,
            settings: request.body.settings,
            unordered: request.body.unordered,
        })
    }

    async fn get_price(
        &self,
        request: Message<RequestHeaders, GetPrice>,
    ) -> Reply<GetPriceResponse> {
        reply(GetPriceResponse {
            price: Price {
                currency: format!("EUR for {}", request.body.sku),
                precision: 4,
                value: "12.3400".parse().unwrap(),
            },
        })
    }
}

async fn client() -> (soap_runtime::Server, ShapesClient) {
    let server = ShapesServer::new(Echo).bind("127.0.0.1:0").await.unwrap();
    let client = ShapesClient::new(server.url());
    (server, client)
}

fn square(id: i32) -> Square {
    Square {
        rotated: true,
        id,
        label: Some("square".into()),
        sides: 4,
        length: 2.5,
    }
}

#[tokio::test]
async fn derived_values_survive_in_base_typed_fields() {
    let (server, client) = client().await;
    let drawing = Drawing {
        main: square(1).into(),
        items: Some(vec![
            Shape { id: 2, label: None }.into(),
            Circle {
                base: Shape {
                    id: 3,
                    label: Some("round".into()),
                },
                radius: 1.5,
            }
            .into(),
            AnyShape::Polygon(Polygon {
                base: Shape { id: 4, label: None },
                sides: 6,
            }),
            square(5).into(),
        ]),
        outline: Some(AnyPolygon::Square(square(6))),
        grid: Some(vec![vec![1, 2], vec![], vec![3]]),
    };
    let named: ArrayOfKeyValueOfstringShape = OrderedMap::from([
        (
            "circle".to_string(),
            Some(AnyShape::Circle(Circle::default())),
        ),
        ("nothing".to_string(), None),
        ("square".to_string(), Some(square(7).into())),
    ]);
    let answer = client
        .echo_drawing(drawing.clone(), Some(named.clone()))
        .await
        .unwrap();
    assert_eq!(answer.drawing, drawing);
    assert_eq!(answer.named, Some(named));
    server.shutdown().await;
}

#[tokio::test]
async fn recursion_direct_mutual_and_through_arrays() {
    let (server, client) = client().await;
    let leaf = |value| Node {
        value,
        ..Default::default()
    };
    let root = Node {
        value: 1,
        next: Some(Box::new(Node {
            value: 2,
            next: Some(Box::new(leaf(3))),
            children: Some(vec![leaf(4), leaf(5)]),
        })),
        children: Some(vec![Node {
            value: 6,
            next: None,
            children: Some(vec![leaf(7)]),
        }]),
    };
    let person = Person {
        name: "Ada".into(),
        employer: Some(Box::new(Company {
            name: "Engines Ltd".into(),
            ceo: Some(Box::new(Person {
                name: "Charles".into(),
                employer: None,
            })),
        })),
    };
    let answer = client
        .echo_graph(root.clone(), Some(person.clone()))
        .await
        .unwrap();
    assert_eq!(answer.root, root);
    assert_eq!(answer.person, Some(person));
    server.shutdown().await;
}

#[tokio::test]
async fn choices_single_and_repeated() {
    let (server, client) = client().await;
    let payments = vec![
        Payment {
            amount: "10.50".parse().unwrap(),
            card_or_iban_or_cash: PaymentCardOrIbanOrCash::Card(Card {
                number: "4111".into(),
                expires: "12/30".into(),
            }),
            steps: Some(Steps {
                choice: vec![
                    StepsChoice::Say("hello".into()),
                    StepsChoice::Wait(3),
                    StepsChoice::Say("again".into()),
                    StepsChoice::Call(Node {
                        value: 9,
                        ..Default::default()
                    }),
                    StepsChoice::Stop(None),
                    StepsChoice::Stop(Some("done".into())),
                ],
            }),
        },
        Payment {
            amount: Decimal::default(),
            card_or_iban_or_cash: PaymentCardOrIbanOrCash::Iban("DE00 1234".into()),
            steps: Some(Steps::default()),
        },
        Payment {
            amount: "1".parse().unwrap(),
            card_or_iban_or_cash: PaymentCardOrIbanOrCash::Cash(false),
            steps: None,
        },
    ];
    let answer = client.echo_payment(payments.clone()).await.unwrap();
    assert_eq!(answer, payments);
    server.shutdown().await;
}

#[tokio::test]
async fn attributes_defaults_and_simple_content() {
    let (server, client) = client().await;
    let tagged = Tagged {
        id: 42,
        lang: Some("en-GB".into()),
        color: Color::Red,
        note: "say \"hi\" & <go>\n\ttab".into(),
        created_by: None,
        revision: Some(-7),
        other_attributes: vec![soap_runtime::XmlAttribute {
            prefix: Some("extra".into()),
            ..soap_runtime::XmlAttribute::new("urn:example:extra", "mood", "calm")
        }],
        title: "A title".into(),
        price: Some(Price {
            currency: "NOK".into(),
            precision: 2,
            value: "99.90".parse().unwrap(),
        }),
    };
    let settings = Settings {
        name: "defaults".into(),
        ..Default::default()
    };
    let unordered = Unordered {
        first: "1st".into(),
        second: Some(2),
    };
    let answer = client
        .echo_tagged(tagged.clone(), settings.clone(), Some(unordered.clone()))
        .await
        .unwrap();
    assert_eq!(answer.tagged, tagged);
    assert_eq!(answer.settings, settings);
    assert_eq!(answer.unordered, Some(unordered));

    let price = client.get_price("sku-1".into()).await.unwrap();
    assert_eq!(price.currency, "EUR for sku-1");
    assert_eq!(price.precision, 4);
    assert_eq!(price.value.to_string(), "12.3400");
    server.shutdown().await;
}

#[test]
fn schema_defaults_are_the_rust_defaults() {
    let settings = Settings::default();
    assert_eq!(settings.count, 5);
    assert_eq!(settings.ratio, 0.5);
    assert!(settings.enabled);
    assert_eq!(settings.color, Color::Blue);
    assert_eq!(
        settings.note, None,
        "an optional element's default applies only when it is sent empty"
    );
    assert_eq!(settings.big, u64::MAX);
    assert_eq!(settings.when.to_string(), "2024-01-02T03:04:05Z");
    let tagged = Tagged::default();
    assert_eq!(tagged.color, Color::Green);
    assert_eq!(tagged.note, "a \"quoted\" & <escaped> note");
    assert!(!Square::default().rotated);
    assert_eq!(Price::default().precision, 2);
}

/// Sends `body` (the content of `soap:Body`) to the server without HTTP; returns status and XML.
async fn dispatch(action: &str, body: &str) -> (u16, String) {
    let envelope = format!(
        r#"<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:x="urn:example:shapes"><s:Body>{body}</s:Body></s:Envelope>"#
    );
    let response = ShapesServer::new(Echo)
        .dispatch(soap_runtime::server::SoapRequest {
            soap_action: Some(format!("\"{action}\"").into()),
            content_type: Some("text/xml; charset=utf-8".into()),
            body: envelope.into(),
        })
        .await;
    (
        response.status,
        String::from_utf8(response.body.to_vec()).unwrap(),
    )
}

#[tokio::test]
async fn wire_form_of_xsi_type_attributes_and_defaults() {
    // Another peer's prefixes; `xsi:type` on the base-typed field and in the array; attributes
    // with entities; empty elements standing for their schema defaults; `precision` left out.
    let (status, xml) = dispatch(
        "urn:example:shapes/EchoTagged",
        r#"<x:EchoTagged>
             <x:Tagged id=" 7 " color="Blue" note="a&amp;b &quot;c&quot;" lang="de">
               <x:Title>T</x:Title>
               <x:Price currency="CHF">1.5</x:Price>
             </x:Tagged>
             <x:Settings><x:Name>n</x:Name><x:Count/><x:Ratio></x:Ratio><x:Enabled/><x:Color/><x:Big/><x:When/></x:Settings>
           </x:EchoTagged>"#,
    )
    .await;
    assert_eq!(status, 200, "{xml}");
    assert!(
        xml.contains(r#"<n0:Tagged id="7" lang="de" color="Blue" note="a&amp;b &quot;c&quot;">"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<n0:Price currency="CHF" precision="2">1.5</n0:Price>"#),
        "{xml}"
    );
    assert!(xml.contains("<n0:Count>5</n0:Count><n0:Ratio>0.5</n0:Ratio><n0:Enabled>true</n0:Enabled><n0:Color>Blue</n0:Color>"), "{xml}");

    let (status, xml) = dispatch(
        "urn:example:shapes/EchoDrawing",
        r#"<x:EchoDrawing><x:Drawing>
             <x:Main i:type="x:Square" rotated="1"><x:Id>1</x:Id><x:Sides>4</x:Sides><x:Length>2</x:Length></x:Main>
             <x:Items><x:Shape xmlns:other="urn:example:shapes" i:type="other:Circle"><x:Id>2</x:Id><x:Radius>1</x:Radius></x:Shape><x:Shape i:nil="true"/></x:Items>
           </x:Drawing></x:EchoDrawing>"#,
    )
    .await;
    assert_eq!(status, 200, "{xml}");
    assert!(
        xml.contains(r#"<n0:Main xsi:type="n0:Square" rotated="true"><n0:Id>1</n0:Id><n0:Sides>4</n0:Sides><n0:Length>2.0</n0:Length></n0:Main>"#),
        "{xml}"
    );
    assert!(xml.contains(r#"<n0:Shape xsi:type="n0:Circle"><n0:Id>2</n0:Id><n0:Radius>1.0</n0:Radius></n0:Shape><n0:Shape><n0:Id>0</n0:Id></n0:Shape>"#), "{xml}");
}

#[tokio::test]
async fn missing_required_element_or_attribute_is_a_sender_fault() {
    let (status, xml) = dispatch(
        "urn:example:shapes/EchoGraph",
        "<x:EchoGraph><x:Root><x:Next><x:Value>1</x:Value></x:Next></x:Root></x:EchoGraph>",
    )
    .await;
    assert_eq!(status, 500);
    assert!(
        xml.contains("element `Value` is required in `Root` but missing"),
        "{xml}"
    );
    let (status, xml) = dispatch(
        "urn:example:shapes/EchoTagged",
        "<x:EchoTagged><x:Tagged><x:Title>T</x:Title></x:Tagged><x:Settings><x:Name>n</x:Name></x:Settings></x:EchoTagged>",
    )
    .await;
    assert_eq!(status, 500);
    assert!(
        xml.contains("attribute `id` is required on `Tagged` but missing"),
        "{xml}"
    );
}
