//! The merge itself, element kind by element kind: process info, variables, lanes, nodes,
//! flows, then layout, and finally dropping what refers to an element a choice deleted.

use std::collections::{BTreeMap, HashSet};

use super::sides::{Index, Ref, Sides, Slot};
use super::{Conflict, Side};
use crate::diff::fields::{compare, info_fields, lane_fields, node_fields, text, variable_fields};
use crate::diff::semantic::{DiffElement, DiffField, FieldChange};
use crate::model::{Bounds, Flow, Id, Lane, Layout, Node, NodeKind, Point, Process, Variable};

type Fields = Vec<(DiffField, Option<String>)>;

enum Take {
    Mine,
    Theirs,
    Conflict,
}

/// One side changed it: take that side; both changed it alike: take it once; else a conflict.
fn decide<T: PartialEq>(base: &T, mine: &T, theirs: &T) -> Take {
    if mine == theirs || theirs == base {
        Take::Mine
    } else if mine == base {
        Take::Theirs
    } else {
        Take::Conflict
    }
}

fn value(list: &Fields, field: DiffField) -> Option<String> {
    list.iter()
        .find(|(f, _)| *f == field)
        .and_then(|(_, v)| v.clone())
}

fn label(field: DiffField) -> String {
    serde_json::to_value(field)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn element_word(element: DiffElement) -> &'static str {
    match element {
        DiffElement::Process => "process",
        DiffElement::Variable => "variable",
        DiffElement::Lane => "lane",
        DiffElement::Node => "node",
        DiffElement::Flow => "flow",
    }
}

/// "name: A → B; assignee: X → Y": what one side changed on an element the other deleted.
fn changes_text(changes: &[FieldChange], touched: &str) -> String {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(empty)".into());
    let mut parts: Vec<String> = changes
        .iter()
        .map(|c| format!("{}: {} → {}", label(c.field), show(&c.old), show(&c.new)))
        .collect();
    if parts.is_empty() {
        parts.push(touched.to_string());
    }
    format!("kept, changed ({})", parts.join("; "))
}

fn lane_record(lane: &Lane) -> Fields {
    let mut fields = lane_fields(lane);
    fields.push((DiffField::Position, Some(lane.order.to_string())));
    fields
}

fn flow_words(flow: &Flow) -> Fields {
    vec![
        (DiffField::Label, text(&flow.label)),
        (DiffField::Condition, flow.condition.clone()),
        (DiffField::Default, Some(flow.default.to_string())),
    ]
}

fn bounds_text(b: &Bounds) -> String {
    format!("x={} y={} w={} h={}", b.x, b.y, b.w, b.h)
}

fn points_text(points: &[Point]) -> String {
    let list: Vec<String> = points
        .iter()
        .map(|p| format!("({}, {})", p.x, p.y))
        .collect();
    list.join(" ")
}

/// Copies one kind-specific field from `src` (the same kind of node) into `dst`.
fn copy_kind_field(dst: &mut NodeKind, src: &NodeKind, field: DiffField) {
    match (dst, src) {
        (NodeKind::End { outcome }, NodeKind::End { outcome: o }) => *outcome = o.clone(),
        (
            NodeKind::Task {
                assignee,
                duration,
                sla,
                description,
                outputs,
            },
            NodeKind::Task {
                assignee: a,
                duration: d,
                sla: s,
                description: ds,
                outputs: o,
            },
        ) => match field {
            DiffField::Assignee => *assignee = a.clone(),
            DiffField::Duration => *duration = *d,
            DiffField::Sla => *sla = *s,
            DiffField::Description => *description = ds.clone(),
            DiffField::Outputs => *outputs = o.clone(),
            _ => {}
        },
        (NodeKind::Gateway { gateway }, NodeKind::Gateway { gateway: g }) => *gateway = *g,
        (NodeKind::Timer { wait }, NodeKind::Timer { wait: w }) => *wait = *w,
        (
            NodeKind::Call { process, version },
            NodeKind::Call {
                process: p,
                version: v,
            },
        ) => match field {
            DiffField::Process => *process = *p,
            DiffField::Version => *version = *v,
            _ => {}
        },
        _ => {}
    }
}

