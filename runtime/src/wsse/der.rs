//! The little DER an X.509 signature check needs: the RSA public key of a certificate.

/// The DER OID of `rsaEncryption` (1.2.840.113549.1.1.1), as the content of its OBJECT
/// IDENTIFIER.
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// One DER element at the start of `input`: its tag, its content and what follows it; `None`
/// when it is cut short or its length is not in DER's definite form.
fn element(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let length = rest[..count]
            .iter()
            .fold(0usize, |n, &b| (n << 8) | usize::from(b));
        (length, &rest[count..])
    };
    if rest.len() < length {
        return None;
    }
    Some((tag, &rest[..length], &rest[length..]))
}

/// The element at the start of `input` when its tag is `tag`: its content and what follows.
fn expect(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (found, content, rest) = element(input)?;
    (found == tag).then_some((content, rest))
}

/// The `RSAPublicKey` (PKCS#1 DER, what `ring` verifies with) of an X.509 certificate in DER,
/// `None` when the certificate is malformed or its key is not RSA.
pub(crate) fn rsa_public_key(certificate: &[u8]) -> Option<&[u8]> {
    const SEQUENCE: u8 = 0x30;
    let (certificate, _) = expect(certificate, SEQUENCE)?;
    let (tbs, _) = expect(certificate, SEQUENCE)?;
    // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity,
    // subject, subjectPublicKeyInfo, ...
    let mut rest = tbs;
    if let Some((0xa0, _, after)) = element(rest) {
        rest = after;
    }
    for _ in 0..5 {
        let (_, _, after) = element(rest)?;
        rest = after;
    }
    let (key_info, _) = expect(rest, SEQUENCE)?;
    let (algorithm, after) = expect(key_info, SEQUENCE)?;
    let (oid, _) = expect(algorithm, 0x06)?;
    if oid != RSA_ENCRYPTION {
        return None;
    }
    let (bits, _) = expect(after, 0x03)?;
    // A BIT STRING's first byte counts the unused bits of its last byte: none for a key.
    match bits.split_first()? {
        (0, key) => Some(key),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_or_foreign_input_gives_none() {
        for input in [
            &b""[..],
            &[0x30],
            &[0x30, 0x85, 1, 2, 3, 4, 5],
            &[0x30, 0x05, 0x30, 0x03],
            &[0x02, 0x01, 0x00],
            &[0x30, 0x80, 0x00, 0x00],
        ] {
            assert_eq!(rsa_public_key(input), None, "{input:?}");
        }
    }
}
