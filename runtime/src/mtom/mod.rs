//! MTOM/XOP (SOAP 1.1 and 1.2): binary values carried in MIME parts beside the envelope.
//!
//! Decoding: a `multipart/related; type="application/xop+xml"` message is split without
//! copying ([`Package::parse`]); its root part is the envelope, read by an [`XmlReader`] that
//! holds the other parts ([`XmlReader::with_attachments`]). A `base64Binary` field whose
//! content is `<xop:Include href="cid:…"/>` receives the bytes of the part with that
//! Content-ID (percent-decoded as RFC 2392 says) straight, with no base64 round trip. Parts may
//! come in any order, with the `binary`, `8bit` or `7bit` transfer encodings.
//!
//! Encoding: a client ([`crate::Client::with_mtom`]) or server (when the request came as MTOM,
//! or the WSDL's policy asks for it) writes every `base64Binary` value of at least
//! [`Mtom::threshold`] bytes into a part of its own.
//!
//! SOAP with Attachments (`multipart/related; type="text/xml"`, see [`crate::swa`]) is split
//! by the same code: its root part is the envelope itself, and its other parts are found by
//! the part name their Content-ID starts with, or by the `cid:` URL of a `swaRef` value.
//!
//! Hostile input gets a [`MtomError`] inside a [`DecodeError`]: a missing part, a duplicate
//! Content-ID, a boundary that never closes, a part larger than `Limits::max_bytes_len`, an
//! `xop:Include` in a field that is not `base64Binary`.

mod encode;
pub(crate) mod multipart;

use std::borrow::Cow;
use std::collections::HashMap;

#[cfg(any(feature = "client", feature = "server"))]
pub(crate) use encode::write_parts;
pub(crate) use encode::{package, random_token, MimePart, XopParts};

use crate::codec::XmlStruct;
use crate::envelope::SoapVersion;
use crate::error::{DecodeError, DecodeErrorKind, EncodeError, Location};
use crate::value::XmlValue;
use crate::xml::{Limits, Name, XmlReader};

/// The XOP namespace (`xop:Include`).
pub const XOP_NS: &str = "http://www.w3.org/2004/08/xop/include";
/// The media type of an XOP root part.
pub const XOP_MEDIA_TYPE: &str = "application/xop+xml";

/// MTOM as a client or server writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mtom {
    /// `base64Binary` values of at least this many bytes go into parts of their own; smaller
    /// ones stay base64 text in the envelope (as WCF does below 1 KiB).
    pub threshold: usize,
}

impl Mtom {
    /// A threshold of 1024 bytes.
    pub const DEFAULT: Mtom = Mtom { threshold: 1024 };
}

impl Default for Mtom {
    fn default() -> Self {
        Mtom::DEFAULT
    }
}

/// Why an MTOM message cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MtomError {
    /// The `Content-Type` has no `boundary` parameter.
    #[error("the multipart content type has no boundary")]
    NoBoundary,
    /// The `Content-Type` is multipart, but neither XOP (MTOM) nor a SOAP envelope (SOAP with
    /// Attachments).
    #[error(
        "a multipart/related message of type `{0}`, neither application/xop+xml (MTOM) nor \
         text/xml or application/soap+xml (SOAP with Attachments)"
    )]
    NotXop(String),
    /// The body holds no delimiter line.
    #[error("the body holds no multipart delimiter")]
    BoundaryNotFound,
    /// The body ends inside a part: no closing delimiter.
    #[error("the multipart body ends before its closing delimiter")]
    BoundaryNeverCloses,
    /// Two parts have the same Content-ID.
    #[error("two parts have the Content-ID `{0}`")]
    DuplicateContentId(String),
    /// The root part named by `start` is not there.
    #[error("no root part `{0}`")]
    NoRoot(String),
    /// More parts than `Limits::max_items`.
    #[error("more than {max} MIME parts")]
    TooManyParts {
        /// The limit.
        max: usize,
    },
    /// A part's headers cannot be read.
    #[error("malformed MIME part: {0}")]
    MalformedPart(String),
    /// A part uses a transfer encoding other than binary, 8bit or 7bit.
    #[error("unsupported Content-Transfer-Encoding `{0}` (MTOM parts are binary or 8bit)")]
    UnsupportedTransferEncoding(String),
    /// An `xop:Include` names a part that is not in the message.
    #[error("xop:Include names the missing part `{0}`")]
    MissingPart(String),
    /// An `xop:Include` without a `cid:` URL in `href`.
    #[error("xop:Include without a cid: href (`{0}`)")]
    InvalidHref(String),
    /// An `xop:Include` in a field that is not `base64Binary`.
    #[error("xop:Include in `{0}`, which is not a base64Binary field")]
    IncludeOutsideBinary(String),
    /// A part of a message decoded from an owned buffer ([`OwnedPackage`]) is included by
    /// two values; its bytes were moved into the first.
    #[error("the part `{0}` is included twice (parts are moved into their value)")]
    IncludedTwice(String),
    /// Text or a second `xop:Include` beside an `xop:Include`.
    #[error("`{0}` holds more than one xop:Include, or text beside it")]
    MixedInclude(String),
    /// No MIME part carries the attachment of the message part (SOAP with Attachments: no
    /// Content-ID `<part=…>`).
    #[error("no MIME part carries the attachment `{0}` (a Content-ID `<{0}=…>`)")]
    MissingAttachment(String),
    /// Several MIME parts claim the attachment of one message part.
    #[error("several MIME parts carry the attachment `{0}`")]
    AmbiguousAttachment(String),
}

