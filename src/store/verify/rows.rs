//! Reading the rows `verify` checks without trusting them: a column that is not UTF-8, not a
//! number or not JSON becomes a finding about that row, never an error that stops the check.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};

use rayon::prelude::*;

use crate::canonical;
use crate::store::compact::{Damage, Stored};
use crate::store::listing::Heading;

/// A column's bytes as stored, whatever SQLite type the value has (NULL is empty).
pub(super) fn bytes(row: &Row, index: usize) -> rusqlite::Result<Vec<u8>> {
    Ok(match row.get_ref(index)? {
        ValueRef::Text(b) | ValueRef::Blob(b) => b.to_vec(),
        ValueRef::Integer(i) => i.to_string().into_bytes(),
        ValueRef::Real(f) => f.to_string().into_bytes(),
        ValueRef::Null => Vec::new(),
    })
}

/// A column read as text, with any byte that is not UTF-8 shown as U+FFFD.
pub(super) fn lossy(row: &Row, index: usize) -> rusqlite::Result<String> {
    Ok(String::from_utf8_lossy(&bytes(row, index)?).into_owned())
}

pub(super) fn optional_lossy(row: &Row, index: usize) -> rusqlite::Result<Option<String>> {
    Ok(match row.get_ref(index)? {
        ValueRef::Null => None,
        _ => Some(lossy(row, index)?),
    })
}

/// A whole number column; `None` when it holds anything else.
pub(super) fn number(row: &Row, index: usize) -> rusqlite::Result<Option<u32>> {
    Ok(match row.get_ref(index)? {
        ValueRef::Integer(i) => u32::try_from(i).ok(),
        _ => None,
    })
}

/// A process as a row names it: its id's text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct ProcessKey(pub String);

/// One saved version as stored, its definition read back to its text and parsed (the text
/// itself is not kept: a big library's definitions do not fit in memory at once).
pub(super) struct StoredVersion {
    pub number: Option<u32>,
    /// Why the stored definition cannot be read back to its text, if it cannot.
    pub damage: Option<Damage>,
    /// Why the text read back is not a definition (not UTF-8, does not parse), if it is not.
    pub unreadable: Option<String>,
    /// The name, category and owner the definition holds, when it parses.
    pub heading: Option<[String; 3]>,
    /// The hash of the text read back (of nothing when it cannot be).
    pub actual: String,
    pub hash: String,
    pub prev_hash: Option<String>,
}

