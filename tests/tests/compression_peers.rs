//! HTTP compression (soap-runtime's `compression` feature) between the generated EMail server
//! and client and peers nobody here wrote, over HTTP on 127.0.0.1, through a wire tap
//! (`end_to_end::wire_tap`) that shows what really travelled:
//! - our client (`accept_compressed`, `compress_requests`) and our server
//!   (`SoapService::with_compression`): gzip requests, gzip answers, values intact;
//! - zeep (Python `requests`, which always sends `Accept-Encoding: gzip, deflate`) decodes the
//!   server's gzip answer to the values the handler returned, and says it was gzip;
//! - PHP's SoapClient with `SOAP_COMPRESSION_ACCEPT | SOAP_COMPRESSION_GZIP` (and `_DEFLATE`)
//!   sends compressed requests, which the server decodes, and decodes its gzip answers.
//!
//! Our client compressing requests to PHP's SoapServer, which reads them, and reading its
//! compressed answers is in `tests/corpus/tests/oracle_php_soap.rs`.
//!
//! zeep needs the Python of `ORACLE_PYTHON`, PHP its SOAP extension (`scripts/test.sh` sets up
//! both); without them those tests are skipped loudly, and fail in CI.

mod email_peer;

use std::sync::Arc;

use email_peer::{
    check_envelopes, check_refresh_folder_request, check_request_headers, envelopes, Handler,
    ListAs,
};
use end_to_end::child::python_script;
use end_to_end::email_wsdl;
use end_to_end::php_soap::PhpSoap;
use end_to_end::shared::skip_unless_ci;
use end_to_end::wire_tap::{messages, Message, WireTap};
use serde_json::{json, Value};
use services82_email::*;
use soap_runtime::client::{Client, HttpTransport};
use soap_runtime::compression::Compression;
use soap_runtime::server::Server;

/// The generated EMail server answering with `handler`, compressing its answers of 1 KiB or
/// more for clients that accept it, behind a wire tap; the URL to call is the tap's.
async fn serve_compressing(handler: Arc<Handler>) -> (Server, WireTap, String) {
    let service = EMailServer::shared(handler)
        .into_service()
        .with_compression(Compression::new());
    let server = Server::bind_service("127.0.0.1:0", EMailServer::<Handler>::DEFAULT_PATH, service)
        .await
        .expect("the generated server binds");
    let tap = WireTap::start(server.local_addr());
    let url = tap.url(EMailServer::<Handler>::DEFAULT_PATH);
    (server, tap, url)
}

/// The requests among `messages` (a tap's record) whose `SOAPAction` is EMail's `operation`.
fn requests_for<'a>(messages: &'a [Message], operation: &str) -> Vec<&'a Message> {
    let action = format!("/email/{}\"", operation.to_ascii_lowercase());
    messages
        .iter()
        .filter(|message| message.head.contains(&action))
        .collect()
}

/// The message ids of the first `GetEMailEnvelopes` request `handler` received.
fn first_envelopes_request(handler: &Handler) -> Option<Vec<i32>> {
    let received = handler.received.get_email_envelopes.lock().expect("lock");
    let first = received.first().expect("a GetEMailEnvelopes request");
    first.body.message_server_ids.clone()
}

