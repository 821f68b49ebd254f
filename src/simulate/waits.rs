//! What an event waits for and when it happens: the message or signal it is delivered, when
//! its timer lets go, which event wins the race after an event-based gateway, whether its
//! condition holds.

use chrono::{DateTime, Utc};

use super::engine::{advance, all_out, wrap_up};
use super::instance::{Action, Instance, Token};
use super::log_words::{log_entry, took_event};
use super::reach::outgoing;
use super::schedule::firings;
use super::SimError;
use crate::describe::Names;
use crate::expr;
use crate::model::{Duration, Id, Node, NodeKind, Process, Trigger};

/// The message or signal a node waits for, offered as "deliver" in its action.
pub(super) fn awaited(kind: &NodeKind) -> Option<String> {
    match kind {
        NodeKind::Catch {
            trigger: Trigger::Message { message: name } | Trigger::Signal { signal: name },
        } => Some(name.clone()),
        NodeKind::Task { message, task, .. }
            if *task == crate::model::TaskType::Receive && !message.is_empty() =>
        {
            Some(message.clone())
        }
        _ => None,
    }
}

/// When a timer event that took a token at `since` lets it go, and the wait in words: a fixed
/// duration after it, else the first firing of a date or a cycle (or of a duration counted in
/// months); none for an event that waits for something else.
pub(super) fn timer_ends(
    trigger: &Trigger,
    since: DateTime<Utc>,
) -> Result<Option<(DateTime<Utc>, String)>, SimError> {
    if let Some(wait) = trigger.wait() {
        return Ok(Some((advance(since, wait)?, wait.to_string())));
    }
    let Trigger::Timer { timer } = trigger else {
        return Ok(None);
    };
    Ok(firings(timer, since)
        .first()
        .map(|at| (*at, timer.describe())))
}

/// When the timer of `event` (if it is one) lets a token that arrived at `arrived` go.
fn event_timer_ends(
    event: &Node,
    arrived: DateTime<Utc>,
) -> Result<Option<(DateTime<Utc>, String)>, SimError> {
    match event.kind.trigger() {
        Some(trigger) => timer_ends(trigger, arrived),
        None => Ok(None),
    }
}

/// When the event after an event-based gateway happens for a token that arrived at `arrived`:
/// a timer when it runs out, anything else after `took` (at once without it).
pub(super) fn happens_at(
    event: &Node,
    arrived: DateTime<Utc>,
    took: Option<Duration>,
) -> Result<DateTime<Utc>, SimError> {
    match event_timer_ends(event, arrived)? {
        Some((at, _)) => Ok(at),
        None => advance(arrived, took.unwrap_or_default()),
    }
}

/// The event-based gateway's race: the event the user chose happens at `chosen_at`, unless a
/// timer among the other ways runs out earlier; the first to happen wins.
pub(super) fn race(
    process: &Process,
    gateway: Id,
    chosen: Id,
    chosen_at: DateTime<Utc>,
    arrived: DateTime<Utc>,
) -> Result<(Id, DateTime<Utc>, String), SimError> {
    let mut winner = (chosen, chosen_at, String::new());
    for flow in outgoing(process, gateway) {
        let Some(event) = process.node(flow.target) else {
            continue;
        };
        let Some((at, wait)) = event_timer_ends(event, arrived)? else {
            continue;
        };
        if at < winner.1 {
            let reason = format!("timer {wait} ran out first");
            winner = (flow.id, at, reason);
        }
    }
    Ok(winner)
}

/// An event-based gateway: the token goes on at the event the user chose, unless a timer
/// among the others runs out first (`race`); the other events are withdrawn.
pub(super) fn event_gateway(
    mut next: Instance,
    gateway: &Node,
    action: &Action,
    arrived: DateTime<Utc>,
) -> Result<Instance, SimError> {
    let process = &next.definition;
    let chosen = match action.take.as_slice() {
        [one] => outgoing(process, gateway.id)
            .into_iter()
            .find(|o| o.id == *one),
        _ => None,
    };
    let chosen = chosen.ok_or_else(|| SimError::NotAWayOut {
        gateway: Names::of(process).text(gateway.id),
    })?;
    let event = process
        .node(chosen.target)
        .ok_or(SimError::UnknownNode(chosen.target))?;
    let chosen_at = happens_at(event, arrived, action.took)?;
    let (flow, at, reason) = race(process, gateway.id, chosen.id, chosen_at, arrived)?;
    let winner = process
        .flow(flow)
        .and_then(|f| process.node(f.target))
        .cloned()
        .ok_or(SimError::UnknownNode(flow))?;
    let took = took_event(process, &[flow]);
    let entry = log_entry(&next, gateway, at, took, reason);
    next.log.push(entry);
    let happened = match winner.kind.trigger().and_then(Trigger::wait) {
        Some(wait) => format!("waited {wait}"),
        None => match awaited(&winner.kind) {
            Some(name) => format!("received {name}"),
            None => "happened".to_string(),
        },
    };
    let entry = log_entry(&next, &winner, at, happened, String::new());
    next.log.push(entry);
    for flow in all_out(&next, winner.id) {
        next.tokens.push(Token::at(flow, at));
    }
    Ok(wrap_up(next, winner.id, at))
}

/// A conditional catch event waits until its condition holds on the instance data.
pub(super) fn condition_holds(instance: &Instance, node: &Node) -> bool {
    let NodeKind::Catch {
        trigger: crate::model::Trigger::Conditional { condition },
    } = &node.kind
    else {
        return true;
    };
    let vars = &instance.definition.info.variables;
    expr::parse(condition)
        .and_then(|c| expr::evaluate(&c, &instance.data, vars))
        .unwrap_or(false)
}
