//! The HTTP/1.1 server (hyper) in front of a [`SoapHandler`].

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::sync::{oneshot, watch};
use tokio::task::{JoinHandle, JoinSet};

use super::service::{plain, ResponseBody, SoapService};
use super::watchdog::Activity;
use super::SoapHandler;
use crate::xml::Limits;

/// How long a client may take to send a request's headers, also while a kept-alive connection
/// sits idle: a client that connects and sends nothing does not hold a task for ever. A
/// connection is closed once a whole period passes without a complete request head and without
/// a request being answered ([`Activity::stalled`]): after 30 to 60 s.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// How long [`Server::shutdown`] waits for connections in flight before dropping them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

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
    service: SoapService,
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
        Server::bind_service(addr, path, SoapService::new(handler, limits)).await
    }

    /// Binds `addr` and serves `service` at `path` until shut down: a service with HTTP
    /// authentication ([`SoapService::with_authenticator`]), say. Its handlers see each
    /// connection's peer address ([`HttpContext::peer_addr`](super::HttpContext::peer_addr)).
    /// Must be called within a tokio runtime: the server runs on spawned tasks.
    pub async fn bind_service(
        addr: impl ToSocketAddrs,
        path: &str,
        service: SoapService,
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
            service,
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
                    // Each answer is written whole, at once: it must not wait for the
                    // acknowledgement of an earlier one (Nagle's algorithm).
                    let _ = stream.set_nodelay(true);
                    connections.spawn(serve_connection(
                        stream,
                        peer,
                        endpoint.clone(),
                        signal.clone(),
                        HEADER_READ_TIMEOUT,
                    ));
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

/// Serves one connection (HTTP/1.1, keep-alive) until it closes, the server shuts down, or the
/// client delivers no request head for a `header_timeout` while nothing is being answered.
async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    endpoint: Arc<Endpoint>,
    signal: watch::Receiver<bool>,
    header_timeout: Duration,
) {
    let activity = Arc::new(Activity::default());
    let requests = activity.clone();
    let service = hyper::service::service_fn(move |request| {
        let (endpoint, activity) = (endpoint.clone(), requests.clone());
        async move {
            let _answering = activity.request();
            Ok::<_, Infallible>(endpoint.respond(request, peer).await)
        }
    });
    let connection =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    let mut connection = std::pin::pin!(connection);
    // The shutdown signal and the slow-client watchdog are watched on a task of their own (one
    // per connection): polled beside the connection, they were polled on every wake-up of its
    // task, several times per request. This task polls only the answer, a `oneshot`.
    let (stop, mut stopped) = oneshot::channel();
    let supervisor = tokio::spawn(supervise(signal, activity, header_timeout, stop));
    let result = tokio::select! {
        // The connection first: it is what wakes this task for nearly every poll.
        biased;
        result = connection.as_mut() => result,
        why = &mut stopped => match why {
            Ok(Stop::Stalled) => {
                tracing::debug!(%peer, "closing a connection that sent no request in time");
                Ok(())
            }
            // Shutting down, or the supervisor is gone (the runtime is stopping): finish the
            // request in flight, if any, and close.
            Ok(Stop::Shutdown) | Err(_) => {
                connection.as_mut().graceful_shutdown();
                connection.await
            }
        },
    };
    supervisor.abort();
    if let Err(error) = result {
        tracing::debug!(%peer, %error, "connection ended with an error");
    }
}

/// Why a connection's supervisor stops it.
enum Stop {
    /// The server is shutting down (or was dropped).
    Shutdown,
    /// The client sent no request head in time ([`Activity::stalled`]).
    Stalled,
}

/// Waits for the server's shutdown or the connection's stall, and tells `stop` which came.
async fn supervise(
    mut signal: watch::Receiver<bool>,
    activity: Arc<Activity>,
    header_timeout: Duration,
    stop: oneshot::Sender<Stop>,
) {
    let why = tokio::select! {
        // A change, or the Server being dropped: stop either way.
        _ = signal.changed() => Stop::Shutdown,
        () = activity.stalled(header_timeout) => Stop::Stalled,
    };
    // The connection may have ended meanwhile: then nobody listens, and nothing is lost.
    let _ = stop.send(why);
}

