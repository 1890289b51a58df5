//! The interop harness: one binary for every contract of a run. `harness NAME` serves contract
//! NAME's generated server (its service answers every operation from JSON, remembering each
//! request) and calls through its generated client by JSON, driven by JSON lines on stdin.
//! Written out by scripts/interop/run.py, which replaces the marker below with a dispatch arm
//! per contract (a crate of the harness workspace, with `bind` and `call`).

use std::future::Future;
use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex};

use soap_runtime::serde_json::{self, json, Value};

/// What the service saw last and what it answers.
#[derive(Default)]
struct State {
    captured: Option<(String, Value)>,
    respond: Option<Value>,
}

/// The closure of a contract's `JsonService`: it keeps the request and answers the set reply.
fn capturing_service(
    state: Arc<Mutex<State>>,
) -> impl Fn(&str, Value) -> Result<Value, soap_runtime::Fault> + Send + Sync + 'static {
    move |operation: &str, request: Value| {
        let mut state = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        state.captured = Some((operation.to_string(), request));
        state.respond.clone().ok_or_else(|| {
            soap_runtime::Fault::receiver(
                soap_runtime::SoapVersion::Soap11,
                "interop: no response set",
            )
        })
    }
}

/// Answers the driver's commands (`take`, `respond`, `call`) until its input ends; `call`
/// goes through `call(url, operation, body)`, the contract's generated client.
async fn command_loop<C, F>(state: Arc<Mutex<State>>, url: String, call: C)
where
    C: Fn(String, String, Value) -> F,
    F: Future<Output = Result<Value, String>>,
{
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{}", json!({ "url": url }));
    let _ = out.flush();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let command: Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                let _ = writeln!(out, "{}", json!({ "error": e.to_string() }));
                continue;
            }
        };
        let answer = match command["cmd"].as_str().unwrap_or("") {
            "take" => {
                let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
                match state.captured.take() {
                    Some((op, request)) => json!({ "op": op, "request": request }),
                    None => json!({ "none": true }),
                }
            }
            "respond" => {
                let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
                state.respond = match &command["value"] {
                    Value::Null => None,
                    v => Some(v.clone()),
                };
                json!({ "ok": true })
            }
            "call" => {
                let url = command["url"].as_str().unwrap_or("").to_string();
                let op = command["op"].as_str().unwrap_or("").to_string();
                match call(url, op, command["body"].clone()).await {
                    Ok(v) => json!({ "ok": v }),
                    Err(e) => json!({ "error": e }),
                }
            }
            other => json!({ "error": format!("unknown command {other}") }),
        };
        let _ = writeln!(out, "{answer}");
        let _ = out.flush();
    }
}

/// Serves contract crate `$contract` (its `bind` and `call`) until the input ends.
macro_rules! run_contract {
    ($contract:ident) => {{
        let state = Arc::new(Mutex::new(State::default()));
        match $contract::bind(Box::new(capturing_service(state.clone()))).await {
            Ok(server) => {
                command_loop(state, server.url(), $contract::call).await;
                server.shutdown().await;
            }
            Err(e) => {
                eprintln!("cannot listen: {e}");
                std::process::exit(1);
            }
        }
    }};
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    match name.as_str() {
        // __DISPATCH__
        other => {
            eprintln!("no contract named {other:?} in this harness");
            std::process::exit(2);
        }
    }
}
