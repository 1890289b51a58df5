//! Reading a `wsdl:binding` into a [`Binding`]: SOAP version, operations, and each direction's
//! body element and header parts resolved through messages.
//!
//! Only document/literal SOAP 1.1 and SOAP 1.2 bindings are supported. A binding without a
//! `soap:binding` or `soap12:binding` (HTTP GET/POST, MIME) is not an error: it is left out of
//! the model together with its ports, as WSDL tools usually do. `style="rpc"` and
//! `use="encoded"` are reported as unsupported.

use std::collections::BTreeSet;

use super::definitions::{message_ref, PartContent, PortIo, PortOperation, WsdlIndex};
use super::docs::{either, wsdl_documentation};
use super::error::{ErrorKind, WsdlError};
use super::xml::{
    child, duplicate, elements, in_ns, is, tag, Doc, XmlNode, SOAP11_NS, SOAP12_NS, WSDL_NS,
};
use crate::model::{
    Binding, FaultBinding, HeaderPart, MessageBinding, Operation, QName, SoapVersion,
};

/// The help for rpc style and SOAP encoding.
const DOCUMENT_LITERAL_ONLY: &str =
    "only document/literal bindings are supported: use style=\"document\" and use=\"literal\" \
     with parts that name global elements";

/// The SOAP extension namespace of a binding, and the other one (mixing them is an error).
#[derive(Clone, Copy)]
struct Soap {
    version: SoapVersion,
    namespace: &'static str,
    other: &'static str,
}

/// Reads the binding `name` declared by `node`; `None` when it is not a SOAP binding.
pub(crate) fn read_binding(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    node: XmlNode<'_, '_>,
    name: QName,
) -> Result<Option<Binding>, WsdlError> {
    let (soap, soap_binding) = if let Some(b) = child(node, SOAP11_NS, "binding") {
        let soap = Soap {
            version: SoapVersion::Soap11,
            namespace: SOAP11_NS,
            other: SOAP12_NS,
        };
        (soap, b)
    } else if let Some(b) = child(node, SOAP12_NS, "binding") {
        let soap = Soap {
            version: SoapVersion::Soap12,
            namespace: SOAP12_NS,
            other: SOAP11_NS,
        };
        (soap, b)
    } else {
        return Ok(None);
    };
    let default_style = soap_binding.attribute("style");
    check_style(doc, soap_binding, default_style)?;
    let (port_type_name, raw) = doc.required_qname(node, "type")?;
    let Some(port_type) = wsdl.port_types.get(&port_type_name) else {
        return Err(doc.error(
            node,
            ErrorKind::UnresolvedPortType {
                reference: raw.to_string(),
            },
        ));
    };
    let mut operations: Vec<Operation> = Vec::new();
    let mut seen: Vec<(&str, XmlNode<'_, '_>)> = Vec::new();
    for op in elements(node).filter(|n| is(*n, WSDL_NS, "operation")) {
        let op_name = doc.required(op, "name")?;
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == op_name) {
            return Err(duplicate(
                (doc, *first),
                (doc, op),
                "operation",
                op_name,
                format!("binding `{}`", name.local),
            ));
        }
        seen.push((op_name, op));
        let Some(declared) = port_type.operations.iter().find(|o| o.name == op_name) else {
            return Err(doc.error(
                op,
                ErrorKind::UnresolvedOperation {
                    operation: op_name.to_string(),
                    port_type: raw.to_string(),
                },
            ));
        };
        operations.push(read_operation(
            wsdl,
            doc,
            op,
            declared,
            soap,
            default_style,
        )?);
    }
    Ok(Some(Binding {
        name,
        port_type: port_type_name,
        soap_version: soap.version,
        operations,
    }))
}

