//! XML helpers shared by the readers: namespace constants, element matching, attributes,
//! QName resolution and error locations.

use roxmltree::{Document, Node};

use super::dtd::{self, Refusal};
use super::error::{ErrorKind, Location, WsdlError};
use super::instructions;
use super::lines::LineIndex;
use super::loader::Source;
use crate::model::QName;
pub(crate) use crate::model::XSD_NS;

/// The XML namespace (`xml:lang`, `xml:space`), bound to the prefix `xml` without a declaration.
pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// WSDL 1.1.
pub(crate) const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
/// The WSDL 1.1 SOAP 1.1 binding.
pub(crate) const SOAP11_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
/// The WSDL 1.1 SOAP 1.2 binding.
pub(crate) const SOAP12_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
/// WS-Addressing 1.0 WSDL binding (`wsaw:Action`).
pub(crate) const WSAW_NS: &str = "http://www.w3.org/2006/05/addressing/wsdl";
/// WS-Addressing 1.0 metadata (`wsam:Action`).
pub(crate) const WSAM_NS: &str = "http://www.w3.org/2007/05/addressing/metadata";
/// WCF's DataContract serialization annotations (`IsDictionary`, `EnumerationValue`).
pub(crate) const SER_NS: &str = "http://schemas.microsoft.com/2003/10/Serialization/";

/// A parsed document together with the source it was read from.
pub(crate) struct Doc<'s> {
    /// Where the text came from.
    pub(crate) source: &'s Source,
    /// The parsed tree.
    pub(crate) doc: Document<'s>,
    /// Where the lines of the text start, to locate nodes.
    lines: LineIndex,
}

/// A node of a [`Doc`].
pub(crate) type XmlNode<'d, 's> = Node<'d, 's>;

