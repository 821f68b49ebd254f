//! Step simulation of event sub-processes: armed while their scope runs, started by a message
//! the trainer delivers, a timer on the simulated clock or an error thrown inside the scope;
//! interrupting ones cancel the rest of the scope, the others run beside it, and the scope ends
//! when both are done. The batch run of the same fixtures: `batch_event_sub_processes.rs`.

mod support;

use chrono::{DateTime, Utc};
use flowlane::model::Process;
use flowlane::simulate::{enabled, fire, no_calls, start, Action, Instance, Status};
use serde_json::Map;
use support::event_subs::{CANCELLED_ORDER, REMINDED, SIGNALLED, VOIDED};
use support::shape::{self, events, tokens};

fn hours(h: i64) -> DateTime<Utc> {
    let t0: DateTime<Utc> = "2026-03-02T09:00:00Z".parse().expect("a time");
    t0 + chrono::Duration::hours(h)
}

fn begin(process: Process) -> Instance {
    start(process, Map::new(), hours(0), &no_calls).expect("starts")
}

fn action(instance: &Instance, name: &str) -> Action {
    Action::at(shape::named(&instance.definition, name))
}

fn step(instance: Instance, name: &str) -> Instance {
    let action = action(&instance, name);
    fire(instance, action).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn steps(mut instance: Instance, names: &[&str]) -> Instance {
    for name in names {
        instance = step(instance, name);
    }
    instance
}

fn offers(instance: &Instance, name: &str) -> bool {
    let node = shape::named(&instance.definition, name);
    enabled(instance).iter().any(|a| a.node == node)
}

fn ended_at(instance: &Instance) -> DateTime<Utc> {
    match &instance.status {
        Status::Ended { at, .. } => *at,
        other => panic!("not ended: {other:?}"),
    }
}

#[test]
fn a_message_starts_an_interrupting_event_sub_process_that_cancels_the_rest() {
    let (process, _) = support::build(CANCELLED_ORDER);
    let instance = begin(process);
    let offered = enabled(&instance);
    let vs = shape::named(&instance.definition, "VS");
    let deliver = offered
        .iter()
        .find(|a| a.node == vs)
        .expect("the trainer may deliver the message");
    assert_eq!(deliver.deliver.as_deref(), Some("Cancel"));

    let mut cancel = deliver.clone();
    cancel.took = Some("1h".parse().expect("a duration"));
    let cancelled = fire(instance, cancel).expect("the message arrives");
    assert_eq!(tokens(&cancelled), [("VS".into(), "VA".into(), hours(1))]);
    assert!(
        events(&cancelled).contains(
            &"VS: message: Cancel arrived: \"V\" starts, the rest of the process is cancelled"
                .to_string()
        ),
        "{:?}",
        events(&cancelled)
    );
    assert!(!offers(&cancelled, "VS"), "an interrupting one starts once");
    let done = steps(cancelled, &["VA", "VE"]);
    assert_eq!(ended_at(&done), hours(2));
    assert!(!events(&done).iter().any(|e| e.starts_with("A: completed")));
}

#[test]
fn a_timer_starts_a_non_interrupting_event_sub_process_beside_the_work_of_its_scope() {
    let (process, _) = support::build(REMINDED);
    let instance = begin(process);
    assert!(!offers(&instance, "VS"), "armed only while P runs");
    let entered = step(instance, "P");
    assert!(
        offers(&entered, "VS"),
        "the trainer may let the timer run out"
    );
    // PA would finish at 5h: the timer runs out first, at 2h, and PA goes on.
    let reminded = step(entered, "PA");
    assert_eq!(
        tokens(&reminded),
        [
            ("PA".into(), "PE".into(), hours(5)),
            ("VS".into(), "VA".into(), hours(2)),
        ]
    );
    assert!(
        events(&reminded)
            .contains(&"VS: timer 2h ran out: \"V\" starts, \"P\" goes on".to_string()),
        "{:?}",
        events(&reminded)
    );
    assert!(
        !offers(&reminded, "VS"),
        "the timer fires once per run of P"
    );
    // P completes once both its work and the event sub-process are done.
    let waiting = steps(reminded, &["PE", "VA"]);
    assert_eq!(tokens(&waiting), [("VA".into(), "VE".into(), hours(3))]);
    let done = steps(waiting, &["VE", "After", "E"]);
    assert_eq!(ended_at(&done), hours(6));
}

#[test]
fn letting_the_timer_run_out_by_hand_starts_it_at_its_deadline() {
    let (process, _) = support::build(REMINDED);
    let entered = step(begin(process), "P");
    let reminded = step(entered, "VS");
    assert_eq!(
        tokens(&reminded),
        [
            ("PS".into(), "PA".into(), hours(0)),
            ("VS".into(), "VA".into(), hours(2)),
        ]
    );
}

#[test]
fn an_error_thrown_inside_the_scope_starts_the_event_sub_process_and_cancels_the_rest() {
    let (process, _) = support::build(VOIDED);
    let thrown = steps(begin(process), &["P", "G", "PA", "PX"]);
    assert_eq!(tokens(&thrown), [("VS".into(), "VA".into(), hours(1))]);
    assert!(
        events(&thrown).contains(
            &"VS: caught error: VOID from \"PX\": \"V\" starts, the rest of \"P\" is cancelled"
                .to_string()
        ),
        "{:?}",
        events(&thrown)
    );
    let done = steps(thrown, &["VA", "VE", "After", "E"]);
    assert_eq!(ended_at(&done), hours(4));
    assert!(!events(&done).iter().any(|e| e.starts_with("PB: completed")));
}

#[test]
fn a_signal_thrown_in_the_process_starts_an_event_sub_process_waiting_for_it() {
    let (process, _) = support::build(SIGNALLED);
    let thrown = steps(begin(process), &["A", "T"]);
    assert_eq!(
        tokens(&thrown),
        [
            ("T".into(), "E".into(), hours(1)),
            ("VS".into(), "VA".into(), hours(1)),
        ]
    );
    let done = steps(thrown, &["E", "VA", "VE"]);
    assert_eq!(ended_at(&done), hours(2));
}

#[test]
fn the_fixtures_are_valid() {
    for fixture in [CANCELLED_ORDER, REMINDED, VOIDED, SIGNALLED] {
        let problems = support::problems(fixture);
        assert!(
            !problems
                .iter()
                .any(|p| p.severity == flowlane::validate::Severity::Error
                    || p.code == "throw-uncaught"),
            "{problems:?}"
        );
    }
}

#[test]
fn a_run_without_a_trainer_delivers_no_message_to_an_event_sub_process() {
    let (process, _) = support::build(CANCELLED_ORDER);
    let done = flowlane::simulate::run(begin(process), &Default::default(), 100);
    assert_eq!(done.stop, flowlane::simulate::Stop::Ended);
    assert_eq!(ended_at(&done.instance), hours(3));
    // A timer is the clock's, not the trainer's: it runs out in a run too.
    let (process, _) = support::build(REMINDED);
    let done = flowlane::simulate::run(begin(process), &Default::default(), 100);
    assert!(events(&done.instance)
        .iter()
        .any(|e| e.starts_with("VS: timer 2h ran out")));
    assert_eq!(ended_at(&done.instance), hours(6));
}
