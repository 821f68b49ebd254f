//! Tamper evidence: is every saved version still what Flowlane wrote?
//!
//! Each version row holds the sha256 of its definition and the hash of the version before it, and
//! the audit log records every save with its number and hash. Editing a definition breaks its own
//! hash; editing a hash too breaks the next version's link; rewriting the latest version or
//! deleting it disagrees with the audit log; deleting audit entries leaves a gap in its sequence.
//! The triggers that make versions and the log immutable must still be there.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use super::{column, Library, Result};
use crate::canonical;
use crate::model::Id;

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
    /// Entries of the append-only audit log are missing.
    AuditGap,
    /// A trigger that keeps versions or the audit log immutable was removed.
    MissingTrigger,
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

const TRIGGERS: [&str; 4] = [
    "versions_are_immutable",
    "versions_are_kept",
    "audit_is_append_only_u",
    "audit_is_append_only_d",
];

struct StoredVersion {
    number: u32,
    definition: String,
    hash: String,
    prev_hash: Option<String>,
}

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
            let subject = match (&p.process, p.version) {
                (Some(_), Some(v)) => format!("\"{}\" v{v}", p.process_name),
                (Some(_), None) => format!("\"{}\"", p.process_name),
                (None, _) => "library".to_string(),
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

impl Library {
    /// Re-hashes every stored definition and checks the hash chains against each other and
    /// against the audit log. Reading only: a tampered library is reported, never repaired.
    pub fn verify(&self) -> Result<VerifyReport> {
        let mut report = VerifyReport::default();
        self.check_triggers(&mut report)?;

        let stored = self.stored_versions()?;
        let audited = self.audited_saves()?;
        let processes: BTreeSet<Id> = stored.keys().chain(audited.keys()).copied().collect();
        report.processes = u32::try_from(processes.len()).unwrap_or(u32::MAX);
        let none = Vec::new();
        let no_saves = BTreeMap::new();
        for process in processes {
            let versions = stored.get(&process).unwrap_or(&none);
            let saves = audited.get(&process).unwrap_or(&no_saves);
            report.versions += u32::try_from(versions.len()).unwrap_or(u32::MAX);
            let name = process_name(process, versions);
            let mut problem = |kind, version: Option<u32>, message: String| {
                report.problems.push(TamperProblem {
                    kind,
                    process: Some(process),
                    process_name: name.clone(),
                    version,
                    message,
                })
            };
            check_chain(versions, &mut problem);
            check_audit(versions, saves, &mut problem);
        }
        self.check_audit_sequence(&mut report)?;
        Ok(report)
    }

    fn check_triggers(&self, report: &mut VerifyReport) -> Result<()> {
        for trigger in TRIGGERS {
            let present: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1)",
                [trigger],
                |r| r.get(0),
            )?;
            if !present {
                report.problems.push(TamperProblem {
                    kind: TamperKind::MissingTrigger,
                    process: None,
                    process_name: String::new(),
                    version: None,
                    message: format!(
                        "the safeguard `{trigger}` was removed, so saved history could be edited"
                    ),
                });
            }
        }
        Ok(())
    }

    /// Every version row, grouped by process and ordered by number.
    fn stored_versions(&self) -> Result<BTreeMap<Id, Vec<StoredVersion>>> {
        let mut stmt = self.conn.prepare(
            "SELECT process_id, number, definition, hash, prev_hash FROM versions
             ORDER BY process_id, number",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                column::id(r, 0)?,
                StoredVersion {
                    number: r.get(1)?,
                    definition: r.get(2)?,
                    hash: r.get(3)?,
                    prev_hash: r.get(4)?,
                },
            ))
        })?;
        let mut grouped: BTreeMap<Id, Vec<StoredVersion>> = BTreeMap::new();
        for row in rows {
            let (process, version) = row?;
            grouped.entry(process).or_default().push(version);
        }
        Ok(grouped)
    }

    /// Version number → hash of every save the audit log recorded, per process.
    fn audited_saves(&self) -> Result<BTreeMap<Id, BTreeMap<u32, String>>> {
        let mut stmt = self.conn.prepare(
            "SELECT process_id, json_extract(detail, '$.version'), json_extract(detail, '$.hash')
             FROM audit WHERE action = 'save_version' AND process_id IS NOT NULL ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                column::id(r, 0)?,
                r.get::<_, Option<u32>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut saves: BTreeMap<Id, BTreeMap<u32, String>> = BTreeMap::new();
        for row in rows {
            if let (process, Some(number), Some(hash)) = row? {
                saves.entry(process).or_default().insert(number, hash);
            }
        }
        Ok(saves)
    }

    /// The log's sequence numbers run without gaps up to the last one SQLite handed out.
    fn check_audit_sequence(&self, report: &mut VerifyReport) -> Result<()> {
        let (count, max): (u32, Option<u32>) =
            self.conn
                .query_row("SELECT COUNT(*), MAX(seq) FROM audit", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        let issued: Option<u32> = self
            .conn
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let last = max.unwrap_or(0).max(issued.unwrap_or(0));
        if count < last {
            report.problems.push(TamperProblem {
                kind: TamperKind::AuditGap,
                process: None,
                process_name: String::new(),
                version: None,
                message: format!("{} of {last} audit log entries are missing", last - count),
            });
        }
        Ok(())
    }
}

/// The name in the newest version that still parses; the id when none does.
fn process_name(process: Id, versions: &[StoredVersion]) -> String {
    versions
        .iter()
        .rev()
        .find_map(|v| canonical::parse(&v.definition).ok())
        .map_or_else(|| process.to_string(), |p| p.info.name)
}

fn check_chain(
    versions: &[StoredVersion],
    problem: &mut impl FnMut(TamperKind, Option<u32>, String),
) {
    let mut previous: Option<&StoredVersion> = None;
    for v in versions {
        let actual = canonical::hash_bytes(v.definition.as_bytes());
        if actual != v.hash {
            problem(
                TamperKind::EditedDefinition,
                Some(v.number),
                format!(
                    "its definition was edited: it hashes to {}, but was saved as {}",
                    short(&actual),
                    short(&v.hash)
                ),
            );
        }
        let expected_number = previous.map_or(1, |p| p.number + 1);
        if v.number > expected_number {
            let missing = if v.number - expected_number == 1 {
                format!("version {expected_number} is missing")
            } else {
                format!("versions {expected_number}–{} are missing", v.number - 1)
            };
            problem(
                TamperKind::MissingVersion,
                Some(expected_number),
                format!("{missing}: it was deleted"),
            );
        }
        let expected_prev = previous.map(|p| p.hash.as_str());
        if v.prev_hash.as_deref() != expected_prev {
            let message = match (expected_prev, v.prev_hash.as_deref()) {
                (None, Some(_)) => "it links to a previous version, but none is stored before it".to_string(),
                (Some(e), Some(found)) => format!(
                    "its link to the version before does not match: it says {}, that version's hash is {}",
                    short(found),
                    short(e)
                ),
                (Some(_), None) => "it has no link to the version before it".to_string(),
                (None, None) => String::new(),
            };
            problem(TamperKind::BrokenChain, Some(v.number), message);
        }
        previous = Some(v);
    }
}

fn check_audit(
    versions: &[StoredVersion],
    saves: &BTreeMap<u32, String>,
    problem: &mut impl FnMut(TamperKind, Option<u32>, String),
) {
    let stored: BTreeMap<u32, &StoredVersion> = versions.iter().map(|v| (v.number, v)).collect();
    let last_stored = versions.last().map_or(0, |v| v.number);
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
            Some(v) if v.hash != *hash => problem(
                TamperKind::HashDiffersFromAudit,
                Some(*number),
                format!(
                    "it was replaced: its hash is {}, but the audit log recorded {} when it was saved",
                    short(&v.hash),
                    short(hash)
                ),
            ),
            Some(_) => {}
        }
    }
    for v in versions.iter().filter(|v| !saves.contains_key(&v.number)) {
        problem(
            TamperKind::UnrecordedVersion,
            Some(v.number),
            "the audit log never recorded saving it: it was added outside Flowlane".into(),
        );
    }
}

/// Enough of a hash to tell two apart in a message.
fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
