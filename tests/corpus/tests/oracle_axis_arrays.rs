//! Apache Axis 1 (1.4) against `wsdl/axis_arrays.wsdl`, the arrays Axis describes for a Java
//! service's `byte[]`, `byte[][]`, `String[][]`, `int[][]` and bean array (rpc/encoded), over
//! HTTP on 127.0.0.1, each side a real process, values checked both ways.
//!
//! The case this settles is `byte[][]`: Axis declares it `wsdl:arrayType="xsd:byte[][]"` in a
//! type named after the base64 component (`ArrayOf_soapenc_base64Binary`), and both its client
//! and its server write it as SOAP 1.1 §5.4.2 reads that declaration, an array of
//! `soapenc:Array`s of `xsd:byte` (`xsd:byte[][3]` outside, `xsd:byte[3]` inside, each byte a
//! multi-reference value), not as base64 items. So the generated `Vec<Vec<i8>>` is right, and
//! these tests hold it to Axis both ways: Axis's client
//! (`tests/oracles/java/axis/AxisArraysClient.java`, with the type mappings Axis's WSDL2Java
//! writes for that WSDL) calls the generated server, and the generated client calls an Axis
//! echo service (`tests/oracles/java/axis/AxisArraysServer.java`, `arrays-server.wsdd`), under
//! Axis's default type mapping and under type mapping 1.1 (whose WSDL names the `byte[][]` type
//! `ArrayOf_xsd_base64Binary`, as Jira's does).
//!
//! `scripts/test.sh` installs Axis (see `end_to_end::axis`); without it these tests are skipped
//! loudly, and fail in CI.

use std::sync::{Arc, Mutex};

use end_to_end::axis::{self, Axis};
use end_to_end::child::PeerServer;
use serde_json::{json, Value};
use soap_runtime::{Fault, Message};
use wsdl_corpus::axis_arrays::{
    ArraysClient, ArraysServer, ArraysService, EchoByteArrays, EchoByteArraysResponse, EchoBytes,
    EchoBytesResponse, EchoIntGrid, EchoIntGridResponse, EchoPoints, EchoPointsResponse,
    EchoStringGrid, EchoStringGridResponse, Point, RequestHeaders, ResponseHeaders,
};

/// An echo service like Axis's, recording each request's value as JSON (as the Axis service
/// reports what it decoded).
#[derive(Default)]
struct Echo {
    received: Mutex<Vec<(&'static str, Value)>>,
}

impl Echo {
    fn record(&self, op: &'static str, value: Value) {
        self.received.lock().expect("lock").push((op, value));
    }
}

fn answer<B>(body: B) -> Result<Message<ResponseHeaders, B>, Fault> {
    Ok(Message {
        headers: ResponseHeaders::default(),
        body,
    })
}

fn points_json(points: &[Point]) -> Value {
    points
        .iter()
        .map(|p| json!({"label": p.label, "x": p.x}))
        .collect()
}

impl ArraysService for Echo {
    async fn echo_bytes(
        &self,
        request: Message<RequestHeaders, EchoBytes>,
    ) -> Result<Message<ResponseHeaders, EchoBytesResponse>, Fault> {
        let b = request.body.b;
        self.record(
            "echoBytes",
            json!(b.iter().map(|&u| u as i8).collect::<Vec<_>>()),
        );
        answer(EchoBytesResponse {
            echo_bytes_return: b,
        })
    }

    async fn echo_byte_arrays(
        &self,
        request: Message<RequestHeaders, EchoByteArrays>,
    ) -> Result<Message<ResponseHeaders, EchoByteArraysResponse>, Fault> {
        let b = request.body.b;
        self.record("echoByteArrays", json!(b));
        answer(EchoByteArraysResponse {
            echo_byte_arrays_return: b,
        })
    }

    async fn echo_string_grid(
        &self,
        request: Message<RequestHeaders, EchoStringGrid>,
    ) -> Result<Message<ResponseHeaders, EchoStringGridResponse>, Fault> {
        let s = request.body.s;
        self.record("echoStringGrid", json!(s));
        answer(EchoStringGridResponse {
            echo_string_grid_return: s,
        })
    }

    async fn echo_int_grid(
        &self,
        request: Message<RequestHeaders, EchoIntGrid>,
    ) -> Result<Message<ResponseHeaders, EchoIntGridResponse>, Fault> {
        let s = request.body.s;
        self.record("echoIntGrid", json!(s));
        answer(EchoIntGridResponse {
            echo_int_grid_return: s,
        })
    }

