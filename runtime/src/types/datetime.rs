//! `xs:dateTime` exactly as sent: offset, `Z` or none, and every fractional digit.

use std::fmt;
use std::str::FromStr;

use crate::error::EncodeError;
use crate::value::SimpleValue;
use crate::xml::XmlWriter;

/// The time zone part of a [`DateTime`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Offset {
    /// No zone given (WCF's `DateTimeKind.Unspecified`).
    Unspecified,
    /// `Z`.
    Utc,
    /// `+hh:mm` or `-hh:mm`, in minutes east of UTC.
    Minutes(i16),
}

/// An `xs:dateTime` that keeps its text: what came in goes out unchanged.
///
/// The fields are parsed and checked on construction; the default is WCF's `DateTime.MinValue`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: Box<str>,
    parts: Parts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Parts {
    year: i32,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    offset: Offset,
}

impl Default for DateTime {
    fn default() -> Self {
        DateTime::new(1, 1, 1, 0, 0, 0, 0, Offset::Unspecified)
            .unwrap_or_else(|_| unreachable!("0001-01-01T00:00:00 is valid"))
    }
}

impl DateTime {
    /// A date and time from its parts; the text has as many fractional digits as needed (up to 9).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        year: i32,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        nanosecond: u32,
        offset: Offset,
    ) -> Result<Self, String> {
        let mut text = if year < 0 {
            format!("-{:04}", year.unsigned_abs())
        } else {
            format!("{year:04}")
        };
        text.push_str(&format!(
            "-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}"
        ));
        if nanosecond > 0 {
            let fraction = format!("{nanosecond:09}");
            text.push('.');
            text.push_str(fraction.trim_end_matches('0'));
        }
        match offset {
            Offset::Unspecified => {}
            Offset::Utc => text.push('Z'),
            Offset::Minutes(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                text.push_str(&format!("{sign}{:02}:{:02}", m / 60, m % 60));
            }
        }
        text.parse()
    }

    /// The text as received (or as built).
    pub fn as_str(&self) -> &str {
        &self.text
    }
    /// The year (negative before year 1).
    pub fn year(&self) -> i32 {
        self.parts.year
    }
    /// The month, 1 to 12.
    pub fn month(&self) -> u8 {
        self.parts.month
    }
    /// The day of the month, 1 to 31.
    pub fn day(&self) -> u8 {
        self.parts.day
    }
    /// The hour, 0 to 24 (24 only as `24:00:00`).
    pub fn hour(&self) -> u8 {
        self.parts.hour
    }
    /// The minute.
    pub fn minute(&self) -> u8 {
        self.parts.minute
    }
    /// The second.
    pub fn second(&self) -> u8 {
        self.parts.second
    }
    /// The fractional second in nanoseconds (digits past the ninth are kept in the text only).
    pub fn nanosecond(&self) -> u32 {
        self.parts.nanosecond
    }
    /// The time zone part.
    pub fn offset(&self) -> Offset {
        self.parts.offset
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTime({})", self.text)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn digits(s: &str, what: &str) -> Result<u32, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{what} must be digits"));
    }
    s.parse().map_err(|_| format!("{what} is out of range"))
}

