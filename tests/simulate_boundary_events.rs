//! Step simulation of message and signal boundary events (delivered by the trainer while the host
//! runs, or thrown inside the instance), of date and cycle boundary timers, and of intermediate date
//! and cycle timers, alone or racing after an event-based gateway.

mod support;

use chrono::{DateTime, Utc};
use flowlane::model::{Process, Timer, Trigger};
use flowlane::simulate::{enabled, fire, no_calls, start, Action, Instance, SimError, Status};
use serde_json::Map;
use support::shape::{self, boundary, events, shaped, tokens};

fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().expect("a time")
}

fn hours(h: i64) -> DateTime<Utc> {
    t0() + chrono::Duration::hours(h)
}

fn begin(process: Process) -> Instance {
    start(process, Map::new(), t0(), &no_calls).expect("starts")
}

fn act(instance: &Instance, name: &str, took: Option<&str>) -> Action {
    let mut action = Action::at(shape::named(&instance.definition, name));
    action.took = took.map(|t| t.parse().expect("a duration"));
    action
}

fn step(instance: Instance, name: &str, took: Option<&str>) -> Instance {
    let action = act(&instance, name, took);
    fire(instance, action).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn offered(instance: &Instance) -> Vec<(String, Option<String>)> {
    enabled(instance)
        .iter()
        .map(|a| {
            let name = instance
                .definition
                .node(a.node)
                .expect("a node")
                .name
                .clone();
            (name, a.deliver.clone())
        })
        .collect()
}

fn hosted(trigger: &str, interrupting: bool) -> Instance {
    let flag = if interrupting { "" } else { ",interrupting=no" };
    begin(
        support::build(&format!(
            "S:start -> A:task{{duration=2d}} -> E:end
             A.cancel:boundary{{host=A,{trigger}{flag}}} -> Handle:task{{duration=1h}} -> E2:end"
        ))
        .0,
    )
}

#[test]
fn a_message_boundary_is_offered_while_its_host_runs_and_an_interrupting_one_cancels_it() {
    let instance = hosted("on=message,message=Cancelled", true);
    assert_eq!(
        offered(&instance),
        [
            ("A".to_string(), None),
            ("A.cancel".to_string(), Some("Cancelled".to_string()))
        ]
    );
    let cancelled = step(instance, "A.cancel", Some("5h"));
    assert_eq!(
        tokens(&cancelled),
        [("A.cancel".into(), "Handle".into(), hours(5))]
    );
    assert!(events(&cancelled).contains(
        &"A.cancel: message Cancelled arrived while \"A\" ran: \"A\" is cancelled".to_string()
    ));
    assert_eq!(offered(&cancelled), [("Handle".to_string(), None)]);
    let done = step(step(cancelled, "Handle", None), "E2", None);
    assert!(matches!(done.status, Status::Ended { .. }));
    assert!(!events(&done).contains(&"A: completed".to_string()));
}

#[test]
fn a_non_interrupting_message_adds_a_token_and_may_come_again_while_the_host_goes_on() {
    let instance = hosted("on=message,message=Reminder", false);
    let once = step(instance, "A.cancel", Some("1h"));
    let twice = step(once, "A.cancel", Some("3h"));
    assert_eq!(
        tokens(&twice),
        [
            ("A.cancel".into(), "Handle".into(), hours(1)),
            ("A.cancel".into(), "Handle".into(), hours(3)),
            ("S".into(), "A".into(), t0()),
        ]
    );
    let done = step(twice, "A", None);
    assert!(tokens(&done).contains(&("A".into(), "E".into(), hours(48))));
    // Once the host completed, the boundary is no longer offered.
    assert!(!offered(&done).iter().any(|(name, _)| name == "A.cancel"));
}

#[test]
fn a_signal_boundary_is_broadcast_by_the_trainer_or_thrown_inside_the_instance() {
    let by_hand = step(hosted("on=signal,signal=Recall", true), "A.cancel", None);
    assert_eq!(
        tokens(&by_hand),
        [("A.cancel".into(), "Handle".into(), t0())]
    );
    let process = support::build(
        "S:start -> Split:and -> A:task{duration=2d} -> E:end
         Split -> B:task{duration=4h} -> Go:throw{on=signal,signal=Recall} -> E3:end
         A.recall:boundary{host=A,on=signal,signal=Recall} -> Handle:task -> E2:end",
    )
    .0;
    let thrown = step(
        step(step(begin(process), "Split", None), "B", None),
        "Go",
        None,
    );
    assert_eq!(
        tokens(&thrown),
        [
            ("A.recall".into(), "Handle".into(), hours(4)),
            ("Go".into(), "E3".into(), hours(4)),
        ]
    );
}

#[test]
fn a_boundary_timer_that_runs_out_before_the_message_arrives_wins() {
    let process = support::build(
        "S:start -> A:task{duration=5d} -> E:end
         A.reply:boundary{host=A,on=message,message=Reply} -> Got:task -> E2:end
         A.late:boundary{host=A,on=timer,iso=P1D} -> Chase:task -> E3:end",
    )
    .0;
    let late = step(begin(process), "A.reply", Some("2d"));
    assert_eq!(
        tokens(&late),
        [("A.late".into(), "Chase".into(), hours(24))]
    );
}

#[test]
fn a_message_boundary_on_a_sub_process_cancels_its_contents() {
    let process = support::build(
        "S:start -> Sub:sub -> After:task -> E:end
         IS:start{in=Sub} -> W:task{in=Sub,duration=1d} -> IE:end{in=Sub}
         Sub.stop:boundary{host=Sub,on=message,message=Stop} -> Handle:task -> E2:end",
    )
    .0;
    let instance = begin(process);
    // Not offered before the sub-process runs.
    assert!(!offered(&instance).iter().any(|(n, _)| n == "Sub.stop"));
    let running = step(instance, "Sub", None);
    assert!(offered(&running).iter().any(|(n, _)| n == "Sub.stop"));
    let stopped = step(running, "Sub.stop", Some("3h"));
    assert_eq!(
        tokens(&stopped),
        [("Sub.stop".into(), "Handle".into(), hours(3))]
    );
    assert!(stopped.active.is_empty());
}

#[test]
fn a_boundary_message_not_running_is_refused() {
    let instance = hosted("on=message,message=Cancelled", true);
    let done = step(instance, "A", None);
    let action = act(&done, "A.cancel", None);
    assert!(matches!(
        fire(done, action),
        Err(SimError::NotEnabled { .. })
    ));
}

fn timed(timer: Timer, interrupting: bool) -> Instance {
    begin(shaped(
        "S:start -> A:task{duration=1d} -> E:end
         A.t:task -> Nudge:task{duration=1h} -> E2:end",
        vec![("A.t", boundary(Trigger::Timer { timer }, interrupting))],
        &[],
    ))
}

#[test]
fn a_non_interrupting_cycle_fires_each_time_its_period_passes_while_the_host_runs() {
    let cycle = Timer::Cycle("R3/PT1H".into());
    let done = step(timed(cycle.clone(), false), "A", Some("150m"));
    assert_eq!(
        tokens(&done),
        [
            (
                "A".into(),
                "E".into(),
                t0() + chrono::Duration::minutes(150)
            ),
            ("A.t".into(), "Nudge".into(), hours(1)),
            ("A.t".into(), "Nudge".into(), hours(2)),
        ]
    );
    // At most as often as it says.
    let long = step(timed(cycle, false), "A", Some("1d"));
    assert_eq!(
        tokens(&long).iter().filter(|t| t.0 == "A.t").count(),
        3,
        "R3 fires three times"
    );
}

#[test]
fn a_date_timer_fires_at_its_instant() {
    let date = Timer::Date("2026-03-02T15:00:00Z".into());
    let late = step(timed(date.clone(), true), "A", None);
    assert_eq!(tokens(&late), [("A.t".into(), "Nudge".into(), hours(6))]);
    assert!(events(&late)
        .iter()
        .any(|e| e.starts_with("A.t: timer on 2 March 2026, 15:00")));
    let in_time = step(timed(date, true), "A", Some("5h"));
    assert_eq!(tokens(&in_time), [("A".into(), "E".into(), hours(5))]);
}

#[test]
fn a_cycle_on_a_sub_process_fires_once_per_period_across_its_steps() {
    let process = support::build(
        "S:start -> Sub:sub -> After:task -> E:end
         IS:start{in=Sub} -> W1:task{in=Sub,duration=90m} -> W2:task{in=Sub,duration=90m} -> IE:end{in=Sub}
         Sub.tick:boundary{host=Sub,on=timer,cycle=R/PT1H,interrupting=no} -> Note:task -> E2:end",
    )
    .0;
    let after_w1 = step(step(begin(process), "Sub", None), "W1", None);
    let ticks = |i: &Instance| tokens(i).iter().filter(|t| t.0 == "Sub.tick").count();
    assert_eq!(ticks(&after_w1), 1);
    let after_w2 = step(after_w1, "W2", None);
    assert_eq!(ticks(&after_w2), 2, "at 1h and 2h, not the first again");
    let done = step(after_w2, "IE", None);
    assert!(tokens(&done).contains(&("Sub".into(), "After".into(), hours(3))));
}

fn waiting(timer: Timer) -> Instance {
    begin(shaped(
        "S:start -> W:task -> A:task{duration=1h} -> E:end",
        vec![(
            "W",
            flowlane::model::NodeKind::Catch {
                trigger: Trigger::Timer { timer },
            },
        )],
        &[],
    ))
}

#[test]
fn an_intermediate_date_or_cycle_timer_holds_the_token_until_it_fires() {
    let date = step(
        waiting(Timer::Date("2026-03-05T08:00:00Z".into())),
        "W",
        None,
    );
    assert_eq!(
        tokens(&date),
        [("W".into(), "A".into(), hours(71))],
        "from Monday 09:00 to Thursday 08:00"
    );
    assert!(
        events(&date).iter().any(|e| e.contains("waited")),
        "{:?}",
        events(&date)
    );
    // A date already passed lets the token go at once; a cycle at its first firing.
    let passed = step(waiting(Timer::Date("2026-01-01".into())), "W", None);
    assert_eq!(tokens(&passed), [("W".into(), "A".into(), t0())]);
    let cycle = step(waiting(Timer::Cycle("R/PT2H".into())), "W", None);
    assert_eq!(tokens(&cycle), [("W".into(), "A".into(), hours(2))]);
}

#[test]
fn a_date_timer_after_an_event_gateway_wins_the_race_when_it_comes_first() {
    let mut process = shape::race();
    let t = shape::named(&process, "T");
    let node = process.nodes.iter_mut().find(|n| n.id == t).expect("T");
    node.kind = flowlane::model::NodeKind::Catch {
        trigger: Trigger::Timer {
            timer: Timer::Date("2026-03-03T09:00:00Z".into()),
        },
    };
    let at_g = begin(process);
    let gateway = shape::named(&at_g.definition, "G");
    let message = shape::named(&at_g.definition, "M");
    let way = at_g
        .definition
        .flows
        .iter()
        .find(|f| f.source == gateway && f.target == message)
        .expect("the way to the message")
        .id;
    // The reply would come after two days; the date, a day after the start, comes first.
    let mut action = Action::at(gateway);
    action.take = vec![way];
    action.took = Some("2d".parse().expect("a duration"));
    let raced = fire(at_g, action).expect("the race is run");
    assert_eq!(tokens(&raced), [("T".into(), "Late".into(), hours(24))]);
    let reason = &raced
        .log
        .iter()
        .find(|e| e.node_name == "G")
        .expect("G")
        .reason;
    assert!(
        reason.starts_with("timer ") && reason.ends_with(" ran out first"),
        "{reason}"
    );
}
