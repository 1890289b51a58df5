//! Namespace declarations and attributes of a start tag, checked by XML 1.0 and Namespaces
//! 1.0 as the reader enters an element that carries attributes.

use super::{Binding, XmlReader, MAX_NAMESPACES_IN_SCOPE, XML_NS};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::xml::attributes::Attributes;

impl<'a> XmlReader<'a> {
    /// Checks the attributes `raw_attributes` of the start tag at `offset` (entered already)
    /// one by one, pushing the namespace bindings they declare; returns the names of the
    /// others, for [`XmlReader::check_declared`].
    pub(super) fn declare(
        &mut self,
        raw_attributes: &'a str,
        offset: u64,
    ) -> Result<Vec<&'a str>, DecodeError> {
        let malformed = |reader: &Self, message: String| {
            reader.error_at(offset, DecodeErrorKind::Malformed(message))
        };
        let mut attributes: Vec<&'a str> = Vec::new();
        for attribute in Attributes::new(raw_attributes) {
            let attribute = attribute.map_err(|message| malformed(self, message))?;
            let name = attribute.name;
            let prefix = if name == "xmlns" {
                None
            } else if let Some(prefix) = name.strip_prefix("xmlns:") {
                Some(prefix)
            } else {
                attributes.push(name);
                continue;
            };
            let uri = attribute.normalized_value();
            check_binding(prefix, &uri).map_err(|message| malformed(self, message))?;
            if self.namespaces.len() >= MAX_NAMESPACES_IN_SCOPE {
                return Err(self.error_at(
                    offset,
                    DecodeErrorKind::LimitExceeded {
                        limit: "namespace declarations in scope",
                        max: MAX_NAMESPACES_IN_SCOPE,
                    },
                ));
            }
            self.namespaces.push(Binding {
                depth: self.depth,
                prefix,
                uri,
            });
            self.namespace_generation += 1;
        }
        Ok(attributes)
    }

    /// Checks, for the start tag at `offset`, that the prefixes of `attributes` are bound and
    /// name no attribute twice, and that the bindings pushed from `declared_from` on declare
    /// no prefix twice.
    pub(super) fn check_declared(
        &self,
        attributes: &[&'a str],
        declared_from: usize,
        offset: u64,
    ) -> Result<(), DecodeError> {
        let malformed = |reader: &Self, message: String| {
            reader.error_at(offset, DecodeErrorKind::Malformed(message))
        };
        self.check_unique(attributes)
            .map_err(|message| malformed(self, message))?;
        // At most MAX_NAMESPACES_IN_SCOPE declarations, so comparing each with those before it
        // stays small.
        let declared = &self.namespaces[declared_from..];
        if let Some(twice) = declared.iter().enumerate().find(|(i, b)| {
            declared[..*i]
                .iter()
                .any(|earlier| earlier.prefix == b.prefix)
        }) {
            let prefix = twice.1.prefix.unwrap_or_default();
            return Err(malformed(
                self,
                format!("namespace prefix `{prefix}` is declared twice"),
            ));
        }
        Ok(())
    }

    /// Checks that the prefixes of `attributes` (names as written) are bound and that no two
    /// attributes share a namespace and local name.
    fn check_unique(&self, attributes: &[&'a str]) -> Result<(), String> {
        let mut expanded: Vec<(&str, &str)> = Vec::with_capacity(attributes.len());
        for name in attributes {
            expanded.push(match name.split_once(':') {
                Some((prefix, local)) => {
                    let namespace = self.resolve(Some(prefix)).ok_or_else(|| {
                        format!("the prefix `{prefix}` of attribute `{name}` is not declared")
                    })?;
                    (namespace, local)
                }
                None => ("", name),
            });
        }
        expanded.sort_unstable();
        if let Some(pair) = expanded.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(format!(
                "attribute `{}` occurs twice (by namespace and local name)",
                pair[0].1
            ));
        }
        Ok(())
    }
}

/// The namespace of namespace declarations, which nothing is bound to.
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// Checks a namespace declaration by Namespaces 1.0: `prefix` (`None` for the default
/// namespace) bound to `uri`.
fn check_binding(prefix: Option<&str>, uri: &str) -> Result<(), String> {
    match prefix {
        Some("xmlns") => Err(String::from("the prefix `xmlns` cannot be declared")),
        Some("xml") if uri != XML_NS => Err(String::from(
            "the prefix `xml` is bound to the XML namespace only",
        )),
        Some("xml") => Ok(()),
        _ if uri == XML_NS || uri == XMLNS_NS => Err(format!(
            "`{uri}` cannot be bound to another prefix or as the default namespace"
        )),
        Some(prefix) if uri.is_empty() => Err(format!(
            "the prefix `{prefix}` is bound to no namespace (Namespaces 1.0 cannot undeclare a \
             prefix)"
        )),
        _ => Ok(()),
    }
}
