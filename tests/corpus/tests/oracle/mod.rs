//! What the Python oracle tests share: finding the Python that has zeep and xmlschema,
//! running a zeep script that prints JSON, and validating a document we write with xmlschema.

use std::io::Write;
use std::process::Command;

use serde_json::Value;

/// The Python with zeep and xmlschema, or `None` (after a loud message) when the oracles are not set up.
pub fn python(test: &str) -> Option<String> {
    match std::env::var("ORACLE_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
    {
        Some(python) => Some(python),
        None => {
            assert!(
                std::env::var_os("CI").is_none_or(|v| v.is_empty()),
                "{test}: ORACLE_PYTHON is not set, and CI must run the Python oracles"
            );
            let _ = writeln!(
                std::io::stderr(),
                "\n!!! SKIPPED: python oracles unavailable: {test} needs ORACLE_PYTHON (scripts/test.sh sets it up) !!!\n"
            );
            None
        }
    }
}

/// Runs the Python `script` with `args` (`python -c script args…`) in a blocking task, and
/// parses what it prints as JSON; fails the test when the script fails.
#[allow(dead_code)] // Not every test binary that shares this module runs a script.
pub async fn run_script(python: &str, script: &'static str, args: Vec<String>) -> Value {
    let python = python.to_string();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(python)
            .arg("-c")
            .arg(script)
            .args(args)
            .output()
            .expect("run python")
    })
    .await
    .expect("the python task");
    assert!(
        output.status.success(),
        "the script failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

/// Python that builds `xsd`, an `xmlschema.XMLSchema` of every schema the WSDL named by
/// `sys.argv[1]` holds (each made standalone, with the WSDL's namespace declarations, and
/// with relative `schemaLocation`s resolved against the WSDL's folder), and reads the document
/// to check into `document` from standard input. A validating script starts with it.
#[allow(dead_code)] // Not every test binary that shares this module validates with xmlschema.
pub const XMLSCHEMA_OF_WSDL: &str = r#"
import copy, io, os, sys, xmlschema
from lxml import etree
def standalone(s):
    n = etree.Element(s.tag, dict(s.attrib), nsmap=s.nsmap)
    n.extend(copy.deepcopy(c) for c in s)
    return io.StringIO(etree.tostring(n, encoding="unicode"))
wsdl = sys.argv[1]
schemas = [standalone(s) for s in etree.parse(wsdl).iter("{http://www.w3.org/2001/XMLSchema}schema")]
xsd = xmlschema.XMLSchema(schemas, base_url=os.path.dirname(wsdl))
document = sys.stdin.read()
"#;

/// Runs `XMLSCHEMA_OF_WSDL` then `script` on the WSDL at `wsdl` with `document` on standard
/// input, and returns what the script prints; fails the test when xmlschema refuses the
/// document or the script fails.
#[allow(dead_code)] // Not every test binary that shares this module validates with xmlschema.
pub fn xmlschema_check(python: &str, wsdl: &str, script: &str, document: &[u8]) -> String {
    let mut child = Command::new(python)
        .arg("-c")
        .arg(format!("{XMLSCHEMA_OF_WSDL}{script}"))
        .arg(wsdl)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(document)
        .expect("the document is sent");
    let output = child.wait_with_output().expect("python ends");
    assert!(
        output.status.success(),
        "xmlschema refused our document: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}
