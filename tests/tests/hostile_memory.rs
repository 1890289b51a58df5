//! Memory stays bounded by the limits: a counting allocator measures the peak of what hostile
//! answers make the client allocate, streamed over HTTP or decoded.
//!
//! One test function runs every case in turn, so that nothing else allocates meanwhile.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use services82_email::*;
use soap_runtime::client::{CannedTransport, Client};
use soap_runtime::error::DecodeErrorKind;
use soap_runtime::{Error, Limits, TransportError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let grow = new_size - layout.size();
                let now = IN_USE.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result with the peak of extra bytes allocated meanwhile.
async fn peak_during<T>(f: impl std::future::Future<Output = T>) -> (T, usize) {
    let base = IN_USE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f.await;
    (out, PEAK.load(Ordering::Relaxed).saturating_sub(base))
}

const MIB: usize = 1024 * 1024;

fn canned(document: String, limits: Limits) -> EMailAgent {
    EMailAgent::with_client(
        Client::with_transport(
            "http://unused.invalid/",
            Arc::new(CannedTransport::ok("text/xml", document.into_bytes())),
        )
        .with_limits(limits),
    )
}

fn response(operation: &str, inner: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><{operation}Response xmlns="http://www.superoffice.net/ws/crm/NetServer/Services82">{inner}</{operation}Response></s:Body></s:Envelope>"#
    )
}

fn limit_of(result: Result<impl std::fmt::Debug, services82_email::Error>) -> &'static str {
    match result {
        Err(Error::Decode(e)) => match e.kind {
            DecodeErrorKind::LimitExceeded { limit, .. } => limit,
            other => panic!("expected a limit, got {other:?}"),
        },
        Err(Error::Transport(TransportError::TooLarge { .. })) => "max_message_size",
        other => panic!("expected a limit, got {other:?}"),
    }
}

#[tokio::test]
async fn memory_stays_bounded_by_the_limits() {
    // 1. Items: 200,000 empty e-mails (14 bytes each on the wire, 712 decoded) against
    //    max_items 10,000: the decoder stops at the limit.
    let limits = Limits {
        max_items: 10_000,
        ..Limits::default()
    };
    let items = response(
        "SendEMails",
        &format!("<Response>{}</Response>", "<EMailEntity/>".repeat(200_000)),
    );
    let agent = canned(items, limits);
    let (result, peak) = peak_during(agent.send_emails(None, None, None)).await;
    assert_eq!(limit_of(result), "max_items");
    let bound = 2 * 10_000 * std::mem::size_of::<EMailEntity>() + MIB;
    assert!(peak <= bound, "items: peak {peak} > {bound}");
    eprintln!("200,000 items against max_items 10,000: peak {peak} bytes (bound {bound})");

    // 2. Nesting 1,000,000 deep: refused at max_depth with almost nothing allocated.
    let deep = response(
        "GetFolderEMailCount",
        &format!("{}{}", "<a>".repeat(1_000_000), "</a>".repeat(1_000_000)),
    );
    let agent = canned(deep, Limits::default());
    let (result, peak) = peak_during(agent.get_folder_email_count(None, None)).await;
    assert_eq!(limit_of(result), "max_depth");
    assert!(peak <= MIB, "depth: peak {peak}");
    eprintln!("nesting 1,000,000 deep: peak {peak} bytes");

    // 3. A 40 MiB attachment against max_bytes_len 1 MiB: refused from its text, not decoded.
    let limits = Limits {
        max_bytes_len: MIB,
        ..Limits::default()
    };
    let big = response(
        "GetEMailAsStream",
        &format!("<Response>{}</Response>", "QUJD".repeat(40 * MIB / 3)),
    );
    let agent = canned(big, limits);
    let (result, peak) = peak_during(agent.get_email_as_stream(None, None, None)).await;
    assert_eq!(limit_of(result), "max_bytes_len");
    assert!(peak <= MIB, "bytes: peak {peak}");
    eprintln!("40 MiB of base64 against max_bytes_len 1 MiB: peak {peak} bytes");

    // 4. A string of 20 MiB of `&amp;` (unescaping copies) against max_string_len 1 MiB.
    let limits = Limits {
        max_string_len: MIB,
        ..Limits::default()
    };
    let escaped = response(
        "CreateEMailFromMimeMessage",
        &format!(
            "<Response><HTMLBody>{}</HTMLBody></Response>",
            "&amp;".repeat(4 * MIB)
        ),
    );
    let agent = canned(escaped, limits);
    let (result, peak) =
        peak_during(agent.create_email_from_mime_message(Some(String::new()))).await;
    assert_eq!(limit_of(result), "max_string_len");
    assert!(peak <= 3 * MIB, "string: peak {peak}");
    eprintln!("20 MiB of `&amp;` against max_string_len 1 MiB: peak {peak} bytes");

    // 5. An endless body over HTTP, without Content-Length, against max_message_size 1 MiB:
    //    the transport stops receiving at the limit.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("accept");
        let mut request = vec![0u8; 64 * 1024];
        let _ = stream.read(&mut request).await;
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n")
            .await;
        let chunk = vec![b' '; 64 * 1024];
        // 256 MiB at most: the test ends long before.
        for _ in 0..4096 {
            if stream.write_all(&chunk).await.is_err() {
                break;
            }
        }
    });
    let limits = Limits {
        max_message_size: MIB,
        ..Limits::default()
    };
    let agent = EMailAgent::with_client(
        Client::new(format!("http://{addr}/Remote/Services82/EMail.svc")).with_limits(limits),
    );
    let (result, peak) = peak_during(agent.get_folder_email_count(None, None)).await;
    assert_eq!(limit_of(result), "max_message_size");
    // The HTTP client's own buffers and TLS set-up come on top of the body.
    let bound = 2 * MIB + 4 * MIB;
    assert!(peak <= bound, "streamed: peak {peak} > {bound}");
    eprintln!("an endless body against max_message_size 1 MiB: peak {peak} bytes");
    server.abort();
}
