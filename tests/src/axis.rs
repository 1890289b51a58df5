//! Apache Axis 1 (1.4, the classic Java rpc/encoded SOAP stack still behind many legacy
//! services, which JAX-WS cannot stand in for: JAX-WS refuses SOAP encoding) as an interop peer:
//! the Java programs of `tests/oracles/java/axis/` compiled by `javac` once per test binary, and
//! run by `java` as child processes ([`crate::child`]), each killed when its guard is dropped,
//! every wait bounded by a timeout.
//!
//! `scripts/test.sh` installs Debian's `libaxis-java` and exports `AXIS_CLASSPATH`, the jars of
//! Axis and of what it needs (JAX-RPC, SAAJ, commons-discovery, commons-logging, WSDL4J,
//! activation and mail). Without it, `java` or `javac`, a test is skipped loudly, and fails in
//! CI ([`skip_unless_ci`]).
//!
//! [`Axis::client`] runs a client program to its end and reads the JSON it prints;
//! [`Axis::server`] starts a service program (under Axis's own `SimpleAxisServer`), a
//! [`PeerServer`].
//!
//! The programs call Axis's dynamic client (`Service`/`Call`) with the contract's types
//! registered by hand: Axis's `WSDL2Java` refuses a WSDL whose bindings leave some of a port
//! type's operations out, as the corpus's `rpc.wsdl` does. The classes are kept under the
//! system's temporary folder, named by a hash of the sources and the class path, so a second
//! test (or run) reuses them.

use std::collections::hash_map::DefaultHasher;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serde_json::Value;

use crate::build_cache;
use crate::child::{self, PeerServer};
use crate::jaxws::{jdk_tool_missing, piped, programs_dir};
use crate::shared::skip_unless_ci;

/// The environment variable holding Axis 1's class path (its jars and their dependencies').
pub const AXIS_CLASSPATH: &str = "AXIS_CLASSPATH";

/// How long a Java program may take to run to its end: a JVM and Axis start in about a second,
/// but CI machines are slow and shared.
pub const TIMEOUT: Duration = Duration::from_secs(90);

/// How long `javac` may take: the programs compile in a few seconds.
const COMPILE_TIMEOUT: Duration = Duration::from_secs(300);

/// Axis 1, installed and runnable, with its programs compiled.
#[derive(Debug, Clone)]
pub struct Axis {
    /// The programs' classes, then Axis's jars.
    classpath: OsString,
}

/// The folder of the programs' classes, once this test binary compiled them.
static COMPILED: Mutex<Option<PathBuf>> = Mutex::new(None);

impl Axis {
    /// Axis 1 as `scripts/test.sh` found it, its programs compiled, or `None` (after a loud
    /// message) when `AXIS_CLASSPATH` is not set, names a jar that is not there, or `java` or
    /// `javac` does not run.
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`; when `javac` fails.
    pub fn locate(test: &str) -> Option<Axis> {
        let Some(jars) = std::env::var_os(AXIS_CLASSPATH).filter(|cp| !cp.is_empty()) else {
            skip_unless_ci(&format!(
                "{test} needs Apache Axis 1: {AXIS_CLASSPATH} is not set (run `bash \
                 scripts/test.sh`, which installs Debian's libaxis-java where java and javac are)"
            ));
            return None;
        };
        if let Some(missing) = std::env::split_paths(&jars).find(|jar| !jar.is_file()) {
            skip_unless_ci(&format!(
                "{test} needs Apache Axis 1, but {AXIS_CLASSPATH} names {}, which is not there \
                 (run `bash scripts/test.sh` to install it)",
                missing.display()
            ));
            return None;
        }
        if let Some(tool) = jdk_tool_missing() {
            skip_unless_ci(&format!(
                "{test} needs Apache Axis 1, but `{tool}` does not run (install a JDK)"
            ));
            return None;
        }
        // Held while compiling: a second test waits for the first's classes.
        let mut compiled = COMPILED.lock().unwrap_or_else(PoisonError::into_inner);
        let classes = compiled.get_or_insert_with(|| compile(&jars)).clone();
        let entries = std::iter::once(classes).chain(std::env::split_paths(&jars));
        let classpath = std::env::join_paths(entries)
            .unwrap_or_else(|e| panic!("cannot make a class path of {jars:?}: {e}"));
        Some(Axis { classpath })
    }

    /// Runs the client program `class` with `args` to its end: the JSON it printed.
    ///
    /// # Panics
    ///
    /// When the program fails (Axis could not call or read an answer: its error is printed),
    /// prints no JSON, or runs longer than [`TIMEOUT`].
    pub fn client(&self, class: &str, args: &[&str]) -> Value {
        let output = child::run(self.java(class, args), class, "", TIMEOUT);
        serde_json::from_str(&output)
            .unwrap_or_else(|e| panic!("{class} printed {output:?}, not JSON: {e}"))
    }

    /// Starts the service program `class` with `args`; it listens on 127.0.0.1.
    ///
    /// # Panics
    ///
    /// When the program fails or does not listen within [`TIMEOUT`].
    pub fn server(&self, class: &str, args: &[&str]) -> PeerServer {
        PeerServer::start(self.java(class, args), class, TIMEOUT)
    }

    /// `java -cp … CLASS ARGS…` with the options of a short-lived JVM.
    fn java(&self, class: &str, args: &[&str]) -> Command {
        let mut command = Command::new("java");
        command
            .args(["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp"])
            .arg(&self.classpath)
            .arg(class)
            .args(args);
        piped(&mut command);
        command
    }
}

/// The file `name` of the Axis programs' folder, `tests/oracles/java/axis` (a WSDD
/// configuration a service program reads).
pub fn program_file(name: &str) -> PathBuf {
    programs_dir().join("axis").join(name)
}

/// The programs of `tests/oracles/java/axis/` compiled against `jars`, unless a folder of them
/// made from the same inputs exists ([`build_cache::cached`]).
fn compile(jars: &OsStr) -> PathBuf {
    let sources_dir = programs_dir().join("axis");
    let mut sources: Vec<PathBuf> = fs::read_dir(&sources_dir)
        .unwrap_or_else(|e| panic!("{sources_dir:?}: {e}"))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{sources_dir:?}: {e}"))
                .path()
        })
        .filter(|path| path.extension() == Some(OsStr::new("java")))
        .collect();
    sources.sort();
    let mut hasher = DefaultHasher::new();
    jars.hash(&mut hasher);
    for source in &sources {
        source.hash(&mut hasher);
        fs::read(source)
            .unwrap_or_else(|e| panic!("{source:?}: {e}"))
            .hash(&mut hasher);
    }
    build_cache::cached("axis-oracle", "classes", hasher.finish(), |built| {
        let mut javac = Command::new("javac");
        javac
            .args(["-encoding", "UTF-8", "-nowarn", "-XDsuppressNotes", "-d"])
            .arg(built)
            .arg("-cp")
            .arg(jars)
            .args(&sources);
        piped(&mut javac);
        child::run(javac, "javac", "", COMPILE_TIMEOUT);
    })
}
