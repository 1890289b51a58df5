//! The value of an element whose schema type is `xs:anyType`: whatever the sender put there,
//! kept as read (like JAXB's `Object` holding a DOM element and .NET's `object` holding
//! `XmlNode[]`): the `xsi:type` it names, its other attributes and its content, text and
//! elements in document order. Written back, it is the same content under the field's own
//! element name.

use crate::error::{DecodeError, DecodeErrorKind, EncodeError, Location};
use crate::types::QName;
use crate::value::XmlValue;
use crate::xml::any::{XmlAttribute, XmlNode};
use crate::xml::name::XSI_NS;
use crate::xml::writer::is_writer_prefix;
use crate::xml::{Element, Limits, XmlReader, XmlWriter};

/// The element an [`AnyValue`] is written in to be read as a typed value, and back.
const WRAPPER: &str = "value";

/// The content of an element declared `xs:anyType` (vSphere's `DynamicProperty.val`, WCF's
/// `object` members): any text, attributes and child elements, with the type the sender named
/// with `xsi:type` (`xs:string`, or a complex type of the contract whose fields the children
/// are).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(default)
)]
pub struct AnyValue {
    /// The type named by `xsi:type`, if any.
    pub type_name: Option<QName>,
    /// The attributes besides `xsi:type` and `xsi:nil`, in document order.
    pub attributes: Vec<XmlAttribute>,
    /// The namespace bindings in scope where the value was read, as (prefix, URI), so that a
    /// QName in its text (an `xs:QName` value) still resolves where it is written: kept when
    /// the text holds a `:`; the child elements carry their own.
    pub namespaces: Vec<(String, String)>,
    /// The content: text and child elements, in document order.
    pub children: Vec<XmlNode>,
}

impl AnyValue {
    /// A value of text alone, without `xsi:type`.
    pub fn text(text: impl Into<String>) -> Self {
        AnyValue {
            children: vec![XmlNode::Text(text.into())],
            ..AnyValue::default()
        }
    }

    /// The same value, naming its type with `xsi:type`.
    pub fn with_type(mut self, namespace: impl Into<String>, local: impl Into<String>) -> Self {
        self.type_name = Some(QName {
            namespace: Some(namespace.into()),
            local: local.into(),
        });
        self
    }

    /// Reads the value as a `T`: the generated type its `xsi:type` names (check
    /// [`AnyValue::type_name`] first), a type that type derives from, or a simple type
    /// (`String`, `i32`…). vSphere's property values, for example: `GuestInfo` for a virtual
    /// machine's `guest`. The type must be generated: a type that only arrives as `xs:anyType`
    /// is added to the bindings by name (`--extra-types`, `Builder::extra_types`).
    ///
    /// The value is written as the content of an element and read back as a `T`, with the
    /// default [`Limits`]; an error's offset is in that element's text, not the message's.
    pub fn decode<T: XmlValue>(&self) -> Result<T, DecodeError> {
        let document = self.as_document()?;
        let mut r = XmlReader::new(&document, Limits::default())?;
        let root = r.root()?;
        let value = T::read_content(&mut r, &root)?;
        r.finish()?;
        Ok(value)
    }

    /// Reads every child element as a `T`, whatever its name: the items of an array type
    /// (vSphere's `ArrayOfManagedObjectReference`, WCF's `ArrayOfstring`), which the
    /// generated code holds as a `Vec` of its items rather than as a type of its own. Text
    /// between the items is ignored.
    pub fn decode_items<T: XmlValue>(&self) -> Result<Vec<T>, DecodeError> {
        let document = self.as_document()?;
        let mut r = XmlReader::new(&document, Limits::default())?;
        r.root()?;
        let mut items = Vec::new();
        while let Some(child) = r.next_child()? {
            items.push(T::read_content(&mut r, &child)?);
        }
        r.finish()?;
        Ok(items)
    }

