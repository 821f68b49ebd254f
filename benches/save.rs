//! Saving a version of a 5,000-node process, against a raw SQLite insert of the same bytes in
//! the same run (target: p99 at most 2× the raw insert's p99).
//!
//! Two raw baselines: a table shaped like the library's `versions` (same columns and key, so the
//! ratio is what Flowlane's own work costs: checks, canonical bytes, hash, chain lookup, audit
//! entry), and a plain table holding only the definition.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::TimeDelta;
use criterion::{criterion_group, criterion_main, Criterion};
use flowlane::canonical;
use flowlane::generate::EPOCH;
use flowlane::model::Process;
use flowlane::store::Library;
use rusqlite::Connection;

/// Saves per fresh library, so the file stays a realistic size.
const ROUND: usize = 20;
const ROUNDS: usize = 10;

/// Two definitions that differ, so alternate saves are each a new version.
fn pair() -> [Process; 2] {
    let a = support::big(1);
    let mut b = a.clone();
    b.info.owner.push_str(" deputy");
    [a, b]
}

/// The raw tables, in a database set up like a library (WAL).
fn raw_database(path: &Path) -> Connection {
    let conn = Connection::open(path).expect("raw database");
    conn.pragma_update(None, "journal_mode", "wal")
        .expect("wal");
    conn.execute_batch(
        "CREATE TABLE versions (
             process_id TEXT NOT NULL, number INTEGER NOT NULL, definition TEXT NOT NULL,
             hash TEXT NOT NULL, prev_hash TEXT, author TEXT NOT NULL, message TEXT NOT NULL,
             saved_at TEXT NOT NULL, PRIMARY KEY (process_id, number));
         CREATE TABLE plain (definition TEXT NOT NULL);",
    )
    .expect("tables");
    conn
}

#[derive(Clone, Copy)]
enum Table {
    /// Shaped like the library's `versions`.
    Versions,
    /// A rowid table with the definition only.
    Plain,
}

/// Times `count` saves into a fresh library.
fn time_saves(versions: &[Process; 2], count: usize, each: &mut Vec<Duration>) -> Duration {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut library = Library::create(&dir.path().join("bench.flowlane")).expect("library");
    let mut total = Duration::ZERO;
    for i in 0..count {
        let at = EPOCH + TimeDelta::seconds(i as i64);
        let start = Instant::now();
        library
            .save_version(&versions[i % 2], "bench", "bench", at)
            .expect("saved");
        let took = start.elapsed();
        each.push(took);
        total += took;
    }
    total
}

/// Times `count` raw inserts of the already-canonical bytes.
fn time_raw_inserts(
    table: Table,
    bytes: &[String; 2],
    count: usize,
    each: &mut Vec<Duration>,
) -> Duration {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut conn = raw_database(&dir.path().join("raw.sqlite"));
    let mut total = Duration::ZERO;
    for i in 0..count {
        let start = Instant::now();
        let tx = conn.transaction().expect("transaction");
        match table {
            Table::Versions => tx.execute(
                "INSERT INTO versions VALUES ('p', ?1, ?2, 'hash', 'prev', 'bench', 'bench', 'now')",
                rusqlite::params![i as i64 + 1, bytes[i % 2]],
            ),
            Table::Plain => tx.execute(
                "INSERT INTO plain (definition) VALUES (?1)",
                [&bytes[i % 2]],
            ),
        }
        .expect("inserted");
        tx.commit().expect("committed");
        let took = start.elapsed();
        each.push(took);
        total += took;
    }
    total
}

fn benches(c: &mut Criterion) {
    let versions = pair();
    let bytes = versions
        .clone()
        .map(|p| String::from_utf8(canonical::to_bytes(&p)).expect("UTF-8"));
    let mut ignored = Vec::new();
    let mut group = c.benchmark_group("save 5000 nodes");
    group.sample_size(10);
    group.bench_function("Library::save_version", |b| {
        b.iter_custom(|iters| time_saves(&versions, iters as usize, &mut ignored))
    });
    group.bench_function("raw insert, versions-shaped table", |b| {
        b.iter_custom(|iters| {
            time_raw_inserts(Table::Versions, &bytes, iters as usize, &mut ignored)
        })
    });
    group.bench_function("raw insert, plain rowid table", |b| {
        b.iter_custom(|iters| time_raw_inserts(Table::Plain, &bytes, iters as usize, &mut ignored))
    });
    group.finish();

    // p99 of single saves, rounds of each interleaved so they see the same machine state.
    let (mut saves, mut shaped, mut plain) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        time_saves(&versions, ROUND, &mut saves);
        time_raw_inserts(Table::Versions, &bytes, ROUND, &mut shaped);
        time_raw_inserts(Table::Plain, &bytes, ROUND, &mut plain);
    }
    let save_p99 = support::percentile(&mut saves, 99.0);
    println!(
        "flowlane-bench: save version 5000 nodes ({} KB): median {:.2} ms, p99 {:.2} ms",
        bytes[0].len() / 1024,
        support::millis(support::percentile(&mut saves, 50.0)),
        support::millis(save_p99)
    );
    for (name, times, target) in [
        ("raw insert, versions-shaped table", &mut shaped, true),
        ("raw insert, plain rowid table", &mut plain, false),
    ] {
        let p99 = support::percentile(times, 99.0);
        let ratio = save_p99.as_secs_f64() / p99.as_secs_f64();
        let verdict = match (target, ratio <= 2.0) {
            (false, _) => "(layout cost included; for information)",
            (true, true) => "(target 2x) ok",
            (true, false) => "(target 2x) OVER TARGET",
        };
        println!(
            "flowlane-bench: {name}: median {:.2} ms, p99 {:.2} ms; save p99 / this p99 = {ratio:.2}x {verdict}",
            support::millis(support::percentile(times, 50.0)),
            support::millis(p99)
        );
    }
}

criterion_group!(group, benches);
criterion_main!(group);
