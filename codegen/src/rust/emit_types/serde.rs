//! The serde derives and field attributes of the type items, behind the including crate's
//! `serde` feature (`Builder::serde`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::context::Context;
use super::super::plan::{FieldKind, FieldPlan, Occurs, Shape};

impl Context<'_> {
    /// The items of the `cfg_attr` list [`Context::serde_derive`] gives, as each prints on a
    /// line of its own, for the text writer (`extra` as it prints).
    pub(in crate::rust) fn serde_derive_items(&self, extra: &str) -> Vec<String> {
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(", {extra}")
        };
        vec![
            "feature = \"serde\"".to_string(),
            "derive(soap_runtime::serde::Serialize, soap_runtime::serde::Deserialize)".to_string(),
            format!("serde(crate = \"soap_runtime::serde\"{extra})"),
        ]
    }

    /// `#[cfg_attr(feature = "serde", derive(..), serde(crate = .., extra))]`, or nothing.
    pub(super) fn serde_derive(&self, extra: TokenStream) -> Option<TokenStream> {
        self.serde.then(|| {
            let extra = (!extra.is_empty()).then(|| quote!(, #extra));
            quote! {
                #[cfg_attr(feature = "serde", derive(soap_runtime::serde::Serialize, soap_runtime::serde::Deserialize), serde(crate = "soap_runtime::serde" #extra))]
            }
        })
    }

    /// The field's serde attribute: its wire name where the Rust name does not map back to it,
    /// and base64 for bytes.
    pub(super) fn serde_field(&self, f: &FieldPlan) -> Option<TokenStream> {
        let parts = self.serde_field_parts(f);
        let parts = parts.iter().map(|(key, value)| {
            let key = format_ident!("{}", key);
            quote!(#key = #value)
        });
        let mut parts: Vec<TokenStream> = parts.collect();
        if f.kind == FieldKind::Base && self.serde {
            // The base's fields stand beside the struct's own, as on the wire.
            parts.push(quote!(flatten));
        }
        (!parts.is_empty()).then(|| quote!(#[cfg_attr(feature = "serde", serde(#(#parts),*))]))
    }

    /// The `key = "value"` settings of the field's serde attribute (none without serde): its
    /// wire name where the Rust name does not map back to it, and base64 for bytes.
    pub(in crate::rust) fn serde_field_parts(&self, f: &FieldPlan) -> Vec<(&'static str, String)> {
        let mut parts = Vec::new();
        if !self.serde {
            return parts;
        }
        let plain = f.rust_name.trim_start_matches("r#");
        if f.kind == FieldKind::Attribute {
            // Attributes are `@name` in JSON, apart from elements of the same name.
            parts.push(("rename", format!("@{}", f.wire.local)));
        } else if matches!(f.kind, FieldKind::Element | FieldKind::Attachment)
            && heck::ToUpperCamelCase::to_upper_camel_case(plain) != f.wire.local
        {
            parts.push(("rename", f.wire.local.clone()));
        }
        if f.shape == Shape::Builtin("Vec<u8>") {
            let helper = match f.occurs {
                Occurs::One => "soap_runtime::serde_support::base64",
                Occurs::Optional => "soap_runtime::serde_support::base64_option",
                Occurs::Many => "soap_runtime::serde_support::base64_vec",
            };
            parts.push(("with", helper.to_string()));
        }
        parts
    }
}
