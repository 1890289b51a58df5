//! `wsdl-codegen`: generate Rust SOAP bindings from a WSDL, check them, or inspect a WSDL.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use wsdl_codegen::model::SoapVersion;
use wsdl_codegen::rust::Options;
use wsdl_codegen::Builder;

#[cfg(feature = "fetch")]
mod cli_fetch;

/// Generation makes millions of small, short-lived allocations (tokens, syntax trees);
/// mimalloc serves them at about half the cost of the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The WSDL and output of the checked-in EMail bindings, relative to the workspace root.
const EMAIL_WSDL: &str = "wsdl/services82/EMail.wsdl";
const EMAIL_OUT: &str = "generated/src/email.rs";

/// Exit code: the WSDL is invalid, code cannot be generated for it, or a file cannot be written.
const EXIT_FAILED: u8 = 1;
/// Exit code: `--check` found the output missing or different from what would be generated.
const EXIT_STALE: u8 = 3;

/// How many differing lines `--check` shows of each side.
const SHOWN_LINES: usize = 6;

const ABOUT: &str = "Generate typed Rust SOAP clients and servers from WSDL 1.1 documents";

const LONG_ABOUT: &str = "\
Generate typed Rust SOAP clients and servers from WSDL 1.1 documents (document/literal, \
SOAP 1.1 and 1.2, with the XML Schema types embedded or imported).

The generated module holds a client struct with one async method per operation, a server \
trait to implement, a server that serves it over HTTP, and a Rust type for every schema type \
it needs. It depends on the soap-runtime crate only.

Run without a command to regenerate the Services82 EMail bindings (generated/src/email.rs from \
wsdl/services82/EMail.wsdl), the bindings this workspace checks in.";

const AFTER_HELP: &str = "\
Examples:
  wsdl-codegen                                   regenerate the EMail bindings
  wsdl-codegen --check                           exit 3 if they are stale
  wsdl-codegen inspect Service.wsdl              list services, ports and operations in Rust terms
  wsdl-codegen fetch 'https://host/Service.svc?wsdl' --out wsdl/service
                                                 download a WSDL and its imports to check in
  wsdl-codegen generate Service.wsdl --out src/service.rs
  wsdl-codegen generate Service.wsdl --out src/service.rs --soap-version 1.2 --check
  wsdl-codegen generate Service.wsdl --out src/service.rs --operations GetOrder,PlaceOrder
  wsdl-codegen generate vimService.wsdl --out src/vim.rs --operations RetrievePropertiesEx \
               --extra-types GuestInfo                also the type of an xs:anyType value
  wsdl-codegen generate EMail.wsdl Person.wsdl --out src/services
                                                 src/services/mod.rs, shared.rs, email.rs, person.rs

Exit codes:
  0  success (for --check: the file is up to date)
  1  the WSDL is invalid, code cannot be generated for it, or a file cannot be written;
     the message names the file, line and column and says what to do
  2  the command line is wrong (unknown option, missing argument)
  3  --check: the output file is missing or differs from what would be generated";

#[derive(Parser)]
#[command(
    name = "wsdl-codegen",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = AFTER_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Without a command: do not write generated/src/email.rs, exit with 3 if it is stale.
    #[arg(long)]
    check: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a Rust module (client, server trait, server, types) from a WSDL file.
    #[command(after_help = "\
Which port: a WSDL may declare several services and ports (for example a SOAP 1.1 and a SOAP 1.2
port of the same service). Without --service, --port, --binding or --soap-version the first port
of a WSDL with a single service is used; with several services, say which one. Ports of one
binding (the same contract at a production and a test address) need no --port: the first one's
address is the default. A binding that
no service offers (or a WSDL without services) is bound with --binding NAME, or on its own when
it is the only one; its client takes the service's URL from the caller. `wsdl-codegen inspect`
lists them.

Imports: relative locations are read next to the importing file; URLs are never downloaded.
Well-known namespaces (XML, SOAP encoding, SOAP 1.1/1.2 envelopes, xmime, xop, WS-Addressing)
are built in. Other documents imported by URL are found with --schema-dir DIR (as DIR/<last
path segment of the URL>, or through DIR/catalog.txt lines `URL FILE`); --allow-unresolved
generates without them.

