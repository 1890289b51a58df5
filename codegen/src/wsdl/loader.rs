//! Reading the documents: the root file and everything it imports.
//!
//! Followed: `wsdl:import/@location` and `xs:import/@schemaLocation`/`xs:include/@schemaLocation`
//! (in embedded schemas and in imported schema files), each relative to the importing file.
//! An `xs:import` without `schemaLocation` is not followed: its namespace must be declared by
//! another schema of the document set (WCF puts all schemas in `wsdl:types`).
//!
//! Each file is read and parsed once, however many times it is imported; the texts live in an
//! arena the caller owns, so that the parsed documents can borrow them while more are read. A `wsdl:import` that leads back
//! to a document still being imported is an error ([`ErrorKind::ImportCycle`]); schemas that
//! import each other are legal XML Schema and are simply read once.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use typed_arena::Arena;

use super::error::{ErrorKind, Location, WsdlError};
use super::xml::{elements, expanded_name, is, schema_elements, Doc, WSDL_NS, XSD_NS};

/// The text of one document of the set.
#[derive(Debug)]
pub(crate) struct Source {
    /// The file name used in diagnostics.
    pub(crate) file: String,
    /// The path it was read from; `None` for text given directly.
    pub(crate) path: Option<PathBuf>,
    /// The whole text.
    pub(crate) text: String,
    /// For a schema read through `xs:include`: the including schema's target namespace, which
    /// a schema without `targetNamespace` takes on ("chameleon include").
    pub(crate) include_namespace: Option<String>,
}

/// Reads and parses `path` and every document it imports, the root first; `texts` keeps the
/// texts the documents borrow.
pub(crate) fn load_file<'a>(
    path: &Path,
    texts: &'a Arena<Source>,
) -> Result<Vec<Doc<'a>>, WsdlError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        WsdlError::new(
            ErrorKind::Io {
                path: file.clone(),
                message: e.to_string(),
            },
            Location::file_start(&file),
        )
    })?;
    let key = canonical(path);
    let mut loader = Loader::new(texts);
    loader.seen.insert(key.clone());
    loader.visit(
        Source {
            file,
            path: Some(path.to_path_buf()),
            text,
            include_namespace: None,
        },
        Some((path.to_path_buf(), key)),
        true,
    )?;
    Ok(loader.docs)
}

/// Parses a document given as text (kept in `texts`); any import with a location is an error.
pub(crate) fn load_str<'a>(
    text: &str,
    file: &str,
    texts: &'a Arena<Source>,
) -> Result<Vec<Doc<'a>>, WsdlError> {
    let mut loader = Loader::new(texts);
    loader.visit(
        Source {
            file: file.to_string(),
            path: None,
            text: text.to_string(),
            include_namespace: None,
        },
        None,
        true,
    )?;
    Ok(loader.docs)
}

/// The kind of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ImportKind {
    /// `wsdl:import`.
    Wsdl,
    /// `xs:import`.
    Schema,
    /// `xs:include`.
    Include,
}

/// An import found in a document, with what following it needs.
struct Import {
    kind: ImportKind,
    location: String,
    at: Location,
    /// The importing schema's target namespace (for `xs:include`).
    namespace: Option<String>,
}

struct Loader<'a> {
    /// Where the texts are kept while their documents borrow them.
    texts: &'a Arena<Source>,
    /// The documents parsed so far, in the order they were read.
    docs: Vec<Doc<'a>>,
    /// Canonical paths of the files read so far.
    seen: BTreeSet<PathBuf>,
    /// Canonical path and file name of each document being imported, outermost first.
    stack: Vec<(PathBuf, String)>,
}

impl<'a> Loader<'a> {
    fn new(texts: &'a Arena<Source>) -> Self {
        Loader {
            texts,
            docs: Vec::new(),
            seen: BTreeSet::new(),
            stack: Vec::new(),
        }
    }

