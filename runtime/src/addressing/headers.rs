//! The WS-Addressing header elements: writing a request's and a reply's, reading them back.

use super::AddressingVersion;
use crate::envelope::HeaderReader;
use crate::error::{DecodeError, EncodeError};
use crate::xml::{Element, XmlReader, XmlWriter};

/// The WS-Addressing headers a message carried (the message addressing properties).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressingHeaders {
    /// The version of the first addressing header seen; `None` when there was none.
    pub version: Option<AddressingVersion>,
    /// `wsa:Action`.
    pub action: Option<String>,
    /// `wsa:MessageID`.
    pub message_id: Option<String>,
    /// `wsa:RelatesTo`.
    pub relates_to: Option<String>,
    /// `wsa:To`.
    pub to: Option<String>,
    /// `wsa:ReplyTo/wsa:Address`.
    pub reply_to: Option<String>,
}

impl HeaderReader for AddressingHeaders {
    fn read_header(
        &mut self,
        r: &mut XmlReader<'_>,
        header: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        let Some(version) = r
            .namespace_of(header)
            .and_then(AddressingVersion::from_namespace)
        else {
            return Ok(false);
        };
        self.version.get_or_insert(version);
        let slot = match header.local_name() {
            "Action" => &mut self.action,
            "MessageID" => &mut self.message_id,
            "RelatesTo" => &mut self.relates_to,
            "To" => &mut self.to,
            "ReplyTo" => {
                while let Some(child) = r.next_child()? {
                    if child.local_name() == "Address" {
                        self.reply_to = Some(r.read_text(&child)?.trim().to_string());
                    } else {
                        r.skip()?;
                    }
                }
                return Ok(true);
            }
            // From, FaultTo, reference parameters: understood, not used by a synchronous peer.
            _ => {
                r.skip()?;
                return Ok(true);
            }
        };
        *slot = Some(r.read_text(header)?.trim().to_string());
        Ok(true)
    }
}

/// A fresh message ID: `urn:uuid:` and a random (version 4) UUID.
pub fn new_message_id() -> Result<String, super::AddressingError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| super::AddressingError::Random(e.to_string()))?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

/// Writes one header element `qname` with `text`, declaring the addressing namespace on it.
fn header(
    w: &mut XmlWriter,
    version: AddressingVersion,
    qname: &'static str,
    must_understand: bool,
    text: &str,
) -> Result<(), EncodeError> {
    w.start_raw(qname);
    w.declare("wsa", version.namespace());
    if must_understand {
        w.attr("s:mustUnderstand", "1")?;
    }
    w.text(text)?;
    w.end_raw(qname);
    Ok(())
}

/// Writes a request's headers: `Action` and `To` (both `mustUnderstand`, as WCF sends them),
/// `MessageID` and an anonymous `ReplyTo`.
#[cfg(feature = "client")]
pub(crate) fn write_request_headers(
    w: &mut XmlWriter,
    version: AddressingVersion,
    action: &str,
    to: &str,
    message_id: &str,
) -> Result<(), EncodeError> {
    header(w, version, "wsa:Action", true, action)?;
    header(w, version, "wsa:MessageID", false, message_id)?;
    w.start_raw("wsa:ReplyTo");
    w.declare("wsa", version.namespace());
    w.start_raw("wsa:Address");
    w.text(version.anonymous())?;
    w.end_raw("wsa:Address");
    w.end_raw("wsa:ReplyTo");
    header(w, version, "wsa:To", true, to)
}

/// Writes a reply's headers: `Action` (`mustUnderstand`) and `RelatesTo` (when the request had
/// a message ID).
#[cfg(feature = "server")]
pub(crate) fn write_reply_headers(
    w: &mut XmlWriter,
    version: AddressingVersion,
    action: &str,
    relates_to: Option<&str>,
) -> Result<(), EncodeError> {
    if !action.is_empty() {
        header(w, version, "wsa:Action", true, action)?;
    }
    if let Some(id) = relates_to {
        header(w, version, "wsa:RelatesTo", false, id)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_fresh_version_4_uuids() {
        let a = new_message_id().expect("random");
        let b = new_message_id().expect("random");
        assert_ne!(a, b);
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
        let uuid = a.strip_prefix("urn:uuid:").expect("prefix");
        assert_eq!(&uuid[14..15], "4");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
    }
}
