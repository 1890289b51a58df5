//! The checks the fuzz targets run, shared with the regression tests.
//!
//! Both `fuzz/fuzz_targets/*.rs` and `tests/tests/fuzz_regressions.rs` include this file with
//! `#[path]`, so that a crashing input found by `cargo fuzz` is replayed by `cargo test` through
//! exactly the same code. Every function panics when it finds a bug and returns otherwise.
//!
//! (The WSDL → Rust target's check is in `wsdl.rs` beside this file, so that these two build
//! without the generator.)
//! - [`email_response`]: any bytes as the answer to any EMail operation, through the client
//!   (`soap_runtime::Client::call` over a canned transport); a decoded answer must survive
//!   encoding and decoding again unchanged.
//! - [`server_dispatch`]: any bytes as a request to the EMail server's dispatcher; the answer is
//!   always a well-formed SOAP envelope (a response or a fault), and a decoded request survives
//!   encoding and decoding again unchanged.

#![allow(dead_code)]

use std::cell::RefCell;
use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use services82_email::*;
use soap_runtime::client::{Client, HttpRequest, HttpResponse, Transport};
use soap_runtime::envelope::{read_envelope, write_envelope, ReadError};
use soap_runtime::server::{SoapRequest, SoapResponse};
use soap_runtime::{
    EncodeError, Error, Fault, Limits, Message, Operation, SoapVersion, TransportError, XmlStruct,
    XmlValue,
};

thread_local! {
    static RUNTIME: RefCell<Option<soap_runtime::tokio::runtime::Runtime>> = const { RefCell::new(None) };
}

/// Runs `future` to completion on this thread's current-thread runtime.
fn block_on<F: Future>(future: F) -> F::Output {
    RUNTIME.with(|cell| {
        let mut slot = cell.borrow_mut();
        let runtime = slot.get_or_insert_with(|| {
            soap_runtime::tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("a current-thread runtime")
        });
        runtime.block_on(future)
    })
}

