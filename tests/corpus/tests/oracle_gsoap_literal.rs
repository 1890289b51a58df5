//! gSOAP (2.8, Genivia's C/C++ SOAP stack, on embedded devices and behind many industrial and
//! ONVIF services; nobody here wrote it) against corpus contracts, over HTTP on 127.0.0.1, each
//! side a real process on what its tools made of the WSDL (`wsdl2h` and `soapcpp2` at test
//! time), values checked on both sides:
//! - `wsdl/library/rpc.wsdl` (module `library_rpc`), rpc/literal: two parts each way (a string
//!   and a list of books; an int and a list of strings), a part of a complex type, parts of
//!   simple types (one an enumeration), a declared fault whose detail each side decodes, a
//!   one-way operation, an answer without parts;
//! - `wsdl/library/bare.wsdl` (module `library_bare`), document/literal bare: a body that is
//!   one element of a complex type, of a simple type, of a list (also empty), a declared fault,
//!   a one-way operation, an answer without parts (an empty Body);
//! - `wsdl/wcf_greeter.wsdl`, document/literal wrapped, WCF's style, over SOAP 1.1 (module
//!   `greeter_basic`) and over SOAP 1.2 with WS-Addressing 1.0's headers, which the port's
//!   policy requires (module `greeter_ws`; gSOAP's program sets and reads them as the SOAP
//!   Header's members its `wsa5.h` declares): a wrapper of an optional nillable complex element
//!   (a GUID, an enumeration, a nillable string, an `xs:dateTime`), an answer of a nillable
//!   string (and none), a wrapper of no children and an answer of a list.
//!
//! Both directions: gSOAP's client (the contract's program in `tests/oracles/gsoap/`, run as
//! `client URL`) calls the generated servers, whose handler records what it decoded and
//! answers from it, and prints what it decoded of each answer; the generated clients call
//! gSOAP's service (the same program, run as `server`), which reports each request as it
//! decoded it and answers from it by the same rules (`library_peer`). A book carries an
//! optional element (present and absent), a nillable one (nil and set) and a repeated one (two
//! and none).
//!
//! The harness (`end_to_end::gsoap`) says how gSOAP is installed; without it these tests are
//! skipped loudly, and fail in CI.

mod library_peer;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use end_to_end::gsoap::{Contract, Gsoap};
use library_peer::reporting_service::{call_bare_service, call_rpc_service, BooksPart};
use library_peer::scripted::assert_bare_answers_json;
use library_peer::{added_titles, serve_bare, serve_rpc, NOT_ON_THE_SHELF, NO_PAGES, NO_SHELF};
use serde_json::{json, Value};
use soap_runtime::{DateTime, Fault, Guid, Message};
use wsdl_corpus::{greeter_basic, greeter_ws, library_bare, library_rpc};

/// The corpus's WSDL `name`.
fn corpus_wsdl(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl")).join(name)
}

/// library/rpc.wsdl with gSOAP's program on it.
fn rpc_contract() -> Contract {
    Contract {
        program: "library_rpc",
        wsdl: corpus_wsdl("library/rpc.wsdl"),
        imports: &[],
    }
}

/// library/bare.wsdl with gSOAP's program on it.
fn bare_contract() -> Contract {
    Contract {
        program: "library_bare",
        wsdl: corpus_wsdl("library/bare.wsdl"),
        imports: &[],
    }
}

/// wcf_greeter.wsdl (its IGreeter port type, over SOAP 1.1 and SOAP 1.2 with WS-Addressing)
/// with gSOAP's program on it.
fn greeter_contract() -> Contract {
    Contract {
        program: "greeter",
        wsdl: corpus_wsdl("wcf_greeter.wsdl"),
        imports: &["wsa5.h"],
    }
}

/// The books of `library_peer::books!` as gSOAP's programs print them: an absent ISBN left
/// out, a nil subtitle as null, the tags always.
fn books_json() -> Value {
    json!([
        {"title": "Ünïcode & <tags>", "genre": "fiction", "pages": 412, "isbn": "978-0",
         "subtitle": null, "tag": ["classic", "sand"]},
        {"title": "Odes", "genre": "poetry", "pages": 90, "subtitle": "and more", "tag": []},
    ])
}

