//! The definition format: samples round-trip, canonical bytes are stable, bad input is named.

use flowlane::canonical::{self, ParseError};
use flowlane::model::{NodeKind, Process, SCHEMA_VERSION};
use flowlane::{samples, validate};

fn sample(name: &str) -> Process {
    let (_, text, _) = samples::FILES
        .iter()
        .find(|(n, _, _)| *n == name)
        .expect("sample exists");
    canonical::parse(text).expect("sample parses")
}

#[test]
fn sample_files_are_in_canonical_form() {
    for (name, text, _) in samples::FILES {
        let process = canonical::parse(text).unwrap();
        assert_eq!(
            canonical::to_bytes(&process),
            text.as_bytes(),
            "{name} is not canonical"
        );
    }
}

#[test]
fn samples_are_structurally_valid() {
    for (process, _) in samples::versions() {
        assert_eq!(
            validate::structure(&process),
            vec![],
            "{}",
            process.info.name
        );
    }
}

#[test]
fn order_of_elements_does_not_change_bytes_or_hash() {
    let process = sample("employee-onboarding.json");
    let mut shuffled = process.clone();
    shuffled.nodes.reverse();
    shuffled.flows.rotate_left(3);
    shuffled.lanes.swap(0, 2);
    shuffled.info.variables.reverse();
    assert_eq!(
        canonical::to_bytes(&shuffled),
        canonical::to_bytes(&process)
    );
    assert_eq!(canonical::hash(&shuffled), canonical::hash(&process));
}

#[test]
fn any_semantic_change_changes_the_hash() {
    let process = sample("contract-review.json");
    let mut renamed = process.clone();
    renamed.nodes[0].name.push('!');
    assert_ne!(canonical::hash(&renamed), canonical::hash(&process));
    assert_eq!(canonical::hash(&process).len(), 64);
}

#[test]
fn round_trip_through_json_is_lossless() {
    for (process, _) in samples::versions() {
        let bytes = canonical::to_bytes(&process);
        let again = canonical::parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
        assert_eq!(again, process);
    }
}

#[test]
fn samples_meet_the_brief() {
    let onboarding = sample("employee-onboarding.json");
    assert!(onboarding.lanes.len() >= 4);
    assert!(onboarding.lanes.iter().any(|l| l.name == "IT provisioning"));
    assert!(onboarding.nodes.len() >= 15);
    let parallel = onboarding
        .nodes
        .iter()
        .filter(|n| n.kind.label() == "parallel gateway")
        .count();
    assert_eq!(parallel, 2, "a parallel split and its join");
    assert!(onboarding
        .nodes
        .iter()
        .any(|n| n.kind == NodeKind::wait("P30D")));

    let v1 = sample("accounts-payable.v1.json");
    let v2 = sample("accounts-payable.v2.json");
    assert_eq!(v1.id, v2.id, "two versions of one process");
    let conditions = |p: &Process| {
        p.flows
            .iter()
            .filter_map(|f| f.condition.clone())
            .collect::<Vec<_>>()
    };
    assert!(!conditions(&v1).iter().any(|c| c.contains("amount")));
    assert!(conditions(&v2).contains(&"amount > 10000".to_string()));
    assert!(v2.nodes.iter().any(|n| n.name == "CFO approval"));
}

#[test]
fn malformed_json_is_reported_with_line_and_column() {
    let text = "{\n  \"schema\": 1,\n  \"id\": oops\n}";
    match canonical::parse(text) {
        Err(ParseError::Malformed { line, column, .. }) => assert_eq!((line, column), (3, 9)),
        other => panic!("expected a malformed error, got {other:?}"),
    }
}

#[test]
fn unknown_fields_are_refused_not_dropped() {
    let text = samples::FILES[3]
        .1
        .replacen("\"assignee\"", "\"asignee\"", 1);
    let err = canonical::parse(&text).unwrap_err();
    assert!(err.to_string().contains("asignee"), "{err}");
}

#[test]
fn a_newer_schema_is_named_as_such() {
    let text = samples::FILES[0].1.replacen(
        &format!("\"schema\": {SCHEMA_VERSION}"),
        &format!("\"schema\": {}", SCHEMA_VERSION + 1),
        1,
    );
    assert_eq!(
        canonical::parse(&text),
        Err(ParseError::SchemaTooNew {
            found: u64::from(SCHEMA_VERSION) + 1
        })
    );
    // Even when the newer format also has fields this build does not know.
    let with_new_field = text.replacen("\"info\": {", "\"info\": {\n    \"horizon\": \"5y\",", 1);
    assert!(matches!(
        canonical::parse(&with_new_field),
        Err(ParseError::SchemaTooNew { .. })
    ));
}

#[test]
fn bad_duration_names_the_text() {
    let text = samples::FILES[0].1.replacen("\"100d\"", "\"100 days\"", 1);
    let err = canonical::parse(&text).unwrap_err();
    assert!(
        err.to_string().contains("`100 days` is not a duration"),
        "{err}"
    );
}
