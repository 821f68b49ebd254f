//! Tamper evidence: is every saved version, and every other audited row, still what Flowlane
//! wrote?
//!
//! Each version row holds the sha256 of its definition and the hash of the version before it, and
//! the audit log records every save with its number and hash. Editing a definition breaks its own
//! hash; editing a hash too breaks the next version's link; rewriting the latest version or
//! deleting it disagrees with the audit log; deleting audit entries leaves a gap in its sequence.
//! Tags, scenarios, archiving, rule levels and the linked repository are checked against their
//! audit entries (`tables`). A row that cannot be read is a finding, never an error (`rows`).
//! What the file alone cannot show (its newest versions deleted together with their audit
//! entries) needs an anchor outside it: a `checkpoint`, or the linked git repository
//! (`crate::sync::anchor`). The triggers that make versions and the log immutable must still be
//! there.

mod checkpoint;
mod rows;
mod tables;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use super::{Library, Result};
use crate::model::Id;
use rows::{AuditRow, ProcessKey, StoredVersion};

pub use checkpoint::{Checkpoint, CheckpointError};

/// The outcome of `Library::verify`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct VerifyReport {
    /// Processes and versions that were checked.
    pub processes: u32,
    pub versions: u32,
    /// Empty when the library is as Flowlane wrote it.
    pub problems: Vec<TamperProblem>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TamperKind {
    /// The definition no longer matches the hash stored with it.
    EditedDefinition,
    /// A stored row cannot be read: bytes that are not UTF-8, JSON that does not parse, a
    /// number that is not one.
    UnreadableRow,
    /// A version's previous hash is not the hash of the version before it.
    BrokenChain,
    /// A version number is missing between two others.
    MissingVersion,
    /// The audit log records a saved version that is no longer there.
    DeletedVersion,
    /// The audit log recorded another hash when the version was saved.
    HashDiffersFromAudit,
    /// A version the audit log never recorded.
    UnrecordedVersion,
    /// A tag, scenario, archiving, rule level or link the audit log does not record as it is.
    UnrecordedChange,
    /// A tag, scenario, archiving, rule level or link the audit log records is no longer there.
    UndoneChange,
    /// Entries of the append-only audit log are missing.
    AuditGap,
    /// The audit log differs from what an anchor (a checkpoint) recorded.
    EditedAudit,
    /// Versions an anchor (a checkpoint, the linked repository) holds are gone from the end.
    TruncatedHistory,
    /// A version differs from what an anchor (a checkpoint, the linked repository) holds.
    DiffersFromAnchor,
    /// A trigger that keeps versions or the audit log immutable was removed.
    MissingTrigger,
    /// The name, category or owner the list shows for a version is not what it holds.
    EditedListing,
}

/// One finding, in words, about one version (or the library as a whole).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TamperProblem {
    pub kind: TamperKind,
    pub process: Option<Id>,
    /// The process's name as its newest readable version has it, else its id.
    pub process_name: String,
    pub version: Option<u32>,
    pub message: String,
}

/// Per process (its id's text), the number (if readable) and hash of each stored version.
pub(crate) type StoredHashes = BTreeMap<String, Vec<(Option<u32>, String)>>;

const TRIGGERS: [&str; 4] = [
    "versions_are_immutable",
    "versions_are_kept",
    "audit_is_append_only_u",
    "audit_is_append_only_d",
];

impl VerifyReport {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// The report as lines for a terminal.
    pub fn render(&self) -> String {
        let mut out = format!(
            "checked {} version(s) of {} process(es)\n",
            self.versions, self.processes
        );
        if self.is_clean() {
            out.push_str("ok: every version matches its hash, the hash chains and the audit log\n");
            return out;
        }
        for p in &self.problems {
            let subject = match (p.process_name.is_empty(), p.version) {
                (false, Some(v)) => format!("\"{}\" v{v}", p.process_name),
                (false, None) => format!("\"{}\"", p.process_name),
                (true, _) => "library".to_string(),
            };
            let _ = writeln!(out, "TAMPERED {subject}: {}", p.message);
        }
        let _ = writeln!(
            out,
            "{} problem(s): this library was changed outside Flowlane",
            self.problems.len()
        );
        out
    }
}

