//! Channel binding ("Extended Protection for Authentication"): over https the AUTHENTICATE
//! message carries a hash of the server's TLS certificate (`MsvAvChannelBindings`, [MS-NLMP]
//! 2.2.2.1), so that a server requiring it (Exchange, and IIS with Extended Protection) can
//! tell the credentials were not relayed from another TLS connection.
//!
//! The binding is RFC 5929's `tls-server-end-point`: the certificate's hash with the hash
//! function of its signature (SHA-256 for MD5 and SHA-1), packed as a GSS-API channel bindings
//! structure without addresses (RFC 2744 3.11), whose MD5 goes into the message.

use md5::{Digest as _, Md5};
use ring::digest;

/// The `MsvAvChannelBindings` value of a TLS connection whose server presented
/// `certificate` (DER).
pub(super) fn tls_server_end_point(certificate: &[u8]) -> [u8; 16] {
    let hash = digest::digest(signature_hash(certificate), certificate);
    let mut application_data = b"tls-server-end-point:".to_vec();
    application_data.extend_from_slice(hash.as_ref());
    // Initiator and acceptor address types and lengths: none (four zero u32s).
    let mut bindings = vec![0u8; 16];
    // Bounded: a prefix and a hash of at most 64 bytes.
    bindings.extend_from_slice(&(application_data.len() as u32).to_le_bytes());
    bindings.extend_from_slice(&application_data);
    Md5::digest(&bindings).into()
}

/// The hash function of the certificate's signature algorithm as RFC 5929 4.1 picks it:
/// SHA-384 or SHA-512 for signatures made with them, SHA-256 for anything else (MD5, SHA-1,
/// SHA-256, and algorithms it does not name). A certificate that does not parse gets SHA-256.
fn signature_hash(certificate: &[u8]) -> &'static digest::Algorithm {
    /// The DER content of the OIDs of RSA and ECDSA signatures with SHA-384 and SHA-512.
    const SHA384: [&[u8]; 2] = [
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c],
        &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03],
    ];
    const SHA512: [&[u8]; 2] = [
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d],
        &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04],
    ];
    match signature_oid(certificate) {
        Some(oid) if SHA384.contains(&oid) => &digest::SHA384,
        Some(oid) if SHA512.contains(&oid) => &digest::SHA512,
        _ => &digest::SHA256,
    }
}

/// The OID of `Certificate.signatureAlgorithm` (RFC 5280 4.1): after the `tbsCertificate`.
fn signature_oid(certificate: &[u8]) -> Option<&[u8]> {
    let (certificate, _) = der(certificate, 0x30)?;
    let (_tbs, rest) = der(certificate, 0x30)?;
    let (algorithm, _) = der(rest, 0x30)?;
    let (oid, _) = der(algorithm, 0x06)?;
    Some(oid)
}

/// The content of the DER element at the start of `input`, which must have tag `tag`, and
/// what follows it; `None` for anything else (a short or malformed input included).
fn der(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (&found, input) = input.split_first()?;
    if found != tag {
        return None;
    }
    let (&first, mut input) = input.split_first()?;
    let length = if first < 0x80 {
        usize::from(first)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || input.len() < count {
            return None;
        }
        let (bytes, rest) = input.split_at(count);
        input = rest;
        bytes.iter().fold(0usize, |n, &b| (n << 8) | usize::from(b))
    };
    (input.len() >= length).then(|| input.split_at(length))
}

#[cfg(test)]
mod tests {
    use super::{der, signature_hash, tls_server_end_point};
    use ring::digest;

    #[test]
    fn der_elements_are_read_within_bounds() {
        assert_eq!(
            der(&[0x30, 0x02, 1, 2, 9], 0x30),
            Some((&[1u8, 2][..], &[9u8][..]))
        );
        assert_eq!(
            der(&[0x30, 0x81, 0x01, 7], 0x30),
            Some((&[7u8][..], &[][..]))
        );
        assert_eq!(der(&[0x30, 0x05, 1], 0x30), None);
        assert_eq!(der(&[0x30, 0x85, 1, 1, 1, 1, 1], 0x30), None);
        assert_eq!(der(&[0x31, 0x00], 0x30), None);
        assert_eq!(der(&[], 0x30), None);
    }

    #[test]
    fn the_hash_follows_the_signature_algorithm() {
        // SEQUENCE { SEQUENCE {} (tbs), SEQUENCE { OID ecdsa-with-SHA384 } }
        let mut cert = vec![0x30, 14, 0x30, 0x00, 0x30, 10, 0x06, 8];
        cert.extend_from_slice(&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03]);
        assert!(std::ptr::eq(signature_hash(&cert), &digest::SHA384));
        cert[15] = 0x02; // ecdsa-with-SHA256
        assert!(std::ptr::eq(signature_hash(&cert), &digest::SHA256));
        assert!(std::ptr::eq(signature_hash(b"not DER"), &digest::SHA256));
        // Any input gives a value, never a panic.
        for end in 0..cert.len() {
            let _ = tls_server_end_point(&cert[..end]);
        }
    }
}
