//! Raw XML values (`XmlElement`, what `xs:any` becomes): reading, writing back, prefixes and
//! QName-valued content surviving, attributes, wildcard namespace constraints, limits.
//! Trees are compared with roxmltree's reading of the same text, an XML parser nobody here
//! wrote.

use soap_runtime::codec::{read_struct, Field};
use soap_runtime::error::DecodeErrorKind;
use soap_runtime::xml::{
    Element, Limits, NamespaceConstraint, XmlAttribute, XmlElement, XmlNode, XmlReader, XmlWriter,
};
use soap_runtime::{DecodeError, EncodeError, Ns, XmlStruct};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

fn read_with(xml: &str, limits: Limits) -> Result<XmlElement, DecodeError> {
    let mut r = XmlReader::new(xml.as_bytes(), limits)?;
    let root = r.root()?;
    let element = XmlElement::read(&mut r, &root)?;
    r.finish()?;
    Ok(element)
}

fn read(xml: &str) -> XmlElement {
    read_with(xml, Limits::default()).unwrap()
}

/// A tree as roxmltree sees it: (namespace, local, sorted attributes, children), adjacent
/// text merged, comments and PIs dropped.
#[derive(Debug, PartialEq)]
enum Tree {
    Element {
        namespace: String,
        local: String,
        attributes: Vec<(String, String, String)>,
        children: Vec<Tree>,
    },
    Text(String),
}

fn push_text(children: &mut Vec<Tree>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Tree::Text(last)) = children.last_mut() {
        last.push_str(text);
    } else {
        children.push(Tree::Text(text.to_string()));
    }
}

fn oracle_tree(node: roxmltree::Node<'_, '_>) -> Tree {
    let mut attributes: Vec<_> = node
        .attributes()
        .map(|a| {
            (
                a.namespace().unwrap_or("").to_string(),
                a.name().to_string(),
                a.value().to_string(),
            )
        })
        .collect();
    attributes.sort();
    let mut children = Vec::new();
    for child in node.children() {
        if child.is_element() {
            children.push(oracle_tree(child));
        } else if child.is_text() {
            push_text(&mut children, child.text().unwrap_or(""));
        }
    }
    Tree::Element {
        namespace: node.tag_name().namespace().unwrap_or("").to_string(),
        local: node.tag_name().name().to_string(),
        attributes,
        children,
    }
}

fn our_tree(e: &XmlElement) -> Tree {
    let mut attributes: Vec<_> = e
        .attributes
        .iter()
        .map(|a| (a.namespace.clone(), a.local.clone(), a.value.clone()))
        .collect();
    attributes.sort();
    let mut children = Vec::new();
    for node in &e.children {
        match node {
            XmlNode::Element(c) => children.push(our_tree(c)),
            XmlNode::Text(t) => push_text(&mut children, t),
        }
    }
    Tree::Element {
        namespace: e.namespace.clone(),
        local: e.local.clone(),
        attributes,
        children,
    }
}

fn oracle(xml: &str) -> Tree {
    let doc = roxmltree::Document::parse(xml).unwrap();
    oracle_tree(doc.root_element())
}

const SAMPLE: &str = r#"<?xml version="1.0"?>
<p:root xmlns:p="urn:p" xmlns="urn:default" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="urn:types">
  <!-- a comment -->
  <child a="1" p:b="2 &amp; 3" xml:lang="en">text &lt;x&gt; <![CDATA[<raw>]]> more<?pi data?></child>
  <value xsi:type="t:Money">12.50</value>
  <q xmlns:t="urn:shadowed">t:Name</q>
  <none xmlns="" attr="&#x9;tab"><deeper/></none>
  Grüße &#x1F600;
</p:root>"#;

#[test]
fn reads_what_roxmltree_reads() {
    let element = read(SAMPLE);
    assert_eq!(our_tree(&element), oracle(SAMPLE));
    assert_eq!(element.namespace, "urn:p");
    assert_eq!(element.prefix.as_deref(), Some("p"));
    let child = element.child("urn:default", "child").unwrap();
    assert_eq!(child.text(), "text <x> <raw> more");
    assert_eq!(child.attribute("urn:p", "b"), Some("2 & 3"));
    assert_eq!(
        child.attribute("http://www.w3.org/XML/1998/namespace", "lang"),
        Some("en")
    );
    assert_eq!(element.children_elements().count(), 4);
    // Comments and processing instructions are dropped; CDATA is text.
    assert!(!element.to_xml_string().unwrap().contains("comment"));
}

