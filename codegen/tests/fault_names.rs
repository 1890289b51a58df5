//! The variants of a port type's fault enum: named after each `wsdl:fault`, and after its
//! detail element where operations reuse a fault's name for another element (rpc services do:
//! every operation's fault is `fault`), rather than numbered after the first (`Fault2`).

use wsdl_codegen::Builder;

/// Two operations whose faults share the name `Problem` with different detail elements, and a
/// third that reuses the first's fault as it is.
const REUSED_NAMES: &str = r#"<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:faults" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:faults">
  <wsdl:types>
    <xs:schema targetNamespace="urn:faults" elementFormDefault="qualified">
      <xs:element name="Get"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
      <xs:element name="GetResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
      <xs:element name="Put"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
      <xs:element name="PutResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
      <xs:element name="NotFoundDetail"><xs:complexType><xs:sequence>
        <xs:element name="key" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="QuotaDetail"><xs:complexType><xs:sequence>
        <xs:element name="limit" type="xs:int"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="GetIn"><wsdl:part name="body" element="tns:Get"/></wsdl:message>
  <wsdl:message name="GetOut"><wsdl:part name="body" element="tns:GetResponse"/></wsdl:message>
  <wsdl:message name="PutIn"><wsdl:part name="body" element="tns:Put"/></wsdl:message>
  <wsdl:message name="PutOut"><wsdl:part name="body" element="tns:PutResponse"/></wsdl:message>
  <wsdl:message name="NotFound"><wsdl:part name="detail" element="tns:NotFoundDetail"/></wsdl:message>
  <wsdl:message name="Quota"><wsdl:part name="detail" element="tns:QuotaDetail"/></wsdl:message>
  <wsdl:portType name="Store">
    <wsdl:operation name="Get">
      <wsdl:input message="tns:GetIn"/><wsdl:output message="tns:GetOut"/>
      <wsdl:fault name="Problem" message="tns:NotFound"/>
    </wsdl:operation>
    <wsdl:operation name="Put">
      <wsdl:input message="tns:PutIn"/><wsdl:output message="tns:PutOut"/>
      <wsdl:fault name="Problem" message="tns:Quota"/>
      <wsdl:fault name="Missing" message="tns:NotFound"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="StoreBinding" type="tns:Store">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Get"><soap:operation soapAction="get"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
      <wsdl:fault name="Problem"><soap:fault name="Problem" use="literal"/></wsdl:fault>
    </wsdl:operation>
    <wsdl:operation name="Put"><soap:operation soapAction="put"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
      <wsdl:fault name="Problem"><soap:fault name="Problem" use="literal"/></wsdl:fault>
      <wsdl:fault name="Missing"><soap:fault name="Missing" use="literal"/></wsdl:fault>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="StoreService"><wsdl:port name="StorePort" binding="tns:StoreBinding">
    <soap:address location="http://localhost/store"/>
  </wsdl:port></wsdl:service>
</wsdl:definitions>
"#;

#[test]
fn a_fault_name_reused_for_another_element_is_named_after_the_element() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch.path();
    let wsdl = dir.join("store.wsdl");
    std::fs::write(&wsdl, REUSED_NAMES).expect("written");
    let code = Builder::new(&wsdl)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let start = code.find("pub enum StoreFault {").expect("the fault enum");
    let variants: Vec<&str> = code[start..]
        .lines()
        .skip(1)
        .take_while(|line| !line.starts_with('}'))
        .filter_map(|line| line.trim().split_once('(').map(|(name, _)| name))
        .collect();
    // `Missing` names the same element as the first `Problem`: one variant for both.
    assert_eq!(variants, ["Problem", "QuotaDetail"], "{}", &code[start..]);
}
