//! SOAP 1.1 and 1.2 envelopes: writing requests, responses and faults, and reading them back.

use std::fmt;

use crate::codec::{StructReader, XmlStruct};
use crate::encoding::{resolve_references, SOAP_ENCODING_NS};
use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::fault::Fault;
use crate::value::XmlValue;
use crate::xml::name::same_name;
use crate::xml::{Element, Limits, Name, XmlReader, XmlWriter};

mod declarations;
mod must_understand;
#[cfg(feature = "server")]
mod sniff;
#[cfg(feature = "server")]
pub(crate) use sniff::sniff_version;

/// The SOAP 1.1 envelope namespace.
pub const SOAP11_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// The SOAP 1.2 envelope namespace.
pub const SOAP12_NS: &str = "http://www.w3.org/2003/05/soap-envelope";

/// A SOAP version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SoapVersion {
    /// SOAP 1.1: `text/xml` and a `SOAPAction` HTTP header.
    #[default]
    Soap11,
    /// SOAP 1.2: `application/soap+xml` with an `action` parameter.
    Soap12,
}

impl SoapVersion {
    /// The envelope namespace.
    pub fn namespace(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => SOAP11_NS,
            SoapVersion::Soap12 => SOAP12_NS,
        }
    }

    /// The version whose envelope namespace is `namespace`.
    pub fn from_namespace(namespace: &str) -> Option<Self> {
        match namespace {
            SOAP11_NS => Some(SoapVersion::Soap11),
            SOAP12_NS => Some(SoapVersion::Soap12),
            _ => None,
        }
    }

    /// The `Content-Type` of a message carrying `action` (1.2 puts the action there).
    pub fn content_type(self, action: Option<&str>) -> String {
        match (self, action) {
            (SoapVersion::Soap12, Some(action)) => {
                format!("application/soap+xml; charset=utf-8; action=\"{action}\"")
            }
            (version, _) => version.content_type_without_action().into(),
        }
    }

    /// The `Content-Type` of a message without an action: [`SoapVersion::content_type`] of
    /// `None`, as a constant.
    pub const fn content_type_without_action(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "text/xml; charset=utf-8",
            SoapVersion::Soap12 => "application/soap+xml; charset=utf-8",
        }
    }

    /// The version a `Content-Type` announces, if it is a SOAP one.
    pub fn from_content_type(content_type: &str) -> Option<Self> {
        // The content types this runtime and WCF send, recognised whole.
        match content_type {
            "text/xml; charset=utf-8" => return Some(SoapVersion::Soap11),
            "application/soap+xml; charset=utf-8" => return Some(SoapVersion::Soap12),
            _ => {}
        }
        let media = media_type(content_type);
        if media.eq_ignore_ascii_case("text/xml") {
            Some(SoapVersion::Soap11)
        } else if media.eq_ignore_ascii_case("application/soap+xml") {
            Some(SoapVersion::Soap12)
        } else {
            None
        }
    }
}

impl fmt::Display for SoapVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SoapVersion::Soap11 => "SOAP 1.1",
            SoapVersion::Soap12 => "SOAP 1.2",
        })
    }
}

/// The media type of a `Content-Type` (before any parameter), as written: compare it
/// ignoring ASCII case.
pub(crate) fn media_type(content_type: &str) -> &str {
    // A byte search: content types are short, and `split` sets up a searcher for each.
    let end = content_type
        .bytes()
        .position(|b| b == b';')
        .unwrap_or(content_type.len());
    content_type.get(..end).unwrap_or_default().trim()
}

/// The `action` parameter of a SOAP 1.2 `Content-Type`, if present.
pub fn action_from_content_type(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("action")
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

/// Headers and body of a SOAP message, as the caller of an operation sees them.
///
/// With the `serde` feature it is the JSON object `{"Headers": .., "Body": ..}`.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase", default)
)]
pub struct Message<H, B> {
    /// The SOAP header elements.
    pub headers: H,
    /// The body's element.
    pub body: B,
}

/// A message read from the wire, with what the reader noticed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Received<H, B> {
    /// The envelope version it came in.
    pub version: SoapVersion,
    /// Headers and body.
    pub message: Message<H, B>,
    /// Elements the contract does not know, which were skipped (`name (line L, column C)`).
    pub unknown_elements: Vec<String>,
    /// The header blocks marked `mustUnderstand` for this node that neither the contract nor
    /// the header reader's protocol (WS-Addressing) reads, kept for the caller or not: a server
    /// answers them with a `MustUnderstand` fault unless told they are processed elsewhere.
    pub not_understood: Vec<crate::types::QName>,
}

