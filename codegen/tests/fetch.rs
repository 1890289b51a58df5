//! `wsdl-codegen fetch` against HTTP(S) servers written here, on 127.0.0.1: our EMail rendering
//! served the way WCF splits it (`?wsdl` importing `?xsd=xsdN`, with `?wsdl=wsdl0`) and whole
//! (`?singleWsdl`), ASMX and JAX-WS URL shapes, relative imports and cycles, the bindings
//! generated from the fetched files compared with those generated from the file; headers and
//! Basic credentials reaching the server; a TLS server with a test-made CA; and every error.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;
use wsdl_codegen::Builder;

const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
const EMAIL_WSDL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../wsdl/services82/EMail.wsdl");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/wsdl");
const EMAIL_PATH: &str = "/Remote/Services82/EMail.svc";

// ---- a small HTTP/1.1 server -------------------------------------------------------------

/// A request as the server saw it.
#[derive(Debug, Clone)]
struct Request {
    /// Path and query, as sent.
    target: String,
    /// Headers, names in lowercase.
    headers: HashMap<String, String>,
}

/// What the server answers.
enum Reply {
    /// Status, extra headers, body.
    Answer(u16, Vec<(&'static str, String)>, Vec<u8>),
    /// Never answer (for timeouts).
    Hang,
}

fn xml(body: impl Into<Vec<u8>>) -> Reply {
    Reply::Answer(
        200,
        vec![("content-type", "text/xml; charset=utf-8".into())],
        body.into(),
    )
}

fn not_found() -> Reply {
    Reply::Answer(404, vec![], b"not found".to_vec())
}

type Handler = Arc<dyn Fn(&Request, SocketAddr) -> Reply + Send + Sync>;

/// A running server: its address and the requests it received.
struct Server {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    /// Serves `handler` over plain HTTP (or TLS with `tls`) on a thread of its own.
    fn start(
        handler: impl Fn(&Request, SocketAddr) -> Reply + Send + Sync + 'static,
        tls: Option<TlsAcceptor>,
    ) -> Server {
        let handler: Handler = Arc::new(handler);
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("test runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind 127.0.0.1");
                let addr = listener.local_addr().expect("local address");
                sender.send(addr).expect("send address");
                while let Ok((tcp, _)) = listener.accept().await {
                    let (handler, seen, tls) = (handler.clone(), seen.clone(), tls.clone());
                    tokio::spawn(async move {
                        match tls {
                            Some(acceptor) => {
                                if let Ok(stream) = acceptor.accept(tcp).await {
                                    serve(stream, addr, handler, seen).await;
                                }
                            }
                            None => serve(tcp, addr, handler, seen).await,
                        }
                    });
                }
            });
        });
        let addr = receiver.recv().expect("server address");
        Server { addr, requests }
    }

    fn url(&self, target: &str) -> String {
        format!("http://{}{target}", self.addr)
    }

    /// How many requests asked for `target`.
    fn count(&self, target: &str) -> usize {
        let requests = self.requests.lock().expect("requests");
        requests.iter().filter(|r| r.target == target).count()
    }

    fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("requests").clone()
    }
}

