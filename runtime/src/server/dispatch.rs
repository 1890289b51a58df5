//! Picking the operation a request is for, decoding it, running it and encoding the answer.

use std::borrow::Cow;
use std::future::Future;

use bytes::Bytes;

use super::request_headers::RequestHeaderReader;
use super::request_scope::{lend_undeclared, take_back_undeclared, with_undeclared};
use super::ServerSettings;
use super::{answer_buffer, SoapRequest, SoapResponse};
use crate::addressing::server::AddressedReply;
use crate::addressing::AddressingHeaders;
use crate::codec::XmlStruct;
use crate::encoding::resolve_references;
use crate::envelope::{
    action_from_content_type, envelope_writer_in, peek_body, peek_version, read_envelope_from,
    sniff_version, write_envelope_with, write_fault_with, ExtraHeaders, Message, ReadError,
    SoapVersion,
};
use crate::error::EncodeError;
use crate::fault::Fault;
use crate::mtom::{multipart_or_plain_reader, Mtom, XopParts};
use crate::operation::Operation;
use crate::types::QName;
use crate::value::XmlValue;
use crate::xml::name::same_name;
use crate::xml::Limits;
use crate::xml::{XmlElement, XmlWriter};

/// The operation a request is for, as found by [`select`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selected {
    /// The operation's index in the table given to [`select`].
    pub index: usize,
    /// The SOAP version of the request, which the answer uses too.
    pub version: SoapVersion,
    /// How to answer under WS-Addressing, when the request was selected by its `wsa:Action`
    /// ([`crate::addressing::server::select_addressed`]); `None` answers without it.
    pub reply: Option<AddressedReply>,
    /// Answers as MTOM with these settings: set when the request came as MTOM, or by
    /// [`Selected::answer_with_mtom`]; `None` answers plain XML.
    pub mtom: Option<Mtom>,
    /// True when the request came as a `multipart/related` message (MTOM), whose envelope is
    /// its root part: told once from the content type by [`select`], so that decoding does not
    /// ask again.
    pub multipart: bool,
}

impl Selected {
    /// The same selection, answering as MTOM (for a service whose policy asks for it).
    pub fn answer_with_mtom(mut self, mtom: Mtom) -> Self {
        self.mtom = Some(mtom);
        self
    }
}

/// The version a request came in: its envelope's, else its content type's, else SOAP 1.1.
///
/// The envelope wins because some peers send a SOAP 1.2 envelope as `text/xml`; they read the
/// answer in the envelope version they wrote.
pub(crate) fn request_version(request: &SoapRequest) -> SoapVersion {
    let content_type = request.content_type.as_deref();
    version_of(
        request,
        content_type,
        crate::mtom::is_multipart(content_type),
    )
}

/// [`request_version`] of a request whose content type is `content_type`, `multipart` or not.
pub(crate) fn version_of(
    request: &SoapRequest,
    content_type: Option<&str>,
    multipart: bool,
) -> SoapVersion {
    let envelope = envelope_of(request, content_type, multipart, &Limits::default());
    peek_version(envelope.unwrap_or(&request.body))
        .or_else(|| content_type.and_then(SoapVersion::from_content_type))
        .unwrap_or_default()
}

/// The envelope of a request whose content type is `content_type`, `multipart` or not: its
/// body, or the root part of an MTOM request.
pub(crate) fn envelope_of<'a>(
    request: &'a SoapRequest,
    content_type: Option<&str>,
    multipart: bool,
    limits: &Limits,
) -> Result<&'a [u8], crate::error::DecodeError> {
    let multipart = content_type.filter(|_| multipart);
    crate::mtom::multipart_or_plain_envelope(&request.body, multipart, limits)
}

/// The action a request names: the `SOAPAction` header (quotes trimmed) or the `action`
/// parameter of its content type (`multipart` or not); `None` when neither is given or it is
/// empty. The usual header ([`quoted_action`]) is taken from its bytes, without its text (which
/// a [`HeaderText`](super::HeaderText) checks each time it is taken); the content type's text
/// is taken only when there is no header.
fn request_action(request: &SoapRequest, multipart: bool) -> Option<Cow<'_, [u8]>> {
    let header = request
        .soap_action
        .as_ref()
        .map(|header| {
            quoted_action(header.as_bytes()).unwrap_or_else(|| trim_action(header).as_bytes())
        })
        .filter(|a| !a.is_empty());
    match header {
        Some(action) => Some(Cow::Borrowed(action)),
        None => request
            .content_type
            .as_deref()
            .and_then(|ct| {
                if multipart {
                    crate::mtom::action_of(ct)
                } else {
                    action_from_content_type(ct)
                }
            })
            .filter(|a| !a.is_empty())
            .map(|a| Cow::Owned(a.into_bytes())),
    }
}

