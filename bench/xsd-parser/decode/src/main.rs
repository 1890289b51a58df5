//! `xsdp-decode DIR`: decodes the `GetEMailEnvelopesResponse` element of the responses that
//! `gen-inputs` wrote into DIR with xsd-parser's generated quick-xml deserializer (from a
//! `SliceReader`, the fastest reader it offers), and tries the tolerance variants. Prints JSON
//! lines in the same shape as `compare-rust`: the median of repeated runs for `BENCH_SECS`
//! seconds (default 2) after a warm-up run.

use std::time::{Duration, Instant};

use xsd_parser_types::quick_xml::{DeserializeSync, SliceReader};
use xsdp_email::s82::GetEMailEnvelopesResponseElement;

/// The first `<local ...>...</local>` element of `text`.
fn element<'a>(text: &'a str, local: &str) -> &'a str {
    let start = text.find(&format!("<{local}")).expect("start tag");
    let end_tag = format!("</{local}>");
    let end = start + text[start..].find(&end_tag).expect("end tag") + end_tag.len();
    &text[start..end]
}

fn decode(xml: &str) -> Result<GetEMailEnvelopesResponseElement, String> {
    let mut reader = SliceReader::new(xml);
    GetEMailEnvelopesResponseElement::deserialize(&mut reader).map_err(|e| format!("{e:?}"))
}

fn count(value: &GetEMailEnvelopesResponseElement) -> usize {
    value
        .content
        .response
        .as_ref()
        .map_or(0, |r| r.content.e_mail_envelope.len())
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: xsdp-decode DIR");
    let budget = Duration::from_secs_f64(
        std::env::var("BENCH_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(2.0),
    );
    for n in [1_000usize, 10_000] {
        let text = std::fs::read_to_string(format!("{dir}/envelopes-{n}.xml")).expect("input");
        let xml = element(&text, "GetEMailEnvelopesResponse");
        let decoded = decode(xml).expect("xsd-parser decodes the element");
        assert_eq!(count(&decoded), n);
        std::hint::black_box(decode(xml).ok());
        let mut runs = Vec::new();
        let started = Instant::now();
        while runs.len() < 3 || started.elapsed() < budget {
            let t = Instant::now();
            std::hint::black_box(decode(xml).ok());
            runs.push(t.elapsed());
        }
        runs.sort();
        let median = runs[runs.len() / 2].as_secs_f64();
        println!(
            "{{\"key\": \"xsdp_decode_element_{n}\", \"runs\": {}, \"median_ms\": {:.4}, \"min_ms\": {:.4}, \"per_s\": {:.1}, \"bytes\": {}, \"mb_per_s\": {:.1}}}",
            runs.len(),
            median * 1000.0,
            runs[0].as_secs_f64() * 1000.0,
            1.0 / median,
            xml.len(),
            xml.len() as f64 / 1e6 / median
        );
    }
    for variant in ["unknown", "xsitype", "soap12"] {
        let text = std::fs::read_to_string(format!("{dir}/envelopes-1000-tolerance-{variant}.xml"))
            .expect("input");
        let line = match decode(element(&text, "GetEMailEnvelopesResponse")) {
            Ok(v) => format!(
                "{{\"key\": \"xsdp_tolerance_{variant}\", \"ok\": true, \"envelopes\": {}}}",
                count(&v)
            ),
            Err(e) => format!(
                "{{\"key\": \"xsdp_tolerance_{variant}\", \"ok\": false, \"error\": {:?}}}",
                e.chars().take(200).collect::<String>()
            ),
        };
        println!("{line}");
    }
}
