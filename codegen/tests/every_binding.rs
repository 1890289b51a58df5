//! Every binding of one WSDL in one generation (`Builder::every_binding`, `generate A.wsdl
//! --every-binding`): a module per SOAP binding, named after it, bound through the first port
//! that offers it or on its own; the service, binding and SOAP version settings narrow the
//! bindings, and an operation selection keeps the bindings that have its operations.

use std::process::Command;

use wsdl_codegen::model::SoapVersion;
use wsdl_codegen::rust::GenerateError;
use wsdl_codegen::{Builder, Error};

const CAMERA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/corpus/wsdl/every_binding.wsdl"
);

/// The modules of a generation, by name.
fn modules(generated: &wsdl_codegen::Generated) -> Vec<&str> {
    let set = generated.modules.as_ref().expect("a module per binding");
    set.modules.iter().map(|m| m.name.as_str()).collect()
}

/// The module `name` of a generation.
fn module<'g>(generated: &'g wsdl_codegen::Generated, name: &str) -> &'g str {
    let set = generated.modules.as_ref().expect("a module per binding");
    let found = set.modules.iter().find(|m| m.name == name);
    &found.unwrap_or_else(|| panic!("module {name}")).code
}

#[test]
fn each_binding_is_a_module_named_after_it_with_the_shared_types_once() {
    let generated = Builder::new(CAMERA)
        .every_binding(true)
        .output()
        .expect("generate");
    assert_eq!(
        modules(&generated),
        [
            "shared",
            "device_binding",
            "device_binding_soap11",
            "media_binding"
        ]
    );
    let shared = module(&generated, "shared");
    assert_eq!(
        shared.matches("pub struct Profile {").count(),
        1,
        "{shared}"
    );
    // Bound through its port: the port's address; the port-less binding has none.
    let device = module(&generated, "device_binding");
    assert!(device.contains("\"http://camera.example/onvif/device_service\""));
    assert!(
        device.contains("(binding `DeviceBinding`, SOAP 1.2)"),
        "{device}"
    );
    let soap11 = module(&generated, "device_binding_soap11");
    assert!(soap11.contains("\"http://camera.example/onvif/device_service11\""));
    let media = module(&generated, "media_binding");
    assert!(!media.contains("DEFAULT_ENDPOINT"), "{media}");
    assert!(media.contains("pub use super::shared::Profile;"), "{media}");
    // The WSDL is named once in the root's header.
    let root = &generated.modules.as_ref().expect("modules").root;
    assert!(
        root.contains("from every_binding.wsdl. Do not edit"),
        "{root}"
    );
}

#[test]
fn the_port_settings_narrow_the_bindings() {
    let only_soap11 = Builder::new(CAMERA)
        .every_binding(true)
        .soap_version(SoapVersion::Soap11)
        .output()
        .expect("generate");
    assert_eq!(modules(&only_soap11), ["shared", "device_binding_soap11"]);

    let of_the_service = Builder::new(CAMERA)
        .every_binding(true)
        .service("DeviceService")
        .output()
        .expect("generate");
    assert_eq!(
        modules(&of_the_service),
        ["shared", "device_binding", "device_binding_soap11"]
    );

    let none = Builder::new(CAMERA)
        .every_binding(true)
        .binding("NoSuchBinding")
        .output();
    assert!(
        matches!(
            none,
            Err(Error::Generate {
                source: GenerateError::NoPort { .. },
                ..
            })
        ),
        "{none:?}"
    );
}

#[test]
fn an_operation_selection_keeps_the_bindings_that_have_them() {
    let generated = Builder::new(CAMERA)
        .every_binding(true)
        .operations(["GetProfiles"])
        .output()
        .expect("generate");
    assert_eq!(modules(&generated), ["shared", "media_binding"]);

    let misspelt = Builder::new(CAMERA)
        .every_binding(true)
        .operations(["GetProfile"])
        .output();
    match misspelt {
        Err(Error::Generate {
            source: GenerateError::UnknownOperation { name, near },
            ..
        }) => {
            assert_eq!(name, "GetProfile");
            assert_eq!(near, ["GetProfiles"]);
        }
        other => panic!("expected an unknown operation, got {other:?}"),
    }
}

#[test]
fn a_wsdl_of_port_types_only_has_no_binding_to_generate() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let wsdl = scratch.path().join("interface.wsdl");
    std::fs::write(
        &wsdl,
        r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:i" xmlns:tns="urn:i">
  <message name="Empty"/>
  <portType name="Interface"><operation name="Ping"><input message="tns:Empty"/></operation></portType>
</definitions>"#,
    )
    .expect("write");
    let result = Builder::new(&wsdl).every_binding(true).output();
    assert!(
        matches!(
            result,
            Err(Error::Generate {
                source: GenerateError::NoSoapBinding,
                ..
            })
        ),
        "{result:?}"
    );
}

#[test]
fn cli_writes_a_module_per_binding() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch.path().join("camera");
    let out = dir.to_string_lossy().into_owned();
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_wsdl-codegen"))
            .args(["generate", CAMERA, "--every-binding", "--out", &out])
            .args(extra)
            .output()
            .expect("run wsdl-codegen")
    };
    let written = run(&[]);
    assert!(written.status.success(), "{written:?}");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("the directory")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "device_binding.rs",
            "device_binding_soap11.rs",
            "media_binding.rs",
            "mod.rs",
            "shared.rs"
        ]
    );
    let checked = run(&["--check"]);
    assert_eq!(checked.status.code(), Some(0), "{checked:?}");
    // Narrowed to SOAP 1.1 the other modules are leftovers: stale until written again.
    let narrowed = run(&["--soap-version", "1.1", "--check"]);
    assert_eq!(narrowed.status.code(), Some(3), "{narrowed:?}");
}
