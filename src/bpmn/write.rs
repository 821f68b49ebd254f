//! A Flowlane process → BPMN 2.0 XML with DI. Flowlane-only fields go in the `flowlane`
//! namespace; what an import kept (`Process::foreign`) is written back where it came from.
//! Children are written in the order the OMG schema requires: kept `documentation` and
//! `extensionElements` first, then what Flowlane models, then the other kept children.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write;

use super::ids::{to_bpmn, to_uuid, written};
use super::map::{default_element, lane_origins, lane_tops, POOL_LANE};
use super::names::{local_ref, FIXED};
use super::opaque::{escape_attribute, escape_text};
use super::timer::to_iso;
use crate::expr;
use crate::model::{Flow, Foreign, Id, KeptPool, Lane, Node, NodeKind, Process};

mod diagram;
mod kept;

pub(super) use kept::attribute_namespaces;
use kept::{insert_children, local_name, split_head, sub_attributes};

/// The expression language conditions are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dialect {
    /// Python, as SpiffWorkflow evaluates it (`amount > 10000 and not rush`).
    #[default]
    Python,
    /// Flowlane's own CEL, unchanged.
    Cel,
}

/// Writes the process as a BPMN 2.0 document.
pub fn export(process: &Process, dialect: Dialect) -> String {
    let empty = Foreign::default();
    let foreign = process.foreign.as_ref().unwrap_or(&empty);
    // Kept parts may name elements deleted since the import (a boundary event's host, the
    // shapes inside a removed sub-process). Each pass drops what names an element the previous
    // pass did not write, until the file is one the importer accepts.
    let mut present = None;
    let mut xml = String::new();
    for _ in 0..8 {
        xml = Writer::new(process, foreign, dialect, present.take()).document();
        let Ok(doc) = roxmltree::Document::parse(&xml) else {
            break;
        };
        match super::refuse::check(&doc) {
            Err(e) if e.code == "dangling-reference" => {
                present = Some(
                    doc.descendants()
                        .filter_map(|n| n.attribute("id"))
                        .map(str::to_string)
                        .collect(),
                );
            }
            _ => break,
        }
    }
    xml
}

struct Writer<'a> {
    process: &'a Process,
    foreign: &'a Foreign,
    native: bool,
    dialect: Dialect,
    /// URI → prefix for every namespace written.
    prefixes: BTreeMap<String, String>,
    pools: Vec<KeptPool>,
    /// Pool key → its lanes in order.
    lanes: BTreeMap<String, Vec<&'a Lane>>,
    tops: HashMap<Id, f64>,
    /// Where each lane's node `y` counts from (`map::lane_origins`).
    origins: HashMap<Id, f64>,
    /// Lookups built once, so writing stays linear in the size of the process.
    nodes: HashMap<Id, &'a Node>,
    incoming: HashMap<Id, Vec<&'a Flow>>,
    outgoing: HashMap<Id, Vec<&'a Flow>>,
    in_lane: HashMap<Id, Vec<&'a Node>>,
    /// Every id the previous pass wrote, when kept parts must be checked for references to
    /// elements deleted since the import.
    present: Option<HashSet<String>>,
}

