//! node-soap (npm `soap`, a JavaScript SOAP stack nobody here wrote) against the generated EMail
//! bindings, over HTTP on 127.0.0.1, each side a real process, both loading the project's
//! `wsdl/services82/EMail.wsdl`:
//!
//! - node-soap's client (`tests/oracles/node/client.js`) calls the generated server: the server
//!   decodes node-soap's requests (SOAP headers `ApplicationToken`, `Credentials`, `TimeZone`
//!   included) to the values node-soap was given, and node-soap decodes the answers (an int, an
//!   array of nested envelopes, bytes, response headers, a SOAP fault) to the values the handler
//!   returned; the same in SOAP 1.2 (node-soap's `forceSoap12Headers`), the fault then `Sender`
//!   with HTTP 400; and MTOM (node-soap's `forceMTOM`): an attachment node-soap sends in a MIME
//!   part of its own reaches the handler's bytes, and our MTOM answers' parts reach node-soap's;
//! - the generated client calls node-soap's server (`tests/oracles/node/server.js`): node-soap
//!   decodes our requests to the values we sent, and our client decodes node-soap's answers to
//!   the values it was given, its thrown fault to `Error::Fault` (detail kept), and a
//!   `Succeeded=false` header to `Error::Service`.
//!
//! `scripts/test.sh` installs node-soap (see `end_to_end::node_soap`); without it these tests
//! are skipped loudly, and fail in CI. (node-soap's server does not read MTOM requests, so our
//! client's MTOM is not tested against it.)
//!
//! What node-soap does on its own, accepted here: it returns SOAP header values as untyped
//! text (`"true"`, `"27"`), since it reads headers without their schema types; its client reads
//! an `xsd:dateTime` into a JavaScript `Date` (UTC, milliseconds); and it writes an answer's
//! fields in the order of the JavaScript object's keys, so the canned answers list them in
//! schema order. Where node-soap breaks SOAP 1.1 (a thrown fault answered with HTTP 200; a
//! JavaScript exception answered with a SOAP 1.2-shaped fault in a 1.1 envelope), the test says
//! so where it meets it.

mod email_peer;

use base64::Engine as _;
use email_peer::{
    check_envelopes, check_refresh_folder_request, check_request_headers, large, Handler, ListAs,
    ATTACHMENT, LOCKED,
};
use end_to_end::email_wsdl;
use end_to_end::node_soap::NodeSoap;
use serde_json::{json, Value};
use services82_email::*;
use soap_runtime::{Error, SoapVersion};

/// The path the generated server serves, and node-soap's server is told to serve.
const PATH: &str = "/Remote/Services82/EMail.svc";

// ---- node-soap's client, our server ---------------------------------------------------------

