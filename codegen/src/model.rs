//! The model of a WSDL 1.1 document and its XML Schema types.
//!
//! Plain data: names are still the WSDL's, nothing here knows Rust syntax or XML parsing.
//! The parser (`crate::wsdl`) fills it; the emitters (`crate::rust`) read it. Maps are
//! `BTreeMap`s so that every walk over the model is in a stable order.

use std::collections::BTreeMap;
use std::fmt;

/// A namespace-qualified name, as XML Schema and WSDL use to refer to each other.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    /// The namespace URI; empty for a name in no namespace.
    pub namespace: String,
    /// The local part.
    pub local: String,
}

impl QName {
    /// A name in `namespace` (empty for none).
    pub fn new(namespace: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            namespace: namespace.into(),
            local: local.into(),
        }
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.namespace.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.namespace, self.local)
        }
    }
}

/// The XML Schema namespace, home of the built-in types.
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// A whole WSDL document (with its imports) after resolution.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Definitions {
    /// `definitions/@name`, if given.
    pub name: Option<String>,
    /// `definitions/@targetNamespace`.
    pub target_namespace: String,
    /// Services in document order.
    pub services: Vec<Service>,
    /// Bindings by qualified name.
    pub bindings: BTreeMap<QName, Binding>,
    /// Every type and global element of every embedded or imported schema.
    pub schema: Schema,
}

/// A `wsdl:service`: a named group of ports.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// `service/@name`.
    pub name: String,
    /// The SOAP ports, in document order (ports of other protocols are left out).
    pub ports: Vec<Port>,
}

/// A `wsdl:port`: one binding reachable at one address.
#[derive(Debug, Clone, PartialEq)]
pub struct Port {
    /// `port/@name`.
    pub name: String,
    /// The binding this port exposes.
    pub binding: QName,
    /// `soap:address/@location`.
    pub address: Option<String>,
    /// Which SOAP version the address element belongs to.
    pub soap_version: SoapVersion,
}

/// The SOAP version a binding or port uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SoapVersion {
    /// SOAP 1.1 (`http://schemas.xmlsoap.org/wsdl/soap/`).
    Soap11,
    /// SOAP 1.2 (`http://schemas.xmlsoap.org/wsdl/soap12/`).
    Soap12,
}

impl fmt::Display for SoapVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SoapVersion::Soap11 => "SOAP 1.1",
            SoapVersion::Soap12 => "SOAP 1.2",
        })
    }
}

/// A `wsdl:binding` of a port type to SOAP, with its operations resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The binding's qualified name.
    pub name: QName,
    /// The port type it binds.
    pub port_type: QName,
    /// SOAP 1.1 or 1.2.
    pub soap_version: SoapVersion,
    /// Operations in binding order.
    pub operations: Vec<Operation>,
}

/// One operation of a binding, with messages resolved to elements.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `operation/@name`.
    pub name: String,
    /// `soap:operation/@soapAction`, if any.
    pub soap_action: Option<String>,
    /// The request.
    pub input: Option<MessageBinding>,
    /// The response; `None` for a one-way operation.
    pub output: Option<MessageBinding>,
    /// Declared faults.
    pub faults: Vec<FaultBinding>,
    /// The operation's `wsdl:documentation` (port type's, then binding's), whitespace collapsed.
    pub documentation: Option<String>,
}

/// The body and header parts of one direction of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageBinding {
    /// The WS-Addressing action declared on the port type (`wsaw:Action`), if any.
    pub action: Option<String>,
    /// The body's wrapper element (document/literal wrapped); `None` for an empty body.
    pub body: Option<QName>,
    /// Header parts in binding order.
    pub headers: Vec<HeaderPart>,
}

/// A `soap:header` of an operation, resolved to the element it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderPart {
    /// The part name.
    pub part: String,
    /// The element the part refers to.
    pub element: QName,
}

/// A declared `wsdl:fault` and the element carried in its detail.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultBinding {
    /// `fault/@name`.
    pub name: String,
    /// The detail element.
    pub element: QName,
}

/// All schema types and global elements, keyed by qualified name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schema {
    /// Named types (complex and simple).
    pub types: BTreeMap<QName, TypeDef>,
    /// Global element declarations.
    pub elements: BTreeMap<QName, ElementDecl>,
}

/// A named or anonymous type definition.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    /// `xs:complexType`.
    Complex(ComplexType),
    /// `xs:simpleType`.
    Simple(SimpleType),
}

/// An `xs:complexType`: a sequence of elements and choices, attributes, or text with attributes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ComplexType {
    /// The base type of a `complexContent/extension` (its content comes first on the wire), or
    /// of a `simpleContent/extension` (a simple type, or a complex type with simple content).
    pub base: Option<QName>,
    /// True for `xs:simpleContent`: the element holds text of the base type, plus attributes.
    pub simple_content: bool,
    /// The type's own content (not the base's), in schema order.
    pub particles: Vec<Particle>,
    /// The type's own attributes (not the base's), in schema order.
    pub attributes: Vec<Attribute>,
    /// True when annotated as a WCF dictionary (`IsDictionary`): one repeated key/value pair element.
    pub is_dictionary: bool,
    /// `abstract="true"`: only types derived from it appear on the wire (with `xsi:type`).
    pub is_abstract: bool,
    /// The type's `xs:annotation/xs:documentation`, whitespace collapsed.
    pub documentation: Option<String>,
}

