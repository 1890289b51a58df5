//! Reading `xs:QName` values: each prefix resolved in the namespace scope of the element that
//! holds the value.

use super::{Element, XmlReader};
use crate::error::DecodeError;

impl XmlReader<'_> {
    /// Reads the text of `element` as an `xs:QName`, resolving its prefix in the element's scope.
    pub fn read_qname(
        &mut self,
        element: &Element<'_>,
    ) -> Result<(Option<String>, String), DecodeError> {
        let scope = self.namespace_scope();
        let text = self.read_text(element)?;
        let text = text.trim();
        self.resolve_qname(&scope, element, text)
    }

    /// Reads the text of `element` as a list of `xs:QName`s separated by whitespace, resolving
    /// each prefix in the element's scope.
    pub fn read_qname_list(
        &mut self,
        element: &Element<'_>,
    ) -> Result<Vec<(Option<String>, String)>, DecodeError> {
        let scope = self.namespace_scope();
        let text = self.read_text(element)?;
        text.split_ascii_whitespace()
            .map(|item| self.resolve_qname(&scope, element, item))
            .collect()
    }

    /// The namespace declarations in scope, innermost last.
    fn namespace_scope(&self) -> Vec<(Option<String>, String)> {
        self.namespaces
            .iter()
            .map(|b| (b.prefix.map(str::to_string), b.uri.to_string()))
            .collect()
    }

    /// The namespace and local name of QName `text` in `scope`.
    fn resolve_qname(
        &self,
        scope: &[(Option<String>, String)],
        element: &Element<'_>,
        text: &str,
    ) -> Result<(Option<String>, String), DecodeError> {
        let (prefix, local) = match text.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, text),
        };
        let namespace = scope
            .iter()
            .rev()
            .find(|(p, _)| p.as_deref() == prefix)
            .map(|(_, uri)| uri.clone())
            .filter(|uri| !uri.is_empty());
        if prefix.is_some() && namespace.is_none() {
            return Err(self.invalid_value(element, "QName", text, "the prefix is not declared"));
        }
        Ok((namespace, local.to_string()))
    }
}
