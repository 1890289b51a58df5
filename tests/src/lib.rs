//! End-to-end tests across the workspace live in `tests/tests/`; this library holds what they
//! share beyond `tests/tests/common/`.

pub mod axis;
mod build_cache;
pub mod child;
pub mod gsoap;
pub mod jaxws;
pub mod kdsoap;
pub mod mono;
pub mod node_soap;
pub mod nusoap;
pub mod perl_soap_lite;
pub mod php_soap;
pub mod python_peers;
pub mod ruby_soap4r;
pub mod shared;
pub mod wire_tap;

/// The project's own `wsdl/services82/EMail.wsdl`, which the checked-in EMail bindings are
/// generated from and the peers' sides of the EMail tests load.
pub fn email_wsdl() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/services82/EMail.wsdl")
}
