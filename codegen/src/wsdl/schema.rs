//! Reading `xs:schema` elements (embedded in `wsdl:types` or imported) into [`Schema`].
//!
//! Two passes: [`SchemaIndex::build`] collects every global type and element of every schema
//! by qualified name (rejecting duplicates), then [`SchemaIndex::to_model`] converts them,
//! checking each type reference and resolving `ref=` elements through the index (a reference
//! names its global element, whose anonymous type is read once, with the element).
//!
//! A complex type's content is read as XML Schema's tree of particles (`particles`): sequences,
//! choices and `xs:all` with their own occurrence, `xs:group` references, elements (local or
//! `ref=`) and `xs:any`; `xs:complexContent` and `xs:simpleContent` by extension or restriction;
//! attributes, attribute groups and `xs:anyAttribute`. Simple types (`simple_types`) are
//! restrictions, lists and unions. `xs:redefine` replaces the components it redefines
//! (`redefine`). Anything else is an [`ErrorKind::Unsupported`] error rather
//! than silently dropped.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use super::docs::schema_documentation;
use super::error::{Elsewhere, ErrorKind, Location, Warning, WsdlError};
use super::xml::{
    duplicate, elements, in_ns, is, namespace_scope, schema_elements, tag, Doc, XmlNode, SER_NS,
    XSD_NS,
};
mod attributes;
mod particles;
mod redefine;
mod simple_types;
mod values;

use redefine::{Redefinable, Redefinition};
use values::{occurs, split_constraint, value_constraint};

use crate::model::{
    ComplexType, ElementDecl, Field, Particle, QName, Schema, SimpleType, TypeDef, TypeRef,
};

/// How deep anonymous types and model groups (with `xs:group ref=`s expanded) may nest.
const MAX_DEPTH: usize = 64;

/// How many anonymous types and model groups the whole schema may expand to. Each
/// `xs:group ref=` copies the group's content, so a hostile schema could otherwise grow
/// exponentially.
const MAX_ANONYMOUS: usize = 100_000;

/// The XML Schema built-in datatypes, referenced as `{XSD_NS}name` without a declaration.
const BUILTIN_TYPES: &[&str] = &[
    "anyType",
    "anySimpleType",
    "string",
    "normalizedString",
    "token",
    "language",
    "Name",
    "NCName",
    "ID",
    "IDREF",
    "IDREFS",
    "ENTITY",
    "ENTITIES",
    "NMTOKEN",
    "NMTOKENS",
    "boolean",
    "base64Binary",
    "hexBinary",
    "float",
    "double",
    "decimal",
    "integer",
    "nonPositiveInteger",
    "negativeInteger",
    "long",
    "int",
    "short",
    "byte",
    "nonNegativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
    "positiveInteger",
    "duration",
    "dateTime",
    "time",
    "date",
    "gYearMonth",
    "gYear",
    "gMonthDay",
    "gDay",
    "gMonth",
    "anyURI",
    "QName",
    "NOTATION",
];

/// What the help text says about content that XML Schema does not allow where it stands.
const UNSUPPORTED_CONTENT_HELP: &str = "XML Schema allows inside xs:complexType: \
     xs:simpleContent or xs:complexContent (each holding one xs:extension or xs:restriction), \
     or one xs:sequence, xs:choice, xs:all or xs:group, then xs:attribute, xs:attributeGroup \
     and xs:anyAttribute; xs:element, xs:any and nested groups go inside xs:sequence or \
     xs:choice (xs:all holds xs:element only)";

/// The help for an `xs:extension` or `xs:restriction` written directly in an `xs:complexType`,
/// a slip some hand-written contracts make (zeep and xmlschema refuse it too).
const DERIVATION_OUTSIDE_CONTENT_HELP: &str = "wrap it in xs:complexContent (a type with \
     element content) or xs:simpleContent (a type with text content and attributes), as XML \
     Schema requires";

/// True for a built-in XML Schema type name.
pub(crate) fn is_builtin(name: &QName) -> bool {
    name.namespace == XSD_NS && BUILTIN_TYPES.contains(&name.local.as_str())
}