    /// The value `value` as it is written: the inverse of [`AnyValue::decode`], for a field
    /// declared `xs:anyType` (name its type with [`AnyValue::with_type`], as the receiver
    /// expects). `namespaces` is the generated module's `NAMESPACES` table, which the names of
    /// its types' elements refer to.
    pub fn encode<T: XmlValue>(
        value: &T,
        namespaces: &'static [&'static str],
    ) -> Result<AnyValue, EncodeError> {
        let mut w = XmlWriter::new(namespaces);
        w.start_dynamic(WRAPPER);
        w.declare_namespaces();
        value.write_content(&mut w)?;
        w.end_dynamic(WRAPPER);
        let document = w.into_bytes();
        // What the writer wrote is well-formed, within the default limits of a message it
        // could send; a failure here is a value the writer should have refused.
        let unreadable = |e: DecodeError| EncodeError::InvalidValue {
            element: String::from("(xs:anyType value)"),
            reason: format!("the written value cannot be read back: {e}"),
        };
        let mut r = XmlReader::new(&document, Limits::default()).map_err(unreadable)?;
        let root = r.root().map_err(unreadable)?;
        AnyValue::read_content(&mut r, &root).map_err(unreadable)
    }

    /// The value as the content of a [`WRAPPER`] element, in a document of its own.
    fn as_document(&self) -> Result<Vec<u8>, DecodeError> {
        let mut w = XmlWriter::new(&[]);
        w.start_dynamic(WRAPPER);
        w.declare_namespaces();
        // A value read from a message always can be; one built by hand may hold names or
        // characters XML cannot carry.
        self.write_content(&mut w).map_err(|e| DecodeError {
            kind: DecodeErrorKind::Malformed(format!("the xs:anyType value is not XML: {e}")),
            location: Location::in_input(&[], 0),
        })?;
        w.end_dynamic(WRAPPER);
        Ok(w.into_bytes())
    }

    /// The text content, concatenated (child elements' text left out).
    pub fn text_content(&self) -> String {
        self.children
            .iter()
            .filter_map(|node| match node {
                XmlNode::Text(text) => Some(text.as_str()),
                XmlNode::Element(_) => None,
            })
            .collect()
    }
}

impl From<&str> for AnyValue {
    fn from(text: &str) -> Self {
        AnyValue::text(text)
    }
}

impl From<String> for AnyValue {
    fn from(text: String) -> Self {
        AnyValue::text(text)
    }
}

