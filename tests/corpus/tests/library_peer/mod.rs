//! The generated servers' handler of the library contracts (`wsdl/library/rpc.wsdl`, module
//! `library_rpc`, rpc/literal; `wsdl/library/bare.wsdl`, module `library_bare`,
//! document/literal bare) that the interop tests with other SOAP stacks share
//! (`oracle_jaxws_literal.rs`, `oracle_php_literal.rs`, `oracle_node_literal.rs`,
//! `oracle_gsoap_literal.rs`, `oracle_kdsoap_literal.rs`, `oracle_mono.rs`, `oracle_suds.rs`,
//! `oracle_perl_soap_lite.rs`): it records every request it decodes and answers from it by the
//! rules the peers' services follow too (each operation says which), so that one test checks a
//! peer's client and another our client against the peer's service.

// Each test binary uses part of what is here.
#![allow(dead_code)]

pub mod reporting_service;
pub mod scripted;

use std::sync::{Arc, Mutex};

use soap_runtime::server::Server;
use soap_runtime::{Error, Fault, FaultDetail, Message, ServiceFailure};
use wsdl_corpus::{library_bare, library_rpc};

/// The reason of `addBooks`'s refusal of an empty shelf (code 400).
pub const NO_SHELF: &str = "no shelf <&>";
/// The reason of `findBook`'s refusal of the title `missing` (code 404).
pub const NOT_ON_THE_SHELF: &str = "not on the shelf <&>";
/// The reason of `shelve`'s refusal of a book of no pages (code 422).
pub const NO_PAGES: &str = "no pages <&>";

/// The books our client sends, and the peers' clients too, in either module: text to escape
/// and beyond ASCII, an ISBN and none, a nil subtitle and one, tags and none.
macro_rules! books {
    ($module:ident) => {
        vec![
            $module::Book {
                title: "Ünïcode & <tags>".into(),
                genre: $module::Genre::Fiction,
                pages: 412,
                isbn: Some("978-0".into()),
                subtitle: None,
                tag: vec!["classic".into(), "sand".into()],
            },
            $module::Book {
                title: "Odes".into(),
                genre: $module::Genre::Poetry,
                pages: 90,
                isbn: None,
                subtitle: Some("and more".into()),
                tag: Vec::new(),
            },
        ]
    };
}

/// [`books!`] of the rpc/literal module.
pub fn rpc_books() -> Vec<library_rpc::Book> {
    books!(library_rpc)
}

/// [`books!`] of the document/literal bare module.
pub fn bare_books() -> Vec<library_bare::Book> {
    books!(library_bare)
}

/// A book as `addBooks` describes it after its shelf:
/// `title/genre/pages/isbn or -/subtitle or nil/tags joined by commas`.
pub fn describe(book: &library_rpc::Book) -> String {
    format!(
        "{}/{}/{}/{}/{}/{}",
        book.title,
        book.genre.as_str(),
        book.pages,
        book.isbn.as_deref().unwrap_or("-"),
        book.subtitle.as_deref().unwrap_or("nil"),
        book.tag.join(",")
    )
}

/// The book `findBook` answers: the title and genre asked for, 321 pages, tagged with its genre
/// and `found <&>`; a poem has an ISBN and a subtitle, the others none (a nil subtitle).
pub fn found(title: &str, genre: library_rpc::Genre) -> library_rpc::Book {
    let poem = genre == library_rpc::Genre::Poetry;
    library_rpc::Book {
        title: title.into(),
        isbn: poem.then(|| format!("isbn {title}")),
        subtitle: poem.then(|| format!("sub {title}")),
        tag: vec![genre.as_str().into(), "found <&>".into()],
        genre,
        pages: 321,
    }
}

/// What `shelve` answers, as a number: pages × 10000, + 1000 for a nil subtitle, + 100 for an
/// ISBN, + the number of tags (so that the peer's decoding of each shows in it).
pub fn shelf_size(book: &library_bare::Book) -> i32 {
    let tags = i32::try_from(book.tag.len()).expect("few tags");
    book.pages * 10_000
        + if book.subtitle.is_none() { 1000 } else { 0 }
        + if book.isbn.is_some() { 100 } else { 0 }
        + tags
}

