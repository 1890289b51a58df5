//! `wsdl/rpc.wsdl` over HTTP: rpc/encoded and rpc/literal bodies round-trip through the
//! generated client and server, the encoded wire carries `xsi:type`, SOAP arrays and
//! `encodingStyle`, and multi-reference values (as Axis writes them) decode in place; a fault
//! two operations declare with different `soap:fault` namespaces reaches the caller as the
//! variant of its namespace, and a fault whose detail is a SOAP-encoded array round-trips.

use std::sync::Arc;

use soap_runtime::client::CannedTransport;
use soap_runtime::{Client, Error as RuntimeError, Fault, Message, SoapVersion};
use wsdl_corpus::{store_document, store_document_encoded, store_encoded, store_literal};

struct Store;

impl store_encoded::StoreService for Store {
    async fn add_items(
        &self,
        request: Message<store_encoded::RequestHeaders, store_encoded::AddItems>,
    ) -> Result<Message<store_encoded::ResponseHeaders, store_encoded::AddItemsResponse>, Fault>
    {
        if request.body.label.is_empty() {
            return Err(store_encoded::StoreFault::Refused("no label".into()).to_fault("refused"));
        }
        let items = request.body.items;
        Ok(Message {
            headers: Default::default(),
            body: store_encoded::AddItemsResponse {
                total: items.iter().map(|i| i.qty).sum(),
                names: items
                    .into_iter()
                    .map(|i| format!("{}:{}", request.body.label, i.name))
                    .collect(),
            },
        })
    }

    async fn lookup(
        &self,
        request: Message<store_encoded::RequestHeaders, store_encoded::Lookup>,
    ) -> Result<Message<store_encoded::ResponseHeaders, store_encoded::LookupResponse>, Fault> {
        if request.body.id == 0 {
            return Err(
                store_encoded::StoreFault::NotFound(vec!["0".into(), "zero".into()])
                    .to_fault("not found"),
            );
        }
        if request.body.id < 0 {
            return Err(store_encoded::StoreFault::Reason("negative id".into()).to_fault("refused"));
        }
        Ok(Message {
            headers: Default::default(),
            body: store_encoded::LookupResponse {
                item: store_encoded::Item {
                    name: format!("item {}", request.body.id),
                    qty: request.body.id * 2,
                    note: None,
                },
            },
        })
    }
}

impl store_literal::StoreService for Store {
    async fn lookup(
        &self,
        request: Message<store_literal::RequestHeaders, store_literal::Lookup>,
    ) -> Result<Message<store_literal::ResponseHeaders, store_literal::LookupResponse>, Fault> {
        Ok(Message {
            headers: Default::default(),
            body: store_literal::LookupResponse {
                item: store_literal::Item {
                    name: format!("item {}", request.body.id),
                    qty: request.body.id,
                    note: Some("<literal>".into()),
                },
            },
        })
    }
}

impl store_document::StoreService for Store {
    async fn find(
        &self,
        request: Message<store_document::RequestHeaders, store_document::FindRequest>,
    ) -> Result<Message<store_document::ResponseHeaders, store_document::FindResponse>, Fault> {
        Ok(Message {
            headers: Default::default(),
            body: store_document::FindResponse {
                count: request.body.limit,
                first: store_document::Item {
                    name: request.body.name,
                    qty: 1,
                    note: None,
                },
            },
        })
    }
}

impl store_document_encoded::StoreService for Store {
    async fn find(
        &self,
        request: Message<
            store_document_encoded::RequestHeaders,
            store_document_encoded::FindRequest,
        >,
    ) -> Result<
        Message<store_document_encoded::ResponseHeaders, store_document_encoded::FindResponse>,
        Fault,
    > {
        Ok(Message {
            headers: Default::default(),
            body: store_document_encoded::FindResponse {
                count: request.body.limit * 10,
                first: store_document_encoded::Item {
                    name: request.body.name,
                    qty: 2,
                    note: Some("encoded".into()),
                },
            },
        })
    }
}