/// The MIME parts of an MTOM message other than the root, by Content-ID, for an
/// [`XmlReader`] to resolve `xop:Include` with.
#[derive(Debug, Default, Clone)]
pub struct Attachments<'a> {
    parts: HashMap<Cow<'a, [u8]>, Slot<'a>>,
    /// The `Content-Type` of each part that has one, by Content-ID.
    content_types: HashMap<Cow<'a, [u8]>, String>,
}

/// A part's bytes: borrowed from the message, or owned and handed over on first use.
#[derive(Debug, Clone)]
enum Slot<'a> {
    Borrowed(&'a [u8]),
    Owned(Vec<u8>),
    /// Owned, and already handed to the value that included it.
    Taken,
}

impl<'a> Attachments<'a> {
    /// The part whose Content-ID a `cid:` URL names (percent-decoded, RFC 2392). A part of an
    /// [`OwnedPackage`] is moved out, so it can be included once only.
    pub fn resolve(&mut self, href: &str) -> Result<Cow<'a, [u8]>, MtomError> {
        let cid = href
            .trim()
            .strip_prefix("cid:")
            .ok_or_else(|| MtomError::InvalidHref(href.chars().take(200).collect()))?;
        let decoded = percent_decode(cid)
            .ok_or_else(|| MtomError::InvalidHref(href.chars().take(200).collect()))?;
        let missing = || MtomError::MissingPart(String::from_utf8_lossy(&decoded).into_owned());
        let slot = self.parts.get_mut(decoded.as_slice()).ok_or_else(missing)?;
        match std::mem::replace(slot, Slot::Taken) {
            Slot::Borrowed(bytes) => {
                *slot = Slot::Borrowed(bytes);
                Ok(Cow::Borrowed(bytes))
            }
            Slot::Owned(bytes) => Ok(Cow::Owned(bytes)),
            Slot::Taken => Err(MtomError::IncludedTwice(
                String::from_utf8_lossy(&decoded).into_owned(),
            )),
        }
    }

    /// The part named by a `cid:` URL (a `swaRef` value), with its `Content-Type` (empty
    /// when it has none).
    pub fn resolve_typed(&mut self, href: &str) -> Result<(Cow<'a, [u8]>, String), MtomError> {
        let bytes = self.resolve(href)?;
        let cid = href.trim().strip_prefix("cid:").unwrap_or_default();
        let content_type = percent_decode(cid)
            .and_then(|id| self.content_types.get(id.as_slice()).cloned())
            .unwrap_or_default();
        Ok((bytes, content_type))
    }

    /// The part carrying the attachment of message part `part` (SOAP with Attachments), with
    /// its `Content-Type` (empty when it has none): the part whose Content-ID is
    /// `part=…` (WS-I Attachments Profile 1.0, R2933; percent-escapes decoded), else the one
    /// whose Content-ID is `part` itself.
    pub fn of_part(&mut self, part: &str) -> Result<(Cow<'a, [u8]>, String), MtomError> {
        let prefix = format!("{part}=");
        let matches = |id: &[u8]| {
            let decoded = std::str::from_utf8(id)
                .ok()
                .and_then(percent_decode)
                .unwrap_or_else(|| id.to_vec());
            decoded.starts_with(prefix.as_bytes()) || decoded == part.as_bytes()
        };
        let mut found = self.parts.keys().filter(|id| matches(id));
        let id = match (found.next(), found.next()) {
            (Some(id), None) => id.to_vec(),
            (None, _) => return Err(MtomError::MissingAttachment(part.to_string())),
            (Some(_), Some(_)) => return Err(MtomError::AmbiguousAttachment(part.to_string())),
        };
        let missing = || MtomError::MissingAttachment(part.to_string());
        let slot = self.parts.get_mut(id.as_slice()).ok_or_else(missing)?;
        let bytes = match std::mem::replace(slot, Slot::Taken) {
            Slot::Borrowed(bytes) => {
                *slot = Slot::Borrowed(bytes);
                Cow::Borrowed(bytes)
            }
            Slot::Owned(bytes) => Cow::Owned(bytes),
            Slot::Taken => {
                return Err(MtomError::IncludedTwice(
                    String::from_utf8_lossy(&id).into_owned(),
                ))
            }
        };
        let content_type = self
            .content_types
            .get(id.as_slice())
            .cloned()
            .unwrap_or_default();
        Ok((bytes, content_type))
    }

    /// How many parts there are.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