impl<'s> Doc<'s> {
    /// Parses `source` (a DOCTYPE is read, its entities are not expanded: [`dtd`]); a syntax
    /// error is located in the source.
    pub(crate) fn parse(source: &'s Source) -> Result<Doc<'s>, WsdlError> {
        match dtd::parse(&source.text) {
            Ok(doc) => Ok(Doc {
                source,
                doc,
                lines: LineIndex::new(&source.text),
            }),
            Err(Refusal::Xml(e)) => Err(xml_error(&source.file, &source.text, &e)),
            Err(Refusal::InstructionRunTogether { target, offset }) => Err(WsdlError::new(
                ErrorKind::Xml {
                    message: instructions::message(&target),
                },
                Location::at_offset(&source.file, &source.text, offset),
            )),
            Err(Refusal::DeclaredEntity { name, offset }) => Err(WsdlError::new(
                ErrorKind::DeclaredEntity { name },
                Location::at_offset(&source.file, &source.text, offset),
            )),
        }
    }

    /// The document element.
    pub(crate) fn root(&self) -> XmlNode<'_, 's> {
        self.doc.root_element()
    }

    /// The location of the start tag of `node`.
    pub(crate) fn location(&self, node: XmlNode<'_, '_>) -> Location {
        self.lines
            .locate(&self.source.file, &self.source.text, node.range().start)
    }

    /// An error of `kind` located at `node`.
    pub(crate) fn error(&self, node: XmlNode<'_, '_>, kind: ErrorKind) -> WsdlError {
        WsdlError::new(kind, self.location(node))
    }

    /// An "unsupported construct" error at `node`.
    pub(crate) fn unsupported(
        &self,
        node: XmlNode<'_, '_>,
        construct: impl Into<String>,
        help: &'static str,
    ) -> WsdlError {
        self.error(
            node,
            ErrorKind::Unsupported {
                construct: construct.into(),
                help,
            },
        )
    }

    /// An "invalid document" error at `node`.
    pub(crate) fn invalid(
        &self,
        node: XmlNode<'_, '_>,
        message: impl Into<String>,
        help: &'static str,
    ) -> WsdlError {
        self.error(
            node,
            ErrorKind::Invalid {
                message: message.into(),
                help,
            },
        )
    }

    /// An "invalid value" error for `attribute` of `node`.
    pub(crate) fn invalid_value(
        &self,
        node: XmlNode<'_, '_>,
        attribute: &str,
        value: &str,
        expected: &'static str,
    ) -> WsdlError {
        self.error(
            node,
            ErrorKind::InvalidValue {
                element: tag(node),
                attribute: attribute.to_string(),
                value: value.to_string(),
                expected,
            },
        )
    }

    /// The value of the unqualified attribute `attribute`, which must be present.
    pub(crate) fn required<'d>(
        &self,
        node: XmlNode<'d, 's>,
        attribute: &'static str,
    ) -> Result<&'d str, WsdlError> {
        node.attribute(attribute)
            .ok_or_else(|| self.missing(node, attribute))
    }

    /// The `name` attribute of `node`, which must be present: an NCName, read with its
    /// surrounding whitespace collapsed as XML Schema reads NCNames (`name="Code "` declares
    /// `Code`, as generated by some Axis services). A name that is empty or holds whitespace is
    /// an "invalid value" error.
    pub(crate) fn name<'d>(&self, node: XmlNode<'d, 's>) -> Result<&'d str, WsdlError> {
        let written = self.required(node, "name")?;
        let name = written.trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(self.invalid_value(
                node,
                "name",
                written,
                "a name without whitespace (an NCName)",
            ));
        }
        Ok(name)
    }

    /// A "missing attribute" error for `attribute` of `node`.
    pub(crate) fn missing(&self, node: XmlNode<'_, '_>, attribute: &'static str) -> WsdlError {
        self.error(
            node,
            ErrorKind::MissingAttribute {
                element: tag(node),
                attribute,
            },
        )
    }

    /// Resolves the QName `value` written on `node`, using the namespace declarations in
    /// scope there; an unprefixed name takes the default namespace (or none).
    pub(crate) fn qname(&self, node: XmlNode<'_, '_>, value: &str) -> Result<QName, WsdlError> {
        let trimmed = value.trim();
        let (prefix, local) = match trimmed.split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, trimmed),
        };
        if local.is_empty() || local.contains(':') || prefix == Some("") {
            return Err(self.error(
                node,
                ErrorKind::InvalidValue {
                    element: tag(node),
                    attribute: "QName".into(),
                    value: value.to_string(),
                    expected: "a qualified name such as `tns:Name`",
                },
            ));
        }
        let namespace = match (prefix, node.lookup_namespace_uri(prefix)) {
            (_, Some(uri)) => uri,
            // Bound by the XML specification itself, never declared.
            (Some("xml"), None) => XML_NS,
            (None, None) => "",
            (Some(prefix), None) => {
                return Err(self.error(
                    node,
                    ErrorKind::UndeclaredPrefix {
                        prefix: prefix.to_string(),
                        reference: trimmed.to_string(),
                    },
                ))
            }
        };
        Ok(QName::new(namespace, local))
    }

    /// The QName in attribute `attribute` of `node` together with the text as written, if present.
    pub(crate) fn qname_attr<'d>(
        &self,
        node: XmlNode<'d, 's>,
        attribute: &'static str,
    ) -> Result<Option<(QName, &'d str)>, WsdlError> {
        match node.attribute(attribute) {
            Some(raw) => Ok(Some((self.qname(node, raw)?, raw))),
            None => Ok(None),
        }
    }

    /// The QName in the required attribute `attribute` of `node`, and the text as written.
    pub(crate) fn required_qname<'d>(
        &self,
        node: XmlNode<'d, 's>,
        attribute: &'static str,
    ) -> Result<(QName, &'d str), WsdlError> {
        let raw = self.required(node, attribute)?;
        Ok((self.qname(node, raw)?, raw))
    }

    /// An `xs:boolean` attribute (`true`/`false`/`1`/`0`), `default` when absent.
    pub(crate) fn bool_attr(
        &self,
        node: XmlNode<'_, '_>,
        attribute: &'static str,
        default: bool,
    ) -> Result<bool, WsdlError> {
        match node.attribute(attribute).map(str::trim) {
            None => Ok(default),
            Some("true" | "1") => Ok(true),
            Some("false" | "0") => Ok(false),
            Some(other) => {
                Err(self.invalid_value(node, attribute, other, "`true`, `false`, `1` or `0`"))
            }
        }
    }
}