    /// Adds `source` and then the documents it imports. `path` is the file it was read from,
    /// as named and canonical; `None` for text given directly, which may not import anything.
    fn visit(
        &mut self,
        source: Source,
        path: Option<(PathBuf, PathBuf)>,
        is_root: bool,
    ) -> Result<(), WsdlError> {
        let source: &'a Source = self.texts.alloc(source);
        let doc = Doc::parse(source)?;
        check_root(&doc, is_root)?;
        let imports = find_imports(&doc, source.include_namespace.as_deref());
        let file = source.file.clone();
        self.docs.push(doc);
        let Some((named, key)) = path else {
            return match imports.into_iter().next() {
                Some(import) => Err(WsdlError::new(
                    ErrorKind::ImportNeedsFileSystem {
                        location: import.location,
                    },
                    import.at,
                )),
                None => Ok(()),
            };
        };
        self.stack.push((key, file));
        let dir = named.parent().map(Path::to_path_buf).unwrap_or_default();
        for import in imports {
            self.follow(&dir, import)?;
        }
        self.stack.pop();
        Ok(())
    }

    /// Reads the document `import` names, relative to `dir`, unless it was read already.
    fn follow(&mut self, dir: &Path, import: Import) -> Result<(), WsdlError> {
        if import.location.contains("://") {
            return Err(WsdlError::new(
                ErrorKind::RemoteImport {
                    location: import.location,
                },
                import.at,
            ));
        }
        let named = lexically_normal(&dir.join(&import.location));
        let file = named.display().to_string();
        let io_error = |e: std::io::Error| {
            WsdlError::new(
                ErrorKind::Io {
                    path: file.clone(),
                    message: e.to_string(),
                },
                import.at.clone(),
            )
        };
        let key = std::fs::canonicalize(&named).map_err(io_error)?;
        if import.kind == ImportKind::Wsdl {
            if let Some(start) = self.stack.iter().position(|(k, _)| *k == key) {
                let mut chain: Vec<String> =
                    self.stack[start..].iter().map(|(_, f)| f.clone()).collect();
                chain.push(file);
                return Err(WsdlError::new(ErrorKind::ImportCycle { chain }, import.at));
            }
        }
        if !self.seen.insert(key.clone()) {
            return Ok(());
        }
        let text = std::fs::read_to_string(&named).map_err(io_error)?;
        let include_namespace = match import.kind {
            ImportKind::Include => import.namespace,
            ImportKind::Wsdl | ImportKind::Schema => None,
        };
        self.visit(
            Source {
                file,
                path: Some(named.clone()),
                text,
                include_namespace,
            },
            Some((named, key)),
            false,
        )
    }
}

/// The root document must be `wsdl:definitions`; an imported one may also be `xs:schema`.
fn check_root(doc: &Doc<'_>, is_root: bool) -> Result<(), WsdlError> {
    let root = doc.root();
    if is(root, WSDL_NS, "definitions") || (!is_root && is(root, XSD_NS, "schema")) {
        return Ok(());
    }
    Err(doc.error(
        root,
        ErrorKind::UnexpectedRoot {
            expected: if is_root {
                "a WSDL 1.1 `wsdl:definitions` element"
            } else {
                "a `wsdl:definitions` or `xs:schema` element"
            },
            found: expanded_name(root),
        },
    ))
}

/// The imports with a location in `doc`, in document order.
fn find_imports(doc: &Doc<'_>, include_namespace: Option<&str>) -> Vec<Import> {
    let mut imports = Vec::new();
    let root = doc.root();
    for node in elements(root).filter(|n| is(*n, WSDL_NS, "import")) {
        if let Some(location) = node.attribute("location") {
            imports.push(Import {
                kind: ImportKind::Wsdl,
                location: location.to_string(),
                at: doc.location(node),
                namespace: None,
            });
        }
    }
    for schema in schema_elements(doc) {
        let namespace = schema
            .attribute("targetNamespace")
            .or(include_namespace)
            .unwrap_or("");
        for node in elements(schema) {
            let kind = if is(node, XSD_NS, "import") {
                ImportKind::Schema
            } else if is(node, XSD_NS, "include") {
                ImportKind::Include
            } else {
                continue;
            };
            if let Some(location) = node.attribute("schemaLocation") {
                imports.push(Import {
                    kind,
                    location: location.to_string(),
                    at: doc.location(node),
                    namespace: Some(namespace.to_string()),
                });
            }
        }
    }
    imports
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `path` with `.` components dropped and each `..` applied to the component before it, for
/// readable file names in diagnostics (`a/b/../c.xsd` is `a/c.xsd`); a leading `..` stays.
fn lexically_normal(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut parts: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}
