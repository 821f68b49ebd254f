//! The library's tables, as an ordered list of migrations keyed on `PRAGMA user_version`.
//!
//! Append new steps at the end; never edit a step that has shipped.

use rusqlite::{params, Transaction};
use rusqlite_migration::{HookError, HookResult, Migrations, M};

use super::{compact, listing};

/// Marks a SQLite file as a Flowlane library (`PRAGMA application_id`, ASCII "FlwL").
pub const APPLICATION_ID: u32 = 0x466c_774c;

const SQL_STEPS: &[M<'static>] = &[
    M::up(
        "
    -- Saved versions: insert-only, one hash chain per process.
    CREATE TABLE versions (
        process_id TEXT NOT NULL,
        number     INTEGER NOT NULL CHECK (number >= 1),
        definition TEXT NOT NULL,
        hash       TEXT NOT NULL,
        prev_hash  TEXT,
        author     TEXT NOT NULL,
        message    TEXT NOT NULL,
        saved_at   TEXT NOT NULL,
        PRIMARY KEY (process_id, number)
    );
    CREATE INDEX versions_by_time ON versions (process_id, saved_at);
    CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
        BEGIN SELECT RAISE(ABORT, 'saved versions are immutable'); END;
    CREATE TRIGGER versions_are_kept BEFORE DELETE ON versions
        BEGIN SELECT RAISE(ABORT, 'saved versions are never deleted'); END;

    -- One autosaved draft per process: the only row that is ever updated.
    CREATE TABLE drafts (
        process_id   TEXT PRIMARY KEY,
        definition   TEXT NOT NULL,
        base_version INTEGER,
        saved_at     TEXT NOT NULL
    );

    CREATE TABLE tags (
        process_id TEXT NOT NULL,
        number     INTEGER NOT NULL,
        tag        TEXT NOT NULL,
        author     TEXT NOT NULL,
        tagged_at  TEXT NOT NULL,
        PRIMARY KEY (process_id, number, tag),
        FOREIGN KEY (process_id, number) REFERENCES versions (process_id, number)
    );

    -- Append-only record of who did what.
    CREATE TABLE audit (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        action     TEXT NOT NULL,
        process_id TEXT,
        detail     TEXT NOT NULL
    );
    CREATE TRIGGER audit_is_append_only_u BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_is_append_only_d BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    ",
    ),
    M::up(
        "
    -- Library settings, one row per key, replaced when changed: `rule.<code>` holds the level
    -- (off / warning / error) a validation rule has in this library.
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    ",
    ),
    M::up(
        "
    -- Trainer scenarios: a recorded simulation run (the JSON of simulate::Scenario) by name.
    CREATE TABLE scenarios (
        name       TEXT PRIMARY KEY,
        process_id TEXT NOT NULL,
        version    INTEGER NOT NULL,
        scenario   TEXT NOT NULL,
        author     TEXT NOT NULL,
        saved_at   TEXT NOT NULL,
        FOREIGN KEY (process_id, version) REFERENCES versions (process_id, number)
    );
    ",
    ),
    M::up(
        "
    -- Archived processes: hidden from the everyday list, never deleted (their history stays).
    CREATE TABLE archived (
        process_id  TEXT PRIMARY KEY,
        archived_at TEXT NOT NULL
    );
    ",
    ),
    M::up(
        "
    -- The shared git repository this library is linked to (at most one row), and the remote
    -- commit last integrated (pulled, or written by a push): the next pull starts there.
    CREATE TABLE sync_remote (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        url       TEXT NOT NULL,
        branch    TEXT NOT NULL,
        linked_at TEXT NOT NULL,
        tip       TEXT
    );
    -- Which commit holds which local version (pushed or pulled): versions above the highest
    -- mapped number are not shared yet.
    CREATE TABLE sync_commits (
        process_id TEXT NOT NULL,
        number     INTEGER NOT NULL,
        commit_id  TEXT NOT NULL,
        PRIMARY KEY (process_id, number),
        FOREIGN KEY (process_id, number) REFERENCES versions (process_id, number)
    );
    -- Per process, the last remote commit of it that this library has taken in: the base of a
    -- three-way merge when both sides saved versions since.
    CREATE TABLE sync_points (
        process_id TEXT PRIMARY KEY,
        commit_id  TEXT NOT NULL
    );
    -- A merge of concurrent versions waiting to be resolved and saved: the three definitions
    -- and the choices made so far (conflict key -> mine / theirs, JSON).
    CREATE TABLE sync_merges (
        process_id    TEXT PRIMARY KEY,
        base          TEXT NOT NULL,
        mine          TEXT NOT NULL,
        theirs        TEXT NOT NULL,
        theirs_commit TEXT NOT NULL,
        theirs_about  TEXT NOT NULL,
        choices       TEXT NOT NULL,
        started_at    TEXT NOT NULL
    );
    -- Which commit holds which trainer scenario (pushed or pulled).
    CREATE TABLE sync_scenarios (
        name      TEXT PRIMARY KEY REFERENCES scenarios (name),
        commit_id TEXT NOT NULL
    );
    -- A saved merge version and the remote commit it merged: its commit gets two parents.
    CREATE TABLE sync_merged_versions (
        process_id    TEXT NOT NULL,
        number        INTEGER NOT NULL,
        theirs_commit TEXT NOT NULL,
        PRIMARY KEY (process_id, number),
        FOREIGN KEY (process_id, number) REFERENCES versions (process_id, number)
    );
    ",
    ),
];

