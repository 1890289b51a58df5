//! KDSoap (1.9, KDAB's Qt-based C++ SOAP stack, much used to talk to WCF and ASMX services) as
//! an interop peer: where `scripts/test.sh` installed it, its code generator `kdwsdl2cpp`
//! (with `-server`, which writes the client's service class and jobs and the service's base
//! class) turns a [`Contract`]'s WSDL into Qt classes, Qt's `moc` adds their meta-objects, and
//! `g++` compiles them with the contract's program of `tests/oracles/kdsoap/` into one
//! executable, linked with Qt 5 and `libkdsoap`/`libkdsoap-server`; that program is run as a
//! child process ([`crate::child`]) in either role, killed when its guard is dropped, every
//! wait bounded by a timeout.
//!
//! `scripts/test.sh` installs Debian's `libkdsoap-dev` (which brings `kdwsdl2cpp`, both
//! libraries and `qtbase5-dev`) where it is missing. Without it, `pkg-config`'s Qt 5 or
//! `g++`, a test is skipped loudly, and fails in CI ([`skip_unless_ci`]).
//!
//! [`Kdsoap::compile`] builds a contract's program once per test binary (tests asking at once
//! wait for the first), kept under the system's temporary folder, named by a hash of everything
//! it is made from (the WSDL's folder, the programs' folder, kdwsdl2cpp's and Qt's versions),
//! so a second run with the same inputs reuses it. [`NativeProgram::client`] runs the program
//! as a client to its end and reads the JSON it prints; [`NativeProgram::server`] starts it as
//! a service, a [`PeerServer`](crate::child::PeerServer), answering at the path of the WSDL's
//! address only (KDSoap's server serves one path).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::build_cache;
use crate::child::{self, tool, NativeProgram};
use crate::shared::skip_unless_ci;

/// How long a program may take to start listening, or to run to its end as a client.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// How long `kdwsdl2cpp`, `moc` or `g++` may take: a contract's program compiles in about
/// twelve seconds here (`-O0`), but CI machines are slow and shared.
const COMPILE_TIMEOUT: Duration = Duration::from_secs(300);

/// Qt 5's `moc`, where Debian's `qtbase5-dev-tools` puts it (`/usr/bin/moc` is qtchooser's,
/// which may pick another Qt).
const MOC: &str = "/usr/lib/qt5/bin/moc";

/// The Qt 5 modules the programs and KDSoap use, as `pkg-config` names them.
const QT_MODULES: [&str; 3] = ["Qt5Core", "Qt5Network", "Qt5Xml"];

/// A WSDL and the program of `tests/oracles/kdsoap/` written on what kdwsdl2cpp makes of it.
#[derive(Debug, Clone)]
pub struct Contract {
    /// The program's name: its source is `tests/oracles/kdsoap/NAME.cpp`.
    pub program: &'static str,
    /// The WSDL; the schemas it imports are in its folder.
    pub wsdl: PathBuf,
}

/// KDSoap's generator and libraries, Qt 5's `moc` and flags, and `g++`, installed and
/// runnable.
#[derive(Debug, Clone)]
pub struct Kdsoap {
    /// What `kdwsdl2cpp -v` and `pkg-config --modversion Qt5Core` printed, inputs whose hash
    /// names a cached program.
    versions: String,
    /// `pkg-config --cflags` of [`QT_MODULES`], split at blanks.
    cflags: Vec<String>,
    /// `pkg-config --libs` of [`QT_MODULES`], split at blanks.
    libs: Vec<String>,
}

