//! The WSDL 1.1 reader: WSDL text (with embedded and imported XML Schema) into
//! [`Definitions`].
//!
//! The steps, one module each:
//! - `loader`: reads the root document and follows `wsdl:import`, `xs:import` and `xs:include`
//!   (relative to the importing file, in the schema directory, or a well-known namespace), each
//!   document once;
//! - `well_known`: our own schemas for the well-known namespaces (XML, SOAP encoding, SOAP
//!   envelopes, xmime, xop, WS-Addressing), read without a network;
//! - [`catalog`]: the schema directory (`--schema-dir`) and its `catalog.txt`;
//! - `dtd`: a document's `<!DOCTYPE …>`, read without expanding the entities it declares;
//! - `xml`: namespace constants, QName resolution, attribute helpers, error locations;
//! - `schema`: indexes and converts the schemas' global types and elements;
//! - `definitions`: messages, port types and services, and the whole [`Definitions`];
//! - `binding`: SOAP 1.1/1.2 document/literal bindings;
//! - `policy`: WS-Addressing and MTOM declared by bindings and ports (WS-Policy);
//! - `docs`: the `wsdl:documentation` and `xs:documentation` of components, as plain text;
//! - `error`: [`WsdlError`], located at file, line and column;
//! - `lines`: where each line of a document starts, to locate nodes cheaply.
//!
//! Only SOAP bindings are read: non-SOAP bindings (HTTP GET/POST, MIME) and their ports are
//! left out of the model without an error, which is standard practice for SOAP tools.
//!
//! The parser never panics on bad input; every problem is a [`WsdlError`] pointing at the
//! element responsible. A DOCTYPE is read, but none of the entities it declares is expanded
//! (`dtd`).

mod binding;
pub mod catalog;
mod definitions;
mod docs;
pub(crate) mod dtd;
mod error;
pub(crate) mod instructions;
mod lines;
mod loader;
mod mime;
mod policy;
mod schema;
pub(crate) mod well_known;
mod xml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use catalog::SchemaDir;
pub use error::{Elsewhere, ErrorKind, Location, Warning, WsdlError};

use typed_arena::Arena;

use crate::model::{Definitions, QName};

/// How the reader finds imported documents and what it does when one is missing.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// A directory of local copies of documents imported by URL (see [`catalog`]).
    pub schema_dir: Option<PathBuf>,
    /// Generate anyway when a document is missing: references that cannot be resolved are read
    /// as `xs:anyType`, with a [`Warning`] per missing document.
    pub allow_unresolved: bool,
    /// The operations to be generated (by their WSDL names); all when empty. With a selection,
    /// an operation outside it that cannot be read (its port type operation or binding names a
    /// message no document declares) is left out with a [`Warning`] instead of stopping the
    /// others, as zeep leaves it out.
    pub operations: Vec<String>,
}

/// A parsed WSDL, the files it was read from and what the reader warns about.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The model.
    pub definitions: Definitions,
    /// Every file read: the WSDL first, then each imported or included document once.
    pub inputs: Vec<PathBuf>,
    /// Missing documents and unresolved references (only with `allow_unresolved`), ports
    /// left out because they name a binding no document declares, and operations outside
    /// [`ParseOptions::operations`] left out because they cannot be read.
    pub warnings: Vec<Warning>,
    /// Where each global type and element of the model is declared (for diagnostics that
    /// compare several WSDLs).
    pub declarations: Declarations,
}

/// Where the global types and elements of a parsed WSDL are declared: the start tag of each
/// `xs:complexType`, `xs:simpleType` and `xs:element`.
#[derive(Debug, Clone, Default)]
pub struct Declarations {
    /// Named types by qualified name.
    pub types: BTreeMap<QName, Location>,
    /// Global elements by qualified name.
    pub elements: BTreeMap<QName, Location>,
}

/// Reads the WSDL document at `path`, following its imports (relative to the importing file).
///
/// # Errors
///
/// A [`WsdlError`] for the first problem found: a file that cannot be read or found, malformed
/// XML, an unresolved or duplicate name, an unsupported construct.
pub fn parse_file(path: &Path) -> Result<Definitions, WsdlError> {
    parse_file_with(path, &ParseOptions::default()).map(|parsed| parsed.definitions)
}

/// Like [`parse_file`], also returning every file that was read: `path` first, then each
/// imported or included document once (what a build script should watch for changes).
///
/// # Errors
///
/// As for [`parse_file`].
pub fn parse_file_with_inputs(path: &Path) -> Result<(Definitions, Vec<PathBuf>), WsdlError> {
    parse_file_with(path, &ParseOptions::default()).map(|p| (p.definitions, p.inputs))
}

