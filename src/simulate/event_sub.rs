//! Event sub-processes in the step engine. One is armed while the scope it sits in runs (the
//! instance for one at the process level, else its sub-process's contents) and starts on its
//! start event's trigger: a message or signal the trainer delivers (`took` after the scope
//! began), a timer on the simulated clock counted from when the scope began (it runs out before
//! a step of the scope that would finish later, as a boundary timer does, or when the trainer
//! lets it), a condition that holds, or an error or escalation thrown inside the scope
//! (`events::raise`). An interrupting one cancels everything else running in its scope first; a
//! non-interrupting one runs beside it. The scope completes when both are done.

use chrono::{DateTime, Utc};

use super::engine::{advance, wrap_up};
use super::events::{self, leave_by, within, Due};
use super::instance::{Action, Active, Instance};
use super::schedule::firings;
use super::SimError;
use crate::describe::Names;
use crate::expr;
use crate::model::{Id, Node, NodeKind, SubProcessKind, Trigger};

/// An event sub-process ready to start: the sub-process, its start event, its trigger, whether
/// it interrupts, and when its scope began.
pub(super) struct Armed {
    pub(super) sub: Node,
    pub(super) start: Node,
    pub(super) trigger: Trigger,
    pub(super) interrupting: bool,
    pub(super) since: DateTime<Utc>,
}

/// The start event of event sub-process `sub`, with its trigger and interrupting flag.
fn start_of(instance: &Instance, sub: &Node) -> Option<(Node, Trigger, bool)> {
    instance
        .definition
        .children(Some(sub.id))
        .find_map(|n| match &n.kind {
            NodeKind::Start {
                trigger,
                interrupting,
            } if !trigger.is_none() => Some((n.clone(), trigger.clone(), *interrupting)),
            _ => None,
        })
}

fn is_event_sub(node: &Node) -> bool {
    matches!(
        node.kind,
        NodeKind::SubProcess {
            sub: SubProcessKind::Event,
            ..
        }
    )
}

/// The event sub-processes directly in `scope` (none: the process level) that may start now:
/// the scope runs, and an interrupting one is not already running.
pub(super) fn armed_in(instance: &Instance, scope: Option<Id>) -> Vec<Armed> {
    let since = match scope {
        None => instance.started_at,
        Some(s) => match instance.active.iter().find(|a| a.node == s) {
            Some(active) => active.since,
            None => return Vec::new(),
        },
    };
    let mut armed = Vec::new();
    for sub in instance
        .definition
        .children(scope)
        .filter(|n| is_event_sub(n))
    {
        let Some((start, trigger, interrupting)) = start_of(instance, sub) else {
            continue;
        };
        // An error always interrupts (BPMN 10.5.6).
        let interrupting = interrupting || matches!(trigger, Trigger::Error { .. });
        let running = instance.active.iter().any(|a| a.node == sub.id);
        // A condition that still holds does not start it again while it runs.
        let once = interrupting || matches!(trigger, Trigger::Conditional { .. });
        if running && once {
            continue;
        }
        armed.push(Armed {
            sub: sub.clone(),
            start,
            trigger,
            interrupting,
            since,
        });
    }
    armed
}

/// Every armed event sub-process, at the process level and in every running sub-process.
fn all_armed(instance: &Instance) -> Vec<Armed> {
    let scopes = std::iter::once(None).chain(instance.active.iter().map(|a| Some(a.node)));
    scopes.flat_map(|s| armed_in(instance, s)).collect()
}

/// The timer firings already spent in `scope` by event sub-process `sub`.
fn spent(instance: &Instance, scope: Option<Id>, sub: Id) -> usize {
    let fired = match scope {
        None => &instance.fired,
        Some(s) => match instance.active.iter().find(|a| a.node == s) {
            Some(active) => &active.fired,
            None => return 0,
        },
    };
    fired.iter().filter(|f| **f == sub).count()
}

/// The next firing of an armed timer start, if it has one left.
fn next_firing(instance: &Instance, armed: &Armed) -> Option<DateTime<Utc>> {
    let Trigger::Timer { timer } = &armed.trigger else {
        return None;
    };
    let already = spent(instance, armed.sub.parent, armed.sub.id);
    firings(timer, armed.since).get(already).copied()
}

