//! [`NtlmTransport`]: the handshake on each new connection, calls over the authenticated ones,
//! and its [`NtlmTransportBuilder`].

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{
    HeaderName, HeaderValue, ACCEPT_ENCODING, AUTHORIZATION, CONTENT_ENCODING, CONTENT_LENGTH,
    CONTENT_TYPE, HOST, WWW_AUTHENTICATE,
};
use hyper::Request;
use rustls_pki_types::pem::PemObject as _;
use rustls_pki_types::CertificateDer;
use tokio_rustls::TlsConnector;

use super::connection::{self, chain, Answer, Connection, Key, SendError, Target};
use super::credentials::Credentials;
use super::header::{self, Offers, Scheme};
use super::messages;
use super::pool::Pool;
use crate::client::{HttpRequest, HttpResponse, LogUrl, Transport};
use crate::error::TransportError;
use crate::xml::Limits;

/// The `SOAPAction` header's name.
static SOAP_ACTION: HeaderName = HeaderName::from_static("soapaction");

/// A [`Transport`] that authenticates with NTLM (Windows integrated authentication), for
/// services behind IIS with Windows authentication. Needs the `ntlm` feature.
///
/// NTLM authenticates a connection: each new connection runs the handshake (`Authorization:
/// NTLM <negotiate>` with an empty body, the server's `401` with its challenge, then the call
/// itself with `Authorization: NTLM <authenticate>` on the same connection), and later calls
/// reuse the authenticated connections kept idle. A server that offers only `Negotiate` gets
/// the same tokens under that scheme. A `401` on a kept connection is answered with one new
/// handshake on a new connection; a `401` to the handshake's last message is
/// [`TransportError::Unauthorized`] (wrong credentials). A server that asks for no
/// authentication answers the (empty) first request as it is, and gets the call without any.
///
/// HTTP/1.1 over TCP, https through rustls with the web roots (and those added with
/// [`NtlmTransportBuilder::add_root_certificate_pem`]); no proxy. Over https the handshake is
/// bound to the TLS connection (channel binding, `tls-server-end-point`), as servers with
/// Extended Protection for Authentication (Exchange's default) require. Redirects are not followed.
/// With the `cookies` feature (on by default), cookies the service sets go back with later
/// requests, as [`HttpTransport`](crate::client::HttpTransport)'s do. Cloning is cheap and
/// shares the connections and the cookies. The password never appears in `Debug` output,
/// errors or logs.
///
/// ```no_run
/// # async fn run() -> Result<(), soap_runtime::TransportError> {
/// use std::sync::Arc;
/// use soap_runtime::client::{Client, NtlmTransport};
///
/// let transport = NtlmTransport::builder("CORP\\anna", "password")
///     .workstation("BUILD01")
///     .build()?;
/// let client = Client::with_transport(
///     "https://mail.corp.example/EWS/Exchange.asmx",
///     Arc::new(transport),
/// );
/// # let _ = client;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct NtlmTransport {
    inner: Arc<Inner>,
}

struct Inner {
    credentials: Credentials,
    tls: TlsConnector,
    pool: Pool,
    connect_timeout: Duration,
    timeout: Duration,
    /// Set by the builder; `None` follows the caller's limit.
    max_response_size: Option<usize>,
    /// The cookies kept between calls; `None` when turned off.
    #[cfg(feature = "cookies")]
    cookies: Option<crate::client::CookieJar>,
    /// Whether compressed answers are asked for and requests compressed.
    #[cfg(feature = "compression")]
    compression: crate::client::compression::ClientCompression,
}

impl fmt::Debug for NtlmTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        let mut debug = f.debug_struct("NtlmTransport");
        debug
            .field("credentials", &inner.credentials)
            .field("connect_timeout", &inner.connect_timeout)
            .field("timeout", &inner.timeout)
            .field("max_response_size", &inner.max_response_size)
            .field("idle_connections", &inner.pool.idle());
        #[cfg(feature = "compression")]
        debug.field("compression", &inner.compression);
        debug.finish_non_exhaustive()
    }
}

/// One call: the request as it goes on the wire, and its limits.
struct Call<'a> {
    /// The endpoint URL as given (errors show it through [`LogUrl`]).
    url: &'a str,
    target: Target,
    key: Key,
    content_type: HeaderValue,
    soap_action: Option<HeaderValue>,
    /// The `Accept-Encoding` every request carries, when compressed answers are asked for.
    accept_encoding: Option<HeaderValue>,
    /// The body as sent, and its `Content-Encoding` when it is compressed.
    body: Bytes,
    content_encoding: Option<HeaderValue>,
    max: usize,
    /// The transport's cookies and the endpoint URL they are kept for.
    #[cfg(feature = "cookies")]
    cookies: Option<(&'a crate::client::CookieJar, reqwest::Url)>,
}

