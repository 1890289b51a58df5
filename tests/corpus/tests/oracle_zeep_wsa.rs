//! zeep (with its `WsAddressingPlugin`) against our generated WS-Addressing servers, over real
//! HTTP on 127.0.0.1: zeep's requests are served and its answers decoded without complaint, and
//! the requests our generated client sends are tree-equal to zeep's (but for the message ID's
//! value, the `wsa:ReplyTo` we add and the `mustUnderstand` attributes WCF expects).
//!
//! zeep applies its `WsAddressingPlugin` by itself to operations whose port type carries
//! `wsaw:Action` (`addressing.wsdl`); adding the plugin again would send every header twice.
//! For `operations.wsdl` (no `wsaw:Action`, WS-Addressing forced by our builder) the plugin is
//! given explicitly, and without it zeep's requests are refused.
//!
//! zeep runs from `ORACLE_PYTHON` (set by `scripts/test.sh`); without it the tests are skipped
//! loudly, and fail when `CI` is set.

use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use soap_runtime::server::{Server, SoapHandler, SoapRequest, SoapResponse};
use soap_runtime::{Fault, Limits, Message, SoapVersion};
use wsdl_corpus::{operations_addressed, vault11, vault12};

mod oracle;
use oracle::python;

const VAULT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/addressing.wsdl");
const ORDERS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/operations.wsdl");
const WSA10: &str = "http://www.w3.org/2005/08/addressing";