/// Answers one request on `stream` (the connection is closed after it).
async fn serve<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    addr: SocketAddr,
    handler: Handler,
    seen: Arc<Mutex<Vec<Request>>>,
) {
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65_536 {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let target = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .unwrap_or("/")
        .to_string();
    let headers = lines
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let request = Request { target, headers };
    seen.lock().expect("requests").push(request.clone());
    match handler(&request, addr) {
        Reply::Hang => tokio::time::sleep(Duration::from_secs(120)).await,
        Reply::Answer(status, headers, body) => {
            let mut response = format!(
                "HTTP/1.1 {status} Test\r\ncontent-length: {}\r\nconnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                response.push_str(&format!("{name}: {value}\r\n"));
            }
            response.push_str("\r\n");
            let _ = stream.write_all(response.as_bytes()).await;
            let _ = stream.write_all(&body).await;
            let _ = stream.shutdown().await;
        }
    }
}

/// Serves the documents of `routes` (path and query → body) as XML, 404 otherwise.
fn static_server(routes: HashMap<String, Vec<u8>>) -> Server {
    Server::start(
        move |request, _| match routes.get(&request.target) {
            Some(body) => xml(body.clone()),
            None => not_found(),
        },
        None,
    )
}

// ---- the command and its output ----------------------------------------------------------

fn run(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wsdl-codegen"));
    command.arg("fetch").args(args);
    for (name, value) in envs {
        command.env(name, value);
    }
    command.output().expect("run wsdl-codegen fetch")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A directory named `name` for one test, which does not exist yet, inside a scratch
/// directory that is removed with everything in it when the returned guard drops.
fn scratch(name: &str) -> (tempfile::TempDir, PathBuf) {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch.path().join(name);
    (scratch, dir)
}

/// Fetches `url` into `out`, asserting success; the last line of output, as a path.
fn fetch_ok(url: &str, out: &Path, extra: &[&str]) -> PathBuf {
    let out_arg = out.to_string_lossy().into_owned();
    let mut args = vec![url, "--out", &out_arg];
    args.extend_from_slice(extra);
    let output = run(&args, &[]);
    assert!(output.status.success(), "{output:?}");
    let stdout = text(&output.stdout);
    PathBuf::from(stdout.lines().last().expect("a last line"))
}

/// Fetches `url` into a scratch directory, asserting failure with exit code 1; standard error.
fn fetch_err(name: &str, url: &str, extra: &[&str]) -> String {
    let (_scratch, out) = scratch(name);
    let out_arg = out.to_string_lossy().into_owned();
    let mut args = vec![url, "--out", &out_arg];
    args.extend_from_slice(extra);
    let output = run(&args, &[]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(!out.exists(), "nothing is written on failure: {output:?}");
    text(&output.stderr)
}

/// The bindings generated from `wsdl`.
fn generated(wsdl: &Path) -> String {
    Builder::new(wsdl)
        .output()
        .unwrap_or_else(|e| panic!("generate from {}: {e}", wsdl.display()))
        .code
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ---- our EMail rendering, split the way WCF serves it ------------------------------------

/// The EMail WSDL with `wsdl:types` importing each schema by absolute URL, and the schemas,
/// each importing the namespaces it uses by URL (and the second one the first: a loop).
struct Split {
    wsdl: String,
    schemas: Vec<String>,
}

fn split(source: &str, schema_url: impl Fn(usize) -> String) -> Split {
    let doc = roxmltree::Document::parse(source).expect("EMail.wsdl parses");
    let root = doc.root_element();
    let types = root
        .children()
        .find(|n| n.has_tag_name((WSDL_NS, "types")))
        .expect("wsdl:types");
    let schemas: Vec<_> = types
        .children()
        .filter(|n| n.has_tag_name((XSD_NS, "schema")))
        .collect();
    let namespaces: Vec<&str> = schemas
        .iter()
        .map(|s| s.attribute("targetNamespace").expect("targetNamespace"))
        .collect();
    let declarations: String = root
        .namespaces()
        .filter_map(|ns| Some(format!(" xmlns:{}=\"{}\"", ns.name()?, ns.uri())))
        .collect();
    let import = |index: usize| {
        format!(
            "<xsd:import schemaLocation=\"{}\" namespace=\"{}\"/>",
            schema_url(index),
            namespaces[index]
        )
    };
    let mut texts = Vec::new();
    for (index, schema) in schemas.iter().enumerate() {
        let range = schema.range();
        let mut text = source[range.clone()].to_string();
        let mut inserts: Vec<(usize, String)> = schema
            .children()
            .filter(|n| n.has_tag_name((XSD_NS, "import")))
            .map(|n| {
                let namespace = n.attribute("namespace").expect("namespace");
                let target = namespaces
                    .iter()
                    .position(|ns| *ns == namespace)
                    .expect("an embedded schema");
                let at = n.range().start - range.start + "<xsd:import".len();
                (at, format!(" schemaLocation=\"{}\"", schema_url(target)))
            })
            .collect();
        if index == 1 {
            let end_of_start_tag = text.find('>').expect("start tag") + 1;
            inserts.push((end_of_start_tag, import(0)));
        }
        inserts.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
        for (at, insert) in inserts {
            text.insert_str(at, &insert);
        }
        text.insert_str("<xsd:schema".len(), &declarations);
        texts.push(format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{text}\n"
        ));
    }
    let imports: String = (0..schemas.len()).map(import).collect();
    let range = types.range();
    let wsdl = format!(
        "{}<wsdl:types><xsd:schema targetNamespace=\"http://tempuri.org/Imports\">{imports}</xsd:schema></wsdl:types>{}",
        &source[..range.start],
        &source[range.end..]
    );
    Split {
        wsdl,
        schemas: texts,
    }
}

/// `wsdl` as WCF's `?wsdl` with `?wsdl=wsdl0`: the first holds the service and imports the
/// second, which holds everything else.
fn split_wsdl0(wsdl: &str, wsdl0_url: &str) -> (String, String) {
    let doc = roxmltree::Document::parse(wsdl).expect("split WSDL parses");
    let root = doc.root_element();
    let service = root
        .children()
        .find(|n| n.has_tag_name((WSDL_NS, "service")))
        .expect("wsdl:service");
    let start = root.range().start;
    let start_tag_end = start + wsdl[start..].find('>').expect("start tag") + 1;
    let namespace = root.attribute("targetNamespace").expect("targetNamespace");
    let main = format!(
        "{}\n  <wsdl:import namespace=\"{namespace}\" location=\"{wsdl0_url}\"/>\n  {}\n</wsdl:definitions>\n",
        &wsdl[..start_tag_end],
        &wsdl[service.range()]
    );
    let rest = format!(
        "{}{}",
        &wsdl[..service.range().start],
        &wsdl[service.range().end..]
    );
    (main, rest)
}

/// A server for the EMail documents split WCF's way, at `EMail.svc?wsdl`, `?xsd=xsdN`,
/// `?wsdl=wsdl0` (with `?wsdl1` importing it) and `?singleWsdl`. The URLs inside are the
/// server's own, so the server is started first and its routes set after.
fn wcf_server() -> Server {
    let routes: Arc<Mutex<HashMap<String, Vec<u8>>>> = Arc::default();
    let shared = routes.clone();
    let server = Server::start(
        move |request, _| match shared.lock().expect("routes").get(&request.target) {
            Some(body) => xml(body.clone()),
            None => not_found(),
        },
        None,
    );
    let source = read(Path::new(EMAIL_WSDL));
    let base = server.url(EMAIL_PATH);
    let split = split(&source, |n| format!("{base}?xsd=xsd{n}"));
    let (with_import, wsdl0) = split_wsdl0(&split.wsdl, &format!("{base}?wsdl=wsdl0"));
    let mut routes = routes.lock().expect("routes");
    routes.insert(format!("{EMAIL_PATH}?wsdl"), split.wsdl.into_bytes());
    routes.insert(format!("{EMAIL_PATH}?singleWsdl"), source.into_bytes());
    routes.insert(format!("{EMAIL_PATH}?wsdl1"), with_import.into_bytes());
    routes.insert(format!("{EMAIL_PATH}?wsdl=wsdl0"), wsdl0.into_bytes());
    for (n, schema) in split.schemas.into_iter().enumerate() {
        routes.insert(format!("{EMAIL_PATH}?xsd=xsd{n}"), schema.into_bytes());
    }
    drop(routes);
    server
}

// ---- the service shapes ------------------------------------------------------------------

#[test]
fn wcf_split_documents_generate_the_same_bindings_as_the_file() {
    let server = wcf_server();
    let (_scratch, out) = scratch("wcf");
    let url = server.url(&format!("{EMAIL_PATH}?wsdl"));
    let out_arg = out.to_string_lossy().into_owned();
    let output = run(&[&url, "--out", &out_arg], &[]);
    assert!(output.status.success(), "{output:?}");
    let stdout = text(&output.stdout);
    let main = PathBuf::from(stdout.lines().last().expect("last line"));
    assert_eq!(main, out.join("EMail.wsdl"), "{stdout}");

    for n in 0..3 {
        let target = format!("{EMAIL_PATH}?xsd=xsd{n}");
        assert_eq!(
            server.count(&target),
            1,
            "{target} fetched once (xsd1 and xsd0 import each other)"
        );
        assert!(out.join(format!("EMail.xsd{n}.xsd")).is_file(), "{stdout}");
    }
    let wsdl = read(&main);
    assert!(wsdl.contains("schemaLocation=\"EMail.xsd0.xsd\""), "{wsdl}");
    assert!(!wsdl.contains("?xsd="), "every import rewritten");
    let xsd1 = read(&out.join("EMail.xsd1.xsd"));
    assert!(xsd1.contains("schemaLocation=\"EMail.xsd0.xsd\""), "{xsd1}");
    // The endpoint address is not an import: kept.
    assert!(wsdl.contains("https://sod.superoffice.com/Cust12345/Remote/Services82/EMail.svc"));

    assert_eq!(generated(&main), generated(Path::new(EMAIL_WSDL)));

    let manifest: serde_json::Value =
        serde_json::from_str(&read(&out.join("fetch-manifest.json"))).expect("manifest JSON");
    assert_eq!(manifest["url"], url.as_str());
    assert_eq!(manifest["main"], "EMail.wsdl");
    let date = manifest["date"].as_str().expect("date");
    assert!(
        date.len() == 20 && date.ends_with('Z') && date.starts_with("20"),
        "{date}"
    );
    let files = manifest["files"].as_array().expect("files");
    assert_eq!(files.len(), 4, "{manifest}");
    for file in files {
        let name = file["file"].as_str().expect("file name");
        let bytes = std::fs::read(out.join(name)).expect("saved file");
        assert_eq!(file["sha256"], sha256_hex(&bytes).as_str(), "{name}");
        assert!(file["url"]
            .as_str()
            .expect("url")
            .starts_with(&server.url(EMAIL_PATH)));
    }
    assert_eq!(files[1]["file"], "EMail.xsd0.xsd");
}

#[test]
fn wcf_wsdl_importing_wsdl0_and_single_wsdl() {
    let server = wcf_server();
    let expected = generated(Path::new(EMAIL_WSDL));

    let (_scratch, out) = scratch("wcf-wsdl0");
    let main = fetch_ok(&server.url(&format!("{EMAIL_PATH}?wsdl1")), &out, &[]);
    assert_eq!(main, out.join("EMail.wsdl"));
    let wsdl = read(&main);
    assert!(wsdl.contains("location=\"EMail.wsdl0.wsdl\""), "{wsdl}");
    assert!(out.join("EMail.wsdl0.wsdl").is_file());
    assert!(out.join("EMail.xsd2.xsd").is_file());
    assert_eq!(generated(&main), expected);

    let (_scratch, out) = scratch("wcf-single");
    let main = fetch_ok(&server.url(&format!("{EMAIL_PATH}?singleWsdl")), &out, &[]);
    assert_eq!(main, out.join("EMail.wsdl"));
    assert_eq!(
        read(&main),
        read(Path::new(EMAIL_WSDL)),
        "kept byte for byte"
    );
    assert_eq!(generated(&main), expected);
}

#[test]
fn asmx_and_jaxws_url_shapes() {
    let operations = std::fs::read(format!("{CORPUS}/operations.wsdl")).expect("corpus WSDL");
    let mut routes = HashMap::new();
    routes.insert("/Orders.asmx?WSDL".to_string(), operations.clone());
    let server = static_server(routes);
    let (_scratch, out) = scratch("asmx");
    let main = fetch_ok(&server.url("/Orders.asmx?WSDL"), &out, &[]);
    assert_eq!(main, out.join("Orders.wsdl"));
    assert_eq!(std::fs::read(&main).expect("saved"), operations);

    // JAX-WS: `Hello?wsdl` importing `Hello?xsd=1`, `?xsd=2`, ...
    let routes: Arc<Mutex<HashMap<String, Vec<u8>>>> = Arc::default();
    let shared = routes.clone();
    let server = Server::start(
        move |request, _| match shared.lock().expect("routes").get(&request.target) {
            Some(body) => xml(body.clone()),
            None => not_found(),
        },
        None,
    );
    let base = server.url("/ws/Hello");
    let split = split(&read(Path::new(EMAIL_WSDL)), |n| {
        format!("{base}?xsd={}", n + 1)
    });
    {
        let mut routes = routes.lock().expect("routes");
        routes.insert("/ws/Hello?wsdl".into(), split.wsdl.into_bytes());
        for (n, schema) in split.schemas.into_iter().enumerate() {
            routes.insert(format!("/ws/Hello?xsd={}", n + 1), schema.into_bytes());
        }
    }
    let (_scratch, out) = scratch("jaxws");
    let main = fetch_ok(&format!("{base}?wsdl"), &out, &[]);
    assert_eq!(main, out.join("Hello.wsdl"));
    assert!(out.join("Hello.xsd1.xsd").is_file());
    assert!(read(&main).contains("schemaLocation=\"Hello.xsd3.xsd\""));
    // The same bindings; only the first line names the file they came from.
    let fetched = generated(&main).replacen("from Hello.wsdl.", "from EMail.wsdl.", 1);
    assert_eq!(fetched, generated(Path::new(EMAIL_WSDL)));
}

/// Every file under `dir`, by its path relative to `dir` with `/` separators.
fn files_under(dir: &Path, prefix: &str, into: &mut HashMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).expect("read corpus dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if path.is_dir() {
            files_under(&path, &format!("{prefix}{name}/"), into);
        } else {
            into.insert(
                format!("{prefix}{name}"),
                std::fs::read(&path).expect("read"),
            );
        }
    }
}

#[test]
fn relative_imports_across_directories_and_cycles() {
    let mut routes = HashMap::new();
    files_under(Path::new(CORPUS), "/", &mut routes);
    let server = static_server(routes);

    let (_scratch, out) = scratch("multifile");
    let main = fetch_ok(&server.url("/multifile/service.wsdl"), &out, &[]);
    assert_eq!(main, out.join("service.wsdl"));
    for file in [
        "warehouse-contract.wsdl",
        "types.xsd",
        "types-lines.xsd",
        "common.xsd",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let original = Path::new(CORPUS).join("multifile/service.wsdl");
    assert_eq!(generated(&main), generated(&original));

    let (_scratch, out) = scratch("cyclic");
    let main = fetch_ok(&server.url("/cyclic/front.wsdl"), &out, &[]);
    for target in [
        "front.wsdl",
        "back.wsdl",
        "types-a.xsd",
        "types-b.xsd",
        "core.xsd",
    ] {
        assert_eq!(
            server.count(&format!("/cyclic/{target}")),
            1,
            "{target} once"
        );
    }
    let original = Path::new(CORPUS).join("cyclic/front.wsdl");
    assert_eq!(generated(&main), generated(&original));
}

// ---- credentials and TLS -----------------------------------------------------------------

#[test]
fn headers_and_basic_credentials_reach_the_origin_only() {
    const PASSWORD: &str = "pa55-w0rd-s3cret";
    // A second server (another origin) holds a schema the first one's WSDL imports.
    let other = static_server(HashMap::from([(
        "/common.xsd".to_string(),
        format!("<xs:schema xmlns:xs=\"{XSD_NS}\" targetNamespace=\"urn:common\"/>").into_bytes(),
    )]));
    let expected_auth = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("anna:{PASSWORD}"))
    );
    let wsdl = format!(
        "<wsdl:definitions xmlns:wsdl=\"{WSDL_NS}\" xmlns:xs=\"{XSD_NS}\" targetNamespace=\"urn:t\">\
         <wsdl:types><xs:schema targetNamespace=\"urn:t\">\
         <xs:import namespace=\"urn:common\" schemaLocation=\"{}\"/>\
         </xs:schema></wsdl:types></wsdl:definitions>",
        other.url("/common.xsd")
    );
    let server = Server::start(
        move |request, _| {
            let authorized = request.headers.get("authorization") == Some(&expected_auth)
                && request.headers.get("x-api-key").map(String::as_str) == Some("key-123");
            match (authorized, request.target.as_str()) {
                (true, "/Secure.svc?wsdl") => xml(wsdl.clone()),
                (true, _) => not_found(),
                (false, _) => Reply::Answer(401, vec![], b"unauthorized".to_vec()),
            }
        },
        None,
    );
    let url = server.url("/Secure.svc?wsdl");
    let (_scratch, out) = scratch("auth");
    let out_arg = out.to_string_lossy().into_owned();
    let args = [
        url.as_str(),
        "--out",
        &out_arg,
        "--header",
        "X-Api-Key: key-123",
        "--user",
        "anna",
        "--password-env",
        "FETCH_TEST_PASSWORD",
    ];
    let output = run(&args, &[("FETCH_TEST_PASSWORD", PASSWORD)]);
    assert!(output.status.success(), "{output:?}");
    assert!(out.join("Secure.wsdl").is_file() && out.join("common.xsd").is_file());
    let printed = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert!(
        !printed.contains(PASSWORD) && !printed.contains("key-123"),
        "{printed}"
    );
    let elsewhere = other.requests();
    assert_eq!(elsewhere.len(), 1);
    assert!(
        !elsewhere[0].headers.contains_key("authorization")
            && !elsewhere[0].headers.contains_key("x-api-key"),
        "credentials stay with the origin: {elsewhere:?}"
    );

    // Without credentials: a 401, and the password is never echoed in errors.
    let stderr = fetch_err("auth-missing", &url, &[]);
    assert!(stderr.contains("HTTP 401"), "{stderr}");
    let (_scratch, out) = scratch("auth-wrong");
    let out_arg = out.to_string_lossy().into_owned();
    let output = run(
        &[
            &url,
            "--out",
            &out_arg,
            "--user",
            "anna",
            "--password-env",
            "FETCH_TEST_PASSWORD",
        ],
        &[("FETCH_TEST_PASSWORD", "wrong-s3cret")],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(!text(&output.stderr).contains("wrong-s3cret"), "{output:?}");
    let stderr = fetch_err(
        "auth-no-env",
        &url,
        &[
            "--user",
            "anna",
            "--password-env",
            "FETCH_TEST_UNSET_VARIABLE",
        ],
    );
    assert!(
        stderr.contains("FETCH_TEST_UNSET_VARIABLE is not set"),
        "{stderr}"
    );
}

/// A CA and a certificate for 127.0.0.1 signed by it: (CA PEM, TLS acceptor).
fn test_tls() -> (String, TlsAcceptor) {
    let ca_key = rcgen::KeyPair::generate().expect("CA key");
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "wsdl-codegen test CA");
    let ca = ca_params.self_signed(&ca_key).expect("CA certificate");
    let leaf_key = rcgen::KeyPair::generate().expect("leaf key");
    let leaf =
        rcgen::CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .expect("leaf params")
            .signed_by(&leaf_key, &ca, &ca_key)
            .expect("leaf certificate");
    let chain: Vec<CertificateDer<'static>> = vec![leaf.der().clone()];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .expect("server TLS config");
    (ca.pem(), TlsAcceptor::from(Arc::new(config)))
}

