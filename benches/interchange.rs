//! BPMN interchange of a 5,000-node process: the whole `flowlane import` and `flowlane export`
//! commands (the release binary, a fresh process each run: start, open the library, read,
//! store or write, exit), and where inside the core their time goes.
//!
//! Targets: import ≤ 100 ms and export ≤ 100 ms for the whole command (median of the runs; p95
//! beside it). The baseline is the run's own `flowlane --version`: what starting the binary costs.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use flowlane::bpmn::{self, Target};
use flowlane::generate::EPOCH;
use flowlane::store::Library;

const RUNS: usize = 20;

/// Runs the release binary with `args` against `library`, failing the bench if it fails.
fn flowlane(library: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_flowlane"))
        .arg("--library")
        .arg(library)
        .args(args)
        .env("FLOWLANE_AUTHOR", "bench")
        .output()
        .expect("the flowlane binary runs");
    assert!(
        output.status.success(),
        "flowlane {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Median and p95 in ms of `RUNS` timed runs of `run`.
fn command_times(run: &mut dyn FnMut()) -> (f64, f64) {
    let mut times: Vec<_> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    (
        support::millis(support::percentile(&mut times, 50.0)),
        support::millis(support::percentile(&mut times, 95.0)),
    )
}

fn report(name: &str, (median, p95): (f64, f64), start_ms: f64) {
    println!(
        "flowlane-bench: {name}, whole command: median {median:.1} ms ({:.1}x starting the binary), p95 {p95:.1} ms (target 100 ms) {}",
        median / start_ms,
        if median <= 100.0 { "ok" } else { "OVER TARGET" }
    );
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let process = support::big(1);
    let library_path = dir.path().join("interchange.flowlane");
    let mut library = Library::create(&library_path).expect("library");
    library
        .save_version(&process, "bench", "generated", EPOCH)
        .expect("saved");
    let xml = bpmn::export(&process, Target::Plain).expect("exported");
    let file = dir.path().join("big.bpmn");
    std::fs::write(&file, &xml).expect("written");
    println!(
        "flowlane-bench: the 5,000-node BPMN file: {} KB, {} nodes, {} flows",
        xml.len() / 1024,
        process.nodes.len(),
        process.flows.len()
    );

    let id = process.id.to_string();
    let file_arg = file.display().to_string();
    let out = dir.path().join("out.bpmn").display().to_string();
    let start = command_times(&mut || flowlane(&library_path, &["--version"]));
    println!(
        "flowlane-bench: baseline, starting the binary (flowlane --version): median {:.1} ms",
        start.0
    );
    let import = command_times(&mut || flowlane(&library_path, &["import", "--new", &file_arg]));
    report(
        "flowlane import --new of the 5,000-node file",
        import,
        start.0,
    );
    let export = command_times(&mut || {
        flowlane(
            &library_path,
            &["export", &id, "--format", "bpmn", "--output", &out],
        )
    });
    report(
        "flowlane export --format bpmn of the 5,000-node process",
        export,
        start.0,
    );

    // Where the time goes, in the process.
    let bytes = xml.as_bytes();
    let mut group = c.benchmark_group("interchange 5000 nodes");
    group.sample_size(10);
    group.bench_function("bpmn::import", |b| {
        b.iter(|| bpmn::import(bytes).expect("imported"))
    });
    group.bench_function("bpmn::export", |b| {
        b.iter(|| bpmn::export(&process, Target::Plain).expect("exported"))
    });
    group.bench_function("Library::preview_bpmn", |b| {
        b.iter(|| library.preview_bpmn(&file).expect("previewed"))
    });
    group.bench_function("Library::load latest", |b| {
        b.iter(|| library.load(process.id, None).expect("loaded"))
    });
    group.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