/// True when `message`'s body is gzip data (after the chunk size line of a chunked one).
fn is_gzip(message: &Message) -> bool {
    let body = &message.body;
    body.starts_with(&[0x1f, 0x8b])
        || body
            .windows(4)
            .take(16)
            .any(|window| window[..2] == *b"\r\n" && window[2..] == [0x1f, 0x8b])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_and_server_compress_both_ways() {
    let handler = Arc::new(Handler::default());
    let (server, tap, url) = serve_compressing(handler.clone()).await;
    let transport = HttpTransport::builder()
        .accept_compressed()
        // Every request, however small.
        .compress_requests(Compression::new().min_size(0))
        .build()
        .expect("the transport");
    let agent = EMailAgent::with_client(Client::with_transport(url, Arc::new(transport)));

    let ids = vec![1, -2, i32::MAX];
    let answered = agent
        .get_email_envelopes(None, Some(ids.clone()))
        .await
        .expect("GetEMailEnvelopes");
    assert_eq!(answered, Some(envelopes()));
    assert_eq!(first_envelopes_request(&handler), Some(ids));

    // On the wire: a gzip request asking for a compressed answer, and a gzip answer.
    let requests = messages(&tap.requests());
    let [request] = requests_for(&requests, "GetEMailEnvelopes")[..] else {
        panic!("one GetEMailEnvelopes request: {requests:?}");
    };
    assert!(
        request.has_header("content-encoding", "gzip"),
        "{}",
        request.head
    );
    assert!(
        request.has_header("accept-encoding", "gzip, deflate"),
        "{}",
        request.head
    );
    assert!(is_gzip(request));
    let answers = messages(&tap.answers());
    let [answer] = &answers[..] else {
        panic!("one answer: {answers:?}");
    };
    assert!(
        answer.has_header("content-encoding", "gzip"),
        "{}",
        answer.head
    );
    assert!(
        answer.has_header("vary", "accept-encoding"),
        "{}",
        answer.head
    );
    assert!(is_gzip(answer));
    drop(tap);
    server.shutdown().await;
}

/// zeep calls `GetEMailEnvelopes` at `argv[2]` (WSDL `argv[1]`) and prints, as JSON, the
/// `Content-Encoding` of each answer `requests` received (and decoded) and the envelopes zeep
/// decoded (dates in ISO 8601).
const ZEEP_CLIENT: &str = r#"
import json, sys
import requests, zeep
from zeep.helpers import serialize_object
from zeep.transports import Transport

wsdl, url = sys.argv[1:3]
encodings = []

class Recorder(Transport):
    def post_xml(self, address, envelope, headers):
        response = super().post_xml(address, envelope, headers)
        encodings.append(response.headers.get("Content-Encoding"))
        return response

session = requests.Session()
session.trust_env = False  # never a proxy for 127.0.0.1
client = zeep.Client(wsdl, transport=Recorder(session=session))
service = client.create_service(
    "{http://www.superoffice.net/ws/crm/NetServer/Services82}BasicHttpBinding_EMail", url)
answer = service.GetEMailEnvelopes(MessageServerIds={"int": [1, -2, 3]})
body = answer.body.Response if hasattr(answer, "body") else answer
out = {"encodings": encodings, "envelopes": serialize_object(body, dict)}
print(json.dumps(out, default=lambda value: value.isoformat()))
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_decodes_the_servers_gzip_answer() {
    let Some(python) = std::env::var_os("ORACLE_PYTHON").filter(|p| !p.is_empty()) else {
        skip_unless_ci(
            "compression_peers' zeep test needs ORACLE_PYTHON with zeep (scripts/test.sh sets it up)",
        );
        return;
    };
    let handler = Arc::new(Handler::default());
    let (server, tap, url) = serve_compressing(handler.clone()).await;
    let args = [email_wsdl().display().to_string(), url];
    let printed = tokio::task::spawn_blocking(move || python_script(&python, ZEEP_CLIENT, &args))
        .await
        .expect("the zeep task");
    let out: Value = serde_json::from_str(&printed)
        .unwrap_or_else(|e| panic!("zeep printed {printed:?}, not JSON: {e}"));

    // requests asked for it, our server sent gzip, and requests says so.
    assert_eq!(out["encodings"], json!(["gzip"]), "{out}");
    let requests = messages(&tap.requests());
    let [request] = requests_for(&requests, "GetEMailEnvelopes")[..] else {
        panic!("one GetEMailEnvelopes request: {requests:?}");
    };
    assert!(
        request.head.contains("accept-encoding: gzip"),
        "{}",
        request.head
    );
    let answers = messages(&tap.answers());
    let [answer] = &answers[..] else {
        panic!("one answer: {answers:?}");
    };
    assert!(
        answer.has_header("content-encoding", "gzip"),
        "{}",
        answer.head
    );
    assert!(is_gzip(answer));

    // What zeep decoded of it: the handler's envelopes, field by field.
    assert_eq!(first_envelopes_request(&handler), Some(vec![1, -2, 3]));
    // zeep's datetimes, printed by `isoformat`: microseconds, and `+00:00` for UTC.
    let sent = |i: usize| match i {
        0 => json!("2024-02-29T23:59:59.123456+05:30"),
        2 => json!("2020-01-01T00:00:00+00:00"),
        _ => Value::Null,
    };
    // zeep reads an empty element (the second envelope's `<Subject/>`) as None, whatever the
    // transport: given back as the empty text it is before the comparison.
    let mut decoded = out["envelopes"]["EMailEnvelope"].clone();
    for (peer, ours) in decoded
        .as_array_mut()
        .into_iter()
        .flatten()
        .zip(envelopes())
    {
        if ours.subject.as_deref() == Some("") && peer["Subject"].is_null() {
            peer["Subject"] = json!("");
        }
    }
    check_envelopes(&decoded, sent, ListAs::Array);
    drop(tap);
    server.shutdown().await;
}

/// PHP's calls (RefreshFolder, GetEMailEnvelopes), each with the three request headers, its
/// requests compressed with `coding` and compressed answers accepted.
fn php_calls(coding: &str) -> String {
    const NS: &str = "http://www.superoffice.net/ws/crm/NetServer/Services82";
    json!({
        "compression": coding,
        "headers": [
            {"namespace": NS, "name": "ApplicationToken", "value": "app-token Ü & <123>"},
            {"namespace": NS, "name": "Credentials", "value": {"Ticket": "7T:dGlja2V0=="}},
            {"namespace": NS, "name": "TimeZone",
             "value": {"SoTimeZoneId": 27, "SoTimeZoneLocationCode": "NO"}},
        ],
        "calls": [
            {"op": "RefreshFolder", "args": [{
                "ConnectionInfo": {"ServerName": "imap.example.com", "UserName": "anna@example.com",
                                   "Password": "pa<ss>&\"word\"", "Folder": "INBOX", "UseSSL": true},
                "Folders": {"string": ["INBOX", "Sent Items", "Ärchiv & <old>"]},
            }]},
            {"op": "GetEMailEnvelopes", "args": [{"MessageServerIds": {"int": [1, -2, 2147483647]}}]},
        ],
    })
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn php_soap_client_sends_compressed_requests_and_decodes_gzip_answers() {
    let Some(php) =
        PhpSoap::locate("php_soap_client_sends_compressed_requests_and_decodes_gzip_answers")
    else {
        return;
    };
    for coding in ["gzip", "deflate"] {
        let handler = Arc::new(Handler::default());
        let (server, tap, url) = serve_compressing(handler.clone()).await;
        let calls = php_calls(coding);
        let results = tokio::task::spawn_blocking(move || php.client(&email_wsdl(), &url, &calls))
            .await
            .expect("the PHP client");

        // PHP compressed both requests, and our server decoded them.
        let requests = messages(&tap.requests());
        assert_eq!(requests.len(), 2, "{requests:?}");
        for request in &requests {
            assert!(
                request.has_header("content-encoding", coding),
                "{}",
                request.head
            );
            assert!(
                request.has_header("accept-encoding", "gzip, deflate"),
                "{}",
                request.head
            );
        }
        {
            let refreshed = handler.received.refresh_folder.lock().expect("lock");
            let [refresh] = refreshed.as_slice() else {
                panic!("{coding}: one RefreshFolder, {} received", refreshed.len());
            };
            check_refresh_folder_request(refresh);
            let received = handler.received.get_email_envelopes.lock().expect("lock");
            check_request_headers(&received[0].headers);
        }
        assert_eq!(
            first_envelopes_request(&handler),
            Some(vec![1, -2, i32::MAX])
        );

        // The envelopes' answer went back gzip (the small RefreshFolder answer as it was), and
        // PHP decoded it.
        let answers = messages(&tap.answers());
        assert_eq!(answers.len(), 2, "{answers:?}");
        assert!(
            !answers[0].head.contains("content-encoding"),
            "{}",
            answers[0].head
        );
        assert!(
            answers[1].has_header("content-encoding", "gzip"),
            "{}",
            answers[1].head
        );
        assert!(is_gzip(&answers[1]));
        assert_eq!(results[0]["result"], json!({"Response": 4711}), "{results}");
        check_envelopes(
            &results[1]["result"]["Response"]["EMailEnvelope"],
            |i| json!(envelopes()[i].sent.as_ref().map(ToString::to_string)),
            ListAs::Text,
        );
        drop(tap);
        server.shutdown().await;
    }
}
