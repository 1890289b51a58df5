//! The Rust names of anonymous types declared in place, under a local element or attribute:
//! the parent's name and the element's or attribute's joined as words, the latter's first
//! letter a capital, whatever its case in the schema (Sonos's music service names its result
//! elements `getMediaMetadataResult`: never `GetMediaMetadataResponsegetMediaMetadataResult`),
//! and leading words the element repeats from its parent said once
//! (`GetMediaMetadataResponseResult`, not `GetMediaMetadataResponseGetMediaMetadataResult`).

use wsdl_codegen::Builder;

/// A response whose local element in lower camel case has an anonymous complex type, which
/// has an attribute in lower case with an anonymous enumeration; and a local element already
/// in upper camel case, whose name is kept as it is. `Media`'s local `MediaId` repeats all of
/// its parent's name, and keeps it (`MediaId` alone might be another type's name).
const LOWER_CAMEL_LOCALS: &str = r#"<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:media" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:media">
  <wsdl:types>
    <xs:schema targetNamespace="urn:media" elementFormDefault="qualified">
      <xs:element name="getMedia"><xs:complexType><xs:sequence>
        <xs:element name="id" type="xs:string"/>
        <xs:element ref="tns:Media"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="Media"><xs:complexType><xs:sequence>
        <xs:element name="MediaId">
          <xs:complexType><xs:sequence><xs:element name="value" type="xs:string"/></xs:sequence></xs:complexType>
        </xs:element>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="getMediaResponse"><xs:complexType><xs:sequence>
        <xs:element name="getMediaResult">
          <xs:complexType>
            <xs:sequence><xs:element name="title" type="xs:string"/></xs:sequence>
            <xs:attribute name="kind">
              <xs:simpleType><xs:restriction base="xs:string">
                <xs:enumeration value="track"/><xs:enumeration value="stream"/>
              </xs:restriction></xs:simpleType>
            </xs:attribute>
          </xs:complexType>
        </xs:element>
        <xs:element name="Cover">
          <xs:complexType><xs:sequence><xs:element name="uri" type="xs:anyURI"/></xs:sequence></xs:complexType>
        </xs:element>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="getMediaIn"><wsdl:part name="parameters" element="tns:getMedia"/></wsdl:message>
  <wsdl:message name="getMediaOut"><wsdl:part name="parameters" element="tns:getMediaResponse"/></wsdl:message>
  <wsdl:portType name="Media">
    <wsdl:operation name="getMedia">
      <wsdl:input message="tns:getMediaIn"/><wsdl:output message="tns:getMediaOut"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="MediaBinding" type="tns:Media">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="getMedia"><soap:operation soapAction="urn:media#getMedia"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="MediaService"><wsdl:port name="MediaPort" binding="tns:MediaBinding">
    <soap:address location="http://localhost/media"/>
  </wsdl:port></wsdl:service>
</wsdl:definitions>
"#;

#[test]
fn anonymous_types_of_lower_camel_case_locals_are_named_in_upper_camel_case() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let wsdl = scratch.path().join("media.wsdl");
    std::fs::write(&wsdl, LOWER_CAMEL_LOCALS).expect("written");
    let code = Builder::new(&wsdl)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    for declaration in [
        "pub struct GetMediaResponseResult {",
        "pub enum GetMediaResponseResultKind {",
        "pub struct GetMediaResponseCover {",
        "pub get_media_result: GetMediaResponseResult,",
        "pub struct MediaMediaId {",
        "pub media_id: MediaMediaId,",
    ] {
        assert!(code.contains(declaration), "no `{declaration}` in:\n{code}");
    }
    assert!(
        !code.contains("Responseget")
            && !code.contains("Resultkind")
            && !code.contains("GetMediaResponseGetMedia"),
        "a lower-case name glued to its parent's:\n{code}"
    );
}