/// node-soap's calls: every one carries the three request headers. Written as text, not with
/// `json!`, to keep the fields in schema order: node-soap writes them in the order given.
const CALLS: &str = r#"{
  "headers": [
    {"namespace": "http://www.superoffice.net/ws/crm/NetServer/Services82",
     "header": {"ApplicationToken": "app-token Ü & <123>"}},
    {"namespace": "http://www.superoffice.net/ws/crm/NetServer/Services82",
     "header": {"Credentials": {"Ticket": "7T:dGlja2V0=="}}},
    {"namespace": "http://www.superoffice.net/ws/crm/NetServer/Services82",
     "header": {"TimeZone": {"SoTimeZoneId": 27, "SoTimeZoneLocationCode": "NO"}}}
  ],
  "calls": [
    {"op": "RefreshFolder", "args": {
      "ConnectionInfo": {"ServerName": "imap.example.com", "UserName": "anna@example.com",
                         "Password": "pa<ss>&\"word\"", "Folder": "INBOX", "UseSSL": true},
      "Folders": {"string": ["INBOX", "Sent Items", "Ärchiv & <old>"]}}},
    {"op": "GetEMailEnvelopes", "args": {"MessageServerIds": {"int": [1, -2, 2147483647]}}},
    {"op": "GetAttachment", "args": {"MessageServerId": 9, "AttachmentId": "att-1"}},
    {"op": "GetFolderList", "args": {"IncludeItemCount": true}},
    {"op": "GetFolderEMailCount", "args": {"OnlyUnread": false}}
  ]
}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_soap_client_calls_our_server() {
    let Some(node) = NodeSoap::locate("node_soap_client_calls_our_server") else {
        return;
    };
    let (handler, server) = Handler::serve().await;
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || node.client(&email_wsdl(), &url, CALLS))
        .await
        .expect("the node-soap client");

    check_refresh_folder(&handler, &results[0]);
    let received = handler.received.get_email_envelopes.lock().expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(
        received[0].body.message_server_ids,
        Some(vec![1, -2, i32::MAX])
    );
    check_envelopes(
        &results[1]["body"]["Response"]["EMailEnvelope"],
        |i| json!(SENT_AS_JS_DATES[i]),
        ListAs::Text,
    );
    let received = handler.received.get_attachment.lock().expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.message_server_id, Some(9));
    assert_eq!(received[0].body.attachment_id.as_deref(), Some("att-1"));
    check_attachment_answer(&results[2]);

    // The handler's fault, as node-soap read it: code, string, and HTTP 500.
    let fault = &results[3];
    assert_eq!(fault["status"], json!(500), "{fault}");
    let code = fault["fault"]["faultcode"].as_str().expect("a faultcode");
    assert_eq!(code.rsplit(':').next(), Some("Client"), "{fault}");
    assert_eq!(fault["fault"]["faultstring"], json!(LOCKED), "{fault}");

    // NetServer's failure headers: an answer to node-soap, which returns the headers as read.
    let failed = &results[4];
    assert_eq!(failed["body"]["Response"], json!(0), "{failed}");
    let headers = &failed["headers"];
    assert_eq!(headers["Succeeded"], json!("false"), "{failed}");
    let info = &headers["ExceptionInfo"];
    assert_eq!(
        info["Message"],
        json!("Folder not found: Ünknown"),
        "{failed}"
    );
    assert_eq!(info["ExceptionType"], json!("SoException"), "{failed}");
    assert_eq!(
        info["InnerException"]["Message"],
        json!("inner cause"),
        "{failed}"
    );
}

/// node-soap's MTOM calls (its `forceMTOM`, per call): `SaveEMail` with an attachment's bytes
/// in a MIME part of their own, referred to by `xop:Include` (node-soap writes what `$xml`
/// holds as it is), and `GetAttachment` of a large attachment.
fn mtom_calls() -> String {
    let base64 = base64::engine::general_purpose::STANDARD.encode(large());
    format!(
        r#"{{
  "calls": [
    {{"op": "SaveEMail", "args": {{"Email": {{
       "Subject": "with an attachment",
       "Attachments": {{"EMailAttachment": [{{
         "Filename": "blob.bin", "Size": 4096,
         "Stream": {{"$xml": "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:blob-1@node-soap\"/>"}}
       }}]}}}}}},
     "options": {{"forceMTOM": true, "attachments": [
       {{"mimetype": "application/octet-stream", "contentId": "blob-1@node-soap",
        "name": "blob.bin", "base64": "{base64}"}}]}}}},
    {{"op": "GetAttachment", "args": {{"MessageServerId": 1, "AttachmentId": "large"}},
     "options": {{"forceMTOM": true}}}}
  ]
}}"#
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mtom_between_node_soap_client_and_our_server() {
    let Some(node) = NodeSoap::locate("mtom_between_node_soap_client_and_our_server") else {
        return;
    };
    let (handler, server) = Handler::serve().await;
    let url = server.url();
    let calls = mtom_calls();
    let results = tokio::task::spawn_blocking(move || node.client(&email_wsdl(), &url, &calls))
        .await
        .expect("the node-soap client");

    // node-soap's MTOM request: the part's bytes became the attachment's stream.
    let received = handler.received.save_email.lock().expect("lock");
    let email = received[0].body.email.as_ref().expect("the Email");
    assert_eq!(email.subject.as_deref(), Some("with an attachment"));
    let attachments = email.attachments.as_deref().expect("the Attachments");
    assert_eq!(attachments.len(), 1);
    assert_eq!(attachments[0].filename.as_deref(), Some("blob.bin"));
    assert_eq!(attachments[0].stream.as_deref(), Some(&large()[..]));
    // Our answers, MTOM since the requests were: the large values in parts of their own, each
    // referred to from the envelope (node-soap leaves the `xop:Include` in the body, and gives
    // the parts beside it).
    for (result, field) in [
        (
            &results[0],
            &results[0]["body"]["Response"]["Attachments"]["EMailAttachment"][0],
        ),
        (&results[1], &results[1]["body"]["Response"]),
    ] {
        assert_eq!(field["Size"], json!(4096), "{result}");
        let href = field["Stream"]["Include"]["attributes"]["href"]
            .as_str()
            .unwrap_or_else(|| panic!("an xop:Include: {result}"));
        let content_id = format!("<{}>", href.strip_prefix("cid:").expect("a cid: href"));
        let parts = result["attachments"]
            .as_array()
            .unwrap_or_else(|| panic!("the MTOM parts: {result}"));
        let part = parts
            .iter()
            .find(|part| part["headers"]["content-id"] == json!(content_id))
            .unwrap_or_else(|| panic!("no part {content_id}: {result}"));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(part["base64"].as_str().expect("the part's bytes"))
            .expect("base64");
        assert_eq!(bytes, large());
    }
}