#[test]
fn https_with_a_test_ca() {
    let (ca_pem, acceptor) = test_tls();
    let operations = std::fs::read(format!("{CORPUS}/operations.wsdl")).expect("corpus WSDL");
    let server = Server::start(move |_, _| xml(operations.clone()), Some(acceptor));
    let url = format!("https://{}/Orders.asmx?WSDL", server.addr);

    let stderr = fetch_err("tls-untrusted", &url, &[]);
    assert!(
        stderr.contains("TLS with") && stderr.contains("--ca-cert"),
        "{stderr}"
    );

    let (_scratch, dir) = scratch("tls");
    std::fs::create_dir_all(&dir).expect("scratch");
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, ca_pem).expect("write CA");
    let out = dir.join("out");
    let main = fetch_ok(&url, &out, &["--ca-cert", &ca_file.to_string_lossy()]);
    assert_eq!(main, out.join("Orders.wsdl"));

    let not_pem = dir.join("not.pem");
    std::fs::write(&not_pem, "not a certificate").expect("write");
    let stderr = fetch_err(
        "tls-bad-ca",
        &url,
        &["--ca-cert", &not_pem.to_string_lossy()],
    );
    assert!(stderr.contains("cannot use the CA certificate"), "{stderr}");
}

// ---- errors ------------------------------------------------------------------------------