/// Which WSDL, service and port zeep binds.
#[derive(Clone, Copy)]
struct Port(&'static str, &'static str, &'static str);

const VAULT12: Port = Port(VAULT, "VaultService", "VaultSoap12");
const VAULT11: Port = Port(VAULT, "VaultService", "VaultSoap11");
const ORDERS12: Port = Port(ORDERS, "OrderService", "OrdersSoap12");

/// Runs zeep as a client of `url` (see `tests/oracles/zeep_client.py`), in a blocking task.
async fn zeep(
    python: &str,
    port: Port,
    url: &str,
    operation: &'static str,
    args: Value,
    wsa: bool,
) -> Value {
    let (python, url) = (python.to_string(), url.to_string());
    tokio::task::spawn_blocking(move || zeep_blocking(&python, port, &url, operation, args, wsa))
        .await
        .expect("the zeep task")
}

fn zeep_blocking(
    python: &str,
    Port(wsdl, service, port): Port,
    url: &str,
    operation: &str,
    args: Value,
    wsa: bool,
) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../oracles/zeep_client.py");
    let mut command = Command::new(python);
    command
        .arg(script)
        .arg(wsdl)
        .arg(service)
        .arg(port)
        .arg(url)
        .arg(operation)
        .arg(args.to_string());
    if wsa {
        command.arg("--wsa");
    }
    let output = command.output().expect("run zeep");
    assert!(
        output.status.success(),
        "zeep failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("zeep prints JSON")
}

#[derive(Default)]
struct Vault {
    stored: Mutex<Vec<(String, Vec<u8>)>>,
}

macro_rules! vault {
    ($module:ident) => {
        impl $module::VaultService for Vault {
            async fn store(
                &self,
                request: Message<$module::RequestHeaders, $module::Store>,
            ) -> Result<Message<$module::ResponseHeaders, $module::StoreResponse>, Fault> {
                let size = request.body.content.len() as i32;
                self.stored
                    .lock()
                    .unwrap()
                    .push((request.body.name, request.body.content));
                Ok(Message {
                    headers: Default::default(),
                    body: $module::StoreResponse { size },
                })
            }

            async fn fetch(
                &self,
                request: Message<$module::RequestHeaders, $module::Fetch>,
            ) -> Result<Message<$module::ResponseHeaders, $module::FetchResponse>, Fault> {
                let stored = self.stored.lock().unwrap();
                let content = stored
                    .iter()
                    .find(|(n, _)| *n == request.body.name)
                    .map(|(_, c)| c.clone())
                    .ok_or_else(|| Fault::sender(SoapVersion::Soap11, "no such entry"))?;
                Ok(Message {
                    headers: Default::default(),
                    body: $module::FetchResponse {
                        name: request.body.name.clone(),
                        thumbnail: vec![content[..content.len().min(2)].to_vec()],
                        content: Some(content),
                    },
                })
            }
        }
    };
}

vault!(vault12);
vault!(vault11);

/// Serves `handler`, remembering every request body.
struct Tap<H> {
    inner: H,
    seen: Mutex<Vec<Vec<u8>>>,
}

impl<H: SoapHandler> SoapHandler for Tap<H> {
    fn handle(
        &self,
        request: SoapRequest,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = SoapResponse> + Send + '_>> {
        // The envelope: the root part of an MTOM request.
        let envelope = soap_runtime::mtom::envelope_bytes(
            &request.body,
            request.content_type.as_deref(),
            &Limits::default(),
        )
        .unwrap_or(&request.body)
        .to_vec();
        self.seen.lock().unwrap().push(envelope);
        self.inner.handle(request)
    }
}

async fn serve<H: SoapHandler>(inner: H, path: &str) -> (Server, Arc<Tap<H>>) {
    let tap = Arc::new(Tap {
        inner,
        seen: Mutex::new(Vec::new()),
    });
    let server = Server::bind("127.0.0.1:0", path, tap.clone(), Limits::default())
        .await
        .unwrap();
    (server, tap)
}

/// A tree of (namespace, local name, attributes, text, children), without namespace
/// declarations, `mustUnderstand`, insignificant whitespace, `wsa:ReplyTo`, and with the
/// message ID's value replaced.
fn canonical(node: roxmltree::Node<'_, '_>) -> String {
    let name = node.tag_name();
    let mut attributes: Vec<String> = node
        .attributes()
        .filter(|a| a.name() != "mustUnderstand")
        .map(|a| {
            format!(
                "{{{}}}{}={}",
                a.namespace().unwrap_or(""),
                a.name(),
                a.value()
            )
        })
        .collect();
    attributes.sort();
    let text = if name.namespace() == Some(WSA10) && name.name() == "MessageID" {
        "(id)".to_string()
    } else {
        node.children()
            .filter(|c| c.is_text())
            .filter_map(|c| c.text())
            .collect::<String>()
            .trim()
            .to_string()
    };
    let children: Vec<String> = node
        .children()
        .filter(|c| c.is_element())
        .filter(|c| !(c.tag_name().namespace() == Some(WSA10) && c.tag_name().name() == "ReplyTo"))
        .map(canonical)
        .collect();
    format!(
        "{{{}}}{}[{}]({}){{{}}}",
        name.namespace().unwrap_or(""),
        name.name(),
        attributes.join(","),
        text,
        children.join(",")
    )
}

fn canonical_text(xml: &str) -> String {
    canonical(roxmltree::Document::parse(xml).unwrap().root_element())
}

#[tokio::test]
async fn zeep_with_its_plugin_and_a_builder_forced_server() {
    let Some(python) = python("zeep_with_its_plugin_and_a_builder_forced_server") else {
        return;
    };
    struct Orders;
    impl operations_addressed::OrdersService for Orders {
        async fn place_order(
            &self,
            request: Message<
                operations_addressed::RequestHeaders,
                operations_addressed::PlaceOrder,
            >,
        ) -> Result<
            Message<
                operations_addressed::ResponseHeaders,
                operations_addressed::PlaceOrderResponse,
            >,
            Fault,
        > {
            Ok(Message {
                headers: Default::default(),
                body: operations_addressed::PlaceOrderResponse {
                    order_id: i64::from(request.body.quantity) * 100,
                },
            })
        }
    }
    let (server, tap) = serve(operations_addressed::OrdersServer::new(Orders), "/orders").await;
    let url = server.url();
    let args = json!({"Sku": "x-1", "Quantity": 7});
    let placed = zeep(&python, ORDERS12, &url, "PlaceOrder", args.clone(), true).await;
    // The binding declares a response header, so zeep answers with header and body; the
    // header holds our wsa:Action and wsa:RelatesTo, which names zeep's message ID.
    assert_eq!(
        placed["result"]["body"],
        json!({"OrderId": 700}),
        "{placed}"
    );
    let sent = placed["sent"].as_str().unwrap();
    let sent_id = roxmltree::Document::parse(sent)
        .unwrap()
        .descendants()
        .find(|n| n.tag_name().name() == "MessageID")
        .and_then(|n| n.text().map(str::to_string))
        .unwrap();
    let raw = placed["result"]["header"]["_raw_elements"].to_string();
    assert!(
        raw.contains(&format!(">{sent_id}</wsa:RelatesTo>")),
        "{raw}"
    );
    assert!(
        raw.contains("urn:example:operations:Orders:PlaceOrderResponse"),
        "{raw}"
    );

    let client = operations_addressed::OrdersClient::new(url.clone());
    assert_eq!(client.place_order("x-1".into(), 7).await.unwrap(), 700);
    let ours = String::from_utf8(tap.seen.lock().unwrap()[1].clone()).unwrap();
    let theirs = placed["sent"].as_str().unwrap();
    assert_eq!(canonical_text(&ours), canonical_text(theirs));
    assert!(theirs.contains(WSA10), "zeep sent WS-Addressing: {theirs}");

    // Without the plugin zeep sends no WS-Addressing header: the server refuses the request.
    let refused = zeep(&python, ORDERS12, &url, "PlaceOrder", args, false).await;
    let error = refused["error"].as_str().unwrap_or_default();
    assert!(error.starts_with("Fault"), "{refused}");
    assert!(error.contains("Message Addressing Property"), "{refused}");
    server.shutdown().await;
}

#[tokio::test]
async fn zeep_with_ws_addressing_and_our_soap12_server() {
    let Some(python) = python("zeep_with_ws_addressing_and_our_soap12_server") else {
        return;
    };
    let (server, tap) = serve(vault12::VaultServer::new(Vault::default()), "/vault").await;
    let url = server.url();
    let hello = json!({"$base64": "aGVsbG8="});
    let stored = zeep(
        &python,
        VAULT12,
        &url,
        "Store",
        json!({"Name": "a", "Content": hello}),
        false,
    )
    .await;
    assert_eq!(stored["result"], json!(5), "{stored}");

    // Our generated client, same call, same server: the request is tree-equal to zeep's.
    let client = vault12::VaultClient::new(url.clone());
    assert_eq!(
        client.store("a".into(), b"hello".to_vec()).await.unwrap(),
        5
    );
    let ours = String::from_utf8(tap.seen.lock().unwrap()[1].clone()).unwrap();
    let theirs = stored["sent"].as_str().unwrap();
    assert_eq!(canonical_text(&ours), canonical_text(theirs));
    assert!(ours.contains("ReplyTo"), "{ours}");

    let fetched = zeep(&python, VAULT12, &url, "Fetch", json!({"Name": "a"}), false).await;
    assert_eq!(
        fetched["result"],
        json!({"Name": "a", "Content": hello, "Thumbnail": [{"$base64": "aGU="}]}),
        "{fetched}"
    );

    // MTOM (the port's policy asks for it): our client sends 3,000 bytes in a MIME part, and
    // zeep decodes the answer, whose Content is a part too (its Thumbnail stays text).
    let big: Vec<u8> = (0..3000u32).map(|i| (i * 7 % 251) as u8).collect();
    assert_eq!(client.store("big".into(), big.clone()).await.unwrap(), 3000);
    let stored_big = tap.seen.lock().unwrap().last().cloned().unwrap();
    let stored_big = String::from_utf8(stored_big).unwrap();
    assert!(stored_big.contains("xop:Include"), "{stored_big}");
    let fetched = zeep(
        &python,
        VAULT12,
        &url,
        "Fetch",
        json!({"Name": "big"}),
        false,
    )
    .await;
    assert!(
        fetched["received_content_type"]
            .as_str()
            .unwrap()
            .starts_with("multipart/related"),
        "{fetched}"
    );
    use base64::Engine as _;
    let expected = base64::engine::general_purpose::STANDARD.encode(&big);
    assert_eq!(fetched["result"]["Content"], json!({"$base64": expected}));
    server.shutdown().await;
}

#[tokio::test]
async fn zeep_with_ws_addressing_and_our_soap11_server() {
    let Some(python) = python("zeep_with_ws_addressing_and_our_soap11_server") else {
        return;
    };
    // The port speaks the 2004/08 submission; zeep sends 1.0, and the server answers in the
    // version the request came in.
    let (server, _tap) = serve(vault11::VaultServer::new(Vault::default()), "/vault").await;
    let url = server.url();
    let args = json!({"Name": "b", "Content": {"$base64": "AQID"}});
    let stored = zeep(&python, VAULT11, &url, "Store", args, false).await;
    assert_eq!(stored["result"], json!(3), "{stored}");
    let fetched = zeep(&python, VAULT11, &url, "Fetch", json!({"Name": "b"}), false).await;
    assert_eq!(
        fetched["result"]["Content"],
        json!({"$base64": "AQID"}),
        "{fetched}"
    );

    // 2,000 bytes: zeep sends them as base64 text, the answer carries them in a MIME part.
    use base64::Engine as _;
    let big: Vec<u8> = (0..2000u32).map(|i| (i * 13 % 256) as u8).collect();
    let text = base64::engine::general_purpose::STANDARD.encode(&big);
    let args = json!({"Name": "big", "Content": {"$base64": text}});
    let stored = zeep(&python, VAULT11, &url, "Store", args, false).await;
    assert_eq!(stored["result"], json!(2000), "{stored}");
    let fetched = zeep(
        &python,
        VAULT11,
        &url,
        "Fetch",
        json!({"Name": "big"}),
        false,
    )
    .await;
    assert!(
        fetched["received_content_type"]
            .as_str()
            .unwrap()
            .contains("start-info=\"text/xml\""),
        "{fetched}"
    );
    assert_eq!(fetched["result"]["Content"], json!({"$base64": text}));
    server.shutdown().await;
}
