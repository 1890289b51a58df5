// gSOAP's side of the corpus's wcf_greeter.wsdl, port type IGreeter (document/literal wrapped,
// WCF's style), on the functions soapcpp2 made of wsdl2h's header (tests/src/gsoap.rs builds
// it):
// - `greeter client URL` calls the endpoint URL with SOAP 1.1 (the BasicHttpBinding port) and
//   prints one JSON array, an item per call: {"op", "body"} with what gSOAP decoded of the
//   answer;
// - `greeter server` serves on 127.0.0.1, prints {"port": N}, then each request as gSOAP
//   decoded it, a JSON line {"op", "body"}, and answers from it (see each operation), until its
//   standard input closes.
//
// The WSDL binds IGreeter twice, over SOAP 1.1 and SOAP 1.2: soapcpp2 writes one namespace
// table for both, whose SOAP-ENV is SOAP 1.2's, so gSOAP's stubs send SOAP 1.2 for either
// binding unless the version is set (soap_set_version); its service answers in the version of
// each request.
#include "soapH.h"
#include "BasicHttpBinding_USCOREIGreeter.nsmap"

#include "peer.h"

/// A greeting request as JSON: an absent element left out, a nil one as null.
static std::string request_json(struct soap *soap, const _tempuri__Greet *greet) {
  if (!greet || !greet->request) return "null";
  const greeting__GreetRequest *request = greet->request;
  json::Object object;
  if (request->Id) object.str("Id", *request->Id);
  if (request->Language) object.str("Language", soap_greeting__Language2s(soap, *request->Language));
  if (request->Name) object.str("Name", *request->Name);
  if (request->When) object.str("When", soap_dateTime2s(soap, *request->When));
  return object.text();
}

/// One call's item: {"op"} with the answer's `body`, or the error the call met (printed).
static std::string item(struct soap *soap, const char *op, int status, const std::string &body) {
  json::Object object;
  object.str("op", op);
  if (status != SOAP_OK) {
    soap_print_fault(soap, stderr);
    return object.raw("error", fault_json(soap, "null")).text();
  }
  return object.raw("body", body).text();
}

static int client(const char *url) {
  struct soap *soap = soap_new1(SOAP_C_UTFSTRING);
  soap_set_version(soap, 1);
  std::vector<std::string> results;

  // A request of every field: a GUID, an enumeration, text to escape beyond ASCII, a time.
  greeting__GreetRequest *full = soap_new_greeting__GreetRequest(soap);
  full->Id = soap_new_std__string(soap);
  *full->Id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  full->Language = soap_new_greeting__Language(soap);
  *full->Language = greeting__Language__Norwegian;
  full->Name = soap_new_std__string(soap);
  *full->Name = "\xc3\x85" "se <&>";
  full->When = soap_new_dateTime(soap);
  soap_s2dateTime(soap, "2024-05-06T07:08:09Z", full->When);
  // A request of a language only: no name, so no greeting.
  greeting__GreetRequest *nameless = soap_new_greeting__GreetRequest(soap);
  nameless->Language = soap_new_greeting__Language(soap);
  *nameless->Language = greeting__Language__English;

  for (greeting__GreetRequest *request : {full, nameless}) {
    _tempuri__Greet greet;
    greet.request = request;
    _tempuri__GreetResponse greeted;
    int status = soap_call___tempuri__Greet(soap, url, nullptr, &greet, greeted);
    results.push_back(
        item(soap, "Greet", status, status ? "" : json::quote_or_null(greeted.GreetResult)));
  }

  _tempuri__ListNames list;
  _tempuri__ListNamesResponse names;
  int status = soap_call___tempuri__ListNames(soap, url, nullptr, &list, names);
  results.push_back(item(soap, "ListNames", status,
                         status                  ? ""
                         : names.ListNamesResult ? json::strings(names.ListNamesResult->string)
                                                 : "null"));

  report(json::array(results));
  soap_destroy(soap);
  soap_end(soap);
  soap_free(soap);
  return 0;
}

/// "Hello NAME (LANGUAGE, ID, WHEN)", each part as decoded ("-" for an absent one); no
/// greeting (an absent result) for a request without a name.
int __tempuri__Greet(struct soap *soap, _tempuri__Greet *greet, _tempuri__GreetResponse &response) {
  report(json::Object().str("op", "Greet").raw("body", request_json(soap, greet)).text());
  const greeting__GreetRequest *request = greet ? greet->request : nullptr;
  if (!request || !request->Name) return SOAP_OK;
  std::string language = request->Language ? soap_greeting__Language2s(soap, *request->Language) : "-";
  std::string id = request->Id ? *request->Id : "-";
  std::string when = request->When ? soap_dateTime2s(soap, *request->When) : "-";
  response.GreetResult = soap_new_std__string(soap);
  *response.GreetResult = "Hello " + *request->Name + " (" + language + ", " + id + ", " + when + ")";
  return SOAP_OK;
}

/// "Ada" and "Grace <&>".
int __tempuri__ListNames(struct soap *soap, _tempuri__ListNames *, _tempuri__ListNamesResponse &response) {
  report(json::Object().str("op", "ListNames").raw("body", "{}").text());
  response.ListNamesResult = soap_new_arrays__ArrayOfstring(soap);
  response.ListNamesResult->string = {"Ada", "Grace <&>"};
  return SOAP_OK;
}

// The SOAP 1.2 binding's operations share the elements of the SOAP 1.1 binding's, which
// gSOAP's dispatcher matches first; the admin port type is not served.
int __tempuri__Greet_(struct soap *soap, _tempuri__Greet *greet, _tempuri__GreetResponse &response) {
  return __tempuri__Greet(soap, greet, response);
}
int __tempuri__ListNames_(struct soap *soap, _tempuri__ListNames *list, _tempuri__ListNamesResponse &response) {
  return __tempuri__ListNames(soap, list, response);
}
int __tempuri__Count(struct soap *soap, _tempuri__Count *, _tempuri__CountResponse &) {
  return soap_receiver_fault(soap, "not served", nullptr);
}
int __tempuri__Purge(struct soap *soap, _tempuri__Purge *, _tempuri__PurgeResponse &) {
  return soap_receiver_fault(soap, "not served", nullptr);
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
