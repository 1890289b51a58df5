//! Mono (an independent implementation of .NET's SOAP stacks: ASMX's `SoapHttpClientProtocol`
//! with `XmlSerializer`, WCF's `BasicHttpBinding`, and the `wsdl` proxy generator) as an interop
//! peer: where `scripts/test.sh` installed it, `wsdl` turning a contract into a C# proxy and
//! `mcs` compiling it with a C# program of `tests/oracles/mono/`, once per test binary, and the
//! program run by `mono` as a child process ([`crate::child`]), killed when its guard is
//! dropped, every wait bounded by a timeout.
//!
//! `scripts/test.sh` installs Debian's `mono-devel` with the `System.ServiceModel` and
//! `System.Web.Services` assemblies where they are missing. Without `mono`, `mcs` or `wsdl`, a
//! test is skipped loudly, and fails in CI ([`skip_unless_ci`]).
//!
//! [`Mono::compile`] builds a [`Program`]; the executable is kept under the system's temporary
//! folder, named by a hash of everything it is made from, so a second test (or run) with the
//! same inputs reuses it. [`Compiled::client`] runs a client program to its end and reads the
//! JSON it prints; [`Compiled::server`] starts a service program, a [`PeerServer`].

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serde_json::Value;

use crate::build_cache;
use crate::child::{self, PeerServer};
use crate::shared::skip_unless_ci;

/// How long a Mono program may take to start listening, or to run to its end: Mono starts in
/// well under a second, but CI machines are slow and shared.
pub const TIMEOUT: Duration = Duration::from_secs(90);

/// How long `wsdl` or `mcs` may take: EMail.wsdl's proxy compiles in a few seconds here.
const COMPILE_TIMEOUT: Duration = Duration::from_secs(300);

/// The tools a test needs, each run with `--version` (or `-help`) to see that it is there.
const TOOLS: [(&str, &str); 3] = [
    ("mono", "--version"),
    ("mcs", "--version"),
    ("wsdl", "-help"),
];

/// A C# program of `tests/oracles/mono/`, with the proxy of the contract it uses.
#[derive(Debug, Clone)]
pub struct Program {
    /// The program's class (its `Main`), also the executable's name.
    pub name: &'static str,
    /// The WSDL whose ASMX proxy (`wsdl -n:NAMESPACE`) the program uses, if any; a WCF
    /// program declares its contract itself.
    pub proxy: Option<(PathBuf, &'static str)>,
    /// The program's source files in `tests/oracles/mono/` (`Json.cs` is always added).
    pub sources: &'static [&'static str],
    /// SOAP headers whose member in the proxy is renamed `NAMEValue`, the name Microsoft's
    /// `wsdl.exe` gives it: Mono's `wsdl` names it after the header, which can hide a member of
    /// `SoapHttpClientProtocol` (EMail.wsdl's `Credentials`).
    pub header_members: &'static [&'static str],
}

/// Mono with its compiler and `wsdl`, installed and runnable.
#[derive(Debug, Clone, Copy)]
pub struct Mono;

