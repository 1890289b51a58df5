//! A global element is one Rust type wherever the contract uses it: as the body of several
//! operations (a request-response and a one-way operation sending the same element), as a
//! header of the request and of the response, and through `ref=` in other content, alone or
//! repeated. (Each use once planned a struct of its own: `Req`, `Req2`, `RespReq`, ...)
//! Likewise the anonymous type of the items of a body that is an array: one struct, which the
//! body's struct holds (it once planned a second, unused one).

use wsdl_codegen::Builder;

const WSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions targetNamespace="urn:shared" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:shared">
  <wsdl:types>
    <xs:schema targetNamespace="urn:shared" elementFormDefault="qualified">
      <xs:element name="Query">
        <xs:complexType><xs:sequence><xs:element name="Text" type="xs:string"/></xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="Answer">
        <xs:complexType><xs:sequence>
          <xs:element name="Count" type="xs:int"/>
          <xs:element ref="tns:Query"/>
          <xs:element name="Asked" type="tns:Asked"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:complexType name="Asked">
        <xs:sequence><xs:element ref="tns:Query" maxOccurs="unbounded"/></xs:sequence>
      </xs:complexType>
      <xs:element name="Session">
        <xs:complexType><xs:sequence><xs:element name="Id" type="xs:string"/></xs:sequence></xs:complexType>
      </xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="QueryIn"><wsdl:part name="parameters" element="tns:Query"/></wsdl:message>
  <wsdl:message name="AnswerOut"><wsdl:part name="parameters" element="tns:Answer"/></wsdl:message>
  <wsdl:message name="SessionHeader"><wsdl:part name="Session" element="tns:Session"/></wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="Ask"><wsdl:input message="tns:QueryIn"/><wsdl:output message="tns:AnswerOut"/></wsdl:operation>
    <wsdl:operation name="AskAgain"><wsdl:input message="tns:QueryIn"/><wsdl:output message="tns:AnswerOut"/></wsdl:operation>
    <wsdl:operation name="Tell"><wsdl:input message="tns:QueryIn"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    <wsdl:operation name="Ask">
      <soap:operation soapAction="urn:shared/Ask"/>
      <wsdl:input>
        <soap:header message="tns:SessionHeader" part="Session" use="literal"/>
        <soap:body use="literal"/>
      </wsdl:input>
      <wsdl:output>
        <soap:header message="tns:SessionHeader" part="Session" use="literal"/>
        <soap:body use="literal"/>
      </wsdl:output>
    </wsdl:operation>
    <wsdl:operation name="AskAgain">
      <soap:operation soapAction="urn:shared/AskAgain"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
    <wsdl:operation name="Tell">
      <soap:operation soapAction="urn:shared/Tell"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Service">
    <wsdl:port name="Port" binding="tns:Binding"><soap:address location="http://localhost/shared"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#;

fn generate() -> String {
    generate_from(WSDL)
}

fn generate_from(wsdl: &str) -> String {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let path = scratch.path().join("shared.wsdl");
    std::fs::write(&path, wsdl).expect("written");
    Builder::new(&path)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_global_element_is_one_type_wherever_it_is_used() {
    let code = generate();
    let structs: Vec<&str> = code
        .lines()
        .filter_map(|l| l.strip_prefix("pub struct "))
        .map(|l| l.trim_end_matches(" {").trim_end_matches(" {}"))
        .filter(|name| !name.contains('<') && !name.ends_with("Client"))
        .collect();
    assert_eq!(
        structs,
        [
            "Answer",
            "Query",
            "RequestHeaders",
            "ResponseHeaders",
            "Session"
        ],
        "one struct per element"
    );
    for usage in [
        "request: Query,",
        "request: Message<RequestHeaders, Query>",
        "Output = Result<Message<ResponseHeaders, Answer>, Error>",
        "pub query: Query,",
        "pub asked: Vec<Query>,",
        "pub session: Option<Session>,",
    ] {
        assert!(code.contains(usage), "missing `{usage}`");
    }
    for duplicate in ["Query2", "Answer2", "AnswerQuery", "Session2"] {
        assert!(!code.contains(duplicate), "`{duplicate}` was generated");
    }
}

/// A body element whose named type is one repeated element of an anonymous type.
const ARRAY_BODY: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions targetNamespace="urn:array" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:array">
  <wsdl:types>
    <xs:schema targetNamespace="urn:array" elementFormDefault="qualified">
      <xs:complexType name="ReqType"><xs:sequence>
        <xs:element name="Item" maxOccurs="unbounded"><xs:complexType><xs:sequence>
          <xs:element name="Id" type="xs:string"/>
        </xs:sequence></xs:complexType></xs:element>
      </xs:sequence></xs:complexType>
      <xs:element name="Req" type="tns:ReqType"/>
      <xs:element name="Resp" type="xs:string"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="In"><wsdl:part name="body" element="tns:Req"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="body" element="tns:Resp"/></wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="Get"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    <wsdl:operation name="Get">
      <soap:operation soapAction="urn:array/Get"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Service">
    <wsdl:port name="Port" binding="tns:Binding"><soap:address location="http://localhost/array"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#;

#[test]
fn the_anonymous_item_type_of_an_array_body_is_one_struct() {
    let code = generate_from(ARRAY_BODY);
    assert!(code.contains("pub struct Item {"), "{code}");
    assert!(code.contains("pub item: Vec<Item>,"), "{code}");
    assert!(
        !code.contains("ReqItem"),
        "a second struct of the items' type: {code}"
    );
}
