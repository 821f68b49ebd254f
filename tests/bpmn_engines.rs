//! BPMN export for an engine (`flowlane export --format bpmn --engine …`): conditions in the
//! engine's dialect, steps as user tasks assigned the engine's way, timers in ISO 8601,
//! executable processes; a condition the dialect cannot say is refused naming its flow.
//! bpmn-engine runs and the FEEL values are checked in Node by `scripts/test`
//! (`tests/bpmn-engine/run.mjs`).

mod support;

use flowlane::bpmn::{export, import, Target, WriteError};
use flowlane::expr::dialect::Engine;
use flowlane::model::{NodeKind, Process, Trigger};
use flowlane::samples;
use roxmltree::Document;
use support::cli::{flowlane, library_with_samples};

fn sample(name: &str) -> Process {
    samples::versions()
        .into_iter()
        .map(|(p, _)| p)
        .rfind(|p| p.info.name == name)
        .expect("the sample")
}

/// Each conditional flow's `conditionExpression` (text, language) in the export.
fn conditions(xml: &str) -> Vec<(String, Option<String>)> {
    let doc = Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "conditionExpression")
        .map(|n| {
            let text = n.text().unwrap_or("").to_string();
            (text, n.attribute("language").map(str::to_string))
        })
        .collect()
}

#[test]
fn each_engine_gets_its_dialect_and_its_assignments() {
    let process = sample("Accounts payable");
    let tasks = process
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Task { .. }))
        .count();
    for engine in Engine::ALL {
        let xml = export(&process, Target::Engine(engine)).unwrap();
        let doc = Document::parse(&xml).unwrap();
        let user_tasks: Vec<_> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "userTask")
            .collect();
        assert_eq!(
            user_tasks.len(),
            tasks,
            "{engine:?}: every step is a user task"
        );
        for process in doc
            .descendants()
            .filter(|n| n.tag_name().name() == "process")
        {
            assert_eq!(
                process.attribute("isExecutable"),
                Some("true"),
                "{engine:?}"
            );
        }
        let texts = conditions(&xml);
        assert_eq!(texts.len(), 4, "{engine:?}");
        for (text, language) in &texts {
            let ok = match engine {
                Engine::SpiffWorkflow => !text.contains('{') && !text.contains("true"),
                Engine::Camunda8 => text.starts_with('='),
                Engine::Camunda7 | Engine::Flowable | Engine::Activiti => text.starts_with("${"),
                Engine::BpmnEngine => {
                    text.starts_with("next(null, environment.variables.")
                        && language.as_deref() == Some("javascript")
                }
            };
            assert!(ok, "{engine:?}: {text}");
        }
        let assigned = |n: &roxmltree::Node| -> Option<String> {
            match engine {
                Engine::Camunda8 => n
                    .descendants()
                    .find(|c| c.tag_name().name() == "assignmentDefinition")
                    .and_then(|c| c.attribute("candidateGroups"))
                    .map(str::to_string),
                Engine::Camunda7 | Engine::Flowable | Engine::Activiti => n
                    .attributes()
                    .find(|a| a.name() == "candidateGroups")
                    .map(|a| a.value().to_string()),
                Engine::SpiffWorkflow | Engine::BpmnEngine => None,
            }
        };
        for task in &user_tasks {
            let node = process
                .nodes
                .iter()
                .find(|n| Some(n.name.as_str()) == task.attribute("name"))
                .expect("the step");
            let NodeKind::Task { assignee, .. } = &node.kind else {
                unreachable!()
            };
            let expected = match engine {
                Engine::SpiffWorkflow | Engine::BpmnEngine => None,
                _ => Some(assignee.clone()),
            };
            assert_eq!(assigned(task), expected, "{engine:?} {}", node.name);
        }
    }
}

#[test]
fn the_plain_export_is_unchanged_and_reads_back() {
    let process = sample("Accounts payable");
    let plain = export(&process, Target::Plain).unwrap();
    assert!(!plain.contains("candidateGroups") && !plain.contains("userTask"));
    assert!(conditions(&plain)
        .iter()
        .all(|(t, l)| !t.contains("${") && l.is_none()));
    // An engine's export still carries Flowlane's CEL and reads back as the same conditions.
    for engine in Engine::ALL {
        let back = import(export(&process, Target::Engine(engine)).unwrap().as_bytes()).unwrap();
        let cel = |p: &Process| {
            let mut c: Vec<_> = p.flows.iter().filter_map(|f| f.condition.clone()).collect();
            c.sort();
            c
        };
        assert_eq!(cel(&back), cel(&process), "{engine:?}");
    }
}

