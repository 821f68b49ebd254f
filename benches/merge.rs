//! Three-way merge speed on big definitions: two 5,000-node versions each 300 edits away from
//! their common base (target 50 ms), against the semantic diff of one side as a same-run
//! reference (the merge pairs and compares twice, so about twice a diff is expected).

mod support;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use flowlane::diff;
use flowlane::sync::merge::{merge, Choices, People};

fn benches(c: &mut Criterion) {
    let base = support::big(1);
    let mine = support::edited(&base, 300, 2);
    let theirs = support::edited(&base, 300, 3);
    let (choices, people) = (Choices::default(), People::default());

    c.bench_function("three-way merge, 5000 nodes, 300 + 300 edits", |b| {
        b.iter(|| {
            merge(
                black_box(&base),
                black_box(&mine),
                black_box(&theirs),
                &choices,
                &people,
            )
        })
    });

    let figures = support::Figures::new(&base);
    let merged = merge(&base, &mine, &theirs, &choices, &people);
    println!(
        "flowlane-bench: the merge lists {} conflict(s)",
        merged.conflicts.len()
    );
    figures.report("semantic diff, one side (reference)", 20.0, &mut || {
        black_box(diff::diff(&base, &mine));
    });
    figures.report(
        "three-way merge 5000 nodes / 300 + 300 edits",
        50.0,
        &mut || {
            black_box(merge(&base, &mine, &theirs, &choices, &people));
        },
    );
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(group);
