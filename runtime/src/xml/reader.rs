//! A streaming, namespace-aware pull reader over a byte slice, built on quick-xml's `Reader`.
//!
//! Namespace declarations are tracked here rather than resolved for every event: they are
//! rare in SOAP messages, and generated decoders match children by local name, asking for a
//! namespace only where it matters (the envelope, `xsi:nil`, `xsi:type`).

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::XmlVersion;

use super::name::XSI_NS;
use crate::error::{DecodeError, DecodeErrorKind, Location};

/// Limits that keep a hostile or broken document from using unbounded memory or stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted message, in bytes.
    pub max_message_size: usize,
    /// Deepest accepted element nesting.
    pub max_depth: usize,
    /// Longest accepted text content of one element, in bytes.
    pub max_string_len: usize,
    /// Most items accepted in one array or dictionary.
    pub max_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message_size: 64 * 1024 * 1024,
            max_depth: 64,
            max_string_len: 64 * 1024 * 1024,
            max_items: 1_000_000,
        }
    }
}

/// A started element, as returned by [`XmlReader::next_child`].
#[derive(Debug, Clone)]
pub struct Element<'a> {
    start: BytesStart<'a>,
    offset: u64,
}

impl<'a> Element<'a> {
    /// The local name (without prefix).
    pub fn local_name(&self) -> &str {
        let name = self.start.name().0;
        match name.find(':') {
            Some(colon) => &name[colon + 1..],
            None => name,
        }
    }

    /// The prefix, if the name has one.
    pub fn prefix(&self) -> Option<&str> {
        let name = self.start.name().0;
        name.find(':').map(|colon| &name[..colon])
    }

    /// The name as written, prefix included.
    pub fn qualified_name(&self) -> &str {
        self.start.name().0
    }

    /// The byte offset of the start tag.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    fn has_attributes(&self) -> bool {
        !self.start.attributes_raw().trim().is_empty()
    }

    /// The raw value of the attribute whose local name is `local` and whose prefix resolves to
    /// `namespace`.
    pub fn attribute(
        &self,
        reader: &XmlReader<'a>,
        namespace: &str,
        local: &str,
    ) -> Option<String> {
        if !self.has_attributes() {
            return None;
        }
        self.start.attributes().flatten().find_map(|attr| {
            let key = attr.key.0;
            let (prefix, name) = match key.find(':') {
                Some(colon) => (Some(&key[..colon]), &key[colon + 1..]),
                None => (None, key),
            };
            if name != local {
                return None;
            }
            let matches = match prefix {
                Some(p) => reader.resolve(Some(p)) == Some(namespace),
                None => namespace.is_empty(),
            };
            matches
                .then(|| {
                    attr.normalized_value(XmlVersion::Implicit1_0)
                        .map(Cow::into_owned)
                        .ok()
                })
                .flatten()
        })
    }

    /// True when the element carries `xsi:nil="true"`.
    pub fn is_nil(&self, reader: &XmlReader<'a>) -> bool {
        self.has_attributes()
            && self
                .attribute(reader, XSI_NS, "nil")
                .is_some_and(|v| matches!(v.trim(), "true" | "1"))
    }

    /// The `xsi:type` of the element, resolved to (namespace, local name).
    pub fn xsi_type(&self, reader: &XmlReader<'a>) -> Option<(Option<String>, String)> {
        let value = self.attribute(reader, XSI_NS, "type")?;
        let value = value.trim();
        let (prefix, local) = match value.find(':') {
            Some(colon) => (Some(&value[..colon]), &value[colon + 1..]),
            None => (None, value),
        };
        Some((
            reader.resolve(prefix).map(str::to_string),
            local.to_string(),
        ))
    }
}

#[derive(Debug)]
struct Binding {
    depth: usize,
    prefix: Option<Box<str>>,
    uri: Box<str>,
}

/// Reads a document event by event, one element level at a time.
///
/// After [`XmlReader::next_child`] returns an element, the caller consumes it entirely with
/// exactly one of [`XmlReader::read_text`], [`XmlReader::skip`], [`XmlReader::unknown`], or by
/// calling `next_child` until it returns `None`.
pub struct XmlReader<'a> {
    input: &'a [u8],
    reader: quick_xml::Reader<&'a [u8]>,
    depth: usize,
    namespaces: Vec<Binding>,
    limits: Limits,
    unknown: Vec<String>,
}

impl std::fmt::Debug for XmlReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XmlReader")
            .field("depth", &self.depth)
            .field("offset", &self.reader.buffer_position())
            .finish_non_exhaustive()
    }
}

/// How many unrecognized elements are remembered for [`XmlReader::unknown_elements`].
const MAX_REMEMBERED_UNKNOWN: usize = 64;

