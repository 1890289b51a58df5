//! Multi-reference values (SOAP 1.1 section 5.4.1, `href="#id"`/`id="id"`) inlined before
//! decoding: forward and nested references, shared values, cycles, unknown ids, expansion
//! bombs. Results are compared, as trees parsed by roxmltree (an XML parser nobody here
//! wrote), with documents written out by hand.

use std::borrow::Cow;

use soap_runtime::error::DecodeErrorKind;
use soap_runtime::{inline_multi_references, Limits, ReferenceProblem};

/// A document as roxmltree sees it, namespaces resolved: `{ns}name[attr=value,..](children)`,
/// whitespace-only text left out, attributes sorted.
fn canonical(xml: &str) -> String {
    fn node(n: roxmltree::Node<'_, '_>, out: &mut String) {
        if n.is_text() {
            let text = n.text().unwrap_or("");
            if !text.trim().is_empty() {
                out.push_str(&format!("'{}'", text.trim()));
            }
            return;
        }
        if !n.is_element() {
            return;
        }
        let mut attributes: Vec<String> = n
            .attributes()
            .map(|a| {
                // QName-valued attributes (xsi:type, arrayType) are resolved in scope.
                let value = match a.value().split_once(':') {
                    Some((p, l)) if n.lookup_namespace_uri(Some(p)).is_some() => {
                        format!("{{{}}}{l}", n.lookup_namespace_uri(Some(p)).unwrap_or(""))
                    }
                    _ => a.value().to_string(),
                };
                format!("{{{}}}{}={value}", a.namespace().unwrap_or(""), a.name())
            })
            .collect();
        attributes.sort();
        out.push_str(&format!(
            "{{{}}}{}[{}](",
            n.tag_name().namespace().unwrap_or(""),
            n.tag_name().name(),
            attributes.join(",")
        ));
        for child in n.children() {
            node(child, out);
        }
        out.push(')');
    }
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    let mut out = String::new();
    node(doc.root_element(), &mut out);
    out
}

fn inline(xml: &str) -> String {
    match inline_multi_references(xml.as_bytes(), Limits::default()).unwrap() {
        Cow::Owned(bytes) => String::from_utf8(bytes).unwrap(),
        Cow::Borrowed(_) => panic!("expected references to be inlined in {xml}"),
    }
}

fn problem(xml: &str) -> (String, ReferenceProblem, u32) {
    let error = inline_multi_references(xml.as_bytes(), Limits::default()).unwrap_err();
    match error.kind {
        DecodeErrorKind::BadReference { id, problem } => (id, problem, error.location.line),
        other => panic!("{other:?}"),
    }
}

fn envelope(body: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>{body}</s:Body></s:Envelope>"#
    )
}

#[test]
fn documents_without_local_references_pass_untouched() {
    for xml in [
        envelope("<m:Op xmlns:m='urn:m'><a>1</a></m:Op>"),
        envelope("<m:Op xmlns:m='urn:m'><link href='http://example.org/#x'/></m:Op>"),
        envelope(
            "<m:Op xmlns:m='urn:m'>href=\"#x\" is text here? no: it is not an attribute</m:Op>",
        )
        .replace("href=\"#x\"", "href"),
    ] {
        let out = inline_multi_references(xml.as_bytes(), Limits::default()).unwrap();
        match out {
            Cow::Borrowed(bytes) => assert!(std::ptr::eq(bytes, xml.as_bytes())),
            Cow::Owned(_) => panic!("copied {xml}"),
        }
    }
    // Spaces around `=` and single quotes are references too.
    let spaced = envelope("<m:Op xmlns:m='urn:m'><a href = '#v'/></m:Op><v id='v'>1</v>");
    assert_eq!(
        canonical(&inline(&spaced)),
        canonical(&envelope("<m:Op xmlns:m='urn:m'><a>1</a></m:Op>"))
    );
}

#[test]
fn forward_nested_and_shared_references_are_inlined() {
    let xml = envelope(
        r##"<m:GetOrder xmlns:m="urn:shop">
              <order href="#o1"/>
              <billTo href="#addr"/>
            </m:GetOrder>
            <multiRef id="o1" xsi:type="m:Order" xmlns:m="urn:shop">
              <lines enc:arrayType="m:Line[2]" xsi:type="enc:Array">
                <item href="#l1"/>
                <item href="#l2"/>
              </lines>
              <shipTo href="#addr"/>
            </multiRef>
            <multiRef id="l1" xsi:type="m:Line" xmlns:m="urn:shop"><sku>A</sku></multiRef>
            <multiRef id="l2" xsi:type="m:Line" xmlns:m="urn:shop"><sku>B</sku></multiRef>
            <multiRef id="addr" xsi:type="m:Address" xmlns:m="urn:shop"><city>Oslo</city></multiRef>"##,
    );
    let expected = envelope(
        r##"<m:GetOrder xmlns:m="urn:shop">
              <order xsi:type="m:Order">
                <lines enc:arrayType="m:Line[2]" xsi:type="enc:Array">
                  <item xsi:type="m:Line"><sku>A</sku></item>
                  <item xsi:type="m:Line"><sku>B</sku></item>
                </lines>
                <shipTo xsi:type="m:Address"><city>Oslo</city></shipTo>
              </order>
              <billTo xsi:type="m:Address"><city>Oslo</city></billTo>
            </m:GetOrder>"##,
    );
    assert_eq!(canonical(&inline(&xml)), canonical(&expected));
}

