//! cargo-fuzz target: see `harness::email_response`.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::email_response(data));