/// node-soap's calls in SOAP 1.2 (its `forceSoap12Headers`): `application/soap+xml` with the
/// action in the content type, a 1.2 envelope.
const CALLS_SOAP12: &str = r#"{
  "soap12": true,
  "headers": [
    {"namespace": "http://www.superoffice.net/ws/crm/NetServer/Services82",
     "header": {"ApplicationToken": "app-token Ü & <123>"}},
    {"namespace": "http://www.superoffice.net/ws/crm/NetServer/Services82",
     "header": {"Credentials": {"Ticket": "7T:dGlja2V0=="}}},
    {"namespace": "http://www.superoffice.net/ws/crm/NetServer/Services82",
     "header": {"TimeZone": {"SoTimeZoneId": 27, "SoTimeZoneLocationCode": "NO"}}}
  ],
  "calls": [
    {"op": "RefreshFolder", "args": {
      "ConnectionInfo": {"ServerName": "imap.example.com", "UserName": "anna@example.com",
                         "Password": "pa<ss>&\"word\"", "Folder": "INBOX", "UseSSL": true},
      "Folders": {"string": ["INBOX", "Sent Items", "Ärchiv & <old>"]}}},
    {"op": "GetFolderList", "args": {"IncludeItemCount": true}}
  ]
}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_soap_client_calls_our_server_in_soap12() {
    let Some(node) = NodeSoap::locate("node_soap_client_calls_our_server_in_soap12") else {
        return;
    };
    let (handler, server) = Handler::serve().await;
    let url = server.url();
    let results =
        tokio::task::spawn_blocking(move || node.client(&email_wsdl(), &url, CALLS_SOAP12))
            .await
            .expect("the node-soap client");

    check_refresh_folder(&handler, &results[0]);

    // The handler's fault (`Client`, as written for 1.1) answered in 1.2: `Sender`, HTTP 400.
    let fault = &results[1];
    assert_eq!(fault["status"], json!(400), "{fault}");
    let code = fault["fault"]["Code"]["Value"].as_str().expect("a Code");
    assert_eq!(code.rsplit(':').next(), Some("Sender"), "{fault}");
    // node-soap reads an element with attributes (`xml:lang`) as its attributes and `$value`.
    let text = &fault["fault"]["Reason"]["Text"];
    assert_eq!(text["$value"], json!(LOCKED), "{fault}");
    assert_eq!(text["attributes"]["xml:lang"], json!("en"), "{fault}");
}

/// `RefreshFolder` both ways: the request the server decoded, the answer node-soap decoded.
fn check_refresh_folder(handler: &Handler, result: &Value) {
    let received = handler.received.refresh_folder.lock().expect("lock");
    assert_eq!(received.len(), 1);
    check_refresh_folder_request(&received[0]);

    assert_eq!(result["body"]["Response"], json!(4711), "{result}");
    let headers = &result["headers"];
    assert_eq!(headers["Succeeded"], json!("true"), "{result}");
    assert_eq!(headers["TimeZone"]["SoTimeZoneId"], json!("28"), "{result}");
    assert_eq!(
        headers["TimeZone"]["SoTimeZoneLocationCode"],
        json!("SE"),
        "{result}"
    );
}

