//! The generated EMail client against the generated EMail server over real HTTP on 127.0.0.1.

use std::sync::{Arc, Mutex};

use end_to_end::shared::shared_material;
use services82_email::*;
use soap_runtime::client::{CannedTransport, HttpRequest, Transport};
use soap_runtime::{DateTime, Error, Fault, Message, OrderedMap, SoapVersion};

/// Records what the server received and answers with canned values.
#[derive(Default)]
struct Recorder {
    refresh: Mutex<Vec<Message<RequestHeaders, RefreshFolder>>>,
    sent: Mutex<Vec<Message<RequestHeaders, SendEMails>>>,
    envelopes: Vec<EMailEnvelope>,
}

fn ok<B>(body: B) -> Result<Message<ResponseHeaders, B>, Fault> {
    Ok(Message {
        headers: ResponseHeaders {
            succeeded: Some(true),
            ..Default::default()
        },
        body,
    })
}

impl EMailService for Recorder {
    async fn refresh_folder(
        &self,
        request: Message<RequestHeaders, RefreshFolder>,
    ) -> Result<Message<ResponseHeaders, RefreshFolderResponse>, Fault> {
        self.refresh.lock().unwrap().push(request);
        ok(RefreshFolderResponse {
            response: Some(4711),
        })
    }

    async fn get_email_envelopes(
        &self,
        request: Message<RequestHeaders, GetEMailEnvelopes>,
    ) -> Result<Message<ResponseHeaders, GetEMailEnvelopesResponse>, Fault> {
        assert_eq!(request.body.message_server_ids, Some(vec![1, -2, i32::MAX]));
        ok(GetEMailEnvelopesResponse {
            response: Some(self.envelopes.clone()),
        })
    }

    async fn send_emails(
        &self,
        request: Message<RequestHeaders, SendEMails>,
    ) -> Result<Message<ResponseHeaders, SendEMailsResponse>, Fault> {
        let emails = request.body.emails.clone();
        self.sent.lock().unwrap().push(request);
        ok(SendEMailsResponse { response: emails })
    }

    async fn get_folder_list(
        &self,
        _request: Message<RequestHeaders, GetFolderList>,
    ) -> Result<Message<ResponseHeaders, GetFolderListResponse>, Fault> {
        Err(Fault::sender(
            SoapVersion::Soap11,
            "Mailbox is locked & unavailable",
        ))
    }

    async fn get_folder_email_count(
        &self,
        _request: Message<RequestHeaders, GetFolderEMailCount>,
    ) -> Result<Message<ResponseHeaders, GetFolderEMailCountResponse>, Fault> {
        Ok(Message {
            headers: ResponseHeaders {
                succeeded: Some(false),
                exception_info: Some(SoExceptionInfo {
                    message: Some("Folder not found: Ünknown".into()),
                    exception_type: Some("SoException".into()),
                    inner_exception: Some(Box::new(SoExceptionInfo {
                        message: Some("inner cause".into()),
                        ..Default::default()
                    })),
                    parameters: Some(OrderedMap::from([(
                        "folder".to_string(),
                        Some("Ünknown".to_string()),
                    )])),
                    ..Default::default()
                }),
                ..Default::default()
            },
            body: GetFolderEMailCountResponse::default(),
        })
    }
}

fn connection_info() -> EMailConnectionInfo {
    EMailConnectionInfo {
        server_name: Some("imap.example.com".into()),
        user_name: Some("anna@example.com".into()),
        password: Some("pa<ss>&\"word\"".into()),
        folder: Some("INBOX".into()),
        use_ssl: Some(true),
        ..Default::default()
    }
}

fn address(name: &str) -> EMailAddress {
    EMailAddress {
        contact_id: Some(12),
        contact_name: Some("Contoso & Co".into()),
        person_id: Some(-1),
        person_name: Some(name.into()),
        associate_id: Some(0),
        address: Some(format!("{name}@example.com")),
        email_id: Some(99),
        ..Default::default()
    }
}

