//! The generated EMail server's handler that the interop tests with other SOAP stacks share
//! (`oracle_node_soap.rs`, `oracle_jaxws.rs`, `oracle_php_soap.rs`, `oracle_mono.rs`,
//! `oracle_kdsoap.rs`, `oracle_suds.rs`): it records every request it decodes and answers fixed values, which
//! each test then checks on the peer's side.
//!
//! The answers' `TimeZone` header (28, `SE`) differs from the one the peers send (27, `NO`), so
//! that a peer reading the answer's header back is told apart from one keeping what it sent.

#![allow(dead_code)] // each test binary uses a different part

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use services82_email::*;
use soap_runtime::server::Server;
use soap_runtime::{Fault, Message, SoapVersion};

/// The requests the generated server received from the peer.
#[derive(Default)]
pub struct Received {
    pub refresh_folder: Mutex<Vec<Message<RequestHeaders, RefreshFolder>>>,
    pub get_email_envelopes: Mutex<Vec<Message<RequestHeaders, GetEMailEnvelopes>>>,
    pub get_attachment: Mutex<Vec<Message<RequestHeaders, GetAttachment>>>,
    pub save_email: Mutex<Vec<Message<RequestHeaders, SaveEMail>>>,
    pub get_folder_list: Mutex<Vec<Message<RequestHeaders, GetFolderList>>>,
    pub get_folder_email_count: Mutex<Vec<Message<RequestHeaders, GetFolderEMailCount>>>,
}

/// The generated server's handler: records each request, answers the values below.
#[derive(Default)]
pub struct Handler {
    pub received: Received,
}

impl Handler {
    /// The generated EMail server of a fresh [`Handler`], listening on 127.0.0.1, and the
    /// handler, which records what the server decoded.
    pub async fn serve() -> (Arc<Handler>, Server) {
        let handler = Arc::new(Handler::default());
        let server = EMailServer::shared(handler.clone())
            .bind("127.0.0.1:0")
            .await
            .expect("the generated server binds");
        (handler, server)
    }
}

/// The answer's headers: success, and a time zone.
pub fn succeeded() -> ResponseHeaders {
    ResponseHeaders {
        succeeded: Some(true),
        time_zone: Some(SoTimeZone {
            so_time_zone_id: Some(28),
            so_time_zone_location_code: Some("SE".into()),
        }),
        ..Default::default()
    }
}

/// The fault `GetFolderList` answers.
pub const LOCKED: &str = "Mailbox is locked & <unavailable>";

/// The bytes `GetAttachment` answers.
pub const ATTACHMENT: &[u8] = &[0, 1, 2, 0xfe, 0xff, b'<', b'&'];

/// 4 KiB of every byte value, with CR LF and a MIME boundary's start among them (bytes 100 to
/// 105): above the MTOM threshold of both sides (1 KiB), so it travels in a part of its own.
pub fn large() -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    bytes[100..106].copy_from_slice(b"\r\n--uu");
    bytes
}

impl EMailService for Handler {
    async fn refresh_folder(
        &self,
        request: Message<RequestHeaders, RefreshFolder>,
    ) -> Result<Message<ResponseHeaders, RefreshFolderResponse>, Fault> {
        self.received
            .refresh_folder
            .lock()
            .expect("lock")
            .push(request);
        Ok(Message {
            headers: succeeded(),
            body: RefreshFolderResponse {
                response: Some(4711),
            },
        })
    }

    async fn get_email_envelopes(
        &self,
        request: Message<RequestHeaders, GetEMailEnvelopes>,
    ) -> Result<Message<ResponseHeaders, GetEMailEnvelopesResponse>, Fault> {
        self.received
            .get_email_envelopes
            .lock()
            .expect("lock")
            .push(request);
        Ok(Message {
            headers: succeeded(),
            body: GetEMailEnvelopesResponse {
                response: Some(envelopes()),
            },
        })
    }

