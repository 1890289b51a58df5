//! The attributes of a start tag, split and checked by XML's grammar (productions 40–41, 10,
//! 66–68) and Namespaces 1.0's names: whitespace before each attribute, a qualified name,
//! `=` with optional whitespace around it, and a quoted value holding no `<` and only
//! references to the five predefined entities or to characters XML allows.
//!
//! Values are not unescaped here: the reader asks `quick_xml` for the few it reads.

use std::borrow::Cow;

use super::chars::{is_qname, scan_name, shown, starts_name};

/// One attribute as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawAttribute<'a> {
    /// The qualified name.
    pub(crate) name: &'a str,
    /// The value between the quotes, references not resolved.
    pub(crate) value: &'a str,
    /// The value holds no reference, tab or line end: it reads as written.
    pub(crate) plain: bool,
}

impl<'a> RawAttribute<'a> {
    /// The value as read ([`normalized`]), borrowed without a look when it is plain.
    #[inline]
    pub(crate) fn normalized_value(&self) -> Cow<'a, str> {
        if self.plain {
            Cow::Borrowed(self.value)
        } else {
            normalized(self.value)
        }
    }
}

/// Splits `raw` (what follows the element name in a start tag, without a closing `/`) into
/// attributes, checking each; the message names what is wrong without echoing values.
#[derive(Debug)]
pub(crate) struct Attributes<'a> {
    raw: &'a str,
    at: usize,
}

impl<'a> Attributes<'a> {
    /// The attributes in `raw`.
    pub(crate) fn new(raw: &'a str) -> Self {
        Attributes { raw, at: 0 }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'a> Iterator for Attributes<'a> {
    type Item = Result<RawAttribute<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.raw.as_bytes();
        let before = self.at;
        while bytes.get(self.at).is_some_and(|&b| is_space(b)) {
            self.at += 1;
        }
        if self.at == bytes.len() {
            return None;
        }
        let result = self.attribute(before);
        if result.is_err() {
            // Nothing is read after an error.
            self.at = bytes.len();
        }
        Some(result)
    }
}

impl<'a> Attributes<'a> {
    fn attribute(&mut self, before: usize) -> Result<RawAttribute<'a>, String> {
        let bytes = self.raw.as_bytes();
        if self.at == before {
            return Err(String::from("attributes must be separated by whitespace"));
        }
        let name_start = self.at;
        // The name runs to whitespace or `=`: scanned by the byte table of names, and checked
        // character by character only when it holds a second colon or characters beyond
        // ASCII.
        let scanned = scan_name(&bytes[name_start..]);
        self.at = name_start + scanned.length;
        let name = &self.raw[name_start..self.at];
        let name_bytes = name.as_bytes();
        let ends_well = bytes.get(self.at).is_none_or(|&b| is_space(b) || b == b'=');
        let starts_well = name_bytes.first().is_some_and(|&b| starts_name(b))
            && (scanned.local == 0
                || name_bytes
                    .get(scanned.local)
                    .is_some_and(|&b| starts_name(b)));
        if !(ends_well && starts_well && (!scanned.unusual || is_qname(name))) {
            // Not echoed: what is not a name may be text a broken tag ran into.
            return Err(String::from(
                "an attribute name holds a character names cannot",
            ));
        }
        while bytes.get(self.at).is_some_and(|&b| is_space(b)) {
            self.at += 1;
        }
        if bytes.get(self.at) != Some(&b'=') {
            return Err(format!("attribute `{}` has no value", shown(name)));
        }
        self.at += 1;
        while bytes.get(self.at).is_some_and(|&b| is_space(b)) {
            self.at += 1;
        }
        let quote = match bytes.get(self.at) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                return Err(format!(
                    "the value of attribute `{}` is not quoted",
                    shown(name)
                ))
            }
        };
        let value_start = self.at + 1;
        let Some(length) = memchr::memchr(quote, &bytes[value_start..]) else {
            return Err(format!(
                "the value of attribute `{}` is not closed",
                shown(name)
            ));
        };
        let value = &self.raw[value_start..value_start + length];
        self.at = value_start + length + 1;
        let plain = is_plain(value.as_bytes());
        if !plain {
            check_value(value)
                .map_err(|what| format!("attribute `{}` holds {what}", shown(name)))?;
        }
        Ok(RawAttribute { name, value, plain })
    }
}

/// True when `value` holds no `<`, `&` and no byte below 0x20 (tab, line ends, and the
/// control characters the document scan refused already): then it needs neither checking nor
/// normalizing. Eight bytes at a time (Hacker's Delight 6-1: a zero byte of `x ^ c`, a byte
/// below 0x20 of `x`); namespace URIs and most values are plain.
#[inline]
fn is_plain(value: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOP_BITS: u64 = 0x8080_8080_8080_8080;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & TOP_BITS;
    let mut words = value.chunks_exact(8);
    let mut flagged = 0;
    for chunk in words.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        flagged |= (x.wrapping_sub(SPACES) & !x & TOP_BITS)
            | zero_byte(x ^ (ONES * u64::from(b'<')))
            | zero_byte(x ^ (ONES * u64::from(b'&')));
    }
    flagged == 0
        && !words
            .remainder()
            .iter()
            .any(|&b| b < 0x20 || b == b'<' || b == b'&')
}

