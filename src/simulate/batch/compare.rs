//! Two runs side by side — two versions of a process, or one version under two parameter sets —
//! with the change in every headline figure, per step and per role.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::result::BatchResult;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct BatchComparison {
    pub base: String,
    pub other: String,
    pub metrics: Vec<BatchDelta>,
    /// Matched by node id, else by name; a step on one side only has no value on the other.
    pub steps: Vec<StepDelta>,
    pub roles: Vec<RoleDelta>,
}

/// One figure on both sides; `change` is other − base.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct BatchDelta {
    pub name: String,
    pub base: Option<f64>,
    pub other: Option<f64>,
    pub change: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct StepDelta {
    pub step: String,
    pub waiting_hours: BatchDelta,
    pub working_hours: BatchDelta,
    pub breach_rate: BatchDelta,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct RoleDelta {
    pub role: String,
    pub utilisation: BatchDelta,
    pub cost: BatchDelta,
}

fn delta(name: &str, base: Option<f64>, other: Option<f64>) -> BatchDelta {
    BatchDelta {
        name: name.to_string(),
        base,
        other,
        change: base.zip(other).map(|(b, o)| o - b),
    }
}

/// `base` and `other` side by side; labels name them in tables ("v1", "v2").
pub fn compare(
    base: &BatchResult,
    base_label: &str,
    other: &BatchResult,
    other_label: &str,
) -> BatchComparison {
    let sla_rate = |r: &BatchResult| r.sla.as_ref().map(|s| s.breach_rate);
    let metrics = vec![
        delta(
            "cycle time mean (h)",
            Some(base.cycle_time.mean_hours),
            Some(other.cycle_time.mean_hours),
        ),
        delta(
            "cycle time p50 (h)",
            Some(base.cycle_time.p50_hours),
            Some(other.cycle_time.p50_hours),
        ),
        delta(
            "cycle time p90 (h)",
            Some(base.cycle_time.p90_hours),
            Some(other.cycle_time.p90_hours),
        ),
        delta(
            "cycle time p95 (h)",
            Some(base.cycle_time.p95_hours),
            Some(other.cycle_time.p95_hours),
        ),
        delta(
            "cycle time max (h)",
            Some(base.cycle_time.max_hours),
            Some(other.cycle_time.max_hours),
        ),
        delta("SLA breach rate", sla_rate(base), sla_rate(other)),
        delta(
            "cost per instance",
            Some(base.cost.per_instance),
            Some(other.cost.per_instance),
        ),
        delta(
            "instances counted",
            Some(base.instances.counted as f64),
            Some(other.instances.counted as f64),
        ),
    ];
    let mut steps = Vec::new();
    for step in &base.steps {
        let twin = other
            .steps
            .iter()
            .find(|s| s.node == step.node)
            .or_else(|| other.steps.iter().find(|s| s.name == step.name));
        steps.push(StepDelta {
            step: step.name.clone(),
            waiting_hours: delta(
                "waiting (h)",
                Some(step.waiting_hours),
                twin.map(|t| t.waiting_hours),
            ),
            working_hours: delta(
                "working (h)",
                Some(step.working_hours),
                twin.map(|t| t.working_hours),
            ),
            breach_rate: delta(
                "SLA breach rate",
                step.breach_rate,
                twin.and_then(|t| t.breach_rate),
            ),
        });
    }
    for step in &other.steps {
        let matched = base
            .steps
            .iter()
            .any(|s| s.node == step.node || s.name == step.name);
        if !matched {
            steps.push(StepDelta {
                step: step.name.clone(),
                waiting_hours: delta("waiting (h)", None, Some(step.waiting_hours)),
                working_hours: delta("working (h)", None, Some(step.working_hours)),
                breach_rate: delta("SLA breach rate", None, step.breach_rate),
            });
        }
    }
    let mut names: Vec<&str> = base
        .roles
        .iter()
        .chain(&other.roles)
        .map(|r| r.role.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    let roles = names
        .into_iter()
        .map(|name| {
            let b = base.roles.iter().find(|r| r.role == name);
            let o = other.roles.iter().find(|r| r.role == name);
            RoleDelta {
                role: name.to_string(),
                utilisation: delta(
                    "utilisation",
                    b.and_then(|r| r.utilisation),
                    o.and_then(|r| r.utilisation),
                ),
                cost: delta("cost", b.map(|r| r.cost), o.map(|r| r.cost)),
            }
        })
        .collect();
    BatchComparison {
        base: base_label.to_string(),
        other: other_label.to_string(),
        metrics,
        steps,
        roles,
    }
}
