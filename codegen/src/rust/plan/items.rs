//! What the planner decides: the Rust items of the generated module (structs, enums, aliases),
//! their fields with Rust types and wire codecs. The emitters only print these.

use std::collections::BTreeMap;

use crate::model::{Facets, NamespaceConstraint, QName};

/// The Rust shape of a schema type: how it is typed and how it is written.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A runtime or std type, by path (`String`, `i32`, `DateTime`).
    Builtin(&'static str),
    /// A generated struct.
    Struct(String),
    /// A generated enumeration (written as text).
    Enum(String),
    /// A generated alias of `FlagSet<Item>`: an `xs:list` of an enumeration.
    Flags(String),
    /// A generated alias of `SimpleList<Item>`: an `xs:list` of any other simple type.
    List(String),
    /// A WCF `ArrayOfX`: `Vec` of items wrapped in `item` elements.
    Array {
        /// The item element.
        item: QName,
        /// True when items may be nil.
        nillable: bool,
        /// The items' shape.
        items: Box<Shape>,
    },
    /// A WCF dictionary, emitted as an alias of `OrderedMap`.
    Dictionary {
        /// The alias name.
        alias: String,
        /// The pair, key and value elements.
        pair: QName,
        /// The key element.
        key: QName,
        /// The value element.
        value: QName,
        /// Keys' shape.
        keys: Box<Shape>,
        /// Values' shape.
        values: Box<Shape>,
    },
    /// A base type and the types derived from it, told apart by `xsi:type`: a generated enum.
    Polymorphic(String),
    /// The alternatives of an `xs:choice`: a generated enum.
    Choice(String),
    /// A SOAP-encoded array (`soapenc:Array` restricted with `wsdl:arrayType`): a `Vec` whose
    /// element carries `soapenc:arrayType`, with `item` elements; one `Vec` per dimension
    /// (`Vec<Vec<T>>` for `T[,]`), its members in row-major order on the wire.
    SoapArray {
        /// The item type, named in `soapenc:arrayType` and each item's `xsi:type`.
        item_type: QName,
        /// The number of dimensions (1, or 2 for `T[,]`).
        dimensions: usize,
        /// The items' shape.
        items: Box<Shape>,
    },
}

impl Shape {
    /// The generated item a value of this shape contains directly (not through a `Vec`), if any.
    pub(super) fn contained_item(&self) -> Option<&str> {
        match self {
            Shape::Struct(n) | Shape::Polymorphic(n) | Shape::Choice(n) => Some(n),
            _ => None,
        }
    }

    /// True for shapes written as text (usable as attribute values).
    pub fn is_simple(&self) -> bool {
        matches!(
            self,
            Shape::Builtin(_) | Shape::Enum(_) | Shape::Flags(_) | Shape::List(_)
        )
    }
}

/// How often a field occurs, which decides its Rust wrapper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurs {
    /// Exactly once: `T`.
    One,
    /// Optional or nillable: `Option<T>`.
    Optional,
    /// Repeated: `Vec<T>`.
    Many,
}

/// Where a struct field lives on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A child element.
    Element,
    /// An attribute of the struct's element.
    Attribute,
    /// One of the alternative child elements of an `xs:choice` (the shape is a `Choice`).
    Choice,
    /// The text of an element with simple content.
    Text,
    /// Elements an `xs:any` allows: raw XML values (`XmlElement`).
    Any,
    /// Attributes an `xs:anyAttribute` allows and the type does not declare.
    AnyAttributes,
    /// Mixed content: text and elements in document order (`XmlNode`s).
    Mixed,
    /// An optional or repeated `xs:sequence` of several particles: a struct of its own.
    Group,
    /// The base type's value, first in a struct whose type extends it (its fields are reached
    /// through `Deref`): the base's attributes and elements, read and written by its own impl.
    Base,
    /// A message part bound to `mime:content` (SOAP with Attachments): not in the envelope,
    /// but in a MIME part beside it, found by the part's name ([`FieldPlan::wire`]'s local
    /// name).
    Attachment,
}

