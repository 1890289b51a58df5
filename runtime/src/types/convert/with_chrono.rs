//! [`DateTime`] <-> `chrono::DateTime<FixedOffset>` and `chrono::NaiveDateTime` (feature
//! `chrono`).
//!
//! `chrono` holds nanoseconds and the years -262,143 to 262,142 (about). `24:00:00` becomes
//! midnight of the next day; an offset of zero comes back as `Z`; a leap second has no
//! `xs:dateTime` and fails.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset as _, TimeZone};

use super::date_time_fields::{offset_of_seconds, offset_seconds, require_no_offset, Fields};
use super::ConversionError;
use crate::types::{DateTime, Offset};

const DATE_TIME: &str = "chrono::DateTime<FixedOffset>";
const NAIVE_DATE_TIME: &str = "chrono::NaiveDateTime";

/// The date and time of `value`, ignoring its offset.
fn naive(value: &DateTime, target: &'static str) -> Result<NaiveDateTime, ConversionError> {
    let out_of_range = || ConversionError::OutOfRange {
        value: value.as_str().to_owned(),
        target,
    };
    let fields = Fields::of(value, target)?;
    let date = NaiveDate::from_ymd_opt(fields.year, fields.month.into(), fields.day.into())
        .ok_or_else(out_of_range)?;
    let date = if fields.next_day {
        date.succ_opt().ok_or_else(out_of_range)?
    } else {
        date
    };
    let time = NaiveTime::from_hms_nano_opt(
        fields.hour.into(),
        fields.minute.into(),
        fields.second.into(),
        fields.nanosecond,
    )
    .ok_or_else(out_of_range)?;
    Ok(date.and_time(time))
}

/// The fields of a `chrono` date and time, or [`ConversionError::LeapSecond`].
fn fields(value: NaiveDateTime, shown: impl FnOnce() -> String) -> Result<Fields, ConversionError> {
    use chrono::{Datelike, Timelike};
    let nanosecond = value.nanosecond();
    if nanosecond >= 1_000_000_000 {
        return Err(ConversionError::LeapSecond { value: shown() });
    }
    // chrono's months, days, hours, minutes and seconds all fit a byte.
    let byte = |n: u32| u8::try_from(n).unwrap_or(u8::MAX);
    Ok(Fields {
        year: value.year(),
        month: byte(value.month()),
        day: byte(value.day()),
        hour: byte(value.hour()),
        minute: byte(value.minute()),
        second: byte(value.second()),
        nanosecond,
        next_day: false,
    })
}

impl TryFrom<&DateTime> for chrono::DateTime<FixedOffset> {
    type Error = ConversionError;

    /// Fails for a value without an offset, a year past `chrono`'s range or digits past the
    /// nanosecond.
    fn try_from(value: &DateTime) -> Result<Self, ConversionError> {
        let out_of_range = || ConversionError::OutOfRange {
            value: value.as_str().to_owned(),
            target: DATE_TIME,
        };
        let seconds = offset_seconds(value, DATE_TIME)?;
        let offset = FixedOffset::east_opt(seconds).ok_or_else(out_of_range)?;
        let local = naive(value, DATE_TIME)?;
        offset
            .from_local_datetime(&local)
            .single()
            .ok_or_else(out_of_range)
    }
}

impl TryFrom<DateTime> for chrono::DateTime<FixedOffset> {
    type Error = ConversionError;

    /// As for `&DateTime`.
    fn try_from(value: DateTime) -> Result<Self, ConversionError> {
        chrono::DateTime::<FixedOffset>::try_from(&value)
    }
}

impl TryFrom<&DateTime> for NaiveDateTime {
    type Error = ConversionError;

    /// Fails for a value with an offset (`Z` included), a year past `chrono`'s range or digits
    /// past the nanosecond.
    fn try_from(value: &DateTime) -> Result<Self, ConversionError> {
        require_no_offset(value, NAIVE_DATE_TIME)?;
        naive(value, NAIVE_DATE_TIME)
    }
}

impl TryFrom<DateTime> for NaiveDateTime {
    type Error = ConversionError;

    /// As for `&DateTime`.
    fn try_from(value: DateTime) -> Result<Self, ConversionError> {
        NaiveDateTime::try_from(&value)
    }
}

impl TryFrom<chrono::DateTime<FixedOffset>> for DateTime {
    type Error = ConversionError;

    /// Fails for a leap second, or an offset that is not whole minutes or is beyond ±14:00.
    fn try_from(value: chrono::DateTime<FixedOffset>) -> Result<Self, ConversionError> {
        let shown = || format!("{value:?}");
        let offset = offset_of_seconds(value.offset().fix().local_minus_utc())
            .ok_or_else(|| ConversionError::OffsetNotRepresentable { value: shown() })?;
        Ok(fields(value.naive_local(), shown)?.into_date_time(offset))
    }
}

impl TryFrom<NaiveDateTime> for DateTime {
    type Error = ConversionError;

    /// A value without an offset; fails for a leap second only.
    fn try_from(value: NaiveDateTime) -> Result<Self, ConversionError> {
        Ok(fields(value, || format!("{value:?}"))?.into_date_time(Offset::Unspecified))
    }
}
