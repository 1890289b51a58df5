//! Rust code generation: plans Rust items from the model, emits them as tokens, and formats
//! them into one module.

mod context;
mod emit_content;
mod emit_json;
mod emit_service;
mod emit_types;
mod format;
pub mod multi;
pub mod names;
pub mod plan;
pub mod reach;
mod rustdoc;
pub mod service;
pub mod summary;

use std::collections::BTreeSet;

use quote::quote;

use crate::model::{Definitions, SoapVersion};
use context::Context;

/// What to generate for which port.
#[derive(Debug, Clone)]
pub struct Options {
    /// Only ports of this service (by name).
    pub service: Option<String>,
    /// Only this port (by name).
    pub port: Option<String>,
    /// Only ports of this SOAP version.
    pub soap_version: Option<SoapVersion>,
    /// Only ports of this binding (by local name or `{namespace}name`); a binding without a
    /// port is bound on its own (the client takes its URL from the caller).
    pub binding: Option<String>,
    /// The client struct's name; default `<PortType>Client`.
    pub client_name: Option<String>,
    /// The HTTP path the generated server answers at; default the port address's path.
    pub server_path: Option<String>,
    /// Field names containing one of these words (case-insensitive) hold secrets.
    pub secret_words: Vec<String>,
    /// Named in the header comment of the output.
    pub source_name: String,
    /// Emits `serde` derives behind the output crate's `serde` feature.
    pub serde: bool,
    /// Inner documentation (`//!` lines) at the top of the output, for output used as a
    /// module file; `include!` does not accept inner documentation.
    pub module_doc: Option<String>,
    /// Speaks WS-Addressing (this version, headers required) whatever the WSDL declares.
    pub addressing: Option<crate::model::AddressingVersion>,
    /// Speaks MTOM whatever the WSDL's policy says.
    pub mtom: bool,
    /// Only these operations (by WSDL name) and the types they reach; all when empty.
    pub operations: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            service: None,
            port: None,
            soap_version: None,
            binding: None,
            client_name: None,
            server_path: None,
            secret_words: ["password", "ticket", "token", "secret"]
                .map(String::from)
                .to_vec(),
            source_name: String::from("a WSDL document"),
            serde: false,
            module_doc: None,
            addressing: None,
            mtom: false,
            operations: Vec::new(),
        }
    }
}

/// Why code could not be generated from a (valid) model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GenerateError {
    /// No port (or port-less binding) matches the options.
    #[error(
        "no SOAP port or binding matches the service, port, binding and SOAP version asked for"
    )]
    NoPort {
        /// The ports there are.
        available: String,
    },
    /// Nothing was asked for and the WSDL has no SOAP binding at all: an interface WSDL of
    /// port types only (meant to be imported by one that binds them), or HTTP/MIME bindings.
    #[error("the WSDL declares no SOAP 1.1 or 1.2 binding")]
    NoSoapBinding,
    /// Several ports match and nothing decides between them.
    #[error("several SOAP ports match (or, without a port, several bindings)")]
    AmbiguousPort {
        /// The ports there are.
        available: String,
    },
    /// The model refers to something it does not define.
    #[error("unresolved reference to {0}")]
    Unresolved(String),
    /// An operation asked for (`--operations`, `Builder::operations`) is not in the binding.
    #[error("the binding has no operation {name:?}")]
    UnknownOperation {
        /// The name asked for.
        name: String,
        /// The binding's operations of similar names.
        near: Vec<String>,
    },
    /// A construct the generator does not support.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// The emitted tokens are not valid Rust (a generator bug).
    #[error("internal error: the generated code does not parse: {0}")]
    InvalidOutput(String),
}

