//! The discrete-event loop: arrivals, work and timers on a simulated clock, tokens moved by the
//! step engine's rules (`token_rules::firing`, `token_rules::emits`, `decide`). Times are minutes since the
//! start of the run.

use std::collections::{BinaryHeap, VecDeque};
use std::sync::atomic::Ordering as Atomic;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::arrivals::{expected_span, ArrivalStream};
use super::bpmn::{Event as NodeEvent, Repetition};
use super::data::draw_all;
use super::net::{Behaviour, Net, Routed};
use super::options::{BatchOptions, BatchProgress, Control, StopAt, MAX_INSTANCES};
use super::tally::Tally;
use super::trace::TaskRecord;
use super::BatchError;
use crate::simulate::token_rules::{self, Consume, Emit};

mod event_subs;
mod events;
mod live;
mod parallel_runs;
mod queue;
mod upstream;

use live::Live;
use parallel_runs::Crossing;
use queue::Event;
use upstream::View;

/// Firings after which an instance is taken to loop for ever.
const LOOP_LIMIT: u32 = 100_000;
/// Events between two looks at the cancel flag.
const CANCEL_EVERY: u64 = 4096;
/// The person of a timer's wait, which no one does.
const NO_PERSON: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
enum What {
    Arrive,
    /// Work or a timer at `node` is done; the token reached the node at `since` and work began
    /// at `started` and took `work` minutes.
    Done {
        instance: u32,
        generation: u32,
        node: u32,
        since: f64,
        started: f64,
        work: f64,
        /// Who of the role's people does it (`NO_PERSON` for a timer).
        person: u32,
    },
    /// A boundary event of `host` fires (a timer's `nth` firing, counting from 0, or a message
    /// arriving), if the host's `run`, begun at `since`, is still going.
    Watch {
        instance: u32,
        generation: u32,
        boundary: u32,
        host: u32,
        run: u32,
        nth: u32,
        since: f64,
    },
    /// Event sub-process `sub` (a `Net::event_subs` index) starts by its timer's `nth` firing
    /// or its message's arrival, if the `run` of its scope, begun at `since`, still goes on.
    EventStart {
        instance: u32,
        generation: u32,
        sub: u32,
        run: u32,
        nth: u32,
        since: f64,
    },
}

/// A task waiting for one of its role's people.
#[derive(Clone, Copy)]
struct Waiting {
    instance: u32,
    generation: u32,
    node: u32,
    since: f64,
}

pub(super) struct Engine<'n> {
    net: &'n Net,
    /// The run's start on the calendar, for timers with a date or a cycle.
    start: chrono::DateTime<chrono::Utc>,
    rng: ChaCha8Rng,
    heap: BinaryHeap<Event>,
    seq: u64,
    arrivals: ArrivalStream,
    now: f64,
    live: Vec<Live>,
    free: Vec<u32>,
    queues: Vec<VecDeque<Waiting>>,
    busy: Vec<u32>,
    /// Per role, the people free to take work (by number) and the next new number.
    idle: Vec<(Vec<u32>, u32)>,
    stack: Vec<u32>,
    /// Every counted task done, when the caller asked for them.
    pub(super) trace: Option<Vec<TaskRecord>>,
    pub(super) tally: Tally,
    arrivals_left: Option<u64>,
    horizon: Option<f64>,
    running: u64,
    /// What passes between a parallel run and its instance, carried out after the event at hand.
    crossings: VecDeque<Crossing>,
}

