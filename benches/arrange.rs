//! Automatic layout speed: a generated 5,000-node process in 20 lanes laid out whole (target
//! 200 ms), as milliseconds and as a ratio to cloning and canonicalising the same process in the
//! same run.

mod support;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use flowlane::arrange::{arrange, arrange_selection};
use flowlane::canonical;

fn benches(c: &mut Criterion) {
    let big = support::big(1);
    c.bench_function("arrange 5000 nodes in 20 lanes", |b| {
        b.iter(|| arrange(black_box(&big)))
    });
    let selection: Vec<_> = big.nodes.iter().take(200).map(|n| n.id).collect();
    c.bench_function("arrange 200 selected of 5000 nodes", |b| {
        b.iter(|| arrange_selection(black_box(&big), &selection))
    });

    let (baseline, _) = support::timings(&mut || {
        let mut copy = big.clone();
        canonical::canonicalize(&mut copy);
        black_box(copy);
    });
    let (layout, _) = support::timings(&mut || {
        black_box(arrange(&big));
    });
    println!(
        "flowlane-bench: layout of 5000 nodes / 20 lanes: median {layout:.2} ms = {:.2}x clone+canonicalize ({baseline:.2} ms) = {:.2}x the 200 ms target {}",
        layout / baseline,
        layout / 200.0,
        if layout <= 200.0 { "ok" } else { "OVER TARGET" }
    );
    let figures = support::Figures::new(&big);
    figures.report("layout of 5000 nodes / 20 lanes", 200.0, &mut || {
        black_box(arrange(&big));
    });
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(group);
