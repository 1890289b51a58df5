//! Trusting a signer through its certificate chain: the signer's certificate (the leaf) is
//! accepted when it chains, through intermediates sent in the message or configured, to one of
//! the trust anchors (CA certificates), every certificate valid at the verification time, and
//! when its key usage allows signing documents.
//!
//! The chain is built and checked by `rustls-webpki` (the path builder rustls uses: issuer
//! signatures, validity periods, basic constraints, path length and name constraints); this
//! module adds what WS-Security needs and a TLS check does not: the leaf's keyUsage must
//! allow `digitalSignature` or `nonRepudiation` when present, and any extended key usage is
//! accepted (a signing certificate's EKU is not a TLS server's or client's).
//!
//! Trust anchors are taken as they are (their own validity period is not checked, as in
//! RFC 5280's path validation). Revocation is checked against the certificate revocation
//! lists (CRLs) configured, when there are any, as rustls checks client certificates: every
//! certificate of the chain must be covered by a list its issuer signed, unless told to allow
//! an unknown status; a list past its nextUpdate is still used unless told to refuse it. OCSP
//! is not asked (a message's verification does not go out to the network).

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use rustls_pki_types::pem::PemObject as _;
use rustls_pki_types::{CertificateDer, CertificateRevocationListDer, TrustAnchor, UnixTime};
use webpki::{
    CertRevocationList, EndEntityCert, ExpirationPolicy, ExtendedKeyUsageValidator,
    KeyPurposeIdIter, OwnedCertRevocationList, RevocationCheckDepth, RevocationOptionsBuilder,
    UnknownStatusPolicy,
};

use super::der::{key_usage, subject_attributes, validity, KeyUsage};
use super::distinguished_name::display_name;
use super::verify::SignatureError;
use super::x509::CredentialError;

/// Why a signing certificate does not chain to a trust anchor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainFailure {
    /// A certificate of the chain (named by its subject) expired before the verification
    /// time.
    #[error("the certificate `{certificate}` expired at {not_after}")]
    Expired {
        /// The expired certificate's subject.
        certificate: String,
        /// Its notAfter (UTC).
        not_after: String,
    },
    /// A certificate of the chain (named by its subject) is not valid yet.
    #[error("the certificate `{certificate}` is not valid before {not_before}")]
    NotYetValid {
        /// The certificate's subject.
        certificate: String,
        /// Its notBefore (UTC).
        not_before: String,
    },
    /// No issuer leads from the certificate to a trust anchor: its issuer is neither an anchor
    /// nor an intermediate sent or configured.
    #[error("it does not chain to a trust anchor (unknown issuer)")]
    UnknownIssuer,
    /// A certificate's signature does not verify with its issuer's key.
    #[error("a certificate of its chain is not signed by its issuer's key")]
    BadSignature,
    /// The certificate may not sign messages (`what` says why).
    #[error("wrong usage: {0}")]
    WrongUsage(&'static str),
    /// A certificate of the chain is signed with an algorithm not supported.
    #[error(
        "a certificate of its chain is signed with an unsupported algorithm (supported: RSA \
         PKCS#1 v1.5 and PSS with SHA-256, -384 or -512, ECDSA P-256 and P-384, Ed25519)"
    )]
    UnsupportedAlgorithm,
    /// A certificate of the chain is not valid DER X.509.
    #[error("a certificate of its chain is malformed ({0})")]
    Malformed(String),
    /// A certificate of the chain is revoked by a configured revocation list.
    #[error("it or a certificate of its chain is revoked")]
    Revoked,
    /// Revocation lists are configured, but none covers a certificate of the chain (none
    /// signed by its issuer).
    #[error(
        "the revocation status of a certificate of its chain is unknown (no revocation list \
         configured is its issuer's)"
    )]
    RevocationStatusUnknown,
    /// The revocation list of a certificate's issuer is past its nextUpdate, and expired
    /// lists are refused.
    #[error("the revocation list of a certificate of its chain expired at {next_update}")]
    RevocationListExpired {
        /// The list's nextUpdate (UTC).
        next_update: String,
    },
    /// A configured revocation list cannot be trusted for a certificate of the chain: its
    /// signature does not verify with the issuer's key, or the issuer may not sign lists.
    #[error("a revocation list of its chain is not trustworthy ({0})")]
    BadRevocationList(&'static str),
    /// Another reason the chain check gave (path too long, name constraints, ...).
    #[error("{0}")]
    Other(String),
}

