//! WS-Addressing: 1.0 (W3C, 2005/08) and the 2004/08 member submission that older stacks use.
//!
//! A client with [`Addressing`] set ([`crate::Client::with_addressing`]) sends `wsa:Action`,
//! `wsa:To`, `wsa:MessageID` (a fresh `urn:uuid:`) and an anonymous `wsa:ReplyTo` with every
//! request, `Action` and `To` marked `mustUnderstand` as WCF marks them; it reads the answer's
//! `wsa:RelatesTo` and `wsa:Action` and refuses an answer to another message
//! ([`AddressingError`]). A server dispatches on `wsa:Action` ([`server::select_addressed`]),
//! answers with `wsa:RelatesTo` and the response action, and answers a request without the
//! required headers with the WS-Addressing fault (`MessageAddressingHeaderRequired`).

// Without client and server nothing writes or checks the headers.
#![cfg_attr(
    not(any(feature = "client", feature = "server")),
    allow(dead_code, unused_imports)
)]

mod headers;
#[cfg(feature = "server")]
pub mod server;

#[cfg(feature = "server")]
pub(crate) use headers::write_reply_headers;
#[cfg(feature = "client")]
pub(crate) use headers::write_request_headers;
pub use headers::{new_message_id, AddressingHeaders};

use crate::operation::Operation;

/// The WS-Addressing 1.0 namespace.
pub const WSA10_NS: &str = "http://www.w3.org/2005/08/addressing";
/// The namespace of the 2004/08 member submission.
pub const WSA200408_NS: &str = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

/// A version of WS-Addressing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AddressingVersion {
    /// WS-Addressing 1.0 (W3C Recommendation, namespace `http://www.w3.org/2005/08/addressing`).
    #[default]
    W3c10,
    /// The 2004/08 member submission (`http://schemas.xmlsoap.org/ws/2004/08/addressing`).
    Submission200408,
}

impl AddressingVersion {
    /// The namespace of its headers.
    pub fn namespace(self) -> &'static str {
        match self {
            AddressingVersion::W3c10 => WSA10_NS,
            AddressingVersion::Submission200408 => WSA200408_NS,
        }
    }

    /// The version whose namespace is `namespace`.
    pub fn from_namespace(namespace: &str) -> Option<Self> {
        match namespace {
            WSA10_NS => Some(AddressingVersion::W3c10),
            WSA200408_NS => Some(AddressingVersion::Submission200408),
            _ => None,
        }
    }

    /// The anonymous address: "reply on the same HTTP connection".
    pub fn anonymous(self) -> &'static str {
        match self {
            AddressingVersion::W3c10 => "http://www.w3.org/2005/08/addressing/anonymous",
            AddressingVersion::Submission200408 => {
                "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
            }
        }
    }

    /// The action of a fault message.
    pub fn fault_action(self) -> &'static str {
        match self {
            AddressingVersion::W3c10 => "http://www.w3.org/2005/08/addressing/fault",
            AddressingVersion::Submission200408 => {
                "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault"
            }
        }
    }

    /// The fault subcode for a missing required header.
    pub fn header_required_subcode(self) -> &'static str {
        match self {
            AddressingVersion::W3c10 => "MessageAddressingHeaderRequired",
            AddressingVersion::Submission200408 => "MessageInformationHeaderRequired",
        }
    }
}

/// The WS-Addressing actions of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Actions {
    /// The operation's name (as in [`Operation::name`]).
    pub operation: &'static str,
    /// The request's action (`wsaw:Action` of the input, else the SOAP action, else the
    /// default action WS-Addressing Metadata defines).
    pub input: &'static str,
    /// The response's action (`wsaw:Action` of the output, else the default action); empty for
    /// a one-way operation.
    pub output: &'static str,
}

/// WS-Addressing as a binding uses it: the version and every operation's actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Addressing {
    /// The version sent (a server answers in the version a request came in).
    pub version: AddressingVersion,
    /// True when requests must carry the headers (a server refuses those without them).
    pub required: bool,
    /// The actions of the operations, in any order.
    pub actions: &'static [Actions],
}

impl Addressing {
    /// The actions of `operation`: from the table, else its SOAP action and no response
    /// action (a reply then carries no `wsa:Action` and any is accepted).
    pub fn actions_of(&self, operation: &Operation) -> Actions {
        self.actions
            .iter()
            .find(|a| a.operation == operation.name)
            .copied()
            .unwrap_or(Actions {
                operation: operation.name,
                input: operation.action,
                output: "",
            })
    }
}

/// Why an answer was refused under WS-Addressing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressingError {
    /// The answer's `wsa:RelatesTo` names another message than the request's `wsa:MessageID`.
    #[error("the response relates to message `{found}`, not to the request `{expected}`")]
    RelatesToOther {
        /// The request's message ID.
        expected: String,
        /// The answer's `wsa:RelatesTo`.
        found: String,
    },
    /// The answer's `wsa:Action` is not the operation's response action.
    #[error("the response's wsa:Action is `{found}`, expected `{expected}`")]
    UnexpectedAction {
        /// The operation's response action.
        expected: String,
        /// The answer's `wsa:Action`.
        found: String,
    },
    /// No random message ID could be made (the system's random source failed).
    #[error("cannot make a message ID: {0}")]
    Random(String),
}

/// Checks an answer's addressing headers against the request's message ID and the expected
/// response action.
#[cfg(feature = "client")]
pub(crate) fn check_reply(
    received: &AddressingHeaders,
    message_id: &str,
    expected_action: &str,
) -> Result<(), AddressingError> {
    if let Some(found) = &received.relates_to {
        if found.trim() != message_id {
            return Err(AddressingError::RelatesToOther {
                expected: message_id.to_string(),
                found: found.clone(),
            });
        }
    }
    if let Some(found) = &received.action {
        let found = found.trim();
        let is_fault = received.version.is_some_and(|v| v.fault_action() == found);
        if !expected_action.is_empty() && found != expected_action && !is_fault {
            return Err(AddressingError::UnexpectedAction {
                expected: expected_action.to_string(),
                found: found.to_string(),
            });
        }
    }
    Ok(())
}