const ENVELOPE: &str = "s:Envelope";
const HEADER: &str = "s:Header";
const BODY: &str = "s:Body";

fn start_envelope(
    version: SoapVersion,
    namespaces: &'static [&'static str],
    capacity: usize,
) -> XmlWriter {
    start_envelope_in(version, namespaces, Vec::with_capacity(capacity))
}

/// [`envelope_writer`] writing into `buf` (cleared first; its capacity is kept).
#[cfg(feature = "server")]
pub(crate) fn envelope_writer_in(
    version: SoapVersion,
    namespaces: &'static [&'static str],
    buf: Vec<u8>,
) -> XmlWriter {
    start_envelope_in(version, namespaces, buf)
}

fn start_envelope_in(
    version: SoapVersion,
    namespaces: &'static [&'static str],
    buf: Vec<u8>,
) -> XmlWriter {
    let mut w = XmlWriter::with_buffer(namespaces, buf);
    w.start_raw(ENVELOPE);
    declarations::declare(&mut w, version, namespaces);
    w
}

/// Writes an envelope with `headers` (their set fields) and `body` as element `body_name`.
pub fn write_envelope<H: XmlStruct, B: XmlValue>(
    version: SoapVersion,
    namespaces: &'static [&'static str],
    headers: &H,
    body_name: Name,
    body: &B,
) -> Result<Vec<u8>, EncodeError> {
    let w = envelope_writer(version, namespaces, ENVELOPE_CAPACITY);
    write_envelope_with(w, &|_| Ok(()), headers, body_name, body, false).map(XmlWriter::into_bytes)
}

/// Like [`write_envelope`]; when `encoded` (an rpc/encoded operation), the body's element
/// carries `s:encodingStyle` naming SOAP 1.1 encoding.
pub fn write_envelope_with_encoding<H: XmlStruct, B: XmlValue>(
    version: SoapVersion,
    namespaces: &'static [&'static str],
    headers: &H,
    body_name: Name,
    body: &B,
    encoded: bool,
) -> Result<Vec<u8>, EncodeError> {
    let w = envelope_writer(version, namespaces, ENVELOPE_CAPACITY);
    write_envelope_with(w, &|_| Ok(()), headers, body_name, body, encoded)
        .map(XmlWriter::into_bytes)
}

/// What an envelope's buffer starts with room for: most messages are a few hundred bytes.
/// Just under 1 KiB: glibc's `malloc` serves requests from 1,008 bytes up from its large bins,
/// and consolidates all freed small chunks first, on every such request (measured: about 250
/// instructions per request served).
pub(crate) const ENVELOPE_CAPACITY: usize = 1000;

/// Header elements a protocol layer (WS-Addressing) writes before the contract's headers.
pub(crate) type ExtraHeaders<'a> = &'a dyn Fn(&mut XmlWriter) -> Result<(), EncodeError>;

/// A writer with the `Envelope` start tag of `version` written, declaring `namespaces`.
pub(crate) fn envelope_writer(
    version: SoapVersion,
    namespaces: &'static [&'static str],
    capacity: usize,
) -> XmlWriter {
    start_envelope(version, namespaces, capacity)
}

/// Writes the rest of an envelope into `w` (made by [`envelope_writer`]): `extra` header
/// elements, then `headers` (their set fields), then `body` as element `body_name`; when
/// `encoded` (an rpc/encoded operation), the body's element carries `s:encodingStyle` naming
/// SOAP 1.1 encoding.
pub(crate) fn write_envelope_with<H: XmlStruct, B: XmlValue>(
    w: XmlWriter,
    extra: ExtraHeaders<'_>,
    headers: &H,
    body_name: Name,
    body: &B,
    encoded: bool,
) -> Result<XmlWriter, EncodeError> {
    write_envelope_parts(
        w,
        extra,
        &|w| headers.write_fields(w),
        (body_name, &[]),
        &|w| body.write_content(w),
        encoded,
    )
}

