//! Generating only some operations (`Builder::operations`, `--operations`): what a selection
//! reaches on the corpus's `selection.wsdl`, one type per path (field, base, derived type that
//! may arrive by `xsi:type`, substitution group member, fault, header); that the generated
//! module holds those and nothing of the other operations; that an unknown name is an error
//! with near matches; that types asked for besides (`Builder::extra_types`, the types of
//! `xs:anyType` values) are generated with what they reach; and that the planner never plans
//! a named type the reach left out.

use std::path::Path;
use std::process::Command;

use wsdl_codegen::model::{Definitions, QName};
use wsdl_codegen::rust::plan::StructSource;
use wsdl_codegen::rust::reach::{select_operations, select_types, Reach};
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
    Reach::of_selection(&defs.schema, &operations, &[])
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

#[test]
fn extra_types_are_reached_and_generated_with_what_they_reach() {
    let defs = parse(&selection_wsdl());
    let invoice = QName::new(TNS, "Invoice");
    let names = ["Invoice".to_string(), format!("{{{TNS}}}Tier")];
    let extra = select_types(&defs.schema, &names).expect("known types");
    assert_eq!(extra, [invoice.clone(), QName::new(TNS, "Tier")]);
    // Alone, a type reaches its base and its fields' types, as a value reached by a field.
    let reach = Reach::of_selection(&defs.schema, &[], &extra);
    assert_eq!(locals(&reach.types), ["Document", "Invoice", "Tier"]);
    assert!(reach.elements.is_empty());
    let every = select_types(&defs.schema, &["*".to_string()]).expect("every type");
    assert_eq!(every.len(), defs.schema.types.len());

    // Beside a selection, the type is generated and nothing else it does not reach: Invoice
    // is a value of its own, not one that may arrive where a Document is declared.
    let code = Builder::new(selection_wsdl())
        .operations(["GetOrder"])
        .extra_types(["Invoice"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("pub struct Invoice {"), "no Invoice");
    for left_out in ["AnyDocument", "Archived", "fn archive"] {
        assert!(!code.contains(left_out), "{left_out} is generated");
    }
    // The whole contract does not generate a type no operation reaches, unless asked.
    let whole = Builder::new(selection_wsdl())
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!whole.contains("pub struct Invoice {"));
    let with_invoice = Builder::new(selection_wsdl())
        .extra_types(["Invoice"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(with_invoice.contains("pub struct Invoice {"));
    assert_plan_within_reach(
        &selection_wsdl(),
        &Options {
            operations: vec!["GetOrder".to_string()],
            extra_types: vec!["Invoice".to_string()],
            ..Options::default()
        },
    );
}

#[test]
fn an_unknown_or_ambiguous_type_is_an_error_that_says_what_to_write() {
    let error = Builder::new(selection_wsdl())
        .extra_types(["Invoce"])
        .generate()
        .expect_err("no such type");
    match &error {
        Error::Generate {
            source: GenerateError::UnknownType { name, near },
            ..
        } => {
            assert_eq!(name, "Invoce");
            assert_eq!(near, &["Invoice"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        error.to_string().contains("did you mean Invoice?"),
        "{error}"
    );

    // Two schemas of one WSDL define `Item`: the local name alone does not say which.
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch.path();
    let wsdl = dir.join("two.wsdl");
    std::fs::write(&wsdl, TWO_ITEMS).expect("written");
    let error = Builder::new(&wsdl)
        .extra_types(["Item"])
        .generate()
        .expect_err("ambiguous");
    match &error {
        Error::Generate {
            source: GenerateError::AmbiguousType { name, candidates },
            ..
        } => {
            assert_eq!(name, "Item");
            assert_eq!(candidates, &["{urn:a}Item", "{urn:b}Item"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("{namespace}local"), "{error}");
    let code = Builder::new(&wsdl)
        .extra_types(["{urn:b}Item"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("pub struct Item {") && code.contains("pub count: i32"));
}

/// A WSDL whose two schemas each define a type `Item`, and an operation that uses neither.
const TWO_ITEMS: &str = r#"<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:svc" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:svc">
  <wsdl:types>
    <xs:schema targetNamespace="urn:a" elementFormDefault="qualified">
      <xs:complexType name="Item"><xs:sequence>
        <xs:element name="label" type="xs:string"/>
      </xs:sequence></xs:complexType>
    </xs:schema>
    <xs:schema targetNamespace="urn:b" elementFormDefault="qualified">
      <xs:complexType name="Item"><xs:sequence>
        <xs:element name="count" type="xs:int"/>
      </xs:sequence></xs:complexType>
    </xs:schema>
    <xs:schema targetNamespace="urn:svc" elementFormDefault="qualified">
      <xs:element name="Ping"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PingIn"><wsdl:part name="body" element="tns:Ping"/></wsdl:message>
  <wsdl:portType name="Svc"><wsdl:operation name="Ping">
    <wsdl:input message="tns:PingIn"/>
  </wsdl:operation></wsdl:portType>
  <wsdl:binding name="SvcBinding" type="tns:Svc">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Ping"><soap:operation soapAction="ping"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="SvcService"><wsdl:port name="SvcPort" binding="tns:SvcBinding">
    <soap:address location="http://localhost/svc"/>
  </wsdl:port></wsdl:service>
</wsdl:definitions>
"#;

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
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch.path();
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
    let with_invoice = Command::new(bin)
        .args([
            "inspect",
            &selection_wsdl(),
            "--operations",
            "GetOrder",
            "--extra-types",
            "Invoice",
        ])
        .output()
        .expect("run wsdl-codegen");
    let with_invoice = String::from_utf8_lossy(&with_invoice.stdout);
    assert!(
        with_invoice.contains("selection: 1 of 3 operations and the types Invoice, reaching 6 of 12 global elements and 10 of 13 schema types"),
        "{with_invoice}"
    );
    assert!(shown.contains("struct AirShipment"), "{shown}");
    assert!(!shown.contains("Archived"), "{shown}");
}

#[test]
fn an_unreadable_operation_outside_the_selection_is_left_out_with_a_warning() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let wsdl = scratch.path().join("stale.wsdl");
    std::fs::write(&wsdl, STALE_OPERATIONS).expect("written");

    // Without a selection, the undeclared message stops the generation, as it always did.
    let error = Builder::new(&wsdl)
        .generate()
        .expect_err("undeclared message");
    assert!(
        error
            .to_string()
            .contains("unresolved message reference `tns:QuoteIn`"),
        "{error}"
    );
    // Selecting the broken operation shows its error too.
    let error = Builder::new(&wsdl)
        .operations(["Quote"])
        .generate()
        .expect_err("the selected operation cannot be read");
    assert!(
        error
            .to_string()
            .contains("unresolved message reference `tns:QuoteIn`"),
        "{error}"
    );

    // Selecting the sound operation generates it; the port type operation naming an
    // undeclared message and the binding operation naming an undeclared header message are
    // left out, each with a warning at the reference.
    let generated = Builder::new(&wsdl)
        .operations(["Ping"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        generated.code.contains("async fn ping("),
        "{}",
        generated.code
    );
    assert!(!generated.code.contains("fn quote") && !generated.code.contains("fn audit"));
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0]
            .contains("operation `Quote` is left out: unresolved message reference `tns:QuoteIn`")
            && warnings[0].contains("stale.wsdl:22:"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].contains(
            "operation `Audit` is left out: unresolved message reference `tns:AuditHeaders`"
        ) && warnings[1].contains("not among the operations selected"),
        "{}",
        warnings[1]
    );
}

/// A WSDL with one sound operation (`Ping`), one whose port type operation names a message no
/// document declares (`Quote`, as a vendor's published WSDL does) and one whose binding names
/// an undeclared header message (`Audit`).
const STALE_OPERATIONS: &str = r#"<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:stale" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:stale">
  <wsdl:types>
    <xs:schema targetNamespace="urn:stale" elementFormDefault="qualified">
      <xs:element name="Ping"><xs:complexType><xs:sequence>
        <xs:element name="text" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="PingResponse"><xs:complexType><xs:sequence>
        <xs:element name="text" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PingIn"><wsdl:part name="parameters" element="tns:Ping"/></wsdl:message>
  <wsdl:message name="PingOut"><wsdl:part name="parameters" element="tns:PingResponse"/></wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="Ping">
      <wsdl:input message="tns:PingIn"/><wsdl:output message="tns:PingOut"/>
    </wsdl:operation>
    <wsdl:operation name="Quote">
      <wsdl:input message="tns:QuoteIn"/><wsdl:output message="tns:QuoteOut"/>
    </wsdl:operation>
    <wsdl:operation name="Audit">
      <wsdl:input message="tns:PingIn"/><wsdl:output message="tns:PingOut"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Ping">
      <soap:operation soapAction="urn:stale#Ping"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
    <wsdl:operation name="Quote">
      <soap:operation soapAction="urn:stale#Quote"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
    <wsdl:operation name="Audit">
      <soap:operation soapAction="urn:stale#Audit"/>
      <wsdl:input>
        <soap:header message="tns:AuditHeaders" part="token" use="literal"/>
        <soap:body use="literal"/>
      </wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Service">
    <wsdl:port name="Port" binding="tns:Binding">
      <soap:address location="http://localhost/stale"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#;