fn two_digits(s: &str, what: &str) -> Result<u8, String> {
    if s.len() != 2 {
        return Err(format!("{what} must have two digits"));
    }
    u8::try_from(digits(s, what)?).map_err(|_| format!("{what} is out of range"))
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for DateTime {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, String> {
        let s = input.trim();
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let t = body.find('T').ok_or("expected `T` between date and time")?;
        let (date, time) = (&body[..t], &body[t + 1..]);
        let mut date_parts = date.rsplitn(3, '-');
        let day = two_digits(date_parts.next().unwrap_or_default(), "day")?;
        let month = two_digits(date_parts.next().ok_or("expected YYYY-MM-DD")?, "month")?;
        let year_text = date_parts.next().ok_or("expected YYYY-MM-DD")?;
        if year_text.len() < 4 || (year_text.len() > 4 && year_text.starts_with('0')) {
            return Err("the year must have four digits, without extra leading zeros".into());
        }
        let year = i32::try_from(digits(year_text, "year")?).map_err(|_| "year is out of range")?;
        let year = if negative { -year } else { year };
        if !(1..=12).contains(&month) {
            return Err("month must be 01 to 12".into());
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err("day does not exist in that month".into());
        }
        let zone_at = time.find(['Z', '+', '-']).unwrap_or(time.len());
        let (clock, zone) = (&time[..zone_at], &time[zone_at..]);
        let offset = match zone {
            "" => Offset::Unspecified,
            "Z" => Offset::Utc,
            z => {
                let sign: i16 = if z.starts_with('-') { -1 } else { 1 };
                let (h, m) = z[1..].split_once(':').ok_or("expected a zone as ±hh:mm")?;
                let (h, m) = (two_digits(h, "zone hour")?, two_digits(m, "zone minute")?);
                if h > 14 || m > 59 || (h == 14 && m > 0) {
                    return Err("zone offset out of range".into());
                }
                Offset::Minutes(sign * (i16::from(h) * 60 + i16::from(m)))
            }
        };
        let (hms, fraction) = match clock.split_once('.') {
            Some((hms, f)) => (hms, Some(f)),
            None => (clock, None),
        };
        let mut hms_parts = hms.split(':');
        let hour = two_digits(hms_parts.next().unwrap_or_default(), "hour")?;
        let minute = two_digits(hms_parts.next().ok_or("expected hh:mm:ss")?, "minute")?;
        let second = two_digits(hms_parts.next().ok_or("expected hh:mm:ss")?, "second")?;
        if hms_parts.next().is_some() {
            return Err("expected hh:mm:ss".into());
        }
        let nanosecond = match fraction {
            Some(f) => {
                // Any number of digits (only the first nine are read into the parts).
                if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                    return Err("fractional second must be digits".into());
                }
                let nine: String = f.chars().chain(std::iter::repeat('0')).take(9).collect();
                nine.parse().map_err(|_| "fractional second is invalid")?
            }
            None => 0,
        };
        let end_of_day = hour == 24 && minute == 0 && second == 0 && nanosecond == 0;
        if (hour > 23 && !end_of_day) || minute > 59 || second > 59 {
            return Err("time of day out of range".into());
        }
        Ok(DateTime {
            text: s.into(),
            parts: Parts {
                year,
                month,
                day,
                hour,
                minute,
                second,
                nanosecond,
                offset,
            },
        })
    }
}

impl SimpleValue for DateTime {
    const XSD_TYPE: &'static str = "dateTime";
    fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.safe_text(&self.text);
        Ok(())
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        text.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_and_parses_parts() {
        for text in [
            "2021-03-25T21:34:45Z",
            "2024-02-29T23:59:59.1234567+05:30",
            "0001-01-01T00:00:00",
            "2020-01-01T00:00:00.5-08:00",
            "2021-03-25T21:34:45.12345678901234567890Z",
        ] {
            let d: DateTime = text.parse().unwrap();
            assert_eq!(d.as_str(), text);
        }
        let d: DateTime = "2024-02-29T23:59:59.1234567+05:30".parse().unwrap();
        assert_eq!(
            (d.year(), d.month(), d.day(), d.nanosecond()),
            (2024, 2, 29, 123_456_700)
        );
        assert_eq!(d.offset(), Offset::Minutes(330));
        assert_eq!(DateTime::default().as_str(), "0001-01-01T00:00:00");
        let built =
            DateTime::new(2025, 11, 25, 8, 5, 0, 120_000_000, Offset::Minutes(-90)).unwrap();
        assert_eq!(built.as_str(), "2025-11-25T08:05:00.12-01:30");
    }

    #[test]
    fn refuses_invalid_dates() {
        for text in [
            "2023-02-29T00:00:00",
            "2021-13-01T00:00:00",
            "2021-01-01",
            "2021-01-01T25:00:00",
            "2021-01-01T00:00:00+15:00",
            "21-01-01T00:00:00",
            "2021-01-01T00:00:00.Z",
        ] {
            assert!(text.parse::<DateTime>().is_err(), "{text}");
        }
    }
}
