//! Round trips of every generated EMail type: `decode(encode(x)) == x` for values proptest
//! draws (every struct, with XML-special and non-ASCII text, empty strings, empty and absent
//! arrays and structs, nil dictionary values, extreme numbers, every enumeration value and
//! unknown ones, flag sets in any order, dates with and without offset), and the explicit
//! cases around them: what XML 1.0 cannot carry is a clear encode error, nil and absent read as
//! `None`, every flag combination and every enumeration value survive.

mod common;

use common::model::{EnumModel, Model, DATE_TIMES, DOUBLES};
use proptest::prelude::*;
use proptest::test_runner::Config;
use services82_email::*;
use soap_runtime::envelope::write_envelope;
use soap_runtime::xml::{Limits, Name, XmlReader, XmlWriter};
use soap_runtime::{
    DateTime, DecodeError, EncodeError, FlagSet, Message, OrderedMap, SoapVersion, XmlValue,
};

const ROOT: Name = Name::new(SERVICES82_NS, "Root");

/// `value` as the content of a root element declaring the EMail namespaces.
fn encode<T: XmlValue>(value: &T) -> Result<Vec<u8>, EncodeError> {
    let mut w = XmlWriter::new(NAMESPACES);
    w.start(ROOT);
    w.declare_namespaces();
    value.write_content(&mut w)?;
    w.end(ROOT);
    Ok(w.into_bytes())
}

/// The root element's content as a `T`, and the unknown elements the reader skipped.
fn decode<T: XmlValue>(bytes: &[u8]) -> Result<(T, Vec<String>), DecodeError> {
    let mut r = XmlReader::new(bytes, Limits::default())?;
    let root = r.root()?;
    let value = T::read_content(&mut r, &root)?;
    r.finish()?;
    Ok((value, r.take_unknown_elements()))
}

/// `decode(encode(value)) == value`, and encoding the decoded value gives the same bytes (which
/// also holds for NaN, which is not equal to itself, and tells -0.0 from 0.0).
fn check_roundtrip<T: Model + XmlValue>(value: &T) -> Result<(), TestCaseError> {
    let bytes = encode(value).map_err(|e| TestCaseError::fail(format!("encode: {e}")))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (decoded, unknown) =
        decode::<T>(&bytes).map_err(|e| TestCaseError::fail(format!("decode: {e}\n{text}")))?;
    prop_assert!(unknown.is_empty(), "unknown elements {unknown:?} in {text}");
    if equal_to_itself(value) {
        prop_assert_eq!(&decoded, value, "{}", text);
    }
    let again = encode(&decoded).map_err(|e| TestCaseError::fail(format!("re-encode: {e}")))?;
    prop_assert_eq!(String::from_utf8_lossy(&again), text);
    Ok(())
}

/// False for values holding a NaN, which no value equals.
#[allow(clippy::eq_op)]
fn equal_to_itself<T: PartialEq>(value: &T) -> bool {
    value == value
}

fn config() -> Config {
    Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    }
}

macro_rules! roundtrip_every_type {
    ($($name:ident: $ty:ty,)*) => {
        proptest! {
            #![proptest_config(config())]
            $(
                #[test]
                fn $name(value in <$ty as Model>::arb(2)) {
                    check_roundtrip(&value)?;
                }
            )*
        }
    };
}

