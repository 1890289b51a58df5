//! The plan of the service side: which port and binding, each operation's request and response
//! types, the header structs, and the header-reported failure convention.

use super::names::{const_name, type_name, value_name, variant_name, Scope};
use super::plan::{
    FieldKind, FieldPlan, Occurs, Shape, StructPlan, StructSource, TypePlan, TypePlanner,
};
use super::reach::{near_matches, select_operations, select_types, Reach};
use super::{GenerateError, Options};
use crate::model::{
    AddressingPolicy, Binding, Definitions, MessageBinding, Operation, Port, QName, SoapVersion,
};

/// One operation, ready to emit.
#[derive(Debug, Clone)]
pub struct OperationPlan {
    /// The WSDL name.
    pub name: String,
    /// The method name.
    pub method: String,
    /// The constant naming its `Operation` description.
    pub constant: String,
    /// The SOAP action (empty when none).
    pub action: String,
    /// The request's WS-Addressing action: `wsaw:Action` of the input, else the SOAP action,
    /// else the default action of WS-Addressing Metadata.
    pub input_action: String,
    /// The response's WS-Addressing action (empty for a one-way operation).
    pub output_action: String,
    /// The request element and its Rust type.
    pub request: (QName, Shape),
    /// The response element and its Rust type; `None` for one-way operations.
    pub response: Option<(QName, Shape)>,
    /// SOAP encoding (`use="encoded"`): multi-reference values are resolved before decoding,
    /// and the body carries `encodingStyle`.
    pub encoded: bool,
    /// The variants of the port's fault enum this operation declares.
    pub faults: Vec<String>,
    /// The operation's `wsdl:documentation`.
    pub doc: Option<String>,
}

/// One declared fault detail: a variant of the port's fault enum.
#[derive(Debug, Clone)]
pub struct FaultPlan {
    /// The variant name.
    pub variant: String,
    /// The `wsdl:fault` name (the first one, when several operations declare the element).
    pub name: String,
    /// The detail element.
    pub element: QName,
    /// Its Rust type.
    pub shape: Shape,
}

/// The enum of every fault detail the port's operations declare.
#[derive(Debug, Clone)]
pub struct FaultsPlan {
    /// The enum's name.
    pub name: String,
    /// One variant per detail element, in binding order.
    pub variants: Vec<FaultPlan>,
}

/// The header-reported failure convention (SuperOffice NetServer's `Succeeded`/`ExceptionInfo`).
#[derive(Debug, Clone)]
pub struct FailureConvention {
    /// The boolean success header field.
    pub succeeded_field: Option<String>,
    /// The exception header field.
    pub exception_field: String,
    /// The exception's struct.
    pub exception_type: String,
    /// The exception struct's message field, if it has one.
    pub message_field: Option<String>,
}

/// Everything the emitters need.
#[derive(Debug)]
pub struct ServicePlan {
    /// The chosen port.
    pub port: Port,
    /// Its service's name.
    pub service_name: String,
    /// Its binding.
    pub binding: Binding,
    /// The binding's SOAP version.
    pub version: SoapVersion,
    /// The client struct's name.
    pub client_name: String,
    /// The server trait's name.
    pub service_trait: String,
    /// The server struct's name.
    pub server_name: String,
    /// The HTTP path the server answers at.
    pub server_path: String,
    /// The request headers struct.
    pub request_headers: String,
    /// The response headers struct.
    pub response_headers: String,
    /// Operations in binding order (the selected ones, when the options select some).
    pub operations: Vec<OperationPlan>,
    /// How many operations the binding has, selected or not.
    pub binding_operations: usize,
    /// The global elements and named types the planned operations reach.
    pub reach: Reach,
    /// The failure convention, when the response headers follow it.
    pub failure: Option<FailureConvention>,
    /// The declared fault details, when any operation declares a fault.
    pub faults: Option<FaultsPlan>,
    /// All type items.
    pub types: TypePlan,
    /// WS-Addressing, when the binding or port declares it or the options force it.
    pub addressing: Option<AddressingPolicy>,
    /// True when MTOM is asked for (by policy or the options).
    pub mtom: bool,
}

