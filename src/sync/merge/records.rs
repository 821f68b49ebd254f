//! The merge itself, element kind by element kind: process info, variables and lanes here,
//! nodes and flows in `graph.rs`, what a deletion takes along in `dependents.rs`, layout in
//! `positions.rs`; finally what refers to an element a choice deleted is dropped.

use std::collections::{HashMap, HashSet};

use super::sides::{Index, Sides, Slot};
use super::values::{changes_text, decide, element_word, label, lane_record, value, Fields, Take};
use super::{Choices, Conflict, People, Side};
use crate::describe::{called, ProcessNames};
use crate::diff::fields::{compare, info_fields, lane_fields, node_fields, variable_fields};
use crate::diff::semantic::{DiffElement, DiffField};
use crate::fields;
use crate::model::{Id, Lane, Layout, NodeKind, Process, Variable};

pub(super) struct Merger<'a> {
    pub(super) s: &'a Sides<'a>,
    pub(super) base: Index<'a>,
    pub(super) mine: Index<'a>,
    pub(super) theirs: Index<'a>,
    pub(super) choices: &'a Choices,
    pub(super) people: &'a People,
    /// The library's process names, for the process a call runs; none without a library.
    pub(super) library: Option<&'a ProcessNames>,
    pub(super) conflicts: Vec<Conflict>,
    /// Lanes and steps one side deleted and the other kept, for `dependents.rs`.
    pub(super) lane_deletions: Vec<Deletion>,
    pub(super) node_deletions: Vec<Deletion>,
    /// Merged elements and the slot each came from, for their layout.
    pub(super) kept_lanes: Vec<(Slot, Id)>,
    pub(super) kept_nodes: Vec<(Slot, Id)>,
    pub(super) kept_flows: Vec<(Slot, Id)>,
}

/// A lane or step one side deleted while the other kept it: the deletion conflict's index, the
/// element as kept (merged id), its base id, who kept it and whether the deletion is chosen.
pub(super) struct Deletion {
    pub conflict: usize,
    pub id: Id,
    pub base: Id,
    pub name: String,
    pub keeper: Side,
    pub deleted: bool,
    /// The lane as kept (lane deletions only), to restore when its steps have nowhere to go.
    pub lane: Option<Lane>,
}

impl<'a> Merger<'a> {
    pub fn new(
        s: &'a Sides<'a>,
        choices: &'a Choices,
        people: &'a People,
        library: Option<&'a ProcessNames>,
    ) -> Self {
        Merger {
            s,
            base: Index::of(s.base),
            mine: Index::of(s.mine),
            theirs: Index::of(s.theirs),
            choices,
            people,
            library,
            conflicts: Vec::new(),
            lane_deletions: Vec::new(),
            node_deletions: Vec::new(),
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
            pools: self.pools(),
            messages: self.messages(),
            artifacts: self.artifacts(),
            associations: self.associations(),
            layout: Layout::default(),
            // What Flowlane does not model (kept from an imported BPMN file) follows my side.
            foreign: self.s.mine.foreign.clone(),
        };
        self.settle(&mut out);
        distinct_orders(&mut out.lanes);
        out.layout = self.layout();
        drop_dangling(&mut out);
        out
    }

    /// An element on each side that has it, looked up in `elements` of that side's index.
    pub(super) fn records<T>(
        &self,
        slot: &Slot,
        elements: impl for<'i> Fn(&'i Index<'a>) -> &'i HashMap<Id, &'a T>,
    ) -> (Option<&'a T>, Option<&'a T>, Option<&'a T>) {
        let get =
            |index: &Index<'a>, id: Option<Id>| id.and_then(|id| elements(index).get(&id).copied());
        (
            get(&self.base, slot.base),
            get(&self.mine, slot.mine),
            get(&self.theirs, slot.theirs),
        )
    }

    /// What each side put in or connected to base elements (`touched_by` a side), mine first.
    /// Only needed when one side deleted an element the other kept, so the (costly) sets are
    /// worked out only then.
    pub(super) fn touched(
        &self,
        slots: &[Slot],
        touched_by: fn(&Self, Side) -> HashSet<Id>,
    ) -> (HashSet<Id>, HashSet<Id>) {
        let any_one_sided = slots
            .iter()
            .any(|s| s.base.is_some() && (s.mine.is_some() != s.theirs.is_some()));
        if any_one_sided {
            (touched_by(self, Side::Mine), touched_by(self, Side::Theirs))
        } else {
            (HashSet::new(), HashSet::new())
        }
    }

