//! SOAP with Attachments (W3C note "SOAP Messages with Attachments", the WSDL 1.1 MIME binding,
//! WS-I Attachments Profile 1.0): values that travel as MIME parts beside the envelope.
//!
//! A message part bound to `mime:content` is an [`Attachment`] field of the message's struct:
//! it is not in the envelope at all, but in a part whose Content-ID is `<partname=…@…>`
//! (Attachments Profile R2933), found by that part name when read
//! ([`XmlReader::attachment_part`]), or by the `href` of an element of the body named after
//! the part, as Axis 1 writes it ([`XmlReader::attachment_reference`]). A `wsi:swaRef` value is an [`Attachment`] too, written
//! in the envelope as the `cid:` URL of its part.
//!
//! A message with attachments is `multipart/related; type="text/xml"` (SOAP 1.1; SOAP 1.2's
//! is `application/soap+xml`), its root part the envelope, first; a message without any is
//! plain XML. Reading splits the message with MTOM's code ([`crate::mtom`]): parts in any
//! order, binary, 8bit or 7bit, bounded by `Limits::max_items` (parts) and
//! `Limits::max_bytes_len` (each attachment); a missing one is a
//! [`MtomError::MissingAttachment`].

use std::fmt;

use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::mtom::{random_token, MimePart, MtomError};
use crate::value::XmlValue;
use crate::xml::{Element, XmlReader, XmlWriter};

/// The namespace of the WS-I Attachments Profile's `swaRef` type.
pub const WSI_SWAREF_NS: &str = "http://ws-i.org/profiles/basic/1.1/xsd";

/// The media type of an attachment written without one.
pub const DEFAULT_CONTENT_TYPE: &str = "application/octet-stream";

/// A MIME attachment of a SOAP message: its bytes and media type.
///
/// The bytes are a `Vec<u8>`, as `xs:base64Binary` values (and MTOM's) are. `Debug` shows the
/// media type and the length, not the bytes.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Attachment {
    /// The `Content-Type` of its MIME part (`image/jpeg`); written as
    /// `application/octet-stream` when empty, and read as received (empty when the part had
    /// none).
    #[cfg_attr(feature = "serde", serde(rename = "ContentType", default))]
    pub content_type: String,
    /// The content.
    #[cfg_attr(
        feature = "serde",
        serde(rename = "Data", with = "crate::serde_support::base64")
    )]
    pub data: Vec<u8>,
}

impl Attachment {
    /// An attachment of `data` as `content_type`.
    pub fn new(content_type: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        Attachment {
            content_type: content_type.into(),
            data: data.into(),
        }
    }
}

impl fmt::Debug for Attachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attachment")
            .field("content_type", &self.content_type)
            .field("data", &format_args!("<{} bytes>", self.data.len()))
            .finish()
    }
}

/// A `wsi:swaRef` value: in the envelope, the `cid:` URL of the MIME part that holds it.
impl XmlValue for Attachment {
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        let id = w.attach(None, self)?;
        w.text(&format!("cid:{id}"))
    }

    fn read_content(r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Self, DecodeError> {
        let text = r.read_text(element)?.into_owned();
        r.swa_reference(element, &text)
    }
}

/// The attachments an [`XmlWriter`] took while writing an envelope, in order.
#[derive(Debug, Default)]
pub(crate) struct SwaParts {
    /// A random token making Content-IDs and the boundary unique (drawn on first use).
    token: String,
    parts: Vec<MimePart>,
}

impl SwaParts {
    /// Takes `attachment` into a part: for message part `part`, Content-ID
    /// `part=N.token@soap-runtime` (Attachments Profile R2933), else (a `swaRef`)
    /// `N.token@soap-runtime`. Returns the Content-ID.
    pub(crate) fn add(
        &mut self,
        part: Option<&str>,
        attachment: &Attachment,
    ) -> Result<String, EncodeError> {
        let content_type = checked_content_type(part, &attachment.content_type)?;
        if self.token.is_empty() {
            self.token = random_token();
        }
        let n = self.parts.len() + 1;
        let id = match part {
            Some(part) => format!("{}={n}.{}@soap-runtime", escape_id(part), self.token),
            None => format!("{n}.{}@soap-runtime", self.token),
        };
        self.parts.push(MimePart {
            id: id.clone(),
            content_type,
            bytes: attachment.data.clone(),
        });
        Ok(id)
    }

