//! What the zeep oracle tests share: finding the Python that has zeep.

use std::io::Write;

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
