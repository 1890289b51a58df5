//! How values become XML content and back: the [`XmlValue`] trait, simple (text) values and
//! the primitive XML Schema types.

use std::borrow::Cow;

use base64::Engine as _;

use crate::codec::{Field, XmlStruct};
use crate::error::{DecodeError, EncodeError};
use crate::xml::{Element, XmlReader, XmlWriter};

mod lexical;

pub(crate) use lexical::typed_as_base64;
pub use lexical::{LexicalError, LexicalValue, NamespaceScope};

/// A value that is the content of an element: text for simple types, children for structs.
pub trait XmlValue: Sized {
    /// Writes the content (and any attributes) of the element just opened.
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;
    /// Reads the content of `element` up to and including its end tag.
    fn read_content(r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Self, DecodeError>;
    /// The value of a SOAP body without an element (a message without parts); `None` for the
    /// types that are an element's content, which is all but `()`.
    fn empty_body() -> Option<Self> {
        None
    }
    /// True for the parts of a message bound part by part without a wrapper element: the SOAP
    /// Body's children are the value's fields (see [`XmlStruct::BODY_PARTS`]).
    ///
    /// [`XmlStruct::BODY_PARTS`]: crate::XmlStruct::BODY_PARTS
    fn body_parts() -> bool {
        false
    }
}

/// The body of a message without parts: an empty `soap:Body`.
impl XmlValue for () {
    fn write_content(&self, _w: &mut XmlWriter) -> Result<(), EncodeError> {
        Ok(())
    }
    fn read_content(r: &mut XmlReader<'_>, _element: &Element<'_>) -> Result<Self, DecodeError> {
        r.skip()
    }
    fn empty_body() -> Option<Self> {
        Some(())
    }
}

/// Headers or a body read only to be skipped, and written as nothing: the headers of a message
/// that carries none, or the parts of an answer looked at only for its fault.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Skipped;

impl XmlStruct for Skipped {
    const TYPE_NAME: &'static str = "(skipped)";
    const FIELDS: &'static [Field] = &[];
    fn read_field(
        &mut self,
        _index: usize,
        r: &mut XmlReader<'_>,
        _element: &Element<'_>,
    ) -> Result<(), DecodeError> {
        r.skip()
    }
    fn write_fields(&self, _w: &mut XmlWriter) -> Result<(), EncodeError> {
        Ok(())
    }
}

impl XmlValue for Skipped {
    fn write_content(&self, _w: &mut XmlWriter) -> Result<(), EncodeError> {
        Ok(())
    }
    fn read_content(r: &mut XmlReader<'_>, _element: &Element<'_>) -> Result<Self, DecodeError> {
        r.skip().map(|()| Skipped)
    }
}

/// A value written as element text: primitives, enumerations, lists.
pub trait SimpleValue: Sized {
    /// The XML Schema type name, for error messages.
    const XSD_TYPE: &'static str;
    /// True for `base64Binary`, whose text is limited by [`Limits::max_bytes_len`]
    /// (counted decoded) rather than [`Limits::max_string_len`].
    ///
    /// [`Limits::max_bytes_len`]: crate::xml::Limits::max_bytes_len
    /// [`Limits::max_string_len`]: crate::xml::Limits::max_string_len
    const BINARY: bool = false;
    /// Writes the value as text.
    fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;
    /// Parses the value from its (unescaped) text.
    fn parse_text(text: &str) -> Result<Self, String>;
    /// Parses the value from text the reader already owns (it held entity references): types
    /// that keep their text take it instead of copying it. On success `text` may be left empty.
    fn parse_owned_text(text: &mut String) -> Result<Self, String> {
        Self::parse_text(text)
    }
    /// True for `string`, whose element may arrive typed `xsi:type="xsd:base64Binary"` (or
    /// `soapenc:base64`) with its text's UTF-8 bytes in base64, as Perl's SOAP::Lite sends text
    /// it takes for binary (non-ASCII text, by default): such text is decoded, not kept as the
    /// base64 characters.
    const TEXTUAL: bool = false;
    /// The value of a `base64Binary` type from the bytes of an MTOM part (for [`Self::BINARY`]
    /// types; the others are never asked).
    fn from_bytes(bytes: Cow<'_, [u8]>) -> Result<Self, String> {
        let _ = bytes;
        Err(format!("{} is not base64Binary", Self::XSD_TYPE))
    }
}

/// Every text value is an element's content: its text, prefixes bound on the element first.
impl<T: LexicalValue> XmlValue for T {
    #[inline]
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        self.bind_namespaces(w)?;
        self.write_lexical(w)
    }