    async fn echo_points(
        &self,
        request: Message<RequestHeaders, EchoPoints>,
    ) -> Result<Message<ResponseHeaders, EchoPointsResponse>, Fault> {
        let p = request.body.p;
        self.record("echoPoints", points_json(&p));
        answer(EchoPointsResponse {
            echo_points_return: p,
        })
    }
}

/// The values both sides send, as JSON: what `AxisArraysClient` sends, and what the generated
/// client sends below.
fn expected() -> Value {
    json!({
        "echoBytes": [0, 1, -1, 127, -128],
        "echoByteArrays": [[0, 1, -1], [], [-128, 127]],
        "echoStringGrid": [["a", "b <&>"], [], ["ü"]],
        "echoIntGrid": [[1, -2], [], [i32::MAX]],
        "echoPoints": [{"label": "p ü", "x": 1}, {"label": null, "x": -2}],
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axis_client_calls_our_server_with_axis_arrays() {
    let Some(axis) = Axis::locate("axis_client_calls_our_server_with_axis_arrays") else {
        return;
    };
    let echo = Arc::new(Echo::default());
    let server = ArraysServer::shared(echo.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || axis.client("AxisArraysClient", &[&url]))
        .await
        .expect("the Axis client");

    // What our server decoded of Axis's requests (nested byte arrays by reference).
    let received: serde_json::Map<String, Value> = echo
        .received
        .lock()
        .expect("lock")
        .iter()
        .map(|(op, value)| ((*op).to_owned(), value.clone()))
        .collect();
    assert_eq!(Value::Object(received), expected());
    // What Axis decoded of our answers.
    assert_eq!(results, expected());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_an_axis_service_with_axis_arrays() {
    let Some(axis) = Axis::locate("our_client_calls_an_axis_service_with_axis_arrays") else {
        return;
    };
    let wsdd = axis::program_file("arrays-server.wsdd");
    let wsdd = wsdd.to_str().expect("a UTF-8 path").to_owned();
    let mut server = tokio::task::spawn_blocking(move || axis.server("AxisArraysServer", &[&wsdd]))
        .await
        .expect("the Axis service");
    // The service under Axis's default type mapping (1.2, values by reference), then under
    // type mapping 1.1 (Jira's, values inline).
    for path in ["/axis/services/Arrays", "/axis/services/Arrays11"] {
        let client = ArraysClient::new(server.url(path));
        echo_each_array(&client, &mut server, path).await;
    }
}

/// Calls each echo operation of the Axis service at `path` with `client`: Axis decoded what
/// the client sent (it reports it), and the client decodes Axis's answer.
async fn echo_each_array(client: &ArraysClient, server: &mut PeerServer, path: &str) {
    let expected = expected();
    let mut decoded_by_axis = |op: &str| {
        let request = tokio::task::block_in_place(|| server.next_request(op));
        request["value"].clone()
    };

    let bytes = vec![0u8, 1, 0xff, 0x7f, 0x80];
    let echoed = client.echo_bytes(bytes.clone()).await.expect(path);
    assert_eq!(echoed, bytes, "{path}");
    assert_eq!(
        decoded_by_axis("echoBytes"),
        expected["echoBytes"],
        "{path}"
    );

    let byte_arrays = vec![vec![0i8, 1, -1], vec![], vec![i8::MIN, i8::MAX]];
    let echoed = client
        .echo_byte_arrays(byte_arrays.clone())
        .await
        .expect(path);
    assert_eq!(echoed, byte_arrays, "{path}");
    assert_eq!(
        decoded_by_axis("echoByteArrays"),
        expected["echoByteArrays"],
        "{path}"
    );

    let strings = vec![
        vec!["a".to_owned(), "b <&>".to_owned()],
        vec![],
        vec!["ü".to_owned()],
    ];
    let echoed = client.echo_string_grid(strings.clone()).await.expect(path);
    assert_eq!(echoed, strings, "{path}");
    assert_eq!(
        decoded_by_axis("echoStringGrid"),
        expected["echoStringGrid"],
        "{path}"
    );

    let ints = vec![vec![1, -2], vec![], vec![i32::MAX]];
    let echoed = client.echo_int_grid(ints.clone()).await.expect(path);
    assert_eq!(echoed, ints, "{path}");
    assert_eq!(
        decoded_by_axis("echoIntGrid"),
        expected["echoIntGrid"],
        "{path}"
    );

    let points = vec![
        Point {
            label: Some("p ü".to_owned()),
            x: 1,
        },
        Point { label: None, x: -2 },
    ];
    let echoed = client.echo_points(points.clone()).await.expect(path);
    assert_eq!(points_json(&echoed), expected["echoPoints"], "{path}");
    assert_eq!(
        decoded_by_axis("echoPoints"),
        expected["echoPoints"],
        "{path}"
    );
}