impl<'a> XmlReader<'a> {
    /// A reader over `input`; fails when the input exceeds `limits.max_message_size`.
    pub fn new(input: &'a [u8], limits: Limits) -> Result<Self, DecodeError> {
        let mut reader = quick_xml::Reader::from_reader(input);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.trim_text(false);
        let this = XmlReader {
            input,
            reader,
            depth: 0,
            namespaces: Vec::new(),
            limits,
            unknown: Vec::new(),
        };
        if input.len() > limits.max_message_size {
            return Err(this.error_at(
                0,
                DecodeErrorKind::LimitExceeded {
                    limit: "max_message_size",
                    max: limits.max_message_size,
                },
            ));
        }
        Ok(this)
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The whole input.
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// The current byte offset.
    pub fn offset(&self) -> u64 {
        self.reader.buffer_position()
    }

    /// An error of `kind` at byte `offset`.
    pub fn error_at(&self, offset: u64, kind: DecodeErrorKind) -> DecodeError {
        DecodeError {
            kind,
            location: Location::in_input(self.input, offset),
        }
    }

    /// An error of `kind` at the current position.
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        self.error_at(self.reader.buffer_position(), kind)
    }

    /// An "invalid value" error for `element`'s text.
    pub fn invalid_value(
        &self,
        element: &Element<'_>,
        type_name: &'static str,
        text: &str,
        reason: impl ToString,
    ) -> DecodeError {
        self.error_at(
            element.offset(),
            DecodeErrorKind::InvalidValue {
                element: element.local_name().to_string(),
                type_name,
                text: text.chars().take(64).collect(),
                reason: reason.to_string(),
            },
        )
    }

    /// The namespace bound to `prefix` (or the default namespace for `None`) where the reader is.
    pub fn resolve(&self, prefix: Option<&str>) -> Option<&str> {
        if prefix == Some("xml") {
            return Some("http://www.w3.org/XML/1998/namespace");
        }
        self.namespaces
            .iter()
            .rev()
            .find(|b| b.prefix.as_deref() == prefix)
            .map(|b| b.uri.as_ref())
            .filter(|uri| !uri.is_empty())
    }

    /// The namespace of `element`.
    pub fn namespace_of(&self, element: &Element<'_>) -> Option<&str> {
        self.resolve(element.prefix())
    }

    /// Elements that were skipped because the contract does not know them, as
    /// `name (line L, column C)`; at most 64 are remembered.
    pub fn unknown_elements(&self) -> &[String] {
        &self.unknown
    }

    /// Takes the list of [`XmlReader::unknown_elements`].
    pub fn take_unknown_elements(&mut self) -> Vec<String> {
        std::mem::take(&mut self.unknown)
    }

