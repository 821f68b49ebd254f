//! Batch simulation of event sub-processes, by the step engine's rules (the same fixtures as
//! `simulate_event_sub_processes.rs`): hand-computed runs with fixed durations, one instance a
//! week so none waits for another.

mod support;

use chrono::{DateTime, Utc};
use flowlane::model::{Arrivals, Distribution, Duration, Process};
use flowlane::simulate::batch::{simulate, BatchOptions, BatchResult, Control, StopAt};

use support::event_subs as step;
/// Monday 2026-01-05 00:00 UTC.
fn monday() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_571_200, 0).expect("a time")
}

const INSTANCES: u64 = 4;

fn ran(fixture: &str, messages: &[(&str, &str)]) -> BatchResult {
    let (mut process, _): (Process, _) = support::build(fixture);
    process.info.simulation.arrivals = Some(Arrivals::Interval {
        every: Duration::days(7),
    });
    for (name, after) in messages {
        let value = after.parse().expect("a duration");
        (process.info.simulation.messages).insert(name.to_string(), Distribution::Fixed { value });
    }
    let options = BatchOptions::new(3, StopAt::Instances(INSTANCES), monday());
    simulate(&process, &options, Control::default()).expect("the run succeeds")
}

/// How often task `name` completed.
fn count(result: &BatchResult, name: &str) -> u64 {
    result
        .steps
        .iter()
        .find(|s| s.name == name)
        .map_or(0, |s| s.count)
}

/// Every instance ended, none stuck, each taking `hours`.
fn each_took(result: &BatchResult, hours: f64) {
    assert_eq!(result.instances.counted, INSTANCES);
    assert_eq!(result.instances.stuck, 0);
    assert_eq!(result.instances.unfinished, 0);
    assert_eq!(
        (result.cycle_time.mean_hours, result.cycle_time.max_hours),
        (hours, hours)
    );
}

#[test]
fn a_message_arriving_starts_an_interrupting_event_sub_process_that_cancels_the_rest() {
    let cancelled = ran(step::CANCELLED_ORDER, &[("Cancel", "1h")]);
    each_took(&cancelled, 2.0);
    assert_eq!(
        (count(&cancelled, "A"), count(&cancelled, "VA")),
        (0, INSTANCES)
    );
    // After the work is done the scope is over: a late message starts nothing.
    let late = ran(step::CANCELLED_ORDER, &[("Cancel", "4h")]);
    each_took(&late, 3.0);
    assert_eq!((count(&late, "B"), count(&late, "VA")), (INSTANCES, 0));
    // Without an arrival time the message never comes.
    let never = ran(step::CANCELLED_ORDER, &[]);
    each_took(&never, 3.0);
    assert_eq!(count(&never, "VA"), 0);
}

#[test]
fn a_timer_starts_a_non_interrupting_event_sub_process_and_the_scope_waits_for_it() {
    let reminded = ran(step::REMINDED, &[]);
    // P: PA 5h, the reminder from 2h to 3h beside it; After 1h.
    each_took(&reminded, 6.0);
    assert_eq!(
        (count(&reminded, "PA"), count(&reminded, "VA")),
        (INSTANCES, INSTANCES)
    );
}

#[test]
fn an_error_thrown_inside_the_scope_starts_the_event_sub_process_and_cancels_the_rest() {
    let voided = ran(step::VOIDED, &[]);
    // PA 1h throws; VA 2h; After 1h. PB (5h) is cancelled.
    each_took(&voided, 4.0);
    assert_eq!(
        (
            count(&voided, "PB"),
            count(&voided, "VA"),
            count(&voided, "After")
        ),
        (0, INSTANCES, INSTANCES)
    );
}

#[test]
fn a_signal_thrown_starts_the_event_sub_process_waiting_for_it() {
    let signalled = ran(step::SIGNALLED, &[]);
    each_took(&signalled, 2.0);
    assert_eq!(count(&signalled, "VA"), INSTANCES);
}
