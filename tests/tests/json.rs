//! The `serde` feature: wire names, bytes as base64, dates as sent, unknown enum values kept.

use services82_email::*;
use soap_runtime::OrderedMap;

#[test]
fn json_uses_wire_names_and_wire_forms() {
    let entity = EMailEntity {
        subject: Some("Grüße & <x>".into()),
        sent: Some("2024-02-29T23:59:59.1234567+05:30".parse().unwrap()),
        priority: Some(EMailPriority::Unrecognized("Urgent".into())),
        flags: Some([EMailFlag::Seen, EMailFlag::Flagged].into()),
        html_body: Some(String::new()),
        email_so_info: Some(EMailSOInfo {
            archived: Some(true),
            ..Default::default()
        }),
        attachments: Some(vec![EMailAttachment {
            stream: Some(vec![0, 1, 254, 255]),
            r#type: Some("application/pdf".into()),
            ..Default::default()
        }]),
        base: Carrier {
            field_properties: Some(OrderedMap::from([
                ("b".to_string(), None),
                ("a".to_string(), Some(FieldProperty::default())),
            ])),
            ..Default::default()
        },
        ..Default::default()
    };
    let json = serde_json::to_value(&entity).unwrap();
    assert_eq!(json["Subject"], "Grüße & <x>");
    assert_eq!(json["HTMLBody"], "");
    assert_eq!(json["Sent"], "2024-02-29T23:59:59.1234567+05:30");
    assert_eq!(json["Priority"], "Urgent");
    assert_eq!(json["Flags"], serde_json::json!(["Seen", "Flagged"]));
    assert_eq!(json["EMailSOInfo"]["Archived"], true);
    assert_eq!(json["Attachments"][0]["Stream"], "AAH+/w==");
    assert_eq!(json["Attachments"][0]["Type"], "application/pdf");
    let text = serde_json::to_string(&entity).unwrap();
    assert!(
        text.find("\"b\"").unwrap() < text.find("\"a\"").unwrap(),
        "dictionary order kept: {text}"
    );
    let back: EMailEntity = serde_json::from_str(&text).unwrap();
    assert_eq!(back, entity);
    let partial: EMailConnectionInfo =
        serde_json::from_str(r#"{"ServerName": "imap", "UseSSL": true}"#).unwrap();
    assert_eq!(partial.server_name.as_deref(), Some("imap"));
    assert_eq!(partial.use_ssl, Some(true));
    assert_eq!(
        serde_json::to_value(EMailPriority::NoPriority).unwrap(),
        "NoPriority"
    );
}
