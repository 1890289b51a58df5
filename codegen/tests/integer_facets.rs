//! XML Schema's unbounded integer types (`xs:integer`, `positiveInteger`, ...) are `Decimal`
//! unless their facets bound them: a restriction whose bounds or digits (through its whole
//! derivation) allow no value beyond `i32` or `i64` is that integer, as the values it may hold
//! ask for; the model keeps every facet as written, and the documentation of a field, a choice
//! alternative or a simple content's text says what they allow.

use wsdl_codegen::model::{Facets, QName, SimpleType, TypeDef};
use wsdl_codegen::Builder;

const WSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions targetNamespace="urn:t" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:t="urn:t">
  <wsdl:types>
    <xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
      <xs:simpleType name="Percent">
        <xs:restriction base="xs:integer">
          <xs:minInclusive value="0"/>
          <xs:maxInclusive value="100"/>
        </xs:restriction>
      </xs:simpleType>
      <xs:simpleType name="Quarter">
        <xs:restriction base="t:Percent"><xs:maxInclusive value="25"/></xs:restriction>
      </xs:simpleType>
      <xs:simpleType name="Upward">
        <xs:restriction base="xs:integer"><xs:minInclusive value="0"/></xs:restriction>
      </xs:simpleType>
      <xs:simpleType name="Capped">
        <xs:restriction base="t:Upward"><xs:maxExclusive value="10000000000"/></xs:restriction>
      </xs:simpleType>
      <xs:simpleType name="Code">
        <xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3}"/><xs:maxLength value="3"/></xs:restriction>
      </xs:simpleType>
      <xs:element name="Measure"><xs:complexType><xs:sequence>
        <xs:element name="share" type="t:Percent"/>
        <xs:element name="quarter" type="t:Quarter"/>
        <xs:element name="upward" type="t:Upward"/>
        <xs:element name="capped" type="t:Capped"/>
        <xs:element name="code" type="t:Code"/>
        <xs:element name="serial">
          <xs:simpleType>
            <xs:restriction base="xs:positiveInteger"><xs:totalDigits value="12"/></xs:restriction>
          </xs:simpleType>
        </xs:element>
        <xs:element name="step">
          <xs:simpleType>
            <xs:restriction><xs:simpleType><xs:restriction base="xs:nonNegativeInteger"/></xs:simpleType>
              <xs:maxInclusive value="9"/></xs:restriction>
          </xs:simpleType>
        </xs:element>
        <xs:element name="big" type="xs:positiveInteger"/>
        <xs:element name="label" type="t:Tagged"/>
        <xs:choice>
          <xs:element name="byCode" type="t:Code"/>
          <xs:element name="byShare" type="t:Percent"/>
        </xs:choice>
      </xs:sequence></xs:complexType></xs:element>
      <xs:complexType name="Tagged">
        <xs:simpleContent>
          <xs:extension base="t:Code"><xs:attribute name="lang" type="xs:language"/></xs:extension>
        </xs:simpleContent>
      </xs:complexType>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="In"><wsdl:part name="body" element="t:Measure"/></wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="Put"><wsdl:input message="t:In"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="t:Port">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    <wsdl:operation name="Put">
      <soap:operation soapAction="urn:t/Put"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
    </wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>
"#;

fn wsdl_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let path = scratch.path().join("facets.wsdl");
    std::fs::write(&path, WSDL).expect("write");
    (scratch, path)
}

#[test]
fn bounded_integers_are_rust_integers_and_unbounded_ones_decimals() {
    let (_scratch, path) = wsdl_file();
    let code = Builder::new(&path).generate().expect("generate");
    for field in [
        "pub share: i32,",
        "pub quarter: i32,",
        "pub upward: Decimal,",
        "pub capped: i64,",
        "pub code: String,",
        "pub serial: i64,",
        "pub step: i32,",
        "pub big: Decimal,",
    ] {
        assert!(code.contains(field), "{field} in:\n{code}");
    }
}

#[test]
fn the_documentation_says_what_the_facets_of_the_whole_derivation_allow() {
    let (_scratch, path) = wsdl_file();
    let code = Builder::new(&path).generate().expect("generate");
    for (doc, item) in [
        (
            "/// `share` (required). From `0` to `100`.",
            "pub share: i32,",
        ),
        (
            "/// `quarter` (required). From `0` to `25`.",
            "pub quarter: i32,",
        ),
        (
            "/// `code` (required). At most 3 characters, matching `[A-Z]{3}`.",
            "pub code: String,",
        ),
        (
            "/// `serial` (required). At least `1`; at most 12 digits.",
            "pub serial: i64,",
        ),
        (
            "/// Text (the element's text). At most 3 characters, matching `[A-Z]{3}`.",
            "pub value: String,",
        ),
        (
            "/// Element `byCode` in `urn:t`. At most 3 characters, matching `[A-Z]{3}`.",
            "ByCode(String),",
        ),
        (
            "/// Element `byShare` in `urn:t`. From `0` to `100`.",
            "ByShare(i32),",
        ),
    ] {
        let documented = format!("{doc}\n    {item}");
        assert!(code.contains(&documented), "{documented} in:\n{code}");
    }
    // The built-in type's own bound, where the facets leave that side open.
    assert!(
        code.contains("/// `step` (required). From `0` to `9`.\n    pub step: i32,"),
        "{code}"
    );
    // A built-in type not restricted: nothing to say.
    assert!(
        code.contains("/// `big` (required).\n    pub big: Decimal,"),
        "{code}"
    );
}

#[test]
fn the_model_keeps_the_facets_as_written() {
    let (_scratch, path) = wsdl_file();
    let defs = wsdl_codegen::wsdl::parse_file(&path).expect("parse");
    let facets = |name: &str| match defs.schema.types.get(&QName::new("urn:t", name)) {
        Some(TypeDef::Simple(SimpleType::Restriction { facets, .. })) => (**facets).clone(),
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(
        facets("Percent"),
        Facets {
            min_inclusive: Some("0".into()),
            max_inclusive: Some("100".into()),
            ..Facets::default()
        }
    );
    assert_eq!(
        facets("Code"),
        Facets {
            max_length: Some(3),
            patterns: vec![vec!["[A-Z]{3}".into()]],
            ..Facets::default()
        }
    );
}

#[test]
fn a_digit_facet_that_is_no_count_is_a_located_error() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let path = scratch.path().join("bad.wsdl");
    std::fs::write(
        &path,
        WSDL.replace(
            r#"<xs:totalDigits value="12"/>"#,
            r#"<xs:totalDigits value="twelve"/>"#,
        ),
    )
    .expect("write");
    let error = Builder::new(&path)
        .generate()
        .expect_err("refused")
        .to_string();
    assert!(
        error.contains("`xs:totalDigits` has the value \"twelve\""),
        "{error}"
    );
    assert!(error.contains("bad.wsdl:33:55"), "{error}");
}
