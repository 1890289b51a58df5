//! `SoapService` as a `tower::Service` over `http::Request` with bodies of any type: bodies in
//! several frames, too large without a `Content-Length`, failing half-way; a panicking handler;
//! requests that are not SOAP requests; the HTTP request the handler sees, and authenticators
//! (one deciding at once, one awaiting) that refuse requests before their body is read.
//! (Mounted in a real axum application: `tests/tests/axum_service.rs`.)

use std::collections::VecDeque;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Frame};
use hyper::{Method, Request, Response, StatusCode};
use soap_runtime::server::{
    authenticated_user, with_http_context, HttpContext, Refusal, ResponseBody, SoapHandler,
    SoapRequest, SoapResponse, SoapService, Unauthorized,
};
use soap_runtime::Limits;
use tower_service::Service;

/// Answers with what it received: the action and the body's length and text. Panics when the
/// action is `panic` (once its future runs), `panic-at-once` (before it makes its future) or
/// `panic-later` (after its future has waited once).
struct Echo;

impl SoapHandler for Echo {
    fn handle(
        &self,
        request: SoapRequest,
    ) -> Pin<Box<dyn Future<Output = SoapResponse> + Send + '_>> {
        assert!(
            request.soap_action.as_deref() != Some("\"panic-at-once\""),
            "the handler panics before its future, as asked"
        );
        Box::pin(async move {
            let action = request.soap_action.unwrap_or_default();
            assert!(action != "\"panic\"", "the handler panics as asked");
            if action == "\"panic-later\"" {
                tokio::task::yield_now().await;
                panic!("the handler panics after waiting, as asked");
            }
            SoapResponse {
                status: 200,
                content_type: "text/xml; charset=utf-8".into(),
                body: format!(
                    "{action} {} {}",
                    request.body.len(),
                    String::from_utf8_lossy(&request.body)
                )
                .into(),
            }
        })
    }
}

/// A body of the given frames, in order; an `Err` fails the body there.
struct Frames(VecDeque<Result<&'static str, std::io::Error>>);

impl Body for Frames {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let next = self.0.pop_front();
        Poll::Ready(
            next.map(|frame| frame.map(|text| Frame::data(Bytes::from_static(text.as_bytes())))),
        )
    }
}

fn service(max_message_size: usize) -> SoapService {
    let limits = Limits {
        max_message_size,
        ..Limits::default()
    };
    SoapService::new(Arc::new(Echo), limits)
}

fn soap_post<B>(action: &str, body: B) -> Request<B> {
    Request::builder()
        .method(Method::POST)
        .uri("/anywhere/at/all")
        .header("content-type", "text/xml; charset=utf-8")
        .header("soapaction", format!("\"{action}\""))
        .body(body)
        .expect("a valid request")
}

async fn call<B>(service: &mut SoapService, request: Request<B>) -> (StatusCode, String)
where
    SoapService: Service<Request<B>, Response = Response<ResponseBody>, Error = Infallible>,
{
    std::future::poll_fn(|cx| service.poll_ready(cx))
        .await
        .expect("always ready");
    let response = service.call(request).await.expect("never fails");
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("a complete body")
        .to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn a_body_in_frames_reaches_the_handler_whole() {
    let mut service = service(1024);
    let body = Frames(VecDeque::from([
        Ok("<Envelope>"),
        Ok("<Body/>"),
        Ok("</Envelope>"),
    ]));
    let (status, text) = call(&mut service, soap_post("urn:a", body)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text, "\"urn:a\" 28 <Envelope><Body/></Envelope>");

    // Any body type: here http-body-util's `Full`.
    let (status, text) = call(
        &mut service,
        soap_post("urn:b", Full::new(Bytes::from("<x/>"))),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text, "\"urn:b\" 4 <x/>");
}

#[tokio::test]
async fn a_body_growing_past_the_limit_is_refused_with_a_fault() {
    let mut service = service(16);
    // No Content-Length: the limit is found while the body streams in.
    let body = Frames(VecDeque::from([
        Ok("<Envelope>"),
        Ok("<Body/>"),
        Ok("</Envelope>"),
    ]));
    let (status, text) = call(&mut service, soap_post("urn:a", body)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(text.contains("max_message_size (16 bytes)"), "{text}");
    assert!(text.contains("Fault"), "{text}");

    // Announced too large: refused before reading.
    let mut request = soap_post("urn:a", Full::new(Bytes::from("<x/>")));
    request
        .headers_mut()
        .insert("content-length", "1000".parse().expect("a header value"));
    let (status, _) = call(&mut service, request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_body_failing_half_way_is_answered_with_a_fault() {
    let mut service = service(1024);
    let broken = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "peer went away");
    let body = Frames(VecDeque::from([Ok("<Envelope>"), Err(broken)]));
    let (status, text) = call(&mut service, soap_post("urn:a", body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        text.contains("cannot read the request body: peer went away"),
        "{text}"
    );
}

#[tokio::test]
async fn a_panicking_handler_fails_its_request_only() {
    let mut service = service(1024);
    // Whether the handler panics making its future, running it, or after it has waited.
    for action in ["panic", "panic-at-once", "panic-later"] {
        let (status, text) = call(
            &mut service,
            soap_post(action, Full::new(Bytes::from("<x/>"))),
        )
        .await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{action}");
        assert!(
            text.contains("the service failed while handling the request"),
            "{action}: {text}"
        );
        let (status, _) = call(
            &mut service,
            soap_post("urn:a", Full::new(Bytes::from("<x/>"))),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "after {action}");
    }
}

#[tokio::test]
async fn requests_that_are_not_soap_are_answered_too() {
    let mut service = service(1024);
    let get = Request::builder()
        .method(Method::GET)
        .uri("/")
        .body(Full::new(Bytes::new()))
        .expect("a valid request");
    let response = service.call(get).await.expect("never fails");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()["allow"], "POST");

    let json = Request::builder()
        .method(Method::POST)
        .uri("/")
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from("{}")))
        .expect("a valid request");
    let (status, text) = call(&mut service, json).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        text.contains("unsupported content type `application/json`"),
        "{text}"
    );
}