#[test]
fn timers_are_iso_8601_for_every_engine_but_python_quotes_them() {
    let process = sample("Accounts payable");
    let timer = |xml: &str| {
        let doc = Document::parse(xml).unwrap();
        let text = doc
            .descendants()
            .find(|n| ["timeDuration", "timeDate", "timeCycle"].contains(&n.tag_name().name()))
            .and_then(|n| n.text())
            .map(str::to_string);
        text.expect("a timer")
    };
    let iso = timer(&export(&process, Target::Engine(Engine::Camunda8)).unwrap());
    assert!(iso.starts_with('P'), "{iso}");
    for engine in [Engine::Camunda7, Engine::BpmnEngine] {
        assert_eq!(
            timer(&export(&process, Target::Engine(engine)).unwrap()),
            iso
        );
    }
    let spiff = timer(&export(&process, Target::Engine(Engine::SpiffWorkflow)).unwrap());
    assert_eq!(spiff, format!("\"{iso}\""));
}

#[test]
fn a_condition_the_dialect_cannot_say_is_refused_naming_its_flow() {
    let mut process = sample("Accounts payable");
    let flow = process
        .flows
        .iter_mut()
        .find(|f| f.label == "over 10,000")
        .expect("the flow");
    flow.condition = Some("amount > 10000 ? true : false".into());
    let err = export(&process, Target::Engine(Engine::Camunda8)).unwrap_err();
    assert!(
        matches!(&err, WriteError::Condition { element, engine: "Camunda 8", .. } if element == "flow `over 10,000`"),
        "{err}"
    );
    assert!(err.to_string().contains("FEEL cannot express"), "{err}");
    // JUEL and JavaScript have the choice.
    assert!(export(&process, Target::Engine(Engine::Camunda7)).is_ok());
    assert!(export(&process, Target::Engine(Engine::BpmnEngine)).is_ok());
}

/// `flowlane export "Accounts payable" --format FORMAT --engine ENGINE`.
fn export_for(lib: &std::path::Path, format: &str, engine: &str) -> support::cli::Run {
    let args = [
        "export",
        "Accounts payable",
        "--format",
        format,
        "--engine",
        engine,
    ];
    flowlane(lib, &args)
}

#[test]
fn the_cli_exports_for_an_engine() {
    let (dir, lib) = library_with_samples();
    let run = export_for(&lib, "bpmn", "camunda8").succeeded();
    run.printed("xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\"");
    run.printed("<zeebe:assignmentDefinition candidateGroups=");
    run.printed(">=amount &gt; 10000<");
    let js = export_for(&lib, "bpmn", "bpmn-engine").succeeded();
    js.printed("language=\"javascript\"");
    export_for(&lib, "bpmn", "jbpm").refused(2, "jbpm");
    export_for(&lib, "svg", "camunda8").refused(2, "--engine is for --format bpmn");

    // A saved condition FEEL cannot say: refused, naming the flow; JUEL can say it.
    let json = flowlane(&lib, &["export", "Accounts payable", "--format", "json"]).succeeded();
    let edited = json
        .stdout
        .replace("\"amount > 10000\"", "\"amount > 10000 ? true : false\"");
    assert_ne!(edited, json.stdout);
    let file = dir.path().join("edited.json");
    std::fs::write(&file, edited).unwrap();
    let file = file.to_str().unwrap();
    flowlane(&lib, &["save", "Accounts payable", file, "-m", "A choice"]).succeeded();
    export_for(&lib, "bpmn", "camunda8").refused(
        2,
        "the condition of flow `over 10,000` cannot be written for Camunda 8",
    );
    export_for(&lib, "bpmn", "camunda7").succeeded();
}

#[test]
fn a_conditional_event_is_written_in_the_dialect_too() {
    let mut process = sample("Accounts payable");
    let node = process
        .nodes
        .iter_mut()
        .find(|n| matches!(n.kind, NodeKind::Catch { .. }))
        .expect("an intermediate catch event");
    node.kind = NodeKind::Catch {
        trigger: Trigger::Conditional {
            condition: "amount > 5 && !approved".into(),
        },
    };
    let name = node.name.clone();
    let condition = |engine| {
        let xml = export(&process, Target::Engine(engine)).unwrap();
        let doc = Document::parse(&xml).unwrap();
        let text = doc
            .descendants()
            .find(|n| n.tag_name().name() == "condition")
            .and_then(|n| n.text())
            .map(str::to_string);
        text.expect("the event's condition")
    };
    assert_eq!(
        condition(Engine::Camunda8),
        "=(amount > 5) and not(approved)"
    );
    assert_eq!(condition(Engine::Camunda7), "${(amount > 5) && !approved}");
    let NodeKind::Catch { trigger } = &mut process
        .nodes
        .iter_mut()
        .find(|n| n.name == name)
        .unwrap()
        .kind
    else {
        unreachable!()
    };
    *trigger = Trigger::Conditional {
        condition: "amount > 5 ? approved : false".into(),
    };
    let err = export(&process, Target::Engine(Engine::Camunda8)).unwrap_err();
    assert!(
        err.to_string().contains(&format!("event `{name}`")),
        "{err}"
    );
}
