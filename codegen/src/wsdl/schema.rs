//! Reading `xs:schema` elements (embedded in `wsdl:types` or imported) into [`Schema`].
//!
//! Two passes: [`SchemaIndex::build`] collects every global type and element of every schema
//! by qualified name (rejecting duplicates), then [`SchemaIndex::to_model`] converts them,
//! checking each type reference and expanding `ref=` elements through the index.
//!
//! Supported inside a complex type: `xs:sequence` and `xs:all` of elements (local or `ref=`),
//! nested sequences, `xs:choice` of elements, `xs:group` and `xs:attributeGroup` references,
//! `xs:attribute` (local or `ref=`), `xs:anyAttribute` (ignored: unknown attributes are never an
//! error), `xs:complexContent/xs:extension` and `xs:simpleContent/xs:extension`. Anything else
//! that changes the content (`xs:any`, mixed content, restrictions of complex types, sequences
//! inside a choice) is an [`ErrorKind::Unsupported`] error rather than silently dropped.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use super::docs::schema_documentation;
use super::error::{ErrorKind, Location, WsdlError};
use super::xml::{
    duplicate, elements, in_ns, is, namespace_scope, schema_elements, tag, Doc, XmlNode, SER_NS,
    WSDL_NS, XSD_NS,
};
use crate::model::{
    Attribute, ComplexType, Compositor, Derivation, ElementDecl, EnumValue, Field, Group,
    MaxOccurs, NamespaceConstraint, Particle, ProcessContents, QName, Schema, SimpleType, TypeDef,
    TypeRef, Wildcard,
};

/// How deep anonymous types (and `ref=`s to elements with anonymous types) may nest.
const MAX_DEPTH: usize = 64;

/// How many anonymous types the whole schema may expand to. Each `ref=` to an element with an
/// anonymous type copies that type, so a hostile schema could otherwise grow exponentially.
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

/// What the help text says about content models that are not supported.
const UNSUPPORTED_CONTENT_HELP: &str = "supported inside xs:complexType: xs:sequence, xs:all \
     and xs:choice of xs:element, xs:group and xs:attributeGroup references, xs:attribute, \
     xs:complexContent/xs:extension and xs:simpleContent/xs:extension; declare the elements \
     you expect instead of xs:any, and use an extension instead of a restriction";

