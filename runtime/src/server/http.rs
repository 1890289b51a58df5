//! The HTTP/1.1 server (hyper) in front of a [`SoapHandler`].

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, ALLOW, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};
use tracing::Instrument as _;

use super::dispatch::{fault_response, request_version};
use super::{SoapHandler, SoapRequest, SoapResponse};
use crate::envelope::{action_from_content_type, SoapVersion};
use crate::fault::Fault;
use crate::telemetry;
use crate::xml::Limits;

/// How long a client may take to send a request's headers, also while a kept-alive connection
/// sits idle: a client that connects and sends nothing does not hold a task for ever.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a client may take to send a request's body.
const BODY_READ_TIMEOUT: Duration = Duration::from_secs(120);

/// How long [`Server::shutdown`] waits for connections in flight before dropping them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// What is pre-allocated for a request body at most, whatever its `Content-Length` claims.
const PREALLOCATE_MAX: usize = 1024 * 1024;

/// A running HTTP server for one SOAP endpoint.
///
/// It serves until [`Server::shutdown`] is called; dropping it also stops it (without waiting).
#[derive(Debug)]
pub struct Server {
    local_addr: SocketAddr,
    path: Arc<str>,
    shutdown: watch::Sender<bool>,
    accept: JoinHandle<()>,
}

/// What every connection of a server shares.
struct Endpoint {
    path: Arc<str>,
    handler: Arc<dyn SoapHandler>,
    limits: Limits,
}

impl Server {
    /// Binds `addr` (e.g. "127.0.0.1:0") and serves `handler` at `path` (e.g.
    /// "/Remote/Services82/EMail.svc") until shut down.
    ///
    /// Requests bodies are refused above `limits.max_message_size` (HTTP 413 with a fault).
    /// Must be called within a tokio runtime: the server runs on spawned tasks.
    pub async fn bind(
        addr: impl ToSocketAddrs,
        path: &str,
        handler: Arc<dyn SoapHandler>,
        limits: Limits,
    ) -> std::io::Result<Server> {
        let listener = TcpListener::bind(addr).await?;
        let local_addr = listener.local_addr()?;
        let path: Arc<str> = if path.starts_with('/') {
            path.into()
        } else {
            format!("/{path}").into()
        };
        let (shutdown, signal) = watch::channel(false);
        let endpoint = Arc::new(Endpoint {
            path: path.clone(),
            handler,
            limits,
        });
        let accept = tokio::spawn(accept_loop(listener, endpoint, signal));
        tracing::debug!(%local_addr, path = %path, "SOAP server listening");
        Ok(Server {
            local_addr,
            path,
            shutdown,
            accept,
        })
    }

    /// The address the server listens on (with the actual port when bound to port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The endpoint's URL, e.g. "http://127.0.0.1:PORT/Remote/Services82/EMail.svc".
    pub fn url(&self) -> String {
        format!("http://{}{}", self.local_addr, self.path)
    }

    /// Stops accepting connections, lets the connections in flight finish their current
    /// request (for a few seconds at most), then returns.
    pub async fn shutdown(self) {
        // Receivers may be gone already if the accept loop ended; nothing is lost then.
        let _ = self.shutdown.send(true);
        if let Err(error) = self.accept.await {
            tracing::warn!(%error, "the SOAP server's accept loop failed");
        }
    }
}

/// Accepts connections until the shutdown signal, then waits for them briefly.
async fn accept_loop(
    listener: TcpListener,
    endpoint: Arc<Endpoint>,
    mut signal: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    connections.spawn(serve_connection(stream, peer, endpoint.clone(), signal.clone()));
                }
                Err(error) => {
                    // Usually out of file descriptors: back off instead of spinning.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            // Reap finished connections so the set does not grow with the server's lifetime.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            // A change, or the Server being dropped: stop either way.
            _ = signal.changed() => break,
        }
    }
    drop(listener);
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::debug!(
            remaining = connections.len(),
            "dropping connections still open after the shutdown grace period"
        );
        connections.abort_all();
    }
    tracing::debug!(path = %endpoint.path, "SOAP server stopped");
}

