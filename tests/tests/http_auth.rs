//! HTTP Basic authentication in front of the generated EMail server, and the HTTP request its
//! handler sees, over real HTTP on 127.0.0.1: the generated client with the right credentials
//! is served (the handler reads the user, a custom header, the method, path and peer), with
//! wrong or no credentials it gets `401` as a typed HTTP error and the service never runs; a
//! refused request is answered before its body is read; zeep with `requests`' Basic auth is
//! served and refused the same way; and the same server mounted in axum sees the peer through
//! axum's `ConnectInfo`.
//!
//! The zeep test needs the Python of `ORACLE_PYTHON` (`scripts/test.sh` sets it up); it is
//! skipped loudly without it, and fails instead when `CI` is set.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;
use end_to_end::child::python_script;
use end_to_end::email_wsdl;
use end_to_end::shared::skip_unless_ci;
use services82_email::{
    EMailAgent, EMailServer, EMailService, RefreshFolder, RefreshFolderResponse, RequestHeaders,
    ResponseHeaders,
};
use soap_runtime::client::HttpTransport;
use soap_runtime::server::{authenticated_user, with_http_context, BasicAuth, Server};
use soap_runtime::{Client, Error, Fault, Message};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const REALM_CHALLENGE: &str = "Basic realm=\"EMail\", charset=\"UTF-8\"";

/// What the handler saw of one request's HTTP side.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    user: Option<String>,
    request_id: Option<String>,
    method: String,
    path: String,
    peer: Option<SocketAddr>,
}

/// Answers `RefreshFolder` with 7, keeping what it saw of each request's HTTP side.
#[derive(Default)]
struct Recording {
    seen: Mutex<Vec<Seen>>,
}

impl Recording {
    fn take(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.seen.lock().unwrap())
    }
}

impl EMailService for Recording {
    async fn refresh_folder(
        &self,
        _request: Message<RequestHeaders, RefreshFolder>,
    ) -> Result<Message<ResponseHeaders, RefreshFolderResponse>, Fault> {
        let seen = with_http_context(|http| Seen {
            user: authenticated_user().map(|user| user.to_string()),
            request_id: http.header("x-request-id").map(String::from),
            method: http.method().to_string(),
            path: http.uri().path().to_owned(),
            peer: http.peer_addr(),
        })
        .expect("the handler runs with its HTTP request");
        self.seen.lock().unwrap().push(seen);
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: RefreshFolderResponse { response: Some(7) },
        })
    }
}

/// Basic authentication in realm `EMail` accepting `agent` and `ops`.
fn basic_auth() -> BasicAuth {
    BasicAuth::new("EMail")
        .and_then(|auth| auth.user("agent", "s3cret"))
        .and_then(|auth| auth.user("ops", "pässwörd"))
        .expect("valid users")
}

/// The generated EMail server of a fresh [`Recording`] behind [`basic_auth`], on 127.0.0.1.
async fn serve_behind_basic_auth() -> (Arc<Recording>, Server) {
    let service = Arc::new(Recording::default());
    let server = EMailServer::shared(service.clone())
        .with_http_authenticator(basic_auth())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    (service, server)
}

/// The generated client at `url`, sending `credentials` (if any) and `X-Request-Id: id`.
fn agent(url: &str, credentials: Option<(&str, &str)>, id: &str) -> EMailAgent {
    let mut transport = HttpTransport::builder().header("X-Request-Id", id).unwrap();
    if let Some((user, password)) = credentials {
        transport = transport.basic_auth(user, password).unwrap();
    }
    let transport = Arc::new(transport.build().unwrap());
    EMailAgent::with_client(Client::with_transport(url.to_owned(), transport))
}

/// Expects `result` to be the typed HTTP error of a `401` answer.
fn assert_unauthorized(result: Result<i32, services82_email::Error>) {
    match result {
        Err(Error::Http { status, .. }) => assert_eq!(status, 401),
        other => panic!("expected HTTP 401, got {other:?}"),
    }
}

#[tokio::test]
async fn the_generated_client_is_served_with_the_right_credentials_only() {
    let (service, server) = serve_behind_basic_auth().await;
    let url = server.url();

    let answer = agent(&url, Some(("agent", "s3cret")), "req-1")
        .refresh_folder(None, None)
        .await;
    assert_eq!(answer.unwrap(), 7);
    let answer = agent(&url, Some(("ops", "pässwörd")), "req-2")
        .refresh_folder(None, None)
        .await;
    assert_eq!(answer.unwrap(), 7);
    let seen = service.take();
    let path = EMailServer::<Recording>::DEFAULT_PATH;
    for (seen, (user, id)) in seen.iter().zip([("agent", "req-1"), ("ops", "req-2")]) {
        assert_eq!(seen.user.as_deref(), Some(user));
        assert_eq!(seen.request_id.as_deref(), Some(id));
        assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", path));
        let peer = seen.peer.expect("the built-in server knows the peer");
        assert!(peer.ip().is_loopback() && peer.port() != 0, "{peer}");
    }
    assert_eq!(seen.len(), 2);

    for credentials in [
        Some(("agent", "wrong")),
        Some(("agent", "S3cret")),
        Some(("ops", "s3cret")),
        Some(("Agent", "s3cret")),
        None,
    ] {
        let answer = agent(&url, credentials, "req-x")
            .refresh_folder(None, None)
            .await;
        assert_unauthorized(answer);
    }
    assert!(service.take().is_empty(), "no refused request was served");

    // The refusal's challenge, as a browser or zeep sees it.
    let refused = reqwest::Client::new()
        .post(&url)
        .header("content-type", "text/xml; charset=utf-8")
        .body("<not-even-xml")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    assert_eq!(refused.headers()["www-authenticate"], REALM_CHALLENGE);
    server.shutdown().await;
}