/// The trust anchors and configured intermediates of a
/// [`SignatureVerifier`](super::SignatureVerifier).
#[derive(Debug, Clone, Default)]
pub(crate) struct Chains {
    anchors: Vec<TrustAnchor<'static>>,
    intermediates: Vec<CertificateDer<'static>>,
    revocation: Revocation,
}

/// The revocation lists a chain is checked against, and how.
#[derive(Debug, Clone, Default)]
pub(crate) struct Revocation {
    lists: Vec<Arc<CertRevocationList<'static>>>,
    /// Only the signer's certificate is checked, not the intermediates.
    end_entity_only: bool,
    /// A certificate no list covers is accepted.
    allow_unknown: bool,
    /// A list past its nextUpdate is refused.
    enforce_expiration: bool,
}

impl Revocation {
    /// Makes only the signer's certificate checked.
    pub(crate) fn only_end_entity(&mut self) {
        self.end_entity_only = true;
    }

    /// Makes a certificate no list covers accepted.
    pub(crate) fn allow_unknown_status(&mut self) {
        self.allow_unknown = true;
    }

    /// Makes a list past its nextUpdate refused.
    pub(crate) fn enforce_expiration(&mut self) {
        self.enforce_expiration = true;
    }
}

impl Chains {
    /// Whether any trust anchor is configured (without one, no chain is trusted).
    pub(crate) fn has_anchors(&self) -> bool {
        !self.anchors.is_empty()
    }

    /// Adds the trust anchors in `certificates` (DER, or PEM with one or more `CERTIFICATE`
    /// blocks).
    pub(crate) fn add_anchors(&mut self, certificates: &[u8]) -> Result<(), CredentialError> {
        for der in certificates_of(certificates)? {
            let anchor = webpki::anchor_from_trusted_cert(&der)
                .map_err(|error| CredentialError::InvalidCertificate {
                    reason: format!("not a trust anchor: {error}"),
                })?
                .to_owned();
            self.anchors.push(anchor);
        }
        Ok(())
    }

