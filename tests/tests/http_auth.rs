//! HTTP authentication in front of the generated EMail server, and the HTTP request its handler
//! sees, over real HTTP on 127.0.0.1.
//!
//! Behind HTTP Basic auth: the generated client with the right credentials is served (the
//! handler reads the user, a custom header, the method, path and peer), with wrong or no
//! credentials it gets `401` as a typed HTTP error and the service never runs; a refused
//! request is answered before its body is read; zeep with `requests`' Basic auth is served and
//! refused the same way; and the same server mounted in axum sees the peer through axum's
//! `ConnectInfo`.
//!
//! Behind an asynchronous authenticator looking bearer tokens up in a token store (a task of
//! its own answering over a channel, as a database would): a known token is served as its user,
//! an unknown one refused `401` with two challenges, one without the scope `403`; a refused
//! request is answered before its body is read; a lookup that hangs on one connection does not
//! hold the others; a panic fails its request only, with `500`; zeep with a bearer token is
//! served and gets the `401` and `403` as its HTTP errors.
//!
//! The zeep tests need the Python of `ORACLE_PYTHON` (`scripts/test.sh` sets it up); they are
//! skipped loudly without it, and fail instead when `CI` is set.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
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
use soap_runtime::server::{
    authenticated_user, with_http_context, AsyncHttpAuthenticator, BasicAuth, HttpContext, Refusal,
    Server, Unauthorized,
};
use soap_runtime::{Client, Error, Fault, Message};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot, Semaphore};

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

/// The generated client at `url` (a connection of its own), sending `Authorization: Bearer
/// token`.
fn bearer_agent(url: &str, token: &str) -> EMailAgent {
    let transport = HttpTransport::builder()
        .header("Authorization", &format!("Bearer {token}"))
        .unwrap()
        .build()
        .unwrap();
    EMailAgent::with_client(Client::with_transport(url.to_owned(), Arc::new(transport)))
}

/// Expects `result` to be the typed HTTP error of an answer with `expected` status.
fn assert_http_error(result: Result<i32, services82_email::Error>, expected: u16) {
    match result {
        Err(Error::Http { status, .. }) => assert_eq!(status, expected),
        other => panic!("expected HTTP {expected}, got {other:?}"),
    }
}

/// Expects `result` to be the typed HTTP error of a `401` answer.
fn assert_unauthorized(result: Result<i32, services82_email::Error>) {
    assert_http_error(result, 401);
}

/// What the server at `addr` answers (lowercased) to a request for the EMail endpoint with
/// `authorization` whose head announces a large body that is never sent: it cannot wait for
/// the body to answer.
async fn answer_without_body(addr: SocketAddr, authorization: &str) -> String {
    let mut tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml; charset=utf-8\r\nAuthorization: {authorization}\r\nContent-Length: 1000000\r\n\r\n",
        EMailServer::<Recording>::DEFAULT_PATH
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0; 4096];
    let read = tokio::time::timeout(Duration::from_secs(5), tcp.read(&mut answer))
        .await
        .expect("answered without the body")
        .unwrap();
    String::from_utf8_lossy(&answer[..read]).to_ascii_lowercase()
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
    let answer = answer_without_body(server.local_addr(), "Basic d3Jvbmc6d3Jvbmc=").await;
    assert!(answer.starts_with("http/1.1 401"), "{answer}");
    assert!(
        answer.contains(&format!(
            "www-authenticate: {}",
            REALM_CHALLENGE.to_ascii_lowercase()
        )),
        "{answer}"
    );
    assert!(service.take().is_empty());
    server.shutdown().await;
}

/// Calls `RefreshFolder` at `argv[2]` with zeep (WSDL `argv[1]`), with `requests`' Basic auth
/// as `argv[3]`/`argv[4]` (none when `-`), given as text (which `requests` encodes in
/// ISO-8859-1) or as UTF-8 bytes (`argv[5]`: `text` or `utf-8`), or with `argv[3]` as a bearer
/// token in the session's `Authorization` header (`argv[5]`: `bearer`), and
/// `X-Request-Id: zeep-1` on the session. Prints `ok RESPONSE`, or `http STATUS` for an HTTP
/// error.
const ZEEP_CLIENT: &str = r#"
import sys
import requests, zeep
from zeep.transports import Transport

