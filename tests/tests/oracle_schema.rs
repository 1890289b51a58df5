//! Every body and header element our code writes validates against the schemas embedded in the
//! reference WSDL (xmlschema): the requests our client writes and the responses the generated
//! server writes, for all 41 operations in three variants (every field set; a third left out;
//! nothing set), with the request and response headers.

mod common;

use common::{cases, strings, Oracle, Variant};
use serde_json::json;

#[test]
fn every_body_and_header_is_schema_valid() {
    let Some(mut oracle) = Oracle::start("every_body_and_header_is_schema_valid") else {
        return;
    };
    let mut failures = Vec::new();
    let mut envelopes = 0;
    let mut elements = 0;
    for case in cases(&Variant::FIXED) {
        for (direction, xml) in [
            ("request", &case.request_envelope),
            ("response", &case.response_envelope),
        ] {
            let answer = oracle.call(json!({"cmd": "validate", "xml": xml}));
            envelopes += 1;
            let checked = strings(&answer["checked"]);
            elements += checked.len();
            let expected_body = match direction {
                "request" => case.operation.request.local,
                _ => case.operation.response.local,
            };
            if !checked.iter().any(|c| c == expected_body) {
                failures.push(format!(
                    "{} {direction}: the body element was not validated ({checked:?})",
                    case.label()
                ));
            }
            let errors = strings(&answer["errors"]);
            if !errors.is_empty() {
                failures.push(format!(
                    "{} {direction}: {}\n  {xml}",
                    case.label(),
                    errors.join("\n    ")
                ));
            }
        }
    }
    eprintln!("schema-validated: {envelopes} envelopes, {elements} body and header elements");
    assert_eq!(envelopes, 41 * 3 * 2);
    assert!(
        failures.is_empty(),
        "{} envelopes are not schema-valid:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_validator_refuses_invalid_bodies() {
    let Some(mut oracle) = Oracle::start("the_validator_refuses_invalid_bodies") else {
        return;
    };
    let case = cases(&Variant::FIXED)
        .into_iter()
        .find(|c| c.operation.name == "GetEMailFromId" && c.variant == Variant::Full)
        .expect("the case");
    let valid = &case.request_envelope;
    let answer = oracle.call(json!({"cmd": "validate", "xml": valid}));
    assert_eq!(strings(&answer["errors"]), Vec::<String>::new());
    // An unknown enumeration value, a misplaced element, text in an int: each is refused.
    let mutations = [
        ("<n0:Flags>", "<n0:Flags>Someday "),
        (
            "<n0:MessageServerId>",
            "<n0:Bogus>1</n0:Bogus><n0:MessageServerId>",
        ),
        ("<n0:MessageServerId>", "<n0:MessageServerId>x"),
    ];
    for (from, to) in mutations {
        assert!(valid.contains(from), "{from} in {valid}");
        let invalid = valid.replacen(from, to, 1);
        let answer = oracle.call(json!({"cmd": "validate", "xml": invalid}));
        assert!(
            !strings(&answer["errors"]).is_empty(),
            "the schema accepted {to:?}"
        );
    }
}
