//! `wsdl/recursive_refs.wsdl` over HTTP: elements whose anonymous types refer back to them
//! through `ref=` (a folder of folders, filters of filters, sections holding paragraphs holding
//! sections, inline content through a model group, a nillable linked list, a substitution group
//! whose members hold their head) round-trip three levels deep through the generated client and
//! server, and zeep's requests decode into the same values while our answers read back in zeep
//! as it sent them.

use std::sync::{Arc, Mutex};

use soap_runtime::{Fault, Message, SoapVersion};
use wsdl_corpus::recursive_refs::{
    EchoDocument, EchoDocumentResponse, EchoFilter, EchoFilterResponse, EchoFolder, EchoText,
    EchoTextResponse, Emphasis, EmphasisTextOrEmphasis, Equals, Evaluate, EvaluateResponse,
    ExpressionSubstitution, Filter, FilterChoice, Folder, Negate, Not, Or, Paragraph,
    RecursiveRefsClient, RecursiveRefsServer, RecursiveRefsService, RequestHeaders,
    ResponseHeaders, Section, Step, Sum, ECHO_DOCUMENT, NAMESPACES,
};

mod oracle;
use oracle::{python, run_script};

const WSDL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/wsdl/recursive_refs.wsdl");

/// Echoes every request, and keeps the requests it decoded.
#[derive(Default)]
struct Echo {
    folders: Mutex<Vec<Folder>>,
    filters: Mutex<Vec<Filter>>,
    documents: Mutex<Vec<EchoDocument>>,
}

impl RecursiveRefsService for Echo {
    async fn echo_folder(
        &self,
        request: Message<RequestHeaders, EchoFolder>,
    ) -> Result<Message<ResponseHeaders, Folder>, Fault> {
        let folder = request.body.folder;
        self.folders
            .lock()
            .expect("not poisoned")
            .push(folder.clone());
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: folder,
        })
    }

    async fn echo_filter(
        &self,
        request: Message<RequestHeaders, EchoFilter>,
    ) -> Result<Message<ResponseHeaders, EchoFilterResponse>, Fault> {
        let filter = request.body.filter;
        self.filters
            .lock()
            .expect("not poisoned")
            .push(filter.clone());
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: EchoFilterResponse { filter },
        })
    }

    async fn echo_document(
        &self,
        request: Message<RequestHeaders, EchoDocument>,
    ) -> Result<Message<ResponseHeaders, EchoDocumentResponse>, Fault> {
        let document = request.body;
        self.documents
            .lock()
            .expect("not poisoned")
            .push(document.clone());
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: EchoDocumentResponse {
                section: document.section,
                step: document.step,
            },
        })
    }

    async fn echo_text(
        &self,
        request: Message<RequestHeaders, EchoText>,
    ) -> Result<Message<ResponseHeaders, EchoTextResponse>, Fault> {
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: EchoTextResponse {
                emphasis: request.body.emphasis,
            },
        })
    }

    async fn evaluate(
        &self,
        request: Message<RequestHeaders, Evaluate>,
    ) -> Result<Message<ResponseHeaders, EvaluateResponse>, Fault> {
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: EvaluateResponse {
                expression: request.body.expression,
            },
        })
    }
}

fn folder(name: &str, folders: Vec<Folder>) -> Folder {
    Folder {
        name: name.to_string(),
        folder: folders,
    }
}

/// root > (a > a1 > a1x), b: a folder of folders three levels below the root.
fn tree() -> Folder {
    folder(
        "root",
        vec![
            folder("a", vec![folder("a1", vec![folder("a1x", vec![])])]),
            folder("b", vec![]),
        ],
    )
}

fn equals(name: &str, value: &str) -> Filter {
    Filter {
        choice: FilterChoice::Equals(Equals {
            name: name.to_string(),
            value: value.to_string(),
        }),
    }
}

fn not(filter: Filter) -> Filter {
    Filter {
        choice: FilterChoice::Not(Box::new(Not {
            filter: Some(Box::new(filter)),
        })),
    }
}

