//! Reading a `wsdl:binding` into a [`Binding`]: SOAP version, operations, and each direction's
//! body element and header parts resolved through messages.
//!
//! Document and rpc style, literal and encoded use, SOAP 1.1 and SOAP 1.2, and SOAP with
//! Attachments (a `mime:multipartRelated` input or output, read by [`super::mime`]). A binding
//! without a `soap:binding` or `soap12:binding` (HTTP GET/POST, MIME) is not an error: it is
//! left out of the model together with its ports, as WSDL tools usually do.

use std::collections::BTreeSet;

use super::definitions::{message_ref, PortIo, PortOperation, WsdlIndex};
use super::docs::{either, wsdl_documentation};
use super::error::{ErrorKind, Warning, WsdlError};
use super::mime::{read_multipart_related, MIME_NS};
use super::xml::{
    child, duplicate, elements, in_ns, is, tag, Doc, XmlNode, SOAP11_NS, SOAP12_NS, WSAM_NS,
    WSAW_NS, WSDL_NS,
};
use crate::model::{
    AttachmentPart, Binding, FaultBinding, HeaderPart, MessageBinding, MessagePart, Operation,
    PartContent, QName, SoapVersion, SOAP_ENCODING_NS,
};
/// The WS-Attachments DIME binding (`dime:message`).
const DIME_NS: &str = "http://schemas.xmlsoap.org/ws/2002/04/dime/wsdl/";

/// The style of a binding operation (`soap:operation/@style`, else the binding's).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// The body holds the parts' elements (one wrapper element, usually).
    Document,
    /// The body holds a wrapper named after the operation, with one child per part.
    Rpc,
}

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
    check_required_extensions(doc, node)?;
    let default_style = style(doc, soap_binding, Style::Document)?;
    let (port_type_name, raw) = doc.required_qname(node, "type")?;
    let Some(port_type) = wsdl.port_types.get(&port_type_name) else {
        return Err(doc.error(
            node,
            ErrorKind::UnresolvedPortType {
                reference: raw.to_string(),
                declared_in: super::definitions::namespace_of_same_local(
                    wsdl.port_types.keys(),
                    &port_type_name,
                ),
            },
        ));
    };
    let mut operations: Vec<Operation> = Vec::new();
    let mut seen: Vec<(&str, XmlNode<'_, '_>)> = Vec::new();
    for op in elements(node).filter(|n| is(*n, WSDL_NS, "operation")) {
        let op_name = doc.name(op)?;
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
            if wsdl.is_left_out(&port_type_name, op_name) {
                continue;
            }
            return Err(doc.error(
                op,
                ErrorKind::UnresolvedOperation {
                    operation: op_name.to_string(),
                    port_type: raw.to_string(),
                },
            ));
        };
        match read_operation(wsdl, doc, op, declared, soap, default_style) {
            Ok(operation) => operations.push(operation),
            Err(error) if wsdl.leave_out(&port_type_name, op_name, &error) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(Some(Binding {
        name,
        port_type: port_type_name,
        soap_version: soap.version,
        operations,
        policy: super::policy::message_policy(node),
    }))
}

/// The extension namespaces whose elements in a binding the generator understands: SOAP, and
/// WS-Addressing and WS-Policy (read by [`super::policy`]); MIME (SOAP with Attachments, read
/// by [`super::mime`]) and DIME, refused where it stands with a diagnostic of its own.
const UNDERSTOOD_EXTENSIONS: &[&str] = &[
    SOAP11_NS,
    SOAP12_NS,
    MIME_NS,
    DIME_NS,
    WSAW_NS,
    WSAM_NS,
    "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "http://schemas.xmlsoap.org/ws/2004/08/addressing/policy",
    "http://schemas.xmlsoap.org/ws/2004/09/policy",
    "http://www.w3.org/ns/ws-policy",
];