/// The default action WS-Addressing Metadata gives a message without `wsaw:Action`:
/// `[target namespace][delimiter][port type name][delimiter][message name]`, the delimiter
/// being `:` for a URN namespace and `/` otherwise, and the message name the operation's name
/// followed by `Request` (`Response`) in a request-response operation.
fn default_action(port_type: &QName, message: &str) -> String {
    let delimiter = if port_type.namespace.starts_with("urn:") {
        ':'
    } else {
        '/'
    };
    let namespace = port_type.namespace.trim_end_matches(delimiter);
    format!(
        "{namespace}{delimiter}{}{delimiter}{message}",
        port_type.local
    )
}

/// The WS-Addressing actions of `op` (input, output).
fn addressing_actions(port_type: &QName, op: &Operation) -> (String, String) {
    let soap_action = op.soap_action.clone().filter(|a| !a.is_empty());
    let input = op
        .input
        .as_ref()
        .and_then(|i| i.action.clone())
        .or(soap_action)
        .unwrap_or_else(|| {
            let name = if op.output.is_some() {
                format!("{}Request", op.name)
            } else {
                op.name.clone()
            };
            default_action(port_type, &name)
        });
    let output = op
        .output
        .as_ref()
        .map(|o| {
            o.action
                .clone()
                .unwrap_or_else(|| default_action(port_type, &format!("{}Response", op.name)))
        })
        .unwrap_or_default();
    (input, output)
}

/// The port to bind and its service's name (empty for a binding bound without a port): the
/// ports that match the options (service, port, binding, SOAP version); failing a port, a
/// SOAP binding of the WSDL bound on its own (a WSDL without `wsdl:service`, or whose services
/// have no SOAP port), whose client then takes its URL from the caller only.
fn select_port(defs: &Definitions, options: &Options) -> Result<(String, Port), GenerateError> {
    let binding_ok = |binding: &QName| {
        options
            .binding
            .as_ref()
            .is_none_or(|b| *b == binding.local || *b == binding.to_string())
    };
    let mut candidates = Vec::new();
    for service in &defs.services {
        if options.service.as_ref().is_some_and(|s| *s != service.name) {
            continue;
        }
        for port in &service.ports {
            let name_ok = options.port.as_ref().is_none_or(|p| *p == port.name);
            let version_ok = options.soap_version.is_none_or(|v| v == port.soap_version);
            if name_ok && version_ok && binding_ok(&port.binding) {
                candidates.push((service.name.as_str(), port));
            }
        }
    }
    let available = || available(defs);
    match candidates.as_slice() {
        [one] => return Ok((one.0.to_string(), one.1.clone())),
        // Several ports match: WCF often offers the same binding at several addresses; a
        // SOAP 1.1 port comes first unless the caller chose a version.
        [first, ..]
            if options.port.is_none()
                && options.service.is_none()
                && options.soap_version.is_none()
                && options.binding.is_none()
                && defs.services.len() == 1 =>
        {
            return Ok((first.0.to_string(), first.1.clone()))
        }
        // Several ports of one binding: the same contract at several addresses (production,
        // test, a certificate-sealed endpoint, as tax agencies publish theirs); the first port's
        // address becomes the client's default, whatever narrowed the choice to them.
        [first, rest @ ..]
            if options.port.is_none() && rest.iter().all(|(_, p)| p.binding == first.1.binding) =>
        {
            return Ok((first.0.to_string(), first.1.clone()))
        }
        [_, _, ..] => {
            return Err(GenerateError::AmbiguousPort {
                available: available(),
            })
        }
        [] => {}
    }
    // No port: a binding on its own, when asked for by name, or when the WSDL has no SOAP port.
    let has_port = defs.services.iter().any(|s| !s.ports.is_empty());
    if options.service.is_some()
        || options.port.is_some()
        || (has_port && options.binding.is_none())
    {
        return Err(GenerateError::NoPort {
            available: available(),
        });
    }
    let bindings: Vec<&Binding> = defs
        .bindings
        .values()
        .filter(|b| binding_ok(&b.name))
        .filter(|b| options.soap_version.is_none_or(|v| v == b.soap_version))
        .collect();
    match bindings.as_slice() {
        [one] => Ok((
            String::new(),
            Port {
                name: one.name.local.clone(),
                binding: one.name.clone(),
                address: None,
                soap_version: one.soap_version,
                policy: Default::default(),
            },
        )),
        [] if defs.bindings.is_empty()
            && options.binding.is_none()
            && options.soap_version.is_none() =>
        {
            Err(GenerateError::NoSoapBinding)
        }
        [] => Err(GenerateError::NoPort {
            available: available(),
        }),
        _ => Err(GenerateError::AmbiguousPort {
            available: available(),
        }),
    }
}

