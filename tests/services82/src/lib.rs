//! SuperOffice's Services82 EMail, Person and Associate agents, from `../shared/wsdl/services82`,
//! generated together by `build.rs` (`Builder::new(email).wsdl(person).wsdl(associate)`) and
//! compiled under the workspace's lints: `agents::shared` holds the types the agents share
//! (`SoCredentials`, `SoExceptionInfo`, `Carrier`, `TableRight`, …), `agents::email`,
//! `agents::person` and `agents::associate` each an agent's client, server trait and server.
//! Without the shared folder the module is left out (the build says so; in CI it fails).

#![warn(missing_docs)]

/// The three agents and the types they share.
#[cfg(services82)]
pub mod agents {
    include!(concat!(env!("OUT_DIR"), "/agents.rs"));
}
