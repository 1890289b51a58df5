//! Checking received WS-Security X.509 signatures ([`SignatureVerifier`]): our client's
//! signed requests verify; tampered, re-signed, wrapped, expired, untrusted, hostile and
//! mutated ones give typed errors and never a panic; and [`RequireSignature`] in front of a
//! SOAP handler over HTTP on 127.0.0.1 serves signed requests and answers others with a fault.

mod support;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use soap_runtime::client::Client;
use soap_runtime::server::{Server, SoapHandler, SoapRequest, SoapResponse};
use soap_runtime::wsse::{
    DigestAlgorithm, RequireSignature, SignatureAlgorithm, SignatureError, SignatureVerifier,
    X509Signature,
};
use soap_runtime::Skipped as NoHeaders;
use soap_runtime::{Error, Limits, SoapVersion};
use support::signing::{credentials, signed_request};
use support::{pong, NS, PING};

async fn signed(keys: &support::signing::Credentials, version: SoapVersion) -> String {
    signed_request(
        X509Signature::new(&keys.certificate, &keys.key).unwrap(),
        version,
    )
    .await
}

fn verifier(keys: &support::signing::Credentials) -> SignatureVerifier {
    SignatureVerifier::new().trust(&keys.certificate).unwrap()
}

#[tokio::test]
async fn our_signed_requests_verify_with_every_algorithm() {
    let keys = credentials("verify-ok");
    let verifier = verifier(&keys);
    for (signature_algorithm, digest_algorithm) in [
        (SignatureAlgorithm::RsaSha256, DigestAlgorithm::Sha256),
        (SignatureAlgorithm::RsaSha256, DigestAlgorithm::Sha1),
        (SignatureAlgorithm::RsaSha512, DigestAlgorithm::Sha512),
    ] {
        for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
            let signature = X509Signature::new(&keys.certificate, &keys.key)
                .unwrap()
                .with_signature_algorithm(signature_algorithm)
                .with_digest_algorithm(digest_algorithm);
            let certificate = signature.certificate_der().to_vec();
            let request = signed_request(signature, version).await;
            let verified = verifier.verify(request.as_bytes()).unwrap();
            assert_eq!(verified.certificate, certificate);
            assert!(verified.expires.is_some());
        }
    }
}

#[tokio::test]
async fn tampered_untrusted_and_stale_requests_are_refused_with_typed_errors() {
    let keys = credentials("verify-bad");
    let other = credentials("verify-other");
    let verifier = verifier(&keys);
    let request = signed(&keys, SoapVersion::Soap11).await;
    let verify = |xml: &str| verifier.verify(xml.as_bytes());

    // The Body changed after signing.
    let changed = request.replace("<n0:Ping/>", "<n0:Ping>1</n0:Ping>");
    assert!(
        matches!(verify(&changed), Err(SignatureError::DigestMismatch { ref uri }) if uri.starts_with("#id-")),
        "{:?}",
        verify(&changed)
    );
    // The Timestamp changed after signing.
    let moved = request.replacen("<wsu:Expires>2", "<wsu:Expires>3", 1);
    assert!(matches!(
        verify(&moved),
        Err(SignatureError::DigestMismatch { ref uri }) if uri.starts_with("#TS-")
    ));
    // The signature value changed.
    let value_at = request.find("<ds:SignatureValue>").unwrap() + "<ds:SignatureValue>".len() + 10;
    let mut forged = request.clone().into_bytes();
    forged[value_at] = if forged[value_at] == b'A' { b'B' } else { b'A' };
    assert_eq!(verifier.verify(&forged), Err(SignatureError::BadSignature));
    // Signed by a certificate the service does not trust.
    let foreign = signed(&other, SoapVersion::Soap11).await;
    assert_eq!(verify(&foreign), Err(SignatureError::UntrustedCertificate));
    // Too late, and too early.
    let later = SystemTime::now() + Duration::from_secs(3600);
    assert!(matches!(
        verifier.verify_at(request.as_bytes(), later),
        Err(SignatureError::Expired { .. })
    ));
    let earlier = SystemTime::now() - Duration::from_secs(3600);
    assert!(matches!(
        verifier.verify_at(request.as_bytes(), earlier),
        Err(SignatureError::CreatedInTheFuture { .. })
    ));
    // Within the skew, both pass.
    let verifier_with_skew = self::verifier(&keys).with_clock_skew(Duration::from_secs(7200));
    assert!(verifier_with_skew
        .verify_at(request.as_bytes(), later)
        .is_ok());

    // An unsigned request.
    let plain = pong("");
    assert_eq!(
        verify(&plain),
        Err(SignatureError::Missing {
            path: "Header/wsse:Security"
        })
    );
    // A second Security header.
    let start = request.find("<wsse:Security ").unwrap();
    let end = request.find("</wsse:Security>").unwrap() + "</wsse:Security>".len();
    let twice = format!(
        "{}{}{}",
        &request[..end],
        &request[start..end],
        &request[end..]
    );
    assert_eq!(
        verify(&twice),
        Err(SignatureError::Repeated("wsse:Security"))
    );
    // A reference to an element that does not exist, or a transform not supported.
    let dangling = request.replacen("URI=\"#id-", "URI=\"#nothing-", 1);
    assert!(matches!(
        verify(&dangling),
        Err(SignatureError::Unresolved { .. })
    ));
    let enveloped = request.replacen(
        "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
        "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>",
        1,
    );
    assert!(matches!(
        verify(&enveloped),
        Err(SignatureError::Unsupported {
            what: "transform",
            ..
        })
    ));
    let hmac = request.replacen(
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
        1,
    );
    assert!(matches!(
        verify(&hmac),
        Err(SignatureError::Unsupported {
            what: "signature method",
            ..
        })
    ));
    // Not XML, not an envelope.
    assert!(matches!(
        verify("<a><b></a>"),
        Err(SignatureError::Malformed(_))
    ));
    assert_eq!(verify("<a/>"), Err(SignatureError::NotEnvelope));
}

