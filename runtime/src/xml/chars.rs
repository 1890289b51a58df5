//! Which characters XML 1.0 (fifth edition) allows: in a document at all (`Char`, production
//! 2) and in names (`NameStartChar`, `NameChar`, productions 4–5), with Namespaces 1.0's
//! qualified names (at most one colon, with a name on each side).

/// A byte class in names: may start a name.
const NAME: u8 = 1;
/// A byte class in names: the colon between prefix and local name.
const COLON: u8 = 2;
/// A byte class in names: may follow the first character.
const NAME_REST: u8 = 4;
/// A byte class in names: a byte of a character beyond ASCII, checked by its ranges.
const NON_ASCII: u8 = 8;

/// What each byte can be in a name.
const NAME_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = if b.is_ascii_alphabetic() || b == b'_' {
            NAME | NAME_REST
        } else if !b.is_ascii() {
            NAME | NAME_REST | NON_ASCII
        } else if b == b':' {
            COLON | NAME_REST
        } else if b.is_ascii_digit() || b == b'-' || b == b'.' {
            NAME_REST
        } else {
            0
        };
        i += 1;
    }
    table
};

/// The name at the start of `tag`, as far as bytes tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ScannedName {
    /// Its length in bytes (up to the first byte names cannot hold).
    pub(crate) length: usize,
    /// Where its local part starts: after the first colon, or 0.
    pub(crate) local: usize,
    /// It holds a second colon, or characters beyond ASCII (checked by [`is_qname`]).
    pub(crate) unusual: bool,
}

/// Scans the name at the start of `tag`.
///
/// Runs of ASCII letters and digits (most of every name) are passed over eight bytes at a
/// time ([`letters_and_digits`]); every other byte (a colon, `_`, `-`, `.`, a byte beyond
/// ASCII, the byte that ends the name) is classed by the byte table, one at a time. Letters and
/// digits are name characters that are neither a colon nor beyond ASCII, so passing over them
/// changes nothing the table would note.
#[inline]
pub(crate) fn scan_name(tag: &[u8]) -> ScannedName {
    let mut local = 0;
    let mut unusual = false;
    let mut i = 0;
    loop {
        while let Some(word) = tag.get(i..i + 8) {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(word);
            let run = letters_and_digits(u64::from_le_bytes(bytes));
            i += run;
            if run < 8 {
                break;
            }
        }
        let Some(&b) = tag.get(i) else {
            return ScannedName {
                length: tag.len(),
                local,
                unusual,
            };
        };
        let class = NAME_BYTES[usize::from(b)];
        if class == 0 {
            return ScannedName {
                length: i,
                local,
                unusual,
            };
        }
        // One test per byte for the two rare kinds: a colon, a byte beyond ASCII.
        if class & (COLON | NON_ASCII) != 0 {
            if class & COLON != 0 {
                unusual |= local != 0;
                local = i + 1;
            } else {
                unusual = true;
            }
        }
        i += 1;
    }
}

/// How many of the eight bytes of `word` (first byte lowest), from the first, are ASCII
/// letters or digits.
#[inline(always)]
fn letters_and_digits(word: u64) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // For 7-bit bytes, `x + (0x80 - c)` sets a byte's high bit exactly when `x >= c`, and no
    // byte carries into the next (the sum stays below 0x100).
    let at_least = |x: u64, c: u8| (x + ONES * u64::from(0x80 - c)) & HIGH;
    let x = word & LOW7;
    // ASCII `| 0x20` maps exactly the letters of both cases onto `a..=z`.
    let folded = x | (ONES * 0x20);
    let letters = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digits = at_least(x, b'0') & !at_least(x, b'9' + 1);
    // Bytes beyond ASCII (high bit set in `word`) are neither.
    let plain = (letters | digits) & !word & HIGH;
    ((!plain & HIGH).trailing_zeros() / 8) as usize
}

