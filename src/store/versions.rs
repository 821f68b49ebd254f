//! Saved versions: immutable rows chained by hash, and the queries over them.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{audit, column, compact, Library, Result, StoreError};
use crate::canonical;
use crate::model::{Category, Foreign, Id, Process};
use crate::simulate::batch::{Labelled, Versions};
use crate::validate;

/// The part of a definition a listing shows.
#[derive(Default, Deserialize)]
struct Heading {
    name: String,
    category: Option<String>,
    #[serde(default)]
    owner: String,
}

/// A definition read only as far as its heading.
#[derive(Deserialize)]
struct Definition {
    info: Heading,
}

/// A definition read only as far as the BPMN file it was imported from.
#[derive(Deserialize)]
struct Imported {
    #[serde(default)]
    foreign: Option<Foreign>,
}

/// One saved version, without its definition.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct VersionInfo {
    pub process: Id,
    pub number: u32,
    pub hash: String,
    pub prev_hash: Option<String>,
    pub author: String,
    pub message: String,
    pub saved_at: DateTime<Utc>,
    pub tags: Vec<String>,
    /// The allowed signer whose signature the version's commit carries, once it is shared.
    pub signed_by: Option<String>,
}

/// A process as the library lists it: its latest name and where its history stands.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ProcessSummary {
    pub id: Id,
    pub name: String,
    pub category: Category,
    /// Who answers for the process (its info's owner); empty when nobody is named.
    pub owner: String,
    /// Latest saved version; none while the process exists only as a draft.
    pub latest: Option<u32>,
    pub saved_at: Option<DateTime<Utc>>,
    pub has_draft: bool,
    /// Archived processes are listed apart; their history is kept.
    pub archived: bool,
}

pub(super) const VERSION_COLUMNS: &str =
    "process_id, number, hash, prev_hash, author, message, saved_at,
    (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM tags t
        WHERE t.process_id = v.process_id AND t.number = v.number ORDER BY tag)),
    (SELECT s.signer FROM sync_commits c JOIN sync_signatures s ON s.commit_id = c.commit_id
        WHERE c.process_id = v.process_id AND c.number = v.number AND s.status = 'good')";

pub(super) fn version_info(row: &Row) -> rusqlite::Result<VersionInfo> {
    let tags: Option<String> = row.get(7)?;
    Ok(VersionInfo {
        process: column::id(row, 0)?,
        number: row.get(1)?,
        hash: row.get(2)?,
        prev_hash: row.get(3)?,
        author: row.get(4)?,
        message: row.get(5)?,
        saved_at: column::time(row, 6)?,
        tags: tags
            .map(|t| t.split('\u{1f}').map(String::from).collect())
            .unwrap_or_default(),
        signed_by: row.get(8)?,
    })
}

impl Library {
    /// Stores `process` as its next version. The definition must be structurally sound and differ
    /// from the latest version; the version row, its place in the hash chain and the audit entry
    /// are written in one transaction.
    pub fn save_version(
        &mut self,
        process: &Process,
        author: &str,
        message: &str,
        at: DateTime<Utc>,
    ) -> Result<VersionInfo> {
        self.write(|tx| {
            let saved = insert_next(tx, process, None, author, message, at, (author, at, None))?;
            Ok(saved)
        })
    }

    /// Makes an old version current again by saving it as the next version: history is never
    /// rewritten, so the restore itself shows up in it.
    pub fn restore_version(
        &mut self,
        process: Id,
        number: u32,
        author: &str,
        at: DateTime<Utc>,
    ) -> Result<VersionInfo> {
        let (_, definition) = self.load(process, Some(number))?;
        self.save_version(
            &definition,
            author,
            &format!("Restore version {number}"),
            at,
        )
    }

    /// Every process's name by id, archived ones too: how diffs, outlines and merge conflicts
    /// name the process a call runs.
    pub fn process_names_by_id(&self) -> Result<std::collections::HashMap<Id, String>> {
        Ok((self.processes()?.into_iter())
            .map(|p| (p.id, p.name))
            .collect())
    }

