//! The header blocks of a request that its contract does not declare, for the handler that
//! serves it: a `wsse:Security` header to check (with
//! [`ReceivedUsernameToken`](crate::wsse::ReceivedUsernameToken)), a tenant or a session id.
//! Generated service traits keep their signatures; the handler asks:
//!
//! ```no_run
//! # async fn in_a_handler() {
//! let wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
//! let headers = soap_runtime::server::undeclared_headers();
//! let security = headers.iter().find(|h| h.namespace == wsse && h.local == "Security");
//! # let _ = security;
//! # }
//! ```
//!
//! A block marked `mustUnderstand` must still be declared understood
//! (`understand_header`), else the request is answered with a `MustUnderstand` fault before
//! any handler runs.

use std::sync::Arc;

use crate::addressing::AddressingHeaders;
use crate::envelope::HeaderReader;
use crate::error::DecodeError;
use crate::xml::{Element, XmlElement, XmlReader};

/// The header blocks of the request being served that neither its contract declares nor
/// WS-Addressing (which the server reads itself) defines, whole and in order; empty outside a
/// handler, and for a request that carries none.
pub fn undeclared_headers() -> Arc<[XmlElement]> {
    super::request_scope::undeclared().unwrap_or_else(|| Arc::from(Vec::new()))
}

/// How a server reads a request's headers beside its contract: WS-Addressing's when the
/// operation answers under it, and every other block kept whole for the handler.
pub(crate) struct RequestHeaderReader<'a> {
    /// The WS-Addressing headers, when the operation was selected under WS-Addressing.
    pub(crate) addressing: Option<&'a mut AddressingHeaders>,
    /// The blocks kept for [`undeclared_headers`].
    pub(crate) undeclared: Vec<XmlElement>,
}

impl HeaderReader for RequestHeaderReader<'_> {
    fn read_header(
        &mut self,
        r: &mut XmlReader<'_>,
        header: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        match &mut self.addressing {
            Some(addressing) => addressing.read_header(r, header),
            None => Ok(false),
        }
    }

    fn read_unknown(
        &mut self,
        r: &mut XmlReader<'_>,
        header: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        self.undeclared.push(XmlElement::read(r, header)?);
        Ok(true)
    }
}
