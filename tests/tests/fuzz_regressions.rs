//! Replays what the fuzz targets (`fuzz/`, see FUZZING.md) found, through the same checks:
//! every file under `tests/corpus/fuzz/<target>/` is an input that once crashed, hung or broke
//! an invariant, kept so that the fix stays fixed. The SuperOffice samples and the checked-in
//! WSDL run through the checks too, as a smoke test of the harness itself.

#[path = "../../fuzz/harness/mod.rs"]
mod harness;
#[path = "../../fuzz/harness/wsdl.rs"]
mod wsdl;

use std::path::{Path, PathBuf};

use end_to_end::shared::shared_material;

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Runs `check` on every input of `target`, reporting each failing file by name.
fn replay(target: &str, check: fn(&[u8])) {
    for path in inputs(target) {
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{} fails again", path.display());
    }
}

#[test]
fn email_response_regressions() {
    replay("email_response", harness::email_response);
}

#[test]
fn mtom_response_regressions() {
    replay("mtom_response", harness::mtom_response);
}

#[test]
fn server_dispatch_regressions() {
    replay("server_dispatch", harness::server_dispatch);
}

#[test]
fn wsdl_pipeline_regressions() {
    replay("wsdl_pipeline", wsdl::wsdl_pipeline);
}

#[test]
fn the_harness_knows_every_operation() {
    harness::check_operation_table();
}

/// SuperOffice's samples (file name and bytes), or `None` (the test skipped loudly) when the
/// shared folder is absent.
fn samples(test: &str) -> Option<Vec<(String, Vec<u8>)>> {
    let dir = shared_material(test, "samples/services82/EMail")?;
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let data = std::fs::read(e.path()).unwrap_or_else(|err| panic!("{name}: {err}"));
            (name, data)
        })
        .collect();
    out.sort();
    Some(out)
}

#[test]
fn samples_pass_the_fuzz_checks() {
    let Some(samples) = samples("samples_pass_the_fuzz_checks") else {
        return;
    };
    let operations = services82_email::OPERATIONS;
    let mut seen = 0;
    for (name, data) in samples {
        let Some(operation) = name.split('.').next() else {
            continue;
        };
        let Some(index) = operations.iter().position(|op| op.name == operation) else {
            continue;
        };
        let index = u8::try_from(index).expect("fewer than 128 operations");
        if name.ends_with(".response.xml") {
            for selector in [index, index + 128] {
                let mut input = vec![selector];
                input.extend_from_slice(&data);
                harness::email_response(&input);
                // The same answer as the root part of an MTOM message.
                let mut input = vec![selector];
                input.extend_from_slice(b"--b\r\nContent-Type: application/xop+xml\r\n\r\n");
                input.extend_from_slice(&data);
                input.extend_from_slice(b"\r\n--b--\r\n");
                harness::mtom_response(&input);
            }
        } else {
            for flags in [0u8, 1, 2, 3, 4, 7, 8, 12] {
                let mut input = vec![flags, index];
                input.extend_from_slice(&data);
                harness::server_dispatch(&input);
            }
        }
        seen += 1;
    }
    assert!(seen >= 40, "only {seen} samples");
}

#[test]
fn the_email_wsdl_passes_the_pipeline_check() {
    let wsdl = std::fs::read(end_to_end::email_wsdl()).expect("the EMail WSDL");
    wsdl::wsdl_pipeline(&wsdl);
}
