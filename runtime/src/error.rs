//! Errors of encoding, decoding and calling, each with the context a user needs to act on it.

use std::fmt;

use crate::fault::Fault;

/// Where in a document something went wrong: 1-based line and column, and the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in bytes.
    pub column: u32,
    /// Byte offset from the start of the document.
    pub offset: u64,
}

impl Location {
    /// The location of byte `offset` in `input`.
    pub fn in_input(input: &[u8], offset: u64) -> Self {
        let end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(input.len());
        let before = &input[..end];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        Location {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(end - line_start + 1).unwrap_or(u32::MAX),
            offset,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A document could not be read into the expected values.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{kind} (at {location})")]
pub struct DecodeError {
    /// What went wrong.
    pub kind: DecodeErrorKind,
    /// Where.
    pub location: Location,
}

/// The kinds of [`DecodeError`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The XML itself is not well-formed (includes invalid UTF-8 and truncation).
    #[error("malformed XML: {0}")]
    Malformed(String),
    /// The document's characters cannot be decoded: an encoding no decoder knows, bytes the
    /// encoding does not define, or a charset, byte order mark and XML declaration that
    /// disagree.
    #[error("cannot decode the document's characters: {0}")]
    Encoding(String),
    /// The document ended before the element that was open.
    #[error("the document ends inside element `{0}`")]
    Truncated(String),
    /// DTDs are refused: they enable entity expansion attacks and external fetches.
    #[error("document type declarations (DTD) are not accepted")]
    DtdRefused,
    /// An entity reference other than the five XML predefines or a character reference.
    #[error("unknown entity reference `&{0};`")]
    UnknownEntity(String),
    /// The root is not a SOAP envelope of a known version.
    #[error("expected a SOAP 1.1 or 1.2 `Envelope`, found `{0}`")]
    NotAnEnvelope(String),
    /// The envelope has no `Body`.
    #[error("the envelope has no `Body`")]
    MissingBody,
    /// The envelope has more than one `Body`.
    #[error("the envelope has more than one `Body`")]
    DuplicateBody,
    /// The body does not hold the expected element.
    #[error("expected element `{expected}` in the body, found `{found}`")]
    UnexpectedBody {
        /// The expected element's local name.
        expected: &'static str,
        /// What was there (empty when the body was empty).
        found: String,
    },
    /// A required element is missing.
    #[error("element `{field}` is required in `{parent}` but missing")]
    MissingElement {
        /// The missing element.
        field: &'static str,
        /// Its parent.
        parent: String,
    },
    /// None of the alternatives of a required `xs:choice` occurs.
    #[error("one of the elements {alternatives} is required in `{parent}` but none occurs")]
    MissingChoice {
        /// The first element of each alternative, quoted and joined.
        alternatives: String,
        /// The element whose content lacks the choice.
        parent: String,
    },
    /// An element of one alternative of an `xs:choice` that occurs once follows an element of
    /// another alternative.
    #[error(
        "element `{element}` and element `{chosen}` before it are alternatives of one \
         `xs:choice`, which holds only one of them"
    )]
    ConflictingChoice {
        /// The element of the second alternative.
        element: String,
        /// An element of the alternative read before.
        chosen: &'static str,
    },
    /// A repeated `xs:choice` or `xs:sequence` group with a bounded `maxOccurs` occurs more
    /// often (or the `xs:any` alternative of a choice that occurs once holds a second element).
    #[error("{particle} may occur at most {max} times in `{parent}`, and occurs once more")]
    TooManyOccurrences {
        /// The choice (`the choice of `A`, `B``) or group (`the group of `A`, `B``).
        particle: String,
        /// Its `maxOccurs`.
        max: usize,
        /// The element whose content holds it.
        parent: String,
    },
    /// An element that may occur once occurred again.
    #[error("element `{0}` occurs more than once")]
    DuplicateElement(String),
    /// A required attribute is missing.
    #[error("attribute `{attribute}` is required on `{element}` but missing")]
    MissingAttribute {
        /// The missing attribute.
        attribute: &'static str,
        /// The element that lacks it.
        element: String,
    },
    /// A required element carries `xsi:nil`.
    #[error("element `{0}` is nil but its type is not nillable")]
    UnexpectedNil(String),
    /// An element's text is not a valid value of its type.
    #[error("invalid {type_name} value {text:?} in element `{element}`: {reason}")]
    InvalidValue {
        /// The element holding the text.
        element: String,
        /// The XML Schema type expected.
        type_name: &'static str,
        /// The text (cut to 64 characters).
        text: String,
        /// Why it is invalid.
        reason: String,
    },
    /// A value that names namespaces by prefix (an `xs:QName`) uses a prefix no declaration in
    /// scope binds.
    #[error("the prefix `{prefix}` in the value of `{place}` is not declared")]
    UndeclaredPrefix {
        /// The prefix (cut to 64 characters).
        prefix: String,
        /// The element holding the value, as `element` or `element/@attribute`.
        place: String,
    },
    /// A configured limit was exceeded.
    #[error("limit exceeded: {limit} is {max}")]
    LimitExceeded {
        /// Which limit.
        limit: &'static str,
        /// Its configured value.
        max: usize,
    },
    /// A `Fault` element could not be read.
    #[error("invalid SOAP fault: {0}")]
    InvalidFault(String),
    /// A SOAP-encoded multi-reference value (`href="#id"`, SOAP 1.1 section 5) cannot be
    /// resolved.
    #[error("multi-reference `#{id}`: {problem}")]
    BadReference {
        /// The id referred to (cut to 64 characters).
        id: String,
        /// What is wrong with it.
        problem: ReferenceProblem,
    },
    /// An MTOM (multipart/related, XOP) message is broken.
    #[error("MTOM: {0}")]
    Mtom(crate::mtom::MtomError),
    /// A SOAP-encoded array (`soapenc:Array`, SOAP 1.1 section 5.4.2) cannot be read as the
    /// array its type declares.
    #[error("SOAP-encoded array `{element}`: {problem}")]
    BadSoapArray {
        /// The array's element, as written (cut to 64 characters).
        element: String,
        /// What is wrong with it.
        problem: SoapArrayProblem,
    },
}

