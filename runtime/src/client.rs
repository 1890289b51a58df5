//! The client side: sending a request envelope over HTTP and reading the answer.
//!
//! [`Client`] frames requests and interprets answers (faults, HTTP errors, decode errors); the
//! bytes travel through a [`Transport`], by default [`HttpTransport`] (reqwest with rustls).
//! A custom transport (a test double, a proxy, an instrumented client) plugs in through
//! [`Client::with_transport`].
//!
//! Authentication and connection settings: HTTP Basic or Bearer credentials, extra HTTP
//! headers, a client certificate, root CAs and a proxy are set on the [`HttpTransportBuilder`]
//! (or the whole reqwest client is given with [`HttpTransport::from_client`]); SOAP headers the
//! contract does not declare go with every call ([`Client::with_soap_header`], a WS-Security
//! UsernameToken with `Client::with_username_token` and the `wsse` feature) or with the calls
//! of one scope ([`with_call_headers`], which also collects unknown answer headers).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;

use crate::addressing::{check_reply, new_message_id, Addressing, AddressingHeaders};
use crate::codec::XmlStruct;
use crate::encoding::resolve_references;
use crate::envelope::{
    envelope_writer, read_envelope, read_envelope_from, write_envelope_parts, HeaderReader,
    ReadError, Received, SoapVersion, WriteParts, ANY_BODY_ELEMENT, ENVELOPE_CAPACITY,
};
use crate::error::{snippet, DecodeError, DecodeErrorKind, Error, TransportError};
use crate::mtom::{is_multipart, multipart_or_plain_envelope, Mtom, OwnedPackage, XopParts};
use crate::operation::Operation;
use crate::swa::SwaParts;
use crate::telemetry;
use crate::value::{Skipped, XmlValue};
use crate::xml::{Limits, XmlElement, XmlReader, XmlWriter};

#[cfg(feature = "compression")]
mod compression;
#[cfg(feature = "cookies")]
mod cookies;
mod http_transport;
#[cfg(feature = "ntlm")]
mod ntlm;
mod options;
mod scope;
#[cfg(feature = "wsse-signature")]
mod signed_answers;
mod soap_headers;

#[cfg(feature = "cookies")]
pub use cookies::CookieJar;
pub use http_transport::{HttpTransport, HttpTransportBuilder};
#[cfg(feature = "ntlm")]
pub use ntlm::{NtlmTransport, NtlmTransportBuilder};
pub use scope::{with_call_headers, ReceivedHeaders};
#[cfg(feature = "wsse-signature")]
pub use signed_answers::UnsignedFaults;

/// The longest part of an unexpected answer's body kept in [`Error::Http`].
const SNIPPET_LEN: usize = 512;

