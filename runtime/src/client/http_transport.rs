//! The default [`Transport`]: [`HttpTransport`], HTTP/1.1 over reqwest with rustls, and its
//! [`HttpTransportBuilder`].

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use bytes::{Bytes, BytesMut};

use super::{options, HttpRequest, HttpResponse, LogUrl, Transport};
use crate::error::TransportError;
use crate::xml::Limits;

/// What is pre-allocated for a response body at most, whatever its `Content-Length` claims.
const PREALLOCATE_MAX: usize = 1024 * 1024;

/// The `SOAPAction` header's name (header names are compared in lower case).
static SOAP_ACTION: reqwest::header::HeaderName =
    reqwest::header::HeaderName::from_static("soapaction");

/// The default [`Transport`]: HTTP/1.1 over reqwest with rustls, with time and size limits.
///
/// Redirects are not followed: a SOAP endpoint that moved answers with an
/// [`Error::Http`](crate::Error::Http) rather than having the request (and its credentials)
/// re-sent elsewhere. With the `cookies` feature, cookies the service sets (a session) go back
/// with later calls (`HttpTransport::cookie_jar`); without it, or with them turned off, the
/// first cookie a service sets is reported once with a warning. Cloning is cheap and shares
/// the connection pool and the cookies.
#[derive(Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
    /// The cookies kept between calls; `None` when turned off or for a caller's reqwest client.
    #[cfg(feature = "cookies")]
    cookies: Option<super::CookieJar>,
    connect_timeout: Duration,
    timeout: Duration,
    /// Set by the builder; `None` follows the caller's limit.
    max_response_size: Option<usize>,
    /// The URL of the first request sent, parsed: a transport usually serves one endpoint,
    /// whose URL reqwest would otherwise parse again for every call (about 7,000 instructions,
    /// a tenth of a call's own work). Shared by clones.
    endpoint: Arc<OnceLock<(String, reqwest::Url)>>,
    /// Set once a service's cookie has been reported as not kept (shared by clones).
    cookie_reported: Arc<AtomicBool>,
    /// Whether compressed answers are asked for and requests compressed.
    #[cfg(feature = "compression")]
    pub(super) compression: super::compression::ClientCompression,
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("HttpTransport");
        debug
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_response_size", &self.max_response_size);
        #[cfg(feature = "compression")]
        debug.field("compression", &self.compression);
        debug.finish_non_exhaustive()
    }
}

impl Default for HttpTransport {
    fn default() -> Self {
        HttpTransport::new()
    }
}

impl HttpTransport {
    /// A transport with a 10 s connect timeout, a 60 s timeout for the whole exchange, and the
    /// response size limit of the [`Client`](super::Client) using it (its
    /// [`Limits::max_message_size`]).
    ///
    /// # Panics
    ///
    /// Like `reqwest::Client::new`, when the TLS backend cannot be initialised.
    pub fn new() -> Self {
        let builder = HttpTransport::builder();
        let (connect_timeout, timeout, max_response_size) = (
            builder.connect_timeout,
            builder.timeout,
            builder.max_response_size,
        );
        builder.build().unwrap_or_else(|error| {
            tracing::warn!(%error, "cannot configure the HTTP client; falling back to reqwest's defaults");
            // reqwest::Client::new fails (panics) the same way when TLS cannot be set up.
            HttpTransport::over(
                reqwest::Client::new(),
                connect_timeout,
                timeout,
                max_response_size,
            )
        })
    }

    /// The cookies this transport keeps between calls (feature `cookies`): to read a session
    /// cookie, or to share it with another transport
    /// ([`HttpTransportBuilder::cookie_jar`]). `None` when turned off
    /// ([`HttpTransportBuilder::without_cookies`]) or for [`HttpTransport::from_client`].
    #[cfg(feature = "cookies")]
    pub fn cookie_jar(&self) -> Option<&super::CookieJar> {
        self.cookies.as_ref()
    }

