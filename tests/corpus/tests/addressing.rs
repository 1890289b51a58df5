//! WS-Addressing over real HTTP on 127.0.0.1: `wsdl/addressing.wsdl` declares it through
//! WS-Policy (1.0 on the SOAP 1.2 port, the 2004/08 submission on the SOAP 1.1 port), and
//! `operations_addressed` forces it on a WSDL that does not. The generated servers refuse
//! requests without the headers; the generated clients refuse answers to other messages.

use std::sync::{Arc, Mutex};

use soap_runtime::addressing::{AddressingError, WSA10_NS, WSA200408_NS};
use soap_runtime::client::Client;
use soap_runtime::server::{Server, SoapHandler, SoapRequest, SoapResponse};
use soap_runtime::{Error, Fault, Limits, Message, SoapVersion, XmlStruct, XmlValue};
use wsdl_corpus::{operations_addressed, vault11, vault12};

/// A vault that keeps what it was given, for both ports.
#[derive(Default)]
struct Vault {
    stored: Mutex<Vec<(String, Vec<u8>)>>,
    pings: Mutex<Vec<String>>,
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
                let Some((name, content)) = stored.iter().find(|(n, _)| *n == request.body.name)
                else {
                    return Err(Fault::sender(SoapVersion::Soap11, "no such entry"));
                };
                Ok(Message {
                    headers: Default::default(),
                    body: $module::FetchResponse {
                        name: name.clone(),
                        content: Some(content.clone()),
                        thumbnail: vec![content[..content.len().min(4)].to_vec()],
                    },
                })
            }

            async fn ping(
                &self,
                request: Message<$module::RequestHeaders, $module::Ping>,
            ) -> Result<(), Fault> {
                self.pings.lock().unwrap().push(request.body.note);
                Ok(())
            }
        }
    };
}

vault!(vault12);
vault!(vault11);

#[tokio::test]
async fn generated_clients_and_servers_speak_both_versions() {
    let vault = Arc::new(Vault::default());
    let server12 = vault12::VaultServer::shared(vault.clone())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let client12 = vault12::VaultClient::new(server12.url());
    assert_eq!(
        client12.store("a".into(), b"hello".to_vec()).await.unwrap(),
        5
    );
    let fetched = client12.fetch("a".into()).await.unwrap();
    assert_eq!(fetched.content.as_deref(), Some(&b"hello"[..]));
    client12.ping("one".into()).await.unwrap();

    let server11 = vault11::VaultServer::shared(vault.clone())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let client11 = vault11::VaultClient::new(server11.url());
    assert_eq!(client11.store("b".into(), vec![1, 2, 3]).await.unwrap(), 3);
    assert_eq!(
        client11.fetch("b".into()).await.unwrap().content,
        Some(vec![1, 2, 3])
    );
    client11.ping("two".into()).await.unwrap();
    assert_eq!(*vault.pings.lock().unwrap(), ["one", "two"]);

    assert_eq!(
        vault12::ADDRESSING.version,
        soap_runtime::AddressingVersion::W3c10
    );
    assert_eq!(
        vault11::ADDRESSING.version,
        soap_runtime::AddressingVersion::Submission200408
    );
    // The output of Fetch has no wsaw:Action: the default action of WS-Addressing Metadata.
    let fetch = vault12::ADDRESSING
        .actions
        .iter()
        .find(|a| a.operation == "Fetch")
        .unwrap();
    assert_eq!(fetch.output, "http://example.org/vault/Vault/FetchResponse");
    server12.shutdown().await;
    server11.shutdown().await;
}

/// Records each request's body and answers with a fixed response.
struct Recording {
    seen: Mutex<Vec<SoapRequest>>,
    answer: Box<dyn Fn(&SoapRequest) -> SoapResponse + Send + Sync>,
}

impl SoapHandler for Recording {
    fn handle(
        &self,
        request: SoapRequest,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = SoapResponse> + Send + '_>> {
        let response = (self.answer)(&request);
        self.seen.lock().unwrap().push(request);
        Box::pin(async move { response })
    }
}

