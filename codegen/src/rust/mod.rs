//! Rust code generation: plans Rust items from the model, emits them as tokens, and formats
//! them into one module.

mod context;
mod emit_content;
mod emit_json;
mod emit_service;
mod emit_types;
mod format;
pub mod names;
pub mod plan;
pub mod reach;
mod rustdoc;
pub mod service;
pub mod summary;

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
    let body = std::thread::scope(|scope| {
        let mut pipeline = format::Pipeline::spawn(scope);
        let cx = Context::new(&plan, options.serde);
        let imports = pipeline.reserve();
        pipeline.push(cx.emit_namespaces());
        pipeline.push(cx.emit_operations());
        let error = pipeline.reserve();
        let client = pipeline.reserve();
        let server = pipeline.reserve();
        let json = pipeline.reserve();
        cx.emit_types(|items| pipeline.push(items));
        pipeline.fill(error, cx.emit_error());
        pipeline.fill(client, cx.emit_client());
        pipeline.fill(server, cx.emit_server());
        pipeline.fill(json, cx.emit_json());
        pipeline.push(cx.emit_codecs());
        pipeline.fill(imports, emit_imports(&cx));
        pipeline.finish()
    })?;
    Ok(file_text(options, &plan, &body))
}

/// The `use` declarations of the output: the runtime items it names unqualified.
fn emit_imports(cx: &Context<'_>) -> proc_macro2::TokenStream {
    let plan = cx.plan;
    let optional_imports = cx.used_runtime_items().into_iter().map(|item| {
        let ident = quote::format_ident!("{}", item);
        quote!(#ident)
    });
    let failure_import = plan.failure.as_ref().map(|_| quote!(ServiceFailure,));
    let serve_operation = plan
        .operations
        .iter()
        .any(|op| op.response.is_some())
        .then(|| quote!(serve_operation,));
    let serve_one_way = plan
        .operations
        .iter()
        .any(|op| op.response.is_none())
        .then(|| quote!(serve_one_way,));
    let select = match plan.addressing {
        Some(_) => quote!(select_addressed),
        None => quote!(select),
    };
    quote! {
        use soap_runtime::client::Client;
        use soap_runtime::server::{fault_response, #select, #serve_one_way #serve_operation Server, SoapHandler, SoapRequest, SoapResponse};
        use soap_runtime::xml::{Element, XmlReader, XmlWriter};
        use soap_runtime::{DecodeError, EncodeError, Fault, Field, Limits, Message, Operation, SoapVersion, XmlStruct, XmlValue, #failure_import #(#optional_imports),*};
    }
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