/// Converts a `roxmltree` error into a located [`WsdlError`].
pub(crate) fn xml_error(file: &str, text: &str, error: &roxmltree::Error) -> WsdlError {
    match error {
        roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
            let location = Location::at_offset(file, text, text.trim_end().len());
            WsdlError::new(
                ErrorKind::Xml {
                    message: error.to_string(),
                },
                location,
            )
        }
        _ => {
            let pos = error.pos();
            let message = error.to_string().replace(&format!(" at {pos}"), "");
            WsdlError::new(
                ErrorKind::Xml { message },
                Location::at_line(file, text, pos.row, pos.col),
            )
        }
    }
}

/// The element's name as written in the source, e.g. `xs:element`.
pub(crate) fn tag(node: XmlNode<'_, '_>) -> String {
    let text = node.document().input_text();
    let start = node.range().start + 1;
    let written: String = text
        .get(start..)
        .unwrap_or("")
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
        .collect();
    if written.is_empty() {
        node.tag_name().name().to_string()
    } else {
        written
    }
}

/// The element's expanded name, `{namespace}local`.
pub(crate) fn expanded_name(node: XmlNode<'_, '_>) -> String {
    let name = node.tag_name();
    QName::new(name.namespace().unwrap_or(""), name.name()).to_string()
}

/// True when `node` is the element `{namespace}local`.
pub(crate) fn is(node: XmlNode<'_, '_>, namespace: &str, local: &str) -> bool {
    node.is_element()
        && node.tag_name().namespace() == Some(namespace)
        && node.tag_name().name() == local
}

/// True when `node` is an element in `namespace`.
pub(crate) fn in_ns(node: XmlNode<'_, '_>, namespace: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(namespace)
}

/// The child elements of `node`, in document order.
pub(crate) fn elements<'d, 's>(
    node: XmlNode<'d, 's>,
) -> impl Iterator<Item = XmlNode<'d, 's>> + use<'d, 's> {
    node.children().filter(|c| c.is_element())
}

/// The first child element `{namespace}local` of `node`.
pub(crate) fn child<'d, 's>(
    node: XmlNode<'d, 's>,
    namespace: &str,
    local: &str,
) -> Option<XmlNode<'d, 's>> {
    elements(node).find(|c| is(*c, namespace, local))
}

/// The `xs:schema` elements of a document: `wsdl:types/xs:schema` of a WSDL document, or the
/// document element of a schema document.
pub(crate) fn schema_elements<'d, 's>(doc: &'d Doc<'s>) -> Vec<XmlNode<'d, 's>> {
    let root = doc.root();
    if is(root, XSD_NS, "schema") {
        return vec![root];
    }
    if !is(root, WSDL_NS, "definitions") {
        return Vec::new();
    }
    elements(root)
        .filter(|c| is(*c, WSDL_NS, "types"))
        .flat_map(elements)
        .filter(|c| is(*c, XSD_NS, "schema"))
        .collect()
}

/// A "duplicate definition" error at `again`, pointing back to `first`.
pub(crate) fn duplicate(
    first: (&Doc<'_>, XmlNode<'_, '_>),
    again: (&Doc<'_>, XmlNode<'_, '_>),
    what: &'static str,
    name: &str,
    scope: String,
) -> WsdlError {
    again.0.error(
        again.1,
        ErrorKind::Duplicate {
            what,
            name: name.to_string(),
            scope,
            previous: first.0.location(first.1).to_string(),
        },
    )
}

/// The scope phrase for names unique within `namespace`.
pub(crate) fn namespace_scope(namespace: &str) -> String {
    if namespace.is_empty() {
        String::new()
    } else {
        format!("namespace `{namespace}`")
    }
}
