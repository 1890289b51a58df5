//! SuperOffice's own request and response samples (`../shared/samples/services82/EMail/`):
//! SOAP 1.2 envelopes with `xsi:type` on every element and the request headers directly under
//! `Envelope`.
//!
//! - every request sample is accepted by the generated server and dispatched to the operation
//!   its file names; every response sample is decoded by the generated client;
//! - nothing is silently dropped: the decoded value, written again, has exactly the sample's
//!   leaf elements (path of namespaced names, in order) with the same text (a double may be
//!   spelled differently when it is the same number: `0` and `0.0`);
//! - the samples hold no element the contract does not know, and an element it does not know is
//!   tolerated and reported: in `Received::unknown_elements` and as a debug log line.

mod common;

use std::sync::Arc;

use common::{block_on, capture_logs, Canned};
use end_to_end::shared::shared_material;
use services82_email::*;
use soap_runtime::client::CannedTransport;
use soap_runtime::envelope::write_envelope;
use soap_runtime::server::SoapRequest;
use soap_runtime::{Client, Message, SoapVersion, XmlValue};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XSD: &str = "http://www.w3.org/2001/XMLSchema";
const SOAP_NAMESPACES: [&str; 2] = [
    "http://schemas.xmlsoap.org/soap/envelope/",
    "http://www.w3.org/2003/05/soap-envelope",
];

/// The samples of one direction (`request` or `response`): operation name and XML; `None` (the
/// test skipped loudly) when the shared folder is absent.
fn samples(test: &str, direction: &str) -> Option<Vec<(String, String)>> {
    let dir = shared_material(test, "samples/services82/EMail")?;
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the samples folder {}: {e}", dir.display()));
    let suffix = format!(".{direction}.xml");
    let mut samples: Vec<(String, String)> = entries
        .map(|entry| entry.expect("a folder entry").path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            let operation = name.strip_suffix(&suffix)?.to_string();
            let xml = std::fs::read_to_string(&path).expect("a sample");
            Some((operation, xml))
        })
        .collect();
    samples.sort();
    Some(samples)
}

/// One leaf element: the path of `{namespace}local` names from its header or body element,
/// its text, and whether the sample types it as a double.
#[derive(Debug, Clone)]
struct Leaf {
    path: String,
    text: String,
    double: bool,
    nil: bool,
}

/// The leaf elements of an envelope's headers (under `Header` or directly under `Envelope`)
/// and body, in document order.
fn leaves(xml: &str) -> Vec<Leaf> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let mut out = Vec::new();
    for part in doc.root_element().children().filter(|n| n.is_element()) {
        let envelope_part = SOAP_NAMESPACES.contains(&part.tag_name().namespace().unwrap_or(""))
            && matches!(part.tag_name().name(), "Header" | "Body");
        if envelope_part {
            for child in part.children().filter(|n| n.is_element()) {
                walk(child, "", &mut out);
            }
        } else {
            walk(part, "", &mut out);
        }
    }
    out
}

fn walk(node: roxmltree::Node<'_, '_>, parent: &str, out: &mut Vec<Leaf>) {
    let path = format!(
        "{parent}/{{{}}}{}",
        node.tag_name().namespace().unwrap_or(""),
        node.tag_name().name()
    );
    let children: Vec<_> = node.children().filter(|n| n.is_element()).collect();
    if children.is_empty() {
        let double = node.attribute((XSI, "type")).is_some_and(|t| {
            let (prefix, local) = t.split_once(':').unwrap_or(("", t));
            local == "double" && node.lookup_namespace_uri(Some(prefix)) == Some(XSD)
        });
        let nil = node
            .attribute((XSI, "nil"))
            .is_some_and(|v| matches!(v.trim(), "true" | "1"));
        out.push(Leaf {
            nil,
            path,
            text: node
                .children()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect(),
            double,
        });
    } else {
        for child in children {
            walk(child, &path, out);
        }
    }
}

