//! Structs, fields, arrays and dictionaries: the shared logic generated types delegate to, so
//! that each generated type is a field table and two short match statements.

use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::types::OrderedMap;
use crate::value::{LexicalValue, SimpleValue, XmlValue};
use crate::xml::name::same_name;
use crate::xml::{Element, Name, NamespaceConstraint, Ns, XmlReader, XmlWriter};

mod rules;

pub use rules::ContentRule;
use rules::{duplicate, FieldTracker};

/// How one element of a struct occurs on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The element name.
    pub name: Name,
    /// `minOccurs >= 1`: decoding fails when the element is missing (unless `omissible`).
    pub required: bool,
    /// SOAP encoding: a required element left out stands for a null or default value (SOAP 1.1
    /// section 5.1), so decoding reads it as the field's default; it is still always written.
    pub omissible: bool,
    /// `maxOccurs > 1`: the element may repeat.
    pub repeated: bool,
    /// `nillable`: `None` is written as `xsi:nil="true"` when the element is also required.
    pub nillable: bool,
    /// For the `xs:any` alternative of a choice: the namespaces it allows. Such an entry has
    /// no name; it takes an element no named field matches, so that the content rules see it.
    pub wildcard: Option<NamespaceConstraint>,
}

impl Field {
    /// The table of a struct that holds its base's value: the base's entries (which the
    /// base's `read_field` reads, at the same indexes), then the struct's own, without
    /// repeating the base's in every derived struct. `N` is the length of both together
    /// (checked when the constant is evaluated).
    pub const fn after_base<const N: usize>(base: &[Field], own: &[Field]) -> [Field; N] {
        assert!(
            base.len() + own.len() == N,
            "the table's length is not the base's and the struct's own entries together"
        );
        let mut fields = [Field::optional(Ns::NONE, ""); N];
        let mut i = 0;
        while i < base.len() {
            fields[i] = base[i];
            i += 1;
        }
        let mut j = 0;
        while j < own.len() {
            fields[base.len() + j] = own[j];
            j += 1;
        }
        fields
    }

    /// An element `local` in namespace slot `ns` that is optional (`minOccurs="0"`) and
    /// occurs at most once.
    pub const fn optional(ns: Ns, local: &'static str) -> Self {
        Field {
            name: Name::new(ns, local),
            required: false,
            omissible: false,
            repeated: false,
            nillable: false,
            wildcard: None,
        }
    }

    /// The `xs:any` alternative of a choice, allowing elements of the namespaces of
    /// `constraint` (optional, occurring at most once).
    pub const fn any(constraint: NamespaceConstraint) -> Self {
        Field {
            wildcard: Some(constraint),
            ..Field::optional(Ns::NONE, "")
        }
    }

    /// The same field, allowed to repeat.
    pub const fn many(self) -> Self {
        Field {
            repeated: true,
            ..self
        }
    }

    /// An element that must occur exactly once.
    pub const fn required(ns: Ns, local: &'static str) -> Self {
        Field {
            required: true,
            ..Field::optional(ns, local)
        }
    }

    /// An element that may repeat.
    pub const fn repeated(ns: Ns, local: &'static str) -> Self {
        Field {
            repeated: true,
            ..Field::optional(ns, local)
        }
    }

    /// The same field, marked nillable.
    pub const fn nillable(self) -> Self {
        Field {
            nillable: true,
            ..self
        }
    }

    /// The same field, marked required (`minOccurs >= 1`).
    pub const fn at_least_once(self) -> Self {
        Field {
            required: true,
            ..self
        }
    }

    /// The same field in SOAP encoding, where an accessor left out means a null or default
    /// value (SOAP 1.1 section 5.1, as suds and Axis leave out an empty array or a null
    /// member): read as the field's default when missing, still written when required.
    pub const fn omissible(self) -> Self {
        Field {
            omissible: true,
            ..self
        }
    }
}

