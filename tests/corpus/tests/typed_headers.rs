//! `wsdl/typed_headers.wsdl` over HTTP: header parts by `type=` travel as elements named after
//! the parts, in the `soap:header`'s namespace when it gives one, else in none, both ways; a
//! fault part by `type=` is a detail element named after the part, in the `soap:fault`'s
//! namespace, and reaches the caller typed.

use soap_runtime::{Error as RuntimeError, Fault, Message, SoapVersion};
use wsdl_corpus::typed_headers::{
    LedgerClient, LedgerFault, LedgerServer, LedgerService, Overdraft, Post, PostResponse,
    RequestHeaders, ResponseHeaders, Stamp, NAMESPACES, POST,
};

struct Ledger;

impl LedgerService for Ledger {
    async fn post(
        &self,
        request: Message<RequestHeaders, Post>,
    ) -> Result<Message<ResponseHeaders, PostResponse>, Fault> {
        let session = request.headers.session.unwrap_or_default();
        if request.body.amount < 0 {
            return Err(LedgerFault::Overdrawn(Overdraft {
                limit: 0,
                note: Some(format!("{session} may not withdraw")),
            })
            .to_fault("overdrawn"));
        }
        Ok(Message {
            headers: ResponseHeaders {
                stamp: Some(Stamp {
                    serial: request.body.amount + 1,
                    clerk: Some(format!("clerk of {session}")),
                }),
            },
            body: PostResponse {
                balance: request.body.amount * 2,
            },
        })
    }
}

#[tokio::test]
async fn typed_header_parts_round_trip_over_http() {
    let server = LedgerServer::new(Ledger)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = LedgerClient::new(server.url()).with_session("s-9".into());
    let answer = client
        .post_message(Post { amount: 20 })
        .await
        .expect("call");
    assert_eq!(answer.body.balance, 40);
    assert_eq!(
        answer.headers.stamp,
        Some(Stamp {
            serial: 21,
            clerk: Some("clerk of s-9".into()),
        })
    );
    assert_eq!(client.post(5).await.expect("short call"), 10);
}

#[test]
fn typed_header_parts_are_elements_named_after_the_parts() {
    let request = soap_runtime::envelope::write_envelope(
        SoapVersion::Soap11,
        NAMESPACES,
        &RequestHeaders {
            session: Some("s-1".into()),
        },
        POST.request,
        &Post { amount: 3 },
    )
    .expect("encode");
    let request = String::from_utf8(request).expect("utf-8");
    // Qualified by the soap:header's namespace.
    let session = request
        .find(">s-1</")
        .map(|end| &request[..end])
        .and_then(|before| before.rfind('<').map(|start| &before[start..]))
        .expect("the session header");
    assert!(session.contains(":session"), "{request}");
    assert!(request.contains("urn:example:ledger:headers"), "{request}");
    let response = soap_runtime::envelope::write_envelope(
        SoapVersion::Soap11,
        NAMESPACES,
        &ResponseHeaders {
            stamp: Some(Stamp {
                serial: 4,
                clerk: None,
            }),
        },
        POST.response,
        &PostResponse { balance: 6 },
    )
    .expect("encode");
    let response = String::from_utf8(response).expect("utf-8");
    // No namespace given: an unqualified element.
    assert!(
        response.contains("<stamp><serial>4</serial></stamp>"),
        "{response}"
    );
}

#[tokio::test]
async fn a_fault_part_by_type_reaches_the_caller_typed() {
    let server = LedgerServer::new(Ledger)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = LedgerClient::new(server.url()).with_session("s-3".into());
    match client.post(-5).await {
        Err(RuntimeError::DeclaredFault { fault, detail }) => {
            assert_eq!(fault.reason, "overdrawn");
            assert_eq!(
                *detail,
                LedgerFault::Overdrawn(Overdraft {
                    limit: 0,
                    note: Some("s-3 may not withdraw".into()),
                })
            );
        }
        other => panic!("expected the declared fault, got {other:?}"),
    }
}

#[test]
fn a_fault_part_by_type_is_an_element_named_after_the_part() {
    let fault = LedgerFault::Overdrawn(Overdraft {
        limit: 7,
        note: None,
    })
    .to_fault("overdrawn");
    let written =
        String::from_utf8(soap_runtime::envelope::write_fault(&fault, NAMESPACES)).expect("utf-8");
    // In the soap:fault's namespace, with the part's type as content.
    let start = written.find(":overdraft").expect("the detail element");
    let element = &written[start..];
    assert!(element.contains("<limit>7</limit>"), "{written}");
    assert!(written.contains("urn:example:ledger:faults"), "{written}");
}
