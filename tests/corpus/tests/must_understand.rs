//! Header blocks marked `mustUnderstand` (SOAP 1.1 §4.2.3, SOAP 1.2 Part 1 §5.2.3): a generated
//! server answers a block aimed at it that neither its contract declares nor it was told it
//! processes (`understand_header`) with a `MustUnderstand` fault, and does not run the
//! operation; a block not so marked, or aimed at another node, is skipped as before. The
//! handler is handed the blocks its contract does not declare (`undeclared_headers`), to check
//! a UsernameToken, say. Checked through `dispatch`, over HTTP with our client, in both SOAP
//! versions (SOAP 1.2's fault names each block in a `NotUnderstood` header; its WS-Addressing
//! headers, which the server reads, pass), and against zeep as the client (`ORACLE_PYTHON`,
//! set by `scripts/test.sh`; without it that test is skipped loudly, and fails when `CI` is
//! set).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use soap_runtime::server::{undeclared_headers, SoapRequest, SoapResponse};
use soap_runtime::{Client, Error, Fault, Message, XmlElement};
use wsdl_corpus::{greeter_basic, greeter_ws};

mod oracle;
use oracle::{python, run_script};

const WSSE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";
const WSDL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/wcf_greeter.wsdl");

/// Counts the operations it runs, keeps the user names of the `wsse:Security` headers it is
/// handed, and answers two names.
#[derive(Default)]
struct Names {
    served: AtomicUsize,
    users: Mutex<Vec<String>>,
}

impl Names {
    /// The operation's work: the user in the request's undeclared `wsse:Security` header.
    fn serve(&self) {
        self.served.fetch_add(1, Ordering::SeqCst);
        let headers = undeclared_headers();
        let user = headers
            .iter()
            .filter(|h| h.namespace == WSSE && h.local == "Security")
            .flat_map(|security| security.child(WSSE, "UsernameToken"))
            .flat_map(|token| token.child(WSSE, "Username"))
            .map(XmlElement::text);
        self.users.lock().expect("not poisoned").extend(user);
    }
}

macro_rules! names {
    ($module:ident) => {
        impl $module::IGreeterService for Names {
            async fn list_names(
                &self,
                _request: Message<$module::RequestHeaders, $module::ListNames>,
            ) -> Result<Message<$module::ResponseHeaders, $module::ListNamesResponse>, Fault> {
                self.serve();
                Ok(Message {
                    headers: Default::default(),
                    body: $module::ListNamesResponse {
                        list_names_result: Some(vec!["Ada".into(), "Grace".into()]),
                    },
                })
            }
        }
    };
}
names!(greeter_basic);
names!(greeter_ws);

/// A SOAP 1.1 `ListNames` request carrying `headers`.
fn request11(headers: &str) -> SoapRequest {
    let body = format!(
        r#"<s:Envelope xmlns:s="{SOAP11}"><s:Header>{headers}</s:Header><s:Body><ListNames xmlns="http://tempuri.org/"/></s:Body></s:Envelope>"#
    );
    SoapRequest {
        soap_action: Some("\"http://tempuri.org/IGreeter/ListNames\"".into()),
        content_type: Some("text/xml; charset=utf-8".into()),
        body: body.into(),
    }
}

/// A SOAP 1.2 `ListNames` request with WS-Addressing headers (marked `mustUnderstand`, as WCF
/// sends them) and `headers`.
fn request12(headers: &str) -> SoapRequest {
    let action = "http://tempuri.org/IGreeter/ListNames";
    let body = format!(
        r#"<s:Envelope xmlns:s="{SOAP12}" xmlns:a="http://www.w3.org/2005/08/addressing"><s:Header><a:Action s:mustUnderstand="1">{action}</a:Action><a:MessageID>urn:uuid:11111111-2222-4333-8444-555555555555</a:MessageID><a:To s:mustUnderstand="1">http://127.0.0.1/Greeter/ws</a:To>{headers}</s:Header><s:Body><ListNames xmlns="http://tempuri.org/"/></s:Body></s:Envelope>"#
    );
    SoapRequest {
        soap_action: None,
        content_type: Some(
            format!("application/soap+xml; charset=utf-8; action=\"{action}\"").into(),
        ),
        body: body.into(),
    }
}

fn text(response: &SoapResponse) -> String {
    String::from_utf8(response.body.to_vec()).expect("UTF-8")
}

/// A WS-Security header as `attributes` mark it.
fn security(attributes: &str) -> String {
    format!(
        r#"<w:Security xmlns:w="{WSSE}" {attributes}><w:UsernameToken><w:Username>anna</w:Username></w:UsernameToken></w:Security>"#
    )
}

