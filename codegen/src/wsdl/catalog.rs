//! The schema directory (`--schema-dir DIR`, `Builder::schema_dir`): local copies of documents
//! that WSDLs import by URL (or by a namespace without a location).
//!
//! A document is found in `DIR`
//! 1. through `DIR/catalog.txt`, whose lines map a location (or a namespace) to a file:
//!    ```text
//!    # comments start with `#`; blank lines are ignored
//!    http://example.com/schemas/common.xsd   common-1.2.xsd
//!    urn:example:types                       vendor/types.xsd
//!    ```
//!    The first field is the import's `location`/`schemaLocation` exactly as written (or, for an
//!    `xs:import` without `schemaLocation`, its `namespace`); the second is a file path relative
//!    to `DIR`. Fields are separated by whitespace, so neither may contain any.
//! 2. by the location's last path segment: `http://example.com/a/b/common.xsd` is
//!    `DIR/common.xsd`.

use std::path::{Path, PathBuf};

use super::error::{ErrorKind, Location, WsdlError};

/// The name of the catalog file inside the schema directory.
pub const CATALOG_FILE: &str = "catalog.txt";

/// A directory of local copies of imported documents, with its catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaDir {
    dir: PathBuf,
    /// `(location or namespace, file)` pairs of `catalog.txt`, in file order.
    entries: Vec<(String, PathBuf)>,
}

impl SchemaDir {
    /// Opens `dir` and reads its `catalog.txt`, if there is one.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when `dir` is not a readable directory or the catalog cannot be read;
    /// [`ErrorKind::Catalog`] at the line of a catalog line that is not `LOCATION FILE`.
    pub fn open(dir: &Path) -> Result<SchemaDir, WsdlError> {
        let shown = dir.display().to_string();
        let io_error = |path: String, e: std::io::Error| {
            WsdlError::new(
                ErrorKind::Io {
                    path: path.clone(),
                    message: e.to_string(),
                },
                Location::file_start(&path),
            )
        };
        // Fails early, with the system's reason, when `dir` is not a readable directory.
        std::fs::read_dir(dir).map_err(|e| io_error(shown.clone(), e))?;
        let catalog = dir.join(CATALOG_FILE);
        let mut entries = Vec::new();
        if catalog.is_file() {
            let file = catalog.display().to_string();
            let text = std::fs::read_to_string(&catalog).map_err(|e| io_error(file.clone(), e))?;
            entries = parse_catalog(&file, &text)?;
        }
        Ok(SchemaDir {
            dir: dir.to_path_buf(),
            entries,
        })
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file the catalog maps `key` (a location as written, or a namespace) to.
    pub(crate) fn catalog(&self, key: &str) -> Option<PathBuf> {
        let key = key.trim();
        self.entries
            .iter()
            .find(|(location, _)| location == key)
            .map(|(_, file)| self.dir.join(file))
    }

    /// `DIR/<last path segment of location>`, when that file exists.
    pub(crate) fn by_segment(&self, location: &str) -> Option<PathBuf> {
        let segment = last_segment(location)?;
        let path = self.dir.join(segment);
        path.is_file().then_some(path)
    }
}

/// The last non-empty path segment of a URL or path, without query or fragment; `None` when
/// there is none or it could leave the directory (`..`).
pub(crate) fn last_segment(location: &str) -> Option<&str> {
    let location = location.split(['?', '#']).next().unwrap_or("");
    let path = match location.split_once("://") {
        Some((_, rest)) => rest.split_once('/').map_or("", |(_, path)| path),
        None => location,
    };
    path.rsplit(['/', '\\'])
        .find(|s| !s.is_empty())
        .filter(|s| *s != "." && *s != "..")
}

/// The `LOCATION FILE` lines of a catalog.
fn parse_catalog(file: &str, text: &str) -> Result<Vec<(String, PathBuf)>, WsdlError> {
    let mut entries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        // A field starting with `#` starts a comment, up to the end of the line.
        let fields: Vec<&str> = line
            .split_whitespace()
            .take_while(|field| !field.starts_with('#'))
            .collect();
        if fields.is_empty() {
            continue;
        }
        let [location, target] = fields.as_slice() else {
            let line_number = u32::try_from(number + 1).unwrap_or(u32::MAX);
            return Err(WsdlError::new(
                ErrorKind::Catalog {
                    message: format!(
                        "expected `LOCATION FILE` (two fields), found {} field{}",
                        fields.len(),
                        if fields.len() == 1 { "" } else { "s" }
                    ),
                },
                Location::at_line(file, text, line_number, 1),
            ));
        };
        entries.push((location.to_string(), PathBuf::from(target)));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_segment_of_urls_and_paths() {
        assert_eq!(
            last_segment("http://example.com/a/b/common.xsd?x=1"),
            Some("common.xsd")
        );
        assert_eq!(last_segment("http://example.com/wsdl/"), Some("wsdl"));
        assert_eq!(last_segment("http://example.com"), None);
        assert_eq!(last_segment("xsd/types.xsd"), Some("types.xsd"));
        assert_eq!(last_segment("http://example.com/a/.."), None);
    }

    #[test]
    fn catalog_lines_and_comments() {
        let text = "# local copies\n\nhttp://x/a.xsd  a-1.xsd\t#pinned\n  urn:b\tb/b.xsd\n";
        let entries = parse_catalog("catalog.txt", text).expect("parses");
        assert_eq!(
            entries,
            vec![
                ("http://x/a.xsd".to_string(), PathBuf::from("a-1.xsd")),
                ("urn:b".to_string(), PathBuf::from("b/b.xsd")),
            ]
        );
        let err = parse_catalog("catalog.txt", "# ok\nhttp://x/a.xsd\n").expect_err("one field");
        assert_eq!(err.location().line, 2);
        assert!(err.to_string().contains("found 1 field\n"), "{err}");
    }
}