/// document/encoded (kdsoap's and Apache SOAP's examples): the parts are the Body's children
/// with `xsi:type`, and the client reads the answer's parts rather than looking for a wrapper.
#[tokio::test]
async fn document_encoded_parts_without_a_wrapper_round_trip_over_http() {
    let server = store_document_encoded::StoreServer::new(Store)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = store_document_encoded::StoreClient::new(server.url());
    let answer = client
        .find_message(store_document_encoded::FindRequest {
            name: "jar".into(),
            limit: 4,
        })
        .await
        .expect("call");
    assert_eq!(answer.body.count, 40);
    assert_eq!(answer.body.first.name, "jar");
    assert_eq!(answer.body.first.qty, 2);
    assert_eq!(answer.body.first.note.as_deref(), Some("encoded"));
    // As a peer writes it: the parts straight in the Body, typed.
    let transport = CannedTransport::ok(
        "text/xml; charset=utf-8",
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><s:Body>\
         <count xsi:type=\"xsd:int\">7</count>\
         <first><name xsi:type=\"xsd:string\">cup</name><qty xsi:type=\"xsd:int\">1</qty></first>\
         </s:Body></s:Envelope>",
    );
    let client = store_document_encoded::StoreClient::with_client(Client::with_transport(
        "http://store.invalid/document-encoded",
        Arc::new(transport),
    ));
    let answer = client
        .find("cup".into(), 1)
        .await
        .expect("a body of parts decodes");
    assert_eq!(answer.count, 7);
    assert_eq!(answer.first.name, "cup");
}

#[tokio::test]
async fn document_parts_without_a_wrapper_round_trip_over_http() {
    let server = store_document::StoreServer::new(Store)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = store_document::StoreClient::new(server.url());
    let answer = client
        .find_message(store_document::FindRequest {
            name: "lid".into(),
            limit: 3,
        })
        .await
        .expect("call");
    assert_eq!(answer.body.count, 3);
    assert_eq!(answer.body.first.name, "lid");
    let xml = soap_runtime::envelope::write_envelope(
        SoapVersion::Soap11,
        store_document::NAMESPACES,
        &store_document::RequestHeaders::default(),
        store_document::FIND.request,
        &store_document::FindRequest {
            name: "lid".into(),
            limit: 3,
        },
    )
    .expect("encode");
    let xml = String::from_utf8(xml).expect("utf-8");
    // The parts are the Body's children.
    assert!(
        xml.contains("<s:Body><name>lid</name><limit>3</limit></s:Body>"),
        "{xml}"
    );
}

#[tokio::test]
async fn rpc_encoded_round_trips_over_http() {
    let server = store_encoded::StoreServer::new(Store)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = store_encoded::StoreClient::new(server.url());
    let answer = client
        .add_items_message(store_encoded::AddItems {
            label: "box & <lid>".into(),
            items: vec![
                store_encoded::Item {
                    name: "a".into(),
                    qty: 2,
                    note: Some("first".into()),
                },
                store_encoded::Item {
                    name: "b".into(),
                    qty: 3,
                    note: None,
                },
            ],
        })
        .await
        .expect("call");
    assert_eq!(answer.body.total, 5);
    assert_eq!(answer.body.names, ["box & <lid>:a", "box & <lid>:b"]);
    let answer = client
        .lookup_message(store_encoded::Lookup { id: 21 })
        .await;
    assert_eq!(answer.expect("call").body.item.qty, 42);
}

#[tokio::test]
async fn declared_encoded_faults_reach_the_caller_typed() {
    let server = store_encoded::StoreServer::new(Store)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = store_encoded::StoreClient::new(server.url());
    match client.add_items(String::new(), Vec::new()).await {
        Err(RuntimeError::DeclaredFault { detail, .. }) => assert_eq!(
            *detail,
            store_encoded::StoreFault::Refused("no label".into())
        ),
        other => panic!("expected the refused fault of addItems, got {other:?}"),
    }
    match client.lookup(-1).await {
        Err(RuntimeError::DeclaredFault { detail, .. }) => assert_eq!(
            *detail,
            store_encoded::StoreFault::Reason("negative id".into())
        ),
        other => panic!("expected the refused fault of lookup, got {other:?}"),
    }
    match client.lookup(0).await {
        Err(RuntimeError::DeclaredFault { detail, .. }) => assert_eq!(
            *detail,
            store_encoded::StoreFault::NotFound(vec!["0".into(), "zero".into()])
        ),
        other => panic!("expected the notFound fault of lookup, got {other:?}"),
    }
}

#[tokio::test]
async fn rpc_literal_round_trips_over_http() {
    let server = store_literal::StoreServer::new(Store)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = store_literal::StoreClient::new(server.url());
    let answer = client
        .lookup_message(store_literal::Lookup { id: 7 })
        .await
        .expect("call");
    assert_eq!(answer.body.item.name, "item 7");
    assert_eq!(answer.body.item.note.as_deref(), Some("<literal>"));
}

