//! `xs:redefine` (XML Schema 1.0 section 4.2.2): an include whose named types, model groups
//! and attribute groups are replaced by new versions derived from the old ones.
//!
//! The loader reads the redefined document like an `xs:include`. While indexing, the
//! redefinitions are kept aside ([`SchemaIndex::add_redefinitions`]); once every document is
//! indexed, [`SchemaIndex::apply_redefinitions`] puts each one under the redefined name and
//! moves the old declaration to a name of its own, `{name}Original` (numbered on a clash), so
//! the model stays a plain set of named declarations. Inside a redefinition a reference to its
//! own name means the old declaration ([`SchemaIndex::redirect`]): a redefined type derives from
//! its old version as from any other base (the planner names it `PersonOriginal`), and a
//! redefined group expands the old group where it refers to itself.
//!
//! Why a renamed old declaration rather than folding an extension into one type: restrictions
//! (of simple types and of complex types) cannot be folded without re-deriving facets and
//! particles, and an extension of a renamed base is what the model, planner and decoder already
//! handle for every other derived type; one mapping serves every kind of redefinition.

use super::{adopt, elements, in_ns, is, tag, Decl, DeclKind, RefKind, SchemaIndex, XSD_NS};
use crate::model::QName;
use crate::wsdl::error::WsdlError;
use crate::wsdl::xml::{duplicate, namespace_scope, Doc, XmlNode};

/// What a redefinition replaces.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Redefinable {
    /// A simple or complex type.
    Type,
    /// A named model group.
    Group,
    /// An attribute group.
    AttributeGroup,
}

impl Redefinable {
    fn noun(self) -> &'static str {
        match self {
            Redefinable::Type => "type",
            Redefinable::Group => "group",
            Redefinable::AttributeGroup => "attribute group",
        }
    }

    fn ref_kind(self) -> Option<RefKind> {
        match self {
            Redefinable::Type => None,
            Redefinable::Group => Some(RefKind::Group),
            Redefinable::AttributeGroup => Some(RefKind::AttributeGroup),
        }
    }
}

/// One component redefined inside an `xs:redefine`.
#[derive(Clone)]
pub(super) struct Redefinition<'d, 's> {
    kind: Redefinable,
    /// The redefined name.
    name: QName,
    /// The new declaration (a child of the `xs:redefine`).
    decl: Decl<'d, 's>,
    /// The `xs:redefine` element.
    redefine: XmlNode<'d, 's>,
    /// The name the old declaration is kept under, once applied.
    original: Option<QName>,
}

impl<'d, 's> SchemaIndex<'d, 's> {
    /// Keeps aside the redefinitions inside `redefine` (an `xs:redefine` of the schema read
    /// in `context`); they are applied once every document is indexed.
    pub(super) fn add_redefinitions(
        &mut self,
        doc: &'d Doc<'s>,
        redefine: XmlNode<'d, 's>,
        context: usize,
    ) -> Result<(), WsdlError> {
        let target = self.contexts[context].target.clone();
        for node in elements(redefine).filter(|n| in_ns(*n, XSD_NS)) {
            let kind = match node.tag_name().name() {
                "simpleType" | "complexType" => Redefinable::Type,
                "group" => Redefinable::Group,
                "attributeGroup" => Redefinable::AttributeGroup,
                "annotation" => continue,
                _ => {
                    return Err(doc.invalid(
                        node,
                        format!("`{}` in xs:redefine", tag(node)),
                        "xs:redefine holds only xs:simpleType, xs:complexType, xs:group, \
                         xs:attributeGroup and xs:annotation",
                    ))
                }
            };
            let name = QName::new(target.clone(), doc.name(node)?);
            if let Some(first) = self
                .redefinitions
                .iter()
                .find(|r| r.kind == kind && r.name == name)
            {
                return Err(duplicate(
                    (first.decl.doc, first.decl.node),
                    (doc, node),
                    kind.noun(),
                    &name.local,
                    namespace_scope(&target),
                ));
            }
            self.redefinitions.push(Redefinition {
                kind,
                name,
                decl: Decl { doc, node, context },
                redefine,
                original: None,
            });
        }
        Ok(())
    }

    /// Puts each redefinition under its name and the old declaration under `{name}Original`;
    /// refuses a redefinition of something the redefined document does not declare, and a
    /// redefinition that does not derive from (or, for a group, refer to) its old version.
    pub(super) fn apply_redefinitions(&mut self) -> Result<(), WsdlError> {
        let mut redefinitions = std::mem::take(&mut self.redefinitions);
        let mut applied = Vec::with_capacity(redefinitions.len());
        for mut redefinition in redefinitions.drain(..) {
            let Redefinition {
                kind, name, decl, ..
            } = redefinition.clone();
            let old = match kind.ref_kind() {
                None => self.types.get(&name).copied(),
                Some(ref_kind) => self
                    .referenced
                    .get(&(ref_kind as u8, name.clone()))
                    .copied(),
            };
            let location = redefinition
                .redefine
                .attribute("schemaLocation")
                .unwrap_or("");
            let Some(old) = old.filter(|old| !std::ptr::eq(old.doc, decl.doc)) else {
                if self.allow_unresolved {
                    // The redefined document may be the one not found: its names stay
                    // undeclared, and references to them are read as `xs:anyType`.
                    continue;
                }
                return Err(decl.doc.invalid(
                    decl.node,
                    format!(
                        "xs:redefine redefines the {} `{}`, which `{location}` does not declare",
                        kind.noun(),
                        name.local
                    ),
                    "redefine only types, groups and attribute groups that the redefined \
                     schema declares; declare a new one outside xs:redefine",
                ));
            };
            self.check_self_derivation(&redefinition)?;
            let original = self.original_name(kind, &name);
            match kind.ref_kind() {
                None => {
                    self.types.insert(original.clone(), old);
                    self.types.insert(name.clone(), decl);
                    for entry in &mut self.order {
                        if entry.0 == DeclKind::Type && entry.1 == name {
                            entry.1 = original.clone();
                        }
                    }
                    self.order.push((DeclKind::Type, name.clone(), decl));
                }
                Some(ref_kind) => {
                    self.referenced
                        .insert((ref_kind as u8, original.clone()), old);
                    self.referenced.insert((ref_kind as u8, name.clone()), decl);
                }
            }
            redefinition.original = Some(original);
            applied.push(redefinition);
        }
        self.redefinitions = applied;
        Ok(())
    }

