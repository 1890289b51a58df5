//! A streaming, namespace-aware pull reader over a byte slice, built on the
//! [tokenizer](super::tokenizer).
//!
//! Namespace declarations are tracked here rather than resolved for every event: they are
//! rare in SOAP messages, and generated decoders match children by local name, asking for a
//! namespace only where it matters (the envelope, `xsi:nil`, `xsi:type`).

use std::borrow::Cow;

use quick_xml::events::BytesStart;
use quick_xml::XmlVersion;

use super::attributes::character_reference;
use super::name::{same_name, XSI_NS};
use super::tokenizer::{Malformed, Token, Tokenizer};
use crate::error::{DecodeError, DecodeErrorKind, Location};
use crate::mtom::MtomError;
use crate::secret::{is_secret_name, REDACTED};

mod declarations;
mod nodes;
mod qnames;
mod root_tags;
mod xop;

pub use nodes::Node;
pub use xop::Binary;
use xop::Xop;

/// Limits that keep a hostile or broken document from using unbounded memory, stack or time.
///
/// This struct is the one place limits are configured: the client
/// ([`Client::with_limits`](crate::client::Client::with_limits)) and the server
/// ([`Server::bind`](crate::server::Server::bind), a generated server's `with_limits`) apply
/// the same values to the HTTP body and to decoding. Exceeding one fails with
/// [`DecodeErrorKind::LimitExceeded`] naming the limit (or, for a body larger than
/// `max_message_size`, a transport error / HTTP 413 before anything is parsed).
///
/// The defaults suit an e-mail service that carries attachments; the README's "Limits" section
/// compares them with WCF's and gives the reasons:
///
/// | limit | default |
/// |---|---|
/// | `max_message_size` | 64 MiB |
/// | `max_depth` | 64 |
/// | `max_string_len` | 32 MiB |
/// | `max_bytes_len` | 32 MiB |
/// | `max_items` | 250,000 |
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted message, in bytes: checked before parsing, and while an HTTP body is
    /// received, with or without a `Content-Length`.
    pub max_message_size: usize,
    /// Deepest accepted element nesting, counting the `Envelope` as 1.
    pub max_depth: usize,
    /// Longest accepted text content of one element, in bytes (after unescaping), for every
    /// type but `base64Binary`.
    pub max_string_len: usize,
    /// Most bytes accepted in one `base64Binary` value, counted decoded (its text may be about
    /// 4/3 of that plus line breaks), and in one MTOM part or attachment
    /// ([`crate::swa::Attachment`]).
    pub max_bytes_len: usize,
    /// Most items accepted in one message: array items, dictionary entries, repeated
    /// elements, and the elements, attributes and namespace bindings kept as raw XML
    /// ([`XmlElement`](crate::xml::XmlElement)), all counted together; also the most MIME
    /// parts of an MTOM or SOAP with Attachments message.
    pub max_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message_size: 64 * 1024 * 1024,
            max_depth: 64,
            max_string_len: 32 * 1024 * 1024,
            max_bytes_len: 32 * 1024 * 1024,
            max_items: 250_000,
        }
    }
}

/// A started element, as returned by [`XmlReader::next_child`].
#[derive(Debug, Clone)]
pub struct Element<'a> {
    start: BytesStart<'a>,
    offset: u64,
    /// Where the local name starts in the qualified name (after the prefix's colon).
    local: usize,
}

impl<'a> Element<'a> {
    /// The local name (without prefix).
    #[inline]
    pub fn local_name(&self) -> &str {
        self.start.name().0.get(self.local..).unwrap_or_default()
    }

    /// The prefix, if the name has one.
    pub fn prefix(&self) -> Option<&str> {
        let name = self.start.name().0;
        self.local
            .checked_sub(1)
            .and_then(|colon| name.get(..colon))
    }

    /// The name as written, prefix included.
    pub fn qualified_name(&self) -> &str {
        self.start.name().0
    }

    /// The byte offset of the start tag.
    #[inline]
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// True when the start tag carries attributes: most carry none, and checking for
    /// `xsi:nil` is then almost free.
    #[inline]
    pub(crate) fn has_attributes(&self) -> bool {
        carries_attributes(&self.start)
    }