#[tokio::test]
async fn a_refused_request_is_answered_before_its_body_is_read() {
    let (service, server) = serve_behind_basic_auth().await;
    let mut tcp = tokio::net::TcpStream::connect(server.local_addr())
        .await
        .unwrap();
    // A head announcing a large body that never comes: the answer cannot wait for it.
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml; charset=utf-8\r\nAuthorization: Basic d3Jvbmc6d3Jvbmc=\r\nContent-Length: 1000000\r\n\r\n",
        EMailServer::<Recording>::DEFAULT_PATH
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0; 4096];
    let read = tokio::time::timeout(Duration::from_secs(5), tcp.read(&mut answer))
        .await
        .expect("answered without the body")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..read]).to_ascii_lowercase();
    assert!(answer.starts_with("http/1.1 401"), "{answer}");
    assert!(
        answer.contains(&format!(
            "www-authenticate: {}",
            REALM_CHALLENGE.to_ascii_lowercase()
        )),
        "{answer}"
    );
    assert!(service.take().is_empty());
    drop(tcp);
    server.shutdown().await;
}

/// Calls `RefreshFolder` at `argv[2]` with zeep (WSDL `argv[1]`), with `requests`' Basic auth
/// as `argv[3]`/`argv[4]` (none when `-`), given as text (which `requests` encodes in
/// ISO-8859-1) or as UTF-8 bytes (`argv[5]`: `text` or `utf-8`), and `X-Request-Id: zeep-1`
/// on the session. Prints `ok RESPONSE`, or `http STATUS` for an HTTP error.
const ZEEP_CLIENT: &str = r#"
import sys
import requests, zeep
from zeep.transports import Transport

wsdl, url, user, password, encoding = sys.argv[1:6]
session = requests.Session()
session.headers["X-Request-Id"] = "zeep-1"
if user != "-" and encoding == "text":
    session.auth = (user, password)
elif user != "-":
    session.auth = (user.encode("utf-8"), password.encode("utf-8"))
client = zeep.Client(wsdl, transport=Transport(session=session))
service = client.create_service(
    "{http://www.superoffice.net/ws/crm/NetServer/Services82}BasicHttpBinding_EMail", url)
try:
    answer = service.RefreshFolder()
    print("ok", answer.body.Response if hasattr(answer, "body") else answer)
except zeep.exceptions.TransportError as error:
    print("http", error.status_code)
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_is_served_with_basic_credentials_and_refused_without() {
    let Some(python) = std::env::var_os("ORACLE_PYTHON").filter(|p| !p.is_empty()) else {
        skip_unless_ci(
            "http_auth's zeep test needs ORACLE_PYTHON with zeep (scripts/test.sh sets it up)",
        );
        return;
    };
    let (service, server) = serve_behind_basic_auth().await;
    let url = server.url();
    let wsdl = email_wsdl();
    let zeep = |user: &str, password: &str, encoding: &str| {
        let args = [
            wsdl.display().to_string(),
            url.clone(),
            user.to_owned(),
            password.to_owned(),
            encoding.to_owned(),
        ];
        let python = python.clone();
        async move {
            tokio::task::spawn_blocking(move || python_script(&python, ZEEP_CLIENT, &args))
                .await
                .unwrap()
        }
    };
    // The password as UTF-8, and as the ISO-8859-1 `requests` makes of text.
    for encoding in ["utf-8", "text"] {
        assert_eq!(
            zeep("ops", "pässwörd", encoding).await,
            "ok 7",
            "{encoding}"
        );
        let seen = service.take();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].user.as_deref(), Some("ops"));
        assert_eq!(seen[0].request_id.as_deref(), Some("zeep-1"));
    }
    assert_eq!(zeep("-", "-", "text").await, "http 401");
    assert_eq!(zeep("ops", "wrong", "text").await, "http 401");
    assert_eq!(zeep("ops", "passwörd", "text").await, "http 401");
    assert!(service.take().is_empty(), "no refused request was served");
    server.shutdown().await;
}

#[tokio::test]
async fn through_axum_the_handler_sees_the_user_and_the_peer() {
    let service = Arc::new(Recording::default());
    let path = EMailServer::<Recording>::DEFAULT_PATH;
    let soap = EMailServer::shared(service.clone())
        .with_http_authenticator(basic_auth())
        .into_service()
        .with_peer_address(|extensions| {
            extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(peer)| *peer)
        });
    let app = axum::Router::new().route_service(path, soap);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let app = app.into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app).await.expect("axum serves");
    });
    let url = format!("http://{addr}{path}");

    let answer = agent(&url, Some(("agent", "s3cret")), "axum-1")
        .refresh_folder(None, None)
        .await;
    assert_eq!(answer.unwrap(), 7);
    let seen = service.take();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].user.as_deref(), Some("agent"));
    assert_eq!(seen[0].request_id.as_deref(), Some("axum-1"));
    assert_eq!(seen[0].path, path);
    let peer = seen[0].peer.expect("axum's ConnectInfo names the peer");
    assert!(peer.ip().is_loopback() && peer.port() != 0, "{peer}");

    let answer = agent(&url, Some(("agent", "wrong")), "axum-2")
        .refresh_folder(None, None)
        .await;
    assert_unauthorized(answer);
    assert!(service.take().is_empty());
    task.abort();
}
