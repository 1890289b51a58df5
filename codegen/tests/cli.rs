//! The command line: `generate` (with `--check` and its exit code 3), `inspect`, the EMail
//! default, `--help`, and the `Builder` behind them (inputs for `rerun-if-changed`, writing only
//! on change, module docs).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/wsdl");

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wsdl-codegen"))
        .args(args)
        .output()
        .expect("run wsdl-codegen")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh scratch directory for one test (its path, and the guard that removes it with
/// everything in it when dropped).
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch.path().to_path_buf();
    (scratch, dir)
}

#[test]
fn generate_then_check_then_stale() {
    let (_scratch, dir) = scratch();
    let out = dir.join("operations.rs");
    let wsdl = format!("{CORPUS}/operations.wsdl");
    let out_arg = out.to_string_lossy().into_owned();

    let check = run(&["generate", &wsdl, "--out", &out_arg, "--check"]);
    assert_eq!(check.status.code(), Some(3), "{check:?}");
    assert!(text(&check.stderr).contains("does not exist"), "{check:?}");

    let written = run(&["generate", &wsdl, "--out", &out_arg]);
    assert!(written.status.success(), "{written:?}");
    assert!(text(&written.stdout).starts_with("wrote "), "{written:?}");
    let again = run(&["generate", &wsdl, "--out", &out_arg]);
    assert!(text(&again.stdout).starts_with("unchanged: "), "{again:?}");
    let check = run(&["generate", &wsdl, "--out", &out_arg, "--check"]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");

    let current = std::fs::read_to_string(&out).expect("read output");
    let edited = current.replacen("pub struct Ping {", "pub struct Pong {", 1);
    std::fs::write(&out, edited).expect("edit output");
    let check = run(&["generate", &wsdl, "--out", &out_arg, "--check"]);
    assert_eq!(check.status.code(), Some(3), "{check:?}");
    let summary = text(&check.stderr);
    assert!(summary.contains("is stale: lines "), "{summary}");
    assert!(summary.contains("  - pub struct Pong {"), "{summary}");
    assert!(summary.contains("  + pub struct Ping {"), "{summary}");
    assert!(summary.lines().count() < 12, "a short summary:\n{summary}");
}

#[test]
fn generate_picks_the_port_and_documents_the_module() {
    let (_scratch, dir) = scratch();
    let out = dir.join("greeter.rs");
    let out_arg = out.to_string_lossy().into_owned();
    let wsdl = format!("{CORPUS}/wcf_greeter.wsdl");

    let ambiguous = run(&["generate", &wsdl, "--out", &out_arg]);
    assert_eq!(ambiguous.status.code(), Some(1), "{ambiguous:?}");
    let message = text(&ambiguous.stderr);
    assert!(message.contains("several SOAP ports match"), "{message}");
    assert!(
        message.contains("GreeterService/WSHttpBinding_IGreeter (SOAP 1.2)"),
        "{message}"
    );

    let picked = run(&[
        "generate",
        &wsdl,
        "--out",
        &out_arg,
        "--soap-version",
        "1.2",
        "--module-doc",
        "Greeter bindings.\n\nGenerated for the tests.",
    ]);
    assert!(picked.status.success(), "{picked:?}");
    let code = std::fs::read_to_string(&out).expect("read output");
    assert!(
        code.contains("\n//! Greeter bindings.\n//!\n//! Generated for the tests.\n\nuse "),
        "{code}"
    );
    assert!(code.contains("Client::new(endpoint).with_version(SoapVersion::Soap12)"));

    let unknown = run(&["generate", &wsdl, "--out", &out_arg, "--port", "Nope"]);
    assert_eq!(unknown.status.code(), Some(1), "{unknown:?}");
    assert!(
        text(&unknown.stderr).contains("no SOAP port or binding matches"),
        "{unknown:?}"
    );
}

#[test]
fn inspect_shows_rust_signatures_actions_headers_and_faults() {
    let output = run(&["inspect", &format!("{CORPUS}/operations.wsdl"), "--types"]);
    assert!(output.status.success(), "{output:?}");
    let shown = text(&output.stdout);
    for expected in [
        "port OrdersSoap12: SOAP 1.2 at http://localhost/orders.svc",
        "client OrdersClient, server trait OrdersService, server OrdersServer at /orders.svc",
        "type Error = soap_runtime::Error<NoServiceFailure, OrdersFault>",
        "async fn place_order(&self, sku: String, quantity: i32) -> Result<i64, Error>",
        "PlaceOrder, action \"urn:example:operations/PlaceOrder\"",
        "headers in: [session: String], out: [trace: String]",
        "faults: OrdersFault::InvalidOrder (InvalidOrderFault), OrdersFault::OutOfStock (OutOfStockFault)",
        "async fn notify(&self, text: String) -> Result<(), Error>",
        "Notify (one-way)",
        "request (empty body), response (empty body)",
        "struct InvalidOrderFault { reason: String, field: Option<String> }",
    ] {
        assert!(shown.contains(expected), "missing `{expected}` in:\n{shown}");
    }
}

#[test]
fn inspect_shows_several_wsdls_each_under_its_path() {
    let orders = format!("{CORPUS}/operations.wsdl");
    let greeter = format!("{CORPUS}/wcf_greeter.wsdl");
    let output = run(&["inspect", &orders, &greeter]);
    assert!(output.status.success(), "{output:?}");
    let shown = text(&output.stdout);
    let first = shown
        .find(&format!("== {orders} =="))
        .expect("the first path");
    let second = shown
        .find(&format!("\n\n== {greeter} =="))
        .expect("the second path");
    assert!(first < second, "{shown}");
    assert!(
        shown[first..second].contains("async fn place_order("),
        "{shown}"
    );
    assert!(shown[second..].contains("service GreeterAdmin"), "{shown}");
    // One WSDL alone is shown as before, without a path line.
    let alone = text(&run(&["inspect", &orders]).stdout);
    assert!(!alone.contains("=="), "{alone}");
}

#[test]
fn inspect_lists_every_service_and_port() {
    let output = run(&["inspect", &format!("{CORPUS}/wcf_greeter.wsdl")]);
    assert!(output.status.success(), "{output:?}");
    let shown = text(&output.stdout);
    assert!(shown.contains("service GreeterService"), "{shown}");
    assert!(shown.contains("service GreeterAdmin"), "{shown}");
    assert!(
        shown.contains("generate with: --service GreeterService --port WSHttpBinding_IGreeter"),
        "{shown}"
    );
    assert!(
        shown.contains("async fn purge(&self, older_than: Option<Duration>) -> Result<i32, Error>"),
        "{shown}"
    );
}

#[test]
fn inspect_of_a_broken_wsdl_is_a_located_error() {
    let broken = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/broken/bad-process-contents.wsdl"
    );
    let output = run(&["inspect", broken]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(
        text(&output.stderr).contains("bad-process-contents.wsdl:12:11"),
        "{output:?}"
    );
}

#[test]
fn help_explains_commands_and_exit_codes() {
    let output = run(&["--help"]);
    assert!(output.status.success(), "{output:?}");
    let help = text(&output.stdout);
    for expected in [
        "generate",
        "inspect",
        "Exit codes:",
        "3  --check",
        "regenerate the EMail bindings",
    ] {
        assert!(help.contains(expected), "missing `{expected}` in:\n{help}");
    }
    let output = run(&["generate", "--help"]);
    let help = text(&output.stdout);
    assert!(help.contains("--soap-version <VERSION>"), "{help}");
    assert!(help.contains("--module-doc <TEXT>"), "{help}");
    let usage = run(&["generate"]);
    assert_eq!(usage.status.code(), Some(2), "{usage:?}");
}

#[test]
fn builder_lists_every_input_for_rerun_if_changed() {
    let wsdl = Path::new(CORPUS).join("multifile/service.wsdl");
    let generated = wsdl_codegen::Builder::new(&wsdl)
        .output()
        .expect("generate");
    let names: Vec<String> = generated
        .inputs
        .iter()
        .map(|p| {
            let p = p.to_string_lossy().replace('\\', "/");
            p.rsplit_once("/wsdl/")
                .map_or(p.clone(), |(_, rest)| rest.to_string())
        })
        .collect();
    assert_eq!(
        names,
        [
            "multifile/service.wsdl",
            "multifile/contract/warehouse-contract.wsdl",
            "multifile/xsd/types.xsd",
            "multifile/xsd/types-lines.xsd",
            "multifile/xsd/common/common.xsd",
        ]
    );
}

#[test]
fn builder_writes_only_when_the_content_changes() {
    let (_scratch, dir) = scratch();
    let out = dir.join("shapes.rs");
    let builder = wsdl_codegen::Builder::new(Path::new(CORPUS).join("shapes.wsdl"));
    assert!(builder.write_to(&out).expect("first write"));
    let modified = std::fs::metadata(&out).and_then(|m| m.modified()).ok();
    assert!(!builder.write_to(&out).expect("second write"));
    assert_eq!(
        std::fs::metadata(&out).and_then(|m| m.modified()).ok(),
        modified
    );
    // Outside a build script there is no OUT_DIR.
    if std::env::var_os("OUT_DIR").is_none() {
        let error = builder.compile("shapes.rs").expect_err("no OUT_DIR");
        assert!(error.to_string().contains("OUT_DIR is not set"), "{error}");
    }
}

#[test]
fn generate_forces_ws_addressing_and_mtom_on_request() {
    let (_scratch, dir) = scratch();
    let wsdl = format!("{CORPUS}/operations.wsdl");
    let plain = dir.join("plain.rs");
    let forced = dir.join("forced.rs");
    let old = dir.join("submission.rs");
    let arg = |p: &Path| p.to_string_lossy().into_owned();
    assert!(run(&["generate", &wsdl, "--out", &arg(&plain)])
        .status
        .success());
    let written = run(&[
        "generate",
        &wsdl,
        "--out",
        &arg(&forced),
        "--addressing",
        "1.0",
        "--mtom",
    ]);
    assert!(written.status.success(), "{written:?}");
    let written = run(&[
        "generate",
        &wsdl,
        "--out",
        &arg(&old),
        "--addressing",
        "2004/08",
    ]);
    assert!(written.status.success(), "{written:?}");

    let plain = std::fs::read_to_string(plain).expect("read output");
    assert!(!plain.contains("ADDRESSING") && !plain.contains("with_mtom"));
    let forced = std::fs::read_to_string(forced).expect("read output");
    assert!(forced.contains("AddressingVersion::W3c10"), "{forced}");
    let compact: String = forced.split_whitespace().collect();
    assert!(compact.contains("client:client.with_addressing(ADDRESSING).with_mtom("));
    assert!(compact.contains("select_addressed(&request,NAMESPACES,OPERATIONS,&ADDRESSING"));
    assert!(compact.contains(".map(|s|s.answer_with_mtom("));
    // No wsaw:Action in this WSDL: the SOAP action, and the default output action.
    assert!(forced.contains("input: \"urn:example:operations/PlaceOrder\""));
    assert!(forced.contains("output: \"urn:example:operations:Orders:PlaceOrderResponse\""));
    let old = std::fs::read_to_string(old).expect("read output");
    assert!(old.contains("AddressingVersion::Submission200408"));

    let bad = run(&[
        "generate",
        &wsdl,
        "--out",
        &arg(&dir.join("x.rs")),
        "--addressing",
        "2",
    ]);
    assert_eq!(bad.status.code(), Some(2), "{bad:?}");
}

#[test]
fn a_wsdl_without_a_soap_binding_says_so() {
    let (_scratch, dir) = scratch();
    let wsdl = dir.join("interface.wsdl");
    std::fs::write(
        &wsdl,
        r#"<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:interface" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:tns="urn:interface" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:message name="Ping"><wsdl:part name="text" type="xs:string"/></wsdl:message>
  <wsdl:portType name="Pinger">
    <wsdl:operation name="Ping"><wsdl:input message="tns:Ping"/></wsdl:operation>
  </wsdl:portType>
</wsdl:definitions>
"#,
    )
    .expect("write the WSDL");
    let out = dir.join("interface.rs");
    let output = run(&[
        "generate",
        &wsdl.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let message = text(&output.stderr);
    assert!(
        message.contains("error: the WSDL declares no SOAP 1.1 or 1.2 binding"),
        "{message}"
    );
    assert!(
        message.contains("generate from the WSDL that imports and binds it"),
        "{message}"
    );
    assert!(!out.exists(), "nothing is written");
}

/// `inspect X.wsdl | head` closes the pipe before the listing is written: the command ends
/// quietly with success, as a filter's reader expects, instead of panicking on the closed
/// pipe.
#[test]
fn inspect_into_a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wsdl-codegen"))
        .args(["inspect", &format!("{CORPUS}/wcf_greeter.wsdl"), "--types"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run wsdl-codegen");
    // The reader goes away before the child has parsed the WSDL.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait for wsdl-codegen");
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{output:?}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
