//! Generates a module for every WSDL of the corpus (and the EMail bindings) into `OUT_DIR`,
//! the way a crate that uses `wsdl-codegen` from its own build script does. Each `compile`
//! prints `cargo:rerun-if-changed` for the WSDL and every document it imports.

use std::path::Path;

use wsdl_codegen::model::SoapVersion;
use wsdl_codegen::Builder;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("wsdl");
    let greeter = corpus.join("wcf_greeter.wsdl");
    let builders = [
        // The checked-in EMail bindings, generated the same way in a build script.
        (
            Builder::services82_email(root.join("../../wsdl/services82/EMail.wsdl")),
            "email.rs",
        ),
        (Builder::new(corpus.join("shapes.wsdl")), "shapes.rs"),
        (
            Builder::new(corpus.join("operations.wsdl")),
            "operations.rs",
        ),
        (Builder::new(corpus.join("names.wsdl")), "names.rs"),
        (Builder::new(corpus.join("particles.wsdl")), "particles.rs"),
        // xs:anyType values naming their type with xsi:type; arrays of derived types. The
        // types those values name, which no field does, are asked for by name.
        (
            Builder::new(corpus.join("open.wsdl")).extra_types(["Reference", "ArrayOfString"]),
            "open.rs",
        ),
        // Derived types holding their base's value, and one copying its base's fields.
        (
            Builder::new(corpus.join("inheritance.wsdl")),
            "inheritance.rs",
        ),
        // rpc style: SOAP-encoded (xsi:type, SOAP arrays, multi-reference values) and literal.
        (
            Builder::new(corpus.join("rpc.wsdl")).port("StoreEncodedPort"),
            "store_encoded.rs",
        ),
        (
            Builder::new(corpus.join("rpc.wsdl")).port("StoreLiteralPort"),
            "store_literal.rs",
        ),
        (
            Builder::new(corpus.join("rpc.wsdl")).port("StoreDocumentPort"),
            "store_document.rs",
        ),
        (
            Builder::new(corpus.join("rpc.wsdl")).port("StoreDocumentEncodedPort"),
            "store_document_encoded.rs",
        ),
        // rpc/literal and document/literal bare with every operation bound (the peers'
        // contracts): several parts, complex and simple types, a declared fault, one-way.
        (
            Builder::new(corpus.join("library/rpc.wsdl")),
            "library_rpc.rs",
        ),
        (
            Builder::new(corpus.join("library/bare.wsdl")),
            "library_bare.rs",
        ),
        // The WSDL Spyne (a Python SOAP server framework) emits for its service
        // (`tests/oracles/spyne/orders.py`): document/literal wrapped, Spyne's array wrappers.
        (
            Builder::new(corpus.join("spyne/orders.wsdl")),
            "spyne_orders.rs",
        ),
        // The WSDLs NuSOAP writes of its services (`tests/oracles/nusoap/server.php`), fetched
        // with `wsdl-codegen fetch`: rpc/encoded (its default) with SOAP-encoded arrays, and
        // document/literal, whose wrappers NuSOAP makes of the operations' parameters.
        (
            Builder::new(corpus.join("nusoap/ledger/ledger.wsdl")),
            "nusoap_ledger.rs",
        ),
        (
            Builder::new(corpus.join("nusoap/shelf/shelf.wsdl")),
            "nusoap_shelf.rs",
        ),
        // `mixed` where it does not apply: simple content, complexContent mixed="false".
        (
            Builder::new(corpus.join("mixed_flags.wsdl")),
            "mixed_flags.rs",
        ),
        // Header parts by type=: elements named after the parts.
        (
            Builder::new(corpus.join("typed_headers.wsdl")),
            "typed_headers.rs",
        ),
        (
            Builder::new(corpus.join("documented.wsdl")),
            "documented.rs",
        ),
        // A result carrying its own schema (`ref="s:schema"`) and rows, as a .NET DataSet.
        (Builder::new(corpus.join("dataset.wsdl")), "dataset.rs"),
        // SOAP-encoded arrays of arrays (`xsd:string[][]`, `xsd:int[][][]`).
        (Builder::new(corpus.join("jagged.wsdl")), "jagged.rs"),
        // Apache Axis 1's arrays of a Java service (byte[][] as `xsd:byte[][]`, String[][],
        // int[][], a bean array): the contract of `tests/corpus/tests/oracle_axis_arrays.rs`.
        (
            Builder::new(corpus.join("axis_arrays.wsdl")),
            "axis_arrays.rs",
        ),
        // rpc/encoded with doubles, booleans, dateTimes and nested structs: the contract of
        // the Perl SOAP::Lite peer (`tests/corpus/tests/oracle_perl_soap_lite.rs`).
        (Builder::new(corpus.join("ledger.wsdl")), "ledger.rs"),
        // Recursion through `ref=`s to global elements with anonymous types.
        (
            Builder::new(corpus.join("recursive_refs.wsdl")),
            "recursive_refs.rs",
        ),
        // Multi-dimensional SOAP-encoded arrays (`xsd:string[,]`, `xsd:double[,,]`) and their
        // mixes with arrays of arrays (`xsd:string[,][]`, `xsd:int[][,]`).
        (Builder::new(corpus.join("matrix.wsdl")), "matrix.rs"),
        // One WSDL, two services, and a SOAP 1.1 and a SOAP 1.2 port of the first: each module
        // binds the port its options pick.
        (
            Builder::new(&greeter)
                .service("GreeterService")
                .soap_version(SoapVersion::Soap11),
            "greeter_basic.rs",
        ),
        (
            Builder::new(&greeter).soap_version(SoapVersion::Soap12),
            "greeter_ws.rs",
        ),
        (
            Builder::new(&greeter)
                .service("GreeterAdmin")
                .client_name("AdminClient"),
            "greeter_admin.rs",
        ),
        (
            Builder::new(corpus.join("multifile/service.wsdl")),
            "warehouse.rs",
        ),
        // xs:redefine of an included schema: types and groups replaced by versions derived
        // from their old ones.
        (
            Builder::new(corpus.join("redefine/registry.wsdl")),
            "registry.rs",
        ),
        // A binding without a service: the single binding is bound, the client takes its URL.
        (Builder::new(corpus.join("portless.wsdl")), "portless.rs"),
        // Two WSDLs importing each other; schemas in an include diamond and an import cycle.
        (Builder::new(corpus.join("cyclic/front.wsdl")), "relay.rs"),
        // WS-Addressing 1.0 and MTOM by a referenced policy (SOAP 1.2), the 2004/08
        // submission and MTOM by an embedded one (SOAP 1.1).
        (
            Builder::new(corpus.join("addressing.wsdl")).port("VaultSoap12"),
            "vault12.rs",
        ),
        (
            Builder::new(corpus.join("addressing.wsdl")).port("VaultSoap11"),
            "vault11.rs",
        ),
        // WS-Addressing required by policy on an operation with output header parts.
        (
            Builder::new(corpus.join("addressing_headers.wsdl")),
            "kiln.rs",
        ),
        // Only one of three operations, and the types it reaches (each by another path).
        (
            Builder::new(corpus.join("selection.wsdl")).operations(["GetOrder"]),
            "selection.rs",
        ),
        // Two WSDLs in one generation: modules `shared` (the types both declare alike),
        // `orders` and `billing`, inline in one file.
        (
            Builder::new(corpus.join("several/orders.wsdl"))
                .wsdl(corpus.join("several/billing.wsdl")),
            "several.rs",
        ),
        // Every binding of one WSDL: modules `shared`, `device_binding`,
        // `device_binding_soap11` and `media_binding`, inline in one file.
        (
            Builder::new(corpus.join("every_binding.wsdl")).every_binding(true),
            "every_binding.rs",
        ),
        // SOAP with Attachments: mime:content parts (rpc and document style) and swaRef.
        (
            Builder::new(corpus.join("attachments.wsdl")).port("PhotoAlbumPort"),
            "photo_album.rs",
        ),
        (
            Builder::new(corpus.join("attachments.wsdl")).port("ScanArchivePort"),
            "scan_archive.rs",
        ),
        // A WSDL that declares no WS-Addressing, with it forced by the builder.
        (
            Builder::new(corpus.join("operations.wsdl"))
                .addressing(wsdl_codegen::model::AddressingVersion::W3c10),
            "operations_addressed.rs",
        ),
    ];
    for (builder, out) in builders {
        // serde derives (behind this crate's `serde` feature) are generated for every module, so
        // that `cargo test -p wsdl-corpus --features json` checks them too.
        if let Err(error) = builder.serde(true).compile(out) {
            // The message names the file, line and column; Cargo shows it as the build failure.
            panic!("{out}:\n{error}");
        }
    }
}
