//! What the file alone cannot show: its newest versions deleted together with their audit
//! entries (sequence reset, triggers put back), or the audit log rewritten to match a forged
//! version. A checkpoint file and the linked git repository are anchors outside the file.

mod support;

use std::path::Path;

use flowlane::model::Process;
use flowlane::samples;
use flowlane::store::{Checkpoint, Library, TamperKind};
use flowlane::sync;
use rusqlite::Connection;
use support::cli::flowlane;
use support::tamper::{at, library, tamper, text_of, NAME};

/// Contract review's v3 and v4 gone with their audit entries, listed headings and the sequence
/// reset: the file is consistent in itself.
const TRUNCATE: &str = "
    CREATE TEMP TABLE gone AS SELECT process_id FROM versions WHERE number = 4;
    DELETE FROM audit WHERE seq >= (SELECT seq FROM audit WHERE action = 'save_version'
        AND process_id IN gone AND json_extract(detail, '$.version') = 3);
    DELETE FROM sync_commits WHERE process_id IN gone AND number > 2;
    DELETE FROM headings WHERE process_id IN gone AND number > 2;
    DELETE FROM versions WHERE process_id IN gone AND number > 2;
    UPDATE sqlite_sequence SET seq = (SELECT MAX(seq) FROM audit) WHERE name = 'audit';";

/// Every one of `lines` is in `out`.
fn assert_says(out: &str, lines: &[&str]) {
    for line in lines {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
}

fn assert_clean_in_itself(path: &Path) {
    let report = Library::open(path).unwrap().verify().unwrap();
    assert!(report.is_clean(), "{}", report.render());
}

#[test]
fn a_truncated_tail_is_caught_by_the_checkpoint_and_the_checkpoint_is_kept() {
    let (dir, path) = library(false);
    let file = dir.path().join("checkpoint.json");
    let file_arg = file.to_str().unwrap();
    let first = flowlane(&path, &["verify", "--checkpoint", file_arg]).succeeded();
    assert!(
        first
            .stdout
            .ends_with(&format!("checkpoint written: {file_arg}\n")),
        "{}",
        first.stdout
    );
    let written = std::fs::read_to_string(&file).unwrap();

    tamper(&path, TRUNCATE);
    assert_clean_in_itself(&path);
    let second = flowlane(&path, &["verify", "--checkpoint", file_arg]);
    assert_eq!(second.status, 2, "{}", second.stdout);
    assert_says(
        &second.stdout,
        &[
            "TAMPERED \"Contract review\" v4: versions were deleted from the end: the checkpoint recorded v4 (hash ",
            "the library's newest is now v2",
            "TAMPERED library: the audit log has ",
            &format!("checked against the checkpoint {file_arg}"),
            &format!("the checkpoint {file_arg} was left as it was"),
        ],
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
}

#[test]
fn a_clean_check_updates_the_checkpoint_to_the_new_versions() {
    let (dir, path) = library(false);
    let file = dir.path().join("checkpoint.json");
    let file_arg = file.to_str().unwrap();
    assert_eq!(
        flowlane(&path, &["verify", "--checkpoint", file_arg]).status,
        0
    );
    let again = flowlane(&path, &["verify", "--checkpoint", file_arg]);
    assert!(
        again
            .stdout
            .ends_with(&format!("checkpoint unchanged: {file_arg}\n")),
        "{}",
        again.stdout
    );
    let mut process: Process = samples::versions().swap_remove(3).0;
    process.info.owner = "Dee".into();
    Library::open(&path)
        .unwrap()
        .save_version(&process, "ana", "Dee", at(5))
        .unwrap();
    let run = flowlane(&path, &["verify", "--checkpoint", file_arg]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with(&format!("checkpoint updated: {file_arg}\n")),
        "{}",
        run.stdout
    );
    let checkpoint = Checkpoint::from_json(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let newest: Vec<(&str, u32)> = checkpoint
        .processes
        .values()
        .filter(|v| v.name == NAME)
        .map(|v| (v.name.as_str(), v.number))
        .collect();
    assert_eq!(newest, [(NAME, 5)]);
}

/// v4 edited, its hash recomputed and the audit log's record of it too: only the checkpoint
/// still knows what was saved.
#[test]
fn a_rehash_that_rewrote_the_audit_log_too_is_caught_by_the_checkpoint() {
    let (_dir, path) = library(false);
    let checkpoint = Library::open(&path).unwrap().checkpoint().unwrap();
    let conn = Connection::open(&path).unwrap();
    let id: String = conn
        .query_row(
            "SELECT process_id FROM versions WHERE number = 4",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let definition = text_of(&path, 4);
    let forged = definition.replace("\"Cy\"", "\"Eve\"");
    let hash = flowlane::canonical::hash_bytes(forged.as_bytes());
    tamper(
        &path,
        &format!(
            "UPDATE versions SET definition = '{}', hash = '{hash}' WHERE process_id = '{id}' AND number = 4;
             UPDATE audit SET detail = json_set(detail, '$.hash', '{hash}')
               WHERE process_id = '{id}' AND json_extract(detail, '$.version') = 4;
             UPDATE headings SET owner = 'Eve' WHERE process_id = '{id}' AND number = 4;",
            forged.replace('\'', "''")
        ),
    );
    assert_clean_in_itself(&path);
    let problems = Library::open(&path)
        .unwrap()
        .check_checkpoint(&checkpoint)
        .unwrap();
    let found: Vec<(TamperKind, &str, Option<u32>)> = problems
        .iter()
        .map(|p| (p.kind, p.process_name.as_str(), p.version))
        .collect();
    assert_eq!(
        found,
        [
            (TamperKind::DiffersFromAnchor, NAME, Some(4)),
            (TamperKind::EditedAudit, "", None),
        ]
    );
}

#[test]
fn an_edited_audit_entry_is_caught_by_the_checkpoint() {
    let (_dir, path) = library(false);
    let checkpoint = Library::open(&path).unwrap().checkpoint().unwrap();
    tamper(&path, "UPDATE audit SET actor = 'eve' WHERE seq = 1;");
    assert_clean_in_itself(&path);
    let problems = Library::open(&path)
        .unwrap()
        .check_checkpoint(&checkpoint)
        .unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, TamperKind::EditedAudit);
    assert!(problems[0].message.contains("the log was edited"));
}

#[test]
fn a_truncated_tail_is_caught_against_the_linked_repository() {
    let (_dir, path) = library(true);
    {
        let mut library = Library::open(&path).unwrap();
        let cache = sync::cache_dir(&path);
        sync::push(&mut library, &cache, "ana", at(5)).unwrap();
        let anchor = sync::anchor::check(&library, &cache).unwrap().unwrap();
        assert!(anchor.problems.is_empty(), "{:?}", anchor.problems);
    }
    tamper(&path, TRUNCATE);
    assert_clean_in_itself(&path);
    let run = flowlane(&path, &["verify"]);
    assert_eq!(run.status, 2, "{}", run.stdout);
    assert_says(
        &run.stdout,
        &[
            "TAMPERED \"Contract review\" v4: versions were deleted from the end: the linked repository holds v4 (commit ",
            "the library's newest is v2",
            "checked against the linked repository ",
        ],
    );
}

#[test]
fn a_checkpoint_that_is_not_one_is_refused_and_left_alone() {
    let (dir, path) = library(false);
    let file = dir.path().join("checkpoint.json");
    std::fs::write(&file, "my notes").unwrap();
    let run = flowlane(&path, &["verify", "--checkpoint", file.to_str().unwrap()]);
    assert_eq!(run.status, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("the checkpoint cannot be read"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my notes");
}
