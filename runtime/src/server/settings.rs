//! What a generated server accepts, beyond its contract.

use crate::types::QName;
use crate::xml::Limits;

/// What a generated server accepts: the [`Limits`] on a request, and the SOAP header blocks
/// marked `mustUnderstand` that something in front of it processes (a tower layer that checks
/// WS-Security, say: [`crate::wsse::ReceivedUsernameToken`]). A request carrying such a block
/// that neither the contract declares nor this lists is answered with a `MustUnderstand`
/// fault, as SOAP asks, rather than served as if the block were not there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerSettings {
    /// Limits on what a request may hold.
    pub limits: Limits,
    /// Header blocks processed outside the contract, as (namespace, local name).
    pub understood_headers: Vec<(String, String)>,
}

impl ServerSettings {
    /// Settings with `limits` and no header understood beyond the contract.
    pub fn with_limits(limits: Limits) -> Self {
        ServerSettings {
            limits,
            understood_headers: Vec::new(),
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