pub(super) struct Merger<'a> {
    s: &'a Sides<'a>,
    base: Index<'a>,
    mine: Index<'a>,
    theirs: Index<'a>,
    choices: &'a BTreeMap<String, Side>,
    conflicts: Vec<Conflict>,
    /// Merged elements and the slot each came from, for their layout.
    kept_lanes: Vec<(Slot, Id)>,
    kept_nodes: Vec<(Slot, Id)>,
    kept_flows: Vec<(Slot, Id)>,
}

impl<'a> Merger<'a> {
    pub fn new(s: &'a Sides<'a>, choices: &'a BTreeMap<String, Side>) -> Self {
        Merger {
            s,
            base: Index::of(s.base),
            mine: Index::of(s.mine),
            theirs: Index::of(s.theirs),
            choices,
            conflicts: Vec::new(),
            kept_lanes: Vec::new(),
            kept_nodes: Vec::new(),
            kept_flows: Vec::new(),
        }
    }

    pub fn into_conflicts(self) -> Vec<Conflict> {
        self.conflicts
    }

    pub fn run(&mut self) -> Process {
        let mut info = self.info();
        info.variables = self.variables();
        let mut out = Process {
            schema: self.s.mine.schema,
            id: self.s.mine.id,
            info,
            lanes: self.lanes(),
            nodes: self.nodes(),
            flows: self.flows(),
            layout: Layout::default(),
        };
        out.layout = self.layout();
        drop_dangling(&mut out);
        out
    }

    /// Whether one side deleted an element of this kind that the other kept: only then are the
    /// (costly) "what did the other side put in it or connect to it" sets needed.
    fn any_one_sided(slots: &[Slot]) -> bool {
        slots
            .iter()
            .any(|s| s.base.is_some() && (s.mine.is_some() != s.theirs.is_some()))
    }

    /// Lists a conflict and returns the side chosen for it (mine until someone chooses).
    fn conflict(
        &mut self,
        element: DiffElement,
        anchor: &str,
        name: &str,
        field: &str,
        mine: Option<String>,
        theirs: Option<String>,
    ) -> Side {
        let key = format!("{}:{anchor}:{field}", element_word(element));
        let choice = self.choices.get(&key).copied();
        self.conflicts.push(Conflict {
            number: u32::try_from(self.conflicts.len() + 1).unwrap_or(u32::MAX),
            key,
            element,
            name: name.to_string(),
            field: field.to_string(),
            mine,
            theirs,
            choice,
        });
        choice.unwrap_or(Side::Mine)
    }

    /// Field by field; returns the fields to take from theirs.
    fn fieldwise(
        &mut self,
        element: DiffElement,
        anchor: &str,
        name: &str,
        (b, m, t): (&Fields, &Fields, &Fields),
    ) -> Vec<DiffField> {
        let mut fields: Vec<DiffField> = b.iter().chain(m).chain(t).map(|(f, _)| *f).collect();
        fields.sort();
        fields.dedup();
        let mut take = Vec::new();
        for field in fields {
            let (vb, vm, vt) = (value(b, field), value(m, field), value(t, field));
            match decide(&vb, &vm, &vt) {
                Take::Mine => {}
                Take::Theirs => take.push(field),
                Take::Conflict => {
                    if self.conflict(element, anchor, name, &label(field), vm, vt) == Side::Theirs {
                        take.push(field);
                    }
                }
            }
        }
        take
    }

    /// An element one side deleted and the other changed: keep it (`true`) or not.
    fn deleted_or_kept(
        &mut self,
        element: DiffElement,
        anchor: Id,
        name: &str,
        kept_by: Side,
        what_changed: String,
    ) -> bool {
        let (mine, theirs) = match kept_by {
            Side::Mine => (Some(what_changed), None),
            Side::Theirs => (None, Some(what_changed)),
        };
        self.conflict(element, &anchor.to_string(), name, "deleted", mine, theirs) == kept_by
    }

    fn info(&mut self) -> crate::model::ProcessInfo {
        let (b, m, t) = (&self.s.base.info, &self.s.mine.info, &self.s.theirs.info);
        let fields = (&info_fields(b), &info_fields(m), &info_fields(t));
        let anchor = self.s.base.id.to_string();
        let mut out = m.clone();
        for field in self.fieldwise(DiffElement::Process, &anchor, &m.name, fields) {
            match field {
                DiffField::Name => out.name = t.name.clone(),
                DiffField::Outcome => out.outcome = t.outcome.clone(),
                DiffField::Category => out.category = t.category,
                DiffField::Owner => out.owner = t.owner.clone(),
                DiffField::Sla => out.sla = t.sla,
                _ => {}
            }
        }
        out
    }

