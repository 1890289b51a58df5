//! Element names as generated code declares them: a namespace slot and a local name.

/// The XML Schema instance namespace (`xsi:nil`, `xsi:type`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A namespace, as an index into the namespace table a generated module declares.
///
/// The writer declares every table entry once, on the root element, with the prefix `n{index}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ns(pub u8);

impl Ns {
    /// No namespace: an unqualified element.
    pub const NONE: Ns = Ns(u8::MAX);
}

/// An element's qualified name: namespace slot and local name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Name {
    /// The namespace slot.
    pub ns: Ns,
    /// The local name.
    pub local: &'static str,
}

impl Name {
    /// The name `local` in namespace slot `ns`.
    pub const fn new(ns: Ns, local: &'static str) -> Self {
        Name { ns, local }
    }
}

/// Compares element names. Names are short, and a call to `memcmp` for each element costs
/// more than comparing them in place: eight bytes at a time as words, then the last (up to
/// seven) bytes one by one (comparing eight-byte slices called `bcmp` for each).
#[inline]
pub(crate) fn same_name<T: AsRef<[u8]> + ?Sized>(a: &T, b: &T) -> bool {
    let (a, b) = (a.as_ref(), b.as_ref());
    if a.len() != b.len() {
        return false;
    }
    let mut a_words = a.chunks_exact(8);
    let mut b_words = b.chunks_exact(8);
    for (x, y) in a_words.by_ref().zip(b_words.by_ref()) {
        if word(x) != word(y) {
            return false;
        }
    }
    a_words
        .remainder()
        .iter()
        .zip(b_words.remainder())
        .all(|(x, y)| x == y)
}

/// Eight bytes as a word (`bytes` holds exactly eight).
#[inline(always)]
fn word(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(bytes);
    u64::from_ne_bytes(word)
}

#[cfg(test)]
mod tests {
    use super::same_name;

    #[test]
    fn compares_names_of_every_length() {
        let names = [
            "",
            "a",
            "ab",
            "Ticket",
            "n0:Folder",
            "n0:ConnectionInfo",
            "abcdefgh",
            "abcdefghi",
        ];
        for a in names {
            for b in names {
                assert_eq!(same_name(a, b), a == b, "{a} {b}");
            }
        }
        assert!(!same_name("n0:ConnectionInfo", "n0:ConnectionInfx"));
        assert!(!same_name("abcdefgh", "abcdefgi"));
        assert!(!same_name("abcdefghij", "abcdefghik"));
    }
}
