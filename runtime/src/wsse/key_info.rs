//! Finding the trusted certificate a signature's `ds:KeyInfo` names, in the ways WS-Security
//! senders name it (X.509 Token Profile 1.1, section 3.2):
//!
//! - a `wsse:SecurityTokenReference` to a `wsse:BinarySecurityToken` of the same header (our
//!   client, zeep's `BinarySignature`, WSS4J's `DirectReference`): an X509v3 token, or an
//!   `X509PKIPathv1` token holding the signer's chain (WSS4J's, when told to send it);
//! - a `wsse:SecurityTokenReference` with a `wsse:KeyIdentifier`: the certificate's SHA-1
//!   thumbprint (`ThumbprintSHA1`, WCF's and WSS4J's `Thumbprint`), its subject key identifier
//!   (`X509SubjectKeyIdentifier`, WSS4J's `SKIKeyIdentifier`) or the certificate itself
//!   (`X509v3`);
//! - a `ds:X509Data`, inside a `wsse:SecurityTokenReference` or directly in the KeyInfo, with
//!   an `X509IssuerSerial` (zeep's `Signature`, WSS4J's `IssuerSerial`, WCF's default for
//!   MutualCertificate), an `X509SKI` and/or `X509Certificate`s.
//!
//! Whatever names the certificate, a name (issuer and serial number, thumbprint, subject key
//! identifier) is looked up among the verifier's certificates (pinned ones and configured
//! intermediates) and, for `ds:X509Data`, the certificates it carries: a name that matches
//! none is an error ([`SignatureError::UnknownKey`]). What is found is the signer's
//! certificate, with the other certificates the message carries (possible intermediates of
//! its chain); whether it is trusted, pinned or through a chain, the verifier decides.

use super::der::{
    issued, issuer_attributes, rsa_public_key, sequence_elements, serial_number,
    subject_key_identifier,
};
use super::distinguished_name::{parse_distinguished_name, string_value, DistinguishedName};
use super::envelope_parts::Located;
use super::verify::{base64_of, single, SignatureError};
use super::x509::{CredentialError, DS_NS, X509_PKI_PATH_V1, X509_V3};
use super::{WSSE_NS, WSU_NS};

/// The `ValueType` of a `wsse:KeyIdentifier` holding a certificate's SHA-1 thumbprint.
pub const THUMBPRINT_SHA1: &str =
    "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#ThumbprintSHA1";
/// The `ValueType` of a `wsse:KeyIdentifier` holding a certificate's subject key identifier.
pub const X509_SUBJECT_KEY_IDENTIFIER: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509SubjectKeyIdentifier";

/// The names a KeyInfo may give a certificate.
#[derive(Debug, Clone)]
struct Names {
    thumbprint: Vec<u8>,
    subject_key_identifier: Option<Vec<u8>>,
    serial: Option<Vec<u8>>,
    issuer: Option<DistinguishedName>,
}

impl Names {
    /// The names of `der` (those it has: a malformed certificate has only its thumbprint).
    fn of(der: &[u8]) -> Self {
        let issuer = issuer_attributes(der).and_then(|attributes| {
            attributes
                .into_iter()
                .map(|(oid, tag, content)| Some((oid, string_value(tag, content)?)))
                .collect::<Option<Vec<_>>>()
                .map(DistinguishedName::new)
        });
        Names {
            thumbprint: ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, der)
                .as_ref()
                .to_vec(),
            subject_key_identifier: subject_key_identifier(der),
            serial: serial_number(der),
            issuer,
        }
    }
}

/// A certificate the verifier knows: pinned (trusted as it is) or configured for chains (an
/// intermediate, or a signer's certificate a KeyInfo names by reference, trusted only when it
/// chains to an anchor).
#[derive(Debug, Clone)]
pub(crate) struct Known {
    /// The certificate (DER).
    pub(crate) der: Vec<u8>,
    /// Whether it is trusted as it is.
    pub(crate) pinned: bool,
    names: Names,
}

impl Known {
    /// The pinned certificate `der`, whose key must be RSA.
    pub(crate) fn pinned(der: Vec<u8>) -> Result<Self, CredentialError> {
        if rsa_public_key(&der).is_none() {
            return Err(CredentialError::InvalidCertificate {
                reason: String::from("not a DER certificate with an RSA key"),
            });
        }
        Ok(Known {
            names: Names::of(&der),
            pinned: true,
            der,
        })
    }

    /// The certificate `der`, configured for chains (trusted only through one).
    pub(crate) fn for_chains(der: Vec<u8>) -> Self {
        Known {
            names: Names::of(&der),
            pinned: false,
            der,
        }
    }
}

