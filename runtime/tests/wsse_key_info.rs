//! The ways a signature's `ds:KeyInfo` may name the signing certificate, each checked by
//! [`SignatureVerifier`] against the trusted certificates only: a reference to a
//! BinarySecurityToken, `ds:X509Data` (`X509IssuerSerial` in the spellings of OpenSSL, .NET and
//! RFC 1779, `X509SKI`, `X509Certificate`) inside a `wsse:SecurityTokenReference` or directly,
//! and `wsse:KeyIdentifier`s (`ThumbprintSHA1`, `X509SubjectKeyIdentifier`, `X509v3`), for a
//! certificate with a subject key identifier extension and one without; and each failure: a
//! name that matches no trusted certificate, names that disagree, unreadable names, unknown
//! kinds.
//!
//! The KeyInfo lies outside `ds:SignedInfo`: the test signs a request with our client and
//! rewrites its KeyInfo in each way.

mod support;

use base64::Engine as _;
use soap_runtime::wsse::{
    SignatureError, SignatureVerifier, X509Signature, THUMBPRINT_SHA1, X509_SUBJECT_KEY_IDENTIFIER,
    X509_V3,
};
use soap_runtime::SoapVersion;
use support::signing::{credentials_with, signed_request, Credentials};

/// The signer's serial number, set at creation (18 bytes, as large as OpenSSL's random ones
/// are), and in decimal.
const SERIAL_HEX: &str = "0x0123456789ABCDEF0123456789ABCDEF0123";
const SERIAL: &str = "99114423104580546006193429178388264714531";
/// The signer's subject (and issuer: it is self-signed).
const SUBJECT: &str = "/CN=Key Info Signer/O=Example, Inc./C=BE";

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn der(keys: &Credentials) -> Vec<u8> {
    X509Signature::new(&keys.certificate, &keys.key)
        .unwrap()
        .certificate_der()
        .to_vec()
}

/// The SHA-1 of the certificate's subjectPublicKey bits: OpenSSL's subject key identifier, and
/// the one computed for a certificate without the extension.
fn subject_key_identifier(certificate: &[u8]) -> Vec<u8> {
    // The BIT STRING after the rsaEncryption AlgorithmIdentifier.
    let oid = [
        0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
    ];
    let at = certificate
        .windows(oid.len())
        .position(|w| w == oid)
        .unwrap()
        + oid.len();
    assert_eq!(certificate[at], 0x03);
    assert_eq!(
        certificate[at + 1],
        0x82,
        "a two-byte length for a 2048-bit key"
    );
    let length = usize::from(certificate[at + 2]) << 8 | usize::from(certificate[at + 3]);
    let bits = &certificate[at + 5..at + 4 + length];
    ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, bits)
        .as_ref()
        .to_vec()
}

/// `request` with its KeyInfo's content replaced by `key_info`.
fn with_key_info(request: &str, key_info: &str) -> String {
    let start = request.find("<ds:KeyInfo>").unwrap() + "<ds:KeyInfo>".len();
    let end = request.find("</ds:KeyInfo>").unwrap();
    format!("{}{key_info}{}", &request[..start], &request[end..])
}

fn issuer_serial(issuer: &str, serial: &str) -> String {
    format!(
        "<ds:X509IssuerSerial><ds:X509IssuerName>{issuer}</ds:X509IssuerName>\
         <ds:X509SerialNumber>{serial}</ds:X509SerialNumber></ds:X509IssuerSerial>"
    )
}

fn in_reference(content: &str) -> String {
    format!("<wsse:SecurityTokenReference>{content}</wsse:SecurityTokenReference>")
}

fn x509_data(content: &str) -> String {
    format!("<ds:X509Data>{content}</ds:X509Data>")
}

fn key_identifier(value_type: &str, value: &[u8]) -> String {
    in_reference(&format!(
        "<wsse:KeyIdentifier EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\" ValueType=\"{value_type}\">{}</wsse:KeyIdentifier>",
        base64(value)
    ))
}

struct Fixture {
    signer: Credentials,
    other: Credentials,
    request: String,
    verifier: SignatureVerifier,
}

async fn fixture(name: &str, more: &[&str]) -> Fixture {
    let mut arguments = vec!["-set_serial", SERIAL_HEX];
    arguments.extend_from_slice(more);
    let signer = credentials_with(&format!("key-info-{name}"), SUBJECT, &arguments);
    let other = credentials_with(
        &format!("key-info-{name}-other"),
        "/CN=Someone Else/O=Example, Inc./C=BE",
        &[],
    );
    let request = signed_request(
        X509Signature::new(&signer.certificate, &signer.key).unwrap(),
        SoapVersion::Soap11,
    )
    .await;
    let verifier = SignatureVerifier::new()
        .trust(&signer.certificate)
        .unwrap()
        .trust(&other.certificate)
        .unwrap();
    Fixture {
        signer,
        other,
        request,
        verifier,
    }
}

