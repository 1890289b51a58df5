//! Signed answers: a server behind [`RequireSignature::with_signed_answers`] signs what it
//! answers (faults as [`FaultSigning`] says, never the refusal of a badly signed request), the
//! handler sees who signed the request ([`verified_signer`]), and a client that requires signed
//! answers ([`Client::with_signed_answers`]) reads verified ones and refuses tampered, unsigned,
//! stale and foreign ones with [`Error::Signature`]. [`X509Signature::sign_envelope`] signs
//! envelopes of every shape; zeep's `verify_envelope` (xmlsec) checks what it signs (skipped
//! loudly without the Python oracle, failing without it when `CI` is set).

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use soap_runtime::client::{CannedTransport, Client, UnsignedFaults};
use soap_runtime::server::{fault_response, Server, SoapHandler, SoapRequest, SoapResponse};
use soap_runtime::wsse::{
    verified_signer, FaultSigning, RequireSignature, SignatureError, SignatureVerifier,
    X509Signature,
};
use soap_runtime::Skipped as NoHeaders;
use soap_runtime::{Error, Fault, Limits, SoapVersion};
use support::signing::{credentials, Credentials};
use support::{pong, NS, PING};

fn signature(keys: &Credentials) -> X509Signature {
    X509Signature::new(&keys.certificate, &keys.key).unwrap()
}

fn verifier(keys: &Credentials) -> SignatureVerifier {
    SignatureVerifier::new().trust(&keys.certificate).unwrap()
}

/// Answers `Ping` with `PingResponse` in the request's version, keeping the certificate of
/// each request's verified signer; or, when `fails`, with a `Receiver` fault.
#[derive(Default)]
struct Service {
    signers: Mutex<Vec<Option<Vec<u8>>>>,
    fails: bool,
}

/// A [`Service`] as a SOAP handler.
struct Handler(Arc<Service>);

impl SoapHandler for Handler {
    fn handle(
        &self,
        request: SoapRequest,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = SoapResponse> + Send + '_>> {
        Box::pin(async move {
            let signer = verified_signer().map(|s| s.certificate.clone());
            self.0.signers.lock().unwrap().push(signer);
            let version = soap_runtime::envelope::peek_version(&request.body).unwrap_or_default();
            if self.0.fails {
                return fault_response(&Fault::receiver(version, "the service failed"), &[]);
            }
            let body = match version {
                SoapVersion::Soap11 => pong(""),
                SoapVersion::Soap12 => pong("").replace(
                    "http://schemas.xmlsoap.org/soap/envelope/",
                    "http://www.w3.org/2003/05/soap-envelope",
                ),
            };
            SoapResponse {
                status: 200,
                content_type: version.content_type_without_action().into(),
                body: body.into(),
            }
        })
    }
}

/// A server of `service` at 127.0.0.1 requiring requests signed by `client` and signing its
/// answers with `server` (faults as `faults` says); its URL.
async fn serve(
    service: Arc<Service>,
    client: &Credentials,
    server: &Credentials,
    faults: FaultSigning,
) -> (Server, String) {
    let handler = RequireSignature::new(Handler(service), verifier(client))
        .with_signed_answers(signature(server), faults);
    let server = Server::bind("127.0.0.1:0", "/ping", Arc::new(handler), Limits::default())
        .await
        .unwrap();
    let url = server.url();
    (server, url)
}

async fn ping(client: &Client) -> Result<(), Error> {
    client
        .call::<NoHeaders, (), NoHeaders, ()>(NS, &PING, &NoHeaders, &())
        .await
        .map(|_| ())
}

