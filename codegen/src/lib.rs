//! `wsdl-codegen`: reads a WSDL 1.1 document (document/literal, SOAP 1.1 or 1.2, with its XML
//! Schema types embedded or imported) and generates one Rust module with a typed client, a
//! server trait and an HTTP server for one of its ports, on top of the `soap-runtime` crate.
//!
//! - [`Builder`]: the entry point, for `build.rs` ([`Builder::compile`]), the CLI and tests;
//!   [`Builder::wsdl`] generates several WSDLs together, and [`Builder::every_binding`]
//!   every binding of one, their shared types once ([`rust::multi`]);
//! - [`wsdl`]: the parser, from WSDL text to the [`model`], with located diagnostics;
//! - [`rust`]: from the model to a plan of Rust items and the formatted module;
//! - [`inspect`]: a summary of a WSDL in Rust terms (`wsdl-codegen inspect`);
//! - `fetch` (feature `fetch`, on by default): downloading a WSDL and everything it imports
//!   from a service, for checking in (`wsdl-codegen fetch`); never used by the generator.
//!
//! ```no_run
//! // build.rs, in `fn main()`:
//! wsdl_codegen::Builder::new("wsdl/Service.wsdl")
//!     .compile("service.rs")
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```

mod builder;
#[cfg(feature = "fetch")]
pub mod fetch;
pub mod inspect;
pub mod model;
pub mod rust;
pub mod wsdl;

pub use builder::{Builder, Conflict, Error, Generated};
