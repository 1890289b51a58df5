//! Imports (issue 11, point 4): cycles and diamonds read each document once, a binding without
//! a service gives a client that takes its URL, well-known namespaces resolve offline, the
//! schema directory finds documents imported by URL (by file name and through its catalog), a
//! missing document's diagnostic names the ways out, and `allow_unresolved` generates anyway
//! with one warning per missing document. Also: a BOM, a leading line break without an XML
//! declaration, and the WSDL namespace as the default namespace.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wsdl_codegen::model::{QName, SoapVersion, TypeDef, TypeRef, XSD_NS};
use wsdl_codegen::wsdl::{parse_file_with, ErrorKind, ParseOptions};
use wsdl_codegen::{Builder, Error};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/imports");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/wsdl");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn local_copies() -> PathBuf {
    fixture("local-copies")
}

fn generate(builder: &Builder) -> String {
    builder.generate().unwrap_or_else(|e| panic!("{e}"))
}

fn failure(builder: &Builder) -> String {
    match builder.generate() {
        Ok(_) => panic!(
            "{} generated code; it should fail",
            builder.wsdl_path().display()
        ),
        Err(error) => error.to_string(),
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wsdl-codegen"))
        .args(args)
        .output()
        .expect("run wsdl-codegen")
}

/// The file names of `paths`, in order.
fn file_names(paths: &[std::path::PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn wsdls_importing_each_other_and_schema_cycles_and_diamonds_read_each_document_once() {
    let generated = Builder::new(format!("{CORPUS}/cyclic/front.wsdl"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let names = file_names(&generated.inputs);
    assert_eq!(
        names,
        [
            "front.wsdl",
            "back.wsdl",
            "types-a.xsd",
            "parts-x.xsd",
            "core.xsd",
            "parts-y.xsd",
            "types-b.xsd"
        ]
    );
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    for item in [
        "pub struct Parcel",
        "pub struct Route",
        "pub struct Stamp",
        "pub struct Hops",
    ] {
        assert_eq!(generated.code.matches(item).count(), 1, "{item}");
    }
}

#[test]
fn a_binding_without_a_port_is_bound_by_name_and_takes_its_url() {
    let wsdl = fixture("two-bindings.wsdl");
    // A service port exists: it is the default.
    let with_port = generate(&Builder::new(&wsdl));
    assert!(with_port
        .contains("pub const DEFAULT_ENDPOINT: &'static str = \"http://localhost/Catalog\";"));
    assert!(with_port.contains("SoapVersion::Soap11"));
    // The SOAP 1.2 binding has no port: bound by name, without an address.
    let portless = generate(&Builder::new(&wsdl).binding("CatalogSoap12"));
    assert!(
        !portless.contains("DEFAULT_ENDPOINT"),
        "no address, no default endpoint"
    );
    assert!(portless.contains(
        "/// Client of binding `CatalogSoap12` (SOAP 1.2); the WSDL gives it no address: pass the service's URL to `new`."
    ));
    assert!(portless.contains("pub fn new(endpoint: impl Into<String>) -> Self"));
    assert!(portless.contains("pub const DEFAULT_PATH: &'static str = \"/\";"));
    assert!(portless.contains("SoapVersion::Soap12"));
    // `{namespace}name` works too, and so does choosing the bound one by binding.
    let by_qname = generate(&Builder::new(&wsdl).binding("{urn:fixture:Catalog}CatalogSoap12"));
    assert_eq!(by_qname, portless);
    assert_eq!(
        generate(&Builder::new(&wsdl).binding("CatalogSoap")),
        with_port
    );

    let unknown = failure(&Builder::new(&wsdl).binding("Nope"));
    assert!(
        unknown.contains("no SOAP port or binding matches"),
        "{unknown}"
    );
    assert!(
        unknown.contains(
            "CatalogService/CatalogSoap (SOAP 1.1), binding CatalogSoap12 (SOAP 1.2, no port)"
        ),
        "{unknown}"
    );
}

#[test]
fn ports_of_one_binding_at_several_addresses_need_no_port_name() {
    let wsdl = fixture("one-binding-several-addresses.wsdl");
    // Two services: one must be chosen.
    let several = failure(&Builder::new(&wsdl));
    assert!(several.contains("several SOAP ports match"), "{several}");
    // The chosen service offers one binding at two addresses: the first is the default.
    let by_service = generate(&Builder::new(&wsdl).service("FilingService"));
    let production = "\"https://filing.example.com/ws/Filing\"";
    assert!(by_service.contains(production), "{by_service}");
    assert!(!by_service.contains("test.filing"), "{by_service}");
    assert_eq!(
        generate(&Builder::new(&wsdl).binding("FilingSoap")),
        by_service
    );
    // A port name still picks the other address.
    let test = generate(&Builder::new(&wsdl).port("FilingTest"));
    assert!(
        test.contains("\"https://test.filing.example.com/ws/Filing\""),
        "{test}"
    );
}

#[test]
fn without_a_service_the_single_binding_is_used_and_several_must_be_chosen() {
    let wsdl = fixture("no-service.wsdl");
    let several = failure(&Builder::new(&wsdl));
    assert!(several.contains("several SOAP ports match"), "{several}");
    assert!(several.contains("--binding"), "{several}");
    assert!(
        several.contains(
            "binding CatalogSoap (SOAP 1.1, no port), binding CatalogSoap12 (SOAP 1.2, no port)"
        ),
        "{several}"
    );
    // One binding of the version asked for: no name needed.
    let soap11 = generate(&Builder::new(&wsdl).soap_version(SoapVersion::Soap11));
    assert!(soap11.contains("Client of binding `CatalogSoap` (SOAP 1.1)"));
    assert_eq!(
        soap11,
        generate(&Builder::new(&wsdl).binding("CatalogSoap"))
    );
    // A WSDL whose only binding has no service: the corpus's portless.wsdl.
    let single = generate(&Builder::new(format!("{CORPUS}/portless.wsdl")));
    assert!(single.contains("Client of binding `ArchiveSoap` (SOAP 1.1)"));

    let inspect = run(&["inspect", &wsdl.to_string_lossy()]);
    assert!(inspect.status.success(), "{inspect:?}");
    let shown = String::from_utf8_lossy(&inspect.stdout);
    assert!(
        shown.contains("binding CatalogSoap12 of port type Catalog: SOAP 1.2, no port"),
        "{shown}"
    );
    assert!(
        shown.contains("generate with: --binding CatalogSoap12"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "client CatalogClient, server trait CatalogService, server CatalogServer at /"
        ),
        "{shown}"
    );
}

#[test]
fn an_empty_address_is_no_address() {
    let defs = wsdl_codegen::wsdl::parse_file(&fixture("empty-address.wsdl"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(defs.services[0].ports[0].address, None);
    let code = generate(&Builder::new(fixture("empty-address.wsdl")));
    assert!(!code.contains("DEFAULT_ENDPOINT"));
    assert!(code.contains("The WSDL gives the port no address: pass the service's URL to `new`."));
    assert!(code.contains("pub const DEFAULT_PATH: &'static str = \"/\";"));
}

#[test]
fn well_known_namespaces_resolve_offline() {
    let parsed = parse_file_with(&fixture("well-known.wsdl"), &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        parsed.inputs.len(),
        1,
        "built-in schemas are not files: {:?}",
        parsed.inputs
    );
    let xmime = "http://www.w3.org/2005/05/xmlmime";
    let Some(TypeDef::Complex(binary)) = parsed
        .definitions
        .schema
        .types
        .get(&QName::new(xmime, "base64Binary"))
    else {
        panic!("xmime:base64Binary is read from the built-in schema");
    };
    assert_eq!(binary.base, Some(QName::new(XSD_NS, "base64Binary")));
    assert_eq!(binary.attributes[0].name, QName::new(xmime, "contentType"));
    // SOAP encoding is imported but not used: its schema is not needed.
    assert!(!parsed
        .definitions
        .schema
        .types
        .keys()
        .any(|k| k.namespace == "http://schemas.xmlsoap.org/soap/encoding/"));
    let code = generate(&Builder::new(fixture("well-known.wsdl")));
    assert!(code.contains("pub struct Base64Binary"), "{code}");
    assert!(
        code.contains("Name::new(XMLMIME_NS, \"contentType\")"),
        "{code}"
    );
}

#[test]
fn an_imported_schema_with_a_doctype_whose_entities_go_unreferenced_is_read() {
    // The W3C's XML Signature schema, which signed contracts import, is published this way.
    let code = generate(&Builder::new(fixture("signed.wsdl")));
    assert!(code.contains("pub struct SealType"), "{code}");
    assert!(code.contains("pub seal: SealType"), "{code}");
}

#[test]
fn the_schema_dir_finds_documents_by_file_name_and_through_its_catalog() {
    let wsdl = fixture("remote.wsdl");
    let missing = failure(&Builder::new(&wsdl));
    assert!(
        missing.contains("error: remote import `http://example.com/schemas/v1/common.xsd` is not available offline"),
        "{missing}"
    );
    assert!(missing.contains("remote.wsdl:14:7"), "{missing}");
    assert!(
        missing.contains(
            "= help: put a copy in a directory and pass --schema-dir DIR (Builder::schema_dir): it is found as `DIR/common.xsd` or through a line `http://example.com/schemas/v1/common.xsd FILE` in `DIR/catalog.txt`; or pass --allow-unresolved (Builder::allow_unresolved(true)) to generate anyway, reading what the document declares as xs:anyType"
        ),
        "{missing}"
    );

    let generated = Builder::new(&wsdl)
        .schema_dir(local_copies())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<String> = generated
        .inputs
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(
        names[1].ends_with("local-copies/common.xsd"),
        "by file name: {names:?}"
    );
    assert!(
        names[2].ends_with("local-copies/vendor/types-1.4.xsd"),
        "by catalog: {names:?}"
    );
    assert!(
        names[3].ends_with("local-copies/catalogued.xsd"),
        "a namespace by catalog: {names:?}"
    );
    assert!(generated.code.contains("pub struct Item"));
    assert!(generated.code.contains("pub struct Shelf"));
    assert!(generated.warnings.is_empty());
}

#[test]
fn a_bad_catalog_line_is_located() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch.path();
    std::fs::write(
        dir.join("catalog.txt"),
        "# copies\nhttp://example.com/a.xsd a.xsd extra\n",
    )
    .expect("write catalog");
    let err = failure(&Builder::new(fixture("remote.wsdl")).schema_dir(dir));
    assert!(
        err.contains(
            "error: invalid catalog line: expected `LOCATION FILE` (two fields), found 3 fields"
        ),
        "{err}"
    );
    assert!(err.contains("catalog.txt:2:1"), "{err}");
    let missing_dir = failure(&Builder::new(fixture("remote.wsdl")).schema_dir(dir.join("nope")));
    assert!(missing_dir.contains("error: cannot read"), "{missing_dir}");
}

#[test]
fn unresolved_references_are_any_type_with_one_warning_per_missing_document() {
    let wsdl = fixture("unresolved.wsdl");
    let refused = parse_file_with(&wsdl, &ParseOptions::default()).expect_err("missing");
    assert!(
        matches!(refused.kind(), ErrorKind::RemoteImport { .. }),
        "{refused}"
    );

    let options = ParseOptions {
        allow_unresolved: true,
        ..ParseOptions::default()
    };
    let parsed = parse_file_with(&wsdl, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.warnings.len(), 2, "{:?}", parsed.warnings);
    let shown: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert!(shown[0].starts_with(
        "warning: remote import `http://example.com/missing.xsd` is not available offline; generating without it\n"
    ), "{}", shown[0]);
    assert!(shown[0].contains("unresolved.wsdl:13:7"), "{}", shown[0]);
    assert!(shown[1].starts_with(
        "warning: namespace `urn:example:also-missing` is imported without a location but no document declares it"
    ), "{}", shown[1]);
    assert_eq!(
        parsed.warnings[0].one_line().lines().count(),
        1,
        "one line for cargo:warning="
    );

    let any = TypeRef::Named(QName::new(XSD_NS, "anyType"));
    let get = &parsed.definitions.schema.elements[&QName::new("urn:fixture:Lookup", "Get")];
    let TypeRef::AnonymousComplex(get) = &get.ty else {
        panic!("{get:?}");
    };
    let fields = get.element_fields();
    assert_eq!(fields[1].ty, any, "a type reference");
    assert_eq!(
        fields[2].name,
        QName::new("urn:example:missing", "Extension")
    );
    assert_eq!(fields[2].ty, any, "an element reference");
    assert_eq!(
        get.attributes[0].name,
        QName::new("urn:example:missing", "flag")
    );
    assert_eq!(
        get.attributes[0].ty,
        TypeRef::Named(QName::new(XSD_NS, "anySimpleType")),
        "an attribute holds text"
    );

    // Bases and list items: complex content derives from xs:anyType, text from
    // xs:anySimpleType.
    let types = &parsed.definitions.schema.types;
    let base = |name: &str| match &types[&QName::new("urn:fixture:Lookup", name)] {
        TypeDef::Complex(ty) => ty.base.clone(),
        other => panic!("{other:?}"),
    };
    // (today's reader leaves out a base of xs:anyType: nothing is inherited from it)
    assert!(base("Derived").is_none_or(|b| b == QName::new(XSD_NS, "anyType")));
    assert_eq!(base("Text"), Some(QName::new(XSD_NS, "anySimpleType")));

    // A message part naming an element no document declares: an element of xs:anyType.
    let text = std::fs::read_to_string(&wsdl)
        .expect("read")
        .replace("element=\"tns:GetResponse\"", "element=\"m:Answer\"");
    let part = wsdl_codegen::wsdl::parse_str_with(&text, "part.wsdl", &options)
        .unwrap_or_else(|e| panic!("{e}"));
    let answer = &part.definitions.schema.elements[&QName::new("urn:example:missing", "Answer")];
    assert_eq!(answer.ty, any);
    assert_eq!(
        part.definitions
            .bindings
            .values()
            .next()
            .and_then(|b| b.operations[0].output.as_ref())
            .and_then(|o| o.body.clone()),
        Some(QName::new("urn:example:missing", "Answer"))
    );

    let generated = Builder::new(&wsdl)
        .allow_unresolved(true)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(generated.warnings, parsed.warnings);
    assert!(generated.code.contains("pub struct Get"));
}

#[test]
fn a_typo_with_allow_unresolved_is_one_warning_per_namespace() {
    let text = std::fs::read_to_string(fixture("well-known.wsdl"))
        .expect("read")
        .replace("type=\"xs:int\"", "type=\"tns:Integer\"");
    let options = ParseOptions {
        allow_unresolved: true,
        ..ParseOptions::default()
    };
    let parsed = wsdl_codegen::wsdl::parse_str_with(&text, "typo.wsdl", &options)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    assert!(parsed.warnings[0]
        .message
        .starts_with("unresolved type reference `Integer` (1 unresolved reference in namespace `urn:fixture:Gallery`)"));
}

#[test]
fn a_bom_a_leading_line_break_and_the_wsdl_default_namespace_are_read() {
    let bom = std::fs::read(fixture("bom.wsdl")).expect("read");
    assert!(bom.starts_with(b"\xEF\xBB\xBF<?xml"));
    generate(&Builder::new(fixture("bom.wsdl")));
    let crlf = std::fs::read(fixture("crlf-default-ns.wsdl")).expect("read");
    assert!(crlf.starts_with(b"\r\n<definitions "));
    let generated = Builder::new(fixture("crlf-default-ns.wsdl"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    // The included schema starts with a BOM too.
    assert!(generated.inputs[1].ends_with("bom.xsd"));
    assert!(generated.code.contains("pub struct GetResponse"));
}

#[test]
fn the_command_line_takes_schema_dir_allow_unresolved_and_binding() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let out = scratch
        .path()
        .join("remote.rs")
        .to_string_lossy()
        .into_owned();
    let remote = fixture("remote.wsdl").to_string_lossy().into_owned();
    let dir = local_copies().to_string_lossy().into_owned();
    let refused = run(&["generate", &remote, "--out", &out]);
    assert_eq!(refused.status.code(), Some(1), "{refused:?}");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--schema-dir DIR"));
    let found = run(&["generate", &remote, "--out", &out, "--schema-dir", &dir]);
    assert!(found.status.success(), "{found:?}");
    assert!(found.stderr.is_empty(), "{found:?}");

    let unresolved = fixture("unresolved.wsdl").to_string_lossy().into_owned();
    let allowed = run(&["generate", &unresolved, "--out", &out, "--allow-unresolved"]);
    assert!(allowed.status.success(), "{allowed:?}");
    let warnings = String::from_utf8_lossy(&allowed.stderr);
    assert_eq!(warnings.matches("warning: ").count(), 2, "{warnings}");
    let inspected = run(&["inspect", &unresolved, "--allow-unresolved"]);
    assert!(inspected.status.success(), "{inspected:?}");
    assert_eq!(
        String::from_utf8_lossy(&inspected.stderr)
            .matches("warning: ")
            .count(),
        2
    );

    let two = fixture("no-service.wsdl").to_string_lossy().into_owned();
    let bound = run(&[
        "generate",
        &two,
        "--out",
        &out,
        "--binding",
        "CatalogSoap12",
    ]);
    assert!(bound.status.success(), "{bound:?}");
    let code = std::fs::read_to_string(&out).expect("read output");
    assert!(code.contains("Client of binding `CatalogSoap12`"));
}

#[test]
fn errors_are_typed() {
    let err = Builder::new(fixture("remote.wsdl"))
        .generate()
        .expect_err("missing");
    let Error::Wsdl(err) = err else {
        panic!("{err}");
    };
    let ErrorKind::RemoteImport { location } = err.kind() else {
        panic!("{err}");
    };
    assert_eq!(location, "http://example.com/schemas/v1/common.xsd");
}

#[test]
fn a_schema_without_namespace_included_into_two_namespaces_declares_its_types_in_each() {
    let parsed = parse_file_with(
        &fixture("chameleon/shipping.wsdl"),
        &ParseOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let files = file_names(&parsed.inputs);
    assert_eq!(
        files,
        [
            "shipping.wsdl",
            "request.xsd",
            "units.xsd",
            "ack.xsd",
            "units.xsd"
        ]
    );
    for namespace in ["urn:fixture:Shipping:Request", "urn:fixture:Shipping:Ack"] {
        for name in ["PartyCode", "Measure"] {
            let qname = QName::new(namespace, name);
            assert!(
                parsed.definitions.schema.types.contains_key(&qname),
                "{qname:?} is declared"
            );
        }
    }
    let code = generate(&Builder::new(fixture("chameleon/shipping.wsdl")));
    assert!(code.contains("pub struct Declaration"));
    assert!(code.contains("pub struct Receipt"));
}

/// A schema that declares the elements `Req` and `Resp` in `urn:t`.
const WINDOWS_INCLUDED: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    targetNamespace="urn:t" elementFormDefault="qualified">
  <xs:element name="Req"><xs:complexType><xs:sequence>
    <xs:element name="a" type="xs:string"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp" type="xs:string"/>
</xs:schema>"#;

/// A WSDL whose schema includes `..\schema\ihe\t.xsd`, with Windows separators.
const WINDOWS_INCLUDING: &str = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
    xmlns:t="urn:t" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">
  <types><xsd:schema targetNamespace="urn:t">
    <xsd:include schemaLocation="..\schema\ihe\t.xsd"/>
  </xsd:schema></types>
  <message name="In"><part name="body" element="t:Req"/></message>
  <message name="Out"><part name="body" element="t:Resp"/></message>
  <portType name="P"><operation name="Op"><input message="t:In"/><output message="t:Out"/></operation></portType>
  <binding name="B" type="t:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Op"><soap:operation soapAction="urn:op"/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
    </operation></binding>
  <service name="S"><port binding="t:B" name="Pt"><soap:address location="http://localhost/x"/></port></service>
</definitions>"#;

#[test]
fn a_relative_location_with_windows_separators_is_found() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let wsdl_dir = scratch.path().join("wsdl");
    let schema_dir = scratch.path().join("schema").join("ihe");
    std::fs::create_dir_all(&wsdl_dir).expect("mkdir");
    std::fs::create_dir_all(&schema_dir).expect("mkdir");
    std::fs::write(schema_dir.join("t.xsd"), WINDOWS_INCLUDED).expect("write");
    let wsdl = wsdl_dir.join("t.wsdl");
    std::fs::write(&wsdl, WINDOWS_INCLUDING).expect("write");
    let generated = Builder::new(&wsdl)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(generated.inputs[1].ends_with("schema/ihe/t.xsd"));
    assert!(generated.code.contains("pub struct Req"));
}

#[test]
fn xlink_resolves_offline_by_prefix_and_by_its_published_location() {
    // OGC's and SOAP 1.2's test contracts refer to `xlink:href` and OGC's `xlink:simpleLink`
    // without a location, or import the schema from its published URL.
    for import in [
        "",
        r#"<xs:import namespace="http://www.w3.org/1999/xlink"/>"#,
        r#"<xs:import namespace="http://www.w3.org/1999/xlink" schemaLocation="http://schemas.opengis.net/xlink/1.0.0/xlinks.xsd"/>"#,
    ] {
        let wsdl = format!(
            r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:tns="urn:maps" targetNamespace="urn:maps">
  <types>
    <xs:schema targetNamespace="urn:maps" elementFormDefault="qualified">
      {import}
      <xs:element name="Layer">
        <xs:complexType>
          <xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence>
          <xs:attributeGroup ref="xlink:simpleLink"/>
        </xs:complexType>
      </xs:element>
    </xs:schema>
  </types>
  <message name="m"><part name="p" element="tns:Layer"/></message>
  <portType name="Maps"><operation name="Get"><input message="tns:m"/><output message="tns:m"/></operation></portType>
  <binding name="MapsSoap" type="tns:Maps">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Get"><soap:operation soapAction="urn:maps#Get"/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
</definitions>"#
        );
        let parsed = wsdl_codegen::wsdl::parse_str(&wsdl, "maps.wsdl")
            .unwrap_or_else(|e| panic!("{import}: {e}"));
        let layer = &parsed.schema.elements[&QName::new("urn:maps", "Layer")];
        let TypeRef::AnonymousComplex(layer) = &layer.ty else {
            panic!("Layer's anonymous type: {layer:?}");
        };
        let xlink = "http://www.w3.org/1999/xlink";
        let names: Vec<&str> = layer
            .attributes
            .iter()
            .inspect(|a| assert_eq!(a.name.namespace, xlink, "{import}"))
            .map(|a| a.name.local.as_str())
            .collect();
        assert_eq!(
            names,
            ["type", "href", "role", "arcrole", "title", "show", "actuate"],
            "{import}"
        );
    }
}
