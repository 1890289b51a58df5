//! The interop harness: serves the generated server (its service answers every operation from
//! JSON, remembering each request) and calls through the generated client by JSON, driven by
//! JSON lines on stdin. Written out by scripts/interop.py next to the generated module.

#[allow(dead_code, unused_imports, clippy::all)]
#[path = "generated.rs"]
mod generated;

use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex};

use soap_runtime::serde_json::{self, json, Value};

#[derive(Default)]
struct State {
    captured: Option<(String, Value)>,
    respond: Option<Value>,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let state = Arc::new(Mutex::new(State::default()));
    let shared = state.clone();
    let service = generated::JsonService(move |operation: &str, request: Value| {
        let mut state = shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        state.captured = Some((operation.to_string(), request));
        state.respond.clone().ok_or_else(|| {
            soap_runtime::Fault::receiver(
                soap_runtime::SoapVersion::Soap11,
                "interop: no response set",
            )
        })
    });
    let server = match generated::__SERVER__::new(service).bind("127.0.0.1:0").await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("cannot listen: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{}", json!({ "url": server.url() }));
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
                let client = generated::InteropClient::new(command["url"].as_str().unwrap_or(""));
                let op = command["op"].as_str().unwrap_or("");
                match client.call_json(op, command["body"].clone()).await {
                    Ok(v) => json!({ "ok": v }),
                    Err(e) => json!({ "error": e.to_string() }),
                }
            }
            other => json!({ "error": format!("unknown command {other}") }),
        };
        let _ = writeln!(out, "{answer}");
        let _ = out.flush();
    }
    server.shutdown().await;
}
