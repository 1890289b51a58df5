//! SOAP 1.1 section 5 encoding (rpc/encoded): `xsi:type` on values (`Typed`), SOAP-encoded
//! arrays (`SoapArray`), `encodingStyle` on the wrapper, and encoded operations through the
//! client and the server (which inline multi-reference values before decoding). Written
//! documents are checked with roxmltree, an XML parser nobody here wrote.

use std::sync::Arc;

use soap_runtime::client::{CannedTransport, Client};
use soap_runtime::codec::{read_struct, Plain};
use soap_runtime::encoding::SOAP_ENCODING_NS;
use soap_runtime::envelope::{read_envelope, write_envelope_with_encoding, SOAP11_NS};
use soap_runtime::error::DecodeErrorKind;
use soap_runtime::server::{select, serve_operation, ServerSettings, SoapRequest};
use soap_runtime::xml::{Element, XmlReader, XmlWriter};
// No SOAP headers.
use soap_runtime::Skipped as NoHeaders;
use soap_runtime::{
    xml_structs, DecodeError, EncodeError, Field, Limits, Message, Name, Ns, Operation, SoapArray,
    SoapVersion, Typed, XmlStruct,
};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XSD: &str = "http://www.w3.org/2001/XMLSchema";
const SVC: &str = "urn:calculator";
/// The service's namespace table: the service, XML Schema.
const NS: &[&str] = &[SVC, XSD];
const SVC_NS: Ns = Ns(0);
const XSD_NS: Ns = Ns(1);

const INTS: SoapArray<Typed<Plain>> =
    SoapArray::new(XSD_NS, "int", Typed::new(XSD_NS, "int", Plain));

/// Writes `value` as element `V` of a document whose root declares the table `table`.
fn write_in<T>(
    table: &'static [&'static str],
    codec: &impl soap_runtime::Codec<T>,
    value: &T,
) -> String {
    let mut w = XmlWriter::new(table);
    let root = Name::new(Ns::NONE, "Root");
    w.start(root);
    w.declare_namespaces();
    w.one(Name::new(Ns::NONE, "V"), value, codec).unwrap();
    w.end(root);
    String::from_utf8(w.into_bytes()).unwrap()
}

fn read_from<T>(
    xml: &str,
    limits: Limits,
    codec: &impl soap_runtime::Codec<T>,
) -> Result<T, DecodeError> {
    let mut r = XmlReader::new(xml.as_bytes(), limits)?;
    r.root()?;
    let v = r.next_child()?.expect("V");
    let value = codec.read(&mut r, &v)?;
    Ok(value)
}

/// The (namespace, local) an `xsi:type`-like QName value of `node` resolves to.
fn resolve<'a>(node: roxmltree::Node<'a, '_>, qname: &'a str) -> (Option<&'a str>, &'a str) {
    match qname.split_once(':') {
        Some((prefix, local)) => (node.lookup_namespace_uri(Some(prefix)), local),
        None => (None, qname),
    }
}

#[test]
fn typed_values_carry_xsi_type_and_read_whatever_it_says() {
    let xml = write_in(NS, &Typed::new(XSD_NS, "int", Plain), &42i32);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let v = doc.root_element().first_element_child().unwrap();
    assert_eq!(
        resolve(v, v.attribute((XSI, "type")).unwrap()),
        (Some(XSD), "int")
    );
    assert_eq!(v.text(), Some("42"));
    let back: i32 = read_from(&xml, Limits::default(), &Typed::new(XSD_NS, "int", Plain)).unwrap();
    assert_eq!(back, 42);
    // Reading ignores the type written (peers send their own names for it).
    let other = r#"<R xmlns:x="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><V xsi:type="x:Whatever">7</V></R>"#;
    let read: i32 = read_from(other, Limits::default(), &Typed::new(XSD_NS, "int", Plain)).unwrap();
    assert_eq!(read, 7);
}

