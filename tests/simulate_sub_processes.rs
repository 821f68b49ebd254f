//! Step simulation of what runs inside a sub-process: a multi-instance sub-process runs its
//! contents once per instance, and an interrupting escalation stops the path it was thrown on.
//! The other event rules: `simulate_events.rs`.

mod support;

use chrono::{DateTime, Utc};
use flowlane::model::{Id, Instances, NodeKind, Process, Repeat, Trigger};
use flowlane::simulate::{fire, no_calls, start, Action, Instance};
use serde_json::{json, Map, Value};
use support::shape::{self, boundary, shaped, tokens};

fn hours(h: i64) -> DateTime<Utc> {
    let t0: DateTime<Utc> = "2026-03-02T09:00:00Z".parse().expect("a time");
    t0 + chrono::Duration::hours(h)
}

fn begin(process: Process, values: Value) -> Instance {
    let data: Map<String, Value> = values.as_object().cloned().unwrap_or_default();
    start(process, data, hours(0), &no_calls).expect("starts")
}

fn node(instance: &Instance, name: &str) -> Id {
    shape::named(&instance.definition, name)
}

fn step(instance: Instance, name: &str) -> Instance {
    let action = Action::at(node(&instance, name));
    fire(instance, action).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn timer(iso: &str) -> Trigger {
    Trigger::after(iso)
}

/// Sub (W, 2h, inside) runs 3 times, side by side or one after another; a boundary timer of
/// 5 hours watches the whole activity.
fn repeated_sub_process(repeat: Repeat) -> Instance {
    let kind = NodeKind::SubProcess {
        sub: Default::default(),
        expanded: true,
        repeat: Some(repeat),
    };
    let process = shaped(
        "S:start -> Sub:task -> After:task{duration=1h} -> E:end
         IS:start -> W:task{duration=2h} -> IE:end
         Sub.late:task -> Late:task -> E2:end",
        vec![("Sub", kind), ("Sub.late", boundary(timer("PT5H"), true))],
        &[("IS", "Sub"), ("W", "Sub"), ("IE", "Sub")],
    );
    begin(process, json!({}))
}

#[test]
fn a_multi_instance_sub_process_runs_its_contents_once_per_instance() {
    let three = || Instances {
        count: Some("3".into()),
        collection: None,
        item: None,
    };
    let entered = step(repeated_sub_process(Repeat::Parallel(three())), "Sub");
    let w = ("IS".to_string(), "W".to_string(), hours(0));
    assert_eq!(tokens(&entered), [w.clone(), w.clone(), w]);
    let mut side_by_side = entered;
    for name in ["W", "W", "W", "IE", "IE", "IE"] {
        side_by_side = step(side_by_side, name);
    }
    assert_eq!(
        tokens(&side_by_side),
        [("Sub".into(), "After".into(), hours(2))]
    );
    // One after another, the third run would end at 6h: the 5-hour timer on Sub fires first.
    let mut in_turn = step(repeated_sub_process(Repeat::Sequential(three())), "Sub");
    for name in ["W", "IE", "W", "IE"] {
        in_turn = step(in_turn, name);
    }
    assert_eq!(tokens(&in_turn), [("IS".into(), "W".into(), hours(4))]);
    let timed_out = step(in_turn, "W");
    assert_eq!(
        tokens(&timed_out),
        [("Sub.late".into(), "Late".into(), hours(5))]
    );
    let too_many = repeated_sub_process(Repeat::Parallel(Instances {
        count: Some("1001".into()),
        collection: None,
        item: None,
    }));
    let action = Action::at(node(&too_many, "Sub"));
    let err = fire(too_many, action).unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"Sub\" cannot repeat: 1001 instances are more than a simulation follows (1000 at most)"
    );
}

#[test]
fn an_interrupting_escalation_thrown_inside_stops_the_path_it_was_thrown_on() {
    let (process, _) = support::build(
        "S:start -> Sub:sub -> After:task -> E:end
         IS:start{in=Sub} -> Esc:throw{in=Sub,on=escalation,code=LATE} -> More:task{in=Sub} -> IE:end{in=Sub}
         Sub.late:boundary{host=Sub,on=escalation,code=LATE} -> Handle:task -> E2:end",
    );
    let thrown = step(step(begin(process, json!({})), "Sub"), "Esc");
    assert_eq!(
        tokens(&thrown),
        [("Sub.late".into(), "Handle".into(), hours(0))]
    );
    assert!(thrown.active.is_empty());
}
