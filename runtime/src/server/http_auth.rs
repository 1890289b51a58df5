//! HTTP authentication in front of a SOAP endpoint: an authenticator sees each request's head
//! before its body is read and lets it through (as a user the handler then reads with
//! [`authenticated_user`](super::authenticated_user)) or refuses it ([`Refusal`]) with
//! `401 Unauthorized` and `WWW-Authenticate` challenges, as IIS in front of an ASMX service or
//! WCF's `basicHttpBinding` with transport credentials do, or with `403 Forbidden`.
//!
//! An [`HttpAuthenticator`] decides at once, from the head alone ([`BasicAuth`](super::BasicAuth)
//! checks HTTP Basic credentials against a list of users); an [`AsyncHttpAuthenticator`] may
//! await first: a token looked up in a database, a directory (LDAP), an OAuth introspection
//! endpoint or a JWKS cache that refreshes itself.
//!
//! ```no_run
//! # async fn start(handler: std::sync::Arc<dyn soap_runtime::server::SoapHandler>) -> Result<(), Box<dyn std::error::Error>> {
//! use soap_runtime::server::{BasicAuth, Server, SoapService};
//!
//! let auth = BasicAuth::new("EMail")?.user("agent", "s3cret")?;
//! let service = SoapService::new(handler, Default::default()).with_authenticator(auth);
//! let server = Server::bind_service("127.0.0.1:0", "/EMail.svc", service).await?;
//! # let _ = server; Ok(()) }
//! ```
//!
//! A generated server takes one with its `with_http_authenticator` and
//! `with_async_http_authenticator` methods.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use super::{HttpContext, Refusal};

/// Decides from a request's head, at once, whether it is served: what a server runs before it
/// reads a request's body, so that a refused request costs no parsing.
///
/// It runs on the connection's task for every request, so it must not block: a check that
/// needs I/O (a database, a directory, an introspection endpoint) is an
/// [`AsyncHttpAuthenticator`]. A closure with the same signature as
/// [`authenticate`](Self::authenticate) is one (its parameter and return types written out),
/// also when it refuses with an [`Unauthorized`](super::Unauthorized) rather than a
/// [`Refusal`]. A panic in it fails its request only, with `500 Internal Server Error`.
pub trait HttpAuthenticator: Send + Sync + 'static {
    /// Lets the request through, as the user it returns (`None`: anonymously), or refuses it.
    fn authenticate(&self, request: &HttpContext) -> Result<Option<Arc<str>>, Refusal>;
}

impl<F, E> HttpAuthenticator for F
where
    F: Fn(&HttpContext) -> Result<Option<Arc<str>>, E> + Send + Sync + 'static,
    E: Into<Refusal>,
{
    fn authenticate(&self, request: &HttpContext) -> Result<Option<Arc<str>>, Refusal> {
        self(request).map_err(Into::into)
    }
}