roundtrip_every_type! {
address: Address,
associate: Associate,
authenticate: Authenticate,
authenticate_incoming: AuthenticateIncoming,
authenticate_incoming_response: AuthenticateIncomingResponse,
authenticate_outgoing: AuthenticateOutgoing,
authenticate_outgoing_response: AuthenticateOutgoingResponse,
authenticate_response: AuthenticateResponse,
contact: Contact,
create_default_email_address: CreateDefaultEMailAddress,
create_default_email_address_response: CreateDefaultEMailAddressResponse,
create_default_email_attachment: CreateDefaultEMailAttachment,
create_default_email_attachment_response: CreateDefaultEMailAttachmentResponse,
create_default_email_connection_info: CreateDefaultEMailConnectionInfo,
create_default_email_connection_info_extended: CreateDefaultEMailConnectionInfoExtended,
create_default_email_connection_info_extended_response: CreateDefaultEMailConnectionInfoExtendedResponse,
create_default_email_connection_info_response: CreateDefaultEMailConnectionInfoResponse,
create_default_email_custom_header: CreateDefaultEMailCustomHeader,
create_default_email_custom_header_response: CreateDefaultEMailCustomHeaderResponse,
create_default_email_entity: CreateDefaultEMailEntity,
create_default_email_entity_response: CreateDefaultEMailEntityResponse,
create_default_email_envelope: CreateDefaultEMailEnvelope,
create_default_email_envelope_response: CreateDefaultEMailEnvelopeResponse,
create_default_email_folder: CreateDefaultEMailFolder,
create_default_email_folder_response: CreateDefaultEMailFolderResponse,
create_default_email_so_info: CreateDefaultEMailSOInfo,
create_default_email_so_info_response: CreateDefaultEMailSOInfoResponse,
create_email_from_document_entity: CreateEMailFromDocumentEntity,
create_email_from_document_entity_response: CreateEMailFromDocumentEntityResponse,
create_email_from_mime_message: CreateEMailFromMimeMessage,
create_email_from_mime_message_response: CreateEMailFromMimeMessageResponse,
create_folder: CreateFolder,
create_folder_response: CreateFolderResponse,
delete: Delete,
delete_extended: DeleteExtended,
delete_extended_response: DeleteExtendedResponse,
delete_folder: DeleteFolder,
delete_folder_response: DeleteFolderResponse,
delete_response: DeleteResponse,
document_entity: DocumentEntity,
document_template: DocumentTemplate,
email_address: EMailAddress,
email_attachment: EMailAttachment,
email_connection_info: EMailConnectionInfo,
email_connection_info_extended: EMailConnectionInfoExtended,
email_custom_header: EMailCustomHeader,
email_entity: EMailEntity,
email_envelope: EMailEnvelope,
email_folder: EMailFolder,
email_so_info: EMailSOInfo,
empty_folder: EmptyFolder,
empty_folder_response: EmptyFolderResponse,
field_property: FieldProperty,
field_right: FieldRight,
find_address: FindAddress,
find_address_response: FindAddressResponse,
get_attachment: GetAttachment,
get_attachment_response: GetAttachmentResponse,
get_email_addresses: GetEMailAddresses,
get_email_addresses_response: GetEMailAddressesResponse,
get_email_as_stream: GetEMailAsStream,
get_email_as_stream_response: GetEMailAsStreamResponse,
get_email_envelopes: GetEMailEnvelopes,
get_email_envelopes_response: GetEMailEnvelopesResponse,
get_email_from_document_id: GetEMailFromDocumentId,
get_email_from_document_id_response: GetEMailFromDocumentIdResponse,
get_email_from_id: GetEMailFromId,
get_email_from_id_response: GetEMailFromIdResponse,
get_email_from_temp: GetEMailFromTemp,
get_email_from_temp_response: GetEMailFromTempResponse,
get_email_so_info: GetEMailSOInfo,
get_email_so_info_response: GetEMailSOInfoResponse,
get_email_message_ids: GetEmailMessageIds,
get_email_message_ids_response: GetEmailMessageIdsResponse,
get_emails_as_string: GetEmailsAsString,
get_emails_as_string_response: GetEmailsAsStringResponse,
get_folder_email_count: GetFolderEMailCount,
get_folder_email_count_response: GetFolderEMailCountResponse,
get_folder_has_new_email: GetFolderHasNewEMail,
get_folder_has_new_email_response: GetFolderHasNewEMailResponse,
get_folder_info: GetFolderInfo,
get_folder_info_response: GetFolderInfoResponse,
get_folder_list: GetFolderList,
get_folder_list_response: GetFolderListResponse,
link: Link,
localized_field: LocalizedField,
mark_as_read: MarkAsRead,
mark_as_read_response: MarkAsReadResponse,
move_to_folder: MoveToFolder,
move_to_folder_response: MoveToFolderResponse,
person: Person,
project: Project,
refresh_folder: RefreshFolder,
refresh_folder_response: RefreshFolderResponse,
relay_message: RelayMessage,
relay_message_response: RelayMessageResponse,
request_headers: RequestHeaders,
response_headers: ResponseHeaders,
sale: Sale,
save_email: SaveEMail,
save_email_response: SaveEMailResponse,
send_emails: SendEMails,
send_emails_response: SendEMailsResponse,
set_subscription: SetSubscription,
set_subscription_response: SetSubscriptionResponse,
so_credentials: SoCredentials,
so_exception_info: SoExceptionInfo,
so_time_zone: SoTimeZone,
table_right: TableRight,
visible_for: VisibleFor,}

