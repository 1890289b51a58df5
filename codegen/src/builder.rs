//! The [`Builder`]: one configuration for `build.rs`, the CLI and tests.

use std::path::{Path, PathBuf};

use crate::model::SoapVersion;
use crate::rust::multi::{self, ModuleSet};
use crate::rust::{self, GenerateError, Options, GENERATED_MARK};
use crate::wsdl::{self, ParseOptions, Warning, WsdlError};

use crate::rust::multi::DeclarationKind;
use crate::wsdl::Location;

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
    /// Two WSDLs of one generation define the same qualified name differently.
    #[error("{0}")]
    Conflict(Box<Conflict>),
    /// `compile` was called without Cargo's `OUT_DIR`.
    #[error(
        "error: OUT_DIR is not set: `compile` is meant for build scripts; use `write_to` elsewhere"
    )]
    NoOutDir,
}

/// A qualified name two WSDLs of one generation define differently (documentation aside): a
/// type or element generated once must be the same for every service. `Display` renders it
/// like a compiler error naming both declarations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Type or element.
    pub kind: DeclarationKind,
    /// The qualified name.
    pub name: crate::model::QName,
    /// Its declaration in the earlier WSDL.
    pub first: Location,
    /// Its different declaration in the later WSDL.
    pub second: Location,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let width = self.first.line.max(self.second.line).to_string().len();
        let pad = " ".repeat(width);
        writeln!(
            f,
            "error: {} `{}` is defined differently by two WSDLs of the generation",
            self.kind, self.name
        )?;
        for (place, loc) in [
            ("first defined here", &self.first),
            ("and differently here", &self.second),
        ] {
            writeln!(f, "{pad}--> {loc} ({place})")?;
            if !loc.source_line.is_empty() {
                writeln!(f, "{pad} |")?;
                writeln!(f, "{:>width$} | {}", loc.line, loc.excerpt())?;
            }
            writeln!(f, "{pad} |")?;
        }
        write!(
            f,
            "{pad} = help: a {} several WSDLs declare is generated once and must have the same \
             definition in each (its documentation may differ); make the definitions agree, or \
             generate these WSDLs apart",
            self.kind
        )
    }
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
    /// For several WSDLs ([`Builder::wsdl`]): the modules one by one, to write as a directory
    /// ([`Generated::write_dir`]); [`Generated::code`] then holds them inline.
    pub modules: Option<ModuleSet>,
}

/// Generates Rust bindings from a WSDL file, in the spirit of `prost-build`.
///
/// One builder reads one WSDL (with everything it imports) and writes one module with a client,
/// a server trait and a server for one port. [`Builder::wsdl`] adds more WSDLs to the same
/// generation: a module per WSDL and a `shared` module with the types they share.
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
    /// The WSDLs generated together with the first, with their own port and names.
    more: Vec<(PathBuf, Options)>,
}

impl Builder {
    /// A builder for the WSDL at `wsdl` (relative paths are relative to the current directory,
    /// which in a build script is the package's root).
    pub fn new(wsdl: impl Into<PathBuf>) -> Self {
        let wsdl = wsdl.into();
        Builder {
            options: Options {
                source_name: file_name(&wsdl),
                ..Options::default()
            },
            wsdl,
            parse: ParseOptions::default(),
            more: Vec::new(),
        }
    }

    /// Adds the WSDL at `wsdl` to the generation: one module per WSDL (named after its file,
    /// `Person.wsdl` is `person`) with its client, server trait, server and the types only it
    /// uses, and a `shared` module with every type item several of them use (the same
    /// qualified name with the same definition, generated once), which the service modules
    /// re-export. From here on, the settings that choose a port, what of it to generate or
    /// name its items ([`service`](Builder::service), [`port`](Builder::port),
    /// [`soap_version`](Builder::soap_version), [`binding`](Builder::binding),
    /// [`operations`](Builder::operations), [`extra_types`](Builder::extra_types),
    /// [`client_name`](Builder::client_name), [`server_path`](Builder::server_path),
    /// [`module_doc`](Builder::module_doc)) apply to this WSDL; the others apply to all.
    ///
    /// ```no_run
    /// // build.rs, in `fn main()`:
    /// wsdl_codegen::Builder::new("wsdl/EMail.wsdl")
    ///     .client_name("EMailAgent")
    ///     .wsdl("wsdl/Person.wsdl")
    ///     .client_name("PersonAgent")
    ///     .compile("services.rs") // modules `shared`, `email` and `person`, inline
    ///     .unwrap_or_else(|e| panic!("{e}"));
    /// // src/lib.rs:
    /// // pub mod services { include!(concat!(env!("OUT_DIR"), "/services.rs")); }
    /// ```
    pub fn wsdl(mut self, wsdl: impl Into<PathBuf>) -> Self {
        let wsdl = wsdl.into();
        let options = Options {
            source_name: file_name(&wsdl),
            ..Options::default()
        };
        self.more.push((wsdl, options));
        self
    }