/// Refuses an extension element in the binding `node` (on the binding, an operation or a
/// message) that says `wsdl:required="true"` and is of a namespace the generator does not
/// understand: a client ignoring it would not speak the protocol the binding describes.
fn check_required_extensions(doc: &Doc<'_>, node: XmlNode<'_, '_>) -> Result<(), WsdlError> {
    let required = node.descendants().find(|n| {
        n.is_element()
            && n.attribute((WSDL_NS, "required")) == Some("true")
            && !n
                .tag_name()
                .namespace()
                .is_some_and(|ns| ns == WSDL_NS || UNDERSTOOD_EXTENSIONS.contains(&ns))
    });
    match required {
        None => Ok(()),
        Some(extension) => Err(doc.unsupported(
            extension,
            format!(
                "the required extension `{}` of namespace `{}` in a binding",
                extension.tag_name().name(),
                extension.tag_name().namespace().unwrap_or_default()
            ),
            "an extension marked `wsdl:required=\"true\"` changes how the binding is spoken \
             and cannot be passed over; bind the port type with plain SOAP, or drop the \
             attribute if the extension is optional",
        )),
    }
}

/// One `wsdl:operation` of a binding, matched with its port type operation `declared`.
fn read_operation(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    node: XmlNode<'_, '_>,
    declared: &PortOperation,
    soap: Soap,
    default_style: Style,
) -> Result<Operation, WsdlError> {
    check_soap_namespace(doc, node, soap)?;
    let soap_operation = child(node, soap.namespace, "operation");
    let style = match soap_operation {
        Some(soap_operation) => style(doc, soap_operation, default_style)?,
        None => default_style,
    };
    let direction = |which: &'static str, io: Option<&PortIo>| {
        read_direction(wsdl, doc, node, which, io, declared, soap, style)
    };
    let input = direction("input", declared.input.as_ref())?;
    let output = direction("output", declared.output.as_ref())?;
    for fault in elements(node).filter(|n| is(*n, WSDL_NS, "fault")) {
        let fault_name = doc.name(fault)?;
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
            is_encoded(doc, soap_fault)?;
        }
    }
    let mut faults = Vec::new();
    for fault in &declared.faults {
        let soap_fault = elements(node)
            .filter(|n| is(*n, WSDL_NS, "fault"))
            .find(|n| n.attribute("name").map(str::trim) == Some(fault.name.as_str()))
            .and_then(|n| child(n, soap.namespace, "fault"));
        faults.push(FaultBinding {
            name: fault.name.clone(),
            element: fault_element(wsdl, doc, node, &fault.message, soap_fault)?,
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
#[allow(clippy::too_many_arguments)]
fn read_direction(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    operation: XmlNode<'_, '_>,
    which: &'static str,
    declared: Option<&PortIo>,
    port_operation: &PortOperation,
    soap: Soap,
    style: Style,
) -> Result<Option<MessageBinding>, WsdlError> {
    let bound = child(operation, WSDL_NS, which);
    let op = &port_operation.name;
    match (declared, bound) {
        (None, None) => Ok(None),
        // A `wsdl:output` binding a one-way operation's response that its port type does not
        // declare (PHP's Zend_Soap AutoDiscover writes one for every void method): there is
        // no message to bind, so it is passed over, as zeep does, with a warning. The client
        // takes any 2xx answer to a one-way call, an envelope included.
        (None, Some(bound)) if which == "output" => {
            wsdl.warnings.borrow_mut().push(Warning {
                message: format!(
                    "binding operation `{op}` has a `wsdl:output` but its port type operation has none"
                ),
                location: doc.location(bound),
                note: "the output is left out: the operation is one-way, as its port type \
                       declares it (any 2xx answer is success)"
                    .into(),
            });
            Ok(None)
        }
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
            let wrapper = match which {
                "output" => format!("{op}Response"),
                _ => op.clone(),
            };
            let direction = Direction {
                declared,
                operation: op,
                wrapper: &wrapper,
                style,
            };
            read_message_binding(wsdl, doc, bound, &direction, soap).map(Some)
        }
    }
}

/// The element a header part is sent as. A part by `element=` is that element. A part by
/// `type=` (WSDL 1.1 section 3.7 allows it; WS-I's Basic Profile does not, so it is found in
/// older rpc services and zeep's own examples) is an element named after the part, in the
/// `soap:header`'s `namespace` when it has one (as an rpc body's parts are), else in no
/// namespace (as zeep and JAX-RPC send it); it is recorded in `wsdl.part_elements` for the
/// schema to declare with the part's type.
fn header_element(
    wsdl: &WsdlIndex<'_, '_>,
    header: XmlNode<'_, '_>,
    part_name: &str,
    content: &PartContent,
) -> QName {
    match content {
        PartContent::Element(element) => element.clone(),
        PartContent::Type(ty) => {
            let namespace = header.attribute("namespace").unwrap_or_default().trim();
            let element = QName::new(namespace, part_name);
            wsdl.part_elements
                .borrow_mut()
                .entry(element.clone())
                .or_insert_with(|| ty.clone());
            element
        }
    }
}

/// One direction of a binding operation, as the binding reader sees it.
struct Direction<'a> {
    /// The port type's input or output.
    declared: &'a PortIo,
    /// The operation's name.
    operation: &'a str,
    /// The rpc wrapper's local name: the operation's, plus `Response` for the output.
    wrapper: &'a str,
    style: Style,
}

/// The body element and header parts of one direction of a binding operation.
fn read_message_binding(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    node: XmlNode<'_, '_>,
    direction: &Direction<'_>,
    soap: Soap,
) -> Result<MessageBinding, WsdlError> {
    let declared = direction.declared;
    check_soap_namespace(doc, node, soap)?;
    let (container, attachments) = soap_container(wsdl, doc, node, direction, soap)?;
    let mut headers = Vec::new();
    let mut header_parts = BTreeSet::new();
    let mut body = None;
    for element in elements(container).filter(|n| in_ns(*n, soap.namespace)) {
        match element.tag_name().name() {
            "header" => {
                is_encoded(doc, element)?;
                let message_name = message_ref(wsdl, doc, element)?;
                let part_name = doc.required(element, "part")?.trim();
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
                let header_element = header_element(wsdl, element, part_name, part.content()?);
                if message_name == declared.message {
                    header_parts.insert(part_name.to_string());
                }
                headers.push(HeaderPart {
                    part: part_name.to_string(),
                    element: header_element,
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
                body = Some(element);
            }
            _ => {}
        }
    }
    let encoded = match body {
        Some(body) => is_encoded(doc, body)?,
        None => false,
    };
    // Parts that are attachments are neither in the body nor in a header.
    let mut outside_body = header_parts;
    outside_body.extend(attachments.iter().map(|a| a.name.clone()));
    let (body, parts) = match (body, direction.style) {
        (Some(body), Style::Document) => {
            let parts = body_parts(wsdl, doc, body, declared, &outside_body, &attachments)?;
            match parts.as_slice() {
                // With attachments, the body's parts and the attachments are the fields of
                // one value, the body's parts being the Body's children.
                _ if !attachments.is_empty() => (None, Some(parts)),
                // One part naming an element: that element is the body (wrapped style).
                [part] if matches!(part.content, PartContent::Element(_)) => {
                    (body_element(&part.content), None)
                }
                [] => (None, None),
                // Several parts, or parts by type: each is a child of the Body.
                _ => (None, Some(parts)),
            }
        }
        (Some(body), Style::Rpc) => {
            let parts = body_parts(wsdl, doc, body, declared, &outside_body, &attachments)?;
            let namespace = body.attribute("namespace").unwrap_or_default().trim();
            if namespace.is_empty() {
                warn_rpc_body_without_namespace(wsdl, doc, body);
            }
            (Some(QName::new(namespace, direction.wrapper)), Some(parts))
        }
        (None, _) => (None, None),
    };
    Ok(MessageBinding {
        action: declared.action.clone(),
        body,
        parts,
        encoded,
        headers,
        attachments,
    })
}

/// Warns, once per document, that an rpc operation's `soap:body` (`body`) names no
/// `namespace`: WS-I Basic Profile R2717 requires one, and stacks disagree on where the
/// wrapper goes without it. Its wrapper is written in no namespace, as zeep writes it.
fn warn_rpc_body_without_namespace(wsdl: &WsdlIndex<'_, '_>, doc: &Doc<'_>, body: XmlNode<'_, '_>) {
    let message = "an rpc operation's `soap:body` has no `namespace` attribute (WS-I BP R2717)";
    let mut warnings = wsdl.warnings.borrow_mut();
    let location = doc.location(body);
    if warnings
        .iter()
        .any(|w| w.message == message && w.location.file == location.file)
    {
        return;
    }
    warnings.push(Warning {
        message: message.into(),
        location,
        note: "the operations' wrapper elements are written in no namespace, as zeep writes \
               them (node-soap puts them in the target namespace, PHP in the envelope's; \
               wrappers are read by their local name, whatever their namespace): if the \
               service expects a namespace, add it to each `soap:body`"
            .into(),
    });
}

/// Where the `soap:body` and `soap:header`s of the message binding `node` are: `node` itself,
/// or for SOAP with Attachments the root `mime:part` of its `mime:multipartRelated`, with the
/// parts bound as attachments. Other MIME bindings and DIME are refused.
fn soap_container<'d, 's>(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    node: XmlNode<'d, 's>,
    direction: &Direction<'_>,
    soap: Soap,
) -> Result<(XmlNode<'d, 's>, Vec<AttachmentPart>), WsdlError> {
    let mut mime = elements(node).filter(|n| in_ns(*n, MIME_NS) || in_ns(*n, DIME_NS));
    let Some(first) = mime.next() else {
        return Ok((node, Vec::new()));
    };
    let which = node.tag_name().name();
    if !is(first, MIME_NS, "multipartRelated") || mime.next().is_some() {
        let culprit = if is(first, MIME_NS, "multipartRelated") {
            elements(node)
                .filter(|n| in_ns(*n, MIME_NS) || in_ns(*n, DIME_NS))
                .nth(1)
                .unwrap_or(first)
        } else {
            first
        };
        return Err(doc.unsupported(
            culprit,
            format!(
                "`{}` in the `wsdl:{which}` of operation `{}`",
                tag(culprit),
                direction.operation
            ),
            "SOAP with Attachments is supported as one mime:multipartRelated around the \
             soap:body; DIME attachments, and mime:content or mime:mimeXml outside a \
             multipartRelated (messages without a SOAP envelope), are not",
        ));
    }
    if let Some(outside) = elements(node).find(|n| in_ns(*n, soap.namespace)) {
        return Err(doc.invalid(
            outside,
            format!(
                "`{}` beside the `mime:multipartRelated` of the `wsdl:{which}` of operation `{}`",
                tag(outside),
                direction.operation
            ),
            "with a mime:multipartRelated, the soap:body and soap:headers go into its root \
             mime:part",
        ));
    }
    let related = read_multipart_related(
        wsdl,
        doc,
        first,
        &direction.declared.message,
        soap.namespace,
        direction.operation,
    )?;
    check_soap_namespace(doc, related.root, soap)?;
    Ok((related.root, related.attachments))
}

/// The parts `soap:body` carries: its `parts=`, or else every part of the message not bound
/// as a header or an attachment (`outside_body`); each must name an element or a type, and
/// none an attachment.
fn body_parts(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    body: XmlNode<'_, '_>,
    declared: &PortIo,
    outside_body: &BTreeSet<String>,
    attachments: &[AttachmentPart],
) -> Result<Vec<MessagePart>, WsdlError> {
    let Some(message) = wsdl.messages.get(&declared.message) else {
        return Err(doc.error(
            body,
            ErrorKind::UnresolvedMessage {
                reference: declared.message.to_string(),
                declared_in: None,
            },
        ));
    };
    let parts: Vec<&super::definitions::Part<'_, '_>> = match body.attribute("parts") {
        Some(list) => list
            .split_whitespace()
            .map(|name| {
                message.part(name).ok_or_else(|| {
                    doc.error(
                        body,
                        ErrorKind::UnresolvedPart {
                            message: declared.message.local.clone(),
                            part: name.to_string(),
                        },
                    )
                })
            })
            .collect::<Result<_, _>>()?,
        None => message
            .parts
            .iter()
            .filter(|p| !outside_body.contains(&p.name))
            .collect(),
    };
    if let Some(part) = parts
        .iter()
        .find(|p| attachments.iter().any(|a| a.name == p.name))
    {
        return Err(doc.invalid(
            body,
            format!(
                "`soap:body` lists the part `{}`, which a `mime:content` binds as an attachment",
                part.name
            ),
            "a part travels in the body or as an attachment: leave it out of parts=",
        ));
    }
    parts
        .into_iter()
        .map(|part| {
            Ok(MessagePart {
                name: part.name.clone(),
                content: part.content()?.clone(),
            })
        })
        .collect()
}

/// The element a part names, if it names one.
fn body_element(content: &PartContent) -> Option<QName> {
    match content {
        PartContent::Element(element) => Some(element.clone()),
        PartContent::Type(_) => None,
    }
}

/// The element of a fault message's single part: the part's `element=`, or for a part by
/// `type=` (rpc services, Axis's among them, declare their faults so) an element named after
/// the part in the `soap:fault`'s `namespace` (else in no namespace) with that type, as a
/// header part by type is (see [`header_element`]).
/// (`node` is the binding operation, where an unknown message would be reported.)
fn fault_element(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    node: XmlNode<'_, '_>,
    message_name: &QName,
    soap_fault: Option<XmlNode<'_, '_>>,
) -> Result<QName, WsdlError> {
    let Some(message) = wsdl.messages.get(message_name) else {
        return Err(doc.error(
            node,
            ErrorKind::UnresolvedMessage {
                reference: message_name.to_string(),
                declared_in: None,
            },
        ));
    };
    match message.parts.as_slice() {
        [part] => match part.content()? {
            PartContent::Element(element) => Ok(element.clone()),
            PartContent::Type(ty) => {
                let namespace = soap_fault
                    .and_then(|f| f.attribute("namespace"))
                    .unwrap_or_default()
                    .trim();
                let element = QName::new(namespace, part.name.as_str());
                wsdl.part_elements
                    .borrow_mut()
                    .entry(element.clone())
                    .or_insert_with(|| ty.clone());
                Ok(element)
            }
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

/// The `style` attribute of `node`, `default` when absent.
fn style(doc: &Doc<'_>, node: XmlNode<'_, '_>, default: Style) -> Result<Style, WsdlError> {
    match node.attribute("style").map(str::trim) {
        None => Ok(default),
        Some("document") => Ok(Style::Document),
        Some("rpc") => Ok(Style::Rpc),
        Some(other) => Err(doc.invalid_value(node, "style", other, "`document` or `rpc`")),
    }
}

/// True for `use="encoded"`, false for `use="literal"` (the default).
fn is_encoded(doc: &Doc<'_>, node: XmlNode<'_, '_>) -> Result<bool, WsdlError> {
    match node.attribute("use").map(str::trim) {
        None | Some("literal") => Ok(false),
        Some("encoded") => {
            check_encoding_style(doc, node)?;
            Ok(true)
        }
        Some(other) => Err(doc.invalid_value(node, "use", other, "`literal` or `encoded`")),
    }
}

/// Refuses an encoded `soap:body` or `soap:header` whose `encodingStyle` does not name SOAP
/// 1.1 encoding (the rules generated code writes and reads): SOAP 1.2 encoding's arrays
/// (`enc:itemType`, `enc:arraySize`), references (`enc:ref`) and `encodingStyle` differ on the
/// wire. Without `encodingStyle` SOAP 1.1 encoding is meant, as WSDL tools take it; a list
/// naming it among other styles is taken as it.
fn check_encoding_style(doc: &Doc<'_>, node: XmlNode<'_, '_>) -> Result<(), WsdlError> {
    let Some(styles) = node.attribute("encodingStyle") else {
        return Ok(());
    };
    let soap11 =
        |style: &str| style.trim_end_matches('/') == SOAP_ENCODING_NS.trim_end_matches('/');
    if styles.split_whitespace().any(soap11) {
        return Ok(());
    }
    Err(doc.unsupported(
        node,
        format!(
            "encoding style `{}` of an encoded `{}`",
            styles.trim(),
            tag(node)
        ),
        "only SOAP 1.1 encoding (`encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"`) \
         is supported for use=\"encoded\"; generate from a literal binding of the service if it \
         has one",
    ))
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
