//! Structs, fields, arrays and dictionaries: the shared logic generated types delegate to, so
//! that each generated type is a field table and two short match statements.

use std::ops::Range;

use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::types::OrderedMap;
use crate::value::{SimpleValue, XmlValue};
use crate::xml::name::same_name;
use crate::xml::{Element, Name, Ns, XmlReader, XmlWriter};

/// How one element of a struct occurs on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The element name.
    pub name: Name,
    /// `minOccurs >= 1`: decoding fails when the element is missing.
    pub required: bool,
    /// `maxOccurs > 1`: the element may repeat.
    pub repeated: bool,
    /// `nillable`: `None` is written as `xsi:nil="true"` when the element is also required.
    pub nillable: bool,
}

impl Field {
    /// An element `local` in namespace slot `ns` that is optional (`minOccurs="0"`) and
    /// occurs at most once.
    pub const fn optional(ns: Ns, local: &'static str) -> Self {
        Field {
            name: Name::new(ns, local),
            required: false,
            repeated: false,
            nillable: false,
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
}

/// A rule of a struct's content beyond its single elements, over indexes into
/// [`XmlStruct::FIELDS`]: what an `xs:choice`, or an `xs:sequence` group that may be absent or
/// repeat, requires of the elements read. Checked while reading (two alternatives of a choice
/// that occurs once; an occurrence of a repeated group that lacks an element) and at the end of
/// the struct's element (a missing choice or group, an incomplete group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentRule {
    /// An `xs:choice`.
    Choice {
        /// The fields of each alternative, in schema order.
        alternatives: &'static [Range<usize>],
        /// True when one of the alternatives must occur.
        required: bool,
        /// True when the choice occurs at most once: elements of two alternatives exclude
        /// each other.
        exclusive: bool,
        /// The fields of the group the choice stands in: the choice is required only when one
        /// of them occurred. `None`: always.
        within: Option<Range<usize>>,
    },
    /// An `xs:sequence` group that may be absent or repeat.
    Group {
        /// Its fields.
        fields: Range<usize>,
        /// The fields it must hold once it occurs (its elements with `minOccurs >= 1`).
        members: &'static [usize],
        /// True when the group must occur (`minOccurs >= 1`).
        required: bool,
        /// True when the group repeats and its first field (which occurs once per occurrence)
        /// starts each occurrence: every occurrence is checked on its own.
        repeated: bool,
        /// The fields of the group this one stands in: it is required only when one of them
        /// occurred. `None`: always.
        within: Option<Range<usize>>,
    },
}

impl ContentRule {
    /// True when the rule's fields lie inside `range` (and are not all of it): a choice or
    /// group inside the group of those fields.
    fn lies_in(&self, range: &Range<usize>) -> bool {
        let (start, end) = match self {
            ContentRule::Choice { alternatives, .. } => (
                alternatives.first().map_or(0, |a| a.start),
                alternatives.last().map_or(0, |a| a.end),
            ),
            ContentRule::Group { fields, .. } => (fields.start, fields.end),
        };
        start < end
            && range.start <= start
            && end <= range.end
            && (start, end) != (range.start, range.end)
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
    /// Reads the element `element`, which matched `Self::FIELDS[index]`, into the struct.
    fn read_field(
        &mut self,
        index: usize,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError>;
    /// Writes every field in order (attributes first, while the start tag is open).
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
#[derive(Clone, Copy)]
struct Shape {
    type_name: &'static str,
    fields: &'static [Field],
    rules: &'static [ContentRule],
}

impl Shape {
    /// The shape of `T`.
    fn of<T: XmlStruct>() -> Self {
        Shape {
            type_name: T::TYPE_NAME,
            fields: T::FIELDS,
            rules: T::RULES,
        }
    }
}

/// The part of [`XmlStruct`] the shared reading loop calls, as a trait object: the loop that
/// finds each child's field, checks duplicates and content rules and reports missing fields
/// exists once in the program, not once per generated struct (which kept large contracts slow
/// to compile and large in memory), and calls each struct's `read_field` through this.
trait FieldSink {
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
}

impl<T: XmlStruct> FieldSink for T {
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
}

/// The part of [`StructReader`] that does not depend on the struct, shared by every struct.
#[derive(Debug, Default)]
struct FieldTracker {
    seen: Seen,
    next: usize,
}

impl FieldTracker {
    /// Fails when a required field of `fields` was not seen, or a rule of `rules` is not met.
    #[inline(never)]
    fn finish(
        &self,
        fields: &'static [Field],
        rules: &'static [ContentRule],
        r: &XmlReader<'_>,
        parent: &Element<'_>,
    ) -> Result<(), DecodeError> {
        let missing = fields
            .iter()
            .enumerate()
            .find(|(index, f)| f.required && !self.seen.get(*index))
            .map(|(_, missing)| Unmet::Element(missing.name.local))
            .or_else(|| rules.iter().find_map(|rule| self.unmet(fields, rule)));
        match missing {
            Some(unmet) => Err(unmet.error(r, parent.offset(), parent.local_name())),
            None => Ok(()),
        }
    }

    /// True when a field in `range` was seen.
    fn any_seen(&self, range: &Range<usize>) -> bool {
        range.clone().any(|index| self.seen.get(index))
    }

    /// What `rule` lacks at the end of the struct's element, if anything.
    fn unmet(&self, fields: &'static [Field], rule: &ContentRule) -> Option<Unmet> {
        match rule {
            ContentRule::Choice {
                alternatives,
                required,
                within,
                ..
            } => {
                let applies = within.as_ref().is_none_or(|w| self.any_seen(w));
                if !*required || !applies || alternatives.iter().any(|a| self.any_seen(a)) {
                    return None;
                }
                let names: Vec<String> = alternatives
                    .iter()
                    .filter_map(|a| fields.get(a.start))
                    .map(|f| format!("`{}`", f.name.local))
                    .collect();
                Some(Unmet::Choice(names.join(", ")))
            }
            ContentRule::Group {
                fields: range,
                members,
                required,
                within,
                ..
            } => {
                if self.any_seen(range) {
                    return self.missing_member(fields, members).map(Unmet::Group);
                }
                let applies = within.as_ref().is_none_or(|w| self.any_seen(w));
                if !*required || !applies {
                    return None;
                }
                let first = members.first().copied().unwrap_or(range.start);
                fields.get(first).map(|f| Unmet::Element(f.name.local))
            }
        }
    }

    /// The first of `members` not seen.
    fn missing_member(&self, fields: &'static [Field], members: &[usize]) -> Option<&'static str> {
        members
            .iter()
            .find(|m| !self.seen.get(**m))
            .and_then(|m| fields.get(*m))
            .map(|f| f.name.local)
    }

    /// Checks `rules` before field `index` is read from `element`: it may not join a second
    /// alternative of a choice that occurs once, and when it starts a new occurrence of a
    /// repeated group, the occurrence before must be complete (its fields then start afresh).
    #[inline(never)]
    fn before(
        &mut self,
        fields: &'static [Field],
        rules: &'static [ContentRule],
        index: usize,
        r: &XmlReader<'_>,
        element: &Element<'_>,
        type_name: &'static str,
    ) -> Result<(), DecodeError> {
        for rule in rules {
            match rule {
                ContentRule::Choice {
                    alternatives,
                    exclusive: true,
                    ..
                } => {
                    let Some(own) = alternatives.iter().position(|a| a.contains(&index)) else {
                        continue;
                    };
                    let chosen = alternatives
                        .iter()
                        .enumerate()
                        .filter(|(other, _)| *other != own)
                        .find_map(|(_, a)| a.clone().find(|i| self.seen.get(*i)));
                    if let Some(chosen) = chosen.and_then(|i| fields.get(i)) {
                        return Err(r.error_at(
                            element.offset(),
                            DecodeErrorKind::ConflictingChoice {
                                element: element.local_name().to_string(),
                                chosen: chosen.name.local,
                            },
                        ));
                    }
                }
                ContentRule::Group {
                    fields: range,
                    members,
                    repeated: true,
                    ..
                } if range.start == index && self.seen.get(index) => {
                    // The occurrence before, and the choices and groups inside it.
                    let unmet = self
                        .missing_member(fields, members)
                        .map(Unmet::Group)
                        .or_else(|| {
                            rules
                                .iter()
                                .filter(|inner| inner.lies_in(range))
                                .find_map(|inner| self.unmet(fields, inner))
                        });
                    if let Some(unmet) = unmet {
                        return Err(unmet.error(r, element.offset(), type_name));
                    }
                    for i in range.clone() {
                        self.seen.clear(i);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

impl Unmet {
    /// The decode error at `offset` of content `parent` that lacks this.
    fn error(self, r: &XmlReader<'_>, offset: u64, parent: &str) -> DecodeError {
        let parent = parent.to_string();
        r.error_at(
            offset,
            match self {
                Unmet::Element(field) | Unmet::Group(field) => {
                    DecodeErrorKind::MissingElement { field, parent }
                }
                Unmet::Choice(alternatives) => DecodeErrorKind::MissingChoice {
                    alternatives,
                    parent,
                },
            },
        )
    }
}

/// What a [`ContentRule`] lacks.
enum Unmet {
    /// A required element of a group that must occur.
    Element(&'static str),
    /// An element of a group that occurred.
    Group(&'static str),
    /// Every alternative of a required choice (their first elements, quoted and joined).
    Choice(String),
}

#[cold]
fn duplicate(r: &XmlReader<'_>, element: &Element<'_>) -> DecodeError {
    r.error_at(
        element.offset(),
        DecodeErrorKind::DuplicateElement(element.local_name().to_string()),
    )
}

/// Which fields were seen: a bit set, allocated only for structs of more than 64 fields (one
/// struct is read per complex element, so this is on the decoder's hot path).
#[derive(Debug, Default)]
struct Seen {
    first: u64,
    rest: Vec<bool>,
}

impl Seen {
    #[inline]
    fn get(&self, index: usize) -> bool {
        match index.checked_sub(64) {
            None => self.first & (1 << index) != 0,
            Some(i) => self.rest.get(i).copied().unwrap_or(false),
        }
    }

    #[inline]
    fn clear(&mut self, index: usize) {
        match index.checked_sub(64) {
            None => self.first &= !(1 << index),
            Some(i) => {
                if let Some(seen) = self.rest.get_mut(i) {
                    *seen = false;
                }
            }
        }
    }

    #[inline]
    fn set(&mut self, index: usize) {
        match index.checked_sub(64) {
            None => self.first |= 1 << index,
            Some(i) => {
                if self.rest.len() <= i {
                    self.rest.resize(i + 1, false);
                }
                self.rest[i] = true;
            }
        }
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
        shape: Shape,
        value: &mut dyn FieldSink,
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        let local = element.local_name();
        let fields = shape.fields;
        // Fields usually arrive in schema order: try the expected one first.
        let index = match fields.get(self.next) {
            Some(f) if same_name(f.name.local, local) => self.next,
            _ => match fields.iter().position(|f| same_name(f.name.local, local)) {
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
                return Err(duplicate(r, element));
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
        shape: Shape,
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
        self.fields.field(Shape::of::<T>(), value, r, element)
    }

    /// Fails when a required field was not seen.
    pub fn finish(self, r: &XmlReader<'_>, parent: &Element<'_>) -> Result<(), DecodeError> {
        self.fields.finish(T::FIELDS, T::RULES, r, parent)
    }
}

/// Reads the children of `element` into a `T`; a child no field matches is offered to
/// [`XmlStruct::read_other`], and skipped and reported as unknown when that declines it.
///
/// Only the value's creation and its attributes are `T`'s own code: the loop over the
/// children is shared by every struct (it calls `T::read_field` through a trait object).
pub fn read_struct<T: XmlStruct>(
    r: &mut XmlReader<'_>,
    element: &Element<'_>,
) -> Result<T, DecodeError> {
    let mut value = T::default();
    value.read_attributes(r, element)?;
    FieldTracker::default().read_children(Shape::of::<T>(), &mut value, r, element)?;
    Ok(value)
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
    /// parsed; `None` when absent.
    pub fn attribute_value<T: SimpleValue>(
        &self,
        element: &Element<'a>,
        namespace: &str,
        local: &'static str,
    ) -> Result<Option<T>, DecodeError> {
        let Some(text) = element.attribute(self, namespace, local) else {
            return Ok(None);
        };
        T::parse_text(&text).map(Some).map_err(|reason| {
            self.error_at(
                element.offset(),
                DecodeErrorKind::InvalidValue {
                    element: format!("{}/@{local}", element.local_name()),
                    type_name: T::XSD_TYPE,
                    text: text.chars().take(64).collect(),
                    reason,
                },
            )
        })
    }

    /// Like [`XmlReader::attribute_value`], for an attribute declared `use="required"`.
    pub fn required_attribute<T: SimpleValue>(
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

/// The field writers generated `write_fields` call, one call per field. They are never
/// inlined: each exists once per value type and codec, shared by every field of that type,
/// rather than copied into every field of every generated struct (what makes a contract of
/// thousands of types slow to compile).
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
    /// required but nillable.
    #[inline(never)]
    pub fn opt<T, C: Codec<T>>(
        &mut self,
        field: &Field,
        value: &Option<T>,
        codec: &C,
    ) -> Result<(), EncodeError> {
        match value {
            Some(v) => self.one(field.name, v, codec),
            None if field.required && field.nillable => self.nillable(field.name, value, codec),
            None => Ok(()),
        }
    }

    /// Writes a field that occurs exactly once.
    #[inline]
    pub fn req<T, C: Codec<T>>(
        &mut self,
        field: &Field,
        value: &T,
        codec: &C,
    ) -> Result<(), EncodeError> {
        self.one(field.name, value, codec)
    }

    /// Writes a repeated field: one element per item.
    #[inline(never)]
    pub fn many<T, C: Codec<T>>(
        &mut self,
        field: &Field,
        values: &[T],
        codec: &C,
    ) -> Result<(), EncodeError> {
        values
            .iter()
            .try_for_each(|v| self.one(field.name, v, codec))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::Limits;

    /// A choice of `A` or `B`, then a repeated group (`minOccurs="1"`) of `C`, `D` and a choice
    /// of `E` or `G`, then optional fields `F` and a repeated group of `Y` and `Z` past the first
    /// 64 fields (whose bits live beyond the first word).
    #[derive(Default, Debug)]
    struct Ruled {
        read: Vec<&'static str>,
    }

    const FIELDS: [Field; 70] = {
        let mut fields = [Field::optional(Ns::NONE, "F"); 70];
        fields[0] = Field::optional(Ns::NONE, "A");
        fields[1] = Field::optional(Ns::NONE, "B");
        fields[2] = Field::repeated(Ns::NONE, "C");
        fields[3] = Field::repeated(Ns::NONE, "D");
        fields[4] = Field::repeated(Ns::NONE, "E");
        fields[5] = Field::repeated(Ns::NONE, "G");
        fields[68] = Field::repeated(Ns::NONE, "Y");
        fields[69] = Field::repeated(Ns::NONE, "Z");
        fields
    };

    impl XmlStruct for Ruled {
        const TYPE_NAME: &'static str = "Ruled";
        const FIELDS: &'static [Field] = &FIELDS;
        const RULES: &'static [ContentRule] = &[
            ContentRule::Choice {
                alternatives: &[0..1, 1..2],
                required: true,
                exclusive: true,
                within: None,
            },
            ContentRule::Group {
                fields: 2..6,
                members: &[2, 3],
                required: true,
                repeated: true,
                within: None,
            },
            ContentRule::Choice {
                alternatives: &[4..5, 5..6],
                required: true,
                exclusive: true,
                within: Some(2..6),
            },
            ContentRule::Group {
                fields: 68..70,
                members: &[68],
                required: false,
                repeated: true,
                within: None,
            },
        ];
        fn read_field(
            &mut self,
            index: usize,
            r: &mut XmlReader<'_>,
            e: &Element<'_>,
        ) -> Result<(), DecodeError> {
            self.read.push(Self::FIELDS[index].name.local);
            let _ = e;
            r.skip()
        }
        fn write_fields(&self, _w: &mut XmlWriter) -> Result<(), EncodeError> {
            Ok(())
        }
    }

    fn read(content: &str) -> Result<Ruled, DecodeError> {
        let xml = format!("<R>{content}</R>");
        let mut r = XmlReader::new(xml.as_bytes(), Limits::default())?;
        let root = r.root()?;
        read_struct(&mut r, &root)
    }

    #[test]
    fn rules_accept_what_the_content_allows() {
        let value = read("<B/><C/><D/><E/><C/><D/><G/><Y/><Y/>").expect("valid");
        assert_eq!(value.read, ["B", "C", "D", "E", "C", "D", "G", "Y", "Y"]);
    }

    #[test]
    fn rules_refuse_what_the_content_does_not_allow() {
        let kind = |content: &str| read(content).expect_err(content).kind;
        assert!(matches!(
            kind("<C/><D/>"),
            DecodeErrorKind::MissingChoice { .. }
        ));
        assert_eq!(
            kind("<A/><B/><C/><D/>"),
            DecodeErrorKind::ConflictingChoice {
                element: "B".into(),
                chosen: "A",
            }
        );
        assert!(matches!(
            kind("<A/>"),
            DecodeErrorKind::MissingElement { field: "C", .. }
        ));
        assert!(matches!(
            kind("<A/><C/><C/><D/><E/>"),
            DecodeErrorKind::MissingElement { field: "D", .. }
        ));
        // The choice in the repeated group, occurrence by occurrence: missing in the first
        // (found where the second begins), missing in the last, twice in one.
        let error = read("<A/><C/><D/><C/><D/><E/>").expect_err("first lacks E or G");
        assert_eq!(
            error.kind,
            DecodeErrorKind::MissingChoice {
                alternatives: "`E`, `G`".into(),
                parent: "Ruled".into(),
            }
        );
        assert_eq!(error.location.column, 16, "{error}");
        assert!(matches!(
            kind("<A/><C/><D/><E/><C/><D/>"),
            DecodeErrorKind::MissingChoice { .. }
        ));
        assert!(matches!(
            kind("<A/><C/><D/><E/><G/>"),
            DecodeErrorKind::ConflictingChoice { chosen: "E", .. }
        ));
        // Past the first 64 fields: an occurrence of the Y group without Y.
        assert!(matches!(
            kind("<A/><C/><D/><E/><Z/>"),
            DecodeErrorKind::MissingElement { field: "Y", .. }
        ));
    }
}