/// Writes part of an envelope's content: header fields, or a body's content.
pub(crate) type WriteParts<'a> = &'a dyn Fn(&mut XmlWriter) -> Result<(), EncodeError>;

/// The name of a body's element, and the attributes (qualified name, value) the `Body` element
/// itself carries (a signed request's `wsu:Id`).
pub(crate) type BodyNames<'a> = (Name, &'a [(&'a str, &'a str)]);

/// [`write_envelope_with`] with the headers and the body as writers: one copy for every
/// message type (the client's calls use it directly).
pub(crate) fn write_envelope_parts(
    mut w: XmlWriter,
    extra: ExtraHeaders<'_>,
    headers: WriteParts<'_>,
    (body_name, body_attributes): BodyNames<'_>,
    body: WriteParts<'_>,
    encoded: bool,
) -> Result<XmlWriter, EncodeError> {
    let before = w.mark();
    w.start_raw(HEADER);
    let after_start = w.mark();
    extra(&mut w)?;
    headers(&mut w)?;
    if w.mark() == after_start {
        // No header was set: leave the Header element out altogether.
        w.rollback(before);
    } else {
        w.end_raw(HEADER);
    }
    w.start_raw(BODY);
    for (name, value) in body_attributes {
        w.attr(name, value)?;
    }
    // An empty local name stands for a body without a wrapper element: a message without
    // parts (`()` writes nothing), or the parts of a document-style message as the Body's
    // children.
    if body_name.local.is_empty() {
        body(&mut w)?;
    } else {
        w.start(body_name);
        if encoded {
            w.attr("s:encodingStyle", SOAP_ENCODING_NS)?;
        }
        body(&mut w)?;
        w.end(body_name);
    }
    w.end_raw(BODY);
    w.end_raw(ENVELOPE);
    // A field writer's error that no `write_fields` returned (a hand-written `XmlStruct` that
    // does not end with `finish_fields`) still fails the message: no field is left out
    // silently.
    w.finish_fields()?;
    Ok(w)
}

/// Writes an envelope whose body is `fault`.
pub fn write_fault(fault: &Fault, namespaces: &'static [&'static str]) -> Vec<u8> {
    write_fault_with(fault, namespaces, &|_| Ok(()))
}

/// Writes an envelope whose body is `fault`, with `extra` header elements (WS-Addressing's);
/// headers that cannot be written are left out rather than failing the fault.
pub(crate) fn write_fault_with(
    fault: &Fault,
    namespaces: &'static [&'static str],
    extra: ExtraHeaders<'_>,
) -> Vec<u8> {
    let mut w = start_envelope(fault.version, namespaces, 512);
    let before = w.mark();
    w.start_raw(HEADER);
    let after_start = w.mark();
    if extra(&mut w).is_err() || w.mark() == after_start {
        w.rollback(before);
    } else {
        w.end_raw(HEADER);
    }
    w.start_raw(BODY);
    w.start_raw("s:Fault");
    // Fault texts come from our own code or a service implementation; characters XML cannot
    // carry are replaced rather than failing the fault itself.
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if matches!(c, '\t' | '\n' | '\r')
                    || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
                {
                    c
                } else {
                    '\u{FFFD}'
                }
            })
            .collect()
    };
    let text = |w: &mut XmlWriter, s: &str| {
        // `clean` removed everything `text` could refuse.
        let _ = w.text(&clean(s));
    };
    match fault.version {
        SoapVersion::Soap11 => {
            w.start_raw("faultcode");
            text(&mut w, &format!("s:{}", fault.code));
            w.end_raw("faultcode");
            w.start_raw("faultstring");
            text(&mut w, &fault.reason);
            w.end_raw("faultstring");
            if let Some(actor) = &fault.actor {
                w.start_raw("faultactor");
                text(&mut w, actor);
                w.end_raw("faultactor");
            }
            if let Some(detail) = &fault.detail {
                w.start_raw("detail");
                w.raw_fragment(detail);
                w.end_raw("detail");
            }
        }
        SoapVersion::Soap12 => {
            w.start_raw("s:Code");
            w.start_raw("s:Value");
            text(&mut w, &format!("s:{}", fault.code));
            w.end_raw("s:Value");
            for sub in fault.subcodes.iter() {
                w.start_raw("s:Subcode");
                w.start_raw("s:Value");
                text(&mut w, sub);
                w.end_raw("s:Value");
            }
            for _ in fault.subcodes.iter() {
                w.end_raw("s:Subcode");
            }
            w.end_raw("s:Code");
            w.start_raw("s:Reason");
            w.start_raw("s:Text");
            let _ = w.attr("xml:lang", "en");
            text(&mut w, &fault.reason);
            w.end_raw("s:Text");
            w.end_raw("s:Reason");
            if let Some(actor) = &fault.actor {
                w.start_raw("s:Role");
                text(&mut w, actor);
                w.end_raw("s:Role");
            }
            if let Some(detail) = &fault.detail {
                w.start_raw("s:Detail");
                w.raw_fragment(detail);
                w.end_raw("s:Detail");
            }
        }
    }
    w.end_raw("s:Fault");
    w.end_raw(BODY);
    w.end_raw(ENVELOPE);
    w.into_bytes()
}

