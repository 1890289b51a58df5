//! The reading and writing code of a struct of elements: its `XmlStruct` impl (structs with
//! simple or mixed content are in `emit_text_content`).
//!
//! Every element the content may hold, also inside optional or repeated groups and choices,
//! gets an entry in the struct's field table; its read arm reaches the value it fills through
//! a *slot* (an expression of type `&mut T` for the struct or group holding it), creating
//! group values and choice variants on the way. Elements an `xs:any` allows are read by
//! `read_other`. Writing walks the same tree.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::Context;
use super::plan::{FieldKind, FieldPlan, Occurs, Shape, StructPlan, StructSource};
use crate::model::NamespaceConstraint;

mod choice;

/// What the fields of a struct, and of the groups inside it, add to its `XmlStruct` impl.
#[derive(Default)]
struct ContentCode {
    /// One `Field` per element, in table order.
    table: Vec<TokenStream>,
    /// The read of each table entry, by index.
    reads: Vec<Read>,
    /// Statements of `read_other`, each returning `Ok(true)` when it took the element.
    others: Vec<TokenStream>,
    /// How deep in groups the walk is (names the bindings of nested values).
    depth: usize,
    /// The content rules of choices and groups, in the order their walk began.
    rules: Vec<RuleCode>,
    /// The table entries that repeat on their own (not only because a group around repeats).
    repeats: Vec<usize>,
    /// For a struct holding its base's value: that field and how many table entries (the
    /// first ones) the base's own `read_field` reads. `reads` holds the entries after those.
    inherited: Option<(proc_macro2::Ident, usize)>,
}

/// The read of one table entry in `read_field`.
enum Read {
    /// One call returning `Result<(), DecodeError>`: the match arm's value as it is (a field
    /// read into its place; the cheapest arm for the compiler, with no `?` of its own).
    Call(TokenStream),
    /// Statements that read the element (with `?` on what may fail).
    Statements(TokenStream),
}

