//! `wsdl-codegen`: reads a WSDL 1.1 document with embedded XML Schema and generates a typed
//! Rust client and server for it, on top of the `soap-runtime` crate.

pub mod model;
pub mod wsdl;
