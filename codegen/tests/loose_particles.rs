//! Elements written straight inside `xs:complexType`, with no compositor around them: XML
//! Schema does not allow it (zeep refuses the type), but NuSOAP writes every type so that its
//! author registers with `addComplexType` and no compositor. They are read as the
//! `xs:sequence` they stand for, with one located warning per type.

use wsdl_codegen::model::{Compositor, Particle, QName, TypeDef};
use wsdl_codegen::wsdl::{parse_str_with, ParseOptions};

/// An rpc/encoded contract as NuSOAP writes it; `PERSON` is the type under test.
fn contract(person: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<definitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:demo"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns="http://schemas.xmlsoap.org/wsdl/"
    targetNamespace="urn:demo">
<types><xsd:schema targetNamespace="urn:demo">
{person}
</xsd:schema></types>
<message name="getRequest"><part name="id" type="xsd:int"/></message>
<message name="getResponse"><part name="return" type="tns:Person"/></message>
<portType name="demoPortType"><operation name="get">
  <input message="tns:getRequest"/><output message="tns:getResponse"/></operation></portType>
<binding name="demoBinding" type="tns:demoPortType">
  <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
  <operation name="get"><soap:operation soapAction="urn:demo#get" style="rpc"/>
    <input><soap:body use="encoded" namespace="urn:demo"
      encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></input>
    <output><soap:body use="encoded" namespace="urn:demo"
      encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></output></operation>
</binding>
<service name="demo"><port name="demoPort" binding="tns:demoBinding">
  <soap:address location="http://localhost/demo.php"/></port></service>
</definitions>"#
    )
}

#[test]
fn elements_without_a_compositor_are_read_as_a_sequence_with_a_warning() {
    let wsdl = contract(
        r#"<xsd:complexType name="Person"><xsd:element name="name" type="xsd:string"/>
<xsd:element name="age" type="xsd:int"/><xsd:any minOccurs="0"/></xsd:complexType>"#,
    );
    let parsed = parse_str_with(&wsdl, "demo.wsdl", &ParseOptions::default())
        .expect("a type without a compositor is read");
    let Some(TypeDef::Complex(person)) = parsed
        .definitions
        .schema
        .types
        .get(&QName::new("urn:demo", "Person"))
    else {
        panic!("Person is a complex type");
    };
    let content = person.content.as_ref().expect("a content model");
    assert_eq!(content.kind, Compositor::Sequence);
    let names: Vec<&str> = content
        .particles
        .iter()
        .map(|p| match p {
            Particle::Element(field) => field.name.local.as_str(),
            Particle::Any(_) => "(any)",
            Particle::Group(_) => "(group)",
        })
        .collect();
    assert_eq!(names, ["name", "age", "(any)"]);

    let [warning] = parsed.warnings.as_slice() else {
        panic!("one warning expected: {:?}", parsed.warnings);
    };
    let rendered = warning.to_string();
    assert!(
        rendered.contains("no `xs:sequence` around it"),
        "{rendered}"
    );
    assert!(rendered.contains("NuSOAP"), "{rendered}");
    assert_eq!(warning.location.line, 6, "{rendered}");
}

#[test]
fn loose_elements_beside_a_content_model_are_refused() {
    let wsdl = contract(
        r#"<xsd:complexType name="Person"><xsd:sequence><xsd:element name="name" type="xsd:string"/></xsd:sequence>
<xsd:element name="age" type="xsd:int"/></xsd:complexType>"#,
    );
    let error = parse_str_with(&wsdl, "demo.wsdl", &ParseOptions::default())
        .expect_err("an element beside a sequence is refused");
    let rendered = error.to_string();
    assert!(
        rendered.contains("`xsd:element` in a complex type"),
        "{rendered}"
    );
    assert_eq!(error.location().line, 7, "{rendered}");
}

#[test]
fn a_type_with_a_compositor_reads_without_a_warning() {
    let wsdl = contract(
        r#"<xsd:complexType name="Person"><xsd:all><xsd:element name="name" type="xsd:string"/></xsd:all></xsd:complexType>"#,
    );
    let parsed = parse_str_with(&wsdl, "demo.wsdl", &ParseOptions::default()).expect("read");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}
