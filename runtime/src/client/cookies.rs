//! HTTP cookies kept between calls: [`CookieJar`] (feature `cookies`).
//!
//! Stateful SOAP services keep their session in a cookie: vSphere's `Login` answers with
//! `vmware_soap_session`, an ASMX service with `EnableSession` with `ASP.NET_SessionId`, a Java
//! service with `JSESSIONID`, a load balancer with its affinity cookie. Every later call must
//! send it back, as zeep (through `requests.Session`) and browsers do. Both transports keep a
//! jar of their own by default, shared by their clones; a jar can also be shared between
//! transports, or filled with a session made elsewhere.
//!
//! Cookies are credentials: a jar's `Debug` output shows none, and no error or log repeats
//! them.

use std::fmt;
use std::sync::Arc;

use reqwest::cookie::CookieStore as _;

use crate::error::TransportError;

/// The cookies a transport received, sent back with every later request to the URLs they
/// apply to (RFC 6265: domain, path, `Secure`, expiry). Cheap to clone: clones share the
/// cookies.
#[derive(Clone, Default)]
pub struct CookieJar {
    jar: Arc<reqwest::cookie::Jar>,
}

impl fmt::Debug for CookieJar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // reqwest's own `Debug` prints every cookie's value: session tickets.
        f.write_str("CookieJar { .. }")
    }
}

/// A URL of the jar's API, parsed; the error names the URL without its credentials.
fn parse_url(url: &str) -> Result<reqwest::Url, TransportError> {
    reqwest::Url::parse(url).map_err(|e| TransportError::Other {
        url: super::LogUrl(url).to_string(),
        reason: format!("not a URL: {e}"),
    })
}

impl CookieJar {
    /// An empty jar.
    pub fn new() -> Self {
        CookieJar::default()
    }

    /// Stores a cookie as a server at `url` would set it, `set_cookie` written as a
    /// `Set-Cookie` header value (`vmware_soap_session="52a…"; Path=/; HttpOnly; Secure`): to
    /// go on with a session made by another program. A value that is no cookie is ignored, as
    /// a browser ignores it.
    pub fn add(&self, set_cookie: &str, url: &str) -> Result<(), TransportError> {
        let url = parse_url(url)?;
        self.jar.add_cookie_str(set_cookie, &url);
        Ok(())
    }

    /// The `Cookie` header value the next request to `url` carries (`name=value; name2=value2`),
    /// or `None` when no cookie applies: to hand a session on to another program. The value
    /// is a credential: keep it out of logs.
    pub fn header_for(&self, url: &str) -> Result<Option<String>, TransportError> {
        let url = parse_url(url)?;
        Ok(self
            .jar
            .cookies(&url)
            .and_then(|value| value.to_str().ok().map(str::to_owned)))
    }

    /// The jar as reqwest's cookie provider, for [`super::HttpTransport`].
    pub(super) fn provider(&self) -> Arc<reqwest::cookie::Jar> {
        Arc::clone(&self.jar)
    }

    /// The `Cookie` header for a request to `url`, marked sensitive; for transports that
    /// write their requests themselves.
    #[cfg(feature = "ntlm")]
    pub(crate) fn request_header(
        &self,
        url: &reqwest::Url,
    ) -> Option<reqwest::header::HeaderValue> {
        self.jar.cookies(url).map(|mut value| {
            value.set_sensitive(true);
            value
        })
    }

    /// Stores the `Set-Cookie` headers of an answer from `url`; for transports that read
    /// their answers themselves.
    #[cfg(any(feature = "ntlm", test))]
    pub(crate) fn store<'h>(
        &self,
        set_cookies: impl Iterator<Item = &'h reqwest::header::HeaderValue>,
        url: &reqwest::Url,
    ) {
        let mut headers = set_cookies;
        self.jar.set_cookies(&mut headers, url);
    }
}

#[cfg(test)]
mod tests {
    use super::CookieJar;
    use reqwest::header::HeaderValue;

    #[test]
    fn cookies_go_back_where_they_apply_and_never_into_debug() {
        let jar = CookieJar::new();
        let url = reqwest::Url::parse("https://vcenter.example/sdk").expect("a URL");
        let set = [
            HeaderValue::from_static(
                "vmware_soap_session=\"52a1-secret\"; Path=/; HttpOnly; Secure",
            ),
            HeaderValue::from_static("affinity=node2; Path=/sdk"),
            HeaderValue::from_static("elsewhere=1; Path=/other"),
        ];
        jar.store(set.iter(), &url);
        let header = jar
            .header_for("https://vcenter.example/sdk")
            .expect("a URL")
            .expect("cookies apply");
        let mut sent: Vec<&str> = header.split("; ").collect();
        sent.sort_unstable();
        assert_eq!(
            sent,
            ["affinity=node2", "vmware_soap_session=\"52a1-secret\""]
        );
        // A `Secure` cookie does not go over http, nor any cookie to another host.
        assert_eq!(
            jar.header_for("http://vcenter.example/sdk").expect("a URL"),
            Some("affinity=node2".into())
        );
        assert_eq!(
            jar.header_for("https://other.example/sdk").expect("a URL"),
            None
        );
        // Clones share the cookies.
        let clone = jar.clone();
        clone
            .add("ticket=t0k3n; Path=/", "https://vcenter.example/")
            .expect("a URL");
        assert!(jar
            .header_for("https://vcenter.example/sdk")
            .expect("a URL")
            .is_some_and(|h| h.contains("ticket=t0k3n")));
        let debug = format!("{jar:?}");
        assert!(
            !debug.contains("secret") && !debug.contains("t0k3n"),
            "{debug}"
        );
    }

    #[test]
    fn a_bad_url_is_an_error_without_its_credentials() {
        let jar = CookieJar::new();
        let error = jar
            .add("a=b", "http://user:hunter2@exa mple.com/sdk")
            .expect_err("not a URL");
        assert!(!error.to_string().contains("hunter2"), "{error}");
    }
}
