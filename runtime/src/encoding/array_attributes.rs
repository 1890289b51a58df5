//! The attributes of a SOAP-encoded array (SOAP 1.1 section 5.4.2): `soapenc:arrayType` written
//! with the array's sizes and read back, and `soapenc:offset` on the array and
//! `soapenc:position` on its members (partially transmitted and sparse arrays), which are read
//! only where they leave no member out.

use crate::error::{DecodeError, DecodeErrorKind, EncodeError, SoapArrayProblem};
use crate::xml::{Element, Ns, XmlReader, XmlWriter};

use super::SOAP_ENCODING_NS;

/// How many characters of an attribute value an error quotes.
const QUOTED_CHARS: usize = 64;

/// Writes `xsi:type="soapenc:Array"` and `soapenc:arrayType="p:T[d1,…,dn]"` on the element just
/// opened: the item type `item_type` (in namespace slot `item_type_ns`) and one size per
/// dimension.
pub(super) fn write_array_type(
    w: &mut XmlWriter,
    item_type_ns: Ns,
    item_type: &str,
    sizes: &[usize],
) -> Result<(), EncodeError> {
    let encoding = match w.slot_of(SOAP_ENCODING_NS) {
        Some(slot) => {
            w.xsi_type(slot, "Array");
            format!("n{}", slot.0)
        }
        None => {
            w.declare("soapenc", SOAP_ENCODING_NS);
            w.xsi_type(Ns::NONE, "soapenc:Array");
            String::from("soapenc")
        }
    };
    let sizes = sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let value = if item_type_ns == Ns::NONE {
        format!("{item_type}[{sizes}]")
    } else {
        format!("n{}:{item_type}[{sizes}]", item_type_ns.0)
    };
    w.attr(&format!("{encoding}:arrayType"), &value)
}

/// The sizes a multi-dimensional array's `soapenc:arrayType` gives, and what they imply.
#[derive(Debug)]
pub(super) struct DeclaredSizes {
    /// One size per dimension, outermost first.
    pub sizes: Vec<usize>,
    /// Their product: the members the array must hold.
    pub members: usize,
    /// The rows nested `Vec`s of these sizes hold besides the outermost one: those of every
    /// dimension but the last (`d1 + d1·d2 + …`), which `[1000000000,0]` makes many though it
    /// holds no member.
    pub rows: usize,
}

/// The sizes `soapenc:arrayType` gives `element`, an array its type declares with `rank`
/// dimensions.
///
/// The sizes are the last bracket group of the value (`xsd:string[2,3]`, `xsd:int[][4]`); the
/// item type before it is not checked, as peers name it in their own ways (`xsd:anyType`,
/// `xsd:ur-type`). Nothing is allocated by the sizes: a hostile `[999999999,999999999]` only
/// makes the member count disagree, and products that overflow are refused.
pub(super) fn declared_sizes(
    r: &XmlReader<'_>,
    element: &Element<'_>,
    rank: usize,
) -> Result<DeclaredSizes, DecodeError> {
    let fail = |problem| bad_array(r, element, element.offset(), problem);
    let Some(value) = element.attribute(r, SOAP_ENCODING_NS, "arrayType") else {
        return Err(fail(SoapArrayProblem::MissingArrayType { rank }));
    };
    let invalid = || {
        fail(SoapArrayProblem::InvalidArrayType {
            value: quoted(&value),
        })
    };
    let trimmed = value.trim();
    let group = trimmed
        .strip_suffix(']')
        .and_then(|rest| rest.rfind('[').map(|open| &rest[open + 1..]))
        .ok_or_else(invalid)?;
    let sizes = group
        .split(',')
        .map(|size| size.trim().parse::<usize>().ok())
        .collect::<Option<Vec<_>>>()
        .ok_or_else(invalid)?;
    if sizes.len() != rank {
        return Err(fail(SoapArrayProblem::RankMismatch {
            value: quoted(&value),
            declared: rank,
            found: sizes.len(),
        }));
    }
    let overflow = || {
        fail(SoapArrayProblem::SizeOverflow {
            value: quoted(&value),
        })
    };
    let members = sizes
        .iter()
        .try_fold(1usize, |product, &size| product.checked_mul(size))
        .ok_or_else(overflow)?;
    let mut rows_of_dimension = 1usize;
    let mut rows = 0usize;
    for &size in &sizes[..sizes.len().saturating_sub(1)] {
        rows_of_dimension = rows_of_dimension.checked_mul(size).ok_or_else(overflow)?;
        rows = rows.checked_add(rows_of_dimension).ok_or_else(overflow)?;
    }
    Ok(DeclaredSizes {
        sizes,
        members,
        rows,
    })
}