    fn variables(&mut self) -> Vec<Variable> {
        let find = |p: &'a Process, name: &str| p.info.variables.iter().find(|v| v.name == name);
        let mut names: Vec<&str> = [self.s.base, self.s.mine, self.s.theirs]
            .iter()
            .flat_map(|p| p.info.variables.iter().map(|v| v.name.as_str()))
            .collect();
        names.sort_unstable();
        names.dedup();
        let mut out = Vec::new();
        for name in names {
            let (b, m, t) = (
                find(self.s.base, name),
                find(self.s.mine, name),
                find(self.s.theirs, name),
            );
            let flat = |v: Option<&Variable>| v.map(variable_fields).unwrap_or_default();
            let kept = match (b, m, t) {
                (_, Some(m), Some(t)) => {
                    let mut v = m.clone();
                    let fields = (&flat(b), &flat(Some(m)), &flat(Some(t)));
                    for field in self.fieldwise(DiffElement::Variable, name, name, fields) {
                        match field {
                            DiffField::Type => v.var_type = t.var_type,
                            DiffField::Description => v.description = t.description.clone(),
                            _ => {}
                        }
                    }
                    Some(v)
                }
                (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                    let changes = compare(&variable_fields(b), &variable_fields(kept));
                    let side = if m.is_some() {
                        Side::Mine
                    } else {
                        Side::Theirs
                    };
                    let keep = !changes.is_empty()
                        && self.deleted_or_kept_named(
                            DiffElement::Variable,
                            name,
                            side,
                            changes_text(&changes, ""),
                        );
                    keep.then(|| kept.clone())
                }
                (None, Some(v), None) | (None, None, Some(v)) => Some(v.clone()),
                _ => None,
            };
            out.extend(kept);
        }
        out
    }

    /// `deleted_or_kept` for elements named rather than identified (variables).
    fn deleted_or_kept_named(
        &mut self,
        element: DiffElement,
        name: &str,
        kept_by: Side,
        what_changed: String,
    ) -> bool {
        let (mine, theirs) = match kept_by {
            Side::Mine => (Some(what_changed), None),
            Side::Theirs => (None, Some(what_changed)),
        };
        self.conflict(element, name, name, "deleted", mine, theirs) == kept_by
    }

    /// Base lanes a side put new, moved or changed nodes in.
    fn lanes_touched(&self, side: Side) -> HashSet<Id> {
        let (p, pairs) = match side {
            Side::Mine => (self.s.mine, &self.s.to_mine),
            Side::Theirs => (self.s.theirs, &self.s.to_theirs),
        };
        let mut touched = HashSet::new();
        for n in &p.nodes {
            let changed = match pairs
                .nodes
                .old_of(n.id)
                .and_then(|b| self.base.nodes.get(&b))
            {
                None => true,
                Some(b) => {
                    pairs.lanes.old_of(n.lane) != Some(b.lane)
                        || !compare(&node_fields(b), &node_fields(n)).is_empty()
                }
            };
            if let (true, Some(lane)) = (changed, pairs.lanes.old_of(n.lane)) {
                touched.insert(lane);
            }
        }
        touched
    }

    /// Base nodes a side connected with new or changed flows.
    fn nodes_touched(&self, side: Side) -> HashSet<Id> {
        let (p, pairs) = match side {
            Side::Mine => (self.s.mine, &self.s.to_mine),
            Side::Theirs => (self.s.theirs, &self.s.to_theirs),
        };
        let mut touched = HashSet::new();
        for f in &p.flows {
            let changed = match pairs
                .flows
                .old_of(f.id)
                .and_then(|b| self.base.flows.get(&b))
            {
                None => true,
                Some(b) => {
                    pairs.nodes.old_of(f.source) != Some(b.source)
                        || pairs.nodes.old_of(f.target) != Some(b.target)
                        || flow_words(b) != flow_words(f)
                }
            };
            if changed {
                for end in [f.source, f.target] {
                    touched.extend(pairs.nodes.old_of(end));
                }
            }
        }
        touched
    }

