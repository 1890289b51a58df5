//! The binary's `fetch` subcommand (feature `fetch`): its options and what it prints. The work
//! is the library's [`wsdl_codegen::fetch`].

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use wsdl_codegen::fetch::{self, BasicAuth, FetchError, FetchOptions, Header};

/// Help shown after the options of `wsdl-codegen fetch --help`.
pub(crate) const AFTER_HELP: &str = "\
Saves the WSDL at URL and every document it imports or includes (wsdl:import, xs:import,
xs:include; recursively; each document once) in DIR under readable names (EMail.wsdl,
EMail.xsd0.xsd, ...), with the imports rewritten to those names, and DIR/fetch-manifest.json
(each file's URL and SHA-256, and the date). The last line printed is the main file's path.
Check DIR in and generate from it (build.rs, wsdl-codegen generate): generation never
downloads.

Shapes: WCF (Service.svc?wsdl with ?xsd=xsd0 and ?wsdl=wsdl0, or Service.svc?singleWsdl), ASMX
(Service.asmx?WSDL), JAX-WS (Service?wsdl with ?xsd=1). Up to 5 redirects are followed. Headers
and credentials are sent to URL's origin only. Imports of namespaces the generator knows
(XML Schema, SOAP, WS-Addressing, xmime, xop) are not downloaded.

Examples:
  wsdl-codegen fetch https://host/Remote/Services82/EMail.svc?wsdl --out wsdl/email
  wsdl-codegen fetch https://host/Orders.asmx?WSDL --out wsdl/orders --user anna --password-env ORDERS_PASSWORD
  wsdl-codegen fetch https://intranet/Hello?wsdl --out wsdl/hello --ca-cert intranet-ca.pem \\
      --header 'X-Api-Key: ...'

Exit codes: 0 saved, 1 a document could not be fetched or is not a WSDL or XML Schema (nothing
is written then), 2 usage error.";

/// The options of `wsdl-codegen fetch`.
#[derive(clap::Args)]
pub(crate) struct FetchArgs {
    /// The WSDL's URL (http or https), e.g. https://host/Service.svc?wsdl.
    url: String,
    /// The directory to save the documents and the manifest in (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Send this header with every request, e.g. 'Authorization: Bearer ...' (repeatable; the
    /// value is never printed).
    #[arg(long, value_name = "'NAME: VALUE'", value_parser = Header::parse)]
    header: Vec<Header>,
    /// HTTP Basic authentication as NAME; the password comes from --password-env, else it is
    /// asked for on the terminal (without echo).
    #[arg(long, value_name = "NAME")]
    user: Option<String>,
    /// The environment variable holding the password for --user.
    #[arg(long, value_name = "VARIABLE", requires = "user")]
    password_env: Option<String>,
    /// Also trust the CA certificate(s) in this PEM file for https (repeatable).
    #[arg(long, value_name = "FILE.pem")]
    ca_cert: Vec<PathBuf>,
    /// Seconds connecting (TCP and TLS) may take.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = seconds)]
    connect_timeout: Duration,
    /// Seconds one document's whole exchange may take.
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = seconds)]
    timeout: Duration,
    /// The largest document accepted, in bytes (the runtime's default message size limit).
    #[arg(long, value_name = "BYTES", default_value_t = FetchOptions::default().max_response_size)]
    max_response_size: usize,
    /// The most bytes downloaded in all.
    #[arg(long, value_name = "BYTES", default_value_t = FetchOptions::default().max_total_size)]
    max_total_size: usize,
    /// The most distinct documents; more is reported as an import loop.
    #[arg(long, value_name = "N", default_value_t = FetchOptions::default().max_documents)]
    max_documents: usize,
}

/// A positive number of seconds (fractions allowed).
fn seconds(text: &str) -> Result<Duration, String> {
    let value: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if value <= 0.0 {
        return Err("must be more than 0".into());
    }
    Duration::try_from_secs_f64(value).map_err(|e| e.to_string())
}

/// Runs `fetch`: prints each saved file and, last, the main file's path.
pub(crate) fn run(args: FetchArgs) -> ExitCode {
    match fetch_with(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn fetch_with(args: FetchArgs) -> Result<(), FetchError> {
    let basic_auth = match (args.user, args.password_env) {
        (Some(user), Some(variable)) => Some(BasicAuth::from_env(user, &variable)?),
        (Some(user), None) => Some(BasicAuth::prompt(user)?),
        (None, _) => None,
    };
    let options = FetchOptions {
        headers: args.header,
        basic_auth,
        ca_certificates: args.ca_cert,
        connect_timeout: args.connect_timeout,
        timeout: args.timeout,
        max_response_size: args.max_response_size,
        max_total_size: args.max_total_size,
        max_documents: args.max_documents,
    };
    let fetched = fetch::fetch(&args.url, &args.out, &options)?;
    for file in &fetched.manifest.files {
        println!(
            "saved {} <- {}",
            args.out.join(&file.file).display(),
            file.url
        );
    }
    println!("wrote {}", fetched.manifest_path.display());
    println!("{}", fetched.main.display());
    Ok(())
}