#[test]
fn written_back_it_is_the_same_tree_and_reads_equal() {
    let element = read(SAMPLE);
    let written = element.to_xml_string().unwrap();
    assert_eq!(oracle(&written), oracle(SAMPLE), "{written}");
    assert_eq!(read(&written), element, "{written}");
}

#[test]
fn the_top_element_keeps_every_binding_in_scope_so_qnames_resolve_elsewhere() {
    let xml = r#"<s:Envelope xmlns:s="urn:env" xmlns:t="urn:types" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body><any xsi:type="t:Money"><amount>t:Cents</amount></any></s:Body></s:Envelope>"#;
    let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    r.root().unwrap();
    r.next_child().unwrap().unwrap();
    let any = r.next_child().unwrap().unwrap();
    let captured = XmlElement::read(&mut r, &any).unwrap();
    assert_eq!(
        captured.namespaces,
        vec![
            ("s".to_string(), "urn:env".to_string()),
            ("t".to_string(), "urn:types".to_string()),
            ("xsi".to_string(), XSI.to_string()),
        ]
    );
    // Nested elements record only their own declarations.
    assert!(captured.child("", "amount").unwrap().namespaces.is_empty());
    // Written inside another document that binds `t` differently, the QNames still resolve.
    let mut w = XmlWriter::new(&["urn:other"]);
    w.start_raw("t:Wrapper");
    w.declare("t", "urn:elsewhere");
    captured.write(&mut w).unwrap();
    w.end_raw("t:Wrapper");
    let text = String::from_utf8(w.into_bytes()).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let any = doc
        .descendants()
        .find(|n| n.has_tag_name("any"))
        .expect(&text);
    let xsi_type = any.attribute((XSI, "type")).unwrap();
    let (prefix, local) = xsi_type.split_once(':').unwrap();
    assert_eq!(any.lookup_namespace_uri(Some(prefix)), Some("urn:types"));
    assert_eq!(local, "Money");
    let amount = any.first_element_child().unwrap();
    let (prefix, _) = amount.text().unwrap().split_once(':').unwrap();
    assert_eq!(amount.lookup_namespace_uri(Some(prefix)), Some("urn:types"));
}

#[test]
fn built_values_are_written_with_the_declarations_their_names_need() {
    let element = XmlElement::new("urn:a", "Order")
        .with_attribute("", "id", "7")
        .with_attribute("urn:b", "flag", "yes \"quoted\" <tag> & \t\n\r")
        .with_child(
            XmlElement::new("", "Unqualified")
                .with_text("a < b")
                .with_child(XmlElement::new("urn:a", "Deep")),
        )
        .with_child(XmlElement::new("urn:c", "Other").with_prefix("c"))
        .with_text("tail");
    let written = element.to_xml_string().unwrap();
    let tree = oracle(&written);
    assert_eq!(tree, our_tree(&element), "{written}");
    let again = read(&written);
    assert_eq!(our_tree(&again), our_tree(&element));
    assert_eq!(
        again.child("urn:c", "Other").unwrap().prefix.as_deref(),
        Some("c")
    );
    assert_eq!(again.child("", "Unqualified").unwrap().text(), "a < b");
}

#[test]
fn conflicting_prefixes_are_replaced_not_misbound() {
    // The element wants prefix `p` for urn:a, but declares `p` for urn:b itself; an attribute
    // wants `p` for urn:c; an unqualified child sits under a default namespace.
    let element = XmlElement {
        namespace: "urn:a".into(),
        local: "E".into(),
        prefix: Some("p".into()),
        namespaces: vec![("p".into(), "urn:b".into()), ("".into(), "urn:d".into())],
        attributes: vec![
            XmlAttribute {
                namespace: "urn:c".into(),
                local: "x".into(),
                prefix: Some("p".into()),
                value: "1".into(),
            },
            XmlAttribute::new("urn:b", "y", "2"),
        ],
        children: vec![
            XmlNode::Element(XmlElement::new("", "plain")),
            XmlNode::Element(XmlElement::new("urn:d", "defaulted")),
        ],
    };
    let written = element.to_xml_string().unwrap();
    assert_eq!(oracle(&written), our_tree(&element), "{written}");
}

