//! Reading the WSDL part of the document set: messages, port types and services, and putting
//! the whole [`Definitions`] together (bindings are read in `binding.rs`).
//!
//! Messages, port types, bindings and services are collected from every `wsdl:definitions` of
//! the set (the root and its `wsdl:import`s), each in its own document's target namespace.
//! `name` and `targetNamespace` of the result are the root document's.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use super::binding::read_binding;
use super::docs::wsdl_documentation;
use super::error::{Elsewhere, ErrorKind, Warning, WsdlError};
use super::schema::SchemaIndex;
use super::xml::{
    duplicate, elements, is, namespace_scope, tag, Doc, XmlNode, SOAP11_NS, SOAP12_NS, WSAM_NS,
    WSAW_NS, WSDL_NS,
};
use crate::model::{
    Definitions, ElementDecl, PartContent, Port, QName, Schema, Service, SoapVersion, TypeRef,
    XSD_NS,
};

/// A `wsdl:part`.
pub(crate) struct Part<'d, 's> {
    /// `part/@name`.
    pub(crate) name: String,
    /// The name of the message it is a part of.
    pub(crate) message: String,
    /// What the part carries; `None` for a part with neither `element=` nor `type=` (the
    /// WSDL 1.1 schema allows it, and ASP.NET's HTTP GET/POST messages have such parts), which
    /// a SOAP binding cannot send: see [`Part::content`].
    pub(crate) content: Option<PartContent>,
    /// Where it is declared.
    pub(crate) doc: &'d Doc<'s>,
    /// The `wsdl:part` element.
    pub(crate) node: XmlNode<'d, 's>,
}

impl Part<'_, '_> {
    /// What the part carries, for a SOAP binding that sends it: an error at the part when it
    /// has neither `element=` nor `type=`. (Such a part is refused only where a SOAP binding
    /// uses it, so that the HTTP bindings of a contract, which are not generated, do not stop
    /// its SOAP ones.)
    pub(crate) fn content(&self) -> Result<&PartContent, WsdlError> {
        self.content.as_ref().ok_or_else(|| {
            self.doc.invalid(
                self.node,
                format!(
                    "part `{}` of message `{}` has neither `element` nor `type`",
                    self.name, self.message
                ),
                "add `element=\"tns:…\"` naming a global xs:element",
            )
        })
    }
}

/// A `wsdl:message`.
pub(crate) struct Message<'d, 's> {
    /// The parts in document order.
    pub(crate) parts: Vec<Part<'d, 's>>,
    /// Where it is declared.
    pub(crate) doc: &'d Doc<'s>,
    /// The `wsdl:message` element.
    pub(crate) node: XmlNode<'d, 's>,
}

impl<'d, 's> Message<'d, 's> {
    /// The part called `name`.
    pub(crate) fn part(&self, name: &str) -> Option<&Part<'d, 's>> {
        self.parts.iter().find(|p| p.name == name)
    }
}

/// The input or output of a port type operation.
pub(crate) struct PortIo {
    /// The message.
    pub(crate) message: QName,
    /// `wsaw:Action` (or `wsam:Action`).
    pub(crate) action: Option<String>,
}

/// A `wsdl:fault` of a port type operation.
pub(crate) struct PortFault {
    /// `fault/@name`.
    pub(crate) name: String,
    /// The fault message.
    pub(crate) message: QName,
}

/// A `wsdl:operation` of a port type.
pub(crate) struct PortOperation {
    /// `operation/@name`.
    pub(crate) name: String,
    /// The request, if any.
    pub(crate) input: Option<PortIo>,
    /// The response; `None` for a one-way operation.
    pub(crate) output: Option<PortIo>,
    /// Declared faults, in document order.
    pub(crate) faults: Vec<PortFault>,
    /// The operation's `wsdl:documentation`.
    pub(crate) documentation: Option<String>,
}

/// A `wsdl:portType`.
pub(crate) struct PortType {
    /// The operations in document order.
    pub(crate) operations: Vec<PortOperation>,
}

/// A named top-level WSDL definition, not yet read.
#[derive(Clone, Copy)]
struct Item<'d, 's> {
    doc: &'d Doc<'s>,
    node: XmlNode<'d, 's>,
}

