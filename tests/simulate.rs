//! Step simulation: one test per semantic rule on small fixtures, the sample scenarios end where
//! and when they should, and generated processes always end or say why they cannot.

mod support;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use flowlane::model::{Duration, Id, Process};
use flowlane::simulate::{
    self, compare, enabled, fire, no_calls, replay, run, start, Action, Instance, SimError, Status,
    Stop,
};
use serde_json::{json, Map, Value};
use support::{build, KNOWN_PROCESS};

fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().expect("a time")
}

fn data(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

fn begin(fixture: &str, values: Value) -> Instance {
    let (process, _) = build(fixture);
    start(process, data(values), t0(), &no_calls).expect("the fixture starts")
}

fn node(instance: &Instance, name: &str) -> Id {
    support::shape::named(&instance.definition, name)
}

/// Runs with no choices and returns the names of the nodes fired, in order.
fn path(instance: Instance) -> (Vec<String>, Run) {
    let run = run(instance, &BTreeMap::new(), 200);
    let names = run
        .instance
        .log
        .iter()
        .filter(|e| e.step > 0)
        .map(|e| e.node_name.clone())
        .collect();
    (names, run)
}

type Run = simulate::Run;

fn ended_at(instance: &Instance) -> Option<(String, Duration)> {
    match &instance.status {
        Status::Ended { node, .. } => {
            let name = instance.definition.node(*node)?.name.clone();
            Some((name, instance.elapsed()))
        }
        _ => None,
    }
}

const DECISION: &str = "
    S:start -> G:xor -> Big:task{duration=2h} | big | amount > 10000
    G -> Small:task{duration=1h} | small | amount <= 100
    G -> Usual:task{duration=30m} | usual | default
    Big -> E:end
    Small -> E
    Usual -> E";

#[test]
fn exclusive_gateway_takes_the_first_true_condition_else_the_default() {
    let table = [
        (json!({"amount": 12500}), "Big", "`amount > 10000` is true"),
        (json!({"amount": 50}), "Small", "`amount <= 100` is true"),
        (
            json!({"amount": 500}),
            "Usual",
            "no condition is true (`amount > 10000` → false, `amount <= 100` → false); took the default flow",
        ),
    ];
    for (values, expected, reason) in table {
        let (names, run) = path(begin(DECISION, values.clone()));
        assert_eq!(names, ["G", expected, "E"], "{values}");
        assert_eq!(run.stop, Stop::Ended);
        let decision = &run.instance.log[1];
        assert_eq!(decision.reason, reason);
        assert!(decision.event.starts_with("took"), "{}", decision.event);
    }
}

#[test]
fn no_true_condition_and_no_default_offers_the_choice_with_the_evaluations() {
    let fixture = "
        S:start -> G:xor -> A:task | big | amount > 10000
        G -> B:task | special | department == \"Legal\"
        A -> E:end
        B -> E";
    let instance = begin(fixture, json!({"amount": 50, "department": "IT"}));
    let offered = enabled(&instance);
    assert_eq!(offered.len(), 2);
    assert!(offered.iter().all(|a| a.node == node(&instance, "G")));
    let results: Vec<(&str, Option<bool>)> = offered[0]
        .evaluations
        .iter()
        .map(|e| (e.condition.as_str(), e.value))
        .collect();
    assert_eq!(
        results,
        [
            ("amount > 10000", Some(false)),
            ("department == \"Legal\"", Some(false))
        ]
    );
    let stopped = run(instance.clone(), &BTreeMap::new(), 10);
    assert!(matches!(stopped.stop, Stop::NeedsChoice { .. }));
    assert_eq!(
        stopped.stop.explain(&stopped.instance),
        "waiting for a choice at \"G\" (`amount > 10000` → false, `department == \"Legal\"` → false): \
         choose one of \"big\", \"special\""
    );
    let chosen = fire(instance, offered[1].clone()).expect("the user's choice");
    let entry = chosen.log.last().expect("logged");
    assert_eq!(entry.event, "took \"special\" to \"B\"");
    assert!(entry
        .reason
        .starts_with("chosen by the user: no condition is true"));
    assert_eq!(
        enabled(&chosen).first().map(|a| a.node),
        Some(node(&chosen, "B"))
    );
}

#[test]
fn parallel_join_waits_for_every_branch() {
    let fixture = "
        S:start -> P:and -> A:task{duration=1h}
        P -> B:task{duration=3h}
        A -> J:and -> E:end
        B -> J";
    let mut instance = begin(fixture, json!({}));
    instance = fire(instance.clone(), Action::at(node(&instance, "P"))).expect("split");
    instance = fire(instance.clone(), Action::at(node(&instance, "A"))).expect("A");
    let join = node(&instance, "J");
    assert!(enabled(&instance).iter().all(|a| a.node != join));
    instance = fire(instance.clone(), Action::at(node(&instance, "B"))).expect("B");
    assert!(enabled(&instance).iter().any(|a| a.node == join));
    let (_, run) = path(instance);
    assert_eq!(
        ended_at(&run.instance),
        Some(("E".to_string(), Duration::hours(3)))
    );
}

#[test]
fn inclusive_join_waits_only_for_tokens_that_can_still_arrive() {
    let fixture = "
        S:start -> O:or -> A:task{duration=1h} | some | amount > 10
        O -> B:task{duration=5h} | more | amount > 1000
        A -> J:or -> E:end
        B -> J";
    // One branch taken: the join fires as soon as it arrives.
    let (names, run) = path(begin(fixture, json!({"amount": 50})));
    assert_eq!(names, ["O", "A", "J", "E"]);
    assert_eq!(run.instance.elapsed(), Duration::hours(1));
    // Both taken: after A the join waits for B's token.
    let mut instance = begin(fixture, json!({"amount": 5000}));
    instance = fire(instance.clone(), Action::at(node(&instance, "O"))).expect("split");
    assert_eq!(instance.tokens.len(), 2);
    instance = fire(instance.clone(), Action::at(node(&instance, "A"))).expect("A");
    let join = node(&instance, "J");
    assert!(enabled(&instance).iter().all(|a| a.node != join));
    let (names, run) = path(instance);
    assert_eq!(names, ["O", "A", "B", "J", "E"]);
    assert_eq!(run.instance.elapsed(), Duration::hours(5));
}

#[test]
fn timers_and_durations_advance_the_clock() {
    let fixture = "S:start -> A:task{duration=4h} -> T:timer{wait=2d} -> E:end";
    let (_, run) = path(begin(fixture, json!({})));
    let times: Vec<(String, String)> = run
        .instance
        .log
        .iter()
        .map(|e| (e.node_name.clone(), e.at.to_rfc3339()))
        .collect();
    assert_eq!(
        times,
        [
            ("S".to_string(), "2026-03-02T09:00:00+00:00".to_string()),
            ("A".into(), "2026-03-02T13:00:00+00:00".into()),
            ("T".into(), "2026-03-04T13:00:00+00:00".into()),
            ("E".into(), "2026-03-04T13:00:00+00:00".into()),
        ]
    );
    assert_eq!(run.instance.log[2].event, "waited 2d");
}

#[test]
fn step_and_process_sla_breaches_are_recorded() {
    let fixture = "
        @sla=2d
        S:start -> Slow:task{duration=3d,sla=1d} -> Quick:task{duration=1h,sla=1d} -> E:end";
    let (_, run) = path(begin(fixture, json!({})));
    let breaches: Vec<(u32, String, String, String)> = run
        .instance
        .breaches
        .iter()
        .map(|b| {
            (
                b.step,
                b.name.clone(),
                b.target.to_string(),
                b.actual.to_string(),
            )
        })
        .collect();
    assert_eq!(
        breaches,
        [
            (1, "Slow".into(), "1d".into(), "3d".into()),
            (1, "Fixture".into(), "2d".into(), "3d".into()),
        ]
    );
}

#[test]
fn a_call_activity_runs_the_called_process_as_a_child() {
    let (mut called, _) = build("S:start -> Payslip:task{duration=2h} -> Done:end");
    called.info.name = "Payroll".into();
    called.id = KNOWN_PROCESS;
    let resolver = move |id: Id, _: Option<u32>| (id == KNOWN_PROCESS).then(|| called.clone());
    let (parent, _) = build("S:start -> C:call -> After:task{duration=1h} -> E:end");
    let mut instance = start(parent, Map::new(), t0(), &resolver).expect("starts");
    instance = fire(instance.clone(), Action::at(node(&instance, "C"))).expect("call");
    assert_eq!(instance.calls.len(), 1);
    let inside = enabled(&instance);
    assert_eq!(inside[0].path, vec![node(&instance, "C")]);
    let (_, run) = path(instance);
    let lines: Vec<(String, String)> = run
        .instance
        .log
        .iter()
        .map(|e| (e.process.clone(), format!("{} {}", e.node_name, e.event)))
        .collect();
    assert_eq!(
        lines[1..],
        [
            ("Fixture".to_string(), "C called \"Payroll\"".to_string()),
            ("Payroll".into(), "S started".into()),
            ("Payroll".into(), "Payslip completed".into()),
            ("Payroll".into(), "Done ended".into()),
            ("Fixture".into(), "C returned from \"Payroll\"".into()),
            ("Fixture".into(), "After completed".into()),
            ("Fixture".into(), "E ended".into()),
        ]
    );
    assert_eq!(run.instance.elapsed(), Duration::hours(3));
    // Without the called definition the step says what is missing.
    let (parent, _) = build("S:start -> C:call -> E:end");
    let instance = start(parent, Map::new(), t0(), &no_calls).expect("starts");
    let err = fire(instance.clone(), enabled(&instance)[0].clone()).unwrap_err();
    assert!(matches!(err, SimError::MissingCall { .. }), "{err}");
}

#[test]
fn calls_that_lead_back_are_refused_at_start_naming_the_chain() {
    // Directly: the process calls itself (its current version is itself).
    let (itself, _) = build("S:start -> Again:call{process=self} -> E:end");
    let current = itself.clone();
    let resolver = move |id: Id, _: Option<u32>| (id == current.id).then(|| current.clone());
    let err = start(itself, Map::new(), t0(), &resolver).unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"Fixture\" calls \"Fixture\": these calls would never end; remove the call that leads back"
    );
    // Through another process: the fixture calls Payroll, which calls the fixture.
    let (parent, _) = build("S:start -> Pay:call -> E:end");
    let (mut payroll, _) = build("S:start -> Back:call{process=self} -> E:end");
    payroll.info.name = "Payroll".into();
    payroll.id = KNOWN_PROCESS;
    if let Some(node) = payroll.nodes.iter_mut().find(|n| n.name == "Back") {
        node.kind = flowlane::model::NodeKind::Call {
            process: parent.id,
            version: None,
            repeat: None,
        };
    }
    let both = [parent.clone(), payroll];
    let resolver = move |id: Id, _: Option<u32>| both.iter().find(|p| p.id == id).cloned();
    let err = start(parent, Map::new(), t0(), &resolver).unwrap_err();
    assert!(matches!(err, SimError::CallCycle { .. }), "{err}");
    assert!(
        err.to_string().contains("\"Payroll\" calls \"Fixture\""),
        "{err}"
    );
}

