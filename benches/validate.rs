//! Validation speed: every rule plus soundness on a 5,000-node process (target 50 ms), soundness
//! on each sample (target 1 s), and a process whose token game is too large to check in full,
//! which must stop at the state limit instead of running away.

mod support;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use flowlane::model::{Bounds, Flow, GatewayKind, Id, Node, NodeKind, Process};
use flowlane::samples;
use flowlane::validate::{self, Context, Level};

/// A parallel split into `branches` chains of three tasks, joined again: 4^branches markings.
fn wide_parallel(branches: usize) -> Process {
    let mut p = samples::versions().swap_remove(0).0;
    let lane = p.lanes[0].id;
    p.nodes.clear();
    p.flows.clear();
    p.layout.nodes.clear();
    p.layout.flows.clear();
    let mut serial = 0u128;
    let mut node = |p: &mut Process, name: String, kind: NodeKind| {
        serial += 1;
        let id = Id::from_u128(serial);
        p.nodes.push(Node {
            id,
            lane,
            name,
            kind,
            parent: None,
        });
        let bounds = Bounds {
            x: 10.0 * serial as f64,
            y: 10.0,
            w: 80.0,
            h: 40.0,
        };
        p.layout.nodes.insert(id, bounds);
        id
    };
    let mut flows = Vec::new();
    let start = node(&mut p, "Start".into(), NodeKind::start());
    let parallel = NodeKind::Gateway {
        gateway: GatewayKind::Parallel,
        condition: None,
    };
    let split = node(&mut p, "Split".into(), parallel.clone());
    let join = node(&mut p, "Join".into(), parallel);
    let end = node(
        &mut p,
        "End".into(),
        NodeKind::End {
            outcome: String::new(),
            trigger: Default::default(),
        },
    );
    flows.extend([(start, split), (join, end)]);
    for b in 0..branches {
        let mut previous = split;
        for t in 0..3 {
            let kind = NodeKind::task("Clerk");
            let task = node(&mut p, format!("Branch {b} step {t}"), kind);
            flows.push((previous, task));
            previous = task;
        }
        flows.push((previous, join));
    }
    for (i, (source, target)) in flows.into_iter().enumerate() {
        p.flows.push(Flow::between(
            Id::from_u128(1_000_000 + i as u128),
            source,
            target,
        ));
    }
    p
}

fn benches(c: &mut Criterion) {
    let big = support::big(1);
    let context = Context::default();
    let rules_only = Context {
        levels: validate::SOUNDNESS_CODES
            .into_iter()
            .map(|code| (code.to_string(), Level::Off))
            .collect(),
        ..Context::default()
    };
    let wide = wide_parallel(12);
    let found = validate::validate(&wide, &context);
    assert!(
        found.iter().any(|p| p.code == "soundness-incomplete"),
        "the wide process is too large to check in full"
    );
    println!(
        "flowlane-bench: the 5000-node process has {} problem(s)",
        validate::validate(&big, &context).len()
    );

    c.bench_function("validate 5000 nodes", |b| {
        b.iter(|| validate::validate(black_box(&big), &context))
    });
    c.bench_function("validate 5000 nodes, rules only", |b| {
        b.iter(|| validate::validate(black_box(&big), &rules_only))
    });
    c.bench_function("validate, state space over the limit", |b| {
        b.iter(|| validate::validate(black_box(&wide), &context))
    });
    let versions = samples::versions();
    c.bench_function("validate the samples", |b| {
        b.iter(|| {
            for (process, _) in &versions {
                black_box(validate::validate(process, &context));
            }
        })
    });

    let figures = support::Figures::new(&big);
    let report =
        |name: &str, target_ms: f64, run: &mut dyn FnMut()| figures.report(name, target_ms, run);
    report(
        "validate 5000 nodes, all rules and soundness",
        50.0,
        &mut || {
            black_box(validate::validate(&big, &context));
        },
    );
    report("validate 5000 nodes, rules only", 50.0, &mut || {
        black_box(validate::validate(&big, &rules_only));
    });
    report(
        "validate 12 parallel branches (stops at the state limit)",
        50.0,
        &mut || {
            black_box(validate::validate(&wide, &context));
        },
    );
    for (process, _) in &versions {
        let name = format!("soundness and rules, sample {}", process.info.name);
        report(&name, 1000.0, &mut || {
            black_box(validate::validate(process, &context));
        });
    }
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(group);
