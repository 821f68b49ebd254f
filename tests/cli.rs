//! The `flowlane` binary end to end, on a temporary library.

mod support;

use std::path::Path;
use std::process::Command;

use flowlane::samples;
use support::cli::{export_version, flowlane, library_with_samples};

#[test]
fn init_list_show_history_export() {
    let (_dir, lib) = library_with_samples();
    let list = flowlane(&lib, &["list"]);
    assert_eq!(list.stdout.lines().count(), 4, "{}", list.stdout);
    assert!(list.stdout.contains("Employee onboarding") && list.stdout.contains("v2"));

    let show = flowlane(&lib, &["show", "employee onboarding"]).succeeded();
    show.printed("lane \"IT provisioning\" team=\"IT Service Desk\"");
    assert!(show
        .stdout
        .contains("parallel gateway \"Prepare in parallel\""));

    let history = flowlane(&lib, &["history", "Accounts payable"]);
    let lines: Vec<&str> = history.stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[1].starts_with("v2") && lines[1].contains("CFO approval tier"));
    let before = flowlane(&lib, &["history", "Accounts payable", "--at", "2000-01-01"]);
    assert_eq!(before.stdout.trim(), "no version was in force then");

    let v1 = export_version(&lib, "Accounts payable", 1, "json");
    assert_eq!(v1.stdout, samples::FILES[1].1);
    let latest = flowlane(&lib, &["export", "Accounts payable", "--format", "json"]);
    assert_eq!(latest.stdout, samples::FILES[2].1);

    let diff = flowlane(
        &lib,
        &["diff", "Accounts payable", "1", "2", "--format", "unified"],
    );
    diff.printed("+  task \"CFO approval\" [Executive approval] assignee=\"CFO\"");
}

#[test]
fn diff_formats_text_unified_and_json() {
    let (_dir, lib) = library_with_samples();
    let text = flowlane(&lib, &["diff", "Accounts payable", "1", "2"]).succeeded();
    let expected_lines = [
        "20 added, 2 changed; 6 layout change(s) not shown",
        "+ task \"CFO approval\" [Executive approval]",
        "    assignee: \"CFO\"",
        "~ flow 'Approved?' → 'Over 10,000?' (re-created with a new id)",
        "    target: \"Schedule payment\" → \"Over 10,000?\"",
    ];
    for line in expected_lines {
        assert!(
            text.stdout.lines().any(|l| l == line),
            "{line:?} in\n{}",
            text.stdout
        );
    }
    let with_layout = flowlane(&lib, &["diff", "Accounts payable", "v1", "v2", "--layout"]);
    with_layout.printed("  bounds of \"Schedule payment\": moved ");

    let unified = flowlane(
        &lib,
        &["diff", "Accounts payable", "1", "2", "--format", "unified"],
    );
    assert!(
        unified.stdout.starts_with("--- v1\n+++ v2\n"),
        "{}",
        unified.stdout
    );

    let json = flowlane(
        &lib,
        &["diff", "Accounts payable", "1", "2", "--format", "json"],
    );
    let parsed: flowlane::diff::Diff = serde_json::from_str(&json.stdout).expect("json diff");
    let v1 = flowlane::canonical::parse(samples::FILES[1].1).unwrap();
    let v2 = flowlane::canonical::parse(samples::FILES[2].1).unwrap();
    assert_eq!(parsed, flowlane::diff::diff(&v1, &v2));

    let same = flowlane(&lib, &["diff", "Accounts payable", "2", "2"]);
    assert_eq!(same.stdout, "no changes\n");
    let missing = flowlane(&lib, &["diff", "Accounts payable", "1", "7"]);
    missing.refused(1, "has no version 7");
    let bad = flowlane(&lib, &["diff", "Accounts payable", "1", "latest"]);
    bad.refused(2, "not a version number or `draft`");
}