/// Why a SOAP-encoded array cannot be read (see [`DecodeErrorKind::BadSoapArray`]). Attribute
/// values are cut to 64 characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SoapArrayProblem {
    /// A multi-dimensional array without `soapenc:arrayType`, which alone gives its dimensions.
    #[error("a {rank}-dimensional array needs `soapenc:arrayType` to give its dimensions")]
    MissingArrayType {
        /// The number of dimensions its type declares.
        rank: usize,
    },
    /// `soapenc:arrayType` is not a type followed by sizes in brackets (`xsd:string[2,3]`).
    #[error("`soapenc:arrayType` value {value:?} is not a type and its sizes (`xsd:string[2,3]`)")]
    InvalidArrayType {
        /// The attribute's value.
        value: String,
    },
    /// `soapenc:arrayType` gives another number of dimensions than the array's type declares.
    #[error(
        "`soapenc:arrayType` value {value:?} gives {found} dimension(s), but the array's type \
         declares {declared}"
    )]
    RankMismatch {
        /// The attribute's value.
        value: String,
        /// The number of dimensions the type declares.
        declared: usize,
        /// The number the value gives.
        found: usize,
    },
    /// The sizes of `soapenc:arrayType` multiply beyond what this machine can count.
    #[error("the sizes in `soapenc:arrayType` value {value:?} multiply beyond any array")]
    SizeOverflow {
        /// The attribute's value.
        value: String,
    },
    /// The array holds more members than its sizes allow.
    #[error("the array holds more than the {declared} member(s) its sizes declare")]
    TooManyMembers {
        /// The product of the sizes.
        declared: usize,
    },
    /// The array holds fewer members than its sizes declare.
    #[error("the array holds {found} member(s) where its sizes declare {declared}")]
    TooFewMembers {
        /// The product of the sizes.
        declared: usize,
        /// The members present.
        found: usize,
    },
    /// A partially transmitted (`soapenc:offset`) or sparse (`soapenc:position`) array that
    /// leaves members out: a `Vec` has no place for a member that was not sent.
    #[error(
        "`soapenc:{attribute}` value {value:?} leaves members out (a partially transmitted or \
         sparse array), which is not supported: the members not sent have no value"
    )]
    Unsupported {
        /// `offset` or `position`.
        attribute: &'static str,
        /// The attribute's value.
        value: String,
    },
    /// `soapenc:offset` or `soapenc:position` is not a list of indexes in brackets (`[2]`).
    #[error("`soapenc:{attribute}` value {value:?} is not indexes in brackets (`[0,2]`)")]
    InvalidCoordinate {
        /// `offset` or `position`.
        attribute: &'static str,
        /// The attribute's value.
        value: String,
    },
}

