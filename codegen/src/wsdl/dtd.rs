//! Document type declarations in contract documents.
//!
//! Some schemas are published with a `<!DOCTYPE …>`: the W3C's own XML Signature schema
//! (`xmldsig-core-schema.xsd`, which contracts that sign their messages import) declares an
//! entity for its namespace and parameter entities for the schema DTD, and uses none of them in
//! its text. Such a document is read. What is refused is a reference to an entity that the
//! DOCTYPE declares: expanding it is what entity expansion attacks (billion laughs, external
//! entities) rely on, and a contract never needs it. The external DTD subset (`PUBLIC`/`SYSTEM`)
//! is never read.

use roxmltree::{Document, ParsingOptions};

/// Why a document was not parsed.
pub(crate) enum Refusal {
    /// The XML is malformed (as `roxmltree` says).
    Xml(roxmltree::Error),
    /// An instruction's target runs into its data without white space
    /// (`<?xmlversion="1.0"?>`), at byte `offset` (the character after the target).
    InstructionRunTogether {
        /// The instruction's target as the parser read it.
        target: String,
        /// Where the target ends.
        offset: usize,
    },
    /// The document references `&name;`, an entity its DOCTYPE declares, at byte `offset`.
    DeclaredEntity {
        /// The entity's name.
        name: String,
        /// Where the reference starts.
        offset: usize,
    },
}

/// Parses a contract document: a DOCTYPE is allowed, a reference to an entity it declares is
/// not (see the module documentation); an instruction whose target runs into its data is
/// refused (see `instructions`).
pub(crate) fn parse(text: &str) -> Result<Document<'_>, Refusal> {
    if let Some(doctype) = doctype(text) {
        let declared = declared_entities(&text[doctype.clone()]);
        if let Some((name, offset)) = first_reference(text, doctype.end, &declared) {
            return Err(Refusal::DeclaredEntity {
                name: name.to_string(),
                offset,
            });
        }
    }
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(Refusal::Xml)?;
    match super::instructions::run_together(&doc) {
        Some((target, offset)) => Err(Refusal::InstructionRunTogether { target, offset }),
        None => Ok(doc),
    }
}

/// The byte range of the `<!DOCTYPE …>` declaration, when the prolog has one.
fn doctype(text: &str) -> Option<std::ops::Range<usize>> {
    let start = text.find("<!DOCTYPE")?;
    // Only in the prolog: before the first element's start tag.
    if !prolog_only(&text[..start]) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut at = start + "<!DOCTYPE".len();
    let mut quote: Option<u8> = None;
    let mut in_subset = false;
    while at < bytes.len() {
        let byte = bytes[at];
        match quote {
            Some(open) if byte == open => quote = None,
            Some(_) => {}
            // Compared as bytes: `at` walks byte by byte, and may stand inside a character
            // beyond ASCII (a name in an `<!ELEMENT …>`), where `text` cannot be sliced.
            None if in_subset && bytes[at..].starts_with(b"<!--") => {
                at = bytes[at..]
                    .windows(3)
                    .position(|window| window == b"-->")
                    .map_or(bytes.len(), |end| at + end + 2);
            }
            None => match byte {
                b'"' | b'\'' => quote = Some(byte),
                b'[' => in_subset = true,
                b']' => in_subset = false,
                b'>' if !in_subset => return Some(start..at + 1),
                _ => {}
            },
        }
        at += 1;
    }
    Some(start..bytes.len())
}

/// True when `prolog` holds only the XML declaration, comments and processing instructions.
fn prolog_only(prolog: &str) -> bool {
    let mut rest = prolog.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return true;
        }
        let end = if rest.starts_with("<?") {
            rest.find("?>").map(|end| end + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|end| end + 3)
        } else {
            None
        };
        match end {
            Some(end) => rest = &rest[end..],
            None => return false,
        }
    }
}

/// The names of the general entities (`<!ENTITY name …>`, not `<!ENTITY % name …>`) the
/// declaration declares.
fn declared_entities(doctype: &str) -> Vec<&str> {
    doctype
        .match_indices("<!ENTITY")
        .filter_map(|(at, keyword)| {
            let rest = doctype[at + keyword.len()..].trim_start();
            if rest.starts_with('%') {
                return None;
            }
            let name_end = rest
                .find(|c: char| c.is_whitespace() || c == '>' || c == '"' || c == '\'')
                .unwrap_or(rest.len());
            Some(&rest[..name_end]).filter(|name| !name.is_empty())
        })
        .collect()
}

