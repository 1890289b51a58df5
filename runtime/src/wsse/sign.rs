//! Signing a message (a client's request, a server's answer): the `wsse:Security` header's
//! Timestamp and BinarySecurityToken, the Body's `wsu:Id`, and the `ds:Signature` computed over
//! the envelope as written.
//!
//! A request's envelope is written with the header's signed parts and the Body's id in place;
//! an answer, written by a generated server before it is signed, gets them spliced in
//! (`sign_answer.rs`). Then the envelope is read back, the Body and the Timestamp are
//! canonicalized ([`super::c14n`]) and digested, and the `ds:Signature` (its `SignatureValue`
//! empty) is put at the end of the Security header. The envelope is read once more to canonicalize `ds:SignedInfo` where it now stands,
//! and its RSA signature goes into `SignatureValue`. Inserting the signature changes neither
//! the Body's nor the Timestamp's canonical form: exclusive canonicalization writes only the
//! namespaces an element uses, wherever they were declared.

use std::cell::Cell;
use std::time::SystemTime;

use base64::Engine as _;

use super::c14n::EXCLUSIVE_C14N;
use super::envelope_parts::{parse_envelope, Parts};
use super::signer::X509Signature;
use super::x509::{DigestAlgorithm, DS_NS, X509_V3};
use super::{utc_text, UsernameToken, BASE64_BINARY, WSSE_NS, WSU_NS};
use crate::envelope::SoapVersion;
use crate::error::EncodeError;
use crate::xml::{Limits, XmlWriter};

/// One request's signing: the ids of its signed parts, its time, and where in the envelope
/// its signature goes (recorded while the header is written).
#[derive(Debug)]
pub(crate) struct SigningPlan<'s> {
    signature: &'s X509Signature,
    body_id: String,
    timestamp_id: String,
    token_id: String,
    now: SystemTime,
    signature_at: Cell<Option<usize>>,
}

fn failed(reason: impl Into<String>) -> EncodeError {
    EncodeError::InvalidValue {
        element: String::from("Signature"),
        reason: reason.into(),
    }
}

/// `prefix` and 32 random hexadecimal digits: an id unique in any message.
fn fresh_id(prefix: &str) -> Result<String, EncodeError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|error| failed(format!("no random id for the signature: {error}")))?;
    let mut id = String::with_capacity(prefix.len() + 32);
    id.push_str(prefix);
    for b in bytes {
        id.push_str(&format!("{b:02x}"));
    }
    Ok(id)
}

impl X509Signature {
    /// The signing of one request written now, with fresh ids.
    pub(crate) fn plan(&self) -> Result<SigningPlan<'_>, EncodeError> {
        Ok(SigningPlan {
            signature: self,
            body_id: fresh_id("id-")?,
            timestamp_id: fresh_id("TS-")?,
            token_id: fresh_id("X509-")?,
            now: SystemTime::now(),
            signature_at: Cell::new(None),
        })
    }
}

/// Limits for reading back a message this process wrote: its size is known, its depth is
/// what the caller's types make it.
pub(super) fn signing_limits() -> Limits {
    Limits {
        max_message_size: usize::MAX,
        max_depth: 4096,
        max_string_len: usize::MAX,
        max_bytes_len: usize::MAX,
        max_items: usize::MAX,
    }
}