Several WSDLs: `generate A.wsdl B.wsdl --out DIR` writes DIR/mod.rs (the root module), a module
per WSDL named after its file (DIR/a.rs: client, server trait, server and the types only it
uses) and DIR/shared.rs with every type several WSDLs use, generated once and re-exported by
each service module. The same qualified name defined differently by two WSDLs is an error
naming both places. --soap-version and --every-binding apply to each WSDL; --service, --port,
--binding, --client-name, --server-path and --module-doc choose for one WSDL and are refused with
several (use Builder::wsdl from build.rs for per-WSDL settings).

Every binding: a WSDL of several port types (ONVIF's, a WCF service of several contracts) binds
them all with --every-binding: `generate A.wsdl --every-binding --out DIR` writes a module per
SOAP binding, named after it (DIR/keystore_binding.rs), beside DIR/shared.rs and DIR/mod.rs, as
for several WSDLs. --service, --binding and --soap-version narrow the bindings; a binding is
bound through the first port offering it. With --operations, only the bindings having some of
them, each with those it has.

Exit codes: 0 written or up to date, 1 invalid WSDL or unsupported construct, 2 usage error,
3 --check found the file stale.")]
    Generate {
        /// The WSDL file (imports are read relative to it); several generate together.
        #[arg(required = true, num_args = 1..)]
        wsdl: Vec<PathBuf>,
        /// The Rust file to write (rewritten only when its content changes); with several
        /// WSDLs, the directory to write the modules into.
        #[arg(long, value_name = "FILE.rs|DIR")]
        out: PathBuf,
        /// Do not write: exit with 3 and a short diff summary if FILE.rs differs from what would
        /// be generated.
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        imports: Imports,
        #[command(flatten)]
        naming: Naming,
        /// Put this text at the top of the output as module documentation (`//!` lines); only
        /// for a file used as a module (`mod service;`), not with `include!`.
        #[arg(long, value_name = "TEXT")]
        module_doc: Option<String>,
        /// Emit serde derives behind the including crate's `serde` feature (which must enable
        /// `soap-runtime/serde`).
        #[arg(long)]
        serde: bool,
        /// Speak WS-Addressing (headers required) whatever the WSDL declares: 1.0 or the
        /// 2004/08 member submission.
        #[arg(long, value_enum, value_name = "VERSION")]
        addressing: Option<Addressing>,
        /// Speak MTOM (binary values above a threshold in MIME parts) whatever the WSDL's
        /// policy says.
        #[arg(long)]
        mtom: bool,
        #[command(flatten)]
        selection: Selection,
    },
    /// Show a WSDL's services and ports, and each port's operations as generated Rust methods,
    /// with SOAP actions, headers and declared faults.
    Inspect {
        /// The WSDL file; several are shown one after the other, each under its path.
        #[arg(required = true)]
        wsdl: Vec<PathBuf>,
        /// Also list the Rust types generated for each port.
        #[arg(long)]
        types: bool,
        #[command(flatten)]
        selection: Selection,
        #[command(flatten)]
        imports: Imports,
        #[command(flatten)]
        naming: Naming,
    },
    /// Download a WSDL and everything it imports or includes from a service into a directory,
    /// imports rewritten to the saved files, with a manifest: to check in and generate from.
    #[cfg(feature = "fetch")]
    #[command(after_help = cli_fetch::AFTER_HELP)]
    Fetch(cli_fetch::FetchArgs),
}

/// Which port to bind.
#[derive(clap::Args)]
struct Target {
    /// Bind a port of this wsdl:service (when the WSDL has several services).
    #[arg(long, value_name = "NAME")]
    service: Option<String>,
    /// Bind the wsdl:port of this name.
    #[arg(long, value_name = "NAME")]
    port: Option<String>,
    /// Bind a port of this SOAP version (when a service offers both).
    #[arg(long, value_enum, value_name = "VERSION")]
    soap_version: Option<Version>,
    /// Bind this wsdl:binding: a port of it, or the binding on its own when no service offers
    /// it (the generated client takes its URL from the caller). A WSDL without services and a
    /// single SOAP binding needs no choice.
    #[arg(long, value_name = "NAME")]
    binding: Option<String>,
    /// Generate every SOAP binding the options above allow, not one: a module per binding,
    /// named after it, and the types they share once (--out is then a directory, or a file
    /// holding the modules inline). With --operations, the bindings that have them.
    #[arg(long)]
    every_binding: bool,
}

