//! 1,000 concurrent calls of different operations from clones of one client against the fake
//! EMail server over HTTP: no errors, every caller gets its own answer, connections are reused.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use services82_email::*;
use soap_runtime::{Fault, Message};
use tokio::net::{TcpListener, TcpStream};

/// Answers each operation from its request alone, so a crossed answer shows.
struct Derive;

#[allow(clippy::result_large_err)] // the `Result` the service trait returns
fn ok<B>(body: B) -> Result<Message<ResponseHeaders, B>, Fault> {
    Ok(Message {
        headers: ResponseHeaders {
            succeeded: Some(true),
            ..Default::default()
        },
        body,
    })
}

/// The number in a `prefix-N` name.
fn number(text: Option<&str>) -> Result<i32, Fault> {
    text.and_then(|t| t.rsplit('-').next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| Fault::sender(soap_runtime::SoapVersion::Soap11, "no number"))
}

/// A short pause now and then, so that answers finish out of order.
async fn jitter(n: i32) {
    if n % 7 == 0 {
        tokio::time::sleep(Duration::from_millis(u64::from(n.unsigned_abs() % 5))).await;
    }
}

impl EMailService for Derive {
    async fn refresh_folder(
        &self,
        request: Message<RequestHeaders, RefreshFolder>,
    ) -> Result<Message<ResponseHeaders, RefreshFolderResponse>, Fault> {
        let folders = request.body.folders.unwrap_or_default();
        let n = number(folders.first().map(String::as_str))?;
        jitter(n).await;
        ok(RefreshFolderResponse {
            response: Some(n * 3),
        })
    }

    async fn get_folder_email_count(
        &self,
        request: Message<RequestHeaders, GetFolderEMailCount>,
    ) -> Result<Message<ResponseHeaders, GetFolderEMailCountResponse>, Fault> {
        let info = request.body.connection_info.unwrap_or_default();
        let n = number(info.folder.as_deref())?;
        jitter(n).await;
        // The caller's ticket comes back too: headers must not cross either.
        let ticket = request
            .headers
            .credentials
            .and_then(|c| c.ticket)
            .unwrap_or_default();
        if number(Some(&ticket))? != n {
            return Err(Fault::sender(
                soap_runtime::SoapVersion::Soap11,
                "the ticket is another caller's",
            ));
        }
        ok(GetFolderEMailCountResponse {
            response: Some(n + 1),
        })
    }

    async fn get_email_as_stream(
        &self,
        request: Message<RequestHeaders, GetEMailAsStream>,
    ) -> Result<Message<ResponseHeaders, GetEMailAsStreamResponse>, Fault> {
        let n = request.body.message_server_id.unwrap_or(-1);
        jitter(n).await;
        ok(GetEMailAsStreamResponse {
            response: Some(
                n.to_le_bytes()
                    .repeat(usize::try_from(n % 50).unwrap_or(0) + 1),
            ),
        })
    }

    async fn get_emails_as_string(
        &self,
        request: Message<RequestHeaders, GetEmailsAsString>,
    ) -> Result<Message<ResponseHeaders, GetEmailsAsStringResponse>, Fault> {
        let ids = request.body.message_ids.unwrap_or_default();
        jitter(number(ids.first().map(String::as_str))?).await;
        ok(GetEmailsAsStringResponse {
            response: Some(ids.iter().map(|id| format!("mime of {id}")).collect()),
        })
    }

    async fn find_address(
        &self,
        request: Message<RequestHeaders, FindAddress>,
    ) -> Result<Message<ResponseHeaders, FindAddressResponse>, Fault> {
        let address = request.body.address;
        let n = number(address.as_deref())?;
        jitter(n).await;
        ok(FindAddressResponse {
            response: Some(vec![EMailAddress {
                address,
                person_id: Some(n),
                ..Default::default()
            }]),
        })
    }

    async fn get_folder_has_new_email(
        &self,
        request: Message<RequestHeaders, GetFolderHasNewEMail>,
    ) -> Result<Message<ResponseHeaders, GetFolderHasNewEMailResponse>, Fault> {
        let info = request.body.connection_info.unwrap_or_default();
        let n = number(info.folder.as_deref())?;
        jitter(n).await;
        ok(GetFolderHasNewEMailResponse {
            response: Some(n % 2 == 0),
        })
    }
}

/// The connection count once it stops changing: the pool may have started connections that
/// the first wave did not need, and the proxy accepts them a little later.
async fn settled(count: &AtomicUsize) -> usize {
    let mut last = count.load(Ordering::SeqCst);
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = count.load(Ordering::SeqCst);
        if now == last {
            break;
        }
        last = now;
    }
    last
}

/// A TCP proxy in front of `target` that counts the connections clients open.
async fn counting_proxy(target: SocketAddr) -> (SocketAddr, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                if let Ok(mut outbound) = TcpStream::connect(target).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    (addr, count)
}