#[test]
fn calls_nested_deeper_than_the_cap_are_refused_at_start() {
    // A chain of distinct processes, each calling the next: no cycle, but too deep.
    let chain: Vec<Process> = (0..=flowlane::simulate::MAX_CALL_DEPTH + 1)
        .map(|level| {
            let (mut p, _) = build("S:start -> Next:call -> E:end");
            p.id = Id::from_u128(0x1000 + level as u128);
            p.info.name = format!("Level {level}");
            p
        })
        .collect();
    let mut linked = chain.clone();
    for (level, process) in linked.iter_mut().enumerate() {
        let next = chain.get(level + 1).map(|p| p.id);
        let call = process.nodes.iter_mut().find(|n| n.name == "Next").unwrap();
        match next {
            Some(id) => {
                call.kind = flowlane::model::NodeKind::Call {
                    process: id,
                    version: None,
                    repeat: None,
                }
            }
            None => {
                call.kind = flowlane::model::NodeKind::Gateway {
                    gateway: flowlane::model::GatewayKind::Exclusive,
                    condition: None,
                }
            }
        }
    }
    let all = linked.clone();
    let resolver = move |id: Id, _: Option<u32>| all.iter().find(|p| p.id == id).cloned();
    let err = start(linked[0].clone(), Map::new(), t0(), &resolver).unwrap_err();
    assert!(
        matches!(
            err,
            SimError::CallsTooDeep {
                depth: 33,
                most: 32
            }
        ),
        "{err}"
    );
    // At the cap it starts.
    let start_at = linked.len() - 1 - flowlane::simulate::MAX_CALL_DEPTH;
    assert!(start(linked[start_at].clone(), Map::new(), t0(), &resolver).is_ok());
}

