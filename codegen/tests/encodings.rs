//! Contracts not written in UTF-8: ISO-8859-1 (NuSOAP serves its WSDLs so), windows-1252 and
//! UTF-16 are decoded by their byte order mark or XML declaration, in the root document and in
//! an imported schema; an unknown encoding or bytes that do not fit are a located error.

use std::path::{Path, PathBuf};

use wsdl_codegen::model::{Particle, QName, TypeDef};
use wsdl_codegen::wsdl::{parse_file, ErrorKind};

/// A postal-code lookup whose names and documentation need more than ASCII; `{decl}` is the
/// XML declaration and `{import}` an optional schema import.
const WSDL: &str = r#"{decl}
<wsdl:definitions name="Postleitzahlen" targetNamespace="urn:plz"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:plz">
  <wsdl:documentation>Sucht Straßen zu einer Postleitzahl (Köln, Zürich, Ærøskøbing)</wsdl:documentation>
  <wsdl:types>
    <xs:schema elementFormDefault="qualified" targetNamespace="urn:plz">
      {import}
      <xs:element name="Suche">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Straße" type="xs:string"/>
            <xs:element name="Größe" type="xs:int"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="SucheIn"><wsdl:part name="parameters" element="tns:Suche"/></wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="Suche"><wsdl:input message="tns:SucheIn"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    <wsdl:operation name="Suche">
      <soap:operation soapAction="urn:plz/Suche"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Service">
    <wsdl:port name="Port" binding="tns:Binding">
      <soap:address location="http://localhost/plz"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#;

/// A schema for the import, in another namespace, with a non-ASCII type name.
const XSD: &str = r#"{decl}
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:plz:orte">
  <xs:complexType name="Ortsteil">
    <xs:sequence><xs:element name="Bezeichnung" type="xs:string"/></xs:sequence>
  </xs:complexType>
</xs:schema>
"#;

/// A fresh directory for one test's files (its path, and the guard that removes it with
/// everything in it when dropped).
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch.path().to_path_buf();
    (scratch, dir)
}

fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

fn wsdl(decl: &str, import: &str) -> String {
    WSDL.replace("{decl}", decl).replace("{import}", import)
}

/// Parses `path` and checks the names that need more than ASCII arrived intact.
fn check(path: &Path) {
    let defs = match parse_file(path) {
        Ok(defs) => defs,
        Err(e) => panic!("{e}"),
    };
    let search = match defs.schema.elements.get(&QName::new("urn:plz", "Suche")) {
        Some(decl) => decl,
        None => panic!("no Suche in {:?}", defs.schema.elements.keys()),
    };
    let wsdl_codegen::model::TypeRef::AnonymousComplex(ty) = &search.ty else {
        panic!("{:?}", search.ty);
    };
    let names: Vec<&str> = ty
        .particles()
        .iter()
        .map(|p| match p {
            Particle::Element(field) => field.name.local.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(names, ["Straße", "Größe"]);
    assert_eq!(defs.name.as_deref(), Some("Postleitzahlen"));
}

#[test]
fn iso_8859_1_and_windows_1252_are_decoded_by_the_declaration() {
    let (_scratch, dir) = scratch();
    for label in ["ISO-8859-1", "windows-1252", "latin1"] {
        let path = dir.join(format!("{label}.wsdl"));
        let decl = format!(r#"<?xml version="1.0" encoding="{label}"?>"#);
        std::fs::write(&path, latin1(&wsdl(&decl, ""))).expect("write");
        check(&path);
    }
}

#[test]
fn utf16_is_decoded_by_its_byte_order_mark() {
    let (_scratch, dir) = scratch();
    let path = dir.join("plz.wsdl");
    let decl = r#"<?xml version="1.0" encoding="UTF-16"?>"#;
    std::fs::write(&path, utf16le_with_bom(&wsdl(decl, ""))).expect("write");
    check(&path);
}

#[test]
fn an_imported_schema_has_its_own_encoding() {
    let (_scratch, dir) = scratch();
    let import = r#"<xs:import namespace="urn:plz:orte" schemaLocation="orte.xsd"/>"#;
    std::fs::write(
        dir.join("plz.wsdl"),
        wsdl(r#"<?xml version="1.0"?>"#, import),
    )
    .expect("write");
    let decl = r#"<?xml version="1.0" encoding="ISO-8859-1"?>"#;
    let xsd = XSD
        .replace("{decl}", decl)
        .replace("Ortsteil", "Ortsteilöffnung");
    std::fs::write(dir.join("orte.xsd"), latin1(&xsd)).expect("write");
    check(&dir.join("plz.wsdl"));
    let defs = parse_file(&dir.join("plz.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        defs.schema
            .types
            .get(&QName::new("urn:plz:orte", "Ortsteilöffnung")),
        Some(TypeDef::Complex(_))
    ));
}

#[test]
fn an_unknown_encoding_or_undecodable_bytes_are_located_errors() {
    let (_scratch, dir) = scratch();
    let unknown = dir.join("unknown.wsdl");
    let decl = r#"<?xml version="1.0" encoding="x-unheard-of"?>"#;
    std::fs::write(&unknown, wsdl(decl, "")).expect("write");
    let err = parse_file(&unknown).expect_err("an unknown encoding");
    assert!(matches!(err.kind(), ErrorKind::Encoding { .. }), "{err}");
    assert!(err.to_string().contains("x-unheard-of"), "{err}");
    assert!(err.to_string().contains("= help: "), "{err}");

    // Latin-1 bytes with no declaration are not UTF-8: an error, not a panic or a guess.
    let undeclared = dir.join("undeclared.wsdl");
    std::fs::write(&undeclared, latin1(&wsdl(r#"<?xml version="1.0"?>"#, ""))).expect("write");
    let err = parse_file(&undeclared).expect_err("not UTF-8");
    assert!(matches!(err.kind(), ErrorKind::Encoding { .. }), "{err}");
    assert!(err.to_string().contains("not valid UTF-8"), "{err}");
    assert_eq!(err.location().line, 1, "{err}");
}
