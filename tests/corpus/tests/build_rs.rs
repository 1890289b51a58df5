//! The build-script path (`Builder::compile` in `build.rs`) produces exactly the checked-in
//! EMail bindings, and what it produces works: RefreshFolder against a fake EMail server.

use soap_runtime::{Fault, Message};
use wsdl_corpus::email::*;

#[test]
fn build_rs_output_is_the_checked_in_bindings() {
    let from_build_rs = include_str!(concat!(env!("OUT_DIR"), "/email.rs"));
    let checked_in = include_str!("../../../generated/src/email.rs");
    assert!(
        from_build_rs == checked_in,
        "OUT_DIR/email.rs differs from generated/src/email.rs; run `cargo run -p wsdl-codegen`"
    );
}

struct FakeEmail;

impl EMailService for FakeEmail {
    async fn refresh_folder(
        &self,
        request: Message<RequestHeaders, RefreshFolder>,
    ) -> Result<Message<ResponseHeaders, RefreshFolderResponse>, Fault> {
        let folders = request.body.folders.unwrap_or_default().len() as i32;
        let ticket = request
            .headers
            .credentials
            .and_then(|c| c.ticket)
            .unwrap_or_default();
        assert_eq!(ticket, "7T:abc");
        Ok(Message {
            headers: ResponseHeaders {
                succeeded: Some(true),
                ..Default::default()
            },
            body: RefreshFolderResponse {
                response: Some(100 + folders),
            },
        })
    }
}

#[tokio::test]
async fn refresh_folder_against_a_fake_server() {
    let server = EMailServer::new(FakeEmail)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    assert!(server.url().ends_with("/Remote/Services82/EMail.svc"));
    let agent = EMailAgent::new(server.url()).with_credentials(SoCredentials {
        ticket: Some("7T:abc".into()),
    });
    let connection = EMailConnectionInfo {
        server_name: Some("imap.example.com".into()),
        folder: Some("INBOX".into()),
        ..Default::default()
    };
    let batch = agent
        .refresh_folder(Some(connection), Some(vec!["INBOX".into(), "Sent".into()]))
        .await
        .unwrap();
    assert_eq!(batch, 102);
    server.shutdown().await;
}
