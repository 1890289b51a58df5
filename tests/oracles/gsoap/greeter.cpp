// gSOAP's side of the corpus's wcf_greeter.wsdl, port type IGreeter (document/literal wrapped,
// WCF's style), on the functions soapcpp2 made of wsdl2h's header (tests/src/gsoap.rs builds
// it):
// - `greeter client URL 1.1` calls the endpoint URL with SOAP 1.1 (the BasicHttpBinding port),
//   `greeter client URL 1.2` with SOAP 1.2 and WS-Addressing 1.0's headers (the WSHttpBinding
//   port), and prints one JSON array, an item per call: {"op", "body"} with what gSOAP decoded
//   of the answer, and {"addressing"} with the answer's RelatesTo and Action over SOAP 1.2;
// - `greeter server` serves on 127.0.0.1, prints {"port": N}, then each request as gSOAP
//   decoded it, a JSON line {"op", "body"} (and {"addressing"}: its Action and To, when it has
//   them), and answers from it (see each operation) in the request's SOAP version, with
//   RelatesTo and the answer's Action when the request had a MessageID, until its standard
//   input closes.
//
// WS-Addressing's headers are the SOAP Header's members that gSOAP's wsa5.h declares (imported
// into wsdl2h's header by tests/src/gsoap.rs), set and read here without gSOAP's WS-Addressing
// plugin.
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

/// The action of IGreeter's operation `op`, or of its answer.
static std::string action(const char *op, bool answer = false) {
  return std::string("http://tempuri.org/IGreeter/") + op + (answer ? "Response" : "");
}

/// A header's text as JSON, null when absent.
static std::string header_text(const char *text) {
  return text ? json::quote(text) : "null";
}

/// Sets a request's SOAP `version` (1 or 2) and, over SOAP 1.2, its WS-Addressing headers of
/// `op` to `url`: a MessageID of the call's `number`, To and Action (which gSOAP marks
/// mustUnderstand). Set before each call: gSOAP takes the version of its namespace table's
/// SOAP-ENV (here SOAP 1.2's, see above) again once it has read an answer.
static void address(struct soap *soap, short version, const char *url, const char *op, int number) {
  soap_set_version(soap, version);
  soap->header = nullptr;
  if (version != 2) return;
  soap->header = soap_new_SOAP_ENV__Header(soap);
  std::string id = "urn:uuid:00000000-0000-4000-8000-00000000000" + std::to_string(number);
  soap->header->wsa5__MessageID = soap_strdup(soap, id.c_str());
  soap->header->wsa5__To = soap_strdup(soap, url);
  soap->header->wsa5__Action = soap_strdup(soap, action(op).c_str());
}

/// One call's item: {"op"} with the answer's `body` and the answer's WS-Addressing headers
/// when it has a SOAP Header; or the error the call met (printed).
static std::string item(struct soap *soap, const char *op, int status, const std::string &body) {
  json::Object object;
  object.str("op", op);
  if (status != SOAP_OK) {
    soap_print_fault(soap, stderr);
    return object.raw("error", fault_json(soap, "null")).text();
  }
  object.raw("body", body);
  if (soap->header) {
    const struct SOAP_ENV__Header *header = soap->header;
    const char *relates_to =
        header && header->wsa5__RelatesTo ? header->wsa5__RelatesTo->__item : nullptr;
    object.raw("addressing", json::Object()
                                 .raw("RelatesTo", header_text(relates_to))
                                 .raw("Action", header_text(header ? header->wsa5__Action : nullptr))
                                 .text());
  }
  return object.text();
}

static int client(const char *url, const std::string &version) {
  struct soap *soap = soap_new1(SOAP_C_UTFSTRING);
  short soap_version = version == "1.2" ? 2 : 1;
  std::vector<std::string> results;
  int calls = 0;

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
    address(soap, soap_version, url, "Greet", ++calls);
    int status = soap_call___tempuri__Greet(soap, url, nullptr, &greet, greeted);
    results.push_back(
        item(soap, "Greet", status, status ? "" : json::quote_or_null(greeted.GreetResult)));
  }

  _tempuri__ListNames list;
  _tempuri__ListNamesResponse names;
  address(soap, soap_version, url, "ListNames", ++calls);
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

/// Reports a request of `op` whose body is `body` (a JSON text), and its Action and To when it
/// has WS-Addressing's headers; answers them with RelatesTo and the answer's action.
static void received(struct soap *soap, const char *op, const std::string &body) {
  json::Object report_line;
  report_line.str("op", op).raw("body", body);
  struct SOAP_ENV__Header *header = soap->header;
  if (header && header->wsa5__MessageID) {
    report_line.raw("addressing", json::Object()
                                      .raw("Action", header_text(header->wsa5__Action))
                                      .raw("To", header_text(header->wsa5__To))
                                      .text());
    struct SOAP_ENV__Header *reply = soap_new_SOAP_ENV__Header(soap);
    reply->wsa5__RelatesTo = soap_new_wsa5__RelatesToType(soap);
    reply->wsa5__RelatesTo->__item = header->wsa5__MessageID;
    reply->wsa5__Action = soap_strdup(soap, action(op, true).c_str());
    soap->header = reply;
  } else {
    soap->header = nullptr;
  }
  report(report_line.text());
}

/// "Hello NAME (LANGUAGE, ID, WHEN)", each part as decoded ("-" for an absent one); no
/// greeting (an absent result) for a request without a name.
int __tempuri__Greet(struct soap *soap, _tempuri__Greet *greet, _tempuri__GreetResponse &response) {
  received(soap, "Greet", request_json(soap, greet));
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
  received(soap, "ListNames", "{}");
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

// wsa5.h declares a SOAP fault sent to a FaultTo address as a one-way operation of every
// service; this one is never sent one.
int SOAP_ENV__Fault(struct soap *soap, char *, char *, char *, struct SOAP_ENV__Detail *,
                    struct SOAP_ENV__Code *, struct SOAP_ENV__Reason *, char *, char *,
                    struct SOAP_ENV__Detail *) {
  return soap_receiver_fault(soap, "not served", nullptr);
}

int main(int argc, char **argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "client" && argc == 4) return client(argv[2], argv[3]);
  if (mode == "server" && argc == 2) {
    struct soap *soap = soap_new1(SOAP_C_UTFSTRING);
    int status = serve(soap);
    soap_free(soap);
    return status;
  }
  std::fprintf(stderr, "usage: %s client URL 1.1|1.2 | server\n", argv[0]);
  return 2;
}
