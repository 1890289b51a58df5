//! `wsdl/matrix.wsdl` over HTTP: multi-dimensional SOAP-encoded arrays (SOAP 1.1 section
//! 5.4.2) are nested `Vec`s, one per dimension, written as one `soapenc:Array` whose
//! `soapenc:arrayType` gives every size (`xsd:string[2,3]`) with the members in row-major order;
//! ragged values are refused with a typed error before anything is sent.
//!
//! Neither zeep nor node-soap writes or reads multi-dimensional arrays as such: zeep keeps
//! the item type of `wsdl:arrayType` and drops its dimensions, writes no `soapenc:arrayType`
//! and reads a `[2,3]` array as its six members in a flat list (checked here against our
//! server); node-soap has no SOAP-encoded arrays at all (it writes nested elements named after
//! the part). So the wire form is compared, in structure (names, namespaces, resolved `xsi:type`
//! and `soapenc:arrayType`, texts, order), with messages written here by hand from the SOAP 1.1
//! specification: its two-dimensional array example and SOAPBuilders interop round 2 group B's
//! `echo2DStringArray` call.

use std::sync::Arc;

#[path = "oracle/mod.rs"]
mod oracle;
use oracle::{python, run_script};

use soap_runtime::client::{CannedTransport, Client};
use soap_runtime::envelope::write_envelope_with_encoding;
use soap_runtime::error::{DecodeErrorKind, SoapArrayProblem};
use soap_runtime::server::SoapRequest;
use soap_runtime::{EncodeError, Error, Fault, Message, SoapVersion};
use wsdl_corpus::matrix::{
    Echo2DIntArray, Echo2DIntArrayResponse, Echo2DStringArray, Echo2DStringArrayResponse,
    MatrixPortClient, MatrixPortServer, MatrixPortService, RequestHeaders, Reshape,
    ReshapeResponse, ResponseHeaders, ECHO2D_STRING_ARRAY, NAMESPACES,
};

const WSDL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/matrix.wsdl");
/// The generator's own copy of the SOAP encoding schema, served to zeep in place of the
/// namespace's URL (no network here).
const ENCODING_XSD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../codegen/src/wsdl/well_known/soap-encoding.xsd"
);
const ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const ENC: &str = "http://schemas.xmlsoap.org/soap/encoding/";
const XSD: &str = "http://www.w3.org/2001/XMLSchema";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Echoes the arrays; `reshape` rounds the cube's numbers into the grid's int arrays.
struct Matrix;

impl MatrixPortService for Matrix {
    async fn echo2d_string_array(
        &self,
        request: Message<RequestHeaders, Echo2DStringArray>,
    ) -> Result<Message<ResponseHeaders, Echo2DStringArrayResponse>, Fault> {
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: Echo2DStringArrayResponse {
                r#return: request.body.input_string2d_array,
            },
        })
    }

    async fn echo2d_int_array(
        &self,
        request: Message<RequestHeaders, Echo2DIntArray>,
    ) -> Result<Message<ResponseHeaders, Echo2DIntArrayResponse>, Fault> {
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: Echo2DIntArrayResponse {
                r#return: request.body.input_int2d_array,
            },
        })
    }

    async fn reshape(
        &self,
        request: Message<RequestHeaders, Reshape>,
    ) -> Result<Message<ResponseHeaders, ReshapeResponse>, Fault> {
        let grid = request
            .body
            .cube
            .iter()
            .map(|plane| {
                plane
                    .iter()
                    .map(|row| row.iter().map(|x| x.round() as i32).collect())
                    .collect()
            })
            .collect();
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: ReshapeResponse {
                grid,
                sheets: request.body.sheets,
                hypercube: request.body.hypercube,
            },
        })
    }
}

fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|row| row.iter().map(|s| s.to_string()).collect())
        .collect()
}

async fn served() -> (soap_runtime::server::Server, MatrixPortClient) {
    let server = MatrixPortServer::new(Matrix)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = MatrixPortClient::new(server.url());
    (server, client)
}

