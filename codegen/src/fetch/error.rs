//! Why fetching failed: one variant per cause, each naming the URL (without user information)
//! and, after a redirect, where it ended.

use std::path::PathBuf;

/// Why `wsdl-codegen fetch` failed. Nothing is written to the output directory then.
///
/// URLs are shown without their user information; passwords and header values never appear.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The URL (given or found in a document) is not an absolute http(s) URL.
    #[error("error: cannot fetch `{url}`: {reason}")]
    BadUrl {
        /// The URL as written (user information removed).
        url: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// The server answered with a status other than 2xx (after following redirects).
    #[error("error: {url} answered HTTP {status}{}", ended(final_url))]
    Status {
        /// The URL requested.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// Where redirects ended, when the answer came from elsewhere.
        final_url: Option<String>,
    },
    /// The answer is an HTML page, typically a login page the request was redirected to.
    #[error(
        "error: {url} answered an HTML page, not a WSDL or XML Schema{}\n  = help: a login page? \
         give credentials with --user NAME or --header 'Name: value'",
        ended(final_url)
    )]
    Html {
        /// The URL requested.
        url: String,
        /// Where redirects ended, when the page came from elsewhere.
        final_url: Option<String>,
    },
    /// The answer is XML, but neither a WSDL 1.1 `definitions` nor an XML Schema `schema`.
    #[error(
        "error: {url} is neither a WSDL 1.1 document nor an XML Schema: its root element is {found}"
    )]
    NotWsdlOrSchema {
        /// The URL requested.
        url: String,
        /// The root element, as `{namespace}name`.
        found: String,
    },
    /// The answer is not well-formed XML (or not UTF-8).
    #[error("error: {url} is not a readable XML document: {reason}")]
    NotXml {
        /// The URL requested.
        url: String,
        /// The parser's message, with line and column.
        reason: String,
    },
    /// More redirects than followed.
    #[error("error: {url} redirected more than {max} times; the last redirect went to {last}")]
    TooManyRedirects {
        /// The URL requested.
        url: String,
        /// The most redirects followed.
        max: usize,
        /// Where the last redirect pointed.
        last: String,
    },
    /// A redirect status without a usable `Location` header.
    #[error("error: {url} answered HTTP {status} (a redirect) without a usable Location header")]
    BadRedirect {
        /// The URL that answered the redirect.
        url: String,
        /// The redirect status.
        status: u16,
    },
    /// Connecting, or the whole exchange, took longer than allowed.
    #[error(
        "error: {url}: no answer within {seconds} s (the {phase} timeout); raise \
         --connect-timeout or --timeout"
    )]
    Timeout {
        /// The URL requested.
        url: String,
        /// The limit that passed, in seconds.
        seconds: f64,
        /// `connect` or `total` (the whole exchange).
        phase: &'static str,
    },
    /// The TLS handshake failed (an untrusted or invalid certificate, a protocol mismatch).
    #[error(
        "error: TLS with {url} failed: {reason}\n  = help: for a private or self-signed \
         certificate, trust its CA with --ca-cert FILE.pem"
    )]
    Tls {
        /// The URL requested.
        url: String,
        /// The TLS library's message.
        reason: String,
    },
    /// No connection could be made (refused, unknown host, network down).
    #[error("error: cannot connect to {url}: {reason}")]
    Connect {
        /// The URL requested.
        url: String,
        /// Why.
        reason: String,
    },
    /// Another failure of the exchange (a broken connection, a malformed answer).
    #[error("error: fetching {url} failed: {reason}")]
    Transport {
        /// The URL requested.
        url: String,
        /// Why.
        reason: String,
    },
    /// One document is larger than `--max-response-size`.
    #[error("error: {url} is larger than {max} bytes; raise --max-response-size")]
    TooLarge {
        /// The URL requested.
        url: String,
        /// The limit, in bytes.
        max: usize,
    },
    /// The documents together are larger than `--max-total-size`.
    #[error(
        "error: the documents fetched so far and {url} are larger than {max} bytes together; \
         raise --max-total-size"
    )]
    TotalTooLarge {
        /// The URL whose download passed the limit.
        url: String,
        /// The limit, in bytes.
        max: usize,
    },
    /// More distinct documents than `--max-documents`: imports that cannot end (every document
    /// importing a new URL). A loop of the same documents is fine: each is fetched once.
    #[error(
        "error: import loop: more than {max} distinct documents; the next would have been {url} \
         (imported by {importer})\n  = help: raise --max-documents if the service really has \
         that many"
    )]
    TooManyDocuments {
        /// The URL that would have been the next document.
        url: String,
        /// The document importing it.
        importer: String,
        /// The limit.
        max: usize,
    },
    /// The `--ca-cert` file cannot be read or holds no certificate.
    #[error("error: cannot use the CA certificate {}: {reason}", path.display())]
    CaCert {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The HTTP client cannot be set up (the TLS backend failed to initialise).
    #[error("error: cannot set up the HTTP client: {reason}")]
    Client {
        /// Why.
        reason: String,
    },
    /// A `--header` is not `Name: value` or not a valid HTTP header (its value is not shown).
    #[error("error: bad --header `{name}`: {reason}; write it as 'Name: value'")]
    Header {
        /// The header's name (or the start of the argument when it has no colon).
        name: String,
        /// Why.
        reason: String,
    },
    /// The password for `--user` cannot be read.
    #[error("error: no password for --user {user}: {reason}")]
    Password {
        /// The user name.
        user: String,
        /// Why (the password itself is never shown).
        reason: String,
    },
    /// Writing a file of the output directory failed.
    #[error("error: cannot write {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// ", after redirects, from URL" when the answer came from elsewhere.
fn ended(final_url: &Option<String>) -> String {
    final_url
        .as_ref()
        .map(|url| format!(" (redirected to {url})"))
        .unwrap_or_default()
}