/// `%XX` escapes decoded; `None` for a broken escape.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// An MTOM message split into its envelope and its other parts.
#[derive(Debug)]
pub struct Package<'a> {
    /// The envelope (the root part's content).
    pub envelope: &'a [u8],
    /// The SOAP version the root part's type announces, if it does.
    pub version: Option<SoapVersion>,
    /// The other parts.
    pub attachments: Attachments<'a>,
}

/// True when `content_type` is `multipart/related` (an MTOM message, or a broken one).
pub fn is_multipart(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|ct| is_multipart_bytes(ct.as_bytes()))
}

/// [`is_multipart`] of a content type given as bytes (a header's, whose text need not be
/// taken for this): the same answer for the same text; bytes that are not UTF-8 are not
/// `multipart/related`.
pub(crate) fn is_multipart_bytes(ct: &[u8]) -> bool {
    // The ASCII whitespace `str::trim` removes.
    let space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ');
    // Told at once for the usual content types: after that whitespace, a media type that
    // starts with an ASCII byte other than `m` is not this one.
    let first = ct.iter().find(|b| !space(b));
    if first.is_some_and(|b| b.is_ascii() && !b.eq_ignore_ascii_case(&b'm')) {
        return false;
    }
    if ct.is_ascii() {
        let end = memchr::memchr(b';', ct).unwrap_or(ct.len());
        let media = &ct[..end];
        let start = media.iter().position(|b| !space(b)).unwrap_or(media.len());
        let stop = media
            .iter()
            .rposition(|b| !space(b))
            .map_or(start, |at| at + 1);
        return media[start..stop.max(start)].eq_ignore_ascii_case(b"multipart/related");
    }
    std::str::from_utf8(ct)
        .is_ok_and(|ct| crate::envelope::media_type(ct).eq_ignore_ascii_case("multipart/related"))
}

impl<'a> Package<'a> {
    /// Splits `body`, sent with `content_type` (`multipart/related; type="application/xop+xml"`).
    pub fn parse(body: &'a [u8], content_type: &str, limits: &Limits) -> Result<Self, DecodeError> {
        let fail = |error: MtomError, offset: usize| DecodeError {
            kind: DecodeErrorKind::Mtom(error),
            location: Location::in_input(body, offset as u64),
        };
        let ct = multipart::ContentType::parse(content_type);
        let kind = ct.param("type").unwrap_or_default();
        let xop = kind.eq_ignore_ascii_case(XOP_MEDIA_TYPE);
        // SOAP with Attachments: the root part is the envelope itself (a message without a
        // `type` is taken as one too, its root part's own type telling the version).
        if !xop && !kind.is_empty() && SoapVersion::from_content_type(kind).is_none() {
            return Err(fail(MtomError::NotXop(kind.to_string()), 0));
        }
        let boundary = ct
            .param("boundary")
            .filter(|b| !b.is_empty())
            .ok_or_else(|| fail(MtomError::NoBoundary, 0))?;
        let parts = multipart::split(body, boundary, ct.param("start"), limits.max_items)
            .map_err(|(error, offset)| fail(error, offset))?;
        // The version from the root's `type` parameter, else the `start-info` parameter
        // (MTOM); from the root's own media type, else the message's `type` (SwA).
        let root_type = parts
            .root_type
            .map(|t| multipart::ContentType::parse(&String::from_utf8_lossy(t)));
        let version = if xop {
            let inner = root_type
                .as_ref()
                .and_then(|t| t.param("type").map(str::to_string))
                .or_else(|| ct.param("start-info").map(str::to_string));
            inner.and_then(|t| SoapVersion::from_content_type(&t))
        } else {
            root_type
                .and_then(|t| SoapVersion::from_content_type(&t.media))
                .or_else(|| SoapVersion::from_content_type(kind))
        };
        let content_types = parts
            .attachments
            .iter()
            .filter_map(|(id, body)| {
                let media = String::from_utf8_lossy(body.content_type?)
                    .trim()
                    .to_string();
                Some((Cow::Borrowed(*id), media))
            })
            .collect();
        Ok(Package {
            envelope: parts.root,
            version,
            attachments: Attachments {
                parts: parts
                    .attachments
                    .into_iter()
                    .map(|(id, body)| (Cow::Borrowed(id), Slot::Borrowed(body.content)))
                    .collect(),
                content_types,
            },
        })
    }
}

