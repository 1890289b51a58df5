//! Several WSDLs in one generation: a module per WSDL (its client, server trait, server and the
//! types only it uses) and one `shared` module with every type item they share, so that values
//! pass between the services (SuperOffice's agents all take the same `SoCredentials`).
//!
//! Each WSDL keeps its own model and plan. The merge step first compares the models
//! ([`first_difference`]): the same qualified name must name the same definition everywhere,
//! documentation aside. Then the plans are compared (`share`): an item the plans hold under the
//! same Rust name with the same definition moves to the shared module when everything it
//! refers to does too; a service module re-exports the shared items it uses
//! (`pub use super::shared::{..}`), so that it offers the same names as when generated alone.
//! Types only one service uses stay in its module, where a reader of that service looks for
//! them.
//!
//! Every module declares the same namespace table (the union of the services' namespaces, in
//! order), so that a shared type written by any service's client names its namespaces alike.

mod compare;
mod share;

use std::collections::BTreeSet;

pub use compare::{first_difference, DeclarationKind, Difference};

use super::names::{value_name, Scope};
use super::service::{self, ServicePlan};
use super::{emit_module, GenerateError, Options, Sharing, GENERATED_MARK};
use crate::model::Definitions;
use crate::rust::plan::TypePlan;

/// The name of the module holding the shared type items.
pub const SHARED_MODULE: &str = "shared";

/// One WSDL of a generation: its model and how to bind it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The WSDL's model.
    pub defs: &'a Definitions,
    /// The port, names and conventions (serde and secret words are taken from the first).
    pub options: &'a Options,
    /// The Rust module of its service.
    pub module: &'a str,
}

/// One generated module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// The Rust module name (`shared`, `email`); its file is `<name>.rs`.
    pub name: String,
    /// The formatted module text.
    pub code: String,
}

/// The modules of one generation of several WSDLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleSet {
    /// The root module (`mod.rs`): a header comment and the `pub mod` declarations.
    pub root: String,
    /// The shared module first, then one module per WSDL, in input order.
    pub modules: Vec<Module>,
}

impl ModuleSet {
    /// Every module in one text, the modules inline (`pub mod email { .. }`), for `include!`
    /// from a build script's `OUT_DIR`.
    pub fn inline(&self) -> String {
        let mut text = self
            .root
            .lines()
            .take_while(|line| line.starts_with("//"))
            .map(|line| format!("{line}\n"))
            .collect::<String>();
        for module in &self.modules {
            text.push_str(&format!(
                "\npub mod {} {{\n{}}}\n",
                module.name, module.code
            ));
        }
        text
    }
}

/// Module names for WSDLs named `stems` (file names without extension): `snake_case`, unique,
/// never `shared`.
pub fn module_names(stems: &[String]) -> Vec<String> {
    let mut scope = Scope::with_reserved(&[SHARED_MODULE, "super", "crate", "self"]);
    stems
        .iter()
        .map(|stem| {
            // A keyword (`type`) cannot name a module file: `type_`.
            let name = value_name(stem);
            let name = match name.strip_prefix("r#") {
                Some(keyword) => format!("{keyword}_"),
                None => name,
            };
            scope.claim(name)
        })
        .collect()
}

