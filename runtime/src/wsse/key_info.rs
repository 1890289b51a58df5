//! Finding the trusted certificate a signature's `ds:KeyInfo` names, in the ways WS-Security
//! senders name it (X.509 Token Profile 1.1, section 3.2):
//!
//! - a `wsse:SecurityTokenReference` to a `wsse:BinarySecurityToken` of the same header (our
//!   client, zeep's `BinarySignature`, WSS4J's `DirectReference`);
//! - a `wsse:SecurityTokenReference` with a `wsse:KeyIdentifier`: the certificate's SHA-1
//!   thumbprint (`ThumbprintSHA1`, WCF's and WSS4J's `Thumbprint`), its subject key identifier
//!   (`X509SubjectKeyIdentifier`, WSS4J's `SKIKeyIdentifier`) or the certificate itself
//!   (`X509v3`);
//! - a `ds:X509Data`, inside a `wsse:SecurityTokenReference` or directly in the KeyInfo, with
//!   an `X509IssuerSerial` (zeep's `Signature`, WSS4J's `IssuerSerial`, WCF's default for
//!   MutualCertificate), an `X509SKI` and/or `X509Certificate`s.
//!
//! Whatever names the certificate, it is looked up among the trusted ones only: a name that
//! matches none is an error ([`SignatureError::UnknownKey`]), and a certificate carried in the
//! message is used only when it is byte for byte a trusted one.

use super::der::{issuer_attributes, rsa_public_key, serial_number, subject_key_identifier};
use super::distinguished_name::{parse_distinguished_name, string_value, DistinguishedName};
use super::envelope_parts::Located;
use super::verify::{base64_of, single, SignatureError};
use super::x509::{CredentialError, DS_NS, X509_V3};
use super::{WSSE_NS, WSU_NS};

/// The `ValueType` of a `wsse:KeyIdentifier` holding a certificate's SHA-1 thumbprint.
pub const THUMBPRINT_SHA1: &str =
    "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#ThumbprintSHA1";
/// The `ValueType` of a `wsse:KeyIdentifier` holding a certificate's subject key identifier.
pub const X509_SUBJECT_KEY_IDENTIFIER: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509SubjectKeyIdentifier";

/// A trusted certificate: its DER, its RSA key, and the names a KeyInfo may give it.
#[derive(Debug, Clone)]
pub(crate) struct Trusted {
    /// The certificate (DER).
    pub(crate) der: Vec<u8>,
    /// Its `RSAPublicKey` (PKCS#1 DER).
    pub(crate) public_key: Vec<u8>,
    thumbprint: Vec<u8>,
    subject_key_identifier: Option<Vec<u8>>,
    serial: Option<Vec<u8>>,
    issuer: Option<DistinguishedName>,
}

impl Trusted {
    /// The trusted certificate `der`, whose key must be RSA.
    pub(crate) fn new(der: Vec<u8>) -> Result<Self, CredentialError> {
        let public_key = rsa_public_key(&der)
            .ok_or_else(|| CredentialError::InvalidCertificate {
                reason: String::from("not a DER certificate with an RSA key"),
            })?
            .to_vec();
        let thumbprint = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &der)
            .as_ref()
            .to_vec();
        let issuer = issuer_attributes(&der).and_then(|attributes| {
            attributes
                .into_iter()
                .map(|(oid, tag, content)| Some((oid, string_value(tag, content)?)))
                .collect::<Option<Vec<_>>>()
                .map(DistinguishedName::new)
        });
        Ok(Trusted {
            subject_key_identifier: subject_key_identifier(&der),
            serial: serial_number(&der),
            issuer,
            thumbprint,
            public_key,
            der,
        })
    }
}

