//! The append-only audit log: who did what to which process, and when.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::{column, Library, Result};
use crate::model::Id;

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub process: Option<Id>,
    #[ts(type = "unknown")]
    pub detail: serde_json::Value,
}

/// Appends inside the caller's transaction, so an action and its record land together.
pub(super) fn append(
    conn: &Connection,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    process: Option<Id>,
    detail: &serde_json::Value,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO audit (at, actor, action, process_id, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            column::time_text(at),
            actor,
            action,
            process.map(|p| p.to_string()),
            detail.to_string()
        ],
    )?;
    Ok(())
}

impl Library {
    /// The log, oldest first; only one process's entries when `process` is given.
    pub fn audit(&self, process: Option<Id>) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, actor, action, process_id, detail FROM audit
             WHERE ?1 IS NULL OR process_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([process.map(|p| p.to_string())], |r| {
            let process: Option<String> = r.get(4)?;
            let detail: String = r.get(5)?;
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: column::time(r, 1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                process: if process.is_some() {
                    Some(column::id(r, 4)?)
                } else {
                    None
                },
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
