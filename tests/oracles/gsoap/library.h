// The books of the library contracts (tests/corpus/wsdl/library: rpc.wsdl, bare.wsdl) as the
// gSOAP programs make, describe and print them, by the rules of the Rust side's handler
// (tests/corpus/tests/library_peer). Included after a contract's soapH.h: both contracts'
// types are lib__ (typemap.dat).
#ifndef GSOAP_ORACLE_LIBRARY_H
#define GSOAP_ORACLE_LIBRARY_H

#include <string>
#include <vector>

#include "peer.h"

/// The reason of addBooks's refusal of an empty shelf (code 400).
static const char *const NO_SHELF = "no shelf <&>";
/// The reason of findBook's refusal of the title "missing" (code 404).
static const char *const NOT_ON_THE_SHELF = "not on the shelf <&>";
/// The reason of shelve's refusal of a book of no pages (code 422).
static const char *const NO_PAGES = "no pages <&>";

/// A string the context manages, or null for null.
inline std::string *managed(struct soap *soap, const char *text) {
  if (!text) return nullptr;
  std::string *value = soap_new_std__string(soap);
  *value = text;
  return value;
}

/// A book the context manages.
inline lib__Book *make_book(struct soap *soap, const char *title, enum lib__Genre genre, int pages,
                            const char *isbn, const char *subtitle,
                            std::vector<std::string> tags) {
  lib__Book *book = soap_new_lib__Book(soap);
  book->title = title;
  book->genre = genre;
  book->pages = pages;
  book->isbn = managed(soap, isbn);
  book->subtitle = managed(soap, subtitle);
  book->tag = tags;
  return book;
}

/// The books the Rust side sends and expects: text to escape and beyond ASCII, an ISBN and
/// none, a nil subtitle and one, tags and none.
inline std::vector<lib__Book *> library_books(struct soap *soap) {
  return {
      make_book(soap, "\xc3\x9c" "n\xc3\xaf" "code & <tags>", lib__Genre__fiction, 412, "978-0", nullptr,
                {"classic", "sand"}),
      make_book(soap, "Odes", lib__Genre__poetry, 90, nullptr, "and more", {}),
  };
}

/// A book as JSON: an absent ISBN left out, a nil subtitle as null, the tags always.
inline std::string book_json(struct soap *soap, const lib__Book *book) {
  if (!book) return "null";
  json::Object object;
  object.str("title", book->title)
      .str("genre", soap_lib__Genre2s(soap, book->genre))
      .num("pages", book->pages);
  if (book->isbn) object.str("isbn", *book->isbn);
  object.raw("subtitle", json::quote_or_null(book->subtitle)).raw("tag", json::strings(book->tag));
  return object.text();
}

/// Books as a JSON array.
inline std::string books_json(struct soap *soap, const std::vector<lib__Book *> &books) {
  std::vector<std::string> items;
  for (const lib__Book *book : books) items.push_back(book_json(soap, book));
  return json::array(items);
}

/// A book as addBooks describes it after its shelf:
/// title/genre/pages/isbn or -/subtitle or nil/tags joined by commas.
inline std::string describe(struct soap *soap, const lib__Book *book) {
  std::string tags;
  for (size_t i = 0; i < book->tag.size(); ++i) tags += (i ? "," : "") + book->tag[i];
  return book->title + "/" + soap_lib__Genre2s(soap, book->genre) + "/" +
         std::to_string(book->pages) + "/" + (book->isbn ? *book->isbn : "-") + "/" +
         (book->subtitle ? *book->subtitle : "nil") + "/" + tags;
}

/// The declared refusal as the answer to the current request: a Server fault of `reason`
/// whose detail is lib:refusal.
inline int refuse(struct soap *soap, const char *reason, int code) {
  soap_receiver_fault(soap, reason, nullptr);
  lib__Refusal *refusal = soap_new_lib__Refusal(soap);
  refusal->reason = reason;
  refusal->code = code;
  struct SOAP_ENV__Detail *detail = soap_new_SOAP_ENV__Detail(soap);
  detail->lib__refusal = refusal;
  soap->fault->detail = detail;
  return SOAP_FAULT;
}

/// The declared refusal a call met, as JSON (see fault_json), its detail decoded.
inline std::string refusal_json(struct soap *soap) {
  const lib__Refusal *refusal =
      soap->fault && soap->fault->detail ? soap->fault->detail->lib__refusal : nullptr;
  std::string detail = refusal ? json::Object()
                                     .raw("refusal", json::Object()
                                                         .str("reason", refusal->reason)
                                                         .num("code", refusal->code)
                                                         .text())
                                     .text()
                               : "null";
  return fault_json(soap, detail);
}

#endif