#[test]
fn a_target_inside_the_wrapper_stays_and_is_copied_backwards() {
    let xml = envelope(
        r##"<m:Op xmlns:m="urn:m"><first id="v" xsi:type="xsd:string">shared</first><second href="#v"/></m:Op>"##,
    );
    let expected = envelope(
        r##"<m:Op xmlns:m="urn:m"><first id="v" xsi:type="xsd:string">shared</first><second xsi:type="xsd:string">shared</second></m:Op>"##,
    );
    assert_eq!(canonical(&inline(&xml)), canonical(&expected));
}

#[test]
fn inlined_content_keeps_its_own_namespace_bindings() {
    // The target's `t` means urn:target; at the reference `t` means something else.
    let xml = envelope(
        r##"<m:Op xmlns:m="urn:m" xmlns:t="urn:elsewhere"><t:v href="#x"/></m:Op><r id="x" xmlns:t="urn:target" xsi:type="t:Type"><t:child>t:Value</t:child></r>"##,
    );
    let out = inline(&xml);
    let doc = roxmltree::Document::parse(&out).unwrap();
    let v = doc
        .descendants()
        .find(|n| n.tag_name().name() == "v")
        .expect(&out);
    assert_eq!(v.tag_name().namespace(), Some("urn:elsewhere"), "{out}");
    let xsi_type = v
        .attribute(("http://www.w3.org/2001/XMLSchema-instance", "type"))
        .unwrap();
    let (prefix, _) = xsi_type.split_once(':').unwrap();
    assert_eq!(
        v.lookup_namespace_uri(Some(prefix)),
        Some("urn:target"),
        "{out}"
    );
    let child = v.first_element_child().unwrap();
    assert_eq!(child.tag_name().namespace(), Some("urn:target"), "{out}");
    let (prefix, _) = child.text().unwrap().split_once(':').unwrap();
    assert_eq!(
        child.lookup_namespace_uri(Some(prefix)),
        Some("urn:target"),
        "{out}"
    );
}

#[test]
fn roots_and_unreferenced_values_after_the_wrapper_are_kept() {
    let xml = envelope(
        r##"<m:Op xmlns:m="urn:m"><a href="#x"/></m:Op><v id="x">1</v><w id="y">2</w><z id="z" enc:root="1">3</z><q href="#z"/>"##,
    );
    let expected = envelope(
        r##"<m:Op xmlns:m="urn:m"><a>1</a></m:Op><w id="y">2</w><z id="z" enc:root="1">3</z><q enc:root="1">3</q>"##,
    );
    assert_eq!(canonical(&inline(&xml)), canonical(&expected));
}

