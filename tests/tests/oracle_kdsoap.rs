//! KDSoap (1.9, KDAB's Qt-based C++ SOAP stack, widely used to talk to WCF and ASMX services)
//! against the generated EMail server, over HTTP on 127.0.0.1, each side a real process: the
//! client `kdwsdl2cpp` makes of the project's `wsdl/services82/EMail.wsdl` at test time
//! (`WcfEMailService` and its jobs, the SOAP headers set on the service) with the program
//! `tests/oracles/kdsoap/email_client.cpp`, which prints what it decoded as JSON. The server
//! decodes KDSoap's requests (the headers `ApplicationToken`, `Credentials` with its ticket,
//! `TimeZone`, a nested `ConnectionInfo`, an array of strings) to the values KDSoap was given,
//! and KDSoap decodes the answers (an int, the response headers `Succeeded` and the in-out
//! `TimeZone`, a SOAP fault EMail.wsdl does not declare) to the values the handler returned.
//!
//! The corpus's library contract, both ways, is in `tests/corpus/tests/oracle_kdsoap_literal.rs`.
//! `scripts/test.sh` installs KDSoap (see `end_to_end::kdsoap`); without it this test is skipped
//! loudly, and fails in CI.

mod email_peer;

use email_peer::{check_refresh_folder_request, check_request_headers, Handler, LOCKED};
use end_to_end::email_wsdl;
use end_to_end::kdsoap::{Contract, Kdsoap};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kdsoap_client_calls_our_email_server() {
    let Some(kdsoap) = Kdsoap::locate("kdsoap_client_calls_our_email_server") else {
        return;
    };
    let (handler, server) = Handler::serve().await;
    let url = server.url();
    let contract = Contract {
        program: "email_client",
        wsdl: email_wsdl(),
    };
    let results =
        tokio::task::spawn_blocking(move || kdsoap.compile(&contract).client(&[url.as_str()]))
            .await
            .expect("the KDSoap client");
    let results = results.as_array().expect("one result per call");
    assert_eq!(results.len(), 2, "{results:?}");

    // RefreshFolder: KDSoap's request, headers (the Credentials' ticket among them) and nested
    // values, as our server decoded it; its answer as KDSoap decoded it: the int and the
    // response headers (the in-out TimeZone replaced by the answer's).
    let received = handler.received.refresh_folder.lock().expect("lock");
    check_refresh_folder_request(&received[0]);
    assert_eq!(
        results[0],
        json!({"op": "RefreshFolder", "body": 4711, "headers": {
            "Succeeded": true,
            "TimeZone": {"SoTimeZoneId": 28, "SoTimeZoneLocationCode": "SE"},
        }})
    );

    // GetFolderList: the handler's fault, which EMail.wsdl does not declare, as KDSoap read
    // it: the SOAP 1.1 code as written, the string, no detail.
    let received = handler.received.get_folder_list.lock().expect("lock");
    check_request_headers(&received[0].headers);
    assert_eq!(received[0].body.include_item_count, Some(true));
    assert_eq!(
        results[1],
        json!({"op": "GetFolderList",
               "fault": {"code": "s:Client", "string": LOCKED, "detail": null}})
    );
}
