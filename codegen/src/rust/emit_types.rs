//! Emits the type items of a plan: structs, enumerations, flag sets, lists and dictionaries.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::Context;
use super::facet_doc::facets_sentence;
use super::names::{name_lints, NameLint};
use super::plan::{
    AlternativePlan, ChoicePlan, DictionaryPlan, EnumPlan, FieldKind, FieldPlan, FlagsPlan,
    ListPlan, Occurs, PolymorphicPlan, PolymorphicVariant, Shape, StructPlan, StructSource,
};
use super::rustdoc::documented;
use super::text::Part;
use crate::model::QName;

mod serde;

/// The integer literal for `text` if it is a valid value of the Rust integer type `ty`.
fn integer_literal(ty: &str, text: &str) -> Option<proc_macro2::Literal> {
    let value = text
        .strip_prefix('+')
        .unwrap_or(text)
        .parse::<i128>()
        .ok()?;
    let (min, max): (i128, i128) = match ty {
        "i8" => (i8::MIN.into(), i8::MAX.into()),
        "i16" => (i16::MIN.into(), i16::MAX.into()),
        "i32" => (i32::MIN.into(), i32::MAX.into()),
        "i64" => (i64::MIN.into(), i64::MAX.into()),
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "u64" => (0, u64::MAX.into()),
        _ => return None,
    };
    (min..=max)
        .contains(&value)
        .then(|| proc_macro2::Literal::i128_unsuffixed(value))
}