    /// Lists a conflict and returns the side chosen for it (mine until someone chooses).
    pub(super) fn conflict(
        &mut self,
        element: DiffElement,
        anchor: &str,
        name: &str,
        field: &str,
        mine: Option<String>,
        theirs: Option<String>,
    ) -> Side {
        let key = format!("{}:{anchor}:{field}", element_word(element));
        // An unnamed element is described as mine (else theirs) reads it.
        let described = anchor.parse::<Id>().ok().and_then(|id| {
            let label = self
                .mine
                .names
                .get(id)
                .or_else(|| self.theirs.names.get(id))?;
            Some(label.text.clone())
        });
        let name = match described {
            Some(text) if name.trim().is_empty() => text,
            _ => name.to_string(),
        };
        let choice = self.choices.sides.get(&key).copied();
        let (mine, theirs) = (mine.map(|v| self.shown(v)), theirs.map(|v| self.shown(v)));
        self.conflicts.push(Conflict {
            number: u32::try_from(self.conflicts.len() + 1).unwrap_or(u32::MAX),
            key,
            element,
            anchor: anchor.to_string(),
            name,
            field: field.to_string(),
            mine,
            theirs,
            choice,
            dependents: Vec::new(),
            consequence: None,
            fate: None,
            needs_confirmation: false,
        });
        choice.unwrap_or(Side::Mine)
    }

