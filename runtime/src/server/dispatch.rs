//! Picking the operation a request is for, decoding it, running it and encoding the answer.

use std::borrow::Cow;
use std::future::Future;

use super::{SoapRequest, SoapResponse};
use crate::codec::XmlStruct;
use crate::envelope::{
    action_from_content_type, peek_body, peek_version, read_envelope, write_envelope, Message,
    ReadError, Received, SoapVersion,
};
use crate::fault::Fault;
use crate::operation::Operation;
use crate::value::XmlValue;
use crate::xml::Limits;

/// The operation a request is for, as found by [`select`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selected {
    /// The operation's index in the table given to [`select`].
    pub index: usize,
    /// The SOAP version of the request, which the answer uses too.
    pub version: SoapVersion,
}

/// The version a request came in: its envelope's, else its content type's, else SOAP 1.1.
///
/// The envelope wins because some peers send a SOAP 1.2 envelope as `text/xml`; they read the
/// answer in the envelope version they wrote.
pub(crate) fn request_version(request: &SoapRequest) -> SoapVersion {
    peek_version(&request.body)
        .or_else(|| {
            request
                .content_type
                .as_deref()
                .and_then(SoapVersion::from_content_type)
        })
        .unwrap_or_default()
}

/// The action a request names: the `SOAPAction` header (quotes trimmed) or the `action`
/// parameter of its content type; `None` when neither is given or it is empty.
fn request_action(request: &SoapRequest) -> Option<Cow<'_, str>> {
    let header = request
        .soap_action
        .as_deref()
        .map(|a| a.trim().trim_matches('"').trim())
        .filter(|a| !a.is_empty());
    match header {
        Some(action) => Some(Cow::Borrowed(action)),
        None => request
            .content_type
            .as_deref()
            .and_then(action_from_content_type)
            .filter(|a| !a.is_empty())
            .map(Cow::Owned),
    }
}

/// Which of `operations` a request is for: by its action (the SOAP 1.1 `SOAPAction` header,
/// quotes trimmed, or the SOAP 1.2 content type's `action` parameter), else by the local name of
/// the body's first element ([`peek_body`]). `Err` holds the fault response to send.
///
/// An action that names no operation falls back to the body element too, so that peers which
/// send a wrong or empty action (as SOAP 1.1 allows) are still served. A generated dispatcher
/// calls this first, then [`serve_operation`] for the operation at the selected index.
///
/// The operation and version found are recorded on the current span (the HTTP server's
/// [`REQUEST_SPAN`](crate::telemetry::REQUEST_SPAN)).
pub fn select(
    request: &SoapRequest,
    namespaces: &'static [&'static str],
    operations: &'static [Operation],
    limits: &Limits,
) -> Result<Selected, SoapResponse> {
    let selected = find_operation(request, namespaces, operations, limits);
    match &selected {
        Ok(found) => crate::telemetry::record_request(
            operations.get(found.index).map(|op| op.name),
            found.version,
        ),
        Err(_) => crate::telemetry::record_request(None, request_version(request)),
    }
    selected
}

/// [`select`] without the recording.
fn find_operation(
    request: &SoapRequest,
    namespaces: &'static [&'static str],
    operations: &'static [Operation],
    limits: &Limits,
) -> Result<Selected, SoapResponse> {
    let version = request_version(request);
    let action = request_action(request);
    if let Some(action) = &action {
        if let Some(index) = operations
            .iter()
            .position(|op| op.action == action.as_ref())
        {
            return Ok(Selected { index, version });
        }
    }
    let summary = match peek_body(&request.body, *limits) {
        Ok(summary) => summary,
        Err(error) => {
            let fault = Fault::sender(version, format!("cannot read the request: {error}"));
            return Err(fault_response(&fault, namespaces));
        }
    };
    match operations
        .iter()
        .position(|op| op.request.local == summary.body_local)
    {
        Some(index) => Ok(Selected {
            index,
            version: summary.version,
        }),
        None => {
            let reason = match &action {
                Some(action) => format!("no operation of this service has the action `{action}` or takes a `{}` element", summary.body_local),
                None => format!("no operation of this service takes a `{}` element", summary.body_local),
            };
            Err(fault_response(
                &Fault::sender(summary.version, reason),
                namespaces,
            ))
        }
    }
}

