//! From the model to a plan of Rust items: which structs, enums and aliases to emit, their
//! names, and for every field its Rust type and wire codec. The emitters only print the plan.

use std::collections::{BTreeMap, BTreeSet};

use super::names::{type_name, value_name, variant_name, Scope};
use super::GenerateError;
use crate::model::{ComplexType, Definitions, Field, QName, SimpleType, TypeDef, TypeRef, XSD_NS};

/// The WCF serialization namespace, home of `guid`, `char` and `duration`.
const SERIALIZATION_NS: &str = "http://schemas.microsoft.com/2003/10/Serialization/";

/// The Rust shape of a schema type: how it is typed and how it is written.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A runtime or std type, by path (`String`, `i32`, `DateTime`).
    Builtin(&'static str),
    /// A generated struct.
    Struct(String),
    /// A generated enumeration (written as text).
    Enum(String),
    /// A generated alias of `FlagSet<Item>`.
    Flags(String),
    /// A WCF `ArrayOfX`: `Vec` of items wrapped in `item` elements.
    Array {
        /// The item element.
        item: QName,
        /// True when items may be nil.
        nillable: bool,
        /// The items' shape.
        items: Box<Shape>,
    },
    /// A WCF dictionary, emitted as an alias of `OrderedMap`.
    Dictionary {
        /// The alias name.
        alias: String,
        /// The pair, key and value elements.
        pair: QName,
        /// The key element.
        key: QName,
        /// The value element.
        value: QName,
        /// Keys' shape.
        keys: Box<Shape>,
        /// Values' shape.
        values: Box<Shape>,
    },
}

/// How often a field occurs, which decides its Rust wrapper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurs {
    /// Exactly once: `T`.
    One,
    /// Optional or nillable: `Option<T>`.
    Optional,
    /// Repeated: `Vec<T>`.
    Many,
}

/// One field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPlan {
    /// The Rust field name.
    pub rust_name: String,
    /// The element on the wire.
    pub wire: QName,
    /// Its shape.
    pub shape: Shape,
    /// Occurrence.
    pub occurs: Occurs,
    /// `minOccurs >= 1`.
    pub required: bool,
    /// `nillable`.
    pub nillable: bool,
    /// True when the value must be boxed to break a type cycle.
    pub boxed: bool,
    /// True when the field holds a secret and must not appear in `Debug`.
    pub secret: bool,
}

/// Where a struct comes from in the schema.
#[derive(Debug, Clone, PartialEq)]
pub enum StructSource {
    /// A named complex type.
    Type(QName),
    /// The anonymous type of a global element.
    Element(QName),
    /// The anonymous type of a local element.
    Local(QName),
}

/// A struct to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct StructPlan {
    /// Rust name.
    pub name: String,
    /// Schema origin.
    pub source: StructSource,
    /// Base type chain, nearest first, for documentation.
    pub bases: Vec<QName>,
    /// Fields, inherited first.
    pub fields: Vec<FieldPlan>,
}

/// An enumeration to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumPlan {
    /// Rust name.
    pub name: String,
    /// The schema type (for lists, the list type).
    pub source: QName,
    /// Variants: (Rust name, wire text, WCF numeric value).
    pub variants: Vec<(String, String, Option<i64>)>,
    /// The name of the variant that keeps unknown values.
    pub unknown_variant: String,
}

/// A flag-set alias to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagsPlan {
    /// Rust alias name.
    pub name: String,
    /// The list type.
    pub source: QName,
    /// The item enumeration's Rust name.
    pub item: String,
}

/// A dictionary alias to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct DictionaryPlan {
    /// Rust alias name.
    pub name: String,
    /// The dictionary type.
    pub source: QName,
    /// Key and value shapes.
    pub keys: Shape,
    /// Values' shape.
    pub values: Shape,
}

/// Every type item of the generated module, plus the namespace table.
#[derive(Debug, Default)]
pub struct TypePlan {
    /// Structs by Rust name.
    pub structs: BTreeMap<String, StructPlan>,
    /// Enumerations by Rust name.
    pub enums: BTreeMap<String, EnumPlan>,
    /// Flag sets by Rust name.
    pub flags: BTreeMap<String, FlagsPlan>,
    /// Dictionaries by Rust name.
    pub dictionaries: BTreeMap<String, DictionaryPlan>,
    /// Namespaces used by elements, in table order.
    pub namespaces: Vec<String>,
}

/// Builds the [`TypePlan`] on demand while the service plan asks for element types.
pub struct TypePlanner<'m> {
    defs: &'m Definitions,
    plan: TypePlan,
    type_names: Scope,
    shapes: BTreeMap<QName, Shape>,
    in_progress: BTreeSet<QName>,
    secret_words: Vec<String>,
}

