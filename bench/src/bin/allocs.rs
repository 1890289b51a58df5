//! `allocs [COUNT]`: heap allocations per RefreshFolder request served and per call made, counted
//! by a counting global allocator (issue 17), as JSON lines:
//!
//! - `allocs_server_ours` / `allocs_server_bare`: the generated EMail server (its `Server`, on
//!   one worker thread) and bare hyper answering fixed bytes, each sent COUNT requests on one
//!   kept-alive connection by a client on a plain thread that allocates nothing per request;
//! - `allocs_server_basic_auth`: the same generated server requiring HTTP Basic auth
//!   (`BasicAuth`), each request carrying the right credentials;
//! - `allocs_server_async_auth`: the same, the same check made by an asynchronous
//!   authenticator (`AsyncHttpAuthenticator`), whose future is boxed for every request;
//! - `allocs_dispatch_ours`: the generated server's `dispatch` alone (no HTTP);
//! - `allocs_client_ours` / `allocs_client_bare`: the generated client's RefreshFolder call and
//!   a bare reqwest POST of the same bytes, against a plain-thread server that answers fixed
//!   bytes without allocating; `allocs_client_arguments` is what cloning the call's arguments
//!   (the caller's part of `allocs_client_ours`) costs.
//!
//! Every count is taken after a warm-up of the same work, so it is the steady state: what each
//! request costs, not what a connection or a pool costs once.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write as _;
use std::net::{TcpListener, TcpStream};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;

use services82_email::{EMailAgent, EMailServer};
use soap_benches::load::{
    raw_request, raw_response, read_message, refresh_folder_exchange, serve_bare, Exchange,
    EMAIL_PATH,
};
use soap_benches::FakeEMail;
use soap_runtime::server::{
    AsyncHttpAuthenticator, BasicAuth, HttpAuthenticator, HttpContext, Refusal, SoapRequest,
};

/// The system allocator, counting calls and bytes.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static REALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is passed on to `System` unchanged; the counters are plain atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        // SAFETY: the caller's contract is passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        // SAFETY: the caller's contract is passed on.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        REALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size.saturating_sub(layout.size()) as u64, Relaxed);
        // SAFETY: the caller's contract is passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The counters at one moment.
#[derive(Clone, Copy)]
struct Snapshot {
    allocations: u64,
    reallocations: u64,
    bytes: u64,
}

fn snapshot() -> Snapshot {
    Snapshot {
        allocations: ALLOCATIONS.load(Relaxed),
        reallocations: REALLOCATIONS.load(Relaxed),
        bytes: BYTES.load(Relaxed),
    }
}

/// Prints what happened between `before` and now, per one of `count` operations.
fn report(key: &str, before: Snapshot, count: usize) {
    let after = snapshot();
    let per = |a: u64, b: u64| (a - b) as f64 / count as f64;
    println!(
        "{{\"key\": \"{key}\", \"count\": {count}, \"allocations\": {:.2}, \"reallocations\": {:.2}, \"bytes\": {:.0}}}",
        per(after.allocations, before.allocations),
        per(after.reallocations, before.reallocations),
        per(after.bytes, before.bytes),
    );
}

type Result<T = ()> = std::result::Result<T, String>;

/// A synchronous authenticator's check, made by an asynchronous one: what an asynchronous
/// authenticator costs beyond its own work.
struct Awaited(BasicAuth);

impl AsyncHttpAuthenticator for Awaited {
    async fn authenticate(
        &self,
        request: &HttpContext,
    ) -> std::result::Result<Option<Arc<str>>, Refusal> {
        self.0.authenticate(request)
    }
}

