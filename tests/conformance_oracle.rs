//! Inputs for the pm4py oracle (`tests/conformance/oracle.py`, run by `scripts/test`): for each
//! sample version, the log shipped with its process (`samples::log`: the batch simulation with
//! deviations injected), the version as BPMN (Flowlane's export) and Flowlane's conformance
//! report, in `target/conformance/`.
//!
//! pm4py's BPMN → Petri net converter knows tasks, start and end events and exclusive, parallel
//! and inclusive gateways only; it drops intermediate events, boundary events, sub-processes and
//! event-based gateways with their flows. So the samples are first put in those words without
//! changing what sequences of steps they allow: intermediate events are bypassed (they are
//! silent), event-based gateways become exclusive ones (the events after them are silent), and
//! boundary events are dropped (with what only they lead to), and sub-processes are flattened
//! into their contents.

use std::collections::HashSet;
use std::path::PathBuf;

use flowlane::conformance;
use flowlane::eventlog;
use flowlane::model::{GatewayKind, NodeKind, Process, Trigger};

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

/// The contents of each embedded sub-process in its place (pm4py's converter drops
/// sub-processes): what led into it goes to what its start leads to, its plain ends go on where
/// it did, an end that throws an error (whose boundary, dropped, only led to an end) becomes a
/// plain end of the process. The sequences of steps allowed stay the same.
fn flattened(process: &Process) -> Process {
    let mut p = process.clone();
    let subs: Vec<_> = p
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::SubProcess { .. }))
        .filter(|n| p.nodes.iter().any(|c| c.parent == Some(n.id)))
        .map(|n| n.id)
        .collect();
    for sub in subs {
        let children: Vec<_> = p
            .nodes
            .iter()
            .filter(|n| n.parent == Some(sub))
            .map(|n| n.id)
            .collect();
        let kind = |id| {
            p.nodes
                .iter()
                .find(|n| n.id == id)
                .map(|n| n.kind.clone())
                .unwrap()
        };
        let start = *children
            .iter()
            .find(|&&c| matches!(kind(c), NodeKind::Start { .. }))
            .unwrap();
        let first = p.flows.iter().find(|f| f.source == start).unwrap().target;
        let after = p.flows.iter().find(|f| f.source == sub).unwrap().target;
        let plain_ends: HashSet<_> = children
            .iter()
            .copied()
            .filter(|&c| {
                matches!(
                    kind(c),
                    NodeKind::End {
                        trigger: Trigger::None,
                        ..
                    }
                )
            })
            .collect();
        p.flows.retain(|f| f.source != start && f.source != sub);
        for flow in &mut p.flows {
            if flow.target == sub {
                flow.target = first;
            }
            if plain_ends.contains(&flow.target) {
                flow.target = after;
            }
        }
        p.nodes
            .retain(|n| n.id != sub && n.id != start && !plain_ends.contains(&n.id));
        for node in &mut p.nodes {
            if node.parent == Some(sub) {
                node.parent = None;
                if let NodeKind::End { trigger, .. } = &mut node.kind {
                    *trigger = Trigger::None;
                }
            }
        }
    }
    let nodes: HashSet<_> = p.nodes.iter().map(|n| n.id).collect();
    let flows: HashSet<_> = p.flows.iter().map(|f| f.id).collect();
    p.layout.nodes.retain(|id, _| nodes.contains(id));
    p.layout.flows.retain(|id, _| flows.contains(id));
    p
}

#[test]
fn samples_are_written_with_their_shipped_logs_and_reports_for_the_pm4py_oracle() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/conformance");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let versions = flowlane::samples::versions();
    let mut written = 0;
    for (i, (sample, _)) in versions.iter().enumerate() {
        let number = versions[..=i]
            .iter()
            .filter(|(p, _)| p.id == sample.id)
            .count() as u32;
        // Every version is checked against the log of its process's latest version.
        let latest = &versions
            .iter()
            .rev()
            .find(|(p, _)| p.id == sample.id)
            .unwrap()
            .0;
        let shipped = flowlane::samples::log(latest).unwrap().log;
        let process = in_pm4py_vocabulary(&flattened(sample));
        let report = conformance::check(&process, number, &shipped).unwrap();
        assert!(!report.deviations.is_empty(), "{}", sample.info.name);
        let name = format!("sample-{}", written + 1);
        let bpmn = flowlane::bpmn::export(&process, Default::default()).unwrap();
        std::fs::write(dir.join(format!("{name}.bpmn")), bpmn).unwrap();
        std::fs::write(
            dir.join(format!("{name}.csv")),
            eventlog::to_canonical(&shipped),
        )
        .unwrap();
        let json = serde_json::to_string_pretty(&report).unwrap();
        std::fs::write(dir.join(format!("{name}.json")), json).unwrap();
        written += 1;
    }
    assert_eq!(written, versions.len());
}
