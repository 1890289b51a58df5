//! The Rust shapes of the XML Schema and WCF serialization built-in types.

use super::{Shape, ATTACHMENT, SERIALIZATION_NS};
use crate::model::{QName, XSD_NS};

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
