//! Conversions between the runtime's lossless types and the ecosystem's, each behind a feature:
//! `time` and `chrono` for [`DateTime`](super::DateTime), `uuid` for [`Guid`](super::Guid),
//! `rust_decimal` for [`Decimal`](super::Decimal).
//!
//! A conversion is `From` where every value fits and `TryFrom` with a [`ConversionError`] where
//! the target cannot hold some value (an offset it has no room for, a year past its range, digits
//! past its precision): nothing is rounded or dropped silently.

#[cfg(any(feature = "time", feature = "chrono"))]
mod date_time_fields;
#[cfg(feature = "chrono")]
mod with_chrono;
#[cfg(feature = "rust_decimal")]
mod with_rust_decimal;
#[cfg(feature = "time")]
mod with_time;
#[cfg(feature = "uuid")]
mod with_uuid;

/// Why a value cannot be converted to or from an ecosystem type without losing something.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConversionError {
    /// An `xs:dateTime` without a zone into a type that needs one.
    #[error("`{value}` has no time zone offset, which {target} needs (convert to the type without an offset)")]
    MissingOffset {
        /// The value, as text.
        value: String,
        /// The target type.
        target: &'static str,
    },
    /// An `xs:dateTime` with a zone into a type that has no room for it.
    #[error("`{value}` has a time zone offset, which {target} cannot hold (convert to the type with an offset)")]
    UnexpectedOffset {
        /// The value, as text.
        value: String,
        /// The target type.
        target: &'static str,
    },
    /// A year, or a number of digits, past the target's range.
    #[error("`{value}` is outside the range of {target}")]
    OutOfRange {
        /// The value, as text.
        value: String,
        /// The target type.
        target: &'static str,
    },
    /// Non-zero digits past the target's precision (fractional seconds past the nanosecond,
    /// decimal places past `rust_decimal`'s 28).
    #[error("`{value}` has more fractional digits than {target} holds")]
    TooPrecise {
        /// The value, as text.
        value: String,
        /// The target type.
        target: &'static str,
    },
    /// An offset that `xs:dateTime` cannot write: not whole minutes, or beyond ±14:00.
    #[error(
        "the offset of `{value}` is not whole minutes within ±14:00, which xs:dateTime cannot hold"
    )]
    OffsetNotRepresentable {
        /// The value, as text.
        value: String,
    },
    /// A leap second (`chrono` can hold one, `xs:dateTime` cannot).
    #[error("`{value}` is a leap second, which xs:dateTime cannot hold")]
    LeapSecond {
        /// The value, as text.
        value: String,
    },
}
