//! Batch simulation speed: events per second on one thread for a generated 200-node process with
//! 100,000 instances (target 5 M events/s), its peak heap, and the same run against a baseline
//! measured in the same process: pushing and popping as many events through a bare binary heap,
//! the floor of any discrete-event simulation.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BinaryHeap;
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::DateTime;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use flowlane::generate::{generate, GenerateSpec, EPOCH};
use flowlane::model::{Arrivals, Distribution, NodeKind, Process, Role};
use flowlane::simulate::batch::{simulate, BatchOptions, BatchResult, Control, StopAt};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Counts live and peak heap bytes, so the run's memory is measured rather than guessed.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const NODES: usize = 200;
const INSTANCES: u64 = 100_000;
const TARGET_EVENTS_PER_SECOND: f64 = 5e6;
const ARRIVALS_PER_HOUR: f64 = 2.0;

/// The generated process with what a batch run needs: exponential work around each task's
/// duration, every choice a fair coin among its ways out, Poisson arrivals, and a pool per role
/// sized from a pilot run to about 75 % utilisation.
fn parameterised() -> Process {
    let mut p = generate(&GenerateSpec {
        nodes: NODES,
        lanes: 6,
        seed: 1,
        at: EPOCH,
    })
    .expect("a valid spec");
    for node in &mut p.nodes {
        if let NodeKind::Task {
            duration,
            distribution,
            ..
        } = &mut node.kind
        {
            *distribution = Some(Distribution::Exponential {
                mean: duration
                    .unwrap_or_default()
                    .max(flowlane::model::Duration::minutes(1)),
            });
        }
    }
    let choosers: Vec<_> = p
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Gateway { gateway, .. } if gateway != flowlane::model::GatewayKind::Parallel))
        .map(|n| n.id)
        .collect();
    for gateway in choosers {
        let ways = p.flows.iter().filter(|f| f.source == gateway).count();
        if ways > 1 {
            for flow in p.flows.iter_mut().filter(|f| f.source == gateway) {
                flow.probability = Some(1.0 / ways as f64);
            }
        }
    }
    p.info.simulation.arrivals = Some(Arrivals::Poisson {
        per_hour: ARRIVALS_PER_HOUR,
    });
    let pilot = run(&p, 2_000);
    for role in &pilot.roles {
        // Offered load: work per instance times instances per hour.
        let busy_people = role.work_hours / pilot.instances.counted as f64 * ARRIVALS_PER_HOUR;
        let capacity = (busy_people / 0.75).ceil().max(1.0) as u32;
        p.info.simulation.roles.insert(
            role.role.clone(),
            Role {
                capacity,
                cost_per_hour: 50.0,
                calendar: None,
            },
        );
    }
    p
}

fn run(process: &Process, instances: u64) -> BatchResult {
    let start = DateTime::from_timestamp(1_767_571_200, 0).expect("a date");
    let options = BatchOptions::new(7, StopAt::Instances(instances), start);
    simulate(process, &options, Control::default()).expect("the run succeeds")
}

/// Pushes and pops `events` random-time events through a binary heap.
fn heap_only(events: u64) -> u64 {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let mut heap = BinaryHeap::with_capacity(1024);
    let mut popped = 0u64;
    let mut now = 0u64;
    for seq in 0..events {
        heap.push(std::cmp::Reverse((
            now + rng.random_range(0..10_000u64),
            seq,
        )));
        if heap.len() > 512 {
            if let Some(std::cmp::Reverse((at, _))) = heap.pop() {
                now = at;
                popped += 1;
            }
        }
    }
    popped + heap.len() as u64
}

fn benches(c: &mut Criterion) {
    let process = parameterised();
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let started = Instant::now();
    let result = black_box(run(&process, INSTANCES));
    let seconds = started.elapsed().as_secs_f64();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let events = result.events;
    let started = Instant::now();
    black_box(heap_only(events));
    let baseline = started.elapsed().as_secs_f64();
    let rate = events as f64 / seconds;
    println!(
        "flowlane-bench: batch, {NODES}-node process, {INSTANCES} instances: {events} events in {:.0} ms = {:.2} M events/s (target {:.0} M) {}; {:.2}x a bare heap of as many events; peak heap {:.1} MB",
        seconds * 1000.0,
        rate / 1e6,
        TARGET_EVENTS_PER_SECOND / 1e6,
        if rate >= TARGET_EVENTS_PER_SECOND { "ok" } else { "UNDER TARGET" },
        seconds / baseline,
        peak as f64 / 1e6,
    );
    println!(
        "flowlane-bench: batch run: cycle time mean {:.1} h, p95 {:.1} h; {} roles",
        result.cycle_time.mean_hours,
        result.cycle_time.p95_hours,
        result.roles.len()
    );

    // The accounts payable sample under its shipped parameters: gateways decide by evaluating
    // CEL conditions on generated data, and roles keep office hours. No target; for scale.
    let payables = flowlane::samples::versions()
        .into_iter()
        .map(|(p, _)| p)
        .rfind(|p| p.info.name == "Accounts payable")
        .expect("the sample");
    let (_, set) = flowlane::samples::parameters(payables.id).expect("shipped parameters");
    let (payables, _) = flowlane::simulate::batch::apply(&payables, &set);
    let started = Instant::now();
    let sample = black_box(run(&payables, INSTANCES));
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "flowlane-bench: batch, accounts payable sample (CEL conditions on generated data, office hours), {INSTANCES} instances: {} events in {:.0} ms = {:.2} M events/s",
        sample.events,
        seconds * 1000.0,
        sample.events as f64 / seconds / 1e6
    );

    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.throughput(Throughput::Elements(events));
    group.bench_function("200 nodes, 100000 instances", |b| {
        b.iter(|| run(black_box(&process), INSTANCES))
    });
    group.bench_function("bare heap, as many events", |b| {
        b.iter(|| heap_only(black_box(events)))
    });
    group.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
