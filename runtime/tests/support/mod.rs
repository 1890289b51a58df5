//! What the authentication and transport tests share: test-made certificates, a small HTTP/1.1
//! server (plain or TLS, optionally requiring a client certificate) whose answers a closure
//! decides, and a SOAP operation to call.

#![allow(dead_code)]

#[cfg(feature = "wsse-signature")]
pub mod pki;
#[cfg(feature = "wsse-signature")]
pub mod signing;

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use soap_runtime::{Name, Ns, Operation};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{RootCertStore, ServerConfig};
use tokio_rustls::TlsAcceptor;

/// The namespace of the test operation.
pub const NS: &[&str] = &["urn:example:ping"];

/// `Ping`, answered by `PingResponse`.
pub const PING: Operation = Operation {
    name: "Ping",
    action: "urn:example:ping/Ping",
    request: Name::new(Ns(0), "Ping"),
    response: Name::new(Ns(0), "PingResponse"),
    encoded: false,
};

/// The answer to `Ping`, with `headers` (raw XML) in its `Header`.
pub fn pong(headers: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header>{headers}</s:Header><s:Body><PingResponse xmlns=\"urn:example:ping\"/></s:Body></s:Envelope>"
    )
}

/// A SOAP 1.1 fault envelope with `code` (in the `wsse` namespace) and `reason`.
pub fn wsse_fault(code: &str, reason: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">wsse:{code}</faultcode><faultstring>{reason}</faultstring></s:Fault></s:Body></s:Envelope>"
    )
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The request line (`POST /svc HTTP/1.1`).
    pub request_line: String,
    /// The headers, names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
}

impl Seen {
    /// The value of header `name` (lower case), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Decides the answer to a request: (status, body).
pub type Handler = Arc<dyn Fn(&Seen) -> (u16, String) + Send + Sync>;

/// Decides the answer to a request with headers of its own: (status, headers, body).
pub type HeadersHandler = Arc<dyn Fn(&Seen) -> (u16, Vec<(String, String)>, String) + Send + Sync>;

/// Reads one request head (through the blank line) from `stream`: the head's lines and what
/// was read past it.
pub async fn read_head<S: AsyncRead + Unpin>(stream: &mut S) -> Option<(Vec<String>, Vec<u8>)> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_string();
            let rest = buffer[end + 4..].to_vec();
            return Some((head.split("\r\n").map(str::to_owned).collect(), rest));
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

/// Reads one whole request (head and `Content-Length` body).
pub async fn read_request<S: AsyncRead + Unpin>(stream: &mut S) -> Option<Seen> {
    let (lines, mut body) = read_head(stream).await?;
    let mut lines = lines.into_iter();
    let request_line = lines.next()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            Some((name.trim().to_ascii_lowercase(), value.trim().to_string()))
        })
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut chunk = [0u8; 4096];
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Seen {
        request_line,
        headers,
        body: String::from_utf8_lossy(&body).to_string(),
    })
}

async fn answer<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    handler: HeadersHandler,
    seen: Arc<Mutex<Vec<Seen>>>,
) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let (status, headers, body) = handler(&request);
    seen.lock().unwrap().push(request);
    let extra: String = headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect();
    let response = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: text/xml; charset=utf-8\r\n{extra}content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// A running test server: its address and the requests it has seen.
pub struct TestServer {
    pub addr: SocketAddr,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl TestServer {
    /// The requests seen so far, taken.
    pub fn take(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.seen.lock().unwrap())
    }
}

/// An http server on 127.0.0.1 answering with `handler`.
pub async fn http_server(handler: Handler) -> TestServer {
    http_server_with_headers(without_headers(handler)).await
}

/// `handler`, answering without headers of its own.
fn without_headers(handler: Handler) -> HeadersHandler {
    Arc::new(move |seen| {
        let (status, body) = handler(seen);
        (status, Vec::new(), body)
    })
}

/// An http server on 127.0.0.1 answering with `handler`, headers included.
pub async fn http_server_with_headers(handler: HeadersHandler) -> TestServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            tokio::spawn(answer(tcp, Arc::clone(&handler), Arc::clone(&kept)));
        }
    });
    TestServer { addr, seen }
}

/// An https server on 127.0.0.1 with `certs` (server chain and key, PEM); when `client_ca`
/// is given, it requires a client certificate signed by that CA.
pub async fn https_server(
    certs: &Certificates,
    client_ca: Option<&[u8]>,
    handler: Handler,
) -> TestServer {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&certs.server_pem)
        .collect::<Result<_, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(&certs.server_key).unwrap();
    let builder = ServerConfig::builder();
    let config = match client_ca {
        Some(ca) => {
            let mut roots = RootCertStore::empty();
            for cert in CertificateDer::pem_slice_iter(ca) {
                roots.add(cert.unwrap()).unwrap();
            }
            let verifier = WebPkiClientVerifier::builder(Arc::new(roots))
                .build()
                .unwrap();
            builder.with_client_cert_verifier(verifier)
        }
        None => builder.with_no_client_auth(),
    }
    .with_single_cert(chain, key)
    .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let handler = without_headers(handler);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let handler = Arc::clone(&handler);
            let kept = Arc::clone(&kept);
            tokio::spawn(async move {
                if let Ok(tls) = acceptor.accept(tcp).await {
                    answer(tls, handler, kept).await;
                }
            });
        }
    });
    TestServer { addr, seen }
}

