//! HTTP content codings on the server side: a request's `Content-Encoding` (read with the
//! `compression` feature, refused with `415 Unsupported Media Type` without it or for a coding
//! it does not read), and the coding of an answer, chosen from the request's
//! `Accept-Encoding` when the service compresses answers
//! ([`SoapService::with_compression`](super::SoapService::with_compression)).

use bytes::Bytes;
use hyper::header::{HeaderMap, HeaderValue, ACCEPT_ENCODING, CONTENT_ENCODING};
use hyper::{Response, StatusCode};

use super::dispatch::fault_response;
use super::service::{soap, ResponseBody};
use crate::envelope::SoapVersion;
use crate::fault::Fault;

/// A coding a request's body can be read from: none without the `compression` feature.
#[cfg(feature = "compression")]
pub(super) type Coding = crate::compression::ContentCoding;
/// A coding a request's body can be read from: none without the `compression` feature.
#[cfg(not(feature = "compression"))]
pub(super) type Coding = std::convert::Infallible;

/// The codings a request may be sent in, as a `415` answer names them (RFC 9110 §15.5.16).
#[cfg(feature = "compression")]
static READ_CODINGS: HeaderValue = HeaderValue::from_static("gzip, deflate");
/// The codings a request may be sent in, as a `415` answer names them (RFC 9110 §15.5.16).
#[cfg(not(feature = "compression"))]
static READ_CODINGS: HeaderValue = HeaderValue::from_static("identity");

/// The coding of a request's body, from its `Content-Encoding`: `Ok(None)` when it has none
/// (or `identity`), `Err` with the header's text when it is one this server does not read.
pub(super) fn request_coding(headers: &HeaderMap) -> Result<Option<Coding>, String> {
    let Some(value) = headers.get(CONTENT_ENCODING) else {
        return Ok(None);
    };
    let Ok(text) = value.to_str() else {
        return Err(String::from_utf8_lossy(value.as_bytes()).into_owned());
    };
    #[cfg(feature = "compression")]
    {
        Coding::from_content_encoding(text)
    }
    #[cfg(not(feature = "compression"))]
    {
        let identity = text
            .split(',')
            .map(str::trim)
            .all(|token| token.is_empty() || token.eq_ignore_ascii_case("identity"));
        if identity {
            Ok(None)
        } else {
            Err(text.trim().to_owned())
        }
    }
}

/// The answer to a request in a coding this server does not read: `415` with a `Sender` fault
/// and the `Accept-Encoding` it reads.
pub(super) fn unsupported_coding(version: SoapVersion, value: &str) -> Response<ResponseBody> {
    let reason = if cfg!(feature = "compression") {
        format!(
            "unsupported Content-Encoding `{value}`: this endpoint reads gzip, x-gzip and deflate"
        )
    } else {
        format!(
            "unsupported Content-Encoding `{value}`: this endpoint reads uncompressed requests \
             only (soap-runtime's `compression` feature reads gzip and deflate)"
        )
    };
    let fault = Fault::sender(version, reason);
    let mut response = soap(
        fault_response(&fault, &[]),
        Some(StatusCode::UNSUPPORTED_MEDIA_TYPE),
    );
    response
        .headers_mut()
        .insert(ACCEPT_ENCODING, READ_CODINGS.clone());
    response
}

/// Why a compressed request body could not be read.
// Without the `compression` feature no body is decoded, and neither comes up.
#[cfg_attr(not(feature = "compression"), allow(dead_code))]
pub(super) enum RequestDecodeError {
    /// It decompresses past the size limit.
    TooLarge,
    /// It is corrupt or truncated.
    Corrupt(String),
}

/// `body` decoded from `coding`, within `max` bytes; as it is without a coding.
pub(super) fn decoded_request(
    coding: Option<Coding>,
    body: Bytes,
    max: usize,
) -> Result<Bytes, RequestDecodeError> {
    let Some(coding) = coding else {
        return Ok(body);
    };
    #[cfg(feature = "compression")]
    {
        use crate::compression::{decompress, DecompressError};
        decompress(coding, &body, max).map_err(|error| match error {
            DecompressError::TooLarge { .. } => RequestDecodeError::TooLarge,
            other => RequestDecodeError::Corrupt(other.to_string()),
        })
    }
    #[cfg(not(feature = "compression"))]
    {
        let _ = (body, max);
        match coding {}
    }
}

#[cfg(feature = "compression")]
pub(super) use answers::{accepted_coding, compressed_answer};

