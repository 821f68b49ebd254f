//! The library file: versions, history, drafts, tags, audit, and refusing files it must not touch.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use flowlane::model::Process;
use flowlane::store::{Library, StoreError, APPLICATION_ID};
use flowlane::{canonical, samples};
use tempfile::TempDir;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap()
}

fn new_library() -> (TempDir, PathBuf, Library) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.flowlane");
    let library = Library::create(&path).unwrap();
    (dir, path, library)
}

fn sample(index: usize) -> Process {
    samples::versions().swap_remove(index).0
}

#[test]
fn versions_are_numbered_and_chained_by_hash() {
    let (_dir, _, mut library) = new_library();
    let mut process = sample(0);
    let v1 = library
        .save_version(&process, "ana", "first", at(1))
        .unwrap();
    process.info.owner = "Someone else".into();
    let v2 = library
        .save_version(&process, "ben", "new owner", at(2))
        .unwrap();
    assert_eq!((v1.number, v2.number), (1, 2));
    assert_eq!(v1.prev_hash, None);
    assert_eq!(v2.prev_hash.as_deref(), Some(v1.hash.as_str()));
    assert_eq!(v2.hash, canonical::hash(&process));

    let history = library.history(process.id).unwrap();
    assert_eq!(history, vec![v1, v2]);
    let (info, loaded) = library.load(process.id, Some(1)).unwrap();
    assert_eq!((info.number, info.author.as_str()), (1, "ana"));
    assert_eq!(loaded, sample(0));
    assert_eq!(library.load(process.id, None).unwrap().1, process);
}

#[test]
fn saving_an_unchanged_definition_saves_nothing() {
    let (_dir, _, mut library) = new_library();
    let process = sample(2);
    library
        .save_version(&process, "ana", "first", at(1))
        .unwrap();
    let err = library
        .save_version(&process, "ana", "again", at(2))
        .unwrap_err();
    assert!(matches!(err, StoreError::Unchanged(1)));
    assert_eq!(library.history(process.id).unwrap().len(), 1);
}

#[test]
fn a_structurally_broken_definition_is_refused() {
    let (_dir, _, mut library) = new_library();
    let mut process = sample(0);
    process.flows[0].target = process.id;
    let err = library
        .save_version(&process, "ana", "broken", at(1))
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(library.processes().unwrap().is_empty());
}

#[test]
fn version_in_force_at_a_date() {
    let (_dir, _, mut library) = new_library();
    let mut process = sample(3);
    for day in [5, 10, 20] {
        process.info.outcome = format!("outcome of day {day}");
        library
            .save_version(&process, "ana", "edit", at(day))
            .unwrap();
    }
    let number_at = |t| library.version_at(process.id, t).unwrap().map(|v| v.number);
    assert_eq!(number_at(at(4)), None);
    assert_eq!(number_at(at(5)), Some(1));
    assert_eq!(number_at(at(19) + Duration::hours(23)), Some(2));
    assert_eq!(number_at(at(25)), Some(3));
}

#[test]
fn processes_are_listed_with_their_latest_version_and_draft() {
    let (_dir, _, mut library) = new_library();
    library.add_samples(at(1)).unwrap();
    let list = library.processes().unwrap();
    let names: Vec<_> = list.iter().map(|p| (p.name.as_str(), p.latest)).collect();
    assert_eq!(
        names,
        [
            ("Accounts payable", Some(2)),
            ("Contract review", Some(1)),
            ("Employee onboarding", Some(1))
        ]
    );
    assert!(list.iter().all(|p| !p.has_draft));

    let mut draft = sample(0);
    draft.info.name = "Employee onboarding (EU)".into();
    library.save_draft(&draft, Some(1), at(2)).unwrap();
    let onboarding = library.find("employee onboarding (eu)").unwrap();
    assert!(onboarding.has_draft);
    assert_eq!(library.draft(draft.id).unwrap().unwrap().process, draft);
}

#[test]
fn drafts_are_replaced_and_discarded() {
    let (_dir, _, library) = new_library();
    let mut process = sample(3);
    library.save_draft(&process, None, at(1)).unwrap();
    process.info.owner = "Legal ops".into();
    library.save_draft(&process, None, at(2)).unwrap();
    let draft = library.draft(process.id).unwrap().unwrap();
    assert_eq!(
        (draft.process.info.owner.as_str(), draft.saved_at),
        ("Legal ops", at(2))
    );
    // A process that exists only as a draft is listed, without a version.
    assert_eq!(library.processes().unwrap()[0].latest, None);
    library.discard_draft(process.id).unwrap();
    assert_eq!(library.draft(process.id).unwrap(), None);
}

