// gSOAP's side of the corpus's library/bare.wsdl (document/literal bare), on the functions
// soapcpp2 made of wsdl2h's header (tests/src/gsoap.rs builds it):
// - `library_bare client URL` calls the endpoint URL and prints one JSON array, an item per
//   call: {"op", "body"} with what gSOAP decoded of the answer, {"op", "fault"} for a fault
//   (its code, string and decoded detail), {"op"} for a one-way call or an answer without parts;
// - `library_bare server` serves on 127.0.0.1, prints {"port": N}, then each request as gSOAP
//   decoded it, a JSON line {"op", "body"}, and answers from it by the Rust handler's rules
//   (tests/corpus/tests/library_peer), until its standard input closes.
#include "soapH.h"
#include "ShelfBare.nsmap"

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
  books.push_back(make_book(soap, "blank", lib__Genre__fiction, 0, nullptr, nullptr, {}));

  for (lib__Book *book : books) {
    int size = 0;
    int status = soap_call___libbare__shelve(soap, url, nullptr, book, size);
    results.push_back(item(soap, "shelve", status, status ? "" : std::to_string(size)));
  }
  for (const char *query : {"Dune <&>", "none"}) {
    lib__BookList found;
    int status = soap_call___libbare__lookup(soap, url, nullptr, query, found);
    results.push_back(item(
        soap, "lookup", status,
        status ? "" : json::Object().raw("book", books_json(soap, found.book)).text()));
  }

  // One-way: the request, then HTTP's empty answer (202).
  int status = soap_send___libbare__donate(soap, url, nullptr, books[0]);
  if (status == SOAP_OK) status = soap_recv_empty_response(soap);
  results.push_back(item(soap, "donate", status, ""));

  struct __libbare__clearResponse cleared;
  status = soap_call___libbare__clear(soap, url, nullptr, "top <&>", cleared);
  results.push_back(item(soap, "clear", status, ""));

  report(json::array(results));
  soap_destroy(soap);
  soap_end(soap);
  soap_free(soap);
  return 0;
}

/// The book's size on a shelf, a number made of what was decoded: pages x 10000, + 1000 for a
/// nil subtitle, + 100 for an ISBN, + the number of tags. Refused for a book of no pages.
int __libbare__shelve(struct soap *soap, lib__Book *book, int &size) {
  report(json::Object().str("op", "shelve").raw("body", book_json(soap, book)).text());
  if (!book || book->pages <= 0) return refuse(soap, NO_PAGES, 422);
  size = book->pages * 10000 + (book->subtitle ? 0 : 1000) + (book->isbn ? 100 : 0) +
         static_cast<int>(book->tag.size());
  return SOAP_OK;
}

/// None for "none"; else "QUERY I" (science, 1 page, an ISBN, a subtitle, tags a and b) and
/// "QUERY II" (poetry, 2 pages, no ISBN, a nil subtitle, no tags).
int __libbare__lookup(struct soap *soap, std::string query, lib__BookList &books) {
  report(json::Object().str("op", "lookup").str("body", query).text());
  if (query == "none") return SOAP_OK;
  books.book.push_back(make_book(soap, (query + " I").c_str(), lib__Genre__science, 1, "isbn 1",
                                 "first", {"a", "b"}));
  books.book.push_back(
      make_book(soap, (query + " II").c_str(), lib__Genre__poetry, 2, nullptr, nullptr, {}));
  return SOAP_OK;
}

int __libbare__donate(struct soap *soap, lib__Book *book) {
  report(json::Object().str("op", "donate").raw("body", book_json(soap, book)).text());
  // gSOAP closes a one-way request's connection without an HTTP response unless told to send
  // 202 Accepted (its documented way); HTTP needs a response to every request, and WS-I BP 1.1
  // (R2714) one without a SOAP envelope.
  return soap_send_empty_response(soap, SOAP_OK);
}

/// An answer without parts: an empty Body.
int __libbare__clear(struct soap *soap, std::string shelf, struct __libbare__clearResponse &) {
  report(json::Object().str("op", "clear").str("body", shelf).text());
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
