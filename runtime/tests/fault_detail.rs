//! A fault's detail stands alone: namespaces declared outside it (on the envelope, as Axis and
//! JAX-WS do) are carried into the captured XML, so that `Fault::read_detail` can read it.

use soap_runtime::envelope::{read_envelope, ReadError};
use soap_runtime::{Fault, Limits, Skipped};
fn fault_of(envelope: &str) -> Fault {
    match read_envelope::<Skipped, ()>(envelope.as_bytes(), Limits::default(), "Answer") {
        Err(ReadError::Fault(fault)) => *fault,
        Err(ReadError::Decode(e)) => panic!("not read: {e}"),
        Ok(_) => panic!("no fault read"),
    }
}

/// The detail's first element: its namespace, local name and the text of its first child.
fn read_first(fault: &Fault) -> Option<(String, String, String)> {
    fault
        .read_detail(Limits::default(), |r, element| {
            let namespace = r.namespace_of(element).unwrap_or_default().to_string();
            let local = element.local_name().to_string();
            let mut text = String::new();
            while let Some(child) = r.next_child()? {
                if text.is_empty() {
                    text = r.read_text(&child)?.into_owned();
                } else {
                    r.skip()?;
                }
            }
            Ok(Some((namespace, local, text)))
        })
        .expect("the detail reads")
}

#[test]
fn a_detail_using_the_envelopes_prefix_reads() {
    let fault = fault_of(concat!(
        r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" "#,
        r#"xmlns:ns1="urn:shop" xmlns:xsd="http://www.w3.org/2001/XMLSchema">"#,
        r#"<soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode>"#,
        r#"<faultstring>no stock</faultstring><detail xmlns:q="urn:q&amp;a">"#,
        r#"<ns1:OutOfStock><ns1:Item>pen</ns1:Item></ns1:OutOfStock>"#,
        r#"<q:Note xmlns:ns1="urn:other">see <ns1:Ref/></q:Note>"#,
        r#"</detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>"#
    ));
    assert_eq!(fault.reason, "no stock");
    let detail = fault.detail.as_deref().expect("a detail");
    // Each top-level element declares what it inherits, once, and nothing it declares itself.
    assert!(
        detail.starts_with(r#"<ns1:OutOfStock xmlns:soapenv="#),
        "{detail}"
    );
    assert!(detail.contains(r#"xmlns:q="urn:q&amp;a""#), "{detail}");
    assert_eq!(
        detail.matches(r#"xmlns:ns1="urn:shop""#).count(),
        1,
        "{detail}"
    );
    assert!(detail.contains(r#"<q:Note xmlns:soapenv="#), "{detail}");
    assert!(
        detail.contains(r#"xmlns:ns1="urn:other">see <ns1:Ref/></q:Note>"#),
        "{detail}"
    );
    assert_eq!(
        read_first(&fault),
        Some(("urn:shop".into(), "OutOfStock".into(), "pen".into()))
    );
}

#[test]
fn a_detail_declaring_its_own_namespace_gains_only_the_inherited_ones() {
    let inner = r#"<Problem xmlns="urn:shop"><Code>7</Code></Problem>"#;
    let fault = fault_of(&format!(
        concat!(
            r#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault>"#,
            r#"<s:Code><s:Value>s:Receiver</s:Value></s:Code>"#,
            r#"<s:Reason><s:Text xml:lang="en">broken</s:Text></s:Reason>"#,
            r#"<s:Detail>{}</s:Detail></s:Fault></s:Body></s:Envelope>"#
        ),
        inner
    ));
    // The envelope's own prefix is inherited, and given; the rest is the text as sent.
    assert_eq!(
        fault.detail.as_deref(),
        Some(
            r#"<Problem xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns="urn:shop"><Code>7</Code></Problem>"#
        )
    );
    assert_eq!(
        read_first(&fault),
        Some(("urn:shop".into(), "Problem".into(), "7".into()))
    );
}

#[test]
fn a_soap12_shaped_fault_in_a_soap11_envelope_reads() {
    // What node-soap answers to a JavaScript exception: SOAP 1.2's Code and Reason (its code's
    // prefix undeclared) inside a SOAP 1.1 envelope. The caller gets the code and the message.
    let fault = fault_of(concat!(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>"#,
        r#"<soap:Fault><soap:Code><soap:Value>SOAP-ENV:Server</soap:Value></soap:Code>"#,
        r#"<soap:Reason><soap:Text>plain JS error</soap:Text></soap:Reason>"#,
        r#"</soap:Fault></soap:Body></soap:Envelope>"#
    ));
    assert_eq!(fault.version, soap_runtime::SoapVersion::Soap11);
    assert_eq!(fault.code, "Server");
    assert_eq!(fault.reason, "plain JS error");
    assert!(fault.detail.is_none());
}
