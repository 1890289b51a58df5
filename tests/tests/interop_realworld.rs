//! `scripts/interop.sh` on the real-world contracts of the shared folder and on the corpus's
//! particles.wsdl: every contract generates and compiles, and at least the measured number of
//! operations round-trip between zeep and the generated client and server.
//!
//! Bounded for CI: an evenly spread sample of at most `SAMPLE` operations per contract is
//! round-tripped (vSphere alone has 615), every contract is still generated and compiled in full.

use std::path::{Path, PathBuf};
use std::process::Command;

use end_to_end::shared::shared_material;

/// The main file of each real-world contract, under `wsdl/realworld/` of the shared folder.
const REALWORLD: &[&str] = &[
    "eu-vies-checkvat/checkVatService.wsdl",
    "ms-exchange-ews/services.wsdl",
    "noaa-ndfd/ndfdXML.wsdl",
    "magento-v2-soap/magento_v2_soap.wsdl",
    "sharepoint-lists/Lists.wsdl",
    "bingads-customermanagement/customermanagement_service.xml",
    "ocpp16-centralsystem/OCPP_CentralSystemService_1.6.wsdl",
    "vmware-vim25/vimService.wsdl",
    "zeep-recursive-wsdl-import/hello_world_recursive.wsdl",
];

/// Operations round-tripped per contract at most.
const SAMPLE: usize = 40;

/// Operations found equal to zeep when this floor was measured (VIES 2/2, zeep's recursive
/// import 6/6, SharePoint Lists 28/28, NOAA 12/12, OCPP 10/10, Bing Ads 36/39); a regression
/// below it fails.
const EQUAL_FLOOR: usize = 94;

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// One contract's line: (generated, compiled, equal, total).
fn parse_line(line: &str) -> Option<(bool, bool, usize, usize)> {
    let (_, rest) = line.rsplit_once(": generated ")?;
    let (generated, rest) = rest.split_once(", compiled ")?;
    let (compiled, rest) = rest.split_once(", operations ")?;
    let (counts, _) = rest.split_once(' ')?;
    let (equal, total) = counts.split_once('/')?;
    Some((
        generated == "yes",
        compiled == "yes",
        equal.parse().ok()?,
        total.parse().ok()?,
    ))
}

#[test]
fn realworld_contracts_round_trip_with_zeep() {
    let Some(realworld) =
        shared_material("realworld_contracts_round_trip_with_zeep", "wsdl/realworld")
    else {
        return;
    };
    let root = repository_root();
    let mut wsdls: Vec<PathBuf> = REALWORLD.iter().map(|main| realworld.join(main)).collect();
    wsdls.push(root.join("tests/corpus/wsdl/particles.wsdl"));
    let output = Command::new("bash")
        .arg(root.join("scripts/interop.sh"))
        .args(&wsdls)
        .env("INTEROP_MAX_OPERATIONS", SAMPLE.to_string())
        .output()
        .expect("bash runs scripts/interop.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("{stderr}");
    println!("{stdout}");
    assert!(output.status.success(), "interop.sh failed:\n{stderr}");
    let mut equal = 0;
    let mut total = 0;
    for wsdl in &wsdls {
        let line = stdout
            .lines()
            .find(|line| line.starts_with(&format!("{}: ", wsdl.display())))
            .unwrap_or_else(|| panic!("no line for {}:\n{stdout}", wsdl.display()));
        let (generated, compiled, e, t) =
            parse_line(line).unwrap_or_else(|| panic!("unreadable line {line}"));
        assert!(generated && compiled, "{line}");
        // Magento and Exchange import well-known schemas by URL, which zeep fetches: offline
        // it cannot load them and they count 0/0 (a zeep limitation, not ours).
        equal += e;
        total += t;
    }
    let summary = stdout
        .lines()
        .find(|line| line.starts_with("interop: "))
        .expect("a summary line");
    assert_eq!(
        summary,
        format!(
            "interop: {}/{} contracts, {equal}/{total} operations equal",
            wsdls.len(),
            wsdls.len()
        )
    );
    assert!(
        equal >= EQUAL_FLOOR,
        "{equal}/{total} operations equal to zeep, fewer than the {EQUAL_FLOOR} measured"
    );
}

#[test]
fn contract_lines_are_read() {
    assert_eq!(
        parse_line("/x/a.wsdl: generated yes, compiled no, operations 3/7 equal to zeep"),
        Some((true, false, 3, 7))
    );
    assert_eq!(
        parse_line("interop: 1/1 contracts, 2/2 operations equal"),
        None
    );
}
