//! How a shape is named in Rust: the type of its values and the codec that writes and reads
//! them (with the named codec constants a module declares).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::Context;
use super::emit_types::doc;
use super::plan::{FieldPlan, Occurs, Shape};

/// The generic nesting (`<` in the type) from which a codec constant's type is too complex for
/// clippy's `type_complexity` lint (its score, ten per type times its depth, passes 250 at
/// seven levels: `MultiDimArray<Rows<Rows<Rows<Rows<Row<Plain>>>>>>`).
const COMPLEX_CODEC_NESTING: usize = 6;

/// True for the shapes written and read by a named codec constant ([`Context::codec`]) rather
/// than by `Plain`: arrays and dictionaries, whose Rust types are not `XmlValue`s.
pub fn has_named_codec(shape: &Shape) -> bool {
    matches!(
        shape,
        Shape::Array { .. } | Shape::SoapArray { .. } | Shape::Dictionary { .. }
    )
}

/// True for the items of an array of octets (`xsd:byte`, `xsd:unsignedByte`): a SOAP-encoded
/// array of them may come as one base64 value (SOAP 1.1 section 5.2.3, and Apache Axis 1 reads
/// it so), which its codec, `SoapOctets`, reads as well as items.
fn is_octet(items: &Shape) -> bool {
    matches!(items, Shape::Builtin("i8" | "u8"))
}