impl<'m> TypePlanner<'m> {
    /// A planner over `defs`; fields whose name contains one of `secret_words` are redacted.
    pub fn new(defs: &'m Definitions, reserved: &[&str], secret_words: &[String]) -> Self {
        TypePlanner {
            defs,
            plan: TypePlan::default(),
            type_names: Scope::with_reserved(reserved),
            shapes: BTreeMap::new(),
            in_progress: BTreeSet::new(),
            secret_words: secret_words.iter().map(|w| w.to_lowercase()).collect(),
        }
    }

    /// Claims a name for a non-type item (client, server, header structs).
    pub fn claim_name(&mut self, candidate: &str) -> String {
        self.type_names.claim(candidate.to_string())
    }

    /// The shape of global element `element`'s type, planning whatever it needs.
    pub fn element_shape(&mut self, element: &QName) -> Result<(Shape, bool), GenerateError> {
        let decl = self
            .defs
            .schema
            .elements
            .get(element)
            .ok_or_else(|| GenerateError::Unresolved(format!("element {element}")))?;
        let nillable = decl.nillable;
        let shape = match &decl.ty {
            TypeRef::AnonymousComplex(ct) => {
                self.anonymous_struct(ct, StructSource::Element(element.clone()), &element.local)?
            }
            other => self.type_shape(other, &element.local)?,
        };
        Ok((shape, nillable))
    }

    /// Registers `namespace` in the namespace table.
    pub fn namespace(&mut self, namespace: &str) {
        if !namespace.is_empty() && !self.plan.namespaces.iter().any(|n| n == namespace) {
            self.plan.namespaces.push(namespace.to_string());
        }
    }

    /// The finished plan; boxes fields that close a type cycle.
    pub fn finish(mut self) -> TypePlan {
        let direct: BTreeMap<String, BTreeSet<String>> = self
            .plan
            .structs
            .iter()
            .map(|(name, s)| {
                let targets = s
                    .fields
                    .iter()
                    .filter(|f| f.occurs != Occurs::Many)
                    .filter_map(|f| match &f.shape {
                        Shape::Struct(t) => Some(t.clone()),
                        _ => None,
                    })
                    .collect();
                (name.clone(), targets)
            })
            .collect();
        let reaches = |from: &str, to: &str| -> bool {
            let mut stack = vec![from.to_string()];
            let mut seen = BTreeSet::new();
            while let Some(next) = stack.pop() {
                if next == to {
                    return true;
                }
                if seen.insert(next.clone()) {
                    stack.extend(direct.get(&next).into_iter().flatten().cloned());
                }
            }
            false
        };
        for (name, s) in self.plan.structs.iter_mut() {
            for f in &mut s.fields {
                if let (Shape::Struct(target), false) = (&f.shape, f.occurs == Occurs::Many) {
                    f.boxed = reaches(target, name);
                }
            }
        }
        self.plan
    }

    fn type_shape(&mut self, ty: &TypeRef, context: &str) -> Result<Shape, GenerateError> {
        match ty {
            TypeRef::Named(name) => self.named_shape(name),
            TypeRef::AnonymousComplex(ct) => {
                let source = StructSource::Local(QName::new("", context));
                self.anonymous_struct(ct, source, context)
            }
            TypeRef::AnonymousSimple(st) => self.simple_shape(st, &QName::new("", context)),
        }
    }

    fn named_shape(&mut self, name: &QName) -> Result<Shape, GenerateError> {
        if let Some(shape) = builtin(name) {
            return Ok(shape);
        }
        if let Some(shape) = self.shapes.get(name) {
            return Ok(shape.clone());
        }
        let def = self
            .defs
            .schema
            .types
            .get(name)
            .ok_or_else(|| GenerateError::Unresolved(format!("type {name}")))?;
        let shape = match def {
            TypeDef::Simple(st) => self.simple_shape(st, name)?,
            TypeDef::Complex(ct) => self.complex_shape(ct, name)?,
        };
        self.shapes.insert(name.clone(), shape.clone());
        Ok(shape)
    }