/// Answers with what it sees of the request's HTTP side: the user, the peer, the `X-Tenant`
/// header, the method and the path.
struct HttpEcho;

impl SoapHandler for HttpEcho {
    fn handle(
        &self,
        _request: SoapRequest,
    ) -> Pin<Box<dyn Future<Output = SoapResponse> + Send + '_>> {
        Box::pin(async move {
            let seen = with_http_context(|http| {
                format!(
                    "{:?} {:?} {:?} {} {}",
                    authenticated_user().as_deref(),
                    http.peer_addr(),
                    http.header("X-Tenant").as_deref(),
                    http.method(),
                    http.uri().path(),
                )
            })
            .expect("the handler runs with its HTTP request");
            SoapResponse {
                status: 200,
                content_type: "text/xml; charset=utf-8".into(),
                body: seen.into(),
            }
        })
    }
}

/// A body that fails the test if anybody reads it.
struct Unreadable;

impl Body for Unreadable {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        panic!("the body of a refused request is read");
    }
}

/// The peer's address as a stack other than axum's might attach it.
#[derive(Clone)]
struct Peer(std::net::SocketAddr);

#[tokio::test]
async fn the_handler_sees_the_http_request_it_came_in() {
    let peer: std::net::SocketAddr = "192.0.2.7:4711".parse().unwrap();
    let request = || {
        let mut request = soap_post("urn:a", Full::new(Bytes::from_static(b"<Envelope/>")));
        request
            .headers_mut()
            .insert("x-tenant", "north".parse().unwrap());
        request
    };
    // No peer anywhere.
    let mut plain = SoapService::new(Arc::new(HttpEcho), Limits::default());
    let (status, text) = call(&mut plain, request()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text, "None None Some(\"north\") POST /anywhere/at/all");
    // A `SocketAddr` extension is found by default.
    let mut with_addr = request();
    with_addr.extensions_mut().insert(peer);
    let (_, text) = call(&mut plain, with_addr).await;
    assert_eq!(
        text,
        "None Some(192.0.2.7:4711) Some(\"north\") POST /anywhere/at/all"
    );
    // Another stack's extension, through the service's peer-address function.
    let mut service = SoapService::new(Arc::new(HttpEcho), Limits::default())
        .with_peer_address(|extensions| extensions.get::<Peer>().map(|peer| peer.0));
    let mut with_peer = request();
    with_peer.extensions_mut().insert(Peer(peer));
    let (_, text) = call(&mut service, with_peer).await;
    assert_eq!(
        text,
        "None Some(192.0.2.7:4711) Some(\"north\") POST /anywhere/at/all"
    );
    // Outside a handler there is no HTTP request.
    assert!(with_http_context(|_| ()).is_none());
    assert!(authenticated_user().is_none());
}

/// Checks that `service`'s authenticator lets `x-api-key: key-1` through as the user `svc`, and
/// `anonymous` without a user, as the authenticators below all do.
async fn assert_keys_let_through(service: &mut SoapService) {
    for (key, user) in [("key-1", "Some(\"svc\")"), ("anonymous", "None")] {
        let mut request = soap_post("urn:a", Full::new(Bytes::from_static(b"<Envelope/>")));
        request
            .headers_mut()
            .insert("x-api-key", key.parse().unwrap());
        let (status, text) = call(service, request).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(text, format!("{user} None None POST /anywhere/at/all"));
    }
}