impl<'a> Writer<'a> {
    fn new(
        process: &'a Process,
        foreign: &'a Foreign,
        dialect: Dialect,
        present: Option<HashSet<String>>,
    ) -> Self {
        let native = process.foreign.is_none();
        let mut prefixes: BTreeMap<String, String> = FIXED
            .iter()
            .map(|(p, u)| (u.to_string(), p.to_string()))
            .collect();
        prefixes.insert(XML.into(), "xml".into());
        let mut taken: BTreeSet<String> = FIXED.iter().map(|(p, _)| p.to_string()).collect();
        taken.insert("xml".into());
        for uri in attribute_namespaces(foreign) {
            if prefixes.contains_key(&uri) {
                continue;
            }
            let own = foreign
                .namespaces
                .iter()
                .find(|(p, u)| **u == uri && !taken.contains(*p))
                .map(|(p, _)| p.clone());
            let prefix = own.unwrap_or_else(|| {
                (1..)
                    .map(|n| format!("ns{n}"))
                    .find(|p| !taken.contains(p))
                    .expect("an unused prefix")
            });
            taken.insert(prefix.clone());
            prefixes.insert(uri, prefix);
        }
        let mut pools = foreign.pools.clone();
        let default_key = format!("Participant_{}", process.id.simple());
        if pools.is_empty() {
            pools.push(KeptPool {
                key: default_key.clone(),
                ..KeptPool::default()
            });
        }
        let mut lanes: BTreeMap<String, Vec<&Lane>> = BTreeMap::new();
        for lane in process.lanes_in_order() {
            let key = foreign
                .lanes
                .get(&lane.id)
                .map(|k| k.pool.clone())
                .filter(|k| pools.iter().any(|p| p.key == *k))
                .unwrap_or_else(|| pools[0].key.clone());
            lanes.entry(key).or_default().push(lane);
        }
        let mut incoming: HashMap<Id, Vec<&Flow>> = HashMap::new();
        let mut outgoing: HashMap<Id, Vec<&Flow>> = HashMap::new();
        for flow in &process.flows {
            let message = foreign
                .flows
                .get(&flow.id)
                .is_some_and(|k| k.element == "messageFlow");
            if !message {
                incoming.entry(flow.target).or_default().push(flow);
                outgoing.entry(flow.source).or_default().push(flow);
            }
        }
        let mut in_lane: HashMap<Id, Vec<&Node>> = HashMap::new();
        for node in &process.nodes {
            in_lane.entry(node.lane).or_default().push(node);
        }
        Writer {
            process,
            foreign,
            native,
            dialect,
            prefixes,
            pools,
            lanes,
            tops: lane_tops(process),
            origins: lane_origins(process, process.foreign.as_ref()),
            nodes: process.nodes.iter().map(|n| (n.id, n)).collect(),
            incoming,
            outgoing,
            in_lane,
            present,
        }
    }

    fn document(&self) -> String {
        let p = self.process;
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bpmn:definitions");
        for (uri, prefix) in &self.prefixes {
            if uri != XML {
                attr(&mut out, &format!("xmlns:{prefix}"), uri);
            }
        }
        let defs = &self.foreign.definitions;
        let id = if self.native {
            format!("Definitions_{}", p.id.simple())
        } else {
            defs.id.clone()
        };
        optional_id(&mut out, &id);
        attr(&mut out, "name", &p.info.name);
        if !defs.attributes.contains_key("targetNamespace") {
            attr(
                &mut out,
                "targetNamespace",
                &format!("https://flowlane.dev/process/{}", p.id),
            );
        }
        attr(&mut out, "exporter", "Flowlane");
        attr(&mut out, "exporterVersion", env!("CARGO_PKG_VERSION"));
        attr(&mut out, "flowlane:process", &p.id.to_string());
        own_attr(&mut out, "outcome", &p.info.outcome);
        if p.info.category != crate::model::Category::Operational {
            own_attr(&mut out, "category", p.info.category.as_str());
        }
        own_attr(&mut out, "owner", &p.info.owner);
        own_attr(
            &mut out,
            "sla",
            &p.info.sla.map(|d| d.to_string()).unwrap_or_default(),
        );
        self.kept_attributes(&mut out, &defs.attributes, &[]);
        out.push_str(">\n");
        let (head, tail): (Vec<&String>, Vec<&String>) = defs
            .xml
            .iter()
            .partition(|f| !matches!(local_name(f), "relationship"));
        for f in head {
            self.put(&mut out, 1, f);
        }
        let with_collaboration = self.foreign.collaboration.is_some()
            || self.pools.iter().any(|pool| pool.participant.is_some())
            || self.native;
        if with_collaboration {
            self.collaboration(&mut out);
        }
        for (index, pool) in self.pools.iter().enumerate() {
            self.bpmn_process(&mut out, pool, index == 0);
        }
        self.diagrams(&mut out);
        for f in tail {
            self.put(&mut out, 1, f);
        }
        out.push_str("</bpmn:definitions>\n");
        out
    }