    /// A transport over `client`, whose timeouts (as its errors report them) and response
    /// size limit are the ones given; its endpoint URL is not parsed yet.
    fn over(
        client: reqwest::Client,
        connect_timeout: Duration,
        timeout: Duration,
        max_response_size: Option<usize>,
    ) -> Self {
        HttpTransport {
            client,
            #[cfg(feature = "cookies")]
            cookies: None,
            connect_timeout,
            timeout,
            max_response_size,
            endpoint: Arc::default(),
            cookie_reported: Arc::default(),
            #[cfg(feature = "compression")]
            compression: super::compression::ClientCompression::default(),
        }
    }

    /// Warns, once per transport, that the answer from `url` sets a cookie that is not kept: a
    /// stateful service (a session after a login) fails the calls that follow without it.
    fn report_dropped_cookie(&self, url: &str, headers: &reqwest::header::HeaderMap) {
        #[cfg(feature = "cookies")]
        if self.cookies.is_some() {
            return;
        }
        if headers.contains_key(reqwest::header::SET_COOKIE)
            && !self.cookie_reported.swap(true, Ordering::Relaxed)
        {
            tracing::warn!(
                endpoint = %LogUrl(url),
                "the service set a cookie, which this transport does not keep: if it holds a \
                 session, later calls fail without it (enable soap-runtime's `cookies` feature)"
            );
        }
    }

    /// A builder to set the timeouts and the response size limit.
    pub fn builder() -> HttpTransportBuilder {
        HttpTransportBuilder {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            max_response_size: None,
            root_certificates: Vec::new(),
            options: options::TransportOptions::default(),
            #[cfg(feature = "cookies")]
            cookies: Some(super::CookieJar::new()),
            #[cfg(feature = "compression")]
            compression: super::compression::ClientCompression::default(),
        }
    }

    /// A transport over a reqwest client built by the caller, for any setting the builder
    /// does not offer (its own TLS configuration, DNS resolver, HTTP/2, ...).
    ///
    /// The client's own settings apply as they are: its timeouts (the ones reported in
    /// [`TransportError::Timeout`] are the defaults of [`HttpTransport::builder`]), default
    /// headers, proxy and redirect policy (reqwest follows up to 10 redirects unless told
    /// `redirect(Policy::none())`, re-sending the request elsewhere). Answers are still
    /// bounded by the [`Client`](super::Client)'s [`Limits::max_message_size`]; cookies are
    /// kept only if the client was built with a cookie store. Compressed answers are read
    /// (feature `compression`), and asked for with `HttpTransport::accept_compressed`.
    pub fn from_client(client: reqwest::Client) -> Self {
        let defaults = HttpTransport::builder();
        let transport =
            HttpTransport::over(client, defaults.connect_timeout, defaults.timeout, None);
        // Whether the caller's client keeps cookies is its own setting: nothing to report.
        transport.cookie_reported.store(true, Ordering::Relaxed);
        transport
    }

    /// The largest response body accepted, in bytes, when the caller gives no limit: the one
    /// set with [`HttpTransportBuilder::max_response_size`], else
    /// `Limits::default().max_message_size`.
    pub fn max_response_size(&self) -> usize {
        self.max_response_size
            .unwrap_or(Limits::default().max_message_size)
    }

    fn error(&self, url: &str, error: &reqwest::Error) -> TransportError {
        // Without user information and query, which may hold credentials.
        let url = LogUrl(url).to_string();
        if error.is_timeout() {
            let limit = if error.is_connect() {
                self.connect_timeout
            } else {
                self.timeout
            };
            TransportError::Timeout {
                url,
                seconds: limit.as_secs_f64(),
            }
        } else if error.is_connect() {
            TransportError::Connect {
                url,
                reason: reason(error),
            }
        } else {
            TransportError::Other {
                url,
                reason: reason(error),
            }
        }
    }

    /// `url` parsed: a copy of the endpoint's when it is the endpoint (the first URL this
    /// transport was asked for), else parsed now; `None` when it is not a URL.
    fn parsed(&self, url: &str) -> Option<reqwest::Url> {
        if let Some((text, parsed)) = self.endpoint.get() {
            if text == url {
                return Some(parsed.clone());
            }
            return reqwest::Url::parse(url).ok();
        }
        let parsed = reqwest::Url::parse(url).ok()?;
        // Another call may have set it meanwhile: either URL serves.
        let _ = self.endpoint.set((url.to_owned(), parsed.clone()));
        Some(parsed)
    }