#[cfg(test)]
mod tests {
    use super::*;

    fn coding_of(value: &str) -> Result<Option<Coding>, String> {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_ENCODING,
            HeaderValue::from_str(value).expect("a value"),
        );
        request_coding(&headers)
    }

    #[test]
    fn a_request_without_a_coding_is_read_and_one_in_an_unknown_coding_is_not() {
        assert_eq!(request_coding(&HeaderMap::new()), Ok(None));
        assert_eq!(coding_of("identity"), Ok(None));
        assert_eq!(coding_of("br"), Err("br".into()));
        #[cfg(feature = "compression")]
        assert_eq!(coding_of("x-gzip"), Ok(Some(Coding::Gzip)));
        // Without the feature, no coding is read: gzip is refused as any other.
        #[cfg(not(feature = "compression"))]
        assert_eq!(coding_of("gzip"), Err("gzip".into()));
    }
}

/// Compressed answers (feature `compression`).
#[cfg(feature = "compression")]
mod answers {
    use hyper::header::{HeaderMap, HeaderValue, ACCEPT_ENCODING, CONTENT_ENCODING, VARY};
    use hyper::Response;

    use super::super::service::{soap, ResponseBody};
    use super::super::SoapResponse;
    use crate::compression::{compress, Compression, ContentCoding};

    static VARY_ACCEPT_ENCODING: HeaderValue = HeaderValue::from_static("Accept-Encoding");

    /// A coding's weight (`q`) in thousandths, 0 to 1000.
    type Weight = u16;

    /// The coding to compress an answer with, as the request's `Accept-Encoding` allows it
    /// (RFC 9110 §12.5.3): the acceptable one of highest weight among gzip and deflate (gzip on
    /// a tie), unless `q=0` excludes both or the client prefers `identity` (explicitly, or
    /// through `*`). Entries with a malformed weight are ignored; no header means no
    /// compression.
    pub(in crate::server) fn accepted_coding(headers: &HeaderMap) -> Option<ContentCoding> {
        let (mut gzip, mut deflate, mut identity, mut any) = (None, None, None, None);
        for value in headers.get_all(ACCEPT_ENCODING) {
            let Ok(text) = value.to_str() else { continue };
            for entry in text.split(',') {
                let mut parts = entry.split(';');
                let token = parts.next().unwrap_or_default().trim();
                let Some(weight) = weight_of(parts) else {
                    continue;
                };
                let slot = if token == "*" {
                    &mut any
                } else if token.eq_ignore_ascii_case("identity") {
                    &mut identity
                } else {
                    match ContentCoding::from_name(token) {
                        Some(ContentCoding::Gzip) => &mut gzip,
                        Some(ContentCoding::Deflate) => &mut deflate,
                        None => continue,
                    }
                };
                *slot = Some(slot.map_or(weight, |known: Weight| known.max(weight)));
            }
        }
        let gzip = gzip.or(any).unwrap_or(0);
        let deflate = deflate.or(any).unwrap_or(0);
        let (coding, weight) = if gzip >= deflate {
            (ContentCoding::Gzip, gzip)
        } else {
            (ContentCoding::Deflate, deflate)
        };
        // A coding the client lists wins a tie with identity, which is acceptable anyway.
        let preferred = weight > 0 && identity.or(any).is_none_or(|plain| weight >= plain);
        preferred.then_some(coding)
    }