/// The signer's certificate a KeyInfo names, and what else the message carries.
#[derive(Debug, Clone)]
pub(crate) struct Signer {
    /// The signer's certificate (DER).
    pub(crate) certificate: Vec<u8>,
    /// The other certificates of the message (`ds:X509Certificate`s beside the signer's,
    /// X509v3 BinarySecurityTokens of the Security header): possible intermediates.
    pub(crate) sent: Vec<Vec<u8>>,
}

/// A certificate a name may match: its DER and its names.
type Candidate<'c> = (&'c [u8], &'c Names);

/// The signer's certificate the KeyInfo of `signature` names, among `known` certificates and
/// those of the message; the tokens it may refer to are in `security`.
pub(crate) fn signing_certificate(
    known: &[Known],
    security: &Located<'_>,
    signature: &Located<'_>,
) -> Result<Signer, SignatureError> {
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
    let (certificate, mut sent) = if name.local == "X509Data" {
        by_x509_data(known, &name)?
    } else {
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
            (WSSE_NS, "Reference") => token_certificates(security, &reference)?,
            (WSSE_NS, "KeyIdentifier") => (by_key_identifier(known, &reference)?, Vec::new()),
            (DS_NS, "X509Data") => by_x509_data(known, &reference)?,
            (namespace, local) => {
                return Err(SignatureError::Unsupported {
                    what: "token reference",
                    value: format!("{{{namespace}}}{local}"),
                })
            }
        }
    };
    for token in carried_tokens(security) {
        if token != certificate && !sent.contains(&token) {
            sent.push(token);
        }
    }
    Ok(Signer { certificate, sent })
}

/// The certificates (DER) of the X509v3 BinarySecurityTokens of `security` that read as
/// base64 (others are ignored: they name nothing).
fn carried_tokens(security: &Located<'_>) -> Vec<Vec<u8>> {
    security
        .children()
        .filter(|c| {
            c.namespace == WSSE_NS
                && c.local == "BinarySecurityToken"
                && c.attribute("", "ValueType") == Some(X509_V3)
        })
        .filter_map(|token| base64_of(&token.text(), "wsse:BinarySecurityToken").ok())
        .collect()
}

/// The signer's certificate (DER) of the BinarySecurityToken `reference` (a `wsse:Reference`)
/// names, and the other certificates of its chain when the token is a PkiPath.
fn token_certificates(
    security: &Located<'_>,
    reference: &Located<'_>,
) -> Result<(Vec<u8>, Vec<Vec<u8>>), SignatureError> {
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
    match value_type {
        X509_V3 => Ok((
            base64_of(&token.text(), "wsse:BinarySecurityToken")?,
            Vec::new(),
        )),
        X509_PKI_PATH_V1 => {
            let path = base64_of(&token.text(), "wsse:BinarySecurityToken")?;
            let certificates: Vec<Vec<u8>> = sequence_elements(&path)
                .ok_or(SignatureError::InvalidKeyName("X509PKIPathv1 token"))?
                .into_iter()
                .map(<[u8]>::to_vec)
                .collect();
            if certificates.is_empty() {
                return Err(SignatureError::InvalidKeyName("X509PKIPathv1 token"));
            }
            let mut distinct: Vec<&Vec<u8>> = Vec::new();
            for certificate in &certificates {
                if !distinct.contains(&certificate) {
                    distinct.push(certificate);
                }
            }
            // The signer's is the last (PkiPath's order); the leaf rule finds it in any order.
            let signer = leaf_of(&distinct)?;
            let sent = certificates.into_iter().filter(|c| *c != signer).collect();
            Ok((signer, sent))
        }
        other => Err(SignatureError::Unsupported {
            what: "token type",
            value: other.to_string(),
        }),
    }
}

/// The known certificate a `wsse:KeyIdentifier` names (or the certificate it holds).
fn by_key_identifier(known: &[Known], identifier: &Located<'_>) -> Result<Vec<u8>, SignatureError> {
    let value_type = identifier.attribute("", "ValueType").unwrap_or_default();
    let value = base64_of(&identifier.text(), "wsse:KeyIdentifier")?;
    let (by, found) = match value_type {
        THUMBPRINT_SHA1 => (
            "ThumbprintSHA1",
            known.iter().find(|k| k.names.thumbprint == value),
        ),
        X509_SUBJECT_KEY_IDENTIFIER => (
            "X509SubjectKeyIdentifier",
            known
                .iter()
                .find(|k| k.names.subject_key_identifier.as_deref() == Some(&value)),
        ),
        X509_V3 => return Ok(value),
        other => {
            return Err(SignatureError::Unsupported {
                what: "key identifier type",
                value: other.to_string(),
            })
        }
    };
    found
        .map(|k| k.der.clone())
        .ok_or(SignatureError::UnknownKey { by })
}

