//! The drawing: shapes and edges of modelled elements become the layout (bounds, bend points,
//! lane heights) and `KeptShape`s; the rest of each diagram is kept as it was.

use std::collections::{BTreeMap, HashMap};

use roxmltree::Node as XmlNode;

use super::{kept_attributes, on_own_planes, Mapper, POOL_LANE};
use crate::bpmn::ids::to_uuid;
use crate::bpmn::names::{attribute_key, local_ref, qualify, BPMNDI, DC, DI, FLOWLANE};
use crate::bpmn::opaque::fragment;
use crate::bpmn::ImportError;
use crate::model::{Bounds, Foreign, Id, Kept, KeptDiagram, KeptShape, NodeKind, Point, Process};

impl Mapper {
    pub(super) fn diagram(
        &mut self,
        xml: XmlNode,
        index: u32,
        process: &mut Process,
    ) -> Result<(), ImportError> {
        let plane = xml.children().find(|n| {
            n.tag_name().namespace() == Some(BPMNDI) && n.tag_name().name() == "BPMNPlane"
        });
        let mut kept = KeptDiagram {
            diagram: Kept {
                id: xml.attribute("id").unwrap_or("").to_string(),
                attributes: kept_attributes(xml, &["id"]),
                xml: xml
                    .children()
                    .filter(|n| n.is_element() && Some(*n) != plane)
                    .map(fragment)
                    .collect(),
                ..Kept::default()
            },
            ..KeptDiagram::default()
        };
        if let Some(plane) = plane {
            kept.plane = Kept {
                id: plane.attribute("id").unwrap_or("").to_string(),
                attributes: kept_attributes(plane, &["id"]),
                ..Kept::default()
            };
            for element in plane.children().filter(XmlNode::is_element) {
                if self.dropped.contains(&element.id()) {
                    continue;
                }
                if !self.shape(element, index, process)? {
                    kept.extra.push(fragment(element));
                }
            }
        }
        self.foreign.diagrams.push(kept);
        Ok(())
    }

    /// Takes a shape or edge of a modelled element into the layout; false when it is someone else's.
    fn shape(
        &mut self,
        xml: XmlNode,
        diagram: u32,
        process: &mut Process,
    ) -> Result<bool, ImportError> {
        let is_di = |n: XmlNode, name: &str| {
            n.tag_name().namespace() == Some(BPMNDI) && n.tag_name().name() == name
        };
        let Some(element) = xml.attribute("bpmnElement").map(local_ref) else {
            return Ok(false);
        };
        let mut kept = KeptShape {
            kept: Kept {
                id: xml.attribute("id").unwrap_or("").to_string(),
                attributes: kept_attributes(xml, &["id", "bpmnElement"]),
                ..Kept::default()
            },
            diagram,
            ..KeptShape::default()
        };
        let not_bounds = |n: &XmlNode| {
            n.is_element()
                && !(n.tag_name().namespace() == Some(DC) && n.tag_name().name() == "Bounds")
        };
        if is_di(xml, "BPMNEdge") {
            let Some(&id) = self.flows.get(element) else {
                return Ok(false);
            };
            if self.foreign.shapes.contains_key(&id) {
                return Ok(false);
            }
            let mut points = Vec::new();
            for waypoint in xml.children().filter(|n| {
                n.tag_name().namespace() == Some(DI) && n.tag_name().name() == "waypoint"
            }) {
                points.push(Point {
                    x: number(waypoint, "x")?,
                    y: number(waypoint, "y")?,
                });
                keep_sub_attributes(waypoint, "waypoint", &["x", "y"], &mut kept.kept.attributes);
            }
            kept.kept.xml = xml
                .children()
                .filter(|n| {
                    n.is_element()
                        && !(n.tag_name().namespace() == Some(DI)
                            && n.tag_name().name() == "waypoint")
                })
                .map(fragment)
                .collect();
            if points.len() >= 2 {
                let last = points.pop().expect("two points");
                let first = points.remove(0);
                kept.ends = vec![first, last];
                if !points.is_empty() {
                    process.layout.flows.insert(id, points);
                }
            } else {
                kept.ends = points;
            }
            self.foreign.shapes.insert(id, kept);
            return Ok(true);
        }
        if !is_di(xml, "BPMNShape") {
            return Ok(false);
        }
        let bounds = match xml
            .children()
            .find(|n| n.tag_name().namespace() == Some(DC) && n.tag_name().name() == "Bounds")
        {
            Some(b) => {
                keep_sub_attributes(
                    b,
                    "Bounds",
                    &["x", "y", "width", "height"],
                    &mut kept.kept.attributes,
                );
                Bounds {
                    x: number(b, "x")?,
                    y: number(b, "y")?,
                    w: number(b, "width")?,
                    h: number(b, "height")?,
                }
            }
            None => return Ok(false),
        };
        kept.kept.xml = xml.children().filter(not_bounds).map(fragment).collect();
        if let Some(&id) = self.nodes.get(element) {
            if self.bounds.contains_key(&id) {
                return Ok(false);
            }
            self.bounds.insert(id, bounds);
            if xml.attribute("isExpanded") == Some("true") {
                expand(process, id);
            }
            kept.bounds = Some(bounds);
            self.foreign.shapes.insert(id, kept);
            return Ok(true);
        }
        if let Some(&id) = self.artifacts.get(element) {
            if process.layout.artifacts.contains_key(&id) {
                return Ok(false);
            }
            process.layout.artifacts.insert(id, bounds);
            kept.bounds = Some(bounds);
            self.foreign.shapes.insert(id, kept);
            return Ok(true);
        }
        if let Some(&id) = self.lanes.get(element) {
            if self.foreign.shapes.contains_key(&id) {
                return Ok(false);
            }
            if xml.attribute((FLOWLANE, "defaultHeight")) != Some("true") {
                process.layout.lanes.insert(id, bounds.h);
            }
            kept.bounds = Some(bounds);
            self.foreign.shapes.insert(id, kept);
            return Ok(true);
        }
        if let Some(pool) = self.foreign.pools.iter_mut().find(|p| p.key == element) {
            if pool.shape.is_some() {
                return Ok(false);
            }
            if let Some(&lane) = self.pool_lanes.get(element) {
                process.layout.lanes.insert(lane, bounds.h);
            } else if process.pool(to_uuid(element)).is_some()
                && !process
                    .lanes
                    .iter()
                    .any(|l| l.pool == Some(to_uuid(element)))
            {
                process.layout.pools.insert(to_uuid(element), bounds.h);
            }
            kept.bounds = Some(bounds);
            pool.shape = Some(kept);
            return Ok(true);
        }
        Ok(false)
    }