    fn lanes(&mut self) -> Vec<Lane> {
        let slots = self.s.lane_slots();
        let (touched_mine, touched_theirs) = if Self::any_one_sided(&slots) {
            (
                self.lanes_touched(Side::Mine),
                self.lanes_touched(Side::Theirs),
            )
        } else {
            (HashSet::new(), HashSet::new())
        };
        let mut out = Vec::new();
        for slot in slots {
            let b = slot.base.and_then(|id| self.base.lanes.get(&id).copied());
            let m = slot.mine.and_then(|id| self.mine.lanes.get(&id).copied());
            let t = slot
                .theirs
                .and_then(|id| self.theirs.lanes.get(&id).copied());
            let kept = match (b, m, t) {
                // Unchanged on one side: the other side's lane as it is.
                (Some(b), Some(m), Some(_)) if Some(b) == t => Some(m.clone()),
                (Some(b), Some(m), Some(t)) if b == m && m.id == t.id => Some(t.clone()),
                (Some(b), Some(m), Some(t)) => {
                    let mut lane = m.clone();
                    let fields = (&lane_record(b), &lane_record(m), &lane_record(t));
                    let anchor = b.id.to_string();
                    for field in self.fieldwise(DiffElement::Lane, &anchor, &m.name, fields) {
                        match field {
                            DiffField::Name => lane.name = t.name.clone(),
                            DiffField::Team => lane.team = t.team.clone(),
                            DiffField::Trigger => lane.trigger = t.trigger.clone(),
                            DiffField::Output => lane.output = t.output.clone(),
                            DiffField::Position => lane.order = t.order,
                            _ => {}
                        }
                    }
                    Some(lane)
                }
                (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                    let side = if m.is_some() {
                        Side::Mine
                    } else {
                        Side::Theirs
                    };
                    let touched = match side {
                        Side::Mine => touched_mine.contains(&b.id),
                        Side::Theirs => touched_theirs.contains(&b.id),
                    };
                    let changes = compare(&lane_fields(b), &lane_fields(kept));
                    let keep = (touched || !changes.is_empty())
                        && self.deleted_or_kept(
                            DiffElement::Lane,
                            b.id,
                            &kept.name,
                            side,
                            changes_text(&changes, "steps added, moved into it or changed"),
                        );
                    keep.then(|| kept.clone())
                }
                (None, Some(m), Some(t)) => {
                    let mut lane = m.clone();
                    let fields = (&Vec::new(), &lane_record(m), &lane_record(t));
                    let anchor = m.id.to_string();
                    for field in self.fieldwise(DiffElement::Lane, &anchor, &m.name, fields) {
                        match field {
                            DiffField::Name => lane.name = t.name.clone(),
                            DiffField::Team => lane.team = t.team.clone(),
                            DiffField::Trigger => lane.trigger = t.trigger.clone(),
                            DiffField::Output => lane.output = t.output.clone(),
                            DiffField::Position => lane.order = t.order,
                            _ => {}
                        }
                    }
                    Some(lane)
                }
                (None, Some(l), None) | (None, None, Some(l)) => Some(l.clone()),
                _ => None,
            };
            if let Some(lane) = kept {
                self.kept_lanes.push((slot, lane.id));
                out.push(lane);
            }
        }
        out
    }

    fn lane_name(&self, side: Side, id: Id) -> String {
        let index = match side {
            Side::Mine => &self.mine,
            Side::Theirs => &self.theirs,
        };
        index
            .lanes
            .get(&id)
            .map_or_else(|| id.to_string(), |l| l.name.clone())
    }

