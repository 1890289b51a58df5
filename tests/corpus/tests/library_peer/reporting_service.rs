//! Our clients against a peer's service of the library contracts that answers by
//! [`Library`](super::Library)'s rules and reports every request it decoded as a JSON line
//! (`{"op": .., "body": ..}`, [`PeerServer::next_request`]): the calls and checks the peers
//! whose services are programs written for these tests share (JAX-WS's, gSOAP's).

use end_to_end::child::PeerServer;
use serde_json::{json, Value};
use wsdl_corpus::{library_bare, library_rpc};

use super::{
    added_titles, assert_declared, bare_books, bare_refusal, found, looked_up, rpc_books,
    rpc_refusal, shelf_size, NOT_ON_THE_SHELF, NO_PAGES, NO_SHELF,
};

/// How a peer's service reports the `books` part of an rpc `addBooks` it decoded.
pub struct BooksPart {
    /// [`rpc_books`], as the peer reports them.
    pub sent: Value,
    /// No book at all.
    pub none: Value,
}

/// Calls every operation of `library/rpc.wsdl` on the peer's service behind `client`: two parts
/// each way, the declared fault with its detail, parts of simple types (one an enumeration)
/// in and a complex one out, a one-way call and an answer without parts; checks each answer
/// and what `server` reports it decoded. `books` is how it reports [`rpc_books`] (a JSON
/// array, in the order sent) and `part` the `books` part of `addBooks`.
pub async fn call_rpc_service(
    client: &library_rpc::LibraryClient,
    server: &mut PeerServer,
    books: &Value,
    part: &BooksPart,
) {
    // Two parts each way: the peer decoded our books (its report), we its answer's parts.
    let added = client
        .add_books("top <&>".into(), rpc_books())
        .await
        .expect("addBooks answers");
    assert_eq!(
        server.next_request("addBooks"),
        json!({"op": "addBooks", "body": {"shelf": "top <&>", "books": part.sent}})
    );
    assert_eq!(added.count, 2);
    assert_eq!(added.titles, added_titles("top <&>"));

    // The declared fault, its detail decoded.
    let fault = assert_declared(
        client.add_books(String::new(), Vec::new()).await,
        &rpc_refusal(NO_SHELF, 400),
    );
    assert_eq!(fault.reason, NO_SHELF);
    assert_eq!(
        server.next_request("addBooks")["body"],
        json!({"shelf": "", "books": part.none})
    );

    // Parts of simple types (one an enumeration) in, a part of a complex type out.
    for (title, genre) in [
        ("Dune", library_rpc::Genre::Science),
        ("Odes", library_rpc::Genre::Poetry),
    ] {
        let book = client
            .find_book(title.into(), genre.clone())
            .await
            .expect("findBook answers");
        assert_eq!(
            server.next_request("findBook")["body"],
            json!({"title": title, "genre": genre.as_str()})
        );
        assert_eq!(book, found(title, genre));
    }
    assert_declared(
        client
            .find_book("missing".into(), library_rpc::Genre::Fiction)
            .await,
        &rpc_refusal(NOT_ON_THE_SHELF, 404),
    );
    server.next_request("findBook");

    // One-way.
    client
        .donate_book(rpc_books()[0].clone())
        .await
        .expect("donateBook is accepted");
    assert_eq!(
        server.next_request("donateBook")["body"],
        json!({"book": books[0]})
    );

    // An answer without parts: an empty wrapper.
    client
        .clear_shelf("top <&>".into())
        .await
        .expect("clearShelf answers");
    assert_eq!(
        server.next_request("clearShelf")["body"],
        json!({"shelf": "top <&>"})
    );
}

/// Calls every operation of `library/bare.wsdl` on the peer's service behind `client`: a body
/// of a complex type in and a simple one out (the peer's answer made of what it decoded), the
/// declared fault, a simple body in and a list out (and an empty one), a one-way call and an
/// empty answer; checks each answer and what `server` reports it decoded. `books` is how it
/// reports [`bare_books`] (a JSON array, in order).
pub async fn call_bare_service(
    client: &library_bare::ShelfClient,
    server: &mut PeerServer,
    books: &Value,
) {
    for (book, sent) in bare_books()
        .into_iter()
        .zip(books.as_array().expect("books"))
    {
        let size = client
            .shelve_message(book.clone())
            .await
            .expect("shelve answers")
            .body;
        assert_eq!(size, shelf_size(&book));
        assert_eq!(server.next_request("shelve")["body"], *sent);
    }
    let fault = assert_declared(
        client.shelve_message(library_bare::Book::default()).await,
        &bare_refusal(NO_PAGES, 422),
    );
    assert_eq!(fault.reason, NO_PAGES);
    server.next_request("shelve");

    // A body of a simple type in, a list out, and an empty list.
    let found = client
        .lookup("Dune <&>".into())
        .await
        .expect("lookup answers");
    assert_eq!(server.next_request("lookup")["body"], json!("Dune <&>"));
    assert_eq!(found, looked_up("Dune <&>"));
    let none = client.lookup("none".into()).await.expect("lookup answers");
    assert_eq!(server.next_request("lookup")["body"], json!("none"));
    assert!(none.is_empty(), "{none:?}");

    // One-way.
    client
        .donate_message(bare_books()[1].clone())
        .await
        .expect("donate is accepted");
    assert_eq!(server.next_request("donate")["body"], books[1]);

    // An answer without parts: an empty Body.
    client.clear("top <&>".into()).await.expect("clear answers");
    assert_eq!(server.next_request("clear")["body"], json!("top <&>"));
}
