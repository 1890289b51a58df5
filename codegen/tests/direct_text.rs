//! The text writer (`rust/text`) writes exactly what formatting the tokens gives: every WSDL at
//! hand (the EMail WSDL, every corpus WSDL, the real-world contracts of the shared folder), for
//! every binding, with and without serde, generates the same bytes (or the same error) with the
//! writer on and off.

#[path = "../../tests/src/shared.rs"]
#[allow(dead_code)]
mod shared;

use std::path::{Path, PathBuf};

use wsdl_codegen::rust::{generate, Options};

/// Every `.wsdl` file under `dir`, in name order.
fn wsdl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).expect("read the folder");
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "wsdl") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Generates every binding of `wsdl` both ways, with and without serde; the number of modules
/// compared.
fn compare_both_ways(wsdl: &Path) -> usize {
    // A WSDL the reader rejects (the corpus holds a few on purpose) never reaches the writer.
    let Ok(defs) = wsdl_codegen::wsdl::parse_file(wsdl) else {
        return 0;
    };
    // Each binding; none asked for where there is none (the error either way).
    let mut bindings: Vec<Option<String>> = defs
        .bindings
        .keys()
        .map(|q| Some(format!("{{{}}}{}", q.namespace, q.local)))
        .collect();
    if bindings.is_empty() {
        bindings.push(None);
    }
    let mut compared = 0;
    for binding in bindings {
        for serde in [false, true] {
            let options = Options {
                binding: binding.clone(),
                serde,
                ..Options::default()
            };
            let direct = generate(&defs, &options);
            let tokens = generate(
                &defs,
                &Options {
                    direct_text: false,
                    ..options
                },
            );
            if let (Ok(direct), Ok(tokens)) = (&direct, &tokens) {
                if direct != tokens {
                    let line = direct
                        .lines()
                        .zip(tokens.lines())
                        .position(|(a, b)| a != b)
                        .unwrap_or(0);
                    panic!(
                        "{} (binding {binding:?}, serde {serde}): the text writer's output differs \
                         from the tokens' at line {}:\n  text:   {:?}\n  tokens: {:?}",
                        wsdl.display(),
                        line + 1,
                        direct.lines().nth(line),
                        tokens.lines().nth(line)
                    );
                }
                compared += 1;
            } else {
                assert_eq!(direct, tokens, "{} (binding {binding:?})", wsdl.display());
            }
        }
    }
    compared
}

#[test]
fn email_and_corpus_are_the_same_either_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut wsdls = vec![root.join("wsdl/services82/EMail.wsdl")];
    wsdls.extend(wsdl_files(&root.join("tests/corpus/wsdl")));
    let compared: usize = wsdls.iter().map(|wsdl| compare_both_ways(wsdl)).sum();
    assert!(compared > 40, "only {compared} modules compared");
}

#[test]
fn realworld_contracts_are_the_same_either_way() {
    let Some(realworld) = shared::shared_material(
        "realworld_contracts_are_the_same_either_way",
        "wsdl/realworld",
    ) else {
        return;
    };
    let wsdls = wsdl_files(&realworld);
    assert!(!wsdls.is_empty(), "no WSDL under {}", realworld.display());
    // Two at a time: the largest take seconds each in a debug build.
    let compared: usize = std::thread::scope(|scope| {
        let (even, odd): (Vec<_>, Vec<_>) = wsdls.iter().enumerate().partition(|(i, _)| i % 2 == 0);
        let other =
            scope.spawn(move || odd.iter().map(|(_, w)| compare_both_ways(w)).sum::<usize>());
        let here: usize = even.iter().map(|(_, w)| compare_both_ways(w)).sum();
        here + other.join().expect("the other half compares")
    });
    assert!(compared >= wsdls.len(), "only {compared} modules compared");
}
