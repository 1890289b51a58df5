//! Processing instructions (`<?target data?>`), checked where the XML parser is lenient.
//!
//! `roxmltree` reads `<?xmlversion="1.0"encoding="UTF-8"?>` (an XML declaration whose spaces a
//! documentation page lost) as an instruction named `xmlversion`, and so reads the document
//! without its declaration, whatever encoding that declared. XML 1.0 (production 16) requires
//! white space or `?>` after an instruction's target: such a document is not well-formed, and
//! libxml2, expat and the .NET and Java parsers refuse it.

use roxmltree::Document;

/// The first instruction of `doc` whose target runs into its data without white space: its
/// target and the byte offset of the character after the target.
pub(crate) fn run_together(doc: &Document<'_>) -> Option<(String, usize)> {
    let text = doc.input_text();
    doc.root().descendants().find_map(|node| {
        let pi = node.pi()?;
        let after_target = node.range().start + "<?".len() + pi.target.len();
        let rest = text.get(after_target..)?;
        let separated = rest.starts_with("?>") || rest.starts_with(char::is_whitespace);
        (!separated).then(|| (pi.target.to_string(), after_target))
    })
}

/// What is wrong with an instruction `<?target…` whose target runs into its data.
pub(crate) fn message(target: &str) -> String {
    let declaration = target
        .get(..3)
        .is_some_and(|start| start.eq_ignore_ascii_case("xml"));
    let hint = if declaration {
        " (an XML declaration missing its spaces, as in `<?xmlversion=\"1.0\"?>`?)"
    } else {
        ""
    };
    format!("the processing instruction `<?{target}` needs white space after its target{hint}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Option<(String, usize)> {
        let doc = Document::parse(text).expect("roxmltree reads it");
        run_together(&doc)
    }

    #[test]
    fn a_declaration_without_spaces_is_an_instruction_run_together() {
        let text = r#"<?xmlversion="1.0"encoding="UTF-8"?><a/>"#;
        assert_eq!(check(text), Some(("xmlversion".to_string(), 12)));
    }

    #[test]
    fn instructions_inside_the_document_are_checked_too() {
        let text = "<?xml version=\"1.0\"?>\n<a><b/><?app=1?></a>";
        let (target, offset) = check(text).expect("refused");
        assert_eq!(target, "app");
        assert_eq!(&text[offset..offset + 1], "=");
    }

    #[test]
    fn well_formed_instructions_pass() {
        for text in [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>",
            "<?xml-stylesheet href=\"s.xsl\"?><a/>",
            "<a><?empty?><?tabbed\tdata?><?lined\ndata?></a>",
            "<?é données?><a/>",
        ] {
            assert_eq!(check(text), None, "{text}");
        }
    }
}
