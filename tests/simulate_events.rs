//! Step simulation of BPMN events and sub-processes: one test per rule (boundary timers, the
//! event-based race, messages, signals, conditions, errors and escalations, terminate, links,
//! sub-process contents, multi-instance and loop tasks).
//! The sample scenarios that exercise them: `simulate_event_samples.rs`.

mod support;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use flowlane::model::{Duration, Id, Instances, NodeKind, Process, Repeat, Trigger};
use flowlane::simulate::{enabled, fire, no_calls, run, start, Action, Instance, SimError, Status};
use serde_json::{json, Map, Value};
use support::shape::{self, boundary, events, message, shaped, tokens};

fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().expect("a time")
}

fn hours(h: i64) -> DateTime<Utc> {
    t0() + chrono::Duration::hours(h)
}

fn begin(process: Process, values: Value) -> Instance {
    let data: Map<String, Value> = values.as_object().cloned().unwrap_or_default();
    start(process, data, t0(), &no_calls).expect("starts")
}

fn node(instance: &Instance, name: &str) -> Id {
    shape::named(&instance.definition, name)
}

fn flow_between(instance: &Instance, from: &str, to: &str) -> Id {
    let (from, to) = (node(instance, from), node(instance, to));
    instance
        .definition
        .flows
        .iter()
        .find(|f| f.source == from && f.target == to)
        .expect("a flow")
        .id
}

fn step(instance: Instance, name: &str) -> Instance {
    let action = Action::at(node(&instance, name));
    fire(instance, action).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn step_taking(instance: Instance, name: &str, took: &str) -> Instance {
    let mut action = Action::at(node(&instance, name));
    action.took = Some(took.parse().expect("a duration"));
    fire(instance, action).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn timer(iso: &str) -> Trigger {
    Trigger::after(iso)
}

const HOSTED: &str = "
    S:start -> A:task{duration=1d} -> E:end
    A.late:task -> Esc:task{duration=1h} -> E2:end";

fn hosted(interrupting: bool) -> Instance {
    begin(
        shaped(
            HOSTED,
            vec![("A.late", boundary(timer("P2D"), interrupting))],
            &[],
        ),
        json!({}),
    )
}

#[test]
fn a_non_interrupting_boundary_timer_fires_when_the_host_runs_past_it_and_the_host_goes_on() {
    let late = step_taking(hosted(false), "A", "3d");
    assert_eq!(
        tokens(&late),
        [
            ("A".into(), "E".into(), hours(72)),
            ("A.late".into(), "Esc".into(), hours(48)),
        ]
    );
    assert!(events(&late).contains(
        &"A.late: timer 2d ran out while \"A\" ran: escalated (\"A\" goes on)".to_string()
    ));
    let in_time = step(hosted(false), "A");
    assert_eq!(tokens(&in_time), [("A".into(), "E".into(), hours(24))]);
    // Completing exactly at the deadline is in time.
    let at_deadline = step_taking(hosted(false), "A", "2d");
    assert_eq!(tokens(&at_deadline), [("A".into(), "E".into(), hours(48))]);
}

#[test]
fn an_interrupting_boundary_timer_cancels_the_host() {
    let late = step_taking(hosted(true), "A", "3d");
    assert_eq!(tokens(&late), [("A.late".into(), "Esc".into(), hours(48))]);
    assert!(events(&late)
        .contains(&"A.late: timer 2d ran out while \"A\" ran: \"A\" is cancelled".to_string()));
    assert!(!events(&late).contains(&"A: completed".to_string()));
    // The clock stops where the timer cancelled the step, not where the step would have ended.
    assert_eq!(late.now, hours(48));
    let done = step(step(late, "Esc"), "E2");
    assert!(matches!(done.status, Status::Ended { .. }));
}

fn race() -> Instance {
    begin(shape::race(), json!({}))
}

fn race_to(instance: Instance, target: &str, took: Option<&str>) -> Instance {
    let mut action = Action::at(node(&instance, "G"));
    action.take = vec![flow_between(&instance, "G", target)];
    action.took = took.map(|t| t.parse().expect("a duration"));
    fire(instance, action).expect("the race fires")
}

#[test]
fn the_event_based_gateway_offers_each_event_and_the_first_to_happen_wins() {
    let instance = race();
    let offered = enabled(&instance);
    assert_eq!(offered.len(), 2);
    let delivers: Vec<Option<String>> = offered.iter().map(|a| a.deliver.clone()).collect();
    assert!(delivers.contains(&Some("Reply".into())) && delivers.contains(&None));

    let message_first = race_to(race(), "M", Some("1d"));
    assert_eq!(
        tokens(&message_first),
        [("M".into(), "A".into(), hours(24))]
    );
    assert!(events(&message_first).contains(&"M: received Reply".to_string()));

    let timer_first = race_to(race(), "M", Some("5d"));
    assert_eq!(
        tokens(&timer_first),
        [("T".into(), "Late".into(), hours(72))]
    );
    let reason = &timer_first
        .log
        .iter()
        .find(|e| e.node_name == "G")
        .expect("G")
        .reason;
    assert_eq!(reason, "timer 3d ran out first");

    let timer_chosen = race_to(race(), "T", None);
    assert_eq!(
        tokens(&timer_chosen),
        [("T".into(), "Late".into(), hours(72))]
    );
}

#[test]
fn a_message_catch_waits_to_be_delivered_and_says_which_message() {
    let process = shaped(
        "S:start -> M:task -> E:end",
        vec![("M", message("Signed contract"))],
        &[],
    );
    let instance = begin(process, json!({}));
    let offered = enabled(&instance);
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].deliver.as_deref(), Some("Signed contract"));
    let delivered = step_taking(instance, "M", "2h");
    assert_eq!(tokens(&delivered), [("M".into(), "E".into(), hours(2))]);
}

