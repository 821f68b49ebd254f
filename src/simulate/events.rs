//! What BPMN events and sub-processes do in the step engine, on its simulated clock.
//!
//! - A boundary timer starts with its host: a task when its token arrived, a sub-process when
//!   its contents started. A step of the host (the task's completion, any step inside the
//!   sub-process) that finishes after the deadline finds the timer fired first, at the deadline:
//!   an interrupting one cancels the host, so that step does not happen (the task sets no data,
//!   the sub-process's tokens are withdrawn, the clock stops at the deadline) and the token
//!   leaves by the boundary's flow; a non-interrupting one adds a token on the boundary's flow
//!   and the step goes on. A step that finishes exactly at the deadline was in time. Each timer
//!   fires once per run of its host.
//! - Errors and escalations reach the innermost enclosing scope that catches their code (an
//!   empty code catches all): an event sub-process in it that starts on them (`event_sub`),
//!   else the boundary of the sub-process; an error always cancels, an escalation only when its
//!   catch interrupts. An error nobody catches ends the instance; an escalation nobody catches
//!   is logged and changes nothing.
//! - A terminate end event ends the whole instance, wherever it is.
//! - A link throw goes on at the link catch of the same name (in the same sub-process first).
//! - A signal thrown in the instance delivers itself to every token waiting at a catch event of
//!   the same signal.
//! - A sub-process runs its contents: entering it starts its inner start events, and it
//!   completes when no token is left inside it. A multi-instance sub-process starts them once
//!   per instance, side by side or the next when one is done; its boundary events watch the
//!   whole activity, not each instance.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value as Json};

use super::engine::all_out;
use super::instance::{Active, Instance, Token};
use super::log_words::log_entry;
use super::schedule::firings;
use super::token_rules::{catches, items, runs};
use super::SimError;
use crate::describe::Names;
use crate::model::{Id, Node, NodeKind, Process, Repeat, Trigger};

/// Whether `node` lies inside sub-process `scope`, at any depth.
pub(super) fn within(process: &Process, node: Id, scope: Id) -> bool {
    let mut current = process.node(node).and_then(|n| n.parent);
    for _ in 0..process.nodes.len() {
        match current {
            Some(parent) if parent == scope => return true,
            Some(parent) => current = process.node(parent).and_then(|n| n.parent),
            None => return false,
        }
    }
    false
}

/// A boundary timer whose host is still running at its deadline.
pub(super) struct Due {
    deadline: DateTime<Utc>,
    timer: String,
    boundary: Node,
    host: Id,
}

impl Due {
    pub(super) fn deadline(&self) -> DateTime<Utc> {
        self.deadline
    }

    pub(super) fn interrupts(&self) -> bool {
        matches!(
            self.boundary.kind,
            NodeKind::Boundary {
                interrupting: true,
                ..
            }
        )
    }
}

/// The boundary timers that run out before a step of `node` that began at `arrived` finishes
/// at `done`, earliest first: those of `node` itself (a task or call) and of every running
/// sub-process around it.
pub(super) fn timers_due(
    instance: &Instance,
    node: &Node,
    arrived: DateTime<Utc>,
    done: DateTime<Utc>,
) -> Result<Vec<Due>, SimError> {
    let process = &instance.definition;
    let mut due = Vec::new();
    if matches!(node.kind, NodeKind::Task { .. } | NodeKind::Call { .. }) {
        due.extend(host_timers_due(process, node.id, arrived, &[], done));
    }
    for active in &instance.active {
        if within(process, node.id, active.node) {
            let fired = &active.fired;
            due.extend(host_timers_due(
                process,
                active.node,
                active.since,
                fired,
                done,
            ));
        }
    }
    due.sort_by_key(|d| d.deadline);
    Ok(due)
}