/// An MTOM message decoded from a buffer it owns, without holding its bytes twice: the
/// largest part is moved to the front of the message's own buffer (no new allocation) and
/// handed to the value that includes it; the envelope and the other parts are copied out.
/// Decoding a message of one large attachment so needs about its size once, not twice.
#[derive(Debug)]
pub struct OwnedPackage {
    /// The envelope (the root part).
    pub envelope: Vec<u8>,
    /// The SOAP version the root part's type announces, if it does.
    pub version: Option<SoapVersion>,
    /// The other parts, owned.
    pub attachments: Attachments<'static>,
}

impl OwnedPackage {
    /// Splits `body`, sent with `content_type`, keeping its buffer for the largest part.
    pub fn parse(
        mut body: Vec<u8>,
        content_type: &str,
        limits: &Limits,
    ) -> Result<OwnedPackage, DecodeError> {
        let base = body.as_ptr() as usize;
        let (envelope, version, parts, content_types, largest) = {
            let package = Package::parse(&body, content_type, limits)?;
            let offset = |slice: &[u8]| slice.as_ptr() as usize - base;
            let largest = package
                .attachments
                .parts
                .iter()
                .filter_map(|(id, slot)| match slot {
                    Slot::Borrowed(bytes) => Some((id.to_vec(), offset(bytes), bytes.len())),
                    _ => None,
                })
                .max_by_key(|(_, _, len)| *len);
            let mut parts: HashMap<Cow<'static, [u8]>, Slot<'static>> = HashMap::new();
            for (id, slot) in &package.attachments.parts {
                if let Slot::Borrowed(bytes) = slot {
                    if largest
                        .as_ref()
                        .is_some_and(|(l, _, _)| l.as_slice() == id.as_ref())
                    {
                        continue;
                    }
                    parts.insert(Cow::Owned(id.to_vec()), Slot::Owned(bytes.to_vec()));
                }
            }
            let content_types: HashMap<Cow<'static, [u8]>, String> = package
                .attachments
                .content_types
                .iter()
                .map(|(id, media)| (Cow::Owned(id.to_vec()), media.clone()))
                .collect();
            (
                package.envelope.to_vec(),
                package.version,
                parts,
                content_types,
                largest,
            )
        };
        let mut parts = parts;
        if let Some((id, start, len)) = largest {
            // The part moves to the front of the buffer, which becomes its value.
            body.copy_within(start..start + len, 0);
            body.truncate(len);
            parts.insert(Cow::Owned(id), Slot::Owned(body));
        }
        Ok(OwnedPackage {
            envelope,
            version,
            attachments: Attachments {
                parts,
                content_types,
            },
        })
    }
}

/// Writes an MTOM message (what [`crate::envelope::write_envelope`] writes, with binary values
/// of at least `mtom.threshold` bytes in parts of their own): returns its `Content-Type` and
/// body. `action` goes into the content type for SOAP 1.2.
pub fn write_message<H: XmlStruct, B: XmlValue>(
    version: SoapVersion,
    namespaces: &'static [&'static str],
    mtom: Mtom,
    action: Option<&str>,
    headers: &H,
    body_name: Name,
    body: &B,
) -> Result<(String, Vec<u8>), EncodeError> {
    let mut writer = crate::envelope::envelope_writer(version, namespaces, 1024);
    writer.set_xop(XopParts::new(mtom));
    let mut writer =
        crate::envelope::write_envelope_with(writer, &|_| Ok(()), headers, body_name, body, false)?;
    let parts = writer.take_xop();
    let attachments = writer
        .take_attachments()
        .map(crate::swa::SwaParts::into_parts)
        .unwrap_or_default();
    Ok(package(
        version,
        action,
        writer.into_bytes(),
        parts,
        attachments,
    ))
}