/// Limits small enough that the fuzzer reaches them, large enough for the seed documents.
pub fn fuzz_limits() -> Limits {
    Limits {
        max_message_size: 1024 * 1024,
        max_depth: 32,
        max_string_len: 64 * 1024,
        max_items: 1000,
        ..Limits::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Every EMail operation, as (operation, request type, response type).

/// Calls `$apply!(operation_const, RequestType, ResponseType)` for the operation at `$index`
/// of [`OPERATIONS`]; `$default` when the index is out of range.
macro_rules! with_operation {
    ($index:expr, $apply:ident, $default:expr) => {
        with_operation!(@arms $index, $apply, $default;
            0 CREATE_DEFAULT_EMAIL_ADDRESS CreateDefaultEMailAddress CreateDefaultEMailAddressResponse,
            1 CREATE_DEFAULT_EMAIL_ATTACHMENT CreateDefaultEMailAttachment CreateDefaultEMailAttachmentResponse,
            2 CREATE_DEFAULT_EMAIL_CONNECTION_INFO CreateDefaultEMailConnectionInfo CreateDefaultEMailConnectionInfoResponse,
            3 CREATE_DEFAULT_EMAIL_CONNECTION_INFO_EXTENDED CreateDefaultEMailConnectionInfoExtended CreateDefaultEMailConnectionInfoExtendedResponse,
            4 CREATE_DEFAULT_EMAIL_CUSTOM_HEADER CreateDefaultEMailCustomHeader CreateDefaultEMailCustomHeaderResponse,
            5 CREATE_DEFAULT_EMAIL_ENTITY CreateDefaultEMailEntity CreateDefaultEMailEntityResponse,
            6 CREATE_DEFAULT_EMAIL_ENVELOPE CreateDefaultEMailEnvelope CreateDefaultEMailEnvelopeResponse,
            7 CREATE_DEFAULT_EMAIL_FOLDER CreateDefaultEMailFolder CreateDefaultEMailFolderResponse,
            8 CREATE_DEFAULT_EMAIL_SO_INFO CreateDefaultEMailSOInfo CreateDefaultEMailSOInfoResponse,
            9 GET_EMAIL_FROM_ID GetEMailFromId GetEMailFromIdResponse,
            10 SEND_EMAILS SendEMails SendEMailsResponse,
            11 SAVE_EMAIL SaveEMail SaveEMailResponse,
            12 AUTHENTICATE_INCOMING AuthenticateIncoming AuthenticateIncomingResponse,
            13 AUTHENTICATE_OUTGOING AuthenticateOutgoing AuthenticateOutgoingResponse,
            14 GET_FOLDER_LIST GetFolderList GetFolderListResponse,
            15 GET_ATTACHMENT GetAttachment GetAttachmentResponse,
            16 MARK_AS_READ MarkAsRead MarkAsReadResponse,
            17 GET_FOLDER_EMAIL_COUNT GetFolderEMailCount GetFolderEMailCountResponse,
            18 DELETE Delete DeleteResponse,
            19 MOVE_TO_FOLDER MoveToFolder MoveToFolderResponse,
            20 EMPTY_FOLDER EmptyFolder EmptyFolderResponse,
            21 GET_EMAIL_AS_STREAM GetEMailAsStream GetEMailAsStreamResponse,
            22 FIND_ADDRESS FindAddress FindAddressResponse,
            23 GET_EMAIL_FROM_DOCUMENT_ID GetEMailFromDocumentId GetEMailFromDocumentIdResponse,
            24 GET_EMAIL_ENVELOPES GetEMailEnvelopes GetEMailEnvelopesResponse,
            25 SET_SUBSCRIPTION SetSubscription SetSubscriptionResponse,
            26 CREATE_FOLDER CreateFolder CreateFolderResponse,
            27 DELETE_FOLDER DeleteFolder DeleteFolderResponse,
            28 CREATE_EMAIL_FROM_DOCUMENT_ENTITY CreateEMailFromDocumentEntity CreateEMailFromDocumentEntityResponse,
            29 CREATE_EMAIL_FROM_MIME_MESSAGE CreateEMailFromMimeMessage CreateEMailFromMimeMessageResponse,
            30 GET_FOLDER_INFO GetFolderInfo GetFolderInfoResponse,
            31 GET_FOLDER_HAS_NEW_EMAIL GetFolderHasNewEMail GetFolderHasNewEMailResponse,
            32 GET_EMAIL_ADDRESSES GetEMailAddresses GetEMailAddressesResponse,
            33 REFRESH_FOLDER RefreshFolder RefreshFolderResponse,
            34 GET_EMAIL_FROM_TEMP GetEMailFromTemp GetEMailFromTempResponse,
            35 AUTHENTICATE Authenticate AuthenticateResponse,
            36 GET_EMAIL_MESSAGE_IDS GetEmailMessageIds GetEmailMessageIdsResponse,
            37 GET_EMAILS_AS_STRING GetEmailsAsString GetEmailsAsStringResponse,
            38 DELETE_EXTENDED DeleteExtended DeleteExtendedResponse,
            39 RELAY_MESSAGE RelayMessage RelayMessageResponse,
            40 GET_EMAIL_SO_INFO GetEMailSOInfo GetEMailSOInfoResponse,
        )
    };
    (@arms $index:expr, $apply:ident, $default:expr; $($i:literal $op:ident $req:ident $resp:ident,)*) => {
        match $index {
            $($i => $apply!($op, $req, $resp),)*
            _ => $default,
        }
    };
}

/// How many operations [`with_operation!`] knows; checked against [`OPERATIONS`] by the tests.
pub const OPERATION_COUNT: usize = 41;

/// Encodes `message` as the body `name` of `operation`'s direction and decodes it again: the
/// result must equal what was encoded. Texts XML cannot carry may be refused by the encoder.
fn round_trip<H, B>(version: SoapVersion, element: soap_runtime::Name, message: &Message<H, B>)
where
    H: XmlStruct + Debug,
    B: XmlValue + Debug,
{
    let bytes = match write_envelope(
        version,
        NAMESPACES,
        &message.headers,
        element,
        &message.body,
    ) {
        Ok(bytes) => bytes,
        Err(EncodeError::InvalidChar { .. }) => return,
        Err(error) => panic!("a decoded message cannot be encoded again: {error}"),
    };
    let limits = Limits::default();
    match read_envelope::<H, B>(&bytes, limits, element.local) {
        Ok(again) => {
            let (before, after) = (format!("{:?}", message), format!("{:?}", again.message));
            assert_eq!(
                before,
                after,
                "decoding what was encoded gives another value; the document was:\n{}",
                String::from_utf8_lossy(&bytes)
            );
        }
        Err(error) => panic!(
            "what the encoder wrote does not decode: {error}\n{}",
            String::from_utf8_lossy(&bytes)
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// The client's decoder

/// A transport that answers with fixed bytes.
#[derive(Debug)]
struct Canned {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

/// The content types an answer comes with: the charset decides how it is decoded (none: the
/// byte order mark or the XML declaration does).
const ANSWER_CONTENT_TYPES: [&str; 4] = [
    "text/xml; charset=utf-8",
    "text/xml",
    "text/xml; charset=utf-16",
    "text/xml; charset=iso-8859-1",
];

impl Transport for Canned {
    fn send(
        &self,
        _request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        let answer = HttpResponse {
            status: self.status,
            content_type: Some(self.content_type.clone()),
            body: self.body.clone().into(),
        };
        Box::pin(async move { Ok(answer) })
    }
}

/// `data[0]` picks the operation (and, from 128 up, HTTP status 500) and the answer's charset
/// ([`ANSWER_CONTENT_TYPES`], by `data[0] % 128 / OPERATION_COUNT`); the rest is the answer.
pub fn email_response(data: &[u8]) {
    respond(data, None);
}

/// The content type of the `mtom_response` target's answers: MTOM with boundary `b`, the
/// first part being the root.
pub const MTOM_CONTENT_TYPE: &str =
    "multipart/related; type=\"application/xop+xml\"; start-info=\"text/xml\"; boundary=\"b\"";

/// As [`email_response`], the answer being an MTOM message (`multipart/related`, boundary
/// `b`): the multipart framing and `xop:Include` resolution are fuzzed.
pub fn mtom_response(data: &[u8]) {
    respond(data, Some(MTOM_CONTENT_TYPE));
}

/// Answers with `document` as the response of an operation the first byte selects, with
/// `content_type`, or else one of [`ANSWER_CONTENT_TYPES`] the first byte selects too.
fn respond(data: &[u8], content_type: Option<&'static str>) {
    let Some((&selector, document)) = data.split_first() else {
        return;
    };
    let status = if selector >= 128 { 500 } else { 200 };
    let index = usize::from(selector % 128) % OPERATION_COUNT;
    let content_type = content_type.unwrap_or(
        ANSWER_CONTENT_TYPES
            [usize::from(selector % 128) / OPERATION_COUNT % ANSWER_CONTENT_TYPES.len()],
    );
    // Errors point into the document as decoded, which may be longer than its bytes.
    let decoded_len =
        soap_runtime::xml::decode_document(document, soap_runtime::xml::charset_of(content_type))
            .map_or(document.len(), |text| text.len().max(document.len()));
    let client = Client::with_transport(
        "http://fuzz.invalid/EMail.svc",
        Arc::new(Canned {
            status,
            content_type: content_type.to_string(),
            body: document.to_vec(),
        }),
    )
    .with_limits(fuzz_limits());
    macro_rules! call {
        ($op:ident, $req:ident, $resp:ident) => {{
            let result = block_on(client.call::<RequestHeaders, $req, ResponseHeaders, $resp>(
                NAMESPACES,
                &$op,
                &RequestHeaders::default(),
                &$req::default(),
            ));
            match result {
                Ok(received) => {
                    assert_eq!(status, 200, "an error status gave a decoded answer");
                    round_trip(received.version, $op.response, &received.message);
                }
                Err(error) => check_client_error(&error, decoded_len),
            }
        }};
    }
    with_operation!(index, call, ());
}

/// An error from decoding an answer must be one of the kinds an answer can cause, and a
/// decode error must point into the document (`document_len` bytes, decoded).
fn check_client_error(error: &Error, document_len: usize) {
    match error {
        Error::Decode(decode) => {
            let end = u64::try_from(document_len).unwrap_or(u64::MAX);
            assert!(
                decode.location.offset <= end && decode.location.line >= 1,
                "a decode error points outside the document: {decode:?}"
            );
            let _ = error.to_string();
        }
        Error::Fault(_) | Error::Http { .. } => {
            // Display must not panic either.
            let _ = error.to_string();
        }
        other => panic!("an answer's bytes caused an unexpected kind of error: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The server's dispatcher

/// Answers the operations whose answers can echo their requests, to exercise the encoder.
pub struct Echo;

fn ok<B>(body: B) -> Result<Message<ResponseHeaders, B>, Fault> {
    Ok(Message {
        headers: ResponseHeaders {
            succeeded: Some(true),
            ..Default::default()
        },
        body,
    })
}

impl EMailService for Echo {
    async fn send_emails(
        &self,
        request: Message<RequestHeaders, SendEMails>,
    ) -> Result<Message<ResponseHeaders, SendEMailsResponse>, Fault> {
        ok(SendEMailsResponse {
            response: request.body.emails,
        })
    }

    async fn save_email(
        &self,
        request: Message<RequestHeaders, SaveEMail>,
    ) -> Result<Message<ResponseHeaders, SaveEMailResponse>, Fault> {
        ok(SaveEMailResponse {
            response: request.body.email,
        })
    }

    async fn get_emails_as_string(
        &self,
        request: Message<RequestHeaders, GetEmailsAsString>,
    ) -> Result<Message<ResponseHeaders, GetEmailsAsStringResponse>, Fault> {
        ok(GetEmailsAsStringResponse {
            response: request.body.message_ids,
        })
    }

    async fn create_email_from_mime_message(
        &self,
        request: Message<RequestHeaders, CreateEMailFromMimeMessage>,
    ) -> Result<Message<ResponseHeaders, CreateEMailFromMimeMessageResponse>, Fault> {
        ok(CreateEMailFromMimeMessageResponse {
            response: Some(EMailEntity {
                html_body: request.body.mime_message,
                ..Default::default()
            }),
        })
    }

    async fn refresh_folder(
        &self,
        request: Message<RequestHeaders, RefreshFolder>,
    ) -> Result<Message<ResponseHeaders, RefreshFolderResponse>, Fault> {
        let count = request.body.folders.map_or(-1, |f| f.len() as i32);
        ok(RefreshFolderResponse {
            response: Some(count),
        })
    }
}

/// `data[0]`: bits 0–1 how the action is given (none, the operation's, a wrong one, in the
/// content type), bits 2–3 the content type (SOAP 1.1, SOAP 1.2, none, `text/html`), bits 4–5
/// its charset (UTF-8, none, UTF-16, windows-1252); `data[1]`
/// the operation whose action is named; the rest is the request body.
pub fn server_dispatch(data: &[u8]) {
    let [flags, op, body @ ..] = data else {
        return;
    };
    let operation: &Operation = &OPERATIONS[usize::from(*op) % OPERATIONS.len()];
    let action = match flags & 3 {
        0 => None,
        1 => Some(format!("\"{}\"", operation.action)),
        2 => Some("\"urn:no-such-action\"".to_string()),
        _ => None,
    };
    let content_type = match (flags >> 2) & 3 {
        0 => Some("text/xml; charset=utf-8".to_string()),
        1 if flags & 3 == 3 => Some(format!(
            "application/soap+xml; charset=utf-8; action=\"{}\"",
            operation.action
        )),
        1 => Some("application/soap+xml; charset=utf-8".to_string()),
        2 => None,
        _ => Some("text/html".to_string()),
    };
    // Bits 4–5: the charset the content type names (as given above; none; UTF-16;
    // windows-1252).
    let content_type = match (content_type, (flags >> 4) & 3) {
        (Some(content_type), 1) => content_type.split(';').next().map(str::to_string),
        (Some(content_type), 2) => Some(content_type.replace("charset=utf-8", "charset=utf-16")),
        (Some(content_type), 3) => {
            Some(content_type.replace("charset=utf-8", "charset=windows-1252"))
        }
        (content_type, _) => content_type,
    };
    let request = SoapRequest {
        soap_action: action.map(Into::into),
        content_type: content_type.map(Into::into),
        body: body.to_vec().into(),
    };
    // What the HTTP server does before dispatching.
    let request = match soap_runtime::server::utf8_request(request) {
        Ok(request) => request,
        Err(error) => {
            let _ = error.to_string();
            return;
        }
    };
    let server = EMailServer::new(Echo).with_limits(fuzz_limits());
    let response = block_on(server.dispatch(request.clone()));
    check_server_response(&response);
    let body = &request.body[..];

    // Every request type the body may hold survives encoding and decoding again.
    let Ok(summary) = soap_runtime::envelope::peek_body(body, fuzz_limits()) else {
        return;
    };
    let Some(index) = OPERATIONS
        .iter()
        .position(|op| op.request.local == summary.body_local)
    else {
        return;
    };
    macro_rules! request_round_trip {
        ($op:ident, $req:ident, $resp:ident) => {{
            if let Ok(received) =
                read_envelope::<RequestHeaders, $req>(body, fuzz_limits(), $op.request.local)
            {
                round_trip(received.version, $op.request, &received.message);
            }
        }};
    }
    with_operation!(index, request_round_trip, ());
}

/// The dispatcher's answer is a SOAP envelope: a response with status 200, else a fault.
fn check_server_response(response: &SoapResponse) {
    if response.status == 200 {
        let summary = soap_runtime::envelope::peek_body(&response.body, Limits::default())
            .unwrap_or_else(|e| panic!("a 200 answer is not a response envelope: {e}"));
        let index = OPERATIONS
            .iter()
            .position(|op| op.response.local == summary.body_local)
            .unwrap_or_else(|| panic!("a 200 answer holds `{}`", summary.body_local));
        macro_rules! decode_response {
            ($op:ident, $req:ident, $resp:ident) => {{
                if let Err(error) = read_envelope::<ResponseHeaders, $resp>(
                    &response.body,
                    Limits::default(),
                    $op.response.local,
                ) {
                    panic!(
                        "the server's answer does not decode: {error}\n{}",
                        String::from_utf8_lossy(&response.body)
                    );
                }
            }};
        }
        with_operation!(index, decode_response, ());
        return;
    }
    let read = read_envelope::<ResponseHeaders, AnyBody>(&response.body, Limits::default(), "");
    match (response.status, read) {
        (400 | 500, Err(ReadError::Fault(fault))) => {
            assert!(!fault.reason.is_empty(), "a fault without a reason");
        }
        (status, other) => panic!(
            "status {status} with a body that is not a fault: {other:?}\n{}",
            String::from_utf8_lossy(&response.body)
        ),
    }
}

/// A body type that matches no element: reading a response envelope with it checks the
/// envelope's framing and headers, and stops at the body element.
#[derive(Debug, Default)]
struct AnyBody;

impl XmlValue for AnyBody {
    fn write_content(
        &self,
        _w: &mut soap_runtime::xml::XmlWriter,
    ) -> Result<(), soap_runtime::EncodeError> {
        Ok(())
    }
    fn read_content(
        r: &mut soap_runtime::xml::XmlReader<'_>,
        _element: &soap_runtime::xml::Element<'_>,
    ) -> Result<Self, soap_runtime::DecodeError> {
        r.skip().map(|()| AnyBody)
    }
}

/// Checks that the operation table of [`with_operation!`] matches [`OPERATIONS`]: the same
/// count, and at each index the operation whose request and response types it names.
pub fn check_operation_table() {
    assert_eq!(
        OPERATIONS.len(),
        OPERATION_COUNT,
        "with_operation! is out of date"
    );
    for (index, operation) in OPERATIONS.iter().enumerate() {
        macro_rules! names {
            ($op:ident, $req:ident, $resp:ident) => {{
                assert_eq!($op, *operation, "index {index}");
                assert_eq!(stringify!($req), operation.request.local, "index {index}");
                assert_eq!(stringify!($resp), operation.response.local, "index {index}");
            }};
        }
        with_operation!(index, names, panic!("index {index} is missing"));
    }
}