/// The built-in type that a local name in the XML Schema namespace, which names none, most
/// likely misspells (`integr` → `integer`, `datetime` → `dateTime`): the nearest by edit
/// distance, ignoring case, when the distance is small against the name's length.
pub(crate) fn nearest_builtin(local: &str) -> Option<&'static str> {
    let wanted = local.to_ascii_lowercase();
    let (distance, nearest) = BUILTIN_TYPES
        .iter()
        .map(|builtin| {
            (
                strsim::levenshtein(&wanted, &builtin.to_ascii_lowercase()),
                *builtin,
            )
        })
        .min()?;
    (distance <= 2.max(wanted.len() / 4)).then_some(nearest)
}

/// The settings of one `xs:schema` element.
struct SchemaContext {
    /// The target namespace (the including schema's for a chameleon include).
    target: String,
    /// `elementFormDefault="qualified"`.
    qualified: bool,
    /// `attributeFormDefault="qualified"`.
    attributes_qualified: bool,
    /// A chameleon include: unqualified references mean the target namespace.
    chameleon: bool,
}

/// A global declaration: where it is and which schema holds it.
#[derive(Clone, Copy)]
struct Decl<'d, 's> {
    doc: &'d Doc<'s>,
    node: XmlNode<'d, 's>,
    context: usize,
}

/// Whether a declaration is a type or an element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DeclKind {
    Type,
    Element,
}

/// The other global declarations, used only through references.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RefKind {
    /// `xs:attribute`.
    Attribute,
    /// `xs:attributeGroup`.
    AttributeGroup,
    /// `xs:group` (a named model group).
    Group,
}

/// The document and schema a node is read in.
#[derive(Clone, Copy)]
struct Scope<'a, 'd, 's> {
    doc: &'d Doc<'s>,
    context: &'a SchemaContext,
}

/// Every global type and element of a document set, by qualified name.
pub(crate) struct SchemaIndex<'d, 's> {
    contexts: Vec<SchemaContext>,
    types: BTreeMap<QName, Decl<'d, 's>>,
    elements: BTreeMap<QName, Decl<'d, 's>>,
    /// Global attributes, attribute groups and model groups.
    referenced: BTreeMap<(u8, QName), Decl<'d, 's>>,
    /// Declarations in document order, so that errors come in reading order.
    order: Vec<(DeclKind, QName, Decl<'d, 's>)>,
    /// Anonymous types converted so far (see [`MAX_ANONYMOUS`]).
    anonymous: Cell<usize>,
    /// Unresolved references are read as `xs:anyType` (recorded in `unresolved`) rather than
    /// refused (`--allow-unresolved`).
    allow_unresolved: bool,
    /// The references read as `xs:anyType` so far.
    unresolved: RefCell<Vec<Unresolved>>,
    /// What was read leniently, to report (see [`SchemaIndex::take_warnings`]).
    warnings: RefCell<Vec<Warning>>,
    /// The components redefined by `xs:redefine`s (see [`redefine`]).
    redefinitions: Vec<Redefinition<'d, 's>>,
}

/// A reference that named nothing and was read as `xs:anyType` (with `allow_unresolved`).
#[derive(Debug, Clone)]
pub(crate) struct Unresolved {
    /// What kind of declaration it should name: "type", "element", "attribute", ….
    pub(crate) what: &'static str,
    /// The name it refers to.
    pub(crate) name: QName,
    /// Where.
    pub(crate) at: Location,
}