    /// Adds the certificate revocation lists in `lists` (DER, or PEM with one or more `X509
    /// CRL` blocks).
    pub(crate) fn add_revocation_lists(&mut self, lists: &[u8]) -> Result<(), CredentialError> {
        let invalid = |reason: String| CredentialError::InvalidRevocationList { reason };
        let ders: Vec<CertificateRevocationListDer<'static>> = if lists.first() == Some(&0x30) {
            vec![CertificateRevocationListDer::from(lists.to_vec())]
        } else {
            CertificateRevocationListDer::pem_slice_iter(lists)
                .collect::<Result<_, _>>()
                .map_err(|error| invalid(error.to_string()))?
        };
        if ders.is_empty() {
            return Err(invalid(String::from("no X509 CRL block in the PEM text")));
        }
        for der in ders {
            let list = OwnedCertRevocationList::from_der(der.as_ref())
                .map_err(|error| invalid(format!("{error:?}")))?;
            self.revocation.lists.push(Arc::new(list.into()));
        }
        Ok(())
    }

    /// How revocation is checked (once lists are added).
    pub(crate) fn revocation_mut(&mut self) -> &mut Revocation {
        &mut self.revocation
    }

    /// Adds the intermediate certificates in `certificates` (DER, or PEM with one or more
    /// `CERTIFICATE` blocks).
    pub(crate) fn add_intermediates(
        &mut self,
        certificates: &[u8],
    ) -> Result<Vec<Vec<u8>>, CredentialError> {
        let added = certificates_of(certificates)?;
        for der in &added {
            EndEntityCert::try_from(der).map_err(|error| CredentialError::InvalidCertificate {
                reason: format!("not an X.509 certificate: {error}"),
            })?;
        }
        self.intermediates.extend(added.iter().cloned());
        Ok(added.into_iter().map(|der| der.as_ref().to_vec()).collect())
    }

    /// Checks that `leaf` (DER) chains to an anchor through `sent` (certificates the message
    /// carried) and the configured intermediates, at `now`, and may sign.
    pub(crate) fn verify(
        &self,
        leaf: &[u8],
        sent: &[Vec<u8>],
        now: SystemTime,
    ) -> Result<(), SignatureError> {
        let refused = |reason: ChainFailure| SignatureError::UntrustedChain {
            subject: subject_of(leaf),
            reason,
        };
        match key_usage(leaf) {
            None => {
                return Err(refused(ChainFailure::Malformed(String::from(
                    "the signing certificate cannot be read",
                ))))
            }
            Some(KeyUsage::Present { signs: false }) => {
                return Err(refused(ChainFailure::WrongUsage(
                    "its key usage allows neither digitalSignature nor nonRepudiation",
                )))
            }
            Some(KeyUsage::Present { signs: true } | KeyUsage::Absent) => {}
        }
        let leaf_der = CertificateDer::from(leaf);
        let end_entity = EndEntityCert::try_from(&leaf_der)
            .map_err(|error| refused(failure(error, leaf, sent, &self.intermediates)))?;
        let mut intermediates: Vec<CertificateDer<'_>> = sent
            .iter()
            .filter(|c| c.as_slice() != leaf)
            .map(|c| CertificateDer::from(c.as_slice()))
            .collect();
        intermediates.extend(self.intermediates.iter().cloned());
        let since_epoch = now.duration_since(UNIX_EPOCH).unwrap_or_default();
        let revocation = &self.revocation;
        let lists: Vec<&CertRevocationList<'_>> = revocation.lists.iter().map(|l| &**l).collect();
        // `Err` (no list configured) means no revocation check.
        let options = RevocationOptionsBuilder::new(&lists).ok().map(|options| {
            options
                .with_depth(if revocation.end_entity_only {
                    RevocationCheckDepth::EndEntity
                } else {
                    RevocationCheckDepth::Chain
                })
                .with_status_policy(if revocation.allow_unknown {
                    UnknownStatusPolicy::Allow
                } else {
                    UnknownStatusPolicy::Deny
                })
                .with_expiration_policy(if revocation.enforce_expiration {
                    ExpirationPolicy::Enforce
                } else {
                    ExpirationPolicy::Ignore
                })
                .build()
        });
        end_entity
            .verify_for_usage(
                webpki::ALL_VERIFICATION_ALGS,
                &self.anchors,
                &intermediates,
                UnixTime::since_unix_epoch(since_epoch),
                AnyExtendedKeyUsage,
                options,
                None,
            )
            .map(|_| ())
            .map_err(|error| refused(failure(error, leaf, sent, &self.intermediates)))
    }
}

/// The certificates (DER) of `input`: DER as it is, or every `CERTIFICATE` block of PEM.
fn certificates_of(input: &[u8]) -> Result<Vec<CertificateDer<'static>>, CredentialError> {
    if input.first() == Some(&0x30) {
        return Ok(vec![CertificateDer::from(input.to_vec())]);
    }
    let certificates = CertificateDer::pem_slice_iter(input)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| CredentialError::InvalidCertificate {
            reason: error.to_string(),
        })?;
    if certificates.is_empty() {
        return Err(CredentialError::InvalidCertificate {
            reason: String::from("no CERTIFICATE block"),
        });
    }
    Ok(certificates)
}

/// Accepts any extended key usage (or none): WS-Security names no EKU for signing messages,
/// and signing certificates carry various ones (clientAuth, emailProtection, documentSigning).
/// A malformed EKU extension is still refused.
struct AnyExtendedKeyUsage;

impl ExtendedKeyUsageValidator for AnyExtendedKeyUsage {
    fn validate(&self, purposes: KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        for purpose in purposes {
            purpose?;
        }
        Ok(())
    }
}

/// The subject of `certificate` (DER) for an error message.
fn subject_of(certificate: &[u8]) -> String {
    subject_attributes(certificate).map_or_else(
        || String::from("(unreadable subject)"),
        |attributes| display_name(&attributes),
    )
}

