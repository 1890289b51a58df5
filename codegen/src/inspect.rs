//! A readable summary of a WSDL in Rust terms: services, ports (SOAP version, address), and
//! for each port the generated client's method signatures, SOAP actions, headers, faults and,
//! on request, the generated types. What `python -m zeep WSDL` shows, for this generator.

use std::fmt::Write as _;

use crate::model::Definitions;
use crate::rust::summary::summarize;
use crate::rust::Options;

/// Describes `defs` as text. `options` carries the settings that do not select a port (client
/// name, secret words); with `types`, each port's generated types are listed too.
pub fn describe(defs: &Definitions, options: &Options, types: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "definitions {} (target namespace {})",
        defs.name.as_deref().unwrap_or("(unnamed)"),
        if defs.target_namespace.is_empty() {
            "none"
        } else {
            &defs.target_namespace
        }
    );
    if defs.services.iter().all(|s| s.ports.is_empty()) {
        let _ = writeln!(
            out,
            "\nno SOAP port: the WSDL declares no wsdl:service with a SOAP 1.1 or 1.2 port{}",
            if defs.bindings.is_empty() {
                ""
            } else {
                "; its bindings are listed below (clients take the URL from the caller)"
            }
        );
    }
    let several = defs.services.iter().map(|s| s.ports.len()).sum::<usize>() > 1;
    for service in &defs.services {
        let _ = writeln!(out, "\nservice {}", service.name);
        for port in &service.ports {
            let _ = writeln!(
                out,
                "  port {}: {} at {}",
                port.name,
                port.soap_version,
                port.address.as_deref().unwrap_or("(no address)")
            );
            if let Some(binding) = defs.bindings.get(&port.binding) {
                let _ = writeln!(
                    out,
                    "    binding {} of port type {}",
                    binding.name.local, binding.port_type.local
                );
            }
            if several {
                let _ = writeln!(
                    out,
                    "    generate with: --service {} --port {}",
                    service.name, port.name
                );
            }
            let port_options = Options {
                service: Some(service.name.clone()),
                port: Some(port.name.clone()),
                soap_version: None,
                binding: None,
                ..options.clone()
            };
            describe_port(&mut out, defs, &port_options, types);
        }
    }
    let portless = defs.bindings.values().filter(|b| {
        !defs
            .services
            .iter()
            .any(|s| s.ports.iter().any(|p| p.binding == b.name))
    });
    for binding in portless {
        let _ = writeln!(
            out,
            "\nbinding {} of port type {}: {}, no port (no address)",
            binding.name.local, binding.port_type.local, binding.soap_version
        );
        let _ = writeln!(out, "    generate with: --binding {}", binding.name.local);
        let binding_options = Options {
            service: None,
            port: None,
            soap_version: None,
            binding: Some(binding.name.local.clone()),
            ..options.clone()
        };
        describe_port(&mut out, defs, &binding_options, types);
    }
    out
}

/// The generated client's summary for the port (or binding) `options` selects.
fn describe_port(out: &mut String, defs: &Definitions, options: &Options, types: bool) {
    let summary = match summarize(defs, options) {
        Ok(summary) => summary,
        Err(error) => {
            let _ = writeln!(out, "    cannot generate code for this port: {error}");
            return;
        }
    };
    let _ = writeln!(
        out,
        "    client {}, server trait {}, server {} at {}",
        summary.client, summary.service_trait, summary.server, summary.server_path
    );
    if !summary.protocols.is_empty() {
        let _ = writeln!(out, "    protocols: {}", summary.protocols.join(", "));
    }
    let _ = writeln!(out, "    type Error = {}", summary.error);
    if !options.operations.is_empty() || !options.extra_types.is_empty() {
        let reach = &summary.reach;
        let extra = if options.extra_types.is_empty() {
            String::new()
        } else {
            format!(" and the types {}", options.extra_types.join(", "))
        };
        let _ = writeln!(
            out,
            "    selection: {} of {} operations{extra}, reaching {} of {} global elements and {} \
             of {} schema types: {} Rust types",
            summary.operations.len(),
            reach.binding_operations,
            reach.elements.0,
            reach.elements.1,
            reach.types.0,
            reach.types.1,
            reach.items
        );
    }
    let _ = writeln!(out, "    operations ({}):", summary.operations.len());
    for op in &summary.operations {
        let _ = writeln!(out, "      {}", op.signature);
        let _ = writeln!(
            out,
            "          {}{}, action {:?}",
            op.name,
            if op.one_way { " (one-way)" } else { "" },
            op.action
        );
        let _ = writeln!(
            out,
            "          request {}{}",
            op.request,
            op.response
                .as_ref()
                .map(|r| format!(", response {r}"))
                .unwrap_or_default()
        );
        if !op.input_headers.is_empty() || !op.output_headers.is_empty() {
            let _ = writeln!(
                out,
                "          headers in: [{}], out: [{}]",
                op.input_headers.join(", "),
                op.output_headers.join(", ")
            );
        }
        if !op.faults.is_empty() {
            let _ = writeln!(out, "          faults: {}", op.faults.join(", "));
        }
    }
    if types {
        let _ = writeln!(out, "    types ({}):", summary.types.len());
        for line in &summary.types {
            let _ = writeln!(out, "      {line}");
        }
    }
}
