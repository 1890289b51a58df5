//! Order-keeping collections: dictionaries and flag sets as they appear on the wire.

use std::borrow::Borrow;

use crate::error::EncodeError;
use crate::value::SimpleValue;
use crate::xml::XmlWriter;

/// A dictionary that keeps the order (and any duplicate keys) it was received in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrderedMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for OrderedMap<K, V> {
    fn default() -> Self {
        OrderedMap {
            entries: Vec::new(),
        }
    }
}

impl<K, V> OrderedMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends an entry, keeping any earlier entry with the same key.
    pub fn push(&mut self, key: K, value: V) {
        self.entries.push((key, value));
    }

    /// Sets `key` to `value`: replaces the first entry with that key, or appends.
    pub fn insert(&mut self, key: K, value: V) -> Option<V>
    where
        K: PartialEq,
    {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => Some(std::mem::replace(v, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    /// The value of the first entry with `key`.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.entries
            .iter()
            .find(|(k, _)| k.borrow() == key)
            .map(|(_, v)| v)
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries as a slice of pairs.
    pub fn as_slice(&self) -> &[(K, V)] {
        &self.entries
    }
}

impl<K, V> FromIterator<(K, V)> for OrderedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        OrderedMap {
            entries: iter.into_iter().collect(),
        }
    }
}

impl<K, V> IntoIterator for OrderedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<K, V, const N: usize> From<[(K, V); N]> for OrderedMap<K, V> {
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

/// A set of flags from an `xs:list` of an enumeration (a WCF `[Flags]` enum), space-separated
/// on the wire. It keeps what was read (and what it was built from) as it came: in order, and
/// with any value sent twice twice, so that writing it back sends the same list. WCF writes
/// each flag once, in the enumeration's order; other peers send what their caller gave them.
/// [`FlagSet::insert`] adds a flag only when it is absent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FlagSet<T> {
    flags: Vec<T>,
}

impl<T> Default for FlagSet<T> {
    fn default() -> Self {
        FlagSet { flags: Vec::new() }
    }
}

impl<T: PartialEq> FlagSet<T> {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `flag` unless present; returns true when it was added.
    pub fn insert(&mut self, flag: T) -> bool {
        if self.flags.contains(&flag) {
            return false;
        }
        self.flags.push(flag);
        true
    }

    /// Removes `flag` (every time it occurs); returns true when it was present.
    pub fn remove(&mut self, flag: &T) -> bool {
        let before = self.flags.len();
        self.flags.retain(|f| f != flag);
        before != self.flags.len()
    }

    /// True when `flag` is set.
    pub fn contains(&self, flag: &T) -> bool {
        self.flags.contains(flag)
    }

    /// The flags in order (a flag sent twice appears twice).
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.flags.iter()
    }

    /// The number of values, duplicates included.
    pub fn len(&self) -> usize {
        self.flags.len()
    }

    /// True when no flag is set.
    pub fn is_empty(&self) -> bool {
        self.flags.is_empty()
    }
}

/// Keeps the flags as given, duplicates included (see [`FlagSet`]).
impl<T> FromIterator<T> for FlagSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        FlagSet {
            flags: iter.into_iter().collect(),
        }
    }
}

impl<T, const N: usize> From<[T; N]> for FlagSet<T> {
    fn from(flags: [T; N]) -> Self {
        flags.into_iter().collect()
    }
}

impl<T: SimpleValue> SimpleValue for FlagSet<T> {
    const XSD_TYPE: &'static str = "list";
    fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        for (i, flag) in self.flags.iter().enumerate() {
            if i > 0 {
                w.safe_text(" ");
            }
            flag.write_text(w)?;
        }
        Ok(())
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        // Every value is kept as sent: no search among those before, so reading is linear.
        text.split_ascii_whitespace().map(T::parse_text).collect()
    }
}
