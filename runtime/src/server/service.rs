//! A SOAP endpoint as a service over `http::Request`, to mount in an application that already
//! has an HTTP server: with the `tower` feature [`SoapService`] is a `tower::Service`, so axum's
//! `Router::route_service` (or any tower-based stack) serves it beside its own routes and layers.
//!
//! [`Server`](super::Server) uses the same code for every request that reaches its path.
//!
//! Before anything else, a service with an authenticator ([`HttpAuthenticator`] or
//! [`AsyncHttpAuthenticator`]) asks it about the request's head, and answers a refused request
//! as its [`Refusal`](super::Refusal) says (`401`, `403` or `503`); the handler of a request
//! let through runs with the request's [`HttpContext`] (see
//! [`with_http_context`](super::with_http_context)). The peer's address is known to
//! [`Server`](super::Server); mounted in another HTTP stack, the service finds it in the
//! request's extensions ([`SoapService::with_peer_address`]).

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::{Buf, BufMut, Bytes, BytesMut};
use http_body_util::{BodyExt, Full};
use hyper::body::Body;
use hyper::header::{HeaderMap, HeaderName, HeaderValue, ALLOW, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::http::Extensions;
use hyper::{Method, Request, Response, StatusCode};

use super::authenticating::authenticate;
use super::content_coding::{
    decoded_request, request_coding, unsupported_coding, RequestDecodeError,
};
use super::dispatch::{fault_response, request_version};
use super::request_scope::in_request_scope;
use super::{
    AsyncHttpAuthenticator, HeaderText, HttpAuthentication, HttpAuthenticator, HttpContext,
    ServerSettings, SoapHandler, SoapRequest, SoapResponse,
};
use crate::envelope::{action_from_content_type, SoapVersion};
use crate::fault::Fault;
use crate::telemetry;
use crate::xml::{charset_of, Limits};
use tracing::Instrument as _;

/// How long a client may take to send a request's body.
const BODY_READ_TIMEOUT: Duration = Duration::from_secs(120);

/// The `SOAPAction` header's name, made once rather than parsed from text for every request.
static SOAP_ACTION: HeaderName = HeaderName::from_static("soapaction");

/// The content types of the answers without an action (every answer of a SOAP 1.1 service),
/// as header values checked at compile time; any other is checked and converted when it is
/// sent.
static ANSWER_CONTENT_TYPES: [(&str, HeaderValue); 2] = [
    (
        "text/xml; charset=utf-8",
        HeaderValue::from_static("text/xml; charset=utf-8"),
    ),
    (
        "application/soap+xml; charset=utf-8",
        HeaderValue::from_static("application/soap+xml; charset=utf-8"),
    ),
];

/// What is pre-allocated for a request body at most, whatever its `Content-Length` claims.
const PREALLOCATE_MAX: usize = 1024 * 1024;

/// The body of every response a [`SoapService`] gives: the whole envelope at once.
pub type ResponseBody = Full<Bytes>;

/// The error a request body may fail with, as tower and hyper box it.
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A SOAP endpoint over `http::Request`: asks its authenticator (if any) about the request's
/// head, checks the method and content type, reads the body within
/// [`Limits::max_message_size`], and answers with a [`SoapHandler`], which runs with the
/// request's [`HttpContext`].
///
/// It does not look at the request's path: mount it where it belongs (with axum,
/// `Router::route_service("/Remote/Services82/EMail.svc", server.into_service())`). With the
/// `tower` feature it implements `tower::Service<http::Request<B>>` for any body `B`, never
/// fails (every problem is answered, with a SOAP fault where the request was meant as SOAP) and
/// is always ready. Cheap to clone; clones share the handler.
#[derive(Clone)]
pub struct SoapService {
    handler: Arc<dyn SoapHandler>,
    limits: Limits,
    /// What lets requests through, if anything is asked.
    authenticator: Option<HttpAuthentication>,
    /// Where [`SoapService::respond`] finds the peer's address.
    peer_address: PeerAddress,
    /// How answers are compressed for clients that accept it; `None` sends them as they are.
    #[cfg(feature = "compression")]
    compression: Option<crate::compression::Compression>,
}

/// Finds the peer's address in a request's extensions (see [`SoapService::with_peer_address`]).
pub type PeerAddress = fn(&Extensions) -> Option<SocketAddr>;

/// The peer's address as a `SocketAddr` of its own among the request's extensions.
fn socket_addr_extension(extensions: &Extensions) -> Option<SocketAddr> {
    extensions.get::<SocketAddr>().copied()
}

impl fmt::Debug for SoapService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("SoapService");
        debug
            .field("limits", &self.limits)
            .field("authenticator", &self.authenticator);
        #[cfg(feature = "compression")]
        debug.field("compression", &self.compression);
        debug.finish_non_exhaustive()
    }
}

