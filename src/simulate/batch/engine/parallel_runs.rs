//! The runs of a parallel multi-instance sub-process over a list. The batch engine's tokens are
//! counts with nothing to carry an item on, so each run goes on in a slot of its own, like an
//! instance that is not counted as one: its own tokens and a copy of the instance's data with
//! its item bound, as the step engine's tokens carry it. The instance waits at the sub-process
//! until every run is done; what a run writes reaches the instance's data too. What passes
//! between a run and its instance (the runs starting, one ending, an error or escalation caught
//! outside the run) is a crossing, carried out after the event at hand at the same minute, so
//! no instance's tokens move while another's settle.

use serde_json::Value as Json;

use super::live::Parent;
use super::{BatchError, Behaviour, Engine, NodeEvent};
use crate::model::Repeat;
use crate::simulate::batch::bpmn::Thrown;
use crate::simulate::token_rules;

pub(super) enum Crossing {
    /// `parent` reached its sub-process: one run begins per item.
    Begin {
        parent: Parent,
        name: String,
        items: Vec<Json>,
    },
    /// A run of `parent`'s sub-process ended, stuck when tokens were left no node could take.
    Ended {
        parent: Parent,
        cost: f64,
        stuck: bool,
    },
    /// A run's node `node` threw what is caught outside the run.
    Thrown { parent: Parent, node: u32 },
}

