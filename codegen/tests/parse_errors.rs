//! A corpus of broken WSDL documents: each must fail with the expected message at the expected
//! line and column. Most cases are one-line edits of a small valid document, `MINI`.

use wsdl_codegen::model::{MessageBinding, PartContent, Particle, QName, TypeRef, XSD_NS};
use wsdl_codegen::wsdl::{parse_str, parse_str_with, ErrorKind, ParseOptions, Parsed, WsdlError};

/// A small valid document; the line numbers in the cases below refer to it.
const MINI: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions name="Mini" targetNamespace="urn:mini"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:mini">
  <wsdl:types>
    <xs:schema elementFormDefault="qualified" targetNamespace="urn:mini">
      <xs:complexType name="Thing">
        <xs:sequence>
          <xs:element name="Id" type="xs:int"/>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="Get">
        <xs:complexType><xs:sequence/></xs:complexType>
      </xs:element>
      <xs:element name="GetResponse" type="tns:Thing"/>
      <xs:element name="Token" type="xs:string"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="GetRequest">
    <wsdl:part name="parameters" element="tns:Get"/>
  </wsdl:message>
  <wsdl:message name="GetRequest_Headers">
    <wsdl:part name="Token" element="tns:Token"/>
  </wsdl:message>
  <wsdl:message name="GetResponse">
    <wsdl:part name="parameters" element="tns:GetResponse"/>
  </wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="Get">
      <wsdl:input message="tns:GetRequest"/>
      <wsdl:output message="tns:GetResponse"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Get">
      <soap:operation soapAction="urn:mini/Get" style="document"/>
      <wsdl:input>
        <soap:header message="tns:GetRequest_Headers" part="Token" use="literal"/>
        <soap:body use="literal"/>
      </wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Service">
    <wsdl:port name="Port" binding="tns:Binding">
      <soap:address location="http://localhost/mini"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#;

/// `MINI` with the one occurrence of `from` replaced by `to`.
fn edit(from: &str, to: &str) -> String {
    assert_eq!(MINI.matches(from).count(), 1, "`{from}` must occur once");
    MINI.replacen(from, to, 1)
}

/// Parses `text` and checks the error: message fragment, line and column.
#[track_caller]
fn expect_error(text: &str, fragment: &str, line: u32, column: u32) -> WsdlError {
    let err = match parse_str(text, "mini.wsdl") {
        Ok(defs) => panic!("expected `{fragment}`, parsed {defs:?}"),
        Err(e) => e,
    };
    let rendered = err.to_string();
    assert!(
        rendered.contains(fragment),
        "expected `{fragment}` in:\n{rendered}"
    );
    assert_eq!(
        (err.location().line, err.location().column),
        (line, column),
        "wrong position in:\n{rendered}"
    );
    assert!(
        rendered.contains(&format!("--> mini.wsdl:{line}:{column}\n")),
        "{rendered}"
    );
    assert!(rendered.contains("= help: "), "{rendered}");
    err
}

