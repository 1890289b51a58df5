//! Trust through certificate chains: a [`SignatureVerifier`] given trust anchors (CA
//! certificates) accepts a signer whose certificate chains to one, directly or through an
//! intermediate the message sends (a BinarySecurityToken, an `X509Certificate` beside the
//! signer's) or the verifier knows ([`SignatureVerifier::with_intermediate`], which also lets a
//! KeyInfo name an unsent signer by issuer and serial or thumbprint); it refuses an expired or
//! not yet valid chain, a leaf of another CA, a self-signed leaf, a CA or a leaf whose
//! keyUsage does not sign, each with a [`ChainFailure`] naming the certificate; mutated DER of
//! the chain gives errors, never a panic; and [`RequireSignature`] and
//! [`Client::with_signed_answers`] take such a verifier. Certificates are made by `openssl` at
//! test time.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use soap_runtime::client::{Client, UnsignedFaults};
use soap_runtime::server::{Server, SoapHandler, SoapRequest, SoapResponse};
use soap_runtime::wsse::{
    verified_signer, ChainFailure, CredentialError, FaultSigning, RequireSignature, SignatureError,
    SignatureVerifier, X509Signature, THUMBPRINT_SHA1, X509_PKI_PATH_V1, X509_V3,
};
use soap_runtime::Skipped as NoHeaders;
use soap_runtime::{Limits, SoapVersion};
use support::pki::{Issued, Pki, Role};
use support::signing::signed_request;
use support::{pong, NS, PING};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn signature(leaf: &Issued) -> X509Signature {
    X509Signature::new(&leaf.certificate, &leaf.key).unwrap()
}

/// A request for `Ping` signed by `leaf` (its certificate as the BinarySecurityToken).
async fn signed_by(leaf: &Issued) -> String {
    signed_request(signature(leaf), SoapVersion::Soap11).await
}

/// A verifier trusting `root` as its only anchor.
fn anchored(root: &Issued) -> SignatureVerifier {
    SignatureVerifier::new()
        .trust_anchor(&root.certificate)
        .unwrap()
}

/// `request` with its KeyInfo's content replaced by `key_info`.
fn with_key_info(request: &str, key_info: &str) -> String {
    let start = request.find("<ds:KeyInfo>").unwrap() + "<ds:KeyInfo>".len();
    let end = request.find("</ds:KeyInfo>").unwrap();
    format!("{}{key_info}{}", &request[..start], &request[end..])
}

/// `request` with one more X509v3 BinarySecurityToken, holding `der`, first in its Security
/// header (outside what the signature covers).
fn with_token(request: &str, der: &[u8]) -> String {
    let security = request.find("<wsse:Security").unwrap();
    let at = security + request[security..].find('>').unwrap() + 1;
    format!(
        "{}<wsse:BinarySecurityToken ValueType=\"{X509_V3}\">{}</wsse:BinarySecurityToken>{}",
        &request[..at],
        base64(der),
        &request[at..]
    )
}

/// `request` with its BinarySecurityToken replaced by an `X509PKIPathv1` one holding `chain`
/// (a DER SEQUENCE of the certificates).
fn with_pki_path(request: &str, chain: &[&[u8]]) -> String {
    let content: Vec<u8> = chain.concat();
    let length = u16::try_from(content.len()).unwrap().to_be_bytes();
    let path = [&[0x30, 0x82][..], &length, &content].concat();
    let start = request.find("<wsse:BinarySecurityToken").unwrap();
    let open_end = start + request[start..].find('>').unwrap() + 1;
    let close = request.find("</wsse:BinarySecurityToken>").unwrap();
    let open = request[start..open_end].replace(X509_V3, X509_PKI_PATH_V1);
    format!(
        "{}{open}{}{}",
        &request[..start],
        base64(&path),
        &request[close..]
    )
}

fn x509_data(content: &str) -> String {
    format!("<ds:X509Data>{content}</ds:X509Data>")
}

fn certificate_element(der: &[u8]) -> String {
    format!("<ds:X509Certificate>{}</ds:X509Certificate>", base64(der))
}

/// A root CA, an intermediate CA it issued, a signer the root issued and one the intermediate
/// issued.
struct Hierarchy {
    pki: Pki,
    root: Issued,
    intermediate: Issued,
    direct: Issued,
    indirect: Issued,
}

