//! What a generated server accepts, beyond its contract.

use std::fmt;

use super::HttpAuthentication;
use crate::types::QName;
use crate::xml::Limits;

/// What a generated server accepts: the [`Limits`] on a request, the SOAP header blocks
/// marked `mustUnderstand` that something in front of it processes (a tower layer that checks
/// WS-Security, say: [`crate::wsse::ReceivedUsernameToken`]), and who may call it over HTTP.
/// A request carrying such a block that neither the contract declares nor this lists is
/// answered with a `MustUnderstand` fault, as SOAP asks, rather than served as if the block
/// were not there.
#[derive(Clone, Default)]
pub struct ServerSettings {
    /// Limits on what a request may hold.
    pub limits: Limits,
    /// Header blocks processed outside the contract, as (namespace, local name).
    pub understood_headers: Vec<(String, String)>,
    /// What decides, from each HTTP request's head and before its body is read, whether it is
    /// served: [`HttpAuthentication::sync`] of a [`BasicAuth`](super::BasicAuth), say, or
    /// [`HttpAuthentication::asynchronous`] of an authenticator that looks tokens up; `None`
    /// serves every request. Applied by the HTTP layer
    /// ([`SoapService::with_settings`](super::SoapService::with_settings)), not by a request
    /// dispatched without HTTP.
    pub http_authenticator: Option<HttpAuthentication>,
}

impl fmt::Debug for ServerSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerSettings")
            .field("limits", &self.limits)
            .field("understood_headers", &self.understood_headers)
            .field("http_authenticator", &self.http_authenticator)
            .finish()
    }
}

impl ServerSettings {
    /// Settings with `limits`, no header understood beyond the contract and no HTTP
    /// authentication.
    pub fn with_limits(limits: Limits) -> Self {
        ServerSettings {
            limits,
            ..ServerSettings::default()
        }
    }

    /// True when header block `name` is listed as processed outside the contract.
    pub(crate) fn understands(&self, name: &QName) -> bool {
        let namespace = name.namespace.as_deref().unwrap_or_default();
        self.understood_headers
            .iter()
            .any(|(ns, local)| ns == namespace && *local == name.local)
    }
}