/// True when byte `b` may start a name other than by a colon (a byte beyond ASCII may: its
/// character is checked when [`ScannedName::unusual`] says so).
#[inline]
pub(crate) fn starts_name(b: u8) -> bool {
    NAME_BYTES[usize::from(b)] & NAME != 0
}

/// True when `c` may start a name.
fn is_name_start_char(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}'
        | '\u{f8}'..='\u{2ff}' | '\u{370}'..='\u{37d}' | '\u{37f}'..='\u{1fff}'
        | '\u{200c}'..='\u{200d}' | '\u{2070}'..='\u{218f}' | '\u{2c00}'..='\u{2fef}'
        | '\u{3001}'..='\u{d7ff}' | '\u{f900}'..='\u{fdcf}' | '\u{fdf0}'..='\u{fffd}'
        | '\u{10000}'..='\u{effff}')
}

/// True when `c` may follow the first character of a name.
fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{b7}' | '\u{300}'..='\u{36f}' | '\u{203f}'..='\u{2040}')
}

/// True when `name` is an XML name without a colon (an `NCName`).
pub(crate) fn is_ncname(name: &str) -> bool {
    let bytes = name.as_bytes();
    // ASCII names (nearly all) by the byte table: in ASCII, `NAME` and `NAME_REST` without
    // `COLON` are exactly the name characters.
    if bytes.is_ascii() {
        return bytes
            .first()
            .is_some_and(|&b| NAME_BYTES[usize::from(b)] & (NAME | COLON) == NAME)
            && bytes[1..]
                .iter()
                .all(|&b| NAME_BYTES[usize::from(b)] & (NAME_REST | COLON) == NAME_REST);
    }
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c != ':' && is_name_start_char(c))
        && chars.all(|c| c != ':' && is_name_char(c))
}

/// True when `name` is a qualified name: an `NCName`, or two joined by one colon.
pub(crate) fn is_qname(name: &str) -> bool {
    match name.split_once(':') {
        Some((prefix, local)) => is_ncname(prefix) && is_ncname(local),
        None => is_ncname(name),
    }
}

/// `name` when it is a name of at most 128 bytes, else a placeholder: a broken tag can swallow
/// the text after it, and that text may be a password.
pub(crate) fn shown(name: &str) -> &str {
    let is_name = name.split(':').all(is_ncname);
    if name.len() <= 128 && is_name {
        name
    } else {
        "(not a name)"
    }
}

/// What a pass over the whole document found: the first character XML does not allow
/// anywhere, and whether it holds a carriage return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CharScan {
    /// The byte offset of the first character outside `Char`: a control character other than
    /// tab, line feed and carriage return, or U+FFFE / U+FFFF (surrogates cannot be UTF-8).
    pub(crate) forbidden: Option<usize>,
    /// The document holds a carriage return.
    pub(crate) has_cr: bool,
}