/// Plans every input and emits the shared module and one module per input. An error names
/// the index of the input it is about.
pub fn generate(inputs: &[Input<'_>]) -> Result<ModuleSet, (usize, GenerateError)> {
    let Some(first) = inputs.first() else {
        return Ok(ModuleSet {
            root: String::new(),
            modules: Vec::new(),
        });
    };
    let mut plans = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        plans.push(service::plan(input.defs, input.options).map_err(|e| (index, e))?);
    }
    let namespaces = namespace_union(&plans);
    for plan in &mut plans {
        plan.types.namespaces = namespaces.clone();
    }
    let own: Vec<Vec<String>> = plans
        .iter()
        .map(|plan| vec![plan.request_headers.clone(), plan.response_headers.clone()])
        .collect();
    let type_plans: Vec<&TypePlan> = plans.iter().map(|plan| &plan.types).collect();
    let mut shared = share::share(&type_plans, &own);
    shared.types.namespaces = namespaces;
    let reserved: Vec<String> = plans
        .iter()
        .flat_map(|plan| plan.operations.iter().map(|op| op.constant.clone()))
        .collect();

    let mut modules = Vec::new();
    // The failure convention's `impl ServiceFailure` goes with its exception struct: in the
    // shared module when that is shared (the same struct has the same impl in every plan).
    let failure = plans
        .iter()
        .filter_map(|plan| plan.failure.clone())
        .find(|failure| shared.types.structs.contains_key(&failure.exception_type));
    let shared_plan = types_only_plan(&plans[0], shared.types, failure);
    let shared_sharing = Sharing {
        reserved: reserved.clone(),
        imported: BTreeSet::new(),
        types_only: true,
    };
    let body =
        emit_module(&shared_plan, first.options, Some(&shared_sharing)).map_err(|e| (0, e))?;
    modules.push(Module {
        name: SHARED_MODULE.to_string(),
        code: shared_text(inputs, &shared_plan, &body),
    });
    for (index, (input, plan)) in inputs.iter().zip(&plans).enumerate() {
        let sharing = Sharing {
            reserved: reserved.clone(),
            imported: shared.imported[index].clone(),
            types_only: false,
        };
        let mut options = input.options.clone();
        options.serde = first.options.serde;
        if options.module_doc.is_none() {
            options.module_doc = Some(service_doc(plan, &options.source_name));
        }
        let code = emit_module(plan, &options, Some(&sharing)).map_err(|e| (index, e))?;
        modules.push(Module {
            name: input.module.to_string(),
            code,
        });
    }
    Ok(ModuleSet {
        root: root_text(inputs, &modules),
        modules,
    })
}

/// Every namespace of the plans' tables, in first use order.
fn namespace_union(plans: &[ServicePlan]) -> Vec<String> {
    let mut union: Vec<String> = Vec::new();
    for plan in plans {
        for namespace in &plan.types.namespaces {
            if !union.contains(namespace) {
                union.push(namespace.clone());
            }
        }
    }
    union
}

/// A plan of `types` alone (no operations, headers or faults; the failure convention whose
/// exception struct is shared): what the shared module emits.
fn types_only_plan(
    like: &ServicePlan,
    types: TypePlan,
    failure: Option<service::FailureConvention>,
) -> ServicePlan {
    ServicePlan {
        port: like.port.clone(),
        service_name: String::new(),
        binding: like.binding.clone(),
        version: like.version,
        client_name: String::new(),
        service_trait: String::new(),
        server_name: String::new(),
        server_path: String::new(),
        request_headers: String::new(),
        response_headers: String::new(),
        operations: Vec::new(),
        binding_operations: 0,
        reach: Default::default(),
        failure,
        faults: None,
        types,
        addressing: None,
        mtom: false,
    }
}

/// The module documentation of a service's module.
fn service_doc(plan: &ServicePlan, source: &str) -> String {
    format!(
        "The `{}` service of `{source}` (binding `{}`, {}):\n\
         the client [`{}`], the server trait [`{}`] and its server [`{}`], and the types\n\
         only this service uses; the types it shares with the other services of the\n\
         generation are re-exported from [`super::shared`].",
        plan.binding.port_type.local,
        plan.binding.name.local,
        plan.version,
        plan.client_name,
        plan.service_trait,
        plan.server_name
    )
}

/// The WSDLs of the generation, each named once (a WSDL generated binding by binding is the
/// source of several modules).
fn sources(inputs: &[Input<'_>]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for input in inputs {
        if !names.contains(&input.options.source_name.as_str()) {
            names.push(&input.options.source_name);
        }
    }
    names.join(", ")
}

/// The shared module's file: header comment, module documentation, body.
fn shared_text(inputs: &[Input<'_>], plan: &ServicePlan, body: &str) -> String {
    let items = plan.types.structs.len()
        + plan.types.enums.len()
        + plan.types.flags.len()
        + plan.types.lists.len()
        + plan.types.dictionaries.len()
        + plan.types.choices.len()
        + plan.types.polymorphic.len();
    format!(
        "{GENERATED_MARK}{}. Do not edit: regenerate instead.\n// Shared type items: {items}.\n\n\
         //! The types the services of this generation share (the same qualified name with the\n\
         //! same definition), each defined once; every service module re-exports those it uses.\n\n{body}",
        sources(inputs)
    )
}

/// The root module: a header comment and the module declarations.
fn root_text(inputs: &[Input<'_>], modules: &[Module]) -> String {
    let mods: String = modules
        .iter()
        .map(|module| format!("pub mod {};\n", module.name))
        .collect();
    format!(
        "{GENERATED_MARK}{}. Do not edit: regenerate instead.\n// Modules: {}.\n\n{mods}",
        sources(inputs),
        modules
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )
}
