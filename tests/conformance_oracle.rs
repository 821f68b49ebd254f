//! Inputs for the pm4py oracle (`tests/conformance/oracle.py`, run by `scripts/test`): for each
//! sample, a synthetic log (cases walked through the sample's net with a fixed seed, then one
//! step skipped in one case and an undesigned activity added in another), the sample as BPMN
//! (Flowlane's export) and Flowlane's conformance report, in `target/conformance/`.
//!
//! pm4py's BPMN → Petri net converter knows tasks, start and end events and exclusive, parallel
//! and inclusive gateways only; it drops intermediate events, boundary events, sub-processes and
//! event-based gateways with their flows. So the samples are first put in those words without
//! changing what sequences of steps they allow: intermediate events are bypassed (they are
//! silent), event-based gateways become exclusive ones (the events after them are silent), and
//! boundary events are dropped (with what only they lead to). Contract review, whose review
//! happens inside a sub-process, is left out.

mod support;

use std::collections::HashSet;
use std::path::PathBuf;

use flowlane::conformance;
use flowlane::eventlog;
use flowlane::model::{GatewayKind, NodeKind, Process};

fn in_pm4py_vocabulary(process: &Process) -> Process {
    let mut p = process.clone();
    for node in &mut p.nodes {
        if let NodeKind::Gateway { gateway, .. } = &mut node.kind {
            if *gateway == GatewayKind::EventBased {
                *gateway = GatewayKind::Exclusive;
            }
        }
    }
    let boundaries: HashSet<_> = p
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Boundary { .. }))
        .map(|n| n.id)
        .collect();
    p.nodes.retain(|n| !boundaries.contains(&n.id));
    p.flows.retain(|f| !boundaries.contains(&f.source));
    // What only a boundary event led to has no way in any more.
    loop {
        let targets: HashSet<_> = p.flows.iter().map(|f| f.target).collect();
        let orphans: HashSet<_> = p
            .nodes
            .iter()
            .filter(|n| !matches!(n.kind, NodeKind::Start { .. }) && !targets.contains(&n.id))
            .map(|n| n.id)
            .collect();
        if orphans.is_empty() {
            break;
        }
        p.nodes.retain(|n| !orphans.contains(&n.id));
        p.flows.retain(|f| !orphans.contains(&f.source));
    }
    while let Some(event) = p.nodes.iter().position(|n| {
        matches!(n.kind, NodeKind::Catch { .. } | NodeKind::Throw { .. })
            && p.flows.iter().filter(|f| f.source == n.id).count() == 1
    }) {
        let id = p.nodes[event].id;
        let out = p.flows.iter().position(|f| f.source == id).unwrap();
        let next = p.flows[out].target;
        p.flows.remove(out);
        for flow in p.flows.iter_mut().filter(|f| f.target == id) {
            flow.target = next;
        }
        p.nodes.remove(event);
    }
    let nodes: HashSet<_> = p.nodes.iter().map(|n| n.id).collect();
    let flows: HashSet<_> = p.flows.iter().map(|f| f.id).collect();
    p.layout.nodes.retain(|id, _| nodes.contains(id));
    p.layout.flows.retain(|id, _| flows.contains(id));
    for node in &p.nodes {
        let out = p.flows.iter().filter(|f| f.source == node.id).count();
        assert!(
            out <= 1 || matches!(node.kind, NodeKind::Gateway { .. }),
            "{}: pm4py reads an activity's several outgoing flows as a choice",
            node.name
        );
    }
    p
}

#[test]
fn samples_are_written_with_synthetic_logs_and_reports_for_the_pm4py_oracle() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/conformance");
    std::fs::create_dir_all(&dir).unwrap();
    let mut written = 0;
    for (i, (sample, _)) in flowlane::samples::versions().iter().enumerate() {
        if sample.nodes.iter().any(|n| n.parent.is_some()) {
            continue;
        }
        let process = in_pm4py_vocabulary(sample);
        let mut traces = support::event_log::walk(&process, 40, 7 + i as u64);
        // The injected deviations: a step skipped, an activity the design does not have.
        traces[3].remove(1);
        traces[5].insert(1, "Phone the vendor".to_string());
        let log = support::event_log::event_log(&traces, Some(1_772_355_600_000)); // 2026-03-01T09:00:00Z
        let report = conformance::check(&process, 1, &log).unwrap();
        assert!(
            report.alignments.fitting_cases >= 38,
            "{}",
            sample.info.name
        );
        assert!(report.alignments.fitting_cases < 40, "{}", sample.info.name);
        let name = format!("sample-{}", written + 1);
        let bpmn = flowlane::bpmn::export(&process, Default::default()).unwrap();
        std::fs::write(dir.join(format!("{name}.bpmn")), bpmn).unwrap();
        std::fs::write(
            dir.join(format!("{name}.csv")),
            eventlog::to_canonical(&log),
        )
        .unwrap();
        let json = serde_json::to_string_pretty(&report).unwrap();
        std::fs::write(dir.join(format!("{name}.json")), json).unwrap();
        written += 1;
    }
    assert!(written >= 3, "{written} samples written");
}