/// The messages and port types of the document set, for reading bindings.
pub(crate) struct WsdlIndex<'d, 's> {
    /// Messages by name.
    pub(crate) messages: BTreeMap<QName, Message<'d, 's>>,
    /// Port types by name.
    pub(crate) port_types: BTreeMap<QName, PortType>,
    /// The elements header and fault parts by `type=` are sent as (named after the part, see
    /// `binding::header_element` and `binding::fault_element`), with their types, for the
    /// schema to declare.
    pub(crate) part_elements: RefCell<BTreeMap<QName, QName>>,
    /// What reading the bindings passed over, to tell the caller (a binding operation's
    /// `wsdl:output` where its port type operation is one-way).
    pub(crate) warnings: RefCell<Vec<Warning>>,
    /// The operations to be generated (all when empty): see [`WsdlIndex::leave_out`].
    pub(crate) selected: BTreeSet<&'d str>,
    /// The operations left out as unreadable, by port type: their binding operations are
    /// left out too.
    pub(crate) left_out: RefCell<BTreeSet<(QName, String)>>,
}

impl WsdlIndex<'_, '_> {
    /// Whether operation `name` of `port_type`, which could not be read for `error`, is left
    /// out (with a warning) rather than stopping the reading: when operations are selected
    /// and it is not one of them. An error in a selected operation, or in any without a
    /// selection, stands.
    pub(crate) fn leave_out(&self, port_type: &QName, name: &str, error: &WsdlError) -> bool {
        if self.selected.is_empty() || self.selected.contains(name) {
            return false;
        }
        let fresh = self
            .left_out
            .borrow_mut()
            .insert((port_type.clone(), name.to_string()));
        if fresh {
            self.warnings.borrow_mut().push(Warning {
                message: format!("operation `{name}` is left out: {}", error.kind()),
                location: error.location().clone(),
                note: "it is not among the operations selected (--operations, \
                       Builder::operations), so what it names need not resolve; select it to \
                       have the error"
                    .into(),
            });
        }
        true
    }

    /// Whether operation `name` of `port_type` was left out by [`WsdlIndex::leave_out`].
    pub(crate) fn is_left_out(&self, port_type: &QName, name: &str) -> bool {
        self.left_out
            .borrow()
            .contains(&(port_type.clone(), name.to_string()))
    }
}

/// The top-level WSDL definitions of every document, by kind, in document order.
#[derive(Default)]
struct Collected<'d, 's> {
    messages: Vec<(QName, Item<'d, 's>)>,
    port_types: Vec<(QName, Item<'d, 's>)>,
    bindings: Vec<(QName, Item<'d, 's>)>,
    services: Vec<(QName, Item<'d, 's>)>,
}