    fn simple_shape(&mut self, st: &SimpleType, name: &QName) -> Result<Shape, GenerateError> {
        match st {
            SimpleType::Restriction { base, enumeration } if enumeration.is_empty() => {
                self.named_shape(base)
            }
            SimpleType::Restriction { enumeration, .. } => {
                let rust_name = self.type_names.claim(type_name(&name.local));
                let plan = enum_plan(rust_name.clone(), name.clone(), enumeration);
                self.plan.enums.insert(rust_name.clone(), plan);
                Ok(Shape::Enum(rust_name))
            }
            SimpleType::List { item } => {
                let alias = self.type_names.claim(type_name(&name.local));
                let item_shape = match item.as_ref() {
                    TypeRef::AnonymousSimple(inner) => {
                        let item_name = match name.local.strip_suffix('s') {
                            Some(singular) if name.local.ends_with("Flags") => singular.to_string(),
                            _ => format!("{}Flag", name.local),
                        };
                        self.simple_shape(inner, &QName::new(name.namespace.clone(), item_name))?
                    }
                    other => self.type_shape(other, &name.local)?,
                };
                let item = match &item_shape {
                    Shape::Enum(n) => n.clone(),
                    Shape::Builtin(b) => b.to_string(),
                    _ => {
                        return Err(GenerateError::Unsupported(format!(
                            "the list type {name} has items that are not simple"
                        )))
                    }
                };
                self.plan.flags.insert(
                    alias.clone(),
                    FlagsPlan {
                        name: alias.clone(),
                        source: name.clone(),
                        item,
                    },
                );
                Ok(Shape::Flags(alias))
            }
        }
    }

    fn complex_shape(&mut self, ct: &ComplexType, name: &QName) -> Result<Shape, GenerateError> {
        if ct.is_dictionary {
            return self.dictionary_shape(ct, name);
        }
        if let Some(array) = self.array_shape(ct)? {
            return Ok(array);
        }
        let rust_name = self.type_names.claim(type_name(&name.local));
        // Register before planning fields, so recursive references find it.
        self.shapes
            .insert(name.clone(), Shape::Struct(rust_name.clone()));
        self.plan_struct(ct, rust_name.clone(), StructSource::Type(name.clone()))?;
        Ok(Shape::Struct(rust_name))
    }

    fn anonymous_struct(
        &mut self,
        ct: &ComplexType,
        source: StructSource,
        context: &str,
    ) -> Result<Shape, GenerateError> {
        if let Some(array) = self.array_shape(ct)? {
            return Ok(array);
        }
        let rust_name = self.type_names.claim(type_name(context));
        self.plan_struct(ct, rust_name.clone(), source)?;
        Ok(Shape::Struct(rust_name))
    }

    /// A complex type without base whose only element repeats is a WCF-style array.
    fn array_shape(&mut self, ct: &ComplexType) -> Result<Option<Shape>, GenerateError> {
        match (ct.base.as_ref(), ct.fields.as_slice()) {
            (None, [only]) if only.max_occurs.is_repeated() => {
                self.namespace(&only.name.namespace);
                let items = self.type_shape(&only.ty, &only.name.local)?;
                Ok(Some(Shape::Array {
                    item: only.name.clone(),
                    nillable: only.nillable,
                    items: Box::new(items),
                }))
            }
            _ => Ok(None),
        }
    }

    fn dictionary_shape(&mut self, ct: &ComplexType, name: &QName) -> Result<Shape, GenerateError> {
        let invalid = || {
            GenerateError::Unsupported(format!(
                "the dictionary type {name} is not one repeated key/value pair element"
            ))
        };
        let [pair] = ct.fields.as_slice() else {
            return Err(invalid());
        };
        let TypeRef::AnonymousComplex(pair_type) = &pair.ty else {
            return Err(invalid());
        };
        let [key, value] = pair_type.fields.as_slice() else {
            return Err(invalid());
        };
        for n in [&pair.name, &key.name, &value.name] {
            self.namespace(&n.namespace);
        }
        let alias = self.type_names.claim(type_name(&name.local));
        let keys = self.type_shape(&key.ty, &key.name.local)?;
        let values = self.type_shape(&value.ty, &value.name.local)?;
        self.plan.dictionaries.insert(
            alias.clone(),
            DictionaryPlan {
                name: alias.clone(),
                source: name.clone(),
                keys: keys.clone(),
                values: values.clone(),
            },
        );
        Ok(Shape::Dictionary {
            alias,
            pair: pair.name.clone(),
            key: key.name.clone(),
            value: value.name.clone(),
            keys: Box::new(keys),
            values: Box::new(values),
        })
    }

