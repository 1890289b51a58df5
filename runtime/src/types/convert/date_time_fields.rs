//! The fields of a [`DateTime`] as the date-time crates want them, and a [`DateTime`] from
//! theirs: what the `time` and `chrono` conversions share.

use super::ConversionError;
use crate::types::{DateTime, Offset};

/// A [`DateTime`]'s calendar fields, checked to fit a nanosecond clock.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fields {
    /// The year (astronomical: 0 is 1 BCE).
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31.
    pub day: u8,
    /// 0 to 23 (`24:00:00` is given as `00:00:00` with `next_day`).
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 59.
    pub second: u8,
    /// 0 to 999,999,999.
    pub nanosecond: u32,
    /// `24:00:00`: the time is midnight of the day after `day`.
    pub next_day: bool,
}

impl Fields {
    /// The fields of `value`, or [`ConversionError::TooPrecise`] when its text has non-zero
    /// fractional digits past the ninth (the fields keep nine, the text all of them).
    pub(super) fn of(value: &DateTime, target: &'static str) -> Result<Fields, ConversionError> {
        if digits_past_nanoseconds(value.as_str()) {
            return Err(ConversionError::TooPrecise {
                value: value.as_str().to_owned(),
                target,
            });
        }
        let next_day = value.hour() == 24;
        Ok(Fields {
            year: value.year(),
            month: value.month(),
            day: value.day(),
            hour: if next_day { 0 } else { value.hour() },
            minute: value.minute(),
            second: value.second(),
            nanosecond: value.nanosecond(),
            next_day,
        })
    }

    /// The [`DateTime`] of these fields (`next_day` must be false) and `offset`.
    pub(super) fn into_date_time(self, offset: Offset) -> DateTime {
        DateTime::new(
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.nanosecond,
            offset,
        )
        // Invariant: the fields come from a valid date and time of `time` or `chrono` (a real
        // day of the month, hours below 24, nanoseconds below a second) and the offset from
        // `offset_of_seconds`, all of which xs:dateTime can write.
        .unwrap_or_else(|e| unreachable!("a valid date and time is a valid xs:dateTime: {e}"))
    }
}

/// The offset of `value` in seconds east of UTC, or [`ConversionError::MissingOffset`].
pub(super) fn offset_seconds(
    value: &DateTime,
    target: &'static str,
) -> Result<i32, ConversionError> {
    match value.offset() {
        Offset::Unspecified => Err(ConversionError::MissingOffset {
            value: value.as_str().to_owned(),
            target,
        }),
        Offset::Utc => Ok(0),
        Offset::Minutes(minutes) => Ok(i32::from(minutes) * 60),
    }
}

/// [`ConversionError::UnexpectedOffset`] unless `value` has no offset.
pub(super) fn require_no_offset(
    value: &DateTime,
    target: &'static str,
) -> Result<(), ConversionError> {
    match value.offset() {
        Offset::Unspecified => Ok(()),
        Offset::Utc | Offset::Minutes(_) => Err(ConversionError::UnexpectedOffset {
            value: value.as_str().to_owned(),
            target,
        }),
    }
}

/// The [`Offset`] of `seconds` east of UTC (`Z` for zero), or `None` when xs:dateTime cannot
/// write it (not whole minutes, or beyond ±14:00).
pub(super) fn offset_of_seconds(seconds: i32) -> Option<Offset> {
    if seconds == 0 {
        return Some(Offset::Utc);
    }
    if seconds % 60 != 0 || seconds.abs() > 14 * 3600 {
        return None;
    }
    i16::try_from(seconds / 60).ok().map(Offset::Minutes)
}

/// Whether the fractional seconds of an `xs:dateTime` text have a non-zero digit past the ninth.
fn digits_past_nanoseconds(text: &str) -> bool {
    let Some((_, after_point)) = text.split_once('.') else {
        return false;
    };
    after_point
        .bytes()
        .take_while(u8::is_ascii_digit)
        .skip(9)
        .any(|digit| digit != b'0')
}
