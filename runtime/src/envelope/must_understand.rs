//! Header blocks a receiver must process (`mustUnderstand`): SOAP 1.1 §4.2.3 and SOAP 1.2
//! Part 1 §5.2.3 ask a node that does not understand such a block, aimed at it, to answer a
//! `MustUnderstand` fault instead of processing the message: a WS-Security header ignored
//! would leave the sender believing its credentials were checked.

use super::SoapVersion;
use crate::types::QName;
use crate::xml::{Element, XmlReader};

/// The SOAP 1.1 `actor` that names whichever node receives the message next.
const ACTOR_NEXT: &str = "http://schemas.xmlsoap.org/soap/actor/next";
/// The SOAP 1.2 roles every node, or the ultimate receiver, plays.
const ROLES_PLAYED: [&str; 2] = [
    "http://www.w3.org/2003/05/soap-envelope/role/next",
    "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver",
];

/// The name of `header` when it is marked `mustUnderstand` and aimed at this node (the ultimate
/// receiver: no actor or role, or one every node plays); `None` otherwise.
pub(super) fn required_here(
    r: &XmlReader<'_>,
    header: &Element<'_>,
    version: SoapVersion,
) -> Option<QName> {
    let envelope = version.namespace();
    let marked = header.attribute(r, envelope, "mustUnderstand")?;
    // SOAP 1.1 writes `1`, SOAP 1.2 `true`; either is accepted in both.
    if !matches!(marked.trim(), "1" | "true") {
        return None;
    }
    let aimed_here = match version {
        SoapVersion::Soap11 => header
            .attribute(r, envelope, "actor")
            .is_none_or(|actor| actor.trim() == ACTOR_NEXT),
        SoapVersion::Soap12 => header
            .attribute(r, envelope, "role")
            .is_none_or(|role| ROLES_PLAYED.contains(&role.trim())),
    };
    aimed_here.then(|| QName {
        namespace: r.namespace_of(header).map(str::to_string),
        local: header.local_name().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::Limits;

    /// What [`required_here`] says of the first child of a `Header` in `version`'s envelope.
    fn first_header(version: SoapVersion, attributes: &str) -> Option<QName> {
        let xml = format!(
            r#"<e:Header xmlns:e="{}" xmlns:w="urn:wsse"><w:Security {attributes}/></e:Header>"#,
            version.namespace()
        );
        let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).expect("reader");
        r.root().expect("root");
        let header = r.next_child().expect("read").expect("a header");
        required_here(&r, &header, version)
    }

    #[test]
    fn a_marked_header_aimed_here_must_be_understood() {
        let security = Some(QName {
            namespace: Some("urn:wsse".into()),
            local: "Security".into(),
        });
        for (version, attributes) in [
            (SoapVersion::Soap11, r#"e:mustUnderstand="1""#),
            (SoapVersion::Soap11, r#"e:mustUnderstand="true""#),
            (
                SoapVersion::Soap11,
                r#"e:mustUnderstand="1" e:actor="http://schemas.xmlsoap.org/soap/actor/next""#,
            ),
            (SoapVersion::Soap12, r#"e:mustUnderstand="true""#),
            (
                SoapVersion::Soap12,
                r#"e:mustUnderstand=" 1 " e:role="http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver""#,
            ),
        ] {
            assert_eq!(first_header(version, attributes), security, "{attributes}");
        }
    }

    #[test]
    fn an_unmarked_or_elsewhere_aimed_header_may_be_ignored() {
        for (version, attributes) in [
            (SoapVersion::Soap11, ""),
            (SoapVersion::Soap11, r#"e:mustUnderstand="0""#),
            // Unqualified, the attribute is not SOAP's.
            (SoapVersion::Soap11, r#"mustUnderstand="1""#),
            (
                SoapVersion::Soap11,
                r#"e:mustUnderstand="1" e:actor="urn:a-gateway""#,
            ),
            (SoapVersion::Soap12, r#"e:mustUnderstand="false""#),
            (
                SoapVersion::Soap12,
                r#"e:mustUnderstand="true" e:role="http://www.w3.org/2003/05/soap-envelope/role/none""#,
            ),
        ] {
            assert_eq!(first_header(version, attributes), None, "{attributes}");
        }
    }
}
