//! `wsdl/open.wsdl`: an `xs:anyType` element is an `AnyValue` that keeps what was sent (the
//! type named by `xsi:type`, attributes, text and child elements) and writes it back, over
//! HTTP and from another peer's prefixes; arrays of a type others derive from (by extension,
//! by restriction, by extension of a restriction) keep each item's derived type; an open
//! value decodes into the generated type it names (one asked for with `extra_types` when no
//! field names it) and is encoded from one; zeep's typed open values (`xsd.AnyObject`) decode
//! into our types, and zeep reads them back as its own (`ORACLE_PYTHON`, set by
//! `scripts/test.sh`; without it that test is skipped loudly, and fails when `CI` is set).

use std::sync::Mutex;

use soap_runtime::{
    AnyValue, Fault, Message, QName, SoapVersion, XmlAttribute, XmlElement, XmlNode,
};
use wsdl_corpus::open::*;

const NS: &str = "urn:corpus:open";
const XS: &str = "http://www.w3.org/2001/XMLSchema";
const WSDL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/open.wsdl");

mod oracle;
use oracle::{python, run_script};

/// Echoes every update.
struct Echo;

impl InventoryService for Echo {
    async fn update(
        &self,
        request: Message<RequestHeaders, Update>,
    ) -> Result<Message<ResponseHeaders, UpdateResponse>, Fault> {
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: UpdateResponse {
                returnval: request.body.property,
                device: request.body.device,
            },
        })
    }
}

/// A `Reference` (simple content with an attribute), named by `xsi:type`.
fn reference() -> AnyValue {
    AnyValue {
        attributes: vec![XmlAttribute::new("", "type", "Folder")],
        ..AnyValue::text("group-d1")
    }
    .with_type(NS, "Reference")
}

/// An `ArrayOfString` with two items, named by `xsi:type`.
fn strings() -> AnyValue {
    AnyValue {
        children: vec![
            XmlNode::Element(XmlElement::new(NS, "string").with_text("a")),
            XmlNode::Element(XmlElement::new(NS, "string").with_text("b")),
        ],
        ..AnyValue::default()
    }
    .with_type(NS, "ArrayOfString")
}

fn update() -> Update {
    Update {
        property: vec![
            Property {
                base: Data {
                    label: Some("first".into()),
                },
                name: "parent".into(),
                val: reference(),
                history: vec![
                    AnyValue::text("7").with_type(XS, "int"),
                    AnyValue::text("plain, no type"),
                    strings(),
                ],
            },
            Property {
                base: Data { label: None },
                name: "name".into(),
                val: AnyValue::text("vm-1").with_type(XS, "string"),
                history: Vec::new(),
            },
        ],
        device: vec![
            AnyDevice::Disk(Disk {
                base: Device {
                    base: Data { label: None },
                    key: 1,
                },
                capacity: 1 << 40,
            }),
            AnyDevice::Device(Device {
                base: Data {
                    label: Some("base".into()),
                },
                key: 2,
            }),
            AnyDevice::Nic(Nic {
                base: Device {
                    base: Data { label: None },
                    key: 3,
                },
                power: Power::PoweredOff,
            }),
            // Derived by restriction, and by extension of that restriction.
            AnyDevice::SmallDevice(SmallDevice { key: 4 }),
            AnyDevice::Usb(Usb {
                base: SmallDevice { key: 5 },
                port: 2,
            }),
        ],
    }
}

#[tokio::test]
async fn open_values_and_derived_items_round_trip_over_http() {
    let server = InventoryServer::new(Echo)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = InventoryClient::new(server.url());
    let sent = update();
    let answer = client
        .update(sent.property.clone(), sent.device.clone())
        .await
        .expect("call");
    assert_eq!(answer.device, sent.device);
    assert_eq!(answer.returnval.len(), 2);
    for (got, sent) in answer.returnval.iter().zip(&sent.property) {
        assert_eq!(got.name, sent.name);
        assert_eq!(got.label, sent.label);
        for (got, sent) in
            std::iter::once((&got.val, &sent.val)).chain(got.history.iter().zip(&sent.history))
        {
            assert_eq!(got.type_name, sent.type_name);
            assert_eq!(got.attributes, sent.attributes);
            assert_eq!(got.text_content(), sent.text_content());
            let elements = |v: &AnyValue| -> Vec<XmlElement> {
                v.children
                    .iter()
                    .filter_map(|n| match n {
                        XmlNode::Element(e) => Some(e.clone()),
                        XmlNode::Text(_) => None,
                    })
                    .collect()
            };
            let (a, b) = (elements(got), elements(sent));
            assert_eq!(a.len(), b.len());
            assert!(a.iter().zip(&b).all(|(a, b)| a.same_tree(b)), "{a:?}");
        }
    }
    server.shutdown().await;
}

