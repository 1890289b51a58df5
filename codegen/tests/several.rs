//! Several WSDLs in one generation (`Builder::wsdl`, `generate A B --out DIR`): the types they
//! declare alike are emitted once in the shared module and re-exported, each service keeps its
//! own, the same name declared differently is an error naming both declarations, and an
//! operation selection applies to the WSDL it follows.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wsdl_codegen::{Builder, Error};

const SEVERAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/wsdl/several");

fn wsdl(name: &str) -> PathBuf {
    Path::new(SEVERAL).join(name)
}

/// The module `name` of a generation.
fn module<'g>(generated: &'g wsdl_codegen::Generated, name: &str) -> &'g str {
    let set = generated.modules.as_ref().expect("several modules");
    let found = set.modules.iter().find(|m| m.name == name);
    &found.unwrap_or_else(|| panic!("module {name}")).code
}

/// The 1-based line and column of the first `needle` in the file at `path`.
fn position(path: &Path, needle: &str) -> (u32, u32) {
    let text = std::fs::read_to_string(path).expect("read WSDL");
    let offset = text.find(needle).expect("needle in file");
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = offset - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line as u32, column as u32)
}

#[test]
fn shared_types_are_emitted_once_and_reexported() {
    let generated = Builder::new(wsdl("orders.wsdl"))
        .wsdl(wsdl("billing.wsdl"))
        .output()
        .expect("generate");
    let files: Vec<String> = generated
        .files()
        .iter()
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert_eq!(files, ["mod.rs", "shared.rs", "orders.rs", "billing.rs"]);

    let shared = module(&generated, "shared");
    for item in [
        "pub struct Customer {",
        "pub struct Address {",
        "pub enum Tier {",
        "pub struct Credentials {",
    ] {
        assert_eq!(
            shared.matches(item).count(),
            1,
            "{item} in shared:\n{shared}"
        );
    }
    // Documented differently in the two WSDLs: the first WSDL's words are kept.
    assert!(shared.contains("A customer, as the order service knows it."));
    assert!(!shared.contains("as billing knows it"));
    // Neither service's own types nor anything of a service.
    for own in ["Order", "Invoice", "PlaceOrder", "Charge", "RequestHeaders"] {
        assert!(
            !shared.contains(&format!("pub struct {own} ")),
            "{own} in shared"
        );
    }
    assert!(!shared.contains("Client"), "no client in shared:\n{shared}");

    let orders = module(&generated, "orders");
    let billing = module(&generated, "billing");
    for service in [orders, billing] {
        assert!(
            service.contains("pub use super::shared::{Address, Credentials, Customer, Tier};"),
            "{service}"
        );
        assert!(!service.contains("pub struct Customer"), "{service}");
        assert!(service.contains("pub struct RequestHeaders"));
    }
    assert!(orders.contains("pub struct Order {"));
    assert!(!orders.contains("Invoice"));
    assert!(billing.contains("pub struct Invoice {"));
    assert!(!billing.contains("pub struct Order "));
    // Every module declares the same namespace table.
    let table = |code: &str| {
        let start = code.find("pub const NAMESPACES").expect("table");
        code[start..].split_once("];").expect("end").0.to_string()
    };
    assert_eq!(table(shared), table(orders));
    assert_eq!(table(shared), table(billing));

    let root = &generated.modules.as_ref().expect("modules").root;
    assert!(
        root.contains("pub mod shared;\npub mod orders;\npub mod billing;\n"),
        "{root}"
    );
    // The inline form (for `include!`) holds the same modules.
    assert!(generated.code.contains("pub mod shared {\n"));
    assert!(generated.code.contains(shared));
    // Every file read is listed once, for `rerun-if-changed`.
    assert_eq!(generated.inputs.len(), 2, "{:?}", generated.inputs);
}

