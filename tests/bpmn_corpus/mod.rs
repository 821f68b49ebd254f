//! The BPMN MIWG corpus, read in place from `../shared/bpmn-corpus` next to the repository.
#![allow(dead_code)]

use std::path::PathBuf;

/// `<repo>/../shared/bpmn-corpus`; a worktree one level deeper finds it further up.
pub fn root() -> PathBuf {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let beside = repo
        .parent()
        .expect("the repository has a parent directory")
        .join("shared/bpmn-corpus");
    repo.ancestors()
        .skip(1)
        .map(|dir| dir.join("shared/bpmn-corpus"))
        .find(|dir| dir.is_dir())
        .unwrap_or(beside)
}

/// Every `.bpmn` file of the corpus (references first, then tools), as (relative name, bytes).
pub fn files() -> Vec<(String, Vec<u8>)> {
    read_under(&["reference", "tools"])
}

/// Every `.bpmn` file of the corpus: references, the tools' A files and their B and C files.
pub fn every_file() -> Vec<(String, Vec<u8>)> {
    read_under(&["reference", "tools", "bc-tools"])
}

/// The `.bpmn` files under these folders of the corpus, in order.
fn read_under(folders: &[&str]) -> Vec<(String, Vec<u8>)> {
    let root = root();
    assert!(
        root.is_dir(),
        "the BPMN corpus is missing: expected it at {}",
        root.display()
    );
    let mut paths = Vec::new();
    for folder in folders {
        collect(&root.join(folder), &mut paths);
    }
    paths
        .into_iter()
        .map(|p| {
            let name = p
                .strip_prefix(&root)
                .expect("under the root")
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&p).expect("readable corpus file");
            (name, bytes)
        })
        .collect()
}

fn collect(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable corpus folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "bpmn") {
            out.push(path);
        }
    }
}

/// Two attribute values that say the same: equal, the same number spelled differently, or a
/// QName (`xsi:type="tFormalExpression"` under a default namespace) under another prefix.
pub fn same_value(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if let (Ok(x), Ok(y)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
        return x == y;
    }
    let local = |v: &str| v.rsplit_once(':').map_or(v, |(_, l)| l).to_string();
    (a.contains(':') || b.contains(':')) && local(a) == local(b) && !a.contains("//")
}