    /// The raw value of the attribute whose local name is `local` and whose prefix resolves to
    /// `namespace`.
    pub fn attribute(
        &self,
        reader: &XmlReader<'a>,
        namespace: &str,
        local: &str,
    ) -> Option<String> {
        self.attribute_value(reader, namespace, local)
            .map(Cow::into_owned)
    }

    /// [`Element::attribute`] borrowed from the start tag, copied only when normalizing its
    /// value changed it.
    fn attribute_value(
        &self,
        reader: &XmlReader<'a>,
        namespace: &str,
        local: &str,
    ) -> Option<Cow<'_, str>> {
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
                .then(|| attr.normalized_value(XmlVersion::Implicit1_0).ok())
                .flatten()
        })
    }

    /// True when the element carries `xsi:nil="true"`.
    #[inline]
    pub fn is_nil(&self, reader: &XmlReader<'a>) -> bool {
        self.has_attributes()
            && self
                .attribute_value(reader, XSI_NS, "nil")
                .is_some_and(|v| matches!(v.trim(), "true" | "1"))
    }

    /// The `xsi:type` of the element, resolved to (namespace, local name).
    pub fn xsi_type(&self, reader: &XmlReader<'a>) -> Option<(Option<String>, String)> {
        self.with_xsi_type(reader, |namespace, local| {
            (namespace.map(str::to_string), local.to_string())
        })
    }

    /// `f` of the `xsi:type`'s namespace and local name, borrowed: for checks of the type
    /// that need no copy of it.
    pub(crate) fn with_xsi_type<R>(
        &self,
        reader: &XmlReader<'a>,
        f: impl FnOnce(Option<&str>, &str) -> R,
    ) -> Option<R> {
        let value = self.attribute_value(reader, XSI_NS, "type")?;
        let value = value.trim();
        let (prefix, local) = match value.find(':') {
            Some(colon) => (Some(&value[..colon]), &value[colon + 1..]),
            None => (None, value),
        };
        Some(f(reader.resolve(prefix), local))
    }
}

/// A namespace declaration in scope: slices of the document (a URI is copied only when it
/// holds references or whitespace to normalize), so that declaring costs no allocation.
#[derive(Debug)]
struct Binding<'a> {
    depth: usize,
    prefix: Option<&'a str>,
    uri: Cow<'a, str>,
}

/// Reads a document event by event, one element level at a time.
///
/// After [`XmlReader::next_child`] returns an element, the caller consumes it entirely with
/// exactly one of [`XmlReader::read_text`], [`XmlReader::skip`], [`XmlReader::unknown`], or by
/// calling `next_child` until it returns `None`.
pub struct XmlReader<'a> {
    input: &'a [u8],
    tokens: Tokenizer<'a>,
    depth: usize,
    namespaces: Vec<Binding<'a>>,
    limits: Limits,
    unknown: Vec<String>,
    /// Items counted against `limits.max_items` so far.
    items: usize,
    /// The MIME parts of an MTOM message, for `xop:Include`; `None` for a plain message.
    xop: Option<Box<Xop<'a>>>,
    /// Where line counting for [`XmlReader::unknown`] stopped: (offset, line, offset of that
    /// line's start). Unknown elements come in document order, so counting resumes here and
    /// stays linear in the document instead of rescanning it from the start each time.
    lines: (usize, u32, usize),
    /// Counts changes to `namespaces`, so that a prefix found bound stays known as bound
    /// until the bindings change.
    namespace_generation: u64,
    /// The prefix of an element last found bound, and the generation it was found in: most
    /// prefixed elements share the prefix of the one before.
    checked_prefix: (u64, &'a str),
}

impl std::fmt::Debug for XmlReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XmlReader")
            .field("depth", &self.depth)
            .field("offset", &self.tokens.position())
            .finish_non_exhaustive()
    }
}

/// How many unrecognized elements are remembered for [`XmlReader::unknown_elements`].
const MAX_REMEMBERED_UNKNOWN: usize = 64;

/// The most namespace declarations in scope at once. Resolving a prefix looks through them, so
/// without a bound a document declaring many (on the root, say) and then asking for many
/// lookups (`xsi:nil` on every item) takes quadratic time. Real messages declare a handful;
/// SuperOffice's samples eight.
pub const MAX_NAMESPACES_IN_SCOPE: usize = 256;

