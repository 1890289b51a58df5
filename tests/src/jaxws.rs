//! The JAX-WS Reference Implementation (Metro, Java's SOAP stack) as an interop peer: where
//! `scripts/test.sh` found it, `wsimport` and `javac` turning a contract and the Java programs of
//! `tests/oracles/java/` into classes once per test binary, and those programs run by `java` as
//! child processes ([`crate::child`]), each killed when its guard is dropped, every wait bounded
//! by a timeout.
//!
//! `scripts/test.sh` installs Debian's `libjaxws-java` (JAX-WS 2.3, `javax.xml.ws`, no longer in
//! the JDK since Java 11) and exports `JAXWS_CLASSPATH`, the jars of its tools (`wsimport`) and
//! runtime. Without it, `java` or `javac`, a test is skipped loudly, and fails in CI
//! ([`skip_unless_ci`]).
//!
//! [`Jaxws::compile`] runs `wsimport` on a [`Contract`]'s WSDL and compiles its stubs (and a
//! skeleton service of each port, `-generateJWS`) with the contract's programs; the classes are
//! kept under the system's temporary folder, named by a hash of everything they are made from,
//! so a second test (or run) with the same inputs reuses them. [`JavaPrograms::client`] runs a
//! client program to its end and reads the JSON it prints; [`JavaPrograms::server`] starts a
//! service program, a [`PeerServer`].

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
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

/// The environment variable holding the JAX-WS RI's class path (its tools' and runtime's jars).
pub const JAXWS_CLASSPATH: &str = "JAXWS_CLASSPATH";

/// How long a Java program may take to start listening, or to run to its end: a JVM and JAX-WS
/// start in about two seconds, but CI machines are slow and shared.
pub const TIMEOUT: Duration = Duration::from_secs(90);

/// How long `wsimport` or `javac` may take: EMail.wsdl's 140 classes compile in under ten
/// seconds here.
const COMPILE_TIMEOUT: Duration = Duration::from_secs(300);

/// A WSDL and the Java programs of `tests/oracles/java/` that use its stubs.
#[derive(Debug, Clone)]
pub struct Contract {
    /// The Java package of the stubs (`wsimport -p`), which the programs import.
    pub package: &'static str,
    /// The WSDL.
    pub wsdl: PathBuf,
    /// A JAX-WS customization file (`wsimport -b`), in `tests/oracles/java/`.
    pub bindings: Option<&'static str>,
    /// Whether the WSDL has a SOAP 1.2 binding, which `wsimport` reads only with `-extension`
    /// (JAX-WS 2.x standardizes WSDL 1.1's SOAP 1.1 binding alone).
    pub soap12: bool,
    /// The programs' source files in `tests/oracles/java/`.
    pub sources: &'static [&'static str],
}

/// The JAX-WS RI, installed and runnable.
#[derive(Debug, Clone)]
pub struct Jaxws {
    classpath: OsString,
}

/// The contracts compiled by this test binary: package → folder of the classes.
static COMPILED: Mutex<BTreeMap<&'static str, PathBuf>> = Mutex::new(BTreeMap::new());

