//! Reading the WSDL 1.1 MIME binding (section 5) of one direction of an operation: a
//! `mime:multipartRelated` whose `mime:part`s are the SOAP envelope (the one holding
//! `soap:body`) and attachments (`mime:content`), as SOAP with Attachments and the WS-I
//! Attachments Profile 1.0 describe it.

use super::definitions::{Message, WsdlIndex};
use super::error::{ErrorKind, WsdlError};
use super::xml::{elements, in_ns, is, tag, Doc, XmlNode, WSDL_NS};
use crate::model::{AttachmentPart, QName};

/// The WSDL 1.1 MIME binding namespace.
pub(super) const MIME_NS: &str = "http://schemas.xmlsoap.org/wsdl/mime/";

/// A `mime:multipartRelated` read: the `mime:part` that is the envelope, and the attachments.
pub(super) struct MultipartRelated<'d, 's> {
    /// The `mime:part` holding the `soap:body` (and any `soap:header`s).
    pub(super) root: XmlNode<'d, 's>,
    /// The parts bound to `mime:content`, in binding order.
    pub(super) attachments: Vec<AttachmentPart>,
}

/// Reads `multipart` (a `mime:multipartRelated` in the input or output of `operation`, whose
/// message is `message`): exactly one `mime:part` holds the SOAP body (elements of
/// `soap_namespace`), every other one `mime:content` alternatives of one message part.
pub(super) fn read_multipart_related<'d, 's>(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    multipart: XmlNode<'d, 's>,
    message: &QName,
    soap_namespace: &str,
    operation: &str,
) -> Result<MultipartRelated<'d, 's>, WsdlError> {
    let declared = wsdl.messages.get(message).ok_or_else(|| {
        doc.error(
            multipart,
            ErrorKind::UnresolvedMessage {
                reference: message.to_string(),
                declared_in: None,
            },
        )
    })?;
    let mut root: Option<XmlNode<'d, 's>> = None;
    let mut attachments: Vec<AttachmentPart> = Vec::new();
    for child in elements(multipart) {
        if is(child, WSDL_NS, "documentation") {
            continue;
        }
        if !is(child, MIME_NS, "part") {
            return Err(doc.invalid(
                child,
                format!(
                    "`{}` in the `mime:multipartRelated` of operation `{operation}`",
                    tag(child)
                ),
                "a mime:multipartRelated holds mime:part elements only",
            ));
        }
        let soap = elements(child).find(|n| in_ns(*n, soap_namespace));
        let contents: Vec<XmlNode<'_, '_>> = elements(child)
            .filter(|n| is(*n, MIME_NS, "content"))
            .collect();
        if let Some(other) = elements(child).find(|n| {
            !in_ns(*n, soap_namespace)
                && !is(*n, MIME_NS, "content")
                && !is(*n, WSDL_NS, "documentation")
        }) {
            return Err(doc.unsupported(
                other,
                format!(
                    "`{}` in a `mime:part` of operation `{operation}`",
                    tag(other)
                ),
                "a mime:part of SOAP with Attachments holds either the soap:body (and \
                 soap:headers) or mime:content alternatives of one message part; mime:mimeXml \
                 and other MIME bindings are not supported",
            ));
        }
        match (soap, contents.as_slice()) {
            (Some(body), []) => {
                if let Some(first) = root {
                    return Err(doc.invalid(
                        body,
                        format!(
                            "a second `mime:part` holding the SOAP envelope in operation \
                             `{operation}` (the first is at {})",
                            doc.location(first)
                        ),
                        "keep the soap:body in one mime:part, the root part",
                    ));
                }
                root = Some(child);
            }
            (Some(_), [content, ..]) => {
                return Err(doc.invalid(
                    *content,
                    format!(
                        "`mime:content` beside the SOAP body in a `mime:part` of operation \
                         `{operation}`"
                    ),
                    "put each attachment in a mime:part of its own, apart from the soap:body",
                ))
            }
            (None, []) => {
                return Err(doc.invalid(
                    child,
                    format!("an empty `mime:part` in operation `{operation}`"),
                    "a mime:part holds the soap:body or mime:content elements",
                ))
            }
            (None, contents) => {
                let attachment = attachment_part(doc, declared, contents, &message.local)?;
                if attachments.iter().any(|a| a.name == attachment.name) {
                    return Err(doc.invalid(
                        child,
                        format!(
                            "message part `{}` bound by two `mime:part`s of operation \
                             `{operation}`",
                            attachment.name
                        ),
                        "bind each message part to one mime:part",
                    ));
                }
                attachments.push(attachment);
            }
        }
    }
    let Some(root) = root else {
        return Err(doc.invalid(
            multipart,
            format!("no `mime:part` of operation `{operation}` holds the soap:body"),
            "put the soap:body into the first mime:part (the root part of the message)",
        ));
    };
    Ok(MultipartRelated { root, attachments })
}

