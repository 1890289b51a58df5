//! `NtlmTransport` against an NTLM acceptor nobody here wrote: pyspnego's
//! (`spnego.server(protocol="ntlm")`), behind a small HTTP/1.1 keep-alive server
//! (`support/ntlm_server.py`) that runs the handshake on each connection and counts handshakes
//! and requests per connection.
//!
//! Needs the Python of `ORACLE_PYTHON` with pyspnego (`scripts/test.sh` installs it); skipped
//! loudly without it, and failing instead when `CI` is set.

mod support;

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use soap_runtime::client::{Client, HttpRequest, NtlmTransport, Transport};
use soap_runtime::Skipped as NoHeaders;
use soap_runtime::{Error, TransportError};
use support::{certificates, NS, PING};

const PASSWORD: &str = "S3cr3t-pw";

/// The test server, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

/// The oracle's Python, if there is one with pyspnego; `None` after a loud message (a panic
/// in CI).
fn python() -> Option<std::ffi::OsString> {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    let skip = |why: &str| {
        if ci {
            panic!("{why}, and CI must run the pyspnego oracle: use scripts/test.sh");
        }
        let _ = writeln!(
            std::io::stderr(),
            "\n!!! SKIPPED: {why}: ntlm needs ORACLE_PYTHON with pyspnego \
             (scripts/test.sh sets it up) !!!\n"
        );
        None
    };
    let Some(python) = std::env::var_os("ORACLE_PYTHON").filter(|p| !p.is_empty()) else {
        return skip("ORACLE_PYTHON is not set");
    };
    let has_spnego = Command::new(&python)
        .args(["-c", "import spnego"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_spnego {
        return skip("the Python of ORACLE_PYTHON has no pyspnego");
    }
    Some(python)
}

/// Starts the test server with `args`, knowing the account `CORP\anna` with [`PASSWORD`].
fn server(test: &str, args: &[&str]) -> Option<Server> {
    let python = python()?;
    let dir = std::env::temp_dir().join(format!("soap-runtime-ntlm-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let users = dir.join("users");
    std::fs::write(&users, format!("CORP:anna:{PASSWORD}\n")).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/ntlm_server.py");
    let mut child = Command::new(python)
        .arg(script)
        .args(args)
        .env("NTLM_USER_FILE", &users)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the NTLM test server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .strip_prefix("PORT ")
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or_else(|| panic!("the NTLM test server did not start: {line:?}"));
    Some(Server { child, port, dir })
}

/// What the server's `/echo` saw.
#[derive(Debug)]
struct Echo {
    conn: u32,
    handshakes: u32,
    requests: u32,
    user: String,
    action: String,
    content_type: String,
    binding: String,
    cookie: String,
    accept: String,
    encoding: String,
    body: Vec<u8>,
}

fn echo(body: &[u8]) -> Echo {
    let text = std::str::from_utf8(body).unwrap();
    let doc = roxmltree::Document::parse(text).unwrap();
    let e = doc.root_element();
    let number = |name: &str| e.attribute(name).unwrap().parse().unwrap();
    Echo {
        conn: number("conn"),
        handshakes: number("handshakes"),
        requests: number("requests"),
        user: e.attribute("user").unwrap().to_owned(),
        action: e.attribute("action").unwrap().to_owned(),
        content_type: e.attribute("contentType").unwrap().to_owned(),
        binding: e.attribute("binding").unwrap().to_owned(),
        cookie: e.attribute("cookie").unwrap().to_owned(),
        accept: e.attribute("accept").unwrap().to_owned(),
        encoding: e.attribute("encoding").unwrap().to_owned(),
        body: base64::engine::general_purpose::STANDARD
            .decode(e.text().unwrap_or_default())
            .unwrap(),
    }
}

fn request(url: String, body: &[u8]) -> HttpRequest {
    HttpRequest {
        url,
        content_type: "text/xml; charset=utf-8".into(),
        soap_action: Some("\"urn:example:ping/Ping\"".into()),
        body: body.to_vec(),
    }
}

fn transport() -> NtlmTransport {
    NtlmTransport::builder("CORP\\anna", PASSWORD)
        .workstation("BUILD01")
        .build()
        .unwrap()
}

/// Sends `body` to `/echo` and reads what the server saw.
async fn send_echo(transport: &NtlmTransport, server: &Server, body: &[u8]) -> Echo {
    let response = transport
        .send(request(server.url("/echo"), body))
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    echo(&response.body)
}

#[tokio::test]
async fn a_call_authenticates_and_its_body_and_headers_arrive_intact() {
    let Some(server) = server("intact", &[]) else {
        return;
    };
    let transport = transport();
    // Larger than one read, and not ASCII.
    let body: Vec<u8> = "<Ping>ünïcode ✓</Ping>".repeat(5_000).into_bytes();
    let seen = send_echo(&transport, &server, &body).await;
    assert_eq!(seen.body, body);
    assert_eq!(seen.user, "CORP\\anna");
    assert_eq!(seen.action, "\"urn:example:ping/Ping\"");
    assert_eq!(seen.content_type, "text/xml; charset=utf-8");
    assert_eq!((seen.handshakes, seen.requests), (1, 1));
    // No TLS, no channel binding.
    assert_eq!(seen.binding, "none");
}

#[tokio::test]
async fn a_call_through_a_client_decodes_the_answer() {
    let Some(server) = server("client", &[]) else {
        return;
    };
    let client = Client::with_transport(server.url("/ping"), Arc::new(transport()));
    for _ in 0..2 {
        client
            .call::<NoHeaders, (), NoHeaders, ()>(NS, &PING, &NoHeaders, &())
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn later_calls_reuse_the_authenticated_connection() {
    let Some(server) = server("reuse", &[]) else {
        return;
    };
    let transport = transport();
    let first = send_echo(&transport, &server, b"<a/>").await;
    for n in 2..=5 {
        let seen = send_echo(&transport, &server, format!("<a n='{n}'/>").as_bytes()).await;
        assert_eq!(
            seen.conn, first.conn,
            "call {n} went over another connection"
        );
        assert_eq!((seen.handshakes, seen.requests), (1, n));
        assert_eq!(seen.body, format!("<a n='{n}'/>").as_bytes());
    }
    // Clones share the connections.
    let clone = transport.clone();
    assert_eq!(send_echo(&clone, &server, b"<b/>").await.conn, first.conn);
}

#[tokio::test]
async fn a_kept_connection_the_server_closed_is_replaced() {
    let Some(server) = server("idle", &["--idle", "0.3"]) else {
        return;
    };
    let transport = transport();
    let first = send_echo(&transport, &server, b"<a/>").await;
    // The server closes the connection after 0.3 s without a request, as IIS does after its
    // idle timeout.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let second = send_echo(&transport, &server, b"<b/>").await;
    assert_ne!(second.conn, first.conn);
    assert_eq!((second.handshakes, second.requests), (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_authenticate_a_connection_each_and_all_succeed() {
    let Some(server) = server("concurrent", &[]) else {
        return;
    };
    let transport = transport();
    let url = server.url("/echo");
    let round = |round: usize| {
        let mut calls = tokio::task::JoinSet::new();
        for i in 0..6 {
            let transport = transport.clone();
            let url = url.clone();
            calls.spawn(async move {
                let body = format!("<call round='{round}' i='{i}'/>");
                let response = transport.send(request(url, body.as_bytes())).await.unwrap();
                let seen = echo(&response.body);
                assert_eq!(seen.body, body.as_bytes());
                assert_eq!(seen.user, "CORP\\anna");
                assert_eq!(seen.handshakes, 1);
                seen.conn
            });
        }
        calls.join_all()
    };
    let mut first: Vec<u32> = round(0).await;
    first.sort_unstable();
    first.dedup();
    assert!(first.len() <= 6, "{first:?}");
    // The second round goes over the connections the first authenticated.
    for conn in round(1).await {
        assert!(
            first.contains(&conn),
            "{conn} is a new connection: {first:?}"
        );
    }
}

#[tokio::test]
async fn a_wrong_password_is_an_unauthorized_error_that_does_not_show_it() {
    let Some(server) = server("wrong", &[]) else {
        return;
    };
    let wrong = "Wr0ng-pw-\u{e9}";
    let transport = NtlmTransport::builder("CORP\\anna", wrong).build().unwrap();
    match transport.send(request(server.url("/echo"), b"<a/>")).await {
        Err(TransportError::Unauthorized { url, reason }) => {
            assert_eq!(url, server.url("/echo"));
            assert!(reason.contains("CORP\\anna"), "{reason}");
            assert!(!reason.contains(wrong), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // Through a client: the transport's error, typed.
    let client = Client::with_transport(server.url("/ping"), Arc::new(transport));
    let error = client
        .call::<NoHeaders, (), NoHeaders, ()>(NS, &PING, &NoHeaders, &())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Transport(TransportError::Unauthorized { .. })),
        "{error:?}"
    );
    assert!(!error.to_string().contains(wrong), "{error}");
    assert!(!format!("{error:?}").contains(wrong), "{error:?}");

    // An unknown user, and the right password for another domain, fail the same way.
    for (user, password) in [("CORP\\nobody", PASSWORD), ("OTHER\\anna", PASSWORD)] {
        let transport = NtlmTransport::builder(user, password).build().unwrap();
        let result = transport.send(request(server.url("/echo"), b"<a/>")).await;
        assert!(
            matches!(result, Err(TransportError::Unauthorized { .. })),
            "{user}: {result:?}"
        );
    }
}

#[tokio::test]
async fn the_domain_may_be_given_apart_from_the_user() {
    let Some(server) = server("domain", &[]) else {
        return;
    };
    let transport = NtlmTransport::builder("anna", PASSWORD)
        .domain("CORP")
        .build()
        .unwrap();
    assert_eq!(
        send_echo(&transport, &server, b"<a/>").await.user,
        "CORP\\anna"
    );
}

#[tokio::test]
async fn a_server_offering_only_negotiate_gets_the_ntlm_tokens_under_that_scheme() {
    let Some(server) = server("negotiate", &["--negotiate-only"]) else {
        return;
    };
    let transport = transport();
    let first = send_echo(&transport, &server, b"<a/>").await;
    assert_eq!(first.user, "CORP\\anna");
    let second = send_echo(&transport, &server, b"<b/>").await;
    assert_eq!((second.conn, second.requests), (first.conn, 2));
}

#[tokio::test]
async fn a_kept_connection_that_lost_its_authentication_is_replaced_by_a_new_handshake() {
    let Some(server) = server("forget", &[]) else {
        return;
    };
    let transport = transport();
    // `/forget` answers, then takes the connection's authentication back.
    let response = transport
        .send(request(server.url("/forget"), b"<a/>"))
        .await
        .unwrap();
    let first = echo(&response.body);
    let second = send_echo(&transport, &server, b"<b/>").await;
    assert_ne!(second.conn, first.conn);
    assert_eq!((second.handshakes, second.requests), (1, 1));
    assert_eq!(second.body, b"<b/>");
}

#[tokio::test]
async fn a_malformed_challenge_is_an_error_not_a_panic() {
    let Some(server) = server("bad-challenge", &["--bad-challenge"]) else {
        return;
    };
    match transport()
        .send(request(server.url("/echo"), b"<a/>"))
        .await
    {
        Err(TransportError::Other { reason, .. }) => {
            assert!(reason.contains("challenge"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_server_without_ntlm_is_an_unauthorized_error_naming_what_it_offers() {
    let Some(server) = server("basic-only", &["--basic-only"]) else {
        return;
    };
    match transport()
        .send(request(server.url("/echo"), b"<a/>"))
        .await
    {
        Err(TransportError::Unauthorized { reason, .. }) => {
            assert!(reason.contains("offers: Basic"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_server_that_asks_for_no_authentication_gets_the_call_after_the_first_message() {
    let Some(server) = server("open", &["--open"]) else {
        return;
    };
    let transport = transport();
    // The NEGOTIATE request (empty) is answered as it is; the call follows without any
    // authentication, on the same connection.
    let first = send_echo(&transport, &server, b"<a/>").await;
    assert_eq!(
        (first.requests, first.body.as_slice(), first.user.as_str()),
        (2, &b"<a/>"[..], "")
    );
    let second = send_echo(&transport, &server, b"<b/>").await;
    assert_eq!((second.conn, second.requests), (first.conn, 3));
}

#[tokio::test]
async fn the_response_size_limit_holds() {
    let Some(server) = server("limit", &[]) else {
        return;
    };
    // Set on the transport.
    let limited = NtlmTransport::builder("CORP\\anna", PASSWORD)
        .max_response_size(1_000)
        .build()
        .unwrap();
    match limited.send(request(server.url("/big"), b"<a/>")).await {
        Err(TransportError::TooLarge { max, url }) => {
            assert_eq!((max, url), (1_000, server.url("/big")))
        }
        other => panic!("{other:?}"),
    }
    // Given by the caller (a Client's Limits::max_message_size).
    let transport = transport();
    match transport
        .send_limited(request(server.url("/big"), b"<a/>"), 5_000)
        .await
    {
        Err(TransportError::TooLarge { max, .. }) => assert_eq!(max, 5_000),
        other => panic!("{other:?}"),
    }
    // Within the limit, it arrives whole.
    let response = transport
        .send_limited(request(server.url("/big"), b"<a/>"), 300_000)
        .await
        .unwrap();
    assert_eq!(response.body.len(), 200_000);
}

#[tokio::test]
async fn the_call_timeout_holds() {
    let Some(server) = server("timeout", &[]) else {
        return;
    };
    let transport = NtlmTransport::builder("CORP\\anna", PASSWORD)
        .timeout(Duration::from_millis(700))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    match transport.send(request(server.url("/slow"), b"<a/>")).await {
        Err(TransportError::Timeout { seconds, url }) => {
            assert!((seconds - 0.7).abs() < 1e-9, "{seconds}");
            assert_eq!(url, server.url("/slow"));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_closed_port_is_a_connect_error_with_the_url_without_credentials() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let url = format!("http://u:p@127.0.0.1:{port}/svc?ticket=t");
    match transport().send(request(url, b"<a/>")).await {
        Err(TransportError::Connect { url, .. }) => {
            assert_eq!(url, format!("http://127.0.0.1:{port}/svc"))
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn https_with_a_private_root_and_channel_binding() {
    let certs = certificates("ntlm-https");
    let cert = certs.dir.join("server.pem");
    let key = certs.dir.join("server.key");
    let tls = ["--tls", cert.to_str().unwrap(), key.to_str().unwrap()];
    // The server refuses an AUTHENTICATE message not bound to its TLS connection, as IIS with
    // Extended Protection "Required" does.
    let Some(server) = server("https", &[&tls[..], &["--channel-binding"]].concat()) else {
        return;
    };
    let url = format!("https://localhost:{}/echo", server.port);
    let trusting = NtlmTransport::builder("CORP\\anna", PASSWORD)
        .add_root_certificate_pem(&certs.ca_pem)
        .unwrap()
        .build()
        .unwrap();
    for n in 1..=2 {
        let response = trusting.send(request(url.clone(), b"<a/>")).await.unwrap();
        let seen = echo(&response.body);
        assert_eq!((seen.user.as_str(), seen.requests), ("CORP\\anna", n));
        assert_eq!(seen.binding, "match");
    }
    // Without the private root, the certificate is not trusted.
    let untrusting = transport();
    match untrusting.send(request(url, b"<a/>")).await {
        Err(TransportError::Connect { reason, .. }) => {
            assert!(reason.contains("certificate"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn debug_output_shows_no_password() {
    let builder = NtlmTransport::builder("CORP\\anna", PASSWORD).workstation("BUILD01");
    let shown = format!("{builder:?}");
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert!(shown.contains("anna"), "{shown}");
    let transport = builder.build().unwrap();
    let shown = format!("{transport:?}");
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert!(shown.contains("<redacted>"), "{shown}");
    let shown = format!(
        "{:?}",
        Client::with_transport("http://h/", Arc::new(transport))
    );
    assert!(!shown.contains(PASSWORD), "{shown}");
}

#[cfg(feature = "cookies")]
#[tokio::test]
async fn cookies_set_in_the_handshake_and_by_the_service_go_back() {
    let Some(server) = server("cookies", &["--cookies"]) else {
        return;
    };
    let transport = transport();
    // The challenge's affinity cookie goes with the AUTHENTICATE message already.
    let first = send_echo(&transport, &server, b"<Ping/>").await;
    assert_eq!(first.cookie, "affinity=node1");
    // The session the authenticated answer set goes with every later call, on a kept
    // connection or on a new one (a clone shares the cookies).
    let second = send_echo(&transport, &server, b"<Ping/>").await;
    let mut sent: Vec<&str> = second.cookie.split("; ").collect();
    sent.sort_unstable();
    assert_eq!(sent, ["affinity=node1", "session=S3ss10n"]);
    let jar = transport.cookie_jar().expect("cookies are kept by default");
    assert!(jar
        .header_for(&server.url("/echo"))
        .unwrap()
        .is_some_and(|h| h.contains("session=S3ss10n")));
    assert!(!format!("{transport:?}").contains("S3ss10n"));

    // Turned off: none kept, none sent.
    let without = NtlmTransport::builder("CORP\\anna", PASSWORD)
        .without_cookies()
        .build()
        .unwrap();
    assert!(without.cookie_jar().is_none());
    send_echo(&without, &server, b"<Ping/>").await;
    assert_eq!(send_echo(&without, &server, b"<Ping/>").await.cookie, "");
}

#[cfg(feature = "compression")]
#[tokio::test]
async fn compressed_answers_are_asked_for_and_read_and_requests_compressed_after_the_handshake() {
    use soap_runtime::compression::Compression;
    let Some(server) = server("gzip", &[]) else {
        return;
    };
    // Large enough to be compressed, and not ASCII.
    let body: Vec<u8> = "<Ping>ünïcode ✓</Ping>".repeat(2_000).into_bytes();
    let compressing = NtlmTransport::builder("CORP\\anna", PASSWORD)
        .accept_compressed()
        .compress_requests(Compression::default())
        .build()
        .unwrap();
    // The handshake's empty NEGOTIATE message goes without a Content-Encoding (the server
    // answers one with 400); the AUTHENTICATE message carries the gzipped call, and a later
    // call on the kept connection does too. The server's gzipped answers are read.
    for requests in 1..=2 {
        let response = compressing
            .send(request(server.url("/gzip"), &body))
            .await
            .unwrap();
        assert_eq!(response.status, 200);
        let seen = echo(&response.body);
        assert_eq!((seen.handshakes, seen.requests), (1, requests));
        assert_eq!(seen.accept, "gzip, deflate");
        assert_eq!(seen.encoding, "gzip");
        assert_eq!(seen.body, body);
    }

    // A gzipped answer larger than the limit once inflated is refused at the limit.
    let small = NtlmTransport::builder("CORP\\anna", PASSWORD)
        .accept_compressed()
        .max_response_size(10_000)
        .build()
        .unwrap();
    let error = small
        .send(request(server.url("/gzip"), &body))
        .await
        .unwrap_err();
    assert!(
        matches!(error, TransportError::TooLarge { max: 10_000, .. }),
        "{error:?}"
    );

    // Without being asked, the server sends the echo as it is, and the request goes plain.
    let seen = send_echo(&transport(), &server, b"<Ping/>").await;
    assert_eq!((seen.accept.as_str(), seen.encoding.as_str()), ("", ""));
}
