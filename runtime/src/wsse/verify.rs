//! Checking the X.509 signature of a received message (what a service that requires signed
//! requests does before serving one, and a client that requires signed answers before reading
//! one): [`SignatureVerifier`].
//!
//! The checks, in order: the envelope has one `Header` with one `wsse:Security`, holding one
//! `ds:Signature`; its `SignedInfo` uses exclusive canonicalization and an RSA method; each
//! `ds:Reference` names, by `#id`, exactly one element of the envelope with that `wsu:Id`,
//! through one exclusive-canonicalization transform, and its digest matches; the `Body` (the
//! one the service reads, found by its place, not by id) and the Security header's
//! `wsu:Timestamp` are among the referenced elements, so that a signed copy of the Body
//! elsewhere in the message (XML signature wrapping) does not pass; the `KeyInfo` names one of
//! a certificate (in one of the ways `key_info.rs` lists) that is trusted: pinned, or chaining
//! to a trust anchor (`chain.rs`); the signature verifies with its RSA key; and the Timestamp
//! is not expired nor created in the future (within a clock skew).
//!
//! Every failure is a typed [`SignatureError`]; the document is read within [`Limits`], so a
//! huge or deeply nested one is refused before any canonicalization.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;

use super::c14n::{canonicalize_with, EXCLUSIVE_C14N};
use super::chain::{ChainFailure, Chains};
use super::der::rsa_public_key;
use super::envelope_parts::{parse_envelope, Located, Parts, PartsError};
use super::key_info::{signing_certificate, Known};
use super::x509::{CredentialError, DigestAlgorithm, DS_NS};
use super::{constant_time_eq, WSU_NS};
use crate::xml::{Limits, XmlElement, XmlNode};

