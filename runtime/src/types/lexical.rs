//! Types kept as their checked lexical form, so nothing is lost between receiving and sending:
//! `xs:decimal`, `xs:duration`, `ser:guid`; and `xs:QName`, a namespace and a local name.

use std::fmt;
use std::str::FromStr;

use crate::error::EncodeError;
use crate::value::{LexicalError, LexicalValue, NamespaceScope, SimpleValue};
use crate::xml::{is_ncname, XmlWriter};

macro_rules! lexical_type {
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $default:literal, $check:path) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(Box<str>);

        impl $name {
            /// The text, as received or built.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name($default.into())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let s = s.trim();
                $check(s)?;
                Ok($name(s.into()))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl SimpleValue for $name {
            const XSD_TYPE: &'static str = $xsd;
            fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
                w.text(&self.0)
            }
            fn parse_text(text: &str) -> Result<Self, String> {
                text.parse()
            }
        }
    };
}

lexical_type!(
    /// An `xs:decimal`, with every digit kept as sent.
    Decimal, "decimal", "0", check_decimal
);
lexical_type!(
    /// An `xs:duration` (WCF's `TimeSpan`), kept as sent, e.g. `P1DT2H` or `-PT0.5S`.
    Duration, "duration", "PT0S", check_duration
);
lexical_type!(
    /// A GUID (`ser:guid`), kept as sent.
    Guid, "guid", "00000000-0000-0000-0000-000000000000", check_guid
);

impl Decimal {
    /// The value as the nearest `f64`.
    pub fn to_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }
}

impl From<i64> for Decimal {
    fn from(n: i64) -> Self {
        Decimal(n.to_string().into())
    }
}

impl Duration {
    /// The `xs:duration` text of a `std::time::Duration`.
    pub fn from_std(d: std::time::Duration) -> Self {
        let (secs, nanos) = (d.as_secs(), d.subsec_nanos());
        let (days, rest) = (secs / 86_400, secs % 86_400);
        let (h, m, s) = (rest / 3600, (rest % 3600) / 60, rest % 60);
        let mut text = String::from("P");
        if days > 0 {
            text.push_str(&format!("{days}D"));
        }
        text.push('T');
        if h > 0 {
            text.push_str(&format!("{h}H"));
        }
        if m > 0 {
            text.push_str(&format!("{m}M"));
        }
        if nanos > 0 {
            let f = format!("{nanos:09}");
            text.push_str(&format!("{s}.{}S", f.trim_end_matches('0')));
        } else {
            text.push_str(&format!("{s}S"));
        }
        Duration(text.into())
    }
}

impl Guid {
    /// The GUID of a 128-bit number, in lower case.
    pub fn from_u128(n: u128) -> Self {
        let h = format!("{n:032x}");
        Guid(
            format!(
                "{}-{}-{}-{}-{}",
                &h[..8],
                &h[8..12],
                &h[12..16],
                &h[16..20],
                &h[20..]
            )
            .into(),
        )
    }

    /// The GUID as a 128-bit number.
    pub fn as_u128(&self) -> u128 {
        u128::from_str_radix(&self.0.replace('-', ""), 16).unwrap_or_default()
    }
}

fn check_decimal(s: &str) -> Result<(), String> {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
        return Err("expected digits with an optional sign and decimal point".into());
    }
    Ok(())
}

fn check_duration(s: &str) -> Result<(), String> {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let body = unsigned
        .strip_prefix('P')
        .ok_or("a duration starts with `P`")?;
    let (date, time) = match body.split_once('T') {
        Some((d, "")) => return Err(format!("`T` must be followed by a time part (in {d:?}T)")),
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let mut any = false;
    let mut check_part =
        |part: &str, units: &[char], fraction_unit: Option<char>| -> Result<(), String> {
            let mut rest = part;
            let mut allowed = units;
            while !rest.is_empty() {
                let end = rest
                    .find(|c: char| !c.is_ascii_digit() && c != '.')
                    .ok_or("a number must be followed by a unit")?;
                let (number, unit) = (&rest[..end], rest[end..].chars().next().unwrap_or(' '));
                let position = allowed
                    .iter()
                    .position(|&u| u == unit)
                    .ok_or(format!("unexpected unit `{unit}`"))?;
                allowed = &allowed[position + 1..];
                let valid = match number.split_once('.') {
                    Some((i, f)) => {
                        Some(unit) == fraction_unit
                            && !i.is_empty()
                            && i.bytes().all(|b| b.is_ascii_digit())
                            && f.bytes().all(|b| b.is_ascii_digit())
                    }
                    None => !number.is_empty(),
                };
                if !valid {
                    return Err(format!("invalid number `{number}` before `{unit}`"));
                }
                any = true;
                rest = &rest[end + 1..];
            }
            Ok(())
        };
    check_part(date, &['Y', 'M', 'D'], None)?;
    if let Some(t) = time {
        check_part(t, &['H', 'M', 'S'], Some('S'))?;
    }
    if !any {
        return Err("a duration needs at least one component".into());
    }
    Ok(())
}

fn check_guid(s: &str) -> Result<(), String> {
    let groups: Vec<&str> = s.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    let valid = groups.len() == 5
        && groups
            .iter()
            .zip(lengths)
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
    if valid {
        Ok(())
    } else {
        Err("expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx in hexadecimal".into())
    }
}

/// An `xs:QName` value: a namespace and a local name (the prefix is the writer's choice).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct QName {
    /// The namespace URI; `None` for no namespace.
    pub namespace: Option<String>,
    /// The local name.
    pub local: String,
}