/// A `SOAPAction` header's action: without the whitespace and quotes around it. The usual
/// form ([`quoted_action`]) is taken apart without the searches of the general case.
fn trim_action(header: &str) -> &str {
    if quoted_action(header.as_bytes()).is_some() {
        return &header[1..header.len() - 1];
    }
    header.trim().trim_matches('"').trim()
}

/// The action inside a `SOAPAction` header of the usual form, one pair of quotes around an
/// action that starts and ends with a visible ASCII character other than a quote: what
/// [`trim_action`] gives for it. `None` for any other form.
#[inline]
fn quoted_action(header: &[u8]) -> Option<&[u8]> {
    let [b'"', inner @ .., b'"'] = header else {
        return None;
    };
    let plain = |b: &u8| b.is_ascii_graphic() && *b != b'"';
    (inner.first().is_some_and(plain) && inner.last().is_some_and(plain)).then_some(inner)
}

/// The index of the one operation of `operations` whose action is `action`; `None` when none
/// has it or several share it.
#[inline]
fn only_operation(operations: &[Operation], action: &[u8]) -> Option<usize> {
    let mut named = operations
        .iter()
        .enumerate()
        .filter(|(_, op)| same_action(op.action.as_bytes(), action));
    match (named.next(), named.next()) {
        (Some((index, _)), None) => Some(index),
        _ => None,
    }
}

/// True when action `a` is `b`. Actions of one service usually share a long start (the
/// service's namespace) and differ at the end, so lengths and the last bytes are compared
/// before the whole.
#[inline]
fn same_action(a: &[u8], b: &[u8]) -> bool {
    let tail = a.len().min(8);
    a.len() == b.len() && a[a.len() - tail..] == b[b.len() - tail..] && same_name(a, b)
}

