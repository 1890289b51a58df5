//! The `XmlValue` impl of a struct with simple content (attributes and a text) or mixed
//! content (attributes, then text and elements in document order).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::Context;
use super::plan::{FieldKind, FieldPlan, Occurs, StructPlan};

impl Context<'_> {
    /// `XmlValue` for a struct with simple content: attributes, then the text.
    pub(super) fn simple_content_impl(&self, plan: &StructPlan) -> TokenStream {
        let name = format_ident!("{}", plan.name);
        let writes = plan.fields.iter().map(|f| match f.kind {
            FieldKind::Attribute => self.write_attribute(f),
            FieldKind::AnyAttributes => {
                let ident = self.field_ident(&f.rust_name);
                quote! {
                    for attribute in &self.#ident {
                        w.any_attribute(attribute)?;
                    }
                }
            }
            _ => {
                let ident = self.field_ident(&f.rust_name);
                quote!(XmlValue::write_content(&self.#ident, w)?;)
            }
        });
        let declared: Vec<TokenStream> = plan
            .fields
            .iter()
            .filter(|f| f.kind == FieldKind::Attribute)
            .map(|f| {
                let (namespace, local) = (&f.wire.namespace, &f.wire.local);
                quote!((#namespace, #local))
            })
            .collect();
        // Fields in order: the attributes, then the text (read last, to the element's end).
        let reads = plan.fields.iter().map(|f| {
            let ident = self.field_ident(&f.rust_name);
            let namespace = &f.wire.namespace;
            let local = &f.wire.local;
            match (f.kind, f.occurs) {
                (FieldKind::Attribute, Occurs::One) if f.required => {
                    quote!(#ident: r.required_attribute(e, #namespace, #local)?)
                }
                (FieldKind::Attribute, Occurs::Optional) => {
                    quote!(#ident: r.attribute_value(e, #namespace, #local)?)
                }
                (FieldKind::Attribute, _) => {
                    let fallback = self.default_value(f).unwrap_or(quote!(Default::default()));
                    let lazy = fallback.to_string().contains('(');
                    if lazy {
                        quote!(#ident: r.attribute_value(e, #namespace, #local)?.unwrap_or_else(|| #fallback))
                    } else {
                        quote!(#ident: r.attribute_value(e, #namespace, #local)?.unwrap_or(#fallback))
                    }
                }
                (FieldKind::AnyAttributes, _) => {
                    quote!(#ident: e.undeclared_attributes(r, &[#(#declared),*])?)
                }
                _ => quote!(#ident: XmlValue::read_content(r, e)?),
            }
        });
        quote! {
            impl XmlValue for #name {
                fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
                    #(#writes)*
                    Ok(())
                }
                fn read_content(r: &mut XmlReader<'_>, e: &Element<'_>) -> Result<Self, DecodeError> {
                    Ok(Self {
                        #(#reads,)*
                    })
                }
            }
        }
    }

    /// `XmlValue` for a struct with mixed content: attributes, then text and elements in order.
    pub(super) fn mixed_content_impl(&self, plan: &StructPlan) -> TokenStream {
        let name = format_ident!("{}", plan.name);
        self.use_runtime("XmlNode");
        let attributes: Vec<&FieldPlan> = plan
            .fields
            .iter()
            .filter(|f| f.kind == FieldKind::Attribute)
            .collect();
        let writes = attributes.iter().map(|f| self.write_attribute(f));
        let target = quote!(value);
        let reads = attributes.iter().map(|f| self.read_attribute(f, &target));
        let content = plan
            .fields
            .iter()
            .find(|f| f.kind == FieldKind::Mixed)
            .map(|f| self.field_ident(&f.rust_name));
        let other = plan
            .fields
            .iter()
            .find(|f| f.kind == FieldKind::AnyAttributes)
            .map(|f| self.field_ident(&f.rust_name));
        let read_other_attributes = other.as_ref().map(|ident| {
            let names = attributes.iter().map(|f| {
                let (namespace, local) = (&f.wire.namespace, &f.wire.local);
                quote!((#namespace, #local))
            });
            quote! {
                value.#ident = e.undeclared_attributes(r, &[#(#names),*])?;
            }
        });
        // Without attributes, the element itself is not looked at.
        let unused_element = (attributes.is_empty() && other.is_none()).then(|| quote!(let _ = e;));
        let write_other_attributes = other.as_ref().map(|ident| {
            quote! {
                for attribute in &self.#ident {
                    w.any_attribute(attribute)?;
                }
            }
        });
        quote! {
            impl XmlValue for #name {
                fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
                    #(#writes)*
                    #write_other_attributes
                    XmlNode::write_all(w, &self.#content)
                }
                // The attributes' reads assign fields of a default value one by one.
                #[allow(clippy::field_reassign_with_default)]
                fn read_content(r: &mut XmlReader<'_>, e: &Element<'_>) -> Result<Self, DecodeError> {
                    let mut value = Self::default();
                    #unused_element
                    #(#reads)*
                    #read_other_attributes
                    value.#content = XmlNode::read_all(r)?;
                    Ok(value)
                }
            }
        }
    }
}
