//! zeep (xmlsec, libxmlsec1) and the generated EMail code signing and verifying each other over
//! HTTP on 127.0.0.1, with X.509 certificates made here:
//!
//! - zeep's `BinarySignature` signs each request, and the server, behind
//!   `soap_runtime::wsse::RequireSignature` trusting that certificate, serves it; an unsigned
//!   request, one signed with an untrusted certificate and one changed after signing get a
//!   `Client` fault and never reach the service (this server does not sign its answers: the
//!   script leaves them unchecked);
//! - zeep's `Signature` (KeyInfo by X509IssuerSerial) and `BinarySignature` sign requests to a
//!   server that also signs its answers (`RequireSignature::with_signed_answers`), and zeep
//!   checks each answer with its `verify_envelope`: it accepts ours, and refuses one changed
//!   after signing, one signed by a certificate it does not expect and our unsigned refusal;
//!   the service sees zeep's certificate as the signer (`wsse::verified_signer`);
//! - zeep's `BinarySignature` signs with a certificate an issuing CA issued, and the server,
//!   trusting only the root CA (and knowing the issuing CA), serves it; a signer of another CA
//!   and a CA's own certificate are refused;
//! - our client (`Client::with_signed_answers`) reads answers a Python server signed with zeep
//!   (`sign_envelope`, `BinarySignature`), and refuses tampered, unsigned and foreign ones,
//!   and unsigned faults unless told to take them.
//!
//! zeep's signatures write no Timestamp of their own, and the verifier requires a signed
//! one: the scripts put one in the Security header before zeep signs (zeep then signs it with
//! the Body), as deployments that sign messages do.
//!
//! Needs the Python of `ORACLE_PYTHON` with zeep and xmlsec (`scripts/test.sh` installs them);
//! skipped loudly without it, and failing instead when `CI` is set.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use end_to_end::child::python_script;
use end_to_end::email_wsdl;

use std::time::Duration;

use end_to_end::child::PeerServer;
use end_to_end::shared::skip_unless_ci;
use services82_email::{
    CreateDefaultEMailAddress, CreateDefaultEMailAddressResponse, EMailAddress, EMailAgent,
    EMailServer, EMailService, RequestHeaders, ResponseHeaders,
};
use soap_runtime::client::{Client, UnsignedFaults};
use soap_runtime::server::{Server, SoapHandler, SoapRequest, SoapResponse};
use soap_runtime::wsse::{
    verified_signer, FaultSigning, RequireSignature, SignatureError, SignatureVerifier,
    X509Signature, WSSE_NS,
};
use soap_runtime::{Error, Fault, Limits, Message};

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

/// A counting EMail server on 127.0.0.1 that serves only requests whose signature `verifier`
/// accepts (it understands the `wsse:Security` header it checks).
async fn serve_requiring_signatures(verifier: SignatureVerifier) -> (Arc<Counting>, Server) {
    let service = Arc::new(Counting::default());
    let server = EMailServer::shared(Arc::clone(&service)).understand_header(WSSE_NS, "Security");
    let server = Server::bind(
        "127.0.0.1:0",
        EMailServer::<Counting>::DEFAULT_PATH,
        Arc::new(RequireSignature::new(server, verifier)),
        Limits::default(),
    )
    .await
    .unwrap();
    (service, server)
}

/// A directory with an RSA key and its self-signed certificate (PEM), removed on drop.
struct Keys(PathBuf);