fn field_properties() -> FieldPropertyDictionary {
    OrderedMap::from([
        (
            "subject".to_string(),
            Some(FieldProperty {
                field_right: Some(FieldRight {
                    mask: Some([EFieldRightFlag::Read, EFieldRightFlag::Write].into()),
                    reason: Some(String::new()),
                }),
                field_type: Some("System.String".into()),
                field_length: Some(255),
            }),
        ),
        ("nil value".to_string(), None),
    ])
}

fn envelopes() -> Vec<EMailEnvelope> {
    vec![
        EMailEnvelope {
            base: Carrier {
                table_right: Some(TableRight {
                    mask: Some(
                        [
                            ETableRightFlag::Select,
                            ETableRightFlag::Update,
                            ETableRightFlag::Unrecognized("Future".into()),
                        ]
                        .into(),
                    ),
                    reason: None,
                }),
                field_properties: Some(field_properties()),
            },
            server_id: Some(1),
            message_id: Some("<id-1@example.com>".into()),
            subject: Some("Grüße <& \"quotes\">".into()),
            from: Some(address("anna")),
            to: Some(vec![address("bob"), address("carol")]),
            sent: Some("2024-02-29T23:59:59.1234567+05:30".parse().unwrap()),
            priority: Some(EMailPriority::High),
            flags: Some([EMailFlag::Seen, EMailFlag::Flagged].into()),
            size: Some(123_456),
            email_so_info: Some(EMailSOInfo {
                document_id: Some(5),
                archived: Some(false),
                ..Default::default()
            }),
        },
        EMailEnvelope {
            server_id: Some(2),
            sent: Some("2021-03-25T21:34:45Z".parse().unwrap()),
            priority: Some(EMailPriority::Unrecognized("Urgent".into())),
            flags: Some(Default::default()),
            to: Some(vec![]),
            subject: Some(String::new()),
            ..Default::default()
        },
        EMailEnvelope {
            sent: Some("2020-01-01T00:00:00".parse().unwrap()),
            ..Default::default()
        },
    ]
}

async fn start(recorder: Recorder) -> (Arc<Recorder>, soap_runtime::Server, EMailAgent) {
    let recorder = Arc::new(recorder);
    let server = EMailServer::shared(recorder.clone())
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    assert!(server.url().ends_with("/Remote/Services82/EMail.svc"));
    let agent = EMailAgent::new(server.url())
        .with_application_token("app-token-123".into())
        .with_credentials(SoCredentials {
            ticket: Some("7T:ticket==".into()),
        });
    (recorder, server, agent)
}

#[tokio::test]
async fn refresh_folder_round_trip() {
    let (recorder, server, agent) = start(Recorder::default()).await;
    let folders = vec![
        "Inbox/Ü & <x>".to_string(),
        String::new(),
        "Sent Items".to_string(),
    ];
    let batch = agent
        .refresh_folder(Some(connection_info()), Some(folders.clone()))
        .await
        .unwrap();
    assert_eq!(batch, 4711);

    let received = recorder.refresh.lock().unwrap().pop().unwrap();
    assert_eq!(received.body.connection_info, Some(connection_info()));
    let info = received.body.connection_info.unwrap();
    assert_eq!(info.server_name.as_deref(), Some("imap.example.com"));
    assert_eq!(info.user_name.as_deref(), Some("anna@example.com"));
    assert_eq!(info.password.as_deref(), Some("pa<ss>&\"word\""));
    assert_eq!(info.folder.as_deref(), Some("INBOX"));
    assert_eq!(info.use_ssl, Some(true));
    assert_eq!(received.body.folders, Some(folders));
    assert_eq!(
        received.headers.application_token.as_deref(),
        Some("app-token-123")
    );
    assert_eq!(
        received
            .headers
            .credentials
            .and_then(|c| c.ticket)
            .as_deref(),
        Some("7T:ticket==")
    );
    server.shutdown().await;
}