    /// The options of the WSDL added last, which the port, selection and naming settings
    /// apply to.
    fn last_options(&mut self) -> &mut Options {
        match self.more.last_mut() {
            Some((_, options)) => options,
            None => &mut self.options,
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
        self.last_options().service = Some(name.into());
        self
    }

    /// Binds this port (by `wsdl:port` name).
    pub fn port(mut self, name: impl Into<String>) -> Self {
        self.last_options().port = Some(name.into());
        self
    }

    /// Binds a port of this SOAP version (when a service offers both).
    pub fn soap_version(mut self, version: SoapVersion) -> Self {
        self.last_options().soap_version = Some(version);
        self
    }

    /// Binds this `wsdl:binding` (by name): a port of it, or the binding on its own when no
    /// service offers it (its client then takes the URL from the caller). A WSDL without
    /// services and a single SOAP binding needs no choice.
    pub fn binding(mut self, name: impl Into<String>) -> Self {
        self.last_options().binding = Some(name.into());
        self
    }

    /// With `true`, generates every SOAP binding of this WSDL that the service, port, binding
    /// and SOAP version settings allow, instead of one: a module per binding, named after it
    /// (`KeystoreBinding` is `keystore_binding`), each with its client, server trait and server,
    /// and the types they share once in a `shared` module, as for several WSDLs
    /// ([`Builder::wsdl`]). A binding that a port offers is bound through its first such port
    /// (whose address is the client's default); one that no port offers, on its own. This is
    /// what a WSDL of several port types (ONVIF's, a WCF service with several contracts)
    /// needs, where one binding at a time would generate the shared types once per binding.
    pub fn every_binding(mut self, enabled: bool) -> Self {
        self.last_options().every_binding = enabled;
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
        self.last_options().client_name = Some(name.into());
        self
    }

    /// The HTTP path the generated server answers at (default: the port address's path, without
    /// its query or fragment; `/` for a port without an address).
    pub fn server_path(mut self, path: impl Into<String>) -> Self {
        self.last_options().server_path = Some(path.into());
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
        self.last_options().module_doc = Some(text.into());
        self
    }

    /// How imported documents are found (schema directory, unresolved references allowed).
    pub fn parse_options(&self) -> &ParseOptions {
        &self.parse
    }

    /// The parse options for a WSDL generated with `options`: its operation selection too, so
    /// that an unreadable operation outside it does not stop the others.
    fn parse_options_for(&self, options: &Options) -> ParseOptions {
        ParseOptions {
            operations: options.operations.clone(),
            ..self.parse.clone()
        }
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
    /// Without it (or with no names), every operation is generated. With several WSDLs, it
    /// selects from the one added last (see [`Builder::wsdl`]).
    pub fn operations<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.last_options().operations = names.into_iter().map(Into::into).collect();
        self
    }

    /// Also generates these named schema types and the types they reach: the types of values
    /// that arrive where the schema declares `xs:anyType` (vSphere's property values, read
    /// with `AnyValue::decode`), which no operation's fields name and so neither a selection
    /// nor the whole contract generates. A name is a type's local name, or `{namespace}local`
    /// where several namespaces define it; `"*"` names every type of the schema. An unknown
    /// name is an error listing near matches. With several WSDLs, the types are the schema's
    /// of the WSDL added last (see [`Builder::wsdl`]).
    pub fn extra_types<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.last_options().extra_types = names.into_iter().map(Into::into).collect();
        self
    }

    /// The (first) WSDL's path.
    pub fn wsdl_path(&self) -> &Path {
        &self.wsdl
    }