#[test]
fn a_thrown_signal_moves_the_tokens_waiting_for_it() {
    let process = shaped(
        "S:start -> Split:and -> W:task -> A:task{duration=1h} -> E:end
         Split -> B:task{duration=2h} -> Go:task -> E2:end",
        vec![
            (
                "W",
                NodeKind::Catch {
                    trigger: Trigger::Signal {
                        signal: "go".into(),
                    },
                },
            ),
            (
                "Go",
                NodeKind::Throw {
                    trigger: Trigger::Signal {
                        signal: "go".into(),
                    },
                },
            ),
        ],
        &[],
    );
    let instance = step(step(step(begin(process, json!({})), "Split"), "B"), "Go");
    assert!(tokens(&instance).contains(&("W".into(), "A".into(), hours(2))));
    assert!(events(&instance).contains(&"W: caught signal go".to_string()));
}

#[test]
fn a_conditional_event_waits_until_its_condition_holds() {
    let text = "S:start -> A:task{sets=amount} -> C:task -> E:end";
    let process = shaped(
        text,
        vec![(
            "C",
            NodeKind::Catch {
                trigger: Trigger::Conditional {
                    condition: "amount > 100".into(),
                },
            },
        )],
        &[],
    );
    let fire_a = |value: i64| {
        let instance = begin(process.clone(), json!({"amount": 0}));
        let mut action = Action::at(node(&instance, "A"));
        action.set = json!({ "amount": value })
            .as_object()
            .cloned()
            .expect("object");
        fire(instance, action).expect("A fires")
    };
    assert!(matches!(fire_a(5).status, Status::Stuck { .. }));
    let holds = fire_a(500);
    assert_eq!(enabled(&holds).len(), 1);
    assert!(matches!(
        step(step(holds, "C"), "E").status,
        Status::Ended { .. }
    ));
}

const SUB: &str = "
    S:start -> Sub:task -> After:task{duration=1h} -> E:end
    IS:start -> W:task{duration=2h} -> Fail:xor -> IE:end
    Fail -> Boom:end
    Sub.caught:task -> Handle:task{duration=1h} -> E2:end";

fn sub_process(thrown: Trigger, caught: Option<Trigger>) -> Process {
    let mut kinds = vec![
        (
            "Sub",
            NodeKind::SubProcess {
                sub: Default::default(),
                expanded: true,
                repeat: None,
            },
        ),
        (
            "Boom",
            NodeKind::End {
                outcome: String::new(),
                trigger: thrown,
            },
        ),
    ];
    if let Some(caught) = caught {
        kinds.push(("Sub.caught", boundary(caught, true)));
    }
    shaped(
        SUB,
        kinds,
        &[
            ("IS", "Sub"),
            ("W", "Sub"),
            ("Fail", "Sub"),
            ("IE", "Sub"),
            ("Boom", "Sub"),
        ],
    )
}

fn choose(instance: Instance, gateway: &str, target: &str) -> Instance {
    let mut action = Action::at(node(&instance, gateway));
    action.take = vec![flow_between(&instance, gateway, target)];
    fire(instance, action).expect("the choice fires")
}