/// Which operations and types to generate.
#[derive(clap::Args)]
struct Selection {
    /// Generate only these operations (WSDL names, comma-separated) and the types they reach
    /// (through fields, bases, derived types, substitution groups, faults and headers); with
    /// inspect, show what they pull in.
    #[arg(long, value_name = "A,B,...", value_delimiter = ',')]
    operations: Vec<String>,
    /// Also generate these schema types (local names, or {namespace}local; `*` for all) and
    /// what they reach: the types of xs:anyType values (vSphere's property values), which no
    /// operation's fields name
    #[arg(long, value_name = "T,U,...", value_delimiter = ',')]
    extra_types: Vec<String>,
}

/// How imported documents are found.
#[derive(clap::Args)]
struct Imports {
    /// Look for documents imported by URL in DIR: through lines `URL FILE` in DIR/catalog.txt
    /// (FILE relative to DIR; a namespace in place of the URL for an import without a
    /// location; `#` starts a comment), else by the URL's last path segment (DIR/common.xsd).
    /// Well-known namespaces (XML, SOAP encoding, SOAP envelopes, xmime, xop, WS-Addressing)
    /// need no copy.
    #[arg(long, value_name = "DIR")]
    schema_dir: Option<PathBuf>,
    /// Generate even when an imported document cannot be found: references into it become
    /// xs:anyType (raw XML values), with a warning per missing document on standard error.
    #[arg(long)]
    allow_unresolved: bool,
}

impl Imports {
    fn apply(self, mut b: Builder) -> Builder {
        if let Some(dir) = self.schema_dir {
            b = b.schema_dir(dir);
        }
        b.allow_unresolved(self.allow_unresolved)
    }

    fn options(self) -> wsdl_codegen::wsdl::ParseOptions {
        wsdl_codegen::wsdl::ParseOptions {
            schema_dir: self.schema_dir,
            allow_unresolved: self.allow_unresolved,
            operations: Vec::new(),
        }
    }
}

/// Names and conventions of the generated code.
#[derive(clap::Args)]
struct Naming {
    /// Name of the generated client struct [default: <PortType>Client].
    #[arg(long, value_name = "NAME")]
    client_name: Option<String>,
    /// HTTP path the generated server answers at [default: the port address's path without its
    /// query, or / for a port or binding without an address].
    #[arg(long, value_name = "PATH")]
    server_path: Option<String>,
    /// Also treat fields whose name contains WORD as secrets, redacted in Debug output
    /// (besides password, ticket, token and secret). Repeatable.
    #[arg(long, value_name = "WORD")]
    secret_word: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Addressing {
    /// WS-Addressing 1.0 (http://www.w3.org/2005/08/addressing).
    #[value(name = "1.0")]
    W3c10,
    /// The 2004/08 member submission (http://schemas.xmlsoap.org/ws/2004/08/addressing).
    #[value(name = "2004/08")]
    Submission200408,
}

#[derive(Clone, Copy, ValueEnum)]
enum Version {
    /// SOAP 1.1 (text/xml, SOAPAction header).
    #[value(name = "1.1")]
    V11,
    /// SOAP 1.2 (application/soap+xml).
    #[value(name = "1.2")]
    V12,
}

impl From<Version> for SoapVersion {
    fn from(version: Version) -> Self {
        match version {
            Version::V11 => SoapVersion::Soap11,
            Version::V12 => SoapVersion::Soap12,
        }
    }
}

impl Naming {
    fn apply(self, mut b: Builder) -> Builder {
        if let Some(n) = self.client_name {
            b = b.client_name(n);
        }
        if let Some(p) = self.server_path {
            b = b.server_path(p);
        }
        for word in self.secret_word {
            b = b.secret_word(word);
        }
        b
    }
}

/// The builder of a generation of several WSDLs (`wsdls` holds at least two): the port,
/// selection and naming options choose for one WSDL, so they are refused (a usage error) but
/// for `--soap-version`, which applies to each.
fn several(
    wsdls: Vec<PathBuf>,
    target: Target,
    imports: Imports,
    naming: Naming,
    selection: &Selection,
    module_doc: bool,
) -> Builder {
    let per_wsdl = [
        ("--service", target.service.is_some()),
        ("--port", target.port.is_some()),
        ("--binding", target.binding.is_some()),
        ("--client-name", naming.client_name.is_some()),
        ("--server-path", naming.server_path.is_some()),
        ("--module-doc", module_doc),
        ("--operations", !selection.operations.is_empty()),
        ("--extra-types", !selection.extra_types.is_empty()),
    ];
    if let Some((option, _)) = per_wsdl.iter().find(|(_, given)| *given) {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                format!(
                    "{option} chooses for one WSDL and cannot be given with several; generate \
                     them from build.rs with Builder::wsdl, which takes settings per WSDL"
                ),
            )
            .exit();
    }
    let mut wsdls = wsdls.into_iter();
    let mut b = Builder::new(wsdls.next().unwrap_or_default());
    for wsdl in std::iter::once(None).chain(wsdls.map(Some)) {
        if let Some(wsdl) = wsdl {
            b = b.wsdl(wsdl);
        }
        if let Some(v) = target.soap_version {
            b = b.soap_version(v.into());
        }
        b = b.every_binding(target.every_binding);
    }
    imports.apply(naming.apply(b))
}

