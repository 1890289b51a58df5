//! HTTP authentication and transport settings over real HTTP(S) on 127.0.0.1: Basic and
//! Bearer credentials and extra headers as a server sees them, a TLS server that requires a
//! client certificate, an HTTP proxy written here (CONNECT for https, absolute form for http,
//! with proxy credentials), a user-built reqwest client, and secrets kept out of `Debug`,
//! errors and logs.

mod support;

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use soap_runtime::client::{Client, HttpTransport};
use soap_runtime::Skipped as NoHeaders;
use soap_runtime::{Error, TransportError};
use support::{certificates, http_server, https_server, pong, proxy, NS, PING};

const SECRET: &str = "S3cr3t";

/// Calls `Ping` through `transport` at `url`.
async fn ping(transport: HttpTransport, url: String) -> Result<(), Error> {
    let client = Client::with_transport(url, Arc::new(transport));
    client
        .call::<NoHeaders, (), NoHeaders, ()>(NS, &PING, &NoHeaders, &())
        .await
        .map(|_| ())
}

fn ok_handler() -> support::Handler {
    Arc::new(|_| (200, pong("")))
}

#[tokio::test]
async fn basic_credentials_and_extra_headers_reach_the_server() {
    let server = http_server(ok_handler()).await;
    let password = format!("pw:{SECRET} é");
    let transport = HttpTransport::builder()
        .basic_auth("anna", &password)
        .unwrap()
        .header("X-Api-Key", &format!("key-{SECRET}"))
        .unwrap()
        .header("X-Tenant", "north")
        .unwrap()
        .header("X-Tenant", "south")
        .unwrap()
        .build()
        .unwrap();
    let shown = format!("{transport:?}");
    assert!(!shown.contains(SECRET), "{shown}");
    ping(transport, format!("http://{}/svc", server.addr))
        .await
        .unwrap();

    let seen = server.take();
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    let authorization = request.header("authorization").unwrap();
    let encoded = authorization.strip_prefix("Basic ").unwrap();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    assert_eq!(
        String::from_utf8(decoded).unwrap(),
        format!("anna:{password}")
    );
    assert_eq!(request.header("x-api-key"), Some(&*format!("key-{SECRET}")));
    // A header set twice is sent once, with the value set last.
    let tenants: Vec<&str> = request
        .headers
        .iter()
        .filter(|(n, _)| n == "x-tenant")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(tenants, ["south"]);
    // The call's own headers are still there.
    assert_eq!(
        request.header("soapaction"),
        Some("\"urn:example:ping/Ping\"")
    );
    assert!(request
        .header("content-type")
        .unwrap()
        .starts_with("text/xml"));
}

#[tokio::test]
async fn a_bearer_token_reaches_the_server() {
    let server = http_server(ok_handler()).await;
    let token = format!("eyJ.{SECRET}.sig");
    let transport = HttpTransport::builder()
        .bearer_auth(&token)
        .unwrap()
        .build()
        .unwrap();
    ping(transport, format!("http://{}/svc", server.addr))
        .await
        .unwrap();
    let seen = server.take();
    assert_eq!(
        seen[0].header("authorization"),
        Some(&*format!("Bearer {token}"))
    );
}

#[tokio::test]
async fn header_settings_that_cannot_be_sent_are_refused_without_echoing_the_value() {
    let bad_value = HttpTransport::builder()
        .header("X-Key", &format!("{SECRET}\r\nInjected: yes"))
        .unwrap_err();
    let text = bad_value.to_string();
    assert!(!text.contains(SECRET), "{text}");
    assert!(text.contains("X-Key"), "{text}");

    let bad_name = HttpTransport::builder()
        .header("Bad Name", "v")
        .unwrap_err();
    assert!(bad_name.to_string().contains("Bad Name"), "{bad_name}");

    let reserved = HttpTransport::builder()
        .header("SOAPAction", "x")
        .unwrap_err();
    assert!(reserved.to_string().contains("SOAPAction"), "{reserved}");

    let bearer = HttpTransport::builder()
        .bearer_auth(&format!("{SECRET}\n"))
        .unwrap_err();
    assert!(!bearer.to_string().contains(SECRET), "{bearer}");
}

