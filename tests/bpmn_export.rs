//! Exporting BPMN 2.0: a process drawn in Flowlane comes back from its own export unchanged, its
//! Flowlane-only fields travel in the `flowlane` namespace, conditions are written for the
//! engine. The exports of the samples and of every corpus file are written to
//! `target/bpmn-exports/` for the schema, bpmn-moddle and SpiffWorkflow checks of `scripts/test`.

mod bpmn_corpus;

use std::path::PathBuf;

use flowlane::bpmn::{export, import, Dialect};
use flowlane::model::Process;
use flowlane::samples;

fn exports_dir(kind: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/bpmn-exports")
        .join(kind);
    std::fs::create_dir_all(&dir).expect("target/bpmn-exports");
    dir
}

/// The sample with the lane heights its drawing defaults to made explicit, as an export writes them.
fn drawn(mut p: Process) -> Process {
    for lane in p.lanes.clone() {
        let height = p.layout.lane_height(lane.id);
        p.layout.lanes.insert(lane.id, height);
    }
    p
}

#[test]
fn samples_come_back_from_their_own_export() {
    let dir = exports_dir("samples");
    for ((name, _, _), (process, _)) in samples::FILES.iter().zip(samples::versions()) {
        let xml = export(&process, Dialect::Python);
        std::fs::write(dir.join(name.replace(".json", ".bpmn")), &xml).unwrap();
        assert!(xml.contains("isExecutable=\"true\""), "{name}");
        let back = import(xml.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}\n{xml}"));
        assert_eq!(back, drawn(process), "{name}");
    }
}

#[test]
fn flowlane_fields_travel_in_their_own_namespace() {
    let (process, _) = samples::versions().remove(0);
    let xml = export(&process, Dialect::Python);
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
    let xml = export(&process, Dialect::Python);
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

#[test]
fn every_corpus_file_exports() {
    let dir = exports_dir("corpus");
    for (name, bytes) in bpmn_corpus::files() {
        let process = import(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let file = name.replace('/', "__");
        std::fs::write(dir.join(file), export(&process, Dialect::Python)).unwrap();
    }
}
