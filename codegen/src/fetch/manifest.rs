//! The manifest written beside the fetched documents (`fetch-manifest.json`): where each file
//! came from, its SHA-256 as saved and as downloaded, and when, so that a later fetch can tell
//! whether the service's contract changed and a reviewer can see where checked-in files came
//! from.

use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The manifest's file name in the output directory.
pub const MANIFEST_NAME: &str = "fetch-manifest.json";

/// The manifest of one fetch.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    /// The tool and version that wrote it.
    pub fetched_by: String,
    /// The URL given to `fetch` (user information removed).
    pub url: String,
    /// When, as RFC 3339 UTC (`2026-12-06T11:08:49Z`).
    pub date: String,
    /// The main document's file name.
    pub main: String,
    /// Every saved document, the main one first.
    pub files: Vec<ManifestFile>,
}

/// One saved document.
#[derive(Debug, Clone, Serialize)]
pub struct ManifestFile {
    /// Its file name in the output directory.
    pub file: String,
    /// The URL it was requested from (user information removed).
    pub url: String,
    /// Where redirects ended, when elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    /// SHA-256 of the saved file (imports rewritten to local names), lowercase hex.
    pub sha256: String,
    /// SHA-256 of the document as downloaded, lowercase hex.
    pub downloaded_sha256: String,
    /// The saved file's size in bytes.
    pub bytes: usize,
}

impl Manifest {
    /// The manifest as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        // Serializing plain strings and numbers cannot fail; an empty object is the fallback
        // the type system asks for.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        text.push('\n');
        text
    }
}

/// The SHA-256 of `bytes` as lowercase hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The current time as RFC 3339 UTC, to the second.
pub(crate) fn now_rfc3339() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(seconds)
}

/// `seconds` since the Unix epoch as RFC 3339 UTC (`1970-01-01T00:00:00Z`); a time past the
/// year 9999 (a broken clock, as one before 1970 is) gives the epoch.
fn rfc3339(seconds: u64) -> String {
    let time = i64::try_from(seconds)
        .ok()
        .and_then(|seconds| OffsetDateTime::from_unix_timestamp(seconds).ok())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        time.year(),
        u8::from(time.month()),
        time.day(),
        time.hour(),
        time.minute(),
        time.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_796_555_329), "2026-12-06T11:08:49Z");
        assert_eq!(rfc3339(4_107_542_399), "2100-02-28T23:59:59Z");
    }

    #[test]
    fn sha256_of_abc() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