/// Collects findings, naming each process as its newest readable version does.
pub struct Findings {
    names: BTreeMap<String, String>,
    pub problems: Vec<TamperProblem>,
}

impl Findings {
    /// `names` maps a process id's text to its name.
    pub fn new(names: BTreeMap<String, String>) -> Self {
        Findings {
            names,
            problems: Vec::new(),
        }
    }

    /// A finding about a process (named by its id's text) or, with `None`, the whole library.
    pub fn add(
        &mut self,
        kind: TamperKind,
        process: Option<&str>,
        version: Option<u32>,
        message: String,
    ) {
        let process_name = process.map_or_else(String::new, |p| {
            self.names.get(p).cloned().unwrap_or_else(|| p.to_string())
        });
        self.problems.push(TamperProblem {
            kind,
            process: process.and_then(|p| p.parse().ok()),
            process_name,
            version,
            message,
        });
    }
}

impl Library {
    /// Re-hashes every stored definition and checks the hash chains against each other, and
    /// every audited row against the audit log. Reading only: a tampered library is reported,
    /// never repaired; a row that cannot be read is reported and the check goes on.
    pub fn verify(&self) -> Result<VerifyReport> {
        self.verify_with_progress(&mut |_, _| {})
    }

    /// `verify`, telling `progress` how many of how many versions have been read so far.
    pub fn verify_with_progress(&self, progress: &mut dyn FnMut(u64, u64)) -> Result<VerifyReport> {
        let mut report = VerifyReport::default();
        let total = rows::count(&self.conn)?;
        let mut done = 0;
        let stored = group(rows::versions(&self.conn, &mut || {
            done += 1;
            progress(done, total);
        })?);
        let listed = rows::headings(&self.conn)?;
        let audit = rows::audit(&self.conn)?;
        let mut findings = Findings::new(names(&stored));
        self.check_triggers(&mut findings)?;

        let saves = audited_saves(&audit);
        let mut processes: Vec<&ProcessKey> = stored.keys().chain(saves.keys()).collect();
        processes.sort();
        processes.dedup();
        report.processes = u32::try_from(processes.len()).unwrap_or(u32::MAX);
        let (none, no_saves) = (Vec::new(), BTreeMap::new());
        for process in processes {
            let versions = stored.get(process).unwrap_or(&none);
            report.versions += u32::try_from(versions.len()).unwrap_or(u32::MAX);
            let mut problem = |kind, version, message| {
                findings.add(kind, Some(&process.0), version, message);
            };
            check_chain(versions, &mut problem);
            check_headings(&process.0, versions, &listed, &mut problem);
            check_audit(
                versions,
                saves.get(process).unwrap_or(&no_saves),
                &mut problem,
            );
        }
        check_unreadable_audit(&audit, &mut findings);
        tables::check(&self.conn, &audit, &mut findings)?;
        self.check_audit_sequence(audit.len(), &mut findings)?;
        report.problems = findings.problems;
        Ok(report)
    }

    /// The name of each process as its newest readable version has it (by id text).
    pub(crate) fn process_names(&self) -> Result<BTreeMap<String, String>> {
        Ok(names(&group(rows::versions(&self.conn, &mut || {})?)))
    }

    /// The number and hash of every stored version, by process id text, for an outside anchor.
    pub(crate) fn stored_hashes(&self) -> Result<StoredHashes> {
        let mut stmt = self
            .conn
            .prepare("SELECT process_id, number, hash FROM versions")?;
        let rows = stmt.query_map([], |r| {
            Ok((rows::lossy(r, 0)?, rows::number(r, 1)?, rows::lossy(r, 2)?))
        })?;
        let mut grouped = StoredHashes::new();
        for row in rows {
            let (process, number, hash) = row?;
            grouped.entry(process).or_default().push((number, hash));
        }
        Ok(grouped)
    }

