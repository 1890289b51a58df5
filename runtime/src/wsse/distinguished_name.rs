//! Distinguished names as an `X509IssuerName` writes them (RFC 4514 and its forerunners:
//! `CN=Signer,O=Example` from OpenSSL and xmlsec, `CN=Signer, O=Example` from .NET,
//! `E=` or `emailAddress=`), compared with a certificate's DER issuer.
//!
//! Two names are equal when they hold the same attributes (type and value), whatever their
//! order (RFC 4514 writes a DER name's RDNs last first, some writers do not), with values
//! compared without case and with runs of spaces as one (X.520's `caseIgnoreMatch`, which
//! every string attribute of a certificate's name uses).

/// A distinguished name as a sorted list of attributes: dotted OID, normalized value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DistinguishedName(Vec<(String, String)>);

impl DistinguishedName {
    /// The name holding `attributes` (dotted OID, value as written).
    pub(crate) fn new(attributes: Vec<(String, String)>) -> Self {
        let mut attributes: Vec<(String, String)> = attributes
            .into_iter()
            .map(|(oid, value)| (oid, normalized(&value)))
            .collect();
        attributes.sort();
        DistinguishedName(attributes)
    }
}

/// `value` lower-cased, trimmed, with each run of whitespace as one space.
fn normalized(value: &str) -> String {
    value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The dotted OID of an attribute type keyword (RFC 4514's, and those of OpenSSL and .NET).
fn keyword_oid(keyword: &str) -> Option<&'static str> {
    Some(match keyword.to_ascii_uppercase().as_str() {
        "CN" => "2.5.4.3",
        "SN" | "SURNAME" => "2.5.4.4",
        "SERIALNUMBER" => "2.5.4.5",
        "C" => "2.5.4.6",
        "L" => "2.5.4.7",
        "ST" | "S" => "2.5.4.8",
        "STREET" => "2.5.4.9",
        "O" => "2.5.4.10",
        "OU" => "2.5.4.11",
        "T" | "TITLE" => "2.5.4.12",
        "G" | "GN" | "GIVENNAME" => "2.5.4.42",
        "I" | "INITIALS" => "2.5.4.43",
        "DNQUALIFIER" => "2.5.4.46",
        "ORGANIZATIONIDENTIFIER" => "2.5.4.97",
        "DC" => "0.9.2342.19200300.100.1.25",
        "UID" => "0.9.2342.19200300.100.1.1",
        "E" | "EMAIL" | "EMAILADDRESS" => "1.2.840.113549.1.9.1",
        _ => return None,
    })
}

/// The RFC 4514 keyword of an attribute type (dotted OID), for the ones certificates use most.
fn oid_keyword(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.4" => "SN",
        "2.5.4.5" => "serialNumber",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "STREET",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "title",
        "2.5.4.42" => "GN",
        "2.5.4.97" => "organizationIdentifier",
        "0.9.2342.19200300.100.1.25" => "DC",
        "0.9.2342.19200300.100.1.1" => "UID",
        "1.2.840.113549.1.9.1" => "emailAddress",
        _ => return None,
    })
}

/// A certificate name's `attributes` (as `der::subject_attributes` gives them) written for a
/// person to read, in the certificate's order: `CN=Signer,O=Example\, Inc.,C=BE`; a type
/// without a keyword as its dotted OID, a value that is no string as `#` and its hex.
pub(crate) fn display_name(attributes: &[(String, u8, &[u8])]) -> String {
    let written: Vec<String> = attributes
        .iter()
        .map(|(oid, tag, content)| {
            let kind = oid_keyword(oid).map_or_else(|| oid.clone(), str::to_string);
            let value = match string_value(*tag, content) {
                Some(text) => text
                    .chars()
                    .flat_map(|c| {
                        let escaped = matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';');
                        escaped.then_some('\\').into_iter().chain(
                            // Control characters would garble a log line.
                            std::iter::once(if c.is_control() { '?' } else { c }),
                        )
                    })
                    .collect(),
                None => format!(
                    "#{}",
                    content
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect::<String>()
                ),
            };
            format!("{kind}={value}")
        })
        .collect();
    written.join(",")
}

