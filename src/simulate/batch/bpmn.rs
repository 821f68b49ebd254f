//! The BPMN events and sub-processes compiled for the batch run: what each event waits for or
//! throws, where an error or escalation is caught, which boundary timers watch an activity and
//! which nodes and flows lie inside each sub-process. The rules are the step engine's (see
//! `simulate::events`); a message or a signal nobody in the instance throws arrives after the
//! time `Simulation::messages` gives for its name, at once without one (on a boundary event:
//! never without one, so the host goes its own way).

use std::collections::BTreeMap;

use super::event_subs::{is_event_sub, start_trigger};
use super::quantity::Sampler;
use super::BatchError;
use crate::expr::{self, Condition, ExprError};
use crate::model::{Id, Node, NodeKind, Process, Repeat, TaskType, Timer, Trigger};
use crate::simulate::events::within;
use crate::simulate::token_rules::catches;

/// What an event node does in the batch run.
pub(super) enum Event {
    /// Waits for a message (or a signal nobody in the instance throws): minutes drawn from the
    /// sampler, none at all without one.
    Await(Option<Sampler>),
    /// Waits for a signal a node of the instance throws.
    Listen(String),
    /// Waits until the condition holds on the instance data.
    Check(Result<Condition, ExprError>),
    /// A sub-process: its contents start at these inner start events, once or once per
    /// instance of a multi-instance sub-process.
    Enter(Vec<u32>, Option<Repeat>),
    /// An event-based gateway: each following event and when it happens.
    Race(Vec<(u32, Racer)>),
    Throw(Thrown),
}

pub(super) enum Racer {
    /// Runs out after a fixed duration, or on the calendar (a date, a cycle's first firing)
    /// counted from when the token arrives.
    Timer(Timer),
    Await(Option<Sampler>),
    Check(Result<Condition, ExprError>),
    /// A signal thrown in the instance; it loses the race (the step engine's trainer may still
    /// deliver it by hand).
    Never,
}

pub(super) enum Thrown {
    /// The boundary `boundary` of sub-process `scope` catches it; `cancels` the sub-process.
    Caught {
        boundary: u32,
        scope: u32,
        cancels: bool,
    },
    /// Event sub-process `sub` in `scope` (none: the process level) starts on it; `cancels`
    /// everything else in the scope.
    Starts {
        sub: u32,
        scope: Option<u32>,
        cancels: bool,
    },
    /// An error nobody catches, or a terminate end: the instance ends at once.
    EndAll,
    Signal(String),
    Link(u32),
    /// An escalation nobody catches, a message sent: nothing else happens.
    Nothing,
}

/// A boundary event on an activity that fires by itself in the batch run.
pub(super) struct Watch {
    pub(super) boundary: u32,
    pub(super) when: When,
    pub(super) interrupting: bool,
}

/// When a boundary event fires while its host runs.
pub(super) enum When {
    /// On the calendar (`simulate::schedule`): once, or each time a cycle comes round.
    Timer(Timer),
    /// A message (or a signal nobody in the instance throws) arrives after minutes drawn from
    /// `Simulation::messages`; without a distribution it never comes, and the host goes its way.
    Arrival(Sampler),
    /// When a node of the instance throws the signal.
    Signal(String),
}

/// The nodes and flows inside a sub-process, at any depth.
pub(super) struct Scope {
    pub(super) node: u32,
    pub(super) nodes: Vec<u32>,
    pub(super) flows: Vec<u32>,
}

pub(super) struct Compiler<'p> {
    process: &'p Process,
    index_of: &'p BTreeMap<Id, u32>,
}