async fn recording(
    answer: impl Fn(&SoapRequest) -> SoapResponse + Send + Sync + 'static,
) -> (Server, Arc<Recording>) {
    let handler = Arc::new(Recording {
        seen: Mutex::new(Vec::new()),
        answer: Box::new(answer),
    });
    let server = Server::bind("127.0.0.1:0", "/vault", handler.clone(), Limits::default())
        .await
        .unwrap();
    (server, handler)
}

/// The text of the first header `local` in `namespace`, and whether it is `mustUnderstand`.
fn header(xml: &str, namespace: &str, local: &str) -> Option<(String, bool)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let header = doc
        .descendants()
        .find(|n| n.tag_name().name() == "Header")?;
    let node = header
        .children()
        .find(|n| n.tag_name().namespace() == Some(namespace) && n.tag_name().name() == local)?;
    let text = if local == "ReplyTo" {
        node.children()
            .find(|n| n.tag_name().name() == "Address")?
            .text()?
            .to_string()
    } else {
        node.text()?.to_string()
    };
    let must = node
        .attributes()
        .any(|a| a.name() == "mustUnderstand" && a.value() == "1");
    Some((text, must))
}

fn store_response(version: SoapVersion, wsa: &str, relates_to: &str, action: &str) -> SoapResponse {
    let body = format!(
        r#"<s:Envelope xmlns:s="{}" xmlns:a="{wsa}"><s:Header><a:Action s:mustUnderstand="1">{action}</a:Action><a:RelatesTo>{relates_to}</a:RelatesTo></s:Header><s:Body><StoreResponse xmlns="http://example.org/vault"><Size>5</Size></StoreResponse></s:Body></s:Envelope>"#,
        version.namespace()
    );
    SoapResponse {
        status: 200,
        content_type: version.content_type(None).into(),
        body: body.into(),
    }
}

/// The envelope of a request (the root part of an MTOM one: the vault ports speak MTOM).
fn envelope(request: &SoapRequest) -> String {
    let bytes = soap_runtime::mtom::envelope_bytes(
        &request.body,
        request.content_type.as_deref(),
        &Limits::default(),
    )
    .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn message_id(request: &SoapRequest, wsa: &str) -> String {
    header(&envelope(request), wsa, "MessageID")
        .map(|(id, _)| id)
        .unwrap_or_default()
}

#[tokio::test]
async fn the_client_sends_the_headers_wcf_expects() {
    let (server, handler) = recording(|request| {
        let id = message_id(request, WSA10_NS);
        store_response(
            SoapVersion::Soap12,
            WSA10_NS,
            &id,
            "http://example.org/vault/Vault/StoreResponse",
        )
    })
    .await;
    let client = vault12::VaultClient::new(server.url());
    assert_eq!(
        client.store("a".into(), b"12345".to_vec()).await.unwrap(),
        5
    );
    assert_eq!(
        client.store("a".into(), b"12345".to_vec()).await.unwrap(),
        5
    );
    let seen: Vec<SoapRequest> = handler.seen.lock().unwrap().clone();
    assert!(seen[0]
        .content_type
        .as_deref()
        .unwrap()
        .starts_with("multipart/related; type=\"application/xop+xml\""));
    let first = &envelope(&seen[0]);
    assert_eq!(
        header(first, WSA10_NS, "Action"),
        Some(("http://example.org/vault/Vault/Store".into(), true))
    );
    assert_eq!(header(first, WSA10_NS, "To"), Some((server.url(), true)));
    assert_eq!(
        header(first, WSA10_NS, "ReplyTo"),
        Some((
            "http://www.w3.org/2005/08/addressing/anonymous".into(),
            false
        ))
    );
    let (id, must) = header(first, WSA10_NS, "MessageID").unwrap();
    assert!(!must);
    assert!(id.starts_with("urn:uuid:") && id.len() == 45, "{id}");
    assert_ne!(id, message_id(&seen[1], WSA10_NS), "a fresh ID per call");
    server.shutdown().await;
}

#[tokio::test]
async fn the_client_refuses_an_answer_to_another_message() {
    let (server, _) = recording(|_| {
        store_response(
            SoapVersion::Soap12,
            WSA10_NS,
            "urn:uuid:00000000-0000-4000-8000-000000000000",
            "http://example.org/vault/Vault/StoreResponse",
        )
    })
    .await;
    let client = vault12::VaultClient::new(server.url());
    match client.store("a".into(), vec![1]).await {
        Err(Error::Addressing(AddressingError::RelatesToOther { found, .. })) => {
            assert_eq!(found, "urn:uuid:00000000-0000-4000-8000-000000000000")
        }
        other => panic!("expected RelatesToOther, got {other:?}"),
    }
    server.shutdown().await;

    let (server, _) = recording(|request| {
        let id = message_id(request, WSA10_NS);
        store_response(SoapVersion::Soap12, WSA10_NS, &id, "urn:other-action")
    })
    .await;
    let client = vault12::VaultClient::new(server.url());
    match client.store("a".into(), vec![1]).await {
        Err(Error::Addressing(AddressingError::UnexpectedAction { found, .. })) => {
            assert_eq!(found, "urn:other-action")
        }
        other => panic!("expected UnexpectedAction, got {other:?}"),
    }
    server.shutdown().await;
}

/// Calls `operation` of a server without any WS-Addressing header.
async fn call_without_headers<
    H: XmlStruct,
    RH: XmlStruct + std::fmt::Debug,
    R: XmlValue + std::fmt::Debug,
>(
    url: String,
    version: SoapVersion,
    operation: &soap_runtime::Operation,
    namespaces: &'static [&'static str],
    body: &impl XmlValue,
) -> Fault {
    let client = Client::new(url).with_version(version);
    let result = client
        .call::<H, _, RH, R>(namespaces, operation, &H::default(), body)
        .await;
    match result {
        Err(Error::Fault(fault)) => *fault,
        other => panic!("expected a fault, got {other:?}"),
    }
}

