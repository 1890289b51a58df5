//! What `wsdl-codegen inspect` shows of a port, in Rust terms: the generated client's method
//! signatures, headers, faults and types, without generating the module.

use proc_macro2::TokenStream;

use super::context::Context;
use super::plan::{FieldKind, FieldPlan, Occurs, Shape};
use super::{service, GenerateError, Options};
use crate::model::{Definitions, MessageBinding};

/// One port as the generated code would present it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortSummary {
    /// The client struct.
    pub client: String,
    /// The server trait.
    pub service_trait: String,
    /// The server struct.
    pub server: String,
    /// The HTTP path the server answers at.
    pub server_path: String,
    /// The error type the client returns (`soap_runtime::Error<…>`).
    pub error: String,
    /// The operations, in binding order.
    pub operations: Vec<OperationSummary>,
    /// The generated types, one line each (`struct Order { id: i32, .. }`), in name order.
    pub types: Vec<String>,
    /// The message protocols spoken besides SOAP (`WS-Addressing 1.0 (required)`, `MTOM`).
    pub protocols: Vec<String>,
    /// What the operations reach and how much of the contract that is.
    pub reach: ReachSummary,
}

/// What the planned operations (all of them, or a selection) pull in of the contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachSummary {
    /// How many operations the binding has.
    pub binding_operations: usize,
    /// How many global elements the operations reach, of how many the schema declares.
    pub elements: (usize, usize),
    /// How many named schema types the operations reach, of how many the schema defines.
    pub types: (usize, usize),
    /// How many Rust type items the plan holds (structs, enums, aliases and the like).
    pub items: usize,
}

/// One operation as the generated client presents it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationSummary {
    /// The WSDL name.
    pub name: String,
    /// The short client method, e.g. `async fn get_order(&self, id: i32) -> Result<Order, Error>`.
    pub signature: String,
    /// The SOAP action.
    pub action: String,
    /// True for a one-way operation (no response message).
    pub one_way: bool,
    /// The request's body element and Rust type.
    pub request: String,
    /// The response's body element and Rust type; `None` for one-way.
    pub response: Option<String>,
    /// The request headers it declares, as `field: Type` of `RequestHeaders`.
    pub input_headers: Vec<String>,
    /// The response headers it declares, as `field: Type` of `ResponseHeaders`.
    pub output_headers: Vec<String>,
    /// Its declared faults, as `Enum::Variant (element)`.
    pub faults: Vec<String>,
}

/// Plans the port `options` selects and describes it.
///
/// # Errors
///
/// As for [`super::generate`]: no matching port, several, or an unsupported construct.
pub fn summarize(defs: &Definitions, options: &Options) -> Result<PortSummary, GenerateError> {
    let plan = service::plan(defs, options)?;
    let cx = Context::new(&plan, false);
    let operations = plan
        .operations
        .iter()
        .map(|op| {
            let binding = plan.binding.operations.iter().find(|o| o.name == op.name);
            let (params, _) = cx.request_parameters(op);
            let (returns, _) = cx.unwrapped(op);
            let params: Vec<String> = params.iter().map(text).collect();
            let signature = format!(
                "async fn {}(&self{}{}) -> Result<{}, Error>",
                op.method,
                if params.is_empty() { "" } else { ", " },
                params.join(", "),
                text(&returns)
            );
            OperationSummary {
                name: op.name.clone(),
                signature,
                action: op.action.clone(),
                one_way: op.response.is_none(),
                request: body_text(&cx, &op.request.0.local, &op.request.1),
                response: op
                    .response
                    .as_ref()
                    .map(|(element, shape)| body_text(&cx, &element.local, shape)),
                input_headers: headers(
                    &cx,
                    &plan.request_headers,
                    binding.and_then(|b| b.input.as_ref()),
                ),
                output_headers: headers(
                    &cx,
                    &plan.response_headers,
                    binding.and_then(|b| b.output.as_ref()),
                ),
                faults: op
                    .faults
                    .iter()
                    .map(|variant| {
                        let element = plan
                            .faults
                            .as_ref()
                            .and_then(|f| f.variants.iter().find(|v| v.variant == *variant))
                            .map(|v| v.element.local.clone())
                            .unwrap_or_default();
                        let name = plan.faults.as_ref().map(|f| f.name.as_str()).unwrap_or("");
                        format!("{name}::{variant} ({element})")
                    })
                    .collect(),
            }
        })
        .collect();
    let types = describe_types(&cx);
    let error = match (&plan.failure, &plan.faults) {
        (None, None) => "soap_runtime::Error".to_string(),
        (Some(f), None) => format!("soap_runtime::Error<{}>", f.exception_type),
        (None, Some(d)) => format!("soap_runtime::Error<NoServiceFailure, {}>", d.name),
        (Some(f), Some(d)) => format!("soap_runtime::Error<{}, {}>", f.exception_type, d.name),
    };
    let mut protocols = Vec::new();
    if let Some(addressing) = plan.addressing {
        let version = match addressing.version {
            crate::model::AddressingVersion::W3c10 => "1.0",
            crate::model::AddressingVersion::Submission200408 => "2004/08",
        };
        let required = if addressing.required {
            "required"
        } else {
            "optional"
        };
        protocols.push(format!("WS-Addressing {version} ({required})"));
    }
    if plan.mtom {
        protocols.push("MTOM".to_string());
    }
    let reach = ReachSummary {
        binding_operations: plan.binding_operations,
        elements: (plan.reach.elements.len(), defs.schema.elements.len()),
        types: (plan.reach.types.len(), defs.schema.types.len()),
        items: types.len(),
    };
    Ok(PortSummary {
        reach,
        protocols,
        client: plan.client_name.clone(),
        service_trait: plan.service_trait.clone(),
        server: plan.server_name.clone(),
        server_path: plan.server_path.clone(),
        error,
        operations,
        types,
    })
}