    /// Node `y` becomes relative to its lane's origin (see `lane_origins`); a lane the file draws
    /// no band for gets one tall enough for its nodes.
    pub(super) fn relative_layout(&mut self, process: &mut Process) {
        self.place_undrawn_contents(process);
        let own_planes = on_own_planes(process);
        let origins = lane_origins(process, Some(&self.foreign));
        for lane in &process.lanes {
            let drawn = process.layout.lanes.contains_key(&lane.id)
                || band_top(&self.foreign, lane.id).is_some();
            let bottom = process
                .nodes
                .iter()
                .filter(|n| n.lane == lane.id && !own_planes.contains(&n.id))
                .filter_map(|n| self.bounds.get(&n.id))
                .map(|b| b.y + b.h)
                .fold(f64::NEG_INFINITY, f64::max);
            if !drawn && bottom.is_finite() && bottom > 0.0 {
                process
                    .layout
                    .lanes
                    .insert(lane.id, bottom + UNDRAWN_LANE_MARGIN);
            }
        }
        for node in &process.nodes {
            if let Some(b) = self.bounds.get(&node.id) {
                let origin = if own_planes.contains(&node.id) {
                    0.0
                } else {
                    origins.get(&node.lane).copied().unwrap_or(0.0)
                };
                process.layout.nodes.insert(
                    node.id,
                    Bounds {
                        y: b.y - origin,
                        ..*b
                    },
                );
            }
        }
    }
}

impl Mapper {
    /// Nodes inside a collapsed sub-process that the file draws on no plane get a place on
    /// its plane, in a row in file order; export draws them nowhere again.
    fn place_undrawn_contents(&mut self, process: &mut Process) {
        self.expand_drawn_inside(process);
        let own_planes = on_own_planes(process);
        let mut next: HashMap<Id, f64> = HashMap::new();
        for node in &process.nodes {
            let Some(parent) = node.parent else {
                continue;
            };
            if self.bounds.contains_key(&node.id) {
                continue;
            }
            // Inside an open sub-process: in its box; else on the collapsed one's plane.
            let origin = match self.bounds.get(&parent) {
                Some(b) if !own_planes.contains(&node.id) => Point {
                    x: b.x + 20.0,
                    y: b.y + 30.0,
                },
                _ => Point {
                    x: UNDRAWN_START,
                    y: UNDRAWN_START,
                },
            };
            let (w, h) = match node.kind {
                NodeKind::Gateway { .. } => (50.0, 50.0),
                _ if node.kind.trigger().is_some() => (36.0, 36.0),
                _ => (100.0, 80.0),
            };
            let x = next.entry(parent).or_insert(origin.x);
            self.bounds.insert(node.id, Bounds::new(*x, origin.y, w, h));
            *x += w + UNDRAWN_GAP;
        }
    }

