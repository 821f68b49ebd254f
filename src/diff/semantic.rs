//! What changed in meaning between two definitions (two versions, or a draft and a version).
//!
//! Elements are paired by id, then by evidence (`matching`), so an element that was deleted and
//! drawn again, or renamed, shows as changed rather than as removed plus added. A node that went
//! to another lane is a move. Lane order is compared as relative order, so inserting a lane is not
//! a reorder. Layout (bounds, lane heights, bend points) is listed apart.

use std::collections::HashMap;

use similar::{capture_diff_slices, Algorithm, DiffTag};

pub use super::changes::{
    Diff, DiffElement, DiffField, DiffStatus, ElementChange, FieldChange, FieldValue, LaneMove,
    LaneOrder, LayoutChange, LayoutItem,
};
use super::fields::{
    all_fields, compare, flow_words, info_fields, lane_fields, node_fields, readable, same_words,
    variable_fields, Namers,
};
use super::matching::{match_elements, Matching};
use crate::describe::{called, ends, Names, ProcessNames};
use crate::model::{Bounds, Flow, Id, Lane, Node, Point, Process, Variable};

use super::layout_text;

/// Compares `old` with `new` where no library is at hand: a call's process is named by the id
/// its BPMN file gave.
pub fn diff(old: &Process, new: &Process) -> Diff {
    diff_in(None, old, new)
}

/// Compares `old` with `new`, naming the processes calls run by their names in `library`.
pub fn diff_in(library: Option<&ProcessNames>, old: &Process, new: &Process) -> Diff {
    let matching = match_elements(old, new);
    let ctx = Context::new(old, new, &matching, library);
    let mut changes = Vec::new();
    changes.extend(ctx.info());
    changes.extend(ctx.variables());
    let (lane_changes, lane_order) = ctx.lanes();
    changes.extend(lane_changes);
    changes.extend(ctx.nodes());
    changes.extend(ctx.flows());
    changes.extend(super::beside::changes(old, new, matching.unrelated));
    Diff {
        changes,
        lane_order,
        layout: ctx.layout(),
    }
}