#[tokio::test]
async fn a_server_requiring_a_client_certificate_accepts_only_the_one_presented() {
    let certs = certificates("mtls");
    let server = https_server(&certs, Some(&certs.ca_pem), ok_handler()).await;
    let url = format!("https://127.0.0.1:{}/svc", server.addr.port());

    let with_certificate = HttpTransport::builder()
        .add_root_certificate_pem(&certs.ca_pem)
        .unwrap()
        .client_certificate_pem_pair(&certs.client_pem, &certs.client_key)
        .unwrap()
        .build()
        .unwrap();
    ping(with_certificate, url.clone()).await.unwrap();
    assert_eq!(server.take().len(), 1);

    // One buffer with both works the same.
    let mut both = certs.client_key.clone();
    both.extend_from_slice(&certs.client_pem);
    let combined = HttpTransport::builder()
        .add_root_certificate_pem(&certs.ca_pem)
        .unwrap()
        .client_certificate_pem(&both)
        .unwrap()
        .build()
        .unwrap();
    ping(combined, url.clone()).await.unwrap();
    assert_eq!(server.take().len(), 1);

    let without = HttpTransport::builder()
        .add_root_certificate_pem(&certs.ca_pem)
        .unwrap()
        .build()
        .unwrap();
    let refused = ping(without, url).await.unwrap_err();
    assert!(
        matches!(
            refused,
            Error::Transport(TransportError::Connect { .. } | TransportError::Other { .. })
        ),
        "{refused:?}"
    );
    assert!(server.take().is_empty());

    let not_pem = HttpTransport::builder()
        .client_certificate_pem(b"not a certificate")
        .unwrap_err();
    assert!(
        not_pem.to_string().contains("client certificate"),
        "{not_pem}"
    );
}

#[tokio::test]
async fn a_proxy_carries_https_through_connect_and_http_in_absolute_form() {
    let certs = certificates("proxy");
    let tls = https_server(&certs, None, ok_handler()).await;
    let plain = http_server(ok_handler()).await;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("proxy-user:pp-{SECRET}"))
    );
    let (proxy_addr, proxied) = proxy(Some(expected.clone())).await;
    let proxy_url = format!("http://{proxy_addr}");

    let through = || {
        HttpTransport::builder()
            .add_root_certificate_pem(&certs.ca_pem)
            .unwrap()
            .proxy_with_credentials(&proxy_url, "proxy-user", &format!("pp-{SECRET}"))
            .unwrap()
            .basic_auth("anna", "service-pw")
            .unwrap()
            .build()
            .unwrap()
    };
    let transport = through();
    assert!(!format!("{transport:?}").contains(SECRET));
    ping(
        transport,
        format!("https://127.0.0.1:{}/svc", tls.addr.port()),
    )
    .await
    .unwrap();
    ping(through(), format!("http://{}/svc", plain.addr))
        .await
        .unwrap();

    let log = std::mem::take(&mut *proxied.lock().unwrap());
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(
        log[0].request_line,
        format!("CONNECT 127.0.0.1:{} HTTP/1.1", tls.addr.port())
    );
    assert_eq!(log[0].authorization.as_deref(), Some(&*expected));
    assert_eq!(
        log[1].request_line,
        format!("POST http://{}/svc HTTP/1.1", plain.addr)
    );
    assert_eq!(log[1].authorization.as_deref(), Some(&*expected));

    // Both servers got the call with the service's credentials, not the proxy's.
    for server in [&tls, &plain] {
        let seen = server.take();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].request_line, "POST /svc HTTP/1.1");
        assert!(seen[0].header("proxy-authorization").is_none());
        assert!(seen[0]
            .header("authorization")
            .unwrap()
            .starts_with("Basic "));
    }

    // Without the proxy's credentials: its 407 is an HTTP error for http, a failed tunnel for
    // https; neither shows a secret.
    let no_credentials = HttpTransport::builder()
        .add_root_certificate_pem(&certs.ca_pem)
        .unwrap()
        .proxy(&proxy_url)
        .unwrap()
        .build()
        .unwrap();
    let refused = ping(no_credentials.clone(), format!("http://{}/svc", plain.addr))
        .await
        .unwrap_err();
    assert!(
        matches!(refused, Error::Http { status: 407, .. }),
        "{refused:?}"
    );
    let tunnel = ping(
        no_credentials,
        format!("https://127.0.0.1:{}/svc", tls.addr.port()),
    )
    .await
    .unwrap_err();
    assert!(matches!(tunnel, Error::Transport(_)), "{tunnel:?}");
    assert!(!tunnel.to_string().contains(SECRET));
}