/// and(x = 1, not(or[l](y = 2, and(z = 3)))): filters nested through and, not and or.
fn filter() -> Filter {
    Filter {
        choice: FilterChoice::And(vec![
            equals("x", "1"),
            not(Filter {
                choice: FilterChoice::Or(Or {
                    label: Some("l".to_string()),
                    filter: vec![
                        equals("y", "2"),
                        Filter {
                            choice: FilterChoice::And(vec![equals("z", "3")]),
                        },
                    ],
                }),
            }),
        ]),
    }
}

fn text(value: &str) -> EmphasisTextOrEmphasis {
    EmphasisTextOrEmphasis::Text(value.to_string())
}

/// T > (p1 > inner > (last > deepest), p2): sections holding paragraphs holding sections.
fn section() -> Section {
    let paragraph = |text: Option<&str>, section: Option<Section>| Paragraph {
        text: text.map(str::to_string),
        section,
    };
    let section = |title: &str, paragraph: Vec<Paragraph>| Section {
        title: title.to_string(),
        paragraph,
    };
    section(
        "T",
        vec![
            paragraph(
                Some("p1"),
                Some(section(
                    "inner",
                    vec![paragraph(Some("last"), Some(section("deepest", vec![])))],
                )),
            ),
            paragraph(Some("p2"), None),
        ],
    )
}

/// em > (emphasis > (deep > deeper)): emphasis in emphasis, through the inline group.
fn emphasis() -> Emphasis {
    Emphasis {
        text_or_emphasis: vec![
            text("em"),
            EmphasisTextOrEmphasis::Emphasis(Emphasis {
                text_or_emphasis: vec![
                    text("deep"),
                    EmphasisTextOrEmphasis::Emphasis(Emphasis {
                        text_or_emphasis: vec![text("deeper")],
                    }),
                ],
            }),
        ],
    }
}

/// a > b > c > nil: a nillable list, each step naming the next.
fn steps() -> Step {
    let step = |action: &str, next: Option<Step>| Step {
        action: action.to_string(),
        step: next.map(Box::new),
    };
    step("a", Some(step("b", Some(step("c", None)))))
}

/// sum(1, negate(sum(2, 3))): substitution group members holding their head.
fn expression() -> ExpressionSubstitution {
    ExpressionSubstitution::Sum(Sum {
        left: Some("l".to_string()),
        expression: vec![
            ExpressionSubstitution::Number(1),
            ExpressionSubstitution::Negate(Box::new(Negate {
                expression: ExpressionSubstitution::Sum(Sum {
                    left: None,
                    expression: vec![
                        ExpressionSubstitution::Number(2),
                        ExpressionSubstitution::Number(3),
                    ],
                }),
            })),
        ],
    })
}

#[tokio::test]
async fn recursive_elements_round_trip_three_levels_deep_over_http() {
    let server = RecursiveRefsServer::new(Echo::default())
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = RecursiveRefsClient::new(server.url());
    assert_eq!(client.echo_folder(tree()).await.expect("folder"), tree());
    assert_eq!(
        client.echo_filter(filter()).await.expect("filter"),
        filter()
    );
    let document = client
        .echo_document(section(), Some(steps()))
        .await
        .expect("document");
    assert_eq!(document.section, section());
    assert_eq!(document.step, Some(steps()));
    assert_eq!(
        client.echo_text(emphasis()).await.expect("text"),
        emphasis()
    );
    assert_eq!(
        client.evaluate(expression()).await.expect("evaluate"),
        expression()
    );
    server.shutdown().await;
}

#[test]
fn references_are_written_as_the_elements_they_name() {
    let xml = soap_runtime::envelope::write_envelope_with_encoding(
        SoapVersion::Soap11,
        NAMESPACES,
        &RequestHeaders::default(),
        ECHO_DOCUMENT.request,
        &EchoDocument {
            section: section(),
            step: Some(steps()),
        },
        ECHO_DOCUMENT.encoded,
    )
    .expect("encode");
    let xml = String::from_utf8(xml).expect("utf-8");
    let document = roxmltree::Document::parse(&xml).expect("well-formed");
    let ns = "urn:example:recursive";
    let named = |local: &str| {
        document
            .descendants()
            .filter(|n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == local)
            .count()
    };
    // Three sections, each inside a paragraph of the one before.
    assert_eq!(named("section"), 3, "{xml}");
    assert_eq!(named("paragraph"), 3, "{xml}");
    // Three steps, and a fourth, nil, that ends the list.
    assert_eq!(named("step"), 4, "{xml}");
    let nil = document
        .descendants()
        .filter(|n| n.tag_name().name() == "step")
        .find(|n| {
            n.attribute(("http://www.w3.org/2001/XMLSchema-instance", "nil")) == Some("true")
        });
    assert!(
        nil.is_some_and(|n| !n.has_children()),
        "the last step is nil: {xml}"
    );
}