    fn merge_node(&mut self, b: &Node, m: &Node, t: &Node) -> Node {
        let mut node = m.clone();
        let anchor = b.id.to_string();
        let lanes = (
            Ref::Base(b.lane),
            self.s.mine_lane(m.lane),
            self.s.theirs_lane(t.lane),
        );
        match decide(&lanes.0, &lanes.1, &lanes.2) {
            Take::Mine => {}
            Take::Theirs => node.lane = self.s.lane_from_theirs(t.lane),
            Take::Conflict => {
                let (mine, theirs) = (
                    self.lane_name(Side::Mine, m.lane),
                    self.lane_name(Side::Theirs, t.lane),
                );
                if self.conflict(
                    DiffElement::Node,
                    &anchor,
                    &m.name,
                    "lane",
                    Some(mine),
                    Some(theirs),
                ) == Side::Theirs
                {
                    node.lane = self.s.lane_from_theirs(t.lane);
                }
            }
        }
        let (fb, fm, ft) = (node_fields(b), node_fields(m), node_fields(t));
        let kinds = (
            value(&fb, DiffField::Kind),
            value(&fm, DiffField::Kind),
            value(&ft, DiffField::Kind),
        );
        if kinds.0 == kinds.1 && kinds.1 == kinds.2 {
            for field in self.fieldwise(DiffElement::Node, &anchor, &m.name, (&fb, &fm, &ft)) {
                match field {
                    DiffField::Name => node.name = t.name.clone(),
                    other => copy_kind_field(&mut node.kind, &t.kind, other),
                }
            }
        } else {
            // A kind change takes the kind-specific fields with it: they are one choice.
            let name_only = |f: &Fields| -> Fields {
                f.iter()
                    .filter(|(k, _)| *k == DiffField::Name)
                    .cloned()
                    .collect()
            };
            if !self
                .fieldwise(
                    DiffElement::Node,
                    &anchor,
                    &m.name,
                    (&name_only(&fb), &name_only(&fm), &name_only(&ft)),
                )
                .is_empty()
            {
                node.name = t.name.clone();
            }
            let take_theirs = match decide(&b.kind, &m.kind, &t.kind) {
                Take::Mine => false,
                Take::Theirs => true,
                Take::Conflict => {
                    let show = |f: &Fields| {
                        let parts: Vec<String> = f
                            .iter()
                            .filter(|(k, _)| *k != DiffField::Name)
                            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{}={v}", label(*k))))
                            .collect();
                        parts.join(" ")
                    };
                    self.conflict(
                        DiffElement::Node,
                        &anchor,
                        &m.name,
                        "kind",
                        Some(show(&fm)),
                        Some(show(&ft)),
                    ) == Side::Theirs
                }
            };
            if take_theirs {
                node.kind = t.kind.clone();
            }
        }
        node
    }

    /// A node both sides have and the base lacks: where they differ, each field is a conflict.
    fn merge_node_added_twice(&mut self, m: &Node, t: &Node) -> Node {
        let mut node = m.clone();
        let anchor = m.id.to_string();
        let theirs_lane = self.s.lane_from_theirs(t.lane);
        if m.lane != theirs_lane {
            let (mine, theirs) = (
                self.lane_name(Side::Mine, m.lane),
                self.lane_name(Side::Theirs, t.lane),
            );
            if self.conflict(
                DiffElement::Node,
                &anchor,
                &m.name,
                "lane",
                Some(mine),
                Some(theirs),
            ) == Side::Theirs
            {
                node.lane = theirs_lane;
            }
        }
        let (fm, ft) = (node_fields(m), node_fields(t));
        if value(&fm, DiffField::Kind) == value(&ft, DiffField::Kind) {
            for field in
                self.fieldwise(DiffElement::Node, &anchor, &m.name, (&Vec::new(), &fm, &ft))
            {
                match field {
                    DiffField::Name => node.name = t.name.clone(),
                    other => copy_kind_field(&mut node.kind, &t.kind, other),
                }
            }
        } else {
            let kinds = (
                Some(m.kind.label().to_string()),
                Some(t.kind.label().to_string()),
            );
            if self.conflict(
                DiffElement::Node,
                &anchor,
                &m.name,
                "kind",
                kinds.0,
                kinds.1,
            ) == Side::Theirs
            {
                node = t.clone();
                node.lane = if node.lane == t.lane {
                    theirs_lane
                } else {
                    node.lane
                };
            }
        }
        node
    }

