//! The signing credentials of WS-Security X.509 signatures (a client's requests, a server's
//! answers): a certificate and its RSA private key, with the algorithms to sign with.
//!
//! The private key never appears in `Debug` output or errors.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use ring::signature::RsaKeyPair;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::PrivateKeyDer;

use super::x509::{certificate_der, CredentialError, DigestAlgorithm};
use crate::secret::Hidden;

/// The algorithm of the signature over `ds:SignedInfo` (`ds:SignatureMethod`).
///
/// RSA with SHA-1 (`xmldsig#rsa-sha1`) is accepted when verifying but cannot be signed with:
/// `ring`, the cryptography the runtime builds on, signs RSA with SHA-2 only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256 (`xmldsig-more#rsa-sha256`), the default: what WCF's
    /// `Basic256Sha256` and current WSS4J policies ask for.
    RsaSha256,
    /// RSASSA-PKCS1-v1_5 with SHA-512 (`xmldsig-more#rsa-sha512`).
    RsaSha512,
}

impl SignatureAlgorithm {
    /// The algorithm's URI.
    pub fn uri(self) -> &'static str {
        match self {
            SignatureAlgorithm::RsaSha256 => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            SignatureAlgorithm::RsaSha512 => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
        }
    }

    pub(crate) fn encoding(self) -> &'static dyn ring::signature::RsaEncoding {
        match self {
            SignatureAlgorithm::RsaSha256 => &ring::signature::RSA_PKCS1_SHA256,
            SignatureAlgorithm::RsaSha512 => &ring::signature::RSA_PKCS1_SHA512,
        }
    }
}

/// A certificate and its RSA private key that sign every request of a client
/// (`Client::with_x509_signature`), every answer of a server
/// (`RequireSignature::with_signed_answers`), or any envelope
/// ([`X509Signature::sign_envelope`]).
///
/// Each message then carries a `wsse:Security` header (`mustUnderstand`) with a
/// `wsu:Timestamp`, the certificate as a `wsse:BinarySecurityToken` and a `ds:Signature` over
/// the `Body` and the `Timestamp` (exclusive canonicalization, RSA-SHA256 and SHA-256 digests
/// unless set otherwise), whose `KeyInfo` refers to the token.
///
/// `Debug` shows the algorithms and the certificate's size, never the key.
#[derive(Clone)]
pub struct X509Signature {
    pub(crate) certificate: Vec<u8>,
    pub(crate) key: Arc<RsaKeyPair>,
    pub(crate) signature_algorithm: SignatureAlgorithm,
    pub(crate) digest_algorithm: DigestAlgorithm,
    pub(crate) time_to_live: Duration,
}

impl fmt::Debug for X509Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("X509Signature")
            .field(
                "certificate",
                &format_args!("<{} bytes DER>", self.certificate.len()),
            )
            .field("key", &Hidden)
            .field("signature_algorithm", &self.signature_algorithm)
            .field("digest_algorithm", &self.digest_algorithm)
            .field("time_to_live", &self.time_to_live)
            .finish()
    }
}

impl X509Signature {
    /// Signing with `certificate` (DER, or PEM with a `CERTIFICATE` block: the first one is
    /// the signer's) and its RSA `private_key` (PKCS#8 or PKCS#1, DER or PEM); RSA-SHA256,
    /// SHA-256 digests and a Timestamp valid for five minutes.
    pub fn new(certificate: &[u8], private_key: &[u8]) -> Result<Self, CredentialError> {
        let certificate = certificate_der(certificate)?;
        let key = key_pair(private_key)?;
        // The certificate's SubjectPublicKeyInfo holds the RSAPublicKey DER `ring` gives.
        if memchr::memmem::find(&certificate, key.public().as_ref()).is_none() {
            return Err(CredentialError::KeyDoesNotMatchCertificate);
        }
        Ok(X509Signature {
            certificate,
            key: Arc::new(key),
            signature_algorithm: SignatureAlgorithm::RsaSha256,
            digest_algorithm: DigestAlgorithm::Sha256,
            time_to_live: Duration::from_secs(300),
        })
    }

    /// The same credentials, signing with `algorithm`.
    pub fn with_signature_algorithm(mut self, algorithm: SignatureAlgorithm) -> Self {
        self.signature_algorithm = algorithm;
        self
    }

    /// The same credentials, digesting the signed elements with `algorithm`.
    pub fn with_digest_algorithm(mut self, algorithm: DigestAlgorithm) -> Self {
        self.digest_algorithm = algorithm;
        self
    }

    /// The same credentials, with a `wsu:Timestamp` that expires `time_to_live` after the
    /// request is written.
    pub fn with_time_to_live(mut self, time_to_live: Duration) -> Self {
        self.time_to_live = time_to_live;
        self
    }

    /// The certificate, as DER.
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate
    }
}

/// The RSA key pair of `input`: PKCS#8 or PKCS#1, DER or PEM. Errors name no content.
fn key_pair(input: &[u8]) -> Result<RsaKeyPair, CredentialError> {
    let invalid = |reason| CredentialError::InvalidKey { reason };
    let parsed = if input.first() == Some(&0x30) {
        // DER: PKCS#8 first, PKCS#1 (RSAPrivateKey) otherwise.
        RsaKeyPair::from_pkcs8(input).or_else(|_| RsaKeyPair::from_der(input))
    } else {
        match PrivateKeyDer::from_pem_slice(input) {
            Ok(PrivateKeyDer::Pkcs8(der)) => RsaKeyPair::from_pkcs8(der.secret_pkcs8_der()),
            Ok(PrivateKeyDer::Pkcs1(der)) => RsaKeyPair::from_der(der.secret_pkcs1_der()),
            Ok(_) => return Err(invalid("the PEM key is not an RSA key (SEC1 is elliptic)")),
            Err(_) => return Err(invalid("no PEM private key block was found")),
        }
    };
    parsed.map_err(|_| invalid("ring refused the key (not RSA, or malformed, or too small)"))
}
