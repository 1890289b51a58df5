//! The material tests read from the `shared` folder beside the repository (the reference
//! `EMail.wsdl`, SuperOffice's request and response samples), which a fresh clone does not have.
//!
//! One helper for every test crate of the workspace: the end-to-end crate has it as
//! `end_to_end::shared`, the codegen tests include this file with `#[path]`. A test asks for its
//! material with [`shared_material`]; when the material is absent the test is skipped with a loud
//! message saying what to put where, except in CI (env `CI` set), where it fails.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The name of the folder, beside the repository's root, that holds the shared material.
const SHARED_FOLDER: &str = "shared";

/// The repository's root: the nearest folder above the test crate's manifest that holds the
/// workspace's `Cargo.lock` (the crate's own folder when it is the root).
fn repository_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .unwrap_or(manifest)
        .to_path_buf()
}

/// The folder of shared material: `shared` beside the repository's root.
pub fn shared_dir() -> PathBuf {
    let root = repository_root();
    root.parent().unwrap_or(&root).join(SHARED_FOLDER)
}

/// Whether the run is in CI (env `CI` set and not empty), where no test may be skipped.
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|value| !value.is_empty())
}

/// The path of `relative` (a file or folder) under the shared folder, or `None` when it is
/// absent: then the skip of `test` is printed loudly, straight to the process's standard error
/// (past the test harness's capture, so it is seen when the test passes).
///
/// # Panics
///
/// When the material is absent and env `CI` is set: CI must run every test.
pub fn shared_material(test: &str, relative: &str) -> Option<PathBuf> {
    let path = shared_dir().join(relative);
    if path.exists() {
        return Some(path);
    }
    let root = repository_root();
    let message = format!(
        "{test} needs {relative} from the shared folder beside the repository: put that folder \
         (`wsdl/services82/EMail.wsdl`, the reference WSDL, and `samples/services82/EMail/*.xml`, \
         SuperOffice's samples) at {}, next to {}",
        shared_dir().display(),
        root.display()
    );
    skip_unless_ci(&message);
    None
}

/// Says loudly that a test is skipped, `message` saying which and what it needs, straight to
/// the process's standard error (past the test harness's capture, so it is seen when the test
/// passes).
///
/// # Panics
///
/// When env `CI` is set: CI must run every test, so what would be a skip is a failure there.
pub fn skip_unless_ci(message: &str) {
    assert!(!in_ci(), "CI must run every test, but {message}");
    let banner = "!".repeat(72);
    // One write, so that the skips of tests running in parallel do not interleave.
    let notice = format!("\n{banner}\n!!! SKIPPED: {message}\n{banner}\n");
    let _ = std::io::stderr().lock().write_all(notice.as_bytes());
}