/// Why reading an envelope gave no message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    /// The document is not a valid envelope for the expected message.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The body holds a SOAP fault.
    #[error(transparent)]
    Fault(Box<Fault>),
}

fn open_envelope<'a>(r: &mut XmlReader<'a>) -> Result<(SoapVersion, Element<'a>), DecodeError> {
    let root = r.root()?;
    let namespace = r.namespace_of(&root).unwrap_or_default();
    match SoapVersion::from_namespace(namespace) {
        Some(version) if root.local_name() == "Envelope" => Ok((version, root)),
        _ => Err(r.error_at(
            root.offset(),
            DecodeErrorKind::NotAnEnvelope(format!("{{{namespace}}}{}", root.local_name())),
        )),
    }
}

fn is_envelope_element(
    r: &XmlReader<'_>,
    element: &Element<'_>,
    version: SoapVersion,
    local: &str,
) -> bool {
    same_name(element.local_name(), local)
        && r.namespace_of(element)
            .is_some_and(|namespace| same_name(namespace, version.namespace()))
}

/// As the body element name [`read_envelope`] expects: any element, whatever its name (the
/// wrapper of an rpc/encoded response, whose name SOAP 1.1 section 7.1 calls not significant).
pub const ANY_BODY_ELEMENT: &str = "*";

/// Reads an envelope whose body holds element `body_local` of type `B` (any element for
/// [`ANY_BODY_ELEMENT`]), with headers `H`.
///
/// Tolerant as peers need: any prefixes, `xsi:type` attributes, unknown elements (skipped and
/// reported), header elements placed directly under `Envelope`. A fault body gives
/// [`ReadError::Fault`].
pub fn read_envelope<H: XmlStruct, B: XmlValue>(
    bytes: &[u8],
    limits: Limits,
    body_local: &'static str,
) -> Result<Received<H, B>, ReadError> {
    read_envelope_from(XmlReader::new(bytes, limits)?, body_local, &mut ())
}

/// Header elements a protocol layer (WS-Addressing) reads besides the contract's headers.
pub trait HeaderReader {
    /// Reads `header` entirely and returns true when it is one of this reader's; returns false
    /// without reading anything otherwise.
    fn read_header(
        &mut self,
        r: &mut XmlReader<'_>,
        header: &Element<'_>,
    ) -> Result<bool, DecodeError>;

    /// Offered a header element that neither the contract nor [`HeaderReader::read_header`]
    /// took, before it is skipped as unknown: reads it entirely and returns true to keep it
    /// (the client keeps them inside its `with_call_headers`); the default keeps nothing.
    fn read_unknown(
        &mut self,
        r: &mut XmlReader<'_>,
        header: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        let _ = (r, header);
        Ok(false)
    }
}

/// Reads no header.
impl HeaderReader for () {
    fn read_header(
        &mut self,
        _r: &mut XmlReader<'_>,
        _header: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        Ok(false)
    }
}

