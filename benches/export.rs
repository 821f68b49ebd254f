//! Export speed on a 5,000-node process: the SVG diagram (target 500 ms: routing every flow
//! around the shapes and placing every label) and the Markdown and HTML handbooks (target 200 ms,
//! 500 ms with the diagram embedded). The PNG is left out: rasterising depends on the fonts.

mod support;

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use flowlane::export::handbook::{self, Source};
use flowlane::export::svg;

fn benches(c: &mut Criterion) {
    let process = support::big(1);
    let names = HashMap::new();
    let source = Source::unsaved(&process, &names);
    c.bench_function("svg, 5000 nodes", |b| {
        b.iter(|| svg::svg(black_box(&process)))
    });
    c.bench_function("markdown handbook, 5000 nodes", |b| {
        b.iter(|| handbook::markdown(black_box(&source)))
    });

    let figures = support::Figures::new(&process);
    figures.report("svg diagram 5000 nodes", 500.0, &mut || {
        black_box(svg::svg(&process));
    });
    figures.report("markdown handbook 5000 nodes", 200.0, &mut || {
        black_box(handbook::markdown(&source));
    });
    figures.report("html handbook with diagram 5000 nodes", 500.0, &mut || {
        black_box(handbook::html(&source));
    });
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(group);