fn builder(wsdl: PathBuf, target: Target, imports: Imports, naming: Naming) -> Builder {
    let mut b = imports.apply(naming.apply(Builder::new(wsdl)));
    if let Some(binding) = target.binding {
        b = b.binding(binding);
    }
    if let Some(s) = target.service {
        b = b.service(s);
    }
    if let Some(p) = target.port {
        b = b.port(p);
    }
    if let Some(v) = target.soap_version {
        b = b.soap_version(v.into());
    }
    b.every_binding(target.every_binding)
}

/// Writes `out`, or with `check` only compares it, exiting 3 with a short summary when stale.
fn generate_or_check(
    b: &Builder,
    out: &Path,
    check: bool,
) -> Result<ExitCode, wsdl_codegen::Error> {
    let generated = b.output()?;
    for warning in &generated.warnings {
        eprintln!("{warning}\n");
    }
    if generated.modules.is_some() {
        return write_or_check_dir(&generated, out, check);
    }
    if !check {
        let changed = generated.write_to(out)?;
        println!(
            "{} {}",
            if changed { "wrote" } else { "unchanged:" },
            out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let expected = generated.code;
    let Ok(current) = std::fs::read_to_string(out) else {
        eprintln!(
            "{} is stale: it does not exist (or cannot be read); run without --check to write it",
            out.display()
        );
        return Ok(ExitCode::from(EXIT_STALE));
    };
    if current == expected {
        println!("{} is up to date", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    eprint!("{}", stale_summary(out, &current, &expected));
    Ok(ExitCode::from(EXIT_STALE))
}

/// Writes the modules of several WSDLs into the directory `out` (removing modules an earlier
/// generation wrote there that this one does not), or with `check` only compares each file,
/// exiting 3 with a short summary per stale or leftover file.
fn write_or_check_dir(
    generated: &wsdl_codegen::Generated,
    out: &Path,
    check: bool,
) -> Result<ExitCode, wsdl_codegen::Error> {
    if !check {
        let changed = generated.write_dir(out)?;
        println!(
            "{} {} ({} files)",
            if changed { "wrote" } else { "unchanged:" },
            out.display(),
            generated.files().len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut stale = false;
    for (file, expected) in generated.files() {
        let path = out.join(file);
        match std::fs::read_to_string(&path) {
            Ok(current) if current == expected => {}
            Ok(current) => {
                eprint!("{}", stale_summary(&path, &current, expected));
                stale = true;
            }
            Err(_) => {
                eprintln!(
                    "{} is stale: it does not exist (or cannot be read); run without --check to write it",
                    path.display()
                );
                stale = true;
            }
        }
    }
    for leftover in generated.leftover_files(out) {
        eprintln!(
            "{} is stale: no WSDL of this generation writes it any more; run without --check to remove it",
            leftover.display()
        );
        stale = true;
    }
    if stale {
        return Ok(ExitCode::from(EXIT_STALE));
    }
    println!("{} is up to date", out.display());
    Ok(ExitCode::SUCCESS)
}

/// A short description of how `current` differs from `expected`: the changed region between
/// the common first and last lines, and its first lines on each side.
fn stale_summary(out: &Path, current: &str, expected: &str) -> String {
    let old: Vec<&str> = current.lines().collect();
    let new: Vec<&str> = expected.lines().collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let removed = &old[prefix..old.len() - suffix];
    let added = &new[prefix..new.len() - suffix];
    let mut text = format!(
        "{} is stale: lines {}-{} on disk ({} lines) differ from {} generated lines; run without --check to regenerate\n",
        out.display(),
        prefix + 1,
        prefix + removed.len().max(1),
        removed.len(),
        added.len()
    );
    if removed.is_empty() && added.is_empty() {
        text.push_str("  (only line endings or the final newline differ)\n");
    }
    for (sign, lines) in [('-', removed), ('+', added)] {
        for line in lines.iter().take(SHOWN_LINES) {
            let shown: String = line.chars().take(120).collect();
            text.push_str(&format!("  {sign} {shown}\n"));
        }
        if lines.len() > SHOWN_LINES {
            text.push_str(&format!("  {sign} … {} more\n", lines.len() - SHOWN_LINES));
        }
    }
    text
}

fn run(cli: Cli) -> Result<ExitCode, wsdl_codegen::Error> {
    // The workspace root: the parent of this package's directory.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.parent().unwrap_or(manifest);
    match cli.command {
        None => generate_or_check(
            &Builder::services82_email(root.join(EMAIL_WSDL)),
            &root.join(EMAIL_OUT),
            cli.check,
        ),
        Some(Command::Generate {
            wsdl,
            out,
            check,
            target,
            imports,
            naming,
            module_doc,
            serde,
            addressing,
            mtom,
            selection,
        }) => {
            let mut b = if wsdl.len() > 1 {
                several(
                    wsdl,
                    target,
                    imports,
                    naming,
                    &selection,
                    module_doc.is_some(),
                )
            } else {
                let wsdl = wsdl.into_iter().next().unwrap_or_default();
                builder(wsdl, target, imports, naming)
            }
            .serde(serde)
            .mtom(mtom)
            .operations(selection.operations)
            .extra_types(selection.extra_types);
            if let Some(version) = addressing {
                b = b.addressing(match version {
                    Addressing::W3c10 => wsdl_codegen::model::AddressingVersion::W3c10,
                    Addressing::Submission200408 => {
                        wsdl_codegen::model::AddressingVersion::Submission200408
                    }
                });
            }
            if let Some(text) = module_doc {
                b = b.module_doc(text);
            }
            generate_or_check(&b, &out, check)
        }
        Some(Command::Inspect {
            wsdl,
            types,
            selection,
            imports,
            naming,
        }) => {
            let mut options = Options {
                client_name: naming.client_name,
                server_path: naming.server_path,
                operations: selection.operations,
                extra_types: selection.extra_types,
                ..Options::default()
            };
            options.secret_words.extend(naming.secret_word);
            let several = wsdl.len() > 1;
            let parse_options = wsdl_codegen::wsdl::ParseOptions {
                operations: options.operations.clone(),
                ..imports.options()
            };
            for (index, path) in wsdl.iter().enumerate() {
                let parsed = wsdl_codegen::wsdl::parse_file_with(path, &parse_options)?;
                for warning in &parsed.warnings {
                    eprintln!("{warning}\n");
                }
                let mut text = String::new();
                if several {
                    let gap = if index == 0 { "" } else { "\n" };
                    text.push_str(&format!("{gap}== {} ==\n", path.display()));
                }
                text.push_str(&wsdl_codegen::inspect::describe(
                    &parsed.definitions,
                    &options,
                    types,
                ));
                if !print_out(&text)? {
                    break;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(feature = "fetch")]
        Some(Command::Fetch(args)) => Ok(cli_fetch::run(args)),
    }
}

/// Writes `text` to standard output: `Ok(false)` when the reader has stopped reading (`inspect
/// X.wsdl | head`), which ends the command normally instead of panicking as `print!` does on a
/// closed pipe.
fn print_out(text: &str) -> Result<bool, wsdl_codegen::Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(source) => Err(wsdl_codegen::Error::Io {
            path: PathBuf::from("standard output"),
            source,
        }),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}
