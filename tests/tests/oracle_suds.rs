//! suds (`suds-community`, the long-lived Python SOAP client behind many integrations) against
//! the generated EMail server, over HTTP on 127.0.0.1, each side a real process, both loading
//! the project's `wsdl/services82/EMail.wsdl`: suds's client (`tests/oracles/suds/client.py`)
//! sends document/literal wrapped requests with the three SOAP headers `ApplicationToken`,
//! `Credentials` and `TimeZone`, which the server decodes to the values suds was given; suds
//! decodes the answers (an int, an array of nested envelopes with dates, enums and an
//! `xs:list`, bytes, an undeclared SOAP fault) to the values the handler returned, and gives
//! the answers' headers (NetServer's failure headers among them) as they came: suds decodes no
//! header of an answer.
//!
//! The corpus's contracts (rpc/literal, document/literal bare, rpc/encoded; declared faults)
//! are in `tests/corpus/tests/oracle_suds.rs`, Spyne in `oracle_spyne.rs` there, beside the
//! harness (`end_to_end::python_peers`). Without suds these tests are skipped loudly, and fail
//! in CI.

mod email_peer;

use base64::Engine as _;
use email_peer::{
    check_envelopes, check_refresh_folder_request, check_request_headers, Handler, ListAs,
    ATTACHMENT, LOCKED,
};
use end_to_end::email_wsdl;
use end_to_end::python_peers::Suds;
use serde_json::{json, Value};

/// suds's calls, each with the three request headers (by part name, as suds's `soapheaders`
/// option takes them).
fn calls() -> Value {
    json!({
        "headers": {
            "ApplicationToken": "app-token Ü & <123>",
            "Credentials": {"Ticket": "7T:dGlja2V0=="},
            "TimeZone": {"SoTimeZoneId": 27, "SoTimeZoneLocationCode": "NO"},
        },
        "calls": [
            {"op": "RefreshFolder", "args": {
                "ConnectionInfo": {"ServerName": "imap.example.com", "UserName": "anna@example.com",
                                   "Password": "pa<ss>&\"word\"", "Folder": "INBOX", "UseSSL": true},
                "Folders": {"string": ["INBOX", "Sent Items", "Ärchiv & <old>"]},
            }},
            {"op": "GetEMailEnvelopes", "args": {"MessageServerIds": {"int": [1, -2, 2147483647]}}},
            {"op": "GetAttachment", "args": {"MessageServerId": 9, "AttachmentId": "att-1"}},
            {"op": "GetFolderList", "args": {"IncludeItemCount": true}},
            {"op": "GetFolderEMailCount", "args": {"OnlyUnread": false}},
        ],
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suds_client_calls_our_email_server() {
    let Some(suds) = Suds::locate("suds_client_calls_our_email_server") else {
        return;
    };
    let (handler, server) = Handler::serve().await;
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || suds.client(&email_wsdl(), &url, &calls()))
        .await
        .expect("suds's client");

    // RefreshFolder: suds's request, headers and nested values, as our server decoded it.
    let received = handler.received.refresh_folder.lock().expect("lock");
    check_refresh_folder_request(&received[0]);
    // Its answer as suds decoded it, and the answer's headers as they came.
    assert_eq!(results[0]["result"], json!(4711), "{results}");
    assert_eq!(
        results[0]["headers"],
        json!({"Succeeded": "true",
               "TimeZone": {"SoTimeZoneId": "28", "SoTimeZoneLocationCode": "SE"}}),
        "{results}"
    );

    // GetEMailEnvelopes: an array of ints in, an array of nested envelopes out.
    let received = handler.received.get_email_envelopes.lock().expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.connection_info, None);
    assert_eq!(
        received[0].body.message_server_ids,
        Some(vec![1, -2, i32::MAX])
    );
    // suds gives a dateTime as Python's, to the microsecond: the 7th digit is rounded.
    let sent = [
        json!("2024-02-29T23:59:59.123457+05:30"),
        Value::Null,
        json!("2020-01-01T00:00:00+00:00"),
    ];
    // suds decodes an empty element as None: the second envelope's empty Subject.
    let mut decoded = results[1]["result"]["EMailEnvelope"].clone();
    assert_eq!(decoded[1]["Subject"], Value::Null, "{results}");
    decoded[1]["Subject"] = json!("");
    check_envelopes(&decoded, |i| sent[i].clone(), ListAs::Text);

    // GetAttachment: bytes, which suds gives as the base64 text it received.
    let received = handler.received.get_attachment.lock().expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.attachment_id.as_deref(), Some("att-1"));
    let attachment = &results[2]["result"];
    assert_eq!(attachment["Filename"], json!("report (1).pdf"), "{results}");
    let stream = attachment["Stream"]
        .as_str()
        .unwrap_or_else(|| panic!("the Stream's base64 text: {results}"));
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(stream)
        .expect("base64");
    assert_eq!(bytes, ATTACHMENT);

    // GetFolderList: the handler's fault, which EMail.wsdl does not declare: suds's WebFault
    // with the code as written (our envelope's prefix) and no detail.
    let received = handler.received.get_folder_list.lock().expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.include_item_count, Some(true));
    let fault = &results[3]["fault"];
    assert_eq!(fault["string"], json!(LOCKED), "{results}");
    assert_eq!(fault["detail"], Value::Null, "{results}");
    let code = fault["code"].as_str().expect("a fault code");
    assert_eq!(code.rsplit(':').next(), Some("Client"), "{fault}");

    // GetFolderEMailCount: the answer's int, and NetServer's failure headers, nested.
    let received = handler
        .received
        .get_folder_email_count
        .lock()
        .expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.only_unread, Some(false));
    let failed = &results[4];
    assert_eq!(failed["result"], json!(0), "{failed}");
    assert_eq!(
        failed["headers"],
        json!({
            "ExceptionInfo": {
                "Message": "Folder not found: Ünknown",
                "ExceptionType": "SoException",
                "InnerException": {"Message": "inner cause"},
            },
            "Succeeded": "false",
        }),
        "{failed}"
    );
}
