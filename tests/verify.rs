//! Tamper evidence: a library edited outside Flowlane (here with the sqlite3 shell) is caught.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, TimeZone, Utc};
use flowlane::model::Process;
use flowlane::samples;
use flowlane::store::{Library, TamperKind, VerifyReport};
use tempfile::TempDir;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap()
}

fn library_with_samples() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.flowlane");
    Library::create(&path).unwrap().add_samples(at(1)).unwrap();
    (dir, path)
}

/// Runs SQL with the sqlite3 command-line shell, as someone editing the file by hand would.
fn sqlite3(path: &Path, sql: &str) {
    let output = Command::new("sqlite3")
        .arg(path)
        .arg(sql)
        .output()
        .expect("the sqlite3 shell is installed (scripts/setup.sh installs it)");
    assert!(
        output.status.success(),
        "sqlite3 failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn verify(path: &Path) -> VerifyReport {
    Library::open(path).unwrap().verify().unwrap()
}

/// (kind, process name, version) of each problem, in report order.
fn findings(report: &VerifyReport) -> Vec<(TamperKind, String, Option<u32>)> {
    report
        .problems
        .iter()
        .map(|p| (p.kind, p.process_name.clone(), p.version))
        .collect()
}

const AP: &str = "Accounts payable";

#[test]
fn an_untouched_library_verifies_clean() {
    let (_dir, path) = library_with_samples();
    let report = verify(&path);
    assert!(report.is_clean(), "{}", report.render());
    assert_eq!((report.processes, report.versions), (3, 4));
    assert_eq!(
        report.render(),
        "checked 4 version(s) of 3 process(es)\nok: every version matches its hash, the hash chains and the audit log\n"
    );
}

#[test]
fn a_byte_edited_with_the_sqlite3_shell_is_caught() {
    let (_dir, path) = library_with_samples();
    sqlite3(
        &path,
        "DROP TRIGGER versions_are_immutable;
         UPDATE versions SET definition = replace(definition, '10000', '10001') WHERE number = 2;",
    );
    let report = verify(&path);
    assert_eq!(
        findings(&report),
        [
            (TamperKind::MissingTrigger, String::new(), None),
            // The shell's replace() turns the compressed frame into text that is not a definition.
            (TamperKind::UnreadableRow, AP.to_string(), Some(2)),
            (TamperKind::EditedDefinition, AP.to_string(), Some(2)),
        ]
    );
    let text = report.render();
    assert!(
        text.contains("TAMPERED library: the safeguard `versions_are_immutable` was removed"),
        "{text}"
    );
    assert!(
        text.contains("TAMPERED \"Accounts payable\" v2: its definition was edited: it hashes to "),
        "{text}"
    );
    assert!(text.ends_with("3 problem(s): this library was changed outside Flowlane\n"));
}

#[test]
fn a_version_rewritten_with_a_matching_hash_breaks_the_chain() {
    let (_dir, path) = library_with_samples();
    // v1 replaced wholesale by v2's definition and hash: self-consistent, but not what was saved.
    sqlite3(
        &path,
        "DROP TRIGGER versions_are_immutable;
         UPDATE versions SET (definition, hash) =
           (SELECT definition, hash FROM versions w WHERE w.process_id = versions.process_id AND w.number = 2)
         WHERE number = 1 AND process_id = (SELECT process_id FROM versions WHERE number = 2);",
    );
    let report = verify(&path);
    // v2 is stored compressed against v1, so neither reads back any more, and with no readable
    // version left the process is named by its id.
    let ap = samples::versions()
        .into_iter()
        .find(|(p, _)| p.info.name == AP)
        .unwrap()
        .0
        .id
        .to_string();
    assert_eq!(
        findings(&report),
        [
            (TamperKind::MissingTrigger, String::new(), None),
            (TamperKind::UnreadableRow, ap.clone(), Some(1)),
            (TamperKind::UnreadableRow, ap.clone(), Some(2)),
            (TamperKind::BrokenChain, ap.clone(), Some(2)),
            (TamperKind::HashDiffersFromAudit, ap, Some(1)),
        ]
    );
}

#[test]
fn a_deleted_latest_version_is_caught_through_the_audit_log() {
    let (_dir, path) = library_with_samples();
    sqlite3(
        &path,
        "DROP TRIGGER versions_are_kept; DELETE FROM versions WHERE number = 2;",
    );
    let report = verify(&path);
    assert_eq!(
        findings(&report),
        [
            (TamperKind::MissingTrigger, String::new(), None),
            (TamperKind::DeletedVersion, AP.to_string(), Some(2)),
        ]
    );
    assert!(report.render().contains(
        "TAMPERED \"Accounts payable\" v2: it was deleted: the audit log records saving it"
    ));
}

#[test]
fn a_deleted_middle_version_leaves_a_gap_and_a_broken_link() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.flowlane");
    let mut library = Library::create(&path).unwrap();
    let mut process: Process = samples::versions().swap_remove(3).0;
    for (day, owner) in [(1, "Ana"), (2, "Ben"), (3, "Cy")] {
        process.info.owner = owner.into();
        library
            .save_version(&process, "ana", owner, at(day))
            .unwrap();
    }
    drop(library);
    sqlite3(
        &path,
        "DROP TRIGGER versions_are_kept; DELETE FROM versions WHERE number = 2;",
    );
    let report = verify(&path);
    let name = "Contract review".to_string();
    assert_eq!(
        findings(&report),
        [
            (TamperKind::MissingTrigger, String::new(), None),
            // v3 was stored compressed against v2: without it, v3 cannot be read back.
            (TamperKind::UnreadableRow, name.clone(), Some(3)),
            (TamperKind::MissingVersion, name.clone(), Some(2)),
            (TamperKind::BrokenChain, name, Some(3)),
        ]
    );
    assert!(report
        .render()
        .contains("\"Contract review\" v2: version 2 is missing: it was deleted"));
}

#[test]
fn deleted_audit_entries_are_caught() {
    let (_dir, path) = library_with_samples();
    sqlite3(
        &path,
        "DROP TRIGGER audit_is_append_only_d;
         DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit WHERE action = 'save_version');",
    );
    let report = verify(&path);
    let kinds: Vec<TamperKind> = report.problems.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            TamperKind::MissingTrigger,
            TamperKind::UnrecordedVersion,
            TamperKind::AuditGap,
        ]
    );
    assert!(report
        .render()
        .contains("1 of 14 audit log entries are missing"));
}