impl ComplexType {
    /// The element particles, leaving out choices.
    pub fn element_fields(&self) -> Vec<&Field> {
        self.particles
            .iter()
            .filter_map(|p| match p {
                Particle::Element(field) => Some(field),
                Particle::Choice(_) => None,
            })
            .collect()
    }

    /// True when the content is elements only: no choice, no attribute, no simple content.
    pub fn is_plain_sequence(&self) -> bool {
        !self.simple_content
            && self.attributes.is_empty()
            && self
                .particles
                .iter()
                .all(|p| matches!(p, Particle::Element(_)))
    }
}

/// One item of a complex type's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Particle {
    /// An element (`xs:element` in a sequence or `xs:all`).
    Element(Field),
    /// An `xs:choice` of elements.
    Choice(Choice),
}

/// An `xs:choice`: exactly one of its alternatives (per occurrence).
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// `minOccurs` of the choice; 0 when the choice may be left out.
    pub min_occurs: u32,
    /// `maxOccurs` of the choice.
    pub max_occurs: MaxOccurs,
    /// The alternative elements, in schema order.
    pub alternatives: Vec<Field>,
}

/// An element inside a complex type's sequence or choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The element's qualified name on the wire (namespace empty when unqualified).
    pub name: QName,
    /// Its type.
    pub ty: TypeRef,
    /// `minOccurs`.
    pub min_occurs: u32,
    /// `maxOccurs`.
    pub max_occurs: MaxOccurs,
    /// `nillable`.
    pub nillable: bool,
    /// `default` (or `fixed`): the value an empty element stands for.
    pub default: Option<String>,
    /// The element's `xs:annotation/xs:documentation` (for `ref=`, the referring one's, else
    /// the global element's), whitespace collapsed.
    pub documentation: Option<String>,
}

/// An `xs:attribute` of a complex type.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// The attribute's qualified name (namespace empty when unqualified, the usual case).
    pub name: QName,
    /// Its (simple) type.
    pub ty: TypeRef,
    /// `use="required"`.
    pub required: bool,
    /// `default` (or `fixed`): the value an absent attribute stands for.
    pub default: Option<String>,
    /// The attribute's `xs:annotation/xs:documentation`, whitespace collapsed.
    pub documentation: Option<String>,
}

/// `maxOccurs`: a bound or `unbounded`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxOccurs {
    /// At most this many.
    Bounded(u32),
    /// No upper bound.
    Unbounded,
}

impl MaxOccurs {
    /// True when the element may repeat.
    pub fn is_repeated(self) -> bool {
        !matches!(self, MaxOccurs::Bounded(0 | 1))
    }
}

/// A reference to a type: by name, or defined in place.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// A named type, built-in (`XSD_NS`) or from a schema.
    Named(QName),
    /// An anonymous complex type nested in the element.
    AnonymousComplex(Box<ComplexType>),
    /// An anonymous simple type nested in the element.
    AnonymousSimple(Box<SimpleType>),
}

/// An `xs:simpleType`.
#[derive(Debug, Clone, PartialEq)]
pub enum SimpleType {
    /// A restriction of a base type, possibly to an enumeration.
    Restriction {
        /// The restricted base type.
        base: QName,
        /// Enumerated values in schema order; empty when not an enumeration.
        enumeration: Vec<EnumValue>,
        /// The type's `xs:annotation/xs:documentation`, whitespace collapsed.
        documentation: Option<String>,
    },
    /// A whitespace-separated list of an item type (WCF flag enumerations).
    List {
        /// The item type.
        item: Box<TypeRef>,
        /// The type's `xs:annotation/xs:documentation`, whitespace collapsed.
        documentation: Option<String>,
    },
}

impl SimpleType {
    /// The same type with `documentation`.
    pub fn with_documentation(mut self, documentation: Option<String>) -> Self {
        match &mut self {
            SimpleType::Restriction {
                documentation: d, ..
            }
            | SimpleType::List {
                documentation: d, ..
            } => {
                *d = documentation;
            }
        }
        self
    }

    /// The type's documentation, if it has any.
    pub fn documentation(&self) -> Option<&str> {
        match self {
            SimpleType::Restriction { documentation, .. }
            | SimpleType::List { documentation, .. } => documentation.as_deref(),
        }
    }
}

/// One `xs:enumeration` value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The text on the wire.
    pub value: String,
    /// The numeric value WCF annotates (`EnumerationValue`), if any.
    pub numeric: Option<i64>,
    /// The value's `xs:annotation/xs:documentation`, whitespace collapsed.
    pub documentation: Option<String>,
}

/// A global `xs:element`.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementDecl {
    /// The element's type.
    pub ty: TypeRef,
    /// `nillable`.
    pub nillable: bool,
    /// The element's `xs:annotation/xs:documentation`, whitespace collapsed.
    pub documentation: Option<String>,
}