/// Like [`read_envelope`], from a reader set up by the caller (over the root part of an MTOM
/// message, say), handing the header elements the contract does not know to `extra`.
pub fn read_envelope_from<H: XmlStruct, B: XmlValue>(
    mut r: XmlReader<'_>,
    body_local: &'static str,
    extra: &mut dyn HeaderReader,
) -> Result<Received<H, B>, ReadError> {
    let (version, _root) = open_envelope(&mut r)?;
    let mut headers = H::default();
    let mut header_fields = StructReader::<H>::default();
    let mut body = None;
    let mut seen_header = false;
    let mut not_understood = Vec::new();
    while let Some(child) = r.next_child()? {
        if is_envelope_element(&r, &child, version, "Header") {
            if seen_header {
                return Err(r
                    .error_at(
                        child.offset(),
                        DecodeErrorKind::DuplicateElement("Header".into()),
                    )
                    .into());
            }
            seen_header = true;
            while let Some(header) = r.next_child()? {
                if !header_fields.field(&mut headers, &mut r, &header)?
                    && !extra.read_header(&mut r, &header)?
                    && !headers.read_other(&mut r, &header)?
                {
                    // Read before the block is consumed: its attributes are the start tag's.
                    // Kept for the caller or not, nothing here processed it.
                    not_understood.extend(must_understand::required_here(&r, &header, version));
                    if !extra.read_unknown(&mut r, &header)? {
                        r.unknown(&header)?;
                    }
                }
            }
        } else if is_envelope_element(&r, &child, version, "Body") {
            if body.is_some() {
                return Err(r
                    .error_at(child.offset(), DecodeErrorKind::DuplicateBody)
                    .into());
            }
            body = Some(read_body::<B>(&mut r, version, body_local, &child)?);
        } else if child.local_name() == "Body" || child.local_name() == "Header" {
            let namespace = r.namespace_of(&child).unwrap_or_default().to_string();
            return Err(r
                .error_at(
                    child.offset(),
                    DecodeErrorKind::NotAnEnvelope(format!(
                        "`{}` in namespace `{namespace}` inside a {version} envelope",
                        child.local_name()
                    )),
                )
                .into());
        } else if !header_fields.field(&mut headers, &mut r, &child)?
            && !headers.read_other(&mut r, &child)?
        {
            // Some peers put header elements directly under Envelope: accept known ones.
            r.unknown(&child)?;
        }
    }
    r.finish()?;
    let body = body.ok_or_else(|| r.error(DecodeErrorKind::MissingBody))?;
    Ok(Received {
        version,
        message: Message { headers, body },
        unknown_elements: r.take_unknown_elements(),
        not_understood,
    })
}

/// Like [`read_envelope`]; when `encoded` (an rpc/encoded operation), multi-reference values
/// are inlined first ([`crate::encoding::inline_multi_references`]).
pub fn read_envelope_with_encoding<H: XmlStruct, B: XmlValue>(
    bytes: &[u8],
    limits: Limits,
    body_local: &'static str,
    encoded: bool,
) -> Result<Received<H, B>, ReadError> {
    let resolved = resolve_references(bytes, limits, encoded)?;
    read_envelope(&resolved, limits, body_local)
}

fn read_body<B: XmlValue>(
    r: &mut XmlReader<'_>,
    version: SoapVersion,
    body_local: &'static str,
    body_element: &Element<'_>,
) -> Result<B, ReadError> {
    // An empty `body_local` expects a body without a wrapper element: a message without parts
    // (an empty Body), or the parts of a document-style message as the Body's children.
    if body_local.is_empty() && B::body_parts() {
        return Ok(B::read_content(r, body_element)?);
    }
    let empty = B::empty_body().filter(|_| body_local.is_empty());
    let Some(element) = r.next_child()? else {
        if let Some(empty) = empty {
            return Ok(empty);
        }
        return Err(r
            .error(DecodeErrorKind::UnexpectedBody {
                expected: body_local,
                found: String::new(),
            })
            .into());
    };
    if is_envelope_element(r, &element, version, "Fault") {
        let fault = read_fault(r, version)?;
        return Err(ReadError::Fault(Box::new(fault)));
    }
    if let Some(empty) = empty {
        r.unknown(&element)?;
        while let Some(extra) = r.next_child()? {
            r.unknown(&extra)?;
        }
        return Ok(empty);
    }
    if body_local != ANY_BODY_ELEMENT && element.local_name() != body_local {
        return Err(r
            .error_at(
                element.offset(),
                DecodeErrorKind::UnexpectedBody {
                    expected: body_local,
                    found: element.qualified_name().to_string(),
                },
            )
            .into());
    }
    let body = B::read_content(r, &element)?;
    while let Some(extra) = r.next_child()? {
        r.unknown(&extra)?;
    }
    Ok(body)
}

