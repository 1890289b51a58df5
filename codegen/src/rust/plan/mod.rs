//! From the model to a plan of Rust items: which structs, enums and aliases to emit, their
//! names, and for every field its Rust type and wire codec. The emitters only print the plan.

mod arrays;
mod builtin;
mod content;
mod cycles;
mod elements;
mod flatten;
mod items;

use std::collections::{BTreeMap, BTreeSet};

pub use items::{
    AlternativeKind, AlternativePlan, ChoicePlan, DictionaryPlan, EnumPlan, FieldKind, FieldPlan,
    FlagsPlan, ListPlan, Occurs, PolymorphicPlan, PolymorphicVariant, Shape, StructPlan,
    StructSource, TypePlan, ValueFacets,
};

use builtin::{builtin, narrowed_integer};
use content::ContentPlanner;
use cycles::Cycles;
use flatten::{flattened, Flattened};

use super::names::{camel_words, type_name, value_name, variant_name, Scope};
use super::reach::Reach;
use super::GenerateError;
use crate::model::{
    AttachmentPart, Attribute, ComplexType, Definitions, Derivation, Facets, Field, Group,
    MaxOccurs, MessagePart, PartContent, QName, SimpleType, TypeDef, TypeRef, SOAP_ENCODING_NS,
};

/// The most named simple types a restriction's derivation is followed through.
const MAX_RESTRICTION_CHAIN: usize = 64;

/// The WCF serialization namespace, home of `guid`, `char` and `duration`.
const SERIALIZATION_NS: &str = "http://schemas.microsoft.com/2003/10/Serialization/";

/// The field of a message part bound to `mime:content`: a required `soap_runtime::Attachment`,
/// documented with the media types the binding allows.
fn attachment_field(attachment: &AttachmentPart, names: &mut Scope) -> FieldPlan {
    let types = match attachment.content_types.as_slice() {
        [] => String::from("any"),
        types => types.join(" or "),
    };
    FieldPlan {
        rust_name: names.claim(value_name(&attachment.name)),
        wire: QName::new("", attachment.name.clone()),
        shape: Shape::Builtin(ATTACHMENT),
        occurs: Occurs::One,
        required: true,
        omissible: false,
        nillable: false,
        boxed: false,
        secret: false,
        kind: FieldKind::Attachment,
        default: None,
        wildcard: None,
        max_occurs: None,
        xsi_type: None,
        doc: Some(format!("Media type: {types}.")),
        facets: None,
    }
}

/// The Rust type of an attachment (a `mime:content` part or a `wsi:swaRef` value), named by
/// its path: a contract may have a type of that name.
pub const ATTACHMENT: &str = "soap_runtime::Attachment";

/// Builds the [`TypePlan`] on demand while the service plan asks for element types.
pub struct TypePlanner<'m> {
    defs: &'m Definitions,
    plan: TypePlan,
    type_names: Scope,
    /// What a reference to a named type becomes.
    shapes: BTreeMap<QName, Shape>,
    /// The struct of each named complex type planned so far.
    type_structs: BTreeMap<QName, String>,
    /// What each global element's type became, and whether the element is nillable: one
    /// struct for an element's anonymous type however many bodies, headers and references
    /// use the element.
    element_shapes: BTreeMap<QName, (Shape, bool)>,
    /// The struct each global element holding an array or dictionary became as a body.
    body_shapes: BTreeMap<QName, Shape>,
    /// The shape a field (by its struct and its element) already has, planned before its
    /// struct: a body struct holding an array element's items takes the items' shape, not a
    /// second struct of their anonymous type.
    known_fields: BTreeMap<(String, QName), Shape>,
    /// Complex types directly derived (by extension) from each type, in name order.
    derived: BTreeMap<QName, Vec<QName>>,
    in_progress: BTreeSet<QName>,
    /// How many times each global element's array shape is being planned over itself (an
    /// array's shape is known only once its items' is): see [`TypePlanner::element_shape`].
    arrays_in_progress: BTreeMap<QName, usize>,
    secret_words: Vec<String>,
    /// The enum of each substitution group head referred to so far.
    substitutions: BTreeMap<QName, String>,
    /// SOAP encoding: element values name their type in `xsi:type`.
    encoded: bool,
}

