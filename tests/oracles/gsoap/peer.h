// What the gSOAP oracle programs (beside this file) share: JSON for what they print, and the
// loop of a service that listens on 127.0.0.1 until its standard input closes.
//
// A client program prints one JSON array, an item per call; a service program prints
// {"port": N} once it listens, then one JSON line per request it decoded. The Rust side
// (tests/src/gsoap.rs) reads both.
#ifndef GSOAP_ORACLE_PEER_H
#define GSOAP_ORACLE_PEER_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "stdsoap2.h"

namespace json {

/// `text` as a JSON string (UTF-8 passed through, controls escaped).
inline std::string quote(const std::string &text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

/// A JSON string, or null for a null pointer (a nil element).
inline std::string quote_or_null(const std::string *text) {
  return text ? quote(*text) : "null";
}

/// A JSON array of JSON texts.
inline std::string array(const std::vector<std::string> &items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out + "]";
}

/// A JSON array of strings.
inline std::string strings(const std::vector<std::string> &items) {
  std::vector<std::string> quoted;
  for (const std::string &item : items) quoted.push_back(quote(item));
  return array(quoted);
}

/// A JSON object, its members added in order, each value a JSON text.
class Object {
 public:
  Object &raw(const std::string &key, const std::string &value) {
    members_.push_back(quote(key) + ":" + value);
    return *this;
  }
  Object &str(const std::string &key, const std::string &value) { return raw(key, quote(value)); }
  Object &num(const std::string &key, long long value) { return raw(key, std::to_string(value)); }
  std::string text() const {
    std::string out = "{";
    for (size_t i = 0; i < members_.size(); ++i) out += (i ? "," : "") + members_[i];
    return out + "}";
  }

 private:
  std::vector<std::string> members_;
};

}  // namespace json

/// A fault a client call met, as JSON: its code and string, and `detail` (a JSON text, the
/// declared detail decoded, or null).
inline std::string fault_json(struct soap *soap, const std::string &detail) {
  const char **code = soap_faultcode(soap);
  const char **string = soap_faultstring(soap);
  return json::Object()
      .str("code", code && *code ? *code : "")
      .str("string", string && *string ? *string : "")
      .raw("detail", detail)
      .text();
}

/// Whether a call's or a service's status is a SOAP fault (which gSOAP gives as the fault's
/// code, Client or Server, or as SOAP_FAULT).
inline bool is_fault(int status) {
  return status == SOAP_FAULT || status == SOAP_CLI_FAULT || status == SOAP_SVR_FAULT;
}

/// Prints a line and flushes it (the Rust side reads line by line).
inline void report(const std::string &line) {
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

/// Serves `soap`'s requests on 127.0.0.1 (a free port) until standard input closes: prints
/// {"port": N} once it listens; each request is served by the generated soap_serve.
inline int serve(struct soap *soap) {
  if (!soap_valid_socket(soap_bind(soap, "127.0.0.1", 0, 16))) {
    soap_print_fault(soap, stderr);
    return 1;
  }
  struct sockaddr_in address;
  socklen_t length = sizeof address;
  if (getsockname(soap->master, reinterpret_cast<struct sockaddr *>(&address), &length) != 0) {
    std::perror("getsockname");
    return 1;
  }
  report(json::Object().num("port", ntohs(address.sin_port)).text());
  for (;;) {
    struct pollfd fds[2] = {{soap->master, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      std::perror("poll");
      return 1;
    }
    if (fds[1].revents) {
      char buffer[64];
      if (read(STDIN_FILENO, buffer, sizeof buffer) <= 0) return 0;
    }
    if (fds[0].revents & POLLIN) {
      if (!soap_valid_socket(soap_accept(soap))) {
        soap_print_fault(soap, stderr);
        return 1;
      }
      // A fault the program answered is no error of the service's.
      if (soap_serve(soap) != SOAP_OK && soap->error != SOAP_EOF && !is_fault(soap->error))
        soap_print_fault(soap, stderr);
      soap_destroy(soap);
      soap_end(soap);
    }
  }
}

#endif