/// A struct whose content is a sequence of elements (an XML Schema complex type).
pub trait XmlStruct: Default {
    /// The schema type name, for error messages.
    const TYPE_NAME: &'static str;
    /// Every element, base type's first, in schema order.
    const FIELDS: &'static [Field];
    /// What the content's choices and groups require (see [`ContentRule`]); none by default.
    const RULES: &'static [ContentRule] = &[];
    /// True for the parts of a document-style message of several parts (or of `type=` parts):
    /// the SOAP Body's children are the fields, with no wrapper element (the operation's body
    /// name is empty).
    const BODY_PARTS: bool = false;
    /// True for the parts of a message with attachments (SOAP with Attachments): after its
    /// elements, [`XmlStruct::read_attachments`] reads the fields that travel as MIME parts.
    const ATTACHMENTS: bool = false;
    /// Reads the fields that are attachments of the message (`mime:content` parts), from the
    /// MIME parts beside the envelope (see [`XmlReader::attachment_part`]); called after the
    /// elements when [`XmlStruct::ATTACHMENTS`] is true. The default reads nothing.
    fn read_attachments(&mut self, r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
        let _ = r;
        Ok(())
    }
    /// Reads the element `element`, which matched `Self::FIELDS[index]`, into the struct.
    fn read_field(
        &mut self,
        index: usize,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError>;
    /// Writes every field in order (attributes first, while the start tag is open), and ends
    /// with [`XmlWriter::finish_fields`], which returns the first error the field writers kept
    /// (an envelope whose fields kept an error no `write_fields` returned is refused as well).
    fn write_fields(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;
    /// Reads the attributes of the struct's element, before its children; a type without
    /// attributes keeps this default, which reads nothing.
    fn read_attributes(
        &mut self,
        r: &XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError> {
        let _ = (r, element);
        Ok(())
    }
    /// Offered each child element that no field matched, before it is skipped as unknown:
    /// returns true when it consumed the element (through its end tag). A struct with an
    /// `xs:any` field overrides this to keep the element (see
    /// [`XmlElement::read`](crate::xml::XmlElement::read)); the default keeps nothing.
    fn read_other(
        &mut self,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        let _ = (r, element);
        Ok(false)
    }
}

/// Implements [`XmlValue`] for structs that implement [`XmlStruct`].
#[macro_export]
macro_rules! xml_structs {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::XmlValue for $ty {
            fn write_content(&self, w: &mut $crate::xml::XmlWriter) -> ::core::result::Result<(), $crate::EncodeError> {
                $crate::XmlStruct::write_fields(self, w)
            }
            fn read_content(r: &mut $crate::xml::XmlReader<'_>, element: &$crate::xml::Element<'_>) -> ::core::result::Result<Self, $crate::DecodeError> {
                $crate::codec::read_struct(r, element)
            }
            fn body_parts() -> bool {
                <$ty as $crate::XmlStruct>::BODY_PARTS
            }
        }
    )*};
}

/// Tracks which fields of a struct have been read, to refuse duplicates and report missing ones.
#[derive(Debug)]
pub struct StructReader<T: XmlStruct> {
    fields: FieldTracker,
    _type: std::marker::PhantomData<T>,
}

impl<T: XmlStruct> Default for StructReader<T> {
    fn default() -> Self {
        StructReader {
            fields: FieldTracker::default(),
            _type: std::marker::PhantomData,
        }
    }
}

/// A struct's field table and content rules: what the shared reading loop needs of its type.
struct Shape {
    type_name: &'static str,
    fields: &'static [Field],
    rules: &'static [ContentRule],
}

/// The part of [`XmlStruct`] the shared reading loop calls, as a trait object: the loop that
/// finds each child's field, checks duplicates and content rules and reports missing fields
/// exists once in the program, not once per generated struct (which kept large contracts slow
/// to compile and large in memory), and calls each struct's `read_field` through this.
trait FieldSink {
    /// The struct's field table and content rules.
    fn shape(&self) -> &'static Shape;
    /// [`XmlStruct::read_field`].
    fn read_field(
        &mut self,
        index: usize,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError>;
    /// [`XmlStruct::read_other`].
    fn read_other(
        &mut self,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<bool, DecodeError>;
    /// [`XmlStruct::read_attributes`].
    fn read_attributes(
        &mut self,
        r: &XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError>;
}

impl<T: XmlStruct> FieldSink for T {
    fn shape(&self) -> &'static Shape {
        const {
            &Shape {
                type_name: T::TYPE_NAME,
                fields: T::FIELDS,
                rules: T::RULES,
            }
        }
    }
    fn read_field(
        &mut self,
        index: usize,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError> {
        XmlStruct::read_field(self, index, r, element)
    }
    fn read_other(
        &mut self,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        XmlStruct::read_other(self, r, element)
    }
    fn read_attributes(
        &mut self,
        r: &XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError> {
        XmlStruct::read_attributes(self, r, element)
    }
}

impl FieldTracker {
    /// Reads `element` into `value` (of shape `shape`) if it is one of its fields; returns
    /// false otherwise (the element is then not consumed). Inlined into the shared loop
    /// ([`FieldTracker::read_children`]) and into [`StructReader::field`], not called: a call
    /// per element cost the decoder measurably (callgrind).
    #[inline(always)]
    fn field(
        &mut self,
        shape: &Shape,
        value: &mut dyn FieldSink,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        let local = element.local_name();
        let fields = shape.fields;
        // Fields usually arrive in schema order: try the expected one first.
        let index = match fields.get(self.next) {
            Some(f) if same_name(f.name.local, local) => self.next,
            _ => match fields
                .iter()
                .position(|f| same_name(f.name.local, local))
                .or_else(|| wildcard_field(fields, r, element))
            {
                Some(index) => index,
                None => return Ok(false),
            },
        };
        if !shape.rules.is_empty() {
            self.before(fields, shape.rules, index, r, element, shape.type_name)?;
        }
        if fields[index].repeated {
            self.next = index;
        } else {
            if self.seen.get(index) {
                return Err(duplicate(r, element, &fields[index], shape.type_name));
            }
            self.next = index + 1;
        }
        self.seen.set(index);
        value.read_field(index, r, element)?;
        Ok(true)
    }

    /// Reads the children of `element` into `value` (of shape `shape`), then checks that
    /// every required field and rule was met.
    fn read_children(
        mut self,
        shape: &Shape,
        value: &mut dyn FieldSink,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError> {
        while let Some(child) = r.next_child()? {
            if !self.field(shape, value, r, &child)? && !value.read_other(r, &child)? {
                r.unknown(&child)?;
            }
        }
        self.finish(shape.fields, shape.rules, r, element)
    }
}

impl<T: XmlStruct> StructReader<T> {
    /// Reads `element` into `value` if it is one of `T`'s fields; returns false otherwise
    /// (the element is then not consumed).
    pub fn field(
        &mut self,
        value: &mut T,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        self.fields.field(value.shape(), value, r, element)
    }

    /// Fails when a required field was not seen.
    pub fn finish(self, r: &XmlReader<'_>, parent: &Element<'_>) -> Result<(), DecodeError> {
        self.fields.finish(T::FIELDS, T::RULES, r, parent)
    }
}

/// The first wildcard entry of `fields` (see [`Field::wildcard`]) that allows `element`.
#[inline(never)]
fn wildcard_field(fields: &[Field], r: &XmlReader<'_>, element: &Element<'_>) -> Option<usize> {
    let namespace = r.namespace_of(element).unwrap_or_default();
    fields
        .iter()
        .position(|f| f.wildcard.is_some_and(|allowed| allowed.matches(namespace)))
}

/// Reads the children of `element` into a `T`; a child no field matches is offered to
/// [`XmlStruct::read_other`], and skipped and reported as unknown when that declines it.
///
/// Only the value's creation is `T`'s own code: reading its attributes and the loop over its
/// children are shared by every struct (`read_struct_content`, which calls `T`'s readers
/// through a trait object). This function is copied once per generated struct, so it is kept
/// to a default value and one call: with a `?` per step it was a quarter of the code the
/// compiler built for vSphere's contract.
pub fn read_struct<T: XmlStruct>(
    r: &mut XmlReader<'_>,
    element: &Element<'_>,
) -> Result<T, DecodeError> {
    let mut value = T::default();
    match read_struct_content(&mut value, r, element) {
        // Known when the struct's code is built: only message structs with attachments call.
        Ok(()) if T::ATTACHMENTS => value.read_attachments(r).map(|()| value),
        Ok(()) => Ok(value),
        Err(error) => Err(error),
    }
}

/// [`read_struct`]'s work once its value exists: the attributes, then the children.
#[inline(never)]
fn read_struct_content(
    value: &mut dyn FieldSink,
    r: &mut XmlReader<'_>,
    element: &Element<'_>,
) -> Result<(), DecodeError> {
    value.read_attributes(r, element)?;
    FieldTracker::default().read_children(value.shape(), value, r, element)
}

/// The value of a repeated group that the element just read belongs to: a new one when the
/// element starts the group (`starts`) or none was read yet, else the last one. Generated
/// readers of optional and repeated `xs:sequence` groups use it.
pub fn group_item<T: Default>(items: &mut Vec<T>, starts: bool) -> &mut T {
    if starts || items.is_empty() {
        items.push(T::default());
    }
    let last = items.len() - 1;
    // In bounds: `items` holds at least the value pushed above.
    &mut items[last]
}

/// How a value of type `T` is written into, and read from, an element's content.
///
/// [`Plain`] covers every [`XmlValue`]; [`Array`] and [`Dictionary`] add the item element names
/// that WCF's `ArrayOfX` and dictionary types put around their items.
pub trait Codec<T> {
    /// Writes `value` as the content of the element just opened.
    fn write(&self, w: &mut XmlWriter, value: &T) -> Result<(), EncodeError>;
    /// Reads the content of `element` to its end.
    fn read(&self, r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<T, DecodeError>;
}

/// The codec of any [`XmlValue`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Plain;

impl<T: XmlValue> Codec<T> for Plain {
    fn write(&self, w: &mut XmlWriter, value: &T) -> Result<(), EncodeError> {
        value.write_content(w)
    }
    fn read(&self, r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<T, DecodeError> {
        T::read_content(r, element)
    }
}

/// A boxed value (a field that closes a type cycle), written as the value itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Boxed<C>(pub C);

impl<T, C: Codec<T>> Codec<Box<T>> for Boxed<C> {
    fn write(&self, w: &mut XmlWriter, value: &Box<T>) -> Result<(), EncodeError> {
        self.0.write(w, value)
    }
    fn read(&self, r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Box<T>, DecodeError> {
        self.0.read(r, element).map(Box::new)
    }
}

/// A simple value whose schema declares a `default` (or `fixed`) value: an empty element
/// reads as that value. Written like [`Plain`].
#[derive(Debug, Clone, Copy)]
pub struct Defaulted(pub &'static str);

impl<T: SimpleValue> Codec<T> for Defaulted {
    fn write(&self, w: &mut XmlWriter, value: &T) -> Result<(), EncodeError> {
        value.write_text(w)
    }
    fn read(&self, r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<T, DecodeError> {
        let text = r.read_text(element)?;
        let text = if text.is_empty() { self.0 } else { &text };
        T::parse_text(text).map_err(|reason| r.invalid_value(element, T::XSD_TYPE, text, reason))
    }
}

impl<'a> XmlReader<'a> {
    /// The attribute `local` in `namespace` (empty for an unqualified attribute) of `element`,
    /// parsed (its prefixes, for a type that has them, resolved in the element's scope); `None`
    /// when absent.
    pub fn attribute_value<T: LexicalValue>(
        &self,
        element: &Element<'a>,
        namespace: &str,
        local: &'static str,
    ) -> Result<Option<T>, DecodeError> {
        let Some(text) = element.attribute(self, namespace, local) else {
            return Ok(None);
        };
        T::parse_lexical(&text, self)
            .map(Some)
            .map_err(|error| self.lexical_error(element, Some(local), T::XSD_TYPE, &text, error))
    }

    /// Like [`XmlReader::attribute_value`], for an attribute declared `use="required"`.
    pub fn required_attribute<T: LexicalValue>(
        &self,
        element: &Element<'a>,
        namespace: &str,
        local: &'static str,
    ) -> Result<T, DecodeError> {
        self.attribute_value(element, namespace, local)?
            .ok_or_else(|| {
                self.error_at(
                    element.offset(),
                    DecodeErrorKind::MissingAttribute {
                        attribute: local,
                        element: element.local_name().to_string(),
                    },
                )
            })
    }
}

/// A WCF `ArrayOfX`: a `Vec` whose items are each wrapped in an `item` element.
#[derive(Debug, Clone, Copy)]
pub struct Array<C> {
    /// The item element.
    pub item: Name,
    /// True when items may be nil; a nil item reads as the item type's default value.
    pub nillable: bool,
    /// The items' codec.
    pub items: C,
}

impl<C> Array<C> {
    /// An array of `item` elements, each written with `items`.
    pub const fn new(item: Name, nillable: bool, items: C) -> Self {
        Array {
            item,
            nillable,
            items,
        }
    }
}

impl<T: Default, C: Codec<T>> Codec<Vec<T>> for Array<C> {
    fn write(&self, w: &mut XmlWriter, value: &Vec<T>) -> Result<(), EncodeError> {
        for item in value {
            w.start(self.item);
            self.items.write(w, item)?;
            w.end(self.item);
        }
        Ok(())
    }

    fn read(&self, r: &mut XmlReader<'_>, _element: &Element<'_>) -> Result<Vec<T>, DecodeError> {
        let mut items = Vec::new();
        while let Some(child) = r.next_child()? {
            if !same_name(child.local_name(), self.item.local) {
                r.unknown(&child)?;
                continue;
            }
            r.count_item(&child)?;
            items.push(read_item(r, &child, &self.items)?);
        }
        Ok(items)
    }
}

/// Reads an item that may be nil: a nil item becomes `T::default()`.
pub(crate) fn read_item<T: Default, C: Codec<T>>(
    r: &mut XmlReader<'_>,
    element: &Element<'_>,
    codec: &C,
) -> Result<T, DecodeError> {
    if element.is_nil(r) {
        r.skip()?;
        Ok(T::default())
    } else {
        codec.read(r, element)
    }
}

/// A WCF dictionary (`IsDictionary`): repeated pair elements, each with a key and a value.
#[derive(Debug, Clone, Copy)]
pub struct Dictionary<K, V> {
    /// The pair element.
    pub pair: Name,
    /// The key element inside a pair.
    pub key: Name,
    /// The value element inside a pair.
    pub value: Name,
    /// The keys' codec.
    pub keys: K,
    /// The values' codec.
    pub values: V,
}

impl<K, V> Dictionary<K, V> {
    /// A dictionary of `pair` elements holding `key` and `value`.
    pub const fn new(pair: Name, key: Name, value: Name, keys: K, values: V) -> Self {
        Dictionary {
            pair,
            key,
            value,
            keys,
            values,
        }
    }
}

impl<Key, Val, K: Codec<Key>, V: Codec<Val>> Codec<OrderedMap<Key, Option<Val>>>
    for Dictionary<K, V>
where
    Key: Default,
{
    fn write(
        &self,
        w: &mut XmlWriter,
        map: &OrderedMap<Key, Option<Val>>,
    ) -> Result<(), EncodeError> {
        for (key, value) in map.iter() {
            w.start(self.pair);
            w.one(self.key, key, &self.keys)?;
            w.nillable(self.value, value, &self.values)?;
            w.end(self.pair);
        }
        Ok(())
    }

    fn read(
        &self,
        r: &mut XmlReader<'_>,
        _element: &Element<'_>,
    ) -> Result<OrderedMap<Key, Option<Val>>, DecodeError> {
        let mut map = OrderedMap::new();
        while let Some(pair) = r.next_child()? {
            if !same_name(pair.local_name(), self.pair.local) {
                r.unknown(&pair)?;
                continue;
            }
            r.count_item(&pair)?;
            let (mut key, mut value, mut key_seen) = (None, None, false);
            while let Some(child) = r.next_child()? {
                let local = child.local_name();
                if same_name(local, self.key.local) && !key_seen {
                    key_seen = true;
                    key = Some(read_item(r, &child, &self.keys)?);
                } else if same_name(local, self.value.local) && value.is_none() {
                    value = Some(r.nillable(&child, &self.values)?);
                } else {
                    r.unknown(&child)?;
                }
            }
            let key = key.ok_or_else(|| {
                r.error_at(
                    pair.offset(),
                    DecodeErrorKind::MissingElement {
                        field: self.key.local,
                        parent: pair.local_name().to_string(),
                    },
                )
            })?;
            map.push(key, value.flatten());
        }
        Ok(map)
    }
}

/// Reads a value of type `T`, which an element's `xsi:type` named, as the polymorphic value
/// `E` of a base type that holds it (a generated `Any…` enum, through its `From<T>`). The
/// arms of a generated `Any…` enum's `read_content` name one instance each, as a function
/// pointer: no code of their own to compile per derived type.
pub fn read_derived<T: XmlValue, E: From<T>>(
    r: &mut XmlReader<'_>,
    element: &Element<'_>,
) -> Result<E, DecodeError> {
    // A match rather than `Result::map`, which would be one more copy per derived type.
    match T::read_content(r, element) {
        Ok(value) => Ok(E::from(value)),
        Err(error) => Err(error),
    }
}

/// The field writers generated `write_fields` call, one call per field. They are never
/// inlined: each exists once per value type and codec, shared by every field of that type,
/// rather than copied into every field of every generated struct (what makes a contract of
/// thousands of types slow to compile). [`XmlWriter::req`], [`XmlWriter::opt`] and
/// [`XmlWriter::many`] return nothing: they keep the first error they meet, and
/// [`XmlWriter::finish_fields`], at the end of `write_fields`, returns it (so a field is one
/// call, without a `?` to compile in every field of every struct).
impl XmlWriter {
    /// Writes `value` as element `name`.
    #[inline(never)]
    pub fn one<T, C: Codec<T>>(
        &mut self,
        name: Name,
        value: &T,
        codec: &C,
    ) -> Result<(), EncodeError> {
        self.start(name);
        codec.write(self, value)?;
        self.end(name);
        Ok(())
    }

    /// Writes `value` as element `name`, or `xsi:nil` when it is `None`.
    #[inline(never)]
    pub fn nillable<T, C: Codec<T>>(
        &mut self,
        name: Name,
        value: &Option<T>,
        codec: &C,
    ) -> Result<(), EncodeError> {
        match value {
            Some(v) => self.one(name, v, codec),
            None => {
                self.start(name);
                self.nil();
                self.end(name);
                Ok(())
            }
        }
    }

    /// Writes an optional field: `None` is left out, or written nil when the field is
    /// required but nillable. An error is kept for [`XmlWriter::finish_fields`].
    #[inline(never)]
    pub fn opt<T, C: Codec<T>>(&mut self, field: &Field, value: &Option<T>, codec: &C) {
        match value {
            Some(v) => self.keep_one(field.name, v, codec),
            None if field.required && field.nillable => {
                self.start(field.name);
                self.nil();
                self.end(field.name);
            }
            None => {}
        }
    }

    /// Writes a field that occurs exactly once. An error is kept for
    /// [`XmlWriter::finish_fields`].
    #[inline(never)]
    pub fn req<T, C: Codec<T>>(&mut self, field: &Field, value: &T, codec: &C) {
        self.keep_one(field.name, value, codec);
    }

    /// Writes a repeated field: one element per item. An error is kept for
    /// [`XmlWriter::finish_fields`].
    #[inline(never)]
    pub fn many<T, C: Codec<T>>(&mut self, field: &Field, values: &[T], codec: &C) {
        for v in values {
            self.keep_one(field.name, v, codec);
        }
    }

    /// Writes the base value a derived struct holds (its attributes, then its elements, which
    /// come before the derived type's own). An error is kept for
    /// [`XmlWriter::finish_fields`].
    pub fn base<T: XmlStruct>(&mut self, base: &T) {
        if let Err(error) = base.write_fields(self) {
            self.keep_error(error);
        }
    }

    /// Writes `value` as element `name`, keeping an error for [`XmlWriter::finish_fields`]
    /// (the body of the field writers above).
    #[inline(always)]
    fn keep_one<T, C: Codec<T>>(&mut self, name: Name, value: &T, codec: &C) {
        self.start(name);
        match codec.write(self, value) {
            Ok(()) => self.end(name),
            Err(error) => self.keep_error(error),
        }
    }
}

/// The field readers generated `read_field` calls, one call per field. Unlike the writers they
/// stay inlined (a call per field read cost the decoder measurably); their rare error paths
/// are not, so what each field inlines is short.
impl XmlReader<'_> {
    /// Reads a field that occurs exactly once and is not nil.
    pub fn req<T, C: Codec<T>>(
        &mut self,
        element: &Element<'_>,
        codec: &C,
    ) -> Result<T, DecodeError> {
        if element.is_nil(self) {
            return Err(unexpected_nil(self, element));
        }
        codec.read(self, element)
    }

    /// Reads a field that may be nil: nil reads as `None`.
    pub fn nillable<T, C: Codec<T>>(
        &mut self,
        element: &Element<'_>,
        codec: &C,
    ) -> Result<Option<T>, DecodeError> {
        if element.is_nil(self) {
            self.skip()?;
            Ok(None)
        } else {
            codec.read(self, element).map(Some)
        }
    }

    /// Reads a field that occurs exactly once and is not nil into `slot` (what a generated
    /// `read_field` arm returns: one call per field, without a `?` and an assignment of its own).
    pub fn req_into<T, C: Codec<T>>(
        &mut self,
        element: &Element<'_>,
        slot: &mut T,
        codec: &C,
    ) -> Result<(), DecodeError> {
        *slot = self.req(element, codec)?;
        Ok(())
    }

    /// Reads a field that may be nil into `slot`: nil reads as `None`.
    pub fn nillable_into<T, C: Codec<T>>(
        &mut self,
        element: &Element<'_>,
        slot: &mut Option<T>,
        codec: &C,
    ) -> Result<(), DecodeError> {
        *slot = self.nillable(element, codec)?;
        Ok(())
    }

    /// Reads one occurrence of a repeated field into `values`; a nil item reads as the default.
    pub fn many<T: Default, C: Codec<T>>(
        &mut self,
        element: &Element<'_>,
        values: &mut Vec<T>,
        codec: &C,
    ) -> Result<(), DecodeError> {
        self.count_item(element)?;
        values.push(read_item(self, element, codec)?);
        Ok(())
    }
}

/// The error of a required field that is nil.
#[cold]
#[inline(never)]
fn unexpected_nil(r: &XmlReader<'_>, element: &Element<'_>) -> DecodeError {
    r.error_at(
        element.offset(),
        DecodeErrorKind::UnexpectedNil(element.local_name().to_string()),
    )
}
