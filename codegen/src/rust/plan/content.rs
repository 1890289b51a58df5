//! Planning a complex type's content: the particle tree becomes struct fields.
//!
//! The mapping follows what JAXB and .NET's XmlSerializer settled, keeping what they lose:
//! - a sequence (or `xs:all`) that occurs once adds its particles to the struct as fields;
//! - a group of one particle passes its occurrence on to that particle;
//! - an optional or repeated sequence of several particles becomes a struct of its own, held
//!   in an `Option` or a `Vec` (JAXB and XmlSerializer flatten it and lose the grouping);
//! - an `xs:choice` becomes an enum with a variant per alternative (an element, a run of a
//!   repeated element, a sequence's struct, or a raw XML element for `xs:any`), in a `Vec`
//!   when the choice repeats; nested choices add their alternatives;
//! - an element reference to the head of a substitution group becomes an enum of the head
//!   and its members (`JAXBElement<? extends Head>`);
//! - `xs:any` becomes raw XML values (`XmlElement`, like `@XmlAnyElement`).
//!
//! A choice's field and enum are named after its alternatives while that stays short
//! (`card_or_iban: OrderCardOrIban`), else after the words its alternatives' names end in
//! (`folder_field`), else after its struct (`choice: OrderChoice`): see [`choice_name`].

use super::{
    AlternativeKind, AlternativePlan, ChoicePlan, FieldKind, FieldPlan, Occurs, Shape, StructPlan,
    StructSource, TypePlanner,
};
use crate::model::{Compositor, Field, Group, MaxOccurs, Particle, QName, Wildcard};
use crate::rust::names::{camel_words, type_name, value_name, variant_name, Scope};
use crate::rust::GenerateError;

/// Choices with at most this many alternatives are named after them (`card_or_iban`), as
/// xsdata names a compound field (JAXB joins the first three, `getIncludeOrImportOrRedefine`).
const NAMED_CHOICE_MAX: usize = 3;

/// ... and only when the alternatives' names make at most this many words together: beyond
/// that the joined name is too long to take in (Exchange's
/// `append_to_folder_field_or_set_folder_field_or_delete_folder_field`).
const NAMED_CHOICE_WORDS: usize = 6;

/// Other choices whose alternatives' names end in the same words, of at least this many
/// characters, are named after those words (`AppendToFolderField`, `SetFolderField` and
/// `DeleteFolderField`: `folder_field`), as one would name the field by hand; a shorter
/// ending (`Id`) says too little. The rest are named after their struct (`choice`,
/// `ParentChoice`), as xsdata's default name and xsd-parser's `content`/`ParentContent` are.
const SHARED_ENDING_MIN: usize = 4;

/// `minOccurs` and `maxOccurs` together.
type Occurrence = (u32, MaxOccurs);

/// Exactly once.
const ONCE: Occurrence = (1, MaxOccurs::Bounded(1));

/// The occurrence of a particle inside a group that occurs `outer` times.
fn multiply((min, max): Occurrence, (outer_min, outer_max): Occurrence) -> Occurrence {
    let max = match (max, outer_max) {
        (MaxOccurs::Bounded(a), MaxOccurs::Bounded(b)) => MaxOccurs::Bounded(a.saturating_mul(b)),
        _ => MaxOccurs::Unbounded,
    };
    (min.saturating_mul(outer_min), max)
}

/// The Rust wrapper of a particle that occurs `occurrence` times.
fn wrapper((min, max): Occurrence) -> Occurs {
    if max.is_repeated() {
        Occurs::Many
    } else if min == 0 {
        Occurs::Optional
    } else {
        Occurs::One
    }
}

/// The bound of a particle that repeats at most `max` times (`None`: unbounded, or once).
fn bound((_, max): Occurrence) -> Option<usize> {
    match max {
        MaxOccurs::Bounded(n) if n > 1 => usize::try_from(n).ok(),
        _ => None,
    }
}

/// One alternative of a choice before it is planned.
enum Alternative<'g> {
    Element(Field),
    Group(&'g Group),
    Any(&'g Wildcard),
}

/// Collects the fields of one struct from its content model.
pub(super) struct ContentPlanner<'n> {
    parent: String,
    names: &'n mut Scope,
    fields: Vec<FieldPlan>,
}

impl<'n> ContentPlanner<'n> {
    /// A planner for the fields of struct `parent`, naming fields in `names`.
    pub(super) fn new(parent: &str, names: &'n mut Scope) -> Self {
        ContentPlanner {
            parent: parent.to_string(),
            names,
            fields: Vec::new(),
        }
    }