#[test]
fn refuses_to_write_what_is_not_xml() {
    let bad_char = XmlElement::new("", "a").with_text("bell \u{7}");
    assert!(matches!(
        bad_char.to_xml_string(),
        Err(EncodeError::InvalidChar { code: 7, .. })
    ));
    let bad_attr = XmlElement::new("", "a").with_attribute("", "v", "\u{FFFE}");
    assert!(matches!(
        bad_attr.to_xml_string(),
        Err(EncodeError::InvalidChar { .. })
    ));
    for bad_name in ["", "1a", "a b", "a:b", "a<b"] {
        assert!(
            XmlElement::new("", bad_name).to_xml_string().is_err(),
            "{bad_name:?}"
        );
        assert!(
            XmlElement::new("", "a")
                .with_attribute("", bad_name, "v")
                .to_xml_string()
                .is_err(),
            "{bad_name:?}"
        );
    }
    let twice = XmlElement::new("", "a")
        .with_attribute("urn:x", "v", "1")
        .with_attribute("urn:x", "v", "2");
    assert!(matches!(
        twice.to_xml_string(),
        Err(EncodeError::InvalidValue { .. })
    ));
}

#[test]
fn hostile_input_gives_typed_errors() {
    let limits = Limits {
        max_depth: 10,
        max_string_len: 16,
        max_items: 20,
        ..Limits::default()
    };
    let limit_of = |xml: &str| match read_with(xml, limits).unwrap_err().kind {
        DecodeErrorKind::LimitExceeded { limit, .. } => limit,
        other => panic!("{xml}: {other:?}"),
    };
    assert_eq!(limit_of(&"<a>".repeat(50)), "max_depth");
    assert_eq!(
        limit_of(&format!("<a>{}</a>", "x".repeat(17))),
        "max_string_len"
    );
    assert_eq!(
        limit_of(&format!("<a>{}</a>", "&amp;".repeat(17))),
        "max_string_len"
    );
    assert_eq!(
        limit_of(&format!("<a v='{}'/>", "x".repeat(17))),
        "max_string_len"
    );
    assert_eq!(
        limit_of(&format!("<a>{}</a>", "<b/>".repeat(21))),
        "max_items"
    );
    assert_eq!(
        limit_of(&format!(
            "<a><b {}/></a>",
            (0..21)
                .map(|i| format!("x{i}=''"))
                .collect::<Vec<_>>()
                .join(" ")
        )),
        "max_items"
    );
    // Within the limits, it reads.
    read_with(&format!("<a>{}</a>", "<b/>".repeat(20)), limits).unwrap();

    let kind = |xml: &str| read_with(xml, Limits::default()).unwrap_err().kind;
    assert!(matches!(kind("<p:a/>"), DecodeErrorKind::Malformed(_)));
    assert!(matches!(
        kind("<a q:x='1'/>"),
        DecodeErrorKind::Malformed(_)
    ));
    assert!(matches!(kind("<a><b></a>"), DecodeErrorKind::Malformed(_)));
    assert!(matches!(
        kind("<a>&bogus;</a>"),
        DecodeErrorKind::UnknownEntity(_)
    ));
    assert!(matches!(kind("<a><b>"), DecodeErrorKind::Truncated(_)));
}

#[test]
fn attributes_all_resolves_namespaces_and_skips_declarations() {
    let xml = r#"<a xmlns="urn:d" xmlns:p="urn:p" x="1" p:y="2 &lt; 3" xml:space="preserve"/>"#;
    let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    let a = r.root().unwrap();
    let attributes = a.attributes_all(&r).unwrap();
    assert_eq!(
        attributes,
        vec![
            XmlAttribute::new("", "x", "1"),
            XmlAttribute {
                prefix: Some("p".into()),
                ..XmlAttribute::new("urn:p", "y", "2 < 3")
            },
            XmlAttribute {
                prefix: Some("xml".into()),
                ..XmlAttribute::new("http://www.w3.org/XML/1998/namespace", "space", "preserve")
            },
        ]
    );
}

