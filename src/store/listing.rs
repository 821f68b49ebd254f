//! The library's list of processes: each with the name, category and owner of its draft or
//! latest version, and every tag its versions carry.
//!
//! Saved definitions are compressed frames SQL cannot look into, so each version's heading
//! (name, category, owner) is written beside it, in `headings`, when it is saved. Listing a
//! thousand processes is then one query instead of a thousand decompressions. A heading is never
//! trusted over its definition where it matters: `verify` compares the two.

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::compact::{self, Stored};
use super::{column, Library, Result, StoreError};
use crate::model::{Category, Id, Process};

/// A process as the library lists it: its latest name and where its history stands.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ProcessSummary {
    pub id: Id,
    pub name: String,
    pub category: Category,
    /// Who answers for the process, as its draft or latest version says.
    pub owner: String,
    /// Every tag any of its versions carries, sorted, each once.
    pub tags: Vec<String>,
    /// Latest saved version; none while the process exists only as a draft.
    pub latest: Option<u32>,
    pub saved_at: Option<DateTime<Utc>>,
    pub has_draft: bool,
    /// Archived processes are listed apart; their history is kept.
    pub archived: bool,
}

/// The part of a definition a listing shows.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub(super) struct Heading {
    pub name: String,
    pub category: Option<String>,
    #[serde(default)]
    pub owner: String,
}

/// A definition read only as far as its heading.
#[derive(Deserialize)]
struct Definition {
    info: Heading,
}

impl Heading {
    pub fn of(process: &Process) -> Heading {
        Heading {
            name: process.info.name.clone(),
            category: Some(process.info.category.as_str().to_string()),
            owner: process.info.owner.clone(),
        }
    }

    /// The heading of a definition's text, if it has one.
    pub fn of_text(text: &[u8]) -> Option<Heading> {
        serde_json::from_slice::<Definition>(text)
            .ok()
            .map(|d| d.info)
    }

    pub fn category(&self) -> Category {
        self.category
            .as_deref()
            .and_then(|c| serde_json::from_value(serde_json::Value::String(c.into())).ok())
            .unwrap_or(Category::Operational)
    }
}

/// Writes the heading of version `number` of `process` inside the caller's transaction.
pub(super) fn record(tx: &Transaction, process: Id, number: u32, heading: &Heading) -> Result<()> {
    tx.execute(
        "INSERT INTO headings (process_id, number, name, category, owner) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            process.to_string(),
            number,
            heading.name,
            heading.category.as_deref().unwrap_or("operational"),
            heading.owner
        ],
    )?;
    Ok(())
}

