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

/// The core is pure: only `store/` (the library), `export/atomic.rs` (the one atomic write of an
/// exported file) and `export/png.rs` (`system_fonts`, which the edges pass in) touch the disk
/// and only `sync/git.rs` runs a program (git); only the edges (CLI, app) read the clock.
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
        "load_system_fonts",
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
            || relative == "export/atomic.rs"
            || relative == "export/png.rs" // `system_fonts`, which only the edges call
            || relative == "sync/git.rs"
            || relative == "sync/keys.rs"
            || relative == "sync/gpg.rs";
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
    assert_eq!(
        users,
        [
            "expr.rs",
            "expr/dialect/infer.rs",
            "expr/dialect/write.rs",
            "expr/types.rs"
        ]
    );
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

/// What each module of the core may use of the others through `crate::`: the code map in
/// ARCHITECTURE.md, row for row. A module without a row fails too, so a new module states its
/// place. The CLI (`bin/`) is an edge and may use anything public.
const MAY_USE: &[(&str, &[&str])] = &[
    ("model", &[]),
    // One table of element fields that diff, merge, handbook and outline read.
    ("fields", &["model"]),
    ("canonical", &["model"]),
    // The one describer: names, or kind and place for elements without one.
    ("describe", &["model"]),
    ("edit", &["model", "expr"]),
    ("history", &["model", "edit"]),
    ("session", &["model", "canonical", "edit", "history"]),
    ("blank", &["model"]),
    ("arrange", &["model"]),
    ("expr", &["model"]),
    ("validate", &["model", "describe", "expr"]),
    ("xml", &[]),
    // diff/text.rs diffs the outlines `export::outline` writes.
    ("diff", &["model", "describe", "fields", "export"]),
    // write/mod.rs refuses unsafe kept XML with validate's check; map.rs canonicalises; the
    // field table says which fields are `flowlane:` attributes.
    (
        "bpmn",
        &["model", "canonical", "expr", "fields", "validate", "xml"],
    ),
    // format.rs offers BPMN (for an engine: `expr::dialect::Engine`) as an export format;
    // handbook and version.rs read a version's history from the store (the one export setup);
    // version.rs checks the latest log for the handbook, which words its hours as What-if does.
    (
        "export",
        &[
            "model",
            "describe",
            "fields",
            "expr",
            "xml",
            "bpmn",
            "store",
            "conformance",
            "performance",
            "simulate",
        ],
    ),
    // log.rs runs the batch simulation and writes its run down as an event log.
    ("generate", &["model", "canonical", "simulate", "eventlog"]),
    // Two files compared: read as an import reads them (or as a .json definition), drawn with
    // the diff over the diagram.
    (
        "review",
        &[
            "model",
            "arrange",
            "bpmn",
            "canonical",
            "diff",
            "export",
            "xml",
        ],
    ),
    // call.rs refuses call cycles with validate's search; batch/parameters.rs falls back to the
    // parameters shipped with the samples.
    (
        "simulate",
        &["model", "describe", "expr", "validate", "samples"],
    ),
    // samples.rs also adds the samples to a library (`Library::add_samples`), each process with
    // the log `generate::log` makes of it.
    (
        "samples",
        &["model", "canonical", "simulate", "store", "generate"],
    ),
    // import.rs stores an imported BPMN file; drafts.rs makes blank processes and copies;
    // scenarios are simulate's `Scenario`; versions.rs loads the versions a batch run compares.
    (
        "store",
        &[
            "model",
            "canonical",
            "validate",
            "blank",
            "bpmn",
            "simulate",
            "arrange",
            "eventlog",
        ],
    ),
    // Logs are read from any reader the edges open; XES is written through the one XML writer.
    ("eventlog", &["xml"]),
    // The net is built from a version's nodes and flows; steps are named as `describe` names them;
    // a case becomes a scenario by walking the step simulator.
    (
        "conformance",
        &["model", "describe", "eventlog", "simulate"],
    ),
    // Discovered trees are drawn with the automatic layout; their choices get the chances
    // calibration reads off the log.
    ("discover", &["model", "eventlog", "arrange", "calibrate"]),
    // Steps are the conformance mapping's.
    ("performance", &["model", "eventlog", "conformance"]),
    // Fits the batch simulation's parameters to a log's timings (its activities mapped as the
    // conformance mapping says) and runs it.
    (
        "calibrate",
        &[
            "model",
            "describe",
            "eventlog",
            "conformance",
            "performance",
            "simulate",
        ],
    ),
    (
        "sync",
        &[
            "model",
            "canonical",
            "describe",
            "bpmn",
            "fields",
            "validate",
            "diff",
            "simulate",
            "store",
        ],
    ),
];

