//! `peak-rss [MEGABYTES] [--mtom]`: peak memory while decoding a GetAttachment response whose
//! attachment holds MEGABYTES MB (default 20), as base64 text in the envelope, or with `--mtom`
//! in a binary MIME part (MTOM/XOP).
//!
//! A child process writes the response to a temporary file; another child reads the file
//! (the message in memory, as an HTTP client holds it) and decodes it, reporting its resident
//! set size before reading, after reading and at its peak (`VmHWM`). Prints one JSON line.

use std::process::{Command, ExitCode};
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let mtom = args.iter().any(|a| a == "--mtom");
    match args.get(1).map(String::as_str) {
        Some("--write") => write(&args[2], args[3].parse().unwrap_or(20), mtom),
        Some("--decode") => decode(&args[2], mtom),
        other => orchestrate(other.and_then(|m| m.parse().ok()).unwrap_or(20), mtom),
    }
}

/// The MTOM content type travels in the first line of the file (as the HTTP header would).
fn orchestrate(megabytes: usize, mtom: bool) -> ExitCode {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("peak-rss: {e}");
            return ExitCode::FAILURE;
        }
    };
    let path = std::env::temp_dir().join(format!("peak-rss-{}.xml", std::process::id()));
    let path_text = path.to_string_lossy().into_owned();
    let flag = if mtom { "--mtom" } else { "--base64" };
    let ok = Command::new(&exe)
        .args(["--write", &path_text, &megabytes.to_string(), flag])
        .status()
        .is_ok_and(|s| s.success())
        && Command::new(&exe)
            .args(["--decode", &path_text, flag])
            .status()
            .is_ok_and(|s| s.success());
    let _ = std::fs::remove_file(&path);
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn write(path: &str, megabytes: usize, mtom: bool) -> ExitCode {
    let size = megabytes * 1024 * 1024;
    let written = if mtom {
        soap_benches::attachment_response_mtom(size).map(|(content_type, body)| {
            let mut file = content_type.into_bytes();
            file.push(b'\n');
            file.extend_from_slice(&body);
            file
        })
    } else {
        soap_benches::attachment_response(size)
    };
    match written {
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

fn decode(path: &str, mtom: bool) -> ExitCode {
    let mib = |b: Option<u64>| b.unwrap_or(0) as f64 / (1024.0 * 1024.0);
    let before = soap_benches::current_rss();
    let mut bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("peak-rss: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let loaded = soap_benches::current_rss();
    let started = Instant::now();
    // Under MTOM the first line is the content type; the message is the rest (moved to the
    // front of the same buffer).
    let mut content_type = String::new();
    if mtom {
        if let Some(end) = bytes.iter().position(|&b| b == b'\n') {
            content_type = String::from_utf8_lossy(&bytes[..end]).into_owned();
            bytes.drain(..=end);
        }
    }
    let message_len = bytes.len();
    let decoded = if mtom {
        soap_benches::decode_attachment_mtom(bytes, &content_type)
    } else {
        soap_benches::decode_attachment(&bytes)
    };
    let received = match decoded {
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
    let message = message_len as f64 / (1024.0 * 1024.0);
    let growth = mib(peak) - mib(before);
    println!(
        "{{\"message_mib\": {message:.2}, \"attachment_mib\": {:.2}, \"rss_before_mib\": {:.2}, \"rss_loaded_mib\": {:.2}, \"peak_rss_mib\": {:.2}, \"peak_over_message\": {:.3}, \"decode_mb_per_s\": {:.1}}}",
        attachment as f64 / (1024.0 * 1024.0),
        mib(before),
        mib(loaded),
        mib(peak),
        growth / message,
        message_len as f64 / 1e6 / elapsed,
    );
    ExitCode::SUCCESS
}