impl<'d, 's> SchemaIndex<'d, 's> {
    /// Collects the global declarations of every schema in `docs`. With `allow_unresolved`,
    /// unresolved references are read as `xs:anyType` (an attribute's as
    /// `xs:anySimpleType`, a group's as nothing) instead of refused, and
    /// [`SchemaIndex::take_unresolved`] lists them; an `xs:redefine` of a document not found
    /// redefines nothing.
    pub(crate) fn build(docs: &'d [Doc<'s>], allow_unresolved: bool) -> Result<Self, WsdlError> {
        let mut index = SchemaIndex {
            contexts: Vec::new(),
            types: BTreeMap::new(),
            elements: BTreeMap::new(),
            referenced: BTreeMap::new(),
            order: Vec::new(),
            anonymous: Cell::new(0),
            allow_unresolved,
            unresolved: RefCell::new(Vec::new()),
            warnings: RefCell::new(Vec::new()),
            redefinitions: Vec::new(),
        };
        for doc in docs {
            for schema in schema_elements(doc) {
                index.add_schema(doc, schema)?;
            }
        }
        index.apply_redefinitions()?;
        Ok(index)
    }

    /// Where each global type and element is declared.
    pub(crate) fn declarations(&self) -> super::Declarations {
        let locate = |decls: &BTreeMap<QName, Decl<'d, 's>>| {
            decls
                .iter()
                .map(|(name, decl)| (name.clone(), decl.doc.location(decl.node)))
                .collect()
        };
        super::Declarations {
            types: locate(&self.types),
            elements: locate(&self.elements),
        }
    }

    /// With `allow_unresolved` (see [`SchemaIndex::build`]): records the unresolved reference and returns
    /// true; otherwise false (the caller refuses it).
    pub(crate) fn note_unresolved(&self, what: &'static str, name: &QName, at: Location) -> bool {
        if self.allow_unresolved {
            self.unresolved.borrow_mut().push(Unresolved {
                what,
                name: name.clone(),
                at,
            });
        }
        self.allow_unresolved
    }

    /// The references read as `xs:anyType`, in reading order.
    pub(crate) fn take_unresolved(&self) -> Vec<Unresolved> {
        self.unresolved.take()
    }

    /// Records `warning` once (a type may be read more than once).
    pub(super) fn warn(&self, warning: Warning) {
        let mut warnings = self.warnings.borrow_mut();
        if !warnings
            .iter()
            .any(|w| w.location == warning.location && w.message == warning.message)
        {
            warnings.push(warning);
        }
    }

    /// What was read leniently, in reading order.
    pub(crate) fn take_warnings(&self) -> Vec<Warning> {
        self.warnings.take()
    }

    /// True when `name` is a declared or built-in type.
    pub(crate) fn has_type(&self, name: &QName) -> bool {
        is_builtin(name) || self.types.contains_key(name)
    }

    /// True when `name` is a declared global element.
    pub(crate) fn has_element(&self, name: &QName) -> bool {
        self.elements.contains_key(name)
    }

    /// What kind of type `name` is, when it is one ("complex type", "simple type" or
    /// "built-in type"): for the diagnostic of an element reference that names a type.
    pub(crate) fn type_kind(&self, name: &QName) -> Option<&'static str> {
        if is_builtin(name) {
            return Some("built-in type");
        }
        let decl = self.types.get(name)?;
        Some(if is(decl.node, XSD_NS, "complexType") {
            "complex type"
        } else {
            "simple type"
        })
    }

    /// "element" when `name` is a global element: for the diagnostic of a type reference that
    /// names one.
    pub(crate) fn element_kind(&self, name: &QName) -> Option<&'static str> {
        self.elements.contains_key(name).then_some("element")
    }

    /// A type of the same local name as `name` declared in another namespace, when there is one:
    /// for the diagnostic of a type reference whose prefix names another namespace.
    pub(crate) fn type_namespace(&self, name: &QName) -> Option<Elsewhere> {
        super::definitions::namespace_of_same_local(self.types.keys(), name)
    }

    /// An element of the same local name as `name` declared in another namespace, when there is
    /// one: for the diagnostic of an element reference whose prefix names another namespace.
    pub(crate) fn element_namespace(&self, name: &QName) -> Option<Elsewhere> {
        super::definitions::namespace_of_same_local(self.elements.keys(), name)
    }

    /// Converts every declaration into the model.
    pub(crate) fn to_model(&self) -> Result<Schema, WsdlError> {
        let schema = self.convert()?;
        self.check_extension_cycles(&schema)?;
        Ok(schema)
    }

    /// Refuses a complex type that extends itself, directly or through other types.
    fn check_extension_cycles(&self, schema: &Schema) -> Result<(), WsdlError> {
        for (name, def) in &schema.types {
            let mut chain = vec![name.clone()];
            let mut current = def;
            while let TypeDef::Complex(ComplexType {
                base: Some(base), ..
            }) = current
            {
                if chain.contains(base) {
                    let Some(decl) = self.types.get(name) else {
                        break;
                    };
                    let path: Vec<String> = chain
                        .iter()
                        .chain(std::iter::once(base))
                        .map(|q| format!("`{}`", q.local))
                        .collect();
                    return Err(decl.doc.invalid(
                        decl.node,
                        format!(
                            "the type `{}` extends itself: {}",
                            name.local,
                            path.join(" extends ")
                        ),
                        "break the cycle: a type cannot be its own base",
                    ));
                }
                chain.push(base.clone());
                match schema.types.get(base) {
                    Some(next) => current = next,
                    None => break,
                }
            }
        }
        Ok(())
    }

    /// Converts every declaration.
    fn convert(&self) -> Result<Schema, WsdlError> {
        let mut schema = Schema::default();
        for (kind, name, decl) in &self.order {
            let scope = self.scope(decl);
            match kind {
                DeclKind::Type => {
                    let mut def = if is(decl.node, XSD_NS, "complexType") {
                        TypeDef::Complex(self.complex(scope, decl.node, 0)?)
                    } else {
                        TypeDef::Simple(self.simple(scope, decl.node, 0)?)
                    };
                    if let Some(note) = self.original_note(name) {
                        note_redefined(&mut def, note);
                    }
                    schema.types.insert(name.clone(), def);
                }
                DeclKind::Element => {
                    let substitution_group =
                        match decl.doc.qname_attr(decl.node, "substitutionGroup")? {
                            Some((head, raw)) => {
                                let head = adopt(scope, head);
                                if !self.elements.contains_key(&head) {
                                    return Err(decl.doc.error(
                                        decl.node,
                                        ErrorKind::UnresolvedElement {
                                            reference: raw.to_string(),
                                            declared_as: self.type_kind(&head),
                                            declared_in: self.element_namespace(&head),
                                            allowable: false,
                                        },
                                    ));
                                }
                                Some(head)
                            }
                            None => None,
                        };
                    let element = ElementDecl {
                        ty: self.element_type(scope, decl.node, 0)?,
                        nillable: decl.doc.bool_attr(decl.node, "nillable", false)?,
                        is_abstract: decl.doc.bool_attr(decl.node, "abstract", false)?,
                        substitution_group,
                        documentation: schema_documentation(decl.node),
                    };
                    schema.elements.insert(name.clone(), element);
                }
            }
        }
        Ok(schema)
    }

    fn scope(&self, decl: &Decl<'d, 's>) -> Scope<'_, 'd, 's> {
        Scope {
            doc: decl.doc,
            context: &self.contexts[decl.context],
        }
    }

    /// Indexes the global declarations of `schema`.
    fn add_schema(&mut self, doc: &'d Doc<'s>, schema: XmlNode<'d, 's>) -> Result<(), WsdlError> {
        let context = schema_context(doc, schema)?;
        let target = context.target.clone();
        self.contexts.push(context);
        let context = self.contexts.len() - 1;
        for node in elements(schema).filter(|n| in_ns(*n, XSD_NS)) {
            let kind =
                match node.tag_name().name() {
                    "complexType" | "simpleType" => DeclKind::Type,
                    "element" => DeclKind::Element,
                    "attribute" => {
                        self.add_referenced(doc, node, context, RefKind::Attribute)?;
                        continue;
                    }
                    "attributeGroup" => {
                        self.add_referenced(doc, node, context, RefKind::AttributeGroup)?;
                        continue;
                    }
                    "group" => {
                        self.add_referenced(doc, node, context, RefKind::Group)?;
                        continue;
                    }
                    "redefine" => {
                        self.add_redefinitions(doc, node, context)?;
                        continue;
                    }
                    "import" | "include" | "annotation" | "notation" => continue,
                    _ => return Err(doc.unsupported(
                        node,
                        format!("`{}` in xs:schema", tag(node)),
                        "only xs:import, xs:include, xs:redefine, xs:complexType, xs:simpleType, xs:element, \
                         xs:attribute, xs:attributeGroup and xs:group are read at the top level \
                         of a schema",
                    )),
                };
            let local = doc.name(node)?;
            let name = QName::new(target.clone(), local);
            let decl = Decl { doc, node, context };
            let (map, what) = match kind {
                DeclKind::Type => (&mut self.types, "type"),
                DeclKind::Element => (&mut self.elements, "element"),
            };
            if let Some(first) = map.get(&name) {
                return Err(duplicate(
                    (first.doc, first.node),
                    (doc, node),
                    what,
                    local,
                    namespace_scope(&target),
                ));
            }
            map.insert(name.clone(), decl);
            self.order.push((kind, name, decl));
        }
        Ok(())
    }

    /// Indexes a global attribute, attribute group or model group.
    fn add_referenced(
        &mut self,
        doc: &'d Doc<'s>,
        node: XmlNode<'d, 's>,
        context: usize,
        kind: RefKind,
    ) -> Result<(), WsdlError> {
        let local = doc.name(node)?;
        let target = self.contexts[context].target.clone();
        let key = (kind as u8, QName::new(target.clone(), local));
        if let Some(first) = self.referenced.get(&key) {
            let what = match kind {
                RefKind::Attribute => "attribute",
                RefKind::AttributeGroup => "attribute group",
                RefKind::Group => "group",
            };
            return Err(duplicate(
                (first.doc, first.node),
                (doc, node),
                what,
                local,
                namespace_scope(&target),
            ));
        }
        self.referenced.insert(key, Decl { doc, node, context });
        Ok(())
    }

    /// The global declaration of `kind` that attribute `ref` of `node` names; with
    /// `allow_unresolved`, `Err(name)` when there is none.
    #[allow(clippy::type_complexity)]
    fn resolve_ref(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        kind: RefKind,
    ) -> Result<Result<(QName, Decl<'d, 's>), QName>, WsdlError> {
        let (name, raw) = scope.doc.required_qname(node, "ref")?;
        let name = adopt(scope, name);
        let name = match kind {
            RefKind::Group => self.redirect(Redefinable::Group, name, node),
            RefKind::AttributeGroup => self.redirect(Redefinable::AttributeGroup, name, node),
            RefKind::Attribute => name,
        };
        match self.referenced.get(&(kind as u8, name.clone())) {
            Some(decl) => Ok(Ok((name, *decl))),
            None => {
                let what = match kind {
                    RefKind::Attribute => "attribute",
                    RefKind::AttributeGroup => "attribute group",
                    RefKind::Group => "group",
                };
                if self.note_unresolved(what, &name, scope.doc.location(node)) {
                    return Ok(Err(name));
                }
                let declared_in = self
                    .referenced
                    .keys()
                    .find(|(k, q)| {
                        *k == kind as u8 && q.local == name.local && q.namespace != name.namespace
                    })
                    .map(|(_, q)| Elsewhere::new(&q.namespace, &name));
                Err(scope.doc.error(
                    node,
                    ErrorKind::UnresolvedReference {
                        what,
                        reference: raw.to_string(),
                        declared_in,
                    },
                ))
            }
        }
    }

    /// The type named by attribute `attribute` of `node`, checked to exist.
    fn type_attr(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        attribute: &'static str,
    ) -> Result<Option<QName>, WsdlError> {
        let Some((name, raw)) = scope.doc.qname_attr(node, attribute)? else {
            return Ok(None);
        };
        let name = self.redirect(Redefinable::Type, adopt(scope, name), node);
        if self.has_type(&name) {
            Ok(Some(name))
        } else if self.note_unresolved("type", &name, scope.doc.location(node)) {
            // Elements and complex content take anything; attributes, lists and simple
            // content hold text.
            let complex = is(node, XSD_NS, "element")
                || node
                    .parent()
                    .is_some_and(|p| is(p, XSD_NS, "complexContent"));
            let fallback = if complex { "anyType" } else { "anySimpleType" };
            Ok(Some(QName::new(XSD_NS, fallback)))
        } else {
            Err(scope.doc.error(
                node,
                ErrorKind::UnresolvedType {
                    reference: raw.to_string(),
                    declared_as: self.element_kind(&name),
                    declared_in: self.type_namespace(&name),
                    in_schema_namespace: name.namespace == XSD_NS,
                    allowable: true,
                },
            ))
        }
    }

    /// An `xs:complexType`, named or anonymous.
    fn complex(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
    ) -> Result<ComplexType, WsdlError> {
        let doc = scope.doc;
        let mut ty = ComplexType {
            is_abstract: doc.bool_attr(node, "abstract", false)?,
            mixed: doc.bool_attr(node, "mixed", false)?,
            documentation: schema_documentation(node),
            ..ComplexType::default()
        };
        let mut content = None;
        // Elements and wildcards written straight inside the type, with no compositor.
        let mut loose = Vec::new();
        for child in elements(node).filter(|n| in_ns(*n, XSD_NS)) {
            let name = child.tag_name().name();
            match name {
                "annotation" => ty.is_dictionary |= is_dictionary(doc, child)?,
                "element" | "any" => loose.push(child),
                "sequence" | "all" | "choice" | "group" | "complexContent" | "simpleContent" => {
                    if content.is_some() {
                        return Err(doc.invalid(
                            child,
                            format!("`{}` has more than one content model", tag(node)),
                            "keep a single xs:sequence, xs:all, xs:choice, xs:group, \
                             xs:complexContent or xs:simpleContent",
                        ));
                    }
                    content = Some(child);
                    match name {
                        "complexContent" => self.complex_content(scope, child, depth, &mut ty)?,
                        "simpleContent" => {
                            // Text content: `mixed` on the complex type does not apply (XML
                            // Schema 1.0 section 3.4.2; WS-BaseNotification's
                            // TopicExpressionType in ONVIF's copies writes both).
                            ty.mixed = false;
                            self.simple_content(scope, child, depth, &mut ty)?
                        }
                        _ => ty.content = Some(self.model_group(scope, child, depth)?),
                    }
                }
                _ => self.attribute_item(scope, child, depth, &mut ty)?,
            }
        }
        if let Some(&first) = loose.first() {
            if content.is_some() {
                return Err(unsupported_content(doc, first));
            }
            ty.content = Some(self.loose_sequence(scope, node, &loose, depth)?);
        }
        if ty.is_dictionary && !is_dictionary_shape(&ty) {
            return Err(doc.invalid(
                node,
                format!(
                    "`{}` is annotated `IsDictionary` but is not one repeated key/value pair",
                    tag(node)
                ),
                "a WCF dictionary holds one repeated element whose anonymous type has two \
                 elements, the key and the value; otherwise remove the IsDictionary annotation",
            ));
        }
        Ok(ty)
    }

    /// True when `name` is a built-in type or a declared `xs:simpleType`.
    fn is_simple_type(&self, name: &QName) -> bool {
        (is_builtin(name) && name.local != "anyType")
            || self
                .types
                .get(name)
                .is_some_and(|decl| is(decl.node, XSD_NS, "simpleType"))
    }

    /// True when `name` is a declared complex type with simple content.
    fn has_simple_content(&self, name: &QName) -> bool {
        self.types.get(name).is_some_and(|decl| {
            is(decl.node, XSD_NS, "complexType")
                && elements(decl.node).any(|c| is(c, XSD_NS, "simpleContent"))
        })
    }

    /// A local `xs:element` (or an `xs:element ref=`) inside a sequence.
    fn field(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
    ) -> Result<Field, WsdlError> {
        let doc = scope.doc;
        let (min_occurs, max_occurs) = occurs(doc, node)?;
        if let Some((name, raw)) = doc.qname_attr(node, "ref")? {
            let name = adopt(scope, name);
            let Some(target) = self.elements.get(&name) else {
                // `ref="xs:schema"` names the schema for schemas' own root element, which no
                // document of the set declares: a .NET DataSet sends its schema inline so
                // (`<s:element ref="s:schema"/><s:any/>`). Its value is raw XML, as anyType's.
                let inline_schema = name == QName::new(XSD_NS, "schema");
                if inline_schema || self.note_unresolved("element", &name, doc.location(node)) {
                    let (default, fixed) = split_constraint(value_constraint(doc, node)?);
                    return Ok(Field {
                        name,
                        ty: TypeRef::Named(QName::new(XSD_NS, "anyType")),
                        min_occurs,
                        max_occurs,
                        nillable: false,
                        default,
                        fixed,
                        reference: false,
                        documentation: None,
                    });
                }
                return Err(doc.error(
                    node,
                    ErrorKind::UnresolvedElement {
                        reference: raw.to_string(),
                        declared_as: self.type_kind(&name),
                        declared_in: self.element_namespace(&name),
                        allowable: true,
                    },
                ));
            };
            // The global element's anonymous type is read once, with the element (`convert`):
            // the reference names it, so a type holding its own element ends.
            let ty = if anonymous_type(target.node).is_some() {
                TypeRef::OfElement(name.clone())
            } else {
                self.element_type(self.scope(target), target.node, depth)?
            };
            let nillable = target.doc.bool_attr(target.node, "nillable", false)?;
            let (default, fixed) = match value_constraint(doc, node)? {
                Some(own) => split_constraint(Some(own)),
                None => split_constraint(value_constraint(target.doc, target.node)?),
            };
            return Ok(Field {
                name,
                ty,
                min_occurs,
                max_occurs,
                nillable,
                default,
                fixed,
                reference: true,
                documentation: schema_documentation(node)
                    .or_else(|| schema_documentation(target.node)),
            });
        }
        let (default, fixed) = split_constraint(value_constraint(doc, node)?);
        Ok(Field {
            name: local_declaration_name(
                doc,
                node,
                &scope.context.target,
                scope.context.qualified,
            )?,
            ty: self.element_type(scope, node, depth)?,
            min_occurs,
            max_occurs,
            nillable: doc.bool_attr(node, "nillable", false)?,
            default,
            fixed,
            reference: false,
            documentation: schema_documentation(node),
        })
    }

    /// The type of an `xs:element`: `type=`, an anonymous type, or `xs:anyType`.
    fn element_type(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
    ) -> Result<TypeRef, WsdlError> {
        let doc = scope.doc;
        let named = self.type_attr(scope, node, "type")?;
        let anonymous = anonymous_type(node);
        match (named, anonymous) {
            (Some(_), Some(anonymous)) => Err(doc.invalid(
                anonymous,
                format!(
                    "`{}` has both a `type` attribute and an anonymous type",
                    tag(node)
                ),
                "keep either the `type` attribute or the nested type",
            )),
            (Some(name), None) => Ok(TypeRef::Named(name)),
            (None, None) => Ok(TypeRef::Named(QName::new(XSD_NS, "anyType"))),
            (None, Some(anonymous)) => {
                self.check_nesting(doc, anonymous, depth)?;
                if is(anonymous, XSD_NS, "complexType") {
                    let ty = self.complex(scope, anonymous, depth + 1)?;
                    Ok(TypeRef::AnonymousComplex(Box::new(ty)))
                } else {
                    let ty = self.simple(scope, anonymous, depth + 1)?;
                    Ok(TypeRef::AnonymousSimple(Box::new(ty)))
                }
            }
        }
    }

    /// Counts one more anonymous type at `depth`, refusing nesting deeper than [`MAX_DEPTH`]
    /// and more than [`MAX_ANONYMOUS`] in all.
    fn check_nesting(
        &self,
        doc: &Doc<'_>,
        node: XmlNode<'_, '_>,
        depth: usize,
    ) -> Result<(), WsdlError> {
        let count = self.anonymous.get() + 1;
        self.anonymous.set(count);
        if depth >= MAX_DEPTH {
            return Err(doc.unsupported(
                node,
                format!("anonymous types nested more than {MAX_DEPTH} levels deep"),
                "an `xs:group` whose content refers back to the group through local elements' \
                 anonymous types cannot be expanded; give one of those types a name, or refer \
                 to a global element (`ref=`) instead",
            ));
        }
        if count > MAX_ANONYMOUS {
            return Err(doc.unsupported(
                node,
                format!("a schema that expands to more than {MAX_ANONYMOUS} anonymous types"),
                "each `xs:group ref=` copies the group's content; give the types names",
            ));
        }
        Ok(())
    }
}