    /// A value as a conflict shows it: an element's id (a host, a sub-process) as mine, theirs
    /// or the base reads it, a called process's id as `describe::called` names it; any other
    /// value as it is.
    pub(super) fn shown(&self, value: String) -> String {
        let Ok(id) = value.parse::<Id>() else {
            return value;
        };
        let sides = [
            (&self.mine, self.s.mine),
            (&self.theirs, self.s.theirs),
            (&self.base, self.s.base),
        ];
        if let Some(label) = sides.iter().find_map(|(index, _)| index.names.get(id)) {
            return label.text.clone();
        }
        let calling = |p: &'a Process| {
            let call = (p.nodes.iter())
                .find(|n| matches!(n.kind, NodeKind::Call { process, .. } if process == id))?;
            called(p, call, self.library)
        };
        sides
            .iter()
            .find_map(|(_, p)| calling(p))
            .map_or(value, |(_, label)| label.text)
    }

    /// Field by field; returns the fields to take from theirs.
    pub(super) fn fieldwise(
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

    /// The deletion conflict listed last, of the element `base` kept by `keeper` as `id`.
    pub(super) fn deletion(
        &self,
        base: Id,
        id: Id,
        name: &str,
        keeper: Side,
        deleted: bool,
    ) -> Deletion {
        Deletion {
            conflict: self.conflicts.len() - 1,
            id,
            base,
            name: name.to_string(),
            keeper,
            deleted,
            lane: None,
        }
    }

    /// An element one side deleted and the other changed: keep it (`true`) or not.
    pub(super) fn deleted_or_kept(
        &mut self,
        element: DiffElement,
        anchor: &str,
        name: &str,
        kept_by: Side,
        what_changed: String,
    ) -> bool {
        let (mine, theirs) = match kept_by {
            Side::Mine => (Some(what_changed), None),
            Side::Theirs => (None, Some(what_changed)),
        };
        self.conflict(element, anchor, name, "deleted", mine, theirs) == kept_by
    }

    fn info(&mut self) -> crate::model::ProcessInfo {
        let (b, m, t) = (&self.s.base.info, &self.s.mine.info, &self.s.theirs.info);
        let fields = (&info_fields(b), &info_fields(m), &info_fields(t));
        let anchor = self.s.base.id.to_string();
        let mut out = m.clone();
        for field in self.fieldwise(DiffElement::Process, &anchor, &m.name, fields) {
            fields::copy(&fields::INFO, &mut out, t, field);
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
                        fields::copy(&fields::VARIABLE, &mut v, t, field);
                    }
                    Some(v)
                }
                (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                    let changes = compare(&variable_fields(b), &variable_fields(kept));
                    let keep = !changes.is_empty()
                        && self.deleted_or_kept(
                            DiffElement::Variable,
                            name,
                            name,
                            kept_by(m),
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

    /// Base lanes a side put new, moved or changed nodes in, or whose nodes it connected anew
    /// (deleting the lane would take that work along).
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
        for node in self.nodes_touched(side) {
            touched.extend(self.base.nodes.get(&node).map(|n| n.lane));
        }
        touched
    }

    fn lanes(&mut self) -> Vec<Lane> {
        let slots = self.s.lane_slots();
        let (touched_mine, touched_theirs) = self.touched(&slots, Self::lanes_touched);
        let mut out = Vec::new();
        for slot in slots {
            let (b, m, t) = self.records(&slot, |side| &side.lanes);
            let kept = match (b, m, t) {
                // Unchanged on one side: the other side's lane as it is.
                (Some(b), Some(m), Some(_)) if Some(b) == t => Some(m.clone()),
                (Some(b), Some(m), Some(t)) if b == m && m.id == t.id => Some(t.clone()),
                (Some(b), Some(m), Some(t)) => Some(self.merge_lane(b.id, &lane_record(b), m, t)),
                (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                    let side = kept_by(m);
                    let touched = match side {
                        Side::Mine => touched_mine.contains(&b.id),
                        Side::Theirs => touched_theirs.contains(&b.id),
                    };
                    let changes = compare(&lane_fields(b), &lane_fields(kept));
                    let conflicted = touched || !changes.is_empty();
                    let keep = conflicted
                        && self.deleted_or_kept(
                            DiffElement::Lane,
                            &b.id.to_string(),
                            &kept.name,
                            side,
                            changes_text(&changes, "steps added, moved into it or changed"),
                        );
                    if conflicted {
                        let deletion = Deletion {
                            lane: Some(kept.clone()),
                            ..self.deletion(b.id, kept.id, &kept.name, side, !keep)
                        };
                        self.lane_deletions.push(deletion);
                    }
                    keep.then(|| kept.clone())
                }
                (None, Some(m), Some(t)) => Some(self.merge_lane(m.id, &Vec::new(), m, t)),
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

    /// A lane both sides have, field by field against the base's `fields` (none when both
    /// added it); `anchor` names it in conflicts.
    fn merge_lane(&mut self, anchor: Id, fields: &Fields, m: &Lane, t: &Lane) -> Lane {
        let mut lane = m.clone();
        let fields = (fields, &lane_record(m), &lane_record(t));
        for field in self.fieldwise(DiffElement::Lane, &anchor.to_string(), &m.name, fields) {
            match field {
                DiffField::Position => lane.order = t.order,
                other => fields::copy(&fields::LANE, &mut lane, t, other),
            }
        }
        lane
    }

    pub(super) fn lane_name(&self, side: Side, id: Id) -> String {
        let index = match side {
            Side::Mine => &self.mine,
            Side::Theirs => &self.theirs,
        };
        index.names.text(id)
    }
}

/// The side that kept an element the other deleted, from mine's copy of it: mine if it has one.
pub(super) fn kept_by<T>(mine: Option<T>) -> Side {
    if mine.is_some() {
        Side::Mine
    } else {
        Side::Theirs
    }
}

/// Lanes with one order (both sides added a lane at the end) get the next free orders, in the
/// order the merge lists them (base's lanes, then mine's, then theirs'); other orders stay.
fn distinct_orders(lanes: &mut [Lane]) {
    let mut by_order: Vec<usize> = (0..lanes.len()).collect();
    by_order.sort_by_key(|&i| (lanes[i].order, i));
    let mut next = 0;
    for i in by_order {
        lanes[i].order = lanes[i].order.max(next);
        next = lanes[i].order + 1;
    }
}

/// Drops what refers to an element that a choice deleted: nodes of a deleted lane, flows,
/// message flows and associations of a deleted node (or pool, or artifact), artifacts of a
/// deleted sub-process, layout of anything gone. Only choices delete, so nothing goes unasked.
fn drop_dangling(p: &mut Process) {
    let lanes: HashSet<Id> = p.lanes.iter().map(|l| l.id).collect();
    p.nodes.retain(|n| lanes.contains(&n.lane));
    let nodes: HashSet<Id> = p.nodes.iter().map(|n| n.id).collect();
    p.flows
        .retain(|f| nodes.contains(&f.source) && nodes.contains(&f.target));
    let pools: HashSet<Id> = p.pools.iter().map(|x| x.id).collect();
    let end = |id: &Id| nodes.contains(id) || pools.contains(id);
    p.messages.retain(|m| end(&m.source) && end(&m.target));
    p.artifacts
        .retain(|a| a.parent.is_none_or(|parent| nodes.contains(&parent)));
    let artifacts: HashSet<Id> = p.artifacts.iter().map(|a| a.id).collect();
    let end = |id: &Id| nodes.contains(id) || artifacts.contains(id);
    p.associations.retain(|a| end(&a.source) && end(&a.target));
    let flows: HashSet<Id> = p.flows.iter().map(|f| f.id).collect();
    p.layout.nodes.retain(|id, _| nodes.contains(id));
    p.layout.lanes.retain(|id, _| lanes.contains(id));
    p.layout.flows.retain(|id, _| flows.contains(id));
}