#[tokio::test]
async fn two_dimensional_arrays_round_trip_over_http() {
    let (_server, client) = served().await;
    let grid = strings(&[&["r0c0", "r0c1", "r0c2"], &["r1c0", "r1 & c1", ""]]);
    assert_eq!(
        client.echo2d_string_array(grid.clone()).await.unwrap(),
        grid
    );
    let ints = vec![vec![1, -2], vec![3, 4], vec![i32::MAX, i32::MIN]];
    assert_eq!(client.echo2d_int_array(ints.clone()).await.unwrap(), ints);
    // Empty arrays keep their shape: no rows, and rows without columns.
    assert_eq!(
        client.echo2d_int_array(vec![]).await.unwrap(),
        Vec::<Vec<i32>>::new()
    );
    let empty_rows = vec![Vec::<i32>::new(); 3];
    assert_eq!(
        client.echo2d_int_array(empty_rows.clone()).await.unwrap(),
        empty_rows
    );
}

#[tokio::test]
async fn three_and_five_dimensional_and_mixed_arrays_round_trip_over_http() {
    let (_server, client) = served().await;
    let cube = vec![
        vec![vec![1.0, 2.4], vec![3.5, 4.0], vec![5.0, 6.0]],
        vec![vec![7.0, 8.0], vec![9.0, 10.0], vec![11.0, 12.6]],
    ];
    // `xsd:string[,][]`: one-dimensional, its values two-dimensional arrays of any sizes.
    let sheets = vec![
        strings(&[&["a", "b"], &["c", "d"]]),
        strings(&[&["only"]]),
        vec![],
    ];
    // Five dimensions of sizes 2, 1, 3, 1, 2.
    let hypercube: Vec<Vec<Vec<Vec<Vec<i32>>>>> = (0..2)
        .map(|a| {
            vec![(0..3)
                .map(|c| vec![(0..2).map(|e| a * 100 + c * 10 + e).collect()])
                .collect()]
        })
        .collect();
    let answer = client
        .reshape_message(Reshape {
            cube,
            sheets: sheets.clone(),
            hypercube: hypercube.clone(),
        })
        .await
        .unwrap()
        .body;
    // `xsd:int[][,]`: two-dimensional, its values one-dimensional arrays of any lengths.
    assert_eq!(
        answer.grid,
        vec![
            vec![vec![1, 2], vec![4, 4], vec![5, 6]],
            vec![vec![7, 8], vec![9, 10], vec![11, 13]],
        ]
    );
    assert_eq!(answer.sheets, sheets);
    assert_eq!(answer.hypercube, hypercube);
}

#[tokio::test]
async fn ragged_values_are_refused_before_anything_is_sent() {
    // No server: the error comes from encoding, before any connection.
    let client = MatrixPortClient::new("http://127.0.0.1:9/matrix");
    let ragged = strings(&[&["a", "b"], &["c"]]);
    match client.echo2d_string_array(ragged).await {
        Err(Error::Encode(EncodeError::RaggedArray {
            element,
            index,
            expected,
            found,
        })) => {
            assert_eq!(element, "inputString2DArray");
            assert_eq!((index.as_str(), expected, found), ("[1]", 2, 1));
        }
        other => panic!("expected a ragged-array error, got {other:?}"),
    }
    let cube = vec![vec![vec![1.0], vec![2.0]], vec![vec![3.0], vec![4.0, 5.0]]];
    let error = client
        .reshape(cube, vec![], vec![])
        .await
        .expect_err("a ragged cube");
    assert!(
        matches!(&error, Error::Encode(EncodeError::RaggedArray { index, .. }) if index == "[1][1]"),
        "{error:?}"
    );
}

