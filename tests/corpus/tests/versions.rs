//! `wsdl/wcf_greeter.wsdl`: one WSDL with two services and a SOAP 1.1 and a SOAP 1.2 port of
//! the same port type. Each generated module binds the port its build options chose, and
//! speaks that port's SOAP version over HTTP.

use std::sync::{Arc, Mutex};

use soap_runtime::client::{HttpRequest, HttpResponse, HttpTransport, Transport};
use soap_runtime::{Duration, Fault, Guid, Message, SoapVersion, TransportError};
use wsdl_corpus::{greeter_admin, greeter_basic, greeter_ws};

/// Records the content type and `SOAPAction` of each request.
#[derive(Debug, Default)]
struct Recorder {
    http: HttpTransport,
    seen: Mutex<Vec<(String, Option<String>)>>,
}

impl Transport for Recorder {
    fn send(
        &self,
        request: HttpRequest,
    ) -> std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<HttpResponse, TransportError>> + Send + '_>,
    > {
        self.seen
            .lock()
            .unwrap()
            .push((request.content_type.clone(), request.soap_action.clone()));
        self.http.send(request)
    }
}

macro_rules! greeter {
    ($module:ident) => {
        impl $module::IGreeterService for Greeter {
            async fn greet(
                &self,
                request: Message<$module::RequestHeaders, $module::Greet>,
            ) -> Result<Message<$module::ResponseHeaders, $module::GreetResponse>, Fault> {
                let request = request.body.request.unwrap_or_default();
                let greeting = match request.language {
                    Some($module::Language::Norwegian) => "Hei",
                    _ => "Hello",
                };
                Ok(Message {
                    headers: Default::default(),
                    body: $module::GreetResponse {
                        greet_result: Some(format!(
                            "{greeting}, {}! ({})",
                            request.name.unwrap_or_default(),
                            request.id.map(|id| id.to_string()).unwrap_or_default()
                        )),
                    },
                })
            }

            async fn list_names(
                &self,
                _request: Message<$module::RequestHeaders, $module::ListNames>,
            ) -> Result<Message<$module::ResponseHeaders, $module::ListNamesResponse>, Fault> {
                Ok(Message {
                    headers: Default::default(),
                    body: $module::ListNamesResponse {
                        list_names_result: Some(vec!["Ada".into(), String::new(), "Grace".into()]),
                    },
                })
            }
        }
    };
}

struct Greeter;
greeter!(greeter_basic);
greeter!(greeter_ws);

#[test]
fn each_module_binds_the_chosen_port() {
    assert_eq!(
        greeter_basic::IGreeterClient::DEFAULT_ENDPOINT,
        "http://localhost:8733/Greeter/basic"
    );
    assert_eq!(
        greeter_ws::IGreeterClient::DEFAULT_ENDPOINT,
        "http://localhost:8733/Greeter/ws"
    );
    assert_eq!(
        greeter_admin::AdminClient::DEFAULT_ENDPOINT,
        "http://localhost:8733/Greeter/admin"
    );
    assert_eq!(
        greeter_ws::IGreeterServer::<Greeter>::DEFAULT_PATH,
        "/Greeter/ws"
    );
}

#[tokio::test]
async fn soap11_port() {
    let server = greeter_basic::IGreeterServer::new(Greeter)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let recorder = Arc::new(Recorder::default());
    let client = greeter_basic::IGreeterClient::with_client(soap_runtime::Client::with_transport(
        server.url(),
        recorder.clone(),
    ));
    let id: Guid = "0f8fad5b-d9cb-469f-a165-70867728950e".parse().unwrap();
    let greeting = client
        .greet(Some(greeter_basic::GreetRequest {
            id: Some(id),
            language: Some(greeter_basic::Language::Norwegian),
            name: Some("Kari".into()),
            when: None,
        }))
        .await
        .unwrap();
    assert_eq!(
        greeting.as_deref(),
        Some("Hei, Kari! (0f8fad5b-d9cb-469f-a165-70867728950e)")
    );
    assert_eq!(
        client.list_names().await.unwrap(),
        Some(vec!["Ada".to_string(), String::new(), "Grace".to_string()])
    );
    let seen = recorder.seen.lock().unwrap().clone();
    assert_eq!(
        seen[0],
        (
            "text/xml; charset=utf-8".to_string(),
            Some("\"http://tempuri.org/IGreeter/Greet\"".to_string())
        )
    );
    server.shutdown().await;
}

#[tokio::test]
async fn soap12_port() {
    let server = greeter_ws::IGreeterServer::new(Greeter)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let recorder = Arc::new(Recorder::default());
    let client = greeter_ws::IGreeterClient::with_client(
        soap_runtime::Client::with_transport(server.url(), recorder.clone())
            .with_version(SoapVersion::Soap12),
    );
    let greeting = client.greet(None).await.unwrap();
    assert_eq!(greeting.as_deref(), Some("Hello, ! ()"));
    let seen = recorder.seen.lock().unwrap().clone();
    assert_eq!(
        seen[0],
        (
            "application/soap+xml; charset=utf-8; action=\"http://tempuri.org/IGreeter/Greet\""
                .to_string(),
            None
        )
    );
    // `new` already speaks the port's version.
    assert_eq!(
        greeter_ws::IGreeterClient::new("http://localhost/")
            .client()
            .version(),
        SoapVersion::Soap12
    );
    assert_eq!(
        greeter_basic::IGreeterClient::new("http://localhost/")
            .client()
            .version(),
        SoapVersion::Soap11
    );
    server.shutdown().await;
}

struct Admin;

impl greeter_admin::IGreeterAdminService for Admin {
    async fn count(
        &self,
        _request: Message<greeter_admin::RequestHeaders, greeter_admin::Count>,
    ) -> Result<Message<greeter_admin::ResponseHeaders, greeter_admin::CountResponse>, Fault> {
        Ok(Message {
            headers: Default::default(),
            body: greeter_admin::CountResponse {
                count_result: Some(3),
            },
        })
    }

    async fn purge(
        &self,
        request: Message<greeter_admin::RequestHeaders, greeter_admin::Purge>,
    ) -> Result<Message<greeter_admin::ResponseHeaders, greeter_admin::PurgeResponse>, Fault> {
        let purged = request.body.older_than.map(|d| d.to_string().len() as i32);
        Ok(Message {
            headers: Default::default(),
            body: greeter_admin::PurgeResponse {
                purge_result: purged,
            },
        })
    }
}

#[tokio::test]
async fn second_service() {
    let server = greeter_admin::IGreeterAdminServer::new(Admin)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let client = greeter_admin::AdminClient::new(server.url());
    assert_eq!(client.count().await.unwrap(), 3);
    let duration: Duration = "PT1H30M".parse().unwrap();
    assert_eq!(client.purge(Some(duration)).await.unwrap(), 7);
    // WCF leaves out a value-type result equal to its default: the short method reads it as 0.
    assert_eq!(client.purge(None).await.unwrap(), 0);
    server.shutdown().await;
}