impl<'m> TypePlanner<'m> {
    /// A planner over `defs` for the operations whose reach is `reach` (a type derived from a
    /// reached type is reached too); fields whose name contains one of `secret_words` are
    /// redacted.
    pub fn new(
        defs: &'m Definitions,
        reach: &Reach,
        reserved: &[&str],
        secret_words: &[String],
    ) -> Self {
        let mut derived: BTreeMap<QName, Vec<QName>> = BTreeMap::new();
        let reached = reach
            .types
            .iter()
            .filter_map(|name| Some((name, defs.schema.types.get(name)?)));
        for (name, def) in reached {
            if let TypeDef::Complex(ct) = def {
                // A type derived by restriction may stand in for its base as well (`xsi:type`),
                // as may the types derived from it; a SOAP-encoded array's restriction of
                // `soapenc:Array` is an array, not a value of another type.
                let polymorphic = match ct.derivation {
                    Derivation::Extension => true,
                    Derivation::Restriction => ct
                        .base
                        .as_ref()
                        .is_some_and(|base| base.namespace != SOAP_ENCODING_NS),
                };
                if let (Some(base), false, true) = (&ct.base, ct.simple_content, polymorphic) {
                    derived.entry(base.clone()).or_default().push(name.clone());
                }
            }
        }
        TypePlanner {
            defs,
            plan: TypePlan::default(),
            type_names: Scope::with_reserved(reserved),
            shapes: BTreeMap::new(),
            type_structs: BTreeMap::new(),
            element_shapes: BTreeMap::new(),
            body_shapes: BTreeMap::new(),
            known_fields: BTreeMap::new(),
            derived,
            in_progress: BTreeSet::new(),
            arrays_in_progress: BTreeMap::new(),
            secret_words: secret_words.iter().map(|w| w.to_lowercase()).collect(),
            substitutions: BTreeMap::new(),
            encoded: false,
        }
    }

    /// Makes element values name their type in `xsi:type`, as SOAP encoding
    /// (`use="encoded"`) asks.
    pub fn set_encoded(&mut self, encoded: bool) {
        self.encoded = encoded;
    }

    /// The struct of a body bound part by part, named after `name`: one field per part (an
    /// unqualified element named after a `type=` part, or an `element=` part's element),
    /// children of the rpc wrapper or of the Body itself; then one [`FieldKind::Attachment`]
    /// field per part of `attachments` (SOAP with Attachments), carried beside the envelope.
    pub fn parts_struct(
        &mut self,
        name: &str,
        source: StructSource,
        parts: &[MessagePart],
        attachments: &[AttachmentPart],
    ) -> Result<Shape, GenerateError> {
        let rust_name = self.type_names.claim(type_name(name));
        let mut names = Scope::default();
        let mut fields = Vec::new();
        for part in parts {
            let field = match &part.content {
                PartContent::Type(ty) => Field {
                    name: QName::new("", part.name.clone()),
                    ty: TypeRef::Named(ty.clone()),
                    min_occurs: 1,
                    max_occurs: MaxOccurs::Bounded(1),
                    nillable: false,
                    default: None,
                    fixed: false,
                    reference: false,
                    documentation: None,
                },
                PartContent::Element(element) => {
                    let decl =
                        self.defs.schema.elements.get(element).ok_or_else(|| {
                            GenerateError::Unresolved(format!("element {element}"))
                        })?;
                    Field {
                        name: element.clone(),
                        ty: decl.ty.clone(),
                        min_occurs: 1,
                        max_occurs: MaxOccurs::Bounded(1),
                        nillable: decl.nillable,
                        default: None,
                        fixed: false,
                        reference: true,
                        documentation: decl.documentation.clone(),
                    }
                }
            };
            fields.push(self.element_field(&rust_name, &field, &mut names)?);
        }
        for attachment in attachments {
            fields.push(attachment_field(attachment, &mut names));
        }
        self.plan.structs.insert(
            rust_name.clone(),
            StructPlan {
                name: rust_name.clone(),
                source,
                bases: Vec::new(),
                fields,
                simple_content: false,
                doc: None,
            },
        );
        Ok(Shape::Struct(rust_name))
    }