/// One HTTP request of a SOAP call, as handed to a [`Transport`].
///
/// Its `Debug` output leaves out the body and the action: bodies hold tickets and passwords.
/// It is `Clone`, so that a wrapping [`Transport`] can send it again (a retry).
#[derive(Clone)]
pub struct HttpRequest {
    /// The endpoint URL.
    pub url: String,
    /// The `Content-Type` header (for SOAP 1.2 it carries the action).
    pub content_type: String,
    /// The `SOAPAction` header, already quoted (SOAP 1.1 only).
    pub soap_action: Option<String>,
    /// The request envelope.
    pub body: Vec<u8>,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("url", &self.url)
            .field("content_type", &self.content_type)
            .field("soap_action", &self.soap_action)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// The HTTP answer to an [`HttpRequest`], as a [`Transport`] returns it.
///
/// Its `Debug` output leaves out the body.
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The complete body.
    pub body: Bytes,
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// Carries a SOAP request to the server and brings back the complete answer.
///
/// Implementations must bound the answer's size and time, and report failures with the URL.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` (a POST) and returns the answer, whatever its HTTP status.
    fn send(
        &self,
        request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>>;

    /// Like [`Transport::send`], refusing an answer larger than `max_response_size` bytes
    /// (with [`TransportError::TooLarge`]) before buffering it. [`Client`] calls this with its
    /// [`Limits::max_message_size`]; the default ignores the limit and calls `send`.
    fn send_limited(
        &self,
        request: HttpRequest,
        max_response_size: usize,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        let _ = max_response_size;
        self.send(request)
    }
}

/// A [`Transport`] that answers every request with the same response, for tests: decode a
/// recorded answer through a generated client without a server.
#[derive(Debug, Clone)]
pub struct CannedTransport {
    /// The answer's HTTP status.
    pub status: u16,
    /// The answer's `Content-Type`.
    pub content_type: Option<String>,
    /// The answer's body.
    pub body: bytes::Bytes,
}

impl CannedTransport {
    /// Answers `200 OK` with `body` as `content_type`.
    pub fn ok(content_type: &str, body: impl Into<bytes::Bytes>) -> Self {
        CannedTransport {
            status: 200,
            content_type: Some(content_type.to_string()),
            body: body.into(),
        }
    }
}

impl Transport for CannedTransport {
    fn send(
        &self,
        _request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        let response = HttpResponse {
            status: self.status,
            content_type: self.content_type.clone(),
            body: self.body.clone(),
        };
        Box::pin(async move { Ok(response) })
    }
}

/// A client of one SOAP endpoint: the generated client wraps it and calls [`Client::call`].
///
/// Cloning is cheap: clones share the transport (and its connection pool).
#[derive(Clone, Debug)]
pub struct Client {
    endpoint: String,
    version: SoapVersion,
    transport: Arc<dyn Transport>,
    limits: Limits,
    addressing: Option<Addressing>,
    mtom: Option<Mtom>,
    soap_headers: soap_headers::SoapHeaders,
    /// The signature check of every answer, when the client requires signed answers.
    #[cfg(feature = "wsse-signature")]
    signed_answers: Option<Arc<signed_answers::SignedAnswers>>,
}

/// What a request sent under WS-Addressing expects of its answer.
struct Expected {
    message_id: String,
    action: &'static str,
}

impl Client {
    /// A SOAP 1.1 client of `endpoint` over a default [`HttpTransport`], with default limits.
    pub fn new(endpoint: impl Into<String>) -> Self {
        Client::with_transport(endpoint, Arc::new(HttpTransport::new()))
    }

    /// A SOAP 1.1 client of `endpoint` over `transport`, with default limits.
    pub fn with_transport(endpoint: impl Into<String>, transport: Arc<dyn Transport>) -> Self {
        Client {
            endpoint: endpoint.into(),
            version: SoapVersion::Soap11,
            transport,
            limits: Limits::default(),
            addressing: None,
            mtom: None,
            soap_headers: soap_headers::SoapHeaders::default(),
            #[cfg(feature = "wsse-signature")]
            signed_answers: None,
        }
    }

    /// The same client, adding `header` (raw XML) to the SOAP `Header` of every request, beside
    /// the contract's headers: for a header the WSDL does not declare (a tenant, a trace id, a
    /// vendor's session header). For the calls of one scope only, see [`with_call_headers`].
    pub fn with_soap_header(mut self, header: XmlElement) -> Self {
        Arc::make_mut(&mut self.soap_headers.elements).push(header);
        self
    }

    /// The raw SOAP header elements sent with every request ([`Client::with_soap_header`]).
    pub fn soap_headers(&self) -> &[XmlElement] {
        &self.soap_headers.elements
    }

    /// The same client, sending a WS-Security `wsse:Security` header with `token` in every
    /// request (a fresh nonce and creation time each time for a digest).
    #[cfg(feature = "wsse")]
    pub fn with_username_token(mut self, token: crate::wsse::UsernameToken) -> Self {
        self.soap_headers.username_token = Some(Arc::new(token));
        self
    }

    /// The same client, signing every request with `signature`'s certificate and key
    /// (WS-Security X.509 Token Profile): a `wsse:Security` header with a `wsu:Timestamp`, the
    /// certificate as a `wsse:BinarySecurityToken` and a `ds:Signature` over the `Body` and the
    /// Timestamp. A UsernameToken set too goes into the same header (unsigned). Signed
    /// requests cannot be sent as MTOM.
    #[cfg(feature = "wsse-signature")]
    pub fn with_x509_signature(mut self, signature: crate::wsse::X509Signature) -> Self {
        self.soap_headers.signature = Some(Arc::new(signature));
        self
    }

