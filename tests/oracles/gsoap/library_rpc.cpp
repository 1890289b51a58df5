// gSOAP's side of the corpus's library/rpc.wsdl (rpc/literal), on the functions soapcpp2 made
// of wsdl2h's header (tests/src/gsoap.rs builds it):
// - `library_rpc client URL` calls the endpoint URL and prints one JSON array, an item per
//   call: {"op", "body"} with what gSOAP decoded of the answer, {"op", "fault"} for a fault
//   (its code, string and decoded detail), {"op"} for a one-way call or an answer without parts;
// - `library_rpc server` serves on 127.0.0.1, prints {"port": N}, then each request as gSOAP
//   decoded it, a JSON line {"op", "body"}, and answers from it by the Rust handler's rules
//   (tests/corpus/tests/library_peer), until its standard input closes.
#include "soapH.h"
#include "LibraryRpc.nsmap"

#include "library.h"

/// One call's item: {"op"} with the answer's `body` (a JSON text, none when empty), or the
/// declared fault the call met; an error short of a fault is printed, and marked.
static std::string item(struct soap *soap, const char *op, int status, const std::string &body) {
  json::Object object;
  object.str("op", op);
  if (is_fault(status)) return object.raw("fault", refusal_json(soap)).text();
  if (status != SOAP_OK) {
    soap_print_fault(soap, stderr);
    return object.str("error", "call failed").text();
  }
  if (!body.empty()) object.raw("body", body);
  return object.text();
}

static int client(const char *url) {
  struct soap *soap = soap_new1(SOAP_C_UTFSTRING);
  std::vector<std::string> results;
  std::vector<lib__Book *> books = library_books(soap);

  lib__BookList *shelf = soap_new_lib__BookList(soap);
  shelf->book = books;
  struct ops__addBooksResponse added;
  int status = soap_call_ops__addBooks(soap, url, nullptr, "top <&>", shelf, added);
  results.push_back(item(soap, "addBooks", status,
                         status ? "" : json::Object()
                                           .num("count", added.count)
                                           .raw("titles", added.titles
                                                              ? json::strings(added.titles->title)
                                                              : "null")
                                           .text()));
  status = soap_call_ops__addBooks(soap, url, nullptr, "", soap_new_lib__BookList(soap), added);
  results.push_back(item(soap, "addBooks", status, ""));

  const std::pair<const char *, enum lib__Genre> finds[] = {
      {"Dune", lib__Genre__science}, {"Odes", lib__Genre__poetry}, {"missing", lib__Genre__fiction}};
  for (const auto &find : finds) {
    struct ops__findBookResponse found;
    status = soap_call_ops__findBook(soap, url, nullptr, find.first, find.second, found);
    results.push_back(item(soap, "findBook", status, status ? "" : book_json(soap, found.book)));
  }

  // One-way: the request, then HTTP's empty answer (202).
  status = soap_send_ops__donateBook(soap, url, nullptr, books[1]);
  if (status == SOAP_OK) status = soap_recv_empty_response(soap);
  results.push_back(item(soap, "donateBook", status, ""));

  struct ops__clearShelfResponse cleared;
  status = soap_call_ops__clearShelf(soap, url, nullptr, "top <&>", cleared);
  results.push_back(item(soap, "clearShelf", status, ""));

  report(json::array(results));
  soap_destroy(soap);
  soap_end(soap);
  soap_free(soap);
  return 0;
}

/// `count`: the number of books; `titles`: "SHELF:" and each book described. Refused for an
/// empty shelf.
int ops__addBooks(struct soap *soap, std::string shelf, lib__BookList *books,
                  struct ops__addBooksResponse &response) {
  std::vector<lib__Book *> none;
  const std::vector<lib__Book *> &list = books ? books->book : none;
  report(json::Object()
             .str("op", "addBooks")
             .raw("body", json::Object()
                              .str("shelf", shelf)
                              .raw("books", books ? books_json(soap, list) : "null")
                              .text())
             .text());
  if (shelf.empty()) return refuse(soap, NO_SHELF, 400);
  response.count = static_cast<int>(list.size());
  response.titles = soap_new_lib__TitleList(soap);
  for (const lib__Book *book : list) response.titles->title.push_back(shelf + ":" + describe(soap, book));
  return SOAP_OK;
}

/// The book titled `title` of `genre`, 321 pages, tagged with its genre and "found <&>"; a poem
/// has an ISBN and a subtitle, the others none (a nil subtitle). Refused for "missing".
int ops__findBook(struct soap *soap, std::string title, enum lib__Genre genre,
                  struct ops__findBookResponse &response) {
  report(json::Object()
             .str("op", "findBook")
             .raw("body", json::Object()
                              .str("title", title)
                              .str("genre", soap_lib__Genre2s(soap, genre))
                              .text())
             .text());
  if (title == "missing") return refuse(soap, NOT_ON_THE_SHELF, 404);
  bool poem = genre == lib__Genre__poetry;
  std::string isbn = "isbn " + title;
  std::string subtitle = "sub " + title;
  response.book = make_book(soap, title.c_str(), genre, 321, poem ? isbn.c_str() : nullptr,
                            poem ? subtitle.c_str() : nullptr,
                            {soap_lib__Genre2s(soap, genre), "found <&>"});
  return SOAP_OK;
}

int ops__donateBook(struct soap *soap, lib__Book *book) {
  report(json::Object()
             .str("op", "donateBook")
             .raw("body", json::Object().raw("book", book_json(soap, book)).text())
             .text());
  // gSOAP closes a one-way request's connection without an HTTP response unless told to send
  // 202 Accepted (its documented way); HTTP needs a response to every request, and WS-I BP 1.1
  // (R2714) one without a SOAP envelope.
  return soap_send_empty_response(soap, SOAP_OK);
}

/// An answer without parts: an empty wrapper.
int ops__clearShelf(struct soap *soap, std::string shelf, struct ops__clearShelfResponse &) {
  report(json::Object()
             .str("op", "clearShelf")
             .raw("body", json::Object().str("shelf", shelf).text())
             .text());
  return SOAP_OK;
}

int main(int argc, char **argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "client" && argc == 3) return client(argv[2]);
  if (mode == "server" && argc == 2) {
    struct soap *soap = soap_new1(SOAP_C_UTFSTRING);
    int status = serve(soap);
    soap_free(soap);
    return status;
  }
  std::fprintf(stderr, "usage: %s client URL | server\n", argv[0]);
  return 2;
}
