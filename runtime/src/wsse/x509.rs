//! What signing and verifying WS-Security X.509 signatures share: the URIs of tokens and
//! digests, reading a certificate, and the errors of credentials.

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;

/// The `ValueType` of an X.509 v3 `wsse:BinarySecurityToken` (and of a reference to one).
pub const X509_V3: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
/// The `ValueType` of a `wsse:BinarySecurityToken` holding a certificate chain as a PkiPath
/// (a DER SEQUENCE of certificates, the signer's last): WSS4J's, when told to send the chain.
pub const X509_PKI_PATH_V1: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509PKIPathv1";
/// The XML Signature namespace (`ds`).
pub const DS_NS: &str = "http://www.w3.org/2000/09/xmldsig#";

/// The digest of each signed element (`ds:DigestMethod`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestAlgorithm {
    /// SHA-256 (`xmlenc#sha256`), the default.
    Sha256,
    /// SHA-1 (`xmldsig#sha1`), for old servers (WCF's `Basic256`, WSS4J's defaults before 2.0).
    Sha1,
    /// SHA-512 (`xmlenc#sha512`).
    Sha512,
}

impl DigestAlgorithm {
    /// The algorithm's URI.
    pub fn uri(self) -> &'static str {
        match self {
            DigestAlgorithm::Sha256 => "http://www.w3.org/2001/04/xmlenc#sha256",
            DigestAlgorithm::Sha1 => "http://www.w3.org/2000/09/xmldsig#sha1",
            DigestAlgorithm::Sha512 => "http://www.w3.org/2001/04/xmlenc#sha512",
        }
    }

    /// The algorithm a `ds:DigestMethod` URI names, if it is one of these.
    pub fn from_uri(uri: &str) -> Option<Self> {
        [
            DigestAlgorithm::Sha256,
            DigestAlgorithm::Sha1,
            DigestAlgorithm::Sha512,
        ]
        .into_iter()
        .find(|a| a.uri() == uri)
    }

    pub(crate) fn ring(self) -> &'static ring::digest::Algorithm {
        match self {
            DigestAlgorithm::Sha256 => &ring::digest::SHA256,
            DigestAlgorithm::Sha1 => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
            DigestAlgorithm::Sha512 => &ring::digest::SHA512,
        }
    }
}

/// Why a certificate or private key was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    /// The certificate is neither DER nor a PEM `CERTIFICATE`.
    #[error("the X.509 certificate is neither DER nor a PEM CERTIFICATE: {reason}")]
    InvalidCertificate {
        /// What is wrong with it.
        reason: String,
    },
    /// The private key is not an RSA key in PKCS#8 or PKCS#1, as DER or PEM. The key itself
    /// is never shown.
    #[error("the private key is not an RSA key in PKCS#8 or PKCS#1 (DER or PEM): {reason}")]
    InvalidKey {
        /// What is wrong with it, without any of the key's content.
        reason: &'static str,
    },
    /// The certificate does not hold the private key's public key.
    #[error("the X.509 certificate does not hold the public key of the private key given")]
    KeyDoesNotMatchCertificate,
    /// A certificate revocation list is neither DER nor PEM `X509 CRL`, or is of a kind not
    /// supported (a delta CRL, a version-1 CRL, one without nextUpdate).
    #[error("the certificate revocation list is not usable: {reason}")]
    InvalidRevocationList {
        /// What is wrong with it.
        reason: String,
    },
}

/// The DER of `input`: DER as it is, or the first `CERTIFICATE` block of PEM.
pub(crate) fn certificate_der(input: &[u8]) -> Result<Vec<u8>, CredentialError> {
    if input.first() == Some(&0x30) {
        return Ok(input.to_vec());
    }
    CertificateDer::from_pem_slice(input)
        .map(|der| der.as_ref().to_vec())
        .map_err(|error| CredentialError::InvalidCertificate {
            reason: error.to_string(),
        })
}
