use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Distribution, Duration, Id, Trigger};

/// One element of a workflow: an activity, event or gateway. Which lane (workflow) it belongs to
/// is semantic, so it lives here; where it is drawn lives in `Layout`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Node {
    pub id: Id,
    pub lane: Id,
    pub name: String,
    pub kind: NodeKind,
    /// The sub-process this node is inside, none at the process level. A node inside shares its
    /// sub-process's lane.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub parent: Option<Id>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub enum NodeKind {
    Start {
        #[serde(default, skip_serializing_if = "Trigger::is_none")]
        #[ts(as = "Option<Trigger>", optional)]
        trigger: Trigger,
        /// Only an event sub-process's start may leave what runs alongside it going.
        #[serde(default = "yes", skip_serializing_if = "is_true")]
        #[ts(as = "Option<bool>", optional)]
        interrupting: bool,
    },
    End {
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[ts(as = "Option<String>", optional)]
        outcome: String,
        #[serde(default, skip_serializing_if = "Trigger::is_none")]
        #[ts(as = "Option<Trigger>", optional)]
        trigger: Trigger,
    },
    /// An intermediate event that waits for its trigger (a timer, a message, …).
    Catch { trigger: Trigger },
    /// An intermediate event that sends its trigger (a message, an escalation, …) and goes on.
    Throw {
        #[serde(default, skip_serializing_if = "Trigger::is_none")]
        #[ts(as = "Option<Trigger>", optional)]
        trigger: Trigger,
    },
    /// An event on the border of an activity (`host`) that catches while the host runs;
    /// interrupting cancels the host, otherwise a token also leaves by the boundary's flow.
    Boundary {
        host: Id,
        trigger: Trigger,
        #[serde(default = "yes", skip_serializing_if = "is_true")]
        #[ts(as = "Option<bool>", optional)]
        interrupting: bool,
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
        /// How the work is done: by a person, a system, a message sent or received, …
        #[serde(default, skip_serializing_if = "TaskType::is_plain")]
        #[ts(as = "Option<TaskType>", optional)]
        task: TaskType,
        /// The message a send task sends or a receive task waits for.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[ts(as = "Option<String>", optional)]
        message: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        repeat: Option<Repeat>,
    },
    /// Split or join is not stored: it follows from the number of incoming and outgoing flows.
    Gateway {
        gateway: GatewayKind,
        /// A complex gateway's activation condition, kept as written.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        condition: Option<String>,
    },
    /// Runs another process of the library as a sub-instance; no version means the current one.
    Call {
        process: Id,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        version: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        repeat: Option<Repeat>,
    },
    /// An activity made of its own nodes and flows (those whose `parent` is this node).
    SubProcess {
        #[serde(default, skip_serializing_if = "SubProcessKind::is_embedded")]
        #[ts(as = "Option<SubProcessKind>", optional)]
        sub: SubProcessKind,
        /// Drawn open with its contents on the canvas; collapsed ones open on their own plane.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        #[ts(as = "Option<bool>", optional)]
        expanded: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        repeat: Option<Repeat>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GatewayKind {
    Exclusive,
    Parallel,
    Inclusive,
    /// Waits for the first of the events that follow it.
    EventBased,
    Complex,
}

/// The BPMN task type, drawn as the task's marker.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TaskType {
    #[default]
    Plain,
    User,
    Manual,
    Service,
    Script,
    BusinessRule,
    Send,
    Receive,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SubProcessKind {
    #[default]
    Embedded,
    /// Started by its own start event while the process runs, never by a flow.
    Event,
    /// All or nothing: a cancel undoes what it did.
    Transaction,
    /// Its activities run in any order, as often as needed.
    AdHoc,
}

/// How an activity repeats: a loop while a condition holds, or several instances at once
/// (`parallel`) or one after another, as many as `count` says or one per item of `collection`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "marker", rename_all = "snake_case")]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub enum Repeat {
    Loop {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        condition: Option<String>,
    },
    Parallel(Instances),
    Sequential(Instances),
}

/// How many instances a multi-instance activity runs: `count` of them (a number or a number
/// variable), or one per item of the `collection` list variable.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Instances {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub count: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub collection: Option<String>,
    /// The variable each instance finds its item of `collection` in (BPMN's `inputDataItem`,
    /// Camunda's `elementVariable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub item: Option<String>,
}

fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}

impl TaskType {
    pub fn is_plain(&self) -> bool {
        *self == TaskType::Plain
    }
}