/// Why a request body could not be read.
enum BodyError {
    /// It exceeds the size limit.
    TooLarge,
    /// It did not arrive in time.
    Timeout,
    /// The connection failed.
    Failed(BoxError),
}

impl SoapService {
    /// A service answering with `handler`; request bodies above `limits.max_message_size` are
    /// refused (HTTP 413 with a fault).
    pub fn new(handler: Arc<dyn SoapHandler>, limits: Limits) -> Self {
        SoapService {
            handler,
            limits,
            authenticator: None,
            peer_address: socket_addr_extension,
            #[cfg(feature = "compression")]
            compression: None,
        }
    }

    /// A service answering with `handler` under `settings`: its limits, and its HTTP
    /// authenticator if it has one. What a generated server's `into_service` and `bind` use.
    pub fn with_settings(handler: Arc<dyn SoapHandler>, settings: &ServerSettings) -> Self {
        SoapService {
            authenticator: settings.http_authenticator.clone(),
            ..SoapService::new(handler, settings.limits)
        }
    }

    /// The same service serving only the requests `authenticator` lets through, deciding at
    /// once: any other is answered as its [`Refusal`](super::Refusal) says (`401` with its
    /// challenges, `403` or `503`), before its body is read. Replaces an authenticator set
    /// before.
    pub fn with_authenticator(self, authenticator: impl HttpAuthenticator) -> Self {
        self.with_authentication(HttpAuthentication::sync(authenticator))
    }

    /// The same service serving only the requests `authenticator` lets through, awaited on
    /// the request's task before its body is read (a token looked up in a database, say): any
    /// other is answered as [`with_authenticator`](Self::with_authenticator) says. Replaces an
    /// authenticator set before.
    pub fn with_async_authenticator(self, authenticator: impl AsyncHttpAuthenticator) -> Self {
        self.with_authentication(HttpAuthentication::asynchronous(authenticator))
    }

    /// The same service authenticating requests with `authentication`, of either kind.
    /// Replaces an authenticator set before.
    pub fn with_authentication(mut self, authentication: HttpAuthentication) -> Self {
        self.authenticator = Some(authentication);
        self
    }

    /// The same service compressing its answers (feature `compression`) for clients whose
    /// `Accept-Encoding` allows gzip or deflate (as browsers, Python's `requests`, PHP's
    /// `SoapClient` with `SOAP_COMPRESSION_ACCEPT` and .NET with `AutomaticDecompression`
    /// send), when they are at least `settings`' [`min_size`](crate::compression::Compression::min_size):
    /// `Content-Encoding` says which, and `Vary: Accept-Encoding` that it depends on the
    /// request. Multipart (MTOM, SwA) answers are compressed whole. Off by default.
    ///
    /// Compressed requests (`Content-Encoding: gzip`, `x-gzip` or `deflate`) are read with the
    /// feature whether or not answers are compressed, within [`Limits::max_message_size`]
    /// after decompression.
    #[cfg(feature = "compression")]
    pub fn with_compression(mut self, settings: crate::compression::Compression) -> Self {
        self.compression = Some(settings);
        self
    }

    /// The same service finding the peer's address of a request ([`HttpContext::peer_addr`])
    /// with `peer_address` in the request's extensions, where the application's HTTP stack
    /// put it. By default it looks for a `SocketAddr` of its own there. Under axum, served
    /// with `into_make_service_with_connect_info::<SocketAddr>()`:
    ///
    /// ```ignore
    /// service.with_peer_address(|extensions| {
    ///     extensions.get::<axum::extract::ConnectInfo<SocketAddr>>().map(|info| info.0)
    /// })
    /// ```
    ///
    /// [`Server`](super::Server) knows the peer itself and does not use this.
    pub fn with_peer_address(mut self, peer_address: PeerAddress) -> Self {
        self.peer_address = peer_address;
        self
    }

    /// Answers one HTTP request. Must be called within a tokio runtime with its timer enabled
    /// (a body still on its way is read under a time limit). A panic in the handler fails its
    /// request (with a `Receiver` fault), not the connection or the application.
    pub async fn respond<B>(&self, request: Request<B>) -> Response<ResponseBody>
    where
        B: Body + Send + 'static,
        B::Data: Send,
        B::Error: Into<BoxError>,
    {
        let peer = (self.peer_address)(request.extensions());
        self.respond_from(request, peer).await
    }

