//! Library settings: the level each validation rule has in this library (like a bpmnlint config,
//! but stored with the processes it applies to), and what validation needs from the library.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Deserialize;

use super::{audit, column, compact, Library, Result, StoreError};
use crate::model::{Id, Process};
use crate::validate::{self, Context, KnownProcess, Level, Problem, Severity};

const RULE_PREFIX: &str = "rule.";

/// The steps of a definition, read only as far as what they call.
#[derive(Deserialize)]
struct Calls {
    #[serde(default)]
    nodes: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    kind: StepKind,
}

#[derive(Deserialize)]
struct StepKind {
    #[serde(rename = "type")]
    kind: Option<String>,
    process: Option<serde_json::Value>,
}

impl Library {
    /// The rule levels this library sets (code → level); rules not listed keep their default.
    /// Rows this build does not understand (a rule it does not know) are left out.
    pub fn rule_levels(&self) -> Result<BTreeMap<String, Level>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM settings WHERE key LIKE 'rule.%' ORDER BY key")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut levels = BTreeMap::new();
        for row in rows {
            let (key, value) = row?;
            let code = key.trim_start_matches(RULE_PREFIX);
            if let (Some(rule), Ok(level)) = (validate::rule(code), value.parse::<Level>()) {
                levels.insert(rule.code.to_string(), level);
            }
        }
        Ok(levels)
    }

    /// Sets a rule's level in this library, or puts it back to its default with `None`; the
    /// change and its audit entry are written together.
    pub fn set_rule_level(
        &mut self,
        code: &str,
        level: Option<Level>,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let rule = validate::rule(code).ok_or_else(|| StoreError::UnknownRule(code.into()))?;
        let key = format!("{RULE_PREFIX}{}", rule.code);
        self.write(|tx| {
            match level {
                Some(level) => tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, level.as_str()],
                )?,
                None => tx.execute("DELETE FROM settings WHERE key = ?1", [&key])?,
            };
            let detail = serde_json::json!({
                "rule": rule.code,
                "level": level.map_or("default", Level::as_str),
            });
            audit::append(tx, at, actor, "set_rule_level", None, &detail)?;
            Ok(())
        })
    }

    /// What validation needs from this library: the processes a call may name with their saved
    /// versions, and the rule levels.
    pub fn validation_context(&self) -> Result<Context> {
        let mut processes: BTreeMap<_, KnownProcess> = self
            .processes()?
            .into_iter()
            .map(|p| {
                let known = KnownProcess {
                    name: p.name,
                    versions: Vec::new(),
                    calls: Vec::new(),
                };
                (p.id, known)
            })
            .collect();
        let mut stmt = self
            .conn
            .prepare("SELECT process_id, number FROM versions ORDER BY process_id, number")?;
        let rows = stmt.query_map([], |r| Ok((column::id(r, 0)?, r.get::<_, u32>(1)?)))?;
        for row in rows {
            let (id, number) = row?;
            if let Some(known) = processes.get_mut(&id) {
                known.versions.push(number);
            }
        }
        // What each process's latest version calls, read without parsing the whole definition.
        for (id, known) in &mut processes {
            let Some(&latest) = known.versions.last() else {
                continue;
            };
            let text = match compact::read(&self.conn, *id, latest) {
                // `verify` names the damage; validation goes on without this version's calls.
                Err(StoreError::Damaged { .. }) => continue,
                other => other?,
            };
            let calls =
                serde_json::from_slice::<Calls>(&text).map_or_else(|_| Vec::new(), |c| c.nodes);
            known.calls.extend(
                calls
                    .into_iter()
                    .filter(|n| n.kind.kind.as_deref() == Some("call"))
                    .filter_map(|n| n.kind.process?.as_str()?.parse::<Id>().ok()),
            );
        }
        Ok(Context {
            processes: Some(processes),
            levels: self.rule_levels()?,
            ..Context::default()
        })
    }

    /// The errors `validate` reports for `process` under this library's rules. Saving accepts
    /// them (only structural errors refuse a version), so a save reports them instead.
    pub fn accepted_errors(&self, process: &Process) -> Result<Vec<Problem>> {
        let problems = validate::validate(process, &self.validation_context()?);
        Ok(problems
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect())
    }
}
