//! cargo-fuzz target: see `harness::server_dispatch`.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::server_dispatch(data));
