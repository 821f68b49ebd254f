//! Running totals a batch run keeps, and the report they add up to.

use std::collections::VecDeque;

use super::bottleneck::rank;
use super::net::{Behaviour, Net};
use super::result::{
    BatchResult, CostSummary, CycleTime, InstanceCounts, QueueSeries, RoleResult, SlaOutcome,
    StepResult,
};
use crate::model::Duration;
use crate::simulate::token_rules;

const HISTOGRAM_BUCKETS: usize = 30;

#[derive(Clone, Copy, Default)]
struct StepTally {
    count: u64,
    waiting: f64,
    working: f64,
    breaches: u64,
}

#[derive(Clone, Copy, Default)]
struct RoleTally {
    work: f64,
    cost: f64,
    /// Queue length integrated over time since the warm-up.
    area: f64,
    last: f64,
    max: u32,
}

pub(super) struct Tally {
    pub(super) warm_up: f64,
    pub(super) events: u64,
    /// Instances ended or stuck, counted or not: the progress.
    pub(super) finished: u64,
    pub(super) unfinished: u64,
    pub(super) end: f64,
    started: u64,
    warm: u64,
    stuck: u64,
    cycles: Vec<f64>,
    sla_breaches: u64,
    cost: f64,
    steps: Vec<StepTally>,
    roles: Vec<RoleTally>,
    sample_every: f64,
    points: usize,
    samples: Vec<Vec<u32>>,
}

impl Tally {
    pub(super) fn new(net: &Net, warm_up: f64, span: f64, points: u32) -> Tally {
        let points = points as usize;
        Tally {
            warm_up,
            events: 0,
            finished: 0,
            unfinished: 0,
            end: 0.0,
            started: 0,
            warm: 0,
            stuck: 0,
            cycles: Vec::new(),
            sla_breaches: 0,
            cost: 0.0,
            steps: vec![StepTally::default(); net.nodes.len()],
            roles: vec![RoleTally::default(); net.roles.len()],
            sample_every: span / points as f64,
            points,
            samples: vec![Vec::new(); net.roles.len()],
        }
    }

    /// Instances started so far.
    pub(super) fn started(&self) -> u64 {
        self.started
    }

    /// Start to end of each counted instance that ended, minutes.
    pub(super) fn cycles(&self) -> &[f64] {
        &self.cycles
    }

    pub(super) fn arrived(&mut self, counted: bool) {
        self.started += 1;
        if !counted {
            self.warm += 1;
        }
    }

    pub(super) fn work(&mut self, role: usize, now: f64, minutes: f64, cost: f64) {
        if now >= self.warm_up {
            self.roles[role].work += minutes;
            self.roles[role].cost += cost;
        }
    }

    pub(super) fn step(
        &mut self,
        node: u32,
        waiting: f64,
        working: f64,
        elapsed: f64,
        sla: Option<Duration>,
    ) {
        let step = &mut self.steps[node as usize];
        step.count += 1;
        step.waiting += waiting;
        step.working += working;
        if sla.is_some_and(|target| token_rules::breached(elapsed, target)) {
            step.breaches += 1;
        }
    }

    /// The queue of `role` goes from `before` to `after` tasks at `now`.
    pub(super) fn queue_changed(&mut self, role: usize, now: f64, before: usize, after: usize) {
        let tally = &mut self.roles[role];
        let from = tally.last.max(self.warm_up);
        if now > from {
            tally.area += before as f64 * (now - from);
        }
        tally.last = now;
        tally.max = tally.max.max(after as u32);
    }

    /// Records every sample point up to `at` with the queue lengths as they are. When the run
    /// outlasts the expected span, every other point is dropped and the spacing doubles, so the
    /// series stays about `points` long.
    pub(super) fn sample_queues<T>(&mut self, at: f64, queues: &[VecDeque<T>]) {
        let Some(first) = self.samples.first() else {
            return;
        };
        let mut taken = first.len();
        while taken as f64 * self.sample_every <= at {
            for (series, queue) in self.samples.iter_mut().zip(queues) {
                series.push(queue.len() as u32);
            }
            taken += 1;
            if taken >= 2 * self.points {
                for series in &mut self.samples {
                    let kept: Vec<u32> = series.iter().step_by(2).copied().collect();
                    *series = kept;
                }
                self.sample_every *= 2.0;
                taken = self.samples[0].len();
            }
        }
    }

    pub(super) fn close_queues<T>(&mut self, end: f64, queues: &[VecDeque<T>]) {
        for (role, queue) in queues.iter().enumerate() {
            let len = queue.len();
            self.queue_changed(role, end, len, len);
        }
    }

    pub(super) fn finished(
        &mut self,
        counted: bool,
        stuck: bool,
        cycle: f64,
        cost: f64,
        sla: Option<Duration>,
    ) {
        self.finished += 1;
        if stuck {
            self.stuck += 1;
            return;
        }
        if counted {
            self.cycles.push(cycle);
            self.cost += cost;
            if sla.is_some_and(|target| token_rules::breached(cycle, target)) {
                self.sla_breaches += 1;
            }
        }
    }