impl Call<'_> {
    /// Keeps the cookies `answer` sets, for the requests that follow (the handshake's too: a
    /// load balancer's affinity cookie keeps them on one server).
    fn keep_cookies(&self, answer: &Answer) {
        #[cfg(feature = "cookies")]
        if let Some((jar, url)) = &self.cookies {
            jar.store(
                answer.headers.get_all(hyper::header::SET_COOKIE).iter(),
                url,
            );
        }
        #[cfg(not(feature = "cookies"))]
        let _ = answer;
    }

    /// The endpoint for errors: without user information and query.
    fn log_url(&self) -> String {
        LogUrl(self.url).to_string()
    }

    /// The POST of this call, with `authorization` if given, and its body or an empty one.
    fn request(
        &self,
        authorization: Option<String>,
        with_body: bool,
    ) -> Result<Request<Full<Bytes>>, TransportError> {
        let body = if with_body {
            self.body.clone()
        } else {
            Bytes::new()
        };
        let mut builder = Request::post(self.target.path.as_str())
            .header(HOST, self.target.authority.as_str())
            .header(CONTENT_TYPE, self.content_type.clone())
            .header(CONTENT_LENGTH, body.len());
        if let Some(action) = &self.soap_action {
            builder = builder.header(SOAP_ACTION.clone(), action.clone());
        }
        if let Some(accepted) = &self.accept_encoding {
            builder = builder.header(ACCEPT_ENCODING, accepted.clone());
        }
        if let Some(coding) = self.content_encoding.as_ref().filter(|_| with_body) {
            builder = builder.header(CONTENT_ENCODING, coding.clone());
        }
        #[cfg(feature = "cookies")]
        if let Some(cookie) = self
            .cookies
            .as_ref()
            .and_then(|(jar, url)| jar.request_header(url))
        {
            builder = builder.header(hyper::header::COOKIE, cookie);
        }
        if let Some(authorization) = authorization {
            // A scheme name and base64: a valid header value (the error is not reached).
            let mut value = HeaderValue::try_from(authorization)
                .map_err(|_| self.other("the Authorization header cannot be encoded"))?;
            value.set_sensitive(true);
            builder = builder.header(AUTHORIZATION, value);
        }
        builder
            .body(Full::new(body))
            .map_err(|e| self.other(format!("cannot build the request: {e}")))
    }

    fn other(&self, reason: impl Into<String>) -> TransportError {
        TransportError::Other {
            url: self.log_url(),
            reason: reason.into(),
        }
    }

    fn unauthorized(&self, reason: impl Into<String>) -> TransportError {
        TransportError::Unauthorized {
            url: self.log_url(),
            reason: reason.into(),
        }
    }

    fn failed(&self, error: SendError) -> TransportError {
        match error {
            SendError::TooLarge => TransportError::TooLarge {
                url: self.log_url(),
                max: self.max,
            },
            SendError::Unsent(error) | SendError::Failed(error) => self.other(chain(&error)),
        }
    }
}

/// The values of an answer's `WWW-Authenticate` headers.
fn offers(answer: &Answer) -> Offers {
    Offers::parse(
        answer
            .headers
            .get_all(WWW_AUTHENTICATE)
            .iter()
            .filter_map(|v| v.to_str().ok()),
    )
}

impl NtlmTransport {
    /// A builder for a transport authenticating as `user` with `password`. The user may be
    /// given as `DOMAIN\user` (or the domain set with [`NtlmTransportBuilder::domain`]), or as
    /// a user principal name (`user@corp.example`).
    pub fn builder(user: &str, password: &str) -> NtlmTransportBuilder {
        NtlmTransportBuilder {
            credentials: Credentials::new(user, password),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            max_response_size: None,
            max_idle: 8,
            root_certificates: Vec::new(),
            #[cfg(feature = "cookies")]
            cookies: Some(crate::client::CookieJar::new()),
            #[cfg(feature = "compression")]
            compression: Default::default(),
        }
    }

    /// The cookies this transport keeps between calls (feature `cookies`), as
    /// [`HttpTransport::cookie_jar`](crate::client::HttpTransport::cookie_jar)'s; `None` when
    /// turned off.
    #[cfg(feature = "cookies")]
    pub fn cookie_jar(&self) -> Option<&crate::client::CookieJar> {
        self.inner.cookies.as_ref()
    }