impl<'a> XmlReader<'a> {
    /// A reader over `input`; fails when the input exceeds `limits.max_message_size`, is not
    /// UTF-8 (decode other encodings first with [`decode_document`](super::decode_document)),
    /// holds characters XML does not allow, or opens with a malformed XML declaration or one
    /// naming an encoding that does not fit UTF-8 bytes.
    pub fn new(input: &'a [u8], limits: Limits) -> Result<Self, DecodeError> {
        let fail = |offset: usize, kind| DecodeError {
            kind,
            location: Location::in_input(input, offset as u64),
        };
        if input.len() > limits.max_message_size {
            return Err(fail(
                0,
                DecodeErrorKind::LimitExceeded {
                    limit: "max_message_size",
                    max: limits.max_message_size,
                },
            ));
        }
        let tokens = Tokenizer::new(input)
            .map_err(|e| fail(e.offset, DecodeErrorKind::Malformed(e.message)))?;
        Ok(XmlReader {
            input,
            tokens,
            depth: 0,
            namespaces: Vec::new(),
            limits,
            unknown: Vec::new(),
            items: 0,
            xop: None,
            lines: (0, 1, 0),
            namespace_generation: 0,
            checked_prefix: (u64::MAX, ""),
        })
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
        self.position()
    }

    #[inline]
    fn position(&self) -> u64 {
        self.tokens.position() as u64
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
        self.error_at(self.position(), kind)
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
                text: if is_secret_name(element.local_name()) {
                    REDACTED.to_string()
                } else {
                    text.chars().take(64).collect()
                },
                reason: reason.to_string(),
            },
        )
    }

    /// The namespace bound to `prefix` (or the default namespace for `None`) where the reader is.
    pub fn resolve(&self, prefix: Option<&str>) -> Option<&str> {
        if prefix == Some("xml") {
            return Some(XML_NS);
        }
        // Prefixes are short: compared in place rather than by `memcmp`.
        let same_prefix = |bound: Option<&str>| match (bound, prefix) {
            (Some(bound), Some(prefix)) => same_name(bound, prefix),
            (None, None) => true,
            _ => false,
        };
        self.namespaces
            .iter()
            .rev()
            .find(|b| same_prefix(b.prefix))
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

    #[inline(always)]
    fn next_token(&mut self) -> Result<Token<'a>, DecodeError> {
        self.tokens.next_token().map_err(|e| self.malformed(e))
    }

    #[cold]
    fn malformed(&self, e: Malformed) -> DecodeError {
        self.error_at(e.offset as u64, DecodeErrorKind::Malformed(e.message))
    }

    /// Enters the element `start`; inlined into the readers, with the rare cases (too deep,
    /// attributes) out of line.
    #[inline(always)]
    fn open(
        &mut self,
        start: BytesStart<'a>,
        local: usize,
        offset: u64,
    ) -> Result<Element<'a>, DecodeError> {
        self.depth += 1;
        if self.depth <= self.limits.max_depth
            && !carries_attributes(&start)
            && (local == 0
                || self.prefix_known(&start, local)
                || self.prefix_bound(&start, local, offset))
        {
            return Ok(Element {
                start,
                offset,
                local,
            });
        }
        self.open_rare(start, local, offset)
    }

    /// True when the prefix of `start` (`local > 0`) is bound, remembering it as the prefix
    /// last found bound: an element without attributes whose prefix differs from the one
    /// before (`s:Body` after `n0:Credentials`) needs nothing more.
    #[inline(never)]
    fn prefix_bound(&mut self, start: &BytesStart<'a>, local: usize, offset: u64) -> bool {
        let (name, _) = self.tag_parts(start, offset);
        let Some(prefix) = name.get(..local - 1) else {
            return false;
        };
        let bound = prefix != "xml"
            && self
                .namespaces
                .iter()
                .rev()
                .find(|b| b.prefix.is_some_and(|p| same_name(p, prefix)))
                .is_some_and(|b| !b.uri.is_empty());
        if bound {
            self.checked_prefix = (self.namespace_generation, prefix);
        }
        bound
    }

    #[inline(never)]
    fn open_rare(
        &mut self,
        start: BytesStart<'a>,
        local: usize,
        offset: u64,
    ) -> Result<Element<'a>, DecodeError> {
        if self.depth > self.limits.max_depth {
            return Err(self.error_at(
                offset,
                DecodeErrorKind::LimitExceeded {
                    limit: "max_depth",
                    max: self.limits.max_depth,
                },
            ));
        }
        let (name, raw_attributes) = self.tag_parts(&start, offset);
        // The bindings of this element are the ones pushed from here on.
        let declared_from = self.namespaces.len();
        // The root's declarations depend on their text alone: the same text as a root read
        // before on this thread gets the same bindings without checking them again.
        let at_root = self.depth == 1 && declared_from == 0;
        let recalled = at_root
            && root_tags::recall(raw_attributes, |prefix, uri| {
                self.namespaces.push(Binding {
                    depth: 1,
                    prefix,
                    uri: Cow::Borrowed(uri),
                });
                self.namespace_generation += 1;
            });
        // Every attribute is checked, not only the ones read: a document with a malformed
        // attribute (unquoted, doubled, misnamed, holding `<` or an unknown entity) is not XML.
        let attributes = if recalled {
            Vec::new()
        } else {
            self.declare(raw_attributes, offset)?
        };
        if local > 0 {
            let prefix = name.get(..local - 1).unwrap_or_default();
            if self.resolve(Some(prefix)).is_none() {
                return Err(self.error_at(
                    offset,
                    DecodeErrorKind::Malformed(format!(
                        "the prefix `{prefix}` of element `{name}` is not declared"
                    )),
                ));
            }
            self.checked_prefix = (self.namespace_generation, prefix);
        }
        if !recalled {
            self.check_declared(&attributes, declared_from, offset)?;
            let declared = &self.namespaces[declared_from..];
            let plain = declared.iter().all(|b| matches!(b.uri, Cow::Borrowed(_)));
            if at_root && plain && attributes.is_empty() {
                root_tags::remember(
                    raw_attributes,
                    declared.iter().map(|b| (b.prefix, b.uri.as_ref())),
                );
            }
        }
        Ok(Element {
            start,
            offset,
            local,
        })
    }

    /// The name and the attributes (as written) of the start tag `start` at `offset`, as
    /// slices of the whole document: `BytesStart` lends them only for as long as it lives.
    fn tag_parts(&self, start: &BytesStart<'_>, offset: u64) -> (&'a str, &'a str) {
        let text = self.tokens.text();
        let name_start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .saturating_add(1);
        let name_end = name_start.saturating_add(start.name().0.len());
        let end = name_end.saturating_add(start.attributes_raw().len());
        (
            text.get(name_start..name_end).unwrap_or_default(),
            text.get(name_end..end).unwrap_or_default(),
        )
    }

    /// True when the element `start`, whose name has a prefix (`local > 0`), has the prefix
    /// last found bound, with no change to the bindings since.
    #[inline(always)]
    fn prefix_known(&self, start: &BytesStart<'a>, local: usize) -> bool {
        let (generation, prefix) = self.checked_prefix;
        generation == self.namespace_generation
            && start
                .name()
                .0
                .get(..local - 1)
                .is_some_and(|p| same_name(p, prefix))
    }

    fn close(&mut self) {
        while self
            .namespaces
            .last()
            .is_some_and(|b| b.depth >= self.depth)
        {
            self.namespaces.pop();
            self.namespace_generation += 1;
        }
        self.depth -= 1;
    }

    fn truncated(&self) -> DecodeError {
        self.error(DecodeErrorKind::Truncated(String::from("document")))
    }

    /// Reads up to the root element and returns it.
    pub fn root(&mut self) -> Result<Element<'a>, DecodeError> {
        loop {
            let offset = self.position();
            // A root with the attributes of the one remembered on this thread ends where
            // they do.
            let tokens = &mut self.tokens;
            let token = root_tags::with_remembered(|attributes| {
                tokens.next_token_expecting(attributes.as_bytes())
            })
            .unwrap_or_else(|| tokens.next_token())
            .map_err(|e| self.malformed(e))?;
            match token {
                Token::Start(start, local) => return self.open(start, local, offset),
                Token::DocType => return Err(self.error_at(offset, DecodeErrorKind::DtdRefused)),
                Token::Eof => {
                    return Err(self.error_at(
                        offset,
                        DecodeErrorKind::Malformed("the document has no root element".into()),
                    ))
                }
                Token::Ignorable => {}
                Token::Text(t) if t.trim().is_empty() => {}
                Token::Text(_) | Token::Ref(_) | Token::CData(_) | Token::End => {
                    return Err(self.error_at(
                        offset,
                        DecodeErrorKind::Malformed("text before the root element".into()),
                    ))
                }
            }
        }
    }

    /// Reads past the root's end to the end of input, refusing anything but comments,
    /// processing instructions and whitespace there.
    pub fn finish(&mut self) -> Result<(), DecodeError> {
        loop {
            let offset = self.position();
            match self.next_token()? {
                Token::Eof => return Ok(()),
                Token::Ignorable => {}
                Token::Text(t) if t.trim().is_empty() => {}
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
            let offset = self.position();
            // The two common tokens first, the rest out of line: a `match` over every kind
            // compiles to an indirect jump that mispredicts on every element.
            match self.next_token()? {
                Token::Start(start, local) => return self.open(start, local, offset).map(Some),
                Token::End => {
                    self.close();
                    return Ok(None);
                }
                other => self.between_children(other, offset)?,
            }
        }
    }

    /// A token other than a start or end tag between child elements: whitespace, comments
    /// and processing instructions pass; a DTD, the end of input or an unknown entity fail.
    #[inline(never)]
    fn between_children(&mut self, token: Token<'a>, offset: u64) -> Result<(), DecodeError> {
        match token {
            Token::DocType => Err(self.error_at(offset, DecodeErrorKind::DtdRefused)),
            Token::Eof => Err(self.truncated()),
            Token::Ref(r) => {
                // Entity references between child elements still have to be known ones.
                self.resolve_reference(r, offset).map(drop)
            }
            Token::Start(..) | Token::End | Token::Text(_) | Token::CData(_) | Token::Ignorable => {
                Ok(())
            }
        }
    }

    fn resolve_reference(&self, reference: &str, offset: u64) -> Result<char, DecodeError> {
        // A reference is part of some element's text: the error names it unless that element
        // holds a secret.
        let shown = || {
            if self.inside_secret(offset) {
                REDACTED.to_string()
            } else {
                reference.chars().take(64).collect()
            }
        };
        if let Some(number) = reference.strip_prefix('#') {
            return character_reference(number).ok_or_else(|| {
                self.error_at(
                    offset,
                    DecodeErrorKind::Malformed(format!(
                        "invalid character reference `&{};`",
                        shown()
                    )),
                )
            });
        }
        match reference {
            "lt" => Ok('<'),
            "gt" => Ok('>'),
            "amp" => Ok('&'),
            "apos" => Ok('\''),
            "quot" => Ok('"'),
            _ => Err(self.error_at(offset, DecodeErrorKind::UnknownEntity(shown()))),
        }
    }

    /// True when the text at byte `offset` is inside an element named like a secret
    /// ([`is_secret_name`]). Only errors ask, so the document is read again from the start
    /// rather than tracking names while decoding.
    fn inside_secret(&self, offset: u64) -> bool {
        // Where the document cannot be read again, assume the worst.
        let Ok(mut tokens) = Tokenizer::new(self.input) else {
            return true;
        };
        let mut open: Vec<bool> = Vec::new();
        while (tokens.position() as u64) < offset {
            match tokens.next_token() {
                Ok(Token::Start(start, _)) => {
                    let name = start.name().0;
                    let local = name.rsplit(':').next().unwrap_or(name);
                    open.push(is_secret_name(local));
                }
                Ok(Token::End) => {
                    open.pop();
                }
                Ok(Token::Eof) => break,
                Err(_) => return true,
                Ok(_) => {}
            }
        }
        open.contains(&true)
    }

    /// Reads the text content of `element` up to its end. Child elements inside are skipped
    /// and reported as unknown. Text longer than `max_string_len` is refused.
    pub fn read_text(&mut self, element: &Element<'_>) -> Result<Cow<'a, str>, DecodeError> {
        self.read_text_within(element, "max_string_len", self.limits.max_string_len)
    }

    /// The content of the element just opened when it is plain text (no markup, no references)
    /// and then its end tag, or nothing at all: reads both and returns the text. Otherwise
    /// `None`, and nothing is read: the element's children are still to come.
    pub(crate) fn plain_text_content(&mut self) -> Option<Cow<'a, str>> {
        let plain = self.tokens.plain_text_and_end()?;
        self.close();
        Some(xml10_text(plain, self.tokens.has_cr()))
    }

    /// Reads the text of a `base64Binary` `element` (see [`XmlReader::read_text`]), refusing
    /// it as soon as it is certain to decode to more than `max_bytes_len` bytes.
    pub fn read_base64_text(&mut self, element: &Element<'_>) -> Result<Cow<'a, str>, DecodeError> {
        let max = self.limits.max_bytes_len;
        // The text of `max` bytes is 4/3 of it; allow as much again for line breaks, which
        // some encoders put every 64 or 76 characters, then count exactly below.
        let text_max = max.div_ceil(3).saturating_mul(8).saturating_add(64);
        let text = self.read_text_within(element, "max_bytes_len", text_max)?;
        // What `n` base64 characters decode to at most.
        let decoded_len = |n: usize| n / 4 * 3 + (n % 4).saturating_sub(1);
        if decoded_len(text.len()) <= max {
            // Within the limit even if every character were significant: no need to count.
            return Ok(text);
        }
        let significant = text.bytes().filter(|b| !b.is_ascii_whitespace()).count();
        let padding = text
            .bytes()
            .rev()
            .filter(|b| !b.is_ascii_whitespace())
            .take(2)
            .filter(|&b| b == b'=')
            .count();
        let decoded = decoded_len(significant).saturating_sub(padding);
        if decoded > max {
            return Err(self.error_at(
                element.offset(),
                DecodeErrorKind::LimitExceeded {
                    limit: "max_bytes_len",
                    max,
                },
            ));
        }
        Ok(text)
    }

    /// The location of byte `offset`, counting lines from where the last call stopped (from
    /// the start when `offset` lies before it).
    fn location_after_last(&mut self, offset: u64) -> Location {
        let end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.input.len());
        let (from, line, line_start) = self.lines;
        if end < from {
            return Location::in_input(self.input, offset);
        }
        let segment = &self.input[from..end];
        let newlines = segment.iter().filter(|&&b| b == b'\n').count();
        let line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        let line_start = segment
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(line_start, |p| from + p + 1);
        self.lines = (end, line, line_start);
        Location {
            line,
            column: u32::try_from(end - line_start + 1).unwrap_or(u32::MAX),
            offset,
        }
    }

    /// Counts one more item (of an array, a dictionary or a repeated element) against
    /// `max_items`, which bounds the items of the whole message.
    pub fn count_item(&mut self, element: &Element<'_>) -> Result<(), DecodeError> {
        if self.items >= self.limits.max_items {
            return Err(self.error_at(
                element.offset(),
                DecodeErrorKind::LimitExceeded {
                    limit: "max_items",
                    max: self.limits.max_items,
                },
            ));
        }
        self.items += 1;
        Ok(())
    }

    /// Reads the text content of `element` up to its end, refusing it beyond `max` bytes
    /// with an error naming `limit`.
    fn read_text_within(
        &mut self,
        element: &Element<'_>,
        limit: &'static str,
        max: usize,
    ) -> Result<Cow<'a, str>, DecodeError> {
        // Most elements hold plain text and then their end tag, read in one step.
        match self.tokens.plain_text_and_end() {
            Some(plain) => {
                self.close();
                let text = xml10_text(plain, self.tokens.has_cr());
                self.check_text_len(&text, element, limit, max)?;
                Ok(text)
            }
            None => self.read_mixed_text(element, limit, max),
        }
    }

    /// Fails when `text` is longer than `max` bytes, naming `limit`.
    #[inline]
    fn check_text_len(
        &self,
        text: &str,
        element: &Element<'_>,
        limit: &'static str,
        max: usize,
    ) -> Result<(), DecodeError> {
        if text.len() > max {
            return Err(self.error_at(
                element.offset(),
                DecodeErrorKind::LimitExceeded { limit, max },
            ));
        }
        Ok(())
    }

    /// Reads text split by references, CDATA sections, comments or child elements, up to and
    /// including the element's end tag, refusing it as soon as it grows beyond `max` bytes.
    fn read_mixed_text(
        &mut self,
        element: &Element<'_>,
        limit: &'static str,
        max: usize,
    ) -> Result<Cow<'a, str>, DecodeError> {
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        loop {
            let offset = self.position();
            // Text and the end tag inline, the rest out of line (see `next_child`).
            match self.next_token()? {
                Token::Text(t) => append(&mut text, xml10_text(t, self.tokens.has_cr())),
                Token::End => {
                    self.close();
                    return Ok(text);
                }
                other => self.inside_text(other, offset, element, &mut text)?,
            }
            self.check_text_len(&text, element, limit, max)?;
        }
    }

    /// A token other than text or the end tag inside a text element: CDATA and entity
    /// references add to the text, child elements are skipped as unknown, comments and
    /// processing instructions pass; a DTD or the end of input fail.
    #[inline(never)]
    fn inside_text(
        &mut self,
        token: Token<'a>,
        offset: u64,
        element: &Element<'_>,
        text: &mut Cow<'a, str>,
    ) -> Result<(), DecodeError> {
        match token {
            Token::CData(c) => append(text, xml10_text(c, self.tokens.has_cr())),
            Token::Ref(r) => {
                let c = self.resolve_reference(r, offset)?;
                owned(text).push(c);
            }
            Token::Start(start, local) => {
                let child = self.open(start, local, offset)?;
                if self.xop.is_some() {
                    self.xop_child(&child, element)?;
                } else {
                    self.unknown(&child)?;
                }
            }
            Token::DocType => return Err(self.error_at(offset, DecodeErrorKind::DtdRefused)),
            Token::Eof => {
                return Err(self.error(DecodeErrorKind::Truncated(element.local_name().to_string())))
            }
            Token::Text(_) | Token::End | Token::Ignorable => {}
        }
        Ok(())
    }

    /// Skips the rest of the element most recently returned by [`XmlReader::next_child`].
    pub fn skip(&mut self) -> Result<(), DecodeError> {
        let target = self.depth;
        while self.depth >= target {
            let offset = self.position();
            match self.next_token()? {
                Token::Start(start, local) => {
                    self.open(start, local, offset)?;
                }
                Token::End => self.close(),
                Token::DocType => return Err(self.error_at(offset, DecodeErrorKind::DtdRefused)),
                Token::Ref(r) => {
                    self.resolve_reference(r, offset)?;
                }
                Token::Eof => return Err(self.truncated()),
                Token::Text(_) | Token::CData(_) | Token::Ignorable => {}
            }
        }
        Ok(())
    }

    /// Skips an element the contract does not know, remembering it for
    /// [`XmlReader::unknown_elements`] and logging it at debug level.
    pub fn unknown(&mut self, element: &Element<'_>) -> Result<(), DecodeError> {
        if self.xop.is_some() && self.is_xop_include(element) {
            // An xop:Include where the contract has no base64Binary value.
            let error = MtomError::IncludeOutsideBinary(element.qualified_name().to_string());
            return Err(self.error_at(element.offset(), DecodeErrorKind::Mtom(error)));
        }
        let location = self.location_after_last(element.offset());
        tracing::debug!(element = element.qualified_name(), %location, "skipping an element the contract does not know");
        if self.unknown.len() < MAX_REMEMBERED_UNKNOWN {
            self.unknown
                .push(format!("{} ({location})", element.qualified_name()));
        }
        self.skip()
    }
}