/// The SOAP version an MTOM `Content-Type` announces (its `start-info`, else its `action`
/// parameter meaning SOAP 1.2), or a SOAP with Attachments one (its `type`: `text/xml` or
/// `application/soap+xml`); `None` when it is neither.
pub fn soap_version_of(content_type: &str) -> Option<SoapVersion> {
    let ct = multipart::ContentType::parse(content_type);
    if ct.media != "multipart/related" {
        return None;
    }
    let kind = ct.param("type").unwrap_or_default();
    if !kind.eq_ignore_ascii_case(XOP_MEDIA_TYPE) {
        return SoapVersion::from_content_type(kind);
    }
    ct.param("start-info")
        .and_then(SoapVersion::from_content_type)
        .or_else(|| ct.param("action").map(|_| SoapVersion::Soap12))
        .or(Some(SoapVersion::Soap11))
}

/// The `action` parameter of a `Content-Type`, quoted strings understood (an MTOM content
/// type's `start-info` may hold `;`).
pub fn action_of(content_type: &str) -> Option<String> {
    multipart::ContentType::parse(content_type)
        .param("action")
        .map(str::to_string)
}

/// True when `content_type` is an MTOM one (`multipart/related; type="application/xop+xml"`),
/// false for SOAP with Attachments and plain messages: an MTOM request is answered as MTOM.
#[cfg(feature = "server")]
pub(crate) fn is_xop(content_type: &str) -> bool {
    multipart::ContentType::parse(content_type)
        .param("type")
        .is_some_and(|t| t.eq_ignore_ascii_case(XOP_MEDIA_TYPE))
}

/// `content_type` when it is `multipart/related`: what `multipart_or_plain_*` take.
fn multipart_type(content_type: Option<&str>) -> Option<&str> {
    content_type.filter(|ct| is_multipart(Some(ct)))
}

/// A reader of the envelope `body` sent with `content_type`: over the root part with its
/// attachments for an MTOM message, over the whole body otherwise.
pub fn envelope_reader<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
    limits: Limits,
) -> Result<XmlReader<'a>, DecodeError> {
    multipart_or_plain_reader(body, multipart_type(content_type), limits)
}

/// [`envelope_reader`] for a caller that has told [`is_multipart`] already: `multipart` is the
/// content type of a multipart message, `None` for a plain one.
pub(crate) fn multipart_or_plain_reader<'a>(
    body: &'a [u8],
    multipart: Option<&str>,
    limits: Limits,
) -> Result<XmlReader<'a>, DecodeError> {
    match multipart {
        Some(ct) => {
            let package = Package::parse(body, ct, &limits)?;
            Ok(XmlReader::new(package.envelope, limits)?.with_attachments(package.attachments))
        }
        None => XmlReader::new(body, limits),
    }
}

/// The envelope of `body` sent with `content_type`: its root part for an MTOM message.
pub fn envelope_bytes<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
    limits: &Limits,
) -> Result<&'a [u8], DecodeError> {
    multipart_or_plain_envelope(body, multipart_type(content_type), limits)
}

