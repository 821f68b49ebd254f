//! A checkpoint: the library's state written down outside the file, so a later `verify` can
//! tell when the newest versions were deleted together with their audit entries (which leaves
//! the file consistent in itself). Per process the newest version's number and hash; the audit
//! log's length and a sha256 over all of its entries.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::rows::{self, AuditRow};
use super::{distinct, short, Findings, TamperKind, TamperProblem};
use crate::store::{Library, Result};

const FORMAT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub format: u32,
    /// By process id.
    pub processes: BTreeMap<String, NewestVersion>,
    pub audit: AuditState,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewestVersion {
    pub name: String,
    pub number: u32,
    pub hash: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditState {
    /// How many entries the log had.
    pub length: u64,
    /// sha256 over those entries, every column of each, oldest first.
    pub digest: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    #[error(
        "the checkpoint cannot be read ({0}); it is not one `flowlane verify --checkpoint` wrote"
    )]
    Unreadable(String),
    #[error("the checkpoint has format {0}, which this build does not know; use a newer Flowlane")]
    TooNew(u32),
}

impl Checkpoint {
    pub fn from_json(text: &str) -> std::result::Result<Checkpoint, CheckpointError> {
        let checkpoint: Checkpoint =
            serde_json::from_str(text).map_err(|e| CheckpointError::Unreadable(e.to_string()))?;
        if checkpoint.format > FORMAT {
            return Err(CheckpointError::TooNew(checkpoint.format));
        }
        Ok(checkpoint)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// sha256 over the first `length` entries of the log.
fn digest(audit: &[AuditRow]) -> String {
    let mut hasher = Sha256::new();
    for row in audit {
        for column in &row.raw {
            hasher.update((column.len() as u64).to_le_bytes());
            hasher.update(column);
        }
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Library {
    /// The state a checkpoint records now.
    pub fn checkpoint(&self) -> Result<Checkpoint> {
        let stored = super::group(rows::versions(&self.conn, &mut || {})?);
        let names = super::names(&stored);
        let mut processes = BTreeMap::new();
        for (process, versions) in stored {
            let name = names
                .get(&process.0)
                .cloned()
                .unwrap_or_else(|| process.0.clone());
            let newest = versions
                .into_iter()
                .filter_map(|v| Some((v.number?, v.hash)))
                .next_back();
            if let Some((number, hash)) = newest {
                processes.insert(process.0, NewestVersion { name, number, hash });
            }
        }
        let audit = rows::audit(&self.conn)?;
        Ok(Checkpoint {
            format: FORMAT,
            processes,
            audit: AuditState {
                length: audit.len() as u64,
                digest: digest(&audit),
            },
        })
    }

    /// What differs from `checkpoint` in a way Flowlane never changes a library: a version it
    /// recorded is gone or different, the audit log is shorter or its recorded entries differ.
    pub fn check_checkpoint(&self, checkpoint: &Checkpoint) -> Result<Vec<TamperProblem>> {
        let now = self.checkpoint()?;
        // Numbers and hashes are all this needs: no definition is read again.
        let stored = self.stored_hashes()?;
        let names = now
            .processes
            .iter()
            .map(|(id, v)| (id.clone(), v.name.clone()));
        let mut findings = Findings::new(names.collect());
        for (process, then) in &checkpoint.processes {
            let mut findings_add = |kind, version, message| {
                findings.add(kind, Some(process), version, message);
            };
            let newest = now.processes.get(process).map_or(0, |v| v.number);
            if newest < then.number {
                findings_add(
                    TamperKind::TruncatedHistory,
                    Some(then.number),
                    format!(
                        "versions were deleted from the end: the checkpoint recorded v{} (hash {}), the library's newest is now {}",
                        then.number,
                        short(&then.hash),
                        if newest == 0 { "none".to_string() } else { format!("v{newest}") }
                    ),
                );
                continue;
            }
            let hash = stored
                .get(process)
                .and_then(|versions| versions.iter().find(|(n, _)| *n == Some(then.number)))
                .map(|(_, hash)| hash.as_str());
            if let Some(hash) = hash.filter(|h| *h != then.hash) {
                let (now, recorded) = distinct(hash, &then.hash);
                findings_add(
                    TamperKind::DiffersFromAnchor,
                    Some(then.number),
                    format!(
                        "it was rewritten: its hash is {now}, the checkpoint recorded {recorded}"
                    ),
                );
            }
        }
        let audit = rows::audit(&self.conn)?;
        let length = usize::try_from(checkpoint.audit.length).unwrap_or(usize::MAX);
        if audit.len() < length {
            findings.add(
                TamperKind::EditedAudit,
                None,
                None,
                format!(
                    "the audit log has {} entries, but the checkpoint recorded {length}: entries were deleted",
                    audit.len()
                ),
            );
        } else if digest(&audit[..length]) != checkpoint.audit.digest {
            findings.add(
                TamperKind::EditedAudit,
                None,
                None,
                format!("the first {length} audit log entries differ from those the checkpoint recorded: the log was edited"),
            );
        }
        Ok(findings.problems)
    }
}