/// One action per armed event sub-process the trainer can start: deliver its message or
/// signal (at the instant its scope began), let its timer run out (at the deadline), or start
/// it on a condition that holds (now). Errors and escalations start them when thrown.
pub(super) fn offered(instance: &Instance) -> Vec<(DateTime<Utc>, usize, Action)> {
    let mut actions = Vec::new();
    let vars = &instance.definition.info.variables;
    for armed in all_armed(instance) {
        let position = instance
            .definition
            .nodes
            .iter()
            .position(|n| n.id == armed.start.id)
            .unwrap_or(usize::MAX);
        let mut action = Action::at(armed.start.id);
        let at = match &armed.trigger {
            Trigger::Message { message: name } | Trigger::Signal { signal: name } => {
                action.deliver = Some(name.clone());
                armed.since
            }
            Trigger::Timer { .. } => match next_firing(instance, &armed) {
                Some(at) => at,
                None => continue,
            },
            Trigger::Conditional { condition } => {
                let holds = expr::parse(condition)
                    .and_then(|c| expr::evaluate(&c, &instance.data, vars))
                    .unwrap_or(false);
                match holds {
                    true => instance.now,
                    false => continue,
                }
            }
            _ => continue,
        };
        actions.push((at, position, action));
    }
    actions
}

/// Whether `action` starts an event sub-process by a message or signal from outside, which
/// only the trainer (or a recorded scenario) delivers: a run without a user leaves it out.
pub(super) fn waits_for_the_trainer(instance: &Instance, action: &Action) -> bool {
    let Some(node) = instance.definition.node(action.node) else {
        return false;
    };
    action.path.is_empty()
        && starts_one(instance, node)
        && matches!(
            node.kind.trigger(),
            Some(Trigger::Message { .. } | Trigger::Signal { .. })
        )
}

/// Whether `node` is the start event of an event sub-process.
pub(super) fn starts_one(instance: &Instance, node: &Node) -> bool {
    matches!(node.kind, NodeKind::Start { .. })
        && node
            .parent
            .and_then(|p| instance.definition.node(p))
            .is_some_and(is_event_sub)
}

/// Fires the trainer's action on the start event of an event sub-process (already checked as
/// offered): the message arrives `took` after its scope began, the timer at its deadline, the
/// condition now.
pub(super) fn trigger(
    mut next: Instance,
    start: &Node,
    action: &Action,
) -> Result<Instance, SimError> {
    let armed = all_armed(&next)
        .into_iter()
        .find(|a| a.start.id == start.id)
        .ok_or(SimError::UnknownNode(start.id))?;
    let (at, what) = match &armed.trigger {
        Trigger::Timer { timer } => {
            let at = next_firing(&next, &armed).ok_or(SimError::UnknownNode(start.id))?;
            (at, format!("timer {} ran out", words(timer)))
        }
        Trigger::Conditional { condition } => (next.now, format!("{condition} holds")),
        other => (
            advance(armed.since, action.took.unwrap_or_default())?,
            format!("{other} arrived"),
        ),
    };
    next.step += 1;
    begin(&mut next, &armed, at, what);
    Ok(wrap_up(next, start.id, at))
}

fn words(timer: &crate::model::Timer) -> String {
    match timer.wait() {
        Some(wait) => wait.to_string(),
        None => timer.describe(),
    }
}

/// Starts `armed` at `at`, `what` saying why: an interrupting one first withdraws everything
/// else running in its scope.
pub(super) fn begin(instance: &mut Instance, armed: &Armed, at: DateTime<Utc>, what: String) {
    let names = Names::of(&instance.definition);
    let scope = match armed.sub.parent {
        Some(s) => names.phrase(s),
        None => "the process".to_string(),
    };
    let outcome = match armed.interrupting {
        true => format!("the rest of {scope} is cancelled"),
        false => format!("{scope} goes on"),
    };
    if armed.interrupting {
        cancel_beside(instance, armed.sub.parent, armed.sub.id);
    }
    if matches!(armed.trigger, Trigger::Timer { .. }) {
        match armed.sub.parent {
            None => instance.fired.push(armed.sub.id),
            Some(s) => {
                if let Some(active) = instance.active.iter_mut().find(|a| a.node == s) {
                    active.fired.push(armed.sub.id);
                }
            }
        }
    }
    if !instance.active.iter().any(|a| a.node == armed.sub.id) {
        instance.active.push(Active {
            node: armed.sub.id,
            since: at,
            fired: Vec::new(),
            again: 0,
            item: serde_json::Map::new(),
        });
    }
    let event = format!("{what}: {} starts, {outcome}", names.phrase(armed.sub.id));
    leave_by(instance, &armed.start, at, event);
}

