// What the KDSoap oracle programs (beside this file) share: JSON for what they print, and the
// loop of a service that listens on 127.0.0.1 until its standard input closes.
//
// A client program prints one JSON array, an item per call; a service program prints
// {"port": N} once it listens, then one JSON line per request it decoded. The Rust side
// (tests/src/kdsoap.rs) reads both.
#ifndef KDSOAP_ORACLE_PEER_H
#define KDSOAP_ORACLE_PEER_H

#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include <KDSoapClient/KDSoapJob.h>
#include <KDSoapClient/KDSoapMessage.h>
#include <KDSoapClient/KDSoapValue.h>
#include <KDSoapServer/KDSoapServer.h>
#include <QtCore/QCoreApplication>
#include <QtCore/QEventLoop>
#include <QtCore/QSocketNotifier>
#include <QtNetwork/QHostAddress>

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

/// A Qt string as a JSON string.
inline std::string quote(const QString &text) { return quote(text.toStdString()); }

/// A JSON array of JSON texts.
inline std::string array(const std::vector<std::string> &items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out + "]";
}

/// A JSON array of strings.
inline std::string strings(const QStringList &items) {
  std::vector<std::string> quoted;
  for (const QString &item : items) quoted.push_back(quote(item));
  return array(quoted);
}

/// A JSON object, its members added in order, each value a JSON text.
class Object {
 public:
  Object &raw(const std::string &key, const std::string &value) {
    members_.push_back(quote(key) + ":" + value);
    return *this;
  }
  Object &str(const std::string &key, const QString &value) { return raw(key, quote(value)); }
  Object &ascii(const std::string &key, const char *value) {
    return raw(key, quote(std::string(value)));
  }
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

/// Prints a line and flushes it (the Rust side reads line by line).
inline void report(const std::string &line) {
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

/// Starts `job` and waits for its end (its answer or fault).
inline void run(KDSoapJob &job) {
  job.setAutoDelete(false);
  QEventLoop loop;
  QObject::connect(&job, &KDSoapJob::finished, &loop, &QEventLoop::quit);
  job.start();
  loop.exec();
}

/// The child of `value` named `name` (a null value when there is none).
inline KDSoapValue child(const KDSoapValue &value, const QString &name) {
  for (const KDSoapValue &candidate : value.childValues())
    if (candidate.name() == name) return candidate;
  return KDSoapValue();
}

/// A fault a client call met (KDSoap's reply message, the SOAP 1.1 Fault's children), as
/// JSON: its code and string as KDSoap read them, and the `refusal` of its detail (the
/// contracts' declared fault), its code read as an int, or null.
inline std::string fault_json(const KDSoapMessage &fault) {
  const KDSoapValue refusal =
      child(child(fault, QStringLiteral("detail")), QStringLiteral("refusal"));
  std::string detail = "null";
  if (!refusal.isNull()) {
    const QString reason = child(refusal, QStringLiteral("reason")).value().toString();
    const int code = child(refusal, QStringLiteral("code")).value().toInt();
    detail = json::Object()
                 .raw("refusal", json::Object().str("reason", reason).num("code", code).text())
                 .text();
  }
  return json::Object()
      .str("code", child(fault, QStringLiteral("faultcode")).value().toString())
      .str("string", child(fault, QStringLiteral("faultstring")).value().toString())
      .raw("detail", detail)
      .text();
}

/// The declared fault's detail, a `refusal` element of the library's namespace.
inline KDSoapValue refusal_detail(const QString &reason, int code) {
  const QString ns = QStringLiteral("urn:example:library");
  KDSoapValueList children;
  children.append(KDSoapValue(QStringLiteral("reason"), reason));
  children.append(KDSoapValue(QStringLiteral("code"), code));
  for (KDSoapValue &value : children) {
    value.setNamespaceUri(ns);
    value.setQualified(true);
  }
  KDSoapValue refusal(QStringLiteral("refusal"), children);
  refusal.setNamespaceUri(ns);
  refusal.setQualified(true);
  return refusal;
}

/// Serves with `server` on 127.0.0.1 (a free port) until standard input closes: prints
/// {"port": N} once it listens.
inline int serve(QCoreApplication &app, KDSoapServer &server) {
  if (!server.listen(QHostAddress::LocalHost, 0)) {
    std::fprintf(stderr, "cannot listen: %s\n", qPrintable(server.errorString()));
    return 1;
  }
  report(json::Object().num("port", server.serverPort()).text());
  QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
  QObject::connect(&input, &QSocketNotifier::activated, &app, [&app, &input] {
    char buffer[64];
    if (read(STDIN_FILENO, buffer, sizeof buffer) <= 0) {
      input.setEnabled(false);
      app.quit();
    }
  });
  return app.exec();
}

#endif
