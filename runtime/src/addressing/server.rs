//! The server side of WS-Addressing: selecting the operation by `wsa:Action`, and the faults
//! for requests without the required headers or with an unknown action.

use super::{Addressing, AddressingHeaders, AddressingVersion};
use crate::envelope::{HeaderReader, SoapVersion};
use crate::error::DecodeError;
use crate::fault::Fault;
use crate::operation::Operation;
use crate::server::{fault_response, select, Selected, SoapRequest, SoapResponse};
use crate::xml::{Limits, XmlReader, XmlWriter};

/// How to answer a request selected under WS-Addressing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AddressedReply {
    /// The version the request used.
    pub version: AddressingVersion,
    /// The response action (empty: no `wsa:Action` is sent).
    pub action: &'static str,
}

/// Like [`select`], under WS-Addressing: the operation is the one whose input action is the
/// request's `wsa:Action`, and the answer will carry `wsa:RelatesTo` and the response action.
///
/// A request without `wsa:Action` is refused with the WS-Addressing fault
/// (`MessageAddressingHeaderRequired`, or `MessageInformationHeaderRequired` in the 2004/08
/// version) when `addressing.required`, and selected as [`select`] does otherwise; a
/// request-response call without `wsa:MessageID` is refused the same way when required. An
/// action no operation has gets the `ActionNotSupported` fault; a WS-Addressing 1.0
/// request-response call whose `wsa:ReplyTo` is not anonymous, `OnlyAnonymousAddressSupported`.
#[allow(clippy::result_large_err)] // the error is the response to send, as for `select`
pub fn select_addressed(
    request: &SoapRequest,
    namespaces: &'static [&'static str],
    operations: &'static [Operation],
    addressing: &Addressing,
    limits: &Limits,
) -> Result<Selected, SoapResponse> {
    // The content type's text, taken once, and whether it is multipart, told once.
    let content_type = request.content_type.as_deref();
    let multipart = crate::mtom::is_multipart(content_type);
    let version = crate::server::version_of(request, content_type, multipart);
    let envelope = crate::server::envelope_of(request, content_type, multipart, limits);
    let headers = match envelope.and_then(|e| peek_addressing(e, *limits)) {
        Ok(headers) => headers,
        Err(error) => {
            let fault = Fault::sender(version, format!("cannot read the request: {error}"));
            return Err(fault_response(&fault, namespaces));
        }
    };
    let wsa = headers.version.unwrap_or(addressing.version);
    let Some(action) = headers.action.as_deref() else {
        if addressing.required {
            return Err(header_required(version, wsa, "Action"));
        }
        return select(request, namespaces, operations, limits);
    };
    let found = operations
        .iter()
        .enumerate()
        .find(|(_, op)| addressing.actions_of(op).input == action);
    let Some((index, operation)) = found else {
        return Err(addressing_fault(
            version,
            wsa,
            "ActionNotSupported",
            &format!("the action `{action}` is not supported by this endpoint"),
            Detail::Action(action),
        ));
    };
    let output = addressing.actions_of(operation).output;
    if addressing.required && !output.is_empty() && headers.message_id.is_none() {
        return Err(header_required(version, wsa, "MessageID"));
    }
    // Answers go back on the same connection: a reply address elsewhere cannot be honoured.
    if let Some(reply_to) = headers.reply_to.as_deref() {
        let none = "http://www.w3.org/2005/08/addressing/none";
        if wsa == AddressingVersion::W3c10
            && !output.is_empty()
            && reply_to != wsa.anonymous()
            && reply_to != none
        {
            return Err(addressing_fault(
                version,
                wsa,
                "OnlyAnonymousAddressSupported",
                "this endpoint answers on the request's connection only: wsa:ReplyTo must be anonymous",
                Detail::Header("ReplyTo"),
            ));
        }
    }
    Ok(Selected {
        index,
        version,
        reply: Some(AddressedReply {
            version: wsa,
            action: output,
        }),
        mtom: multipart.then_some(crate::mtom::Mtom::DEFAULT),
        multipart,
    })
}

/// Reads the addressing headers of an envelope, stopping at its `Body`.
pub fn peek_addressing(bytes: &[u8], limits: Limits) -> Result<AddressingHeaders, DecodeError> {
    let mut headers = AddressingHeaders::default();
    let mut r = XmlReader::new(bytes, limits)?;
    let root = r.root()?;
    let Some(version) = r.namespace_of(&root).and_then(SoapVersion::from_namespace) else {
        // Not an envelope: `select` reports it.
        return Ok(headers);
    };
    while let Some(child) = r.next_child()? {
        let in_envelope = r.namespace_of(&child) == Some(version.namespace());
        match child.local_name() {
            "Header" if in_envelope => {
                while let Some(header) = r.next_child()? {
                    if !headers.read_header(&mut r, &header)? {
                        r.skip()?;
                    }
                }
            }
            "Body" if in_envelope => break,
            _ => r.skip()?,
        }
    }
    Ok(headers)
}

