//! `compare-rust COMMAND ...`: the Rust side of `bench/compare.sh`. Prints one JSON object per
//! line, each with a `key`; times are the median of repeated runs for `BENCH_SECS` seconds
//! (default 2) after a warm-up run.
//!
//! - `codegen`: generating the EMail bindings in-process, and parsing the WSDL with roxmltree;
//! - `encode`: RefreshFolder and SendEMails (100 emails, 10 KB body, 100 KB attachment each);
//! - `decode DIR`: the `envelopes-N.xml` responses written by `gen-inputs`, as a whole envelope
//!   and as the body element alone, beside the quick-xml event and roxmltree floors;
//! - `tolerance DIR`: decodes the `envelopes-1000-tolerance-*.xml` variants;
//! - `encodings DIR`: `envelopes-1000.xml` as UTF-8, as UTF-16 (byte order mark) and as
//!   ISO-8859-1 (declaration), each decoded to UTF-8 and read, as the client does;
//! - `roundtrip URL COUNT`: COUNT RefreshFolder calls, one after another, through the generated
//!   client against the server at URL;
//! - `profile WHAT FILE RUNS`: reads FILE (a GetEMailEnvelopes response) RUNS times with
//!   WHAT (`decode`, `decode-utf16`, `decode-latin1` (FILE re-encoded so), `element`,
//!   `quick-xml` or `roxmltree`) and nothing else, for
//!   `valgrind --tool=callgrind`.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use services82_email::EMailAgent;
use soap_benches::{budget, time, Timing};

fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1000.0
}