impl Read {
    /// The read as statements, to put after others.
    fn statements(&self) -> TokenStream {
        match self {
            Read::Call(call) => quote!(#call?;),
            Read::Statements(statements) => quote!({ #statements }),
        }
    }

    /// The read as an expression of type `Result<(), DecodeError>`.
    fn result(&self) -> TokenStream {
        match self {
            Read::Call(call) => call.clone(),
            Read::Statements(statements) => quote!({
                #statements
                Ok(())
            }),
        }
    }
}

/// A `ContentRule` being collected: spans are table indexes.
enum RuleCode {
    /// An `xs:choice`.
    Choice {
        /// Each alternative's span of table entries.
        alternatives: Vec<(usize, usize)>,
        /// True when an alternative must occur.
        required: bool,
        /// True when the choice occurs at most once.
        exclusive: bool,
        /// The rule of the group the choice stands in.
        within: Option<usize>,
    },
    /// An optional or repeated `xs:sequence` group (or a group alternative of a choice).
    Group {
        /// Its span of table entries.
        span: (usize, usize),
        /// The entries each occurrence holds.
        members: Vec<usize>,
        /// True when the group must occur.
        required: bool,
        /// True when each occurrence is checked on its own.
        repeated: bool,
        /// The rule of the group this one stands in.
        within: Option<usize>,
    },
    /// The bound of a choice or group that repeats at most `max` times.
    MaxOccurs {
        /// Its span of table entries.
        span: (usize, usize),
        /// Each alternative's span of table entries (none for a group).
        alternatives: Vec<(usize, usize)>,
        /// Its `maxOccurs`.
        max: usize,
    },
}

/// Where the walk is: the slot of the value being filled, and how that value occurs.
#[derive(Clone)]
struct Place {
    /// An expression of type `&mut T` (or a place of type `T`) for the value read into.
    slot: TokenStream,
    /// The value written from: an expression of type `&T`.
    value: TokenStream,
    /// True inside a group that may be absent: no element is required.
    optional: bool,
    /// True inside a group that repeats: every element may repeat.
    repeated: bool,
    /// The rule (index into `ContentCode::rules`) of the innermost optional or repeated group
    /// around: its required elements become its members. `None` at the top, and where
    /// occurrences cannot be told apart (inside a repeated group's nested groups and choices).
    rule: Option<usize>,
}

impl Context<'_> {
    /// `XmlStruct` for a struct of elements, choices, groups, wildcards and attributes.
    pub(super) fn xml_struct_impl(&self, plan: &StructPlan) -> TokenStream {
        let name = format_ident!("{}", plan.name);
        let type_name = &plan.name;
        let mut code = ContentCode::default();
        let top = Place {
            slot: quote!(self),
            value: quote!(self),
            optional: false,
            repeated: false,
            rule: None,
        };
        let mut writes: Vec<TokenStream> = plan
            .fields
            .iter()
            .filter(|f| f.kind == FieldKind::Attribute)
            .map(|f| self.write_attribute(f))
            .collect();
        if let Some(other) = plan
            .fields
            .iter()
            .find(|f| f.kind == FieldKind::AnyAttributes)
        {
            let ident = self.field_ident(&other.rust_name);
            writes.push(quote! {
                for attribute in &self.#ident {
                    w.any_attribute(attribute)?;
                }
            });
        }
        writes.extend(self.content(&plan.fields, &top, &mut code));
        let read_attributes = self.read_attributes(plan);
        // A held base reads, and its table names, the first entries: as many as its own
        // table has.
        let inherited = code.inherited.as_ref().map_or(0, |(_, count)| *count);
        let reading_base = code
            .inherited
            .as_ref()
            .map(|(base, _)| base)
            .filter(|_| inherited > 0);
        let read_body = match (reading_base, code.reads.len()) {
            (Some(base), 0) => quote!(self.#base.read_field(index, r, e)),
            (None, 0) => quote! {
                let _ = (index, r, e);
                Ok(())
            },
            (None, 1) => {
                let read = match &code.reads[0] {
                    Read::Call(call) => call.clone(),
                    Read::Statements(statements) => quote! {
                        #statements
                        Ok(())
                    },
                };
                quote! {
                    // The only field: `index` is always 0.
                    let _ = index;
                    #read
                }
            }
            _ => {
                let base_arm = reading_base.map(|base| {
                    let last = proc_macro2::Literal::usize_unsuffixed(inherited - 1);
                    let pattern = if inherited == 1 {
                        quote!(0)
                    } else {
                        quote!(0..=#last)
                    };
                    quote!(#pattern => self.#base.read_field(index, r, e),)
                });
                let arms = code.reads.iter().enumerate().map(|(i, read)| {
                    let i = proc_macro2::Literal::usize_unsuffixed(inherited + i);
                    let read = read.result();
                    quote!(#i => #read,)
                });
                quote! {
                    match index {
                        #base_arm
                        #(#arms)*
                        _ => Ok(()),
                    }
                }
            }
        };
        let read_other = (!code.others.is_empty()).then(|| {
            let others = &code.others;
            quote! {
                fn read_other(&mut self, r: &mut XmlReader<'_>, e: &Element<'_>) -> Result<bool, DecodeError> {
                    #(#others)*
                    Ok(false)
                }
            }
        });
        let read_attachments = self.read_attachments(plan);
        let write_body = if writes.is_empty() {
            quote! {
                let _ = w;
                Ok(())
            }
        } else if code.inherited.is_some() && code.table.len() == inherited {
            // No entry of its own: the base's writer keeps its error for `finish_fields`.
            quote! {
                #(#writes)*
                w.finish_fields()
            }
        } else if code.table.is_empty() && read_attachments.is_none() {
            quote! {
                #(#writes)*
                Ok(())
            }
        } else if code.table.is_empty() {
            // Attachments only: their writer keeps its error for `finish_fields`.
            quote! {
                #(#writes)*
                w.finish_fields()
            }
        } else {
            // The field writers keep the first error they meet: `finish_fields` returns it.
            quote! {
                let f = Self::FIELDS;
                #(#writes)*
                w.finish_fields()
            }
        };
        let table = match plan.held_base().filter(|_| inherited > 0) {
            // The base's entries are its own table's: named, not repeated.
            Some(base) => {
                let base_type = self.rust_type(&base.shape);
                let own = &code.table[inherited..];
                let length = proc_macro2::Literal::usize_unsuffixed(code.table.len());
                quote!({
                    let fields: [Field; #length] = Field::after_base(#base_type::FIELDS, &[#(#own),*]);
                    fields
                })
            }
            None => {
                let table = &code.table;
                quote!([#(#table),*])
            }
        };
        let rules = self.rules(&code.rules, &code.repeats);
        let body_parts = matches!(plan.source, StructSource::Parts(_)).then(|| {
            quote!(
                const BODY_PARTS: bool = true;
            )
        });
        quote! {
            impl XmlStruct for #name {
                const TYPE_NAME: &'static str = #type_name;
                const FIELDS: &'static [Field] = &#table;
                #rules
                #body_parts
                #read_attributes
                fn read_field(&mut self, index: usize, r: &mut XmlReader<'_>, e: &Element<'_>) -> Result<(), DecodeError> {
                    #read_body
                }
                #read_other
                #read_attachments
                fn write_fields(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
                    #write_body
                }
            }
        }
    }

    /// `const RULES`, when the content has rules to check.
    fn rules(&self, rules: &[RuleCode], repeats: &[usize]) -> Option<TokenStream> {
        let span = |(start, end): (usize, usize)| {
            let (start, end) = (
                proc_macro2::Literal::usize_unsuffixed(start),
                proc_macro2::Literal::usize_unsuffixed(end),
            );
            quote!(#start..#end)
        };
        let within = |rule: &Option<usize>| match rule.and_then(|k| rules.get(k)) {
            Some(RuleCode::Group { span: s, .. }) => {
                let s = span(*s);
                quote!(Some(#s))
            }
            _ => quote!(None),
        };
        let emitted: Vec<TokenStream> = rules
            .iter()
            .filter_map(|rule| match rule {
                RuleCode::Choice {
                    alternatives,
                    required,
                    exclusive,
                    within: w,
                } => {
                    // Nothing to check without a required choice or a second alternative.
                    let checks = *required || (*exclusive && alternatives.len() > 1);
                    if !checks {
                        return None;
                    }
                    let w = within(w);
                    if let [only] = alternatives.as_slice() {
                        // One alternative: a group of its elements that must occur.
                        let fields = span(*only);
                        return Some(quote!(ContentRule::Group {
                            fields: #fields,
                            members: &[],
                            required: true,
                            repeated: false,
                            within: #w,
                        }));
                    }
                    let alternatives = alternatives.iter().map(|a| span(*a));
                    Some(quote!(ContentRule::Choice {
                        alternatives: &[#(#alternatives),*],
                        required: #required,
                        exclusive: #exclusive,
                        within: #w,
                    }))
                }
                RuleCode::Group {
                    span: s,
                    members,
                    required,
                    repeated,
                    within: w,
                } => {
                    if s.0 == s.1 || (!*required && members.is_empty()) {
                        return None;
                    }
                    let fields = span(*s);
                    let members = members
                        .iter()
                        .map(|m| proc_macro2::Literal::usize_unsuffixed(*m));
                    let w = within(w);
                    Some(quote!(ContentRule::Group {
                        fields: #fields,
                        members: &[#(#members),*],
                        required: #required,
                        repeated: #repeated,
                        within: #w,
                    }))
                }
                // Emitted after the others, so that a group restarting an occurrence resets
                // the counts inside it before they count.
                RuleCode::MaxOccurs { .. } => None,
            })
            .collect();
        let emitted: Vec<TokenStream> = emitted
            .into_iter()
            .chain(rules.iter().filter_map(|rule| {
                let RuleCode::MaxOccurs {
                    span: (start, end),
                    alternatives,
                    max,
                } = rule
                else {
                    return None;
                };
                let repeats = repeats
                    .iter()
                    .filter(|i| (*start..*end).contains(*i))
                    .map(|i| proc_macro2::Literal::usize_unsuffixed(*i));
                let fields = span((*start, *end));
                let alternatives = alternatives.iter().map(|a| span(*a));
                let max = proc_macro2::Literal::usize_unsuffixed(*max);
                Some(quote!(ContentRule::MaxOccurs {
                    fields: #fields,
                    alternatives: &[#(#alternatives),*],
                    repeats: &[#(#repeats),*],
                    max: #max,
                }))
            }))
            .collect();
        if emitted.is_empty() {
            return None;
        }
        self.use_runtime("ContentRule");
        Some(quote!(
            const RULES: &'static [ContentRule] = &[#(#emitted),*];
        ))
    }

    /// True when a struct of `plan` reads attributes: its own, or its held bases'.
    fn has_attributes(&self, plan: &StructPlan) -> bool {
        self.plan.types.held_chain(&plan.name).any(|s| {
            s.fields
                .iter()
                .any(|f| matches!(f.kind, FieldKind::Attribute | FieldKind::AnyAttributes))
        })
    }

    /// `read_attributes`: the declared attributes, and those an `xs:anyAttribute` keeps (a
    /// derived struct holding its base's value, which adds no attributes, has the base read
    /// them).
    fn read_attributes(&self, plan: &StructPlan) -> Option<TokenStream> {
        if let Some(base) = plan.held_base() {
            let ident = self.field_ident(&base.rust_name);
            return self.has_attributes(plan).then(|| {
                quote! {
                    fn read_attributes(&mut self, r: &XmlReader<'_>, e: &Element<'_>) -> Result<(), DecodeError> {
                        self.#ident.read_attributes(r, e)
                    }
                }
            });
        }
        let target = quote!(self);
        let declared: Vec<&FieldPlan> = plan
            .fields
            .iter()
            .filter(|f| f.kind == FieldKind::Attribute)
            .collect();
        let mut reads: Vec<TokenStream> = declared
            .iter()
            .map(|f| self.read_attribute(f, &target))
            .collect();
        if let Some(other) = plan
            .fields
            .iter()
            .find(|f| f.kind == FieldKind::AnyAttributes)
        {
            let ident = self.field_ident(&other.rust_name);
            let names = declared.iter().map(|f| {
                let (namespace, local) = (&f.wire.namespace, &f.wire.local);
                quote!((#namespace, #local))
            });
            reads.push(quote! {
                self.#ident = e.undeclared_attributes(r, &[#(#names),*])?;
            });
        }
        (!reads.is_empty()).then(|| {
            quote! {
                fn read_attributes(&mut self, r: &XmlReader<'_>, e: &Element<'_>) -> Result<(), DecodeError> {
                    #(#reads)*
                    Ok(())
                }
            }
        })
    }

    /// The write statements of `fields` at `place`, adding their table entries and reads.
    fn content(
        &self,
        fields: &[FieldPlan],
        place: &Place,
        code: &mut ContentCode,
    ) -> Vec<TokenStream> {
        let mut writes = Vec::new();
        for f in fields {
            let ident = self.field_ident(&f.rust_name);
            let (slot, value) = (&place.slot, &place.value);
            match f.kind {
                FieldKind::Attribute
                | FieldKind::Text
                | FieldKind::AnyAttributes
                | FieldKind::Mixed => {}
                FieldKind::Element => {
                    if f.occurs == Occurs::Many {
                        code.repeats.push(code.table.len());
                    }
                    let i = self.table_entry(code, self.element_def(f, place));
                    if place.optional && f.required {
                        if let Some(RuleCode::Group { members, .. }) =
                            place.rule.and_then(|k| code.rules.get_mut(k))
                        {
                            members.push(code.table.len() - 1);
                        }
                    }
                    let codec = self.field_codec(f);
                    let reader = format_ident!("{}", field_reader(f.occurs));
                    code.reads
                        .push(Read::Call(quote!(r.#reader(e, &mut #slot.#ident, &#codec))));
                    let writer = format_ident!("{}", field_writer(f.occurs));
                    writes.push(quote!(w.#writer(&f[#i], &#value.#ident, &#codec);));
                }
                FieldKind::Any => {
                    let matches = wildcard_condition(f.wildcard.as_ref(), None);
                    self.use_runtime("XmlElement");
                    code.others.push(match f.occurs {
                        Occurs::One => quote! {
                            if #matches {
                                #slot.#ident = XmlElement::read(r, e)?;
                                return Ok(true);
                            }
                        },
                        Occurs::Optional => {
                            let free = quote!(#slot.#ident.is_none());
                            let condition = wildcard_condition(f.wildcard.as_ref(), Some(free));
                            quote! {
                                if #condition {
                                    #slot.#ident = Some(XmlElement::read(r, e)?);
                                    return Ok(true);
                                }
                            }
                        }
                        Occurs::Many => quote! {
                            if #matches {
                                r.count_item(e)?;
                                #slot.#ident.push(XmlElement::read(r, e)?);
                                return Ok(true);
                            }
                        },
                    });
                    writes.push(match f.occurs {
                        Occurs::One => quote!(#value.#ident.write(w)?;),
                        Occurs::Optional => quote! {
                            if let Some(element) = &#value.#ident {
                                element.write(w)?;
                            }
                        },
                        Occurs::Many => quote! {
                            for element in &#value.#ident {
                                element.write(w)?;
                            }
                        },
                    });
                }
                FieldKind::Group => writes.push(self.group(f, place, code)),
                FieldKind::Choice => writes.push(self.choice(f, place, code)),
                FieldKind::Base => writes.push(self.base_content(f, code)),
                // Beside the envelope: written into a MIME part, read by `read_attachments`
                // (an element naming the part by `href`, as Axis 1 writes one, is noted first).
                FieldKind::Attachment => {
                    let part = &f.wire.local;
                    writes.push(quote!(w.attachment_part(#part, &#value.#ident);));
                    code.others.push(quote! {
                        if r.attachment_reference(e, #part)? {
                            return Ok(true);
                        }
                    });
                }
            }
        }
        writes
    }

    /// `ATTACHMENTS` and `read_attachments`, for a message struct with attachment fields:
    /// each read from the MIME part its message part names.
    fn read_attachments(&self, plan: &StructPlan) -> Option<TokenStream> {
        let reads: Vec<TokenStream> = plan
            .fields
            .iter()
            .filter(|f| f.kind == FieldKind::Attachment)
            .map(|f| {
                let ident = self.field_ident(&f.rust_name);
                let part = &f.wire.local;
                quote!(self.#ident = r.attachment_part(#part)?;)
            })
            .collect();
        (!reads.is_empty()).then(|| {
            quote! {
                const ATTACHMENTS: bool = true;
                fn read_attachments(&mut self, r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
                    #(#reads)*
                    Ok(())
                }
            }
        })
    }

    /// The base value's part of a derived struct's content, which comes first: the base's
    /// table entries and rules at the same indexes, read by the base's own `read_field` (and
    /// its `read_other`), and one write of the base's attributes and elements.
    fn base_content(&self, f: &FieldPlan, code: &mut ContentCode) -> TokenStream {
        let ident = self.field_ident(&f.rust_name);
        // The base's table, rules and wildcards, as its own impl declares them.
        let mut base_code = ContentCode::default();
        if let Some(base) = self.plan.types.struct_of(&f.shape) {
            let top = Place {
                slot: quote!(self.#ident),
                value: quote!(self.#ident),
                optional: false,
                repeated: false,
                rule: None,
            };
            self.content(&base.fields, &top, &mut base_code);
        }
        // The base comes first: its indexes are the derived struct's.
        debug_assert!(code.table.is_empty() && code.rules.is_empty());
        code.inherited = Some((ident.clone(), base_code.table.len()));
        code.table = base_code.table;
        code.rules = base_code.rules;
        code.repeats = base_code.repeats;
        if !base_code.others.is_empty() {
            code.others.push(quote! {
                if self.#ident.read_other(r, e)? {
                    return Ok(true);
                }
            });
        }
        quote!(w.base(&self.#ident);)
    }

    /// Adds `def` to the table; its index as a literal.
    fn table_entry(&self, code: &mut ContentCode, def: TokenStream) -> proc_macro2::Literal {
        let i = proc_macro2::Literal::usize_unsuffixed(code.table.len());
        code.table.push(def);
        i
    }

    /// The table entry of element field `f` at `place`: never required inside an optional
    /// group, repeated inside a repeated one.
    fn element_def(&self, f: &FieldPlan, place: &Place) -> TokenStream {
        let mut field = f.clone();
        if place.optional {
            field.required = false;
        }
        if place.repeated {
            field.occurs = Occurs::Many;
        }
        self.field_def(&field)
    }

    /// A group field: its elements fill the group value they belong to, a new one from the
    /// group's first element on.
    fn group(&self, f: &FieldPlan, place: &Place, code: &mut ContentCode) -> TokenStream {
        let Shape::Struct(name) = &f.shape else {
            return quote!();
        };
        let Some(group) = self.plan.types.structs.get(name) else {
            return quote!();
        };
        let ident = self.field_ident(&f.rust_name);
        let (slot, value) = (&place.slot, &place.value);
        code.depth += 1;
        let binding = format_ident!("group{}", code.depth);
        // A group that may be absent or repeat gets a rule, where its occurrences can be told
        // apart: each occurrence (from its first element, when that occurs once in it) holds its
        // required elements.
        let rule = match f.occurs {
            Occurs::One => place.rule,
            _ if place.repeated && !tracked(code, place.rule) => None,
            occurs => {
                let starts_each = group.fields.first().is_some_and(|first| {
                    first.kind == FieldKind::Element && first.occurs != Occurs::Many
                });
                code.rules.push(RuleCode::Group {
                    span: (code.table.len(), code.table.len()),
                    members: Vec::new(),
                    required: f.required && (!place.optional || place.rule.is_some()),
                    repeated: occurs == Occurs::Many && starts_each,
                    within: place.rule,
                });
                Some(code.rules.len() - 1)
            }
        };
        let group_start = code.table.len();
        // Each read re-finds the group value: the first element of the group starts a new one.
        let mut inner_writes = Vec::new();
        for (position, member) in group.fields.iter().enumerate() {
            let starts = position == 0;
            let member_slot = match f.occurs {
                Occurs::One => quote!(#slot.#ident),
                Occurs::Optional => quote!(#slot.#ident.get_or_insert_with(Default::default)),
                Occurs::Many => {
                    quote!(soap_runtime::codec::group_item(&mut #slot.#ident, #starts))
                }
            };
            let inner = Place {
                slot: member_slot,
                value: quote!(#binding),
                optional: place.optional || f.occurs != Occurs::One,
                repeated: place.repeated || f.occurs == Occurs::Many,
                rule,
            };
            inner_writes.extend(self.content(std::slice::from_ref(member), &inner, code));
        }
        if f.occurs != Occurs::One {
            if let Some(RuleCode::Group { span, .. }) = rule.and_then(|k| code.rules.get_mut(k)) {
                span.1 = code.table.len();
            }
        }
        // A bounded repetition, counted where occurrences can be told apart.
        if let (Occurs::Many, Some(max), Some(_)) = (f.occurs, f.max_occurs, rule) {
            code.rules.push(RuleCode::MaxOccurs {
                span: (group_start, code.table.len()),
                alternatives: Vec::new(),
                max,
            });
        }
        code.depth -= 1;
        match f.occurs {
            Occurs::One => quote! {
                let #binding = &#value.#ident;
                #(#inner_writes)*
            },
            Occurs::Optional => quote! {
                if let Some(#binding) = &#value.#ident {
                    #(#inner_writes)*
                }
            },
            Occurs::Many => quote! {
                for #binding in &#value.#ident {
                    #(#inner_writes)*
                }
            },
        }
    }
}

/// The `XmlReader` method a `read_field` arm calls to read an element field that occurs as
/// `occurs` into its place (or onto it, for a repeated one).
pub(super) fn field_reader(occurs: Occurs) -> &'static str {
    match occurs {
        Occurs::One => "req_into",
        Occurs::Optional => "nillable_into",
        Occurs::Many => "many",
    }
}

/// The `XmlWriter` method `write_fields` calls to write an element field that occurs as
/// `occurs`.
pub(super) fn field_writer(occurs: Occurs) -> &'static str {
    match occurs {
        Occurs::One => "req",
        Occurs::Optional => "opt",
        Occurs::Many => "many",
    }
}

/// True when `rule` (of the innermost optional or repeated group around) lies, itself or
/// through the groups it stands in, in a repeated group whose occurrences are checked one by one:
/// the elements there can be told apart by occurrence, however deep.
fn tracked(code: &ContentCode, rule: Option<usize>) -> bool {
    let mut rule = rule;
    // Each step goes to a rule pushed earlier, so the walk ends.
    while let Some(RuleCode::Group {
        repeated, within, ..
    }) = rule.and_then(|k| code.rules.get(k))
    {
        if *repeated {
            return true;
        }
        rule = *within;
    }
    false
}

/// The condition that the element `e` is one a wildcard allows, and `also` holds: no
/// namespace test for a wildcard of any namespace (`true && …` would be a lint).
fn wildcard_condition(
    constraint: Option<&NamespaceConstraint>,
    also: Option<TokenStream>,
) -> TokenStream {
    let matches = match constraint {
        None | Some(NamespaceConstraint::Any) => None,
        Some(constraint) => {
            let constraint = constraint_tokens(constraint);
            Some(quote!(soap_runtime::#constraint.matches(r.namespace_of(e).unwrap_or_default())))
        }
    };
    match (matches, also) {
        (Some(matches), Some(also)) => quote!(#matches && #also),
        (Some(condition), None) | (None, Some(condition)) => condition,
        (None, None) => quote!(true),
    }
}

/// The runtime's `NamespaceConstraint` of `constraint` (to be prefixed with `soap_runtime::`).
fn constraint_tokens(constraint: &NamespaceConstraint) -> TokenStream {
    match constraint {
        NamespaceConstraint::Any => quote!(NamespaceConstraint::Any),
        NamespaceConstraint::Other(target) => quote!(NamespaceConstraint::Other(#target)),
        NamespaceConstraint::List(allowed) => {
            quote!(NamespaceConstraint::List(&[#(#allowed),*]))
        }
    }
}