/// One service of a generation of every binding ([`Options::every_binding`]): the name its
/// module takes (the binding's, in snake case) and the options that bind it.
#[derive(Debug, Clone)]
pub struct BoundBinding {
    /// The binding's local name, which names its module.
    pub binding: String,
    /// The options of the WSDL, choosing this binding: through the first port that offers it
    /// (its address is the client's default), or the binding on its own when no port does.
    pub options: Options,
}

/// Every SOAP binding of the WSDL that the options' service, port, binding and SOAP version
/// allow, each once: the bindings of the services' ports in document order, then the bindings
/// no port offers. An error when none is left, as for a single port.
pub fn every_binding(
    defs: &Definitions,
    options: &Options,
) -> Result<Vec<BoundBinding>, GenerateError> {
    let binding_ok = |binding: &QName| {
        options
            .binding
            .as_ref()
            .is_none_or(|b| *b == binding.local || *b == binding.to_string())
    };
    let version_ok = |version: SoapVersion| options.soap_version.is_none_or(|v| v == version);
    let one = |service: Option<&str>, port: Option<&str>, binding: Option<&QName>| Options {
        every_binding: false,
        service: service.map(String::from),
        port: port.map(String::from),
        binding: binding.map(QName::to_string),
        ..options.clone()
    };
    let mut bound: Vec<(QName, Options)> = Vec::new();
    for service in &defs.services {
        if options.service.as_ref().is_some_and(|s| *s != service.name) {
            continue;
        }
        for port in &service.ports {
            if options.port.as_ref().is_none_or(|p| *p == port.name)
                && version_ok(port.soap_version)
                && binding_ok(&port.binding)
                && !bound.iter().any(|(name, _)| *name == port.binding)
            {
                let chosen = one(Some(&service.name), Some(&port.name), None);
                bound.push((port.binding.clone(), chosen));
            }
        }
    }
    if options.service.is_none() && options.port.is_none() {
        for binding in defs.bindings.values() {
            let offered = defs
                .services
                .iter()
                .any(|s| s.ports.iter().any(|p| p.binding == binding.name));
            if !offered && binding_ok(&binding.name) && version_ok(binding.soap_version) {
                bound.push((binding.name.clone(), one(None, None, Some(&binding.name))));
            }
        }
    }
    if !options.operations.is_empty() {
        bound = select_bindings_of_operations(defs, bound, &options.operations)?;
    }
    if bound.is_empty() {
        let nothing_asked = options.service.is_none()
            && options.port.is_none()
            && options.binding.is_none()
            && options.soap_version.is_none();
        return Err(if defs.bindings.is_empty() && nothing_asked {
            GenerateError::NoSoapBinding
        } else {
            GenerateError::NoPort {
                available: available(defs),
            }
        });
    }
    Ok(bound
        .into_iter()
        .map(|(name, options)| BoundBinding {
            binding: name.local,
            options,
        })
        .collect())
}

