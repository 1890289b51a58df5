//! What the zeep oracle tests share: finding the Python that has zeep, and running a zeep
//! script that prints JSON.

use std::io::Write;
use std::process::Command;

use serde_json::Value;

/// The Python with zeep, or `None` (after a loud message) when the oracles are not set up.
pub fn python(test: &str) -> Option<String> {
    match std::env::var("ORACLE_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
    {
        Some(python) => Some(python),
        None => {
            assert!(
                std::env::var_os("CI").is_none_or(|v| v.is_empty()),
                "{test}: ORACLE_PYTHON is not set, and CI must run the zeep oracle"
            );
            let _ = writeln!(
                std::io::stderr(),
                "\n!!! SKIPPED: python oracles unavailable: {test} needs ORACLE_PYTHON (scripts/test.sh sets it up) !!!\n"
            );
            None
        }
    }
}

/// Runs the Python `script` with `args` (`python -c script args…`) in a blocking task, and
/// parses what it prints as JSON; fails the test when the script fails.
#[allow(dead_code)] // Not every test binary that shares this module runs a script.
pub async fn run_script(python: &str, script: &'static str, args: Vec<String>) -> Value {
    let python = python.to_string();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(python)
            .arg("-c")
            .arg(script)
            .args(args)
            .output()
            .expect("run python")
    })
    .await
    .expect("the python task");
    assert!(
        output.status.success(),
        "the script failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}