    /// The largest response body accepted, in bytes, when the caller gives no limit: the one
    /// set with [`NtlmTransportBuilder::max_response_size`], else
    /// `Limits::default().max_message_size`.
    pub fn max_response_size(&self) -> usize {
        self.inner
            .max_response_size
            .unwrap_or(Limits::default().max_message_size)
    }

    async fn exchange(
        &self,
        request: HttpRequest,
        max: usize,
    ) -> Result<HttpResponse, TransportError> {
        let url = request.url.as_str();
        let target = Target::parse(url).map_err(|reason| TransportError::Other {
            url: LogUrl(url).to_string(),
            reason,
        })?;
        let header = |name: &str, value: String| {
            HeaderValue::try_from(value).map_err(|_| TransportError::Other {
                url: LogUrl(url).to_string(),
                reason: format!("the {name} header holds characters HTTP cannot carry"),
            })
        };
        #[cfg(feature = "compression")]
        let (body, content_encoding) = self.inner.compression.encode(request.body);
        #[cfg(not(feature = "compression"))]
        let (body, content_encoding) = (Bytes::from(request.body), None);
        let call = Call {
            url,
            key: target.key(),
            target,
            content_type: header("Content-Type", request.content_type)?,
            soap_action: request
                .soap_action
                .map(|action| header("SOAPAction", action))
                .transpose()?,
            #[cfg(feature = "compression")]
            accept_encoding: self.inner.compression.accept_encoding(),
            #[cfg(not(feature = "compression"))]
            accept_encoding: None,
            body,
            content_encoding,
            max,
            #[cfg(feature = "cookies")]
            cookies: self
                .inner
                .cookies
                .as_ref()
                .and_then(|jar| Some((jar, reqwest::Url::parse(url).ok()?))),
        };
        let timeout = self.inner.timeout;
        match tokio::time::timeout(timeout, self.run(&call)).await {
            Ok(result) => result,
            Err(_) => Err(TransportError::Timeout {
                url: call.log_url(),
                seconds: timeout.as_secs_f64(),
            }),
        }
    }

    /// The call over an idle authenticated connection, else over a new one after a handshake.
    async fn run(&self, call: &Call<'_>) -> Result<HttpResponse, TransportError> {
        let pool = &self.inner.pool;
        while let Some(mut connection) = pool.take(&call.key) {
            let sent = connection.send(call.request(None, true)?, call.max).await;
            if let Ok(answer) = &sent {
                call.keep_cookies(answer);
            }
            match sent {
                // Closed before the request went out: another connection will do.
                Err(SendError::Unsent(_)) => continue,
                Err(error) => return Err(call.failed(error)),
                Ok(answer) if answer.status == 401 => {
                    tracing::debug!(endpoint = %LogUrl(call.url), "NTLM: a kept connection is no longer authenticated; new handshake");
                    break;
                }
                Ok(answer) => return self.finish(call, connection, answer),
            }
        }
        let mut connection = self.connect(call).await?;
        let answer = self.handshake(call, &mut connection).await?;
        self.finish(call, connection, answer)
    }

    /// Keeps `connection` for later calls when it stays open, and hands `answer` over,
    /// decoded from the coding it is compressed with (within the call's limit).
    fn finish(
        &self,
        call: &Call<'_>,
        connection: Connection,
        answer: Answer,
    ) -> Result<HttpResponse, TransportError> {
        if answer.keep_alive {
            self.inner.pool.put(call.key.clone(), connection);
        }
        #[cfg(feature = "compression")]
        let body = crate::client::compression::decoded_answer(
            &answer.headers,
            answer.body,
            call.max,
            call.url,
        )?;
        #[cfg(not(feature = "compression"))]
        let body = answer.body;
        Ok(HttpResponse {
            status: answer.status,
            content_type: answer
                .headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            body,
        })
    }

    /// A new connection to the call's endpoint, within the connect timeout.
    async fn connect(&self, call: &Call<'_>) -> Result<Connection, TransportError> {
        let limit = self.inner.connect_timeout;
        match tokio::time::timeout(limit, connection::connect(&call.target, &self.inner.tls)).await
        {
            Ok(Ok(connection)) => Ok(connection),
            Ok(Err(error)) => Err(TransportError::Connect {
                url: call.log_url(),
                reason: error.to_string(),
            }),
            Err(_) => Err(TransportError::Timeout {
                url: call.log_url(),
                seconds: limit.as_secs_f64(),
            }),
        }
    }

