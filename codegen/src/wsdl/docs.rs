//! The human documentation of WSDL and schema components: `wsdl:documentation` and
//! `xs:annotation/xs:documentation`, as plain text with its whitespace collapsed.
//!
//! Paragraphs (text separated by a blank line, or separate `documentation` elements) are kept
//! apart by a blank line; within a paragraph every run of whitespace becomes one space. The text
//! is not made safe for any output format here: the emitters do that.

use super::xml::{elements, is, XmlNode, WSDL_NS, XSD_NS};

/// The `wsdl:documentation` of a WSDL element (operation, port type, message, ...).
pub(crate) fn wsdl_documentation(node: XmlNode<'_, '_>) -> Option<String> {
    collect(elements(node).filter(|n| is(*n, WSDL_NS, "documentation")))
}

/// The `xs:annotation/xs:documentation` of a schema component (type, element, attribute,
/// enumeration value).
pub(crate) fn schema_documentation(node: XmlNode<'_, '_>) -> Option<String> {
    collect(
        elements(node)
            .filter(|n| is(*n, XSD_NS, "annotation"))
            .flat_map(elements)
            .filter(|n| is(*n, XSD_NS, "documentation")),
    )
}

/// The first of two documentations that is present; both when both are, as two paragraphs.
pub(crate) fn either(first: Option<String>, second: Option<String>) -> Option<String> {
    match (first, second) {
        (Some(a), Some(b)) if a != b => Some(format!("{a}\n\n{b}")),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

/// The paragraphs of every node of `docs`, or `None` when they hold no text.
fn collect<'d, 's: 'd>(docs: impl Iterator<Item = XmlNode<'d, 's>>) -> Option<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    for doc in docs {
        // Text of nested markup (XHTML in some WSDLs) counts too, without its tags.
        let text: String = doc
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        paragraphs.extend(split_paragraphs(&text));
    }
    (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"))
}

/// `text` cut at blank lines, each part with its whitespace collapsed; empty parts left out.
fn split_paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.extend(line.split_whitespace());
        }
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_and_paragraphs_stay_apart() {
        let text = "\n    First   line\n\tcontinues here.\n\n   \n    Second\r\n  paragraph.  ";
        assert_eq!(
            split_paragraphs(text),
            vec!["First line continues here.", "Second paragraph."]
        );
        assert!(split_paragraphs("  \n\t ").is_empty());
    }

    #[test]
    fn both_documentations_are_kept_once() {
        assert_eq!(
            either(Some("a".into()), Some("b".into())).as_deref(),
            Some("a\n\nb")
        );
        assert_eq!(
            either(Some("a".into()), Some("a".into())).as_deref(),
            Some("a")
        );
        assert_eq!(either(None, Some("b".into())).as_deref(), Some("b"));
        assert_eq!(either(None, None), None);
    }
}
