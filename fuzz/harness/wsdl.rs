//! The check of the `wsdl_pipeline` fuzz target, shared with the regression tests (see
//! `mod.rs` beside this file): WSDL text → model → Rust source. The generator must not panic,
//! must not loop, and must not report that its own output is invalid Rust.

/// Runs the whole generator on `data` taken as a WSDL document.
pub fn wsdl_pipeline(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(defs) = wsdl_codegen::wsdl::parse_str(text, "fuzz.wsdl") else {
        return;
    };
    match wsdl_codegen::rust::generate(&defs, &wsdl_codegen::rust::Options::default()) {
        Ok(code) => {
            if let Err(error) = syn_check(&code) {
                panic!("the generator wrote code that does not parse: {error}\n{code}");
            }
        }
        Err(wsdl_codegen::rust::GenerateError::InvalidOutput(reason)) => {
            panic!("the generator emitted invalid Rust: {reason}")
        }
        Err(_) => {}
    }
}

/// The generator already parses its own output before formatting it; a cheap second look that
/// the formatted text is not empty and holds the header.
fn syn_check(code: &str) -> Result<(), String> {
    if code.starts_with("// @generated") {
        Ok(())
    } else {
        Err("the output lacks its @generated header".into())
    }
}
