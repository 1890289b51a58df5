//! Parses the multi-file fixtures: SOAP 1.2, URN namespaces, `wsdl:import`, `xs:import` and
//! `xs:include` by `schemaLocation`, and the import errors that need a file system.

use std::path::Path;

use wsdl_codegen::model::{
    ComplexType, Definitions, FaultBinding, HeaderPart, MaxOccurs, QName, SimpleType, SoapVersion,
    TypeDef, TypeRef, XSD_NS,
};
use wsdl_codegen::wsdl::{parse_file, ErrorKind, WsdlError};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const SERVICE: &str = "urn:example:orders:service";
const ORDERS: &str = "urn:example:orders";
const COMMON: &str = "urn:example:common";

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

fn parse(name: &str) -> Definitions {
    match parse_file(Path::new(&fixture(name))) {
        Ok(defs) => defs,
        Err(e) => panic!("{e}"),
    }
}

fn parse_err(name: &str) -> WsdlError {
    match parse_file(Path::new(&fixture(name))) {
        Ok(defs) => panic!("expected an error, parsed {defs:?}"),
        Err(e) => e,
    }
}

fn complex<'a>(defs: &'a Definitions, name: &QName) -> &'a ComplexType {
    match defs.schema.types.get(name) {
        Some(TypeDef::Complex(ty)) => ty,
        other => panic!("{name} is not a complex type: {other:?}"),
    }
}

#[test]
fn soap12_service_across_files() {
    let defs = parse("multi/service.wsdl");
    assert_eq!(defs.name.as_deref(), Some("OrderService"));
    assert_eq!(defs.target_namespace, SERVICE);

    assert_eq!(defs.services.len(), 1);
    let service = &defs.services[0];
    assert_eq!(service.name, "Orders");
    assert_eq!(service.ports.len(), 1, "the HTTP port is left out");
    let port = &service.ports[0];
    assert_eq!(port.name, "OrdersSoap12");
    assert_eq!(port.soap_version, SoapVersion::Soap12);
    assert_eq!(port.address.as_deref(), Some("https://example.com/orders"));
    assert_eq!(port.binding, QName::new(SERVICE, "OrdersSoap12"));

    let names: Vec<&QName> = defs.bindings.keys().collect();
    assert_eq!(
        names,
        [&QName::new(SERVICE, "OrdersSoap12")],
        "the HTTP binding is left out"
    );
    let binding = &defs.bindings[&QName::new(SERVICE, "OrdersSoap12")];
    assert_eq!(binding.soap_version, SoapVersion::Soap12);
    assert_eq!(binding.port_type, QName::new(ORDERS, "Orders"));
    assert_eq!(binding.operations.len(), 2);

    let place = &binding.operations[0];
    assert_eq!(place.name, "PlaceOrder");
    assert_eq!(
        place.soap_action.as_deref(),
        Some("urn:example:orders/PlaceOrder")
    );
    let input = place.input.as_ref().expect("input");
    assert_eq!(
        input.action.as_deref(),
        Some("urn:example:orders/PlaceOrder")
    );
    assert_eq!(
        input.body,
        Some(QName::new(ORDERS, "PlaceOrder")),
        "the header part is not in the body"
    );
    assert_eq!(
        input.headers,
        [HeaderPart {
            part: "session".into(),
            element: QName::new(ORDERS, "Session")
        }]
    );
    let output = place.output.as_ref().expect("output");
    assert_eq!(output.action, None);
    assert_eq!(output.body, Some(QName::new(ORDERS, "PlaceOrderResponse")));
    assert!(output.headers.is_empty());
    assert_eq!(
        place.faults,
        [FaultBinding {
            name: "OrderFault".into(),
            element: QName::new(ORDERS, "OrderFault")
        }]
    );

    let ping = &binding.operations[1];
    assert_eq!(ping.name, "Ping");
    assert_eq!(ping.soap_action.as_deref(), Some(""));
    assert!(ping.output.is_none(), "one-way");
    assert_eq!(
        ping.input.as_ref().and_then(|i| i.body.clone()),
        Some(QName::new(ORDERS, "Ping"))
    );
}