#[tokio::test]
async fn get_email_envelopes_round_trip() {
    let (_recorder, server, agent) = start(Recorder {
        envelopes: envelopes(),
        ..Default::default()
    })
    .await;
    let reply = agent
        .get_email_envelopes_message(GetEMailEnvelopes {
            connection_info: Some(connection_info()),
            message_server_ids: Some(vec![1, -2, i32::MAX]),
        })
        .await
        .unwrap();
    assert_eq!(reply.headers.succeeded, Some(true));
    let got = reply.body.response.unwrap();
    assert_eq!(got, envelopes());
    assert_eq!(
        got[0].sent.as_ref().unwrap().as_str(),
        "2024-02-29T23:59:59.1234567+05:30"
    );
    assert_eq!(
        got[1].priority,
        Some(EMailPriority::Unrecognized("Urgent".into()))
    );
    let flags = got[0].flags.as_ref().unwrap();
    assert!(
        flags.contains(&EMailFlag::Seen) && flags.contains(&EMailFlag::Flagged) && flags.len() == 2
    );
    server.shutdown().await;
}

#[tokio::test]
async fn send_emails_round_trip() {
    let (recorder, server, agent) = start(Recorder::default()).await;
    let all_bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let email = EMailEntity {
        to: Some(vec![address("bob")]),
        cc: Some(vec![]),
        bcc: None,
        subject: Some("Report\r\nline two\ttab".into()),
        html_body: Some("<p>Hello &amp; welcome</p>".into()),
        from: Some(address("anna")),
        sent: Some(DateTime::default()),
        size: Some(70_000),
        priority: Some(EMailPriority::Lowest),
        flags: Some([EMailFlag::Draft].into()),
        attachments: Some(vec![
            EMailAttachment {
                description: Some("binary".into()),
                filename: Some("data.bin".into()),
                size: Some(70_000),
                r#type: Some("application/octet-stream".into()),
                stream: Some(all_bytes.clone()),
                ..Default::default()
            },
            EMailAttachment {
                filename: Some("empty.txt".into()),
                stream: Some(vec![]),
                ..Default::default()
            },
        ]),
        custom_header_list: Some(vec![EMailCustomHeader {
            name: Some("X-Tags".into()),
            values: Some(vec!["a".into(), "".into(), "ü & <b>".into()]),
            ..Default::default()
        }]),
        base: Carrier {
            field_properties: Some(field_properties()),
            ..Default::default()
        },
        ..Default::default()
    };
    let echoed = agent
        .send_emails(Some(connection_info()), Some(vec![email.clone()]), None)
        .await
        .unwrap();
    assert_eq!(echoed, Some(vec![email.clone()]));
    let received = recorder.sent.lock().unwrap().pop().unwrap();
    let got = &received.body.emails.as_ref().unwrap()[0];
    assert_eq!(
        got.attachments.as_ref().unwrap()[0].stream.as_deref(),
        Some(&all_bytes[..])
    );
    assert_eq!(got.custom_header_list, email.custom_header_list);
    assert_eq!(got.field_properties, Some(field_properties()));
    assert_eq!(received.body.sent_items_connection_info, None);
    server.shutdown().await;
}

#[tokio::test]
async fn soap_fault_becomes_a_typed_error() {
    let (_recorder, server, agent) = start(Recorder::default()).await;
    let err = agent
        .get_folder_list(Some(connection_info()), Some(true))
        .await
        .unwrap_err();
    match err {
        Error::Fault(fault) => {
            assert_eq!(fault.code, "Client");
            assert_eq!(fault.reason, "Mailbox is locked & unavailable");
        }
        other => panic!("expected a fault, got {other:?}"),
    }
    // Operations the service does not implement answer a "not implemented" fault.
    let err = agent.get_folder_info(None, None).await.unwrap_err();
    assert!(
        matches!(&err, Error::Fault(f) if f.reason.contains("GetFolderInfo is not implemented")),
        "{err}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn header_reported_failure_becomes_a_service_error() {
    let (_recorder, server, agent) = start(Recorder::default()).await;
    let err = agent
        .get_folder_email_count(None, Some(false))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the service reported a failure: Folder not found: Ünknown"
    );
    match err {
        Error::Service(info) => {
            assert_eq!(info.exception_type.as_deref(), Some("SoException"));
            assert_eq!(
                info.inner_exception.unwrap().message.as_deref(),
                Some("inner cause")
            );
            assert_eq!(
                info.parameters.unwrap().get("folder"),
                Some(&Some("Ünknown".to_string()))
            );
        }
        other => panic!("expected a service failure, got {other:?}"),
    }
    server.shutdown().await;
}