/// Saved definitions are stored compressed (`compact`): `definition` holds a zstd frame and
/// `base` the version it was compressed against. The SQL adds the column and lifts the
/// immutability trigger; [`compact_rows`] rewrites every row and puts the trigger back.
const COMPACT_VERSIONS: &str = "
    ALTER TABLE versions ADD COLUMN base INTEGER;
    DROP TRIGGER versions_are_immutable;
";

const IMMUTABLE_VERSIONS: &str = "
    CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
        BEGIN SELECT RAISE(ABORT, 'saved versions are immutable'); END;
";

/// Signed versions and approvals: the signature found on each shared commit, and an approval
/// tag's signer and SSH signature.
const SIGNATURES: &str = "
    CREATE TABLE sync_signatures (
        commit_id TEXT PRIMARY KEY,
        status    TEXT NOT NULL,
        signer    TEXT,
        key       TEXT
    );
    ALTER TABLE tags ADD COLUMN signer TEXT;
    ALTER TABLE tags ADD COLUMN signature TEXT;
";

/// Event logs linked to a process: insert-only, the canonical CSV (eventlog::to_canonical) as
/// a zstd frame and its sha256; never inside a version.
const EVENT_LOGS: &str = "
    CREATE TABLE event_logs (
        process_id  TEXT NOT NULL,
        number      INTEGER NOT NULL CHECK (number >= 1),
        name        TEXT NOT NULL,
        hash        TEXT NOT NULL,
        cases       INTEGER NOT NULL,
        events      INTEGER NOT NULL,
        activities  INTEGER NOT NULL,
        content     BLOB NOT NULL,
        author      TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (process_id, number),
        UNIQUE (process_id, hash)
    );
    CREATE TRIGGER event_logs_are_immutable BEFORE UPDATE ON event_logs
        BEGIN SELECT RAISE(ABORT, 'stored event logs are immutable'); END;
    CREATE TRIGGER event_logs_are_kept BEFORE DELETE ON event_logs
        BEGIN SELECT RAISE(ABORT, 'stored event logs are never deleted'); END;
";

/// Each saved version's name, category and owner beside its frame, so the library lists
/// without decompressing (`listing`); insert-only like the versions they describe. The hook
/// writes the heading of every version already stored. No foreign key: a heading is a copy
/// `verify` checks against its version, and a hand-edited version must stay reportable.
const HEADINGS: &str = "
    CREATE TABLE headings (
        process_id TEXT NOT NULL,
        number     INTEGER NOT NULL,
        name       TEXT NOT NULL,
        category   TEXT NOT NULL,
        owner      TEXT NOT NULL,
        PRIMARY KEY (process_id, number)
    );
";

/// Which log activity is which step, as the user chose it per process (`None`: no step).
const ACTIVITY_MAPPINGS: &str = "
    CREATE TABLE activity_mappings (
        process_id TEXT NOT NULL,
        activity   TEXT NOT NULL,
        step       TEXT,
        PRIMARY KEY (process_id, activity)
    );
