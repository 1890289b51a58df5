//! The rules of a struct's content beyond its single elements (what `xs:choice` and optional or
//! repeated `xs:sequence` groups require), and the tracking of which fields a struct's reader
//! has seen, which checks them.

use std::ops::Range;

use super::Field;
use crate::error::{DecodeError, DecodeErrorKind};
use crate::xml::{Element, XmlReader};

/// A rule of a struct's content beyond its single elements, over indexes into
/// [`XmlStruct::FIELDS`](super::XmlStruct::FIELDS): what an `xs:choice`, or an `xs:sequence`
/// group that may be absent or repeat, requires of the elements read. Checked while reading
/// (two alternatives of a choice that occurs once; an occurrence of a repeated group that lacks
/// an element) and at the end of the struct's element (a missing choice or group, an incomplete
/// group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentRule {
    /// An `xs:choice`.
    Choice {
        /// The fields of each alternative, in schema order.
        alternatives: &'static [Range<usize>],
        /// True when one of the alternatives must occur.
        required: bool,
        /// True when the choice occurs at most once: elements of two alternatives exclude
        /// each other.
        exclusive: bool,
        /// The fields of the group the choice stands in: the choice is required only when one
        /// of them occurred. `None`: always.
        within: Option<Range<usize>>,
    },
    /// An `xs:sequence` group that may be absent or repeat.
    Group {
        /// Its fields.
        fields: Range<usize>,
        /// The fields it must hold once it occurs (its elements with `minOccurs >= 1`).
        members: &'static [usize],
        /// True when the group must occur (`minOccurs >= 1`).
        required: bool,
        /// True when the group repeats and its first field (which occurs once per occurrence)
        /// starts each occurrence: every occurrence is checked on its own.
        repeated: bool,
        /// The fields of the group this one stands in: it is required only when one of them
        /// occurred. `None`: always.
        within: Option<Range<usize>>,
    },
    /// The bound of an `xs:choice` or `xs:sequence` group that repeats at most `max` times
    /// (`maxOccurs` above 1, not `unbounded`). Occurrences are counted as few as the elements
    /// read allow: one starts at an element of another alternative than the element before,
    /// or at one that comes earlier in the alternative (or again, unless it repeats on its own).
    MaxOccurs {
        /// The fields of the choice or group.
        fields: Range<usize>,
        /// The fields of each alternative of the choice; none for a group (its fields are one).
        alternatives: &'static [Range<usize>],
        /// The fields that repeat within one occurrence (`maxOccurs > 1` of their own).
        repeats: &'static [usize],
        /// The most occurrences allowed.
        max: usize,
    },
}

impl ContentRule {
    /// True when the rule's fields lie inside `range` (and are not all of it): a choice or
    /// group inside the group of those fields.
    fn lies_in(&self, range: &Range<usize>) -> bool {
        let (start, end) = match self {
            ContentRule::Choice { alternatives, .. } => (
                alternatives.first().map_or(0, |a| a.start),
                alternatives.last().map_or(0, |a| a.end),
            ),
            ContentRule::Group { fields, .. } | ContentRule::MaxOccurs { fields, .. } => {
                (fields.start, fields.end)
            }
        };
        start < end
            && range.start <= start
            && end <= range.end
            && (start, end) != (range.start, range.end)
    }
}

/// The part of [`StructReader`] that does not depend on the struct, shared by every struct
/// (the loop over a struct's children that uses it is in the parent module).
#[derive(Debug, Default)]
pub(super) struct FieldTracker {
    pub(super) seen: Seen,
    pub(super) next: usize,
    /// For each rule (by index, allocated once a [`ContentRule::MaxOccurs`] counts): the
    /// occurrences counted, and the field read last in it plus one (0: none yet).
    occurrences: Vec<(usize, usize)>,
}

/// How an entry of a struct's field table is named in an error: its element, or the wildcard.
fn label(field: &Field) -> &'static str {
    if field.wildcard.is_some() {
        "(an element of xs:any)"
    } else {
        field.name.local
    }
}

