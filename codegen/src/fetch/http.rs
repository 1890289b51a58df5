//! Getting one document over HTTP(S) with reqwest (rustls) on a small current-thread tokio
//! runtime: redirects followed by hand (a few, credentials kept to the first URL's origin),
//! size limits checked while the body arrives, and every failure mapped to a [`FetchError`].

use std::time::Duration;

use reqwest::{Certificate, StatusCode, Url};

use super::credentials::{BasicAuth, Header};
use super::error::FetchError;
use super::{shown, FetchOptions};

/// Most redirects followed for one document.
pub(crate) const MAX_REDIRECTS: usize = 5;

/// What the service answered for one document.
#[derive(Debug)]
pub(crate) struct Download {
    /// Where redirects ended (the requested URL when there were none).
    pub(crate) final_url: Url,
    /// The `Content-Type` header, if any.
    pub(crate) content_type: Option<String>,
    /// The body.
    pub(crate) body: Vec<u8>,
}

/// How many bytes one download may still take.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    /// `--max-response-size`.
    pub(crate) per_document: usize,
    /// `--max-total-size`.
    pub(crate) total: usize,
    /// Bytes downloaded so far.
    pub(crate) used: usize,
}

/// An HTTP client for the documents of one fetch.
pub(crate) struct Http {
    client: reqwest::Client,
    runtime: tokio::runtime::Runtime,
    /// Headers and credentials go to this origin only (the URL given to `fetch`).
    origin: reqwest::Url,
    headers: Vec<Header>,
    basic_auth: Option<BasicAuth>,
    connect_timeout: Duration,
    timeout: Duration,
}

