//! Extension elements of namespaces the generator does not know (WSDL 1.1 section 2.1.3):
//! passed over wherever they stand, in `wsdl:types` too (a type system other than XML
//! Schema), unless they say `wsdl:required="true"`.

use wsdl_codegen::Builder;

/// A document/literal echo whose definitions, types, messages, port type, binding and
/// service each carry an optional extension element of `urn:example:ext`.
const OPTIONAL_EXTENSIONS: &str = r#"<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:echo" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:echo" xmlns:ext="urn:example:ext">
  <ext:types/>
  <wsdl:types>
    <ext:schema targetNamespace="urn:echo"/>
    <xs:schema targetNamespace="urn:echo" elementFormDefault="qualified">
      <xs:element name="Echo"><xs:complexType><xs:sequence>
        <xs:element name="text" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="EchoResponse"><xs:complexType><xs:sequence>
        <xs:element name="text" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <ext:message name="EchoIn"/>
  <wsdl:message name="EchoIn"><wsdl:part name="body" element="tns:Echo"/></wsdl:message>
  <wsdl:message name="EchoOut"><wsdl:part name="body" element="tns:EchoResponse"/></wsdl:message>
  <wsdl:portType name="Echoer">
    <wsdl:operation name="Echo">
      <wsdl:input message="tns:EchoIn"/><wsdl:output message="tns:EchoOut"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="EchoerBinding" type="tns:Echoer">
    <ext:binding style="chunked"/>
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Echo"><ext:operation/><soap:operation soapAction="echo"/>
      <wsdl:input><ext:body/><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="EchoService"><wsdl:port name="EchoPort" binding="tns:EchoerBinding">
    <ext:address location="elsewhere"/>
    <soap:address location="http://localhost/echo"/>
  </wsdl:port></wsdl:service>
</wsdl:definitions>
"#;

#[test]
fn optional_extensions_are_passed_over_in_types_too() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let wsdl = scratch.path().join("echo.wsdl");
    std::fs::write(&wsdl, OPTIONAL_EXTENSIONS).expect("written");
    let code = Builder::new(&wsdl)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("pub struct EchoResponse"), "{code}");
    assert!(code.contains("pub async fn echo("), "{code}");
}
