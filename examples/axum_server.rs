//! The generated EMail server inside an axum application: mounted with
//! `Router::route_service` beside the application's own routes, under the application's own
//! layer (here one that logs every request with its status and duration). The generated client
//! calls through it, and so does a plain HTTP request to one of the application's routes.
//!
//! `cargo run -p soap-examples --example axum_server`

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use services82_email::*;
use soap_runtime::{Fault, Message};

/// Answers `RefreshFolder`; the other operations answer "not implemented".
struct FakeEMail;

impl EMailService for FakeEMail {
    async fn refresh_folder(
        &self,
        _request: Message<RequestHeaders, RefreshFolder>,
    ) -> Result<Message<ResponseHeaders, RefreshFolderResponse>, Fault> {
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: RefreshFolderResponse { response: Some(7) },
        })
    }
}

/// The application's own layer: one line per request, SOAP or not.
async fn log_requests(request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    println!(
        "app: {method} {path} -> {} in {:?}",
        response.status(),
        started.elapsed()
    );
    response
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = EMailServer::<FakeEMail>::DEFAULT_PATH;
    let app = Router::new()
        .route("/health", get(|| async { "ok" }))
        .route_service(path, EMailServer::new(FakeEMail).into_service())
        .layer(middleware::from_fn(log_requests));

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let app_task = tokio::spawn(async move { axum::serve(listener, app).await });

    let agent = EMailAgent::new(format!("http://{addr}{path}"));
    let batch = agent
        .refresh_folder(None, Some(vec!["INBOX".into()]))
        .await?;
    println!("client: RefreshFolder answered {batch}");

    // The application's own route, over a raw HTTP/1.1 request (no HTTP client needed).
    let health = get_text(addr, "/health").await?;
    println!("client: /health answered {:?}", health.lines().last());

    app_task.abort();
    Ok(())
}

/// The whole answer to `GET path` on `addr`.
async fn get_text(addr: std::net::SocketAddr, path: &str) -> std::io::Result<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await?;
    Ok(answer)
}