/// Why a message's signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The request is not well-formed XML within the limits (the message names where).
    #[error("the message cannot be read: {0}")]
    Malformed(String),
    /// The document is not a SOAP envelope.
    #[error("the message is not a SOAP envelope")]
    NotEnvelope,
    /// Something the check needs is missing (`path` names it).
    #[error("the message has no `{path}`")]
    Missing {
        /// Where it was looked for, e.g. `wsse:Security/ds:Signature`.
        path: &'static str,
    },
    /// An element that must be single is repeated.
    #[error("the message has more than one `{0}`")]
    Repeated(&'static str),
    /// An algorithm or construct the check does not support.
    #[error("unsupported {what} `{value}`")]
    Unsupported {
        /// What it is (a signature method, a transform, a reference, ...).
        what: &'static str,
        /// Its URI or value.
        value: String,
    },
    /// A reference names no element, or more than one element has its id.
    #[error("the reference `{uri}` {problem}")]
    Unresolved {
        /// The reference's URI.
        uri: String,
        /// What is wrong: resolves to nothing or to several elements.
        problem: &'static str,
    },
    /// A part that must be signed is not referenced by the signature.
    #[error("the signature does not cover the {0}")]
    NotSigned(&'static str),
    /// A referenced element's digest does not match: it changed after signing.
    #[error("the digest of `{uri}` does not match: the element changed after it was signed")]
    DigestMismatch {
        /// The reference's URI.
        uri: String,
    },
    /// A base64 value (digest, signature, token) is not base64.
    #[error("`{what}` is not base64")]
    NotBase64 {
        /// Which value.
        what: &'static str,
    },
    /// The signing certificate is not one of the pinned ones, and no trust anchor is
    /// configured.
    #[error("the signing certificate is not trusted")]
    UntrustedCertificate,
    /// The signing certificate is not pinned and does not chain to a trust anchor.
    #[error("the signing certificate `{subject}` is not trusted: {reason}")]
    UntrustedChain {
        /// The signing certificate's subject (`CN=...,O=...`).
        subject: String,
        /// Why its chain was refused.
        reason: ChainFailure,
    },
    /// The signing certificate chains to a trust anchor, but its key is not RSA (the only
    /// signature methods supported are RSA ones).
    #[error("the signing certificate's key is not an RSA key")]
    NotRsaKey,
    /// The signature value does not verify with the certificate's key.
    #[error("the signature does not verify with the signing certificate's key")]
    BadSignature,
    /// The KeyInfo names a certificate (by issuer and serial number, thumbprint or subject key
    /// identifier) that is none of the trusted ones.
    #[error("the signature's KeyInfo ({by}) names no trusted certificate")]
    UnknownKey {
        /// How it named the certificate (`X509IssuerSerial`, `ThumbprintSHA1`, ...).
        by: &'static str,
    },
    /// The KeyInfo names more than one certificate, or certificates that disagree.
    #[error("the signature's KeyInfo names more than one certificate")]
    AmbiguousKeyInfo,
    /// A name of the signing certificate in the KeyInfo cannot be read.
    #[error("the signature's `{0}` cannot be read")]
    InvalidKeyName(&'static str),
    /// The Timestamp's `Created` or `Expires` is not a UTC `xs:dateTime`.
    #[error("the Timestamp's `{0}` is not a UTC dateTime")]
    InvalidTime(&'static str),
    /// The Timestamp has expired.
    #[error("the message expired at {expires}")]
    Expired {
        /// The Timestamp's `Expires`.
        expires: String,
    },
    /// The Timestamp was created in the future.
    #[error("the message is created in the future ({created})")]
    CreatedInTheFuture {
        /// The Timestamp's `Created`.
        created: String,
    },
}

impl From<PartsError> for SignatureError {
    fn from(error: PartsError) -> Self {
        match error {
            PartsError::NotEnvelope { .. } => SignatureError::NotEnvelope,
            PartsError::Repeated(what) => SignatureError::Repeated(what),
        }
    }
}

/// Checks the WS-Security X.509 signatures of received messages (a service's requests, a
/// client's answers) against trusted certificates: pinned ones ([`SignatureVerifier::trust`])
/// and certificates that chain to a trust anchor ([`SignatureVerifier::trust_anchor`]).
///
/// The checks, in order: the envelope has one `Header` with one `wsse:Security`, holding one
/// `ds:Signature` and one `wsu:Timestamp`; `SignedInfo` uses exclusive canonicalization and an
/// RSA method (SHA-256, -384, -512 or SHA-1); each `ds:Reference` names exactly one element by
/// `wsu:Id`, through one exclusive-canonicalization transform, and its digest matches; the
/// `Body` the service reads (found by its place) and the Timestamp are referenced; the
/// `KeyInfo` names a trusted certificate: by a reference to an X509v3
/// `wsse:BinarySecurityToken` of the same header, a `wsse:KeyIdentifier`
/// (`ThumbprintSHA1`, `X509SubjectKeyIdentifier`, `X509v3`) or a `ds:X509Data`
/// (`X509IssuerSerial`, `X509SKI`, `X509Certificate`), directly or in a
/// `wsse:SecurityTokenReference`; the signature verifies with its key; the
/// Timestamp is neither expired nor created in the future, within the clock skew.
///
/// A certificate is trusted when it is, byte for byte, a pinned one, or when it chains to a
/// trust anchor: each certificate of the chain signed by the next, through intermediates the
/// message carries (`ds:X509Certificate`s beside the signer's, other X509v3
/// BinarySecurityTokens, an `X509PKIPathv1` token) or configured
/// ([`SignatureVerifier::with_intermediate`]), all valid at the verification time, the
/// signer's keyUsage (when present) allowing `digitalSignature` or `nonRepudiation`, and the
/// signer not a CA. Trusting a CA survives the signer's certificate renewals, which pinning
/// does not. Revocation is checked against the certificate revocation lists given with
/// [`SignatureVerifier::with_revocation_list`] (the CA's published CRLs, refreshed by the
/// caller): without any, a revoked certificate that still chains is accepted until it expires.
/// OCSP is not asked. A pinned certificate is trusted as it is, without a revocation check.
///
/// ```no_run
/// # fn main() -> Result<(), soap_runtime::wsse::CredentialError> {
/// let verifier = soap_runtime::wsse::SignatureVerifier::new()
///     .trust_anchor(&std::fs::read("issuing-ca.pem").unwrap())?;
/// # let _ = verifier;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct SignatureVerifier {
    known: Vec<Known>,
    chains: Chains,
    limits: Limits,
    clock_skew: Duration,
}

impl Default for SignatureVerifier {
    fn default() -> Self {
        SignatureVerifier::new()
    }
}

/// What a verified signature established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedSignature {
    /// The signer's certificate (DER): a pinned one, or the leaf of a chain to a trust anchor.
    pub certificate: Vec<u8>,
    /// The Timestamp's `Created`.
    pub created: String,
    /// The Timestamp's `Expires`, if given.
    pub expires: Option<String>,
}

impl SignatureVerifier {
    /// A verifier trusting no certificate yet, with default limits and a five-minute clock
    /// skew.
    pub fn new() -> Self {
        SignatureVerifier {
            known: Vec::new(),
            chains: Chains::default(),
            limits: Limits::default(),
            clock_skew: Duration::from_secs(300),
        }
    }

    /// The same verifier, trusting messages signed with `certificate` (DER, or PEM with a
    /// `CERTIFICATE` block), whose key must be RSA.
    pub fn trust(mut self, certificate: &[u8]) -> Result<Self, CredentialError> {
        let der = super::x509::certificate_der(certificate)?;
        self.known.push(Known::pinned(der)?);
        Ok(self)
    }

    /// The same verifier, trusting messages signed with a certificate that chains to
    /// `certificates`, trust anchors (CA certificates: DER, or PEM with one or more
    /// `CERTIFICATE` blocks, a CA bundle), as [`SignatureVerifier`] describes.
    pub fn trust_anchor(mut self, certificates: &[u8]) -> Result<Self, CredentialError> {
        self.chains.add_anchors(certificates)?;
        Ok(self)
    }

    /// The same verifier, knowing `certificates` (DER, or PEM with one or more `CERTIFICATE`
    /// blocks) for chains: intermediate CA certificates senders do not send, and signers'
    /// certificates that a KeyInfo names by issuer and serial number, thumbprint or subject
    /// key identifier without sending them. They are trusted only when they chain to a trust
    /// anchor.
    pub fn with_intermediate(mut self, certificates: &[u8]) -> Result<Self, CredentialError> {
        for der in self.chains.add_intermediates(certificates)? {
            self.known.push(Known::for_chains(der));
        }
        Ok(self)
    }

    /// The same verifier, checking chains against the certificate revocation lists in
    /// `lists` (DER, or PEM with one or more `X509 CRL` blocks), as rustls checks client
    /// certificates: a certificate of a chain (the signer's and the intermediates') that a
    /// list revokes is refused ([`ChainFailure::Revoked`]), and so is one that no list covers
    /// ([`ChainFailure::RevocationStatusUnknown`]; give every issuing CA's list, or
    /// [`SignatureVerifier::allow_unknown_revocation_status`]). Each list must verify with its
    /// issuer's key. A list past its nextUpdate is still used
    /// ([`SignatureVerifier::enforce_revocation_expiration`] refuses it). Call once per list
    /// (or give a PEM bundle); to take a newer list, build a new verifier.
    pub fn with_revocation_list(mut self, lists: &[u8]) -> Result<Self, CredentialError> {
        self.chains.add_revocation_lists(lists)?;
        Ok(self)
    }

    /// The same verifier, accepting a certificate of a chain whose revocation status no
    /// configured list gives (a CA whose list is not at hand), rather than refusing it.
    pub fn allow_unknown_revocation_status(mut self) -> Self {
        self.chains.revocation_mut().allow_unknown_status();
        self
    }

    /// The same verifier, refusing a chain whose revocation list is past its nextUpdate
    /// ([`ChainFailure::RevocationListExpired`]): for a caller that refreshes its lists and
    /// wants a stale one noticed.
    pub fn enforce_revocation_expiration(mut self) -> Self {
        self.chains.revocation_mut().enforce_expiration();
        self
    }

    /// The same verifier, checking the revocation of the signer's certificate only, not of
    /// the intermediates of its chain (for lists published for end entities only).
    pub fn only_check_end_entity_revocation(mut self) -> Self {
        self.chains.revocation_mut().only_end_entity();
        self
    }

    /// The same verifier, reading requests within `limits`.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The same verifier, tolerating clocks `skew` apart when checking the Timestamp.
    pub fn with_clock_skew(mut self, skew: Duration) -> Self {
        self.clock_skew = skew;
        self
    }

    /// Checks the signature of `envelope` (a complete SOAP message, UTF-8) now.
    pub fn verify(&self, envelope: &[u8]) -> Result<VerifiedSignature, SignatureError> {
        self.verify_at(envelope, SystemTime::now())
    }

    /// Checks the signature of `envelope` as at time `now`: the Timestamp's window, and the
    /// validity periods of a chain's certificates.
    pub fn verify_at(
        &self,
        envelope: &[u8],
        now: SystemTime,
    ) -> Result<VerifiedSignature, SignatureError> {
        let tree = parse_envelope(envelope, &self.limits)
            .map_err(|e| SignatureError::Malformed(e.to_string()))?;
        let parts = Parts::of(&tree)?;
        let security = parts.security.as_ref().ok_or(SignatureError::Missing {
            path: "Header/wsse:Security",
        })?;
        let body = parts
            .body
            .as_ref()
            .ok_or(SignatureError::Missing { path: "Body" })?;
        let signature = single(security, DS_NS, "Signature", "wsse:Security/ds:Signature")?;
        let timestamp = single(security, WSU_NS, "Timestamp", "wsse:Security/wsu:Timestamp")?;
        let signed_info = single(
            &signature,
            DS_NS,
            "SignedInfo",
            "ds:Signature/ds:SignedInfo",
        )?;

        // SignedInfo's canonicalization and signature method.
        let method = single(
            &signed_info,
            DS_NS,
            "CanonicalizationMethod",
            "ds:SignedInfo/ds:CanonicalizationMethod",
        )?;
        let info_prefixes = exclusive_c14n_prefixes(&method, "canonicalization method")?;
        let signature_method = single(
            &signed_info,
            DS_NS,
            "SignatureMethod",
            "ds:SignedInfo/ds:SignatureMethod",
        )?;
        let algorithm = verification_algorithm(signature_method.attribute("", "Algorithm"))?;

        // The references: each resolves to one element, whose digest matches.
        let mut covered: Vec<*const XmlElement> = Vec::new();
        for reference in signed_info
            .children()
            .filter(|c| c.namespace == DS_NS && c.local == "Reference")
        {
            let uri = reference.attribute("", "URI").unwrap_or_default();
            let id = uri
                .strip_prefix('#')
                .ok_or_else(|| SignatureError::Unsupported {
                    what: "reference (only `#id` within the message)",
                    value: uri.to_string(),
                })?;
            let mut found = elements_with_id(&tree, id);
            let target = match (found.pop(), found.is_empty()) {
                (Some(target), true) => target,
                (None, _) => {
                    return Err(SignatureError::Unresolved {
                        uri: uri.to_string(),
                        problem: "names no element with that wsu:Id",
                    })
                }
                (Some(_), false) => {
                    return Err(SignatureError::Unresolved {
                        uri: uri.to_string(),
                        problem: "names several elements with that wsu:Id",
                    })
                }
            };
            let transforms = single(
                &reference,
                DS_NS,
                "Transforms",
                "ds:Reference/ds:Transforms",
            )?;
            let transform = single(
                &transforms,
                DS_NS,
                "Transform",
                "ds:Reference/ds:Transforms/ds:Transform",
            )?;
            let prefixes = exclusive_c14n_prefixes(&transform, "transform")?;
            let digest_method = single(
                &reference,
                DS_NS,
                "DigestMethod",
                "ds:Reference/ds:DigestMethod",
            )?;
            let digest_uri = digest_method.attribute("", "Algorithm").unwrap_or_default();
            let digest = DigestAlgorithm::from_uri(digest_uri).ok_or_else(|| {
                SignatureError::Unsupported {
                    what: "digest method",
                    value: digest_uri.to_string(),
                }
            })?;
            let expected = single(
                &reference,
                DS_NS,
                "DigestValue",
                "ds:Reference/ds:DigestValue",
            )?;
            let expected = base64_of(&expected.text(), "ds:DigestValue")?;
            let prefixes: Vec<&str> = prefixes.iter().map(String::as_str).collect();
            let canonical = canonicalize_with(target.element, &target.inherited, &prefixes);
            let actual = ring::digest::digest(digest.ring(), &canonical);
            if !constant_time_eq(actual.as_ref(), &expected) {
                return Err(SignatureError::DigestMismatch {
                    uri: uri.to_string(),
                });
            }
            covered.push(target.element);
        }
        let covers = |e: &Located<'_>| covered.iter().any(|c| std::ptr::eq(*c, e.element));
        if !covers(body) {
            return Err(SignatureError::NotSigned("Body"));
        }
        if !covers(&timestamp) {
            return Err(SignatureError::NotSigned("Timestamp"));
        }

        // The key: the certificate the KeyInfo names, pinned or chaining to an anchor.
        let signer = signing_certificate(&self.known, security, &signature)?;
        let pinned = self
            .known
            .iter()
            .any(|k| k.pinned && k.der == signer.certificate);
        if !pinned {
            if !self.chains.has_anchors() {
                return Err(SignatureError::UntrustedCertificate);
            }
            self.chains.verify(&signer.certificate, &signer.sent, now)?;
        }
        let public_key = rsa_public_key(&signer.certificate).ok_or(SignatureError::NotRsaKey)?;
        let value = single(
            &signature,
            DS_NS,
            "SignatureValue",
            "ds:Signature/ds:SignatureValue",
        )?;
        let value = base64_of(&value.text(), "ds:SignatureValue")?;
        let info_prefixes: Vec<&str> = info_prefixes.iter().map(String::as_str).collect();
        let canonical =
            canonicalize_with(signed_info.element, &signed_info.inherited, &info_prefixes);
        ring::signature::UnparsedPublicKey::new(algorithm, public_key)
            .verify(&canonical, &value)
            .map_err(|_| SignatureError::BadSignature)?;

        // The Timestamp's window.
        let created = timestamp
            .child(WSU_NS, "Created")
            .ok_or(SignatureError::Missing {
                path: "wsu:Timestamp/wsu:Created",
            })?
            .text();
        let created = created.trim().to_string();
        let created_at = parse_utc(&created).ok_or(SignatureError::InvalidTime("Created"))?;
        if created_at > now + self.clock_skew {
            return Err(SignatureError::CreatedInTheFuture { created });
        }
        let expires = match timestamp.child(WSU_NS, "Expires") {
            None => None,
            Some(expires) => {
                let expires = expires.text().trim().to_string();
                let expires_at =
                    parse_utc(&expires).ok_or(SignatureError::InvalidTime("Expires"))?;
                if expires_at + self.clock_skew <= now {
                    return Err(SignatureError::Expired { expires });
                }
                Some(expires)
            }
        };
        Ok(VerifiedSignature {
            certificate: signer.certificate,
            created,
            expires,
        })
    }
}

/// The one child `local` in `namespace` of `parent`: missing or repeated is an error naming
/// `path`.
pub(super) fn single<'e>(
    parent: &Located<'e>,
    namespace: &str,
    local: &str,
    path: &'static str,
) -> Result<Located<'e>, SignatureError> {
    let mut found = parent
        .children()
        .filter(|c| c.namespace == namespace && c.local == local);
    let first = found.next().ok_or(SignatureError::Missing { path })?;
    if found.next().is_some() {
        return Err(SignatureError::Repeated(path));
    }
    Ok(first)
}