    /// `name`, read at `node` as a reference to a `kind` declaration: inside the redefinition
    /// of that very name, the old declaration's name; otherwise `name` itself.
    pub(super) fn redirect(&self, kind: Redefinable, name: QName, node: XmlNode<'d, 's>) -> QName {
        self.redefinitions
            .iter()
            .find(|r| {
                r.kind == kind && r.name == name && node.ancestors().any(|a| a == r.decl.node)
            })
            .and_then(|r| r.original.clone())
            .unwrap_or(name)
    }

    /// For the old version of a redefined type (kept as `name`): a note saying which type
    /// replaces it, for its documentation.
    pub(super) fn original_note(&self, name: &QName) -> Option<String> {
        let redefinition = self
            .redefinitions
            .iter()
            .find(|r| r.kind == Redefinable::Type && r.original.as_ref() == Some(name))?;
        Some(format!(
            "The first version of {}, as {} declares it, which xs:redefine replaces by {} \
             (derived from it).",
            redefinition.name.local,
            redefinition
                .redefine
                .attribute("schemaLocation")
                .unwrap_or_default(),
            redefinition.name.local
        ))
    }

    /// A name for the old version of `name` that no declaration of `kind` has.
    fn original_name(&self, kind: Redefinable, name: &QName) -> QName {
        let taken = |candidate: &QName| match kind.ref_kind() {
            None => self.types.contains_key(candidate),
            Some(ref_kind) => self
                .referenced
                .contains_key(&(ref_kind as u8, candidate.clone())),
        };
        let mut candidate = QName::new(name.namespace.clone(), format!("{}Original", name.local));
        let mut number = 2;
        while taken(&candidate) {
            candidate = QName::new(
                name.namespace.clone(),
                format!("{}Original{number}", name.local),
            );
            number += 1;
        }
        candidate
    }

    /// Refuses a redefined type that does not derive from its own name, and a redefined group
    /// or attribute group that refers to itself more than once.
    fn check_self_derivation(&self, redefinition: &Redefinition<'d, 's>) -> Result<(), WsdlError> {
        let decl = redefinition.decl;
        let scope = self.scope(&decl);
        let refers_to_self = |node: XmlNode<'d, 's>, attribute: &'static str| {
            Ok::<bool, WsdlError>(match decl.doc.qname_attr(node, attribute)? {
                Some((name, _)) => adopt(scope, name) == redefinition.name,
                None => false,
            })
        };
        match redefinition.kind {
            Redefinable::Type => {
                let derivation = if is(decl.node, XSD_NS, "simpleType") {
                    elements(decl.node).find(|c| is(*c, XSD_NS, "restriction"))
                } else {
                    elements(decl.node)
                        .filter(|c| {
                            is(*c, XSD_NS, "complexContent") || is(*c, XSD_NS, "simpleContent")
                        })
                        .flat_map(elements)
                        .find(|c| is(*c, XSD_NS, "extension") || is(*c, XSD_NS, "restriction"))
                };
                let derives = match derivation {
                    Some(derivation) => refers_to_self(derivation, "base")?,
                    None => false,
                };
                if !derives {
                    return Err(decl.doc.invalid(
                        decl.node,
                        format!(
                            "the redefinition of the type `{}` does not derive from it",
                            redefinition.name.local
                        ),
                        "a type redefined in xs:redefine must restrict or extend its old \
                         version: give its xs:restriction or xs:extension `base` the type's \
                         own name",
                    ));
                }
            }
            Redefinable::Group | Redefinable::AttributeGroup => {
                let local = match redefinition.kind {
                    Redefinable::Group => "group",
                    _ => "attributeGroup",
                };
                let mut self_references = 0;
                for node in decl.node.descendants().filter(|n| is(*n, XSD_NS, local)) {
                    if refers_to_self(node, "ref")? {
                        self_references += 1;
                        if self_references > 1 {
                            return Err(decl.doc.invalid(
                                node,
                                format!(
                                    "the redefinition of the {} `{}` refers to it more than once",
                                    redefinition.kind.noun(),
                                    redefinition.name.local
                                ),
                                "a group redefined in xs:redefine refers to its old version at \
                                 most once (or restricts it without referring to it)",
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}