#[test]
fn schemas_across_files() {
    let defs = parse("multi/service.wsdl");

    // `ref=` to an element of another namespace: its name and its type.
    let place = &defs.schema.elements[&QName::new(ORDERS, "PlaceOrder")];
    let TypeRef::AnonymousComplex(place) = &place.ty else {
        panic!("PlaceOrder is {:?}", place.ty);
    };
    let money = &place.element_fields()[0];
    assert_eq!(money.name, QName::new(COMMON, "Money"));
    assert_eq!(money.ty, TypeRef::Named(QName::new(COMMON, "Amount")));
    assert!(money.nillable);
    assert_eq!(
        (money.min_occurs, money.max_occurs),
        (1, MaxOccurs::Bounded(1))
    );
    assert_eq!(place.element_fields()[1].name, QName::new(ORDERS, "Lines"));
    assert_eq!(place.element_fields()[1].min_occurs, 0);

    // Unqualified local elements, unless `form="qualified"`; unprefixed references.
    let amount = complex(&defs, &QName::new(COMMON, "Amount"));
    assert_eq!(amount.element_fields()[0].name, QName::new("", "Value"));
    assert_eq!(
        amount.element_fields()[0].ty,
        TypeRef::Named(QName::new(XSD_NS, "decimal"))
    );
    assert_eq!(
        amount.element_fields()[1].name,
        QName::new(COMMON, "Currency")
    );
    assert_eq!(
        defs.schema.elements[&QName::new(COMMON, "Money")].ty,
        TypeRef::Named(QName::new(COMMON, "Amount"))
    );

    // A list with an itemType.
    assert_eq!(
        defs.schema.types[&QName::new(COMMON, "Tags")],
        TypeDef::Simple(SimpleType::List {
            item: Box::new(TypeRef::Named(QName::new(COMMON, "Tag"))),
            documentation: None,
        })
    );

    // The chameleon include takes the includer's namespace, references included.
    let lines = complex(&defs, &QName::new(COMMON, "LineList"));
    assert_eq!(
        lines.element_fields()[0].ty,
        TypeRef::Named(QName::new(COMMON, "Line"))
    );
    assert_eq!(lines.element_fields()[0].max_occurs, MaxOccurs::Unbounded);
    assert!(defs.schema.types.contains_key(&QName::new(COMMON, "Line")));

    // The schema that imports common.xsd back.
    assert_eq!(
        defs.schema.elements[&QName::new("urn:example:extra", "Note")].ty,
        TypeRef::Named(QName::new(COMMON, "Tag"))
    );
}

#[test]
fn wsdl_import_cycle_reads_each_document_once() {
    let (defs, inputs) =
        wsdl_codegen::wsdl::parse_file_with_inputs(Path::new(&fixture("cycle/a.wsdl")))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(inputs.len(), 2, "{inputs:?}");
    assert!(inputs[0].ends_with("a.wsdl") && inputs[1].ends_with("b.wsdl"));
    assert_eq!(defs.target_namespace, "urn:example:a");
}

#[test]
fn missing_import_names_file_and_import() {
    let err = parse_err("missing_import.wsdl");
    let ErrorKind::MissingDocument { location, path } = err.kind() else {
        panic!("{err}");
    };
    assert!(path.ends_with("does-not-exist.xsd"), "{path}");
    assert!(location.ends_with("does-not-exist.xsd"), "{location}");
    assert!(err.location().file.ends_with("missing_import.wsdl"));
    assert_eq!((err.location().line, err.location().column), (6, 7));
}

#[test]
fn missing_root_file() {
    let err = parse_err("no-such-file.wsdl");
    assert!(matches!(err.kind(), ErrorKind::Io { .. }), "{err}");
    assert!(err.to_string().contains("no-such-file.wsdl:1:1"), "{err}");
}

#[test]
fn a_schema_is_not_a_wsdl_root() {
    let err = parse_err("multi/types/common.xsd");
    assert!(
        matches!(err.kind(), ErrorKind::UnexpectedRoot { .. }),
        "{err}"
    );
    assert_eq!((err.location().line, err.location().column), (4, 1));
}
