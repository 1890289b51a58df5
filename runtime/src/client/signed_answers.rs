//! Requiring signed answers ([`Client::with_signed_answers`](super::Client::with_signed_answers)):
//! each answer's WS-Security X.509 signature is checked with a [`SignatureVerifier`] before the
//! answer is read.
//!
//! SOAP faults: a fault that carries a signature must verify like any answer. A fault without
//! one is refused by default ([`UnsignedFaults::Refused`]), as WCF and zeep do ("an unsecured
//! or incorrectly secured fault was received"): it comes back inside [`Error::Signature`] for
//! diagnosis, never as the service's fault. [`UnsignedFaults::Accepted`] takes it as an
//! ordinary [`Error::Fault`], as WSS4J's (CXF's) client does with a fault that has no Security
//! header: services that sign answers often send their own security faults unsigned (ours
//! do, see [`RequireSignature`](crate::wsse::RequireSignature)). An HTTP error that is no SOAP
//! message at all (a proxy's page) holds nothing signed and stays an [`Error::Http`].

use crate::charset::utf8_body;
use crate::envelope::{read_envelope, ReadError};
use crate::error::Error;
use crate::fault::Fault;
use crate::mtom::is_multipart;
use crate::value::Skipped;
use crate::wsse::{SignatureError, SignatureVerifier};
use crate::xml::Limits;

use super::HttpResponse;

/// What a client that requires signed answers does with a SOAP fault that carries no
/// `wsse:Security` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsignedFaults {
    /// Refused with [`Error::Signature`] (carrying the fault, unverified): WCF's and zeep's
    /// behaviour, the default to choose.
    Refused,
    /// Reported as an ordinary [`Error::Fault`]: WSS4J's (CXF's) behaviour. A fault that carries
    /// a Security header must still verify.
    Accepted,
}

/// The signature check of a client's answers.
#[derive(Debug)]
pub(super) struct SignedAnswers {
    pub(super) verifier: SignatureVerifier,
    pub(super) unsigned_faults: UnsignedFaults,
}

impl SignedAnswers {
    /// Checks the signature of `response` to a call: of a fault always, of a success when
    /// `success_is_read` (a one-way call reads nothing from a success). An empty success has
    /// nothing signed (a one-way call's `202 Accepted`; a call reports it as an HTTP error).
    pub(super) fn check(
        &self,
        response: &HttpResponse,
        limits: Limits,
        success_is_read: bool,
    ) -> Result<(), Error> {
        let success = (200..300).contains(&response.status);
        if success && (response.body.is_empty() || !success_is_read) {
            return Ok(());
        }
        let refused = |error, fault: Option<Box<Fault>>| Err(Error::Signature { error, fault });
        if is_multipart(response.content_type.as_deref()) {
            return refused(
                SignatureError::Unsupported {
                    what: "answer",
                    value: String::from(
                        "MTOM (multipart/related): a signature does not cover its parts",
                    ),
                },
                None,
            );
        }
        let text = match utf8_body(&response.body, response.content_type.as_deref()) {
            Ok(text) => text,
            Err(_) if !success => return Ok(()),
            Err(error) => return refused(SignatureError::Malformed(error.to_string()), None),
        };
        let fault = || match read_envelope::<Skipped, Skipped>(&text, limits, "(fault)") {
            Err(ReadError::Fault(fault)) => Some(fault),
            _ => None,
        };
        if !success && fault().is_none() {
            return Ok(());
        }
        match self.verifier.verify(&text) {
            Ok(_) => Ok(()),
            Err(error) => {
                let fault = fault();
                let unsigned = error
                    == SignatureError::Missing {
                        path: "Header/wsse:Security",
                    };
                if unsigned && fault.is_some() && self.unsigned_faults == UnsignedFaults::Accepted {
                    return Ok(());
                }
                refused(error, fault)
            }
        }
    }
}