/// With an operation selection, the bindings that have one of the operations, each with the
/// selection narrowed to the operations it has; a name no binding has is an error listing
/// near matches.
fn select_bindings_of_operations(
    defs: &Definitions,
    bound: Vec<(QName, Options)>,
    selection: &[String],
) -> Result<Vec<(QName, Options)>, GenerateError> {
    let operations_of = |binding: &QName| -> Vec<&str> {
        defs.bindings
            .get(binding)
            .map(|b| b.operations.iter().map(|op| op.name.as_str()).collect())
            .unwrap_or_default()
    };
    if let Some(missing) = selection.iter().find(|name| {
        !bound
            .iter()
            .any(|(b, _)| operations_of(b).contains(&name.as_str()))
    }) {
        let all: Vec<&str> = bound.iter().flat_map(|(b, _)| operations_of(b)).collect();
        return Err(GenerateError::UnknownOperation {
            name: missing.clone(),
            near: near_matches(missing, all.into_iter()),
        });
    }
    Ok(bound
        .into_iter()
        .filter_map(|(binding, mut options)| {
            let has = operations_of(&binding);
            options
                .operations
                .retain(|name| has.contains(&name.as_str()));
            (!options.operations.is_empty()).then_some((binding, options))
        })
        .collect())
}

/// The ports and the SOAP bindings without a port, for error messages.
fn available(defs: &Definitions) -> String {
    let ports = defs.services.iter().flat_map(|s| {
        s.ports
            .iter()
            .map(move |p| format!("{}/{} ({})", s.name, p.name, p.soap_version))
    });
    let portless = defs
        .bindings
        .values()
        .filter(|b| {
            !defs
                .services
                .iter()
                .any(|s| s.ports.iter().any(|p| p.binding == b.name))
        })
        .map(|b| format!("binding {} ({}, no port)", b.name.local, b.soap_version));
    let all: Vec<String> = ports.chain(portless).collect();
    if all.is_empty() {
        "none: the WSDL declares no SOAP 1.1 or 1.2 binding".to_string()
    } else {
        all.join(", ")
    }
}

fn header_struct(
    planner: &mut TypePlanner<'_>,
    name: &str,
    bindings: &[&MessageBinding],
    secrets: &[String],
) -> Result<StructPlan, GenerateError> {
    let mut fields: Vec<FieldPlan> = Vec::new();
    let mut names = Scope::default();
    for binding in bindings {
        for header in &binding.headers {
            if fields.iter().any(|f| f.wire == header.element) {
                continue;
            }
            planner.namespace(&header.element.namespace);
            let (shape, nillable) = planner.element_shape(&header.element)?;
            let lower = header.element.local.to_lowercase();
            fields.push(FieldPlan {
                rust_name: names.claim(value_name(&header.element.local)),
                wire: header.element.clone(),
                shape,
                occurs: Occurs::Optional,
                required: false,
                omissible: false,
                nillable,
                boxed: false,
                secret: secrets.iter().any(|w| lower.contains(&w.to_lowercase())),
                kind: FieldKind::Element,
                default: None,
                wildcard: None,
                max_occurs: None,
                xsi_type: None,
                doc: planner.element_documentation(&header.element),
                facets: None,
            });
        }
    }
    Ok(StructPlan {
        name: name.to_string(),
        source: StructSource::Local(QName::new("", name)),
        bases: Vec::new(),
        fields,
        simple_content: false,
        doc: None,
    })
}

fn failure_convention(headers: &StructPlan, types: &TypePlan) -> Option<FailureConvention> {
    let exception = headers
        .fields
        .iter()
        .find(|f| f.wire.local == "ExceptionInfo")?;
    let Shape::Struct(exception_type) = &exception.shape else {
        return None;
    };
    let succeeded = headers
        .fields
        .iter()
        .find(|f| f.wire.local == "Succeeded" && f.shape == Shape::Builtin("bool"));
    let message_field = types
        .field_of(exception_type, |f| {
            f.wire.local == "Message" && f.shape == Shape::Builtin("String")
        })
        .map(|f| f.rust_name.clone());
    Some(FailureConvention {
        succeeded_field: succeeded.map(|f| f.rust_name.clone()),
        exception_field: exception.rust_name.clone(),
        exception_type: exception_type.clone(),
        message_field,
    })
}

