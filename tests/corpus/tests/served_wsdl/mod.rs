//! A peer's WSDL as it serves it, compared with the copy checked in (`oracle_spyne.rs`,
//! `oracle_nusoap.rs`): the corpus generates a module from the copy, so a test makes sure the
//! running peer still serves it, the service's address aside.

use std::path::Path;

use serde_json::{json, Value};

/// Checks that the WSDL `served` equals the one checked in at `checked_in` as trees of
/// elements (prefixes, whitespace between elements, attribute order and the SOAP address's
/// `location` aside); `refresh` says how to take the served one in after a change.
///
/// # Panics
///
/// When either is not XML, the checked-in file cannot be read, or they differ (saying where
/// first).
pub fn assert_same(served: &str, checked_in: &Path, refresh: &str) {
    let text = std::fs::read_to_string(checked_in)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", checked_in.display()));
    let difference = first_difference(
        &wsdl_tree(served, "the served WSDL"),
        &wsdl_tree(&text, "the checked-in WSDL"),
        "",
    );
    assert!(
        difference.is_none(),
        "the peer serves another WSDL than {} ({refresh}, then look at the difference): {}",
        checked_in.display(),
        difference.unwrap_or_default()
    );
}

/// An element of a WSDL as a comparable tree: its expanded name, its attributes (sorted; a
/// SOAP address's `location` left out), its text (trimmed), its children.
fn tree(node: roxmltree::Node<'_, '_>) -> Value {
    let mut attributes: Vec<(String, String)> = node
        .attributes()
        .filter(|a| !(node.tag_name().name() == "address" && a.name() == "location"))
        .map(|a| {
            let name = format!("{{{}}}{}", a.namespace().unwrap_or(""), a.name());
            (name, a.value().to_owned())
        })
        .collect();
    attributes.sort();
    let text: String = node
        .children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect();
    json!({
        "name": format!("{{{}}}{}", node.tag_name().namespace().unwrap_or(""), node.tag_name().name()),
        "attributes": attributes,
        "text": text.trim(),
        "children": node.children().filter(|c| c.is_element()).map(tree).collect::<Vec<_>>(),
    })
}

/// Where the [`tree`]s `served` and `checked_in` first differ (`path` the elements above), or
/// `None` when they are equal.
fn first_difference(served: &Value, checked_in: &Value, path: &str) -> Option<String> {
    let path = format!("{path}/{}", served["name"].as_str().unwrap_or_default());
    for key in ["name", "attributes", "text"] {
        if served[key] != checked_in[key] {
            return Some(format!(
                "at {path}, the {key} served is {} and checked in {}",
                served[key], checked_in[key]
            ));
        }
    }
    let (Some(served), Some(checked_in)) = (
        served["children"].as_array(),
        checked_in["children"].as_array(),
    ) else {
        return Some(format!("at {path}, no children"));
    };
    served
        .iter()
        .zip(checked_in)
        .find_map(|(served, checked_in)| first_difference(served, checked_in, &path))
        .or_else(|| {
            (served.len() != checked_in.len()).then(|| {
                format!(
                    "at {path}, {} children served and {} checked in",
                    served.len(),
                    checked_in.len()
                )
            })
        })
}

/// The WSDL `text` as a comparable [`tree`].
fn wsdl_tree(text: &str, what: &str) -> Value {
    let document =
        roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{what} is not XML: {e}"));
    tree(document.root_element())
}