/// A comparable rendering of `node`'s tree: expanded names, attributes but namespace
/// declarations (QName values of `xsi:type` and `soapenc:arrayType` resolved), trimmed texts,
/// children in order. Prefixes and attribute order are not significant; the rest is.
fn structure(node: roxmltree::Node<'_, '_>) -> String {
    let mut attributes: Vec<String> = node
        .attributes()
        .map(|a| {
            let resolved = if a.namespace() == Some(XSI) && a.name() == "type"
                || a.namespace() == Some(ENC) && a.name() == "arrayType"
            {
                match a.value().split_once(':') {
                    Some((prefix, local)) => format!(
                        "{{{}}}{local}",
                        node.lookup_namespace_uri(Some(prefix)).unwrap_or("?")
                    ),
                    None => a.value().to_string(),
                }
            } else {
                a.value().to_string()
            };
            format!("{{{}}}{}={resolved}", a.namespace().unwrap_or(""), a.name())
        })
        .collect();
    attributes.sort();
    let children: Vec<String> = node
        .children()
        .filter(|c| c.is_element())
        .map(structure)
        .collect();
    let text = if children.is_empty() {
        node.text().unwrap_or("").trim().to_string()
    } else {
        String::new()
    };
    format!(
        "<{{{}}}{} {}>{text}{}</>",
        node.tag_name().namespace().unwrap_or(""),
        node.tag_name().name(),
        attributes.join(" "),
        children.join("")
    )
}

/// The structure of the `Body` of `envelope`.
fn body_structure(envelope: &str) -> String {
    let doc = roxmltree::Document::parse(envelope).expect("well-formed");
    let body = doc
        .descendants()
        .find(|n| n.tag_name().namespace() == Some(ENV) && n.tag_name().name() == "Body")
        .expect("a Body");
    structure(body)
}

/// SOAPBuilders interop round 2 group B's `echo2DStringArray` call as the SOAP 1.1 specification
/// (section 5.4.2, its `xsd:string[2,3]` example) has it written, in this WSDL's namespaces:
/// written here by hand from the specification, not by any implementation.
const HAND_WRITTEN_REQUEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
    xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SOAP-ENV:Body>
    <m:echo2DStringArray xmlns:m="urn:example:matrix:ops"
        SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
      <inputString2DArray xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:string[2,3]">
        <item xsi:type="xsd:string">r1c1</item>
        <item xsi:type="xsd:string">r1c2</item>
        <item xsi:type="xsd:string">r1c3</item>
        <item xsi:type="xsd:string">r2c1</item>
        <item xsi:type="xsd:string">r2c2</item>
        <item xsi:type="xsd:string">r2c3</item>
      </inputString2DArray>
    </m:echo2DStringArray>
  </SOAP-ENV:Body>
</SOAP-ENV:Envelope>"#;

fn spec_grid() -> Vec<Vec<String>> {
    strings(&[&["r1c1", "r1c2", "r1c3"], &["r2c1", "r2c2", "r2c3"]])
}

#[test]
fn the_request_has_the_structure_of_the_specification_example() {
    let written = write_envelope_with_encoding(
        SoapVersion::Soap11,
        NAMESPACES,
        &RequestHeaders::default(),
        ECHO2D_STRING_ARRAY.request,
        &Echo2DStringArray {
            input_string2d_array: spec_grid(),
        },
        ECHO2D_STRING_ARRAY.encoded,
    )
    .expect("encode");
    let written = String::from_utf8(written).expect("utf-8");
    assert_eq!(
        body_structure(&written),
        body_structure(HAND_WRITTEN_REQUEST),
        "{written}"
    );
}

async fn dispatch(envelope: &str) -> (u16, String) {
    let response = MatrixPortServer::new(Matrix)
        .dispatch(SoapRequest {
            soap_action: Some("\"urn:example:matrix#echo2DStringArray\"".into()),
            content_type: Some("text/xml; charset=utf-8".into()),
            body: envelope.to_string().into_bytes().into(),
        })
        .await;
    let body = String::from_utf8(response.body.to_vec()).expect("utf-8");
    (response.status, body)
}

#[tokio::test]
async fn the_server_reads_the_hand_written_request_into_rows() {
    let (status, body) = dispatch(HAND_WRITTEN_REQUEST).await;
    assert_eq!(status, 200, "{body}");
    // The answer echoes the rows: the same six members, in the same order, as `[2,3]`.
    let doc = roxmltree::Document::parse(&body).expect("well-formed");
    let array = doc
        .descendants()
        .find(|n| n.tag_name().name() == "return")
        .expect("return");
    let array_type = array.attribute((ENC, "arrayType")).expect("arrayType");
    let (prefix, rest) = array_type.split_once(':').expect("prefixed");
    assert_eq!(array.lookup_namespace_uri(Some(prefix)), Some(XSD));
    assert_eq!(rest, "string[2,3]");
    let members: Vec<&str> = array
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.text().unwrap_or(""))
        .collect();
    assert_eq!(members, ["r1c1", "r1c2", "r1c3", "r2c1", "r2c2", "r2c3"]);
}

