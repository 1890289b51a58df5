//! `xsdp-gen WSDL OUT_DIR [RUNS]`: lifts the three `xs:schema` elements out of the WSDL (with
//! every in-scope namespace declaration, imports pointed at the files), runs xsd-parser with
//! the quick-xml deserializer backend (boxed states) on them, writes `OUT_DIR/schemaN.xsd` and
//! `OUT_DIR/generated.rs` (unformatted, as xsd-parser returns it), and prints the generation
//! time as JSON: `RUNS` runs (default 20), each from the schema files on disk to the generated
//! source text.

use std::path::{Path, PathBuf};
use std::time::Instant;

use xsd_parser::config::{GeneratorFlags, Resolver, Schema};
use xsd_parser::{generate, Config};

const XS: &str = "http://www.w3.org/2001/XMLSchema";

/// Each embedded schema as standalone text: the namespaces declared on ancestors are added to
/// the `xs:schema` start tag (prefixes such as `s82:` appear only inside attribute values).
fn extract_schemas(wsdl: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(wsdl).expect("the WSDL parses");
    let mut out: Vec<(String, String)> = Vec::new();
    for node in doc.descendants() {
        if !(node.is_element()
            && node.tag_name().namespace() == Some(XS)
            && node.tag_name().name() == "schema")
        {
            continue;
        }
        let text = &wsdl[node.range()];
        let tag_end = text.find('>').expect("a start tag");
        let start_tag = &text[..tag_end];
        let name_end = start_tag.find(char::is_whitespace).unwrap_or(tag_end);
        let mut declarations = String::new();
        for ns in node.namespaces() {
            let attr = match ns.name() {
                Some(prefix) => format!("xmlns:{prefix}="),
                None => "xmlns=".to_string(),
            };
            if !start_tag.contains(&attr) {
                declarations.push_str(&format!(" {attr}\"{}\"", ns.uri()));
            }
        }
        let target = node
            .attribute("targetNamespace")
            .unwrap_or_default()
            .to_string();
        let schema = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}{}{}",
            &text[..name_end],
            declarations,
            &text[name_end..]
        );
        out.push((target, schema));
    }
    // Imports name a namespace only; point them at the file holding it, as xmllint needs too.
    let files: Vec<(String, String)> = out
        .iter()
        .enumerate()
        .map(|(i, (ns, _))| (ns.clone(), format!("schema{i}.xsd")))
        .collect();
    out.into_iter()
        .map(|(_, mut schema)| {
            for (ns, file) in &files {
                schema = schema.replace(
                    &format!("<xsd:import namespace=\"{ns}\"/>"),
                    &format!("<xsd:import namespace=\"{ns}\" schemaLocation=\"{file}\"/>"),
                );
            }
            schema
        })
        .collect()
}

fn config(files: &[PathBuf]) -> Config {
    // xsd-parser's boxed deserializer states decode these messages about 5x faster than its
    // default (measured here); `XSDP_BOXED=0` selects the default.
    let boxed = std::env::var("XSDP_BOXED").map_or(true, |v| v != "0");
    let mut config = Config::default().with_quick_xml_deserialize_config(boxed);
    config.parser.resolver = vec![Resolver::File];
    config.parser.schemas = files.iter().cloned().map(Schema::File).collect();
    // Default flags give clashing names (`UserType`, `duration`, a `String` alias cycle);
    // one module per namespace and an element postfix make the output compile.
    config.generator.flags |= GeneratorFlags::USE_MODULES;
    config.with_element_postfix("Element")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (wsdl, out_dir) = match (args.get(1), args.get(2)) {
        (Some(w), Some(o)) => (PathBuf::from(w), PathBuf::from(o)),
        _ => {
            eprintln!("usage: xsdp-gen WSDL OUT_DIR [RUNS]");
            std::process::exit(2);
        }
    };
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(20);
    let text = std::fs::read_to_string(&wsdl).expect("read the WSDL");
    std::fs::create_dir_all(&out_dir).expect("create the output directory");
    let files: Vec<PathBuf> = extract_schemas(&text)
        .into_iter()
        .enumerate()
        .map(|(i, schema)| {
            let path = out_dir.join(format!("schema{i}.xsd"));
            std::fs::write(&path, schema).expect("write a schema");
            path.canonicalize().expect("canonical path")
        })
        .collect();
    let mut times = Vec::new();
    let mut code = String::new();
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let tokens = generate(config(&files)).expect("xsd-parser generates code");
        code = tokens.to_string();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    write(&out_dir.join("generated.rs"), &code);
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"schemas\": {}, \"runs\": {}, \"min_ms\": {:.2}, \"median_ms\": {:.2}}}",
        files.len(),
        times.len(),
        times[0],
        times[times.len() / 2]
    );
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write the generated code");
}
