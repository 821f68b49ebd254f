//! The batch engine's side of BPMN events and sub-processes (the rules are the step engine's,
//! see `simulate::events`): boundary timers scheduled when their host begins, work a boundary
//! cancels dropped when it would complete, sub-process contents and their completion, errors,
//! terminate, links, signals, event-based races, multi-instance and loop tasks.

use serde_json::{Map, Value as Json};

use super::{BatchError, Behaviour, Crossing, Engine, NodeEvent, Repetition, What};
use crate::expr;
use crate::model::Repeat;
use crate::simulate::batch::bpmn::{Racer, Thrown, When};
use crate::simulate::schedule::firings;
use crate::simulate::token_rules::{self, Emit};

impl Engine<'_> {
    /// A person of `node`'s role is free again and takes the next task waiting, if any; tasks
    /// of a cancelled activity or of an instance gone are dropped from the queue.
    pub(super) fn release(&mut self, node: u32, person: u32) -> Result<(), BatchError> {
        let Behaviour::Work(w) = &self.net.nodes[node as usize].behaviour else {
            return Ok(());
        };
        let role = w.role as usize;
        self.busy[role] -= 1;
        self.idle[role].0.push(person);
        while let Some(next) = self.queues[role].pop_front() {
            let after = self.queues[role].len();
            self.tally.queue_changed(role, self.now, after + 1, after);
            if self.current(next.instance, next.generation, next.node) {
                return self.start_work(next);
            }
        }
        Ok(())
    }

    /// Whether an event of `instance` at `node` still counts: false for one of an instance that
    /// has ended since, or for work a boundary event cancelled (which it then forgets).
    pub(super) fn current(&mut self, instance: u32, generation: u32, node: u32) -> bool {
        let live = &mut self.live[instance as usize];
        if live.generation != generation {
            return false;
        }
        match live.cancelled[node as usize] {
            0 => true,
            _ => {
                live.cancelled[node as usize] -= 1;
                false
            }
        }
    }

    /// Starts the boundary events of activity `node` for this run of it: each timer's first
    /// firing and each message's arrival.
    pub(super) fn watch(&mut self, instance: u32, node: u32) {
        let live = &mut self.live[instance as usize];
        live.runs[node as usize] += 1;
        let (generation, run) = (live.generation, live.runs[node as usize]);
        for watch in &self.net.nodes[node as usize].watches {
            let at = match &watch.when {
                When::Timer(timer) => self.firing(timer, self.now, 0),
                When::Arrival(sampler) => Some(self.now + sampler.sample(&mut self.rng)),
                When::Signal(_) => None,
            };
            let Some(at) = at else {
                continue;
            };
            let what = What::Watch {
                instance,
                generation,
                boundary: watch.boundary,
                host: node,
                run,
                nth: 0,
                since: self.now,
            };
            self.schedule(at, what);
        }
    }

    /// When the `nth` firing of `timer`, started at minute `since`, comes (in minutes of the run).
    pub(super) fn firing(
        &self,
        timer: &crate::model::Timer,
        since: f64,
        nth: usize,
    ) -> Option<f64> {
        let origin = self.start + chrono::Duration::milliseconds((since * 60_000.0) as i64);
        let at = *firings(timer, origin).get(nth)?;
        Some(since + (at - origin).num_milliseconds() as f64 / 60_000.0)
    }

    /// The minutes from now until `timer`, started now, first fires (none for an expression
    /// that does not read, which validation reports).
    pub(super) fn until(&self, timer: &crate::model::Timer) -> f64 {
        self.firing(timer, self.now, 0)
            .map_or(0.0, |at| (at - self.now).max(0.0))
    }

    /// Schedules the firing after the `nth` of a cycle timer started at minute `since`, if it
    /// has one, as what `next` makes of its number.
    pub(super) fn rearm(
        &mut self,
        timer: &crate::model::Timer,
        since: f64,
        nth: u32,
        next: impl FnOnce(u32) -> What,
    ) {
        if let Some(at) = self.firing(timer, since, nth as usize + 1) {
            self.schedule(at, next(nth + 1));
        }
    }

    /// A boundary event fired: if its host's run still goes on, a token leaves by the boundary
    /// and an interrupting one cancels the host; a cycle comes round again.
    pub(super) fn ran_out(&mut self, what: What) -> Result<(), BatchError> {
        let What::Watch {
            instance,
            generation,
            boundary,
            host,
            run,
            nth,
            since,
        } = what
        else {
            return Ok(());
        };
        let live = &self.live[instance as usize];
        let going = live.generation == generation
            && live.runs[host as usize] == run
            && live.in_node.get(host as usize).is_some_and(|c| *c > 0);
        if !going {
            return Ok(());
        }
        let net = self.net;
        let Some(watch) = net.nodes[host as usize]
            .watches
            .iter()
            .find(|w| w.boundary == boundary)
        else {
            return Ok(());
        };
        if watch.interrupting {
            self.cancel(instance, host);
        } else if let When::Timer(timer) = &watch.when {
            self.rearm(timer, since, nth, |nth| What::Watch {
                instance,
                generation,
                boundary,
                host,
                run,
                nth,
                since,
            });
        }
        self.tally.events += 1;
        self.emit_all(instance, boundary);
        self.settle(instance)
    }

    /// A signal thrown in the instance reaches the signal boundaries of the activities running.
    fn signal_boundaries(&mut self, instance: u32, signal: &str) {
        let net = self.net;
        for (host, n) in net.nodes.iter().enumerate() {
            for watch in &n.watches {
                let When::Signal(s) = &watch.when else {
                    continue;
                };
                let live = &self.live[instance as usize];
                let runs = live.in_node.get(host).is_some_and(|c| *c > 0);
                if s != signal || !runs {
                    continue;
                }
                if watch.interrupting {
                    self.cancel(instance, host as u32);
                }
                self.tally.events += 1;
                self.emit_all(instance, watch.boundary);
            }
        }
    }

    /// Whether an event node can take its token now (a signal waits for its throw, a condition
    /// until it holds, a race until one of its events can happen).
    pub(super) fn can_happen(&self, instance: u32, event: &NodeEvent) -> bool {
        let data = &self.live[instance as usize].data;
        let holds = |condition: &Result<expr::Condition, expr::ExprError>| {
            condition
                .as_ref()
                .is_ok_and(|c| expr::evaluate(c, data, &self.net.variables) == Ok(true))
        };
        match event {
            NodeEvent::Listen(_) => false,
            NodeEvent::Check(condition) => holds(condition),
            NodeEvent::Race(racers) => racers.iter().any(|(_, racer)| match racer {
                Racer::Never => false,
                Racer::Check(condition) => holds(condition),
                _ => true,
            }),
            _ => true,
        }
    }

    pub(super) fn event(
        &mut self,
        instance: u32,
        node: u32,
        event: &NodeEvent,
    ) -> Result<(), BatchError> {
        match event {
            NodeEvent::Await(sampler) => {
                let minutes = sampler.as_ref().map_or(0.0, |s| s.sample(&mut self.rng));
                self.watch(instance, node);
                self.wait(instance, node, minutes);
            }
            NodeEvent::Listen(_) | NodeEvent::Check(_) => self.emit_all(instance, node),
            NodeEvent::Enter(starts, repeat) => {
                let refuse = |why: String| BatchError::Repeat {
                    node: self.net.nodes[node as usize].name.clone(),
                    why,
                };
                let live = &mut self.live[instance as usize];
                let (side_by_side, again) =
                    token_rules::runs(repeat.as_ref(), &live.data).map_err(refuse)?;
                bind_item(&mut live.data, repeat.as_ref(), again + 1);
                if side_by_side == 0 {
                    self.emit_all(instance, node);
                    return Ok(());
                }
                if let Some(count) = live.in_node.get_mut(node as usize) {
                    *count += 1;
                }
                self.watch(instance, node);
                if self.begin_runs(instance, node, repeat.as_ref()) {
                    return Ok(());
                }
                if let Some(scope) = self.net.scopes.iter().position(|s| s.node == node) {
                    self.live[instance as usize]
                        .active
                        .push((scope as u32, again));
                }
                self.arm(instance, Some(node))?;
                for _ in 0..side_by_side {
                    for &start in starts {
                        self.emit_all(instance, start);
                    }
                }
            }
            NodeEvent::Race(racers) => {
                let data = &self.live[instance as usize].data;
                let mut winner: Option<(u32, f64)> = None;
                for (target, racer) in racers {
                    let at = match racer {
                        Racer::Timer(timer) => self.until(timer),
                        Racer::Await(sampler) => {
                            sampler.as_ref().map_or(0.0, |s| s.sample(&mut self.rng))
                        }
                        Racer::Check(Ok(c))
                            if expr::evaluate(c, data, &self.net.variables) == Ok(true) =>
                        {
                            0.0
                        }
                        _ => continue,
                    };
                    if winner.is_none_or(|(_, best)| at < best) {
                        winner = Some((*target, at));
                    }
                }
                match winner {
                    Some((target, _))
                        if matches!(
                            self.net.nodes[target as usize].behaviour,
                            Behaviour::Work(_)
                        ) =>
                    {
                        self.watch(instance, target);
                        self.work(instance, target)?;
                    }
                    Some((target, minutes)) => self.wait(instance, target, minutes),
                    None => {}
                }
            }
            NodeEvent::Throw(thrown) => self.throw(instance, node, thrown)?,
        }
        Ok(())
    }

    /// The thrower's token goes on unless what it threw cancels it or jumps; then the throw
    /// is caught here, or by the instance when a parallel run threw it past its sub-process.
    fn throw(&mut self, instance: u32, node: u32, thrown: &Thrown) -> Result<(), BatchError> {
        let goes_on = token_rules::emits(&self.net.nodes[node as usize].kind) == Emit::EveryOut;
        let carries_on = match thrown {
            Thrown::Caught { cancels, .. } | Thrown::Starts { cancels, .. } => !*cancels,
            Thrown::EndAll | Thrown::Link(_) => false,
            Thrown::Signal(_) | Thrown::Nothing => true,
        };
        if goes_on && carries_on {
            self.emit_all(instance, node);
        }
        self.catch_or_pass_on(instance, node, thrown)?;
        Ok(())
    }

    /// Catches what `node` threw in `instance`, or passes it on to the instance (or outer run)
    /// when a parallel run threw it past its sub-process; true when caught here.
    pub(super) fn catch_or_pass_on(
        &mut self,
        instance: u32,
        node: u32,
        thrown: &Thrown,
    ) -> Result<bool, BatchError> {
        if let Some(parent) = self.thrown_outside(instance, thrown) {
            self.crossings.push_back(Crossing::Thrown { parent, node });
            return Ok(false);
        }
        self.catch(instance, thrown)?;
        Ok(true)
    }

    /// What a throw does where it is caught.
    fn catch(&mut self, instance: u32, thrown: &Thrown) -> Result<(), BatchError> {
        match thrown {
            Thrown::Starts {
                sub,
                scope,
                cancels,
            } => self.begin_event_sub(instance, *sub, *scope, *cancels)?,
            Thrown::Caught {
                boundary,
                scope,
                cancels,
            } => {
                if *cancels {
                    self.cancel(instance, *scope);
                }
                self.emit_all(instance, *boundary);
            }
            Thrown::EndAll => self.end_all(instance),
            Thrown::Link(target) => self.emit_all(instance, *target),
            Thrown::Signal(signal) => {
                self.deliver(instance, signal);
                self.signal_event_subs(instance, signal)?;
            }
            Thrown::Nothing => {}
        }
        Ok(())
    }

    /// An error nobody catches or a terminate end: everything in the instance stops.
    pub(super) fn end_all(&mut self, instance: u32) {
        let live = &mut self.live[instance as usize];
        live.marking.iter_mut().for_each(|m| *m = 0);
        live.tokens = 0;
        for n in 0..self.net.nodes.len() as u32 {
            self.cancel_work(instance, n);
        }
        self.live[instance as usize].active.clear();
    }

    /// Every token waiting at a catch event of `signal` goes on.
    fn deliver(&mut self, instance: u32, signal: &str) {
        let net = self.net;
        for (index, n) in net.nodes.iter().enumerate() {
            if !matches!(&n.behaviour, Behaviour::Event(NodeEvent::Listen(s)) if s == signal) {
                continue;
            }
            for &flow in &n.inputs {
                while self.live[instance as usize].marking[flow as usize] > 0 {
                    let live = &mut self.live[instance as usize];
                    live.marking[flow as usize] -= 1;
                    live.tokens -= 1;
                    self.emit_all(instance, index as u32);
                }
            }
        }
        self.signal_boundaries(instance, signal);
    }

    /// Cancels activity `host`: its work, and everything inside it when it is a sub-process.
    fn cancel(&mut self, instance: u32, host: u32) {
        let net = self.net;
        self.cancel_work(instance, host);
        let Some(index) = net.scopes.iter().position(|s| s.node == host) else {
            return;
        };
        let scope = &net.scopes[index];
        let live = &mut self.live[instance as usize];
        for &flow in &scope.flows {
            live.tokens -= live.marking[flow as usize];
            live.marking[flow as usize] = 0;
        }
        live.active.retain(|(a, _)| {
            *a != index as u32 && !scope.nodes.contains(&net.scopes[*a as usize].node)
        });
        for &inner in &scope.nodes {
            self.cancel_work(instance, inner);
        }
    }

    /// Forgets the work under way at `node`; its completions are dropped when they come.
    pub(super) fn cancel_work(&mut self, instance: u32, node: u32) {
        let live = &mut self.live[instance as usize];
        let Some(count) = live.in_node.get_mut(node as usize) else {
            return;
        };
        let under_way = std::mem::take(count);
        let is_scope = matches!(
            self.net.nodes[node as usize].behaviour,
            Behaviour::Event(NodeEvent::Enter(..))
        );
        if is_scope {
            self.end_runs(instance, node);
        }
        let live = &mut self.live[instance as usize];
        if under_way > 0 && !is_scope {
            live.cancelled[node as usize] += under_way;
            live.working -= under_way;
        }
    }

    /// Completes the innermost running sub-process with nothing left inside; true if one did.
    pub(super) fn complete_scopes(&mut self, instance: u32) -> bool {
        let net = self.net;
        let live = &self.live[instance as usize];
        let idle = |(scope, _): &(u32, u32)| {
            let scope = &net.scopes[*scope as usize];
            scope.flows.iter().all(|f| live.marking[*f as usize] == 0)
                && scope
                    .nodes
                    .iter()
                    .all(|n| live.in_node.get(*n as usize).is_none_or(|c| *c == 0))
        };
        let Some(position) = live.active.iter().rposition(idle) else {
            return false;
        };
        let live = &mut self.live[instance as usize];
        let node = net.scopes[live.active[position].0 as usize].node;
        let left = live.active[position].1;
        if left > 0 {
            // A sequential multi-instance sub-process: its next run starts.
            live.active[position].1 -= 1;
            if let Behaviour::Event(NodeEvent::Enter(starts, repeat)) =
                &net.nodes[node as usize].behaviour
            {
                bind_item(&mut live.data, repeat.as_ref(), left);
                for &start in starts {
                    self.emit_all(instance, start);
                }
            }
            return true;
        }
        live.active.remove(position);
        if let Some(count) = live.in_node.get_mut(node as usize) {
            *count = count.saturating_sub(1);
        }
        self.tally.events += 1;
        // A parallel run's own sub-process: the run ends here, its instance goes on.
        if live.parent.is_none_or(|p| p.node != node) {
            self.emit_all(instance, node);
        }
        true
    }

    /// The minutes a task's work takes on the clock and in all (a multi-instance task runs its
    /// instances side by side, taking the longest, or one after another, taking their sum).
    pub(super) fn draw_work(&mut self, instance: u32, node: u32) -> Result<(f64, f64), BatchError> {
        let n = &self.net.nodes[node as usize];
        let Behaviour::Work(work) = &n.behaviour else {
            return Ok((0.0, 0.0));
        };
        let repeat = match &work.repeat {
            Some(Repetition::Instances(repeat)) => Some(repeat),
            _ => None,
        };
        let times =
            token_rules::instances(repeat, &self.live[instance as usize].data).map_err(|why| {
                BatchError::Repeat {
                    node: n.name.clone(),
                    why,
                }
            })?;
        let Some((times, parallel)) = times else {
            let minutes = work.duration.sample(&mut self.rng);
            return Ok((minutes, minutes));
        };
        let (mut longest, mut total) = (0.0_f64, 0.0);
        for _ in 0..times {
            let minutes = work.duration.sample(&mut self.rng);
            longest = longest.max(minutes);
            total += minutes;
        }
        Ok((if parallel { longest } else { total }, total))
    }

    /// Whether a loop task runs again: its condition still holds on the data it just set.
    pub(super) fn again(&mut self, instance: u32, node: u32) -> Result<bool, BatchError> {
        let n = &self.net.nodes[node as usize];
        let Behaviour::Work(work) = &n.behaviour else {
            return Ok(false);
        };
        let Some(Repetition::Loop(condition)) = &work.repeat else {
            return Ok(false);
        };
        let live = &mut self.live[instance as usize];
        let holds = condition
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|c| expr::evaluate(c, &live.data, &self.net.variables))
            .map_err(|err| BatchError::Repeat {
                node: n.name.clone(),
                why: err.to_string(),
            })?;
        let loops = &mut live.loops[node as usize];
        if !holds {
            *loops = 0;
            return Ok(false);
        }
        *loops += 1;
        if *loops >= token_rules::MAX_LOOPS {
            return Err(BatchError::EndlessLoop {
                node: n.name.clone(),
                most: token_rules::MAX_LOOPS,
            });
        }
        Ok(true)
    }

    /// New data may make a waiting conditional event's condition hold.
    pub(super) fn recheck_conditions(&mut self, instance: u32) {
        let live = &self.live[instance as usize];
        for (index, n) in self.net.nodes.iter().enumerate() {
            let waits = matches!(n.behaviour, Behaviour::Event(NodeEvent::Check(_)))
                && n.inputs.iter().any(|f| live.marking[*f as usize] > 0);
            if waits {
                self.stack.push(index as u32);
            }
        }
    }
}

/// Binds the item of a sequential multi-instance sub-process over a collection that the run
/// starting now works on, `left` runs (this one included) before its last, in the instance
/// data as the step engine does. Runs side by side bind theirs in slots of their own
/// (`parallel_runs`).
fn bind_item(data: &mut Map<String, Json>, repeat: Option<&Repeat>, left: u32) {
    if !matches!(repeat, Some(Repeat::Sequential(_))) {
        return;
    }
    let Some((name, items)) = token_rules::items(repeat, data) else {
        return;
    };
    if let Some(item) = items
        .len()
        .checked_sub(left as usize)
        .and_then(|i| items.get(i))
    {
        data.insert(name, item.clone());
    }
}