    pub(super) fn report(mut self, net: &Net, seed: u64) -> BatchResult {
        self.cycles.sort_by(f64::total_cmp);
        let counted = self.cycles.len() as u64;
        let cycle_time = cycle_time(&self.cycles);
        let span = (self.end - self.warm_up).max(0.0);
        let order = flow_order(net);
        let steps: Vec<StepResult> = order
            .iter()
            .map(|&i| (&net.nodes[i], &self.steps[i]))
            .filter_map(|(node, tally)| {
                let Behaviour::Work(work) = &node.behaviour else {
                    return None;
                };
                let per = |total: f64| match tally.count {
                    0 => 0.0,
                    n => total / n as f64 / 60.0,
                };
                Some(StepResult {
                    node: node.id,
                    bpmn_id: None,
                    name: node.name.clone(),
                    role: net.roles[work.role as usize].name.clone(),
                    count: tally.count,
                    waiting_hours: per(tally.waiting),
                    working_hours: per(tally.working),
                    sla: work.sla,
                    breach_rate: work.sla.map(|_| rate(tally.breaches, tally.count)),
                })
            })
            .collect();
        let roles: Vec<RoleResult> = net
            .roles
            .iter()
            .zip(&self.roles)
            .map(|(pool, tally)| {
                let open = match &pool.hours {
                    Some(hours) => hours.open_minutes(self.warm_up, self.end),
                    None => span,
                };
                let utilisation = pool.capacity.map(|c| match open > 0.0 {
                    true => tally.work / (f64::from(c) * open),
                    false => 0.0,
                });
                RoleResult {
                    role: pool.name.clone(),
                    capacity: pool.capacity,
                    utilisation,
                    work_hours: tally.work / 60.0,
                    cost: tally.cost,
                    mean_queue: match span > 0.0 {
                        true => tally.area / span,
                        false => 0.0,
                    },
                    max_queue: tally.max,
                }
            })
            .collect();
        let bottlenecks = rank(&steps, &roles, counted, cycle_time.mean_hours);
        BatchResult {
            process: net.process.clone(),
            seed,
            instances: InstanceCounts {
                started: self.started,
                counted,
                warm_up: self.warm,
                stuck: self.stuck,
                unfinished: self.unfinished,
            },
            events: self.events,
            simulated_hours: self.end / 60.0,
            cycle_time,
            sla: net.sla.map(|target| SlaOutcome {
                target,
                breaches: self.sla_breaches,
                breach_rate: rate(self.sla_breaches, counted),
            }),
            cost: CostSummary {
                total: self.cost,
                per_instance: match counted {
                    0 => 0.0,
                    n => self.cost / n as f64,
                },
            },
            steps,
            roles,
            queues: QueueSeries {
                every_hours: self.sample_every / 60.0,
                roles: net.roles.iter().map(|r| r.name.clone()).collect(),
                lengths: self.samples,
            },
            bottlenecks,
        }
    }
}

fn rate(part: u64, whole: u64) -> f64 {
    match whole {
        0 => 0.0,
        n => part as f64 / n as f64,
    }
}

/// Percentiles by nearest rank over `sorted` minutes, reported in hours.
fn cycle_time(sorted: &[f64]) -> CycleTime {
    let Some(&max) = sorted.last() else {
        return CycleTime::default();
    };
    let n = sorted.len();
    let rank = |p: f64| sorted[((p * n as f64).ceil() as usize).clamp(1, n) - 1] / 60.0;
    let bucket = match max > 0.0 {
        true => max / HISTOGRAM_BUCKETS as f64,
        false => 1.0,
    };
    let mut histogram = vec![0u32; HISTOGRAM_BUCKETS];
    for cycle in sorted {
        let index = ((cycle / bucket) as usize).min(HISTOGRAM_BUCKETS - 1);
        histogram[index] += 1;
    }
    CycleTime {
        mean_hours: sorted.iter().sum::<f64>() / n as f64 / 60.0,
        p50_hours: rank(0.50),
        p90_hours: rank(0.90),
        p95_hours: rank(0.95),
        max_hours: max / 60.0,
        histogram,
        bucket_hours: bucket / 60.0,
    }
}

/// Node indices in the order work reaches them: breadth first from the start events along the
/// flows, then any node not reached that way in storage order. The step table follows it.
fn flow_order(net: &Net) -> Vec<usize> {
    let mut seen = vec![false; net.nodes.len()];
    let mut order = Vec::with_capacity(net.nodes.len());
    let mut queue: VecDeque<usize> = VecDeque::new();
    for &start in &net.starts {
        let start = start as usize;
        if start < seen.len() && !seen[start] {
            seen[start] = true;
            queue.push_back(start);
        }
    }
    while let Some(at) = queue.pop_front() {
        order.push(at);
        for &flow in &net.nodes[at].outputs {
            let Some(&(_, target)) = net.flows.get(flow as usize) else {
                continue;
            };
            let target = target as usize;
            if target < seen.len() && !seen[target] {
                seen[target] = true;
                queue.push_back(target);
            }
        }
    }
    order.extend((0..net.nodes.len()).filter(|&i| !seen[i]));
    order
}