    /// The fields of `ct` with its base types' first, and the base chain.
    fn flattened_fields(
        &self,
        ct: &ComplexType,
    ) -> Result<(Vec<Field>, Vec<QName>), GenerateError> {
        let mut chain = Vec::new();
        let mut base = ct.base.clone();
        let mut levels = vec![ct.fields.clone()];
        while let Some(b) = base {
            if chain.contains(&b) {
                return Err(GenerateError::Unsupported(format!(
                    "the type {b} extends itself"
                )));
            }
            let Some(TypeDef::Complex(parent)) = self.defs.schema.types.get(&b) else {
                return Err(GenerateError::Unresolved(format!("complex base type {b}")));
            };
            levels.push(parent.fields.clone());
            chain.push(b);
            base = parent.base.clone();
        }
        levels.reverse();
        Ok((levels.into_iter().flatten().collect(), chain))
    }

    fn plan_struct(
        &mut self,
        ct: &ComplexType,
        rust_name: String,
        source: StructSource,
    ) -> Result<(), GenerateError> {
        let key = QName::new("struct", rust_name.clone());
        if !self.in_progress.insert(key) {
            return Ok(());
        }
        let (fields, bases) = self.flattened_fields(ct)?;
        let mut field_names = Scope::default();
        let mut planned = Vec::with_capacity(fields.len());
        for field in &fields {
            self.namespace(&field.name.namespace);
            let context = format!("{rust_name}{}", field.name.local);
            let shape = match &field.ty {
                TypeRef::AnonymousComplex(inner) => {
                    self.anonymous_struct(inner, StructSource::Local(field.name.clone()), &context)?
                }
                other => self.type_shape(other, &context)?,
            };
            let rust_field = field_names.claim(value_name(&field.name.local));
            let lower = field.name.local.to_lowercase();
            let occurs = if field.max_occurs.is_repeated() {
                Occurs::Many
            } else if field.min_occurs >= 1 && !field.nillable {
                Occurs::One
            } else {
                Occurs::Optional
            };
            planned.push(FieldPlan {
                rust_name: rust_field,
                wire: field.name.clone(),
                shape,
                occurs,
                required: field.min_occurs >= 1,
                nillable: field.nillable,
                boxed: false,
                secret: self.secret_words.iter().any(|w| lower.contains(w.as_str())),
            });
        }
        self.plan.structs.insert(
            rust_name.clone(),
            StructPlan {
                name: rust_name,
                source,
                bases,
                fields: planned,
            },
        );
        Ok(())
    }
}

fn enum_plan(name: String, source: QName, values: &[crate::model::EnumValue]) -> EnumPlan {
    let mut variants = Scope::with_reserved(&["Self"]);
    let variants: Vec<(String, String, Option<i64>)> = values
        .iter()
        .map(|v| {
            (
                variants.claim(variant_name(&v.value)),
                v.value.clone(),
                v.numeric,
            )
        })
        .collect();
    let mut unknown_variant = String::from("Unrecognized");
    while variants.iter().any(|(n, _, _)| *n == unknown_variant) {
        unknown_variant.push('_');
    }
    EnumPlan {
        name,
        source,
        variants,
        unknown_variant,
    }
}

/// The Rust shape of a built-in XML Schema or WCF serialization type.
fn builtin(name: &QName) -> Option<Shape> {
    let path = match (name.namespace.as_str(), name.local.as_str()) {
        (
            XSD_NS,
            "string" | "anyURI" | "normalizedString" | "token" | "language" | "Name" | "NCName"
            | "ID" | "IDREF" | "NMTOKEN" | "ENTITY" | "anyType" | "anySimpleType" | "date" | "time"
            | "gYear" | "gYearMonth" | "gMonth" | "gMonthDay" | "gDay" | "hexBinary",
        ) => "String",
        (XSD_NS, "boolean") => "bool",
        (XSD_NS, "byte") => "i8",
        (XSD_NS, "short") => "i16",
        (XSD_NS, "int") => "i32",
        (XSD_NS, "long") => "i64",
        (XSD_NS, "unsignedByte") => "u8",
        (XSD_NS, "unsignedShort") => "u16",
        (XSD_NS, "unsignedInt") => "u32",
        (XSD_NS, "unsignedLong") => "u64",
        (
            XSD_NS,
            "integer" | "nonNegativeInteger" | "positiveInteger" | "nonPositiveInteger"
            | "negativeInteger" | "decimal",
        ) => "Decimal",
        (XSD_NS, "float") => "f32",
        (XSD_NS, "double") => "f64",
        (XSD_NS, "dateTime") => "DateTime",
        (XSD_NS, "duration") | (SERIALIZATION_NS, "duration") => "Duration",
        (XSD_NS, "base64Binary") => "Vec<u8>",
        (XSD_NS, "QName") => "QName",
        (SERIALIZATION_NS, "guid") => "Guid",
        (SERIALIZATION_NS, "char") => "char",
        _ => return None,
    };
    Some(Shape::Builtin(path))
}
