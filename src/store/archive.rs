//! Archiving: a process leaves the everyday list but keeps its whole history.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{audit, column, Library, Result, StoreError};
use crate::model::Id;

impl Library {
    /// Archives (or with `archived: false` brings back) a process; doing it twice changes nothing.
    pub fn set_archived(
        &mut self,
        process: Id,
        archived: bool,
        author: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        if !self.processes()?.iter().any(|p| p.id == process) {
            return Err(StoreError::UnknownProcess(process.to_string()));
        }
        self.write(|tx| {
            let changed = if archived {
                tx.execute(
                    "INSERT OR IGNORE INTO archived (process_id, archived_at) VALUES (?1, ?2)",
                    params![process.to_string(), column::time_text(at)],
                )?
            } else {
                tx.execute(
                    "DELETE FROM archived WHERE process_id = ?1",
                    [process.to_string()],
                )?
            };
            if changed > 0 {
                let action = if archived { "archive" } else { "unarchive" };
                audit::append(
                    tx,
                    at,
                    author,
                    action,
                    Some(process),
                    &serde_json::json!({}),
                )?;
            }
            Ok(())
        })
    }
}