    /// The planned fields, in content order.
    pub(super) fn finish(self) -> Vec<FieldPlan> {
        self.fields
    }

    /// Plans a model group occurring `outer` times (beyond its own occurrence).
    pub(super) fn group(
        &mut self,
        planner: &mut TypePlanner<'_>,
        group: &Group,
        outer: Option<Occurrence>,
    ) -> Result<(), GenerateError> {
        let occurrence = multiply((group.min_occurs, group.max_occurs), outer.unwrap_or(ONCE));
        // A choice of one particle is that particle, as a sequence of one is (Exchange's
        // choice of one repeated `xs:any`, say).
        if group.kind == Compositor::Choice && group.particles.len() > 1 {
            let field = self.choice(planner, group, occurrence)?;
            self.fields.push(field);
            return Ok(());
        }
        match group.particles.as_slice() {
            [] => Ok(()),
            [only] => self.particle(planner, only, Some(occurrence)),
            particles if occurrence == ONCE => particles
                .iter()
                .try_for_each(|p| self.particle(planner, p, None)),
            _ => {
                let field = self.group_field(planner, group, occurrence)?;
                self.fields.push(field);
                Ok(())
            }
        }
    }

    fn particle(
        &mut self,
        planner: &mut TypePlanner<'_>,
        particle: &Particle,
        outer: Option<Occurrence>,
    ) -> Result<(), GenerateError> {
        let outer = outer.unwrap_or(ONCE);
        match particle {
            Particle::Element(field) => {
                let (min_occurs, max_occurs) =
                    multiply((field.min_occurs, field.max_occurs), outer);
                let field = Field {
                    min_occurs,
                    max_occurs,
                    ..field.clone()
                };
                let planned = if has_substitutes(planner, &field) {
                    self.substitution(planner, field)?
                } else {
                    planner.element_field(&self.parent, &field, self.names)?
                };
                self.fields.push(planned);
            }
            Particle::Any(wildcard) => {
                let occurrence = multiply((wildcard.min_occurs, wildcard.max_occurs), outer);
                let name = if self.fields.iter().any(|f| f.kind == FieldKind::Any) {
                    "any_elements"
                } else {
                    "any"
                };
                let mut field = FieldPlan::new(
                    self.names.claim(name.to_string()),
                    QName::new("", "any"),
                    Shape::Builtin("XmlElement"),
                    FieldKind::Any,
                );
                field.occurs = wrapper(occurrence);
                field.required = occurrence.0 >= 1;
                field.wildcard = Some(wildcard.namespace.clone());
                self.fields.push(field);
            }
            Particle::Group(group) => self.group(planner, group, Some(outer))?,
        }
        Ok(())
    }

    /// An optional or repeated sequence of several particles: a struct of its own.
    fn group_field(
        &mut self,
        planner: &mut TypePlanner<'_>,
        group: &Group,
        occurrence: Occurrence,
    ) -> Result<FieldPlan, GenerateError> {
        let first = first_element_name(group).unwrap_or("Group");
        let struct_name = self.group_struct(planner, group, first)?;
        let mut field = FieldPlan::new(
            self.names.claim(format!(
                "{}_group",
                value_name(first).trim_start_matches("r#")
            )),
            QName::new("", first),
            Shape::Struct(struct_name),
            FieldKind::Group,
        );
        field.occurs = wrapper(occurrence);
        field.required = occurrence.0 >= 1;
        field.max_occurs = bound(occurrence);
        Ok(field)
    }

    /// Plans the struct of `group`'s particles, named after the parent and `first`.
    fn group_struct(
        &self,
        planner: &mut TypePlanner<'_>,
        group: &Group,
        first: &str,
    ) -> Result<String, GenerateError> {
        let struct_name = planner.claim_name(&format!("{}{}Group", self.parent, type_name(first)));
        let mut names = Scope::default();
        let mut inner = ContentPlanner::new(&struct_name, &mut names);
        for particle in &group.particles {
            inner.particle(planner, particle, None)?;
        }
        let fields = inner.finish();
        planner.plan.structs.insert(
            struct_name.clone(),
            StructPlan {
                name: struct_name.clone(),
                source: StructSource::Group(self.parent.clone()),
                bases: Vec::new(),
                fields,
                simple_content: false,
                doc: None,
            },
        );
        Ok(struct_name)
    }

