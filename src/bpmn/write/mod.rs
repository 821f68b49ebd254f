//! A Flowlane process → BPMN 2.0 XML with DI, written through quick-xml (`crate::xml`).
//! Flowlane-only fields go in the `flowlane` namespace; what an import kept (`Process::foreign`)
//! is written back where it came from. Children are written in the order the OMG schema
//! requires: kept `documentation` and `extensionElements` first, then what Flowlane models, then
//! the other kept children.
//!
//! `document` writes the root and its namespaces, `process` the pools, processes and lanes,
//! `nodes` the flow nodes and flows, `diagram` the DI; `kept` writes back what an import kept and
//! `present` decides which kept parts still name elements that exist.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};

use super::error::{UnsafeXml, WriteError};
use super::ids::{to_bpmn, written};
use super::map::{lane_origins, lane_tops, POOL_LANE};
use crate::expr::dialect::{Dialect, Engine};
use crate::fields::{own_attributes, FieldDef};
use crate::model::{Flow, Foreign, Id, KeptPool, Lane, Node, Process};
use crate::xml::{Tag, Xml};

mod artifacts;
mod diagram;
mod document;
mod engine;
mod events;
mod kept;
mod nodes;
mod planes;
mod pools;
mod present;
mod process;

/// Who an export is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Target {
    /// Plain BPMN, as every export has been: conditions in Python, their CEL kept in
    /// `flowlane:condition`, no engine's extensions.
    #[default]
    Plain,
    /// Conditions exactly as Flowlane holds them (CEL).
    Cel,
    /// One engine: conditions in its dialect (a condition it cannot express is an error), timers
    /// in ISO 8601, each user task assigned to its role the engine's way (`engine`).
    Engine(Engine),
}

impl Target {
    /// The language the export writes conditions in.
    pub fn dialect(self) -> Dialect {
        match self {
            Target::Plain => Dialect::Python,
            Target::Cel => Dialect::Cel,
            Target::Engine(engine) => engine.dialect(),
        }
    }
}

/// Writes the process as a BPMN 2.0 document. What it kept from an import is written verbatim,
/// so it is checked first: a definition stored before that was checked on save, or edited in
/// the file, cannot make the export write malformed XML. For an engine, every condition is
/// written in its dialect first, and the first that cannot be is the error.
pub fn export(process: &Process, target: Target) -> Result<String, WriteError> {
    if let Some((_, why)) = crate::validate::unsafe_foreign_xml(process)
        .into_iter()
        .next()
    {
        return Err(UnsafeXml(why).into());
    }
    let empty = Foreign::default();
    let foreign = process.foreign.as_ref().unwrap_or(&empty);
    let mut writer = Writer::new(process, foreign, target);
    if let Target::Engine(engine) = target {
        writer.conditions = engine::conditions(process, engine)?;
    }
    // Kept parts may name elements deleted since the import (a boundary event's host, the
    // shapes inside a removed sub-process); those are left out, so the file is one the
    // importer accepts.
    if process.foreign.is_some() {
        let (present, whole) = writer.present_ids();
        writer.present = Some(present);
        writer.whole = whole;
    }
    Ok(writer.document())
}

struct Writer<'a> {
    process: &'a Process,
    foreign: &'a Foreign,
    native: bool,
    target: Target,
    /// For an engine: each conditional flow's condition in the engine's dialect.
    conditions: HashMap<Id, String>,
    /// For the plain export: each condition text already written in Python, and how.
    in_python: RefCell<HashMap<String, String>>,
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
    /// The nodes drawn on a collapsed sub-process's own plane (`map::on_own_planes`).
    own_planes: HashSet<Id>,
    /// Every id the export writes, when kept parts must be checked for references to elements
    /// deleted since the import (see `present`).
    present: Option<HashSet<String>>,
    /// Kept fragments that name nothing missing, written as they are without reading them again.
    whole: HashSet<&'a str>,
    /// Kept messages, signals, errors and escalations by id, and their ids by (element, value).
    roots: crate::bpmn::map::Roots,
    by_value: HashMap<(String, String), String>,
}

