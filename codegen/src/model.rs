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

/// The SOAP 1.1 encoding namespace, home of `soapenc:Array`, and the `encodingStyle` of the
/// encoded messages generated code reads and writes.
pub const SOAP_ENCODING_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";

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
    /// The message protocols the port itself asks for (its binding may ask for more).
    pub policy: MessagePolicy,
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
    /// The message protocols the binding (or one of its operations) asks for.
    pub policy: MessagePolicy,
}

/// The message protocols a binding or port asks for, directly or through WS-Policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MessagePolicy {
    /// WS-Addressing, when declared.
    pub addressing: Option<AddressingPolicy>,
    /// True when MTOM is asked for (`wsoma:OptimizedMimeSerialization`).
    pub mtom: bool,
}

impl MessagePolicy {
    /// What `self` and `other` ask for together.
    pub fn union(self, other: MessagePolicy) -> MessagePolicy {
        let addressing = match (self.addressing, other.addressing) {
            (Some(a), Some(b)) => Some(AddressingPolicy {
                version: a.version,
                required: a.required || b.required,
            }),
            (a, b) => a.or(b),
        };
        MessagePolicy {
            addressing,
            mtom: self.mtom || other.mtom,
        }
    }
}

/// A WS-Addressing declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressingPolicy {
    /// Which version.
    pub version: AddressingVersion,
    /// True unless declared optional (`wsp:Optional="true"`, `wsdl:required="false"`).
    pub required: bool,
}

/// A version of WS-Addressing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AddressingVersion {
    /// WS-Addressing 1.0 (`wsaw:UsingAddressing`, `wsam:Addressing`).
    W3c10,
    /// The 2004/08 member submission (`wsap:UsingAddressing`).
    Submission200408,
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
    /// The body's element: the wrapper element (document/literal wrapped), or for rpc style
    /// the wrapper named after the operation in `soap:body/@namespace`; `None` for an empty
    /// body, or for a document-style body of several parts (or of `type=` parts), which has
    /// no wrapper.
    pub body: Option<QName>,
    /// The message parts, each a child of the rpc wrapper, or (without [`MessageBinding::body`])
    /// of the Body itself; `None` when [`MessageBinding::body`] names a global element.
    pub parts: Option<Vec<MessagePart>>,
    /// `use="encoded"` (SOAP 1.1 section 5): values carry `xsi:type`, arrays are SOAP arrays,
    /// and values may be given once and referred to (`href`/`id`).
    pub encoded: bool,
    /// Header parts in binding order.
    pub headers: Vec<HeaderPart>,
    /// The parts bound to `mime:content` in a `mime:multipartRelated` binding (SOAP with
    /// Attachments), in binding order: each travels as a MIME part beside the envelope, not
    /// in it. Empty for a plain SOAP binding.
    pub attachments: Vec<AttachmentPart>,
}

/// A message part bound to `mime:content` (WSDL 1.1 section 5, WS-I Attachments Profile): an
/// attachment, carried in a MIME part whose Content-ID starts with the part's name.
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentPart {
    /// `part/@name`.
    pub name: String,
    /// The media types its `mime:content` alternatives allow (`image/jpeg`, `image/*`), in
    /// binding order; empty when any is allowed (no `type`).
    pub content_types: Vec<String>,
    /// The part's declared type or element (the schema type of its bytes, usually
    /// `xs:base64Binary`).
    pub content: PartContent,
}

/// One part of a message bound part by part: a child of the rpc wrapper or of the Body.
#[derive(Debug, Clone, PartialEq)]
pub struct MessagePart {
    /// `part/@name`: the (unqualified) child element's name for a `type=` part.
    pub name: String,
    /// The part's type or element.
    pub content: PartContent,
}

/// What a message part carries.
#[derive(Debug, Clone, PartialEq)]
pub enum PartContent {
    /// `type=`: a value of the type, in an element named after the part.
    Type(QName),
    /// `element=`: the global element itself.
    Element(QName),
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

/// An `xs:complexType`: a content model (a tree of particles), attributes, or text with
/// attributes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ComplexType {
    /// The base type of a `complexContent` or `simpleContent` derivation (for simple content a
    /// simple type, or a complex type with simple content).
    pub base: Option<QName>,
    /// How the type derives from [`ComplexType::base`].
    pub derivation: Derivation,
    /// True for `xs:simpleContent`: the element holds text of the base type, plus attributes.
    pub simple_content: bool,
    /// `mixed="true"`: text may stand between the child elements.
    pub mixed: bool,
    /// The type's own content model (for an extension, what it adds after the base's content;
    /// for a restriction, the whole content); `None` for empty content.
    pub content: Option<Group>,
    /// The type's own attributes (not the base's), attribute groups expanded, in schema order.
    pub attributes: Vec<Attribute>,
    /// `xs:anyAttribute`: attributes not declared are allowed (and kept).
    pub any_attribute: Option<Wildcard>,
    /// True when annotated as a WCF dictionary (`IsDictionary`): one repeated key/value pair element.
    pub is_dictionary: bool,
    /// `abstract="true"`: only types derived from it appear on the wire (with `xsi:type`).
    pub is_abstract: bool,
    /// The type's `xs:annotation/xs:documentation`, whitespace collapsed.
    pub documentation: Option<String>,
}

