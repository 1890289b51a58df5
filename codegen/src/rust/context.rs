//! What every emitter shares: the plan, the namespace constants, and the runtime items used.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::names::{const_name, namespace_word, Scope};
use super::service::ServicePlan;
use crate::model::QName;

/// The emitters' shared state.
pub struct Context<'p> {
    /// The plan being emitted.
    pub plan: &'p ServicePlan,
    namespace_consts: BTreeMap<String, (String, u8)>,
    used: RefCell<BTreeSet<&'static str>>,
    /// Named codecs of arrays and dictionaries, by the shape they encode.
    codecs: RefCell<BTreeMap<String, NamedCodec>>,
    /// The names of those codecs by their definition (type and value): shapes that differ
    /// only in what the codec does not see (arrays of `Entry` elements of two struct types,
    /// both `Array<Plain>`) share one constant rather than numbered copies
    /// (`ARRAY_OF_ENTRY2`).
    codecs_by_definition: RefCell<BTreeMap<String, String>>,
    /// Shapes whose codec is another shape's constant, by shape.
    codec_aliases: RefCell<BTreeMap<String, String>>,
    /// Names taken by constants (namespaces, operations, codecs).
    const_names: RefCell<Scope>,
    /// True when serde derives are emitted.
    pub serde: bool,
    /// True when the regular items are written as formatted text directly (see `text`).
    pub direct_text: bool,
    /// Type items of the plan emitted in another module (the shared module of a generation
    /// of several WSDLs) and imported from there.
    skipped: BTreeSet<String>,
}

/// A codec constant: `pub const NAME: TYPE = EXPR;` with a doc line.
pub struct NamedCodec {
    /// The constant's name.
    pub name: String,
    /// Its doc line.
    pub doc: String,
    /// Its type.
    pub ty: TokenStream,
    /// Its value.
    pub expr: TokenStream,
}

impl<'p> Context<'p> {
    /// A context for `plan`, naming a constant for each namespace of the table.
    pub fn new(plan: &'p ServicePlan, serde: bool) -> Self {
        Context::with_shared(plan, serde, &[], BTreeSet::new())
    }

    /// A context for `plan` that leaves out the type items `skipped` (emitted in another
    /// module), and names the namespace constants as if `reserved` were taken too (so that
    /// every module of a generation names them alike).
    pub fn with_shared(
        plan: &'p ServicePlan,
        serde: bool,
        reserved: &[String],
        skipped: BTreeSet<String>,
    ) -> Self {
        let mut reserved: Vec<&str> = reserved.iter().map(String::as_str).collect();
        reserved.extend(["NAMESPACES", "OPERATIONS"]);
        reserved.extend(plan.operations.iter().map(|op| op.constant.as_str()));
        let mut names = Scope::with_reserved(&reserved);
        let namespace_consts = plan
            .types
            .namespaces
            .iter()
            .enumerate()
            .map(|(index, uri)| {
                let name = names.claim(format!("{}_NS", const_name(namespace_word(uri))));
                (uri.clone(), (name, u8::try_from(index).unwrap_or(u8::MAX)))
            })
            .collect();
        Context {
            plan,
            namespace_consts,
            used: RefCell::new(BTreeSet::new()),
            codecs: RefCell::new(BTreeMap::new()),
            codecs_by_definition: RefCell::new(BTreeMap::new()),
            codec_aliases: RefCell::new(BTreeMap::new()),
            const_names: RefCell::new(names),
            serde,
            direct_text: false,
            skipped,
        }
    }

    /// True when the type item `name` is emitted in this module (not imported from another).
    pub fn emits(&self, name: &str) -> bool {
        !self.skipped.contains(name)
    }

    /// The name of the constant holding the codec identified by `key`, defined once however
    /// often it is used: the first time, `define` gives its name candidate, doc line, type and
    /// value.
    pub fn named_codec_name(
        &self,
        key: String,
        define: impl FnOnce() -> (String, String, TokenStream, TokenStream),
    ) -> String {
        if let Some(existing) = self.codecs.borrow().get(&key) {
            return existing.name.clone();
        }
        if let Some(alias) = self.codec_aliases.borrow().get(&key) {
            return alias.clone();
        }
        let (candidate, doc, ty, expr) = define();
        let definition = format!("{doc} {ty} = {expr}");
        if let Some(same) = self.codecs_by_definition.borrow().get(&definition) {
            self.codec_aliases.borrow_mut().insert(key, same.clone());
            return same.clone();
        }
        let name = self.const_names.borrow_mut().claim(const_name(&candidate));
        self.codecs_by_definition
            .borrow_mut()
            .insert(definition, name.clone());
        self.codecs.borrow_mut().insert(
            key,
            NamedCodec {
                name: name.clone(),
                doc,
                ty,
                expr,
            },
        );
        name
    }

    /// Every codec constant defined so far, in name order.
    pub fn take_codecs(&self) -> Vec<NamedCodec> {
        let mut codecs: Vec<NamedCodec> = std::mem::take(&mut *self.codecs.borrow_mut())
            .into_values()
            .collect();
        codecs.sort_by(|a, b| a.name.cmp(&b.name));
        codecs
    }

    /// Records that the output uses `soap_runtime::<item>` unqualified.
    pub fn use_runtime(&self, item: &'static str) {
        self.used.borrow_mut().insert(item);
    }

    /// The runtime items recorded with [`Context::use_runtime`].
    pub fn used_runtime_items(&self) -> Vec<&'static str> {
        self.used.borrow().iter().copied().collect()
    }

    /// `Name::new(NS_CONST, "local")` for an element name.
    pub fn name(&self, q: &QName) -> TokenStream {
        self.use_runtime("Name");
        let args = self.name_args(q);
        quote!(Name::new(#args))
    }

    /// `NS_CONST, "local"`: the arguments that name an element, for `Name::new` and the
    /// `Field` constructors.
    pub fn name_args(&self, q: &QName) -> TokenStream {
        let local = &q.local;
        let ns = self.namespace_ident(&q.namespace);
        quote!(#ns, #local)
    }

    /// The constant of `namespace` (`Ns::NONE` for no namespace).
    pub fn namespace_ident(&self, namespace: &str) -> TokenStream {
        match self.namespace_const(namespace) {
            Some(ns) => {
                let ns = format_ident!("{}", ns);
                quote!(#ns)
            }
            None => quote!(Ns::NONE),
        }
    }

    /// The name of the constant of `namespace`; `None` for no namespace (`Ns::NONE`, whose
    /// use this records).
    pub fn namespace_const(&self, namespace: &str) -> Option<&str> {
        let found = self
            .namespace_consts
            .get(namespace)
            .map(|(ns, _)| ns.as_str());
        if found.is_none() {
            self.use_runtime("Ns");
        }
        found
    }

    /// The namespace table: (constant name, index, URI) in table order.
    pub fn namespace_table(&self) -> Vec<(String, u8, String)> {
        let mut table: Vec<(String, u8, String)> = self
            .namespace_consts
            .iter()
            .map(|(uri, (name, index))| (name.clone(), *index, uri.clone()))
            .collect();
        table.sort_by_key(|(_, index, _)| *index);
        table
    }

    /// An identifier for a field or method name (raw identifiers kept raw).
    pub fn field_ident(&self, name: &str) -> Ident {
        match name.strip_prefix("r#") {
            Some(raw) => Ident::new_raw(raw, Span::call_site()),
            None => Ident::new(name, Span::call_site()),
        }
    }
}
