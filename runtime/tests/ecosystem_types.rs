//! The conversions to and from the ecosystem's types (features `time`, `chrono`, `uuid`,
//! `rust_decimal`): round trips of arbitrary values both ways, the two date-time crates agreeing
//! on the instant, and the edges where a typed error must come instead of a rounded value.

use chrono::{FixedOffset, NaiveDateTime, TimeZone as _};
use proptest::prelude::*;
use soap_runtime::{ConversionError, DateTime, Decimal, Guid, Offset};
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn nanoseconds() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(0),
        (0..1000u32).prop_map(|ms| ms * 1_000_000),
        (0..10_000_000u32).prop_map(|ticks| ticks * 100), // .NET's 7 digits
        0..1_000_000_000u32,
    ]
}

fn offsets() -> impl Strategy<Value = Offset> {
    prop_oneof![
        Just(Offset::Unspecified),
        Just(Offset::Utc),
        (-840i16..=840).prop_map(Offset::Minutes),
    ]
}

/// A valid `DateTime` of a year in `years`, built from its parts.
fn date_times(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = DateTime> {
    (
        years,
        1..=12u8,
        1..=31u8,
        0..24u8,
        0..60u8,
        0..60u8,
        nanoseconds(),
        offsets(),
    )
        .prop_map(
            |(year, month, day, hour, minute, second, nanosecond, offset)| {
                let day = day.min(days_in_month(year, month));
                DateTime::new(year, month, day, hour, minute, second, nanosecond, offset).unwrap()
            },
        )
}

/// `value` as the conversions give it back: an offset of zero is `Z`.
fn normalized(value: &DateTime) -> DateTime {
    let offset = match value.offset() {
        Offset::Minutes(0) => Offset::Utc,
        other => other,
    };
    DateTime::new(
        value.year(),
        value.month(),
        value.day(),
        value.hour(),
        value.minute(),
        value.second(),
        value.nanosecond(),
        offset,
    )
    .unwrap()
}

fn date_time(text: &str) -> DateTime {
    text.parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn time_round_trips(value in date_times(-9999..=9999)) {
        let with_offset = OffsetDateTime::try_from(&value);
        let naive = PrimitiveDateTime::try_from(&value);
        if value.offset() == Offset::Unspecified {
            let is_missing_offset = matches!(with_offset, Err(ConversionError::MissingOffset { .. }));
            prop_assert!(is_missing_offset, "{with_offset:?}");
            prop_assert_eq!(DateTime::from(naive.unwrap()), value);
        } else {
            let is_unexpected_offset = matches!(naive, Err(ConversionError::UnexpectedOffset { .. }));
            prop_assert!(is_unexpected_offset, "{naive:?}");
            prop_assert_eq!(DateTime::try_from(with_offset.unwrap()).unwrap(), normalized(&value));
        }
    }

    #[test]
    fn chrono_round_trips(value in date_times(-200_000..=200_000)) {
        let with_offset = chrono::DateTime::<FixedOffset>::try_from(&value);
        let naive = NaiveDateTime::try_from(&value);
        if value.offset() == Offset::Unspecified {
            let is_missing_offset = matches!(with_offset, Err(ConversionError::MissingOffset { .. }));
            prop_assert!(is_missing_offset, "{with_offset:?}");
            prop_assert_eq!(DateTime::try_from(naive.unwrap()).unwrap(), value);
        } else {
            let is_unexpected_offset = matches!(naive, Err(ConversionError::UnexpectedOffset { .. }));
            prop_assert!(is_unexpected_offset, "{naive:?}");
            prop_assert_eq!(DateTime::try_from(with_offset.unwrap()).unwrap(), normalized(&value));
        }
    }

    /// Two crates nobody here wrote agree on the instant and the offset of every value.
    #[test]
    fn time_and_chrono_agree(value in date_times(-9999..=9999)) {
        prop_assume!(value.offset() != Offset::Unspecified);
        let by_time = OffsetDateTime::try_from(&value).unwrap();
        let by_chrono = chrono::DateTime::<FixedOffset>::try_from(&value).unwrap();
        let chrono_nanos = i128::from(by_chrono.timestamp()) * 1_000_000_000
            + i128::from(by_chrono.timestamp_subsec_nanos());
        prop_assert_eq!(by_time.unix_timestamp_nanos(), chrono_nanos);
        prop_assert_eq!(by_time.offset().whole_seconds(), by_chrono.offset().local_minus_utc());
    }

    #[test]
    fn time_values_round_trip(
        seconds in -377_705_116_800i64..=253_402_300_799,
        nanosecond in nanoseconds(),
        minutes in -840i32..=840,
    ) {
        let utc = OffsetDateTime::from_unix_timestamp(seconds).unwrap()
            .replace_nanosecond(nanosecond).unwrap();
        let offset = UtcOffset::from_whole_seconds(minutes * 60).unwrap();
        let Some(value) = utc.checked_to_offset(offset) else {
            return Ok(()); // past year 9999 in that zone
        };
        let ours = DateTime::try_from(value).unwrap();
        let back = OffsetDateTime::try_from(&ours).unwrap();
        prop_assert_eq!(back, value);
        prop_assert_eq!(back.offset(), value.offset());
        let naive = PrimitiveDateTime::new(value.date(), value.time());
        prop_assert_eq!(PrimitiveDateTime::try_from(DateTime::from(naive)).unwrap(), naive);
    }

    #[test]
    fn chrono_values_round_trip(
        seconds in -8_000_000_000_000i64..=8_000_000_000_000,
        nanosecond in nanoseconds(),
        minutes in -840i32..=840,
    ) {
        let offset = FixedOffset::east_opt(minutes * 60).unwrap();
        let value = offset.timestamp_opt(seconds, nanosecond).single().unwrap();
        let ours = DateTime::try_from(value).unwrap();
        let back = chrono::DateTime::<FixedOffset>::try_from(&ours).unwrap();
        prop_assert_eq!(back, value);
        prop_assert_eq!(back.offset(), value.offset());
        let naive = value.naive_local();
        prop_assert_eq!(NaiveDateTime::try_from(DateTime::try_from(naive).unwrap()).unwrap(), naive);
    }

    #[test]
    fn guids_round_trip(bits: u128, upper_case: bool) {
        let lower = Guid::from_u128(bits);
        let sent: Guid = if upper_case {
            lower.as_str().to_uppercase().parse().unwrap()
        } else {
            lower.clone()
        };
        let uuid = uuid::Uuid::from(&sent);
        prop_assert_eq!(uuid.as_u128(), bits);
        prop_assert_eq!(uuid.hyphenated().to_string(), lower.as_str());
        prop_assert_eq!(Guid::from(uuid), lower);
    }

    #[test]
    fn rust_decimals_round_trip(
        lo: u32, mid: u32, hi: u32, negative: bool, scale in 0..=28u32,
    ) {
        let value = rust_decimal::Decimal::from_parts(lo, mid, hi, negative, scale);
        let ours = Decimal::from(value);
        prop_assert_eq!(ours.as_str(), value.to_string());
        let back = rust_decimal::Decimal::try_from(&ours).unwrap();
        prop_assert_eq!(back, value);
        prop_assert_eq!(back.scale(), value.scale(), "the scale is kept");
    }

    #[test]
    fn decimal_texts_that_fit_are_exact(
        sign in prop_oneof![Just(""), Just("-"), Just("+")],
        integer in "[0-9]{0,14}",
        fraction in "[0-9]{0,14}",
    ) {
        prop_assume!(!(integer.is_empty() && fraction.is_empty()));
        let text = if fraction.is_empty() { format!("{sign}{integer}") } else { format!("{sign}{integer}.{fraction}") };
        let ours: Decimal = text.parse().unwrap();
        let converted = rust_decimal::Decimal::try_from(&ours).unwrap();
        prop_assert_eq!(converted.scale() as usize, fraction.len(), "{}", text);
        let digits: String = format!("{integer}{fraction}");
        let mantissa: i128 = if digits.is_empty() { 0 } else { digits.parse().unwrap() };
        let mantissa = if sign == "-" { -mantissa } else { mantissa };
        prop_assert_eq!(converted.mantissa(), mantissa, "{}", text);
        prop_assert_eq!(rust_decimal::Decimal::try_from(Decimal::from(converted)).unwrap(), converted);
    }
}

#[test]
fn dot_net_ticks_and_nanoseconds_are_exact() {
    let value = date_time("2024-02-29T23:59:59.1234567+05:30");
    let by_chrono = chrono::DateTime::<FixedOffset>::try_from(&value).unwrap();
    assert_eq!(by_chrono.timestamp_subsec_nanos(), 123_456_700);
    assert_eq!(by_chrono.offset().local_minus_utc(), 5 * 3600 + 30 * 60);
    let by_time = OffsetDateTime::try_from(&value).unwrap();
    assert_eq!(by_time.nanosecond(), 123_456_700);
    assert_eq!(
        DateTime::try_from(by_time).unwrap().as_str(),
        "2024-02-29T23:59:59.1234567+05:30"
    );
    // Nine digits, and zeros past the ninth, fit; a tenth digit that is not zero does not.
    let nine = date_time("2021-03-25T21:34:45.123456789Z");
    assert_eq!(
        OffsetDateTime::try_from(&nine).unwrap().nanosecond(),
        123_456_789
    );
    let zeros = date_time("2021-03-25T21:34:45.1234567890000Z");
    assert_eq!(
        chrono::DateTime::<FixedOffset>::try_from(&zeros)
            .unwrap()
            .timestamp_subsec_nanos(),
        123_456_789
    );
    let ten = date_time("2021-03-25T21:34:45.1234567891Z");
    for error in [
        OffsetDateTime::try_from(&ten).unwrap_err(),
        chrono::DateTime::<FixedOffset>::try_from(&ten).unwrap_err(),
    ] {
        assert!(
            matches!(error, ConversionError::TooPrecise { .. }),
            "{error}"
        );
    }
    let naive_ten = date_time("2021-03-25T21:34:45.1234567891");
    assert!(matches!(
        NaiveDateTime::try_from(&naive_ten),
        Err(ConversionError::TooPrecise { .. })
    ));
}

#[test]
fn years_past_the_targets_range_fail() {
    let ten_thousand = date_time("10000-01-01T00:00:00Z");
    let error = OffsetDateTime::try_from(&ten_thousand).unwrap_err();
    assert_eq!(
        error,
        ConversionError::OutOfRange {
            value: "10000-01-01T00:00:00Z".into(),
            target: "time::OffsetDateTime"
        }
    );
    assert_eq!(
        error.to_string(),
        "`10000-01-01T00:00:00Z` is outside the range of time::OffsetDateTime"
    );
    // chrono holds it, but not a year past 262,143.
    assert!(chrono::DateTime::<FixedOffset>::try_from(&ten_thousand).is_ok());
    for text in ["300000-01-01T00:00:00", "-300000-01-01T00:00:00"] {
        assert!(
            matches!(
                NaiveDateTime::try_from(&date_time(text)),
                Err(ConversionError::OutOfRange { .. })
            ),
            "{text}"
        );
        assert!(matches!(
            PrimitiveDateTime::try_from(&date_time(text)),
            Err(ConversionError::OutOfRange { .. })
        ));
    }
    // The last instant time holds, in the zone that makes its local year 9999, fits.
    let last = date_time("9999-12-31T23:59:59.999999999-14:00");
    assert_eq!(
        DateTime::try_from(OffsetDateTime::try_from(&last).unwrap()).unwrap(),
        last
    );
}

#[test]
fn offsets_must_match_the_target() {
    let error = OffsetDateTime::try_from(&date_time("2021-03-25T21:34:45")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`2021-03-25T21:34:45` has no time zone offset, which time::OffsetDateTime needs \
         (convert to the type without an offset)"
    );
    assert!(matches!(
        chrono::DateTime::<FixedOffset>::try_from(&date_time("2021-03-25T21:34:45")),
        Err(ConversionError::MissingOffset { .. })
    ));
    assert!(matches!(
        NaiveDateTime::try_from(&date_time("2021-03-25T21:34:45Z")),
        Err(ConversionError::UnexpectedOffset { .. })
    ));
    // `+00:00` and `Z` are the same offset; it comes back as `Z`.
    let zero = OffsetDateTime::try_from(&date_time("2021-03-25T21:34:45+00:00")).unwrap();
    assert_eq!(
        DateTime::try_from(zero).unwrap().as_str(),
        "2021-03-25T21:34:45Z"
    );
    // Offsets xs:dateTime cannot write.
    let seconds = FixedOffset::east_opt(3600 + 30).unwrap();
    let odd = seconds.with_ymd_and_hms(2021, 3, 25, 21, 34, 45).unwrap();
    assert!(matches!(
        DateTime::try_from(odd),
        Err(ConversionError::OffsetNotRepresentable { .. })
    ));
    let fifteen = FixedOffset::east_opt(15 * 3600).unwrap();
    let far = fifteen.with_ymd_and_hms(2021, 3, 25, 21, 34, 45).unwrap();
    assert!(matches!(
        DateTime::try_from(far),
        Err(ConversionError::OffsetNotRepresentable { .. })
    ));
    let by_time = OffsetDateTime::UNIX_EPOCH.to_offset(UtcOffset::from_hms(-15, 0, 0).unwrap());
    assert!(matches!(
        DateTime::try_from(by_time),
        Err(ConversionError::OffsetNotRepresentable { .. })
    ));
}

#[test]
fn end_of_day_is_midnight_of_the_next_day() {
    let end = date_time("2024-12-31T24:00:00Z");
    let by_time = OffsetDateTime::try_from(&end).unwrap();
    assert_eq!(
        DateTime::try_from(by_time).unwrap().as_str(),
        "2025-01-01T00:00:00Z"
    );
    let by_chrono = NaiveDateTime::try_from(&date_time("2024-02-28T24:00:00")).unwrap();
    assert_eq!(
        DateTime::try_from(by_chrono).unwrap().as_str(),
        "2024-02-29T00:00:00"
    );
    assert!(matches!(
        PrimitiveDateTime::try_from(&date_time("9999-12-31T24:00:00")),
        Err(ConversionError::OutOfRange { .. })
    ));
}

#[test]
fn leap_seconds_have_no_date_time() {
    let leap = chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
        .unwrap()
        .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
        .unwrap();
    assert!(matches!(
        DateTime::try_from(leap),
        Err(ConversionError::LeapSecond { .. })
    ));
}

#[test]
fn decimal_edges() {
    let fits = |text: &str| rust_decimal::Decimal::try_from(&text.parse::<Decimal>().unwrap());
    assert_eq!(
        fits("79228162514264337593543950335").unwrap(),
        rust_decimal::Decimal::MAX
    );
    assert_eq!(
        fits("-79228162514264337593543950335").unwrap(),
        rust_decimal::Decimal::MIN
    );
    assert!(matches!(
        fits("79228162514264337593543950336"),
        Err(ConversionError::OutOfRange { .. })
    ));
    assert_eq!(fits("0.0000000000000000000000000001").unwrap().scale(), 28);
    let error = fits("0.00000000000000000000000000001").unwrap_err();
    assert_eq!(
        error.to_string(),
        "`0.00000000000000000000000000001` has more fractional digits than rust_decimal::Decimal holds"
    );
    // Zeros past the 28th place change nothing and are dropped.
    let long_zeros = fits("1.500000000000000000000000000000000").unwrap();
    assert_eq!(long_zeros, rust_decimal::Decimal::new(15, 1));
    assert_eq!(long_zeros.scale(), 28);
    // The lexical forms xs:decimal allows and rust_decimal does not read as such.
    assert_eq!(fits("+.5").unwrap(), rust_decimal::Decimal::new(5, 1));
    assert_eq!(fits("0.").unwrap(), rust_decimal::Decimal::ZERO);
    assert_eq!(fits("-0.00").unwrap().scale(), 2);
    assert_eq!(
        Decimal::from(rust_decimal::Decimal::new(150, 2)).as_str(),
        "1.50"
    );
}