#[test]
fn soap_arrays_are_written_as_soapenc_arrays() {
    let values = vec![1, -2, 3];
    for table in [NS, &[SVC, XSD, SOAP_ENCODING_NS] as &'static [&'static str]] {
        let xml = write_in(table, &INTS, &values);
        let doc = roxmltree::Document::parse(&xml).expect(&xml);
        let v = doc.root_element().first_element_child().unwrap();
        assert_eq!(
            resolve(v, v.attribute((XSI, "type")).unwrap()),
            (Some(SOAP_ENCODING_NS), "Array"),
            "{xml}"
        );
        let array_type = v.attribute((SOAP_ENCODING_NS, "arrayType")).expect(&xml);
        assert_eq!(resolve(v, array_type), (Some(XSD), "int[3]"), "{xml}");
        let items: Vec<_> = v.children().filter(|n| n.is_element()).collect();
        assert_eq!(items.len(), 3);
        for (item, value) in items.iter().zip(&values) {
            assert_eq!(item.tag_name().name(), "item");
            assert_eq!(item.tag_name().namespace(), None, "{xml}");
            assert_eq!(
                resolve(*item, item.attribute((XSI, "type")).unwrap()),
                (Some(XSD), "int")
            );
            assert_eq!(item.text().unwrap(), value.to_string());
        }
        let back: Vec<i32> = read_from(&xml, Limits::default(), &INTS).unwrap();
        assert_eq!(back, values);
    }
    // An empty array says so.
    let xml = write_in(NS, &INTS, &Vec::<i32>::new());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let v = doc.root_element().first_element_child().unwrap();
    assert_eq!(
        resolve(v, v.attribute((SOAP_ENCODING_NS, "arrayType")).unwrap()),
        (Some(XSD), "int[0]")
    );
}

#[test]
fn arrays_of_arrays_carry_one_xsi_type_per_item() {
    const INNER: SoapArray<Plain> = SoapArray::new(XSD_NS, "string", Plain);
    const OUTER: SoapArray<SoapArray<Plain>> = SoapArray::new(XSD_NS, "string[]", INNER);
    let values = vec![vec!["a".to_string()], vec![], vec!["b".into(), "c".into()]];
    let xml = write_in(NS, &OUTER, &values);
    // roxmltree refuses duplicate attributes: one xsi:type per element.
    let doc = roxmltree::Document::parse(&xml).expect(&xml);
    let v = doc.root_element().first_element_child().unwrap();
    assert_eq!(
        resolve(v, v.attribute((SOAP_ENCODING_NS, "arrayType")).unwrap()),
        (Some(XSD), "string[][3]")
    );
    let first = v.first_element_child().unwrap();
    // The inner array's own type replaces the item type the outer one wrote.
    assert_eq!(
        resolve(first, first.attribute((XSI, "type")).unwrap()),
        (Some(SOAP_ENCODING_NS), "Array")
    );
    let back: Vec<Vec<String>> = read_from(&xml, Limits::default(), &OUTER).unwrap();
    assert_eq!(back, values);
}

#[test]
fn every_child_is_an_item_whatever_its_name_and_nil_items_read_as_default() {
    let xml = r#"<R xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <V xsi:type="enc:Array" enc:arrayType="xsd:int[5]">
        <item>1</item>
        <int xsi:type="xsd:int">2</int>
        <x:number xmlns:x="urn:x">3</x:number>
        <item xsi:nil="true"/>
        <!-- comment --> <item>5</item>
      </V></R>"#;
    let values: Vec<i32> = read_from(xml, Limits::default(), &INTS).unwrap();
    assert_eq!(values, [1, 2, 3, 0, 5]);
    let limits = Limits {
        max_items: 4,
        ..Limits::default()
    };
    let error = read_from::<Vec<i32>>(xml, limits, &INTS).unwrap_err();
    assert_eq!(
        error.kind,
        DecodeErrorKind::LimitExceeded {
            limit: "max_items",
            max: 4
        }
    );
    let bad = r#"<R><V><item>x</item></V></R>"#;
    assert!(matches!(
        read_from::<Vec<i32>>(bad, Limits::default(), &INTS)
            .unwrap_err()
            .kind,
        DecodeErrorKind::InvalidValue { .. }
    ));
}

/// An rpc/encoded request wrapper: `Add(a: xsd:int, values: int[])`, parts unqualified.
#[derive(Debug, Default, Clone, PartialEq)]
struct Add {
    a: i32,
    values: Vec<i32>,
}

