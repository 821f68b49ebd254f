//! The execution engines Flowlane reads conditions from and writes processes for: one list,
//! used by the import (which engine's namespaces a file declares) and by the export for an
//! engine (which dialect its conditions are written in).

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Dialect;

/// An engine that runs BPMN processes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Engine {
    /// SpiffWorkflow (Python): conditions in Python.
    #[serde(rename = "spiffworkflow")]
    SpiffWorkflow,
    /// Camunda 8 (Zeebe): conditions in FEEL, `=amount > 1000`.
    Camunda8,
    /// Camunda 7: conditions in JUEL, `${amount > 1000}`.
    Camunda7,
    /// bpmn-engine (Node.js): conditions as JavaScript scripts.
    BpmnEngine,
    /// Flowable: conditions in JUEL.
    Flowable,
    /// Activiti: conditions in JUEL.
    Activiti,
}

impl Engine {
    pub const ALL: [Engine; 6] = [
        Engine::SpiffWorkflow,
        Engine::Camunda8,
        Engine::Camunda7,
        Engine::BpmnEngine,
        Engine::Flowable,
        Engine::Activiti,
    ];

    /// The name `flowlane export --engine` takes.
    pub fn key(self) -> &'static str {
        match self {
            Engine::SpiffWorkflow => "spiffworkflow",
            Engine::Camunda8 => "camunda8",
            Engine::Camunda7 => "camunda7",
            Engine::BpmnEngine => "bpmn-engine",
            Engine::Flowable => "flowable",
            Engine::Activiti => "activiti",
        }
    }

    /// The name people know it by.
    pub fn label(self) -> &'static str {
        match self {
            Engine::SpiffWorkflow => "SpiffWorkflow",
            Engine::Camunda8 => "Camunda 8",
            Engine::Camunda7 => "Camunda 7",
            Engine::BpmnEngine => "bpmn-engine",
            Engine::Flowable => "Flowable",
            Engine::Activiti => "Activiti",
        }
    }

    /// The language its conditions are written in.
    pub fn dialect(self) -> Dialect {
        match self {
            Engine::SpiffWorkflow => Dialect::Python,
            Engine::Camunda8 => Dialect::Feel,
            Engine::Camunda7 | Engine::Flowable | Engine::Activiti => Dialect::Juel,
            Engine::BpmnEngine => Dialect::JavaScript,
        }
    }

    /// The engine whose extension namespace this is (bpmn-engine has none).
    pub fn of_namespace(uri: &str) -> Option<Engine> {
        let uri = uri.to_ascii_lowercase();
        if uri.contains("zeebe") {
            Some(Engine::Camunda8)
        } else if uri.contains("camunda.org/schema/1.0/bpmn") {
            Some(Engine::Camunda7)
        } else if uri.contains("flowable") {
            Some(Engine::Flowable)
        } else if uri.contains("activiti") {
            Some(Engine::Activiti)
        } else if uri.contains("spiffworkflow") {
            Some(Engine::SpiffWorkflow)
        } else {
            None
        }
    }
}

/// A name `flowlane export --engine` does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no engine is called `{0}` (one of: spiffworkflow, camunda8, camunda7, bpmn-engine, flowable, activiti)")]
pub struct UnknownEngine(pub String);

impl FromStr for Engine {
    type Err = UnknownEngine;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Engine::ALL
            .into_iter()
            .find(|e| e.key().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| UnknownEngine(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_engine_is_found_by_its_key() {
        for engine in Engine::ALL {
            assert_eq!(engine.key().parse::<Engine>(), Ok(engine));
            let json = serde_json::to_string(&engine).unwrap();
            assert_eq!(json, format!("\"{}\"", engine.key()));
        }
        assert!("zeebe".parse::<Engine>().is_err());
    }
}