/// Which of `operations` a request is for: by its action (the SOAP 1.1 `SOAPAction` header,
/// quotes trimmed, or the SOAP 1.2 content type's `action` parameter), else by the local name of
/// the body's first element ([`peek_body`]). `Err` holds the fault response to send.
///
/// An action that names no operation falls back to the body element too, so that peers which
/// send a wrong or empty action (as SOAP 1.1 allows) are still served; so does an action that
/// several operations share. A generated dispatcher
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
    // Whether the request is multipart, told once (decoding takes it from the selection), from
    // the content type's bytes.
    let multipart = request
        .content_type
        .as_ref()
        .is_some_and(|ct| crate::mtom::is_multipart_bytes(ct.as_bytes()));
    let action = request_action(request, multipart);
    // The content type's text, taken only where a request off the usual path needs it.
    let content_type = || request.content_type.as_deref();
    // An MTOM request is answered as MTOM; a SOAP with Attachments one is not (its answer is
    // multipart when it carries attachments).
    let mtom =
        (multipart && content_type().is_some_and(crate::mtom::is_xop)).then_some(Mtom::DEFAULT);
    if let Some(action) = &action {
        // An action shared by several operations (rpc services often give every operation the
        // same one) does not choose: the body element does, below.
        if let Some(index) = only_operation(operations, action) {
            // The root's start tag tells the version without reading the whole document a
            // second time (decoding reads it anyway, and answers in the version it finds);
            // when that tag is not plain, or the request is MTOM (its envelope a MIME part),
            // the document is read for it.
            let version = (!multipart)
                .then(|| sniff_version(&request.body))
                .flatten()
                .unwrap_or_else(|| version_of(request, content_type(), multipart));
            return Ok(Selected {
                index,
                version,
                reply: None,
                mtom,
                multipart,
            });
        }
    }
    let envelope = envelope_of(request, content_type(), multipart, limits);
    let summary = match envelope.and_then(|e| peek_body(e, *limits)) {
        Ok(summary) => summary,
        Err(error) => {
            let version = version_of(request, content_type(), multipart);
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
            reply: None,
            mtom,
            multipart,
        }),
        None => {
            let reason = match &action {
                Some(action) => format!(
                    "no operation of this service has the action `{}` or takes a `{}` element",
                    String::from_utf8_lossy(action),
                    summary.body_local
                ),
                None => format!(
                    "no operation of this service takes a `{}` element",
                    summary.body_local
                ),
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
    settings: &ServerSettings,
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
    let Decoded {
        version,
        message,
        message_id,
        mut undeclared,
    } = match decode_request::<H, B>(request, selected, namespaces, operation, settings) {
        Ok(decoded) => decoded,
        Err(response) => return response,
    };
    let reply = selected.reply;
    let relates_to = message_id.as_deref();
    let reply_headers = |w: &mut XmlWriter| match reply {
        Some(reply) => {
            crate::addressing::write_reply_headers(w, reply.version, reply.action, relates_to)
        }
        None => Ok(()),
    };
    let fault_headers = |w: &mut XmlWriter| match reply {
        Some(reply) => crate::addressing::write_reply_headers(
            w,
            reply.version,
            reply.version.fault_action(),
            relates_to,
        ),
        None => Ok(()),
    };
    let fault_response = |fault: &Fault| fault_response_with(fault, namespaces, &fault_headers);
    let handler = f(message);
    // The undeclared blocks, when there are any, are lent through the request's scope; the
    // handler is awaited in place, so that its future is not copied into another.
    let answered = if undeclared.is_empty() {
        handler.await
    } else if lend_undeclared(&mut undeclared) {
        let answered = handler.await;
        take_back_undeclared();
        answered
    } else {
        with_undeclared(undeclared, handler).await
    };
    // Written after the handler, so this thread's buffer is taken and given back without an
    // await in between.
    let mut writer = envelope_writer_in(version, namespaces, answer_buffer::take());
    if let Some(mtom) = selected.mtom {
        writer.set_xop(XopParts::new(mtom));
    }
    match answered {
        Ok(answer) => match write_envelope_with(
            writer,
            &reply_headers,
            &answer.headers,
            operation.response,
            &answer.body,
            operation.encoded,
        ) {
            Ok(mut writer) => {
                let parts = writer.take_xop();
                let attachments = writer.take_attachments();
                let envelope = writer.into_bytes();
                let (content_type, body) = match (selected.mtom, attachments) {
                    (Some(_), attachments) => {
                        let attachments = attachments
                            .map(crate::swa::SwaParts::into_parts)
                            .unwrap_or_default();
                        let (content_type, body) =
                            crate::mtom::package(version, None, envelope, parts, attachments);
                        (Cow::Owned(content_type), Bytes::from(body))
                    }
                    (None, Some(attachments)) => {
                        let (content_type, body) =
                            crate::swa::package(version, None, envelope, attachments);
                        (Cow::Owned(content_type), Bytes::from(body))
                    }
                    (None, None) => (
                        Cow::Borrowed(version.content_type_without_action()),
                        answer_buffer::finish(envelope),
                    ),
                };
                SoapResponse {
                    status: 200,
                    content_type,
                    body,
                }
            }
            Err(error) => {
                let fault = Fault::receiver(
                    version,
                    format!("cannot encode the {} response: {error}", operation.name),
                );
                fault_response(&fault)
            }
        },
        Err(fault) => fault_response(&fault.in_version(version)),
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
    settings: &ServerSettings,
    f: F,
) -> SoapResponse
where
    H: XmlStruct,
    B: XmlValue,
    F: FnOnce(Message<H, B>) -> Fut,
    Fut: Future<Output = Result<(), Fault>>,
{
    let Decoded {
        version,
        message,
        mut undeclared,
        ..
    } = match decode_request::<H, B>(request, selected, namespaces, operation, settings) {
        Ok(decoded) => decoded,
        Err(response) => return response,
    };
    let handler = f(message);
    // The undeclared blocks, when there are any, are lent through the request's scope; the
    // handler is awaited in place, so that its future is not copied into another.
    let answered = if undeclared.is_empty() {
        handler.await
    } else if lend_undeclared(&mut undeclared) {
        let answered = handler.await;
        take_back_undeclared();
        answered
    } else {
        with_undeclared(undeclared, handler).await
    };
    match answered {
        Ok(()) => SoapResponse {
            status: 202,
            content_type: Cow::Borrowed(version.content_type_without_action()),
            body: Bytes::new(),
        },
        Err(fault) => fault_response(&fault.in_version(version), namespaces),
    }
}

/// A request decoded for its operation: what serving it needs (and nothing that would live
/// on in its future while the handler runs).
struct Decoded<H, B> {
    /// The envelope version it came in.
    version: SoapVersion,
    /// Its headers and body.
    message: Message<H, B>,
    /// Its `wsa:MessageID`, when it was selected under WS-Addressing.
    message_id: Option<String>,
    /// The header blocks its contract does not declare, for the handler
    /// ([`super::undeclared_headers`]).
    undeclared: Vec<XmlElement>,
}

/// Decodes a request for `operation`; `Err` holds the fault response to send.
#[inline(always)]
fn decode_request<H: XmlStruct, B: XmlValue>(
    request: &SoapRequest,
    selected: &Selected,
    namespaces: &'static [&'static str],
    operation: &Operation,
    settings: &ServerSettings,
) -> Result<Decoded<H, B>, SoapResponse> {
    let limits = &settings.limits;
    let mut addressing = AddressingHeaders::default();
    let mut headers = RequestHeaderReader {
        addressing: selected.reply.is_some().then_some(&mut addressing),
        undeclared: Vec::new(),
    };
    let body = resolve_references(&request.body, *limits, operation.encoded);
    let read = body.map_err(ReadError::from).and_then(|body| {
        // Whether the request is multipart was told by the selection.
        let multipart = request
            .content_type
            .as_deref()
            .filter(|_| selected.multipart);
        let r = multipart_or_plain_reader(&body, multipart, *limits)?;
        read_envelope_from::<H, B>(r, operation.request.local, &mut headers)
    });
    // A request that fails to decode is answered in the version a full read of its envelope
    // finds (`select` may have taken it from the root's start tag alone).
    let received = match read {
        Ok(received) => received,
        Err(ReadError::Decode(error)) => {
            let fault = Fault::sender(
                request_version(request),
                format!("cannot decode the {} request: {error}", operation.name),
            );
            return Err(fault_response(&fault, namespaces));
        }
        Err(ReadError::Fault(_)) => {
            let fault = Fault::sender(
                request_version(request),
                format!("expected a {} request, found a SOAP fault", operation.name),
            );
            return Err(fault_response(&fault, namespaces));
        }
    };
    let not_understood: Vec<&QName> = received
        .not_understood
        .iter()
        .filter(|name| !settings.understands(name))
        .collect();
    if !not_understood.is_empty() {
        return Err(must_understand_response(
            received.version,
            &not_understood,
            namespaces,
        ));
    }
    if !received.unknown_elements.is_empty() {
        tracing::debug!(
            operation = operation.name,
            count = received.unknown_elements.len(),
            "the request holds elements the contract does not know"
        );
    }
    let undeclared = headers.undeclared;
    Ok(Decoded {
        version: received.version,
        message: received.message,
        message_id: addressing.message_id,
        undeclared,
    })
}

/// The `MustUnderstand` fault answering a request whose header blocks `not_understood` were
/// marked `mustUnderstand` and not processed; in SOAP 1.2 its header names each block in a
/// `NotUnderstood` element, as SOAP 1.2 Part 1 §5.4.8 describes.
fn must_understand_response(
    version: SoapVersion,
    not_understood: &[&QName],
    namespaces: &'static [&'static str],
) -> SoapResponse {
    let names: Vec<String> = not_understood
        .iter()
        .map(|name| match name.namespace.as_deref() {
            Some(namespace) if !namespace.is_empty() => format!("{{{namespace}}}{}", name.local),
            _ => name.local.clone(),
        })
        .collect();
    let fault = Fault {
        code: String::from("MustUnderstand"),
        ..Fault::sender(
            version,
            format!(
                "the header {} must be understood, and this server does not process it",
                names.join(", ")
            ),
        )
    };
    let not_understood_headers = |w: &mut XmlWriter| -> Result<(), EncodeError> {
        if version == SoapVersion::Soap12 {
            for (index, name) in not_understood.iter().enumerate() {
                w.start_raw("s:NotUnderstood");
                match name.namespace.as_deref().filter(|ns| !ns.is_empty()) {
                    // A prefix of its own on each: the block's namespace may be any.
                    Some(namespace) => {
                        let prefix = format!("nu{index}");
                        w.declare(&prefix, namespace);
                        w.attr("qname", &format!("{prefix}:{}", name.local))?;
                    }
                    None => w.attr("qname", &name.local)?,
                }
                w.end_raw("s:NotUnderstood");
            }
        }
        Ok(())
    };
    fault_response_with(&fault, namespaces, &not_understood_headers)
}

