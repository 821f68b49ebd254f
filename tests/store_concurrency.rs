//! Many writers on one library at the same moment: `flowlane save` processes started side by
//! side (as scripts, a sync and a second terminal would) while two in-process sessions autosave
//! drafts, as the app does. Every save must land, none may be lost, numbers stay gapless and
//! the hash chain holds.
//!
//! 8 writers × 25 saves by default; `FLOWLANE_STRESS_ROUNDS=N` runs N times as many.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use chrono::Utc;
use flowlane::canonical;
use flowlane::model::Process;
use flowlane::store::Library;

use support::cli::{flowlane, library_with_samples};

const CLI_WRITERS: usize = 8;
const SAVES_PER_WRITER: usize = 25;
const DRAFT_WRITERS: usize = 2;

fn rounds() -> usize {
    std::env::var("FLOWLANE_STRESS_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1)
}

/// One writer's saves, each a different owner so that no save is "unchanged".
fn cli_writer(lib: &Path, base: &Process, writer: usize, saves: usize) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for i in 0..saves {
        let mut definition = base.clone();
        definition.info.owner = format!("writer {writer} save {i}");
        let file = dir.path().join(format!("{i}.json"));
        std::fs::write(&file, canonical::to_bytes(&definition)).unwrap();
        let message = format!("w{writer}-{i}");
        let run = flowlane(
            lib,
            &[
                "save",
                "Contract review",
                file.to_str().unwrap(),
                "-m",
                &message,
            ],
        );
        if run.status != 0 {
            failures.push(format!("{message}: {}", run.stderr.trim()));
        }
    }
    failures
}

/// Autosaves drafts of another process until the CLI writers are done, as the app would.
fn draft_writer(
    lib: &Path,
    base: &Process,
    writer: usize,
    done: &AtomicBool,
) -> (usize, Vec<String>) {
    let library = Library::open(lib).unwrap();
    let (mut written, mut failures) = (0, Vec::new());
    while !done.load(Ordering::Relaxed) {
        let mut draft = base.clone();
        draft.info.owner = format!("draft {writer}.{written}");
        match library.save_draft(&draft, Some(1), Utc::now()) {
            Ok(()) => written += 1,
            Err(err) => failures.push(err.to_string()),
        }
        // An autosave follows an edit; the pause leaves the CPU to the CLI writers.
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    (written, failures)
}

#[test]
fn concurrent_writers_lose_nothing() {
    let (_dir, lib) = library_with_samples();
    let library = Library::open(&lib).unwrap();
    let contract = library.find("Contract review").unwrap().id;
    let (_, base) = library.load(contract, None).unwrap();
    let payable = library.find("Accounts payable").unwrap().id;
    let (_, draft_base) = library.load(payable, None).unwrap();
    drop(library);

    let saves = SAVES_PER_WRITER * rounds();
    let done = AtomicBool::new(false);
    let started = Instant::now();
    let (cli_failures, drafts) = std::thread::scope(|s| {
        let drafts: Vec<_> = (0..DRAFT_WRITERS)
            .map(|w| {
                let (lib, base, done) = (&lib, &draft_base, &done);
                s.spawn(move || draft_writer(lib, base, w, done))
            })
            .collect();
        let writers: Vec<_> = (0..CLI_WRITERS)
            .map(|w| {
                let (lib, base) = (&lib, &base);
                s.spawn(move || cli_writer(lib, base, w, saves))
            })
            .collect();
        let failures: Vec<String> = writers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect();
        done.store(true, Ordering::Relaxed);
        let drafts: Vec<_> = drafts.into_iter().map(|d| d.join().unwrap()).collect();
        (failures, drafts)
    });
    let elapsed = started.elapsed();
    let draft_writes: usize = drafts.iter().map(|(n, _)| n).sum();
    let draft_failures: Vec<&String> = drafts.iter().flat_map(|(_, f)| f).collect();
    let total = CLI_WRITERS * saves;
    eprintln!(
        "{CLI_WRITERS} CLI writers × {saves} saves = {total} saves and {DRAFT_WRITERS} draft writers ({draft_writes} drafts) in {:.1} s: {} failed saves, {} failed drafts",
        elapsed.as_secs_f64(),
        cli_failures.len(),
        draft_failures.len()
    );
    assert!(cli_failures.is_empty(), "{cli_failures:#?}");
    assert!(draft_failures.is_empty(), "{draft_failures:#?}");
    assert!(draft_writes > 0, "the draft writers wrote nothing");

    // Nothing lost: every save is one version, numbered without gaps after the sample's v1.
    let library = Library::open(&lib).unwrap();
    let history = library.history(contract).unwrap();
    assert_eq!(history.len(), total + 1);
    let numbers: Vec<u32> = history.iter().map(|v| v.number).collect();
    assert_eq!(numbers, (1..=total as u32 + 1).collect::<Vec<_>>());
    let mut messages: BTreeMap<&str, usize> = BTreeMap::new();
    for v in &history[1..] {
        *messages.entry(v.message.as_str()).or_default() += 1;
    }
    assert_eq!(messages.len(), total, "a save is missing or doubled");
    assert!(messages.values().all(|&n| n == 1));
    assert!(library.draft(payable).unwrap().is_some());

    let verify = flowlane(&lib, &["verify"]);
    assert_eq!(verify.status, 0, "{}{}", verify.stdout, verify.stderr);
}

/// The app polls `data_version` to notice versions saved by another process: it moves for a
/// commit through another connection (the CLI here) and never for the connection's own writes.
#[test]
fn data_version_moves_only_for_other_writers() {
    let (_dir, lib) = library_with_samples();
    let mut library = Library::open(&lib).unwrap();
    let contract = library.find("Contract review").unwrap().id;
    let (_, mut process) = library.load(contract, None).unwrap();
    let before = library.data_version().unwrap();

    process.info.owner = "own window".into();
    library
        .save_version(&process, "app", "own save", Utc::now())
        .unwrap();
    assert_eq!(library.data_version().unwrap(), before, "an own save");

    let file = lib.with_file_name("other.json");
    process.info.owner = "a terminal".into();
    std::fs::write(&file, canonical::to_bytes(&process)).unwrap();
    let saved = flowlane(
        &lib,
        &[
            "save",
            "Contract review",
            file.to_str().unwrap(),
            "-m",
            "from a terminal",
        ],
    );
    assert_eq!(saved.status, 0, "{}{}", saved.stdout, saved.stderr);
    assert_ne!(library.data_version().unwrap(), before, "another writer");
    assert_eq!(library.history(contract).unwrap().len(), 3);
}
