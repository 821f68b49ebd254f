//! Compact history: five versions of a 5,000-node process, 300 renames apart, and what they cost
//! to store and to read back.
//!
//! Targets: the library grows by at most 5 % of five full copies of the definition; reading any
//! version back (its canonical text) takes at most 20 ms at p99. Beside them, for the record,
//! the stored size of the other forms that were measured before choosing (see ARCHITECTURE.md).

mod support;

use std::path::Path;

use chrono::TimeDelta;
use criterion::{criterion_group, criterion_main, Criterion};
use flowlane::canonical;
use flowlane::generate::EPOCH;
use flowlane::model::Process;
use flowlane::store::Library;

const VERSIONS: usize = 5;
const RENAMES: usize = 300;
/// Versions read back for the p99: enough that the slowest place in a chain of frames is met.
const READ_VERSIONS: usize = 8;

/// The first version and the ones after it, each `RENAMES` renames from the one before.
fn versions(count: usize) -> Vec<Process> {
    let mut all = vec![support::big(1)];
    for round in 1..count {
        all.push(support::renamed(&all[round - 1], RENAMES, round));
    }
    all
}

/// The library file's size, with everything written to it (no write-ahead log left beside it).
fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).expect("library file").len()
}

fn save_all(path: &Path, versions: &[Process]) {
    let mut library = Library::open(path).expect("library");
    for (i, version) in versions.iter().enumerate() {
        let at = EPOCH + TimeDelta::minutes(i as i64);
        library
            .save_version(version, "bench", "renamed", at)
            .expect("saved");
    }
}

/// Stored bytes of the five versions in other forms: each a self-contained zstd frame at two
/// levels, and a line diff against the version before, zstd-compressed.
fn other_forms(texts: &[Vec<u8>], full: usize) {
    let percent = |bytes: usize| 100.0 * bytes as f64 / full as f64;
    for level in [3, 19] {
        let bytes: usize = texts
            .iter()
            .map(|t| zstd::bulk::compress(t, level).expect("compressed").len())
            .sum();
        println!(
            "flowlane-bench: history form, every version a zstd-{level} frame: {} KB, {:.1} % of five copies",
            bytes / 1024,
            percent(bytes)
        );
    }
    for (level, ldm) in [(3, false), (19, true)] {
        let mut bytes = zstd::bulk::compress(&texts[0], 3)
            .expect("compressed")
            .len();
        let start = std::time::Instant::now();
        for pair in texts.windows(2) {
            let mut c = zstd::bulk::Compressor::with_dictionary(level, &pair[0]).expect("dict");
            c.set_parameter(zstd::stream::raw::CParameter::WindowLog(24))
                .expect("window");
            c.set_parameter(zstd::stream::raw::CParameter::EnableLongDistanceMatching(
                ldm,
            ))
            .expect("ldm");
            bytes += c.compress(&pair[1]).expect("compressed").len();
        }
        println!(
            "flowlane-bench: history form, zstd-{level} against the version before (long matching {ldm}): {} KB, {:.1} % of five copies, {:.1} ms per delta",
            bytes / 1024,
            percent(bytes),
            support::millis(start.elapsed()) / 4.0
        );
    }
    let mut bytes = zstd::bulk::compress(&texts[0], 3)
        .expect("compressed")
        .len();
    for pair in texts.windows(2) {
        let old = String::from_utf8_lossy(&pair[0]);
        let new = String::from_utf8_lossy(&pair[1]);
        let diff = similar::TextDiff::from_lines(&old, &new);
        let script: String = diff
            .ops()
            .iter()
            .flat_map(|op| diff.iter_changes(op))
            .filter(|c| c.tag() != similar::ChangeTag::Equal)
            .map(|c| format!("{}{}:{}", c.tag(), c.old_index().unwrap_or(0), c.value()))
            .collect();
        bytes += zstd::bulk::compress(script.as_bytes(), 3)
            .expect("compressed")
            .len();
    }
    println!(
        "flowlane-bench: history form, a zstd-3 line diff against the version before: {} KB, {:.1} % of five copies",
        bytes / 1024,
        percent(bytes)
    );
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");

    // Growth: five versions into an empty library, against five full copies of the text.
    let five = versions(VERSIONS);
    let texts: Vec<Vec<u8>> = five.iter().map(canonical::to_bytes).collect();
    let full: usize = texts.iter().map(Vec::len).sum();
    let path = dir.path().join("five.flowlane");
    drop(Library::create(&path).expect("library"));
    let empty = file_size(&path);
    save_all(&path, &five);
    let grown = file_size(&path).saturating_sub(empty);
    let ratio = 100.0 * grown as f64 / full as f64;
    println!(
        "flowlane-bench: history of {VERSIONS} versions, 5000 nodes, {RENAMES} renames apart: library grew {} KB, five copies are {} KB: {ratio:.2} % (target 5 %) {}",
        grown / 1024,
        full / 1024,
        if ratio <= 5.0 { "ok" } else { "OVER TARGET" }
    );
    other_forms(&texts, full);

    // Reading back: every version of a longer history, so each place in a chain of frames is read.
    let path = dir.path().join("read.flowlane");
    drop(Library::create(&path).expect("library"));
    let many = versions(READ_VERSIONS);
    save_all(&path, &many);
    let library = Library::open(&path).expect("library");
    let process = many[0].id;
    let mut group = c.benchmark_group("history 5000 nodes");
    group.sample_size(20);
    for number in [1, READ_VERSIONS as u32] {
        group.bench_function(format!("Library::load_text v{number}"), |b| {
            b.iter(|| library.load_text(process, Some(number)).expect("read"))
        });
    }
    group.finish();

    let mut times = Vec::new();
    let mut parsed = Vec::new();
    for _ in 0..10 {
        for number in 1..=READ_VERSIONS as u32 {
            let start = std::time::Instant::now();
            let (_, text) = library.load_text(process, Some(number)).expect("read");
            times.push(start.elapsed());
            let start = std::time::Instant::now();
            std::hint::black_box(canonical::parse(&text).expect("parsed"));
            parsed.push(start.elapsed());
        }
    }
    let p99 = support::millis(support::percentile(&mut times, 99.0));
    println!(
        "flowlane-bench: read any of {READ_VERSIONS} versions, 5000 nodes (canonical text): median {:.2} ms, p99 {p99:.2} ms (target 20 ms) {}",
        support::millis(support::percentile(&mut times, 50.0)),
        if p99 <= 20.0 { "ok" } else { "OVER TARGET" }
    );
    println!(
        "flowlane-bench: parsing that text into a process (Library::load adds it; for information): median {:.2} ms, p99 {:.2} ms",
        support::millis(support::percentile(&mut parsed, 50.0)),
        support::millis(support::percentile(&mut parsed, 99.0))
    );
}

criterion_group!(group, benches);
criterion_main!(group);
