//! Conformance of small logs against processes written in line notation: alignment fitness by
//! hand (deviations / (trace length + shortest run of the model)), token replay, precision and
//! the deviations named by step.

mod support;

use flowlane::conformance::{self, DeviationKind};
use flowlane::eventlog::EventLog;

/// A log of traces written as space-separated activity names, one case each.
fn log(traces: &[&str]) -> EventLog {
    let traces: Vec<Vec<&str>> = traces
        .iter()
        .map(|t| t.split_whitespace().collect())
        .collect();
    support::event_log::event_log(&traces, None)
}

fn check(model: &str, traces: &[&str]) -> conformance::Conformance {
    let (process, _) = support::build(model);
    conformance::check(&process, 1, &log(traces)).expect("the check runs")
}

const SEQUENCE: &str = "S:start -> A:task -> B:task -> C:task -> E:end";
const PARALLEL: &str =
    "S:start -> A:task -> P:and -> B:task -> J:and -> D:task -> E:end \n P -> C:task -> J";
const CHOICE: &str = "S:start -> X:xor -> B:task -> M:xor -> D:task -> E:end \n X -> C:task -> M";
const LOOP: &str = "S:start -> M:xor -> A:task -> X:xor -> E:end \n X -> M";
const OPTIONAL: &str = "S:start -> X:or -> B:task -> J:or -> E:end \n X -> C:task -> J";

/// (model, trace, alignment fitness of that one trace).
const CASES: &[(&str, &str, f64)] = &[
    (SEQUENCE, "A B C", 1.0),
    // One step skipped: 1 deviation over 2 events + 3 steps of the shortest run.
    (SEQUENCE, "A C", 1.0 - 1.0 / 5.0),
    // One activity the model has nowhere.
    (SEQUENCE, "A B X C", 1.0 - 1.0 / 7.0),
    // Swapped: one log move and one model move.
    (SEQUENCE, "A C B", 1.0 - 2.0 / 6.0),
    (PARALLEL, "A B C D", 1.0),
    (PARALLEL, "A C B D", 1.0),
    (PARALLEL, "A B D", 1.0 - 1.0 / 7.0),
    (CHOICE, "B D", 1.0),
    (CHOICE, "C D", 1.0),
    (CHOICE, "B C D", 1.0 - 1.0 / 5.0),
    (LOOP, "A", 1.0),
    (LOOP, "A A A", 1.0),
    // The loop needs at least one A.
    (LOOP, "", 0.0),
    // An inclusive split: one or both ways, joined by the matching join.
    (OPTIONAL, "B", 1.0),
    (OPTIONAL, "C B", 1.0),
    (OPTIONAL, "B B", 1.0 - 1.0 / 3.0),
];

