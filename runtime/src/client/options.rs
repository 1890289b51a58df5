//! What an [`HttpTransport`](super::HttpTransport) adds to every request and how it connects:
//! HTTP authentication (Basic, Bearer), extra HTTP headers, a client certificate (mutual TLS)
//! and an HTTP(S) proxy.
//!
//! Credentials are kept as reqwest header values marked sensitive, and none of them appears in
//! `Debug` output, logs or errors: only whether each is set.

use std::fmt;

use base64::Engine as _;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};

use super::http_transport::reason;
use super::{HttpTransportBuilder, LogUrl};
use crate::error::TransportError;

/// The connection and authentication settings of an [`HttpTransportBuilder`] beyond timeouts,
/// limits and root certificates.
#[derive(Clone, Default)]
pub(super) struct TransportOptions {
    /// Headers sent with every request (the `Authorization` header among them).
    headers: HeaderMap,
    /// The client certificate and its private key, for servers that require one.
    identity: Option<reqwest::Identity>,
    /// The proxy every request goes through, instead of the one the environment names.
    proxy: Option<reqwest::Proxy>,
    /// Connect directly, ignoring the proxy the environment (`HTTPS_PROXY`, ...) names.
    no_proxy: bool,
}

impl fmt::Debug for TransportOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header names only: values may be credentials, as may the proxy's URL.
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("TransportOptions")
            .field("headers", &names)
            .field("client_certificate", &self.identity.is_some())
            .field("proxy", &self.proxy.is_some())
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

/// A configuration error: there is no request (and no URL) yet.
fn setting_error(what: &str, reason: impl Into<String>) -> TransportError {
    TransportError::Other {
        url: format!("(no request: {what})"),
        reason: reason.into(),
    }
}

/// `value` as a header value marked sensitive (left out of reqwest's `Debug` and HTTP/2
/// header compression), or an error naming `header` but not the value.
fn sensitive_value(header: &str, value: &str) -> Result<HeaderValue, TransportError> {
    let mut value = HeaderValue::from_str(value).map_err(|_| {
        setting_error(
            "setting an HTTP header",
            format!("the value of `{header}` holds characters an HTTP header cannot carry"),
        )
    })?;
    value.set_sensitive(true);
    Ok(value)
}

impl TransportOptions {
    /// Applies the settings to reqwest's builder.
    pub(super) fn apply(self, mut builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
        if !self.headers.is_empty() {
            builder = builder.default_headers(self.headers);
        }
        if let Some(identity) = self.identity {
            builder = builder.identity(identity);
        }
        if self.no_proxy {
            builder = builder.no_proxy();
        }
        if let Some(proxy) = self.proxy {
            builder = builder.proxy(proxy);
        }
        builder
    }
}

impl HttpTransportBuilder {
    /// Sends HTTP Basic credentials (`Authorization: Basic ...`) with every request.
    ///
    /// Fails when the user name or password holds a character a header cannot carry (a line
    /// break); the error does not repeat them.
    pub fn basic_auth(self, user: &str, password: &str) -> Result<Self, TransportError> {
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        self.authorization(&format!("Basic {token}"))
    }

    /// Sends a bearer token (`Authorization: Bearer TOKEN`, OAuth 2.0) with every request.
    pub fn bearer_auth(self, token: &str) -> Result<Self, TransportError> {
        self.authorization(&format!("Bearer {token}"))
    }

    fn authorization(mut self, value: &str) -> Result<Self, TransportError> {
        let value = sensitive_value("Authorization", value)?;
        self.options.headers.insert(AUTHORIZATION, value);
        Ok(self)
    }

    /// Sends header `name: value` with every request (an API key, a tenant, a trace id),
    /// replacing a value set before under the same name. The value is treated as a secret:
    /// neither the transport's `Debug` output nor an error shows it.
    ///
    /// `Content-Type` and `SOAPAction` are the call's own and cannot be set this way.
    pub fn header(mut self, name: &str, value: &str) -> Result<Self, TransportError> {
        let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            setting_error(
                "setting an HTTP header",
                format!("`{name}` is not an HTTP header name"),
            )
        })?;
        if header == reqwest::header::CONTENT_TYPE || header.as_str() == "soapaction" {
            return Err(setting_error(
                "setting an HTTP header",
                format!("`{name}` is set by each call and cannot be set for the transport"),
            ));
        }
        let value = sensitive_value(name, value)?;
        self.options.headers.insert(header, value);
        Ok(self)
    }

    /// Presents a client certificate for https (mutual TLS): `pem` holds the certificate
    /// chain (leaf first) and its private key (PKCS#8, PKCS#1 or SEC1), in PEM, in one buffer
    /// or as two (see [`HttpTransportBuilder::client_certificate_pem_pair`]).
    pub fn client_certificate_pem(mut self, pem: &[u8]) -> Result<Self, TransportError> {
        let identity = reqwest::Identity::from_pem(pem).map_err(|error| {
            setting_error("reading a client certificate and key", reason(&error))
        })?;
        self.options.identity = Some(identity);
        Ok(self)
    }

    /// Like [`HttpTransportBuilder::client_certificate_pem`], with the certificate chain and
    /// the private key in separate PEM buffers (as `openssl` writes them).
    pub fn client_certificate_pem_pair(
        self,
        certificate_pem: &[u8],
        key_pem: &[u8],
    ) -> Result<Self, TransportError> {
        let mut both = Vec::with_capacity(certificate_pem.len() + key_pem.len() + 1);
        both.extend_from_slice(certificate_pem);
        both.push(b'\n');
        both.extend_from_slice(key_pem);
        self.client_certificate_pem(&both)
    }

    /// Sends every request (http and https) through the proxy at `url` (`http://host:port`):
    /// https goes through an HTTP `CONNECT` tunnel, http as an absolute-form request. Credentials
    /// in the URL (`http://user:password@host:port`) are sent to the proxy as Basic
    /// `Proxy-Authorization`. By default the proxy named by the environment (`HTTPS_PROXY`,
    /// `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`) is used, if any.
    pub fn proxy(mut self, url: &str) -> Result<Self, TransportError> {
        let proxy = reqwest::Proxy::all(url).map_err(|_| {
            setting_error(
                "setting the proxy",
                format!("`{}` is not a proxy URL", LogUrl(url)),
            )
        })?;
        self.options.proxy = Some(proxy);
        Ok(self)
    }

    /// Like [`HttpTransportBuilder::proxy`], authenticating to the proxy with Basic
    /// credentials (`Proxy-Authorization`).
    pub fn proxy_with_credentials(
        self,
        url: &str,
        user: &str,
        password: &str,
    ) -> Result<Self, TransportError> {
        let mut this = self.proxy(url)?;
        this.options.proxy = this
            .options
            .proxy
            .take()
            .map(|proxy| proxy.basic_auth(user, password));
        Ok(this)
    }

    /// Connects directly, ignoring any proxy the environment names (a proxy set with
    /// [`HttpTransportBuilder::proxy`] still applies).
    pub fn no_proxy(mut self) -> Self {
        self.options.no_proxy = true;
        self
    }
}
