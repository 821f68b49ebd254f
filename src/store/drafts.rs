//! Drafts: the one autosaved, unversioned copy per process that survives a crash.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::{column, Library, Result, StoreError};
use crate::canonical;
use crate::model::{Id, Process};

#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub process: Process,
    /// The version the draft was started from, if any.
    pub base_version: Option<u32>,
    pub saved_at: DateTime<Utc>,
}

impl Library {
    /// A new process named `name` (trimmed), blank or a copy of `template`'s latest version,
    /// stored as a draft. `ids` are the process's, and for a blank one its lane's and start's.
    pub fn create_process(
        &self,
        name: &str,
        template: Option<Id>,
        ids: [Id; 3],
        at: DateTime<Utc>,
    ) -> Result<Process> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::EmptyName);
        }
        let process = match template {
            Some(source) => crate::blank::copy_of(&self.load(source, None)?.1, ids[0], name),
            None => crate::blank::blank(name, ids),
        };
        self.save_draft(&process, None, at)?;
        Ok(process)
    }

    /// Replaces the process's draft (versions and the audit log, by contrast, are never updated).
    pub fn save_draft(
        &self,
        process: &Process,
        base_version: Option<u32>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let definition =
            String::from_utf8(canonical::to_bytes(process)).expect("serde_json writes UTF-8");
        self.write(|tx| {
            tx.execute(
            "INSERT INTO drafts (process_id, definition, base_version, saved_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (process_id) DO UPDATE SET
                definition = excluded.definition, base_version = excluded.base_version, saved_at = excluded.saved_at",
            params![process.id.to_string(), definition, base_version, column::time_text(at)],
        )?;
            Ok(())
        })
    }

    pub fn draft(&self, process: Id) -> Result<Option<Draft>> {
        let row = self
            .conn
            .query_row(
                "SELECT definition, base_version, saved_at FROM drafts WHERE process_id = ?1",
                [process.to_string()],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<u32>>(1)?,
                        column::time(r, 2)?,
                    ))
                },
            )
            .optional()?;
        let Some((definition, base_version, saved_at)) = row else {
            return Ok(None);
        };
        let parsed = canonical::parse(&definition).map_err(|source| StoreError::Unreadable {
            process,
            number: base_version.unwrap_or(0),
            source,
        })?;
        Ok(Some(Draft {
            process: parsed,
            base_version,
            saved_at,
        }))
    }

    pub fn discard_draft(&self, process: Id) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM drafts WHERE process_id = ?1",
                [process.to_string()],
            )?;
            Ok(())
        })
    }
}
