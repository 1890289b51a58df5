//! xsd-parser's output for vSphere vim25's schemas (quick-xml serializer and deserializer),
//! written by `xsdp-gen --serialize` from `vimService.wsdl` (its schemas include and import the
//! contract's XSD files).
#![allow(warnings, clippy::all)]
include!("generated.rs");
