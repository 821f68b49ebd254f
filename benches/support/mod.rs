//! Inputs shared by the benchmarks: big generated processes and seeded edits of them.

#![allow(dead_code)] // each bench uses its own part

use std::hint::black_box;
use std::time::{Duration, Instant};

use flowlane::canonical;
use flowlane::generate::{generate, GenerateSpec, EPOCH};
use flowlane::model::{Bounds, Flow, Id, NodeKind, Process};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub const NODES: usize = 5000;
pub const LANES: usize = 20;

pub fn big(seed: u64) -> Process {
    generate(&GenerateSpec {
        nodes: NODES,
        lanes: LANES,
        seed,
        at: EPOCH,
    })
    .expect("a valid spec")
}

/// `count` edits of the kinds people make between two versions: renames, field edits, lane
/// moves, condition and label edits, deleted, added and re-created steps, and layout moves.
pub fn edited(base: &Process, count: usize, seed: u64) -> Process {
    let mut p = base.clone();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut fresh = 0u128;
    let mut new_id = || {
        fresh += 1;
        Id::from_u128((0xffff_u128 << 112) | fresh)
    };
    for i in 0..count {
        let task = {
            let tasks: Vec<usize> = (0..p.nodes.len())
                .filter(|&n| matches!(p.nodes[n].kind, NodeKind::Task { .. }))
                .collect();
            tasks[rng.random_range(0..tasks.len())]
        };
        let flow = rng.random_range(0..p.flows.len());
        match i % 10 {
            0 => p.nodes[task].name.push_str(" (revised)"),
            1 => {
                if let NodeKind::Task { assignee, .. } = &mut p.nodes[task].kind {
                    assignee.push_str(" deputy");
                }
            }
            2 => {
                if let NodeKind::Task { sla, .. } = &mut p.nodes[task].kind {
                    *sla = Some("5d".parse().expect("a duration"));
                }
            }
            3 => {
                let lane = p.lanes[rng.random_range(0..p.lanes.len())].id;
                p.nodes[task].lane = lane;
            }
            4 => {
                let f = &mut p.flows[flow];
                f.condition = Some(match &f.condition {
                    Some(c) => format!("{c} && urgent == false"),
                    None => "urgent == false".into(),
                });
            }
            5 => {
                let gone = p.nodes.remove(task).id;
                p.flows.retain(|f| f.source != gone && f.target != gone);
                p.layout.nodes.remove(&gone);
            }
            6 => {
                let after = p.nodes[task].id;
                let mut node = p.nodes[task].clone();
                node.id = new_id();
                node.name = format!("Double-check {}", node.name);
                let bounds = p.layout.nodes[&after];
                p.layout.nodes.insert(
                    node.id,
                    Bounds {
                        y: bounds.y + 100.0,
                        ..bounds
                    },
                );
                p.flows.push(Flow::between(new_id(), after, node.id));
                p.nodes.push(node);
            }
            7 => {
                let old = p.nodes[task].id;
                let id = new_id();
                p.nodes[task].id = id;
                let bounds = p.layout.nodes.remove(&old).expect("bounds");
                p.layout.nodes.insert(id, bounds);
                for f in p
                    .flows
                    .iter_mut()
                    .filter(|f| f.source == old || f.target == old)
                {
                    f.id = new_id();
                    if f.source == old {
                        f.source = id;
                    }
                    if f.target == old {
                        f.target = id;
                    }
                }
            }
            8 => {
                let id = p.nodes[task].id;
                if let Some(b) = p.layout.nodes.get_mut(&id) {
                    b.x += 40.0;
                }
            }
            _ => p.flows[flow].label = "checked".into(),
        }
    }
    p
}

/// Every line of the outline differs: every name, lane, variable and process field is new.
pub fn every_line_changed(base: &Process) -> Process {
    let mut p = base.clone();
    p.info.name.push_str(" (redesign)");
    p.info.outcome.push_str(", faster");
    p.info.owner.push_str(" deputy");
    p.info.sla = Some("45d".parse().expect("a duration"));
    for v in &mut p.info.variables {
        v.name.push_str("_v2");
    }
    for lane in &mut p.lanes {
        lane.name.push_str(" team");
    }
    for node in &mut p.nodes {
        node.name = format!("Revised {}", node.name);
    }
    p
}

/// The p-th percentile (0..=100) of some timings.
pub fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort_unstable();
    let rank = ((p / 100.0) * (times.len() - 1) as f64).round() as usize;
    times[rank.min(times.len() - 1)]
}

pub fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median and p99 of 50 timed runs.
pub fn timings(run: &mut dyn FnMut()) -> (f64, f64) {
    let mut times: Vec<_> = (0..50)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    (
        millis(percentile(&mut times, 50.0)),
        millis(percentile(&mut times, 99.0)),
    )
}

/// Plain figures for `scripts/bench`, beside criterion's own report. Each is also given as a
/// ratio to a baseline measured in the same run (writing the canonical bytes of the same
/// 5,000-node process), which stays comparable across machines and busy moments.
pub struct Figures {
    baseline_ms: f64,
}

impl Figures {
    pub fn new(process: &Process) -> Figures {
        let (median, p99) = timings(&mut || {
            black_box(canonical::to_bytes(process));
        });
        println!(
            "flowlane-bench: baseline, canonical bytes of the {}-node process: median {median:.2} ms, p99 {p99:.2} ms",
            process.nodes.len()
        );
        Figures {
            baseline_ms: median,
        }
    }

    pub fn report(&self, name: &str, target_ms: f64, run: &mut dyn FnMut()) {
        let (median, p99) = timings(run);
        println!(
            "flowlane-bench: {name}: median {median:.2} ms ({:.2}x baseline), p99 {p99:.2} ms (target {target_ms} ms) {}",
            median / self.baseline_ms,
            if p99 <= target_ms { "ok" } else { "OVER TARGET" }
        );
    }
}

/// `base` with `count` task names changed, spread over the process; `round` makes each call's
/// renames its own, so successive rounds are successive versions.
pub fn renamed(base: &Process, count: usize, round: usize) -> Process {
    let mut p = base.clone();
    let n = p.nodes.len();
    for i in 0..count {
        let k = (i * (n / count).max(1) + round * 7) % n;
        p.nodes[k].name.push_str(&format!(" (rev. {round})"));
    }
    p
}
