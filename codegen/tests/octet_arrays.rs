//! SOAP-encoded arrays of octets: Apache Axis 1 declares a Java `byte[][]` as
//! `wsdl:arrayType="xsd:byte[][]"` (in a type named after the base64 component,
//! `ArrayOf_soapenc_base64Binary`), and writes it as SOAP 1.1 section 5.4.2 reads that, an
//! array of arrays of `xsd:byte`; it reads each `byte[]` value either item by item or as one
//! base64 value (section 5.2.3). So the generated type stays `Vec<Vec<i8>>`, whatever the
//! array type is named, and its `xsd:byte[]` values get the codec that reads both forms
//! (`SoapOctets`), while arrays of arrays of other items (`jagged.wsdl`'s `xsd:string[][]`,
//! `xsd:int[][][]`) stay nested `SoapArray`s. The Axis peer test is
//! `tests/corpus/tests/oracle_axis_arrays.rs`.

use std::path::Path;

use wsdl_codegen::Builder;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/wsdl");

fn generate(name: &str) -> String {
    Builder::new(Path::new(CORPUS).join(name))
        .generate()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn an_axis_byte_array_array_is_nested_octet_arrays() {
    let code = generate("axis_arrays.wsdl");
    // `xsd:byte[][]`: a Vec of octet arrays, each read item by item or from base64.
    assert!(code.contains("pub b: Vec<Vec<i8>>,"), "{code}");
    assert!(
        code.contains("pub const SOAP_ARRAY_OF_BYTE: SoapOctets = SoapOctets {"),
        "{code}"
    );
    assert!(
        code.contains("pub const SOAP_ARRAY_OF_BYTE_ARRAY: SoapArray<SoapOctets> = SoapArray {"),
        "{code}"
    );
    // A `byte[]` part is `soapenc:base64Binary`: bytes, not an array.
    assert!(code.contains("pub b: Vec<u8>,"), "{code}");
    // The other arrays of arrays and the bean array are plain SOAP arrays.
    assert!(code.contains("pub s: Vec<Vec<String>>,"), "{code}");
    assert!(code.contains("pub s: Vec<Vec<i32>>,"), "{code}");
    assert!(code.contains("pub p: Vec<Point>,"), "{code}");
    assert!(
        code.contains("pub const SOAP_ARRAY_OF_INT_ARRAY: SoapArray<SoapArray<Plain>>"),
        "{code}"
    );
}

#[test]
fn arrays_of_other_items_keep_their_soap_array_codecs() {
    let code = generate("jagged.wsdl");
    assert!(!code.contains("SoapOctets"), "{code}");
    assert!(
        code.contains("SoapArray<SoapArray<SoapArray<Plain>>>"),
        "{code}"
    );
}