/// The trusted certificate (an index into `trusted`) the KeyInfo of `signature` names; the
/// tokens it may refer to are in `security`.
pub(crate) fn signing_certificate(
    trusted: &[Trusted],
    security: &Located<'_>,
    signature: &Located<'_>,
) -> Result<usize, SignatureError> {
    let key_info = single(signature, DS_NS, "KeyInfo", "ds:Signature/ds:KeyInfo")?;
    let mut names = key_info.children().filter(|c| {
        (c.namespace == WSSE_NS && c.local == "SecurityTokenReference")
            || (c.namespace == DS_NS && c.local == "X509Data")
    });
    let name = names.next().ok_or(SignatureError::Missing {
        path: "ds:KeyInfo/wsse:SecurityTokenReference",
    })?;
    if names.next().is_some() {
        return Err(SignatureError::Repeated(
            "ds:KeyInfo/wsse:SecurityTokenReference or ds:X509Data",
        ));
    }
    if name.local == "X509Data" {
        return by_x509_data(trusted, &name);
    }
    let mut references = name.children();
    let reference = references.next().ok_or(SignatureError::Missing {
        path: "wsse:SecurityTokenReference/wsse:Reference",
    })?;
    if references.next().is_some() {
        return Err(SignatureError::Repeated(
            "wsse:SecurityTokenReference's reference",
        ));
    }
    match (reference.namespace.as_str(), reference.local.as_str()) {
        (WSSE_NS, "Reference") => {
            let certificate = token_certificate(security, &reference)?;
            by_certificate(trusted, &certificate)
        }
        (WSSE_NS, "KeyIdentifier") => by_key_identifier(trusted, &reference),
        (DS_NS, "X509Data") => by_x509_data(trusted, &reference),
        (namespace, local) => Err(SignatureError::Unsupported {
            what: "token reference",
            value: format!("{{{namespace}}}{local}"),
        }),
    }
}

/// The certificate (DER) of the BinarySecurityToken `reference` (a `wsse:Reference`) names.
fn token_certificate(
    security: &Located<'_>,
    reference: &Located<'_>,
) -> Result<Vec<u8>, SignatureError> {
    let uri = reference.attribute("", "URI").unwrap_or_default();
    let id = uri
        .strip_prefix('#')
        .ok_or_else(|| SignatureError::Unsupported {
            what: "token reference (only `#id` within the message)",
            value: uri.to_string(),
        })?;
    let mut tokens = security.children().filter(|c| {
        c.namespace == WSSE_NS
            && c.local == "BinarySecurityToken"
            && c.attribute(WSU_NS, "Id") == Some(id)
    });
    let token = tokens.next().ok_or_else(|| SignatureError::Unresolved {
        uri: uri.to_string(),
        problem: "names no BinarySecurityToken of the Security header",
    })?;
    if tokens.next().is_some() {
        return Err(SignatureError::Unresolved {
            uri: uri.to_string(),
            problem: "names several BinarySecurityTokens",
        });
    }
    let value_type = token.attribute("", "ValueType").unwrap_or_default();
    if value_type != X509_V3 {
        return Err(SignatureError::Unsupported {
            what: "token type",
            value: value_type.to_string(),
        });
    }
    base64_of(&token.text(), "wsse:BinarySecurityToken")
}

/// The trusted certificate that is `certificate`, byte for byte.
fn by_certificate(trusted: &[Trusted], certificate: &[u8]) -> Result<usize, SignatureError> {
    trusted
        .iter()
        .position(|t| t.der == certificate)
        .ok_or(SignatureError::UntrustedCertificate)
}

/// The trusted certificate a `wsse:KeyIdentifier` names.
fn by_key_identifier(
    trusted: &[Trusted],
    identifier: &Located<'_>,
) -> Result<usize, SignatureError> {
    let value_type = identifier.attribute("", "ValueType").unwrap_or_default();
    let value = base64_of(&identifier.text(), "wsse:KeyIdentifier")?;
    let (by, found) = match value_type {
        THUMBPRINT_SHA1 => (
            "ThumbprintSHA1",
            trusted.iter().position(|t| t.thumbprint == value),
        ),
        X509_SUBJECT_KEY_IDENTIFIER => (
            "X509SubjectKeyIdentifier",
            trusted
                .iter()
                .position(|t| t.subject_key_identifier.as_deref() == Some(&value)),
        ),
        X509_V3 => return by_certificate(trusted, &value),
        other => {
            return Err(SignatureError::Unsupported {
                what: "key identifier type",
                value: other.to_string(),
            })
        }
    };
    found.ok_or(SignatureError::UnknownKey { by })
}

