//! Tamper evidence, one test per way of editing the file by hand (with rusqlite here, dropping
//! the triggers that forbid it as an attacker would): verify names each, never stops at a row
//! it cannot read, and prints hashes that tell apart.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use flowlane::model::Process;
use flowlane::samples;
use flowlane::store::{Library, TamperKind, VerifyReport};
use rusqlite::Connection;
use tempfile::TempDir;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap()
}

const NAME: &str = "Contract review";

/// The samples, plus "Contract review" saved three more times (v2–v4 differ only in owner).
fn library() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.flowlane");
    let mut library = Library::create(&path).unwrap();
    library.add_samples(at(1)).unwrap();
    let mut process: Process = samples::versions().swap_remove(3).0;
    for (day, owner) in [(2, "Ana"), (3, "Ben"), (4, "Cy")] {
        process.info.owner = owner.into();
        library
            .save_version(&process, "ana", owner, at(day))
            .unwrap();
    }
    (dir, path)
}

/// The file opened as an attacker would, without the triggers that keep history immutable.
fn attacker(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER versions_are_immutable; DROP TRIGGER versions_are_kept;
         DROP TRIGGER audit_is_append_only_u; DROP TRIGGER audit_is_append_only_d;",
    )
    .unwrap();
    conn
}

fn verify(path: &Path) -> VerifyReport {
    Library::open(path).unwrap().verify().unwrap()
}

/// (kind, process name, version) of each problem but the removed triggers, in report order.
fn findings(report: &VerifyReport) -> Vec<(TamperKind, String, Option<u32>)> {
    report
        .problems
        .iter()
        .filter(|p| p.kind != TamperKind::MissingTrigger)
        .map(|p| (p.kind, p.process_name.clone(), p.version))
        .collect()
}