fn hierarchy(test: &str) -> Hierarchy {
    let pki = Pki::new(test);
    let root = pki.self_signed("root", "/CN=Test Root CA/O=Example", Role::Ca, 3650);
    let intermediate = pki.issue(
        &root,
        "intermediate",
        "/CN=Test Issuing CA/O=Example",
        Role::Ca,
        365,
    );
    let direct = pki.issue(
        &root,
        "direct",
        "/CN=Direct Signer/O=Example",
        Role::Signer,
        1,
    );
    let indirect = pki.issue(
        &intermediate,
        "indirect",
        "/CN=Indirect Signer/O=Example, Inc./C=BE",
        Role::Signer,
        30,
    );
    Hierarchy {
        pki,
        root,
        intermediate,
        direct,
        indirect,
    }
}

/// The failure of a chain `result` reports, with the signer's subject.
fn chain_failure<T: std::fmt::Debug>(result: Result<T, SignatureError>) -> (String, ChainFailure) {
    match result {
        Err(SignatureError::UntrustedChain { subject, reason }) => (subject, reason),
        other => panic!("not a chain failure: {other:?}"),
    }
}

#[tokio::test]
async fn a_signer_issued_by_a_trusted_ca_is_accepted_without_being_pinned() {
    let h = hierarchy("direct");
    let request = signed_by(&h.direct).await;
    let verified = anchored(&h.root).verify(request.as_bytes()).unwrap();
    assert_eq!(
        verified.certificate,
        h.direct.der(),
        "the leaf is the signer"
    );

    // A renewed certificate (a new key, the same CA) is accepted as well: what pinning lacks.
    let renewed = h.pki.issue(
        &h.root,
        "renewed",
        "/CN=Direct Signer/O=Example",
        Role::Signer,
        1,
    );
    let verified = anchored(&h.root)
        .verify(signed_by(&renewed).await.as_bytes())
        .unwrap();
    assert_eq!(verified.certificate, renewed.der());

    // An extended key usage that is not a TLS server's does not stand in the way.
    let with_eku = h
        .pki
        .issue(&h.root, "eku", "/CN=Client Signer", Role::SignerWithEku, 1);
    anchored(&h.root)
        .verify(signed_by(&with_eku).await.as_bytes())
        .unwrap();

    // Without an anchor, the leaf is pinned or refused as before; pinned and anchored
    // certificates are trusted side by side.
    let pinned_other = SignatureVerifier::new()
        .trust(&with_eku.certificate)
        .unwrap();
    assert_eq!(
        pinned_other.verify(request.as_bytes()),
        Err(SignatureError::UntrustedCertificate)
    );
    let both = pinned_other.trust_anchor(&h.root.certificate).unwrap();
    both.verify(request.as_bytes()).unwrap();
    both.verify(signed_by(&with_eku).await.as_bytes()).unwrap();

    // A bundle of anchors (PEM with several certificates) trusts each.
    let other_root = h
        .pki
        .self_signed("other-root", "/CN=Other Root CA", Role::Ca, 30);
    let bundle = [other_root.certificate.clone(), h.root.certificate.clone()].concat();
    SignatureVerifier::new()
        .trust_anchor(&bundle)
        .unwrap()
        .verify(request.as_bytes())
        .unwrap();
}