/// The `Nic` the typed open values carry.
fn nic() -> Nic {
    Nic {
        base: Device {
            base: Data {
                label: Some("eth0".into()),
            },
            key: 3,
        },
        power: Power::PoweredOn,
    }
}

#[tokio::test]
async fn open_values_decode_into_the_generated_types_they_name_and_back() {
    let server = InventoryServer::new(Echo)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = InventoryClient::new(server.url());
    let folder = Reference {
        r#type: "Folder".into(),
        value: "group-d1".into(),
    };
    let nic = nic();
    let encoded = |value: AnyValue, local: &str| value.with_type(NS, local);
    let property = Property {
        base: Data { label: None },
        name: "parent".into(),
        // `Reference` is generated only because the build script asks for it: no field names it.
        val: encoded(
            AnyValue::encode(&folder, NAMESPACES).expect("encoded"),
            "Reference",
        ),
        history: vec![
            AnyValue::encode(&7, NAMESPACES)
                .expect("encoded")
                .with_type(XS, "int"),
            strings(),
            encoded(AnyValue::encode(&nic, NAMESPACES).expect("encoded"), "Nic"),
        ],
    };
    let answer = client
        .update(vec![property], Vec::new())
        .await
        .expect("call");
    let got = &answer.returnval[0];
    assert_eq!(
        got.val.type_name.as_ref().map(|t| t.local.as_str()),
        Some("Reference")
    );
    assert_eq!(got.val.decode::<Reference>(), Ok(folder));
    assert_eq!(got.history[0].decode::<i32>(), Ok(7));
    // An array type is read as its items.
    assert_eq!(
        got.history[1].decode_items::<String>(),
        Ok(vec!["a".to_string(), "b".to_string()])
    );
    // The type a value names picks the variant of a polymorphic enum, as in a field.
    assert_eq!(
        got.history[2].decode::<AnyDevice>(),
        Ok(AnyDevice::Nic(nic.clone()))
    );
    assert_eq!(got.history[2].decode::<Nic>(), Ok(nic));
    // Read as another type, the value is an error naming what is missing, not a panic.
    assert!(got.val.decode::<Nic>().is_err());
    server.shutdown().await;
}

/// Sends `body` (the content of `soap:Body`) to the server without HTTP; returns status and XML.
async fn dispatch(body: &str) -> (u16, String) {
    let envelope = format!(
        r#"<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:x="urn:corpus:open" xmlns:d="http://www.w3.org/2001/XMLSchema"><s:Body>{body}</s:Body></s:Envelope>"#
    );
    let response = InventoryServer::new(Echo)
        .dispatch(soap_runtime::server::SoapRequest {
            soap_action: Some("\"urn:corpus:open/Update\"".into()),
            content_type: Some("text/xml; charset=utf-8".into()),
            body: envelope.into(),
        })
        .await;
    (
        response.status,
        String::from_utf8(response.body.to_vec()).expect("UTF-8"),
    )
}

#[tokio::test]
async fn open_values_read_from_another_peers_prefixes_are_written_with_ours() {
    let (status, xml) = dispatch(
        r#"<x:Update>
             <x:property><x:name>n</x:name><x:val i:type="x:Reference" type="Folder">group-d1</x:val>
               <x:history xmlns:q="urn:q" i:type="d:QName">q:item</x:history>
               <x:history i:type="other:ArrayOfString" xmlns:other="urn:corpus:open"><x:string>a</x:string></x:history>
             </x:property>
             <x:device i:type="x:Nic"><x:key>3</x:key><x:power>poweredOn</x:power></x:device>
             <x:device i:type="x:Usb"><x:key>5</x:key><x:port>2</x:port></x:device>
           </x:Update>"#,
    )
    .await;
    assert_eq!(status, 200, "{xml}");
    for expected in [
        r#"<n0:val xsi:type="n0:Reference" type="Folder">group-d1</n0:val>"#,
        r#"<n0:history xsi:type="n0:ArrayOfString"><x:string "#,
        // The QName text keeps the binding of its prefix.
        r#"xmlns:q="urn:q""#,
        r#"xsi:type="d:QName">q:item</n0:history>"#,
        r#"">a</x:string></n0:history>"#,
        r#"<n0:device xsi:type="n0:Nic"><n0:key>3</n0:key><n0:power>poweredOn</n0:power></n0:device>"#,
        r#"<n0:device xsi:type="n0:Usb"><n0:key>5</n0:key><n0:port>2</n0:port></n0:device>"#,
    ] {
        assert!(xml.contains(expected), "{expected} in {xml}");
    }
}

#[test]
fn a_plain_string_is_an_open_value_without_a_type() {
    let value = AnyValue::from("text");
    assert_eq!(value.type_name, None::<QName>);
    assert_eq!(value.text_content(), "text");
}