    /// Every WSDL of the generation, the first first.
    pub fn wsdl_paths(&self) -> Vec<&Path> {
        std::iter::once(self.wsdl.as_path())
            .chain(self.more.iter().map(|(path, _)| path.as_path()))
            .collect()
    }

    /// Generates the module's source text.
    pub fn generate(&self) -> Result<String, Error> {
        self.output().map(|generated| generated.code)
    }

    /// Generates the module's source text and lists the files it was generated from.
    pub fn output(&self) -> Result<Generated, Error> {
        if !self.more.is_empty() || self.options.every_binding {
            return self.output_several();
        }
        let parsed = wsdl::parse_file_with(&self.wsdl, &self.parse_options_for(&self.options))?;
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
            modules: None,
        })
    }

    /// The generation of several services: each WSDL parsed on its own and the models
    /// compared, then a module per WSDL, or per binding of a WSDL generated with
    /// [`every_binding`](Builder::every_binding).
    fn output_several(&self) -> Result<Generated, Error> {
        let mut wsdls: Vec<(&Path, Options)> = vec![(self.wsdl.as_path(), self.options.clone())];
        for (path, options) in &self.more {
            // The settings that are not about the port or names are the first WSDL's.
            let options = Options {
                secret_words: self.options.secret_words.clone(),
                serde: self.options.serde,
                addressing: self.options.addressing,
                mtom: self.options.mtom,
                ..options.clone()
            };
            wsdls.push((path.as_path(), options));
        }
        let mut parsed = Vec::new();
        for (path, options) in &wsdls {
            parsed.push(wsdl::parse_file_with(
                path,
                &self.parse_options_for(options),
            )?);
        }
        let models: Vec<&crate::model::Definitions> =
            parsed.iter().map(|p| &p.definitions).collect();
        if let Some(difference) = multi::first_difference(&models) {
            return Err(conflict(&difference, &wsdls, &parsed));
        }
        // The services: (the index of their WSDL, how to bind it, what names its module).
        let mut services: Vec<(usize, Options, String)> = Vec::new();
        for (index, ((path, options), one)) in wsdls.iter().zip(&parsed).enumerate() {
            if options.every_binding {
                let bound =
                    rust::service::every_binding(&one.definitions, options).map_err(|source| {
                        Error::Generate {
                            path: path.to_path_buf(),
                            source,
                        }
                    })?;
                services.extend(bound.into_iter().map(|b| (index, b.options, b.binding)));
            } else {
                let stem = path
                    .file_stem()
                    .map(|stem| stem.to_string_lossy().into_owned())
                    .unwrap_or_default();
                services.push((index, options.clone(), stem));
            }
        }
        let stems: Vec<String> = services.iter().map(|(_, _, stem)| stem.clone()).collect();
        let modules = multi::module_names(&stems);
        let inputs: Vec<multi::Input<'_>> = services
            .iter()
            .zip(&modules)
            .map(|((index, options, _), module)| multi::Input {
                defs: &parsed[*index].definitions,
                options,
                module,
            })
            .collect();
        let set = multi::generate(&inputs).map_err(|(service, source)| Error::Generate {
            path: wsdls[services[service].0].0.to_path_buf(),
            source,
        })?;
        let mut files: Vec<PathBuf> = Vec::new();
        let mut warnings = Vec::new();
        for one in parsed {
            for input in one.inputs {
                if !files.contains(&input) {
                    files.push(input);
                }
            }
            warnings.extend(one.warnings);
        }
        Ok(Generated {
            code: set.inline(),
            inputs: files,
            warnings,
            modules: Some(set),
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
        // Watch the WSDLs even when they do not parse, so that fixing them triggers a rebuild.
        let wsdls = self.wsdl_paths();
        for wsdl in &wsdls {
            println!("cargo:rerun-if-changed={}", wsdl.display());
        }
        let generated = self.output()?;
        for input in &generated.inputs {
            if !wsdls.contains(&input.as_path()) {
                println!("cargo:rerun-if-changed={}", input.display());
            }
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

    /// The files of a generation of several WSDLs, relative to its directory: `mod.rs` (the
    /// root module), then `<module>.rs` for the shared module and each service; for one WSDL,
    /// none.
    pub fn files(&self) -> Vec<(PathBuf, &str)> {
        let Some(set) = &self.modules else {
            return Vec::new();
        };
        std::iter::once((PathBuf::from("mod.rs"), set.root.as_str()))
            .chain(
                set.modules
                    .iter()
                    .map(|m| (PathBuf::from(format!("{}.rs", m.name)), m.code.as_str())),
            )
            .collect()
    }

    /// Writes [`Generated::files`] into `dir` (created when missing), each unless it holds
    /// exactly that already, and removes the [`Generated::leftover_files`]; true when anything
    /// was written or removed.
    pub fn write_dir(&self, dir: &Path) -> Result<bool, Error> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut written = false;
        for (file, code) in self.files() {
            written |= write_if_changed(&dir.join(file), code)?;
        }
        for leftover in self.leftover_files(dir) {
            std::fs::remove_file(&leftover).map_err(|source| Error::Io {
                path: leftover.clone(),
                source,
            })?;
            written = true;
        }
        Ok(written)
    }

    /// The `.rs` files in `dir` that an earlier generation wrote (they begin with the header
    /// wsdl-codegen writes) and this one does not: the modules of WSDLs since left out of the
    /// set. Files without that header are the user's and never listed.
    pub fn leftover_files(&self, dir: &Path) -> Vec<PathBuf> {
        let files = self.files();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut leftovers: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
            .filter(|path| {
                path.file_name()
                    .is_some_and(|name| !files.iter().any(|(file, _)| file.as_os_str() == name))
            })
            .filter(|path| begins_with_generated_header(path))
            .collect();
        leftovers.sort();
        leftovers
    }
}

/// Whether the file at `path` begins with the header comment of a file wsdl-codegen wrote
/// (reading no more than that header).
fn begins_with_generated_header(path: &Path) -> bool {
    use std::io::Read;
    let mut start = [0u8; GENERATED_MARK.len()];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut start))
        .is_ok_and(|()| start == GENERATED_MARK.as_bytes())
}