#[test]
fn outside_an_envelope_references_are_inlined_and_nothing_is_dropped() {
    let xml = r##"<list><a href="#x"/><b id="x">1</b></list>"##;
    assert_eq!(
        canonical(&inline(xml)),
        canonical(r##"<list><a>1</a><b id="x">1</b></list>"##)
    );
}

#[test]
fn cycles_unknown_and_duplicate_ids_are_typed_errors() {
    let cycle = envelope(
        "<m:Op xmlns:m='urn:m'><a href='#x'/></m:Op>\n<v id='x'><next href='#y'/></v>\n<v id='y'><back href='#x'/></v>",
    );
    let (id, kind, _) = problem(&cycle);
    assert_eq!(kind, ReferenceProblem::Cycle);
    assert!(id == "x" || id == "y", "{id}");
    let (id, kind, _) = problem(&envelope(
        "<m:Op xmlns:m='urn:m'><a id='s' href='#s'/></m:Op>",
    ));
    assert_eq!((id.as_str(), kind), ("s", ReferenceProblem::Cycle));
    // A reference to an element that contains it.
    let (id, kind, _) = problem(&envelope(
        "<m:Op xmlns:m='urn:m'><a id='up'><b><c href='#up'/></b></a></m:Op>",
    ));
    assert_eq!((id.as_str(), kind), ("up", ReferenceProblem::Cycle));
    let unknown = envelope("<m:Op xmlns:m='urn:m'>\n<a href='#nowhere'/></m:Op>");
    let (id, kind, line) = problem(&unknown);
    assert_eq!(
        (id.as_str(), kind, line),
        ("nowhere", ReferenceProblem::UnknownId, 2)
    );
    let duplicate =
        envelope("<m:Op xmlns:m='urn:m'><a href='#d'/></m:Op><v id='d'>1</v><v id='d'>2</v>");
    assert_eq!(problem(&duplicate).1, ReferenceProblem::DuplicateId);
    // The error message names the id and the problem.
    let error = inline_multi_references(unknown.as_bytes(), Limits::default()).unwrap_err();
    assert!(error.to_string().contains("#nowhere"), "{error}");
    // A reference chain that is no cycle (x -> y, used twice) is fine.
    let diamond = envelope(
        "<m:Op xmlns:m='urn:m'><a href='#x'/><b href='#x'/></m:Op><v id='x'><c href='#y'/><d href='#y'/></v><v id='y'>1</v>",
    );
    assert_eq!(
        canonical(&inline(&diamond)),
        canonical(&envelope(
            "<m:Op xmlns:m='urn:m'><a><c>1</c><d>1</d></a><b><c>1</c><d>1</d></b></m:Op>"
        ))
    );
}

/// Each level refers twice to the next: `levels` levels make 2^levels copies of the last.
fn laughs(levels: usize, leaf: &str) -> String {
    let mut body = String::from("<m:Op xmlns:m='urn:m'><a href='#l0'/></m:Op>");
    for level in 0..levels {
        body.push_str(&format!(
            "<v id='l{level}'><x href='#l{next}'/><y href='#l{next}'/></v>",
            next = level + 1
        ));
    }
    body.push_str(&format!("<v id='l{levels}'>{leaf}</v>"));
    envelope(&body)
}

#[test]
fn expansion_bombs_fail_on_a_limit() {
    // 2^40 nodes: refused on the node budget (4 per item of max_items).
    let error =
        inline_multi_references(laughs(40, "lol").as_bytes(), Limits::default()).unwrap_err();
    assert!(
        matches!(error.kind, DecodeErrorKind::LimitExceeded { limit, .. } if limit.starts_with("max_items")),
        "{error}"
    );
    // Few nodes but much text: refused on max_message_size.
    let limits = Limits {
        max_message_size: 1 << 20,
        ..Limits::default()
    };
    let big = "x".repeat(100_000);
    let error = inline_multi_references(laughs(8, &big).as_bytes(), limits).unwrap_err();
    assert_eq!(
        error.kind,
        DecodeErrorKind::LimitExceeded {
            limit: "max_message_size",
            max: 1 << 20
        }
    );
    // References nested deeper than max_depth.
    let mut body = String::from("<m:Op xmlns:m='urn:m'><a href='#d0'/></m:Op>");
    for level in 0..100 {
        body.push_str(&format!("<v id='d{level}'><n href='#d{}'/></v>", level + 1));
    }
    body.push_str("<v id='d100'>end</v>");
    let error = inline_multi_references(envelope(&body).as_bytes(), Limits::default()).unwrap_err();
    assert!(
        matches!(
            error.kind,
            DecodeErrorKind::LimitExceeded {
                limit: "max_depth",
                ..
            }
        ),
        "{error}"
    );
    // A small bomb within the limits expands in full.
    let out = inline(&laughs(4, "lol"));
    assert_eq!(out.matches("lol").count(), 16);
}

#[test]
fn malformed_input_is_a_decode_error() {
    for xml in [
        "<a href='#x'><b id='x'></a>",
        "<!DOCTYPE a [<!ENTITY e 'x'>]><a href='#x'/>",
        "<a href='#x'/><b id='x'/>",
        "<p:a href='#x' id='x'/>",
    ] {
        let error = inline_multi_references(xml.as_bytes(), Limits::default()).unwrap_err();
        assert!(
            matches!(
                error.kind,
                DecodeErrorKind::Malformed(_) | DecodeErrorKind::DtdRefused
            ),
            "{xml}: {error}"
        );
    }
}

#[test]
fn references_under_many_bindings_are_charged_for_them() {
    // Every reference may need the target's bindings declared again: 200 bindings each.
    let declarations: String = (0..200).map(|i| format!(" xmlns:p{i}='urn:{i}'")).collect();
    let document = |refs: usize| {
        format!(
            "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'{declarations}><s:Body><m:Op xmlns:m='urn:m'>{}</m:Op><v id='x'>1</v></s:Body></s:Envelope>",
            "<a href='#x'/>".repeat(refs)
        )
    };
    let limits = Limits {
        max_items: 10_000,
        ..Limits::default()
    };
    let error = inline_multi_references(document(1_000).as_bytes(), limits).unwrap_err();
    assert!(
        matches!(error.kind, DecodeErrorKind::LimitExceeded { limit, .. } if limit.starts_with("max_items")),
        "{error}"
    );
    let small = document(50);
    let out = inline_multi_references(small.as_bytes(), limits).unwrap();
    assert_eq!(String::from_utf8_lossy(&out).matches(">1<").count(), 50);
}