/// The hand-written request with its array element's attributes and members replaced.
fn request_with(array_attributes: &str, members: &str) -> String {
    format!(
        r#"<e:Envelope xmlns:e="{ENV}" xmlns:enc="{ENC}" xmlns:xsd="{XSD}" xmlns:xsi="{XSI}"><e:Body><m:echo2DStringArray xmlns:m="urn:example:matrix:ops"><inputString2DArray xsi:type="enc:Array" {array_attributes}>{members}</inputString2DArray></m:echo2DStringArray></e:Body></e:Envelope>"#
    )
}

#[tokio::test]
async fn the_server_answers_a_fault_naming_what_is_wrong_with_the_array() {
    let four = "<item>a</item><item>b</item><item>c</item><item>d</item>";
    for (attributes, members, expected) in [
        (
            r#"enc:arrayType="xsd:string[2,3]""#,
            four,
            "holds 4 member(s) where its sizes declare 6",
        ),
        (
            r#"enc:arrayType="xsd:string[4]""#,
            four,
            "gives 1 dimension(s)",
        ),
        (
            r#"enc:arrayType="xsd:string[999999999,999999999]""#,
            four,
            "holds 4 member(s)",
        ),
        (
            r#"enc:arrayType="xsd:string[99999999999,99999999999]""#,
            four,
            "multiply beyond any array",
        ),
        ("", four, "needs `soapenc:arrayType`"),
        (
            r#"enc:arrayType="xsd:string[2,2]" enc:offset="[1,0]""#,
            four,
            "soapenc:offset",
        ),
    ] {
        let (status, body) = dispatch(&request_with(attributes, members)).await;
        assert_eq!(status, 500, "{attributes}: {body}");
        assert!(body.contains(expected), "{attributes}: {body}");
        assert!(body.contains("inputString2DArray"), "{attributes}: {body}");
    }
}

/// A canned answer whose `Body` holds `content`, read through the generated client's
/// `echo2DStringArray`.
async fn read_body(content: &str) -> Result<Vec<Vec<String>>, Error> {
    let answer = format!(
        r#"<e:Envelope xmlns:e="{ENV}" xmlns:enc="{ENC}" xmlns:xsd="{XSD}" xmlns:xsi="{XSI}"><e:Body>{content}</e:Body></e:Envelope>"#
    );
    let transport = Arc::new(CannedTransport::ok("text/xml; charset=utf-8", answer));
    let client = MatrixPortClient::with_client(
        Client::with_transport("http://127.0.0.1:9/matrix", transport)
            .with_version(SoapVersion::Soap11),
    );
    client.echo2d_string_array(vec![]).await
}

/// A canned answer holding `array` as its `return`, read through the generated client.
async fn read_answer(array: &str) -> Result<Vec<Vec<String>>, Error> {
    read_body(&format!(
        r#"<m:echo2DStringArrayResponse xmlns:m="urn:example:matrix:ops">{array}</m:echo2DStringArrayResponse>"#
    ))
    .await
}

