//! Tags mark versions ("approved", "in production"); tagging is audited.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{audit, column, Library, Result, StoreError};
use crate::model::Id;

impl Library {
    /// Tags a saved version. Tagging the same version twice with one tag changes nothing.
    pub fn tag(
        &mut self,
        process: Id,
        number: u32,
        tag: &str,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.tag_signed(process, number, tag, None, actor, at)
    }

    /// Tags a saved version with an approval: the signer (an allowed signer) and the SSH
    /// signature of the approval statement are kept with the tag and in its audit entry.
    pub fn tag_signed(
        &mut self,
        process: Id,
        number: u32,
        tag: &str,
        signed: Option<(&str, &str)>,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let tag = tag.trim();
        if tag.is_empty() {
            return Err(StoreError::EmptyTag);
        }
        self.write(|tx| {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM versions WHERE process_id = ?1 AND number = ?2)",
            params![process.to_string(), number],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(StoreError::UnknownVersion { process, number });
        }
        let added = tx.execute(
            "INSERT OR IGNORE INTO tags (process_id, number, tag, author, tagged_at, signer, signature)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                process.to_string(),
                number,
                tag,
                actor,
                column::time_text(at),
                signed.map(|(signer, _)| signer),
                signed.map(|(_, signature)| signature)
            ],
        )?;
        if added > 0 {
            let mut detail = serde_json::json!({ "version": number, "tag": tag });
            if let Some((signer, signature)) = signed {
                detail["signer"] = signer.into();
                detail["signature"] = signature.into();
            }
            audit::append(tx, at, actor, "tag", Some(process), &detail)?;
        }
        Ok(())
        })
    }
}
