//! Every BPMN element of every corpus file (references, the tools' A files and their B and C
//! files) is imported as what it is. For each file the source is counted (BPMN model namespace
//! only, nothing under `extensionElements`): flow nodes by element, events by definition, nodes
//! inside sub-processes, participants, message flows, data objects and stores, annotations and
//! groups. The imported process is counted the same way, mapping each modelled element back to
//! the element it stands for. Any difference (an element stored as another kind, or dropped)
//! fails the test with the file and element. Writes the per-file table to
//! `target/bpmn-counts.md`.

mod bpmn_corpus;

use std::collections::BTreeMap;

use flowlane::bpmn::import;
use flowlane::model::{ArtifactKind, NodeKind, Process, SubProcessKind, Trigger};
use roxmltree::{Document, Node};

const MODEL: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";

const FLOW_NODES: [&str; 21] = [
    "task",
    "userTask",
    "manualTask",
    "serviceTask",
    "scriptTask",
    "businessRuleTask",
    "sendTask",
    "receiveTask",
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
    "exclusiveGateway",
    "parallelGateway",
    "inclusiveGateway",
    "eventBasedGateway",
    "complexGateway",
    "subProcess",
    "transaction",
    "adHocSubProcess",
];
const OTHERS: [&str; 7] = [
    "callActivity",
    "participant",
    "messageFlow",
    "dataObjectReference",
    "dataStoreReference",
    "textAnnotation",
    "group",
];
const EVENTS: [&str; 5] = [
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
];
const SUB_PROCESSES: [&str; 3] = ["subProcess", "transaction", "adHocSubProcess"];

/// Files that are not consistent BPMN (a flow from an element that is not there, two BPMN
/// elements with one id), refused whole, with the error the import gives.
const REFUSED: [(&str, &str); 5] = [
    (
        "bc-tools/sap-signavio-process-manager-19.9.0/B.1.0-export.bpmn",
        "line 429, <sequenceFlow id=\"sid-E1638278-7098-4BFF-9F77-653EA156C782\">: sourceRef names `sid-ED496D00-919C-4799-9F0C-D6FB0EA1D906`, but no element has that id",
    ),
    (
        "bc-tools/sap-signavio-process-manager-19.9.0/B.1.0-roundtrip.bpmn",
        "line 413, <process id=\"Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450\">: the id `Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450` is already used on line 14; ids must be unique",
    ),
    (
        "bc-tools/sap-signavio-process-manager-19.9.0/B.2.0-export.bpmn",
        "line 1247, <sequenceFlow id=\"sid-E1638278-7098-4BFF-9F77-653EA156C782\">: sourceRef names `sid-ED496D00-919C-4799-9F0C-D6FB0EA1D906`, but no element has that id",
    ),
    (
        "bc-tools/sap-signavio-process-manager-19.9.0/B.2.0-roundtrip.bpmn",
        "line 1102, <process id=\"Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450\">: the id `Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450` is already used on line 14; ids must be unique",
    ),
    (
        "bc-tools/sap-signavio-process-manager-19.9.0/C.5.0-roundtrip.1.bpmn",
        "line 388, <ioSpecification id=\"_b9338c62-a257-47dd-8c2e-88b80b73c330_iospec\">: the id `_b9338c62-a257-47dd-8c2e-88b80b73c330_iospec` is already used on line 6; ids must be unique",
    ),
];

/// Differences known and not yet modelled: a text annotation in a second collaboration (ARIS
/// splits C.4.0 into one collaboration per pool) stays kept XML.
const KNOWN: [&str; 2] = [
    "bc-tools/aris-10.2025.07/C.4.0-export.bpmn: textAnnotation: 1 in the file, 0 imported",
    "bc-tools/aris-10.2025.07/C.4.0-roundtrip.bpmn: textAnnotation: 1 in the file, 0 imported",
];

type Counts = BTreeMap<String, usize>;

#[test]
fn every_corpus_element_is_imported_as_what_it_is() {
    let files = bpmn_corpus::every_file();
    assert_eq!(files.len(), 221, "the corpus has 221 .bpmn files");
    let mut table = String::new();
    let mut totals_source = Counts::new();
    let mut totals_model = Counts::new();
    let mut mismatches = Vec::new();
    let mut refused = Vec::new();
    for (name, bytes) in &files {
        let text = decode(bytes);
        let doc = Document::parse(&text).expect("corpus files are XML");
        let source = count_source(&doc);
        let process = match import(bytes) {
            Ok(p) => p,
            Err(e) => {
                refused.push((name.clone(), e.to_string()));
                table.push_str(&format!("| {name} | refused: {e} | |\n"));
                continue;
            }
        };
        let model = count_model(&process);
        add(&mut totals_source, &source);
        add(&mut totals_model, &model);
        let differences = differ(&source, &model);
        let summary = |c: &Counts| {
            c.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if differences.is_empty() {
            table.push_str(&format!("| {name} | same | {} |\n", summary(&source)));
        } else {
            table.push_str(&format!(
                "| {name} | DIFFERS | {} |\n",
                differences.join("; ")
            ));
            mismatches.push(format!("{name}: {}", differences.join("; ")));
        }
    }
    let mut out = format!(
        "# BPMN elements of the corpus: in the file and in the imported process\n\n{} files, {} refused, {} differ (known: {}).\n\nTotals over the files that import:\n\n| element | in the files | imported |\n|---|---|---|\n",
        files.len(),
        refused.len(),
        mismatches.len(),
        KNOWN.len()
    );
    for (key, n) in &totals_source {
        let m = totals_model.get(key).copied().unwrap_or(0);
        out.push_str(&format!("| {key} | {n} | {m} |\n"));
    }
    out.push_str("\n| file | result | counts |\n|---|---|---|\n");
    out.push_str(&table);
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&target).expect("target folder");
    std::fs::write(target.join("bpmn-counts.md"), &out).expect("write the table");
    let known: Vec<(String, String)> = REFUSED
        .iter()
        .map(|(f, e)| (f.to_string(), e.to_string()))
        .collect();
    assert_eq!(refused, known, "files refused on import");
    assert_eq!(
        mismatches, KNOWN,
        "files whose elements are not all imported as what they are"
    );
}

