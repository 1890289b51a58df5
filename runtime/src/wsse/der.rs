//! The little DER an X.509 signature check needs: the RSA public key of a certificate, the
//! fields a `ds:KeyInfo` may name it by (serial number, issuer, subject key identifier), and
//! what a chain check reports and adds (subject, validity, key usage).

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

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const INTEGER: u8 = 0x02;
const OBJECT_IDENTIFIER: u8 = 0x06;
const OCTET_STRING: u8 = 0x04;
const BIT_STRING: u8 = 0x03;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
/// The DER OID of the subjectKeyIdentifier extension (2.5.29.14).
const SUBJECT_KEY_IDENTIFIER: &[u8] = &[0x55, 0x1d, 0x0e];
/// The DER OID of the keyUsage extension (2.5.29.15).
const KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x0f];

/// The fields of a certificate's TBSCertificate, each the whole DER element (tag and length
/// included) except where said.
struct Fields<'c> {
    /// The serial number's content (a big-endian two's complement integer).
    serial: &'c [u8],
    /// The issuer `Name`'s content (its RDNs).
    issuer: &'c [u8],
    /// The Validity's content (notBefore and notAfter).
    validity: &'c [u8],
    /// The subject `Name`'s content (its RDNs).
    subject: &'c [u8],
    /// The SubjectPublicKeyInfo's content.
    key_info: &'c [u8],
    /// What follows the SubjectPublicKeyInfo: the optional unique ids and `[3]` extensions.
    after_key_info: &'c [u8],
}

/// The fields of `certificate` (DER), `None` when it is malformed.
fn fields(certificate: &[u8]) -> Option<Fields<'_>> {
    let (certificate, _) = expect(certificate, SEQUENCE)?;
    let (tbs, _) = expect(certificate, SEQUENCE)?;
    // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity,
    // subject, subjectPublicKeyInfo, ...
    let mut rest = tbs;
    if let Some((0xa0, _, after)) = element(rest) {
        rest = after;
    }
    let (serial, rest) = expect(rest, INTEGER)?;
    let (_, _, rest) = element(rest)?;
    let (issuer, rest) = expect(rest, SEQUENCE)?;
    let (validity, rest) = expect(rest, SEQUENCE)?;
    let (subject, rest) = expect(rest, SEQUENCE)?;
    let (key_info, after_key_info) = expect(rest, SEQUENCE)?;
    Some(Fields {
        serial,
        issuer,
        validity,
        subject,
        key_info,
        after_key_info,
    })
}

/// The elements (each whole: tag, length and content) of the DER SEQUENCE `input`; `None`
/// when it is not one or is cut short.
pub(crate) fn sequence_elements(input: &[u8]) -> Option<Vec<&[u8]>> {
    let (content, rest) = expect(input, SEQUENCE)?;
    if !rest.is_empty() {
        return None;
    }
    let mut elements = Vec::new();
    let mut remaining = content;
    while !remaining.is_empty() {
        let (_, _, after) = element(remaining)?;
        elements.push(&remaining[..remaining.len() - after.len()]);
        remaining = after;
    }
    Some(elements)
}

/// The serial number of `certificate` (DER) as big-endian magnitude bytes without leading
/// zeros; `None` when malformed.
pub(crate) fn serial_number(certificate: &[u8]) -> Option<Vec<u8>> {
    let serial = fields(certificate)?.serial;
    let start = serial.iter().position(|&b| b != 0).unwrap_or(serial.len());
    Some(serial[start..].to_vec())
}

/// The attributes of the issuer of `certificate` (DER): each RDN's type (as a dotted OID)
/// and value (the string's DER tag and content), in the order of the certificate; `None`
/// when malformed.
pub(crate) fn issuer_attributes(certificate: &[u8]) -> Option<Vec<(String, u8, &[u8])>> {
    name_attributes(fields(certificate)?.issuer)
}

/// The attributes of the subject of `certificate` (DER), as [`issuer_attributes`] gives the
/// issuer's.
pub(crate) fn subject_attributes(certificate: &[u8]) -> Option<Vec<(String, u8, &[u8])>> {
    name_attributes(fields(certificate)?.subject)
}

/// Whether `issuer` (DER) names `subject` (DER) as its issuer: its subject is, byte for byte,
/// the other's issuer; `false` when either is malformed.
pub(crate) fn issued(issuer: &[u8], subject: &[u8]) -> bool {
    match (fields(issuer), fields(subject)) {
        (Some(issuer), Some(subject)) => issuer.subject == subject.issuer,
        _ => false,
    }
}

