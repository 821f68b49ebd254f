//! Exporting BPMN 2.0: a process drawn in Flowlane comes back from its own export unchanged, its
//! Flowlane-only fields travel in the `flowlane` namespace, conditions are written for the
//! engine. The exports of the samples and of every corpus file are written to
//! `target/bpmn-exports/` for the schema, bpmn-moddle and SpiffWorkflow checks of `scripts/test`.

mod bpmn_corpus;
mod support;

use support::{constructs, plans};

use std::collections::HashMap;
use std::path::PathBuf;

use flowlane::bpmn::{export, import, Target};
use flowlane::expr::dialect::Engine;
use flowlane::model::{Id, Process};
use flowlane::samples;

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
        let xml = export(&process, Target::Plain).unwrap();
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
    let conditional = process.flows.iter_mut().find(|f| f.condition.is_some());
    conditional.expect("a conditional flow").label = "a < b & c".into();
    for dialect in [Target::Plain, Target::Cel] {
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
    let xml = export(&process, Target::Plain).unwrap();
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
    let xml = export(&process, Target::Plain).unwrap();
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
    let xml = export(&process, Target::Plain).unwrap();
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

/// For every sample scenario: the plan of `support::plans` (the exported file, the scenario's
/// data, the tasks Flowlane's step simulator completes on its path, in order, with the values
/// each sets, and the timers that fired and messages that were delivered on the way). The
/// SpiffWorkflow run of `scripts/test` (`tests/bpmn/run_spiff.py`) must complete the same tasks
/// in that order, firing and delivering the same events at the same points.
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
    let mut driven = plans::Driven::default();
    for scenario in scenarios {
        let (file, process, _) = versions
            .iter()
            .find(|(_, p, n)| p.id == scenario.process && *n == scenario.version)
            .expect("the scenario's version is a sample");
        let bpmn = file.replace(".json", ".bpmn");
        let file = format!("samples/{bpmn}");
        let out = dir.join(format!("{}.json", plans::slug(&scenario.name)));
        let engines = engine_exports(&dir, process, &bpmn);
        let one = plans::write(&scenario, process, &file, None, Some(engines), &out);
        driven.fired += one.fired;
        driven.delivered += one.delivered;
    }
    // The scenarios fire one boundary timer, one event-based gateway timer and eight
    // intermediate timers, and deliver one message.
    assert_eq!(
        driven,
        plans::Driven {
            fired: 10,
            delivered: 1
        }
    );
}

/// The sample exported for bpmn-engine and Camunda 8 into `scenarios/<engine>/`, by engine key
/// (paths relative to the plans' parent folder, as `file` is).
fn engine_exports(dir: &std::path::Path, process: &Process, bpmn: &str) -> serde_json::Value {
    let mut files = serde_json::Map::new();
    for engine in [Engine::BpmnEngine, Engine::Camunda8] {
        let folder = dir.join(engine.key());
        std::fs::create_dir_all(&folder).unwrap();
        let xml = export(process, Target::Engine(engine)).unwrap();
        std::fs::write(folder.join(bpmn), xml).unwrap();
        let path = format!("scenarios/{}/{bpmn}", engine.key());
        files.insert(engine.key().into(), path.into());
    }
    files.into()
}

