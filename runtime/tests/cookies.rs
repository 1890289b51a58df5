//! Cookies kept between calls by `HttpTransport` (feature `cookies`, on by default), over real
//! HTTP on 127.0.0.1: a stateful service whose `Login` answers with a session cookie and whose
//! other operations refuse a call without it (vSphere's `vmware_soap_session`, ASMX's
//! `ASP.NET_SessionId`, Java's `JSESSIONID` work so), clones and shared jars, a session made
//! elsewhere, turning cookies off, and cookies kept out of `Debug` output.

mod support;

use std::sync::Arc;

use soap_runtime::client::{Client, CookieJar, HttpTransport};
use soap_runtime::Error;
use soap_runtime::Skipped as NoHeaders;
use support::{http_server_with_headers, pong, Seen, NS, PING};

/// The session the test service hands out.
const SESSION: &str = "52a1-S3ss10n";

/// A SOAP 1.1 fault envelope saying `reason`.
fn fault(reason: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>{reason}</faultstring></s:Fault></s:Body></s:Envelope>"
    )
}

/// The stateful service: a request to `/login` opens a session (a `Set-Cookie` with `Path=/`),
/// any other request without the session's cookie gets a fault, as vSphere's do.
fn stateful(seen: &Seen) -> (u16, Vec<(String, String)>, String) {
    if seen.request_line.contains(" /login ") {
        let cookie = format!("vmware_soap_session=\"{SESSION}\"; Path=/; HttpOnly");
        return (200, vec![("Set-Cookie".into(), cookie)], pong(""));
    }
    let cookie = seen.header("cookie").unwrap_or_default();
    if cookie.contains(&format!("vmware_soap_session=\"{SESSION}\"")) {
        (200, Vec::new(), pong(""))
    } else {
        (500, Vec::new(), fault("The session is not authenticated."))
    }
}

/// Calls `Ping` at `url` through `transport`.
async fn ping(transport: &HttpTransport, url: String) -> Result<(), Error> {
    let client = Client::with_transport(url, Arc::new(transport.clone()));
    client
        .call::<NoHeaders, (), NoHeaders, ()>(NS, &PING, &NoHeaders, &())
        .await
        .map(|_| ())
}

/// True for the service's fault for a call without the session.
fn not_authenticated(result: Result<(), Error>) -> bool {
    matches!(result, Err(Error::Fault(fault)) if fault.reason.contains("not authenticated"))
}

#[tokio::test]
async fn the_session_a_login_opens_goes_with_every_later_call() {
    let server = http_server_with_headers(Arc::new(stateful)).await;
    let base = format!("http://{}", server.addr);
    let transport = HttpTransport::new();
    assert!(not_authenticated(
        ping(&transport, format!("{base}/sdk")).await
    ));
    ping(&transport, format!("{base}/login")).await.unwrap();
    ping(&transport, format!("{base}/sdk")).await.unwrap();
    // A clone (each generated client holds one) shares the session.
    ping(&transport.clone(), format!("{base}/sdk"))
        .await
        .unwrap();
    let seen = server.take();
    assert_eq!(seen.len(), 4);
    assert_eq!(seen[0].header("cookie"), None);
    assert_eq!(seen[1].header("cookie"), None);
    for later in &seen[2..] {
        assert_eq!(
            later.header("cookie"),
            Some(format!("vmware_soap_session=\"{SESSION}\"").as_str())
        );
    }
    // The session can be read, to hand on; `Debug` never shows it.
    let jar = transport.cookie_jar().expect("kept by default");
    assert_eq!(
        jar.header_for(&format!("{base}/sdk")).unwrap(),
        Some(format!("vmware_soap_session=\"{SESSION}\""))
    );
    for shown in [format!("{transport:?}"), format!("{jar:?}")] {
        assert!(!shown.contains(SESSION), "{shown}");
    }
}

#[tokio::test]
async fn a_jar_is_shared_between_transports_or_filled_with_a_session_made_elsewhere() {
    let server = http_server_with_headers(Arc::new(stateful)).await;
    let base = format!("http://{}", server.addr);

    let shared = CookieJar::new();
    let login = HttpTransport::builder()
        .cookie_jar(shared.clone())
        .build()
        .unwrap();
    let other = HttpTransport::builder()
        .cookie_jar(shared.clone())
        .build()
        .unwrap();
    ping(&login, format!("{base}/login")).await.unwrap();
    ping(&other, format!("{base}/sdk")).await.unwrap();

    // A session cookie from another program (a vSphere session ticket, say).
    let handed = CookieJar::new();
    handed
        .add(
            &format!("vmware_soap_session=\"{SESSION}\"; Path=/"),
            &format!("{base}/"),
        )
        .unwrap();
    let resumed = HttpTransport::builder().cookie_jar(handed).build().unwrap();
    ping(&resumed, format!("{base}/sdk")).await.unwrap();
}

#[tokio::test]
async fn without_cookies_nothing_is_kept_or_sent() {
    let server = http_server_with_headers(Arc::new(stateful)).await;
    let base = format!("http://{}", server.addr);
    let transport = HttpTransport::builder().without_cookies().build().unwrap();
    assert!(transport.cookie_jar().is_none());
    ping(&transport, format!("{base}/login")).await.unwrap();
    assert!(not_authenticated(
        ping(&transport, format!("{base}/sdk")).await
    ));
    // Nor through a caller's own reqwest client built without a cookie store.
    let own = HttpTransport::from_client(reqwest::Client::new());
    assert!(own.cookie_jar().is_none());
    ping(&own, format!("{base}/login")).await.unwrap();
    assert!(not_authenticated(ping(&own, format!("{base}/sdk")).await));
}
