//! Hostile and broken input against the EMail client's decoder and the EMail server's
//! dispatcher, and misbehaving peers over real HTTP on 127.0.0.1.
//!
//! Every case of the corpus names the typed error it must give. The client gets the case's
//! answer document through a canned transport; the server's dispatcher gets its request
//! document, must answer a SOAP fault naming the same error, and keeps serving over HTTP.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use services82_email::*;
use soap_runtime::client::{Client, HttpRequest, HttpResponse, HttpTransport, Transport};
use soap_runtime::envelope::{read_envelope, ReadError};
use soap_runtime::error::DecodeErrorKind;
use soap_runtime::server::SoapRequest;
use soap_runtime::{Error, Fault, Limits, Message, TransportError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";
const S82: &str = "http://www.superoffice.net/ws/crm/NetServer/Services82";
const ARRAYS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";

// ---------------------------------------------------------------------------------------------
// Building documents

/// A SOAP 1.1 envelope around `body` (the body element, as text).
fn envelope(body: &str) -> String {
    format!(r#"<s:Envelope xmlns:s="{SOAP11}"><s:Body>{body}</s:Body></s:Envelope>"#)
}

/// Element `name` of the Services82 namespace with `inner` content.
fn element(name: &str, inner: &str) -> String {
    format!(r#"<{name} xmlns="{S82}" xmlns:a="{ARRAYS}">{inner}</{name}>"#)
}

/// The operations the corpus uses: each has a request and a response element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// `GetEMailEnvelopes`: ints in the request, envelopes (dates, ints) in the response.
    Envelopes,
    /// `GetEMailAsStream`: int and boolean in the request, base64 in the response.
    Stream,
    /// `GetFolderHasNewEMail`: a boolean response.
    HasNew,
    /// `GetFolderEMailCount`: an int response.
    Count,
    /// `SendEMails`: e-mails with dates and base64 attachments both ways.
    Send,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Envelopes => "GetEMailEnvelopes",
            Op::Stream => "GetEMailAsStream",
            Op::HasNew => "GetFolderHasNewEMail",
            Op::Count => "GetFolderEMailCount",
            Op::Send => "SendEMails",
        }
    }

    /// The request document with `inner` as the request element's content.
    fn request(self, inner: &str) -> String {
        envelope(&element(self.name(), inner))
    }

    /// The response document with `inner` as the response element's content.
    fn response(self, inner: &str) -> String {
        envelope(&element(&format!("{}Response", self.name()), inner))
    }

    /// Calls the operation through `agent`.
    async fn call(self, agent: &EMailAgent) -> Result<(), services82_email::Error> {
        match self {
            Op::Envelopes => agent.get_email_envelopes(None, None).await.map(drop),
            Op::Stream => agent.get_email_as_stream(None, None, None).await.map(drop),
            Op::HasNew => agent.get_folder_has_new_email(None).await.map(drop),
            Op::Count => agent.get_folder_email_count(None, None).await.map(drop),
            Op::Send => agent.send_emails(None, None, None).await.map(drop),
        }
    }
}

/// An e-mail with `inner` as its `EMailEntity` content.
fn email(inner: &str) -> String {
    format!("<Emails><EMailEntity>{inner}</EMailEntity></Emails>")
}

/// An e-mail with one attachment whose `Stream` is `base64`.
fn attachment(base64: &str) -> String {
    email(&format!(
        "<Attachments><EMailAttachment><Stream>{base64}</Stream></EMailAttachment></Attachments>"
    ))
}

// ---------------------------------------------------------------------------------------------
// The corpus

/// What a case must give: the error kind, and a phrase its message contains (which the
/// server's fault reason carries too).
struct Expect {
    kind: fn(&DecodeErrorKind) -> bool,
    phrase: &'static str,
}

/// One hostile or broken document, as an answer for the client and a request for the server.
struct Case {
    name: &'static str,
    op: Op,
    /// The answer the client receives (status 200).
    response: Vec<u8>,
    /// The request the server receives.
    request: Vec<u8>,
    expect: Expect,
}

fn case(name: &'static str, op: Op, response: String, request: String, expect: Expect) -> Case {
    Case {
        name,
        op,
        response: response.into_bytes(),
        request: request.into_bytes(),
        expect,
    }
}

/// A case whose document is the same both ways.
fn same(name: &'static str, op: Op, document: impl Into<Vec<u8>>, expect: Expect) -> Case {
    let document = document.into();
    Case {
        name,
        op,
        response: document.clone(),
        request: document,
        expect,
    }
}

fn limit(name: &'static str) -> Expect {
    // Function pointers cannot capture `name`; every limit shares one check of the phrase.
    Expect {
        kind: |k| matches!(k, DecodeErrorKind::LimitExceeded { .. }),
        phrase: match name {
            "max_depth" => "limit exceeded: max_depth",
            "max_message_size" => "limit exceeded: max_message_size",
            "max_string_len" => "limit exceeded: max_string_len",
            "max_bytes_len" => "limit exceeded: max_bytes_len",
            "max_items" => "limit exceeded: max_items",
            other => panic!("no such limit {other}"),
        },
    }
}

fn invalid(type_name: &'static str) -> Expect {
    Expect {
        kind: |k| matches!(k, DecodeErrorKind::InvalidValue { .. }),
        phrase: match type_name {
            "int" => "invalid int value",
            "base64Binary" => "invalid base64Binary value",
            "dateTime" => "invalid dateTime value",
            "boolean" => "invalid boolean value",
            "list" => "invalid list value",
            other => panic!("no such type {other}"),
        },
    }
}

