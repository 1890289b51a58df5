//! Generates a module for each real service contract in `../shared/wsdl/realworld` into
//! `OUT_DIR`, as a user's build script would, so that the workspace's build, clippy and tests
//! compile them. Without the shared folder the contracts are skipped loudly (a `cargo:warning`
//! per contract), and the build fails when `CI` is set.
//!
//! vSphere's `vim25` (615 operations, 258,000 generated lines) takes minutes to check; it is
//! compiled only when `WSDL_REALWORLD_VIM25` is set (`scripts/interop.sh` compiles it too).
//! So is the module of its session operations alone (`Builder::operations`, [`VIM25_SESSION`],
//! with the types of the property values [`VIM25_SESSION_TYPES`]): their faults reach
//! `MethodFault`, and through the `xsi:type` it may carry, 634 fault types (119,000 lines).

#[path = "../src/shared.rs"]
#[allow(dead_code)]
mod shared;

/// (module, main file under `wsdl/realworld/`).
const CONTRACTS: &[(&str, &str)] = &[
    ("vies", "eu-vies-checkvat/checkVatService.wsdl"),
    ("exchange", "ms-exchange-ews/services.wsdl"),
    ("noaa", "noaa-ndfd/ndfdXML.wsdl"),
    ("magento", "magento-v2-soap/magento_v2_soap.wsdl"),
    ("sharepoint", "sharepoint-lists/Lists.wsdl"),
    (
        "bingads",
        "bingads-customermanagement/customermanagement_service.xml",
    ),
    (
        "ocpp",
        "ocpp16-centralsystem/OCPP_CentralSystemService_1.6.wsdl",
    ),
    (
        "zeep_recursive",
        "zeep-recursive-wsdl-import/hello_world_recursive.wsdl",
    ),
    ("vim25", "vmware-vim25/vimService.wsdl"),
    ("vim25_session", "vmware-vim25/vimService.wsdl"),
];

/// The operations a vSphere program starts with: a session, and reading properties.
const VIM25_SESSION: &[&str] = &[
    "RetrieveServiceContent",
    "Login",
    "Logout",
    "RetrievePropertiesEx",
    "ContinueRetrievePropertiesEx",
];

/// Types of the property values a vSphere program reads (`DynamicProperty.val` is
/// `xs:anyType`): a virtual machine's `guest`, a list of references, a power state.
const VIM25_SESSION_TYPES: &[&str] = &[
    "GuestInfo",
    "ArrayOfManagedObjectReference",
    "VirtualMachinePowerState",
];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(realworld)");
    println!("cargo::rustc-check-cfg=cfg(realworld_vim25)");
    println!("cargo:rerun-if-env-changed=WSDL_REALWORLD_VIM25");
    println!("cargo:rerun-if-env-changed=CI");
    let with_vim25 = std::env::var_os("WSDL_REALWORLD_VIM25").is_some();
    let mut generated = 0;
    for (module, file) in CONTRACTS {
        if module.starts_with("vim25") && !with_vim25 {
            continue;
        }
        let relative = format!("wsdl/realworld/{file}");
        let Some(wsdl) = shared::shared_material("wsdl-realworld", &relative) else {
            println!("cargo:warning=SKIPPED {module}: {relative} is not in ../shared");
            continue;
        };
        let mut builder = wsdl_codegen::Builder::new(&wsdl);
        if *module == "vim25_session" {
            builder = builder
                .operations(VIM25_SESSION.iter().copied())
                .extra_types(VIM25_SESSION_TYPES.iter().copied());
        }
        match builder.compile(&format!("{module}.rs")) {
            Ok(_) => generated += 1,
            Err(error) => panic!("{file}:\n{error}"),
        }
    }
    if generated > 0 {
        println!("cargo:rustc-cfg=realworld");
    }
    if with_vim25 && generated > 0 {
        println!("cargo:rustc-cfg=realworld_vim25");
    }
}
