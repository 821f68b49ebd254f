//! Exporting BPMN 2.0: a process drawn in Flowlane comes back from its own export unchanged, its
//! Flowlane-only fields travel in the `flowlane` namespace, conditions are written for the
//! engine. The exports of the samples and of every corpus file are written to
//! `target/bpmn-exports/` for the schema, bpmn-moddle and SpiffWorkflow checks of `scripts/test`.

mod bpmn_corpus;

use std::collections::HashMap;
use std::path::PathBuf;

use flowlane::bpmn::{export, import, Dialect};
use flowlane::model::{Id, NodeKind, Process};
use flowlane::samples;
use flowlane::simulate::{replay, Status};

fn exports_dir(kind: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/bpmn-exports")
        .join(kind);
    std::fs::create_dir_all(&dir).expect("target/bpmn-exports");
    dir
}

#[test]
fn samples_come_back_from_their_own_export() {
    let dir = exports_dir("samples");
    for ((name, _, _), (process, _)) in samples::FILES.iter().zip(samples::versions()) {
        let xml = export(&process, Dialect::Python).unwrap();
        std::fs::write(dir.join(name.replace(".json", ".bpmn")), &xml).unwrap();
        assert!(xml.contains("isExecutable=\"true\""), "{name}");
        let back = import(xml.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}\n{xml}"));
        assert_eq!(back, process, "{name}");
    }
}

/// Names, fields and conditions that need escaping (markup characters, quotes, apostrophes,
/// line breaks, tabs) come back exactly, in both dialects; the export is written by quick-xml and
/// checked here by the importer, never by the export itself.
#[test]
fn text_that_needs_escaping_comes_back_exactly() {
    let (mut process, _) = samples::versions().remove(0);
    process.info.name = "R&D <intake> \"v2\" it's".into();
    process.info.owner = "line one\nline two\ttabbed\r\nend".into();
    process.lanes[0].name = "Q&A 'desk'".into();
    process.nodes[1].name = "Prüfen\nund <freigeben> & \"ok\"".into();
    let flow = process
        .flows
        .iter_mut()
        .find(|f| f.condition.is_some())
        .expect("a conditional flow");
    flow.label = "a < b & c".into();
    for dialect in [Dialect::Python, Dialect::Cel] {
        let xml = export(&process, dialect).unwrap();
        let back = import(xml.as_bytes()).unwrap_or_else(|e| panic!("{dialect:?}: {e}\n{xml}"));
        assert_eq!(back, process, "{dialect:?}");
    }
}

#[test]
fn a_lane_at_the_default_height_stays_at_the_default() {
    let (mut process, _) = samples::versions().remove(0);
    let lane = process.lanes[0].id;
    process.layout.lanes.remove(&lane);
    let xml = export(&process, Dialect::Python).unwrap();
    assert!(xml.contains("flowlane:defaultHeight=\"true\""));
    std::fs::write(
        exports_dir("samples").join("default-lane-height.bpmn"),
        &xml,
    )
    .unwrap();
    assert_eq!(import(xml.as_bytes()).unwrap(), process);
}

#[test]
fn flowlane_fields_travel_in_their_own_namespace() {
    let (process, _) = samples::versions().remove(0);
    let xml = export(&process, Dialect::Python).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let ns = flowlane::bpmn::FLOWLANE_NAMESPACE;
    let lane = process.lanes_in_order()[0];
    let lane_xml = doc
        .descendants()
        .find(|n| n.tag_name().name() == "lane" && n.attribute("name") == Some(lane.name.as_str()))
        .expect("the lane");
    assert_eq!(lane_xml.attribute((ns, "team")), Some(lane.team.as_str()));
    assert_eq!(
        lane_xml.attribute((ns, "trigger")),
        Some(lane.trigger.as_str())
    );
    let variables = doc
        .descendants()
        .filter(|n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == "variable")
        .count();
    assert_eq!(variables, process.info.variables.len());
}

#[test]
fn conditions_are_written_in_python_with_the_cel_source_kept() {
    let process = samples::versions()
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| {
            p.flows.iter().any(|f| {
                f.condition
                    .as_deref()
                    .is_some_and(|c| c.contains("&&") || c.contains("true"))
            })
        })
        .unwrap_or_else(|| samples::versions().remove(1).0);
    let xml = export(&process, Dialect::Python).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut checked = 0;
    for flow in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "sequenceFlow")
    {
        let Some(expression) = flow
            .children()
            .find(|n| n.tag_name().name() == "conditionExpression")
        else {
            continue;
        };
        let text = expression.text().unwrap_or("");
        assert!(
            !text.contains("&&") && !text.contains("||") && !text.contains("true"),
            "{text}"
        );
        let cel = flow
            .attribute((flowlane::bpmn::FLOWLANE_NAMESPACE, "condition"))
            .unwrap_or(text);
        assert!(flowlane::expr::parse(cel).is_ok(), "{cel}");
        checked += 1;
    }
    assert!(checked > 0, "the sample has conditions");
}

