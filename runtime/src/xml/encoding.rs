//! The character encoding of a document, and its decoding to UTF-8 once, before tokenizing.
//!
//! The encoding is taken from, in this order: the HTTP `charset` parameter, a byte order mark,
//! the XML declaration (XML 1.0 appendix F; RFC 7303), and UTF-8 when none says. Labels are
//! the WHATWG Encoding Standard's, decoded with `encoding_rs` (so `ISO-8859-1` reads as
//! windows-1252, as browsers read it). A document that says two different things (a charset
//! and a byte order mark or declaration that disagree, a UTF-16 declaration in bytes that are
//! not UTF-16) is refused: two readers would read it differently.
//!
//! UTF-8 input is not copied. Decoded input is UTF-8 with no byte order mark, and the
//! encoding its declaration names becomes `UTF-8`, so that the result is itself a correct
//! document: [`XmlReader::new`](super::XmlReader::new) refuses a document whose declaration
//! names an encoding that does not fit its bytes.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::declaration;
use crate::error::{DecodeError, DecodeErrorKind, Location};

/// Decodes `bytes`, a whole XML document, to UTF-8. `charset` is the `charset` parameter of
/// the HTTP `Content-Type`, if one was sent ([`charset_of`] finds it).
///
/// UTF-8 input (by its charset, byte order mark, declaration, or for lack of any) is returned
/// as it is, not checked yet: [`XmlReader::new`](super::XmlReader::new) checks it. Anything
/// else is decoded strictly (a byte sequence the encoding does not define is an error, not a
/// replacement character), without its byte order mark, with its declaration's encoding
/// rewritten to `UTF-8`.
pub fn decode_document<'a>(
    bytes: &'a [u8],
    charset: Option<&str>,
) -> Result<Cow<'a, [u8]>, DecodeError> {
    let fail = |offset: usize, message: String| DecodeError {
        kind: DecodeErrorKind::Encoding(message),
        location: Location::in_input(bytes, offset as u64),
    };
    let bom = Encoding::for_bom(bytes);
    let from_charset = match charset {
        Some(label) => Some(encoding_for(label).map_err(|message| fail(0, message))?),
        None => None,
    };
    if let (Some(by_charset), Some((by_bom, _))) = (from_charset, bom) {
        if !same_family(by_charset, by_bom) {
            return Err(fail(
                0,
                format!(
                    "the charset says {} but the byte order mark says {}",
                    by_charset.name(),
                    by_bom.name()
                ),
            ));
        }
    }
    // A byte order mark wins over a charset of the same family: it tells UTF-16's byte order.
    // Without a byte order mark, UTF-16's byte order shows in the first characters, `<?`;
    // the label `utf-16` alone means little-endian (as WHATWG reads it).
    let by_pattern = utf16_without_bom(bytes);
    let from_charset = match (from_charset, by_pattern) {
        (Some(charset), Some(pattern)) if same_family(charset, pattern) => Some(pattern),
        (charset, _) => charset,
    };
    let known = bom
        .map(|(encoding, _)| encoding)
        .or(from_charset)
        .or(by_pattern);
    let encoding = match known {
        Some(encoding) => encoding,
        None => declared_in_ascii(bytes)
            .map_err(|(offset, message)| fail(offset, message))?
            .unwrap_or(UTF_8),
    };
    if encoding == UTF_8 {
        return Ok(Cow::Borrowed(bytes));
    }
    let body = &bytes[bom.map_or(0, |(_, length)| length)..];
    let mut text = decode_strictly(encoding, body).map_err(|at| {
        fail(
            bytes.len() - body.len() + at,
            format!("the document is not valid {}", encoding.name()),
        )
    })?;
    if declaration::starts_declaration(text.as_bytes()) {
        let declared =
            declaration::parse(text.as_bytes()).map_err(|e| fail(e.offset, e.message))?;
        if let (Some(label), Some(range)) = (declared.encoding, declared.encoding_at) {
            let by_declaration =
                encoding_for(label).map_err(|message| fail(range.start, message))?;
            if !same_family(by_declaration, encoding) {
                return Err(fail(
                    range.start,
                    format!("the document declares {label} but is {}", encoding.name()),
                ));
            }
            text.replace_range(range, "UTF-8");
        }
    }
    Ok(Cow::Owned(text.into_bytes()))
}

