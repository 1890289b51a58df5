//! Splits a document into markup and text for [`XmlReader`](super::XmlReader).
//!
//! The document is checked to be UTF-8 once, as a whole, which costs a small fraction of
//! checking every token on its own (what `quick_xml::Reader` does, about a fifth of its time
//! on SOAP messages); tokens are then slices of the checked text. In the same spirit the
//! whole document is scanned once for characters XML does not allow, and for `]]>`, which
//! only a CDATA section may end with. Beyond splitting, the tokenizer checks what only it can
//! see: the XML declaration's grammar and the encoding it names, end tags match their start
//! tags, element names are qualified names, comments hold no `--`, processing instruction
//! targets are names other than `xml`, and markup (tags, comments, CDATA sections, processing
//! instructions, references) is closed. Attributes stay with their start tag; the reader
//! checks them ([`super::attributes`]).

use memchr::{memchr, memchr2, memchr3, memmem};
use quick_xml::events::BytesStart;
use smallvec::SmallVec;

use super::chars::{is_ncname, is_qname, scan_chars, scan_name, shown, starts_name};
use super::declaration;
use super::name::same_name;

/// One piece of a document.
#[derive(Debug)]
pub(crate) enum Token<'a> {
    /// A start tag, with where the local part of its name starts (after the prefix's colon);
    /// for an empty-element tag (`<a/>`), an [`Token::End`] follows.
    Start(BytesStart<'a>, usize),
    /// An end tag, checked against its start tag.
    End,
    /// Character data up to the next markup or reference, as written (line ends included).
    Text(&'a str),
    /// An entity or character reference: the text between `&` and `;`.
    Ref(&'a str),
    /// The content of a CDATA section, as written.
    CData(&'a str),
    /// A document type declaration; the document is not read further (DTDs are refused).
    DocType,
    /// A comment, a processing instruction or the XML declaration.
    Ignorable,
    /// The end of the document.
    Eof,
}

/// Why the document is not well-formed XML, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Malformed {
    /// The byte offset of the problem.
    pub(crate) offset: usize,
    /// What is wrong; names are shown only when they are names (see [`shown`]).
    pub(crate) message: String,
}

/// Splits a document into [`Token`]s.
#[derive(Debug)]
pub(crate) struct Tokenizer<'a> {
    text: &'a str,
    position: usize,
    /// The name of every open element, as a range of `text`; kept inline up to the depth of
    /// most messages, without an allocation.
    open: SmallVec<[(usize, usize); 16]>,
    /// The last start tag was an empty-element tag: its end comes next.
    empty_end: bool,
    /// The document holds a carriage return, so text may need its line ends normalized.
    has_cr: bool,
    /// The offset of a `]]>` at or after the last text read (`usize::MAX` for none): text
    /// must not hold one.
    cdata_close: usize,
}

/// The whitespace XML allows between a tag's name and what follows it.
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer over `input`, which must be UTF-8 (a leading byte order mark is skipped),
    /// hold only characters XML allows, and start with a well-formed XML declaration or none;
    /// the declaration is read here, and the encoding it names must fit UTF-8 bytes.
    pub(crate) fn new(input: &'a [u8]) -> Result<Self, Malformed> {
        let utf16 = input.starts_with(&[0xff, 0xfe])
            || input.starts_with(&[0xfe, 0xff])
            || matches!(
                input.get(..4),
                Some([b'<', 0, b'?', 0] | [0, b'<', 0, b'?'])
            );
        if utf16 {
            return Err(Malformed {
                offset: 0,
                message: String::from(
                    "the document is UTF-16: decode it with `soap_runtime::xml::decode_document` \
                     first",
                ),
            });
        }
        // SIMD validation for the common, valid document; the standard library's, which
        // tells where the first invalid byte is, only for the error.
        let text = simdutf8::basic::from_utf8(input).or_else(|_| {
            std::str::from_utf8(input).map_err(|e| Malformed {
                offset: e.valid_up_to(),
                message: String::from("the document is not valid UTF-8"),
            })
        })?;
        let scan = scan_chars(input);
        if let Some(offset) = scan.forbidden {
            return Err(Malformed {
                offset,
                message: String::from(
                    "the document holds a character XML does not allow (a control character, \
                     U+FFFE or U+FFFF)",
                ),
            });
        }
        let mut position = if text.starts_with('\u{feff}') { 3 } else { 0 };
        if declaration::starts_declaration(&input[position..]) {
            let at = position;
            let declared = declaration::parse(&input[at..]).map_err(|e| Malformed {
                offset: at + e.offset,
                message: e.message,
            })?;
            if let (Some(label), Some(range)) = (declared.encoding, declared.encoding_at) {
                check_utf8_label(label, text).map_err(|message| Malformed {
                    offset: at + range.start,
                    message,
                })?;
            }
            position += declared.length;
        }
        Ok(Tokenizer {
            text,
            position,
            open: SmallVec::new(),
            empty_end: false,
            has_cr: scan.has_cr,
            cdata_close: find_cdata_close(input).unwrap_or(usize::MAX),
        })
    }

    /// The whole document.
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// True when the document holds a carriage return anywhere.
    #[inline]
    pub(crate) fn has_cr(&self) -> bool {
        self.has_cr
    }

    /// The byte offset of the next token.
    #[inline]
    pub(crate) fn position(&self) -> usize {
        self.position
    }

    /// The next token.
    #[inline(always)]
    pub(crate) fn next_token(&mut self) -> Result<Token<'a>, Malformed> {
        if self.empty_end {
            self.empty_end = false;
            self.open.pop();
            return Ok(Token::End);
        }
        let bytes = self.text.as_bytes();
        let start = self.position;
        match bytes.get(start) {
            None => Ok(Token::Eof),
            Some(b'<') => match bytes.get(start + 1) {
                Some(b'/') => self.end_tag(start),
                Some(b'!') => self.bang(start),
                Some(b'?') => self.instruction(start),
                _ => self.start_tag(start),
            },
            Some(b'&') => {
                // A reference ends at `;`; markup before it means the `&` stands alone.
                match memchr2(b';', b'<', &bytes[start + 1..]) {
                    Some(length) if bytes[start + 1 + length] == b';' => {
                        self.position = start + length + 2;
                        Ok(Token::Ref(&self.text[start + 1..start + 1 + length]))
                    }
                    _ => Err(Malformed {
                        offset: start,
                        message: String::from("`&` that does not start a reference"),
                    }),
                }
            }
            Some(_) => {
                let end = memchr2(b'<', b'&', &bytes[start..]).map_or(bytes.len(), |n| start + n);
                if self.cdata_close < end && self.holds_cdata_close(start, end) {
                    return Err(Malformed {
                        offset: self.cdata_close,
                        message: String::from(
                            "ill-formed document: `]]>` in text (only a CDATA section ends so)",
                        ),
                    });
                }
                self.position = end;
                Ok(Token::Text(&self.text[start..end]))
            }
        }
    }

    /// True when the next token is a start or end tag (what ends a run of text between
    /// child elements); comments, CDATA sections and processing instructions are not.
    #[inline]
    pub(crate) fn at_tag(&self) -> bool {
        let bytes = self.text.as_bytes();
        self.empty_end
            || (bytes.get(self.position) == Some(&b'<')
                && !matches!(bytes.get(self.position + 1), Some(b'!' | b'?')))
    }

    /// True when the text from `start` to `end` holds a `]]>`. Called when the next `]]>`
    /// known lies before `end`; one before `start` belonged to markup already read (a CDATA
    /// section, a comment, an attribute), and the search moves on to the next from `start`.
    /// Each `]]>` is passed once, so the searches stay linear in the document.
    #[cold]
    fn holds_cdata_close(&mut self, start: usize, end: usize) -> bool {
        if self.cdata_close < start {
            self.cdata_close =
                find_cdata_close(&self.text.as_bytes()[start..]).map_or(usize::MAX, |n| start + n);
        }
        self.cdata_close < end
    }

    /// When the open element's content from here is plain text (no markup, no references)
    /// followed by its end tag, consumes both and returns the text; otherwise consumes nothing.
    /// Most elements of a message are such leaves, read here in one step.
    #[inline]
    pub(crate) fn plain_text_and_end(&mut self) -> Option<&'a str> {
        if self.empty_end {
            self.empty_end = false;
            self.open.pop();
            return Some("");
        }
        let bytes = self.text.as_bytes();
        let start = self.position;
        let text_end = start + memchr2(b'<', b'&', bytes.get(start..)?)?;
        if self.cdata_close < text_end && self.holds_cdata_close(start, text_end) {
            // `next_token` reads the text again and refuses it.
            return None;
        }
        let &(open_start, open_end) = self.open.last()?;
        let name_end = text_end + 2 + (open_end - open_start);
        let is_end_tag = bytes.get(text_end + 1) == Some(&b'/')
            && bytes.get(name_end) == Some(&b'>')
            && same_name(&bytes[text_end + 2..name_end], &bytes[open_start..open_end]);
        if !is_end_tag {
            return None;
        }
        self.open.pop();
        self.position = name_end + 1;
        Some(&self.text[start..text_end])
    }

    fn start_tag(&mut self, start: usize) -> Result<Token<'a>, Malformed> {
        self.start_tag_expecting(start, b"")
    }

    /// Like [`Tokenizer::next_token`], where a start tag that follows is expected to hold
    /// `attributes` (as written, between its name and its `>`, from an earlier document): when
    /// it does, its end is known without stepping over its attribute values. A start tag that
    /// does not is read as any other.
    pub(crate) fn next_token_expecting(
        &mut self,
        attributes: &[u8],
    ) -> Result<Token<'a>, Malformed> {
        let bytes = self.text.as_bytes();
        let start = self.position;
        if !self.empty_end
            && bytes.get(start) == Some(&b'<')
            && !matches!(bytes.get(start + 1), Some(b'/' | b'!' | b'?'))
        {
            return self.start_tag_expecting(start, attributes);
        }
        self.next_token()
    }

    #[inline(always)]
    fn start_tag_expecting(
        &mut self,
        start: usize,
        attributes: &[u8],
    ) -> Result<Token<'a>, Malformed> {
        let bytes = self.text.as_bytes();
        let scanned = scan_name(&bytes[start + 1..]);
        let (name_length, local) = (scanned.length, scanned.local);
        let name_end = start + 1 + name_length;
        // Most tags are `<name>` or `<name/>`: no attribute values to step over. Where the
        // attributes are the expected text followed by `>`, that `>` is the one stepping over
        // them would find (the search depends on those bytes alone).
        let close = match bytes.get(name_end..name_end + 2) {
            Some([b'>', _]) | Some([b'/', b'>']) => name_end + usize::from(bytes[name_end] == b'/'),
            _ if !attributes.is_empty()
                && bytes[name_end..].starts_with(attributes)
                && bytes.get(name_end + attributes.len()) == Some(&b'>') =>
            {
                name_end + attributes.len()
            }
            _ => self.tag_end(start, name_end)?,
        };
        let mut content = &self.text[start + 1..close];
        let empty = content.ends_with('/');
        if empty {
            content = &content[..content.len() - 1];
        }
        // The name must be followed by whitespace or nothing; it must start with a character
        // that starts names, and so must its local part after a colon. Names with a second
        // colon or characters beyond ASCII are checked character by character.
        let name = content.as_bytes();
        let name_ends_well = name.get(name_length).is_none_or(|&b| is_xml_space(b));
        let starts_well = name.first().is_some_and(|&b| starts_name(b))
            && (local == 0 || name.get(local).is_some_and(|&b| starts_name(b)));
        let well_formed = !scanned.unusual || is_qname(&content[..name_length]);
        if !(name_ends_well && starts_well && well_formed) {
            // Not echoed: a broken start tag can run into the text that follows it.
            return Err(Malformed {
                offset: start,
                message: String::from("an element name holds a character names cannot"),
            });
        }
        self.empty_end = empty;
        self.open.push((start + 1, name_end));
        self.position = close + 1;
        Ok(Token::Start(
            BytesStart::from_content(content, name_length),
            local,
        ))
    }

    /// The offset of the `>` that ends the start tag at `start`: the first outside quoted
    /// attribute values, from `from` on.
    fn tag_end(&self, start: usize, from: usize) -> Result<usize, Malformed> {
        let bytes = self.text.as_bytes();
        let mut at = from;
        loop {
            let Some(found) = memchr3(b'>', b'"', b'\'', &bytes[at..]) else {
                return Err(ends_inside(start, "a start tag"));
            };
            let found = at + found;
            let quote = bytes[found];
            if quote == b'>' {
                return Ok(found);
            }
            let Some(value_length) = memchr(quote, &bytes[found + 1..]) else {
                return Err(ends_inside(start, "a start tag"));
            };
            at = found + 1 + value_length + 1;
        }
    }

    fn end_tag(&mut self, start: usize) -> Result<Token<'a>, Malformed> {
        let bytes = self.text.as_bytes();
        // Most end tags are exactly `</name>` of the element open: compared in place.
        if let Some(&(open_start, open_end)) = self.open.last() {
            let name_end = start + 2 + (open_end - open_start);
            if bytes.get(name_end) == Some(&b'>')
                && same_name(&bytes[start + 2..name_end], &bytes[open_start..open_end])
            {
                self.open.pop();
                self.position = name_end + 1;
                return Ok(Token::End);
            }
        }
        let Some(length) = memchr(b'>', &self.text.as_bytes()[start + 2..]) else {
            return Err(ends_inside(start, "an end tag"));
        };
        let found =
            self.text[start + 2..start + 2 + length].trim_end_matches([' ', '\t', '\r', '\n']);
        let Some((open_start, open_end)) = self.open.pop() else {
            return Err(Malformed {
                offset: start,
                message: format!(
                    "ill-formed document: close tag `</{}>` does not match any open tag",
                    shown(found)
                ),
            });
        };
        let expected = &self.text[open_start..open_end];
        if expected != found {
            return Err(Malformed {
                offset: start,
                message: format!(
                    "ill-formed document: expected `</{}>`, but `</{}>` was found",
                    shown(expected),
                    shown(found)
                ),
            });
        }
        self.position = start + 2 + length + 1;
        Ok(Token::End)
    }

    /// Markup starting with `<!`: a comment, a CDATA section or a document type declaration.
    fn bang(&mut self, start: usize) -> Result<Token<'a>, Malformed> {
        let rest = &self.text[start..];
        if rest.starts_with("<!--") {
            let end = self.find(start + 4, b"-->", "a comment")?;
            let content = &self.text.as_bytes()[start + 4..end];
            if memmem::find(content, b"--").is_some() || content.last() == Some(&b'-') {
                return Err(Malformed {
                    offset: start,
                    message: String::from("ill-formed document: `--` inside a comment"),
                });
            }
            self.position = end + 3;
            Ok(Token::Ignorable)
        } else if rest.starts_with("<![CDATA[") {
            let end = self.find(start + 9, b"]]>", "a CDATA section")?;
            self.position = end + 3;
            Ok(Token::CData(&self.text[start + 9..end]))
        } else if rest.starts_with("<!DOCTYPE") {
            // Nothing after a DTD is read: the reader refuses the document.
            self.position = self.text.len();
            Ok(Token::DocType)
        } else {
            Err(Malformed {
                offset: start,
                message: String::from(
                    "markup starting with `<!` that is not a comment, CDATA or DOCTYPE",
                ),
            })
        }
    }

    /// A processing instruction: its target must be a name without a colon, other than
    /// `xml` in any case (the XML declaration, only at the very start, was read by
    /// [`Tokenizer::new`]), and followed by whitespace or the end.
    fn instruction(&mut self, start: usize) -> Result<Token<'a>, Malformed> {
        let end = self.find(start + 2, b"?>", "a processing instruction")?;
        let body = &self.text[start + 2..end];
        let target = body
            .split([' ', '\t', '\r', '\n'])
            .next()
            .unwrap_or_default();
        if !is_ncname(target) || declaration::is_reserved_target(target) {
            let message = if declaration::is_reserved_target(target) {
                "ill-formed document: the XML declaration must open the document (no \
                 processing instruction is named `xml`)"
            } else {
                "ill-formed document: a processing instruction's target is not a name"
            };
            return Err(Malformed {
                offset: start,
                message: String::from(message),
            });
        }
        self.position = end + 2;
        Ok(Token::Ignorable)
    }

    /// The offset of the next `terminator` from `from`, which closes the markup (`what`)
    /// that started before it.
    fn find(&self, from: usize, terminator: &[u8], what: &str) -> Result<usize, Malformed> {
        memmem::find(&self.text.as_bytes()[from..], terminator)
            .map(|n| from + n)
            .ok_or_else(|| ends_inside(self.position, what))
    }
}

