//! The server side: an HTTP server for one SOAP endpoint, and the dispatch helpers a generated
//! service uses to pick, decode, run and answer an operation.
//!
//! The layers are separate so each can be replaced: [`Server`] (hyper) turns HTTP requests into
//! [`SoapRequest`]s for a [`SoapHandler`]; a generated dispatcher implements `SoapHandler` with
//! [`select`] and [`serve_operation`], which know nothing of HTTP connections.

mod dispatch;
mod http;

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;

pub use crate::addressing::server::select_addressed;
pub use dispatch::{fault_response, select, serve_one_way, serve_operation, Selected};
pub(crate) use dispatch::{request_envelope, request_version as request_version_of};
pub use http::Server;

/// A SOAP request as the HTTP layer hands it to a [`SoapHandler`]: the headers dispatch needs
/// and the complete body (already checked against the size limit).
///
/// Its `Debug` output leaves out the body, which holds tickets and passwords.
#[derive(Clone)]
pub struct SoapRequest {
    /// The `SOAPAction` HTTP header as sent (SOAP 1.1; usually quoted).
    pub soap_action: Option<String>,
    /// The `Content-Type` HTTP header (SOAP 1.2 carries the action in it).
    pub content_type: Option<String>,
    /// The request envelope.
    pub body: Bytes,
}

impl fmt::Debug for SoapRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoapRequest")
            .field("soap_action", &self.soap_action)
            .field("content_type", &self.content_type)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// The HTTP answer a [`SoapHandler`] gives: status, content type and body.
///
/// Its `Debug` output leaves out the body.
#[derive(Clone)]
pub struct SoapResponse {
    /// The HTTP status code (200 for an answer, 500 or 400 for a fault).
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: String,
    /// The response envelope.
    pub body: Vec<u8>,
}

impl fmt::Debug for SoapResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoapResponse")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// Answers SOAP requests: what a generated dispatcher implements, and what [`Server`] serves.
pub trait SoapHandler: Send + Sync + 'static {
    /// Answers `request`. Failures are answered too, as fault responses ([`fault_response`]);
    /// a panic is turned into a `Receiver` fault by [`Server`].
    fn handle(
        &self,
        request: SoapRequest,
    ) -> Pin<Box<dyn Future<Output = SoapResponse> + Send + '_>>;
}