/// A server for the error cases, by path.
fn troublesome_server() -> Server {
    Server::start(
        |request, addr| {
            let target = request.target.as_str();
            match target {
                "/login-redirect?wsdl" => {
                    Reply::Answer(302, vec![("location", "/login?next=wsdl".into())], vec![])
                }
                "/login?next=wsdl" => Reply::Answer(
                    200,
                    vec![("content-type", "text/html".into())],
                    b"<!DOCTYPE html><html><body><form>Sign in</form></body></html>".to_vec(),
                ),
                "/html-as-xml?wsdl" => xml("\n<!doctype html>\n<html><body>Sign in</body></html>"),
                "/not-wsdl?wsdl" => xml("<config xmlns=\"urn:settings\"><a/></config>"),
                "/wsdl2?wsdl" => xml("<description xmlns=\"http://www.w3.org/ns/wsdl\"/>"),
                "/not-xml?wsdl" => xml("this is not <xml"),
                "/redirect-loop" => Reply::Answer(302, vec![("location", "/redirect-loop".into())], vec![]),
                "/moved?wsdl" => Reply::Answer(
                    301,
                    vec![("location", format!("http://{addr}/moved-here?wsdl"))],
                    vec![],
                ),
                "/moved-here?wsdl" => xml(format!(
                    "<wsdl:definitions xmlns:wsdl=\"{WSDL_NS}\" targetNamespace=\"urn:m\"/>"
                )),
                "/hang?wsdl" => Reply::Hang,
                "/big?wsdl" => xml(format!(
                    "<wsdl:definitions xmlns:wsdl=\"{WSDL_NS}\"><!-- {} --></wsdl:definitions>",
                    "x".repeat(5000)
                )),
                "/bad-import?wsdl" => xml(format!(
                    "<wsdl:definitions xmlns:wsdl=\"{WSDL_NS}\"><wsdl:import namespace=\"urn:x\" location=\"ftp://example/x.wsdl\"/></wsdl:definitions>"
                )),
                _ => {
                    // Endless distinct imports: /endless/N imports /endless/N+1.
                    if let Some(n) = target.strip_prefix("/endless/") {
                        let next: u64 = n.trim_end_matches(".xsd").parse().unwrap_or(0) + 1;
                        xml(format!(
                            "<xs:schema xmlns:xs=\"{XSD_NS}\" targetNamespace=\"urn:e\"><xs:include schemaLocation=\"{next}.xsd\"/></xs:schema>"
                        ))
                    } else {
                        not_found()
                    }
                }
            }
        },
        None,
    )
}