/// The InclusiveNamespaces prefixes of an exclusive-canonicalization `method` (a
/// `CanonicalizationMethod` or a `Transform`), `""` for `#default`; another algorithm is an
/// error.
fn exclusive_c14n_prefixes(
    method: &Located<'_>,
    what: &'static str,
) -> Result<Vec<String>, SignatureError> {
    let algorithm = method.attribute("", "Algorithm").unwrap_or_default();
    if algorithm != EXCLUSIVE_C14N {
        return Err(SignatureError::Unsupported {
            what,
            value: algorithm.to_string(),
        });
    }
    let Some(inclusive) = method.child(EXCLUSIVE_C14N, "InclusiveNamespaces") else {
        return Ok(Vec::new());
    };
    Ok(inclusive
        .attribute("", "PrefixList")
        .unwrap_or_default()
        .split_ascii_whitespace()
        .map(|p| if p == "#default" { "" } else { p }.to_string())
        .collect())
}

/// The `ring` algorithm of a `SignatureMethod` URI.
fn verification_algorithm(
    uri: Option<&str>,
) -> Result<&'static ring::signature::RsaParameters, SignatureError> {
    use ring::signature as s;
    match uri.unwrap_or_default() {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" => Ok(&s::RSA_PKCS1_2048_8192_SHA256),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" => Ok(&s::RSA_PKCS1_2048_8192_SHA384),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => Ok(&s::RSA_PKCS1_2048_8192_SHA512),
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1" => {
            Ok(&s::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY)
        }
        other => Err(SignatureError::Unsupported {
            what: "signature method",
            value: other.to_string(),
        }),
    }
}