/// The settings of `schema`; an included schema without `targetNamespace` takes the includer's.
fn schema_context(doc: &Doc<'_>, schema: XmlNode<'_, '_>) -> Result<SchemaContext, WsdlError> {
    let declared = schema.attribute("targetNamespace");
    let included = doc.source.include_namespace.as_deref();
    let (target, chameleon) = match (declared, included) {
        (Some(declared), Some(included)) if declared != included => {
            return Err(doc.invalid(
                schema,
                format!(
                    "included schema has target namespace `{declared}`, the including schema `{included}`"
                ),
                "use xs:include only for schemas of the same namespace; use xs:import otherwise",
            ))
        }
        (Some(declared), _) => (declared.to_string(), false),
        (None, Some(included)) => (included.to_string(), true),
        (None, None) => (String::new(), false),
    };
    let qualified = match schema.attribute("elementFormDefault") {
        None | Some("unqualified") => false,
        Some("qualified") => true,
        Some(other) => {
            return Err(doc.invalid_value(
                schema,
                "elementFormDefault",
                other,
                "`qualified` or `unqualified`",
            ))
        }
    };
    let attributes_qualified = match schema.attribute("attributeFormDefault") {
        None | Some("unqualified") => false,
        Some("qualified") => true,
        Some(other) => {
            return Err(doc.invalid_value(
                schema,
                "attributeFormDefault",
                other,
                "`qualified` or `unqualified`",
            ))
        }
    };
    Ok(SchemaContext {
        target,
        qualified,
        attributes_qualified,
        chameleon,
    })
}

