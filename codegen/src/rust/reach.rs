//! Which operations to generate, and what of the schema they reach.
//!
//! A selection (`--operations A,B`, `Builder::operations`) names operations of the bound port;
//! [`select_operations`] checks the names (an unknown one is an error listing near matches).
//! [`select_types`] does the same for named types asked for besides them (the types of
//! `xs:anyType` values). [`Reach::of_selection`] then walks the model from those operations
//! and types: their body elements and parts, header elements and fault details, and from
//! there every type a value may hold: through fields and attributes, base types, the types
//! derived from the declared type of a reached value (the value may arrive as one of them,
//! named by `xsi:type`; a type reached only as a base does not bring the others derived from
//! it), the members of a reached element's substitution group, list items and union members.
//! The planner plans from the selected operations and types only and reads derived types from
//! the reach; `inspect` shows what a selection pulls in.

use std::collections::{BTreeMap, BTreeSet};

use super::GenerateError;
use crate::model::{
    Binding, ComplexType, Group, MessageBinding, Operation, PartContent, Particle, QName, Schema,
    SimpleType, TypeDef, TypeRef,
};

/// How many near matches an unknown operation's error lists at most.
const NEAR_MATCHES: usize = 5;

/// The operations of `binding` to generate, in binding order: all of them when `selection` is
/// empty, else the named ones (each name at most once).
pub fn select_operations<'b>(
    binding: &'b Binding,
    selection: &[String],
) -> Result<Vec<&'b Operation>, GenerateError> {
    if selection.is_empty() {
        return Ok(binding.operations.iter().collect());
    }
    for name in selection {
        if !binding.operations.iter().any(|op| op.name == *name) {
            return Err(GenerateError::UnknownOperation {
                name: name.clone(),
                near: near_matches(name, binding.operations.iter().map(|op| op.name.as_str())),
            });
        }
    }
    Ok(binding
        .operations
        .iter()
        .filter(|op| selection.contains(&op.name))
        .collect())
}

/// What [`select_types`] reads as every named type of the schema.
pub const EVERY_TYPE: &str = "*";

/// The named schema types to generate besides what the operations reach (`--extra-types`,
/// `Builder::extra_types`): the types of values that arrive where the schema declares
/// `xs:anyType` (vSphere's property values), which no field names. Each name is a type's
/// local name, or `{namespace}local` where several namespaces define it; [`EVERY_TYPE`]
/// names them all. An unknown name is an error listing near matches, an ambiguous one an
/// error listing its namespaces.
pub fn select_types(schema: &Schema, names: &[String]) -> Result<Vec<QName>, GenerateError> {
    if names.iter().any(|name| name == EVERY_TYPE) {
        return Ok(schema.types.keys().cloned().collect());
    }
    let mut selected: Vec<QName> = Vec::new();
    for name in names {
        let matching: Vec<&QName> = match name.strip_prefix('{').and_then(|n| n.split_once('}')) {
            Some((namespace, local)) => schema
                .types
                .keys()
                .filter(|q| q.namespace == namespace && q.local == local)
                .collect(),
            None => schema.types.keys().filter(|q| q.local == *name).collect(),
        };
        match matching[..] {
            [one] => {
                if !selected.contains(one) {
                    selected.push(one.clone());
                }
            }
            [] => {
                return Err(GenerateError::UnknownType {
                    name: name.clone(),
                    near: near_matches(name, schema.types.keys().map(|q| q.local.as_str())),
                })
            }
            _ => {
                return Err(GenerateError::AmbiguousType {
                    name: name.clone(),
                    candidates: matching.iter().map(|q| q.to_string()).collect(),
                })
            }
        }
    }
    Ok(selected)
}

/// The names among `candidates` closest to `name`: the same name in another case, names
/// containing it or contained in it, and names within a few edits, nearest first.
pub fn near_matches<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let wanted = name.to_lowercase();
    let allowed = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            let distance = edit_distance(&wanted, &lower);
            let contains =
                !wanted.is_empty() && (lower.contains(&wanted) || wanted.contains(&lower));
            (distance <= allowed || contains).then_some((distance, candidate))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(NEAR_MATCHES)
        .map(|(_, candidate)| candidate.to_string())
        .collect()
}

/// The Levenshtein distance between `a` and `b`, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The global elements and named schema types the selected operations reach.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reach {
    /// Global elements: bodies, parts, headers, fault details, element references and the
    /// members of their substitution groups.
    pub elements: BTreeSet<QName>,
    /// Named types defined by the schema (built-in XML Schema types are left out).
    pub types: BTreeSet<QName>,
}

impl Reach {
    /// What `operations` and the named types `types` (as values of their own) reach in
    /// `schema`.
    pub fn of_selection(schema: &Schema, operations: &[&Operation], types: &[QName]) -> Reach {
        let mut walk = Walk::new(schema);
        for ty in types {
            walk.named_type(ty);
        }
        for op in operations {
            for message in op.input.iter().chain(op.output.iter()) {
                walk.message(message);
            }
            for fault in &op.faults {
                walk.element(&fault.element);
            }
        }
        walk.run();
        walk.reach
    }

    /// True when the named type `name` is reached.
    pub fn has_type(&self, name: &QName) -> bool {
        self.types.contains(name)
    }
}

/// The walk: what is reached so far and what is still to visit.
struct Walk<'s> {
    schema: &'s Schema,
    /// The complex types derived from each type, by extension or restriction.
    derived: BTreeMap<&'s QName, Vec<&'s QName>>,
    /// The elements that name each element as their substitution group head.
    members: BTreeMap<&'s QName, Vec<&'s QName>>,
    pending_elements: Vec<QName>,
    pending_types: Vec<QName>,
    /// Types reached as the declared type of a value (not only as a base), whose derived
    /// types are reached too.
    values: BTreeSet<QName>,
    pending_values: Vec<QName>,
    reach: Reach,
}

