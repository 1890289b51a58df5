//! Signing a finished envelope (what a server does to each answer its generated dispatcher
//! wrote): the `wsse:Security` header and the Body's `wsu:Id` are spliced into the envelope's
//! text, then the envelope is signed as a client's request is (`SigningPlan::sign`).
//!
//! Only the places the splice needs are read (the Envelope's start tag, the `Header`'s, the
//! `Body`'s); the rest of the answer is copied as it was written.

use super::sign::signing_limits;
use super::signer::X509Signature;
use crate::envelope::SoapVersion;
use crate::error::EncodeError;
use crate::xml::{XmlReader, XmlWriter};

/// Where the signing goes into an envelope's text.
struct Places {
    version: SoapVersion,
    /// The prefix of the Envelope's name (the SOAP namespace's), `None` for the default
    /// namespace.
    prefix: Option<String>,
    /// Where the Security header goes, and what the header's markup around it is.
    header: HeaderPlace,
    /// Where the Body's start tag ends (the offset of its `>` or `/>`).
    body_tag_end: usize,
}

/// Where the Security header goes.
enum HeaderPlace {
    /// First in the `Header`, whose start tag ends at this offset.
    Into(usize),
    /// In an empty `Header` written as `<Header/>`: the `/>` at this offset becomes
    /// `>`, the header and the end tag.
    IntoEmpty(usize),
    /// In a new `Header` right after the Envelope's start tag, which ends at this offset.
    New(usize),
}

fn failed(reason: impl Into<String>) -> EncodeError {
    EncodeError::InvalidValue {
        element: String::from("Signature"),
        reason: reason.into(),
    }
}

impl Places {
    /// The places of `envelope`'s Header and Body.
    fn of(envelope: &[u8]) -> Result<Places, EncodeError> {
        let unreadable =
            |e: crate::error::DecodeError| failed(format!("the answer cannot be read: {e}"));
        let mut r = XmlReader::new(envelope, signing_limits()).map_err(unreadable)?;
        let root = r.root().map_err(unreadable)?;
        let version = r
            .namespace_of(&root)
            .and_then(SoapVersion::from_namespace)
            .filter(|_| root.local_name() == "Envelope")
            .ok_or_else(|| failed("the answer is not a SOAP envelope"))?;
        let prefix = root.prefix().map(str::to_string);
        let after_envelope = offset(&r)?;
        let mut header = HeaderPlace::New(after_envelope);
        while let Some(child) = r.next_child().map_err(unreadable)? {
            let in_soap = r.namespace_of(&child) == Some(version.namespace());
            let after = offset(&r)?;
            match child.local_name() {
                "Header" if in_soap => {
                    header = if envelope.get(..after).is_some_and(|t| t.ends_with(b"/>")) {
                        HeaderPlace::IntoEmpty(after - 2)
                    } else {
                        HeaderPlace::Into(after)
                    };
                    r.skip().map_err(unreadable)?;
                }
                "Body" if in_soap => {
                    let self_closing = envelope.get(..after).is_some_and(|t| t.ends_with(b"/>"));
                    let body_tag_end = after - if self_closing { 2 } else { 1 };
                    return Ok(Places {
                        version,
                        prefix,
                        header,
                        body_tag_end,
                    });
                }
                _ => r.skip().map_err(unreadable)?,
            }
        }
        Err(failed("the answer has no Body"))
    }
}

/// The reader's offset as an index into its input (which is in memory: it fits).
fn offset(r: &XmlReader<'_>) -> Result<usize, EncodeError> {
    usize::try_from(r.offset()).map_err(|_| failed("the answer is too large to sign"))
}

impl X509Signature {
    /// `envelope` (a complete SOAP envelope without a `wsse:Security` header, such as the
    /// answer a generated server wrote), signed as a request of a signing client is: a
    /// `wsse:Security` header (`mustUnderstand`) first in the `Header` with a Timestamp, the
    /// certificate as a BinarySecurityToken and a `ds:Signature` over the Body (given a
    /// `wsu:Id`) and the Timestamp. The rest of the envelope is kept as it was written.
    pub fn sign_envelope(&self, envelope: &[u8]) -> Result<Vec<u8>, EncodeError> {
        let places = Places::of(envelope)?;
        let plan = self.plan()?;
        let mut w = XmlWriter::new(&[]);
        // The writer starts with an XML declaration: the header follows it.
        let written_at = w.as_bytes().len();
        plan.write_header(&mut w, places.version, places.prefix.as_deref(), None)?;
        let security = &w.as_bytes()[written_at..];
        let header_name = match &places.prefix {
            Some(prefix) => format!("{prefix}:Header"),
            None => String::from("Header"),
        };
        let mut signed = Vec::with_capacity(envelope.len() + security.len() + 4096);
        let security_at = match places.header {
            HeaderPlace::Into(at) => {
                signed.extend_from_slice(&envelope[..at]);
                let security_at = signed.len();
                signed.extend_from_slice(security);
                signed.extend_from_slice(&envelope[at..places.body_tag_end]);
                security_at
            }
            HeaderPlace::IntoEmpty(at) => {
                signed.extend_from_slice(&envelope[..at]);
                signed.push(b'>');
                let security_at = signed.len();
                signed.extend_from_slice(security);
                signed.extend_from_slice(format!("</{header_name}>").as_bytes());
                // Past the `/>`.
                signed.extend_from_slice(&envelope[at + 2..places.body_tag_end]);
                security_at
            }
            HeaderPlace::New(at) => {
                signed.extend_from_slice(&envelope[..at]);
                signed.extend_from_slice(format!("<{header_name}>").as_bytes());
                let security_at = signed.len();
                signed.extend_from_slice(security);
                signed.extend_from_slice(format!("</{header_name}>").as_bytes());
                signed.extend_from_slice(&envelope[at..places.body_tag_end]);
                security_at
            }
        };
        for (name, value) in plan.body_attributes() {
            signed.extend_from_slice(format!(" {name}=\"{value}\"").as_bytes());
        }
        signed.extend_from_slice(&envelope[places.body_tag_end..]);
        plan.relocate_signature_place(written_at, security_at);
        plan.sign(signed)
    }
}
