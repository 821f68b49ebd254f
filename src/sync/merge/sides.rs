//! The three definitions of a merge, the diff engine's pairing of base with each side, and
//! how ids of one side are written in the merged definition (mine's id wherever mine has the
//! element, theirs' where only theirs has it).

use std::collections::HashMap;

use crate::describe::Names;
use crate::diff::matching::{match_elements, Matching, Pairs};
use crate::model::{Flow, Id, Lane, Node, NodeKind, Process};

pub(super) struct Sides<'a> {
    pub base: &'a Process,
    pub mine: &'a Process,
    pub theirs: &'a Process,
    pub to_mine: Matching,
    pub to_theirs: Matching,
}

/// One element across the three definitions: its id on each side that has it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Slot {
    pub base: Option<Id>,
    pub mine: Option<Id>,
    pub theirs: Option<Id>,
}

impl Slot {
    /// The id that names this element in conflict keys: base's, else the side that added it.
    pub fn anchor(&self) -> Id {
        self.base
            .or(self.mine)
            .or(self.theirs)
            .expect("a slot has at least one side")
    }
}

/// Where an element refers to (a node's lane, a flow's end), comparable across sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ref {
    Base(Id),
    Mine(Id),
    Theirs(Id),
}

/// Base elements first (by id), then those only mine has, then those only theirs has.
pub(super) fn slots(
    base: impl Iterator<Item = Id>,
    mine: impl Iterator<Item = Id>,
    theirs: impl Iterator<Item = Id>,
    to_mine: &Pairs,
    to_theirs: &Pairs,
) -> Vec<Slot> {
    let mut base: Vec<Id> = base.collect();
    base.sort_unstable();
    let mut out: Vec<Slot> = base
        .into_iter()
        .map(|b| Slot {
            base: Some(b),
            mine: to_mine.new_of(b),
            theirs: to_theirs.new_of(b),
        })
        .collect();
    let mut added_mine: Vec<Id> = mine.filter(|m| to_mine.old_of(*m).is_none()).collect();
    added_mine.sort_unstable();
    out.extend(added_mine.into_iter().map(|m| Slot {
        base: None,
        mine: Some(m),
        theirs: None,
    }));
    let mut added_theirs: Vec<Id> = theirs.filter(|t| to_theirs.old_of(*t).is_none()).collect();
    added_theirs.sort_unstable();
    for t in added_theirs {
        // Both sides have an element the base lacks under one id (both took it from a newer
        // version than the base): it is one element.
        match out
            .iter_mut()
            .find(|s| s.base.is_none() && s.mine == Some(t))
        {
            Some(slot) => slot.theirs = Some(t),
            None => out.push(Slot {
                base: None,
                mine: None,
                theirs: Some(t),
            }),
        }
    }
    out
}

impl<'a> Sides<'a> {
    pub fn new(base: &'a Process, mine: &'a Process, theirs: &'a Process) -> Self {
        Sides {
            base,
            mine,
            theirs,
            to_mine: match_elements(base, mine),
            to_theirs: match_elements(base, theirs),
        }
    }

    pub fn lane_slots(&self) -> Vec<Slot> {
        slots(
            self.base.lanes.iter().map(|l| l.id),
            self.mine.lanes.iter().map(|l| l.id),
            self.theirs.lanes.iter().map(|l| l.id),
            &self.to_mine.lanes,
            &self.to_theirs.lanes,
        )
    }

    pub fn node_slots(&self) -> Vec<Slot> {
        slots(
            self.base.nodes.iter().map(|n| n.id),
            self.mine.nodes.iter().map(|n| n.id),
            self.theirs.nodes.iter().map(|n| n.id),
            &self.to_mine.nodes,
            &self.to_theirs.nodes,
        )
    }

    pub fn flow_slots(&self) -> Vec<Slot> {
        slots(
            self.base.flows.iter().map(|f| f.id),
            self.mine.flows.iter().map(|f| f.id),
            self.theirs.flows.iter().map(|f| f.id),
            &self.to_mine.flows,
            &self.to_theirs.flows,
        )
    }

    /// A lane of mine, in base terms when base has it.
    pub fn mine_lane(&self, id: Id) -> Ref {
        self.to_mine
            .lanes
            .old_of(id)
            .map_or(Ref::Mine(id), Ref::Base)
    }
    pub fn theirs_lane(&self, id: Id) -> Ref {
        self.to_theirs
            .lanes
            .old_of(id)
            .map_or(Ref::Theirs(id), Ref::Base)
    }
    pub fn mine_node(&self, id: Id) -> Ref {
        self.to_mine
            .nodes
            .old_of(id)
            .map_or(Ref::Mine(id), Ref::Base)
    }
    pub fn theirs_node(&self, id: Id) -> Ref {
        self.to_theirs
            .nodes
            .old_of(id)
            .map_or(Ref::Theirs(id), Ref::Base)
    }

    /// The id a theirs lane has in the merged definition.
    pub fn lane_from_theirs(&self, id: Id) -> Id {
        self.to_theirs
            .lanes
            .old_of(id)
            .and_then(|b| self.to_mine.lanes.new_of(b))
            .unwrap_or(id)
    }
    pub fn node_from_theirs(&self, id: Id) -> Id {
        self.to_theirs
            .nodes
            .old_of(id)
            .and_then(|b| self.to_mine.nodes.new_of(b))
            .unwrap_or(id)
    }

    /// A merged node's sub-process and (for a boundary event) host in merged ids; what came
    /// from mine stays as it is.
    pub fn refs_from_theirs(&self, node: &mut Node) {
        node.parent = node.parent.map(|p| self.node_from_theirs(p));
        if let NodeKind::Boundary { host, .. } = &mut node.kind {
            *host = self.node_from_theirs(*host);
        }
    }
}

/// Elements of a definition by id.
pub(super) struct Index<'a> {
    pub lanes: HashMap<Id, &'a Lane>,
    pub nodes: HashMap<Id, &'a Node>,
    pub flows: HashMap<Id, &'a Flow>,
    /// How a person reads each element of this side.
    pub names: Names,
}

impl<'a> Index<'a> {
    pub fn of(p: &'a Process) -> Self {
        Index {
            lanes: p.lanes.iter().map(|l| (l.id, l)).collect(),
            nodes: p.nodes.iter().map(|n| (n.id, n)).collect(),
            flows: p.flows.iter().map(|f| (f.id, f)).collect(),
            names: Names::of(p),
        }
    }
}