    async fn get_attachment(
        &self,
        request: Message<RequestHeaders, GetAttachment>,
    ) -> Result<Message<ResponseHeaders, GetAttachmentResponse>, Fault> {
        // A large attachment when asked for: large enough for a part of its own under MTOM.
        let bytes = match request.body.attachment_id.as_deref() {
            Some("large") => large(),
            _ => ATTACHMENT.to_vec(),
        };
        self.received
            .get_attachment
            .lock()
            .expect("lock")
            .push(request);
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: GetAttachmentResponse {
                response: Some(EMailAttachment {
                    filename: Some("report (1).pdf".into()),
                    size: Some(bytes.len() as i32),
                    stream: Some(bytes),
                    ..Default::default()
                }),
            },
        })
    }

    async fn save_email(
        &self,
        request: Message<RequestHeaders, SaveEMail>,
    ) -> Result<Message<ResponseHeaders, SaveEMailResponse>, Fault> {
        let email = request.body.email.clone();
        self.received.save_email.lock().expect("lock").push(request);
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: SaveEMailResponse { response: email },
        })
    }

    async fn get_folder_list(
        &self,
        request: Message<RequestHeaders, GetFolderList>,
    ) -> Result<Message<ResponseHeaders, GetFolderListResponse>, Fault> {
        self.received
            .get_folder_list
            .lock()
            .expect("lock")
            .push(request);
        Err(Fault::sender(SoapVersion::Soap11, LOCKED))
    }

    async fn get_folder_email_count(
        &self,
        request: Message<RequestHeaders, GetFolderEMailCount>,
    ) -> Result<Message<ResponseHeaders, GetFolderEMailCountResponse>, Fault> {
        self.received
            .get_folder_email_count
            .lock()
            .expect("lock")
            .push(request);
        Ok(Message {
            headers: ResponseHeaders {
                exception_info: Some(SoExceptionInfo {
                    message: Some("Folder not found: Ünknown".into()),
                    exception_type: Some("SoException".into()),
                    inner_exception: Some(Box::new(SoExceptionInfo {
                        message: Some("inner cause".into()),
                        ..Default::default()
                    })),
                    ..Default::default()
                }),
                succeeded: Some(false),
                ..Default::default()
            },
            body: GetFolderEMailCountResponse { response: Some(0) },
        })
    }
}

/// An address with every field set.
pub fn address(name: &str, id: i32) -> EMailAddress {
    EMailAddress {
        contact_id: Some(id),
        contact_name: Some("Contoso & Co".into()),
        person_id: Some(-id),
        person_name: Some(name.into()),
        associate_id: Some(0),
        address: Some(format!("{name}@example.com")),
        email_id: Some(i32::MAX),
        ..Default::default()
    }
}

/// What `GetEMailEnvelopes` answers: one envelope with nearly every field, one sparse, one
/// with nothing but a date.
pub fn envelopes() -> Vec<EMailEnvelope> {
    vec![
        EMailEnvelope {
            server_id: Some(1),
            message_id: Some("<id-1@example.com>".into()),
            subject: Some("Grüße <& \"quotes\"> ]]>".into()),
            from: Some(address("anna", 12)),
            to: Some(vec![address("bob", 13), address("carol", 14)]),
            sent: Some(
                "2024-02-29T23:59:59.1234567+05:30"
                    .parse()
                    .expect("a dateTime"),
            ),
            priority: Some(EMailPriority::High),
            flags: Some([EMailFlag::Seen, EMailFlag::Flagged].into()),
            size: Some(123_456),
            email_so_info: Some(EMailSOInfo {
                document_id: Some(5),
                archived: Some(false),
                ..Default::default()
            }),
            ..Default::default()
        },
        EMailEnvelope {
            server_id: Some(-2),
            subject: Some(String::new()),
            to: Some(vec![address("dave", 15)]),
            priority: Some(EMailPriority::Lowest),
            ..Default::default()
        },
        EMailEnvelope {
            sent: Some("2020-01-01T00:00:00Z".parse().expect("a dateTime")),
            ..Default::default()
        },
    ]
}

/// Checks the three request headers every peer sends as the server decoded them: the
/// application token, the ticket, and the time zone 27 `NO`.
pub fn check_request_headers(headers: &RequestHeaders) {
    assert_eq!(
        headers.application_token.as_deref(),
        Some("app-token Ü & <123>")
    );
    let credentials = headers.credentials.as_ref().expect("the Credentials");
    assert_eq!(credentials.ticket.as_deref(), Some("7T:dGlja2V0=="));
    let time_zone = headers.time_zone.as_ref().expect("the TimeZone header");
    assert_eq!(time_zone.so_time_zone_id, Some(27));
    assert_eq!(time_zone.so_time_zone_location_code.as_deref(), Some("NO"));
}

