//! The model of the schema constructs beyond DataContracts, read from the corpus's
//! `shapes.wsdl`: choices, attributes (local, from a group, with defaults), simple content,
//! model groups, `xs:all`, defaults and extension chains.

use std::path::Path;

use wsdl_codegen::model::{
    Attribute, ComplexType, Compositor, Definitions, Group, MaxOccurs, Particle, QName, TypeDef,
    TypeRef, XSD_NS,
};
use wsdl_codegen::wsdl::parse_file;

const SHAPES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/corpus/wsdl/shapes.wsdl"
);
const TNS: &str = "urn:example:shapes";

fn parse() -> Definitions {
    match parse_file(Path::new(SHAPES)) {
        Ok(defs) => defs,
        Err(e) => panic!("{e}"),
    }
}

fn element_name(particle: &Particle) -> &str {
    match particle {
        Particle::Element(field) => &field.name.local,
        other => panic!("not an element: {other:?}"),
    }
}

fn complex<'a>(defs: &'a Definitions, local: &str) -> &'a ComplexType {
    match defs.schema.types.get(&QName::new(TNS, local)) {
        Some(TypeDef::Complex(ty)) => ty,
        other => panic!("{local} is not a complex type: {other:?}"),
    }
}

#[test]
fn choices_keep_their_alternatives_and_occurrence() {
    let defs = parse();
    let payment = complex(&defs, "Payment");
    let Particle::Group(choice) = &payment.particles()[1] else {
        panic!("{:?}", payment.particles()[1]);
    };
    assert_eq!(choice.kind, Compositor::Choice);
    let names: Vec<&str> = choice.particles.iter().map(element_name).collect();
    assert_eq!(names, ["Card", "Iban", "Cash"]);
    assert_eq!(
        (choice.min_occurs, choice.max_occurs),
        (1, MaxOccurs::Bounded(1))
    );
    let steps = complex(&defs, "Steps");
    let Some(
        repeated @ Group {
            kind: Compositor::Choice,
            ..
        },
    ) = &steps.content
    else {
        panic!("{:?}", steps.content);
    };
    assert_eq!(
        (repeated.min_occurs, repeated.max_occurs),
        (0, MaxOccurs::Unbounded)
    );
    let Particle::Element(fourth) = &repeated.particles[3] else {
        panic!("{:?}", repeated.particles[3]);
    };
    assert!(fourth.nillable);
}

#[test]
fn attributes_come_from_the_type_and_its_groups() {
    let defs = parse();
    let tagged = complex(&defs, "Tagged");
    let names: Vec<&str> = tagged
        .attributes
        .iter()
        .map(|a| a.name.local.as_str())
        .collect();
    assert_eq!(
        names,
        ["id", "lang", "color", "note", "createdBy", "revision"]
    );
    assert_eq!(
        tagged.attributes[0],
        Attribute {
            name: QName::new("", "id"),
            ty: TypeRef::Named(QName::new(XSD_NS, "int")),
            required: true,
            default: None,
            fixed: false,
            array_type: None,
            documentation: None,
        }
    );
    assert_eq!(tagged.attributes[2].default.as_deref(), Some("Green"));
    assert_eq!(
        tagged.attributes[3].default.as_deref(),
        Some("a \"quoted\" & <escaped> note")
    );
}

#[test]
fn simple_content_extends_a_simple_type() {
    let defs = parse();
    let price = complex(&defs, "Price");
    assert!(price.simple_content);
    assert_eq!(price.base, Some(QName::new(XSD_NS, "decimal")));
    assert!(price.particles().is_empty());
    assert_eq!(price.attributes.len(), 2);
}

#[test]
fn groups_and_all_are_flattened_and_defaults_kept() {
    let defs = parse();
    let settings = complex(&defs, "Settings");
    let fields = settings.element_fields();
    let names: Vec<&str> = fields.iter().map(|f| f.name.local.as_str()).collect();
    assert_eq!(
        names,
        ["Name", "Count", "Ratio", "Enabled", "Color", "Note", "Big", "When", "Min", "Max"]
    );
    assert_eq!(fields[1].default.as_deref(), Some("5"));
    assert_eq!(fields[5].default.as_deref(), Some("n/a"));
    let unordered = complex(&defs, "Unordered");
    assert_eq!(unordered.element_fields().len(), 2);
}

#[test]
fn extension_chains_name_their_base() {
    let defs = parse();
    assert_eq!(
        complex(&defs, "Square").base,
        Some(QName::new(TNS, "Polygon"))
    );
    assert_eq!(
        complex(&defs, "Polygon").base,
        Some(QName::new(TNS, "Shape"))
    );
    assert_eq!(complex(&defs, "Square").attributes[0].name.local, "rotated");
    assert!(!complex(&defs, "Shape").is_abstract);
}

#[test]
fn array_types_keep_their_bracket_groups() {
    let jagged = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/corpus/wsdl/jagged.wsdl"
    );
    let defs = match parse_file(Path::new(jagged)) {
        Ok(defs) => defs,
        Err(e) => panic!("{e}"),
    };
    let ranks = |local: &str| match defs
        .schema
        .types
        .get(&QName::new("urn:example:seating", local))
    {
        Some(TypeDef::Complex(ty)) => ty
            .attributes
            .iter()
            .find_map(|a| a.array_type.clone())
            .map(|array| (array.item, array.ranks)),
        other => panic!("{local}: {other:?}"),
    };
    assert_eq!(
        ranks("Rows"),
        Some((QName::new(XSD_NS, "string"), vec![1, 1]))
    );
    assert_eq!(
        ranks("Floors"),
        Some((QName::new(XSD_NS, "int"), vec![1, 1, 1]))
    );
}

#[test]
fn multi_dimensional_array_types_keep_each_groups_rank() {
    let matrix = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/corpus/wsdl/matrix.wsdl"
    );
    let defs = match parse_file(Path::new(matrix)) {
        Ok(defs) => defs,
        Err(e) => panic!("{e}"),
    };
    let ranks = |local: &str| match defs
        .schema
        .types
        .get(&QName::new("urn:example:matrix", local))
    {
        Some(TypeDef::Complex(ty)) => ty
            .attributes
            .iter()
            .find_map(|a| a.array_type.clone())
            .map(|array| (array.item.local, array.ranks)),
        other => panic!("{local}: {other:?}"),
    };
    assert_eq!(ranks("ArrayOfString2D"), Some(("string".into(), vec![2])));
    assert_eq!(ranks("ArrayOfDouble3D"), Some(("double".into(), vec![3])));
    // `T[,][]`: an array (the last group) of two-dimensional arrays.
    assert_eq!(
        ranks("ArrayOfString2DArray"),
        Some(("string".into(), vec![2, 1]))
    );
    assert_eq!(ranks("ArrayOfIntArray2D"), Some(("int".into(), vec![1, 2])));
}
