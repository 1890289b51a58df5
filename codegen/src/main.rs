//! `wsdl-codegen`: generate Rust SOAP bindings from a WSDL, check them, or inspect a WSDL.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use wsdl_codegen::model::SoapVersion;
use wsdl_codegen::Builder;

/// The WSDL and output of the checked-in EMail bindings, relative to the workspace root.
const EMAIL_WSDL: &str = "wsdl/services82/EMail.wsdl";
const EMAIL_OUT: &str = "generated/src/email.rs";

#[derive(Parser)]
#[command(
    name = "wsdl-codegen",
    about = "Generate typed Rust SOAP clients and servers from WSDL 1.1",
    long_about = "Generate typed Rust SOAP clients and servers from WSDL 1.1.\n\nWith no command, regenerates the Services82 EMail bindings (generated/src/email.rs) from wsdl/services82/EMail.wsdl.\n\nExit codes: 0 success; 1 the WSDL is invalid or generation failed; 2 usage error; 3 --check found stale output."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// With no command: do not write; exit with 3 if the EMail bindings are stale.
    #[arg(long)]
    check: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a Rust module from a WSDL file.
    Generate {
        /// The WSDL file.
        wsdl: PathBuf,
        /// The Rust file to write.
        #[arg(long)]
        out: PathBuf,
        /// Do not write: exit with 3 if the file differs from what would be generated.
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        target: Target,
    },
    /// Show a WSDL's services, ports and operations.
    Inspect {
        /// The WSDL file.
        wsdl: PathBuf,
    },
}

#[derive(clap::Args)]
struct Target {
    /// Bind this port (when the WSDL has several).
    #[arg(long)]
    port: Option<String>,
    /// Bind a port of this SOAP version.
    #[arg(long, value_enum)]
    soap_version: Option<Version>,
    /// Name of the generated client struct (default: <PortType>Client).
    #[arg(long)]
    client_name: Option<String>,
    /// HTTP path of the generated server (default: the port address's path).
    #[arg(long)]
    server_path: Option<String>,
    /// Emit serde derives behind the including crate's `serde` feature.
    #[arg(long)]
    serde: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Version {
    #[value(name = "1.1")]
    V11,
    #[value(name = "1.2")]
    V12,
}

fn builder(wsdl: PathBuf, target: Target) -> Builder {
    let mut b = Builder::new(wsdl);
    if let Some(p) = target.port {
        b = b.port(p);
    }
    if let Some(v) = target.soap_version {
        b = b.soap_version(match v {
            Version::V11 => SoapVersion::Soap11,
            Version::V12 => SoapVersion::Soap12,
        });
    }
    if let Some(n) = target.client_name {
        b = b.client_name(n);
    }
    if let Some(p) = target.server_path {
        b = b.server_path(p);
    }
    b.serde(target.serde)
}

/// The EMail bindings' builder, with paths from the workspace root.
fn email_builder(root: &std::path::Path) -> Builder {
    Builder::new(root.join(EMAIL_WSDL))
        .client_name("EMailAgent")
        .server_path("/Remote/Services82/EMail.svc")
        .serde(true)
}

/// Writes `out`, or with `check` only compares it, exiting 3 with a short summary when stale.
fn generate_or_check(
    b: &Builder,
    out: &std::path::Path,
    check: bool,
) -> Result<ExitCode, wsdl_codegen::Error> {
    if !check {
        let changed = b.write_to(out)?;
        println!(
            "{} {}",
            if changed { "wrote" } else { "unchanged:" },
            out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let expected = b.generate()?;
    let current = std::fs::read_to_string(out).unwrap_or_default();
    if current == expected {
        println!("{} is up to date", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    let first_difference = expected
        .lines()
        .zip(current.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| expected.lines().count().min(current.lines().count()));
    eprintln!(
        "{} is stale: {} lines generated, {} lines on disk, first difference at line {}; regenerate without --check",
        out.display(),
        expected.lines().count(),
        current.lines().count(),
        first_difference + 1
    );
    Ok(ExitCode::from(3))
}

fn run(cli: Cli) -> Result<ExitCode, wsdl_codegen::Error> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    match cli.command {
        None => generate_or_check(&email_builder(&root), &root.join(EMAIL_OUT), cli.check),
        Some(Command::Generate {
            wsdl,
            out,
            check,
            target,
        }) => generate_or_check(&builder(wsdl, target), &out, check),
        Some(Command::Inspect { wsdl }) => {
            let defs = wsdl_codegen::wsdl::parse_file(&wsdl)?;
            print!("{}", wsdl_codegen::inspect::describe(&defs));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