impl QName {
    /// A name in `namespace` (`None`: in no namespace).
    pub fn new(namespace: Option<&str>, local: &str) -> Self {
        QName {
            namespace: namespace.map(str::to_string),
            local: local.to_string(),
        }
    }

    /// The namespace, `None` also for an empty one (no namespace either way).
    fn namespace_uri(&self) -> Option<&str> {
        self.namespace.as_deref().filter(|ns| !ns.is_empty())
    }
}

/// The prefix is resolved in the scope where the value stands; without one, the name is in the
/// default namespace when one is declared there (XML Schema's rule for QName values, unlike
/// the names of attributes themselves). Written with a prefix bound on the start tag holding it.
impl LexicalValue for QName {
    const XSD_TYPE: &'static str = "QName";

    fn parse_lexical(text: &str, scope: &dyn NamespaceScope) -> Result<Self, LexicalError> {
        let text = text.trim_ascii();
        let (prefix, local) = match text.split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, text),
        };
        if !is_ncname(local) || prefix.is_some_and(|p| !is_ncname(p)) {
            return Err(LexicalError::Invalid(String::from(
                "expected a name, or a prefix and a name joined by `:`",
            )));
        }
        let namespace = scope.namespace(prefix);
        if let (Some(prefix), None) = (prefix, namespace) {
            return Err(LexicalError::UndeclaredPrefix(prefix.to_string()));
        }
        Ok(QName {
            namespace: namespace.map(str::to_string),
            local: local.to_string(),
        })
    }

    fn bind_namespaces(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        if let Some(namespace) = self.namespace_uri() {
            w.bind_prefix(namespace)?;
        }
        Ok(())
    }

    fn write_lexical(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        if !is_ncname(&self.local) {
            return Err(EncodeError::InvalidValue {
                element: w.current_element().to_string(),
                reason: format!(
                    "the local name {:?} of a QName is not an XML name",
                    self.local.chars().take(64).collect::<String>()
                ),
            });
        }
        if let Some(namespace) = self.namespace_uri() {
            let prefix = w
                .bound_prefix(namespace)
                .ok_or_else(|| EncodeError::InvalidValue {
                    element: w.current_element().to_string(),
                    reason: String::from("a QName written before its namespace was bound"),
                })?;
            w.safe_text(&prefix);
            w.safe_text(":");
        }
        w.safe_text(&self.local);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_checks() {
        for ok in [
            "1",
            "-1.50",
            "+.5",
            "0.",
            "123456789012345678901234567890.000000001",
        ] {
            assert!(ok.parse::<Decimal>().is_ok(), "{ok}");
        }
        for bad in ["", ".", "1e5", "1.2.3", "abc"] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad}");
        }
        for ok in [
            "P1D",
            "PT0S",
            "-P10675199DT2H48M5.4775808S",
            "P1Y2M3DT4H5M6.7S",
            "PT36H",
        ] {
            assert!(ok.parse::<Duration>().is_ok(), "{ok}");
        }
        for bad in ["P", "PT", "1D", "P1S", "PT1.5M", "P1D2Y"] {
            assert!(bad.parse::<Duration>().is_err(), "{bad}");
        }
        assert_eq!(
            Duration::from_std(std::time::Duration::from_millis(90_061_500)).as_str(),
            "P1DT1H1M1.5S"
        );
        let g = Guid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        assert_eq!(g.as_str(), "01234567-89ab-cdef-0123-456789abcdef");
        assert_eq!(g.as_u128(), 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        assert!("0123456789abcdef0123456789abcdef".parse::<Guid>().is_err());
    }
}
