//! Pools, processes and lanes: the collaboration with one participant per pool (and the message
//! flows between pools), each pool's `process` with the process variables, its lane set and
//! lanes with their `flowNodeRef`s, then the pool's nodes and sequence flows.

use std::collections::BTreeSet;

use super::artifacts::Scope;
use super::kept::{insert_children, local_name, split_head};
use super::{attr, indent, line, optional_id, own_fields, Writer};
use crate::fields::{own_attributes, LANE, VARIABLE};
use crate::model::{Id, KeptPool, Lane};
use crate::xml::{tag, Xml};

impl Writer<'_> {
    pub(super) fn collaboration(&self, out: &mut Xml) {
        let kept = self.foreign.collaboration.clone().unwrap_or_default();
        let mut collaboration = tag("bpmn:collaboration");
        optional_id(&mut collaboration, &self.collaboration_id());
        self.kept_attributes(&mut collaboration, &kept.attributes, &[]);
        indent(out, 1);
        out.start(collaboration);
        out.raw("\n");
        let (head, tail) = split_head(&kept.xml, &["documentation", "extensionElements"]);
        for f in head {
            self.put(out, 2, f);
        }
        for pool in self.pools.iter().filter(|p| self.has_participant(p)) {
            self.participant(out, pool);
        }
        for flow in self
            .process
            .flows
            .iter()
            .filter(|f| self.is_message_flow(f))
        {
            self.flow(out, flow, "messageFlow");
        }
        for message in &self.process.messages {
            self.message_flow(out, message);
        }
        self.artifacts_and_rest(out, None, &tail, Scope::Collaboration);
        indent(out, 1);
        out.end("bpmn:collaboration");
        out.raw("\n");
    }

    fn participant(&self, out: &mut Xml, pool: &KeptPool) {
        let participant = pool.participant.clone().unwrap_or_default();
        let mut element = tag("bpmn:participant");
        attr(&mut element, "id", &self.participant_id(pool));
        let lane = self.pool_lane(pool);
        let modelled = self.model_pool(pool);
        let name = match (modelled, lane) {
            (Some(modelled), _) => Some(modelled.name.clone()),
            (None, Some(lane)) => Some(lane.name.clone()),
            (None, None) if self.native => Some(self.process.info.name.clone()),
            (None, None) => None,
        };
        if let Some(name) = name.filter(|n| !n.is_empty()) {
            attr(&mut element, "name", &name);
        }
        if let Some(process) = self.process_id(pool) {
            attr(&mut element, "processRef", &process);
        }
        if let Some(lane) = lane {
            own_fields(&mut element, &LANE, lane);
        }
        // A pool that is one lane takes its name from the lane.
        let skip: &[&str] = if lane.is_some() || modelled.is_some() {
            &["name"]
        } else {
            &[]
        };
        self.kept_attributes(&mut element, &participant.attributes, skip);
        indent(out, 2);
        self.close_with(out, element, 3, &participant.xml);
    }

    pub(super) fn bpmn_process(&self, out: &mut Xml, pool: &KeptPool, first: bool) {
        let Some(id) = self.process_id(pool) else {
            return;
        };
        let kept = pool.process.clone().unwrap_or_default();
        let mut process = tag("bpmn:process");
        attr(&mut process, "id", &id);
        // A process drawn in Flowlane, or exported for an engine, runs; an imported one is as
        // executable as its file said.
        let runs = pool.process.is_none() || self.engine().is_some();
        if runs {
            attr(&mut process, "isExecutable", "true");
        }
        let lane = self.pool_lane(pool);
        if pool.participant.is_none() {
            if let Some(lane) = lane.filter(|l| !l.name.is_empty()) {
                attr(&mut process, "name", &lane.name);
                own_fields(&mut process, &LANE, lane);
            }
        }
        let mut skip = vec!["isExecutable"; usize::from(runs)];
        if pool.participant.is_none() && lane.is_some() {
            skip.push("name");
        }
        self.kept_attributes(&mut process, &kept.attributes, &skip);
        indent(out, 1);
        out.start(process);
        out.raw("\n");
        let (head, tail) = split_head(
            &kept.xml,
            &[
                "documentation",
                "extensionElements",
                "supportedInterfaceRef",
                "ioSpecification",
                "ioBinding",
                "auditing",
                "monitoring",
                "property",
            ],
        );
        let variables = if first {
            self.variables()
        } else {
            String::new()
        };
        self.head_with(out, 2, head, &variables);
        self.lane_set(out, pool);
        let pool_lanes: BTreeSet<Id> = self
            .lanes
            .get(&pool.key)
            .map(|l| l.iter().map(|l| l.id).collect())
            .unwrap_or_default();
        for node in self
            .process
            .nodes
            .iter()
            .filter(|n| pool_lanes.contains(&n.lane) && self.parent_of(n).is_none())
        {
            self.node(out, node);
        }
        for flow in &self.process.flows {
            let in_pool = self
                .nodes
                .get(&flow.source)
                .is_some_and(|n| pool_lanes.contains(&n.lane) && self.parent_of(n).is_none());
            if in_pool && !self.is_message_flow(flow) {
                self.flow(out, flow, "sequenceFlow");
            }
        }
        self.artifacts_and_rest(out, None, &tail, Scope::Pool(pool, first));
        indent(out, 1);
        out.end("bpmn:process");
        out.raw("\n");
    }

    /// The kept children that come first, with `extensions` (the process variables, an
    /// engine's assignment) in `extensionElements` (the kept one when there is one).
    pub(super) fn head_with(
        &self,
        out: &mut Xml,
        depth: usize,
        head: Vec<&String>,
        extensions: &str,
    ) {
        if extensions.is_empty() {
            for f in head {
                self.put(out, depth, f);
            }
            return;
        }
        match head
            .iter()
            .position(|f| local_name(f) == "extensionElements")
        {
            Some(at) => {
                let merged = insert_children(head[at], extensions);
                for (i, f) in head.iter().enumerate() {
                    if i == at {
                        self.put(out, depth, &merged);
                    } else {
                        self.put(out, depth, f);
                    }
                }
            }
            None => {
                let (documentation, rest): (Vec<&String>, Vec<&String>) = head
                    .into_iter()
                    .partition(|f| local_name(f) == "documentation");
                for f in documentation {
                    self.put(out, depth, f);
                }
                line(
                    out,
                    depth,
                    &format!("<bpmn:extensionElements>{extensions}</bpmn:extensionElements>"),
                );
                for f in rest {
                    self.put(out, depth, f);
                }
            }
        }
    }

    fn variables(&self) -> String {
        let mut out = Xml::default();
        for v in &self.process.info.variables {
            let mut variable = tag("flowlane:variable");
            attr(&mut variable, "name", &v.name);
            for own in own_attributes(&VARIABLE) {
                if let Some(text) = (own.write)(v) {
                    attr(&mut variable, own.name, &text);
                }
            }
            out.empty(variable);
        }
        out.finish()
    }

    fn lane_set(&self, out: &mut Xml, pool: &KeptPool) {
        let lanes: Vec<&Lane> = self
            .lanes
            .get(&pool.key)
            .map(|l| {
                l.iter()
                    .copied()
                    .filter(|l| self.lane_element(l).is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if pool.lane_set.is_none() && lanes.is_empty() {
            return;
        }
        let set = pool.lane_set.clone().unwrap_or_default();
        let mut element = tag("bpmn:laneSet");
        optional_id(&mut element, &self.lane_set_id(pool));
        self.kept_attributes(&mut element, &set.attributes, &[]);
        indent(out, 2);
        out.start(element);
        out.raw("\n");
        let (head, tail) = split_head(&set.xml, &["documentation", "extensionElements"]);
        for f in head {
            self.put(out, 3, f);
        }
        for lane in &lanes {
            self.lane(out, lane);
        }
        for f in tail {
            self.put(out, 3, f);
        }
        indent(out, 2);
        out.end("bpmn:laneSet");
        out.raw("\n");
    }

    fn lane(&self, out: &mut Xml, lane: &Lane) {
        let kept = self
            .foreign
            .lanes
            .get(&lane.id)
            .cloned()
            .unwrap_or_default();
        let mut element = tag("bpmn:lane");
        attr(&mut element, "id", &self.lane_id(lane));
        if !lane.name.is_empty() {
            attr(&mut element, "name", &lane.name);
        }
        own_fields(&mut element, &LANE, lane);
        self.kept_attributes(&mut element, &kept.attributes, &["name"]);
        if lane.name.is_empty() && kept.attributes.contains_key("name") {
            attr(&mut element, "name", "");
        }
        indent(out, 3);
        out.start(element);
        out.raw("\n");
        let (head, tail) = split_head(
            &kept.xml,
            &["documentation", "extensionElements", "partitionElement"],
        );
        for f in head {
            self.put(out, 4, f);
        }
        for node in self
            .in_lane
            .get(&lane.id)
            .into_iter()
            .flatten()
            .filter(|n| self.parent_of(n).is_none())
        {
            indent(out, 4);
            out.element(tag("bpmn:flowNodeRef"), &self.node_id(node.id));
            out.raw("\n");
        }
        for f in tail {
            self.put(out, 4, f);
        }
        indent(out, 3);
        out.end("bpmn:lane");
        out.raw("\n");
    }
}