";

/// Steps after the compaction, which must stay the step after `SQL_STEPS`; append here.
fn later_steps() -> Vec<M<'static>> {
    vec![
        M::up(SIGNATURES),
        M::up(EVENT_LOGS),
        M::up_with_hook(HEADINGS, |tx: &Transaction| {
            listing::fill(tx).map_err(HookError::from)
        }),
        M::up(ACTIVITY_MAPPINGS),
    ]
}

pub fn migrations() -> Migrations<'static> {
    let mut steps = SQL_STEPS.to_vec();
    steps.push(M::up_with_hook(COMPACT_VERSIONS, compact_rows));
    steps.extend(later_steps());
    Migrations::new(steps)
}

/// The format that compacted versions.
#[cfg(test)]
fn compaction_version() -> u32 {
    SQL_STEPS.len() as u32 + 1
}

/// The schema version this build writes and understands.
pub fn latest_version() -> u32 {
    SQL_STEPS.len() as u32 + 1 + later_steps().len() as u32
}

/// Stores every version that is still plain text as a frame, each against the version before
/// it as new saves are, inside the upgrade's transaction; the text, and so every hash, is
/// unchanged.
fn compact_rows(tx: &Transaction) -> HookResult {
    let mut select = tx.prepare(
        "SELECT process_id, number, definition FROM versions
         WHERE typeof(definition) = 'text' ORDER BY process_id, number",
    )?;
    let mut update = tx.prepare(
        "UPDATE versions SET definition = ?3, base = ?4 WHERE process_id = ?1 AND number = ?2",
    )?;
    let mut rows = select.query([])?;
    let mut previous: Option<(String, u32, Vec<u8>)> = None;
    while let Some(row) = rows.next()? {
        let (process, number): (String, u32) = (row.get(0)?, row.get(1)?);
        // The bytes as they are, even ones that are not UTF-8: `verify` reports those.
        let text = row
            .get_ref(2)?
            .as_bytes()
            .map_err(|e| HookError::Hook(e.to_string()))?
            .to_vec();
        let before = previous
            .as_ref()
            .filter(|(p, n, _)| *p == process && *n + 1 == number)
            .map(|(_, n, text)| (*n, text.as_slice()));
        let (base, frame) = compact::compress(number, &text, before)
            .map_err(|e| HookError::Hook(format!("{process} v{number}: {e}")))?;
        update.execute(params![process, number, frame, base])?;
        previous = Some((process, number, text));
    }
    tx.execute_batch(IMMUTABLE_VERSIONS)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_well_formed() {
        assert!(super::migrations().validate().is_ok());
    }

    /// A library of the first format keeps its versions and gains the settings table.
    #[test]
    fn a_first_format_library_is_upgraded_in_place() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let migrations = super::migrations();
        migrations.to_version(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO versions VALUES ('p', 1, '{}', 'h', NULL, 'ana', 'first', 't')",
            [],
        )
        .unwrap();
        migrations.to_latest(&mut conn).unwrap();
        let version: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, super::latest_version());
        let kept: u32 = conn
            .query_row("SELECT count(*) FROM versions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 1);
        conn.execute("INSERT INTO settings VALUES ('rule.deadlock', 'off')", [])
            .unwrap();
    }

    /// A library as the format before headings left it (every later table but `headings`, its
    /// versions compressed) gains the heading of every version when opened: the list names each
    /// process as its latest version does, and `verify` finds nothing wrong.
    #[test]
    fn a_library_without_headings_gains_them_in_place() {
        use crate::store::Library;

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("before-headings.flowlane");
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z")
            .unwrap()
            .to_utc();
        let mut library = Library::create(&path).unwrap();
        library.add_samples(at).unwrap();
        let (first, _) = crate::samples::versions().into_iter().next().unwrap();
        for number in 1..=super::super::compact::KEY_EVERY + 2 {
            let mut version = first.clone();
            version.info.owner = format!("Owner {number}");
            library.save_version(&version, "ana", "owner", at).unwrap();
        }
        let expected = library.processes().unwrap();
        drop(library);
        // The format before `headings`: the steps after it (activity mappings) undone too.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "DROP TABLE headings; DROP TABLE activity_mappings; PRAGMA user_version = {}",
            super::latest_version() - 2
        ))
        .unwrap();
        drop(conn);

        let library = Library::open(&path).unwrap();
        let format: u32 = library
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(format, super::latest_version());
        let (versions, headings): (i64, i64) = library
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM versions), (SELECT count(*) FROM headings)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(headings, versions, "every version has its heading");
        assert_eq!(library.processes().unwrap(), expected);
        let listed = library.processes().unwrap();
        let latest = listed.iter().find(|p| p.id == first.id).unwrap();
        assert_eq!(
            latest.owner,
            format!("Owner {}", super::super::compact::KEY_EVERY + 2)
        );
        let report = library.verify().unwrap();
        assert!(report.is_clean(), "{}", report.render());
    }

    /// A library of the format before compaction, its versions saved as the code of that format
    /// saved them (the text, its hash chain and audit entry), is compacted when opened: every
    /// version reads back byte for byte, and `verify` still finds every hash and link intact.
    #[test]
    fn a_library_of_text_versions_is_compacted_in_place() {
        use rusqlite::params;

        use crate::canonical;
        use crate::store::{audit, column, Library};

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.flowlane");
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", super::APPLICATION_ID)
            .unwrap();
        let before = super::compaction_version() as usize - 1;
        super::migrations().to_version(&mut conn, before).unwrap();
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z")
            .unwrap()
            .to_utc();
        let mut saved = Vec::new();
        let tx = conn.transaction().unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for (process, message) in crate::samples::versions() {
            // A sample that comes in several versions is saved here from its first.
            if !seen.insert(process.id) {
                continue;
            }
            let mut prev_hash: Option<String> = None;
            // More versions than a chain of frames is long, so key frames and deltas both occur.
            for number in 1..=2 * super::compact::KEY_EVERY + 1 {
                let mut version = process.clone();
                version.info.owner = format!("{} ({number})", process.info.owner);
                let text = String::from_utf8(canonical::to_bytes(&version)).unwrap();
                let hash = canonical::hash_bytes(text.as_bytes());
                tx.execute(
                    "INSERT INTO versions (process_id, number, definition, hash, prev_hash, author, message, saved_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'ana', ?6, ?7)",
                    params![process.id.to_string(), number, text, hash, prev_hash, message, column::time_text(at)],
                )
                .unwrap();
                let detail =
                    serde_json::json!({ "version": number, "hash": hash, "message": message });
                audit::append(&tx, at, "ana", "save_version", Some(process.id), &detail).unwrap();
                prev_hash = Some(hash);
                saved.push((process.id, number, text));
            }
        }
        tx.commit().unwrap();
        drop(conn);

        let library = Library::open(&path).unwrap();
        let format: u32 = library
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(format, super::latest_version());
        let text_rows: u32 = library
            .conn
            .query_row(
                "SELECT count(*) FROM versions WHERE typeof(definition) <> 'blob'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(text_rows, 0, "every version is stored compressed");
        for (process, number, text) in &saved {
            let (info, read) = library.load_text(*process, Some(*number)).unwrap();
            assert_eq!(&read, text, "{process} v{number} reads back byte for byte");
            assert_eq!(info.hash, canonical::hash_bytes(text.as_bytes()));
        }
        // Each version gained its heading, so the list names the latest without reading it.
        let headings: i64 = library
            .conn
            .query_row("SELECT count(*) FROM headings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            headings as usize,
            saved.len(),
            "every version has its heading"
        );
        let last = 2 * super::compact::KEY_EVERY + 1;
        for summary in library.processes().unwrap() {
            let (_, latest) = library.load(summary.id, None).unwrap();
            assert_eq!(summary.name, latest.info.name);
            assert_eq!(summary.owner, latest.info.owner);
            assert!(
                summary.owner.ends_with(&format!("({last})")),
                "{}",
                summary.owner
            );
        }
        let report = library.verify().unwrap();
        assert!(report.is_clean(), "{}", report.render());
        assert_eq!(report.versions as usize, saved.len());
        // Saved versions are immutable again once the upgrade is done.
        let edit = library
            .conn
            .execute("UPDATE versions SET message = 'edited'", []);
        assert!(edit.is_err(), "the immutability trigger is back");
    }
}