/// Reads the WSDL definitions of `docs` (the root first) into the model, with `schema` (read
/// from the same documents and indexed in `index`) as its types.
pub(crate) fn read<'d, 's>(
    docs: &'d [Doc<'s>],
    index: &SchemaIndex<'d, 's>,
    mut schema: Schema,
    selected: &'d [String],
) -> Result<(Definitions, Vec<Warning>), WsdlError> {
    let collected = collect(docs)?;
    let mut wsdl = WsdlIndex {
        messages: BTreeMap::new(),
        port_types: BTreeMap::new(),
        part_elements: RefCell::new(BTreeMap::new()),
        warnings: RefCell::new(Vec::new()),
        selected: selected.iter().map(String::as_str).collect(),
        left_out: RefCell::new(BTreeSet::new()),
    };
    for (name, item) in &collected.messages {
        let message = read_message(index, *item)?;
        for part in &message.parts {
            // With `allow_unresolved`, a part's element that no schema declares is an element
            // of xs:anyType.
            if let Some(PartContent::Element(element)) = &part.content {
                if !index.has_element(element) {
                    schema
                        .elements
                        .entry(element.clone())
                        .or_insert(ElementDecl {
                            ty: TypeRef::Named(QName::new(XSD_NS, "anyType")),
                            nillable: false,
                            is_abstract: false,
                            substitution_group: None,
                            documentation: None,
                        });
                }
            }
        }
        wsdl.messages.insert(name.clone(), message);
    }
    for (name, item) in &collected.port_types {
        let port_type = read_port_type(&wsdl, name, *item)?;
        wsdl.port_types.insert(name.clone(), port_type);
    }
    let mut bindings = BTreeMap::new();
    let mut other_bindings = BTreeSet::new();
    for (name, item) in &collected.bindings {
        match read_binding(&wsdl, item.doc, item.node, name.clone())? {
            Some(binding) => {
                bindings.insert(name.clone(), binding);
            }
            None => {
                other_bindings.insert(name.clone());
            }
        }
    }
    // A header or fault part by type is an element named after the part (declared here unless
    // a schema declares that element itself, which then wins as a reference would).
    for (element, ty) in wsdl.part_elements.take() {
        schema.elements.entry(element).or_insert(ElementDecl {
            ty: TypeRef::Named(ty),
            nillable: false,
            is_abstract: false,
            substitution_group: None,
            documentation: None,
        });
    }
    let mut services = Vec::new();
    let mut warnings = wsdl.warnings.take();
    for (name, item) in &collected.services {
        services.push(read_service(
            &bindings,
            &other_bindings,
            *item,
            &name.local,
            &mut warnings,
        )?);
    }
    let root = docs.first().map(|d| d.root());
    let definitions = Definitions {
        name: root.and_then(|r| r.attribute("name")).map(str::to_string),
        target_namespace: root
            .and_then(|r| r.attribute("targetNamespace"))
            .unwrap_or("")
            .to_string(),
        services,
        bindings,
        schema,
    };
    Ok((definitions, warnings))
}

/// Collects the named top-level definitions of every `wsdl:definitions`, refusing duplicates.
fn collect<'d, 's>(docs: &'d [Doc<'s>]) -> Result<Collected<'d, 's>, WsdlError> {
    let mut collected = Collected::default();
    for doc in docs {
        let root = doc.root();
        if !is(root, WSDL_NS, "definitions") {
            continue;
        }
        let namespace = root.attribute("targetNamespace").unwrap_or("");
        for node in elements(root) {
            let list = if is(node, WSDL_NS, "message") {
                &mut collected.messages
            } else if is(node, WSDL_NS, "portType") {
                &mut collected.port_types
            } else if is(node, WSDL_NS, "binding") {
                &mut collected.bindings
            } else if is(node, WSDL_NS, "service") {
                &mut collected.services
            } else {
                continue;
            };
            let name = QName::new(namespace, doc.name(node)?);
            list.push((name, Item { doc, node }));
        }
    }
    for (what, list) in [
        ("message", &collected.messages),
        ("port type", &collected.port_types),
        ("binding", &collected.bindings),
        ("service", &collected.services),
    ] {
        check_unique(what, list)?;
    }
    Ok(collected)
}

/// Refuses two definitions of the same name in `list`.
fn check_unique(what: &'static str, list: &[(QName, Item<'_, '_>)]) -> Result<(), WsdlError> {
    let mut seen: BTreeMap<&QName, Item<'_, '_>> = BTreeMap::new();
    for (name, item) in list {
        if let Some(first) = seen.get(name) {
            return Err(duplicate(
                (first.doc, first.node),
                (item.doc, item.node),
                what,
                &name.local,
                namespace_scope(&name.namespace),
            ));
        }
        seen.insert(name, *item);
    }
    Ok(())
}