fn decode(bytes: &[u8]) -> String {
    let text = String::from_utf8(bytes.to_vec())
        .unwrap_or_else(|_| bytes.iter().map(|b| char::from(*b)).collect());
    text.trim_start_matches('\u{feff}').to_string()
}

fn add(into: &mut Counts, from: &Counts) {
    for (k, v) in from {
        *into.entry(k.clone()).or_default() += v;
    }
}

fn differ(source: &Counts, model: &Counts) -> Vec<String> {
    let mut keys: Vec<&String> = source.keys().chain(model.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (a, b) = (
                source.get(k).copied().unwrap_or(0),
                model.get(k).copied().unwrap_or(0),
            );
            (a != b).then(|| format!("{k}: {a} in the file, {b} imported"))
        })
        .collect()
}

fn is_model(node: Node, names: &[&str]) -> bool {
    node.is_element()
        && node.tag_name().namespace() == Some(MODEL)
        && names.contains(&node.tag_name().name())
}

fn count_source(doc: &Document) -> Counts {
    let mut counts = Counts::new();
    let mut stack = vec![doc.root_element()];
    while let Some(node) = stack.pop() {
        if node.tag_name().name() == "extensionElements" {
            continue;
        }
        stack.extend(node.children().filter(Node::is_element));
        if node.tag_name().namespace() != Some(MODEL) {
            continue;
        }
        let name = node.tag_name().name();
        if FLOW_NODES.contains(&name) || OTHERS.contains(&name) {
            *counts.entry(name.to_string()).or_default() += 1;
        }
        if EVENTS.contains(&name) {
            let definitions: Vec<&str> = node
                .children()
                .filter(|c| c.tag_name().namespace() == Some(MODEL))
                .map(|c| c.tag_name().name())
                .filter(|n| n.ends_with("EventDefinition"))
                .collect();
            let key = match definitions.as_slice() {
                [] => "none".to_string(),
                [one] => one.trim_end_matches("EventDefinition").to_string(),
                _ => "multiple".to_string(),
            };
            *counts.entry(format!("event: {key}")).or_default() += 1;
        }
        if SUB_PROCESSES.contains(&name) && node.attribute("triggeredByEvent") == Some("true") {
            *counts.entry("event sub-process".into()).or_default() += 1;
        }
        let inside = node
            .ancestors()
            .skip(1)
            .any(|a| is_model(a, &SUB_PROCESSES));
        if inside && (FLOW_NODES.contains(&name) || name == "callActivity") {
            *counts.entry("inside a sub-process".into()).or_default() += 1;
        }
    }
    counts
}

fn count_model(process: &Process) -> Counts {
    let mut counts = Counts::new();
    let mut add = |key: &str| *counts.entry(key.to_string()).or_default() += 1;
    for node in &process.nodes {
        add(flowlane::bpmn::element(&node.kind));
        if let Some(trigger) = node.kind.trigger() {
            add(&format!("event: {}", definition(trigger)));
        }
        if matches!(
            node.kind,
            NodeKind::SubProcess {
                sub: SubProcessKind::Event,
                ..
            }
        ) {
            add("event sub-process");
        }
        if node.parent.is_some() {
            add("inside a sub-process");
        }
    }
    for _ in &process.pools {
        add("participant");
    }
    for _ in &process.messages {
        add("messageFlow");
    }
    for artifact in &process.artifacts {
        add(match artifact.kind {
            ArtifactKind::DataObject { .. } => "dataObjectReference",
            ArtifactKind::DataStore { .. } => "dataStoreReference",
            ArtifactKind::Annotation { .. } => "textAnnotation",
            ArtifactKind::Group { .. } => "group",
        });
    }
    counts
}

/// The event definition a trigger stands for, as the source counts it.
fn definition(trigger: &Trigger) -> &'static str {
    match trigger {
        Trigger::Compensation => "compensate",
        Trigger::Multiple { .. } => "multiple",
        other => other.label(),
    }
}
