//! The SOAP header elements a [`Client`](super::Client) adds to every request besides the
//! contract's: raw elements set once per client, a WS-Security UsernameToken, and those of the
//! current [`with_call_headers`](super::with_call_headers) scope.

use std::fmt;
use std::sync::Arc;

use crate::envelope::SoapVersion;
use crate::error::EncodeError;
use crate::xml::{XmlElement, XmlWriter};

/// The extra header elements of a client. Cloning is cheap (shared).
#[derive(Clone, Default)]
pub(super) struct SoapHeaders {
    /// Raw elements sent with every request, in order.
    pub(super) elements: Arc<Vec<XmlElement>>,
    /// The `wsse:Security` UsernameToken sent with every request.
    #[cfg(feature = "wsse")]
    pub(super) username_token: Option<Arc<crate::wsse::UsernameToken>>,
}

impl fmt::Debug for SoapHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names only: a raw header may hold a token.
        let names: Vec<String> = self
            .elements
            .iter()
            .map(|e| format!("{{{}}}{}", e.namespace, e.local))
            .collect();
        let mut debug = f.debug_struct("SoapHeaders");
        debug.field("elements", &names);
        #[cfg(feature = "wsse")]
        debug.field("username_token", &self.username_token);
        debug.finish()
    }
}

impl SoapHeaders {
    /// Writes the UsernameToken, then the client's elements, then `scoped` (the current call
    /// scope's), into a `version` envelope's `Header`.
    pub(super) fn write(
        &self,
        w: &mut XmlWriter,
        version: SoapVersion,
        scoped: Option<&[XmlElement]>,
    ) -> Result<(), EncodeError> {
        #[cfg(feature = "wsse")]
        if let Some(token) = &self.username_token {
            token.write(w, version)?;
        }
        let _ = version;
        for element in self.elements.iter().chain(scoped.into_iter().flatten()) {
            element.write(w)?;
        }
        Ok(())
    }
}
