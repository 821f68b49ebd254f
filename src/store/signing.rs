//! What a library knows about signed versions: the SSH key its user signs with, the policy
//! (signed versions required, four-eyes approval), the allowed signers it shares through the
//! linked repository, and who signed the commit of each shared version. Each setting is a
//! settings row written with its audit entry, so `verify` finds one changed behind its back.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

use super::{audit, column, Library, Result};
use crate::model::Id;

/// The settings rows of signing (`verify` checks each against its newest audit entry).
pub const SIGNING_KEY: &str = "signing.key";
pub const REQUIRE_SIGNATURES: &str = "policy.signatures";
pub const FOUR_EYES: &str = "policy.four_eyes";
/// The allowed-signers file as this library has it (git's format: `NAME KEYTYPE KEY`).
pub const SIGNERS: &str = "signers";
/// The allowed-signers file as the linked repository last had it.
pub const SIGNERS_SHARED: &str = "signers.shared";

/// The audit action of a signing setting.
pub const SET_SETTING: &str = "set_setting";

/// A library's signing settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Signing {
    /// The user's SSH key (a file path).
    pub key: Option<String>,
    /// Unsigned versions, and versions signed by someone the allowed signers do not list, are
    /// refused by pull and are problems for verify.
    pub require_signatures: bool,
    /// Tagging a version "approved" or "in production" takes a signed approval by someone
    /// other than the version's author.
    pub four_eyes: bool,
    pub signers: String,
    pub signers_shared: String,
}

/// How the signature of a shared version's commit was found when it was pushed or pulled.
#[derive(Clone, Debug, PartialEq)]
pub struct CommitSeal {
    pub commit: String,
    /// `good`, `unknown_signer`, `unsigned` or `bad`.
    pub status: String,
    pub signer: Option<String>,
    pub key: Option<String>,
}

/// A tag on a version, with who set it and, for an approval, who signed it.
#[derive(Clone, Debug, PartialEq)]
pub struct TagRecord {
    pub process: Id,
    pub number: u32,
    pub tag: String,
    pub author: String,
    pub tagged_at: DateTime<Utc>,
    /// The allowed signer whose signature the approval carries.
    pub signer: Option<String>,
    /// The SSH signature of the approval statement (`sync::approval::statement`).
    pub signature: Option<String>,
}

impl Library {
    pub fn signing(&self) -> Result<Signing> {
        let get = |key: &str| -> Result<Option<String>> {
            Ok(self
                .conn
                .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?)
        };
        Ok(Signing {
            key: get(SIGNING_KEY)?,
            require_signatures: get(REQUIRE_SIGNATURES)?.as_deref() == Some("on"),
            four_eyes: get(FOUR_EYES)?.as_deref() == Some("on"),
            signers: get(SIGNERS)?.unwrap_or_default(),
            signers_shared: get(SIGNERS_SHARED)?.unwrap_or_default(),
        })
    }

    /// Sets one signing setting (`None` removes it) with its audit entry.
    pub fn set_signing(
        &mut self,
        key: &str,
        value: Option<&str>,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| set(tx, key, value, actor, at))
    }

    /// Who signed the commit of a shared version, as found when it was pushed or pulled.
    pub fn seal_of(&self, process: Id, number: u32) -> Result<Option<CommitSeal>> {
        Ok(self
            .conn
            .query_row(
                "SELECT s.commit_id, s.status, s.signer, s.key FROM sync_commits c
                 JOIN sync_signatures s ON s.commit_id = c.commit_id
                 WHERE c.process_id = ?1 AND c.number = ?2",
                params![process.to_string(), number],
                |r| {
                    Ok(CommitSeal {
                        commit: r.get(0)?,
                        status: r.get(1)?,
                        signer: r.get(2)?,
                        key: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Every tag of a version, oldest first.
    pub fn tags_of(&self, process: Id, number: u32) -> Result<Vec<TagRecord>> {
        self.tag_records(
            "WHERE process_id = ?1 AND number = ?2",
            params![process.to_string(), number],
        )
    }

    /// Every signed tag (approval) of the library, oldest first.
    pub fn signed_tags(&self) -> Result<Vec<TagRecord>> {
        self.tag_records("WHERE signature IS NOT NULL", params![])
    }

    fn tag_records(&self, filter: &str, values: &[&dyn rusqlite::ToSql]) -> Result<Vec<TagRecord>> {
        let sql = format!(
            "SELECT process_id, number, tag, author, tagged_at, signer, signature FROM tags
             {filter} ORDER BY tagged_at, tag"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(values, |r| {
            Ok(TagRecord {
                process: column::id(r, 0)?,
                number: r.get(1)?,
                tag: r.get(2)?,
                author: r.get(3)?,
                tagged_at: column::time(r, 4)?,
                signer: r.get(5)?,
                signature: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(super) fn set(
    tx: &Transaction,
    key: &str,
    value: Option<&str>,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let current: Option<String> = tx
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    if current.as_deref() == value {
        return Ok(());
    }
    match value {
        Some(value) => tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?,
        None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
    };
    let detail = serde_json::json!({ "key": key, "value": value });
    audit::append(tx, at, actor, SET_SETTING, None, &detail)?;
    Ok(())
}

/// Records the signature found on a commit (pushed or pulled).
pub(super) fn record_seal(tx: &Transaction, seal: &CommitSeal) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO sync_signatures (commit_id, status, signer, key)
         VALUES (?1, ?2, ?3, ?4)",
        params![seal.commit, seal.status, seal.signer, seal.key],
    )?;
    Ok(())
}