/// Writes the heading of every stored version that has none (the upgrade to headings): each
/// definition is read back against the one before it, as it was stored. A version that cannot
/// be read gets none; it is listed by its id and `verify` names the damage.
pub(super) fn fill(tx: &Transaction) -> rusqlite::Result<()> {
    let mut select = tx.prepare(
        "SELECT process_id, number, definition, base FROM versions ORDER BY process_id, number",
    )?;
    let mut insert = tx.prepare(
        "INSERT OR IGNORE INTO headings (process_id, number, name, category, owner)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut rows = select.query([])?;
    let mut previous: Option<(String, u32, Vec<u8>)> = None;
    while let Some(row) = rows.next()? {
        let (Ok(process), Ok(number)) = (row.get::<_, String>(0), row.get::<_, u32>(1)) else {
            previous = None;
            continue;
        };
        let text = Stored::from_columns(row.get_ref(2)?, row.get(3).ok().flatten())
            .ok()
            .and_then(|stored| {
                let before = previous
                    .as_ref()
                    .filter(|(p, n, _)| *p == process && *n + 1 == number)
                    .map(|(_, _, text)| text.as_slice());
                match (stored.base(), before) {
                    (None, _) => stored.text(None).ok(),
                    (Some(base), Some(before)) if base + 1 == number => {
                        stored.text(Some(before)).ok()
                    }
                    (Some(_), _) => None,
                }
            });
        if let Some(heading) = text.as_deref().and_then(Heading::of_text) {
            insert.execute(params![
                process,
                number,
                heading.name,
                heading.category.as_deref().unwrap_or("operational"),
                heading.owner
            ])?;
        }
        previous = text.map(|t| (process, number, t));
    }
    Ok(())
}

impl Library {
    /// Every process's name by id, archived ones too: how diffs, outlines and merge conflicts
    /// name the process a call runs.
    pub fn process_names_by_id(&self) -> Result<std::collections::HashMap<Id, String>> {
        Ok((self.processes()?.into_iter())
            .map(|p| (p.id, p.name))
            .collect())
    }

    /// Every process in the library, by name.
    pub fn processes(&self) -> Result<Vec<ProcessSummary>> {
        // The processes with versions are found by skipping through the primary key, one seek
        // each, rather than by reading every version's row. A draft's heading is read in SQL.
        let mut stmt = self.conn.prepare_cached(
            "WITH RECURSIVE ids(process_id) AS (
                 SELECT MIN(process_id) FROM versions
                 UNION ALL
                 SELECT (SELECT MIN(process_id) FROM versions WHERE process_id > ids.process_id)
                 FROM ids WHERE ids.process_id IS NOT NULL
             ),
             latest AS (
                 SELECT process_id,
                        (SELECT MAX(number) FROM versions v WHERE v.process_id = ids.process_id) AS number
                 FROM ids WHERE process_id IS NOT NULL
             ),
             listed AS (
                 SELECT l.process_id, l.number FROM latest l
                 UNION ALL
                 SELECT d.process_id, NULL FROM drafts d
                 WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.process_id = d.process_id)
             )
             SELECT s.process_id,
                    coalesce(json_extract(d.definition, '$.info.name'), h.name),
                    coalesce(json_extract(d.definition, '$.info.category'), h.category),
                    coalesce(json_extract(d.definition, '$.info.owner'), h.owner, ''),
                    s.number, v.saved_at, d.process_id IS NOT NULL,
                    EXISTS (SELECT 1 FROM archived a WHERE a.process_id = s.process_id),
                    (SELECT group_concat(tag, char(31)) FROM
                        (SELECT DISTINCT tag FROM tags t WHERE t.process_id = s.process_id ORDER BY tag))
             FROM listed s
             LEFT JOIN versions v ON v.process_id = s.process_id AND v.number = s.number
             LEFT JOIN headings h ON h.process_id = s.process_id AND h.number = s.number
             LEFT JOIN drafts d ON d.process_id = s.process_id",
        )?;
        let rows = stmt.query_map([], |r| {
            let saved_at: Option<String> = r.get(5)?;
            let tags: Option<String> = r.get(8)?;
            let heading = match r.get::<_, Option<String>>(1)? {
                Some(name) => Some(Heading {
                    name,
                    category: r.get(2)?,
                    owner: r.get(3)?,
                }),
                None => None,
            };
            let summary = ProcessSummary {
                id: column::id(r, 0)?,
                name: String::new(),
                category: Category::Operational,
                owner: String::new(),
                tags: tags
                    .map(|t| t.split('\u{1f}').map(String::from).collect())
                    .unwrap_or_default(),
                latest: r.get(4)?,
                saved_at: if saved_at.is_some() {
                    Some(column::time(r, 5)?)
                } else {
                    None
                },
                has_draft: r.get(6)?,
                archived: r.get(7)?,
            };
            Ok((summary, heading))
        })?;
        let mut all = Vec::new();
        for row in rows {
            let (mut summary, heading) = row?;
            let heading = match (heading, summary.latest) {
                (Some(heading), _) => heading,
                // A version without a heading (written outside Flowlane): read from its text.
                (None, Some(number)) => self.heading(summary.id, number)?,
                (None, None) => Heading::default(),
            };
            summary.category = heading.category();
            summary.name = heading.name;
            summary.owner = heading.owner;
            all.push(summary);
        }
        all.sort_by_cached_key(|p| (p.name.to_ascii_lowercase(), p.id.to_string()));
        Ok(all)
    }

    /// The heading of a saved version read from its text; a version that cannot be read is
    /// listed by its id (`verify` names the damage).
    fn heading(&self, process: Id, number: u32) -> Result<Heading> {
        let text = match compact::read(&self.conn, process, number) {
            Err(StoreError::Damaged { .. }) => Vec::new(),
            other => other?,
        };
        Ok(Heading::of_text(&text).unwrap_or_else(|| Heading {
            name: process.to_string(),
            ..Heading::default()
        }))
    }
}