/// Puts `note` (what redefined the type) before the documentation of `def`.
fn note_redefined(def: &mut TypeDef, note: String) {
    let documentation = match def {
        TypeDef::Complex(ty) => &mut ty.documentation,
        TypeDef::Simple(
            SimpleType::Restriction { documentation, .. }
            | SimpleType::List { documentation, .. }
            | SimpleType::Union { documentation, .. },
        ) => documentation,
    };
    *documentation = Some(match documentation.take() {
        Some(own) => format!("{note} {own}"),
        None => note,
    });
}

/// In a chameleon-included schema, a reference in no namespace means the target namespace.
fn adopt(scope: Scope<'_, '_, '_>, name: QName) -> QName {
    if scope.context.chameleon && name.namespace.is_empty() {
        QName::new(scope.context.target.clone(), name.local)
    } else {
        name
    }
}

/// The anonymous `xs:complexType` or `xs:simpleType` declared inside an `xs:element`, if any.
fn anonymous_type<'d, 's>(element: XmlNode<'d, 's>) -> Option<XmlNode<'d, 's>> {
    elements(element).find(|c| is(*c, XSD_NS, "complexType") || is(*c, XSD_NS, "simpleType"))
}

/// True when `ty` has the shape of a WCF dictionary: one repeated element of an anonymous
/// type with exactly two elements, the key and the value.
fn is_dictionary_shape(ty: &ComplexType) -> bool {
    let [Particle::Element(pair)] = ty.particles() else {
        return false;
    };
    let TypeRef::AnonymousComplex(pair_type) = &pair.ty else {
        return false;
    };
    ty.base.is_none()
        && ty.is_plain_sequence()
        && pair.max_occurs.is_repeated()
        && pair_type.is_plain_sequence()
        && matches!(
            pair_type.particles(),
            [Particle::Element(_), Particle::Element(_)]
        )
}

