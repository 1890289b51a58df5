//! `wsdl/jagged.wsdl` over HTTP: SOAP-encoded arrays whose values are arrays (`xsd:string[][]`,
//! `xsd:int[][][]`) are nested `Vec`s; every level is written as a `soapenc:Array` naming its
//! own item type (`xsd:string[][2]` outside, `xsd:string[3]` inside), and read back the same.

use soap_runtime::{Fault, Message, SoapVersion};
use wsdl_corpus::jagged::{
    Number, NumberResponse, RequestHeaders, ResponseHeaders, SeatingPortClient, SeatingPortServer,
    SeatingPortService, NAMESPACES, NUMBER,
};

/// Numbers every seat of every row: floor 0 holds the rows, floor 1 their seat counts.
struct Seating;

impl SeatingPortService for Seating {
    async fn number(
        &self,
        request: Message<RequestHeaders, Number>,
    ) -> Result<Message<ResponseHeaders, NumberResponse>, Fault> {
        let rows = &request.body.rows;
        let seats = rows
            .iter()
            .enumerate()
            .map(|(row, seats)| {
                (0..seats.len())
                    .map(|seat| (row * 10 + seat) as i32)
                    .collect()
            })
            .collect();
        let counts = vec![rows.iter().map(|seats| seats.len() as i32).collect()];
        Ok(Message {
            headers: ResponseHeaders::default(),
            body: NumberResponse {
                seats: vec![seats, counts],
            },
        })
    }
}

fn rows() -> Vec<Vec<String>> {
    vec![
        vec!["a".into(), "b".into(), "c".into()],
        vec![],
        vec!["d & e".into()],
    ]
}

#[tokio::test]
async fn arrays_of_arrays_round_trip_over_http() {
    let server = SeatingPortServer::new(Seating)
        .bind("127.0.0.1:0")
        .await
        .expect("bind");
    let client = SeatingPortClient::new(server.url());
    let answer = client
        .number_message(Number { rows: rows() })
        .await
        .expect("call");
    assert_eq!(
        answer.body.seats,
        vec![vec![vec![0, 1, 2], vec![], vec![20]], vec![vec![3, 0, 1]]]
    );
}

#[test]
fn each_level_names_its_own_item_type() {
    let xml = soap_runtime::envelope::write_envelope_with_encoding(
        SoapVersion::Soap11,
        NAMESPACES,
        &RequestHeaders::default(),
        NUMBER.request,
        &Number { rows: rows() },
        NUMBER.encoded,
    )
    .expect("encode");
    let xml = String::from_utf8(xml).expect("utf-8");
    // The outer array holds three string arrays; each names its strings and its length.
    assert!(xml.contains(":string[][3]\""), "{xml}");
    assert!(xml.contains(":string[3]\""), "{xml}");
    assert!(xml.contains(":string[0]\""), "{xml}");
    assert!(xml.contains(":string[1]\""), "{xml}");
    assert!(xml.contains("d &amp; e"), "{xml}");
}