/// Answers every update with the declared fault, its detail of a derived type.
struct Missing;

impl InventoryService for Missing {
    async fn update(
        &self,
        _request: Message<RequestHeaders, Update>,
    ) -> Result<Message<ResponseHeaders, UpdateResponse>, Fault> {
        Err(
            InventoryFault::InventoryFault(AnyFaultType::NotFound(NotFound {
                base: FaultType {
                    base: Data { label: None },
                    reason: Some("gone".into()),
                },
                key: 9,
            }))
            .to_fault("not found"),
        )
    }
}

#[tokio::test]
async fn a_fault_detail_of_a_derived_type_reaches_the_caller_as_that_type() {
    let server = InventoryServer::new(Missing)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = InventoryClient::new(server.url());
    match client.update(update().property, Vec::new()).await {
        Err(Error::DeclaredFault { fault, detail }) => {
            assert_eq!(fault.reason, "not found");
            assert_eq!(
                *detail,
                InventoryFault::InventoryFault(AnyFaultType::NotFound(NotFound {
                    base: FaultType {
                        base: Data { label: None },
                        reason: Some("gone".into()),
                    },
                    key: 9,
                }))
            );
        }
        other => panic!("expected the declared fault, got {other:?}"),
    }
    server.shutdown().await;
}

/// A zeep client of the Inventory service at `argv[2]`: sends one property whose value and
/// history are typed open values, and prints what it reads back as JSON.
const ZEEP_CLIENT: &str = r#"
import json, sys
import zeep
from zeep import xsd

wsdl, url = sys.argv[1], sys.argv[2]
client = zeep.Client(wsdl)
service = client.create_service("{urn:corpus:open}InventorySoap", url)
Reference = client.get_type("{urn:corpus:open}Reference")
Nic = client.get_type("{urn:corpus:open}Nic")
Property = client.get_type("{urn:corpus:open}Property")
sent = Property(
    name="parent",
    val=xsd.AnyObject(Reference, Reference("group-d1", type="Folder")),
    history=[
        xsd.AnyObject(xsd.Int(), 7),
        xsd.AnyObject(Nic, Nic(label="eth0", key=3, power="poweredOn")),
    ],
)
answer = service.Update(property=[sent])
got = answer.returnval[0]
print(json.dumps({
    "val": [type(got.val).__name__, got.val._value_1, got.val.type],
    "int": got.history[0],
    "nic": [type(got.history[1]).__name__, got.history[1].label, got.history[1].key,
            got.history[1].power],
}))
"#;

/// What the server decoded from each request's first property, then echoes the request.
#[derive(Default)]
struct Decoding {
    decoded: Mutex<Vec<(Reference, i32, AnyDevice)>>,
}

impl InventoryService for Decoding {
    async fn update(
        &self,
        request: Message<RequestHeaders, Update>,
    ) -> Result<Message<ResponseHeaders, UpdateResponse>, Fault> {
        let property = &request.body.property[0];
        let decode =
            |e: soap_runtime::DecodeError| Fault::sender(SoapVersion::Soap11, e.to_string());
        let reference = property.val.decode::<Reference>().map_err(decode)?;
        let (count, device) = match &property.history[..] {
            [count, device] => (
                count.decode::<i32>().map_err(decode)?,
                device.decode::<AnyDevice>().map_err(decode)?,
            ),
            other => {
                return Err(Fault::sender(
                    SoapVersion::Soap11,
                    format!("two history values, not {other:?}"),
                ))
            }
        };
        self.decoded
            .lock()
            .expect("not poisoned")
            .push((reference, count, device));
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: UpdateResponse {
                returnval: request.body.property,
                device: request.body.device,
            },
        })
    }
}

#[tokio::test]
async fn zeeps_typed_open_values_decode_into_our_types_and_back() {
    let Some(python) = python("zeeps_typed_open_values_decode_into_our_types_and_back") else {
        return;
    };
    let handler = std::sync::Arc::new(Decoding::default());
    let server = InventoryServer::shared(handler.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let read = run_script(&python, ZEEP_CLIENT, vec![WSDL.to_string(), server.url()]).await;
    server.shutdown().await;
    let decoded = handler.decoded.lock().expect("not poisoned").clone();
    assert_eq!(
        decoded,
        [(
            Reference {
                r#type: "Folder".into(),
                value: "group-d1".into(),
            },
            7,
            AnyDevice::Nic(nic()),
        )]
    );
    assert_eq!(
        read,
        serde_json::json!({
            "val": ["Reference", "group-d1", "Folder"],
            "int": 7,
            "nic": ["Nic", "eth0", 3, "poweredOn"],
        })
    );
}