/// True for a built-in XML Schema type name.
pub(crate) fn is_builtin(name: &QName) -> bool {
    name.namespace == XSD_NS && BUILTIN_TYPES.contains(&name.local.as_str())
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
    /// Collects the global declarations of every schema in `docs`.
    pub(crate) fn build(docs: &'d [Doc<'s>]) -> Result<Self, WsdlError> {
        let mut index = SchemaIndex {
            contexts: Vec::new(),
            types: BTreeMap::new(),
            elements: BTreeMap::new(),
            referenced: BTreeMap::new(),
            order: Vec::new(),
            anonymous: Cell::new(0),
            allow_unresolved: false,
            unresolved: RefCell::new(Vec::new()),
        };
        for doc in docs {
            for schema in schema_elements(doc) {
                index.add_schema(doc, schema)?;
            }
        }
        Ok(index)
    }

    /// Reads unresolved references as `xs:anyType` (an attribute's as `xs:anySimpleType`, a
    /// group's as nothing) instead of refusing them; [`SchemaIndex::take_unresolved`] lists them.
    pub(crate) fn allow_unresolved(&mut self) {
        self.allow_unresolved = true;
    }

    /// With [`SchemaIndex::allow_unresolved`]: records the unresolved reference and returns
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

    /// True when `name` is a declared or built-in type.
    pub(crate) fn has_type(&self, name: &QName) -> bool {
        is_builtin(name) || self.types.contains_key(name)
    }

    /// True when `name` is a declared global element.
    pub(crate) fn has_element(&self, name: &QName) -> bool {
        self.elements.contains_key(name)
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
                    let def = if is(decl.node, XSD_NS, "complexType") {
                        TypeDef::Complex(self.complex(scope, decl.node, 0)?)
                    } else {
                        TypeDef::Simple(self.simple(scope, decl.node, 0)?)
                    };
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
                    "import" | "include" | "annotation" | "notation" => continue,
                    _ => return Err(doc.unsupported(
                        node,
                        format!("`{}` in xs:schema", tag(node)),
                        "only xs:import, xs:include, xs:complexType, xs:simpleType, xs:element, \
                         xs:attribute, xs:attributeGroup and xs:group are read at the top level \
                         of a schema",
                    )),
                };
            let local = doc.required(node, "name")?;
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
        let local = doc.required(node, "name")?;
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
                Err(scope.doc.error(
                    node,
                    ErrorKind::UnresolvedReference {
                        what,
                        reference: raw.to_string(),
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
        let name = adopt(scope, name);
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
        for child in elements(node).filter(|n| in_ns(*n, XSD_NS)) {
            let name = child.tag_name().name();
            match name {
                "annotation" => ty.is_dictionary |= is_dictionary(doc, child)?,
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
                        "simpleContent" => self.simple_content(scope, child, depth, &mut ty)?,
                        _ => ty.content = Some(self.model_group(scope, child, depth)?),
                    }
                }
                _ => self.attribute_item(scope, child, depth, &mut ty)?,
            }
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

    /// An attribute-like child of a complex type or derivation: `xs:attribute`,
    /// `xs:attributeGroup ref=` or `xs:anyAttribute`; anything else is unsupported.
    fn attribute_item(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
        ty: &mut ComplexType,
    ) -> Result<(), WsdlError> {
        let doc = scope.doc;
        match node.tag_name().name() {
            "annotation" => Ok(()),
            "anyAttribute" => {
                ty.any_attribute = Some(wildcard(scope, node, (1, MaxOccurs::Bounded(1)))?);
                Ok(())
            }
            "attribute" => {
                if let Some(attribute) = self.attribute(scope, node)? {
                    if let Some(first) = ty.attributes.iter().find(|a| a.name == attribute.name) {
                        return Err(doc.invalid(
                            node,
                            format!("attribute `{}` is declared twice", first.name.local),
                            "declare each attribute of a type once",
                        ));
                    }
                    ty.attributes.push(attribute);
                }
                Ok(())
            }
            "attributeGroup" => {
                self.check_nesting(doc, node, depth)?;
                let Ok((_, decl)) = self.resolve_ref(scope, node, RefKind::AttributeGroup)? else {
                    return Ok(());
                };
                let group_scope = self.scope(&decl);
                for child in elements(decl.node).filter(|n| in_ns(*n, XSD_NS)) {
                    self.attribute_item(group_scope, child, depth + 1, ty)?;
                }
                Ok(())
            }
            _ => Err(unsupported_content(doc, node)),
        }
    }

    /// An `xs:attribute` (local or `ref=`); `None` for `use="prohibited"`.
    fn attribute(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
    ) -> Result<Option<Attribute>, WsdlError> {
        let doc = scope.doc;
        let required = match node.attribute("use").map(str::trim) {
            None | Some("optional") => false,
            Some("required") => true,
            Some("prohibited") => return Ok(None),
            Some(other) => {
                return Err(doc.invalid_value(
                    node,
                    "use",
                    other,
                    "`optional`, `required` or `prohibited`",
                ))
            }
        };
        let own_default = value_constraint(doc, node)?;
        let array_type = array_type(doc, node)?;
        if node.attribute("ref").is_some() {
            let (name, decl) = match self.resolve_ref(scope, node, RefKind::Attribute)? {
                Ok(found) => found,
                Err(name) => {
                    let (default, fixed) = split_constraint(own_default);
                    return Ok(Some(Attribute {
                        name,
                        ty: TypeRef::Named(QName::new(XSD_NS, "anySimpleType")),
                        required,
                        default,
                        fixed,
                        array_type,
                        documentation: None,
                    }));
                }
            };
            let target_scope = self.scope(&decl);
            let (default, fixed) = match own_default {
                Some(own) => split_constraint(Some(own)),
                None => split_constraint(value_constraint(decl.doc, decl.node)?),
            };
            return Ok(Some(Attribute {
                name,
                ty: self.attribute_type(target_scope, decl.node)?,
                required,
                default,
                fixed,
                array_type,
                documentation: schema_documentation(node)
                    .or_else(|| schema_documentation(decl.node)),
            }));
        }
        let (default, fixed) = split_constraint(own_default);
        Ok(Some(Attribute {
            name: local_declaration_name(
                doc,
                node,
                &scope.context.target,
                scope.context.attributes_qualified,
            )?,
            ty: self.attribute_type(scope, node)?,
            required,
            default,
            fixed,
            array_type,
            documentation: schema_documentation(node),
        }))
    }

    /// The simple type of an `xs:attribute` declaration: `type=`, an anonymous simple type, or
    /// `xs:anySimpleType`.
    fn attribute_type(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
    ) -> Result<TypeRef, WsdlError> {
        let doc = scope.doc;
        if let Some(name) = self.type_attr(scope, node, "type")? {
            if !self.is_simple_type(&name) {
                return Err(doc.invalid(
                    node,
                    format!(
                        "attribute `{}` has the complex type `{}`",
                        node.attribute("name").unwrap_or_default(),
                        node.attribute("type").unwrap_or_default()
                    ),
                    "an attribute's type must be a simple type (xs:simpleType or a built-in type)",
                ));
            }
            return Ok(TypeRef::Named(name));
        }
        match elements(node).find(|c| is(*c, XSD_NS, "simpleType")) {
            Some(anonymous) => {
                self.check_nesting(doc, anonymous, 0)?;
                let ty = self.simple(scope, anonymous, 1)?;
                Ok(TypeRef::AnonymousSimple(Box::new(ty)))
            }
            None => Ok(TypeRef::Named(QName::new(XSD_NS, "anySimpleType"))),
        }
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

    /// A content model: `xs:sequence`, `xs:all`, `xs:choice` or `xs:group ref=`, with its
    /// own occurrence.
    fn model_group(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
    ) -> Result<Group, WsdlError> {
        let kind = match node.tag_name().name() {
            "sequence" => Compositor::Sequence,
            "all" => Compositor::All,
            "choice" => Compositor::Choice,
            "group" => return self.group_ref(scope, node, depth),
            _ => return Err(unsupported_content(scope.doc, node)),
        };
        let doc = scope.doc;
        let (min_occurs, max_occurs) = occurs(doc, node)?;
        let mut particles = Vec::new();
        for child in elements(node).filter(|n| in_ns(*n, XSD_NS)) {
            let particle = match child.tag_name().name() {
                "annotation" => continue,
                "element" => Particle::Element(self.field(scope, child, depth)?),
                "any" if kind != Compositor::All => {
                    Particle::Any(wildcard(scope, child, occurs(doc, child)?)?)
                }
                "sequence" | "choice" | "group" if kind != Compositor::All => {
                    self.check_nesting(doc, child, depth)?;
                    Particle::Group(self.model_group(scope, child, depth + 1)?)
                }
                _ => return Err(unsupported_content(doc, child)),
            };
            if kind == Compositor::Choice {
                if let Particle::Element(field) = &particle {
                    if let Some(first) = particles.iter().find_map(|p| match p {
                        Particle::Element(f) if f.name.local == field.name.local => Some(f),
                        _ => None,
                    }) {
                        return Err(doc.invalid(
                            child,
                            format!(
                                "`xs:choice` has two alternatives named `{}`",
                                first.name.local
                            ),
                            "give the alternatives of a choice different element names",
                        ));
                    }
                }
            }
            particles.push(particle);
        }
        if kind == Compositor::Choice && particles.is_empty() && min_occurs > 0 {
            return Err(doc.invalid(
                node,
                "`xs:choice` has no alternatives",
                "add xs:element alternatives or remove the empty xs:choice",
            ));
        }
        Ok(Group {
            kind,
            min_occurs,
            max_occurs,
            particles,
        })
    }

    /// An `xs:complexContent`: an extension or restriction of a base type.
    fn complex_content(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
        ty: &mut ComplexType,
    ) -> Result<(), WsdlError> {
        let doc = scope.doc;
        ty.mixed |= doc.bool_attr(node, "mixed", false)?;
        let (derivation, kind) = self.derivation(scope, node)?;
        let Some(base) = self.type_attr(scope, derivation, "base")? else {
            return Err(doc.missing(derivation, "base"));
        };
        if self.is_simple_type(&base) {
            return Err(doc.invalid(
                derivation,
                format!(
                    "`xs:complexContent` derives from the simple type `{}`",
                    derivation.attribute("base").unwrap_or_default()
                ),
                "use xs:simpleContent to add attributes to a simple type",
            ));
        }
        // `xs:anyType` is every complex type's base: deriving from it adds nothing.
        ty.base = (base != QName::new(XSD_NS, "anyType")).then_some(base);
        ty.derivation = kind;
        let mut content = false;
        for child in elements(derivation).filter(|n| in_ns(*n, XSD_NS)) {
            match child.tag_name().name() {
                "sequence" | "all" | "choice" | "group" if !content => {
                    content = true;
                    ty.content = Some(self.model_group(scope, child, depth)?);
                }
                _ => self.attribute_item(scope, child, depth, ty)?,
            }
        }
        Ok(())
    }

    /// An `xs:simpleContent`: text of a simple type with attributes, by extension or
    /// restriction (facets are not kept: the text keeps the base's type).
    fn simple_content(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
        ty: &mut ComplexType,
    ) -> Result<(), WsdlError> {
        let doc = scope.doc;
        let (derivation, kind) = self.derivation(scope, node)?;
        let Some(base) = self.type_attr(scope, derivation, "base")? else {
            return Err(doc.missing(derivation, "base"));
        };
        if !self.is_simple_type(&base) && !self.has_simple_content(&base) {
            return Err(doc.invalid(
                derivation,
                format!(
                    "`xs:simpleContent` derives from `{}`, which has element content",
                    derivation.attribute("base").unwrap_or_default()
                ),
                "extend a simple type (or a complex type with simple content) in \
                 xs:simpleContent; use xs:complexContent for element content",
            ));
        }
        ty.base = Some(base);
        ty.derivation = kind;
        ty.simple_content = true;
        for child in elements(derivation).filter(|n| in_ns(*n, XSD_NS)) {
            match child.tag_name().name() {
                // Facets of a restriction narrow the text; the text keeps the base's type.
                "simpleType" | "enumeration" | "pattern" | "length" | "minLength" | "maxLength"
                | "minInclusive" | "maxInclusive" | "minExclusive" | "maxExclusive"
                | "totalDigits" | "fractionDigits" | "whiteSpace"
                    if kind == Derivation::Restriction => {}
                _ => self.attribute_item(scope, child, depth, ty)?,
            }
        }
        Ok(())
    }

    /// The single `xs:extension` or `xs:restriction` of an `xs:complexContent` or
    /// `xs:simpleContent`.
    fn derivation(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
    ) -> Result<(XmlNode<'d, 's>, Derivation), WsdlError> {
        let doc = scope.doc;
        let mut found = None;
        for child in elements(node).filter(|n| in_ns(*n, XSD_NS)) {
            let kind = match child.tag_name().name() {
                "annotation" => continue,
                "extension" => Derivation::Extension,
                "restriction" => Derivation::Restriction,
                _ => return Err(unsupported_content(doc, child)),
            };
            if found.is_some() {
                return Err(doc.invalid(
                    child,
                    format!("`{}` has more than one derivation", tag(node)),
                    "keep a single xs:extension or xs:restriction",
                ));
            }
            found = Some((child, kind));
        }
        found.ok_or_else(|| {
            doc.invalid(
                node,
                format!("`{}` has no `xs:extension` or `xs:restriction`", tag(node)),
                "add an xs:extension or xs:restriction with a `base` type",
            )
        })
    }

    /// An `xs:group ref=`: the named model group, with the reference's occurrence.
    fn group_ref(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
    ) -> Result<Group, WsdlError> {
        let doc = scope.doc;
        self.check_nesting(doc, node, depth)?;
        let (min_occurs, max_occurs) = occurs(doc, node)?;
        let Ok((_, decl)) = self.resolve_ref(scope, node, RefKind::Group)? else {
            // An unresolved group (allowed with --allow-unresolved) contributes nothing.
            return Ok(Group {
                kind: Compositor::Sequence,
                min_occurs,
                max_occurs,
                particles: Vec::new(),
            });
        };
        let group_scope = self.scope(&decl);
        let Some(content) =
            elements(decl.node).find(|c| in_ns(*c, XSD_NS) && c.tag_name().name() != "annotation")
        else {
            return Ok(Group {
                kind: Compositor::Sequence,
                min_occurs,
                max_occurs,
                particles: Vec::new(),
            });
        };
        if is(content, XSD_NS, "group") {
            return Err(unsupported_content(decl.doc, content));
        }
        let inner = self.model_group(group_scope, content, depth + 1)?;
        // The reference carries the occurrence; the group's own compositor has none.
        Ok(Group {
            min_occurs,
            max_occurs,
            ..inner
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
                if self.note_unresolved("element", &name, doc.location(node)) {
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
                    },
                ));
            };
            let ty = self.element_type(self.scope(target), target.node, depth)?;
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
        let anonymous =
            elements(node).find(|c| is(*c, XSD_NS, "complexType") || is(*c, XSD_NS, "simpleType"));
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
                "an element `ref=` to an element whose anonymous type refers back to it cannot \
                 be expanded; give the type a name",
            ));
        }
        if count > MAX_ANONYMOUS {
            return Err(doc.unsupported(
                node,
                format!("a schema that expands to more than {MAX_ANONYMOUS} anonymous types"),
                "each `ref=` to an element with an anonymous type copies that type; give the \
                 types names",
            ));
        }
        Ok(())
    }

    /// An `xs:simpleType`, named or anonymous.
    fn simple(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
    ) -> Result<SimpleType, WsdlError> {
        let doc = scope.doc;
        for child in elements(node).filter(|n| in_ns(*n, XSD_NS)) {
            match child.tag_name().name() {
                "annotation" => {}
                "restriction" => {
                    let simple = self.restriction(scope, child)?;
                    return Ok(simple.with_documentation(schema_documentation(node)));
                }
                "list" => {
                    let simple = self.list(scope, child, depth)?;
                    return Ok(simple.with_documentation(schema_documentation(node)));
                }
                "union" => {
                    let simple = self.union(scope, child, depth)?;
                    return Ok(simple.with_documentation(schema_documentation(node)));
                }
                _ => {
                    return Err(doc.unsupported(
                        child,
                        format!("`{}` in a simple type", tag(child)),
                        "xs:simpleType holds xs:restriction, xs:list or xs:union",
                    ))
                }
            }
        }
        Err(doc.invalid(
            node,
            format!("`{}` has no xs:restriction or xs:list", tag(node)),
            "add an xs:restriction with a `base` type",
        ))
    }

    /// An `xs:union` of named (`memberTypes`) and anonymous member types.
    fn union(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
    ) -> Result<SimpleType, WsdlError> {
        let doc = scope.doc;
        let mut members = Vec::new();
        for raw in node
            .attribute("memberTypes")
            .unwrap_or_default()
            .split_ascii_whitespace()
        {
            let name = adopt(scope, doc.qname(node, raw)?);
            if !self.is_simple_type(&name) {
                return Err(doc.error(
                    node,
                    ErrorKind::UnresolvedType {
                        reference: raw.to_string(),
                    },
                ));
            }
            members.push(TypeRef::Named(name));
        }
        for anonymous in elements(node).filter(|c| is(*c, XSD_NS, "simpleType")) {
            self.check_nesting(doc, anonymous, depth)?;
            let member = self.simple(scope, anonymous, depth + 1)?;
            members.push(TypeRef::AnonymousSimple(Box::new(member)));
        }
        if members.is_empty() {
            return Err(doc.invalid(
                node,
                "`xs:union` has no member types",
                "name the members in `memberTypes` or nest xs:simpleType members",
            ));
        }
        Ok(SimpleType::Union {
            members,
            documentation: None,
        })
    }

    /// An `xs:restriction` in a simple type, possibly an enumeration.
    fn restriction(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
    ) -> Result<SimpleType, WsdlError> {
        let doc = scope.doc;
        let Some(base) = self.type_attr(scope, node, "base")? else {
            if elements(node).any(|c| is(c, XSD_NS, "simpleType")) {
                return Err(doc.unsupported(
                    node,
                    "`xs:restriction` of an anonymous simple type",
                    "give the restricted type a name and refer to it with `base=`",
                ));
            }
            return Err(doc.missing(node, "base"));
        };
        let mut enumeration = Vec::new();
        for value in elements(node).filter(|c| is(*c, XSD_NS, "enumeration")) {
            enumeration.push(EnumValue {
                value: doc.required(value, "value")?.to_string(),
                numeric: enumeration_value(doc, value)?,
                documentation: schema_documentation(value),
            });
        }
        Ok(SimpleType::Restriction {
            base,
            enumeration,
            documentation: None,
        })
    }

    /// An `xs:list`, of a named item type or of an anonymous simple type.
    fn list(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
    ) -> Result<SimpleType, WsdlError> {
        let doc = scope.doc;
        if let Some(item) = self.type_attr(scope, node, "itemType")? {
            if !self.is_simple_type(&item) {
                return Err(doc.invalid(
                    node,
                    format!(
                        "the item type `{}` of `xs:list` is not a simple type",
                        node.attribute("itemType").unwrap_or_default()
                    ),
                    "list items are simple values separated by spaces; name an xs:simpleType or \
                     a built-in type",
                ));
            }
            return Ok(SimpleType::List {
                item: Box::new(TypeRef::Named(item)),
                documentation: None,
            });
        }
        let Some(anonymous) = elements(node).find(|c| is(*c, XSD_NS, "simpleType")) else {
            return Err(doc.missing(node, "itemType"));
        };
        self.check_nesting(doc, anonymous, depth)?;
        let item = self.simple(scope, anonymous, depth + 1)?;
        Ok(SimpleType::List {
            item: Box::new(TypeRef::AnonymousSimple(Box::new(item))),
            documentation: None,
        })
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

/// In a chameleon-included schema, a reference in no namespace means the target namespace.
fn adopt(scope: Scope<'_, '_, '_>, name: QName) -> QName {
    if scope.context.chameleon && name.namespace.is_empty() {
        QName::new(scope.context.target.clone(), name.local)
    } else {
        name
    }
}

/// `minOccurs` and `maxOccurs` of `node` (both 1 by default).
fn occurs(doc: &Doc<'_>, node: XmlNode<'_, '_>) -> Result<(u32, MaxOccurs), WsdlError> {
    const COUNT: &str = "a non-negative integer";
    let min = match node.attribute("minOccurs") {
        None => 1,
        Some(raw) => raw
            .trim()
            .parse::<u32>()
            .map_err(|_| doc.invalid_value(node, "minOccurs", raw, COUNT))?,
    };
    let max = match node.attribute("maxOccurs").map(str::trim) {
        None => MaxOccurs::Bounded(1),
        Some("unbounded") => MaxOccurs::Unbounded,
        Some(raw) => match raw.parse::<u32>() {
            Ok(max) if max >= min => MaxOccurs::Bounded(max),
            _ => {
                return Err(doc.invalid_value(
                    node,
                    "maxOccurs",
                    raw,
                    "`unbounded` or an integer not less than minOccurs",
                ))
            }
        },
    };
    Ok((min, max))
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

/// The `default` or `fixed` value of an element or attribute declaration (not both), and
/// whether it is `fixed`.
fn value_constraint(
    doc: &Doc<'_>,
    node: XmlNode<'_, '_>,
) -> Result<Option<(String, bool)>, WsdlError> {
    match (node.attribute("default"), node.attribute("fixed")) {
        (Some(_), Some(_)) => Err(doc.invalid(
            node,
            format!("`{}` has both `default` and `fixed`", tag(node)),
            "keep one of `default` and `fixed`",
        )),
        (Some(value), None) => Ok(Some((value.to_string(), false))),
        (None, Some(value)) => Ok(Some((value.to_string(), true))),
        (None, None) => Ok(None),
    }
}

/// A value constraint as the model keeps it: the value, and whether it is fixed.
fn split_constraint(constraint: Option<(String, bool)>) -> (Option<String>, bool) {
    match constraint {
        Some((value, fixed)) => (Some(value), fixed),
        None => (None, false),
    }
}

/// An `xs:any` or `xs:anyAttribute`, with the occurrence given.
fn wildcard(
    scope: Scope<'_, '_, '_>,
    node: XmlNode<'_, '_>,
    (min_occurs, max_occurs): (u32, MaxOccurs),
) -> Result<Wildcard, WsdlError> {
    let doc = scope.doc;
    let target = &scope.context.target;
    let namespace = match node.attribute("namespace").map(str::trim) {
        None | Some("##any") => NamespaceConstraint::Any,
        Some("##other") => NamespaceConstraint::Other(target.clone()),
        Some(list) => NamespaceConstraint::List(
            list.split_ascii_whitespace()
                .map(|item| match item {
                    "##targetNamespace" => target.clone(),
                    "##local" => String::new(),
                    uri => uri.to_string(),
                })
                .collect(),
        ),
    };
    let process_contents = match node.attribute("processContents").map(str::trim) {
        None | Some("strict") => ProcessContents::Strict,
        Some("lax") => ProcessContents::Lax,
        Some("skip") => ProcessContents::Skip,
        Some(other) => {
            return Err(doc.invalid_value(
                node,
                "processContents",
                other,
                "`strict`, `lax` or `skip`",
            ))
        }
    };
    Ok(Wildcard {
        namespace,
        process_contents,
        min_occurs,
        max_occurs,
    })
}

/// The `wsdl:arrayType` of an attribute declaration (SOAP-encoded arrays): the item type,
/// with the array dimensions (`[]`, `[,]`, `[5]`) left off.
fn array_type(doc: &Doc<'_>, node: XmlNode<'_, '_>) -> Result<Option<QName>, WsdlError> {
    let Some(raw) = node.attribute((WSDL_NS, "arrayType")) else {
        return Ok(None);
    };
    let item = raw.trim().split('[').next().unwrap_or_default();
    doc.qname(node, item).map(Some)
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

/// The WCF `ser:EnumerationValue` annotation of an `xs:enumeration`, if any.
fn enumeration_value(doc: &Doc<'_>, value: XmlNode<'_, '_>) -> Result<Option<i64>, WsdlError> {
    let mut result = None;
    for annotation in elements(value).filter(|c| is(*c, XSD_NS, "annotation")) {
        for marker in appinfo(annotation, "EnumerationValue") {
            let text = marker.text().unwrap_or("").trim();
            let number = text.parse::<i64>().map_err(|_| {
                doc.invalid_value(marker, "EnumerationValue", text, "a 64-bit integer")
            })?;
            result = Some(number);
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
    let local = doc.required(node, "name")?;
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

/// An error for a content model not supported inside a complex type.
fn unsupported_content(doc: &Doc<'_>, node: XmlNode<'_, '_>) -> WsdlError {
    doc.unsupported(
        node,
        format!("`{}` in a complex type", tag(node)),
        UNSUPPORTED_CONTENT_HELP,
    )
}