/// The envelopes' `Sent` as node-soap's client reads them: into a JavaScript `Date`, which is
/// milliseconds in UTC, so the offset (`+05:30`) and the digits beyond milliseconds are lost
/// (`2024-02-29T23:59:59.1234567+05:30` is `2024-02-29T18:29:59.123Z`). The same instant.
const SENT_AS_JS_DATES: [Option<&str>; 3] = [
    Some("2024-02-29T18:29:59.123Z"),
    None,
    Some("2020-01-01T00:00:00.000Z"),
];

/// `GetAttachment`'s answer as node-soap decoded it: the bytes as base64 text.
fn check_attachment_answer(result: &Value) {
    let attachment = &result["body"]["Response"];
    assert_eq!(attachment["Filename"], json!("report (1).pdf"), "{result}");
    assert_eq!(attachment["Size"], json!(ATTACHMENT.len()), "{result}");
    let stream = attachment["Stream"].as_str().expect("the bytes as base64");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(stream)
        .expect("base64");
    assert_eq!(bytes, ATTACHMENT);
}

// ---- our client, node-soap's server ---------------------------------------------------------

/// node-soap's canned answers, per operation. As text, to keep the fields in schema order.
const ANSWERS: &str = r#"{
  "RefreshFolder": {
    "namespace": "http://www.superoffice.net/ws/crm/NetServer/Services82",
    "headers": {"Succeeded": true, "TimeZone": {"SoTimeZoneId": 27, "SoTimeZoneLocationCode": "NO"}},
    "body": {"Response": 4711}},
  "GetEMailEnvelopes": {
    "body": {"Response": {"EMailEnvelope": [
      {"ServerId": 1, "MessageId": "<id-1@example.com>", "Subject": "Grüße <& \"quotes\"> ]]>",
       "From": {"ContactId": 12, "ContactName": "Contoso & Co", "PersonId": -12, "PersonName": "anna",
                "AssociateId": 0, "Address": "anna@example.com", "EmailId": 2147483647},
       "To": {"EMailAddress": [{"PersonName": "bob", "Address": "bob@example.com"},
                               {"PersonName": "carol", "Address": "carol@example.com"}]},
       "Sent": "2024-02-29T23:59:59.1234567+05:30", "Priority": "High", "Flags": "Seen Flagged",
       "Size": 123456, "EMailSOInfo": {"DocumentId": 5, "Archived": false}},
      {"ServerId": -2, "Subject": "", "To": {"EMailAddress": [{"Address": "dave@example.com"}]},
       "Priority": "Lowest"}
    ]}}},
  "GetAttachment": {
    "body": {"Response": {"Filename": "report (1).pdf", "Size": 7, "Stream": "AAEC/v88Jg=="}}},
  "GetFolderList": {
    "fault": {"faultcode": "soap:Client", "faultstring": "Mailbox is locked & <unavailable>",
              "detail": {"Reason": "locked", "Code": 42}}},
  "Delete": {"error": "plain JS error <&>"},
  "GetFolderEMailCount": {
    "namespace": "http://www.superoffice.net/ws/crm/NetServer/Services82",
    "headers": {"ExceptionInfo": {"Message": "Folder not found: Ünknown", "ExceptionType": "SoException",
                                  "InnerException": {"Message": "inner cause"}},
                "Succeeded": false},
    "body": {"Response": 0}}
}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_node_soap_server() {
    let Some(node) = NodeSoap::locate("our_client_calls_a_node_soap_server") else {
        return;
    };
    let mut server =
        tokio::task::spawn_blocking(move || node.server(&email_wsdl(), PATH, ANSWERS, false))
            .await
            .expect("the node-soap server");
    let agent = EMailAgent::new(server.url(PATH))
        .with_application_token("app-token Ü & <123>".into())
        .with_credentials(SoCredentials {
            ticket: Some("7T:dGlja2V0==".into()),
        })
        .with_time_zone(SoTimeZone {
            so_time_zone_id: Some(27),
            so_time_zone_location_code: Some("NO".into()),
        });

    // RefreshFolder: our request as node-soap decoded it, its answer as we decoded it.
    let reply = agent
        .refresh_folder_message(RefreshFolder {
            connection_info: Some(EMailConnectionInfo {
                server_name: Some("imap.example.com".into()),
                user_name: Some("anna@example.com".into()),
                password: Some("pa<ss>&\"word\"".into()),
                folder: Some("INBOX".into()),
                use_ssl: Some(true),
                ..Default::default()
            }),
            folders: Some(vec![
                "INBOX".into(),
                "Sent Items".into(),
                "Ärchiv & <old>".into(),
            ]),
        })
        .await
        .expect("RefreshFolder answers");
    assert_eq!(reply.body.response, Some(4711));
    assert_eq!(reply.headers.succeeded, Some(true));
    let time_zone = reply.headers.time_zone.expect("the TimeZone header");
    assert_eq!(time_zone.so_time_zone_id, Some(27));
    assert_eq!(time_zone.so_time_zone_location_code.as_deref(), Some("NO"));
    let request = server.next_request("RefreshFolder");
    let headers = &request["headers"];
    assert_eq!(
        headers["ApplicationToken"],
        json!("app-token Ü & <123>"),
        "{request}"
    );
    assert_eq!(
        headers["Credentials"]["Ticket"],
        json!("7T:dGlja2V0=="),
        "{request}"
    );
    // node-soap reads header values as text (without their schema types).
    assert_eq!(
        headers["TimeZone"]["SoTimeZoneId"],
        json!("27"),
        "{request}"
    );
    assert_eq!(
        headers["TimeZone"]["SoTimeZoneLocationCode"],
        json!("NO"),
        "{request}"
    );
    let args = &request["args"];
    assert_eq!(
        args["ConnectionInfo"],
        json!({"ServerName": "imap.example.com", "UserName": "anna@example.com",
               "Password": "pa<ss>&\"word\"", "Folder": "INBOX", "UseSSL": true}),
        "{request}"
    );
    assert_eq!(
        args["Folders"]["string"],
        json!(["INBOX", "Sent Items", "Ärchiv & <old>"]),
        "{request}"
    );

    // GetEMailEnvelopes: an array of nested envelopes.
    let envelopes = agent
        .get_email_envelopes(None, Some(vec![1, -2, i32::MAX]))
        .await
        .expect("GetEMailEnvelopes answers");
    let request = server.next_request("GetEMailEnvelopes");
    assert_eq!(
        request["args"]["MessageServerIds"]["int"],
        json!([1, -2, i32::MAX]),
        "{request}"
    );
    check_envelopes_we_decoded(envelopes.as_deref().expect("the envelopes"));

    // GetAttachment: bytes.
    let attachment = agent
        .get_attachment(None, Some(9), Some("att-1".into()))
        .await
        .expect("GetAttachment answers")
        .expect("the attachment");
    let request = server.next_request("GetAttachment");
    assert_eq!(
        request["args"],
        json!({"MessageServerId": 9, "AttachmentId": "att-1"}),
        "{request}"
    );
    assert_eq!(attachment.filename.as_deref(), Some("report (1).pdf"));
    assert_eq!(attachment.size, Some(7));
    assert_eq!(attachment.stream.as_deref(), Some(ATTACHMENT));

    // GetFolderList: node-soap's thrown fault is a SOAP fault to our client, its detail kept.
    // node-soap answers it with HTTP 200, not the 500 SOAP 1.1 asks for (unless the thrown
    // fault has a `statusCode`); our client reads a fault whatever the status.
    match agent.get_folder_list(None, Some(true)).await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.version, SoapVersion::Soap11);
            assert_eq!(fault.code, "Client");
            assert_eq!(fault.reason, LOCKED);
            let detail = fault.detail.as_deref().expect("the fault's detail");
            assert!(detail.contains(">locked</Reason>"), "{detail}");
            assert!(detail.contains(">42</Code>"), "{detail}");
        }
        other => panic!("expected node-soap's fault, got {other:?}"),
    }
    server.next_request("GetFolderList");

    // Delete: the JavaScript service throws a plain `Error`. node-soap answers HTTP 500 with a
    // SOAP 1.2-shaped fault (`soap:Code/soap:Value` holding `SOAP-ENV:Server`, a prefix it does
    // not declare, and `soap:Reason/soap:Text`) inside a SOAP 1.1 envelope, which has no
    // `faultcode`. Our client reads either version's fault vocabulary in either envelope, so
    // the caller gets the JavaScript error's message as the fault's reason.
    match agent.delete(None, None, None).await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.version, SoapVersion::Soap11);
            assert_eq!(fault.code, "Server");
            // node-soap writes the exception as JavaScript prints it.
            assert_eq!(fault.reason, "Error: plain JS error <&>");
        }
        other => panic!("expected node-soap's fault, got {other:?}"),
    }
    server.next_request("Delete");

    // GetFolderEMailCount: NetServer's failure headers are a service error to our client.
    match agent.get_folder_email_count(None, Some(false)).await {
        Err(Error::Service(info)) => {
            assert_eq!(info.message.as_deref(), Some("Folder not found: Ünknown"));
            assert_eq!(info.exception_type.as_deref(), Some("SoException"));
            let inner = info.inner_exception.as_ref().expect("the inner exception");
            assert_eq!(inner.message.as_deref(), Some("inner cause"));
        }
        other => panic!("expected the service failure, got {other:?}"),
    }
    let request = server.next_request("GetFolderEMailCount");
    assert_eq!(request["args"], json!({"OnlyUnread": false}), "{request}");
}

