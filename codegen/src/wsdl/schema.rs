//! Reading `xs:schema` elements (embedded in `wsdl:types` or imported) into [`Schema`].
//!
//! Two passes: [`SchemaIndex::build`] collects every global type and element of every schema
//! by qualified name (rejecting duplicates), then [`SchemaIndex::to_model`] converts them,
//! checking each type reference and expanding `ref=` elements through the index.
//!
//! Supported inside a complex type: `xs:sequence` of elements (local or `ref=`) and
//! `xs:complexContent/xs:extension` with a sequence. Anything else that changes the content
//! (`xs:choice`, `xs:all`, `xs:any`, attributes, groups, simple content, restrictions) is an
//! [`ErrorKind::Unsupported`] error rather than silently dropped.

use std::cell::Cell;
use std::collections::BTreeMap;

use super::error::{ErrorKind, WsdlError};
use super::xml::{
    duplicate, elements, in_ns, is, namespace_scope, schema_elements, tag, Doc, XmlNode, SER_NS,
    XSD_NS,
};
use crate::model::{
    ComplexType, ElementDecl, EnumValue, Field, MaxOccurs, QName, Schema, SimpleType, TypeDef,
    TypeRef,
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

/// What the help text says about content models that are not supported yet.
const UNSUPPORTED_CONTENT_HELP: &str = "only xs:sequence of xs:element and \
     xs:complexContent/xs:extension are supported inside xs:complexType so far; support for \
     xs:choice, xs:all, xs:any, attributes, groups and simple content is planned";

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
    /// Declarations in document order, so that errors come in reading order.
    order: Vec<(DeclKind, QName, Decl<'d, 's>)>,
    /// Anonymous types converted so far (see [`MAX_ANONYMOUS`]).
    anonymous: Cell<usize>,
}