    /// Sends `request` on `connection`, which is new (an answer that does not come is an
    /// error, whether or not the request went out).
    async fn send_on(
        call: &Call<'_>,
        connection: &mut Connection,
        request: Request<Full<Bytes>>,
    ) -> Result<Answer, TransportError> {
        let answer = connection
            .send(request, call.max)
            .await
            .map_err(|e| call.failed(e))?;
        call.keep_cookies(&answer);
        Ok(answer)
    }

    /// The handshake on the new `connection`, ending with the call itself; its answer.
    async fn handshake(
        &self,
        call: &Call<'_>,
        connection: &mut Connection,
    ) -> Result<Answer, TransportError> {
        let pool = &self.inner.pool;
        let negotiate = messages::negotiate().map_err(|e| call.other(e.to_string()))?;
        let mut scheme = pool.scheme(&call.key);
        let mut answer = Self::send_on(
            call,
            connection,
            call.request(Some(header::authorization(scheme, &negotiate)), false)?,
        )
        .await?;
        let mut offered = offers(&answer);
        if answer.status == 401
            && scheme == Scheme::Ntlm
            && !offered.offers(Scheme::Ntlm)
            && offered.offers(Scheme::Negotiate)
        {
            // The server speaks Negotiate only: the same token under that scheme.
            scheme = Scheme::Negotiate;
            pool.set_scheme(call.key.clone(), scheme);
            if !answer.keep_alive || connection.is_closed() {
                *connection = self.connect(call).await?;
            }
            answer = Self::send_on(
                call,
                connection,
                call.request(Some(header::authorization(scheme, &negotiate)), false)?,
            )
            .await?;
            offered = offers(&answer);
        }
        if answer.status != 401 {
            // No authentication asked for: the call itself, without any.
            if !answer.keep_alive || connection.is_closed() {
                *connection = self.connect(call).await?;
            }
            return Self::send_on(call, connection, call.request(None, true)?).await;
        }
        let Some(token) = offered.token(scheme) else {
            return Err(call.unauthorized(if offered.offers(scheme) {
                format!(
                    "the server answered the {} negotiation without a challenge",
                    scheme.name()
                )
            } else {
                format!(
                    "the server offers no NTLM or Negotiate authentication (it offers: {})",
                    offered.describe()
                )
            }));
        };
        let challenge = header::decode(token).map_err(|e| {
            call.other(format!(
                "the server's {} challenge is not base64: {e}",
                scheme.name()
            ))
        })?;
        let authenticate = messages::authenticate(
            &self.inner.credentials,
            &challenge,
            connection.channel_binding(),
        )
        .map_err(|e| call.other(e.to_string()))?;
        if !answer.keep_alive || connection.is_closed() {
            return Err(
                call.other("the server closed the connection in the middle of the NTLM handshake")
            );
        }
        let answer = Self::send_on(
            call,
            connection,
            call.request(Some(header::authorization(scheme, &authenticate)), true)?,
        )
        .await?;
        if answer.status == 401 {
            return Err(call.unauthorized(format!(
                "the server refused the {} credentials of `{}`",
                scheme.name(),
                self.inner.credentials.account()
            )));
        }
        tracing::debug!(endpoint = %LogUrl(call.url), scheme = scheme.name(), "NTLM: connection authenticated");
        Ok(answer)
    }
}

impl Transport for NtlmTransport {
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
            .inner
            .max_response_size
            .map_or(max_response_size, |own| own.min(max_response_size));
        Box::pin(self.exchange(request, max))
    }
}

/// Configures an [`NtlmTransport`]; made by [`NtlmTransport::builder`].
///
/// Its `Debug` output shows the user, domain and workstation, never the password.
#[derive(Clone)]
pub struct NtlmTransportBuilder {
    credentials: Credentials,
    connect_timeout: Duration,
    timeout: Duration,
    max_response_size: Option<usize>,
    max_idle: usize,
    root_certificates: Vec<CertificateDer<'static>>,
    /// The cookies kept between calls: a new jar unless one is given or they are turned off.
    #[cfg(feature = "cookies")]
    cookies: Option<crate::client::CookieJar>,
    /// Compressed answers and requests.
    #[cfg(feature = "compression")]
    compression: crate::client::compression::ClientCompression,
}

impl fmt::Debug for NtlmTransportBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("NtlmTransportBuilder");
        debug
            .field("credentials", &self.credentials)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_response_size", &self.max_response_size)
            .field("max_idle", &self.max_idle)
            .field("root_certificates", &self.root_certificates.len());
        #[cfg(feature = "compression")]
        debug.field("compression", &self.compression);
        debug.finish()
    }
}

