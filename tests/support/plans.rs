//! Plans for the SpiffWorkflow check (`tests/bpmn/run_spiff.py`): a scenario replayed on Flowlane's
//! step simulator, told as what the engine's user and clock must do to take the same path.
//!
//! A plan names the exported file, the scenario's data, the tasks the simulator completed in
//! order with the values each sets (a multi-instance task once per instance), the timers that
//! fired and the messages and signals that were delivered (a receive task's message too, not a
//! signal thrown inside the process), each after the number of
//! tasks completed before it, and the end event the run reached.

use std::path::Path;

use flowlane::expr::dialect::Dialect;
use flowlane::model::{NodeKind, Process, SubProcessKind, TaskType, Trigger};
use flowlane::simulate::{no_calls, replay, Scenario, Status};
use serde_json::{json, Value};

/// What a plan asks of the engine besides completing tasks: timers fired, messages delivered.
#[derive(Default, Debug, PartialEq, Eq)]
pub struct Driven {
    pub fired: usize,
    pub delivered: usize,
}

/// Replays `scenario` on `process`, checks it ends, and writes its plan to `out`; `file` is the
/// export's path relative to the exports folder. `construct` names what the plan exercises.
pub fn write(
    scenario: &Scenario,
    process: &Process,
    file: &str,
    construct: Option<&str>,
    engines: Option<Value>,
    out: &Path,
) -> Driven {
    let replayed = replay(scenario, process.clone(), &no_calls).expect("the scenario starts");
    assert_eq!(replayed.divergence, None, "{}", scenario.name);
    let last = replayed.states.last().expect("a state");
    let Status::Ended { node: end, .. } = &last.status else {
        panic!("{} does not end: {:?}", scenario.name, last.status);
    };
    // The simulator's log says the path; the recorded steps say what each task set.
    let mut steps = scenario.steps.iter().filter(|s| {
        process
            .node(s.action.node)
            .is_some_and(|n| worked(&n.kind) || received(&n.kind).is_some())
    });
    let mut tasks: Vec<Value> = Vec::new();
    let mut events: Vec<Value> = Vec::new();
    let mut driven = Driven::default();
    // A signal catch the trainer fired (delivering its signal); others caught a thrown signal.
    let mut signalled: Vec<_> = scenario.steps.iter().map(|s| s.action.node).collect();
    for entry in &last.log {
        let Some(node) = process.node(entry.node) else {
            continue;
        };
        let id = bpmn_id(process, entry.node);
        let after = tasks.len();
        if let Some(message) = received(&node.kind) {
            let step = steps.next().expect("a step per receive task in the log");
            assert_eq!(step.action.node, entry.node, "{}", scenario.name);
            driven.delivered += 1;
            events.push(json!({
                "after": after, "message": message, "at": id, "name": entry.node_name,
            }));
            continue;
        }
        if worked(&node.kind) {
            let step = steps.next().expect("a step per task in the log");
            assert_eq!(step.action.node, entry.node, "{}", scenario.name);
            for _ in 0..instances(&entry.event) {
                tasks.push(json!({ "id": id, "name": entry.node_name, "set": step.action.set }));
            }
            continue;
        }
        let event = match &node.kind {
            NodeKind::Catch { trigger } | NodeKind::Boundary { trigger, .. } => trigger,
            NodeKind::Start { trigger, .. } if starts_event_sub_process(process, node) => trigger,
            _ => continue,
        };
        match event {
            Trigger::Timer { .. } => {
                driven.fired += 1;
                events.push(json!({ "after": after, "timer": id, "name": entry.node_name }));
            }
            Trigger::Message { message } => {
                driven.delivered += 1;
                events.push(json!({
                    "after": after, "message": message, "at": id, "name": entry.node_name,
                }));
            }
            Trigger::Signal { signal } => {
                let Some(at) = signalled.iter().position(|n| *n == entry.node) else {
                    continue;
                };
                signalled.remove(at);
                driven.delivered += 1;
                events.push(json!({
                    "after": after, "signal": signal, "at": id, "name": entry.node_name,
                }));
            }
            _ => {}
        }
    }
    assert!(!tasks.is_empty(), "{}", scenario.name);
    let mut plan = json!({
        "scenario": scenario.name,
        "file": file,
        "data": scenario.data,
        "tasks": tasks,
        "events": events,
        "path": last.log.iter().map(|e| bpmn_id(process, e.node)).collect::<Vec<_>>(),
        "end": bpmn_id(process, *end),
    });
    if let Some(construct) = construct {
        plan["construct"] = json!(construct);
    }
    // The exports for other engines (bpmn-engine, Camunda 8) and what their checks compare.
    if let Some(engines) = engines {
        plan["conditions"] = json!(condition_values(process, &scenario.data, &tasks));
        plan["engines"] = engines;
    }
    std::fs::write(out, serde_json::to_string_pretty(&plan).expect("json")).expect("the plan");
    driven
}