fn contract(conn: &Connection) -> String {
    conn.query_row(
        "SELECT process_id FROM versions WHERE number = 3",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

fn sha256(bytes: &[u8]) -> String {
    flowlane::canonical::hash_bytes(bytes)
}

#[test]
fn a_definition_edited_in_place_is_caught_and_one_that_no_longer_parses_is_named() {
    let (_dir, path) = library();
    let conn = attacker(&path);
    let id = contract(&conn);
    conn.execute(
        "UPDATE versions SET definition = replace(definition, '\"Ben\"', '\"Bob\"') WHERE process_id = ?1 AND number = 3",
        [&id],
    )
    .unwrap();
    conn.execute(
        "UPDATE versions SET definition = substr(definition, 2) WHERE process_id = ?1 AND number = 1",
        [&id],
    )
    .unwrap();
    let report = verify(&path);
    let name = NAME.to_string();
    assert_eq!(
        findings(&report),
        [
            (TamperKind::UnreadableRow, name.clone(), Some(1)),
            (TamperKind::EditedDefinition, name.clone(), Some(1)),
            (TamperKind::EditedDefinition, name, Some(3)),
        ]
    );
    assert!(report
        .render()
        .contains("\"Contract review\" v1: its definition cannot be read: "));
}

#[test]
fn a_definition_that_is_not_utf8_is_reported_with_its_process_and_version() {
    let (_dir, path) = library();
    let conn = attacker(&path);
    let id = contract(&conn);
    conn.execute(
        "UPDATE versions SET definition = CAST(X'7BFF7D' AS TEXT) WHERE process_id = ?1 AND number = 2",
        [&id],
    )
    .unwrap();
    let report = verify(&path);
    let name = NAME.to_string();
    assert_eq!(
        findings(&report),
        [
            (TamperKind::UnreadableRow, name.clone(), Some(2)),
            (TamperKind::EditedDefinition, name, Some(2)),
        ]
    );
    assert!(report.render().contains(
        "TAMPERED \"Contract review\" v2: its definition cannot be read: byte 1 is not UTF-8"
    ));
}

#[test]
fn a_middle_version_deleted_leaves_a_gap() {
    let (_dir, path) = library();
    let conn = attacker(&path);
    conn.execute(
        "DELETE FROM versions WHERE process_id = ?1 AND number = 2",
        [contract(&conn)],
    )
    .unwrap();
    let name = NAME.to_string();
    assert_eq!(
        findings(&verify(&path)),
        [
            (TamperKind::MissingVersion, name.clone(), Some(2)),
            (TamperKind::BrokenChain, name, Some(3)),
        ]
    );
}

#[test]
fn two_versions_with_their_numbers_swapped_break_the_chain_and_the_audit_log() {
    let (_dir, path) = library();
    let conn = attacker(&path);
    conn.execute_batch(&format!(
        "UPDATE versions SET number = 99 WHERE process_id = '{0}' AND number = 2;
         UPDATE versions SET number = 2 WHERE process_id = '{0}' AND number = 3;
         UPDATE versions SET number = 3 WHERE process_id = '{0}' AND number = 99;",
        contract(&conn)
    ))
    .unwrap();
    let name = NAME.to_string();
    assert_eq!(
        findings(&verify(&path)),
        [
            (TamperKind::BrokenChain, name.clone(), Some(2)),
            (TamperKind::BrokenChain, name.clone(), Some(3)),
            (TamperKind::BrokenChain, name.clone(), Some(4)),
            (TamperKind::HashDiffersFromAudit, name.clone(), Some(2)),
            (TamperKind::HashDiffersFromAudit, name, Some(3)),
        ]
    );
}

/// v3 edited, its hash and v4's link recomputed: the chain holds, the audit log does not.
#[test]
fn a_definition_rehashed_with_its_chain_disagrees_with_the_audit_log() {
    let (_dir, path) = library();
    let conn = attacker(&path);
    let id = contract(&conn);
    let definition: String = conn
        .query_row(
            "SELECT definition FROM versions WHERE process_id = ?1 AND number = 3",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    let forged = definition.replace("\"Ben\"", "\"Bob\"");
    let hash = sha256(forged.as_bytes());
    conn.execute(
        "UPDATE versions SET definition = ?2, hash = ?3 WHERE process_id = ?1 AND number = 3",
        [&id, &forged, &hash],
    )
    .unwrap();
    conn.execute(
        "UPDATE versions SET prev_hash = ?2 WHERE process_id = ?1 AND number = 4",
        [&id, &hash],
    )
    .unwrap();
    assert_eq!(
        findings(&verify(&path)),
        [(TamperKind::HashDiffersFromAudit, NAME.to_string(), Some(3))]
    );
}

/// The last character of a recorded hash flipped: the two hashes share far more than 12
/// characters, so the message shows them in full.
#[test]
fn an_audit_hash_flipped_at_its_end_is_shown_in_full() {
    let (_dir, path) = library();
    let conn = attacker(&path);
    let id = contract(&conn);
    let hash: String = conn
        .query_row(
            "SELECT hash FROM versions WHERE process_id = ?1 AND number = 3",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    let last = if hash.ends_with('0') { "1" } else { "0" };
    let flipped = format!("{}{last}", &hash[..hash.len() - 1]);
    conn.execute(
        "UPDATE audit SET detail = json_set(detail, '$.hash', ?2)
         WHERE process_id = ?1 AND action = 'save_version' AND json_extract(detail, '$.version') = 3",
        [&id, &flipped],
    )
    .unwrap();
    let report = verify(&path);
    assert_eq!(
        findings(&report),
        [(TamperKind::HashDiffersFromAudit, NAME.to_string(), Some(3))]
    );
    let text = report.render();
    assert!(
        text.contains(&format!(
            "it was replaced: its hash is {hash}, but the audit log recorded {flipped} when it was saved"
        )),
        "{text}"
    );
}

#[test]
fn an_audit_entry_that_is_not_json_is_reported_and_the_check_goes_on() {
    let (_dir, path) = library();
    let conn = attacker(&path);
    conn.execute(
        "UPDATE audit SET detail = CAST(X'7B22FF' AS TEXT)
         WHERE seq = (SELECT MAX(seq) FROM audit WHERE action = 'save_version')",
        [],
    )
    .unwrap();
    let report = verify(&path);
    let name = NAME.to_string();
    assert_eq!(
        findings(&report),
        [
            (TamperKind::UnrecordedVersion, name.clone(), Some(4)),
            (TamperKind::UnreadableRow, name, None),
        ]
    );
    assert!(
        report.render().contains("audit log entry "),
        "{}",
        report.render()
    );
}

/// Tags, scenarios, archiving and rule levels are each checked against their audit entries.
#[test]
fn every_audited_table_is_checked_against_the_audit_log() {
    let (_dir, path) = library();
    {
        let mut library = Library::open(&path).unwrap();
        let id = library.find(NAME).unwrap().id;
        library.tag(id, 2, "approved", "ana", at(5)).unwrap();
        library.set_archived(id, true, "ana", at(5)).unwrap();
        library
            .set_rule_level(
                "deadlock",
                Some(flowlane::validate::Level::Off),
                "ana",
                at(5),
            )
            .unwrap();
        assert!(library.verify().unwrap().is_clean());
    }
    let conn = attacker(&path);
    let id = contract(&conn);
    conn.execute_batch(&format!(
        "DELETE FROM tags WHERE tag = 'approved';
         INSERT INTO tags VALUES ('{id}', 1, 'in production', 'eve', '2026-03-06T09:00:00.000Z');
         DELETE FROM archived;
         UPDATE settings SET value = 'error' WHERE key = 'rule.deadlock';
         UPDATE scenarios SET version = 2 WHERE process_id = '{id}';"
    ))
    .unwrap();
    let report = verify(&path);
    let kinds: Vec<TamperKind> = findings(&report).into_iter().map(|f| f.0).collect();
    assert_eq!(
        kinds,
        [
            TamperKind::UnrecordedChange, // the tag added
            TamperKind::UndoneChange,     // the tag removed
            TamperKind::UnrecordedChange, // the scenario moved to another version
            TamperKind::UndoneChange,     // the archiving undone
            TamperKind::UnrecordedChange, // the rule level changed
        ],
        "{}",
        report.render()
    );
    let text = report.render();
    assert!(text.contains("\"Contract review\" v1: its tag \"in production\" was never recorded"));
    assert!(text.contains(
        "the setting rule.deadlock is \"error\", but the audit log records \"off\" last"
    ));
}

#[test]
fn a_scenario_deleted_is_caught() {
    let (_dir, path) = library();
    let conn = attacker(&path);
    conn.execute(
        "DELETE FROM scenarios WHERE process_id = ?1",
        [contract(&conn)],
    )
    .unwrap();
    let report = verify(&path);
    assert_eq!(
        findings(&report)
            .into_iter()
            .map(|f| (f.0, f.1))
            .collect::<Vec<_>>(),
        [(TamperKind::UndoneChange, NAME.to_string())],
        "{}",
        report.render()
    );
}