proptest! {
    #![proptest_config(config())]

    /// Whole messages: the request and response of an operation with its headers, through the
    /// envelope functions the client and server use.
    #[test]
    fn messages_roundtrip_through_envelopes(
        headers in RequestHeaders::arb(2),
        body in SendEMails::arb(2),
        answer_headers in ResponseHeaders::arb(2),
        answer in GetEMailEnvelopesResponse::arb(2),
        soap12 in any::<bool>(),
    ) {
        let version = if soap12 { SoapVersion::Soap12 } else { SoapVersion::Soap11 };
        let bytes = write_envelope(version, NAMESPACES, &headers, SEND_EMAILS.request, &body)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let received = soap_runtime::envelope::read_envelope::<RequestHeaders, SendEMails>(
            &bytes, Limits::default(), SEND_EMAILS.request.local,
        ).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(received.version, version);
        prop_assert!(received.unknown_elements.is_empty());
        if equal_to_itself(&body) {
            prop_assert_eq!(&received.message, &Message { headers, body });
        }
        let bytes = write_envelope(version, NAMESPACES, &answer_headers, GET_EMAIL_ENVELOPES.response, &answer)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let received = soap_runtime::envelope::read_envelope::<ResponseHeaders, GetEMailEnvelopesResponse>(
            &bytes, Limits::default(), GET_EMAIL_ENVELOPES.response.local,
        ).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if equal_to_itself(&answer) {
            prop_assert_eq!(received.message, Message { headers: answer_headers, body: answer });
        }
    }

    /// A character XML 1.0 cannot carry, wherever text goes, fails encoding with
    /// `EncodeError::InvalidChar` naming it, instead of producing a broken document.
    #[test]
    fn characters_xml_cannot_carry_are_an_encode_error(
        before in "[a-z<&]{0,4}",
        bad in prop::sample::select(
            (0u32..0x20).filter(|c| ![0x9, 0xA, 0xD].contains(c)).chain([0xFFFE, 0xFFFF]).collect::<Vec<u32>>()
        ),
        after in "[\\PC]{0,4}",
        place in 0usize..7,
    ) {
        let bad_char = char::from_u32(bad).expect("a char");
        let text = format!("{before}{bad_char}{after}");
        let mut headers = RequestHeaders::default();
        let mut body = SendEMails::default();
        let mut email = EMailEntity::default();
        match place {
            0 => headers.application_token = Some(text),
            1 => headers.credentials = Some(SoCredentials { ticket: Some(text) }),
            2 => email.subject = Some(text),
            3 => email.field_properties = Some(OrderedMap::from([(text, None)])),
            4 => email.custom_header_list = Some(vec![EMailCustomHeader {
                values: Some(vec!["fine".into(), text]),
                ..Default::default()
            }]),
            5 => email.priority = Some(EMailPriority::Unrecognized(text)),
            _ => email.flags = Some([EMailFlag::Seen, EMailFlag::Unrecognized(text)].into()),
        }
        body.emails = Some(vec![EMailEntity::default(), email]);
        let result = write_envelope(SoapVersion::Soap11, NAMESPACES, &headers, SEND_EMAILS.request, &body);
        match result {
            Err(EncodeError::InvalidChar { code, element }) => {
                prop_assert_eq!(code, bad);
                prop_assert!(!element.is_empty());
            }
            other => prop_assert!(false, "expected InvalidChar, got {:?}", other.map(String::from_utf8)),
        }
    }
}

