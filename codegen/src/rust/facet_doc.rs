//! XML Schema facets as a sentence of a field's documentation: what a restricted simple value
//! may be (`At most 50 characters, matching `[A-Z]+`.`), which the Rust type (a `String`, a
//! `Decimal`) cannot say. The generated code does not check them, as neither zeep, JAX-WS nor
//! .NET do by default; the documentation tells the caller what the service will accept.

use super::plan::ValueFacets;
use crate::model::{Facets, QName, XSD_NS};

/// The sentence describing `value`'s facets, or `None` when they say nothing to show.
pub(super) fn facets_sentence(value: &ValueFacets) -> Option<String> {
    let facets = &value.facets;
    let mut clauses = Vec::new();
    clauses.extend(bounds(facets, &value.builtin));
    clauses.extend(digits(facets));
    clauses.extend(lengths(facets, unit(&value.builtin)));
    let patterns = patterns(facets);
    let sentence = match (clauses.is_empty(), patterns) {
        (true, None) => return None,
        (true, Some(patterns)) => format!("matches {patterns}"),
        (false, None) => clauses.join("; "),
        (false, Some(patterns)) => format!("{}, matching {patterns}", clauses.join("; ")),
    };
    Some(format!("{}.", capitalized(&sentence)))
}

/// What a length facet counts for a value of `builtin` (XML Schema part 2, 4.3.1).
fn unit(builtin: &QName) -> (&'static str, &'static str) {
    match (builtin.namespace.as_str(), builtin.local.as_str()) {
        (XSD_NS, "hexBinary" | "base64Binary") => ("byte", "bytes"),
        (XSD_NS, "NMTOKENS" | "IDREFS" | "ENTITIES") => ("item", "items"),
        _ => ("character", "characters"),
    }
}

/// The value bounds: `from 1 to 99`, `at least 0`, `less than 10`; a side the facets leave
/// open is the built-in type's own where it has one (a `positiveInteger` is at least 1), which
/// its Rust integer does not say.
fn bounds(facets: &Facets, builtin: &QName) -> Option<String> {
    let (own_low, own_high) = match (builtin.namespace.as_str(), builtin.local.as_str()) {
        (XSD_NS, "nonNegativeInteger") => (Some("0"), None),
        (XSD_NS, "positiveInteger") => (Some("1"), None),
        (XSD_NS, "nonPositiveInteger") => (None, Some("0")),
        (XSD_NS, "negativeInteger") => (None, Some("-1")),
        _ => (None, None),
    };
    let low = facets
        .min_inclusive
        .as_deref()
        .map(|v| (v, true))
        .or(facets.min_exclusive.as_deref().map(|v| (v, false)))
        .or(own_low.map(|v| (v, true)));
    let high = facets
        .max_inclusive
        .as_deref()
        .map(|v| (v, true))
        .or(facets.max_exclusive.as_deref().map(|v| (v, false)))
        .or(own_high.map(|v| (v, true)));
    Some(match (low, high) {
        (Some((low, true)), Some((high, true))) => {
            format!("from {} to {}", code(low), code(high))
        }
        (low, high) => {
            let low = low.map(|(v, inclusive)| {
                let word = if inclusive { "at least" } else { "more than" };
                format!("{word} {}", code(v))
            });
            let high = high.map(|(v, inclusive)| {
                let word = if inclusive { "at most" } else { "less than" };
                format!("{word} {}", code(v))
            });
            match (low, high) {
                (Some(low), Some(high)) => format!("{low} and {high}"),
                (Some(one), None) | (None, Some(one)) => one,
                (None, None) => return None,
            }
        }
    })
}

/// The decimal digits: `at most 10 digits, 2 after the decimal point`.
fn digits(facets: &Facets) -> Option<String> {
    match (facets.total_digits, facets.fraction_digits) {
        (Some(total), Some(0)) => Some(format!(
            "a whole number of at most {}",
            count(total, "digit", "digits")
        )),
        (None, Some(0)) => Some("a whole number".to_string()),
        (Some(total), Some(fraction)) => Some(format!(
            "at most {}, {fraction} after the decimal point",
            count(total, "digit", "digits")
        )),
        (Some(total), None) => Some(format!("at most {}", count(total, "digit", "digits"))),
        (None, Some(fraction)) => Some(format!(
            "at most {} after the decimal point",
            count(fraction, "digit", "digits")
        )),
        (None, None) => None,
    }
}

/// The length: `exactly 3 characters`, `1 to 50 characters`, `at most 16 bytes`.
fn lengths(facets: &Facets, (one, many): (&str, &str)) -> Option<String> {
    if let Some(length) = facets.length {
        return Some(format!("exactly {}", count(length, one, many)));
    }
    match (facets.min_length, facets.max_length) {
        (Some(min), Some(max)) if min == max => Some(format!("exactly {}", count(max, one, many))),
        (Some(min), Some(max)) => Some(format!("{min} to {}", count(max, one, many))),
        (Some(min), None) => Some(format!("at least {}", count(min, one, many))),
        (None, Some(max)) => Some(format!("at most {}", count(max, one, many))),
        (None, None) => None,
    }
}