    async fn exchange(
        &self,
        request: HttpRequest,
        max: usize,
    ) -> Result<HttpResponse, TransportError> {
        let url = request.url;
        let builder = match self.parsed(&url) {
            Some(parsed) => self.client.post(parsed),
            // Not a URL: reqwest says why, as it would have.
            None => self.client.post(&url),
        };
        let builder = builder.header(reqwest::header::CONTENT_TYPE, request.content_type);
        #[cfg(feature = "compression")]
        let mut builder = self.compression.prepare(builder, request.body);
        #[cfg(not(feature = "compression"))]
        let mut builder = builder.body(request.body);
        if let Some(action) = request.soap_action {
            // A static name: a name given as text is parsed and copied on every request.
            builder = builder.header(SOAP_ACTION.clone(), action);
        }
        let mut response = builder.send().await.map_err(|e| self.error(&url, &e))?;
        let status = response.status().as_u16();
        self.report_dropped_cookie(&url, response.headers());
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let too_large = || TransportError::TooLarge {
            url: LogUrl(&url).to_string(),
            max,
        };
        let announced = response.content_length();
        if announced.is_some_and(|len| len > max as u64) {
            return Err(too_large());
        }
        let capacity = announced
            .map_or(0, |len| usize::try_from(len).unwrap_or(usize::MAX))
            .min(max)
            .min(PREALLOCATE_MAX);
        // Read chunk by chunk and give up as soon as the limit is passed, whether or not the
        // server announced a length: never buffer an unbounded answer. An answer that comes in
        // one chunk (most do) is kept as it came; the chunks of another are joined.
        let mut whole = Bytes::new();
        let mut joined: Option<BytesMut> = None;
        while let Some(chunk) = response.chunk().await.map_err(|e| self.error(&url, &e))? {
            let received = joined.as_ref().map_or(whole.len(), BytesMut::len);
            if chunk.len() > max - received {
                return Err(too_large());
            }
            match &mut joined {
                Some(body) => body.extend_from_slice(&chunk),
                None if whole.is_empty() => whole = chunk,
                None => {
                    let mut body = BytesMut::with_capacity(capacity.max(received + chunk.len()));
                    body.extend_from_slice(&whole);
                    body.extend_from_slice(&chunk);
                    joined = Some(body);
                }
            }
        }
        let body = joined.map_or(whole, BytesMut::freeze);
        // A compressed answer is decoded within the same limit, which bounds what it inflates to.
        #[cfg(feature = "compression")]
        let body = super::compression::decoded_answer(response.headers(), body, max, &url)?;
        Ok(HttpResponse {
            status,
            content_type,
            body,
        })
    }
}

/// The chain of an error's sources, without reqwest's own "error sending request for url" lead.
pub(super) fn reason(error: &reqwest::Error) -> String {
    let mut parts = Vec::new();
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        let text = e.to_string();
        if !parts.contains(&text) {
            parts.push(text);
        }
        source = e.source();
    }
    if parts.is_empty() {
        error.to_string()
    } else {
        parts.join(": ")
    }
}

impl Transport for HttpTransport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        Box::pin(self.exchange(request, self.max_response_size()))
    }

    fn send_limited(
        &self,
        request: HttpRequest,
        max_response_size: usize,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        // The smaller of the caller's limit and one set on this transport.
        let max = self
            .max_response_size
            .map_or(max_response_size, |own| own.min(max_response_size));
        Box::pin(self.exchange(request, max))
    }
}

/// Configures an [`HttpTransport`]; made by [`HttpTransport::builder`].
#[derive(Debug, Clone)]
pub struct HttpTransportBuilder {
    connect_timeout: Duration,
    timeout: Duration,
    max_response_size: Option<usize>,
    root_certificates: Vec<reqwest::Certificate>,
    /// Authentication, headers, client certificate and proxy (set in `options.rs`).
    pub(super) options: options::TransportOptions,
    /// The cookies kept between calls: a new jar unless one is given or they are turned off.
    #[cfg(feature = "cookies")]
    cookies: Option<super::CookieJar>,
    /// Compressed answers and requests (set in `compression.rs`).
    #[cfg(feature = "compression")]
    pub(super) compression: super::compression::ClientCompression,
}

