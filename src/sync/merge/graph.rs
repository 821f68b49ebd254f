//! Nodes and flows: paired across the three definitions, merged field by field, a deletion
//! against a change (or against a new connection) listed as a conflict.

use std::collections::HashSet;

use super::records::{kept_by, Merger};
use super::sides::Ref;
use super::values::{changes_text, decide, label, value, Fields, Take};
use super::Side;
use crate::describe::ends;
use crate::diff::fields::{compare, flow_words, node_fields};
use crate::diff::semantic::{DiffElement, DiffField};
use crate::fields;
use crate::model::{Flow, Id, Node};

impl Merger<'_> {
    /// Base nodes a side connected with new or changed flows.
    pub(super) fn nodes_touched(&self, side: Side) -> HashSet<Id> {
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
        // Message flows and associations the side added or changed hold on to their steps too.
        let base = self.s.base;
        let messages = (p.messages.iter())
            .filter(|m| !base.messages.contains(m))
            .map(|m| (m.source, m.target));
        let associations = (p.associations.iter())
            .filter(|a| !base.associations.contains(a))
            .map(|a| (a.source, a.target));
        for (source, target) in messages.chain(associations) {
            for end in [source, target] {
                touched.extend(pairs.nodes.old_of(end));
            }
        }
        touched
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
                if self.lane_conflict(&anchor, m, t) {
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
                copy_node_field(&mut node, t, field);
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
                            .filter_map(|(k, v)| {
                                let v = self.shown(v.clone()?);
                                Some(format!("{}={v}", label(*k)))
                            })
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
        if m.lane != theirs_lane && self.lane_conflict(&anchor, m, t) {
            node.lane = theirs_lane;
        }
        let (fm, ft) = (node_fields(m), node_fields(t));
        if value(&fm, DiffField::Kind) == value(&ft, DiffField::Kind) {
            for field in
                self.fieldwise(DiffElement::Node, &anchor, &m.name, (&Vec::new(), &fm, &ft))
            {
                copy_node_field(&mut node, t, field);
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

    /// Lists the conflict of a node that mine and theirs put in different lanes; `true` when
    /// theirs is chosen.
    fn lane_conflict(&mut self, anchor: &str, m: &Node, t: &Node) -> bool {
        let (mine, theirs) = (
            self.lane_name(Side::Mine, m.lane),
            self.lane_name(Side::Theirs, t.lane),
        );
        self.conflict(
            DiffElement::Node,
            anchor,
            &m.name,
            "lane",
            Some(mine),
            Some(theirs),
        ) == Side::Theirs
    }

    pub(super) fn nodes(&mut self) -> Vec<Node> {
        let slots = self.s.node_slots();
        let (touched_mine, touched_theirs) = self.touched(&slots, Self::nodes_touched);
        let mut out = Vec::new();
        for slot in slots {
            let (b, m, t) = self.records(&slot, |side| &side.nodes);
            let kept = match (b, m, t) {
                // Unchanged on theirs (same ids, so the same lane): mine as it is.
                (Some(b), Some(m), Some(_)) if Some(b) == t => Some(m.clone()),
                (Some(b), Some(m), Some(t)) => Some(self.merge_node(b, m, t)),
                (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                    let side = kept_by(m);
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
                    let conflicted = touched || moved || !changes.is_empty();
                    let keep = conflicted
                        && self.deleted_or_kept(
                            DiffElement::Node,
                            &b.id.to_string(),
                            &kept.name,
                            side,
                            what,
                        );
                    if conflicted {
                        // Kept for now either way: `settle` deletes it once nothing it takes
                        // along is left unconfirmed.
                        let deletion = self.deletion(b.id, kept.id, &kept.name, side, !keep);
                        self.node_deletions.push(deletion);
                    }
                    conflicted.then(|| {
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
            if let Some(mut node) = kept {
                self.s.refs_from_theirs(&mut node);
                self.kept_nodes.push((slot, node.id));
                out.push(node);
            }
        }
        out
    }

    pub(super) fn node_name(&self, side: Side, id: Id) -> String {
        let index = match side {
            Side::Mine => &self.mine,
            Side::Theirs => &self.theirs,
        };
        index.names.text(id)
    }

    /// `'Source' → 'Target'` in the names one side gives the flow's ends.
    pub(super) fn flow_name(&self, side: Side, f: &Flow) -> String {
        let index = match side {
            Side::Mine => &self.mine,
            Side::Theirs => &self.theirs,
        };
        ends(&index.names, f.source, f.target)
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
        let name = self.flow_name(Side::Mine, m);
        for (field, base_end, mine_end, theirs_end) in [
            (DiffField::Source, b.source, m.source, t.source),
            (DiffField::Target, b.target, m.target, t.target),
        ] {
            let take = match decide(
                &Ref::Base(base_end),
                &self.s.mine_node(mine_end),
                &self.s.theirs_node(theirs_end),
            ) {
                Take::Mine => false,
                Take::Theirs => true,
                Take::Conflict => self.end_conflict(&anchor, &name, field, mine_end, theirs_end),
            };
            if take {
                set_end(&mut flow, field, self.s.node_from_theirs(theirs_end));
            }
        }
        let words = (&flow_words(b), &flow_words(m), &flow_words(t));
        for field in self.fieldwise(DiffElement::Flow, &anchor, &name, words) {
            copy_flow_word(&mut flow, t, field);
        }
        flow
    }

    /// A flow both sides have and the base lacks: differing ends and words are conflicts.
    fn merge_flow_added_twice(&mut self, m: &Flow, t: &Flow) -> Flow {
        let mut flow = m.clone();
        let anchor = m.id.to_string();
        let name = self.flow_name(Side::Mine, m);
        for (field, mine_end, theirs_end) in [
            (DiffField::Source, m.source, t.source),
            (DiffField::Target, m.target, t.target),
        ] {
            let merged_end = self.s.node_from_theirs(theirs_end);
            if mine_end != merged_end
                && self.end_conflict(&anchor, &name, field, mine_end, theirs_end)
            {
                set_end(&mut flow, field, merged_end);
            }
        }
        let words = (&Vec::new(), &flow_words(m), &flow_words(t));
        for field in self.fieldwise(DiffElement::Flow, &anchor, &name, words) {
            copy_flow_word(&mut flow, t, field);
        }
        flow
    }

    /// Lists the conflict of a flow end (`field`: source or target) that mine and theirs
    /// connected differently, each end in its side's ids; `true` when theirs is chosen.
    fn end_conflict(
        &mut self,
        anchor: &str,
        name: &str,
        field: DiffField,
        mine_end: Id,
        theirs_end: Id,
    ) -> bool {
        let (mine, theirs) = (
            self.node_name(Side::Mine, mine_end),
            self.node_name(Side::Theirs, theirs_end),
        );
        self.conflict(
            DiffElement::Flow,
            anchor,
            name,
            &label(field),
            Some(mine),
            Some(theirs),
        ) == Side::Theirs
    }

    pub(super) fn flows(&mut self) -> Vec<Flow> {
        let mut out = Vec::new();
        for slot in self.s.flow_slots() {
            let (b, m, t) = self.records(&slot, |side| &side.flows);
            let kept = match (b, m, t) {
                // Unchanged on theirs (same ids, so the same ends): mine as it is.
                (Some(b), Some(m), Some(_)) if Some(b) == t => Some(m.clone()),
                (Some(b), Some(m), Some(t)) => Some(self.merge_flow(b, m, t)),
                (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                    let side = kept_by(m);
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
                    let name = self.flow_name(side, kept);
                    let keep = (ends_changed || !changes.is_empty())
                        && self.deleted_or_kept(
                            DiffElement::Flow,
                            &b.id.to_string(),
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
}

/// Copies one field (name or kind-specific) from `src` (the same kind of node) into `dst`.
fn copy_node_field(dst: &mut Node, src: &Node, field: DiffField) {
    match field {
        DiffField::Name => dst.name = src.name.clone(),
        DiffField::Parent => dst.parent = src.parent,
        other => fields::copy(
            fields::kind_fields(&src.kind),
            &mut dst.kind,
            &src.kind,
            other,
        ),
    }
}

/// Copies one of a flow's words (label, condition, default, probability) from `src` into `dst`.
fn copy_flow_word(dst: &mut Flow, src: &Flow, field: DiffField) {
    fields::copy(&fields::FLOW, dst, src, field);
}

/// Sets a flow's source or target (`field`) to `node`.
fn set_end(flow: &mut Flow, field: DiffField, node: Id) {
    if field == DiffField::Source {
        flow.source = node;
    } else {
        flow.target = node;
    }
}