#[test]
fn the_base_document_is_valid() {
    let defs = match parse_str(MINI, "mini.wsdl") {
        Ok(defs) => defs,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(defs.services[0].ports[0].binding.local, "Binding");
    assert_eq!(defs.bindings.len(), 1);
}

#[test]
fn malformed_xml() {
    let text = edit(
        "        </xs:sequence>\n      </xs:complexType>\n      <xs:element name=\"Get\">",
        "        </xs:sequense>\n      </xs:complexType>\n      <xs:element name=\"Get\">",
    );
    let err = expect_error(&text, "malformed XML", 11, 9);
    assert!(matches!(err.kind(), ErrorKind::Xml { .. }));
    assert!(!err.to_string().contains(" at 11:"), "{err}");
}

#[test]
fn truncated_document() {
    let text = &MINI[..MINI.find("  <wsdl:service").unwrap_or(0)];
    expect_error(text, "malformed XML", 45, 18);
}

#[test]
fn an_entity_the_doctype_declares_is_refused_where_it_is_referenced() {
    let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE wsdl:definitions [<!ENTITY x \"y\">]>\n<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\" name=\"&x;\"/>\n";
    let err = expect_error(
        text,
        "the document references the entity `&x;` that its DOCTYPE declares",
        3,
        71,
    );
    assert_eq!(
        err.kind(),
        &ErrorKind::DeclaredEntity {
            name: "x".to_string()
        }
    );
}

#[test]
fn a_doctype_whose_entities_go_unreferenced_is_read() {
    // As the W3C publishes its XML Signature schema: an external DTD that is never read, an
    // attribute list, a general entity and parameter entities, none of them referenced.
    let doctype = "<!DOCTYPE wsdl:definitions PUBLIC \"-//W3C//DTD XMLSchema 200102//EN\" \"http://www.w3.org/2001/XMLSchema.dtd\" [\n  <!ATTLIST wsdl:definitions xmlns:tns CDATA #FIXED \"urn:mini\">\n  <!ENTITY mini 'urn:mini'>\n  <!ENTITY % p ''>\n]>\n";
    let text = MINI.replacen(
        "<wsdl:definitions",
        &format!("{doctype}<wsdl:definitions"),
        1,
    );
    let defs = parse_str(&text, "mini.wsdl").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(defs.target_namespace, "urn:mini");
}

#[test]
fn not_a_wsdl_document() {
    expect_error(
        "<description xmlns=\"http://www.w3.org/ns/wsdl\"/>",
        "expected a WSDL 1.1 `wsdl:definitions` element, found `{http://www.w3.org/ns/wsdl}description`",
        1,
        1,
    );
}

#[test]
fn definitions_outside_the_wsdl_namespace_say_which_namespace_it_is_in() {
    // A prefix bound to a misspelt namespace (no trailing slash).
    let text = MINI.replace(
        "xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\"",
        "xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl\"",
    );
    let err = expect_error(
        &text,
        "the document element `definitions` is in namespace `http://schemas.xmlsoap.org/wsdl`, \
         not in WSDL 1.1's `http://schemas.xmlsoap.org/wsdl/`",
        2,
        1,
    );
    assert!(err.help().contains("bind this element's prefix"), "{err}");
    // No default namespace for unprefixed WSDL elements: they are in no namespace.
    let err = expect_error(
        "<definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\"/>",
        "the document element `definitions` is in no namespace",
        1,
        1,
    );
    assert_eq!(
        err.kind(),
        &ErrorKind::DefinitionsNamespace { namespace: None }
    );
    assert!(
        err.help()
            .contains("<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\""),
        "{err}"
    );
}

#[test]
fn unresolved_type() {
    let text = edit(
        r#"name="Id" type="xs:int""#,
        r#"name="Id" type="tns:Missing""#,
    );
    let err = expect_error(
        &text,
        "error: unresolved type reference `tns:Missing`",
        10,
        11,
    );
    assert_eq!(
        err.to_string(),
        "error: unresolved type reference `tns:Missing`\n  --> mini.wsdl:10:11\n   |\n10 |           <xs:element name=\"Id\" type=\"tns:Missing\"/>\n   |\n   = help: declare the type in an xs:schema or fix the prefix; if its schema is missing from the contract, pass --allow-unresolved (Builder::allow_unresolved(true)) to generate anyway, reading it as xs:anyType"
    );
}

#[test]
fn unresolved_builtin_type() {
    let text = edit(
        r#"name="Id" type="xs:int""#,
        r#"name="Id" type="xs:integr""#,
    );
    let err = expect_error(&text, "unresolved type reference `xs:integr`", 10, 11);
    // A misspelled built-in is no missing schema: the help names the nearest built-in type.
    assert_eq!(
        err.help(),
        "XML Schema has no built-in type `integr`: did you mean `xs:integer`?"
    );
}

#[test]
fn unresolved_builtin_type_unlike_any() {
    let text = edit(
        r#"name="Id" type="xs:int""#,
        r#"name="Id" type="xs:Identifier""#,
    );
    let err = expect_error(&text, "unresolved type reference `xs:Identifier`", 10, 11);
    assert!(
        err.help()
            .starts_with("XML Schema has no built-in type `Identifier`: name one of"),
        "{}",
        err.help()
    );
}

#[test]
fn unresolved_union_member_names_no_way_around() {
    // `--allow-unresolved` reads a reference as xs:anyType, which a union's member (simple by
    // definition) cannot be: its help does not offer that way out.
    let text = edit(
        r#"name="Id" type="xs:int""#,
        r#"name="Id" type="tns:Code""#,
    )
    .replace(
        "</xs:schema>",
        r#"<xs:simpleType name="Code"><xs:union memberTypes="xs:int tns:Missing"/></xs:simpleType></xs:schema>"#,
    );
    let err = expect_error(&text, "unresolved type reference `tns:Missing`", 18, 32);
    assert_eq!(
        err.help(),
        "declare the type in an xs:schema or fix the prefix"
    );
}

#[test]
fn undeclared_prefix() {
    let text = edit(r#"name="Id" type="xs:int""#, r#"name="Id" type="q1:int""#);
    expect_error(
        &text,
        "undeclared namespace prefix `q1` in `q1:int`",
        10,
        11,
    );
}

#[test]
fn element_without_name() {
    let text = edit(r#"name="Id" type="xs:int""#, r#"type="xs:int""#);
    expect_error(
        &text,
        "`xs:element` is missing the required attribute `name`",
        10,
        11,
    );
}

#[test]
fn invalid_min_occurs() {
    let text = edit(
        r#"name="Id" type="xs:int""#,
        r#"name="Id" minOccurs="none" type="xs:int""#,
    );
    expect_error(
        &text,
        "invalid value `none` for `minOccurs` on `xs:element`",
        10,
        11,
    );
}

#[test]
fn duplicate_complex_type() {
    let text = edit(
        r#"<xs:element name="Token" type="xs:string"/>"#,
        r#"<xs:element name="Token" type="xs:string"/><xs:complexType name="Thing"/>"#,
    );
    let err = expect_error(
        &text,
        "duplicate type `Thing` in namespace `urn:mini`",
        17,
        50,
    );
    assert!(err.help().contains("mini.wsdl:8:7"), "{err}");
}

#[test]
fn duplicate_message() {
    let text = edit(
        r#"<wsdl:message name="GetRequest_Headers">"#,
        r#"<wsdl:message name="GetRequest">"#,
    );
    expect_error(&text, "duplicate message `GetRequest`", 23, 3);
}

#[test]
fn duplicate_operation_in_port_type() {
    let text = edit(
        "    </wsdl:operation>\n  </wsdl:portType>",
        "    </wsdl:operation><wsdl:operation name=\"Get\"/>\n  </wsdl:portType>",
    );
    expect_error(
        &text,
        "duplicate operation `Get` in port type `Port`",
        33,
        22,
    );
}

#[test]
fn an_attribute_of_a_complex_type_is_invalid() {
    let text = edit(
        "        </xs:sequence>\n      </xs:complexType>\n      <xs:element name=\"Get\">",
        "        </xs:sequence>\n<xs:attribute name=\"a\" type=\"tns:Thing\"/></xs:complexType>\n      <xs:element name=\"Get\">",
    );
    expect_error(
        &text,
        "attribute `a` has the complex type `tns:Thing`",
        12,
        1,
    );
}

#[test]
fn unresolved_attribute_group() {
    let text = edit(
        "        </xs:sequence>\n      </xs:complexType>\n      <xs:element name=\"Get\">",
        "        </xs:sequence>\n<xs:attributeGroup ref=\"tns:Audit\"/></xs:complexType>\n      <xs:element name=\"Get\">",
    );
    let err = expect_error(
        &text,
        "unresolved attribute group reference `tns:Audit`",
        12,
        1,
    );
    assert!(err.help().contains("<xs:attributeGroup"), "{err}");
}

#[test]
fn unresolved_element_in_part() {
    let text = edit(r#"element="tns:Get""#, r#"element="tns:Gett""#);
    expect_error(&text, "unresolved element reference `tns:Gett`", 21, 5);
}

#[test]
fn unresolved_message_in_port_type() {
    let text = edit(
        r#"<wsdl:output message="tns:GetResponse"/>"#,
        r#"<wsdl:output message="tns:GetReply"/>"#,
    );
    expect_error(&text, "unresolved message reference `tns:GetReply`", 32, 7);
}

#[test]
fn unresolved_message_in_binding_header() {
    let text = edit(
        r#"message="tns:GetRequest_Headers""#,
        r#"message="tns:GetRequest_Header""#,
    );
    expect_error(
        &text,
        "unresolved message reference `tns:GetRequest_Header`",
        40,
        9,
    );
}

#[test]
fn unresolved_part_in_binding_header() {
    let text = edit(r#"part="Token""#, r#"part="Ticket""#);
    expect_error(
        &text,
        "message `GetRequest_Headers` has no part `Ticket`",
        40,
        9,
    );
}

#[test]
fn unresolved_port_type() {
    let text = edit(r#"type="tns:Port""#, r#"type="tns:Prot""#);
    expect_error(&text, "unresolved port type reference `tns:Prot`", 35, 3);
}

#[test]
fn binding_operation_not_in_port_type() {
    let text = edit(
        "    <wsdl:operation name=\"Get\">\n      <soap:operation",
        "    <wsdl:operation name=\"Put\">\n      <soap:operation",
    );
    expect_error(
        &text,
        "binding operation `Put` is not an operation of port type `tns:Port`",
        37,
        5,
    );
}

/// A port naming a binding no document declares is left out with a located warning (as zeep
/// and svcutil do; ONVIF's published recording and analytics WSDLs have such ports), and the
/// binding it meant stays available without a port.
#[test]
fn a_port_of_an_undeclared_binding_is_left_out_with_a_warning() {
    let text = edit(r#"binding="tns:Binding""#, r#"binding="tns:Bindng""#);
    let parsed = parse_str_with(&text, "mini.wsdl", &ParseOptions::default())
        .expect("a stale port is not an error");
    assert!(parsed.definitions.services[0].ports.is_empty());
    assert_eq!(parsed.definitions.bindings.len(), 1);
    let [warning] = parsed.warnings.as_slice() else {
        panic!("one warning expected: {:?}", parsed.warnings);
    };
    let rendered = warning.to_string();
    assert!(
        rendered.contains("port `Port` of service `Service` names binding `tns:Bindng`"),
        "{rendered}"
    );
    assert_eq!((warning.location.line, warning.location.column), (47, 5));
    assert!(rendered.contains("--port or --binding"), "{rendered}");
}

#[test]
fn an_unknown_style_is_invalid() {
    let text = edit(r#"style="document""#, r#"style="soapy""#);
    expect_error(&text, "invalid value `soapy` for `style`", 38, 7);
}

#[test]
fn an_unknown_use_is_invalid() {
    let text = edit(
        "        <soap:body use=\"literal\"/>",
        "        <soap:body use=\"coded\"/>",
    );
    expect_error(&text, "invalid value `coded` for `use`", 41, 9);
}

#[test]
fn a_type_part_of_a_document_body_is_a_child_of_the_body() {
    let text = edit(r#"element="tns:Get""#, r#"type="xs:string""#);
    let input = first_input(&text);
    assert_eq!(input.body, None, "no wrapper element");
    let parts = input.parts.as_ref().expect("parts");
    assert_eq!(parts[0].name, "parameters");
    assert_eq!(
        parts[0].content,
        PartContent::Type(QName::new(XSD_NS, "string"))
    );
}

/// The input of the first operation of `text`'s first binding.
fn first_input(text: &str) -> MessageBinding {
    let defs = match parse_str(text, "mini.wsdl") {
        Ok(defs) => defs,
        Err(e) => panic!("{e}"),
    };
    let op = &defs.bindings.values().next().expect("binding").operations[0];
    op.input.clone().expect("input")
}

#[test]
fn a_header_part_of_the_body_message_is_not_in_the_body() {
    let text = edit(
        r#"<soap:header message="tns:GetRequest_Headers" part="Token" use="literal"/>"#,
        r#"<soap:header message="tns:GetRequest" part="parameters" use="literal"/>"#,
    );
    let defs = match parse_str(&text, "mini.wsdl") {
        Ok(defs) => defs,
        Err(e) => panic!("{e}"),
    };
    let op = &defs.bindings.values().next().expect("binding").operations[0];
    let input = op.input.as_ref().expect("input");
    assert_eq!(input.body, None);
    assert_eq!(input.headers[0].part, "parameters");
}

#[test]
fn two_body_parts_are_children_of_the_body() {
    // The request message gets two element parts, none of them bound as a header.
    let text = edit(
        r#"<wsdl:input message="tns:GetRequest"/>"#,
        r#"<wsdl:input message="tns:GetRequest_Headers"/>"#,
    )
    .replace(
        r#"<wsdl:part name="Token" element="tns:Token"/>"#,
        r#"<wsdl:part name="Token" element="tns:Token"/><wsdl:part name="Other" element="tns:Get"/>"#,
    )
    .replace(
        r#"<soap:header message="tns:GetRequest_Headers" part="Token" use="literal"/>"#,
        r#"<soap:header message="tns:GetResponse" part="parameters" use="literal"/>"#,
    );
    let input = first_input(&text);
    assert_eq!(input.body, None, "no wrapper element");
    let names: Vec<&str> = input
        .parts
        .iter()
        .flatten()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Token", "Other"]);
}

#[test]
fn import_with_location_needs_a_file_system() {
    let text = edit(
        r#"<xs:schema elementFormDefault="qualified" targetNamespace="urn:mini">"#,
        r#"<xs:schema elementFormDefault="qualified" targetNamespace="urn:mini"><xs:import namespace="urn:other" schemaLocation="other.xsd"/>"#,
    );
    expect_error(
        &text,
        "cannot follow the import of `other.xsd` when parsing from a string",
        7,
        74,
    );
}

#[test]
fn errors_never_panic_on_garbage() {
    for text in [
        "",
        "<",
        "<a",
        "<?xml version=\"1.0\"?>",
        "<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\"/>",
        "\u{feff}<x/>",
        "<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\"><wsdl:types><xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema></wsdl:types></wsdl:definitions>",
    ] {
        let _ = parse_str(text, "garbage.wsdl").map_err(|e| e.to_string());
    }
}

#[test]
fn recursive_ref_to_an_anonymous_type_keeps_the_reference() {
    let text = edit(
        "<xs:complexType><xs:sequence/></xs:complexType>",
        r#"<xs:complexType><xs:sequence><xs:element ref="tns:Get" minOccurs="0"/></xs:sequence></xs:complexType>"#,
    );
    let defs = parse_str(&text, "mini.wsdl").expect("a recursive ref= parses");
    let get = QName::new("urn:mini", "Get");
    let TypeRef::AnonymousComplex(ty) = &defs.schema.elements[&get].ty else {
        panic!("Get keeps its anonymous type");
    };
    let [Particle::Element(field)] = ty.particles() else {
        panic!("one particle: {ty:?}");
    };
    assert!(field.reference);
    assert_eq!(field.name, get);
    assert_eq!(field.ty, TypeRef::OfElement(get));
}

/// Refers to `E0`, whose anonymous type refers twice to `E1`, and so on: each reference names
/// its element (a copy each would be 2^24 types), so the schema reads in linear time.
#[test]
fn chains_of_refs_to_anonymous_types_are_not_copied() {
    let mut elements = String::new();
    for i in 0..24 {
        let next = format!(r#"<xs:element ref="tns:E{}"/>"#, i + 1);
        elements.push_str(&format!(
            "<xs:element name=\"E{i}\"><xs:complexType><xs:sequence>{next}{next}</xs:sequence></xs:complexType></xs:element>\n"
        ));
    }
    elements.push_str("<xs:element name=\"E24\" type=\"xs:int\"/>\n");
    let text = edit(
        "      <xs:element name=\"Token\" type=\"xs:string\"/>\n",
        &format!("      <xs:element name=\"Token\" type=\"xs:string\"/>\n{elements}"),
    );
    let defs = parse_str(&text, "mini.wsdl").expect("parses");
    let TypeRef::AnonymousComplex(e0) = &defs.schema.elements[&QName::new("urn:mini", "E0")].ty
    else {
        panic!("E0 has an anonymous type");
    };
    assert!(e0
        .element_fields()
        .iter()
        .all(|f| f.ty == TypeRef::OfElement(QName::new("urn:mini", "E1"))));
}

/// Named groups that each refer twice to the next: each `xs:group ref=` copies the group.
#[test]
fn exponential_group_expansion_is_refused() {
    let mut groups = String::new();
    for i in 0..24 {
        let next = format!(r#"<xs:group ref="tns:G{}"/>"#, i + 1);
        groups.push_str(&format!(
            "<xs:group name=\"G{i}\"><xs:sequence>{next}{next}</xs:sequence></xs:group>\n"
        ));
    }
    groups.push_str(
        "<xs:group name=\"G24\"><xs:sequence><xs:element name=\"Leaf\" type=\"xs:int\"/></xs:sequence></xs:group>\n",
    );
    let text = edit(
        "<xs:complexType><xs:sequence/></xs:complexType>",
        &format!(
            r#"<xs:complexType><xs:sequence><xs:group ref="tns:G0"/></xs:sequence></xs:complexType></xs:element>{groups}<xs:element name="Unused">"#
        ),
    );
    let err = match parse_str(&text, "mini.wsdl") {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    };
    assert!(
        err.to_string()
            .contains("a schema that expands to more than 100000 anonymous types"),
        "{err}"
    );
}

/// A group holding a local element whose anonymous type holds the group again has no end.
#[test]
fn a_group_recursive_through_local_anonymous_types_is_refused() {
    let text = edit(
        "<xs:complexType><xs:sequence/></xs:complexType>",
        r#"<xs:complexType><xs:sequence><xs:group ref="tns:R"/></xs:sequence></xs:complexType></xs:element><xs:group name="R"><xs:sequence><xs:element name="x" minOccurs="0"><xs:complexType><xs:sequence><xs:group ref="tns:R"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:group><xs:element name="Unused">"#,
    );
    let err = match parse_str(&text, "mini.wsdl") {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    };
    let rendered = err.to_string();
    assert!(
        rendered.contains("anonymous types nested more than 64 levels deep"),
        "{rendered}"
    );
    assert!(rendered.contains("refer to a global element"), "{rendered}");
}

#[test]
fn deeply_nested_xml_does_not_overflow_the_stack() {
    let depth = 100_000;
    let text = edit(
        "  <wsdl:types>",
        &format!(
            "  <wsdl:documentation>{}{}</wsdl:documentation><wsdl:types>",
            "<a>".repeat(depth),
            "</a>".repeat(depth)
        ),
    );
    assert!(parse_str(&text, "mini.wsdl").is_ok());
}

#[test]
fn names_are_read_without_surrounding_whitespace() {
    // Some Axis services publish `name="Code "`; XML Schema collapses the whitespace of an
    // NCName, so the element on the wire is `<Code>`.
    let text = edit(
        r#"<xs:element name="Id" type="xs:int"/>"#,
        r#"<xs:element name=" Id  " type="xs:int"/>"#,
    );
    let text = text.replacen(
        r#"<wsdl:operation name="Get">
      <wsdl:input"#,
        "<wsdl:operation name=\"Get\t\">\n      <wsdl:input",
        1,
    );
    let defs = match parse_str(&text, "mini.wsdl") {
        Ok(defs) => defs,
        Err(e) => panic!("{e}"),
    };
    let thing = match defs.schema.types.get(&QName::new("urn:mini", "Thing")) {
        Some(wsdl_codegen::model::TypeDef::Complex(ty)) => ty,
        other => panic!("{other:?}"),
    };
    let wsdl_codegen::model::Particle::Element(id) = &thing.particles()[0] else {
        panic!("{:?}", thing.particles());
    };
    assert_eq!(id.name, QName::new("urn:mini", "Id"));
    let binding = defs
        .bindings
        .values()
        .next()
        .map(|b| b.operations[0].name.as_str());
    assert_eq!(binding, Some("Get"));
}

#[test]
fn a_name_with_inner_whitespace_is_an_invalid_value() {
    let text = edit(
        r#"<xs:element name="Id" type="xs:int"/>"#,
        r#"<xs:element name="Id Code" type="xs:int"/>"#,
    );
    let err = expect_error(&text, "`Id Code`", 10, 11);
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { attribute, .. } if attribute == "name"),
        "{err}"
    );
}

/// A part with neither `element=` nor `type=` is refused, at the part, where a SOAP binding
/// sends it: in the body or as a header.
#[test]
fn a_part_without_element_or_type_is_refused_where_a_soap_binding_sends_it() {
    let text = edit(
        r#"<wsdl:part name="parameters" element="tns:Get"/>"#,
        r#"<wsdl:part name="parameters"/>"#,
    );
    expect_error(
        &text,
        "part `parameters` of message `GetRequest` has neither `element` nor `type`",
        21,
        5,
    );
    let text = edit(
        r#"<wsdl:part name="Token" element="tns:Token"/>"#,
        r#"<wsdl:part name="Token"/>"#,
    );
    expect_error(
        &text,
        "part `Token` of message `GetRequest_Headers` has neither `element` nor `type`",
        24,
        5,
    );
}

/// The WSDL 1.1 schema makes both `element=` and `type=` of a part optional, and ASP.NET's
/// HTTP GET/POST bindings have output messages with a bare `<wsdl:part name="Body"/>` (an
/// `XmlNode` result as `mime:content`): such a message, sent by no SOAP binding, does not stop
/// the SOAP binding beside it.
#[test]
fn a_part_without_element_or_type_only_an_http_binding_sends_is_accepted() {
    let http = r#"</wsdl:binding>
  <wsdl:message name="GetHttpGetIn"/>
  <wsdl:message name="GetHttpGetOut">
    <wsdl:part name="Body"/>
  </wsdl:message>
  <wsdl:portType name="HttpGetPort">
    <wsdl:operation name="Get">
      <wsdl:input message="tns:GetHttpGetIn"/>
      <wsdl:output message="tns:GetHttpGetOut"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="HttpGetBinding" type="tns:HttpGetPort"
      xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"
      xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/">
    <http:binding verb="GET"/>
    <wsdl:operation name="Get">
      <http:operation location="/Get"/>
      <wsdl:input><http:urlEncoded/></wsdl:input>
      <wsdl:output><mime:content part="Body" type="text/xml"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>"#;
    let text = edit("</wsdl:binding>", http);
    let defs = match parse_str(&text, "mini.wsdl") {
        Ok(defs) => defs,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(defs.bindings.len(), 1, "the SOAP binding alone");
    let input = first_input(&text);
    assert_eq!(input.body, Some(QName::new("urn:mini", "Get")));
}

/// An encoded body is read with SOAP 1.1 encoding's rules: `encodingStyle` naming it (with or
/// without the final slash, alone or in a list) or absent; SOAP 1.2 encoding, whose arrays and
/// references differ on the wire, is refused where it is named.
#[test]
fn an_encoded_body_names_soap_1_1_encoding() {
    let body = "        <soap:body use=\"literal\"/>";
    for style in [
        "",
        r#" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/""#,
        r#" encodingStyle="urn:example:custom http://schemas.xmlsoap.org/soap/encoding""#,
    ] {
        let text = edit(
            body,
            &format!("        <soap:body use=\"encoded\"{style}/>"),
        );
        assert!(first_input(&text).encoded, "{style}");
    }
    let text = edit(
        body,
        r#"        <soap:body use="encoded" encodingStyle="http://www.w3.org/2003/05/soap-encoding"/>"#,
    );
    expect_error(
        &text,
        "encoding style `http://www.w3.org/2003/05/soap-encoding` of an encoded `soap:body`",
        41,
        9,
    );
}

/// PHP's Zend_Soap AutoDiscover binds an output for a void method whose port type operation is
/// one-way: the output binds no message, so it is passed over with a located warning (as zeep
/// does) and the operation stays one-way.
#[test]
fn a_binding_output_of_a_one_way_operation_is_left_out_with_a_warning() {
    let text = edit(
        r#"      <wsdl:output message="tns:GetResponse"/>
"#,
        "",
    );
    let parsed = parse_str_with(&text, "mini.wsdl", &ParseOptions::default())
        .expect("an output the port type does not declare is not an error");
    let op = first_operation(&parsed);
    assert!(op.output.is_none(), "one-way: {op:?}");
    assert!(op.input.is_some());
    let [warning] = parsed.warnings.as_slice() else {
        panic!("one warning expected: {:?}", parsed.warnings);
    };
    let rendered = warning.to_string();
    assert!(
        rendered.contains(
            "binding operation `Get` has a `wsdl:output` but its port type operation has none"
        ),
        "{rendered}"
    );
    let line = text
        .lines()
        .position(|l| l.contains("<wsdl:output><soap:body"))
        .expect("the binding's output") as u32
        + 1;
    assert_eq!((warning.location.line, warning.location.column), (line, 7));
    assert!(rendered.contains("one-way"), "{rendered}");
}

#[test]
fn placeholder_address_is_no_default_endpoint() {
    // JAX-WS writes `REPLACE_WITH_ACTUAL_URL`; templates leave `${host}`; some WSDLs give a
    // relative path. None can be a client's default endpoint: a located warning, no address.
    for placeholder in [
        "REPLACE_WITH_ACTUAL_URL",
        "http://${host}:8080/mini",
        "https://{server}/mini",
        "/services/mini",
        "http:///mini",
    ] {
        let text = edit(
            r#"location="http://localhost/mini""#,
            &format!(r#"location="{placeholder}""#),
        );
        let parsed = parse_str_with(&text, "mini.wsdl", &ParseOptions::default())
            .expect("a placeholder address is not an error");
        let port = &parsed.definitions.services[0].ports[0];
        assert_eq!(port.address, None, "{placeholder}");
        let [warning] = parsed.warnings.as_slice() else {
            panic!("one warning expected: {:?}", parsed.warnings);
        };
        let rendered = warning.to_string();
        assert!(rendered.contains(&format!("`{placeholder}`")), "{rendered}");
        assert!(rendered.contains("pass the service's URL"), "{rendered}");
        assert_eq!((warning.location.line, warning.location.column), (48, 7));
    }
    for url in [
        "http://localhost/mini",
        "HTTPS://example.com:8443/a/b?wsdl#x",
    ] {
        let text = edit(
            r#"location="http://localhost/mini""#,
            &format!(r#"location="{url}""#),
        );
        let parsed = parse_str_with(&text, "mini.wsdl", &ParseOptions::default())
            .expect("an http(s) address");
        assert_eq!(
            parsed.definitions.services[0].ports[0].address.as_deref(),
            Some(url)
        );
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }
}

/// Without a `namespace` on an rpc operation's `soap:body` (which WS-I BP R2717 requires),
/// stacks disagree on the wrapper's namespace: it is read, the wrapper in no namespace as zeep
/// writes it, with one located warning per document however many bodies leave it out.
#[test]
fn rpc_bodies_without_a_namespace_are_read_with_one_warning() {
    let rpc = edit(r#"style="document""#, r#"style="rpc""#);
    let parsed = parse_str_with(&rpc, "mini.wsdl", &ParseOptions::default())
        .expect("an rpc body without a namespace is read");
    let op = first_operation(&parsed);
    let wrapper = op
        .input
        .as_ref()
        .and_then(|i| i.body.clone())
        .expect("a wrapper");
    assert_eq!(wrapper, QName::new("", "Get"));
    let [warning] = parsed.warnings.as_slice() else {
        panic!("one warning expected: {:?}", parsed.warnings);
    };
    let rendered = warning.to_string();
    assert!(rendered.contains("R2717"), "{rendered}");
    assert!(rendered.contains("as zeep writes them"), "{rendered}");
    let line = rpc
        .lines()
        .position(|l| l.trim() == r#"<soap:body use="literal"/>"#)
        .expect("the input's body") as u32
        + 1;
    assert_eq!(warning.location.line, line);

    // With the namespace: no warning.
    let named = rpc.replace(
        r#"<soap:body use="literal"/>"#,
        r#"<soap:body use="literal" namespace="urn:mini"/>"#,
    );
    let parsed = parse_str_with(&named, "mini.wsdl", &ParseOptions::default()).expect("read");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}

/// The first operation of the first binding `parsed` holds.
fn first_operation(parsed: &Parsed) -> &wsdl_codegen::model::Operation {
    &parsed
        .definitions
        .bindings
        .values()
        .next()
        .expect("binding")
        .operations[0]
}
