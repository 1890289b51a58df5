//! zeep, loaded from the reference WSDL, against what our client and server put on the wire,
//! for all 41 operations in three fixed variants (every field set; a deterministic third left
//! out with arrays of 0 to 2 items; nothing set) and four values per operation drawn by the
//! proptest strategies. Every case went through the generated client and server in memory
//! (`common::cases`), which decoded each other's messages to the values sent.
//!
//! - requests: the envelope our client writes is XML-equivalent to the one zeep creates for the
//!   same arguments (canonical trees: namespaces, local names, attributes, text, order); a
//!   fully populated request leaves out no element of any type it reaches (checked against the
//!   WSDL);
//! - responses: what the generated server writes is decoded by zeep to the same values, and
//!   is XML-equivalent to zeep's rendering of those values;
//! - enumerations: the generated enums list exactly the values the schema lists;
//! - the comparisons notice a changed text, a dropped nil, another namespace, a swapped or a
//!   dropped element, an extra one.
//!
//! Absent, nil and empty follow one rule on both sides (README, "Type mapping and wire
//! rules"): `None` leaves an optional element out (zeep: `None`), a `None` dictionary value is
//! written `xsi:nil="true"` (zeep: `xsd.Nil`), `Some("")` is an empty element (zeep: `""`),
//! `Some(vec![])` an empty array element (zeep: `{"item": []}`).

mod common;

use std::collections::BTreeMap;

use common::model::EnumModel;
use common::{cases, strings, Oracle, Variant};
use serde_json::{json, Value};
use services82_email::*;

#[test]
fn requests_equal_zeeps() {
    compare_requests("requests_equal_zeeps", &Variant::FIXED);
}

/// Values drawn by the proptest strategies: any text, unknown enumeration values, NaN and
/// infinities, empty and absent anything; four per operation.
#[test]
fn random_requests_equal_zeeps() {
    compare_requests("random_requests_equal_zeeps", &[Variant::Random; 4]);
}

#[test]
fn responses_decode_in_zeep() {
    decode_responses("responses_decode_in_zeep", &Variant::FIXED);
}

#[test]
fn random_responses_decode_in_zeep() {
    decode_responses("random_responses_decode_in_zeep", &[Variant::Random; 4]);
}

/// Every request of `variants` for all 41 operations: our envelope and zeep's for the same
/// arguments are XML-equivalent; a fully populated one leaves out no element of any type.
fn compare_requests(test: &str, variants: &[Variant]) {
    let Some(mut oracle) = Oracle::start(test) else {
        return;
    };
    let mut tally = Tally::default();
    for case in cases(variants) {
        let answer = oracle.call(json!({
            "cmd": "request",
            "op": case.operation.name,
            "headers": case.request_headers,
            "body": case.request_body,
            "xml": case.request_envelope,
            "complete": case.variant == Variant::Full,
        }));
        // Fully populated: no element of any type the request reaches was left out.
        let missing = strings(&answer["missing"]);
        tally.record(
            &case.label(),
            case.variant,
            &case.request_envelope,
            &answer,
            missing,
        );
    }
    tally.finish(
        &format!("{test}: requests compared with zeep; accepted lexical differences"),
        "requests differ from zeep's",
        41 * variants.len(),
    );
}

/// Every response of `variants` for all 41 operations, as the generated server wrote it:
/// zeep decodes it to the values we encoded, and it is XML-equivalent to zeep's rendering of
/// the same values.
fn decode_responses(test: &str, variants: &[Variant]) {
    let Some(mut oracle) = Oracle::start(test) else {
        return;
    };
    let mut tally = Tally::default();
    for case in cases(variants) {
        let answer = oracle.call(json!({
            "cmd": "decode_response",
            "op": case.operation.name,
            "xml": case.response_envelope,
            "expected": {"header": case.response_headers, "body": case.response_body},
            "complete": case.variant == Variant::Full,
        }));
        // Fully populated, but for the recursion, cut where `SoExceptionInfo` nests a third time.
        let missing: Vec<String> = strings(&answer["missing"])
            .into_iter()
            .filter(|m| !m.ends_with("InnerException/InnerException/InnerException"))
            .collect();
        tally.record(
            &case.label(),
            case.variant,
            &case.response_envelope,
            &answer,
            missing,
        );
    }
    tally.finish(
        &format!("{test}: responses decoded by zeep; zeep's accepted lossy readings"),
        "responses decode differently in zeep",
        41 * variants.len(),
    );
}