impl Endpoint {
    /// Answers a request from `peer` for the endpoint's path with the SOAP service, any other
    /// with 404.
    async fn respond(
        &self,
        request: Request<Incoming>,
        peer: SocketAddr,
    ) -> Response<ResponseBody> {
        if request.uri().path() != &*self.path {
            let response = plain(
                StatusCode::NOT_FOUND,
                format!("no SOAP endpoint here; the endpoint is {}\n", self.path),
            );
            tracing::debug!(path = %request.uri().path(), status = response.status().as_u16(), "SOAP request");
            return response;
        }
        self.service.respond_from(request, Some(peer)).await
    }
}

#[cfg(test)]
mod tests {
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;
    use crate::server::{SoapRequest, SoapResponse};

    const PERIOD: Duration = Duration::from_millis(100);

    /// Answers every request after `delay`, and counts the requests it has finished.
    struct Slow {
        delay: Duration,
        finished: Arc<AtomicUsize>,
    }

    impl SoapHandler for Slow {
        fn handle(
            &self,
            _request: SoapRequest,
        ) -> Pin<Box<dyn Future<Output = SoapResponse> + Send + '_>> {
            Box::pin(async move {
                tokio::time::sleep(self.delay).await;
                self.finished.fetch_add(1, SeqCst);
                SoapResponse {
                    status: 200,
                    content_type: "text/xml; charset=utf-8".into(),
                    body: "<Envelope/>".into(),
                }
            })
        }
    }

    /// A connection served with a header timeout of `PERIOD` by a handler that answers after
    /// `delay`, the client's end of it, and the count of requests the handler finished.
    async fn connection(
        delay: Duration,
    ) -> (TcpStream, tokio::task::JoinHandle<()>, Arc<AtomicUsize>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let client = TcpStream::connect(listener.local_addr().expect("address"));
        let (client, accepted) = tokio::join!(client, listener.accept());
        let (stream, peer) = accepted.expect("accept");
        let finished = Arc::new(AtomicUsize::new(0));
        let endpoint = Arc::new(Endpoint {
            path: "/".into(),
            service: SoapService::new(
                Arc::new(Slow {
                    delay,
                    finished: finished.clone(),
                }),
                Limits::default(),
            ),
        });
        // The sender lives as long as the connection: dropping it would shut the server down.
        let (shutdown, signal) = watch::channel(false);
        let served = tokio::spawn(async move {
            serve_connection(stream, peer, endpoint, signal, PERIOD).await;
            drop(shutdown);
        });
        (client.expect("connect"), served, finished)
    }

    /// A SOAP 1.1 request for path `/` with a token envelope.
    fn request() -> String {
        let body = "<Envelope/>";
        format!(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"urn:a\"\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
    }

    /// What the server sends until it closes the connection (fails after 2 s).
    async fn until_closed(client: &mut TcpStream) -> String {
        let mut received = Vec::new();
        tokio::time::timeout(Duration::from_secs(2), client.read_to_end(&mut received))
            .await
            .expect("the server closes the connection")
            .expect("read");
        String::from_utf8_lossy(&received).into_owned()
    }

    #[tokio::test]
    async fn a_client_that_sends_no_request_head_in_time_is_disconnected() {
        // Nothing at all.
        let (mut client, served, _) = connection(Duration::ZERO).await;
        assert_eq!(until_closed(&mut client).await, "");
        served.await.expect("served");
        // Half a head, the rest never.
        let (mut client, served, _) = connection(Duration::ZERO).await;
        client
            .write_all(b"POST / HTTP/1.1\r\nHost: x\r\n")
            .await
            .expect("send");
        assert_eq!(until_closed(&mut client).await, "");
        served.await.expect("served");
    }

    #[tokio::test]
    async fn a_request_answered_slower_than_the_header_timeout_is_answered() {
        let (mut client, served, _) = connection(PERIOD * 4).await;
        client.write_all(request().as_bytes()).await.expect("send");
        // Answered, then closed once the kept-alive connection has idled a period or two.
        let received = until_closed(&mut client).await;
        assert!(received.starts_with("HTTP/1.1 200"), "{received}");
        served.await.expect("served");
    }

    #[tokio::test]
    async fn an_operation_finishes_when_its_client_goes_away() {
        let (mut client, served, finished) = connection(PERIOD * 3).await;
        client.write_all(request().as_bytes()).await.expect("send");
        // The request has reached the handler; the client leaves before the answer.
        tokio::time::sleep(PERIOD).await;
        drop(client);
        served.await.expect("served");
        // The operation had started: it runs to its end all the same.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        while finished.load(SeqCst) == 0 {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the operation was abandoned when its client went away"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}
