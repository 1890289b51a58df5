//! The project's own rendering of `EMail.wsdl` must read into the same model as the reference
//! WSDL published by SuperOffice. On failure the test names the differing services, bindings,
//! operations, types and elements before the full `assert_eq!`.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::Path;

use wsdl_codegen::model::{
    Binding, ComplexType, Definitions, Field, Group, Particle, QName, SimpleType, TypeDef, TypeRef,
};
use wsdl_codegen::wsdl::parse_file;

#[path = "../../tests/src/shared.rs"]
mod shared;

/// The reference WSDL, under the shared folder beside the repository.
const REFERENCE: &str = "wsdl/services82/EMail.wsdl";
const OURS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../wsdl/services82/EMail.wsdl");

/// How many differences to list before giving up.
const MAX_REPORTED: usize = 20;

fn parse(path: &Path) -> Definitions {
    match parse_file(path) {
        Ok(defs) => defs,
        Err(e) => panic!("{} does not parse:\n{e}", path.display()),
    }
}

/// `defs` without the human documentation of its components: the reference carries
/// SuperOffice's descriptions, our rendering of the contract does not.
fn without_documentation(mut defs: Definitions) -> Definitions {
    for binding in defs.bindings.values_mut() {
        for operation in &mut binding.operations {
            operation.documentation = None;
        }
    }
    for def in defs.schema.types.values_mut() {
        match def {
            TypeDef::Complex(ct) => strip_complex(ct),
            TypeDef::Simple(st) => strip_simple(st),
        }
    }
    for element in defs.schema.elements.values_mut() {
        element.documentation = None;
        strip_type(&mut element.ty);
    }
    defs
}

fn strip_complex(ct: &mut ComplexType) {
    ct.documentation = None;
    if let Some(group) = &mut ct.content {
        strip_group(group);
    }
    for attribute in &mut ct.attributes {
        attribute.documentation = None;
        strip_type(&mut attribute.ty);
    }
}

fn strip_group(group: &mut Group) {
    for particle in &mut group.particles {
        match particle {
            Particle::Element(field) => strip_field(field),
            Particle::Group(inner) => strip_group(inner),
            Particle::Any(_) => {}
        }
    }
}

fn strip_field(field: &mut Field) {
    field.documentation = None;
    strip_type(&mut field.ty);
}

fn strip_simple(st: &mut SimpleType) {
    match st {
        SimpleType::Restriction {
            enumeration,
            documentation,
            ..
        } => {
            *documentation = None;
            enumeration.iter_mut().for_each(|v| v.documentation = None);
        }
        SimpleType::List {
            item,
            documentation,
        } => {
            *documentation = None;
            strip_type(item);
        }
        SimpleType::Union {
            members,
            documentation,
        } => {
            *documentation = None;
            members.iter_mut().for_each(strip_type);
        }
    }
}

fn strip_type(ty: &mut TypeRef) {
    match ty {
        // The element's own declaration is compared (and stripped) with the elements.
        TypeRef::Named(_) | TypeRef::OfElement(_) => {}
        TypeRef::AnonymousComplex(ct) => strip_complex(ct),
        TypeRef::AnonymousSimple(st) => strip_simple(st),
    }
}

#[test]
fn project_wsdl_reads_into_the_reference_model() {
    let Some(reference) =
        shared::shared_material("project_wsdl_reads_into_the_reference_model", REFERENCE)
    else {
        return;
    };
    let reference = without_documentation(parse(&reference));
    let ours = without_documentation(parse(Path::new(OURS)));
    let differences = differences(&reference, &ours);
    if !differences.is_empty() {
        panic!(
            "wsdl/services82/EMail.wsdl differs from the reference ({} difference(s){}):\n{}",
            differences.len(),
            if differences.len() >= MAX_REPORTED {
                ", list cut"
            } else {
                ""
            },
            differences.join("\n")
        );
    }
    assert_eq!(ours, reference);
}

/// Human-readable differences between `reference` and `ours`, most general first.
fn differences(reference: &Definitions, ours: &Definitions) -> Vec<String> {
    let mut out = Differences::default();
    out.value("definitions name", &reference.name, &ours.name);
    out.value(
        "target namespace",
        &reference.target_namespace,
        &ours.target_namespace,
    );
    out.value("services", &reference.services, &ours.services);
    out.map("binding", &reference.bindings, &ours.bindings, binding);
    out.map(
        "type",
        &reference.schema.types,
        &ours.schema.types,
        |out, name, r, o| out.value(&format!("type {name}"), r, o),
    );
    out.map(
        "element",
        &reference.schema.elements,
        &ours.schema.elements,
        |out, name, r, o| out.value(&format!("element {name}"), r, o),
    );
    out.lines
}

fn binding(out: &mut Differences, name: &QName, reference: &Binding, ours: &Binding) {
    out.value(
        &format!("binding {name} port type"),
        &reference.port_type,
        &ours.port_type,
    );
    out.value(
        &format!("binding {name} SOAP version"),
        &reference.soap_version,
        &ours.soap_version,
    );
    let by_name = |b: &Binding| {
        b.operations
            .iter()
            .map(|o| (o.name.clone(), o.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    out.map(
        &format!("operation of binding {name}"),
        &by_name(reference),
        &by_name(ours),
        |out, op, r, o| out.value(&format!("operation {op}"), r, o),
    );
    let order = |b: &Binding| {
        b.operations
            .iter()
            .map(|o| o.name.clone())
            .collect::<Vec<_>>()
    };
    out.value(
        &format!("binding {name} operation order"),
        &order(reference),
        &order(ours),
    );
}

/// The differences found so far.
#[derive(Default)]
struct Differences {
    lines: Vec<String>,
}

impl Differences {
    fn push(&mut self, line: String) {
        if self.lines.len() < MAX_REPORTED {
            self.lines.push(line);
        }
    }

    fn value<T: PartialEq + Debug>(&mut self, what: &str, reference: &T, ours: &T) {
        if reference != ours {
            self.push(format!(
                "- {what} differs:\n    reference: {reference:?}\n    ours:      {ours:?}"
            ));
        }
    }

    fn map<K: Ord + std::fmt::Display, V: PartialEq>(
        &mut self,
        what: &str,
        reference: &BTreeMap<K, V>,
        ours: &BTreeMap<K, V>,
        compare: impl Fn(&mut Self, &K, &V, &V),
    ) {
        for (name, r) in reference {
            match ours.get(name) {
                None => self.push(format!("- {what} {name} is missing")),
                Some(o) if o != r => compare(self, name, r, o),
                Some(_) => {}
            }
        }
        for name in ours.keys().filter(|k| !reference.contains_key(*k)) {
            self.push(format!("- {what} {name} is not in the reference"));
        }
    }
}

#[test]
fn differences_name_what_differs() {
    // The project's own rendering (it reads into the reference's model, see above), so that this
    // check of the comparison runs without the shared folder.
    let reference = parse(Path::new(OURS));
    let mut ours = reference.clone();
    let carrier = QName::new(
        "http://www.superoffice.net/ws/crm/NetServer/Services82",
        "Carrier",
    );
    ours.schema.types.remove(&carrier);
    if let Some(binding) = ours.bindings.values_mut().next() {
        binding.operations.swap(0, 1);
    }
    let found = differences(&reference, &ours);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].contains("operation order"), "{found:#?}");
    assert!(found[1].contains(
        "type {http://www.superoffice.net/ws/crm/NetServer/Services82}Carrier is missing"
    ));
}