/// Sends a folder tree, a filter and a document from zeep to the server given, and prints what
/// zeep reads back from each answer, as JSON. (Not the inline content: zeep loops forever reading
/// a repeated `xs:group` of a choice, recursive or not; nor the substitution group: zeep writes
/// its members as the head with `xsi:type` naming the member element.)
const ZEEP_CLIENT: &str = r#"
import json, sys
import zeep
from zeep.helpers import serialize_object
client = zeep.Client(sys.argv[1])
service = client.create_service("{urn:example:recursive}RecursiveRefsSoap", sys.argv[2])
folder = {"name": "root", "folder": [
    {"name": "a", "folder": [{"name": "a1", "folder": [{"name": "a1x"}]}]},
    {"name": "b"}]}
equals = lambda n, v: {"equals": {"name": n, "value": v}}
filter = {"and": {"filter": [
    equals("x", "1"),
    {"not": {"filter": {"or": {"label": "l", "filter": [
        equals("y", "2"), {"and": {"filter": [equals("z", "3")]}}]}}}}]}}
section = {"title": "T", "paragraph": [
    {"text": "p1", "section": {"title": "inner", "paragraph": [
        {"text": "last", "section": {"title": "deepest"}}]}},
    {"text": "p2"}]}
step = {"action": "a", "step": {"action": "b", "step": {"action": "c", "step": zeep.xsd.Nil}}}

def plain(value):
    """zeep's answer as plain JSON, leaving out what it reads as absent."""
    value = serialize_object(value, dict)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value

print(json.dumps({
    "folder": plain(service.EchoFolder(folder=folder)),
    "filter": plain(service.EchoFilter(filter=filter)),
    "document": plain(service.EchoDocument(section=section, step=step)),
}))
"#;

#[tokio::test]
async fn zeep_and_the_generated_server_agree_on_recursive_elements() {
    let Some(python) = python("zeep_and_the_generated_server_agree_on_recursive_elements") else {
        return;
    };
    let echo = Arc::new(Echo::default());
    let server = RecursiveRefsServer::shared(echo.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let read = run_script(&python, ZEEP_CLIENT, vec![WSDL.to_string(), server.url()]).await;
    server.shutdown().await;
    // What zeep wrote decodes into the values the Rust side builds.
    assert_eq!(*echo.folders.lock().expect("not poisoned"), [tree()]);
    assert_eq!(*echo.filters.lock().expect("not poisoned"), [filter()]);
    assert_eq!(
        *echo.documents.lock().expect("not poisoned"),
        [EchoDocument {
            section: section(),
            step: Some(steps()),
        }]
    );
    // What the server answered reads back in zeep as zeep sent it.
    let equals = |n: &str, v: &str| serde_json::json!({"equals": {"name": n, "value": v}});
    assert_eq!(
        read,
        serde_json::json!({
            "folder": {"name": "root", "folder": [
                {"name": "a", "folder": [{"name": "a1", "folder": [{"name": "a1x"}]}]},
                {"name": "b"}]},
            "filter": {"and": {"filter": [
                equals("x", "1"),
                {"not": {"filter": {"or": {"label": "l", "filter": [
                    equals("y", "2"), {"and": {"filter": [equals("z", "3")]}}]}}}}]}},
            "document": {
                "section": {"title": "T", "paragraph": [
                    {"text": "p1", "section": {"title": "inner", "paragraph": [
                        {"text": "last", "section": {"title": "deepest"}}]}},
                    {"text": "p2"}]},
                // zeep reads the nil step that ends the list as a value of no fields.
                "step": {"action": "a", "step": {"action": "b", "step": {"action": "c", "step": {}}}}
            }
        })
    );
}
