//! An HTTP body to UTF-8, once, before it is read as XML: by the `charset` of its
//! `Content-Type`, then its byte order mark, then its XML declaration
//! ([`decode_document`]). The client decodes responses with it, the server requests.

#[cfg(feature = "client")]
use std::borrow::Cow;

use crate::error::DecodeError;
use crate::xml::{charset_of, decode_document};

/// `body` as UTF-8, given the `Content-Type` it came with: borrowed when it is UTF-8 already.
#[cfg(feature = "client")]
pub(crate) fn utf8_body<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
) -> Result<Cow<'a, [u8]>, DecodeError> {
    decode_document(body, content_type.and_then(charset_of))
}

/// `request` with its body decoded to UTF-8 (by its content type's `charset`, byte order mark
/// or XML declaration, in that order); a charset in the content type then says `utf-8`. A
/// UTF-8 body is kept as it is.
///
/// [`Server`](crate::server::Server) does this to every request before its handler sees it.
/// Call it before a generated server's `dispatch` for requests received some other way.
#[cfg(feature = "server")]
pub fn utf8_request(
    mut request: crate::server::SoapRequest,
) -> Result<crate::server::SoapRequest, DecodeError> {
    let charset = request.content_type.as_deref().and_then(charset_of);
    if let Some(text) = decoded_body(&request.body, charset)? {
        request.body = text;
        request.content_type = request.content_type.as_deref().map(utf8_content_type);
    }
    Ok(request)
}

/// A request body decoded to UTF-8 by `charset` (the content type's), its byte order mark or
/// its XML declaration; `None` when it is UTF-8 already, to be kept as it is.
#[cfg(feature = "server")]
pub(crate) fn decoded_body(
    body: &[u8],
    charset: Option<&str>,
) -> Result<Option<bytes::Bytes>, DecodeError> {
    Ok(match decode_document(body, charset)? {
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(text) => Some(bytes::Bytes::from(text)),
    })
}

/// The content type of a request whose body [`decoded_body`] decoded: its `charset` says
/// `utf-8`.
#[cfg(feature = "server")]
pub(crate) fn utf8_content_type(content_type: &str) -> crate::server::HeaderText {
    with_utf8_charset(content_type).into()
}

/// `content_type` with the value of its `charset` parameter replaced by `utf-8`.
#[cfg(feature = "server")]
fn with_utf8_charset(content_type: &str) -> String {
    content_type
        .split(';')
        .map(|part| match part.split_once('=') {
            Some((name, _)) if name.trim().eq_ignore_ascii_case("charset") => {
                format!("{name}=utf-8")
            }
            _ => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(all(test, feature = "server"))]
mod tests {
    use super::*;

    #[test]
    fn says_utf8_once_decoded() {
        assert_eq!(
            with_utf8_charset("text/xml; charset=\"UTF-16\"; action=a"),
            "text/xml; charset=utf-8; action=a"
        );
        let request = crate::server::SoapRequest {
            soap_action: None,
            content_type: Some("text/xml; charset=iso-8859-1".into()),
            body: bytes::Bytes::from_static(b"<a>\xe9</a>"),
        };
        let request = utf8_request(request).unwrap();
        assert_eq!(&request.body[..], "<a>é</a>".as_bytes());
        assert_eq!(
            request.content_type.as_deref(),
            Some("text/xml; charset=utf-8")
        );
    }
}