impl FieldTracker {
    /// Fails when a required field of `fields` that may not be omitted was not seen, or a rule
    /// of `rules` is not met.
    #[inline(never)]
    pub(super) fn finish(
        &self,
        fields: &'static [Field],
        rules: &'static [ContentRule],
        r: &XmlReader<'_>,
        parent: &Element<'_>,
    ) -> Result<(), DecodeError> {
        let missing = fields
            .iter()
            .enumerate()
            .find(|(index, f)| f.required && !f.omissible && !self.seen.get(*index))
            .map(|(_, missing)| Unmet::Element(missing.name.local))
            .or_else(|| rules.iter().find_map(|rule| self.unmet(fields, rule)));
        match missing {
            Some(unmet) => Err(unmet.error(r, parent.offset(), parent.local_name())),
            None => Ok(()),
        }
    }

    /// True when a field in `range` was seen.
    fn any_seen(&self, range: &Range<usize>) -> bool {
        range.clone().any(|index| self.seen.get(index))
    }

    /// What `rule` lacks at the end of the struct's element, if anything.
    fn unmet(&self, fields: &'static [Field], rule: &ContentRule) -> Option<Unmet> {
        match rule {
            ContentRule::Choice {
                alternatives,
                required,
                within,
                ..
            } => {
                let applies = within.as_ref().is_none_or(|w| self.any_seen(w));
                if !*required || !applies || alternatives.iter().any(|a| self.any_seen(a)) {
                    return None;
                }
                let names: Vec<String> = alternatives
                    .iter()
                    .filter_map(|a| fields.get(a.start))
                    .map(|f| format!("`{}`", label(f)))
                    .collect();
                Some(Unmet::Choice(names.join(", ")))
            }
            ContentRule::Group {
                fields: range,
                members,
                required,
                within,
                ..
            } => {
                if self.any_seen(range) {
                    return self.missing_member(fields, members).map(Unmet::Group);
                }
                let applies = within.as_ref().is_none_or(|w| self.any_seen(w));
                if !*required || !applies {
                    return None;
                }
                let first = members.first().copied().unwrap_or(range.start);
                fields.get(first).map(|f| Unmet::Element(label(f)))
            }
            ContentRule::MaxOccurs { .. } => None,
        }
    }