/// The `charset` parameter of a `Content-Type` value, without quotes, if it has one.
pub fn charset_of(content_type: &str) -> Option<&str> {
    // The content type of nearly every SOAP 1.1 message, without splitting it.
    const SOAP11: &str = "text/xml; charset=utf-8";
    if content_type.eq_ignore_ascii_case(SOAP11) {
        return content_type.get(SOAP11.len() - "utf-8".len()..);
    }
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').trim())
            .filter(|value| !value.is_empty())
    })
}

/// The encoding a label names; an error message for a label no decoder knows, or one the
/// Encoding Standard maps to its "replacement" decoder (labels of unsafe encodings).
pub(crate) fn encoding_for(label: &str) -> Result<&'static Encoding, String> {
    let label = label.trim().trim_matches('"');
    // The label nearly every document carries, without the Encoding Standard's lookup.
    if label.eq_ignore_ascii_case("utf-8") {
        return Ok(encoding_rs::UTF_8);
    }
    match Encoding::for_label_no_replacement(label.as_bytes()) {
        Some(encoding) => Ok(encoding),
        None => {
            let shown: String = label.chars().take(40).collect();
            Err(format!("unsupported encoding `{shown}`"))
        }
    }
}

/// True when `a` and `b` read a document the same way: equal, or both UTF-16 (whose byte
/// order a byte order mark tells).
fn same_family(a: &'static Encoding, b: &'static Encoding) -> bool {
    let utf16 = |e: &'static Encoding| e == UTF_16LE || e == UTF_16BE;
    a == b || (utf16(a) && utf16(b))
}

/// UTF-16 told by the first characters, `<?`, when there is no byte order mark (appendix F).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes.get(..4)? {
        [b'<', 0, b'?', 0] => Some(UTF_16LE),
        [0, b'<', 0, b'?'] => Some(UTF_16BE),
        _ => None,
    }
}

/// The encoding the XML declaration names, for a document in an ASCII-compatible encoding
/// (the only kind left once byte order marks and UTF-16 are ruled out); `None` when there is
/// no declaration or it names none. Refuses a UTF-16 or unknown label, and four-byte
/// encodings (UCS-4) and EBCDIC, which `encoding_rs` does not decode.
fn declared_in_ascii(bytes: &[u8]) -> Result<Option<&'static Encoding>, (usize, String)> {
    if matches!(
        bytes.get(..4),
        Some([0, 0, 0, b'<'] | [b'<', 0, 0, 0] | [0, 0, b'<', 0] | [0, b'<', 0, 0])
    ) {
        return Err((
            0,
            String::from("UCS-4 (UTF-32) documents are not supported"),
        ));
    }
    if bytes.starts_with(&[0x4c, 0x6f, 0xa7, 0x94]) {
        return Err((0, String::from("EBCDIC documents are not supported")));
    }
    if !declaration::starts_declaration(bytes) {
        return Ok(None);
    }
    // A malformed declaration is left to the tokenizer, which says why.
    let Ok(declared) = declaration::parse(bytes) else {
        return Ok(None);
    };
    let (Some(label), Some(range)) = (declared.encoding, declared.encoding_at) else {
        return Ok(None);
    };
    let encoding = encoding_for(label).map_err(|message| (range.start, message))?;
    if !encoding.is_ascii_compatible() {
        return Err((
            range.start,
            format!("the document declares {label} but its bytes are not {label}"),
        ));
    }
    Ok(Some(encoding))
}