/// Runs `operation` for a request [`select`]ed for it: decodes the request as a
/// [`Message<H, B>`] whose body element is `operation.request`, calls `f` with it, and answers.
///
/// `Ok` is written as a response envelope with body element `operation.response`; a [`Fault`]
/// as a fault envelope, mapped to the request's SOAP version ([`Fault::in_version`]). A request
/// that cannot be decoded is answered with a `Sender`/`Client` fault carrying the decode error;
/// an answer that cannot be encoded with a `Receiver`/`Server` fault. The answer always uses the
/// envelope version the request came in.
pub async fn serve_operation<H, B, RH, R, F, Fut>(
    request: &SoapRequest,
    selected: &Selected,
    namespaces: &'static [&'static str],
    operation: &Operation,
    limits: &Limits,
    f: F,
) -> SoapResponse
where
    H: XmlStruct,
    B: XmlValue,
    RH: XmlStruct,
    R: XmlValue,
    F: FnOnce(Message<H, B>) -> Fut,
    Fut: Future<Output = Result<Message<RH, R>, Fault>>,
{
    let received = match decode_request::<H, B>(request, selected, namespaces, operation, limits) {
        Ok(received) => received,
        Err(response) => return response,
    };
    let version = received.version;
    match f(received.message).await {
        Ok(answer) => match write_envelope(
            version,
            namespaces,
            &answer.headers,
            operation.response,
            &answer.body,
        ) {
            Ok(body) => SoapResponse {
                status: 200,
                content_type: version.content_type(None),
                body,
            },
            Err(error) => {
                let fault = Fault::receiver(
                    version,
                    format!("cannot encode the {} response: {error}", operation.name),
                );
                fault_response(&fault, namespaces)
            }
        },
        Err(fault) => fault_response(&fault.in_version(version), namespaces),
    }
}

/// Runs the one-way `operation` (no response message) for a request [`select`]ed for it:
/// decodes the request, calls `f` with it, and answers `202 Accepted` with an empty body, or a
/// fault when the request cannot be decoded or `f` fails.
pub async fn serve_one_way<H, B, F, Fut>(
    request: &SoapRequest,
    selected: &Selected,
    namespaces: &'static [&'static str],
    operation: &Operation,
    limits: &Limits,
    f: F,
) -> SoapResponse
where
    H: XmlStruct,
    B: XmlValue,
    F: FnOnce(Message<H, B>) -> Fut,
    Fut: Future<Output = Result<(), Fault>>,
{
    let received = match decode_request::<H, B>(request, selected, namespaces, operation, limits) {
        Ok(received) => received,
        Err(response) => return response,
    };
    let version = received.version;
    match f(received.message).await {
        Ok(()) => SoapResponse {
            status: 202,
            content_type: version.content_type(None),
            body: Vec::new(),
        },
        Err(fault) => fault_response(&fault.in_version(version), namespaces),
    }
}

/// Decodes a request for `operation`; `Err` holds the fault response to send.
fn decode_request<H: XmlStruct, B: XmlValue>(
    request: &SoapRequest,
    selected: &Selected,
    namespaces: &'static [&'static str],
    operation: &Operation,
    limits: &Limits,
) -> Result<Received<H, B>, SoapResponse> {
    let received = match read_envelope::<H, B>(&request.body, *limits, operation.request.local) {
        Ok(received) => received,
        Err(ReadError::Decode(error)) => {
            let fault = Fault::sender(
                selected.version,
                format!("cannot decode the {} request: {error}", operation.name),
            );
            return Err(fault_response(&fault, namespaces));
        }
        Err(ReadError::Fault(_)) => {
            let fault = Fault::sender(
                selected.version,
                format!("expected a {} request, found a SOAP fault", operation.name),
            );
            return Err(fault_response(&fault, namespaces));
        }
    };
    if !received.unknown_elements.is_empty() {
        tracing::debug!(
            operation = operation.name,
            count = received.unknown_elements.len(),
            "the request holds elements the contract does not know"
        );
    }
    Ok(received)
}

/// The HTTP answer carrying `fault`: status 500 for SOAP 1.1 and for SOAP 1.2 faults other than
/// `Sender` (which get 400, as SOAP 1.2's HTTP binding asks), with the content type of the
/// fault's version.
pub fn fault_response(fault: &Fault, namespaces: &'static [&'static str]) -> SoapResponse {
    let status = match fault.version {
        SoapVersion::Soap12 if matches!(fault.code.as_str(), "Sender" | "Client") => 400,
        _ => 500,
    };
    SoapResponse {
        status,
        content_type: fault.version.content_type(None),
        body: crate::envelope::write_fault(fault, namespaces),
    }
}