/// The element and Rust type of a message body: a global element (document style) or the
/// operation's wrapper (rpc style); a message without parts has an empty body, written as `()`
/// with an empty element name.
fn body_plan(
    planner: &mut TypePlanner<'_>,
    message: &MessageBinding,
    unwrapped_name: &str,
) -> Result<(QName, Shape), GenerateError> {
    match (&message.body, &message.parts) {
        (Some(wrapper), Some(parts)) => {
            planner.namespace(&wrapper.namespace);
            let source = StructSource::Element(wrapper.clone());
            Ok((
                wrapper.clone(),
                planner.parts_struct(&wrapper.local, source, parts, &message.attachments)?,
            ))
        }
        // Several parts, or parts by type, in a document-style body: the parts are the Body's
        // children, with no wrapper (an empty element name).
        (None, Some(parts)) => {
            let source = StructSource::Parts(unwrapped_name.to_string());
            let shape =
                planner.parts_struct(unwrapped_name, source, parts, &message.attachments)?;
            Ok((QName::new("", ""), shape))
        }
        (Some(element), None) => {
            planner.namespace(&element.namespace);
            Ok((element.clone(), planner.body_shape(element)?))
        }
        (None, _) => Ok((QName::new("", ""), Shape::Builtin("()"))),
    }
}

/// The trait a server implements for port type `port_type`: `{port_type}Service`, but a port
/// type already named a service says it once (OCPP's `CentralSystemService`, not
/// `CentralSystemServiceService`).
fn service_trait_name(port_type: &str) -> String {
    if port_type.len() > "Service".len() && port_type.ends_with("Service") {
        port_type.to_string()
    } else {
        format!("{port_type}Service")
    }
}

/// The name a port type's client, server trait, server and fault enum are named after: the
/// port type's own, less a `PortType` suffix, which WSDL 1.1's examples (`StockQuotePortType`)
/// and NuSOAP's WSDLs (`{Service}PortType`, always) put on it: `StockQuoteClient`, not
/// `StockQuotePortTypeClient`. A port type named `PortType` alone keeps its name.
fn interface_name(port_type: &str) -> String {
    match port_type.strip_suffix("PortType") {
        Some(base) if !base.is_empty() => base.to_string(),
        _ => port_type.to_string(),
    }
}