impl HttpTransportBuilder {
    /// How long establishing a connection (TCP and TLS) may take; 10 s by default.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long a whole exchange (connecting, sending, receiving the complete answer) may take;
    /// 60 s by default.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body accepted, in bytes. By default the transport follows the
    /// [`Client`](super::Client)'s [`Limits::max_message_size`]; when set, the smaller of the
    /// two applies. Larger answers fail with [`TransportError::TooLarge`] without being
    /// buffered.
    pub fn max_response_size(mut self, max: usize) -> Self {
        self.max_response_size = Some(max);
        self
    }

    /// Also trusts the CA certificate(s) in `pem` for https (besides the bundled web roots):
    /// for servers with a private or self-signed certificate.
    pub fn add_root_certificate_pem(mut self, pem: &[u8]) -> Result<Self, TransportError> {
        let certificates =
            reqwest::Certificate::from_pem_bundle(pem).map_err(|error| TransportError::Other {
                url: "(no request: reading a root certificate)".into(),
                reason: reason(&error),
            })?;
        self.root_certificates.extend(certificates);
        Ok(self)
    }

    /// Keeps cookies in `jar` (feature `cookies`): shared with another transport, or filled
    /// with a session made elsewhere ([`CookieJar::add`](super::CookieJar::add)). By default
    /// each transport keeps a jar of its own.
    #[cfg(feature = "cookies")]
    pub fn cookie_jar(mut self, jar: super::CookieJar) -> Self {
        self.cookies = Some(jar);
        self
    }

    /// Neither keeps nor sends cookies (feature `cookies`; without it, none are kept).
    #[cfg(feature = "cookies")]
    pub fn without_cookies(mut self) -> Self {
        self.cookies = None;
        self
    }

    /// Builds the transport; fails only when the TLS backend cannot be initialised.
    pub fn build(self) -> Result<HttpTransport, TransportError> {
        let mut builder = reqwest::Client::builder();
        for certificate in self.root_certificates {
            builder = builder.add_root_certificate(certificate);
        }
        #[cfg(feature = "cookies")]
        if let Some(jar) = &self.cookies {
            builder = builder.cookie_provider(jar.provider());
        }
        let client = self
            .options
            .apply(builder)
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| TransportError::Other {
                url: "(no request: building the HTTP client)".into(),
                reason: reason(&error),
            })?;
        #[cfg_attr(
            not(any(feature = "cookies", feature = "compression")),
            allow(unused_mut)
        )]
        let mut transport = HttpTransport::over(
            client,
            self.connect_timeout,
            self.timeout,
            self.max_response_size,
        );
        #[cfg(feature = "cookies")]
        {
            transport.cookies = self.cookies;
        }
        #[cfg(feature = "compression")]
        {
            transport.compression = self.compression;
        }
        Ok(transport)
    }
}

#[cfg(test)]
mod tests {
    use super::HttpTransport;

    #[test]
    fn the_endpoint_url_is_parsed_once_and_any_other_each_time() {
        let transport = HttpTransport::new();
        let endpoint = "http://127.0.0.1:8080/Remote/Services82/EMail.svc";
        let parsed = transport.parsed(endpoint).expect("a URL");
        assert_eq!(parsed.as_str(), endpoint);
        // Remembered, and shared with clones.
        let clone = transport.clone();
        let (text, remembered) = clone.endpoint.get().expect("remembered");
        assert_eq!((text.as_str(), remembered), (endpoint, &parsed));
        assert_eq!(clone.parsed(endpoint), Some(parsed));
        // Another URL is parsed as it comes, and does not replace the endpoint's.
        let other = "https://example.org/other.svc";
        assert_eq!(
            transport.parsed(other).map(String::from),
            Some(other.to_string())
        );
        assert_eq!(
            transport.endpoint.get().map(|(text, _)| text.as_str()),
            Some(endpoint)
        );
        // Not a URL: nothing, and reqwest reports it when the request is built.
        assert_eq!(transport.parsed("not a url"), None);
    }
}