/// A `wsdl:message`, with each part's element or type checked against the schemas.
fn read_message<'d, 's>(
    index: &SchemaIndex<'d, 's>,
    item: Item<'d, 's>,
) -> Result<Message<'d, 's>, WsdlError> {
    let Item { doc, node } = item;
    let message_name = doc.name(node)?;
    let mut parts: Vec<Part<'d, 's>> = Vec::new();
    for part in elements(node).filter(|n| is(*n, WSDL_NS, "part")) {
        let name = doc.name(part)?;
        if let Some(first) = parts.iter().find(|p| p.name == name) {
            return Err(duplicate(
                (first.doc, first.node),
                (doc, part),
                "part",
                name,
                format!("message `{message_name}`"),
            ));
        }
        let content = if let Some((element, raw)) = doc.qname_attr(part, "element")? {
            if !index.has_element(&element)
                && !index.note_unresolved("element", &element, doc.location(part))
            {
                return Err(doc.error(
                    part,
                    ErrorKind::UnresolvedElement {
                        reference: raw.to_string(),
                        declared_as: index.type_kind(&element),
                        declared_in: index.element_namespace(&element),
                        allowable: true,
                    },
                ));
            }
            Some(PartContent::Element(element))
        } else if let Some((ty, raw)) = doc.qname_attr(part, "type")? {
            if !index.has_type(&ty) && !index.note_unresolved("type", &ty, doc.location(part)) {
                return Err(doc.error(
                    part,
                    ErrorKind::UnresolvedType {
                        reference: raw.to_string(),
                        declared_as: index.element_kind(&ty),
                        declared_in: index.type_namespace(&ty),
                        in_schema_namespace: ty.namespace == XSD_NS,
                        allowable: true,
                    },
                ));
            }
            Some(PartContent::Type(ty))
        } else {
            None
        };
        parts.push(Part {
            name: name.to_string(),
            message: message_name.to_string(),
            content,
            doc,
            node: part,
        });
    }
    Ok(Message { parts, doc, node })
}

