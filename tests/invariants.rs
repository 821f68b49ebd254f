//! Architecture invariants that the compiler cannot check, checked by reading the source.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The core is pure: only `store/` (the library) and `export/write.rs` (the one atomic write of
/// an exported file) touch the disk and only `sync/git.rs` runs a program (git); only the edges
/// (CLI, app) read the clock.
#[test]
fn only_the_store_does_io_and_nothing_in_the_core_reads_the_clock() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let forbidden_io = [
        "std::fs",
        "File::open",
        "File::create",
        "rusqlite::",
        "Connection::open",
        "std::process",
    ];
    let forbidden_clock = ["Utc::now", "Local::now", "SystemTime::now", "Instant::now"];
    let mut offences = Vec::new();
    for file in &files {
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if relative.starts_with("bin/") {
            continue; // the CLI is an edge: it reads files and the clock for the user
        }
        let text = std::fs::read_to_string(file).unwrap();
        // Test modules may use temp files and the clock.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for needle in forbidden_clock {
            if code.contains(needle) {
                offences.push(format!("{relative} reads the clock ({needle})"));
            }
        }
        let may_do_io = relative.starts_with("store/")
            || relative == "export/write.rs"
            || relative == "sync/git.rs";
        if !may_do_io {
            for needle in forbidden_io {
                if code.contains(needle) {
                    offences.push(format!("{relative} does I/O ({needle})"));
                }
            }
        }
    }
    assert!(files.len() > 10, "found the sources");
    assert_eq!(offences, Vec::<String>::new());
}

/// Conditions have one parser and one evaluator: `src/expr` is the only user of `cel`.
#[test]
fn only_expr_parses_conditions() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut users: Vec<String> = files
        .iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().contains("cel::"))
        .map(|f| {
            f.strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    users.sort();
    assert_eq!(users, ["expr.rs", "expr/python.rs", "expr/types.rs"]);
}

/// Each source file's code (test modules left out) by path relative to `src/`.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .iter()
        .map(|f| {
            let relative = f.strip_prefix(&src).unwrap().to_string_lossy();
            let text = std::fs::read_to_string(f).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap().to_string();
            (relative.replace('\\', "/"), code)
        })
        .collect()
}

/// XML and CSV are escaped by the maintained writers (`src/xml.rs` over quick-xml, the csv
/// crate), never by hand.
#[test]
fn no_hand_written_escapers() {
    let needles = ["\"&amp;\"", "\"&lt;\"", "\"&quot;\"", "\"\\\"\\\"\""];
    let offences: Vec<String> = sources()
        .into_iter()
        .flat_map(|(file, code)| {
            needles
                .iter()
                .filter(|n| code.contains(**n))
                .map(move |n| format!("{file} escapes by hand ({n})"))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(offences, Vec::<String>::new());
}

/// BPMN import and export do not call each other: import never writes a file to read it back,
/// and export never parses what it wrote (tests check the exports instead).
#[test]
fn bpmn_import_and_export_stay_apart() {
    let mut offences = Vec::new();
    for (file, code) in sources() {
        let Some(part) = file.strip_prefix("bpmn/") else {
            continue;
        };
        let writes = part.starts_with("write/");
        let reads = part.starts_with("map") || ["read.rs", "refuse.rs", "own.rs"].contains(&part);
        if reads && (code.contains("write::") || code.contains("export(")) {
            offences.push(format!("{file} (import) uses the export"));
        }
        if writes
            && (code.contains("refuse::check")
                || code.contains("map::map")
                || code.contains("import("))
        {
            offences.push(format!("{file} (export) reads its own output"));
        }
    }
    assert_eq!(offences, Vec::<String>::new());
}
