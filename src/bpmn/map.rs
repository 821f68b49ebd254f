//! A checked BPMN document → a Flowlane process. Lanes become lanes (a pool or process without
//! lanes one lane), participants pools (`pools`), flow nodes nodes (`kinds`, `events`; inside
//! sub-processes too: `nested`), sequence flows flows, message flows message flows, artifacts and
//! associations theirs (`artifacts`), DI bounds and waypoints the layout (`diagram`). Whatever
//! Flowlane does not model is kept in `Foreign`.

use std::collections::BTreeMap;

use roxmltree::{Document, Node as XmlNode, NodeId};

use super::ids::{keep, to_uuid};
use super::names::{
    add_nested_prefixes, attribute_key, is_model, kept_namespaces, local_ref, qualify, BPMNDI,
    FIXED, FLOWLANE, XSI,
};
use super::opaque::fragment;
use super::{HashMap, HashSet, ImportError};
use crate::expr::dialect;
use crate::fields::{FLOW, LANE};
use crate::model::{Bounds, Flow, Foreign, Id, Kept, KeptPool, Lane, Node, NodeKind, Process};

mod artifacts;
mod attributes;
mod diagram;
mod events;
mod info;
mod kept;
mod kinds;
mod nested;
mod pools;

use artifacts::{is_artifact, is_mapped_association, Named};
use attributes::read_own;
pub use diagram::{lane_origins, lane_tops};
pub use events::{is_definition, is_loop, repeat, root_value, roots, trigger, unquoted, Roots};
use info::{read_info, read_variables};
use kept::{fragment_without_flowlane, kept_attributes, kept_connection};
pub use kinds::default_element;
use kinds::node_kind;
pub use nested::{on_own_planes, own_plane};
use pools::model_pools;

/// Lanes that stand for a whole pool, or gather the nodes of a laned process that sit in no lane.
pub const POOL_LANE: &str = "pool";
pub const UNLANED: &str = "unlaned";

