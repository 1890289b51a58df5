//! Elements whose anonymous types refer back to them through `ref=` (directly, through other
//! elements, through a model group, through a substitution group) generate one struct per
//! element, boxed only where a value would otherwise hold itself. (The schema reader once
//! copied the referenced element's anonymous type into each reference, and refused such
//! elements as "nested more than 64 levels deep".)

use wsdl_codegen::Builder;

/// `tests/corpus/wsdl/recursive_refs.wsdl`, which the corpus also round-trips over HTTP.
const CORPUS_WSDL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/corpus/wsdl/recursive_refs.wsdl"
);

/// A tree of nodes, each holding nodes, as the body of `Get`.
const NODE_TREE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions targetNamespace="urn:t" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:t="urn:t">
  <wsdl:types>
    <xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
      <xs:element name="node"><xs:complexType><xs:sequence>
        <xs:element name="name" type="xs:string"/>
        <xs:element ref="t:node" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="Get"><xs:complexType><xs:sequence>
        <xs:element ref="t:node"/>
      </xs:sequence></xs:complexType></xs:element>
      ITEMS
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="In"><wsdl:part name="body" element="t:Get"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="body" element="t:node"/></wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="Get"><wsdl:input message="t:In"/><wsdl:output message="t:Out"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="t:Port">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    <wsdl:operation name="Get">
      <soap:operation soapAction="urn:t/Get"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Service">
    <wsdl:port name="Port" binding="t:Binding"><soap:address location="http://localhost/t"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#;

fn generate(builder: Builder) -> String {
    builder.generate().unwrap_or_else(|e| panic!("{e}"))
}

fn generate_text(wsdl: &str) -> Result<String, String> {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let path = scratch.path().join("tree.wsdl");
    std::fs::write(&path, wsdl).expect("written");
    Builder::new(&path).generate().map_err(|e| e.to_string())
}

/// The names of the generated structs and enums, leaving out the client and server.
fn items(code: &str, kind: &str) -> Vec<String> {
    code.lines()
        .filter_map(|l| l.strip_prefix(kind))
        .map(|l| l.trim_end_matches(" {").trim_end_matches(" {}").to_string())
        .filter(|name| !name.contains('<') && !name.ends_with("Client"))
        .collect()
}

#[test]
fn a_recursive_element_is_one_struct_holding_itself() {
    let code = generate_text(&NODE_TREE.replace("ITEMS", "")).expect("generates");
    assert_eq!(
        items(&code, "pub struct "),
        ["Get", "Node", "RequestHeaders", "ResponseHeaders"]
    );
    assert!(code.contains("pub node: Vec<Node>,"), "{code}");
    // The body and the reference share the element's struct.
    assert!(code.contains("pub node: Node,"), "{code}");
    assert!(
        code.contains("pub async fn get(&self, node: Node) -> Result<Node, Error>"),
        "{code}"
    );
}

#[test]
fn each_element_is_one_struct_boxed_where_it_would_hold_itself() {
    let code = generate(Builder::new(CORPUS_WSDL));
    assert_eq!(
        items(&code, "pub struct "),
        [
            "EchoDocument",
            "EchoDocumentResponse",
            "EchoFilter",
            "EchoFilterResponse",
            "EchoFolder",
            "EchoText",
            "EchoTextResponse",
            "Emphasis",
            "Equals",
            "Evaluate",
            "EvaluateResponse",
            "Filter",
            "Folder",
            "Negate",
            "Not",
            "Or",
            "Paragraph",
            "RequestHeaders",
            "ResponseHeaders",
            "Section",
            "Step",
            "Sum",
        ],
        "one struct per element"
    );
    assert_eq!(
        items(&code, "pub enum "),
        [
            "EmphasisTextOrEmphasis",
            "ExpressionSubstitution",
            "FilterChoice"
        ]
    );
    for field in [
        // Repeated: a `Vec` holds its items on the heap.
        "pub folder: Vec<Folder>,",
        "pub paragraph: Vec<Paragraph>,",
        "pub filter: Vec<Filter>,",
        "pub text_or_emphasis: Vec<EmphasisTextOrEmphasis>,",
        "pub expression: Vec<ExpressionSubstitution>,",
        // An element that is one repeated element is a `Vec` of it.
        "And(Vec<Filter>),",
        // Optional, through a `Vec` (section > paragraph > section): no box needed.
        "pub section: Option<Section>,",
        // A single reference closing a cycle: boxed, and optional as every boxed value.
        "pub filter: Option<Box<Filter>>,",
        "pub step: Option<Box<Step>>,",
        // A choice closing a cycle boxes the alternative, so the choice stays required.
        "pub choice: FilterChoice,",
        "Not(Box<Not>),",
        "pub expression: ExpressionSubstitution,",
        "Negate(Box<Negate>),",
        // Where the element is used outside its cycle, nothing is boxed.
        "pub step: Option<Step>,",
        "pub emphasis: Emphasis,",
        "Emphasis(Emphasis),",
    ] {
        assert!(code.contains(field), "missing `{field}`");
    }
    // A choice's default is an alternative that does not lead back to it.
    assert!(code.contains("Self::Number(Default::default())"), "{code}");
    for copy in [
        "Folder2",
        "EchoFolderFolder",
        "Filter2",
        "NotFilter",
        "SumExpression",
    ] {
        assert!(!code.contains(copy), "`{copy}` was generated");
    }
}

#[test]
fn an_operation_reaches_the_elements_its_recursive_element_refers_to() {
    let code = generate(Builder::new(CORPUS_WSDL).operations(["EchoFilter"]));
    assert_eq!(
        items(&code, "pub struct "),
        [
            "EchoFilter",
            "EchoFilterResponse",
            "Equals",
            "Filter",
            "Not",
            "Or",
            "RequestHeaders",
            "ResponseHeaders"
        ]
    );
}

#[test]
fn an_array_of_itself_is_refused() {
    let items = r#"<xs:element name="Nest"><xs:complexType><xs:sequence>
        <xs:element ref="t:Nest" maxOccurs="unbounded"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="Holder"><xs:complexType><xs:sequence>
        <xs:element ref="t:Nest"/>
      </xs:sequence></xs:complexType></xs:element>"#;
    let wsdl = NODE_TREE
        .replace("ITEMS", items)
        .replace(r#"element="t:node""#, r#"element="t:Holder""#);
    let error = generate_text(&wsdl).expect_err("an array of itself has no Rust type");
    assert!(
        error.contains("the element {urn:t}Nest is an array whose items lead back to it"),
        "{error}"
    );
}