#[tokio::test]
async fn a_signer_chains_through_an_intermediate_sent_or_configured() {
    let h = hierarchy("intermediate");
    let request = signed_by(&h.indirect).await;
    let leaf = h.indirect.der();
    let intermediate = h.intermediate.der();

    // Alone, the leaf's issuer is unknown.
    let (subject, reason) = chain_failure(anchored(&h.root).verify(request.as_bytes()));
    assert_eq!(subject, r"CN=Indirect Signer,O=Example\, Inc.,C=BE");
    assert_eq!(reason, ChainFailure::UnknownIssuer);

    // Sent in the message: as another BinarySecurityToken, or beside the signer's certificate
    // in the KeyInfo's X509Data (in either order).
    let accepted = |message: String| {
        let verified = anchored(&h.root).verify(message.as_bytes()).unwrap();
        assert_eq!(verified.certificate, leaf, "{message}");
    };
    accepted(with_token(&request, &intermediate));
    // As WSS4J sends a chain: one `X509PKIPathv1` token, the signer's certificate last.
    accepted(with_pki_path(&request, &[&intermediate, &leaf]));
    accepted(with_pki_path(
        &request,
        &[&h.root.der(), &intermediate, &leaf],
    ));
    // A path with two leaves names no one signer; an empty one names none.
    let other_leaf = h.pki.issue(
        &h.intermediate,
        "other-leaf",
        "/CN=Other Leaf",
        Role::Signer,
        1,
    );
    assert_eq!(
        anchored(&h.root)
            .verify(with_pki_path(&request, &[&intermediate, &other_leaf.der(), &leaf]).as_bytes()),
        Err(SignatureError::AmbiguousKeyInfo)
    );
    assert_eq!(
        anchored(&h.root).verify(with_pki_path(&request, &[]).as_bytes()),
        Err(SignatureError::InvalidKeyName("X509PKIPathv1 token"))
    );
    accepted(with_key_info(
        &request,
        &x509_data(&format!(
            "{}{}",
            certificate_element(&intermediate),
            certificate_element(&leaf)
        )),
    ));
    accepted(with_key_info(
        &request,
        &format!(
            "<wsse:SecurityTokenReference>{}</wsse:SecurityTokenReference>",
            x509_data(&format!(
                "{}{}{}",
                certificate_element(&leaf),
                certificate_element(&intermediate),
                certificate_element(&h.root.der())
            ))
        ),
    ));

    // Configured in the verifier.
    let configured = anchored(&h.root)
        .with_intermediate(&h.intermediate.certificate)
        .unwrap();
    assert_eq!(
        configured.verify(request.as_bytes()).unwrap().certificate,
        leaf
    );

    // A KeyInfo that names an unsent signer by issuer and serial number or thumbprint: the
    // signer's certificate is configured too, and trusted through its chain only.
    let by_issuer_serial = with_key_info(
        &request,
        &x509_data(
            "<ds:X509IssuerSerial><ds:X509IssuerName>CN=Test Issuing CA,O=Example\
             </ds:X509IssuerName><ds:X509SerialNumber>4099</ds:X509SerialNumber>\
             </ds:X509IssuerSerial>",
        ),
    );
    let by_thumbprint = with_key_info(
        &request,
        &format!(
            "<wsse:SecurityTokenReference><wsse:KeyIdentifier ValueType=\"{THUMBPRINT_SHA1}\">{}\
             </wsse:KeyIdentifier></wsse:SecurityTokenReference>",
            base64(ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &leaf).as_ref())
        ),
    );
    let both = [
        h.intermediate.certificate.clone(),
        h.indirect.certificate.clone(),
    ]
    .concat();
    let knowing = anchored(&h.root).with_intermediate(&both).unwrap();
    for message in [&by_issuer_serial, &by_thumbprint] {
        assert_eq!(
            knowing.verify(message.as_bytes()).unwrap().certificate,
            leaf
        );
        assert!(matches!(
            configured.verify(message.as_bytes()),
            Err(SignatureError::UnknownKey { .. })
        ));
    }
    // Known but chaining to no anchor: refused.
    let unanchored = SignatureVerifier::new().with_intermediate(&both).unwrap();
    assert_eq!(
        unanchored.verify(by_thumbprint.as_bytes()),
        Err(SignatureError::UntrustedCertificate)
    );
}

