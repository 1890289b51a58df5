//! `wsdl-codegen`: reads a WSDL 1.1 document with embedded XML Schema and generates a typed
//! Rust client and server for it, on top of the `soap-runtime` crate.

mod builder;
pub mod model;
pub mod rust;
pub mod wsdl;

pub use builder::{Builder, Error};
pub mod inspect;
