//! A file Flowlane wrote from a process of its own keeps nothing Flowlane would not write
//! again: its ids, the pool around the lanes, lane bands, node boxes and edge ends all follow
//! from the process. Such a file imports as a plain process, as it was drawn; anything else
//! (a documentation element, a moved band, an edge another tool re-routed) keeps the kept parts.

use std::collections::BTreeMap;

use super::HashMap;

use super::geometry::{edge_ends, extent, lane_band};
use super::map::lane_tops;
use crate::model::{
    Bounds, Foreign, Id, Kept, KeptDiagram, KeptPool, KeptShape, Node, NodeKind, Point, Process,
};

/// True when `foreign`, what the import of a file kept, is exactly what the import of
/// Flowlane's own export of `process` keeps, once what Flowlane writes again from the model
/// alone is set aside (see `model_says`). The shapes, one per element, are compared where they
/// lie: a 5,000-node import neither copies what it kept nor builds the expected copy to ask.
pub fn is_own(process: &Process, foreign: &Foreign) -> bool {
    // Looked up by id once: a search of the node list per element is quadratic at 5,000 nodes.
    let nodes: HashMap<Id, &Node> = process.nodes.iter().map(|n| (n.id, n)).collect();
    let tops = lane_tops(process);
    let extent = extent(process, &tops);
    let frame = own_frame(process, extent);
    let mut definitions = foreign.definitions.clone();
    definitions
        .xml
        .retain(|x| !ROOTS.iter().any(|r| x.starts_with(r)));
    definitions == frame.definitions
        && foreign.namespaces == frame.namespaces
        && foreign.collaboration == frame.collaboration
        && foreign.pools == frame.pools
        && foreign.diagrams == frame.diagrams
        && foreign.lanes == frame.lanes
        && foreign.flows.is_empty()
        && foreign
            .nodes
            .iter()
            .all(|(id, kept)| model_says(&nodes, *id, kept))
        && own_shapes(process, &nodes, &tops, &extent, &foreign.shapes)
}

/// Root elements Flowlane writes from the model (as `Message_…` and so on).
const ROOTS: [&str; 4] = [
    "<bpmn:message ",
    "<bpmn:signal ",
    "<bpmn:error ",
    "<bpmn:escalation ",
];

/// Whether all that was kept of node `id` is what Flowlane writes again from the model alone:
/// the event definitions of an event that has a trigger, and interrupting flags.
fn model_says(nodes: &HashMap<Id, &Node>, id: Id, kept: &Kept) -> bool {
    const FLAGS: [&str; 3] = ["cancelActivity", "isInterrupting", "parallelMultiple"];
    let has_trigger = nodes
        .get(&id)
        .and_then(|n| n.kind.trigger())
        .is_some_and(|t| !t.is_none());
    kept.id.is_empty()
        && kept.element.is_empty()
        && kept.pool.is_empty()
        && kept.attributes.keys().all(|k| FLAGS.contains(&k.as_str()))
        && kept
            .xml
            .iter()
            .all(|x| has_trigger && x.contains("EventDefinition"))
}

/// Whether `shapes` are exactly the shapes of Flowlane's own export of `process`: one per lane
/// (its band), node (its box) and flow between drawn nodes (its ends); a sub-process's open
/// flag is the model's.
fn own_shapes(
    process: &Process,
    nodes: &HashMap<Id, &Node>,
    tops: &std::collections::HashMap<Id, f64>,
    extent: &Bounds,
    shapes: &BTreeMap<Id, KeptShape>,
) -> bool {
    let absolute = |id| -> Option<Bounds> {
        let node = nodes.get(&id)?;
        let b = process.layout.nodes.get(&id)?;
        let top = tops.get(&node.lane).copied().unwrap_or(0.0);
        Some(Bounds { y: b.y + top, ..*b })
    };
    let mut expected = 0;
    for lane in &process.lanes {
        let top = tops.get(&lane.id).copied().unwrap_or(0.0);
        let band = lane_band(extent, top, process.layout.lane_height(lane.id));
        let horizontal = [("isHorizontal", "true")];
        expected += 1;
        if !shapes
            .get(&lane.id)
            .is_some_and(|s| is_shape(s, lane.id, &horizontal, false, Some(band), &[]))
        {
            return false;
        }
    }
    for node in &process.nodes {
        let Some(bounds) = absolute(node.id) else {
            continue;
        };
        let sub_process = matches!(node.kind, NodeKind::SubProcess { .. });
        expected += 1;
        if !shapes
            .get(&node.id)
            .is_some_and(|s| is_shape(s, node.id, &[], sub_process, Some(bounds), &[]))
        {
            return false;
        }
    }
    for flow in &process.flows {
        let (Some(source), Some(target)) = (absolute(flow.source), absolute(flow.target)) else {
            continue;
        };
        let bends = process
            .layout
            .flows
            .get(&flow.id)
            .map_or(&[][..], Vec::as_slice);
        let ends = edge_ends(&source, &target, bends);
        expected += 1;
        if !shapes
            .get(&flow.id)
            .is_some_and(|s| is_shape(s, flow.id, &[], false, None, &ends))
        {
            return false;
        }
    }
    // Ids are unique across lanes, nodes and flows (`refuse` saw to the file's), so each
    // expected shape is its own entry: the file has no more than these.
    shapes.len() == expected
}

/// Whether `shape` is the one Flowlane writes for element `id`: `_ID_di`, these attributes
/// (besides `isExpanded` when `expanded_is_model`), these bounds or edge ends, nothing else.
fn is_shape(
    shape: &KeptShape,
    id: Id,
    attributes: &[(&str, &str)],
    expanded_is_model: bool,
    bounds: Option<Bounds>,
    ends: &[Point],
) -> bool {
    let kept = &shape.kept;
    let mut buffer = uuid::Uuid::encode_buffer();
    let written = id.hyphenated().encode_lower(&mut buffer);
    let own_id = kept
        .id
        .strip_prefix('_')
        .and_then(|rest| rest.strip_suffix("_di"))
        == Some(&*written);
    // Both in key order: a BTreeMap's, and the few `attributes` callers give.
    let mut kept_attributes = kept
        .attributes
        .iter()
        .filter(|(k, _)| !(expanded_is_model && k.as_str() == "isExpanded"));
    let same_attributes = attributes.iter().all(|(key, value)| {
        kept_attributes
            .next()
            .is_some_and(|(k, v)| k == key && v == value)
    }) && kept_attributes.next().is_none();
    own_id
        && same_attributes
        && kept.element.is_empty()
        && kept.xml.is_empty()
        && kept.pool.is_empty()
        && shape.diagram == 0
        && shape.bounds == bounds
        && shape.ends == ends
        && shape.inner.is_empty()
}

/// What the import of Flowlane's own export of `process` keeps besides its nodes, flows and
/// shapes (`model_says`, `own_shapes`): the definitions, the one pool and its diagram.
fn own_frame(process: &Process, extent: Bounds) -> Foreign {
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
    let name = [("name", process.info.name.as_str())];
    let participant_name: &[(&str, &str)] = if process.info.name.is_empty() {
        &[]
    } else {
        &name
    };
    let namespace = format!("https://flowlane.dev/process/{}", process.id);
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
        shapes: BTreeMap::new(),
    }
}

fn shape(kept: Kept, bounds: Option<Bounds>) -> KeptShape {
    KeptShape {
        kept,
        bounds,
        ..KeptShape::default()
    }
}