#[tokio::test]
async fn expired_foreign_self_signed_and_non_signing_certificates_are_refused() {
    let h = hierarchy("refused");
    let verifier = anchored(&h.root)
        .with_intermediate(&h.intermediate.certificate)
        .unwrap();
    let now = SystemTime::now();

    // The direct signer's certificate is valid for a day: three days on, it has expired (the
    // chain is checked before the message's Timestamp).
    let request = signed_by(&h.direct).await;
    let (subject, reason) = chain_failure(verifier.verify_at(request.as_bytes(), now + 3 * DAY));
    assert_eq!(subject, "CN=Direct Signer,O=Example");
    match &reason {
        ChainFailure::Expired {
            certificate,
            not_after,
        } => {
            assert_eq!(certificate, "CN=Direct Signer,O=Example");
            assert!(not_after.ends_with('Z'), "{not_after}");
        }
        other => panic!("{other:?}"),
    }
    let shown = SignatureError::UntrustedChain { subject, reason }.to_string();
    assert!(
        shown.starts_with(
            "the signing certificate `CN=Direct Signer,O=Example` is not trusted: the \
             certificate `CN=Direct Signer,O=Example` expired at "
        ),
        "{shown}"
    );
    // Before it was issued, it is not valid yet.
    let (_, reason) = chain_failure(verifier.verify_at(request.as_bytes(), now - 3 * DAY));
    assert!(
        matches!(reason, ChainFailure::NotYetValid { ref certificate, .. } if certificate == "CN=Direct Signer,O=Example"),
        "{reason:?}"
    );

    // An expired intermediate is named as the one that expired.
    let short_lived = h
        .pki
        .issue(&h.root, "short-lived-ca", "/CN=Short-lived CA", Role::Ca, 1);
    let long_leaf = h.pki.issue(
        &short_lived,
        "long-leaf",
        "/CN=Long Signer",
        Role::Signer,
        30,
    );
    let request = with_token(&signed_by(&long_leaf).await, &short_lived.der());
    anchored(&h.root).verify(request.as_bytes()).unwrap();
    let (subject, reason) =
        chain_failure(anchored(&h.root).verify_at(request.as_bytes(), now + 3 * DAY));
    assert_eq!(subject, "CN=Long Signer");
    assert!(
        matches!(reason, ChainFailure::Expired { ref certificate, .. } if certificate == "CN=Short-lived CA"),
        "{reason:?}"
    );

    // A signer of another CA, and a self-signed one, chain to no anchor.
    let other_root = h
        .pki
        .self_signed("other-root", "/CN=Other Root CA", Role::Ca, 30);
    let foreign = h
        .pki
        .issue(&other_root, "foreign", "/CN=Foreign", Role::Signer, 1);
    let self_signed = h
        .pki
        .self_signed("self-signed", "/CN=Self Signed", Role::Signer, 1);
    for (leaf, expected_subject) in [(&foreign, "CN=Foreign"), (&self_signed, "CN=Self Signed")] {
        let (subject, reason) = chain_failure(verifier.verify(signed_by(leaf).await.as_bytes()));
        assert_eq!(subject, expected_subject);
        assert_eq!(reason, ChainFailure::UnknownIssuer);
    }
    // Even with the other root's certificate sent along.
    let sent_root = with_token(&signed_by(&foreign).await, &other_root.der());
    assert_eq!(
        chain_failure(verifier.verify(sent_root.as_bytes())).1,
        ChainFailure::UnknownIssuer
    );

    // CA certificates (keyUsage keyCertSign and cRLSign) and a leaf whose keyUsage only
    // encrypts keys may not sign messages, the anchor itself included.
    let encipherer = h
        .pki
        .issue(&h.root, "encipherer", "/CN=Encipherer", Role::Encipherer, 1);
    for (signer, expected_subject) in [
        (&h.root, "CN=Test Root CA,O=Example"),
        (&h.intermediate, "CN=Test Issuing CA,O=Example"),
        (&encipherer, "CN=Encipherer"),
    ] {
        let (subject, reason) = chain_failure(verifier.verify(signed_by(signer).await.as_bytes()));
        assert_eq!(subject, expected_subject);
        assert_eq!(
            reason,
            ChainFailure::WrongUsage(
                "its key usage allows neither digitalSignature nor nonRepudiation"
            )
        );
    }
}

#[tokio::test]
async fn mutated_chain_der_gives_errors_not_panics() {
    let h = hierarchy("mutated");
    let verifier = anchored(&h.root);
    let request = signed_by(&h.indirect).await;
    let leaf = h.indirect.der();
    let intermediate = h.intermediate.der();
    let message = |leaf: &[u8], intermediate: &[u8]| {
        with_key_info(
            &request,
            &x509_data(&format!(
                "{}{}",
                certificate_element(leaf),
                certificate_element(intermediate)
            )),
        )
    };
    assert!(verifier
        .verify(message(&leaf, &intermediate).as_bytes())
        .is_ok());
    let mut refused = 0;
    let mut mutate = |at: usize, replacement: u8, of_leaf: bool| {
        let (mut leaf, mut intermediate) = (leaf.clone(), intermediate.clone());
        let target = if of_leaf {
            &mut leaf
        } else {
            &mut intermediate
        };
        if target[at] == replacement {
            return;
        }
        target[at] = replacement;
        if verifier
            .verify(message(&leaf, &intermediate).as_bytes())
            .is_err()
        {
            refused += 1;
        }
    };
    for at in 0..leaf.len() {
        for replacement in [0x00, 0xff, 0x80] {
            mutate(at, replacement, true);
        }
    }
    for (at, byte) in intermediate.iter().enumerate() {
        mutate(at, byte ^ 0x01, false);
    }
    assert!(refused > leaf.len(), "{refused}");
    // The same chain as a PkiPath token, mutated, and cut short.
    let path = [intermediate.as_slice(), leaf.as_slice()];
    let pki_path = with_pki_path(&request, &path);
    let token_start = pki_path.find(X509_PKI_PATH_V1).unwrap();
    let token_start = token_start + pki_path[token_start..].find('>').unwrap() + 1;
    let token_end = pki_path.find("</wsse:BinarySecurityToken>").unwrap();
    let token = base64::engine::general_purpose::STANDARD
        .decode(&pki_path[token_start..token_end])
        .unwrap();
    let with_token_bytes = |bytes: &[u8]| {
        format!(
            "{}{}{}",
            &pki_path[..token_start],
            base64(bytes),
            &pki_path[token_end..]
        )
    };
    assert!(verifier.verify(with_token_bytes(&token).as_bytes()).is_ok());
    for at in (0..token.len()).step_by(3) {
        let mut mutated = token.clone();
        mutated[at] ^= 0x80;
        let _ = verifier.verify(with_token_bytes(&mutated).as_bytes());
    }
    for length in (0..token.len()).step_by(5) {
        assert!(verifier
            .verify(with_token_bytes(&token[..length]).as_bytes())
            .is_err());
    }
    // Cut short, or as an anchor.
    for length in 0..leaf.len() {
        let cut = &leaf[..length];
        assert!(verifier
            .verify(message(cut, &intermediate).as_bytes())
            .is_err());
        let _ = SignatureVerifier::new().trust_anchor(cut);
        let _ = SignatureVerifier::new().with_intermediate(cut);
    }
}