fn local_part(qname: &str) -> String {
    let q = qname.trim();
    q.rsplit_once(':').map_or(q, |(_, l)| l).to_string()
}

/// Reads a `Fault`'s children. Either version's vocabulary is read in either envelope: some
/// stacks write the other one (node-soap answers a JavaScript exception with SOAP 1.2's
/// `Code`/`Reason` inside a SOAP 1.1 envelope), and its code and reason are what the caller
/// needs. The fault keeps the envelope's version.
fn read_fault(r: &mut XmlReader<'_>, version: SoapVersion) -> Result<Fault, DecodeError> {
    let mut fault = Fault::receiver(version, "");
    let mut code = None;
    let mut subcodes = Vec::new();
    while let Some(child) = r.next_child()? {
        match child.local_name() {
            "faultcode" => code = Some(local_part(&r.read_text(&child)?)),
            "faultstring" => fault.reason = r.read_text(&child)?.into_owned(),
            "faultactor" => fault.actor = Some(r.read_text(&child)?.into_owned()),
            "Code" => {
                let mut level = 0;
                while let Some(part) = r.next_child()? {
                    match part.local_name() {
                        "Value" if level == 0 => code = Some(local_part(&r.read_text(&part)?)),
                        "Value" => subcodes.push(local_part(&r.read_text(&part)?)),
                        "Subcode" => level += 1,
                        _ => r.unknown(&part)?,
                    }
                }
                // Nested Subcode elements were entered above; leave them again.
                for _ in 0..level {
                    while let Some(extra) = r.next_child()? {
                        r.unknown(&extra)?;
                    }
                }
            }
            "Reason" => {
                while let Some(text) = r.next_child()? {
                    if text.local_name() == "Text" && fault.reason.is_empty() {
                        fault.reason = r.read_text(&text)?.into_owned();
                    } else {
                        r.skip()?;
                    }
                }
            }
            "Role" => fault.actor = Some(r.read_text(&child)?.into_owned()),
            "detail" | "Detail" => {
                fault.detail = Some(r.capture_inner(&child)?.into_owned());
            }
            _ => r.unknown(&child)?,
        }
    }
    fault.subcodes = subcodes.into_boxed_slice();
    fault.code = code.ok_or_else(|| {
        r.error(DecodeErrorKind::InvalidFault(
            "the fault has no code".into(),
        ))
    })?;
    Ok(fault)
}

/// What a server needs to know to dispatch a request before decoding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodySummary {
    /// The envelope version.
    pub version: SoapVersion,
    /// The local name of the body's first element.
    pub body_local: String,
}

/// Reads just far enough to find the envelope version and the body element's name.
pub fn peek_body(bytes: &[u8], limits: Limits) -> Result<BodySummary, DecodeError> {
    let mut r = XmlReader::new(bytes, limits)?;
    let (version, _) = open_envelope(&mut r)?;
    while let Some(child) = r.next_child()? {
        if is_envelope_element(&r, &child, version, "Body") {
            return match r.next_child()? {
                Some(element) => Ok(BodySummary {
                    version,
                    body_local: element.local_name().to_string(),
                }),
                None => Err(r.error(DecodeErrorKind::UnexpectedBody {
                    expected: "an operation's request element",
                    found: String::new(),
                })),
            };
        }
        if matches!(child.local_name(), "Body" | "Header")
            && r.namespace_of(&child) != Some(version.namespace())
        {
            // As `read_envelope` does: a Body or Header of another namespace is a framing error.
            let namespace = r.namespace_of(&child).unwrap_or_default().to_string();
            return Err(r.error_at(
                child.offset(),
                DecodeErrorKind::NotAnEnvelope(format!(
                    "`{}` in namespace `{namespace}` inside a {version} envelope",
                    child.local_name()
                )),
            ));
        }
        r.skip()?;
    }
    Err(r.error(DecodeErrorKind::MissingBody))
}

/// Reads just the envelope version, for answering a broken request in the version it used.
pub fn peek_version(bytes: &[u8]) -> Option<SoapVersion> {
    // Only the root is read, so the size limit does not matter here: the caller has applied
    // its own already.
    let limits = Limits {
        max_message_size: usize::MAX,
        ..Limits::default()
    };
    let mut r = XmlReader::new(bytes, limits).ok()?;
    open_envelope(&mut r).ok().map(|(v, _)| v)
}
