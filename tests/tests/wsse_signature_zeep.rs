//! zeep as a signing client of the generated EMail server: `zeep.wsse.signature.BinarySignature`
//! (xmlsec, libxmlsec1) signs each request with an X.509 certificate made here, and the server,
//! behind `soap_runtime::wsse::RequireSignature` trusting that certificate, serves it over HTTP
//! on 127.0.0.1; an unsigned request, one signed with an untrusted certificate and one changed
//! after signing get a `Client` fault and never reach the service.
//!
//! zeep's BinarySignature writes no Timestamp of its own, and the verifier requires a signed
//! one: the script puts one in the Security header before zeep signs (zeep then signs it with
//! the Body), as deployments that sign requests do. zeep also expects signed answers, which
//! the server does not write: the script's signature plugin leaves answers unchecked.
//!
//! Needs the Python of `ORACLE_PYTHON` with zeep and xmlsec (`scripts/test.sh` installs them);
//! skipped loudly without it, and failing instead when `CI` is set.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use end_to_end::shared::skip_unless_ci;
use services82_email::{
    CreateDefaultEMailAddress, CreateDefaultEMailAddressResponse, EMailServer, EMailService,
    RequestHeaders, ResponseHeaders,
};
use soap_runtime::server::Server;
use soap_runtime::wsse::{RequireSignature, SignatureVerifier, WSSE_NS};
use soap_runtime::{Fault, Limits, Message};

/// Counts the `CreateDefaultEMailAddress` calls that reach it.
#[derive(Default)]
struct Counting {
    calls: AtomicUsize,
}

impl EMailService for Counting {
    async fn create_default_email_address(
        &self,
        _request: Message<RequestHeaders, CreateDefaultEMailAddress>,
    ) -> Result<Message<ResponseHeaders, CreateDefaultEMailAddressResponse>, Fault> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(Message::default())
    }
}

/// A directory with an RSA key and its self-signed certificate (PEM), removed on drop.
struct Keys(PathBuf);

impl Drop for Keys {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Makes `NAME.key` and `NAME.pem` for each name with `openssl`.
fn keys(names: &[&str]) -> Keys {
    let dir = std::env::temp_dir().join(format!("end-to-end-wssig-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in names {
        let output = Command::new("openssl")
            .current_dir(&dir)
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            ])
            .args(["-subj", &format!("/CN={name}")])
            .args([
                "-keyout",
                &format!("{name}.key"),
                "-out",
                &format!("{name}.pem"),
            ])
            .output()
            .expect("the `openssl` command is needed to make test keys");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Keys(dir)
}

/// Calls `CreateDefaultEMailAddress` at `argv[2]` with zeep (WSDL `argv[1]`), signing with
/// key `argv[3]` and certificate `argv[4]` (none when `-`), `argv[5]` naming the algorithms
/// (`sha1`: zeep's defaults, RSA-SHA1 and SHA-1 digests; `sha256`) and `argv[6]` saying
/// whether to change the Body after signing (`tamper`). Prints `ok`, or `fault: REASON`.
const ZEEP_CLIENT: &str = r#"
import sys, datetime
import xmlsec, zeep
from lxml import etree
from zeep.wsse.signature import BinarySignature
from zeep.wsse.utils import WSU, get_security_header

wsdl, url, key, cert, algorithms, tamper = sys.argv[1:7]

class SignedWithTimestamp(BinarySignature):
    """BinarySignature over a wsu:Timestamp (five minutes) put into the Security header
    first; answers are left unchecked (the server does not sign them)."""
    def apply(self, envelope, headers):
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        text = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
        get_security_header(envelope).append(WSU.Timestamp(
            WSU.Created(text(now)), WSU.Expires(text(now + datetime.timedelta(minutes=5)))))
        envelope, headers = super().apply(envelope, headers)
        if tamper == "tamper":
            # The Body changed after zeep signed it.
            body = envelope.find("{http://schemas.xmlsoap.org/soap/envelope/}Body")
            body[0].append(etree.Element("{http://www.superoffice.net/ws/crm/NetServer/Services82}Extra"))
        return envelope, headers
    def verify(self, envelope):
        return envelope

wsse = None
if key != "-":
    methods = {}
    if algorithms == "sha256":
        methods = dict(signature_method=xmlsec.Transform.RSA_SHA256, digest_method=xmlsec.Transform.SHA256)
    wsse = SignedWithTimestamp(key, cert, **methods)
client = zeep.Client(wsdl, wsse=wsse)
service = client.create_service(
    "{http://www.superoffice.net/ws/crm/NetServer/Services82}BasicHttpBinding_EMail", url)
try:
    service.CreateDefaultEMailAddress()
    print("ok")
except zeep.exceptions.Fault as fault:
    print("fault: " + fault.message)
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeeps_signed_requests_are_served_and_others_refused() {
    let Some(python) = std::env::var_os("ORACLE_PYTHON").filter(|p| !p.is_empty()) else {
        skip_unless_ci(
            "wsse_signature_zeep needs ORACLE_PYTHON with zeep and xmlsec (scripts/test.sh sets it up)",
        );
        return;
    };
    let keys = keys(&["trusted", "stranger"]);
    let service = Arc::new(Counting::default());
    let verifier = SignatureVerifier::new()
        .trust(&std::fs::read(keys.0.join("trusted.pem")).unwrap())
        .unwrap();
    let server = EMailServer::shared(Arc::clone(&service)).understand_header(WSSE_NS, "Security");
    let server = Server::bind(
        "127.0.0.1:0",
        EMailServer::<Counting>::DEFAULT_PATH,
        Arc::new(RequireSignature::new(server, verifier)),
        Limits::default(),
    )
    .await
    .unwrap();
    let url = server.url();
    let wsdl = Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/services82/EMail.wsdl");
    let run = |signer: &str, algorithms: &str, tamper: &str| {
        let (key, cert) = match signer {
            "-" => (String::from("-"), String::from("-")),
            name => (
                keys.0.join(format!("{name}.key")).display().to_string(),
                keys.0.join(format!("{name}.pem")).display().to_string(),
            ),
        };
        let args = [
            wsdl.display().to_string(),
            url.clone(),
            key,
            cert,
            algorithms.to_string(),
            tamper.to_string(),
        ];
        let python = python.clone();
        async move {
            let output = tokio::task::spawn_blocking(move || {
                Command::new(python)
                    .arg("-c")
                    .arg(ZEEP_CLIENT)
                    .args(args)
                    .output()
                    .expect("start the oracle's Python")
            })
            .await
            .unwrap();
            assert!(
                output.status.success(),
                "zeep failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            String::from_utf8(output.stdout).unwrap().trim().to_string()
        }
    };
    assert_eq!(run("trusted", "sha1", "-").await, "ok");
    assert_eq!(run("trusted", "sha256", "-").await, "ok");
    assert_eq!(service.calls.load(Ordering::SeqCst), 2);
    let unsigned = run("-", "-", "-").await;
    assert!(
        unsigned.starts_with("fault: WS-Security") && unsigned.contains("wsse:Security"),
        "{unsigned}"
    );
    let stranger = run("stranger", "sha256", "-").await;
    assert!(stranger.contains("not trusted"), "{stranger}");
    let tampered = run("trusted", "sha256", "tamper").await;
    assert!(tampered.contains("digest"), "{tampered}");
    assert_eq!(
        service.calls.load(Ordering::SeqCst),
        2,
        "no refused request was served"
    );
    server.shutdown().await;
}
