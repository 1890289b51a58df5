//! The generator's built-in schemas of well-known namespaces (`codegen/src/wsdl/well_known/`,
//! written by us rather than copied) checked by xmlschema: each is a valid XML Schema, declares
//! what contracts refer to, and accepts (and refuses) instances as the specifications write them
//! (`tests/oracles/well_known_schemas.py`).
//!
//! Without `ORACLE_PYTHON` (set by `scripts/test.sh`) the test is skipped with a loud message,
//! except in CI (`CI` set), where it fails.

use std::io::Write as _;
use std::path::Path;
use std::process::Command;

#[test]
fn well_known_schemas_are_valid_to_xmlschema() {
    let Some(python) = std::env::var_os("ORACLE_PYTHON").filter(|p| !p.is_empty()) else {
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!("ORACLE_PYTHON is not set, and CI must run the xmlschema oracle");
        }
        let _ = writeln!(
            std::io::stderr(),
            "\n!!! SKIPPED: well_known_schemas_are_valid_to_xmlschema needs ORACLE_PYTHON \
             (a Python with xmlschema; scripts/test.sh sets it up) !!!\n"
        );
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(&python)
        .arg(root.join("oracles/well_known_schemas.py"))
        .arg(root.join("../codegen/src/wsdl/well_known"))
        .output()
        .expect("run the xmlschema oracle");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(stdout.matches(": valid;").count(), 11, "{stdout}");
    assert!(
        stdout.contains("valid and invalid instances told apart"),
        "{stdout}"
    );
}