/// Why a multi-reference value cannot be resolved (see [`DecodeErrorKind::BadReference`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReferenceProblem {
    /// No element carries the id.
    #[error("no element has this id")]
    UnknownId,
    /// The value refers to itself through its content.
    #[error("the value contains a reference to itself (a cycle)")]
    Cycle,
    /// Two elements carry the id.
    #[error("more than one element has this id")]
    DuplicateId,
}

/// A value could not be written as XML.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The text holds a character XML 1.0 cannot carry (most control characters, U+FFFE, U+FFFF).
    #[error("element `{element}` holds character U+{code:04X}, which XML 1.0 cannot carry")]
    InvalidChar {
        /// The element being written.
        element: String,
        /// The offending code point.
        code: u32,
    },
    /// A value cannot be represented (for example a non-finite decimal).
    #[error("element `{element}`: {reason}")]
    InvalidValue {
        /// The element being written.
        element: String,
        /// Why.
        reason: String,
    },
    /// A multi-dimensional SOAP-encoded array given as nested `Vec`s of unequal lengths: its
    /// `soapenc:arrayType` gives one size per dimension, so every row of a dimension must be as
    /// long as the first.
    #[error(
        "element `{element}`: a multi-dimensional SOAP-encoded array must be rectangular, but \
         {index} holds {found} value(s) where the first of its dimension holds {expected}"
    )]
    RaggedArray {
        /// The array's element.
        element: String,
        /// Where the row is, as indexes from the outermost (`[1]`, `[0][2]`).
        index: String,
        /// The length of the first row of that dimension.
        expected: usize,
        /// This row's length.
        found: usize,
    },
}

/// A transport-level failure: connecting, sending or receiving.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// The server could not be reached.
    #[error("cannot connect to {url}: {reason}")]
    Connect {
        /// The endpoint, without user information and query (they may hold credentials).
        url: String,
        /// The underlying reason.
        reason: String,
    },
    /// No complete answer arrived within the configured time.
    #[error("no answer from {url} within {seconds:.1} s")]
    Timeout {
        /// The endpoint, without user information and query (they may hold credentials).
        url: String,
        /// The timeout that expired.
        seconds: f64,
    },
    /// The answer exceeded the configured maximum message size.
    #[error("the answer from {url} exceeds the maximum message size of {max} bytes")]
    TooLarge {
        /// The endpoint, without user information and query (they may hold credentials).
        url: String,
        /// The limit.
        max: usize,
    },
    /// The server refused to authenticate the client: it answered the request that completed
    /// an authentication handshake (NTLM) with `401 Unauthorized` (wrong credentials), or it
    /// offers no authentication scheme the transport speaks.
    #[error("{url} refused the authentication: {reason}")]
    Unauthorized {
        /// The endpoint, without user information and query (they may hold credentials).
        url: String,
        /// Why, without any secret.
        reason: String,
    },
    /// The answer's body could not be decoded from its `Content-Encoding` (feature
    /// `compression`): corrupt or truncated compressed data, or a coding the transport does not
    /// read. An answer that decompresses past the size limit is [`TransportError::TooLarge`].
    #[error("cannot decode the answer from {url}: {reason}")]
    ContentEncoding {
        /// The endpoint, without user information and query (they may hold credentials).
        url: String,
        /// What is wrong with the body.
        reason: String,
    },
    /// Any other I/O or protocol failure.
    #[error("HTTP exchange with {url} failed: {reason}")]
    Other {
        /// The endpoint, without user information and query (they may hold credentials).
        url: String,
        /// The underlying reason.
        reason: String,
    },
}

/// The detail of a service-level failure reported in response headers (not as a SOAP fault),
/// such as SuperOffice NetServer's `Succeeded=false` with an `ExceptionInfo` header.
pub trait ServiceFailure: fmt::Debug + Send + Sync + 'static {
    /// A one-line description of the failure, for `Display`.
    fn message(&self) -> String;
}

/// The service of a binding that has no header-reported failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoServiceFailure {}

impl ServiceFailure for NoServiceFailure {
    fn message(&self) -> String {
        match *self {}
    }
}

/// The detail of a SOAP fault that the contract declares (`wsdl:fault`), decoded: a generated
/// enum with one variant per declared detail element.
pub trait FaultDetail: fmt::Debug + Send + Sync + Sized + 'static {
    /// The declared detail `fault` carries, if it carries one this type knows and it decodes.
    fn from_fault(fault: &Fault) -> Option<Self>;
}

