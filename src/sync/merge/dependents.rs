//! What a deletion takes along, and what becomes of it. A lane one side deleted may hold steps
//! the other side moved into it, added to it or changed; a step one side deleted may have flows
//! the other side connected to it. Each such element is named in the deletion's conflict.
//! Taking the deleting side keeps the steps, moved to the lane they came from (or the one the
//! user picked), unless `Fate::Drop` confirms their deletion; flows cannot outlive their step,
//! so a deleted step with flows of the other side waits for that confirmation.

use std::collections::HashSet;

use super::records::{Deletion, Merger};
use super::{Dependent, Fate, KeptIn, Side};
use crate::describe::{ends, Names};
use crate::diff::semantic::DiffElement;
use crate::model::{Flow, Id, Node, Process};

impl Merger<'_> {
    /// Names the dependents of every deletion conflict and applies its choice to `out`, where
    /// deleted steps are still present and steps of deleted lanes still point at them.
    pub(super) fn settle(&mut self, out: &mut Process) {
        for d in std::mem::take(&mut self.node_deletions) {
            self.settle_step(out, &d);
        }
        for d in std::mem::take(&mut self.lane_deletions) {
            self.settle_lane(out, &d);
        }
    }

    fn fate(&self, d: &Deletion) -> Option<Fate> {
        let key = &self.conflicts[d.conflict].key;
        self.choices.fates.get(key).cloned()
    }

    fn settle_step(&mut self, out: &mut Process, d: &Deletion) {
        let mut flows: Vec<Dependent> = out
            .flows
            .iter()
            .filter(|f| f.source == d.id || f.target == d.id)
            .map(|f| self.flow_dependent(out, f, d.keeper))
            .collect();
        flows.extend(self.connected_beside(out, d));
        let fate = self.fate(d);
        let who = self.people.of(d.keeper).to_string();
        let c = &mut self.conflicts[d.conflict];
        if !flows.is_empty() {
            let named: Vec<String> = flows
                .iter()
                .map(|f| {
                    let word = match f.element {
                        DiffElement::Message => "message flow",
                        DiffElement::Association => "association",
                        _ => "flow",
                    };
                    format!("the {word} {} that {who} {}", f.name, f.how)
                })
                .collect();
            c.consequence = Some(format!(
                "deleting step \"{}\" would also delete {}; a flow cannot stay without its step, so that needs a confirmation",
                d.name,
                and_list(&named)
            ));
        }
        let drop = flows.is_empty() || fate == Some(Fate::Drop);
        c.dependents = flows;
        c.fate = fate;
        if d.deleted {
            if drop {
                remove_steps(out, &HashSet::from([d.id]));
            } else {
                c.needs_confirmation = true;
            }
        }
    }

    fn settle_lane(&mut self, out: &mut Process, d: &Deletion) {
        let fate = self.fate(d);
        let picked = match fate {
            Some(Fate::Keep { lane: Some(lane) }) => Some(lane),
            _ => None,
        };
        let steps: Vec<&Node> = out.nodes.iter().filter(|n| n.lane == d.id).collect();
        let ids: HashSet<Id> = steps.iter().map(|n| n.id).collect();
        let names = Names::of(out);
        let mut dependents: Vec<Dependent> = steps
            .iter()
            .map(|n| Dependent {
                element: DiffElement::Node,
                id: n.id,
                name: names.text(n.id),
                how: self.step_how(n, d),
                kept_in: self.kept_in(out, &names, n, d, picked),
            })
            .collect();
        let flows: Vec<Dependent> = out
            .flows
            .iter()
            .filter(|f| ids.contains(&f.source) || ids.contains(&f.target))
            .map(|f| Dependent {
                how: "of a step in it".into(),
                ..self.flow_dependent(out, f, d.keeper)
            })
            .collect();
        let homeless = dependents.iter().any(|s| s.kept_in.is_none());
        let consequence =
            (!dependents.is_empty()).then(|| self.lane_sentence(d, &dependents, &flows));
        dependents.extend(flows);

        let c = &mut self.conflicts[d.conflict];
        c.consequence = consequence;
        c.fate = fate.clone();
        if d.deleted && !ids.is_empty() {
            if fate == Some(Fate::Drop) {
                remove_steps(out, &ids);
            } else if homeless {
                // No lane is left to keep the steps in: the lane stays until deleting is confirmed.
                c.needs_confirmation = true;
                out.lanes.extend(d.lane.clone());
            } else {
                for s in &dependents {
                    if let (Some(kept), Some(node)) =
                        (&s.kept_in, out.nodes.iter_mut().find(|n| n.id == s.id))
                    {
                        node.lane = kept.lane;
                    }
                }
            }
        }
        c.dependents = dependents;
    }

    /// What the side that kept lane `d` did to step `n` in it.
    fn step_how(&self, n: &Node, d: &Deletion) -> String {
        match self.base_node(n.id, d.keeper) {
            None => "added in it".into(),
            Some(b) if b.lane == d.base => "changed".into(),
            Some(_) => "moved into it".into(),
        }
    }

    fn base_node(&self, id: Id, side: Side) -> Option<&Node> {
        let pairs = match side {
            Side::Mine => &self.s.to_mine,
            Side::Theirs => &self.s.to_theirs,
        };
        let base = pairs.nodes.old_of(id)?;
        self.base.nodes.get(&base).copied()
    }

    /// The lane a kept step of deleted lane `d` goes to: the one picked, else the lane it came
    /// from, else the lane the deleting side has it in, else the first lane.
    fn kept_in(
        &self,
        out: &Process,
        names: &Names,
        n: &Node,
        d: &Deletion,
        picked: Option<Id>,
    ) -> Option<KeptIn> {
        let there = |lane: Id| lane != d.id && out.lane(lane).is_some();
        let to = |lane: Id, why: &str| {
            out.lane(lane)?;
            Some(KeptIn {
                lane,
                name: names.text(lane),
                why: why.to_string(),
            })
        };
        if let Some(lane) = picked.filter(|l| there(*l)) {
            return to(lane, "the lane picked");
        }
        let base = self.base_node(n.id, d.keeper);
        if let Some(lane) = base
            .and_then(|b| self.merged_lane(b.lane))
            .filter(|l| there(*l))
        {
            return to(lane, "the lane it came from");
        }
        let deleter = d.keeper.other();
        let other_lane = base.and_then(|b| match deleter {
            Side::Mine => {
                let id = self.s.to_mine.nodes.new_of(b.id)?;
                Some(self.mine.nodes.get(&id)?.lane)
            }
            Side::Theirs => {
                let id = self.s.to_theirs.nodes.new_of(b.id)?;
                Some(self.s.lane_from_theirs(self.theirs.nodes.get(&id)?.lane))
            }
        });
        if let Some(lane) = other_lane.filter(|l| there(*l)) {
            let why = format!("the lane {} has it in", self.people.of(deleter));
            return to(lane, &why);
        }
        let first = out.lanes_in_order().into_iter().find(|l| there(l.id))?;
        let why = if base.is_some() {
            "the first lane, as the lane it came from is deleted"
        } else {
            "the first lane, as it was added in the deleted one"
        };
        to(first.id, why)
    }

    /// A base lane's id in the merged definition.
    fn merged_lane(&self, base: Id) -> Option<Id> {
        self.s.to_mine.lanes.new_of(base).or_else(|| {
            let theirs = self.s.to_theirs.lanes.new_of(base)?;
            Some(self.s.lane_from_theirs(theirs))
        })
    }

    fn flow_dependent(&self, out: &Process, f: &Flow, keeper: Side) -> Dependent {
        let pairs = match keeper {
            Side::Mine => &self.s.to_mine,
            Side::Theirs => &self.s.to_theirs,
        };
        Dependent {
            element: DiffElement::Flow,
            id: f.id,
            name: ends(&Names::of(out), f.source, f.target),
            how: match pairs.flows.old_of(f.id) {
                None => "added".into(),
                Some(_) => "reconnected or changed".into(),
            },
            kept_in: None,
        }
    }

    /// The message flows and associations that the side keeping step `d` connected to it (the
    /// deleting side's own went with the step): like flows, they cannot outlive it.
    fn connected_beside(&self, out: &Process, d: &Deletion) -> Vec<Dependent> {
        let names = Names::of(out);
        let base = self.s.base;
        let in_base = |id: Id| {
            base.messages.iter().any(|m| m.id == id) || base.associations.iter().any(|a| a.id == id)
        };
        let ends = (out.messages.iter())
            .map(|m| (DiffElement::Message, m.id, m.source, m.target))
            .chain(
                (out.associations.iter())
                    .map(|a| (DiffElement::Association, a.id, a.source, a.target)),
            );
        ends.filter(|(_, _, source, target)| *source == d.id || *target == d.id)
            .map(|(element, id, source, target)| Dependent {
                element,
                id,
                name: crate::describe::ends(&names, source, target),
                how: if in_base(id) { "changed" } else { "added" }.into(),
                kept_in: None,
            })
            .collect()
    }

    /// "deleting lane "Audit" would also delete the step "Schedule payment" that ann moved
    /// into it and the flows "…"; unless that is confirmed, "Schedule payment" is kept in lane
    /// "Payment run" (the lane it came from)".
    fn lane_sentence(&self, d: &Deletion, steps: &[Dependent], flows: &[Dependent]) -> String {
        let who = self.people.of(d.keeper);
        let mut named: Vec<String> = steps
            .iter()
            .map(|s| format!("the step \"{}\" that {who} {}", s.name, s.how))
            .collect();
        if !flows.is_empty() {
            let list: Vec<String> = flows.iter().map(|f| format!("\"{}\"", f.name)).collect();
            let word = if flows.len() == 1 { "flow" } else { "flows" };
            named.push(format!("its {word} {}", list.join(", ")));
        }
        let kept: Vec<String> = steps
            .iter()
            .map(|s| match &s.kept_in {
                Some(k) => format!("\"{}\" is kept in lane \"{}\" ({})", s.name, k.name, k.why),
                None => format!("\"{}\" has no lane left to go to", s.name),
            })
            .collect();
        format!(
            "deleting lane \"{}\" would also delete {}; unless that is confirmed, {}",
            d.name,
            and_list(&named),
            kept.join(", ")
        )
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Removes steps and every flow, message flow and association that touches one of them.
fn remove_steps(out: &mut Process, ids: &HashSet<Id>) {
    out.nodes.retain(|n| !ids.contains(&n.id));
    out.flows
        .retain(|f| !ids.contains(&f.source) && !ids.contains(&f.target));
    out.messages
        .retain(|m| !ids.contains(&m.source) && !ids.contains(&m.target));
    out.associations
        .retain(|a| !ids.contains(&a.source) && !ids.contains(&a.target));
}