    /// Whether a saved merge version of `process` merged the remote `commit`.
    pub(crate) fn merged_in(&self, process: Id, commit: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_merged_versions WHERE process_id = ?1 AND theirs_commit = ?2)",
            [process.to_string(), commit.to_string()],
            |r| r.get(0),
        )?)
    }

    fn check_triggers(&self, findings: &mut Findings) -> Result<()> {
        for trigger in TRIGGERS {
            let present: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1)",
                [trigger],
                |r| r.get(0),
            )?;
            if !present {
                findings.add(
                    TamperKind::MissingTrigger,
                    None,
                    None,
                    format!(
                        "the safeguard `{trigger}` was removed, so saved history could be edited"
                    ),
                );
            }
        }
        Ok(())
    }

    /// The log's sequence numbers run without gaps up to the last one SQLite handed out.
    fn check_audit_sequence(&self, count: usize, findings: &mut Findings) -> Result<()> {
        let max: Option<i64> = self
            .conn
            .query_row("SELECT MAX(seq) FROM audit", [], |r| r.get(0))?;
        let issued: Option<i64> = self
            .conn
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let last = max.unwrap_or(0).max(issued.unwrap_or(0));
        let count = i64::try_from(count).unwrap_or(i64::MAX);
        if count < last {
            findings.add(
                TamperKind::AuditGap,
                None,
                None,
                format!("{} of {last} audit log entries are missing", last - count),
            );
        }
        Ok(())
    }
}

fn group(rows: Vec<(ProcessKey, StoredVersion)>) -> BTreeMap<ProcessKey, Vec<StoredVersion>> {
    let mut grouped: BTreeMap<ProcessKey, Vec<StoredVersion>> = BTreeMap::new();
    for (process, version) in rows {
        grouped.entry(process).or_default().push(version);
    }
    grouped
}

/// The name in the newest version that still parses, per process.
fn names(stored: &BTreeMap<ProcessKey, Vec<StoredVersion>>) -> BTreeMap<String, String> {
    stored
        .iter()
        .filter_map(|(process, versions)| {
            let name = versions
                .iter()
                .rev()
                .find_map(|v| v.heading.as_ref().map(|[name, _, _]| name.clone()))?;
            Some((process.0.clone(), name))
        })
        .collect()
}

/// Version number → hash of every save the audit log recorded, per process.
fn audited_saves(audit: &[AuditRow]) -> BTreeMap<ProcessKey, BTreeMap<u32, String>> {
    let mut saves: BTreeMap<ProcessKey, BTreeMap<u32, String>> = BTreeMap::new();
    for row in audit.iter().filter(|r| r.action == "save_version") {
        if let (Some(process), Some(number), Some(hash)) =
            (&row.process, row.number("version"), row.text("hash"))
        {
            saves
                .entry(process.clone())
                .or_default()
                .insert(number, hash.to_string());
        }
    }
    saves
}

fn check_unreadable_audit(audit: &[AuditRow], findings: &mut Findings) {
    for row in audit.iter().filter(|r| r.detail.is_none()) {
        let process = row.process.as_ref().map(|p| p.0.as_str());
        findings.add(
            TamperKind::UnreadableRow,
            process,
            None,
            format!(
                "audit log entry {} ({}) cannot be read: its detail is not JSON text",
                row.seq, row.action
            ),
        );
    }
}

/// The list shows each version by the heading saved beside it; one that no longer says what
/// the definition says was edited outside Flowlane. An edited definition is reported as that
/// alone.
fn check_headings(
    process: &str,
    versions: &[StoredVersion],
    listed: &HashMap<(String, u32), [String; 3]>,
    problem: &mut impl FnMut(TamperKind, Option<u32>, String),
) {
    for v in versions {
        let (Some(number), Some(heading)) = (v.number, &v.heading) else {
            continue;
        };
        if v.actual != v.hash {
            continue;
        }
        match listed.get(&(process.to_string(), number)) {
            Some(shown) if shown != heading => problem(
                TamperKind::EditedListing,
                Some(number),
                format!(
                    "the list shows it as \"{}\" ({}, owner \"{}\"), but its definition says \"{}\" ({}, owner \"{}\")",
                    shown[0], shown[1], shown[2], heading[0], heading[1], heading[2]
                ),
            ),
            _ => {}
        }
    }
}

