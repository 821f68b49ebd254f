//! Event logs kept in the library, linked to a process: stored once in their canonical form
//! (`eventlog::to_canonical`) as a zstd frame with the sha256 of that form, numbered per process,
//! never changed or deleted, and never inside a version.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use super::{audit, column, Library, Result, StoreError};
use crate::canonical;
use crate::eventlog::{self, EventLog};
use crate::model::Id;

/// zstd level for logs: they are written once and read often, so a higher level pays.
const LEVEL: i32 = 9;

/// A stored log as the library lists it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StoredLog {
    pub process: Id,
    pub number: u32,
    /// What the user called it, usually the file name it came from.
    pub name: String,
    /// sha256 of the canonical form.
    pub hash: String,
    #[ts(type = "number")]
    pub cases: u64,
    #[ts(type = "number")]
    pub events: u64,
    #[ts(type = "number")]
    pub activities: u64,
    /// Bytes the library holds for it (compressed).
    #[ts(type = "number")]
    pub stored_bytes: u64,
    pub author: String,
    pub imported_at: DateTime<Utc>,
}

const COLUMNS: &str = "process_id, number, name, hash, cases, events, activities,
    length(content), author, imported_at";

fn stored_log(row: &Row) -> rusqlite::Result<StoredLog> {
    Ok(StoredLog {
        process: column::id(row, 0)?,
        number: row.get(1)?,
        name: row.get(2)?,
        hash: row.get(3)?,
        cases: count(row, 4)?,
        events: count(row, 5)?,
        activities: count(row, 6)?,
        stored_bytes: count(row, 7)?,
        author: row.get(8)?,
        imported_at: column::time(row, 9)?,
    })
}

/// A count column (SQLite integers are signed; counts never are).
fn count(row: &Row, index: usize) -> rusqlite::Result<u64> {
    Ok(row.get::<_, i64>(index)?.max(0) as u64)
}

impl Library {
    /// Stores `log` as the next log of `process`. The same events stored before for this process
    /// are not stored twice: that log is returned with `false`.
    pub fn store_log(
        &mut self,
        process: Id,
        name: &str,
        log: &EventLog,
        author: &str,
        at: DateTime<Utc>,
    ) -> Result<(StoredLog, bool)> {
        self.history(process)?
            .first()
            .ok_or_else(|| StoreError::UnknownProcess(process.to_string()))?;
        let text = eventlog::to_canonical(log);
        let hash = canonical::hash_bytes(&text);
        let frame = zstd::bulk::compress(&text, LEVEL)
            .map_err(|e| StoreError::LogDamaged(format!("cannot be compressed ({e})")))?;
        let figures = log.figures();
        let found = self.write(|tx| {
            let same: Option<u32> = tx
                .query_row(
                    "SELECT number FROM event_logs WHERE process_id = ?1 AND hash = ?2",
                    params![process.to_string(), hash],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(number) = same {
                return Ok((number, false));
            }
            let number: u32 = tx.query_row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM event_logs WHERE process_id = ?1",
                [process.to_string()],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO event_logs (process_id, number, name, hash, cases, events,
                     activities, content, author, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    process.to_string(),
                    number,
                    name,
                    hash,
                    figures.cases as i64,
                    figures.events as i64,
                    figures.activities as i64,
                    frame,
                    author,
                    column::time_text(at)
                ],
            )?;
            let detail = serde_json::json!({ "log": number, "name": name, "hash": hash });
            audit::append(tx, at, author, "import_log", Some(process), &detail)?;
            Ok((number, true))
        })?;
        let (number, new) = found;
        Ok((self.log_info(process, number)?, new))
    }

    /// The logs stored for `process`, oldest first.
    pub fn logs(&self, process: Id) -> Result<Vec<StoredLog>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM event_logs WHERE process_id = ?1 ORDER BY number"
        ))?;
        let rows = stmt.query_map([process.to_string()], stored_log)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn log_info(&self, process: Id, number: u32) -> Result<StoredLog> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM event_logs WHERE process_id = ?1 AND number = ?2"),
                params![process.to_string(), number],
                stored_log,
            )
            .optional()?
            .ok_or(StoreError::UnknownLog { process, number })
    }

    /// A stored log read back; its hash is checked first, so a changed row is named, not used.
    pub fn load_log(&self, process: Id, number: u32) -> Result<(StoredLog, EventLog)> {
        let info = self.log_info(process, number)?;
        let frame: Vec<u8> = self.conn.query_row(
            "SELECT content FROM event_logs WHERE process_id = ?1 AND number = ?2",
            params![process.to_string(), number],
            |r| r.get(0),
        )?;
        let damaged = |why: String| StoreError::LogDamaged(format!("log {number}: {why}"));
        let mut text = Vec::new();
        zstd::stream::copy_decode(frame.as_slice(), &mut text)
            .map_err(|e| damaged(format!("cannot be decompressed ({e})")))?;
        if canonical::hash_bytes(&text) != info.hash {
            return Err(damaged("its content does not match its hash".into()));
        }
        let log = eventlog::from_canonical(&text).map_err(|e| damaged(e.to_string()))?;
        Ok((info, log))
    }
}
