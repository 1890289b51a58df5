//! Emits the type items of a plan: structs, enumerations, flag sets and dictionaries.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::Context;
use super::plan::{
    DictionaryPlan, EnumPlan, FieldPlan, FlagsPlan, Occurs, Shape, StructPlan, StructSource,
};

fn doc(text: &str) -> TokenStream {
    let text = format!(" {text}");
    quote!(#[doc = #text])
}

impl Context<'_> {
    /// Every type item, in name order within each kind.
    pub fn emit_types(&self) -> TokenStream {
        let types = &self.plan.types;
        let structs = types.structs.values().map(|s| self.emit_struct(s));
        let enums = types.enums.values().map(|e| self.emit_enum(e));
        let flags = types.flags.values().map(|f| self.emit_flags(f));
        let dictionaries = types.dictionaries.values().map(|d| self.emit_dictionary(d));
        let names = types.structs.keys().map(|n| format_ident!("{}", n));
        quote! {
            #(#structs)*
            soap_runtime::xml_structs!(#(#names),*);
            #(#enums)*
            #(#flags)*
            #(#dictionaries)*
        }
    }

    /// The Rust type of a value of `shape`.
    pub fn rust_type(&self, shape: &Shape) -> TokenStream {
        match shape {
            Shape::Builtin(path) => self.builtin_type(path),
            Shape::Struct(n) | Shape::Enum(n) | Shape::Flags(n) => {
                let ident = format_ident!("{}", n);
                quote!(#ident)
            }
            Shape::Array { items, .. } => {
                let inner = self.rust_type(items);
                quote!(Vec<#inner>)
            }
            Shape::Dictionary { alias, .. } => {
                let ident = format_ident!("{}", alias);
                quote!(#ident)
            }
        }
    }

    fn builtin_type(&self, path: &str) -> TokenStream {
        match path {
            "Vec<u8>" => quote!(Vec<u8>),
            "DateTime" | "Decimal" | "Duration" | "Guid" | "QName" => {
                let item = ["DateTime", "Decimal", "Duration", "Guid", "QName"]
                    .into_iter()
                    .find(|known| *known == path)
                    .unwrap_or("DateTime");
                self.use_runtime(item);
                let ident = format_ident!("{}", item);
                quote!(#ident)
            }
            other => {
                let ident = format_ident!("{}", other);
                quote!(#ident)
            }
        }
    }

    /// The codec that writes and reads a value of `shape`.
    pub fn codec(&self, shape: &Shape) -> TokenStream {
        match shape {
            Shape::Array {
                item,
                nillable,
                items,
            } => {
                self.use_runtime("Array");
                let item = self.name(item);
                let inner = self.codec(items);
                quote!(Array::new(#item, #nillable, #inner))
            }
            Shape::Dictionary {
                pair,
                key,
                value,
                keys,
                values,
                ..
            } => {
                self.use_runtime("Dictionary");
                let (pair, key, value) = (self.name(pair), self.name(key), self.name(value));
                let (keys, values) = (self.codec(keys), self.codec(values));
                quote!(Dictionary::new(#pair, #key, #value, #keys, #values))
            }
            _ => quote!(Plain),
        }
    }

    fn field_codec(&self, field: &FieldPlan) -> TokenStream {
        let codec = self.codec(&field.shape);
        if field.boxed {
            self.use_runtime("Boxed");
            quote!(Boxed(#codec))
        } else {
            codec
        }
    }

    /// The Rust type of a field, with its occurrence wrapper.
    pub fn field_type(&self, field: &FieldPlan) -> TokenStream {
        let mut ty = self.rust_type(&field.shape);
        if field.boxed {
            ty = quote!(Box<#ty>);
        }
        match field.occurs {
            Occurs::One => ty,
            Occurs::Optional => quote!(Option<#ty>),
            Occurs::Many => quote!(Vec<#ty>),
        }
    }

    fn struct_doc(&self, plan: &StructPlan) -> String {
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
        };
        if let Some(base) = plan.bases.first() {
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
        text
    }

    fn emit_struct(&self, plan: &StructPlan) -> TokenStream {
        let name = format_ident!("{}", plan.name);
        let type_name = &plan.name;
        let struct_doc = doc(&self.struct_doc(plan));
        let fields = plan.fields.iter().map(|f| {
            let ident = self.field_ident(&f.rust_name);
            let ty = self.field_type(f);
            let mut notes = Vec::new();
            match f.occurs {
                Occurs::One => notes.push("required"),
                Occurs::Optional if f.required => {
                    notes.push("required, nillable: `None` is sent as `xsi:nil`")
                }
                Occurs::Optional => notes.push("optional: `None` is left out"),
                Occurs::Many => notes.push("repeated"),
            }
            if f.secret {
                notes.push("secret: redacted in `Debug`");
            }
            let field_doc = doc(&format!("`{}` ({}).", f.wire.local, notes.join("; ")));
            let serde = self.serde_field(f);
            quote! { #field_doc #serde pub #ident: #ty }
        });
        let table = plan.fields.iter().map(|f| self.field_def(f));
        let reads = plan.fields.iter().enumerate().map(|(i, f)| {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            let ident = self.field_ident(&f.rust_name);
            let codec = self.field_codec(f);
            match f.occurs {
                Occurs::One => quote!(#i => self.#ident = r.req(e, &#codec)?,),
                Occurs::Optional => quote!(#i => self.#ident = r.nillable(e, &#codec)?,),
                Occurs::Many => quote!(#i => r.many(e, &mut self.#ident, &#codec)?,),
            }
        });
        let writes = plan.fields.iter().enumerate().map(|(i, f)| {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            let ident = self.field_ident(&f.rust_name);
            let codec = self.field_codec(f);
            match f.occurs {
                Occurs::One => quote!(w.req(&f[#i], &self.#ident, &#codec)?;),
                Occurs::Optional => quote!(w.opt(&f[#i], &self.#ident, &#codec)?;),
                Occurs::Many => quote!(w.many(&f[#i], &self.#ident, &#codec)?;),
            }
        });
        let single_read = plan
            .fields
            .first()
            .filter(|_| plan.fields.len() == 1)
            .map(|f| {
                let ident = self.field_ident(&f.rust_name);
                let codec = self.field_codec(f);
                match f.occurs {
                    Occurs::One => quote!(self.#ident = r.req(e, &#codec)?;),
                    Occurs::Optional => quote!(self.#ident = r.nillable(e, &#codec)?;),
                    Occurs::Many => quote!(r.many(e, &mut self.#ident, &#codec)?;),
                }
            });
        let (read_body, write_body) = if plan.fields.is_empty() {
            (
                quote! {
                    let _ = (index, r, e);
                    Ok(())
                },
                quote! {
                    let _ = w;
                    Ok(())
                },
            )
        } else if let Some(read) = single_read {
            (
                quote! {
                    // The only field: `index` is always 0.
                    let _ = index;
                    #read
                    Ok(())
                },
                quote! {
                    let f = Self::FIELDS;
                    #(#writes)*
                    Ok(())
                },
            )
        } else {
            (
                quote! {
                    match index {
                        #(#reads)*
                        _ => {}
                    }
                    Ok(())
                },
                quote! {
                    let f = Self::FIELDS;
                    #(#writes)*
                    Ok(())
                },
            )
        };
        let has_secret = plan.fields.iter().any(|f| f.secret);
        let derive = if has_secret {
            quote!(#[derive(Clone, PartialEq, Default)])
        } else {
            quote!(#[derive(Debug, Clone, PartialEq, Default)])
        };
        let debug = has_secret.then(|| self.redacting_debug(plan));
        let serde = self.serde_derive(quote!(default, rename_all = "PascalCase"));
        quote! {
            #struct_doc
            #derive
            #serde
            pub struct #name {
                #(#fields,)*
            }
            #debug
            impl XmlStruct for #name {
                const TYPE_NAME: &'static str = #type_name;
                const FIELDS: &'static [Field] = &[#(#table),*];
                fn read_field(&mut self, index: usize, r: &mut XmlReader<'_>, e: &Element<'_>) -> Result<(), DecodeError> {
                    #read_body
                }
                fn write_fields(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
                    #write_body
                }
            }
        }
    }

    /// True when the output derives serde traits.
    fn plan_serde(&self) -> bool {
        self.serde
    }

    /// `#[cfg_attr(feature = "serde", derive(..), serde(crate = .., extra))]`, or nothing.
    fn serde_derive(&self, extra: TokenStream) -> Option<TokenStream> {
        self.plan_serde().then(|| {
            let extra = (!extra.is_empty()).then(|| quote!(, #extra));
            quote! {
                #[cfg_attr(feature = "serde", derive(soap_runtime::serde::Serialize, soap_runtime::serde::Deserialize), serde(crate = "soap_runtime::serde" #extra))]
            }
        })
    }

    /// The field's serde attribute: its wire name where the Rust name does not map back to it,
    /// and base64 for bytes.
    fn serde_field(&self, f: &FieldPlan) -> Option<TokenStream> {
        if !self.plan_serde() {
            return None;
        }
        let mut parts = Vec::new();
        let plain = f.rust_name.trim_start_matches("r#");
        if heck::ToUpperCamelCase::to_upper_camel_case(plain) != f.wire.local {
            let wire = &f.wire.local;
            parts.push(quote!(rename = #wire));
        }
        if f.shape == Shape::Builtin("Vec<u8>") {
            let helper = match f.occurs {
                Occurs::One => "soap_runtime::serde_support::base64",
                Occurs::Optional => "soap_runtime::serde_support::base64_option",
                Occurs::Many => "soap_runtime::serde_support::base64_vec",
            };
            parts.push(quote!(with = #helper));
        }
        (!parts.is_empty()).then(|| quote!(#[cfg_attr(feature = "serde", serde(#(#parts),*))]))
    }

    fn redacting_debug(&self, plan: &StructPlan) -> TokenStream {
        let name = format_ident!("{}", plan.name);
        let type_name = &plan.name;
        let fields = plan.fields.iter().map(|f| {
            let ident = self.field_ident(&f.rust_name);
            let label = f.rust_name.trim_start_matches("r#");
            if f.secret {
                quote!(.field(#label, &soap_runtime::secret::Redacted(&self.#ident)))
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

    fn field_def(&self, f: &FieldPlan) -> TokenStream {
        let name = self.name(&f.wire);
        let mut def = match (f.occurs, f.required) {
            (Occurs::Many, false) => quote!(Field::repeated(#name)),
            (Occurs::Many, true) => quote!(Field::repeated(#name).at_least_once()),
            (_, true) => quote!(Field::required(#name)),
            (_, false) => quote!(Field::optional(#name)),
        };
        if f.nillable {
            def = quote!(#def.nillable());
        }
        def
    }

    fn emit_enum(&self, plan: &EnumPlan) -> TokenStream {
        let name = format_ident!("{}", plan.name);
        let enum_doc = doc(&format!(
            "Enumeration `{}` in `{}`. A value this contract does not list is kept in `{}`.",
            plan.source.local, plan.source.namespace, plan.unknown_variant
        ));
        let unknown = format_ident!("{}", plan.unknown_variant);
        let variants = plan
            .variants
            .iter()
            .enumerate()
            .map(|(i, (variant, wire, numeric))| {
                let ident = format_ident!("{}", variant);
                let text = match numeric {
                    Some(n) => format!("`{wire}` (WCF value {n})."),
                    None => format!("`{wire}`."),
                };
                let variant_doc = doc(&text);
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
            .plan_serde()
            .then(|| quote!(#[cfg_attr(feature = "serde", serde(untagged))]));
        quote! {
            #enum_doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
            #serde
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
        self.use_runtime("FlagSet");
        let name = format_ident!("{}", plan.name);
        let item = self.builtin_or_ident(&plan.item);
        let flags_doc = doc(&format!(
            "List type `{}` in `{}`: a set of flags, space-separated on the wire.",
            plan.source.local, plan.source.namespace
        ));
        quote! {
            #flags_doc
            pub type #name = FlagSet<#item>;
        }
    }

    fn builtin_or_ident(&self, name: &str) -> TokenStream {
        self.builtin_type(name)
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
        quote! {
            #dictionary_doc
            pub type #name = OrderedMap<#keys, Option<#values>>;
        }
    }
}
