//! A small, fast XML writer: escaping, XML 1.0 character checks and namespace prefixes.

use super::any::{XmlAttribute, XML_NS};
use super::chars::is_ncname;
use super::name::{Name, Ns, XSI_NS};
use crate::error::EncodeError;
use crate::value::LexicalValue;

/// Writes an XML document into a byte buffer.
///
/// Start tags stay open until content or the end tag arrives, so attributes can follow
/// [`XmlWriter::start`]; an element without content is written as `<a/>`.
#[derive(Debug)]
pub struct XmlWriter {
    buf: Vec<u8>,
    namespaces: &'static [&'static str],
    /// The index of the XML namespace in `namespaces`, if it is there: it is written with its
    /// reserved prefix `xml` and never declared (binding it to another prefix is an error).
    xml_namespace: Option<usize>,
    tag_open: bool,
    element: &'static str,
    /// True while [`XmlWriter::attribute`] writes a value: text is escaped for an attribute
    /// and the start tag stays open.
    in_attribute: bool,
    /// Prefixes [`XmlWriter::any_attribute`] declared on the open start tag, with where that
    /// tag starts in `buf` (entries of earlier tags are stale and dropped when next used).
    attribute_prefixes: Vec<(usize, String, String)>,
    /// Under MTOM: where large binary values go instead of base64 text.
    xop: Option<Box<crate::mtom::XopParts>>,
    /// SOAP with Attachments: the attachments written so far, once there is one.
    swa: Option<Box<crate::swa::SwaParts>>,
    /// The first error a field writer ([`XmlWriter::req`], [`XmlWriter::opt`],
    /// [`XmlWriter::many`]) met since [`XmlWriter::finish_fields`] last took it.
    kept: Option<Box<EncodeError>>,
}

