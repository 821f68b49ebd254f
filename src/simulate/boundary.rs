//! Message and signal boundary events in the step engine. While its host runs (a task holds its
//! token, a sub-process runs its contents, a call runs its process) the trainer may deliver the
//! message or broadcast the signal: the action names the boundary event, and `took` says how
//! long after the host started it arrived (at once without it). Boundary timers of the host that
//! run out earlier fire first, by the rules in `events`. An interrupting boundary cancels the
//! host and the token leaves by the boundary's flow; a non-interrupting one adds a token there
//! and the host goes on, so it may catch again. A signal thrown inside the instance reaches the
//! signal boundaries of every running host the same way.

use chrono::{DateTime, Utc};

use super::engine::{advance, ready_tokens, wrap_up};
use super::events::{cancel, fire_due, host_timers_due, leave_by};
use super::instance::{Action, Instance};
use super::SimError;
use crate::describe::Names;
use crate::model::{Id, Node, NodeKind, Trigger};

/// When `host` began its current run, if it is running.
fn running_since(instance: &Instance, host: Id) -> Option<DateTime<Utc>> {
    let node = instance.definition.node(host)?;
    match &node.kind {
        NodeKind::SubProcess { .. } if instance.active.iter().any(|a| a.node == host) => instance
            .active
            .iter()
            .find(|a| a.node == host)
            .map(|a| a.since),
        NodeKind::Call { .. } if instance.calls.iter().any(|c| c.node == host) => instance
            .calls
            .iter()
            .find(|c| c.node == host)
            .map(|c| c.child.started_at),
        NodeKind::Task { .. } | NodeKind::SubProcess { .. } | NodeKind::Call { .. } => {
            ready_tokens(instance, node).and_then(|t| t.iter().map(|t| t.at).max())
        }
        _ => None,
    }
}

/// The message or signal `boundary` catches, by name.
fn caught(boundary: &Node) -> Option<(Id, &str, &'static str)> {
    match &boundary.kind {
        NodeKind::Boundary {
            host,
            trigger: Trigger::Message { message: name },
            ..
        } => Some((*host, name, "message")),
        NodeKind::Boundary {
            host,
            trigger: Trigger::Signal { signal: name },
            ..
        } => Some((*host, name, "signal")),
        _ => None,
    }
}

/// One action per message or signal boundary event whose host runs now, at the instant the
/// host started, with the node's position in the definition (for ordering).
pub(super) fn offered(instance: &Instance) -> Vec<(DateTime<Utc>, usize, Action)> {
    let process = &instance.definition;
    let mut actions = Vec::new();
    for (position, node) in process.nodes.iter().enumerate() {
        let Some((host, name, _)) = caught(node) else {
            continue;
        };
        // A sub-process that has not started yet holds its token like a task; it only runs once
        // entered.
        let entered_or_task = match process.node(host).map(|h| &h.kind) {
            Some(NodeKind::SubProcess { .. }) => instance.active.iter().any(|a| a.node == host),
            Some(NodeKind::Call { .. }) => instance.calls.iter().any(|c| c.node == host),
            _ => true,
        };
        if !entered_or_task {
            continue;
        }
        if let Some(since) = running_since(instance, host) {
            let mut action = Action::at(node.id);
            action.deliver = Some(name.to_string());
            actions.push((since, position, action));
        }
    }
    actions
}

/// Delivers the message or signal of `boundary` (already checked as offered) `action.took`
/// after its host started.
pub(super) fn deliver(
    mut next: Instance,
    boundary: &Node,
    action: &Action,
) -> Result<Instance, SimError> {
    let (host, name, what) = caught(boundary).ok_or(SimError::UnknownNode(boundary.id))?;
    let (name, what) = (name.to_string(), what);
    let since = running_since(&next, host).ok_or(SimError::UnknownNode(host))?;
    let at = advance(since, action.took.unwrap_or_default())?;
    next.step += 1;
    let fired = next
        .active
        .iter()
        .find(|a| a.node == host)
        .map(|a| a.fired.clone())
        .unwrap_or_default();
    let mut due = host_timers_due(&next.definition, host, since, &fired, at);
    if next.active.iter().all(|a| a.node != host) {
        // A task's non-interrupting timers fire when it completes (its step covers their time).
        due.retain(|d| d.interrupts());
    }
    due.sort_by_key(|d| d.deadline());
    if let Some(cancelled) = fire_due(&mut next, due) {
        // An interrupting timer came first: a task or call host stops with it too.
        withdraw(&mut next, host);
        return Ok(wrap_up(next, boundary.id, cancelled));
    }
    let interrupting = matches!(
        boundary.kind,
        NodeKind::Boundary {
            interrupting: true,
            ..
        }
    );
    catch(
        &mut next,
        boundary,
        host,
        interrupting,
        at,
        &format!("{what} {name}"),
    );
    Ok(wrap_up(next, boundary.id, at))
}

/// The boundary catches at `at`: the host is cancelled (interrupting) or goes on, and a token
/// leaves by the boundary's flow.
fn catch(
    instance: &mut Instance,
    boundary: &Node,
    host: Id,
    interrupting: bool,
    at: DateTime<Utc>,
    what: &str,
) {
    let host_name = Names::of(&instance.definition).phrase(host);
    let outcome = match interrupting {
        true => format!("{host_name} is cancelled"),
        false => format!("{host_name} goes on"),
    };
    if interrupting {
        withdraw(instance, host);
    }
    let event = format!("{what} arrived while {host_name} ran: {outcome}");
    leave_by(instance, boundary, at, event);
}

/// Stops `host`: its waiting token, its running process or its contents.
fn withdraw(instance: &mut Instance, host: Id) {
    let Some(node) = instance.definition.node(host).cloned() else {
        return;
    };
    if instance.active.iter().any(|a| a.node == host) {
        cancel(instance, host);
        return;
    }
    if let Some(at) = instance.calls.iter().position(|c| c.node == host) {
        instance.calls.remove(at);
        return;
    }
    for token in ready_tokens(instance, &node).unwrap_or_default() {
        if let Some(at) = instance.tokens.iter().position(|t| *t == token) {
            instance.tokens.remove(at);
        }
    }
}

/// A signal thrown inside the instance at `at` reaches the signal boundaries of every host
/// running then.
pub(super) fn broadcast(instance: &mut Instance, signal: &str, at: DateTime<Utc>) {
    let process = instance.definition.clone();
    for boundary in &process.nodes {
        let Some((host, name, _)) = caught(boundary) else {
            continue;
        };
        let is_signal = matches!(
            boundary.kind,
            NodeKind::Boundary {
                trigger: Trigger::Signal { .. },
                ..
            }
        );
        let runs = offered(instance)
            .iter()
            .any(|(_, _, a)| a.node == boundary.id);
        if !is_signal || name != signal || !runs {
            continue;
        }
        let interrupting = matches!(
            boundary.kind,
            NodeKind::Boundary {
                interrupting: true,
                ..
            }
        );
        let since = running_since(instance, host).unwrap_or(at);
        catch(
            instance,
            boundary,
            host,
            interrupting,
            at.max(since),
            &format!("signal {signal}"),
        );
    }
}
