//! Generating only some operations (`Builder::operations`, `--operations`): what a selection
//! reaches on the corpus's `selection.wsdl`, one type per path (field, base, derived type that
//! may arrive by `xsi:type`, substitution group member, fault, header); that the generated
//! module holds those and nothing of the other operations; that an unknown name is an error
//! with near matches; and that the planner never plans a named type the reach left out.

use std::path::Path;
use std::process::Command;

use wsdl_codegen::model::{Definitions, QName};
use wsdl_codegen::rust::plan::StructSource;
use wsdl_codegen::rust::reach::{select_operations, Reach};
use wsdl_codegen::rust::{service, GenerateError, Options};
use wsdl_codegen::wsdl::parse_file;
use wsdl_codegen::{Builder, Error};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/wsdl");
const TNS: &str = "urn:example:selection";

fn selection_wsdl() -> String {
    format!("{CORPUS}/selection.wsdl")
}

fn parse(path: &str) -> Definitions {
    parse_file(Path::new(path)).unwrap_or_else(|e| panic!("{e}"))
}

fn reach_of(names: &[&str]) -> Reach {
    let defs = parse(&selection_wsdl());
    let binding = defs.bindings.values().next().expect("one binding");
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let operations = select_operations(binding, &names).expect("known operations");
    Reach::of_operations(&defs.schema, &operations)
}

fn locals(names: &std::collections::BTreeSet<QName>) -> Vec<&str> {
    names.iter().map(|q| q.local.as_str()).collect()
}

#[test]
fn a_selection_reaches_through_every_path() {
    let reach = reach_of(&["GetOrder"]);
    // Order and Customer by fields, Tier by Customer's field, Document as Order's base,
    // AirShipment derived from Shipment (a field's type), Urgency as the type of UrgentNote
    // (a member of Note's substitution group), OrderFaultDetail by the fault, AuditInfo by the
    // header.
    assert_eq!(
        locals(&reach.types),
        [
            "AirShipment",
            "AuditInfo",
            "Customer",
            "Document",
            "Order",
            "OrderFaultDetail",
            "Shipment",
            "Tier",
            "Urgency"
        ]
    );
    assert_eq!(
        locals(&reach.elements),
        [
            "Audit",
            "GetOrder",
            "GetOrderResponse",
            "Note",
            "OrderFault",
            "UrgentNote"
        ]
    );
    // Invoice derives from Document too, but Document is only Order's base, never the
    // declared type of a value: no value can arrive as an Invoice.
    for name in [
        "Archived",
        "ArchiveHeaderInfo",
        "ArchiveFaultDetail",
        "Invoice",
    ] {
        assert!(!reach.has_type(&QName::new(TNS, name)), "{name} is reached");
    }
}

#[test]
fn no_selection_reaches_every_operation() {
    let all = reach_of(&[]);
    let listed = reach_of(&["GetOrder", "Archive", "Ping"]);
    assert_eq!(all, listed);
    for name in [
        "Archived",
        "ArchiveHeaderInfo",
        "ArchiveFaultDetail",
        "Order",
    ] {
        assert!(
            all.has_type(&QName::new(TNS, name)),
            "{name} is not reached"
        );
    }
    assert!(all.elements.contains(&QName::new(TNS, "PingResponse")));
}