/// `dropped`: DI shapes and edges of nothing, left out (see `refuse::Tolerated`).
pub fn map(doc: &Document, dropped: &HashSet<NodeId>) -> Result<Process, ImportError> {
    let root = doc.root_element();
    let mut mapper = Mapper {
        roots: roots(root.children()),
        named: Named::of(doc),
        dropped: dropped.clone(),
        ..Mapper::default()
    };
    let definitions_id = root.attribute("id").unwrap_or("");
    let process_id = match root.attribute((FLOWLANE, "process")) {
        Some(own) => Id::parse_str(own).map_err(|_| {
            ImportError::new(
                "bad-value",
                format!("flowlane:process `{own}` is not a UUID"),
            )
            .at(root)
        })?,
        None => to_uuid(&format!("definitions/{definitions_id}")),
    };
    let mut process = Process::new(process_id, "");
    read_info(root, &mut process)?;
    mapper.foreign.definitions = Kept {
        id: definitions_id.to_string(),
        attributes: kept_attributes(root, &["id", "name", "exporter", "exporterVersion"]),
        ..Kept::default()
    };
    for ns in root.namespaces() {
        if let Some(prefix) = ns.name() {
            mapper
                .foreign
                .namespaces
                .insert(prefix.to_string(), ns.uri().to_string());
        }
    }

    let processes: Vec<XmlNode> = root
        .children()
        .filter(|n| is_model(*n, "process"))
        .collect();
    let collaborations: Vec<XmlNode> = root
        .children()
        .filter(|n| is_model(*n, "collaboration"))
        .collect();
    let collaboration = collaborations.first().copied();

    // Pools: participants in collaboration order (those of further collaborations too, unless
    // their process already has a pool), then processes no participant draws.
    let mut drawn = Vec::new();
    let mut pools: Vec<(Option<XmlNode>, Option<XmlNode>)> = Vec::new();
    let mut taken = Vec::new();
    for (index, collaboration) in collaborations.iter().enumerate() {
        for participant in collaboration
            .children()
            .filter(|n| is_model(*n, "participant"))
        {
            let process = participant.attribute("processRef").and_then(|r| {
                let r = local_ref(r);
                processes
                    .iter()
                    .find(|p| p.attribute("id") == Some(r))
                    .copied()
            });
            if let Some(p) = process {
                if drawn.contains(&p) {
                    if index > 0 {
                        continue;
                    }
                    return Err(ImportError::new(
                        "unsupported",
                        "two pools draw the same process; Flowlane gives each process one pool",
                    )
                    .at(participant));
                }
                drawn.push(p);
            }
            taken.push(participant);
            pools.push((Some(participant), process));
        }
    }
    let mut further = Vec::new();
    for child in root.children().filter(XmlNode::is_element) {
        let modelled = is_model(child, "process")
            || Some(child) == collaboration
            || (child.tag_name().namespace() == Some(BPMNDI)
                && child.tag_name().name() == "BPMNDiagram");
        if collaborations.contains(&child) && !modelled {
            // A further collaboration keeps what it holds but the pools it gave; further
            // collaborations come last, as the export writes them after its own.
            further.push(super::opaque::fragment_filtered(child, &|n| {
                !taken.contains(&n)
            }));
        } else if !modelled {
            mapper.foreign.definitions.xml.push(fragment(child));
        }
    }
    mapper.foreign.definitions.xml.extend(further);
    for p in &processes {
        if !drawn.contains(p) {
            pools.push((None, Some(*p)));
        }
    }
    for (participant, bpmn_process) in &pools {
        mapper.pool(*participant, *bpmn_process, &mut process)?;
    }
    model_pools(&pools, &mut process, &mapper.foreign);
    mapper.data_associations(root, &mut process);
    if let Some(collaboration) = collaboration {
        mapper.collaboration(collaboration, &mut process)?;
    }
    for (index, diagram) in root
        .children()
        .filter(|n| {
            n.tag_name().namespace() == Some(BPMNDI) && n.tag_name().name() == "BPMNDiagram"
        })
        .enumerate()
    {
        mapper.diagram(
            diagram,
            u32::try_from(index).unwrap_or(u32::MAX),
            &mut process,
        )?;
    }
    mapper.relative_layout(&mut process);
    add_nested_prefixes(doc, &mut mapper.foreign.namespaces);
    // Only prefixes of namespaces that kept attributes use are worth remembering.
    let used = kept_namespaces(&mapper.foreign);
    mapper
        .foreign
        .namespaces
        .retain(|_, uri| used.contains(uri) && !FIXED.iter().any(|(_, fixed)| fixed == uri));
    process.foreign = Some(mapper.foreign);
    crate::canonical::canonicalize(&mut process);
    Ok(process)
}

#[derive(Default)]
struct Mapper {
    foreign: Foreign,
    /// DI shapes and edges that draw nothing, left out.
    dropped: HashSet<NodeId>,
    /// BPMN id → what it became, to resolve flows and shapes.
    nodes: HashMap<String, Id>,
    flows: HashMap<String, Id>,
    lanes: HashMap<String, Id>,
    /// Pool key → the lane that stands for the whole pool.
    pool_lanes: HashMap<String, Id>,
    /// Ids of flows some node names as its `default`.
    defaults: HashSet<String>,
    /// Absolute node bounds until lane tops are known.
    bounds: BTreeMap<Id, Bounds>,
    order: u32,
    /// Messages, signals, errors and escalations by id (see `events::Roots`).
    roots: Roots,
    /// What artifacts name: data objects and category values.
    named: Named,
    /// BPMN id → artifact.
    artifacts: HashMap<String, Id>,
    /// Associations inside sub-processes, mapped once the process around them is: an end may
    /// be an element outside the sub-process, mapped later.
    deferred_associations: Vec<NodeId>,
}

