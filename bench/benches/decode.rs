//! Decoding a GetEMailEnvelopes response with 10,000 envelopes, beside two floors on the same
//! bytes (every event with a bare `quick_xml::Reader`; a `roxmltree` DOM), and a GetAttachment
//! response carrying a 20 MB attachment, and a response of 1,000 envelopes in UTF-8, UTF-16
//! and ISO-8859-1. (Peak memory of the latter: `cargo run --release
//! -p soap-benches --bin peak-rss`.) Decoded values and DOMs are dropped outside the timing.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn envelopes(c: &mut Criterion) {
    let bytes = soap_benches::envelopes_response(10_000);
    let element = soap_benches::body_element(&bytes, "GetEMailEnvelopesResponse").to_vec();
    let mut group = c.benchmark_group("decode GetEMailEnvelopes 10,000");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("soap-runtime: envelope", |b| {
        b.iter_with_large_drop(|| soap_benches::decode_envelopes(&bytes).expect("decodes"))
    });
    group.bench_function("floor: quick-xml events", |b| {
        b.iter(|| soap_benches::quick_xml_events(&bytes))
    });
    group.bench_function("floor: roxmltree DOM", |b| {
        b.iter_with_large_drop(|| soap_benches::roxmltree_dom(&bytes))
    });
    group.throughput(Throughput::Bytes(element.len() as u64));
    group.bench_function("soap-runtime: body element alone", |b| {
        b.iter_with_large_drop(|| {
            soap_benches::decode_envelopes_element(&element).expect("decodes")
        })
    });
    group.finish();
}

fn attachment(c: &mut Criterion) {
    let bytes = soap_benches::attachment_response(20 * 1024 * 1024).expect("encodes");
    let mut group = c.benchmark_group("decode GetAttachment 20 MB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("soap-runtime: envelope", |b| {
        b.iter_with_large_drop(|| soap_benches::decode_attachment(&bytes).expect("decodes"))
    });
    group.finish();
}

/// The same response of 1,000 envelopes as UTF-8 (read in place), as UTF-16 (with a byte
/// order mark) and as ISO-8859-1 (by its declaration): the two others are decoded to UTF-8
/// once, then read. Each throughput counts the bytes received.
fn encodings(c: &mut Criterion) {
    let utf8 = soap_benches::envelopes_response(1_000);
    let utf16 = soap_benches::as_utf16(&utf8);
    let latin1 = soap_benches::as_latin1(&utf8);
    let mut group = c.benchmark_group("decode GetEMailEnvelopes 1,000 by encoding");
    group.sample_size(20);
    for (name, bytes, charset) in [
        ("UTF-8", &utf8, Some("utf-8")),
        ("UTF-16 (byte order mark)", &utf16, None),
        ("ISO-8859-1 (declaration)", &latin1, None),
    ] {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter_with_large_drop(|| {
                soap_benches::decode_envelopes_in(bytes, charset).expect("decodes")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, envelopes, attachment, encodings);
criterion_main!(benches);
