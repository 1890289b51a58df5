//! `xsdp-gen INPUT OUT_DIR [RUNS] [--serialize]`: runs xsd-parser with the quick-xml
//! deserializer backend (boxed states) on the schemas of INPUT and writes
//! `OUT_DIR/generated.rs` (unformatted, as xsd-parser returns it), then prints the generation
//! time as JSON: `RUNS` runs (default 20), each from the schema files on disk to the generated
//! source text. `--serialize` adds xsd-parser's quick-xml serializer (both directions, as our
//! bindings have). `--explicit-naming` selects xsd-parser's `ExplicitNaming` (documented to
//! reduce naming conflicts, at the price of names such as `FooTypeType`): its default naming
//! leaves a `Type` postfix off names that already end in it, so vim25's `InvalidProperty` and
//! `InvalidPropertyType` both become `InvalidPropertyType`.
//!
//! INPUT is an XSD file (its includes and imports resolved by xsd-parser from disk), or a WSDL:
//! its `xs:schema` elements, and those of the WSDLs it imports, are lifted out into
//! `OUT_DIR/schemaN.xsd` (with every in-scope namespace declaration, relative
//! `schemaLocation`s made absolute, and imports that name only a namespace pointed at the
//! lifted file holding it).

mod schemas;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use xsd_parser::config::{GeneratorFlags, Resolver, Schema};
use xsd_parser::models::ExplicitNaming;
use xsd_parser::{generate, Config};

fn config(files: &[PathBuf], args: &Args) -> Config {
    // xsd-parser's boxed deserializer states decode these messages about 5x faster than its
    // default (measured here); `XSDP_BOXED=0` selects the default.
    let boxed = std::env::var("XSDP_BOXED").map_or(true, |v| v != "0");
    let mut config = Config::default();
    if args.serialize {
        config = config.with_quick_xml_serialize();
    }
    if args.explicit_naming {
        config = config.with_naming(ExplicitNaming::new());
    }
    config = config.with_quick_xml_deserialize_config(boxed);
    config.parser.resolver = vec![Resolver::File];
    config.parser.schemas = files.iter().cloned().map(Schema::File).collect();
    // Default flags give clashing names (`UserType`, `duration`, a `String` alias cycle);
    // one module per namespace and an element postfix make the output compile.
    config.generator.flags |= GeneratorFlags::USE_MODULES;
    config.with_element_postfix("Element")
}

/// The command line: input, output folder, runs, whether to generate serializers, and which
/// naming to use.
struct Args {
    input: PathBuf,
    out_dir: PathBuf,
    runs: usize,
    serialize: bool,
    explicit_naming: bool,
}

fn args() -> Option<Args> {
    let mut serialize = false;
    let mut explicit_naming = false;
    let mut positional = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--serialize" {
            serialize = true;
        } else if arg == "--explicit-naming" {
            explicit_naming = true;
        } else {
            positional.push(arg);
        }
    }
    let runs = match positional.get(2) {
        Some(r) => r.parse().ok()?,
        None => 20,
    };
    Some(Args {
        input: PathBuf::from(positional.first()?),
        out_dir: PathBuf::from(positional.get(1)?),
        runs,
        serialize,
        explicit_naming,
    })
}

fn main() -> ExitCode {
    let Some(args) = args() else {
        eprintln!(
            "usage: xsdp-gen INPUT(.wsdl|.xsd) OUT_DIR [RUNS] [--serialize] [--explicit-naming]"
        );
        return ExitCode::from(2);
    };
    if let Err(e) = std::fs::create_dir_all(&args.out_dir) {
        eprintln!("xsdp-gen: {}: {e}", args.out_dir.display());
        return ExitCode::FAILURE;
    }
    let files = match schemas::prepare(&args.input, &args.out_dir) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("xsdp-gen: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut times = Vec::new();
    let mut code = String::new();
    for _ in 0..args.runs.max(1) {
        let started = Instant::now();
        match generate(config(&files, &args)) {
            Ok(tokens) => code = tokens.to_string(),
            Err(e) => {
                // The whole chain of causes: xsd-parser's errors wrap the parser's,
                // interpreter's, generator's or renderer's, which name the type at fault.
                eprintln!(
                    "xsdp-gen: xsd-parser failed on {}: {e}",
                    args.input.display()
                );
                let mut source = std::error::Error::source(&e);
                while let Some(cause) = source {
                    eprintln!("  caused by: {cause}");
                    source = cause.source();
                }
                eprintln!("  debug: {e:?}");
                return ExitCode::FAILURE;
            }
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let generated = args.out_dir.join("generated.rs");
    if let Err(e) = write(&generated, &code) {
        eprintln!("xsdp-gen: {}: {e}", generated.display());
        return ExitCode::FAILURE;
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"schemas\": {}, \"runs\": {}, \"serialize\": {}, \"explicit_naming\": {}, \"min_ms\": {:.2}, \"median_ms\": {:.2}}}",
        files.len(),
        times.len(),
        args.serialize,
        args.explicit_naming,
        times[0],
        times[times.len() / 2]
    );
    ExitCode::SUCCESS
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}