impl NtlmTransportBuilder {
    /// The user's domain (replacing one given as `DOMAIN\user`).
    pub fn domain(mut self, domain: &str) -> Self {
        self.credentials.domain = domain.to_owned();
        self
    }

    /// The workstation name sent to the server (none by default).
    pub fn workstation(mut self, workstation: &str) -> Self {
        self.credentials.workstation = workstation.to_owned();
        self
    }

    /// How long establishing a connection (TCP and TLS) may take; 10 s by default.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long a whole call (connecting, the handshake, sending, receiving the complete
    /// answer) may take; 60 s by default.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body accepted, in bytes. By default the transport follows the
    /// [`Client`](crate::client::Client)'s [`Limits::max_message_size`]; when set, the smaller
    /// of the two applies. Larger answers fail with [`TransportError::TooLarge`] without being
    /// buffered (the handshake's answers too).
    pub fn max_response_size(mut self, max: usize) -> Self {
        self.max_response_size = Some(max);
        self
    }

    /// Keeps cookies in `jar` (feature `cookies`), as
    /// [`HttpTransportBuilder::cookie_jar`](crate::client::HttpTransportBuilder::cookie_jar)
    /// does. By default each transport keeps a jar of its own.
    #[cfg(feature = "cookies")]
    pub fn cookie_jar(mut self, jar: crate::client::CookieJar) -> Self {
        self.cookies = Some(jar);
        self
    }

    /// Neither keeps nor sends cookies (feature `cookies`; without it, none are kept).
    #[cfg(feature = "cookies")]
    pub fn without_cookies(mut self) -> Self {
        self.cookies = None;
        self
    }

    /// Asks for compressed answers (feature `compression`), as
    /// [`HttpTransportBuilder::accept_compressed`](crate::client::HttpTransportBuilder::accept_compressed)
    /// does: IIS compresses large answers (Exchange's item lists) when dynamic compression is
    /// on.
    #[cfg(feature = "compression")]
    pub fn accept_compressed(mut self) -> Self {
        self.compression = self.compression.accepting();
        self
    }

    /// Compresses request bodies (feature `compression`), as
    /// [`HttpTransportBuilder::compress_requests`](crate::client::HttpTransportBuilder::compress_requests)
    /// does; the handshake's empty first message is sent as it is.
    #[cfg(feature = "compression")]
    pub fn compress_requests(mut self, settings: crate::compression::Compression) -> Self {
        self.compression = self.compression.compressing_requests(settings);
        self
    }

    /// How many authenticated connections are kept idle per endpoint; 8 by default.
    pub fn max_idle_connections(mut self, max: usize) -> Self {
        self.max_idle = max;
        self
    }

    /// Also trusts the CA certificate(s) in `pem` for https (besides the bundled web roots):
    /// for servers with a private or self-signed certificate.
    pub fn add_root_certificate_pem(mut self, pem: &[u8]) -> Result<Self, TransportError> {
        let error = |reason: String| TransportError::Other {
            url: "(no request: reading a root certificate)".into(),
            reason,
        };
        let before = self.root_certificates.len();
        for certificate in CertificateDer::pem_slice_iter(pem) {
            self.root_certificates
                .push(certificate.map_err(|e| error(e.to_string()))?);
        }
        if self.root_certificates.len() == before {
            return Err(error("no certificate in the PEM text".into()));
        }
        Ok(self)
    }

    /// Builds the transport; fails when a name is too long for NTLM or a root certificate is
    /// not usable.
    pub fn build(self) -> Result<NtlmTransport, TransportError> {
        if let Some(field) = self.credentials.too_long() {
            return Err(TransportError::Other {
                url: "(no request: setting NTLM credentials)".into(),
                reason: format!(
                    "the {field} name is longer than {} characters",
                    super::credentials::MAX_NAME_CHARS
                ),
            });
        }
        let tls = connection::tls_connector(&self.root_certificates).map_err(|reason| {
            TransportError::Other {
                url: "(no request: setting up TLS)".into(),
                reason,
            }
        })?;
        Ok(NtlmTransport {
            inner: Arc::new(Inner {
                credentials: self.credentials,
                tls,
                pool: Pool::new(self.max_idle),
                connect_timeout: self.connect_timeout,
                timeout: self.timeout,
                max_response_size: self.max_response_size,
                #[cfg(feature = "cookies")]
                cookies: self.cookies,
                #[cfg(feature = "compression")]
                compression: self.compression,
            }),
        })
    }
}
