//! The namespace scope of a value that names namespaces by prefix (`xs:QName`): the reader's
//! declarations where it stands, live for an attribute, kept for an element's text (its end tag
//! takes the element's own declarations out of scope).

use std::borrow::Cow;

use super::XmlReader;
use crate::value::NamespaceScope;
use crate::xml::any::XML_NS;

/// The reader's declarations where it is: an attribute's value is read while its element's
/// start tag is the current one, its declarations in scope.
impl NamespaceScope for XmlReader<'_> {
    fn namespace(&self, prefix: Option<&str>) -> Option<&str> {
        self.resolve(prefix)
    }
}

/// The namespace declarations in scope at one point of a document, kept past it.
#[derive(Debug)]
pub(crate) struct NamespaceSnapshot<'a> {
    /// Prefix (`None`: the default namespace) and namespace, innermost last.
    bindings: Vec<(Option<&'a str>, Cow<'a, str>)>,
}

impl<'a> XmlReader<'a> {
    /// The declarations in scope where the reader is, kept for reading a value after the
    /// element holding it is closed.
    pub(crate) fn namespace_snapshot(&self) -> NamespaceSnapshot<'a> {
        NamespaceSnapshot {
            bindings: self
                .namespaces
                .iter()
                .map(|b| (b.prefix, b.uri.clone()))
                .collect(),
        }
    }
}

impl NamespaceScope for NamespaceSnapshot<'_> {
    fn namespace(&self, prefix: Option<&str>) -> Option<&str> {
        if prefix == Some("xml") {
            return Some(XML_NS);
        }
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| *p == prefix)
            .map(|(_, uri)| uri.as_ref())
            .filter(|uri| !uri.is_empty())
    }
}