    /// True when no attachment was taken.
    pub(crate) fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The parts, to write beside the root.
    pub(crate) fn into_parts(self) -> Vec<MimePart> {
        self.parts
    }
}

/// The media type a part is written with: `content_type`, or the default when empty; refused
/// when it could break out of its header line (a control character) or is no `type/subtype`.
fn checked_content_type(part: Option<&str>, content_type: &str) -> Result<String, EncodeError> {
    let content_type = content_type.trim();
    if content_type.is_empty() {
        return Ok(DEFAULT_CONTENT_TYPE.to_string());
    }
    let media = content_type.split(';').next().unwrap_or_default().trim();
    if content_type.chars().any(char::is_control) || !media.contains('/') {
        return Err(EncodeError::InvalidValue {
            element: part.unwrap_or("(swaRef)").to_string(),
            reason: format!(
                "the attachment's content type `{}` is no `type/subtype` on one line",
                content_type.escape_debug()
            ),
        });
    }
    Ok(content_type.to_string())
}

/// A part name as it goes into a Content-ID: characters a `cid:` URL or a header would need
/// escaped are percent-escaped (part names are NCNames: this touches only non-ASCII ones).
fn escape_id(part: &str) -> String {
    let mut id = String::with_capacity(part.len());
    for byte in part.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_') {
            id.push(char::from(byte));
        } else {
            id.push_str(&format!("%{byte:02X}"));
        }
    }
    id
}

/// The `Content-Type` and body of a SOAP with Attachments message: `envelope` as the root part
/// (`text/xml` for SOAP 1.1, `application/soap+xml` with `action` for SOAP 1.2), then
/// `attachments`, binary.
#[cfg(any(feature = "client", feature = "server"))]
pub(crate) fn package(
    version: crate::envelope::SoapVersion,
    action: Option<&str>,
    envelope: Vec<u8>,
    attachments: SwaParts,
) -> (String, Vec<u8>) {
    let token = if attachments.token.is_empty() {
        random_token()
    } else {
        attachments.token.clone()
    };
    let root_id = format!("root.{token}@soap-runtime");
    use crate::envelope::SoapVersion;
    let (media, root_type) = match (version, action) {
        (SoapVersion::Soap11, _) => ("text/xml", "text/xml; charset=utf-8".to_string()),
        (SoapVersion::Soap12, Some(action)) => (
            "application/soap+xml",
            format!("application/soap+xml; charset=utf-8; action=\"{action}\""),
        ),
        (SoapVersion::Soap12, None) => (
            "application/soap+xml",
            "application/soap+xml; charset=utf-8".to_string(),
        ),
    };
    let (boundary, body) = crate::mtom::write_parts(
        &token,
        &root_id,
        &root_type,
        envelope,
        attachments.into_parts(),
    );
    let mut content_type = format!(
        "multipart/related; type=\"{media}\"; start=\"<{root_id}>\"; boundary=\"{boundary}\""
    );
    if let (SoapVersion::Soap12, Some(action)) = (version, action) {
        content_type.push_str(&format!("; action=\"{action}\""));
    }
    (content_type, body)
}

impl XmlWriter {
    /// Writes the attachment of message part `part` (a `mime:content` part of a
    /// `mime:multipartRelated` binding) into a MIME part of its own beside the envelope; the
    /// envelope holds nothing of it. An error (a content type that is no media type) is kept
    /// for [`XmlWriter::finish_fields`], as the field writers keep theirs.
    pub fn attachment_part(&mut self, part: &'static str, attachment: &Attachment) {
        if let Err(error) = self.attach(Some(part), attachment) {
            self.keep_error(error);
        }
    }
}

