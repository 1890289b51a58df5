//! gSOAP (2.8, Genivia's C/C++ SOAP stack, on embedded devices and behind many industrial and
//! ONVIF services) as an interop peer: where `scripts/test.sh` installed it, `wsdl2h` and
//! `soapcpp2` turn a [`Contract`]'s WSDL into C++ serializers, client stubs and service
//! skeletons, which `g++` compiles with the contract's program of `tests/oracles/gsoap/` into
//! one executable; that program is run as a child process ([`crate::child`]) in either role,
//! killed when its guard is dropped, every wait bounded by a timeout.
//!
//! `scripts/test.sh` installs Debian's `gsoap` (the two tools) and `libgsoap-dev` (`stdsoap2.h`,
//! `libgsoap++`) where they are missing. Without them or `g++`, a test is skipped loudly, and
//! fails in CI ([`skip_unless_ci`]).
//!
//! [`Gsoap::compile`] builds a contract's program once per test binary (tests asking at once
//! wait for the first), kept under the system's temporary folder, named by a hash of everything
//! it is made from (the WSDL's folder, the programs' folder, gSOAP's version), so a second
//! run with the same inputs reuses it. [`NativeProgram::client`] runs the program as a client to
//! its end and reads the JSON it prints; [`NativeProgram::server`] starts it as a service, a
//! [`PeerServer`](crate::child::PeerServer).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::build_cache;
use crate::child::{self, tool, NativeProgram};
use crate::shared::skip_unless_ci;

/// How long a program may take to start listening, or to run to its end as a client.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// How long `wsdl2h`, `soapcpp2` or `g++` may take: a contract's program compiles in about ten
/// seconds here (`-O0`), but CI machines are slow and shared.
const COMPILE_TIMEOUT: Duration = Duration::from_secs(300);

/// A WSDL and the program of `tests/oracles/gsoap/` written on what gSOAP makes of it.
#[derive(Debug, Clone)]
pub struct Contract {
    /// The program's name: its source is `tests/oracles/gsoap/NAME.cpp`.
    pub program: &'static str,
    /// The WSDL; the schemas it imports are in its folder.
    pub wsdl: PathBuf,
    /// gSOAP's own headers (of `/usr/share/gsoap/import`) the program needs beside the
    /// contract's, `#import`ed at the end of wsdl2h's header: `wsa5.h` gives the SOAP Header
    /// WS-Addressing 1.0's elements.
    pub imports: &'static [&'static str],
}

/// gSOAP's tools and library, and `g++`, installed and runnable.
#[derive(Debug, Clone)]
pub struct Gsoap {
    /// What `soapcpp2 -V` printed, one of the inputs whose hash names a cached program.
    version: String,
}

impl Gsoap {
    /// gSOAP as `scripts/test.sh` installed it, or `None` (after a loud message) when
    /// `wsdl2h`, `soapcpp2` or `g++` does not run, or `stdsoap2.h` is not there.
    ///
    /// # Panics
    ///
    /// In CI (env `CI` set) instead of returning `None`.
    pub fn locate(test: &str) -> Option<Gsoap> {
        let runs = |program: &str, arg: &str| {
            Command::new(program)
                .arg(arg)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .output()
                .ok()
                .filter(|output| output.status.success())
        };
        let missing = |what: &str| {
            skip_unless_ci(&format!(
                "{test} needs gSOAP, but {what} (run `bash scripts/test.sh`, which installs \
                 Debian's gsoap and libgsoap-dev where g++ is)"
            ));
            None
        };
        if runs("wsdl2h", "-V").is_none() {
            return missing("`wsdl2h` does not run");
        }
        let Some(version) = runs("soapcpp2", "-V") else {
            return missing("`soapcpp2` does not run");
        };
        if runs("g++", "--version").is_none() {
            return missing("`g++` does not run");
        }
        if !Path::new("/usr/include/stdsoap2.h").is_file() {
            return missing("/usr/include/stdsoap2.h is not there (libgsoap-dev)");
        }
        Some(Gsoap {
            version: String::from_utf8_lossy(&version.stdout).trim().to_owned(),
        })
    }

    /// `contract`'s program, built once per test binary and reused across runs while its
    /// inputs are the same.
    ///
    /// # Panics
    ///
    /// When `wsdl2h`, `soapcpp2` or `g++` fails or runs longer than its timeout.
    pub fn compile(&self, contract: &Contract) -> NativeProgram {
        let executable = build_cache::program(
            "gsoap-oracle",
            contract.program,
            || self.inputs(contract),
            |work| Self::build_into(contract, work),
        );
        NativeProgram::new(executable, contract.program, TIMEOUT)
    }

    /// Makes `contract`'s program in the folder `work`, with what wsdl2h and soapcpp2 write.
    fn build_into(contract: &Contract, work: &Path) {
        // The contract as gSOAP's annotated header, its prefixes from typemap.dat.
        let mut wsdl2h = tool("wsdl2h", work);
        wsdl2h
            .arg("-t")
            .arg(programs_dir().join("typemap.dat"))
            .args(["-o", "contract.h"])
            .arg(&contract.wsdl);
        child::run(wsdl2h, "wsdl2h", "", COMPILE_TIMEOUT);
        if !contract.imports.is_empty() {
            let header = work.join("contract.h");
            let mut text =
                fs::read_to_string(&header).unwrap_or_else(|e| panic!("{header:?}: {e}"));
            for import in contract.imports {
                text.push_str(&format!("#import \"{import}\"\n"));
            }
            fs::write(&header, text).unwrap_or_else(|e| panic!("{header:?}: {e}"));
        }
        // Its serializers (soapC.cpp), client stubs and service skeleton, without the sample
        // messages, the WSDL and schemas soapcpp2 would write back, and the libraries' files.
        let mut soapcpp2 = tool("soapcpp2", work);
        soapcpp2.args(["-L", "-x", "-w", "contract.h"]);
        child::run(soapcpp2, "soapcpp2", "", COMPILE_TIMEOUT);

        let mut gxx = Command::new("g++");
        gxx.current_dir(work)
            .args(["-O0", "-w", "-I."])
            .arg("-I")
            .arg(programs_dir())
            .args(["-o", contract.program])
            .arg(programs_dir().join(format!("{}.cpp", contract.program)))
            .args(["soapC.cpp", "soapClient.cpp", "soapServer.cpp", "-lgsoap++"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        child::run(gxx, "g++", "", COMPILE_TIMEOUT);
    }

    /// A hash of what `contract`'s program is made from: the files of the WSDL's folder (the
    /// schemas it imports are there), those of the programs' folder, gSOAP's version.
    fn inputs(&self, contract: &Contract) -> u64 {
        build_cache::contract_inputs(
            contract.program,
            &contract.wsdl,
            &programs_dir(),
            (contract.imports, &self.version),
        )
    }
}

/// The folder of the gSOAP programs: `tests/oracles/gsoap`.
fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oracles/gsoap")
}