/// The firings of `host`'s boundary timers (started at `since`) before `done`, but for those
/// `fired` already (a boundary id once per firing: a cycle fires again and again).
pub(super) fn host_timers_due(
    process: &Process,
    host: Id,
    since: DateTime<Utc>,
    fired: &[Id],
    done: DateTime<Utc>,
) -> Vec<Due> {
    let mut due = Vec::new();
    for boundary in process.boundaries(host) {
        let NodeKind::Boundary {
            trigger: Trigger::Timer { timer },
            ..
        } = &boundary.kind
        else {
            continue;
        };
        let already = fired.iter().filter(|f| **f == boundary.id).count();
        let words = match timer.wait() {
            Some(wait) => wait.to_string(),
            None => timer.describe(),
        };
        for deadline in firings(timer, since).into_iter().skip(already) {
            if deadline >= done {
                break;
            }
            due.push(Due {
                deadline,
                timer: words.clone(),
                boundary: boundary.clone(),
                host,
            });
        }
    }
    due
}

/// Fires the timers that ran out; when an interrupting one cancelled the step, the instant it
/// did (the step's clock stops there, not at the end the step would have had).
pub(super) fn fire_due(instance: &mut Instance, due: Vec<Due>) -> Option<DateTime<Utc>> {
    for Due {
        deadline,
        timer,
        boundary,
        host,
    } in due
    {
        let interrupting = matches!(
            boundary.kind,
            NodeKind::Boundary {
                interrupting: true,
                ..
            }
        );
        let host_name = Names::of(&instance.definition).phrase(host);
        let what = match interrupting {
            true => format!("{host_name} is cancelled"),
            false => format!("escalated ({host_name} goes on)"),
        };
        let event = format!("timer {timer} ran out while {host_name} ran: {what}");
        leave_by(instance, &boundary, deadline, event);
        if interrupting {
            cancel(instance, host);
            return Some(deadline);
        }
        if let Some(active) = instance.active.iter_mut().find(|a| a.node == host) {
            active.fired.push(boundary.id);
        }
    }
    None
}

/// A token on every outgoing flow of `node` at `at`, and the log line saying why.
pub(super) fn leave_by(instance: &mut Instance, node: &Node, at: DateTime<Utc>, event: String) {
    leave_carrying(instance, node, at, event, &Map::new());
}

/// `leave_by`, the tokens carrying `item` (a run of a multi-instance sub-process).
fn leave_carrying(
    instance: &mut Instance,
    node: &Node,
    at: DateTime<Utc>,
    event: String,
    item: &Map<String, Json>,
) {
    for flow in all_out(instance, node.id) {
        instance.tokens.push(Token {
            flow,
            at,
            item: item.clone(),
        });
    }
    let entry = log_entry(instance, node, at, event, String::new());
    instance.log.push(entry);
    instance.now = instance.now.max(at);
}

/// Withdraws everything running inside sub-process `scope` (nothing for a task).
pub(super) fn cancel(instance: &mut Instance, scope: Id) {
    let process = instance.definition.clone();
    let inside = |node: Id| within(&process, node, scope);
    instance.tokens.retain(|t| {
        process
            .flow(t.flow)
            .is_none_or(|f| !inside(f.source) && !inside(f.target))
    });
    instance.calls.retain(|c| !inside(c.node));
    instance
        .active
        .retain(|a| a.node != scope && !inside(a.node));
}

/// Starts the contents of sub-process `node`: once, or once per instance of a multi-instance
/// sub-process (side by side, or the next when one finishes). False when it has no start event
/// inside or runs no instance (then it passes like a plain activity).
pub(super) fn enter(
    instance: &mut Instance,
    node: &Node,
    at: DateTime<Utc>,
    item: &Map<String, Json>,
) -> Result<bool, SimError> {
    let starts = starts_inside(&instance.definition, node.id);
    let repeat = match &node.kind {
        NodeKind::SubProcess { repeat, .. } => repeat.as_ref(),
        _ => None,
    };
    let refuse = |why: String| SimError::Repeat {
        node: node.name.clone(),
        why,
    };
    let (side_by_side, again) = runs(repeat, &instance.data).map_err(refuse)?;
    if starts.is_empty() || side_by_side == 0 {
        return Ok(false);
    }
    instance.active.push(Active {
        node: node.id,
        since: at,
        fired: Vec::new(),
        again,
        item: item.clone(),
    });
    for run in 0..side_by_side as usize {
        let (event, own) = bind_item(instance, node, run);
        let mut items = item.clone();
        items.extend(own);
        for start in &starts {
            leave_carrying(instance, start, at, event.clone(), &items);
        }
    }
    Ok(true)
}

