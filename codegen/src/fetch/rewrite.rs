//! The references between documents (`wsdl:import/@location`, `xs:import`, `xs:include`,
//! `xs:redefine` and `xs:override` `/@schemaLocation`) and their rewriting to local file names
//! in the document's own bytes: only the attribute values change, everything else (layout,
//! comments, quotes, encoding declaration) is kept byte for byte.

use std::ops::Range;

use crate::wsdl::well_known;

/// The WSDL 1.1 namespace.
pub(crate) const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
/// The XML Schema namespace.
pub(crate) const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// A reference from one document to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// Where the attribute's value is in the parsed text (between the quotes, as written).
    pub(crate) value: Range<usize>,
    /// The location, entity references resolved and surrounding spaces removed.
    pub(crate) location: String,
}

/// The references of `doc` to follow, in document order. Not followed (and left as written):
/// imports of the XML Schema namespace (its types are built in), imports the generator knows
/// without a network (the XML namespace, SOAP envelopes and encoding, WS-Addressing, xmime,
/// xop: by namespace or well-known location), and empty locations.
pub(crate) fn references(doc: &roxmltree::Document<'_>) -> Vec<Reference> {
    doc.descendants()
        .filter(|node| node.is_element())
        .filter_map(|node| {
            let name = node.tag_name();
            let attribute = match (name.namespace(), name.name()) {
                (Some(WSDL_NS), "import") => "location",
                (Some(XSD_NS), "import" | "include" | "redefine" | "override") => "schemaLocation",
                _ => return None,
            };
            let found = node
                .attributes()
                .find(|a| a.name() == attribute && a.namespace().is_none())?;
            let location = found.value().trim();
            if location.is_empty() {
                return None;
            }
            if name.namespace() == Some(XSD_NS) && name.name() == "import" {
                let namespace = node.attribute("namespace").unwrap_or("");
                if namespace == XSD_NS
                    || well_known::by_namespace(namespace).is_some()
                    || well_known::by_location(location).is_some()
                {
                    return None;
                }
            }
            Some(Reference {
                value: found.range_value(),
                location: location.to_string(),
            })
        })
        .collect()
}

/// `text` with each range replaced by its text; ranges must not overlap.
pub(crate) fn rewrite(text: &[u8], mut edits: Vec<(Range<usize>, String)>) -> Vec<u8> {
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at || range.end > text.len() {
            // Overlapping or outside: cannot come from one parse of `text`; keep the original.
            continue;
        }
        out.extend_from_slice(&text[at..range.start]);
        out.extend_from_slice(replacement.as_bytes());
        at = range.end;
    }
    out.extend_from_slice(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const WSDL: &str = r#"<?xml version="1.0"?>
<!-- a comment -->
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:import namespace="urn:a"   location = 'http://h/S.svc?wsdl=wsdl0' />
  <wsdl:types>
    <xs:schema targetNamespace="urn:b">
      <xs:import namespace="urn:c" schemaLocation="http://h/S.svc?xsd=xsd0&amp;x=1"/>
      <xs:import namespace="http://www.w3.org/2001/XMLSchema" schemaLocation="XMLSchema.xsd"/>
      <xs:import namespace="http://www.w3.org/2005/08/addressing" schemaLocation="ws-addr.xsd"/>
      <xs:import namespace="urn:d"/>
      <xs:include schemaLocation=" part.xsd "/>
    </xs:schema>
  </wsdl:types>
  <wsdl:service><soap:address xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" location="http://h/S.svc"/></wsdl:service>
</wsdl:definitions>"#;

    #[test]
    fn finds_the_references_to_follow() {
        let doc = roxmltree::Document::parse(WSDL).expect("test WSDL");
        let found: Vec<String> = references(&doc).into_iter().map(|r| r.location).collect();
        assert_eq!(
            found,
            [
                "http://h/S.svc?wsdl=wsdl0",
                "http://h/S.svc?xsd=xsd0&x=1",
                "part.xsd"
            ]
        );
    }

    #[test]
    fn rewrites_only_the_values() {
        let doc = roxmltree::Document::parse(WSDL).expect("test WSDL");
        let edits = references(&doc)
            .into_iter()
            .zip(["S.wsdl0.wsdl", "S.xsd0.xsd", "part.xsd"])
            .map(|(r, name)| (r.value, name.to_string()))
            .collect();
        let rewritten = String::from_utf8(rewrite(WSDL.as_bytes(), edits)).expect("UTF-8");
        let expected = WSDL
            .replace("'http://h/S.svc?wsdl=wsdl0'", "'S.wsdl0.wsdl'")
            .replace("\"http://h/S.svc?xsd=xsd0&amp;x=1\"", "\"S.xsd0.xsd\"")
            .replace("\" part.xsd \"", "\"part.xsd\"");
        assert_eq!(rewritten, expected);
    }
}