impl<'s> Walk<'s> {
    fn new(schema: &'s Schema) -> Self {
        let mut derived: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
        for (name, def) in &schema.types {
            if let TypeDef::Complex(ComplexType {
                base: Some(base), ..
            }) = def
            {
                derived.entry(base).or_default().push(name);
            }
        }
        let mut members: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
        for (name, decl) in &schema.elements {
            if let Some(head) = &decl.substitution_group {
                members.entry(head).or_default().push(name);
            }
        }
        Walk {
            schema,
            derived,
            members,
            pending_elements: Vec::new(),
            pending_types: Vec::new(),
            values: BTreeSet::new(),
            pending_values: Vec::new(),
            reach: Reach::default(),
        }
    }

    /// A message's body element or parts, and its header elements.
    fn message(&mut self, message: &MessageBinding) {
        if let Some(body) = &message.body {
            // A document-style body element, or an rpc wrapper (not a schema element: then
            // only its parts matter).
            self.element(body);
        }
        for part in message.parts.iter().flatten() {
            match &part.content {
                PartContent::Element(element) => self.element(element),
                PartContent::Type(ty) => self.named_type(ty),
            }
        }
        for header in &message.headers {
            self.element(&header.element);
        }
    }

    /// Queues global element `name` (when the schema declares it).
    fn element(&mut self, name: &QName) {
        if self.schema.elements.contains_key(name) && !self.reach.elements.contains(name) {
            self.reach.elements.insert(name.clone());
            self.pending_elements.push(name.clone());
        }
    }

    /// Queues named type `name` as the declared type of a value (when the schema defines it;
    /// built-ins are not types of it): a value of it may be of any type derived from it.
    fn named_type(&mut self, name: &QName) {
        self.base_type(name);
        if self.schema.types.contains_key(name) && !self.values.contains(name) {
            self.values.insert(name.clone());
            self.pending_values.push(name.clone());
        }
    }

    /// Queues named type `name` as the base of a reached type: its content is part of the
    /// derived type's, but the other types derived from it are not reached through it.
    fn base_type(&mut self, name: &QName) {
        if self.schema.types.contains_key(name) && !self.reach.types.contains(name) {
            self.reach.types.insert(name.clone());
            self.pending_types.push(name.clone());
        }
    }

    /// Visits everything queued, and what it queues in turn.
    fn run(&mut self) {
        loop {
            if let Some(name) = self.pending_elements.pop() {
                let schema = self.schema;
                if let Some(decl) = schema.elements.get(&name) {
                    self.type_ref(&decl.ty);
                }
                for member in self.members.get(&name).cloned().unwrap_or_default() {
                    self.element(member);
                }
            } else if let Some(name) = self.pending_types.pop() {
                let schema = self.schema;
                match schema.types.get(&name) {
                    Some(TypeDef::Complex(ct)) => self.complex(ct),
                    Some(TypeDef::Simple(st)) => self.simple(st),
                    None => {}
                }
            } else if let Some(name) = self.pending_values.pop() {
                // A value of this type may arrive as any type derived from it (`xsi:type`).
                for derived in self.derived.get(&name).cloned().unwrap_or_default() {
                    self.named_type(derived);
                }
            } else {
                break;
            }
        }
    }

    fn type_ref(&mut self, ty: &TypeRef) {
        match ty {
            TypeRef::Named(name) => self.named_type(name),
            TypeRef::AnonymousComplex(ct) => self.complex(ct),
            TypeRef::AnonymousSimple(st) => self.simple(st),
            // The element's type is visited once, with the element.
            TypeRef::OfElement(element) => self.element(element),
        }
    }

    fn complex(&mut self, ct: &ComplexType) {
        if let Some(base) = &ct.base {
            self.base_type(base);
        }
        for attribute in &ct.attributes {
            self.type_ref(&attribute.ty);
            if let Some(array) = &attribute.array_type {
                self.named_type(&array.item);
            }
        }
        if let Some(group) = &ct.content {
            self.group(group);
        }
    }

    fn group(&mut self, group: &Group) {
        for particle in &group.particles {
            match particle {
                Particle::Element(field) => {
                    if field.reference {
                        // A reference reaches the global element and its substitution group.
                        self.element(&field.name);
                    }
                    self.type_ref(&field.ty);
                }
                Particle::Group(inner) => self.group(inner),
                Particle::Any(_) => {}
            }
        }
    }

    fn simple(&mut self, st: &SimpleType) {
        match st {
            SimpleType::Restriction { base, .. } => self.named_type(base),
            SimpleType::List { item, .. } => self.type_ref(item),
            SimpleType::Union { members, .. } => {
                for member in members {
                    self.type_ref(member);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_insertions_deletions_and_substitutions() {
        assert_eq!(edit_distance("login", "login"), 0);
        assert_eq!(edit_distance("login", "logon"), 1);
        assert_eq!(edit_distance("login", "logins"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn near_matches_are_close_names_nearest_first() {
        let names = [
            "Login",
            "Logout",
            "LoginBySSPI",
            "RetrieveProperties",
            "CreateVM_Task",
        ];
        assert_eq!(
            near_matches("login", names.iter().copied()),
            ["Login", "LoginBySSPI"]
        );
        assert_eq!(
            near_matches("RetrievePropertys", names.iter().copied()),
            ["RetrieveProperties"]
        );
        assert!(near_matches("Frobnicate", names.iter().copied()).is_empty());
    }
}