fn error(code: &str) -> Trigger {
    Trigger::Error { code: code.into() }
}

#[test]
fn a_sub_process_runs_its_contents_and_completes_when_they_are_done() {
    let instance = begin(sub_process(error("X"), Some(error("X"))), json!({}));
    let entered = step(instance, "Sub");
    assert_eq!(tokens(&entered), [("IS".into(), "W".into(), hours(0))]);
    let inside = step(choose(step(entered, "W"), "Fail", "IE"), "IE");
    assert_eq!(tokens(&inside), [("Sub".into(), "After".into(), hours(2))]);
    assert!(events(&inside).contains(&"Sub: completed".to_string()));
    let done = step(step(inside, "After"), "E");
    assert!(matches!(done.status, Status::Ended { .. }));
    assert_eq!(done.elapsed(), Duration::hours(3));
}

#[test]
fn an_error_end_inside_reaches_the_boundary_that_catches_its_code() {
    for caught in [error("X"), error("")] {
        let instance = begin(sub_process(error("X"), Some(caught)), json!({}));
        let thrown = step(
            choose(step(step(instance, "Sub"), "W"), "Fail", "Boom"),
            "Boom",
        );
        assert_eq!(
            tokens(&thrown),
            [("Sub.caught".into(), "Handle".into(), hours(2))]
        );
        assert!(thrown.active.is_empty());
        assert!(events(&thrown)
            .iter()
            .any(|e| e
                .starts_with("Sub.caught: caught error: X from \"Boom\"; \"Sub\" is cancelled")));
    }
}

#[test]
fn an_error_propagates_to_the_outer_sub_process_and_uncaught_ends_the_instance() {
    // Sub sits inside Outer; only Outer catches.
    let text = "
        S:start -> Outer:task -> E:end
        OS:start -> Sub:task -> OE:end
        IS:start -> W:task{duration=2h} -> Fail:xor -> IE:end
        Fail -> Boom:end
        Outer.caught:task -> Handle:task -> E2:end";
    let sub = || NodeKind::SubProcess {
        sub: Default::default(),
        expanded: true,
        repeat: None,
    };
    let kinds = |caught: bool| {
        let mut kinds = vec![
            ("Outer", sub()),
            ("Sub", sub()),
            (
                "Boom",
                NodeKind::End {
                    outcome: String::new(),
                    trigger: error("VOID"),
                },
            ),
        ];
        if caught {
            kinds.push(("Outer.caught", boundary(error("VOID"), true)));
        } else {
            kinds.push(("Outer.caught", boundary(error("OTHER"), true)));
        }
        kinds
    };
    let parents = [
        ("OS", "Outer"),
        ("Sub", "Outer"),
        ("OE", "Outer"),
        ("IS", "Sub"),
        ("W", "Sub"),
        ("Fail", "Sub"),
        ("IE", "Sub"),
        ("Boom", "Sub"),
    ];
    let throw = |caught: bool| {
        let instance = begin(shaped(text, kinds(caught), &parents), json!({}));
        let inside = step(step(step(instance, "Outer"), "Sub"), "W");
        step(choose(inside, "Fail", "Boom"), "Boom")
    };
    let caught = throw(true);
    assert_eq!(
        tokens(&caught),
        [("Outer.caught".into(), "Handle".into(), hours(2))]
    );
    let uncaught = throw(false);
    assert_eq!(
        uncaught.status,
        Status::Ended {
            node: node(&uncaught, "Boom"),
            outcome: "error VOID".into(),
            at: hours(2)
        }
    );
    assert!(events(&uncaught)
        .contains(&"Boom: error VOID was not caught: the instance ends".to_string()));
}

#[test]
fn an_escalation_boundary_that_does_not_interrupt_lets_the_sub_process_go_on() {
    let mut process = sub_process(Trigger::Escalation { code: "E1".into() }, None);
    let host = process
        .nodes
        .iter()
        .find(|n| n.name == "Sub")
        .expect("Sub")
        .id;
    let at = process
        .nodes
        .iter()
        .position(|n| n.name == "Sub.caught")
        .expect("boundary");
    process.nodes[at].kind = NodeKind::Boundary {
        host,
        trigger: Trigger::Escalation {
            code: String::new(),
        },
        interrupting: false,
    };
    let instance = begin(process, json!({}));
    let thrown = step(
        choose(step(step(instance, "Sub"), "W"), "Fail", "Boom"),
        "Boom",
    );
    // The escalation end consumed the only inner token, so the sub-process completes too.
    assert_eq!(
        tokens(&thrown),
        [
            ("Sub".into(), "After".into(), hours(2)),
            ("Sub.caught".into(), "Handle".into(), hours(2)),
        ]
    );
}