fn ends_inside(offset: usize, what: &str) -> Malformed {
    Malformed {
        offset,
        message: format!("ill-formed document: the document ends inside {what}"),
    }
}

/// Checks that the encoding a declaration names (`label`) fits a document read as UTF-8:
/// UTF-8 itself, or an encoding that reads ASCII as ASCII when the document is all ASCII.
fn check_utf8_label(label: &str, text: &str) -> Result<(), String> {
    if label.eq_ignore_ascii_case("utf-8") {
        return Ok(());
    }
    let encoding = super::encoding::encoding_for(label)?;
    if encoding == encoding_rs::UTF_8 || (encoding.is_ascii_compatible() && text.is_ascii()) {
        return Ok(());
    }
    Err(format!(
        "the document declares encoding {} but is read as UTF-8: decode it with \
         `soap_runtime::xml::decode_document` (which the client and server do)",
        shown(label)
    ))
}

/// Where the first `]]>` of `bytes` is. Searched by its first byte, which documents rarely
/// hold, rather than with a substring searcher that would be built for every document.
fn find_cdata_close(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b']', bytes).find(|&at| bytes[at..].starts_with(b"]]>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(xml: &str) -> Result<Vec<String>, Malformed> {
        tokens_expecting(xml, "")
    }

    /// The tokens of `xml`, the first read expecting `attributes`.
    fn tokens_expecting(xml: &str, attributes: &str) -> Result<Vec<String>, Malformed> {
        let mut tokenizer = Tokenizer::new(xml.as_bytes())?;
        let mut out = Vec::new();
        let mut first = true;
        loop {
            let token = if first {
                first = false;
                tokenizer.next_token_expecting(attributes.as_bytes())?
            } else {
                tokenizer.next_token()?
            };
            out.push(match token {
                Token::Start(s, local) => {
                    format!("<{}|{}|{}>", s.name().0, local, s.attributes_raw())
                }
                Token::End => String::from("</>"),
                Token::Text(t) => format!("t:{t}"),
                Token::Ref(r) => format!("&{r};"),
                Token::CData(c) => format!("c:{c}"),
                Token::DocType => String::from("doctype"),
                Token::Ignorable => String::from("-"),
                Token::Eof => return Ok(out),
            });
        }
    }

    #[test]
    fn an_expected_start_tag_reads_as_any_other() {
        let expected = " a=\"x>y\" b='q\"'";
        for xml in [
            "<r a=\"x>y\" b='q\"'><c/></r>",
            "<p:r a=\"x>y\" b='q\"'/>",
            "<r a=\"x>y\" b='q\"' c=\"1\"></r>",
            "<r a=\"x>y\" b='q\"' ></r>",
            "<r a=\"x>y\"></r>",
            "<r></r>",
            "<r a=\"x>y\" b='q\"'",
            "<!-- c --><r a=\"x>y\" b='q\"'></r>",
            "<r a=\"x>y\" b='q\"'>",
            "<",
            "",
        ] {
            assert_eq!(tokens_expecting(xml, expected), tokens(xml), "{xml}");
        }
    }

    #[test]
    fn splits_markup_text_and_references() {
        assert_eq!(
            tokens("\u{feff}<?xml version=\"1.0\"?><a:r x='>' y=\"'\"><b/>1 &amp; 2<!-- <c> --><![CDATA[<d>]]></a:r >")
                .unwrap(),
            [
                r#"<a:r|2| x='>' y="'">"#,
                "<b|0|>",
                "</>",
                "t:1 ",
                "&amp;",
                "t: 2",
                "-",
                "c:<d>",
                "</>",
            ]
        );
        assert_eq!(tokens("<!DOCTYPE x><x/>").unwrap(), ["doctype"]);
    }

    #[test]
    fn reads_plain_leaves_in_one_step() {
        let xml = "<r><a>x y</a><b/><c>1&amp;</c><d>t</d ><e>t</f></r>";
        let mut t = Tokenizer::new(xml.as_bytes()).unwrap();
        let start = |t: &mut Tokenizer<'_>, name: &str| match t.next_token().unwrap() {
            Token::Start(s, _) => assert_eq!(s.name().0, name),
            other => panic!("{other:?}"),
        };
        start(&mut t, "r");
        assert_eq!(t.plain_text_and_end(), None, "r holds elements");
        start(&mut t, "a");
        assert_eq!(t.plain_text_and_end(), Some("x y"));
        start(&mut t, "b");
        assert_eq!(t.plain_text_and_end(), Some(""));
        start(&mut t, "c");
        assert_eq!(t.plain_text_and_end(), None, "c holds a reference");
        assert!(matches!(t.next_token(), Ok(Token::Text("1"))));
        assert!(matches!(t.next_token(), Ok(Token::Ref("amp"))));
        assert!(matches!(t.next_token(), Ok(Token::End)));
        start(&mut t, "d");
        assert_eq!(
            t.plain_text_and_end(),
            None,
            "the end tag of d holds a space"
        );
        assert!(matches!(t.next_token(), Ok(Token::Text("t"))));
        assert!(matches!(t.next_token(), Ok(Token::End)));
        start(&mut t, "e");
        assert_eq!(t.plain_text_and_end(), None, "e ends with another name");
        assert!(matches!(t.next_token(), Ok(Token::Text("t"))));
        assert!(t
            .next_token()
            .unwrap_err()
            .message
            .contains("expected `</e>`"));
    }

    #[test]
    fn refuses_mismatched_and_unclosed_markup() {
        for (xml, offset, phrase) in [
            ("<a></b>", 3, "expected `</a>`, but `</b>` was found"),
            ("</a>", 0, "does not match any open tag"),
            ("<a x='1", 0, "ends inside a start tag"),
            ("<a></a", 3, "ends inside an end tag"),
            ("<a><!-- x", 3, "ends inside a comment"),
            ("<a><![CDATA[x", 3, "ends inside a CDATA section"),
            ("<?x", 0, "ends inside a processing instruction"),
            (
                "<?xml encoding='utf-8'?><a/>",
                6,
                "must start with `version`",
            ),
            ("<a><?xml version='1.0'?></a>", 3, "must open the document"),
            ("<a>&amp<b/>", 3, "`&` that does not start a reference"),
            ("<a><!x></a>", 3, "not a comment, CDATA or DOCTYPE"),
            (
                "<a<b></a>",
                0,
                "an element name holds a character names cannot",
            ),
            ("<1a/>", 0, "an element name holds a character names cannot"),
            ("<>", 0, "an element name holds a character names cannot"),
        ] {
            let error = tokens(xml).unwrap_err();
            assert_eq!(error.offset, offset, "{xml}");
            assert!(error.message.contains(phrase), "{xml}: {}", error.message);
        }
        let not_utf8 = Tokenizer::new(b"<a>\xff</a>").unwrap_err();
        assert_eq!(not_utf8.offset, 3);
    }

    #[test]
    fn refuses_what_xml_forbids_inside_markup_and_text() {
        for (xml, offset, phrase) in [
            ("<a>x]]>y</a>", 4, "`]]>` in text"),
            ("<a><![CDATA[x]]>]]></a>", 16, "`]]>` in text"),
            ("<a>\u{c}</a>", 3, "does not allow"),
            ("<a b='\u{fffe}'/>", 6, "does not allow"),
            ("<!-- \u{ffff} --><a/>", 5, "does not allow"),
            ("<a><!-- a -- b --></a>", 3, "`--` inside a comment"),
            ("<a><!-- a ---></a>", 3, "`--` inside a comment"),
            (
                "<a><?XmL x?></a>",
                3,
                "no processing instruction is named `xml`",
            ),
            ("<a><?p:i x?></a>", 3, "target is not a name"),
            ("<a><? x?></a>", 3, "target is not a name"),
            (" <?xml version='1.0'?><a/>", 1, "must open the document"),
            (
                "<?xml version='1.0' standalone='YES'?><a/>",
                20,
                "`yes` or `no`",
            ),
            (
                "<?xml version='1.0' encoding='UTF-16'?><a/>",
                30,
                "read as UTF-8",
            ),
            (
                "<?xml version='1.0' encoding='latin1'?><a>é</a>",
                30,
                "read as UTF-8",
            ),
            (
                "<?xml version='1.0' encoding='nope'?><a/>",
                30,
                "unsupported encoding",
            ),
            ("<a:b:c/>", 0, "an element name"),
            ("<:a/>", 0, "an element name"),
            ("<a:/>", 0, "an element name"),
            ("<a:1/>", 0, "an element name"),
            ("<\u{d7}/>", 0, "an element name"),
        ] {
            let error = tokens(xml).unwrap_err();
            assert!(error.message.contains(phrase), "{xml}: {}", error.message);
            assert_eq!(error.offset, offset, "{xml}: {}", error.message);
        }
        assert!(Tokenizer::new(b"\xff\xfe<\0a\0/\0>\0")
            .unwrap_err()
            .message
            .contains("UTF-16"));
        // What XML allows: `]]>` in attributes, comments and instructions; ASCII-only
        // documents that declare an ASCII-compatible encoding; names beyond ASCII.
        for xml in [
            "<a b=']]>'><!-- ]]> --><?p ]]>?><![CDATA[]]]]><![CDATA[>]]></a>",
            "<?xml version='1.0' encoding='ISO-8859-1' standalone='no'?><a/>",
            "<Ünï:Straße/>",
        ] {
            assert!(tokens(xml).is_ok(), "{xml}: {:?}", tokens(xml));
        }
    }

    #[test]
    fn does_not_echo_what_is_not_a_name() {
        let error = tokens("<a></a password=hunter2>").unwrap_err();
        assert!(!error.message.contains("hunter2"), "{}", error.message);
    }
}