/// The HTTP answer carrying `fault`: status 500 for SOAP 1.1 and for SOAP 1.2 faults other than
/// `Sender` (which get 400, as SOAP 1.2's HTTP binding asks), with the content type of the
/// fault's version.
pub fn fault_response(fault: &Fault, namespaces: &'static [&'static str]) -> SoapResponse {
    fault_response_with(fault, namespaces, &|_| Ok(()))
}

/// [`fault_response`] whose envelope also carries the header elements `extra` writes
/// (WS-Addressing's reply headers, SOAP 1.2's `NotUnderstood`).
fn fault_response_with(
    fault: &Fault,
    namespaces: &'static [&'static str],
    extra: ExtraHeaders<'_>,
) -> SoapResponse {
    let status = match fault.version {
        SoapVersion::Soap12 if matches!(fault.code.as_str(), "Sender" | "Client") => 400,
        _ => 500,
    };
    SoapResponse {
        status,
        content_type: Cow::Borrowed(fault.version.content_type_without_action()),
        body: write_fault_with(fault, namespaces, extra).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Name, Ns};

    const SHARED: &str = "urn:Service/Action";
    const OPERATIONS: &[Operation] = &[
        Operation {
            name: "first",
            action: SHARED,
            request: Name::new(Ns(0), "first"),
            response: Name::new(Ns(0), "firstResponse"),
            encoded: false,
        },
        Operation {
            name: "second",
            action: SHARED,
            request: Name::new(Ns(0), "second"),
            response: Name::new(Ns(0), "secondResponse"),
            encoded: false,
        },
        Operation {
            name: "own",
            action: "urn:Service/Own",
            request: Name::new(Ns(0), "other"),
            response: Name::new(Ns(0), "otherResponse"),
            encoded: false,
        },
    ];

    fn request(action: &str, body: &str) -> SoapRequest {
        SoapRequest {
            soap_action: Some(format!("\"{action}\"").into()),
            content_type: Some("text/xml; charset=utf-8".into()),
            body: Bytes::from(format!(
                "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
                 <m:{body} xmlns:m=\"urn:m\"/></s:Body></s:Envelope>"
            )),
        }
    }

    fn selected(action: &str, body: &str) -> Option<usize> {
        find_operation(
            &request(action, body),
            &["urn:m"],
            OPERATIONS,
            &Limits::default(),
        )
        .ok()
        .map(|s| s.index)
    }

    #[test]
    fn actions_are_trimmed_as_in_general() {
        for header in [
            "\"urn:a/b\"",
            " \"urn:a/b\" ",
            "urn:a/b",
            "\"\"urn:a/b\"\"",
            "\" urn:a/b \"",
            "\"\"",
            "\"",
            "\"\u{a0}x\u{a0}\"",
            "\"é\"",
            "",
        ] {
            assert_eq!(
                trim_action(header),
                header.trim().trim_matches('"').trim(),
                "{header:?}"
            );
        }
        assert!(same_action(b"urn:Service/Own", b"urn:Service/Own"));
        assert!(!same_action(b"urn:Service/Own", b"urn:Service/Owl"));
        assert!(!same_action(b"urn:Service/Own", b"urn:Servicf/Own"));
        assert!(!same_action(b"a", b"ab"));
        assert!(same_action(b"", b""));
    }

    #[test]
    fn a_shared_action_leaves_the_choice_to_the_body_element() {
        assert_eq!(selected(SHARED, "second"), Some(1));
        assert_eq!(selected(SHARED, "first"), Some(0));
    }

    #[test]
    fn an_action_of_one_operation_chooses_it_whatever_the_body() {
        assert_eq!(selected("urn:Service/Own", "second"), Some(2));
    }
}