    fn participant_id(&self, pool: &KeptPool) -> String {
        pool.participant
            .as_ref()
            .and_then(|k| non_empty(&k.id))
            .unwrap_or_else(|| format!("Participant_{}", self.process.id.simple()))
    }

    fn process_id(&self, pool: &KeptPool) -> Option<String> {
        match &pool.process {
            Some(kept) => Some(kept.id.clone()),
            None if self.native => Some(format!("Process_{}", self.process.id.simple())),
            None => None,
        }
    }

    /// The lane that stands for a whole pool, when the pool has no lanes of its own.
    fn pool_lane(&self, pool: &KeptPool) -> Option<&'a Lane> {
        self.lanes
            .get(&pool.key)?
            .iter()
            .copied()
            .find(|l| self.lane_element(l) == POOL_LANE)
    }

    fn lane_element(&self, lane: &Lane) -> &str {
        self.foreign
            .lanes
            .get(&lane.id)
            .map_or("", |k| k.element.as_str())
    }

    fn collaboration(&self, out: &mut String) {
        let kept = self.foreign.collaboration.clone().unwrap_or_default();
        out.push_str("  <bpmn:collaboration");
        let id = match &self.foreign.collaboration {
            Some(c) => c.id.clone(),
            None => format!("Collaboration_{}", self.process.id.simple()),
        };
        optional_id(out, &id);
        self.kept_attributes(out, &kept.attributes, &[]);
        out.push_str(">\n");
        let (head, tail) = split_head(&kept.xml, &["documentation", "extensionElements"]);
        for f in head {
            self.put(out, 2, f);
        }
        for pool in &self.pools {
            if pool.participant.is_none() && !self.native {
                continue;
            }
            let participant = pool.participant.clone().unwrap_or_default();
            out.push_str("    <bpmn:participant");
            attr(out, "id", &self.participant_id(pool));
            let lane = self.pool_lane(pool);
            let name = match lane {
                Some(lane) => Some(lane.name.clone()),
                None if self.native => Some(self.process.info.name.clone()),
                None => None,
            };
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                attr(out, "name", &name);
            }
            if let Some(process) = self.process_id(pool) {
                attr(out, "processRef", &process);
            }
            if let Some(lane) = lane {
                self.lane_fields(out, lane);
            }
            // A pool that is one lane takes its name from the lane.
            let skip: &[&str] = if lane.is_some() { &["name"] } else { &[] };
            self.kept_attributes(out, &participant.attributes, skip);
            self.close_with(out, 3, &participant.xml, "bpmn:participant");
        }
        for flow in self
            .process
            .flows
            .iter()
            .filter(|f| self.is_message_flow(f))
        {
            self.flow(out, flow, "messageFlow");
        }
        for f in tail {
            self.put(out, 2, f);
        }
        out.push_str("  </bpmn:collaboration>\n");
    }

    fn bpmn_process(&self, out: &mut String, pool: &KeptPool, first: bool) {
        let Some(id) = self.process_id(pool) else {
            return;
        };
        let kept = pool.process.clone().unwrap_or_default();
        out.push_str("  <bpmn:process");
        attr(out, "id", &id);
        attr(out, "isExecutable", "true");
        let lane = self.pool_lane(pool);
        if pool.participant.is_none() {
            if let Some(lane) = lane.filter(|l| !l.name.is_empty()) {
                attr(out, "name", &lane.name);
                self.lane_fields(out, lane);
            }
        }
        let skip: &[&str] = if pool.participant.is_none() && lane.is_some() {
            &["name"]
        } else {
            &[]
        };
        self.kept_attributes(out, &kept.attributes, skip);
        out.push_str(">\n");
        let (mut head, tail) = split_head(
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
        if !variables.is_empty() {
            match head
                .iter()
                .position(|f| local_name(f) == "extensionElements")
            {
                Some(at) => {
                    let merged = insert_children(head[at], &variables);
                    for (i, f) in head.iter().enumerate() {
                        if i == at {
                            self.put(out, 2, &merged);
                        } else {
                            self.put(out, 2, f);
                        }
                    }
                    head.clear();
                }
                None => {
                    let documentation: Vec<&String> = head
                        .iter()
                        .copied()
                        .filter(|f| local_name(f) == "documentation")
                        .collect();
                    for f in &documentation {
                        self.put(out, 2, f);
                    }
                    line(
                        out,
                        2,
                        &format!("<bpmn:extensionElements>{variables}</bpmn:extensionElements>"),
                    );
                    head.retain(|f| local_name(f) != "documentation");
                }
            }
        }
        for f in head {
            self.put(out, 2, f);
        }
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
        if pool.lane_set.is_some() || !lanes.is_empty() {
            let set = pool.lane_set.clone().unwrap_or_default();
            out.push_str("    <bpmn:laneSet");
            let id = match &pool.lane_set {
                Some(s) => s.id.clone(),
                None => format!("LaneSet_{}", self.process.id.simple()),
            };
            optional_id(out, &id);
            self.kept_attributes(out, &set.attributes, &[]);
            out.push_str(">\n");
            let (set_head, set_tail) =
                split_head(&set.xml, &["documentation", "extensionElements"]);
            for f in set_head {
                self.put(out, 3, f);
            }
            for lane in &lanes {
                self.lane(out, lane);
            }
            for f in set_tail {
                self.put(out, 3, f);
            }
            out.push_str("    </bpmn:laneSet>\n");
        }
        let pool_lanes: BTreeSet<Id> = self
            .lanes
            .get(&pool.key)
            .map(|l| l.iter().map(|l| l.id).collect())
            .unwrap_or_default();
        for node in self
            .process
            .nodes
            .iter()
            .filter(|n| pool_lanes.contains(&n.lane))
        {
            self.node(out, node);
        }
        for flow in &self.process.flows {
            let in_pool = self
                .nodes
                .get(&flow.source)
                .is_some_and(|n| pool_lanes.contains(&n.lane));
            if in_pool && !self.is_message_flow(flow) {
                self.flow(out, flow, "sequenceFlow");
            }
        }
        for f in tail {
            self.put(out, 2, f);
        }
        out.push_str("  </bpmn:process>\n");
    }

    fn variables(&self) -> String {
        let mut out = String::new();
        for v in &self.process.info.variables {
            out.push_str("<flowlane:variable");
            attr(&mut out, "name", &v.name);
            attr(&mut out, "type", v.var_type.as_str());
            if !v.description.is_empty() {
                attr(&mut out, "description", &v.description);
            }
            out.push_str("/>");
        }
        out
    }

    fn lane(&self, out: &mut String, lane: &Lane) {
        let kept = self
            .foreign
            .lanes
            .get(&lane.id)
            .cloned()
            .unwrap_or_default();
        out.push_str("      <bpmn:lane");
        attr(out, "id", &to_bpmn(lane.id, &kept.id));
        if !lane.name.is_empty() {
            attr(out, "name", &lane.name);
        }
        self.lane_fields(out, lane);
        self.kept_attributes(out, &kept.attributes, &["name"]);
        if lane.name.is_empty() && kept.attributes.contains_key("name") {
            attr(out, "name", "");
        }
        out.push_str(">\n");
        let (head, tail) = split_head(
            &kept.xml,
            &["documentation", "extensionElements", "partitionElement"],
        );
        for f in head {
            self.put(out, 4, f);
        }
        for node in self.in_lane.get(&lane.id).into_iter().flatten() {
            let _ = writeln!(
                out,
                "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                self.node_id(node.id)
            );
        }
        for f in tail {
            self.put(out, 4, f);
        }
        out.push_str("      </bpmn:lane>\n");
    }

    fn lane_fields(&self, out: &mut String, lane: &Lane) {
        own_attr(out, "team", &lane.team);
        own_attr(out, "trigger", &lane.trigger);
        own_attr(out, "output", &lane.output);
    }

    fn node_id(&self, id: Id) -> String {
        to_bpmn(
            id,
            self.foreign.nodes.get(&id).map_or("", |k| k.id.as_str()),
        )
    }

    fn flow_id(&self, id: Id) -> String {
        to_bpmn(
            id,
            self.foreign.flows.get(&id).map_or("", |k| k.id.as_str()),
        )
    }

    fn is_message_flow(&self, flow: &Flow) -> bool {
        self.foreign
            .flows
            .get(&flow.id)
            .is_some_and(|k| k.element == "messageFlow")
    }

    fn node(&self, out: &mut String, node: &Node) {
        let kept = self
            .foreign
            .nodes
            .get(&node.id)
            .cloned()
            .unwrap_or_default();
        let mut element =
            non_empty(&kept.element).unwrap_or_else(|| default_element(&node.kind).to_string());
        let mut skip = vec!["name", "calledElement"];
        // A boundary event whose activity was deleted stays, as a free-standing catch event.
        let host = kept.attributes.get("attachedToRef");
        if element == "boundaryEvent"
            && host.is_some_and(|h| self.dangling_attribute("attachedToRef", h))
        {
            element = "intermediateCatchEvent".into();
            skip.push("cancelActivity");
        }
        let _ = write!(out, "    <bpmn:{element}");
        attr(out, "id", &self.node_id(node.id));
        if !node.name.is_empty() {
            attr(out, "name", &node.name);
        }
        let default = self
            .outgoing
            .get(&node.id)
            .into_iter()
            .flatten()
            .find(|f| f.default);
        if let Some(default) = default {
            attr(out, "default", &self.flow_id(default.id));
        }
        match &node.kind {
            NodeKind::End { outcome } => own_attr(out, "outcome", outcome),
            NodeKind::Task {
                assignee,
                duration,
                sla,
                description,
                outputs,
                distribution,
                cost_per_hour,
            } => {
                if let Some(d) = distribution {
                    let json = serde_json::to_string(d).expect("a distribution serialises");
                    own_attr(out, "distribution", &json);
                }
                if let Some(cost) = cost_per_hour {
                    own_attr(out, "cost-per-hour", &cost.to_string());
                }
                own_attr(out, "assignee", assignee);
                own_attr(
                    out,
                    "duration",
                    &duration.map(|d| d.to_string()).unwrap_or_default(),
                );
                own_attr(out, "sla", &sla.map(|d| d.to_string()).unwrap_or_default());
                own_attr(out, "description", description);
                own_attr(out, "outputs", &outputs.join(","));
            }
            NodeKind::Call { process, version } => {
                let kept_called = kept
                    .attributes
                    .get("calledElement")
                    .map_or("", String::as_str);
                let called =
                    if !kept_called.is_empty() && to_uuid(local_ref(kept_called)) == *process {
                        kept_called.to_string()
                    } else {
                        written(*process)
                    };
                attr(out, "calledElement", &called);
                own_attr(
                    out,
                    "version",
                    &version.map(|v| v.to_string()).unwrap_or_default(),
                );
            }
            _ => {}
        }
        self.kept_attributes(out, &kept.attributes, &skip);
        if node.name.is_empty() && kept.attributes.contains_key("name") {
            attr(out, "name", "");
        }
        out.push_str(">\n");
        let (head, tail) = split_head(&kept.xml, &["documentation", "extensionElements"]);
        for f in head {
            self.put(out, 3, f);
        }
        for flow in self.incoming.get(&node.id).into_iter().flatten() {
            let _ = writeln!(
                out,
                "      <bpmn:incoming>{}</bpmn:incoming>",
                self.flow_id(flow.id)
            );
        }
        for flow in self.outgoing.get(&node.id).into_iter().flatten() {
            let _ = writeln!(
                out,
                "      <bpmn:outgoing>{}</bpmn:outgoing>",
                self.flow_id(flow.id)
            );
        }
        if let NodeKind::Timer { wait } = &node.kind {
            out.push_str("      <bpmn:timerEventDefinition");
            self.kept_attributes(
                out,
                &sub_attributes(&kept.attributes, "timerEventDefinition"),
                &[],
            );
            out.push_str("><bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\"");
            self.kept_attributes(out, &sub_attributes(&kept.attributes, "timeDuration"), &[]);
            let duration = match self.dialect {
                Dialect::Python => format!("\"{}\"", to_iso(*wait)),
                Dialect::Cel => to_iso(*wait),
            };
            let _ = writeln!(
                out,
                ">{duration}</bpmn:timeDuration></bpmn:timerEventDefinition>"
            );
        }
        for f in tail {
            self.put(out, 3, f);
        }
        let _ = writeln!(out, "    </bpmn:{element}>");
    }

    fn flow(&self, out: &mut String, flow: &Flow, element: &str) {
        let kept = self
            .foreign
            .flows
            .get(&flow.id)
            .cloned()
            .unwrap_or_default();
        let indent = "    ";
        let _ = write!(out, "{indent}<bpmn:{element}");
        attr(out, "id", &self.flow_id(flow.id));
        if !flow.label.is_empty() {
            attr(out, "name", &flow.label);
        }
        attr(out, "sourceRef", &self.node_id(flow.source));
        attr(out, "targetRef", &self.node_id(flow.target));
        let condition = flow.condition.as_ref().map(|c| (c, self.translate(c)));
        if let Some((cel, text)) = &condition {
            if text != *cel {
                attr(out, "flowlane:condition", cel);
            }
        }
        if let Some(p) = flow.probability {
            attr(out, "flowlane:probability", &p.to_string());
        }
        self.kept_attributes(out, &kept.attributes, &["name"]);
        if flow.label.is_empty() && kept.attributes.contains_key("name") {
            attr(out, "name", "");
        }
        out.push('>');
        let (head, tail) = split_head(&kept.xml, &["documentation", "extensionElements"]);
        for f in head {
            self.put(out, 0, f);
        }
        if let Some((_, text)) = &condition {
            out.push_str("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\"");
            self.kept_attributes(
                out,
                &sub_attributes(&kept.attributes, "conditionExpression"),
                &[],
            );
            out.push('>');
            escape_text(text, out);
            out.push_str("</bpmn:conditionExpression>");
        }
        for f in tail {
            self.put(out, 0, f);
        }
        let _ = writeln!(out, "</bpmn:{element}>");
    }

    /// A condition in the export's dialect; text that is not a Flowlane condition is written as is.
    fn translate(&self, condition: &str) -> String {
        match self.dialect {
            Dialect::Cel => condition.to_string(),
            Dialect::Python => expr::parse(condition)
                .ok()
                .and_then(|c| expr::to_python(&c).ok())
                .unwrap_or_else(|| condition.to_string()),
        }
    }
}

const XML: &str = "http://www.w3.org/XML/1998/namespace";

fn line(out: &mut String, depth: usize, text: &str) {
    out.push_str(&"  ".repeat(depth));
    out.push_str(text);
    out.push('\n');
}

fn attr(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, " {name}=\"");
    escape_attribute(value, out);
    out.push('"');
}

/// A `flowlane:` attribute, written only when it says something.
fn own_attr(out: &mut String, name: &str, value: &str) {
    if !value.is_empty() {
        attr(out, &format!("flowlane:{name}"), value);
    }
}

/// Ids are optional on DI elements and the root; an imported element without one stays without.
fn optional_id(out: &mut String, id: &str) {
    if !id.is_empty() {
        attr(out, "id", id);
    }
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}