impl Mapper {
    fn pool(
        &mut self,
        participant: Option<XmlNode>,
        bpmn_process: Option<XmlNode>,
        process: &mut Process,
    ) -> Result<(), ImportError> {
        let key = participant
            .or(bpmn_process)
            .and_then(|n| n.attribute("id"))
            .unwrap_or("")
            .to_string();
        let mut pool = KeptPool {
            key: key.clone(),
            ..KeptPool::default()
        };
        let pool_name = participant
            .and_then(|p| p.attribute("name"))
            .or_else(|| bpmn_process.and_then(|p| p.attribute("name")))
            .unwrap_or("")
            .to_string();
        if let Some(participant) = participant {
            pool.participant = Some(Kept {
                id: participant.attribute("id").unwrap_or("").to_string(),
                attributes: kept_attributes(participant, &["id", "processRef"]),
                xml: participant
                    .children()
                    .filter(XmlNode::is_element)
                    .map(fragment)
                    .collect(),
                ..Kept::default()
            });
        }
        let lane_set = bpmn_process.and_then(|p| p.children().find(|n| is_model(*n, "laneSet")));
        let top_lanes: Vec<XmlNode> = lane_set
            .map(|s| s.children().filter(|n| is_model(*n, "lane")).collect())
            .unwrap_or_default();
        let mut membership: HashMap<&str, Id> = HashMap::default();
        let black_box = participant.is_some() && bpmn_process.is_none();
        let pool_lane = if top_lanes.is_empty() && !black_box {
            let id = to_uuid(&format!("{key}/{POOL_LANE}"));
            let source = participant.or(bpmn_process);
            let mut lane = self.lane(id, &pool_name, source, &key)?;
            lane.1.element = POOL_LANE.into();
            self.push_lane(lane, process);
            self.pool_lanes.insert(key.clone(), id);
            Some(id)
        } else {
            None
        };
        for lane_node in &top_lanes {
            let bpmn_id = lane_node.attribute("id").unwrap_or("");
            let id = to_uuid(bpmn_id);
            let name = lane_node.attribute("name").unwrap_or("");
            let mut lane = self.lane(id, name, Some(*lane_node), &key)?;
            lane.1.id = keep(bpmn_id);
            lane.1.attributes = kept_attributes(*lane_node, &["id", "name"]);
            if name.is_empty() && lane_node.attribute("name").is_some() {
                lane.1.attributes.insert("name".into(), String::new());
            }
            lane.1.xml = lane_node
                .children()
                .filter(|n| n.is_element() && !is_model(*n, "flowNodeRef"))
                .map(fragment)
                .collect();
            for reference in lane_node.children().filter(|n| is_model(*n, "flowNodeRef")) {
                membership
                    .entry(local_ref(reference.text().unwrap_or("")))
                    .or_insert(id);
            }
            self.lanes.insert(bpmn_id.to_string(), id);
            self.push_lane(lane, process);
        }
        if let Some(lane_set) = lane_set {
            pool.lane_set = Some(Kept {
                id: lane_set.attribute("id").unwrap_or("").to_string(),
                attributes: kept_attributes(lane_set, &["id"]),
                xml: lane_set
                    .children()
                    .filter(|n| n.is_element() && !is_model(*n, "lane"))
                    .map(fragment)
                    .collect(),
                ..Kept::default()
            });
        }
        if let Some(bpmn_process) = bpmn_process {
            let mut kept = Kept {
                id: bpmn_process.attribute("id").unwrap_or("").to_string(),
                attributes: kept_attributes(bpmn_process, &["id"]),
                ..Kept::default()
            };
            for child in bpmn_process.descendants() {
                if let Some(default) = child.attribute("default") {
                    self.defaults.insert(local_ref(default).to_string());
                }
            }
            let mut unlaned: Option<Id> = None;
            let mut pending_flows = Vec::new();
            let mut associations = Vec::new();
            for child in bpmn_process.children().filter(XmlNode::is_element) {
                if Some(child) == lane_set {
                    continue;
                }
                if is_artifact(child) {
                    self.artifact(child, None, process);
                    if let Some(artifact) = process.artifacts.last() {
                        let kept = self.foreign.nodes.entry(artifact.id).or_default();
                        kept.pool = key.clone();
                    }
                    continue;
                }
                if is_mapped_association(child, bpmn_process) {
                    associations.push(child);
                    continue;
                }
                if is_model(child, "sequenceFlow") {
                    pending_flows.push(child);
                    continue;
                }
                if is_model(child, "extensionElements") {
                    read_variables(child, process)?;
                    let rest = fragment_without_flowlane(child);
                    if let Some(rest) = rest {
                        kept.xml.push(rest);
                    }
                    continue;
                }
                let Some(kind) = node_kind(child, &self.roots)? else {
                    kept.xml.push(fragment(child));
                    continue;
                };
                let bpmn_id = child.attribute("id").unwrap_or("");
                let lane = match (pool_lane, membership.get(bpmn_id)) {
                    (Some(lane), _) => lane,
                    (None, Some(lane)) => *lane,
                    (None, None) => match unlaned {
                        Some(id) => id,
                        None => {
                            let id = to_uuid(&format!("{key}/{UNLANED}"));
                            let mut lane = self.lane(id, "(no lane)", None, &key)?;
                            lane.1.element = UNLANED.into();
                            self.push_lane(lane, process);
                            *unlaned.insert(id)
                        }
                    },
                };
                self.flow_node(child, kind, lane, None, process)?;
            }
            for flow in pending_flows {
                if !self.sequence_flow(flow, process)? {
                    kept.xml.push(fragment(flow));
                }
            }
            let deferred = std::mem::take(&mut self.deferred_associations);
            let inner = deferred
                .into_iter()
                .filter_map(|n| bpmn_process.document().get_node(n));
            for association in associations.into_iter().chain(inner) {
                if !self.association(association, process) {
                    kept.xml.push(fragment(association));
                }
            }
            pool.process = Some(kept);
        }
        self.foreign.pools.push(pool);
        Ok(())
    }

