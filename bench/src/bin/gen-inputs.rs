//! `gen-inputs DIR`: writes the comparison's inputs into `DIR`:
//! `envelopes-1000.xml`, `envelopes-10000.xml` (GetEMailEnvelopes responses, SOAP 1.1),
//! `envelopes-1000-tolerance-*.xml` (the same response with an unknown element, with
//! `xsi:type` on every envelope, and in SOAP 1.2) and `refresh-folder.json` (the RefreshFolder
//! arguments in zeep's calling convention).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: gen-inputs DIR");
        return ExitCode::from(2);
    };
    match run(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-inputs: {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for count in [1_000, 10_000] {
        let bytes = soap_benches::envelopes_response(count);
        std::fs::write(dir.join(format!("envelopes-{count}.xml")), &bytes)?;
    }
    let base = String::from_utf8_lossy(&soap_benches::envelopes_response(1_000)).into_owned();
    let variants = [
        (
            "unknown",
            base.replacen(
                "<ServerId>",
                "<Unexpected><Nested>a field a newer server adds</Nested></Unexpected><ServerId>",
                1,
            ),
        ),
        (
            "xsitype",
            base.replace(
                "<EMailEnvelope>",
                "<EMailEnvelope i:type=\"EMailEnvelope\">",
            ),
        ),
        (
            "soap12",
            base.replace(
                "http://schemas.xmlsoap.org/soap/envelope/",
                "http://www.w3.org/2003/05/soap-envelope",
            ),
        ),
    ];
    for (name, text) in variants {
        std::fs::write(
            dir.join(format!("envelopes-1000-tolerance-{name}.xml")),
            text,
        )?;
    }
    std::fs::write(
        dir.join("refresh-folder.json"),
        soap_benches::refresh_folder_zeep_args(),
    )?;
    println!("wrote the inputs into {}", dir.display());
    Ok(())
}