impl<'d, 's> SchemaIndex<'d, 's> {
    /// Collects the global declarations of every schema in `docs`.
    pub(crate) fn build(docs: &'d [Doc<'s>]) -> Result<Self, WsdlError> {
        let mut index = SchemaIndex {
            contexts: Vec::new(),
            types: BTreeMap::new(),
            elements: BTreeMap::new(),
            order: Vec::new(),
            anonymous: Cell::new(0),
        };
        for doc in docs {
            for schema in schema_elements(doc) {
                index.add_schema(doc, schema)?;
            }
        }
        Ok(index)
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
                    let element = ElementDecl {
                        ty: self.element_type(scope, decl.node, 0)?,
                        nillable: decl.doc.bool_attr(decl.node, "nillable", false)?,
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
            let kind = match node.tag_name().name() {
                "complexType" | "simpleType" => DeclKind::Type,
                "element" => DeclKind::Element,
                "import" | "include" | "annotation" | "attribute" | "attributeGroup" | "group"
                | "notation" => continue,
                _ => {
                    return Err(doc.unsupported(
                        node,
                        format!("`{}` in xs:schema", tag(node)),
                        "only xs:import, xs:include, xs:complexType, xs:simpleType and \
                         xs:element are read at the top level of a schema",
                    ))
                }
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
        if doc.bool_attr(node, "mixed", false)? {
            return Err(doc.unsupported(
                node,
                "mixed content (`mixed=\"true\"`)",
                UNSUPPORTED_CONTENT_HELP,
            ));
        }
        let mut ty = ComplexType::default();
        let mut content = None;
        for child in elements(node).filter(|n| in_ns(*n, XSD_NS)) {
            match child.tag_name().name() {
                "annotation" => ty.is_dictionary |= is_dictionary(doc, child)?,
                "sequence" | "complexContent" => {
                    if content.is_some() {
                        return Err(doc.invalid(
                            child,
                            format!("`{}` has more than one content model", tag(node)),
                            "keep a single xs:sequence or xs:complexContent",
                        ));
                    }
                    content = Some(child);
                    if child.tag_name().name() == "sequence" {
                        ty.fields = self.sequence(scope, child, depth)?;
                    } else {
                        self.complex_content(scope, child, depth, &mut ty)?;
                    }
                }
                _ => return Err(unsupported_content(doc, child)),
            }
        }
        Ok(ty)
    }

    /// An `xs:complexContent`: an extension of a base type with a sequence of its own.
    fn complex_content(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
        ty: &mut ComplexType,
    ) -> Result<(), WsdlError> {
        let doc = scope.doc;
        if doc.bool_attr(node, "mixed", false)? {
            return Err(doc.unsupported(
                node,
                "mixed content (`mixed=\"true\"`)",
                UNSUPPORTED_CONTENT_HELP,
            ));
        }
        let mut extension = None;
        for child in elements(node).filter(|n| in_ns(*n, XSD_NS)) {
            match child.tag_name().name() {
                "annotation" => {}
                "extension" if extension.is_none() => extension = Some(child),
                _ => return Err(unsupported_content(doc, child)),
            }
        }
        let Some(extension) = extension else {
            return Err(doc.invalid(
                node,
                "`xs:complexContent` has no `xs:extension`",
                "add an xs:extension with a `base` type",
            ));
        };
        let Some(base) = self.type_attr(scope, extension, "base")? else {
            return Err(doc.missing(extension, "base"));
        };
        ty.base = Some(base);
        for child in elements(extension).filter(|n| in_ns(*n, XSD_NS)) {
            match child.tag_name().name() {
                "annotation" => {}
                "sequence" if ty.fields.is_empty() => {
                    ty.fields = self.sequence(scope, child, depth)?;
                }
                _ => return Err(unsupported_content(doc, child)),
            }
        }
        Ok(())
    }

    /// An `xs:sequence` of elements.
    fn sequence(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
    ) -> Result<Vec<Field>, WsdlError> {
        let doc = scope.doc;
        if occurs(doc, node)? != (1, MaxOccurs::Bounded(1)) {
            return Err(doc.unsupported(
                node,
                "an optional or repeated `xs:sequence` (minOccurs/maxOccurs on the sequence)",
                "put minOccurs/maxOccurs on the elements, or wrap the sequence in a named type",
            ));
        }
        let mut fields = Vec::new();
        for child in elements(node).filter(|n| in_ns(*n, XSD_NS)) {
            match child.tag_name().name() {
                "annotation" => {}
                "element" => fields.push(self.field(scope, child, depth)?),
                _ => return Err(unsupported_content(doc, child)),
            }
        }
        Ok(fields)
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
                return Err(doc.error(
                    node,
                    ErrorKind::UnresolvedElement {
                        reference: raw.to_string(),
                    },
                ));
            };
            let ty = self.element_type(self.scope(target), target.node, depth)?;
            let nillable = target.doc.bool_attr(target.node, "nillable", false)?;
            return Ok(Field {
                name,
                ty,
                min_occurs,
                max_occurs,
                nillable,
            });
        }
        let local = doc.required(node, "name")?;
        let qualified = match node.attribute("form") {
            None => scope.context.qualified,
            Some("qualified") => true,
            Some("unqualified") => false,
            Some(other) => {
                return Err(doc.invalid_value(node, "form", other, "`qualified` or `unqualified`"))
            }
        };
        let namespace = if qualified {
            scope.context.target.clone()
        } else {
            String::new()
        };
        Ok(Field {
            name: QName::new(namespace, local),
            ty: self.element_type(scope, node, depth)?,
            min_occurs,
            max_occurs,
            nillable: doc.bool_attr(node, "nillable", false)?,
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
                "restriction" => return self.restriction(scope, child),
                "list" => return self.list(scope, child, depth),
                _ => {
                    return Err(doc.unsupported(
                        child,
                        format!("`{}` in a simple type", tag(child)),
                        "only xs:restriction (with or without xs:enumeration) and xs:list \
                         are supported in xs:simpleType",
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
            });
        }
        Ok(SimpleType::Restriction { base, enumeration })
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
            return Ok(SimpleType::List {
                item: Box::new(TypeRef::Named(item)),
            });
        }
        let Some(anonymous) = elements(node).find(|c| is(*c, XSD_NS, "simpleType")) else {
            return Err(doc.missing(node, "itemType"));
        };
        self.check_nesting(doc, anonymous, depth)?;
        let item = self.simple(scope, anonymous, depth + 1)?;
        Ok(SimpleType::List {
            item: Box::new(TypeRef::AnonymousSimple(Box::new(item))),
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
    Ok(SchemaContext {
        target,
        qualified,
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