#[test]
fn any_attribute_declares_what_it_needs_on_the_open_element() {
    const TABLE: &[&str] = &["urn:table"];
    let mut w = XmlWriter::new(TABLE);
    let root = soap_runtime::Name::new(Ns(0), "Root");
    w.start(root);
    w.declare_namespaces();
    let item = soap_runtime::Name::new(Ns(0), "Item");
    w.start(item);
    let attributes = [
        XmlAttribute::new("", "plain", "1"),
        XmlAttribute {
            prefix: Some("p".into()),
            ..XmlAttribute::new("urn:p", "one", "2")
        },
        // Same prefix, another namespace: must not rebind `p`.
        XmlAttribute {
            prefix: Some("p".into()),
            ..XmlAttribute::new("urn:q", "two", "3")
        },
        // A prefix the writer uses itself.
        XmlAttribute {
            prefix: Some("n0".into()),
            ..XmlAttribute::new("urn:r", "three", "4")
        },
        XmlAttribute::new("urn:table", "tabled", "5"),
        XmlAttribute::new("http://www.w3.org/XML/1998/namespace", "lang", "de"),
        XmlAttribute::new(XSI, "note", "6"),
    ];
    for a in &attributes {
        w.any_attribute(a).unwrap();
    }
    w.text("content").unwrap();
    // After content, attributes are refused.
    assert!(w.any_attribute(&attributes[0]).is_err());
    w.end(item);
    w.end(root);
    let text = String::from_utf8(w.into_bytes()).unwrap();
    let doc = roxmltree::Document::parse(&text).expect(&text);
    let item = doc.root_element().first_element_child().unwrap();
    assert_eq!(item.tag_name().namespace(), Some("urn:table"), "{text}");
    let mut found: Vec<_> = item
        .attributes()
        .map(|a| {
            (
                a.namespace().unwrap_or("").to_string(),
                a.name().to_string(),
                a.value().to_string(),
            )
        })
        .collect();
    found.sort();
    let mut expected: Vec<_> = attributes
        .iter()
        .map(|a| (a.namespace.clone(), a.local.clone(), a.value.clone()))
        .collect();
    expected.sort();
    assert_eq!(found, expected, "{text}");
}

#[test]
fn namespace_constraints_match_like_xs_any() {
    const TNS: &str = "urn:target";
    // (constraint, namespace, expected)
    let table: &[(NamespaceConstraint, &str, bool)] = &[
        (NamespaceConstraint::Any, "", true),
        (NamespaceConstraint::Any, TNS, true),
        (NamespaceConstraint::Any, "urn:x", true),
        (NamespaceConstraint::Other(TNS), "", false),
        (NamespaceConstraint::Other(TNS), TNS, false),
        (NamespaceConstraint::Other(TNS), "urn:x", true),
        (NamespaceConstraint::Other(""), "", false),
        (NamespaceConstraint::Other(""), "urn:x", true),
        (NamespaceConstraint::Local, "", true),
        (NamespaceConstraint::Local, TNS, false),
        (NamespaceConstraint::List(&[TNS, ""]), "", true),
        (NamespaceConstraint::List(&[TNS, ""]), TNS, true),
        (NamespaceConstraint::List(&[TNS, ""]), "urn:x", false),
        (NamespaceConstraint::List(&["urn:x"]), "", false),
        (NamespaceConstraint::List(&["urn:x"]), "urn:x", true),
        (NamespaceConstraint::List(&[]), "", false),
    ];
    for (constraint, namespace, expected) in table {
        assert_eq!(
            constraint.matches(namespace),
            *expected,
            "{constraint:?} on {namespace:?}"
        );
    }
    const _CONST: NamespaceConstraint = NamespaceConstraint::List(&["urn:a", ""]);
}

/// A struct with one field and an `xs:any` that keeps every other element, as the generator
/// writes one.
#[derive(Debug, Default, PartialEq)]
struct Open {
    name: Option<String>,
    any: Vec<XmlElement>,
}