    /// Answers one HTTP request that came from `peer`, as [`SoapService::respond`] does.
    pub(crate) async fn respond_from<B>(
        &self,
        request: Request<B>,
        peer: Option<SocketAddr>,
    ) -> Response<ResponseBody>
    where
        B: Body + Send + 'static,
        B::Data: Send,
        B::Error: Into<BoxError>,
    {
        let content_type = header(request.headers(), &CONTENT_TYPE);
        let soap_action = header(request.headers(), &SOAP_ACTION);
        // What the debug line after the answer names, copied only when that line is written.
        let logged = tracing::enabled!(tracing::Level::DEBUG).then(|| {
            let action = soap_action
                .as_deref()
                .map(str::to_owned)
                .or_else(|| content_type.as_deref().and_then(action_from_content_type));
            (request.uri().path().to_owned(), action)
        });
        // One span per served request, whichever way the request came (bind or tower).
        let served = telemetry::RequestSpan::start(request.uri().path());
        // Pinned where it is made and instrumented by reference: the answer's future (the body
        // read, the handler's future) is not copied into the span's wrapper and again into this
        // future's state.
        let answer = std::pin::pin!(self.answer(request, peer, content_type, soap_action));
        let response = answer.instrument(served.span()).await;
        served.finish(response.status().as_u16());
        if let Some((path, action)) = logged {
            tracing::debug!(path = %path, action = action.as_deref().unwrap_or(""), status = response.status().as_u16(), "SOAP request");
        }
        response
    }

    async fn answer<B>(
        &self,
        request: Request<B>,
        peer: Option<SocketAddr>,
        content_type: Option<HeaderText>,
        soap_action: Option<HeaderText>,
    ) -> Response<ResponseBody>
    where
        B: Body + Send + 'static,
        B::Data: Send,
        B::Error: Into<BoxError>,
    {
        // The head moves into the handler's context: nothing of it is copied.
        let (head, body) = request.into_parts();
        let mut http = HttpContext::new(head, peer);
        if let Some(authentication) = &self.authenticator {
            match authenticate(authentication, &http).await {
                Ok(user) => http.set_user(user),
                Err(answer) => return answer,
            }
        }
        if http.method() != Method::POST {
            let mut response = plain(
                StatusCode::METHOD_NOT_ALLOWED,
                "a SOAP endpoint accepts POST only\n".into(),
            );
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static("POST"));
            return response;
        }
        // The content type's text, taken once (a `HeaderText` checks its bytes when asked).
        let content_text = content_type.as_deref();
        let Some(version) = content_text.and_then(|ct| {
            SoapVersion::from_content_type(ct).or_else(|| crate::mtom::soap_version_of(ct))
        }) else {
            let fault = Fault::sender(
                SoapVersion::Soap11,
                format!(
                    "unsupported content type `{}`: a SOAP endpoint accepts text/xml (SOAP 1.1), application/soap+xml (SOAP 1.2) or MTOM (multipart/related; type=\"application/xop+xml\")",
                    content_text.unwrap_or("(none)")
                ),
            );
            return soap(
                fault_response(&fault, &[]),
                Some(StatusCode::UNSUPPORTED_MEDIA_TYPE),
            );
        };
        let coding = match request_coding(http.headers()) {
            Ok(coding) => coding,
            Err(value) => return unsupported_coding(version, &value),
        };
        let max = self.limits.max_message_size;
        let too_large = || {
            let fault = Fault::sender(
                version,
                format!("message exceeds max_message_size ({max} bytes)"),
            );
            soap(
                fault_response(&fault, &[]),
                Some(StatusCode::PAYLOAD_TOO_LARGE),
            )
        };
        let announced = http
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|len| len.trim().parse::<u64>().ok());
        if announced.is_some_and(|len| len > max as u64) {
            return too_large();
        }
        let body = match in_time(read_body(body, max, announced), BODY_READ_TIMEOUT).await {
            Ok(Ok(body)) => body,
            Ok(Err(BodyError::TooLarge)) => return too_large(),
            Err(_) | Ok(Err(BodyError::Timeout)) => {
                let fault = Fault::sender(version, "the request body did not arrive in time");
                return soap(
                    fault_response(&fault, &[]),
                    Some(StatusCode::REQUEST_TIMEOUT),
                );
            }
            Ok(Err(BodyError::Failed(error))) => {
                // The client is probably gone; the answer is for the log's sake.
                let fault =
                    Fault::sender(version, format!("cannot read the request body: {error}"));
                return soap(fault_response(&fault, &[]), Some(StatusCode::BAD_REQUEST));
            }
        };
        // A compressed body is read within the same limit, which bounds what it inflates to.
        let body = match decoded_request(coding, body, max) {
            Ok(body) => body,
            Err(RequestDecodeError::TooLarge) => return too_large(),
            Err(RequestDecodeError::Corrupt(reason)) => {
                let fault =
                    Fault::sender(version, format!("cannot decompress the request: {reason}"));
                return soap(fault_response(&fault, &[]), Some(StatusCode::BAD_REQUEST));
            }
        };
        // The body to UTF-8, as `utf8_request` does, with the content type's text at hand.
        let (body, content_type) =
            match crate::charset::decoded_body(&body, content_text.and_then(charset_of)) {
                Ok(None) => (body, content_type),
                Ok(Some(text)) => (text, content_text.map(crate::charset::utf8_content_type)),
                Err(error) => {
                    let fault = Fault::sender(version, format!("cannot read the request: {error}"));
                    return soap(fault_response(&fault, &[]), None);
                }
            };
        let request = SoapRequest {
            soap_action,
            content_type,
            body,
        };
        // The request's bytes and content type (shared, not copied, and not looked up again in
        // the head), to answer in its version if the handler panics; the version is worked out
        // then, not for every request. A body decoded to UTF-8 comes with its UTF-8 content
        // type, which names the same SOAP version and MIME boundary as the one sent.
        let body = request.body.clone();
        let sent_content_type = request.content_type.clone();
        // The answer's coding, chosen before the request's head moves into the handler's context.
        #[cfg(feature = "compression")]
        let compressed = self.compression.map(|settings| {
            (
                settings,
                super::content_coding::accepted_coding(http.headers()),
            )
        });
        // The handler runs on this task, its panics caught; if the client goes away first, the
        // rest of its work moves to a task of its own (see `Handled`).
        let answer = match Handled::new(self.handler.clone(), request, http).await {
            Ok(response) => response,
            Err(panic) => {
                tracing::error!(
                    panic = panic_message(panic.as_ref()),
                    "the SOAP handler panicked"
                );
                let version = request_version(&SoapRequest {
                    soap_action: None,
                    content_type: sent_content_type,
                    body,
                });
                let fault =
                    Fault::receiver(version, "the service failed while handling the request");
                fault_response(&fault, &[])
            }
        };
        #[cfg(feature = "compression")]
        if let Some((settings, coding)) = compressed {
            return super::content_coding::compressed_answer(answer, coding, &settings);
        }
        soap(answer, None)
    }
}