    fn lane(
        &self,
        id: Id,
        name: &str,
        source: Option<XmlNode>,
        pool: &str,
    ) -> Result<(Lane, Kept), ImportError> {
        let mut lane = Lane {
            id,
            name: name.to_string(),
            team: String::new(),
            trigger: String::new(),
            output: String::new(),
            order: self.order,
            pool: None,
        };
        if let Some(source) = source {
            read_own(source, &LANE, &mut lane)?;
        }
        let kept = Kept {
            pool: pool.to_string(),
            ..Kept::default()
        };
        Ok((lane, kept))
    }

    fn push_lane(&mut self, (lane, kept): (Lane, Kept), process: &mut Process) {
        self.order += 1;
        self.foreign.lanes.insert(lane.id, kept);
        process.lanes.push(lane);
    }

    fn node(
        &mut self,
        xml: XmlNode,
        (kind, modelled): (NodeKind, Vec<XmlNode>),
        lane: Id,
        process: &mut Process,
    ) {
        let bpmn_id = xml.attribute("id").unwrap_or("");
        let id = to_uuid(bpmn_id);
        let element = xml.tag_name().name();
        let mut kept = Kept {
            id: keep(bpmn_id),
            element: if element == default_element(&kind) {
                String::new()
            } else {
                element.to_string()
            },
            attributes: kept_attributes(
                xml,
                &["id", "name", "default", "calledElement", "attachedToRef"],
            ),
            xml: xml
                .children()
                .filter(|n| {
                    n.is_element()
                        && !is_model(*n, "incoming")
                        && !is_model(*n, "outgoing")
                        && !modelled.contains(n)
                })
                .map(fragment)
                .collect(),
            ..Kept::default()
        };
        if xml.attribute("name") == Some("") {
            kept.attributes.insert("name".into(), String::new());
        }
        if let (NodeKind::Call { .. }, Some(called)) = (&kind, xml.attribute("calledElement")) {
            kept.attributes
                .insert("calledElement".into(), called.to_string());
        }
        for timer_definition in modelled
            .iter()
            .filter(|n| is_model(**n, "timerEventDefinition"))
        {
            for attribute in timer_definition.attributes() {
                kept.attributes.insert(
                    format!("timerEventDefinition/{}", attribute_key(&attribute)),
                    qualify(*timer_definition, attribute.value()),
                );
            }
            for duration in timer_definition
                .children()
                .filter(|n| is_model(*n, "timeDuration"))
            {
                for attribute in duration.attributes() {
                    if attribute.namespace() == Some(XSI) && attribute.name() == "type" {
                        continue;
                    }
                    kept.attributes.insert(
                        format!("timeDuration/{}", attribute_key(&attribute)),
                        qualify(duration, attribute.value()),
                    );
                }
            }
        }
        self.nodes.insert(bpmn_id.to_string(), id);
        if !kept.is_empty() {
            self.foreign.nodes.insert(id, kept);
        }
        process.nodes.push(Node {
            id,
            lane,
            name: xml.attribute("name").unwrap_or("").to_string(),
            kind,
            parent: None,
        });
    }

