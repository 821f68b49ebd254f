//! Library settings: rule levels per library, and what validation learns from the library.

use chrono::{TimeZone, Utc};
use flowlane::store::{Library, StoreError};
use flowlane::validate::{self, Level};

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::create(&dir.path().join("lib.flowlane")).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    library.add_samples(at).unwrap();
    (dir, library)
}

#[test]
fn rule_levels_are_set_reset_and_audited() {
    let (_dir, mut library) = library();
    let at = Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0).unwrap();
    assert!(library.rule_levels().unwrap().is_empty());

    library
        .set_rule_level("deadlock", Some(Level::Warning), "ana", at)
        .unwrap();
    library
        .set_rule_level("task-without-assignee", Some(Level::Off), "ana", at)
        .unwrap();
    library
        .set_rule_level("deadlock", Some(Level::Error), "ben", at)
        .unwrap();
    let levels = library.rule_levels().unwrap();
    assert_eq!(levels.get("deadlock"), Some(&Level::Error));
    assert_eq!(levels.get("task-without-assignee"), Some(&Level::Off));

    library.set_rule_level("deadlock", None, "ana", at).unwrap();
    assert_eq!(library.rule_levels().unwrap().len(), 1);

    let err = library
        .set_rule_level("unique-id", Some(Level::Off), "ana", at)
        .unwrap_err();
    assert!(matches!(err, StoreError::UnknownRule(_)), "{err}");
    assert_eq!(err.code(), "unknown_rule");

    let audit = library.audit(None).unwrap();
    let changes: Vec<&serde_json::Value> = audit
        .iter()
        .filter(|e| e.action == "set_rule_level")
        .map(|e| &e.detail)
        .collect();
    assert_eq!(changes.len(), 4, "the refused change is not recorded");
    assert_eq!(
        changes[3],
        &serde_json::json!({"rule": "deadlock", "level": "default"})
    );
}

#[test]
fn the_validation_context_knows_processes_versions_and_levels() {
    let (_dir, mut library) = library();
    let at = Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0).unwrap();
    library
        .set_rule_level("livelock", Some(Level::Off), "ana", at)
        .unwrap();
    let context = library.validation_context().unwrap();
    let processes = context.processes.as_ref().unwrap();
    assert_eq!(processes.len(), 3);
    let payables = processes
        .values()
        .find(|p| p.name == "Accounts payable")
        .unwrap();
    assert_eq!(payables.versions, [1, 2]);
    assert_eq!(context.levels.get("livelock"), Some(&Level::Off));
    assert_eq!(context.state_limit, validate::DEFAULT_STATE_LIMIT);
}