/// One `wsdl:operation` of a binding, matched with its port type operation `declared`.
fn read_operation(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    node: XmlNode<'_, '_>,
    declared: &PortOperation,
    soap: Soap,
    default_style: Option<&str>,
) -> Result<Operation, WsdlError> {
    check_soap_namespace(doc, node, soap)?;
    let soap_operation = child(node, soap.namespace, "operation");
    if let Some(soap_operation) = soap_operation {
        let style = soap_operation.attribute("style").or(default_style);
        check_style(doc, soap_operation, style)?;
    }
    let input = read_direction(
        wsdl,
        doc,
        node,
        "input",
        declared.input.as_ref(),
        declared,
        soap,
    )?;
    let output = read_direction(
        wsdl,
        doc,
        node,
        "output",
        declared.output.as_ref(),
        declared,
        soap,
    )?;
    for fault in elements(node).filter(|n| is(*n, WSDL_NS, "fault")) {
        let fault_name = doc.required(fault, "name")?;
        if !declared.faults.iter().any(|f| f.name == fault_name) {
            return Err(doc.error(
                fault,
                ErrorKind::UnresolvedFault {
                    operation: declared.name.clone(),
                    fault: fault_name.to_string(),
                },
            ));
        }
        check_soap_namespace(doc, fault, soap)?;
        if let Some(soap_fault) = child(fault, soap.namespace, "fault") {
            check_use(doc, soap_fault)?;
        }
    }
    let mut faults = Vec::new();
    for fault in &declared.faults {
        faults.push(FaultBinding {
            name: fault.name.clone(),
            element: fault_element(wsdl, doc, node, &fault.message)?,
        });
    }
    Ok(Operation {
        name: declared.name.clone(),
        soap_action: soap_operation
            .and_then(|o| o.attribute("soapAction"))
            .map(str::to_string),
        input,
        output,
        faults,
        documentation: either(declared.documentation.clone(), wsdl_documentation(node)),
    })
}

/// The `wsdl:input` or `wsdl:output` (`which`) of a binding operation, matched with the port
/// type's (`declared`).
fn read_direction(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    operation: XmlNode<'_, '_>,
    which: &'static str,
    declared: Option<&PortIo>,
    port_operation: &PortOperation,
    soap: Soap,
) -> Result<Option<MessageBinding>, WsdlError> {
    let bound = child(operation, WSDL_NS, which);
    let op = &port_operation.name;
    match (declared, bound) {
        (None, None) => Ok(None),
        (None, Some(bound)) => Err(doc.invalid(
            bound,
            format!("binding operation `{op}` has a `wsdl:{which}` but its port type operation has none"),
            "make the binding operation match the port type operation",
        )),
        (Some(_), None) => Err(doc.invalid(
            operation,
            format!("binding operation `{op}` has no `wsdl:{which}` but its port type operation has one"),
            "add the missing element with a soap:body to the binding operation",
        )),
        (Some(declared), Some(bound)) => {
            read_message_binding(wsdl, doc, bound, declared, op, soap).map(Some)
        }
    }
}

/// The body element and header parts of one direction of a binding operation.
fn read_message_binding(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    node: XmlNode<'_, '_>,
    declared: &PortIo,
    op: &str,
    soap: Soap,
) -> Result<MessageBinding, WsdlError> {
    check_soap_namespace(doc, node, soap)?;
    let mut headers = Vec::new();
    let mut header_parts = BTreeSet::new();
    let mut body = None;
    for element in elements(node).filter(|n| in_ns(*n, soap.namespace)) {
        match element.tag_name().name() {
            "header" => {
                check_use(doc, element)?;
                let message_name = message_ref(wsdl, doc, element)?;
                let part_name = doc.required(element, "part")?;
                let part = wsdl
                    .messages
                    .get(&message_name)
                    .and_then(|m| m.part(part_name))
                    .ok_or_else(|| {
                        doc.error(
                            element,
                            ErrorKind::UnresolvedPart {
                                message: message_name.local.clone(),
                                part: part_name.to_string(),
                            },
                        )
                    })?;
                let PartContent::Element(header_element) = &part.content else {
                    return Err(part.doc.unsupported(
                        part.node,
                        format!("header part `{part_name}` with `type=`"),
                        "declare header parts with `element=` naming a global xs:element",
                    ));
                };
                if message_name == declared.message {
                    header_parts.insert(part_name.to_string());
                }
                headers.push(HeaderPart {
                    part: part_name.to_string(),
                    element: header_element.clone(),
                });
            }
            "body" => {
                if body.is_some() {
                    return Err(doc.invalid(
                        element,
                        "more than one `soap:body`",
                        "keep a single soap:body",
                    ));
                }
                check_use(doc, element)?;
                body = Some(element);
            }
            _ => {}
        }
    }
    let body = match body {
        Some(body) => body_element(wsdl, doc, body, declared, &header_parts, op)?,
        None => None,
    };
    Ok(MessageBinding {
        action: declared.action.clone(),
        body,
        headers,
    })
}