#[test]
fn diff_against_the_draft() {
    let (_dir, lib) = library_with_samples();
    let no_draft = flowlane(&lib, &["diff", "Contract review", "1", "draft"]);
    no_draft.refused(1, "has no draft");

    let mut draft = flowlane::canonical::parse(samples::FILES[3].1).unwrap();
    draft.info.owner = "Head of Legal".into();
    let library = flowlane::store::Library::open(&lib).unwrap();
    library
        .save_draft(&draft, Some(1), chrono::Utc::now())
        .unwrap();
    drop(library);
    let run = flowlane(&lib, &["diff", "Contract review", "1", "draft"]).succeeded();
    assert_eq!(
        run.stdout,
        "1 changed\n~ process \"Contract review\"\n    owner: \"General counsel\" → \"Head of Legal\"\n"
    );
}

#[test]
fn verify_exits_2_and_names_what_was_tampered_with() {
    let (_dir, lib) = library_with_samples();
    let clean = flowlane(&lib, &["verify"]).succeeded();
    clean.printed("ok: every version matches its hash");

    let sql = "DROP TRIGGER versions_are_immutable;
               UPDATE versions SET definition = replace(definition, '10000', '10001') WHERE number = 2;";
    let edit = Command::new("sqlite3")
        .arg(&lib)
        .arg(sql)
        .output()
        .expect("sqlite3 runs");
    assert!(
        edit.status.success(),
        "{}",
        String::from_utf8_lossy(&edit.stderr)
    );
    let tampered = flowlane(&lib, &["verify"]);
    assert_eq!(tampered.status, 2);
    tampered.printed("TAMPERED \"Accounts payable\" v2: its definition was edited");
    assert!(
        tampered
            .stderr
            // The removed trigger, and v2 (stored compressed, so replace() leaves text that is
            // no definition) both unreadable and edited.
            .contains("the library was changed outside Flowlane: 3 problem(s) found"),
        "{}",
        tampered.stderr
    );
}

#[test]
fn generate_writes_the_same_bytes_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("unused.flowlane");
    let file = dir.path().join("big.json");
    flowlane(
        &lib,
        &[
            "generate",
            "--nodes",
            "300",
            "--lanes",
            "6",
            "--seed",
            "9",
            "-o",
            file.to_str().unwrap(),
        ],
    )
    .succeeded();
    let again = flowlane(
        &lib,
        &["generate", "--nodes", "300", "--lanes", "6", "--seed", "9"],
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(again.stdout, written);
    let process = flowlane::canonical::parse(&written).unwrap();
    assert_eq!((process.nodes.len(), process.lanes.len()), (300, 6));
    let too_small = flowlane(&lib, &["generate", "--nodes", "1"]);
    assert_eq!(too_small.status, 2);
}

#[test]
fn save_stores_the_next_version() {
    let (dir, lib) = library_with_samples();
    let exported = flowlane(&lib, &["export", "Contract review", "--format", "json"]).stdout;
    let edited = exported.replace(
        "\"owner\": \"General counsel\"",
        "\"owner\": \"Head of Legal\"",
    );
    let file = dir.path().join("contract.json");
    std::fs::write(&file, edited).unwrap();
    let save = flowlane(
        &lib,
        &[
            "save",
            "Contract review",
            file.to_str().unwrap(),
            "-m",
            "New owner",
        ],
    )
    .succeeded();
    save.printed("saved Contract review v2");
    assert_eq!(
        save.stderr, "",
        "a valid design saves without a word on stderr"
    );
    let history = flowlane(&lib, &["history", "Contract review"]).stdout;
    assert!(
        history.lines().nth(1).unwrap().contains("cli-test"),
        "{history}"
    );
    // Saving the same file again is refused: nothing changed.
    let again = flowlane(
        &lib,
        &[
            "save",
            "Contract review",
            file.to_str().unwrap(),
            "-m",
            "again",
        ],
    );
    again.refused(1, "nothing changed since version 2");
}

