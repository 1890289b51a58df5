//! The JAX-WS Reference Implementation (Metro 2.3, Java's SOAP stack, nobody here wrote it)
//! against the generated EMail bindings, over HTTP on 127.0.0.1, each side a real process, both
//! reading the project's `wsdl/services82/EMail.wsdl`, the Java side on the stubs `wsimport`
//! makes of it at test time, values checked field by field here, from the JSON the Java programs
//! print:
//! - JAX-WS's client (`tests/oracles/java/EMailClient.java`) calls the generated server: the
//!   server decodes JAX-WS's requests (SOAP headers `ApplicationToken`, `Credentials`,
//!   `TimeZone` included) to the values JAX-WS was given, and JAX-WS decodes the answers (an
//!   int, an array of nested envelopes with dates and enums, bytes, response headers, a SOAP
//!   fault, NetServer's failure headers) to the values the handler returned;
//! - the generated client calls a JAX-WS service (`tests/oracles/java/EMailServer.java`, an
//!   `Endpoint` extending the skeleton wsimport makes of the port type): JAX-WS decodes our
//!   requests (headers, nested arrays, an e-mail with bytes, dates, an inherited field) to the
//!   values we sent, and our client decodes its answers, an exception it throws as a fault, and
//!   its failure headers as `Error::Service`;
//! - MTOM both ways: JAX-WS's client with its `MTOMFeature` (`EMailMtomClient.java`) sends an
//!   attachment in a MIME part to our server and reads our MTOM answers' parts, and our client's
//!   MTOM request reaches a JAX-WS service with MTOM on, whose MTOM answer our client reads.
//!
//! Declared faults read as typed exceptions and typed details, and SOAP 1.2, are in
//! `tests/corpus/tests/oracle_jaxws.rs` (EMail.wsdl declares no fault and has no 1.2 binding).
//! `scripts/test.sh` installs the JAX-WS RI (see `end_to_end::jaxws`); without it these tests
//! are skipped loudly, and fail in CI.
//!
//! Where JAX-WS needs help with EMail.wsdl: JAXB (wsimport's schema compiler) names the factory
//! methods of the nillable local element `SoExceptionInfo/Parameters` and of the global element
//! `SoExceptionInfoParameters` alike and stops at the clash, so `tests/oracles/java/
//! email-bindings.xml` renames one (a limit of JAXB's naming, the schema is valid). And the SOAP
//! headers become parameters of the port's methods only with `wsimport -XadditionalHeaders`
//! (JAX-WS binds only headers from the operation's own input and output messages by default;
//! EMail.wsdl declares them in messages of their own, as WSDL 1.1 allows).

mod email_peer;

use base64::Engine as _;
use email_peer::{
    address, check_address, check_envelopes, check_refresh_folder_request, check_request_headers,
    envelopes, large, Handler, ListAs, ATTACHMENT, LOCKED,
};
use end_to_end::email_wsdl;
use end_to_end::jaxws::{Contract, Jaxws};
use serde_json::{json, Value};
use services82_email::*;
use soap_runtime::mtom::Mtom;
use soap_runtime::{Client, Error, SoapVersion};

