//! Which log activity is which step, as the user chose it for a process: kept per process (not
//! per version, so it carries over to the next one) and replaced whole on each save, audited.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{audit, Library, Result, StoreError};
use crate::model::Id;

/// Activity → the step's name, or `None` for "no step" (conformance's `SavedMapping`).
pub type ActivitySteps = BTreeMap<String, Option<String>>;

impl Library {
    /// The mapping saved for `process` (empty when none was saved).
    pub fn activity_mapping(&self, process: Id) -> Result<ActivitySteps> {
        let mut stmt = self.conn.prepare(
            "SELECT activity, step FROM activity_mappings WHERE process_id = ?1 ORDER BY activity",
        )?;
        let rows = stmt.query_map([process.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the mapping saved for `process` with `mapping`.
    pub fn save_activity_mapping(
        &mut self,
        process: Id,
        mapping: &ActivitySteps,
        author: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.history(process)?
            .first()
            .ok_or_else(|| StoreError::UnknownProcess(process.to_string()))?;
        self.write(|tx| {
            tx.execute(
                "DELETE FROM activity_mappings WHERE process_id = ?1",
                [process.to_string()],
            )?;
            let mut insert = tx.prepare(
                "INSERT INTO activity_mappings (process_id, activity, step) VALUES (?1, ?2, ?3)",
            )?;
            for (activity, step) in mapping {
                insert.execute(params![process.to_string(), activity, step])?;
            }
            let detail = serde_json::json!({ "activities": mapping.len() });
            audit::append(tx, at, author, "map_activities", Some(process), &detail)?;
            Ok(())
        })
    }
}
