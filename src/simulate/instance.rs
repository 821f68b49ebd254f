//! What a simulated instance is: plain values, so a caller steps back by keeping earlier ones.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use serde_with::{formats::PreferMany, serde_as, OneOrMany};
use ts_rs::TS;

use crate::describe::Names;
use crate::model::{Duration, DurationValue, Id, Process};

/// One run of a definition at one point of its life. `fire` returns the next value and leaves
/// this one as it was, so the history of a run is the list of values the caller kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Instance {
    pub definition: Process,
    /// The instance data every token carries; tasks change it on completion.
    #[ts(type = "Record<string, unknown>")]
    pub data: Map<String, Json>,
    pub started_at: DateTime<Utc>,
    /// The latest simulated time any step has reached.
    pub now: DateTime<Utc>,
    pub tokens: Vec<Token>,
    /// Call activities whose called process is running as a child instance.
    pub calls: Vec<RunningCall>,
    /// Steps fired so far.
    pub step: u32,
    pub log: Vec<LogEntry>,
    pub breaches: Vec<SlaBreach>,
    pub status: Status,
    /// The definitions call activities may run, fetched once when the instance starts.
    pub called: Vec<CalledDefinition>,
    /// Sub-processes whose contents are running, outermost first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Active>>")]
    pub active: Vec<Active>,
    /// Event sub-processes at the process level whose timer has fired, once per firing (a
    /// cycle fires again and again); those in a sub-process are kept on its `Active`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Id>>")]
    pub fired: Vec<Id>,
}

/// A sub-process whose contents run: since when, which of its non-interrupting boundary timers
/// and of the timers of event sub-processes in it have already fired (each fires once per run of the sub-process), and how many runs follow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Active {
    pub node: Id,
    pub since: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Id>>")]
    pub fired: Vec<Id>,
    /// The items the token that entered it carried, which its own token carries on.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    #[ts(optional, type = "Record<string, unknown>")]
    pub item: Map<String, Json>,
    /// Runs of the contents still to come after this one (a sequential multi-instance
    /// sub-process).
    #[serde(default, skip_serializing_if = "is_zero")]
    #[ts(optional, as = "Option<u32>")]
    pub again: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A token waiting on a flow for the flow's target. Each token keeps its own time, so parallel
/// branches run side by side on the clock whatever order the user fires them in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Token {
    pub flow: Id,
    /// When the token arrived on the flow.
    pub at: DateTime<Utc>,
    /// The items a parallel multi-instance sub-process gave the run this token belongs to
    /// (`reviewer` = "ann"): conditions inside read them over the instance data.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    #[ts(optional, type = "Record<string, unknown>")]
    pub item: Map<String, Json>,
}