impl GenerateError {
    /// What to do about it.
    pub fn help(&self) -> String {
        match self {
            GenerateError::NoPort { available } => {
                format!("available (service/port, or binding): {available}")
            }
            GenerateError::NoSoapBinding => "code is generated for SOAP bindings; a WSDL of \
                 port types only is an interface: generate from the WSDL that imports and binds \
                 it (HTTP GET/POST and MIME bindings are not supported)"
                .into(),
            GenerateError::AmbiguousPort { available } => format!(
                "choose one with --service, --port, --binding or --soap-version (CLI), or \
                 Builder::service, port, binding or soap_version; available (service/port, or \
                 binding): {available}"
            ),
            GenerateError::UnknownOperation { near, .. } if near.is_empty() => {
                "operation names are case-sensitive; `wsdl-codegen inspect` lists the binding's \
                 operations"
                    .to_string()
            }
            GenerateError::UnknownOperation { near, .. } => format!(
                "did you mean {}? (`wsdl-codegen inspect` lists the binding's operations)",
                near.join(", ")
            ),
            GenerateError::Unresolved(_) | GenerateError::Unsupported(_) => {
                "`wsdl-codegen inspect` shows what the generator reads; the README lists what \
                 is not supported"
                    .to_string()
            }
            GenerateError::InvalidOutput(_) => {
                "this is a bug of the generator: please report it with the WSDL".to_string()
            }
        }
    }
}

/// Generates the Rust module for the port `options` selects, formatted.
///
/// The items are formatted part by part as they are emitted (a type at a time), so that
/// neither the tokens nor the syntax trees of the whole module are held at once. The emitters
/// run in a fixed order (constants are named as codecs are first used, and the imports are
/// known last); the parts are placed in output order whatever the order they are formatted in.
pub fn generate(defs: &Definitions, options: &Options) -> Result<String, GenerateError> {
    let plan = service::plan(defs, options)?;
    emit_module(&plan, options, None)
}

/// What one module of a generation of several WSDLs shares with the others.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sharing {
    /// Names taken in every module (all the services' operation constants), so that every
    /// module names the namespace constants alike.
    pub reserved: Vec<String>,
    /// The type items emitted in the shared module, re-exported by this one.
    pub imported: BTreeSet<String>,
    /// Only the namespace table and the type items: the shared module.
    pub types_only: bool,
}

