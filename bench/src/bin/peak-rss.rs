//! `peak-rss [MEGABYTES]`: peak memory while decoding a GetAttachment response whose attachment
//! holds MEGABYTES MB (default 20).
//!
//! A child process writes the response to a temporary file; another child reads the file
//! (the message in memory, as an HTTP client holds it) and decodes it, reporting its resident
//! set size before reading, after reading and at its peak (`VmHWM`). Prints one JSON line.

use std::process::{Command, ExitCode};
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("--write") => write(&args[2], args[3].parse().unwrap_or(20)),
        Some("--decode") => decode(&args[2]),
        other => orchestrate(other.and_then(|m| m.parse().ok()).unwrap_or(20)),
    }
}

fn orchestrate(megabytes: usize) -> ExitCode {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("peak-rss: {e}");
            return ExitCode::FAILURE;
        }
    };
    let path = std::env::temp_dir().join(format!("peak-rss-{}.xml", std::process::id()));
    let path_text = path.to_string_lossy().into_owned();
    let ok = Command::new(&exe)
        .args(["--write", &path_text, &megabytes.to_string()])
        .status()
        .is_ok_and(|s| s.success())
        && Command::new(&exe)
            .args(["--decode", &path_text])
            .status()
            .is_ok_and(|s| s.success());
    let _ = std::fs::remove_file(&path);
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn write(path: &str, megabytes: usize) -> ExitCode {
    match soap_benches::attachment_response(megabytes * 1024 * 1024) {
        Ok(bytes) => match std::fs::write(path, bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("peak-rss: {path}: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("peak-rss: {e}");
            ExitCode::FAILURE
        }
    }
}

fn decode(path: &str) -> ExitCode {
    let mib = |b: Option<u64>| b.unwrap_or(0) as f64 / (1024.0 * 1024.0);
    let before = soap_benches::current_rss();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("peak-rss: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let loaded = soap_benches::current_rss();
    let started = Instant::now();
    let received = match soap_benches::decode_attachment(&bytes) {
        Ok(received) => received,
        Err(e) => {
            eprintln!("peak-rss: decoding failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let elapsed = started.elapsed().as_secs_f64();
    let peak = soap_benches::peak_rss();
    let attachment = received
        .message
        .body
        .response
        .and_then(|a| a.stream)
        .map_or(0, |s| s.len());
    let message = bytes.len() as f64 / (1024.0 * 1024.0);
    let growth = mib(peak) - mib(before);
    println!(
        "{{\"message_mib\": {message:.2}, \"attachment_mib\": {:.2}, \"rss_before_mib\": {:.2}, \"rss_loaded_mib\": {:.2}, \"peak_rss_mib\": {:.2}, \"peak_over_message\": {:.3}, \"decode_mb_per_s\": {:.1}}}",
        attachment as f64 / (1024.0 * 1024.0),
        mib(before),
        mib(loaded),
        mib(peak),
        growth / message,
        bytes.len() as f64 / 1e6 / elapsed,
    );
    ExitCode::SUCCESS
}