    /// A sub-process the file does not call expanded but draws with its contents inside its
    /// box, on the same diagram, is open.
    fn expand_drawn_inside(&self, process: &mut Process) {
        let inside = |outer: &Bounds, inner: &Bounds| {
            inner.x >= outer.x
                && inner.y >= outer.y
                && inner.x + inner.w <= outer.x + outer.w
                && inner.y + inner.h <= outer.y + outer.h
        };
        let diagram = |id: &Id| self.foreign.shapes.get(id).map(|s| s.diagram);
        let open: Vec<Id> = process
            .nodes
            .iter()
            .filter(|n| {
                matches!(
                    n.kind,
                    NodeKind::SubProcess {
                        expanded: false,
                        ..
                    }
                )
            })
            .filter(|sub| {
                let Some(outer) = self.bounds.get(&sub.id) else {
                    return false;
                };
                let mut children = process.children(Some(sub.id)).peekable();
                children.peek().is_some()
                    && children.all(|c| {
                        self.bounds.get(&c.id).is_some_and(|b| inside(outer, b))
                            && diagram(&c.id) == diagram(&sub.id)
                    })
            })
            .map(|n| n.id)
            .collect();
        for id in open {
            expand(process, id);
        }
    }
}

/// Where the row of undrawn sub-process contents starts, and the space between them.
const UNDRAWN_START: f64 = 100.0;
const UNDRAWN_GAP: f64 = 50.0;

/// Marks sub-process `id` as drawn open.
fn expand(process: &mut Process, id: Id) {
    if let Some(node) = process.nodes.iter_mut().find(|n| n.id == id) {
        if let NodeKind::SubProcess { expanded, .. } = &mut node.kind {
            *expanded = true;
        }
    }
}

/// Space below the lowest node of a lane the file draws no band for.
const UNDRAWN_LANE_MARGIN: f64 = 40.0;

/// The top of each lane's band as Flowlane draws them: stacked from 0 in lane order.
pub fn lane_tops(process: &Process) -> HashMap<Id, f64> {
    let mut top = 0.0;
    let mut tops = HashMap::new();
    for lane in process.lanes_in_order() {
        tops.insert(lane.id, top);
        top += process.layout.lane_height(lane.id);
    }
    tops
}

/// Where node `y` counts from, per lane. For a lane from a file, the top of its band there
/// (the lane's shape, or the pool's for a pool that is one lane; 0 when the file draws no band),
/// so nodes sit in their band on Flowlane's canvas as they did in the file. For a lane drawn in
/// Flowlane (or laid out by Flowlane because the file had no drawing), the top of its band as
/// Flowlane stacks them.
pub fn lane_origins(process: &Process, foreign: Option<&Foreign>) -> HashMap<Id, f64> {
    let stacked = lane_tops(process);
    process
        .lanes
        .iter()
        .map(|lane| {
            let own = stacked.get(&lane.id).copied().unwrap_or(0.0);
            let origin = match foreign.filter(|f| f.lanes.contains_key(&lane.id)) {
                None => own,
                // A file without a drawing was laid out by Flowlane, in its own bands.
                Some(f) if f.diagrams.is_empty() => own,
                Some(f) => band_top(f, lane.id).unwrap_or(0.0),
            };
            (lane.id, origin)
        })
        .collect()
}

/// The top of the band the file draws for a lane: the lane's shape, or its pool's for a pool
/// that is one lane.
fn band_top(foreign: &Foreign, lane: Id) -> Option<f64> {
    let bounds = foreign
        .shapes
        .get(&lane)
        .and_then(|s| s.bounds)
        .or_else(|| {
            let kept = foreign.lanes.get(&lane)?;
            if kept.element != POOL_LANE {
                return None;
            }
            let pool = foreign.pools.iter().find(|p| p.key == kept.pool)?;
            pool.shape.as_ref()?.bounds
        })?;
    Some(bounds.y)
}

/// Attributes of a child Flowlane writes itself (`Bounds`, `waypoint`), kept under `child/name`.
fn keep_sub_attributes(
    xml: XmlNode,
    child: &str,
    modelled: &[&str],
    into: &mut BTreeMap<String, String>,
) {
    for attribute in xml.attributes() {
        if attribute.namespace().is_none() && modelled.contains(&attribute.name()) {
            continue;
        }
        into.entry(format!("{child}/{}", attribute_key(&attribute)))
            .or_insert_with(|| qualify(xml, attribute.value()));
    }
}

/// A coordinate: any finite number, negative and fractional included.
fn number(xml: XmlNode, attribute: &str) -> Result<f64, ImportError> {
    let text = xml.attribute(attribute).ok_or_else(|| {
        ImportError::new(
            "bad-value",
            format!("the attribute `{attribute}` is missing"),
        )
        .at(xml)
    })?;
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| {
            ImportError::new(
                "bad-value",
                format!("`{attribute}=\"{text}\"` is not a number"),
            )
            .at(xml)
        })
}
