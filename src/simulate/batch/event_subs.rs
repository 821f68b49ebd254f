//! Event sub-processes compiled for the batch run (the rules are the step engine's, see
//! `simulate::event_sub`): where each sits and what starts it. A timer runs from when its scope
//! began; a message (or a signal nobody in the instance throws) arrives after the time
//! `Simulation::messages` gives for its name and never without one; a thrown signal starts it
//! when thrown; a condition when it holds as its scope begins or after a task sets data. Errors
//! and escalations reach them through `bpmn::Thrown::Starts`.

use std::collections::BTreeMap;

use super::bpmn::When;
use super::quantity::Sampler;
use super::BatchError;
use crate::expr::{self, Condition, ExprError};
use crate::model::{Id, Node, NodeKind, Process, SubProcessKind, Trigger};

/// One event sub-process that starts by itself in the batch run.
pub(super) struct EventSub {
    /// The event sub-process node (its behaviour enters its contents).
    pub(super) node: u32,
    /// The sub-process it sits in; none at the process level.
    pub(super) scope: Option<u32>,
    pub(super) starts: Starts,
    pub(super) interrupting: bool,
}

pub(super) enum Starts {
    /// A timer, a message's arrival or a thrown signal, as for a boundary event.
    On(When),
    Condition(Result<Condition, ExprError>),
}

/// Whether `node` is an event sub-process.
pub(super) fn is_event_sub(node: &Node) -> bool {
    matches!(
        node.kind,
        NodeKind::SubProcess {
            sub: SubProcessKind::Event,
            ..
        }
    )
}

/// The start event's trigger of event sub-process `sub` and whether it interrupts (an error
/// always does).
pub(super) fn start_trigger(process: &Process, sub: Id) -> Option<(Trigger, bool)> {
    process.children(Some(sub)).find_map(|n| match &n.kind {
        NodeKind::Start {
            trigger,
            interrupting,
        } if !trigger.is_none() => Some((
            trigger.clone(),
            *interrupting || matches!(trigger, Trigger::Error { .. }),
        )),
        _ => None,
    })
}

/// Every event sub-process that starts by itself (not on an error or escalation).
pub(super) fn compile(
    process: &Process,
    index_of: &BTreeMap<Id, u32>,
    thrown_here: impl Fn(&str) -> bool,
) -> Result<Vec<EventSub>, BatchError> {
    let index = |id: Id| index_of.get(&id).copied();
    let mut subs = Vec::new();
    for node in process.nodes.iter().filter(|n| is_event_sub(n)) {
        let Some((trigger, interrupting)) = start_trigger(process, node.id) else {
            continue;
        };
        let starts = match trigger {
            Trigger::Timer { timer } => Starts::On(When::Timer(timer)),
            Trigger::Signal { signal } if thrown_here(&signal) => Starts::On(When::Signal(signal)),
            Trigger::Message { message: name } | Trigger::Signal { signal: name } => {
                match process.info.simulation.messages.get(&name) {
                    Some(d) => Starts::On(When::Arrival(Sampler::new(
                        d,
                        &format!("the arrival of \"{name}\""),
                        true,
                    )?)),
                    None => continue,
                }
            }
            Trigger::Conditional { condition } => Starts::Condition(expr::parse(&condition)),
            _ => continue,
        };
        let Some(at) = index(node.id) else {
            continue;
        };
        subs.push(EventSub {
            node: at,
            scope: node.parent.and_then(index),
            starts,
            interrupting,
        });
    }
    Ok(subs)
}