    /// The same client, requiring every answer to carry a WS-Security X.509 signature over its
    /// `Body` and `Timestamp` by a certificate `verifier` trusts (the checks of
    /// [`SignatureVerifier`](crate::wsse::SignatureVerifier)); an answer whose signature is
    /// missing or not accepted gives [`Error::Signature`]. `unsigned_faults` says what a SOAP
    /// fault without a signature gives (see [`UnsignedFaults`]). MTOM answers are refused (a
    /// signature would not cover their parts).
    #[cfg(feature = "wsse-signature")]
    pub fn with_signed_answers(
        mut self,
        verifier: crate::wsse::SignatureVerifier,
        unsigned_faults: UnsignedFaults,
    ) -> Self {
        self.signed_answers = Some(Arc::new(signed_answers::SignedAnswers {
            verifier,
            unsigned_faults,
        }));
        self
    }

    /// The same client, sending every request as MTOM (`multipart/related`, binary values of
    /// at least `mtom.threshold` bytes in parts of their own). Answers are read as MTOM when
    /// they come so, whatever this says.
    pub fn with_mtom(mut self, mtom: Mtom) -> Self {
        self.mtom = Some(mtom);
        self
    }

    /// The MTOM settings of requests, if they are sent as MTOM.
    pub fn mtom(&self) -> Option<&Mtom> {
        self.mtom.as_ref()
    }

    /// The same client, sending WS-Addressing headers with every request and checking the
    /// answers' (see [`crate::addressing`]).
    pub fn with_addressing(mut self, addressing: Addressing) -> Self {
        self.addressing = Some(addressing);
        self
    }

    /// The WS-Addressing the client speaks, if any.
    pub fn addressing(&self) -> Option<&Addressing> {
        self.addressing.as_ref()
    }

    /// The same client, speaking `version`.
    pub fn with_version(mut self, version: SoapVersion) -> Self {
        self.version = version;
        self
    }

    /// The same client, receiving and decoding answers within `limits`: the transport refuses
    /// an answer larger than `limits.max_message_size` before buffering it (see
    /// [`Transport::send_limited`]).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The endpoint URL requests go to.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The SOAP version of the requests.
    pub fn version(&self) -> SoapVersion {
        self.version
    }

    /// The limits answers are decoded within.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Sends `body` with `headers` and reads the answer.
    ///
    /// The body goes out as element `operation.request`; the answer must hold element
    /// `operation.response` (any SOAP version is read). A SOAP fault, with any HTTP status,
    /// gives [`Error::Fault`]; another non-2xx answer or an empty one gives [`Error::Http`].
    pub async fn call<H: XmlStruct, B: XmlValue, RH: XmlStruct, R: XmlValue>(
        &self,
        namespaces: &'static [&'static str],
        operation: &Operation,
        headers: &H,
        body: &B,
    ) -> Result<Received<RH, R>, Error> {
        telemetry::traced_call(operation, self.version, LogUrl(&self.endpoint), async {
            let (request, expected) =
                self.request(namespaces, operation, &|w| headers.write_fields(w), &|w| {
                    body.write_content(w)
                })?;
            let response = self.exchange(operation, request).await?;
            #[cfg(feature = "wsse-signature")]
            if let Some(signed_answers) = &self.signed_answers {
                signed_answers.check(&response, self.limits, true)?;
            }
            answer::<RH, R>(response, self.limits, operation, expected.as_ref())
        })
        .await
    }

