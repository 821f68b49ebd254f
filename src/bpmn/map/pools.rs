//! Participants become pools: the first whose process has the most flow nodes is the process's
//! own, the others are partners; a participant without a process is a black box (a pool without
//! lanes). Each pool's lanes name it. Message flows between nodes and pools become message flows.

use roxmltree::Node as XmlNode;

use super::artifacts::{is_artifact, is_mapped_association};
use super::{kept_attributes, kept_connection, Mapper};
use crate::bpmn::ids::to_uuid;
use crate::bpmn::names::{is_model, local_ref};
use crate::bpmn::opaque::fragment;
use crate::bpmn::ImportError;
use crate::model::{Foreign, Id, Kept, MessageFlow, Pool, Process};

/// Flow node elements, counted to find the process's own pool.
fn flow_nodes(process: XmlNode) -> usize {
    process
        .descendants()
        .filter(|n| {
            n.is_element()
                && n.attribute("id").is_some()
                && super::kinds::is_flow_node(n.tag_name().name())
        })
        .count()
}

/// The pools of the file's participants, and which pool each lane is in.
pub(super) fn model_pools(
    pools: &[(Option<XmlNode>, Option<XmlNode>)],
    process: &mut Process,
    foreign: &Foreign,
) {
    let participants: Vec<(XmlNode, Option<XmlNode>)> = pools
        .iter()
        .filter_map(|(participant, p)| participant.map(|x| (x, *p)))
        .collect();
    let size = |p: &Option<XmlNode>| p.map_or(0, flow_nodes);
    let most = participants.iter().map(|(_, p)| size(p)).max().unwrap_or(0);
    let own = participants.iter().position(|(_, p)| size(p) == most);
    for (order, (participant, _)) in participants.iter().enumerate() {
        let key = participant.attribute("id").unwrap_or("");
        process.pools.push(Pool {
            id: to_uuid(key),
            name: participant.attribute("name").unwrap_or("").to_string(),
            partner: Some(order) != own,
            order: u32::try_from(order).unwrap_or(u32::MAX),
        });
    }
    for lane in &mut process.lanes {
        let key = foreign.lanes.get(&lane.id).map_or("", |k| k.pool.as_str());
        let id = to_uuid(key);
        if !key.is_empty() && process.pools.iter().any(|p| p.id == id) {
            lane.pool = Some(id);
        }
    }
}

impl Mapper {
    pub(super) fn collaboration(
        &mut self,
        xml: XmlNode,
        process: &mut Process,
    ) -> Result<(), ImportError> {
        let mut kept = Kept {
            id: xml.attribute("id").unwrap_or("").to_string(),
            attributes: kept_attributes(xml, &["id"]),
            ..Kept::default()
        };
        let collaboration = xml.attribute("id").unwrap_or("").to_string();
        let mut associations = Vec::new();
        for child in xml.children().filter(XmlNode::is_element) {
            if is_model(child, "participant") {
                continue;
            }
            if is_artifact(child) {
                self.artifact(child, None, process);
                if let Some(artifact) = process.artifacts.last() {
                    let kept = self.foreign.nodes.entry(artifact.id).or_default();
                    kept.pool = collaboration.clone();
                }
                continue;
            }
            if is_mapped_association(child, xml.document().root_element()) {
                associations.push(child);
                continue;
            }
            if is_model(child, "messageFlow") {
                let end = |attribute: &str| self.node_or_pool(child, attribute, process);
                if let (Some(source), Some(target)) = (end("sourceRef"), end("targetRef")) {
                    self.message_flow(child, source, target, process);
                    continue;
                }
            }
            kept.xml.push(fragment(child));
        }
        for association in associations {
            if !self.association(association, process) {
                kept.xml.push(fragment(association));
            } else if let Some(mapped) = process.associations.last() {
                let kept = self.foreign.flows.entry(mapped.id).or_default();
                kept.pool = collaboration.clone();
            }
        }
        self.foreign.collaboration = Some(kept);
        Ok(())
    }

    /// The node or pool a message flow's end names.
    fn node_or_pool(&self, xml: XmlNode, attribute: &str, process: &Process) -> Option<Id> {
        let bpmn_id = local_ref(xml.attribute(attribute)?);
        if let Some(node) = self.nodes.get(bpmn_id) {
            return Some(*node);
        }
        let pool = to_uuid(bpmn_id);
        process.pool(pool).map(|p| p.id)
    }

    fn message_flow(&mut self, xml: XmlNode, source: Id, target: Id, process: &mut Process) {
        let bpmn_id = xml.attribute("id").unwrap_or("");
        let id = to_uuid(bpmn_id);
        let kept = kept_connection(xml, &["id", "name", "sourceRef", "targetRef"], &[]);
        self.flows.insert(bpmn_id.to_string(), id);
        if !kept.is_empty() {
            self.foreign.flows.insert(id, kept);
        }
        process.messages.push(MessageFlow {
            id,
            source,
            target,
            name: xml.attribute("name").unwrap_or("").to_string(),
        });
    }
}
