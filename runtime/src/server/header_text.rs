//! The text of a request header as a [`SoapRequest`](super::SoapRequest) keeps it: shared
//! with the HTTP request it came in (its bytes are not copied), or text given by the caller.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use hyper::header::HeaderValue;

/// The text of a request header (`SOAPAction`, `Content-Type`): dereferences to `str`.
///
/// [`SoapService`](super::SoapService) keeps the header value hyper received (a reference to
/// the bytes it read, not a copy); a request made some other way gives its text with
/// `"..".into()` or `String::into`.
#[derive(Clone)]
pub struct HeaderText(Repr);

#[derive(Clone)]
enum Repr {
    /// A received header value whose bytes were checked to be visible ASCII when it was kept.
    Header(HeaderValue),
    /// Text given by the caller.
    Text(Cow<'static, str>),
}

impl HeaderText {
    /// The text of a received header value, shared with it; `None` unless it is visible ASCII
    /// (what `HeaderValue::to_str` accepts).
    pub fn from_header(value: &HeaderValue) -> Option<Self> {
        value.to_str().ok()?;
        Some(HeaderText(Repr::Header(value.clone())))
    }

    /// The text's bytes, without the check of their encoding that [`HeaderText::as_str`]
    /// makes each time (a received value's bytes are kept as they came).
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Header(value) => value.as_bytes(),
            Repr::Text(text) => text.as_bytes(),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Visible ASCII (checked by `from_header`, the only maker of this variant), so
            // always valid UTF-8: the fallback is never taken.
            Repr::Header(value) => std::str::from_utf8(value.as_bytes()).unwrap_or_default(),
            Repr::Text(text) => text,
        }
    }
}

impl Deref for HeaderText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for HeaderText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Default for HeaderText {
    /// The empty text.
    fn default() -> Self {
        HeaderText(Repr::Text(Cow::Borrowed("")))
    }
}

impl From<&'static str> for HeaderText {
    fn from(text: &'static str) -> Self {
        HeaderText(Repr::Text(Cow::Borrowed(text)))
    }
}

impl From<String> for HeaderText {
    fn from(text: String) -> Self {
        HeaderText(Repr::Text(Cow::Owned(text)))
    }
}

impl From<HeaderText> for String {
    fn from(text: HeaderText) -> Self {
        match text.0 {
            Repr::Text(text) => text.into_owned(),
            Repr::Header(_) => text.as_str().to_owned(),
        }
    }
}

impl PartialEq for HeaderText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for HeaderText {}

impl PartialEq<str> for HeaderText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for HeaderText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for HeaderText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for HeaderText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_received_value_is_kept_when_it_is_visible_ascii() {
        let value = HeaderValue::from_static("\"urn:a/b\"");
        let text = HeaderText::from_header(&value).expect("visible ASCII");
        assert_eq!(text.as_str(), "\"urn:a/b\"");
        assert_eq!(text.as_bytes(), b"\"urn:a/b\"");
        assert_eq!(HeaderText::from("é").as_bytes(), "é".as_bytes());
        assert_eq!(text, HeaderText::from("\"urn:a/b\""));
        let latin = HeaderValue::from_bytes(b"caf\xe9").expect("obs-text is a valid value");
        assert!(HeaderText::from_header(&latin).is_none());
        assert_eq!(String::from(text), "\"urn:a/b\"");
        assert_eq!(HeaderText::default().as_str(), "");
        assert_eq!(format!("{:?}", HeaderText::from("a")), "\"a\"");
    }
}