/// The fault detail of a binding that declares no faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoFaultDetail {}

impl FaultDetail for NoFaultDetail {
    fn from_fault(_fault: &Fault) -> Option<Self> {
        None
    }
}

/// Everything a SOAP call can fail with.
///
/// `S` is what the service reports in response headers ([`Error::Service`]), `D` the fault
/// details its contract declares ([`Error::DeclaredFault`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<S: ServiceFailure = NoServiceFailure, D: FaultDetail = NoFaultDetail> {
    /// The request could not be written.
    #[error("cannot encode the request: {0}")]
    Encode(#[from] EncodeError),
    /// The response could not be read.
    #[error("cannot decode the response: {0}")]
    Decode(#[from] DecodeError),
    /// The server answered with a SOAP fault.
    #[error("{0}")]
    Fault(Box<Fault>),
    /// The server answered with an HTTP error status and no SOAP fault.
    #[error("HTTP status {status} from the server{}: {snippet}", content_type.as_deref().map(|c| format!(" ({c})")).unwrap_or_default())]
    Http {
        /// The HTTP status code.
        status: u16,
        /// The response's `Content-Type`, if any.
        content_type: Option<String>,
        /// The start of the response body (at most 512 bytes, cut at a character boundary).
        snippet: String,
    },
    /// Connecting, sending or receiving failed.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The service reported a failure in its response headers.
    #[error("the service reported a failure: {}", .0.message())]
    Service(Box<S>),
    /// The answer breaks WS-Addressing: it relates to another message, or carries another
    /// action than the operation's response action.
    #[error("WS-Addressing: {0}")]
    Addressing(crate::addressing::AddressingError),
    /// The client requires signed answers
    /// ([`Client::with_signed_answers`](crate::client::Client::with_signed_answers)) and the
    /// answer's signature is missing or not accepted. When the answer was a SOAP fault, it
    /// comes along for diagnosis (unverified: anyone on the way may have written it).
    #[cfg(feature = "wsse-signature")]
    #[error("WS-Security: the answer is refused: {error}{}", unverified_fault(fault.as_deref()))]
    Signature {
        /// Why the signature was not accepted.
        error: crate::wsse::SignatureError,
        /// The fault the answer held, if it was one.
        fault: Option<Box<Fault>>,
    },
    /// The server answered with a SOAP fault whose detail the contract declares, decoded.
    #[error("{fault}")]
    DeclaredFault {
        /// The fault itself (code, reason, raw detail).
        fault: Box<Fault>,
        /// Its detail, decoded.
        detail: Box<D>,
    },
}

impl<S: ServiceFailure, D: FaultDetail> From<Fault> for Error<S, D> {
    fn from(fault: Fault) -> Self {
        Error::Fault(Box::new(fault))
    }
}

impl<S: ServiceFailure, D: FaultDetail> Error<S, D> {
    /// Converts an error of a service without header failures or declared faults into this
    /// service's error: a fault whose detail `D` knows becomes [`Error::DeclaredFault`].
    pub fn widen(error: Error) -> Self {
        match error {
            Error::Encode(e) => Error::Encode(e),
            Error::Decode(e) => Error::Decode(e),
            Error::Fault(fault) => match D::from_fault(&fault) {
                Some(detail) => Error::DeclaredFault {
                    fault,
                    detail: Box::new(detail),
                },
                None => Error::Fault(fault),
            },
            Error::Http {
                status,
                content_type,
                snippet,
            } => Error::Http {
                status,
                content_type,
                snippet,
            },
            Error::Transport(e) => Error::Transport(e),
            Error::Addressing(e) => Error::Addressing(e),
            #[cfg(feature = "wsse-signature")]
            Error::Signature { error, fault } => Error::Signature { error, fault },
            Error::Service(never) => match *never {},
            Error::DeclaredFault { detail, .. } => match *detail {},
        }
    }
}

/// The words that show the unverified fault of [`Error::Signature`], if there was one.
#[cfg(feature = "wsse-signature")]
fn unverified_fault(fault: Option<&Fault>) -> String {
    fault
        .map(|fault| format!(" (it held an unverified fault: {fault})"))
        .unwrap_or_default()
}

/// The start of `body` as text: at most `max` bytes, cut at a character boundary.
pub fn snippet(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(max)]);
    let mut s = text.trim_end_matches('\u{FFFD}').to_string();
    if body.len() > max {
        s.push('…');
    }
    s
}
