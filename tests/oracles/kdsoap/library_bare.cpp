// KDSoap's side of the corpus's library/bare.wsdl (document/literal bare), on the classes
// kdwsdl2cpp made of it with `-server` (the client's ShelfService and its jobs, the service's
// ShelfServiceServerBase; tests/src/kdsoap.rs builds it):
// - `library_bare client URL` calls the endpoint URL and prints one JSON array, an item per
//   call: {"op", "body"} with what KDSoap decoded of the answer, {"op", "fault"} for a fault
//   (its code, string and decoded detail), {"op"} for a one-way call or an answer without parts;
// - `library_bare server` serves on 127.0.0.1, prints {"port": N}, then each request as KDSoap
//   decoded it, a JSON line {"op", "body"}, and answers from it by the Rust handler's rules
//   (tests/corpus/tests/library_peer), until its standard input closes.
#include <KDSoapServer/KDSoapDelayedResponseHandle.h>

#include "contract.h"
#include "peer.h"

/// The reason of `shelve`'s refusal of a book of no pages (code 422).
static const char *const NO_PAGES = "no pages <&>";

/// The genre's enumeration value as the schema spells it.
static const char *genre_name(LIB__Genre::Type genre) {
  switch (genre) {
    case LIB__Genre::Fiction: return "fiction";
    case LIB__Genre::Science: return "science";
    case LIB__Genre::Poetry: return "poetry";
  }
  return "?";
}

/// A book as JSON, as the Rust side expects it of every peer: an absent ISBN left out, a nil
/// subtitle (which KDSoap decodes as a null QString) as null, the tags always.
static std::string book_json(const LIB__Book &book) {
  json::Object object;
  object.str("title", book.title())
      .ascii("genre", genre_name(book.genre().type()))
      .num("pages", book.pages());
  if (book.hasValueForIsbn()) object.str("isbn", book.isbn());
  object.raw("subtitle", book.subtitle().isNull() ? "null" : json::quote(book.subtitle()));
  return object.raw("tag", json::strings(book.tag())).text();
}

/// Books as a JSON array.
static std::string books_json(const QList<LIB__Book> &books) {
  std::vector<std::string> items;
  for (const LIB__Book &book : books) items.push_back(book_json(book));
  return json::array(items);
}

/// A book of these fields; a null `isbn` is left out, a null `subtitle` is nil.
static LIB__Book make_book(const QString &title, LIB__Genre::Type genre, int pages,
                           const char *isbn, const char *subtitle, const QStringList &tags) {
  LIB__Book book;
  book.setTitle(title);
  book.setGenre(genre);
  book.setPages(pages);
  if (isbn) book.setIsbn(QString::fromUtf8(isbn));
  if (subtitle) book.setSubtitle(QString::fromUtf8(subtitle));
  if (!tags.isEmpty()) book.setTag(tags);
  return book;
}

/// One call's item: {"op"} with the answer's `body` (a JSON text, none when empty), or the
/// fault the job met (KDSoap gives transport errors as faults too).
static std::string item(const char *op, const KDSoapJob &job, const std::string &body) {
  json::Object object;
  object.ascii("op", op);
  if (job.isFault()) return object.raw("fault", fault_json(job.reply())).text();
  if (!body.empty()) object.raw("body", body);
  return object.text();
}

static int client(const QString &url) {
  ShelfService service;
  service.setEndPoint(url);
  std::vector<std::string> results;
  QList<LIB__Book> books = {
      make_book(QString::fromUtf8("Ünïcode & <tags>"), LIB__Genre::Fiction, 412, "978-0",
                nullptr, {QStringLiteral("classic"), QStringLiteral("sand")}),
      make_book(QStringLiteral("Odes"), LIB__Genre::Poetry, 90, nullptr, "and more", {}),
  };
  QList<LIB__Book> shelved = books;
  shelved.append(make_book(QStringLiteral("blank"), LIB__Genre::Fiction, 0, nullptr, nullptr, {}));

  for (const LIB__Book &book : shelved) {
    ShelveJob job(&service);
    job.setBook(book);
    run(job);
    results.push_back(item("shelve", job, std::to_string(job.size())));
  }
  for (const char *query : {"Dune <&>", "none"}) {
    LookupJob job(&service);
    job.setQuery(QString::fromUtf8(query));
    run(job);
    results.push_back(item(
        "lookup", job, json::Object().raw("book", books_json(job.books().book())).text()));
  }

  // One-way: kdwsdl2cpp makes no job of it, only a blocking call, which waits for HTTP's
  // empty answer.
  service.donate(books[0]);
  json::Object donated;
  donated.ascii("op", "donate");
  if (!service.lastError().isEmpty()) donated.str("error", service.lastError());
  results.push_back(donated.text());

  ClearJob cleared(&service);
  cleared.setShelf(QStringLiteral("top <&>"));
  run(cleared);
  results.push_back(item("clear", cleared, ""));

  report(json::array(results));
  return 0;
}