impl Fixture {
    fn verify(&self, key_info: &str) -> Result<Vec<u8>, SignatureError> {
        self.verifier
            .verify(with_key_info(&self.request, key_info).as_bytes())
            .map(|verified| verified.certificate)
    }
}

#[tokio::test]
async fn every_way_of_naming_a_trusted_certificate_finds_it() {
    for (name, more) in [
        ("with-ski", &[][..]),
        (
            "without-ski",
            &[
                "-addext",
                "subjectKeyIdentifier=none",
                "-addext",
                "authorityKeyIdentifier=none",
            ][..],
        ),
    ] {
        let fixture = fixture(name, more).await;
        let signer = der(&fixture.signer);
        let thumbprint = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &signer);
        let ski = subject_key_identifier(&signer);
        let certificate = format!(
            "<ds:X509Certificate>{}</ds:X509Certificate>",
            base64(&signer)
        );
        let ways = [
            // OpenSSL's and xmlsec's spelling (RFC 4514: the last RDN first).
            x509_data(&issuer_serial(r"CN=Key Info Signer,O=Example\, Inc.,C=BE", SERIAL)),
            // .NET's, in the certificate's order, quoted; and RFC 1779's semicolons.
            x509_data(&issuer_serial(
                "C=BE, O=\"Example, Inc.\", CN=Key Info Signer",
                SERIAL,
            )),
            x509_data(&issuer_serial(
                r"cn=key info signer; o=Example\2C Inc.; c=be",
                &format!("000{SERIAL}"),
            )),
            // zeep's `Signature`: the issuer and serial with the certificate.
            in_reference(&x509_data(&format!(
                "{}{certificate}",
                issuer_serial(r"CN=Key Info Signer,O=Example\, Inc.,C=BE", SERIAL)
            ))),
            in_reference(&x509_data(&issuer_serial(
                r"CN=Key Info Signer,O=Example\, Inc.,C=BE",
                SERIAL,
            ))),
            x509_data(&certificate),
            in_reference(&x509_data(&format!(
                "<ds:X509SubjectName>CN=Key Info Signer</ds:X509SubjectName><ds:X509SKI>{}</ds:X509SKI>",
                base64(&ski)
            ))),
            key_identifier(THUMBPRINT_SHA1, thumbprint.as_ref()),
            key_identifier(X509_SUBJECT_KEY_IDENTIFIER, &ski),
            key_identifier(X509_V3, &signer),
        ];
        // The request as signed: a reference to its BinarySecurityToken.
        assert_eq!(
            fixture
                .verifier
                .verify(fixture.request.as_bytes())
                .unwrap()
                .certificate,
            signer
        );
        for way in ways {
            assert_eq!(fixture.verify(&way), Ok(signer.clone()), "{name}: {way}");
        }
    }
}

