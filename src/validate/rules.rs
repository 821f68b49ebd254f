//! The rule table: every lint and soundness code, its default level and what it checks. A library
//! may set any of them to another level or to off (like bpmnlint's config); structural checks are
//! not in the table because a definition that fails them cannot be saved at all.

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Context, Severity};

/// How a library wants a rule reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Level {
    Off,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a rule level: use off, warning or error")]
pub struct LevelError(pub String);

impl FromStr for Level {
    type Err = LevelError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "off" => Ok(Level::Off),
            "warning" | "warn" => Ok(Level::Warning),
            "error" => Ok(Level::Error),
            other => Err(LevelError(other.to_string())),
        }
    }
}

/// One configurable rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Rule {
    pub code: &'static str,
    /// Level when the library does not say otherwise.
    pub level: Level,
    pub summary: &'static str,
}

const fn rule_row(code: &'static str, level: Level, summary: &'static str) -> Rule {
    Rule {
        code,
        level,
        summary,
    }
}

use Level::{Error, Warning};

/// Every rule, in the order problems are listed within a severity.
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    // connectivity
    rule_row("no-start", Error, "the process has no start event"),
    rule_row("multiple-starts", Warning, "the process has more than one start event"),
    rule_row("end-unreachable", Error, "no end event can be reached from the start"),
    rule_row("unreachable", Error, "a step cannot be reached from the start"),
    rule_row("dead-end", Error, "a step other than an end has no outgoing flow"),
    // soundness
    rule_row("deadlock", Error, "a join can wait forever"),
    rule_row("lack-of-synchronisation", Error, "two tokens can be on one flow at once"),
    rule_row("livelock", Error, "a loop has no way out"),
    rule_row("dead-task", Error, "a step is reachable on the drawing but no run ever gets there"),
    rule_row("improper-completion", Warning, "an end is reached while work is still going on"),
    rule_row("soundness-incomplete", Warning, "the model was too large to check every state"),
    // gateways and conditions
    rule_row("default-on-parallel", Error, "a parallel gateway has a default flow"),
    rule_row("condition-missing", Error, "a flow out of a decision has no condition and is not the default"),
    rule_row("condition-syntax", Error, "a condition cannot be read"),
    rule_row("not-executable", Warning, "an imported engine condition is kept as written: Flowlane cannot run it"),
    rule_row("condition-undeclared", Error, "a condition reads a variable the process does not declare"),
    rule_row("condition-type", Error, "a condition uses a variable with the wrong type"),
    rule_row("may-all-be-false", Warning, "every condition of a decision can be false and there is no default"),
    rule_row("repeat-type", Error, "a multi-instance activity counts by a variable that is not a number, or runs over one that is not a list"),
    rule_row("pointless-gateway", Warning, "a gateway has one incoming and one outgoing flow"),
    rule_row("decision-label-missing", Warning, "a flow out of a decision has no label"),
    // events and scopes
    rule_row("event-gateway-choices", Error, "an event-based gateway is followed by fewer than two events"),
    rule_row("event-gateway-target", Error, "an event-based gateway is followed by something it cannot wait for"),
    rule_row("boundary-flows", Error, "a boundary event has an incoming flow, or not exactly one outgoing flow"),
    rule_row("boundary-host", Error, "a boundary event is not attached to an activity beside it"),
    rule_row("timer-syntax", Error, "a timer expression cannot be read"),
    rule_row("link-unmatched", Error, "a link throw has no link catch of the same name"),
    rule_row("message-name-missing", Warning, "a message event, send or receive task names no message"),
    rule_row("message-flow-pools", Error, "a message flow does not join two different pools"),
    rule_row("flow-crosses-pools", Error, "a sequence flow goes from one pool to another"),
    rule_row("flow-crosses-sub-process", Error, "a sequence flow crosses the border of a sub-process"),
    rule_row("sub-process-start-trigger", Error, "a start inside a sub-process has a trigger"),
    rule_row("event-sub-process-flows", Error, "an event sub-process has an incoming or outgoing sequence flow"),
    rule_row("event-sub-process-start", Error, "an event sub-process does not have exactly one start with a trigger"),
    rule_row("sub-process-incomplete", Warning, "a sub-process has no start or no end inside"),
    rule_row("throw-uncaught", Warning, "a thrown error or escalation has nothing to catch it"),
    // calls
    rule_row("call-missing-process", Error, "a call names a process that is not in the library"),
    rule_row("call-missing-version", Error, "a call names a version that does not exist"),
    rule_row("call-cycle", Error, "a chain of calls leads back to the process, so it never ends"),
    // ownership
    rule_row("lane-without-team", Warning, "a workflow has no owning team"),
    rule_row("lane-without-trigger", Warning, "a workflow does not say what starts it"),
    rule_row("lane-without-output", Warning, "a workflow does not say what it delivers"),
    rule_row("lane-order-duplicate", Error, "two workflows have the same place in the order"),
    rule_row("task-without-assignee", Warning, "a task has no assignee"),
    rule_row("task-output-undeclared", Error, "a task sets a variable the process does not declare"),
    // timing
    rule_row("step-sla-below-duration", Warning, "a step's SLA is shorter than its duration"),
    rule_row("process-sla-below-shortest-path", Warning, "the process SLA is shorter than the quickest run"),
];

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

pub(super) fn default_level(code: &str) -> Level {
    rule(code).map_or(Level::Error, |r| r.level)
}

/// The level a rule has in this context.
pub(super) fn level(context: &Context, code: &str) -> Level {
    context
        .levels
        .get(code)
        .copied()
        .unwrap_or_else(|| default_level(code))
}

/// Sort key: structural problems first, then rules in table order.
pub(super) fn position(code: &str) -> usize {
    RULES
        .iter()
        .position(|r| r.code == code)
        .map_or(0, |i| i + 1)
}