#[test]
fn a_loop_is_left_once_a_task_sets_the_data() {
    let fixture = "
        S:start -> Review:task{duration=1d,sets=approved} -> G:xor -> E:end | approved | approved
        G -> Review | again | !approved";
    let mut instance = begin(fixture, json!({}));
    let review = node(&instance, "Review");
    let gateway = node(&instance, "G");
    for approved in [false, false, true] {
        let mut complete = Action::at(review);
        complete.set = data(json!({ "approved": approved }));
        instance = fire(instance, complete).expect("review");
        instance = fire(instance, Action::at(gateway)).expect("decide");
    }
    let (_, run) = path(instance);
    assert_eq!(
        ended_at(&run.instance),
        Some(("E".to_string(), Duration::days(3)))
    );
    let reviews = run
        .instance
        .log
        .iter()
        .filter(|e| e.node_name == "Review")
        .count();
    assert_eq!(reviews, 3);
}

#[test]
fn a_deadlock_names_the_join_and_what_it_waits_for() {
    let fixture = "
        S:start -> X:xor -> A:task | a | amount > 0
        X -> B:task | b | default
        A -> J:and -> E:end
        B -> J";
    let (_, run) = path(begin(fixture, json!({"amount": 5})));
    assert_eq!(
        run.stop,
        Stop::Stuck(vec![
            "deadlock at join \"J\": it waits for the flow from \"B\" and no token can arrive there"
                .into()
        ])
    );
    assert!(enabled(&run.instance).is_empty());
}

