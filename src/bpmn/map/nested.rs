//! Sub-processes and what is inside them: their flow nodes (to any depth) become nodes whose
//! `parent` is the sub-process, in its lane; their sequence flows become flows. What else they
//! hold (data objects, artifacts, a lane set) stays in the sub-process's kept XML.

use std::collections::{HashMap, HashSet};

use roxmltree::Node as XmlNode;

use super::artifacts::{is_artifact, is_mapped_association};
use super::kinds::node_kind;
use super::Mapper;
use crate::bpmn::ids::to_uuid;
use crate::bpmn::names::{is_model, local_ref};
use crate::bpmn::ImportError;
use crate::model::{Id, Node, NodeKind, Process};

impl Mapper {
    /// Maps a flow node in `lane` inside `parent`; a sub-process brings its contents along.
    pub(super) fn flow_node<'a, 'i>(
        &mut self,
        xml: XmlNode<'a, 'i>,
        (kind, mut modelled): (NodeKind, Vec<XmlNode<'a, 'i>>),
        lane: Id,
        parent: Option<Id>,
        process: &mut Process,
    ) -> Result<(), ImportError> {
        let mut inner = Vec::new();
        let mut flows = Vec::new();
        let mut artifacts = Vec::new();
        let mut associations = Vec::new();
        if matches!(kind, NodeKind::SubProcess { .. }) {
            // An association's ends may lie outside the sub-process (a note at the process
            // level on a step inside): any flow node or artifact of the enclosing process will do.
            let process = xml
                .ancestors()
                .find(|n| is_model(*n, "process"))
                .unwrap_or(xml);
            for child in xml.children().filter(XmlNode::is_element) {
                if is_artifact(child) {
                    modelled.push(child);
                    artifacts.push(child);
                    continue;
                }
                if is_mapped_association(child, process) {
                    modelled.push(child);
                    associations.push(child);
                    continue;
                }
                if let Some(found) = node_kind(child, &self.roots)? {
                    modelled.push(child);
                    inner.push((child, found));
                }
            }
            let is_inner = |r: Option<&str>| {
                r.is_some_and(|r| {
                    inner
                        .iter()
                        .any(|(n, _)| n.attribute("id") == Some(local_ref(r)))
                })
            };
            for child in xml.children().filter(|n| is_model(*n, "sequenceFlow")) {
                if is_inner(child.attribute("sourceRef")) && is_inner(child.attribute("targetRef"))
                {
                    modelled.push(child);
                    flows.push(child);
                }
            }
        }
        let id = to_uuid(xml.attribute("id").unwrap_or(""));
        self.node(xml, (kind, modelled), lane, process);
        if let Some(node) = process.nodes.last_mut() {
            node.parent = parent;
        }
        for (child, found) in inner {
            self.flow_node(child, found, lane, Some(id), process)?;
        }
        for artifact in artifacts {
            self.artifact(artifact, Some(id), process);
        }
        for flow in flows {
            self.sequence_flow(flow, process)?;
        }
        self.deferred_associations
            .extend(associations.iter().map(|a| a.id()));
        Ok(())
    }
}

/// The collapsed sub-process on whose own plane an element inside `parent` is drawn: the
/// nearest collapsed one of `parent` and the sub-processes around it; none at the process level.
pub fn own_plane(process: &Process, parent: Option<Id>) -> Option<Id> {
    nearest_collapsed(parent, |id| process.node(id), process.nodes.len())
}

/// The nodes drawn on a collapsed sub-process's own plane: some sub-process each is inside is
/// collapsed. Such nodes have absolute coordinates, not lane-relative ones. Found for all nodes
/// at once, with the nodes looked up by id (asking node by node is quadratic at 5,000 nodes).
pub fn on_own_planes(process: &Process) -> HashSet<Id> {
    let nodes: HashMap<Id, &Node> = process.nodes.iter().map(|n| (n.id, n)).collect();
    process
        .nodes
        .iter()
        .filter(|n| {
            nearest_collapsed(n.parent, |id| nodes.get(&id).copied(), nodes.len()).is_some()
        })
        .map(|n| n.id)
        .collect()
}

/// The nearest collapsed sub-process among `parent` and those around it; `limit` steps at most,
/// so a parent cycle in a damaged file cannot loop forever.
fn nearest_collapsed<'a>(
    parent: Option<Id>,
    node: impl Fn(Id) -> Option<&'a Node>,
    limit: usize,
) -> Option<Id> {
    let mut current = parent;
    for _ in 0..=limit {
        let parent = current.and_then(&node)?;
        if matches!(
            parent.kind,
            NodeKind::SubProcess {
                expanded: false,
                ..
            }
        ) {
            return Some(parent.id);
        }
        current = parent.parent;
    }
    None
}
