//! A client [`Transport`] that wraps another one to add what a production client usually wants:
//! retries of transport failures, a timeout per operation, and instrumentation (a `tracing`
//! event per attempt with the operation, attempt, HTTP status and duration; never the body,
//! which carries tickets and passwords).
//!
//! The demo calls an EMail server that comes up only after the first attempts failed to
//! connect (the retries get through), then an operation that takes longer than its own timeout.
//!
//! `cargo run -p soap-examples --example retrying_transport`

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use services82_email::*;
use soap_runtime::client::{HttpRequest, HttpResponse, HttpTransport, LogUrl, Transport};
use soap_runtime::envelope::action_from_content_type;
use soap_runtime::{Client, Fault, Message, TransportError};

/// Wraps `inner` with retries, per-operation timeouts and a `tracing` event per attempt.
#[derive(Debug)]
struct Resilient<T> {
    inner: T,
    /// How many attempts a call gets at most.
    attempts: u32,
    /// The pause before the first retry; doubled before each further one.
    backoff: Duration,
    /// The timeout of an attempt, unless `timeouts` names the operation.
    default_timeout: Duration,
    /// Operations (the last segment of their SOAP action) with a timeout of their own.
    timeouts: Vec<(&'static str, Duration)>,
    /// Operations that are safe to send twice, so that a timed-out attempt may be retried.
    idempotent: Vec<&'static str>,
}

impl<T: Transport> Resilient<T> {
    fn new(inner: T) -> Self {
        Resilient {
            inner,
            attempts: 5,
            backoff: Duration::from_millis(100),
            default_timeout: Duration::from_secs(30),
            timeouts: Vec::new(),
            idempotent: Vec::new(),
        }
    }

    /// Gives `operation` its own timeout per attempt.
    fn timeout(mut self, operation: &'static str, timeout: Duration) -> Self {
        self.timeouts.push((operation, timeout));
        self
    }

    /// Marks `operation` as safe to repeat: an attempt that timed out (and so may have reached
    /// the server) is retried. A connection that failed is always retried: nothing was sent.
    fn idempotent(mut self, operation: &'static str) -> Self {
        self.idempotent.push(operation);
        self
    }

    /// The operation a request is for: the last segment of its SOAP action (the `SOAPAction`
    /// header in SOAP 1.1, the content type's `action` parameter in SOAP 1.2).
    fn operation(request: &HttpRequest) -> String {
        let action = match &request.soap_action {
            Some(header) => header.trim_matches('"').to_string(),
            None => action_from_content_type(&request.content_type).unwrap_or_default(),
        };
        action.rsplit('/').next().unwrap_or_default().to_string()
    }

    async fn call(
        &self,
        request: HttpRequest,
        max_response_size: usize,
    ) -> Result<HttpResponse, TransportError> {
        let operation = Self::operation(&request);
        let timeout = self
            .timeouts
            .iter()
            .find(|(name, _)| *name == operation)
            .map_or(self.default_timeout, |(_, timeout)| *timeout);
        let mut backoff = self.backoff;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let started = Instant::now();
            let sent = self.inner.send_limited(request.clone(), max_response_size);
            let result = match tokio::time::timeout(timeout, sent).await {
                Ok(result) => result,
                Err(_) => Err(TransportError::Timeout {
                    url: LogUrl(&request.url).to_string(),
                    seconds: timeout.as_secs_f64(),
                }),
            };
            let elapsed_ms = started.elapsed().as_millis() as u64;
            let retry = match &result {
                Ok(response) => {
                    tracing::info!(%operation, attempt, status = response.status, elapsed_ms, "SOAP call");
                    false
                }
                Err(error) => {
                    tracing::warn!(%operation, attempt, %error, elapsed_ms, "SOAP call failed");
                    let retryable = match error {
                        TransportError::Connect { .. } => true,
                        TransportError::Timeout { .. } => {
                            self.idempotent.contains(&operation.as_str())
                        }
                        _ => false,
                    };
                    retryable && attempt < self.attempts
                }
            };
            if !retry {
                return result;
            }
            tokio::time::sleep(backoff).await;
            backoff *= 2;
        }
    }
}

impl<T: Transport> Transport for Resilient<T> {
    fn send(
        &self,
        request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        Box::pin(self.call(request, usize::MAX))
    }

    fn send_limited(
        &self,
        request: HttpRequest,
        max_response_size: usize,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        Box::pin(self.call(request, max_response_size))
    }
}

/// Answers `RefreshFolder` at once and `GetFolderList` slowly.
struct FakeEMail;

impl EMailService for FakeEMail {
    async fn refresh_folder(
        &self,
        _request: Message<RequestHeaders, RefreshFolder>,
    ) -> Result<Message<ResponseHeaders, RefreshFolderResponse>, Fault> {
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: RefreshFolderResponse { response: Some(7) },
        })
    }

    async fn get_folder_list(
        &self,
        _request: Message<RequestHeaders, GetFolderList>,
    ) -> Result<Message<ResponseHeaders, GetFolderListResponse>, Fault> {
        tokio::time::sleep(Duration::from_secs(2)).await;
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: GetFolderListResponse::default(),
        })
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt().with_target(false).init();

    // A free port on 127.0.0.1, where the server comes up only after a while.
    let addr = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let server = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(350)).await;
        EMailServer::new(FakeEMail).bind(addr).await
    });

    let transport = Resilient::new(HttpTransport::new())
        .timeout("GetFolderList", Duration::from_millis(300))
        .timeout("GetEMailAsStream", Duration::from_secs(300))
        .idempotent("GetEMailEnvelopes");
    let url = format!("http://{addr}{}", EMailServer::<FakeEMail>::DEFAULT_PATH);
    let agent = EMailAgent::with_client(Client::with_transport(url, Arc::new(transport)));

    // Connection refused until the server is up: retried with backoff, then answered.
    let batch = agent.refresh_folder(None, None).await?;
    println!("RefreshFolder answered {batch}");

    // Slower than its own timeout, and not marked idempotent: one attempt, a typed error.
    match agent.get_folder_list(None, None).await {
        Err(soap_runtime::Error::Transport(error)) => println!("GetFolderList: {error}"),
        other => println!("GetFolderList: unexpected {other:?}"),
    }
    server.await??.shutdown().await;
    Ok(())
}
