//! The WSDL 1.1 reader: WSDL text (with embedded and imported XML Schema) into
//! [`Definitions`].
//!
//! The steps, one module each:
//! - `loader`: reads the root document and follows `wsdl:import`, `xs:import` and `xs:include`
//!   locations (relative to the importing file);
//! - `xml`: namespace constants, QName resolution, attribute helpers, error locations;
//! - `schema`: indexes and converts the schemas' global types and elements;
//! - `definitions`: messages, port types and services, and the whole [`Definitions`];
//! - `binding`: SOAP 1.1/1.2 document/literal bindings;
//! - `docs`: the `wsdl:documentation` and `xs:documentation` of components, as plain text;
//! - `error`: [`WsdlError`], located at file, line and column.
//!
//! Only SOAP bindings are read: non-SOAP bindings (HTTP GET/POST, MIME) and their ports are
//! left out of the model without an error, which is standard practice for SOAP tools.
//!
//! The parser never panics on bad input; every problem is a [`WsdlError`] pointing at the
//! element responsible. DTDs are refused.

mod binding;
mod definitions;
mod docs;
mod error;
mod loader;
mod schema;
mod xml;

use std::path::{Path, PathBuf};

pub use error::{ErrorKind, Location, WsdlError};

use typed_arena::Arena;

use crate::model::Definitions;

/// Reads the WSDL document at `path`, following its imports (relative to the importing file).
///
/// # Errors
///
/// A [`WsdlError`] for the first problem found: a file that cannot be read, malformed XML, an
/// unresolved or duplicate name, an unsupported construct, an import cycle.
pub fn parse_file(path: &Path) -> Result<Definitions, WsdlError> {
    parse_file_with_inputs(path).map(|(defs, _)| defs)
}

/// Like [`parse_file`], also returning every file that was read: `path` first, then each
/// imported or included document once (what a build script should watch for changes).
///
/// # Errors
///
/// As for [`parse_file`].
pub fn parse_file_with_inputs(path: &Path) -> Result<(Definitions, Vec<PathBuf>), WsdlError> {
    let texts = Arena::new();
    let docs = loader::load_file(path, &texts)?;
    let inputs = docs.iter().filter_map(|d| d.source.path.clone()).collect();
    Ok((build(&docs)?, inputs))
}

/// Reads a WSDL document given as text; `file` names it in diagnostics. Without a file system,
/// an import that names a location (`wsdl:import/@location`, `xs:import/@schemaLocation`,
/// `xs:include/@schemaLocation`) is an error; `xs:import` of a namespace declared by another
/// embedded schema is fine.
///
/// # Errors
///
/// A [`WsdlError`] for the first problem found, as for [`parse_file`].
pub fn parse_str(text: &str, file: &str) -> Result<Definitions, WsdlError> {
    let texts = Arena::new();
    build(&loader::load_str(text, file, &texts)?)
}

/// Reads the schemas of the parsed documents, then the WSDL definitions.
fn build(docs: &[xml::Doc<'_>]) -> Result<Definitions, WsdlError> {
    let index = schema::SchemaIndex::build(docs)?;
    let schema = index.to_model()?;
    definitions::read(docs, &index, schema)
}