/// One field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPlan {
    /// The Rust field name.
    pub rust_name: String,
    /// The element or attribute on the wire (for a choice: the first alternative's element).
    pub wire: QName,
    /// Its shape.
    pub shape: Shape,
    /// Occurrence.
    pub occurs: Occurs,
    /// `minOccurs >= 1` (`use="required"` for an attribute).
    pub required: bool,
    /// SOAP encoding: a required element that may be left out for a null or default value
    /// (SOAP 1.1 section 5.1), read as the field's default when missing.
    pub omissible: bool,
    /// `nillable`.
    pub nillable: bool,
    /// True when the value must be boxed to break a type cycle.
    pub boxed: bool,
    /// True when the field holds a secret and must not appear in `Debug`.
    pub secret: bool,
    /// Element, attribute, choice or text.
    pub kind: FieldKind,
    /// The schema's `default` (or `fixed`) value.
    pub default: Option<String>,
    /// For [`FieldKind::Any`]: the namespaces the wildcard allows.
    pub wildcard: Option<NamespaceConstraint>,
    /// For a [`FieldKind::Choice`] or [`FieldKind::Group`] that repeats: its `maxOccurs` when
    /// bounded (`None`: unbounded, or at most once).
    pub max_occurs: Option<usize>,
    /// SOAP encoding: the type named in the element's `xsi:type`.
    pub xsi_type: Option<QName>,
    /// The schema's documentation of the element or attribute, else of its simple type.
    pub doc: Option<String>,
    /// What the facets of its simple type allow, when the value is a restriction (without
    /// enumeration) of a built-in type: for the field's documentation.
    pub facets: Option<Box<ValueFacets>>,
}

/// The facets of a simple value's whole derivation and the built-in type they restrict,
/// which says what they count: a string's `maxLength` counts characters, `hexBinary`'s
/// octets, `NMTOKENS`' items.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueFacets {
    /// The built-in type at the root of the derivation.
    pub builtin: QName,
    /// The facets, narrowed restriction by restriction.
    pub facets: Facets,
}

/// Where a struct comes from in the schema.
#[derive(Debug, Clone, PartialEq)]
pub enum StructSource {
    /// A named complex type.
    Type(QName),
    /// The anonymous type of a global element.
    Element(QName),
    /// The anonymous type of a local element.
    Local(QName),
    /// The parts of a message bound part by part without a wrapper element (named after the
    /// message).
    Parts(String),
    /// An optional or repeated group of elements inside the named struct's content.
    Group(String),
}

/// A struct to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct StructPlan {
    /// Rust name.
    pub name: String,
    /// Schema origin.
    pub source: StructSource,
    /// Base type chain, nearest first, for documentation.
    pub bases: Vec<QName>,
    /// Fields: attributes first, then the text or the elements (inherited first).
    pub fields: Vec<FieldPlan>,
    /// True for simple content: one `Text` field and attributes.
    pub simple_content: bool,
    /// The schema's documentation of the type (or of the element of an anonymous type).
    pub doc: Option<String>,
}

impl FieldPlan {
    /// A field of `kind` that is optional, not boxed, not secret, without default.
    pub fn new(rust_name: String, wire: QName, shape: Shape, kind: FieldKind) -> Self {
        FieldPlan {
            rust_name,
            wire,
            shape,
            occurs: Occurs::Optional,
            required: false,
            omissible: false,
            nillable: false,
            boxed: false,
            secret: false,
            kind,
            default: None,
            wildcard: None,
            max_occurs: None,
            xsi_type: None,
            doc: None,
            facets: None,
        }
    }
}

impl StructPlan {
    /// The field holding the base type's value, for a derived struct that holds one (always
    /// the first field).
    pub fn held_base(&self) -> Option<&FieldPlan> {
        self.fields.first().filter(|f| f.kind == FieldKind::Base)
    }

    /// True for the struct of a group inside another struct's content: it is read and written
    /// by that struct, not on its own.
    pub fn is_group(&self) -> bool {
        matches!(self.source, StructSource::Group(_))
    }
}

/// What one alternative of a choice holds on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum AlternativeKind {
    /// One element (or, when `repeated`, a run of them).
    Element,
    /// A sequence of several elements: the shape is the group's struct.
    Group,
    /// An element an `xs:any` allows (a raw XML value).
    Any(NamespaceConstraint),
}

/// One alternative of a choice.
#[derive(Debug, Clone, PartialEq)]
pub struct AlternativePlan {
    /// The variant name.
    pub variant: String,
    /// The element on the wire (for a group, its first element).
    pub wire: QName,
    /// Its shape.
    pub shape: Shape,
    /// True when the element may be nil (the variant holds an `Option`).
    pub nillable: bool,
    /// True when the element may repeat (the variant holds a `Vec`).
    pub repeated: bool,
    /// True when the value must be boxed to break a type cycle.
    pub boxed: bool,
    /// Element, group or wildcard.
    pub kind: AlternativeKind,
    /// The schema's documentation of the element, else of its simple type.
    pub doc: Option<String>,
    /// What the facets of its simple type allow, as for [`FieldPlan::facets`].
    pub facets: Option<Box<ValueFacets>>,
}

/// The enum of an `xs:choice`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoicePlan {
    /// Rust name.
    pub name: String,
    /// The struct holding the choice.
    pub parent: String,
    /// The alternatives in schema order.
    pub alternatives: Vec<AlternativePlan>,
}