#[tokio::test]
async fn a_signed_body_moved_aside_for_another_is_refused() {
    // XML signature wrapping: the signed Body (with its id) goes into a header of the
    // attacker's, and a Body of the attacker's takes its place. The reference still resolves
    // and its digest matches, but it no longer names the Body the service would read.
    let keys = credentials("verify-wrapping");
    let verifier = verifier(&keys);
    let request = signed(&keys, SoapVersion::Soap11).await;
    let body_start = request.find("<s:Body ").unwrap();
    let body_end = request.find("</s:Body>").unwrap() + "</s:Body>".len();
    let signed_body = &request[body_start..body_end];
    let wrapped = format!(
        "{}<w:Wrapper xmlns:w=\"urn:attacker\">{}</w:Wrapper></s:Header><s:Body><n0:Ping>evil</n0:Ping></s:Body></s:Envelope>",
        &request[..request.find("</s:Header>").unwrap()],
        signed_body
    );
    assert_eq!(
        verifier.verify(wrapped.as_bytes()),
        Err(SignatureError::NotSigned("Body"))
    );
    // The same id on the attacker's Body too: the reference is ambiguous.
    let id = &signed_body[signed_body.find("wsu:Id=\"").unwrap()..];
    let id = &id[..id[8..].find('"').unwrap() + 9];
    let twin = wrapped.replace(
        "<s:Body><n0:Ping>evil",
        &format!("<s:Body xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\" {id}><n0:Ping>evil"),
    );
    assert!(matches!(
        verifier.verify(twin.as_bytes()),
        Err(SignatureError::Unresolved { problem, .. }) if problem.contains("several")
    ));
}

#[tokio::test]
async fn hostile_and_mutated_requests_give_errors_not_panics() {
    let keys = credentials("verify-hostile");
    let verifier = verifier(&keys).with_limits(Limits {
        max_message_size: 1 << 20,
        max_depth: 64,
        ..Limits::default()
    });
    // Deep nesting inside the Body: refused by the reader's depth limit.
    let deep = format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>{}{}</s:Body></s:Envelope>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    assert!(matches!(
        verifier.verify(deep.as_bytes()),
        Err(SignatureError::Malformed(_))
    ));
    // Every byte of a signed request changed in turn (a sample of positions): an error or,
    // where the change does not alter the canonical forms (a quote's kind, whitespace in a
    // tag), a pass; never a panic.
    let request = signed(&keys, SoapVersion::Soap12).await;
    let mut refused = 0;
    for at in (0..request.len()).step_by(5) {
        for replacement in [b'x', b'<', b'"'] {
            let mut mutated = request.clone().into_bytes();
            if mutated[at] == replacement {
                continue;
            }
            mutated[at] = replacement;
            if verifier.verify(&mutated).is_err() {
                refused += 1;
            }
        }
    }
    assert!(refused > 0);
}

/// Answers every request with `PingResponse`.
struct Pong;

impl SoapHandler for Pong {
    fn handle(
        &self,
        _request: SoapRequest,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = SoapResponse> + Send + '_>> {
        Box::pin(std::future::ready(SoapResponse {
            status: 200,
            content_type: "text/xml; charset=utf-8".into(),
            body: pong("").into(),
        }))
    }
}

#[tokio::test]
async fn require_signature_serves_signed_requests_and_refuses_others_over_http() {
    let keys = credentials("verify-http");
    let handler = RequireSignature::new(Pong, verifier(&keys));
    let server = Server::bind("127.0.0.1:0", "/ping", Arc::new(handler), Limits::default())
        .await
        .unwrap();
    let url = format!("{}/ping", server.url().trim_end_matches("/ping"));
    let call = |client: Client| async move {
        client
            .call::<NoHeaders, (), NoHeaders, ()>(NS, &PING, &NoHeaders, &())
            .await
    };
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let signing = Client::new(url.clone())
            .with_version(version)
            .with_x509_signature(X509Signature::new(&keys.certificate, &keys.key).unwrap());
        call(signing).await.unwrap();
        match call(Client::new(url.clone()).with_version(version)).await {
            Err(Error::Fault(fault)) => {
                assert_eq!(fault.version, version);
                assert!(fault.reason.contains("WS-Security"), "{}", fault.reason);
                assert!(fault.reason.contains("wsse:Security"), "{}", fault.reason);
            }
            other => panic!("{other:?}"),
        }
    }
    server.shutdown().await;
}