/// ` for reviewer = "ann"`: the items a step of a multi-instance sub-process's run worked on.
pub(super) fn items_words(items: &Map<String, Json>) -> String {
    let all: Vec<String> = items.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    format!(" for {}", all.join(", "))
}

/// The item run `run` of a multi-instance sub-process over a collection works on, and how the
/// log says so. A sequential run's item is bound in the instance data while it runs; runs side by
/// side share the instance data, so each run's tokens carry their own item (returned).
fn bind_item(instance: &mut Instance, node: &Node, run: usize) -> (String, Map<String, Json>) {
    let repeat = match &node.kind {
        NodeKind::SubProcess { repeat, .. } => repeat.as_ref(),
        _ => None,
    };
    let mut own = Map::new();
    let Some((name, items)) = items(repeat, &instance.data) else {
        return ("started".into(), own);
    };
    let Some(item) = items.get(run) else {
        return ("started".into(), own);
    };
    match repeat {
        Some(Repeat::Sequential(_)) => {
            instance.data.insert(name.clone(), item.clone());
        }
        _ => {
            own.insert(name.clone(), item.clone());
        }
    }
    (format!("started for {name} = {item}"), own)
}

fn starts_inside(process: &Process, scope: Id) -> Vec<Node> {
    process
        .children(Some(scope))
        .filter(|n| matches!(n.kind, NodeKind::Start { .. }))
        .cloned()
        .collect()
}

/// Completes every running sub-process with no token left inside, innermost first: its token
/// leaves by its outgoing flows at `at`, unless a sequential multi-instance sub-process has a
/// run to come (then its contents start again).
pub(super) fn complete_finished(instance: &mut Instance, at: DateTime<Utc>) {
    loop {
        let process = &instance.definition;
        let busy = |scope: Id| {
            instance.tokens.iter().any(|t| {
                process
                    .flow(t.flow)
                    .is_some_and(|f| within(process, f.source, scope))
            }) || instance
                .calls
                .iter()
                .any(|c| within(process, c.node, scope))
        };
        let Some(index) = instance.active.iter().rposition(|a| !busy(a.node)) else {
            return;
        };
        let scope = instance
            .definition
            .node(instance.active[index].node)
            .cloned();
        let repeat = match scope.as_ref().map(|n| &n.kind) {
            Some(NodeKind::SubProcess { repeat, .. }) => repeat.clone(),
            _ => None,
        };
        let bound = items(repeat.as_ref(), &instance.data);
        if instance.active[index].again > 0 {
            instance.active[index].again -= 1;
            let again = instance.active[index].again as usize;
            let event = match (&scope, &bound) {
                (Some(node), Some((_, list))) => {
                    bind_item(instance, node, list.len().saturating_sub(again + 1)).0
                }
                _ => "started".into(),
            };
            let item = instance.active[index].item.clone();
            for start in starts_inside(&instance.definition, instance.active[index].node) {
                leave_carrying(instance, &start, at, event.clone(), &item);
            }
            continue;
        }
        // The item belongs to the instances; once all are done it is gone.
        if let (Some((name, _)), Some(Repeat::Sequential(_))) = (&bound, &repeat) {
            instance.data.remove(name);
        }
        let done = instance.active.remove(index);
        // Its last step may be another branch than the one that fired just now (an event
        // sub-process beside the work): it completes when the latest of them finished.
        let process = &instance.definition;
        let finished = (instance.log.iter())
            .filter(|e| within(process, e.node, done.node))
            .map(|e| e.at)
            .fold(at, DateTime::max);
        if let Some(node) = instance.definition.node(done.node).cloned() {
            leave_carrying(instance, &node, finished, "completed".into(), &done.item);
        }
    }
}