/// Plans the service for the port `options` selects.
pub fn plan(defs: &Definitions, options: &Options) -> Result<ServicePlan, GenerateError> {
    let (service_name, port) = select_port(defs, options)?;
    let port = &port;
    let binding = defs
        .bindings
        .get(&port.binding)
        .ok_or_else(|| GenerateError::Unresolved(format!("binding {}", port.binding)))?;
    let port_type = interface_name(&type_name(&binding.port_type.local));
    let client_name = options
        .client_name
        .clone()
        .unwrap_or_else(|| format!("{port_type}Client"));
    let service_trait = service_trait_name(&port_type);
    let server_name = format!("{port_type}Server");
    let reserved = [
        client_name.as_str(),
        service_trait.as_str(),
        server_name.as_str(),
        "RequestHeaders",
        "ResponseHeaders",
        "JsonService",
        "NAMESPACES",
        "OPERATIONS",
    ];
    let selected = select_operations(binding, &options.operations)?;
    let extra_types = select_types(&defs.schema, &options.extra_types)?;
    let reach = Reach::of_selection(&defs.schema, &selected, &extra_types);
    let mut planner = TypePlanner::new(defs, &reach, &reserved, &options.secret_words);
    planner.set_encoded(selected.iter().any(|op| {
        op.input
            .iter()
            .chain(op.output.iter())
            .any(|message| message.encoded)
    }));

    let mut operations = Vec::new();
    let mut methods = Scope::with_reserved(&[
        "new",
        "with_client",
        "client",
        "headers",
        "headers_mut",
        "call",
        "call_json",
        "send",
        "send_one_way",
    ]);
    let mut constants = Scope::with_reserved(&["NAMESPACES", "OPERATIONS", "ADDRESSING"]);
    let mut fault_variants: Vec<FaultPlan> = Vec::new();
    let mut fault_names = Scope::default();
    for op in selected.iter().copied() {
        let input = op.input.as_ref().ok_or_else(|| {
            GenerateError::Unsupported(format!("operation {} has no input", op.name))
        })?;
        let request = body_plan(&mut planner, input, &format!("{}Request", op.name))?;
        let response = match &op.output {
            Some(output) => Some(body_plan(
                &mut planner,
                output,
                &format!("{}Response", op.name),
            )?),
            None => None,
        };
        let mut faults = Vec::new();
        for fault in &op.faults {
            let variant = match fault_variants.iter().find(|f| f.element == fault.element) {
                Some(known) => known.variant.clone(),
                None => {
                    planner.namespace(&fault.element.namespace);
                    let shape = planner.body_shape(&fault.element)?;
                    // Operations may reuse a fault's name for another detail element: that
                    // one is named after its element (numbered only if that is taken too).
                    let reused = fault_variants.iter().any(|f| f.name == fault.name);
                    let variant = fault_names.claim(variant_name(if reused {
                        &fault.element.local
                    } else {
                        &fault.name
                    }));
                    fault_variants.push(FaultPlan {
                        variant: variant.clone(),
                        name: fault.name.clone(),
                        element: fault.element.clone(),
                        shape,
                    });
                    variant
                }
            };
            if !faults.contains(&variant) {
                faults.push(variant);
            }
        }
        operations.push(OperationPlan {
            encoded: input.encoded || op.output.as_ref().is_some_and(|o| o.encoded),
            name: op.name.clone(),
            method: methods.claim_with(value_name(&op.name), |m| {
                format!("{}_message", m.trim_start_matches("r#"))
            }),
            constant: constants.claim(const_name(&op.name)),
            action: op.soap_action.clone().unwrap_or_default(),
            input_action: addressing_actions(&binding.port_type, op).0,
            output_action: addressing_actions(&binding.port_type, op).1,
            request,
            response,
            faults,
            doc: op.documentation.clone(),
        });
    }
    for name in &extra_types {
        planner.named_type(name)?;
    }
    let inputs: Vec<&MessageBinding> = selected.iter().filter_map(|o| o.input.as_ref()).collect();
    let outputs: Vec<&MessageBinding> = selected.iter().filter_map(|o| o.output.as_ref()).collect();
    let request_headers = header_struct(
        &mut planner,
        "RequestHeaders",
        &inputs,
        &options.secret_words,
    )?;
    let response_headers = header_struct(
        &mut planner,
        "ResponseHeaders",
        &outputs,
        &options.secret_words,
    )?;
    let faults = if fault_variants.is_empty() {
        None
    } else {
        Some(FaultsPlan {
            name: planner.claim_name(&format!("{port_type}Fault")),
            variants: fault_variants,
        })
    };
    let mut types = planner.finish();
    let failure = failure_convention(&response_headers, &types);
    types
        .structs
        .insert(request_headers.name.clone(), request_headers);
    types
        .structs
        .insert(response_headers.name.clone(), response_headers);

    // The address's path alone: the server matches a request's path, which has no query
    // (`…/imp_notification.do?SOAP`, SAP's `…?sap-client=100`) nor fragment.
    let server_path = options.server_path.clone().unwrap_or_else(|| {
        port.address
            .as_deref()
            .and_then(|a| a.split_once("://").map(|(_, rest)| rest))
            .map(|rest| rest.split(['?', '#']).next().unwrap_or(rest))
            .and_then(|rest| rest.find('/').map(|i| rest[i..].to_string()))
            .unwrap_or_else(|| "/".to_string())
    });
    let policy = binding.policy.union(port.policy);
    let addressing = match options.addressing {
        Some(version) => Some(AddressingPolicy {
            version,
            required: true,
        }),
        None => policy.addressing,
    };
    Ok(ServicePlan {
        addressing,
        mtom: policy.mtom || options.mtom,
        port: port.clone(),
        service_name,
        binding: binding.clone(),
        version: binding.soap_version,
        client_name,
        service_trait,
        server_name,
        server_path,
        request_headers: "RequestHeaders".into(),
        response_headers: "ResponseHeaders".into(),
        operations,
        binding_operations: binding.operations.len(),
        reach,
        failure,
        faults,
        types,
    })
}