/// Serves one connection (HTTP/1.1, keep-alive) until it closes or the server shuts down.
async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    endpoint: Arc<Endpoint>,
    mut signal: watch::Receiver<bool>,
) {
    let service = hyper::service::service_fn(move |request| {
        let endpoint = endpoint.clone();
        async move { Ok::<_, Infallible>(endpoint.respond(request).await) }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    let mut connection = std::pin::pin!(connection);
    let result = tokio::select! {
        result = connection.as_mut() => result,
        _ = signal.changed() => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
    if let Err(error) = result {
        tracing::debug!(%peer, %error, "connection ended with an error");
    }
}

/// Why a request body could not be read.
enum BodyError {
    /// It exceeds the size limit.
    TooLarge,
    /// It did not arrive in time.
    Timeout,
    /// The connection failed.
    Failed(hyper::Error),
}

impl Endpoint {
    async fn respond(&self, request: Request<Incoming>) -> Response<Full<Bytes>> {
        let path = request.uri().path().to_string();
        let content_type = header(&request, CONTENT_TYPE.as_str());
        let soap_action = header(&request, "soapaction");
        let action = soap_action
            .clone()
            .or_else(|| content_type.as_deref().and_then(action_from_content_type));
        let served = telemetry::RequestSpan::start(&path);
        let response = self
            .route(request, content_type, soap_action)
            .instrument(served.span())
            .await;
        served.finish(response.status().as_u16());
        tracing::debug!(path = %path, action = action.as_deref().unwrap_or(""), status = response.status().as_u16(), "SOAP request");
        response
    }

    async fn route(
        &self,
        request: Request<Incoming>,
        content_type: Option<String>,
        soap_action: Option<String>,
    ) -> Response<Full<Bytes>> {
        if request.uri().path() != &*self.path {
            return plain(
                StatusCode::NOT_FOUND,
                format!("no SOAP endpoint here; the endpoint is {}\n", self.path),
            );
        }
        if request.method() != Method::POST {
            let mut response = plain(
                StatusCode::METHOD_NOT_ALLOWED,
                "a SOAP endpoint accepts POST only\n".into(),
            );
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static("POST"));
            return response;
        }
        let Some(version) = content_type.as_deref().and_then(|ct| {
            SoapVersion::from_content_type(ct).or_else(|| crate::mtom::soap_version_of(ct))
        }) else {
            let fault = Fault::sender(
                SoapVersion::Soap11,
                format!(
                    "unsupported content type `{}`: a SOAP endpoint accepts text/xml (SOAP 1.1), application/soap+xml (SOAP 1.2) or MTOM (multipart/related; type=\"application/xop+xml\")",
                    content_type.as_deref().unwrap_or("(none)")
                ),
            );
            return soap(
                fault_response(&fault, &[]),
                Some(StatusCode::UNSUPPORTED_MEDIA_TYPE),
            );
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
        let announced = header(&request, CONTENT_LENGTH.as_str())
            .and_then(|len| len.trim().parse::<u64>().ok());
        if announced.is_some_and(|len| len > max as u64) {
            return too_large();
        }
        let body = match tokio::time::timeout(
            BODY_READ_TIMEOUT,
            read_body(request.into_body(), max, announced),
        )
        .await
        {
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
        let request = SoapRequest {
            soap_action,
            content_type,
            body,
        };
        let request = match crate::charset::utf8_request(request) {
            Ok(request) => request,
            Err(error) => {
                let fault = Fault::sender(version, format!("cannot read the request: {error}"));
                return soap(fault_response(&fault, &[]), None);
            }
        };
        let version = request_version(&request);
        let handler = self.handler.clone();
        // A task of its own, so that a panicking handler fails its request, not the server.
        let handled = async move { handler.handle(request).await }.in_current_span();
        match tokio::spawn(handled).await {
            Ok(response) => soap(response, None),
            Err(error) => {
                tracing::error!(path = %self.path, %error, "the SOAP handler failed");
                let fault =
                    Fault::receiver(version, "the service failed while handling the request");
                soap(fault_response(&fault, &[]), None)
            }
        }
    }
}

/// The value of header `name`, if it is present and valid text.
fn header(request: &Request<Incoming>, name: &str) -> Option<String> {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Reads a request body of at most `max` bytes, refusing it as soon as it grows larger.
async fn read_body(
    mut body: Incoming,
    max: usize,
    announced: Option<u64>,
) -> Result<Bytes, BodyError> {
    let capacity = announced
        .map_or(0, |len| usize::try_from(len).unwrap_or(usize::MAX))
        .min(max)
        .min(PREALLOCATE_MAX);
    let mut buffer = BytesMut::with_capacity(capacity);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            if e.is_timeout() {
                BodyError::Timeout
            } else {
                BodyError::Failed(e)
            }
        })?;
        if let Ok(data) = frame.into_data() {
            if data.len() > max - buffer.len() {
                return Err(BodyError::TooLarge);
            }
            buffer.extend_from_slice(&data);
        }
    }
    Ok(buffer.freeze())
}

/// A plain-text answer, for requests that are not SOAP requests at all.
fn plain(status: StatusCode, text: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// The HTTP form of a SOAP answer, with `status` overriding the answer's own.
fn soap(answer: SoapResponse, status: Option<StatusCode>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() = status.unwrap_or_else(|| {
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    });
    let content_type = HeaderValue::try_from(answer.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("text/xml; charset=utf-8"));
    response.headers_mut().insert(CONTENT_TYPE, content_type);
    response
}
