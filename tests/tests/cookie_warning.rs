//! A transport that keeps no cookies (the runtime's `cookies` feature off, or
//! `HttpTransportBuilder::without_cookies`) says so, once, when a service sets one: a stateful
//! service (vSphere, an ASMX service with sessions) fails the calls after its login without
//! it, and the warning names the way out. The cookie's value never appears in the log.

mod common;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpListener;
use std::sync::Arc;

use common::capture_logs;
use services82_email::EMailAgent;
use soap_runtime::client::{Client, HttpTransport};

/// What the service answers every call with: a session cookie and a `RefreshFolder` answer.
const ANSWER: &str = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><RefreshFolderResponse xmlns=\"http://www.superoffice.net/ws/crm/NetServer/Services82\"><Response>1</Response></RefreshFolderResponse></s:Body></s:Envelope>";

/// A service on 127.0.0.1 that answers each request (one per connection) with [`ANSWER`] and
/// `Set-Cookie: ASP.NET_SessionId=S3ss10n`; its URL.
fn stateful_service() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!(
        "http://{}/EMail.svc",
        listener.local_addr().expect("an address")
    );
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut length = 0;
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
                line.clear();
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/xml; charset=utf-8\r\nset-cookie: ASP.NET_SessionId=S3ss10n; path=/; HttpOnly\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{ANSWER}",
                ANSWER.len()
            );
            let _ = reader.get_mut().write_all(answer.as_bytes());
        }
    });
    url
}

#[test]
fn a_cookie_not_kept_is_reported_once_without_its_value() {
    let url = stateful_service();
    let transport = HttpTransport::builder()
        .without_cookies()
        .build()
        .expect("a transport");
    let agent = EMailAgent::with_client(Client::with_transport(url, Arc::new(transport)));
    let ((), logs) = capture_logs(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            for _ in 0..3 {
                assert_eq!(agent.refresh_folder(None, None).await.expect("a call"), 1);
            }
        });
    });
    let warnings: Vec<&String> = logs
        .iter()
        .filter(|line| line.contains("does not keep"))
        .collect();
    assert_eq!(warnings.len(), 1, "{logs:#?}");
    assert!(warnings[0].starts_with("WARN"), "{warnings:?}");
    assert!(warnings[0].contains("`cookies` feature"), "{warnings:?}");
    assert!(!logs.concat().contains("S3ss10n"), "{logs:#?}");
}