impl Drop for Keys {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Makes `NAME.key` and `NAME.pem` for each name with `openssl`, in a directory of the
/// `test`'s own (the tests run at once).
fn keys(test: &str, names: &[&str]) -> Keys {
    let dir = std::env::temp_dir().join(format!("end-to-end-wssig-{test}-{}", std::process::id()));
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
    let keys = keys("requests", &["trusted", "stranger"]);
    let verifier = SignatureVerifier::new()
        .trust(&std::fs::read(keys.0.join("trusted.pem")).unwrap())
        .unwrap();
    let (service, server) = serve_requiring_signatures(verifier).await;
    let url = server.url();
    let wsdl = email_wsdl();
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
            tokio::task::spawn_blocking(move || python_script(&python, ZEEP_CLIENT, &args))
                .await
                .unwrap()
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

/// Makes, with `openssl`, in a directory of the `test`'s own: `root` (a CA), `issuing` (a CA
/// `root` issued), `signer` (a signing certificate `issuing` issued), and `foreign-root` and
/// `foreign` (a signer of another CA); `NAME.key` and `NAME.pem` each.
fn ca_issued_keys(test: &str) -> Keys {
    let dir =
        std::env::temp_dir().join(format!("end-to-end-wschain-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ca = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n";
    let signer = "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n";
    let openssl = |args: &[&str]| {
        let output = Command::new("openssl")
            .current_dir(&dir)
            .args(args)
            .output()
            .expect("the `openssl` command is needed to make test keys");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    let extensions = |name: &str, extensions: &str| {
        let config = format!("[req]\ndistinguished_name=dn\n[dn]\n[v3]\n{extensions}");
        std::fs::write(dir.join(format!("{name}.ext")), config).unwrap();
    };
    let root = |name: &str| {
        extensions(name, ca);
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "30",
            "-subj",
            &format!("/CN={name}"),
            "-keyout",
            &format!("{name}.key"),
            "-out",
            &format!("{name}.pem"),
            "-config",
            &format!("{name}.ext"),
            "-extensions",
            "v3",
        ]);
    };
    let issue = |issuer: &str, name: &str, kind: &str, serial: &str| {
        extensions(name, kind);
        openssl(&[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            &format!("/CN={name}"),
            "-keyout",
            &format!("{name}.key"),
            "-out",
            &format!("{name}.csr"),
        ]);
        openssl(&[
            "x509",
            "-req",
            "-in",
            &format!("{name}.csr"),
            "-CA",
            &format!("{issuer}.pem"),
            "-CAkey",
            &format!("{issuer}.key"),
            "-set_serial",
            serial,
            "-days",
            "1",
            "-sha256",
            "-extfile",
            &format!("{name}.ext"),
            "-extensions",
            "v3",
            "-out",
            &format!("{name}.pem"),
        ]);
    };
    root("root");
    issue("root", "issuing", ca, "10");
    issue("issuing", "signer", signer, "11");
    root("foreign-root");
    issue("foreign-root", "foreign", signer, "12");
    Keys(dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeeps_requests_signed_with_a_ca_issued_certificate_are_served_trusting_only_the_ca() {
    let Some(python) = std::env::var_os("ORACLE_PYTHON").filter(|p| !p.is_empty()) else {
        skip_unless_ci(
            "wsse_signature_zeep needs ORACLE_PYTHON with zeep and xmlsec (scripts/test.sh sets it up)",
        );
        return;
    };
    let keys = ca_issued_keys("chain");
    // The root CA and its issuing CA; not the signer's certificate.
    let verifier = SignatureVerifier::new()
        .trust_anchor(&std::fs::read(keys.0.join("root.pem")).unwrap())
        .unwrap()
        .with_intermediate(&std::fs::read(keys.0.join("issuing.pem")).unwrap())
        .unwrap();
    let (service, server) = serve_requiring_signatures(verifier).await;
    let url = server.url();
    let wsdl = email_wsdl();
    let run = |signer: &str| {
        let args = [
            wsdl.display().to_string(),
            url.clone(),
            keys.0.join(format!("{signer}.key")).display().to_string(),
            keys.0.join(format!("{signer}.pem")).display().to_string(),
            String::from("sha256"),
            String::from("-"),
        ];
        let python = python.clone();
        async move {
            tokio::task::spawn_blocking(move || python_script(&python, ZEEP_CLIENT, &args))
                .await
                .unwrap()
        }
    };
    assert_eq!(run("signer").await, "ok");
    assert_eq!(service.calls.load(Ordering::SeqCst), 1);
    let foreign = run("foreign").await;
    assert!(
        foreign.contains("`CN=foreign` is not trusted") && foreign.contains("unknown issuer"),
        "{foreign}"
    );
    // A CA's own certificate may not sign (its keyUsage is keyCertSign and cRLSign).
    let issuing = run("issuing").await;
    assert!(issuing.contains("wrong usage"), "{issuing}");
    assert_eq!(
        service.calls.load(Ordering::SeqCst),
        1,
        "no refused request was served"
    );
    server.shutdown().await;
}

/// The address the signing services answer `CreateDefaultEMailAddress` with.
const SIGNED_ADDRESS: &str = "signed@example.org";

/// Answers `CreateDefaultEMailAddress` with [`SIGNED_ADDRESS`], keeping the certificate of
/// each request's verified signer ([`verified_signer`]).
#[derive(Default)]
struct Answering {
    signers: std::sync::Mutex<Vec<Option<Vec<u8>>>>,
}

impl EMailService for Answering {
    async fn create_default_email_address(
        &self,
        _request: Message<RequestHeaders, CreateDefaultEMailAddress>,
    ) -> Result<Message<ResponseHeaders, CreateDefaultEMailAddressResponse>, Fault> {
        let signer = verified_signer().map(|s| s.certificate.clone());
        self.signers.lock().unwrap().push(signer);
        let address = EMailAddress {
            address: Some(SIGNED_ADDRESS.to_string()),
            ..EMailAddress::default()
        };
        Ok(Message {
            body: CreateDefaultEMailAddressResponse {
                response: Some(address),
            },
            ..Message::default()
        })
    }
}

/// A handler whose answers change after `inner` signed them: the address in the Body.
struct Tampering<H>(H);

impl<H: SoapHandler> SoapHandler for Tampering<H> {
    fn handle(
        &self,
        request: SoapRequest,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = SoapResponse> + Send + '_>> {
        Box::pin(async move {
            let response = self.0.handle(request).await;
            let body = String::from_utf8(response.body.to_vec())
                .unwrap()
                .replace(SIGNED_ADDRESS, "evil@example.org");
            SoapResponse {
                body: body.into(),
                ..response
            }
        })
    }
}

/// Calls `CreateDefaultEMailAddress` at `argv[2]` with zeep (WSDL `argv[1]`), signing with key
/// `argv[3]` and certificate `argv[4]` through zeep's `argv[6]` class (`Signature`: KeyInfo as
/// X509Data with X509IssuerSerial; `BinarySignature`: a BinarySecurityToken), a Timestamp put
/// in first; zeep checks each answer with its `verify_envelope` and the server's certificate
/// `argv[5]`. Prints `ok ADDRESS`, `fault: REASON`, or `unverified` when zeep refuses the
/// answer's signature.
const ZEEP_VERIFYING_CLIENT: &str = r#"
import sys, datetime
import zeep
from zeep.exceptions import SignatureVerificationFailed
from zeep.wsse import signature
from zeep.wsse.utils import WSU, get_security_header

wsdl, url, key, cert, server_cert, kind = sys.argv[1:7]

class Stamped(getattr(signature, kind)):
    """zeep's signature over a wsu:Timestamp (five minutes) put into the Security header
    first; answers checked by zeep's verify_envelope with the server's certificate."""
    def apply(self, envelope, headers):
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        text = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
        get_security_header(envelope).append(WSU.Timestamp(
            WSU.Created(text(now)), WSU.Expires(text(now + datetime.timedelta(minutes=5)))))
        return super().apply(envelope, headers)
    def verify(self, envelope):
        signature.verify_envelope(envelope, server_cert)
        return envelope

client = zeep.Client(wsdl, wsse=Stamped(key, cert))
service = client.create_service(
    "{http://www.superoffice.net/ws/crm/NetServer/Services82}BasicHttpBinding_EMail", url)
try:
    # The contract declares answer headers: zeep gives the header and the body.
    print("ok " + service.CreateDefaultEMailAddress().body.Response.Address)
except SignatureVerificationFailed:
    print("unverified")
except zeep.exceptions.Fault as fault:
    print("fault: " + fault.message)
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeeps_signature_and_binary_signature_are_served_and_verify_our_signed_answers() {
    let Some(python) = std::env::var_os("ORACLE_PYTHON").filter(|p| !p.is_empty()) else {
        skip_unless_ci(
            "wsse_signature_zeep needs ORACLE_PYTHON with zeep and xmlsec (scripts/test.sh sets it up)",
        );
        return;
    };
    let keys = keys("answers", &["client", "service", "stranger"]);
    let pem = |name: &str| std::fs::read(keys.0.join(format!("{name}.pem"))).unwrap();
    let service = Arc::new(Answering::default());
    let server_signature = X509Signature::new(
        &pem("service"),
        &std::fs::read(keys.0.join("service.key")).unwrap(),
    )
    .unwrap();
    let guarded = |service: Arc<Answering>| {
        let server = EMailServer::shared(service).understand_header(WSSE_NS, "Security");
        let verifier = SignatureVerifier::new().trust(&pem("client")).unwrap();
        RequireSignature::new(server, verifier)
            .with_signed_answers(server_signature.clone(), FaultSigning::Signed)
    };
    let path = EMailServer::<Answering>::DEFAULT_PATH;
    let honest = Server::bind(
        "127.0.0.1:0",
        path,
        Arc::new(guarded(Arc::clone(&service))),
        Limits::default(),
    )
    .await
    .unwrap();
    let tampering = Server::bind(
        "127.0.0.1:0",
        path,
        Arc::new(Tampering(guarded(Arc::clone(&service)))),
        Limits::default(),
    )
    .await
    .unwrap();
    let wsdl = email_wsdl();
    let run = |url: String, signer: &str, server_cert: &str, kind: &str| {
        let args = [
            wsdl.display().to_string(),
            url,
            keys.0.join(format!("{signer}.key")).display().to_string(),
            keys.0.join(format!("{signer}.pem")).display().to_string(),
            keys.0
                .join(format!("{server_cert}.pem"))
                .display()
                .to_string(),
            kind.to_string(),
        ];
        let python = python.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                python_script(&python, ZEEP_VERIFYING_CLIENT, &args)
            })
            .await
            .unwrap()
        }
    };
    let expected = format!("ok {SIGNED_ADDRESS}");
    for kind in ["Signature", "BinarySignature"] {
        // zeep signs (its KeyInfo by issuer and serial, or by token), we verify and serve,
        // sign the answer, and zeep verifies it.
        assert_eq!(
            run(honest.url(), "client", "service", kind).await,
            expected,
            "{kind}"
        );
        // zeep refuses an answer changed after it was signed, and one signed by a certificate
        // other than the one it expects.
        assert_eq!(
            run(tampering.url(), "client", "service", kind).await,
            "unverified",
            "{kind}"
        );
        assert_eq!(
            run(honest.url(), "client", "stranger", kind).await,
            "unverified",
            "{kind}"
        );
        // A request we refuse gets an unsigned fault, which zeep refuses to believe.
        assert_eq!(
            run(honest.url(), "stranger", "service", kind).await,
            "unverified",
            "{kind}"
        );
    }
    let client_der = X509Signature::new(
        &pem("client"),
        &std::fs::read(keys.0.join("client.key")).unwrap(),
    )
    .unwrap()
    .certificate_der()
    .to_vec();
    let signers = service.signers.lock().unwrap().clone();
    assert_eq!(
        signers.len(),
        6,
        "served: each kind, honest twice and tampered once"
    );
    assert!(
        signers
            .iter()
            .all(|s| s.as_deref() == Some(&client_der[..])),
        "the service saw zeep's certificate as the signer"
    );
    honest.shutdown().await;
    tampering.shutdown().await;
}

/// A server on 127.0.0.1 (it prints `{"port": N}`, and ends when its standard input closes)
/// answering `CreateDefaultEMailAddress` signed by zeep with key `argv[1]` and certificate
/// `argv[2]`, each path a different answer: `/signature` (zeep's `sign_envelope`: KeyInfo as
/// X509Data), `/binary` (`BinarySignature`), `/tampered` (signed, then the address changed),
/// `/unsigned`, `/signed-fault` and `/unsigned-fault` (a `Server` fault, HTTP 500).
const ZEEP_SIGNING_SERVER: &str = r#"
import sys, os, threading, datetime, http.server
from lxml import etree
from zeep.wsse import signature
from zeep.wsse.utils import WSU, get_security_header

key, cert = sys.argv[1:3]
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
ANSWER = ('<soap-env:Envelope xmlns:soap-env="' + SOAP + '"><soap-env:Body>'
    '<CreateDefaultEMailAddressResponse xmlns="http://www.superoffice.net/ws/crm/NetServer/Services82">'
    '<Response><Address>signed@example.org</Address></Response>'
    '</CreateDefaultEMailAddressResponse></soap-env:Body></soap-env:Envelope>')
FAULT = ('<soap-env:Envelope xmlns:soap-env="' + SOAP + '"><soap-env:Body><soap-env:Fault>'
    '<faultcode>soap-env:Server</faultcode><faultstring>the python service failed</faultstring>'
    '</soap-env:Fault></soap-env:Body></soap-env:Envelope>')

def signed(text, binary):
    envelope = etree.fromstring(text)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    get_security_header(envelope).append(WSU.Timestamp(
        WSU.Created(stamp(now)), WSU.Expires(stamp(now + datetime.timedelta(minutes=5)))))
    if binary:
        signature.BinarySignature(key, cert).apply(envelope, {})
    else:
        signature.sign_envelope(envelope, key, cert)
    return etree.tostring(envelope)

class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, body = {
            "/signature": lambda: (200, signed(ANSWER, False)),
            "/binary": lambda: (200, signed(ANSWER, True)),
            "/tampered": lambda: (200, signed(ANSWER, False).replace(b"signed@", b"evil@")),
            "/unsigned": lambda: (200, ANSWER.encode()),
            "/signed-fault": lambda: (500, signed(FAULT, True)),
            "/unsigned-fault": lambda: (500, FAULT.encode()),
        }[self.path]()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print('{"port": %d}' % server.server_address[1], flush=True)
threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
server.serve_forever()
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_verifies_answers_zeep_signed_and_refuses_tampered_or_unsigned_ones() {
    let Some(python) = std::env::var_os("ORACLE_PYTHON").filter(|p| !p.is_empty()) else {
        skip_unless_ci(
            "wsse_signature_zeep needs ORACLE_PYTHON with zeep and xmlsec (scripts/test.sh sets it up)",
        );
        return;
    };
    let keys = keys("client", &["python-service", "someone-else"]);
    let mut command = Command::new(python);
    command
        .arg("-c")
        .arg(ZEEP_SIGNING_SERVER)
        .arg(keys.0.join("python-service.key"))
        .arg(keys.0.join("python-service.pem"));
    let peer = PeerServer::start(command, "zeep's signing server", Duration::from_secs(30));
    let pem = |name: &str| std::fs::read(keys.0.join(format!("{name}.pem"))).unwrap();
    let agent = |path: &str, trusted: &str, unsigned_faults| {
        let verifier = SignatureVerifier::new().trust(&pem(trusted)).unwrap();
        EMailAgent::with_client(
            Client::new(peer.url(path)).with_signed_answers(verifier, unsigned_faults),
        )
    };
    for path in ["/signature", "/binary"] {
        let address = agent(path, "python-service", UnsignedFaults::Refused)
            .create_default_email_address()
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .and_then(|a| a.address.clone());
        assert_eq!(address.as_deref(), Some(SIGNED_ADDRESS), "{path}");
        // Signed by a certificate the client does not trust: named by issuer and serial
        // number beside the certificate itself in the X509Data (zeep's `sign_envelope`), or
        // carried in a token (`BinarySignature`). The issuer and serial number name the
        // certificate the X509Data carries, which is not trusted.
        let expected = SignatureError::UntrustedCertificate;
        match agent(path, "someone-else", UnsignedFaults::Refused)
            .create_default_email_address()
            .await
        {
            Err(Error::Signature { error, fault: None }) if error == expected => {}
            other => panic!("{path}: {other:?}"),
        }
    }
    let refusal = |result: Result<Option<EMailAddress>, services82_email::Error>| match result {
        Err(Error::Signature { error, fault }) => (error, fault.map(|f| f.reason)),
        other => panic!("{other:?}"),
    };
    let call = |path: &str, unsigned_faults| {
        let agent = agent(path, "python-service", unsigned_faults);
        async move { agent.create_default_email_address().await }
    };
    assert!(matches!(
        refusal(call("/tampered", UnsignedFaults::Refused).await),
        (SignatureError::DigestMismatch { .. }, None)
    ));
    assert_eq!(
        refusal(call("/unsigned", UnsignedFaults::Refused).await),
        (
            SignatureError::Missing {
                path: "Header/wsse:Security"
            },
            None
        )
    );
    // An unsigned success is refused even by a client that takes unsigned faults.
    assert!(matches!(
        refusal(call("/unsigned", UnsignedFaults::Accepted).await),
        (SignatureError::Missing { .. }, None)
    ));
    // Faults: a signed one is the service's; an unsigned one is refused, or taken when the
    // client says so.
    let reason = "the python service failed";
    for unsigned_faults in [UnsignedFaults::Refused, UnsignedFaults::Accepted] {
        match call("/signed-fault", unsigned_faults).await {
            Err(Error::Fault(fault)) => assert_eq!(fault.reason, reason),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        refusal(call("/unsigned-fault", UnsignedFaults::Refused).await),
        (
            SignatureError::Missing {
                path: "Header/wsse:Security"
            },
            Some(reason.to_string())
        )
    );
    match call("/unsigned-fault", UnsignedFaults::Accepted).await {
        Err(Error::Fault(fault)) => assert_eq!(fault.reason, reason),
        other => panic!("{other:?}"),
    }
    drop(peer);
}