#[test]
fn a_selection_applies_to_the_wsdl_added_last() {
    // `Charge` is billing's operation: selected after `wsdl(billing)`, it is billing's.
    let generated = Builder::new(wsdl("orders.wsdl"))
        .operations(["PlaceOrder"])
        .wsdl(wsdl("billing.wsdl"))
        .operations(["Charge"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(module(&generated, "orders").contains("fn place_order("));
    let billing = module(&generated, "billing");
    assert!(billing.contains("fn charge(") && billing.contains("(a selection)"));
    // Before it, it is orders', which has no such operation.
    let error = Builder::new(wsdl("orders.wsdl"))
        .operations(["Charge"])
        .wsdl(wsdl("billing.wsdl"))
        .output()
        .expect_err("orders has no Charge");
    assert!(error.to_string().contains("orders.wsdl"), "{error}");
    // The command line cannot say which WSDL a selection is for.
    let refused = run(&[
        "generate",
        &wsdl("orders.wsdl").display().to_string(),
        &wsdl("billing.wsdl").display().to_string(),
        "--operations",
        "PlaceOrder",
        "--out",
        &std::env::temp_dir().display().to_string(),
    ]);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("--operations chooses for one WSDL"),
        "{stderr}"
    );
}

#[test]
fn one_wsdl_generates_as_before() {
    let alone = Builder::new(wsdl("orders.wsdl"))
        .output()
        .expect("generate");
    assert!(alone.modules.is_none());
    assert!(alone.files().is_empty());
    let defs = wsdl_codegen::wsdl::parse_file(&wsdl("orders.wsdl")).expect("parse");
    let options = wsdl_codegen::rust::Options {
        source_name: "orders.wsdl".into(),
        ..Default::default()
    };
    assert_eq!(
        alone.code,
        wsdl_codegen::rust::generate(&defs, &options).expect("generate")
    );
    assert!(alone.code.contains("pub struct Customer {"));
    assert!(!alone.code.contains("super::shared"));
}

#[test]
fn the_same_name_defined_differently_is_located_in_both_wsdls() {
    let error = Builder::new(wsdl("orders.wsdl"))
        .wsdl(wsdl("conflicting.wsdl"))
        .output()
        .expect_err("a conflict");
    let Error::Conflict(conflict) = &error else {
        panic!("not a conflict: {error}");
    };
    assert_eq!(conflict.name.local, "Customer");
    assert_eq!(conflict.name.namespace, "urn:corpus:common");
    let needle = "<xs:complexType name=\"Customer\">";
    for (loc, file) in [
        (&conflict.first, "orders.wsdl"),
        (&conflict.second, "conflicting.wsdl"),
    ] {
        assert!(loc.file.ends_with(file), "{}", loc.file);
        assert_eq!((loc.line, loc.column), position(&wsdl(file), needle));
        assert!(loc.source_line.contains(needle));
    }
    let shown = error.to_string();
    assert!(
        shown.starts_with(
            "error: type `{urn:corpus:common}Customer` is defined differently by two WSDLs"
        ),
        "{shown}"
    );
    for loc in [&conflict.first, &conflict.second] {
        assert!(shown.contains(&format!("--> {loc}")), "{shown}");
    }
    assert!(shown.contains("= help:"), "{shown}");
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wsdl-codegen"))
        .args(args)
        .output()
        .expect("run wsdl-codegen")
}

#[test]
fn cli_writes_a_directory_and_checks_it() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch.path().join("out");
    let out = dir.to_string_lossy().into_owned();
    let (orders, billing) = (wsdl("orders.wsdl"), wsdl("billing.wsdl"));
    let (orders, billing) = (orders.to_string_lossy(), billing.to_string_lossy());

    let check = run(&["generate", &orders, &billing, "--out", &out, "--check"]);
    assert_eq!(check.status.code(), Some(3), "{check:?}");
    let written = run(&["generate", &orders, &billing, "--out", &out]);
    assert!(written.status.success(), "{written:?}");
    for file in ["mod.rs", "shared.rs", "orders.rs", "billing.rs"] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    let check = run(&["generate", &orders, &billing, "--out", &out, "--check"]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");

    let shared = dir.join("shared.rs");
    let text = std::fs::read_to_string(&shared).expect("read");
    std::fs::write(
        &shared,
        text.replace("pub struct Address {", "pub struct Adress {"),
    )
    .expect("edit");
    let check = run(&["generate", &orders, &billing, "--out", &out, "--check"]);
    assert_eq!(check.status.code(), Some(3), "{check:?}");
    assert!(String::from_utf8_lossy(&check.stderr).contains("shared.rs is stale"));

    // Naming options choose for one WSDL: a usage error with several.
    let usage = run(&[
        "generate",
        &orders,
        &billing,
        "--out",
        &out,
        "--client-name",
        "X",
    ]);
    assert_eq!(usage.status.code(), Some(2), "{usage:?}");
    assert!(String::from_utf8_lossy(&usage.stderr).contains("--client-name"));

    let conflict = wsdl("conflicting.wsdl");
    let failed = run(&[
        "generate",
        &orders,
        &conflict.to_string_lossy(),
        "--out",
        &out,
    ]);
    assert_eq!(failed.status.code(), Some(1), "{failed:?}");
    assert!(String::from_utf8_lossy(&failed.stderr).contains("defined differently"));
}

#[test]
fn a_module_no_longer_generated_is_stale_and_removed() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch.path().join("out");
    let out = dir.to_string_lossy().into_owned();
    let (orders, billing) = (wsdl("orders.wsdl"), wsdl("billing.wsdl"));
    let (orders, billing) = (orders.to_string_lossy(), billing.to_string_lossy());
    let written = run(&["generate", &orders, &billing, "--out", &out]);
    assert!(written.status.success(), "{written:?}");

    // A module an earlier generation wrote (its header says so), and a file of the user's.
    let billing_text = std::fs::read_to_string(dir.join("billing.rs")).expect("read");
    std::fs::write(dir.join("invoices.rs"), &billing_text).expect("write leftover");
    std::fs::write(dir.join("helpers.rs"), "pub fn mine() {}\n").expect("write user file");

    let check = run(&["generate", &orders, &billing, "--out", &out, "--check"]);
    assert_eq!(check.status.code(), Some(3), "{check:?}");
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("invoices.rs is stale"), "{stderr}");
    assert!(!stderr.contains("helpers.rs"), "{stderr}");

    let written = run(&["generate", &orders, &billing, "--out", &out]);
    assert!(written.status.success(), "{written:?}");
    assert!(!dir.join("invoices.rs").exists());
    assert!(dir.join("helpers.rs").is_file());
    let check = run(&["generate", &orders, &billing, "--out", &out, "--check"]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
}