impl Http {
    /// A client with the options' timeouts and CA certificates, sending credentials to
    /// `origin`'s origin.
    pub(crate) fn new(options: &FetchOptions, origin: &Url) -> Result<Http, FetchError> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("wsdl-codegen/", env!("CARGO_PKG_VERSION")));
        for path in &options.ca_certificates {
            let pem = std::fs::read(path).map_err(|error| FetchError::CaCert {
                path: path.clone(),
                reason: error.to_string(),
            })?;
            let certificates =
                Certificate::from_pem_bundle(&pem).map_err(|error| FetchError::CaCert {
                    path: path.clone(),
                    reason: reason(&error),
                })?;
            if certificates.is_empty() {
                return Err(FetchError::CaCert {
                    path: path.clone(),
                    reason: "no PEM certificate in it (-----BEGIN CERTIFICATE-----)".into(),
                });
            }
            for certificate in certificates {
                builder = builder.add_root_certificate(certificate);
            }
        }
        let client = builder.build().map_err(|error| FetchError::Client {
            reason: reason(&error),
        })?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| FetchError::Client {
                reason: error.to_string(),
            })?;
        Ok(Http {
            client,
            runtime,
            origin: origin.clone(),
            headers: options.headers.clone(),
            basic_auth: options.basic_auth.clone(),
            connect_timeout: options.connect_timeout,
            timeout: options.timeout,
        })
    }

    /// Downloads `url`, following up to [`MAX_REDIRECTS`] redirects, within `budget`.
    pub(crate) fn get(&self, url: &Url, budget: Budget) -> Result<Download, FetchError> {
        self.runtime.block_on(self.get_async(url, budget))
    }

    async fn get_async(&self, url: &Url, budget: Budget) -> Result<Download, FetchError> {
        let mut current = url.clone();
        let mut redirects = 0;
        let mut response = loop {
            let response = self
                .request(&current)
                .send()
                .await
                .map_err(|error| self.error(&current, &error))?;
            let status = response.status();
            if !is_redirect(status) {
                break response;
            }
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| current.join(value).ok())
                .filter(|next| matches!(next.scheme(), "http" | "https"))
                .ok_or_else(|| FetchError::BadRedirect {
                    url: shown(&current),
                    status: status.as_u16(),
                })?;
            if redirects == MAX_REDIRECTS {
                return Err(FetchError::TooManyRedirects {
                    url: shown(url),
                    max: MAX_REDIRECTS,
                    last: shown(&location),
                });
            }
            redirects += 1;
            current = location;
        };
        let final_url = (current != *url).then(|| shown(&current));
        let status = response.status();
        if !status.is_success() {
            return Err(FetchError::Status {
                url: shown(url),
                status: status.as_u16(),
                final_url,
            });
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let remaining = budget.total.saturating_sub(budget.used);
        let max = budget.per_document.min(remaining);
        let too_large = || {
            if budget.per_document <= remaining {
                FetchError::TooLarge {
                    url: shown(url),
                    max: budget.per_document,
                }
            } else {
                FetchError::TotalTooLarge {
                    url: shown(url),
                    max: budget.total,
                }
            }
        };
        if response
            .content_length()
            .is_some_and(|length| length > max as u64)
        {
            return Err(too_large());
        }
        // Read chunk by chunk and stop as soon as the limit is passed, whether or not the
        // server announced a length.
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| self.error(url, &error))?
        {
            if chunk.len() > max - body.len() {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Download {
            final_url: current,
            content_type,
            body,
        })
    }

    /// A GET of `url`, with the headers and credentials when it is on the first URL's origin
    /// (never sent elsewhere, as browsers and reqwest's own redirects do).
    fn request(&self, url: &Url) -> reqwest::RequestBuilder {
        let mut request = self.client.get(url.clone()).header(
            reqwest::header::ACCEPT,
            "application/wsdl+xml, application/xml, text/xml, */*;q=0.5",
        );
        if url.origin() == self.origin.origin() {
            for header in &self.headers {
                let (name, value) = header.parts();
                request = request.header(name.clone(), value.clone());
            }
            if let Some(auth) = &self.basic_auth {
                request = request.basic_auth(auth.user(), Some(auth.password()));
            }
        }
        request
    }

    /// The [`FetchError`] for a failed exchange with `url`.
    fn error(&self, url: &Url, error: &reqwest::Error) -> FetchError {
        let url = shown(url);
        if error.is_timeout() {
            let (seconds, phase) = if error.is_connect() {
                (self.connect_timeout.as_secs_f64(), "connect")
            } else {
                (self.timeout.as_secs_f64(), "total")
            };
            return FetchError::Timeout {
                url,
                seconds,
                phase,
            };
        }
        if let Some(reason) = tls_failure(error) {
            return FetchError::Tls { url, reason };
        }
        if error.is_connect() {
            FetchError::Connect {
                url,
                reason: reason(error),
            }
        } else {
            FetchError::Transport {
                url,
                reason: reason(error),
            }
        }
    }
}

/// The statuses that redirect a GET.
fn is_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

/// The TLS library's message when `error` comes from a failed TLS handshake.
fn tls_failure(error: &reqwest::Error) -> Option<String> {
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        if let Some(tls) = rustls_error(e) {
            return Some(tls.to_string());
        }
        source = e.source();
    }
    None
}

/// `error` as a rustls error, looking inside I/O errors that wrap one (hyper-rustls wraps it
/// twice), which hide it from `source()`.
fn rustls_error<'e>(mut error: &'e (dyn std::error::Error + 'static)) -> Option<&'e rustls::Error> {
    // Each step unwraps one I/O error; a few are enough, the bound is a guard.
    for _ in 0..8 {
        if let Some(tls) = error.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        let inner = error.downcast_ref::<std::io::Error>()?.get_ref()?;
        error = inner;
    }
    None
}

/// The chain of an error's sources, without reqwest's own lead (which repeats the URL).
fn reason(error: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        let text = e.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        source = e.source();
    }
    if parts.is_empty() {
        // Without the URL, which may carry user information.
        let mut text = error.to_string();
        if let Some(url) = error.url() {
            text = text.replace(url.as_str(), &shown(url));
        }
        text
    } else {
        parts.join(": ")
    }
}
