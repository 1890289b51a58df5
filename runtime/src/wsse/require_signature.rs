//! A [`SoapHandler`] in front of a generated server that serves only requests whose
//! WS-Security X.509 signature verifies ([`SignatureVerifier`]), and answers the others with a
//! `Client`/`Sender` fault naming what failed.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::verify::SignatureVerifier;
use crate::fault::Fault;
use crate::mtom::is_multipart;
use crate::server::{fault_response, version_of, SoapHandler, SoapRequest, SoapResponse};

/// Serves a request through `inner` only when its signature verifies.
///
/// The generated server behind it must accept the `wsse:Security` header the requests mark
/// `mustUnderstand` (`.understand_header(WSSE_NS, "Security")`). Serve it with
/// [`Server::bind`](crate::server::Server::bind) or
/// [`SoapService::new`](crate::server::SoapService::new) in place of the generated server.
/// Signed MTOM requests are refused (the signature would not cover the attachments).
#[derive(Debug)]
pub struct RequireSignature<H> {
    inner: H,
    verifier: Arc<SignatureVerifier>,
}

impl<H: SoapHandler> RequireSignature<H> {
    /// `inner` (a generated server), behind `verifier`.
    pub fn new(inner: H, verifier: SignatureVerifier) -> Self {
        RequireSignature {
            inner,
            verifier: Arc::new(verifier),
        }
    }
}

impl<H: SoapHandler> SoapHandler for RequireSignature<H> {
    fn handle(
        &self,
        request: SoapRequest,
    ) -> Pin<Box<dyn Future<Output = SoapResponse> + Send + '_>> {
        let content_type = request.content_type.as_ref().map(|c| c.as_str());
        let multipart = is_multipart(content_type);
        let refused = if multipart {
            Some(String::from(
                "WS-Security: signed MTOM requests are not supported",
            ))
        } else {
            match self.verifier.verify(&request.body) {
                Ok(_) => None,
                Err(error) => Some(format!("WS-Security: {error}")),
            }
        };
        match refused {
            None => self.inner.handle(request),
            Some(reason) => {
                tracing::debug!(%reason, "request refused: its signature does not verify");
                let version = version_of(&request, content_type, multipart);
                let response = fault_response(&Fault::sender(version, reason), &[]);
                Box::pin(std::future::ready(response))
            }
        }
    }
}
