//! The Rust shapes of the XML Schema and WCF serialization built-in types.

use super::{Shape, ATTACHMENT, SERIALIZATION_NS};
use crate::model::{Facets, QName, XSD_NS};

/// The namespace of the WS-I Attachments Profile's `swaRef` type.
const WSI_SWAREF_NS: &str = "http://ws-i.org/profiles/basic/1.1/xsd";

/// The Rust shape of a built-in XML Schema or WCF serialization type.
pub(super) fn builtin(name: &QName) -> Option<Shape> {
    let path = match (name.namespace.as_str(), name.local.as_str()) {
        (
            XSD_NS,
            "string" | "anyURI" | "normalizedString" | "token" | "language" | "Name" | "NCName"
            | "ID" | "IDREF" | "NMTOKEN" | "ENTITY" | "anySimpleType" | "date" | "time" | "gYear"
            | "gYearMonth" | "gMonth" | "gMonthDay" | "gDay" | "hexBinary" | "IDREFS" | "NMTOKENS"
            | "ENTITIES" | "NOTATION",
        ) => "String",
        // Whatever the sender puts there, kept as read (`xsi:type`, attributes, content).
        (XSD_NS, "anyType") => "AnyValue",
        (XSD_NS, "boolean") => "bool",
        (XSD_NS, "byte") => "i8",
        (XSD_NS, "short") => "i16",
        (XSD_NS, "int") => "i32",
        (XSD_NS, "long") => "i64",
        (XSD_NS, "unsignedByte") => "u8",
        (XSD_NS, "unsignedShort") => "u16",
        (XSD_NS, "unsignedInt") => "u32",
        (XSD_NS, "unsignedLong") => "u64",
        (
            XSD_NS,
            "integer" | "nonNegativeInteger" | "positiveInteger" | "nonPositiveInteger"
            | "negativeInteger" | "decimal",
        ) => "Decimal",
        (XSD_NS, "float") => "f32",
        (XSD_NS, "double") => "f64",
        (XSD_NS, "dateTime") => "DateTime",
        (XSD_NS, "duration") | (SERIALIZATION_NS, "duration") => "Duration",
        (XSD_NS, "base64Binary") => "Vec<u8>",
        (XSD_NS, "QName") => "QName",
        (SERIALIZATION_NS, "guid") => "Guid",
        (SERIALIZATION_NS, "char") => "char",
        // WS-I Attachments Profile: a `cid:` reference to a MIME part, read as that part.
        (WSI_SWAREF_NS, "swaRef") => ATTACHMENT,
        _ => return None,
    };
    Some(Shape::Builtin(path))
}

/// The Rust integer for a value of `builtin`, one of XML Schema's unbounded integer types
/// (`Decimal` unless narrowed), restricted by `facets`: `i32` or `i64` when the bounds and
/// digits allow no value beyond it (`xs:integer` from 1 to 99, a `positiveInteger` of at
/// most 9 digits), else `None`. Only bounds that read as integers count.
pub(super) fn narrowed_integer(builtin: &QName, facets: &Facets) -> Option<&'static str> {
    if builtin.namespace != XSD_NS {
        return None;
    }
    let (mut low, mut high): (Option<i128>, Option<i128>) = match builtin.local.as_str() {
        "integer" => (None, None),
        "nonNegativeInteger" => (Some(0), None),
        "positiveInteger" => (Some(1), None),
        "nonPositiveInteger" => (None, Some(0)),
        "negativeInteger" => (None, Some(-1)),
        _ => return None,
    };
    let mut raise = |bound: Option<i128>| {
        if let Some(b) = bound {
            low = Some(low.map_or(b, |l| l.max(b)));
        }
    };
    raise(facets.min_inclusive.as_deref().and_then(integer));
    raise(
        facets
            .min_exclusive
            .as_deref()
            .and_then(integer)
            .map(|b| b + 1),
    );
    let digits_limit = facets
        .total_digits
        .filter(|digits| *digits <= 38)
        .map(|digits| 10i128.pow(digits) - 1);
    raise(digits_limit.map(|limit| -limit));
    let mut lower = |bound: Option<i128>| {
        if let Some(b) = bound {
            high = Some(high.map_or(b, |h| h.min(b)));
        }
    };
    lower(facets.max_inclusive.as_deref().and_then(integer));
    lower(
        facets
            .max_exclusive
            .as_deref()
            .and_then(integer)
            .map(|b| b - 1),
    );
    lower(digits_limit);
    let (low, high) = (low?, high?);
    if low >= i128::from(i32::MIN) && high <= i128::from(i32::MAX) {
        Some("i32")
    } else if low >= i128::from(i64::MIN) && high <= i128::from(i64::MAX) {
        Some("i64")
    } else {
        None
    }
}

/// An integer in XML Schema's lexical form (an optional sign, decimal digits, surrounding
/// spaces), if `text` is one that fits in `i128`.
fn integer(text: &str) -> Option<i128> {
    let text = text.trim();
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.starts_with('+') {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn narrowed(base: &str, facets: Facets) -> Option<&'static str> {
        narrowed_integer(&QName::new(XSD_NS, base), &facets)
    }

    fn bounds(min: &str, max: &str) -> Facets {
        Facets {
            min_inclusive: Some(min.into()),
            max_inclusive: Some(max.into()),
            ..Facets::default()
        }
    }

    #[test]
    fn bounded_integers_narrow_to_the_smallest_rust_integer_that_holds_them() {
        assert_eq!(narrowed("integer", bounds("1", "99")), Some("i32"));
        assert_eq!(
            narrowed("integer", bounds("-2147483648", "+2147483647")),
            Some("i32")
        );
        assert_eq!(narrowed("integer", bounds("0", "2147483648")), Some("i64"));
        assert_eq!(
            narrowed("integer", bounds("0", "99999999999999999999")),
            None
        );
        let nine_digits = Facets {
            total_digits: Some(9),
            ..Facets::default()
        };
        assert_eq!(
            narrowed("positiveInteger", nine_digits.clone()),
            Some("i32")
        );
        assert_eq!(narrowed("integer", nine_digits), Some("i32"));
        let below = Facets {
            max_exclusive: Some("100".into()),
            ..Facets::default()
        };
        // A lower bound from the type itself, an upper one from the facet.
        assert_eq!(narrowed("nonNegativeInteger", below.clone()), Some("i32"));
        assert_eq!(
            narrowed(
                "negativeInteger",
                Facets {
                    min_exclusive: Some("-10".into()),
                    ..Facets::default()
                }
            ),
            Some("i32")
        );
        // Unbounded on one side: kept as Decimal.
        assert_eq!(narrowed("integer", below), None);
        assert_eq!(narrowed("positiveInteger", Facets::default()), None);
        // Sized types keep their size; bounds that are no integers do not count.
        assert_eq!(narrowed("long", bounds("1", "9")), None);
        assert_eq!(narrowed("integer", bounds("1.5", "9")), None);
        assert_eq!(narrowed("integer", bounds("++1", "9")), None);
    }
}
