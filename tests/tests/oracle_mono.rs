//! Mono (.NET's ASMX client stack as an independent implementation: a `SoapHttpClientProtocol`
//! proxy that Mono's `wsdl` makes of the project's `wsdl/services82/EMail.wsdl` at test time,
//! `XmlSerializer`, SOAP headers as `SoapHeader` members) against the generated EMail server,
//! over HTTP on 127.0.0.1, each side a real process, values checked field by field here, from
//! the JSON the C# program (`tests/oracles/mono/AsmxEMailClient.cs`) prints: the server decodes
//! Mono's requests (the headers `ApplicationToken`, `Credentials`, `TimeZone` included) to the
//! values Mono was given, and Mono decodes the answers (an int, an array of nested envelopes
//! with dates, enums and an `xs:list`, response headers, a SOAP fault, NetServer's failure
//! headers) to the values the handler returned.
//!
//! The corpus's contracts (document/literal bare, a declared fault, WCF) are in
//! `tests/corpus/tests/oracle_mono.rs`. `scripts/test.sh` installs Mono (see
//! `end_to_end::mono`); without it these tests are skipped loudly, and fail in CI.

mod email_peer;

use email_peer::{
    check_envelopes, check_refresh_folder_request, check_request_headers, envelopes, Handler,
    ListAs, LOCKED,
};
use end_to_end::email_wsdl;
use end_to_end::mono::{Mono, Program};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mono_asmx_client_calls_our_server() {
    let Some(mono) = Mono::locate("mono_asmx_client_calls_our_server") else {
        return;
    };
    let (handler, server) = Handler::serve().await;
    let url = server.url();
    let program = Program {
        name: "AsmxEMailClient",
        proxy: Some((email_wsdl(), "EMail")),
        sources: &["AsmxEMailClient.cs"],
        // Mono's `wsdl` names this member after the header, which clashes with
        // `WebClientProtocol.Credentials` (see `end_to_end::mono`).
        header_members: &["Credentials"],
    };
    let results =
        tokio::task::spawn_blocking(move || mono.compile(&program).client(&[url.as_str()]))
            .await
            .expect("the ASMX client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 4, "{results:?}");

    // RefreshFolder: Mono's request, headers and nested values, as our server decoded it.
    let received = handler.received.refresh_folder.lock().expect("lock");
    check_refresh_folder_request(&received[0]);
    // Its answer as Mono decoded it: the int, and the response headers into the proxy's
    // members (the in-out TimeZone replaced by the answer's; Mono's `wsdl` makes a header of
    // `xs:boolean` a `SoapHeader` holding its text, so `Succeeded` is that text).
    let refreshed = &results[0];
    assert_eq!(refreshed["op"], json!("RefreshFolder"), "{refreshed}");
    assert_eq!(refreshed["body"], json!(4711), "{refreshed}");
    assert_eq!(
        refreshed["headers"],
        json!({
            "TimeZone": {"SoTimeZoneId": 28, "SoTimeZoneLocationCode": "SE"},
            "ExceptionInfo": null,
            "ExtraInfo": null,
            "Succeeded": "true",
        }),
        "{refreshed}"
    );

    // GetEMailEnvelopes: an array of ints in, an array of nested envelopes out; .NET's
    // DateTime keeps no offset, so the dates are compared as UTC.
    let received = handler.received.get_email_envelopes.lock().expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.connection_info, None);
    assert_eq!(
        received[0].body.message_server_ids,
        Some(vec![1, -2, i32::MAX])
    );
    let utc = ["2024-02-29T18:29:59.1234567Z", "", "2020-01-01T00:00:00Z"];
    check_envelopes(
        &results[1]["body"],
        |i| {
            envelopes()[i]
                .sent
                .as_ref()
                .map_or(Value::Null, |_| json!(utc[i]))
        },
        ListAs::Array,
    );

    // GetFolderList: the handler's fault, which EMail.wsdl does not declare, is Mono's
    // SoapException with the SOAP 1.1 code and string.
    let received = handler.received.get_folder_list.lock().expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.include_item_count, Some(true));
    assert_eq!(
        results[2]["fault"],
        json!({"code": "Client", "string": LOCKED, "detail": null}),
        "{}",
        results[2]
    );

    // GetFolderEMailCount: NetServer's failure headers reach the proxy's members, nested.
    let received = handler
        .received
        .get_folder_email_count
        .lock()
        .expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.only_unread, Some(false));
    let failed = &results[3];
    assert_eq!(failed["body"], json!(0), "{failed}");
    let headers = &failed["headers"];
    assert_eq!(headers["Succeeded"], json!("false"), "{failed}");
    let info = &headers["ExceptionInfo"];
    assert_eq!(
        info["Message"],
        json!("Folder not found: Ünknown"),
        "{failed}"
    );
    assert_eq!(info["ExceptionType"], json!("SoException"), "{failed}");
    assert_eq!(
        info["InnerException"]["Message"],
        json!("inner cause"),
        "{failed}"
    );
}
