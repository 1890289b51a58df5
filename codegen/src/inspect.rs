//! A readable summary of a WSDL: services, ports, operations with actions and headers.

use std::fmt::Write as _;

use crate::model::{Definitions, MessageBinding};

fn headers(message: Option<&MessageBinding>) -> String {
    message
        .map(|m| {
            m.headers
                .iter()
                .map(|h| h.element.local.clone())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

/// Describes `defs` as text, one operation a line.
pub fn describe(defs: &Definitions) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "definitions {} ({})",
        defs.name.as_deref().unwrap_or("-"),
        defs.target_namespace
    );
    for service in &defs.services {
        let _ = writeln!(out, "service {}", service.name);
        for port in &service.ports {
            let _ = writeln!(
                out,
                "  port {} ({}) at {}",
                port.name,
                port.soap_version,
                port.address.as_deref().unwrap_or("-")
            );
            let Some(binding) = defs.bindings.get(&port.binding) else {
                continue;
            };
            let _ = writeln!(
                out,
                "  binding {} of port type {}: {} operations",
                binding.name.local,
                binding.port_type.local,
                binding.operations.len()
            );
            for op in &binding.operations {
                let input = op
                    .input
                    .as_ref()
                    .and_then(|i| i.body.as_ref())
                    .map(|b| b.local.clone())
                    .unwrap_or_default();
                let output = op
                    .output
                    .as_ref()
                    .and_then(|o| o.body.as_ref())
                    .map(|b| b.local.clone())
                    .unwrap_or_else(|| "(one-way)".into());
                let _ = writeln!(out, "    {}({input}) -> {output}", op.name);
                let _ = writeln!(
                    out,
                    "      action: {}",
                    op.soap_action.as_deref().unwrap_or("-")
                );
                let _ = writeln!(
                    out,
                    "      headers in: [{}] out: [{}]",
                    headers(op.input.as_ref()),
                    headers(op.output.as_ref())
                );
            }
        }
    }
    out
}
