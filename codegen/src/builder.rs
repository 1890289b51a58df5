//! The [`Builder`]: one configuration for `build.rs`, the CLI and tests.

use std::path::{Path, PathBuf};

use crate::model::SoapVersion;
use crate::rust::{self, GenerateError, Options};
use crate::wsdl::{self, ParseOptions, Warning, WsdlError};

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The WSDL could not be read or is invalid (the message names file, line and column).
    #[error(transparent)]
    Wsdl(#[from] WsdlError),
    /// The WSDL is valid but code cannot be generated for it.
    #[error("error: {source}\n  --> {}\n  = help: {}", path.display(), source.help())]
    Generate {
        /// The WSDL.
        path: PathBuf,
        /// Why.
        source: GenerateError,
    },
    /// Reading or writing a file failed.
    #[error("error: cannot write {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `compile` was called without Cargo's `OUT_DIR`.
    #[error(
        "error: OUT_DIR is not set: `compile` is meant for build scripts; use `write_to` elsewhere"
    )]
    NoOutDir,
}

/// Generated code and the files it was generated from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The formatted Rust module.
    pub code: String,
    /// Every file read: the WSDL first, then each imported or included document.
    pub inputs: Vec<PathBuf>,
    /// What generation went on despite (missing documents, references read as `xs:anyType`);
    /// empty unless [`Builder::allow_unresolved`] is set. [`Builder::compile`] prints them as
    /// `cargo:warning=`.
    pub warnings: Vec<Warning>,
}

/// Generates Rust bindings from a WSDL file, in the spirit of `prost-build`.
///
/// One builder reads one WSDL (with everything it imports) and writes one module with a client,
/// a server trait and a server for one port. For several WSDLs, use one builder each.
///
/// ```no_run
/// // build.rs, in `fn main()`:
/// wsdl_codegen::Builder::new("wsdl/Orders.wsdl")
///     .soap_version(wsdl_codegen::model::SoapVersion::Soap12)
///     .compile("orders.rs")
///     .unwrap_or_else(|e| panic!("{e}"));
/// // src/lib.rs:
/// // pub mod orders { include!(concat!(env!("OUT_DIR"), "/orders.rs")); }
/// ```
#[derive(Debug, Clone)]
pub struct Builder {
    wsdl: PathBuf,
    options: Options,
    parse: ParseOptions,
}

impl Builder {
    /// A builder for the WSDL at `wsdl` (relative paths are relative to the current directory,
    /// which in a build script is the package's root).
    pub fn new(wsdl: impl Into<PathBuf>) -> Self {
        let wsdl = wsdl.into();
        let source_name = wsdl
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Builder {
            wsdl,
            options: Options {
                source_name,
                ..Options::default()
            },
            parse: ParseOptions::default(),
        }
    }

    /// The configuration of the checked-in SuperOffice Services82 EMail bindings
    /// (`generated/src/email.rs`), for the EMail WSDL at `wsdl`.
    pub fn services82_email(wsdl: impl Into<PathBuf>) -> Self {
        Builder::new(wsdl)
            .client_name("EMailAgent")
            .server_path("/Remote/Services82/EMail.svc")
            .serde(true)
    }

    /// Binds a port of this service only (when the WSDL has several services).
    pub fn service(mut self, name: impl Into<String>) -> Self {
        self.options.service = Some(name.into());
        self
    }

    /// Binds this port (by `wsdl:port` name).
    pub fn port(mut self, name: impl Into<String>) -> Self {
        self.options.port = Some(name.into());
        self
    }

    /// Binds a port of this SOAP version (when a service offers both).
    pub fn soap_version(mut self, version: SoapVersion) -> Self {
        self.options.soap_version = Some(version);
        self
    }

    /// Binds this `wsdl:binding` (by name): a port of it, or the binding on its own when no
    /// service offers it (its client then takes the URL from the caller). A WSDL without
    /// services and a single SOAP binding needs no choice.
    pub fn binding(mut self, name: impl Into<String>) -> Self {
        self.options.binding = Some(name.into());
        self
    }