#[tokio::test]
async fn the_client_reads_positions_that_leave_nothing_out_and_refuses_sparse_arrays() {
    // Positions naming each member's own place (and a zero offset) read as plain rows.
    let dense = r#"<return xsi:type="enc:Array" enc:arrayType="xsd:string[2,2]" enc:offset="[0,0]"><item enc:position="[0,0]">a</item><item enc:position="[0,1]">b</item><item>c</item><item enc:position="[1,1]">d</item></return>"#;
    assert_eq!(
        read_answer(dense).await.unwrap(),
        strings(&[&["a", "b"], &["c", "d"]])
    );
    // A sparse array (the spec's `[2,2]`/`[7,2]` members of a `[10,10]` array) is refused by
    // name: a `Vec` has no place for the members not sent.
    let sparse = r#"<return xsi:type="enc:Array" enc:arrayType="xsd:string[10,10]"><item enc:position="[2,2]">third row, third column</item><item enc:position="[7,2]">eighth row, third column</item></return>"#;
    match read_answer(sparse).await {
        Err(Error::Decode(error)) => match error.kind {
            DecodeErrorKind::BadSoapArray {
                element,
                problem: SoapArrayProblem::Unsupported { attribute, value },
            } => {
                assert_eq!((element.as_str(), attribute), ("return", "position"));
                assert_eq!(value, "[2,2]");
                assert!(error.location.line >= 1);
            }
            other => panic!("expected a sparse-array refusal, got {other:?}"),
        },
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_client_reads_members_of_any_name_and_multi_reference_arrays() {
    // Members named after their type, a nil member (the default value), and the array given
    // once by `id` and referred to by `href`, as Axis writes encoded answers.
    let body = r##"<m:echo2DStringArrayResponse xmlns:m="urn:example:matrix:ops"><return href="#id0"/></m:echo2DStringArrayResponse><multiRef id="id0" enc:root="0" xsi:type="enc:Array" enc:arrayType="xsd:string[3,1]"><string>x</string><string xsi:nil="true"/><string>z</string></multiRef>"##;
    assert_eq!(
        read_body(body).await.unwrap(),
        strings(&[&["x"], &[""], &["z"]])
    );
}

/// zeep (a peer nobody here wrote) against our server: what it writes for `echo2DStringArray`
/// given rows, what our server answers to that, and how it reads an answer of ours.
const ZEEP_CLIENT: &str = r#"
import json, sys
import zeep
from lxml import etree
from zeep.transports import Transport

class Local(Transport):
    def load(self, url):
        if url.rstrip("/").endswith("schemas.xmlsoap.org/soap/encoding"):
            with open(sys.argv[2], "rb") as f:
                return f.read()
        return super().load(url)

client = zeep.Client(sys.argv[1], transport=Local())
service = client.create_service("{urn:example:matrix}MatrixBinding", sys.argv[3])
operation = client.bind("Matrix", "MatrixPort")._binding.get("echo2DStringArray")
written = operation.create([["a", "b"], ["c", "d"]]).content
array = written.find(".//inputString2DArray")
try:
    service.echo2DStringArray([["a", "b"], ["c", "d"]])
    fault = None
except zeep.exceptions.Fault as error:
    fault = error.message
with open(sys.argv[4], "rb") as f:
    read = operation.process_reply(etree.fromstring(f.read()))
print(json.dumps({
    "arrayType": array.get("{http://schemas.xmlsoap.org/soap/encoding/}arrayType"),
    "members": len(array),
    "fault": fault,
    "read": read,
}))
"#;

#[tokio::test]
async fn zeep_flattens_two_dimensional_arrays() {
    let Some(python) = python("zeep_flattens_two_dimensional_arrays") else {
        return;
    };
    let server = MatrixPortServer::new(Matrix)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    // Our server's answer to the hand-written request, for zeep to read.
    let (status, answer) = dispatch(HAND_WRITTEN_REQUEST).await;
    assert_eq!(status, 200, "{answer}");
    let dir = std::env::temp_dir().join(format!("wsdl-corpus-matrix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let answer_file = dir.join("answer.xml");
    std::fs::write(&answer_file, answer).expect("write the answer");
    let args = vec![
        WSDL.to_string(),
        ENCODING_XSD.to_string(),
        server.url(),
        answer_file.display().to_string(),
    ];
    let read = run_script(&python, ZEEP_CLIENT, args).await;
    server.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
    // zeep writes neither sizes nor members for rows, so our server cannot know the dimensions
    // and answers a fault naming the missing attribute ...
    assert_eq!(read["arrayType"], serde_json::Value::Null, "{read}");
    assert_eq!(read["members"], 0, "{read}");
    let fault = read["fault"].as_str().expect("a fault");
    assert!(fault.contains("needs `soapenc:arrayType`"), "{fault}");
    // ... and reads our `xsd:string[2,3]` answer as its members in our (row-major) order.
    assert_eq!(
        read["read"],
        serde_json::json!(["r1c1", "r1c2", "r1c3", "r2c1", "r2c2", "r2c3"])
    );
}
