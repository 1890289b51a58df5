//! The root start tag's namespace declarations, remembered once checked.
//!
//! A SOAP peer sends every message with the same `Envelope` start tag, declaring the same
//! namespaces (four in a generated client's requests). Checking them (the attribute grammar,
//! each value, Namespaces 1.0's rules on prefixes and URIs, no prefix declared twice) is the
//! largest single cost of reading a small request. What the check finds depends on the
//! attributes' text alone when no other binding is in scope, as at the root: so each thread
//! remembers the last root whose attributes were all plain namespace declarations and were
//! found well-formed, as text and the places of its prefixes and URIs. A root whose attributes
//! are the same bytes gets the same bindings without the check; any other root is checked in
//! full. Only short tags are remembered, so a hostile one costs no memory.

use std::cell::RefCell;
use std::ops::Range;

/// The longest attribute text remembered, in bytes.
const MAX_REMEMBERED: usize = 1024;

/// The root tag last remembered: its attributes' text, and each declaration's prefix (`None`
/// for the default namespace) and URI, as ranges of that text.
#[derive(Default)]
struct Remembered {
    attributes: String,
    declarations: Vec<(Option<Range<usize>>, Range<usize>)>,
}

thread_local! {
    static LAST_ROOT: RefCell<Remembered> = RefCell::new(Remembered::default());
}

/// When `attributes` (a root start tag's, as written) are the text of the root remembered on
/// this thread, calls `declare` with each of its declarations (prefix, URI), as slices of
/// `attributes`, in document order, and returns true; returns false otherwise, calling
/// nothing.
pub(super) fn recall<'a>(
    attributes: &'a str,
    mut declare: impl FnMut(Option<&'a str>, &'a str),
) -> bool {
    LAST_ROOT.with(|last| {
        let Ok(last) = last.try_borrow() else {
            return false;
        };
        if last.attributes != attributes {
            return false;
        }
        for (prefix, uri) in &last.declarations {
            // The ranges were taken from the same text: they lie inside it.
            let prefix = prefix.clone().and_then(|range| attributes.get(range));
            declare(prefix, attributes.get(uri.clone()).unwrap_or_default());
        }
        true
    })
}

/// Calls `read` with the attributes' text of the root remembered on this thread, if any, and
/// returns what it returns.
pub(super) fn with_remembered<R>(read: impl FnOnce(&str) -> R) -> Option<R> {
    LAST_ROOT.with(|last| {
        let last = last.try_borrow().ok()?;
        (!last.attributes.is_empty()).then(|| read(&last.attributes))
    })
}

/// Remembers `attributes` (a root start tag's, as written, found well-formed) with its
/// `declarations`: (prefix, URI) pairs, each a slice of `attributes` and read as written.
/// Tags longer than [`MAX_REMEMBERED`], and declarations that are not slices of
/// `attributes`, are not remembered.
pub(super) fn remember<'a>(
    attributes: &str,
    declarations: impl IntoIterator<Item = (Option<&'a str>, &'a str)>,
) {
    if attributes.len() > MAX_REMEMBERED {
        return;
    }
    let place = |slice: &str| {
        let start = (slice.as_ptr() as usize).checked_sub(attributes.as_ptr() as usize)?;
        let end = start.checked_add(slice.len())?;
        (end <= attributes.len()).then_some(start..end)
    };
    let mut places = Vec::new();
    for (prefix, uri) in declarations {
        let prefix = match prefix {
            Some(prefix) => match place(prefix) {
                Some(range) => Some(range),
                None => return,
            },
            None => None,
        };
        let Some(uri) = place(uri) else {
            return;
        };
        places.push((prefix, uri));
    }
    LAST_ROOT.with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            last.attributes.clear();
            last.attributes.push_str(attributes);
            last.declarations = places;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recalls_the_same_text_only() {
        let attributes = String::from(" xmlns:s=\"urn:s\" xmlns=\"urn:d\"");
        let s = &attributes[10..15];
        let d = &attributes[24..29];
        assert_eq!((s, d), ("urn:s", "urn:d"));
        remember(&attributes, [(Some(&attributes[7..8]), s), (None, d)]);
        // Another copy of the same text: the slices are of the copy.
        let again = attributes.clone();
        let mut recalled = Vec::new();
        assert!(recall(&again, |prefix, uri| recalled.push((prefix, uri))));
        assert_eq!(recalled, [(Some("s"), "urn:s"), (None, "urn:d")]);
        assert!(recalled[0].1.as_ptr() == again[10..].as_ptr());
        let other = String::from(" xmlns:s=\"urn:t\" xmlns=\"urn:d\"");
        assert!(!recall(&other, |_, _| panic!("nothing recalled")));
    }

    #[test]
    fn remembers_nothing_it_cannot_place() {
        let attributes = String::from(" xmlns:a=\"urn:a\"");
        remember(&attributes, [(Some("a"), "urn:a")]);
        assert!(!recall(&attributes, |_, _| {}));
    }
}