    /// Maps a sequence flow between two nodes; false when an end is not a node (kept as XML).
    fn sequence_flow(&mut self, xml: XmlNode, process: &mut Process) -> Result<bool, ImportError> {
        let (Some(source), Some(target)) = (self.end(xml, "sourceRef"), self.end(xml, "targetRef"))
        else {
            return Ok(false);
        };
        let bpmn_id = xml.attribute("id").unwrap_or("");
        let id = to_uuid(bpmn_id);
        let mut kept = Kept {
            id: keep(bpmn_id),
            attributes: kept_attributes(xml, &["id", "name", "sourceRef", "targetRef"]),
            ..Kept::default()
        };
        let mut condition = None;
        for child in xml.children().filter(XmlNode::is_element) {
            let text_only = child.children().all(|c| c.is_text());
            if is_model(child, "conditionExpression") && text_only && condition.is_none() {
                condition = Some(child.text().unwrap_or("").to_string());
                for attribute in child.attributes() {
                    if attribute.namespace() == Some(XSI) && attribute.name() == "type" {
                        continue;
                    }
                    kept.attributes.insert(
                        format!("conditionExpression/{}", attribute_key(&attribute)),
                        qualify(child, attribute.value()),
                    );
                }
            } else {
                kept.xml.push(fragment(child));
            }
        }
        if let Some(own) = xml.attribute((FLOWLANE, "condition")) {
            condition = Some(own.to_string());
        } else if let Some(text) = condition {
            let namespaces = self.foreign.namespaces.values().map(String::as_str);
            condition = Some(dialect::import_flow_condition(
                &text,
                namespaces,
                &mut kept.attributes,
            ));
        }
        if xml.attribute("name") == Some("") {
            kept.attributes.insert("name".into(), String::new());
        }
        let default = self.defaults.contains(bpmn_id);
        self.flows.insert(bpmn_id.to_string(), id);
        if !kept.is_empty() {
            self.foreign.flows.insert(id, kept);
        }
        let mut flow = Flow {
            id,
            source,
            target,
            label: xml.attribute("name").unwrap_or("").to_string(),
            condition,
            default,
            probability: None,
        };
        read_own(xml, &FLOW, &mut flow)?;
        process.flows.push(flow);
        Ok(true)
    }

    fn end(&self, xml: XmlNode, attribute: &str) -> Option<Id> {
        self.nodes
            .get(local_ref(xml.attribute(attribute)?))
            .copied()
    }
}