/// What gSOAP's client decoded of a declared `Refused` fault our server answered: its code as
/// written (gSOAP names the envelope's namespace with its own prefix), its string, its detail.
fn refused(op: &str, reason: &str, code: i32) -> Value {
    json!({"op": op, "fault": {"code": "SOAP-ENV:Server", "string": reason,
           "detail": {"refusal": {"reason": reason, "code": code}}}})
}

// ---- gSOAP's clients, our servers -----------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gsoap_client_calls_our_rpc_literal_server() {
    let Some(gsoap) = Gsoap::locate("gsoap_client_calls_our_rpc_literal_server") else {
        return;
    };
    let (library, server) = serve_rpc().await;
    let url = server.url();
    let results =
        tokio::task::spawn_blocking(move || gsoap.compile(&rpc_contract()).client(&[&url]))
            .await
            .expect("the gSOAP client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 7, "{results:?}");

    // What our server decoded of gSOAP's requests.
    library.assert_rpc_requests_decoded();

    // What gSOAP decoded of our answers: two output parts, a book (an ISBN and a subtitle, or
    // none and a nil one), the declared fault with its detail.
    assert_eq!(
        results[0],
        json!({"op": "addBooks", "body": {"count": 2, "titles": added_titles("top <&>")}})
    );
    assert_eq!(results[1], refused("addBooks", NO_SHELF, 400));
    assert_eq!(
        results[2],
        json!({"op": "findBook", "body": {"title": "Dune", "genre": "science", "pages": 321,
               "subtitle": null, "tag": ["science", "found <&>"]}})
    );
    assert_eq!(
        results[3],
        json!({"op": "findBook", "body": {"title": "Odes", "genre": "poetry", "pages": 321,
               "isbn": "isbn Odes", "subtitle": "sub Odes", "tag": ["poetry", "found <&>"]}})
    );
    assert_eq!(results[4], refused("findBook", NOT_ON_THE_SHELF, 404));
    assert_eq!(results[5], json!({"op": "donateBook"}));
    // An answer without parts: an empty wrapper.
    assert_eq!(*library.cleared.lock().expect("lock"), ["top <&>"]);
    assert_eq!(results[6], json!({"op": "clearShelf"}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gsoap_client_calls_our_document_bare_server() {
    let Some(gsoap) = Gsoap::locate("gsoap_client_calls_our_document_bare_server") else {
        return;
    };
    let (library, server) = serve_bare().await;
    let url = server.url();
    let results =
        tokio::task::spawn_blocking(move || gsoap.compile(&bare_contract()).client(&[&url]))
            .await
            .expect("the gSOAP client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 7, "{results:?}");

    // What our server decoded of gSOAP's requests.
    library.assert_bare_requests_decoded();

    // What gSOAP decoded of our answers: an int, the declared fault, a list of books and an
    // empty one, nothing, an empty Body.
    assert_bare_answers_json(results, refused("shelve", NO_PAGES, 422), &library);
}

// ---- our clients, gSOAP's services ----------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_gsoap_rpc_literal_service() {
    let Some(gsoap) = Gsoap::locate("our_client_calls_a_gsoap_rpc_literal_service") else {
        return;
    };
    let mut server = tokio::task::spawn_blocking(move || gsoap.compile(&rpc_contract()).server())
        .await
        .expect("the gSOAP service");
    let client = library_rpc::LibraryClient::new(server.url("/library/rpc"));

    call_rpc_service(
        &client,
        &mut server,
        &books_json(),
        &BooksPart {
            sent: books_json(),
            none: json!([]),
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_client_calls_a_gsoap_document_bare_service() {
    let Some(gsoap) = Gsoap::locate("our_client_calls_a_gsoap_document_bare_service") else {
        return;
    };
    let mut server = tokio::task::spawn_blocking(move || gsoap.compile(&bare_contract()).server())
        .await
        .expect("the gSOAP service");
    let client = library_bare::ShelfClient::new(server.url("/library/bare"));

    call_bare_service(&client, &mut server, &books_json()).await;
}

// ---- document/literal wrapped: WCF's greeter, both ways, SOAP 1.1 and 1.2 ------------------

/// The greeting requests both sides send, as gSOAP's service reports them and our handler
/// records them: every field (a GUID, an enumeration, text to escape beyond ASCII, a time),
/// then a language alone.
fn greet_requests_json() -> [Value; 2] {
    [
        json!({"Id": "0f8fad5b-d9cb-469f-a165-70867728950e", "Language": "Norwegian",
               "Name": "Åse <&>", "When": "2024-05-06T07:08:09Z"}),
        json!({"Language": "English"}),
    ]
}

/// [`greet_requests_json`] as module `$module`'s `GreetRequest`s.
macro_rules! greet_requests {
    ($module:ident) => {
        [
            $module::GreetRequest {
                id: Some(
                    "0f8fad5b-d9cb-469f-a165-70867728950e"
                        .parse()
                        .expect("a GUID"),
                ),
                language: Some($module::Language::Norwegian),
                name: Some("Åse <&>".into()),
                when: Some("2024-05-06T07:08:09Z".parse().expect("a dateTime")),
            },
            $module::GreetRequest {
                language: Some($module::Language::English),
                ..Default::default()
            },
        ]
    };
}

/// A greeting request's fields as JSON, as gSOAP's service reports them: an absent one left
/// out.
fn request_json(
    id: Option<&Guid>,
    language: Option<&str>,
    name: Option<&str>,
    when: Option<&DateTime>,
) -> Value {
    let mut fields = serde_json::Map::new();
    let mut put = |key: &str, value: Option<String>| {
        if let Some(value) = value {
            fields.insert(key.into(), value.into());
        }
    };
    put("Id", id.map(Guid::to_string));
    put("Language", language.map(str::to_owned));
    put("Name", name.map(str::to_owned));
    put("When", when.map(DateTime::to_string));
    Value::Object(fields)
}

/// The greeting both sides answer a request of `fields` ([`request_json`]): `Hello NAME
/// (LANGUAGE, ID, WHEN)` (`-` for an absent part); none without a name.
fn greeting(fields: &Value) -> Option<String> {
    let name = fields["Name"].as_str()?;
    let part = |key: &str| fields[key].as_str().unwrap_or("-").to_owned();
    Some(format!(
        "Hello {name} ({}, {}, {})",
        part("Language"),
        part("Id"),
        part("When")
    ))
}

/// The names both sides list.
const NAMES: [&str; 2] = ["Ada", "Grace <&>"];

/// The generated servers' handler of IGreeter: records each greeting request's fields
/// ([`request_json`]), answers the [`greeting`] and the [`NAMES`].
#[derive(Default)]
struct Greeter {
    greeted: Mutex<Vec<Value>>,
}

macro_rules! greeter_service {
    ($module:ident) => {
        impl $module::IGreeterService for Greeter {
            async fn greet(
                &self,
                request: Message<$module::RequestHeaders, $module::Greet>,
            ) -> Result<Message<$module::ResponseHeaders, $module::GreetResponse>, Fault> {
                let fields = request.body.request.map_or(Value::Null, |r| {
                    request_json(
                        r.id.as_ref(),
                        r.language.as_ref().map(|l| l.as_str()),
                        r.name.as_deref(),
                        r.when.as_ref(),
                    )
                });
                let greet_result = greeting(&fields);
                self.greeted.lock().expect("lock").push(fields);
                Ok(Message {
                    headers: Default::default(),
                    body: $module::GreetResponse { greet_result },
                })
            }

            async fn list_names(
                &self,
                _request: Message<$module::RequestHeaders, $module::ListNames>,
            ) -> Result<Message<$module::ResponseHeaders, $module::ListNamesResponse>, Fault> {
                Ok(Message {
                    headers: Default::default(),
                    body: $module::ListNamesResponse {
                        list_names_result: Some(NAMES.map(String::from).to_vec()),
                    },
                })
            }
        }
    };
}
greeter_service!(greeter_basic);
greeter_service!(greeter_ws);

/// What gSOAP's client decoded of our greeter's answers: a greeting, none, the names; over
/// SOAP 1.2 each with its WS-Addressing headers, RelatesTo the request's MessageID (the
/// program numbers them) and the answer's action.
fn greeter_answers(soap12: bool) -> Value {
    let requests = greet_requests_json();
    let answers = [
        ("Greet", json!(greeting(&requests[0]))),
        ("Greet", Value::Null),
        ("ListNames", json!(NAMES)),
    ];
    let items = answers.into_iter().enumerate().map(|(index, (op, body))| {
        let mut item = json!({"op": op, "body": body});
        if soap12 {
            item["addressing"] = json!({
                "RelatesTo": format!("urn:uuid:00000000-0000-4000-8000-00000000000{}", index + 1),
                "Action": format!("http://tempuri.org/IGreeter/{op}Response"),
            });
        }
        item
    });
    Value::Array(items.collect())
}

/// gSOAP's greeter client (`client URL VERSION`) calling our generated greeter server of
/// `$module`.
macro_rules! gsoap_client_calls_our_greeter {
    ($test:ident, $module:ident, $version:literal) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $test() {
            let Some(gsoap) = Gsoap::locate(stringify!($test)) else {
                return;
            };
            let greeter = Arc::new(Greeter::default());
            let server = $module::IGreeterServer::shared(greeter.clone())
                .bind("127.0.0.1:0")
                .await
                .expect("the generated server binds");
            let url = server.url();
            let results = tokio::task::spawn_blocking(move || {
                gsoap.compile(&greeter_contract()).client(&[&url, $version])
            })
            .await
            .expect("the gSOAP client");

            // What our server decoded of gSOAP's requests; what gSOAP decoded of our answers.
            assert_eq!(
                *greeter.greeted.lock().expect("lock"),
                greet_requests_json()
            );
            assert_eq!(results, greeter_answers($version == "1.2"));
            assert_eq!(
                results[0]["body"],
                "Hello Åse <&> (Norwegian, 0f8fad5b-d9cb-469f-a165-70867728950e, \
                 2024-05-06T07:08:09Z)"
            );
        }
    };
}
gsoap_client_calls_our_greeter!(
    gsoap_client_calls_our_document_wrapped_server,
    greeter_basic,
    "1.1"
);
gsoap_client_calls_our_greeter!(
    gsoap_client_calls_our_soap12_addressed_wrapped_server,
    greeter_ws,
    "1.2"
);

/// Our generated greeter client of `$module` calling gSOAP's greeter service at `$path`; over
/// SOAP 1.2 (`$soap12`) gSOAP reports the WS-Addressing headers our client sent.
macro_rules! our_greeter_calls_gsoap {
    ($test:ident, $module:ident, $path:literal, $soap12:literal) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $test() {
            let Some(gsoap) = Gsoap::locate(stringify!($test)) else {
                return;
            };
            let mut server =
                tokio::task::spawn_blocking(move || gsoap.compile(&greeter_contract()).server())
                    .await
                    .expect("the gSOAP service");
            let url = server.url($path);
            let client = $module::IGreeterClient::new(url.clone());
            let addressing = |op: &str| {
                json!({"Action": format!("http://tempuri.org/IGreeter/{op}"), "To": url})
            };
            let reported = |server: &mut end_to_end::child::PeerServer, op: &str, body: Value| {
                let mut expected = json!({"op": op, "body": body});
                if $soap12 {
                    expected["addressing"] = addressing(op);
                }
                assert_eq!(server.next_request(op), expected);
            };

            // gSOAP decoded every field of ours (its report), and its answer is made of them.
            let [full, nameless] = greet_requests!($module);
            let sent = greet_requests_json();
            let greeted = client.greet(Some(full)).await.expect("Greet answers");
            reported(&mut server, "Greet", sent[0].clone());
            assert_eq!(greeted, greeting(&sent[0]));
            // No name: no greeting.
            let greeted = client.greet(Some(nameless)).await.expect("Greet answers");
            reported(&mut server, "Greet", sent[1].clone());
            assert_eq!(greeted, None);

            // A wrapper of no children in, a list out.
            let names = client.list_names().await.expect("ListNames answers");
            reported(&mut server, "ListNames", json!({}));
            assert_eq!(names, Some(NAMES.map(String::from).to_vec()));
        }
    };
}
our_greeter_calls_gsoap!(
    our_client_calls_a_gsoap_document_wrapped_service,
    greeter_basic,
    "/Greeter/basic",
    false
);
our_greeter_calls_gsoap!(
    our_client_calls_a_gsoap_soap12_addressed_wrapped_service,
    greeter_ws,
    "/Greeter/ws",
    true
);