wsdl, url, user, password, encoding = sys.argv[1:6]
session = requests.Session()
session.headers["X-Request-Id"] = "zeep-1"
if encoding == "bearer":
    session.headers["Authorization"] = "Bearer " + user
elif user != "-" and encoding == "text":
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

/// What [`ZEEP_CLIENT`] prints calling `RefreshFolder` at `url` with `python`, given `auth` as
/// its `argv[3..6]`; run on a blocking thread.
async fn zeep_refresh_folder(python: &std::ffi::OsStr, url: &str, auth: [&str; 3]) -> String {
    let mut args = vec![email_wsdl().display().to_string(), url.to_owned()];
    args.extend(auth.map(str::to_owned));
    let python = python.to_owned();
    tokio::task::spawn_blocking(move || python_script(&python, ZEEP_CLIENT, &args))
        .await
        .unwrap()
}

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
    let zeep = |user: &'static str, password: &'static str, encoding: &'static str| {
        zeep_refresh_folder(&python, &url, [user, password, encoding])
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

// ---------------------------------------------------------------------------------------------
// An asynchronous authenticator: bearer tokens looked up in a token store.

/// What the token store knows of a token.
#[derive(Debug, Clone, Copy)]
struct Account {
    user: &'static str,
    /// Whether the token carries the scope that opens the EMail service.
    email_scope: bool,
}

/// A lookup sent to the token store, and where it answers.
type Lookup = (String, oneshot::Sender<Option<Account>>);

/// Bearer tokens looked up in a token store that answers over a channel after a pause, as a
/// database or an introspection endpoint would: `t-agent` is `agent`'s, `t-guest` is `guest`'s
/// without the EMail scope, `t-slow` is `slow`'s but its lookup waits until
/// [`TokenStore::open_gate`]; the lookup of `t-panic` panics in the authenticator.
struct TokenStore {
    lookups: mpsc::Sender<Lookup>,
    /// What an unknown token or none is refused with.
    challenge: Unauthorized,
    /// Shared with the store's task.
    state: Arc<StoreState>,
}

/// What the test sees of the token store's task.
struct StoreState {
    /// Opened (one permit) to let `t-slow`'s lookup finish.
    gate: Semaphore,
    /// Lookups of `t-slow` that have reached the gate.
    waiting: AtomicUsize,
}

impl TokenStore {
    /// The store, its task started on the current runtime.
    fn start() -> Self {
        let accounts = HashMap::from([
            (
                "t-agent",
                Account {
                    user: "agent",
                    email_scope: true,
                },
            ),
            (
                "t-guest",
                Account {
                    user: "guest",
                    email_scope: false,
                },
            ),
            (
                "t-slow",
                Account {
                    user: "slow",
                    email_scope: true,
                },
            ),
        ]);
        let state = Arc::new(StoreState {
            gate: Semaphore::new(0),
            waiting: AtomicUsize::new(0),
        });
        let (lookups, mut received) = mpsc::channel::<Lookup>(16);
        let store = state.clone();
        tokio::spawn(async move {
            while let Some((token, reply)) = received.recv().await {
                let account = accounts.get(token.as_str()).copied();
                let state = store.clone();
                // Each lookup on a connection of its own: a slow one holds no other.
                tokio::spawn(async move {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    if token == "t-slow" {
                        state.waiting.fetch_add(1, SeqCst);
                        let _permit = state.gate.acquire().await.expect("the gate stays open");
                    }
                    let _ = reply.send(account);
                });
            }
        });
        let challenge = Unauthorized::new("Negotiate")
            .and_then(|challenge| challenge.with_challenge("Bearer realm=\"EMail\""))
            .expect("valid challenges");
        TokenStore {
            lookups,
            challenge,
            state,
        }
    }
}

