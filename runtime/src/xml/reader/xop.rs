//! XOP inside the reader: resolving `xop:Include` of an MTOM message's root part to the bytes
//! of the MIME part it names, for `base64Binary` values only.

use std::borrow::Cow;

use super::{Element, XmlReader};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::mtom::{Attachments, MtomError, XOP_NS};

/// The content of a `base64Binary` element, as [`XmlReader::read_binary`] found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binary<'a> {
    /// Base64 text (not yet decoded).
    Text(Cow<'a, str>),
    /// The bytes of the MTOM part an `xop:Include` named (owned when the part was moved out
    /// of a message the reader owns, see [`crate::mtom::OwnedPackage`]).
    Part(Cow<'a, [u8]>),
}

/// What a reader of an MTOM message's root part keeps.
#[derive(Debug)]
pub(super) struct Xop<'a> {
    pub(super) attachments: Attachments<'a>,
    /// True while a `base64Binary` value is read: an `xop:Include` is welcome.
    pub(super) in_binary: bool,
    /// The part the `xop:Include` of the value being read named.
    pub(super) included: Option<Cow<'a, [u8]>>,
    /// SOAP with Attachments as Axis 1 writes it: (message part, `href`) of each element of
    /// the body that names the MIME part of an attachment part.
    pub(super) references: Vec<(String, String)>,
}

impl<'a> XmlReader<'a> {
    /// The same reader resolving `xop:Include` elements against `attachments` (the other parts
    /// of an MTOM message whose root part this reader reads).
    pub fn with_attachments(mut self, attachments: Attachments<'a>) -> Self {
        self.xop = Some(Box::new(Xop {
            attachments,
            in_binary: false,
            included: None,
            references: Vec::new(),
        }));
        self
    }

    /// The other MIME parts of the message, when it is multipart.
    pub(crate) fn attachments_mut(&mut self) -> Option<&mut Attachments<'a>> {
        self.xop.as_mut().map(|xop| &mut xop.attachments)
    }

    /// Under a multipart message, notes that the body names attachment part `part`'s MIME
    /// part by `href`; false (nothing noted) for a plain message.
    pub(crate) fn note_reference(&mut self, part: &str, href: String) -> bool {
        match self.xop.as_mut() {
            Some(xop) => {
                xop.references.push((part.to_string(), href));
                true
            }
            None => false,
        }
    }

    /// The `href` the body gave attachment part `part`, if it gave one.
    pub(crate) fn noted_reference(&self, part: &str) -> Option<String> {
        let xop = self.xop.as_ref()?;
        xop.references
            .iter()
            .find(|(name, _)| name == part)
            .map(|(_, href)| href.clone())
    }

    /// Reads the content of a `base64Binary` `element`: its text, or under MTOM the bytes of
    /// the part its `xop:Include` names (within `max_bytes_len`).
    pub fn read_binary(&mut self, element: &Element<'_>) -> Result<Binary<'a>, DecodeError> {
        let Some(xop) = self.xop.as_mut() else {
            return self.read_base64_text(element).map(Binary::Text);
        };
        xop.in_binary = true;
        xop.included = None;
        let text = self.read_base64_text(element);
        let xop = self.xop.as_mut().map(|x| {
            x.in_binary = false;
            x.included.take()
        });
        let text = text?;
        let Some(Some(bytes)) = xop else {
            return Ok(Binary::Text(text));
        };
        if !text.trim_ascii().is_empty() {
            return Err(self.error_at(
                element.offset(),
                DecodeErrorKind::Mtom(MtomError::MixedInclude(element.local_name().to_string())),
            ));
        }
        if bytes.len() > self.limits.max_bytes_len {
            return Err(self.error_at(
                element.offset(),
                DecodeErrorKind::LimitExceeded {
                    limit: "max_bytes_len",
                    max: self.limits.max_bytes_len,
                },
            ));
        }
        Ok(Binary::Part(bytes))
    }

    /// Under MTOM, a child element inside a text element: an `xop:Include` is taken when a
    /// `base64Binary` value is read and refused elsewhere; anything else is unknown.
    #[inline(never)]
    pub(super) fn xop_child(
        &mut self,
        child: &Element<'a>,
        parent: &Element<'_>,
    ) -> Result<(), DecodeError> {
        if !self.is_xop_include(child) {
            return self.unknown(child);
        }
        let Some(xop) = self.xop.as_ref() else {
            return self.unknown(child);
        };
        let in_binary = xop.in_binary;
        let seen = xop.included.is_some();
        if !in_binary || seen {
            let error = if in_binary {
                MtomError::MixedInclude(parent.local_name().to_string())
            } else {
                MtomError::IncludeOutsideBinary(parent.local_name().to_string())
            };
            return Err(self.error_at(child.offset(), DecodeErrorKind::Mtom(error)));
        }
        let href = child.attribute(self, "", "href").unwrap_or_default();
        let resolved = match self.xop.as_mut() {
            Some(xop) => xop.attachments.resolve(&href),
            None => Err(MtomError::MissingPart(href.clone())),
        };
        let bytes =
            resolved.map_err(|e| self.error_at(child.offset(), DecodeErrorKind::Mtom(e)))?;
        if let Some(xop) = self.xop.as_mut() {
            xop.included = Some(bytes);
        }
        self.skip()
    }

    /// True when `element` is `xop:Include`.
    pub(super) fn is_xop_include(&self, element: &Element<'_>) -> bool {
        element.local_name() == "Include" && self.namespace_of(element) == Some(XOP_NS)
    }
}
