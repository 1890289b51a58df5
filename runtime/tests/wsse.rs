//! SOAP headers over real HTTP on 127.0.0.1: a WS-Security UsernameToken checked by a server
//! written from the UsernameToken Profile (digest and text; a wrong password is refused), SOAP
//! headers the contract does not declare sent per client and per call, and unknown answer
//! headers collected. Interop with zeep (`zeep.wsse.username.UsernameToken`): its digest
//! header passes our check, and ours passes a check in Python written from the profile.
//!
//! The zeep part needs the Python of `ORACLE_PYTHON` (`scripts/test.sh` installs it); it is
//! skipped loudly without it, and fails without it when `CI` is set.

mod support;

use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use soap_runtime::client::{with_call_headers, Client, HttpTransport};
use soap_runtime::wsse::{ReceivedUsernameToken, UsernameToken, WsseError};
use soap_runtime::xml::XmlReader;
use soap_runtime::Skipped as NoHeaders;
use soap_runtime::{Error, Limits, SoapVersion, XmlElement};
use support::{http_server, pong, wsse_fault, Seen, NS, PING};

const WSSE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
const WSU: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const PROFILE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
const SECRET: &str = "S3cr3t";

/// The users the test service knows.
fn password_of(user: &str) -> Option<String> {
    (user == "anna").then(|| format!("pw-{SECRET}-ü"))
}

/// The UsernameToken check of the test service, written from the profile (section 3.1): finds
/// `wsse:Security/wsse:UsernameToken` in the envelope's Header, and for a `#PasswordDigest`
/// recomputes `Base64(SHA-1(nonce + created + password))` from the base64-decoded nonce and
/// the `wsu:Created` text. Returns the reason for refusing, if any.
fn check_username_token(envelope: &str) -> Result<(), String> {
    let document = roxmltree::Document::parse(envelope).map_err(|e| e.to_string())?;
    fn child<'a, 'input>(
        node: roxmltree::Node<'a, 'input>,
        ns: &str,
        local: &str,
    ) -> Option<roxmltree::Node<'a, 'input>> {
        node.children()
            .find(|c| c.tag_name().namespace() == Some(ns) && c.tag_name().name() == local)
    }
    let root = document.root_element();
    let soap = root.tag_name().namespace().unwrap_or_default().to_string();
    let header = child(root, &soap, "Header").ok_or("no Header")?;
    let security = child(header, WSSE, "Security").ok_or("no Security")?;
    let must_understand = security
        .attribute((soap.as_str(), "mustUnderstand"))
        .ok_or("Security without mustUnderstand")?;
    if !matches!(must_understand, "1" | "true") {
        return Err(format!("mustUnderstand={must_understand}"));
    }
    let token = child(security, WSSE, "UsernameToken").ok_or("no UsernameToken")?;
    let user = child(token, WSSE, "Username")
        .and_then(|n| n.text())
        .ok_or("no Username")?;
    let password = password_of(user).ok_or("unknown user")?;
    let sent = child(token, WSSE, "Password").ok_or("no Password")?;
    let sent_text = sent.text().unwrap_or_default();
    match sent.attribute("Type") {
        Some(t) if t == format!("{PROFILE}#PasswordDigest") => {
            let nonce = child(token, WSSE, "Nonce").ok_or("no Nonce")?;
            if nonce.attribute("EncodingType")
                != Some(
                    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary",
                )
            {
                return Err("the Nonce's EncodingType is not Base64Binary".into());
            }
            let nonce = base64::engine::general_purpose::STANDARD
                .decode(nonce.text().unwrap_or_default())
                .map_err(|e| e.to_string())?;
            let created = child(token, WSU, "Created")
                .and_then(|n| n.text())
                .ok_or("no Created")?;
            let mut input = nonce.clone();
            input.extend_from_slice(created.as_bytes());
            input.extend_from_slice(password.as_bytes());
            let digest = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &input);
            let expected = base64::engine::general_purpose::STANDARD.encode(digest.as_ref());
            if sent_text != expected {
                return Err("wrong password digest".into());
            }
        }
        Some(t) if t == format!("{PROFILE}#PasswordText") => {
            if sent_text != password {
                return Err("wrong password".into());
            }
        }
        other => return Err(format!("password type {other:?}")),
    }
    Ok(())
}