    /// Every process in the library, by name.
    pub fn processes(&self) -> Result<Vec<ProcessSummary>> {
        // A draft's name and category are read in SQL; a saved version's from its text.
        let mut stmt = self.conn.prepare(
            "WITH latest AS (
                 SELECT process_id, number, saved_at FROM versions v
                 WHERE number = (SELECT MAX(number) FROM versions w WHERE w.process_id = v.process_id)
             )
             SELECT l.process_id, json_extract(d.definition, '$.info.name'),
                    json_extract(d.definition, '$.info.category'),
                    l.number, l.saved_at, d.process_id IS NOT NULL,
                    l.process_id IN (SELECT process_id FROM archived),
                    json_extract(d.definition, '$.info.owner')
             FROM latest l LEFT JOIN drafts d ON d.process_id = l.process_id
             UNION ALL
             SELECT d.process_id, json_extract(d.definition, '$.info.name'),
                    json_extract(d.definition, '$.info.category'), NULL, NULL, 1,
                    d.process_id IN (SELECT process_id FROM archived),
                    json_extract(d.definition, '$.info.owner')
             FROM drafts d WHERE d.process_id NOT IN (SELECT process_id FROM versions)",
        )?;
        let rows = stmt.query_map([], |r| {
            let saved_at: Option<String> = r.get(4)?;
            let heading = match (r.get::<_, Option<String>>(1)?, r.get(2)?) {
                (Some(name), category) => Some(Heading {
                    name,
                    category,
                    owner: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                }),
                (None, _) => None,
            };
            let summary = ProcessSummary {
                id: column::id(r, 0)?,
                name: String::new(),
                category: Category::Operational,
                owner: String::new(),
                latest: r.get(3)?,
                saved_at: if saved_at.is_some() {
                    Some(column::time(r, 4)?)
                } else {
                    None
                },
                has_draft: r.get(5)?,
                archived: r.get(6)?,
            };
            Ok((summary, heading))
        })?;
        let mut all = Vec::new();
        for row in rows {
            let (mut summary, heading) = row?;
            let heading = match (heading, summary.latest) {
                (Some(heading), _) => heading,
                (None, Some(number)) => self.heading(summary.id, number)?,
                (None, None) => Heading::default(),
            };
            summary.name = heading.name;
            summary.owner = heading.owner;
            summary.category = heading
                .category
                .and_then(|c| serde_json::from_value(serde_json::Value::String(c)).ok())
                .unwrap_or(Category::Operational);
            all.push(summary);
        }
        all.sort_by_cached_key(|p| (p.name.to_ascii_lowercase(), p.id.to_string()));
        Ok(all)
    }

    /// The name and category of a saved version; a version that cannot be read is listed by
    /// its id (`verify` names the damage).
    fn heading(&self, process: Id, number: u32) -> Result<Heading> {
        let text = match compact::read(&self.conn, process, number) {
            Err(StoreError::Damaged { .. }) => Vec::new(),
            other => other?,
        };
        Ok(serde_json::from_slice::<Definition>(&text).map_or_else(
            |_| Heading {
                name: process.to_string(),
                ..Heading::default()
            },
            |d| d.info,
        ))
    }

    /// Finds a process by id, name (case-insensitive), the BPMN id of the process a version was
    /// imported from, or id prefix, in that order; ambiguity is an error that lists the
    /// candidates.
    pub fn find(&self, query: &str) -> Result<ProcessSummary> {
        let all = self.processes()?;
        let q = query.trim().to_lowercase();
        let by_id: Vec<_> = all.iter().filter(|p| p.id.to_string() == q).collect();
        let by_name: Vec<_> = all.iter().filter(|p| p.name.to_lowercase() == q).collect();
        // Reading definitions for their BPMN ids is the slow way: only when nothing else matched.
        let imported = match by_id.is_empty() && by_name.is_empty() {
            true => self.imported_as(query.trim())?,
            false => Vec::new(),
        };
        let by_bpmn: Vec<_> = all.iter().filter(|p| imported.contains(&p.id)).collect();
        let by_prefix: Vec<_> = all
            .iter()
            .filter(|p| q.len() >= 4 && p.id.to_string().starts_with(&q))
            .collect();
        let matches = [by_id, by_name, by_bpmn, by_prefix]
            .into_iter()
            .find(|m| !m.is_empty())
            .unwrap_or_default();
        match matches.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(StoreError::UnknownProcess(query.to_string())),
            many => Err(StoreError::AmbiguousProcess {
                query: query.to_string(),
                matches: many
                    .iter()
                    .map(|p| format!("{} ({})", p.name, p.id))
                    .collect(),
            }),
        }
    }

    /// The processes whose draft or latest version was imported from a BPMN process with id
    /// `bpmn`. Drafts are text SQL can read; versions are frames, read through `compact`.
    fn imported_as(&self, bpmn: &str) -> Result<Vec<Id>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT d.process_id
             FROM drafts d, json_each(d.definition, '$.foreign.pools') pool
             WHERE json_extract(pool.value, '$.process.id') = ?1",
        )?;
        let rows = stmt.query_map([bpmn], |r| column::id(r, 0))?;
        let mut found: Vec<Id> = rows.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self
            .conn
            .prepare("SELECT process_id, MAX(number) FROM versions GROUP BY process_id")?;
        let latest = stmt.query_map([], |r| Ok((column::id(r, 0)?, r.get::<_, u32>(1)?)))?;
        for row in latest {
            let (process, number) = row?;
            if found.contains(&process) {
                continue;
            }
            // A version that cannot be read matches nothing; `verify` names the damage.
            let Ok(text) = compact::read(&self.conn, process, number) else {
                continue;
            };
            let foreign = serde_json::from_slice::<Imported>(&text)
                .ok()
                .and_then(|d| d.foreign);
            if foreign.is_some_and(|f| f.process_ids().any(|p| p == bpmn)) {
                found.push(process);
            }
        }
        Ok(found)
    }

    /// All versions of a process, oldest first.
    pub fn history(&self, process: Id) -> Result<Vec<VersionInfo>> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM versions v WHERE process_id = ?1 ORDER BY number"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([process.to_string()], version_info)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The version that was in force at `at`: the last one saved at or before it.
    pub fn version_at(&self, process: Id, at: DateTime<Utc>) -> Result<Option<VersionInfo>> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM versions v WHERE process_id = ?1 AND saved_at <= ?2
             ORDER BY number DESC LIMIT 1"
        );
        Ok(self
            .conn
            .query_row(
                &sql,
                params![process.to_string(), column::time_text(at)],
                version_info,
            )
            .optional()?)
    }

    /// A saved definition; the latest when `number` is None.
    pub fn load(&self, process: Id, number: Option<u32>) -> Result<(VersionInfo, Process)> {
        let (info, definition) = self.load_text(process, number)?;
        let number = info.number;
        let parsed = canonical::parse(&definition).map_err(|source| StoreError::Unreadable {
            process,
            number,
            source,
        })?;
        Ok((info, parsed))
    }

    /// A saved definition as stored, byte for byte (what its hash is of, in the schema it was
    /// saved under); the latest when `number` is None.
    pub fn load_text(&self, process: Id, number: Option<u32>) -> Result<(VersionInfo, String)> {
        let number = match number {
            Some(n) => n,
            None => self
                .conn
                .query_row(
                    "SELECT MAX(number) FROM versions WHERE process_id = ?1",
                    [process.to_string()],
                    |r| r.get::<_, Option<u32>>(0),
                )?
                .ok_or_else(|| StoreError::UnknownProcess(process.to_string()))?,
        };
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM versions v WHERE process_id = ?1 AND number = ?2"
        );
        let info = self
            .conn
            .query_row(&sql, params![process.to_string(), number], version_info)
            .optional()?
            .ok_or(StoreError::UnknownVersion { process, number })?;
        let text = compact::read(&self.conn, process, number)?;
        let text = String::from_utf8(text).map_err(|e| StoreError::Damaged {
            process,
            number,
            detail: format!(
                "its definition is not text (byte {} is not UTF-8)",
                e.utf8_error().valid_up_to()
            ),
        })?;
        Ok((info, text))
    }

    /// Version `number` of `process` (the latest when None) and, when asked, version
    /// `compare_with`, labelled as a batch run names them ("v2").
    pub fn what_if_versions(
        &self,
        process: Id,
        number: Option<u32>,
        compare_with: Option<u32>,
    ) -> Result<Versions> {
        let labelled = |number| -> Result<Labelled> {
            let (info, definition) = self.load(process, number)?;
            Ok(Labelled {
                label: format!("v{}", info.number),
                definition,
            })
        };
        Ok(Versions {
            base: labelled(number)?,
            other: compare_with.map(|n| labelled(Some(n))).transpose()?,
        })
    }
}

