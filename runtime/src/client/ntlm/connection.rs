//! One connection of an [`NtlmTransport`](super::NtlmTransport): the endpoint it goes to, opening
//! it (TCP, then TLS for https) and one request and complete answer over it (HTTP/1.1 with
//! hyper's client connection API, which keeps the connection its own: NTLM authenticates it).

use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use http_body_util::{BodyExt as _, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::header::{HeaderMap, CONNECTION, CONTENT_LENGTH};
use hyper::Request;
use hyper_util::rt::TokioIo;
use rustls_pki_types::ServerName;
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

/// What is pre-allocated for an answer's body at most, whatever its `Content-Length` claims.
const PREALLOCATE_MAX: usize = 1024 * 1024;

/// Where a connection goes: the endpoint URL's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Target {
    /// `https`.
    pub(super) tls: bool,
    /// The host name or address, without the brackets of an IPv6 address.
    pub(super) host: String,
    /// The port (80 or 443 when the URL names none).
    pub(super) port: u16,
    /// The `Host` header's value: the URL's authority without user information.
    pub(super) authority: String,
    /// The request target: the path and query.
    pub(super) path: String,
}

/// The idle connections of one [`Target`] are interchangeable: they go to the same place.
pub(super) type Key = (bool, String, u16);

impl Target {
    /// The parts of `url`, an `http` or `https` URL; an error says why it is not one.
    pub(super) fn parse(url: &str) -> Result<Self, String> {
        let uri: hyper::Uri = url.parse().map_err(|e| format!("not a URL: {e}"))?;
        let tls = match uri.scheme_str() {
            Some(s) if s.eq_ignore_ascii_case("https") => true,
            Some(s) if s.eq_ignore_ascii_case("http") => false,
            Some(other) => return Err(format!("the scheme `{other}` is not http or https")),
            None => return Err("not an absolute URL".to_owned()),
        };
        let host = uri.host().filter(|h| !h.is_empty()).ok_or("no host")?;
        let port = uri.port_u16().unwrap_or(if tls { 443 } else { 80 });
        let authority = match uri.port_u16() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let path = uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
        Ok(Target {
            tls,
            host,
            port,
            authority,
            path: if path.is_empty() { "/".into() } else { path },
        })
    }

    /// The key of this target's connections in the pool.
    pub(super) fn key(&self) -> Key {
        (self.tls, self.host.clone(), self.port)
    }
}

/// Why a connection could not be opened.
#[derive(Debug, thiserror::Error)]
pub(super) enum ConnectError {
    /// TCP.
    #[error("{0}")]
    Tcp(std::io::Error),
    /// The host is not a name a TLS certificate can be checked against.
    #[error("`{0}` is not a valid TLS server name")]
    ServerName(String),
    /// The TLS handshake.
    #[error("TLS: {}", chain(.0))]
    Tls(std::io::Error),
    /// The HTTP/1.1 connection's setup.
    #[error("{}", chain(.0))]
    Http(hyper::Error),
}

/// An open HTTP/1.1 connection.
pub(super) struct Connection {
    sender: SendRequest<Full<Bytes>>,
    /// The channel binding of a TLS connection (from the server's certificate).
    channel_binding: Option<[u8; 16]>,
}

/// A complete answer.
pub(super) struct Answer {
    /// The status code.
    pub(super) status: u16,
    /// The headers.
    pub(super) headers: HeaderMap,
    /// The whole body.
    pub(super) body: Bytes,
    /// Whether the connection stays open for another request.
    pub(super) keep_alive: bool,
}

/// Why an exchange on a connection failed.
#[derive(Debug)]
pub(super) enum SendError {
    /// The connection was closed before the request went out: it may be sent on another.
    Unsent(hyper::Error),
    /// The request went out (perhaps partly) and no complete answer came.
    Failed(hyper::Error),
    /// The answer's body is larger than allowed; the connection is no longer usable.
    TooLarge,
}

/// The chain of an error's messages, each once, joined by `: `.
pub(super) fn chain(error: &dyn std::error::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(e) = source {
        let text = e.to_string();
        if !parts.contains(&text) {
            parts.push(text);
        }
        source = e.source();
    }
    parts.join(": ")
}