/// Scans UTF-8 `text` for characters outside XML's `Char`. Blocks of 64 bytes are first
/// tested, eight bytes at a time, for a byte below 0x20 (a test without false answers, see
/// [`block_bytes`]); only the bytes below 0x20 of blocks that hold one are looked at
/// ([`controls_in_words`]). The same pass notes whether any byte is beyond ASCII: only then can
/// the document hold U+FFFE or U+FFFF, which are searched for after it.
pub(crate) fn scan_chars(text: &[u8]) -> CharScan {
    const BLOCK: usize = 64;
    let mut has_cr = false;
    let mut forbidden = None;
    let mut beyond_ascii = false;
    let mut blocks = text.chunks_exact(BLOCK);
    for (index, block) in blocks.by_ref().enumerate() {
        let (below_space, high) = block_bytes(block);
        beyond_ascii |= high;
        if !below_space {
            continue;
        }
        let (cr, control) = controls_in_words(block);
        has_cr |= cr;
        forbidden = control.map(|at| index * BLOCK + at);
        if forbidden.is_some() {
            break;
        }
    }
    let rest = blocks.remainder();
    if forbidden.is_none() && !rest.is_empty() {
        // The last bytes, padded with spaces to a block (spaces are neither controls nor
        // beyond ASCII), are tested the same way.
        let mut block = [b' '; BLOCK];
        block[..rest.len()].copy_from_slice(rest);
        let (below_space, high) = block_bytes(&block);
        beyond_ascii |= high;
        if below_space {
            let (cr, control) = controls_in_words(&block);
            has_cr |= cr;
            forbidden = control.map(|at| text.len() - rest.len() + at);
        }
    }
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF; EF starts only characters from U+F000 on,
    // which are rare. (A scan stopped early by a control character may not have seen every
    // byte beyond ASCII: then the search runs anyway.)
    let noncharacter = if beyond_ascii || forbidden.is_some() {
        memchr::memchr_iter(0xef, text).find(|&at| {
            text.get(at + 1) == Some(&0xbf) && matches!(text.get(at + 2), Some(0xbe | 0xbf))
        })
    } else {
        None
    };
    CharScan {
        forbidden: match (forbidden, noncharacter) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        },
        has_cr,
    }
}

/// Whether one of `block`'s bytes is below 0x20, and whether one is beyond ASCII. For each
/// word of eight bytes, a byte below 0x20 borrows in `word - 0x20…20` and sets its top bit,
/// which `!word` keeps only for bytes below 0x80: the test finds every such byte and no other
/// (Hacker's Delight, 6-1).
#[inline]
fn block_bytes(block: &[u8]) -> (bool, bool) {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    const TOP_BITS: u64 = 0x8080_8080_8080_8080;
    let mut below_space = 0;
    let mut high = 0;
    let mut words = block.chunks_exact(8);
    for word in words.by_ref() {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(word).unwrap_or([0; 8]));
        below_space |= word.wrapping_sub(SPACES) & !word;
        high |= word;
    }
    let rest = words.remainder();
    (
        below_space & TOP_BITS != 0 || rest.iter().any(|&b| b < 0x20),
        high & TOP_BITS != 0 || !rest.is_ascii(),
    )
}