/// Answers every request with `PingResponse`, keeping the certificate of each verified signer.
#[derive(Default)]
struct Pong {
    signers: Mutex<Vec<Vec<u8>>>,
}

/// A [`Pong`] as a SOAP handler.
struct Handler(Arc<Pong>);

impl SoapHandler for Handler {
    fn handle(
        &self,
        _request: SoapRequest,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = SoapResponse> + Send + '_>> {
        if let Some(signer) = verified_signer() {
            self.0
                .signers
                .lock()
                .unwrap()
                .push(signer.certificate.clone());
        }
        Box::pin(std::future::ready(SoapResponse {
            status: 200,
            content_type: "text/xml; charset=utf-8".into(),
            body: pong("").into(),
        }))
    }
}

#[tokio::test]
async fn a_server_and_a_client_trust_each_other_through_their_cas() {
    let h = hierarchy("http");
    let server_leaf = h.pki.issue(
        &h.intermediate,
        "server",
        "/CN=Server Signer",
        Role::Signer,
        30,
    );
    let pong = Arc::new(Pong::default());
    let handler = RequireSignature::new(
        Handler(Arc::clone(&pong)),
        anchored(&h.root)
            .with_intermediate(&h.intermediate.certificate)
            .unwrap(),
    )
    .with_signed_answers(signature(&server_leaf), FaultSigning::Signed);
    let server = Server::bind("127.0.0.1:0", "/ping", Arc::new(handler), Limits::default())
        .await
        .unwrap();
    let call = |client: Client| async move {
        client
            .call::<NoHeaders, (), NoHeaders, ()>(NS, &PING, &NoHeaders, &())
            .await
    };
    let client = |verifier: SignatureVerifier| {
        Client::new(server.url())
            .with_x509_signature(signature(&h.indirect))
            .with_signed_answers(verifier, UnsignedFaults::Refused)
    };
    call(client(
        anchored(&h.root)
            .with_intermediate(&h.intermediate.certificate)
            .unwrap(),
    ))
    .await
    .unwrap();
    assert_eq!(*pong.signers.lock().unwrap(), vec![h.indirect.der()]);
    // A client trusting the root alone cannot chain the server's answer (the server sends
    // only its own certificate).
    let refused = call(client(anchored(&h.root))).await;
    assert!(
        matches!(
            refused,
            Err(soap_runtime::Error::Signature {
                error: SignatureError::UntrustedChain {
                    reason: ChainFailure::UnknownIssuer,
                    ..
                },
                ..
            })
        ),
        "{refused:?}"
    );
    // A request signed by another CA's signer is refused with a fault naming why.
    let other_root = h
        .pki
        .self_signed("other-root", "/CN=Other Root CA", Role::Ca, 30);
    let foreign = h
        .pki
        .issue(&other_root, "foreign", "/CN=Foreign", Role::Signer, 1);
    let foreigner = Client::new(server.url()).with_x509_signature(signature(&foreign));
    match call(foreigner).await {
        Err(soap_runtime::Error::Fault(fault)) => assert!(
            fault.reason.contains("`CN=Foreign`") && fault.reason.contains("unknown issuer"),
            "{}",
            fault.reason
        ),
        other => panic!("{other:?}"),
    }
    server.shutdown().await;
}

