//! Checks a definition and reports problems; it never changes the definition.
//!
//! `structure` checks integrity (the store refuses to save a definition that fails it); the rule
//! families (`connectivity`, `gateways`, `events`, `scopes`, `throws`, `conditions`, `repeats`, `calls`,
//! `ownership`, `timing`) lint the
//! design; `soundness` plays the token game. [`validate`] runs them all. The validator is pure:
//! what it needs from the library (other processes, rule levels) comes in a [`Context`].

mod calls;
mod conditions;
mod connectivity;
mod events;
mod foreign_xml;
mod gateways;
mod graph;
mod lengths;
mod ownership;
mod repeats;
mod rules;
mod scopes;
mod soundness;
mod structure;
mod throws;
mod timing;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Id, Process};

pub use calls::reachable_cycle;
pub use foreign_xml::unsafe_foreign_xml;
pub use lengths::{LINE as LINE_LIMIT, PAGE as PAGE_LIMIT};
pub use rules::{rule, Level, LevelError, Rule, RULES};
pub use soundness::{CODES as SOUNDNESS_CODES, DEFAULT_STATE_LIMIT};
pub use structure::{structure, version_structure};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    Warning,
    Error,
}

/// One finding: a stable code to switch on, the element it is about, a sentence for people and
/// what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[ts(export)]
pub struct Problem {
    pub severity: Severity,
    pub code: String,
    /// The node, flow or lane; none when the problem is about the process as a whole.
    pub element: Option<Id>,
    /// The element's id in the BPMN file it was imported from, when it has one of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bpmn_id: Option<String>,
    pub message: String,
    pub hint: String,
    /// For soundness findings, a run that shows the problem: the firings from the start, in
    /// order, which the simulator can replay. Empty for the other rules, and for a step that
    /// never runs (no run reaches it, so none can show it).
    pub path: Vec<Step>,
}

/// One firing in the token game: `node` took a token from each flow in `consumed` and put one on
/// each flow in `produced` (a start consumes nothing, an end produces nothing).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[ts(export)]
pub struct Step {
    pub node: Id,
    pub consumed: Vec<Id>,
    pub produced: Vec<Id>,
}

/// What validation needs to know beyond the definition itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Context {
    /// The processes a call may name, by id. `None` when the definition is checked on its own
    /// (a file outside any library): calls are then not checked.
    pub processes: Option<BTreeMap<Id, KnownProcess>>,
    /// The library's rule levels (code → off / warning / error); rules not listed keep their
    /// default level.
    pub levels: BTreeMap<String, Level>,
    /// Most token-game states the soundness check explores before it gives up and says so.
    pub state_limit: usize,
}

/// A process of the library, as a call target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownProcess {
    pub name: String,
    /// Saved version numbers; empty while the process exists only as a draft.
    pub versions: Vec<u32>,
    /// The processes its latest saved version calls, to find chains of calls that lead back.
    #[serde(default)]
    pub calls: Vec<Id>,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            processes: None,
            levels: BTreeMap::new(),
            state_limit: DEFAULT_STATE_LIMIT,
        }
    }
}

/// Every check: structure, the lint rules and soundness, at the library's levels, errors first
/// (then in rule order, then in the order found). Soundness runs only on a structurally valid
/// definition, and not at all when every soundness rule is off.
pub fn validate(process: &Process, context: &Context) -> Vec<Problem> {
    let mut problems = structure(process);
    let structurally_valid = problems.is_empty();
    let graph = graph::Graph::new(process);
    let mut found = connectivity::check(&graph);
    found.extend(gateways::check(&graph));
    found.extend(events::check(&graph));
    found.extend(scopes::check(&graph));
    found.extend(throws::check(&graph));
    found.extend(conditions::check(&graph));
    found.extend(repeats::check(&graph));
    found.extend(calls::check(&graph, context.processes.as_ref()));
    found.extend(ownership::check(process));
    found.extend(timing::check(&graph));
    let soundness_wanted = soundness::CODES
        .iter()
        .any(|code| rules::level(context, code) != Level::Off);
    if structurally_valid && soundness_wanted {
        found.extend(soundness::check(&graph, context.state_limit));
    }
    problems.extend(found.into_iter().filter_map(|mut p| {
        p.severity = rules::level(context, &p.code).severity()?;
        Some(p)
    }));
    problems.sort_by_key(|p| (std::cmp::Reverse(p.severity), rules::position(&p.code)));
    with_bpmn_ids(process, problems)
}

/// Each problem with its element's source BPMN id, when the element has one.
fn with_bpmn_ids(process: &Process, mut problems: Vec<Problem>) -> Vec<Problem> {
    for p in &mut problems {
        p.bpmn_id = p.element.and_then(|e| process.bpmn_id(e)).map(String::from);
    }
    problems
}

/// What `flowlane validate --format json` prints: the problems of one subject, with counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Report {
    /// What was checked: a file, or a process and its version or draft.
    pub subject: String,
    pub errors: usize,
    pub warnings: usize,
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn new(subject: &str, problems: Vec<Problem>) -> Report {
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        Report {
            subject: subject.to_string(),
            errors,
            warnings: problems.len() - errors,
            problems,
        }
    }
}

pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

/// A problem at its rule's default level; `validate` applies the library's levels afterwards.
fn problem(
    code: &'static str,
    element: Option<Id>,
    message: String,
    hint: impl Into<String>,
) -> Problem {
    Problem {
        severity: rules::default_level(code)
            .severity()
            .unwrap_or(Severity::Warning),
        code: code.to_string(),
        element,
        bpmn_id: None,
        message,
        hint: hint.into(),
        path: Vec::new(),
    }
}

/// A problem with flow `f`, its message opening with the flow's name ("Flow A → B {says}").
fn flow_problem(g: &graph::Graph, f: usize, code: &'static str, says: &str, hint: &str) -> Problem {
    let flow = graph::capitalise(&g.flow_name(f));
    problem(code, Some(g.flow(f).id), format!("{flow} {says}"), hint)
}
