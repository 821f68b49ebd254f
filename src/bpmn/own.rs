//! A file Flowlane wrote from a process of its own keeps nothing Flowlane would not write
//! again: its ids, the pool around the lanes, lane bands, node boxes and edge ends all follow
//! from the process. Such a file imports as a plain process, as it was drawn; anything else
//! (a documentation element, a moved band, an edge another tool re-routed) keeps the kept parts.

use std::collections::{BTreeMap, HashMap};

use super::geometry::{edge_ends, extent, lane_band};
use super::ids::written;
use super::map::lane_tops;
use crate::model::{
    Bounds, Foreign, Id, Kept, KeptDiagram, KeptPool, KeptShape, Node, NodeKind, Process,
};

/// True when `foreign`, what the import of a file kept, is exactly what the import of
/// Flowlane's own export of `process` keeps.
pub fn is_own(process: &Process, foreign: &Foreign) -> bool {
    // Looked up by id once: a search of the node list per element is quadratic at 5,000 nodes.
    let nodes: HashMap<Id, &Node> = process.nodes.iter().map(|n| (n.id, n)).collect();
    without_what_the_model_says(&nodes, foreign) == own_foreign(process, &nodes)
}

/// `foreign` without what Flowlane writes again from the model alone: event definitions of
/// events that have a trigger, interrupting flags, the message, signal, error and escalation
/// elements it names `Message_…` (and so on), and the open flag of a sub-process's shape.
fn without_what_the_model_says(nodes: &HashMap<Id, &Node>, foreign: &Foreign) -> Foreign {
    const FLAGS: [&str; 3] = ["cancelActivity", "isInterrupting", "parallelMultiple"];
    const ROOTS: [&str; 4] = [
        "<bpmn:message ",
        "<bpmn:signal ",
        "<bpmn:error ",
        "<bpmn:escalation ",
    ];
    let mut out = foreign.clone();
    for (id, kept) in &mut out.nodes {
        let has_trigger = nodes
            .get(id)
            .and_then(|n| n.kind.trigger())
            .is_some_and(|t| !t.is_none());
        if has_trigger {
            kept.xml.retain(|x| !x.contains("EventDefinition"));
        }
        kept.attributes.retain(|k, _| !FLAGS.contains(&k.as_str()));
    }
    out.nodes.retain(|_, kept| *kept != Kept::default());
    out.definitions
        .xml
        .retain(|x| !ROOTS.iter().any(|r| x.starts_with(r)));
    for (id, shape) in &mut out.shapes {
        if matches!(
            nodes.get(id).map(|n| &n.kind),
            Some(NodeKind::SubProcess { .. })
        ) {
            shape.kept.attributes.remove("isExpanded");
        }
    }
    out
}

/// What the import of Flowlane's own export of `process` keeps.
fn own_foreign(process: &Process, nodes: &HashMap<Id, &Node>) -> Foreign {
    let simple = process.id.simple();
    let named = |what: &str| format!("{what}_{simple}");
    let kept = |id: String, attributes: &[(&str, &str)]| Kept {
        id,
        attributes: attributes
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..Kept::default()
    };
    let horizontal = [("isHorizontal", "true")];
    let pool = named("Participant");
    let collaboration = named("Collaboration");
    let tops = lane_tops(process);
    let extent = extent(process, &tops);
    let name = [("name", process.info.name.as_str())];
    let participant_name: &[(&str, &str)] = if process.info.name.is_empty() {
        &[]
    } else {
        &name
    };
    let namespace = format!("https://flowlane.dev/process/{}", process.id);
    let mut shapes = BTreeMap::new();
    for lane in &process.lanes {
        let top = tops.get(&lane.id).copied().unwrap_or(0.0);
        let band = lane_band(&extent, top, process.layout.lane_height(lane.id));
        let id = format!("{}_di", written(lane.id));
        shapes.insert(lane.id, shape(kept(id, &horizontal), Some(band)));
    }
    let absolute = |id| -> Option<Bounds> {
        let node = nodes.get(&id)?;
        let b = process.layout.nodes.get(&id)?;
        let top = tops.get(&node.lane).copied().unwrap_or(0.0);
        Some(Bounds { y: b.y + top, ..*b })
    };
    for node in &process.nodes {
        if let Some(bounds) = absolute(node.id) {
            let id = format!("{}_di", written(node.id));
            shapes.insert(node.id, shape(kept(id, &[]), Some(bounds)));
        }
    }
    for flow in &process.flows {
        if let (Some(source), Some(target)) = (absolute(flow.source), absolute(flow.target)) {
            let bends = process.layout.bends(flow.id);
            let id = format!("{}_di", written(flow.id));
            let mut edge = shape(kept(id, &[]), None);
            edge.ends = edge_ends(&source, &target, &bends).to_vec();
            shapes.insert(flow.id, edge);
        }
    }
    Foreign {
        definitions: kept(named("Definitions"), &[("targetNamespace", &namespace)]),
        namespaces: BTreeMap::new(),
        collaboration: Some(kept(collaboration.clone(), &[])),
        pools: vec![KeptPool {
            key: pool.clone(),
            participant: Some(kept(pool.clone(), participant_name)),
            process: Some(kept(named("Process"), &[("isExecutable", "true")])),
            lane_set: (!process.lanes.is_empty()).then(|| kept(named("LaneSet"), &[])),
            shape: Some(shape(kept(format!("{pool}_di"), &horizontal), Some(extent))),
        }],
        diagrams: vec![KeptDiagram {
            diagram: kept(named("Diagram"), &[]),
            plane: kept(named("Plane"), &[("bpmnElement", &collaboration)]),
            extra: Vec::new(),
        }],
        lanes: process
            .lanes
            .iter()
            .map(|lane| {
                let member = Kept {
                    pool: pool.clone(),
                    ..Kept::default()
                };
                (lane.id, member)
            })
            .collect(),
        nodes: BTreeMap::new(),
        flows: BTreeMap::new(),
        shapes,
    }
}

fn shape(kept: Kept, bounds: Option<Bounds>) -> KeptShape {
    KeptShape {
        kept,
        bounds,
        ..KeptShape::default()
    }
}