/// Withdraws everything running in `scope` (none: the whole instance) but event sub-process
/// `keep` and what runs inside it.
fn cancel_beside(instance: &mut Instance, scope: Option<Id>, keep: Id) {
    let process = instance.definition.clone();
    let in_scope = |node: Id| scope.is_none_or(|s| within(&process, node, s));
    let cancelled = |node: Id| in_scope(node) && node != keep && !within(&process, node, keep);
    instance.tokens.retain(|t| {
        process
            .flow(t.flow)
            .is_none_or(|f| !cancelled(f.source) && !cancelled(f.target))
    });
    instance.calls.retain(|c| !cancelled(c.node));
    instance
        .active
        .retain(|a| Some(a.node) == scope || !cancelled(a.node));
}

/// The event sub-process that catches an error or escalation thrown by `thrower` at the level
/// of `scope` (none: the process level), if one does: never one the thrower is inside.
pub(super) fn catcher(
    instance: &Instance,
    scope: Option<Id>,
    thrower: Id,
    thrown: &Trigger,
) -> Option<Armed> {
    let process = &instance.definition;
    armed_in(instance, scope).into_iter().find(|a| {
        super::token_rules::catches(&a.trigger, thrown)
            && a.sub.id != thrower
            && !within(process, thrower, a.sub.id)
    })
}

/// A timer start of an event sub-process that runs out before a step finishes.
pub(super) struct StartDue {
    deadline: DateTime<Utc>,
    armed: Armed,
}

/// The timer starts of event sub-processes around `node` (at the process level and in every
/// running sub-process it is in) that run out before `done`, earliest first.
pub(super) fn timers_due(instance: &Instance, node: &Node, done: DateTime<Utc>) -> Vec<StartDue> {
    let process = &instance.definition;
    let mut due = Vec::new();
    let scopes = std::iter::once(None).chain(
        instance
            .active
            .iter()
            .filter(|a| within(process, node.id, a.node))
            .map(|a| Some(a.node)),
    );
    for scope in scopes {
        for armed in armed_in(instance, scope) {
            // A timer does not start the event sub-process the step runs in once more.
            if armed.sub.id == node.id || within(process, node.id, armed.sub.id) {
                continue;
            }
            if let Some(deadline) = next_firing(instance, &armed).filter(|at| *at < done) {
                due.push(StartDue { deadline, armed });
            }
        }
    }
    due.sort_by_key(|d| d.deadline);
    due
}

/// Fires boundary timers and event sub-process timers that ran out before a step finished, in
/// the order they ran out; the instant an interrupting one cancelled the step, if one did.
pub(super) fn fire_timers(
    instance: &mut Instance,
    boundaries: Vec<Due>,
    starts: Vec<StartDue>,
) -> Option<DateTime<Utc>> {
    let mut starts = starts.into_iter().peekable();
    for due in boundaries {
        while let Some(start) = starts.next_if(|s| s.deadline < due.deadline()) {
            if let Some(at) = fire_start(instance, start) {
                return Some(at);
            }
        }
        if let Some(at) = events::fire_due(instance, vec![due]) {
            return Some(at);
        }
    }
    for start in starts {
        if let Some(at) = fire_start(instance, start) {
            return Some(at);
        }
    }
    None
}

fn fire_start(instance: &mut Instance, due: StartDue) -> Option<DateTime<Utc>> {
    let Trigger::Timer { timer } = &due.armed.trigger else {
        return None;
    };
    let what = format!("timer {} ran out", words(timer));
    begin(instance, &due.armed, due.deadline, what);
    due.armed.interrupting.then_some(due.deadline)
}

/// A signal thrown inside the instance at `at` starts every armed event sub-process that
/// starts on it.
pub(super) fn broadcast(instance: &mut Instance, signal: &str, at: DateTime<Utc>) {
    let listening: Vec<Armed> = all_armed(instance)
        .into_iter()
        .filter(|a| matches!(&a.trigger, Trigger::Signal { signal: s } if s == signal))
        .collect();
    for armed in listening {
        // An earlier one may have interrupted the scope this one waits in.
        let still = all_armed(instance).iter().any(|a| a.sub.id == armed.sub.id);
        if still {
            begin(
                instance,
                &armed,
                at.max(armed.since),
                format!("signal {signal} thrown"),
            );
        }
    }
}
