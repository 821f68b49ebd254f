//! Validation: one row per rule with a fixture that triggers it and a near-identical one that does
//! not; soundness on textbook cases; the samples are clean; library levels apply.

#[path = "validate_cases/events.rs"]
mod event_cases;
mod support;

use std::collections::BTreeMap;

use flowlane::validate::{self, Context, KnownProcess, Level, Severity, RULES};
use flowlane::{canonical, samples};
use support::{build, codes, problems, replay};

/// A process without problems, which most rows vary.
const BASE: &str = "
    S:start -> Check:task -> G:xor
    G -> Big:task | over 10,000 | amount > 10000
    G -> Small:task | up to 10,000 | default
    Big -> M:xor -> E:end
    Small -> M
    @sla=5d";

/// (code, fixture that triggers it, near-identical fixture that does not).
const CASES: &[(&str, &str, &str)] = &[
    ("no-start", "A:task -> E:end", "S:start -> A:task -> E:end"),
    (
        "multiple-starts",
        "S:start -> A:task -> E:end \n S2:start -> A",
        "S:start -> A:task -> E:end \n S2:task -> A",
    ),
    (
        "end-unreachable",
        "S:start -> A:task -> B:task \n E:end",
        "S:start -> A:task -> B:task -> E:end",
    ),
    (
        "unreachable",
        "S:start -> A:task -> E:end \n Orphan:task -> E",
        "S:start -> A:task -> E:end \n A -> Orphan:task -> E",
    ),
    (
        "dead-end",
        "S:start -> G:xor -> A:task | yes | approved \n G -> E:end | no | default",
        "S:start -> G:xor -> A:task | yes | approved \n G -> E:end | no | default \n A -> E",
    ),
    (
        "pointless-gateway",
        "S:start -> G:xor -> A:task -> E:end",
        "S:start -> A:task -> E:end",
    ),
    (
        "default-on-parallel",
        "S:start -> P:and -> A:task | | default \n P -> B:task \n A -> J:and -> E:end \n B -> J",
        "S:start -> P:and -> A:task \n P -> B:task \n A -> J:and -> E:end \n B -> J",
    ),
    (
        "condition-missing",
        "S:start -> G:xor -> A:task | yes | \n G -> E:end | no | default \n A -> E",
        "S:start -> G:xor -> A:task | yes | approved \n G -> E:end | no | default \n A -> E",
    ),
    (
        "condition-syntax",
        "S:start -> G:xor -> A:task | big | amount > \n G -> E:end | no | default \n A -> E",
        "S:start -> G:xor -> A:task | big | amount > 1 \n G -> E:end | no | default \n A -> E",
    ),
    (
        "condition-undeclared",
        "S:start -> G:xor -> A:task | big | amont > 1 \n G -> E:end | no | default \n A -> E",
        "S:start -> G:xor -> A:task | big | amount > 1 \n G -> E:end | no | default \n A -> E",
    ),
    (
        "condition-type",
        "S:start -> G:xor -> A:task | big | amount > 'x' \n G -> E:end | no | default \n A -> E",
        "S:start -> G:xor -> A:task | big | amount > 1 \n G -> E:end | no | default \n A -> E",
    ),
    (
        "may-all-be-false",
        "S:start -> G:xor -> A:task | big | amount > 10000 \n G -> B:task | small | amount < 10000 \n A -> M:xor -> E:end \n B -> M",
        "S:start -> G:xor -> A:task | big | amount > 10000 \n G -> B:task | small | amount <= 10000 \n A -> M:xor -> E:end \n B -> M",
    ),
    (
        "repeat-type",
        "S:start -> A:task{each=amount} -> E:end",
        "S:start -> A:task{times=amount} -> E:end",
    ),
    (
        "decision-label-missing",
        "S:start -> G:xor -> A:task | | approved \n G -> E:end | no | default \n A -> E",
        "S:start -> G:xor -> A:task | yes | approved \n G -> E:end | no | default \n A -> E",
    ),
    (
        "call-missing-process",
        "S:start -> C:call{process=missing} -> E:end",
        "S:start -> C:call{process=known} -> E:end",
    ),
    (
        "call-missing-version",
        "S:start -> C:call{process=known,version=3} -> E:end",
        "S:start -> C:call{process=known,version=2} -> E:end",
    ),
    (
        "call-cycle",
        "S:start -> C:call{process=self} -> E:end",
        "S:start -> C:call{process=known} -> E:end",
    ),
    ("lane-without-team", "S:start -> E:end \n @team=", "S:start -> E:end"),
    ("lane-without-trigger", "S:start -> E:end \n @trigger= ", "S:start -> E:end"),
    ("lane-without-output", "S:start -> E:end \n @output=", "S:start -> E:end"),
    (
        "lane-order-duplicate",
        "S:start -> E:end \n @lane=Review:0",
        "S:start -> E:end \n @lane=Review:1",
    ),
    (
        "task-without-assignee",
        "S:start -> A:task{assignee=} -> E:end",
        "S:start -> A:task{assignee=Clerk} -> E:end",
    ),
    (
        "task-output-undeclared",
        "S:start -> A:task{sets=aproved} -> E:end",
        "S:start -> A:task{sets=approved} -> E:end",
    ),
    (
        "step-sla-below-duration",
        "S:start -> A:task{duration=2d,sla=1d} -> E:end",
        "S:start -> A:task{duration=1d,sla=2d} -> E:end",
    ),
    (
        // The quickest run waits for the slower parallel branch (3h), not the quicker one (1h).
        "process-sla-below-shortest-path",
        "S:start -> P:and -> A:task{duration=3h} -> J:and -> E:end \n P -> B:task{duration=1h} -> J \n @sla=2h",
        "S:start -> P:and -> A:task{duration=3h} -> J:and -> E:end \n P -> B:task{duration=1h} -> J \n @sla=3h",
    ),
    (
        // XOR split into AND join.
        "deadlock",
        "S:start -> G:xor -> A:task | a | approved \n G -> B:task | b | default \n A -> J:and -> E:end \n B -> J",
        "S:start -> G:xor -> A:task | a | approved \n G -> B:task | b | default \n A -> J:xor -> E:end \n B -> J",
    ),
    (
        // AND split into XOR join.
        "lack-of-synchronisation",
        "S:start -> P:and -> A:task \n P -> B:task \n A -> J:xor -> E:end \n B -> J",
        "S:start -> P:and -> A:task \n P -> B:task \n A -> J:and -> E:end \n B -> J",
    ),
    (
        "livelock",
        "S:start -> A:task -> G:xor -> A | again | approved \n G -> B:task | on | default \n B -> A \n E:end",
        "S:start -> A:task -> G:xor -> A | again | approved \n G -> B:task | on | default \n B -> E:end",
    ),
    (
        // While one branch loops forever, the join waits for a branch the other split never takes.
        "dead-task",
        "S:start -> P:and -> X:xor -> A:task | a | approved \n X -> B:task | b | default \n A -> J:and -> D:task -> E:end \n B -> J \n P -> L:task -> L2:task -> L",
        "S:start -> P:and -> X:xor -> A:task | a | approved \n X -> B:task | b | default \n A -> J:xor -> D:task -> E:end \n B -> J \n P -> L:task -> L2:task -> L",
    ),
    (
        "improper-completion",
        "S:start -> P:and -> A:task -> E:end \n P -> B:task -> E2:end",
        "S:start -> P:and -> A:task -> J:and -> E:end \n P -> B:task -> J",
    ),
    ("soundness-incomplete", "@limit=3", ""),
];

