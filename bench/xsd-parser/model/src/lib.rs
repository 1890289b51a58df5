//! xsd-parser's output for the three schemas of the EMail WSDL, written by `xsdp-gen`.
#![allow(warnings, clippy::all)]
include!("generated.rs");
