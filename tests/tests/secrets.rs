//! Passwords (`EMailConnectionInfo`, `EMailConnectionInfoExtended`), tickets and application
//! tokens never appear in `Debug` output, error messages or `tracing` logs.
//!
//! Every secret below contains `S3cr3t`; each check looks for that marker, so that even a part
//! of a secret showing up fails the test.

// `..Default::default()` everywhere, also where every field is set: the generated structs may
// gain fields.
#![allow(clippy::needless_update)]

use std::collections::BTreeSet;
use std::future::Future;
use std::io::Write;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock};

use services82_email::*;
use soap_runtime::client::{Client, HttpRequest, HttpResponse, Transport};
use soap_runtime::envelope::{read_envelope, write_envelope, ReadError};
use soap_runtime::server::{HttpContext, Refusal, SoapRequest, Unauthorized};
use soap_runtime::{Fault, Limits, Message, SoapVersion, TransportError};

const MARKER: &str = "S3cr3t";
const PASSWORD: &str = "pw-S3cr3t-imap";
const PASSWORD_EXTENDED: &str = "pw-S3cr3t-smtp";
const TICKET: &str = "7T:S3cr3t-ticket==";
const TOKEN: &str = "app-S3cr3t-token";

fn info() -> EMailConnectionInfo {
    EMailConnectionInfo {
        server_name: Some("imap.example.com".into()),
        user_name: Some("anna@example.com".into()),
        password: Some(PASSWORD.into()),
        folder: Some("INBOX".into()),
        use_ssl: Some(true),
        ..Default::default()
    }
}

fn extended() -> EMailConnectionInfoExtended {
    EMailConnectionInfoExtended {
        port: Some(993),
        server_name: Some("smtp.example.com".into()),
        protocol: Some("smtp".into()),
        user_name: Some("anna@example.com".into()),
        password: Some(PASSWORD_EXTENDED.into()),
        use_ssl: Some(true),
        folder: Some("Sent".into()),
        ..Default::default()
    }
}

fn headers() -> RequestHeaders {
    RequestHeaders {
        application_token: Some(TOKEN.into()),
        credentials: Some(SoCredentials {
            ticket: Some(TICKET.into()),
        }),
        time_zone: None,
    }
}

fn agent(url: impl Into<String>) -> EMailAgent {
    EMailAgent::new(url)
        .with_application_token(TOKEN.into())
        .with_credentials(SoCredentials {
            ticket: Some(TICKET.into()),
        })
}

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(MARKER), "{what} shows a secret: {text}");
}

// ---------------------------------------------------------------------------------------------
// Debug