/// What a request through the test proxy looked like to the proxy.
#[derive(Debug, Clone)]
pub struct Proxied {
    /// The request line (`CONNECT 127.0.0.1:8443 HTTP/1.1` or `POST http://... HTTP/1.1`).
    pub request_line: String,
    /// Its `Proxy-Authorization` header, if any.
    pub authorization: Option<String>,
}

/// An HTTP proxy on 127.0.0.1: `CONNECT host:port` opens a tunnel; an absolute-form request
/// (`POST http://host:port/path`) is forwarded in origin form, without `Proxy-Authorization`.
/// When `credentials` (the `Proxy-Authorization` value expected) is given, other requests get
/// `407`.
pub async fn proxy(credentials: Option<String>) -> (SocketAddr, Arc<Mutex<Vec<Proxied>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&log);
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let log = Arc::clone(&kept);
            let credentials = credentials.clone();
            tokio::spawn(async move {
                let Some((lines, rest)) = read_head(&mut client).await else {
                    return;
                };
                let request_line = lines[0].clone();
                let authorization = lines[1..].iter().find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.trim()
                        .eq_ignore_ascii_case("proxy-authorization")
                        .then(|| value.trim().to_string())
                });
                log.lock().unwrap().push(Proxied {
                    request_line: request_line.clone(),
                    authorization: authorization.clone(),
                });
                if credentials.is_some() && authorization != credentials {
                    let _ = client
                        .write_all(b"HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm=\"test\"\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                        .await;
                    return;
                }
                let mut parts = request_line.split(' ');
                let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                if method == "CONNECT" {
                    let Ok(mut upstream) = tokio::net::TcpStream::connect(target).await else {
                        return;
                    };
                    let _ = client
                        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                        .await;
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                    return;
                }
                // Absolute form: http://host:port/path -> host:port and /path.
                let Some(after) = target.strip_prefix("http://") else {
                    return;
                };
                let (host, path) = after.split_at(after.find('/').unwrap_or(after.len()));
                let Ok(mut upstream) = tokio::net::TcpStream::connect(host).await else {
                    return;
                };
                let mut head = format!("{method} {path} HTTP/1.1\r\n");
                for line in &lines[1..] {
                    if !line.to_ascii_lowercase().starts_with("proxy-") {
                        head.push_str(line);
                        head.push_str("\r\n");
                    }
                }
                head.push_str("\r\n");
                let _ = upstream.write_all(head.as_bytes()).await;
                let _ = upstream.write_all(&rest).await;
                let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
            });
        }
    });
    (addr, log)
}

/// Test-made PEM certificates: a CA, a server certificate for 127.0.0.1 and localhost and a
/// client certificate, both signed by the CA.
pub struct Certificates {
    pub dir: PathBuf,
    pub ca_pem: Vec<u8>,
    pub server_pem: Vec<u8>,
    pub server_key: Vec<u8>,
    pub client_pem: Vec<u8>,
    pub client_key: Vec<u8>,
}

impl Drop for Certificates {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Runs `openssl` with `args` in `dir`, panicking with its error output on failure.
fn openssl(dir: &Path, args: &[&str]) {
    let output = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the `openssl` command is needed to make test certificates");
    assert!(
        output.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Makes the test certificates (P-256 keys, valid one day) in a fresh directory named after
/// `test`.
pub fn certificates(test: &str) -> Certificates {
    let dir = std::env::temp_dir().join(format!("soap-runtime-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    openssl(
        &dir,
        &[
            &["req", "-x509"],
            &ec[..],
            &[
                "-days",
                "1",
                "-subj",
                "/CN=Test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
            ],
        ]
        .concat(),
    );
    for (name, subject, extensions) in [
        (
            "server",
            "/CN=localhost",
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
        ),
        (
            "client",
            "/CN=Test Client",
            "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n",
        ),
    ] {
        std::fs::write(dir.join(format!("{name}.ext")), extensions).unwrap();
        let key = format!("{name}.key");
        let csr = format!("{name}.csr");
        let pem = format!("{name}.pem");
        let ext = format!("{name}.ext");
        openssl(
            &dir,
            &[
                &["req"],
                &ec[..],
                &["-subj", subject, "-keyout", &key, "-out", &csr],
            ]
            .concat(),
        );
        openssl(
            &dir,
            &[
                "x509", "-req", "-in", &csr, "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "1", "-extfile", &ext, "-out", &pem,
            ],
        );
    }
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    Certificates {
        ca_pem: read("ca.pem"),
        server_pem: read("server.pem"),
        server_key: read("server.key"),
        client_pem: read("client.pem"),
        client_key: read("client.key"),
        dir,
    }
}

/// Runs `script` with the oracle's Python (`ORACLE_PYTHON`: `what`, a Python with `modules`,
/// for the test binary `test`), `args` after it and `stdin` on its standard input, and returns
/// what it printed; `None` (after a loud message) without one, a panic in CI.
pub fn python(
    what: &str,
    test: &str,
    modules: &str,
    script: &str,
    args: &[&str],
    stdin: &str,
) -> Option<String> {
    let Some(python) = std::env::var_os("ORACLE_PYTHON").filter(|p| !p.is_empty()) else {
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!("ORACLE_PYTHON is not set, and CI must run {what}: use scripts/test.sh");
        }
        let _ = writeln!(
            std::io::stderr(),
            "\n!!! SKIPPED: {what} is unavailable: {test} needs ORACLE_PYTHON (a Python with \
             {modules}; scripts/test.sh sets it up) !!!\n"
        );
        return None;
    };
    let mut child = Command::new(python)
        .arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the oracle's Python");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8(output.stdout).unwrap())
}