impl<'p> Compiler<'p> {
    pub(super) fn new(process: &'p Process, index_of: &'p BTreeMap<Id, u32>) -> Compiler<'p> {
        Compiler { process, index_of }
    }

    fn index(&self, id: Id) -> u32 {
        self.index_of.get(&id).copied().unwrap_or_default()
    }

    /// The event behaviour of `node`, or None when it is a plain task, gateway, start or end.
    pub(super) fn event(&self, node: &Node) -> Result<Option<Event>, BatchError> {
        Ok(Some(match &node.kind {
            NodeKind::Catch { trigger } => match self.racer(trigger)? {
                Racer::Timer(_) => return Ok(None),
                Racer::Await(sampler) => Event::Await(sampler),
                Racer::Check(condition) => Event::Check(condition),
                Racer::Never => match trigger {
                    Trigger::Signal { signal } => Event::Listen(signal.clone()),
                    _ => return Ok(None),
                },
            },
            NodeKind::Task { task, message, .. }
                if *task == TaskType::Receive && !message.is_empty() =>
            {
                Event::Await(self.arrival(message)?)
            }
            NodeKind::SubProcess { repeat, .. } => {
                let starts: Vec<u32> = self
                    .process
                    .children(Some(node.id))
                    .filter(|n| matches!(n.kind, NodeKind::Start { .. }))
                    .map(|n| self.index(n.id))
                    .collect();
                match starts.is_empty() {
                    true => return Ok(None),
                    false => Event::Enter(starts, repeat.clone()),
                }
            }
            NodeKind::Gateway {
                gateway: crate::model::GatewayKind::EventBased,
                ..
            } => {
                let mut racers = Vec::new();
                for flow in self.process.flows.iter().filter(|f| f.source == node.id) {
                    let Some(target) = self.process.node(flow.target) else {
                        continue;
                    };
                    let racer = match &target.kind {
                        NodeKind::Catch { trigger } => self.racer(trigger)?,
                        NodeKind::Task { message, .. } => Racer::Await(self.arrival(message)?),
                        _ => Racer::Await(None),
                    };
                    racers.push((self.index(target.id), racer));
                }
                Event::Race(racers)
            }
            NodeKind::Throw { trigger } | NodeKind::End { trigger, .. } => {
                if trigger.is_none() {
                    return Ok(None);
                }
                Event::Throw(self.thrown(node, trigger))
            }
            _ => return Ok(None),
        }))
    }

    fn racer(&self, trigger: &Trigger) -> Result<Racer, BatchError> {
        Ok(match trigger {
            Trigger::Timer { timer } => Racer::Timer(timer.clone()),
            Trigger::Message { message } => Racer::Await(self.arrival(message)?),
            Trigger::Signal { signal } if self.thrown_here(signal) => Racer::Never,
            Trigger::Signal { signal } => Racer::Await(self.arrival(signal)?),
            Trigger::Conditional { condition } => Racer::Check(expr::parse(condition)),
            _ => Racer::Await(None),
        })
    }

    fn arrival(&self, name: &str) -> Result<Option<Sampler>, BatchError> {
        self.process
            .info
            .simulation
            .messages
            .get(name)
            .map(|d| Sampler::new(d, &format!("the arrival of \"{name}\""), true))
            .transpose()
    }

    /// Whether a node of the process throws `signal`.
    fn thrown_here(&self, signal: &str) -> bool {
        self.process.nodes.iter().any(|n| {
            matches!(&n.kind, NodeKind::Throw { trigger: Trigger::Signal { signal: s } }
                | NodeKind::End { trigger: Trigger::Signal { signal: s }, .. } if s == signal)
        })
    }

    fn thrown(&self, node: &Node, trigger: &Trigger) -> Thrown {
        match trigger {
            Trigger::Error { .. } | Trigger::Escalation { .. } => {
                let mut scope = node.parent;
                loop {
                    if let Some(sub) = self.event_sub_catching(scope, node.id, trigger) {
                        return sub;
                    }
                    let Some(sub) = scope else {
                        break;
                    };
                    let catcher = self.process.boundaries(sub).find_map(|b| match &b.kind {
                        NodeKind::Boundary {
                            trigger: caught,
                            interrupting,
                            ..
                        } if catches(caught, trigger) => Some((b.id, *interrupting)),
                        _ => None,
                    });
                    if let Some((boundary, interrupting)) = catcher {
                        return Thrown::Caught {
                            boundary: self.index(boundary),
                            scope: self.index(sub),
                            cancels: interrupting || matches!(trigger, Trigger::Error { .. }),
                        };
                    }
                    scope = self.process.node(sub).and_then(|n| n.parent);
                }
                match trigger {
                    Trigger::Error { .. } => Thrown::EndAll,
                    _ => Thrown::Nothing,
                }
            }
            Trigger::Terminate => Thrown::EndAll,
            Trigger::Signal { signal } => Thrown::Signal(signal.clone()),
            Trigger::Link { link } if matches!(node.kind, NodeKind::Throw { .. }) => {
                let is_catch = |n: &&Node| matches!(&n.kind, NodeKind::Catch { trigger: Trigger::Link { link: l } } if l == link);
                let target = self
                    .process
                    .children(node.parent)
                    .find(is_catch)
                    .or_else(|| self.process.nodes.iter().find(is_catch));
                match target {
                    Some(target) => Thrown::Link(self.index(target.id)),
                    None => Thrown::Nothing,
                }
            }
            _ => Thrown::Nothing,
        }
    }

    /// The event sub-process directly in `scope` (none: the process level) that starts on the
    /// error or escalation `thrower` throws, if one does: never one the thrower is inside.
    fn event_sub_catching(
        &self,
        scope: Option<Id>,
        thrower: Id,
        thrown: &Trigger,
    ) -> Option<Thrown> {
        let process = self.process;
        process.children(scope).find_map(|sub| {
            if !is_event_sub(sub) || within(process, thrower, sub.id) {
                return None;
            }
            let (trigger, interrupting) = start_trigger(process, sub.id)?;
            catches(&trigger, thrown).then(|| Thrown::Starts {
                sub: self.index(sub.id),
                scope: scope.map(|s| self.index(s)),
                cancels: interrupting,
            })
        })
    }

    /// Whether a node of the process throws `signal`.
    pub(super) fn throws_signal(&self, signal: &str) -> bool {
        self.thrown_here(signal)
    }

    /// The boundary events on activity `host` that fire by themselves: timers, messages and
    /// signals (errors and escalations are thrown by a node).
    pub(super) fn watches(&self, host: Id) -> Result<Vec<Watch>, BatchError> {
        let mut watches = Vec::new();
        for b in self.process.boundaries(host) {
            let NodeKind::Boundary {
                trigger,
                interrupting,
                ..
            } = &b.kind
            else {
                continue;
            };
            let when = match trigger {
                Trigger::Timer { timer } => When::Timer(timer.clone()),
                Trigger::Signal { signal } if self.thrown_here(signal) => {
                    When::Signal(signal.clone())
                }
                Trigger::Message { message: name } | Trigger::Signal { signal: name } => {
                    match self.arrival(name)? {
                        Some(sampler) => When::Arrival(sampler),
                        None => continue,
                    }
                }
                _ => continue,
            };
            watches.push(Watch {
                boundary: self.index(b.id),
                when,
                interrupting: *interrupting,
            });
        }
        Ok(watches)
    }

    /// Every sub-process with contents, with what lies inside it.
    pub(super) fn scopes(&self, flows: &[(u32, u32)]) -> Vec<Scope> {
        let process = self.process;
        process
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::SubProcess { .. }))
            .filter(|n| process.children(Some(n.id)).next().is_some())
            .map(|sub| {
                let nodes: Vec<u32> = process
                    .nodes
                    .iter()
                    .filter(|n| crate::simulate::events::within(process, n.id, sub.id))
                    .map(|n| self.index(n.id))
                    .collect();
                let flows = (0..flows.len() as u32)
                    .filter(|f| nodes.contains(&flows[*f as usize].0))
                    .collect();
                Scope {
                    node: self.index(sub.id),
                    nodes,
                    flows,
                }
            })
            .collect()
    }
}

/// How a task repeats in the batch run: the step engine's count (`token_rules::instances`) and
/// a loop condition parsed once.
pub(super) enum Repetition {
    Instances(Repeat),
    Loop(Result<Condition, ExprError>),
}

pub(super) fn repetition(repeat: Option<&Repeat>) -> Option<Repetition> {
    match repeat? {
        Repeat::Loop { condition } => Some(Repetition::Loop(expr::parse(
            condition.as_deref().unwrap_or("false"),
        ))),
        other => Some(Repetition::Instances(other.clone())),
    }
}
