//! The server side: an HTTP server for one SOAP endpoint, and the dispatch helpers a generated
//! service uses to pick, decode, run and answer an operation.
//!
//! The layers are separate so each can be replaced: [`SoapService`] turns `http::Request`s into
//! [`SoapRequest`]s for a [`SoapHandler`] (and, with the `tower` feature, is a `tower::Service`
//! to mount in an axum or other tower-based application); [`Server`] (hyper) listens on a port
//! and serves a `SoapService` at one path. A generated dispatcher implements `SoapHandler` with
//! [`select`] and [`serve_operation`], which know nothing of HTTP.
//!
//! Both HTTP layers can require HTTP authentication ([`HttpAuthenticator`], [`BasicAuth`], or
//! an [`AsyncHttpAuthenticator`] that awaits a database or a directory): a request it refuses
//! is answered `401 Unauthorized` with `WWW-Authenticate` challenges, `403 Forbidden` or `503
//! Service Unavailable` (see [`Refusal`]), before its body is read. A handler reads the HTTP request its message came in (headers,
//! URI, peer address, authenticated user) with [`with_http_context`] and
//! [`authenticated_user`], and the message's undeclared SOAP headers with
//! [`undeclared_headers`]: generated service traits keep their signatures.

mod answer_buffer;
mod authenticating;
mod basic_auth;
mod content_coding;
mod dispatch;
mod header_text;
mod http;
mod http_auth;
mod http_context;
mod refusal;
mod request_headers;
pub(crate) mod request_scope;
mod service;
mod settings;
mod watchdog;

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;

pub use crate::addressing::server::select_addressed;
pub use crate::charset::utf8_request;
pub use basic_auth::BasicAuth;
pub(crate) use dispatch::{envelope_of, version_of};
pub use dispatch::{fault_response, select, serve_one_way, serve_operation, Selected};
pub use header_text::HeaderText;
pub use http::Server;
pub use http_auth::{AsyncHttpAuthenticator, HttpAuthError, HttpAuthentication, HttpAuthenticator};
pub use http_context::{authenticated_user, http_context, with_http_context, HttpContext};
pub use refusal::{Refusal, Unauthorized};
pub use request_headers::undeclared_headers;
pub use service::{PeerAddress, ResponseBody, SoapService};
pub use settings::ServerSettings;

/// A SOAP request as the HTTP layer hands it to a [`SoapHandler`]: the headers dispatch needs
/// and the complete body (already checked against the size limit, and decoded to UTF-8 by
/// [`utf8_request`]).
///
/// Its `Debug` output leaves out the body, which holds tickets and passwords.
#[derive(Clone)]
pub struct SoapRequest {
    /// The `SOAPAction` HTTP header as sent (SOAP 1.1; usually quoted).
    pub soap_action: Option<HeaderText>,
    /// The `Content-Type` HTTP header (SOAP 1.2 carries the action in it).
    pub content_type: Option<HeaderText>,
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
    /// The `Content-Type` header (borrowed for the usual ones, which are constants).
    pub content_type: Cow<'static, str>,
    /// The response envelope, handed to the HTTP layer without a copy.
    pub body: Bytes,
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
