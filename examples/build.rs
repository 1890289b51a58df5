//! Generates bindings for two WSDLs of the test corpus into `OUT_DIR`, the way the README's
//! "From `build.rs`" section describes: `service.rs` from the SOAP 1.2 port of
//! `wcf_greeter.wsdl` (a client called `ServiceClient`), and `library.rs` from
//! `documented.wsdl` (whose documentation shows in `cargo doc -p soap-examples`).

use wsdl_codegen::model::SoapVersion;
use wsdl_codegen::Builder;

fn main() {
    let builders = [
        (
            Builder::new("../tests/corpus/wsdl/wcf_greeter.wsdl") // relative to this crate's root
                .service("GreeterService")
                .soap_version(SoapVersion::Soap12)
                .client_name("ServiceClient"),
            "service.rs",
        ),
        (
            Builder::new("../tests/corpus/wsdl/documented.wsdl"),
            "library.rs",
        ),
    ];
    for (builder, out) in builders {
        if let Err(error) = builder.compile(out) {
            // The located diagnostic (file, line, column, what to do) as the build failure.
            panic!("{out}:\n{error}");
        }
    }
}