#[tokio::test]
async fn a_proxy_url_that_is_not_one_is_refused_without_its_credentials() {
    let error = HttpTransport::builder()
        .proxy(&format!("http://user:{SECRET}@bad host:3128"))
        .unwrap_err();
    assert!(!error.to_string().contains(SECRET), "{error}");
}

#[tokio::test]
async fn a_user_built_reqwest_client_is_used_as_it_is() {
    let server = http_server(ok_handler()).await;
    let mut headers = soap_runtime::reqwest::header::HeaderMap::new();
    headers.insert("x-built-by", "the user".parse().unwrap());
    let client = soap_runtime::reqwest::Client::builder()
        .default_headers(headers)
        .user_agent("custom-agent/1.0")
        .build()
        .unwrap();
    ping(
        HttpTransport::from_client(client),
        format!("http://{}/svc", server.addr),
    )
    .await
    .unwrap();
    let seen = server.take();
    assert_eq!(seen[0].header("x-built-by"), Some("the user"));
    assert_eq!(seen[0].header("user-agent"), Some("custom-agent/1.0"));
}

// ---- logs -----------------------------------------------------------------------------------

/// Keeps every event and span field of every level as text.
struct Capture(Arc<Mutex<Vec<String>>>);

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        use std::fmt::Write as _;
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut fields = Fields(span.metadata().name().to_string());
        span.record(&mut fields);
        self.0.lock().unwrap().push(fields.0);
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut fields = Fields(String::from("record"));
        values.record(&mut fields);
        self.0.lock().unwrap().push(fields.0);
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Fields(event.metadata().target().to_string());
        event.record(&mut fields);
        self.0.lock().unwrap().push(fields.0);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[test]
fn credentials_stay_out_of_logs_and_errors() {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let subscriber = Capture(Arc::clone(&lines));
    let errors = tracing::subscriber::with_default(subscriber, || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let server = http_server(Arc::new(|_| (500, String::from("no")))).await;
            let closed = {
                let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
                listener.local_addr().unwrap()
            };
            let transport = || {
                HttpTransport::builder()
                    .basic_auth("anna", &format!("pw-{SECRET}"))
                    .unwrap()
                    .header("X-Api-Key", &format!("key-{SECRET}"))
                    .unwrap()
                    .proxy_with_credentials("http://127.0.0.1:1", "p", &format!("pp-{SECRET}"))
                    .unwrap()
                    .build()
                    .unwrap()
            };
            let direct = HttpTransport::builder()
                .bearer_auth(&format!("tok-{SECRET}"))
                .unwrap()
                .no_proxy()
                .build()
                .unwrap();
            vec![
                ping(direct.clone(), format!("http://{}/svc", server.addr))
                    .await
                    .unwrap_err(),
                ping(direct, format!("http://{closed}/svc"))
                    .await
                    .unwrap_err(),
                ping(transport(), format!("http://{}/svc", server.addr))
                    .await
                    .unwrap_err(),
            ]
        })
    });
    assert_eq!(errors.len(), 3);
    for error in &errors {
        for text in [error.to_string(), format!("{error:?}")] {
            assert!(!text.contains(SECRET), "an error shows a secret: {text}");
        }
    }
    let lines = lines.lock().unwrap();
    assert!(!lines.is_empty());
    for line in lines.iter() {
        assert!(!line.contains(SECRET), "a log line shows a secret: {line}");
    }
}
