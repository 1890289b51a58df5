//! The values of particles and declarations: occurrence, `default`/`fixed`, wildcards and
//! `wsdl:arrayType`.

use super::{Scope, WsdlError};
use crate::model::{ArrayType, MaxOccurs, NamespaceConstraint, ProcessContents, Wildcard};
use crate::wsdl::xml::{tag, Doc, XmlNode, WSDL_NS};

/// `minOccurs` and `maxOccurs` of `node` (both 1 by default).
pub(super) fn occurs(doc: &Doc<'_>, node: XmlNode<'_, '_>) -> Result<(u32, MaxOccurs), WsdlError> {
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

/// The `default` or `fixed` value of an element or attribute declaration (not both), and
/// whether it is `fixed`.
pub(super) fn value_constraint(
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
pub(super) fn split_constraint(constraint: Option<(String, bool)>) -> (Option<String>, bool) {
    match constraint {
        Some((value, fixed)) => (Some(value), fixed),
        None => (None, false),
    }
}

/// An `xs:any` or `xs:anyAttribute`, with the occurrence given.
pub(super) fn wildcard(
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

/// The `wsdl:arrayType` of an attribute declaration (SOAP-encoded arrays): the item type and
/// the rank of each bracket group after it (`[]`, `[,]`, `[5]`).
pub(super) fn array_type(
    doc: &Doc<'_>,
    node: XmlNode<'_, '_>,
) -> Result<Option<ArrayType>, WsdlError> {
    let Some(raw) = node.attribute((WSDL_NS, "arrayType")) else {
        return Ok(None);
    };
    let raw = raw.trim();
    let (item, brackets) = raw.split_at(raw.find('[').unwrap_or(raw.len()));
    let ranks = brackets
        .split_terminator(']')
        .map(|group| group.matches(',').count() + 1)
        .collect();
    Ok(Some(ArrayType {
        item: doc.qname(node, item)?,
        ranks,
    }))
}