/// Who recorded a version in the audit log, when, and what else to note (a pulled version is
/// recorded by whoever pulled it, at pull time, with its commit).
pub(super) type Recorded<'a> = (&'a str, DateTime<Utc>, Option<serde_json::Value>);

/// Inserts `process` as the next version inside the caller's transaction: the version row, its
/// place in the hash chain and the audit entry `verify` checks it against. `saved_as` is the text
/// another library saved it as (a pulled version keeps its bytes, whatever schema wrote them);
/// otherwise the canonical bytes of `process`.
pub(super) fn insert_next(
    tx: &rusqlite::Transaction,
    process: &Process,
    saved_as: Option<&str>,
    author: &str,
    message: &str,
    at: DateTime<Utc>,
    recorded: Recorded,
) -> Result<VersionInfo> {
    let problems = validate::version_structure(process, message);
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    let text = match saved_as {
        Some(text) => text.as_bytes().to_vec(),
        None => canonical::to_bytes(process),
    };
    let hash = canonical::hash_bytes(&text);

    let previous: Option<(u32, String)> = tx
        .query_row(
            "SELECT number, hash FROM versions WHERE process_id = ?1 ORDER BY number DESC LIMIT 1",
            [process.id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((number, prev)) = &previous {
        if *prev == hash {
            return Err(StoreError::Unchanged(*number));
        }
    }
    let number = previous.as_ref().map_or(1, |(n, _)| n + 1);
    let dictionary = match &previous {
        Some((before, _)) if !compact::is_key(number) => {
            Some((*before, compact::read(tx, process.id, *before)?))
        }
        _ => None,
    };
    let (base, frame) = compact::compress(
        number,
        &text,
        dictionary.as_ref().map(|(n, text)| (*n, text.as_slice())),
    )?;
    let prev_hash = previous.map(|(_, h)| h);
    tx.execute(
        "INSERT INTO versions (process_id, number, definition, base, hash, prev_hash, author, message, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![process.id.to_string(), number, frame, base, hash, prev_hash, author, message, column::time_text(at)],
    )?;
    let (actor, recorded_at, extra) = recorded;
    let mut detail = serde_json::json!({ "version": number, "hash": hash, "message": message });
    if let (Some(serde_json::Value::Object(more)), Some(map)) = (extra, detail.as_object_mut()) {
        map.extend(more);
    }
    audit::append(
        tx,
        recorded_at,
        actor,
        "save_version",
        Some(process.id),
        &detail,
    )?;
    Ok(VersionInfo {
        process: process.id,
        number,
        hash,
        prev_hash,
        author: author.to_string(),
        message: message.to_string(),
        saved_at: at,
        tags: Vec::new(),
        signed_by: None,
    })
}
