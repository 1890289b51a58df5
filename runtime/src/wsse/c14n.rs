//! Exclusive XML Canonicalization 1.0 without comments
//! (<http://www.w3.org/2001/10/xml-exc-c14n#>), the canonical form WS-Security signatures
//! digest and sign.
//!
//! It works on an [`XmlElement`] read from the document as written (prefixes, namespace
//! declarations, attributes and text as the reader gives them: references resolved, line ends
//! and attribute values normalized, CDATA sections as text, comments left out) and writes:
//!
//! - every element as a start and an end tag (`<a></a>`, never `<a/>`);
//! - on each element, only the namespace declarations it *visibly utilizes* (its own prefix,
//!   or the default namespace when it has none, and the prefixes of its attributes) that its
//!   nearest written ancestor has not written with the same URI, sorted by prefix (the default
//!   namespace first); `xmlns=""` only where an ancestor wrote a default namespace;
//! - the attributes sorted by namespace URI, then local name (unqualified ones first);
//! - attribute values in double quotes with `&`, `<`, `"`, tab, line feed and carriage return
//!   escaped; text with `&`, `<`, `>` and carriage return escaped.
//!
//! With an `InclusiveNamespaces PrefixList` (what WSS4J writes into its transforms),
//! [`canonicalize_with`] also writes the listed prefixes (`""` for `#default`) wherever they
//! are in scope and not already written with the same URI, used or not, as inclusive
//! canonicalization would. Processing instructions are not kept by the reader: SOAP forbids
//! them in messages.

use crate::xml::{XmlElement, XmlNode, XML_NS};

/// The algorithm URI of exclusive canonicalization without comments.
pub const EXCLUSIVE_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";

/// The exclusive canonical form of `element`, whose in-scope namespace bindings are
/// `inherited` (declared on its ancestors, as (prefix, URI) with `""` for the default
/// namespace, later entries shadowing earlier ones) and its own declarations.
///
/// For an element read with [`XmlElement::read`] from the reader's position (whose
/// `namespaces` hold every binding in scope there), `inherited` is empty.
pub fn canonicalize(element: &XmlElement, inherited: &[(String, String)]) -> Vec<u8> {
    canonicalize_with(element, inherited, &[])
}

/// [`canonicalize`] with an `InclusiveNamespaces PrefixList`: `inclusive` names the prefixes
/// (`""` for the default namespace, which the list spells `#default`) handled as inclusive
/// canonicalization handles them.
pub fn canonicalize_with(
    element: &XmlElement,
    inherited: &[(String, String)],
    inclusive: &[&str],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024);
    let mut scope: Vec<(&str, &str)> = inherited
        .iter()
        .map(|(p, u)| (p.as_str(), u.as_str()))
        .collect();
    let mut rendered: Vec<(&str, &str)> = Vec::new();
    // Each open element: the element, the next child to write, and the lengths of `scope`
    // and `rendered` to return to at its end. Iterative: the depth of a document is bounded by
    // its reader's limits, not by this function's stack.
    let mut open: Vec<(&XmlElement, usize, usize, usize)> = Vec::new();
    open.push(start(
        element,
        inclusive,
        &mut scope,
        &mut rendered,
        &mut out,
    ));
    while let Some((current, next, scope_len, rendered_len)) = open.last_mut() {
        match current.children.get(*next) {
            Some(XmlNode::Text(text)) => {
                *next += 1;
                escape_text(text, &mut out);
            }
            Some(XmlNode::Element(child)) => {
                *next += 1;
                let frame = start(child, inclusive, &mut scope, &mut rendered, &mut out);
                open.push(frame);
            }
            None => {
                let (done, scope_len, rendered_len) = (*current, *scope_len, *rendered_len);
                out.extend_from_slice(b"</");
                push_qname(done.prefix.as_deref(), &done.local, &mut out);
                out.push(b'>');
                scope.truncate(scope_len);
                rendered.truncate(rendered_len);
                open.pop();
            }
        }
    }
    out
}

/// Writes the canonical start tag of `element` and returns its frame (see [`canonicalize`]).
fn start<'e>(
    element: &'e XmlElement,
    inclusive: &[&'e str],
    scope: &mut Vec<(&'e str, &'e str)>,
    rendered: &mut Vec<(&'e str, &'e str)>,
    out: &mut Vec<u8>,
) -> (&'e XmlElement, usize, usize, usize) {
    let frame = (element, 0, scope.len(), rendered.len());
    scope.extend(
        element
            .namespaces
            .iter()
            .map(|(p, u)| (p.as_str(), u.as_str())),
    );
    // The prefixes the element visibly utilizes: its own (`""` for the default namespace)
    // and those of its prefixed attributes; `xml` is never declared.
    let mut utilized: Vec<&str> = Vec::with_capacity(1 + element.attributes.len());
    utilized.push(element.prefix.as_deref().unwrap_or(""));
    utilized.extend(
        element
            .attributes
            .iter()
            .filter_map(|a| a.prefix.as_deref())
            .filter(|p| *p != "xml" && !p.is_empty()),
    );
    // The listed prefixes, where the element has a namespace node for them (a non-empty
    // binding in scope).
    utilized.extend(
        inclusive
            .iter()
            .filter(|p| **p != "xml" && lookup(scope, p).is_some_and(|uri| !uri.is_empty())),
    );
    utilized.sort_unstable();
    utilized.dedup();

    out.push(b'<');
    push_qname(element.prefix.as_deref(), &element.local, out);
    for prefix in utilized {
        let uri = lookup(scope, prefix).unwrap_or("");
        let written = lookup(rendered, prefix);
        // The default namespace counts as written empty where no ancestor wrote one.
        let already = match prefix {
            "" => written.unwrap_or("") == uri,
            _ => written == Some(uri),
        };
        if already {
            continue;
        }
        if prefix.is_empty() {
            out.extend_from_slice(b" xmlns=\"");
        } else {
            out.extend_from_slice(b" xmlns:");
            out.extend_from_slice(prefix.as_bytes());
            out.extend_from_slice(b"=\"");
        }
        escape_attribute(uri, out);
        out.push(b'"');
        rendered.push((prefix, uri));
    }
    let mut attributes: Vec<_> = element.attributes.iter().collect();
    attributes.sort_by(|a, b| {
        (a.namespace.as_str(), a.local.as_str()).cmp(&(b.namespace.as_str(), b.local.as_str()))
    });
    for attribute in attributes {
        out.push(b' ');
        let prefix = match attribute.prefix.as_deref() {
            // An attribute in the XML namespace is always written `xml:`.
            _ if attribute.namespace == XML_NS => Some("xml"),
            other => other,
        };
        push_qname(prefix, &attribute.local, out);
        out.extend_from_slice(b"=\"");
        escape_attribute(&attribute.value, out);
        out.push(b'"');
    }
    out.push(b'>');
    frame
}