/// Every public type of the EMail crate that can hold a password, ticket or token, with a
/// value of it whose secrets are all set, formatted with `Debug` (plain and `{:#?}`).
fn formatted_values() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    macro_rules! show {
        ($($name:literal => $value:expr),* $(,)?) => {$({
            let value = $value;
            out.push(($name, format!("{value:?}")));
            out.push(($name, format!("{value:#?}")));
            // Inside a message, as a service implementation receives it.
            let message = Message { headers: headers(), body: value };
            out.push(($name, format!("{message:?}")));
        })*};
    }
    let ci = || Some(info());
    let ce = || Some(extended());
    show! {
        "EMailConnectionInfo" => info(),
        "EMailConnectionInfoExtended" => extended(),
        "SoCredentials" => SoCredentials { ticket: Some(TICKET.into()) },
        "RequestHeaders" => headers(),
        "EMailAgent" => agent("http://127.0.0.1:1/Remote/Services82/EMail.svc"),
        "Authenticate" => Authenticate { connection_info_extended: ce(), ..Default::default() },
        "AuthenticateIncoming" => AuthenticateIncoming { connection_info: ci(), ..Default::default() },
        "AuthenticateOutgoing" => AuthenticateOutgoing { connection_info: ci(), ..Default::default() },
        "CreateDefaultEMailConnectionInfoResponse" => CreateDefaultEMailConnectionInfoResponse { response: ci() },
        "CreateDefaultEMailConnectionInfoExtendedResponse" => CreateDefaultEMailConnectionInfoExtendedResponse { response: ce() },
        "CreateFolder" => CreateFolder { connection_info: ci(), ..Default::default() },
        "Delete" => Delete { connection_info: ci(), ..Default::default() },
        "DeleteExtended" => DeleteExtended { connection_info_extended: ce(), ..Default::default() },
        "DeleteFolder" => DeleteFolder { connection_info: ci(), ..Default::default() },
        "EmptyFolder" => EmptyFolder { connection_info: ci(), ..Default::default() },
        "GetAttachment" => GetAttachment { connection_info: ci(), ..Default::default() },
        "GetEMailAsStream" => GetEMailAsStream { connection_info: ci(), ..Default::default() },
        "GetEMailEnvelopes" => GetEMailEnvelopes { connection_info: ci(), ..Default::default() },
        "GetEMailFromId" => GetEMailFromId { connection_info: ci(), ..Default::default() },
        "GetEmailMessageIds" => GetEmailMessageIds { connection_info_extended: ce(), ..Default::default() },
        "GetEmailsAsString" => GetEmailsAsString { connection_info_extended: ce(), ..Default::default() },
        "GetFolderEMailCount" => GetFolderEMailCount { connection_info: ci(), ..Default::default() },
        "GetFolderHasNewEMail" => GetFolderHasNewEMail { connection_info: ci(), ..Default::default() },
        "GetFolderInfo" => GetFolderInfo { connection_info: ci(), ..Default::default() },
        "GetFolderList" => GetFolderList { connection_info: ci(), ..Default::default() },
        "MarkAsRead" => MarkAsRead { connection_info: ci(), ..Default::default() },
        "MoveToFolder" => MoveToFolder { connection_info: ci(), ..Default::default() },
        "RefreshFolder" => RefreshFolder { connection_info: ci(), ..Default::default() },
        "RelayMessage" => RelayMessage { connection_info_extended: ce(), ..Default::default() },
        "SaveEMail" => SaveEMail { connection_info: ci(), ..Default::default() },
        "SendEMails" => SendEMails { outgoing_connection_info: ci(), sent_items_connection_info: ci(), ..Default::default() },
        "SetSubscription" => SetSubscription { connection_info: ci(), ..Default::default() },
    }
    // The runtime's views of a request: the HTTP request and what the server hands on.
    let envelope = write_envelope(
        SoapVersion::Soap11,
        NAMESPACES,
        &headers(),
        REFRESH_FOLDER.request,
        &RefreshFolder {
            connection_info: ci(),
            folders: None,
        },
    )
    .expect("encode");
    assert!(String::from_utf8_lossy(&envelope).contains(PASSWORD));
    out.push((
        "HttpRequest",
        format!(
            "{:?}",
            HttpRequest {
                url: "http://h/x.svc".into(),
                content_type: "text/xml".into(),
                soap_action: None,
                body: envelope.clone(),
            }
        ),
    ));
    out.push((
        "SoapRequest",
        format!(
            "{:?}",
            SoapRequest {
                soap_action: None,
                content_type: None,
                body: envelope.clone().into(),
            }
        ),
    ));
    let received = read_envelope::<RequestHeaders, RefreshFolder>(
        &envelope,
        Limits::default(),
        "RefreshFolder",
    )
    .expect("decode");
    out.push(("Received", format!("{received:?}")));
    out.push(("Received", format!("{received:#?}")));
    out
}

#[test]
fn debug_output_of_every_type_holding_secrets_is_redacted() {
    for (name, text) in formatted_values() {
        assert_clean(name, &text);
    }
    // The redaction is visible, not a silent omission.
    let text = format!("{:?}", info());
    assert!(text.contains("password: Some(<redacted>)"), "{text}");
    let text = format!("{:?}", headers());
    assert!(
        text.contains("application_token: Some(<redacted>)"),
        "{text}"
    );
    assert!(text.contains("ticket: Some(<redacted>)"), "{text}");
    // A secret field that is not set says so.
    let text = format!("{:?}", EMailConnectionInfo::default());
    assert!(text.contains("password: None"), "{text}");
}

