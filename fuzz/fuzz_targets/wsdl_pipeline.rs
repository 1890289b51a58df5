//! cargo-fuzz target: see `harness/wsdl.rs`.
#![no_main]

#[path = "../harness/wsdl.rs"]
mod wsdl;

libfuzzer_sys::fuzz_target!(|data: &[u8]| wsdl::wsdl_pipeline(data));