/// Rules whose fixture is an imported BPMN file rather than a drawn process, tested there.
const ELSEWHERE: &[&str] = &[
    // tests/bpmn_dialects.rs: an engine condition outside the common subset.
    "not-executable",
];

fn all_cases() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    CASES.iter().chain(event_cases::CASES)
}

#[test]
fn every_rule_has_a_case_and_every_case_a_rule() {
    let mut covered: Vec<&str> = all_cases().map(|(code, _, _)| *code).collect();
    covered.extend(ELSEWHERE);
    let mut rules: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    covered.sort_unstable();
    rules.sort_unstable();
    assert_eq!(covered, rules, "one case per rule");
}

#[test]
fn each_rule_fires_on_its_fixture_and_not_on_the_near_identical_one() {
    for (code, bad, good) in all_cases() {
        let (bad, good) = if bad.starts_with('@') {
            (format!("{BASE}\n{bad}"), format!("{BASE}\n{good}"))
        } else {
            (bad.to_string(), good.to_string())
        };
        let found = problems(&bad);
        assert!(
            codes(&found).contains(code),
            "{code} should fire on:\n{bad}\nfound {:#?}",
            found
        );
        let found = problems(&good);
        assert!(
            !codes(&found).contains(code),
            "{code} should not fire on:\n{good}\nfound {found:#?}"
        );
    }
}

#[test]
fn the_base_fixture_is_clean() {
    assert_eq!(problems(BASE), vec![]);
}

