//! The generated server's default path is the path of the port's address without its query or
//! fragment: the server matches a request's path, which has neither, so an address such as
//! ServiceNow's `…/imp_notification.do?SOAP` or SAP's `…?sap-client=100` used to give a server
//! that answered every request with 404 (sweep 10).

use wsdl_codegen::Builder;

/// A one-operation service at `address`.
fn wsdl(address: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:orders" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:orders">
  <wsdl:types>
    <xs:schema targetNamespace="urn:orders" elementFormDefault="qualified">
      <xs:element name="Place"><xs:complexType><xs:sequence>
        <xs:element name="item" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="PlaceResponse"><xs:complexType><xs:sequence>
        <xs:element name="id" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PlaceIn"><wsdl:part name="parameters" element="tns:Place"/></wsdl:message>
  <wsdl:message name="PlaceOut"><wsdl:part name="parameters" element="tns:PlaceResponse"/></wsdl:message>
  <wsdl:portType name="Orders">
    <wsdl:operation name="Place">
      <wsdl:input message="tns:PlaceIn"/><wsdl:output message="tns:PlaceOut"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="OrdersBinding" type="tns:Orders">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Place"><soap:operation soapAction="urn:orders#Place"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="OrdersService"><wsdl:port name="OrdersPort" binding="tns:OrdersBinding">
    <soap:address location="{address}"/>
  </wsdl:port></wsdl:service>
</wsdl:definitions>
"#
    )
}

fn default_path(address: &str) -> String {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let path = scratch.path().join("orders.wsdl");
    std::fs::write(&path, wsdl(address)).expect("written");
    let code = Builder::new(&path)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let line = code
        .lines()
        .find(|line| line.contains("pub const DEFAULT_PATH"))
        .unwrap_or_else(|| panic!("no DEFAULT_PATH in:\n{code}"));
    line.split('"').nth(1).unwrap_or_default().to_string()
}

#[test]
fn the_default_path_leaves_out_the_address_query_and_fragment() {
    for (address, path) in [
        (
            "http://erp.example:8000/sap/bc/srt/rfc/sap/zorders/100/zorders/zbinding?sap-client=100",
            "/sap/bc/srt/rfc/sap/zorders/100/zorders/zbinding",
        ),
        ("http://example.com/glide/orders.do?SOAP", "/glide/orders.do"),
        ("https://example.com/orders.svc#soap", "/orders.svc"),
        ("http://example.com/orders/", "/orders/"),
        ("http://example.com?x=1", "/"),
        ("http://example.com", "/"),
    ] {
        assert_eq!(default_path(address), path, "{address}");
    }
}
