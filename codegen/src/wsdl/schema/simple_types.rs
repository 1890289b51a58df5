//! Reading `xs:simpleType`: restrictions (enumerations among them), lists and unions.

use super::{adopt, appinfo, schema_documentation, ErrorKind, SchemaIndex, Scope, WsdlError};
use crate::model::{EnumValue, Facets, QName, SimpleType, TypeRef};
use crate::wsdl::xml::{elements, in_ns, is, tag, Doc, XmlNode, XSD_NS};

impl<'d, 's> SchemaIndex<'d, 's> {
    /// An `xs:simpleType`, named or anonymous.
    pub(super) fn simple(
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
                    let simple = self.restriction(scope, child, depth)?;
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
                        declared_as: self.element_kind(&name),
                        declared_in: self.type_namespace(&name),
                        in_schema_namespace: name.namespace == XSD_NS,
                        allowable: false,
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

    /// An `xs:restriction` in a simple type, possibly an enumeration, with its facets. A
    /// restriction of an anonymous simple type is that type with the restriction's facets; of
    /// a list or a union (a list restricted in length, say), it is that list or union, unless
    /// it enumerates whole values.
    fn restriction(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
    ) -> Result<SimpleType, WsdlError> {
        let doc = scope.doc;
        let enumeration = self.enumeration(scope, node)?;
        let facets = facets(doc, node)?;
        let Some(base) = self.type_attr(scope, node, "base")? else {
            let Some(inner) = self.anonymous_simple(scope, node, depth)? else {
                return Err(doc.missing(node, "base"));
            };
            return Ok(match inner {
                SimpleType::Restriction {
                    base,
                    enumeration: inner_enumeration,
                    facets: inner_facets,
                    ..
                } => SimpleType::Restriction {
                    base,
                    enumeration: if enumeration.is_empty() {
                        inner_enumeration
                    } else {
                        enumeration
                    },
                    facets: Box::new(inner_facets.narrowed_by(facets)),
                    documentation: None,
                },
                _ if enumeration.is_empty() => inner,
                // Enumerated values of a list or union: each value is one whole text.
                SimpleType::List { .. } | SimpleType::Union { .. } => SimpleType::Restriction {
                    base: QName::new(XSD_NS, "string"),
                    enumeration,
                    facets: Box::default(),
                    documentation: None,
                },
            });
        };
        Ok(SimpleType::Restriction {
            base,
            enumeration,
            facets: Box::new(facets),
            documentation: None,
        })
    }

    /// The `xs:enumeration` facets of restriction `node`, in schema order.
    fn enumeration(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
    ) -> Result<Vec<EnumValue>, WsdlError> {
        let doc = scope.doc;
        let mut enumeration = Vec::new();
        for value in elements(node).filter(|c| is(*c, XSD_NS, "enumeration")) {
            enumeration.push(EnumValue {
                value: doc.required(value, "value")?.to_string(),
                numeric: enumeration_value(doc, value)?,
                documentation: schema_documentation(value),
            });
        }
        Ok(enumeration)
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
        let Some(item) = self.anonymous_simple(scope, node, depth)? else {
            return Err(doc.missing(node, "itemType"));
        };
        Ok(SimpleType::List {
            item: Box::new(TypeRef::AnonymousSimple(Box::new(item))),
            documentation: None,
        })
    }

    /// The anonymous `xs:simpleType` child of `node` (at nesting `depth`), read, if it has one.
    pub(super) fn anonymous_simple(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
    ) -> Result<Option<SimpleType>, WsdlError> {
        let Some(anonymous) = elements(node).find(|c| is(*c, XSD_NS, "simpleType")) else {
            return Ok(None);
        };
        self.check_nesting(scope.doc, anonymous, depth)?;
        self.simple(scope, anonymous, depth + 1).map(Some)
    }
}

/// The facets of restriction `node` other than its enumerations; a digit or length facet
/// that is no non-negative integer is an error at its element.
fn facets(doc: &Doc<'_>, node: XmlNode<'_, '_>) -> Result<Facets, WsdlError> {
    let mut facets = Facets::default();
    let mut patterns = Vec::new();
    for facet in elements(node).filter(|c| in_ns(*c, XSD_NS)) {
        let value = || doc.required(facet, "value").map(|v| v.trim().to_string());
        let count = || -> Result<u64, WsdlError> {
            let text = value()?;
            text.parse::<u64>().map_err(|_| {
                doc.invalid(
                    facet,
                    format!(
                        "`xs:{}` has the value {text:?}, which is no non-negative integer",
                        facet.tag_name().name()
                    ),
                    "a digit or length facet counts digits or items: write a whole number",
                )
            })
        };
        let digits =
            || -> Result<u32, WsdlError> { count().map(|n| u32::try_from(n).unwrap_or(u32::MAX)) };
        match facet.tag_name().name() {
            "minInclusive" => facets.min_inclusive = Some(value()?),
            "maxInclusive" => facets.max_inclusive = Some(value()?),
            "minExclusive" => facets.min_exclusive = Some(value()?),
            "maxExclusive" => facets.max_exclusive = Some(value()?),
            "totalDigits" => facets.total_digits = Some(digits()?),
            "fractionDigits" => facets.fraction_digits = Some(digits()?),
            "length" => facets.length = Some(count()?),
            "minLength" => facets.min_length = Some(count()?),
            "maxLength" => facets.max_length = Some(count()?),
            // A pattern's value is a regular expression: its spaces are its own.
            "pattern" => patterns.push(doc.required(facet, "value")?.to_string()),
            _ => {}
        }
    }
    if !patterns.is_empty() {
        facets.patterns.push(patterns);
    }
    Ok(facets)
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