    fn nodes(&mut self) -> Vec<Node> {
        let slots = self.s.node_slots();
        let (touched_mine, touched_theirs) = if Self::any_one_sided(&slots) {
            (
                self.nodes_touched(Side::Mine),
                self.nodes_touched(Side::Theirs),
            )
        } else {
            (HashSet::new(), HashSet::new())
        };
        let mut out = Vec::new();
        for slot in slots {
            let b = slot.base.and_then(|id| self.base.nodes.get(&id).copied());
            let m = slot.mine.and_then(|id| self.mine.nodes.get(&id).copied());
            let t = slot
                .theirs
                .and_then(|id| self.theirs.nodes.get(&id).copied());
            let kept = match (b, m, t) {
                // Unchanged on theirs (same ids, so the same lane): mine as it is.
                (Some(b), Some(m), Some(_)) if Some(b) == t => Some(m.clone()),
                (Some(b), Some(m), Some(t)) => Some(self.merge_node(b, m, t)),
                (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                    let side = if m.is_some() {
                        Side::Mine
                    } else {
                        Side::Theirs
                    };
                    let (touched, lane) = match side {
                        Side::Mine => (touched_mine.contains(&b.id), self.s.mine_lane(kept.lane)),
                        Side::Theirs => (
                            touched_theirs.contains(&b.id),
                            self.s.theirs_lane(kept.lane),
                        ),
                    };
                    let changes = compare(&node_fields(b), &node_fields(kept));
                    let moved = lane != Ref::Base(b.lane);
                    let mut what = changes_text(&changes, "connected by new or changed flows");
                    if moved {
                        what = format!("{what}; moved to lane {}", self.lane_name(side, kept.lane));
                    }
                    let keep = (touched || moved || !changes.is_empty())
                        && self.deleted_or_kept(DiffElement::Node, b.id, &kept.name, side, what);
                    keep.then(|| {
                        let mut node = kept.clone();
                        if side == Side::Theirs {
                            node.lane = self.s.lane_from_theirs(node.lane);
                        }
                        node
                    })
                }
                (None, Some(m), Some(t)) => Some(self.merge_node_added_twice(m, t)),
                (None, Some(n), None) => Some(n.clone()),
                (None, None, Some(n)) => {
                    let mut node = n.clone();
                    node.lane = self.s.lane_from_theirs(n.lane);
                    Some(node)
                }
                _ => None,
            };
            if let Some(node) = kept {
                self.kept_nodes.push((slot, node.id));
                out.push(node);
            }
        }
        out
    }

    fn node_name(&self, side: Side, id: Id) -> String {
        let index = match side {
            Side::Mine => &self.mine,
            Side::Theirs => &self.theirs,
        };
        index
            .nodes
            .get(&id)
            .map_or_else(|| id.to_string(), |n| n.name.clone())
    }

    /// A flow as theirs has it, with ends written in merged ids.
    fn theirs_flow(&self, t: &Flow) -> Flow {
        let mut flow = t.clone();
        flow.source = self.s.node_from_theirs(t.source);
        flow.target = self.s.node_from_theirs(t.target);
        flow
    }

    fn merge_flow(&mut self, b: &Flow, m: &Flow, t: &Flow) -> Flow {
        let mut flow = m.clone();
        let anchor = b.id.to_string();
        let name = format!(
            "{} → {}",
            self.node_name(Side::Mine, m.source),
            self.node_name(Side::Mine, m.target)
        );
        for (field, eb, em, et) in [
            (
                DiffField::Source,
                b.source,
                self.s.mine_node(m.source),
                self.s.theirs_node(t.source),
            ),
            (
                DiffField::Target,
                b.target,
                self.s.mine_node(m.target),
                self.s.theirs_node(t.target),
            ),
        ] {
            let theirs_end = if field == DiffField::Source {
                t.source
            } else {
                t.target
            };
            let mine_end = if field == DiffField::Source {
                m.source
            } else {
                m.target
            };
            let take = match decide(&Ref::Base(eb), &em, &et) {
                Take::Mine => false,
                Take::Theirs => true,
                Take::Conflict => {
                    let (mine, theirs) = (
                        self.node_name(Side::Mine, mine_end),
                        self.node_name(Side::Theirs, theirs_end),
                    );
                    self.conflict(
                        DiffElement::Flow,
                        &anchor,
                        &name,
                        &label(field),
                        Some(mine),
                        Some(theirs),
                    ) == Side::Theirs
                }
            };
            if take {
                let end = self.s.node_from_theirs(theirs_end);
                if field == DiffField::Source {
                    flow.source = end;
                } else {
                    flow.target = end;
                }
            }
        }
        let words = (&flow_words(b), &flow_words(m), &flow_words(t));
        for field in self.fieldwise(DiffElement::Flow, &anchor, &name, words) {
            match field {
                DiffField::Label => flow.label = t.label.clone(),
                DiffField::Condition => flow.condition = t.condition.clone(),
                DiffField::Default => flow.default = t.default,
                _ => {}
            }
        }
        flow
    }