impl StoreState {
    /// Waits until `t-slow`'s lookup waits at the gate (fails after 5 s).
    async fn slow_lookup_waiting(&self) {
        tokio::time::timeout(Duration::from_secs(5), async {
            while self.waiting.load(SeqCst) == 0 {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        })
        .await
        .expect("the slow lookup reaches the gate");
    }

    /// Lets `t-slow`'s lookup finish.
    fn open_gate(&self) {
        self.gate.add_permits(1);
    }
}

impl AsyncHttpAuthenticator for TokenStore {
    async fn authenticate(&self, request: &HttpContext) -> Result<Option<Arc<str>>, Refusal> {
        let unauthorized = || Refusal::unauthorized(self.challenge.clone());
        let header = request.header("authorization");
        let Some(token) = header.as_deref().and_then(|h| h.strip_prefix("Bearer ")) else {
            return Err(unauthorized().because("no bearer token"));
        };
        assert_ne!(token, "t-panic", "the token store's connection broke");
        let (reply, answer) = oneshot::channel();
        self.lookups
            .send((token.to_owned(), reply))
            .await
            .expect("the token store runs");
        match answer.await.expect("the token store answers") {
            Some(Account {
                user,
                email_scope: true,
            }) => Ok(Some(user.into())),
            Some(_) => Err(Refusal::forbidden().because("a token without the EMail scope")),
            None => Err(unauthorized().because("an unknown bearer token")),
        }
    }
}

/// The generated EMail server of a fresh [`Recording`] behind a fresh [`TokenStore`], on
/// 127.0.0.1, and what the test sees of the store.
async fn serve_behind_tokens() -> (Arc<Recording>, Arc<StoreState>, Server) {
    let service = Arc::new(Recording::default());
    let store = TokenStore::start();
    let state = store.state.clone();
    let server = EMailServer::shared(service.clone())
        .with_async_http_authenticator(store)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    (service, state, server)
}

/// A raw POST of `body` to `url` with `Authorization: Bearer token`: its status, its
/// `WWW-Authenticate` headers and its body.
async fn post_with_token(url: &str, token: &str, body: &'static str) -> (u16, Vec<String>, String) {
    let answer = reqwest::Client::new()
        .post(url)
        .header("content-type", "text/xml; charset=utf-8")
        .header("authorization", format!("Bearer {token}"))
        .body(body)
        .send()
        .await
        .unwrap();
    let status = answer.status().as_u16();
    let challenges = answer
        .headers()
        .get_all("www-authenticate")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    (status, challenges, answer.text().await.unwrap())
}

#[tokio::test]
async fn an_async_authenticator_serves_known_tokens_and_refuses_with_401_or_403() {
    let (service, _, server) = serve_behind_tokens().await;
    let url = server.url();

    let answer = bearer_agent(&url, "t-agent")
        .refresh_folder(None, None)
        .await;
    assert_eq!(answer.unwrap(), 7);
    let seen = service.take();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].user.as_deref(), Some("agent"));
    let peer = seen[0].peer.expect("the built-in server knows the peer");
    assert!(peer.ip().is_loopback(), "{peer}");

    let answer = bearer_agent(&url, "t-guest")
        .refresh_folder(None, None)
        .await;
    assert_http_error(answer, 403);
    let answer = bearer_agent(&url, "t-nobody")
        .refresh_folder(None, None)
        .await;
    assert_http_error(answer, 401);
    let answer = agent(&url, None, "req-none")
        .refresh_folder(None, None)
        .await;
    assert_http_error(answer, 401);
    assert!(service.take().is_empty(), "no refused request was served");

    // The answers as any HTTP client sees them: two challenges, strongest first, for 401; none
    // for 403; plain text either way. The body is not even XML: it is never read.
    let (status, challenges, text) = post_with_token(&url, "t-nobody", "<not-even-xml").await;
    assert_eq!(status, 401);
    assert_eq!(challenges, ["Negotiate", "Bearer realm=\"EMail\""]);
    assert_eq!(text, "this SOAP endpoint requires HTTP authentication\n");
    let (status, challenges, text) = post_with_token(&url, "t-guest", "<not-even-xml").await;
    assert_eq!(status, 403);
    assert!(challenges.is_empty(), "{challenges:?}");
    assert_eq!(text, "this SOAP endpoint does not serve this request\n");
    assert!(service.take().is_empty());
    server.shutdown().await;
}