impl XmlStruct for Add {
    const TYPE_NAME: &'static str = "Add";
    const FIELDS: &'static [Field] = &[
        Field::required(Ns::NONE, "a"),
        Field::required(Ns::NONE, "values"),
    ];
    fn read_field(
        &mut self,
        index: usize,
        r: &mut XmlReader<'_>,
        e: &Element<'_>,
    ) -> Result<(), DecodeError> {
        match index {
            0 => self.a = r.req(e, &Typed::new(XSD_NS, "int", Plain))?,
            _ => self.values = r.req(e, &INTS)?,
        }
        Ok(())
    }
    fn write_fields(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.req(&Self::FIELDS[0], &self.a, &Typed::new(XSD_NS, "int", Plain));
        w.req(&Self::FIELDS[1], &self.values, &INTS);
        w.finish_fields()
    }
}

/// The response wrapper: `AddResponse(sum: xsd:int)`.
#[derive(Debug, Default, Clone, PartialEq)]
struct AddResponse {
    sum: i32,
}

impl XmlStruct for AddResponse {
    const TYPE_NAME: &'static str = "AddResponse";
    const FIELDS: &'static [Field] = &[Field::required(Ns::NONE, "sum")];
    fn read_field(
        &mut self,
        _index: usize,
        r: &mut XmlReader<'_>,
        e: &Element<'_>,
    ) -> Result<(), DecodeError> {
        self.sum = r.req(e, &Typed::new(XSD_NS, "int", Plain))?;
        Ok(())
    }
    fn write_fields(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.req(
            &Self::FIELDS[0],
            &self.sum,
            &Typed::new(XSD_NS, "int", Plain),
        );
        w.finish_fields()
    }
}

xml_structs!(Add, AddResponse);

const ADD: Operation = Operation {
    name: "Add",
    action: "urn:calculator#Add",
    request: Name::new(SVC_NS, "Add"),
    response: Name::new(SVC_NS, "AddResponse"),
    encoded: true,
};
const OPERATIONS: &[Operation] = &[ADD];

#[test]
fn encoded_envelopes_name_the_encoding_on_the_wrapper_only() {
    let body = Add {
        a: 1,
        values: vec![2, 3],
    };
    for encoded in [true, false] {
        let bytes = write_envelope_with_encoding(
            SoapVersion::Soap11,
            NS,
            &NoHeaders,
            ADD.request,
            &body,
            encoded,
        )
        .unwrap();
        let xml = String::from_utf8(bytes.clone()).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let styled: Vec<_> = doc
            .descendants()
            .filter(|n| n.attribute((SOAP11_NS, "encodingStyle")).is_some())
            .map(|n| {
                (
                    n.tag_name().name(),
                    n.attribute((SOAP11_NS, "encodingStyle")).unwrap(),
                )
            })
            .collect();
        if encoded {
            assert_eq!(styled, [("Add", SOAP_ENCODING_NS)], "{xml}");
        } else {
            assert!(styled.is_empty(), "{xml}");
        }
        let read = read_envelope::<NoHeaders, Add>(&bytes, Limits::default(), "Add").unwrap();
        assert_eq!(read.message.body, body);
    }
}

/// A request as an rpc/encoded peer (Apache Axis 1, SOAP::Lite) sends it: the array given once,
/// after the wrapper, and referred to; the `a` part referring to a value with a forward id.
const MULTI_REF_REQUEST: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <ns1:Add soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="urn:calculator">
   <a href="#id0"/>
   <values href="#id1"/>
  </ns1:Add>
  <multiRef id="id0" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="xsd:int" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">40</multiRef>
  <multiRef id="id1" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="soapenc:Array" soapenc:arrayType="xsd:int[2]" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">
   <item href="#id2"/>
   <item>1</item>
  </multiRef>
  <multiRef id="id2" soapenc:root="0" xsi:type="xsd:int" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">1</multiRef>
 </soapenv:Body>
</soapenv:Envelope>"##;