fn report(key: &str, timing: Timing, bytes: Option<usize>) {
    let mut line = format!(
        "{{\"key\": \"{key}\", \"runs\": {}, \"median_ms\": {:.6}, \"min_ms\": {:.6}, \"per_s\": {:.1}",
        timing.runs,
        ms(timing.median),
        ms(timing.min),
        1.0 / timing.median.as_secs_f64()
    );
    if let Some(bytes) = bytes {
        line.push_str(&format!(
            ", \"bytes\": {bytes}, \"mb_per_s\": {:.1}",
            bytes as f64 / 1e6 / timing.median.as_secs_f64()
        ));
    }
    line.push('}');
    println!("{line}");
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("codegen") => codegen(),
        Some("encode") => encode(),
        Some("decode") if args.len() > 2 => decode(Path::new(&args[2])),
        Some("tolerance") if args.len() > 2 => tolerance(Path::new(&args[2])),
        Some("encodings") if args.len() > 2 => encodings(Path::new(&args[2])),
        Some("roundtrip") if args.len() > 3 => roundtrip(&args[2], args[3].parse().unwrap_or(1000)),
        Some("profile") if args.len() > 4 => profile(
            &args[2],
            Path::new(&args[3]),
            args[4].parse().unwrap_or(1),
        ),
        _ => Err("usage: compare-rust codegen | encode | decode DIR | tolerance DIR | roundtrip URL COUNT".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("compare-rust: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T = ()> = std::result::Result<T, String>;

fn codegen() -> Result {
    let builder = soap_benches::email_builder();
    let code = builder.generate().map_err(|e| e.to_string())?;
    let timing = time(budget(), || builder.generate());
    report("codegen", timing, None);
    println!(
        "{{\"key\": \"codegen_output\", \"lines\": {}, \"bytes\": {}}}",
        code.lines().count(),
        code.len()
    );
    let wsdl = std::fs::read_to_string(soap_benches::wsdl_path()).map_err(|e| e.to_string())?;
    let timing = time(budget(), || {
        roxmltree::Document::parse(&wsdl).map(|d| d.descendants().count())
    });
    report("codegen_floor_roxmltree", timing, Some(wsdl.len()));
    Ok(())
}

fn encode() -> Result {
    let (headers, body) = soap_benches::refresh_folder_request();
    let bytes = soap_benches::encode_refresh_folder(&headers, &body).map_err(|e| e.to_string())?;
    let timing = time(budget(), || {
        soap_benches::encode_refresh_folder(&headers, &body)
    });
    report("encode_refresh_folder", timing, Some(bytes.len()));
    let (headers, body) = soap_benches::send_emails_request(100, 10 * 1024, 100 * 1024);
    let bytes = soap_benches::encode_send_emails(&headers, &body).map_err(|e| e.to_string())?;
    let timing = time(budget(), || {
        soap_benches::encode_send_emails(&headers, &body)
    });
    report("encode_send_emails_100", timing, Some(bytes.len()));
    Ok(())
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>> {
    std::fs::read(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()))
}

fn decode(dir: &Path) -> Result {
    for count in [1_000, 10_000] {
        let bytes = read(dir, &format!("envelopes-{count}.xml"))?;
        let decoded = soap_benches::decode_envelopes(&bytes).map_err(|e| e.to_string())?;
        let n = decoded.message.body.response.map_or(0, |v| v.len());
        if n != count {
            return Err(format!("decoded {n} envelopes, expected {count}"));
        }
        let timing = time(budget(), || soap_benches::decode_envelopes(&bytes));
        report(
            &format!("decode_envelope_{count}"),
            timing,
            Some(bytes.len()),
        );
        let element = soap_benches::body_element(&bytes, "GetEMailEnvelopesResponse");
        soap_benches::decode_envelopes_element(element).map_err(|e| e.to_string())?;
        let timing = time(budget(), || soap_benches::decode_envelopes_element(element));
        report(
            &format!("decode_element_{count}"),
            timing,
            Some(element.len()),
        );
        let timing = time(budget(), || soap_benches::quick_xml_events(&bytes));
        report(
            &format!("floor_quick_xml_{count}"),
            timing,
            Some(bytes.len()),
        );
        let timing = time(budget(), || soap_benches::roxmltree_dom(&bytes));
        report(
            &format!("floor_roxmltree_{count}"),
            timing,
            Some(bytes.len()),
        );
    }
    Ok(())
}

fn encodings(dir: &Path) -> Result {
    let utf8 = read(dir, "envelopes-1000.xml")?;
    let utf16 = soap_benches::as_utf16(&utf8);
    let latin1 = soap_benches::as_latin1(&utf8);
    for (key, bytes, charset) in [
        ("decode_utf8_1000", &utf8, Some("utf-8")),
        ("decode_utf16_1000", &utf16, None),
        ("decode_latin1_1000", &latin1, None),
    ] {
        soap_benches::decode_envelopes_in(bytes, charset).map_err(|e| e.to_string())?;
        let timing = time(budget(), || {
            soap_benches::decode_envelopes_in(bytes, charset)
        });
        report(key, timing, Some(bytes.len()));
    }
    Ok(())
}

fn tolerance(dir: &Path) -> Result {
    for variant in ["unknown", "xsitype", "soap12"] {
        let bytes = read(dir, &format!("envelopes-1000-tolerance-{variant}.xml"))?;
        let line = match soap_benches::decode_envelopes(&bytes) {
            Ok(r) => format!(
                "{{\"key\": \"tolerance_{variant}\", \"ok\": true, \"envelopes\": {}, \"unknown_elements\": {}}}",
                r.message.body.response.map_or(0, |v| v.len()),
                r.unknown_elements.len()
            ),
            Err(e) => format!(
                "{{\"key\": \"tolerance_{variant}\", \"ok\": false, \"error\": {:?}}}",
                e.to_string()
            ),
        };
        println!("{line}");
    }
    Ok(())
}

fn profile(what: &str, file: &Path, runs: usize) -> Result {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let element = soap_benches::body_element(&bytes, "GetEMailEnvelopesResponse");
    let utf16 = soap_benches::as_utf16(&bytes);
    let latin1 = soap_benches::as_latin1(&bytes);
    for _ in 0..runs {
        match what {
            "decode-utf16" | "decode-latin1" => {
                let input = if what == "decode-utf16" {
                    &utf16
                } else {
                    &latin1
                };
                std::hint::black_box(
                    soap_benches::decode_envelopes_in(input, None).map_err(|e| e.to_string())?,
                );
            }
            "decode" => {
                std::hint::black_box(
                    soap_benches::decode_envelopes(&bytes).map_err(|e| e.to_string())?,
                );
            }
            "element" => {
                std::hint::black_box(
                    soap_benches::decode_envelopes_element(element).map_err(|e| e.to_string())?,
                );
            }
            "quick-xml" => {
                std::hint::black_box(soap_benches::quick_xml_events(&bytes));
            }
            "roxmltree" => {
                std::hint::black_box(soap_benches::roxmltree_dom(&bytes));
            }
            "codegen" => {
                std::hint::black_box(
                    soap_benches::email_builder()
                        .generate()
                        .map_err(|e| e.to_string())?,
                );
            }
            other => return Err(format!("unknown profile target {other}")),
        }
    }
    Ok(())
}

/// How many batches of round trips are timed; the fastest counts (zeep_bench.py does the same).
const ROUNDTRIP_BATCHES: usize = 3;

fn roundtrip(url: &str, count: usize) -> Result {
    let runtime = soap_runtime::tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let (headers, body) = soap_benches::refresh_folder_request();
    let mut agent = EMailAgent::new(url);
    *agent.headers_mut() = headers;
    runtime.block_on(async {
        // Warm up: connect once.
        agent
            .refresh_folder(body.connection_info.clone(), body.folders.clone())
            .await
            .map_err(|e| e.to_string())?;
        // The fastest of a few batches, as for every other measurement.
        let mut elapsed = f64::MAX;
        for _ in 0..ROUNDTRIP_BATCHES {
            let started = Instant::now();
            for _ in 0..count {
                let answer = agent
                    .refresh_folder(body.connection_info.clone(), body.folders.clone())
                    .await
                    .map_err(|e| e.to_string())?;
                if answer != 42 {
                    return Err(format!("unexpected answer {answer}"));
                }
            }
            elapsed = elapsed.min(started.elapsed().as_secs_f64());
        }
        println!(
            "{{\"key\": \"roundtrip_refresh_folder\", \"calls\": {count}, \"seconds\": {elapsed:.3}, \"per_s\": {:.1}}}",
            count as f64 / elapsed
        );
        Ok(())
    })
}