#[tokio::test]
async fn names_of_no_trusted_certificate_and_unreadable_or_conflicting_ones_are_refused() {
    let fixture = fixture("refused", &[]).await;
    let signer = der(&fixture.signer);
    let other = der(&fixture.other);
    let stranger = credentials_with("key-info-stranger", "/CN=Stranger", &[]);
    let stranger = der(&stranger);
    let issuer = r"CN=Key Info Signer,O=Example\, Inc.,C=BE";
    let unknown = |by| Err(SignatureError::UnknownKey { by });
    let cases: Vec<(String, Result<Vec<u8>, SignatureError>)> = vec![
        // Another serial number, another issuer: no trusted certificate.
        (
            x509_data(&issuer_serial(issuer, "99114423104580546006193429178388264714532")),
            unknown("X509IssuerSerial"),
        ),
        (
            x509_data(&issuer_serial("CN=Key Info Signer,O=Other,C=BE", SERIAL)),
            unknown("X509IssuerSerial"),
        ),
        (
            key_identifier(
                THUMBPRINT_SHA1,
                ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &stranger).as_ref(),
            ),
            unknown("ThumbprintSHA1"),
        ),
        (
            key_identifier(X509_SUBJECT_KEY_IDENTIFIER, &subject_key_identifier(&stranger)),
            unknown("X509SubjectKeyIdentifier"),
        ),
        (
            x509_data(&format!("<ds:X509SKI>{}</ds:X509SKI>", base64(&[1, 2, 3]))),
            unknown("X509SKI"),
        ),
        (
            x509_data(&format!("<ds:X509Certificate>{}</ds:X509Certificate>", base64(&stranger))),
            Err(SignatureError::UntrustedCertificate),
        ),
        (
            key_identifier(X509_V3, &stranger),
            Err(SignatureError::UntrustedCertificate),
        ),
        // A trusted certificate, but not the signer's: its key does not verify the signature.
        (
            key_identifier(
                THUMBPRINT_SHA1,
                ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &other).as_ref(),
            ),
            Err(SignatureError::BadSignature),
        ),
        // Two names that disagree; two trusted certificates with nothing to choose.
        (
            x509_data(&format!(
                "{}<ds:X509Certificate>{}</ds:X509Certificate>",
                issuer_serial(issuer, SERIAL),
                base64(&other)
            )),
            Err(SignatureError::AmbiguousKeyInfo),
        ),
        (
            x509_data(&format!(
                "<ds:X509Certificate>{}</ds:X509Certificate><ds:X509Certificate>{}</ds:X509Certificate>",
                base64(&signer),
                base64(&other)
            )),
            Err(SignatureError::AmbiguousKeyInfo),
        ),
        // Unreadable names.
        (
            x509_data(&issuer_serial(issuer, "12x")),
            Err(SignatureError::InvalidKeyName("ds:X509SerialNumber")),
        ),
        (
            x509_data(&issuer_serial("no name here", SERIAL)),
            Err(SignatureError::InvalidKeyName("ds:X509IssuerName")),
        ),
        (
            x509_data("<ds:X509Certificate>%%%</ds:X509Certificate>"),
            Err(SignatureError::NotBase64 {
                what: "ds:X509Certificate",
            }),
        ),
        // Nothing that names a key, or a kind this does not know.
        (
            x509_data("<ds:X509SubjectName>CN=Key Info Signer</ds:X509SubjectName>"),
            Err(SignatureError::Missing {
                path: "ds:X509Data/ds:X509IssuerSerial",
            }),
        ),
        (
            String::new(),
            Err(SignatureError::Missing {
                path: "ds:KeyInfo/wsse:SecurityTokenReference",
            }),
        ),
        (
            in_reference(""),
            Err(SignatureError::Missing {
                path: "wsse:SecurityTokenReference/wsse:Reference",
            }),
        ),
        (
            in_reference("<ds:KeyName>signer</ds:KeyName>"),
            Err(SignatureError::Unsupported {
                what: "token reference",
                value: String::from("{http://www.w3.org/2000/09/xmldsig#}KeyName"),
            }),
        ),
        (
            key_identifier("urn:example:unknown", &[1]),
            Err(SignatureError::Unsupported {
                what: "key identifier type",
                value: String::from("urn:example:unknown"),
            }),
        ),
        (
            format!(
                "{}{}",
                in_reference(&x509_data(&issuer_serial(issuer, SERIAL))),
                x509_data(&issuer_serial(issuer, SERIAL))
            ),
            Err(SignatureError::Repeated(
                "ds:KeyInfo/wsse:SecurityTokenReference or ds:X509Data",
            )),
        ),
    ];
    for (key_info, expected) in cases {
        assert_eq!(fixture.verify(&key_info), expected, "{key_info}");
    }
    // The messages name what failed and nothing of the certificates.
    let shown = SignatureError::UnknownKey {
        by: "X509IssuerSerial",
    }
    .to_string();
    assert_eq!(
        shown,
        "the signature's KeyInfo (X509IssuerSerial) names no trusted certificate"
    );
}

#[tokio::test]
async fn mutated_key_infos_give_errors_not_panics() {
    let fixture = fixture("mutated", &[]).await;
    let signer = der(&fixture.signer);
    // zeep's form, with a name that exercises the distinguished-name reader (escapes, quotes,
    // hexadecimal values, non-ASCII text).
    let key_info = in_reference(&x509_data(&format!(
        "{}<ds:X509Certificate>{}</ds:X509Certificate>",
        issuer_serial(
            r#"CN=Key Info Signer,O="Example, Inc.",C=#13024245,OU=Ren\C3\A9 é"#,
            SERIAL
        ),
        base64(&signer[..64])
    )));
    let mut refused = 0;
    for at in 0..key_info.len() {
        for replacement in [b'x', b'\\', b'"', b',', b'#', b'=', b'<'] {
            let mut mutated = key_info.clone().into_bytes();
            if mutated[at] == replacement {
                continue;
            }
            mutated[at] = replacement;
            // A change inside a multi-byte character leaves no text: skip it.
            let Ok(mutated) = String::from_utf8(mutated) else {
                continue;
            };
            if fixture.verify(&mutated).is_err() {
                refused += 1;
            }
        }
    }
    assert!(refused > 0);
}
