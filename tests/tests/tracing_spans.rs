//! One `tracing` span per client call and per served request, with the operation, SOAP version,
//! HTTP status and duration, and never a secret: spans and events are captured at TRACE level by
//! a test subscriber while the generated client calls the generated server over HTTP.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use services82_email::*;
use soap_runtime::telemetry::{CALL_SPAN, REQUEST_SPAN};
use soap_runtime::{Client, Fault, Message, SoapVersion};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt as _};
use tracing_subscriber::registry::LookupSpan;

const PASSWORD: &str = "pw-secret-7781";
const TICKET: &str = "7T:ticket-secret-5521";
const APP_TOKEN: &str = "app-token-secret-9034";
const URL_PASSWORD: &str = "url-secret-3310";
const QUERY_SECRET: &str = "query-secret-6402";
const FAULT_SECRET: &str = "fault-secret-1187";
const SECRETS: [&str; 6] = [
    PASSWORD,
    TICKET,
    APP_TOKEN,
    URL_PASSWORD,
    QUERY_SECRET,
    FAULT_SECRET,
];

/// A closed span: its name and fields (as recorded, strings without quotes).
#[derive(Debug, Clone)]
struct ClosedSpan {
    name: &'static str,
    fields: BTreeMap<String, String>,
}

impl ClosedSpan {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

#[derive(Default)]
struct Captured {
    spans: Vec<ClosedSpan>,
    /// Every event's fields, and every span's, as text: what a log could show.
    text: Vec<String>,
}

#[derive(Default)]
struct Fields(BTreeMap<String, String>);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

/// Keeps every span's fields until it closes, and every event's fields.
struct Capture(Arc<Mutex<Captured>>);

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, context: Context<'_, S>) {
        let mut fields = Fields::default();
        attributes.record(&mut fields);
        if let Some(span) = context.span(id) {
            span.extensions_mut().insert(fields);
        }
    }
    fn on_record(&self, id: &Id, values: &Record<'_>, context: Context<'_, S>) {
        if let Some(span) = context.span(id) {
            if let Some(fields) = span.extensions_mut().get_mut::<Fields>() {
                values.record(fields);
            }
        }
    }
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let mut captured = self.0.lock().unwrap_or_else(|e| e.into_inner());
        captured.text.push(format!("{:?}", fields.0));
    }
    fn on_close(&self, id: Id, context: Context<'_, S>) {
        let Some(span) = context.span(&id) else {
            return;
        };
        let fields = span
            .extensions_mut()
            .remove::<Fields>()
            .unwrap_or_default()
            .0;
        let mut captured = self.0.lock().unwrap_or_else(|e| e.into_inner());
        captured.text.push(format!("{} {fields:?}", span.name()));
        captured.spans.push(ClosedSpan {
            name: span.name(),
            fields,
        });
    }
}

/// What this test binary traced, from every thread (the subscriber is global, at TRACE level).
fn captured() -> &'static Arc<Mutex<Captured>> {
    static CAPTURED: OnceLock<Arc<Mutex<Captured>>> = OnceLock::new();
    CAPTURED.get_or_init(|| {
        let captured = Arc::new(Mutex::new(Captured::default()));
        let subscriber = tracing_subscriber::registry().with(Capture(captured.clone()));
        tracing::subscriber::set_global_default(subscriber)
            .expect("the only subscriber of this test binary");
        captured
    })
}

/// The closed spans named `name` whose `operation` is `operation`.
fn spans(name: &str, operation: &str) -> Vec<ClosedSpan> {
    let captured = captured().lock().unwrap_or_else(|e| e.into_inner());
    captured
        .spans
        .iter()
        .filter(|s| s.name == name && s.field("operation") == Some(operation))
        .cloned()
        .collect()
}

struct Fake;

impl EMailService for Fake {
    async fn refresh_folder(
        &self,
        request: Message<RequestHeaders, RefreshFolder>,
    ) -> Result<Message<ResponseHeaders, RefreshFolderResponse>, Fault> {
        tracing::info!(?request, "RefreshFolder received");
        Ok(Message {
            headers: Default::default(),
            body: RefreshFolderResponse { response: Some(7) },
        })
    }

    async fn get_folder_list(
        &self,
        _: Message<RequestHeaders, GetFolderList>,
    ) -> Result<Message<ResponseHeaders, GetFolderListResponse>, Fault> {
        Err(Fault::receiver(
            SoapVersion::Soap11,
            format!("the mailbox is locked ({FAULT_SECRET})"),
        ))
    }
}

fn connection() -> EMailConnectionInfo {
    EMailConnectionInfo {
        server_name: Some("imap.example.com".into()),
        user_name: Some("anna@example.com".into()),
        password: Some(PASSWORD.into()),
        ..Default::default()
    }
}

