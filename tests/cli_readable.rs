//! What the command line prints for people over BPMN files from other tools (the corpus's B and
//! C files, `bc-tools`): each tool's export imported as a process and its round trip as the
//! process's next version, then every command a person runs on them — `list`, `show`,
//! `history`, `validate`, `simulate`, the diff of the two versions (text and the review page),
//! the handbook, `verify` — never names an element by `""` or a bare UUID.

mod bpmn_corpus;
mod support;

use std::path::Path;

use support::cli::{flowlane, library_with_samples};
use support::readable::unreadable;

/// Pairs of (export, round trip) of one test case by one tool, at most `per_tool` per tool.
fn pairs(per_tool: usize) -> Vec<(std::path::PathBuf, std::path::PathBuf)> {
    let tools = bpmn_corpus::root().join("bc-tools");
    let mut folders: Vec<_> = std::fs::read_dir(&tools)
        .expect("the corpus's bc-tools folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    folders.sort();
    let mut out = Vec::new();
    for folder in folders {
        let mut exports: Vec<_> = std::fs::read_dir(&folder)
            .expect("a tool's folder")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.to_string_lossy().ends_with("-export.bpmn"))
            .collect();
        exports.sort();
        let with_round_trip = exports.into_iter().filter_map(|export| {
            let trip = export
                .to_string_lossy()
                .replace("-export.bpmn", "-roundtrip.bpmn");
            Path::new(&trip)
                .is_file()
                .then(|| (export.clone(), trip.into()))
        });
        out.extend(with_round_trip.take(per_tool));
    }
    out
}

/// The id `import` printed: `imported NAME v1 (ID)`.
fn imported_id(stdout: &str) -> Option<String> {
    let start = stdout.rfind('(')? + 1;
    let end = start + stdout[start..].find(')')?;
    Some(stdout[start..end].to_string())
}

#[test]
fn commands_on_imports_from_other_tools_name_nothing_by_an_empty_name_or_an_id() {
    let (dir, lib) = library_with_samples();
    let (mut outputs, mut lines, mut found) = (0, 0, Vec::new());
    let mut check = |what: &str, text: &str| {
        outputs += 1;
        lines += text.lines().count();
        found.extend(unreadable(what, text));
    };
    let printed = |run: &support::cli::Run| format!("{}{}", run.stdout, run.stderr);
    let (mut processes, mut diffs_run) = (0, 0);
    for (export, trip) in pairs(3) {
        let (export, trip) = (export.to_string_lossy(), trip.to_string_lossy());
        let imported = flowlane(&lib, &["import", "--new", &export]);
        if imported.status != 0 {
            continue;
        }
        let Some(id) = imported_id(&imported.stdout) else {
            panic!("no id in {}", imported.stdout)
        };
        // What `import` prints (the new process's id, to name it by) is left out.
        let second = flowlane(&lib, &["import", &trip, "--into", &id]).status == 0;
        processes += 1;
        let page = dir.path().join(format!("review-{processes}.html"));
        let page_arg = page.to_string_lossy().to_string();
        let mut commands: Vec<Vec<&str>> = vec![
            vec!["show", &id],
            vec!["history", &id],
            vec!["validate", &id],
            vec!["simulate", &id, "--start", "2026-03-02"],
            vec!["export", &id, "--format", "md"],
        ];
        let diffs = [
            vec!["diff", &id, "1", "2"],
            vec!["diff", &id, "1", "2", "--format", "html", "-o", &page_arg],
        ];
        if second {
            diffs_run += 1;
            commands.extend(diffs);
        }
        for args in commands {
            let run = flowlane(&lib, &args);
            check(&format!("{} of {export}", args[0]), &printed(&run));
        }
        if second {
            // The review page's text as a person reads it, tags and attributes aside.
            let html = std::fs::read_to_string(&page).expect("the page is written");
            let text: String = html
                .split('<')
                .filter_map(|part| part.split_once('>').map(|(_, text)| text))
                .collect::<Vec<_>>()
                .join("\n");
            check(&format!("review page of {export}"), &text);
        }
    }
    for args in [
        &["list"][..],
        &["verify"],
        &["scenario", "list"],
        &["rules"],
    ] {
        check(args[0], &printed(&flowlane(&lib, args)));
    }
    println!(
        "{processes} imported processes ({diffs_run} with a second version), {outputs} outputs, \
         {lines} lines checked"
    );
    assert!(processes >= 10, "only {processes} corpus files imported");
    assert!(
        diffs_run >= 8,
        "only {diffs_run} round trips imported as second versions"
    );
    assert!(
        found.is_empty(),
        "{} lines:\n{}",
        found.len(),
        found.join("\n")
    );
}
