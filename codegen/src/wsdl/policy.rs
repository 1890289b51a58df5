//! The message protocols a binding or port asks for: WS-Addressing and MTOM, declared directly
//! (`wsaw:UsingAddressing`, `wsam:Addressing`) or through WS-Policy (a `wsp:Policy` inside the
//! element, or one the document declares and the element references with
//! `wsp:PolicyReference URI="#id"`).
//!
//! Policies of the binding's operations and their messages count for the whole binding: the
//! runtime speaks a protocol per endpoint.

use roxmltree::Node;

use super::xml::{WSAM_NS, WSAW_NS, WSDL_NS};
use crate::model::{AddressingPolicy, AddressingVersion, MessagePolicy};

/// WS-Policy 1.2 (2004/09), as WCF writes it.
const WSP12_NS: &str = "http://schemas.xmlsoap.org/ws/2004/09/policy";
/// WS-Policy 1.5 (W3C).
const WSP15_NS: &str = "http://www.w3.org/ns/ws-policy";
/// The policy assertion of the 2004/08 WS-Addressing submission (`wsap:UsingAddressing`).
const WSAP_NS: &str = "http://schemas.xmlsoap.org/ws/2004/08/addressing/policy";
/// The 2004/08 WS-Addressing submission itself (some WSDLs name its namespace instead).
const WSA200408_NS: &str = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
/// MTOM's policy assertion (`wsoma:OptimizedMimeSerialization`).
const WSOMA_NS: &str = "http://schemas.xmlsoap.org/ws/2004/09/policy/optimizedmimeserialization";
/// WS-Security utility (`wsu:Id`, the usual policy identifier).
const WSU_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

fn is_policy_ns(namespace: Option<&str>) -> bool {
    matches!(namespace, Some(WSP12_NS | WSP15_NS))
}

/// What `node` (a `wsdl:binding` or `wsdl:port`) and everything inside it declares.
pub(crate) fn message_policy(node: Node<'_, '_>) -> MessagePolicy {
    let mut policy = MessagePolicy::default();
    let mut visited = Vec::new();
    for descendant in node.descendants().filter(Node::is_element) {
        assertion(descendant, &mut policy);
        if is_policy_ns(descendant.tag_name().namespace())
            && descendant.tag_name().name() == "PolicyReference"
        {
            if let Some(referenced) = descendant
                .attribute("URI")
                .and_then(|uri| uri.strip_prefix('#'))
                .and_then(|id| find_policy(node, id))
            {
                if !visited.contains(&referenced.id()) {
                    visited.push(referenced.id());
                    for inner in referenced.descendants().filter(Node::is_element) {
                        assertion(inner, &mut policy);
                    }
                }
            }
        }
    }
    policy
}

/// The `wsp:Policy` of the document whose `wsu:Id` (or `Id`, or `Name`) is `id`.
fn find_policy<'a, 'input>(node: Node<'a, 'input>, id: &str) -> Option<Node<'a, 'input>> {
    node.document().descendants().find(|n| {
        is_policy_ns(n.tag_name().namespace())
            && n.tag_name().name() == "Policy"
            && (n.attribute((WSU_NS, "Id")) == Some(id)
                || n.attribute("Id") == Some(id)
                || n.attribute("Name") == Some(id))
    })
}

/// Records what the element `node` asserts, if it is an assertion this module knows.
fn assertion(node: Node<'_, '_>, policy: &mut MessagePolicy) {
    let name = node.tag_name();
    let optional = node
        .attributes()
        .find(|a| a.name() == "Optional" && is_policy_ns(a.namespace()))
        .is_some_and(|a| a.value().trim() == "true");
    let version = match (name.namespace(), name.name()) {
        (Some(WSAW_NS), "UsingAddressing") | (Some(WSAM_NS), "Addressing") => {
            AddressingVersion::W3c10
        }
        (Some(WSAP_NS | WSA200408_NS), "UsingAddressing") => AddressingVersion::Submission200408,
        (Some(WSOMA_NS), "OptimizedMimeSerialization") => {
            policy.mtom = true;
            return;
        }
        _ => return,
    };
    // `wsdl:required="false"` on `UsingAddressing` as a WSDL extension, `wsp:Optional` in a
    // policy: the headers are understood but not demanded.
    let required = !optional
        && node
            .attribute((WSDL_NS, "required"))
            .is_none_or(|v| v.trim() == "true" || name.name() == "Addressing");
    let required = required
        || policy
            .addressing
            .as_ref()
            .is_some_and(|a: &AddressingPolicy| a.required);
    policy.addressing = Some(AddressingPolicy { version, required });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy_of(wsdl: &str) -> MessagePolicy {
        let doc = roxmltree::Document::parse(wsdl).expect("XML");
        let binding = doc
            .descendants()
            .find(|n| n.tag_name().name() == "binding")
            .expect("a binding");
        message_policy(binding)
    }

    #[test]
    fn referenced_policy_declares_addressing_and_mtom() {
        let policy = policy_of(
            r##"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
                xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy"
                xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
                xmlns:wsam="http://www.w3.org/2007/05/addressing/metadata"
                xmlns:wsoma="http://schemas.xmlsoap.org/ws/2004/09/policy/optimizedmimeserialization">
              <wsp:Policy wsu:Id="P"><wsp:ExactlyOne><wsp:All>
                <wsoma:OptimizedMimeSerialization/>
                <wsam:Addressing><wsp:Policy><wsam:AnonymousResponses/></wsp:Policy></wsam:Addressing>
              </wsp:All></wsp:ExactlyOne></wsp:Policy>
              <binding name="B"><wsp:PolicyReference URI="#P"/></binding>
            </definitions>"##,
        );
        assert!(policy.mtom);
        assert_eq!(
            policy.addressing,
            Some(AddressingPolicy {
                version: AddressingVersion::W3c10,
                required: true
            })
        );
    }

    #[test]
    fn direct_extension_and_optional_assertions() {
        let policy = policy_of(
            r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
                xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl">
              <binding name="B"><wsaw:UsingAddressing xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" wsdl:required="false"/></binding>
            </definitions>"#,
        );
        assert_eq!(
            policy.addressing,
            Some(AddressingPolicy {
                version: AddressingVersion::W3c10,
                required: false
            })
        );
        let policy = policy_of(
            r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
                xmlns:wsp="http://www.w3.org/ns/ws-policy"
                xmlns:wsap="http://schemas.xmlsoap.org/ws/2004/08/addressing/policy">
              <binding name="B"><wsp:Policy><wsap:UsingAddressing wsp:Optional="true"/></wsp:Policy></binding>
            </definitions>"#,
        );
        assert_eq!(
            policy.addressing,
            Some(AddressingPolicy {
                version: AddressingVersion::Submission200408,
                required: false
            })
        );
        assert!(!policy.mtom);
        let none = policy_of(
            r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"><binding name="B"/></definitions>"#,
        );
        assert_eq!(none, MessagePolicy::default());
    }
}