#[test]
fn stepping_back_is_keeping_the_earlier_value() {
    let instance = begin(DECISION, json!({"amount": 50}));
    let first = fire(instance.clone(), enabled(&instance)[0].clone()).expect("G");
    let kept = first.clone();
    let second = fire(first, enabled(&kept)[0].clone()).expect("Small");
    assert_ne!(second, kept);
    // Back one step: the kept value is the earlier state, and firing again gives the same next.
    let again = fire(kept.clone(), enabled(&kept)[0].clone()).expect("Small again");
    assert_eq!(again, second);
    let json = serde_json::to_string(&kept).expect("serialises");
    let back: Instance = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, kept);
}

#[test]
fn bad_data_is_refused_with_a_clear_message() {
    let (process, _) = build(DECISION);
    let table = [
        (
            json!({"amount": "lots"}),
            "`amount` should be a number, but the instance data holds the text \"lots\"",
        ),
        (
            json!({"start_date": "03/02/2026"}),
            "`start_date` should be a date written YYYY-MM-DD, but the instance data holds the text \"03/02/2026\"",
        ),
        (
            json!({"salary": 1}),
            "`salary` is not a declared variable of \"Fixture\"; declare it or leave it out",
        ),
    ];
    for (values, message) in table {
        let err = start(process.clone(), data(values), t0(), &no_calls).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    let instance = begin("S:start -> A:task{sets=approved} -> E:end", json!({}));
    let mut complete = Action::at(node(&instance, "A"));
    complete.set = data(json!({"approved": "yes"}));
    let err = fire(instance.clone(), complete.clone()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`approved` should be true or false, but the instance data holds the text \"yes\""
    );
    complete.set = data(json!({"amount": 5}));
    let err = fire(instance, complete).unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"A\" does not set `amount`; add it to the step's outputs or leave it out"
    );
}

fn sample(index: usize) -> Process {
    flowlane::samples::versions().swap_remove(index).0
}