/// The URI `prefix` is bound to in `bindings` (the innermost binding).
fn lookup<'b>(bindings: &[(&str, &'b str)], prefix: &str) -> Option<&'b str> {
    bindings
        .iter()
        .rev()
        .find(|(p, _)| *p == prefix)
        .map(|(_, uri)| *uri)
}

fn push_qname(prefix: Option<&str>, local: &str, out: &mut Vec<u8>) {
    if let Some(prefix) = prefix.filter(|p| !p.is_empty()) {
        out.extend_from_slice(prefix.as_bytes());
        out.push(b':');
    }
    out.extend_from_slice(local.as_bytes());
}

/// Text as canonical XML writes it: `&`, `<`, `>` and carriage return escaped.
fn escape_text(text: &str, out: &mut Vec<u8>) {
    for &b in text.as_bytes() {
        match b {
            b'&' => out.extend_from_slice(b"&amp;"),
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            b'\r' => out.extend_from_slice(b"&#xD;"),
            _ => out.push(b),
        }
    }
}

/// An attribute value as canonical XML writes it: `&`, `<`, `"`, tab, line feed and carriage
/// return escaped.
fn escape_attribute(value: &str, out: &mut Vec<u8>) {
    for &b in value.as_bytes() {
        match b {
            b'&' => out.extend_from_slice(b"&amp;"),
            b'<' => out.extend_from_slice(b"&lt;"),
            b'"' => out.extend_from_slice(b"&quot;"),
            b'\t' => out.extend_from_slice(b"&#x9;"),
            b'\n' => out.extend_from_slice(b"&#xA;"),
            b'\r' => out.extend_from_slice(b"&#xD;"),
            _ => out.push(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::{Limits, XmlReader};

    fn c14n_of(xml: &str, local: &str) -> String {
        let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
        let root = r.root().unwrap();
        let tree = XmlElement::read(&mut r, &root).unwrap();
        // Depth-first search for the first element named `local`, with its inherited scope.
        fn find<'e>(
            e: &'e XmlElement,
            local: &str,
            scope: &mut Vec<(String, String)>,
        ) -> Option<&'e XmlElement> {
            if e.local == local {
                return Some(e);
            }
            let before = scope.len();
            scope.extend(e.namespaces.iter().cloned());
            for child in e.children_elements() {
                if let Some(found) = find(child, local, scope) {
                    return Some(found);
                }
            }
            scope.truncate(before);
            None
        }
        let mut scope = Vec::new();
        let target = find(&tree, local, &mut scope).unwrap();
        String::from_utf8(canonicalize(target, &scope)).unwrap()
    }

    #[test]
    fn the_specifications_example_subtree() {
        // Exclusive XML Canonicalization 1.0, section 2.2: elem2's subtree does not take
        // n0 from its ancestor, and n3 is written where it is used.
        let xml = "<n0:local xmlns:n0=\"foo:bar\" xmlns:n3=\"ftp://example.org\">\n  \
                   <n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\">\n    \
                   <n3:stuff xmlns:n3=\"ftp://example.org\"/>\n  </n1:elem2>\n</n0:local>";
        assert_eq!(
            c14n_of(xml, "elem2"),
            "<n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\">\n    \
             <n3:stuff xmlns:n3=\"ftp://example.org\"></n3:stuff>\n  </n1:elem2>"
        );
    }

    #[test]
    fn default_namespaces_sorting_and_escaping() {
        let xml = "<r xmlns=\"urn:d\" xmlns:b=\"urn:b\" xmlns:a=\"urn:a\" z=\"1\" b:y=\"2\" \
                   a:x=\"&#9;&amp;&quot;&lt;\"><c xmlns=\"\">t&gt;&#13;<d/></c></r>";
        assert_eq!(
            c14n_of(xml, "r"),
            "<r xmlns=\"urn:d\" xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" z=\"1\" a:x=\"&#x9;&amp;&quot;&lt;\" \
             b:y=\"2\"><c xmlns=\"\">t&gt;&#xD;<d></d></c></r>"
        );
        // Without a written default namespace above, `xmlns=""` is not written.
        assert_eq!(c14n_of(xml, "c"), "<c>t&gt;&#xD;<d></d></c>");
    }
}