/// What happens after a throw or end event with a trigger fired at `at`: the error or escalation
/// looks for its catcher, a signal is delivered, a terminate ends everything. Returns the tokens
/// a link throw sends on instead of its own outgoing flows, if it is one.
pub(super) fn thrown(instance: &mut Instance, node: &Node, at: DateTime<Utc>) -> Option<Vec<Id>> {
    let trigger = node.kind.trigger()?.clone();
    match &trigger {
        Trigger::Error { code } | Trigger::Escalation { code } => {
            if let Some(cut_off) = raise(instance, node, &trigger, at) {
                // The thrower's own path was cancelled by the catch: it goes no further.
                return cut_off.then(Vec::new);
            }
            let error = matches!(trigger, Trigger::Error { .. });
            let event = match error {
                true => format!("error {code} was not caught: the instance ends"),
                false => format!("escalation {code} was not caught"),
            };
            let entry = log_entry(instance, node, at, event, String::new());
            instance.log.push(entry);
            if error {
                end_all(instance);
            }
            None
        }
        Trigger::Terminate => {
            end_all(instance);
            None
        }
        Trigger::Signal { signal } => {
            broadcast(instance, signal, at);
            None
        }
        Trigger::Link { link } if matches!(node.kind, NodeKind::Throw { .. }) => {
            let process = &instance.definition;
            let is_catch = |n: &&Node| matches!(&n.kind, NodeKind::Catch { trigger: Trigger::Link { link: l } } if l == link);
            let target = process
                .children(node.parent)
                .find(is_catch)
                .or_else(|| process.nodes.iter().find(is_catch))?;
            Some(all_out(instance, target.id))
        }
        _ => None,
    }
}

/// Sends an error or escalation up the scopes around `node`: at each, an event sub-process
/// that starts on it, else a boundary event of the sub-process. None when nothing catches it;
/// else whether the catch cancelled the path `node` is on.
fn raise(
    instance: &mut Instance,
    node: &Node,
    thrown: &Trigger,
    at: DateTime<Utc>,
) -> Option<bool> {
    let mut scope = node.parent;
    loop {
        if let Some(armed) = super::event_sub::catcher(instance, scope, node.id, thrown) {
            let names = Names::of(&instance.definition);
            let what = format!("caught {thrown} from {}", names.phrase(node.id));
            super::event_sub::begin(instance, &armed, at, what);
            return Some(armed.interrupting);
        }
        let sub = scope?;
        let catcher = instance
            .definition
            .boundaries(sub)
            .find_map(|b| match &b.kind {
                NodeKind::Boundary {
                    trigger,
                    interrupting,
                    ..
                } if catches(trigger, thrown) => Some((b.clone(), *interrupting)),
                _ => None,
            });
        if let Some((boundary, interrupting)) = catcher {
            let cancels = interrupting || matches!(thrown, Trigger::Error { .. });
            let names = Names::of(&instance.definition);
            let name = names.phrase(sub);
            let event = format!(
                "caught {thrown} from {}{}",
                names.phrase(node.id),
                match cancels {
                    true => format!("; {name} is cancelled"),
                    false => format!("; {name} goes on"),
                }
            );
            if cancels {
                cancel(instance, sub);
            }
            leave_by(instance, &boundary, at, event);
            return Some(cancels);
        }
        scope = instance.definition.node(sub).and_then(|n| n.parent);
    }
}

fn end_all(instance: &mut Instance) {
    instance.tokens.clear();
    instance.calls.clear();
    instance.active.clear();
}

/// Every token waiting at a catch event of `signal` moves on at `at`.
fn broadcast(instance: &mut Instance, signal: &str, at: DateTime<Utc>) {
    let process = instance.definition.clone();
    let listening = |flow: Id| {
        let target = process.flow(flow).and_then(|f| process.node(f.target))?;
        matches!(&target.kind, NodeKind::Catch { trigger: Trigger::Signal { signal: s } } if s == signal)
            .then(|| target.clone())
    };
    let (caught, rest): (Vec<Token>, Vec<Token>) = std::mem::take(&mut instance.tokens)
        .into_iter()
        .partition(|t| listening(t.flow).is_some());
    instance.tokens = rest;
    for token in caught {
        if let Some(catch) = listening(token.flow) {
            let event = format!("caught signal {signal}");
            leave_by(instance, &catch, at.max(token.at), event);
        }
    }
    super::boundary::broadcast(instance, signal, at);
    super::event_sub::broadcast(instance, signal, at);
}