impl XmlValue for AnyValue {
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        // Bindings the text may need, under prefixes the writer does not use itself (the
        // default namespace is never redeclared: it would move an unqualified element).
        let mut declared: Vec<&str> = Vec::new();
        for (prefix, uri) in &self.namespaces {
            if prefix.is_empty() || is_writer_prefix(prefix) || declared.contains(&prefix.as_str())
            {
                continue;
            }
            w.declare_kept(prefix, uri);
            declared.push(prefix);
        }
        if let Some(name) = &self.type_name {
            match name.namespace.as_deref().filter(|ns| !ns.is_empty()) {
                None => w.xsi_type_text(&name.local)?,
                // The writer's own prefix, one declared just above, or a fresh one.
                Some(namespace) => {
                    let prefix = w.bind_prefix(namespace)?;
                    w.xsi_type_text(&format!("{prefix}:{}", name.local))?;
                }
            }
        }
        for attribute in &self.attributes {
            w.any_attribute(attribute)?;
        }
        XmlNode::write_all(w, &self.children)
    }

    fn read_content(r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Self, DecodeError> {
        let type_name = element
            .xsi_type(r)
            .map(|(namespace, local)| QName { namespace, local });
        let mut attributes = element.attributes_all(r)?;
        attributes
            .retain(|a| !(a.namespace == XSI_NS && matches!(a.local.as_str(), "type" | "nil")));
        let mut namespaces = r.namespaces_in_scope();
        r.count_items(element, namespaces.len() + attributes.len())?;
        let children = XmlNode::read_all(r)?;
        // Only a prefixed name in the text needs them (the children carry their own).
        let prefixed_text = children
            .iter()
            .any(|node| matches!(node, XmlNode::Text(text) if text.contains(':')));
        if !prefixed_text {
            namespaces.clear();
        }
        Ok(AnyValue {
            type_name,
            attributes,
            namespaces,
            children,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::{Name, Ns, XmlElement};

    const NAMESPACES: &[&str] = &["urn:outer"];

    fn read(xml: &str) -> AnyValue {
        let mut r =
            XmlReader::new(xml.as_bytes(), crate::xml::Limits::default()).expect("a document");
        let root = r.next_child().expect("read").expect("a root");
        let value = r.next_child().expect("read").expect("a child");
        let any = AnyValue::read_content(&mut r, &value).expect("an any value");
        drop(root);
        any
    }

    fn write(value: &AnyValue) -> String {
        let mut w = XmlWriter::new(NAMESPACES);
        let root = Name::new(Ns(0), "root");
        w.start(root);
        w.declare_namespaces();
        let val = Name::new(Ns(0), "val");
        w.start(val);
        value.write_content(&mut w).expect("written");
        w.end(val);
        w.end(root);
        String::from_utf8(w.into_bytes()).expect("UTF-8")
    }

    #[test]
    fn a_typed_complex_value_is_written_back_the_same() {
        let xml = r#"<o:root xmlns:o="urn:outer" xmlns:v="urn:vim" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><o:val xsi:type="v:ManagedObjectReference" type="Folder" xmlns:q="urn:q">group-<v:x>1</v:x>q:name</o:val></o:root>"#;
        let value = read(xml);
        assert_eq!(
            value.type_name,
            Some(QName {
                namespace: Some("urn:vim".into()),
                local: "ManagedObjectReference".into()
            })
        );
        assert_eq!(
            value.attributes,
            vec![XmlAttribute::new("", "type", "Folder")]
        );
        assert_eq!(value.children.len(), 3);
        let again = read(&write(&value));
        assert_eq!(again.type_name, value.type_name);
        assert_eq!(again.attributes, value.attributes);
        assert_eq!(again.text_content(), "group-q:name");
        match (&again.children[1], &value.children[1]) {
            (XmlNode::Element(a), XmlNode::Element(b)) => assert!(a.same_tree(b)),
            other => panic!("not elements: {other:?}"),
        }
        assert!(again
            .namespaces
            .iter()
            .any(|(p, uri)| p == "q" && uri == "urn:q"));
    }

    #[test]
    fn a_type_in_the_writers_table_and_plain_text() {
        let value = AnyValue::text("7").with_type("urn:outer", "Count");
        let written = write(&value);
        assert!(
            written.contains(r#"<n0:val xsi:type="n0:Count">7</n0:val>"#),
            "{written}"
        );
        let untyped = write(&AnyValue::from("plain"));
        assert!(untyped.contains("<n0:val>plain</n0:val>"), "{untyped}");
        let element = XmlElement::new("urn:other", "inner").with_text("x");
        let with_child = AnyValue {
            children: vec![XmlNode::Element(element.clone())],
            ..AnyValue::default()
        }
        .with_type("urn:other", "Holder");
        let again = read(&write(&with_child));
        assert_eq!(again.type_name, with_child.type_name);
        match &again.children[..] {
            [XmlNode::Element(e)] => assert!(e.same_tree(&element)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_simple_value_is_decoded_and_encoded() {
        let count = read(
            r#"<o:root xmlns:o="urn:outer" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><o:val xsi:type="xsd:int"> 42 </o:val></o:root>"#,
        );
        assert_eq!(count.decode::<i32>(), Ok(42));
        assert_eq!(count.decode::<String>().as_deref(), Ok(" 42 "));
        let refused = count.decode::<bool>().expect_err("not a boolean");
        assert!(
            matches!(
                refused.kind,
                crate::error::DecodeErrorKind::InvalidValue { .. }
            ),
            "{refused}"
        );
        let encoded = AnyValue::encode(&String::from("a < b"), NAMESPACES).expect("encoded");
        assert_eq!(encoded.text_content(), "a < b");
        assert_eq!(encoded.type_name, None);
        assert_eq!(encoded.decode::<String>().as_deref(), Ok("a < b"));
    }

    #[test]
    fn the_items_of_an_array_value_are_decoded_whatever_their_name() {
        let array = read(
            r#"<o:root xmlns:o="urn:outer" xmlns:v="urn:vim" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><o:val xsi:type="v:ArrayOfInt">
                <v:int>1</v:int><v:int>2</v:int>
                <v:other>3</v:other>
            </o:val></o:root>"#,
        );
        assert_eq!(array.decode_items::<u8>(), Ok(vec![1, 2, 3]));
        assert!(AnyValue::text("plain").decode_items::<u8>() == Ok(Vec::new()));
        assert!(array.decode_items::<bool>().is_err());
    }

    #[test]
    fn complex_content_keeps_its_namespaces_through_decode() {
        let value = read(
            r#"<o:root xmlns:o="urn:outer" xmlns:v="urn:vim" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><o:val xsi:type="v:Holder"><v:inner xmlns:q="urn:q">q:name</v:inner></o:val></o:root>"#,
        );
        // Read as a raw value again, the child keeps its namespace and the binding its
        // QName text needs; the type named is the one the value had.
        let again = value.decode::<AnyValue>().expect("read back");
        assert_eq!(again.type_name, value.type_name);
        match &again.children[..] {
            [XmlNode::Element(inner)] => {
                assert_eq!(
                    (inner.namespace.as_str(), inner.local.as_str()),
                    ("urn:vim", "inner")
                );
                assert!(inner.same_tree(match &value.children[0] {
                    XmlNode::Element(e) => e,
                    other => panic!("{other:?}"),
                }));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_value_that_is_not_xml_is_an_error_not_a_panic() {
        let broken = AnyValue {
            attributes: vec![XmlAttribute::new("", "not a name", "x")],
            ..AnyValue::text("1")
        };
        let error = broken.decode::<i32>().expect_err("refused");
        assert!(error.to_string().contains("not XML"), "{error}");
    }
}