impl SubProcessKind {
    pub fn is_embedded(&self) -> bool {
        *self == SubProcessKind::Embedded
    }
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
            task: TaskType::Plain,
            message: String::new(),
            repeat: None,
        }
    }

    /// A plain start event.
    pub fn start() -> NodeKind {
        NodeKind::Start {
            trigger: Trigger::None,
            interrupting: true,
        }
    }

    /// A plain end event reaching `outcome`.
    pub fn end(outcome: &str) -> NodeKind {
        NodeKind::End {
            outcome: outcome.to_string(),
            trigger: Trigger::None,
        }
    }

    /// A gateway of kind `gateway` without an activation condition.
    pub fn gateway(gateway: GatewayKind) -> NodeKind {
        NodeKind::Gateway {
            gateway,
            condition: None,
        }
    }

    /// An intermediate timer that waits `iso` (an ISO 8601 duration, e.g. `P30D`).
    pub fn wait(iso: &str) -> NodeKind {
        NodeKind::Catch {
            trigger: Trigger::after(iso),
        }
    }

    /// The event definition of an event, none for activities and gateways.
    pub fn trigger(&self) -> Option<&Trigger> {
        match self {
            NodeKind::Start { trigger, .. }
            | NodeKind::End { trigger, .. }
            | NodeKind::Catch { trigger }
            | NodeKind::Throw { trigger }
            | NodeKind::Boundary { trigger, .. } => Some(trigger),
            _ => None,
        }
    }

    /// Tasks, calls and sub-processes: what does work and may carry boundary events.
    pub fn is_activity(&self) -> bool {
        matches!(
            self,
            NodeKind::Task { .. } | NodeKind::Call { .. } | NodeKind::SubProcess { .. }
        )
    }

    /// The word used for this kind in messages and renderings.
    pub fn label(&self) -> &'static str {
        match self {
            NodeKind::Start { .. } => "start",
            NodeKind::End { .. } => "end",
            NodeKind::Catch {
                trigger: Trigger::Timer { .. },
            } => "timer",
            NodeKind::Catch { .. } => "catch event",
            NodeKind::Throw { .. } => "throw event",
            NodeKind::Boundary { .. } => "boundary event",
            NodeKind::Task { .. } => "task",
            NodeKind::Gateway { gateway, .. } => gateway.label(),
            NodeKind::Call { .. } => "call",
            NodeKind::SubProcess {
                sub: SubProcessKind::Event,
                ..
            } => "event sub-process",
            NodeKind::SubProcess { .. } => "sub-process",
        }
    }
}

impl GatewayKind {
    pub fn label(self) -> &'static str {
        match self {
            GatewayKind::Exclusive => "exclusive gateway",
            GatewayKind::Parallel => "parallel gateway",
            GatewayKind::Inclusive => "inclusive gateway",
            GatewayKind::EventBased => "event-based gateway",
            GatewayKind::Complex => "complex gateway",
        }
    }
}

/// `parallel, count 3`, `sequential, each of reviewers as reviewer`, `loop while open`.
impl std::fmt::Display for Repeat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (word, count, collection, item) = match self {
            Repeat::Loop { condition } => {
                return match condition {
                    Some(c) => write!(f, "loop while {c}"),
                    None => f.write_str("loop"),
                }
            }
            Repeat::Parallel(i) => ("parallel", &i.count, &i.collection, &i.item),
            Repeat::Sequential(i) => ("sequential", &i.count, &i.collection, &i.item),
        };
        f.write_str(word)?;
        if let Some(count) = count {
            write!(f, ", count {count}")?;
        }
        if let Some(collection) = collection {
            write!(f, ", each of {collection}")?;
        }
        if let Some(item) = item {
            write!(f, " as {item}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_instance_markers_keep_their_flat_json_form() {
        let parallel = Repeat::Parallel(Instances {
            count: Some("3".into()),
            ..Instances::default()
        });
        let json = serde_json::to_string(&parallel).unwrap();
        assert_eq!(json, r#"{"marker":"parallel","count":"3"}"#);
        assert_eq!(serde_json::from_str::<Repeat>(&json).unwrap(), parallel);
        let sequential: Repeat =
            serde_json::from_str(r#"{"marker":"sequential","collection":"reviewers"}"#).unwrap();
        assert_eq!(sequential.to_string(), "sequential, each of reviewers");
        assert!(serde_json::from_str::<Repeat>(r#"{"marker":"parallel","cuont":"3"}"#).is_err());
    }
}