    /// A flow both sides have and the base lacks: differing ends and words are conflicts.
    fn merge_flow_added_twice(&mut self, m: &Flow, t: &Flow) -> Flow {
        let mut flow = m.clone();
        let anchor = m.id.to_string();
        let name = format!(
            "{} → {}",
            self.node_name(Side::Mine, m.source),
            self.node_name(Side::Mine, m.target)
        );
        let theirs = self.theirs_flow(t);
        for (field, mine_end, theirs_end, raw) in [
            (DiffField::Source, m.source, theirs.source, t.source),
            (DiffField::Target, m.target, theirs.target, t.target),
        ] {
            if mine_end != theirs_end {
                let values = (
                    Some(self.node_name(Side::Mine, mine_end)),
                    Some(self.node_name(Side::Theirs, raw)),
                );
                if self.conflict(
                    DiffElement::Flow,
                    &anchor,
                    &name,
                    &label(field),
                    values.0,
                    values.1,
                ) == Side::Theirs
                {
                    if field == DiffField::Source {
                        flow.source = theirs_end;
                    } else {
                        flow.target = theirs_end;
                    }
                }
            }
        }
        let words = (&Vec::new(), &flow_words(m), &flow_words(t));
        for field in self.fieldwise(DiffElement::Flow, &anchor, &name, words) {
            match field {
                DiffField::Label => flow.label = t.label.clone(),
                DiffField::Condition => flow.condition = t.condition.clone(),
                DiffField::Default => flow.default = t.default,
                _ => {}
            }
        }
        flow
    }

    fn flows(&mut self) -> Vec<Flow> {
        let mut out = Vec::new();
        for slot in self.s.flow_slots() {
            let b = slot.base.and_then(|id| self.base.flows.get(&id).copied());
            let m = slot.mine.and_then(|id| self.mine.flows.get(&id).copied());
            let t = slot
                .theirs
                .and_then(|id| self.theirs.flows.get(&id).copied());
            let kept = match (b, m, t) {
                // Unchanged on theirs (same ids, so the same ends): mine as it is.
                (Some(b), Some(m), Some(_)) if Some(b) == t => Some(m.clone()),
                (Some(b), Some(m), Some(t)) => Some(self.merge_flow(b, m, t)),
                (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                    let side = if m.is_some() {
                        Side::Mine
                    } else {
                        Side::Theirs
                    };
                    let (source, target) = match side {
                        Side::Mine => {
                            (self.s.mine_node(kept.source), self.s.mine_node(kept.target))
                        }
                        Side::Theirs => (
                            self.s.theirs_node(kept.source),
                            self.s.theirs_node(kept.target),
                        ),
                    };
                    let ends_changed =
                        source != Ref::Base(b.source) || target != Ref::Base(b.target);
                    let changes = compare(&flow_words(b), &flow_words(kept));
                    let name = format!(
                        "{} → {}",
                        self.node_name(side, kept.source),
                        self.node_name(side, kept.target)
                    );
                    let keep = (ends_changed || !changes.is_empty())
                        && self.deleted_or_kept(
                            DiffElement::Flow,
                            b.id,
                            &name,
                            side,
                            changes_text(&changes, "reconnected"),
                        );
                    keep.then(|| match side {
                        Side::Mine => kept.clone(),
                        Side::Theirs => self.theirs_flow(kept),
                    })
                }
                (None, Some(m), Some(t)) => Some(self.merge_flow_added_twice(m, t)),
                (None, Some(f), None) => Some(f.clone()),
                (None, None, Some(f)) => Some(self.theirs_flow(f)),
                _ => None,
            };
            if let Some(flow) = kept {
                self.kept_flows.push((slot, flow.id));
                out.push(flow);
            }
        }
        out
    }