/// The text of a DER string value (`tag`, `content`): UTF8String, PrintableString, IA5String,
/// TeletexString (read as Latin-1), BMPString or UniversalString; `None` for another type.
pub(crate) fn string_value(tag: u8, content: &[u8]) -> Option<String> {
    match tag {
        0x0c | 0x13 | 0x16 => String::from_utf8(content.to_vec()).ok(),
        0x14 => Some(content.iter().map(|&b| char::from(b)).collect()),
        0x1e => {
            let units: Vec<u16> = content
                .chunks(2)
                .map(|pair| match pair {
                    [high, low] => Some(u16::from_be_bytes([*high, *low])),
                    _ => None,
                })
                .collect::<Option<_>>()?;
            String::from_utf16(&units).ok()
        }
        0x1c => content
            .chunks(4)
            .map(|quad| match quad {
                [a, b, c, d] => char::from_u32(u32::from_be_bytes([*a, *b, *c, *d])),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// The name `text` writes, `None` when it is not a distinguished name this reads.
pub(crate) fn parse_distinguished_name(text: &str) -> Option<DistinguishedName> {
    let mut attributes = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (attribute, after) = split_attribute(rest)?;
        attributes.push(attribute);
        rest = after.trim_start();
    }
    if attributes.is_empty() {
        return None;
    }
    Some(DistinguishedName::new(attributes))
}

/// The first `type=value` of `text` and what follows its separator (`,`, `;` or `+`).
fn split_attribute(text: &str) -> Option<((String, String), &str)> {
    let (keyword, after) = text.split_once('=')?;
    let keyword = keyword.trim();
    let oid = match keyword_oid(keyword) {
        Some(oid) => oid.to_string(),
        None => {
            let dotted = keyword
                .strip_prefix("OID.")
                .or_else(|| keyword.strip_prefix("oid."))
                .unwrap_or(keyword);
            let valid = !dotted.is_empty()
                && dotted
                    .split('.')
                    .all(|arc| !arc.is_empty() && arc.bytes().all(|b| b.is_ascii_digit()));
            if !valid {
                return None;
            }
            dotted.to_string()
        }
    };
    let (value, rest) = value(after.trim_start())?;
    Some(((oid, value), rest))
}

/// The value at the start of `text`, read up to an unescaped separator, and what follows the
/// separator: a quoted string, a `#` and the hexadecimal DER of a string, or text with `\`
/// escapes (of a character, or of a byte as two hexadecimal digits).
fn value(text: &str) -> Option<(String, &str)> {
    if let Some(quoted) = text.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = quoted.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '\\' => value.push(chars.next()?.1),
                '"' => {
                    let after = quoted[at + 1..].trim_start();
                    return Some((value, after_separator(after)?));
                }
                c => value.push(c),
            }
        }
        return None;
    }
    let bytes = text.as_bytes();
    let mut value: Vec<u8> = Vec::new();
    // Where the value's text ends without its trailing unescaped spaces.
    let mut kept = 0;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b',' | b';' | b'+' => break,
            b'\\' => {
                let next = *bytes.get(at + 1)?;
                let hex = bytes
                    .get(at + 1..at + 3)
                    .and_then(|pair| std::str::from_utf8(pair).ok())
                    .and_then(|pair| u8::from_str_radix(pair, 16).ok());
                match hex {
                    Some(byte) => {
                        value.push(byte);
                        at += 3;
                    }
                    None => {
                        value.push(next);
                        at += 2;
                    }
                }
                kept = value.len();
            }
            byte => {
                value.push(byte);
                at += 1;
                if byte != b' ' {
                    kept = value.len();
                }
            }
        }
    }
    value.truncate(kept);
    let rest = after_separator(&text[at..])?;
    if let Some(hex) = value.strip_prefix(b"#") {
        return Some((der_string(hex)?, rest));
    }
    Some((String::from_utf8(value).ok()?, rest))
}