impl ComplexType {
    /// The element particles of the content, through groups, leaving out choices and
    /// wildcards: the fields of a plain sequence.
    pub fn element_fields(&self) -> Vec<&Field> {
        let mut fields = Vec::new();
        if let Some(group) = &self.content {
            group.collect_elements(&mut fields);
        }
        fields
    }

    /// The particles of the top-level group (empty for empty content).
    pub fn particles(&self) -> &[Particle] {
        self.content
            .as_ref()
            .map_or(&[], |g| g.particles.as_slice())
    }

    /// True when the content is elements only, in a sequence (or `xs:all`) that occurs once:
    /// no choice, no wildcard, no attribute, no simple or mixed content.
    pub fn is_plain_sequence(&self) -> bool {
        !self.simple_content
            && !self.mixed
            && self.attributes.is_empty()
            && self.any_attribute.is_none()
            && self.content.as_ref().is_none_or(|g| {
                g.kind != Compositor::Choice
                    && g.occurs_once()
                    && g.particles
                        .iter()
                        .all(|p| matches!(p, Particle::Element(_)))
            })
    }
}

/// How a complex type derives from its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Derivation {
    /// `xs:extension`: the base's content, then the type's own.
    #[default]
    Extension,
    /// `xs:restriction`: the type's content restates (a subset of) the base's.
    Restriction,
}

/// A model group: `xs:sequence`, `xs:choice` or `xs:all`, with its own occurrence.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Sequence, choice or all.
    pub kind: Compositor,
    /// `minOccurs` of the group.
    pub min_occurs: u32,
    /// `maxOccurs` of the group.
    pub max_occurs: MaxOccurs,
    /// The group's particles in schema order (`xs:group ref=` expanded in place).
    pub particles: Vec<Particle>,
}

impl Group {
    /// True when the group occurs exactly once.
    pub fn occurs_once(&self) -> bool {
        self.min_occurs == 1 && self.max_occurs == MaxOccurs::Bounded(1)
    }

    fn collect_elements<'a>(&'a self, out: &mut Vec<&'a Field>) {
        if self.kind == Compositor::Choice {
            return;
        }
        for particle in &self.particles {
            match particle {
                Particle::Element(field) => out.push(field),
                Particle::Group(inner) => inner.collect_elements(out),
                Particle::Any(_) => {}
            }
        }
    }
}

/// The compositor of a model group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compositor {
    /// `xs:sequence`: the particles in order.
    Sequence,
    /// `xs:choice`: one of the particles per occurrence.
    Choice,
    /// `xs:all`: the elements in any order.
    All,
}

/// One item of a content model.
#[derive(Debug, Clone, PartialEq)]
pub enum Particle {
    /// An element (local, or a `ref=` to a global element, see [`Field::reference`]).
    Element(Field),
    /// A nested model group.
    Group(Group),
    /// `xs:any`: elements of any name the namespace constraint allows.
    Any(Wildcard),
}

/// An `xs:any` or `xs:anyAttribute` wildcard.
#[derive(Debug, Clone, PartialEq)]
pub struct Wildcard {
    /// Which namespaces the wildcard allows.
    pub namespace: NamespaceConstraint,
    /// `processContents`.
    pub process_contents: ProcessContents,
    /// `minOccurs` (1 for attributes).
    pub min_occurs: u32,
    /// `maxOccurs` (1 for attributes).
    pub max_occurs: MaxOccurs,
}

/// The `namespace` attribute of a wildcard, with `##targetNamespace` resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamespaceConstraint {
    /// `##any`.
    Any,
    /// `##other`: any namespace but the target namespace (given) and no namespace.
    Other(String),
    /// A list of namespaces; the empty string stands for `##local` (no namespace).
    List(Vec<String>),
}

/// How a validator treats what a wildcard matches (`processContents`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessContents {
    /// `strict`: must be declared.
    Strict,
    /// `lax`: checked where declared.
    Lax,
    /// `skip`: anything well-formed.
    Skip,
}

/// An element inside a complex type's content.
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
    /// True when the value constraint is `fixed` (the only value allowed).
    pub fixed: bool,
    /// True for a `ref=` to a global element (which may head a substitution group): the
    /// element keeps its identity, [`Field::name`] is the global element's and [`Field::ty`]
    /// its named type, or [`TypeRef::OfElement`] for its anonymous one.
    pub reference: bool,
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
    /// True when the value constraint is `fixed`.
    pub fixed: bool,
    /// `wsdl:arrayType` (on a `soapenc:arrayType` attribute of a SOAP-encoded array): the
    /// item type and dimensions, as written (`tns:Item[]`), with the prefix resolved.
    pub array_type: Option<ArrayType>,
    /// The attribute's `xs:annotation/xs:documentation`, whitespace collapsed.
    pub documentation: Option<String>,
}