const DTD: Expect = Expect {
    kind: |k| matches!(k, DecodeErrorKind::DtdRefused),
    phrase: "document type declarations (DTD) are not accepted",
};
const MALFORMED: Expect = Expect {
    kind: |k| matches!(k, DecodeErrorKind::Malformed(_)),
    phrase: "malformed XML",
};
const TRUNCATED: Expect = Expect {
    kind: |k| matches!(k, DecodeErrorKind::Truncated(_)),
    phrase: "the document ends inside",
};
const NOT_AN_ENVELOPE: Expect = Expect {
    kind: |k| matches!(k, DecodeErrorKind::NotAnEnvelope(_)),
    phrase: "expected a SOAP 1.1 or 1.2 `Envelope`",
};
const MISSING_BODY: Expect = Expect {
    kind: |k| matches!(k, DecodeErrorKind::MissingBody),
    phrase: "the envelope has no `Body`",
};
const DUPLICATE_BODY: Expect = Expect {
    kind: |k| matches!(k, DecodeErrorKind::DuplicateBody),
    phrase: "the envelope has more than one `Body`",
};
const UNKNOWN_ENTITY: Expect = Expect {
    kind: |k| matches!(k, DecodeErrorKind::UnknownEntity(_)),
    phrase: "unknown entity reference",
};

/// Limits small enough to reach with small documents; the corpus decodes with these.
fn small_limits() -> Limits {
    Limits {
        max_message_size: 1024 * 1024,
        max_depth: 64,
        max_string_len: 1000,
        max_bytes_len: 300,
        max_items: 100,
    }
}