/// Lookups over both definitions that every part of the comparison needs.
struct Context<'a> {
    old: &'a Process,
    new: &'a Process,
    m: &'a Matching,
    library: Option<&'a ProcessNames>,
    old_nodes: HashMap<Id, &'a Node>,
    new_nodes: HashMap<Id, &'a Node>,
    old_flows: HashMap<Id, &'a Flow>,
    new_flows: HashMap<Id, &'a Flow>,
    old_lanes: HashMap<Id, (usize, &'a Lane)>,
    new_lanes: HashMap<Id, (usize, &'a Lane)>,
    /// How a person reads each element of either definition.
    old_names: Names,
    new_names: Names,
    /// (old id, new id) of every paired element, by old id.
    lane_pairs: Vec<(Id, Id)>,
    node_pairs: Vec<(Id, Id)>,
    flow_pairs: Vec<(Id, Id)>,
}

fn lanes_by_id(p: &Process) -> HashMap<Id, (usize, &Lane)> {
    p.lanes_in_order()
        .into_iter()
        .enumerate()
        .map(|(i, l)| (l.id, (i, l)))
        .collect()
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

impl<'a> Context<'a> {
    /// Whether a pair is one element: the same id, or any pair of two files drawn apart.
    fn same_id(&self, old: Id, new: Id) -> bool {
        old == new || self.m.unrelated
    }

    fn new(
        old: &'a Process,
        new: &'a Process,
        m: &'a Matching,
        library: Option<&'a ProcessNames>,
    ) -> Self {
        Context {
            old,
            new,
            m,
            library,
            old_nodes: old.nodes.iter().map(|n| (n.id, n)).collect(),
            new_nodes: new.nodes.iter().map(|n| (n.id, n)).collect(),
            old_flows: old.flows.iter().map(|f| (f.id, f)).collect(),
            new_flows: new.flows.iter().map(|f| (f.id, f)).collect(),
            old_lanes: lanes_by_id(old),
            new_lanes: lanes_by_id(new),
            old_names: Names::of(old),
            new_names: Names::of(new),
            lane_pairs: m.lanes.pairs(),
            node_pairs: m.nodes.pairs(),
            flow_pairs: m.flows.pairs(),
        }
    }

    fn change(
        &self,
        element: DiffElement,
        status: DiffStatus,
        old_id: Option<Id>,
        new_id: Option<Id>,
    ) -> ElementChange {
        ElementChange {
            element,
            status,
            old_id,
            new_id,
            bpmn_id: bpmn_id(self.old, self.new, old_id, new_id),
            name: String::new(),
            kind: String::new(),
            lane: None,
            moved: None,
            recreated: !self.m.unrelated
                && matches!((old_id, new_id), (Some(a), Some(b)) if a != b),
            fields: Vec::new(),
            described: false,
        }
    }

    fn info(&self) -> Option<ElementChange> {
        let fields = compare(&info_fields(&self.old.info), &info_fields(&self.new.info));
        if fields.is_empty() {
            return None;
        }
        let mut c = self.change(
            DiffElement::Process,
            DiffStatus::Changed,
            Some(self.old.id),
            Some(self.new.id),
        );
        c.recreated = false;
        c.name = self.new.info.name.clone();
        c.kind = "process".into();
        c.fields = fields;
        Some(c)
    }

    fn variables(&self) -> Vec<ElementChange> {
        let old: HashMap<&str, &Variable> = self
            .old
            .info
            .variables
            .iter()
            .map(|v| (v.name.as_str(), v))
            .collect();
        let new: HashMap<&str, &Variable> = self
            .new
            .info
            .variables
            .iter()
            .map(|v| (v.name.as_str(), v))
            .collect();
        let mut names: Vec<&str> = old.keys().chain(new.keys()).copied().collect();
        names.sort_unstable();
        names.dedup();
        names
            .into_iter()
            .filter_map(|name| {
                let (status, fields) = match (old.get(name), new.get(name)) {
                    (Some(o), Some(n)) => (
                        DiffStatus::Changed,
                        compare(&variable_fields(o), &variable_fields(n)),
                    ),
                    (None, Some(n)) => (DiffStatus::Added, all_fields(variable_fields(n), true)),
                    (Some(o), None) => (DiffStatus::Removed, all_fields(variable_fields(o), false)),
                    (None, None) => return None,
                };
                if fields.is_empty() {
                    return None;
                }
                let mut c = self.change(DiffElement::Variable, status, None, None);
                c.name = name.to_string();
                c.kind = "variable".into();
                c.fields = fields;
                Some(c)
            })
            .collect()
    }

    fn lanes(&self) -> (Vec<ElementChange>, Option<LaneOrder>) {
        // Relative order of the kept lanes: those off the longest common run were moved.
        let old_order: Vec<Id> = self
            .old
            .lanes_in_order()
            .iter()
            .filter_map(|l| self.m.lanes.new_of(l.id))
            .collect();
        let new_order: Vec<Id> = self
            .new
            .lanes_in_order()
            .iter()
            .map(|l| l.id)
            .filter(|id| self.m.lanes.old_of(*id).is_some())
            .collect();
        let mut moved_lanes = Vec::new();
        let mut lane_order = None;
        if old_order != new_order {
            let ops = capture_diff_slices(Algorithm::Myers, &old_order, &new_order);
            for op in ops.iter().filter(|op| op.tag() != DiffTag::Equal) {
                moved_lanes.extend(new_order[op.new_range()].iter().copied());
            }
            let names = |p: &Process, names: &Names| {
                p.lanes_in_order()
                    .iter()
                    .map(|l| names.text(l.id))
                    .collect()
            };
            lane_order = Some(LaneOrder {
                old: names(self.old, &self.old_names),
                new: names(self.new, &self.new_names),
            });
        }

        let mut out = Vec::new();
        for &(old_id, new_id) in &self.lane_pairs {
            let (Some((old_pos, o)), Some((new_pos, n))) =
                (self.old_lanes.get(&old_id), self.new_lanes.get(&new_id))
            else {
                continue;
            };
            let mut fields = compare(&lane_fields(o), &lane_fields(n));
            if moved_lanes.contains(&new_id) {
                fields.push(FieldChange::new(
                    DiffField::Position,
                    Some((old_pos + 1).to_string()),
                    Some((new_pos + 1).to_string()),
                ));
            }
            if fields.is_empty() && self.same_id(old_id, new_id) {
                continue;
            }
            let mut c = self.change(
                DiffElement::Lane,
                DiffStatus::Changed,
                Some(old_id),
                Some(new_id),
            );
            c.name = self.new_names.text(n.id);
            c.fields = fields;
            out.push((*new_pos, c));
        }
        for (new_pos, lane) in self
            .new_lanes
            .values()
            .filter(|(_, l)| self.m.lanes.old_of(l.id).is_none())
        {
            let mut c = self.change(DiffElement::Lane, DiffStatus::Added, None, Some(lane.id));
            c.name = self.new_names.text(lane.id);
            c.fields = all_fields(lane_fields(lane), true);
            out.push((*new_pos, c));
        }
        for (old_pos, lane) in self
            .old_lanes
            .values()
            .filter(|(_, l)| self.m.lanes.new_of(l.id).is_none())
        {
            let mut c = self.change(DiffElement::Lane, DiffStatus::Removed, Some(lane.id), None);
            c.name = self.old_names.text(lane.id);
            c.fields = all_fields(lane_fields(lane), false);
            out.push((*old_pos, c));
        }
        out.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(status_rank(a.1.status).cmp(&status_rank(b.1.status)))
        });
        let changes = out
            .into_iter()
            .map(|(_, mut c)| {
                c.kind = "lane".into();
                c
            })
            .collect();
        (changes, lane_order)
    }

    fn nodes(&self) -> Vec<ElementChange> {
        let mut out = Vec::new();
        for &(old_id, new_id) in &self.node_pairs {
            let (Some(o), Some(n)) = (self.old_nodes.get(&old_id), self.new_nodes.get(&new_id))
            else {
                continue;
            };
            let same_lane = self.m.lanes.new_of(o.lane) == Some(n.lane);
            let same = same_words(&o.name, &n.name) && o.kind == n.kind && o.parent == n.parent;
            if self.same_id(old_id, new_id) && same_lane && same {
                continue;
            }
            let fields = self.readable(compare(&node_fields(o), &node_fields(n)), Some(o), Some(n));
            let status = if same_lane {
                DiffStatus::Changed
            } else {
                DiffStatus::Moved
            };
            let mut c = self.change(DiffElement::Node, status, Some(old_id), Some(new_id));
            if !same_lane {
                c.moved = Some(LaneMove {
                    from: o.lane,
                    from_name: self.old_names.text(o.lane),
                    to: n.lane,
                    to_name: self.new_names.text(n.lane),
                });
            }
            c.fields = fields;
            out.push(self.describe_node(c, n, true));
        }
        for n in self
            .new
            .nodes
            .iter()
            .filter(|n| self.m.nodes.old_of(n.id).is_none())
        {
            let mut c = self.change(DiffElement::Node, DiffStatus::Added, None, Some(n.id));
            c.fields = self.readable(all_fields(node_fields(n), true), None, Some(n));
            out.push(self.describe_node(c, n, true));
        }
        for o in self
            .old
            .nodes
            .iter()
            .filter(|n| self.m.nodes.new_of(n.id).is_none())
        {
            let mut c = self.change(DiffElement::Node, DiffStatus::Removed, Some(o.id), None);
            c.fields = self.readable(all_fields(node_fields(o), false), Some(o), None);
            out.push(self.describe_node(c, o, false));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out.into_iter().map(|(_, c)| c).collect()
    }

    /// Fills in name, kind and lane, and returns the sort key (lane position, name, id).
    fn describe_node(
        &self,
        mut c: ElementChange,
        node: &Node,
        newer: bool,
    ) -> ((usize, String, Id), ElementChange) {
        let (lanes, names) = if newer {
            (&self.new_lanes, &self.new_names)
        } else {
            (&self.old_lanes, &self.old_names)
        };
        let position = lanes.get(&node.lane).map_or(usize::MAX, |(i, _)| *i);
        let label = names.label(node.id);
        c.name = label.text;
        c.described = !label.named;
        c.kind = node.kind.label().to_string();
        c.lane = lanes.get(&node.lane).map(|_| names.text(node.lane));
        ((position, c.name.to_lowercase(), node.id), c)
    }

    fn readable(
        &self,
        fields: Vec<FieldChange>,
        old: Option<&Node>,
        new: Option<&Node>,
    ) -> Vec<FieldChange> {
        let side = |newer: bool| match newer {
            true => (self.new, &self.new_names),
            false => (self.old, &self.old_names),
        };
        let namers = Namers {
            name_in: &|newer, id| side(newer).1.text(id),
            called_in: &|newer, node| called(side(newer).0, node, self.library),
        };
        readable(fields, (old, new), &namers)
    }

    fn flow_fields(&self, flow: &Flow, names: &Names) -> Vec<(DiffField, Option<String>)> {
        vec![
            (DiffField::Source, Some(names.text(flow.source))),
            (DiffField::Target, Some(names.text(flow.target))),
        ]
        .into_iter()
        .chain(flow_words(flow))
        .collect()
    }

    fn flows(&self) -> Vec<ElementChange> {
        let mut out = Vec::new();
        for &(old_id, new_id) in &self.flow_pairs {
            let (Some(o), Some(n)) = (self.old_flows.get(&old_id), self.new_flows.get(&new_id))
            else {
                continue;
            };
            let same_ends = self.m.nodes.new_of(o.source) == Some(n.source)
                && self.m.nodes.new_of(o.target) == Some(n.target);
            let same_words = flow_words(o) == flow_words(n);
            if self.same_id(old_id, new_id) && same_ends && same_words {
                continue;
            }
            let mut fields = Vec::new();
            // Endpoints are compared by identity; a renamed endpoint is the node's change, not the flow's.
            for (field, a, b) in [
                (DiffField::Source, o.source, n.source),
                (DiffField::Target, o.target, n.target),
            ] {
                if self.m.nodes.new_of(a) != Some(b) {
                    fields.push(FieldChange::new(
                        field,
                        Some(self.old_names.text(a)),
                        Some(self.new_names.text(b)),
                    ));
                }
            }
            fields.extend(compare(&flow_words(o), &flow_words(n)));
            if fields.is_empty() && self.same_id(old_id, new_id) {
                continue;
            }
            let mut c = self.change(
                DiffElement::Flow,
                DiffStatus::Changed,
                Some(old_id),
                Some(new_id),
            );
            c.fields = fields;
            out.push(self.describe_flow(c, n, &self.new_names));
        }
        for n in self
            .new
            .flows
            .iter()
            .filter(|f| self.m.flows.old_of(f.id).is_none())
        {
            let mut c = self.change(DiffElement::Flow, DiffStatus::Added, None, Some(n.id));
            c.fields = all_fields(self.flow_fields(n, &self.new_names), true);
            out.push(self.describe_flow(c, n, &self.new_names));
        }
        for o in self
            .old
            .flows
            .iter()
            .filter(|f| self.m.flows.new_of(f.id).is_none())
        {
            let mut c = self.change(DiffElement::Flow, DiffStatus::Removed, Some(o.id), None);
            c.fields = all_fields(self.flow_fields(o, &self.old_names), false);
            out.push(self.describe_flow(c, o, &self.old_names));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out.into_iter().map(|(_, c)| c).collect()
    }

    fn describe_flow(
        &self,
        mut c: ElementChange,
        flow: &Flow,
        names: &Names,
    ) -> ((String, String, Id), ElementChange) {
        let source = names.text(flow.source).to_lowercase();
        let target = names.text(flow.target).to_lowercase();
        c.name = ends(names, flow.source, flow.target);
        c.kind = "flow".into();
        ((source, target, flow.id), c)
    }

    fn layout(&self) -> Vec<LayoutChange> {
        let (old, new) = (&self.old.layout, &self.new.layout);
        let mut out = Vec::new();
        let mut push = |item, id: Id, name: String, o: Option<String>, n: Option<String>, says| {
            if o != n {
                out.push(LayoutChange {
                    item,
                    id,
                    bpmn_id: self.new.bpmn_id(id).map(String::from),
                    name,
                    old: o,
                    new: n,
                    says,
                });
            }
        };
        for &(old_id, new_id) in &self.lane_pairs {
            let (o, n) = (
                old.lanes.get(&old_id).copied(),
                new.lanes.get(&new_id).copied(),
            );
            if o != n {
                let name = self.new_names.text(new_id);
                let says = layout_text::height_says(o, n);
                push(
                    LayoutItem::LaneHeight,
                    new_id,
                    name,
                    o.map(|h| h.to_string()),
                    n.map(|h| h.to_string()),
                    says,
                );
            }
        }
        for &(old_id, new_id) in &self.node_pairs {
            let (o, n) = (old.nodes.get(&old_id), new.nodes.get(&new_id));
            if o != n {
                let name = self.new_names.text(new_id);
                let lane = self.new_lane_if_moved(old_id, new_id);
                let says = layout_text::bounds_says(o, n, lane.as_deref());
                push(
                    LayoutItem::NodeBounds,
                    new_id,
                    name,
                    o.map(bounds_text),
                    n.map(bounds_text),
                    says,
                );
            }
        }
        for &(old_id, new_id) in &self.flow_pairs {
            let (o, n) = (old.flows.get(&old_id), new.flows.get(&new_id));
            if o != n {
                let name = self.new_names.text(new_id);
                let says = layout_text::bends_says(o.map(Vec::as_slice), n.map(Vec::as_slice));
                push(
                    LayoutItem::Waypoints,
                    new_id,
                    name,
                    o.map(|p| points_text(p)),
                    n.map(|p| points_text(p)),
                    says,
                );
            }
        }
        out
    }

    /// The name of a paired node's lane in the newer definition, when it is another lane than before.
    fn new_lane_if_moved(&self, old_id: Id, new_id: Id) -> Option<String> {
        let (o, n) = (self.old_nodes.get(&old_id)?, self.new_nodes.get(&new_id)?);
        let (from, to) = (self.old_names.text(o.lane), self.new_names.text(n.lane));
        (from != to).then_some(to)
    }
}

fn status_rank(status: DiffStatus) -> u8 {
    match status {
        DiffStatus::Removed => 0,
        DiffStatus::Changed | DiffStatus::Moved => 1,
        DiffStatus::Added => 2,
    }
}

/// The source BPMN id of an element: the newer side's, else the older's.
pub(super) fn bpmn_id(
    old: &Process,
    new: &Process,
    old_id: Option<Id>,
    new_id: Option<Id>,
) -> Option<String> {
    let newer = new_id.and_then(|id| new.bpmn_id(id));
    newer
        .or_else(|| old_id.and_then(|id| old.bpmn_id(id)))
        .map(String::from)
}
