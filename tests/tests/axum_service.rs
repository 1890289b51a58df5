//! The generated EMail server mounted in a real axum application (`Router::route_service`),
//! beside the application's own routes and layers; the generated client calls through it over
//! HTTP on 127.0.0.1.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use services82_email::*;
use soap_runtime::{Error, Fault, Message};

/// Answers `RefreshFolder` with the number of folders it was asked to refresh, plus 40.
struct Fake;

impl EMailService for Fake {
    async fn refresh_folder(
        &self,
        request: Message<RequestHeaders, RefreshFolder>,
    ) -> Result<Message<ResponseHeaders, RefreshFolderResponse>, Fault> {
        let folders = request.body.folders.unwrap_or_default().len() as i32;
        Ok(Message {
            headers: ResponseHeaders {
                succeeded: Some(true),
                ..Default::default()
            },
            body: RefreshFolderResponse {
                response: Some(40 + folders),
            },
        })
    }
}

/// A running axum application: its address, how many requests its layer saw, and its task.
struct App {
    addr: std::net::SocketAddr,
    seen: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for App {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The application: its own routes, the EMail endpoint, and a layer over all of them that
/// counts requests and marks responses.
async fn start_app() -> App {
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    let app = Router::new()
        .route("/health", get(|| async { "ok" }))
        .route(
            "/hello/{name}",
            get(
                |axum::extract::Path(name): axum::extract::Path<String>| async move {
                    format!("hello {name}")
                },
            ),
        )
        .route_service(
            EMailServer::<Fake>::DEFAULT_PATH,
            EMailServer::new(Fake).into_service(),
        )
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            let counter = counter.clone();
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
                let mut response: Response = next.run(request).await;
                response
                    .headers_mut()
                    .insert("x-app-layer", "seen".parse().expect("a valid header value"));
                response
            }
        }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.expect("axum serves");
    });
    App { addr, seen, task }
}

fn agent(app: &App) -> EMailAgent {
    EMailAgent::new(format!(
        "http://{}{}",
        app.addr,
        EMailServer::<Fake>::DEFAULT_PATH
    ))
}

#[tokio::test]
async fn the_generated_client_calls_through_axum() {
    let app = start_app().await;
    let agent = agent(&app);
    let answer = agent
        .refresh_folder(None, Some(vec!["INBOX".into(), "Sent".into()]))
        .await
        .expect("RefreshFolder through axum");
    assert_eq!(answer, 42);
    let reply = agent
        .refresh_folder_message(RefreshFolder {
            connection_info: None,
            folders: Some(vec!["INBOX".into()]),
        })
        .await
        .expect("RefreshFolder with headers");
    assert_eq!(reply.body.response, Some(41));
    assert_eq!(reply.headers.succeeded, Some(true));
    // An operation the fake does not implement answers a SOAP fault, through axum too.
    match agent.get_folder_list(None, None).await {
        Err(Error::Fault(fault)) => assert!(
            fault.reason.contains("GetFolderList"),
            "the fault names the operation: {}",
            fault.reason
        ),
        other => panic!("expected a not-implemented fault, got {other:?}"),
    }
    // Every SOAP request went through the application's layer.
    assert_eq!(app.seen.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn the_applications_own_routes_still_answer() {
    let app = start_app().await;
    let http = reqwest::Client::new();
    let base = format!("http://{}", app.addr);

    let health = http.get(format!("{base}/health")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.headers()["x-app-layer"], "seen");
    assert_eq!(health.text().await.unwrap(), "ok");

    let hello = http.get(format!("{base}/hello/anna")).send().await.unwrap();
    assert_eq!(hello.text().await.unwrap(), "hello anna");

    let missing = http.get(format!("{base}/nowhere")).send().await.unwrap();
    assert_eq!(missing.status(), 404);

    // The SOAP endpoint answers what is not a SOAP request itself, with the layer applied.
    let path = EMailServer::<Fake>::DEFAULT_PATH;
    let get = http.get(format!("{base}{path}")).send().await.unwrap();
    assert_eq!(get.status(), 405);
    assert_eq!(get.headers()["allow"], "POST");
    assert_eq!(get.headers()["x-app-layer"], "seen");
    let json = http
        .post(format!("{base}{path}"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), 415);
    assert!(json
        .text()
        .await
        .unwrap()
        .contains("unsupported content type"));

    // SOAP still works after all that.
    assert_eq!(agent(&app).refresh_folder(None, None).await.unwrap(), 40);
    assert_eq!(app.seen.load(Ordering::SeqCst), 6);
}

#[tokio::test]
async fn limits_apply_inside_axum() {
    let limits = soap_runtime::Limits {
        max_message_size: 512,
        ..Default::default()
    };
    let service = EMailServer::new(Fake).with_limits(limits).into_service();
    let app = Router::new().route_service("/soap", service);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let agent = EMailAgent::new(format!("http://{addr}/soap"));
    assert_eq!(agent.refresh_folder(None, None).await.unwrap(), 40);
    let many = vec!["a folder with a long name".to_string(); 64];
    match agent.refresh_folder(None, Some(many)).await {
        Err(Error::Fault(fault)) => assert!(
            fault.reason.contains("max_message_size"),
            "{}",
            fault.reason
        ),
        other => panic!("expected a size fault, got {other:?}"),
    }
    task.abort();
}
