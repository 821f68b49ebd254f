//! Trainer scenarios: recorded simulation runs kept by name beside the versions they ran on.
//! A scenario is written once; saving another under the same name is refused.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::{audit, column, Library, Result, StoreError};
use crate::model::{Id, Process};
use crate::simulate::{Resolver, Scenario};

/// A scenario as the library lists it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ScenarioSummary {
    pub name: String,
    pub process: Id,
    pub version: u32,
    pub steps: u32,
    pub author: String,
    pub saved_at: DateTime<Utc>,
}

impl Library {
    /// Saves `scenario`; its process version must exist and its name must be new.
    pub fn save_scenario(
        &mut self,
        scenario: &Scenario,
        author: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM scenarios WHERE name = ?1)",
                [&scenario.name],
                |r| r.get(0),
            )?;
            if exists {
                return Err(StoreError::ScenarioExists(scenario.name.clone()));
            }
            let version_exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM versions WHERE process_id = ?1 AND number = ?2)",
                params![scenario.process.to_string(), scenario.version],
                |r| r.get(0),
            )?;
            if !version_exists {
                return Err(StoreError::UnknownVersion {
                    process: scenario.process,
                    number: scenario.version,
                });
            }
            let text =
                serde_json::to_string(scenario).map_err(|e| StoreError::UnreadableScenario {
                    name: scenario.name.clone(),
                    detail: e.to_string(),
                })?;
            tx.execute(
                "INSERT INTO scenarios (name, process_id, version, scenario, author, saved_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    scenario.name,
                    scenario.process.to_string(),
                    scenario.version,
                    text,
                    author,
                    column::time_text(at)
                ],
            )?;
            let detail =
                serde_json::json!({ "scenario": scenario.name, "version": scenario.version });
            audit::append(
                tx,
                at,
                author,
                "save_scenario",
                Some(scenario.process),
                &detail,
            )?;
            Ok(())
        })
    }

    /// Every scenario, by name; only those of `process` when given.
    pub fn scenarios(&self, process: Option<Id>) -> Result<Vec<ScenarioSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT name, process_id, version, json_array_length(scenario, '$.steps'), author,
                    saved_at
             FROM scenarios WHERE ?1 IS NULL OR process_id = ?1 ORDER BY name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([process.map(|p| p.to_string())], |r| {
            Ok(ScenarioSummary {
                name: r.get(0)?,
                process: column::id(r, 1)?,
                version: r.get(2)?,
                steps: r.get(3)?,
                author: r.get(4)?,
                saved_at: column::time(r, 5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The scenario named `name` (exact, or case-insensitive when only one matches).
    pub fn load_scenario(&self, name: &str) -> Result<Scenario> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT scenario FROM scenarios WHERE name = ?1
                 UNION ALL SELECT scenario FROM scenarios WHERE name = ?1 COLLATE NOCASE
                 LIMIT 1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        let text = text.ok_or_else(|| StoreError::UnknownScenario(name.to_string()))?;
        serde_json::from_str(&text).map_err(|e| StoreError::UnreadableScenario {
            name: name.to_string(),
            detail: e.to_string(),
        })
    }
}

/// Call activities run the library's saved versions (the latest when the call names none).
impl Resolver for Library {
    fn resolve(&self, process: Id, version: Option<u32>) -> Option<Process> {
        self.load(process, version)
            .ok()
            .map(|(_, definition)| definition)
    }
}
