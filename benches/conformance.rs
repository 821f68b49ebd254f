//! Event logs and conformance in release: reading 1,000,000 generated events (CSV and XES,
//! target <= 3 s each), and — when `FLOWLANE_BENCH_MODEL` (a BPMN file) and
//! `FLOWLANE_BENCH_LOG` (a log file) are set, as `tests/conformance/oracle.py --bench` sets them
//! — reading that log, its optimal alignments and its token replay against the model, printed
//! as one JSON line of seconds for the oracle to compare with pm4py.

use std::fmt::Write as _;
use std::time::Instant;

use flowlane::conformance::{self, Part};
use flowlane::discover;
use flowlane::eventlog::{self, ReadOptions};

const EVENTS: usize = 1_000_000;

fn generated_csv() -> String {
    let mut text = String::from(
        "case:concept:name,concept:name,time:timestamp,org:resource,lifecycle:transition\n",
    );
    for i in 0..EVENTS {
        let (case, step) = (i / 10, i % 10);
        let _ = writeln!(
            text,
            "case-{case},Step {step},2026-03-{:02}T{:02}:{:02}:00.000+01:00,Clerk {},complete",
            1 + case % 28,
            step + 8,
            case % 60,
            case % 17
        );
    }
    text
}

fn generated_xes() -> String {
    let mut text =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<log xes.version=\"1.0\">\n");
    for case in 0..EVENTS / 10 {
        let _ = writeln!(
            text,
            "<trace><string key=\"concept:name\" value=\"case-{case}\"/>"
        );
        for step in 0..10 {
            let _ = writeln!(
                text,
                "<event><string key=\"concept:name\" value=\"Step {step}\"/><date key=\"time:timestamp\" value=\"2026-03-{:02}T{:02}:{:02}:00.000+01:00\"/><string key=\"org:resource\" value=\"Clerk {}\"/><string key=\"lifecycle:transition\" value=\"complete\"/></event>",
                1 + case % 28,
                step + 8,
                case % 60,
                case % 17
            );
        }
        text.push_str("</trace>\n");
    }
    text.push_str("</log>\n");
    text
}

/// The best of `runs` timings, in seconds.
fn best<T>(runs: usize, mut work: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(work());
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn verdict(seconds: f64, target: f64) -> &'static str {
    if seconds <= target {
        ""
    } else {
        "  OVER TARGET"
    }
}

fn main() {
    let options = ReadOptions::default();
    for (format, text) in [("CSV", generated_csv()), ("XES", generated_xes())] {
        let seconds = best(3, || {
            let log = eventlog::read(text.as_bytes(), &options, &mut |_| {}).expect("reads");
            assert_eq!(log.events(), EVENTS as u64);
        });
        println!(
            "flowlane-bench: reading 1,000,000 events of {format} ({} MB): {seconds:.2} s (target <= 3 s){}",
            text.len() / 1_000_000,
            verdict(seconds, 3.0)
        );
    }
    let (Ok(model), Ok(log_path)) = (
        std::env::var("FLOWLANE_BENCH_MODEL"),
        std::env::var("FLOWLANE_BENCH_LOG"),
    ) else {
        println!(
            "flowlane-bench: conformance against pm4py: run tests/conformance/oracle.py --bench"
        );
        return;
    };
    let bytes = std::fs::read(&log_path).expect("the log file");
    let read = best(5, || {
        eventlog::read(bytes.as_slice(), &options, &mut |_| {}).expect("reads")
    });
    let log = eventlog::read(bytes.as_slice(), &options, &mut |_| {}).expect("reads");
    let process = flowlane::bpmn::import(&std::fs::read(&model).expect("the model file"))
        .expect("the model imports");
    let alignments = best(3, || {
        conformance::check_parts(&process, 1, &log, Part::AlignmentsOnly).expect("aligns")
    });
    // Variants are aligned on every core; the same on one, for a like-for-like figure.
    let one_core = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let alignments_one_core = one_core.install(|| {
        best(3, || {
            conformance::check_parts(&process, 1, &log, Part::AlignmentsOnly).expect("aligns")
        })
    });
    let replay = best(5, || {
        conformance::check_parts(&process, 1, &log, Part::ReplayOnly).expect("replays")
    });
    let mine = best(5, || discover::mine(&log, 0.2).expect("mines"));
    let mut n = 0u128;
    let drafted = best(5, || {
        discover::discover(&log, 0.2, "receipt", &mut || {
            n += 1;
            uuid::Uuid::from_u128(n)
        })
        .expect("discovers")
    });
    println!(
        "{{\"read\": {read}, \"alignments\": {alignments}, \"alignments_one_core\": {alignments_one_core}, \"replay\": {replay}, \"mine\": {mine}, \"discover\": {drafted}}}"
    );
}