#[test]
fn problems_name_elements_and_say_what_to_do() {
    for (_, bad, _) in all_cases() {
        let (process, context) = build(&if bad.starts_with('@') {
            format!("{BASE}\n{bad}")
        } else {
            bad.to_string()
        });
        for p in validate::validate(&process, &context) {
            assert!(!p.hint.is_empty(), "{} has a hint", p.code);
            assert!(!p.message.contains('\n'), "one line: {}", p.message);
            let own_id = p.element.map(|id| id.to_string()).unwrap_or_default();
            assert!(
                own_id.is_empty() || !p.message.contains(&own_id),
                "named, not by id: {}",
                p.message
            );
            let known = p.element.is_none_or(|id| {
                process.node(id).is_some()
                    || process.flow(id).is_some()
                    || process.lane(id).is_some()
                    || process.messages.iter().any(|m| m.id == id)
            });
            assert!(known, "{} points at an element of the process", p.code);
        }
    }
    let found = problems(
        "S:start -> G:xor -> Pay:task | | approved \n G -> E:end | no | default \n Pay -> E",
    );
    let label = found
        .iter()
        .find(|p| p.code == "decision-label-missing")
        .unwrap();
    assert_eq!(
        label.message,
        "The flow from \"G\" to \"Pay\" has no label saying when it is taken"
    );
    let witness = problems(CASES[11].1);
    let case = witness
        .iter()
        .find(|p| p.code == "may-all-be-false")
        .unwrap();
    assert_eq!(
        case.message,
        "None of the conditions out of \"G\" holds when amount = 10000, and it has no default flow"
    );
}

/// (name, process, the soundness findings expected, by code).
const TEXTBOOK: &[(&str, &str, &[&str])] = &[
    (
        "XOR split into AND join",
        "S:start -> G:xor -> A:task | a | approved \n G -> B:task | b | default \n A -> J:and -> E:end \n B -> J",
        &["deadlock"],
    ),
    (
        "AND split into XOR join",
        "S:start -> P:and -> A:task \n P -> B:task \n A -> J:xor -> E:end \n B -> J",
        &["lack-of-synchronisation"],
    ),
    (
        // Each inclusive join waits for a token that must first pass the other one.
        "OR-join deadlock (vicious circle)",
        "S:start -> P:and -> X1:task -> J1:or -> A:task -> J2:or \n P -> X2:task -> J2 \n J2 -> B:task -> K:xor -> J1 | again | approved \n K -> E:end | done | default",
        &["deadlock"],
    ),
    (
        "OR split into OR join",
        "S:start -> O:or -> A:task | a | approved \n O -> B:task | b | amount > 10 \n A -> J:or -> E:end \n B -> J",
        &[],
    ),
    (
        "nested loops",
        "S:start -> A:task -> M1:xor -> B:task -> M2:xor -> C:task -> G2:xor -> M2 | inner | approved \n G2 -> D:task | on | default \n D -> G1:xor -> M1 | outer | amount > 10 \n G1 -> E:end | done | default",
        &[],
    ),
    (
        "parallel branches inside a loop",
        "S:start -> M:xor -> P:and -> A:task -> J:and -> G:xor -> M | again | approved \n P -> B:task -> J \n G -> E:end | done | default",
        &[],
    ),
    (
        "a loop with no way out",
        "S:start -> A:task -> B:task -> A \n E:end",
        &["livelock"],
    ),
    (
        "an end reached while a branch is still running",
        "S:start -> P:and -> A:task -> E:end \n P -> B:task -> T:timer -> E2:end",
        &["improper-completion"],
    ),
];

#[test]
fn soundness_on_textbook_cases() {
    let soundness = validate::SOUNDNESS_CODES;
    for (name, text, expected) in TEXTBOOK {
        let (process, context) = build(text);
        let found = validate::validate(&process, &context);
        let mut got: Vec<&str> = codes(&found)
            .into_iter()
            .filter(|c| soundness.contains(c))
            .collect();
        got.dedup();
        assert_eq!(&got, expected, "{name}: {found:#?}");
        for p in found
            .iter()
            .filter(|p| p.code != "dead-task" && soundness.contains(&p.code.as_str()))
        {
            assert!(!p.path.is_empty(), "{name}: {} has a path", p.code);
            replay(&process, &p.path);
        }
    }
}