/// Emits and formats the module of `plan`; with `sharing`, as one module of a generation of
/// several WSDLs (items of the shared module re-exported, `use` only of what it names).
pub(crate) fn emit_module(
    plan: &service::ServicePlan,
    options: &Options,
    sharing: Option<&Sharing>,
) -> Result<String, GenerateError> {
    let types_only = sharing.is_some_and(|s| s.types_only);
    let body = std::thread::scope(|scope| {
        let mut pipeline = format::Pipeline::spawn(scope);
        let cx = match sharing {
            Some(sharing) => Context::with_shared(
                plan,
                options.serde,
                &sharing.reserved,
                sharing.imported.clone(),
            ),
            None => Context::new(plan, options.serde),
        };
        // What a module sharing types names, for its `use` lines (known when all is emitted).
        let mut named = sharing.map(|_| BTreeSet::new());
        let mut note = |items: proc_macro2::TokenStream| {
            if let Some(named) = named.as_mut() {
                collect_idents(&items, named);
            }
            items
        };
        let imports = pipeline.reserve();
        pipeline.push(note(cx.emit_namespaces()));
        if !types_only {
            pipeline.push(note(cx.emit_operations()));
        }
        let error = pipeline.reserve();
        let service = (!types_only).then(|| {
            let client = pipeline.reserve();
            let server = pipeline.reserve();
            let json = pipeline.reserve();
            (client, server, json)
        });
        cx.emit_types(|items| pipeline.push(note(items)));
        match service {
            Some((client, server, json)) => {
                pipeline.fill(error, note(cx.emit_error()));
                pipeline.fill(client, note(cx.emit_client()));
                pipeline.fill(server, note(cx.emit_server()));
                pipeline.fill(json, note(cx.emit_json()));
            }
            None => pipeline.fill(error, note(cx.emit_failure_impl())),
        }
        pipeline.push(note(cx.emit_codecs()));
        let imports_tokens = match (sharing, &named) {
            (Some(sharing), Some(named)) => {
                let shared = shared_imports(&sharing.imported);
                let runtime = emit_runtime_imports(&cx, Some(named), sharing.types_only);
                quote!(#shared #runtime)
            }
            _ => emit_imports(&cx),
        };
        pipeline.fill(imports, imports_tokens);
        pipeline.finish()
    })?;
    Ok(match sharing {
        Some(sharing) if sharing.types_only => body,
        _ => file_text(options, plan, &body),
    })
}

/// Every identifier in `tokens` (what a module names), into `out`.
fn collect_idents(tokens: &proc_macro2::TokenStream, out: &mut BTreeSet<String>) {
    for tree in tokens.clone() {
        match tree {
            proc_macro2::TokenTree::Ident(ident) => {
                out.insert(ident.to_string());
            }
            proc_macro2::TokenTree::Group(group) => collect_idents(&group.stream(), out),
            _ => {}
        }
    }
}

/// `pub use super::shared::{..};` for the shared type items a service module uses: re-exported,
/// so that the module offers every type its WSDL needs, as when generated alone.
fn shared_imports(imported: &BTreeSet<String>) -> proc_macro2::TokenStream {
    if imported.is_empty() {
        return quote!();
    }
    let names = imported.iter().map(|name| quote::format_ident!("{}", name));
    quote! { pub use super::shared::{#(#names),*}; }
}

/// The `use` declarations of the output: the runtime items it names unqualified.
fn emit_imports(cx: &Context<'_>) -> proc_macro2::TokenStream {
    emit_runtime_imports(cx, None, false)
}

/// The runtime items only a service's constants, client and server name (never a type item).
const SERVICE_ITEMS: &[&str] = &[
    "Client",
    "Fault",
    "Limits",
    "Message",
    "Operation",
    "SoapVersion",
];

/// The `use` declarations of the runtime items a module names unqualified; with `named`, only
/// of those among the identifiers it uses (a module of a generation of several WSDLs may leave
/// some to the shared module).
fn emit_runtime_imports(
    cx: &Context<'_>,
    named: Option<&BTreeSet<String>>,
    types_only: bool,
) -> proc_macro2::TokenStream {
    let plan = cx.plan;
    let mut server = vec![
        "fault_response",
        match plan.addressing {
            Some(_) => "select_addressed",
            None => "select",
        },
    ];
    if plan.operations.iter().any(|op| op.response.is_none()) {
        server.push("serve_one_way");
    }
    if plan.operations.iter().any(|op| op.response.is_some()) {
        server.push("serve_operation");
    }
    server.extend(["Server", "SoapHandler", "SoapRequest", "SoapResponse"]);
    let mut root = vec![
        "DecodeError",
        "EncodeError",
        "Fault",
        "Field",
        "Limits",
        "Message",
        "Operation",
        "SoapVersion",
        "XmlStruct",
        "XmlValue",
    ];
    if plan.failure.is_some() {
        root.push("ServiceFailure");
    }
    root.extend(cx.used_runtime_items());
    if types_only {
        server.clear();
        root.retain(|item| !SERVICE_ITEMS.contains(item));
    }
    let client = if types_only { vec![] } else { vec!["Client"] };
    let groups = [
        (quote!(soap_runtime::client::), client),
        (quote!(soap_runtime::server::), server),
        (
            quote!(soap_runtime::xml::),
            vec!["Element", "XmlReader", "XmlWriter"],
        ),
        (quote!(soap_runtime::), root),
    ];
    let uses = groups.into_iter().filter_map(|(path, items)| {
        let items: Vec<proc_macro2::Ident> = items
            .into_iter()
            .filter(|item| named.is_none_or(|named| named.contains(*item)))
            .map(|item| quote::format_ident!("{}", item))
            .collect();
        match items.as_slice() {
            [] => None,
            [one] => Some(quote!(use #path #one;)),
            _ => Some(quote!(use #path {#(#items),*};)),
        }
    });
    quote!(#(#uses)*)
}

/// The file: a header comment naming the source, the module documentation, and the body.
fn file_text(options: &Options, plan: &service::ServicePlan, body: &str) -> String {
    let module_doc = options
        .module_doc
        .as_deref()
        .map(|text| {
            let lines: String = text
                .lines()
                .map(|line| {
                    if line.trim().is_empty() {
                        "//!\n".to_string()
                    } else {
                        format!("//! {}\n", line.trim_end())
                    }
                })
                .collect();
            format!("{lines}\n")
        })
        .unwrap_or_default();
    let operations = if options.operations.is_empty() {
        plan.operations.len().to_string()
    } else {
        format!(
            "{} of the binding's {} (a selection)",
            plan.operations.len(),
            plan.binding_operations
        )
    };
    format!(
        "// @generated by wsdl-codegen from {}. Do not edit: regenerate instead.\n// Client: {}. Server trait: {}. Operations: {operations}.\n\n{module_doc}{body}",
        options.source_name,
        plan.client_name,
        plan.service_trait,
    )
}
