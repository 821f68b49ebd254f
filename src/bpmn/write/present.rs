//! Which ids an export writes. Kept parts of an imported file can name elements deleted since
//! the import (a boundary event's host, the shapes inside a removed sub-process); the export
//! leaves out what names an id it does not write. Leaving a kept part out can leave another
//! one naming nothing, so the set is narrowed until it holds still. Only the kept fragments are
//! read for this, never the export's own output.

use std::collections::HashSet;

use roxmltree::{Document, Node};

use super::diagram::shape_id;
use super::Writer;
use crate::bpmn::refuse::dangles;

impl<'a> Writer<'a> {
    /// The ids of the elements this export writes, with the kept fragments that name only
    /// elements it writes; and the kept fragments nothing is left out of.
    pub(super) fn present_ids(&self) -> (HashSet<String>, HashSet<&'a str>) {
        let own = self.own_ids();
        let fragments: Vec<(&str, Document)> = self
            .kept_fragments()
            .into_iter()
            .filter_map(|f| Some((f, Document::parse(f).ok()?)))
            .collect();
        let mut present = own.clone();
        for (_, doc) in &fragments {
            present.extend(
                doc.descendants()
                    .filter_map(|n| n.attribute("id"))
                    .map(str::to_string),
            );
        }
        loop {
            let mut kept = own.clone();
            for (_, doc) in &fragments {
                let root = doc.root_element();
                if !dangles(root, &|id| present.contains(id)) {
                    surviving_ids(root, &present, &mut kept);
                }
            }
            // The set only shrinks, so this ends.
            if kept.len() == present.len() {
                let exists = |id: &str| present.contains(id);
                let whole = fragments
                    .iter()
                    .filter(|(_, doc)| !doc.descendants().any(|n| dangles(n, &exists)))
                    .map(|(text, _)| *text)
                    .collect();
                return (present, whole);
            }
            present = kept;
        }
    }

    /// Ids of the elements Flowlane writes itself.
    fn own_ids(&self) -> HashSet<String> {
        let mut ids = vec![self.definitions_id()];
        ids.extend(self.new_root_ids());
        if self.with_collaboration() {
            ids.push(self.collaboration_id());
        }
        for pool in &self.pools {
            if self.has_participant(pool) {
                let participant = self.participant_id(pool);
                ids.push(shape_id(&participant, pool.shape.as_ref()));
                ids.push(participant);
            }
            ids.extend(self.process_id(pool));
            ids.push(self.lane_set_id(pool));
        }
        for index in 0..self.diagram_count() {
            ids.push(self.diagram_id(index));
            ids.push(self.plane_id(index));
        }
        let shapes = &self.foreign.shapes;
        for lane in self.process.lanes.iter() {
            if self.lane_element(lane).is_empty() {
                let id = self.lane_id(lane);
                ids.push(shape_id(&id, shapes.get(&lane.id)));
                ids.push(id);
            }
        }
        for node in &self.process.nodes {
            let id = self.node_id(node.id);
            ids.push(shape_id(&id, shapes.get(&node.id)));
            ids.push(id);
        }
        for artifact in &self.process.artifacts {
            let id = self.node_id(artifact.id);
            ids.push(shape_id(&id, shapes.get(&artifact.id)));
            ids.push(id);
        }
        for association in &self.process.associations {
            if self.has_association_ends(association) {
                let id = self.flow_id(association.id);
                ids.push(shape_id(&id, shapes.get(&association.id)));
                ids.push(id);
            }
        }
        let flows = self.process.flows.iter().map(|f| f.id);
        let messages = self.process.messages.iter().filter(|m| self.has_ends(m));
        for flow in flows.chain(messages.map(|m| m.id)) {
            let id = self.flow_id(flow);
            ids.push(shape_id(&id, shapes.get(&flow)));
            ids.push(id);
        }
        ids.into_iter().filter(|id| !id.is_empty()).collect()
    }

    /// Every kept fragment this export writes back, pruned or not.
    fn kept_fragments(&self) -> Vec<&'a str> {
        let foreign = self.foreign;
        let mut fragments: Vec<&String> = foreign.definitions.xml.iter().collect();
        if self.with_collaboration() {
            fragments.extend(foreign.collaboration.iter().flat_map(|k| &k.xml));
        }
        // A pool the export adds for a process without one keeps nothing.
        for pool in &foreign.pools {
            if self.has_participant(pool) {
                fragments.extend(pool.participant.iter().flat_map(|k| &k.xml));
                fragments.extend(pool.shape.iter().flat_map(|s| &s.kept.xml));
            }
            if self.process_id(pool).is_some() {
                fragments.extend(pool.process.iter().flat_map(|k| &k.xml));
                fragments.extend(pool.lane_set.iter().flat_map(|k| &k.xml));
            }
        }
        for diagram in foreign.diagrams.iter().take(self.diagram_count()) {
            fragments.extend(&diagram.diagram.xml);
            fragments.extend(&diagram.extra);
        }
        let lanes = self
            .process
            .lanes
            .iter()
            .filter(|l| self.lane_element(l).is_empty())
            .map(|l| (l.id, foreign.lanes.get(&l.id)));
        let nodes = self
            .process
            .nodes
            .iter()
            .map(|n| (n.id, foreign.nodes.get(&n.id)));
        let flows = self
            .process
            .flows
            .iter()
            .map(|f| (f.id, foreign.flows.get(&f.id)));
        let messages = self
            .process
            .messages
            .iter()
            .map(|m| (m.id, foreign.flows.get(&m.id)));
        let artifacts = self
            .process
            .artifacts
            .iter()
            .map(|a| (a.id, foreign.nodes.get(&a.id)));
        let associations = self
            .process
            .associations
            .iter()
            .map(|a| (a.id, foreign.flows.get(&a.id)));
        let all = lanes.chain(nodes).chain(flows).chain(messages);
        for (id, kept) in all.chain(artifacts).chain(associations) {
            fragments.extend(kept.iter().flat_map(|k| &k.xml));
            fragments.extend(foreign.shapes.get(&id).iter().flat_map(|s| &s.kept.xml));
        }
        fragments.into_iter().map(String::as_str).collect()
    }
}

/// Ids in `node` and below it, leaving out elements that name an id not `present` (and what
/// is inside them), as `kept::pruned` writes the fragment.
fn surviving_ids(node: Node, present: &HashSet<String>, into: &mut HashSet<String>) {
    if let Some(id) = node.attribute("id") {
        into.insert(id.to_string());
    }
    for child in node.children().filter(Node::is_element) {
        if !dangles(child, &|id| present.contains(id)) {
            surviving_ids(child, present, into);
        }
    }
}