/// Prints a request the service decoded: {"op", "body"}, `body` a JSON text.
static void report_request(const char *op, const std::string &body) {
  report(json::Object().ascii("op", op).raw("body", body).text());
}

/// The service: reports each request, answers by the Rust handler's rules.
class Shelf : public ShelfServiceServerBase {
 public:
  /// The book's size on a shelf, a number made of what was decoded: pages x 10000, + 1000 for
  /// a nil subtitle, + 100 for an ISBN, + the number of tags. Refused for a book of no pages.
  int shelve(const LIB__Book &book) override {
    report_request("shelve", book_json(book));
    if (book.pages() <= 0) {
      // The code qualified with the prefix KDSoap's writer gives SOAP 1.1's envelope.
      setFault(QStringLiteral("soap:Server"), QString::fromUtf8(NO_PAGES), QString(),
               refusal_detail(QString::fromUtf8(NO_PAGES), 422));
      return 0;
    }
    return book.pages() * 10000 + (book.subtitle().isNull() ? 1000 : 0) +
           (book.hasValueForIsbn() ? 100 : 0) + book.tag().size();
  }

  /// None for "none"; else "QUERY I" (science, 1 page, an ISBN, a subtitle, tags a and b) and
  /// "QUERY II" (poetry, 2 pages, no ISBN, a nil subtitle, no tags).
  LIB__BookList lookup(const QString &query) override {
    report_request("lookup", json::quote(query));
    LIB__BookList books;
    if (query == QStringLiteral("none")) return books;
    books.setBook({
        make_book(query + QStringLiteral(" I"), LIB__Genre::Science, 1, "isbn 1", "first",
                  {QStringLiteral("a"), QStringLiteral("b")}),
        make_book(query + QStringLiteral(" II"), LIB__Genre::Poetry, 2, nullptr, nullptr, {}),
    });
    return books;
  }

  void donate(const LIB__Book &donation) override {
    report_request("donate", book_json(donation));
  }

  /// Answers as the generated base does, but for two quirks of KDSoap's server (1.9), which
  /// takes an answer of no content for no answer at all and sends `204 No Content` without an
  /// envelope, where the operation's output message calls for one:
  /// - `lookup` of no books: the base's answer, a `books` element without children (valid:
  ///   each book is optional), is dropped; given empty text instead, KDSoap writes `<books/>`;
  /// - `clear`, whose output message has no parts: the answer is an envelope of an empty Body,
  ///   which KDSoapMessage cannot express; it is written here as the whole HTTP response,
  ///   KDSoap's own held back by asking for a delayed response that is never sent. KDSoap then
  ///   reads no further request on the connection, so the response closes it.
  void processRequest(const KDSoapMessage &request, KDSoapMessage &response,
                      const QByteArray &soapAction) override {
    ShelfServiceServerBase::processRequest(request, response, soapAction);
    if (hasFault()) return;
    if (soapAction == "urn:example:library:bare#lookup" && response.childValues().isEmpty()) {
      KDSoapValue books(QStringLiteral("books"), QVariant(QStringLiteral("")));
      books.setNamespaceUri(QStringLiteral("urn:example:library"));
      books.setQualified(true);
      response = books;
    } else if (soapAction == "urn:example:library:bare#clear") {
      const QByteArray envelope =
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
          "<soap:Body/></soap:Envelope>";
      prepareDelayedResponse();
      writeHTTP("HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: " +
                QByteArray::number(envelope.size()) + "\r\nConnection: close\r\n\r\n" + envelope);
    }
  }

  /// An answer without parts: an empty Body.
  void clear(const QString &shelf) override {
    report_request("clear", json::quote(shelf));
  }
};

/// KDSoap's HTTP server, a Shelf per connection.
class ShelfServer : public KDSoapServer {
 public:
  QObject *createServerObject() override { return new Shelf; }
};

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "client" && argc == 3) return client(QString::fromUtf8(argv[2]));
  if (mode == "server" && argc == 2) {
    ShelfServer server;
    // KDSoap serves one path (else it faults "Method .. not found in path"): the WSDL's.
    server.setPath(QStringLiteral("/library/bare"));
    return serve(app, server);
  }
  std::fprintf(stderr, "usage: %s client URL | server\n", argv[0]);
  return 2;
}