/// The programs built by this test binary: name → executable.
static COMPILED: Mutex<Vec<(&'static str, PathBuf)>> = Mutex::new(Vec::new());

impl Mono {
    /// Mono, or `None` (after a loud message) when `mono`, `mcs` or `wsdl` does not run.
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`.
    pub fn locate(test: &str) -> Option<Mono> {
        for (tool, probe) in TOOLS {
            let runs = Command::new(tool)
                .arg(probe)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok();
            if !runs {
                skip_unless_ci(&format!(
                    "{test} needs Mono, but `{tool}` does not run (run `bash scripts/test.sh`, \
                     which installs Debian's mono-devel, libmono-system-servicemodel4.0a-cil and \
                     libmono-system-web-services4.0-cil)"
                ));
                return None;
            }
        }
        Some(Mono)
    }

    /// `program` compiled (with its proxy), once per test binary (tests asking at once wait
    /// for the first), and reused across runs while its inputs are the same.
    ///
    /// # Panics
    ///
    /// When `wsdl` or `mcs` fails or runs longer than its timeout.
    pub fn compile(&self, program: &Program) -> Compiled {
        // Held while building: a second test waits for the first's executable.
        let mut compiled = COMPILED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, exe)) = compiled.iter().find(|(name, _)| *name == program.name) {
            return Compiled {
                exe: exe.clone(),
                name: program.name,
            };
        }
        let exe = build(program);
        compiled.push((program.name, exe.clone()));
        Compiled {
            exe,
            name: program.name,
        }
    }
}

/// `program`'s executable, built unless one made from the same inputs exists
/// ([`build_cache::cached`]).
fn build(program: &Program) -> PathBuf {
    let exe = format!("{}.exe", program.name);
    let built = build_cache::cached("mono-oracle", program.name, inputs(program), |work| {
        let mut mcs = Command::new("mcs");
        mcs.args([
            "-nologo",
            "-warn:0",
            "-r:System.Web.Services",
            "-r:System.ServiceModel",
            "-r:System.Runtime.Serialization",
            "-r:System.Xml",
        ])
        .arg(format!("-out:{}", work.join(&exe).display()));
        if let Some((wsdl, namespace)) = &program.proxy {
            let proxy = work.join("Proxy.cs");
            let mut generate = Command::new("wsdl");
            generate
                .arg("-nologo")
                .arg(format!("-n:{namespace}"))
                .arg(format!("-out:{}", proxy.display()))
                .arg(wsdl);
            piped(&mut generate);
            child::run(generate, "wsdl", "", COMPILE_TIMEOUT);
            assert!(
                proxy.is_file(),
                "wsdl made no proxy of {wsdl:?} (its warnings are above)"
            );
            rename_header_members(&proxy, program.header_members);
            mcs.arg(proxy);
        }
        mcs.args(
            std::iter::once(&"Json.cs")
                .chain(program.sources)
                .map(|source| programs_dir().join(source)),
        );
        piped(&mut mcs);
        child::run(mcs, "mcs", "", COMPILE_TIMEOUT);
    });
    built.join(exe)
}

/// Renames the proxy's members that hold the SOAP headers `headers` to `NAMEValue`, the name
/// Microsoft's `wsdl.exe` gives them, in their declaration and their `[SoapHeader]`s.
///
/// A workaround for Mono's `wsdl`, which names the member after the header: a header
/// `Credentials` then hides `WebClientProtocol.Credentials` (without `new`), and Mono's
/// `SoapHttpClientProtocol` constructor fails with "Method {0}.{1} can not be reflected"
/// (`AmbiguousMatchException` from `Type.GetProperty("Credentials")`). EMail.wsdl has such a
/// header; the contract is valid, the proxy is not.
fn rename_header_members(proxy: &Path, headers: &[&str]) {
    if headers.is_empty() {
        return;
    }
    let text = fs::read_to_string(proxy).unwrap_or_else(|e| panic!("{proxy:?}: {e}"));
    let mut renamed = String::with_capacity(text.len());
    let mut declared = Vec::new();
    for line in text.lines() {
        let mut line = line.to_owned();
        for header in headers {
            let attribute = format!("SoapHeaderAttribute(\"{header}\"");
            line = line.replace(
                &attribute,
                &format!("SoapHeaderAttribute(\"{header}Value\""),
            );
            // The member: the proxy's first property of that name (the proxy class comes first).
            let trimmed = line.trim();
            if !declared.contains(header)
                && trimmed.starts_with("public ")
                && trimmed.ends_with(&format!(" {header} {{"))
            {
                line = line.replace(&format!(" {header} {{"), &format!(" {header}Value {{"));
                declared.push(*header);
            }
        }
        renamed.push_str(&line);
        renamed.push('\n');
    }
    assert_eq!(
        declared.len(),
        headers.len(),
        "the proxy {proxy:?} declares members of the headers {declared:?}, not all of {headers:?}"
    );
    fs::write(proxy, renamed).unwrap_or_else(|e| panic!("{proxy:?}: {e}"));
}

/// A hash of what `program`'s executable is made from: the WSDL (its path and text), the
/// namespace, the programs' sources.
fn inputs(program: &Program) -> u64 {
    let mut hasher = DefaultHasher::new();
    let read = |path: &Path| fs::read(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    program.name.hash(&mut hasher);
    if let Some((wsdl, namespace)) = &program.proxy {
        wsdl.hash(&mut hasher);
        read(wsdl).hash(&mut hasher);
        namespace.hash(&mut hasher);
        program.header_members.hash(&mut hasher);
    }
    for file in std::iter::once(&"Json.cs").chain(program.sources) {
        file.hash(&mut hasher);
        read(&programs_dir().join(file)).hash(&mut hasher);
    }
    hasher.finish()
}

/// A compiled Mono program (see [`Mono::compile`]).
#[derive(Debug, Clone)]
pub struct Compiled {
    exe: PathBuf,
    name: &'static str,
}

impl Compiled {
    /// Runs the client program with `args` to its end: the JSON it printed.
    ///
    /// # Panics
    ///
    /// When the program fails (its error is printed), prints no JSON, or runs longer than
    /// [`TIMEOUT`].
    pub fn client(&self, args: &[&str]) -> Value {
        let mut command = self.mono();
        command.args(args);
        piped(&mut command);
        let output = child::run(command, self.name, "", TIMEOUT);
        serde_json::from_str(&output)
            .unwrap_or_else(|e| panic!("{} printed {output:?}, not JSON: {e}", self.name))
    }

    /// Starts the service program with `args`; it listens on 127.0.0.1 and prints its port
    /// first (see [`PeerServer`]).
    ///
    /// # Panics
    ///
    /// When the program fails or does not listen within [`TIMEOUT`].
    pub fn server(&self, args: &[&str]) -> PeerServer {
        let mut command = self.mono();
        command.args(args).stderr(Stdio::inherit());
        PeerServer::start(command, self.name, TIMEOUT)
    }

    /// `mono EXE`, with no HTTP proxy from the environment (the peer talks to 127.0.0.1).
    fn mono(&self) -> Command {
        let mut command = Command::new("mono");
        command
            .arg("--debug")
            .arg(&self.exe)
            .env_remove("http_proxy")
            .env_remove("HTTP_PROXY")
            .env_remove("no_proxy")
            .env_remove("NO_PROXY");
        command
    }
}

/// Pipes `command`'s standard input and output for [`child::run`]; its errors pass through.
fn piped(command: &mut Command) {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
}

/// The folder of the C# programs: `tests/oracles/mono`.
fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oracles/mono")
}