#[test]
fn alignment_fitness_per_trace_is_what_the_deviations_give() {
    let mut wrong = Vec::new();
    for (model, trace, expected) in CASES {
        let report = check(model, &[trace]);
        let got = report.alignments.average_trace_fitness;
        if (got - expected).abs() > 1e-9 {
            wrong.push(format!(
                "{model:?} / {trace:?}: {got} instead of {expected}"
            ));
        }
        let fits = *expected == 1.0;
        assert_eq!(
            report.alignments.fitting_cases == 1,
            fits,
            "{model} / {trace}"
        );
        // A trace that aligns without deviation also replays without a missing token, except
        // where replay's greedy choice at an inclusive split picks too few ways.
        if fits && *model != OPTIONAL {
            assert_eq!(report.token_replay.fitting_cases, 1, "{model} / {trace}");
            assert!((report.token_replay.average_trace_fitness - 1.0).abs() < 1e-12);
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn deviations_are_named_by_step_and_counted_per_case() {
    let report = check(SEQUENCE, &["A B C", "A C", "A C", "A B X C"]);
    assert_eq!(report.log.cases, 4);
    assert_eq!(report.log.variants, 3);
    assert_eq!(report.variants.len(), 3);
    assert_eq!(report.alignments.fitting_cases, 1);
    assert!((report.alignments.fitting_percent - 25.0).abs() < 1e-12);
    let skipped = &report.deviations[0];
    assert_eq!(
        (skipped.kind, skipped.name.as_str(), skipped.cases),
        (DeviationKind::Skipped, "B", 2)
    );
    assert!(skipped.step.is_some());
    let extra = &report.deviations[1];
    assert_eq!(
        (extra.kind, extra.name.as_str(), extra.cases),
        (DeviationKind::Extra, "X", 1)
    );
    assert_eq!(report.unmapped.len(), 1);
    assert_eq!(report.unmapped[0].activity, "X");
    // Average over cases: 1, 0.8, 0.8, 6/7; the log figure sums deviations first.
    let average = (1.0 + 0.8 + 0.8 + 6.0 / 7.0) / 4.0;
    assert!((report.alignments.average_trace_fitness - average).abs() < 1e-12);
    let log_fitness = 1.0 - 3.0 / (6.0 + 5.0 + 5.0 + 7.0);
    assert!((report.alignments.log_fitness - log_fitness).abs() < 1e-12);
    assert_eq!(report.cases[1].variant, report.cases[2].variant);
}

#[test]
fn token_replay_counts_missing_and_remaining_tokens() {
    // "A C": C's input place has no token (missing 1), B's stays marked (remaining 1).
    // Produced: 1 (start) + S, A, C, E = 5; consumed: S, A, C, E + the sink = 5.
    let report = check(SEQUENCE, &["A C"]);
    let expected = 0.5 * (1.0 - 1.0 / 5.0) + 0.5 * (1.0 - 1.0 / 5.0);
    assert!((report.token_replay.average_trace_fitness - expected).abs() < 1e-12);
    assert_eq!(report.token_replay.fitting_cases, 0);
}

#[test]
fn precision_falls_when_the_model_allows_what_the_log_never_does() {
    // The log always takes B: after the start, C is an escaping edge.
    let narrow = check(CHOICE, &["B D", "B D"]);
    let both = check(CHOICE, &["B D", "C D"]);
    assert!((both.precision - 1.0).abs() < 1e-12, "{}", both.precision);
    assert!(
        narrow.precision < 1.0 && narrow.precision > 0.0,
        "{}",
        narrow.precision
    );
    // Prefixes: "" allows {B, C}, did {B}; "B" allows {D}, did {D}: 1 − 1/3.
    assert!((narrow.precision - (1.0 - 1.0 / 3.0)).abs() < 1e-12);
}

#[test]
fn activities_match_steps_by_normalised_name() {
    let report = check(SEQUENCE, &["a  b! c"]);
    assert!(report.unmapped.is_empty(), "{:?}", report.unmapped);
    assert_eq!(report.alignments.fitting_cases, 1);
}

#[test]
fn events_sub_processes_and_boundaries_follow_bpmn() {
    // A timer between A and B is silent; the error boundary on R leads around it.
    let timers = "S:start -> A:task -> T:timer{wait=1d} -> B:task -> E:end";
    assert_eq!(check(timers, &["A B"]).alignments.fitting_cases, 1);
    let boundary =
        "S:start -> R:task -> B:task -> E:end \n X:boundary{host=R,on=error} -> F:task -> E";
    let report = check(boundary, &["R B", "F"]);
    assert_eq!(report.alignments.fitting_cases, 2, "{:?}", report.variants);
    let sub = "S:start -> P:sub -> B:task -> E:end \n I:start{in=P} -> Q:task{in=P} -> J:end{in=P}";
    let report = check(sub, &["Q B"]);
    assert_eq!(report.alignments.fitting_cases, 1, "{:?}", report.variants);
}

/// The flow from the node named `from` to the one named `to`.
fn flow_between(process: &flowlane::model::Process, from: &str, to: &str) -> flowlane::model::Id {
    let id = |name: &str| {
        process
            .nodes
            .iter()
            .find(|n| n.name == name)
            .map(|n| n.id)
            .expect("the node exists")
    };
    let (from, to) = (id(from), id(to));
    process
        .flows
        .iter()
        .find(|f| f.source == from && f.target == to)
        .map(|f| f.id)
        .expect("the flow exists")
}

#[test]
fn flows_count_the_cases_that_took_them_and_extras_are_placed_after_their_step() {
    let (process, _) = support::build(CHOICE);
    let traces = log(&["B D", "B D", "C D", "C X D"]);
    let report = conformance::check(&process, 1, &traces).expect("the check runs");
    let cases_on = |from: &str, to: &str| {
        let flow = flow_between(&process, from, to);
        report
            .flows
            .iter()
            .find(|f| f.flow == flow)
            .map_or(0, |f| f.cases)
    };
    assert_eq!(cases_on("S", "X"), 4);
    assert_eq!(cases_on("X", "B"), 2);
    assert_eq!(cases_on("X", "C"), 2);
    assert_eq!(cases_on("D", "E"), 4);
    let extra = report
        .deviations
        .iter()
        .find(|d| d.kind == DeviationKind::Extra)
        .expect("X is extra");
    let c = process.nodes.iter().find(|n| n.name == "C").map(|n| n.id);
    assert_eq!(extra.places.len(), 1);
    assert_eq!((extra.places[0].after, extra.places[0].count), (c, 1));
}

#[test]
fn a_saved_mapping_decides_before_names_do() {
    let (process, _) = support::build(SEQUENCE);
    let traces = log(&["A b-step C", "A Bee C"]);
    let by_name = conformance::check(&process, 1, &traces).expect("the check runs");
    assert_eq!(
        by_name.alignments.fitting_cases, 0,
        "neither B is a step by name"
    );
    let saved = conformance::SavedMapping::from([
        ("b-step".to_string(), Some("B".to_string())),
        ("Bee".to_string(), Some("B".to_string())),
    ]);
    let mapped = conformance::check_mapped(&process, 1, &traces, &saved).expect("the check runs");
    assert_eq!(mapped.alignments.fitting_cases, 2);
    assert!(mapped.unmapped.is_empty());
}