fn folder(n: i32) -> Option<EMailConnectionInfo> {
    Some(EMailConnectionInfo {
        folder: Some(format!("folder-{n}")),
        ..Default::default()
    })
}

/// Call `n` (its operation is `n % 6`) and check that the answer is the one for `n`.
async fn call(agent: &EMailAgent, n: i32) -> Result<(), String> {
    let fail = |e: services82_email::Error| format!("call {n}: {e}");
    match n % 6 {
        0 => {
            let got = agent
                .refresh_folder(None, Some(vec![format!("f-{n}")]))
                .await
                .map_err(fail)?;
            check(n, got, n * 3)
        }
        1 => {
            // Each caller sends its own ticket, on its own clone of the agent.
            let mut own = agent.clone();
            own.headers_mut().credentials = Some(SoCredentials {
                ticket: Some(format!("ticket-{n}")),
            });
            let got = own
                .get_folder_email_count(folder(n), None)
                .await
                .map_err(fail)?;
            check(n, got, n + 1)
        }
        2 => {
            let got = agent
                .get_email_as_stream(None, Some(n), None)
                .await
                .map_err(fail)?;
            let times = usize::try_from(n % 50).unwrap_or(0) + 1;
            check(n, got, Some(n.to_le_bytes().repeat(times)))
        }
        3 => {
            let got = agent
                .get_emails_as_string(None, Some(vec![format!("id-{n}")]))
                .await
                .map_err(fail)?;
            check(n, got, Some(vec![format!("mime of id-{n}")]))
        }
        4 => {
            let address = format!("person-{n}");
            let got = agent
                .find_address(Some(address.clone()))
                .await
                .map_err(fail)?
                .unwrap_or_default();
            let first = got.first().cloned().unwrap_or_default();
            check(
                n,
                (first.address, first.person_id),
                (Some(address), Some(n)),
            )
        }
        _ => {
            let got = agent
                .get_folder_has_new_email(folder(n))
                .await
                .map_err(fail)?;
            check(n, got, n % 2 == 0)
        }
    }
}

fn check<T: PartialEq + std::fmt::Debug>(n: i32, got: T, expected: T) -> Result<(), String> {
    if got == expected {
        Ok(())
    } else {
        Err(format!("call {n} got {got:?}, expected {expected:?}"))
    }
}

/// Runs calls `from..to` all at once on clones of `agent`; returns every failure.
async fn wave(agent: &EMailAgent, from: i32, to: i32) -> Vec<String> {
    let tasks: Vec<_> = (from..to)
        .map(|n| {
            let agent = agent.clone();
            tokio::spawn(async move { call(&agent, n).await })
        })
        .collect();
    let mut failures = Vec::new();
    for task in tasks {
        match task.await {
            Ok(Ok(())) => {}
            Ok(Err(failure)) => failures.push(failure),
            Err(panic) => failures.push(format!("a caller panicked: {panic}")),
        }
    }
    failures
}

fn assert_clone_send_sync<T: Clone + Send + Sync + 'static>() {}

#[test]
fn clients_are_clone_send_and_sync() {
    assert_clone_send_sync::<EMailAgent>();
    assert_clone_send_sync::<soap_runtime::Client>();
    assert_clone_send_sync::<soap_runtime::HttpTransport>();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_get_their_own_answers() {
    let server = EMailServer::new(Derive)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let (proxy, connections) = counting_proxy(server.local_addr()).await;
    let agent = EMailAgent::new(format!(
        "http://{proxy}{}",
        EMailServer::<Derive>::DEFAULT_PATH
    ))
    .with_credentials(SoCredentials {
        ticket: Some("shared".into()),
    });

    let failures = tokio::time::timeout(Duration::from_secs(120), wave(&agent, 0, 1000))
        .await
        .expect("1,000 calls within two minutes");
    assert!(
        failures.is_empty(),
        "{} of 1,000 calls failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let first = settled(&connections).await;
    assert!(
        (1..=1000).contains(&first),
        "{first} connections for 1,000 calls"
    );

    // Sequential calls reuse one pooled connection rather than opening new ones.
    for n in 1000..1100 {
        call(&agent, n).await.expect("a sequential call");
    }
    let after_sequential = connections.load(Ordering::SeqCst);
    assert!(
        after_sequential - first <= 1,
        "100 sequential calls opened {} connections",
        after_sequential - first
    );

    // A second wave of 1,000 on the same pool. How many connections it opens depends on how
    // many of its calls overlap, which the scheduler decides: reuse is proven by the sequential
    // calls above; here every call must still get its own answer.
    let failures = tokio::time::timeout(Duration::from_secs(120), wave(&agent, 2000, 3000))
        .await
        .expect("1,000 calls within two minutes");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let after_second = connections.load(Ordering::SeqCst);
    eprintln!(
        "connections opened: {first} for the first 1,000 concurrent calls, {} for 100 sequential ones, {} for the second 1,000",
        after_sequential - first,
        after_second - after_sequential
    );
    server.shutdown().await;
}
