//! Reading a complex type's attributes: `xs:attribute` (local, or by `ref=`), `xs:attributeGroup
//! ref=` and `xs:anyAttribute`, and an attribute's simple type.

use super::values::{array_type, split_constraint, value_constraint, wildcard};
use super::{local_declaration_name, unsupported_content, RefKind, SchemaIndex, Scope, WsdlError};
use crate::model::{Attribute, ComplexType, MaxOccurs, QName, TypeRef};
use crate::wsdl::docs::schema_documentation;
use crate::wsdl::xml::{elements, in_ns, XmlNode, XSD_NS};

impl<'d, 's> SchemaIndex<'d, 's> {
    /// An attribute-like child of a complex type or derivation: `xs:attribute`,
    /// `xs:attributeGroup ref=` or `xs:anyAttribute`; anything else is unsupported.
    pub(super) fn attribute_item(
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
    pub(super) fn attribute(
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
    pub(super) fn attribute_type(
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
        Ok(match self.anonymous_simple(scope, node, 0)? {
            Some(ty) => TypeRef::AnonymousSimple(Box::new(ty)),
            None => TypeRef::Named(QName::new(XSD_NS, "anySimpleType")),
        })
    }
}
