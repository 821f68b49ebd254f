//! Choices at gateways whose conditions do not decide: one way out of an exclusive gateway, a
//! set of ways out of an inclusive one, in the engine, in scenarios (old files included) and on
//! the command line.

mod support;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use flowlane::model::{Id, Process};
use flowlane::simulate::{
    enabled, fire, no_calls, replay, run, start, Action, Instance, Scenario, ScenarioStep,
    SimError, Status,
};
use serde_json::Map;
use support::build;
use support::cli::{flowlane, library_with_samples};

/// Which reviews a contract needs is not in the data (`approved` has no value), so the user
/// chooses; the join waits for every review chosen.
const REVIEWS: &str = "
    S:start -> Which reviews?:or -> Legal review:task{duration=2h} | Legal | approved == true
    Which reviews? -> Finance review:task{duration=5h} | Finance | approved == true
    Which reviews? -> Tax review:task{duration=1h} | Tax | approved == true
    Legal review -> J:or -> E:end
    Finance review -> J
    Tax review -> J";

fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().expect("a time")
}

fn begin(fixture: &str) -> Instance {
    let (process, _) = build(fixture);
    start(process, Map::new(), t0(), &no_calls).expect("the fixture starts")
}

fn node(process: &Process, name: &str) -> Id {
    support::shape::named(process, name)
}

fn flow(process: &Process, label: &str) -> Id {
    let found = process.flows.iter().find(|f| f.label == label);
    found.map(|f| f.id).expect("the flow exists")
}

fn choose(instance: &Instance, gateway: &str, labels: &[&str]) -> Action {
    let process = &instance.definition;
    let mut action = Action::at(node(process, gateway));
    action.take = labels.iter().map(|l| flow(process, l)).collect();
    action
}

fn fired_names(instance: &Instance) -> Vec<String> {
    let fired = instance.log.iter().filter(|e| e.step > 0);
    fired.map(|e| e.node_name.clone()).collect()
}

#[test]
fn an_inclusive_gateway_takes_the_set_of_ways_chosen_and_the_join_waits_for_each() {
    let instance = begin(REVIEWS);
    let offered = enabled(&instance);
    assert_eq!(offered.len(), 3, "one offer per way out: {offered:?}");
    let split = fire(
        instance,
        choose(&begin(REVIEWS), "Which reviews?", &["Finance", "Legal"]),
    );
    let split = split.expect("a set of two is taken");
    assert_eq!(split.tokens.len(), 2);
    let took = &split.log.last().expect("the split is logged").event;
    assert_eq!(
        took,
        "took \"Legal\" to \"Legal review\" and \"Finance\" to \"Finance review\""
    );
    let ended = run(split, &BTreeMap::new(), 20);
    assert!(matches!(ended.instance.status, Status::Ended { .. }));
    let names = fired_names(&ended.instance);
    assert_eq!(
        names,
        ["Which reviews?", "Legal review", "Finance review", "J", "E"]
    );
    assert_eq!(
        ended.instance.elapsed(),
        flowlane::model::Duration::hours(5)
    );
}

#[test]
fn an_empty_set_and_several_ways_out_of_an_exclusive_gateway_are_refused() {
    let instance = begin(REVIEWS);
    let gateway = node(&instance.definition, "Which reviews?");
    let none = fire(instance.clone(), Action::at(gateway));
    assert_eq!(
        none.map(|_| ()),
        Err(SimError::NoWayChosen {
            gateway: "Which reviews?".into()
        })
    );
    let exclusive = begin(
        "S:start -> X:xor -> A:task | a | approved == true
         X -> B:task | b | approved == false
         A -> E:end
         B -> F:end",
    );
    let both = fire(exclusive.clone(), choose(&exclusive, "X", &["a", "b"]));
    assert_eq!(
        both.map(|_| ()),
        Err(SimError::OneWayOnly {
            gateway: "X".into()
        })
    );
    let one = fire(exclusive.clone(), choose(&exclusive, "X", &["b"]));
    assert_eq!(fired_names(&one.expect("one way is taken")), ["X"]);
}