/// The trusted certificate a `ds:X509Data` names: by its `X509IssuerSerial` or `X509SKI`, and
/// its `X509Certificate`s (a chain may come with the signer's), which must agree.
fn by_x509_data(trusted: &[Trusted], data: &Located<'_>) -> Result<usize, SignatureError> {
    let mut named: Option<usize> = None;
    let mut certificates = Vec::new();
    for child in data.children().filter(|c| c.namespace == DS_NS) {
        let found = match child.local.as_str() {
            "X509IssuerSerial" => by_issuer_serial(trusted, &child)?,
            "X509SKI" => {
                let value = base64_of(&child.text(), "ds:X509SKI")?;
                trusted
                    .iter()
                    .position(|t| t.subject_key_identifier.as_deref() == Some(&value))
                    .ok_or(SignatureError::UnknownKey { by: "X509SKI" })?
            }
            "X509Certificate" => {
                certificates.push(base64_of(&child.text(), "ds:X509Certificate")?);
                continue;
            }
            // X509SubjectName, X509CRL: they name no key on their own.
            _ => continue,
        };
        if named.is_some_and(|index| index != found) {
            return Err(SignatureError::AmbiguousKeyInfo);
        }
        named = Some(found);
    }
    match named {
        Some(index) => {
            if certificates.is_empty() || certificates.iter().any(|c| *c == trusted[index].der) {
                Ok(index)
            } else {
                Err(SignatureError::AmbiguousKeyInfo)
            }
        }
        None => {
            let mut among = certificates
                .iter()
                .filter_map(|c| trusted.iter().position(|t| t.der == *c));
            match (among.next(), among.next()) {
                (Some(index), None) => Ok(index),
                (Some(_), Some(_)) => Err(SignatureError::AmbiguousKeyInfo),
                (None, _) if certificates.is_empty() => Err(SignatureError::Missing {
                    path: "ds:X509Data/ds:X509IssuerSerial",
                }),
                (None, _) => Err(SignatureError::UntrustedCertificate),
            }
        }
    }
}

/// The trusted certificate an `X509IssuerSerial` names: the same serial number and issuer.
fn by_issuer_serial(
    trusted: &[Trusted],
    issuer_serial: &Located<'_>,
) -> Result<usize, SignatureError> {
    let name = single(
        issuer_serial,
        DS_NS,
        "X509IssuerName",
        "ds:X509IssuerSerial/ds:X509IssuerName",
    )?
    .text();
    let serial = single(
        issuer_serial,
        DS_NS,
        "X509SerialNumber",
        "ds:X509IssuerSerial/ds:X509SerialNumber",
    )?
    .text();
    let unknown = SignatureError::UnknownKey {
        by: "X509IssuerSerial",
    };
    let Some(serial) = decimal_magnitude(serial.trim()) else {
        return Err(SignatureError::InvalidKeyName("ds:X509SerialNumber"));
    };
    let issuer = parse_distinguished_name(&name)
        .ok_or(SignatureError::InvalidKeyName("ds:X509IssuerName"))?;
    trusted
        .iter()
        .position(|t| t.serial.as_deref() == Some(&serial) && t.issuer.as_ref() == Some(&issuer))
        .ok_or(unknown)
}

/// The big-endian bytes of a non-negative decimal integer, without leading zeros; `None` when
/// `text` is not one (or is absurdly long: serial numbers have at most 20 bytes).
fn decimal_magnitude(text: &str) -> Option<Vec<u8>> {
    if text.is_empty() || text.len() > 100 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut bytes: Vec<u8> = Vec::new();
    for digit in text.bytes().map(|b| b - b'0') {
        // bytes = bytes * 10 + digit, from the least significant byte.
        let mut carry = u16::from(digit);
        for byte in bytes.iter_mut().rev() {
            let value = u16::from(*byte) * 10 + carry;
            *byte = (value & 0xff) as u8;
            carry = value >> 8;
        }
        while carry > 0 {
            bytes.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_serial_numbers_become_their_bytes() {
        assert_eq!(decimal_magnitude("0"), Some(vec![]));
        assert_eq!(decimal_magnitude("255"), Some(vec![0xff]));
        assert_eq!(decimal_magnitude("256"), Some(vec![1, 0]));
        assert_eq!(decimal_magnitude("00042"), Some(vec![42]));
        assert_eq!(
            decimal_magnitude("18446744073709551616"),
            Some(vec![1, 0, 0, 0, 0, 0, 0, 0, 0])
        );
        for bad in ["", "-1", "12a", "0x10", &"9".repeat(101)] {
            assert_eq!(decimal_magnitude(bad), None, "{bad}");
        }
    }
}