#[test]
fn the_module_holds_the_selected_operations_and_what_they_reach() {
    let code = Builder::new(selection_wsdl())
        .operations(["GetOrder"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        code.contains("Operations: 1 of the binding's 3 (a selection)."),
        "{}",
        &code[..300]
    );
    for item in [
        "pub struct Order {",
        "pub struct Customer {",
        "pub enum Tier {",
        "pub struct Shipment {",
        "pub struct AirShipment {",
        "pub enum AnyShipment {",
        "pub struct Urgency {",
        "pub struct OrderFaultDetail",
        "pub struct AuditInfo {",
        "pub struct RequestHeaders {",
        "pub audit: Option<AuditInfo>",
        "async fn get_order(",
    ] {
        assert!(code.contains(item), "missing {item}");
    }
    // The substitution group member is a variant of the element reference's enum.
    assert!(
        code.contains("UrgentNote(Urgency)"),
        "no UrgentNote variant"
    );
    for left_out in [
        "Archived",
        "ArchiveHeaderInfo",
        "ArchiveFaultDetail",
        "fn archive",
        "fn ping",
        "PingResponse",
        "Invoice",
        "AnyDocument",
    ] {
        assert!(!code.contains(left_out), "{left_out} is generated");
    }
    // Without a selection, everything is.
    let whole = Builder::new(selection_wsdl())
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(whole.contains("Operations: 3."));
    for item in [
        "pub struct Archived {",
        "pub struct ArchiveHeaderInfo {",
        "fn ping(",
    ] {
        assert!(whole.contains(item), "missing {item}");
    }
}

#[test]
fn an_unknown_operation_is_an_error_with_near_matches() {
    let error = Builder::new(selection_wsdl())
        .operations(["GetOrder", "getorders"])
        .generate()
        .expect_err("no such operation");
    match &error {
        Error::Generate {
            source: GenerateError::UnknownOperation { name, near },
            ..
        } => {
            assert_eq!(name, "getorders");
            assert_eq!(near, &["GetOrder"]);
        }
        other => panic!("{other:?}"),
    }
    let message = error.to_string();
    assert!(
        message.contains("the binding has no operation \"getorders\""),
        "{message}"
    );
    assert!(message.contains("selection.wsdl"), "{message}");
    assert!(message.contains("did you mean GetOrder?"), "{message}");

    let error = Builder::new(selection_wsdl())
        .operations(["Frobnicate"])
        .generate()
        .expect_err("no such operation");
    assert!(
        error.to_string().contains("`wsdl-codegen inspect` lists"),
        "{error}"
    );
}

/// Every named type the planner plans (structs of named types, polymorphic enums and their
/// variants, dictionaries) is in the reach: the reach is what a selection may generate.
fn assert_plan_within_reach(path: &str, options: &Options) {
    let defs = parse(path);
    let plan = service::plan(&defs, options).unwrap_or_else(|e| panic!("{path}: {e}"));
    let reach = &plan.reach;
    let mut checked = 0;
    for s in plan.types.structs.values() {
        if let StructSource::Type(name) = &s.source {
            assert!(reach.has_type(name), "{path}: struct {name} is not reached");
            checked += 1;
        }
    }
    for p in plan.types.polymorphic.values() {
        for variant in &p.variants {
            assert!(
                reach.has_type(&variant.type_name),
                "{path}: {} is not reached",
                variant.type_name
            );
            checked += 1;
        }
    }
    for d in plan.types.dictionaries.values() {
        assert!(
            reach.has_type(&d.source),
            "{path}: {} is not reached",
            d.source
        );
    }
    assert!(checked > 0, "{path}: no named type planned");
}

#[test]
fn the_planner_plans_only_what_the_reach_holds() {
    for (file, port) in [
        ("selection.wsdl", None),
        ("shapes.wsdl", None),
        ("particles.wsdl", None),
        ("documented.wsdl", None),
        ("rpc.wsdl", Some("StoreEncodedPort")),
        ("rpc.wsdl", Some("StoreDocumentPort")),
    ] {
        let options = Options {
            port: port.map(str::to_string),
            ..Options::default()
        };
        assert_plan_within_reach(&format!("{CORPUS}/{file}"), &options);
    }
    let email = concat!(env!("CARGO_MANIFEST_DIR"), "/../wsdl/services82/EMail.wsdl");
    assert_plan_within_reach(email, &Options::default());
    let selected = Options {
        operations: vec!["GetOrder".to_string()],
        ..Options::default()
    };
    assert_plan_within_reach(&selection_wsdl(), &selected);
}

#[test]
fn the_cli_generates_a_selection_and_inspect_shows_what_it_pulls_in() {
    let bin = env!("CARGO_BIN_EXE_wsdl-codegen");
    let dir = std::env::temp_dir().join(format!("wsdl-codegen-selection-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let out = dir.join("selection.rs");
    let generated = Command::new(bin)
        .args([
            "generate",
            &selection_wsdl(),
            "--operations",
            "GetOrder,Ping",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("run wsdl-codegen");
    assert!(generated.status.success(), "{generated:?}");
    let code = std::fs::read_to_string(&out).expect("output");
    assert!(code.contains("Operations: 2 of the binding's 3 (a selection)."));
    assert!(code.contains("fn ping(") && !code.contains("fn archive("));

    let unknown = Command::new(bin)
        .args([
            "generate",
            &selection_wsdl(),
            "--operations",
            "Archiv",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("run wsdl-codegen");
    assert_eq!(unknown.status.code(), Some(1), "{unknown:?}");
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(stderr.contains("did you mean Archive?"), "{stderr}");

    let inspect = Command::new(bin)
        .args([
            "inspect",
            &selection_wsdl(),
            "--operations",
            "GetOrder",
            "--types",
        ])
        .output()
        .expect("run wsdl-codegen");
    assert!(inspect.status.success(), "{inspect:?}");
    let shown = String::from_utf8_lossy(&inspect.stdout);
    assert!(
        shown.contains("selection: 1 of 3 operations, reaching 6 of 12 global elements and 9 of 13 schema types"),
        "{shown}"
    );
    assert!(shown.contains("struct AirShipment"), "{shown}");
    assert!(!shown.contains("Archived"), "{shown}");
    let _ = std::fs::remove_dir_all(&dir);
}