fn check_chain(
    versions: &[StoredVersion],
    problem: &mut impl FnMut(TamperKind, Option<u32>, String),
) {
    let mut previous: Option<(u32, &str)> = None;
    for v in versions {
        let Some(number) = v.number else {
            problem(
                TamperKind::UnreadableRow,
                None,
                "a version row's number is not a whole number".into(),
            );
            continue;
        };
        if let Some(damage) = &v.damage {
            problem(TamperKind::UnreadableRow, Some(number), damage.to_string());
        } else if let Some(why) = &v.unreadable {
            problem(TamperKind::UnreadableRow, Some(number), why.clone());
        }
        if v.damage.is_none() && v.actual != v.hash {
            let (actual, saved) = distinct(&v.actual, &v.hash);
            problem(
                TamperKind::EditedDefinition,
                Some(number),
                format!(
                    "its definition was edited: it hashes to {actual}, but was saved as {saved}"
                ),
            );
        }
        let expected_number = previous.map_or(1, |(n, _)| n + 1);
        if number > expected_number {
            let missing = if number - expected_number == 1 {
                format!("version {expected_number} is missing")
            } else {
                format!("versions {expected_number}–{} are missing", number - 1)
            };
            problem(
                TamperKind::MissingVersion,
                Some(expected_number),
                format!("{missing}: it was deleted"),
            );
        }
        let expected_prev = previous.map(|(_, h)| h);
        if v.prev_hash.as_deref() != expected_prev {
            let message = match (expected_prev, v.prev_hash.as_deref()) {
                (None, Some(_)) => {
                    "it links to a previous version, but none is stored before it".to_string()
                }
                (Some(e), Some(found)) => {
                    let (found, e) = distinct(found, e);
                    format!("its link to the version before does not match: it says {found}, that version's hash is {e}")
                }
                (Some(_), None) => "it has no link to the version before it".to_string(),
                (None, None) => String::new(),
            };
            problem(TamperKind::BrokenChain, Some(number), message);
        }
        previous = Some((number, &v.hash));
    }
}

fn check_audit(
    versions: &[StoredVersion],
    saves: &BTreeMap<u32, String>,
    problem: &mut impl FnMut(TamperKind, Option<u32>, String),
) {
    let stored: BTreeMap<u32, &StoredVersion> = versions
        .iter()
        .filter_map(|v| Some((v.number?, v)))
        .collect();
    let last_stored = stored.keys().next_back().copied().unwrap_or(0);
    for (number, hash) in saves {
        match stored.get(number) {
            None if *number > last_stored => problem(
                TamperKind::DeletedVersion,
                Some(*number),
                format!(
                    "it was deleted: the audit log records saving it (hash {}), but the library no longer has it",
                    short(hash)
                ),
            ),
            // A gap inside the chain is already reported as a missing version.
            None => {}
            Some(v) if v.hash != *hash => {
                let (stored, recorded) = distinct(&v.hash, hash);
                problem(
                    TamperKind::HashDiffersFromAudit,
                    Some(*number),
                    format!("it was replaced: its hash is {stored}, but the audit log recorded {recorded} when it was saved"),
                );
            }
            Some(_) => {}
        }
    }
    for number in stored.keys().filter(|n| !saves.contains_key(n)) {
        problem(
            TamperKind::UnrecordedVersion,
            Some(*number),
            "the audit log never recorded saving it: it was added outside Flowlane".into(),
        );
    }
}

/// Enough of a hash to tell it apart in a message.
pub(crate) fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// Two different hashes shortened to at least 12 characters, and as far as needed to tell
/// them apart (in full when they differ only near the end).
pub(crate) fn distinct<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    let same = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let keep = |h: &'a str| {
        let end = h
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| i > same && i >= 12)
            .unwrap_or(h.len());
        &h[..end]
    };
    (keep(a), keep(b))
}

#[cfg(test)]
mod tests {
    use super::distinct;

    #[test]
    fn hashes_are_shortened_only_as_far_as_they_stay_apart() {
        let a = "0123456789abcdef";
        assert_eq!(
            distinct(a, "0123456789abXdef"),
            ("0123456789abc", "0123456789abX")
        );
        assert_eq!(
            distinct(a, "X123456789abcdef"),
            ("0123456789ab", "X123456789ab")
        );
        assert_eq!(distinct(a, "0123456789abcdeX"), (a, "0123456789abcdeX"));
        assert_eq!(distinct("ab", "abc"), ("ab", "abc"));
    }
}