/// The bytes of base64 `text`, whitespace (line breaks) ignored.
pub(super) fn base64_of(text: &str, what: &'static str) -> Result<Vec<u8>, SignatureError> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|_| SignatureError::NotBase64 { what })
}

/// Every element of `root`'s tree whose `wsu:Id` is `id`, with its inherited bindings; walked
/// without recursion, so any depth the reader accepted is fine.
fn elements_with_id<'e>(root: &'e XmlElement, id: &str) -> Vec<Located<'e>> {
    let mut found = Vec::new();
    let mut scope: Vec<(String, String)> = Vec::new();
    // Each open element: its remaining children, and the scope's length before its bindings.
    let mut open: Vec<(std::slice::Iter<'e, XmlNode>, usize)> = Vec::new();
    let mut visit = |element: &'e XmlElement,
                     scope: &mut Vec<(String, String)>,
                     open: &mut Vec<(std::slice::Iter<'e, XmlNode>, usize)>| {
        if element.attribute(WSU_NS, "Id") == Some(id) {
            found.push(Located {
                element,
                inherited: scope.clone(),
            });
        }
        open.push((element.children.iter(), scope.len()));
        scope.extend(element.namespaces.iter().cloned());
    };
    visit(root, &mut scope, &mut open);
    while let Some((children, before)) = open.last_mut() {
        match children.next() {
            Some(XmlNode::Element(child)) => visit(child, &mut scope, &mut open),
            Some(XmlNode::Text(_)) => {}
            None => {
                scope.truncate(*before);
                open.pop();
            }
        }
    }
    found
}

