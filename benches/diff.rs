//! Diff speed on big definitions: the semantic diff of two 5,000-node versions 300 edits apart
//! (target 20 ms) and the text diff when every line changed (target 50 ms).

mod support;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use flowlane::diff::{self, text};
use flowlane::export::outline::outline;

fn benches(c: &mut Criterion) {
    let old = support::big(1);
    let new = support::edited(&old, 300, 2);
    let rewritten = support::every_line_changed(&old);
    let (old_text, rewritten_text) = (outline(&old), outline(&rewritten));
    assert!(
        old_text
            .lines()
            .zip(rewritten_text.lines())
            .all(|(a, b)| a != b),
        "the worst case changes every line"
    );

    c.bench_function("semantic diff, 5000 nodes, 300 edits", |b| {
        b.iter(|| diff::diff(black_box(&old), black_box(&new)))
    });
    c.bench_function("text diff side by side, every line changed", |b| {
        b.iter(|| text::side_by_side_text(black_box(&old_text), black_box(&rewritten_text), 3))
    });
    c.bench_function("text diff unified, every line changed", |b| {
        b.iter(|| text::unified(black_box(&old), black_box(&rewritten), "old", "new"))
    });

    let figures = support::Figures::new(&old);
    let report =
        |name: &str, target_ms: f64, run: &mut dyn FnMut()| figures.report(name, target_ms, run);
    let changes = diff::diff(&old, &new).changes.len();
    println!("flowlane-bench: the semantic diff reports {changes} changed elements");
    report("semantic diff 5000 nodes / 300 edits", 20.0, &mut || {
        black_box(diff::diff(&old, &new));
    });
    report(
        "text diff side by side, every line changed",
        50.0,
        &mut || {
            black_box(text::side_by_side_text(&old_text, &rewritten_text, 3));
        },
    );
    report("text diff unified, every line changed", 50.0, &mut || {
        black_box(text::unified(&old, &rewritten, "old", "new"));
    });
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(group);
