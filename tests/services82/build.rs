//! Generates SuperOffice's EMail, Person and Associate agents from `../shared/wsdl/services82`
//! in one generation (`Builder::wsdl`) into `OUT_DIR/agents.rs`, as a user's build script
//! would: a module per agent and one `shared` module with the types they share. Without the
//! shared folder the agents are skipped loudly (a `cargo:warning`), and the build fails when
//! `CI` is set.

#[path = "../src/shared.rs"]
#[allow(dead_code)]
mod shared;

/// The agents' WSDLs under the shared folder, in generation order.
const AGENTS: &[&str] = &[
    "wsdl/services82/EMail.wsdl",
    "wsdl/services82/Person.wsdl",
    "wsdl/services82/Associate.wsdl",
];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(services82)");
    println!("cargo:rerun-if-env-changed=CI");
    let mut wsdls = Vec::new();
    for relative in AGENTS {
        let Some(wsdl) = shared::shared_material("wsdl-services82-agents", relative) else {
            println!("cargo:warning=SKIPPED the Services82 agents: {relative} is not in ../shared");
            return;
        };
        wsdls.push(wsdl);
    }
    let mut wsdls = wsdls.into_iter();
    let Some(first) = wsdls.next() else { return };
    let builder = wsdls.fold(wsdl_codegen::Builder::new(first), |builder, wsdl| {
        builder.wsdl(wsdl)
    });
    if let Err(error) = builder.compile("agents.rs") {
        panic!("{error}");
    }
    println!("cargo:rustc-cfg=services82");
}