#[test]
fn tags_and_audit_log() {
    let (_dir, _, mut library) = new_library();
    let process = sample(1);
    library
        .save_version(&process, "ana", "first", at(1))
        .unwrap();
    library
        .tag(process.id, 1, "approved", "carla", at(2))
        .unwrap();
    library
        .tag(process.id, 1, "in production", "carla", at(3))
        .unwrap();
    library
        .tag(process.id, 1, "approved", "carla", at(4))
        .unwrap();
    assert_eq!(
        library.history(process.id).unwrap()[0].tags,
        ["approved", "in production"]
    );
    assert!(matches!(
        library.tag(process.id, 7, "approved", "carla", at(5)),
        Err(StoreError::UnknownVersion { number: 7, .. })
    ));

    let blank = library.tag(process.id, 1, "  ", "carla", at(5));
    assert!(matches!(blank, Err(StoreError::EmptyTag)));

    let log = library.audit(Some(process.id)).unwrap();
    let actions: Vec<_> = log
        .iter()
        .map(|e| (e.action.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(
        actions,
        [("save_version", "ana"), ("tag", "carla"), ("tag", "carla")]
    );
}

#[test]
fn versions_and_audit_cannot_be_rewritten_even_with_sql() {
    let (_dir, path, mut library) = new_library();
    library.add_samples(at(1)).unwrap();
    drop(library);
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE versions SET message = 'rewritten'",
        "DELETE FROM versions",
        "UPDATE audit SET actor = 'someone'",
        "DELETE FROM audit",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(
            err.to_string().contains("immutable")
                || err.to_string().contains("never")
                || err.to_string().contains("append-only"),
            "{sql}: {err}"
        );
    }
}

#[test]
fn find_by_id_prefix_and_name() {
    let (_dir, _, mut library) = new_library();
    library.add_samples(at(1)).unwrap();
    let ap = library.find("Accounts payable").unwrap();
    assert_eq!(library.find(&ap.id.to_string()).unwrap().id, ap.id);
    assert!(matches!(
        library.find("nothing like this"),
        Err(StoreError::UnknownProcess(_))
    ));
    // All sample ids share their first 8 characters, so a short prefix is ambiguous.
    let prefix = &ap.id.to_string()[..8];
    assert!(matches!(
        library.find(prefix),
        Err(StoreError::AmbiguousProcess { .. })
    ));
}

#[test]
fn reopening_keeps_everything() {
    let (_dir, path, mut library) = new_library();
    library.add_samples(at(1)).unwrap();
    drop(library);
    let library = Library::open(&path).unwrap();
    assert_eq!(library.processes().unwrap().len(), 3);
}

// --- files that must be refused and left byte-for-byte as they were ---

fn assert_refused_untouched(path: &Path, code: &str) -> String {
    let before = std::fs::read(path).unwrap();
    let err = Library::open(path)
        .err()
        .unwrap_or_else(|| panic!("{} opened", path.display()));
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(std::fs::read(path).unwrap(), before, "file changed");
    err.to_string()
}

fn closed_library_bytes(dir: &Path) -> PathBuf {
    let path = dir.join("lib.flowlane");
    let mut library = Library::create(&path).unwrap();
    library.add_samples(at(1)).unwrap();
    drop(library); // checkpoints the WAL into the main file
    path
}

#[test]
fn refuses_a_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.flowlane");
    std::fs::write(&path, "these are my notes, not a database\n".repeat(10)).unwrap();
    let message = assert_refused_untouched(&path, "not_a_library");
    assert!(message.contains("not an SQLite database"), "{message}");
}

#[test]
fn refuses_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.flowlane");
    std::fs::write(&path, "").unwrap();
    assert!(assert_refused_untouched(&path, "not_a_library").contains("empty"));
}

#[test]
fn refuses_another_applications_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('ana');")
        .unwrap();
    drop(conn);
    assert!(assert_refused_untouched(&path, "not_a_library").contains("another application"));
}

#[test]
fn refuses_a_library_from_a_newer_flowlane() {
    let dir = tempfile::tempdir().unwrap();
    let path = closed_library_bytes(dir.path());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    conn.pragma_update(None, "journal_mode", "delete").unwrap();
    drop(conn);
    let message = assert_refused_untouched(&path, "too_new");
    assert!(message.contains("library format 99"), "{message}");
}

