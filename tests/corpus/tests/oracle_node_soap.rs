//! node-soap (npm `soap`) against the rpc/literal binding of `wsdl/rpc.wsdl` (`StoreLiteral`,
//! module `store_literal`), over HTTP on 127.0.0.1, each side a real process: node-soap's client
//! calls the generated server, and the generated client calls node-soap's server, values checked
//! both ways. The EMail contract's document/literal interop is in
//! `tests/tests/oracle_node_soap.rs`, beside the harness (`end_to_end::node_soap`).
//!
//! node-soap 1.13 departs from WSDL 1.1 for rpc/literal in two ways our reader accepts, since it
//! matches an rpc wrapper and its parts by local name: it writes the wrapper (`lookup`,
//! `lookupResponse`) in the WSDL's target namespace (`urn:example:rpc`) instead of the
//! `soap:body`'s `namespace` (`urn:example:rpc:ops`), and its server qualifies the part accessor
//! (`tns:item`), which rpc/literal leaves unqualified (WS-I Basic Profile R2735). It also reads
//! the parts (by type) and what they hold as text, without their schema types.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use end_to_end::node_soap::{NodeSoap, TIMEOUT};
use serde_json::{json, Value};
use soap_runtime::{Error, Fault, Message, SoapVersion};
use wsdl_corpus::store_literal;

/// The contract both sides load.
fn wsdl() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/rpc.wsdl"))
}

/// The path of the `StoreLiteralPort`'s address: node-soap's server picks the binding whose port
/// address has the request's path.
const PATH: &str = "/store/literal";

/// The generated server's handler: records each `id`, answers an item made from it, and a
/// fault for a negative one.
#[derive(Default)]
struct Store {
    ids: Mutex<Vec<i32>>,
}

impl store_literal::StoreService for Store {
    async fn lookup(
        &self,
        request: Message<store_literal::RequestHeaders, store_literal::Lookup>,
    ) -> Result<Message<store_literal::ResponseHeaders, store_literal::LookupResponse>, Fault> {
        let id = request.body.id;
        self.ids.lock().expect("lock").push(id);
        if id < 0 {
            return Err(Fault::sender(SoapVersion::Soap11, "no item < 0 & no <tag>"));
        }
        Ok(Message {
            headers: Default::default(),
            body: store_literal::LookupResponse {
                item: store_literal::Item {
                    name: format!("item {id} <&>"),
                    qty: id * 2,
                    note: Some("ünïcode".into()),
                },
            },
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_soap_client_calls_our_rpc_literal_server() {
    let Some(node) = NodeSoap::locate("node_soap_client_calls_our_rpc_literal_server") else {
        return;
    };
    let store = Arc::new(Store::default());
    let server = store_literal::StoreServer::shared(store.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    let calls = json!({
        "service": "StoreService",
        "port": "StoreLiteralPort",
        "calls": [
            {"op": "lookup", "args": {"id": 7}},
            {"op": "lookup", "args": {"id": -1}},
        ],
    })
    .to_string();
    let args = [wsdl().into_os_string(), server.url().into()];
    let output = tokio::task::spawn_blocking(move || node.run("client.js", &args, &calls, TIMEOUT))
        .await
        .expect("the node-soap client");
    let results: Value = serde_json::from_str(&output).expect("client.js prints JSON");
    assert_eq!(*store.ids.lock().expect("lock"), [7, -1]);
    let item = &results[0]["body"]["item"];
    assert_eq!(item["name"], json!("item 7 <&>"), "{results}");
    // node-soap reads the parts of an rpc message (parts by type) and what they hold as text.
    assert_eq!(item["qty"], json!("14"), "{results}");
    assert_eq!(item["note"], json!("ünïcode"), "{results}");
    let fault = &results[1];
    assert_eq!(fault["status"], json!(500), "{fault}");
    assert_eq!(
        fault["fault"]["faultstring"],
        json!("no item < 0 & no <tag>"),
        "{fault}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_node_soap_rpc_literal_server() {
    let Some(node) = NodeSoap::locate("our_client_calls_a_node_soap_rpc_literal_server") else {
        return;
    };
    // Fields in schema order (node-soap writes them in the order given).
    let answers = r#"{
      "lookup": {"body": {"item": {"name": "item 7 <&>", "qty": 14, "note": "ünïcode"}}}
    }"#;
    let args = [wsdl().into_os_string(), PATH.into(), answers.into()];
    let mut server = tokio::task::spawn_blocking(move || node.serve("server.js", &args, TIMEOUT))
        .await
        .expect("the node-soap server");
    let client = store_literal::StoreClient::new(server.url(PATH));
    let answer = client.lookup_message(store_literal::Lookup { id: 7 }).await;
    let request: Value =
        serde_json::from_str(&server.next_line(TIMEOUT)).expect("server.js prints JSON");
    assert_eq!(request["op"], json!("lookup"), "{request}");
    assert_eq!(request["args"]["id"], json!("7"), "{request}");
    let answer = match answer {
        Ok(answer) => answer,
        Err(Error::Decode(e)) => panic!("{e}"),
        Err(e) => panic!("{e:?}"),
    };
    assert_eq!(answer.body.item.name, "item 7 <&>");
    assert_eq!(answer.body.item.qty, 14);
    assert_eq!(answer.body.item.note.as_deref(), Some("ünïcode"));
}