pub(super) fn doc(text: &str) -> TokenStream {
    let text = format!(" {text}");
    quote!(#[doc = #text])
}

impl Context<'_> {
    /// Every type item, in name order within each kind, passed to `sink` one type (with its
    /// impls) at a time: as text where the text writer is sure of it, else as tokens.
    pub fn emit_types(&self, mut sink: impl FnMut(Part)) {
        let types = &self.plan.types;
        let emitted = |name: &String| self.emits(name);
        let structs: Vec<_> = types
            .structs
            .values()
            .filter(|s| emitted(&s.name))
            .collect();
        for s in &structs {
            sink(match self.struct_text(s) {
                Some(text) => Part::Text(text),
                None => Part::Tokens(self.emit_struct(s)),
            });
        }
        let names = structs
            .iter()
            .filter(|s| !s.simple_content && !s.is_group() && !is_mixed(s))
            .map(|s| format_ident!("{}", s.name));
        sink(Part::Tokens(
            quote! { soap_runtime::xml_structs!(#(#names),*); },
        ));
        for c in types.choices.values().filter(|c| emitted(&c.name)) {
            sink(Part::Tokens(self.emit_choice(c)));
        }
        for p in types.polymorphic.values().filter(|p| emitted(&p.name)) {
            sink(match self.polymorphic_text(p) {
                Some(text) => Part::Text(text),
                None => Part::Tokens(self.emit_polymorphic(p)),
            });
            if let Some(deref) = self.polymorphic_deref(p) {
                sink(Part::Tokens(deref));
            }
        }
        for e in types.enums.values().filter(|e| emitted(&e.name)) {
            sink(match self.enum_text(e) {
                Some(text) => Part::Text(text),
                None => Part::Tokens(self.emit_enum(e)),
            });
        }
        for f in types.flags.values().filter(|f| emitted(&f.name)) {
            sink(Part::Tokens(self.emit_flags(f)));
        }
        for l in types.lists.values().filter(|l| emitted(&l.name)) {
            sink(Part::Tokens(self.emit_list(l)));
        }
        for d in types.dictionaries.values().filter(|d| emitted(&d.name)) {
            sink(Part::Tokens(self.emit_dictionary(d)));
        }
    }

    pub(super) fn struct_doc(&self, plan: &StructPlan) -> String {
        let mut text = match &plan.source {
            StructSource::Type(q) => format!("Complex type `{}` in `{}`.", q.local, q.namespace),
            StructSource::Element(q) => format!("Element `{}` in `{}`.", q.local, q.namespace),
            StructSource::Local(q) if q.namespace.is_empty() => match plan.name.as_str() {
                "RequestHeaders" => "The SOAP headers a request may carry.".to_string(),
                "ResponseHeaders" => "The SOAP headers a response may carry.".to_string(),
                _ => format!("The anonymous type of element `{}`.", q.local),
            },
            StructSource::Local(q) => format!(
                "The anonymous type of element `{}` in `{}`.",
                q.local, q.namespace
            ),
            StructSource::Parts(message) => format!(
                "The parts of message `{message}`, each a child of the SOAP Body (no wrapper element)."
            ),
            StructSource::Group(parent) => format!(
                "A group of elements inside [`{parent}`] that is optional or repeats as a whole."
            ),
        };
        if let Some(base) = plan.bases.first() {
            if let Some(held) = plan.held_base() {
                let field = held.rust_name.trim_start_matches("r#");
                text.push_str(&format!(
                    " Extends `{}`: its value is [`{field}`](Self::{field}), whose fields this \
                     struct reaches through `Deref`; they come first on the wire.",
                    base.local,
                ));
            } else {
                let chain: Vec<String> = plan
                    .bases
                    .iter()
                    .map(|b| format!("`{}`", b.local))
                    .collect();
                text.push_str(&format!(
                    " Extends `{}`; the inherited fields ({}) come first, as on the wire.",
                    base.local,
                    chain.join(" → ")
                ));
            }
        }
        text
    }

    pub(super) fn field_doc(&self, f: &FieldPlan) -> String {
        let mut notes = Vec::new();
        let default_note;
        match (f.kind, f.occurs) {
            (FieldKind::Text, _) => notes.push("the element's text"),
            (FieldKind::AnyAttributes, _) => notes.push("kept as read, written back"),
            (FieldKind::Mixed, _) => notes.push("text and elements in document order"),
            (FieldKind::Base, _) => notes.push("its fields are this struct's through `Deref`"),
            (FieldKind::Attribute, Occurs::One) if f.required => notes.push("required"),
            (FieldKind::Attribute, _) if f.default.is_some() => {}
            (FieldKind::Attribute, _) => notes.push("optional: `None` is left out"),
            (_, Occurs::One) if f.omissible => notes
                .push("always sent; read as its default when left out, as SOAP encoding allows"),
            (_, Occurs::One) => notes.push("required"),
            (_, Occurs::Optional) if f.required && f.nillable => {
                notes.push("required, nillable: `None` is sent as `xsi:nil`")
            }
            (_, Occurs::Optional) if f.required && f.boxed => {
                notes.push("required, but optional here: the type contains itself")
            }
            (_, Occurs::Optional) => notes.push("optional: `None` is left out"),
            (_, Occurs::Many) => notes.push("repeated"),
        }
        match f.occurs {
            Occurs::Optional if f.omissible => {
                notes.push("read as `None` when left out, as SOAP encoding allows")
            }
            Occurs::Many if f.omissible => {
                notes.push("read as empty when left out, as SOAP encoding allows")
            }
            _ => {}
        }
        if let Some(default) = &f.default {
            default_note = match f.kind {
                FieldKind::Attribute => format!("default `{default}` when absent"),
                _ => format!("an empty element means `{default}`"),
            };
            notes.push(&default_note);
        }
        if f.secret {
            notes.push("secret: redacted in `Debug`");
        }
        let what = match f.kind {
            FieldKind::Attribute => format!("Attribute `{}`", f.wire.local),
            FieldKind::Text => "Text".to_string(),
            FieldKind::Choice => {
                let alternatives = match &f.shape {
                    Shape::Choice(name) => self
                        .plan
                        .types
                        .choices
                        .get(name)
                        .map(|c| {
                            c.alternatives
                                .iter()
                                .map(|a| format!("`{}`", a.wire.local))
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                format!("One of {alternatives}")
            }
            FieldKind::Element => format!("`{}`", f.wire.local),
            FieldKind::Any => "Elements the schema leaves open (`xs:any`), as raw XML".to_string(),
            FieldKind::AnyAttributes => {
                "Attributes the schema leaves open (`xs:anyAttribute`)".to_string()
            }
            FieldKind::Mixed => "Mixed content".to_string(),
            FieldKind::Group => format!("The group of elements starting at `{}`", f.wire.local),
            FieldKind::Base => format!("The inherited content of `{}`", f.wire.local),
            FieldKind::Attachment => format!(
                "The attachment `{}`, a MIME part beside the envelope",
                f.wire.local
            ),
        };
        let described = format!("{what} ({}).", notes.join("; "));
        match f.facets.as_deref().and_then(facets_sentence) {
            Some(facets) => format!("{described} {facets}"),
            None => described,
        }
    }

    /// The codec of a choice alternative.
    pub(super) fn alternative_codec(&self, alternative: &AlternativePlan) -> TokenStream {
        let codec = self.codec(&alternative.shape);
        if alternative.boxed {
            self.use_runtime("Boxed");
            quote!(Boxed(#codec))
        } else {
            codec
        }
    }

    /// The choice enum of a choice field.
    pub(super) fn choice_of(&self, field: &FieldPlan) -> Option<&ChoicePlan> {
        match &field.shape {
            Shape::Choice(name) => self.plan.types.choices.get(name),
            _ => None,
        }
    }

    /// How an attribute field is read in `read_attributes` (or a simple-content decoder).
    pub(super) fn read_attribute(&self, f: &FieldPlan, target: &TokenStream) -> TokenStream {
        let ident = self.field_ident(&f.rust_name);
        let namespace = &f.wire.namespace;
        let local = &f.wire.local;
        match f.occurs {
            Occurs::One if f.required => {
                quote!(#target.#ident = r.required_attribute(e, #namespace, #local)?;)
            }
            Occurs::Optional => quote!(#target.#ident = r.attribute_value(e, #namespace, #local)?;),
            _ => quote! {
                if let Some(found) = r.attribute_value(e, #namespace, #local)? {
                    #target.#ident = found;
                }
            },
        }
    }

    /// How an attribute field is written.
    pub(super) fn write_attribute(&self, f: &FieldPlan) -> TokenStream {
        let ident = self.field_ident(&f.rust_name);
        let name = self.name(&f.wire);
        match f.occurs {
            Occurs::Optional => quote! {
                if let Some(value) = &self.#ident {
                    w.attribute(#name, value)?;
                }
            },
            _ => quote!(w.attribute(#name, &self.#ident)?;),
        }
    }

    /// True when the schema's default of `f` is what `Default` gives anyway (`0`, `false`, the
    /// empty string, the first variant).
    fn is_trivial_default(&self, f: &FieldPlan) -> bool {
        let Some(text) = f.default.as_deref() else {
            return true;
        };
        let trimmed = text.trim();
        match &f.shape {
            Shape::Builtin("String") => text.is_empty(),
            Shape::Builtin("bool") => matches!(trimmed, "false" | "0"),
            Shape::Builtin("i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64") => trimmed
                .trim_start_matches(['+', '-'])
                .trim_start_matches('0')
                .is_empty(),
            Shape::Builtin("f32" | "f64") => trimmed.parse::<f64>().is_ok_and(|v| v == 0.0),
            Shape::Enum(name) => self
                .plan
                .types
                .enums
                .get(name)
                .and_then(|e| e.variants.first())
                .is_some_and(|(_, wire, _)| wire == trimmed),
            _ => false,
        }
    }

    /// The value a field starts with in `Default`, when the schema gives one.
    pub(super) fn default_value(&self, f: &FieldPlan) -> Option<TokenStream> {
        let text = f.default.as_deref()?;
        if f.occurs != Occurs::One {
            return None;
        }
        let parse = || {
            self.use_runtime("SimpleValue");
            let ty = self.rust_type(&f.shape);
            quote!(<#ty as SimpleValue>::parse_text(#text).unwrap_or_default())
        };
        let trimmed = text.trim();
        let value = match &f.shape {
            Shape::Builtin("String") => quote!(String::from(#text)),
            Shape::Builtin("bool") => match trimmed {
                "true" | "1" => quote!(true),
                "false" | "0" => quote!(false),
                _ => parse(),
            },
            Shape::Builtin(int @ ("i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64")) => {
                match integer_literal(int, trimmed) {
                    Some(literal) => quote!(#literal),
                    None => parse(),
                }
            }
            Shape::Builtin(float @ ("f32" | "f64")) => match trimmed.parse::<f64>() {
                Ok(number) if number.is_finite() && !trimmed.contains(['e', 'E']) => {
                    let literal = if *float == "f32" {
                        proc_macro2::Literal::f32_unsuffixed(
                            trimmed.parse::<f32>().unwrap_or_default(),
                        )
                    } else {
                        proc_macro2::Literal::f64_unsuffixed(number)
                    };
                    quote!(#literal)
                }
                _ => parse(),
            },
            Shape::Enum(name) => {
                let ident = format_ident!("{}", name);
                let plan = self.plan.types.enums.get(name)?;
                match plan.variants.iter().find(|(_, wire, _)| wire == trimmed) {
                    Some((variant, _, _)) => {
                        let variant = format_ident!("{}", variant);
                        quote!(#ident::#variant)
                    }
                    None => parse(),
                }
            }
            _ => parse(),
        };
        Some(value)
    }

    fn emit_struct(&self, plan: &StructPlan) -> TokenStream {
        let name = format_ident!("{}", plan.name);
        let struct_doc = documented(plan.doc.as_deref(), &self.struct_doc(plan));
        let fields = plan.fields.iter().map(|f| {
            let ident = self.field_ident(&f.rust_name);
            let ty = self.field_type(f);
            let field_doc = documented(f.doc.as_deref(), &self.field_doc(f));
            let serde = self.serde_field(f);
            quote! { #field_doc #serde pub #ident: #ty }
        });
        let defaults: Vec<(usize, TokenStream)> = plan
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| !self.is_trivial_default(f))
            .filter_map(|(i, f)| self.default_value(f).map(|v| (i, v)))
            .collect();
        let has_secret = plan.fields.iter().any(|f| f.secret);
        let derives = struct_derives(has_secret, !defaults.is_empty())
            .iter()
            .map(|d| format_ident!("{}", d));
        let derive = quote!(#[derive(#(#derives),*)]);
        let debug = has_secret.then(|| self.redacting_debug(plan));
        let default_impl = (!defaults.is_empty()).then(|| {
            let values = plan.fields.iter().enumerate().map(|(i, f)| {
                let ident = self.field_ident(&f.rust_name);
                match defaults.iter().find(|(index, _)| *index == i) {
                    Some((_, value)) => quote!(#ident: #value),
                    None => quote!(#ident: Default::default()),
                }
            });
            quote! {
                impl Default for #name {
                    fn default() -> Self {
                        Self { #(#values,)* }
                    }
                }
            }
        });
        let serde = self.serde_derive(quote!(default, rename_all = "PascalCase"));
        let codec = if plan.is_group() {
            // Read and written by the struct that holds the group.
            quote!()
        } else if plan.simple_content {
            self.simple_content_impl(plan)
        } else if is_mixed(plan) {
            self.mixed_content_impl(plan)
        } else {
            self.xml_struct_impl(plan)
        };
        let deref = plan.held_base().map(|base| self.base_deref(&name, base));
        let acronyms = name_allows(&plan.name, &[]);
        quote! {
            #struct_doc
            #derive
            #serde
            #acronyms
            pub struct #name {
                #(#fields,)*
            }
            #default_impl
            #debug
            #deref
            #codec
        }
    }

    /// `Deref` and `DerefMut` to the base value a derived struct holds: its inherited fields
    /// read and assigned as the struct's own, as a derived class's are.
    fn base_deref(&self, name: &proc_macro2::Ident, base: &FieldPlan) -> TokenStream {
        let ident = self.field_ident(&base.rust_name);
        let target = self.rust_type(&base.shape);
        quote! {
            impl std::ops::Deref for #name {
                type Target = #target;
                fn deref(&self) -> &#target {
                    &self.#ident
                }
            }
            impl std::ops::DerefMut for #name {
                fn deref_mut(&mut self) -> &mut #target {
                    &mut self.#ident
                }
            }
        }
    }

    fn redacting_debug(&self, plan: &StructPlan) -> TokenStream {
        let name = format_ident!("{}", plan.name);
        let type_name = &plan.name;
        let fields = plan.fields.iter().map(|f| {
            let ident = self.field_ident(&f.rust_name);
            let label = f.rust_name.trim_start_matches("r#");
            if f.secret && f.occurs == Occurs::Optional && !f.boxed {
                quote!(.field(#label, &soap_runtime::secret::Redacted(&self.#ident)))
            } else if f.secret {
                // Whatever the shape, nothing of the value is shown.
                quote!(.field(#label, &soap_runtime::secret::Hidden))
            } else {
                quote!(.field(#label, &self.#ident))
            }
        });
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#type_name)#(#fields)*.finish()
                }
            }
        }
    }

    pub(super) fn field_def(&self, f: &FieldPlan) -> TokenStream {
        let name = self.name_args(&f.wire);
        let form = FieldDefForm::of(f);
        let constructor = format_ident!("{}", form.constructor);
        let mut def = quote!(Field::#constructor(#name));
        for method in form.methods() {
            let method = format_ident!("{}", method);
            def = quote!(#def.#method());
        }
        def
    }

    fn emit_choice(&self, plan: &ChoicePlan) -> TokenStream {
        let name = format_ident!("{}", plan.name);
        let names: Vec<String> = plan
            .alternatives
            .iter()
            .map(|a| format!("`{}`", a.wire.local))
            .collect();
        let choice_doc = doc(&format!(
            "The `xs:choice` of [`{}`]: exactly one of the elements {}.",
            plan.parent,
            names.join(", ")
        ));
        let variants = plan.alternatives.iter().map(|a| {
            let ident = format_ident!("{}", a.variant);
            let mut ty = self.rust_type(&a.shape);
            if a.boxed {
                ty = quote!(Box<#ty>);
            }
            if a.repeated {
                ty = quote!(Vec<#ty>);
            } else if a.nillable {
                ty = quote!(Option<#ty>);
            }
            let mut text = if a.wire.namespace.is_empty() {
                format!("Element `{}`.", a.wire.local)
            } else {
                format!("Element `{}` in `{}`.", a.wire.local, a.wire.namespace)
            };
            if let Some(facets) = a.facets.as_deref().and_then(facets_sentence) {
                text = format!("{text} {facets}");
            }
            let variant_doc = documented(a.doc.as_deref(), &text);
            quote! { #variant_doc #ident(#ty) }
        });
        // The default is the first alternative that does not lead back to the enum (a boxed one
        // closes a cycle: its default could hold this enum's again, without end).
        let first = plan
            .alternatives
            .iter()
            .find(|a| !a.boxed)
            .or(plan.alternatives.first())
            .map(|a| format_ident!("{}", a.variant));
        let variant_names: Vec<&str> = plan
            .alternatives
            .iter()
            .map(|a| a.variant.as_str())
            .collect();
        let acronyms = name_allows(&plan.name, &variant_names);
        self.variant_enum(
            choice_doc,
            &name,
            variants,
            quote!(Self::#first(Default::default())),
            acronyms,
        )
    }

    /// `pub enum NAME { variants }` with the derives and serde attributes of every generated
    /// enum of values, and `Default` giving `default`.
    fn variant_enum(
        &self,
        enum_doc: TokenStream,
        name: &proc_macro2::Ident,
        variants: impl Iterator<Item = TokenStream>,
        default: TokenStream,
        acronyms: TokenStream,
    ) -> TokenStream {
        let serde = self.serde_derive(quote!());
        quote! {
            #enum_doc
            #[derive(Debug, Clone, PartialEq)]
            #serde
            #[allow(clippy::large_enum_variant)]
            #acronyms
            pub enum #name {
                #(#variants,)*
            }
            impl Default for #name {
                fn default() -> Self {
                    #default
                }
            }
        }
    }

    /// `Deref` and `DerefMut` of a polymorphic enum to its base struct, when every variant's
    /// value holds the base's (none adds attributes on the way): the fields every variant
    /// inherits, read and assigned whichever type arrived.
    pub(super) fn polymorphic_deref(&self, plan: &PolymorphicPlan) -> Option<TokenStream> {
        let base = &plan.variants.first()?.struct_name;
        let types = &self.plan.types;
        if !plan
            .variants
            .iter()
            .all(|v| types.holds(&v.struct_name, base))
        {
            return None;
        }
        let name = format_ident!("{}", plan.name);
        let target = format_ident!("{}", base);
        let variants: Vec<proc_macro2::Ident> = plan
            .variants
            .iter()
            .map(|v| format_ident!("{}", v.struct_name))
            .collect();
        Some(quote! {
            impl std::ops::Deref for #name {
                type Target = #target;
                fn deref(&self) -> &#target {
                    match self {
                        #(Self::#variants(value) => value,)*
                    }
                }
            }
            impl std::ops::DerefMut for #name {
                fn deref_mut(&mut self) -> &mut #target {
                    match self {
                        #(Self::#variants(value) => value,)*
                    }
                }
            }
        })
    }

    fn emit_polymorphic(&self, plan: &PolymorphicPlan) -> TokenStream {
        let name = format_ident!("{}", plan.name);
        let poly_doc = documented(plan.doc.as_deref(), &polymorphic_doc(plan));
        let variants = plan.variants.iter().enumerate().map(|(i, v)| {
            let ident = format_ident!("{}", v.struct_name);
            let mut ty = quote!(#ident);
            if v.boxed {
                ty = quote!(Box<#ty>);
            }
            let variant_doc = doc(&polymorphic_variant_doc(i, v));
            quote! { #variant_doc #ident(#ty) }
        });
        let froms = plan.variants.iter().map(|v| {
            let ident = format_ident!("{}", v.struct_name);
            let value = if v.boxed {
                quote!(Box::new(value))
            } else {
                quote!(value)
            };
            quote! {
                impl From<#ident> for #name {
                    fn from(value: #ident) -> Self {
                        Self::#ident(#value)
                    }
                }
            }
        });
        let writes = plan.variants.iter().enumerate().map(|(i, v)| {
            let ident = format_ident!("{}", v.struct_name);
            if i == 0 {
                return quote!(Self::#ident(value) => value.write_content(w),);
            }
            let local = &v.type_name.local;
            let ns = self.namespace_ident(&v.type_name.namespace);
            quote! {
                Self::#ident(value) => {
                    w.xsi_type(#ns, #local);
                    value.write_content(w)
                }
            }
        });
        let base_ident = plan
            .variants
            .first()
            .map(|v| format_ident!("{}", v.struct_name));
        // Each arm names the reader of its type (through the enum's `From` of it).
        self.use_runtime("read_derived");
        let reads = plan.variants.iter().skip(1).map(|v| {
            let ident = format_ident!("{}", v.struct_name);
            let namespace = &v.type_name.namespace;
            let local = &v.type_name.local;
            quote!(Some((#namespace, #local)) => read_derived::<#ident, Self>,)
        });
        // `Default` of a boxed value is a boxed default.
        let variant_names: Vec<&str> = plan
            .variants
            .iter()
            .map(|v| v.struct_name.as_str())
            .collect();
        let acronyms = name_allows(&plan.name, &variant_names);
        let enum_item = self.variant_enum(
            poly_doc,
            &name,
            variants,
            quote!(Self::#base_ident(Default::default())),
            acronyms,
        );
        quote! {
            #enum_item
            #(#froms)*
            impl XmlValue for #name {
                fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
                    match self {
                        #(#writes)*
                    }
                }
                fn read_content(r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Self, DecodeError> {
                    let derived = element.xsi_type(r);
                    let derived = derived
                        .as_ref()
                        .map(|(namespace, local)| (namespace.as_deref().unwrap_or_default(), local.as_str()));
                    // The arm of the type on the wire picks its reader, called once below: the
                    // arms hold no value, so this frame does not grow with the derived types.
                    let read: fn(&mut XmlReader<'_>, &Element<'_>) -> Result<Self, DecodeError> =
                        match derived {
                            #(#reads)*
                            _ => read_derived::<#base_ident, Self>,
                        };
                    read(r, element)
                }
            }
        }
    }

    fn emit_enum(&self, plan: &EnumPlan) -> TokenStream {
        self.use_runtime("SimpleValue");
        let name = format_ident!("{}", plan.name);
        let enum_doc = documented(plan.doc.as_deref(), &enum_doc(plan));
        let unknown = format_ident!("{}", plan.unknown_variant);
        let variants = plan
            .variants
            .iter()
            .enumerate()
            .map(|(i, (variant, wire, numeric))| {
                let ident = format_ident!("{}", variant);
                let text = enum_variant_doc(wire, *numeric);
                let value_doc = plan.variant_docs.get(i).and_then(Option::as_deref);
                let variant_doc = documented(value_doc, &text);
                let default = (i == 0).then(|| quote!(#[default]));
                quote! { #variant_doc #default #ident }
            });
        let as_str = plan.variants.iter().map(|(variant, wire, _)| {
            let ident = format_ident!("{}", variant);
            quote!(Self::#ident => #wire,)
        });
        let parse = plan.variants.iter().map(|(variant, wire, _)| {
            let ident = format_ident!("{}", variant);
            quote!(#wire => Self::#ident,)
        });
        let xsd = &plan.source.local;
        let serde = self.serde_derive(quote!());
        let untagged = self
            .serde
            .then(|| quote!(#[cfg_attr(feature = "serde", serde(untagged))]));
        let variant_names: Vec<&str> = plan
            .variants
            .iter()
            .map(|(variant, _, _)| variant.as_str())
            .chain(std::iter::once(plan.unknown_variant.as_str()))
            .collect();
        let acronyms = name_allows(&plan.name, &variant_names);
        quote! {
            #enum_doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
            #serde
            #acronyms
            pub enum #name {
                #(#variants,)*
                /// A value this contract does not list, kept as sent.
                #untagged
                #unknown(String),
            }
            impl #name {
                /// The value's text on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#as_str)*
                        Self::#unknown(other) => other,
                    }
                }
            }
            impl SimpleValue for #name {
                const XSD_TYPE: &'static str = #xsd;
                fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
                    w.text(self.as_str())
                }
                fn parse_text(text: &str) -> Result<Self, String> {
                    Ok(match text.trim() {
                        #(#parse)*
                        other => Self::#unknown(other.to_string()),
                    })
                }
            }
        }
    }

    fn emit_flags(&self, plan: &FlagsPlan) -> TokenStream {
        self.emit_list_alias(
            "FlagSet",
            &plan.name,
            &plan.item,
            &plan.source,
            plan.doc.as_deref(),
            "a set of flags",
        )
    }

    fn emit_list(&self, plan: &ListPlan) -> TokenStream {
        self.emit_list_alias(
            "SimpleList",
            &plan.name,
            plan.item,
            &plan.source,
            plan.doc.as_deref(),
            "its items in order (duplicates kept)",
        )
    }

    /// A list type `source` as `pub type name = Collection<Item>;`, `collection` being the
    /// runtime's (`FlagSet`, `SimpleList`), its doc the schema's or one saying what the items
    /// are (`what`).
    fn emit_list_alias(
        &self,
        collection: &'static str,
        name: &str,
        item: &str,
        source: &QName,
        schema_doc: Option<&str>,
        what: &str,
    ) -> TokenStream {
        self.use_runtime(collection);
        let collection = format_ident!("{collection}");
        let name = format_ident!("{name}");
        let item = self.builtin_type(item);
        let list_doc = documented(
            schema_doc,
            &format!(
                "List type `{}` in `{}`: {what}, space-separated on the wire.",
                source.local, source.namespace
            ),
        );
        let acronyms = name_allows(&name.to_string(), &[]);
        quote! {
            #list_doc
            #acronyms
            pub type #name = #collection<#item>;
        }
    }

    fn emit_dictionary(&self, plan: &DictionaryPlan) -> TokenStream {
        self.use_runtime("OrderedMap");
        let name = format_ident!("{}", plan.name);
        let keys = self.rust_type(&plan.keys);
        let values = self.rust_type(&plan.values);
        let dictionary_doc = doc(&format!(
            "Dictionary type `{}` in `{}`: key/value pairs in the order sent; a value may be nil (`None`).",
            plan.source.local, plan.source.namespace
        ));
        let acronyms = name_allows(&plan.name, &[]);
        quote! {
            #dictionary_doc
            #acronyms
            pub type #name = OrderedMap<#keys, Option<#values>>;
        }
    }
}

/// The attributes allowing the lints item `name` with `variants` meets through its names
/// ([`name_lints`]).
pub(super) fn name_allows(name: &str, variants: &[&str]) -> TokenStream {
    let lints = name_lints(name, variants)
        .into_iter()
        .map(|lint| match lint {
            NameLint::Capitals => quote!(#[allow(clippy::upper_case_acronyms)]),
            NameLint::SharedWords => quote!(#[allow(clippy::enum_variant_names)]),
        });
    quote!(#(#lints)*)
}

/// The generator's documentation of an enumeration.
pub(super) fn enum_doc(plan: &EnumPlan) -> String {
    format!(
        "Enumeration `{}` in `{}`. A value this contract does not list is kept in `{}`.",
        plan.source.local, plan.source.namespace, plan.unknown_variant
    )
}

/// The generator's documentation of an enumeration's value `wire`.
pub(super) fn enum_variant_doc(wire: &str, numeric: Option<i64>) -> String {
    match numeric {
        Some(n) => format!("`{wire}` (WCF value {n})."),
        None => format!("`{wire}`."),
    }
}

/// The generator's documentation of a polymorphic enum.
pub(super) fn polymorphic_doc(plan: &PolymorphicPlan) -> String {
    let derived: Vec<String> = plan
        .variants
        .iter()
        .skip(1)
        .map(|v| format!("`{}`", v.type_name.local))
        .collect();
    let abstract_note = if plan.is_abstract {
        " The base type is abstract: send a derived type."
    } else {
        ""
    };
    format!(
        "Complex type `{}` in `{}` or a type derived from it ({}): on the wire a derived value carries `xsi:type`.{abstract_note}",
        plan.base.local,
        plan.base.namespace,
        derived.join(", ")
    )
}

/// The documentation of the `index`th variant of a polymorphic enum (the base first).
pub(super) fn polymorphic_variant_doc(index: usize, v: &PolymorphicVariant) -> String {
    if index == 0 {
        format!("A `{}` (no `xsi:type`).", v.type_name.local)
    } else {
        format!(
            "A `{}` (`xsi:type` `{}` in `{}`).",
            v.type_name.local, v.type_name.local, v.type_name.namespace
        )
    }
}

/// The traits a struct derives: `Debug` unless a secret field asks for a redacting one,
/// `Default` unless a schema default asks for its own.
pub(super) fn struct_derives(has_secret: bool, has_defaults: bool) -> &'static [&'static str] {
    match (has_secret, has_defaults) {
        (false, false) => &["Debug", "Clone", "PartialEq", "Default"],
        (true, false) => &["Clone", "PartialEq", "Default"],
        (false, true) => &["Debug", "Clone", "PartialEq"],
        (true, true) => &["Clone", "PartialEq"],
    }
}

/// How a field's entry of an `XmlStruct` table is built: `Field::<constructor>(ns, "local")`,
/// then the builder methods.
pub(super) struct FieldDefForm {
    /// `required`, `optional` or `repeated`.
    pub constructor: &'static str,
    /// `.at_least_once()` follows.
    pub at_least_once: bool,
    /// `.nillable()` follows.
    pub nillable: bool,
    /// `.omissible()` follows.
    pub omissible: bool,
}

impl FieldDefForm {
    /// The entry of `f`.
    pub fn of(f: &FieldPlan) -> Self {
        let constructor = match (f.occurs, f.required) {
            (Occurs::Many, _) => "repeated",
            (_, true) => "required",
            (_, false) => "optional",
        };
        FieldDefForm {
            constructor,
            at_least_once: f.occurs == Occurs::Many && f.required,
            nillable: f.nillable,
            omissible: f.omissible,
        }
    }

    /// The builder methods called on the entry, in order.
    pub fn methods(&self) -> impl Iterator<Item = &'static str> {
        let at_least_once = self.at_least_once.then_some("at_least_once");
        let nillable = self.nillable.then_some("nillable");
        let omissible = self.omissible.then_some("omissible");
        at_least_once.into_iter().chain(nillable).chain(omissible)
    }
}

/// True for a struct with mixed content (text between its elements).
pub(super) fn is_mixed(plan: &StructPlan) -> bool {
    plan.fields.iter().any(|f| f.kind == FieldKind::Mixed)
}