    /// The first of `members` not seen.
    fn missing_member(&self, fields: &'static [Field], members: &[usize]) -> Option<&'static str> {
        members
            .iter()
            .find(|m| !self.seen.get(**m))
            .and_then(|m| fields.get(*m))
            .map(|f| f.name.local)
    }

    /// Checks `rules` before field `index` is read from `element`: it may not join a second
    /// alternative of a choice that occurs once, and when it starts a new occurrence of a
    /// repeated group, the occurrence before must be complete (its fields then start afresh).
    #[inline(never)]
    pub(super) fn before(
        &mut self,
        fields: &'static [Field],
        rules: &'static [ContentRule],
        index: usize,
        r: &XmlReader<'_>,
        element: &Element<'_>,
        type_name: &'static str,
    ) -> Result<(), DecodeError> {
        for (k, rule) in rules.iter().enumerate() {
            match rule {
                ContentRule::Choice {
                    alternatives,
                    exclusive: true,
                    ..
                } => {
                    let Some(own) = alternatives.iter().position(|a| a.contains(&index)) else {
                        continue;
                    };
                    let chosen = alternatives
                        .iter()
                        .enumerate()
                        .filter(|(other, _)| *other != own)
                        .find_map(|(_, a)| a.clone().find(|i| self.seen.get(*i)));
                    if let Some(chosen) = chosen.and_then(|i| fields.get(i)) {
                        return Err(r.error_at(
                            element.offset(),
                            DecodeErrorKind::ConflictingChoice {
                                element: element.local_name().to_string(),
                                chosen: label(chosen),
                            },
                        ));
                    }
                }
                ContentRule::Group {
                    fields: range,
                    members,
                    repeated: true,
                    ..
                } if range.start == index && self.seen.get(index) => {
                    // The occurrence before, and the choices and groups inside it.
                    let unmet = self
                        .missing_member(fields, members)
                        .map(Unmet::Group)
                        .or_else(|| {
                            rules
                                .iter()
                                .filter(|inner| inner.lies_in(range))
                                .find_map(|inner| self.unmet(fields, inner))
                        });
                    if let Some(unmet) = unmet {
                        return Err(unmet.error(r, element.offset(), type_name));
                    }
                    for i in range.clone() {
                        self.seen.clear(i);
                    }
                    // The bounds inside count each occurrence afresh.
                    for (inner, counted) in rules.iter().zip(self.occurrences.iter_mut()) {
                        if matches!(inner, ContentRule::MaxOccurs { .. }) && inner.lies_in(range) {
                            *counted = (0, 0);
                        }
                    }
                }
                ContentRule::MaxOccurs {
                    fields: range,
                    alternatives,
                    repeats,
                    max,
                } => {
                    let alternatives = if alternatives.is_empty() {
                        std::slice::from_ref(range)
                    } else {
                        alternatives
                    };
                    let Some(own) = alternatives.iter().position(|a| a.contains(&index)) else {
                        continue;
                    };
                    if self.occurrences.len() < rules.len() {
                        self.occurrences.resize(rules.len(), (0, 0));
                    }
                    let (count, last) = self.occurrences[k];
                    let starts = match last.checked_sub(1) {
                        None => true,
                        Some(last) => {
                            !alternatives[own].contains(&last)
                                || index < last
                                || (index == last && !repeats.contains(&index))
                        }
                    };
                    let count = count + usize::from(starts);
                    if count > *max {
                        let names: Vec<String> = alternatives
                            .iter()
                            .filter_map(|a| fields.get(a.start))
                            .map(|f| format!("`{}`", label(f)))
                            .collect();
                        let kind = if alternatives.len() > 1 {
                            "the choice of"
                        } else {
                            "the group of"
                        };
                        return Err(r.error_at(
                            element.offset(),
                            DecodeErrorKind::TooManyOccurrences {
                                particle: format!("{kind} {}", names.join(", ")),
                                max: *max,
                                parent: type_name.to_string(),
                            },
                        ));
                    }
                    self.occurrences[k] = (count, index + 1);
                }
                _ => {}
            }
        }
        Ok(())
    }
}

impl Unmet {
    /// The decode error at `offset` of content `parent` that lacks this.
    fn error(self, r: &XmlReader<'_>, offset: u64, parent: &str) -> DecodeError {
        let parent = parent.to_string();
        r.error_at(
            offset,
            match self {
                Unmet::Element(field) | Unmet::Group(field) => {
                    DecodeErrorKind::MissingElement { field, parent }
                }
                Unmet::Choice(alternatives) => DecodeErrorKind::MissingChoice {
                    alternatives,
                    parent,
                },
            },
        )
    }
}

/// What a [`ContentRule`] lacks.
enum Unmet {
    /// A required element of a group that must occur.
    Element(&'static str),
    /// An element of a group that occurred.
    Group(&'static str),
    /// Every alternative of a required choice (their first elements, quoted and joined).
    Choice(String),
}

#[cold]
pub(super) fn duplicate(
    r: &XmlReader<'_>,
    element: &Element<'_>,
    field: &Field,
    type_name: &'static str,
) -> DecodeError {
    let name = element.local_name();
    r.error_at(
        element.offset(),
        match field.wildcard {
            // Another element than the one before, of the wildcard that occurs once.
            Some(_) => DecodeErrorKind::TooManyOccurrences {
                particle: format!("the `xs:any` (here `{name}`)"),
                max: 1,
                parent: type_name.to_string(),
            },
            None => DecodeErrorKind::DuplicateElement(name.to_string()),
        },
    )
}

/// Which fields were seen: a bit set, allocated only for structs of more than 64 fields (one
/// struct is read per complex element, so this is on the decoder's hot path).
#[derive(Debug, Default)]
pub(super) struct Seen {
    first: u64,
    rest: Vec<bool>,
}

impl Seen {
    #[inline]
    pub(super) fn get(&self, index: usize) -> bool {
        match index.checked_sub(64) {
            None => self.first & (1 << index) != 0,
            Some(i) => self.rest.get(i).copied().unwrap_or(false),
        }
    }

    #[inline]
    fn clear(&mut self, index: usize) {
        match index.checked_sub(64) {
            None => self.first &= !(1 << index),
            Some(i) => {
                if let Some(seen) = self.rest.get_mut(i) {
                    *seen = false;
                }
            }
        }
    }

    #[inline]
    pub(super) fn set(&mut self, index: usize) {
        match index.checked_sub(64) {
            None => self.first |= 1 << index,
            Some(i) => {
                if self.rest.len() <= i {
                    self.rest.resize(i + 1, false);
                }
                self.rest[i] = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{read_struct, XmlStruct};
    use crate::error::EncodeError;
    use crate::xml::{Limits, Ns, XmlWriter};

    /// A choice of `A` or `B`, then a repeated group (`minOccurs="1"`) of `C`, `D` and a choice
    /// of `E` or `G`, then optional fields `F` and a repeated group of `Y` and `Z` past the first
    /// 64 fields (whose bits live beyond the first word).
    #[derive(Default, Debug)]
    struct Ruled {
        read: Vec<&'static str>,
    }

    const FIELDS: [Field; 70] = {
        let mut fields = [Field::optional(Ns::NONE, "F"); 70];
        fields[0] = Field::optional(Ns::NONE, "A");
        fields[1] = Field::optional(Ns::NONE, "B");
        fields[2] = Field::repeated(Ns::NONE, "C");
        fields[3] = Field::repeated(Ns::NONE, "D");
        fields[4] = Field::repeated(Ns::NONE, "E");
        fields[5] = Field::repeated(Ns::NONE, "G");
        fields[68] = Field::repeated(Ns::NONE, "Y");
        fields[69] = Field::repeated(Ns::NONE, "Z");
        fields
    };

    impl XmlStruct for Ruled {
        const TYPE_NAME: &'static str = "Ruled";
        const FIELDS: &'static [Field] = &FIELDS;
        const RULES: &'static [ContentRule] = &[
            ContentRule::Choice {
                alternatives: &[0..1, 1..2],
                required: true,
                exclusive: true,
                within: None,
            },
            ContentRule::Group {
                fields: 2..6,
                members: &[2, 3],
                required: true,
                repeated: true,
                within: None,
            },
            ContentRule::Choice {
                alternatives: &[4..5, 5..6],
                required: true,
                exclusive: true,
                within: Some(2..6),
            },
            ContentRule::Group {
                fields: 68..70,
                members: &[68],
                required: false,
                repeated: true,
                within: None,
            },
        ];
        fn read_field(
            &mut self,
            index: usize,
            r: &mut XmlReader<'_>,
            e: &Element<'_>,
        ) -> Result<(), DecodeError> {
            self.read.push(Self::FIELDS[index].name.local);
            let _ = e;
            r.skip()
        }
        fn write_fields(&self, _w: &mut XmlWriter) -> Result<(), EncodeError> {
            Ok(())
        }
    }

    /// Reads `xml`'s root element as a `T`.
    fn decode<T: XmlStruct>(xml: &str) -> Result<T, DecodeError> {
        let mut r = XmlReader::new(xml.as_bytes(), Limits::default())?;
        let root = r.root()?;
        read_struct(&mut r, &root)
    }

    fn read(content: &str) -> Result<Ruled, DecodeError> {
        decode(&format!("<R>{content}</R>"))
    }

    #[test]
    fn rules_accept_what_the_content_allows() {
        let value = read("<B/><C/><D/><E/><C/><D/><G/><Y/><Y/>").expect("valid");
        assert_eq!(value.read, ["B", "C", "D", "E", "C", "D", "G", "Y", "Y"]);
    }

    #[test]
    fn rules_refuse_what_the_content_does_not_allow() {
        let kind = |content: &str| read(content).expect_err(content).kind;
        assert!(matches!(
            kind("<C/><D/>"),
            DecodeErrorKind::MissingChoice { .. }
        ));
        assert_eq!(
            kind("<A/><B/><C/><D/>"),
            DecodeErrorKind::ConflictingChoice {
                element: "B".into(),
                chosen: "A",
            }
        );
        assert!(matches!(
            kind("<A/>"),
            DecodeErrorKind::MissingElement { field: "C", .. }
        ));
        assert!(matches!(
            kind("<A/><C/><C/><D/><E/>"),
            DecodeErrorKind::MissingElement { field: "D", .. }
        ));
        // The choice in the repeated group, occurrence by occurrence: missing in the first
        // (found where the second begins), missing in the last, twice in one.
        let error = read("<A/><C/><D/><C/><D/><E/>").expect_err("first lacks E or G");
        assert_eq!(
            error.kind,
            DecodeErrorKind::MissingChoice {
                alternatives: "`E`, `G`".into(),
                parent: "Ruled".into(),
            }
        );
        assert_eq!(error.location.column, 16, "{error}");
        assert!(matches!(
            kind("<A/><C/><D/><E/><C/><D/>"),
            DecodeErrorKind::MissingChoice { .. }
        ));
        assert!(matches!(
            kind("<A/><C/><D/><E/><G/>"),
            DecodeErrorKind::ConflictingChoice { chosen: "E", .. }
        ));
        // Past the first 64 fields: an occurrence of the Y group without Y.
        assert!(matches!(
            kind("<A/><C/><D/><E/><Z/>"),
            DecodeErrorKind::MissingElement { field: "Y", .. }
        ));
    }

    /// A required choice of `K` or an `xs:any` of `urn:other`, then a choice of `A` or a run
    /// of `B` that occurs at most twice, then a group of `C` and `D` that occurs at most twice.
    #[derive(Default, Debug)]
    struct Bounded {
        read: Vec<&'static str>,
    }

    impl XmlStruct for Bounded {
        const TYPE_NAME: &'static str = "Bounded";
        const FIELDS: &'static [Field] = &[
            Field::optional(Ns::NONE, "K"),
            Field::any(crate::NamespaceConstraint::List(&["urn:other"])),
            Field::repeated(Ns::NONE, "A"),
            Field::repeated(Ns::NONE, "B"),
            Field::repeated(Ns::NONE, "C"),
            Field::repeated(Ns::NONE, "D"),
        ];
        const RULES: &'static [ContentRule] = &[
            ContentRule::Choice {
                alternatives: &[0..1, 1..2],
                required: true,
                exclusive: true,
                within: None,
            },
            ContentRule::Group {
                fields: 4..6,
                members: &[4, 5],
                required: false,
                repeated: true,
                within: None,
            },
            ContentRule::MaxOccurs {
                fields: 2..4,
                alternatives: &[2..3, 3..4],
                repeats: &[3],
                max: 2,
            },
            ContentRule::MaxOccurs {
                fields: 4..6,
                alternatives: &[],
                repeats: &[],
                max: 2,
            },
        ];
        fn read_field(
            &mut self,
            index: usize,
            r: &mut XmlReader<'_>,
            _e: &Element<'_>,
        ) -> Result<(), DecodeError> {
            self.read.push(match Self::FIELDS[index].wildcard {
                Some(_) => "any",
                None => Self::FIELDS[index].name.local,
            });
            r.skip()
        }
        fn write_fields(&self, _w: &mut XmlWriter) -> Result<(), EncodeError> {
            Ok(())
        }
    }

    fn read_bounded(content: &str) -> Result<Bounded, DecodeError> {
        decode(&format!("<R xmlns:o=\"urn:other\">{content}</R>"))
    }

    #[test]
    fn the_any_alternative_of_a_choice_is_seen_by_its_rule() {
        let value = read_bounded("<o:X/><A/>").expect("valid");
        assert_eq!(value.read, ["any", "A"]);
        let kind = |content: &str| read_bounded(content).expect_err(content).kind;
        assert_eq!(
            kind("<A/>"),
            DecodeErrorKind::MissingChoice {
                alternatives: "`K`, `(an element of xs:any)`".into(),
                parent: "R".into(),
            }
        );
        assert_eq!(
            kind("<K/><o:X/>"),
            DecodeErrorKind::ConflictingChoice {
                element: "X".into(),
                chosen: "K",
            }
        );
        assert_eq!(
            kind("<o:X/><K/>"),
            DecodeErrorKind::ConflictingChoice {
                element: "K".into(),
                chosen: "(an element of xs:any)",
            }
        );
        // An element of a namespace the wildcard does not allow is unknown: still missing.
        assert!(matches!(
            kind("<Y/><A/>"),
            DecodeErrorKind::MissingChoice { .. }
        ));
    }

    #[test]
    fn bounded_repetitions_are_counted_as_few_as_the_elements_allow() {
        // A run of `B` is one occurrence; `A` again is another.
        let value = read_bounded("<K/><B/><B/><B/><A/><C/><D/><C/><D/>").expect("valid");
        assert_eq!(value.read.len(), 9);
        let error = read_bounded("<K/><A/><A/>\n<A/>").expect_err("three of the choice");
        assert_eq!(
            error.kind,
            DecodeErrorKind::TooManyOccurrences {
                particle: "the choice of `A`, `B`".into(),
                max: 2,
                parent: "Bounded".into(),
            }
        );
        assert_eq!((error.location.line, error.location.column), (2, 1));
        assert!(matches!(
            read_bounded("<K/><B/><A/><B/>").expect_err("B, A, B").kind,
            DecodeErrorKind::TooManyOccurrences { max: 2, .. }
        ));
        assert!(matches!(
            read_bounded("<K/><A/><C/><D/><C/><D/><C/><D/>").expect_err("three groups").kind,
            DecodeErrorKind::TooManyOccurrences { ref particle, .. } if particle == "the group of `C`"
        ));
    }
}