#[test]
fn errors_name_the_url_and_the_cause() {
    let server = troublesome_server();
    let url = |target: &str| server.url(target);

    let stderr = fetch_err("login", &url("/login-redirect?wsdl"), &[]);
    assert!(stderr.contains("answered an HTML page"), "{stderr}");
    assert!(
        stderr.contains(&format!("redirected to {}", url("/login?next=wsdl"))),
        "{stderr}"
    );
    assert!(stderr.contains("login page?"), "{stderr}");

    let stderr = fetch_err("html", &url("/html-as-xml?wsdl"), &[]);
    assert!(stderr.contains("answered an HTML page"), "{stderr}");

    let stderr = fetch_err("404", &url("/missing?wsdl"), &[]);
    assert!(
        stderr.contains(&format!("{} answered HTTP 404", url("/missing?wsdl"))),
        "{stderr}"
    );

    let stderr = fetch_err("not-wsdl", &url("/not-wsdl?wsdl"), &[]);
    assert!(
        stderr.contains("neither a WSDL 1.1 document nor an XML Schema"),
        "{stderr}"
    );
    assert!(stderr.contains("{urn:settings}config"), "{stderr}");
    let stderr = fetch_err("wsdl2", &url("/wsdl2?wsdl"), &[]);
    assert!(
        stderr.contains("{http://www.w3.org/ns/wsdl}description"),
        "{stderr}"
    );

    let stderr = fetch_err("not-xml", &url("/not-xml?wsdl"), &[]);
    assert!(
        stderr.contains("is not a readable XML document"),
        "{stderr}"
    );

    let stderr = fetch_err("redirect-loop", &url("/redirect-loop"), &[]);
    assert!(stderr.contains("redirected more than 5 times"), "{stderr}");
    assert!(stderr.contains(&url("/redirect-loop")), "{stderr}");

    let (_scratch, out) = scratch("moved");
    let main = fetch_ok(&url("/moved?wsdl"), &out, &[]);
    assert_eq!(main, out.join("moved.wsdl"));
    let manifest = read(&out.join("fetch-manifest.json"));
    assert!(manifest.contains(&url("/moved-here?wsdl")), "{manifest}");

    let stderr = fetch_err(
        "endless",
        &url("/endless/0.xsd"),
        &["--max-documents", "10"],
    );
    assert!(
        stderr.contains("import loop: more than 10 distinct documents"),
        "{stderr}"
    );
    assert!(stderr.contains(&url("/endless/10.xsd")), "{stderr}");

    let stderr = fetch_err("hang", &url("/hang?wsdl"), &["--timeout", "0.5"]);
    assert!(stderr.contains("no answer within 0.5 s"), "{stderr}");

    let stderr = fetch_err("big", &url("/big?wsdl"), &["--max-response-size", "1000"]);
    assert!(stderr.contains("larger than 1000 bytes"), "{stderr}");
    let stderr = fetch_err(
        "total",
        &url("/endless/0.xsd"),
        &["--max-total-size", "500"],
    );
    assert!(
        stderr.contains("larger than 500 bytes together"),
        "{stderr}"
    );

    let stderr = fetch_err("ftp", &url("/bad-import?wsdl"), &[]);
    assert!(stderr.contains("only http and https"), "{stderr}");

    let stderr = fetch_err("not-a-url", "Service.wsdl", &[]);
    assert!(stderr.contains("not a URL"), "{stderr}");

    // Nobody listens: a connection error naming the URL.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("address").port();
    drop(closed);
    let refused = format!("http://127.0.0.1:{port}/x?wsdl");
    let stderr = fetch_err("refused", &refused, &[]);
    assert!(
        stderr.contains(&format!("cannot connect to {refused}")),
        "{stderr}"
    );

    let output = run(&[&url("/x"), "--out", "x", "--header", "NoColonHere"], &[]);
    assert_eq!(output.status.code(), Some(2), "a usage error: {output:?}");
}