/// The differences between the sample's leaves and those of the decoded value written again.
fn compare_leaves(sample: &str, ours: &str) -> Vec<String> {
    let (sample, got) = (leaves(sample), leaves(ours));
    let mut diffs = Vec::new();
    // A nil element reads as `None`, which is left out again where the element is optional
    // (every element of the EMail contract but dictionary keys and values): it must be absent
    // from ours, unless it is a dictionary value (written nil again, so compared as a leaf).
    let expected: Vec<&Leaf> = sample
        .iter()
        .filter(|e| !e.nil || e.path.ends_with("}Value") && e.path.contains("KeyValuePair}"))
        .collect();
    for (i, (e, g)) in expected.iter().zip(&got).enumerate() {
        let same_number = e.double
            && e.text.trim().parse::<f64>().ok() == g.text.trim().parse::<f64>().ok()
            && e.text.trim().parse::<f64>().is_ok();
        // Indentation inside an element without children (an empty request element).
        let formatting = e.text.trim().is_empty() && e.text.contains('\n') && g.text.is_empty();
        if e.nil != g.nil {
            diffs.push(format!(
                "{}: nil in the sample: {}, in ours: {}",
                e.path, e.nil, g.nil
            ));
        }
        if e.path != g.path {
            diffs.push(format!(
                "leaf {i}: the sample has {}, we have {}",
                e.path, g.path
            ));
            break;
        }
        if e.text != g.text && !same_number && !formatting {
            diffs.push(format!(
                "{}: the sample has {:?}, we have {:?}",
                e.path, e.text, g.text
            ));
        }
    }
    if expected.len() != got.len() {
        diffs.push(format!(
            "the sample has {} leaves, the decoded value {}: {:?}",
            expected.len(),
            got.len(),
            if expected.len() > got.len() {
                format!("{:?}", &expected[got.len()..])
            } else {
                format!("{:?}", &got[expected.len()..])
            }
        ));
    }
    diffs
}

/// Events of skipped unknown elements among captured log lines.
fn skipped(logs: &[String]) -> Vec<&String> {
    logs.iter()
        .filter(|l| l.contains("skipping an element"))
        .collect()
}

fn dispatch_sample(server: &EMailServer<Canned>, xml: &str) -> (u16, String, Vec<String>) {
    let request = SoapRequest {
        soap_action: None,
        content_type: Some("application/soap+xml; charset=utf-8".into()),
        body: xml.as_bytes().to_vec().into(),
    };
    let (response, logs) = capture_logs(|| block_on(server.dispatch(request)));
    (
        response.status,
        String::from_utf8(response.body.to_vec()).expect("UTF-8"),
        logs,
    )
}

