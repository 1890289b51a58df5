//! The HTTP request a SOAP message came in, for the handler that serves it: its method, URI,
//! headers (`X-Forwarded-For`, `X-Request-Id`, a tenant), the peer's address where it is known,
//! and the user an [`HttpAuthenticator`](super::HttpAuthenticator) let through. Generated
//! service traits keep their signatures; the handler asks, as it asks for
//! [`undeclared_headers`](super::undeclared_headers):
//!
//! ```no_run
//! # async fn in_a_handler() {
//! use soap_runtime::server::{authenticated_user, with_http_context};
//!
//! let user = authenticated_user();
//! let (request_id, peer) = with_http_context(|http| (http.header("x-request-id"), http.peer_addr()))
//!     .unwrap_or_default();
//! # let _ = (user, request_id, peer);
//! # }
//! ```
//!
//! The context is set on the task that runs the handler, by [`Server`](super::Server) and by
//! [`SoapService`](super::SoapService) (mounted in axum or another tower application): a task
//! the handler spawns does not see it (hand it a copy, [`http_context`]), and a request
//! dispatched without HTTP (a generated server's `dispatch`) has none. It is the request head
//! hyper already parsed, moved rather than copied: reading it costs no allocation.
//!
//! ```no_run
//! # async fn in_a_handler() {
//! // Work that outlives the handler, or runs on another task, takes an owned copy.
//! if let Some(http) = soap_runtime::server::http_context() {
//!     tokio::spawn(async move {
//!         let _audit = (http.peer_addr(), http.header("x-request-id"));
//!     });
//! }
//! # }
//! ```

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

use hyper::header::HeaderMap;
use hyper::http::request::Parts;
use hyper::http::Extensions;
use hyper::{Method, Uri, Version};

use super::HeaderText;

/// The HTTP side of a SOAP request: the request head, the peer's address and the authenticated
/// user. What [`with_http_context`] lends a handler, and what an
/// [`HttpAuthenticator`](super::HttpAuthenticator) or an
/// [`AsyncHttpAuthenticator`](super::AsyncHttpAuthenticator) decides on.
///
/// Its `Debug` output names the headers but shows none of their values (`Authorization`,
/// `Cookie` and API keys are secrets), and the URI's path without its query. A clone copies
/// the head (its header map, its extensions): what [`http_context`] gives.
#[derive(Clone)]
pub struct HttpContext {
    /// The request head as hyper parsed it (method, URI, version, headers, extensions).
    head: Parts,
    /// The address of the peer that sent the request, where the server knows it.
    peer: Option<SocketAddr>,
    /// The user an authenticator let through, if any.
    user: Option<Arc<str>>,
}

impl HttpContext {
    /// The context of a request with head `head` from `peer`, nobody authenticated yet.
    pub(crate) fn new(head: Parts, peer: Option<SocketAddr>) -> Self {
        HttpContext {
            head,
            peer,
            user: None,
        }
    }

    /// Records `user` as the authenticated user of the request.
    pub(crate) fn set_user(&mut self, user: Option<Arc<str>>) {
        self.user = user;
    }

    /// The request's method (a SOAP request is a `POST`).
    pub fn method(&self) -> &Method {
        &self.head.method
    }

    /// The request's URI as it was sent: usually the path and query only.
    pub fn uri(&self) -> &Uri {
        &self.head.uri
    }

    /// The request's HTTP version.
    pub fn version(&self) -> Version {
        self.head.version
    }

    /// All the request's HTTP headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.head.headers
    }

    /// The first value of header `name` (any case), if it is present and valid text; shared
    /// with the request, not copied.
    pub fn header(&self, name: &str) -> Option<HeaderText> {
        self.head
            .headers
            .get(name)
            .and_then(HeaderText::from_header)
    }

    /// What the application's HTTP stack attached to the request (with axum, its
    /// `ConnectInfo`, its middleware's values); empty under [`Server`](super::Server).
    pub fn extensions(&self) -> &Extensions {
        &self.head.extensions
    }

    /// The address of the peer that sent the request: the TCP peer under
    /// [`Server`](super::Server); under a [`SoapService`](super::SoapService) what
    /// its peer-address function finds in the request's extensions
    /// ([`SoapService::with_peer_address`](super::SoapService::with_peer_address)). Behind a
    /// proxy it is the proxy's: its `X-Forwarded-For` or `Forwarded` header names the client.
    pub fn peer_addr(&self) -> Option<SocketAddr> {
        self.peer
    }

    /// The user name the server's authenticator ([`HttpAuthenticator`](super::HttpAuthenticator)
    /// or [`AsyncHttpAuthenticator`](super::AsyncHttpAuthenticator)) let the request through
    /// as; `None` without one, or when it let the request through anonymously.
    pub fn user(&self) -> Option<&str> {
        self.user.as_deref()
    }
}

impl fmt::Debug for HttpContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpContext")
            .field("method", &self.head.method)
            .field("path", &self.head.uri.path())
            .field("version", &self.head.version)
            .field("headers", &HeaderNames(&self.head.headers))
            .field("peer", &self.peer)
            .field("user", &self.user)
            .finish()
    }
}

/// Formats the names of a header map, never its values.
struct HeaderNames<'a>(&'a HeaderMap);

impl fmt::Debug for HeaderNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.keys().map(|name| name.as_str()))
            .finish()
    }
}

/// Calls `f` with the HTTP context of the request being served, and returns what it returns;
/// `None` outside a handler run by [`Server`](super::Server) or
/// [`SoapService`](super::SoapService) (a request dispatched without HTTP, another task).
pub fn with_http_context<R>(f: impl FnOnce(&HttpContext) -> R) -> Option<R> {
    super::request_scope::with_http(f)
}

/// An owned copy of the HTTP context of the request being served, for work the handler hands to
/// a task of its own (which does not see the request's context) or keeps after it answers;
/// `None` where [`with_http_context`] lends none. The head is copied (its header map and
/// extensions allocate) when this is called, so a request whose handler does not call it pays
/// nothing; [`with_http_context`] reads without a copy.
pub fn http_context() -> Option<HttpContext> {
    with_http_context(HttpContext::clone)
}

/// The user name the server's authenticator ([`HttpAuthenticator`](super::HttpAuthenticator) or
/// [`AsyncHttpAuthenticator`](super::AsyncHttpAuthenticator)) let the request being served
/// through as; `None` outside a handler, without an authenticator, or for a
/// request let through anonymously. Shared with the context, not copied.
pub fn authenticated_user() -> Option<Arc<str>> {
    super::request_scope::with_http(|http| http.user.clone()).flatten()
}
