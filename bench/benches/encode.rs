//! Encoding a RefreshFolder request, and a SendEMails request with 100 emails, each with a
//! 10 KB body and a 100 KB attachment.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn encode(c: &mut Criterion) {
    let mut group = c.benchmark_group("encode");
    let (headers, body) = soap_benches::refresh_folder_request();
    group.bench_function("RefreshFolder", |b| {
        b.iter(|| soap_benches::encode_refresh_folder(&headers, &body).expect("encodes"))
    });
    let (headers, body) = soap_benches::send_emails_request(100, 10 * 1024, 100 * 1024);
    let size = soap_benches::encode_send_emails(&headers, &body)
        .expect("encodes")
        .len();
    group.throughput(Throughput::Bytes(size as u64));
    group.sample_size(20);
    group.bench_function("SendEMails 100 x (10 KB body + 100 KB attachment)", |b| {
        b.iter(|| soap_benches::encode_send_emails(&headers, &body).expect("encodes"))
    });
    group.finish();
}

criterion_group!(benches, encode);
criterion_main!(benches);
