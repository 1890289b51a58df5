//! The XML declaration (`<?xml version="1.0" encoding="…" standalone="…"?>`), read by its
//! grammar (XML 1.0 fifth edition, productions 23–27 and 80–81): `version` first, then an
//! optional `encoding`, then an optional `standalone`, each after whitespace, with nothing
//! else inside.
//!
//! It works on bytes, so that the encoding can be read from a document that is not decoded
//! yet: everything the grammar allows is ASCII.

use super::tokenizer::Malformed;

/// What a well-formed XML declaration says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Declaration<'a> {
    /// The encoding name as written (an `EncName`: ASCII letters, digits, `.`, `_`, `-`).
    pub(crate) encoding: Option<&'a str>,
    /// Where the encoding name lies in the bytes given to [`parse`].
    pub(crate) encoding_at: Option<std::ops::Range<usize>>,
    /// The length of the whole declaration, `?>` included.
    pub(crate) length: usize,
}

/// True when `bytes` start with an XML declaration (`<?xml` and whitespace), as opposed to
/// another processing instruction or none.
pub(crate) fn starts_declaration(bytes: &[u8]) -> bool {
    bytes.starts_with(b"<?xml") && bytes.get(5).is_some_and(|&b| is_space(b))
}

/// True when `target` is a processing instruction target reserved by XML (`xml` in any case).
pub(crate) fn is_reserved_target(target: &str) -> bool {
    target.eq_ignore_ascii_case("xml")
}

/// Well-formed declarations read without the grammar, each naming UTF-8 at
/// [`COMMON_ENCODING_AT`].
const COMMON: [&str; 4] = [
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    "<?xml version='1.0' encoding='utf-8'?>",
    "<?xml version='1.0' encoding='UTF-8'?>",
];
/// Where the encoding name starts in each of [`COMMON`].
const COMMON_ENCODING_AT: usize = 30;

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Reads the declaration at the start of `bytes` (which [`starts_declaration`]); offsets in
/// errors are relative to `bytes`.
pub(crate) fn parse(bytes: &[u8]) -> Result<Declaration<'_>, Malformed> {
    // The declarations nearly every SOAP peer writes, taken whole without the grammar.
    for common in COMMON {
        if bytes.starts_with(common.as_bytes()) {
            let encoding_at = COMMON_ENCODING_AT..COMMON_ENCODING_AT + 5;
            return Ok(Declaration {
                encoding: common.get(encoding_at.clone()),
                encoding_at: Some(encoding_at),
                length: common.len(),
            });
        }
    }
    let mut cursor = Cursor { bytes, at: 5 };
    let (at, name, version) = cursor.pseudo_attribute()?;
    if name != b"version" {
        return Err(fail(at, "the XML declaration must start with `version`"));
    }
    let is_version = version.len() > 2
        && version.starts_with(b"1.")
        && version[2..].iter().all(u8::is_ascii_digit);
    if !is_version {
        return Err(fail(
            at,
            "the XML declaration's version is not `1.` and digits",
        ));
    }
    let mut declaration = Declaration {
        encoding: None,
        encoding_at: None,
        length: 0,
    };
    let mut next = cursor.optional_pseudo_attribute()?;
    if let Some((at, b"encoding", value)) = next {
        let is_name = value.first().is_some_and(u8::is_ascii_alphabetic)
            && value
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !is_name {
            return Err(fail(
                at,
                "the XML declaration's encoding is not an encoding name",
            ));
        }
        let end = cursor.at - 1;
        declaration.encoding_at = Some(end - value.len()..end);
        // Checked above: ASCII letters, digits and punctuation only.
        declaration.encoding = std::str::from_utf8(value).ok();
        next = cursor.optional_pseudo_attribute()?;
    }
    if let Some((at, b"standalone", value)) = next {
        if value != b"yes" && value != b"no" {
            return Err(fail(
                at,
                "the XML declaration's standalone is not `yes` or `no`",
            ));
        }
        next = cursor.optional_pseudo_attribute()?;
    }
    if let Some((at, ..)) = next {
        return Err(fail(
            at,
            "the XML declaration holds something other than version, encoding and standalone, \
             in that order",
        ));
    }
    cursor.skip_space();
    if !bytes[cursor.at..].starts_with(b"?>") {
        return Err(cursor.fail("the XML declaration does not end with `?>`"));
    }
    declaration.length = cursor.at + 2;
    Ok(declaration)
}

fn fail(offset: usize, message: &str) -> Malformed {
    Malformed {
        offset,
        message: format!("ill-formed document: {message}"),
    }
}