/// Opens a connection to `target`, through TLS with `tls` for https.
pub(super) async fn connect(
    target: &Target,
    tls: &TlsConnector,
) -> Result<Connection, ConnectError> {
    let tcp = TcpStream::connect((target.host.as_str(), target.port))
        .await
        .map_err(ConnectError::Tcp)?;
    // Requests are written whole; no reason to wait for more.
    let _ = tcp.set_nodelay(true);
    if target.tls {
        let name = ServerName::try_from(target.host.clone())
            .map_err(|_| ConnectError::ServerName(target.host.clone()))?;
        let stream = tls.connect(name, tcp).await.map_err(ConnectError::Tls)?;
        let channel_binding = stream
            .get_ref()
            .1
            .peer_certificates()
            .and_then(<[_]>::first)
            .map(|certificate| super::channel_binding::tls_server_end_point(certificate));
        Connection::over(TokioIo::new(stream), channel_binding).await
    } else {
        Connection::over(TokioIo::new(tcp), None).await
    }
}

impl Connection {
    /// HTTP/1.1 over `io`; the connection's own task runs until it closes.
    async fn over<I>(io: I, channel_binding: Option<[u8; 16]>) -> Result<Connection, ConnectError>
    where
        I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
    {
        let (sender, connection) = hyper::client::conn::http1::handshake(io)
            .await
            .map_err(ConnectError::Http)?;
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(error = %chain(&error), "NTLM transport: connection closed");
            }
        });
        Ok(Connection {
            sender,
            channel_binding,
        })
    }

    /// The channel binding of a TLS connection, for the AUTHENTICATE message.
    pub(super) fn channel_binding(&self) -> Option<&[u8; 16]> {
        self.channel_binding.as_ref()
    }

    /// Whether the connection was closed (by the server, or after an error).
    pub(super) fn is_closed(&self) -> bool {
        self.sender.is_closed()
    }

    /// Sends `request` and reads the whole answer, refusing a body larger than `max` bytes.
    pub(super) async fn send(
        &mut self,
        request: Request<Full<Bytes>>,
        max: usize,
    ) -> Result<Answer, SendError> {
        self.sender.ready().await.map_err(SendError::Unsent)?;
        let response =
            self.sender
                .try_send_request(request)
                .await
                .map_err(|mut error| match error.take_message() {
                    Some(_) => SendError::Unsent(error.into_error()),
                    None => SendError::Failed(error.into_error()),
                })?;
        let (parts, body) = response.into_parts();
        let announced = parts
            .headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if announced.is_some_and(|len| len > max as u64) {
            return Err(SendError::TooLarge);
        }
        let body = read_body(body, announced, max).await?;
        let keep_alive = parts.version == hyper::Version::HTTP_11
            && !parts.headers.get_all(CONNECTION).iter().any(|v| {
                v.to_str()
                    .is_ok_and(|v| v.to_ascii_lowercase().contains("close"))
            });
        Ok(Answer {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
            keep_alive,
        })
    }
}

/// Reads `body` frame by frame, giving up as soon as it passes `max` bytes.
async fn read_body(
    mut body: hyper::body::Incoming,
    announced: Option<u64>,
    max: usize,
) -> Result<Bytes, SendError> {
    let capacity = announced
        .map_or(0, |len| usize::try_from(len).unwrap_or(usize::MAX))
        .min(max)
        .min(PREALLOCATE_MAX);
    let mut whole = BytesMut::with_capacity(capacity);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(SendError::Failed)?;
        if let Ok(data) = frame.into_data() {
            if data.len() > max - whole.len() {
                return Err(SendError::TooLarge);
            }
            whole.extend_from_slice(&data);
        }
    }
    Ok(whole.freeze())
}

/// The TLS client setup of the transport: the web roots and `extra` roots, HTTP/1.1 by ALPN.
pub(super) fn tls_connector(
    extra: &[rustls_pki_types::CertificateDer<'static>],
) -> Result<TlsConnector, String> {
    use tokio_rustls::rustls;
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for certificate in extra {
        roots
            .add(certificate.clone())
            .map_err(|e| format!("a root certificate is not usable: {e}"))?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsConnector::from(Arc::new(config)))
}

#[cfg(test)]
mod tests {
    use super::Target;

    #[test]
    fn urls_are_split_into_what_a_connection_needs() {
        let t = Target::parse("https://u:p@host.example:8443/EWS/Exchange.asmx?x=1").unwrap();
        assert_eq!(
            (
                t.tls,
                t.host.as_str(),
                t.port,
                t.authority.as_str(),
                t.path.as_str()
            ),
            (
                true,
                "host.example",
                8443,
                "host.example:8443",
                "/EWS/Exchange.asmx?x=1"
            )
        );
        let t = Target::parse("http://[::1]/svc").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.authority.as_str()),
            ("::1", 80, "[::1]")
        );
        assert_eq!(Target::parse("http://h").unwrap().path, "/");
        assert!(Target::parse("ftp://h/x").is_err());
        assert!(Target::parse("/relative").is_err());
        assert!(Target::parse("not a url").is_err());
    }
}