/// One variant of a polymorphic enum: a concrete type.
#[derive(Debug, Clone, PartialEq)]
pub struct PolymorphicVariant {
    /// The schema type (named on the wire in `xsi:type`).
    pub type_name: QName,
    /// Its struct (also the variant name).
    pub struct_name: String,
    /// True when the value must be boxed to break a type cycle.
    pub boxed: bool,
}

/// The enum of a base type and its derived types.
#[derive(Debug, Clone, PartialEq)]
pub struct PolymorphicPlan {
    /// Rust name.
    pub name: String,
    /// The base type.
    pub base: QName,
    /// True when the base is abstract.
    pub is_abstract: bool,
    /// The base first, then every type derived from it (directly or not).
    pub variants: Vec<PolymorphicVariant>,
    /// The schema's documentation of the base type.
    pub doc: Option<String>,
}

/// An enumeration to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumPlan {
    /// Rust name.
    pub name: String,
    /// The schema type (for lists, the list type).
    pub source: QName,
    /// Variants: (Rust name, wire text, WCF numeric value).
    pub variants: Vec<(String, String, Option<i64>)>,
    /// The schema's documentation of each value, in the order of `variants`.
    pub variant_docs: Vec<Option<String>>,
    /// The schema's documentation of the type.
    pub doc: Option<String>,
    /// The name of the variant that keeps unknown values.
    pub unknown_variant: String,
}

/// A flag-set alias to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagsPlan {
    /// Rust alias name.
    pub name: String,
    /// The list type.
    pub source: QName,
    /// The item enumeration's Rust name.
    pub item: String,
    /// The schema's documentation of the list type.
    pub doc: Option<String>,
}

/// A list alias to emit: `SimpleList<Item>`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPlan {
    /// Rust alias name.
    pub name: String,
    /// The list type.
    pub source: QName,
    /// The item type: a runtime or std type, by path (`i32`, `String`, `QName`).
    pub item: &'static str,
    /// The schema's documentation of the list type.
    pub doc: Option<String>,
}

/// A dictionary alias to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct DictionaryPlan {
    /// Rust alias name.
    pub name: String,
    /// The dictionary type.
    pub source: QName,
    /// Key and value shapes.
    pub keys: Shape,
    /// Values' shape.
    pub values: Shape,
}

/// Every type item of the generated module, plus the namespace table.
#[derive(Debug, Default)]
pub struct TypePlan {
    /// Structs by Rust name.
    pub structs: BTreeMap<String, StructPlan>,
    /// Enumerations by Rust name.
    pub enums: BTreeMap<String, EnumPlan>,
    /// Flag sets by Rust name.
    pub flags: BTreeMap<String, FlagsPlan>,
    /// Lists (of other than enumerations) by Rust name.
    pub lists: BTreeMap<String, ListPlan>,
    /// Dictionaries by Rust name.
    pub dictionaries: BTreeMap<String, DictionaryPlan>,
    /// Choice enums by Rust name.
    pub choices: BTreeMap<String, ChoicePlan>,
    /// Polymorphic enums by Rust name.
    pub polymorphic: BTreeMap<String, PolymorphicPlan>,
    /// Namespaces used by elements, in table order.
    pub namespaces: Vec<String>,
}

impl TypePlan {
    /// The struct a value of `shape` is, if it is one.
    pub fn struct_of(&self, shape: &Shape) -> Option<&StructPlan> {
        match shape {
            Shape::Struct(name) => self.structs.get(name),
            _ => None,
        }
    }

    /// The struct of the base value `plan` holds, if it holds one.
    pub fn held_struct(&self, plan: &StructPlan) -> Option<&StructPlan> {
        self.struct_of(&plan.held_base()?.shape)
    }

    /// Struct `name`, then the struct of each base value it holds, nearest first (each a
    /// struct the value reaches through `Deref`).
    pub fn held_chain<'p>(&'p self, name: &str) -> impl Iterator<Item = &'p StructPlan> + 'p {
        // Each step goes to a base type, and no type extends itself: the walk ends.
        std::iter::successors(self.structs.get(name), |current| self.held_struct(current))
    }

    /// True when a value of struct `name` is a `base` through the base values it holds (it is
    /// `base`, or holds one, directly or through its own base): it dereferences to one.
    pub fn holds(&self, name: &str, base: &str) -> bool {
        self.held_chain(name).any(|s| s.name == base)
    }

    /// The first field of struct `name` that `wanted` accepts, its own or, through the base
    /// value it holds, inherited (a field the generated code reaches as its own through
    /// `Deref`).
    pub fn field_of(&self, name: &str, wanted: impl Fn(&FieldPlan) -> bool) -> Option<&FieldPlan> {
        self.held_chain(name)
            .find_map(|s| s.fields.iter().find(|f| wanted(f)))
    }
}
