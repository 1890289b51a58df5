//! The merge step's comparison of the WSDLs' models: the same qualified name must name the
//! same definition in every WSDL that declares it.
//!
//! Definitions are compared structurally, as the model holds them, leaving out the schema's
//! documentation: two agents of one product often document a shared type in different words
//! (or one of them not at all), and the wire format does not change with the words. The shared
//! item takes the documentation of the first WSDL that declares it.

use crate::model::{
    Attribute, ComplexType, Definitions, ElementDecl, EnumValue, Field, Group, Particle, QName,
    SimpleType, TypeDef, TypeRef,
};

/// Which kind of global declaration two WSDLs define differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclarationKind {
    /// A named type (`xs:complexType`, `xs:simpleType`).
    Type,
    /// A global element (`xs:element`).
    Element,
}

impl std::fmt::Display for DeclarationKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DeclarationKind::Type => "type",
            DeclarationKind::Element => "element",
        })
    }
}

/// A qualified name that two WSDLs of one generation define differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Type or element.
    pub kind: DeclarationKind,
    /// The qualified name.
    pub name: QName,
    /// The index (in generation order) of the first WSDL that declares it.
    pub first: usize,
    /// The index of a later WSDL that declares it differently.
    pub second: usize,
}

/// The first name (in WSDL order, then name order) that two of `models` define differently,
/// documentation left aside.
pub fn first_difference(models: &[&Definitions]) -> Option<Difference> {
    for (second, later) in models.iter().enumerate().skip(1) {
        for (first, earlier) in models.iter().enumerate().take(second) {
            for (name, def) in &later.schema.types {
                if let Some(known) = earlier.schema.types.get(name) {
                    if undocumented_type(known) != undocumented_type(def) {
                        return Some(Difference {
                            kind: DeclarationKind::Type,
                            name: name.clone(),
                            first,
                            second,
                        });
                    }
                }
            }
            for (name, decl) in &later.schema.elements {
                if let Some(known) = earlier.schema.elements.get(name) {
                    if undocumented_element(known) != undocumented_element(decl) {
                        return Some(Difference {
                            kind: DeclarationKind::Element,
                            name: name.clone(),
                            first,
                            second,
                        });
                    }
                }
            }
        }
    }
    None
}

/// `def` without any documentation.
fn undocumented_type(def: &TypeDef) -> TypeDef {
    match def {
        TypeDef::Complex(ct) => TypeDef::Complex(undocumented_complex(ct)),
        TypeDef::Simple(st) => TypeDef::Simple(undocumented_simple(st)),
    }
}

fn undocumented_element(decl: &ElementDecl) -> ElementDecl {
    ElementDecl {
        ty: undocumented_ref(&decl.ty),
        documentation: None,
        ..decl.clone()
    }
}

fn undocumented_complex(ct: &ComplexType) -> ComplexType {
    ComplexType {
        content: ct.content.as_ref().map(undocumented_group),
        attributes: ct.attributes.iter().map(undocumented_attribute).collect(),
        documentation: None,
        ..ct.clone()
    }
}

fn undocumented_group(group: &Group) -> Group {
    Group {
        particles: group
            .particles
            .iter()
            .map(|particle| match particle {
                Particle::Element(field) => Particle::Element(undocumented_field(field)),
                Particle::Group(inner) => Particle::Group(undocumented_group(inner)),
                Particle::Any(wildcard) => Particle::Any(wildcard.clone()),
            })
            .collect(),
        ..group.clone()
    }
}

fn undocumented_field(field: &Field) -> Field {
    Field {
        ty: undocumented_ref(&field.ty),
        documentation: None,
        ..field.clone()
    }
}

fn undocumented_attribute(attribute: &Attribute) -> Attribute {
    Attribute {
        ty: undocumented_ref(&attribute.ty),
        documentation: None,
        ..attribute.clone()
    }
}

fn undocumented_ref(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Named(name) => TypeRef::Named(name.clone()),
        // The element's own declaration is compared (undocumented) with the elements.
        TypeRef::OfElement(element) => TypeRef::OfElement(element.clone()),
        TypeRef::AnonymousComplex(ct) => {
            TypeRef::AnonymousComplex(Box::new(undocumented_complex(ct)))
        }
        TypeRef::AnonymousSimple(st) => TypeRef::AnonymousSimple(Box::new(undocumented_simple(st))),
    }
}

fn undocumented_simple(st: &SimpleType) -> SimpleType {
    match st {
        SimpleType::Restriction {
            base,
            enumeration,
            facets,
            ..
        } => SimpleType::Restriction {
            base: base.clone(),
            facets: facets.clone(),
            enumeration: enumeration
                .iter()
                .map(|value| EnumValue {
                    documentation: None,
                    ..value.clone()
                })
                .collect(),
            documentation: None,
        },
        SimpleType::List { item, .. } => SimpleType::List {
            item: Box::new(undocumented_ref(item)),
            documentation: None,
        },
        SimpleType::Union { members, .. } => SimpleType::Union {
            members: members.iter().map(undocumented_ref).collect(),
            documentation: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Compositor, MaxOccurs};

    fn with_type(local: &str, field: &str, doc: Option<&str>) -> Definitions {
        let mut defs = Definitions::default();
        let ct = ComplexType {
            content: Some(Group {
                kind: Compositor::Sequence,
                min_occurs: 1,
                max_occurs: MaxOccurs::Bounded(1),
                particles: vec![Particle::Element(Field {
                    name: QName::new("urn:t", field),
                    ty: TypeRef::Named(QName::new(crate::model::XSD_NS, "string")),
                    min_occurs: 0,
                    max_occurs: MaxOccurs::Bounded(1),
                    nillable: false,
                    default: None,
                    fixed: false,
                    reference: false,
                    documentation: doc.map(String::from),
                })],
            }),
            documentation: doc.map(String::from),
            ..ComplexType::default()
        };
        defs.schema
            .types
            .insert(QName::new("urn:t", local), TypeDef::Complex(ct));
        defs
    }

    #[test]
    fn documentation_does_not_make_a_difference() {
        let a = with_type("Shared", "Name", Some("The name."));
        let b = with_type("Shared", "Name", None);
        assert_eq!(first_difference(&[&a, &b]), None);
    }

    #[test]
    fn another_field_is_a_difference_naming_both_wsdls() {
        let a = with_type("Shared", "Name", None);
        let b = with_type("Other", "Name", None);
        let c = with_type("Shared", "Title", None);
        assert_eq!(
            first_difference(&[&a, &b, &c]),
            Some(Difference {
                kind: DeclarationKind::Type,
                name: QName::new("urn:t", "Shared"),
                first: 0,
                second: 2,
            })
        );
    }
}