impl XmlWriter {
    /// A writer whose elements name namespaces by index into `namespaces`.
    pub fn new(namespaces: &'static [&'static str]) -> Self {
        Self::with_capacity(namespaces, 1024)
    }

    /// Like [`XmlWriter::new`], reserving `capacity` bytes.
    pub fn with_capacity(namespaces: &'static [&'static str], capacity: usize) -> Self {
        Self::with_buffer(namespaces, Vec::with_capacity(capacity))
    }

    /// Like [`XmlWriter::new`], writing into `buf` (cleared first; its capacity is kept).
    pub(crate) fn with_buffer(namespaces: &'static [&'static str], mut buf: Vec<u8>) -> Self {
        buf.clear();
        buf.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        XmlWriter {
            buf,
            namespaces,
            xml_namespace: namespaces.iter().position(|uri| *uri == XML_NS),
            tag_open: false,
            element: "",
            in_attribute: false,
            attribute_prefixes: Vec::new(),
            xop: None,
            swa: None,
            kept: None,
        }
    }

    /// Writes large binary values as `xop:Include` of MIME parts (MTOM) from now on.
    pub(crate) fn set_xop(&mut self, parts: crate::mtom::XopParts) {
        self.xop = Some(Box::new(parts));
    }

    /// The MIME parts binary values went into (see [`XmlWriter::set_xop`]).
    pub(crate) fn take_xop(&mut self) -> Option<crate::mtom::XopParts> {
        self.xop.take().map(|parts| *parts)
    }

    /// Takes `attachment` into a MIME part beside the envelope (SOAP with Attachments), for
    /// message part `part` or (`None`) a `swaRef` value; returns its Content-ID.
    pub(crate) fn attach(
        &mut self,
        part: Option<&str>,
        attachment: &crate::swa::Attachment,
    ) -> Result<String, EncodeError> {
        self.swa
            .get_or_insert_with(Default::default)
            .add(part, attachment)
    }

    /// The attachments written (see [`XmlWriter::attach`]); `None` when there is none.
    pub(crate) fn take_attachments(&mut self) -> Option<crate::swa::SwaParts> {
        self.swa
            .take()
            .map(|parts| *parts)
            .filter(|p| !p.is_empty())
    }

    /// Under MTOM, when `bytes` reach the threshold: puts them into a MIME part and writes the
    /// `xop:Include` that refers to it as the current element's content; returns true then.
    pub(crate) fn include_binary(&mut self, bytes: &[u8]) -> bool {
        let Some(include) = self.xop.as_mut().and_then(|xop| xop.include(bytes)) else {
            return false;
        };
        self.close_tag();
        self.buf.extend_from_slice(include.as_bytes());
        true
    }

    /// Keeps the error of a field writer, unless one is kept already (the first one wins).
    #[cold]
    #[inline(never)]
    pub(crate) fn keep_error(&mut self, error: EncodeError) {
        if self.kept.is_none() {
            self.kept = Some(Box::new(error));
        }
    }

    /// The end of a generated `write_fields`: the first error its field writers met (they
    /// keep it and go on, so that each field is one call without a `?`), or `Ok`.
    ///
    /// Only the check is inlined into each `write_fields` (taking the error out of its box
    /// there was about twenty lines of code per generated struct for the compiler to build).
    #[inline]
    pub fn finish_fields(&mut self) -> Result<(), EncodeError> {
        if self.kept.is_none() {
            Ok(())
        } else {
            self.take_kept()
        }
    }

    /// The error a field writer kept, taken out (see [`XmlWriter::finish_fields`]).
    #[cold]
    #[inline(never)]
    fn take_kept(&mut self) -> Result<(), EncodeError> {
        match self.kept.take() {
            None => Ok(()),
            Some(error) => Err(*error),
        }
    }

    /// The document written so far.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    fn close_tag(&mut self) {
        if self.tag_open && !self.in_attribute {
            self.buf.push(b'>');
            self.tag_open = false;
        }
    }

    fn push_prefixed(&mut self, ns: Ns, local: &str) {
        if self.xml_namespace == Some(usize::from(ns.0)) {
            self.buf.extend_from_slice(b"xml:");
        } else if ns != Ns::NONE {
            self.buf.push(b'n');
            push_decimal(&mut self.buf, ns.0);
            self.buf.push(b':');
        }
        self.buf.extend_from_slice(local.as_bytes());
    }

    /// Opens element `name`.
    pub fn start(&mut self, name: Name) {
        self.close_tag();
        self.buf.push(b'<');
        self.push_prefixed(name.ns, name.local);
        self.tag_open = true;
        self.element = name.local;
    }

    /// Opens an element whose prefixed name is given literally (envelope elements).
    pub fn start_raw(&mut self, qname: &'static str) {
        self.close_tag();
        self.buf.push(b'<');
        self.buf.extend_from_slice(qname.as_bytes());
        self.tag_open = true;
        self.element = qname;
    }

    /// Declares `xsi` and every namespace of the table on the element just opened.
    pub fn declare_namespaces(&mut self) {
        self.declare("xsi", XSI_NS);
        for (index, uri) in self.namespaces.iter().enumerate() {
            if Some(index) == self.xml_namespace {
                continue;
            }
            self.buf.extend_from_slice(b" xmlns:n");
            push_decimal(&mut self.buf, u8::try_from(index).unwrap_or(u8::MAX));
            self.buf.extend_from_slice(b"=\"");
            escape_into(&mut self.buf, uri, true);
            self.buf.push(b'"');
        }
    }

    /// How many bytes are written so far.
    pub(crate) fn written_len(&self) -> usize {
        self.buf.len()
    }

    /// The bytes written from `start` (a [`XmlWriter::written_len`]) on.
    pub(crate) fn written_since(&self, start: usize) -> &[u8] {
        self.buf.get(start..).unwrap_or_default()
    }

    /// Appends `declarations` to the element just opened: namespace declarations as
    /// [`XmlWriter::declare`] and [`XmlWriter::declare_namespaces`] wrote them for this
    /// writer's table before.
    pub(crate) fn push_declarations(&mut self, declarations: &[u8]) {
        self.buf.extend_from_slice(declarations);
    }

    /// Declares `prefix` for `uri` on the element just opened (the default namespace when
    /// `prefix` is empty).
    pub fn declare(&mut self, prefix: &str, uri: &str) {
        if prefix.is_empty() {
            self.buf.extend_from_slice(b" xmlns");
        } else {
            self.buf.extend_from_slice(b" xmlns:");
            self.buf.extend_from_slice(prefix.as_bytes());
        }
        self.buf.extend_from_slice(b"=\"");
        escape_into(&mut self.buf, uri, true);
        self.buf.push(b'"');
    }

    /// Adds an attribute to the element just opened.
    pub fn attr(&mut self, qname: &str, value: &str) -> Result<(), EncodeError> {
        check_chars(value, self.element)?;
        self.buf.push(b' ');
        self.buf.extend_from_slice(qname.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        escape_into(&mut self.buf, value, true);
        self.buf.push(b'"');
        Ok(())
    }

    /// Adds attribute `name` with the text of `value` to the element just opened (the prefixes
    /// its text names bound first, see [`XmlWriter::bind_prefix`]); fails when the element
    /// already has content.
    pub fn attribute<T: LexicalValue>(&mut self, name: Name, value: &T) -> Result<(), EncodeError> {
        if !self.tag_open || self.in_attribute {
            return Err(EncodeError::InvalidValue {
                element: self.element.to_string(),
                reason: format!(
                    "attribute `{}` written after the element's content",
                    name.local
                ),
            });
        }
        value.bind_namespaces(self)?;
        self.buf.push(b' ');
        self.push_prefixed(name.ns, name.local);
        self.buf.extend_from_slice(b"=\"");
        self.in_attribute = true;
        let written = value.write_lexical(self);
        self.in_attribute = false;
        written?;
        self.buf.push(b'"');
        Ok(())
    }

    /// Writes `attribute` (one an `xs:anyAttribute` kept) on the element just opened. Its prefix
    /// is declared on that element when it has a namespace, unless the namespace is one the
    /// writer already binds (the table's, `xsi`, `xml`); a prefix the writer uses itself, or
    /// one declared on this element for another namespace, is replaced by a fresh one.
    pub fn any_attribute(&mut self, attribute: &XmlAttribute) -> Result<(), EncodeError> {
        let element = self.element;
        let invalid = |reason: String| EncodeError::InvalidValue {
            element: element.to_string(),
            reason,
        };
        if !self.tag_open || self.in_attribute {
            return Err(invalid(format!(
                "attribute `{}` written after the element's content",
                attribute.local
            )));
        }
        if !is_ncname(&attribute.local) {
            return Err(invalid(format!(
                "attribute name `{}` is not an XML name",
                attribute.local.chars().take(64).collect::<String>()
            )));
        }
        let namespace = attribute.namespace.as_str();
        let prefix: String = if namespace.is_empty() {
            String::new()
        } else if namespace == XML_NS {
            String::from("xml")
        } else if namespace == XSI_NS {
            String::from("xsi")
        } else if let Some(slot) = self.slot_of(namespace) {
            format!("n{}", slot.0)
        } else if namespace == XMLNS_NS {
            return Err(invalid(String::from(
                "a namespace declaration is not an attribute",
            )));
        } else {
            self.attribute_prefix(attribute.prefix.as_deref(), namespace)
        };
        check_chars(&attribute.value, self.element)?;
        self.buf.push(b' ');
        if !prefix.is_empty() {
            self.buf.extend_from_slice(prefix.as_bytes());
            self.buf.push(b':');
        }
        self.buf.extend_from_slice(attribute.local.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        escape_into(&mut self.buf, &attribute.value, true);
        self.buf.push(b'"');
        Ok(())
    }

    /// The prefix for an attribute in `namespace` (not one the writer binds) on the open start
    /// tag, declaring it there unless an earlier attribute of this tag did.
    fn attribute_prefix(&mut self, wanted: Option<&str>, namespace: &str) -> String {
        // Attribute values are escaped, so the open tag starts at the last `<`.
        let tag = memchr::memrchr(b'<', &self.buf).unwrap_or(0);
        self.attribute_prefixes.retain(|(at, _, _)| *at == tag);
        let declared = |prefix: &str| {
            self.attribute_prefixes
                .iter()
                .find(|(_, p, _)| p == prefix)
                .map(|(_, _, uri)| uri.as_str())
        };
        let usable = wanted.filter(|p| is_ncname(p) && !is_writer_prefix(p));
        if let Some(p) = usable {
            match declared(p) {
                Some(uri) if uri == namespace => return p.to_string(),
                Some(_) => {}
                None => return self.declare_on_tag(tag, p.to_string(), namespace),
            }
        }
        if let Some((_, p, _)) = self
            .attribute_prefixes
            .iter()
            .find(|(_, _, uri)| uri == namespace)
        {
            return p.clone();
        }
        let fresh = self.fresh_prefix("a");
        self.declare_on_tag(tag, fresh, namespace)
    }

    /// Declares `prefix` for `uri` on the start tag at byte `tag` (the open one) and records
    /// the binding, so that later attributes and values of the tag reuse it; returns `prefix`.
    fn declare_on_tag(&mut self, tag: usize, prefix: String, uri: &str) -> String {
        self.declare(&prefix, uri);
        self.attribute_prefixes
            .push((tag, prefix.clone(), uri.to_string()));
        prefix
    }

    /// The first of `stem`0, `stem`1, ... that no binding recorded on the open tag uses.
    fn fresh_prefix(&self, stem: &str) -> String {
        (0..)
            .map(|k| format!("{stem}{k}"))
            .find(|p| !self.attribute_prefixes.iter().any(|(_, q, _)| q == p))
            .unwrap_or_default()
    }

    /// Declares `prefix` for `uri` on the element just opened, as [`XmlWriter::declare`] does,
    /// and records it, so that [`XmlWriter::bind_prefix`] reuses it (and no fresh prefix
    /// collides with it) for the values and attributes of that element.
    pub(crate) fn declare_kept(&mut self, prefix: &str, uri: &str) {
        let tag = memchr::memrchr(b'<', &self.buf).unwrap_or(0);
        self.attribute_prefixes.retain(|(at, _, _)| *at == tag);
        self.declare_on_tag(tag, prefix.to_string(), uri);
    }

    /// The prefix to name namespace `uri` with in a value (an `xs:QName`) on the element just
    /// opened, binding one when none is in scope: the writer's own (`xml`, `xsi`, `nK` of the
    /// namespace table, declared on the document's root), or one declared on this start tag
    /// before (by an earlier value or kept attribute); else a fresh `qK` declared on the tag now.
    /// Each namespace is so declared at most once per start tag. Fails once the start tag is
    /// closed or while an attribute value is being written, where nothing can be declared.
    pub fn bind_prefix(&mut self, uri: &str) -> Result<String, EncodeError> {
        if let Some(prefix) = self.bound_prefix(uri) {
            return Ok(prefix);
        }
        if !self.tag_open || self.in_attribute || uri.is_empty() || uri == XMLNS_NS {
            return Err(EncodeError::InvalidValue {
                element: self.element.to_string(),
                reason: format!(
                    "no prefix can be declared for namespace {:?} here",
                    uri.chars().take(64).collect::<String>()
                ),
            });
        }
        let tag = memchr::memrchr(b'<', &self.buf).unwrap_or(0);
        self.attribute_prefixes.retain(|(at, _, _)| *at == tag);
        let fresh = self.fresh_prefix("q");
        Ok(self.declare_on_tag(tag, fresh, uri))
    }

    /// The prefix in scope for namespace `uri` where the writer is (see
    /// [`XmlWriter::bind_prefix`]), without declaring one.
    pub fn bound_prefix(&self, uri: &str) -> Option<String> {
        if uri == XML_NS {
            return Some(String::from("xml"));
        }
        if uri == XSI_NS {
            return Some(String::from("xsi"));
        }
        if let Some(slot) = self.slot_of(uri) {
            return Some(format!("n{}", slot.0));
        }
        // Attribute values and text are escaped, so the current start tag starts at the last
        // `<` (also once it is closed, while its text is written).
        let tag = memchr::memrchr(b'<', &self.buf).unwrap_or(0);
        self.attribute_prefixes
            .iter()
            .find(|(at, _, declared)| *at == tag && declared == uri)
            .map(|(_, prefix, _)| prefix.clone())
    }

    /// The table slot of namespace `uri`, if the table holds it.
    pub(crate) fn slot_of(&self, uri: &str) -> Option<Ns> {
        self.namespaces
            .iter()
            .position(|n| *n == uri)
            .and_then(|i| u8::try_from(i).ok())
            .filter(|&i| i != Ns::NONE.0)
            .map(Ns)
    }

    /// Opens an element whose prefixed name is given at run time (raw XML values).
    pub(crate) fn start_dynamic(&mut self, qname: &str) {
        self.close_tag();
        self.buf.push(b'<');
        self.buf.extend_from_slice(qname.as_bytes());
        self.tag_open = true;
        self.element = "(raw XML element)";
    }

    /// Closes an element opened with [`XmlWriter::start_dynamic`].
    pub(crate) fn end_dynamic(&mut self, qname: &str) {
        if self.tag_open {
            self.buf.extend_from_slice(b"/>");
            self.tag_open = false;
        } else {
            self.buf.extend_from_slice(b"</");
            self.buf.extend_from_slice(qname.as_bytes());
            self.buf.push(b'>');
        }
    }

    /// Adds an attribute to the open start tag; errors name `element`.
    pub(crate) fn attr_in(
        &mut self,
        qname: &str,
        value: &str,
        element: &str,
    ) -> Result<(), EncodeError> {
        check_chars(value, element)?;
        self.buf.push(b' ');
        self.buf.extend_from_slice(qname.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        escape_into(&mut self.buf, value, true);
        self.buf.push(b'"');
        Ok(())
    }

    /// Writes text content, escaped; errors name `element`.
    pub(crate) fn text_in(&mut self, text: &str, element: &str) -> Result<(), EncodeError> {
        check_chars(text, element)?;
        self.close_tag();
        escape_into(&mut self.buf, text, false);
        Ok(())
    }

    /// Marks the element just opened as nil (`xsi:nil="true"`).
    pub fn nil(&mut self) {
        self.buf.extend_from_slice(b" xsi:nil=\"true\"");
    }

    /// Writes `xsi:type` naming a type in namespace slot `ns`. When the open start tag already
    /// carries an `xsi:type` (an outer codec wrote the declared type, an inner one the actual
    /// type), the one written last replaces it.
    pub fn xsi_type(&mut self, ns: Ns, local: &str) {
        self.remove_xsi_type();
        self.buf.extend_from_slice(b" xsi:type=\"");
        self.push_prefixed(ns, local);
        self.buf.push(b'"');
    }

    /// Writes `xsi:type` with a prefixed name given as text (its prefix declared by the caller),
    /// replacing one the open start tag carries already, as [`XmlWriter::xsi_type`] does.
    pub(crate) fn xsi_type_text(&mut self, qname: &str) -> Result<(), EncodeError> {
        self.remove_xsi_type();
        self.attr("xsi:type", qname)
    }

    /// Removes an `xsi:type` attribute from the open start tag, if it has one.
    fn remove_xsi_type(&mut self) {
        if !self.tag_open || self.in_attribute {
            return;
        }
        // Attribute values are escaped (no `<` or `"` inside), so the open tag starts at the
        // last `<` and ` xsi:type="` there can only be the attribute itself.
        let Some(tag) = memchr::memrchr(b'<', &self.buf) else {
            return;
        };
        const ATTRIBUTE: &[u8] = b" xsi:type=\"";
        let Some(at) = memchr::memmem::find(&self.buf[tag..], ATTRIBUTE).map(|i| tag + i) else {
            return;
        };
        let value = at + ATTRIBUTE.len();
        if let Some(end) = memchr::memchr(b'"', &self.buf[value..]) {
            self.buf.drain(at..value + end + 1);
        }
    }

    /// Writes text content, escaped; fails on characters XML 1.0 cannot carry.
    pub fn text(&mut self, text: &str) -> Result<(), EncodeError> {
        check_chars(text, self.element)?;
        self.close_tag();
        escape_into(&mut self.buf, text, self.in_attribute);
        Ok(())
    }

    /// Writes text known to need no escaping (numbers, booleans, base64).
    pub fn safe_text(&mut self, text: &str) {
        self.close_tag();
        self.buf.extend_from_slice(text.as_bytes());
    }

    /// Writes an already serialized, well-formed XML fragment.
    pub fn raw_fragment(&mut self, xml: &str) {
        self.close_tag();
        self.buf.extend_from_slice(xml.as_bytes());
    }

    /// Direct access to the buffer for content writers that escape nothing (base64).
    pub fn content_buffer(&mut self) -> &mut Vec<u8> {
        self.close_tag();
        &mut self.buf
    }

    /// Closes element `name`.
    pub fn end(&mut self, name: Name) {
        if self.tag_open {
            self.buf.extend_from_slice(b"/>");
            self.tag_open = false;
        } else {
            self.buf.extend_from_slice(b"</");
            self.push_prefixed(name.ns, name.local);
            self.buf.push(b'>');
        }
    }

    /// Closes an element opened with [`XmlWriter::start_raw`].
    pub fn end_raw(&mut self, qname: &'static str) {
        if self.tag_open {
            self.buf.extend_from_slice(b"/>");
            self.tag_open = false;
        } else {
            self.buf.extend_from_slice(b"</");
            self.buf.extend_from_slice(qname.as_bytes());
            self.buf.push(b'>');
        }
    }

    /// A point to [`XmlWriter::rollback`] to.
    pub fn mark(&self) -> Mark {
        Mark {
            len: self.buf.len(),
            tag_open: self.tag_open,
        }
    }

    /// Forgets everything written since `mark`.
    pub fn rollback(&mut self, mark: Mark) {
        self.attribute_prefixes.clear();
        self.buf.truncate(mark.len);
        self.tag_open = mark.tag_open;
    }

    /// The local name of the element most recently opened, for error messages.
    pub fn current_element(&self) -> &'static str {
        self.element
    }
}

/// A position in a writer's output, from [`XmlWriter::mark`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    len: usize,
    tag_open: bool,
}