/// EMail.wsdl for wsimport, with the programs on its stubs.
fn contract() -> Contract {
    Contract {
        package: "email",
        wsdl: email_wsdl(),
        bindings: Some("email-bindings.xml"),
        soap12: false,
        sources: &[
            "Json.java",
            "Faults.java",
            "EMailClient.java",
            "EMailServer.java",
            "EMailMtomClient.java",
        ],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jaxws_client_calls_our_server() {
    let Some(jaxws) = Jaxws::locate("jaxws_client_calls_our_server") else {
        return;
    };
    let (handler, server) = Handler::serve().await;
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || {
        jaxws
            .compile(&contract())
            .client("EMailClient", &[url.as_str()])
    })
    .await
    .expect("the JAX-WS client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 5, "{results:?}");

    // RefreshFolder: JAX-WS's request, headers and nested values, as our server decoded it.
    let received = handler.received.refresh_folder.lock().expect("lock");
    check_refresh_folder_request(&received[0]);
    // Its answer as JAX-WS decoded it: the int, and the response headers into their holders.
    let refreshed = &results[0];
    assert_eq!(refreshed["op"], json!("RefreshFolder"), "{refreshed}");
    assert_eq!(refreshed["body"], json!(4711), "{refreshed}");
    check_succeeded(&refreshed["headers"]);

    // GetEMailEnvelopes: an array of ints in, an array of nested envelopes out.
    let received = handler.received.get_email_envelopes.lock().expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.connection_info, None);
    assert_eq!(
        received[0].body.message_server_ids,
        Some(vec![1, -2, i32::MAX])
    );
    check_envelopes(
        &results[1]["body"]["EMailEnvelope"],
        |i| json!(envelopes()[i].sent.as_ref().map(|sent| sent.as_str())),
        ListAs::Array,
    );
    check_succeeded(&results[1]["headers"]);

    // GetAttachment: bytes.
    let received = handler.received.get_attachment.lock().expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.message_server_id, Some(9));
    assert_eq!(received[0].body.attachment_id.as_deref(), Some("att-1"));
    let attachment = &results[2]["body"];
    assert_eq!(
        attachment["Filename"],
        json!("report (1).pdf"),
        "{attachment}"
    );
    assert_eq!(attachment["Size"], json!(ATTACHMENT.len()), "{attachment}");
    let stream = attachment["Stream"].as_str().expect("the bytes as base64");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(stream)
        .expect("base64");
    assert_eq!(bytes, ATTACHMENT);
    // No header answered: JAX-WS leaves the in-out TimeZone holder as sent, the others unset.
    assert_eq!(
        results[2]["headers"],
        json!({
            "TimeZone": {"SoTimeZoneId": 27, "SoTimeZoneLocationCode": "NO"},
            "ExceptionInfo": null,
            "ExtraInfo": null,
            "Succeeded": null,
        }),
        "{}",
        results[2]
    );

    // GetFolderList: the handler's fault, which EMail.wsdl does not declare, is JAX-WS's
    // SOAPFaultException with the SOAP 1.1 code and string.
    let received = handler.received.get_folder_list.lock().expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.include_item_count, Some(true));
    let fault = &results[3]["fault"];
    assert_eq!(
        fault["code"],
        json!({"ns": "http://schemas.xmlsoap.org/soap/envelope/", "local": "Client"}),
        "{fault}"
    );
    assert_eq!(fault["string"], json!(LOCKED), "{fault}");
    assert_eq!(fault["detail"], Value::Null, "{fault}");

    // GetFolderEMailCount: NetServer's failure headers reach JAX-WS's holders, nested.
    let received = handler
        .received
        .get_folder_email_count
        .lock()
        .expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.only_unread, Some(false));
    let failed = &results[4];
    assert_eq!(failed["body"], json!(0), "{failed}");
    let headers = &failed["headers"];
    assert_eq!(headers["Succeeded"], json!(false), "{failed}");
    assert_eq!(
        headers["ExceptionInfo"],
        json!({
            "Message": "Folder not found: Ünknown",
            "ExceptionType": "SoException",
            "InnerException": {"Message": "inner cause"},
        }),
        "{failed}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mtom_between_jaxws_client_and_our_server() {
    let Some(jaxws) = Jaxws::locate("mtom_between_jaxws_client_and_our_server") else {
        return;
    };
    let (handler, server) = Handler::serve().await;
    let url = server.url();
    let results = tokio::task::spawn_blocking(move || {
        jaxws
            .compile(&contract())
            .client("EMailMtomClient", &[url.as_str()])
    })
    .await
    .expect("the JAX-WS client");

    // JAX-WS's MTOM request: the part's bytes became the attachment's stream.
    let received = handler.received.save_email.lock().expect("lock");
    let email = received[0].body.email.as_ref().expect("the Email");
    assert_eq!(email.subject.as_deref(), Some("with an attachment"));
    let attachments = email.attachments.as_deref().expect("the Attachments");
    assert_eq!(attachments.len(), 1);
    assert_eq!(attachments[0].filename.as_deref(), Some("blob.bin"));
    assert_eq!(attachments[0].size, Some(4096));
    assert_eq!(attachments[0].stream.as_deref(), Some(&large()[..]));

    // Our answers, MTOM since the requests were, as JAX-WS decoded them: the bytes from the
    // parts (JAX-WS resolves the `xop:Include`).
    let base64 = base64::engine::general_purpose::STANDARD.encode(large());
    for (result, attachment) in [
        (
            &results[0],
            &results[0]["body"]["Attachments"]["EMailAttachment"][0],
        ),
        (&results[1], &results[1]["body"]),
    ] {
        let content_type = result["contentType"].as_str().expect("a content type");
        assert!(
            content_type.starts_with("multipart/related")
                && content_type.contains("application/xop+xml"),
            "{result}"
        );
        assert_eq!(attachment["Size"], json!(4096), "{result}");
        assert_eq!(attachment["Stream"], json!(base64), "{result}");
    }
}

/// [`succeeded`]'s headers as JAX-WS decoded them into its holders (typed: a boolean, an int).
fn check_succeeded(headers: &Value) {
    assert_eq!(
        headers,
        &json!({
            "TimeZone": {"SoTimeZoneId": 28, "SoTimeZoneLocationCode": "SE"},
            "ExceptionInfo": null,
            "ExtraInfo": null,
            "Succeeded": true,
        })
    );
}