/// The handler's work on one request, done on the request's own task: that costs no task, no
/// schedule and no wake-up per request, as `tokio::spawn` did. A panic in the handler (in
/// `handle` itself or in its future) is its output's `Err`. Dropped before its answer (the
/// connection closed: the client went away), it moves the rest of the work to a task of its own,
/// so that an operation that has started always finishes, as it did on a spawned task.
struct Handled {
    /// `None` once the answer or a panic came.
    work: Option<Pin<Box<dyn Future<Output = SoapResponse> + Send>>>,
    /// The request's span, where the work goes on if it moves to a task of its own.
    span: tracing::Span,
}

impl Handled {
    /// The work of `handler` on `request`, with `http` as its HTTP context, in the current
    /// span (the request's). The context goes into the work's one allocation, and goes with
    /// it to a task of its own if the client goes away.
    fn new(handler: Arc<dyn SoapHandler>, request: SoapRequest, http: HttpContext) -> Self {
        Handled {
            work: Some(Box::pin(in_request_scope(http, async move {
                handler.handle(request).await
            }))),
            span: tracing::Span::current(),
        }
    }
}

impl Future for Handled {
    type Output = Result<SoapResponse, Box<dyn Any + Send>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Polled after its output: never ready again.
        let Some(work) = self.work.as_mut() else {
            return Poll::Pending;
        };
        // A future that panicked is not polled again: it is dropped here, not moved to a task.
        match std::panic::catch_unwind(AssertUnwindSafe(|| work.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(response)) => {
                self.work = None;
                Poll::Ready(Ok(response))
            }
            Err(panic) => {
                self.work = None;
                Poll::Ready(Err(panic))
            }
        }
    }
}

impl Drop for Handled {
    fn drop(&mut self) {
        let Some(work) = self.work.take() else {
            return;
        };
        // Outside a runtime (it is shutting down) there is nowhere to finish it.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            tracing::debug!("the client went away; the operation finishes on a task of its own");
            runtime.spawn(work.instrument(self.span.clone()));
        }
    }
}