#[test]
fn a_terminate_end_ends_the_whole_instance() {
    let process = shape::terminating();
    let done = step(step(step(begin(process, json!({})), "Split"), "A"), "T");
    assert!(matches!(&done.status, Status::Ended { node, .. } if *node == node_id(&done, "T")));
    assert!(done.tokens.is_empty());
}

fn node_id(instance: &Instance, name: &str) -> Id {
    node(instance, name)
}

#[test]
fn a_link_throw_goes_on_at_the_catch_of_the_same_name() {
    let process = shape::linked();
    let jumped = step(begin(process, json!({})), "L");
    assert_eq!(tokens(&jumped), [("C".into(), "A".into(), hours(0))]);
}

fn repeated(repeat: Repeat) -> Instance {
    let (mut process, _) = support::build("S:start -> A:task{duration=1h} -> E:end");
    let at = process.nodes.iter().position(|n| n.name == "A").expect("A");
    if let NodeKind::Task { repeat: r, .. } = &mut process.nodes[at].kind {
        *r = Some(repeat);
    }
    begin(process, json!({}))
}

#[test]
fn multi_instance_tasks_run_side_by_side_or_one_after_another() {
    let count = Some("3".to_string());
    let parallel = step(
        repeated(Repeat::Parallel(Instances {
            count: count.clone(),
            collection: None,
            item: None,
        })),
        "A",
    );
    assert_eq!(tokens(&parallel), [("A".into(), "E".into(), hours(1))]);
    assert!(events(&parallel).contains(&"A: completed 3 times side by side".to_string()));
    let sequential = step(
        repeated(Repeat::Sequential(Instances {
            count,
            collection: None,
            item: None,
        })),
        "A",
    );
    assert_eq!(tokens(&sequential), [("A".into(), "E".into(), hours(3))]);
    let unknown = repeated(Repeat::Parallel(Instances {
        count: Some("reviewers".into()),
        collection: None,
        item: None,
    }));
    let action = Action::at(node(&unknown, "A"));
    let err = fire(unknown, action).unwrap_err();
    assert!(matches!(err, SimError::Repeat { .. }), "{err}");
}

#[test]
fn a_loop_that_never_ends_is_refused_and_one_that_ends_runs_once() {
    let looping = repeated(Repeat::Loop {
        condition: Some("true".into()),
    });
    let action = Action::at(node(&looping, "A"));
    let err = fire(looping, action).unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"A\" would loop for ever: its condition still holds after 1000 runs; let a step change the data it tests"
    );
    let once = step(
        repeated(Repeat::Loop {
            condition: Some("false".into()),
        }),
        "A",
    );
    assert_eq!(tokens(&once), [("A".into(), "E".into(), hours(1))]);
}

#[test]
fn old_scenario_actions_read_as_before_and_new_ones_round_trip() {
    let old: Action = serde_json::from_str(r#"{"node":"01a194ee-2f00-7920-9d2f-a8a80c3c0f8d"}"#)
        .expect("an old action");
    assert_eq!((old.took, old.deliver.as_deref()), (None, None));
    assert_eq!(
        serde_json::to_string(&old).expect("json"),
        r#"{"node":"01a194ee-2f00-7920-9d2f-a8a80c3c0f8d"}"#
    );
    let text = r#"{"node":"01a194ee-2f00-7920-9d2f-a8a80c3c0f8d","took":"6d","deliver":"Reply"}"#;
    let new: Action = serde_json::from_str(text).expect("a new action");
    assert_eq!(new.took, Some(Duration::days(6)));
    assert_eq!(serde_json::to_string(&new).expect("json"), text);
}

#[test]
fn a_run_without_choices_delivers_nothing_by_itself() {
    // An automatic run fires a message catch as the trainer would: it is always enabled.
    let process = shaped(
        "S:start -> M:task -> E:end",
        vec![("M", message("Reply"))],
        &[],
    );
    let ran = run(begin(process, json!({})), &BTreeMap::new(), 10);
    assert!(matches!(ran.instance.status, Status::Ended { .. }));
}