/// How many version rows there are, for a progress count.
pub(super) fn count(conn: &Connection) -> rusqlite::Result<u64> {
    let count: i64 = conn.query_row("SELECT count(*) FROM versions", [], |r| r.get(0))?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// One version row as read from SQLite, before its definition is read back.
struct RawRow {
    number: Option<u32>,
    stored: Result<Stored, Damage>,
    hash: String,
    prev_hash: Option<String>,
}

/// How many rows are read from SQLite before they are read back, spread over every core.
const BATCH_ROWS: usize = 2048;

/// Every version row, grouped by process in stored order (by number). A compressed definition
/// is read back against the row before it, as it was stored. `progress` is told after each row.
///
/// Reading back (decompressing, hashing, parsing) is nearly all the time a full check of a big
/// library takes, and each process's rows depend only on each other, so batches of whole
/// processes are read back in parallel; SQLite is read on this thread only. At most one batch
/// of compressed rows is held besides the results, which keep no definition text.
pub(super) fn versions(
    conn: &Connection,
    progress: &mut dyn FnMut(),
) -> rusqlite::Result<Vec<(ProcessKey, StoredVersion)>> {
    let mut stmt = conn.prepare(
        "SELECT process_id, number, definition, base, hash, prev_hash FROM versions
         ORDER BY process_id, number",
    )?;
    let mut rows = stmt.query([])?;
    let mut all: Vec<(ProcessKey, StoredVersion)> = Vec::new();
    let mut batch: Vec<(ProcessKey, Vec<RawRow>)> = Vec::new();
    let mut batched = 0;
    while let Some(r) = rows.next()? {
        let process = ProcessKey(lossy(r, 0)?);
        // A batch ends only between processes: a process's rows are read back in order.
        if batched >= BATCH_ROWS && batch.last().is_some_and(|(p, _)| *p != process) {
            read_batch(std::mem::take(&mut batch), &mut all, progress);
            batched = 0;
        }
        let row = RawRow {
            number: number(r, 1)?,
            stored: Stored::from_columns(r.get_ref(2)?, self::number(r, 3)?),
            hash: lossy(r, 4)?,
            prev_hash: optional_lossy(r, 5)?,
        };
        match batch.last_mut() {
            Some((p, rows)) if *p == process => rows.push(row),
            _ => batch.push((process, vec![row])),
        }
        batched += 1;
    }
    read_batch(batch, &mut all, progress);
    Ok(all)
}

/// Reads back every process of `batch` (in parallel) and appends them to `all` in order.
fn read_batch(
    batch: Vec<(ProcessKey, Vec<RawRow>)>,
    all: &mut Vec<(ProcessKey, StoredVersion)>,
    progress: &mut dyn FnMut(),
) {
    let read: Vec<(ProcessKey, Vec<StoredVersion>)> = batch
        .into_par_iter()
        .map(|(process, rows)| (process, read_process(rows)))
        .collect();
    for (process, versions) in read {
        for version in versions {
            all.push((process.clone(), version));
            progress();
        }
    }
}

/// One process's rows read back in order, each against the row before it.
fn read_process(rows: Vec<RawRow>) -> Vec<StoredVersion> {
    let mut read: Vec<StoredVersion> = Vec::with_capacity(rows.len());
    // The text of the row before, the only one a frame can be stored against.
    let mut previous_text = Vec::new();
    for row in rows {
        let previous = read
            .last()
            .filter(|v| v.number.is_some_and(|n| Some(n + 1) == row.number))
            .map(|v| (v, previous_text.as_slice()));
        let text = row.stored.and_then(|stored| read_back(&stored, previous));
        let (definition, damage) = match text {
            Ok(text) => (text, None),
            Err(damage) => (Vec::new(), Some(damage)),
        };
        let actual = canonical::hash_bytes(&definition);
        let (heading, unreadable) = match damage {
            Some(_) => (None, None),
            None => parsed(&definition, actual == row.hash),
        };
        previous_text = definition;
        read.push(StoredVersion {
            number: row.number,
            damage,
            unreadable,
            heading,
            actual,
            hash: row.hash,
            prev_hash: row.prev_hash,
        });
    }
    read
}

/// The heading of a definition's text, or why it is not a definition. A text that hashes to
/// what was saved is the text that was saved, which parsed then: only its heading is read
/// (building the whole process costs most of a check). Any other text is parsed whole, so
/// what makes it unreadable can be named.
fn parsed(definition: &[u8], as_saved: bool) -> (Option<[String; 3]>, Option<String>) {
    if as_saved {
        if let Some(heading) = Heading::of_text(definition) {
            let category = heading.category().as_str().to_string();
            return (Some([heading.name, category, heading.owner]), None);
        }
    }
    let text = match std::str::from_utf8(definition) {
        Ok(text) => text,
        Err(e) => {
            let why = format!(
                "its definition cannot be read: byte {} is not UTF-8",
                e.valid_up_to()
            );
            return (None, Some(why));
        }
    };
    match canonical::parse(text) {
        Ok(p) => {
            let info = p.info;
            let category = info.category.as_str().to_string();
            (Some([info.name, category, info.owner]), None)
        }
        Err(e) => (None, Some(format!("its definition cannot be read: {e}"))),
    }
}

/// The text of `stored`, given the version stored just before it and its text (if it is the
/// one before).
fn read_back(
    stored: &Stored,
    previous: Option<(&StoredVersion, &[u8])>,
) -> Result<Vec<u8>, Damage> {
    let Some(base) = stored.base() else {
        return stored.text(None);
    };
    match previous {
        Some((v, _)) if v.number != Some(base) => Err(Damage::WrongBase(base)),
        None => Err(Damage::WrongBase(base)),
        Some((v, _)) if v.damage.is_some() => Err(Damage::BaseUnreadable(base)),
        Some((v, _)) if v.actual != v.hash => Err(Damage::BaseChanged(base)),
        Some((_, text)) => stored.text(Some(text)),
    }
}

/// The heading each version's row in `headings` lists, by process id text and number.
pub(super) fn headings(
    conn: &Connection,
) -> rusqlite::Result<std::collections::HashMap<(String, u32), [String; 3]>> {
    let mut stmt =
        conn.prepare("SELECT process_id, number, name, category, owner FROM headings")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            (lossy(r, 0)?, number(r, 1)?),
            [lossy(r, 2)?, lossy(r, 3)?, lossy(r, 4)?],
        ))
    })?;
    let mut all = std::collections::HashMap::new();
    for row in rows {
        let ((process, number), heading) = row?;
        if let Some(number) = number {
            all.insert((process, number), heading);
        }
    }
    Ok(all)
}

/// One entry of the audit log as stored; `detail` is `None` when it is not JSON text.
pub(super) struct AuditRow {
    pub seq: i64,
    pub action: String,
    pub process: Option<ProcessKey>,
    pub detail: Option<serde_json::Value>,
    /// Every column's bytes, for the checkpoint's digest of the log.
    pub raw: Vec<Vec<u8>>,
}

impl AuditRow {
    pub fn field(&self, name: &str) -> Option<&serde_json::Value> {
        self.detail.as_ref().and_then(|d| d.get(name))
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.field(name).and_then(serde_json::Value::as_str)
    }

    pub fn number(&self, name: &str) -> Option<u32> {
        self.field(name)
            .and_then(serde_json::Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
    }
}

/// The whole audit log, oldest first.
pub(super) fn audit(conn: &Connection) -> rusqlite::Result<Vec<AuditRow>> {
    let mut stmt =
        conn.prepare("SELECT seq, at, actor, action, process_id, detail FROM audit ORDER BY seq")?;
    let rows = stmt.query_map([], |r| {
        let raw = (0..6)
            .map(|i| bytes(r, i))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let detail = std::str::from_utf8(&raw[5])
            .ok()
            .and_then(|text| serde_json::from_str(text).ok());
        Ok(AuditRow {
            seq: r.get(0)?,
            action: lossy(r, 3)?,
            process: optional_lossy(r, 4)?.map(ProcessKey),
            detail,
            raw,
        })
    })?;
    rows.collect()
}