    fn next_event(&mut self) -> Result<Event<'a>, DecodeError> {
        self.reader.read_event().map_err(|e| {
            let offset = self.reader.error_position();
            self.error_at(offset, DecodeErrorKind::Malformed(e.to_string()))
        })
    }

    fn open(&mut self, start: BytesStart<'a>, offset: u64) -> Result<Element<'a>, DecodeError> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            return Err(self.error_at(
                offset,
                DecodeErrorKind::LimitExceeded {
                    limit: "max_depth",
                    max: self.limits.max_depth,
                },
            ));
        }
        let raw = start.attributes_raw();
        if raw.contains("xmlns") {
            for attr in start.attributes() {
                let attr = attr.map_err(|e| {
                    self.error_at(offset, DecodeErrorKind::Malformed(e.to_string()))
                })?;
                let key = attr.key.0;
                let prefix = if key == "xmlns" {
                    None
                } else if let Some(p) = key.strip_prefix("xmlns:") {
                    Some(p)
                } else {
                    continue;
                };
                let uri = attr
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|e| {
                        self.error_at(offset, DecodeErrorKind::Malformed(e.to_string()))
                    })?;
                self.namespaces.push(Binding {
                    depth: self.depth,
                    prefix: prefix.map(Box::from),
                    uri: Box::from(uri.as_ref()),
                });
            }
        }
        Ok(Element { start, offset })
    }

    fn close(&mut self) {
        while self
            .namespaces
            .last()
            .is_some_and(|b| b.depth >= self.depth)
        {
            self.namespaces.pop();
        }
        self.depth -= 1;
    }

    fn truncated(&self) -> DecodeError {
        self.error(DecodeErrorKind::Truncated(String::from("document")))
    }

    /// Reads up to the root element and returns it.
    pub fn root(&mut self) -> Result<Element<'a>, DecodeError> {
        loop {
            let offset = self.reader.buffer_position();
            match self.next_event()? {
                Event::Start(start) => return self.open(start, offset),
                Event::DocType(_) => return Err(self.error_at(offset, DecodeErrorKind::DtdRefused)),
                Event::Eof => {
                    return Err(self.error_at(
                        offset,
                        DecodeErrorKind::Malformed("the document has no root element".into()),
                    ))
                }
                Event::Text(t) if !t.as_ref().trim().is_empty() => {
                    return Err(self.error_at(
                        offset,
                        DecodeErrorKind::Malformed("text before the root element".into()),
                    ))
                }
                _ => {}
            }
        }
    }

    /// Reads past the root's end to the end of input, refusing anything but comments,
    /// processing instructions and whitespace there.
    pub fn finish(&mut self) -> Result<(), DecodeError> {
        loop {
            let offset = self.reader.buffer_position();
            match self.next_event()? {
                Event::Eof => return Ok(()),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if t.as_ref().trim().is_empty() => {}
                _ => {
                    return Err(self.error_at(
                        offset,
                        DecodeErrorKind::Malformed("content after the root element".into()),
                    ))
                }
            }
        }
    }

    /// The next child element of the element being read, or `None` at that element's end.
    pub fn next_child(&mut self) -> Result<Option<Element<'a>>, DecodeError> {
        loop {
            let offset = self.reader.buffer_position();
            match self.next_event()? {
                Event::Start(start) => return self.open(start, offset).map(Some),
                Event::End(_) => {
                    self.close();
                    return Ok(None);
                }
                Event::DocType(_) => return Err(self.error_at(offset, DecodeErrorKind::DtdRefused)),
                Event::Eof => return Err(self.truncated()),
                Event::GeneralRef(r) => {
                    // Entity references between child elements still have to be known ones.
                    self.resolve_reference(&r, offset)?;
                }
                _ => {}
            }
        }
    }

    fn resolve_reference(
        &self,
        reference: &BytesRef<'_>,
        offset: u64,
    ) -> Result<char, DecodeError> {
        if reference.is_char_ref() {
            return match reference.resolve_char_ref() {
                Ok(Some(c)) => Ok(c),
                _ => Err(self.error_at(
                    offset,
                    DecodeErrorKind::Malformed(format!(
                        "invalid character reference `&{};`",
                        reference.as_ref()
                    )),
                )),
            };
        }
        match reference.as_ref() {
            "lt" => Ok('<'),
            "gt" => Ok('>'),
            "amp" => Ok('&'),
            "apos" => Ok('\''),
            "quot" => Ok('"'),
            other => Err(self.error_at(
                offset,
                DecodeErrorKind::UnknownEntity(other.chars().take(64).collect()),
            )),
        }
    }

    /// Reads the text content of `element` up to its end. Child elements inside are skipped
    /// and reported as unknown.
    pub fn read_text(&mut self, element: &Element<'_>) -> Result<Cow<'a, str>, DecodeError> {
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        loop {
            let offset = self.reader.buffer_position();
            match self.next_event()? {
                Event::Text(t) => append(&mut text, t.xml10_content()),
                Event::CData(c) => append(&mut text, c.xml10_content()),
                Event::GeneralRef(r) => {
                    let c = self.resolve_reference(&r, offset)?;
                    text.to_mut().push(c);
                }
                Event::End(_) => {
                    self.close();
                    return Ok(text);
                }
                Event::Start(start) => {
                    let child = self.open(start, offset)?;
                    self.unknown(&child)?;
                }
                Event::DocType(_) => return Err(self.error_at(offset, DecodeErrorKind::DtdRefused)),
                Event::Eof => {
                    return Err(
                        self.error(DecodeErrorKind::Truncated(element.local_name().to_string()))
                    )
                }
                _ => {}
            }
            if text.len() > self.limits.max_string_len {
                return Err(self.error_at(
                    element.offset(),
                    DecodeErrorKind::LimitExceeded {
                        limit: "max_string_len",
                        max: self.limits.max_string_len,
                    },
                ));
            }
        }
    }

    /// Reads the text of `element` as an `xs:QName`, resolving its prefix in the element's scope.
    pub fn read_qname(
        &mut self,
        element: &Element<'_>,
    ) -> Result<(Option<String>, String), DecodeError> {
        let scope: Vec<(Option<String>, String)> = self
            .namespaces
            .iter()
            .map(|b| (b.prefix.as_deref().map(str::to_string), b.uri.to_string()))
            .collect();
        let text = self.read_text(element)?;
        let text = text.trim();
        let (prefix, local) = match text.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, text),
        };
        let namespace = scope
            .iter()
            .rev()
            .find(|(p, _)| p.as_deref() == prefix)
            .map(|(_, uri)| uri.clone())
            .filter(|uri| !uri.is_empty());
        if prefix.is_some() && namespace.is_none() {
            return Err(self.invalid_value(element, "QName", text, "the prefix is not declared"));
        }
        Ok((namespace, local.to_string()))
    }

    /// Skips the rest of the element most recently returned by [`XmlReader::next_child`].
    pub fn skip(&mut self) -> Result<(), DecodeError> {
        let target = self.depth;
        while self.depth >= target {
            let offset = self.reader.buffer_position();
            match self.next_event()? {
                Event::Start(start) => {
                    self.open(start, offset)?;
                }
                Event::End(_) => self.close(),
                Event::DocType(_) => return Err(self.error_at(offset, DecodeErrorKind::DtdRefused)),
                Event::GeneralRef(r) => {
                    self.resolve_reference(&r, offset)?;
                }
                Event::Eof => return Err(self.truncated()),
                _ => {}
            }
        }
        Ok(())
    }

    /// The raw XML of the rest of `element`'s content (up to, not including, its end tag),
    /// then skips to its end.
    pub fn capture_inner(&mut self, element: &Element<'_>) -> Result<&'a str, DecodeError> {
        let start = usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX);
        let depth = self.depth;
        let mut end = start;
        while self.depth >= depth {
            end = usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX);
            let offset = self.reader.buffer_position();
            match self.next_event()? {
                Event::Start(s) => {
                    self.open(s, offset)?;
                }
                Event::End(_) => self.close(),
                Event::DocType(_) => return Err(self.error_at(offset, DecodeErrorKind::DtdRefused)),
                Event::Eof => {
                    return Err(
                        self.error(DecodeErrorKind::Truncated(element.local_name().to_string()))
                    )
                }
                _ => {}
            }
        }
        let raw = self.input.get(start..end).unwrap_or_default();
        // The reader has validated these bytes as UTF-8 while producing events.
        Ok(std::str::from_utf8(raw).unwrap_or_default())
    }

    /// Skips an element the contract does not know, remembering it for
    /// [`XmlReader::unknown_elements`] and logging it at debug level.
    pub fn unknown(&mut self, element: &Element<'_>) -> Result<(), DecodeError> {
        let location = Location::in_input(self.input, element.offset());
        tracing::debug!(element = element.qualified_name(), %location, "skipping an element the contract does not know");
        if self.unknown.len() < MAX_REMEMBERED_UNKNOWN {
            self.unknown
                .push(format!("{} ({location})", element.qualified_name()));
        }
        self.skip()
    }
}

