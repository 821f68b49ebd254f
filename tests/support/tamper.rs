//! A library to tamper with, and the file opened as an attacker would open it.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, TimeZone, Utc};
use flowlane::model::Process;
use flowlane::samples;
use flowlane::store::{Library, TamperKind, VerifyReport};
use flowlane::sync;
use rusqlite::Connection;
use tempfile::TempDir;

pub fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap()
}

/// The process saved again and again: the only one with a v3 and a v4.
pub const NAME: &str = "Contract review";

/// The samples, plus "Contract review" saved three more times (v2–v4 differ only in owner),
/// linked to a new bare repository (`shared.git`) before the saves when `linked`.
pub fn library(linked: bool) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.flowlane");
    let mut library = Library::create(&path).unwrap();
    library.add_samples(at(1)).unwrap();
    if linked {
        let remote = dir.path().join("shared.git");
        let status = Command::new("git")
            .args(["init", "--quiet", "--bare"])
            .arg(&remote)
            .status()
            .expect("git is installed");
        assert!(status.success());
        let url = remote.to_string_lossy().into_owned();
        sync::link(&mut library, &url, "main", "ana", at(1)).unwrap();
    }
    let mut process: Process = samples::versions().swap_remove(3).0;
    for (day, owner) in [(2, "Ana"), (3, "Ben"), (4, "Cy")] {
        process.info.owner = owner.into();
        library
            .save_version(&process, "ana", owner, at(day))
            .unwrap();
    }
    (dir, path)
}

const TRIGGERS: &str = "
    CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
        BEGIN SELECT RAISE(ABORT, 'saved versions are immutable'); END;
    CREATE TRIGGER versions_are_kept BEFORE DELETE ON versions
        BEGIN SELECT RAISE(ABORT, 'saved versions are never deleted'); END;
    CREATE TRIGGER audit_is_append_only_u BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_is_append_only_d BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;";

/// The file opened without the triggers that keep history immutable.
pub fn attacker(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER versions_are_immutable; DROP TRIGGER versions_are_kept;
         DROP TRIGGER audit_is_append_only_u; DROP TRIGGER audit_is_append_only_d;",
    )
    .unwrap();
    conn
}

/// Runs `sql` with the triggers dropped and then put back, leaving no trace in the schema.
pub fn tamper(path: &Path, sql: &str) {
    let conn = attacker(path);
    conn.execute_batch(sql).unwrap();
    conn.execute_batch(TRIGGERS).unwrap();
}

/// Contract review's id, as the file holds it.
pub fn contract(conn: &Connection) -> String {
    conn.query_row(
        "SELECT process_id FROM versions WHERE number = 4",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// Sets Contract review's version `number` to `assignment` (SQL, `?1` is the process id).
pub fn set_version(conn: &Connection, number: u32, assignment: &str) {
    let sql =
        format!("UPDATE versions SET {assignment} WHERE process_id = ?1 AND number = {number}");
    conn.execute(&sql, [contract(conn)]).unwrap();
}

pub fn verify(path: &Path) -> VerifyReport {
    Library::open(path).unwrap().verify().unwrap()
}

/// (kind, process name, version) of each problem but removed triggers, in report order.
pub fn findings(report: &VerifyReport) -> Vec<(TamperKind, String, Option<u32>)> {
    report
        .problems
        .iter()
        .filter(|p| p.kind != TamperKind::MissingTrigger)
        .map(|p| (p.kind, p.process_name.clone(), p.version))
        .collect()
}

/// Contract review's version `number` as its canonical text (the file holds it compressed).
pub fn text_of(path: &Path, number: u32) -> String {
    let library = Library::open(path).unwrap();
    let id = library.find(NAME).unwrap().id;
    library.load_text(id, Some(number)).unwrap().1
}

/// Stores `text` as Contract review's version `number`, as plain text: the form a library had
/// before compaction, and the one an attacker writes by hand.
pub fn set_text(conn: &Connection, number: u32, text: &str) {
    conn.execute(
        &format!("UPDATE versions SET definition = ?2 WHERE process_id = ?1 AND number = {number}"),
        [contract(conn), text.to_string()],
    )
    .unwrap();
}