/// Refuses a `soapenc:offset` on `element` unless it is all zeros (nothing left out before the
/// first member sent).
pub(super) fn check_offset(r: &XmlReader<'_>, element: &Element<'_>) -> Result<(), DecodeError> {
    let Some(value) = element.attribute(r, SOAP_ENCODING_NS, "offset") else {
        return Ok(());
    };
    let indexes = coordinate(r, element, element.offset(), "offset", &value)?;
    if indexes.iter().all(|&index| index == 0) {
        Ok(())
    } else {
        Err(unsupported(r, element, element.offset(), "offset", &value))
    }
}

/// Refuses a `soapenc:position` on `member`, the member at row-major index `index` of `array`
/// of sizes `sizes` (empty when the sizes are not known: a one-dimensional array), unless it
/// names that very place (the member is where document order puts it).
pub(super) fn check_position(
    r: &XmlReader<'_>,
    array: &Element<'_>,
    member: &Element<'_>,
    index: usize,
    sizes: &[usize],
) -> Result<(), DecodeError> {
    let Some(value) = member.attribute(r, SOAP_ENCODING_NS, "position") else {
        return Ok(());
    };
    let indexes = coordinate(r, array, member.offset(), "position", &value)?;
    let in_place = if sizes.is_empty() {
        indexes == [index]
    } else {
        indexes.len() == sizes.len()
            && indexes
                .iter()
                .zip(sizes)
                .try_fold(0usize, |linear, (&at, &size)| {
                    (at < size)
                        .then(|| linear.checked_mul(size)?.checked_add(at))
                        .flatten()
                })
                == Some(index)
    };
    if in_place {
        Ok(())
    } else {
        Err(unsupported(r, array, member.offset(), "position", &value))
    }
}

/// The indexes of an array coordinate (`[2]`, `[0,3]`) given as `attribute` at byte `offset`
/// of array `element`.
fn coordinate(
    r: &XmlReader<'_>,
    element: &Element<'_>,
    offset: u64,
    attribute: &'static str,
    value: &str,
) -> Result<Vec<usize>, DecodeError> {
    value
        .trim()
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|inner| {
            inner
                .split(',')
                .map(|index| index.trim().parse::<usize>().ok())
                .collect::<Option<Vec<_>>>()
        })
        .ok_or_else(|| {
            bad_array(
                r,
                element,
                offset,
                SoapArrayProblem::InvalidCoordinate {
                    attribute,
                    value: quoted(value),
                },
            )
        })
}

/// The error for an `offset` or `position` (at byte `offset`) of array `element` that leaves
/// members out.
fn unsupported(
    r: &XmlReader<'_>,
    element: &Element<'_>,
    offset: u64,
    attribute: &'static str,
    value: &str,
) -> DecodeError {
    bad_array(
        r,
        element,
        offset,
        SoapArrayProblem::Unsupported {
            attribute,
            value: quoted(value),
        },
    )
}

/// A [`DecodeErrorKind::BadSoapArray`] about `element` at byte `offset`.
pub(super) fn bad_array(
    r: &XmlReader<'_>,
    element: &Element<'_>,
    offset: u64,
    problem: SoapArrayProblem,
) -> DecodeError {
    r.error_at(
        offset,
        DecodeErrorKind::BadSoapArray {
            element: quoted(element.qualified_name()),
            problem,
        },
    )
}

/// `value` cut to [`QUOTED_CHARS`] characters.
fn quoted(value: &str) -> String {
    value.chars().take(QUOTED_CHARS).collect()
}