#[tokio::test]
async fn an_encoded_server_inlines_multi_references_and_answers_encoded() {
    let request = SoapRequest {
        soap_action: Some("\"urn:calculator#Add\"".into()),
        content_type: Some("text/xml; charset=utf-8".into()),
        body: MULTI_REF_REQUEST.as_bytes().to_vec().into(),
    };
    let settings = ServerSettings::default();
    let selected = select(&request, NS, OPERATIONS, &settings.limits).unwrap();
    let response = serve_operation(
        &request,
        &selected,
        NS,
        &ADD,
        &settings,
        |m: Message<NoHeaders, Add>| async move {
            assert_eq!(m.body.a, 40);
            assert_eq!(m.body.values, [1, 1]);
            Ok(Message {
                headers: NoHeaders,
                body: AddResponse {
                    sum: m.body.a + m.body.values.iter().sum::<i32>(),
                },
            })
        },
    )
    .await;
    let xml = String::from_utf8(response.body.to_vec()).unwrap();
    assert_eq!(response.status, 200, "{xml}");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let wrapper = doc
        .descendants()
        .find(|n| n.has_tag_name((SVC, "AddResponse")))
        .expect(&xml);
    assert_eq!(
        wrapper.attribute((SOAP11_NS, "encodingStyle")),
        Some(SOAP_ENCODING_NS)
    );
    let sum = wrapper.first_element_child().unwrap();
    assert_eq!(sum.text(), Some("42"));
    assert_eq!(
        resolve(sum, sum.attribute((XSI, "type")).unwrap()),
        (Some(XSD), "int")
    );

    // The same request for a literal operation: the references are not followed, and `a`
    // (an empty element) is not an int.
    let literal = Operation {
        encoded: false,
        ..ADD
    };
    let response = serve_operation(
        &request,
        &selected,
        NS,
        &literal,
        &settings,
        |_m: Message<NoHeaders, Add>| async move {
            Ok(Message {
                headers: NoHeaders,
                body: AddResponse::default(),
            })
        },
    )
    .await;
    assert_eq!(response.status, 500);
}

#[tokio::test]
async fn an_encoded_client_reads_a_response_wrapper_of_any_name() {
    // zeep names it after the output message; SOAP 1.1 section 7.1: the name is not significant.
    let answer = r##"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>
      <c:AddResult xmlns:c="urn:calculator"><sum>42</sum></c:AddResult>
    </e:Body></e:Envelope>"##;
    let transport = Arc::new(CannedTransport::ok(
        "text/xml; charset=utf-8",
        answer.as_bytes().to_vec(),
    ));
    let client = Client::with_transport("http://127.0.0.1:9/calc", transport);
    let received = client
        .call::<NoHeaders, Add, NoHeaders, AddResponse>(NS, &ADD, &NoHeaders, &Add::default())
        .await
        .unwrap();
    assert_eq!(received.message.body.sum, 42);
}

#[tokio::test]
async fn an_encoded_client_inlines_multi_references_in_answers() {
    let answer = r##"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>
      <c:AddResponse xmlns:c="urn:calculator"><sum href="#r"/></c:AddResponse>
      <v id="r" xmlns:t="http://www.w3.org/2001/XMLSchema" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="t:int">42</v>
    </e:Body></e:Envelope>"##;
    let transport = Arc::new(CannedTransport::ok(
        "text/xml; charset=utf-8",
        answer.as_bytes().to_vec(),
    ));
    let client = Client::with_transport("http://127.0.0.1:9/calc", transport);
    let received = client
        .call::<NoHeaders, Add, NoHeaders, AddResponse>(NS, &ADD, &NoHeaders, &Add::default())
        .await
        .unwrap();
    assert_eq!(received.message.body.sum, 42);
    // The independent value after the wrapper was dropped, not reported as unknown.
    assert!(
        received.unknown_elements.is_empty(),
        "{:?}",
        received.unknown_elements
    );

    // A cycle in an answer is a decode error, not a hang.
    let cyclic = answer.replace(">42<", "><x href=\"#r\"/><");
    let transport = Arc::new(CannedTransport::ok("text/xml", cyclic.into_bytes()));
    let client = Client::with_transport("http://127.0.0.1:9/calc", transport);
    let error = client
        .call::<NoHeaders, Add, NoHeaders, AddResponse>(NS, &ADD, &NoHeaders, &Add::default())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("cycle"), "{error}");
}

#[test]
fn structs_of_encoded_parts_round_trip_through_read_struct() {
    let body = Add {
        a: -5,
        values: vec![7, 8, 9],
    };
    let xml = write_in(NS, &Plain, &body);
    let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    r.root().unwrap();
    let v = r.next_child().unwrap().unwrap();
    let back: Add = read_struct(&mut r, &v).unwrap();
    assert_eq!(back, body);
}