impl Context<'_> {
    /// The Rust type of a value of `shape`.
    pub fn rust_type(&self, shape: &Shape) -> TokenStream {
        match shape {
            Shape::Builtin(path) => self.builtin_type(path),
            Shape::Struct(n) | Shape::Enum(n) | Shape::Flags(n) | Shape::List(n) => {
                let ident = format_ident!("{}", n);
                quote!(#ident)
            }
            Shape::Array { items, .. } => {
                let inner = self.rust_type(items);
                quote!(Vec<#inner>)
            }
            Shape::SoapArray {
                dimensions, items, ..
            } => (0..*dimensions).fold(self.rust_type(items), |inner, _| quote!(Vec<#inner>)),
            Shape::Dictionary { alias, .. } => {
                let ident = format_ident!("{}", alias);
                quote!(#ident)
            }
            Shape::Polymorphic(n) | Shape::Choice(n) => {
                let ident = format_ident!("{}", n);
                quote!(#ident)
            }
        }
    }

    /// The Rust type of `shape` as text, for documentation and `inspect`.
    pub fn type_text(&self, shape: &Shape) -> String {
        match shape {
            Shape::Builtin(path) => (*path).to_string(),
            Shape::Struct(n)
            | Shape::Enum(n)
            | Shape::Flags(n)
            | Shape::List(n)
            | Shape::Polymorphic(n)
            | Shape::Choice(n) => n.clone(),
            Shape::Array { items, .. } => format!("Vec<{}>", self.type_text(items)),
            Shape::SoapArray {
                dimensions, items, ..
            } => (0..*dimensions).fold(self.type_text(items), |inner, _| format!("Vec<{inner}>")),
            Shape::Dictionary { alias, .. } => alias.clone(),
        }
    }

    /// The Rust type of a field as text, with its occurrence wrapper.
    pub fn field_type_text(&self, field: &FieldPlan) -> String {
        let mut ty = self.type_text(&field.shape);
        if field.boxed {
            ty = format!("Box<{ty}>");
        }
        match field.occurs {
            Occurs::One => ty,
            Occurs::Optional => format!("Option<{ty}>"),
            Occurs::Many => format!("Vec<{ty}>"),
        }
    }

    /// The Rust type of the builtin `path` (a runtime type named unqualified, noted for the
    /// module's `use` line, or a Rust path as it is).
    pub(super) fn builtin_type(&self, path: &str) -> TokenStream {
        self.note_builtin(path);
        match path {
            "Vec<u8>" => quote!(Vec<u8>),
            "()" => quote!(()),
            "Vec<XmlAttribute>" => quote!(Vec<XmlAttribute>),
            "Vec<XmlNode>" => quote!(Vec<XmlNode>),
            "soap_runtime::Attachment" => quote!(soap_runtime::Attachment),
            other => {
                let ident = format_ident!("{}", other);
                quote!(#ident)
            }
        }
    }

    /// Records the runtime item the builtin type `path` names unqualified, if any.
    pub(super) fn note_builtin(&self, path: &str) {
        let item = match path {
            "XmlElement" => "XmlElement",
            "AnyValue" => "AnyValue",
            "Vec<XmlAttribute>" => "XmlAttribute",
            "Vec<XmlNode>" => "XmlNode",
            "DateTime" => "DateTime",
            "Decimal" => "Decimal",
            "Duration" => "Duration",
            "Guid" => "Guid",
            "QName" => "QName",
            _ => return,
        };
        self.use_runtime(item);
    }

    /// Records the runtime items [`Context::rust_type`] of `shape` names, without building it.
    pub(super) fn note_shape_items(&self, shape: &Shape) {
        match shape {
            Shape::Builtin(path) => self.note_builtin(path),
            Shape::Array { items, .. } | Shape::SoapArray { items, .. } => {
                self.note_shape_items(items)
            }
            _ => {}
        }
    }

    /// The codec that writes and reads a value of `shape`.
    /// Arrays and dictionaries get a named constant, shared by every field of that shape.
    pub fn codec(&self, shape: &Shape) -> TokenStream {
        let name = self.codec_name(shape);
        let ident = format_ident!("{}", name);
        quote!(#ident)
    }

    /// The name of the codec of `shape` (`Plain`, or the constant [`Context::codec`] names).
    pub(super) fn codec_name(&self, shape: &Shape) -> String {
        match shape {
            Shape::Array {
                item,
                nillable,
                items,
            } => self.named_codec_name(format!("{shape:?}"), || {
                self.use_runtime("Array");
                let name = self.name(item);
                let inner = self.codec(items);
                let doc = format!(
                    "How arrays of `{}` elements are written and read{}.",
                    item.local,
                    if *nillable {
                        " (an item may be nil)"
                    } else {
                        ""
                    }
                );
                let expr = quote!(Array::new(#name, #nillable, #inner));
                (
                    format!("ArrayOf {}", item.local),
                    doc,
                    self.codec_type(shape),
                    expr,
                )
            }),
            Shape::Dictionary {
                alias,
                pair,
                key,
                value,
                keys,
                values,
            } => self.named_codec_name(format!("{shape:?}"), || {
                self.use_runtime("Dictionary");
                let (pair_name, key, value) = (self.name(pair), self.name(key), self.name(value));
                let (keys, values) = (self.codec(keys), self.codec(values));
                let doc = format!(
                    "How a [`{alias}`] is written and read: `{}` pairs of a key and a value.",
                    pair.local
                );
                let expr = quote!(Dictionary::new(#pair_name, #key, #value, #keys, #values));
                (format!("{alias}Codec"), doc, self.codec_type(shape), expr)
            }),
            Shape::SoapArray {
                item_type,
                dimensions,
                items,
            } => self.named_codec_name(format!("{shape:?}"), || {
                let ns = self.namespace_ident(&item_type.namespace);
                let local = &item_type.local;
                let inner = self.codec(items);
                // `string[]` (an array of arrays) names `SOAP_ARRAY_OF_STRING_ARRAY`, `string[,]`
                // `SOAP_ARRAY_OF_STRING_ARRAY_2D`; a two-dimensional array of `string` is
                // `SOAP_ARRAY_2D_OF_STRING`.
                let item_words = item_type
                    .local
                    .replace("[]", " array ")
                    .split('[')
                    .map(|part| match part.find(']') {
                        Some(close) => format!(" array {}d {}", close + 1, &part[close + 1..]),
                        None => part.to_string(),
                    })
                    .collect::<String>();
                if *dimensions == 1 && is_octet(items) {
                    self.use_runtime("SoapOctets");
                    let doc = format!(
                        "How SOAP-encoded arrays of `{local}` are written (item by item) and read \
                         (item by item, or as one base64 value)."
                    );
                    let expr = quote!(SoapOctets { item_type_ns: #ns, item_type: #local });
                    (
                        format!("SoapArrayOf {item_words}"),
                        doc,
                        self.codec_type(shape),
                        expr,
                    )
                } else if *dimensions == 1 {
                    self.use_runtime("SoapArray");
                    let doc = format!("How SOAP-encoded arrays of `{local}` are written and read.");
                    let expr =
                        quote!(SoapArray { item_type_ns: #ns, item_type: #local, items: #inner });
                    (
                        format!("SoapArrayOf {item_words}"),
                        doc,
                        self.codec_type(shape),
                        expr,
                    )
                } else {
                    self.use_runtime("MultiDimArray");
                    self.use_runtime("Row");
                    self.use_runtime("Rows");
                    let mut layout = quote!(Row(#inner));
                    for _ in 1..*dimensions {
                        layout = quote!(Rows(#layout));
                    }
                    let doc = format!(
                        "How {dimensions}-dimensional SOAP-encoded arrays of `{local}` are written \
                         and read: nested `Vec`s, the members in row-major order."
                    );
                    let expr = quote!(MultiDimArray {
                        item_type_ns: #ns,
                        item_type: #local,
                        layout: #layout,
                    });
                    (
                        format!("SoapArray {dimensions}d Of {item_words}"),
                        doc,
                        self.codec_type(shape),
                        expr,
                    )
                }
            }),
            _ => {
                self.use_runtime("Plain");
                "Plain".to_string()
            }
        }
    }

    /// The type of the codec of `shape`.
    fn codec_type(&self, shape: &Shape) -> TokenStream {
        match shape {
            Shape::Array { items, .. } => {
                let inner = self.codec_type(items);
                quote!(Array<#inner>)
            }
            Shape::Dictionary { keys, values, .. } => {
                let (keys, values) = (self.codec_type(keys), self.codec_type(values));
                quote!(Dictionary<#keys, #values>)
            }
            Shape::SoapArray {
                dimensions: 1,
                items,
                ..
            } if is_octet(items) => quote!(SoapOctets),
            Shape::SoapArray {
                dimensions: 1,
                items,
                ..
            } => {
                let inner = self.codec_type(items);
                quote!(SoapArray<#inner>)
            }
            Shape::SoapArray {
                dimensions, items, ..
            } => {
                let inner = self.codec_type(items);
                let layout =
                    (1..*dimensions).fold(quote!(Row<#inner>), |layout, _| quote!(Rows<#layout>));
                quote!(MultiDimArray<#layout>)
            }
            _ => {
                self.use_runtime("Plain");
                quote!(Plain)
            }
        }
    }

    /// The codec constants named so far by [`Context::codec`].
    pub fn emit_codecs(&self) -> TokenStream {
        let codecs = self.take_codecs().into_iter().map(|c| {
            let ident = format_ident!("{}", c.name);
            let doc = doc(&c.doc);
            let (ty, expr) = (c.ty, c.expr);
            // clippy's `type_complexity` scores a type by its nesting and refuses about seven
            // levels: the codec of a five-dimensional SOAP array (or of arrays of arrays as
            // deep) is that type, spelled out as a constant's type must be.
            let allow = (ty.to_string().matches('<').count() >= COMPLEX_CODEC_NESTING)
                .then(|| quote!(#[allow(clippy::type_complexity)]));
            quote! { #doc #allow pub const #ident: #ty = #expr; }
        });
        quote! { #(#codecs)* }
    }

    pub(super) fn field_codec(&self, field: &FieldPlan) -> TokenStream {
        if let Some(default) = &field.default {
            self.use_runtime("Defaulted");
            return quote!(Defaulted(#default));
        }
        let mut codec = self.codec(&field.shape);
        if field.boxed {
            self.use_runtime("Boxed");
            codec = quote!(Boxed(#codec));
        }
        if let Some(ty) = &field.xsi_type {
            self.use_runtime("Typed");
            let ns = self.namespace_ident(&ty.namespace);
            let local = &ty.local;
            codec = quote!(Typed { ns: #ns, local: #local, inner: #codec });
        }
        codec
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
}
