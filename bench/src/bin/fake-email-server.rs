//! `fake-email-server [--addr 127.0.0.1:0]`: serves the generated EMail server with a fake
//! service (RefreshFolder answers 42) and prints its URL on the first line of stdout. Stops
//! when stdin closes, or after 10 minutes at most.

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use services82_email::EMailServer;
use soap_benches::FakeEMail;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let addr = args
        .iter()
        .position(|a| a == "--addr")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| "127.0.0.1:0".into());
    let runtime = match soap_runtime::tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("fake-email-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let server = match EMailServer::new(FakeEMail).bind(addr.as_str()).await {
            Ok(server) => server,
            Err(e) => {
                eprintln!("fake-email-server: cannot bind {addr}: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!("{}", server.url());
        let _ = std::io::stdout().flush();
        // Serve until stdin closes (the caller is done) or the time limit passes.
        let stdin_closed = soap_runtime::tokio::task::spawn_blocking(|| {
            let mut sink = String::new();
            while std::io::stdin().read_line(&mut sink).is_ok_and(|n| n > 0) {
                sink.clear();
            }
        });
        let _ = soap_runtime::tokio::time::timeout(Duration::from_secs(600), stdin_closed).await;
        server.shutdown().await;
        ExitCode::SUCCESS
    })
}
