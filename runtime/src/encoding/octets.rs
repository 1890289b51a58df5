//! SOAP-encoded arrays of octets (`xsd:byte[]`, `xsd:unsignedByte[]`), which a sender may
//! write either item by item, as their declaration says, or as one base64 value: SOAP 1.1
//! section 5.2.3 recommends base64 for an array of bytes, and Apache Axis 1 reads both forms
//! of the `xsd:byte[]` values of its `xsd:byte[][]` arrays (a Java `byte[][]`).

use crate::codec::{Codec, Plain};
use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::value::{typed_as_base64, SimpleValue, XmlValue};
use crate::xml::{Element, Ns, XmlReader, XmlWriter};

use super::SoapArray;

/// An octet: the item of an array of `xsd:byte` (`i8`, as Java's `byte`) or
/// `xsd:unsignedByte` (`u8`), made from a byte of a base64 value.
pub trait Octet: Sized {
    /// The octet of the byte `byte` (for `i8`, its two's complement reading).
    fn from_byte(byte: u8) -> Self;
}

impl Octet for u8 {
    fn from_byte(byte: u8) -> Self {
        byte
    }
}

impl Octet for i8 {
    fn from_byte(byte: u8) -> Self {
        i8::from_ne_bytes([byte])
    }
}

/// A SOAP-encoded array of octets as a `Vec`: written item by item as a [`SoapArray`] of
/// `item_type` (what `soapenc:arrayType="xsd:byte[N]"` declares, and what Axis writes); read
/// either way a sender writes it: items, or one base64 value, when the element is typed
/// base64 (`xsi:type` `xsd:base64Binary`, `soapenc:base64` or `soapenc:base64Binary`) or holds
/// text rather than item elements. Base64 values count against `max_bytes_len`.
#[derive(Debug, Clone, Copy)]
pub struct SoapOctets {
    /// The namespace slot of the item type.
    pub item_type_ns: Ns,
    /// The item type's local name (`byte` or `unsignedByte`).
    pub item_type: &'static str,
}

impl SoapOctets {
    /// The array written item by item.
    const fn items(&self) -> SoapArray<Plain> {
        SoapArray::new(self.item_type_ns, self.item_type, Plain)
    }
}

impl<T> Codec<Vec<T>> for SoapOctets
where
    T: Octet + Default,
    Plain: Codec<T>,
{
    fn write(&self, w: &mut XmlWriter, value: &Vec<T>) -> Result<(), EncodeError> {
        self.items().write(w, value)
    }

    fn read(&self, r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Vec<T>, DecodeError> {
        if typed_as_base64(r, element) {
            let bytes = <Vec<u8> as XmlValue>::read_content(r, element)?;
            return Ok(bytes.into_iter().map(T::from_byte).collect());
        }
        match r.plain_text_content() {
            Some(text) => decode_base64(r, element, &text),
            None => self.items().read(r, element),
        }
    }
}

/// The octets of the base64 text `text`, the whole content of `element`.
fn decode_base64<T: Octet>(
    r: &XmlReader<'_>,
    element: &Element<'_>,
    text: &str,
) -> Result<Vec<T>, DecodeError> {
    let bytes = Vec::<u8>::parse_text(text)
        .map_err(|reason| r.invalid_value(element, "base64Binary", text, reason))?;
    let max = r.limits().max_bytes_len;
    if bytes.len() > max {
        return Err(r.error_at(
            element.offset(),
            DecodeErrorKind::LimitExceeded {
                limit: "max_bytes_len",
                max,
            },
        ));
    }
    Ok(bytes.into_iter().map(T::from_byte).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::Limits;

    const OCTETS: SoapOctets = SoapOctets {
        item_type_ns: Ns::NONE,
        item_type: "xsd:byte",
    };

    fn read<T: Octet + Default>(xml: &str, limits: Limits) -> Result<Vec<T>, DecodeError>
    where
        Plain: Codec<T>,
    {
        let mut r = XmlReader::new(xml.as_bytes(), limits).expect("a document");
        let root = r.root().expect("a root");
        OCTETS.read(&mut r, &root)
    }

    const NS: &str = r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/""#;

    #[test]
    fn items_are_read_as_items() {
        let xml = format!(
            r#"<b {NS} xsi:type="soapenc:Array" soapenc:arrayType="xsd:byte[3]">
                 <item>0</item><item>1</item><item>-1</item></b>"#
        );
        assert_eq!(read::<i8>(&xml, Limits::default()), Ok(vec![0, 1, -1]));
    }

    #[test]
    fn a_base64_value_is_read_as_its_bytes_typed_or_not() {
        for typing in [
            r#"xsi:type="xsd:base64Binary""#,
            r#"xsi:type="soapenc:base64Binary""#,
            r#"xsi:type="soapenc:base64""#,
            "",
        ] {
            let xml = format!("<b {NS} {typing}>AAH/\n</b>");
            assert_eq!(
                read::<i8>(&xml, Limits::default()),
                Ok(vec![0, 1, -1]),
                "{xml}"
            );
            assert_eq!(
                read::<u8>(&xml, Limits::default()),
                Ok(vec![0, 1, 255]),
                "{xml}"
            );
        }
    }

    #[test]
    fn an_empty_array_is_empty_either_way() {
        for xml in [
            format!(r#"<b {NS} xsi:type="soapenc:Array" soapenc:arrayType="xsd:byte[0]"/>"#),
            format!(r#"<b {NS} xsi:type="xsd:base64Binary"></b>"#),
        ] {
            assert_eq!(read::<i8>(&xml, Limits::default()), Ok(vec![]), "{xml}");
        }
    }

    #[test]
    fn bad_base64_and_too_many_bytes_are_refused() {
        let bad = read::<i8>(&format!("<b {NS}>not base64!</b>"), Limits::default());
        assert!(
            matches!(&bad, Err(e) if matches!(e.kind, DecodeErrorKind::InvalidValue { .. })),
            "{bad:?}"
        );
        let limits = Limits {
            max_bytes_len: 2,
            ..Limits::default()
        };
        let long = read::<i8>(&format!("<b {NS}>AAH/</b>"), limits);
        assert!(
            matches!(&long, Err(e) if matches!(e.kind, DecodeErrorKind::LimitExceeded { .. })),
            "{long:?}"
        );
    }
}
