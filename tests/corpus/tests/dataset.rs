//! `wsdl/dataset.wsdl`: a result that carries its own schema (`ref="s:schema"`, XML Schema's
//! own root element, which no document declares) before its rows (`xs:any`), as ASP.NET
//! services return a DataSet. Both round-trip as raw XML over HTTP, and zeep reads them.

use soap_runtime::{AnyValue, Fault, Message, XmlAttribute, XmlElement, XmlNode};
use wsdl_corpus::dataset::{
    ListShelves, ListShelvesResponse, ListShelvesResponseResult, RequestHeaders, ResponseHeaders,
    ShelvesSoapClient, ShelvesSoapServer, ShelvesSoapService,
};

mod oracle;
use oracle::{python, run_script};

const XSD: &str = "http://www.w3.org/2001/XMLSchema";
const WSDL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/dataset.wsdl");

/// Answers with one shelf row per aisle number, described by an inline schema.
struct Shelves;

/// The inline schema: one element `Shelf` with a `Label`.
fn schema() -> AnyValue {
    let label = XmlElement::new(XSD, "element")
        .with_namespace("xs", XSD)
        .with_attribute("", "name", "Label")
        .with_attribute("", "type", "xs:string");
    let shelf = XmlElement::new(XSD, "element")
        .with_attribute("", "name", "Shelf")
        .with_child(
            XmlElement::new(XSD, "complexType")
                .with_child(XmlElement::new(XSD, "sequence").with_child(label)),
        );
    AnyValue {
        attributes: vec![
            XmlAttribute::new("", "id", "Rows"),
            XmlAttribute::new("", "targetNamespace", "urn:example:rows"),
        ],
        children: vec![XmlNode::Element(shelf)],
        ..AnyValue::default()
    }
}

/// The rows, in their own namespace, as the schema describes them.
fn rows(aisle: i32) -> XmlElement {
    XmlElement::new("urn:example:rows", "Rows").with_child(
        XmlElement::new("urn:example:rows", "Shelf").with_child(
            XmlElement::new("urn:example:rows", "Label").with_text(format!("aisle {aisle}")),
        ),
    )
}

impl ShelvesSoapService for Shelves {
    async fn list_shelves(
        &self,
        request: Message<RequestHeaders, ListShelves>,
    ) -> Result<Message<ResponseHeaders, ListShelvesResponse>, Fault> {
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: ListShelvesResponse {
                list_shelves_result: Some(ListShelvesResponseResult {
                    schema: schema(),
                    any: rows(request.body.aisle),
                }),
            },
        })
    }
}

#[tokio::test]
async fn an_inline_schema_and_its_rows_round_trip_over_http() {
    let server = ShelvesSoapServer::new(Shelves)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = ShelvesSoapClient::new(server.url());
    let answer = client
        .list_shelves_message(ListShelves { aisle: 4 })
        .await
        .expect("call");
    let result = answer.body.list_shelves_result.expect("a result");
    assert_eq!(result.schema.attributes, schema().attributes);
    assert_eq!(result.schema.children.len(), 1);
    match (&result.schema.children[0], &schema().children[0]) {
        (XmlNode::Element(got), XmlNode::Element(sent)) => {
            assert!(got.same_tree(sent), "{got:?}")
        }
        other => panic!("{other:?}"),
    }
    assert!(result.any.same_tree(&rows(4)), "{:?}", result.any);
}

/// Calls ListShelves with zeep and prints the result's raw elements: zeep reads the reference
/// to `s:schema` and the wildcard after it.
const ZEEP_CLIENT: &str = r#"
import json, sys
import zeep
from zeep.transports import Transport
client = zeep.Client(sys.argv[1], transport=Transport())
service = client.create_service("{urn:example:shelves}ShelvesSoap", sys.argv[2])
result = service.ListShelves(Aisle=4)
elements = [e for e in result._value_1] if isinstance(result._value_1, list) else [result._value_1]
names = []
for value in [result.schema] + elements:
    names.append(value.tag if hasattr(value, "tag") else type(value).__name__)
rows = [e for e in elements if hasattr(e, "tag")]
labels = [l.text for r in rows for l in r.iter("{urn:example:rows}Label")]
print(json.dumps({"names": names, "labels": labels}))
"#;

#[tokio::test]
async fn zeep_reads_the_inline_schema_and_the_rows() {
    let Some(python) = python("zeep_reads_the_inline_schema_and_the_rows") else {
        return;
    };
    let server = ShelvesSoapServer::new(Shelves)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let read = run_script(&python, ZEEP_CLIENT, vec![WSDL.to_string(), server.url()]).await;
    server.shutdown().await;
    // zeep reads the first as a schema (its `Schema` object), the second as raw XML.
    assert_eq!(
        read,
        serde_json::json!({"names": ["Schema", "{urn:example:rows}Rows"], "labels": ["aisle 4"]})
    );
}