/// Decides from a request's head whether it is served, and may await to decide: a token looked
/// up in a database or a cache, a directory bind, an introspection call. What a server awaits
/// before it reads a request's body, on the request's own task: other requests and
/// connections go on meanwhile, and a refused request costs no parsing.
///
/// Implemented with an `async fn`:
///
/// ```
/// use std::sync::Arc;
/// use soap_runtime::server::{AsyncHttpAuthenticator, HttpContext, Refusal, Unauthorized};
///
/// /// Bearer tokens, looked up in a token store.
/// struct Tokens {
///     challenge: Unauthorized,
/// }
///
/// impl Tokens {
///     async fn user_of(&self, token: &str) -> Option<(String, bool)> {
///         // A database query, an introspection call, a cache...
///         (token == "t0ken").then(|| (String::from("agent"), true))
///     }
/// }
///
/// impl AsyncHttpAuthenticator for Tokens {
///     async fn authenticate(&self, request: &HttpContext) -> Result<Option<Arc<str>>, Refusal> {
///         let header = request.header("authorization");
///         let token = header.as_deref().and_then(|value| value.strip_prefix("Bearer "));
///         let Some(token) = token else {
///             return Err(Refusal::unauthorized(self.challenge.clone()).because("no bearer token"));
///         };
///         match self.user_of(token).await {
///             Some((user, true)) => Ok(Some(user.into())),
///             Some((_, false)) => Err(Refusal::forbidden().because("token without the scope")),
///             None => Err(Refusal::unauthorized(self.challenge.clone()).because("unknown token")),
///         }
///     }
/// }
/// ```
///
/// A closure that takes the request's context and returns a future is one too: it reads what
/// it needs from the context first (a header is shared, not copied) and returns an
/// `async move` block that owns it, since the future cannot borrow the context:
///
/// ```
/// # use std::sync::Arc;
/// use soap_runtime::server::{HttpContext, Refusal};
/// # async fn user_of(_: &str) -> Option<Arc<str>> { None }
/// let auth = |request: &HttpContext| {
///     let key = request.header("x-api-key");
///     async move {
///         match key {
///             Some(key) => user_of(&key).await.map(Some).ok_or_else(Refusal::forbidden),
///             None => Err(Refusal::forbidden().because("no API key")),
///         }
///     }
/// };
/// # let _ = soap_runtime::server::HttpAuthentication::asynchronous(auth);
/// ```
///
/// The future is boxed once per request. A panic in it fails its request only, with `500
/// Internal Server Error`; one that has not decided after 30 seconds (or the
/// [`HttpAuthentication::time_limit`] set) is given up, and its request answered `503 Service
/// Unavailable`. If the client goes away meanwhile, the future
/// is dropped: nothing of the request has been served yet.
pub trait AsyncHttpAuthenticator: Send + Sync + 'static {
    /// Lets the request through, as the user it returns (`None`: anonymously), or refuses it.
    fn authenticate(
        &self,
        request: &HttpContext,
    ) -> impl Future<Output = Result<Option<Arc<str>>, Refusal>> + Send;
}

impl<F, A, E> AsyncHttpAuthenticator for F
where
    F: Fn(&HttpContext) -> A + Send + Sync + 'static,
    A: Future<Output = Result<Option<Arc<str>>, E>> + Send,
    E: Into<Refusal>,
{
    fn authenticate(
        &self,
        request: &HttpContext,
    ) -> impl Future<Output = Result<Option<Arc<str>>, Refusal>> + Send {
        let deciding = self(request);
        async move { deciding.await.map_err(Into::into) }
    }
}

/// The future of an [`AsyncHttpAuthenticator`], boxed.
pub(super) type Deciding<'a> =
    Pin<Box<dyn Future<Output = Result<Option<Arc<str>>, Refusal>> + Send + 'a>>;

/// An [`AsyncHttpAuthenticator`] behind a pointer: its future boxed, so that it can be kept
/// as a trait object.
trait BoxedAuthenticator: Send + Sync + 'static {
    /// The authenticator's future for `request`, boxed.
    fn deciding<'a>(&'a self, request: &'a HttpContext) -> Deciding<'a>;
}

impl<T: AsyncHttpAuthenticator> BoxedAuthenticator for T {
    fn deciding<'a>(&'a self, request: &'a HttpContext) -> Deciding<'a> {
        Box::pin(self.authenticate(request))
    }
}

/// The authenticator a server asks about each request, as it keeps it: an
/// [`HttpAuthenticator`], called in place (nothing boxed), or an [`AsyncHttpAuthenticator`],
/// whose future is boxed and awaited. What
/// [`ServerSettings::http_authenticator`](super::ServerSettings::http_authenticator) holds.
/// Cheap to clone: clones share the authenticator.
#[derive(Clone)]
pub struct HttpAuthentication {
    authenticator: Authenticator,
    /// How long an asynchronous authenticator may take to decide.
    time_limit: Duration,
}

/// How long an asynchronous authenticator may take to decide unless told otherwise.
const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(30);

