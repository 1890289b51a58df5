//! The reading and writing code of a choice field: each alternative's elements select its
//! variant (see the parent module for the table, slots and rules it adds to).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::context::Context;
use super::super::plan::{AlternativeKind, FieldPlan, Occurs, Shape};
use super::{constraint_tokens, tracked, ContentCode, Place, Read, RuleCode};

impl Context<'_> {
    /// A choice field: each alternative's elements select its variant.
    pub(super) fn choice(
        &self,
        f: &FieldPlan,
        place: &Place,
        code: &mut ContentCode,
    ) -> TokenStream {
        let Some(choice) = self.choice_of(f) else {
            return quote!();
        };
        let ident = self.field_ident(&f.rust_name);
        let (slot, value) = (&place.slot, &place.value);
        let enum_ident = format_ident!("{}", choice.name);
        let repeated = f.occurs == Occurs::Many || place.repeated;
        let single_one = choice.alternatives.len() == 1 && f.occurs == Occurs::One;
        // Where occurrences can be told apart (outside repeated groups, or in one whose
        // occurrences are checked one by one, however deep), the choice gets a rule over each
        // alternative's span of table entries.
        let rule = (!place.repeated || tracked(code, place.rule)).then(|| {
            code.rules.push(RuleCode::Choice {
                alternatives: Vec::new(),
                required: f.required && (!place.optional || place.rule.is_some()),
                exclusive: f.occurs != Occurs::Many,
                within: place.rule,
            });
            code.rules.len() - 1
        });
        // A required choice may still be empty when an alternative is: a group without
        // required elements, or an `xs:any` (read beside the table, so not seen by the rule).
        let mut may_be_empty = false;
        let mut arms = Vec::new();
        for alternative in &choice.alternatives {
            let alternative_start = code.table.len();
            let variant = format_ident!("{}", alternative.variant);
            let codec = self.alternative_codec(alternative);
            // The value of this variant, as the slot of the field holds it.
            let select = |fresh: TokenStream,
                          always_new: bool,
                          unreachable: TokenStream|
             -> TokenStream {
                // A group's first element (or a wildcard's element) starts a new value; the
                // others continue the value of their variant.
                let (choose, current) = match f.occurs {
                    Occurs::One => (
                        quote!(#slot.#ident = #enum_ident::#variant(#fresh);),
                        quote!(matches!(#slot.#ident, #enum_ident::#variant(_))),
                    ),
                    Occurs::Optional => (
                        quote!(#slot.#ident = Some(#enum_ident::#variant(#fresh));),
                        quote!(matches!(#slot.#ident, Some(#enum_ident::#variant(_)))),
                    ),
                    Occurs::Many => (
                        quote! {
                            r.count_item(e)?;
                            #slot.#ident.push(#enum_ident::#variant(#fresh));
                        },
                        quote!(matches!(#slot.#ident.last(), Some(#enum_ident::#variant(_)))),
                    ),
                };
                let choose = if always_new {
                    choose
                } else {
                    quote!(if !#current { #choose })
                };
                let chosen = match f.occurs {
                    Occurs::One => quote!(let #enum_ident::#variant(chosen) = &mut #slot.#ident),
                    Occurs::Optional => {
                        quote!(let Some(#enum_ident::#variant(chosen)) = &mut #slot.#ident)
                    }
                    Occurs::Many => {
                        quote!(let Some(#enum_ident::#variant(chosen)) = #slot.#ident.last_mut())
                    }
                };
                if single_one {
                    // The only variant: the pattern always matches.
                    let _ = unreachable;
                    return quote! {
                        #choose
                        #chosen;
                    };
                }
                quote! {
                    #choose
                    #chosen else {
                        // Unreachable: the variant was just chosen.
                        return #unreachable;
                    };
                }
            };
            match &alternative.kind {
                AlternativeKind::Element => {
                    let wire = self.name_args(&alternative.wire);
                    let mut def = if repeated || alternative.repeated {
                        quote!(Field::repeated(#wire))
                    } else {
                        quote!(Field::optional(#wire))
                    };
                    if alternative.nillable {
                        def = quote!(#def.nillable());
                    }
                    if alternative.repeated {
                        code.repeats.push(code.table.len());
                    }
                    let i = self.table_entry(code, def);
                    let read_value = if alternative.nillable {
                        quote!(r.nillable(e, &#codec)?)
                    } else {
                        quote!(r.req(e, &#codec)?)
                    };
                    if alternative.repeated {
                        let selected = select(quote!(Vec::new()), false, quote!(Ok(())));
                        code.reads.push(Read::Statements(quote! {
                            #selected
                            r.many(e, chosen, &#codec)?;
                        }));
                        arms.push((
                            quote!(#enum_ident::#variant(values)),
                            quote!(w.many(&f[#i], values, &#codec)),
                        ));
                    } else {
                        code.reads.push(Read::Statements(match f.occurs {
                            Occurs::One => {
                                quote!(#slot.#ident = #enum_ident::#variant(#read_value);)
                            }
                            Occurs::Optional => {
                                quote!(#slot.#ident = Some(#enum_ident::#variant(#read_value));)
                            }
                            Occurs::Many => quote! {
                                r.count_item(e)?;
                                #slot.#ident.push(#enum_ident::#variant(#read_value));
                            },
                        }));
                        arms.push((
                            quote!(#enum_ident::#variant(value)),
                            if alternative.nillable {
                                quote!(w.nillable(f[#i].name, value, &#codec)?)
                            } else {
                                quote!(w.req(&f[#i], value, &#codec))
                            },
                        ));
                    }
                }
                AlternativeKind::Any(constraint) => {
                    // An entry of the table without a name, which takes the elements no named
                    // entry matches and the wildcard allows: the choice's rule sees them.
                    self.use_runtime("XmlElement");
                    let constraint = constraint_tokens(constraint);
                    let def = if repeated {
                        quote!(Field::any(soap_runtime::#constraint).many())
                    } else {
                        quote!(Field::any(soap_runtime::#constraint))
                    };
                    self.table_entry(code, def);
                    let selected = select(quote!(XmlElement::read(r, e)?), true, quote!(Ok(())));
                    code.reads.push(Read::Statements(quote! {
                        #selected
                        let _ = chosen;
                    }));
                    arms.push((
                        quote!(#enum_ident::#variant(element)),
                        quote!(element.write(w)?),
                    ));
                }
                AlternativeKind::Group => {
                    let Shape::Struct(name) = &alternative.shape else {
                        may_be_empty = true;
                        continue;
                    };
                    let Some(group) = self.plan.types.structs.get(name) else {
                        may_be_empty = true;
                        continue;
                    };
                    code.depth += 1;
                    let binding = format_ident!("group{}", code.depth);
                    // Once chosen, the group holds its required elements.
                    let group_rule = rule.map(|_| {
                        code.rules.push(RuleCode::Group {
                            span: (alternative_start, alternative_start),
                            members: Vec::new(),
                            required: false,
                            repeated: false,
                            within: None,
                        });
                        code.rules.len() - 1
                    });
                    let mut inner_writes = Vec::new();
                    for (position, member) in group.fields.iter().enumerate() {
                        let before = code.reads.len();
                        let inner = Place {
                            slot: quote!(chosen),
                            value: quote!(#binding),
                            optional: true,
                            repeated,
                            rule: group_rule,
                        };
                        inner_writes.extend(self.content(
                            std::slice::from_ref(member),
                            &inner,
                            code,
                        ));
                        // Prefix each new read with the selection of this variant.
                        let selected =
                            select(quote!(Default::default()), position == 0, quote!(Ok(())));
                        for read in &mut code.reads[before..] {
                            let statements = read.statements();
                            *read = Read::Statements(quote!(#selected #statements));
                        }
                    }
                    code.depth -= 1;
                    match group_rule.and_then(|k| code.rules.get_mut(k)) {
                        Some(RuleCode::Group { span, members, .. }) => {
                            span.1 = code.table.len();
                            may_be_empty |= members.is_empty();
                        }
                        _ => may_be_empty = true,
                    }
                    arms.push((
                        quote!(#enum_ident::#variant(#binding)),
                        quote!({ #(#inner_writes)* }),
                    ));
                }
            }
            if let Some(RuleCode::Choice { alternatives, .. }) =
                rule.and_then(|k| code.rules.get_mut(k))
            {
                alternatives.push((alternative_start, code.table.len()));
            }
        }
        if may_be_empty {
            if let Some(RuleCode::Choice { required, .. }) =
                rule.and_then(|k| code.rules.get_mut(k))
            {
                *required = false;
            }
        }
        // A bounded repetition, counted over the alternatives' spans.
        if let (Occurs::Many, Some(max), Some(RuleCode::Choice { alternatives, .. })) =
            (f.occurs, f.max_occurs, rule.and_then(|k| code.rules.get(k)))
        {
            let span = (
                alternatives.first().map_or(0, |a| a.0),
                alternatives.last().map_or(0, |a| a.1),
            );
            let alternatives = alternatives.clone();
            code.rules.push(RuleCode::MaxOccurs {
                span,
                alternatives,
                max,
            });
        }
        let (patterns, bodies): (Vec<TokenStream>, Vec<TokenStream>) = arms.into_iter().unzip();
        match f.occurs {
            Occurs::One => quote! {
                match &#value.#ident {
                    #(#patterns => #bodies,)*
                }
            },
            Occurs::Optional => quote! {
                match &#value.#ident {
                    #(Some(#patterns) => #bodies,)*
                    None => {}
                }
            },
            Occurs::Many => quote! {
                for item in &#value.#ident {
                    match item {
                        #(#patterns => #bodies,)*
                    }
                }
            },
        }
    }
}
