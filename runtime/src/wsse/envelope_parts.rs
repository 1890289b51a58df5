//! Finding the parts of a SOAP envelope a signature covers, by their place in the envelope
//! (never by searching the document for an id): the `Body`, the `Header` and its
//! `wsse:Security` header, each with the namespace bindings it inherits, so that it can be
//! canonicalized where it stands.

use crate::envelope::SoapVersion;
use crate::error::DecodeError;
use crate::xml::{Limits, XmlElement, XmlReader};

use super::WSSE_NS;

/// Reads the whole document `envelope` as one element tree, within `limits`.
pub(crate) fn parse_envelope(envelope: &[u8], limits: &Limits) -> Result<XmlElement, DecodeError> {
    let mut r = XmlReader::new(envelope, *limits)?;
    let root = r.root()?;
    let tree = XmlElement::read(&mut r, &root)?;
    r.finish()?;
    Ok(tree)
}

/// An element of a document with the namespace bindings declared on its ancestors.
#[derive(Debug, Clone)]
pub(crate) struct Located<'e> {
    /// The element.
    pub(crate) element: &'e XmlElement,
    /// The bindings its ancestors declare, outermost first.
    pub(crate) inherited: Vec<(String, String)>,
}

impl<'e> Located<'e> {
    /// The top element of a tree read by [`parse_envelope`] (which holds every binding).
    pub(crate) fn root(element: &'e XmlElement) -> Self {
        Located {
            element,
            inherited: Vec::new(),
        }
    }

    /// The first child element `local` in `namespace`.
    pub(crate) fn child(&self, namespace: &str, local: &str) -> Option<Located<'e>> {
        let child = self.element.child(namespace, local)?;
        Some(self.enter(child))
    }

    /// The child elements, located.
    pub(crate) fn children(&self) -> impl Iterator<Item = Located<'e>> + '_ {
        self.element.children_elements().map(|c| self.enter(c))
    }

    fn enter(&self, child: &'e XmlElement) -> Located<'e> {
        let mut inherited = self.inherited.clone();
        inherited.extend(self.element.namespaces.iter().cloned());
        Located {
            element: child,
            inherited,
        }
    }

    /// The exclusive canonical form of the element where it stands.
    #[cfg(any(feature = "client", feature = "server"))]
    pub(crate) fn canonical(&self) -> Vec<u8> {
        super::c14n::canonicalize(self.element, &self.inherited)
    }
}

impl std::ops::Deref for Located<'_> {
    type Target = XmlElement;

    fn deref(&self) -> &XmlElement {
        self.element
    }
}

/// Why an envelope's parts could not be found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum PartsError {
    /// The document's root is not a SOAP 1.1 or 1.2 `Envelope`.
    #[error("the document is not a SOAP envelope (its root is `{{{namespace}}}{local}`)")]
    NotEnvelope {
        /// The root's namespace.
        namespace: String,
        /// The root's local name.
        local: String,
    },
    /// The envelope has more than one `Header`, `Body` or `wsse:Security` header.
    #[error("the envelope has more than one `{0}`")]
    Repeated(&'static str),
}

/// The parts of an envelope: its `Body`, and its `wsse:Security` header, if any.
#[derive(Debug)]
pub(crate) struct Parts<'e> {
    /// The `Body`.
    pub(crate) body: Option<Located<'e>>,
    /// The `wsse:Security` header.
    pub(crate) security: Option<Located<'e>>,
}

impl<'e> Parts<'e> {
    /// The parts of `envelope`, read by [`parse_envelope`]. Two `Header`s, two `Body`s or two
    /// `wsse:Security` headers are an error: a signature must cover the one the service reads.
    pub(crate) fn of(envelope: &'e XmlElement) -> Result<Self, PartsError> {
        let version = SoapVersion::from_namespace(&envelope.namespace)
            .filter(|_| envelope.local == "Envelope")
            .ok_or_else(|| PartsError::NotEnvelope {
                namespace: envelope.namespace.clone(),
                local: envelope.local.clone(),
            })?;
        let soap = version.namespace();
        let root = Located::root(envelope);
        let single = |local: &'static str| -> Result<Option<Located<'e>>, PartsError> {
            let mut found = root
                .children()
                .filter(|c| c.namespace == soap && c.local == local);
            let first = found.next();
            if found.next().is_some() {
                return Err(PartsError::Repeated(local));
            }
            Ok(first)
        };
        let body = single("Body")?;
        let header = single("Header")?;
        let mut security = None;
        if let Some(header) = &header {
            for candidate in header
                .children()
                .filter(|c| c.namespace == WSSE_NS && c.local == "Security")
            {
                if security.is_some() {
                    return Err(PartsError::Repeated("wsse:Security"));
                }
                security = Some(candidate);
            }
        }
        Ok(Parts { body, security })
    }

    /// The first child `local` in `namespace` of the Security header.
    #[cfg(any(feature = "client", feature = "server"))]
    pub(crate) fn find_in_security(&self, namespace: &str, local: &str) -> Option<Located<'e>> {
        self.security.as_ref()?.child(namespace, local)
    }
}