#[test]
fn imports_redirected_to_one_document_save_it_once() {
    // A byte order mark first: the rewritten ranges must still fall on the attribute values.
    let wsdl = format!(
        "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <wsdl:definitions xmlns:wsdl=\"{WSDL_NS}\" xmlns:xs=\"{XSD_NS}\" targetNamespace=\"urn:t\">\
         <wsdl:types><xs:schema targetNamespace=\"urn:t\">\
         <xs:import namespace=\"urn:shared\" schemaLocation=\"old/shared.xsd\"/>\
         <xs:import namespace=\"urn:shared\" schemaLocation=\"/v2/shared.xsd#ignored\"/>\
         </xs:schema></wsdl:types></wsdl:definitions>"
    );
    let schema = format!("<xs:schema xmlns:xs=\"{XSD_NS}\" targetNamespace=\"urn:shared\"/>");
    let server = Server::start(
        move |request, _| match request.target.as_str() {
            "/svc/Service.svc?wsdl" => xml(wsdl.clone()),
            "/svc/old/shared.xsd" => Reply::Answer(
                301,
                vec![("location", "../../v2/shared.xsd".into())],
                vec![],
            ),
            "/v2/shared.xsd" => xml(schema.clone()),
            _ => not_found(),
        },
        None,
    );
    let (_scratch, out) = scratch("aliases");
    let main = fetch_ok(&server.url("/svc/Service.svc?wsdl"), &out, &[]);
    assert_eq!(server.count("/v2/shared.xsd"), 1, "{:?}", server.requests());
    let saved = read(&main);
    assert!(saved.starts_with('\u{feff}'), "the byte order mark is kept");
    assert_eq!(
        saved.matches("schemaLocation=\"shared.xsd\"").count(),
        2,
        "{saved}"
    );
    let files: Vec<String> = std::fs::read_dir(&out)
        .expect("out dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        files.len(),
        3,
        "Service.wsdl, shared.xsd, the manifest: {files:?}"
    );
}