/// `text` as a UTC `xs:dateTime` (`2026-12-07T08:05:02.383Z`, fraction optional, `Z` or
/// `+00:00`).
fn parse_utc(text: &str) -> Option<SystemTime> {
    let text = text
        .strip_suffix('Z')
        .or_else(|| text.strip_suffix("+00:00"))?;
    let (date, time) = text.split_once('T')?;
    let mut date_parts = date.splitn(3, '-');
    let year: i32 = date_parts.next()?.parse().ok()?;
    let month: u8 = date_parts.next()?.parse().ok()?;
    let day: u8 = date_parts.next()?.parse().ok()?;
    let (clock, fraction) = match time.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (time, None),
    };
    let mut clock_parts = clock.splitn(3, ':');
    let hour: u8 = clock_parts.next()?.parse().ok()?;
    let minute: u8 = clock_parts.next()?.parse().ok()?;
    let second: u8 = clock_parts.next()?.parse().ok()?;
    let nanos = match fraction {
        None => 0,
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            let padded: String = digits
                .chars()
                .chain(std::iter::repeat('0'))
                .take(9)
                .collect();
            padded.parse::<u32>().ok()?
        }
        Some(_) => return None,
    };
    let date =
        time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()?;
    let clock = time::Time::from_hms(hour, minute, second).ok()?;
    let seconds = time::PrimitiveDateTime::new(date, clock)
        .assume_utc()
        .unix_timestamp();
    let seconds = u64::try_from(seconds).ok()?;
    Some(UNIX_EPOCH + Duration::from_secs(seconds) + Duration::from_nanos(u64::from(nanos)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times_parse_and_others_do_not() {
        let at = |s: u64, ms: u64| UNIX_EPOCH + Duration::from_secs(s) + Duration::from_millis(ms);
        assert_eq!(parse_utc("1970-01-01T00:00:00Z"), Some(at(0, 0)));
        assert_eq!(
            parse_utc("2026-12-06T11:28:49.123Z"),
            Some(at(1_796_556_529, 123))
        );
        assert_eq!(
            parse_utc("2026-12-06T11:28:49+00:00"),
            Some(at(1_796_556_529, 0))
        );
        for bad in [
            "",
            "2026-12-06T11:28:49",
            "2026-12-06T11:28:49+01:00",
            "2026-13-06T11:28:49Z",
            "2026-12-06T25:28:49Z",
            "2026-12-06T11:28:49.Z",
            "2026-12-06T11:28:49.1x2Z",
            "x-12-06T11:28:49Z",
        ] {
            assert_eq!(parse_utc(bad), None, "{bad}");
        }
    }
}