#[test]
fn request_samples_are_dispatched_with_every_value() {
    let service = Canned::default();
    let server = EMailServer::new(service.clone());
    let Some(samples) = samples("request_samples_are_dispatched_with_every_value", "request")
    else {
        return;
    };
    assert_eq!(samples.len(), 25, "the request samples");
    let mut failures = Vec::new();
    let mut leaves_compared = 0;
    for (operation, xml) in &samples {
        let (status, body, logs) = dispatch_sample(&server, xml);
        if status != 200 {
            failures.push(format!("{operation}: HTTP {status}: {body}"));
            continue;
        }
        let received = service.take_received();
        assert_eq!(received.len(), 1, "{operation}");
        if received[0].operation != operation {
            failures.push(format!(
                "{operation}: dispatched to {}",
                received[0].operation
            ));
        }
        let ours = String::from_utf8(received[0].envelope.clone()).expect("UTF-8");
        let diffs = compare_leaves(xml, &ours);
        if !diffs.is_empty() {
            failures.push(format!(
                "{operation}: {}\n  ours: {ours}",
                diffs.join("\n    ")
            ));
        }
        leaves_compared += leaves(xml).len();
        let unknown = skipped(&logs);
        if !unknown.is_empty() {
            failures.push(format!("{operation}: elements skipped: {unknown:?}"));
        }
    }
    eprintln!(
        "request samples: {} dispatched, {leaves_compared} leaf values compared",
        samples.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn canned_client(xml: &str) -> Client {
    Client::with_transport(
        "http://127.0.0.1:9/Remote/Services82/EMail.svc",
        Arc::new(CannedTransport::ok(
            "application/soap+xml; charset=utf-8",
            xml.as_bytes().to_vec(),
        )),
    )
}

/// A decoded response, written again, and what the runtime reported as unknown.
struct Decoded {
    envelope: String,
    unknown: Vec<String>,
}

fn rewrite<B: XmlValue>(
    operation: &soap_runtime::Operation,
    message: &Message<ResponseHeaders, B>,
) -> String {
    let bytes = write_envelope(
        SoapVersion::Soap12,
        NAMESPACES,
        &message.headers,
        operation.response,
        &message.body,
    )
    .expect("a decoded response encodes again");
    String::from_utf8(bytes).expect("UTF-8")
}

macro_rules! decode_with_client {
    ($(($op:ident, $method:ident, $message:ident, $req:ident, $resp:ident)),* $(,)?) => {
        /// Decodes response sample `xml` of `operation` with the generated client, and with the
        /// runtime client underneath (for the unknown elements it reports).
        fn decode_response(operation: &str, xml: &str) -> Result<Decoded, String> {
            $(
                if operation == $op.name {
                    let agent = EMailAgent::with_client(canned_client(xml));
                    let message = block_on(agent.$message($req::default()))
                        .map_err(|e| e.to_string())?;
                    let received = block_on(canned_client(xml).call::<RequestHeaders, $req, ResponseHeaders, $resp>(
                        NAMESPACES,
                        &$op,
                        &RequestHeaders::default(),
                        &$req::default(),
                    ))
                    .map_err(|e| e.to_string())?;
                    assert_eq!(received.message, message, "{operation}: both clients decode alike");
                    assert_eq!(received.version, SoapVersion::Soap12);
                    return Ok(Decoded {
                        envelope: rewrite(&$op, &message),
                        unknown: received.unknown_elements,
                    });
                }
            )*
            Err(format!("no operation {operation}"))
        }
    };
}
operations!(decode_with_client);

#[test]
fn response_samples_are_decoded_with_every_value() {
    let Some(samples) = samples("response_samples_are_decoded_with_every_value", "response") else {
        return;
    };
    assert_eq!(samples.len(), 25, "the response samples");
    let mut failures = Vec::new();
    let mut leaves_compared = 0;
    for (operation, xml) in &samples {
        let decoded = match decode_response(operation, xml) {
            Ok(decoded) => decoded,
            Err(error) => {
                failures.push(format!("{operation}: {error}"));
                continue;
            }
        };
        let diffs = compare_leaves(xml, &decoded.envelope);
        if !diffs.is_empty() {
            failures.push(format!(
                "{operation}: {}\n  ours: {}",
                diffs.join("\n    "),
                decoded.envelope
            ));
        }
        if !decoded.unknown.is_empty() {
            failures.push(format!(
                "{operation}: unknown elements {:?}",
                decoded.unknown
            ));
        }
        leaves_compared += leaves(xml).len();
    }
    eprintln!(
        "response samples: {} decoded, {leaves_compared} leaf values compared",
        samples.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The sample with an element the contract does not know inserted after the first `anchor`.
fn with_surprise(xml: &str, anchor: &str) -> String {
    let at = xml.find(anchor).expect("the anchor") + anchor.len();
    let at = at + xml[at..].find('>').expect("the end of the start tag") + 1;
    format!(
        "{}<EMail:Surprise xsi:type=\"xsd:string\">not in the contract</EMail:Surprise>{}",
        &xml[..at],
        &xml[at..]
    )
}

#[test]
fn unknown_elements_are_tolerated_and_reported() {
    const TEST: &str = "unknown_elements_are_tolerated_and_reported";
    let (Some(requests), Some(responses)) = (samples(TEST, "request"), samples(TEST, "response"))
    else {
        return;
    };
    // Server side: the request is served, the element is logged and everything else decoded.
    let service = Canned::default();
    let server = EMailServer::new(service.clone());
    let (_, sample) = requests
        .into_iter()
        .find(|(op, _)| op == "RefreshFolder")
        .expect("the RefreshFolder request sample");
    let surprising = with_surprise(&sample, "<EMail:ConnectionInfo");
    let (status, body, logs) = dispatch_sample(&server, &surprising);
    assert_eq!(status, 200, "{body}");
    let reported = skipped(&logs);
    assert_eq!(reported.len(), 1, "{logs:?}");
    assert!(
        reported[0].contains("EMail:Surprise") && reported[0].starts_with("DEBUG"),
        "{reported:?}"
    );
    let received = service.take_received();
    let ours = String::from_utf8(received[0].envelope.clone()).expect("UTF-8");
    assert_eq!(compare_leaves(&sample, &ours), Vec::<String>::new());

    // Client side: the response is decoded, the element listed with its position.
    let (_, sample) = responses
        .into_iter()
        .find(|(op, _)| op == "GetEMailEnvelopes")
        .expect("the GetEMailEnvelopes response sample");
    let surprising = with_surprise(&sample, "<EMail:From");
    let (decoded, logs) = capture_logs(|| decode_response("GetEMailEnvelopes", &surprising));
    let decoded = decoded.expect("decoded");
    assert_eq!(decoded.unknown.len(), 1, "{:?}", decoded.unknown);
    assert!(
        decoded.unknown[0].starts_with("EMail:Surprise (line "),
        "{:?}",
        decoded.unknown
    );
    assert_eq!(skipped(&logs).len(), 2, "one log line per decode: {logs:?}");
    assert_eq!(
        compare_leaves(&sample, &decoded.envelope),
        Vec::<String>::new()
    );
}
