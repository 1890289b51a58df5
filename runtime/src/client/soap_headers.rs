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
    /// The X.509 credentials that sign every request.
    #[cfg(feature = "wsse-signature")]
    pub(super) signature: Option<Arc<crate::wsse::X509Signature>>,
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
        #[cfg(feature = "wsse-signature")]
        debug.field("signature", &self.signature);
        debug.finish()
    }
}

impl SoapHeaders {
    /// The extra headers of one request about to be written: with a fresh signing plan when
    /// the client signs.
    pub(super) fn prepare(&self) -> Result<Prepared<'_>, EncodeError> {
        Ok(Prepared {
            headers: self,
            #[cfg(feature = "wsse-signature")]
            signing: match &self.signature {
                Some(signature) => Some(signature.plan()?),
                None => None,
            },
        })
    }
}

/// The extra headers of one request (see [`SoapHeaders::prepare`]).
#[derive(Debug)]
pub(super) struct Prepared<'h> {
    headers: &'h SoapHeaders,
    /// This request's signature, when the client signs.
    #[cfg(feature = "wsse-signature")]
    signing: Option<crate::wsse::SigningPlan<'h>>,
}

impl Prepared<'_> {
    /// True when the request is signed.
    pub(super) fn signs(&self) -> bool {
        #[cfg(feature = "wsse-signature")]
        if self.signing.is_some() {
            return true;
        }
        false
    }

    /// The attributes of the request's `Body` element (a signed request's `wsu:Id`).
    pub(super) fn body_attributes(&self) -> Vec<(&str, &str)> {
        #[cfg(feature = "wsse-signature")]
        if let Some(signing) = &self.signing {
            return signing.body_attributes().to_vec();
        }
        Vec::new()
    }

    /// Writes the `wsse:Security` header (a UsernameToken's, a signature's, or one holding
    /// both), then the client's elements, then `scoped` (the current call scope's), into a
    /// `version` envelope's `Header`.
    pub(super) fn write(
        &self,
        w: &mut XmlWriter,
        version: SoapVersion,
        scoped: Option<&[XmlElement]>,
    ) -> Result<(), EncodeError> {
        let headers = self.headers;
        #[cfg(feature = "wsse-signature")]
        let signed = match &self.signing {
            Some(signing) => {
                // The client's envelopes bind `s` to the SOAP namespace.
                signing.write_header(w, version, Some("s"), headers.username_token.as_deref())?;
                true
            }
            None => false,
        };
        #[cfg(not(feature = "wsse-signature"))]
        let signed = false;
        #[cfg(feature = "wsse")]
        if let (false, Some(token)) = (signed, &headers.username_token) {
            token.write(w, version)?;
        }
        let _ = (version, signed);
        for element in headers.elements.iter().chain(scoped.into_iter().flatten()) {
            element.write(w)?;
        }
        Ok(())
    }

    /// The finished request envelope: signed, when the client signs.
    pub(super) fn finish(&self, envelope: Vec<u8>) -> Result<Vec<u8>, EncodeError> {
        #[cfg(feature = "wsse-signature")]
        if let Some(signing) = &self.signing {
            return signing.sign(envelope);
        }
        Ok(envelope)
    }
}