/// The element carried by `soap:body`: its `parts=`, or else every part of the message not
/// bound as a header. Document/literal allows at most one, and it must name an element.
fn body_element(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    body: XmlNode<'_, '_>,
    declared: &PortIo,
    header_parts: &BTreeSet<String>,
    op: &str,
) -> Result<Option<QName>, WsdlError> {
    let Some(message) = wsdl.messages.get(&declared.message) else {
        return Err(doc.error(
            body,
            ErrorKind::UnresolvedMessage {
                reference: declared.message.to_string(),
            },
        ));
    };
    let parts = match body.attribute("parts") {
        Some(list) => {
            let mut parts = Vec::new();
            for name in list.split_whitespace() {
                let part = message.part(name).ok_or_else(|| {
                    doc.error(
                        body,
                        ErrorKind::UnresolvedPart {
                            message: declared.message.local.clone(),
                            part: name.to_string(),
                        },
                    )
                })?;
                parts.push(part);
            }
            parts
        }
        None => message
            .parts
            .iter()
            .filter(|p| !header_parts.contains(&p.name))
            .collect(),
    };
    match parts.as_slice() {
        [] => Ok(None),
        [part] => match &part.content {
            PartContent::Element(element) => Ok(Some(element.clone())),
            PartContent::Type => Err(part.doc.unsupported(
                part.node,
                format!(
                    "part `{}` of message `{}` has `type=` but is the document/literal body of operation `{op}`",
                    part.name, declared.message.local
                ),
                "declare the part with `element=` naming a global xs:element; \
                 rpc-style parts are not supported",
            )),
        },
        parts => Err(doc.unsupported(
            body,
            format!(
                "a document/literal body with {} parts in operation `{op}`",
                parts.len()
            ),
            "use a single body part naming a wrapper element (WS-I Basic Profile R2201), \
             or select one with `parts=`",
        )),
    }
}

/// The element of a fault message's single part.
/// (`node` is the binding operation, where an unknown message would be reported.)
fn fault_element(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    node: XmlNode<'_, '_>,
    message_name: &QName,
) -> Result<QName, WsdlError> {
    let Some(message) = wsdl.messages.get(message_name) else {
        return Err(doc.error(
            node,
            ErrorKind::UnresolvedMessage {
                reference: message_name.to_string(),
            },
        ));
    };
    match message.parts.as_slice() {
        [part] => match &part.content {
            PartContent::Element(element) => Ok(element.clone()),
            PartContent::Type => Err(part.doc.unsupported(
                part.node,
                format!("fault part `{}` with `type=`", part.name),
                "declare the fault part with `element=` naming a global xs:element",
            )),
        },
        _ => Err(message.doc.unsupported(
            message.node,
            format!(
                "fault message `{}` with {} parts",
                message_name.local,
                message.parts.len()
            ),
            "a fault message must have exactly one part naming the detail element",
        )),
    }
}

/// Refuses `style="rpc"` (and values other than `document`).
fn check_style(doc: &Doc<'_>, node: XmlNode<'_, '_>, style: Option<&str>) -> Result<(), WsdlError> {
    match style {
        None | Some("document") => Ok(()),
        Some("rpc") => {
            Err(doc.unsupported(node, "rpc style (`style=\"rpc\"`)", DOCUMENT_LITERAL_ONLY))
        }
        Some(other) => Err(doc.invalid_value(node, "style", other, "`document` or `rpc`")),
    }
}

/// Refuses `use="encoded"` (and values other than `literal`).
fn check_use(doc: &Doc<'_>, node: XmlNode<'_, '_>) -> Result<(), WsdlError> {
    match node.attribute("use") {
        None | Some("literal") => Ok(()),
        Some("encoded") => Err(doc.unsupported(
            node,
            "SOAP encoding (`use=\"encoded\"`)",
            DOCUMENT_LITERAL_ONLY,
        )),
        Some(other) => Err(doc.invalid_value(node, "use", other, "`literal` or `encoded`")),
    }
}

/// Refuses elements of the other SOAP version inside a binding of one version.
fn check_soap_namespace(doc: &Doc<'_>, node: XmlNode<'_, '_>, soap: Soap) -> Result<(), WsdlError> {
    match elements(node).find(|n| in_ns(*n, soap.other)) {
        Some(mixed) => Err(doc.invalid(
            mixed,
            format!("`{}` in a {} binding", tag(mixed), soap.version),
            "use the SOAP extension elements of the binding's own version throughout",
        )),
        None => Ok(()),
    }
}