/// A `wsdl:arrayType` value (`xsd:string[]`, `tns:Item[][]`, `xsd:int[,]`): the type the
/// array's values are built from, and the dimensions that follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrayType {
    /// The type named before the brackets, prefix resolved.
    pub item: QName,
    /// The rank of each bracket group, in order (`[]` is 1, `[,]` 2; a size such as `[5]`
    /// is not kept): `[1]` for `T[]`, `[1, 1]` for `T[][]` (an array of arrays of `T`), `[2]`
    /// for `T[,]` (a two-dimensional array of `T`).
    pub ranks: Vec<usize>,
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
    /// The anonymous type of the named global element, which a `ref=` to it stands for: the
    /// type is declared once, with the element, not copied into each reference, so it may
    /// hold the element itself (a folder of folders), directly or through other elements.
    OfElement(QName),
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
        /// The restriction's other facets: bounds, digits, lengths, patterns (boxed: most
        /// restrictions have few or none).
        facets: Box<Facets>,
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
    /// `xs:union`: a value of any of the member types.
    Union {
        /// The member types, named (`memberTypes`) first, then anonymous.
        members: Vec<TypeRef>,
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
            }
            | SimpleType::Union {
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
            | SimpleType::List { documentation, .. }
            | SimpleType::Union { documentation, .. } => documentation.as_deref(),
        }
    }
}

/// The facets of a simple type's restriction other than `xs:enumeration` (XML Schema part 2,
/// 4.3), as the schema writes them: a bound's value is lexical, in its base type's space. The
/// planner narrows a bounded integer to the Rust integer that holds every value it allows, and
/// the facets of a field's type are said in the field's documentation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    /// `xs:minInclusive`.
    pub min_inclusive: Option<String>,
    /// `xs:maxInclusive`.
    pub max_inclusive: Option<String>,
    /// `xs:minExclusive`.
    pub min_exclusive: Option<String>,
    /// `xs:maxExclusive`.
    pub max_exclusive: Option<String>,
    /// `xs:totalDigits`: at most this many decimal digits.
    pub total_digits: Option<u32>,
    /// `xs:fractionDigits`: at most this many digits after the decimal point.
    pub fraction_digits: Option<u32>,
    /// `xs:length`.
    pub length: Option<u64>,
    /// `xs:minLength`.
    pub min_length: Option<u64>,
    /// `xs:maxLength`.
    pub max_length: Option<u64>,
    /// `xs:pattern`s: the patterns of one restriction are alternatives, and the value must
    /// match one of each restriction's in the derivation; kept per restriction in order.
    pub patterns: Vec<Vec<String>>,
}

impl Facets {
    /// The facets of a restriction of a type that has `self`: each facet the restriction
    /// gives replaces the base's (a valid schema only narrows them), patterns add up.
    pub fn narrowed_by(mut self, restriction: Facets) -> Facets {
        fn replace<T>(base: &mut Option<T>, narrower: Option<T>) {
            if narrower.is_some() {
                *base = narrower;
            }
        }
        replace(&mut self.min_inclusive, restriction.min_inclusive);
        replace(&mut self.max_inclusive, restriction.max_inclusive);
        replace(&mut self.min_exclusive, restriction.min_exclusive);
        replace(&mut self.max_exclusive, restriction.max_exclusive);
        replace(&mut self.total_digits, restriction.total_digits);
        replace(&mut self.fraction_digits, restriction.fraction_digits);
        replace(&mut self.length, restriction.length);
        replace(&mut self.min_length, restriction.min_length);
        replace(&mut self.max_length, restriction.max_length);
        self.patterns.extend(restriction.patterns);
        self
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
    /// `abstract="true"`: only members of its substitution group appear on the wire.
    pub is_abstract: bool,
    /// `substitutionGroup`: the head element this element may stand in for.
    pub substitution_group: Option<QName>,
}

impl Schema {
    /// The type of a `ref=` to global element `name`: its named type, or
    /// [`TypeRef::OfElement`] for an anonymous one; `None` when no such element is declared.
    pub fn referenced_type(&self, name: &QName) -> Option<TypeRef> {
        Some(match &self.elements.get(name)?.ty {
            TypeRef::Named(ty) => TypeRef::Named(ty.clone()),
            _ => TypeRef::OfElement(name.clone()),
        })
    }

    /// The global elements that may stand in for `head` (directly or through other members),
    /// in name order, leaving out abstract ones.
    pub fn substitutes(&self, head: &QName) -> Vec<&QName> {
        let mut found: Vec<&QName> = Vec::new();
        let mut heads = vec![head];
        while let Some(current) = heads.pop() {
            for (name, decl) in &self.elements {
                if decl.substitution_group.as_ref() == Some(current)
                    && name != head
                    && !found.contains(&name)
                {
                    found.push(name);
                    heads.push(name);
                }
            }
        }
        found.sort();
        found.retain(|name| self.elements.get(*name).is_some_and(|d| !d.is_abstract));
        found
    }
}
