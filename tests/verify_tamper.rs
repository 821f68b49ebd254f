//! Tamper evidence, one test per way of editing the file by hand (with rusqlite here, dropping
//! the triggers that forbid it as an attacker would): verify names each, never stops at a row
//! it cannot read, and prints hashes that tell apart. (A version deleted from the middle:
//! `tests/verify.rs`.)

mod support;

use flowlane::store::{Library, TamperKind};
use support::tamper::{
    at, attacker, contract, findings, set_text, set_version, text_of, verify, NAME,
};

fn library() -> (tempfile::TempDir, std::path::PathBuf) {
    support::tamper::library(false)
}

#[test]
fn a_definition_edited_in_place_is_caught_and_one_that_no_longer_parses_is_named() {
    let (_dir, path) = library();
    let (first, third) = (text_of(&path, 1), text_of(&path, 3));
    let conn = attacker(&path);
    set_text(&conn, 3, &third.replace("\"Ben\"", "\"Bob\""));
    set_text(&conn, 1, &first[1..]);
    let report = verify(&path);
    let name = NAME.to_string();
    assert_eq!(
        findings(&report),
        [
            (TamperKind::UnreadableRow, name.clone(), Some(1)),
            (TamperKind::EditedDefinition, name.clone(), Some(1)),
            // v2 and v4 are stored compressed against the versions before them, which changed.
            (TamperKind::UnreadableRow, name.clone(), Some(2)),
            (TamperKind::EditedDefinition, name.clone(), Some(3)),
            (TamperKind::UnreadableRow, name, Some(4)),
        ]
    );
    let text = report.render();
    assert!(text.contains("\"Contract review\" v1: its definition cannot be read: "));
    assert!(text.contains("\"Contract review\" v2: it is stored against version 1, whose definition was changed, so it cannot be read back"), "{text}");
}

#[test]
fn a_definition_that_is_not_utf8_is_reported_with_its_process_and_version() {
    let (_dir, path) = library();
    set_version(&attacker(&path), 2, "definition = CAST(X'7BFF7D' AS TEXT)");
    let report = verify(&path);
    let name = NAME.to_string();
    assert_eq!(
        findings(&report),
        [
            (TamperKind::UnreadableRow, name.clone(), Some(2)),
            (TamperKind::EditedDefinition, name.clone(), Some(2)),
            // Stored against v2 (v3) and so against v3 (v4): neither reads back.
            (TamperKind::UnreadableRow, name.clone(), Some(3)),
            (TamperKind::UnreadableRow, name, Some(4)),
        ]
    );
    assert!(report.render().contains(
        "TAMPERED \"Contract review\" v2: its definition cannot be read: byte 1 is not UTF-8"
    ));
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
            // Each is stored compressed against the version before it, which is no longer there.
            (TamperKind::UnreadableRow, name.clone(), Some(2)),
            (TamperKind::BrokenChain, name.clone(), Some(2)),
            (TamperKind::UnreadableRow, name.clone(), Some(3)),
            (TamperKind::BrokenChain, name.clone(), Some(3)),
            (TamperKind::UnreadableRow, name.clone(), Some(4)),
            (TamperKind::BrokenChain, name.clone(), Some(4)),
            (TamperKind::HashDiffersFromAudit, name.clone(), Some(2)),
            (TamperKind::HashDiffersFromAudit, name, Some(3)),
        ]
    );
}

/// v3's owner edited, its hash and v4's link recomputed: the chain holds, the audit log and
/// the heading listed beside v3 do not.
#[test]
fn a_definition_rehashed_with_its_chain_disagrees_with_the_audit_log() {
    let (_dir, path) = library();
    let conn = attacker(&path);
    let definition = text_of(&path, 3);
    let forged = definition.replace("\"Ben\"", "\"Bob\"");
    let hash = flowlane::canonical::hash_bytes(forged.as_bytes());
    let forged = forged.replace('\'', "''");
    set_version(
        &conn,
        3,
        &format!("definition = '{forged}', hash = '{hash}'"),
    );
    set_version(&conn, 4, &format!("prev_hash = '{hash}'"));
    assert_eq!(
        findings(&verify(&path)),
        [
            (TamperKind::EditedListing, NAME.to_string(), Some(3)),
            (TamperKind::HashDiffersFromAudit, NAME.to_string(), Some(3))
        ]
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
        library
            .set_signing(
                flowlane::store::REQUIRE_SIGNATURES,
                Some("on"),
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
         INSERT INTO tags (process_id, number, tag, author, tagged_at)
           VALUES ('{id}', 1, 'in production', 'eve', '2026-03-06T09:00:00.000Z');
         DELETE FROM settings WHERE key = 'policy.signatures';
         DELETE FROM archived;
         UPDATE settings SET value = 'error' WHERE key = 'rule.deadlock';
         UPDATE scenarios SET version = 2 WHERE process_id = '{id}'
           AND name = 'Contract sent back for revision once';"
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
            TamperKind::UnrecordedChange, // signed versions no longer required
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
    assert!(text.contains(
        "the setting policy.signatures is \"default\", but the audit log records \"on\" last"
    ));
}

#[test]
fn a_scenario_deleted_is_caught() {
    let (_dir, path) = library();
    let conn = attacker(&path);
    conn.execute(
        "DELETE FROM scenarios WHERE process_id = ?1 AND name = 'Contract sent back for revision once'",
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
