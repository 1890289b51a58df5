//! What the scripted clients (PHP's `SoapClient`, suds, node-soap, SOAP::Lite), each run as a
//! program that reads its calls as JSON and prints what it decoded as JSON, are handed and
//! report of the library contracts: the books they send, the rpc/literal calls, and, for PHP and
//! suds, which decode our answers alike, what they must have decoded; and what the C++ peers'
//! generated clients (gSOAP's, KDSoap's) decode of the document/literal bare answers.

use serde_json::{json, Value};

use super::{added_titles, bare_books, shelf_size, Library, NOT_ON_THE_SHELF, NO_SHELF};

/// The books the clients send, as JSON: a nil subtitle, an optional `isbn` left out, tags.
pub fn books_json() -> Value {
    json!([
        {"title": "Ünïcode & <tags>", "genre": "fiction", "pages": 412, "isbn": "978-0",
         "subtitle": null, "tag": ["classic", "sand"]},
        {"title": "Odes", "genre": "poetry", "pages": 90, "subtitle": "and more"},
    ])
}

/// The rpc/literal contract's calls (`library/rpc.wsdl`), every operation, in the order
/// [`assert_rpc_answers_json`] checks their answers: two shelves (one refused), two books
/// found and one not, a one-way donation, and an answer without parts.
pub fn rpc_calls_json() -> Value {
    let books = books_json();
    json!({
        "calls": [
            {"op": "addBooks", "args": ["top <&>", {"book": books}]},
            {"op": "addBooks", "args": ["", {"book": []}]},
            {"op": "findBook", "args": ["Dune", "science"]},
            {"op": "findBook", "args": ["Odes", "poetry"]},
            {"op": "findBook", "args": ["missing", "fiction"]},
            {"op": "donateBook", "args": [books[1]]},
            {"op": "clearShelf", "args": ["top <&>"]},
        ],
    })
}

/// The document/literal bare contract's calls (`library/bare.wsdl`), every operation, each
/// call's one part in a list (as PHP's clients take them): the books and a book of no pages
/// (refused) shelved, two lookups (one finding nothing), a one-way donation and an answer
/// without parts; what the server then decoded is checked by
/// [`Library::assert_bare_requests_decoded`].
pub fn bare_calls_json() -> Value {
    let books = books_json();
    json!({
        "calls": [
            {"op": "shelve", "args": [books[0]]},
            {"op": "shelve", "args": [books[1]]},
            {"op": "shelve", "args": [
                {"title": "blank", "genre": "fiction", "pages": 0, "subtitle": null}]},
            {"op": "lookup", "args": ["Dune <&>"]},
            {"op": "lookup", "args": ["none"]},
            {"op": "donate", "args": [books[0]]},
            {"op": "clear", "args": ["top <&>"]},
        ],
    })
}

/// What PHP's client and suds decode of a declared `Refused` fault our server answered: its
/// code as written (our envelope's prefix and `Server`), and its detail, which both decode
/// without the schema (unlike a body), so that the `xs:int` code is text.
pub fn refusal_json(reason: &str, code: i32) -> Value {
    json!({"fault": {"code": "s:Server", "string": reason,
           "detail": {"refusal": {"reason": reason, "code": code.to_string()}}}})
}

/// Checks what PHP's client or suds decoded of our answers to [`rpc_calls_json`]: two output
/// parts as an object keyed by part name, a book (a nil subtitle as null), the declared fault
/// with its detail, nothing for the one-way call, and an empty wrapper for the answer without
/// parts (after which `library` has cleared the shelf).
pub fn assert_rpc_answers_json(results: &Value, library: &Library) {
    assert_eq!(
        results[0]["result"],
        json!({"count": 2, "titles": {"title": added_titles("top <&>")}}),
        "{results}"
    );
    assert_eq!(results[1], refusal_json(NO_SHELF, 400), "{results}");
    assert_eq!(
        results[2]["result"],
        json!({"title": "Dune", "genre": "science", "pages": 321, "subtitle": null,
               "tag": ["science", "found <&>"]}),
        "{results}"
    );
    assert_eq!(
        results[3]["result"],
        json!({"title": "Odes", "genre": "poetry", "pages": 321, "isbn": "isbn Odes",
               "subtitle": "sub Odes", "tag": ["poetry", "found <&>"]}),
        "{results}"
    );
    assert_eq!(results[4], refusal_json(NOT_ON_THE_SHELF, 404), "{results}");
    assert_eq!(results[5]["result"], Value::Null, "{results}");
    assert_eq!(*library.cleared.lock().expect("lock"), ["top <&>"]);
    assert_eq!(results[6]["result"], Value::Null, "{results}");
}

/// Checks what a C++ peer's generated client (gSOAP's, KDSoap's) decoded of our document/literal
/// bare server's answers to its seven calls: two shelf sizes, the declared fault as
/// `shelve_fault` (as the peer reports it), a list of books (a nil subtitle as null, an
/// optional element left out) and an empty one, nothing for the one-way call, and an empty
/// Body for the answer without parts (after which `library` has cleared the shelf).
pub fn assert_bare_answers_json(results: &[Value], shelve_fault: Value, library: &Library) {
    let sizes: Vec<i32> = bare_books().iter().map(shelf_size).collect();
    assert_eq!(results[0], json!({"op": "shelve", "body": sizes[0]}));
    assert_eq!(results[1], json!({"op": "shelve", "body": sizes[1]}));
    assert_eq!(results[2], shelve_fault);
    assert_eq!(
        results[3],
        json!({"op": "lookup", "body": {"book": [
            {"title": "Dune <&> I", "genre": "science", "pages": 1, "isbn": "isbn 1",
             "subtitle": "first", "tag": ["a", "b"]},
            {"title": "Dune <&> II", "genre": "poetry", "pages": 2, "subtitle": null,
             "tag": []},
        ]}})
    );
    assert_eq!(results[4], json!({"op": "lookup", "body": {"book": []}}));
    assert_eq!(results[5], json!({"op": "donate"}));
    assert_eq!(*library.cleared.lock().expect("lock"), ["top <&>"]);
    assert_eq!(results[6], json!({"op": "clear"}));
}
