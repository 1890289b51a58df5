//! The names of the namespace constants (`{WORD}_NS`): a word of the namespace URI, never its
//! scheme (`urn:partner.example.com` was `URN_NS`, `https://adapi.example.com` was `HTTPS_NS`)
//! nor a version or a date (`…/Reporting/v13` was `V13_NS`, `…/2004/07/System.Collections`
//! was `N07_NS`). Salesforce's partner contract and Bing Ads' services (sweep 10) showed these.

use wsdl_codegen::Builder;

/// A service whose messages use five namespaces: two URNs without path (a host-like name
/// each), a versioned path, a host alone, and a path whose only word is dotted after a date.
const FIVE_NAMESPACES: &str = r#"<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:partner.soap.example.com"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:partner.soap.example.com"
    xmlns:fns="urn:fault.partner.soap.example.com"
    xmlns:rep="https://ads.example.com/Reporting/v13"
    xmlns:api="https://adapi.example.com"
    xmlns:gen="http://schemas.example.org/2004/07/System.Collections.Generic">
  <wsdl:types>
    <xs:schema targetNamespace="https://adapi.example.com" elementFormDefault="qualified">
      <xs:complexType name="Error"><xs:sequence>
        <xs:element name="Code" type="xs:int"/>
      </xs:sequence></xs:complexType>
    </xs:schema>
    <xs:schema targetNamespace="http://schemas.example.org/2004/07/System.Collections.Generic"
        elementFormDefault="qualified">
      <xs:complexType name="Pair"><xs:sequence>
        <xs:element name="Key" type="xs:string"/>
        <xs:element name="Value" type="xs:string"/>
      </xs:sequence></xs:complexType>
    </xs:schema>
    <xs:schema targetNamespace="https://ads.example.com/Reporting/v13" elementFormDefault="qualified">
      <xs:import namespace="https://adapi.example.com"/>
      <xs:import namespace="http://schemas.example.org/2004/07/System.Collections.Generic"/>
      <xs:complexType name="Report"><xs:sequence>
        <xs:element name="Pair" type="gen:Pair"/>
        <xs:element name="Error" type="api:Error"/>
      </xs:sequence></xs:complexType>
    </xs:schema>
    <xs:schema targetNamespace="urn:fault.partner.soap.example.com" elementFormDefault="qualified">
      <xs:element name="fault"><xs:complexType><xs:sequence>
        <xs:element name="message" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
    <xs:schema targetNamespace="urn:partner.soap.example.com" elementFormDefault="qualified">
      <xs:import namespace="https://ads.example.com/Reporting/v13"/>
      <xs:element name="report"><xs:complexType><xs:sequence>
        <xs:element name="id" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="reportResponse"><xs:complexType><xs:sequence>
        <xs:element name="result" type="rep:Report"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="reportIn"><wsdl:part name="parameters" element="tns:report"/></wsdl:message>
  <wsdl:message name="reportOut"><wsdl:part name="parameters" element="tns:reportResponse"/></wsdl:message>
  <wsdl:message name="fault"><wsdl:part name="fault" element="fns:fault"/></wsdl:message>
  <wsdl:portType name="Partner">
    <wsdl:operation name="report">
      <wsdl:input message="tns:reportIn"/><wsdl:output message="tns:reportOut"/>
      <wsdl:fault name="fault" message="tns:fault"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="PartnerBinding" type="tns:Partner">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="report"><soap:operation soapAction=""/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
      <wsdl:fault name="fault"><soap:fault name="fault" use="literal"/></wsdl:fault>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="PartnerService"><wsdl:port name="Partner" binding="tns:PartnerBinding">
    <soap:address location="http://localhost/partner"/>
  </wsdl:port></wsdl:service>
</wsdl:definitions>
"#;

#[test]
fn namespace_constants_are_named_after_a_word_of_the_uri() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let wsdl = scratch.path().join("partner.wsdl");
    std::fs::write(&wsdl, FIVE_NAMESPACES).expect("written");
    let code = Builder::new(&wsdl)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    for constant in [
        "pub const PARTNER_NS: Ns",
        "pub const FAULT_NS: Ns",
        "pub const REPORTING_NS: Ns",
        "pub const ADAPI_NS: Ns",
        "pub const SYSTEM_COLLECTIONS_GENERIC_NS: Ns",
    ] {
        assert!(code.contains(constant), "no `{constant}` in:\n{code}");
    }
    for scheme_or_version in [
        "URN_NS", "HTTPS_NS", "HTTP_NS", "V13_NS", "N07_NS", "N2004_NS",
    ] {
        assert!(
            !code.contains(&format!("const {scheme_or_version}")),
            "`{scheme_or_version}` named after a scheme or a version:\n{code}"
        );
    }
}
