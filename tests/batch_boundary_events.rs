//! Batch simulation of message and signal boundary events and of date and cycle boundary timers,
//! by the step engine's rules: hand-computed runs with fixed durations, one instance a week.

mod support;

use chrono::{DateTime, Utc};
use flowlane::model::{Arrivals, Distribution, Duration, Process, Timer, Trigger};
use flowlane::simulate::batch::{simulate, BatchOptions, BatchResult, Control, StopAt};
use support::shape::{boundary, shaped};

/// Monday 2026-01-05 00:00 UTC.
fn monday() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_571_200, 0).expect("a time")
}

const INSTANCES: u64 = 4;

fn ran(mut process: Process) -> BatchResult {
    process.info.simulation.arrivals = Some(Arrivals::Interval {
        every: Duration::days(7),
    });
    let options = BatchOptions::new(3, StopAt::Instances(INSTANCES), monday());
    let result = simulate(&process, &options, Control::default()).expect("the run succeeds");
    assert_eq!(result.instances.counted, INSTANCES);
    assert_eq!(result.instances.stuck, 0);
    result
}

fn count(result: &BatchResult, name: &str) -> u64 {
    result
        .steps
        .iter()
        .find(|s| s.name == name)
        .map_or(0, |s| s.count)
}

fn hosted(duration: &str, trigger: Trigger, interrupting: bool) -> Process {
    shaped(
        &format!(
            "S:start -> A:task{{duration={duration}}} -> After:task{{duration=1h}} -> E:end
             A.b:task -> Handle:task{{duration=1h}} -> E2:end"
        ),
        vec![("A.b", boundary(trigger, interrupting))],
        &[],
    )
}

fn message(name: &str) -> Trigger {
    Trigger::Message {
        message: name.into(),
    }
}

fn arriving(mut process: Process, name: &str, after: Duration) -> Process {
    let fixed = Distribution::Fixed { value: after };
    process.info.simulation.messages.insert(name.into(), fixed);
    process
}

#[test]
fn a_message_boundary_fires_at_its_arrival_time_and_interrupts_its_host() {
    let process = arriving(
        hosted("2d", message("Cancel"), true),
        "Cancel",
        Duration::days(1),
    );
    let result = ran(process);
    assert_eq!(
        (
            count(&result, "A"),
            count(&result, "After"),
            count(&result, "Handle")
        ),
        (0, 0, INSTANCES)
    );
    assert_eq!(result.cycle_time.max_hours, 25.0);
    // A message that would arrive after the host completed never reaches it.
    let late = ran(arriving(
        hosted("2d", message("Cancel"), true),
        "Cancel",
        Duration::days(3),
    ));
    assert_eq!(
        (count(&late, "After"), count(&late, "Handle")),
        (INSTANCES, 0)
    );
}

#[test]
fn a_non_interrupting_message_boundary_adds_a_branch_and_one_without_arrivals_never_comes() {
    let process = arriving(
        hosted("2d", message("Reminder"), false),
        "Reminder",
        Duration::hours(5),
    );
    let result = ran(process);
    assert_eq!(
        (count(&result, "After"), count(&result, "Handle")),
        (INSTANCES, INSTANCES)
    );
    assert_eq!(result.cycle_time.max_hours, 49.0);
    let silent = ran(hosted("2d", message("Reminder"), true));
    assert_eq!(
        (count(&silent, "After"), count(&silent, "Handle")),
        (INSTANCES, 0)
    );
}

#[test]
fn a_cycle_boundary_fires_each_period_while_its_host_runs() {
    let cycle = Trigger::Timer {
        timer: Timer::Cycle("R3/PT1H".into()),
    };
    let twice = ran(hosted("150m", cycle.clone(), false));
    assert_eq!(count(&twice, "Handle"), 2 * INSTANCES);
    let thrice = ran(hosted("1d", cycle, false));
    assert_eq!(
        count(&thrice, "Handle"),
        3 * INSTANCES,
        "R3: three times at most"
    );
}

#[test]
fn a_date_boundary_fires_at_its_instant_and_at_once_when_it_has_passed() {
    let date = Trigger::Timer {
        timer: Timer::Date("2026-01-05T06:00:00Z".into()),
    };
    let result = ran(hosted("1d", date, true));
    assert_eq!(
        (count(&result, "After"), count(&result, "Handle")),
        (0, INSTANCES)
    );
    // The first instance is cancelled at 06:00 (then 1 hour of Handle), the later ones at once.
    assert_eq!(result.cycle_time.max_hours, 7.0);
    assert_eq!(result.cycle_time.mean_hours, (7.0 + 3.0) / 4.0);
}

#[test]
fn a_signal_thrown_in_the_instance_reaches_the_boundary_of_a_running_activity() {
    let process = support::build(
        "S:start -> Split:and -> A:task{duration=2d} -> E:end
         Split -> B:task{duration=4h} -> Go:throw{on=signal,signal=Recall} -> E3:end
         A.recall:boundary{host=A,on=signal,signal=Recall} -> Handle:task{duration=1h} -> E2:end",
    )
    .0;
    let result = ran(process);
    assert_eq!(
        (count(&result, "A"), count(&result, "Handle")),
        (0, INSTANCES)
    );
    assert_eq!(result.cycle_time.max_hours, 5.0);
}