/// One small process per construct no sample has (escalation throws and ends, message and signal
/// boundaries, nested errors, terminate, multi-instance, receive tasks, signals, loops, links,
/// event sub-processes),
/// each with scenarios replayed on the step simulator: exported to `constructs/` and planned beside the samples' scenarios, with the
/// construct named in the plan, for the same SpiffWorkflow check.
#[test]
fn construct_plans_for_the_engine() {
    let files = exports_dir("constructs");
    let dir = exports_dir("scenarios");
    let all = constructs::all();
    assert_eq!(all.len(), 22);
    let mut driven = plans::Driven::default();
    let mut planned = 0;
    for construct in all {
        let xml = export(&construct.process, Target::Plain).unwrap();
        let back = import(xml.as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", construct.name));
        assert_eq!(back.nodes, construct.process.nodes, "{}", construct.name);
        let file = format!("{}.bpmn", construct.name);
        std::fs::write(files.join(&file), &xml).unwrap();
        for scenario in &construct.scenarios {
            let out = dir.join(format!("construct-{}.json", plans::slug(&scenario.name)));
            let file = format!("constructs/{file}");
            let one = plans::write(
                scenario,
                &construct.process,
                &file,
                Some(construct.name),
                None,
                &out,
            );
            driven.fired += one.fired;
            driven.delivered += one.delivered;
            planned += 1;
        }
    }
    // The receive task's message, the signals the trainer delivers (to a catch and a boundary),
    // the messages delivered to boundaries and to an event sub-process; the timer that starts
    // the other event sub-process.
    assert_eq!(
        (planned, driven),
        (
            24,
            plans::Driven {
                fired: 1,
                delivered: 7
            }
        )
    );
}

#[test]
fn every_corpus_file_exports() {
    let dir = exports_dir("corpus");
    for (name, bytes) in bpmn_corpus::files() {
        let process = import(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let file = name.replace('/', "__");
        std::fs::write(dir.join(file), export(&process, Target::Plain).unwrap()).unwrap();
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
            let xml = export(&edited, Target::Plain).unwrap();
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
            export(&edited, Target::Plain).unwrap(),
        )
        .unwrap();
    }
}

/// Files an engine or a script wrote — no diagram, conditions in Python, JUEL or FEEL — import
/// with CEL conditions, are laid out, simulate with data along the path their condition says,
/// export for every engine, and their SpiffWorkflow export is planned beside the constructs so
/// `run_spiff.py` checks the engine takes the simulator's path.
#[test]
fn undrawn_engine_files_lay_out_simulate_and_export_for_every_engine() {
    let files = exports_dir("constructs");
    let dir = exports_dir("scenarios");
    for dialect in ["python", "juel", "feel"] {
        let path = format!(
            "{}/tests/fixtures/bpmn/undrawn-{dialect}.bpmn",
            env!("CARGO_MANIFEST_DIR")
        );
        let mut process =
            import(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{dialect}: {e}"));
        assert!(
            process.layout.nodes.is_empty(),
            "{dialect}: the file has no diagram"
        );
        flowlane::arrange::fill_missing_layout(&mut process);
        assert_eq!(
            process.layout.nodes.len(),
            process.nodes.len(),
            "{dialect}: laid out"
        );
        let mut conditions: Vec<&str> = process
            .flows
            .iter()
            .filter_map(|f| f.condition.as_deref())
            .collect();
        conditions.sort_unstable();
        assert_eq!(
            conditions,
            ["amount <= 1000", "amount > 1000"],
            "{dialect}: read as CEL"
        );
        for engine in Engine::ALL {
            let xml = export(&process, Target::Engine(engine))
                .unwrap_or_else(|e| panic!("{dialect} for {engine:?}: {e}"));
            let back =
                import(xml.as_bytes()).unwrap_or_else(|e| panic!("{dialect} for {engine:?}: {e}"));
            assert_eq!(
                back.flows.len(),
                process.flows.len(),
                "{dialect} for {engine:?}"
            );
        }
        let name = format!("undrawn-{dialect}");
        let file = format!("{name}.bpmn");
        let spiff = export(&process, Target::Engine(Engine::SpiffWorkflow)).unwrap();
        std::fs::write(files.join(&file), spiff).unwrap();
        for (case, amount, path) in [("large", 5000, "review"), ("small", 100, "approve")] {
            let step = if path == "review" {
                "Review"
            } else {
                "Approve"
            };
            let scenario = constructs::scenario(
                &process,
                &format!("{name}: a {case} claim"),
                serde_json::json!({ "amount": amount }),
                &["Check", "Size", step, "Settled"],
            );
            let out = dir.join(format!("construct-{}.json", plans::slug(&scenario.name)));
            let file = format!("constructs/{file}");
            plans::write(&scenario, &process, &file, Some(&name), None, &out);
        }
    }
}
