//! The checked-in EMail bindings are exactly what the generator produces now.

use std::process::Command;

#[test]
fn checked_in_email_bindings_are_current() {
    let output = Command::new(env!("CARGO_BIN_EXE_wsdl-codegen"))
        .arg("--check")
        .output()
        .expect("run wsdl-codegen");
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn generation_is_deterministic() {
    let wsdl = concat!(env!("CARGO_MANIFEST_DIR"), "/../wsdl/services82/EMail.wsdl");
    let builder = wsdl_codegen::Builder::new(wsdl).client_name("EMailAgent");
    assert_eq!(builder.generate().unwrap(), builder.generate().unwrap());
}