    /// An `xs:choice`: an enum of its alternatives.
    fn choice(
        &mut self,
        planner: &mut TypePlanner<'_>,
        choice: &Group,
        occurrence: Occurrence,
    ) -> Result<FieldPlan, GenerateError> {
        let mut alternatives = Vec::new();
        let mut optional = occurrence.0 == 0;
        collect_alternatives(planner, choice, &mut alternatives, &mut optional);
        let words: Vec<String> = alternatives
            .iter()
            .map(|a| match a {
                Alternative::Element(f) => f.name.local.clone(),
                Alternative::Group(g) => first_element_name(g).unwrap_or("Group").to_string(),
                Alternative::Any(_) => "Any".to_string(),
            })
            .collect();
        let (field_base, enum_base) = match choice_name(&words) {
            ChoiceName::Alternatives(field, enum_part) => {
                (field, format!("{}{enum_part}", self.parent))
            }
            // Not when the struct has a field of that name already: a numbered `item_id2`
            // would read as a second item id.
            // Nor in the enum's name when the struct's ends in them already:
            // `ArrayOfAttendeeConflictDataChoice`, not `…AttendeeConflictDataAttendeeConflictData`.
            ChoiceName::SharedEnding(field, enum_part) if !self.names.is_taken(&field) => {
                let enum_part = if self.parent.ends_with(&enum_part) {
                    "Choice".to_string()
                } else {
                    enum_part
                };
                (field, format!("{}{enum_part}", self.parent))
            }
            // A second such choice in the struct is `choice2`, `ParentChoice2` (the scopes'
            // collision rule).
            _ => ("choice".to_string(), format!("{}Choice", self.parent)),
        };
        let enum_name = planner.claim_name(&enum_base);
        let planned = self.plan_alternatives(planner, &alternatives)?;
        let occurs = wrapper((u32::from(!optional), occurrence.1));
        let mut field = self.choice_field(planner, field_base, enum_name, planned, occurs);
        // `minOccurs >= 1` and no alternative may be empty: one must occur.
        field.required = !optional;
        field.max_occurs = bound(occurrence);
        Ok(field)
    }

    /// An element reference to the head of a substitution group: an enum of the head (unless
    /// abstract) and its members, one per substitution group head.
    fn substitution(
        &mut self,
        planner: &mut TypePlanner<'_>,
        field: Field,
    ) -> Result<FieldPlan, GenerateError> {
        let occurs = wrapper((field.min_occurs, field.max_occurs));
        let field_base = value_name(&field.name.local)
            .trim_start_matches("r#")
            .to_string();
        let enum_name = match planner.substitutions.get(&field.name) {
            Some(existing) => existing.clone(),
            None => {
                let enum_name =
                    planner.claim_name(&format!("{}Substitution", type_name(&field.name.local)));
                planner
                    .substitutions
                    .insert(field.name.clone(), enum_name.clone());
                // The reference's occurrence is the field's; each alternative is one element.
                let once = Field {
                    min_occurs: 1,
                    max_occurs: MaxOccurs::Bounded(1),
                    ..field.clone()
                };
                let mut alternatives = Vec::new();
                let mut optional = false;
                collect_element(planner, &once, &mut alternatives, &mut optional);
                let planned = self.plan_alternatives(planner, &alternatives)?;
                planner.plan.choices.insert(
                    enum_name.clone(),
                    ChoicePlan {
                        name: enum_name.clone(),
                        parent: self.parent.clone(),
                        alternatives: planned,
                    },
                );
                enum_name
            }
        };
        // From the alternatives' names, not their plan: a member holding the head again (an
        // expression of expressions) gets here while the enum is still being planned.
        let mut alternatives = Vec::new();
        collect_element(planner, &field, &mut alternatives, &mut false);
        let secret = alternatives.iter().any(|a| match a {
            Alternative::Element(element) => planner.is_secret(&element.name.local),
            _ => false,
        });
        let mut planned = FieldPlan::new(
            self.names.claim(field_base),
            field.name.clone(),
            Shape::Choice(enum_name),
            FieldKind::Choice,
        );
        planned.occurs = occurs;
        planned.required = field.min_occurs >= 1;
        planned.secret = secret;
        Ok(planned)
    }

