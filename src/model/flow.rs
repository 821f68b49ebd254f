use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Id;

/// A sequence flow. A flow whose source and target sit in different lanes is a hand-off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Flow {
    pub id: Id,
    pub source: Id,
    pub target: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub label: String,
    /// An expression over instance data, e.g. `amount > 10000`; only meaningful after a gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub condition: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub default: bool,
    /// How often a batch simulation takes this way out of a gateway whose conditions do not
    /// decide (0–1; a gateway's probabilities sum to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub probability: Option<f64>,
}

impl Flow {
    /// A plain flow from `source` to `target`: no label, condition, default flag or probability.
    pub fn between(id: Id, source: Id, target: Id) -> Flow {
        Flow {
            id,
            source,
            target,
            label: String::new(),
            condition: None,
            default: false,
            probability: None,
        }
    }
}