impl<'a> Writer<'a> {
    fn new(process: &'a Process, foreign: &'a Foreign, target: Target) -> Self {
        let mut pools = foreign.pools.clone();
        if pools.is_empty() {
            // A process drawn in Flowlane: a participant per pool, and one around the lanes
            // of no pool (all of them when it has no pools; its own beside partner pools).
            let own = format!("Participant_{}", process.id.simple());
            let unpooled =
                (process.lanes.iter()).any(|l| l.pool.is_none_or(|p| process.pool(p).is_none()));
            let mut keys: Vec<String> = Vec::new();
            if process.pools.is_empty() || unpooled {
                keys.push(own);
            }
            keys.extend(process.pools_in_order().iter().map(|p| written(p.id)));
            pools.extend(keys.into_iter().map(|key| KeptPool {
                key,
                ..KeptPool::default()
            }));
        }
        let mut lanes: BTreeMap<String, Vec<&Lane>> = BTreeMap::new();
        for lane in process.lanes_in_order() {
            let key = foreign
                .lanes
                .get(&lane.id)
                .map(|k| k.pool.clone())
                .or_else(|| lane.pool.map(written))
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
        let (roots, by_value) = events::kept_roots(foreign);
        Writer {
            roots,
            by_value,
            process,
            foreign,
            native: process.foreign.is_none(),
            target,
            conditions: HashMap::new(),
            in_python: RefCell::new(HashMap::new()),
            prefixes: document::prefixes(foreign, target),
            pools,
            lanes,
            tops: lane_tops(process),
            origins: lane_origins(process, process.foreign.as_ref()),
            nodes: process.nodes.iter().map(|n| (n.id, n)).collect(),
            incoming,
            outgoing,
            in_lane,
            own_planes: crate::bpmn::map::on_own_planes(process),
            present: None,
            whole: HashSet::new(),
        }
    }

    fn dialect(&self) -> Dialect {
        self.target.dialect()
    }

    fn participant_id(&self, pool: &KeptPool) -> String {
        pool.participant
            .as_ref()
            .and_then(|k| non_empty(&k.id))
            .unwrap_or_else(|| pool.key.clone())
    }

    /// The process a pool draws: the kept one; for a process drawn in Flowlane, its own for the
    /// first pool with lanes, one per further pool with lanes, none for a black box.
    fn process_id(&self, pool: &KeptPool) -> Option<String> {
        match &pool.process {
            Some(kept) => Some(kept.id.clone()),
            None if self.native => {
                let laned =
                    |p: &&KeptPool| self.lanes.contains_key(&p.key) || self.pools.len() == 1;
                let first = self.pools.iter().find(laned).map(|p| p.key.as_str());
                match self.model_pool(pool) {
                    _ if first == Some(pool.key.as_str()) => {
                        Some(format!("Process_{}", self.process.id.simple()))
                    }
                    Some(p) if laned(&pool) => Some(format!("Process_{}", p.id.simple())),
                    _ => None,
                }
            }
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

    fn lane_id(&self, lane: &Lane) -> String {
        let kept = self
            .foreign
            .lanes
            .get(&lane.id)
            .map_or("", |k| k.id.as_str());
        to_bpmn(lane.id, kept)
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

    fn collaboration_id(&self) -> String {
        match &self.foreign.collaboration {
            Some(c) => c.id.clone(),
            None => format!("Collaboration_{}", self.process.id.simple()),
        }
    }

    fn lane_set_id(&self, pool: &KeptPool) -> String {
        match &pool.lane_set {
            Some(s) => s.id.clone(),
            // The process's own lane set keeps the process's id; a partner's takes its pool's.
            None => match self.model_pool(pool) {
                Some(p) if self.process_id(pool) != Some(self.own_process_id()) => {
                    format!("LaneSet_{}", p.id.simple())
                }
                _ => format!("LaneSet_{}", self.process.id.simple()),
            },
        }
    }

    fn own_process_id(&self) -> String {
        format!("Process_{}", self.process.id.simple())
    }

    /// A pool is drawn as a participant when the file had one, and always for a process drawn
    /// in Flowlane.
    fn has_participant(&self, pool: &KeptPool) -> bool {
        pool.participant.is_some() || self.native
    }
}

fn attr(tag: &mut Tag, name: &str, value: &str) {
    tag.push_attribute((name, value));
}

/// A `flowlane:` attribute, written only when it says something.
fn own_attr(tag: &mut Tag, name: &str, value: &str) {
    if !value.is_empty() {
        attr(tag, &format!("flowlane:{name}"), value);
    }
}

/// The fields `table` stores as `flowlane:` attributes (see `crate::fields::Bpmn`), in table order.
fn own_fields<T>(tag: &mut Tag, table: &[FieldDef<T>], item: &T) {
    for own in own_attributes(table) {
        if let Some(text) = (own.write)(item) {
            own_attr(tag, own.name, &text);
        }
    }
}

/// Ids are optional on DI elements and the root; an imported element without one stays without.
fn optional_id(tag: &mut Tag, id: &str) {
    if !id.is_empty() {
        attr(tag, "id", id);
    }
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

/// Two spaces per level, as every export has been indented.
fn indent(out: &mut Xml, depth: usize) {
    out.raw(&"  ".repeat(depth));
}

/// Markup on a line of its own.
fn line(out: &mut Xml, depth: usize, xml: &str) {
    indent(out, depth);
    out.raw(xml);
    out.raw("\n");
}
