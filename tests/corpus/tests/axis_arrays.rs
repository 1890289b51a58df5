//! `wsdl/axis_arrays.wsdl` without Axis: the two forms of a Java `byte[][]` (declared
//! `xsd:byte[][]`) that Apache Axis 1 reads, item by item and as base64 values, both read by
//! the generated server and client into `Vec<Vec<i8>>`; the generated side writes the nested
//! form, as Axis does. What Axis itself writes and reads is checked against a real Axis in
//! `oracle_axis_arrays.rs`.

use std::sync::Arc;

use soap_runtime::client::{CannedTransport, Client};
use soap_runtime::server::SoapRequest;
use soap_runtime::{Fault, Message, SoapVersion};
use wsdl_corpus::axis_arrays::{
    ArraysClient, ArraysServer, ArraysService, EchoByteArrays, EchoByteArraysResponse,
    RequestHeaders, ResponseHeaders,
};

/// Echoes `echoByteArrays`.
struct Echo;

impl ArraysService for Echo {
    async fn echo_byte_arrays(
        &self,
        request: Message<RequestHeaders, EchoByteArrays>,
    ) -> Result<Message<ResponseHeaders, EchoByteArraysResponse>, Fault> {
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: EchoByteArraysResponse {
                echo_byte_arrays_return: request.body.b,
            },
        })
    }
}

const NAMESPACES: &str = r#"xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="urn:example:axis-arrays""#;

fn envelope(body: &str) -> String {
    format!(
        r#"<e:Envelope {NAMESPACES}><e:Body e:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">{body}</e:Body></e:Envelope>"#
    )
}

async fn dispatch(b: &str) -> (u16, String) {
    let request = envelope(&format!(r#"<ns1:echoByteArrays>{b}</ns1:echoByteArrays>"#));
    let response = ArraysServer::new(Echo)
        .dispatch(SoapRequest {
            soap_action: Some("\"\"".into()),
            content_type: Some("text/xml; charset=utf-8".into()),
            body: request.into_bytes().into(),
        })
        .await;
    let body = String::from_utf8(response.body.to_vec()).expect("utf-8");
    (response.status, body)
}

/// The value `[[0, 1, -1], [], [-128, 127]]` as items, each byte by reference, as Axis 1.4
/// writes a `byte[][]` (its multi-reference values after the operation's element).
const AXIS_NESTED: &str = r##"<b enc:arrayType="xsd:byte[][3]" xsi:type="enc:Array"><b enc:arrayType="xsd:byte[3]" xsi:type="enc:Array"><b href="#id0"/><b href="#id1"/><b href="#id2"/></b><b enc:arrayType="xsd:byte[0]" xsi:type="enc:Array"/><b enc:arrayType="xsd:byte[2]" xsi:type="enc:Array"><b xsi:type="xsd:byte">-128</b><b xsi:type="xsd:byte">127</b></b></b>"##;
const AXIS_REFERENCED: &str = r##"<multiRef id="id2" enc:root="0" xsi:type="xsd:byte">-1</multiRef><multiRef id="id0" enc:root="0" xsi:type="xsd:byte">0</multiRef><multiRef id="id1" enc:root="0" xsi:type="xsd:byte">1</multiRef>"##;

/// The same value as base64 items, typed and untyped (Axis reads both).
const BASE64_ITEMS: &str = r#"<b xsi:type="enc:Array" enc:arrayType="xsd:base64Binary[3]"><item xsi:type="xsd:base64Binary">AAH/</item><item/><item>gH8=</item></b>"#;

fn expected() -> Vec<Vec<i8>> {
    vec![vec![0, 1, -1], vec![], vec![i8::MIN, i8::MAX]]
}

#[tokio::test]
async fn the_server_reads_base64_items_and_answers_nested_byte_arrays() {
    let (status, body) = dispatch(BASE64_ITEMS).await;
    assert_eq!(status, 200, "{body}");
    // Each value an array of `xsd:byte` items, as Axis writes and `xsd:byte[][]` declares.
    assert!(body.contains(r#":arrayType="n2:byte[][3]""#), "{body}");
    assert!(body.contains(r#":arrayType="n2:byte[3]""#), "{body}");
    assert!(
        body.contains(r#"<item xsi:type="n2:byte">-1</item>"#),
        "{body}"
    );
    assert!(!body.contains("AAH/"), "{body}");
}

#[tokio::test]
async fn the_server_reads_axis_nested_byte_arrays_by_reference() {
    let request =
        format!(r#"<ns1:echoByteArrays>{AXIS_NESTED}</ns1:echoByteArrays>{AXIS_REFERENCED}"#);
    let response = ArraysServer::new(Echo)
        .dispatch(SoapRequest {
            soap_action: Some("\"\"".into()),
            content_type: Some("text/xml; charset=utf-8".into()),
            body: envelope(&request).into_bytes().into(),
        })
        .await;
    let body = String::from_utf8(response.body.to_vec()).expect("utf-8");
    assert_eq!(response.status, 200, "{body}");
    assert!(
        body.contains(r#"<item xsi:type="n2:byte">-128</item>"#),
        "{body}"
    );
}

/// What the generated client reads of the answer `answer` (its `echoByteArraysReturn`).
async fn read_answer(answer: &str) -> Vec<Vec<i8>> {
    let transport = Arc::new(CannedTransport::ok(
        "text/xml; charset=utf-8",
        envelope(answer),
    ));
    let client = ArraysClient::with_client(
        Client::with_transport("http://127.0.0.1:9/axis/services/Arrays", transport)
            .with_version(SoapVersion::Soap11),
    );
    client
        .echo_byte_arrays(expected())
        .await
        .expect("echoByteArrays")
}

#[tokio::test]
async fn the_client_reads_axis_nested_byte_arrays_and_base64_items() {
    let named = |b: &str| {
        b.replace("<b ", "<echoByteArraysReturn ")
            .replace("</b>", "</echoByteArraysReturn>")
    };
    let answer = format!(
        "<ns1:echoByteArraysResponse>{}</ns1:echoByteArraysResponse>{AXIS_REFERENCED}",
        named(AXIS_NESTED)
    );
    assert_eq!(read_answer(&answer).await, expected());
    let answer = format!(
        "<ns1:echoByteArraysResponse>{}</ns1:echoByteArraysResponse>",
        named(BASE64_ITEMS)
    );
    assert_eq!(read_answer(&answer).await, expected());
}
