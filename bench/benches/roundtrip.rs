//! RefreshFolder round trips through the generated client and server over loopback HTTP.

use criterion::{criterion_group, criterion_main, Criterion};
use services82_email::{EMailAgent, EMailServer};
use soap_benches::FakeEMail;

fn roundtrip(c: &mut Criterion) {
    let runtime = soap_runtime::tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let server = runtime
        .block_on(EMailServer::new(FakeEMail).bind("127.0.0.1:0"))
        .expect("binds");
    let (headers, body) = soap_benches::refresh_folder_request();
    let mut agent = EMailAgent::new(server.url());
    *agent.headers_mut() = headers;
    c.bench_function("RefreshFolder round trip over loopback", |b| {
        b.iter(|| {
            runtime
                .block_on(agent.refresh_folder(body.connection_info.clone(), body.folders.clone()))
                .expect("answers")
        })
    });
    runtime.block_on(server.shutdown());
}

criterion_group!(benches, roundtrip);
criterion_main!(benches);