#[tokio::test]
async fn signed_answers_verify_and_the_handler_sees_who_signed() {
    let client_keys = credentials("answers-client");
    let server_keys = credentials("answers-server");
    let stranger = credentials("answers-stranger");
    let service = Arc::new(Service::default());
    let (server, url) = serve(
        Arc::clone(&service),
        &client_keys,
        &server_keys,
        FaultSigning::Signed,
    )
    .await;
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let client = Client::new(url.clone())
            .with_version(version)
            .with_x509_signature(signature(&client_keys))
            .with_signed_answers(verifier(&server_keys), UnsignedFaults::Refused);
        ping(&client).await.unwrap();
        // A client that does not check answers reads a signed one as any other, the
        // `mustUnderstand` Security header left unprocessed, as before.
        let trusting = Client::new(url.clone())
            .with_version(version)
            .with_x509_signature(signature(&client_keys));
        ping(&trusting).await.unwrap();
        // A client that trusts another certificate refuses the same answer.
        let wary = Client::new(url.clone())
            .with_version(version)
            .with_x509_signature(signature(&client_keys))
            .with_signed_answers(verifier(&stranger), UnsignedFaults::Refused);
        match ping(&wary).await {
            Err(Error::Signature {
                error: SignatureError::UntrustedCertificate,
                fault: None,
            }) => {}
            other => panic!("{other:?}"),
        }
    }
    let client_der = signature(&client_keys).certificate_der().to_vec();
    let signers = service.signers.lock().unwrap().clone();
    assert_eq!(signers.len(), 6);
    assert!(signers
        .iter()
        .all(|s| s.as_deref() == Some(&client_der[..])));
    // Outside a handler there is no signer.
    assert!(verified_signer().is_none());
    server.shutdown().await;
}

#[tokio::test]
async fn faults_are_signed_or_not_as_the_server_says_and_the_client_takes_them_as_it_says() {
    let client_keys = credentials("faults-client");
    let server_keys = credentials("faults-server");
    let failing = || {
        Arc::new(Service {
            fails: true,
            ..Service::default()
        })
    };
    let client = |url: &str, unsigned_faults| {
        Client::new(url)
            .with_x509_signature(signature(&client_keys))
            .with_signed_answers(verifier(&server_keys), unsigned_faults)
    };
    // Signed faults verify and are the service's faults, for either client.
    let (server, url) = serve(failing(), &client_keys, &server_keys, FaultSigning::Signed).await;
    for unsigned_faults in [UnsignedFaults::Refused, UnsignedFaults::Accepted] {
        match ping(&client(&url, unsigned_faults)).await {
            Err(Error::Fault(fault)) => assert_eq!(fault.reason, "the service failed"),
            other => panic!("{other:?}"),
        }
    }
    server.shutdown().await;
    // Unsigned faults: refused (carrying the fault) or taken, as the client says.
    let (server, url) = serve(
        failing(),
        &client_keys,
        &server_keys,
        FaultSigning::Unsigned,
    )
    .await;
    match ping(&client(&url, UnsignedFaults::Refused)).await {
        Err(error @ Error::Signature { .. }) => {
            let shown = error.to_string();
            assert!(shown.contains("WS-Security"), "{shown}");
            assert!(shown.contains("the service failed"), "{shown}");
            let Error::Signature { error, fault } = error else {
                unreachable!()
            };
            assert_eq!(
                error,
                SignatureError::Missing {
                    path: "Header/wsse:Security"
                }
            );
            assert_eq!(fault.unwrap().reason, "the service failed");
        }
        other => panic!("{other:?}"),
    }
    match ping(&client(&url, UnsignedFaults::Accepted)).await {
        Err(Error::Fault(fault)) => assert_eq!(fault.reason, "the service failed"),
        other => panic!("{other:?}"),
    }
    server.shutdown().await;
}

#[tokio::test]
async fn the_refusal_of_a_badly_signed_request_is_not_signed() {
    let client_keys = credentials("refusal-client");
    let server_keys = credentials("refusal-server");
    let service = Arc::new(Service::default());
    let (server, url) = serve(
        Arc::clone(&service),
        &client_keys,
        &server_keys,
        FaultSigning::Signed,
    )
    .await;
    // The request is not signed: the server refuses it with an unsigned fault.
    let unsigned = Client::new(url.clone())
        .with_signed_answers(verifier(&server_keys), UnsignedFaults::Refused);
    match ping(&unsigned).await {
        Err(Error::Signature {
            error: SignatureError::Missing { .. },
            fault: Some(fault),
        }) => assert!(fault.reason.contains("WS-Security"), "{}", fault.reason),
        other => panic!("{other:?}"),
    }
    let lax =
        Client::new(url).with_signed_answers(verifier(&server_keys), UnsignedFaults::Accepted);
    match ping(&lax).await {
        Err(Error::Fault(fault)) => assert!(fault.reason.contains("wsse:Security")),
        other => panic!("{other:?}"),
    }
    assert!(service.signers.lock().unwrap().is_empty(), "never served");
    server.shutdown().await;
}