/// The namespace of namespace declarations (`xmlns:p`), which no attribute may be in.
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// Prefixes the writer binds itself: `s` (envelope), `xsi`, `n0`..`n255` (the table), and the
/// reserved `xml` and `xmlns`. Declaring one on an element could change the meaning of names
/// the writer puts there.
pub(crate) fn is_writer_prefix(prefix: &str) -> bool {
    matches!(prefix, "s" | "xsi" | "xml" | "xmlns" | "soapenc")
        || prefix.to_ascii_lowercase().starts_with("xml")
        || prefix
            .strip_prefix('n')
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

fn push_decimal(buf: &mut Vec<u8>, n: u8) {
    if n >= 100 {
        buf.push(b'0' + n / 100);
    }
    if n >= 10 {
        buf.push(b'0' + (n / 10) % 10);
    }
    buf.push(b'0' + n % 10);
}

/// Fails when `text` holds a character outside XML 1.0's `Char` production.
fn check_chars(text: &str, element: &str) -> Result<(), EncodeError> {
    let bytes = text.as_bytes();
    let suspicious = bytes
        .iter()
        .any(|&b| (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0xEF);
    if !suspicious {
        return Ok(());
    }
    for c in text.chars() {
        let code = u32::from(c);
        let allowed =
            matches!(c, '\t' | '\n' | '\r') || (code >= 0x20 && code != 0xFFFE && code != 0xFFFF);
        if !allowed {
            return Err(EncodeError::InvalidChar {
                element: element.to_string(),
                code,
            });
        }
    }
    Ok(())
}

/// Escapes markup characters; `\r` and, in attributes, `\t`/`\n` as character references so
/// that they survive the reader's normalization.
/// The bytes [`escape_into`] replaces: `TEXT` in text and attribute values, `ATTRIBUTE` in
/// attribute values only. A table lookup per byte, so that text without any (most of it) is
/// passed over in a tight loop and copied at once.
const ESCAPED: [u8; 256] = {
    let mut table = [0; 256];
    table[b'<' as usize] = TEXT;
    table[b'>' as usize] = TEXT;
    table[b'&' as usize] = TEXT;
    table[b'\r' as usize] = TEXT;
    table[b'"' as usize] = ATTRIBUTE;
    table[b'\n' as usize] = ATTRIBUTE;
    table[b'\t' as usize] = ATTRIBUTE;
    table
};
const TEXT: u8 = 1;
const ATTRIBUTE: u8 = 2;

/// How many bytes at the start of `bytes`, in whole words of eight, certainly need no escape
/// (all of them when none does): each word is tested at once for a byte below 0x20 and for
/// `<`, `>`, `&` (and `"` in an attribute), a few instructions per eight bytes where the
/// table costs a few per byte. The test may flag a word that needs nothing (a line feed in
/// text): [`escape_into`] then looks at its bytes one by one.
#[inline]
fn clean_words(bytes: &[u8], attribute: bool) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOP_BITS: u64 = 0x8080_8080_8080_8080;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    // Nonzero when a byte of `x` is zero (Hacker's Delight 6-1; what it flags above a zero
    // byte does not matter here).
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & TOP_BITS;
    let mut words = bytes.chunks_exact(8);
    let mut clean = 0;
    for chunk in words.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let mut flagged = (x.wrapping_sub(SPACES) & !x & TOP_BITS)
            | zero_byte(x ^ (ONES * u64::from(b'<')))
            | zero_byte(x ^ (ONES * u64::from(b'>')))
            | zero_byte(x ^ (ONES * u64::from(b'&')));
        if attribute {
            flagged |= zero_byte(x ^ (ONES * u64::from(b'"')));
        }
        if flagged != 0 {
            return clean;
        }
        clean += 8;
    }
    let escaped = if attribute { TEXT | ATTRIBUTE } else { TEXT };
    match words
        .remainder()
        .iter()
        .position(|&b| ESCAPED[usize::from(b)] & escaped != 0)
    {
        Some(_) => clean,
        None => bytes.len(),
    }
}

