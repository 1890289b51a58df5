//! SOAP 1.1 section 5 encoding ("rpc/encoded"): values typed with `xsi:type`
//! ([`Typed`]), SOAP-encoded arrays ([`SoapArray`], multi-dimensional ones [`MultiDimArray`],
//! arrays of octets [`SoapOctets`]) and multi-reference values ([`inline_multi_references`]).

mod array_attributes;
mod multidim;
mod multiref;
mod octets;

pub use multidim::{Layout, MultiDimArray, Ragged, Row, Rows};
pub use multiref::inline_multi_references;
pub use octets::{Octet, SoapOctets};

use array_attributes::{check_offset, check_position, write_array_type};

use std::borrow::Cow;

use crate::codec::{read_item, Codec};
use crate::error::{DecodeError, EncodeError};
use crate::xml::{Element, Limits, Name, Ns, XmlReader, XmlWriter};

/// The envelope `bytes` as an operation reads it: for an encoded operation (`encoded`) with
/// its multi-reference values put in place ([`inline_multi_references`]), else as it is.
pub fn resolve_references(
    bytes: &[u8],
    limits: Limits,
    encoded: bool,
) -> Result<Cow<'_, [u8]>, DecodeError> {
    if encoded {
        inline_multi_references(bytes, limits)
    } else {
        Ok(Cow::Borrowed(bytes))
    }
}

/// The SOAP 1.1 encoding namespace (`soapenc`), also the `encodingStyle` of encoded messages.
pub const SOAP_ENCODING_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// A value written with `xsi:type` naming its type, as SOAP encoding asks of every value;
/// reading ignores `xsi:type` and reads the inner codec's content.
///
/// When the inner codec writes an `xsi:type` too (a derived type), the inner one is kept.
#[derive(Debug, Clone, Copy)]
pub struct Typed<C> {
    /// The namespace slot of the type (the XML Schema namespace for built-in types).
    pub ns: Ns,
    /// The type's local name.
    pub local: &'static str,
    /// The value's codec.
    pub inner: C,
}

impl<C> Typed<C> {
    /// A value of type `local` in namespace slot `ns`, written with `inner`.
    pub const fn new(ns: Ns, local: &'static str, inner: C) -> Self {
        Typed { ns, local, inner }
    }
}

impl<T, C: Codec<T>> Codec<T> for Typed<C> {
    fn write(&self, w: &mut XmlWriter, value: &T) -> Result<(), EncodeError> {
        w.xsi_type(self.ns, self.local);
        self.inner.write(w, value)
    }

    fn read(&self, r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<T, DecodeError> {
        self.inner.read(r, element)
    }
}

/// The item element of a SOAP-encoded array: unqualified `item`.
const ITEM: Name = Name::new(Ns::NONE, "item");

/// A SOAP-encoded array (`soapenc:Array`, SOAP 1.1 section 5.4.2) of one dimension as a
/// `Vec` (for more dimensions see [`MultiDimArray`]).
///
/// Written as `xsi:type="soapenc:Array"` and `soapenc:arrayType="p:T[N]"` on the element
/// just opened, then one unqualified `item` element per value, each with `xsi:type` of the
/// item type. Read: every child element is an item whatever its name (senders name them after
/// their type, or `item`); a nil item reads as the item type's default; items count against
/// `max_items`; the size in `soapenc:arrayType` is not checked. Partially transmitted and sparse
/// arrays are read only where they leave no item out (`soapenc:offset="[0]"`, a
/// `soapenc:position` naming the item's own place), and refused otherwise
/// ([`DecodeErrorKind::BadSoapArray`](crate::error::DecodeErrorKind::BadSoapArray)): a `Vec`
/// has no place for an item that was not sent.
#[derive(Debug, Clone, Copy)]
pub struct SoapArray<C> {
    /// The namespace slot of the item type.
    pub item_type_ns: Ns,
    /// The item type's local name (`string`, or `string[]` for an array of arrays).
    pub item_type: &'static str,
    /// The items' codec.
    pub items: C,
}

impl<C> SoapArray<C> {
    /// An array of `item_type` (in namespace slot `item_type_ns`) values written with `items`.
    pub const fn new(item_type_ns: Ns, item_type: &'static str, items: C) -> Self {
        SoapArray {
            item_type_ns,
            item_type,
            items,
        }
    }
}

impl<T: Default, C: Codec<T>> Codec<Vec<T>> for SoapArray<C> {
    fn write(&self, w: &mut XmlWriter, value: &Vec<T>) -> Result<(), EncodeError> {
        write_array_type(w, self.item_type_ns, self.item_type, &[value.len()])?;
        for item in value {
            w.start(ITEM);
            w.xsi_type(self.item_type_ns, self.item_type);
            self.items.write(w, item)?;
            w.end(ITEM);
        }
        Ok(())
    }

    fn read(&self, r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Vec<T>, DecodeError> {
        check_offset(r, element)?;
        let mut items = Vec::new();
        while let Some(child) = r.next_child()? {
            check_position(r, element, &child, items.len(), &[])?;
            r.count_item(&child)?;
            items.push(read_item(r, &child, &self.items)?);
        }
        Ok(items)
    }
}