#[tokio::test]
async fn generated_servers_refuse_requests_without_the_headers() {
    let vault = Arc::new(Vault::default());
    let server12 = vault12::VaultServer::shared(vault.clone())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let store = vault12::Store {
        name: "x".into(),
        content: vec![1],
    };
    let fault = call_without_headers::<
        vault12::RequestHeaders,
        vault12::ResponseHeaders,
        vault12::StoreResponse,
    >(
        server12.url(),
        SoapVersion::Soap12,
        &vault12::STORE,
        vault12::NAMESPACES,
        &store,
    )
    .await;
    assert_eq!(fault.code, "Sender");
    assert_eq!(&*fault.subcodes, ["MessageAddressingHeaderRequired"]);
    assert!(fault.detail.unwrap().contains("wsa:Action"));

    let server11 = vault11::VaultServer::shared(vault.clone())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let store = vault11::Store {
        name: "x".into(),
        content: vec![1],
    };
    let fault = call_without_headers::<
        vault11::RequestHeaders,
        vault11::ResponseHeaders,
        vault11::StoreResponse,
    >(
        server11.url(),
        SoapVersion::Soap11,
        &vault11::STORE,
        vault11::NAMESPACES,
        &store,
    )
    .await;
    assert_eq!(fault.code, "MessageInformationHeaderRequired");
    assert!(vault.stored.lock().unwrap().is_empty(), "nothing was run");

    // A request with an action no operation has.
    let client = Client::new(server12.url())
        .with_version(SoapVersion::Soap12)
        .with_addressing(soap_runtime::Addressing {
            actions: &[soap_runtime::Actions {
                operation: "Store",
                input: "urn:not-an-action",
                output: "",
            }],
            ..vault12::ADDRESSING
        });
    let result = client
        .call::<vault12::RequestHeaders, _, vault12::ResponseHeaders, vault12::StoreResponse>(
            vault12::NAMESPACES,
            &vault12::STORE,
            &Default::default(),
            &vault12::Store {
                name: "x".into(),
                content: vec![1],
            },
        )
        .await;
    match result {
        Err(Error::Fault(fault)) => assert_eq!(&*fault.subcodes, ["ActionNotSupported"]),
        other => panic!("expected ActionNotSupported, got {other:?}"),
    }
    server12.shutdown().await;
    server11.shutdown().await;
}