/// A client of a canned answer requiring signatures by `keys`.
fn canned(
    status: u16,
    content_type: &str,
    body: impl Into<bytes::Bytes>,
    keys: &Credentials,
) -> Client {
    let transport = CannedTransport {
        status,
        content_type: Some(content_type.to_string()),
        body: body.into(),
    };
    Client::with_transport("http://127.0.0.1:1/ping", Arc::new(transport))
        .with_signed_answers(verifier(keys), UnsignedFaults::Refused)
}

#[tokio::test]
async fn tampered_unsigned_stale_and_unsignable_answers_are_refused() {
    let keys = credentials("canned-answers");
    let xml = "text/xml; charset=utf-8";
    let signed = signature(&keys).sign_envelope(pong("").as_bytes()).unwrap();
    ping(&canned(200, xml, signed.clone(), &keys))
        .await
        .unwrap();
    let refusal = |result: Result<(), Error>| match result {
        Err(Error::Signature { error, .. }) => error,
        other => panic!("{other:?}"),
    };
    // The Body changed on the way.
    let text = String::from_utf8(signed.clone()).unwrap();
    let tampered = text.replace(
        "<PingResponse xmlns=\"urn:example:ping\"/>",
        "<PingResponse xmlns=\"urn:example:ping\">1</PingResponse>",
    );
    assert_ne!(tampered, text);
    assert!(matches!(
        refusal(ping(&canned(200, xml, tampered, &keys)).await),
        SignatureError::DigestMismatch { .. }
    ));
    // No signature at all.
    assert_eq!(
        refusal(ping(&canned(200, xml, pong(""), &keys)).await),
        SignatureError::Missing {
            path: "Header/wsse:Security"
        }
    );
    // Expired: a Timestamp that lived no time, checked without skew.
    let stale = signature(&keys)
        .with_time_to_live(Duration::ZERO)
        .sign_envelope(pong("").as_bytes())
        .unwrap();
    let strict = Client::with_transport(
        "http://127.0.0.1:1/ping",
        Arc::new(CannedTransport::ok(xml, stale)),
    )
    .with_signed_answers(
        verifier(&keys).with_clock_skew(Duration::ZERO),
        UnsignedFaults::Refused,
    );
    assert!(matches!(
        refusal(ping(&strict).await),
        SignatureError::Expired { .. }
    ));
    // MTOM cannot be signed.
    assert!(matches!(
        refusal(
            ping(&canned(
                200,
                "multipart/related; type=\"application/xop+xml\"",
                signed,
                &keys
            ))
            .await
        ),
        SignatureError::Unsupported { what: "answer", .. }
    ));
    // An error page is no SOAP message: nothing signed, an HTTP error as without signatures.
    match ping(&canned(502, "text/html", "<html>bad gateway</html>", &keys)).await {
        Err(Error::Http { status: 502, .. }) => {}
        other => panic!("{other:?}"),
    }
    // A one-way call reads nothing from a success, an empty one above all.
    let one_way = canned(202, xml, "", &keys);
    one_way
        .call_one_way::<NoHeaders, ()>(NS, &PING, &NoHeaders, &())
        .await
        .unwrap();
}