/// What the detail of an addressing fault names.
enum Detail<'a> {
    /// The missing header (`ProblemHeaderQName`).
    Header(&'a str),
    /// The unsupported action (`ProblemAction`).
    Action(&'a str),
}

/// The fault for a missing required header (`local` is its local name).
fn header_required(soap: SoapVersion, wsa: AddressingVersion, local: &str) -> SoapResponse {
    addressing_fault(
        soap,
        wsa,
        wsa.header_required_subcode(),
        &format!("A required header representing a Message Addressing Property is not present: wsa:{local}"),
        Detail::Header(local),
    )
}

/// A WS-Addressing fault as its SOAP binding describes it: in SOAP 1.2 code `Sender` with the
/// addressing subcode and the detail in `Detail`; in SOAP 1.1 the subcode as the fault code
/// and the detail in a `wsa:FaultDetail` header. It carries the fault action.
fn addressing_fault(
    soap: SoapVersion,
    wsa: AddressingVersion,
    subcode: &str,
    reason: &str,
    detail: Detail<'_>,
) -> SoapResponse {
    let write = |w: &mut XmlWriter| -> Result<(), crate::error::EncodeError> {
        match detail {
            Detail::Header(local) => {
                w.start_raw("wsa:ProblemHeaderQName");
                w.text(&format!("wsa:{local}"))?;
                w.end_raw("wsa:ProblemHeaderQName");
            }
            Detail::Action(action) => {
                w.start_raw("wsa:ProblemAction");
                w.start_raw("wsa:Action");
                w.text(action)?;
                w.end_raw("wsa:Action");
                w.end_raw("wsa:ProblemAction");
            }
        }
        Ok(())
    };
    let body = (|| -> Result<Vec<u8>, crate::error::EncodeError> {
        let mut w = XmlWriter::with_capacity(&[], 1024);
        w.start_raw("s:Envelope");
        w.declare("s", soap.namespace());
        w.declare("wsa", wsa.namespace());
        w.start_raw("s:Header");
        w.start_raw("wsa:Action");
        w.attr("s:mustUnderstand", "1")?;
        w.text(wsa.fault_action())?;
        w.end_raw("wsa:Action");
        if soap == SoapVersion::Soap11 {
            w.start_raw("wsa:FaultDetail");
            write(&mut w)?;
            w.end_raw("wsa:FaultDetail");
        }
        w.end_raw("s:Header");
        w.start_raw("s:Body");
        w.start_raw("s:Fault");
        match soap {
            SoapVersion::Soap11 => {
                w.start_raw("faultcode");
                w.text(&format!("wsa:{subcode}"))?;
                w.end_raw("faultcode");
                w.start_raw("faultstring");
                w.text(reason)?;
                w.end_raw("faultstring");
            }
            SoapVersion::Soap12 => {
                w.start_raw("s:Code");
                w.start_raw("s:Value");
                w.text("s:Sender")?;
                w.end_raw("s:Value");
                w.start_raw("s:Subcode");
                w.start_raw("s:Value");
                w.text(&format!("wsa:{subcode}"))?;
                w.end_raw("s:Value");
                w.end_raw("s:Subcode");
                w.end_raw("s:Code");
                w.start_raw("s:Reason");
                w.start_raw("s:Text");
                w.attr("xml:lang", "en")?;
                w.text(reason)?;
                w.end_raw("s:Text");
                w.end_raw("s:Reason");
                w.start_raw("s:Detail");
                write(&mut w)?;
                w.end_raw("s:Detail");
            }
        }
        w.end_raw("s:Fault");
        w.end_raw("s:Body");
        w.end_raw("s:Envelope");
        Ok(w.into_bytes())
    })();
    match body {
        Ok(body) => SoapResponse {
            status: match soap {
                SoapVersion::Soap11 => 500,
                SoapVersion::Soap12 => 400,
            },
            content_type: std::borrow::Cow::Borrowed(soap.content_type_without_action()),
            body: body.into(),
        },
        // Only a header value with characters XML cannot carry gets here (an action sent
        // with them): answer with a plain fault instead.
        Err(error) => fault_response(&Fault::sender(soap, format!("{reason} ({error})")), &[]),
    }
}