#[test]
fn the_library_api_works_inside_an_async_runtime() {
    let operations = std::fs::read(format!("{CORPUS}/operations.wsdl")).expect("corpus WSDL");
    let server = static_server(HashMap::from([("/S.asmx?WSDL".to_string(), operations)]));
    let (_scratch, out) = scratch("library");
    let url = server.url("/S.asmx?WSDL");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let fetched = runtime.block_on(async {
        wsdl_codegen::fetch::fetch(&url, &out, &wsdl_codegen::fetch::FetchOptions::default())
    });
    let fetched = fetched.expect("fetched");
    assert_eq!(fetched.main, out.join("S.wsdl"));
    assert_eq!(fetched.manifest.files.len(), 1);
}

/// A bank-branch lookup served as NuSOAP serves its WSDLs: in ISO-8859-1, said by the HTTP
/// charset and the XML declaration, importing a schema that says so in its declaration only.
const LATIN1_WSDL: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<definitions name="Filialen" targetNamespace="urn:filialen" xmlns="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:filialen">
  <documentation>Filialen einer Bank in Köln und Düsseldorf</documentation>
  <types>
    <xsd:schema targetNamespace="urn:filialen">
      <xsd:import namespace="urn:filialen:typen" schemaLocation="Filialen.php?xsd=typen"/>
    </xsd:schema>
  </types>
  <message name="suchenRequest"><part name="straße" type="xsd:string"/></message>
  <message name="suchenResponse"><part name="filiale" type="t:Filiale" xmlns:t="urn:filialen:typen"/></message>
  <portType name="FilialenPortType">
    <operation name="suchen"><input message="tns:suchenRequest"/><output message="tns:suchenResponse"/></operation>
  </portType>
  <binding name="FilialenBinding" type="tns:FilialenPortType">
    <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="suchen">
      <soap:operation soapAction="urn:filialen#suchen" style="rpc"/>
      <input><soap:body use="literal" namespace="urn:filialen"/></input>
      <output><soap:body use="literal" namespace="urn:filialen"/></output>
    </operation>
  </binding>
  <service name="Filialen">
    <port name="FilialenPort" binding="tns:FilialenBinding">
      <soap:address location="http://localhost/Filialen.php"/>
    </port>
  </service>