fn main() -> ExitCode {
    let count = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000usize)
        .max(1);
    match run(count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("allocs: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(count: usize) -> Result {
    let exchange = Arc::new(refresh_folder_exchange()?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;

    // The generated server behind its own HTTP server.
    let server = runtime
        .block_on(EMailServer::new(FakeEMail).bind("127.0.0.1:0"))
        .map_err(|e| e.to_string())?;
    let addr = server.local_addr();
    send_requests("allocs_server_ours", &exchange, addr, count, None)?;
    runtime.block_on(server.shutdown());

    // The same server requiring HTTP Basic auth, sent the right credentials.
    let auth = BasicAuth::new("EMail")
        .and_then(|auth| auth.user("agent", "s3cret"))
        .map_err(|e| e.to_string())?;
    let server = runtime
        .block_on(
            EMailServer::new(FakeEMail)
                .with_http_authenticator(auth.clone())
                .bind("127.0.0.1:0"),
        )
        .map_err(|e| e.to_string())?;
    let addr = server.local_addr();
    // "agent:s3cret" in base64.
    let credentials = "Authorization: Basic YWdlbnQ6czNjcmV0\r\n";
    send_requests(
        "allocs_server_basic_auth",
        &exchange,
        addr,
        count,
        Some(credentials),
    )?;
    runtime.block_on(server.shutdown());

    // The same check, made by an asynchronous authenticator.
    let server = runtime
        .block_on(
            EMailServer::new(FakeEMail)
                .with_async_http_authenticator(Awaited(auth))
                .bind("127.0.0.1:0"),
        )
        .map_err(|e| e.to_string())?;
    let addr = server.local_addr();
    send_requests(
        "allocs_server_async_auth",
        &exchange,
        addr,
        count,
        Some(credentials),
    )?;
    runtime.block_on(server.shutdown());

    // Bare hyper answering the same bytes.
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let content_type: &'static str = Box::leak(exchange.content_type.clone().into_boxed_str());
    runtime.spawn(serve_bare(
        listener,
        content_type,
        exchange.response.clone(),
        async move {
            let _ = stopped.await;
        },
    ));
    send_requests("allocs_server_bare", &exchange, addr, count, None)?;
    let _ = stop.send(());

    // The generated dispatcher alone: the requests are made before counting.
    let dispatcher = EMailServer::new(FakeEMail);
    let request = SoapRequest {
        soap_action: Some(exchange.soap_action.clone().into()),
        content_type: Some(exchange.content_type.clone().into()),
        body: exchange.request.clone(),
    };
    let local = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    for (round, key) in [(0, ""), (1, "allocs_dispatch_ours")] {
        let requests: Vec<SoapRequest> = (0..count).map(|_| request.clone()).collect();
        let before = snapshot();
        for request in requests {
            let answer = local.block_on(dispatcher.dispatch(request));
            if answer.status != 200 {
                return Err(format!("dispatch answered {}", answer.status));
            }
        }
        if round == 1 {
            report(key, before, count);
        }
    }

    // The clients, against a server on a plain thread.
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let url = format!(
        "http://{}{EMAIL_PATH}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    let response = Arc::new(raw_response(&exchange));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let response = response.clone();
            std::thread::spawn(move || soap_benches::load::answer_fixed(stream, &response));
        }
    });
    let (headers, request) = soap_benches::refresh_folder_request();
    let mut agent = EMailAgent::new(url.as_str());
    *agent.headers_mut() = headers;
    let bare = reqwest::Client::new();
    runtime.block_on(async {
        for round in 0..2 {
            let before = snapshot();
            for _ in 0..count {
                let answer = agent
                    .refresh_folder(request.connection_info.clone(), request.folders.clone())
                    .await
                    .map_err(|e| e.to_string())?;
                if answer != 42 {
                    return Err(format!("unexpected answer {answer}"));
                }
            }
            if round == 1 {
                report("allocs_client_ours", before, count);
            }
        }
        let before = snapshot();
        for _ in 0..count {
            std::hint::black_box((request.connection_info.clone(), request.folders.clone()));
        }
        report("allocs_client_arguments", before, count);
        for round in 0..2 {
            let before = snapshot();
            for _ in 0..count {
                exchange.post_bare(&bare, &url).await?;
            }
            if round == 1 {
                report("allocs_client_bare", before, count);
            }
        }
        Ok(())
    })?;
    let _ = std::io::stdout().flush();
    Ok(())
}

/// `count` requests to `addr` on one connection from this thread, after as many to warm up;
/// reports the allocations of the second half.
fn send_requests(
    key: &str,
    exchange: &Exchange,
    addr: std::net::SocketAddr,
    count: usize,
    extra_header: Option<&str>,
) -> Result {
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    let _ = stream.set_nodelay(true);
    let mut request = raw_request(exchange, &addr.to_string(), EMAIL_PATH);
    if let Some(header) = extra_header {
        // After the request line.
        let line_end = request
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("a request line")?;
        request.splice(line_end + 2..line_end + 2, header.bytes());
    }
    let mut buffer = vec![0; 64 * 1024];
    for round in 0..2 {
        let before = snapshot();
        for _ in 0..count {
            stream.write_all(&request).map_err(|e| e.to_string())?;
            let n = read_message(&mut stream, &mut buffer).map_err(|e| e.to_string())?;
            if !buffer[..n].starts_with(b"HTTP/1.1 200") {
                return Err(format!(
                    "{key}: {}",
                    String::from_utf8_lossy(&buffer[..n.min(200)])
                ));
            }
        }
        if round == 1 {
            report(key, before, count);
        }
    }
    Ok(())
}