impl Token {
    /// A token of no particular instance of a multi-instance sub-process.
    pub fn at(flow: Id, at: DateTime<Utc>) -> Token {
        Token {
            flow,
            at,
            item: Map::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RunningCall {
    /// The call activity.
    pub node: Id,
    pub child: Box<Instance>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CalledDefinition {
    pub process: Id,
    /// The version the call names; none for the current one.
    pub version: Option<u32>,
    pub definition: Process,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum Status {
    Running,
    /// No token is left; `node` is the last end event reached.
    Ended {
        node: Id,
        outcome: String,
        at: DateTime<Utc>,
    },
    /// Tokens are left but nothing can fire; each reason names where and why.
    Stuck {
        reasons: Vec<String>,
    },
}

/// One thing the user (or a replay) can do next. Built by `enabled`; `fire` reads `path`, `node`,
/// `take` and `set`.
#[serde_as]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Action {
    /// The call activities entered on the way to `node`, outermost first; empty at the top.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Id>>")]
    pub path: Vec<Id>,
    pub node: Id,
    /// The ways out the user takes at a gateway whose conditions do not decide: one at an
    /// exclusive or event-based gateway, one or more at an inclusive one. Written as a list;
    /// a single id (how scenarios recorded a choice before) reads as a set of one.
    #[serde_as(as = "OneOrMany<_, PreferMany>")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Id>>")]
    pub take: Vec<Id>,
    /// Values a task sets on completion; only declared variables, of their declared type.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    #[ts(optional, type = "Record<string, unknown>")]
    pub set: Map<String, Json>,
    /// Why the choice is offered: every condition and what it gave. `fire` ignores it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Evaluation>>")]
    pub evaluations: Vec<Evaluation>,
    /// How long a task took (or a message took to arrive) this time; without it a task takes its
    /// duration and a message arrives at once. Lets a trainer run a task past a boundary timer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub took: Option<Duration>,
    /// The message or signal this action delivers (a catch event, a receive task, a way out of
    /// an event-based gateway). Offered by `enabled` for the reader; `fire` goes by `node`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub deliver: Option<String>,
}

impl Action {
    /// The plain action for `node`: the engine decides everything.
    pub fn at(node: Id) -> Action {
        Action {
            path: Vec::new(),
            node,
            take: Vec::new(),
            set: Map::new(),
            evaluations: Vec::new(),
            took: None,
            deliver: None,
        }
    }

    /// Whether `offered` (what `enabled` gives) allows this action: the same step, and at a
    /// gateway that asks, only ways it offers. Whether several ways may be taken together is
    /// the gateway's to say when the action fires.
    pub fn is_offered(&self, offered: &[Action]) -> bool {
        let mut here = offered
            .iter()
            .filter(|a| a.path == self.path && a.node == self.node);
        if self.take.is_empty() {
            return here.any(|a| a.take.is_empty());
        }
        let ways: Vec<Id> = here.flat_map(|a| a.take.iter().copied()).collect();
        self.take.iter().all(|way| ways.contains(way))
    }
}

/// A condition of a gateway's outgoing flow and what it evaluated to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Evaluation {
    pub flow: Id,
    pub condition: String,
    /// `None` when the condition could not be evaluated; `error` says why.
    pub value: Option<bool>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub error: String,
}

/// One line of the run's log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct LogEntry {
    pub step: u32,
    /// Simulated time the step finished.
    pub at: DateTime<Utc>,
    /// The process the step belongs to (a called process logs under its own name).
    pub process: String,
    pub lane: String,
    /// The assignee of a task, else the lane's team.
    pub actor: String,
    pub node: Id,
    /// The node's id in the BPMN file it was imported from, when it has one of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bpmn_id: Option<String>,
    pub node_name: String,
    /// What happened: `completed`, `took "approved"`, `waited 3d`, …
    pub event: String,
    /// Why a branch was taken; empty when there was nothing to decide.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub reason: String,
}

/// A step or the whole process took longer than its SLA.
#[serde_as]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct SlaBreach {
    pub step: u32,
    /// The task; none for the process SLA.
    pub node: Option<Id>,
    pub name: String,
    #[serde_as(as = "DurationValue")]
    #[schemars(with = "DurationValue")]
    #[ts(as = "DurationValue")]
    pub target: Duration,
    #[serde_as(as = "DurationValue")]
    #[schemars(with = "DurationValue")]
    #[ts(as = "DurationValue")]
    pub actual: Duration,
    pub at: DateTime<Utc>,
}

impl Instance {
    pub fn is_running(&self) -> bool {
        self.status == Status::Running
    }

    /// What a person reads for each element of the definition and of the processes its calls
    /// run, in one map (the app shows a run with these).
    pub fn names(&self) -> Names {
        let called = self.called.iter().map(|c| &c.definition);
        Names::of_all(std::iter::once(&self.definition).chain(called))
    }

    /// Simulated time from start to the latest step.
    pub fn elapsed(&self) -> Duration {
        minutes_between(self.started_at, self.now)
    }
}

pub(super) fn minutes_between(from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
    Duration::minutes(u64::try_from((to - from).num_minutes()).unwrap_or(0))
}