/// The message a panic was raised with, when it is text (`panic!` with a literal or format).
pub(super) fn panic_message(panic: &(dyn Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(not text)")
}

#[cfg(feature = "tower")]
impl<B> tower_service::Service<Request<B>> for SoapService
where
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    type Response = Response<ResponseBody>;
    type Error = std::convert::Infallible;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<Self::Response, Self::Error>> + Send>,
    >;

    /// Always ready: requests wait for nothing but their own handler.
    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let service = self.clone();
        Box::pin(async move { Ok(service.respond(request).await) })
    }
}

/// The value of header `name`, if it is present and valid text (shared with `headers`, not
/// copied).
fn header(headers: &HeaderMap, name: &HeaderName) -> Option<HeaderText> {
    headers.get(name).and_then(HeaderText::from_header)
}

/// `work` if it completes within `limit`: polled once first without a timer, since most
/// bodies arrive with their headers and are read at once (and most authenticators that await
/// find their answer in a cache); the timer (an entry in tokio's timer wheel, and the clock
/// read for its deadline) starts only for work still on its way.
pub(super) async fn in_time<F: Future>(
    work: F,
    limit: Duration,
) -> Result<F::Output, tokio::time::error::Elapsed> {
    let mut work = std::pin::pin!(work);
    let first = std::future::poll_fn(|cx| Poll::Ready(work.as_mut().poll(cx))).await;
    match first {
        Poll::Ready(output) => Ok(output),
        Poll::Pending => tokio::time::timeout(limit, work).await,
    }
}

/// Reads a request body of at most `max` bytes, refusing it as soon as it grows larger.
async fn read_body<B>(body: B, max: usize, announced: Option<u64>) -> Result<Bytes, BodyError>
where
    B: Body,
    B::Error: Into<BoxError>,
{
    let capacity = announced
        .map_or(0, |len| usize::try_from(len).unwrap_or(usize::MAX))
        .min(max)
        .min(PREALLOCATE_MAX);
    // A body that arrives in one piece (most do) is kept as it came, without a copy; the
    // pieces of one that does not are joined in `buffer`.
    let mut whole = Bytes::new();
    let mut buffer: Option<BytesMut> = None;
    let mut body = std::pin::pin!(body);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            let error: BoxError = e.into();
            match error.downcast_ref::<hyper::Error>() {
                Some(e) if e.is_timeout() => BodyError::Timeout,
                _ => BodyError::Failed(error),
            }
        })?;
        if let Ok(mut data) = frame.into_data() {
            let received = buffer.as_ref().map_or(whole.len(), BytesMut::len);
            let len = data.remaining();
            if len > max - received {
                return Err(BodyError::TooLarge);
            }
            match &mut buffer {
                Some(buffer) => buffer.put(data),
                None if whole.is_empty() => whole = data.copy_to_bytes(len),
                None => {
                    let mut joined = BytesMut::with_capacity(capacity.max(received + len));
                    joined.put(std::mem::take(&mut whole));
                    joined.put(data);
                    buffer = Some(joined);
                }
            }
        }
    }
    Ok(buffer.map_or(whole, BytesMut::freeze))
}

/// A plain-text answer, for requests that are not SOAP requests at all.
pub(super) fn plain(status: StatusCode, text: String) -> Response<ResponseBody> {
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// The HTTP form of a SOAP answer, with `status` overriding the answer's own.
pub(super) fn soap(answer: SoapResponse, status: Option<StatusCode>) -> Response<ResponseBody> {
    let mut response = Response::new(Full::new(answer.body));
    *response.status_mut() = status.unwrap_or_else(|| {
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    });
    let content_type = match ANSWER_CONTENT_TYPES
        .iter()
        .find(|(text, _)| *text == answer.content_type)
    {
        Some((_, value)) => value.clone(),
        None => HeaderValue::try_from(answer.content_type.into_owned())
            .unwrap_or_else(|_| HeaderValue::from_static("text/xml; charset=utf-8")),
    };
    response.headers_mut().insert(CONTENT_TYPE, content_type);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_body_read_at_once_or_in_time_is_read_and_a_late_one_is_not() {
        let limit = Duration::from_millis(50);
        assert_eq!(in_time(async { 1 }, limit).await.ok(), Some(1));
        // Pending at first, then done well within the limit: read.
        let later = async {
            tokio::time::sleep(Duration::from_millis(1)).await;
            2
        };
        assert_eq!(in_time(later, limit).await.ok(), Some(2));
        // Never done: refused once the limit passes.
        let never = std::future::pending::<u8>();
        assert!(in_time(never, limit).await.is_err());
    }
}