/// [`envelope_bytes`] for a caller that has told [`is_multipart`] already: `multipart` is the
/// content type of a multipart message, `None` for a plain one.
pub(crate) fn multipart_or_plain_envelope<'a>(
    body: &'a [u8],
    multipart: Option<&str>,
    limits: &Limits,
) -> Result<&'a [u8], DecodeError> {
    match multipart {
        Some(ct) => Package::parse(body, ct, limits).map(|p| p.envelope),
        None => Ok(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_is_told_as_by_the_media_type() {
        for ct in [
            "multipart/related; type=\"application/xop+xml\"",
            " Multipart/Related;type=x",
            "\u{a0}multipart/related",
            "\u{b}multipart/related",
            "text/xml; charset=utf-8",
            "application/soap+xml",
            "",
            "  ",
            "m",
            "\u{85}text/xml",
        ] {
            assert_eq!(
                is_multipart(Some(ct)),
                crate::envelope::media_type(ct).eq_ignore_ascii_case("multipart/related"),
                "{ct:?}"
            );
            assert_eq!(
                is_multipart_bytes(ct.as_bytes()),
                is_multipart(Some(ct)),
                "{ct:?}"
            );
        }
        for ct in [
            "multipart/related ;",
            "\tmultipart/related\x0b",
            "multipart/relate",
        ] {
            assert_eq!(
                is_multipart_bytes(ct.as_bytes()),
                crate::envelope::media_type(ct).eq_ignore_ascii_case("multipart/related"),
                "{ct:?}"
            );
        }
        assert!(!is_multipart_bytes(b"\xffmultipart/related"));
        assert!(!is_multipart(None));
    }

    #[test]
    fn cid_urls_are_percent_decoded() {
        let mut parts = HashMap::new();
        parts.insert(
            Cow::Borrowed(&b"http://tempuri.org/1/abc"[..]),
            Slot::Borrowed(&b"\x01"[..]),
        );
        let mut attachments = Attachments {
            parts,
            content_types: HashMap::new(),
        };
        assert_eq!(
            attachments.resolve("cid:http%3A%2F%2Ftempuri.org%2F1%2Fabc"),
            Ok(Cow::Borrowed(&b"\x01"[..]))
        );
        assert_eq!(
            attachments.resolve("cid:other"),
            Err(MtomError::MissingPart("other".into()))
        );
        assert!(matches!(
            attachments.resolve("http://x"),
            Err(MtomError::InvalidHref(_))
        ));
        assert!(matches!(
            attachments.resolve("cid:%zz"),
            Err(MtomError::InvalidHref(_))
        ));
    }

    #[test]
    fn swa_messages_split_with_their_version_and_part_types() {
        let body = b"--b\r\nContent-Type: text/xml; charset=utf-8\r\n\r\n<e/>\r\n--b\r\nContent-Type: image/png\r\nContent-Id:<pic=1.x@h>\r\n\r\n\x89PNG\r\n--b\r\nContent-ID: <doc%201@h>\r\n\r\n1\r\n--b--\r\n";
        let ct = "multipart/related; type=\"text/xml\"; boundary=b";
        let mut package = Package::parse(body, ct, &Limits::default()).unwrap();
        assert_eq!(package.envelope, b"<e/>");
        assert_eq!(package.version, Some(SoapVersion::Soap11));
        let (bytes, media) = package.attachments.of_part("pic").unwrap();
        assert_eq!(
            (bytes.as_ref(), media.as_str()),
            (&b"\x89PNG"[..], "image/png")
        );
        assert_eq!(
            package.attachments.of_part("doc"),
            Err(MtomError::MissingAttachment("doc".into()))
        );
        let (bytes, media) = package
            .attachments
            .resolve_typed("cid:doc%25201@h")
            .unwrap();
        assert_eq!((bytes.as_ref(), media.as_str()), (&b"1"[..], ""));
        // SOAP 1.2 by the message's type; a type that is no envelope is refused.
        let soap12 = "multipart/related; type=\"application/soap+xml\"; boundary=b";
        let body12 = b"--b\r\n\r\n<e/>\r\n--b--";
        let package = Package::parse(body12, soap12, &Limits::default()).unwrap();
        assert_eq!(package.version, Some(SoapVersion::Soap12));
        let other = "multipart/related; type=\"image/png\"; boundary=b";
        assert!(matches!(
            Package::parse(body12, other, &Limits::default())
                .unwrap_err()
                .kind,
            DecodeErrorKind::Mtom(MtomError::NotXop(_))
        ));
        assert_eq!(soap_version_of(ct), Some(SoapVersion::Soap11));
        assert_eq!(soap_version_of(soap12), Some(SoapVersion::Soap12));
        assert_eq!(soap_version_of(other), None);
    }

    #[test]
    fn an_owned_package_moves_its_largest_part() {
        let body = b"--b\r\nContent-ID: <r>\r\n\r\n<a/>\r\n--b\r\nContent-ID: <small>\r\n\r\n12\r\n--b\r\nContent-ID: <big>\r\n\r\n0123456789\r\n--b--\r\n".to_vec();
        let ct = "multipart/related; type=\"application/xop+xml\"; boundary=b; start=\"<r>\"";
        let mut package = OwnedPackage::parse(body, ct, &Limits::default()).unwrap();
        assert_eq!(package.envelope, b"<a/>");
        let big = package.attachments.resolve("cid:big").unwrap();
        assert!(matches!(&big, Cow::Owned(v) if v == b"0123456789"));
        assert_eq!(
            package.attachments.resolve("cid:big"),
            Err(MtomError::IncludedTwice("big".into()))
        );
        assert_eq!(
            package.attachments.resolve("cid:small").unwrap().as_ref(),
            b"12"
        );
    }
}