/// Runs `save` with a bad file and checks the message, exit code 2, and an unchanged library.
fn assert_save_refused(contents: &str, expected: &[&str]) {
    let (dir, lib) = library_with_samples();
    let file = dir.path().join("bad.json");
    std::fs::write(&file, contents).unwrap();
    let before = flowlane(&lib, &["history", "Contract review"]).stdout;
    let bytes_before = std::fs::read(&lib).unwrap();
    let run = flowlane(
        &lib,
        &[
            "save",
            "Contract review",
            file.to_str().unwrap(),
            "-m",
            "bad",
        ],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    for text in expected {
        assert!(
            run.stderr.contains(text),
            "expected {text:?} in {}",
            run.stderr
        );
    }
    assert_eq!(
        flowlane(&lib, &["history", "Contract review"]).stdout,
        before
    );
    assert_eq!(std::fs::read(&lib).unwrap(), bytes_before);
}

#[test]
fn malformed_json_names_file_line_and_column() {
    let broken = samples::FILES[3].1.replacen(
        "\"name\": \"Contract review\",",
        "\"name\": \"Contract review\"",
        1,
    );
    assert_save_refused(&broken, &["bad.json: line 6, column 5"]);
}

#[test]
fn structurally_invalid_definition_is_refused() {
    let mut process = flowlane::canonical::parse(samples::FILES[3].1).unwrap();
    process.nodes[0].lane = uuid::Uuid::nil();
    let broken = String::from_utf8(flowlane::canonical::to_bytes(&process)).unwrap();
    assert_save_refused(&broken, &["is not a valid process", "unknown-lane"]);
}

#[test]
fn a_file_of_another_process_is_refused() {
    assert_save_refused(samples::FILES[0].1, &["not \"Contract review\""]);
}

#[test]
fn init_never_replaces_and_foreign_files_are_refused() {
    let (dir, lib) = library_with_samples();
    let again = flowlane(&lib, &["init"]);
    assert_eq!(again.status, 1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);

    let foreign = dir.path().join("notes.txt");
    std::fs::write(&foreign, "shopping list").unwrap();
    let run = flowlane(&foreign, &["list"]);
    run.refused(2, "is not a Flowlane library");
    assert_eq!(std::fs::read_to_string(&foreign).unwrap(), "shopping list");

    let missing = flowlane(&dir.path().join("nope.flowlane"), &["list"]);
    missing.refused(1, "flowlane init --samples");
}

#[test]
fn unknown_process_and_version_are_clear() {
    let (_dir, lib) = library_with_samples();
    let run = flowlane(&lib, &["show", "Payroll"]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("no process matches \"Payroll\""));
    let run = flowlane(&lib, &["show", "Contract review", "--version", "9"]);
    assert!(run.stderr.contains("has no version 9"), "{}", run.stderr);
}

/// Writes `process` into the temp dir as canonical JSON and returns the path.
fn write_definition(dir: &Path, name: &str, process: &flowlane::model::Process) -> String {
    let file = dir.join(name);
    std::fs::write(&file, flowlane::canonical::to_bytes(process)).unwrap();
    file.to_string_lossy().into_owned()
}

#[test]
fn validate_exits_0_clean_1_warnings_2_errors() {
    let (dir, lib) = library_with_samples();
    let clean = flowlane(&lib, &["validate", "Accounts payable"]);
    assert_eq!(clean.status, 0, "{}{}", clean.stdout, clean.stderr);
    assert_eq!(clean.stdout, "Accounts payable v2: no problems\n");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/contract-review.json");
    let file = flowlane(&lib, &["validate", sample.to_str().unwrap()]);
    assert_eq!(file.status, 0, "{}", file.stdout);

    let contract = flowlane::canonical::parse(samples::FILES[3].1).unwrap();
    let mut unassigned = contract.clone();
    let task = unassigned
        .nodes
        .iter_mut()
        .find(|n| n.name == "Review terms")
        .unwrap();
    if let flowlane::model::NodeKind::Task { assignee, .. } = &mut task.kind {
        assignee.clear();
    }
    let warn = write_definition(dir.path(), "warn.json", &unassigned);
    let run = flowlane(&lib, &["validate", &warn]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(
        run.stdout.starts_with(
            "warning[task-without-assignee]: \"Review terms\" has no assignee\n    hint: "
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("warn.json: 0 errors, 1 warning\n"));

    let mut broken = unassigned.clone();
    let signed_off = broken
        .flows
        .iter_mut()
        .find(|f| f.condition.as_deref() == Some("signed_off == true"))
        .unwrap();
    signed_off.condition = None;
    let signed_off = signed_off.id;
    let error = write_definition(dir.path(), "error.json", &broken);
    let run = flowlane(&lib, &["validate", &error, "--format", "json"]);
    assert_eq!(run.status, 2, "{}", run.stdout);
    assert!(
        run.stdout.starts_with("{\n  \"subject\": "),
        "{}",
        run.stdout
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["errors"], 1, "{report:#}");
    assert_eq!(report["warnings"], 1);
    let codes: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["condition-missing", "task-without-assignee"]);
    assert_eq!(report["problems"][0]["severity"], "error");
    assert_eq!(report["problems"][0]["element"], signed_off.to_string());
    assert!(report["problems"][0]["hint"]
        .as_str()
        .unwrap()
        .contains("default flow"));

    // Design problems never block saving; only structural errors do.
    // Saving says what it accepted: the errors `validate` reports, on stderr.
    let save = flowlane(&lib, &["save", "Contract review", &error, "-m", "wip"]).succeeded();
    assert!(
        save.stdout.starts_with("saved Contract review v2"),
        "{}",
        save.stdout
    );
    assert!(
        save.stderr.contains("error[condition-missing]: ")
            && save
                .stderr
                .ends_with("Contract review v2 (saved): 1 error, 0 warnings\n"),
        "{}",
        save.stderr
    );
    let saved = flowlane(&lib, &["validate", "Contract review"]);
    assert_eq!(saved.status, 2);
    assert!(saved
        .stdout
        .ends_with("Contract review v2: 1 error, 1 warning\n"));
    let first = flowlane(&lib, &["validate", "Contract review", "--version", "1"]);
    assert_eq!(first.status, 0, "{}", first.stdout);

    let malformed = dir.path().join("malformed.json");
    std::fs::write(&malformed, "{").unwrap();
    let run = flowlane(&lib, &["validate", malformed.to_str().unwrap()]);
    run.refused(2, "malformed.json: line");
}

#[test]
fn rule_levels_are_kept_per_library() {
    let (dir, lib) = library_with_samples();
    let mut process = flowlane::canonical::parse(samples::FILES[3].1).unwrap();
    process.lanes[0].trigger.clear();
    let file = write_definition(dir.path(), "no-trigger.json", &process);
    assert_eq!(flowlane(&lib, &["validate", &file]).status, 1);

    let set = flowlane(&lib, &["rules", "lane-without-trigger", "off"]).succeeded();
    assert!(set.stdout.contains("lane-without-trigger") && set.stdout.contains("off"));
    assert_eq!(flowlane(&lib, &["validate", &file]).status, 0);
    let listed = flowlane(&lib, &["rules"]).stdout;
    assert!(listed.contains("off      (default warning)"), "{listed}");
    assert_eq!(listed.lines().count(), flowlane::validate::RULES.len());

    flowlane(&lib, &["rules", "lane-without-trigger", "error"]);
    assert_eq!(flowlane(&lib, &["validate", &file]).status, 2);
    flowlane(&lib, &["rules", "lane-without-trigger", "default"]);
    assert_eq!(flowlane(&lib, &["validate", &file]).status, 1);

    let unknown = flowlane(&lib, &["rules", "no-such-rule", "off"]);
    assert_eq!(unknown.status, 1);
    assert!(unknown
        .stderr
        .contains("no validation rule \"no-such-rule\""));
    let audit = flowlane::store::Library::open(&lib)
        .unwrap()
        .audit(None)
        .unwrap();
    assert!(audit.iter().any(|e| e.action == "set_rule_level"));
}

/// The version comes from Cargo.toml; the commit only when the build was given one
/// (`scripts/package` sets `FLOWLANE_COMMIT`; the installed-app test checks the packaged one).
#[test]
fn version_prints_the_cargo_version_and_the_commit_it_was_built_from() {
    let dir = tempfile::tempdir().expect("a folder");
    let run = flowlane(&dir.path().join("none.flowlane"), &["--version"]).succeeded();
    let expected = match option_env!("FLOWLANE_COMMIT") {
        Some(commit) if !commit.is_empty() => {
            format!("flowlane {} (commit {commit})\n", env!("CARGO_PKG_VERSION"))
        }
        _ => format!("flowlane {}\n", env!("CARGO_PKG_VERSION")),
    };
    assert_eq!(run.stdout, expected);
    assert!(
        !dir.path().join("none.flowlane").exists(),
        "nothing was created"
    );
}
