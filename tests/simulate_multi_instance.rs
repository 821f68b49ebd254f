//! Multi-instance activities over a collection: one instance per item, the item named in the
//! log, bound in the data of each sequential run and carried by each parallel run's tokens, and the item variable kept through BPMN
//! import and export (BPMN's `inputDataItem`, Camunda's `elementVariable`).

mod support;

use chrono::{DateTime, Utc};
use flowlane::bpmn::{export, import, Target};
use flowlane::model::{Instances, NodeKind, Process, Repeat, VarType, Variable};
use flowlane::simulate::{enabled, fire, no_calls, start, Action, Instance, Status};
use serde_json::{json, Map};
use support::shape::{self, events};

fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().expect("a time")
}

fn over_reviewers(sequential: bool) -> Repeat {
    let instances = Instances {
        count: None,
        collection: Some("reviewers".into()),
        item: Some("reviewer".into()),
    };
    match sequential {
        true => Repeat::Sequential(instances),
        false => Repeat::Parallel(instances),
    }
}

fn set_repeat(process: &mut Process, name: &str, repeat: Repeat) {
    let node = process
        .nodes
        .iter_mut()
        .find(|n| n.name == name)
        .expect("a node");
    match &mut node.kind {
        NodeKind::Task { repeat: r, .. } | NodeKind::SubProcess { repeat: r, .. } => {
            *r = Some(repeat)
        }
        other => panic!("{name} cannot repeat: {other:?}"),
    }
}

/// A review sub-process whose gateway routes by the item: Ann reads, everyone else skims.
fn review(sequential: bool) -> Instance {
    let mut process = support::build(
        "S:start -> Sub:sub -> After:task -> E:end
         IS:start{in=Sub} -> Who:xor{in=Sub}
         Who -> Read:task{in=Sub} | ann | reviewer == \"ann\"
         Read -> IE:end{in=Sub}
         Who -> Skim:task{in=Sub} | others | default
         Skim -> IE2:end{in=Sub}",
    )
    .0;
    process.info.variables = vec![
        Variable::new("reviewer", VarType::Text),
        Variable::new("reviewers", VarType::List),
    ];
    set_repeat(&mut process, "Sub", over_reviewers(sequential));
    let data = json!({ "reviewers": ["ann", "bob", "cy"] });
    start(process, data.as_object().cloned().unwrap(), t0(), &no_calls).expect("starts")
}

fn step(instance: Instance, name: &str) -> Instance {
    let action = Action::at(shape::named(&instance.definition, name));
    fire(instance, action).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn a_sequential_sub_process_runs_once_per_item_with_the_item_in_its_data() {
    let mut run = step(review(true), "Sub");
    assert_eq!(run.data.get("reviewer"), Some(&json!("ann")));
    let mut taken = Vec::new();
    for _ in 0..3 {
        run = step(run, "Who");
        let next = enabled(&run);
        let task = run
            .definition
            .node(next[0].node)
            .expect("a node")
            .name
            .clone();
        taken.push(task.clone());
        run = step(run, &task);
        let end = if task == "Read" { "IE" } else { "IE2" };
        run = step(run, end);
    }
    assert_eq!(taken, ["Read", "Skim", "Skim"]);
    let started: Vec<String> = events(&run)
        .into_iter()
        .filter(|e| e.starts_with("IS:"))
        .collect();
    assert_eq!(
        started,
        [
            "IS: started for reviewer = \"ann\"",
            "IS: started for reviewer = \"bob\"",
            "IS: started for reviewer = \"cy\""
        ]
    );
    // The item belongs to the instances: gone once all are done.
    assert_eq!(run.data.get("reviewer"), None);
    let done = step(step(run, "After"), "E");
    assert!(matches!(done.status, Status::Ended { .. }));
}

#[test]
fn a_parallel_sub_process_starts_one_run_per_item_side_by_side() {
    let run = step(review(false), "Sub");
    let started: Vec<String> = events(&run)
        .into_iter()
        .filter(|e| e.starts_with("IS:"))
        .collect();
    assert_eq!(started.len(), 3);
    assert!(started.contains(&"IS: started for reviewer = \"cy\"".to_string()));
    let waiting = run.tokens.len();
    assert_eq!(waiting, 3, "one token per run, side by side");
}

#[test]
fn each_parallel_run_decides_on_its_own_item() {
    let mut run = step(review(false), "Sub");
    // Each run's decision reads its own reviewer; the instance data holds none.
    for _ in 0..3 {
        run = step(run, "Who");
    }
    assert_eq!(run.data.get("reviewer"), None);
    let who: Vec<String> = events(&run)
        .into_iter()
        .filter(|e| e.starts_with("Who:"))
        .collect();
    assert_eq!(
        who,
        [
            "Who: took \"ann\" to \"Read\" for reviewer = \"ann\"",
            "Who: took \"others\" to \"Skim\" for reviewer = \"bob\"",
            "Who: took \"others\" to \"Skim\" for reviewer = \"cy\""
        ]
    );
    // The step simulator shows each waiting run with its item.
    let items: Vec<_> = run.tokens.iter().map(|t| t.item.clone()).collect();
    assert_eq!(items.len(), 3);
    assert!(items.contains(
        &json!({"reviewer": "ann"})
            .as_object()
            .cloned()
            .expect("a map")
    ));
    for task in ["Read", "Skim", "Skim", "IE", "IE2", "IE2"] {
        run = step(run, task);
    }
    // Once every run is done, the sub-process's token carries no item on.
    let after = shape::named(&run.definition, "After");
    assert!(run.tokens.iter().all(|t| t.item.is_empty()));
    assert!(enabled(&run).iter().any(|a| a.node == after));
}

#[test]
fn a_multi_instance_task_over_a_collection_names_its_items() {
    let mut process = support::build("S:start -> A:task -> E:end").0;
    set_repeat(&mut process, "A", over_reviewers(false));
    let mut instance = start(process, Map::new(), t0(), &no_calls).expect("starts");
    instance
        .data
        .insert("reviewers".into(), json!(["ann", "bob"]));
    let done = step(instance, "A");
    assert!(events(&done).contains(
        &"A: completed 2 times side by side, for reviewer = \"ann\", \"bob\"".to_string()
    ));
}

#[test]
fn the_item_variable_survives_export_and_import() {
    let mut process = support::build("S:start -> A:task -> E:end").0;
    set_repeat(&mut process, "A", over_reviewers(true));
    let xml = export(&process, Target::Plain).expect("exports");
    assert!(xml.contains("<bpmn:loopDataInputRef>reviewers</bpmn:loopDataInputRef>"));
    assert!(xml.contains(r#"<bpmn:inputDataItem id="reviewer" name="reviewer"/>"#));
    let back = import(xml.as_bytes()).expect("imports");
    assert_eq!(back.nodes, process.nodes);

    // Camunda 7 names the collection and the item in attributes of its own.
    let camunda = r#"<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="a" name="Review">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="reviewers" camunda:elementVariable="reviewer"/>
    </bpmn:userTask>
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="a"/>
    <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>"#;
    let imported = import(camunda.as_bytes()).expect("imports");
    let review = imported
        .nodes
        .iter()
        .find(|n| n.name == "Review")
        .expect("the task");
    let NodeKind::Task { repeat, .. } = &review.kind else {
        panic!("a task");
    };
    assert_eq!(repeat.as_ref(), Some(&over_reviewers(true)));
}