    /// Claims a name for a non-type item (client, server, header structs).
    pub fn claim_name(&mut self, candidate: &str) -> String {
        self.type_names.claim(candidate.to_string())
    }

    /// True when a field called `name` holds a secret.
    pub fn is_secret(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        self.secret_words.iter().any(|w| lower.contains(w.as_str()))
    }

    /// Registers `namespace` in the namespace table.
    pub fn namespace(&mut self, namespace: &str) {
        if !namespace.is_empty() && !self.plan.namespaces.iter().any(|n| n == namespace) {
            self.plan.namespaces.push(namespace.to_string());
        }
    }

    /// The finished plan; boxes fields and variants that close a type cycle, and makes a
    /// required field that closes one optional (a value of it could never end).
    pub fn finish(mut self) -> TypePlan {
        let boxed = {
            let plan = &self.plan;
            let struct_edges = plan.structs.iter().flat_map(|(name, s)| {
                s.fields
                    .iter()
                    .filter(|f| f.occurs != Occurs::Many)
                    .filter_map(|f| f.shape.contained_item())
                    .map(move |target| (name.as_str(), target))
            });
            let choice_edges = plan.choices.iter().flat_map(|(name, c)| {
                c.alternatives
                    .iter()
                    .filter(|a| !a.repeated)
                    .filter_map(|a| a.shape.contained_item())
                    .map(move |target| (name.as_str(), target))
            });
            let variant_edges = plan.polymorphic.iter().flat_map(|(name, p)| {
                p.variants
                    .iter()
                    .map(move |v| (name.as_str(), v.struct_name.as_str()))
            });
            let cycles = Cycles::new(struct_edges.chain(choice_edges).chain(variant_edges));
            let fields: Vec<Vec<bool>> = plan
                .structs
                .iter()
                .map(|(name, s)| {
                    s.fields
                        .iter()
                        .map(|f| {
                            // A base's value is never boxed: base edges alone form no cycle
                            // (a type cannot extend itself), so each cycle through one has
                            // another edge, which is boxed. Nor is a choice's (or substitution
                            // group's) enum: a cycle through it leaves it by an alternative,
                            // which is boxed, so the choice stays as required as declared.
                            f.occurs != Occurs::Many
                                && f.kind != FieldKind::Base
                                && f.kind != FieldKind::Choice
                                && f.shape
                                    .contained_item()
                                    .is_some_and(|target| cycles.closes_cycle(name, target))
                        })
                        .collect()
                })
                .collect();
            let alternatives: Vec<Vec<bool>> = plan
                .choices
                .iter()
                .map(|(name, c)| {
                    c.alternatives
                        .iter()
                        .map(|a| {
                            !a.repeated
                                && a.shape
                                    .contained_item()
                                    .is_some_and(|target| cycles.closes_cycle(name, target))
                        })
                        .collect()
                })
                .collect();
            let variants: Vec<Vec<bool>> = plan
                .polymorphic
                .iter()
                .map(|(name, p)| {
                    p.variants
                        .iter()
                        .map(|v| cycles.closes_cycle(name, &v.struct_name))
                        .collect()
                })
                .collect();
            (fields, alternatives, variants)
        };
        let (fields, alternatives, variants) = boxed;
        for (s, boxed) in self.plan.structs.values_mut().zip(fields) {
            for (f, boxed) in s.fields.iter_mut().zip(boxed) {
                if f.occurs == Occurs::Many || f.shape.contained_item().is_none() {
                    continue;
                }
                f.boxed = boxed;
                if f.boxed && f.occurs == Occurs::One {
                    f.occurs = Occurs::Optional;
                }
            }
        }
        for (c, boxed) in self.plan.choices.values_mut().zip(alternatives) {
            for (a, boxed) in c.alternatives.iter_mut().zip(boxed) {
                if !a.repeated && a.shape.contained_item().is_some() {
                    a.boxed = boxed;
                }
            }
        }
        for (p, boxed) in self.plan.polymorphic.values_mut().zip(variants) {
            for (v, boxed) in p.variants.iter_mut().zip(boxed) {
                v.boxed = boxed;
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
            TypeRef::OfElement(element) => Ok(self.element_shape(element)?.0),
        }
    }

    /// Plans the named type `name` for its own sake (`--extra-types`): no field names it, its
    /// values arrive where the schema declares `xs:anyType`. Its namespace joins the table.
    pub fn named_type(&mut self, name: &QName) -> Result<Shape, GenerateError> {
        self.namespace(&name.namespace);
        self.named_shape(name)
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
            TypeDef::Complex(ct) if self.derived.contains_key(name) && !ct.is_dictionary => {
                self.polymorphic_shape(ct, name)?
            }
            TypeDef::Complex(ct) => self.complex_shape(ct, name)?,
        };
        self.shapes.insert(name.clone(), shape.clone());
        Ok(shape)
    }