    /// Sends `body` with `headers` for a one-way operation, which has no response message.
    ///
    /// Any 2xx answer is success, whatever its body (WS-I Basic Profile servers answer
    /// `202 Accepted` with an empty body). A SOAP fault gives [`Error::Fault`]; another non-2xx
    /// answer gives [`Error::Http`].
    pub async fn call_one_way<H: XmlStruct, B: XmlValue>(
        &self,
        namespaces: &'static [&'static str],
        operation: &Operation,
        headers: &H,
        body: &B,
    ) -> Result<(), Error> {
        telemetry::traced_call(operation, self.version, LogUrl(&self.endpoint), async {
            let (request, _) =
                self.request(namespaces, operation, &|w| headers.write_fields(w), &|w| {
                    body.write_content(w)
                })?;
            let response = self.exchange(operation, request).await?;
            #[cfg(feature = "wsse-signature")]
            if let Some(signed_answers) = &self.signed_answers {
                signed_answers.check(&response, self.limits, false)?;
            }
            if (200..300).contains(&response.status) {
                return Ok(());
            }
            answer::<Skipped, Skipped>(response, self.limits, operation, None).map(|_| ())
        })
        .await
    }

    /// Writes the request envelope of a call of `operation`, with the contract's `headers` and
    /// its `body`. Not generic: the message types reach it as writers, so that it (and
    /// [`Client::exchange`]) exist once, not once per operation of a contract.
    fn request(
        &self,
        namespaces: &'static [&'static str],
        operation: &Operation,
        headers: WriteParts<'_>,
        body: WriteParts<'_>,
    ) -> Result<(HttpRequest, Option<Expected>), Error> {
        let mut writer = envelope_writer(self.version, namespaces, ENVELOPE_CAPACITY);
        let extra_headers = self.soap_headers.prepare()?;
        if let Some(mtom) = self.mtom {
            if extra_headers.signs() {
                return Err(Error::Encode(crate::error::EncodeError::InvalidValue {
                    element: String::from("Signature"),
                    reason: String::from(
                        "a WS-Security signature does not cover MTOM attachments: send signed \
                         requests without MTOM",
                    ),
                }));
            }
            writer.set_xop(XopParts::new(mtom));
        }
        // The client's extra headers (WS-Security, raw elements), then the current
        // `with_call_headers` scope's.
        let scoped = scope::scope_headers();
        let soap_headers =
            |w: &mut XmlWriter| extra_headers.write(w, self.version, scoped.as_deref());
        let body_attributes = extra_headers.body_attributes();
        let body_names = (operation.request, body_attributes.as_slice());
        let (mut writer, expected) = match &self.addressing {
            None => (
                write_envelope_parts(
                    writer,
                    &soap_headers,
                    headers,
                    body_names,
                    body,
                    operation.encoded,
                )?,
                None,
            ),
            Some(addressing) => {
                let message_id = new_message_id().map_err(Error::Addressing)?;
                let actions = addressing.actions_of(operation);
                // The endpoint without user information: credentials for HTTP, not the message.
                let to = without_user_info(&self.endpoint);
                let extra = |w: &mut XmlWriter| {
                    crate::addressing::write_request_headers(
                        w,
                        addressing.version,
                        actions.input,
                        &to,
                        &message_id,
                    )?;
                    soap_headers(w)
                };
                let writer = write_envelope_parts(
                    writer,
                    &extra,
                    headers,
                    body_names,
                    body,
                    operation.encoded,
                )?;
                let expected = Expected {
                    message_id,
                    action: actions.output,
                };
                (writer, Some(expected))
            }
        };
        let parts = writer.take_xop();
        let attachments = writer.take_attachments();
        if attachments.is_some() && extra_headers.signs() {
            return Err(Error::Encode(crate::error::EncodeError::InvalidValue {
                element: String::from("Signature"),
                reason: String::from(
                    "a WS-Security signature does not cover attachments: send signed requests \
                     without them",
                ),
            }));
        }
        let envelope = extra_headers.finish(writer.into_bytes())?;
        let action = Some(operation.action);
        let (content_type, envelope) = match (self.mtom, attachments) {
            (Some(_), attachments) => crate::mtom::package(
                self.version,
                action,
                envelope,
                parts,
                attachments.map(SwaParts::into_parts).unwrap_or_default(),
            ),
            (None, Some(attachments)) => {
                crate::swa::package(self.version, action, envelope, attachments)
            }
            (None, None) => (
                match self.version {
                    SoapVersion::Soap11 => self.version.content_type(None),
                    SoapVersion::Soap12 => self.version.content_type(action),
                },
                envelope,
            ),
        };
        let request = HttpRequest {
            url: self.endpoint.clone(),
            content_type,
            soap_action: match self.version {
                SoapVersion::Soap11 => Some(quoted(operation.action)),
                SoapVersion::Soap12 => None,
            },
            body: envelope,
        };
        Ok((request, expected))
    }

    /// Sends `request` and returns the answer, whatever its status.
    async fn exchange(
        &self,
        operation: &Operation,
        request: HttpRequest,
    ) -> Result<HttpResponse, Error> {
        let sent = request.body.len();
        let started = Instant::now();
        let response = match self
            .transport
            .send_limited(request, self.limits.max_message_size)
            .await
        {
            Ok(response) => response,
            Err(error) => {
                tracing::debug!(operation = operation.name, endpoint = %LogUrl(&self.endpoint), sent, %error, "SOAP call failed");
                return Err(error.into());
            }
        };
        telemetry::record_http_status(response.status);
        tracing::debug!(
            operation = operation.name,
            endpoint = %LogUrl(&self.endpoint),
            status = response.status,
            sent,
            received = response.body.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "SOAP call"
        );
        Ok(response)
    }
}

