//! Writing MTOM: the parts an envelope's binary values went into, and the
//! `multipart/related` body around them (which SOAP with Attachments writes too, see
//! [`crate::swa`]).

use memchr::memmem;

use super::{Mtom, XOP_MEDIA_TYPE, XOP_NS};
use crate::envelope::SoapVersion;

/// The binary values an [`crate::xml::XmlWriter`] took out of the envelope while writing it.
#[derive(Debug)]
pub(crate) struct XopParts {
    threshold: usize,
    /// A random token making Content-IDs and the boundary unique.
    token: String,
    parts: Vec<MimePart>,
}

/// One MIME part beside the root: its Content-ID (without angle brackets), media type and
/// bytes, sent as binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MimePart {
    /// The Content-ID, without angle brackets.
    pub(crate) id: String,
    /// The `Content-Type`.
    pub(crate) content_type: String,
    /// The content.
    pub(crate) bytes: Vec<u8>,
}

impl XopParts {
    /// Collects values of at least `mtom.threshold` bytes.
    pub(crate) fn new(mtom: Mtom) -> Self {
        XopParts {
            threshold: mtom.threshold,
            token: random_token(),
            parts: Vec::new(),
        }
    }

    /// Takes `bytes` into a part when they reach the threshold; returns the `xop:Include`
    /// element to write instead of their base64 text.
    pub(crate) fn include(&mut self, bytes: &[u8]) -> Option<String> {
        if bytes.len() < self.threshold {
            return None;
        }
        let id = format!("{}.{}@soap-runtime", self.parts.len() + 1, self.token);
        let element = format!("<xop:Include xmlns:xop=\"{XOP_NS}\" href=\"cid:{id}\"/>");
        self.parts.push(MimePart {
            id,
            content_type: "application/octet-stream".into(),
            bytes: bytes.to_vec(),
        });
        Some(element)
    }
}

/// A random hex token (from the system's random source; from the clock and a counter if that
/// fails, which only makes a boundary clash likelier, and [`package`] checks for clashes).
pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 12];
    if getrandom::fill(&mut bytes).is_err() {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        bytes[..8].copy_from_slice(&nanos.to_le_bytes());
        bytes[8..].copy_from_slice(&(COUNTER.fetch_add(1, Ordering::Relaxed) as u32).to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `Content-Type` and body of an MTOM message: `envelope` as the root part (SOAP
/// `version`, with `action` in the content type for SOAP 1.2), then each part that `parts`
/// took, and the parts of SOAP with Attachments values (`attachments`), as binary.
pub(crate) fn package(
    version: SoapVersion,
    action: Option<&str>,
    envelope: Vec<u8>,
    parts: Option<XopParts>,
    attachments: Vec<MimePart>,
) -> (String, Vec<u8>) {
    let (token, mut parts) = match parts {
        Some(p) => (p.token, p.parts),
        None => (random_token(), Vec::new()),
    };
    parts.extend(attachments);
    let inner = match version {
        SoapVersion::Soap11 => "text/xml",
        SoapVersion::Soap12 => "application/soap+xml",
    };
    let root_id = format!("root.{token}@soap-runtime");
    let root_type = format!("{XOP_MEDIA_TYPE}; charset=utf-8; type=\"{inner}\"");
    let (boundary, body) = write_parts(&token, &root_id, &root_type, envelope, parts);
    let mut content_type = format!(
        "multipart/related; type=\"{XOP_MEDIA_TYPE}\"; start=\"<{root_id}>\"; start-info=\"{inner}\"; boundary=\"{boundary}\""
    );
    if let (SoapVersion::Soap12, Some(action)) = (version, action) {
        content_type.push_str(&format!("; action=\"{action}\""));
    }
    (content_type, body)
}

/// A `multipart/related` body: the root part (Content-ID `root_id`, `Content-Type`
/// `root_type`) holding `envelope`, then `parts`, binary; returns the boundary (made of
/// `token`, longer if it occurs in a part) and the body.
pub(crate) fn write_parts(
    token: &str,
    root_id: &str,
    root_type: &str,
    envelope: Vec<u8>,
    parts: Vec<MimePart>,
) -> (String, Vec<u8>) {
    let mut boundary = format!("uuid:{token}+id=1");
    // A boundary must not occur in any part; with a random token it does not, but check.
    while memmem::find(&envelope, boundary.as_bytes()).is_some()
        || parts
            .iter()
            .any(|part| memmem::find(&part.bytes, boundary.as_bytes()).is_some())
    {
        boundary.push_str(&random_token());
    }
    let size = envelope.len() + parts.iter().map(|p| p.bytes.len() + 200).sum::<usize>() + 400;
    let mut body = Vec::with_capacity(size);
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-ID: <{root_id}>\r\nContent-Type: {root_type}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(&envelope);
    drop(envelope);
    for part in parts {
        body.extend_from_slice(
            format!(
                "\r\n--{boundary}\r\nContent-ID: <{}>\r\nContent-Type: {}\r\nContent-Transfer-Encoding: binary\r\n\r\n",
                part.id, part.content_type
            )
            .as_bytes(),
        );
        body.extend_from_slice(&part.bytes);
    }
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (boundary, body)
}
