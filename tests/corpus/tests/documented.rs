//! `wsdl/documented.wsdl`: the WSDL's documentation becomes rustdoc on the generated operations
//! (client methods and server trait methods), types, fields, choice alternatives, enumeration
//! values and list types, with Markdown made harmless; and the documented service still works.
//!
//! That rustdoc renders these comments without warnings is checked by `cargo doc` with
//! `RUSTDOCFLAGS=-D warnings` in `.ci/run`.

use soap_runtime::{Fault, Message, SimpleList};
use wsdl_corpus::documented::*;

const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/documented.rs"));

/// The `///` lines right above the first line of the generated file that contains `item`,
/// without the `///` and the space after it.
fn doc_of(item: &str) -> Vec<&'static str> {
    let lines: Vec<&'static str> = GENERATED.lines().collect();
    let Some(at) = lines.iter().position(|l| l.contains(item)) else {
        panic!("`{item}` is not in the generated module");
    };
    let mut doc = Vec::new();
    for line in lines[..at].iter().rev().map(|l| l.trim()) {
        if let Some(text) = line.strip_prefix("///") {
            doc.push(text.strip_prefix(' ').unwrap_or(text));
            continue;
        }
        // Attributes (derives, serde) may sit between the comment and the item, over several
        // lines; the end of the previous item stops the search.
        if !doc.is_empty() || line.ends_with(';') || line.ends_with('{') || line.ends_with('}') {
            break;
        }
    }
    doc.reverse();
    doc
}

const LEND_DOC: [&str; 5] = [
    "Lends a book: returns the due date.",
    "",
    r"See \<<https://example.com/lending>\> and <http://example.com/rules_(2026)>. Use \`Lend\` with \[care\]!",
    "",
    "Bound to SOAP 1.1 (binding's note).",
];

#[test]
fn operations_carry_the_port_type_and_binding_documentation() {
    let client = doc_of("pub async fn lend(");
    assert_eq!(client[..5], LEND_DOC);
    assert_eq!(
        client[5..],
        ["", "Calls `Lend` (SOAP action `urn:example:library/Lend`)."]
    );
    assert_eq!(doc_of("pub fn lend_message(")[..5], LEND_DOC);
    let served = doc_of("    fn lend(");
    assert_eq!(served[..5], LEND_DOC);
    assert!(served[6].starts_with("Answers `Lend`"), "{served:?}");

    // A one-way operation, starting with a list marker and holding an HTML-like tag.
    let notify = r"\+ Tells the library something; nobody answers \<ever\>.";
    assert_eq!(doc_of("pub async fn notify(")[0], notify);
    assert_eq!(doc_of("    fn notify(")[0], notify);
}

#[test]
fn types_fields_and_values_carry_the_schema_documentation() {
    assert_eq!(
        doc_of("pub struct Book {"),
        [
            "A book on a shelf: see <https://example.com/books?id=1&x=2>.",
            "",
            r"Kept as \<Book\> elements; the \[shelf\] decides.",
            "",
            "indented like code, but not code",
            "",
            "Complex type `Book` in `urn:example:library`.",
        ]
    );
    assert_eq!(
        doc_of("pub title: String,")[0],
        r"The title, e.g. \`Dune\` or \*Emma\* or \_\_Ulysses\_\_."
    );
    assert_eq!(
        doc_of("pub genre: Option<Genre>,")[0],
        r"\- one genre only - (not a list)"
    );
    assert_eq!(
        doc_of("pub shelf: Option<i32>,")[0],
        r"\# Shelf number \&copy; 1. not a heading"
    );
    // An `xs:element ref=` takes the global element's documentation; nested XHTML keeps its text.
    assert_eq!(
        doc_of("pub isbn: Option<String>,")[0],
        r"1\. The ISBN-13, as in the registry."
    );
    // No documentation: only the generator's line.
    assert_eq!(
        doc_of("pub tags: Option<Tags>,"),
        ["`Tags` (optional: `None` is left out)."]
    );
    // A restricted simple type: its documentation, then what its facets allow, with the
    // patterns' backticks, tags and entities shown as written in code spans.
    assert_eq!(
        doc_of("pub mark: Option<String>,"),
        [
            r"Where the book stands: row \*and\* \[shelf\].",
            "",
            "`Mark` (optional: `None` is left out). 2 to 12 characters, matching \
             ``[A-Z]{2}`[0-9]*`` or `<[a-z]+>&\\*`.",
        ]
    );
    assert_eq!(
        doc_of("pub copies: Option<i32>,"),
        ["Attribute `copies` (optional: `None` is left out). At least `1` and less than `100`."]
    );
    // Choice alternatives.
    assert_eq!(doc_of("Author(String)")[0], r"Who wrote it \<if known\>.");
    assert_eq!(
        doc_of("Editor(String)")[0],
        r"Who edited it \| a table \| row"
    );
    // An enumeration and its values.
    assert_eq!(
        doc_of("pub enum Genre {")[0],
        r"What kind of book it is \~ roughly \~."
    );
    assert_eq!(doc_of("    Novel,")[0], r"A long story \> 40,000 words.");
    assert_eq!(doc_of("    Poetry,"), ["`Poetry`."]);
    assert_eq!(
        doc_of("    Reference,")[0],
        r"Look things up: \[\`Vec\`\] is not a link here."
    );
    // A list type.
    assert_eq!(
        doc_of("pub type Tags = ")[0],
        r"Free tags, space separated: a\_b c\_d."
    );
    // A global element's anonymous type takes the element's documentation; a field of it its own.
    assert_eq!(
        doc_of("pub struct Lend {")[0],
        r"Asks to lend a book\\ to someone."
    );
    assert_eq!(
        doc_of("pub days: Option<i32>,")[0],
        r"How long: at most 2\*7 days."
    );
    // A header element's documentation, on the field of the headers struct.
    assert_eq!(
        doc_of("pub ticket: Option<String>,")[0],
        r"The caller's \_ticket\_, sent as a SOAP header."
    );
}

/// Lends every book for the days asked, or a week.
struct Library;

impl LibraryService for Library {
    async fn lend(
        &self,
        request: Message<RequestHeaders, Lend>,
    ) -> Result<Message<ResponseHeaders, LendResponse>, Fault> {
        assert_eq!(request.headers.ticket.as_deref(), Some("T-1"));
        let Lend { book, days } = request.body;
        let who = match book.author_or_editor {
            BookAuthorOrEditor::Author(a) | BookAuthorOrEditor::Editor(a) => a,
        };
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: LendResponse {
                due_date: Some(format!(
                    "{} by {who} ({:?}, {} tags) in {} days",
                    book.title,
                    book.genre,
                    book.tags.map_or(0, |t| t.len()),
                    days.unwrap_or(7)
                )),
            },
        })
    }
}

#[tokio::test]
async fn the_documented_service_works() {
    let server = LibraryServer::new(Library)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let client = LibraryClient::new(server.url()).with_ticket("T-1".into());
    let book = Book {
        shelf: Some(3),
        title: "Dune".into(),
        genre: Some(Genre::Novel),
        isbn: None,
        tags: Some(SimpleList::from(["sf".to_string(), "desert".to_string()])),
        mark: Some("SF`12".into()),
        copies: Some(2),
        author_or_editor: BookAuthorOrEditor::Author("Herbert".into()),
    };
    let due = client.lend(book, Some(14)).await.unwrap();
    assert_eq!(
        due.as_deref(),
        Some("Dune by Herbert (Some(Novel), 2 tags) in 14 days")
    );
    server.shutdown().await;
}