/// Reads the WSDL document at `path` with `options`.
///
/// # Errors
///
/// As for [`parse_file`]; also an unreadable schema directory or a malformed line of its
/// catalog.
pub fn parse_file_with(path: &Path, options: &ParseOptions) -> Result<Parsed, WsdlError> {
    let schema_dir = open_schema_dir(options)?;
    let texts = Arena::new();
    let loaded = loader::load_file(path, &texts, load_options(options, schema_dir.as_ref()))?;
    let inputs = loaded
        .docs
        .iter()
        .filter_map(|d| d.source.path.clone())
        .collect();
    let (definitions, warnings, declarations) = build(loaded, options)?;
    Ok(Parsed {
        definitions,
        inputs,
        warnings,
        declarations,
    })
}

/// Reads a WSDL document given as text; `file` names it in diagnostics. Without a file system,
/// an import by relative location (`wsdl:import/@location`, `xs:import/@schemaLocation`,
/// `xs:include/@schemaLocation`) is an error; imports of well-known namespaces and of a
/// namespace declared by another embedded schema are fine.
///
/// # Errors
///
/// A [`WsdlError`] for the first problem found, as for [`parse_file`].
pub fn parse_str(text: &str, file: &str) -> Result<Definitions, WsdlError> {
    parse_str_with(text, file, &ParseOptions::default()).map(|parsed| parsed.definitions)
}

/// Like [`parse_str`], with `options` (a schema directory resolves imports by URL).
///
/// # Errors
///
/// As for [`parse_file_with`].
pub fn parse_str_with(text: &str, file: &str, options: &ParseOptions) -> Result<Parsed, WsdlError> {
    let schema_dir = open_schema_dir(options)?;
    let texts = Arena::new();
    let loaded = loader::load_str(
        text,
        file,
        &texts,
        load_options(options, schema_dir.as_ref()),
    )?;
    let inputs = loaded
        .docs
        .iter()
        .filter_map(|d| d.source.path.clone())
        .collect();
    let (definitions, warnings, declarations) = build(loaded, options)?;
    Ok(Parsed {
        definitions,
        inputs,
        warnings,
        declarations,
    })
}

fn open_schema_dir(options: &ParseOptions) -> Result<Option<SchemaDir>, WsdlError> {
    options
        .schema_dir
        .as_deref()
        .map(SchemaDir::open)
        .transpose()
}

fn load_options<'o>(
    options: &ParseOptions,
    schema_dir: Option<&'o SchemaDir>,
) -> loader::LoadOptions<'o> {
    loader::LoadOptions {
        schema_dir,
        allow_unresolved: options.allow_unresolved,
    }
}

/// Reads the schemas of the loaded documents, then the WSDL definitions; returns them with the
/// loader's warnings and, for references read as `xs:anyType` that no missing document
/// explains, one warning per namespace, and where the global declarations are.
fn build(
    loaded: loader::Loaded<'_>,
    options: &ParseOptions,
) -> Result<(Definitions, Vec<Warning>, Declarations), WsdlError> {
    let docs = &loaded.docs;
    let index = schema::SchemaIndex::build(docs, options.allow_unresolved)?;
    let schema = index.to_model()?;
    let declarations = index.declarations();
    let (definitions, port_warnings) =
        definitions::read(docs, &index, schema, &options.operations)?;
    let mut warnings = loaded.warnings;
    warnings.extend(index.take_warnings());
    warnings.extend(port_warnings);
    let mut unexplained: BTreeMap<String, Vec<schema::Unresolved>> = BTreeMap::new();
    for unresolved in index.take_unresolved() {
        if !loaded
            .missing_namespaces
            .contains(&unresolved.name.namespace)
        {
            unexplained
                .entry(unresolved.name.namespace.clone())
                .or_default()
                .push(unresolved);
        }
    }
    for (namespace, references) in unexplained {
        let Some(first) = references.first() else {
            continue;
        };
        let shown = if namespace.is_empty() {
            "no namespace".to_string()
        } else {
            format!("namespace `{namespace}`")
        };
        warnings.push(Warning {
            message: format!(
                "unresolved {} reference `{}` ({} unresolved reference{} in {shown})",
                first.what,
                first.name.local,
                references.len(),
                if references.len() == 1 { "" } else { "s" }
            ),
            location: first.at.clone(),
            note: "read as xs:anyType (an attribute as xs:anySimpleType, a group as nothing); \
                   no document of the set declares it"
                .into(),
        });
    }
    Ok((definitions, warnings, declarations))
}