impl SigningPlan<'_> {
    /// The attributes the `Body` start tag gets: the `wsu` declaration and its `wsu:Id`.
    pub(crate) fn body_attributes(&self) -> [(&'static str, &str); 2] {
        [("xmlns:wsu", WSU_NS), ("wsu:Id", &self.body_id)]
    }

    /// Writes the `wsse:Security` header (`mustUnderstand`, with `soap_prefix`, the prefix the
    /// envelope binds to its SOAP namespace, or a binding of its own when there is none): the
    /// Timestamp, the certificate as a BinarySecurityToken, `token` if given, and records where
    /// the signature goes.
    pub(crate) fn write_header(
        &self,
        w: &mut XmlWriter,
        version: SoapVersion,
        soap_prefix: Option<&str>,
        token: Option<&UsernameToken>,
    ) -> Result<(), EncodeError> {
        let created = utc_text(self.now)?;
        let expires = utc_text(self.now + self.signature.time_to_live)?;
        w.start_raw("wsse:Security");
        w.declare("wsse", WSSE_NS);
        w.declare("wsu", WSU_NS);
        let must_understand = match soap_prefix {
            Some(prefix) => format!("{prefix}:mustUnderstand"),
            None => {
                w.declare("s", version.namespace());
                String::from("s:mustUnderstand")
            }
        };
        w.attr(
            &must_understand,
            match version {
                SoapVersion::Soap11 => "1",
                SoapVersion::Soap12 => "true",
            },
        )?;
        w.start_raw("wsu:Timestamp");
        w.attr("wsu:Id", &self.timestamp_id)?;
        w.start_raw("wsu:Created");
        w.safe_text(&created);
        w.end_raw("wsu:Created");
        w.start_raw("wsu:Expires");
        w.safe_text(&expires);
        w.end_raw("wsu:Expires");
        w.end_raw("wsu:Timestamp");
        w.start_raw("wsse:BinarySecurityToken");
        w.attr("EncodingType", BASE64_BINARY)?;
        w.attr("ValueType", X509_V3)?;
        w.attr("wsu:Id", &self.token_id)?;
        w.safe_text(&base64::engine::general_purpose::STANDARD.encode(&self.signature.certificate));
        w.end_raw("wsse:BinarySecurityToken");
        if let Some(token) = token {
            token.write_token(w, self.now)?;
        }
        // The Security element has content: its end tag follows, and the signature goes
        // before it.
        self.signature_at.set(Some(w.as_bytes().len()));
        w.end_raw("wsse:Security");
        Ok(())
    }

    /// Moves the recorded place of the signature: the header was written apart, from offset
    /// `written_at` of its writer, and put into the envelope at offset `put_at`.
    pub(super) fn relocate_signature_place(&self, written_at: usize, put_at: usize) {
        let moved = |at: usize| at.checked_sub(written_at).map(|within| within + put_at);
        self.signature_at
            .set(self.signature_at.get().and_then(moved));
    }

    /// Signs `envelope`, written with [`SigningPlan::write_header`] and
    /// [`SigningPlan::body_attributes`]: digests the Body and the Timestamp, puts the
    /// `ds:Signature` in place and signs its `SignedInfo`.
    pub(crate) fn sign(&self, mut envelope: Vec<u8>) -> Result<Vec<u8>, EncodeError> {
        let at = self
            .signature_at
            .get()
            .ok_or_else(|| failed("the Security header was not written"))?;
        let limits = signing_limits();
        let digest = self.signature.digest_algorithm;
        let references = {
            let parsed = parse_envelope(&envelope, &limits).map_err(|e| failed(e.to_string()))?;
            let parts = Parts::of(&parsed).map_err(|e| failed(e.to_string()))?;
            let body = parts
                .body
                .as_ref()
                .ok_or_else(|| failed("the envelope has no Body"))?;
            let timestamp = parts
                .find_in_security(WSU_NS, "Timestamp")
                .ok_or_else(|| failed("the Security header has no Timestamp"))?;
            [
                (&self.body_id, digest_of(digest, body)),
                (&self.timestamp_id, digest_of(digest, &timestamp)),
            ]
        };
        let mut signed_info = format!(
            "<ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"{EXCLUSIVE_C14N}\"/>\
             <ds:SignatureMethod Algorithm=\"{}\"/>",
            self.signature.signature_algorithm.uri()
        );
        for (id, value) in &references {
            signed_info.push_str(&format!(
                "<ds:Reference URI=\"#{id}\"><ds:Transforms><ds:Transform Algorithm=\"{EXCLUSIVE_C14N}\"/>\
                 </ds:Transforms><ds:DigestMethod Algorithm=\"{}\"/><ds:DigestValue>{value}</ds:DigestValue>\
                 </ds:Reference>",
                digest.uri()
            ));
        }
        signed_info.push_str("</ds:SignedInfo>");
        let head = format!("<ds:Signature xmlns:ds=\"{DS_NS}\">{signed_info}<ds:SignatureValue>");
        let tail = format!(
            "</ds:SignatureValue><ds:KeyInfo><wsse:SecurityTokenReference><wsse:Reference URI=\"#{}\" \
             ValueType=\"{X509_V3}\"/></wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature>",
            self.token_id
        );
        let value_at = at + head.len();
        envelope.splice(at..at, head.bytes().chain(tail.bytes()));
        let canonical = {
            let parsed = parse_envelope(&envelope, &limits).map_err(|e| failed(e.to_string()))?;
            let parts = Parts::of(&parsed).map_err(|e| failed(e.to_string()))?;
            let signed_info = parts
                .find_in_security(DS_NS, "Signature")
                .and_then(|s| s.child(DS_NS, "SignedInfo"))
                .ok_or_else(|| failed("the signature's SignedInfo was not found again"))?;
            signed_info.canonical()
        };
        let key = &self.signature.key;
        let mut value = vec![0u8; key.public().modulus_len()];
        key.sign(
            self.signature.signature_algorithm.encoding(),
            &ring::rand::SystemRandom::new(),
            &canonical,
            &mut value,
        )
        .map_err(|_| failed("the RSA signature could not be computed"))?;
        let value = base64::engine::general_purpose::STANDARD.encode(value);
        envelope.splice(value_at..value_at, value.bytes());
        Ok(envelope)
    }
}

/// The base64 digest of the canonical form of `element`.
fn digest_of(algorithm: DigestAlgorithm, element: &super::envelope_parts::Located<'_>) -> String {
    let canonical = element.canonical();
    base64::engine::general_purpose::STANDARD
        .encode(ring::digest::digest(algorithm.ring(), &canonical).as_ref())
}
