//! `wsdl/ledger.wsdl` (rpc/encoded) as SOAP::Lite writes it, canned, read by the generated
//! client: its answers as its server writes them when left to its own typing, which SOAP 1.1
//! section 5 allows: the wrapper's namespace the default one, so that the parts and the
//! structs' members are qualified by it; a struct's members in the order of a Perl hash, not
//! the schema's (section 5.4.1: accessor names alone tell a struct's members apart); structs
//! without `xsi:type`; an array of `xsd:anyType` whose items carry their own `xsi:type`.

use std::sync::Arc;

use soap_runtime::client::CannedTransport;
use soap_runtime::Client;
use wsdl_corpus::ledger;

/// `post`'s answer in SOAP::Lite's own way (see the module's header).
const SOAP_LITE_ANSWER: &str = r##"<?xml version="1.0" encoding="UTF-8"?><soap:Envelope soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body><postResponse xmlns="urn:example:ledger:ops"><entry><witnesses soapenc:arrayType="xsd:anyType[1]" xsi:type="soapenc:Array"><item><age xsi:type="xsd:int">31</age><name xsi:type="xsd:string">Ann</name></item></witnesses><when xsi:type="xsd:dateTime">2026-12-07T19:30:05Z</when><tags soapenc:arrayType="xsd:anyType[2]" xsi:type="soapenc:Array"><item xsi:type="xsd:string">b &amp; c</item><item xsi:type="xsd:int">7</item></tags><paid xsi:type="xsd:boolean">false</paid><owner><age xsi:type="xsd:int">41</age><name xsi:type="xsd:string">Zo&#235;</name></owner><amount xsi:type="xsd:double">7.5</amount><label xsi:type="xsd:string">seen</label></entry><summary xsi:type="xsd:string">done &lt;&amp;&gt;</summary></postResponse></soap:Body></soap:Envelope>"##;

#[tokio::test]
async fn soap_lite_answers_in_hash_order_and_default_namespace_decode() {
    let transport = CannedTransport::ok("text/xml; charset=utf-8", SOAP_LITE_ANSWER);
    let client = ledger::LedgerClient::with_client(Client::with_transport(
        "http://ledger.invalid/ledger",
        Arc::new(transport),
    ));
    let answer = client
        .post(ledger::Entry::default(), 1)
        .await
        .expect("SOAP::Lite's answer decodes");
    assert_eq!(answer.summary, "done <&>");
    assert_eq!(
        answer.entry,
        ledger::Entry {
            label: "seen".into(),
            amount: 7.5,
            paid: false,
            when: "2026-12-07T19:30:05Z".parse().expect("a dateTime"),
            owner: ledger::Person {
                name: "Zoë".into(),
                age: 41,
            },
            tags: vec!["b & c".into(), "7".into()],
            witnesses: vec![ledger::Person {
                name: "Ann".into(),
                age: 31,
            }],
        }
    );
}
