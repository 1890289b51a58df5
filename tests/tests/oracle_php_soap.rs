//! PHP's SOAP extension (ext/soap, a C SOAP stack nobody here wrote) against the generated EMail
//! server, over HTTP on 127.0.0.1, each side a real process, both loading the project's
//! `wsdl/services82/EMail.wsdl`: PHP's SoapClient (`tests/oracles/php/client.php`) sends
//! document/literal wrapped requests with the three SOAP headers `ApplicationToken`,
//! `Credentials` and `TimeZone`, which the server decodes to the values PHP was given; PHP
//! decodes the answers (an int and the answer's headers, an array of nested envelopes with
//! dates, enums and flags, bytes, a SOAP fault) to the values the handler returned.
//!
//! The rpc/encoded interop with PHP, both ways, is in `tests/corpus/tests/oracle_php_soap.rs`,
//! beside the harness (`end_to_end::php_soap`).

mod email_peer;

use base64::Engine as _;
use email_peer::{
    check_envelopes, check_request_headers, envelopes, Handler, ListAs, ATTACHMENT, LOCKED,
};
use end_to_end::email_wsdl;
use end_to_end::php_soap::PhpSoap;
use serde_json::json;

/// The namespace of EMail's messages and headers.
const NS: &str = "http://www.superoffice.net/ws/crm/NetServer/Services82";

/// PHP's calls, each with the three request headers.
fn calls() -> String {
    json!({
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
            {"op": "GetAttachment", "args": [{"MessageServerId": 9, "AttachmentId": "att-1"}]},
            {"op": "GetFolderList", "args": [{"IncludeItemCount": true}]},
        ],
    })
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn php_soap_client_calls_our_email_server() {
    let Some(php) = PhpSoap::locate("php_soap_client_calls_our_email_server") else {
        return;
    };
    let (handler, server) = Handler::serve().await;
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || php.client(&email_wsdl(), &url, &calls()))
        .await
        .expect("the PHP client");

    // RefreshFolder: PHP's request, headers and nested values, as our server decoded it.
    let received = handler.received.refresh_folder.lock().expect("lock");
    let [refresh] = received.as_slice() else {
        panic!("one RefreshFolder: {} received", received.len());
    };
    check_request_headers(&refresh.headers);
    let info = refresh
        .body
        .connection_info
        .as_ref()
        .expect("the ConnectionInfo");
    assert_eq!(info.server_name.as_deref(), Some("imap.example.com"));
    assert_eq!(info.password.as_deref(), Some("pa<ss>&\"word\""));
    assert_eq!(info.use_ssl, Some(true));
    assert_eq!(
        refresh.body.folders.as_deref(),
        Some(
            &[
                "INBOX".to_string(),
                "Sent Items".into(),
                "Ärchiv & <old>".into()
            ][..]
        )
    );
    // Our answer and its headers, as PHP decoded them.
    let answered_headers = json!({"Succeeded": true, "TimeZone": {"SoTimeZoneId": 28, "SoTimeZoneLocationCode": "SE"}});
    assert_eq!(results[0]["result"], json!({"Response": 4711}), "{results}");
    assert_eq!(results[0]["headers"], answered_headers, "{results}");

    // GetEMailEnvelopes: an array of ints in, an array of nested envelopes out.
    let received = handler.received.get_email_envelopes.lock().expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(
        received[0].body.message_server_ids,
        Some(vec![1, -2, i32::MAX])
    );
    // PHP keeps an `xsd:dateTime` as its text, and a list as the text sent.
    check_envelopes(
        &results[1]["result"]["Response"]["EMailEnvelope"],
        |i| json!(envelopes()[i].sent.as_ref().map(ToString::to_string)),
        ListAs::Text,
    );

    // GetAttachment: bytes.
    let stream = &results[2]["result"]["Response"]["Stream"]["base64"];
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(
            stream
                .as_str()
                .unwrap_or_else(|| panic!("the Stream's bytes: {results}")),
        )
        .expect("base64");
    assert_eq!(bytes, ATTACHMENT);

    // The handler's fault: PHP's SoapFault, its code as written (our envelope's prefix).
    let fault = &results[3]["fault"];
    assert_eq!(fault["string"], json!(LOCKED), "{fault}");
    let code = fault["code"].as_str().expect("a fault code");
    assert_eq!(code.rsplit(':').next(), Some("Client"), "{fault}");
}