impl XmlStruct for Open {
    const TYPE_NAME: &'static str = "Open";
    const FIELDS: &'static [Field] = &[Field::optional(Ns::NONE, "Name")];
    fn read_field(
        &mut self,
        index: usize,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError> {
        if index == 0 {
            self.name = Some(r.read_text(element)?.into_owned());
        }
        Ok(())
    }
    fn write_fields(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        if let Some(name) = &self.name {
            w.start(soap_runtime::Name::new(Ns::NONE, "Name"));
            w.text(name)?;
            w.end(soap_runtime::Name::new(Ns::NONE, "Name"));
        }
        self.any.iter().try_for_each(|e| e.write(w))
    }
    fn read_other(
        &mut self,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        let namespace = r.namespace_of(element).unwrap_or("");
        if !NamespaceConstraint::Other("urn:mine").matches(namespace) {
            return Ok(false);
        }
        self.any.push(XmlElement::read(r, element)?);
        Ok(true)
    }
}

#[test]
fn read_struct_offers_unmatched_children_to_read_other() {
    let xml = r#"<Open xmlns:x="urn:x" xmlns:m="urn:mine"><x:Extra a="1"><x:In>t</x:In></x:Extra><Name>n</Name><m:Mine/><Unqualified/><x:More/></Open>"#;
    let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    let root = r.root().unwrap();
    let open: Open = read_struct(&mut r, &root).unwrap();
    assert_eq!(open.name.as_deref(), Some("n"));
    let names: Vec<_> = open.any.iter().map(|e| e.local.as_str()).collect();
    assert_eq!(names, ["Extra", "More"]);
    assert_eq!(open.any[0].child("urn:x", "In").unwrap().text(), "t");
    // What `xs:any` did not accept is skipped and reported as before.
    assert_eq!(r.unknown_elements().len(), 2, "{:?}", r.unknown_elements());

    // Written back and read again, the kept elements are equal.
    let mut w = XmlWriter::new(&[]);
    w.start_raw("Open");
    open.write_fields(&mut w).unwrap();
    w.end_raw("Open");
    let bytes = w.into_bytes();
    let mut r = XmlReader::new(&bytes, Limits::default()).unwrap();
    let root = r.root().unwrap();
    let again: Open = read_struct(&mut r, &root).unwrap();
    assert_eq!(again.name, open.name);
    assert_eq!(
        again.any.iter().map(our_tree).collect::<Vec<_>>(),
        open.any.iter().map(our_tree).collect::<Vec<_>>()
    );
}

#[test]
fn envelope_headers_offer_unknown_headers_to_read_other() {
    let xml = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><Name>h</Name><w:Security xmlns:w="urn:wsse"><w:Token>x</w:Token></w:Security></s:Header><s:Body><Open/></s:Body></s:Envelope>"#;
    let received =
        soap_runtime::envelope::read_envelope::<Open, ()>(xml.as_bytes(), Limits::default(), "")
            .unwrap();
    let headers = received.message.headers;
    assert_eq!(headers.name.as_deref(), Some("h"));
    assert_eq!(headers.any.len(), 1);
    assert_eq!(headers.any[0].local, "Security");
    assert_eq!(headers.any[0].namespace, "urn:wsse");
}

#[cfg(feature = "json")]
#[test]
fn serde_round_trips_raw_xml() {
    let element = read(SAMPLE);
    let json = serde_json::to_string(&element).unwrap();
    let back: XmlElement = serde_json::from_str(&json).unwrap();
    assert_eq!(back, element);
}

#[test]
fn captures_under_many_bindings_count_them_against_max_items() {
    // 200 bindings in scope, then many captured elements: each capture records every binding,
    // so each costs 200 items and the limit stops the copies early.
    let declarations: String = (0..200).map(|i| format!(" xmlns:p{i}='urn:{i}'")).collect();
    let xml = format!("<root{declarations}>{}</root>", "<a/>".repeat(10_000));
    let limits = Limits {
        max_items: 100_000,
        ..Limits::default()
    };
    let mut r = XmlReader::new(xml.as_bytes(), limits).unwrap();
    r.root().unwrap();
    let mut captured = 0;
    let error = loop {
        let Some(child) = r.next_child().unwrap() else {
            panic!("all {captured} captured");
        };
        match XmlElement::read(&mut r, &child) {
            Ok(e) => {
                assert_eq!(e.namespaces.len(), 200);
                captured += 1;
            }
            Err(error) => break error,
        }
    };
    assert_eq!(captured, 500);
    assert_eq!(
        error.kind,
        DecodeErrorKind::LimitExceeded {
            limit: "max_items",
            max: 100_000
        }
    );
}