/// Envelopes of every shape the splice meets, with the Body's content as written.
fn shapes() -> Vec<(&'static str, String)> {
    let soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    let soap12 = "http://www.w3.org/2003/05/soap-envelope";
    vec![
        ("a header with content", pong("<h:Trace xmlns:h=\"urn:trace\">7</h:Trace>")),
        ("an empty header", pong("")),
        (
            "a self-closed header",
            format!("<s:Envelope xmlns:s=\"{soap11}\"><s:Header/><s:Body><PingResponse xmlns=\"urn:example:ping\"/></s:Body></s:Envelope>"),
        ),
        (
            "no header, SOAP 1.2, a declaration",
            format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<env:Envelope xmlns:env=\"{soap12}\">\n  <env:Body>\n    <PingResponse xmlns=\"urn:example:ping\">x &amp; y</PingResponse>\n  </env:Body>\n</env:Envelope>\n"),
        ),
        (
            "the SOAP namespace as the default one",
            format!("<Envelope xmlns=\"{soap11}\"><Body><p:PingResponse xmlns:p=\"urn:example:ping\"/></Body></Envelope>"),
        ),
        (
            "a self-closed body",
            format!("<s:Envelope xmlns:s=\"{soap11}\"><s:Body/></s:Envelope>"),
        ),
    ]
}

#[test]
fn sign_envelope_signs_every_shape_and_keeps_the_rest() {
    let keys = credentials("shapes");
    let signer = signature(&keys);
    let verifier = verifier(&keys);
    for (shape, envelope) in shapes() {
        let signed = signer.sign_envelope(envelope.as_bytes()).unwrap();
        let verified = verifier
            .verify(&signed)
            .unwrap_or_else(|e| panic!("{shape}: {e}\n{}", String::from_utf8_lossy(&signed)));
        assert_eq!(verified.certificate, signer.certificate_der(), "{shape}");
        let text = String::from_utf8(signed).unwrap();
        assert_eq!(text.matches("<wsse:Security ").count(), 1, "{shape}");
        let document = roxmltree::Document::parse(&text).unwrap();
        let original = roxmltree::Document::parse(&envelope).unwrap();
        let body = |d: &roxmltree::Document<'_>| {
            let body = d
                .root_element()
                .children()
                .find(|c| c.tag_name().name() == "Body")
                .unwrap();
            body.descendants()
                .skip(1)
                .map(|n| format!("{:?}{:?}", n.tag_name(), n.text()))
                .collect::<Vec<_>>()
        };
        assert_eq!(body(&document), body(&original), "{shape}");
        if shape == "a header with content" {
            assert!(text.contains("<h:Trace xmlns:h=\"urn:trace\">7</h:Trace>"));
        }
        let Some(verdict) = zeep_verify(&keys, &text) else {
            continue;
        };
        assert_eq!(verdict, "ok", "{shape}: {text}");
    }
    // Not an envelope, no Body, a Security header already there: typed errors.
    for bad in [
        String::from("<a/>"),
        String::from("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"/>"),
        String::from_utf8(signer.sign_envelope(pong("").as_bytes()).unwrap()).unwrap(),
        String::from("<s:Envelope"),
    ] {
        assert!(
            matches!(
                signer.sign_envelope(bad.as_bytes()),
                Err(soap_runtime::EncodeError::InvalidValue { .. })
            ),
            "{bad}"
        );
    }
}

/// zeep's `verify_envelope` (xmlsec) on the envelope on stdin with the certificate file
/// `argv[1]`: prints `ok`, or `refused` when it raises `SignatureVerificationFailed`.
const ZEEP_VERIFY: &str = r#"
import sys
from lxml import etree
from zeep.exceptions import SignatureVerificationFailed
from zeep.wsse.signature import verify_envelope
envelope = etree.fromstring(sys.stdin.buffer.read())
try:
    verify_envelope(envelope, sys.argv[1])
    print("ok")
except SignatureVerificationFailed:
    print("refused")
"#;

/// zeep's verdict on `envelope` signed by `keys`; `None` (after a loud message) without the
/// oracle.
fn zeep_verify(keys: &Credentials, envelope: &str) -> Option<String> {
    let certificate = keys.dir.join("cert.pem");
    support::python(
        "the zeep/xmlsec oracle",
        "wsse_answers",
        "zeep and xmlsec",
        ZEEP_VERIFY,
        &[certificate.to_str().unwrap()],
        envelope,
    )
    .map(|verdict| verdict.trim().to_string())
}