/// The signer's certificate a `ds:X509Data` names, and the other certificates it carries:
/// named by its `X509IssuerSerial` or `X509SKI` (among the known certificates and the carried
/// ones), and its `X509Certificate`s (a chain may come with the signer's), which must agree;
/// without a name, the one pinned certificate among the carried ones, or else the one carried
/// certificate that issued none of the others (the leaf of the chain they form).
fn by_x509_data(
    known: &[Known],
    data: &Located<'_>,
) -> Result<(Vec<u8>, Vec<Vec<u8>>), SignatureError> {
    let mut certificates: Vec<Vec<u8>> = Vec::new();
    for child in data
        .children()
        .filter(|c| c.namespace == DS_NS && c.local == "X509Certificate")
    {
        certificates.push(base64_of(&child.text(), "ds:X509Certificate")?);
    }
    let carried: Vec<Names> = certificates.iter().map(|c| Names::of(c)).collect();
    let candidates: Vec<Candidate<'_>> = known
        .iter()
        .map(|k| (k.der.as_slice(), &k.names))
        .chain(certificates.iter().map(Vec::as_slice).zip(&carried))
        .collect();
    let mut named: Option<&[u8]> = None;
    for child in data.children().filter(|c| c.namespace == DS_NS) {
        let found = match child.local.as_str() {
            "X509IssuerSerial" => by_issuer_serial(&candidates, &child)?,
            "X509SKI" => {
                let value = base64_of(&child.text(), "ds:X509SKI")?;
                candidates
                    .iter()
                    .find(|(_, names)| names.subject_key_identifier.as_deref() == Some(&value))
                    .map(|(der, _)| *der)
                    .ok_or(SignatureError::UnknownKey { by: "X509SKI" })?
            }
            // X509Certificate (read above), X509SubjectName, X509CRL: they name no key on
            // their own.
            _ => continue,
        };
        if named.is_some_and(|before| before != found) {
            return Err(SignatureError::AmbiguousKeyInfo);
        }
        named = Some(found);
    }
    let signer = match named {
        Some(der) => {
            if certificates.is_empty() || certificates.iter().any(|c| c.as_slice() == der) {
                der.to_vec()
            } else {
                return Err(SignatureError::AmbiguousKeyInfo);
            }
        }
        None => unnamed_signer(known, &certificates)?,
    };
    let sent = certificates.into_iter().filter(|c| *c != signer).collect();
    Ok((signer, sent))
}

/// The signer among `certificates` when no name says which: the one pinned, or the leaf.
fn unnamed_signer(known: &[Known], certificates: &[Vec<u8>]) -> Result<Vec<u8>, SignatureError> {
    let mut distinct: Vec<&Vec<u8>> = Vec::new();
    for certificate in certificates {
        if !distinct.contains(&certificate) {
            distinct.push(certificate);
        }
    }
    if distinct.is_empty() {
        return Err(SignatureError::Missing {
            path: "ds:X509Data/ds:X509IssuerSerial",
        });
    }
    let pinned: Vec<&&Vec<u8>> = distinct
        .iter()
        .filter(|c| known.iter().any(|k| k.pinned && k.der == ***c))
        .collect();
    match pinned.as_slice() {
        [one] => return Ok((**one).clone()),
        [_, _, ..] => return Err(SignatureError::AmbiguousKeyInfo),
        [] => {}
    }
    leaf_of(&distinct)
}

/// The one certificate among `distinct` ones that issued none of the others: the leaf of the
/// chain they form (none, for an empty list, is ambiguous too).
fn leaf_of(distinct: &[&Vec<u8>]) -> Result<Vec<u8>, SignatureError> {
    let leaves: Vec<&&Vec<u8>> = distinct
        .iter()
        .filter(|c| {
            !distinct
                .iter()
                .any(|other| other != *c && issued(c.as_slice(), other.as_slice()))
        })
        .collect();
    match leaves.as_slice() {
        [leaf] => Ok((**leaf).clone()),
        _ => Err(SignatureError::AmbiguousKeyInfo),
    }
}

/// The candidate an `X509IssuerSerial` names: the same serial number and issuer.
fn by_issuer_serial<'c>(
    candidates: &[Candidate<'c>],
    issuer_serial: &Located<'_>,
) -> Result<&'c [u8], SignatureError> {
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
    candidates
        .iter()
        .find(|(_, names)| {
            names.serial.as_deref() == Some(&serial) && names.issuer.as_ref() == Some(&issuer)
        })
        .map(|(der, _)| *der)
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