impl<'a> XmlReader<'a> {
    /// The attachment of message part `part` (a `mime:content` part): the MIME part the body
    /// named for it (see [`XmlReader::attachment_reference`]), else the one whose Content-ID
    /// is `<part=…>` (or `<part>`), within `Limits::max_bytes_len`.
    pub fn attachment_part(&mut self, part: &str) -> Result<Attachment, DecodeError> {
        let href = self.noted_reference(part);
        let found = match (self.attachments_mut(), href) {
            (Some(attachments), Some(href)) => attachments.resolve_typed(&href),
            (Some(attachments), None) => attachments.of_part(part),
            (None, _) => Err(MtomError::MissingAttachment(part.to_string())),
        };
        let (bytes, content_type) = found.map_err(|e| self.error(DecodeErrorKind::Mtom(e)))?;
        self.bounded_attachment(None, bytes.into_owned(), content_type)
    }

    /// Offered an element of a message's body that no field took: when it is named after
    /// attachment part `part` and carries an `href` (`<photo href="cid:…"/>`, as Axis 1 writes
    /// the parts of its MIME bindings, before the WS-I Attachments Profile left them out of the
    /// body), notes that MIME part as the attachment's, skips the element and returns true.
    pub fn attachment_reference(
        &mut self,
        element: &Element<'_>,
        part: &str,
    ) -> Result<bool, DecodeError> {
        if element.local_name() != part {
            return Ok(false);
        }
        let Some(href) = element.attribute(self, "", "href") else {
            return Ok(false);
        };
        if !self.note_reference(part, href) {
            return Ok(false);
        }
        self.skip().map(|()| true)
    }

    /// The attachment a `swaRef` value (`text`, the content of `element`) names.
    fn swa_reference(
        &mut self,
        element: &Element<'_>,
        text: &str,
    ) -> Result<Attachment, DecodeError> {
        let found = match self.attachments_mut() {
            Some(attachments) => attachments.resolve_typed(text),
            None => Err(MtomError::MissingPart(
                text.trim().chars().take(200).collect(),
            )),
        };
        let (bytes, content_type) =
            found.map_err(|e| self.error_at(element.offset(), DecodeErrorKind::Mtom(e)))?;
        self.bounded_attachment(Some(element), bytes.into_owned(), content_type)
    }

    /// `data` as an attachment, unless longer than `Limits::max_bytes_len`.
    fn bounded_attachment(
        &self,
        element: Option<&Element<'_>>,
        data: Vec<u8>,
        content_type: String,
    ) -> Result<Attachment, DecodeError> {
        if data.len() > self.limits().max_bytes_len {
            let kind = DecodeErrorKind::LimitExceeded {
                limit: "max_bytes_len",
                max: self.limits().max_bytes_len,
            };
            return Err(match element {
                Some(element) => self.error_at(element.offset(), kind),
                None => self.error(kind),
            });
        }
        Ok(Attachment { content_type, data })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names_are_escaped_in_content_ids() {
        assert_eq!(escape_id("photo"), "photo");
        assert_eq!(escape_id("a.b-c_d"), "a.b-c_d");
        assert_eq!(escape_id("é"), "%C3%A9");
    }

    #[test]
    fn a_content_type_that_could_break_its_header_is_refused() {
        assert_eq!(
            checked_content_type(Some("p"), "").unwrap(),
            DEFAULT_CONTENT_TYPE
        );
        assert_eq!(
            checked_content_type(Some("p"), " image/png ").unwrap(),
            "image/png"
        );
        assert!(checked_content_type(Some("p"), "image/png\r\nX-Evil: 1").is_err());
        assert!(checked_content_type(None, "png").is_err());
    }

    // Packaging is built with the HTTP sides only.
    #[cfg(any(feature = "client", feature = "server"))]
    #[test]
    fn attachments_get_part_named_content_ids() {
        let mut parts = SwaParts::default();
        let photo = Attachment::new("image/jpeg", vec![1, 2, 3]);
        let id = parts.add(Some("photo"), &photo).unwrap();
        assert!(id.starts_with("photo=1."), "{id}");
        assert!(id.ends_with("@soap-runtime"), "{id}");
        let reference = parts.add(None, &photo).unwrap();
        assert!(reference.starts_with("2."), "{reference}");
        let version = crate::envelope::SoapVersion::Soap11;
        let (content_type, body) = package(version, None, b"<e/>".to_vec(), parts);
        assert!(content_type.starts_with("multipart/related; type=\"text/xml\""));
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains(&format!("Content-ID: <{id}>")), "{text}");
        assert!(text.contains("Content-Type: image/jpeg"), "{text}");
    }
}