// ---- our client, JAX-WS's service -----------------------------------------------------------

/// The path the JAX-WS service is published at.
const PATH: &str = "/Remote/Services82/EMail.svc";

/// The e-mail our client saves, and JAX-WS's service answers back: nested arrays (addresses,
/// custom headers with their values), bytes, a date, flags, a field inherited from `Carrier`.
fn email() -> EMailEntity {
    EMailEntity {
        base: Carrier {
            table_right: Some(TableRight {
                reason: Some("inherited <&>".into()),
                ..Default::default()
            }),
            ..Default::default()
        },
        to: Some(vec![address("bob", 13), address("carol", 14)]),
        subject: Some("Grüße <& \"quotes\"> ]]>".into()),
        from: Some(address("anna", 12)),
        sent: Some(
            "2024-02-29T23:59:59.1234567+05:30"
                .parse()
                .expect("a dateTime"),
        ),
        priority: Some(EMailPriority::Highest),
        flags: Some([EMailFlag::Seen, EMailFlag::Answered].into()),
        is_sent: Some(false),
        attachments: Some(vec![EMailAttachment {
            filename: Some("report (1).pdf".into()),
            size: Some(ATTACHMENT.len() as i32),
            stream: Some(ATTACHMENT.to_vec()),
            ..Default::default()
        }]),
        custom_header_list: Some(vec![EMailCustomHeader {
            name: Some("X-Tags".into()),
            values: Some(vec!["a".into(), "b <&>".into()]),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_jaxws_service() {
    let Some(jaxws) = Jaxws::locate("our_client_calls_a_jaxws_service") else {
        return;
    };
    let mut server = tokio::task::spawn_blocking(move || {
        jaxws.compile(&contract()).server("EMailServer", &[PATH])
    })
    .await
    .expect("the JAX-WS service");
    let agent = EMailAgent::new(server.url(PATH))
        .with_application_token("app-token Ü & <123>".into())
        .with_credentials(SoCredentials {
            ticket: Some("7T:dGlja2V0==".into()),
        })
        .with_time_zone(SoTimeZone {
            so_time_zone_id: Some(27),
            so_time_zone_location_code: Some("NO".into()),
        });
    // The request headers as JAX-WS decoded them (typed: the id is an int).
    let request_headers = json!({
        "ApplicationToken": "app-token Ü & <123>",
        "Credentials": {"Ticket": "7T:dGlja2V0=="},
        "TimeZone": {"SoTimeZoneId": 27, "SoTimeZoneLocationCode": "NO"},
    });

    // RefreshFolder: our request as JAX-WS decoded it, its answer and headers as we did.
    let reply = agent
        .refresh_folder_message(RefreshFolder {
            connection_info: Some(EMailConnectionInfo {
                server_name: Some("imap.example.com".into()),
                password: Some("pa<ss>&\"word\"".into()),
                use_ssl: Some(true),
                ..Default::default()
            }),
            folders: Some(vec!["INBOX".into(), "Ärchiv & <old>".into()]),
        })
        .await;
    let request = server.next_request("RefreshFolder");
    assert_eq!(request["headers"], request_headers, "{request}");
    assert_eq!(
        request["body"],
        json!({
            "ConnectionInfo": {"ServerName": "imap.example.com",
                               "Password": "pa<ss>&\"word\"", "UseSSL": true},
            "Folders": {"string": ["INBOX", "Ärchiv & <old>"]},
        }),
        "{request}"
    );
    let reply = reply.expect("RefreshFolder answers");
    assert_eq!(reply.body.response, Some(4711));
    assert_eq!(reply.headers.succeeded, Some(true));
    let time_zone = reply.headers.time_zone.expect("the TimeZone header");
    assert_eq!(time_zone.so_time_zone_id, Some(28));
    assert_eq!(time_zone.so_time_zone_location_code.as_deref(), Some("SE"));

    // GetEMailEnvelopes: an array of ints in, JAX-WS's nested envelopes out.
    let envelopes = agent
        .get_email_envelopes(None, Some(vec![1, -2, i32::MAX]))
        .await;
    let request = server.next_request("GetEMailEnvelopes");
    assert_eq!(
        request["body"],
        json!({"ConnectionInfo": null, "MessageServerIds": {"int": [1, -2, i32::MAX]}}),
        "{request}"
    );
    let envelopes = envelopes
        .expect("GetEMailEnvelopes answers")
        .expect("the envelopes");
    let mut expected = self::envelopes();
    // The service answers the first two of ours, the second's address with every field.
    expected.truncate(2);
    expected[1].to = Some(vec![address("dave", 15)]);
    assert_eq!(envelopes, expected);

    // GetAttachment: bytes.
    let attachment = agent
        .get_attachment(None, Some(9), Some("att-1".into()))
        .await;
    let request = server.next_request("GetAttachment");
    assert_eq!(
        request["body"],
        json!({"MessageServerId": 9, "AttachmentId": "att-1"}),
        "{request}"
    );
    let attachment = attachment
        .expect("GetAttachment answers")
        .expect("the attachment");
    assert_eq!(attachment.filename.as_deref(), Some("report (1).pdf"));
    assert_eq!(attachment.size, Some(ATTACHMENT.len() as i32));
    assert_eq!(attachment.stream.as_deref(), Some(ATTACHMENT));

    // SaveEMail: the e-mail as JAX-WS decoded it, and back as we decode JAX-WS's answer.
    let saved = agent.save_email(None, Some(email())).await;
    let request = server.next_request("SaveEMail");
    let java = &request["body"]["Email"];
    assert_eq!(
        java["TableRight"],
        json!({"Reason": "inherited <&>"}),
        "{request}"
    );
    assert_eq!(
        java["Subject"],
        json!("Grüße <& \"quotes\"> ]]>"),
        "{request}"
    );
    check_address(&java["From"], Some(&address("anna", 12)));
    let to = java["To"]["EMailAddress"]
        .as_array()
        .unwrap_or_else(|| panic!("the addresses: {request}"));
    assert_eq!(to.len(), 2, "{request}");
    check_address(&to[0], Some(&address("bob", 13)));
    check_address(&to[1], Some(&address("carol", 14)));
    assert_eq!(
        java["Sent"],
        json!("2024-02-29T23:59:59.1234567+05:30"),
        "{request}"
    );
    assert_eq!(java["Priority"], json!("Highest"), "{request}");
    assert_eq!(java["Flags"], json!(["Seen", "Answered"]), "{request}");
    assert_eq!(java["IsSent"], json!(false), "{request}");
    let base64 = base64::engine::general_purpose::STANDARD.encode(ATTACHMENT);
    assert_eq!(
        java["Attachments"],
        json!({"EMailAttachment": [{"Filename": "report (1).pdf", "Size": ATTACHMENT.len(),
                                    "Stream": base64}]}),
        "{request}"
    );
    assert_eq!(
        java["CustomHeaderList"],
        json!({"EMailCustomHeader": [{"Name": "X-Tags", "Values": {"string": ["a", "b <&>"]}}]}),
        "{request}"
    );
    assert_eq!(saved.expect("SaveEMail answers"), Some(email()));

    // GetFolderList: the Java service throws; JAX-WS answers a SOAP 1.1 Server fault.
    match agent.get_folder_list(None, Some(true)).await {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.version, SoapVersion::Soap11);
            assert_eq!(fault.code, "Server");
            assert_eq!(fault.reason, LOCKED);
        }
        other => panic!("expected JAX-WS's fault, got {other:?}"),
    }
    let request = server.next_request("GetFolderList");
    assert_eq!(
        request["body"],
        json!({"IncludeItemCount": true}),
        "{request}"
    );

    // GetFolderEMailCount: NetServer's failure headers from JAX-WS's holders are a service
    // error to our client.
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
    assert_eq!(request["body"], json!({"OnlyUnread": false}), "{request}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_sends_mtom_to_a_jaxws_service() {
    let Some(jaxws) = Jaxws::locate("our_client_sends_mtom_to_a_jaxws_service") else {
        return;
    };
    let mut server = tokio::task::spawn_blocking(move || {
        jaxws
            .compile(&contract())
            .server("EMailServer", &[PATH, "mtom"])
    })
    .await
    .expect("the JAX-WS service");
    let agent = EMailAgent::with_client(Client::new(server.url(PATH)).with_mtom(Mtom::DEFAULT));
    let email = EMailEntity {
        subject: Some("with an attachment".into()),
        attachments: Some(vec![EMailAttachment {
            filename: Some("blob.bin".into()),
            size: Some(4096),
            stream: Some(large()),
            ..Default::default()
        }]),
        ..Default::default()
    };
    // Our MTOM request as JAX-WS decoded it: the part's bytes as the attachment's stream; its
    // answer (MTOM, as JAX-WS answers an MTOM request when the feature is on: the same e-mail,
    // its bytes in a part) as our client decoded it.
    let saved = agent.save_email(None, Some(email.clone())).await;
    let request = server.next_request("SaveEMail");
    let base64 = base64::engine::general_purpose::STANDARD.encode(large());
    assert_eq!(
        request["body"]["Email"]["Attachments"],
        json!({"EMailAttachment": [{"Filename": "blob.bin", "Size": 4096, "Stream": base64}]}),
        "{request}"
    );
    assert_eq!(saved.expect("SaveEMail answers"), Some(email));
}
