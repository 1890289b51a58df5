// KDSoap's client of the project's wsdl/services82/EMail.wsdl (document/literal wrapped, WCF's
// style; the classes kdwsdl2cpp made of it, WcfEMailService and its jobs; tests/src/kdsoap.rs
// builds it). `email_client client URL` calls the endpoint URL with the three request headers
// (ApplicationToken, Credentials, TimeZone) and prints one JSON array, an item per call:
// {"op", "body", "headers"} with what KDSoap decoded of the answer and its headers, or
// {"op", "fault"} for a SOAP fault. The Rust test (tests/tests/oracle_kdsoap.rs) checks both
// sides.
#include "contract.h"
#include "peer.h"

/// The answer's headers KDSoap decoded into the job: Succeeded, and the in-out TimeZone.
template <typename Job>
static std::string headers_json(const Job &job) {
  const S82__SoTimeZone time_zone = job.timeZone();
  return json::Object()
      .raw("Succeeded", job.succeeded() ? "true" : "false")
      .raw("TimeZone", json::Object()
                           .num("SoTimeZoneId", time_zone.soTimeZoneId())
                           .str("SoTimeZoneLocationCode", time_zone.soTimeZoneLocationCode())
                           .text())
      .text();
}

/// One call's item: {"op", "body", "headers"} of the answer, or {"op", "fault"}.
template <typename Job>
static std::string item(const char *op, const Job &job, const std::string &body) {
  json::Object object;
  object.ascii("op", op);
  if (job.isFault()) return object.raw("fault", fault_json(job.reply())).text();
  return object.raw("body", body).raw("headers", headers_json(job)).text();
}

static int client(const QString &url) {
  WcfEMailService service;
  service.setEndPoint(url);
  // The request headers, sent with every call.
  service.setApplicationTokenHeader(QString::fromUtf8("app-token Ü & <123>"));
  S82__SoCredentials credentials;
  credentials.setTicket(QStringLiteral("7T:dGlja2V0=="));
  service.setCredentialsHeader(credentials);
  S82__SoTimeZone time_zone;
  time_zone.setSoTimeZoneId(27);
  time_zone.setSoTimeZoneLocationCode(QStringLiteral("NO"));
  service.setTimeZoneHeader(time_zone);
  std::vector<std::string> results;

  // RefreshFolder: a nested ConnectionInfo (a password to escape) and an array of strings.
  S82__EMailConnectionInfo info;
  info.setServerName(QStringLiteral("imap.example.com"));
  info.setUserName(QStringLiteral("anna@example.com"));
  info.setPassword(QStringLiteral("pa<ss>&\"word\""));
  info.setFolder(QStringLiteral("INBOX"));
  info.setUseSSL(true);
  ARR__ArrayOfstring folders;
  folders.setString({QStringLiteral("INBOX"), QStringLiteral("Sent Items"),
                     QString::fromUtf8("Ärchiv & <old>")});
  S82__RefreshFolder refresh;
  refresh.setConnectionInfo(info);
  refresh.setFolders(folders);
  RefreshFolderJob refreshed(&service);
  refreshed.setParameters(refresh);
  run(refreshed);
  const S82__RefreshFolderResponse answer = refreshed.resultParameters();
  results.push_back(item("RefreshFolder", refreshed,
                         answer.hasValueForResponse() ? std::to_string(answer.response()) : "null"));

  // GetFolderList: the server answers a fault EMail.wsdl does not declare.
  S82__GetFolderList list;
  list.setIncludeItemCount(true);
  GetFolderListJob listed(&service);
  listed.setParameters(list);
  run(listed);
  results.push_back(item("GetFolderList", listed, "null"));

  report(json::array(results));
  return 0;
}

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "client" && argc == 3) return client(QString::fromUtf8(argv[2]));
  std::fprintf(stderr, "usage: %s client URL\n", argv[0]);
  return 2;
}