#[test]
fn the_client_refuses_to_send_what_xml_cannot_carry() {
    #[derive(Debug)]
    struct NeverCalled;
    impl soap_runtime::Transport for NeverCalled {
        fn send(
            &self,
            _request: soap_runtime::client::HttpRequest,
        ) -> std::pin::Pin<
            Box<
                dyn std::future::Future<
                        Output = Result<
                            soap_runtime::client::HttpResponse,
                            soap_runtime::TransportError,
                        >,
                    > + Send
                    + '_,
            >,
        > {
            panic!("a request that cannot be encoded must not be sent")
        }
    }
    let client = soap_runtime::Client::with_transport(
        "http://127.0.0.1:9/",
        std::sync::Arc::new(NeverCalled),
    );
    let agent = EMailAgent::with_client(client);
    let error = common::block_on(agent.refresh_folder(None, Some(vec!["a\u{1}b".into()])))
        .expect_err("an encode error");
    match error {
        soap_runtime::Error::Encode(EncodeError::InvalidChar { code, .. }) => assert_eq!(code, 1),
        other => panic!("expected an encode error, got {other:?}"),
    }
}

/// Decodes `content` as the content of an `EMailEntity` root.
fn entity(content: &str) -> EMailEntity {
    let xml = format!(
        "<n0:Root xmlns:n0=\"{}\" xmlns:n1=\"{}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">{content}</n0:Root>",
        NAMESPACES[0], NAMESPACES[1]
    );
    decode::<EMailEntity>(xml.as_bytes()).expect("decodes").0
}

#[test]
fn absent_nil_and_empty() {
    // Strings: absent and nil are None, empty is Some("").
    assert_eq!(entity("").subject, None);
    assert_eq!(entity("<n0:Subject xsi:nil=\"true\"/>").subject, None);
    assert_eq!(entity("<n0:Subject/>").subject, Some(String::new()));
    assert_eq!(
        entity("<n0:Subject></n0:Subject>").subject,
        Some(String::new())
    );
    // Arrays: absent and nil are None, empty is Some(vec![]); a nil item is the default.
    assert_eq!(entity("").to, None);
    assert_eq!(entity("<n0:To xsi:nil=\"true\"/>").to, None);
    assert_eq!(entity("<n0:To/>").to, Some(vec![]));
    assert_eq!(
        entity("<n0:To><n0:EMailAddress xsi:nil=\"true\"/><n0:EMailAddress/></n0:To>").to,
        Some(vec![EMailAddress::default(), EMailAddress::default()])
    );
    // Structs: empty is the default value.
    assert_eq!(entity("<n0:From/>").from, Some(EMailAddress::default()));
    assert_eq!(entity("<n0:From xsi:nil=\"true\"/>").from, None);
    // Dictionaries: a nil value is None, an empty one Some(default), an empty dictionary empty.
    let map = entity(
        "<n0:FieldProperties><n0:FieldPropertyDictionaryKeyValuePair><n0:Key>a</n0:Key><n0:Value xsi:nil=\"true\"/></n0:FieldPropertyDictionaryKeyValuePair>\
         <n0:FieldPropertyDictionaryKeyValuePair><n0:Key/><n0:Value/></n0:FieldPropertyDictionaryKeyValuePair></n0:FieldProperties>",
    )
    .base
    .field_properties;
    assert_eq!(
        map,
        Some(OrderedMap::from([
            ("a".to_string(), None),
            (String::new(), Some(FieldProperty::default()))
        ]))
    );
    assert_eq!(
        entity("<n0:FieldProperties/>").field_properties,
        Some(OrderedMap::new())
    );
    // Flags: empty is the empty set, text is split on any whitespace.
    assert_eq!(entity("<n0:Flags/>").flags, Some(FlagSet::new()));
    assert_eq!(
        entity("<n0:Flags>\n Seen\tFlagged  </n0:Flags>").flags,
        Some([EMailFlag::Seen, EMailFlag::Flagged].into())
    );
    // Written back: None is left out, nil only for a dictionary value, empty as empty element.
    let value = EMailEntity {
        subject: Some(String::new()),
        to: Some(vec![]),
        base: Carrier {
            field_properties: Some(OrderedMap::from([("k".to_string(), None)])),
            ..Default::default()
        },
        ..Default::default()
    };
    let xml = String::from_utf8(encode(&value).expect("encodes")).expect("UTF-8");
    assert!(xml.ends_with(
        "<n0:FieldProperties><n0:FieldPropertyDictionaryKeyValuePair><n0:Key>k</n0:Key><n0:Value xsi:nil=\"true\"/></n0:FieldPropertyDictionaryKeyValuePair></n0:FieldProperties><n0:To/><n0:Subject></n0:Subject></n0:Root>"
    ), "{xml}");
}

