//! The library's tables, as an ordered list of migrations keyed on `PRAGMA user_version`.
//!
//! Append new steps at the end; never edit a step that has shipped.

use rusqlite_migration::{Migrations, M};

/// Marks a SQLite file as a Flowlane library (`PRAGMA application_id`, ASCII "FlwL").
pub const APPLICATION_ID: u32 = 0x466c_774c;

const STEPS: &[M<'static>] = &[
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

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(STEPS)
}

/// The schema version this build writes and understands.
pub fn latest_version() -> u32 {
    STEPS.len() as u32
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
}