/// The patterns: one restriction's are alternatives (`` `a` or `b` ``), and the value must
/// match one of each restriction's in the derivation (`` `a` and `b` ``).
fn patterns(facets: &Facets) -> Option<String> {
    let steps: Vec<String> = facets
        .patterns
        .iter()
        .filter(|alternatives| !alternatives.is_empty())
        .map(|alternatives| {
            alternatives
                .iter()
                .map(|p| match p.as_str() {
                    "" => "the empty string".to_string(),
                    p => code(p),
                })
                .collect::<Vec<_>>()
                .join(" or ")
        })
        .collect();
    (!steps.is_empty()).then(|| steps.join(" and "))
}

/// `n` with its unit, singular or plural.
fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `text` as a Markdown code span that shows it as written: fenced by more backticks than it
/// holds in a row, and padded when it starts or ends with one; control characters (a pattern
/// may hold a tab or a newline) are shown as their escapes. `text` is not empty.
fn code(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '\n' => "\\n".to_string(),
            '\r' => "\\r".to_string(),
            '\t' => "\\t".to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect();
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(builtin: &str, facets: Facets) -> Option<String> {
        facets_sentence(&ValueFacets {
            builtin: QName::new(XSD_NS, builtin),
            facets,
        })
    }

    #[test]
    fn lengths_count_what_the_type_holds() {
        let exactly = Facets {
            min_length: Some(3),
            max_length: Some(3),
            patterns: vec![vec!["[A-Z]{3}".into()]],
            ..Facets::default()
        };
        assert_eq!(
            sentence("string", exactly).as_deref(),
            Some("Exactly 3 characters, matching `[A-Z]{3}`.")
        );
        let bytes = Facets {
            max_length: Some(16),
            ..Facets::default()
        };
        assert_eq!(
            sentence("hexBinary", bytes).as_deref(),
            Some("At most 16 bytes.")
        );
        let one = Facets {
            length: Some(1),
            ..Facets::default()
        };
        assert_eq!(
            sentence("NMTOKENS", one).as_deref(),
            Some("Exactly 1 item.")
        );
        let range = Facets {
            min_length: Some(1),
            max_length: Some(50),
            ..Facets::default()
        };
        assert_eq!(
            sentence("token", range).as_deref(),
            Some("1 to 50 characters.")
        );
    }

    #[test]
    fn bounds_and_digits() {
        let money = Facets {
            min_inclusive: Some("0".into()),
            total_digits: Some(10),
            fraction_digits: Some(2),
            ..Facets::default()
        };
        assert_eq!(
            sentence("decimal", money).as_deref(),
            Some("At least `0`; at most 10 digits, 2 after the decimal point.")
        );
        let percent = Facets {
            min_inclusive: Some("0".into()),
            max_inclusive: Some("100".into()),
            ..Facets::default()
        };
        assert_eq!(
            sentence("integer", percent).as_deref(),
            Some("From `0` to `100`.")
        );
        let open = Facets {
            min_exclusive: Some("0".into()),
            max_inclusive: Some("1".into()),
            ..Facets::default()
        };
        assert_eq!(
            sentence("double", open).as_deref(),
            Some("More than `0` and at most `1`.")
        );
        let whole = Facets {
            total_digits: Some(5),
            fraction_digits: Some(0),
            ..Facets::default()
        };
        assert_eq!(
            sentence("decimal", whole).as_deref(),
            Some("A whole number of at most 5 digits.")
        );
    }

    #[test]
    fn an_integer_type_s_own_bound_is_said_where_the_facets_leave_that_side_open() {
        let digits = Facets {
            total_digits: Some(12),
            ..Facets::default()
        };
        assert_eq!(
            sentence("positiveInteger", digits).as_deref(),
            Some("At least `1`; at most 12 digits.")
        );
        let capped = Facets {
            max_inclusive: Some("9".into()),
            ..Facets::default()
        };
        assert_eq!(
            sentence("nonNegativeInteger", capped).as_deref(),
            Some("From `0` to `9`.")
        );
        let floor = Facets {
            min_inclusive: Some("-5".into()),
            ..Facets::default()
        };
        assert_eq!(
            sentence("negativeInteger", floor).as_deref(),
            Some("From `-5` to `-1`.")
        );
    }

    #[test]
    fn patterns_of_each_step_must_match() {
        let facets = Facets {
            patterns: vec![vec!["a+".into(), "b+".into()], vec![".{2}".into()]],
            ..Facets::default()
        };
        assert_eq!(
            sentence("string", facets).as_deref(),
            Some("Matches `a+` or `b+` and `.{2}`.")
        );
        let empty_or_digits = Facets {
            patterns: vec![vec![String::new(), "[0-9]+".into()]],
            ..Facets::default()
        };
        assert_eq!(
            sentence("string", empty_or_digits).as_deref(),
            Some("Matches the empty string or `[0-9]+`.")
        );
    }

    #[test]
    fn code_spans_show_backticks_and_controls_as_written() {
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a\tb"), "`a\\tb`");
    }

    #[test]
    fn no_facets_no_sentence() {
        assert_eq!(sentence("string", Facets::default()), None);
    }
}
