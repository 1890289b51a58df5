//! Reading a complex type's content: model groups, their particles, and the derivations of
//! complex and simple content.

use super::values::{occurs, wildcard};
use super::{unsupported_content, RefKind, SchemaIndex, Scope, Warning, WsdlError};
use crate::model::{ComplexType, Compositor, Derivation, Group, MaxOccurs, Particle, QName};
use crate::wsdl::xml::{elements, in_ns, is, tag, XmlNode, XSD_NS};

impl<'d, 's> SchemaIndex<'d, 's> {
    /// The elements and wildcards (`loose`) the complex type `node` holds with no compositor
    /// around them, which XML Schema does not allow (NuSOAP writes a type so when given none),
    /// read as the `xs:sequence` they stand for, with a warning.
    pub(super) fn loose_sequence(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        loose: &[XmlNode<'d, 's>],
        depth: usize,
    ) -> Result<Group, WsdlError> {
        if let Some(&first) = loose.first() {
            self.warn(Warning {
                message: format!(
                    "`{}` holds `{}` with no `xs:sequence` around it, which XML Schema does not allow",
                    tag(node),
                    tag(first)
                ),
                location: scope.doc.location(first),
                note: "read as an xs:sequence of them in document order, as NuSOAP, which writes \
                       a type so when given no compositor, reads it (zeep refuses the type)"
                    .into(),
            });
        }
        let mut particles = Vec::with_capacity(loose.len());
        for &child in loose {
            particles.push(match child.tag_name().name() {
                "element" => Particle::Element(self.field(scope, child, depth)?),
                _ => Particle::Any(wildcard(scope, child, occurs(scope.doc, child)?)?),
            });
        }
        Ok(Group {
            kind: Compositor::Sequence,
            min_occurs: 1,
            max_occurs: MaxOccurs::Bounded(1),
            particles,
        })
    }

    /// A content model: `xs:sequence`, `xs:all`, `xs:choice` or `xs:group ref=`, with its
    /// own occurrence.
    pub(super) fn model_group(
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
    pub(super) fn complex_content(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
        ty: &mut ComplexType,
    ) -> Result<(), WsdlError> {
        let doc = scope.doc;
        // `mixed` on xs:complexContent, where given, decides over the complex type's own
        // (XML Schema 1.0 section 3.4.2).
        if node.attribute("mixed").is_some() {
            ty.mixed = doc.bool_attr(node, "mixed", false)?;
        }
        let (derivation, kind, base) = self.derivation(scope, node)?;
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
    pub(super) fn simple_content(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
        depth: usize,
        ty: &mut ComplexType,
    ) -> Result<(), WsdlError> {
        let doc = scope.doc;
        let (derivation, kind, base) = self.derivation(scope, node)?;
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
    /// `xs:simpleContent`, its kind and its (required) `base` type.
    fn derivation(
        &self,
        scope: Scope<'_, 'd, 's>,
        node: XmlNode<'d, 's>,
    ) -> Result<(XmlNode<'d, 's>, Derivation, QName), WsdlError> {
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
        let Some((derivation, kind)) = found else {
            return Err(doc.invalid(
                node,
                format!("`{}` has no `xs:extension` or `xs:restriction`", tag(node)),
                "add an xs:extension or xs:restriction with a `base` type",
            ));
        };
        let Some(base) = self.type_attr(scope, derivation, "base")? else {
            return Err(doc.missing(derivation, "base"));
        };
        Ok((derivation, kind, base))
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
}