/// What `error` means for a signer, naming the certificate whose validity failed when it is
/// one of `leaf`, `sent` and `configured`.
fn failure(
    error: webpki::Error,
    leaf: &[u8],
    sent: &[Vec<u8>],
    configured: &[CertificateDer<'static>],
) -> ChainFailure {
    use webpki::Error as E;
    // The certificate among the candidates whose validity `matches`.
    let named = |matches: &dyn Fn((i64, i64)) -> bool| {
        std::iter::once(leaf)
            .chain(sent.iter().map(Vec::as_slice))
            .chain(configured.iter().map(|c| c.as_ref()))
            .find(|c| validity(c).is_some_and(matches))
            .map_or_else(|| String::from("(a certificate of the chain)"), subject_of)
    };
    match error {
        E::CertExpired { not_after, .. } => {
            let seconds = seconds_of(not_after);
            ChainFailure::Expired {
                certificate: named(&|(_, after)| after == seconds),
                not_after: utc_text(seconds),
            }
        }
        E::CertNotValidYet { not_before, .. } => {
            let seconds = seconds_of(not_before);
            ChainFailure::NotYetValid {
                certificate: named(&|(before, _)| before == seconds),
                not_before: utc_text(seconds),
            }
        }
        E::UnknownIssuer => ChainFailure::UnknownIssuer,
        E::CertRevoked => ChainFailure::Revoked,
        E::UnknownRevocationStatus => ChainFailure::RevocationStatusUnknown,
        E::CrlExpired { next_update, .. } => ChainFailure::RevocationListExpired {
            next_update: utc_text(seconds_of(next_update)),
        },
        E::InvalidCrlSignatureForPublicKey => {
            ChainFailure::BadRevocationList("its signature does not verify with its issuer's key")
        }
        E::IssuerNotCrlSigner => ChainFailure::BadRevocationList(
            "its issuer's key usage does not allow signing revocation lists",
        ),
        E::InvalidSignatureForPublicKey => ChainFailure::BadSignature,
        E::CaUsedAsEndEntity => {
            ChainFailure::WrongUsage("it is a CA certificate (basicConstraints cA), not a signer's")
        }
        E::EndEntityUsedAsCa => ChainFailure::WrongUsage(
            "an intermediate of its chain is not a CA certificate (basicConstraints)",
        ),
        E::EmptyEkuExtension | E::RequiredEkuNotFoundContext(_) => {
            ChainFailure::WrongUsage("its extended key usage is malformed")
        }
        E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
            ChainFailure::UnsupportedAlgorithm
        }
        E::BadDer
        | E::BadDerTime
        | E::TrailingData(_)
        | E::InvalidCertValidity
        | E::InvalidSerialNumber
        | E::MalformedExtensions
        | E::ExtensionValueInvalid
        | E::UnsupportedCriticalExtension
        | E::UnsupportedCertVersion => ChainFailure::Malformed(format!("{error:?}")),
        other => ChainFailure::Other(format!("{other:?}")),
    }
}

/// A webpki time in seconds since the Unix epoch.
fn seconds_of(time: UnixTime) -> i64 {
    i64::try_from(time.as_secs()).unwrap_or(i64::MAX)
}

/// `seconds` since the Unix epoch as `2026-12-07T13:33:23Z`.
fn utc_text(seconds: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(seconds) {
        Ok(at) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            at.year(),
            u8::from(at.month()),
            at.day(),
            at.hour(),
            at.minute(),
            at.second()
        ),
        Err(_) => format!("{seconds} seconds after 1970"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_utc() {
        assert_eq!(utc_text(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_text(2_524_607_999), "2049-12-31T23:59:59Z");
        assert_eq!(
            utc_text(i64::MAX),
            format!("{} seconds after 1970", i64::MAX)
        );
    }

    #[test]
    fn what_is_no_certificate_is_refused_as_an_anchor() {
        let mut chains = Chains::default();
        assert!(chains.add_anchors(b"").is_err());
        assert!(chains.add_anchors(&[0x30, 0x03, 0x02, 0x01, 0x00]).is_err());
        assert!(chains
            .add_anchors(b"-----BEGIN CERTIFICATE-----\n%%\n")
            .is_err());
        assert!(chains.add_intermediates(b"not pem").is_err());
        assert!(chains
            .add_intermediates(&[0x30, 0x03, 0x02, 0x01, 0x00])
            .is_err());
        assert!(!chains.has_anchors());
    }

    #[test]
    fn hostile_leaves_are_refused_with_a_reason() {
        let chains = Chains::default();
        for leaf in [
            &b""[..],
            &[0x30],
            &[0x30, 0x00],
            &[0x30, 0x84, 0xff, 0xff, 0xff, 0xff],
        ] {
            let error = chains.verify(leaf, &[], SystemTime::now()).unwrap_err();
            assert!(
                matches!(error, SignatureError::UntrustedChain { .. }),
                "{error:?}"
            );
        }
    }
}