/// The agent at `url` (with a password in its user info and a secret in its query), in `version`.
fn agent(url: &str, version: SoapVersion) -> EMailAgent {
    let url = url.replacen("http://", &format!("http://anna:{URL_PASSWORD}@"), 1);
    let client = Client::new(format!("{url}?ticket={QUERY_SECRET}")).with_version(version);
    EMailAgent::with_client(client)
        .with_application_token(APP_TOKEN.into())
        .with_credentials(SoCredentials {
            ticket: Some(TICKET.into()),
        })
}

fn duration_ms(span: &ClosedSpan) -> f64 {
    let text = span.field("duration_ms").expect("a duration");
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_and_requests_have_one_span_each_without_secrets() {
    captured();
    let server = EMailServer::new(Fake).bind("127.0.0.1:0").await.unwrap();

    // A call in each SOAP version: one client span and one server span each.
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let answer = agent(&server.url(), version)
            .refresh_folder(Some(connection()), Some(vec!["INBOX".into()]))
            .await
            .unwrap();
        assert_eq!(answer, 7);
    }
    let calls = spans(CALL_SPAN, "RefreshFolder");
    let requests = spans(REQUEST_SPAN, "RefreshFolder");
    assert_eq!(
        (calls.len(), requests.len()),
        (2, 2),
        "{calls:#?}\n{requests:#?}"
    );
    for (spans, label) in [(&calls, "call"), (&requests, "request")] {
        let mut versions: Vec<&str> = spans
            .iter()
            .filter_map(|s| s.field("soap_version"))
            .collect();
        versions.sort_unstable();
        assert_eq!(versions, ["1.1", "1.2"], "{label}: {spans:#?}");
        for span in spans.iter() {
            assert_eq!(span.field("http_status"), Some("200"), "{label}: {span:?}");
            assert!(duration_ms(span) >= 0.0, "{label}: {span:?}");
        }
    }
    for call in &calls {
        assert_eq!(call.field("outcome"), Some("ok"), "{call:?}");
        let endpoint = call.field("endpoint").expect("the endpoint");
        assert!(endpoint.starts_with("http://127.0.0.1:"), "{endpoint}");
        assert!(
            endpoint.ends_with("/Remote/Services82/EMail.svc"),
            "{endpoint}"
        );
    }
    for request in &requests {
        assert_eq!(request.field("path"), Some("/Remote/Services82/EMail.svc"));
    }
    // The client's span covers the server's, so it cannot be shorter than the shortest request.
    let longest_call = calls.iter().map(duration_ms).fold(0.0, f64::max);
    let shortest_request = requests.iter().map(duration_ms).fold(f64::MAX, f64::min);
    assert!(
        longest_call >= shortest_request,
        "{calls:#?}\n{requests:#?}"
    );

    // A fault: status 500 on both sides, the outcome named, the reason nowhere.
    let error = agent(&server.url(), SoapVersion::Soap11)
        .get_folder_list(Some(connection()), None)
        .await
        .unwrap_err();
    assert!(error.to_string().contains(FAULT_SECRET), "{error}");
    let [call] = &spans(CALL_SPAN, "GetFolderList")[..] else {
        panic!("one call span: {:#?}", spans(CALL_SPAN, "GetFolderList"));
    };
    assert_eq!(
        (call.field("http_status"), call.field("outcome")),
        (Some("500"), Some("fault"))
    );
    let [request] = &spans(REQUEST_SPAN, "GetFolderList")[..] else {
        panic!("one request span");
    };
    assert_eq!(request.field("http_status"), Some("500"));

    // No answer at all: the span says so, with no status.
    let refused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        format!("http://{addr}/Remote/Services82/EMail.svc")
    };
    agent(&refused, SoapVersion::Soap11)
        .create_default_email_folder()
        .await
        .unwrap_err();
    let [call] = &spans(CALL_SPAN, "CreateDefaultEMailFolder")[..] else {
        panic!("one call span");
    };
    assert_eq!(
        (call.field("http_status"), call.field("outcome")),
        (None, Some("transport"))
    );

    server.shutdown().await;

    // Nothing traced holds a secret; the service's own log line shows the password redacted.
    let captured = captured().lock().unwrap_or_else(|e| e.into_inner());
    assert!(
        captured
            .text
            .iter()
            .any(|t| t.contains("RefreshFolder received")),
        "the capture sees events too"
    );
    for line in &captured.text {
        for secret in SECRETS {
            assert!(!line.contains(secret), "{secret} traced: {line}");
        }
    }
}
