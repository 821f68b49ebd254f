//! Event logs written in tests: one case per trace of activity names.

use flowlane::conformance::net;
use flowlane::eventlog::{Case, Event, EventLog, Lifecycle};
use flowlane::model::Process;
use rand::{RngExt, SeedableRng};

/// A log with case `case-000`, `case-001`, … per trace; with `start` (ms since the epoch) each
/// case starts a day after the one before and its events follow an hour apart.
pub fn event_log<S: AsRef<str>>(traces: &[Vec<S>], start: Option<i64>) -> EventLog {
    let mut log = EventLog::default();
    for (i, trace) in traces.iter().enumerate() {
        let mut events = Vec::new();
        for (j, name) in trace.iter().enumerate() {
            let name = name.as_ref();
            let activity = match log.activities.iter().position(|a| a == name) {
                Some(a) => a as u32,
                None => {
                    log.activities.push(name.to_string());
                    log.activities.len() as u32 - 1
                }
            };
            events.push(Event {
                activity,
                time: start.map(|s| s + i as i64 * 86_400_000 + j as i64 * 3_600_000),
                resource: None,
                lifecycle: Lifecycle::Complete,
            });
        }
        log.cases.push(Case {
            id: format!("case-{i:03}"),
            events,
        });
    }
    log
}

/// `../shared/event-logs` beside the repository (further up from a worktree).
pub fn event_logs_dir() -> std::path::PathBuf {
    let mut dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    while dir.pop() {
        let candidate = dir.join("shared/event-logs");
        if candidate.is_dir() {
            return candidate;
        }
    }
    panic!("../shared/event-logs is missing");
}

/// `cases` runs through the process's net, each transition chosen at random among the enabled.
pub fn walk(process: &Process, cases: usize, seed: u64) -> Vec<Vec<String>> {
    let net = net::build(process);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut traces = Vec::new();
    while traces.len() < cases {
        let mut marking = net.initial();
        let mut trace = Vec::new();
        for _ in 0..400 {
            if net.is_final(&marking) {
                break;
            }
            let enabled: Vec<usize> = (0..net.transitions.len())
                .filter(|&t| net.enabled(t, &marking))
                .collect();
            if enabled.is_empty() {
                break;
            }
            let t = enabled[rng.random_range(0..enabled.len())];
            marking = net.fire(t, &marking).expect("tokens stay few");
            if let Some(l) = net.transitions[t].label {
                trace.push(net.labels[l as usize].clone());
            }
        }
        if net.is_final(&marking) && trace.len() < 60 {
            traces.push(trace);
        }
    }
    traces
}
