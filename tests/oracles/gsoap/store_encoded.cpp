// gSOAP's side of the corpus's rpc.wsdl, binding StoreEncoded (rpc/encoded: SOAP-encoded
// arrays of structs and of strings, xsd:all structs, two output parts, faults), on the
// functions soapcpp2 made of wsdl2h's header (tests/src/gsoap.rs builds it):
// - `store_encoded client URL` calls the endpoint URL and prints one JSON array, an item per
//   call: {"op", "body"} with what gSOAP decoded of the answer, {"op", "fault"} for a fault
//   (its code and string);
// - `store_encoded server` serves on 127.0.0.1, prints {"port": N}, then each request as gSOAP
//   decoded it, a JSON line {"op", "body"}, and answers from it by the Rust handler's rules
//   (tests/corpus/tests/store_peer), until its standard input closes.
//
// The WSDL's other bindings (rpc/literal, document/literal and document/encoded parts by type)
// are made too: the encoded binding's functions are the ones without a trailing underscore,
// and gSOAP's dispatcher matches their elements first.
#include "soapH.h"
#include "StoreEncoded.nsmap"

#include "peer.h"

/// An item as JSON: an absent note as null.
static std::string item_json(const store__Item *item) {
  if (!item) return "null";
  return json::Object()
      .str("name", item->name)
      .num("qty", item->qty)
      .raw("note", json::quote_or_null(item->note))
      .text();
}

/// A call's item: {"op"} with the answer's `body`, or the fault the call met.
static std::string outcome(struct soap *soap, const char *op, int status, const std::string &body) {
  json::Object object;
  object.str("op", op);
  if (is_fault(status)) return object.raw("fault", fault_json(soap, "null")).text();
  if (status != SOAP_OK) {
    soap_print_fault(soap, stderr);
    return object.str("error", "call failed").text();
  }
  return object.raw("body", body).text();
}

/// An item the context manages.
static store__Item *make_item(struct soap *soap, const char *name, int qty, const char *note) {
  store__Item *item = soap_new_store__Item(soap);
  item->name = name;
  item->qty = qty;
  if (note) {
    item->note = soap_new_std__string(soap);
    *item->note = note;
  }
  return item;
}

static int client(const char *url) {
  struct soap *soap = soap_new1(SOAP_C_UTFSTRING);
  std::vector<std::string> results;

  // The items of the Rust side's peers: text to escape and beyond ASCII, a note and none.
  store__Item *items[] = {make_item(soap, "\xc3\xa4", 2, "first"), make_item(soap, "b<", 3, nullptr)};
  ItemArray array;
  array.__ptr = items;
  array.__size = 2;
  struct storeops__addItemsResponse added;
  int status = soap_call_storeops__addItems(soap, url, nullptr, "box & <lid>", &array, added);
  std::vector<std::string> names;
  if (status == SOAP_OK && added.names)
    names.assign(added.names->__ptr, added.names->__ptr + added.names->__size);
  results.push_back(outcome(
      soap, "addItems", status,
      json::Object().num("total", added.total).raw("names", json::strings(names)).text()));

  for (int id : {7, -1}) {
    struct storeops__lookupResponse found;
    status = soap_call_storeops__lookup(soap, url, nullptr, id, found);
    results.push_back(outcome(soap, "lookup", status, status ? "" : item_json(found.item)));
  }

  report(json::array(results));
  soap_destroy(soap);
  soap_end(soap);
  soap_free(soap);
  return 0;
}

/// `total`: the items' quantities added up; `names`: "LABEL:NAME" of each item.
int storeops__addItems(struct soap *soap, std::string label, ItemArray *items,
                       struct storeops__addItemsResponse &response) {
  std::vector<std::string> decoded;
  response.total = 0;
  response.names = soap_new_StringArray(soap);
  int size = items ? items->__size : 0;
  response.names->__ptr = soap_new_std__string(soap, size > 0 ? size : 1);
  response.names->__size = size;
  for (int i = 0; i < size; ++i) {
    const store__Item *item = items->__ptr[i];
    decoded.push_back(item_json(item));
    response.total += item ? item->qty : 0;
    response.names->__ptr[i] = label + ":" + (item ? item->name : "");
  }
  report(json::Object()
             .str("op", "addItems")
             .raw("body", json::Object().str("label", label).raw("items", json::array(decoded)).text())
             .text());
  return SOAP_OK;
}

/// The item ID: "item ID <&>", ID x 2 pieces, noted "ünïcode"; a Client fault for a negative
/// ID.
int storeops__lookup(struct soap *soap, int id, struct storeops__lookupResponse &response) {
  report(json::Object().str("op", "lookup").raw("body", json::Object().num("id", id).text()).text());
  std::string name = "item " + std::to_string(id) + " <&>";
  if (id < 0) return soap_sender_fault(soap, ("no " + name).c_str(), nullptr);
  response.item = make_item(soap, name.c_str(), id * 2, "\xc3\xbc" "n\xc3\xaf" "code");
  return SOAP_OK;
}

// The other bindings' operations, which this program does not serve.
int __store__find(struct soap *soap, std::string, int, struct __store__findResponse &) {
  return soap_receiver_fault(soap, "not served", nullptr);
}
int __store__find_(struct soap *soap, std::string, int, struct __store__findResponse_ &) {
  return soap_receiver_fault(soap, "not served", nullptr);
}
int storeops__lookup_(struct soap *soap, int, struct storeops__lookupResponse_ &) {
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