/// Whether `node` is the start event of an event sub-process (its trigger is driven like a
/// catch event's; a process's own start is not).
fn starts_event_sub_process(process: &Process, node: &flowlane::model::Node) -> bool {
    node.parent.and_then(|p| process.node(p)).is_some_and(|p| {
        matches!(
            p.kind,
            NodeKind::SubProcess {
                sub: SubProcessKind::Event,
                ..
            }
        )
    })
}

/// An element's id in the export: the id of the file it was imported from, else `_` and its own.
fn bpmn_id(process: &Process, id: flowlane::model::Id) -> String {
    process
        .bpmn_id(id)
        .map_or_else(|| format!("_{id}"), String::from)
}

/// The file name for a scenario's plan: its name in lower case, other characters as dashes.
pub fn slug(name: &str) -> String {
    name.chars()
        .map(|c| match c.is_ascii_alphanumeric() {
            true => c.to_ascii_lowercase(),
            false => '-',
        })
        .collect()
}

/// A task the engine's user completes: every task type but a receive task that waits for a
/// message (the plan sends that message instead).
fn worked(kind: &NodeKind) -> bool {
    matches!(kind, NodeKind::Task { .. }) && received(kind).is_none()
}

/// The message a receive task waits for.
fn received(kind: &NodeKind) -> Option<&str> {
    match kind {
        NodeKind::Task {
            task: TaskType::Receive,
            message,
            ..
        } if !message.is_empty() => Some(message),
        _ => None,
    }
}

/// How many instances a task's log line says it completed: `completed 3 times side by side`
/// (or `one after another`) for a multi-instance task, once otherwise.
fn instances(event: &str) -> usize {
    let Some(rest) = event.strip_prefix("completed ") else {
        return 1;
    };
    match rest.split_once(" times") {
        Some((count, _)) => count.parse().expect("a count of instances"),
        None => 1,
    }
}

/// Each condition of the process with the value Flowlane's CEL gives on the scenario's data, as
/// the run starts and after each task that sets values, for the FEEL check; where a condition
/// reads a variable not set yet, that pair is left out.
fn condition_values(
    process: &Process,
    data: &serde_json::Map<String, Value>,
    tasks: &[Value],
) -> Vec<Value> {
    // The data as the run starts and after each task that sets a value.
    let mut snapshots = vec![data.clone()];
    for set in tasks.iter().filter_map(|t| t["set"].as_object()) {
        if !set.is_empty() {
            let mut next = snapshots[snapshots.len() - 1].clone();
            next.extend(set.clone());
            snapshots.push(next);
        }
    }
    let mut values = Vec::new();
    for flow in &process.flows {
        let Some(cel) = flow.condition.as_deref() else {
            continue;
        };
        let condition = flowlane::expr::parse(cel).unwrap();
        for data in &snapshots {
            let variables = &process.info.variables;
            let Ok(value) = flowlane::expr::evaluate(&condition, data, variables) else {
                continue;
            };
            values.push(json!({
                "flow": bpmn_id(process, flow.id),
                "cel": cel,
                "feel": flowlane::expr::dialect::write(cel, Dialect::Feel).unwrap(),
                "data": data,
                "value": value,
            }));
        }
    }
    values
}