/// A service that answers `Ping` when the UsernameToken checks, with a
/// `wsse:FailedAuthentication` fault otherwise.
fn checking_handler() -> support::Handler {
    Arc::new(|seen: &Seen| match check_username_token(&seen.body) {
        Ok(()) => (200, pong("")),
        Err(reason) => (500, wsse_fault("FailedAuthentication", &reason)),
    })
}

async fn ping(client: &Client) -> Result<(), Error> {
    client
        .call::<NoHeaders, (), NoHeaders, ()>(NS, &PING, &NoHeaders, &())
        .await
        .map(|_| ())
}

fn client(url: String) -> Client {
    Client::with_transport(url, Arc::new(HttpTransport::new()))
}

#[tokio::test]
async fn a_digest_username_token_passes_the_services_check_and_a_wrong_password_does_not() {
    let server = http_server(checking_handler()).await;
    let url = format!("http://{}/svc", server.addr);
    let good = client(url.clone())
        .with_username_token(UsernameToken::digest("anna", format!("pw-{SECRET}-ü")));
    ping(&good).await.unwrap();
    ping(&good).await.unwrap();
    let bodies: Vec<String> = server.take().into_iter().map(|s| s.body).collect();
    assert!(!bodies[0].contains(SECRET), "the digest hides the password");
    // A fresh nonce and creation time for every message.
    let nonce = |body: &str| {
        let start = body.find("<wsse:Nonce").unwrap();
        body[start..body[start..].find("</wsse:Nonce>").unwrap() + start].to_string()
    };
    assert_ne!(nonce(&bodies[0]), nonce(&bodies[1]));
    assert!(
        bodies[0].contains("s:mustUnderstand=\"1\""),
        "{}",
        bodies[0]
    );

    let wrong = client(url).with_username_token(UsernameToken::digest("anna", "guess"));
    match ping(&wrong).await.unwrap_err() {
        Error::Fault(fault) => {
            assert_eq!(fault.code, "FailedAuthentication");
            assert_eq!(fault.reason, "wrong password digest");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_text_username_token_over_soap_12_with_a_timestamp() {
    let server = http_server(checking_handler()).await;
    let url = format!("http://{}/svc", server.addr);
    let token = UsernameToken::text("anna", format!("pw-{SECRET}-ü"))
        .with_timestamp(Duration::from_secs(300));
    let shown = format!(
        "{:?}",
        client(url.clone()).with_username_token(token.clone())
    );
    assert!(!shown.contains(SECRET), "{shown}");
    let soap12 = client(url.clone())
        .with_version(SoapVersion::Soap12)
        .with_username_token(token);
    ping(&soap12).await.unwrap();
    let body = &server.take()[0].body;
    assert!(body.contains("s:mustUnderstand=\"true\""), "{body}");
    let document = roxmltree::Document::parse(body).unwrap();
    let timestamp = document
        .descendants()
        .find(|n| n.tag_name().namespace() == Some(WSU) && n.tag_name().name() == "Timestamp")
        .expect("a wsu:Timestamp");
    let times: Vec<&str> = timestamp
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.text().unwrap())
        .collect();
    assert_eq!(times.len(), 2, "Created and Expires");
    assert!(times[0] < times[1], "{times:?}");
    assert!(times[0].ends_with('Z') && times[0].len() == 24, "{times:?}");

    let wrong = client(url).with_username_token(UsernameToken::text("anna", "guess"));
    assert!(matches!(ping(&wrong).await, Err(Error::Fault(_))));
}

#[tokio::test]
async fn undeclared_headers_go_per_client_and_per_call_and_unknown_answer_headers_come_back() {
    let server = http_server(Arc::new(|_: &Seen| {
        (
            200,
            pong("<x:Session xmlns:x=\"urn:x\" x:ttl=\"60\">abc<x:Node>n1</x:Node></x:Session><y:Load xmlns:y=\"urn:y\">3</y:Load>"),
        )
    }))
    .await;
    let tenant = XmlElement::new("urn:example:tenant", "Tenant")
        .with_prefix("t")
        .with_text("north");
    let client = client(format!("http://{}/svc", server.addr)).with_soap_header(tenant.clone());
    assert_eq!(client.soap_headers(), [tenant]);

    // Outside a scope: the client's header only, and the answer's unknown headers are skipped
    // as before.
    ping(&client).await.unwrap();
    let trace = XmlElement::new("urn:example:trace", "TraceId").with_text("4bf92f35");
    let (result, received) = with_call_headers(vec![trace], async {
        ping(&client).await?;
        ping(&client).await
    })
    .await;
    result.unwrap();
    ping(&client).await.unwrap();

    let seen = server.take();
    assert_eq!(seen.len(), 4);
    for (index, request) in seen.iter().enumerate() {
        let document = roxmltree::Document::parse(&request.body).unwrap();
        let header = document
            .descendants()
            .find(|n| n.tag_name().name() == "Header")
            .expect("a Header");
        let names: Vec<String> = header
            .children()
            .filter(|n| n.is_element())
            .map(|n| {
                format!(
                    "{{{}}}{}",
                    n.tag_name().namespace().unwrap_or(""),
                    n.tag_name().name()
                )
            })
            .collect();
        let scoped = index == 1 || index == 2;
        let mut expected = vec![String::from("{urn:example:tenant}Tenant")];
        if scoped {
            expected.push(String::from("{urn:example:trace}TraceId"));
        }
        assert_eq!(names, expected, "request {index}");
    }

    // Both answers' unknown headers, whole.
    assert_eq!(received.headers.len(), 4, "{received:?}");
    let session = received.get("urn:x", "Session").unwrap();
    assert_eq!(session.attribute("urn:x", "ttl"), Some("60"));
    assert_eq!(session.text(), "abc");
    assert_eq!(session.child("urn:x", "Node").unwrap().text(), "n1");
    assert_eq!(received.get("urn:y", "Load").unwrap().text(), "3");
    assert_eq!(
        format!("{received:?}"),
        "[\"{urn:x}Session\", \"{urn:y}Load\", \"{urn:x}Session\", \"{urn:y}Load\"]"
    );
}

#[test]
fn a_received_token_is_read_and_checked_with_typed_errors() {
    let read = |xml: &str| {
        let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
        let root = r.root().unwrap();
        XmlElement::read(&mut r, &root).unwrap()
    };
    let security = read(&format!(
        "<wsse:Security xmlns:wsse=\"{WSSE}\"><wsse:UsernameToken><wsse:Username>anna</wsse:Username><wsse:Password>pw-{SECRET}</wsse:Password></wsse:UsernameToken></wsse:Security>"
    ));
    let token = ReceivedUsernameToken::from_security_header(&security).unwrap();
    assert!(!format!("{token:?}").contains(SECRET));
    token.verify(&format!("pw-{SECRET}")).unwrap();
    let wrong = token.verify("other").unwrap_err();
    assert_eq!(
        wrong,
        WsseError::WrongPassword {
            username: "anna".into()
        }
    );
    assert!(!wrong.to_string().contains(SECRET));

    let no_nonce = read(&format!(
        "<wsse:Security xmlns:wsse=\"{WSSE}\"><wsse:UsernameToken><wsse:Username>anna</wsse:Username><wsse:Password Type=\"{PROFILE}#PasswordDigest\">x</wsse:Password></wsse:UsernameToken></wsse:Security>"
    ));
    let token = ReceivedUsernameToken::from_security_header(&no_nonce).unwrap();
    assert_eq!(
        token.verify("pw").unwrap_err(),
        WsseError::Missing {
            path: "wsse:Security/wsse:UsernameToken/wsse:Nonce"
        }
    );
    let bad_nonce = read(&format!(
        "<wsse:Security xmlns:wsse=\"{WSSE}\"><wsse:UsernameToken><wsse:Username>a</wsse:Username><wsse:Password>x</wsse:Password><wsse:Nonce>!!</wsse:Nonce></wsse:UsernameToken></wsse:Security>"
    ));
    assert!(matches!(
        ReceivedUsernameToken::from_security_header(&bad_nonce),
        Err(WsseError::InvalidNonce { .. })
    ));
    let other = read("<Other xmlns=\"urn:o\"/>");
    assert!(matches!(
        ReceivedUsernameToken::from_security_header(&other),
        Err(WsseError::NotSecurityHeader { .. })
    ));
}

// ---- zeep -----------------------------------------------------------------------------------

/// zeep's UsernameToken (`use_digest=True`) applied to an empty SOAP 1.1 envelope: prints the
/// `wsse:Security` element.
const ZEEP_TOKEN: &str = r#"
import sys
from lxml import etree
from zeep.wsse.username import UsernameToken
envelope = etree.fromstring(b'<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Header/><soap-env:Body/></soap-env:Envelope>')
envelope, _ = UsernameToken(sys.argv[1], sys.argv[2], use_digest=True).apply(envelope, {})
security = envelope.find(".//{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd}Security")
sys.stdout.write(etree.tostring(security).decode())
"#;

/// The profile's digest check, written in Python from the profile alone (hashlib): reads an
/// envelope on stdin, prints `ok` when its UsernameToken's digest matches `sys.argv[1]`.
const SPEC_CHECK: &str = r##"
import base64, hashlib, sys
from lxml import etree
W = "{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd}"
U = "{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd}"
root = etree.fromstring(sys.stdin.buffer.read())
token = root.find(".//" + W + "UsernameToken")
nonce = base64.b64decode(token.find(W + "Nonce").text)
created = token.find(U + "Created").text
password = token.find(W + "Password")
expected = base64.b64encode(hashlib.sha1(nonce + created.encode() + sys.argv[1].encode()).digest()).decode()
digest_type = password.get("Type", "").endswith("#PasswordDigest")
print("ok" if digest_type and password.text == expected else "bad")
"##;

#[tokio::test]
async fn zeep_digest_tokens_pass_our_check_and_ours_pass_one_written_from_the_profile() {
    let password = format!("pw-{SECRET}-ü");
    let Some(zeep) = python(ZEEP_TOKEN, &["anna", &password], "") else {
        return;
    };
    let mut r = XmlReader::new(zeep.as_bytes(), Limits::default()).unwrap();
    let root = r.root().unwrap();
    let security = XmlElement::read(&mut r, &root).unwrap();
    let token = ReceivedUsernameToken::from_security_header(&security).unwrap();
    assert_eq!(token.username, "anna");
    assert_eq!(
        token.password_type,
        soap_runtime::wsse::PasswordType::Digest
    );
    token.verify(&password).unwrap();
    assert!(matches!(
        token.verify("guess"),
        Err(WsseError::WrongPassword { .. })
    ));
    // The test service's own check (written from the profile) accepts zeep's header too.
    let envelope = format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header>{}</s:Header><s:Body/></s:Envelope>",
        zeep.replace("<wsse:Security ", "<wsse:Security s:mustUnderstand=\"1\" ")
    );
    check_username_token(&envelope).unwrap();

    // Ours, as sent over HTTP, through the Python check.
    let server = http_server(checking_handler()).await;
    let ours = client(format!("http://{}/svc", server.addr))
        .with_username_token(UsernameToken::digest("anna", password.clone()));
    ping(&ours).await.unwrap();
    let sent = server.take().remove(0).body;
    assert_eq!(
        python(SPEC_CHECK, &[&password], &sent).unwrap().trim(),
        "ok"
    );
    assert_eq!(python(SPEC_CHECK, &["guess"], &sent).unwrap().trim(), "bad");
}

/// Runs `script` with the oracle's Python (a Python with zeep); `None` (after a loud message)
/// without one.
fn python(script: &str, args: &[&str], stdin: &str) -> Option<String> {
    support::python("the zeep oracle", "wsse", "zeep", script, args, stdin)
}