/// A body element and its Rust type, "(parts, no wrapper)" and the type for the parts of a
/// document-style message bound part by part, or "(empty body)" for a message without parts.
fn body_text(cx: &Context<'_>, element: &str, shape: &Shape) -> String {
    match (element.is_empty(), shape) {
        (true, Shape::Builtin("()")) => "(empty body)".to_string(),
        (true, _) => format!("(parts, no wrapper) ({})", cx.type_text(shape)),
        (false, _) => format!("{element} ({})", cx.type_text(shape)),
    }
}

/// The header fields of `headers_struct` that `message` declares, as `field: Type`.
fn headers(
    cx: &Context<'_>,
    headers_struct: &str,
    message: Option<&MessageBinding>,
) -> Vec<String> {
    let Some(message) = message else {
        return Vec::new();
    };
    let Some(plan) = cx.plan.types.structs.get(headers_struct) else {
        return Vec::new();
    };
    message
        .headers
        .iter()
        .filter_map(|h| plan.fields.iter().find(|f| f.wire == h.element))
        .map(|f| format!("{}: {}", f.rust_name, cx.type_text(&f.shape)))
        .collect()
}

/// One line per generated type.
fn describe_types(cx: &Context<'_>) -> Vec<String> {
    let types = &cx.plan.types;
    let mut lines = Vec::new();
    for s in types.structs.values() {
        let fields: Vec<String> = s.fields.iter().map(|f| field_text(cx, f)).collect();
        if fields.is_empty() {
            lines.push(format!("struct {} {{}}", s.name));
        } else {
            lines.push(format!("struct {} {{ {} }}", s.name, fields.join(", ")));
        }
    }
    for e in types.enums.values() {
        let variants: Vec<String> = e
            .variants
            .iter()
            .map(|(variant, wire, _)| {
                if variant == wire {
                    variant.clone()
                } else {
                    format!("{variant} = {wire:?}")
                }
            })
            .collect();
        lines.push(format!(
            "enum {} {{ {}, {}(String) }}",
            e.name,
            variants.join(", "),
            e.unknown_variant
        ));
    }
    for c in types.choices.values() {
        let variants: Vec<String> = c
            .alternatives
            .iter()
            .map(|a| {
                let ty = cx.type_text(&a.shape);
                if a.boxed {
                    format!("{}(Box<{ty}>)", a.variant)
                } else {
                    format!("{}({ty})", a.variant)
                }
            })
            .collect();
        lines.push(format!(
            "enum {} {{ {} }} (xs:choice)",
            c.name,
            variants.join(", ")
        ));
    }
    for p in types.polymorphic.values() {
        let variants: Vec<String> = p.variants.iter().map(|v| v.struct_name.clone()).collect();
        lines.push(format!(
            "enum {} {{ {} }} (xsi:type)",
            p.name,
            variants.join(", ")
        ));
    }
    for f in types.flags.values() {
        lines.push(format!("type {} = FlagSet<{}>", f.name, f.item));
    }
    for l in types.lists.values() {
        lines.push(format!("type {} = SimpleList<{}>", l.name, l.item));
    }
    for d in types.dictionaries.values() {
        lines.push(format!(
            "type {} = OrderedMap<{}, Option<{}>>",
            d.name,
            cx.type_text(&d.keys),
            cx.type_text(&d.values)
        ));
    }
    lines.sort_by(|a, b| type_key(a).cmp(type_key(b)));
    lines
}

/// The type's name, for sorting.
fn type_key(line: &str) -> &str {
    line.split_whitespace().nth(1).unwrap_or(line)
}

fn field_text(cx: &Context<'_>, f: &FieldPlan) -> String {
    let ty = cx.field_type_text(f);
    let marker = match f.kind {
        FieldKind::Attribute => "@",
        _ => "",
    };
    let note = match (&f.shape, f.occurs) {
        (Shape::Choice(_), Occurs::Many) => " (choices)",
        _ => "",
    };
    format!("{marker}{}: {ty}{note}", f.rust_name)
}

/// Tokens as compact text: `Option<Vec<u8>>`, `id: i32`.
fn text(tokens: &TokenStream) -> String {
    let raw = tokens.to_string();
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' {
            let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let after = chars.get(i + 1).copied();
            let after_path = before == Some(':') && i >= 2 && chars.get(i - 2) == Some(&':');
            if matches!(after, Some('<' | '>' | ',' | ')' | ':'))
                || matches!(before, Some('<' | '(' | '&'))
                || after_path
            {
                continue;
            }
        }
        out.push(*c);
    }
    out
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn tokens_read_like_rust() {
        let tokens = quote!(r#type: Option<Vec<Vec<u8>>>, other: soap_runtime::Error<A, B>);
        assert_eq!(
            super::text(&tokens),
            "r#type: Option<Vec<Vec<u8>>>, other: soap_runtime::Error<A, B>"
        );
    }
}
