//! The library's side of sharing through git: the linked repository, which commit holds which
//! version, the last remote commit of each process taken in, and merges waiting to be resolved.
//! Git itself is `crate::sync`'s business; this file only stores what it decided, and every
//! pull or push lands here as one transaction, so a failure leaves nothing half-written.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::signing::{self, CommitSeal, SIGNERS, SIGNERS_SHARED};
use super::versions::insert_next;
use super::{audit, column, Library, Result, StoreError, VersionInfo};
use crate::canonical;
use crate::model::{Id, Process};
use crate::simulate::Scenario;

/// The shared repository a library is linked to.
#[derive(Clone, Debug, PartialEq)]
pub struct RemoteLink {
    pub url: String,
    pub branch: String,
    /// The remote commit last taken in or written; none before the first pull or push.
    pub tip: Option<String>,
}

/// A version read from the shared repository, to become the next local version.
#[derive(Clone, Debug)]
pub struct PulledVersion {
    pub process: Process,
    /// The definition as its commit holds it, kept byte for byte so its hash stays the same.
    pub definition: String,
    pub author: String,
    pub message: String,
    pub saved_at: DateTime<Utc>,
    pub commit: String,
}

/// A trainer scenario read from the shared repository; `version_hash` says which version it
/// was recorded on, whatever number that version has here.
#[derive(Clone, Debug)]
pub struct PulledScenario {
    pub scenario: Scenario,
    pub version_hash: String,
    pub author: String,
    pub saved_at: DateTime<Utc>,
    pub commit: String,
}

/// A scenario not yet in the shared repository, with the hash of its version.
#[derive(Clone, Debug)]
pub struct UnsharedScenario {
    pub scenario: Scenario,
    pub version_hash: String,
    pub author: String,
    pub saved_at: DateTime<Utc>,
}

/// What `record_sync` added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncOutcome {
    pub versions: Vec<VersionInfo>,
    pub scenarios: Vec<String>,
    /// Scenarios not taken in, each with the reason.
    pub skipped: Vec<(String, String)>,
}

/// Concurrent versions of one process waiting to be merged: the common base, the latest local
/// and remote definitions, and the choices made so far (conflict key → "mine" / "theirs").
#[derive(Clone, Debug, PartialEq)]
pub struct PendingMerge {
    pub process: Id,
    pub base: Process,
    pub mine: Process,
    pub theirs: Process,
    pub theirs_commit: String,
    /// Who saved the remote versions, in words ("bob's v4 “Rename”").
    pub theirs_about: String,
    pub choices: BTreeMap<String, String>,
    pub started_at: DateTime<Utc>,
}

/// Everything one pull or push changes, written in one transaction.
#[derive(Clone, Debug, Default)]
pub struct SyncBatch {
    /// The remote commit to start from next time.
    pub tip: Option<String>,
    /// Versions taken from the repository, in order; one equal to the latest local version only
    /// records its commit.
    pub pulled: Vec<PulledVersion>,
    /// Local versions now in a commit (pushed, or found equal to a pulled one): (process, number, commit).
    pub mapped: Vec<(Id, u32, String)>,
    /// Merges to start (or restart with newer remote versions), each with its merged draft.
    pub merges: Vec<(PendingMerge, Process)>,
    /// Scenarios taken from the repository, after the versions they were recorded on.
    pub pulled_scenarios: Vec<PulledScenario>,
    /// Local scenarios now in a commit: (name, commit).
    pub mapped_scenarios: Vec<(String, String)>,
    /// The signatures found on the commits pushed or pulled.
    pub seals: Vec<CommitSeal>,
    /// The allowed signers after this exchange: (this library's, the repository's).
    pub signers: Option<(String, String)>,
}

fn definition_text(process: &Process) -> String {
    String::from_utf8(canonical::to_bytes(process)).expect("serde_json writes UTF-8")
}

fn parse_stored(process: Id, text: &str) -> Result<Process> {
    canonical::parse(text).map_err(|source| StoreError::Unreadable {
        process,
        number: 0,
        source,
    })
}