#[test]
fn a_condition_driven_inclusive_split_still_takes_every_true_way() {
    let instance = start(
        build(REVIEWS).0,
        serde_json::json!({"approved": true})
            .as_object()
            .cloned()
            .unwrap_or_default(),
        t0(),
        &no_calls,
    )
    .expect("starts");
    let ended = run(instance, &BTreeMap::new(), 20);
    let names = fired_names(&ended.instance);
    assert_eq!(names.len(), 6, "split, three reviews, join, end: {names:?}");
}

#[test]
fn a_scenario_records_the_set_and_replays_it() {
    let instance = begin(REVIEWS);
    let mut steps = vec![choose(&instance, "Which reviews?", &["Legal", "Tax"])];
    let mut current = fire(instance.clone(), steps[0].clone()).expect("split");
    while let Some(next) = enabled(&current).into_iter().next() {
        current = fire(current, next.clone()).expect("fires");
        steps.push(next);
    }
    let scenario = Scenario {
        name: "Legal and tax".into(),
        process: instance.definition.id,
        version: 1,
        data: Map::new(),
        start: t0(),
        steps: steps
            .into_iter()
            .map(|action| ScenarioStep {
                action,
                note: String::new(),
            })
            .collect(),
    };
    let text = serde_json::to_string(&scenario).expect("serialises");
    assert!(
        text.contains("\"take\":["),
        "the set is written as a list: {text}"
    );
    let read: Scenario = serde_json::from_str(&text).expect("reads back");
    assert_eq!(read, scenario);
    let replayed = replay(&read, instance.definition.clone(), &no_calls).expect("replays");
    assert_eq!(replayed.divergence, None);
    let last = replayed.states.last().expect("states");
    assert_eq!(last, &current);
    assert_eq!(fired_names(last)[1..3], ["Legal review", "Tax review"]);
}

#[test]
fn scenario_files_written_with_a_single_way_replay_unchanged() {
    // The sample files are kept as they were recorded: `"take": "<flow id>"`.
    let file = include_str!("../samples/scenarios/corrected-invoice-arrives-after-a-mismatch.json");
    assert!(
        file.contains("\"take\": \""),
        "the sample keeps the old form"
    );
    let old: Scenario = serde_json::from_str(file).expect("an old scenario reads");
    let chosen: Vec<&Action> = old
        .steps
        .iter()
        .map(|s| &s.action)
        .filter(|a| !a.take.is_empty())
        .collect();
    assert!(!chosen.is_empty());
    assert!(chosen.iter().all(|a| a.take.len() == 1));
    let versions = flowlane::samples::versions();
    let recorded = versions
        .iter()
        .map(|(p, _)| p)
        .filter(|p| p.id == old.process)
        .nth(old.version as usize - 1)
        .expect("the recorded version");
    let replayed = replay(&old, recorded.clone(), &no_calls).expect("replays");
    assert_eq!(replayed.divergence, None);
    assert_eq!(replayed.states.len(), old.steps.len() + 1);
    assert!(matches!(
        replayed.states.last().map(|s| &s.status),
        Some(Status::Ended { .. })
    ));
}

#[test]
fn the_command_line_takes_a_set_and_refuses_an_empty_one() {
    let (dir, lib) = library_with_samples();
    let file = dir.path().join("reviews.json");
    let (process, _) = build(REVIEWS);
    std::fs::write(&file, flowlane::canonical::to_bytes(&process)).expect("written");
    let file = file.display().to_string();
    flowlane(&lib, &["save", "Reviews", &file, "-m", "First"]).succeeded();
    let base = ["simulate", "Reviews", "--start", "2026-03-02T09:00:00Z"];
    let stopped = flowlane(&lib, &base);
    assert_eq!(stopped.status, 1, "{}", stopped.stderr);
    stopped.printed("choose one or more of \"Legal\", \"Finance\", \"Tax\"");
    let chosen = [
        &base[..],
        &["--choose", "Which reviews?=Legal,Finance review"],
    ]
    .concat();
    let ended = flowlane(&lib, &chosen).succeeded();
    ended.printed("took \"Legal\" to \"Legal review\" and \"Finance\" to \"Finance review\"");
    ended.printed("\"Finance review\" completed");
    assert!(!ended.stdout.contains("\"Tax review\""), "{}", ended.stdout);
    let empty = [&base[..], &["--choose", "Which reviews?="]].concat();
    flowlane(&lib, &empty).refused(2, "chooses no way out of \"Which reviews?\"");
}