/// A `wsdl:portType`, with each operation's messages checked to exist.
fn read_port_type(
    wsdl: &WsdlIndex<'_, '_>,
    port_type: &QName,
    item: Item<'_, '_>,
) -> Result<PortType, WsdlError> {
    let Item { doc, node } = item;
    let port_type_name = doc.name(node)?;
    let mut operations: Vec<PortOperation> = Vec::new();
    let mut seen: BTreeMap<&str, XmlNode<'_, '_>> = BTreeMap::new();
    for op in elements(node).filter(|n| is(*n, WSDL_NS, "operation")) {
        let name = doc.name(op)?;
        if let Some(first) = seen.get(name) {
            return Err(duplicate(
                (doc, *first),
                (doc, op),
                "operation",
                name,
                format!("port type `{port_type_name}`"),
            ));
        }
        seen.insert(name, op);
        match read_port_operation(wsdl, doc, op, name) {
            Ok(operation) => operations.push(operation),
            Err(error) if wsdl.leave_out(port_type, name, &error) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(PortType { operations })
}

/// Operation `name` of a port type: its messages, checked to exist.
fn read_port_operation(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    op: XmlNode<'_, '_>,
    name: &str,
) -> Result<PortOperation, WsdlError> {
    let mut operation = PortOperation {
        name: name.to_string(),
        input: None,
        output: None,
        faults: Vec::new(),
        documentation: wsdl_documentation(op),
    };
    for child in elements(op).filter(|n| n.tag_name().namespace() == Some(WSDL_NS)) {
        match child.tag_name().name() {
            "input" | "output" => {
                let is_input = child.tag_name().name() == "input";
                if !is_input && operation.input.is_none() {
                    return Err(doc.unsupported(
                        child,
                        format!(
                            "notification or solicit-response operation `{name}` (`wsdl:output` before `wsdl:input`)"
                        ),
                        "only request-response and one-way operations are supported",
                    ));
                }
                let slot = if is_input {
                    &mut operation.input
                } else {
                    &mut operation.output
                };
                if slot.is_some() {
                    return Err(doc.invalid(
                        child,
                        format!("operation `{name}` has more than one `{}`", tag(child)),
                        "keep one input and at most one output",
                    ));
                }
                *slot = Some(PortIo {
                    message: message_ref(wsdl, doc, child)?,
                    action: child
                        .attribute((WSAW_NS, "Action"))
                        .or_else(|| child.attribute((WSAM_NS, "Action")))
                        .map(str::to_string),
                });
            }
            "fault" => operation.faults.push(PortFault {
                name: doc.name(child)?.to_string(),
                message: message_ref(wsdl, doc, child)?,
            }),
            _ => {}
        }
    }
    Ok(operation)
}

/// The `message=` of `node`, checked to name a declared message.
pub(crate) fn message_ref(
    wsdl: &WsdlIndex<'_, '_>,
    doc: &Doc<'_>,
    node: XmlNode<'_, '_>,
) -> Result<QName, WsdlError> {
    let (name, raw) = doc.required_qname(node, "message")?;
    if wsdl.messages.contains_key(&name) {
        Ok(name)
    } else {
        Err(doc.error(
            node,
            ErrorKind::UnresolvedMessage {
                reference: raw.to_string(),
                declared_in: namespace_of_same_local(wsdl.messages.keys(), &name),
            },
        ))
    }
}

/// A `wsdl:service` with its SOAP ports. Ports of non-SOAP bindings (HTTP GET/POST, MIME) are
/// left out, as WSDL tools usually do; so is a port naming a binding no document declares (as
/// zeep and svcutil do: published contracts have such stale ports beside working ones), with a
/// warning in `warnings`. A port without a `binding=` is an error.
fn read_service(
    bindings: &BTreeMap<QName, crate::model::Binding>,
    other_bindings: &BTreeSet<QName>,
    item: Item<'_, '_>,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Service, WsdlError> {
    let Item { doc, node } = item;
    let mut ports = Vec::new();
    let mut seen: BTreeMap<&str, XmlNode<'_, '_>> = BTreeMap::new();
    for port in elements(node).filter(|n| is(*n, WSDL_NS, "port")) {
        let port_name = doc.name(port)?;
        if let Some(first) = seen.get(port_name) {
            return Err(duplicate(
                (doc, *first),
                (doc, port),
                "port",
                port_name,
                format!("service `{name}`"),
            ));
        }
        seen.insert(port_name, port);
        let (binding, raw) = doc.required_qname(port, "binding")?;
        let binding_version = match bindings.get(&binding) {
            Some(found) => found.soap_version,
            None if other_bindings.contains(&binding) => continue,
            None => {
                warnings.push(Warning {
                    message: format!(
                        "port `{port_name}` of service `{name}` names binding `{raw}`, which no \
                         document declares"
                    ),
                    location: doc.location(port),
                    note: "the port is left out; the other ports and bindings can be generated \
                           (choose one with --port or --binding)"
                        .into(),
                });
                continue;
            }
        };
        let address = elements(port).find_map(|a| {
            if is(a, SOAP11_NS, "address") {
                Some((a, SoapVersion::Soap11))
            } else if is(a, SOAP12_NS, "address") {
                Some((a, SoapVersion::Soap12))
            } else {
                None
            }
        });
        let (address, soap_version) = match address {
            // An empty location (Exchange ships one) gives no address: the caller passes the URL.
            Some((a, version)) => {
                let location = doc.required(a, "location")?.trim();
                let usable = is_endpoint_url(location);
                if !location.is_empty() && !usable {
                    warnings.push(Warning {
                        message: format!(
                            "port `{port_name}` of service `{name}` has the address \
                             `{location}`, which is no absolute http or https URL (a placeholder \
                             left by the tool that wrote the WSDL, or a relative path)"
                        ),
                        location: doc.location(a),
                        note: "the client gets no default endpoint: pass the service's URL to \
                               `new`"
                            .into(),
                    });
                }
                (usable.then(|| location.to_string()), version)
            }
            None => (None, binding_version),
        };
        ports.push(Port {
            name: port_name.to_string(),
            binding,
            address,
            soap_version,
            policy: super::policy::message_policy(port),
        });
    }
    Ok(Service {
        name: name.to_string(),
        ports,
    })
}

/// True when a port's `location` can be a client's default endpoint: an absolute http or https
/// URL with a host, free of the characters templates leave (`REPLACE_WITH_ACTUAL_URL` from
/// JAX-WS, `http://${host}/…`, `https://{server}/…` and relative paths are not).
fn is_endpoint_url(location: &str) -> bool {
    let lower = location.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && !location
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '{' | '}' | '<' | '>' | '"' | '\\' | '`'))
}

/// A declared name with the same local part as `name` in another namespace, for the diagnostic
/// of a reference that names the wrong namespace.
pub(crate) fn namespace_of_same_local<'q>(
    mut declared: impl Iterator<Item = &'q QName>,
    name: &QName,
) -> Option<Elsewhere> {
    declared
        .find(|d| d.local == name.local && d.namespace != name.namespace)
        .map(|d| Elsewhere::new(&d.namespace, name))
}
