//! Calls `RefreshFolder` with the generated EMail client against a fake EMail server (the
//! generated server with one operation implemented), over HTTP on 127.0.0.1.
//!
//! `cargo run -p soap-examples --example refresh_folder`

use services82_email::*;
use soap_runtime::{Fault, Message};

/// A fake EMail agent: `RefreshFolder` answers with a batch task id; every other operation
/// answers a "not implemented" SOAP fault.
struct FakeEMail;

impl EMailService for FakeEMail {
    async fn refresh_folder(
        &self,
        request: Message<RequestHeaders, RefreshFolder>,
    ) -> Result<Message<ResponseHeaders, RefreshFolderResponse>, Fault> {
        let folders = request.body.folders.unwrap_or_default();
        println!("server: refreshing {folders:?}");
        Ok(Message {
            headers: ResponseHeaders {
                succeeded: Some(true),
                ..Default::default()
            },
            body: RefreshFolderResponse {
                response: Some(1000 + folders.len() as i32),
            },
        })
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = EMailServer::new(FakeEMail).bind("127.0.0.1:0").await?;
    println!("fake EMail agent at {}", server.url());

    let agent = EMailAgent::new(server.url())
        .with_application_token("my-application-token".into())
        .with_credentials(SoCredentials {
            ticket: Some("7T:example".into()),
        });
    let connection = EMailConnectionInfo {
        server_name: Some("imap.example.com".into()),
        user_name: Some("anna@example.com".into()),
        password: Some("secret".into()),
        folder: Some("INBOX".into()),
        use_ssl: Some(true),
        ..Default::default()
    };
    let batch_task_id = agent
        .refresh_folder(Some(connection), Some(vec!["INBOX".into(), "Sent".into()]))
        .await?;
    println!("client: batch task {batch_task_id}");
    assert_eq!(batch_task_id, 1002);

    // An operation the fake does not implement: a SOAP fault, as a typed error.
    match agent.get_folder_list(None, None).await {
        Err(soap_runtime::Error::Fault(fault)) => println!("client: fault `{}`", fault.reason),
        other => println!("client: unexpected {other:?}"),
    }
    server.shutdown().await;
    Ok(())
}