fn every_value<E: EnumModel + XmlValue>() {
    for value in E::known() {
        let (decoded, _) = decode::<E>(&encode(&value).expect("encodes")).expect("decodes");
        assert_eq!(decoded, value);
        assert_eq!(decoded.text(), value.text());
    }
    let unknown = E::unrecognized("SomethingNew".into());
    let (decoded, _) = decode::<E>(&encode(&unknown).expect("encodes")).expect("decodes");
    assert_eq!(decoded, unknown);
}

fn every_flag_combination<F: EnumModel + soap_runtime::SimpleValue + PartialEq>() -> usize {
    let all = F::known();
    let n = all.len();
    for mask in 0u32..(1 << n) {
        // In the contract's order and reversed: the order is kept.
        let chosen: Vec<F> = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| all[i].clone())
            .collect();
        for flags in [chosen.clone(), chosen.into_iter().rev().collect()] {
            let set: FlagSet<F> = flags.into_iter().collect();
            let (decoded, _) =
                decode::<FlagSet<F>>(&encode(&set).expect("encodes")).expect("decodes");
            assert_eq!(decoded, set);
        }
    }
    1 << n
}

#[test]
fn every_enumeration_value_and_flag_combination() {
    every_value::<ActivityStatus>();
    every_value::<AppointmentType>();
    every_value::<DocTmplDirection>();
    every_value::<DocTmplQuoteType>();
    every_value::<DocTmplType>();
    every_value::<DocumentLockSemantics>();
    every_value::<EFieldRightFlag>();
    every_value::<EMailFlag>();
    every_value::<EMailPriority>();
    every_value::<ETableRightFlag>();
    every_value::<SaleStatus>();
    every_value::<UserType>();
    every_value::<Visibility>();
    let combinations = every_flag_combination::<EFieldRightFlag>()
        + every_flag_combination::<EMailFlag>()
        + every_flag_combination::<ETableRightFlag>();
    assert_eq!(combinations, 512 + 64 + 64);
}

#[test]
fn extreme_numbers_and_dates() {
    let folder = |size: i32| EMailFolder {
        total_items: Some(size),
        unread_items: Some(size),
        ..Default::default()
    };
    for n in [i32::MIN, i32::MAX, 0, -1] {
        let (decoded, _) =
            decode::<EMailFolder>(&encode(&folder(n)).expect("encodes")).expect("decodes");
        assert_eq!(decoded, folder(n));
    }
    let template = |n: i16| DocumentTemplate {
        save_in_db: Some(n),
        deleted: Some(n),
        ..Default::default()
    };
    for n in [i16::MIN, i16::MAX] {
        let (decoded, _) =
            decode::<DocumentTemplate>(&encode(&template(n)).expect("encodes")).expect("decodes");
        assert_eq!(decoded, template(n));
    }
    let address = |x: f64| Address {
        wgs84_latitude: Some(x),
        ..Default::default()
    };
    for x in
        DOUBLES
            .iter()
            .copied()
            .chain([f64::INFINITY, f64::NEG_INFINITY, f64::NAN, f64::MIN, -0.0])
    {
        let (decoded, _) =
            decode::<Address>(&encode(&address(x)).expect("encodes")).expect("decodes");
        let got = decoded.wgs84_latitude.expect("a latitude");
        assert!(
            got.to_bits() == x.to_bits() || (x.is_nan() && got.is_nan()),
            "{x:?} read back as {got:?}"
        );
    }
    for text in DATE_TIMES
        .iter()
        .copied()
        .chain(["2024-02-29T23:59:59.123456789Z", "2000-01-01T24:00:00"])
    {
        let sent: DateTime = text.parse().expect("a dateTime");
        let entity = EMailEntity {
            sent: Some(sent.clone()),
            ..Default::default()
        };
        let xml = String::from_utf8(encode(&entity).expect("encodes")).expect("UTF-8");
        assert!(xml.contains(&format!("<n0:Sent>{text}</n0:Sent>")), "{xml}");
        let (decoded, _) = decode::<EMailEntity>(xml.as_bytes()).expect("decodes");
        assert_eq!(decoded.sent.expect("sent").as_str(), text);
    }
}
