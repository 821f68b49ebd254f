//! The diagram: one `BPMNDiagram` per kept diagram (one for a process drawn in Flowlane), with
//! pools, lanes, nodes and flows at their absolute positions; kept shapes keep their ids, labels
//! and extensions.

use std::collections::BTreeMap;

use super::kept::{split_head, sub_attributes};
use super::planes::Planes;
use super::{attr, indent, optional_id, Writer};
use crate::bpmn::geometry::{edge_ends, extent, lane_band};
use crate::bpmn::names::FLOWLANE;
use crate::model::{Bounds, Flow, Id, Kept, KeptShape, NodeKind, Point};
use crate::xml::{tag, Xml};

impl Writer<'_> {
    pub(super) fn diagrams(&self, out: &mut Xml) {
        let planes = self.planes();
        for index in 0..planes.main + planes.new.len() {
            let kept = self
                .foreign
                .diagrams
                .get(index)
                .cloned()
                .unwrap_or_default();
            let mut diagram = tag("bpmndi:BPMNDiagram");
            optional_id(&mut diagram, &self.diagram_id(index));
            self.kept_attributes(&mut diagram, &kept.diagram.attributes, &[]);
            indent(out, 1);
            out.start(diagram);
            out.raw("\n");
            let mut plane = tag("bpmndi:BPMNPlane");
            optional_id(&mut plane, &self.plane_id(index));
            if !kept.plane.attributes.contains_key("bpmnElement") {
                let plane_of = index.checked_sub(planes.main);
                let element = if let Some(&sub) = plane_of.and_then(|at| planes.new.get(at)) {
                    self.node_id(sub)
                } else if self.native {
                    format!("Collaboration_{}", self.process.id.simple())
                } else {
                    self.foreign
                        .collaboration
                        .as_ref()
                        .map(|c| c.id.clone())
                        .or_else(|| self.pools.iter().find_map(|p| self.process_id(p)))
                        .unwrap_or_default()
                };
                if !element.is_empty() {
                    attr(&mut plane, "bpmnElement", &element);
                }
            }
            self.kept_attributes(&mut plane, &kept.plane.attributes, &[]);
            indent(out, 2);
            out.start(plane);
            out.raw("\n");
            let (head, tail) = split_head(&kept.extra, &["extension"]);
            for f in head {
                self.put(out, 3, f);
            }
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            self.shapes(out, index, &planes);
            self.artifact_shapes(out, index, &planes);
            for f in tail {
                self.put(out, 3, f);
            }
            indent(out, 2);
            out.end("bpmndi:BPMNPlane");
            out.raw("\n");
            for f in &kept.diagram.xml {
                self.put(out, 2, f);
            }
            indent(out, 1);
            out.end("bpmndi:BPMNDiagram");
            out.raw("\n");
        }
    }

    pub(super) fn shapes(&self, out: &mut Xml, diagram: u32, planes: &Planes) {
        let in_diagram =
            |shape: Option<&KeptShape>| shape.map_or(diagram == 0, |s| s.diagram == diagram);
        let extent = self.extent();
        for pool in &self.pools {
            let shape = pool.shape.clone();
            if pool.participant.is_none() && !self.native {
                continue;
            }
            if !in_diagram(shape.as_ref()) || (shape.is_none() && !self.native) {
                continue;
            }
            let bounds = self.pool_bounds(pool);
            let element = self.participant_id(pool);
            self.shape(out, &element, &bounds, shape.as_ref(), true);
        }
        for lane in self.process.lanes_in_order() {
            if !self.lane_element(lane).is_empty() {
                continue;
            }
            let shape = self.foreign.shapes.get(&lane.id);
            if !in_diagram(shape) || (shape.is_none() && !self.native) {
                continue;
            }
            let top = self.tops.get(&lane.id).copied().unwrap_or(0.0);
            let height = self.process.layout.lane_height(lane.id);
            let own = lane_band(&extent, top, height);
            let bounds = shape
                .and_then(|s| s.bounds)
                .filter(|b| b.h == height)
                .unwrap_or(own);
            let element = self.lane_id(lane);
            // A band Flowlane draws at its default height says so, so reading the file back
            // leaves the height to the default again.
            let own_shape = KeptShape {
                kept: Kept {
                    id: format!("{element}_di"),
                    attributes: BTreeMap::from([
                        ("isHorizontal".to_string(), "true".to_string()),
                        (format!("{{{FLOWLANE}}}defaultHeight"), "true".to_string()),
                    ]),
                    ..Kept::default()
                },
                ..KeptShape::default()
            };
            let auto = shape.is_none() && !self.process.layout.lanes.contains_key(&lane.id);
            let shape = if auto { Some(&own_shape) } else { shape };
            self.shape(out, &element, &bounds, shape, true);
        }
        for node in &self.process.nodes {
            let shape = self.foreign.shapes.get(&node.id);
            // Contents of a collapsed sub-process go on its own plane (`planes.rs`).
            let home = match shape {
                Some(s) => Some(s.diagram),
                None => {
                    let from_file = self.foreign.nodes.contains_key(&node.id);
                    self.home(planes, node.parent, from_file)
                }
            };
            if home != Some(diagram) {
                continue;
            }
            let Some(b) = self.process.layout.nodes.get(&node.id) else {
                continue;
            };
            let top = self.origin(node);
            // Adding the lane top back is not exact in floating point; unchanged boxes are
            // written as the file had them.
            let bounds = match shape.and_then(|s| s.bounds) {
                Some(file)
                    if Bounds {
                        y: file.y - top,
                        ..file
                    } == *b =>
                {
                    file
                }
                _ => Bounds { y: b.y + top, ..*b },
            };
            // An open sub-process Flowlane draws says so, as bpmn-js expects.
            let opened;
            let shape = match (&node.kind, shape) {
                (NodeKind::SubProcess { expanded: true, .. }, None) => {
                    opened = KeptShape {
                        kept: Kept {
                            id: format!("{}_di", self.node_id(node.id)),
                            attributes: BTreeMap::from([("isExpanded".into(), "true".into())]),
                            ..Kept::default()
                        },
                        ..KeptShape::default()
                    };
                    Some(&opened)
                }
                (_, kept) => kept,
            };
            self.shape(out, &self.node_id(node.id), &bounds, shape, false);
        }
        for flow in &self.process.flows {
            let shape = self.foreign.shapes.get(&flow.id);
            let home = match shape {
                Some(s) => Some(s.diagram),
                None if self.undrawn(flow.id) => None,
                None => {
                    let parent = self.nodes.get(&flow.source).and_then(|n| n.parent);
                    self.home(planes, parent, self.foreign.flows.contains_key(&flow.id))
                }
            };
            if home != Some(diagram) {
                continue;
            }
            let bends = self.process.layout.bends(flow.id);
            let ends = match shape {
                Some(s) => s.ends.clone(),
                None => self.computed_ends(flow, &bends),
            };
            if ends.is_empty() {
                continue;
            }
            let mut points = vec![ends[0]];
            points.extend(bends);
            points.extend(ends.iter().skip(1).copied());
            self.edge(out, &self.flow_id(flow.id), &points, shape);
        }
        for message in &self.process.messages {
            let shape = self.foreign.shapes.get(&message.id);
            if !in_diagram(shape) || !self.has_ends(message) {
                continue;
            }
            let ends = (self.end_box(message.source), self.end_box(message.target));
            self.connection(out, message.id, shape, ends);
        }
    }

    /// A flow or association of a file with a diagram that did not draw it stays undrawn (a
    /// data association without an edge); those added since are drawn.
    pub(super) fn undrawn(&self, id: Id) -> bool {
        !self.native && !self.foreign.diagrams.is_empty() && self.foreign.flows.contains_key(&id)
    }

    /// The edge of a message flow or association: as the file had its ends, else from the
    /// side of one box to the other's (`boxes`); none without either.
    pub(super) fn connection(
        &self,
        out: &mut Xml,
        id: Id,
        shape: Option<&KeptShape>,
        boxes: (Option<Bounds>, Option<Bounds>),
    ) {
        let bends = self.process.layout.bends(id);
        let ends = match (shape, boxes) {
            (Some(s), _) => s.ends.clone(),
            (None, (Some(source), Some(target))) => edge_ends(&source, &target, &bends).to_vec(),
            _ => Vec::new(),
        };
        if ends.is_empty() {
            return;
        }
        let mut points = vec![ends[0]];
        points.extend(bends);
        points.extend(ends.iter().skip(1).copied());
        self.edge(out, &self.flow_id(id), &points, shape);
    }

    /// An edge; `shape` is None for one Flowlane draws itself.
    fn edge(&self, out: &mut Xml, element: &str, points: &[Point], shape: Option<&KeptShape>) {
        let id = shape_id(element, shape);
        let default = KeptShape::default();
        let shape = shape.unwrap_or(&default);
        let kept_waypoint = sub_attributes(&shape.kept.attributes, "waypoint");
        self.di_element(out, "bpmndi:BPMNEdge", element, &id, shape, |out| {
            for p in points {
                let mut waypoint = tag("di:waypoint");
                attr(&mut waypoint, "x", &p.x.to_string());
                attr(&mut waypoint, "y", &p.y.to_string());
                self.kept_attributes(&mut waypoint, &kept_waypoint, &[]);
                out.empty(waypoint);
            }
        });
    }

    /// A shape; `shape` is None for one Flowlane draws itself.
    pub(super) fn shape(
        &self,
        out: &mut Xml,
        element: &str,
        bounds: &Bounds,
        shape: Option<&KeptShape>,
        band: bool,
    ) {
        let id = shape_id(element, shape);
        let mut default = KeptShape::default();
        if band {
            default
                .kept
                .attributes
                .insert("isHorizontal".into(), "true".into());
        }
        let shape = shape.unwrap_or(&default);
        let kept_bounds = sub_attributes(&shape.kept.attributes, "Bounds");
        self.di_element(out, "bpmndi:BPMNShape", element, &id, shape, |out| {
            let mut extent = tag("dc:Bounds");
            attr(&mut extent, "x", &bounds.x.to_string());
            attr(&mut extent, "y", &bounds.y.to_string());
            attr(&mut extent, "width", &bounds.w.to_string());
            attr(&mut extent, "height", &bounds.h.to_string());
            self.kept_attributes(&mut extent, &kept_bounds, &[]);
            out.empty(extent);
        });
    }

    /// A DI element for `element` on a line of its own: the kept children of `shape` around
    /// the ones Flowlane writes (`own`).
    fn di_element(
        &self,
        out: &mut Xml,
        name: &str,
        element: &str,
        id: &str,
        shape: &KeptShape,
        own: impl FnOnce(&mut Xml),
    ) {
        let mut start = tag(name);
        optional_id(&mut start, id);
        attr(&mut start, "bpmnElement", element);
        self.kept_attributes(&mut start, &shape.kept.attributes, &[]);
        indent(out, 3);
        out.start(start);
        let (head, tail) = split_head(&shape.kept.xml, &["extension"]);
        for f in head {
            self.put(out, 0, f);
        }
        own(out);
        for f in tail {
            self.put(out, 0, f);
        }
        out.end(name);
        out.raw("\n");
    }

    /// A node's box in the diagram's coordinates.
    pub(super) fn node_box(&self, id: Id) -> Option<Bounds> {
        let node = self.nodes.get(&id)?;
        let b = self.process.layout.nodes.get(&id)?;
        let top = self.origin(node);
        Some(Bounds { y: b.y + top, ..*b })
    }

    /// Where a node's `y` counts from: its lane's origin, none on a collapsed sub-process's plane.
    fn origin(&self, node: &crate::model::Node) -> f64 {
        if self.own_planes.contains(&node.id) {
            0.0
        } else {
            self.origins.get(&node.lane).copied().unwrap_or(0.0)
        }
    }

    pub(super) fn diagram_id(&self, index: usize) -> String {
        match (self.foreign.diagrams.get(index), self.new_plane(index)) {
            (Some(kept), _) => kept.diagram.id.clone(),
            (None, Some(sub)) => format!("{}_diagram", self.node_id(sub)),
            (None, None) => format!("Diagram_{}", self.process.id.simple()),
        }
    }

    pub(super) fn plane_id(&self, index: usize) -> String {
        match (self.foreign.diagrams.get(index), self.new_plane(index)) {
            (Some(kept), _) => kept.plane.id.clone(),
            (None, Some(sub)) => format!("{}_plane", self.node_id(sub)),
            (None, None) => format!("Plane_{}", self.process.id.simple()),
        }
    }

    /// How many diagrams the export writes: the main ones and the new planes.
    pub(super) fn diagram_count(&self) -> usize {
        let planes = self.planes();
        planes.main + planes.new.len()
    }

    /// How many diagrams the export writes before any new plane.
    pub(super) fn main_diagram_count(&self) -> usize {
        let drawn = !self.process.layout.nodes.is_empty() || !self.process.layout.lanes.is_empty();
        // An imported file without a drawing stays without one until something is drawn.
        if self.native || drawn {
            self.foreign.diagrams.len().max(1)
        } else {
            self.foreign.diagrams.len()
        }
    }

    /// The box around every lane and node, for a pool Flowlane draws itself.
    pub(super) fn extent(&self) -> Bounds {
        extent(self.process, &self.tops)
    }

    /// Edge ends for a flow Flowlane routes itself (see `geometry::edge_ends`).
    pub(super) fn computed_ends(&self, flow: &Flow, bends: &[Point]) -> Vec<Point> {
        match (self.node_box(flow.source), self.node_box(flow.target)) {
            (Some(source), Some(target)) => edge_ends(&source, &target, bends).to_vec(),
            _ => Vec::new(),
        }
    }
}

/// A DI element's id: the kept one, or the element's id with `_di`.
pub(super) fn shape_id(element: &str, shape: Option<&KeptShape>) -> String {
    shape.map_or_else(|| format!("{element}_di"), |s| s.kept.id.clone())
}
