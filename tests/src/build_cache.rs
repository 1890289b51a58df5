//! The peers' builds kept across runs (JAX-WS's and Axis's classes, gSOAP's, KDSoap's and Mono's
//! programs): a build is made in a folder of this process, then renamed into place under the
//! system's temporary folder, named by a hash of everything it is made from, so a second test
//! binary (or run) with the same inputs reuses it, and two building at once both end with a
//! whole folder.

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The programs this test binary built: (cache, program) → executable.
static BUILT: Mutex<BTreeMap<(&str, &str), PathBuf>> = Mutex::new(BTreeMap::new());

/// The executable `program` in the [`cached`] folder of `cache`: built once per test binary
/// (a second test waits for the first's build) and reused across runs while `inputs` (called
/// only when this binary has not built it yet) hashes the same; `build` fills an empty folder.
pub(crate) fn program(
    cache: &'static str,
    program: &'static str,
    inputs: impl FnOnce() -> u64,
    build: impl FnOnce(&Path),
) -> PathBuf {
    // Held while building: a second test waits for the first's program.
    let mut built = BUILT.lock().unwrap_or_else(PoisonError::into_inner);
    built
        .entry((cache, program))
        .or_insert_with(|| cached(cache, program, inputs(), build).join(program))
        .clone()
}

/// The folder `name-INPUTS` (INPUTS the hash of the build's inputs, in hex) under the system's
/// temporary folder's `cache`, made by `build` (given an empty folder to fill) unless it exists.
///
/// # Panics
///
/// When a folder cannot be made or moved into place; `build` panics when it fails.
pub(crate) fn cached(cache: &str, name: &str, inputs: u64, build: impl FnOnce(&Path)) -> PathBuf {
    let cache = std::env::temp_dir().join(cache);
    let built = cache.join(format!("{name}-{inputs:016x}"));
    if built.is_dir() {
        return built;
    }
    let work = cache.join(format!("{name}-building-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).unwrap_or_else(|e| panic!("cannot create {work:?}: {e}"));
    build(&work);
    // Another test binary may have made the same meanwhile: either is right.
    if fs::rename(&work, &built).is_err() && !built.is_dir() {
        panic!("cannot move {work:?} to {built:?}");
    }
    let _ = fs::remove_dir_all(&work);
    built
}

/// Hashes the names and contents of the files in `dir` (not below), in order.
fn hash_files(dir: &Path, hasher: &mut DefaultHasher) {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir:?}: {e}"))
        .map(|entry| entry.unwrap_or_else(|e| panic!("{dir:?}: {e}")).path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    for file in files {
        file.hash(hasher);
        fs::read(&file)
            .unwrap_or_else(|e| panic!("{file:?}: {e}"))
            .hash(hasher);
    }
}

/// The inputs of a program built from a contract (the C++ peers'): the program's name, the
/// WSDL's path, the files of the WSDL's folder (the schemas it imports are there) and of
/// `programs` (the peer's sources), and `tools` (the tools' versions, and anything else the
/// build depends on).
pub(crate) fn contract_inputs(
    program: &str,
    wsdl: &Path,
    programs: &Path,
    tools: impl Hash,
) -> u64 {
    let mut hasher = DefaultHasher::new();
    program.hash(&mut hasher);
    wsdl.hash(&mut hasher);
    for dir in [wsdl.parent().unwrap_or(Path::new(".")), programs] {
        hash_files(dir, &mut hasher);
    }
    tools.hash(&mut hasher);
    hasher.finish()
}