/// One `name = 'value'` of the declaration: where its name starts, the name and the value.
type PseudoAttribute<'a> = (usize, &'a [u8], &'a [u8]);

/// A position in the declaration.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn fail(&self, message: &str) -> Malformed {
        fail(self.at, message)
    }

    fn skip_space(&mut self) -> usize {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(|&b| is_space(b)) {
            self.at += 1;
        }
        self.at - start
    }

    /// Whitespace, then `name = 'value'`; `None` (consuming only whitespace) when the
    /// declaration ends there.
    fn optional_pseudo_attribute(&mut self) -> Result<Option<PseudoAttribute<'a>>, Malformed> {
        let before = self.at;
        let spaced = self.skip_space() > 0;
        if self.bytes[self.at..].starts_with(b"?>") || self.at == self.bytes.len() {
            return Ok(None);
        }
        if !spaced {
            return Err(self.fail("the XML declaration needs whitespace between its parts"));
        }
        self.at = before;
        self.pseudo_attribute().map(Some)
    }

    /// Whitespace, then `name = 'value'`: where the name starts, the name and the value.
    fn pseudo_attribute(&mut self) -> Result<PseudoAttribute<'a>, Malformed> {
        if self.skip_space() == 0 {
            return Err(self.fail("the XML declaration needs whitespace between its parts"));
        }
        let name_start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_lowercase) {
            self.at += 1;
        }
        let name = &self.bytes[name_start..self.at];
        if name.is_empty() {
            return Err(self.fail("the XML declaration holds something other than its parts"));
        }
        self.skip_space();
        if self.bytes.get(self.at) != Some(&b'=') {
            return Err(self.fail("the XML declaration lacks `=` after a name"));
        }
        self.at += 1;
        self.skip_space();
        let quote = match self.bytes.get(self.at) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Err(self.fail("the XML declaration has a value without quotes")),
        };
        let value_start = self.at + 1;
        let Some(length) = self.bytes[value_start..].iter().position(|&b| b == quote) else {
            return Err(self.fail("the XML declaration has a value without its closing quote"));
        };
        self.at = value_start + length + 1;
        Ok((
            name_start,
            name,
            &self.bytes[value_start..value_start + length],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_version_encoding_and_standalone_in_order() {
        let text = b"<?xml version='1.0' encoding=\"ISO-8859-1\"  standalone='yes' ?><a/>";
        let declaration = parse(text).unwrap();
        assert_eq!(declaration.encoding, Some("ISO-8859-1"));
        assert_eq!(&text[declaration.encoding_at.unwrap()], b"ISO-8859-1");
        assert_eq!(&text[declaration.length..], b"<a/>");
        assert_eq!(parse(b"<?xml version = \"1.1\"?>").unwrap().encoding, None);
    }

    #[test]
    fn the_common_declarations_read_as_the_grammar_reads_them() {
        for common in COMMON {
            let text = format!("{common}<a/>");
            let fast = parse(text.as_bytes()).unwrap();
            // The same declaration with a space more goes through the grammar.
            let spaced = common.replace("?>", " ?>");
            let slow = parse(spaced.as_bytes()).unwrap();
            assert_eq!(fast.encoding, slow.encoding);
            assert_eq!(fast.encoding_at, slow.encoding_at);
            assert_eq!(fast.length + 1, slow.length);
            assert_eq!(&text[fast.length..], "<a/>");
        }
    }

    #[test]
    fn refuses_what_the_grammar_does_not_allow() {
        for text in [
            "<?xml encoding='UTF-8'?>",
            "<?xml version='1'?>",
            "<?xml version='2.0'?>",
            "<?xml version='1.0' standalone='YES'?>",
            "<?xml version='1.0' standalone='yes' encoding='UTF-8'?>",
            "<?xml version='1.0'encoding='UTF-8'?>",
            "<?xml version='1.0' encoding='8bit'?>",
            "<?xml version='1.0' encoding=''?>",
            "<?xml version='1.0' other='x'?>",
            "<?xml version=1.0?>",
            "<?xml version='1.0' ?",
            "<?xml version='1.0'",
        ] {
            assert!(parse(text.as_bytes()).is_err(), "{text}");
        }
    }

    #[test]
    fn tells_declarations_and_reserved_targets() {
        assert!(starts_declaration(b"<?xml version='1.0'?>"));
        assert!(!starts_declaration(b"<?xml-stylesheet href='a'?>"));
        assert!(!starts_declaration(b"<?XML version='1.0'?>"));
        assert!(is_reserved_target("XmL"));
        assert!(!is_reserved_target("xml-stylesheet"));
    }
}
