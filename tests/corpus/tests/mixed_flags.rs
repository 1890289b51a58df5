//! `wsdl/mixed_flags.wsdl` over HTTP: `mixed` where XML Schema says it does not apply leaves
//! plain types (text with attributes; elements), which round-trip as such.

use soap_runtime::{Fault, Message, SoapVersion};
use wsdl_corpus::mixed_flags::{
    ColouredLabel, Label, RequestHeaders, ResponseHeaders, Subscribe, SubscribeResponse,
    TopicExpression, TopicsClient, TopicsServer, TopicsService, NAMESPACES, SUBSCRIBE,
};

struct Topics;

impl TopicsService for Topics {
    async fn subscribe(
        &self,
        request: Message<RequestHeaders, Subscribe>,
    ) -> Result<Message<ResponseHeaders, SubscribeResponse>, Fault> {
        Ok(Message {
            headers: Default::default(),
            body: SubscribeResponse {
                topic: request.body.topic,
                label: request.body.label,
            },
        })
    }
}

fn request() -> Subscribe {
    Subscribe {
        topic: TopicExpression {
            dialect: "urn:dialect:concrete".into(),
            value: "tns1:Device/Trigger".into(),
        },
        label: Some(ColouredLabel {
            base: Label {
                text: "door".into(),
            },
            colour: "red".into(),
        }),
    }
}

#[tokio::test]
async fn types_where_mixed_does_not_apply_round_trip_over_http() {
    let server = TopicsServer::new(Topics)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = TopicsClient::new(server.url());
    let answer = client.subscribe_message(request()).await.expect("call");
    assert_eq!(answer.body.topic, request().topic);
    assert_eq!(answer.body.label, request().label);
}

#[test]
fn the_topic_is_text_with_an_attribute() {
    let xml = soap_runtime::envelope::write_envelope(
        SoapVersion::Soap11,
        NAMESPACES,
        &RequestHeaders::default(),
        SUBSCRIBE.request,
        &request(),
    )
    .expect("encode");
    let xml = String::from_utf8(xml).expect("utf-8");
    assert!(
        xml.contains("Topic Dialect=\"urn:dialect:concrete\">tns1:Device/Trigger</"),
        "{xml}"
    );
    assert!(xml.contains("Text>door</"), "{xml}");
    assert!(xml.contains("Colour>red</"), "{xml}");
}
