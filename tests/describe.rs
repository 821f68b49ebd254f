//! The one describer: names stay names; unnamed elements are described by kind and place, and
//! every label is unique within its process.

mod support;

use flowlane::describe::{FindError, Names};
use flowlane::model::{Id, Process, Trigger};
use support::shape::{boundary, named, shaped};

/// The fixture with the nodes named in `blank` left unnamed (and flows never labelled).
fn unnamed(text: &str, blank: &[&str]) -> (Process, Vec<Id>) {
    let (mut process, _) = support::build(text);
    let ids: Vec<Id> = blank.iter().map(|name| named(&process, name)).collect();
    for node in process.nodes.iter_mut().filter(|n| ids.contains(&n.id)) {
        node.name = String::new();
    }
    (process, ids)
}

fn texts(process: &Process, ids: &[Id]) -> Vec<String> {
    let names = Names::of(process);
    ids.iter().map(|&id| names.text(id)).collect()
}

#[test]
fn a_named_element_is_its_name_on_one_line() {
    let (mut process, _) = support::build("S:start -> A:task -> E:end");
    let a = named(&process, "A");
    process.nodes.iter_mut().for_each(|n| {
        if n.id == a {
            n.name = "Approve\n  invoice".into();
        }
    });
    let names = Names::of(&process);
    assert_eq!(names.text(a), "Approve invoice");
    assert_eq!(names.phrase(a), "\"Approve invoice\"");
}

#[test]
fn gateways_are_described_after_what_leads_in_and_joins_before_what_follows() {
    let (process, ids) = unnamed(
        "S:start -> Check:task -> G:xor -> Approve:task -> J:xor -> Pay:task -> E:end
         G -> Audit:task -> J",
        &["G", "J"],
    );
    assert_eq!(
        texts(&process, &ids),
        ["exclusive gateway after 'Check'", "join before 'Pay'"]
    );
}

#[test]
fn events_and_tasks_are_described_by_kind_and_neighbour() {
    let (process, ids) = unnamed(
        "S:start -> A:task -> T:timer -> B:task -> E:end",
        &["S", "T", "E", "B"],
    );
    assert_eq!(
        texts(&process, &ids),
        [
            "start event before 'A'",
            "timer catch event after 'A'",
            "end event after 'A'",
            "task after 'A'",
        ]
    );
}

#[test]
fn a_boundary_event_is_described_on_its_host() {
    let process = shaped(
        "S:start -> Review:task -> E:end
         Review.late:task -> Chase:task -> E",
        vec![("Review.late", boundary(Trigger::after("P3D"), true))],
        &[],
    );
    let mut process = process;
    let late = named(&process, "Review.late");
    process.nodes.iter_mut().for_each(|n| {
        if n.id == late {
            n.name = String::new();
        }
    });
    assert_eq!(
        texts(&process, &[late]),
        ["timer boundary event on 'Review'"]
    );
}

#[test]
fn flows_are_their_label_or_their_ends() {
    let text = "S:start -> A:task -> G:xor -> B:task -> E:end
         G -> C:task -> E | rework";
    let (whole, _) = support::build(text);
    let (process, _) = unnamed(text, &["G"]);
    let names = Names::of(&process);
    let flow = |from: &str, to: &str| {
        let (from, to) = (named(&whole, from), named(&whole, to));
        let id = process
            .flows
            .iter()
            .find(|f| f.source == from && f.target == to)
            .map(|f| f.id)
            .expect("flow");
        names.text(id)
    };
    assert_eq!(flow("S", "A"), "flow 'S' → 'A'");
    assert_eq!(flow("A", "G"), "flow 'A' → exclusive gateway after 'A'");
    assert_eq!(flow("C", "E"), "rework");
}

#[test]
fn message_flows_are_their_name_or_their_ends() {
    let (process, _) = support::build(
        "@pool=Shop
         @pool=Customer
         S:start -> A:task -> E:end
         @message=Customer>A",
    );
    let names = Names::of(&process);
    let message = process.messages.first().expect("a message flow");
    assert_eq!(names.text(message.id), "message flow 'Customer' → 'A'");
}

#[test]
fn clashing_descriptions_take_the_lane_then_both_neighbours_then_an_ordinal() {
    // Two unnamed gateways after the same task, in different lanes: the lane tells them apart.
    let (process, ids) = unnamed(
        "@lane=Review:1
         S:start -> A:task -> G1:xor -> B:task -> E:end
         A -> G2:xor{lane=Review} -> C:task -> E",
        &["G1", "G2"],
    );
    assert_eq!(
        texts(&process, &ids),
        [
            "exclusive gateway after 'A' (Work)",
            "exclusive gateway after 'A' (Review)",
        ]
    );
    // Same lane: the next neighbour tells them apart.
    let (process, ids) = unnamed(
        "S:start -> A:task -> G1:xor -> B:task -> E:end
         A -> G2:xor -> C:task -> E",
        &["G1", "G2"],
    );
    assert_eq!(
        texts(&process, &ids),
        [
            "exclusive gateway between 'A' and 'B' (Work)",
            "exclusive gateway between 'A' and 'C' (Work)",
        ]
    );
    // Nothing tells them apart: an ordinal does.
    let (process, ids) = unnamed(
        "S:start -> A:task -> G1:xor -> B:task -> E:end
         A -> G2:xor -> B",
        &["G1", "G2"],
    );
    assert_eq!(
        texts(&process, &ids),
        [
            "exclusive gateway between 'A' and 'B' (Work) #1",
            "exclusive gateway between 'A' and 'B' (Work) #2",
        ]
    );
}

#[test]
fn every_label_of_a_process_is_distinct_and_never_empty() {
    let (process, ids) = unnamed(
        "S:start -> A:task -> G1:xor -> B:task -> J:xor -> E:end
         G1 -> C:task -> J
         G1 -> D:task -> J",
        &["S", "G1", "J", "B", "C", "D", "E"],
    );
    let all = texts(&process, &ids);
    let flows: Vec<Id> = process.flows.iter().map(|f| f.id).collect();
    let all: Vec<String> = all.into_iter().chain(texts(&process, &flows)).collect();
    let mut distinct = all.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), all.len(), "{all:#?}");
    assert!(all.iter().all(|t| !t.trim().is_empty()));
}

#[test]
fn find_takes_an_id_a_name_or_a_description_and_lists_the_candidates_of_an_ambiguity() {
    let (process, ids) = unnamed(
        "@lane=Legal:1
         S:start -> Review:task -> G:xor -> Pay:task -> E:end
         G -> Other:task{lane=Legal} -> E",
        &["G"],
    );
    let mut process = process;
    let other = named(&process, "Other");
    for node in process.nodes.iter_mut().filter(|n| n.id == other) {
        node.name = "Review".into();
    }
    let names = Names::of(&process);
    assert_eq!(names.find(&process, &ids[0].to_string()), Ok(ids[0]));
    assert_eq!(
        names.find(&process, "Exclusive gateway after 'Review'"),
        Ok(ids[0])
    );
    assert_eq!(names.find(&process, "pay"), Ok(named(&process, "Pay")));
    assert_eq!(names.find(&process, "Review (Legal)"), Ok(other));
    match names.find(&process, "review") {
        Err(FindError::Ambiguous { candidates, .. }) => assert_eq!(
            candidates,
            [
                format!("Review (Work) ({})", named(&process, "Review")),
                format!("Review (Legal) ({other})"),
            ]
        ),
        found => panic!("{found:?}"),
    }
}