/// What zeep answered for each case: the failures, and the accepted differences it noted,
/// counted by kind.
#[derive(Default)]
struct Tally {
    compared: usize,
    failures: Vec<String>,
    notes: BTreeMap<String, usize>,
}

impl Tally {
    /// Records zeep's `answer` for the case `label` (our envelope `ours`): its differences,
    /// the elements `missing` from a fully populated case, and its notes.
    fn record(
        &mut self,
        label: &str,
        variant: Variant,
        ours: &str,
        answer: &Value,
        missing: Vec<String>,
    ) {
        self.compared += 1;
        let diffs = strings(&answer["diffs"]);
        if !diffs.is_empty() {
            let first = self.failures.is_empty();
            self.failures
                .push(failure(label, &diffs, ours, answer, first));
        }
        if variant == Variant::Full && !missing.is_empty() {
            self.failures.push(format!(
                "{label}: not fully populated, left out: {}",
                missing.join(", ")
            ));
        }
        for note in strings(&answer["notes"]) {
            *self.notes.entry(note_kind(&note)).or_default() += 1;
        }
    }

    /// Reports the notes under `summary`, and fails unless `expected` cases were compared
    /// without a failure (`failing` says what failed).
    fn finish(self, summary: &str, failing: &str, expected: usize) {
        let Tally {
            compared,
            failures,
            notes,
        } = self;
        eprintln!("{summary} ({compared} cases): {notes:?}");
        assert_eq!(compared, expected);
        assert!(
            failures.is_empty(),
            "{} of {compared} {failing}:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

/// A failure's text: the differences (at most 20), and both envelopes for the first failure.
fn failure(label: &str, diffs: &[String], ours: &str, answer: &Value, first: bool) -> String {
    let mut text = format!(
        "{label}:\n    {}",
        diffs
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n    ")
    );
    if diffs.len() > 20 {
        text.push_str(&format!("\n    ... and {} more", diffs.len() - 20));
    }
    if first {
        text.push_str(&format!(
            "\n  ours: {ours}\n  zeep: {}",
            answer["zeep_xml"].as_str().unwrap_or_default()
        ));
    }
    text
}

/// The part of an oracle note after the path, to count notes by kind.
fn note_kind(note: &str) -> String {
    note.split_once(": ")
        .map_or(note, |(_, kind)| kind)
        .split(['\'', '"'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn texts<E: EnumModel>() -> Vec<String> {
    let mut values: Vec<String> = E::known().iter().map(|e| e.text().to_string()).collect();
    values.sort();
    values
}

#[test]
fn enumerations_list_the_schemas_values() {
    let Some(mut oracle) = Oracle::start("enumerations_list_the_schemas_values") else {
        return;
    };
    let answer = oracle.call(json!({"cmd": "enumerations"}));
    let schema: BTreeMap<String, Vec<String>> = answer["types"]
        .as_object()
        .expect("types")
        .iter()
        .map(|(name, values)| {
            let mut values = strings(values);
            values.sort();
            (name.clone(), values)
        })
        .collect();
    let ours: BTreeMap<String, Vec<String>> = [
        ("ActivityStatus", texts::<ActivityStatus>()),
        ("AppointmentType", texts::<AppointmentType>()),
        ("DocTmplDirection", texts::<DocTmplDirection>()),
        ("DocTmplQuoteType", texts::<DocTmplQuoteType>()),
        ("DocTmplType", texts::<DocTmplType>()),
        ("DocumentLockSemantics", texts::<DocumentLockSemantics>()),
        ("EFieldRight", texts::<EFieldRightFlag>()),
        ("EMailFlags", texts::<EMailFlag>()),
        ("EMailPriority", texts::<EMailPriority>()),
        ("ETableRight", texts::<ETableRightFlag>()),
        ("SaleStatus", texts::<SaleStatus>()),
        ("UserType", texts::<UserType>()),
        ("Visibility", texts::<Visibility>()),
    ]
    .into_iter()
    .map(|(name, values)| (name.to_string(), values))
    .collect();
    assert_eq!(ours, schema);
}

#[test]
fn the_comparisons_detect_differences() {
    let Some(mut oracle) = Oracle::start("the_comparisons_detect_differences") else {
        return;
    };
    let case = cases(&Variant::FIXED)
        .into_iter()
        .find(|c| c.operation.name == "SaveEMail" && c.variant == Variant::Full)
        .expect("the case");
    let request = |oracle: &mut Oracle, xml: &str| {
        let answer = oracle.call(json!({
            "cmd": "request",
            "op": case.operation.name,
            "headers": case.request_headers,
            "body": case.request_body,
            "xml": xml,
        }));
        strings(&answer["diffs"])
    };
    assert_eq!(
        request(&mut oracle, &case.request_envelope),
        Vec::<String>::new()
    );
    let xml = &case.request_envelope;
    // A changed text, a dropped nil, an element in another namespace, two elements swapped,
    // a dropped element, an empty element instead of a left-out one.
    let mutations: Vec<String> = vec![
        xml.replacen("<n0:Size>", "<n0:Size>1", 1),
        xml.replacen(" xsi:nil=\"true\"", "", 1),
        xml.replacen("<n0:Subject>", "<n1:Subject>", 1).replacen(
            "</n0:Subject>",
            "</n1:Subject>",
            1,
        ),
        swap(
            xml,
            "<n0:Size>",
            "</n0:Size>",
            "<n0:Priority>",
            "</n0:Priority>",
        ),
        cut(xml, "<n0:IsSent>", "</n0:IsSent>"),
        xml.replacen("</n0:Email>", "<n0:Bogus/></n0:Email>", 1),
    ];
    for (i, mutated) in mutations.iter().enumerate() {
        assert_ne!(mutated, xml, "mutation {i} changed nothing");
        assert!(
            !request(&mut oracle, mutated).is_empty(),
            "mutation {i} went unnoticed: {mutated}"
        );
    }
    // A response whose value differs from the expected one.
    let response = |oracle: &mut Oracle, xml: &str| {
        let answer = oracle.call(json!({
            "cmd": "decode_response",
            "op": case.operation.name,
            "xml": xml,
            "expected": {"header": case.response_headers, "body": case.response_body},
        }));
        strings(&answer["diffs"])
    };
    let xml = &case.response_envelope;
    assert_eq!(response(&mut oracle, xml), Vec::<String>::new());
    for mutated in [
        xml.replacen("<n0:Size>", "<n0:Size>1", 1),
        cut(xml, "<n0:Succeeded>", "</n0:Succeeded>"),
        xml.replacen("<n0:Stream>", "<n0:Stream>AAAA", 1),
    ] {
        assert_ne!(&mutated, xml);
        assert!(
            !response(&mut oracle, &mutated).is_empty(),
            "went unnoticed: {mutated}"
        );
    }
}

/// `xml` without its first element from `start` to `end`.
fn cut(xml: &str, start: &str, end: &str) -> String {
    let from = xml.find(start).expect("start tag");
    let to = from + xml[from..].find(end).expect("end tag") + end.len();
    format!("{}{}", &xml[..from], &xml[to..])
}

/// `xml` with its first `a` element and the `b` element that follows swapped.
fn swap(xml: &str, a_start: &str, a_end: &str, b_start: &str, b_end: &str) -> String {
    let a_from = xml.find(a_start).expect("a");
    let a_to = a_from + xml[a_from..].find(a_end).expect("a end") + a_end.len();
    let b_from = a_to + xml[a_to..].find(b_start).expect("b");
    let b_to = b_from + xml[b_from..].find(b_end).expect("b end") + b_end.len();
    assert_eq!(a_to, b_from, "the elements are neighbours");
    format!(
        "{}{}{}{}",
        &xml[..a_from],
        &xml[b_from..b_to],
        &xml[a_from..a_to],
        &xml[b_to..]
    )
}