#[tokio::test]
async fn a_block_that_must_be_understood_and_is_not_is_a_fault_and_runs_nothing() {
    let names = Arc::new(Names::default());
    let server = greeter_basic::IGreeterServer::shared(names.clone());
    let response = server
        .dispatch(request11(&security(r#"s:mustUnderstand="1""#)))
        .await;
    let answer = text(&response);
    assert_eq!(response.status, 500, "{answer}");
    assert!(
        answer.contains("<faultcode>s:MustUnderstand</faultcode>"),
        "{answer}"
    );
    assert!(answer.contains(&format!("{{{WSSE}}}Security")), "{answer}");
    assert_eq!(names.served.load(Ordering::SeqCst), 0);

    // Not marked, marked `0`, or aimed at another node: skipped, and the operation runs.
    for attributes in [
        "",
        r#"s:mustUnderstand="0""#,
        r#"s:mustUnderstand="1" s:actor="urn:a-gateway""#,
    ] {
        let response = server.dispatch(request11(&security(attributes))).await;
        assert_eq!(response.status, 200, "{attributes}: {}", text(&response));
    }
    assert_eq!(names.served.load(Ordering::SeqCst), 3);

    // Processed in front of the server: declared, the block passes.
    let understanding =
        greeter_basic::IGreeterServer::shared(names.clone()).understand_header(WSSE, "Security");
    let response = understanding
        .dispatch(request11(&security(r#"s:mustUnderstand="1""#)))
        .await;
    assert_eq!(response.status, 200, "{}", text(&response));
    assert!(text(&response).contains(">Grace<"), "{}", text(&response));
    // Each handler was handed the block, to check the credentials in it.
    assert_eq!(*names.users.lock().expect("not poisoned"), ["anna"; 4]);
    assert!(undeclared_headers().is_empty(), "outside a handler");
}

#[tokio::test]
async fn over_http_our_client_reads_the_must_understand_fault() {
    let server = greeter_basic::IGreeterServer::new(Names::default())
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let security = XmlElement::new(WSSE, "Security")
        .with_prefix("w")
        .with_attribute(SOAP11, "mustUnderstand", "1")
        .with_child(XmlElement::new(WSSE, "UsernameToken").with_text("anna"));
    let client = greeter_basic::IGreeterClient::with_client(
        Client::new(server.url()).with_soap_header(security),
    );
    match client.list_names().await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.code, "MustUnderstand");
            assert!(fault.reason.contains("Security"), "{}", fault.reason);
        }
        other => panic!("not a MustUnderstand fault: {other:?}"),
    }
    let plain = greeter_basic::IGreeterClient::new(server.url());
    assert_eq!(
        plain.list_names().await.expect("served"),
        Some(vec!["Ada".to_string(), "Grace".to_string()])
    );
    server.shutdown().await;
}

#[tokio::test]
async fn soap12_names_each_block_not_understood_and_passes_addressing() {
    let names = Arc::new(Names::default());
    let server = greeter_ws::IGreeterServer::shared(names.clone());
    // The WS-Addressing blocks, marked too, are the server's own.
    let response = server.dispatch(request12("")).await;
    assert_eq!(response.status, 200, "{}", text(&response));

    let vendor = r#"<v:Session xmlns:v="urn:vendor" s:mustUnderstand="true">s-1</v:Session>"#;
    let response = server
        .dispatch(request12(&format!(
            "{}{vendor}",
            security(r#"s:mustUnderstand="true""#)
        )))
        .await;
    let answer = text(&response);
    assert_eq!(response.status, 500, "{answer}");
    assert!(
        answer.contains("<s:Value>s:MustUnderstand</s:Value>"),
        "{answer}"
    );
    for (namespace, local) in [(WSSE, "Security"), ("urn:vendor", "Session")] {
        let block = answer
            .split("<s:NotUnderstood ")
            .skip(1)
            .find(|block| block.contains(namespace))
            .unwrap_or_else(|| panic!("no NotUnderstood for {local}: {answer}"));
        assert!(block.contains(&format!(":{local}\"")), "{block}");
    }
    assert_eq!(names.served.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn over_http_zeeps_block_is_refused_until_the_server_understands_it() {
    let Some(python) = python("over_http_zeeps_block_is_refused_until_the_server_understands_it")
    else {
        return;
    };
    for understood in [false, true] {
        let mut server = greeter_basic::IGreeterServer::new(Names::default());
        if understood {
            server = server.understand_header(WSSE, "Security");
        }
        let server = server.bind("127.0.0.1:0").await.expect("bind");
        let args = vec![WSDL.to_string(), server.url(), WSSE.to_string()];
        let read = run_script(&python, ZEEP_CLIENT, args).await;
        server.shutdown().await;
        if understood {
            assert_eq!(read, serde_json::json!({"names": ["Ada", "Grace"]}));
        } else {
            let code = read["fault"].as_str().unwrap_or_default();
            assert!(code.ends_with("MustUnderstand"), "{read}");
        }
    }
}

/// A zeep client of the basic Greeter port at `argv[2]`: calls `ListNames` with a
/// `wsse:Security` header (namespace `argv[3]`) marked `mustUnderstand`, and prints the names
/// or the fault's code as JSON.
const ZEEP_CLIENT: &str = r#"
import json, sys
import zeep
from lxml import etree

wsdl, url, wsse = sys.argv[1], sys.argv[2], sys.argv[3]
client = zeep.Client(wsdl)
service = client.create_service("{http://tempuri.org/}BasicHttpBinding_IGreeter", url)
security = etree.Element(
    "{%s}Security" % wsse,
    {"{http://schemas.xmlsoap.org/soap/envelope/}mustUnderstand": "1"},
)
etree.SubElement(security, "{%s}UsernameToken" % wsse).text = "anna"
try:
    names = service.ListNames(_soapheaders=[security])
    print(json.dumps({"names": list(names)}))
except zeep.exceptions.Fault as fault:
    print(json.dumps({"fault": fault.code}))
"#;