/// `bytes` decoded by `encoding`; the offset of the first byte sequence it does not define
/// otherwise.
fn decode_strictly(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or(0usize)?;
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, unread) => {
            Err(read.saturating_sub(usize::from(bad) + usize::from(unread)))
        }
        // The buffer was sized for the worst case.
        DecoderResult::OutputFull => Err(read),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian {
                [0xfe, 0xff]
            } else {
                [0xff, 0xfe]
            });
        }
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    fn decoded(bytes: &[u8], charset: Option<&str>) -> String {
        String::from_utf8(decode_document(bytes, charset).unwrap().into_owned()).unwrap()
    }

    #[test]
    fn keeps_utf8_as_it_is() {
        let bytes = "<?xml version='1.0' encoding='utf-8'?><a>Grüße</a>".as_bytes();
        assert!(matches!(decode_document(bytes, None), Ok(Cow::Borrowed(_))));
        assert!(matches!(
            decode_document(bytes, Some("UTF-8")),
            Ok(Cow::Borrowed(_))
        ));
    }

    #[test]
    fn decodes_utf16_by_bom_declaration_or_charset() {
        let text = "<?xml version='1.0' encoding='UTF-16'?><a>Grüße 𝄞</a>";
        let expected = "<?xml version='1.0' encoding='UTF-8'?><a>Grüße 𝄞</a>";
        for big_endian in [false, true] {
            assert_eq!(decoded(&utf16(text, big_endian, true), None), expected);
            assert_eq!(decoded(&utf16(text, big_endian, false), None), expected);
            assert_eq!(
                decoded(&utf16("<a/>", big_endian, true), Some("utf-16")),
                "<a/>"
            );
        }
        assert_eq!(
            decoded(&utf16("<a/>", false, false), Some("utf-16le")),
            "<a/>"
        );
        assert_eq!(
            decoded(
                &utf16("<?xml version='1.0'?><a/>", true, false),
                Some("utf-16")
            ),
            "<?xml version='1.0'?><a/>"
        );
    }

    #[test]
    fn decodes_single_byte_encodings() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>Gr\xfc\xdfe \x80</a>";
        assert_eq!(
            decoded(latin1, None),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>Grüße €</a>"
        );
        assert_eq!(decoded(b"<a>\xe9</a>", Some("windows-1252")), "<a>é</a>");
        assert_eq!(decoded(b"<a>\xe4</a>", Some("\"iso-8859-15\"")), "<a>ä</a>");
    }

    #[test]
    fn refuses_contradictions_and_unknown_labels() {
        let kind = |bytes: &[u8], charset| decode_document(bytes, charset).unwrap_err().kind;
        for (bytes, charset) in [
            (utf16("<a/>", false, true), Some("iso-8859-1")),
            (
                b"<?xml version='1.0' encoding='UTF-16'?><a/>".to_vec(),
                None,
            ),
            (
                utf16(
                    "<?xml version='1.0' encoding='ISO-8859-1'?><a/>",
                    true,
                    true,
                ),
                None,
            ),
            (b"<a/>".to_vec(), Some("klingon")),
            (b"<a/>".to_vec(), Some("iso-2022-kr")),
            (
                b"<?xml version='1.0' encoding='x-nope'?><a/>".to_vec(),
                None,
            ),
            (b"\0\0\0<".to_vec(), None),
            (utf16("<a>", false, true)[..5].to_vec(), None),
        ] {
            assert!(
                matches!(kind(&bytes, charset), DecodeErrorKind::Encoding(_)),
                "{bytes:?} {charset:?}"
            );
        }
    }

    #[test]
    fn finds_the_charset_parameter() {
        assert_eq!(
            charset_of("text/xml; charset=\"UTF-16\"; action=x"),
            Some("UTF-16")
        );
        assert_eq!(
            charset_of("application/soap+xml;Charset=utf-8"),
            Some("utf-8")
        );
        assert_eq!(charset_of("text/xml"), None);
        assert_eq!(charset_of("text/xml; charset="), None);
        assert_eq!(charset_of("text/xml; charset=utf-8"), Some("utf-8"));
        assert_eq!(charset_of("TEXT/XML; Charset=UTF-8"), Some("UTF-8"));
    }
}
