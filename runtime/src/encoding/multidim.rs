//! Multi-dimensional SOAP-encoded arrays (`wsdl:arrayType="xsd:string[,]"`, SOAP 1.1 section
//! 5.4.2) as nested `Vec`s: `Vec<Vec<String>>` for two dimensions, one `Vec` per dimension.
//!
//! On the wire such an array is one element whose `soapenc:arrayType` gives every size
//! (`xsd:string[2,3]`), holding its members in row-major order (the last index varying
//! fastest). Nested `Vec`s are what a Rust user indexes as `grid[row][column]` and builds with
//! `vec![...]`; they can be ragged, which the array on the wire cannot, so writing refuses a
//! ragged value ([`EncodeError::RaggedArray`]) rather than guess sizes.

use crate::codec::{read_item, Codec};
use crate::error::{DecodeError, EncodeError, SoapArrayProblem};
use crate::xml::{Element, Ns, XmlReader, XmlWriter};

use super::array_attributes::{
    bad_array, check_offset, check_position, declared_sizes, write_array_type,
};
use super::ITEM;

/// A multi-dimensional SOAP-encoded array (`soapenc:Array` of two or more dimensions) as nested
/// `Vec`s, one per dimension, their nesting given by `layout`: `Rows<Row<C>>` for
/// `Vec<Vec<T>>`, `Rows<Rows<Row<C>>>` for `Vec<Vec<Vec<T>>>`.
///
/// Written as `xsi:type="soapenc:Array"` and `soapenc:arrayType="p:T[d1,…,dn]"`, then one
/// unqualified `item` element per member in row-major order, each with `xsi:type` of the item
/// type; a value whose rows of one dimension differ in length is refused
/// ([`EncodeError::RaggedArray`]). Read: `soapenc:arrayType` must give as many sizes as the
/// layout has dimensions, and the array must hold exactly their product of members (every child
/// element is a member whatever its name; a nil member reads as the item type's default), else
/// [`DecodeErrorKind::BadSoapArray`](crate::error::DecodeErrorKind::BadSoapArray). Nothing is
/// allocated by the declared sizes: members are read as they come, counted against `max_items`,
/// and the rows are counted against it too before they are built. `soapenc:offset` and
/// `soapenc:position` are accepted where they leave no member out (an offset of zeros, a
/// position naming the member's own place) and refused otherwise.
#[derive(Debug, Clone, Copy)]
pub struct MultiDimArray<L> {
    /// The namespace slot of the item type.
    pub item_type_ns: Ns,
    /// The item type's local name (`string`, or `string[]` for an array of arrays).
    pub item_type: &'static str,
    /// The nesting of the dimensions, with the members' codec innermost.
    pub layout: L,
}

impl<L> MultiDimArray<L> {
    /// An array of `item_type` (in namespace slot `item_type_ns`) values nested by `layout`.
    pub const fn new(item_type_ns: Ns, item_type: &'static str, layout: L) -> Self {
        MultiDimArray {
            item_type_ns,
            item_type,
            layout,
        }
    }
}

/// The last dimension of a [`MultiDimArray`]: a `Vec` of members, written and read with the
/// codec it holds.
#[derive(Debug, Clone, Copy)]
pub struct Row<C>(pub C);

/// A dimension of a [`MultiDimArray`] before the last: a `Vec` of values of the next dimension.
#[derive(Debug, Clone, Copy)]
pub struct Rows<L>(pub L);

/// The nesting of a multi-dimensional array's value `V`, one level per dimension: implemented
/// by [`Row`] (the last dimension) and [`Rows`] (each one before it).
pub trait Layout<V> {
    /// The members' type.
    type Item: Default;
    /// The members' codec.
    type Items: Codec<Self::Item>;
    /// The number of dimensions from this level inwards.
    const RANK: usize;

    /// The members' codec.
    fn items(&self) -> &Self::Items;

    /// Appends the length of `value` along each dimension from this level inwards, measured
    /// along its first rows (zero past an empty dimension).
    fn sizes(value: &V, sizes: &mut Vec<usize>);

    /// Checks that `value` has exactly `sizes` (one per dimension from this level inwards),
    /// `index` being where it lies (indexes from the outermost); the first row that differs is
    /// returned as (its index, its length, the expected length).
    fn check(value: &V, sizes: &[usize], index: &mut Vec<usize>) -> Result<(), Ragged>;

    /// Calls `write` with each member of `value`, in row-major order.
    fn each_member(
        value: &V,
        write: &mut dyn FnMut(&Self::Item) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError>;

    /// The value of sizes `sizes` (one per dimension from this level inwards) holding the next
    /// members of `members`, taken in row-major order.
    fn build(members: &mut std::vec::IntoIter<Self::Item>, sizes: &[usize]) -> V;
}

/// A row of a nested value whose length differs from the first of its dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ragged {
    /// The row's indexes, from the outermost dimension.
    pub index: Vec<usize>,
    /// Its length.
    pub found: usize,
    /// The length of the first row of its dimension.
    pub expected: usize,
}