    fn plan_alternatives<'g>(
        &self,
        planner: &mut TypePlanner<'_>,
        alternatives: &[Alternative<'g>],
    ) -> Result<Vec<AlternativePlan>, GenerateError> {
        let mut variant_names = Scope::with_reserved(&["Self"]);
        let mut planned = Vec::new();
        for alternative in alternatives {
            planned.push(match alternative {
                Alternative::Element(field) => {
                    let (facets, type_doc) = planner.value_facets(&field.ty);
                    AlternativePlan {
                        variant: variant_names.claim(variant_name(&field.name.local)),
                        wire: field.name.clone(),
                        shape: planner.field_shape(&self.parent, field)?,
                        nillable: field.nillable,
                        repeated: field.max_occurs.is_repeated(),
                        boxed: false,
                        kind: AlternativeKind::Element,
                        doc: field.documentation.clone().or(type_doc),
                        facets,
                    }
                }
                Alternative::Group(group) => {
                    let first = first_element_name(group).unwrap_or("Group");
                    AlternativePlan {
                        variant: variant_names.claim(variant_name(first)),
                        wire: QName::new("", first),
                        shape: Shape::Struct(self.group_struct(planner, group, first)?),
                        nillable: false,
                        repeated: false,
                        boxed: false,
                        kind: AlternativeKind::Group,
                        doc: None,
                        facets: None,
                    }
                }
                Alternative::Any(wildcard) => AlternativePlan {
                    variant: variant_names.claim("Any".to_string()),
                    wire: QName::new("", "any"),
                    shape: Shape::Builtin("XmlElement"),
                    nillable: false,
                    repeated: false,
                    boxed: false,
                    kind: AlternativeKind::Any(wildcard.namespace.clone()),
                    doc: None,
                    facets: None,
                },
            });
        }
        Ok(planned)
    }

    fn choice_field(
        &mut self,
        planner: &mut TypePlanner<'_>,
        field_base: String,
        enum_name: String,
        alternatives: Vec<AlternativePlan>,
        occurs: Occurs,
    ) -> FieldPlan {
        let wire = alternatives
            .first()
            .map(|a| a.wire.clone())
            .unwrap_or_else(|| QName::new("", "choice"));
        let secret = alternatives
            .iter()
            .any(|a| planner.is_secret(&a.wire.local));
        planner.plan.choices.insert(
            enum_name.clone(),
            ChoicePlan {
                name: enum_name.clone(),
                parent: self.parent.clone(),
                alternatives,
            },
        );
        let mut field = FieldPlan::new(
            self.names.claim(field_base),
            wire,
            Shape::Choice(enum_name),
            FieldKind::Choice,
        );
        field.occurs = occurs;
        field.required = occurs != Occurs::Optional;
        field.secret = secret;
        field
    }
}

/// How a choice is named.
#[derive(Debug, PartialEq, Eq)]
enum ChoiceName {
    /// After its alternatives, joined: field `card_or_iban`, enum suffix `CardOrIban`.
    Alternatives(String, String),
    /// After the words its alternatives' names end in: `folder_field`, `FolderField`.
    SharedEnding(String, String),
    /// After its struct: `choice`, `Choice`.
    Struct,
}

/// How a choice of alternatives named `words` is named (see [`NAMED_CHOICE_MAX`],
/// [`NAMED_CHOICE_WORDS`], [`SHARED_ENDING_MIN`]).
fn choice_name(words: &[String]) -> ChoiceName {
    if words.is_empty() {
        return ChoiceName::Struct;
    }
    let fields: Vec<String> = words
        .iter()
        .map(|w| value_name(w).trim_start_matches("r#").to_string())
        .collect();
    let word_count: usize = fields.iter().map(|f| f.split('_').count()).sum();
    if words.len() <= NAMED_CHOICE_MAX && word_count <= NAMED_CHOICE_WORDS {
        let enum_part: String = words
            .iter()
            .map(|w| type_name(w))
            .collect::<Vec<_>>()
            .join("Or");
        return ChoiceName::Alternatives(fields.join("_or_"), enum_part);
    }
    let types: Vec<String> = words.iter().map(|w| type_name(w)).collect();
    let mut endings = types.iter().map(|t| camel_words(t).collect::<Vec<_>>());
    let Some(mut shared) = endings.next() else {
        return ChoiceName::Struct;
    };
    for other in endings {
        let common = shared
            .iter()
            .rev()
            .zip(other.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        shared.drain(..shared.len() - common);
    }
    let ending = shared.concat();
    if ending.chars().count() < SHARED_ENDING_MIN {
        return ChoiceName::Struct;
    }
    let field = value_name(&ending).trim_start_matches("r#").to_string();
    ChoiceName::SharedEnding(field, type_name(&ending))
}

/// True when `field` refers to a global element that heads a substitution group.
fn has_substitutes(planner: &TypePlanner<'_>, field: &Field) -> bool {
    field.reference && !planner.defs.schema.substitutes(&field.name).is_empty()
}

/// The alternatives of `choice`, nested choices and one-particle sequences flattened into it;
/// sets `optional` when an alternative may be empty.
fn collect_alternatives<'g>(
    planner: &TypePlanner<'_>,
    choice: &'g Group,
    out: &mut Vec<Alternative<'g>>,
    optional: &mut bool,
) {
    for particle in &choice.particles {
        match particle {
            Particle::Element(field) => collect_element(planner, field, out, optional),
            Particle::Any(wildcard) => {
                *optional |= wildcard.min_occurs == 0;
                out.push(Alternative::Any(wildcard));
            }
            Particle::Group(group) => {
                *optional |= group.min_occurs == 0;
                match (group.kind, group.particles.as_slice()) {
                    (_, []) => *optional = true,
                    (Compositor::Choice, _) => collect_alternatives(planner, group, out, optional),
                    (_, [Particle::Element(field)]) => {
                        let (min_occurs, max_occurs) = multiply(
                            (field.min_occurs, field.max_occurs),
                            (group.min_occurs, group.max_occurs),
                        );
                        let field = Field {
                            min_occurs,
                            max_occurs,
                            ..field.clone()
                        };
                        collect_element(planner, &field, out, optional);
                    }
                    _ => out.push(Alternative::Group(group)),
                }
            }
        }
    }
}

