//! The corpus of broken WSDLs under `tests/broken/`: each must fail with exactly the diagnostic
//! in its `.expected` file (file, line, column, the construct, a source snippet and what to
//! do), through the library and through the CLI (exit code 1), and never panic.
//!
//! After an intended change of wording, `BLESS=1 cargo test -p wsdl-codegen --test
//! broken_corpus` rewrites the `.expected` files; review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The corpus directory, relative to the package root (the tests' working directory), so that
/// diagnostics name files the same way on every machine.
const DIR: &str = "tests/broken";

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(DIR)
        .expect("read tests/broken")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "wsdl"))
        .map(|path| Path::new(DIR).join(path.file_name().unwrap_or_default()))
        .collect();
    cases.sort();
    cases
}

fn diagnostic(wsdl: &Path) -> String {
    match wsdl_codegen::Builder::new(wsdl).generate() {
        Ok(_) => panic!("{} generated code; it should fail", wsdl.display()),
        Err(error) => error.to_string(),
    }
}

#[test]
fn every_broken_wsdl_fails_with_its_expected_diagnostic() {
    let bless = std::env::var_os("BLESS").is_some();
    let cases = cases();
    assert!(cases.len() >= 20, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for wsdl in &cases {
        let got = diagnostic(wsdl);
        let location = format!("--> {}:", wsdl.display());
        assert!(got.contains(&location), "{got}");
        assert!(got.contains("= help: "), "{got}");
        let expected_path = wsdl.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, format!("{got}\n")).expect("write .expected");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected.trim_end() != got {
            failures.push(format!(
                "{}:\n--- expected\n{}\n--- got\n{got}\n",
                wsdl.display(),
                expected.trim_end()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_cli_prints_the_diagnostic_and_exits_with_1() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let out = scratch.path().join("out.rs");
    for name in ["unresolved-type", "missing-import", "empty-union"] {
        let wsdl = Path::new(DIR).join(format!("{name}.wsdl"));
        let output = Command::new(env!("CARGO_BIN_EXE_wsdl-codegen"))
            .arg("generate")
            .arg(&wsdl)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("run wsdl-codegen");
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.trim_end(), diagnostic(&wsdl), "{name}");
        assert!(!out.exists(), "nothing is written for a broken WSDL");
    }
}
