//! The namespace declarations of an envelope's `Envelope` start tag, written once per thread
//! for each namespace table and version.
//!
//! Every envelope a generated client or server writes declares the SOAP namespace, `xsi` and
//! its whole namespace table on its root: the same text for every message of a service.
//! Writing it (escaping each URI) was a tenth of the cost of a small answer, so each thread
//! keeps the text of the last few tables it wrote and copies it.

use std::cell::RefCell;

use super::SoapVersion;
use crate::xml::XmlWriter;

/// How many tables a thread remembers (a program serving or calling several services).
const MAX_TABLES: usize = 8;

/// The longest text remembered, in bytes.
const MAX_TEXT: usize = 8 * 1024;

/// A namespace table (as the address and length of the generated `&'static` slice: equal for
/// the same table) and a SOAP version.
type Key = (usize, usize, SoapVersion);

thread_local! {
    static WRITTEN: RefCell<Vec<(Key, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
}

/// Declares the prefix `s` for `version`'s envelope namespace, `xsi` and every namespace of
/// `namespaces` on the element `w` has just opened (the writer's own table, as
/// [`XmlWriter::declare`] and [`XmlWriter::declare_namespaces`] write them).
pub(super) fn declare(
    w: &mut XmlWriter,
    version: SoapVersion,
    namespaces: &'static [&'static str],
) {
    let key = (namespaces.as_ptr() as usize, namespaces.len(), version);
    let recalled = WRITTEN.with(|written| {
        let Ok(written) = written.try_borrow() else {
            return false;
        };
        match written.iter().find(|(known, _)| *known == key) {
            Some((_, text)) => {
                w.push_declarations(text);
                true
            }
            None => false,
        }
    });
    if recalled {
        return;
    }
    let start = w.written_len();
    w.declare("s", version.namespace());
    w.declare_namespaces();
    let text = w.written_since(start);
    if text.len() <= MAX_TEXT {
        let text = text.to_vec();
        WRITTEN.with(|written| {
            if let Ok(mut written) = written.try_borrow_mut() {
                if written.len() >= MAX_TABLES {
                    written.remove(0);
                }
                written.push((key, text));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static TABLE: &[&str] = &["urn:a", "http://example.com/b?x=1&y=\"2\""];
    static OTHER: &[&str] = &["urn:c"];

    fn written(version: SoapVersion, namespaces: &'static [&'static str], recall: bool) -> Vec<u8> {
        let mut w = XmlWriter::with_capacity(namespaces, 100);
        w.start_raw("s:Envelope");
        if recall {
            declare(&mut w, version, namespaces);
        } else {
            w.declare("s", version.namespace());
            w.declare_namespaces();
        }
        w.into_bytes()
    }

    #[test]
    fn a_recalled_start_is_the_one_written() {
        for _ in 0..3 {
            for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
                for table in [TABLE, OTHER] {
                    assert_eq!(
                        written(version, table, true),
                        written(version, table, false)
                    );
                }
            }
        }
        let text = String::from_utf8(written(SoapVersion::Soap11, TABLE, true)).unwrap_or_default();
        assert!(
            text.contains(" xmlns:n1=\"http://example.com/b?x=1&amp;y=&quot;2&quot;\""),
            "{text}"
        );
    }
}
