//! Text values, in element content and in attribute values alike: [`LexicalValue`].
//!
//! Most simple types are parsed from their text alone ([`SimpleValue`], which every
//! `LexicalValue` path takes unchanged). Some name namespaces through prefixes in their text
//! (`xs:QName`, lists of them): they are read against the namespace declarations in scope where
//! the value stands ([`NamespaceScope`]), and written with a prefix bound to each namespace they
//! name, declared on the start tag that holds the value when the writer has none in scope
//! ([`XmlWriter::bind_prefix`]). Element text and attribute values go through the same two
//! steps, so a type that needs the namespace context works in both places.

use std::borrow::Cow;

use crate::encoding::SOAP_ENCODING_NS;
use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::value::SimpleValue;
use crate::xml::{Binary, Element, XmlReader, XmlWriter};

/// The XML Schema namespace, of the built-in types an `xsi:type` names.
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// The namespace declarations in scope where a value stands.
pub trait NamespaceScope {
    /// The namespace bound to `prefix`, or the default namespace for `None`; `None` when the
    /// prefix is not bound (or the default namespace is undeclared).
    fn namespace(&self, prefix: Option<&str>) -> Option<&str>;
}

/// Why a text is not a value of a [`LexicalValue`] type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LexicalError {
    /// The text is not in the type's lexical space; the reason.
    Invalid(String),
    /// The text names a prefix that no declaration in scope binds.
    UndeclaredPrefix(String),
}

impl From<String> for LexicalError {
    fn from(reason: String) -> Self {
        LexicalError::Invalid(reason)
    }
}

/// A value written as text, the content of an element or the value of an attribute.
///
/// Every [`SimpleValue`] is one (its text alone makes the value). A type whose text names
/// namespaces implements it itself: `parse_lexical` resolves prefixes through the scope, and
/// `bind_namespaces` binds a prefix to each namespace the value names, on the start tag that is
/// still open, before `write_lexical` writes the text that uses them.
pub trait LexicalValue: Sized {
    /// The XML Schema type name, for error messages.
    const XSD_TYPE: &'static str;

    /// Parses the value from its (unescaped) text, prefixes resolved in `scope`.
    fn parse_lexical(text: &str, scope: &dyn NamespaceScope) -> Result<Self, LexicalError>;

    /// Binds a prefix to every namespace the text will name (see
    /// [`XmlWriter::bind_prefix`]); called while the start tag holding the value is open, before
    /// [`LexicalValue::write_lexical`]. Nothing for most types.
    fn bind_namespaces(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        let _ = w;
        Ok(())
    }