#[test]
fn counterexamples_replay_to_the_problem() {
    let (process, context) = build(TEXTBOOK[0].1);
    let found = validate::validate(&process, &context);
    let deadlock = found.iter().find(|p| p.code == "deadlock").unwrap();
    let join = process.nodes.iter().find(|n| n.name == "J").unwrap();
    assert_eq!(deadlock.element, Some(join.id));
    assert_eq!(
        deadlock.message,
        "\"J\" can wait forever for the one from \"B\": in this run only the one from \"A\" arrives"
    );
    // The tokens left at the end of the run wait at the join.
    let left = replay(&process, &deadlock.path);
    assert_eq!(left.len(), 1);
    let waiting = process.flow(*left.keys().next().unwrap()).unwrap();
    assert_eq!(waiting.target, join.id);

    let (process, context) = build(TEXTBOOK[6].1);
    let found = validate::validate(&process, &context);
    let livelock = found.iter().find(|p| p.code == "livelock").unwrap();
    assert_eq!(
        livelock.message,
        "\"A\" and \"B\" can repeat forever: once a run is in this loop, it never gets out"
    );
    // Start, into the loop, then once round it: B back to A.
    let names: Vec<&str> = livelock
        .path
        .iter()
        .map(|s| process.node(s.node).unwrap().name.as_str())
        .collect();
    assert_eq!(names, ["S", "A", "B", "A"]);
}

#[test]
fn a_state_space_too_large_says_how_far_it_got() {
    let found = problems(&format!("{BASE}\n@limit=3"));
    let incomplete = found
        .iter()
        .find(|p| p.code == "soundness-incomplete")
        .unwrap();
    assert!(
        incomplete
            .message
            .starts_with("Soundness was checked on the first 3 states only"),
        "{}",
        incomplete.message
    );
    assert_eq!(incomplete.severity, Severity::Warning);
}

#[test]
fn the_samples_are_clean() {
    let known: BTreeMap<_, _> = samples::versions()
        .into_iter()
        .map(|(p, _)| {
            let known = KnownProcess {
                name: p.info.name.clone(),
                versions: vec![1, 2],
                calls: p.calls().map(|(id, _)| id).collect(),
            };
            (p.id, known)
        })
        .collect();
    let context = Context {
        processes: Some(known),
        ..Context::default()
    };
    for (name, text, _) in samples::FILES {
        let process = canonical::parse(text).unwrap();
        assert_eq!(validate::validate(&process, &context), vec![], "{name}");
    }
}

#[test]
fn library_levels_change_severity_or_turn_rules_off() {
    let fixture = "S:start -> A:task{assignee=} -> E:end";
    let (process, mut context) = build(fixture);
    let found = validate::validate(&process, &context);
    assert_eq!(codes(&found), ["task-without-assignee"]);
    assert_eq!(found[0].severity, Severity::Warning);

    context
        .levels
        .insert("task-without-assignee".into(), Level::Error);
    let found = validate::validate(&process, &context);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(validate::has_errors(&found));

    context
        .levels
        .insert("task-without-assignee".into(), Level::Off);
    assert_eq!(validate::validate(&process, &context), vec![]);
}

#[test]
fn errors_come_first_then_rule_order() {
    let found = problems(
        "S:start -> A:task{assignee=} -> G:xor -> B:task | | amont > 1 \n G -> E:end | no | default \n B -> E \n @team=",
    );
    assert_eq!(
        codes(&found),
        [
            "condition-undeclared",
            "decision-label-missing",
            "lane-without-team",
            "task-without-assignee"
        ]
    );
    let severities: Vec<Severity> = found.iter().map(|p| p.severity).collect();
    assert!(severities.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn structural_errors_are_reported_and_soundness_waits_for_them() {
    let (mut process, context) = build("S:start -> A:task -> E:end");
    process.flows[0].target = uuid::Uuid::nil();
    let found = validate::validate(&process, &context);
    assert_eq!(found[0].code, "dangling-flow");
    assert!(!found[0].hint.is_empty());
    // The rules still run on what hangs together; soundness does not run.
    assert!(codes(&found).contains(&"unreachable"));
    assert!(!codes(&found)
        .iter()
        .any(|c| *c == "deadlock" || *c == "livelock"));
}

#[test]
fn calls_are_not_checked_without_a_library() {
    let (process, mut context) = build("S:start -> C:call{process=missing} -> E:end");
    context.processes = None;
    assert_eq!(validate::validate(&process, &context), vec![]);
}

#[test]
fn a_chain_of_calls_back_to_the_process_is_named() {
    let found = problems("S:start -> Pay:call{process=known-calling-back} -> E:end");
    let cycle = found
        .iter()
        .find(|p| p.code == "call-cycle")
        .expect("found");
    assert_eq!(
        cycle.message,
        "\"Pay\" starts a chain of calls that never ends: \"Fixture\" calls \"Payroll\" calls \"Fixture\""
    );
    assert_eq!(cycle.severity, Severity::Error);
}