    /// One layout value of a kept element: three-way when both sides have the element, else
    /// the value of the side that has it.
    #[allow(clippy::too_many_arguments)]
    fn layout_value<T: Clone + PartialEq>(
        &mut self,
        slot: &Slot,
        element: DiffElement,
        name: &str,
        field: &str,
        (b, m, t): (Option<&T>, Option<&T>, Option<&T>),
        show: impl Fn(&T) -> String,
    ) -> Option<T> {
        match (slot.mine.is_some(), slot.theirs.is_some()) {
            (true, true) => match decide(&b, &m, &t) {
                Take::Mine => m.cloned(),
                Take::Theirs => t.cloned(),
                Take::Conflict => {
                    let anchor = slot.anchor().to_string();
                    let choice =
                        self.conflict(element, &anchor, name, field, m.map(&show), t.map(&show));
                    if choice == Side::Theirs {
                        t.cloned()
                    } else {
                        m.cloned()
                    }
                }
            },
            (true, false) => m.cloned(),
            (false, true) => t.cloned(),
            (false, false) => None,
        }
    }

    fn layout(&mut self) -> Layout {
        let (lb, lm, lt) = (
            &self.s.base.layout,
            &self.s.mine.layout,
            &self.s.theirs.layout,
        );
        let mut out = Layout::default();
        for (slot, id) in self.kept_nodes.clone() {
            let name = self
                .mine
                .nodes
                .get(&id)
                .or_else(|| self.theirs.nodes.get(&id))
                .map_or_else(String::new, |n| n.name.clone());
            let values = (
                slot.base.and_then(|i| lb.nodes.get(&i)),
                slot.mine.and_then(|i| lm.nodes.get(&i)),
                slot.theirs.and_then(|i| lt.nodes.get(&i)),
            );
            let bounds = self.layout_value(
                &slot,
                DiffElement::Node,
                &name,
                "bounds",
                values,
                bounds_text,
            );
            if let Some(bounds) = bounds {
                out.nodes.insert(id, bounds);
            }
        }
        for (slot, id) in self.kept_lanes.clone() {
            let name = self
                .mine
                .lanes
                .get(&id)
                .or_else(|| self.theirs.lanes.get(&id))
                .map_or_else(String::new, |l| l.name.clone());
            let values = (
                slot.base.and_then(|i| lb.lanes.get(&i)),
                slot.mine.and_then(|i| lm.lanes.get(&i)),
                slot.theirs.and_then(|i| lt.lanes.get(&i)),
            );
            let height = self.layout_value(
                &slot,
                DiffElement::Lane,
                &name,
                "height",
                values,
                |h: &f64| h.to_string(),
            );
            if let Some(height) = height {
                out.lanes.insert(id, height);
            }
        }
        for (slot, id) in self.kept_flows.clone() {
            let values = (
                slot.base.and_then(|i| lb.flows.get(&i)),
                slot.mine.and_then(|i| lm.flows.get(&i)),
                slot.theirs.and_then(|i| lt.flows.get(&i)),
            );
            let name = self
                .mine
                .flows
                .get(&id)
                .map(|f| (Side::Mine, *f))
                .or_else(|| self.theirs.flows.get(&id).map(|f| (Side::Theirs, *f)))
                .map_or_else(String::new, |(side, f)| {
                    format!(
                        "{} → {}",
                        self.node_name(side, f.source),
                        self.node_name(side, f.target)
                    )
                });
            let points = self.layout_value(
                &slot,
                DiffElement::Flow,
                &name,
                "waypoints",
                values,
                |p: &Vec<Point>| points_text(p),
            );
            if let Some(points) = points {
                out.flows.insert(id, points);
            }
        }
        out
    }
}

/// Drops what refers to an element that a choice deleted: nodes of a deleted lane, flows of a
/// deleted node, layout of anything gone. Only choices delete, so nothing goes unasked.
fn drop_dangling(p: &mut Process) {
    let lanes: HashSet<Id> = p.lanes.iter().map(|l| l.id).collect();
    p.nodes.retain(|n| lanes.contains(&n.lane));
    let nodes: HashSet<Id> = p.nodes.iter().map(|n| n.id).collect();
    p.flows
        .retain(|f| nodes.contains(&f.source) && nodes.contains(&f.target));
    let flows: HashSet<Id> = p.flows.iter().map(|f| f.id).collect();
    p.layout.nodes.retain(|id, _| nodes.contains(id));
    p.layout.lanes.retain(|id, _| lanes.contains(id));
    p.layout.flows.retain(|id, _| flows.contains(id));
}
