//! `xs:redefine` (XML Schema 1.0 section 4.2.2): the model of a redefined schema. Each
//! redefinition stands under the redefined name; the old version of a type is kept as
//! `{name}Original` (numbered when that name is taken), the base of its redefinition; a
//! redefined group expands the old group where it refers to itself; the redefined document
//! is read as an include (chameleon included). The errors are in `tests/broken/redefine-*`.

use std::path::Path;

use wsdl_codegen::model::{
    ComplexType, Derivation, QName, Schema, SimpleType, TypeDef, TypeRef, XSD_NS,
};
use wsdl_codegen::wsdl::{parse_file_with, ParseOptions};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/wsdl");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/redefine");
const REGISTRY: &str = "urn:example:redefine";

fn schema(path: &Path) -> Schema {
    parse_file_with(path, &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .definitions
        .schema
}

fn registry() -> Schema {
    schema(&Path::new(CORPUS).join("redefine/registry.wsdl"))
}

fn complex<'s>(schema: &'s Schema, name: &QName) -> &'s ComplexType {
    match schema.types.get(name) {
        Some(TypeDef::Complex(ty)) => ty,
        other => panic!("{name:?} is {other:?}"),
    }
}

fn field_names(ty: &ComplexType) -> Vec<&str> {
    ty.element_fields()
        .iter()
        .map(|f| f.name.local.as_str())
        .collect()
}

#[test]
fn a_redefined_type_extends_its_first_version_kept_under_another_name() {
    let schema = registry();
    let person = complex(&schema, &QName::new(REGISTRY, "Person"));
    assert_eq!(person.base, Some(QName::new(REGISTRY, "PersonOriginal")));
    assert_eq!(person.derivation, Derivation::Extension);
    assert_eq!(field_names(person), ["status"]);
    let status = &person.element_fields()[0].ty;
    assert_eq!(status, &TypeRef::Named(QName::new(REGISTRY, "Status")));
    let original = complex(&schema, &QName::new(REGISTRY, "PersonOriginal"));
    assert_eq!(original.base, None);
    let note = original.documentation.as_deref().unwrap_or_default();
    assert!(note.contains("first version of Person"), "{note}");
}

#[test]
fn a_redefined_group_expands_the_old_group_where_it_refers_to_itself() {
    let schema = registry();
    // people.xsd's Person refers to `Contact`, which now means the redefined group: the old
    // group's email, then the redefinition's phone.
    let original = complex(&schema, &QName::new(REGISTRY, "PersonOriginal"));
    assert_eq!(field_names(original), ["name", "email", "phone"]);
    let phone = original.element_fields()[2];
    assert_eq!(phone.min_occurs, 0);
}

#[test]
fn a_redefined_attribute_group_adds_to_the_old_one() {
    let schema = registry();
    let original = complex(&schema, &QName::new(REGISTRY, "PersonOriginal"));
    let attributes: Vec<&str> = original
        .attributes
        .iter()
        .map(|a| a.name.local.as_str())
        .collect();
    assert_eq!(attributes, ["id", "revision"]);
}

#[test]
fn a_redefined_simple_type_restricts_the_old_enumeration() {
    let schema = registry();
    let Some(TypeDef::Simple(SimpleType::Restriction {
        base, enumeration, ..
    })) = schema.types.get(&QName::new(REGISTRY, "Status"))
    else {
        panic!("Status is a restriction");
    };
    assert_eq!(base, &QName::new(REGISTRY, "StatusOriginal"));
    let values: Vec<&str> = enumeration.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["active", "retired"]);
    let Some(TypeDef::Simple(SimpleType::Restriction {
        base, enumeration, ..
    })) = schema.types.get(&QName::new(REGISTRY, "StatusOriginal"))
    else {
        panic!("StatusOriginal is the first version");
    };
    assert_eq!(base, &QName::new(XSD_NS, "string"));
    assert_eq!(enumeration.len(), 3);
}

#[test]
fn a_chameleon_redefine_takes_the_namespace_and_numbers_a_taken_original_name() {
    let schema = schema(&Path::new(FIXTURES).join("chameleon.wsdl"));
    let namespace = "urn:example:chameleon";
    let item = complex(&schema, &QName::new(namespace, "Item"));
    assert_eq!(item.base, Some(QName::new(namespace, "ItemOriginal2")));
    assert_eq!(item.derivation, Derivation::Restriction);
    assert_eq!(field_names(item), ["code"]);
    let original = complex(&schema, &QName::new(namespace, "ItemOriginal2"));
    assert_eq!(field_names(original), ["code", "note"]);
    let taken = complex(&schema, &QName::new(namespace, "ItemOriginal"));
    assert_eq!(field_names(taken), ["taken"]);
}

#[test]
fn a_redefined_schema_generates_code() {
    let code = wsdl_codegen::Builder::new(Path::new(FIXTURES).join("chameleon.wsdl"))
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("pub struct Item"), "{code}");
}

#[test]
fn with_allow_unresolved_a_redefine_of_a_missing_document_redefines_nothing() {
    let options = ParseOptions {
        allow_unresolved: true,
        ..ParseOptions::default()
    };
    let parsed = parse_file_with(&Path::new(FIXTURES).join("missing.wsdl"), &options)
        .unwrap_or_else(|e| panic!("{e}"));
    let namespace = "urn:example:chameleon";
    let schema = &parsed.definitions.schema;
    assert!(!schema.types.contains_key(&QName::new(namespace, "Item")));
    let warnings: Vec<String> = parsed.warnings.iter().map(|w| w.message.clone()).collect();
    assert!(
        warnings.iter().any(|w| w.contains("absent.xsd")),
        "{warnings:?}"
    );
}
