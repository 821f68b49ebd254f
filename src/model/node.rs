use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Distribution, Duration, Id};

/// One step of a workflow. Which lane (workflow) it belongs to is semantic, so it lives here;
/// where it is drawn lives in `Layout`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Node {
    pub id: Id,
    pub lane: Id,
    pub name: String,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub enum NodeKind {
    Start,
    End {
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[ts(as = "Option<String>", optional)]
        outcome: String,
    },
    Task {
        /// The role that does the work, e.g. "Budget owner".
        assignee: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        duration: Option<Duration>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        sla: Option<Duration>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[ts(as = "Option<String>", optional)]
        description: String,
        /// Process variables this step decides when it completes (e.g. "Approve invoice" sets
        /// `approved`); a simulation asks for exactly these.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[ts(as = "Option<Vec<String>>", optional)]
        outputs: Vec<String>,
        /// How the duration varies between instances in a batch simulation; without it every
        /// instance takes `duration`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        distribution: Option<Distribution<Duration>>,
        /// What an hour of work on this step costs beyond the role's own rate (tools, fees).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        cost_per_hour: Option<f64>,
    },
    /// Split or join is not stored: it follows from the number of incoming and outgoing flows.
    Gateway {
        gateway: GatewayKind,
    },
    /// Waits a fixed time after the token arrives (e.g. the day-30 check-in).
    Timer {
        wait: Duration,
    },
    /// Runs another process of the library as a sub-instance; no version means the current one.
    Call {
        process: Id,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        version: Option<u32>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GatewayKind {
    Exclusive,
    Parallel,
    Inclusive,
}

impl NodeKind {
    /// A task done by `assignee`, with nothing else set.
    pub fn task(assignee: &str) -> NodeKind {
        NodeKind::Task {
            assignee: assignee.to_string(),
            duration: None,
            sla: None,
            description: String::new(),
            outputs: Vec::new(),
            distribution: None,
            cost_per_hour: None,
        }
    }

    /// The word used for this kind in messages and renderings.
    pub fn label(&self) -> &'static str {
        match self {
            NodeKind::Start => "start",
            NodeKind::End { .. } => "end",
            NodeKind::Task { .. } => "task",
            NodeKind::Gateway {
                gateway: GatewayKind::Exclusive,
            } => "exclusive gateway",
            NodeKind::Gateway {
                gateway: GatewayKind::Parallel,
            } => "parallel gateway",
            NodeKind::Gateway {
                gateway: GatewayKind::Inclusive,
            } => "inclusive gateway",
            NodeKind::Timer { .. } => "timer",
            NodeKind::Call { .. } => "call",
        }
    }
}