impl Library {
    /// Links the library to a shared repository (replacing an earlier link only when nothing
    /// was shared through it yet).
    pub fn link_remote(
        &mut self,
        url: &str,
        branch: &str,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
        let shared: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_commits) OR EXISTS (SELECT 1 FROM sync_remote WHERE tip IS NOT NULL)",
            [],
            |r| r.get(0),
        )?;
        let current: Option<(String, String)> = tx
            .query_row("SELECT url, branch FROM sync_remote", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if let Some((old_url, old_branch)) = &current {
            if old_url == url && old_branch == branch {
                return Ok(());
            }
            if shared {
                return Err(StoreError::AlreadyLinked(format!(
                    "{old_url} ({old_branch})"
                )));
            }
        }
        tx.execute(
            "INSERT INTO sync_remote (id, url, branch, linked_at) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET url = excluded.url, branch = excluded.branch,
                linked_at = excluded.linked_at",
            params![url, branch, column::time_text(at)],
        )?;
        let detail = serde_json::json!({ "url": url, "branch": branch });
        audit::append(tx, at, actor, "link_remote", None, &detail)?;
        Ok(())
        })
    }

    pub fn remote(&self) -> Result<Option<RemoteLink>> {
        Ok(self
            .conn
            .query_row("SELECT url, branch, tip FROM sync_remote", [], |r| {
                Ok(RemoteLink {
                    url: r.get(0)?,
                    branch: r.get(1)?,
                    tip: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// The commit that holds a local version, if it was pushed or pulled.
    pub fn commit_of(&self, process: Id, number: u32) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT commit_id FROM sync_commits WHERE process_id = ?1 AND number = ?2",
                params![process.to_string(), number],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The highest version of a process that is in the shared repository; versions above it
    /// are local only.
    pub fn shared_number(&self, process: Id) -> Result<Option<u32>> {
        Ok(self.conn.query_row(
            "SELECT MAX(number) FROM sync_commits WHERE process_id = ?1",
            [process.to_string()],
            |r| r.get(0),
        )?)
    }

    /// The last remote commit of a process this library has taken in or written.
    pub fn sync_point(&self, process: Id) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT commit_id FROM sync_points WHERE process_id = ?1",
                [process.to_string()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The remote commit a saved merge version merged, if it is one.
    pub fn merged_commit(&self, process: Id, number: u32) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT theirs_commit FROM sync_merged_versions WHERE process_id = ?1 AND number = ?2",
                params![process.to_string(), number],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The merge waiting for a process, if any.
    pub fn pending_merge(&self, process: Id) -> Result<Option<PendingMerge>> {
        let row = self
            .conn
            .query_row(
                "SELECT base, mine, theirs, theirs_commit, theirs_about, choices, started_at
                 FROM sync_merges WHERE process_id = ?1",
                [process.to_string()],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        column::time(r, 6)?,
                    ))
                },
            )
            .optional()?;
        let Some((base, mine, theirs, theirs_commit, theirs_about, choices, started_at)) = row
        else {
            return Ok(None);
        };
        Ok(Some(PendingMerge {
            process,
            base: parse_stored(process, &base)?,
            mine: parse_stored(process, &mine)?,
            theirs: parse_stored(process, &theirs)?,
            theirs_commit,
            theirs_about,
            choices: serde_json::from_str(&choices).unwrap_or_default(),
            started_at,
        }))
    }

    /// Processes with a merge waiting.
    pub fn pending_merges(&self) -> Result<Vec<Id>> {
        let mut stmt = self
            .conn
            .prepare("SELECT process_id FROM sync_merges ORDER BY process_id")?;
        let rows = stmt.query_map([], |r| column::id(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Scenarios that are not in the shared repository yet, oldest first, with their version's
    /// hash.
    pub fn unshared_scenarios(&self) -> Result<Vec<UnsharedScenario>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.scenario, v.hash, s.author, s.saved_at FROM scenarios s
             JOIN versions v ON v.process_id = s.process_id AND v.number = s.version
             WHERE s.name NOT IN (SELECT name FROM sync_scenarios)
             ORDER BY s.saved_at, s.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                column::time(r, 3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (text, version_hash, author, saved_at) = row?;
            let scenario: Scenario =
                serde_json::from_str(&text).map_err(|e| StoreError::UnreadableScenario {
                    name: String::new(),
                    detail: e.to_string(),
                })?;
            out.push(UnsharedScenario {
                scenario,
                version_hash,
                author,
                saved_at,
            });
        }
        Ok(out)
    }

    /// Writes what a pull or push decided, all or nothing.
    pub fn record_sync(
        &mut self,
        batch: &SyncBatch,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<SyncOutcome> {
        self.write(|tx| {
            let mut outcome = SyncOutcome::default();
            let added = &mut outcome.versions;
            for v in &batch.pulled {
                let extra = serde_json::json!({ "pulled": v.commit, "author": v.author });
                let number = match insert_next(
                    tx,
                    &v.process,
                    Some(&v.definition),
                    &v.author,
                    &v.message,
                    v.saved_at,
                    (actor, at, Some(extra)),
                ) {
                    Ok(info) => {
                        let number = info.number;
                        added.push(info);
                        number
                    }
                    // The same definition as the latest local version (e.g. a merge both sides
                    // made alike): the commit is that version.
                    Err(StoreError::Unchanged(number)) => number,
                    Err(other) => return Err(other),
                };
                map_commit(tx, v.process.id, number, &v.commit)?;
            }
            for (process, number, commit) in &batch.mapped {
                map_commit(tx, *process, *number, commit)?;
            }
            for (merge, draft) in &batch.merges {
                tx.execute(
                    "INSERT OR REPLACE INTO sync_merges
                 (process_id, base, mine, theirs, theirs_commit, theirs_about, choices, started_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        merge.process.to_string(),
                        definition_text(&merge.base),
                        definition_text(&merge.mine),
                        definition_text(&merge.theirs),
                        merge.theirs_commit,
                        merge.theirs_about,
                        serde_json::to_string(&merge.choices).unwrap_or_else(|_| "{}".into()),
                        column::time_text(merge.started_at)
                    ],
                )?;
                let base_version: Option<u32> = tx.query_row(
                    "SELECT MAX(number) FROM versions WHERE process_id = ?1",
                    [merge.process.to_string()],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "INSERT OR REPLACE INTO drafts (process_id, definition, base_version, saved_at)
                 VALUES (?1, ?2, ?3, ?4)",
                    params![
                        merge.process.to_string(),
                        definition_text(draft),
                        base_version,
                        column::time_text(at)
                    ],
                )?;
                let detail = serde_json::json!({ "theirs": merge.theirs_commit });
                audit::append(tx, at, actor, "start_merge", Some(merge.process), &detail)?;
            }
            for s in &batch.pulled_scenarios {
                match pulled_scenario(tx, s, actor, at)? {
                    Ok(true) => outcome.scenarios.push(s.scenario.name.clone()),
                    Ok(false) => {}
                    Err(reason) => outcome.skipped.push((s.scenario.name.clone(), reason)),
                }
            }
            for (name, commit) in &batch.mapped_scenarios {
                tx.execute(
                    "INSERT OR REPLACE INTO sync_scenarios (name, commit_id) VALUES (?1, ?2)",
                    params![name, commit],
                )?;
            }
            for seal in &batch.seals {
                signing::record_seal(tx, seal)?;
            }
            if let Some((mine, shared)) = &batch.signers {
                let value = |text: &str| (!text.is_empty()).then(|| text.to_string());
                signing::set(tx, SIGNERS, value(mine).as_deref(), actor, at)?;
                signing::set(tx, SIGNERS_SHARED, value(shared).as_deref(), actor, at)?;
            }
            if let Some(tip) = &batch.tip {
                tx.execute("UPDATE sync_remote SET tip = ?1", [tip])?;
            }
            Ok(outcome)
        })
    }

    /// Keeps the choices made so far for a waiting merge, and its draft in step with them.
    pub fn set_merge_choices(
        &mut self,
        process: Id,
        choices: &BTreeMap<String, String>,
        draft: &Process,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE sync_merges SET choices = ?2 WHERE process_id = ?1",
                params![
                    process.to_string(),
                    serde_json::to_string(choices).unwrap_or_else(|_| "{}".into())
                ],
            )?;
            tx.execute(
                "UPDATE drafts SET definition = ?2, saved_at = ?3 WHERE process_id = ?1",
                params![
                    process.to_string(),
                    definition_text(draft),
                    column::time_text(at)
                ],
            )?;
            Ok(())
        })
    }

    /// Saves a resolved merge as the next version: it remembers which remote commit it merged
    /// (its commit gets the local side as second parent), moves the process's sync point there,
    /// and ends the merge and its draft. One transaction. When the merge is exactly the latest
    /// local version (every choice was mine) no version is added: that version is the merge,
    /// and `false` says so.
    pub fn save_merge(
        &mut self,
        merged: &Process,
        author: &str,
        message: &str,
        at: DateTime<Utc>,
    ) -> Result<(VersionInfo, bool)> {
        let process = merged.id;
        self.write(|tx| {
        let theirs_commit: String = tx
            .query_row(
                "SELECT theirs_commit FROM sync_merges WHERE process_id = ?1",
                [process.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::UnknownProcess(process.to_string()))?;
        let extra = serde_json::json!({ "merged": theirs_commit });
        let (info, added) =
            match insert_next(tx, merged, None, author, message, at, (author, at, Some(extra))) {
                Ok(info) => (info, true),
                Err(StoreError::Unchanged(number)) => {
                    let sql = format!(
                        "SELECT {} FROM versions v WHERE process_id = ?1 AND number = ?2",
                        super::versions::VERSION_COLUMNS
                    );
                    let info = tx.query_row(
                        &sql,
                        params![process.to_string(), number],
                        super::versions::version_info,
                    )?;
                    (info, false)
                }
                Err(other) => return Err(other),
            };
        tx.execute(
            "INSERT OR REPLACE INTO sync_merged_versions (process_id, number, theirs_commit) VALUES (?1, ?2, ?3)",
            params![process.to_string(), info.number, theirs_commit],
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO sync_points (process_id, commit_id) VALUES (?1, ?2)",
            params![process.to_string(), theirs_commit],
        )?;
        tx.execute(
            "DELETE FROM sync_merges WHERE process_id = ?1",
            [process.to_string()],
        )?;
        tx.execute(
            "DELETE FROM drafts WHERE process_id = ?1",
            [process.to_string()],
        )?;
        Ok((info, added))
        })
    }
}

/// A version is in a commit, and that commit is the process's latest shared point.
fn map_commit(tx: &rusqlite::Transaction, process: Id, number: u32, commit: &str) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO sync_commits (process_id, number, commit_id) VALUES (?1, ?2, ?3)",
        params![process.to_string(), number, commit],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO sync_points (process_id, commit_id) VALUES (?1, ?2)",
        params![process.to_string(), commit],
    )?;
    Ok(())
}

/// Takes in a pulled scenario under the local number of its version: `Ok(true)` when added,
/// `Ok(false)` when this library already has it alike. `Err` (inside `Ok`) says why it was left
/// out: its version is not here (it waits in a merge), or another scenario has its name here.
fn pulled_scenario(
    tx: &rusqlite::Transaction,
    pulled: &PulledScenario,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<std::result::Result<bool, String>> {
    let process = pulled.scenario.process;
    let number: Option<u32> = tx
        .query_row(
            "SELECT number FROM versions WHERE process_id = ?1 AND hash = ?2 ORDER BY number LIMIT 1",
            params![process.to_string(), pulled.version_hash],
            |r| r.get(0),
        )
        .optional()?;
    let Some(number) = number else {
        return Ok(Err(
            "the version it was recorded on is not in this library (it waits in a merge)".into(),
        ));
    };
    let mut scenario = pulled.scenario.clone();
    scenario.version = number;
    let text = serde_json::to_string(&scenario).map_err(|e| StoreError::UnreadableScenario {
        name: scenario.name.clone(),
        detail: e.to_string(),
    })?;
    let existing: Option<String> = tx
        .query_row(
            "SELECT scenario FROM scenarios WHERE name = ?1",
            [&scenario.name],
            |r| r.get(0),
        )
        .optional()?;
    let added = match existing {
        Some(found)
            if serde_json::from_str::<Scenario>(&found).ok().as_ref() == Some(&scenario) =>
        {
            false
        }
        Some(_) => {
            return Ok(Err(
                "a different scenario of that name exists here; rename one of them".into(),
            ))
        }
        None => {
            tx.execute(
                "INSERT INTO scenarios (name, process_id, version, scenario, author, saved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    scenario.name,
                    process.to_string(),
                    number,
                    text,
                    pulled.author,
                    column::time_text(pulled.saved_at)
                ],
            )?;
            let detail = serde_json::json!({
                "scenario": scenario.name, "version": number, "pulled": pulled.commit,
                "author": pulled.author,
            });
            audit::append(tx, at, actor, "save_scenario", Some(process), &detail)?;
            true
        }
    };
    tx.execute(
        "INSERT OR REPLACE INTO sync_scenarios (name, commit_id) VALUES (?1, ?2)",
        params![scenario.name, pulled.commit],
    )?;
    Ok(Ok(added))
}
