//! End-to-end tests across the workspace live in `tests/tests/`; this library holds what they
//! share beyond `tests/tests/common/`.

pub mod axis;
pub mod child;
pub mod jaxws;
pub mod node_soap;
pub mod php_soap;
pub mod shared;