#[test]
fn the_encoded_wire_names_types_and_arrays() {
    let xml = soap_runtime::envelope::write_envelope_with_encoding(
        SoapVersion::Soap11,
        store_encoded::NAMESPACES,
        &store_encoded::RequestHeaders::default(),
        store_encoded::ADD_ITEMS.request,
        &store_encoded::AddItems {
            label: "x".into(),
            items: vec![store_encoded::Item::default()],
        },
        store_encoded::ADD_ITEMS.encoded,
    )
    .expect("encode");
    let xml = String::from_utf8(xml).expect("utf-8");
    const { assert!(store_encoded::ADD_ITEMS.encoded) };
    // The wrapper is named after the operation, in soap:body's namespace, with encodingStyle.
    assert!(xml.contains(":addItems"), "{xml}");
    assert!(
        xml.contains("encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\""),
        "{xml}"
    );
    // Parts are unqualified children with their type named.
    assert!(xml.contains("<label xsi:type=\""), "{xml}");
    // The array names its item type and length; its items are `item` elements.
    assert!(xml.contains(":Item[1]\""), "{xml}");
    assert!(xml.contains("<item"), "{xml}");
}

/// An answer as Axis writes it: the array and its items given once, referred to by `href`.
const MULTI_REFERENCE_ANSWER: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <ns1:addItemsResponse soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"
      xmlns:ns1="urn:example:rpc:ops">
   <total xsi:type="xsd:int">9</total>
   <names href="#id0"/>
  </ns1:addItemsResponse>
  <multiRef id="id0" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"
      xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[2]"
      xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">
   <names href="#id1"/>
   <names xsi:type="xsd:string">second</names>
  </multiRef>
  <multiRef id="id1" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"
      xsi:type="xsd:string" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">first</multiRef>
 </soapenv:Body>
</soapenv:Envelope>"##;

#[tokio::test]
async fn multi_reference_values_decode_in_place() {
    let transport = CannedTransport::ok("text/xml; charset=utf-8", MULTI_REFERENCE_ANSWER);
    let client = store_encoded::StoreClient::with_client(Client::with_transport(
        "http://store.invalid/encoded",
        Arc::new(transport),
    ));
    let answer = client
        .add_items_message(store_encoded::AddItems::default())
        .await
        .expect("decode");
    assert_eq!(answer.body.total, 9);
    assert_eq!(answer.body.names, ["first", "second"]);
}

/// Answers whose accessors for a null or default value are left out, as SOAP 1.1 section
/// 5.1 allows and suds and Axis write them: a part (`names`, an empty array) and a struct's
/// member (the item's `qty`).
const OMITTED_PART_ANSWER: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <ns1:addItemsResponse soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"
      xmlns:ns1="urn:example:rpc:ops">
   <total xsi:type="xsd:int">0</total>
  </ns1:addItemsResponse>
 </soapenv:Body>
</soapenv:Envelope>"##;
const OMITTED_MEMBER_ANSWER: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <ns1:lookupResponse soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"
      xmlns:ns1="urn:example:rpc:ops">
   <item xsi:type="ns2:Item" xmlns:ns2="urn:example:rpc"><name xsi:type="xsd:string">box</name></item>
  </ns1:lookupResponse>
 </soapenv:Body>
</soapenv:Envelope>"##;

#[tokio::test]
async fn omitted_encoded_accessors_read_as_their_defaults() {
    let client = |answer: &'static str| {
        let transport = CannedTransport::ok("text/xml; charset=utf-8", answer);
        store_encoded::StoreClient::with_client(Client::with_transport(
            "http://store.invalid/encoded",
            Arc::new(transport),
        ))
    };
    let added = client(OMITTED_PART_ANSWER)
        .add_items_message(store_encoded::AddItems::default())
        .await
        .expect("an omitted part reads as its default");
    assert_eq!(added.body.total, 0);
    assert!(added.body.names.is_empty());

    let found = client(OMITTED_MEMBER_ANSWER)
        .lookup_message(store_encoded::Lookup { id: 1 })
        .await
        .expect("an omitted member reads as its default");
    let item = found.body.item;
    assert_eq!((item.name.as_str(), item.qty, item.note), ("box", 0, None));
}