/// The size of the first dimension in `sizes`, zero when there is none (a layout only asks
/// for its own dimensions, which [`MultiDimArray`] gives it; zero keeps a mistake harmless).
fn first(sizes: &[usize]) -> usize {
    sizes.first().copied().unwrap_or(0)
}

impl<T: Default, C: Codec<T>> Layout<Vec<T>> for Row<C> {
    type Item = T;
    type Items = C;
    const RANK: usize = 1;

    fn items(&self) -> &C {
        &self.0
    }

    fn sizes(value: &Vec<T>, sizes: &mut Vec<usize>) {
        sizes.push(value.len());
    }

    fn check(value: &Vec<T>, sizes: &[usize], index: &mut Vec<usize>) -> Result<(), Ragged> {
        let expected = first(sizes);
        if value.len() == expected {
            Ok(())
        } else {
            Err(Ragged {
                index: index.clone(),
                found: value.len(),
                expected,
            })
        }
    }

    fn each_member(
        value: &Vec<T>,
        write: &mut dyn FnMut(&T) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        value.iter().try_for_each(write)
    }

    fn build(members: &mut std::vec::IntoIter<T>, sizes: &[usize]) -> Vec<T> {
        members.by_ref().take(first(sizes)).collect()
    }
}

impl<V, L: Layout<V>> Layout<Vec<V>> for Rows<L> {
    type Item = L::Item;
    type Items = L::Items;
    const RANK: usize = L::RANK + 1;

    fn items(&self) -> &L::Items {
        self.0.items()
    }

    fn sizes(value: &Vec<V>, sizes: &mut Vec<usize>) {
        sizes.push(value.len());
        match value.first() {
            Some(row) => L::sizes(row, sizes),
            None => sizes.extend(std::iter::repeat_n(0, L::RANK)),
        }
    }

    fn check(value: &Vec<V>, sizes: &[usize], index: &mut Vec<usize>) -> Result<(), Ragged> {
        let expected = first(sizes);
        if value.len() != expected {
            return Err(Ragged {
                index: index.clone(),
                found: value.len(),
                expected,
            });
        }
        let inner = sizes.get(1..).unwrap_or_default();
        for (at, row) in value.iter().enumerate() {
            index.push(at);
            L::check(row, inner, index)?;
            index.pop();
        }
        Ok(())
    }

    fn each_member(
        value: &Vec<V>,
        write: &mut dyn FnMut(&L::Item) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        value.iter().try_for_each(|row| L::each_member(row, write))
    }

    fn build(members: &mut std::vec::IntoIter<L::Item>, sizes: &[usize]) -> Vec<V> {
        let inner = sizes.get(1..).unwrap_or_default();
        (0..first(sizes))
            .map(|_| L::build(members, inner))
            .collect()
    }
}

impl<V, L: Layout<V>> Codec<V> for MultiDimArray<L> {
    fn write(&self, w: &mut XmlWriter, value: &V) -> Result<(), EncodeError> {
        let element = w.current_element();
        let mut sizes = Vec::with_capacity(L::RANK);
        L::sizes(value, &mut sizes);
        L::check(value, &sizes, &mut Vec::with_capacity(L::RANK)).map_err(|ragged| {
            EncodeError::RaggedArray {
                element: element.to_string(),
                index: ragged.index.iter().map(|i| format!("[{i}]")).collect(),
                expected: ragged.expected,
                found: ragged.found,
            }
        })?;
        write_array_type(w, self.item_type_ns, self.item_type, &sizes)?;
        let items = self.layout.items();
        L::each_member(value, &mut |member| {
            w.start(ITEM);
            w.xsi_type(self.item_type_ns, self.item_type);
            items.write(w, member)?;
            w.end(ITEM);
            Ok(())
        })
    }

    fn read(&self, r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<V, DecodeError> {
        let declared = declared_sizes(r, element, L::RANK)?;
        check_offset(r, element)?;
        let mut members = Vec::new();
        while let Some(child) = r.next_child()? {
            if members.len() == declared.members {
                return Err(bad_array(
                    r,
                    element,
                    child.offset(),
                    SoapArrayProblem::TooManyMembers {
                        declared: declared.members,
                    },
                ));
            }
            check_position(r, element, &child, members.len(), &declared.sizes)?;
            r.count_item(&child)?;
            members.push(read_item(r, &child, self.layout.items())?);
        }
        if members.len() != declared.members {
            return Err(bad_array(
                r,
                element,
                element.offset(),
                SoapArrayProblem::TooFewMembers {
                    declared: declared.members,
                    found: members.len(),
                },
            ));
        }
        // `[1000000000,0]` holds no member but a billion empty rows: count them first.
        r.count_items(element, declared.rows)?;
        Ok(L::build(&mut members.into_iter(), &declared.sizes))
    }
}