/// What follows the separator at the start of `text` (nothing at its end).
fn after_separator(text: &str) -> Option<&str> {
    match text.as_bytes().first() {
        None => Some(""),
        Some(b',' | b';' | b'+') => Some(&text[1..]),
        Some(_) => None,
    }
}

/// The string a `#`-written value holds: hexadecimal digits of a DER string element.
fn der_string(hex: &[u8]) -> Option<String> {
    if hex.len() % 2 != 0 || hex.len() < 4 {
        return None;
    }
    let der: Vec<u8> = hex
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        })
        .collect::<Option<_>>()?;
    let (&tag, rest) = der.split_first()?;
    let (&length, content) = rest.split_first()?;
    // Short form only: an attribute value written this way is short.
    (usize::from(length) == content.len() && length < 0x80)
        .then(|| string_value(tag, content))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(attributes: &[(&str, &str)]) -> DistinguishedName {
        DistinguishedName::new(
            attributes
                .iter()
                .map(|(oid, value)| (oid.to_string(), value.to_string()))
                .collect(),
        )
    }

    #[test]
    fn writers_spellings_of_one_name_are_equal() {
        let expected = name(&[
            ("2.5.4.3", "Signer One"),
            ("2.5.4.10", "Example, Inc."),
            ("2.5.4.6", "BE"),
            ("1.2.840.113549.1.9.1", "a@example.org"),
        ]);
        for text in [
            "CN=Signer One,O=Example\\, Inc.,C=BE,emailAddress=a@example.org",
            "E=a@example.org, C=BE, O=\"Example, Inc.\", CN=Signer One",
            "cn = signer  one ; o=Example\\2C Inc. ; c=be ; OID.1.2.840.113549.1.9.1=A@example.org",
            "CN=Signer One+O=Example\\, Inc.,C=#13024245,1.2.840.113549.1.9.1=a@example.org",
        ] {
            assert_eq!(
                parse_distinguished_name(text),
                Some(expected.clone()),
                "{text}"
            );
        }
        // UTF-8 escaped byte by byte, as OpenSSL writes non-ASCII.
        assert_eq!(
            parse_distinguished_name("CN=Ren\\C3\\A9"),
            Some(name(&[("2.5.4.3", "René")]))
        );
        assert_ne!(
            parse_distinguished_name("CN=Signer Two,O=Example\\, Inc.,C=BE"),
            Some(expected)
        );
    }

    #[test]
    fn what_is_not_a_name_is_refused() {
        for text in [
            "",
            "CN",
            "XX=1",
            "1..2=x",
            "CN=\"open",
            "CN=a\\",
            "CN=\"a\" b",
            "CN=#1302",
            "CN=#zz",
        ] {
            assert_eq!(parse_distinguished_name(text), None, "{text}");
        }
    }

    #[test]
    fn names_are_written_for_people() {
        let attributes: Vec<(String, u8, &[u8])> = vec![
            (String::from("2.5.4.3"), 0x0c, b"Signer"),
            (String::from("2.5.4.10"), 0x13, b"Example, Inc."),
            (String::from("1.2.3.4"), 0x04, &[0xab, 0x01]),
            (String::from("2.5.4.11"), 0x0c, b"a\nb"),
        ];
        assert_eq!(
            display_name(&attributes),
            r"CN=Signer,O=Example\, Inc.,1.2.3.4=#ab01,OU=a?b"
        );
    }

    #[test]
    fn der_strings_of_each_kind_read() {
        assert_eq!(string_value(0x0c, "é".as_bytes()).as_deref(), Some("é"));
        assert_eq!(string_value(0x14, &[0xe9]).as_deref(), Some("é"));
        assert_eq!(
            string_value(0x1e, &[0, 0x41, 0, 0xe9]).as_deref(),
            Some("Aé")
        );
        assert_eq!(string_value(0x1c, &[0, 0, 0, 0x41]).as_deref(), Some("A"));
        assert_eq!(string_value(0x1e, &[0]), None);
        assert_eq!(string_value(0x04, b"x"), None);
    }
}
