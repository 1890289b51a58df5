//! A [`SoapHandler`] in front of a generated server that serves only requests whose
//! WS-Security X.509 signature verifies ([`SignatureVerifier`]), answers the others with a
//! `Client`/`Sender` fault naming what failed, tells the service who signed
//! ([`verified_signer`]) and, when asked, signs its answers
//! ([`RequireSignature::with_signed_answers`]).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::signer::X509Signature;
use super::verify::{SignatureVerifier, VerifiedSignature};
use crate::fault::Fault;
use crate::mtom::is_multipart;
use crate::server::{
    fault_response, request_scope, version_of, SoapHandler, SoapRequest, SoapResponse,
};

/// The verified signature of the request being served behind a [`RequireSignature`]: the
/// signer's certificate (DER: a pinned one or the leaf of a verified chain, in
/// [`VerifiedSignature::certificate`]) and the Timestamp. `None` outside such a handler (and
/// in tasks the handler spawns: the value belongs to the request's task).
///
/// ```no_run
/// # async fn in_a_handler() {
/// if let Some(signer) = soap_runtime::wsse::verified_signer() {
///     let certificate_der: &[u8] = &signer.certificate;
///     # let _ = certificate_der;
/// }
/// # }
/// ```
pub fn verified_signer() -> Option<Arc<VerifiedSignature>> {
    request_scope::signer()
}

/// Which faults a [`RequireSignature`] that signs its answers signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultSigning {
    /// The faults of the service (and of its dispatcher: an unknown operation, a request that
    /// does not decode) are signed as answers are: what WCF does with message security, and
    /// what zeep and WCF clients that verify answers require.
    Signed,
    /// Faults go unsigned, as WSS4J (CXF, Spring-WS) sends them unless told otherwise.
    Unsigned,
}

/// How a [`RequireSignature`] signs its answers.
#[derive(Debug)]
struct AnswerSigning {
    signature: X509Signature,
    faults: FaultSigning,
}

/// Serves a request through `inner` only when its signature verifies.
///
/// The generated server behind it must accept the `wsse:Security` header the requests mark
/// `mustUnderstand` (`.understand_header(WSSE_NS, "Security")`). Serve it with
/// [`Server::bind`](crate::server::Server::bind) or
/// [`SoapService::new`](crate::server::SoapService::new) in place of the generated server.
/// Signed MTOM requests are refused (the signature would not cover the attachments).
///
/// The handler learns who signed with [`verified_signer`]. With
/// [`RequireSignature::with_signed_answers`], the answers are signed too.
///
/// The fault refusing a request whose signature does not verify is never signed, whatever
/// [`FaultSigning`] says: its sender is not known, and signing it would let anyone make the
/// server spend a private-key operation per request (WCF and WSS4J send such faults
/// unsigned too). A client that requires signed answers reports it as an unsigned fault.
#[derive(Debug)]
pub struct RequireSignature<H> {
    inner: H,
    verifier: Arc<SignatureVerifier>,
    answers: Option<AnswerSigning>,
}

impl<H: SoapHandler> RequireSignature<H> {
    /// `inner` (a generated server), behind `verifier`; its answers go unsigned.
    pub fn new(inner: H, verifier: SignatureVerifier) -> Self {
        RequireSignature {
            inner,
            verifier: Arc::new(verifier),
            answers: None,
        }
    }

    /// The same handler, signing every answer with `signature` as a signing client signs its
    /// requests (a Timestamp, the certificate as a BinarySecurityToken, a signature over the
    /// Body and the Timestamp), and the faults of the service as `faults` says. An empty
    /// answer (a one-way operation's `202 Accepted`) has nothing to sign; an MTOM answer
    /// cannot be signed and is replaced by a `Receiver` fault, as is an answer whose signing
    /// fails.
    pub fn with_signed_answers(mut self, signature: X509Signature, faults: FaultSigning) -> Self {
        self.answers = Some(AnswerSigning { signature, faults });
        self
    }
}

impl AnswerSigning {
    /// `response`, signed when it should be.
    fn sign(&self, response: SoapResponse) -> SoapResponse {
        let fault = !(200..300).contains(&response.status);
        if response.body.is_empty() || (fault && self.faults == FaultSigning::Unsigned) {
            return response;
        }
        let failure = if is_multipart(Some(&response.content_type)) {
            String::from("WS-Security: signed MTOM answers are not supported")
        } else {
            match self.signature.sign_envelope(&response.body) {
                Ok(signed) => {
                    return SoapResponse {
                        body: signed.into(),
                        ..response
                    }
                }
                Err(error) => {
                    tracing::error!(%error, "the answer could not be signed");
                    String::from("WS-Security: the answer could not be signed")
                }
            }
        };
        let version = crate::envelope::peek_version(&response.body).unwrap_or_default();
        fault_response(&Fault::receiver(version, failure), &[])
    }
}

impl<H: SoapHandler> SoapHandler for RequireSignature<H> {
    fn handle(
        &self,
        request: SoapRequest,
    ) -> Pin<Box<dyn Future<Output = SoapResponse> + Send + '_>> {
        let content_type = request.content_type.as_ref().map(|c| c.as_str());
        let multipart = is_multipart(content_type);
        let verified = if multipart {
            Err(String::from(
                "WS-Security: signed MTOM requests are not supported",
            ))
        } else {
            self.verifier
                .verify(&request.body)
                .map_err(|error| format!("WS-Security: {error}"))
        };
        match verified {
            Ok(signer) => {
                let signer = Arc::new(signer);
                // Lent both while `inner` makes its future and while the future runs: through
                // the request's scope, or one of its own for a request served without HTTP.
                let (answer, lent) = match request_scope::lend_signer(signer) {
                    Ok(lent) => (self.inner.handle(request), Some(lent)),
                    Err(signer) => {
                        let answer =
                            request_scope::in_signer_scope(signer, || self.inner.handle(request));
                        let answer: Pin<Box<dyn Future<Output = SoapResponse> + Send + '_>> =
                            Box::pin(answer);
                        (answer, None)
                    }
                };
                Box::pin(async move {
                    let response = answer.await;
                    drop(lent);
                    match &self.answers {
                        Some(answers) => answers.sign(response),
                        None => response,
                    }
                })
            }
            Err(reason) => {
                tracing::debug!(%reason, "request refused: its signature does not verify");
                let version = version_of(&request, content_type, multipart);
                let response = fault_response(&Fault::sender(version, reason), &[]);
                Box::pin(std::future::ready(response))
            }
        }
    }
}