/// The file name of `path`, for the header comment of the output.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The located error for `difference` between the WSDLs `wsdls`, parsed as `parsed`.
fn conflict(
    difference: &multi::Difference,
    wsdls: &[(&Path, Options)],
    parsed: &[wsdl::Parsed],
) -> Error {
    let locate = |index: usize| {
        let declarations = &parsed[index].declarations;
        let map = match difference.kind {
            DeclarationKind::Type => &declarations.types,
            DeclarationKind::Element => &declarations.elements,
        };
        map.get(&difference.name)
            .cloned()
            .unwrap_or_else(|| Location {
                file: wsdls[index].0.display().to_string(),
                line: 1,
                column: 1,
                source_line: String::new(),
            })
    };
    Error::Conflict(Box::new(Conflict {
        kind: difference.kind,
        name: difference.name.clone(),
        first: locate(difference.first),
        second: locate(difference.second),
    }))
}

/// True when the file at `path` holds exactly `expected`: its length first, then its bytes a
/// block at a time (the file is never read whole). A file that cannot be read holds nothing.
fn holds_exactly(path: &Path, expected: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    if file
        .metadata()
        .map_or(true, |meta| meta.len() != expected.len() as u64)
    {
        return false;
    }
    let mut block = [0u8; 64 * 1024];
    let mut rest = expected;
    loop {
        match file.read(&mut block) {
            Ok(0) => return rest.is_empty(),
            Ok(read) => match rest.strip_prefix(&block[..read]) {
                Some(after) => rest = after,
                None => return false,
            },
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// Writes `code` to `path` unless the file holds exactly that already; true when written.
fn write_if_changed(path: &Path, code: &str) -> Result<bool, Error> {
    if holds_exactly(path, code.as_bytes()) {
        return Ok(false);
    }
    std::fs::write(path, code).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::holds_exactly;

    #[test]
    fn a_file_holds_exactly_its_bytes_and_nothing_else() {
        let scratch = tempfile::tempdir().expect("a scratch directory");
        let dir = scratch.path();
        let path = dir.join("out.rs");
        // Longer than one block of the comparison, differing only in its last byte.
        let text: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        std::fs::write(&path, &text).expect("write");
        assert!(holds_exactly(&path, &text));
        let mut changed = text.clone();
        if let Some(last) = changed.last_mut() {
            *last = b'!';
        }
        assert!(!holds_exactly(&path, &changed));
        assert!(!holds_exactly(&path, &text[..text.len() - 1]));
        assert!(!holds_exactly(&dir.join("absent.rs"), b""));
    }
}