impl Engine<'_> {
    /// A parallel multi-instance sub-process over a list, entered and watched, begins its runs,
    /// one per item; false for any other sub-process, which runs its contents in the
    /// instance's own tokens.
    pub(super) fn begin_runs(&mut self, instance: u32, node: u32, repeat: Option<&Repeat>) -> bool {
        let has_contents = self.net.scopes.iter().any(|s| s.node == node);
        let live = &mut self.live[instance as usize];
        let items = match repeat {
            Some(Repeat::Parallel(_)) if has_contents => token_rules::items(repeat, &live.data),
            _ => None,
        };
        let Some((name, items)) = items.filter(|(_, items)| !items.is_empty()) else {
            return false;
        };
        live.working += 1;
        live.parallel.push((node, items.len() as u32));
        let parent = Parent {
            instance,
            generation: live.generation,
            node,
        };
        self.crossings.push_back(Crossing::Begin {
            parent,
            name,
            items,
        });
        true
    }

    /// Carries out the crossings queued, and those they queue in turn.
    pub(super) fn carry_crossings(&mut self) -> Result<(), BatchError> {
        while let Some(crossing) = self.crossings.pop_front() {
            match crossing {
                Crossing::Begin {
                    parent,
                    name,
                    items,
                } => {
                    if !self.waits_for_runs(parent) {
                        continue;
                    }
                    for item in items {
                        let run = self.begin_run(parent, (&name, item))?;
                        self.settle(run)?;
                    }
                }
                Crossing::Ended {
                    parent,
                    cost,
                    stuck,
                } => self.run_done(parent, cost, stuck)?,
                Crossing::Thrown { parent, node } => {
                    let net = self.net;
                    let Behaviour::Event(NodeEvent::Throw(thrown)) =
                        &net.nodes[node as usize].behaviour
                    else {
                        continue;
                    };
                    // Once the sub-process is over (a throw before this one cancelled it), so
                    // is what its runs threw.
                    if !self.waits_for_runs(parent) {
                        continue;
                    }
                    // A run within a run passes it on until it is caught.
                    if self.catch_or_pass_on(parent.instance, node, thrown)? {
                        self.settle(parent.instance)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// A run's slot, emptied for whatever comes next.
    fn free_slot(&mut self, run: u32) {
        self.live[run as usize].reset();
        self.free.push(run);
    }

    /// Whether `parent` still waits for the runs of its sub-process.
    fn waits_for_runs(&self, parent: Parent) -> bool {
        let live = &self.live[parent.instance as usize];
        live.generation == parent.generation && live.parallel.iter().any(|(n, _)| *n == parent.node)
    }

    /// A slot for one run of `parent`'s sub-process with its item bound, its start events'
    /// tokens put down.
    fn begin_run(&mut self, parent: Parent, (name, item): (&str, Json)) -> Result<u32, BatchError> {
        let run = self.slot();
        let net = self.net;
        let (case, counted, mut data) = {
            let p = &self.live[parent.instance as usize];
            (p.case, p.counted, p.data.clone())
        };
        data.insert(name.to_string(), item);
        let live = &mut self.live[run as usize];
        live.reset();
        live.case = case;
        live.counted = counted;
        live.arrived = self.now;
        live.data = data;
        live.parent = Some(parent);
        live.runs[parent.node as usize] += 1;
        if let Some(count) = live.in_node.get_mut(parent.node as usize) {
            *count = 1;
        }
        if let Some(scope) = net.scopes.iter().position(|s| s.node == parent.node) {
            live.active.push((scope as u32, 0));
        }
        if let Behaviour::Event(NodeEvent::Enter(starts, _)) =
            &net.nodes[parent.node as usize].behaviour
        {
            for &start in starts {
                self.emit_all(run, start);
            }
        }
        // Its own event sub-processes; the sub-process's boundary events are the instance's.
        self.arm(run, Some(parent.node))?;
        Ok(run)
    }

    /// One run is done: the last one takes the instance on past its sub-process; a stuck one
    /// leaves the instance stuck.
    fn run_done(&mut self, parent: Parent, cost: f64, stuck: bool) -> Result<(), BatchError> {
        if !self.waits_for_runs(parent) {
            return Ok(());
        }
        let instance = parent.instance;
        self.live[instance as usize].cost += cost;
        if stuck {
            self.end_all(instance);
            self.finish(instance, true);
            return Ok(());
        }
        let live = &mut self.live[instance as usize];
        let Some(at) = live.parallel.iter().position(|(n, _)| *n == parent.node) else {
            return Ok(());
        };
        live.parallel[at].1 -= 1;
        if live.parallel[at].1 > 0 {
            return Ok(());
        }
        live.parallel.remove(at);
        live.working -= 1;
        if let Some(count) = live.in_node.get_mut(parent.node as usize) {
            *count = count.saturating_sub(1);
        }
        self.tally.events += 1;
        self.emit_all(instance, parent.node);
        self.settle(instance)
    }

    /// Instead of ending as an instance: a run reports to its instance and frees its slot.
    pub(super) fn run_ended(&mut self, run: u32, stuck: bool) -> bool {
        let live = &mut self.live[run as usize];
        let Some(parent) = live.parent else {
            return false;
        };
        let cost = live.cost;
        self.free_slot(run);
        self.crossings.push_back(Crossing::Ended {
            parent,
            cost,
            stuck,
        });
        true
    }

    /// The instance stops waiting for the runs of its sub-process `node` (cancelled): they end
    /// where they are, and so do their own runs.
    pub(super) fn end_runs(&mut self, instance: u32, node: u32) {
        let live = &mut self.live[instance as usize];
        let Some(at) = live.parallel.iter().position(|(n, _)| *n == node) else {
            return;
        };
        live.parallel.remove(at);
        live.working -= 1;
        let parent = Parent {
            instance,
            generation: live.generation,
            node,
        };
        for run in 0..self.live.len() as u32 {
            if self.live[run as usize].parent == Some(parent) {
                let inner: Vec<u32> = self.live[run as usize]
                    .parallel
                    .iter()
                    .map(|(n, _)| *n)
                    .collect();
                for node in inner {
                    self.end_runs(run, node);
                }
                self.free_slot(run);
            }
        }
    }

    /// The run's parent, when `thrown` is caught outside the run (by the sub-process's
    /// boundary or further out) or ends the whole instance; a run's own catchers are its own.
    pub(super) fn thrown_outside(&self, run: u32, thrown: &Thrown) -> Option<Parent> {
        let parent = self.live[run as usize].parent?;
        let outside = match thrown {
            Thrown::Caught { scope, .. } => {
                !self.within_run(parent, Some(*scope)) || *scope == parent.node
            }
            Thrown::Starts { scope, .. } => !self.within_run(parent, *scope),
            Thrown::EndAll => true,
            Thrown::Signal(_) | Thrown::Link(_) | Thrown::Nothing => false,
        };
        outside.then_some(parent)
    }

    /// Whether `scope` (none: the process level) is the run's sub-process or inside it.
    fn within_run(&self, parent: Parent, scope: Option<u32>) -> bool {
        let Some(scope) = scope else {
            return false;
        };
        scope == parent.node
            || self
                .net
                .scopes
                .iter()
                .any(|s| s.node == parent.node && s.nodes.contains(&scope))
    }

    /// Whether an event sub-process of `scope` belongs to this slot: every one for an
    /// instance, only those within its sub-process for a run.
    pub(super) fn owns_scope(&self, instance: u32, scope: Option<u32>) -> bool {
        self.live[instance as usize]
            .parent
            .is_none_or(|parent| self.within_run(parent, scope))
    }

    /// Sets a variable; a run's value reaches its instance's data too.
    pub(super) fn set_data(&mut self, instance: u32, name: String, value: Json) {
        let mut at = Some(instance);
        while let Some(slot) = at {
            let live = &mut self.live[slot as usize];
            live.data.insert(name.clone(), value.clone());
            let parent = live.parent;
            at = parent
                .filter(|p| self.live[p.instance as usize].generation == p.generation)
                .map(|p| p.instance);
        }
    }
}
