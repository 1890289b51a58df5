//! `wsdl/names.wsdl` over HTTP: names that are keywords, collide, shadow the prelude or are not
//! identifiers keep their wire form; operations whose names differ only in case stay apart.

use soap_runtime::{Fault, Message, SimpleValue};
use wsdl_corpus::names::*;

struct Echo;

type Reply<T> = Result<Message<ResponseHeaders, T>, Fault>;

fn reply<T>(body: T) -> Reply<T> {
    Ok(Message {
        headers: ResponseHeaders::default(),
        body,
    })
}

impl NamesService for Echo {
    async fn get(&self, request: Message<RequestHeaders, Get>) -> Reply<GetResponse> {
        reply(GetResponse {
            item: Item {
                name: format!("Get {}", request.body.id),
                other: Item2 {
                    code: request.body.id,
                },
            },
        })
    }

    async fn get2(&self, request: Message<RequestHeaders, Get2>) -> Reply<GetResponse2> {
        reply(GetResponse2 {
            item: Item2 {
                code: request.body.id.len() as i32,
            },
        })
    }

    async fn r#type(&self, request: Message<RequestHeaders, Type>) -> Reply<TypeResponse> {
        reply(TypeResponse {
            keywords: request.body.keywords,
        })
    }

    async fn send_now_please(
        &self,
        request: Message<RequestHeaders, SendNowPlease>,
    ) -> Reply<SendNowPleaseResponse> {
        reply(SendNowPleaseResponse {
            result: ResultType {
                ok: Some(1),
                err: Some(request.body.self_.as_str().to_string()),
            },
        })
    }

    async fn into_queue(
        &self,
        request: Message<RequestHeaders, IntoQueue>,
    ) -> Reply<IntoQueueResponse> {
        reply(IntoQueueResponse {
            position: request.body.job.len() as i32,
        })
    }

    async fn from_template(
        &self,
        request: Message<RequestHeaders, FromTemplate>,
    ) -> Result<(), Fault> {
        match request.body.template.as_str() {
            "" => Err(Fault::sender(
                soap_runtime::SoapVersion::Soap11,
                "no template",
            )),
            _ => Ok(()),
        }
    }
}

const ALL_WEIRD: [Weird; 12] = [
    Weird::V1st,
    Weird::TwoWords,
    Weird::WithHyphen,
    Weird::Empty,
    Weird::Abc,
    Weird::ABC,
    Weird::Abc2,
    Weird::None,
    Weird::Self_,
    Weird::Unrecognized,
    Weird::AB,
    Weird::Été,
];

#[test]
fn enumeration_values_keep_their_wire_text() {
    let wire: Vec<&str> = ALL_WEIRD.iter().map(Weird::as_str).collect();
    assert_eq!(
        wire,
        [
            "1st",
            "two words",
            "with-hyphen",
            "",
            "abc",
            "ABC",
            "Abc",
            "None",
            "Self",
            "Unrecognized",
            "a.b",
            "été"
        ]
    );
    for value in ALL_WEIRD {
        assert_eq!(Weird::parse_text(value.as_str()), Ok(value.clone()));
    }
    assert_eq!(
        Weird::parse_text("something else"),
        Ok(Weird::Unrecognized_("something else".into()))
    );
}

#[tokio::test]
async fn hard_names_round_trip() {
    let server = NamesServer::new(Echo).bind("127.0.0.1:0").await.unwrap();
    let client = NamesClient::new(server.url());

    let keywords = Keywords {
        r#type: Some("attribute type".into()),
        class_name: Some("c".into()),
        type2: "element type".into(),
        r#match: 7,
        self_: true,
        self2: false,
        r#async: Some("later".into()),
        r#ref: None,
        folder_id: 1,
        folder_id2: 2,
        order_id: "o.1".into(),
        order_name: "o-1".into(),
        value: Some(StringType { text: "s".into() }),
        option: Some(OptionType {
            some: Some("x".into()),
            none: Some(true),
        }),
        result: Some(ResultType {
            ok: None,
            err: Some("e".into()),
        }),
        weird: ALL_WEIRD.to_vec(),
        dotted: Some(MyTypeV2 { xyz: 3 }),
    };
    assert_eq!(client.r#type(keywords.clone()).await.unwrap(), keywords);

    // `Get` and `get` are two operations, told apart by action and body element.
    assert_eq!(client.get(5).await.unwrap().name, "Get 5");
    assert_eq!(client.get2("four".into()).await.unwrap().code, 4);

    let result = client.send_now_please(Weird::Empty).await.unwrap();
    assert_eq!(result.err.as_deref(), Some(""));
    let result = client.send_now_please(Weird::Self_).await.unwrap();
    assert_eq!(result.err.as_deref(), Some("Self"));

    // Operations named with a conversion prefix are methods taking `&self` like the others.
    assert_eq!(client.into_queue("four".into()).await.unwrap(), 4);
    // A parameter the contract names `foo` (clippy's placeholder name) is kept as it is.
    client.from_template("t".into(), Some(1)).await.unwrap();
    assert!(client.from_template(String::new(), None).await.is_err());
    server.shutdown().await;
}

#[tokio::test]
async fn wire_names_are_the_schema_names() {
    let request = String::from(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:n="urn:example:names"><s:Body><n:type><n:Keywords type="t" class-name="c"><n:type>e</n:type><n:match>1</n:match><n:self>true</n:self><n:Self>0</n:Self><n:FolderID>1</n:FolderID><n:FolderId>2</n:FolderId><n:order.id>a</n:order.id><n:order-name>b</n:order-name><n:weird>two words</n:weird><n:weird/><n:weird>new value</n:weird><n:dotted><n:x-y.z>9</n:x-y.z></n:dotted></n:Keywords></n:type></s:Body></s:Envelope>"#,
    );
    let response = NamesServer::new(Echo)
        .dispatch(soap_runtime::server::SoapRequest {
            soap_action: Some("\"urn:example:names/type\"".into()),
            content_type: Some("text/xml".into()),
            body: request.into(),
        })
        .await;
    let xml = String::from_utf8(response.body.to_vec()).unwrap();
    assert_eq!(response.status, 200, "{xml}");
    assert!(
        xml.contains(r#"<n0:Keywords type="t" class-name="c"><n0:type>e</n0:type><n0:match>1</n0:match><n0:self>true</n0:self><n0:Self>false</n0:Self><n0:FolderID>1</n0:FolderID><n0:FolderId>2</n0:FolderId><n0:order.id>a</n0:order.id><n0:order-name>b</n0:order-name><n0:weird>two words</n0:weird><n0:weird></n0:weird><n0:weird>new value</n0:weird><n0:dotted><n0:x-y.z>9</n0:x-y.z></n0:dotted></n0:Keywords>"#),
        "{xml}"
    );
}