/// The attachment a `mime:part`'s `mime:content` alternatives (`contents`, at least one)
/// bind: they must name the same part of `message` (`message_name`); `part` may be left out
/// when the message has one part only.
fn attachment_part(
    doc: &Doc<'_>,
    message: &Message<'_, '_>,
    contents: &[XmlNode<'_, '_>],
    message_name: &str,
) -> Result<AttachmentPart, WsdlError> {
    let mut name: Option<String> = None;
    let mut content_types = Vec::new();
    for content in contents {
        let part = match content.attribute("part").map(str::trim) {
            Some(part) => part.to_string(),
            None => match message.parts.as_slice() {
                [only] => only.name.clone(),
                _ => {
                    return Err(doc.invalid(
                        *content,
                        format!(
                            "`mime:content` without a `part` attribute, and message \
                             `{message_name}` has {} parts",
                            message.parts.len()
                        ),
                        "name the message part the attachment carries: part=\"...\"",
                    ))
                }
            },
        };
        match &name {
            Some(first) if *first != part => {
                return Err(doc.invalid(
                    *content,
                    format!(
                        "the `mime:content` alternatives of one `mime:part` name the parts \
                         `{first}` and `{part}`"
                    ),
                    "alternatives of one mime:part name the same message part with different \
                     types; bind another part in a mime:part of its own",
                ))
            }
            _ => name = Some(part),
        }
        if let Some(media) = content.attribute("type") {
            content_types.push(media_type(doc, *content, media)?);
        }
    }
    // `contents` is not empty: the loop named the part.
    let name = name.unwrap_or_default();
    let part = message.part(&name).ok_or_else(|| {
        doc.error(
            contents[0],
            ErrorKind::UnresolvedPart {
                message: message_name.to_string(),
                part: name.clone(),
            },
        )
    })?;
    Ok(AttachmentPart {
        name,
        content_types,
        content: part.content()?.clone(),
    })
}

/// A `mime:content/@type`: `type/subtype` (either may be `*`), parameters allowed; a
/// `multipart/*` attachment (a MIME package inside the package) is refused, which the runtime
/// does not read.
fn media_type(doc: &Doc<'_>, content: XmlNode<'_, '_>, text: &str) -> Result<String, WsdlError> {
    let text = text.trim();
    let media = text.split(';').next().unwrap_or_default().trim();
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+*".contains(&b))
    };
    let well_formed = media
        .split_once('/')
        .is_some_and(|(kind, sub)| token(kind) && token(sub));
    if !well_formed {
        return Err(doc.invalid_value(content, "type", text, "a media type such as `image/jpeg`"));
    }
    if media.to_ascii_lowercase().starts_with("multipart/") {
        return Err(doc.unsupported(
            content,
            format!("an attachment of media type `{media}` (a MIME package inside the message)"),
            "an attachment is one MIME part of bytes; bind a nested package's parts as \
             attachments of their own",
        ));
    }
    Ok(text.to_string())
}