    #[inline]
    fn read_content(r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Self, DecodeError> {
        T::read_element(r, element)
    }
}

impl SimpleValue for String {
    const XSD_TYPE: &'static str = "string";
    const TEXTUAL: bool = true;
    fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.text(self)
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
    fn parse_owned_text(text: &mut String) -> Result<Self, String> {
        Ok(std::mem::take(text))
    }
}

impl SimpleValue for bool {
    const XSD_TYPE: &'static str = "boolean";
    fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.safe_text(if *self { "true" } else { "false" });
        Ok(())
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        match text.trim_ascii() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err("expected true, false, 1 or 0".into()),
        }
    }
}

macro_rules! integer_values {
    ($($ty:ty => $xsd:literal),* $(,)?) => {$(
        impl SimpleValue for $ty {
            const XSD_TYPE: &'static str = $xsd;
            fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
                let mut buf = [0u8; 40];
                w.safe_text(format_integer(i128::from(*self), &mut buf));
                Ok(())
            }
            fn parse_text(text: &str) -> Result<Self, String> {
                text.trim_ascii().parse::<$ty>().map_err(|e| e.to_string())
            }
        }
    )*};
}

integer_values!(i8 => "byte", i16 => "short", i32 => "int", i64 => "long", u8 => "unsignedByte", u16 => "unsignedShort", u32 => "unsignedInt", u64 => "unsignedLong");

/// Formats `n` in decimal into `buf`, without allocating.
fn format_integer(n: i128, buf: &mut [u8; 40]) -> &str {
    let mut i = buf.len();
    let negative = n < 0;
    let mut rest = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if negative {
        i -= 1;
        buf[i] = b'-';
    }
    // Only ASCII digits and '-' were written.
    std::str::from_utf8(&buf[i..]).unwrap_or_default()
}

macro_rules! float_values {
    ($($ty:ty => $xsd:literal),*) => {$(
        impl SimpleValue for $ty {
            const XSD_TYPE: &'static str = $xsd;
            fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
                if self.is_nan() {
                    w.safe_text("NaN");
                } else if self.is_infinite() {
                    w.safe_text(if *self > 0.0 { "INF" } else { "-INF" });
                } else {
                    // `Debug` gives the shortest text that reads back to the same value.
                    w.safe_text(&format!("{self:?}"));
                }
                Ok(())
            }
            fn parse_text(text: &str) -> Result<Self, String> {
                match text.trim_ascii() {
                    "INF" | "+INF" => Ok(<$ty>::INFINITY),
                    "-INF" => Ok(<$ty>::NEG_INFINITY),
                    "NaN" => Ok(<$ty>::NAN),
                    t if t.eq_ignore_ascii_case("inf") || t.eq_ignore_ascii_case("infinity") || t.eq_ignore_ascii_case("nan") => {
                        Err("special values are spelled INF, -INF and NaN".into())
                    }
                    t => t.parse::<$ty>().map_err(|e| e.to_string()),
                }
            }
        }
    )*};
}

float_values!(f32 => "float", f64 => "double");

/// `xs:base64Binary` as bytes.
impl SimpleValue for Vec<u8> {
    const XSD_TYPE: &'static str = "base64Binary";
    const BINARY: bool = true;
    fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        if w.include_binary(self) {
            return Ok(());
        }
        let element = w.current_element();
        let too_large = || EncodeError::InvalidValue {
            element: element.to_string(),
            reason: "too many bytes to encode as base64".into(),
        };
        let len = base64::encoded_len(self.len(), true).ok_or_else(too_large)?;
        let buf = w.content_buffer();
        let start = buf.len();
        buf.resize(start + len, 0);
        base64::engine::general_purpose::STANDARD
            .encode_slice(self, &mut buf[start..])
            .map_err(|_| too_large())?;
        Ok(())
    }
    fn from_bytes(bytes: Cow<'_, [u8]>) -> Result<Self, String> {
        // A part moved out of an owned message is taken as it is: no copy.
        Ok(bytes.into_owned())
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        let engine = &base64::engine::general_purpose::STANDARD;
        if text.bytes().any(|b| b.is_ascii_whitespace()) {
            let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
            engine.decode(compact).map_err(|e| e.to_string())
        } else {
            engine.decode(text).map_err(|e| e.to_string())
        }
    }
}

/// `ser:char`: a character sent as its code point number.
impl SimpleValue for char {
    const XSD_TYPE: &'static str = "char";
    fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        u32::from(*self).write_text(w)
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        let code = u32::parse_text(text)?;
        char::from_u32(code).ok_or_else(|| format!("{code} is not a Unicode scalar value"))
    }
}