/// `"action"`, the `SOAPAction` header's text, in a string allocated once at exactly its
/// length (`format!` grew its buffer twice per call: `bench`'s `allocs` counts the
/// reallocations) and handed to the header value as it is.
fn quoted(action: &str) -> String {
    let mut text = String::with_capacity(action.len() + 2);
    text.push('"');
    text.push_str(action);
    text.push('"');
    text
}

/// Interprets an HTTP answer to a call of `operation`, reading its envelope as `RH` headers
/// and an `R` body.
fn answer<RH: XmlStruct, R: XmlValue>(
    response: HttpResponse,
    limits: Limits,
    operation: &Operation,
    expected: Option<&Expected>,
) -> Result<Received<RH, R>, Error> {
    let mut received = None;
    answer_with(
        response,
        limits,
        operation,
        expected,
        &mut |reader, body, headers| {
            received = Some(read_envelope_from::<RH, R>(reader, body, headers)?);
            Ok(())
        },
    )?;
    // `answer_with` succeeds only after `read` succeeded, which set `received`: the error
    // below is not reached.
    received.ok_or(Error::Decode(DecodeError {
        kind: DecodeErrorKind::MissingBody,
        location: Default::default(),
    }))
}

/// Reads an envelope (from a reader over its text, the name of the body's element and the
/// reader of the protocol's own headers), keeping what it read.
type ReadAnswer<'a> =
    &'a mut dyn FnMut(XmlReader<'_>, &'static str, &mut dyn HeaderReader) -> Result<(), ReadError>;

/// The part of [`answer`] that does not depend on the message types: the status, the
/// character set, MTOM packages, multi-reference values, the WS-Addressing check and the
/// errors; `read` reads the envelope. One copy for every operation of a contract.
fn answer_with(
    response: HttpResponse,
    limits: Limits,
    operation: &Operation,
    expected: Option<&Expected>,
    read: ReadAnswer<'_>,
) -> Result<(), Error> {
    let HttpResponse {
        status,
        content_type,
        body,
    } = response;
    // Told once; a multipart (MTOM) answer is not decoded as text (its parts may be binary).
    let multipart = is_multipart(content_type.as_deref());
    let decoded = || crate::charset::utf8_body(&body, content_type.as_deref());
    if (200..300).contains(&status) {
        if body.is_empty() {
            return Err(Error::Http {
                status,
                content_type,
                snippet: "(empty body)".into(),
            });
        }
        let mut header_reader = scope::ResponseHeaders::new();
        if multipart {
            // MTOM: the answer's buffer is handed over (without a copy when this is its only
            // owner), so that a large part becomes its value without being held twice.
            let media = content_type.as_deref().unwrap_or_default();
            let read = OwnedPackage::parse(Vec::from(body), media, &limits)
                .map_err(ReadError::from)
                .and_then(|package| {
                    let OwnedPackage {
                        envelope,
                        attachments,
                        ..
                    } = package;
                    let reader = XmlReader::new(&envelope, limits)?.with_attachments(attachments);
                    read(reader, response_body(operation), &mut header_reader)
                });
            header_reader.deliver();
            return match read {
                Ok(()) => checked(&header_reader.addressing, expected),
                Err(ReadError::Fault(fault)) => Err(Error::Fault(fault)),
                Err(ReadError::Decode(error)) => Err(Error::Decode(error)),
            };
        }
        let local = response_body(operation);
        let read = decoded().map_err(ReadError::Decode).and_then(|text| {
            let text = resolve_references(&text, limits, operation.encoded)?;
            let reader = XmlReader::new(&text, limits)?;
            read(reader, local, &mut header_reader)
        });
        header_reader.deliver();
        return match read {
            Ok(()) => checked(&header_reader.addressing, expected),
            Err(ReadError::Fault(fault)) => Err(Error::Fault(fault)),
            // Not XML by its own account (an HTML page from a proxy, say), and it does not
            // decode either: report what came rather than why it is not an envelope.
            Err(ReadError::Decode(_)) if !is_xml(content_type.as_deref()) => Err(Error::Http {
                status,
                content_type,
                snippet: snippet(&body, SNIPPET_LEN),
            }),
            Err(ReadError::Decode(error)) => Err(Error::Decode(error)),
        };
    }
    // An error status: WCF sends its faults this way. Look for a fault only, ignoring whatever
    // headers the envelope carries, so that an odd header cannot hide the fault.
    let read = if multipart {
        let envelope =
            multipart_or_plain_envelope(&body, content_type.as_deref(), &limits).unwrap_or(&body);
        read_envelope::<Skipped, Skipped>(envelope, limits, "(fault)")
    } else {
        decoded()
            .map_err(ReadError::Decode)
            .and_then(|text| read_envelope::<Skipped, Skipped>(&text, limits, "(fault)"))
    };
    match read {
        Err(ReadError::Fault(fault)) => Err(Error::Fault(fault)),
        _ => Err(Error::Http {
            status,
            content_type,
            snippet: if body.is_empty() {
                "(empty body)".into()
            } else {
                snippet(&body, SNIPPET_LEN)
            },
        }),
    }
}