#[test]
fn refuses_a_damaged_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = closed_library_bytes(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 3 * page, "library has several pages");
    // Scribble over every page after the first (which holds the header and schema).
    for (i, b) in bytes[page..].iter_mut().enumerate() {
        *b = (i % 251) as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_refused_untouched(&path, "corrupt");
}

#[test]
fn refuses_a_truncated_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = closed_library_bytes(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    assert_refused_untouched(&path, "corrupt");
}

#[test]
fn create_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("precious.txt");
    std::fs::write(&path, "keep me").unwrap();
    assert!(matches!(
        Library::create(&path),
        Err(StoreError::AlreadyExists(_))
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
}

#[test]
fn a_new_library_is_marked_as_flowlane() {
    let (_dir, path, library) = new_library();
    drop(library);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let id: u32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!((id, version, mode.as_str()), (APPLICATION_ID, 7, "wal"));
}

#[test]
fn restoring_saves_the_old_definition_as_a_new_version() {
    let (_dir, _, mut library) = new_library();
    library.add_samples(at(1)).unwrap();
    let ap = library.find("Accounts payable").unwrap().id;
    let restored = library.restore_version(ap, 1, "dana", at(2)).unwrap();
    assert_eq!(
        (restored.number, restored.message.as_str()),
        (3, "Restore version 1")
    );
    assert_eq!(
        library.load(ap, Some(3)).unwrap().1,
        library.load(ap, Some(1)).unwrap().1
    );
    assert_eq!(
        library.history(ap).unwrap().len(),
        3,
        "nothing was rewritten"
    );
    // Restoring the version that is already current changes nothing.
    assert!(matches!(
        library.restore_version(ap, 3, "dana", at(3)),
        Err(StoreError::Unchanged(3))
    ));
}

#[test]
fn archiving_lists_a_process_apart_keeps_its_history_and_is_audited() {
    let (_dir, _path, mut library) = new_library();
    library.add_samples(at(1)).unwrap();
    let onboarding = sample(0).id;
    library
        .set_archived(onboarding, true, "carla", at(2))
        .unwrap();
    // Twice changes nothing, and is not audited twice.
    library
        .set_archived(onboarding, true, "carla", at(3))
        .unwrap();
    let listed = library.processes().unwrap();
    let entry = listed.iter().find(|p| p.id == onboarding).unwrap();
    assert!(entry.archived);
    assert!(listed
        .iter()
        .filter(|p| p.id != onboarding)
        .all(|p| !p.archived));
    assert_eq!(library.history(onboarding).unwrap().len(), 1);
    library
        .set_archived(onboarding, false, "carla", at(4))
        .unwrap();
    assert!(library.processes().unwrap().iter().all(|p| !p.archived));
    let actions: Vec<String> = library
        .audit(Some(onboarding))
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a.contains("archive"))
        .collect();
    assert_eq!(actions, ["archive", "unarchive"]);
}

#[test]
fn archiving_an_unknown_process_is_refused() {
    let (_dir, _path, mut library) = new_library();
    let ghost = uuid::Uuid::from_u128(7);
    assert!(matches!(
        library.set_archived(ghost, true, "carla", at(1)),
        Err(StoreError::UnknownProcess(_))
    ));
}

#[test]
fn a_new_process_is_a_draft_blank_or_copied_and_needs_a_name() {
    let (_dir, _path, mut library) = new_library();
    let template = sample(0);
    library
        .save_version(&template, "ada", "first", at(1))
        .unwrap();
    let ids = [0xA, 0xB, 0xC].map(uuid::Uuid::from_u128);

    let unnamed = library.create_process("  ", None, ids, at(2));
    assert!(matches!(unnamed, Err(StoreError::EmptyName)));
    assert_eq!(library.draft(ids[0]).unwrap(), None);

    let blank = library
        .create_process(" Payroll ", None, ids, at(2))
        .unwrap();
    assert_eq!((blank.id, blank.info.name.as_str()), (ids[0], "Payroll"));
    assert_eq!(library.draft(ids[0]).unwrap().unwrap().process, blank);

    let copy_id = uuid::Uuid::from_u128(0xD);
    let copy = library
        .create_process("Copy", Some(template.id), [copy_id, ids[1], ids[2]], at(3))
        .unwrap();
    assert_eq!((copy.id, copy.nodes.len()), (copy_id, template.nodes.len()));
    assert_eq!(library.draft(copy_id).unwrap().unwrap().base_version, None);
}
