//! The throughput measurements under load that `bench/load.sh` runs (issue 17):
//!
//! - `load bare-server [--addr 127.0.0.1:0]`: bare hyper (HTTP/1.1, one worker thread) answering
//!   every request with the fixed bytes of our server's RefreshFolder answer; prints its URL on
//!   the first line of stdout and serves until stdin closes (10 minutes at most);
//! - `load request FILE`: writes the RefreshFolder request envelope to FILE (for wrk);
//! - `load client bare|ours URL TASKS`: TASKS tasks on one worker thread sharing one client
//!   (`bare`: a reqwest client POSTing the request's fixed bytes; `ours`: the generated
//!   `EMailAgent` calling RefreshFolder) call URL back to back for `BENCH_SECS` seconds after a
//!   short warm-up; prints the calls per second as a JSON line;
//! - `load drive URL COUNT`: COUNT RefreshFolder requests one after another on one connection
//!   from a plain thread, for profiling a server (`valgrind --tool=callgrind` on it, run with
//!   two counts: the difference is the cost of the extra requests alone).

use std::io::Write as _;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use services82_email::EMailAgent;
use soap_benches::budget;
use soap_benches::load::{
    raw_request, read_message, refresh_folder_exchange, serve_bare, Exchange, EMAIL_PATH,
};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("bare-server") => bare_server(
            args.iter()
                .position(|a| a == "--addr")
                .and_then(|i| args.get(i + 1))
                .map_or("127.0.0.1:0", String::as_str),
        ),
        Some("request") if args.len() > 2 => refresh_folder_exchange()
            .and_then(|e| std::fs::write(&args[2], &e.request).map_err(|e| e.to_string())),
        Some("drive") if args.len() > 3 => match args[3].parse() {
            Ok(count) => drive(&args[2], count),
            _ => Err(format!("COUNT must be a number, not `{}`", args[3])),
        },
        Some("client") if args.len() > 4 => match args[4].parse() {
            Ok(tasks) if tasks > 0 => client(&args[2], &args[3], tasks),
            _ => Err(format!("TASKS must be a positive number, not `{}`", args[4])),
        },
        _ => Err(
            "usage: load bare-server [--addr ADDR] | request FILE | client bare|ours URL TASKS | drive URL COUNT"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("load: {e}");
            ExitCode::FAILURE
        }
    }
}

fn drive(url: &str, count: usize) -> Result {
    let exchange = refresh_folder_exchange()?;
    let authority = url
        .strip_prefix("http://")
        .and_then(|rest| rest.split('/').next())
        .ok_or_else(|| format!("not an http:// URL: {url}"))?;
    let path = url
        .strip_prefix("http://")
        .and_then(|rest| rest.find('/').map(|at| &rest[at..]))
        .unwrap_or("/");
    let mut stream = std::net::TcpStream::connect(authority).map_err(|e| e.to_string())?;
    let _ = stream.set_nodelay(true);
    let request = raw_request(&exchange, authority, path);
    let mut buffer = vec![0; 64 * 1024];
    for _ in 0..count {
        stream.write_all(&request).map_err(|e| e.to_string())?;
        let n = read_message(&mut stream, &mut buffer).map_err(|e| e.to_string())?;
        if !buffer[..n].starts_with(b"HTTP/1.1 200") {
            return Err(String::from_utf8_lossy(&buffer[..n.min(300)]).into_owned());
        }
    }
    Ok(())
}

/// One worker thread, as the generated server gets in `fake-email-server`.
fn one_worker() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
}

fn bare_server(addr: &str) -> Result {
    let exchange = refresh_folder_exchange()?;
    // The content type is the same static text for every answer.
    let content_type: &'static str = Box::leak(exchange.content_type.into_boxed_str());
    one_worker()?.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("cannot bind {addr}: {e}"))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        println!("http://{local}{EMAIL_PATH}");
        let _ = std::io::stdout().flush();
        let stdin_closed = tokio::task::spawn_blocking(|| {
            let mut sink = String::new();
            while std::io::stdin().read_line(&mut sink).is_ok_and(|n| n > 0) {
                sink.clear();
            }
        });
        let stop = async {
            let _ = tokio::time::timeout(Duration::from_secs(600), stdin_closed).await;
        };
        serve_bare(listener, content_type, exchange.response, stop).await;
        Ok(())
    })
}

/// How long the tasks run before the clock starts (connections opened, pools warm).
const WARM_UP: Duration = Duration::from_millis(500);

/// One side of the client measurement: a call, shareable between tasks.
#[derive(Clone)]
enum Caller {
    /// reqwest POSTing fixed bytes, the body read whole.
    Bare(reqwest::Client, Arc<Exchange>, Arc<str>),
    /// The generated client.
    Ours(Arc<EMailAgent>, Arc<services82_email::RefreshFolder>),
}

impl Caller {
    async fn call(&self) -> Result {
        match self {
            Caller::Bare(client, exchange, url) => exchange.post_bare(client, url).await,
            Caller::Ours(agent, request) => {
                let answer = agent
                    .refresh_folder(request.connection_info.clone(), request.folders.clone())
                    .await
                    .map_err(|e| e.to_string())?;
                if answer != 42 {
                    return Err(format!("unexpected answer {answer}"));
                }
                Ok(())
            }
        }
    }
}

fn client(which: &str, url: &str, tasks: usize) -> Result {
    let runtime = one_worker()?;
    let (headers, request) = soap_benches::refresh_folder_request();
    let caller = match which {
        "bare" => Caller::Bare(
            reqwest::Client::builder()
                .build()
                .map_err(|e| e.to_string())?,
            Arc::new(refresh_folder_exchange()?),
            url.into(),
        ),
        "ours" => {
            let mut agent = EMailAgent::new(url);
            *agent.headers_mut() = headers;
            Caller::Ours(Arc::new(agent), Arc::new(request))
        }
        _ => return Err(format!("unknown client `{which}`: bare or ours")),
    };
    let budget = budget();
    let calls = runtime.block_on(async {
        let warm_until = Instant::now() + WARM_UP;
        let started = warm_until;
        let until = warm_until + budget;
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..tasks {
            let caller = caller.clone();
            set.spawn(async move {
                let mut calls = 0u64;
                loop {
                    caller.call().await?;
                    let now = Instant::now();
                    if now >= until {
                        return Ok::<_, String>(calls);
                    }
                    if now >= started {
                        calls += 1;
                    }
                }
            });
        }
        let mut calls = 0;
        while let Some(done) = set.join_next().await {
            calls += done.map_err(|e| e.to_string())??;
        }
        Ok::<_, String>(calls)
    })?;
    println!(
        "{{\"key\": \"load_client_{which}_t{tasks}\", \"tasks\": {tasks}, \"calls\": {calls}, \"seconds\": {:.3}, \"per_s\": {:.1}}}",
        budget.as_secs_f64(),
        calls as f64 / budget.as_secs_f64()
    );
    Ok(())
}
