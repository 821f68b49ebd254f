//! Collapsed sub-processes' own planes. What is inside a collapsed sub-process is drawn in a
//! `BPMNDiagram` of its own whose `BPMNPlane` names the sub-process, as bpmn-js and Camunda
//! Modeler draw it. A plane the file brought is kept (its diagram index); a collapsed
//! sub-process with contents to draw and no such plane gets a new one after the kept diagrams.

use std::collections::HashMap;

use super::Writer;
use crate::bpmn::map::own_plane;
use crate::model::{Id, NodeKind};

/// Which diagram each collapsed sub-process's plane is, and the ones this export adds.
pub(super) struct Planes {
    /// Diagrams before the new planes: the kept ones, or the one Flowlane draws.
    pub main: usize,
    /// Sub-process → index of the diagram of its plane.
    pub index: HashMap<Id, u32>,
    /// Sub-processes given a new plane, in order, from index `main` on.
    pub new: Vec<Id>,
}

impl Writer<'_> {
    pub(super) fn planes(&self) -> Planes {
        let main = self.main_diagram_count();
        let mut planes = Planes {
            main,
            index: HashMap::new(),
            new: Vec::new(),
        };
        // An export without a drawing stays without one.
        if main == 0 {
            return planes;
        }
        let collapsed = self.process.nodes.iter().filter(|n| {
            matches!(
                n.kind,
                NodeKind::SubProcess {
                    expanded: false,
                    ..
                }
            )
        });
        let mut kept: HashMap<&str, usize> = HashMap::new();
        for (index, diagram) in self.foreign.diagrams.iter().enumerate() {
            if let Some(element) = diagram.plane.attributes.get("bpmnElement") {
                let local = element.rsplit(':').next().unwrap_or(element);
                kept.entry(local).or_insert(index);
            }
        }
        let mut wanted: Vec<Id> = Vec::new();
        for sub in collapsed {
            if let Some(&index) = kept.get(self.node_id(sub.id).as_str()) {
                planes
                    .index
                    .insert(sub.id, u32::try_from(index).unwrap_or(u32::MAX));
            } else if self.draws_inside(sub.id) {
                wanted.push(sub.id);
            }
        }
        for sub in wanted {
            let index = main + planes.new.len();
            planes
                .index
                .insert(sub, u32::try_from(index).unwrap_or(u32::MAX));
            planes.new.push(sub);
        }
        planes
    }

    /// True when something drawn on `sub`'s plane is Flowlane's to draw: a node or artifact with
    /// a box and no kept shape, which the file did not bring undrawn.
    fn draws_inside(&self, sub: Id) -> bool {
        let own = |id: Id, parent: Option<Id>| {
            own_plane(self.process, parent) == Some(sub)
                && !self.foreign.shapes.contains_key(&id)
                && (self.native || !self.foreign.nodes.contains_key(&id))
        };
        let layout = &self.process.layout;
        let nodes = (self.process.nodes.iter())
            .any(|n| layout.nodes.contains_key(&n.id) && own(n.id, n.parent));
        nodes
            || (self.process.artifacts.iter())
                .any(|a| layout.artifacts.contains_key(&a.id) && own(a.id, a.parent))
    }

    /// The diagram an element Flowlane draws itself goes in: the process's (0) or the plane of
    /// the collapsed sub-process it is inside (`parent` is its sub-process). None when it stays
    /// undrawn: the file brought it (`from_file`) without a shape on that plane.
    pub(super) fn home(&self, planes: &Planes, parent: Option<Id>, from_file: bool) -> Option<u32> {
        match own_plane(self.process, parent) {
            None => Some(0),
            Some(_) if from_file && !self.native => None,
            Some(sub) => planes.index.get(&sub).copied(),
        }
    }

    /// The sub-process a new plane at `index` draws.
    pub(super) fn new_plane(&self, index: usize) -> Option<Id> {
        let planes = self.planes();
        index
            .checked_sub(planes.main)
            .and_then(|at| planes.new.get(at).copied())
    }
}