impl<'n> Engine<'n> {
    pub(super) fn new(net: &'n Net, options: &BatchOptions) -> Result<Engine<'n>, BatchError> {
        let warm_up = options.warm_up.minutes as f64;
        let (arrivals_left, horizon) = match options.stop {
            StopAt::Instances(0) => return Err(BatchError::NothingToRun),
            StopAt::Instances(asked) if asked > MAX_INSTANCES => {
                return Err(BatchError::TooManyInstances {
                    asked,
                    most: MAX_INSTANCES,
                })
            }
            StopAt::Instances(n) => (Some(n), None),
            StopAt::Horizon(h) if h.minutes == 0 => return Err(BatchError::NothingToRun),
            StopAt::Horizon(h) if options.warm_up >= h => return Err(BatchError::WarmUpTooLong),
            StopAt::Horizon(h) => (None, Some(h.minutes as f64)),
        };
        let span = expected_span(&net.arrivals, options);
        Ok(Engine {
            net,
            start: options.start,
            rng: ChaCha8Rng::seed_from_u64(options.seed),
            heap: BinaryHeap::new(),
            seq: 0,
            arrivals: net.arrivals.clone(),
            now: 0.0,
            live: Vec::new(),
            free: Vec::new(),
            queues: vec![VecDeque::new(); net.roles.len()],
            busy: vec![0; net.roles.len()],
            idle: vec![(Vec::new(), 0); net.roles.len()],
            stack: Vec::new(),
            trace: None,
            tally: Tally::new(net, warm_up, span, options.queue_points.max(2)),
            arrivals_left,
            horizon,
            running: 0,
            crossings: VecDeque::new(),
        })
    }

    pub(super) fn run(&mut self, control: &mut Control) -> Result<(), BatchError> {
        self.schedule_arrival();
        let total = self.arrivals_left;
        let report_every = total.map_or(1 << 16, |n| (n / 100).max(1));
        let mut next_report = report_every;
        while let Some(event) = self.heap.pop() {
            if self.horizon.is_some_and(|h| event.at > h) {
                self.now = self.horizon.unwrap_or(event.at);
                break;
            }
            self.tally.events += 1;
            if self.tally.events.is_multiple_of(CANCEL_EVERY)
                && control.cancel.is_some_and(|c| c.load(Atomic::Relaxed))
            {
                return Err(BatchError::Cancelled);
            }
            self.tally.sample_queues(event.at, &self.queues);
            self.now = event.at;
            match event.what {
                What::Arrive => self.arrive()?,
                What::Done {
                    instance,
                    generation,
                    node,
                    since,
                    started,
                    work,
                    person,
                } => match self.current(instance, generation, node) {
                    true => self.done(instance, node, since, started, work, person)?,
                    false => self.release(node, person)?,
                },
                What::Watch { .. } => self.ran_out(event.what)?,
                What::EventStart { .. } => self.event_start(event.what)?,
            }
            self.carry_crossings()?;
            let progress = match (total, self.horizon) {
                (Some(_), _) => self.tally.finished,
                (None, _) => self.tally.events,
            };
            if progress >= next_report {
                next_report = progress + report_every;
                if let Some(report) = control.progress.as_mut() {
                    report(BatchProgress {
                        fraction: match (total, self.horizon) {
                            (Some(n), _) => self.tally.finished as f64 / n as f64,
                            (None, Some(h)) => (self.now / h).min(1.0),
                            (None, None) => 0.0,
                        },
                        instances_done: self.tally.finished,
                        events: self.tally.events,
                    });
                }
            }
        }
        self.tally.unfinished = self.running;
        self.tally.end = self.now;
        self.tally.close_queues(self.now, &self.queues);
        Ok(())
    }

    fn schedule(&mut self, at: f64, what: What) {
        self.seq += 1;
        self.heap.push(Event {
            at,
            seq: self.seq,
            what,
        });
    }

    fn schedule_arrival(&mut self) {
        if self.arrivals_left == Some(0) {
            return;
        }
        let Some(at) = self.arrivals_next() else {
            return;
        };
        if self.horizon.is_some_and(|h| at >= h) {
            return;
        }
        if let Some(left) = self.arrivals_left.as_mut() {
            *left -= 1;
        }
        self.schedule(at, What::Arrive);
    }

    fn arrivals_next(&mut self) -> Option<f64> {
        self.arrivals.next(&mut self.rng)
    }

    /// A new instance: tokens on the start events' outgoing flows, as the step engine's `start`.
    fn arrive(&mut self) -> Result<(), BatchError> {
        self.schedule_arrival();
        let net = self.net;
        let instance = self.slot();
        self.running += 1;
        let counted = self.now >= self.tally.warm_up;
        let case = self.tally.started();
        self.tally.arrived(counted);
        let live = &mut self.live[instance as usize];
        live.case = case;
        live.arrived = self.now;
        live.counted = counted;
        live.generation = live.generation.wrapping_add(1);
        live.cancelled.iter_mut().for_each(|c| *c = 0);
        live.loops.iter_mut().for_each(|c| *c = 0);
        live.active.clear();
        live.firings = 0;
        live.cost = 0.0;
        draw_all(&net.sources, &mut live.data, &mut self.rng);
        for &start in &net.starts {
            self.tally.events += 1;
            self.emit_all(instance, start);
        }
        self.arm(instance, None)?;
        self.settle(instance)
    }

    /// A free slot for an instance or a parallel run.
    fn slot(&mut self) -> u32 {
        match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.live.push(Live::blank(self.net));
                (self.live.len() - 1) as u32
            }
        }
    }

    /// Puts a token on every outgoing flow of `node`.
    fn emit_all(&mut self, instance: u32, node: u32) {
        for &flow in &self.net.nodes[node as usize].outputs {
            self.put(instance, flow);
        }
    }

    fn put(&mut self, instance: u32, flow: u32) {
        let live = &mut self.live[instance as usize];
        live.marking[flow as usize] += 1;
        live.tokens += 1;
        self.stack.push(self.net.flows[flow as usize].1);
    }

    /// Fires every node the new tokens enabled, then ends the instance if nothing is left.
    fn settle(&mut self, instance: u32) -> Result<(), BatchError> {
        loop {
            while let Some(node) = self.stack.pop() {
                while self.fire(instance, node)? {}
            }
            if !self.complete_scopes(instance) {
                break;
            }
        }
        let live = &self.live[instance as usize];
        if live.working == 0 {
            let stuck = live.tokens > 0 || !live.active.is_empty();
            self.finish(instance, stuck);
        }
        Ok(())
    }

    /// Fires `node` once if the rules let it; false when they do not.
    fn fire(&mut self, instance: u32, node: u32) -> Result<bool, BatchError> {
        let net = self.net;
        let n = &net.nodes[node as usize];
        let live = &self.live[instance as usize];
        let marked = n
            .inputs
            .iter()
            .filter(|f| live.marking[**f as usize] > 0)
            .count();
        let more_can_arrive = || {
            let view = View { net, live };
            n.inputs
                .iter()
                .filter(|f| live.marking[**f as usize] == 0)
                .any(|f| token_rules::can_still_arrive(&view, node, net.flows[*f as usize].0))
        };
        let Some(consume) = token_rules::firing(&n.kind, n.inputs.len(), marked, more_can_arrive)
        else {
            return Ok(false);
        };
        if let Behaviour::Event(event) = &n.behaviour {
            if !self.can_happen(instance, event) {
                return Ok(false);
            }
        }
        let live = &mut self.live[instance as usize];
        for &flow in &n.inputs {
            if live.marking[flow as usize] > 0 {
                live.marking[flow as usize] -= 1;
                live.tokens -= 1;
                if consume == Consume::One {
                    break;
                }
            }
        }
        live.firings += 1;
        if live.firings > LOOP_LIMIT {
            return Err(BatchError::Loop { limit: LOOP_LIMIT });
        }
        self.tally.events += 1;
        match &n.behaviour {
            Behaviour::Pass => {
                if token_rules::emits(&n.kind) == Emit::EveryOut {
                    self.emit_all(instance, node);
                }
            }
            Behaviour::Work(_) => {
                self.watch(instance, node);
                self.work(instance, node)?;
            }
            Behaviour::Wait(minutes) => self.wait(instance, node, *minutes),
            Behaviour::Until(timer) => {
                let minutes = self.until(timer);
                self.wait(instance, node, minutes);
            }
            Behaviour::Event(event) => self.event(instance, node, event)?,
            Behaviour::Route(route) => {
                let live = &self.live[instance as usize];
                let flows = match route.decide(&live.data, &net.variables) {
                    Ok(Routed::Flows(flows)) => flows,
                    Ok(Routed::ByChance) => {
                        let pick = self.rng.random::<f64>();
                        let chances = route.chances.as_deref().unwrap_or_default();
                        let flow = chances
                            .iter()
                            .find(|(_, upto)| pick < *upto)
                            .or(chances.last())
                            .map(|(flow, _)| *flow);
                        flow.into_iter().collect()
                    }
                    Err(reason) => {
                        return Err(BatchError::Undecided {
                            gateway: n.name.clone(),
                            reason,
                        })
                    }
                };
                for flow in flows {
                    self.put(instance, flow);
                }
            }
        }
        Ok(true)
    }

    /// A task joins its role's queue, or one of its people takes it at once.
    fn work(&mut self, instance: u32, node: u32) -> Result<(), BatchError> {
        let Behaviour::Work(work) = &self.net.nodes[node as usize].behaviour else {
            return Ok(());
        };
        self.begin_work(instance, node);
        let role = work.role as usize;
        let free = self.net.roles[role]
            .capacity
            .is_none_or(|c| self.busy[role] < c);
        let waiting = Waiting {
            instance,
            generation: self.live[instance as usize].generation,
            node,
            since: self.now,
        };
        match free {
            true => self.start_work(waiting)?,
            false => {
                let before = self.queues[role].len();
                self.tally.queue_changed(role, self.now, before, before + 1);
                self.queues[role].push_back(waiting);
            }
        }
        Ok(())
    }

    /// The token waits `minutes` at `node`, then goes on.
    fn wait(&mut self, instance: u32, node: u32, minutes: f64) {
        self.begin_work(instance, node);
        let what = What::Done {
            instance,
            generation: self.live[instance as usize].generation,
            node,
            since: self.now,
            started: self.now,
            work: 0.0,
            person: NO_PERSON,
        };
        self.schedule(self.now + minutes, what);
    }

    fn begin_work(&mut self, instance: u32, node: u32) {
        let live = &mut self.live[instance as usize];
        live.working += 1;
        if let Some(count) = live.in_node.get_mut(node as usize) {
            *count += 1;
        }
    }

    /// One of the role's people takes the task: the work is drawn now, and the calendar decides
    /// when it can begin and end.
    fn start_work(&mut self, waiting: Waiting) -> Result<(), BatchError> {
        let Behaviour::Work(work) = &self.net.nodes[waiting.node as usize].behaviour else {
            return Ok(());
        };
        let role = work.role as usize;
        let pool = &self.net.roles[role];
        let (minutes, worked) = self.draw_work(waiting.instance, waiting.node)?;
        let (started, done) = match &pool.hours {
            Some(hours) => (hours.next_open(self.now), hours.finish(self.now, minutes)),
            None => (self.now, self.now + minutes),
        };
        self.busy[role] += 1;
        let idle = &mut self.idle[role];
        let person = idle.0.pop().unwrap_or_else(|| {
            idle.1 += 1;
            idle.1 - 1
        });
        self.tally.events += 1;
        let cost = worked / 60.0 * (pool.cost_per_hour + work.cost_per_hour);
        self.tally.work(role, self.now, worked, cost);
        self.live[waiting.instance as usize].cost += cost;
        let what = What::Done {
            instance: waiting.instance,
            generation: waiting.generation,
            node: waiting.node,
            since: waiting.since,
            started,
            work: minutes,
            person,
        };
        self.schedule(done, what);
        Ok(())
    }

    fn done(
        &mut self,
        instance: u32,
        node: u32,
        since: f64,
        started: f64,
        work: f64,
        person: u32,
    ) -> Result<(), BatchError> {
        let net = self.net;
        let n = &net.nodes[node as usize];
        let live = &mut self.live[instance as usize];
        live.working -= 1;
        if let Some(count) = live.in_node.get_mut(node as usize) {
            *count -= 1;
        }
        let counted = live.counted;
        if let Behaviour::Work(w) = &n.behaviour {
            for &source in &w.outputs {
                let value = net.sources[source as usize].draw(&mut self.rng);
                let name = net.sources[source as usize].name.clone();
                self.set_data(instance, name, value);
            }
            if counted {
                self.tally
                    .step(node, started - since, work, self.now - since, w.sla);
                let case = self.live[instance as usize].case;
                let record = TaskRecord::new(case, node, person, [since, started, self.now]);
                if let Some(trace) = self.trace.as_mut() {
                    trace.push(record);
                }
            }
            self.release(node, person)?;
            if self.again(instance, node)? {
                return self.work(instance, node);
            }
            self.recheck_conditions(instance);
            self.start_on_conditions(instance)?;
        }
        if token_rules::emits(&n.kind) == Emit::EveryOut {
            self.emit_all(instance, node);
        }
        self.settle(instance)
    }

    /// The instance has nothing left to do: ended, or stuck with tokens no node can take.
    fn finish(&mut self, instance: u32, stuck: bool) {
        if self.run_ended(instance, stuck) {
            return;
        }
        let live = &mut self.live[instance as usize];
        if stuck {
            live.marking.iter_mut().for_each(|m| *m = 0);
            live.tokens = 0;
        }
        let cycle = self.now - live.arrived;
        self.tally
            .finished(live.counted, stuck, cycle, live.cost, self.net.sla);
        live.data.clear();
        // Its timers and messages still to come belong to a run that is over.
        live.generation = live.generation.wrapping_add(1);
        self.running -= 1;
        self.free.push(instance);
    }
}