/// For every sample scenario: the exported file, the scenario's data, and the tasks Flowlane's
/// step simulator completes on its path, in order, with the values each sets. The SpiffWorkflow
/// run of `scripts/test` (`tests/bpmn/run_spiff.py`) must complete the same tasks in that order.
#[test]
fn scenario_plans_for_the_engine() {
    let dir = exports_dir("scenarios");
    let mut numbers: HashMap<Id, u32> = HashMap::new();
    let versions: Vec<(&str, Process, u32)> = samples::FILES
        .iter()
        .zip(samples::versions())
        .map(|((file, _, _), (process, _))| {
            let number = numbers.entry(process.id).or_insert(0);
            *number += 1;
            (*file, process, *number)
        })
        .collect();
    let scenarios = samples::scenarios();
    assert_eq!(scenarios.len(), 7);
    for scenario in scenarios {
        let (file, process, _) = versions
            .iter()
            .find(|(_, p, n)| p.id == scenario.process && *n == scenario.version)
            .expect("the scenario's version is a sample");
        let no_calls = |_: Id, _: Option<u32>| None;
        let replayed = replay(&scenario, process.clone(), &no_calls).expect("the scenario starts");
        assert_eq!(replayed.divergence, None, "{}", scenario.name);
        let last = replayed.states.last().expect("a state");
        let Status::Ended { node: end, .. } = &last.status else {
            panic!("{} does not end: {:?}", scenario.name, last.status);
        };
        let is_task = |id: Id| {
            process
                .node(id)
                .is_some_and(|n| matches!(n.kind, NodeKind::Task { .. }))
        };
        // The simulator's log says the path; the recorded steps say what each task set.
        let mut steps = scenario.steps.iter().filter(|s| is_task(s.action.node));
        let tasks: Vec<serde_json::Value> = last
            .log
            .iter()
            .filter(|entry| is_task(entry.node))
            .map(|entry| {
                let step = steps.next().expect("a step per task in the log");
                assert_eq!(step.action.node, entry.node, "{}", scenario.name);
                serde_json::json!({
                    "id": format!("_{}", entry.node),
                    "name": entry.node_name,
                    "set": step.action.set,
                })
            })
            .collect();
        assert!(!tasks.is_empty(), "{}", scenario.name);
        let plan = serde_json::json!({
            "scenario": scenario.name,
            "file": format!("samples/{}", file.replace(".json", ".bpmn")),
            "data": scenario.data,
            "tasks": tasks,
            "end": format!("_{end}"),
        });
        let slug: String = scenario
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        std::fs::write(
            dir.join(format!("{slug}.json")),
            serde_json::to_string_pretty(&plan).unwrap(),
        )
        .unwrap();
    }
}

#[test]
fn every_corpus_file_exports() {
    let dir = exports_dir("corpus");
    for (name, bytes) in bpmn_corpus::files() {
        let process = import(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let file = name.replace('/', "__");
        std::fs::write(dir.join(file), export(&process, Dialect::Python).unwrap()).unwrap();
    }
}

/// Kept parts of an imported file can name elements deleted since (a boundary event's host, the
/// shapes inside a removed sub-process): the export leaves those out, so deleting any node or
/// lane still gives a file that imports. One edited export per corpus file (without the node
/// holding the most kept XML) goes to the schema and bpmn-moddle checks.
#[test]
fn deleting_imported_elements_still_exports_a_file_that_imports() {
    use flowlane::edit::{apply, execute, Command};
    let dir = exports_dir("edited");
    for (name, bytes) in bpmn_corpus::files() {
        let process = import(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let commands = process
            .nodes
            .iter()
            .map(|n| Command::RemoveNode { node: n.id })
            .chain(
                process
                    .lanes
                    .iter()
                    .map(|l| Command::RemoveLane { lane: l.id }),
            );
        for command in commands {
            let what = format!("{command:?}");
            let edited = apply(&process, &execute(&process, command).unwrap()).unwrap();
            let xml = export(&edited, Dialect::Python).unwrap();
            let back = import(xml.as_bytes()).unwrap_or_else(|e| panic!("{name} {what}: {e}"));
            assert_eq!(back.nodes.len(), edited.nodes.len(), "{name} {what}");
        }
        let foreign = process.foreign.as_ref().expect("kept parts");
        let heaviest = process
            .nodes
            .iter()
            .max_by_key(|n| {
                foreign
                    .nodes
                    .get(&n.id)
                    .map_or(0, |k| k.xml.iter().map(String::len).sum::<usize>())
            })
            .expect("a node");
        let edited = apply(
            &process,
            &execute(&process, Command::RemoveNode { node: heaviest.id }).unwrap(),
        )
        .unwrap();
        std::fs::write(
            dir.join(name.replace('/', "__")),
            export(&edited, Dialect::Python).unwrap(),
        )
        .unwrap();
    }
}
