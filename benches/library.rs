//! A big library: 1,000 processes and 100,000 saved versions (one process with 1,000 of them),
//! generated through the store's own bulk save, and what the everyday questions cost in it.
//!
//! Targets (p99): list the processes ≤ 50 ms, open a latest version ≤ 50 ms, the history of
//! the 1,000-version process ≤ 50 ms, the version in force at a date ≤ 10 ms; a full `verify`
//! ≤ 30 s. Beside them, for the record: the list read the former way (every latest definition
//! decompressed for its heading) and the sidebar filter over the thousand summaries.

mod support;

use std::hint::black_box;
use std::time::Instant;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use flowlane::generate::{generate, GenerateSpec, EPOCH};
use flowlane::model::{Category, Id, Process};
use flowlane::store::{Library, ProcessFilter};

const PROCESSES: usize = 1000;
/// The one process with a long history.
const LONG: usize = 1000;
/// The others: 900 with 99 versions and 99 with 100, so the library holds 100,000 in all.
fn versions_of(index: usize) -> usize {
    match index {
        0 => LONG,
        i if i <= 900 => 99,
        _ => 100,
    }
}

const OWNERS: [&str; 8] = [
    "Ann Lee",
    "Finance controller",
    "Head of HR",
    "IT operations",
    "Legal counsel",
    "Procurement lead",
    "Support manager",
    "Facilities",
];
const SUBJECTS: [&str; 6] = [
    "Invoice",
    "Onboarding",
    "Contract",
    "Purchase order",
    "Support ticket",
    "Access request",
];

/// Process `index` as first saved: a small generated process with its own id, name and owner.
fn first(index: usize) -> Process {
    let mut p = generate(&GenerateSpec {
        nodes: 30,
        lanes: 3,
        seed: index as u64,
        at: EPOCH,
    })
    .expect("a valid spec");
    p.id = Id::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 | index as u128);
    p.info.name = format!("{} {index:04}", SUBJECTS[index % SUBJECTS.len()]);
    p.info.owner = OWNERS[index % OWNERS.len()].into();
    p.info.category = [
        Category::Operational,
        Category::Management,
        Category::Support,
    ][index % 3];
    p
}

/// When version `number` of process `index` was saved: the long history an hour apart.
fn saved_at(index: usize, number: usize) -> DateTime<Utc> {
    EPOCH + TimeDelta::hours(number as i64) + TimeDelta::seconds(index as i64)
}

/// Saves every process's versions, one transaction per process; returns the ids.
fn fill(library: &mut Library) -> Vec<Id> {
    let mut ids = Vec::new();
    for index in 0..PROCESSES {
        let base = first(index);
        let nodes = base.nodes.len();
        let versions: Vec<Process> = (1..=versions_of(index))
            .map(|number| {
                let mut p = base.clone();
                let node = &mut p.nodes[number % nodes];
                node.name = format!("{} (rev. {number})", node.name);
                p
            })
            .collect();
        let batch = versions
            .iter()
            .enumerate()
            .map(|(i, p)| (p, "bench", "revised", saved_at(index, i + 1)));
        library.save_versions(batch).expect("saved");
        if index % 10 == 0 {
            library
                .tag(base.id, 1, "approved", "bench", saved_at(index, 1))
                .expect("tagged");
        }
        ids.push(base.id);
    }
    ids
}

/// The list as it was read before headings were stored: each latest definition decompressed.
fn list_the_former_way(library: &Library, ids: &[Id]) {
    #[derive(serde::Deserialize)]
    struct Info {
        #[allow(dead_code)]
        name: String,
    }
    #[derive(serde::Deserialize)]
    struct Definition {
        #[allow(dead_code)]
        info: Info,
    }
    for id in ids {
        let (_, text) = library.load_text(*id, None).expect("read");
        black_box(serde_json::from_str::<Definition>(&text).expect("heading"));
    }
}

fn report(name: &str, target_ms: f64, times: &mut [std::time::Duration]) {
    let p99 = support::millis(support::percentile(times, 99.0));
    println!(
        "flowlane-bench: {name}: median {:.2} ms, p99 {p99:.2} ms (target {target_ms} ms) {}",
        support::millis(support::percentile(times, 50.0)),
        if p99 <= target_ms {
            "ok"
        } else {
            "OVER TARGET"
        }
    );
}

fn timed(runs: usize, mut run: impl FnMut(usize)) -> Vec<std::time::Duration> {
    (0..runs)
        .map(|i| {
            let start = Instant::now();
            run(i);
            start.elapsed()
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.flowlane");
    let mut library = Library::create(&path).expect("library");
    let start = Instant::now();
    let ids = fill(&mut library);
    let total: usize = (0..PROCESSES).map(versions_of).sum();
    println!(
        "flowlane-bench: big library generated: {PROCESSES} processes, {total} versions in {:.1} s, {} MB",
        start.elapsed().as_secs_f64(),
        std::fs::metadata(&path).expect("file").len() / (1024 * 1024)
    );
    drop(library);
    let library = Library::open(&path).expect("library");
    let long = ids[0];

    report(
        "big library, list 1,000 processes",
        50.0,
        &mut timed(50, |_| {
            black_box(library.processes().expect("listed"));
        }),
    );
    let before = timed(5, |_| list_the_former_way(&library, &ids));
    let mut before = before;
    println!(
        "flowlane-bench: big library, list read the former way (every latest definition decompressed): median {:.1} ms",
        support::millis(support::percentile(&mut before, 50.0))
    );
    report(
        "big library, open the latest version",
        50.0,
        &mut timed(100, |i| {
            black_box(library.load(ids[i * 7 % PROCESSES], None).expect("opened"));
        }),
    );
    report(
        "big library, history of the 1,000-version process",
        50.0,
        &mut timed(50, |_| {
            black_box(library.history(long).expect("history"));
        }),
    );
    report(
        "big library, version in force at a date (1,000 versions)",
        10.0,
        &mut timed(100, |i| {
            let at = saved_at(0, (i * 37) % LONG + 1) + TimeDelta::minutes(30);
            black_box(library.version_at(long, at).expect("found"));
        }),
    );
    let summaries = library.processes().expect("listed");
    report(
        "big library, sidebar filter over 1,000 summaries (owner:ann category:sup invoice)",
        16.0,
        &mut timed(100, |_| {
            let filter = ProcessFilter::parse("owner:ann category:sup invoice").expect("a filter");
            black_box(summaries.iter().filter(|s| filter.matches(s)).count());
        }),
    );

    let start = Instant::now();
    let report = library.verify().expect("verified");
    let seconds = start.elapsed().as_secs_f64();
    assert!(report.is_clean(), "{}", report.render());
    println!(
        "flowlane-bench: big library, full verify of {} versions: {seconds:.1} s (target 30 s) {}",
        report.versions,
        if seconds <= 30.0 { "ok" } else { "OVER TARGET" }
    );

    let mut group = c.benchmark_group("big library");
    group.sample_size(20);
    group.bench_function("Library::processes", |b| {
        b.iter(|| library.processes().expect("listed"))
    });
    group.bench_function("Library::history of 1,000 versions", |b| {
        b.iter(|| library.history(long).expect("history"))
    });
    group.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