    /// Looks for documents imported by URL (or by a namespace without a location) in `dir`:
    /// through the lines `LOCATION FILE` of `dir/catalog.txt` (`#` starts a comment; FILE is
    /// relative to `dir`), else by the URL's last path segment (`http://x/a/common.xsd` is
    /// `dir/common.xsd`). A relative `dir` is relative to the current directory (in a build
    /// script, the package's root). Well-known namespaces (XML, SOAP encoding, SOAP
    /// envelopes, xmime, xop, WS-Addressing) need no copy.
    pub fn schema_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.parse.schema_dir = Some(dir.into());
        self
    }

    /// With `true`, a document that cannot be found does not stop generation: every reference
    /// into it is read as `xs:anyType` (a raw XML value), and [`Generated::warnings`] holds one
    /// warning per missing document.
    pub fn allow_unresolved(mut self, allow: bool) -> Self {
        self.parse.allow_unresolved = allow;
        self
    }

    /// Names the client struct (default `<PortType>Client`).
    pub fn client_name(mut self, name: impl Into<String>) -> Self {
        self.options.client_name = Some(name.into());
        self
    }

    /// The HTTP path the generated server answers at (default: the port address's path, `/`
    /// for a port without an address).
    pub fn server_path(mut self, path: impl Into<String>) -> Self {
        self.options.server_path = Some(path.into());
        self
    }

    /// Treats fields whose name contains `word` as secrets (besides password, ticket, token, secret).
    pub fn secret_word(mut self, word: impl Into<String>) -> Self {
        self.options.secret_words.push(word.into());
        self
    }

    /// Emits `serde` `Serialize`/`Deserialize` derives (wire names, bytes as base64) behind a
    /// `serde` feature of the crate that includes the output; that feature must enable
    /// `soap-runtime/serde`.
    pub fn serde(mut self, enabled: bool) -> Self {
        self.options.serde = enabled;
        self
    }

    /// Starts the output with `text` as inner documentation (`//!` lines). Only for output used
    /// as a module file (`mod orders;`): `include!` does not accept inner documentation, so there
    /// document the `mod` that includes the file instead.
    pub fn module_doc(mut self, text: impl Into<String>) -> Self {
        self.options.module_doc = Some(text.into());
        self
    }

    /// How imported documents are found (schema directory, unresolved references allowed).
    pub fn parse_options(&self) -> &ParseOptions {
        &self.parse
    }

    /// Speaks WS-Addressing `version` (with the headers required of requests) whatever the
    /// WSDL declares; without it, WS-Addressing is on when the binding or port declares it
    /// (`wsaw:UsingAddressing`, `wsam:Addressing`, or a WS-Policy assertion).
    pub fn addressing(mut self, version: crate::model::AddressingVersion) -> Self {
        self.options.addressing = Some(version);
        self
    }

    /// Speaks MTOM whatever the WSDL says; without it, MTOM is on when the binding's or port's
    /// policy asks for it (`wsoma:OptimizedMimeSerialization`).
    pub fn mtom(mut self, enabled: bool) -> Self {
        self.options.mtom = enabled;
        self
    }

    /// Generates only the operations named (by their WSDL names) and the types they reach:
    /// through fields, base types, the types derived from a reached type (which may arrive
    /// named by `xsi:type`), substitution groups, faults and headers; the client, server trait
    /// and server likewise. A name the binding does not have is an error listing near matches.
    /// Without it (or with no names), every operation is generated.
    pub fn operations<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options.operations = names.into_iter().map(Into::into).collect();
        self
    }

    /// The WSDL path.
    pub fn wsdl(&self) -> &Path {
        &self.wsdl
    }

    /// Generates the module's source text.
    pub fn generate(&self) -> Result<String, Error> {
        self.output().map(|generated| generated.code)
    }

    /// Generates the module's source text and lists the files it was generated from.
    pub fn output(&self) -> Result<Generated, Error> {
        let parsed = wsdl::parse_file_with(&self.wsdl, &self.parse)?;
        let code = rust::generate(&parsed.definitions, &self.options).map_err(|source| {
            Error::Generate {
                path: self.wsdl.clone(),
                source,
            }
        })?;
        Ok(Generated {
            code,
            inputs: parsed.inputs,
            warnings: parsed.warnings,
        })
    }

    /// Writes the module to `path` unless it already holds exactly that; returns true when written.
    pub fn write_to(&self, path: &Path) -> Result<bool, Error> {
        self.output()?.write_to(path)
    }

    /// For `build.rs`: writes `OUT_DIR/<file_name>` (only when its content changes, so that
    /// dependants are not rebuilt needlessly) and prints `cargo:rerun-if-changed` for the WSDL
    /// and every document it imports. Returns the path written.
    pub fn compile(&self, file_name: &str) -> Result<PathBuf, Error> {
        let out_dir = std::env::var_os("OUT_DIR").ok_or(Error::NoOutDir)?;
        // Watch the WSDL even when it does not parse, so that fixing it triggers a rebuild.
        println!("cargo:rerun-if-changed={}", self.wsdl.display());
        let generated = self.output()?;
        for input in generated.inputs.iter().skip(1) {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        if let Some(dir) = &self.parse.schema_dir {
            // Files added to the directory, and the catalog; the files read are inputs above.
            println!("cargo:rerun-if-changed={}", dir.display());
            let catalog = dir.join(crate::wsdl::catalog::CATALOG_FILE);
            println!("cargo:rerun-if-changed={}", catalog.display());
        }
        for warning in &generated.warnings {
            println!("cargo:warning={}", warning.one_line());
        }
        let out = PathBuf::from(out_dir).join(file_name);
        write_if_changed(&out, &generated.code)?;
        Ok(out)
    }
}

impl Generated {
    /// Writes the code to `path` unless the file holds exactly that already; true when written.
    pub fn write_to(&self, path: &Path) -> Result<bool, Error> {
        write_if_changed(path, &self.code)
    }
}

/// Writes `code` to `path` unless the file holds exactly that already; true when written.
fn write_if_changed(path: &Path, code: &str) -> Result<bool, Error> {
    if std::fs::read_to_string(path).is_ok_and(|current| current == code) {
        return Ok(false);
    }
    std::fs::write(path, code).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(true)
}