/// Fails when the answer's WS-Addressing headers answer another request than `expected`.
fn checked(addressing: &AddressingHeaders, expected: Option<&Expected>) -> Result<(), Error> {
    match expected {
        Some(expected) => check_reply(addressing, &expected.message_id, expected.action)
            .map_err(Error::Addressing),
        None => Ok(()),
    }
}

/// False when `content_type` names a media type that is not XML; true when there is none.
fn is_xml(content_type: Option<&str>) -> bool {
    let Some(content_type) = content_type else {
        return true;
    };
    let media = crate::envelope::media_type(content_type).to_ascii_lowercase();
    media.is_empty() || media == "text/xml" || media == "application/xml" || media.ends_with("+xml")
}

/// `url` without the `user:password@` of its authority, if it has one.
fn without_user_info(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
        None => url.to_string(),
    }
}

/// An endpoint URL for logs and errors: `Display` leaves out user information and query, which
/// may hold credentials. For a custom [`Transport`] that reports a [`TransportError`] itself.
#[derive(Debug, Clone, Copy)]
pub struct LogUrl<'a>(pub &'a str);

impl fmt::Display for LogUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = self.0.split(['?', '#']).next().unwrap_or_default();
        match url.split_once("://") {
            Some((scheme, rest)) => {
                let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
                let host = authority
                    .rsplit_once('@')
                    .map_or(authority, |(_, host)| host);
                write!(f, "{scheme}://{host}{path}")
            }
            None => f.write_str(url),
        }
    }
}

/// The body element a response of `operation` must hold: the operation's response element, or
/// any element for an rpc/encoded operation (SOAP 1.1 section 7.1: the name of the response's
/// struct is not significant; peers name it after the output message, say). A response without
/// a wrapper (an empty name: no parts, or document-style parts as the Body's children, encoded
/// or not) stays without one.
fn response_body(operation: &Operation) -> &'static str {
    if operation.encoded && !operation.response.local.is_empty() {
        ANY_BODY_ELEMENT
    } else {
        operation.response.local
    }
}

#[cfg(test)]
mod tests {
    use super::LogUrl;

    #[test]
    fn a_received_body_is_handed_to_an_mtom_decoder_without_a_copy() {
        // HttpTransport collects the answer in a BytesMut and freezes it; `answer` turns that
        // into the Vec an OwnedPackage keeps its largest part in.
        let mut received = bytes::BytesMut::with_capacity(4096);
        received.extend_from_slice(&[7; 4000]);
        let body = received.freeze();
        let at = body.as_ptr();
        let owned = Vec::from(body);
        assert_eq!(owned.as_ptr(), at);
    }

    #[test]
    fn the_addressed_endpoint_leaves_out_user_information() {
        use super::without_user_info;
        assert_eq!(
            without_user_info("https://u:p@host:8/a.svc?x=1"),
            "https://host:8/a.svc?x=1"
        );
        assert_eq!(without_user_info("http://host/a@b"), "http://host/a@b");
        assert_eq!(without_user_info("urn:x"), "urn:x");
    }

    #[test]
    fn log_url_drops_credentials_and_query() {
        assert_eq!(
            LogUrl("https://u:p@host:8/a/b.svc?ticket=x").to_string(),
            "https://host:8/a/b.svc"
        );
        assert_eq!(LogUrl("http://host/a@b").to_string(), "http://host/a@b");
        assert_eq!(LogUrl("host").to_string(), "host");
    }
}