/// The billion laughs: ten entities, each ten of the one before.
fn billion_laughs() -> String {
    let mut dtd = String::from(r#"<!ENTITY lol0 "lol">"#);
    for i in 1..10 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        dtd.push_str(&format!(r#"<!ENTITY lol{i} "{refs}">"#));
    }
    format!(
        r#"<?xml version="1.0"?><!DOCTYPE s:Envelope [{dtd}]>{}"#,
        Op::Count.response("<Response>&lol9;</Response>")
    )
}

/// Every case; `fetch` is an address nothing may connect to (external entities point there).
fn corpus(fetch: SocketAddr) -> Vec<Case> {
    let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    let valid_response = Op::Count.response("<Response>7</Response>");
    let valid_request = Op::Stream.request("<MessageServerId>7</MessageServerId>");
    let mut cases = vec![
        // DTDs and entities: refused before anything is expanded or fetched.
        same("billion laughs", Op::Count, billion_laughs(), DTD),
        same(
            "external entity",
            Op::Count,
            format!(
                r#"<?xml version="1.0"?><!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM "http://{fetch}/xxe">]>{}"#,
                Op::Count.response("<Response>&xxe;</Response>")
            ),
            DTD,
        ),
        same(
            "external entity from a file",
            Op::Count,
            format!(
                r#"<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>{}"#,
                Op::Count.response("<Response>&xxe;</Response>")
            ),
            DTD,
        ),
        same(
            "external DTD subset",
            Op::Count,
            format!(
                r#"<!DOCTYPE s:Envelope SYSTEM "http://{fetch}/evil.dtd">{}"#,
                Op::Count.response("<Response>1</Response>")
            ),
            DTD,
        ),
        same(
            "parameter entity",
            Op::Count,
            format!(
                r#"<!DOCTYPE s:Envelope [<!ENTITY % p SYSTEM "http://{fetch}/p.dtd"> %p;]>{}"#,
                Op::Count.response("<Response>1</Response>")
            ),
            DTD,
        ),
        case(
            "undeclared entity",
            Op::Count,
            Op::Count.response("<Response>&xxe;</Response>"),
            Op::Stream.request("<MessageServerId>&xxe;</MessageServerId>"),
            UNKNOWN_ENTITY,
        ),
        case(
            "undeclared entity between elements",
            Op::Count,
            Op::Count.response("&xxe;<Response>1</Response>"),
            Op::Stream.request("&xxe;<MessageServerId>1</MessageServerId>"),
            UNKNOWN_ENTITY,
        ),
        // Nesting.
        case(
            "nesting 100,000 deep in the body",
            Op::Count,
            Op::Count.response(&deep),
            Op::Stream.request(&deep),
            limit("max_depth"),
        ),
        same(
            "nesting 100,000 deep in the header",
            Op::Count,
            format!(
                r#"<s:Envelope xmlns:s="{SOAP11}"><s:Header>{deep}</s:Header><s:Body/></s:Envelope>"#
            ),
            limit("max_depth"),
        ),
        same(
            "nesting 100,000 deep as the root",
            Op::Count,
            deep.clone(),
            NOT_AN_ENVELOPE,
        ),
        // Truncation.
        case(
            "truncated in text",
            Op::Count,
            valid_response[..valid_response.find(">7<").expect("the value") + 2].to_string(),
            valid_request[..valid_request.find(">7<").expect("the value") + 2].to_string(),
            TRUNCATED,
        ),
        case(
            "truncated after a start tag",
            Op::Count,
            valid_response[..valid_response.find("<Response>").expect("element") + 10]
                .to_string(),
            valid_request[..valid_request.find("<MessageServerId>").expect("element") + 17]
                .to_string(),
            TRUNCATED,
        ),
        case(
            "truncated inside a tag",
            Op::Count,
            valid_response[..valid_response.find("<Response>").expect("element") + 5]
                .to_string(),
            valid_request[..valid_request.find("<MessageServerId>").expect("element") + 5]
                .to_string(),
            MALFORMED,
        ),
        same("only a declaration", Op::Count, r#"<?xml version="1.0"?>"#, MALFORMED),
        // Broken XML.
        case(
            "mismatched end tag",
            Op::Count,
            Op::Count.response("<Response>1</Respons>"),
            Op::Stream.request("<MessageServerId>1</MessageServerI>"),
            MALFORMED,
        ),
        case(
            "unquoted attribute",
            Op::Count,
            Op::Count.response("<Response a=1>1</Response>"),
            Op::Stream.request("<MessageServerId a=1>1</MessageServerId>"),
            MALFORMED,
        ),
        case(
            "character reference to NUL",
            Op::Count,
            Op::Count.response("<Response>&#0;</Response>"),
            Op::Stream.request("<MessageServerId>&#0;</MessageServerId>"),
            MALFORMED,
        ),
        case(
            "text before the root",
            Op::Count,
            format!("junk{valid_response}"),
            format!("junk{valid_request}"),
            MALFORMED,
        ),
        case(
            "a second root",
            Op::Count,
            format!("{valid_response}{valid_response}"),
            format!("{valid_request}{valid_request}"),
            MALFORMED,
        ),
        case(
            "attribute holding `<`",
            Op::Count,
            Op::Count.response(r#"<Response a="<">1</Response>"#),
            Op::Stream.request(r#"<MessageServerId a="<">1</MessageServerId>"#),
            MALFORMED,
        ),
        case(
            "attribute holding an unknown entity",
            Op::Count,
            Op::Count.response(r#"<Response a="&xxe;">1</Response>"#),
            Op::Stream.request(r#"<MessageServerId a="&xxe;">1</MessageServerId>"#),
            MALFORMED,
        ),
        case(
            "doubled attribute",
            Op::Count,
            Op::Count.response(r#"<Response a="1" a="2">1</Response>"#),
            Op::Stream.request(r#"<MessageServerId a="1" a="2">1</MessageServerId>"#),
            MALFORMED,
        ),
        // Envelope framing.
        same(
            "wrong envelope namespace",
            Op::Count,
            r#"<s:Envelope xmlns:s="http://example.org/not-soap"><s:Body/></s:Envelope>"#,
            NOT_AN_ENVELOPE,
        ),
        same(
            // Namespaces 1.0: a prefix must be declared.
            "undeclared envelope prefix",
            Op::Count,
            "<s:Envelope><s:Body/></s:Envelope>",
            MALFORMED,
        ),
        same(
            "root is not an envelope",
            Op::Count,
            element("GetFolderEMailCountResponse", "<Response>1</Response>"),
            NOT_AN_ENVELOPE,
        ),
        same(
            "body in another namespace",
            Op::Count,
            format!(
                r#"<s:Envelope xmlns:s="{SOAP11}"><x:Body xmlns:x="urn:other">{}</x:Body></s:Envelope>"#,
                element("GetFolderEMailCountResponse", "")
            ),
            NOT_AN_ENVELOPE,
        ),
        same(
            "SOAP 1.2 body in a SOAP 1.1 envelope",
            Op::Count,
            format!(
                r#"<s:Envelope xmlns:s="{SOAP11}"><e:Body xmlns:e="{SOAP12}"/></s:Envelope>"#
            ),
            NOT_AN_ENVELOPE,
        ),
        same(
            "missing body",
            Op::Count,
            format!(r#"<s:Envelope xmlns:s="{SOAP11}"><s:Header/></s:Envelope>"#),
            MISSING_BODY,
        ),
        case(
            "doubled body",
            Op::Count,
            format!(
                r#"<s:Envelope xmlns:s="{SOAP11}"><s:Body>{0}</s:Body><s:Body>{0}</s:Body></s:Envelope>"#,
                element("GetFolderEMailCountResponse", "<Response>1</Response>")
            ),
            format!(
                r#"<s:Envelope xmlns:s="{SOAP11}"><s:Body>{0}</s:Body><s:Body>{0}</s:Body></s:Envelope>"#,
                element("GetEMailAsStream", "")
            ),
            DUPLICATE_BODY,
        ),
        case(
            "doubled header",
            Op::Count,
            format!(
                r#"<s:Envelope xmlns:s="{SOAP11}"><s:Header/><s:Header/><s:Body>{}</s:Body></s:Envelope>"#,
                element("GetFolderEMailCountResponse", "")
            ),
            format!(
                r#"<s:Envelope xmlns:s="{SOAP11}"><s:Header/><s:Header/><s:Body>{}</s:Body></s:Envelope>"#,
                element("GetEMailAsStream", "")
            ),
            Expect {
                kind: |k| matches!(k, DecodeErrorKind::DuplicateElement(e) if e == "Header"),
                phrase: "element `Header` occurs more than once",
            },
        ),
        case(
            "empty body",
            Op::Count,
            format!(r#"<s:Envelope xmlns:s="{SOAP11}"><s:Body/></s:Envelope>"#),
            format!(r#"<s:Envelope xmlns:s="{SOAP11}"><s:Body/></s:Envelope>"#),
            Expect {
                kind: |k| matches!(k, DecodeErrorKind::UnexpectedBody { found, .. } if found.is_empty()),
                phrase: "in the body, found ``",
            },
        ),
        // Values.
        case(
            "duplicated field",
            Op::Count,
            Op::Count.response("<Response>1</Response><Response>2</Response>"),
            Op::Stream.request("<MessageServerId>1</MessageServerId><MessageServerId>2</MessageServerId>"),
            Expect {
                kind: |k| matches!(k, DecodeErrorKind::DuplicateElement(_)),
                phrase: "occurs more than once",
            },
        ),
        case(
            "int out of range",
            Op::Count,
            Op::Count.response("<Response>2147483648</Response>"),
            Op::Stream.request("<MessageServerId>-2147483649</MessageServerId>"),
            invalid("int"),
        ),
        case(
            "int in an array out of range",
            Op::Envelopes,
            Op::Envelopes.response("<Response><EMailEnvelope><ServerId>99999999999</ServerId></EMailEnvelope></Response>"),
            Op::Envelopes.request("<MessageServerIds><a:int>1</a:int><a:int>1e3</a:int></MessageServerIds>"),
            invalid("int"),
        ),
        case(
            "invalid base64",
            Op::Stream,
            Op::Stream.response("<Response>not*base64!</Response>"),
            Op::Send.request(&attachment("not*base64!")),
            invalid("base64Binary"),
        ),
        case(
            "base64 with a bad length",
            Op::Stream,
            Op::Stream.response("<Response>QUJD\nR</Response>"),
            Op::Send.request(&attachment("QUJDR")),
            invalid("base64Binary"),
        ),
        case(
            "invalid date",
            Op::Envelopes,
            Op::Envelopes.response("<Response><EMailEnvelope><Sent>2024-02-30T25:61:00</Sent></EMailEnvelope></Response>"),
            Op::Send.request(&email("<Sent>yesterday</Sent>")),
            invalid("dateTime"),
        ),
        case(
            "invalid boolean",
            Op::HasNew,
            Op::HasNew.response("<Response>yes</Response>"),
            Op::Stream.request("<StripAttachments>True</StripAttachments>"),
            invalid("boolean"),
        ),
        // Limits (with `small_limits`).
        case(
            "string too long",
            Op::Send,
            Op::Send.response(&format!(
                "<Response><EMailEntity><Subject>{}</Subject></EMailEntity></Response>",
                "x".repeat(1001)
            )),
            Op::Send.request(&email(&format!("<Subject>{}</Subject>", "&amp;".repeat(1001)))),
            limit("max_string_len"),
        ),
        case(
            "bytes too long",
            Op::Stream,
            Op::Stream.response(&format!("<Response>{}</Response>", "QUJD".repeat(101))),
            Op::Send.request(&attachment(&"QUJD\r\n".repeat(101))),
            limit("max_bytes_len"),
        ),
        case(
            "too many items",
            Op::Envelopes,
            Op::Envelopes.response(&format!(
                "<Response>{}</Response>",
                "<EMailEnvelope/>".repeat(101)
            )),
            Op::Envelopes.request(&format!(
                "<MessageServerIds>{}</MessageServerIds>",
                "<a:int>1</a:int>".repeat(101)
            )),
            limit("max_items"),
        ),
        case(
            "too many items over several arrays",
            Op::Envelopes,
            Op::Envelopes.response(&format!(
                "<Response>{}</Response>",
                "<EMailEnvelope><To><EMailAddress/><EMailAddress/></To></EMailEnvelope>".repeat(40)
            )),
            Op::Send.request(&format!(
                "<Emails>{}</Emails>",
                "<EMailEntity><To><EMailAddress/><EMailAddress/></To></EMailEntity>".repeat(40)
            )),
            limit("max_items"),
        ),
        case(
            "message too large",
            Op::Count,
            Op::Count.response(&format!("<!--{}--><Response>1</Response>", "x".repeat(1024 * 1024))),
            Op::Stream.request(&format!("<!--{}-->", "x".repeat(1024 * 1024))),
            limit("max_message_size"),
        ),
    ];
    // Invalid UTF-8, in text, in a name and in an attribute value.
    for (name, bad) in [
        (
            "invalid UTF-8 in text",
            b"<Response>\xff\xfe1</Response>".as_slice(),
        ),
        (
            "invalid UTF-8 in a name",
            b"<Resp\xc3\x28nse>1</Resp\xc3\x28nse>".as_slice(),
        ),
        (
            "invalid UTF-8 in an attribute",
            b"<Response a=\"\xed\xa0\x80\">1</Response>".as_slice(),
        ),
    ] {
        let mut response = Op::Count.response("@").into_bytes();
        let at = response.iter().position(|&b| b == b'@').expect("marker");
        response.splice(at..=at, bad.iter().copied());
        let request = String::from_utf8_lossy(&response)
            .replace("GetFolderEMailCountResponse", "GetEMailAsStream")
            .replace("Response>", "MessageServerId>");
        let mut request = request.into_bytes();
        // The lossy round trip replaced the bad bytes: put them back.
        let replacement = "\u{FFFD}".as_bytes();
        while let Some(at) = request
            .windows(replacement.len())
            .position(|w| w == replacement)
        {
            request.splice(at..at + replacement.len(), [0xffu8]);
        }
        cases.push(Case {
            name,
            op: Op::Count,
            response,
            request,
            expect: MALFORMED,
        });
    }
    cases
}

// ---------------------------------------------------------------------------------------------
// Running the corpus

/// A transport that answers every request with fixed status, content type and bytes.
#[derive(Debug)]
struct Canned {
    status: u16,
    content_type: Option<&'static str>,
    body: Vec<u8>,
}

impl Transport for Canned {
    fn send(
        &self,
        _request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        let answer = HttpResponse {
            status: self.status,
            content_type: self.content_type.map(str::to_string),
            body: self.body.clone().into(),
        };
        Box::pin(async move { Ok(answer) })
    }
}

fn canned_agent(status: u16, content_type: Option<&'static str>, body: Vec<u8>) -> EMailAgent {
    let client = Client::with_transport(
        "http://hostile.invalid/Remote/Services82/EMail.svc",
        Arc::new(Canned {
            status,
            content_type,
            body,
        }),
    )
    .with_limits(small_limits());
    EMailAgent::with_client(client)
}

/// A listener nothing may connect to; `assert_untouched` checks nobody did.
async fn tripwire() -> TcpListener {
    TcpListener::bind("127.0.0.1:0").await.expect("bind")
}

async fn assert_untouched(listener: &TcpListener) {
    let accepted = tokio::time::timeout(Duration::from_millis(200), listener.accept()).await;
    assert!(
        accepted.is_err(),
        "something fetched an external entity or DTD"
    );
}

#[tokio::test]
async fn client_decoder_gives_the_expected_error_for_every_case() {
    let trap = tripwire().await;
    let cases = corpus(trap.local_addr().expect("address"));
    let mut failures = Vec::new();
    for case in &cases {
        let agent = canned_agent(200, Some("text/xml; charset=utf-8"), case.response.clone());
        let started = Instant::now();
        let result = case.op.call(&agent).await;
        let elapsed = started.elapsed();
        match &result {
            Err(Error::Decode(error))
                if (case.expect.kind)(&error.kind)
                    && error.to_string().contains(case.expect.phrase) => {}
            other => failures.push(format!(
                "{}: expected `{}`, got {other:?}",
                case.name, case.expect.phrase
            )),
        }
        assert!(
            elapsed < Duration::from_secs(5),
            "{}: took {elapsed:?}",
            case.name
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_untouched(&trap).await;
}

/// Sends `body` to `server`'s dispatcher and returns the status and the fault it answered.
async fn dispatch_fault(
    server: &EMailServer<Fake>,
    body: &[u8],
    soap_action: Option<&str>,
) -> (u16, Result<Fault, String>) {
    let response = server
        .dispatch(SoapRequest {
            soap_action: soap_action.map(|a| format!("\"{a}\"").into()),
            content_type: Some("text/xml; charset=utf-8".into()),
            body: body.to_vec().into(),
        })
        .await;
    (response.status, fault_of(&response.body))
}

/// The fault in `body`, or why there is none.
fn fault_of(body: &[u8]) -> Result<Fault, String> {
    match read_envelope::<ResponseHeaders, GetFolderEMailCountResponse>(
        body,
        Limits::default(),
        "GetFolderEMailCountResponse",
    ) {
        Err(ReadError::Fault(fault)) => Ok(*fault),
        other => Err(format!(
            "not a fault: {other:?}: {}",
            String::from_utf8_lossy(body)
        )),
    }
}

#[tokio::test]
async fn server_dispatcher_answers_every_case_with_a_fault() {
    let trap = tripwire().await;
    let cases = corpus(trap.local_addr().expect("address"));
    let server = EMailServer::new(Fake).with_limits(small_limits());
    let mut failures = Vec::new();
    for case in &cases {
        let action = format!(
            "http://www.superoffice.net/ws/crm/NetServer/Services82/EMail/{}",
            request_op(case).name()
        );
        // Found by the SOAPAction header, and by the body element alone.
        for soap_action in [Some(action.as_str()), None] {
            let (status, fault) = dispatch_fault(&server, &case.request, soap_action).await;
            match fault {
                Ok(fault)
                    if status == 500
                        && fault.code == "Client"
                        && fault.reason.contains(case.expect.phrase) => {}
                other => failures.push(format!(
                    "{} (action {soap_action:?}): expected a Client fault with `{}`, got {status} {other:?}",
                    case.name, case.expect.phrase
                )),
            }
        }
        // The same request in a SOAP 1.2 envelope: a Sender fault with status 400, in 1.2.
        let request = replace_bytes(&case.request, SOAP11.as_bytes(), SOAP12.as_bytes());
        if request != case.request
            && replace_bytes(&case.request, SOAP12.as_bytes(), b"") == case.request
        {
            let response = server
                .dispatch(SoapRequest {
                    soap_action: None,
                    content_type: Some("application/soap+xml; charset=utf-8".into()),
                    body: request.into(),
                })
                .await;
            let (status, fault) = (response.status, fault_of(&response.body));
            match fault {
                Ok(fault)
                    if status == 400
                        && fault.code == "Sender"
                        && fault.version == soap_runtime::SoapVersion::Soap12
                        && fault.reason.contains(case.expect.phrase) => {}
                other => failures.push(format!(
                    "{} (SOAP 1.2): expected a Sender fault with `{}`, got {status} {other:?}",
                    case.name, case.expect.phrase
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_untouched(&trap).await;
}

/// `haystack` with every `from` replaced by `to`, byte for byte (the documents need not be
/// UTF-8).
fn replace_bytes(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(at) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// The operation a case's request is for (its request may use another operation than its
/// response).
fn request_op(case: &Case) -> Op {
    let text = String::from_utf8_lossy(&case.request);
    [Op::Envelopes, Op::Stream, Op::HasNew, Op::Count, Op::Send]
        .into_iter()
        .find(|op| text.contains(&format!("<{} ", op.name())))
        .unwrap_or(case.op)
}

// ---------------------------------------------------------------------------------------------
// Answers that are not SOAP at all

#[tokio::test]
async fn answers_that_are_not_soap_are_http_errors() {
    let html = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>".to_vec();
    let cases: Vec<(&str, u16, Option<&'static str>, Vec<u8>)> = vec![
        ("HTML error page, 500", 500, Some("text/html"), html.clone()),
        (
            "HTML page, 200",
            200,
            Some("text/html; charset=utf-8"),
            html.clone(),
        ),
        ("plain text, 200", 200, Some("text/plain"), b"OK".to_vec()),
        (
            "JSON, 200",
            200,
            Some("application/json"),
            b"{\"a\":1}".to_vec(),
        ),
        ("empty, 200", 200, Some("text/xml"), Vec::new()),
        ("empty, 200, no content type", 200, None, Vec::new()),
        ("empty, 500", 500, None, Vec::new()),
        (
            "not found, 404",
            404,
            Some("text/plain"),
            b"no such endpoint".to_vec(),
        ),
        (
            "SOAP response with status 500",
            500,
            Some("text/xml"),
            Op::Count.response("<Response>1</Response>").into_bytes(),
        ),
    ];
    for (name, status, content_type, body) in cases {
        let agent = canned_agent(status, content_type, body.clone());
        match Op::Count.call(&agent).await {
            Err(Error::Http {
                status: got,
                content_type: got_type,
                snippet,
            }) => {
                assert_eq!(got, status, "{name}");
                assert_eq!(got_type.as_deref(), content_type, "{name}");
                if body.is_empty() {
                    assert_eq!(snippet, "(empty body)", "{name}");
                } else {
                    assert!(
                        String::from_utf8_lossy(&body).starts_with(&snippet),
                        "{name}: {snippet}"
                    );
                }
            }
            other => panic!("{name}: expected an HTTP error, got {other:?}"),
        }
    }
    // A SOAP answer labelled with a wrong content type still decodes: the label is advisory.
    let agent = canned_agent(
        200,
        Some("text/html"),
        Op::Count.response("<Response>7</Response>").into_bytes(),
    );
    assert_eq!(agent.get_folder_email_count(None, None).await.ok(), Some(7));
    // And a broken XML answer labelled as XML is a decode error, with its position.
    let agent = canned_agent(200, Some("text/xml"), b"<s:Envelope".to_vec());
    assert!(matches!(
        Op::Count.call(&agent).await,
        Err(Error::Decode(_))
    ));
}

// ---------------------------------------------------------------------------------------------
// Over HTTP

/// Answers the corpus's operations when asked properly.
struct Fake;

#[allow(clippy::result_large_err)] // the `Result` the service trait returns
fn ok<B>(body: B) -> Result<Message<ResponseHeaders, B>, Fault> {
    Ok(Message {
        headers: ResponseHeaders::default(),
        body,
    })
}

impl EMailService for Fake {
    async fn get_folder_email_count(
        &self,
        _request: Message<RequestHeaders, GetFolderEMailCount>,
    ) -> Result<Message<ResponseHeaders, GetFolderEMailCountResponse>, Fault> {
        ok(GetFolderEMailCountResponse { response: Some(7) })
    }

    async fn get_email_as_stream(
        &self,
        request: Message<RequestHeaders, GetEMailAsStream>,
    ) -> Result<Message<ResponseHeaders, GetEMailAsStreamResponse>, Fault> {
        let id = request.body.message_server_id.unwrap_or_default();
        ok(GetEMailAsStreamResponse {
            response: Some(id.to_le_bytes().to_vec()),
        })
    }
}

/// Sends raw HTTP bytes on a fresh connection; returns the status and the body.
async fn raw(addr: SocketAddr, request: &[u8]) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request).await.expect("write");
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .expect("an answer in time")
        .expect("read");
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(answer.len(), |p| p + 4);
    let head = String::from_utf8_lossy(&answer[..split]).to_string();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, answer[split..].to_vec())
}

fn post(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "POST /Remote/Services82/EMail.svc HTTP/1.1\r\nHost: test\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

/// A well-formed call still works.
async fn still_serving(agent: &EMailAgent) {
    assert_eq!(
        agent
            .get_folder_email_count(None, None)
            .await
            .expect("a good call"),
        7
    );
}

#[tokio::test]
async fn server_answers_every_case_with_a_fault_over_http_and_keeps_serving() {
    let trap = tripwire().await;
    let server = EMailServer::new(Fake)
        .with_limits(small_limits())
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = server.local_addr();
    let agent = EMailAgent::new(server.url());
    for case in corpus(trap.local_addr().expect("address")) {
        let (status, body) = raw(addr, &post("text/xml; charset=utf-8", &case.request)).await;
        let fault = fault_of(&body);
        // An oversized body is refused by the HTTP layer (413) before it is parsed.
        let expected_status = if case.name == "message too large" {
            413
        } else {
            500
        };
        assert_eq!(status, expected_status, "{}: {fault:?}", case.name);
        let fault = fault.unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert_eq!(fault.code, "Client", "{}", case.name);
        if expected_status == 500 {
            assert!(
                fault.reason.contains(case.expect.phrase),
                "{}: {}",
                case.name,
                fault.reason
            );
        }
        still_serving(&agent).await;
    }

    // Not a SOAP content type: 415 with a fault.
    let good = Op::Count.request("");
    for content_type in ["text/html", "application/json", "multipart/related"] {
        let (status, body) = raw(addr, &post(content_type, good.as_bytes())).await;
        assert_eq!(status, 415, "{content_type}");
        assert!(fault_of(&body).is_ok(), "{content_type}");
    }
    let (status, body) = raw(
        addr,
        format!(
            "POST /Remote/Services82/EMail.svc HTTP/1.1\r\nHost: t\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{good}",
            good.len()
        )
        .as_bytes(),
    )
    .await;
    assert_eq!(status, 415, "no content type");
    assert!(fault_of(&body).is_ok());
    // An HTML page and an empty body as requests.
    for body in [
        b"<!DOCTYPE html><html><body>hello</body></html>".as_slice(),
        b"",
        b"\xff\xfe<\x00",
    ] {
        let (status, answer) = raw(addr, &post("text/xml", body)).await;
        assert_eq!(status, 500);
        assert!(fault_of(&answer).is_ok());
    }
    // A streamed (chunked) body larger than the limit, without a Content-Length.
    let chunk = "x".repeat(64 * 1024);
    let mut chunked = String::from(
        "POST /Remote/Services82/EMail.svc HTTP/1.1\r\nHost: t\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
    );
    for _ in 0..20 {
        chunked.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    chunked.push_str("0\r\n\r\n");
    let (status, answer) = raw(addr, chunked.as_bytes()).await;
    assert_eq!(status, 413);
    assert!(fault_of(&answer).is_ok());
    // A client that sends headers and then stops: the server answers others meanwhile.
    let mut stalled = TcpStream::connect(addr).await.expect("connect");
    stalled
        .write_all(b"POST /Remote/Services82/EMail.svc HTTP/1.1\r\nHost: t\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<s:Env")
        .await
        .expect("write");
    still_serving(&agent).await;
    drop(stalled);
    still_serving(&agent).await;
    server.shutdown().await;
    assert_untouched(&trap).await;
}

/// Accepts connections and never answers.
async fn silent_server() -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let task = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    (addr, task)
}

#[tokio::test]
async fn silent_server_times_out() {
    let (addr, task) = silent_server().await;
    let transport = HttpTransport::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .expect("transport");
    let agent = EMailAgent::with_client(Client::with_transport(
        format!("http://{addr}/Remote/Services82/EMail.svc"),
        Arc::new(transport),
    ));
    let started = Instant::now();
    match agent.get_folder_email_count(None, None).await {
        Err(Error::Transport(TransportError::Timeout { seconds, url })) => {
            assert!((seconds - 0.3).abs() < 1e-9);
            assert!(url.contains(&addr.to_string()));
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    task.abort();
}

#[tokio::test]
async fn refused_connection_is_a_connect_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    let agent = EMailAgent::new(format!("http://{addr}/Remote/Services82/EMail.svc"));
    match agent.get_folder_email_count(None, None).await {
        Err(Error::Transport(TransportError::Connect { url, .. })) => {
            assert!(url.contains(&addr.to_string()));
        }
        other => panic!("expected a connect error, got {other:?}"),
    }
}

/// Answers every connection with `head` followed by `body_len` bytes of `x`, streamed.
async fn streaming_server(head: String, body_len: usize) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let head = head.clone();
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request).await;
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b'x'; 16 * 1024];
                let mut sent = 0;
                while sent < body_len {
                    let n = chunk.len().min(body_len - sent);
                    if stream.write_all(&chunk[..n]).await.is_err() {
                        return;
                    }
                    sent += n;
                }
            });
        }
    });
    addr
}

#[tokio::test]
async fn client_limits_cap_the_answer_while_it_streams() {
    let limits = Limits {
        max_message_size: 100 * 1024,
        ..Limits::default()
    };
    // Announced too large: refused before reading the body.
    let announced = streaming_server(
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 10000000\r\n\r\n".into(),
        10_000_000,
    )
    .await;
    // No Content-Length, no chunking: the body runs until the server closes, and is cut off.
    let unannounced = streaming_server(
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n".into(),
        10_000_000,
    )
    .await;
    for addr in [announced, unannounced] {
        // The default transport follows the client's limits.
        let agent = EMailAgent::with_client(
            Client::new(format!("http://{addr}/Remote/Services82/EMail.svc")).with_limits(limits),
        );
        match agent.get_folder_email_count(None, None).await {
            Err(Error::Transport(TransportError::TooLarge { max, .. })) => {
                assert_eq!(max, 100 * 1024)
            }
            other => panic!("expected TooLarge, got {other:?}"),
        }
        // A transport configured lower than the client wins.
        let transport = HttpTransport::builder()
            .max_response_size(50 * 1024)
            .build()
            .expect("transport");
        let agent = EMailAgent::with_client(
            Client::with_transport(
                format!("http://{addr}/Remote/Services82/EMail.svc"),
                Arc::new(transport),
            )
            .with_limits(limits),
        );
        match agent.get_folder_email_count(None, None).await {
            Err(Error::Transport(TransportError::TooLarge { max, .. })) => {
                assert_eq!(max, 50 * 1024)
            }
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn client_limits_above_the_default_are_honoured() {
    // A 70 MiB answer (over the 64 MiB default) is received when the client allows it.
    let big = 70 * 1024 * 1024;
    let limits = Limits {
        max_message_size: 80 * 1024 * 1024,
        max_bytes_len: 60 * 1024 * 1024,
        ..Limits::default()
    };
    let payload = "QUJD".repeat(big / 4);
    let document = Op::Stream.response(&format!("<Response>{payload}</Response>"));
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\r\n",
        document.len()
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let served = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("accept");
        let mut request = vec![0u8; 64 * 1024];
        let _ = stream.read(&mut request).await;
        stream.write_all(head.as_bytes()).await.expect("head");
        stream.write_all(document.as_bytes()).await.expect("body");
    });
    let agent = EMailAgent::with_client(
        Client::new(format!("http://{addr}/Remote/Services82/EMail.svc")).with_limits(limits),
    );
    let bytes = agent
        .get_email_as_stream(None, None, None)
        .await
        .expect("a large answer within the client's limits")
        .expect("bytes");
    assert_eq!(bytes.len(), big / 4 * 3);
    served.await.expect("served");
}

#[test]
fn default_limits_are_the_documented_ones() {
    let limits = Limits::default();
    assert_eq!(limits.max_message_size, 64 * 1024 * 1024);
    assert_eq!(limits.max_depth, 64);
    assert_eq!(limits.max_string_len, 32 * 1024 * 1024);
    assert_eq!(limits.max_bytes_len, 32 * 1024 * 1024);
    assert_eq!(limits.max_items, 250_000);
    // The benchmarks' 20 MB attachment fits, as bytes and as a MIME message in a string.
    let attachment = 20_000_000usize;
    let base64 = attachment.div_ceil(3) * 4;
    assert!(attachment <= limits.max_bytes_len);
    assert!(base64 + base64 / 76 * 2 <= limits.max_string_len);
    assert!(base64 < limits.max_message_size);
}

#[tokio::test]
async fn a_20_mb_attachment_decodes_within_the_default_limits() {
    let attachment: Vec<u8> = (0..20_000_000u32).map(|i| (i % 251) as u8).collect();
    let document = Op::Stream.response(&format!(
        "<Response>{}</Response>",
        encode_base64_lines(&attachment)
    ));
    let agent = EMailAgent::with_client(Client::with_transport(
        "http://unused.invalid/",
        Arc::new(Canned {
            status: 200,
            content_type: Some("text/xml"),
            body: document.into_bytes(),
        }),
    ));
    let got = agent
        .get_email_as_stream(None, None, None)
        .await
        .expect("within the default limits")
        .expect("bytes");
    assert!(got == attachment);
}

/// Base64 with a line break every 76 characters, as MIME writes it.
fn encode_base64_lines(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len() / 3 * 4 + bytes.len() / 57 * 2 + 8);
    for (i, chunk) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for j in 0..4 {
            if j <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * j)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[tokio::test]
async fn long_flag_lists_are_read_in_linear_time() {
    // Adding a flag used to compare it with those before: 1 MB of distinct unknown flags took
    // hours of CPU. Every value is now kept as sent (duplicates too), without a search.
    let flags: String = (0..150_000).map(|i| format!("f{i} ")).collect();
    let document = Op::Envelopes.response(&format!(
        "<Response><EMailEnvelope><Flags>{flags}</Flags></EMailEnvelope></Response>"
    ));
    let agent = EMailAgent::with_client(Client::with_transport(
        "http://unused.invalid/",
        Arc::new(Canned {
            status: 200,
            content_type: Some("text/xml"),
            body: document.into_bytes(),
        }),
    ));
    let started = Instant::now();
    let envelopes = agent
        .get_email_envelopes(None, None)
        .await
        .expect("decodes")
        .expect("envelopes");
    let read = envelopes[0].flags.as_ref().expect("flags");
    assert_eq!(read.len(), 150_000);
    assert_eq!(
        read.iter().last(),
        Some(&EMailFlag::Unrecognized("f149999".into()))
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn many_unknown_elements_are_skipped_in_linear_time() {
    // Each unknown element's line and column used to be counted from the start of the
    // document: 200 KB of them took seconds, 64 MiB days.
    let unknown = "<Unknown/>\n".repeat(200_000);
    let document = Op::Count.response(&format!("{unknown}<Response>7</Response>"));
    let agent = EMailAgent::with_client(Client::with_transport(
        "http://unused.invalid/",
        Arc::new(Canned {
            status: 200,
            content_type: Some("text/xml"),
            body: document.into_bytes(),
        }),
    ));
    let started = Instant::now();
    let reply = agent
        .get_folder_email_count_message(GetFolderEMailCount::default())
        .await
        .expect("unknown elements are skipped");
    assert_eq!(reply.body.response, Some(7));
    let server = EMailServer::new(Fake);
    let request = Op::Stream.request(&format!("{unknown}<MessageServerId>7</MessageServerId>"));
    let (status, body) = {
        let response = server
            .dispatch(SoapRequest {
                soap_action: None,
                content_type: Some("text/xml".into()),
                body: request.into_bytes().into(),
            })
            .await;
        (response.status, response.body)
    };
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn many_namespace_declarations_are_refused() {
    // Every prefix lookup (`i:nil` on each item) used to scan every declaration in scope.
    let declarations: String = (0..40_000)
        .map(|i| format!(" xmlns:p{i}=\"urn:p\""))
        .collect();
    let items = r#"<EMailAddress i:nil="true"/>"#.repeat(40_000);
    let document = format!(
        r#"<s:Envelope xmlns:s="{SOAP11}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"{declarations}><s:Body>{}</s:Body></s:Envelope>"#,
        element(
            "GetEMailEnvelopesResponse",
            &format!("<Response><EMailEnvelope><To>{items}</To></EMailEnvelope></Response>")
        )
    );
    let agent = EMailAgent::with_client(Client::with_transport(
        "http://unused.invalid/",
        Arc::new(Canned {
            status: 200,
            content_type: Some("text/xml"),
            body: document.into_bytes(),
        }),
    ));
    let started = Instant::now();
    match agent.get_email_envelopes(None, None).await {
        Err(Error::Decode(error)) => assert!(
            error
                .to_string()
                .contains("limit exceeded: namespace declarations in scope is 256"),
            "{error}"
        ),
        other => panic!("expected a limit, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(2));
    // A realistic number is fine.
    let declarations: String = (0..200).map(|i| format!(" xmlns:p{i}=\"urn:p\"")).collect();
    let document = format!(
        r#"<s:Envelope xmlns:s="{SOAP11}"{declarations}><s:Body>{}</s:Body></s:Envelope>"#,
        element("GetFolderEMailCountResponse", "<Response>7</Response>")
    );
    let agent = canned_agent(200, Some("text/xml"), document.into_bytes());
    assert_eq!(agent.get_folder_email_count(None, None).await.ok(), Some(7));
}
