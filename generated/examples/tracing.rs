//! The `tracing` spans of a call and of the request it makes: a fake EMail server on
//! 127.0.0.1, `RefreshFolder` called against it, and `tracing-subscriber` printing each span
//! when it closes, with the operation, SOAP version, HTTP status and duration:
//!
//! ```text
//! INFO soap_request{path="/Remote/Services82/EMail.svc" soap_version="1.1" operation="RefreshFolder"}: tracing: refreshing folders=Some(["INBOX"])
//! INFO soap_request{path="/Remote/Services82/EMail.svc" soap_version="1.1" operation="RefreshFolder" http_status=200 duration_ms=0.315811}: soap_runtime::telemetry: close time.busy=288µs time.idle=33.2µs
//! INFO soap_call{operation="RefreshFolder" soap_version="1.1" endpoint=http://127.0.0.1:37669/Remote/Services82/EMail.svc http_status=200 outcome="ok" duration_ms=1.854407}: soap_runtime::telemetry: close time.busy=838µs time.idle=1.02ms
//! RefreshFolder started batch task 42
//! ```
//!
//! Run it with `cargo run -p services82-email --example tracing`. The ticket, the application
//! token and the password sent appear nowhere in the output.

use services82_email::{
    EMailAgent, EMailConnectionInfo, EMailServer, EMailService, RefreshFolder,
    RefreshFolderResponse, RequestHeaders, ResponseHeaders, SoCredentials,
};
use soap_runtime::{Fault, Message};
use tracing_subscriber::fmt::format::FmtSpan;

/// A fake EMail service: `RefreshFolder` answers batch task 42, every other operation a
/// "not implemented" fault.
struct Fake;

impl EMailService for Fake {
    async fn refresh_folder(
        &self,
        request: Message<RequestHeaders, RefreshFolder>,
    ) -> Result<Message<ResponseHeaders, RefreshFolderResponse>, Fault> {
        // An event inside the request's span; the request prints with its secrets redacted.
        tracing::info!(folders = ?request.body.folders, "refreshing");
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: RefreshFolderResponse { response: Some(42) },
        })
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_span_events(FmtSpan::CLOSE)
        .init();

    let server = EMailServer::new(Fake).bind("127.0.0.1:0").await?;
    let agent = EMailAgent::new(server.url())
        .with_application_token("my-application-token".into())
        .with_credentials(SoCredentials {
            ticket: Some("7T:secret-ticket".into()),
        });
    let connection = EMailConnectionInfo {
        server_name: Some("imap.example.com".into()),
        user_name: Some("anna@example.com".into()),
        password: Some("secret".into()),
        folder: Some("INBOX".into()),
        ..Default::default()
    };
    let batch_task = agent
        .refresh_folder(Some(connection), Some(vec!["INBOX".into()]))
        .await?;
    println!("RefreshFolder started batch task {batch_task}");
    server.shutdown().await;
    Ok(())
}