#[test]
fn each_sample_scenario_ends_where_and_when_expected() {
    // (scenario, sample version index, end event, simulated duration)
    let table = [
        (
            "New hire in Engineering",
            0,
            "Employee onboarded",
            "92d 12h",
        ),
        (
            "Invoice of 12,500 EUR needs CFO approval",
            2,
            "Invoice paid and posted",
            "5d 4h 30m",
        ),
        (
            "Contract sent back for revision once",
            3,
            "Contract executed",
            "14d 1h",
        ),
    ];
    let scenarios = flowlane::samples::scenarios();
    for (name, index, end, duration) in table {
        let scenario = scenarios
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no scenario {name}"));
        let replayed = replay(scenario, sample(index), &no_calls).expect("starts");
        assert_eq!(replayed.divergence, None, "{name}");
        let last = replayed.states.last().expect("a state");
        assert_eq!(
            ended_at(last),
            Some((end.to_string(), duration.parse().expect("a duration"))),
            "{name}"
        );
        assert!(last.breaches.is_empty(), "{name}: {:?}", last.breaches);
        assert_eq!(replayed.states.len(), scenario.steps.len() + 1);
    }
}

#[test]
fn replaying_against_a_newer_version_names_the_first_step_that_differs() {
    let scenarios = flowlane::samples::scenarios();
    let invoice = scenarios
        .iter()
        .find(|s| s.name.starts_with("Invoice"))
        .expect("the invoice scenario");
    // Recorded on v2 (CFO tier); v1 has no CFO approval, so "Approved?" goes straight on.
    let divergence = compare(invoice, sample(2), sample(1), &no_calls)
        .expect("both start")
        .expect("a difference");
    assert_eq!(divergence.step, 6);
    assert_eq!(
        divergence.recorded,
        "\"Approved?\" took \"approved\" to \"Over 10,000?\""
    );
    assert_eq!(
        divergence.found,
        "\"Approved?\" took \"approved\" to \"Schedule payment\""
    );
    let same = compare(invoice, sample(2), sample(2), &no_calls).expect("starts");
    assert_eq!(same, None);
}

#[test]
fn a_recorded_step_missing_from_the_newer_version_is_named_as_recorded() {
    let scenarios = flowlane::samples::scenarios();
    let invoice = scenarios
        .iter()
        .find(|s| s.name.starts_with("Invoice"))
        .expect("the invoice scenario");
    // The newer version replaced "Execute payment run" with a new step under a new id.
    let mut newer = sample(2);
    let old_id = node_named(&newer, "Execute payment run");
    let new_id = Id::from_u128(0x7e57);
    for n in newer.nodes.iter_mut().filter(|n| n.id == old_id) {
        n.id = new_id;
        n.name = "Run payment batch".into();
    }
    for f in &mut newer.flows {
        if f.source == old_id {
            f.source = new_id;
        }
        if f.target == old_id {
            f.target = new_id;
        }
    }
    let divergence = compare(invoice, sample(2), newer, &no_calls)
        .expect("both start")
        .expect("a difference");
    assert_eq!(divergence.recorded, "\"Execute payment run\"");
    assert_eq!(divergence.found, "offers \"Run payment batch\"");
}

fn node_named(process: &Process, name: &str) -> Id {
    process
        .nodes
        .iter()
        .find(|n| n.name == name)
        .map(|n| n.id)
        .expect("the node exists")
}

#[test]
fn generated_processes_always_end_or_say_why() {
    use flowlane::generate::{generate, GenerateSpec, EPOCH};
    for seed in 0..40 {
        let spec = GenerateSpec {
            nodes: 12 + (seed as usize % 5) * 10,
            lanes: 1 + seed as usize % 4,
            seed,
            at: EPOCH,
        };
        let process = generate(&spec).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        let mut instance = match start(process, Map::new(), t0(), &no_calls) {
            Ok(instance) => instance,
            Err(err) => panic!("seed {seed}: {err}"),
        };
        // Answer every choice with the first way out, so only loops the data never leaves stop.
        let mut steps = 0;
        while instance.is_running() && steps < 500 {
            let action = enabled(&instance).remove(0);
            instance = fire(instance, action).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
            steps += 1;
        }
        match &instance.status {
            Status::Ended { .. } => {}
            Status::Stuck { reasons } => assert!(!reasons.is_empty(), "seed {seed}"),
            Status::Running => assert_eq!(steps, 500, "seed {seed}"),
        }
        let stopped = run(instance.clone(), &BTreeMap::new(), 50);
        assert!(!stopped.stop.explain(&stopped.instance).is_empty());
    }
}