/// The books `lookup` answers: none for `none`; else `QUERY I` (science, 1 page, an ISBN, a
/// subtitle, tags `a` and `b`) and `QUERY II` (poetry, 2 pages, no ISBN, a nil subtitle, no
/// tags).
pub fn looked_up(query: &str) -> Vec<library_bare::Book> {
    if query == "none" {
        return Vec::new();
    }
    vec![
        library_bare::Book {
            title: format!("{query} I"),
            genre: library_bare::Genre::Science,
            pages: 1,
            isbn: Some("isbn 1".into()),
            subtitle: Some("first".into()),
            tag: vec!["a".into(), "b".into()],
        },
        library_bare::Book {
            title: format!("{query} II"),
            genre: library_bare::Genre::Poetry,
            pages: 2,
            isbn: None,
            subtitle: None,
            tag: Vec::new(),
        },
    ]
}

/// The generated servers' handler: records what it decoded, answers from it.
#[derive(Default)]
pub struct Library {
    /// `addBooks` requests.
    pub added: Mutex<Vec<library_rpc::AddBooks>>,
    /// `findBook` requests.
    pub finds: Mutex<Vec<library_rpc::FindBook>>,
    /// `donateBook` requests (one-way).
    pub donated_rpc: Mutex<Vec<library_rpc::Book>>,
    /// `shelve` requests.
    pub shelved: Mutex<Vec<library_bare::Book>>,
    /// `lookup` requests.
    pub queries: Mutex<Vec<String>>,
    /// `donate` requests (one-way).
    pub donated_bare: Mutex<Vec<library_bare::Book>>,
    /// The shelves of `clearShelf` or `clear` requests (answers without parts).
    pub cleared: Mutex<Vec<String>>,
}

impl Library {
    /// Checks what the rpc/literal server decoded of a peer's calls, which every peer's
    /// client makes alike: two `addBooks` (the books, then an empty request), three
    /// `findBook` and a one-way `donateBook` of the second book.
    pub fn assert_rpc_requests_decoded(&self) {
        assert_eq!(
            *self.added.lock().expect("lock"),
            [
                library_rpc::AddBooks {
                    shelf: "top <&>".into(),
                    books: rpc_books(),
                },
                library_rpc::AddBooks::default(),
            ]
        );
        let finds: Vec<(String, library_rpc::Genre)> = self
            .finds
            .lock()
            .expect("lock")
            .iter()
            .map(|find| (find.title.clone(), find.genre.clone()))
            .collect();
        assert_eq!(
            finds,
            [
                ("Dune".into(), library_rpc::Genre::Science),
                ("Odes".into(), library_rpc::Genre::Poetry),
                ("missing".into(), library_rpc::Genre::Fiction),
            ]
        );
        assert_eq!(
            *self.donated_rpc.lock().expect("lock"),
            [rpc_books()[1].clone()]
        );
    }

    /// Checks what the bare server decoded of a peer's calls, which every peer's client makes
    /// alike: the books and a book with a title only shelved, two lookups and a one-way
    /// `donate` of the first book.
    pub fn assert_bare_requests_decoded(&self) {
        let mut shelved = bare_books();
        shelved.push(library_bare::Book {
            title: "blank".into(),
            ..Default::default()
        });
        assert_eq!(*self.shelved.lock().expect("lock"), shelved);
        assert_eq!(*self.queries.lock().expect("lock"), ["Dune <&>", "none"]);
        assert_eq!(
            *self.donated_bare.lock().expect("lock"),
            [bare_books()[0].clone()]
        );
    }
}

type RpcReply<T> = Result<Message<library_rpc::ResponseHeaders, T>, Fault>;
type BareReply<T> = Result<Message<library_bare::ResponseHeaders, T>, Fault>;

