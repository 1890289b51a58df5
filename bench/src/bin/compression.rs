//! `compression [COUNT]`: what HTTP compression (soap-runtime's `compression` feature) does to
//! a GetEMailEnvelopes answer of COUNT envelopes (1,000 by default, about 2 MB), in process, as
//! JSON lines: per coding and level, the compressed size and the ratio, and the time to
//! compress (the server's cost) and to decompress (the client's), each beside the time the
//! client takes to decode the same answer, as a ratio. Times are the median of 15 runs.
//!
//! `cargo run --release -p soap-benches --features compression --bin compression`

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use soap_benches::{decode_envelopes, envelopes_response};
use soap_runtime::compression::{compress, decompress, Compression, ContentCoding};

/// Runs of each measurement; the median is reported.
const RUNS: usize = 15;

/// The median time `work` takes over [`RUNS`] runs.
fn median(mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn main() -> ExitCode {
    let count = match std::env::args().nth(1).map(|text| text.parse::<usize>()) {
        None => 1000,
        Some(Ok(count)) => count,
        Some(Err(error)) => {
            eprintln!("compression [COUNT]: COUNT must be a number: {error}");
            return ExitCode::FAILURE;
        }
    };
    let answer = envelopes_response(count);
    let decode = median(|| {
        black_box(decode_envelopes(black_box(&answer)).is_ok());
    });
    println!(
        "{{\"key\": \"compression_decode_plain\", \"envelopes\": {count}, \"bytes\": {}, \"micros\": {}}}",
        answer.len(),
        decode.as_micros()
    );
    for (coding, level) in [
        (ContentCoding::Gzip, 1),
        (ContentCoding::Gzip, 6),
        (ContentCoding::Gzip, 9),
        (ContentCoding::Deflate, 1),
    ] {
        let settings = Compression::new().level(level);
        let packed = compress(coding, &answer, &settings);
        let compress_time = median(|| {
            black_box(compress(coding, black_box(&answer), &settings));
        });
        let decompress_time = median(|| {
            black_box(decompress(coding, black_box(&packed), answer.len()).is_ok());
        });
        let ratio = answer.len() as f64 / packed.len() as f64;
        println!(
            "{{\"key\": \"compression_{coding}_{level}\", \"bytes\": {}, \"ratio\": {ratio:.1}, \"compress_micros\": {}, \"decompress_micros\": {}, \"compress_per_decode\": {:.2}, \"decompress_per_decode\": {:.2}}}",
            packed.len(),
            compress_time.as_micros(),
            decompress_time.as_micros(),
            compress_time.as_secs_f64() / decode.as_secs_f64(),
            decompress_time.as_secs_f64() / decode.as_secs_f64(),
        );
    }
    ExitCode::SUCCESS
}