    /// Writes the text (escaped by the writer for where it stands).
    fn write_lexical(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;

    /// Reads the value from the text content of `element`, through its end tag.
    fn read_element(r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Self, DecodeError> {
        // The element's declarations leave the reader's scope with its end tag: kept first.
        let scope = r.namespace_snapshot();
        let text = r.read_text(element)?;
        Self::parse_lexical(&text, &scope)
            .map_err(|error| r.lexical_error(element, None, Self::XSD_TYPE, &text, error))
    }
}

impl<T: SimpleValue> LexicalValue for T {
    const XSD_TYPE: &'static str = T::XSD_TYPE;

    fn parse_lexical(text: &str, _scope: &dyn NamespaceScope) -> Result<Self, LexicalError> {
        T::parse_text(text).map_err(LexicalError::Invalid)
    }

    #[inline]
    fn write_lexical(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        self.write_text(w)
    }

    #[inline]
    fn read_element(r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Self, DecodeError> {
        let mut text = if T::BINARY {
            match r.read_binary(element)? {
                Binary::Text(text) => text,
                // An MTOM part: its bytes, no base64 on the way.
                Binary::Part(bytes) => {
                    return T::from_bytes(bytes).map_err(|reason| {
                        r.invalid_value(element, T::XSD_TYPE, "(an MTOM part)", reason)
                    })
                }
            }
        } else if T::TEXTUAL && typed_as_base64(r, element) {
            return read_base64_text(r, element);
        } else {
            r.read_text(element)?
        };
        let parsed = match &mut text {
            Cow::Borrowed(borrowed) => T::parse_text(borrowed),
            Cow::Owned(owned) => T::parse_owned_text(owned),
        };
        parsed.map_err(|reason| r.invalid_value(element, T::XSD_TYPE, &text, reason))
    }
}

/// True when `element` says its type is base64 (`xsi:type` `xsd:base64Binary`, or the SOAP
/// encoding's `base64` or `base64Binary`), as SOAP::Lite types text it takes for binary and
/// Apache Axis 1 types a `byte[]`. Costs no call for an element without attributes (most).
#[inline]
pub(crate) fn typed_as_base64(r: &XmlReader<'_>, element: &Element<'_>) -> bool {
    element.has_attributes()
        && element
            .with_xsi_type(r, |namespace, local| match namespace {
                Some(XSD_NS) => local == "base64Binary",
                Some(SOAP_ENCODING_NS) => local == "base64" || local == "base64Binary",
                _ => false,
            })
            .unwrap_or(false)
}

/// A text value of `element` sent as its UTF-8 bytes in base64 ([`typed_as_base64`]).
fn read_base64_text<T: SimpleValue>(
    r: &mut XmlReader<'_>,
    element: &Element<'_>,
) -> Result<T, DecodeError> {
    let text = r.read_text(element)?;
    let bytes = Vec::<u8>::parse_text(&text)
        .map_err(|reason| r.invalid_value(element, "base64Binary", &text, reason))?;
    let mut decoded = String::from_utf8(bytes).map_err(|_| {
        r.invalid_value(
            element,
            T::XSD_TYPE,
            &text,
            "it is typed base64Binary, and its bytes are not UTF-8 text",
        )
    })?;
    T::parse_owned_text(&mut decoded)
        .map_err(|reason| r.invalid_value(element, T::XSD_TYPE, &decoded, reason))
}

impl XmlReader<'_> {
    /// The decode error of `error`, for the text `text` of `element` (of its attribute
    /// `attribute` when given).
    pub fn lexical_error(
        &self,
        element: &Element<'_>,
        attribute: Option<&str>,
        type_name: &'static str,
        text: &str,
        error: LexicalError,
    ) -> DecodeError {
        let place = match attribute {
            Some(attribute) => format!("{}/@{attribute}", element.local_name()),
            None => element.local_name().to_string(),
        };
        match (error, attribute) {
            (LexicalError::Invalid(reason), None) => {
                self.invalid_value(element, type_name, text, reason)
            }
            (LexicalError::Invalid(reason), Some(_)) => self.error_at(
                element.offset(),
                DecodeErrorKind::InvalidValue {
                    element: place,
                    type_name,
                    text: text.chars().take(64).collect(),
                    reason,
                },
            ),
            (LexicalError::UndeclaredPrefix(prefix), _) => self.error_at(
                element.offset(),
                DecodeErrorKind::UndeclaredPrefix {
                    prefix: prefix.chars().take(64).collect(),
                    place,
                },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{QName, SimpleList};
    use crate::xml::{Limits, Name, Ns};

    /// An attribute as read: absent, a value, or the error.
    type Read<T> = Result<Option<T>, DecodeError>;

    /// The attribute `t` (and `l`, a list) of the first child of the root of `xml`.
    fn attributes(xml: &str) -> (Read<QName>, Read<SimpleList<QName>>) {
        let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).expect("reader");
        let _root = r.root().expect("root");
        let child = r.next_child().expect("child").expect("a child");
        (
            r.attribute_value(&child, "", "t"),
            r.attribute_value(&child, "", "l"),
        )
    }

    fn name(namespace: Option<&str>, local: &str) -> QName {
        QName::new(namespace, local)
    }

    /// The first child of the root of `xml`, read as a `T`.
    fn first_child<T: LexicalValue>(xml: &str) -> Result<T, DecodeError> {
        let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).expect("reader");
        let _root = r.root().expect("root");
        let child = r.next_child().expect("child").expect("a child");
        T::read_element(&mut r, &child)
    }

    #[test]
    fn text_typed_base64_is_read_as_the_text_its_bytes_are() {
        let declared = r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xmlns:xsd="http://www.w3.org/2001/XMLSchema"
            xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/""#;
        let read =
            |value: &str| first_child::<String>(&format!("<r {declared}><v {value}</v></r>"));
        // "Zoë ✓" in UTF-8, in base64, as SOAP::Lite sends it (and SOAP encoding's own type).
        assert_eq!(
            read(r#"xsi:type="xsd:base64Binary">Wm/DqyDinJM="#),
            Ok("Zoë ✓".into())
        );
        assert_eq!(
            read(r#"xsi:type=" enc:base64 ">Wm/D qyDi nJM="#),
            Ok("Zoë ✓".into())
        );
        // Typed as text, or not typed: the text as it is.
        assert_eq!(
            read(r#"xsi:type="xsd:string">Wm/DqyDinJM="#),
            Ok("Wm/DqyDinJM=".into())
        );
        assert_eq!(read(r#"a="b">Wm/DqyDinJM="#), Ok("Wm/DqyDinJM=".into()));
        // A base64Binary of some other namespace's: not XML Schema's.
        assert_eq!(
            first_child::<String>(
                r#"<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:o="urn:o"><v xsi:type="o:base64Binary">QQ==</v></r>"#
            ),
            Ok("QQ==".into())
        );
        // Bytes that are no text, or no base64: a located decode error naming the element.
        let not_text = read(r#"xsi:type="xsd:base64Binary">/w=="#).expect_err("refused");
        assert!(
            not_text.to_string().starts_with(
                "invalid string value \"/w==\" in element `v`: it is typed base64Binary, and \
                 its bytes are not UTF-8 text (at line 3"
            ),
            "{not_text}"
        );
        let not_base64 = read(r#"xsi:type="xsd:base64Binary">no base64!"#).expect_err("refused");
        assert!(
            not_base64
                .to_string()
                .starts_with("invalid base64Binary value \"no base64!\" in element `v`"),
            "{not_base64}"
        );
        // Bytes stay bytes.
        assert_eq!(
            first_child::<Vec<u8>>(&format!(
                r#"<r {declared}><v xsi:type="xsd:base64Binary">QQ==</v></r>"#
            )),
            Ok(b"A".to_vec())
        );
    }

    #[test]
    fn an_attribute_resolves_prefixes_declared_on_an_ancestor_or_its_element() {
        let (single, list) =
            attributes(r#"<r xmlns:a="urn:a"><e xmlns:b="urn:b" t=" a:x " l="a:x b:y  a:x"/></r>"#);
        assert_eq!(single, Ok(Some(name(Some("urn:a"), "x"))));
        assert_eq!(
            list.expect("list").expect("present").into_vec(),
            vec![
                name(Some("urn:a"), "x"),
                name(Some("urn:b"), "y"),
                name(Some("urn:a"), "x"),
            ]
        );
        // Absent: `None`; the `xml` prefix is always bound.
        let (single, list) = attributes(r#"<r><e l="xml:lang"/></r>"#);
        assert_eq!(single, Ok(None));
        assert_eq!(
            list.expect("list").expect("present").into_vec(),
            vec![name(Some(crate::xml::XML_NS), "lang")]
        );
    }

    #[test]
    fn an_unprefixed_name_is_in_the_default_namespace_in_scope() {
        let (single, _) = attributes(r#"<r xmlns="urn:d"><e t="x"/></r>"#);
        assert_eq!(single, Ok(Some(name(Some("urn:d"), "x"))));
        let (single, _) = attributes(r#"<r><e t="x"/></r>"#);
        assert_eq!(single, Ok(Some(name(None, "x"))));
        // `xmlns=""` takes the default namespace out of scope.
        let (single, _) = attributes(r#"<r xmlns="urn:d"><e xmlns="" t="x"/></r>"#);
        assert_eq!(single, Ok(Some(name(None, "x"))));
    }

    #[test]
    fn an_undeclared_prefix_is_a_typed_error_at_the_element() {
        let (single, list) =
            attributes("<r xmlns:a=\"urn:a\">\n  <e t=\"z:x\" l=\"a:x z:y\"/></r>");
        for error in [single.expect_err("single"), list.expect_err("list")] {
            assert_eq!(
                error.kind,
                crate::error::DecodeErrorKind::UndeclaredPrefix {
                    prefix: "z".into(),
                    place: error_place(&error),
                }
            );
            assert_eq!((error.location.line, error.location.column), (2, 3));
        }
        // Not a QName at all: an invalid value of the attribute.
        let (single, _) = attributes(r#"<r><e t="a:b:c"/></r>"#);
        assert!(
            matches!(
                single.expect_err("invalid").kind,
                crate::error::DecodeErrorKind::InvalidValue { ref element, .. } if element == "e/@t"
            ),
            "a:b:c"
        );
    }

    /// The place named by an `UndeclaredPrefix` error (checked to be one of `e`'s attributes).
    fn error_place(error: &DecodeError) -> String {
        match &error.kind {
            crate::error::DecodeErrorKind::UndeclaredPrefix { place, .. } => {
                assert!(place == "e/@t" || place == "e/@l", "{place}");
                place.clone()
            }
            other => panic!("{other:?}"),
        }
    }

    const TABLE: &[&str] = &["urn:table"];

    /// Writes `<n0:R><E t=".." l="..">text</E></n0:R>` with the table declared on the root.
    fn written(single: &QName, list: &SimpleList<QName>, text: &SimpleList<QName>) -> String {
        let mut w = XmlWriter::new(TABLE);
        let (root, child) = (Name::new(Ns(0), "R"), Name::new(Ns::NONE, "E"));
        w.start(root);
        w.declare_namespaces();
        w.start(child);
        w.attribute(Name::new(Ns::NONE, "t"), single).expect("t");
        w.attribute(Name::new(Ns::NONE, "l"), list).expect("l");
        crate::XmlValue::write_content(text, &mut w).expect("text");
        w.end(child);
        w.end(root);
        String::from_utf8(w.into_bytes()).expect("utf-8")
    }

    #[test]
    fn writing_declares_each_namespace_once_and_reuses_one_in_scope() {
        let single = name(Some("urn:z"), "x");
        let list: SimpleList<QName> = [
            name(Some("urn:z"), "y"),
            name(Some("urn:table"), "t"),
            name(Some("urn:y"), "w"),
            name(None, "bare"),
            name(Some("urn:z"), "y"),
        ]
        .into();
        let text: SimpleList<QName> =
            [name(Some("urn:y"), "a"), name(Some("urn:table"), "b")].into();
        let xml = written(&single, &list, &text);
        let start = &xml[xml.find("<E").expect("E")..];
        assert_eq!(
            start,
            "<E xmlns:q0=\"urn:z\" t=\"q0:x\" xmlns:q1=\"urn:y\" l=\"q0:y n0:t q1:w bare q0:y\">q1:a n0:b</E></n0:R>"
        );
        // And it reads back as it was.
        let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).expect("reader");
        let _root = r.root().expect("root");
        let child = r.next_child().expect("child").expect("E");
        assert_eq!(r.attribute_value(&child, "", "t"), Ok(Some(single)));
        assert_eq!(r.attribute_value(&child, "", "l"), Ok(Some(list)));
        let read: SimpleList<QName> = crate::XmlValue::read_content(&mut r, &child).expect("text");
        assert_eq!(read, text);
    }

    #[test]
    fn a_name_that_is_not_an_xml_name_is_not_written() {
        let mut w = XmlWriter::new(TABLE);
        w.start(Name::new(Ns::NONE, "E"));
        let error = w
            .attribute(Name::new(Ns::NONE, "t"), &name(Some("urn:z"), "a b"))
            .expect_err("not a name");
        assert!(error.to_string().contains("not an XML name"), "{error}");
    }
}
