//! cargo-fuzz target: see `harness::mtom_response`.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::mtom_response(data));