    /// The Rust integer of a restriction of `base` by `facets`, when `base` is, or restricts
    /// without enumerating, one of XML Schema's unbounded integer types and the facets of the
    /// whole derivation bound it (see [`narrowed_integer`]).
    fn integer_of_restriction(&self, base: &QName, facets: &Facets) -> Option<&'static str> {
        let derivation = self.derivation(base, facets)?;
        narrowed_integer(&derivation.builtin, &derivation.facets)
    }

    /// The facets of a restriction of `base` by `facets` through the schema's chain of
    /// restrictions, down to the built-in type it starts from; `None` when the chain passes
    /// an enumeration, a list, a union or a complex type.
    fn derivation(&self, base: &QName, facets: &Facets) -> Option<ValueFacets> {
        let mut base = base;
        let mut facets = facets.clone();
        // A derivation is as long as the schema's chain of named restrictions; the bound
        // stops at a cycle, which the reader refuses anyway.
        for _ in 0..MAX_RESTRICTION_CHAIN {
            if builtin(base).is_some() {
                break;
            }
            match self.defs.schema.types.get(base) {
                Some(TypeDef::Simple(SimpleType::Restriction {
                    base: next,
                    enumeration,
                    facets: base_facets,
                    ..
                })) if enumeration.is_empty() => {
                    facets = (**base_facets).clone().narrowed_by(facets);
                    base = next;
                }
                Some(_) => return None,
                None => break,
            }
        }
        (builtin(base).is_some() || !self.defs.schema.types.contains_key(base)).then(|| {
            ValueFacets {
                builtin: base.clone(),
                facets,
            }
        })
    }

    /// What the facets of a field's or attribute's type allow (for its documentation), and
    /// the type's documentation: for a restriction without enumeration, which is typed as the
    /// built-in type it restricts and so has no item of its own to carry either.
    fn value_facets(&self, ty: &TypeRef) -> (Option<Box<ValueFacets>>, Option<String>) {
        let restriction = match ty {
            TypeRef::Named(name) if builtin(name).is_none() => {
                match self.defs.schema.types.get(name) {
                    Some(TypeDef::Simple(simple)) => simple,
                    _ => return (None, None),
                }
            }
            TypeRef::AnonymousSimple(simple) => simple,
            _ => return (None, None),
        };
        match restriction {
            SimpleType::Restriction {
                base,
                enumeration,
                facets,
                documentation,
            } if enumeration.is_empty() => {
                let derivation = self
                    .derivation(base, facets)
                    .filter(|d| d.facets != Facets::default())
                    .map(Box::new);
                (derivation, documentation.clone())
            }
            _ => (None, None),
        }
    }

    fn simple_shape(&mut self, st: &SimpleType, name: &QName) -> Result<Shape, GenerateError> {
        match st {
            SimpleType::Restriction {
                base,
                enumeration,
                facets,
                ..
            } if enumeration.is_empty() => match self.integer_of_restriction(base, facets) {
                Some(integer) => Ok(Shape::Builtin(integer)),
                None => self.named_shape(base),
            },
            SimpleType::Restriction { enumeration, .. } => {
                let rust_name = self.type_names.claim(type_name(&name.local));
                let mut plan = enum_plan(rust_name.clone(), name.clone(), enumeration);
                plan.doc = st.documentation().map(str::to_string);
                self.plan.enums.insert(rust_name.clone(), plan);
                Ok(Shape::Enum(rust_name))
            }
            // A union's members differ in type: the text is kept as sent (as JAXB and
            // XmlSerializer do).
            SimpleType::Union { .. } => Ok(Shape::Builtin("String")),
            SimpleType::List { item, .. } => {
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
                let doc = st.documentation().map(str::to_string);
                match item_shape {
                    // A list of an enumeration: a set of flags (WCF's `[Flags]` enums).
                    Shape::Enum(item) => {
                        self.plan.flags.insert(
                            alias.clone(),
                            FlagsPlan {
                                name: alias.clone(),
                                source: name.clone(),
                                item,
                                doc,
                            },
                        );
                        Ok(Shape::Flags(alias))
                    }
                    // Any other simple item: the items in order, duplicates kept.
                    Shape::Builtin(item) if !matches!(item, "XmlElement" | "()") => {
                        self.plan.lists.insert(
                            alias.clone(),
                            ListPlan {
                                name: alias.clone(),
                                source: name.clone(),
                                item,
                                doc,
                            },
                        );
                        Ok(Shape::List(alias))
                    }
                    _ => Err(GenerateError::Unsupported(format!(
                        "the list type {name} has items that are not simple"
                    ))),
                }
            }
        }
    }

    fn complex_shape(&mut self, ct: &ComplexType, name: &QName) -> Result<Shape, GenerateError> {
        if ct.is_dictionary {
            return self.dictionary_shape(ct, name);
        }
        if let Some(array) = self.soap_array_shape(ct, &name.local)? {
            return Ok(array);
        }
        if let Some(array) = self.array_shape(ct)? {
            return Ok(array);
        }
        Ok(Shape::Struct(self.type_struct(ct, name)?))
    }

    /// The struct of the named complex type `name`, planned on first use.
    fn type_struct(&mut self, ct: &ComplexType, name: &QName) -> Result<String, GenerateError> {
        if let Some(existing) = self.type_structs.get(name) {
            return Ok(existing.clone());
        }
        let rust_name = self.type_names.claim(type_name(&name.local));
        // Register before planning fields, so recursive references find it.
        self.type_structs.insert(name.clone(), rust_name.clone());
        if !self.derived.contains_key(name) {
            // A base type's references become its polymorphic enum instead.
            self.shapes
                .entry(name.clone())
                .or_insert_with(|| Shape::Struct(rust_name.clone()));
        }
        self.plan_struct(ct, rust_name.clone(), StructSource::Type(name.clone()))?;
        Ok(rust_name)
    }

    /// Every type derived from `base`, directly or not, nearest first, in name order.
    fn all_derived(&self, base: &QName) -> Vec<QName> {
        let mut found: Vec<QName> = Vec::new();
        let mut queue = vec![base.clone()];
        while !queue.is_empty() {
            let mut next = Vec::new();
            for b in &queue {
                for d in self.derived.get(b).into_iter().flatten() {
                    if *d != *base && !found.contains(d) {
                        found.push(d.clone());
                        next.push(d.clone());
                    }
                }
            }
            queue = next;
        }
        found
    }

    /// The enum of base type `name` and the types derived from it.
    fn polymorphic_shape(
        &mut self,
        ct: &ComplexType,
        name: &QName,
    ) -> Result<Shape, GenerateError> {
        let enum_name = self
            .type_names
            .claim(format!("Any{}", type_name(&name.local)));
        let shape = Shape::Polymorphic(enum_name.clone());
        // Register before planning the variants, so recursive references find it.
        self.shapes.insert(name.clone(), shape.clone());
        let mut variants = Vec::new();
        let base_struct = self.type_struct(ct, name)?;
        variants.push(PolymorphicVariant {
            type_name: name.clone(),
            struct_name: base_struct,
            boxed: false,
        });
        for derived in self.all_derived(name) {
            let Some(TypeDef::Complex(derived_type)) = self.defs.schema.types.get(&derived) else {
                continue;
            };
            self.namespace(&derived.namespace);
            let struct_name = self.type_struct(derived_type, &derived)?;
            variants.push(PolymorphicVariant {
                type_name: derived,
                struct_name,
                boxed: false,
            });
        }
        self.plan.polymorphic.insert(
            enum_name.clone(),
            PolymorphicPlan {
                name: enum_name,
                base: name.clone(),
                is_abstract: ct.is_abstract,
                variants,
                doc: ct.documentation.clone(),
            },
        );
        Ok(shape)
    }

    fn anonymous_struct(
        &mut self,
        ct: &ComplexType,
        source: StructSource,
        context: &str,
    ) -> Result<Shape, GenerateError> {
        if let Some(array) = self.soap_array_shape(ct, context)? {
            return Ok(array);
        }
        if let Some(array) = self.array_shape(ct)? {
            return Ok(array);
        }
        let rust_name = self.type_names.claim(type_name(context));
        self.plan_struct(ct, rust_name.clone(), source)?;
        Ok(Shape::Struct(rust_name))
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
        let flat = flattened(self.defs, ct)?;
        let mut field_names = Scope::default();
        let mut planned = Vec::new();
        // The content groups this struct reads itself: its own after a base it holds, else
        // its bases' too.
        let groups: Vec<&Group> = if let Some((base, parent)) = self.held_base(ct, &flat) {
            // The base's value is the first field (a held base's type adds no attributes).
            let base_struct = self.type_struct(parent, base)?;
            let mut field = FieldPlan::new(
                field_names.claim("base".to_string()),
                base.clone(),
                Shape::Struct(base_struct),
                FieldKind::Base,
            );
            field.occurs = Occurs::One;
            field.required = true;
            planned.push(field);
            ct.content.iter().collect()
        } else {
            for attribute in &flat.attributes {
                planned.push(self.attribute_field(&rust_name, attribute, &mut field_names)?);
            }
            if flat.any_attribute.is_some() {
                let mut field = FieldPlan::new(
                    field_names.claim("other_attributes".to_string()),
                    QName::new("", "anyAttribute"),
                    Shape::Builtin("Vec<XmlAttribute>"),
                    FieldKind::AnyAttributes,
                );
                field.occurs = Occurs::One;
                planned.push(field);
            }
            if let Some(text) = &flat.text {
                let shape = self.named_shape(text)?;
                let mut field = FieldPlan::new(
                    field_names.claim("value".to_string()),
                    text.clone(),
                    shape,
                    FieldKind::Text,
                );
                field.occurs = Occurs::One;
                field.required = true;
                (field.facets, field.doc) = self.value_facets(&TypeRef::Named(text.clone()));
                planned.push(field);
            }
            flat.content.clone()
        };
        if flat.mixed {
            let mut field = FieldPlan::new(
                field_names.claim("content".to_string()),
                QName::new("", "content"),
                Shape::Builtin("Vec<XmlNode>"),
                FieldKind::Mixed,
            );
            field.occurs = Occurs::One;
            planned.push(field);
        } else {
            let mut content = ContentPlanner::new(&rust_name, &mut field_names);
            for group in groups {
                content.group(self, group, None)?;
            }
            planned.extend(content.finish());
        }
        self.plan.structs.insert(
            rust_name.clone(),
            StructPlan {
                name: rust_name,
                source,
                bases: flat.chain,
                fields: planned,
                simple_content: flat.text.is_some(),
                doc: ct.documentation.clone(),
            },
        );
        Ok(())
    }

    /// The base type a struct of `ct` (whose content with its bases' is `flat`) holds as its
    /// first field, as .NET and JAXB classes extend their base class: for an extension of
    /// element content that adds elements only, whose base's struct reads and writes its own
    /// content (element content, not mixed at any level). Other derived types (restrictions,
    /// simple or mixed content, extensions adding attributes, which must precede the base's
    /// elements on the wire) copy their bases' fields instead.
    fn held_base(
        &self,
        ct: &ComplexType,
        flat: &Flattened<'_>,
    ) -> Option<(&'m QName, &'m ComplexType)> {
        let defs: &'m Definitions = self.defs;
        let base = ct.base.as_ref()?;
        // `flat` holds every level, `ct`'s and its bases': mixed anywhere is mixed content, and
        // a simple-content level under element content was refused when it was flattened.
        if ct.derivation != Derivation::Extension
            || ct.simple_content
            || flat.mixed
            || !ct.attributes.is_empty()
            || ct.any_attribute.is_some()
        {
            return None;
        }
        match defs.schema.types.get_key_value(base)? {
            (base, TypeDef::Complex(parent)) if !parent.is_dictionary => Some((base, parent)),
            _ => None,
        }
    }

    /// The shape of an element's type; anonymous types are named after `parent` and the element,
    /// but a reference to a global element shares that element's shape, and a field planned before
    /// its struct (`known_fields`) keeps the shape it has.
    pub(super) fn field_shape(
        &mut self,
        parent: &str,
        field: &Field,
    ) -> Result<Shape, GenerateError> {
        self.namespace(&field.name.namespace);
        if let Some(shape) = self.referenced_shape(field)? {
            return Ok(shape);
        }
        if let Some(shape) = self
            .known_fields
            .get(&(parent.to_string(), field.name.clone()))
        {
            return Ok(shape.clone());
        }
        let context = nested_context(parent, &field.name.local);
        match &field.ty {
            TypeRef::AnonymousComplex(inner) => {
                let shape = self.anonymous_struct(
                    inner,
                    StructSource::Local(field.name.clone()),
                    &context,
                )?;
                self.document_struct(&shape, field.documentation.as_deref());
                Ok(shape)
            }
            other => self.type_shape(other, &context),
        }
    }

    /// The shape of an array item's or dictionary key's or value's element: a referenced
    /// global element's own, else its type's, an anonymous one named after `context`.
    fn item_shape(&mut self, field: &Field, context: &str) -> Result<Shape, GenerateError> {
        match self.referenced_shape(field)? {
            Some(shape) => Ok(shape),
            None => self.type_shape(&field.ty, context),
        }
    }

    pub(super) fn element_field(
        &mut self,
        parent: &str,
        field: &Field,
        names: &mut Scope,
    ) -> Result<FieldPlan, GenerateError> {
        let shape = self.field_shape(parent, field)?;
        let occurs = if field.max_occurs.is_repeated() {
            Occurs::Many
        } else if field.min_occurs >= 1 && !field.nillable {
            Occurs::One
        } else {
            Occurs::Optional
        };
        let default = field
            .default
            .clone()
            .filter(|_| self.is_parsed_text(&shape));
        // SOAP encoding names each value's type; arrays and polymorphic values name their own.
        let xsi_type = match (&field.ty, &shape) {
            (
                TypeRef::Named(ty),
                Shape::Builtin(_)
                | Shape::Enum(_)
                | Shape::Flags(_)
                | Shape::List(_)
                | Shape::Struct(_),
            ) if self.encoded => {
                self.namespace(&ty.namespace);
                Some(ty.clone())
            }
            _ => None,
        };
        let (facets, type_doc) = self.value_facets(&field.ty);
        Ok(FieldPlan {
            rust_name: names.claim(value_name(&field.name.local)),
            wire: field.name.clone(),
            shape,
            occurs,
            required: field.min_occurs >= 1,
            // SOAP encoding lets any accessor be left out for a null or default value.
            omissible: self.encoded && field.min_occurs >= 1,
            nillable: field.nillable,
            boxed: false,
            secret: self.is_secret(&field.name.local),
            kind: FieldKind::Element,
            default,
            wildcard: None,
            max_occurs: None,
            xsi_type,
            doc: field.documentation.clone().or(type_doc),
            facets,
        })
    }

    /// True for a simple shape whose value is parsed from its text alone: not a `QName`, nor a
    /// list of them (their prefixes need a namespace scope, which a schema's default or fixed
    /// value does not bring along).
    fn is_parsed_text(&self, shape: &Shape) -> bool {
        match shape {
            Shape::Builtin("QName" | "AnyValue") => false,
            Shape::List(alias) => self.plan.lists.get(alias).is_none_or(|l| l.item != "QName"),
            other => other.is_simple(),
        }
    }

    fn attribute_field(
        &mut self,
        parent: &str,
        attribute: &Attribute,
        names: &mut Scope,
    ) -> Result<FieldPlan, GenerateError> {
        self.namespace(&attribute.name.namespace);
        let context = nested_context(parent, &attribute.name.local);
        // A QName (or a list of them) is resolved in the element's scope like any other
        // value: the runtime reads attributes and element text alike (`LexicalValue`).
        let shape = match self.type_shape(&attribute.ty, &context)? {
            simple if simple.is_simple() => simple,
            _ => {
                return Err(GenerateError::Unsupported(format!(
                    "attribute {} of {parent} does not have a simple type",
                    attribute.name
                )))
            }
        };
        // A default naming a namespace by prefix would need the schema's scope: none is kept.
        let default = attribute
            .default
            .clone()
            .filter(|_| self.is_parsed_text(&shape));
        let occurs = if attribute.required || default.is_some() {
            Occurs::One
        } else {
            Occurs::Optional
        };
        let (facets, type_doc) = self.value_facets(&attribute.ty);
        Ok(FieldPlan {
            rust_name: names.claim(value_name(&attribute.name.local)),
            wire: attribute.name.clone(),
            shape,
            occurs,
            required: attribute.required,
            omissible: false,
            nillable: false,
            boxed: false,
            secret: self.is_secret(&attribute.name.local),
            kind: FieldKind::Attribute,
            default,
            wildcard: None,
            max_occurs: None,
            xsi_type: None,
            doc: attribute.documentation.clone().or(type_doc),
            facets,
        })
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
        variant_docs: values.iter().map(|v| v.documentation.clone()).collect(),
        doc: None,
        unknown_variant,
    }
}

