//! [`DateTime`] <-> `time::OffsetDateTime` and `time::PrimitiveDateTime` (feature `time`).
//!
//! `time` holds nanoseconds and, without its `large-dates` feature, the years -9999 to 9999.
//! `24:00:00` becomes midnight of the next day; an offset of zero comes back as `Z`.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::date_time_fields::{offset_of_seconds, offset_seconds, require_no_offset, Fields};
use super::ConversionError;
use crate::types::{DateTime, Offset};

const OFFSET_DATE_TIME: &str = "time::OffsetDateTime";
const PRIMITIVE_DATE_TIME: &str = "time::PrimitiveDateTime";

/// The date and time of `value`, ignoring its offset.
fn primitive(value: &DateTime, target: &'static str) -> Result<PrimitiveDateTime, ConversionError> {
    let out_of_range = || ConversionError::OutOfRange {
        value: value.as_str().to_owned(),
        target,
    };
    let fields = Fields::of(value, target)?;
    let month = Month::try_from(fields.month).map_err(|_| out_of_range())?;
    let date =
        Date::from_calendar_date(fields.year, month, fields.day).map_err(|_| out_of_range())?;
    let date = if fields.next_day {
        date.next_day().ok_or_else(out_of_range)?
    } else {
        date
    };
    let time = Time::from_hms_nano(fields.hour, fields.minute, fields.second, fields.nanosecond)
        .map_err(|_| out_of_range())?;
    Ok(PrimitiveDateTime::new(date, time))
}

/// The fields of a `time` date and time.
fn fields(value: PrimitiveDateTime) -> Fields {
    Fields {
        year: value.year(),
        month: u8::from(value.month()),
        day: value.day(),
        hour: value.hour(),
        minute: value.minute(),
        second: value.second(),
        nanosecond: value.nanosecond(),
        next_day: false,
    }
}

impl TryFrom<&DateTime> for OffsetDateTime {
    type Error = ConversionError;

    /// Fails for a value without an offset, a year past `time`'s range or digits past the
    /// nanosecond.
    fn try_from(value: &DateTime) -> Result<Self, ConversionError> {
        let seconds = offset_seconds(value, OFFSET_DATE_TIME)?;
        let offset =
            UtcOffset::from_whole_seconds(seconds).map_err(|_| ConversionError::OutOfRange {
                value: value.as_str().to_owned(),
                target: OFFSET_DATE_TIME,
            })?;
        Ok(primitive(value, OFFSET_DATE_TIME)?.assume_offset(offset))
    }
}

impl TryFrom<DateTime> for OffsetDateTime {
    type Error = ConversionError;

    /// As for `&DateTime`.
    fn try_from(value: DateTime) -> Result<Self, ConversionError> {
        OffsetDateTime::try_from(&value)
    }
}

impl TryFrom<&DateTime> for PrimitiveDateTime {
    type Error = ConversionError;

    /// Fails for a value with an offset (`Z` included), a year past `time`'s range or digits
    /// past the nanosecond.
    fn try_from(value: &DateTime) -> Result<Self, ConversionError> {
        require_no_offset(value, PRIMITIVE_DATE_TIME)?;
        primitive(value, PRIMITIVE_DATE_TIME)
    }
}

impl TryFrom<DateTime> for PrimitiveDateTime {
    type Error = ConversionError;

    /// As for `&DateTime`.
    fn try_from(value: DateTime) -> Result<Self, ConversionError> {
        PrimitiveDateTime::try_from(&value)
    }
}

impl TryFrom<OffsetDateTime> for DateTime {
    type Error = ConversionError;

    /// Fails for an offset that is not whole minutes or is beyond ±14:00.
    fn try_from(value: OffsetDateTime) -> Result<Self, ConversionError> {
        let offset = offset_of_seconds(value.offset().whole_seconds()).ok_or_else(|| {
            ConversionError::OffsetNotRepresentable {
                value: value.to_string(),
            }
        })?;
        let local = PrimitiveDateTime::new(value.date(), value.time());
        Ok(fields(local).into_date_time(offset))
    }
}

impl From<PrimitiveDateTime> for DateTime {
    /// A value without an offset; every `time` date and time fits.
    fn from(value: PrimitiveDateTime) -> Self {
        fields(value).into_date_time(Offset::Unspecified)
    }
}
