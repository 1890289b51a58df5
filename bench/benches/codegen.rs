//! Generating the EMail bindings from `wsdl/`, beside parsing the same WSDL with roxmltree
//! alone (the floor).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn codegen(c: &mut Criterion) {
    let builder = soap_benches::email_builder();
    let wsdl = std::fs::read_to_string(soap_benches::wsdl_path()).expect("read the WSDL");
    let mut group = c.benchmark_group("codegen");
    group.throughput(Throughput::Bytes(wsdl.len() as u64));
    group.bench_function("generate EMail bindings", |b| {
        b.iter(|| builder.generate().expect("generates"))
    });
    group.bench_function("floor: roxmltree parse of the WSDL", |b| {
        b.iter(|| {
            roxmltree::Document::parse(&wsdl)
                .expect("parses")
                .descendants()
                .count()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = codegen
}
criterion_main!(benches);