/// What the anonymous type of `parent`'s element or attribute `local` is named after: the two
/// joined as words, the local name's first letter made a capital
/// (`GetMediaMetadataResponse` and `getMediaMetadataResult` give
/// `GetMediaMetadataResponse…Result`, not `…ResponsegetMediaMetadataResult`).
///
/// Leading words the local name repeats from its parent are said once (JAXB nests the class,
/// `GetListResponse.GetListResult`, where a flat name would say them twice): SharePoint's
/// `GetListResponse` and `GetListResult` give `GetListResponseResult`, not
/// `GetListResponseGetListResult`. Only while both keep a word of their own, so that the name
/// still starts with the whole parent's and ends with a word of the local name
/// (`Persona` and `PersonaId` stay `PersonaPersonaId`).
fn nested_context(parent: &str, local: &str) -> String {
    let mut chars = local.chars();
    let Some(first) = chars.next() else {
        return parent.to_string();
    };
    let local = format!("{}{}", first.to_uppercase(), chars.as_str());
    let parent_words: Vec<&str> = camel_words(parent).collect();
    let local_words: Vec<&str> = camel_words(&local).collect();
    let shared = parent_words
        .iter()
        .zip(&local_words)
        .take_while(|(a, b)| a == b)
        .count();
    if shared == 0 || shared >= parent_words.len() || shared >= local_words.len() {
        return format!("{parent}{local}");
    }
    format!("{parent}{}", local_words[shared..].concat())
}