impl Jaxws {
    /// The JAX-WS RI as `scripts/test.sh` found it, or `None` (after a loud message) when
    /// `JAXWS_CLASSPATH` is not set, names a jar that is not there, or `java` or `javac` does not
    /// run.
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`.
    pub fn locate(test: &str) -> Option<Jaxws> {
        let Some(classpath) = std::env::var_os(JAXWS_CLASSPATH).filter(|cp| !cp.is_empty()) else {
            skip_unless_ci(&format!(
                "{test} needs the JAX-WS RI: {JAXWS_CLASSPATH} is not set (run `bash \
                 scripts/test.sh`, which installs Debian's libjaxws-java where java and javac are)"
            ));
            return None;
        };
        if let Some(missing) = std::env::split_paths(&classpath).find(|jar| !jar.is_file()) {
            skip_unless_ci(&format!(
                "{test} needs the JAX-WS RI, but {JAXWS_CLASSPATH} names {}, which is not there \
                 (run `bash scripts/test.sh` to install it)",
                missing.display()
            ));
            return None;
        }
        if let Some(tool) = jdk_tool_missing() {
            skip_unless_ci(&format!(
                "{test} needs the JAX-WS RI, but `{tool}` does not run (install a JDK)"
            ));
            return None;
        }
        Some(Jaxws { classpath })
    }

    /// The classes of `contract`: its stubs (`wsimport`) and programs (`javac`), made once per
    /// test binary (tests asking at once wait for the first), and reused across runs while
    /// their inputs are the same.
    ///
    /// # Panics
    ///
    /// When `wsimport` or `javac` fails or runs longer than its timeout.
    pub fn compile(&self, contract: &Contract) -> JavaPrograms {
        // Held while building: a second test waits for the first's classes.
        let mut compiled = COMPILED.lock().unwrap_or_else(PoisonError::into_inner);
        let classes = match compiled.get(contract.package) {
            Some(classes) => classes.clone(),
            None => {
                let classes = self.build(contract);
                compiled.insert(contract.package, classes.clone());
                classes
            }
        };
        let entries = std::iter::once(classes).chain(std::env::split_paths(&self.classpath));
        let classpath = std::env::join_paths(entries)
            .unwrap_or_else(|e| panic!("cannot make a class path of {:?}: {e}", self.classpath));
        JavaPrograms { classpath }
    }

    /// Builds `contract`'s classes unless a folder of them made from the same inputs exists
    /// ([`build_cache::cached`]).
    fn build(&self, contract: &Contract) -> PathBuf {
        build_cache::cached(
            "jaxws-oracle",
            contract.package,
            self.inputs(contract),
            |built| self.build_into(contract, built),
        )
    }

    /// Makes `contract`'s classes in the folder `built`: wsimport's stubs in `built/src`
    /// (removed once compiled), compiled with the programs into `built`.
    fn build_into(&self, contract: &Contract, built: &Path) {
        let sources = built.join("src");
        fs::create_dir_all(&sources).unwrap_or_else(|e| panic!("cannot create {sources:?}: {e}"));

        let mut wsimport = java_command(&self.classpath);
        wsimport
            .arg("com.sun.tools.ws.WsImport")
            .args(["-quiet", "-Xnocompile", "-XadditionalHeaders", "-p"])
            .arg(contract.package)
            .arg("-s")
            .arg(&sources)
            // A skeleton service of each port (every operation answers nothing), for a service
            // program to extend with the operations its test calls.
            .arg("-generateJWS")
            .arg("-implDestDir")
            .arg(&sources);
        if contract.soap12 {
            wsimport.arg("-extension");
        }
        if let Some(bindings) = contract.bindings {
            wsimport.arg("-b").arg(programs_dir().join(bindings));
        }
        wsimport.arg(&contract.wsdl);
        child::run(wsimport, "wsimport", "", COMPILE_TIMEOUT);

        let stubs = sources.join(contract.package);
        let mut javac = Command::new("javac");
        javac
            .args(["-encoding", "UTF-8", "-nowarn", "-XDsuppressNotes", "-d"])
            .arg(built)
            .arg("-cp")
            .arg(&self.classpath);
        let generated = fs::read_dir(&stubs).unwrap_or_else(|e| panic!("{stubs:?}: {e}"));
        for file in generated {
            let path = file.unwrap_or_else(|e| panic!("{stubs:?}: {e}")).path();
            if path.extension() == Some(OsStr::new("java")) {
                javac.arg(path);
            }
        }
        javac.args(
            contract
                .sources
                .iter()
                .map(|source| programs_dir().join(source)),
        );
        piped(&mut javac);
        child::run(javac, "javac", "", COMPILE_TIMEOUT);
        let _ = fs::remove_dir_all(&sources);
    }

    /// A hash of what `contract`'s classes are made from: the WSDL (its path, which wsimport
    /// writes into the stubs, and its text), the customization, the programs, the class path.
    fn inputs(&self, contract: &Contract) -> u64 {
        let mut hasher = DefaultHasher::new();
        let read = |path: &Path| fs::read(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        contract.package.hash(&mut hasher);
        contract.wsdl.hash(&mut hasher);
        read(&contract.wsdl).hash(&mut hasher);
        contract.soap12.hash(&mut hasher);
        for file in contract.bindings.iter().chain(contract.sources) {
            file.hash(&mut hasher);
            read(&programs_dir().join(file)).hash(&mut hasher);
        }
        self.classpath.hash(&mut hasher);
        hasher.finish()
    }
}

/// A contract's compiled Java programs (see [`Jaxws::compile`]).
#[derive(Debug, Clone)]
pub struct JavaPrograms {
    classpath: OsString,
}

impl JavaPrograms {
    /// Runs the client program `class` with `args` to its end: the JSON it printed.
    ///
    /// # Panics
    ///
    /// When the program fails (JAX-WS could not call or read an answer: its error is printed),
    /// prints no JSON, or runs longer than [`TIMEOUT`].
    pub fn client(&self, class: &str, args: &[&str]) -> Value {
        let mut command = self.java(class);
        command.args(args);
        let output = child::run(command, class, "", TIMEOUT);
        serde_json::from_str(&output)
            .unwrap_or_else(|e| panic!("{class} printed {output:?}, not JSON: {e}"))
    }

    /// Starts the service program `class` with `args`; it listens on 127.0.0.1.
    ///
    /// # Panics
    ///
    /// When the program fails or does not listen within [`TIMEOUT`].
    pub fn server(&self, class: &str, args: &[&str]) -> PeerServer {
        let mut command = self.java(class);
        command.args(args);
        PeerServer::start(command, class, TIMEOUT)
    }

    /// `java -cp … CLASS`.
    fn java(&self, class: &str) -> Command {
        let mut command = java_command(&self.classpath);
        command.arg(class);
        command
    }
}

/// `java -cp CLASSPATH` with the options of a short-lived JVM.
fn java_command(classpath: &OsStr) -> Command {
    let mut command = Command::new("java");
    command
        .args(["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"])
        // SAAJ otherwise finds its implementation by a deprecated service name, and warns.
        .arg("-Djavax.xml.soap.SAAJMetaFactory=com.sun.xml.messaging.saaj.soap.SAAJMetaFactoryImpl")
        // Without monitoring: Debian leaves the classes of its JMX monitoring off the runtime's
        // class path, and a service warns of it when it starts.
        .arg("-Dcom.sun.xml.ws.monitoring.endpoint=false")
        .arg("-cp")
        .arg(classpath);
    piped(&mut command);
    command
}

/// The first of the JDK's `java` and `javac` that does not run, if any.
pub(crate) fn jdk_tool_missing() -> Option<&'static str> {
    ["java", "javac"].into_iter().find(|tool| {
        !Command::new(tool)
            .arg("-version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    })
}

/// Standard input and output piped, standard error passed through (the peer's complaints show
/// in the test's output).
pub(crate) fn piped(command: &mut Command) {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
}

/// The folder of the Java programs: `tests/oracles/java`.
pub(crate) fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oracles/java")
}