/// An element alternative, or the head and members of its substitution group.
fn collect_element<'g>(
    planner: &TypePlanner<'_>,
    field: &Field,
    out: &mut Vec<Alternative<'g>>,
    optional: &mut bool,
) {
    *optional |= field.min_occurs == 0;
    if !has_substitutes(planner, field) {
        out.push(Alternative::Element(field.clone()));
        return;
    }
    let schema = &planner.defs.schema;
    let head_is_abstract = schema
        .elements
        .get(&field.name)
        .is_some_and(|d| d.is_abstract);
    if !head_is_abstract {
        out.push(Alternative::Element(Field {
            reference: false,
            ..field.clone()
        }));
    }
    for member in schema.substitutes(&field.name) {
        let (Some(decl), Some(ty)) = (schema.elements.get(member), schema.referenced_type(member))
        else {
            continue;
        };
        // The member's own shape, as a `ref=` to it would have: one struct per element,
        // whichever heads' fields it stands in.
        out.push(Alternative::Element(Field {
            name: member.clone(),
            ty,
            nillable: decl.nillable,
            default: None,
            fixed: false,
            reference: false,
            ..field.clone()
        }));
    }
}

/// The local name of the first element of `group`, searching nested groups.
fn first_element_name(group: &Group) -> Option<&str> {
    group.particles.iter().find_map(|p| match p {
        Particle::Element(field) => Some(field.name.local.as_str()),
        Particle::Group(inner) => first_element_name(inner),
        Particle::Any(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::{choice_name, ChoiceName};

    fn name(words: &[&str]) -> ChoiceName {
        choice_name(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn short_choices_are_named_after_their_alternatives() {
        let joined = |f: &str, e: &str| ChoiceName::Alternatives(f.to_string(), e.to_string());
        assert_eq!(
            name(&["Card", "Iban"]),
            joined("card_or_iban", "CardOrIban")
        );
        assert_eq!(
            name(&["Card", "Iban", "Bank"]),
            joined("card_or_iban_or_bank", "CardOrIbanOrBank")
        );
        // Six words together are still taken in at a glance.
        assert_eq!(
            name(&["FolderId", "DistinguishedFolderId"]),
            joined(
                "folder_id_or_distinguished_folder_id",
                "FolderIdOrDistinguishedFolderId"
            )
        );
        assert_eq!(
            name(&["OldFolderId", "OldItemId"]),
            joined("old_folder_id_or_old_item_id", "OldFolderIdOrOldItemId")
        );
    }

    #[test]
    fn long_choices_are_named_after_a_shared_ending_or_their_struct() {
        let ending = |f: &str, e: &str| ChoiceName::SharedEnding(f.to_string(), e.to_string());
        assert_eq!(
            name(&["AppendToFolderField", "SetFolderField", "DeleteFolderField"]),
            ending("folder_field", "FolderField")
        );
        assert_eq!(
            name(&["FieldURI", "IndexedFieldURI", "ExtendedFieldURI"]),
            ending("field_uri", "FieldURI")
        );
        assert_eq!(
            name(&["NoEndRecurrence", "EndDateRecurrence", "NumberedRecurrence"]),
            ending("recurrence", "Recurrence")
        );
        assert_eq!(
            name(&["Circle", "Square", "Triangle", "Hexagon"]),
            ChoiceName::Struct
        );
        // `Id` is too short an ending to name a field by.
        let ids = [
            "AlternateId",
            "AlternatePublicFolderId",
            "AlternatePublicFolderItemId",
        ];
        assert_eq!(name(&ids), ChoiceName::Struct);
        assert_eq!(name(&[]), ChoiceName::Struct);
    }
}
