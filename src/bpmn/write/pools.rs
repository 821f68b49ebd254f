//! Pools as the model has them (name, partner, black box) and the message flows between their
//! nodes and pools, with their edges.

use super::kept::split_head;
use super::{attr, indent, Writer};
use crate::bpmn::ids::to_uuid;
use crate::model::{Bounds, Id, KeptPool, Lane, MessageFlow, Pool};
use crate::xml::{Tag, Xml};

/// Height of a black-box pool the layout gives none, and the space above each.
const BLACK_BOX_HEIGHT: f64 = 80.0;
const BLACK_BOX_GAP: f64 = 30.0;

impl Writer<'_> {
    /// The modelled pool a kept pool stands for.
    pub(super) fn model_pool(&self, pool: &KeptPool) -> Option<&Pool> {
        self.process.pool(to_uuid(&pool.key))
    }

    /// The BPMN id of a message flow's end: a node's, or a pool's participant.
    fn end_id(&self, id: Id) -> String {
        if self.nodes.contains_key(&id) {
            return self.node_id(id);
        }
        self.pools
            .iter()
            .find(|p| to_uuid(&p.key) == id)
            .map(|p| self.participant_id(p))
            .unwrap_or_else(|| self.node_id(id))
    }

    /// True when both ends of a message flow are still in the process.
    pub(super) fn has_ends(&self, message: &MessageFlow) -> bool {
        let exists = |id: Id| {
            self.nodes.contains_key(&id) || self.pools.iter().any(|p| to_uuid(&p.key) == id)
        };
        exists(message.source) && exists(message.target)
    }

    pub(super) fn message_flow(&self, out: &mut Xml, message: &MessageFlow) {
        if !self.has_ends(message) {
            return;
        }
        let kept = self
            .foreign
            .flows
            .get(&message.id)
            .cloned()
            .unwrap_or_default();
        let name = "bpmn:messageFlow";
        let mut start = Tag::new(name);
        attr(&mut start, "id", &self.flow_id(message.id));
        if !message.name.is_empty() {
            attr(&mut start, "name", &message.name);
        }
        attr(&mut start, "sourceRef", &self.end_id(message.source));
        attr(&mut start, "targetRef", &self.end_id(message.target));
        self.kept_attributes(&mut start, &kept.attributes, &["name"]);
        if message.name.is_empty() && kept.attributes.contains_key("name") {
            attr(&mut start, "name", "");
        }
        indent(out, 2);
        let (head, tail) = split_head(&kept.xml, &["documentation", "extensionElements"]);
        let all: Vec<String> = head.into_iter().chain(tail).cloned().collect();
        self.close_with(out, start, 3, &all);
    }

    /// The box of a message flow's end, in the diagram's coordinates.
    pub(super) fn end_box(&self, id: Id) -> Option<Bounds> {
        if let Some(b) = self.node_box(id) {
            return Some(b);
        }
        let pool = self.pools.iter().find(|p| to_uuid(&p.key) == id)?;
        Some(self.pool_bounds(pool))
    }

    /// Where a pool is drawn: as the file had it; around its lanes; a black box below every
    /// lane, in pool order; around everything when the process has no pools of its own.
    pub(super) fn pool_bounds(&self, pool: &KeptPool) -> Bounds {
        if let Some(b) = pool.shape.as_ref().and_then(|s| s.bounds) {
            return b;
        }
        let extent = self.extent();
        if self.process.pools.is_empty() {
            return extent;
        }
        if let Some(lanes) = self.lanes.get(&pool.key).filter(|l| !l.is_empty()) {
            let top = |l: &&Lane| self.tops.get(&l.id).copied().unwrap_or(0.0);
            let y = lanes.iter().map(top).fold(f64::INFINITY, f64::min);
            let bottom = lanes
                .iter()
                .map(|l| top(l) + self.process.layout.lane_height(l.id))
                .fold(f64::NEG_INFINITY, f64::max);
            return Bounds::new(extent.x, y, extent.w, bottom - y);
        }
        let height = |p: &KeptPool| {
            let id = to_uuid(&p.key);
            self.process
                .layout
                .pools
                .get(&id)
                .copied()
                .unwrap_or(BLACK_BOX_HEIGHT)
        };
        let mut y = extent.y + extent.h + BLACK_BOX_GAP;
        for other in self.pools.iter().take_while(|p| p.key != pool.key) {
            if !self.lanes.contains_key(&other.key) {
                y += height(other) + BLACK_BOX_GAP;
            }
        }
        Bounds::new(extent.x, y, extent.w, height(pool))
    }
}