#[tokio::test]
async fn revocation_lists_refuse_revoked_signers_and_intermediates() {
    let h = hierarchy("revocation");
    let request = signed_by(&h.indirect).await;
    let leaf = h.indirect.der();
    // Lists revoking nothing yet (a day each), then lists revoking the signer and its CA.
    let root_clear = h.pki.revocation_list(&h.root, &[], 1);
    let intermediate_clear = h.pki.revocation_list(&h.intermediate, &[], 1);
    let signer_revoked = h.pki.revocation_list(&h.intermediate, &[&h.indirect], 1);
    let ca_revoked = h.pki.revocation_list(&h.root, &[&h.intermediate], 1);
    let verifier = |lists: &[&[u8]]| {
        lists.iter().fold(
            anchored(&h.root)
                .with_intermediate(&h.intermediate.certificate)
                .unwrap(),
            |verifier, list| verifier.with_revocation_list(list).unwrap(),
        )
    };
    let accepted = |verifier: SignatureVerifier| {
        assert_eq!(
            verifier.verify(request.as_bytes()).unwrap().certificate,
            leaf
        );
    };
    let refused = |verifier: SignatureVerifier, expected: ChainFailure| {
        let (subject, reason) = chain_failure(verifier.verify(request.as_bytes()));
        assert_eq!(subject, r"CN=Indirect Signer,O=Example\, Inc.,C=BE");
        assert_eq!(reason, expected);
    };

    // Every certificate of the chain covered, none revoked: accepted; the lists given one
    // by one or as one PEM bundle.
    accepted(verifier(&[&root_clear, &intermediate_clear]));
    accepted(verifier(&[
        &[root_clear.as_slice(), &intermediate_clear].concat()
    ]));
    // The intermediate's status is unknown without the root's list: refused, unless allowed
    // or only the signer is checked.
    refused(
        verifier(&[&intermediate_clear]),
        ChainFailure::RevocationStatusUnknown,
    );
    accepted(verifier(&[&intermediate_clear]).allow_unknown_revocation_status());
    accepted(verifier(&[&intermediate_clear]).only_check_end_entity_revocation());

    // The signer revoked: refused, whatever is allowed.
    refused(
        verifier(&[&root_clear, &signer_revoked]),
        ChainFailure::Revoked,
    );
    refused(
        verifier(&[&signer_revoked]).allow_unknown_revocation_status(),
        ChainFailure::Revoked,
    );
    // Its CA revoked: refused, unless only the signer is checked.
    refused(
        verifier(&[&ca_revoked, &intermediate_clear]),
        ChainFailure::Revoked,
    );
    accepted(verifier(&[&ca_revoked, &intermediate_clear]).only_check_end_entity_revocation());

    // Three days on, the lists are past their nextUpdate: still used by default (the
    // message's Timestamp is what fails then), refused when expiration is enforced.
    let later = SystemTime::now() + 3 * DAY;
    let stale = verifier(&[&root_clear, &intermediate_clear]);
    assert!(matches!(
        stale.verify_at(request.as_bytes(), later),
        Err(SignatureError::Expired { .. })
    ));
    match stale
        .enforce_revocation_expiration()
        .verify_at(request.as_bytes(), later)
    {
        Err(SignatureError::UntrustedChain {
            reason: ChainFailure::RevocationListExpired { next_update },
            ..
        }) => assert!(next_update.ends_with('Z'), "{next_update}"),
        other => panic!("not refused for a stale list: {other:?}"),
    }

    // A list claiming to be the issuing CA's but signed by another key: not trusted.
    let impostor = h
        .pki
        .self_signed("impostor", "/CN=Test Issuing CA/O=Example", Role::Ca, 30);
    let forged = h.pki.revocation_list(&impostor, &[], 1);
    refused(
        verifier(&[&root_clear, &forged]),
        ChainFailure::BadRevocationList("its signature does not verify with its issuer's key"),
    );

    // What is not a revocation list is refused when configured, saying so.
    for not_a_list in [&b"junk"[..], &h.root.certificate, &h.root.der(), b""] {
        assert!(matches!(
            anchored(&h.root).with_revocation_list(not_a_list),
            Err(CredentialError::InvalidRevocationList { .. })
        ));
    }
}