/// The generated rpc/literal server of a fresh [`Library`], listening on 127.0.0.1, and the
/// handler, which records what the server decoded.
pub async fn serve_rpc() -> (Arc<Library>, Server) {
    let library = Arc::new(Library::default());
    let server = library_rpc::LibraryServer::shared(library.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    (library, server)
}

/// The generated document/literal bare server of a fresh [`Library`], listening on 127.0.0.1,
/// and the handler, which records what the server decoded.
pub async fn serve_bare() -> (Arc<Library>, Server) {
    let library = Arc::new(Library::default());
    let server = library_bare::ShelfServer::shared(library.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    (library, server)
}

/// The rpc/literal module's declared refusal, as its detail.
pub fn rpc_refusal(reason: &str, code: i32) -> library_rpc::LibraryFault {
    library_rpc::LibraryFault::Refused(library_rpc::Refusal {
        reason: reason.into(),
        code,
    })
}

/// The bare module's declared refusal, as its detail.
pub fn bare_refusal(reason: &str, code: i32) -> library_bare::ShelfFault {
    library_bare::ShelfFault::Refused(library_bare::Refusal {
        reason: reason.into(),
        code,
    })
}

/// The rpc/literal module's refusal.
fn rpc_refused(reason: &str, code: i32) -> Fault {
    rpc_refusal(reason, code).to_fault(reason)
}

/// Checks that a call was answered with its contract's declared fault of detail `expected`,
/// and returns the fault (for its reason).
pub fn assert_declared<T, S, D>(result: Result<T, Error<S, D>>, expected: &D) -> Box<Fault>
where
    T: std::fmt::Debug,
    S: ServiceFailure,
    D: FaultDetail + PartialEq + std::fmt::Debug,
{
    match result {
        Err(Error::DeclaredFault { fault, detail }) => {
            assert_eq!(*detail, *expected);
            fault
        }
        other => panic!("expected the declared {expected:?}, got {other:?}"),
    }
}

/// The titles `addBooks` answers for [`rpc_books`] put on `shelf`: `SHELF:` and each book
/// [`describe`]d.
pub fn added_titles(shelf: &str) -> Vec<String> {
    rpc_books()
        .iter()
        .map(|book| format!("{shelf}:{}", describe(book)))
        .collect()
}

impl library_rpc::LibraryService for Library {
    /// `count`: the number of books; `titles`: `SHELF:` and each book [`describe`]d. Refused
    /// for an empty shelf.
    async fn add_books(
        &self,
        request: Message<library_rpc::RequestHeaders, library_rpc::AddBooks>,
    ) -> RpcReply<library_rpc::AddBooksResponse> {
        let body = request.body;
        self.added.lock().expect("lock").push(body.clone());
        if body.shelf.is_empty() {
            return Err(rpc_refused(NO_SHELF, 400));
        }
        Ok(Message {
            headers: Default::default(),
            body: library_rpc::AddBooksResponse {
                count: i32::try_from(body.books.len()).expect("few books"),
                titles: body
                    .books
                    .iter()
                    .map(|book| format!("{}:{}", body.shelf, describe(book)))
                    .collect(),
            },
        })
    }

    /// The book [`found`]; refused for the title `missing`.
    async fn find_book(
        &self,
        request: Message<library_rpc::RequestHeaders, library_rpc::FindBook>,
    ) -> RpcReply<library_rpc::FindBookResponse> {
        let body = request.body;
        self.finds.lock().expect("lock").push(body.clone());
        if body.title == "missing" {
            return Err(rpc_refused(NOT_ON_THE_SHELF, 404));
        }
        Ok(Message {
            headers: Default::default(),
            body: library_rpc::FindBookResponse {
                book: found(&body.title, body.genre),
            },
        })
    }

    async fn donate_book(
        &self,
        request: Message<library_rpc::RequestHeaders, library_rpc::DonateBook>,
    ) -> Result<(), Fault> {
        self.donated_rpc
            .lock()
            .expect("lock")
            .push(request.body.book);
        Ok(())
    }

    /// An answer without parts: an empty wrapper.
    async fn clear_shelf(
        &self,
        request: Message<library_rpc::RequestHeaders, library_rpc::ClearShelf>,
    ) -> RpcReply<library_rpc::ClearShelfResponse> {
        self.cleared.lock().expect("lock").push(request.body.shelf);
        Ok(Message::default())
    }
}

impl library_bare::ShelfService for Library {
    /// The book's [`shelf_size`]; refused for a book of no pages.
    async fn shelve(
        &self,
        request: Message<library_bare::RequestHeaders, library_bare::Book>,
    ) -> BareReply<i32> {
        let book = request.body;
        self.shelved.lock().expect("lock").push(book.clone());
        if book.pages <= 0 {
            return Err(library_bare::ShelfFault::Refused(library_bare::Refusal {
                reason: NO_PAGES.into(),
                code: 422,
            })
            .to_fault(NO_PAGES));
        }
        Ok(Message {
            headers: Default::default(),
            body: shelf_size(&book),
        })
    }

    /// The books [`looked_up`].
    async fn lookup(
        &self,
        request: Message<library_bare::RequestHeaders, String>,
    ) -> BareReply<library_bare::Books> {
        let query = request.body;
        self.queries.lock().expect("lock").push(query.clone());
        Ok(Message {
            headers: Default::default(),
            body: library_bare::Books {
                book: looked_up(&query),
            },
        })
    }

    async fn donate(
        &self,
        request: Message<library_bare::RequestHeaders, library_bare::Book>,
    ) -> Result<(), Fault> {
        self.donated_bare.lock().expect("lock").push(request.body);
        Ok(())
    }

    /// An answer without parts: an empty Body.
    async fn clear(&self, request: Message<library_bare::RequestHeaders, String>) -> BareReply<()> {
        self.cleared.lock().expect("lock").push(request.body);
        Ok(Message::default())
    }
}