#[tokio::test]
async fn an_authenticator_refuses_before_the_body_is_read_and_names_the_user() {
    let bearer = Unauthorized::new("Bearer realm=\"test\"").unwrap();
    let mut service = SoapService::new(Arc::new(HttpEcho), Limits::default()).with_authenticator(
        move |http: &HttpContext| -> Result<Option<Arc<str>>, Unauthorized> {
            match http.header("x-api-key").as_deref() {
                Some("key-1") => Ok(Some(Arc::from("svc"))),
                Some("anonymous") => Ok(None),
                _ => Err(bearer.clone()),
            }
        },
    );
    for (key, method) in [
        (None, Method::POST),
        (Some("key-2"), Method::POST),
        (None, Method::GET),
    ] {
        let mut request = soap_post("urn:a", Unreadable);
        *request.method_mut() = method.clone();
        if let Some(key) = key {
            request
                .headers_mut()
                .insert("x-api-key", key.parse().unwrap());
        }
        let response = service.call(request).await.expect("never fails");
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "{key:?} {method}"
        );
        assert_eq!(
            response.headers()["www-authenticate"],
            "Bearer realm=\"test\""
        );
    }
    assert_keys_let_through(&mut service).await;
}

#[tokio::test]
async fn a_panicking_authenticator_fails_its_request_only() {
    let mut service = SoapService::new(Arc::new(HttpEcho), Limits::default()).with_authenticator(
        |http: &HttpContext| -> Result<Option<Arc<str>>, Unauthorized> {
            assert!(
                http.header("x-panic").is_none(),
                "the authenticator panics as asked"
            );
            Ok(None)
        },
    );
    let mut request = soap_post("urn:a", Unreadable);
    request
        .headers_mut()
        .insert("x-panic", "yes".parse().unwrap());
    let response = service.call(request).await.expect("never fails");
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let request = soap_post("urn:a", Full::new(Bytes::from_static(b"<Envelope/>")));
    let (status, text) = call(&mut service, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text, "None None None POST /anywhere/at/all");
}

#[tokio::test]
async fn an_async_authenticator_awaits_then_refuses_with_401_or_403_or_names_the_user() {
    let challenge = Unauthorized::new("Negotiate")
        .and_then(|challenge| challenge.with_challenge("Basic realm=\"test\""))
        .unwrap();
    // A closure reading the header it needs, and a future owning it that awaits a "lookup".
    let mut service = SoapService::new(Arc::new(HttpEcho), Limits::default())
        .with_async_authenticator(move |http: &HttpContext| {
            let key = http.header("x-api-key");
            let challenge = challenge.clone();
            async move {
                tokio::time::sleep(std::time::Duration::from_millis(2)).await;
                match key.as_deref() {
                    Some("key-1") => Ok(Some(Arc::from("svc"))),
                    Some("anonymous") => Ok(None),
                    Some("read-only") => Err(Refusal::forbidden().because("a read-only key")),
                    _ => Err(Refusal::unauthorized(challenge)),
                }
            }
        });
    for (key, status) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some("key-2"), StatusCode::UNAUTHORIZED),
        (Some("read-only"), StatusCode::FORBIDDEN),
    ] {
        let mut request = soap_post("urn:a", Unreadable);
        if let Some(key) = key {
            request
                .headers_mut()
                .insert("x-api-key", key.parse().unwrap());
        }
        let response = service.call(request).await.expect("never fails");
        assert_eq!(response.status(), status, "{key:?}");
        let challenges: Vec<_> = response
            .headers()
            .get_all("www-authenticate")
            .iter()
            .collect();
        if status == StatusCode::FORBIDDEN {
            assert!(challenges.is_empty(), "{challenges:?}");
        } else {
            assert_eq!(challenges, ["Negotiate", "Basic realm=\"test\""]);
        }
    }
    assert_keys_let_through(&mut service).await;
}

#[tokio::test]
async fn an_async_authenticator_panicking_after_an_await_fails_its_request_only() {
    let mut service = SoapService::new(Arc::new(HttpEcho), Limits::default())
        .with_async_authenticator(|http: &HttpContext| {
            let panic = http.header("x-panic").is_some();
            async move {
                tokio::task::yield_now().await;
                assert!(!panic, "the authenticator panics as asked");
                Ok::<_, Refusal>(None)
            }
        });
    let mut request = soap_post("urn:a", Unreadable);
    request
        .headers_mut()
        .insert("x-panic", "yes".parse().unwrap());
    let response = service.call(request).await.expect("never fails");
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let request = soap_post("urn:a", Full::new(Bytes::from_static(b"<Envelope/>")));
    let (status, text) = call(&mut service, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text, "None None None POST /anywhere/at/all");
}
