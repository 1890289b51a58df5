//! [`Decimal`] <-> `rust_decimal::Decimal` (feature `rust_decimal`).
//!
//! `rust_decimal` holds a 96-bit integer and up to 28 decimal places, and keeps the scale
//! (`1.50` stays `1.50`). A [`Decimal`] with more digits fails rather than being rounded; zeros
//! past the 28th decimal place are dropped, as they change nothing.

use super::ConversionError;
use crate::types::Decimal;

const TARGET: &str = "rust_decimal::Decimal";

/// The digits of an `xs:decimal` in the form `rust_decimal` reads: no `+`, a digit before the
/// point, no point at the end, no zeros past the 28th decimal place.
fn canonical(text: &str) -> String {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let integer = if integer.is_empty() { "0" } else { integer };
    let kept = fraction
        .len()
        .min(28)
        .max(fraction.trim_end_matches('0').len());
    let fraction = &fraction[..kept];
    let sign = if negative { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{integer}")
    } else {
        format!("{sign}{integer}.{fraction}")
    }
}

impl TryFrom<&Decimal> for rust_decimal::Decimal {
    type Error = ConversionError;

    /// Fails when the digits do not fit 96 bits with at most 28 decimal places.
    fn try_from(value: &Decimal) -> Result<Self, ConversionError> {
        rust_decimal::Decimal::from_str_exact(&canonical(value.as_str())).map_err(|error| {
            let value = value.as_str().to_owned();
            match error {
                rust_decimal::Error::Underflow
                | rust_decimal::Error::ScaleExceedsMaximumPrecision(_) => {
                    ConversionError::TooPrecise {
                        value,
                        target: TARGET,
                    }
                }
                _ => ConversionError::OutOfRange {
                    value,
                    target: TARGET,
                },
            }
        })
    }
}

impl TryFrom<Decimal> for rust_decimal::Decimal {
    type Error = ConversionError;

    /// As for `&Decimal`.
    fn try_from(value: Decimal) -> Result<Self, ConversionError> {
        rust_decimal::Decimal::try_from(&value)
    }
}

impl From<rust_decimal::Decimal> for Decimal {
    /// The same digits and scale.
    fn from(value: rust_decimal::Decimal) -> Self {
        value
            .to_string()
            .parse()
            // Invariant: rust_decimal writes an optional `-`, digits and an optional point with
            // digits, which is an `xs:decimal`.
            .unwrap_or_else(|e| unreachable!("rust_decimal writes an xs:decimal: {e}"))
    }
}