/// The two kinds of authenticator.
#[derive(Clone)]
enum Authenticator {
    Immediate(Arc<dyn HttpAuthenticator>),
    Awaited(Arc<dyn BoxedAuthenticator>),
}

/// What asking an [`HttpAuthentication`] about a request gives: its decision, or the future
/// that makes it.
pub(super) enum Asked<'a> {
    /// Decided at once.
    Decided(Result<Option<Arc<str>>, Refusal>),
    /// To await.
    Deciding(Deciding<'a>),
}

impl HttpAuthentication {
    /// Authentication by `authenticator`, which decides at once.
    pub fn sync(authenticator: impl HttpAuthenticator) -> Self {
        Self::by(Authenticator::Immediate(Arc::new(authenticator)))
    }

    /// Authentication by `authenticator`, awaited for at most 30 s (see
    /// [`HttpAuthentication::time_limit`]).
    pub fn asynchronous(authenticator: impl AsyncHttpAuthenticator) -> Self {
        Self::by(Authenticator::Awaited(Arc::new(authenticator)))
    }

    fn by(authenticator: Authenticator) -> Self {
        HttpAuthentication {
            authenticator,
            time_limit: DEFAULT_TIME_LIMIT,
        }
    }

    /// How long an asynchronous authenticator may take to decide, 30 s unless set: past it,
    /// the request is answered `503 Service Unavailable` (and a warning logged). A database,
    /// directory or introspection call that has not answered by then is not going to, and the
    /// connection's slow-client watchdog does not count a request being answered, so a hung
    /// authenticator would otherwise hold its connection for ever. A synchronous
    /// authenticator decides at once: the limit does not apply to it.
    pub fn time_limit(mut self, limit: Duration) -> Self {
        self.time_limit = limit;
        self
    }

    /// The time limit set with [`HttpAuthentication::time_limit`].
    pub(super) fn limit(&self) -> Duration {
        self.time_limit
    }

    /// True when the authenticator may await ([`HttpAuthentication::asynchronous`]).
    pub fn is_asynchronous(&self) -> bool {
        matches!(self.authenticator, Authenticator::Awaited(_))
    }

    /// Asks the authenticator about `request`: a synchronous one decides here (a panic in it
    /// unwinds from here), an asynchronous one gives the future to await.
    pub(super) fn ask<'a>(&'a self, request: &'a HttpContext) -> Asked<'a> {
        match &self.authenticator {
            Authenticator::Immediate(authenticator) => {
                Asked::Decided(authenticator.authenticate(request))
            }
            Authenticator::Awaited(authenticator) => {
                Asked::Deciding(authenticator.deciding(request))
            }
        }
    }
}

impl From<Arc<dyn HttpAuthenticator>> for HttpAuthentication {
    fn from(authenticator: Arc<dyn HttpAuthenticator>) -> Self {
        Self::by(Authenticator::Immediate(authenticator))
    }
}

impl fmt::Debug for HttpAuthentication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpAuthentication")
            .field("asynchronous", &self.is_asynchronous())
            .field("time_limit", &self.time_limit)
            .finish_non_exhaustive()
    }
}

/// What setting up HTTP authentication can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HttpAuthError {
    /// A realm must be text without quotes, backslashes or control characters.
    #[error(
        "HTTP Basic realm `{realm}`: a realm cannot hold quotes, backslashes or control characters"
    )]
    InvalidRealm {
        /// The realm given.
        realm: String,
    },
    /// A Basic user name cannot hold a colon (it ends the name in the credentials) or control
    /// characters, and cannot be empty.
    #[error("HTTP Basic user `{user}`: a user name must be non-empty, without colons or control characters")]
    InvalidUser {
        /// The user name given.
        user: String,
    },
    /// A challenge must be a valid header value.
    #[error("`WWW-Authenticate` challenge `{challenge}` is not a valid header value")]
    InvalidChallenge {
        /// The challenge given.
        challenge: String,
    },
}