impl Kdsoap {
    /// KDSoap as `scripts/test.sh` installed it, or `None` (after a loud message) when
    /// `kdwsdl2cpp`, `moc`, `pkg-config` (with Qt 5) or `g++` does not run, or KDSoap's
    /// server header is not there.
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`.
    pub fn locate(test: &str) -> Option<Kdsoap> {
        let runs = |program: &str, args: &[&str]| {
            Command::new(program)
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .output()
                .ok()
                .filter(|output| output.status.success())
                .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        };
        let missing = |what: &str| {
            skip_unless_ci(&format!(
                "{test} needs KDSoap, but {what} (run `bash scripts/test.sh`, which installs \
                 Debian's libkdsoap-dev where g++ is)"
            ));
            None
        };
        let Some(generator) = runs("kdwsdl2cpp", &["-v"]) else {
            return missing("`kdwsdl2cpp` does not run");
        };
        if runs(MOC, &["-v"]).is_none() {
            return missing("Qt 5's `moc` does not run");
        }
        let pkg_config = |what: &str| {
            let mut args = vec![what];
            args.extend(QT_MODULES);
            runs("pkg-config", &args)
        };
        let (Some(qt), Some(cflags), Some(libs)) = (
            runs("pkg-config", &["--modversion", QT_MODULES[0]]),
            pkg_config("--cflags"),
            pkg_config("--libs"),
        ) else {
            return missing("`pkg-config` does not know Qt 5 (qtbase5-dev)");
        };
        if runs("g++", &["--version"]).is_none() {
            return missing("`g++` does not run");
        }
        if !Path::new("/usr/include/KDSoapServer/KDSoapServer.h").is_file() {
            return missing("/usr/include/KDSoapServer/KDSoapServer.h is not there");
        }
        let words = |text: String| text.split_whitespace().map(str::to_owned).collect();
        Some(Kdsoap {
            versions: format!("{generator} / Qt {qt}"),
            cflags: words(cflags),
            libs: words(libs),
        })
    }

    /// `contract`'s program, built once per test binary and reused across runs while its
    /// inputs are the same.
    ///
    /// # Panics
    ///
    /// When `kdwsdl2cpp`, `moc` or `g++` fails or runs longer than its timeout.
    pub fn compile(&self, contract: &Contract) -> NativeProgram {
        let executable = build_cache::program(
            "kdsoap-oracle",
            contract.program,
            || self.inputs(contract),
            |work| self.build_into(contract, work),
        );
        NativeProgram::new(executable, contract.program, TIMEOUT)
    }

    /// Makes `contract`'s program in the folder `work`, with what kdwsdl2cpp writes there.
    fn build_into(&self, contract: &Contract, work: &Path) {
        // The contract's classes, client and service (contract.h, contract.cpp).
        let mut kdwsdl2cpp = tool("kdwsdl2cpp", work);
        kdwsdl2cpp
            .args(["-server", "-use-local-files-only", "-both", "contract"])
            .arg(&contract.wsdl);
        child::run(kdwsdl2cpp, "kdwsdl2cpp", "", COMPILE_TIMEOUT);
        // Their meta-objects (signals, slots, the server base's Q_INTERFACES, whose
        // declaration moc must read from KDSoap's headers).
        let mut moc = tool(MOC, work);
        moc.arg("-I/usr/include")
            .args(self.cflags.iter().filter(|flag| flag.starts_with("-I")))
            .args(["contract.h", "-o", "moc_contract.cpp"]);
        child::run(moc, "moc", "", COMPILE_TIMEOUT);

        let mut gxx = Command::new("g++");
        gxx.current_dir(work)
            .args(["-O0", "-w", "-fPIC", "-I."])
            .arg("-I")
            .arg(programs_dir())
            .args(&self.cflags)
            .args(["-o", contract.program])
            .arg(programs_dir().join(format!("{}.cpp", contract.program)))
            .args([
                "contract.cpp",
                "moc_contract.cpp",
                "-lkdsoap-server",
                "-lkdsoap",
            ])
            .args(&self.libs)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        child::run(gxx, "g++", "", COMPILE_TIMEOUT);
    }

    /// A hash of what `contract`'s program is made from: the files of the WSDL's folder (the
    /// schemas it imports are there), those of the programs' folder, the versions.
    fn inputs(&self, contract: &Contract) -> u64 {
        build_cache::contract_inputs(
            contract.program,
            &contract.wsdl,
            &programs_dir(),
            &self.versions,
        )
    }
}

/// The folder of the KDSoap programs: `tests/oracles/kdsoap`.
fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oracles/kdsoap")
}
