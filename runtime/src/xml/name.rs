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
/// more than comparing them eight bytes at a time in place.
#[inline]
pub(crate) fn same_name<T: AsRef<[u8]> + ?Sized>(a: &T, b: &T) -> bool {
    let (a, b) = (a.as_ref(), b.as_ref());
    if a.len() != b.len() {
        return false;
    }
    let mut a_chunks = a.chunks_exact(8);
    let mut b_chunks = b.chunks_exact(8);
    for (x, y) in a_chunks.by_ref().zip(b_chunks.by_ref()) {
        if x != y {
            return false;
        }
    }
    a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .all(|(x, y)| x == y)
}
