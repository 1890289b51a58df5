//! `xs:list` values: items separated by whitespace on the wire, kept in the order sent,
//! duplicates included (JAXB's `List<T>`).

use std::ops::{Deref, DerefMut};

use crate::error::EncodeError;
use crate::types::QName;
use crate::value::{LexicalError, LexicalValue, NamespaceScope, SimpleValue};
use crate::xml::XmlWriter;

/// The value of an `xs:list` type whose items are not an enumeration (those are
/// [`FlagSet`](crate::FlagSet)s): the items in order, duplicates kept, written separated by
/// single spaces. An item's text must not be empty or hold whitespace (the list could not be
/// read back): writing one is an [`EncodeError`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SimpleList<T> {
    items: Vec<T>,
}

impl<T> Default for SimpleList<T> {
    fn default() -> Self {
        SimpleList { items: Vec::new() }
    }
}

impl<T> SimpleList<T> {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `item`.
    pub fn push(&mut self, item: T) {
        self.items.push(item);
    }

    /// The items as a `Vec`.
    pub fn into_vec(self) -> Vec<T> {
        self.items
    }
}

impl<T> Deref for SimpleList<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.items
    }
}

impl<T> DerefMut for SimpleList<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.items
    }
}

impl<T> From<Vec<T>> for SimpleList<T> {
    fn from(items: Vec<T>) -> Self {
        SimpleList { items }
    }
}

impl<T> From<SimpleList<T>> for Vec<T> {
    fn from(list: SimpleList<T>) -> Self {
        list.items
    }
}

impl<T, const N: usize> From<[T; N]> for SimpleList<T> {
    fn from(items: [T; N]) -> Self {
        SimpleList {
            items: items.into(),
        }
    }
}

impl<T> FromIterator<T> for SimpleList<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        SimpleList {
            items: iter.into_iter().collect(),
        }
    }
}

impl<T> IntoIterator for SimpleList<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a SimpleList<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// Writes `items` separated by single spaces, each through `write`; fails when an item's
/// text is empty or holds whitespace (it would not read back as one item).
pub(crate) fn write_items<T>(
    items: &[T],
    w: &mut XmlWriter,
    mut write: impl FnMut(&T, &mut XmlWriter) -> Result<(), EncodeError>,
) -> Result<(), EncodeError> {
    // Closes an open start tag first, so that what an item writes is its text alone.
    w.safe_text("");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            w.safe_text(" ");
        }
        let start = w.as_bytes().len();
        write(item, w)?;
        let text = &w.as_bytes()[start..];
        let splits = text.is_empty()
            || text
                .iter()
                .any(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            || [&b"&#x9;"[..], b"&#xA;", b"&#xD;"]
                .iter()
                .any(|escaped| text.windows(escaped.len()).any(|t| t == *escaped));
        if splits {
            return Err(EncodeError::InvalidValue {
                element: w.current_element().to_string(),
                reason: format!(
                    "item {} of a list is empty or holds whitespace, which separates list items",
                    i + 1
                ),
            });
        }
    }
    Ok(())
}

impl<T: SimpleValue> SimpleValue for SimpleList<T> {
    const XSD_TYPE: &'static str = "list";
    fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        write_items(&self.items, w, |item, w| item.write_text(w))
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        text.split_ascii_whitespace()
            .enumerate()
            .map(|(i, item)| {
                T::parse_text(item).map_err(|reason| format!("item {}: {reason}", i + 1))
            })
            .collect()
    }
}

/// A list of `xs:QName`s: each item's prefix is resolved where the list stands, and written
/// with a prefix bound on the start tag holding the list (one per namespace).
impl LexicalValue for SimpleList<QName> {
    const XSD_TYPE: &'static str = "list";

    fn parse_lexical(text: &str, scope: &dyn NamespaceScope) -> Result<Self, LexicalError> {
        text.split_ascii_whitespace()
            .enumerate()
            .map(|(i, item)| {
                QName::parse_lexical(item, scope).map_err(|error| match error {
                    LexicalError::Invalid(reason) => {
                        LexicalError::Invalid(format!("item {}: {reason}", i + 1))
                    }
                    undeclared => undeclared,
                })
            })
            .collect()
    }

    fn bind_namespaces(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        self.items
            .iter()
            .try_for_each(|name| name.bind_namespaces(w))
    }

    fn write_lexical(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        write_items(&self.items, w, |name, w| name.write_lexical(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_keep_order_and_duplicates() {
        let list = SimpleList::<i32>::parse_text(" 3\t1 3\n\n2 ").expect("parses");
        assert_eq!(list.as_slice(), &[3, 1, 3, 2]);
        assert!(SimpleList::<i32>::parse_text("").expect("empty").is_empty());
        let error = SimpleList::<i32>::parse_text("1 x").expect_err("not an int");
        assert!(error.starts_with("item 2:"), "{error}");
    }

    #[test]
    fn items_are_written_space_separated() {
        let mut w = XmlWriter::new(&[]);
        let list: SimpleList<i32> = [3, 1, 3].into();
        list.write_text(&mut w).expect("writes");
        assert!(w.as_bytes().ends_with(b"3 1 3"));
    }

    #[test]
    fn an_item_with_whitespace_is_refused() {
        for bad in ["a b", "", "a\tb", "a\nb"] {
            let mut w = XmlWriter::new(&[]);
            let list: SimpleList<String> = ["ok".to_string(), bad.to_string()].into();
            let error = list.write_text(&mut w).expect_err(bad);
            assert!(error.to_string().contains("item 2"), "{error}");
        }
    }
}