/// True when the start tag `start` carries attributes (anything but whitespace after its name).
#[inline]
fn carries_attributes(start: &BytesStart<'_>) -> bool {
    !start.attributes_raw().trim_ascii().is_empty()
}

/// The XML namespace, bound to the prefix `xml` and no other.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// Text with its line ends normalized (XML 1.0: `\r\n` and a lone `\r` read as `\n`).
/// `document_has_cr` is false for most messages, which then need no search at all. Text read
/// in pieces is normalized piece by piece, so that a `\r` from a character reference
/// (`&#13;`) stays.
#[inline(always)]
fn xml10_text(text: &str, document_has_cr: bool) -> Cow<'_, str> {
    if document_has_cr && memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

fn append<'a>(text: &mut Cow<'a, str>, piece: Cow<'a, str>) {
    if text.is_empty() {
        *text = piece;
    } else {
        owned(text).push_str(&piece);
    }
}

/// The text as an owned string, made with room to grow: text split by entity references
/// (`Grüße &amp; notes`) grows piece by piece.
fn owned<'t>(text: &'t mut Cow<'_, str>) -> &'t mut String {
    if let Cow::Borrowed(borrowed) = *text {
        let mut string = String::with_capacity((borrowed.len() * 2).max(32));
        string.push_str(borrowed);
        *text = Cow::Owned(string);
    }
    text.to_mut()
}

#[cfg(test)]
#[path = "reader_tests.rs"]
mod tests;