/// True when an `xs:annotation` marks its type as a WCF dictionary (`ser:IsDictionary`).
fn is_dictionary(doc: &Doc<'_>, annotation: XmlNode<'_, '_>) -> Result<bool, WsdlError> {
    let mut result = false;
    for marker in appinfo(annotation, "IsDictionary") {
        match marker.text().unwrap_or("").trim() {
            "true" | "1" => result = true,
            "false" | "0" => {}
            other => {
                return Err(doc.invalid_value(marker, "IsDictionary", other, "`true` or `false`"))
            }
        }
    }
    Ok(result)
}

/// The name of a local element or attribute declaration: in the target namespace when its
/// `form`, or else the schema's default (`qualified_by_default`), says `qualified`.
fn local_declaration_name(
    doc: &Doc<'_>,
    node: XmlNode<'_, '_>,
    target: &str,
    qualified_by_default: bool,
) -> Result<QName, WsdlError> {
    let local = doc.name(node)?;
    let qualified = match node.attribute("form") {
        None => qualified_by_default,
        Some("qualified") => true,
        Some("unqualified") => false,
        Some(other) => {
            return Err(doc.invalid_value(node, "form", other, "`qualified` or `unqualified`"))
        }
    };
    Ok(QName::new(if qualified { target } else { "" }, local))
}

/// The `{SER_NS}local` elements in the `xs:appinfo`s of an `xs:annotation`.
fn appinfo<'d, 's>(
    annotation: XmlNode<'d, 's>,
    local: &'static str,
) -> impl Iterator<Item = XmlNode<'d, 's>> + use<'d, 's> {
    elements(annotation)
        .filter(|c| is(*c, XSD_NS, "appinfo"))
        .flat_map(elements)
        .filter(move |c| is(*c, SER_NS, local))
}

/// An error for content XML Schema does not allow where it stands inside a complex type.
fn unsupported_content(doc: &Doc<'_>, node: XmlNode<'_, '_>) -> WsdlError {
    let derivation = matches!(node.tag_name().name(), "extension" | "restriction")
        && node
            .parent_element()
            .is_some_and(|parent| is(parent, XSD_NS, "complexType"));
    let help = if derivation {
        DERIVATION_OUTSIDE_CONTENT_HELP
    } else {
        UNSUPPORTED_CONTENT_HELP
    };
    doc.unsupported(node, format!("`{}` in a complex type", tag(node)), help)
}