    /// The weight an entry's parameters give it: 1000 without a `q`, `None` when its `q` is
    /// not a number from 0 to 1 with at most three decimals.
    fn weight_of<'a>(parameters: impl Iterator<Item = &'a str>) -> Option<Weight> {
        for parameter in parameters {
            let Some((name, value)) = parameter.split_once('=') else {
                continue;
            };
            if !name.trim().eq_ignore_ascii_case("q") {
                continue;
            }
            let value = value.trim();
            let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
            let digits = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
            if !matches!(whole, "0" | "1") || fraction.len() > 3 || !digits(fraction) {
                return None;
            }
            let thousandths = fraction
                .bytes()
                .chain(std::iter::repeat(b'0'))
                .take(3)
                .fold(0, |sum, digit| sum * 10 + Weight::from(digit - b'0'));
            let weight = if whole == "1" {
                1000 + thousandths
            } else {
                thousandths
            };
            return (weight <= 1000).then_some(weight);
        }
        Some(1000)
    }

    /// The HTTP form of `answer`, compressed with `coding` when there is one and the answer is
    /// large enough for `settings`, and saying that it varies with `Accept-Encoding` either way.
    /// A multipart (MTOM, SwA) answer is compressed whole; its content type is unchanged.
    pub(in crate::server) fn compressed_answer(
        mut answer: SoapResponse,
        coding: Option<ContentCoding>,
        settings: &Compression,
    ) -> Response<ResponseBody> {
        let coding = coding.filter(|_| settings.applies_to(answer.body.len()));
        if let Some(coding) = coding {
            answer.body = compress(coding, &answer.body, settings);
        }
        let mut response = soap(answer, None);
        let headers = response.headers_mut();
        headers.insert(VARY, VARY_ACCEPT_ENCODING.clone());
        if let Some(coding) = coding {
            headers.insert(CONTENT_ENCODING, HeaderValue::from_static(coding.name()));
        }
        response
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn chosen(values: &[&str]) -> Option<ContentCoding> {
            let mut headers = HeaderMap::new();
            for value in values {
                headers.append(
                    ACCEPT_ENCODING,
                    HeaderValue::from_str(value).expect("a value"),
                );
            }
            accepted_coding(&headers)
        }

        #[test]
        fn the_coding_follows_the_weights_the_client_gives() {
            use ContentCoding::*;
            assert_eq!(chosen(&[]), None);
            assert_eq!(chosen(&["gzip, deflate"]), Some(Gzip));
            assert_eq!(chosen(&["deflate"]), Some(Deflate));
            assert_eq!(chosen(&["x-gzip"]), Some(Gzip));
            assert_eq!(chosen(&["GZIP;Q=0.5, deflate;q=0.8"]), Some(Deflate));
            assert_eq!(chosen(&["gzip;q=1.000, deflate;q=1"]), Some(Gzip));
            assert_eq!(chosen(&["gzip;q=0, deflate;q=0.001"]), Some(Deflate));
            assert_eq!(chosen(&["gzip;q=0, deflate;q=0"]), None);
            assert_eq!(chosen(&["br, zstd"]), None);
            assert_eq!(chosen(&["identity"]), None);
            // `*` stands for every coding not listed, identity included.
            assert_eq!(chosen(&["*"]), Some(Gzip));
            assert_eq!(chosen(&["*;q=0"]), None);
            assert_eq!(chosen(&["gzip;q=0, *"]), Some(Deflate));
            assert_eq!(chosen(&["gzip;q=0.5, *"]), Some(Deflate));
            assert_eq!(chosen(&["gzip;q=0.5, deflate;q=0.5, *;q=0.7"]), None);
            assert_eq!(chosen(&["gzip;q=0.5, identity, *;q=0"]), None);
            assert_eq!(chosen(&["gzip;q=0.5, identity;q=0.4"]), Some(Gzip));
            assert_eq!(chosen(&["gzip;q=0.5, identity;q=0.6"]), None);
            assert_eq!(chosen(&["gzip;q=0.5"]), Some(Gzip));
            // Malformed weights: the entry is ignored.
            assert_eq!(chosen(&["gzip;q=2"]), None);
            assert_eq!(chosen(&["gzip;q=0.5000, deflate;q=abc"]), None);
            assert_eq!(chosen(&["gzip;q=1.5, deflate"]), Some(Deflate));
            // Several header lines count together.
            assert_eq!(chosen(&["identity;q=0.1", "deflate;q=0.2"]), Some(Deflate));
            assert_eq!(chosen(&["gzip;level=1;q=0.3"]), Some(Gzip));
        }

        #[test]
        fn only_answers_large_enough_are_compressed_and_all_say_they_vary() {
            let answer = |len| SoapResponse {
                status: 200,
                content_type: "text/xml; charset=utf-8".into(),
                body: vec![b'a'; len].into(),
            };
            let settings = Compression::new().min_size(100);
            let small = compressed_answer(answer(99), Some(ContentCoding::Gzip), &settings);
            assert_eq!(small.headers().get(CONTENT_ENCODING), None);
            assert_eq!(small.headers()[VARY], "Accept-Encoding");
            let large = compressed_answer(answer(100), Some(ContentCoding::Gzip), &settings);
            assert_eq!(large.headers()[CONTENT_ENCODING], "gzip");
            assert_eq!(large.headers()[VARY], "Accept-Encoding");
            let refused = compressed_answer(answer(5000), None, &settings);
            assert_eq!(refused.headers().get(CONTENT_ENCODING), None);
        }
    }
}
