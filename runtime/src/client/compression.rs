//! HTTP compression on the client side (feature `compression`): what a transport asks for
//! and sends ([`HttpTransportBuilder::accept_compressed`],
//! [`HttpTransportBuilder::compress_requests`], the same on an [`HttpTransport`] made from the
//! caller's own reqwest client and on an [`NtlmTransportBuilder`](super::NtlmTransportBuilder)),
//! and how it reads a compressed answer, within its response size limit.

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT_ENCODING, CONTENT_ENCODING};

use super::{HttpTransport, HttpTransportBuilder, LogUrl};
use crate::compression::{self, Compression, ContentCoding, DecompressError};
use crate::error::TransportError;

/// What every request says it accepts when compressed answers are asked for.
static ACCEPTED: HeaderValue = HeaderValue::from_static("gzip, deflate");

/// The `Content-Encoding` of a compressed request.
static GZIP: HeaderValue = HeaderValue::from_static("gzip");

/// A transport's compression settings: both off by default.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ClientCompression {
    /// Send `Accept-Encoding: gzip, deflate`.
    accept: bool,
    /// Compress request bodies (with gzip) this way.
    requests: Option<Compression>,
}

impl ClientCompression {
    /// The `Accept-Encoding` every request carries, if compressed answers are asked for.
    pub(super) fn accept_encoding(&self) -> Option<HeaderValue> {
        self.accept.then(|| ACCEPTED.clone())
    }

    /// The request body as sent, and its `Content-Encoding` when it is compressed (only
    /// when these settings compress requests and `body` is large enough for them).
    pub(super) fn encode(&self, body: Vec<u8>) -> (Bytes, Option<HeaderValue>) {
        match self.requests {
            Some(settings) if settings.applies_to(body.len()) => {
                let packed = compression::compress(ContentCoding::Gzip, &body, &settings);
                (packed, Some(GZIP.clone()))
            }
            _ => (Bytes::from(body), None),
        }
    }

    /// `request` with the headers and body these settings ask for.
    pub(super) fn prepare(
        &self,
        mut request: reqwest::RequestBuilder,
        body: Vec<u8>,
    ) -> reqwest::RequestBuilder {
        if let Some(accepted) = self.accept_encoding() {
            request = request.header(ACCEPT_ENCODING, accepted);
        }
        let (body, coding) = self.encode(body);
        if let Some(coding) = coding {
            request = request.header(CONTENT_ENCODING, coding);
        }
        request.body(body)
    }
}

/// The answer's body decoded from the coding its `headers` name, within `max` bytes: a
/// compressed answer is read whether or not it was asked for (a server may compress
/// regardless), one in a coding the transport does not read is an error.
pub(super) fn decoded_answer(
    headers: &HeaderMap,
    body: Bytes,
    max: usize,
    url: &str,
) -> Result<Bytes, TransportError> {
    // An empty body is empty whatever its coding says (a one-way operation's `202`).
    let Some(value) = headers.get(CONTENT_ENCODING).filter(|_| !body.is_empty()) else {
        return Ok(body);
    };
    let error = |reason: String| TransportError::ContentEncoding {
        url: LogUrl(url).to_string(),
        reason,
    };
    let text = value
        .to_str()
        .map_err(|_| error("its Content-Encoding header is not text".into()))?;
    let coding = ContentCoding::from_content_encoding(text).map_err(|value| {
        error(format!(
            "it is compressed with `{value}`, which this transport does not read (it reads gzip and deflate)"
        ))
    })?;
    let Some(coding) = coding else {
        return Ok(body);
    };
    compression::decompress(coding, &body, max).map_err(|problem| match problem {
        DecompressError::TooLarge { max, .. } => TransportError::TooLarge {
            url: LogUrl(url).to_string(),
            max,
        },
        other => error(other.to_string()),
    })
}

impl ClientCompression {
    /// Asks for compressed answers.
    pub(super) fn accepting(mut self) -> Self {
        self.accept = true;
        self
    }

    /// Compresses requests at `settings`' level.
    pub(super) fn compressing_requests(mut self, settings: Compression) -> Self {
        self.requests = Some(settings);
        self
    }
}

impl HttpTransportBuilder {
    /// Asks for compressed answers (feature `compression`): every request says
    /// `Accept-Encoding: gzip, deflate`, as browsers, Python's `requests` and PHP's
    /// `SoapClient` (with `SOAP_COMPRESSION_ACCEPT`) do, and IIS, Apache or a service's own
    /// stack then compress large answers, often ten times smaller. A compressed answer is read
    /// within the response size limit, which bounds its decompressed size; corrupt or
    /// truncated compressed data fails with [`TransportError::ContentEncoding`]. (Answers
    /// compressed without being asked for are read too.)
    pub fn accept_compressed(mut self) -> Self {
        self.compression = self.compression.accepting();
        self
    }

    /// Compresses request bodies with gzip (feature `compression`) at `settings`' level, when
    /// they are at least its [`Compression::min_size`] (`Content-Encoding: gzip`). Only for a
    /// service known to read compressed requests (PHP's `SoapServer`, a server of this
    /// runtime; WCF and ASMX do not without an extension): others refuse them or fail to
    /// parse them.
    pub fn compress_requests(mut self, settings: Compression) -> Self {
        self.compression = self.compression.compressing_requests(settings);
        self
    }
}

/// The same on a transport made by [`HttpTransport::from_client`], whose reqwest client the
/// caller built: these settings are the transport's, not the client's.
impl HttpTransport {
    /// Asks for compressed answers, as [`HttpTransportBuilder::accept_compressed`] does.
    pub fn accept_compressed(mut self) -> Self {
        self.compression = self.compression.accepting();
        self
    }

    /// Compresses request bodies, as [`HttpTransportBuilder::compress_requests`] does.
    pub fn compress_requests(mut self, settings: Compression) -> Self {
        self.compression = self.compression.compressing_requests(settings);
        self
    }
}