/// The module a `crate::` path or a `super::` path that climbs to the crate root names, for each
/// such path in `code`, the code of the file `file` (relative to `src/`).
fn crate_modules_used(file: &str, code: &str) -> Vec<String> {
    let mut depth = file.trim_end_matches(".rs").split('/').count();
    if file.ends_with("/mod.rs") {
        depth -= 1; // `a/mod.rs` is module `a`, like `a.rs`
    }
    let code: String = code
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut used = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = find_root_path(rest, depth) {
        rest = &rest[at..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::B, c}`: the first name of each item at the group's top level.
            let mut level = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => level += 1,
                    '}' if level == 0 => break,
                    '}' => level -= 1,
                    ',' if level == 0 => {
                        used.push(std::mem::take(&mut item));
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            used.push(item);
        } else {
            used.push(rest.to_string());
        }
    }
    used.into_iter()
        .filter_map(|path| {
            let name: String = path
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

/// The offset just past the next `crate::` or the next run of `depth` `super::`s in `code`.
fn find_root_path(code: &str, depth: usize) -> Option<usize> {
    let climb = "super::".repeat(depth);
    let by_crate = code.find("crate::").map(|at| at + "crate::".len());
    let by_super = code
        .match_indices(climb.as_str())
        .find(|(at, _)| !code[..*at].ends_with("super::"))
        .map(|(at, _)| at + climb.len());
    match (by_crate, by_super) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Each use of another module that its row does not allow, as "file uses module".
fn forbidden_uses(sources: &[(String, String)]) -> Vec<String> {
    let test_only = test_only_files(sources);
    let mut offences = Vec::new();
    for (file, code) in sources {
        if file == "lib.rs" || file.starts_with("bin/") || test_only.contains(file) {
            continue;
        }
        let module = file
            .split('/')
            .next()
            .unwrap_or(file)
            .trim_end_matches(".rs");
        let Some((_, allowed)) = MAY_USE.iter().find(|(name, _)| *name == module) else {
            offences.push(format!("{file}: module {module} has no row in MAY_USE"));
            continue;
        };
        for used in crate_modules_used(file, code) {
            if used != module && !allowed.contains(&used.as_str()) {
                offences.push(format!("{file} uses {used}"));
            }
        }
    }
    offences.sort();
    offences.dedup();
    offences
}

/// Files that are whole test modules (`#[cfg(test)] mod tests;` in their parent).
fn test_only_files(sources: &[(String, String)]) -> Vec<String> {
    sources
        .iter()
        .filter(|(file, _)| {
            let Some((dir, name)) = file.rsplit_once('/') else {
                return false;
            };
            let declaration = format!("#[cfg(test)]\nmod {};", name.trim_end_matches(".rs"));
            [format!("{dir}/mod.rs"), format!("{dir}.rs")]
                .iter()
                .any(|parent| parent_declares(parent, &declaration))
        })
        .map(|(file, _)| file.clone())
        .collect()
}

fn parent_declares(parent: &str, declaration: &str) -> bool {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(parent);
    std::fs::read_to_string(path).is_ok_and(|text| text.contains(declaration))
}

/// The core's modules use each other only as the code map says (`MAY_USE`): `model` nothing,
/// `store` no export, nothing but `sync` the git layer, and so on.
#[test]
fn modules_use_only_what_the_code_map_allows() {
    let sources = sources();
    assert!(sources.len() > 100, "found the sources");
    assert_eq!(forbidden_uses(&sources), Vec::<String>::new());
}

/// The check above sees `use` lines, grouped imports, inline paths and `super::` climbing to the
/// crate root, and ignores comments.
#[test]
fn the_dependency_check_finds_a_forbidden_use() {
    let case = |file: &str, code: &str| forbidden_uses(&[(file.to_string(), code.to_string())]);
    assert_eq!(
        case("model/node.rs", "use crate::store::Library;"),
        ["model/node.rs uses store"]
    );
    assert_eq!(
        case("edit.rs", "use crate::{model::Process, diff};"),
        ["edit.rs uses diff"]
    );
    assert_eq!(
        case("validate/mod.rs", "let x = crate::simulate::start(p);"),
        ["validate/mod.rs uses simulate"]
    );
    assert_eq!(
        case("diff/semantic/x.rs", "use super::super::super::store;"),
        ["diff/semantic/x.rs uses store"]
    );
    assert_eq!(
        case("canonical.rs", "//! unlike crate::store"),
        Vec::<String>::new()
    );
    assert_eq!(
        case(
            "store/versions.rs",
            "use crate::{model::{Id, Process}, validate};"
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        case("layout.rs", "use crate::model;"),
        ["layout.rs: module layout has no row in MAY_USE"]
    );
}
