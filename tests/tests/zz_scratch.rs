#[path = "../../fuzz/harness/wsdl.rs"]
mod wsdl;
#[test]
fn scratch() {
    let mut names: Vec<_> = std::fs::read_dir("/tmp/wsdlcases").unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for p in names {
        let data = std::fs::read(&p).unwrap();
        let r = std::panic::catch_unwind(|| wsdl::wsdl_pipeline(&data));
        eprintln!("{}: {}", p.display(), if r.is_ok() {"ok"} else {"PANIC"});
    }
}