fn escape_into(buf: &mut Vec<u8>, text: &str, attribute: bool) {
    let bytes = text.as_bytes();
    let escaped = if attribute { TEXT | ATTRIBUTE } else { TEXT };
    let clean = clean_words(bytes, attribute);
    if clean == bytes.len() {
        buf.extend_from_slice(bytes);
        return;
    }
    buf.reserve(bytes.len());
    let mut last = 0;
    for (i, &b) in bytes.iter().enumerate().skip(clean) {
        if ESCAPED[usize::from(b)] & escaped == 0 {
            continue;
        }
        let replacement: &[u8] = match b {
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'&' => b"&amp;",
            b'\r' => b"&#xD;",
            b'"' if attribute => b"&quot;",
            b'\n' if attribute => b"&#xA;",
            b'\t' if attribute => b"&#x9;",
            _ => continue,
        };
        buf.extend_from_slice(&bytes[last..i]);
        buf.extend_from_slice(replacement);
        last = i + 1;
    }
    buf.extend_from_slice(&bytes[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &[&str] = &["urn:a"];

    #[test]
    fn field_writers_keep_the_first_error_for_finish_fields() {
        use crate::codec::{Field, Plain};
        let fields = [
            Field::required(Ns(0), "A"),
            Field::optional(Ns(0), "B"),
            Field::repeated(Ns(0), "C"),
        ];
        let mut w = XmlWriter::new(NS);
        w.req(&fields[0], &"fine".to_string(), &Plain);
        w.opt(&fields[1], &Some("bell \u{7}".to_string()), &Plain);
        w.many(&fields[2], &["form feed \u{c}".to_string()], &Plain);
        match w.finish_fields() {
            Err(EncodeError::InvalidChar { code, element }) => {
                assert_eq!(
                    (code, element.as_str()),
                    (7, "B"),
                    "the first error is kept"
                );
            }
            other => panic!("expected the first field's InvalidChar, got {other:?}"),
        }
        // Taken: the next struct's fields start clean.
        w.req(&fields[0], &1_i32, &Plain);
        assert!(w.finish_fields().is_ok());
    }

    #[test]
    fn writes_prefixed_escaped_and_empty_elements() {
        let mut w = XmlWriter::new(NS);
        let root = Name::new(Ns(0), "Root");
        w.start(root);
        w.declare_namespaces();
        let child = Name::new(Ns(0), "Text");
        w.start(child);
        w.text("Inbox/Ü & <x>\r\n").unwrap();
        w.end(child);
        let empty = Name::new(Ns::NONE, "Empty");
        w.start(empty);
        w.nil();
        w.end(empty);
        w.end(root);
        let xml = String::from_utf8(w.into_bytes()).unwrap();
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><n0:Root xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:n0=\"urn:a\"><n0:Text>Inbox/Ü &amp; &lt;x&gt;&#xD;\n</n0:Text><Empty xsi:nil=\"true\"/></n0:Root>"
        );
    }

    /// The escaping of one byte at a time, which the word-at-a-time test must agree with.
    fn escaped_byte_by_byte(text: &str, attribute: bool) -> String {
        text.chars()
            .map(|c| match c {
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '&' => "&amp;".to_string(),
                '\r' => "&#xD;".to_string(),
                '"' if attribute => "&quot;".to_string(),
                '\n' if attribute => "&#xA;".to_string(),
                '\t' if attribute => "&#x9;".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn escapes_every_special_byte_wherever_it_stands() {
        let specials = [
            '<', '>', '&', '\r', '"', '\n', '\t', 'Ü', ' ', '\u{7f}', '\u{1f}',
        ];
        for len in 0..20 {
            for at in 0..len.max(1) {
                for special in specials {
                    let text: String = (0..len)
                        .map(|i| if i == at { special } else { 'a' })
                        .collect();
                    for attribute in [false, true] {
                        let mut buf = Vec::new();
                        escape_into(&mut buf, &text, attribute);
                        assert_eq!(
                            String::from_utf8(buf).unwrap(),
                            escaped_byte_by_byte(&text, attribute),
                            "{text:?} {attribute}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_xml_namespace_keeps_its_reserved_prefix_and_is_never_declared() {
        const WITH_XML: &[&str] = &["urn:a", XML_NS];
        let mut w = XmlWriter::new(WITH_XML);
        let root = Name::new(Ns(0), "Root");
        w.start(root);
        w.declare_namespaces();
        w.attribute(Name::new(Ns(1), "lang"), &String::from("en"))
            .unwrap();
        w.end(root);
        let xml = String::from_utf8(w.into_bytes()).unwrap();
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><n0:Root xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:n0=\"urn:a\" xml:lang=\"en\"/>"
        );
    }

    #[test]
    fn refuses_characters_xml_cannot_carry() {
        let mut w = XmlWriter::new(NS);
        w.start(Name::new(Ns(0), "Bad"));
        let err = w.text("a\u{1}b").unwrap_err();
        assert_eq!(
            err,
            EncodeError::InvalidChar {
                element: "Bad".into(),
                code: 1
            }
        );
        assert!(w.text("\u{FFFF}").is_err());
        assert!(w.text("\u{FFFD} ok \u{EFFF}").is_ok());
    }
}