fn append<'a>(text: &mut Cow<'a, str>, piece: Cow<'a, str>) {
    if text.is_empty() {
        *text = piece;
    } else {
        text.to_mut().push_str(&piece);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(xml: &str) -> XmlReader<'_> {
        XmlReader::new(xml.as_bytes(), Limits::default()).unwrap()
    }

    #[test]
    fn reads_children_text_and_namespaces() {
        let mut r = reader(
            r#"<?xml version="1.0"?><a:R xmlns:a="urn:a" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><a:X>1 &amp; &#x41;<![CDATA[<c>]]></a:X><Y i:nil="true"/><!-- c --><Z><W/></Z></a:R>"#,
        );
        let root = r.root().unwrap();
        assert_eq!(root.local_name(), "R");
        assert_eq!(r.namespace_of(&root), Some("urn:a"));
        let x = r.next_child().unwrap().unwrap();
        assert_eq!(r.read_text(&x).unwrap(), "1 & A<c>");
        let y = r.next_child().unwrap().unwrap();
        assert!(y.is_nil(&r));
        assert_eq!(r.namespace_of(&y), None);
        r.skip().unwrap();
        let z = r.next_child().unwrap().unwrap();
        r.unknown(&z).unwrap();
        assert!(r.next_child().unwrap().is_none());
        r.finish().unwrap();
        assert_eq!(r.unknown_elements(), ["Z (line 1, column 162)"]);
    }

    #[test]
    fn refuses_dtd_unknown_entities_and_truncation() {
        let mut r = reader(r#"<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>"#);
        assert_eq!(r.root().unwrap_err().kind, DecodeErrorKind::DtdRefused);
        let mut r = reader("<x>&lol;</x>");
        let x = r.root().unwrap();
        assert_eq!(
            r.read_text(&x).unwrap_err().kind,
            DecodeErrorKind::UnknownEntity("lol".into())
        );
        let mut r = reader("<x><y>abc");
        r.root().unwrap();
        let y = r.next_child().unwrap().unwrap();
        assert!(matches!(
            r.read_text(&y).unwrap_err().kind,
            DecodeErrorKind::Truncated(_)
        ));
    }

    #[test]
    fn limits_depth() {
        let xml = "<a>".repeat(100_000);
        let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
        r.root().unwrap();
        let err = r.skip().unwrap_err();
        assert!(matches!(
            err.kind,
            DecodeErrorKind::LimitExceeded {
                limit: "max_depth",
                ..
            }
        ));
    }
}