/// The list above must cover every type that can hold a secret: derived from the generated
/// source, so that a new operation or field fails here until it is added.
#[test]
fn the_list_covers_every_type_that_can_hold_a_secret() {
    let source = include_str!("../../generated/src/email.rs");
    let mut bodies: Vec<(String, String)> = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("\npub struct ") {
        rest = &rest[at + "\npub struct ".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // A tuple or unit struct ends at its line's `;`, a struct with fields at its `}`.
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let end = if rest[..line_end].trim_end().ends_with(';') {
            line_end
        } else {
            rest.find("\n}").unwrap_or(rest.len())
        };
        bodies.push((name, rest[..end].to_string()));
    }
    let mut rest = source;
    while let Some(at) = rest.find("\npub type ") {
        rest = &rest[at + "\npub type ".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let end = rest.find(';').unwrap_or(rest.len());
        bodies.push((name, rest[..end].to_string()));
    }
    let mentions = |body: &str, name: &str| {
        body.match_indices(name).any(|(i, _)| {
            let before = body[..i].chars().next_back();
            let after = body[i + name.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    };
    // Types with a field the generator marked secret, then everything that holds one.
    let mut holding: BTreeSet<String> = bodies
        .iter()
        .filter(|(_, body)| body.contains("secret: redacted in `Debug`"))
        .map(|(name, _)| name.clone())
        .collect();
    assert!(
        holding.contains("EMailConnectionInfo")
            && holding.contains("EMailConnectionInfoExtended")
            && holding.contains("SoCredentials")
            && holding.contains("RequestHeaders"),
        "{holding:?}"
    );
    loop {
        let more: Vec<String> = bodies
            .iter()
            .filter(|(name, body)| {
                !holding.contains(name) && holding.iter().any(|h| mentions(body, h))
            })
            .map(|(name, _)| name.clone())
            .collect();
        if more.is_empty() {
            break;
        }
        holding.extend(more);
    }
    let covered: BTreeSet<String> = formatted_values()
        .into_iter()
        .map(|(name, _)| name.to_string())
        .collect();
    let missing: Vec<&String> = holding.difference(&covered).collect();
    assert!(missing.is_empty(), "types not checked: {missing:?}");
}

// ---------------------------------------------------------------------------------------------
// Error messages

/// The request envelope of a call carrying every secret, as the client writes it.
fn request_with_secrets() -> Vec<u8> {
    write_envelope(
        SoapVersion::Soap11,
        NAMESPACES,
        &headers(),
        SEND_EMAILS.request,
        &SendEMails {
            outgoing_connection_info: Some(info()),
            emails: Some(vec![EMailEntity {
                subject: Some("hello".into()),
                ..Default::default()
            }]),
            sent_items_connection_info: None,
        },
    )
    .expect("encode")
}

/// A response envelope holding a connection info with a password, as a server may echo it.
fn response_with_secrets() -> Vec<u8> {
    write_envelope(
        SoapVersion::Soap11,
        NAMESPACES,
        &ResponseHeaders::default(),
        CREATE_DEFAULT_EMAIL_CONNECTION_INFO_EXTENDED.response,
        &CreateDefaultEMailConnectionInfoExtendedResponse {
            response: Some(extended()),
        },
    )
    .expect("encode")
}

/// `document` broken in many ways around its secrets: truncated at every byte, and every
/// byte replaced by each of a few markup characters.
fn corruptions(document: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for at in 0..document.len() {
        out.push(document[..at].to_vec());
        for byte in [b'<', b'>', b'&', b'"', b'/', b'=', b';', 0xFF, b'1'] {
            let mut broken = document.to_vec();
            broken[at] = byte;
            out.push(broken);
        }
    }
    // A secret's text turned into entity and character references, and its element's type
    // declared as another.
    let text = String::from_utf8_lossy(document).to_string();
    for secret in [PASSWORD, PASSWORD_EXTENDED, TICKET, TOKEN] {
        for replacement in [
            format!("&{};", secret.replace([':', '='], "")),
            format!("&#{};", secret.replace([':', '=', '-'], "")),
            format!("{secret}<x/>{secret}"),
            format!("{secret}&unknown;"),
            format!("<![CDATA[{secret}"),
        ] {
            out.push(text.replace(secret, &replacement).into_bytes());
        }
    }
    out
}

/// A transport that answers with fixed bytes and status.
#[derive(Debug)]
struct Canned(u16, Vec<u8>);

impl Transport for Canned {
    fn send(
        &self,
        _request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        let answer = HttpResponse {
            status: self.0,
            content_type: Some("text/xml; charset=utf-8".into()),
            body: self.1.clone().into(),
        };
        Box::pin(async move { Ok(answer) })
    }
}

#[tokio::test]
async fn client_errors_never_show_a_secret() {
    let document = response_with_secrets();
    assert!(String::from_utf8_lossy(&document).contains(PASSWORD_EXTENDED));
    let mut errors = 0;
    for broken in corruptions(&document) {
        for status in [200, 500] {
            let client = Client::with_transport(
                "http://h.invalid/x.svc",
                Arc::new(Canned(status, broken.clone())),
            );
            let agent = EMailAgent::with_client(client)
                .with_application_token(TOKEN.into())
                .with_credentials(SoCredentials {
                    ticket: Some(TICKET.into()),
                });
            match agent.create_default_email_connection_info_extended().await {
                Ok(value) => assert_clean("a decoded answer's Debug", &format!("{value:?}")),
                Err(error) => {
                    errors += 1;
                    assert_clean("a client error", &error.to_string());
                    assert_clean("a client error's Debug", &format!("{error:?}"));
                }
            }
        }
    }
    assert!(errors > 1000, "only {errors} errors");
}

/// Answers every operation with a fault that names what it received (redacted).
struct Inspector;

impl EMailService for Inspector {
    async fn send_emails(
        &self,
        request: Message<RequestHeaders, SendEMails>,
    ) -> Result<Message<ResponseHeaders, SendEMailsResponse>, Fault> {
        // A service that reports what it got, as services do in faults and logs.
        tracing::info!(?request, "SendEMails received");
        Err(Fault::sender(
            SoapVersion::Soap11,
            format!("rejected: {request:?}"),
        ))
    }
}

#[tokio::test]
async fn server_faults_never_show_a_secret() {
    let document = request_with_secrets();
    for secret in [PASSWORD, TICKET, TOKEN] {
        assert!(String::from_utf8_lossy(&document).contains(secret));
    }
    let server = EMailServer::new(Inspector);
    let mut faults = 0;
    for broken in corruptions(&document) {
        for soap_action in [None, Some(format!("\"{}\"", SEND_EMAILS.action))] {
            let response = server
                .dispatch(SoapRequest {
                    soap_action: soap_action.map(Into::into),
                    content_type: Some("text/xml; charset=utf-8".into()),
                    body: broken.clone().into(),
                })
                .await;
            let text = String::from_utf8_lossy(&response.body);
            assert_clean("a server answer", &text);
            match read_envelope::<ResponseHeaders, SendEMailsResponse>(
                &response.body,
                Limits::default(),
                "SendEMailsResponse",
            ) {
                Err(ReadError::Fault(fault)) => {
                    faults += 1;
                    assert_clean("a fault", &fault.to_string());
                }
                other => panic!("expected a fault, got {other:?}"),
            }
        }
    }
    assert!(faults > 1000, "only {faults} faults");
}

#[test]
fn invalid_values_in_secret_elements_are_redacted() {
    // Strings never fail to parse, but a secret of another type, or a bad reference inside
    // one, must not be echoed either: the reader redacts any element named like a secret.
    let document = "<Password>1</Password>";
    let mut r =
        soap_runtime::xml::XmlReader::new(document.as_bytes(), Limits::default()).expect("reader");
    let root = r.root().expect("root");
    let error = r.invalid_value(&root, "int", PASSWORD, "not a number");
    assert_clean("an invalid value", &error.to_string());
    let mut r =
        soap_runtime::xml::XmlReader::new(b"<Port>x</Port>", Limits::default()).expect("reader");
    let root = r.root().expect("root");
    let plain = r.invalid_value(&root, "int", "abc", "not a number");
    assert!(plain.to_string().contains("\"abc\""), "{plain}");
    for name in [
        "Password",
        "Ticket",
        "ApplicationToken",
        "ClientSecret",
        "password",
    ] {
        assert!(soap_runtime::secret::is_secret_name(name), "{name}");
    }
    for name in ["UserName", "ServerName", "Tick", "Pass"] {
        assert!(!soap_runtime::secret::is_secret_name(name), "{name}");
    }
    // An unknown entity inside a secret element.
    let document = format!(r#"<Password>{}&S3cr3tEntity;</Password>"#, &PASSWORD[..3]);
    let mut r =
        soap_runtime::xml::XmlReader::new(document.as_bytes(), Limits::default()).expect("reader");
    let root = r.root().expect("root");
    let error = r.read_text(&root).expect_err("an unknown entity");
    assert_clean("an unknown entity in a password", &error.to_string());
    let document = "<Ticket>&#xS3cr3t;</Ticket>";
    let mut r =
        soap_runtime::xml::XmlReader::new(document.as_bytes(), Limits::default()).expect("reader");
    let root = r.root().expect("root");
    let error = r.read_text(&root).expect_err("a bad character reference");
    assert_clean("a character reference in a ticket", &error.to_string());
}

#[tokio::test]
async fn transport_errors_never_show_credentials_in_the_url() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    let agent = agent(format!(
        "http://anna:{PASSWORD}@{addr}/Remote/Services82/EMail.svc?ticket={TICKET}"
    ));
    let error = agent
        .get_folder_email_count(Some(info()), None)
        .await
        .expect_err("nothing listens there");
    assert_clean("a connect error", &error.to_string());
    assert_clean("a connect error's Debug", &format!("{error:?}"));
    assert!(error.to_string().contains(&addr.to_string()), "{error}");
}

// ---------------------------------------------------------------------------------------------
// tracing

/// Everything logged by any thread of this test binary, at every level.
fn captured() -> &'static Mutex<Vec<u8>> {
    static LOG: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();
    static INSTALLED: OnceLock<()> = OnceLock::new();
    let log = LOG.get_or_init(|| Mutex::new(Vec::new()));
    INSTALLED.get_or_init(|| {
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            // Closing spans print all their fields (the calls' and requests' spans too).
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .with_writer(|| Capture)
            .try_init()
            .expect("the only subscriber of this test binary");
    });
    log
}

/// Writes into [`captured`]'s buffer.
struct Capture;

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        captured()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Answers with the connection info it received, and logs at every level what it can.
struct Echo;

impl EMailService for Echo {
    async fn get_folder_list(
        &self,
        request: Message<RequestHeaders, GetFolderList>,
    ) -> Result<Message<ResponseHeaders, GetFolderListResponse>, Fault> {
        tracing::trace!(?request, "GetFolderList");
        tracing::debug!(headers = ?request.headers, "GetFolderList headers");
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: GetFolderListResponse {
                response: Some(vec!["INBOX".into()]),
            },
        })
    }

    async fn create_default_email_connection_info_extended(
        &self,
        request: Message<RequestHeaders, CreateDefaultEMailConnectionInfoExtended>,
    ) -> Result<Message<ResponseHeaders, CreateDefaultEMailConnectionInfoExtendedResponse>, Fault>
    {
        tracing::info!(?request, "CreateDefaultEMailConnectionInfoExtended");
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: CreateDefaultEMailConnectionInfoExtendedResponse {
                response: Some(extended()),
            },
        })
    }

    async fn get_folder_email_count(
        &self,
        request: Message<RequestHeaders, GetFolderEMailCount>,
    ) -> Result<Message<ResponseHeaders, GetFolderEMailCountResponse>, Fault> {
        tracing::warn!(?request, "failing on purpose");
        Err(Fault::receiver(
            SoapVersion::Soap11,
            format!("no: {request:?}"),
        ))
    }

    async fn get_folder_has_new_email(
        &self,
        _request: Message<RequestHeaders, GetFolderHasNewEMail>,
    ) -> Result<Message<ResponseHeaders, GetFolderHasNewEMailResponse>, Fault> {
        Ok(Message {
            headers: ResponseHeaders {
                succeeded: Some(false),
                exception_info: Some(SoExceptionInfo {
                    message: Some("the folder is locked".into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
            body: GetFolderHasNewEMailResponse::default(),
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_at_trace_level_never_show_a_secret() {
    let log = captured();
    let server = EMailServer::new(Echo)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let agent = agent(server.url());
    // Successful calls, each direction carrying secrets.
    let folders = agent
        .get_folder_list(Some(info()), Some(true))
        .await
        .expect("folders");
    tracing::info!(?folders, "client got folders");
    let echoed = agent
        .create_default_email_connection_info_extended()
        .await
        .expect("connection info");
    tracing::info!(?echoed, ?agent, "client got a connection info");
    // A fault, a header-reported failure, an operation the server lacks.
    let error = agent
        .get_folder_email_count(Some(info()), Some(true))
        .await
        .expect_err("a fault");
    tracing::error!(%error, ?error, "call failed");
    let error = agent
        .get_folder_has_new_email(Some(info()))
        .await
        .expect_err("a service failure");
    tracing::error!(%error, ?error, "call failed");
    let error = agent
        .refresh_folder(Some(info()), None)
        .await
        .expect_err("not implemented");
    tracing::error!(%error, ?error, "call failed");
    // A request the server cannot decode, holding the secrets.
    let broken = String::from_utf8_lossy(&request_with_secrets())
        .replace("</s:Body>", "</s:Bod>")
        .into_bytes();
    let transport = soap_runtime::HttpTransport::new();
    let answer = transport
        .send(HttpRequest {
            url: server.url(),
            content_type: "text/xml; charset=utf-8".into(),
            soap_action: Some(format!("\"{}\"", SEND_EMAILS.action)),
            body: broken,
        })
        .await
        .expect("an answer");
    assert_eq!(answer.status, 500);
    // An answer the client cannot decode, holding a secret.
    let mut bad_answer = response_with_secrets();
    bad_answer.truncate(bad_answer.len() - 20);
    let canned = EMailAgent::with_client(Client::with_transport(
        format!("http://anna:{PASSWORD}@127.0.0.1:1/x.svc?token={TOKEN}"),
        Arc::new(Canned(200, bad_answer)),
    ))
    .with_credentials(SoCredentials {
        ticket: Some(TICKET.into()),
    });
    let error = canned
        .create_default_email_connection_info_extended()
        .await
        .expect_err("truncated");
    tracing::error!(%error, ?error, "call failed");
    // A connection refused at an address whose URL holds credentials.
    let refused = agent_at_refused_port();
    let error = refused
        .get_folder_list(Some(info()), None)
        .await
        .expect_err("refused");
    tracing::error!(%error, ?error, "call failed");
    server.shutdown().await;
    http_authentication_refusals(&agent).await;

    let text = String::from_utf8_lossy(&log.lock().unwrap_or_else(|e| e.into_inner())).to_string();
    // The log did capture the calls, the runtime's client and server events among them (so
    // the check below means something).
    for expected in [
        "soap_runtime::client",
        "soap_runtime::server",
        "GetFolderList",
        "failing on purpose",
        "call failed",
        "soap_call{",
        "soap_request{",
        "http_status=",
        "HTTP authentication refused the request",
        "a token without the scope",
    ] {
        assert!(
            text.contains(expected),
            "the log lacks `{expected}`:\n{text}"
        );
    }
    assert!(text.contains("<redacted>"), "{text}");
    assert_clean("the log", &text);
}

/// Requests an asynchronous authenticator refuses (`401`, `403`) and lets through, their
/// `Authorization` headers holding secrets: a bearer token, Basic credentials. `agent` is
/// logged, as an application might log its client.
async fn http_authentication_refusals(agent: &EMailAgent) {
    let server = EMailServer::new(Echo)
        .with_async_http_authenticator(|http: &HttpContext| {
            let authorization = http.header("authorization");
            async move {
                tokio::task::yield_now().await;
                match authorization.as_deref() {
                    Some(value) if value.ends_with("-scoped") => Ok(Some(Arc::from("anna"))),
                    Some(value) if value.starts_with("Bearer ") => {
                        Err(Refusal::forbidden().because("a token without the scope"))
                    }
                    _ => Err(
                        Refusal::from(Unauthorized::new("Bearer").expect("a challenge"))
                            .because("no bearer token"),
                    ),
                }
            }
        })
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let bearer = |token: String| {
        soap_runtime::HttpTransport::builder()
            .header("Authorization", &format!("Bearer {token}"))
            .expect("a valid header")
    };
    let transports = [
        bearer(TOKEN.to_owned()),
        bearer(format!("{TOKEN}-scoped")),
        soap_runtime::HttpTransport::builder()
            .basic_auth("anna", PASSWORD)
            .expect("valid credentials"),
    ];
    for (transport, expected) in transports.into_iter().zip([403, 200, 401]) {
        let transport = Arc::new(transport.build().expect("a transport"));
        let guarded = EMailAgent::with_client(Client::with_transport(server.url(), transport));
        let answer = guarded.get_folder_list(Some(info()), None).await;
        match (answer, expected) {
            (Ok(folders), 200) => tracing::info!(?folders, ?guarded, "client got folders"),
            (Err(soap_runtime::Error::Http { status, .. }), _) if status == expected => {
                tracing::error!(%status, ?guarded, "call refused");
            }
            (other, _) => panic!("expected {expected}, got {other:?}"),
        }
    }
    tracing::info!(?agent, "done with HTTP authentication");
    server.shutdown().await;
}

fn agent_at_refused_port() -> EMailAgent {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    agent(format!(
        "http://anna:{PASSWORD}@{addr}/Remote/Services82/EMail.svc?ticket={TICKET}"
    ))
}