/// Checks the `RefreshFolder` request every peer sends as the server decoded it: the request
/// headers ([`check_request_headers`]), the nested `ConnectionInfo` (a password to escape) and
/// the folders (text beyond ASCII and to escape).
pub fn check_refresh_folder_request(received: &Message<RequestHeaders, RefreshFolder>) {
    check_request_headers(&received.headers);
    let info = received
        .body
        .connection_info
        .as_ref()
        .expect("ConnectionInfo");
    assert_eq!(info.server_name.as_deref(), Some("imap.example.com"));
    assert_eq!(info.user_name.as_deref(), Some("anna@example.com"));
    assert_eq!(info.password.as_deref(), Some("pa<ss>&\"word\""));
    assert_eq!(info.folder.as_deref(), Some("INBOX"));
    assert_eq!(info.use_ssl, Some(true));
    assert_eq!(
        received.body.folders.as_deref(),
        Some(&["INBOX".into(), "Sent Items".into(), "Ärchiv & <old>".into()][..])
    );
}

/// How a peer's JSON gives an `xs:list` of enumeration values (the envelopes' `Flags`).
#[derive(Debug, Clone, Copy)]
pub enum ListAs {
    /// As the text sent, space-separated (node-soap, PHP).
    Text,
    /// As an array of the values (JAXB's `List<String>`).
    Array,
}

/// Checks the envelopes a peer decoded of [`envelopes`] (its JSON array), field by field:
/// `sent(i)` is how the peer gives the `i`th envelope's date, `flags` how it gives a list.
pub fn check_envelopes(decoded: &Value, sent: impl Fn(usize) -> Value, flags: ListAs) {
    let decoded = decoded
        .as_array()
        .unwrap_or_else(|| panic!("an array of envelopes: {decoded}"));
    let ours = envelopes();
    assert_eq!(decoded.len(), ours.len(), "{decoded:?}");
    for (i, (peer, ours)) in decoded.iter().zip(&ours).enumerate() {
        assert_eq!(peer["ServerId"], json!(ours.server_id), "{peer}");
        assert_eq!(peer["MessageId"], json!(ours.message_id), "{peer}");
        assert_eq!(peer["Subject"], json!(ours.subject), "{peer}");
        check_address(&peer["From"], ours.from.as_ref());
        match &ours.to {
            // A repeated element comes as an array even with one item.
            Some(to) => {
                let addresses = peer["To"]["EMailAddress"]
                    .as_array()
                    .unwrap_or_else(|| panic!("an array of addresses: {peer}"));
                assert_eq!(addresses.len(), to.len(), "{peer}");
                for (peer, ours) in addresses.iter().zip(to) {
                    check_address(peer, Some(ours));
                }
            }
            None => assert_eq!(peer["To"], Value::Null, "{peer}"),
        }
        assert_eq!(peer["Sent"], sent(i), "{peer}");
        assert_eq!(
            peer["Priority"],
            json!(ours.priority.as_ref().map(EMailPriority::as_str)),
            "{peer}"
        );
        let values = ours
            .flags
            .as_ref()
            .map(|flags| flags.iter().map(EMailFlag::as_str).collect::<Vec<_>>());
        let expected = match flags {
            ListAs::Text => json!(values.map(|values| values.join(" "))),
            ListAs::Array => json!(values),
        };
        assert_eq!(peer["Flags"], expected, "{peer}");
        assert_eq!(peer["Size"], json!(ours.size), "{peer}");
        match &ours.email_so_info {
            Some(info) => {
                let so = &peer["EMailSOInfo"];
                assert_eq!(so["DocumentId"], json!(info.document_id), "{peer}");
                assert_eq!(so["AppointmentId"], json!(info.appointment_id), "{peer}");
                assert_eq!(so["Archived"], json!(info.archived), "{peer}");
            }
            None => assert_eq!(peer["EMailSOInfo"], Value::Null, "{peer}"),
        }
    }
}

/// Checks an `EMailAddress` as a peer decoded it against ours (`None`: the peer has none).
pub fn check_address(peer: &Value, ours: Option<&EMailAddress>) {
    let Some(ours) = ours else {
        assert_eq!(peer, &Value::Null);
        return;
    };
    assert_eq!(peer["ContactId"], json!(ours.contact_id), "{peer}");
    assert_eq!(peer["ContactName"], json!(ours.contact_name), "{peer}");
    assert_eq!(peer["PersonId"], json!(ours.person_id), "{peer}");
    assert_eq!(peer["PersonName"], json!(ours.person_name), "{peer}");
    assert_eq!(peer["AssociateId"], json!(ours.associate_id), "{peer}");
    assert_eq!(peer["Address"], json!(ours.address), "{peer}");
    assert_eq!(peer["EmailId"], json!(ours.email_id), "{peer}");
}