/// Checks an attribute value: no `<`, and every `&` starts a reference to a predefined entity
/// or to a character XML allows.
fn check_value(value: &str) -> Result<(), &'static str> {
    let bytes = value.as_bytes();
    if memchr::memchr(b'<', bytes).is_some() {
        return Err("`<`");
    }
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'&', &bytes[from..]) {
        let start = from + found + 1;
        let Some(length) = memchr::memchr(b';', &bytes[start..]) else {
            return Err("`&` that does not start a reference");
        };
        let reference = &value[start..start + length];
        let known = match reference.strip_prefix('#') {
            Some(number) => character_reference(number).is_some(),
            None => matches!(reference, "lt" | "gt" | "amp" | "apos" | "quot"),
        };
        if !known {
            return Err("an unknown entity or invalid character reference");
        }
        from = start + length + 1;
    }
    Ok(())
}

/// An attribute value as read (XML 1.0 3.3.3): references resolved, each line end and
/// whitespace character a space. `value` must have been checked by [`Attributes`]; a
/// reference it would refuse is left out.
pub(crate) fn normalized(value: &str) -> Cow<'_, str> {
    let bytes = value.as_bytes();
    if memchr::memchr3(b'&', b'\t', b'\n', bytes).is_none()
        && memchr::memchr(b'\r', bytes).is_none()
    {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find(['&', '\t', '\n', '\r']) {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        rest = match rest.as_bytes()[at] {
            b'&' => {
                let length = after.find(';').unwrap_or(after.len());
                let reference = &after[..length];
                let c = match reference.strip_prefix('#') {
                    Some(number) => character_reference(number),
                    None => match reference {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "apos" => Some('\''),
                        "quot" => Some('"'),
                        _ => None,
                    },
                };
                out.extend(c);
                after.get(length + 1..).unwrap_or_default()
            }
            b'\r' => {
                out.push(' ');
                after.strip_prefix('\n').unwrap_or(after)
            }
            _ => {
                out.push(' ');
                after
            }
        };
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a character reference (`&#NNN;`, `&#xHHH;`, given without `&#` and `;`)
/// stands for, if it is a character XML 1.0 allows.
pub(crate) fn character_reference(number: &str) -> Option<char> {
    let (digits, radix) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    // `from_str_radix` takes a sign, which a reference does not.
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let code = u32::from_str_radix(digits, radix).ok()?;
    let c = char::from_u32(code)?;
    let allowed = matches!(c, '\t' | '\n' | '\r' | ' '..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        || code >= 0x10000;
    allowed.then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(raw: &str) -> Result<Vec<(&str, &str)>, String> {
        Attributes::new(raw)
            .map(|a| a.map(|a| (a.name, a.value)))
            .collect()
    }

    #[test]
    fn splits_quoted_values() {
        assert_eq!(
            split(" a='1' p:b = \"x&amp;&#60;&#x3e;\"\n").unwrap(),
            [("a", "1"), ("p:b", "x&amp;&#60;&#x3e;")]
        );
        assert_eq!(split("  ").unwrap(), []);
    }

    #[test]
    fn refuses_what_the_grammar_does_not_allow() {
        for raw in [
            " a='1'b='2'",
            " a=1",
            " a",
            " a='1",
            " a='<'",
            " a='&x;'",
            " a='&#0;'",
            " a='&#x;'",
            " a='&#-1;'",
            " a='&amp'",
            " a:b:c='1'",
            " :a='1'",
            " a:='1'",
            " 1a='1'",
        ] {
            assert!(split(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn tells_plain_values() {
        for value in [
            "",
            "urn:a",
            "http://schemas.xmlsoap.org/soap/envelope/",
            "Grüße 12345678",
        ] {
            assert!(is_plain(value.as_bytes()), "{value}");
        }
        for value in [
            "a<",
            "0123456789&amp;",
            "a\tb",
            "abcdefgh\n",
            "\r",
            "abcdefg<abcdefgh",
        ] {
            assert!(!is_plain(value.as_bytes()), "{value:?}");
        }
        let attribute = Attributes::new(" a='x&amp;y\tz'").next().unwrap().unwrap();
        assert_eq!(attribute.normalized_value(), "x&y z");
        let attribute = Attributes::new(" a='urn:x'").next().unwrap().unwrap();
        assert!(attribute.plain);
        assert_eq!(attribute.normalized_value(), "urn:x");
    }

    #[test]
    fn normalizes_values() {
        assert_eq!(normalized("urn:a"), "urn:a");
        assert_eq!(normalized("a&amp;b&#x41;\r\nc\td"), "a&bA c d");
    }

    #[test]
    fn reads_character_references() {
        assert_eq!(character_reference("65"), Some('A'));
        assert_eq!(character_reference("x1F600"), Some('😀'));
        assert_eq!(character_reference("xFFFE"), None);
        assert_eq!(character_reference("+65"), None);
        assert_eq!(character_reference("x+41"), None);
        assert_eq!(character_reference("12a"), None);
    }
}