#[tokio::test]
async fn the_server_answers_with_relates_to_and_the_response_action() {
    let server = vault11::VaultServer::new(Vault::default())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let body = format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:a="{WSA200408_NS}"><s:Header><a:Action s:mustUnderstand="1">http://example.org/vault/Vault/Store</a:Action><a:MessageID>urn:uuid:11111111-2222-4333-8444-555555555555</a:MessageID><a:To s:mustUnderstand="1">{}</a:To></s:Header><s:Body><Store xmlns="http://example.org/vault"><Name>n</Name><Content>AQID</Content></Store></s:Body></s:Envelope>"#,
        server.url()
    );
    // The SOAPAction header is empty: the operation is found by wsa:Action.
    let response = reqwest_post(&server.url(), body, "text/xml; charset=utf-8").await;
    assert_eq!(
        header(&response, WSA200408_NS, "RelatesTo").unwrap().0,
        "urn:uuid:11111111-2222-4333-8444-555555555555"
    );
    assert_eq!(
        header(&response, WSA200408_NS, "Action").unwrap(),
        ("http://example.org/vault/Vault/StoreResponse".into(), true)
    );
    assert!(response.contains("<n0:Size>3</n0:Size>"), "{response}");
    server.shutdown().await;
}

/// POSTs `body` with an empty `SOAPAction` and returns the answer's body.
async fn reqwest_post(url: &str, body: String, content_type: &str) -> String {
    let request = soap_runtime::client::HttpRequest {
        url: url.to_string(),
        content_type: content_type.to_string(),
        soap_action: Some("\"\"".into()),
        body: body.into_bytes(),
    };
    let transport = soap_runtime::client::HttpTransport::new();
    let response = soap_runtime::client::Transport::send(&transport, request)
        .await
        .unwrap();
    // The vault ports answer as MTOM.
    let envelope = soap_runtime::mtom::envelope_bytes(
        &response.body,
        response.content_type.as_deref(),
        &Limits::default(),
    )
    .unwrap();
    String::from_utf8(envelope.to_vec()).unwrap()
}

#[tokio::test]
async fn a_reply_address_elsewhere_is_refused() {
    let server = vault12::VaultServer::new(Vault::default())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let body = format!(
        r#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="{WSA10_NS}"><s:Header><a:Action s:mustUnderstand="1">http://example.org/vault/Vault/Fetch</a:Action><a:MessageID>urn:uuid:11111111-2222-4333-8444-555555555555</a:MessageID><a:ReplyTo><a:Address>http://elsewhere.example/callback</a:Address></a:ReplyTo></s:Header><s:Body><Fetch xmlns="http://example.org/vault"><Name>n</Name></Fetch></s:Body></s:Envelope>"#
    );
    let response = reqwest_post(&server.url(), body, "application/soap+xml; charset=utf-8").await;
    assert!(
        response.contains("a:OnlyAnonymousAddressSupported")
            || response.contains("wsa:OnlyAnonymousAddressSupported"),
        "{response}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn addressing_forced_by_the_builder() {
    #[derive(Default)]
    struct Orders;
    impl operations_addressed::OrdersService for Orders {}
    const { assert!(operations_addressed::ADDRESSING.required) };
    let server = operations_addressed::OrdersServer::new(Orders)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let client = operations_addressed::OrdersClient::new(server.url());
    // Not implemented: the fault comes back through WS-Addressing (fault action, RelatesTo)
    // and the client accepts it as the answer to its request.
    match client.place_order("sku".into(), 1).await {
        Err(operations_addressed::Error::Fault(fault)) => {
            assert!(fault.reason.contains("not implemented"), "{}", fault.reason)
        }
        other => panic!("expected the not-implemented fault, got {other:?}"),
    }
    server.shutdown().await;
}