/// Whether `block` (whole words of eight bytes) holds a carriage return, and where its first
/// control character other than tab, line feed and carriage return is. Bytes below 0x20 are
/// found exactly, a word at a time (`(b & 0x7f) + 0x60` sets the top bit of every byte from
/// 0x20 up, without a carry into the next byte), and only those are looked at: a line break
/// costs a few instructions, not a pass over its block.
fn controls_in_words(block: &[u8]) -> (bool, Option<usize>) {
    const LOW_SEVEN: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const TO_SPACE: u64 = 0x6060_6060_6060_6060;
    const TOP_BITS: u64 = 0x8080_8080_8080_8080;
    let mut has_cr = false;
    for (index, word) in block.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(word).unwrap_or([0; 8]));
        let mut below_space = !(((x & LOW_SEVEN) + TO_SPACE) | x) & TOP_BITS;
        while below_space != 0 {
            // Little-endian: the lowest flagged bit is the first byte.
            let at = index * 8 + below_space.trailing_zeros() as usize / 8;
            match block.get(at) {
                Some(b'\r') => has_cr = true,
                Some(b'\t' | b'\n') | None => {}
                Some(_) => return (has_cr, Some(at)),
            }
            below_space &= below_space - 1;
        }
    }
    (has_cr, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_names_and_qualified_names() {
        for name in ["a", "p:b", "_x-y.z", "Ünï", "a\u{b7}b", "\u{10000}"] {
            assert!(is_qname(name), "{name}");
        }
        for name in [
            "", "1a", ":a", "a:", "a:b:c", "a b", "\u{d7}", "a\u{37e}", "-a",
        ] {
            assert!(!is_qname(name), "{name}");
        }
        assert_eq!(
            scan_name(b"p:b x"),
            ScannedName {
                length: 3,
                local: 2,
                unusual: false
            }
        );
        assert!(scan_name(b"a:b:c").unusual);
        // Every byte value, at every place of a word and across words, against the byte
        // table alone.
        let by_table = |tag: &[u8]| {
            let length = tag
                .iter()
                .position(|&b| NAME_BYTES[usize::from(b)] == 0)
                .unwrap_or(tag.len());
            let colons: Vec<usize> = (0..length).filter(|&i| tag[i] == b':').collect();
            ScannedName {
                length,
                local: colons.first().map_or(0, |&i| i + 1),
                unusual: colons.len() > 1 || !tag[..length].is_ascii(),
            }
        };
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut tag = b"abcdefghijKLMNOPQR0123456789xyz>".to_vec();
                tag[at] = b;
                assert_eq!(scan_name(&tag), by_table(&tag), "{b:#x} at {at}");
                assert_eq!(scan_name(&tag[..at + 1]), by_table(&tag[..at + 1]));
            }
        }
        for b in 0..=255u8 {
            let word = u64::from_le_bytes([b'a', b'Z', b'0', b'9', b, b'z', b'A', b'5']);
            let plain = b.is_ascii_alphanumeric();
            assert_eq!(
                letters_and_digits(word),
                if plain { 8 } else { 4 },
                "{b:#x}"
            );
        }
        assert!(scan_name("Ü".as_bytes()).unusual);
        assert_eq!(shown("a:b"), "a:b");
        assert_eq!(shown("a b"), "(not a name)");
    }

    #[test]
    fn ascii_names_are_told_by_the_table_as_by_the_productions() {
        let by_chars = |name: &str| {
            let mut chars = name.chars();
            chars
                .next()
                .is_some_and(|c| c != ':' && is_name_start_char(c))
                && chars.all(|c| c != ':' && is_name_char(c))
        };
        for first in 0u8..128 {
            for second in 0u8..128 {
                for name in [
                    String::from(char::from(first)),
                    format!("{}{}", char::from(first), char::from(second)),
                    format!("a{}{}", char::from(first), char::from(second)),
                ] {
                    assert_eq!(is_ncname(&name), by_chars(&name), "{name:?}");
                }
            }
        }
    }

    #[test]
    fn finds_characters_xml_does_not_allow() {
        let long = "x".repeat(40);
        for (text, at) in [
            (format!("{long}\u{c}"), Some(40)),
            (format!("\t\n{long}\r"), None),
            (format!("{long}a\u{fffe}"), Some(41)),
            (format!("\u{ffff}{long}"), Some(0)),
            (format!("{long}\u{fffd}\u{0}"), Some(43)),
            (String::from("a\u{1}"), Some(1)),
        ] {
            assert_eq!(scan_chars(text.as_bytes()).forbidden, at, "{text:?}");
        }
        assert!(scan_chars(format!("{long}\r").as_bytes()).has_cr);
        assert!(!scan_chars(long.as_bytes()).has_cr);
    }

    #[test]
    fn finds_every_control_character_between_line_breaks() {
        // Indented text, as a pretty printer writes it: a line break in every block.
        let text: Vec<u8> = "<a>\r\n\t<b>x\u{e9}</b>\n".repeat(20).into_bytes();
        assert_eq!(scan_chars(&text).forbidden, None);
        assert!(scan_chars(&text).has_cr);
        for at in 0..text.len() {
            for control in [0u8, 1, 0x0b, 0x0c, 0x1f] {
                let mut broken = text.clone();
                broken[at] = control;
                assert_eq!(scan_chars(&broken).forbidden, Some(at), "{control} at {at}");
            }
        }
        let lf_only: Vec<u8> = "<a>\n  <b/>\n".repeat(20).into_bytes();
        assert!(!scan_chars(&lf_only).has_cr);
    }
}
