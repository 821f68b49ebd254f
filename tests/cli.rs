//! The `flowlane` binary end to end, on a temporary library.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use flowlane::samples;

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn flowlane(library: &Path, args: &[&str]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_flowlane"))
        .args(args)
        .env("FLOWLANE_LIBRARY", library)
        .env("FLOWLANE_AUTHOR", "cli-test")
        .output()
        .expect("flowlane runs");
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn library_with_samples() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.flowlane");
    let run = flowlane(&path, &["init", "--samples"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    (dir, path)
}

#[test]
fn init_list_show_history_export() {
    let (_dir, lib) = library_with_samples();
    let list = flowlane(&lib, &["list"]);
    assert_eq!(list.stdout.lines().count(), 3, "{}", list.stdout);
    assert!(list.stdout.contains("Employee onboarding") && list.stdout.contains("v2"));

    let show = flowlane(&lib, &["show", "employee onboarding"]);
    assert_eq!(show.status, 0, "{}", show.stderr);
    assert!(
        show.stdout
            .contains("lane \"IT provisioning\" team=\"IT Service Desk\""),
        "{}",
        show.stdout
    );
    assert!(show
        .stdout
        .contains("parallel gateway \"Prepare in parallel\""));

    let history = flowlane(&lib, &["history", "Accounts payable"]);
    let lines: Vec<&str> = history.stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[1].starts_with("v2") && lines[1].contains("CFO approval tier"));
    let before = flowlane(&lib, &["history", "Accounts payable", "--at", "2000-01-01"]);
    assert_eq!(before.stdout.trim(), "no version was in force then");

    let v1 = flowlane(
        &lib,
        &[
            "export",
            "Accounts payable",
            "--version",
            "1",
            "--format",
            "json",
        ],
    );
    assert_eq!(v1.stdout, samples::FILES[1].1);
    let latest = flowlane(&lib, &["export", "Accounts payable", "--format", "json"]);
    assert_eq!(latest.stdout, samples::FILES[2].1);

    let diff = flowlane(&lib, &["diff", "Accounts payable", "1", "2"]);
    assert!(
        diff.stdout
            .contains("+  task \"CFO approval\" [Executive approval] assignee=\"CFO\""),
        "{}",
        diff.stdout
    );
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
    );
    assert_eq!(save.status, 0, "{}", save.stderr);
    assert!(
        save.stdout.contains("saved Contract review v2"),
        "{}",
        save.stdout
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
    assert_eq!(again.status, 1);
    assert!(
        again.stderr.contains("nothing changed since version 2"),
        "{}",
        again.stderr
    );
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
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("is not a Flowlane library"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&foreign).unwrap(), "shopping list");

    let missing = flowlane(&dir.path().join("nope.flowlane"), &["list"]);
    assert_eq!(missing.status, 1);
    assert!(
        missing.stderr.contains("flowlane init --samples"),
        "{}",
        missing.stderr
    );
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
