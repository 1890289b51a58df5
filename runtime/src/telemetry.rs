//! The `tracing` spans of SOAP traffic: one per client call ([`CALL_SPAN`]) and one per request
//! the HTTP server serves ([`REQUEST_SPAN`]), both at `INFO` level, with these fields:
//!
//! - `operation`: the operation's name (`RefreshFolder`); on the server, once it is known;
//! - `soap_version`: `1.1` or `1.2`;
//! - `http_status`: the answer's status code (absent when no answer came);
//! - `duration_ms`: the time from the start of the call or request to its end, in milliseconds;
//! - on a call, `endpoint` (scheme, host and path only: no credentials, query or fragment) and
//!   `outcome` (`ok`, `fault`, `http`, `transport`, `decode`, `encode`, `addressing`, `signature`);
//! - on a request, `path` (without the query).
//!
//! Nothing else is recorded: no header values, no bodies, no fault reasons, so no ticket,
//! password or token can reach a log through them. Without a subscriber the spans cost next to
//! nothing; with `tracing-subscriber`, `fmt().with_span_events(FmtSpan::CLOSE)` prints one line
//! per call with all the fields.

use std::time::Instant;

use tracing::field::Empty;
use tracing::Span;

use crate::envelope::SoapVersion;

/// The name of the span of one client call.
pub const CALL_SPAN: &str = "soap_call";

/// The name of the span of one request the HTTP server serves.
pub const REQUEST_SPAN: &str = "soap_request";

/// The `soap_version` field's value.
fn version_label(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "1.1",
        SoapVersion::Soap12 => "1.2",
    }
}

/// Milliseconds since `started`, with microseconds as the fraction.
fn elapsed_ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

/// Records the HTTP status on the current span: the call's, when the client runs in it.
#[cfg(feature = "client")]
pub(crate) fn record_http_status(status: u16) {
    Span::current().record("http_status", status);
}

/// Runs `call`, a call of `operation` to `endpoint` (shown without credentials, query or
/// fragment), in a [`CALL_SPAN`], and records its duration and outcome (the error's kind only,
/// never its message).
#[cfg(feature = "client")]
pub(crate) async fn traced_call<T, S, D>(
    operation: &crate::operation::Operation,
    version: SoapVersion,
    endpoint: impl std::fmt::Display,
    call: impl std::future::Future<Output = Result<T, crate::error::Error<S, D>>>,
) -> Result<T, crate::error::Error<S, D>>
where
    S: crate::error::ServiceFailure,
    D: crate::error::FaultDetail,
{
    use crate::error::Error;
    use tracing::Instrument as _;
    let span = call_span(operation, version, &endpoint);
    let started = Instant::now();
    let result = call.instrument(span.clone()).await;
    let outcome = match &result {
        Ok(_) => "ok",
        Err(Error::Fault(_) | Error::DeclaredFault { .. }) => "fault",
        Err(Error::Service(_)) => "service",
        Err(Error::Http { .. }) => "http",
        Err(Error::Transport(_)) => "transport",
        Err(Error::Decode(_)) => "decode",
        Err(Error::Encode(_)) => "encode",
        Err(Error::Addressing(_)) => "addressing",
        #[cfg(feature = "wsse-signature")]
        Err(Error::Signature { .. }) => "signature",
    };
    finish_call(&span, outcome, started);
    result
}

/// Opens the [`CALL_SPAN`] of a call (apart from [`traced_call`], which exists once per
/// operation, so that this exists once).
#[cfg(feature = "client")]
fn call_span(
    operation: &crate::operation::Operation,
    version: SoapVersion,
    endpoint: &dyn std::fmt::Display,
) -> Span {
    tracing::info_span!(
        CALL_SPAN,
        operation = operation.name,
        soap_version = version_label(version),
        endpoint = %endpoint,
        http_status = Empty,
        outcome = Empty,
        duration_ms = Empty,
    )
}

/// Records a call's outcome and duration on its span.
#[cfg(feature = "client")]
fn finish_call(span: &Span, outcome: &'static str, started: Instant) {
    span.record("outcome", outcome);
    span.record("duration_ms", elapsed_ms(started));
}

/// The span of one served request, and when it started (`None` when no subscriber records the
/// span: the clock is not read for a duration nobody sees).
#[cfg(feature = "server")]
pub(crate) struct RequestSpan {
    span: Span,
    started: Option<Instant>,
}

#[cfg(feature = "server")]
impl RequestSpan {
    /// Opens the span of a request for `path` (without its query).
    pub(crate) fn start(path: &str) -> RequestSpan {
        let span = tracing::info_span!(
            REQUEST_SPAN,
            path = path,
            operation = Empty,
            soap_version = Empty,
            http_status = Empty,
            duration_ms = Empty,
        );
        let started = (!span.is_disabled()).then(Instant::now);
        RequestSpan { span, started }
    }

    /// The span, to serve the request in.
    pub(crate) fn span(&self) -> Span {
        self.span.clone()
    }

    /// Records the answer's status and the request's duration.
    pub(crate) fn finish(self, status: u16) {
        if let Some(started) = self.started {
            self.span.record("http_status", status);
            self.span.record("duration_ms", elapsed_ms(started));
        }
    }
}

/// Records, on the current span, the SOAP version of the request being served and, once
/// dispatch has found it, its operation.
#[cfg(feature = "server")]
pub(crate) fn record_request(operation: Option<&'static str>, version: SoapVersion) {
    let span = Span::current();
    span.record("soap_version", version_label(version));
    if let Some(operation) = operation {
        span.record("operation", operation);
    }
}