#[tokio::test]
async fn a_request_an_async_authenticator_refuses_is_answered_before_its_body_is_read() {
    let (service, _, server) = serve_behind_tokens().await;
    let answer = answer_without_body(server.local_addr(), "Bearer t-guest").await;
    assert!(answer.starts_with("http/1.1 403"), "{answer}");
    assert!(!answer.contains("www-authenticate"), "{answer}");
    let answer = answer_without_body(server.local_addr(), "Bearer t-nobody").await;
    assert!(answer.starts_with("http/1.1 401"), "{answer}");
    assert!(
        answer.contains("www-authenticate: negotiate\r\n"),
        "{answer}"
    );
    assert!(service.take().is_empty());
    server.shutdown().await;
}

/// On one thread: an authenticator that blocked it, rather than awaiting, would hold every
/// connection.
#[tokio::test(flavor = "current_thread")]
async fn a_slow_authentication_on_one_connection_does_not_hold_the_others() {
    let (service, store, server) = serve_behind_tokens().await;
    let url = server.url();
    let slow = tokio::spawn({
        let url = url.clone();
        async move {
            bearer_agent(&url, "t-slow")
                .refresh_folder(None, None)
                .await
        }
    });
    store.slow_lookup_waiting().await;
    // Other connections are authenticated and served meanwhile.
    for _ in 0..3 {
        let answer = bearer_agent(&url, "t-agent")
            .refresh_folder(None, None)
            .await;
        assert_eq!(answer.unwrap(), 7);
    }
    let answer = bearer_agent(&url, "t-guest")
        .refresh_folder(None, None)
        .await;
    assert_http_error(answer, 403);
    assert!(!slow.is_finished(), "the slow lookup has not answered yet");
    let users: Vec<_> = service.take().into_iter().map(|seen| seen.user).collect();
    assert_eq!(users, vec![Some(String::from("agent")); 3]);

    store.open_gate();
    assert_eq!(slow.await.unwrap().unwrap(), 7);
    let seen = service.take();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].user.as_deref(), Some("slow"));
    server.shutdown().await;
}

#[tokio::test]
async fn a_panicking_async_authenticator_fails_its_request_only() {
    let (service, _, server) = serve_behind_tokens().await;
    let url = server.url();
    let (status, challenges, text) = post_with_token(&url, "t-panic", "<Envelope/>").await;
    assert_eq!(status, 500);
    assert!(challenges.is_empty(), "{challenges:?}");
    assert_eq!(
        text,
        "the service failed while authenticating the request\n"
    );
    assert!(service.take().is_empty());
    // The server goes on serving.
    let answer = bearer_agent(&url, "t-agent")
        .refresh_folder(None, None)
        .await;
    assert_eq!(answer.unwrap(), 7);
    assert_eq!(service.take().len(), 1);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_with_a_bearer_token_is_served_or_gets_401_or_403_as_its_http_error() {
    let Some(python) = std::env::var_os("ORACLE_PYTHON").filter(|p| !p.is_empty()) else {
        skip_unless_ci(
            "http_auth's zeep bearer test needs ORACLE_PYTHON with zeep (scripts/test.sh sets it up)",
        );
        return;
    };
    let (service, _, server) = serve_behind_tokens().await;
    let url = server.url();
    let zeep = |token: &'static str| zeep_refresh_folder(&python, &url, [token, "-", "bearer"]);
    assert_eq!(zeep("t-agent").await, "ok 7");
    let seen = service.take();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].user.as_deref(), Some("agent"));
    assert_eq!(seen[0].request_id.as_deref(), Some("zeep-1"));
    assert_eq!(zeep("t-guest").await, "http 403");
    assert_eq!(zeep("t-nobody").await, "http 401");
    assert!(service.take().is_empty(), "no refused request was served");
    server.shutdown().await;
}