/// The first reference `&name;` to one of `declared` after byte `from`, outside comments and
/// CDATA sections, with its offset.
fn first_reference<'t>(text: &'t str, from: usize, declared: &[&str]) -> Option<(&'t str, usize)> {
    if declared.is_empty() {
        return None;
    }
    let mut at = from;
    while let Some(found) = text[at..].find(['&', '<']) {
        let start = at + found;
        let rest = &text[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(text.len(), |end| start + end + 3);
        } else if rest.starts_with("<![CDATA[") {
            at = rest.find("]]>").map_or(text.len(), |end| start + end + 3);
        } else if let Some(name) = rest
            .strip_prefix('&')
            .and_then(|after| after.split_once(';'))
            .map(|(name, _)| name)
            .filter(|name| declared.contains(name))
        {
            return Some((name, start));
        } else {
            at = start + 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNATURE_STYLE: &str = "<?xml version=\"1.0\"?>\n<!DOCTYPE schema PUBLIC \"-//W3C//DTD XMLSchema 200102//EN\" \"XMLSchema.dtd\" [\n  <!ATTLIST schema xmlns:ds CDATA #FIXED \"urn:sig\">\n  <!ENTITY sig 'urn:sig'>\n  <!ENTITY % p ''>\n]>\n<schema xmlns=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:sig\"/>\n";

    #[test]
    fn a_doctype_whose_entities_are_unused_is_read() {
        let doc = parse(SIGNATURE_STYLE).ok().expect("parsed");
        assert_eq!(doc.root_element().tag_name().name(), "schema");
    }

    #[test]
    fn a_reference_to_a_declared_entity_is_refused_where_it_is() {
        let text =
            SIGNATURE_STYLE.replace("targetNamespace=\"urn:sig\"", "targetNamespace=\"&sig;\"");
        match parse(&text) {
            Err(Refusal::DeclaredEntity { name, offset }) => {
                assert_eq!(name, "sig");
                assert!(text[offset..].starts_with("&sig;"));
            }
            _ => panic!("expected the reference to be refused"),
        }
    }

    #[test]
    fn references_in_comments_cdata_and_the_subset_itself_are_not_references() {
        let text = "<!DOCTYPE a [<!ENTITY b 'x'><!ENTITY c '&b;'><!-- '&b;' ] > -->]><a><!-- &b; --><![CDATA[&c;]]>&amp;</a>";
        let doc = parse(text).ok().expect("parsed");
        let text: String = doc
            .root_element()
            .children()
            .filter(|child| child.is_text())
            .filter_map(|child| child.text())
            .collect();
        assert_eq!(text, "&c;&");
    }

    #[test]
    fn billion_laughs_is_refused_before_any_expansion() {
        let mut subset = String::from("<!ENTITY l0 'lol'>");
        for level in 1..10 {
            let previous = format!("&l{};", level - 1).repeat(10);
            subset.push_str(&format!("<!ENTITY l{level} '{previous}'>"));
        }
        let text = format!("<!DOCTYPE a [{subset}]><a>&l9;</a>");
        assert!(matches!(
            parse(&text),
            Err(Refusal::DeclaredEntity { name, .. }) if name == "l9"
        ));
    }

    #[test]
    fn characters_beyond_ascii_in_the_internal_subset_are_read() {
        let text = "<!DOCTYPE é [<!ELEMENT é EMPTY><!-- naïve --><!ATTLIST é ç CDATA 'ü'>]><é/>";
        let doc = parse(text).ok().expect("parsed");
        assert_eq!(doc.root_element().tag_name().name(), "é");
    }

    /// Every prefix of documents mixing a DOCTYPE's constructs with characters beyond ASCII
    /// (and each with one byte range cut out) is read or refused, never a panic.
    #[test]
    fn cut_and_truncated_doctypes_never_panic() {
        let documents = [
            SIGNATURE_STYLE.to_string(),
            "<?xml version='1.0'?><!-- é --><!DOCTYPE é [<!ENTITY ü 'ä'><!ENTITY % ö \"&#x3C;\"><!-- ]> --><!ELEMENT é ANY>]><é a='&ü;'><![CDATA[&ü;]]>&amp;ü</é>".to_string(),
        ];
        for text in &documents {
            let cuts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &end in &cuts {
                let _ = parse(&text[..end]);
            }
            for (i, &from) in cuts.iter().enumerate() {
                for &to in cuts.iter().skip(i + 1).step_by(3) {
                    let _ = parse(&format!("{}{}", &text[..from], &text[to..]));
                }
            }
        }
    }

    #[test]
    fn predefined_and_character_references_are_read() {
        let doc = parse("<!DOCTYPE a><a>&lt;&#65;</a>").ok().expect("parsed");
        assert_eq!(doc.root_element().text(), Some("<A"));
    }
}