/// The attributes of a `Name`'s content `rdns`.
fn name_attributes(rdns: &[u8]) -> Option<Vec<(String, u8, &[u8])>> {
    let mut rdns = rdns;
    let mut attributes = Vec::new();
    while !rdns.is_empty() {
        let (rdn, after) = expect(rdns, SET)?;
        rdns = after;
        let mut rdn = rdn;
        while !rdn.is_empty() {
            let (pair, after) = expect(rdn, SEQUENCE)?;
            rdn = after;
            let (oid, value) = expect(pair, OBJECT_IDENTIFIER)?;
            let (tag, content, _) = element(value)?;
            attributes.push((dotted(oid)?, tag, content));
        }
    }
    Some(attributes)
}

/// An OBJECT IDENTIFIER's content as dotted decimal (`2.5.4.3`).
pub(crate) fn dotted(oid: &[u8]) -> Option<String> {
    let (&first, rest) = oid.split_first()?;
    // The first byte holds the first two arcs (40 * first + second); one taking more than a
    // byte (a second arc of 48 or more under 2) is not in a name's attribute types.
    let mut text = match first {
        0..=39 => format!("0.{first}"),
        40..=79 => format!("1.{}", first - 40),
        80..=127 => format!("2.{}", first - 80),
        _ => return None,
    };
    let mut arc: u64 = 0;
    let mut pending = false;
    for &byte in rest {
        arc = arc.checked_mul(128)? | u64::from(byte & 0x7f);
        pending = byte & 0x80 != 0;
        if !pending {
            text.push_str(&format!(".{arc}"));
            arc = 0;
        }
    }
    (!pending).then_some(text)
}

/// The subject key identifier of `certificate` (DER): its extension's, or, without one, the
/// SHA-1 of its public key (RFC 5280's first method, what WSS4J uses then); `None` when
/// malformed.
pub(crate) fn subject_key_identifier(certificate: &[u8]) -> Option<Vec<u8>> {
    let fields = fields(certificate)?;
    if let Some(wrapped) = extension(&fields, SUBJECT_KEY_IDENTIFIER)? {
        // The extension's value is the identifier's own OCTET STRING.
        let (identifier, _) = expect(wrapped, OCTET_STRING)?;
        return Some(identifier.to_vec());
    }
    let key = subject_public_key(fields.key_info)?;
    Some(
        ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, key)
            .as_ref()
            .to_vec(),
    )
}

/// The value (the content of the extnValue OCTET STRING) of the extension `oid` of a
/// certificate: `Some(None)` when it has no such extension, `None` when it is malformed.
fn extension<'c>(fields: &Fields<'c>, oid: &[u8]) -> Option<Option<&'c [u8]>> {
    let mut rest = fields.after_key_info;
    while let Some((tag, content, after)) = element(rest) {
        rest = after;
        if tag != 0xa3 {
            continue;
        }
        let (mut extensions, _) = expect(content, SEQUENCE)?;
        while !extensions.is_empty() {
            let (extension, after) = expect(extensions, SEQUENCE)?;
            extensions = after;
            let (found, mut value) = expect(extension, OBJECT_IDENTIFIER)?;
            if found != oid {
                continue;
            }
            // An optional `critical` BOOLEAN, then the OCTET STRING holding the value.
            if let Some((0x01, _, after)) = element(value) {
                value = after;
            }
            let (value, _) = expect(value, OCTET_STRING)?;
            return Some(Some(value));
        }
    }
    Some(None)
}

/// What a certificate's keyUsage extension (RFC 5280, 4.2.1.3) allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyUsage {
    /// The certificate has no keyUsage extension: any usage.
    Absent,
    /// It has one: whether it allows `digitalSignature` or `nonRepudiation`
    /// (`contentCommitment`), the two that sign documents.
    Present {
        /// `digitalSignature` or `nonRepudiation` is set.
        signs: bool,
    },
}

/// The keyUsage of `certificate` (DER), `None` when it is malformed.
pub(crate) fn key_usage(certificate: &[u8]) -> Option<KeyUsage> {
    let fields = fields(certificate)?;
    let Some(value) = extension(&fields, KEY_USAGE)? else {
        return Some(KeyUsage::Absent);
    };
    let (bits, _) = expect(value, BIT_STRING)?;
    // The first byte counts the unused bits of the last; bit 0 (digitalSignature) and bit 1
    // (nonRepudiation) are the two high bits of the first byte that follows.
    let (_, flags) = bits.split_first()?;
    let signs = flags.first().is_some_and(|&first| first & 0xc0 != 0);
    Some(KeyUsage::Present { signs })
}

/// The validity of `certificate` (DER): its notBefore and notAfter, in seconds since the Unix
/// epoch; `None` when malformed.
pub(crate) fn validity(certificate: &[u8]) -> Option<(i64, i64)> {
    let validity = fields(certificate)?.validity;
    let (not_before_tag, not_before, rest) = element(validity)?;
    let (not_after_tag, not_after, _) = element(rest)?;
    Some((
        unix_time(not_before_tag, not_before)?,
        unix_time(not_after_tag, not_after)?,
    ))
}

