//! The [`Builder`]: one configuration for `build.rs`, the CLI and tests.

use std::path::{Path, PathBuf};

use crate::model::SoapVersion;
use crate::rust::{self, GenerateError, Options};
use crate::wsdl::{self, WsdlError};

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The WSDL could not be read or is invalid.
    #[error(transparent)]
    Wsdl(#[from] WsdlError),
    /// The WSDL is valid but code cannot be generated for it.
    #[error("{path}: {source}")]
    Generate {
        /// The WSDL.
        path: PathBuf,
        /// Why.
        source: GenerateError,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `build.rs` use without Cargo's `OUT_DIR`.
    #[error("OUT_DIR is not set: `compile` is meant for build scripts; use `write_to` elsewhere")]
    NoOutDir,
}

/// Generates Rust bindings from a WSDL file, in the spirit of `prost-build`.
///
/// ```no_run
/// // build.rs
/// wsdl_codegen::Builder::new("wsdl/services82/EMail.wsdl")
///     .client_name("EMailAgent")
///     .compile("email.rs")
///     .expect("generate EMail bindings");
/// ```
#[derive(Debug, Clone)]
pub struct Builder {
    wsdl: PathBuf,
    options: Options,
}

impl Builder {
    /// A builder for the WSDL at `wsdl`.
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
        }
    }

    /// Binds the port of this service only.
    pub fn service(mut self, name: impl Into<String>) -> Self {
        self.options.service = Some(name.into());
        self
    }

    /// Binds this port.
    pub fn port(mut self, name: impl Into<String>) -> Self {
        self.options.port = Some(name.into());
        self
    }

    /// Binds a port of this SOAP version.
    pub fn soap_version(mut self, version: SoapVersion) -> Self {
        self.options.soap_version = Some(version);
        self
    }

    /// Names the client struct (default `<PortType>Client`).
    pub fn client_name(mut self, name: impl Into<String>) -> Self {
        self.options.client_name = Some(name.into());
        self
    }

    /// The HTTP path the generated server answers at (default: the port address's path).
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

    /// The WSDL path.
    pub fn wsdl(&self) -> &Path {
        &self.wsdl
    }

    /// Generates the module's source text.
    pub fn generate(&self) -> Result<String, Error> {
        let defs = wsdl::parse_file(&self.wsdl)?;
        rust::generate(&defs, &self.options).map_err(|source| Error::Generate {
            path: self.wsdl.clone(),
            source,
        })
    }

    /// Writes the module to `path` unless it already holds exactly that; returns true when written.
    pub fn write_to(&self, path: &Path) -> Result<bool, Error> {
        let code = self.generate()?;
        if std::fs::read_to_string(path).is_ok_and(|current| current == code) {
            return Ok(false);
        }
        std::fs::write(path, code).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(true)
    }

    /// For `build.rs`: writes `OUT_DIR/<file_name>` (only when changed) and tells Cargo to rerun
    /// when the WSDL changes.
    pub fn compile(&self, file_name: &str) -> Result<PathBuf, Error> {
        let out_dir = std::env::var_os("OUT_DIR").ok_or(Error::NoOutDir)?;
        println!("cargo:rerun-if-changed={}", self.wsdl.display());
        let out = PathBuf::from(out_dir).join(file_name);
        self.write_to(&out)?;
        Ok(out)
    }
}