</definitions>
"#;

const LATIN1_XSD: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:filialen:typen">
  <xsd:complexType name="Filiale">
    <xsd:sequence>
      <xsd:element name="Öffnungszeiten" type="xsd:string"/>
    </xsd:sequence>
  </xsd:complexType>
</xsd:schema>
"#;

fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}

#[test]
fn documents_in_iso_8859_1_are_saved_as_utf8() {
    let server = Server::start(
        |request, _| match request.target.as_str() {
            "/Filialen.php?wsdl" => Reply::Answer(
                200,
                vec![("content-type", "text/xml; charset=ISO-8859-1".into())],
                latin1(LATIN1_WSDL),
            ),
            "/Filialen.php?xsd=typen" => Reply::Answer(
                200,
                vec![("content-type", "text/xml".into())],
                latin1(LATIN1_XSD),
            ),
            _ => not_found(),
        },
        None,
    );
    let (_scratch, out) = scratch("latin1");
    let main = fetch_ok(&server.url("/Filialen.php?wsdl"), &out, &[]);
    let saved = read(&main);
    assert!(
        saved.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#),
        "{saved}"
    );
    assert!(saved.contains("Köln und Düsseldorf"), "{saved}");
    let schema = std::fs::read_dir(&out)
        .expect("the saved files")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .find(|path| path.extension().is_some_and(|e| e == "xsd"))
        .expect("the saved schema");
    assert!(read(&schema).contains(r#"name="Öffnungszeiten""#));
    let manifest = read(&out.join("fetch-manifest.json"));
    assert!(
        manifest.contains(&sha256_hex(&latin1(LATIN1_WSDL))),
        "the manifest keeps the downloaded bytes' digest: {manifest}"
    );
    let code = generated(&main);
    assert!(code.contains("\"Öffnungszeiten\""), "{code}");
    assert!(code.contains("\"straße\""), "{code}");
}