/// A DER UTCTime (`YYMMDDHHMMSSZ`, years 1950 to 2049) or GeneralizedTime
/// (`YYYYMMDDHHMMSSZ`) as seconds since the Unix epoch.
fn unix_time(tag: u8, content: &[u8]) -> Option<i64> {
    let text = std::str::from_utf8(content).ok()?;
    let digits = text.strip_suffix('Z')?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, rest) = match (tag, digits.len()) {
        (UTC_TIME, 12) => {
            let short: i32 = digits[..2].parse().ok()?;
            (
                if short < 50 {
                    2000 + short
                } else {
                    1900 + short
                },
                &digits[2..],
            )
        }
        (GENERALIZED_TIME, 14) => (digits[..4].parse().ok()?, &digits[4..]),
        _ => return None,
    };
    let number = |at: usize| rest[at..at + 2].parse::<u8>().ok();
    let month = time::Month::try_from(number(0)?).ok()?;
    let date = time::Date::from_calendar_date(year, month, number(2)?).ok()?;
    let time = time::Time::from_hms(number(4)?, number(6)?, number(8)?).ok()?;
    Some(
        time::PrimitiveDateTime::new(date, time)
            .assume_utc()
            .unix_timestamp(),
    )
}

/// The subjectPublicKey BIT STRING's bits of a SubjectPublicKeyInfo's content.
fn subject_public_key(key_info: &[u8]) -> Option<&[u8]> {
    let (_, _, after) = element(key_info)?;
    let (bits, _) = expect(after, BIT_STRING)?;
    // A BIT STRING's first byte counts the unused bits of its last byte: none for a key.
    match bits.split_first()? {
        (0, key) => Some(key),
        _ => None,
    }
}

/// The `RSAPublicKey` (PKCS#1 DER, what `ring` verifies with) of an X.509 certificate in DER,
/// `None` when the certificate is malformed or its key is not RSA.
pub(crate) fn rsa_public_key(certificate: &[u8]) -> Option<&[u8]> {
    let key_info = fields(certificate)?.key_info;
    let (algorithm, _) = expect(key_info, SEQUENCE)?;
    let (oid, _) = expect(algorithm, OBJECT_IDENTIFIER)?;
    if oid != RSA_ENCRYPTION {
        return None;
    }
    subject_public_key(key_info)
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
            assert_eq!(serial_number(input), None, "{input:?}");
            assert_eq!(subject_key_identifier(input), None, "{input:?}");
            assert_eq!(key_usage(input), None, "{input:?}");
            assert_eq!(validity(input), None, "{input:?}");
            assert_eq!(subject_attributes(input), None, "{input:?}");
        }
    }

    #[test]
    fn sequences_split_into_whole_elements() {
        assert_eq!(
            sequence_elements(&[0x30, 0x06, 0x02, 0x01, 0x05, 0x30, 0x01, 0x00]),
            Some(vec![&[0x02, 0x01, 0x05][..], &[0x30, 0x01, 0x00][..]])
        );
        assert_eq!(sequence_elements(&[0x30, 0x00]), Some(vec![]));
        for bad in [
            &[0x31, 0x00][..],
            &[0x30, 0x03, 0x02, 0x05, 0x00],
            &[0x30, 0x00, 0x00],
            &[0x30],
        ] {
            assert_eq!(sequence_elements(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn certificate_times_read_as_unix_seconds() {
        assert_eq!(unix_time(UTC_TIME, b"700101000000Z"), Some(0));
        assert_eq!(unix_time(UTC_TIME, b"491231235959Z"), Some(2_524_607_999));
        assert_eq!(unix_time(UTC_TIME, b"500101000000Z"), Some(-631_152_000));
        assert_eq!(
            unix_time(GENERALIZED_TIME, b"20500101000000Z"),
            Some(2_524_608_000)
        );
        for bad in [
            &b"700101000000"[..],
            b"701301000000Z",
            b"700132000000Z",
            b"700101246000Z",
            b"7001010000+0Z",
            b"\xff",
            b"",
        ] {
            assert_eq!(unix_time(UTC_TIME, bad), None, "{bad:?}");
        }
        assert_eq!(unix_time(GENERALIZED_TIME, b"700101000000Z"), None);
        assert_eq!(unix_time(0x04, b"700101000000Z"), None);
    }

    #[test]
    fn object_identifiers_read_as_dotted_decimal() {
        assert_eq!(dotted(&[0x55, 0x04, 0x03]).as_deref(), Some("2.5.4.3"));
        assert_eq!(
            dotted(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01]).as_deref(),
            Some("1.2.840.113549.1.9.1")
        );
        assert_eq!(
            dotted(&[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19]).as_deref(),
            Some("0.9.2342.19200300.100.1.25")
        );
        // Cut in the middle of an arc.
        assert_eq!(dotted(&[0x55, 0x86]), None);
        assert_eq!(dotted(&[]), None);
    }
}
