//! Properties of raw XML values on random trees: what `XmlElement::write` writes is the same
//! tree for roxmltree (an XML parser nobody here wrote), and re-reading what was written gives
//! an equal value.

use proptest::prelude::*;
use soap_runtime::xml::{Limits, XmlAttribute, XmlElement, XmlNode, XmlReader};

const NAMESPACES: &[&str] = &["", "urn:a", "urn:b", "http://example.org/x?q=1&r=\"2\""];
const PREFIXES: &[&str] = &["p", "q", "ns0", "n0", "xsi", "a"];
const LOCALS: &[&str] = &["a", "b", "item", "x-y", "_z", "é"];

fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-c <>&\"'\t\n\r\u{e9}\u{1F600}\u{FFFD}]{0,8}").unwrap()
}

fn prefix() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(proptest::sample::select(PREFIXES).prop_map(str::to_string))
}

fn declaration() -> impl Strategy<Value = (String, String)> {
    (
        proptest::sample::select(&["", "p", "q", "ns1"][..]),
        proptest::sample::select(NAMESPACES),
    )
        .prop_filter("a prefix cannot be undeclared", |(p, uri)| {
            p.is_empty() || !uri.is_empty()
        })
        .prop_map(|(p, uri)| (p.to_string(), uri.to_string()))
}

fn attribute() -> impl Strategy<Value = XmlAttribute> {
    (
        proptest::sample::select(NAMESPACES),
        proptest::sample::select(LOCALS),
        prefix(),
        text(),
    )
        .prop_map(|(namespace, local, prefix, value)| XmlAttribute {
            namespace: namespace.to_string(),
            local: local.to_string(),
            prefix,
            value,
        })
}

fn leaf() -> impl Strategy<Value = XmlElement> {
    (
        proptest::sample::select(NAMESPACES),
        proptest::sample::select(LOCALS),
        prefix(),
        proptest::collection::vec(declaration(), 0..3),
        proptest::collection::vec(attribute(), 0..4),
    )
        .prop_map(|(namespace, local, prefix, namespaces, attributes)| {
            let mut unique: Vec<XmlAttribute> = Vec::new();
            for a in attributes {
                if !unique
                    .iter()
                    .any(|b| b.local == a.local && b.namespace == a.namespace)
                {
                    unique.push(a);
                }
            }
            XmlElement {
                namespace: namespace.to_string(),
                local: local.to_string(),
                prefix,
                namespaces,
                attributes: unique,
                children: Vec::new(),
            }
        })
}

fn element() -> impl Strategy<Value = XmlElement> {
    leaf().prop_recursive(4, 40, 5, |inner| {
        (
            leaf(),
            proptest::collection::vec(
                prop_oneof![
                    inner.prop_map(XmlNode::Element),
                    text().prop_map(XmlNode::Text)
                ],
                0..5,
            ),
        )
            .prop_map(|(mut e, children)| {
                e.children = children;
                e
            })
    })
}

/// (namespace, local, sorted attributes, children with adjacent text merged, empty text out).
#[derive(Debug, PartialEq)]
enum Tree {
    Element(String, String, Vec<(String, String, String)>, Vec<Tree>),
    Text(String),
}

fn push_text(children: &mut Vec<Tree>, text: &str) {
    if text.is_empty() {
        return;
    }
    match children.last_mut() {
        Some(Tree::Text(last)) => last.push_str(text),
        _ => children.push(Tree::Text(text.to_string())),
    }
}

fn ours(e: &XmlElement) -> Tree {
    let mut attributes: Vec<_> = e
        .attributes
        .iter()
        .map(|a| (a.namespace.clone(), a.local.clone(), a.value.clone()))
        .collect();
    attributes.sort();
    let mut children = Vec::new();
    for node in &e.children {
        match node {
            XmlNode::Element(c) => children.push(ours(c)),
            XmlNode::Text(t) => push_text(&mut children, t),
        }
    }
    Tree::Element(e.namespace.clone(), e.local.clone(), attributes, children)
}

fn theirs(n: roxmltree::Node<'_, '_>) -> Tree {
    let mut attributes: Vec<_> = n
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
    for c in n.children() {
        if c.is_element() {
            children.push(theirs(c));
        } else if c.is_text() {
            push_text(&mut children, c.text().unwrap_or(""));
        }
    }
    Tree::Element(
        n.tag_name().namespace().unwrap_or("").to_string(),
        n.tag_name().name().to_string(),
        attributes,
        children,
    )
}

fn read(xml: &str) -> XmlElement {
    let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    let root = r.root().unwrap();
    let e = XmlElement::read(&mut r, &root).unwrap();
    r.finish().unwrap();
    e
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn written_trees_are_the_same_for_roxmltree_and_read_back_equal(e in element()) {
        let written = e.to_xml_string().unwrap();
        let doc = roxmltree::Document::parse(&written)
            .map_err(|err| TestCaseError::fail(format!("{err}: {written}")))?;
        prop_assert_eq!(theirs(doc.root_element()), ours(&e), "{}", written);
        // What was read back is the same tree, and a fixed point: written and read again, equal.
        let once = read(&written);
        prop_assert_eq!(ours(&once), ours(&e));
        let twice = read(&once.to_xml_string().unwrap());
        prop_assert_eq!(twice, once);
    }
}