/// SuperOffice's sample `name`, or `None` (the test skipped loudly) when the shared folder is
/// absent.
fn sample(test: &str, name: &str) -> Option<Vec<u8>> {
    let path = shared_material(test, &format!("samples/services82/EMail/{name}"))?;
    Some(std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[tokio::test]
async fn superoffice_request_sample_is_accepted() {
    let Some(request) = sample(
        "superoffice_request_sample_is_accepted",
        "RefreshFolder.request.xml",
    ) else {
        return;
    };
    let (recorder, server, _agent) = start(Recorder::default()).await;
    let transport = soap_runtime::HttpTransport::new();
    let answer = transport
        .send(HttpRequest {
            url: server.url(),
            content_type: "application/soap+xml; charset=utf-8".into(),
            soap_action: None,
            body: request,
        })
        .await
        .unwrap();
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let received = recorder.refresh.lock().unwrap().pop().unwrap();
    assert_eq!(
        received.headers.application_token.as_deref(),
        Some("1234567-1234-9876")
    );
    assert_eq!(
        received
            .headers
            .credentials
            .and_then(|c| c.ticket)
            .as_deref(),
        Some("7T:1234abcxyzExample==")
    );
    let info = received.body.connection_info.unwrap();
    assert_eq!(
        (
            info.server_name.as_deref(),
            info.user_name.as_deref(),
            info.password.as_deref(),
            info.folder.as_deref()
        ),
        (Some(""), Some(""), Some(""), Some(""))
    );
    assert_eq!(info.use_ssl, Some(false));
    assert_eq!(received.body.folders, Some(vec![String::new()]));
    // The answer is in the request's envelope version.
    assert!(
        String::from_utf8_lossy(&answer.body).contains("http://www.w3.org/2003/05/soap-envelope")
    );
    server.shutdown().await;
}

#[tokio::test]
async fn superoffice_response_sample_is_decoded() {
    const TEST: &str = "superoffice_response_sample_is_decoded";
    let (Some(refresh_xml), Some(envelopes_xml)) = (
        sample(TEST, "RefreshFolder.response.xml"),
        sample(TEST, "GetEMailEnvelopes.response.xml"),
    ) else {
        return;
    };
    let client = soap_runtime::Client::with_transport(
        "http://unused.invalid/",
        Arc::new(CannedTransport::ok(
            "application/soap+xml; charset=utf-8",
            refresh_xml,
        )),
    );
    let agent = EMailAgent::with_client(client);
    assert_eq!(agent.refresh_folder(None, None).await.unwrap(), 0);
    let client = soap_runtime::Client::with_transport(
        "http://unused.invalid/",
        Arc::new(CannedTransport::ok(
            "application/soap+xml; charset=utf-8",
            envelopes_xml,
        )),
    );
    let envelopes = EMailAgent::with_client(client)
        .get_email_envelopes(None, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(envelopes.len(), 1);
    assert_eq!(
        envelopes[0].sent.as_ref().unwrap().as_str(),
        "2021-03-25T21:34:45Z"
    );
    assert_eq!(envelopes[0].flags, Some([EMailFlag::Seen].into()));
    assert_eq!(envelopes[0].to.as_ref().unwrap().len(), 1);
}

#[test]
fn secrets_are_redacted_in_debug() {
    let agent = EMailAgent::new("http://127.0.0.1:1/")
        .with_application_token("app-token-SECRET".into())
        .with_credentials(SoCredentials {
            ticket: Some("ticket-SECRET".into()),
        });
    let info = EMailConnectionInfo {
        password: Some("password-SECRET".into()),
        ..Default::default()
    };
    let extended = EMailConnectionInfoExtended {
        password: Some("password-SECRET".into()),
        ..Default::default()
    };
    for text in [
        format!("{agent:?}"),
        format!("{info:?}"),
        format!("{extended:?}"),
        format!("{:?}", agent.headers()),
    ] {
        assert!(!text.contains("SECRET"), "{text}");
        assert!(text.contains("<redacted>"), "{text}");
    }
}