/// The envelopes our client decoded from node-soap's answer, field by field against
/// [`ANSWERS`].
fn check_envelopes_we_decoded(envelopes: &[EMailEnvelope]) {
    assert_eq!(envelopes.len(), 2, "{envelopes:?}");
    let first = &envelopes[0];
    assert_eq!(first.server_id, Some(1));
    assert_eq!(first.message_id.as_deref(), Some("<id-1@example.com>"));
    assert_eq!(first.subject.as_deref(), Some("Grüße <& \"quotes\"> ]]>"));
    let from = first.from.as_ref().expect("From");
    assert_eq!(from.contact_id, Some(12));
    assert_eq!(from.contact_name.as_deref(), Some("Contoso & Co"));
    assert_eq!(from.person_id, Some(-12));
    assert_eq!(from.person_name.as_deref(), Some("anna"));
    assert_eq!(from.associate_id, Some(0));
    assert_eq!(from.address.as_deref(), Some("anna@example.com"));
    assert_eq!(from.email_id, Some(i32::MAX));
    let to: Vec<_> = first
        .to
        .as_ref()
        .expect("To")
        .iter()
        .map(|a| (a.person_name.as_deref(), a.address.as_deref()))
        .collect();
    assert_eq!(
        to,
        [
            (Some("bob"), Some("bob@example.com")),
            (Some("carol"), Some("carol@example.com"))
        ]
    );
    assert_eq!(
        first.sent.as_ref().map(|s| s.as_str()),
        Some("2024-02-29T23:59:59.1234567+05:30")
    );
    assert_eq!(first.priority, Some(EMailPriority::High));
    assert_eq!(
        first.flags,
        Some([EMailFlag::Seen, EMailFlag::Flagged].into())
    );
    assert_eq!(first.size, Some(123_456));
    let info = first.email_so_info.as_ref().expect("EMailSOInfo");
    assert_eq!(info.document_id, Some(5));
    assert_eq!(info.archived, Some(false));
    assert_eq!(info.appointment_id, None);

    let second = &envelopes[1];
    assert_eq!(second.server_id, Some(-2));
    assert_eq!(second.subject.as_deref(), Some(""));
    assert_eq!(second.message_id, None);
    assert_eq!(second.from, None);
    let to = second.to.as_ref().expect("To");
    assert_eq!(to.len(), 1);
    assert_eq!(to[0].address.as_deref(), Some("dave@example.com"));
    assert_eq!(second.priority, Some(EMailPriority::Lowest));
    assert_eq!(second.sent, None);
}
