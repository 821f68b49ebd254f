//! Property: two random concurrent edit sequences of a sample, merged with random choices, keep
//! every element either side added or changed unless a confirmed resolution removed it (the
//! deletion taken in its own conflict, or a dependent whose deletion was confirmed) or its
//! conflict still waits for a choice; the result is structurally valid and its lanes have
//! distinct orders.

mod support;

use std::collections::{HashMap, HashSet};

use flowlane::diff;
use flowlane::edit::{self, Command};
use flowlane::model::{Bounds, Flow, Id, Lane, Node, Process};
use flowlane::samples;
use flowlane::sync::merge::{merge, Choices, Fate, Merged, People, Side};
use flowlane::validate;
use proptest::prelude::*;
use support::edits::{graph_edit, pick};
use support::task;

/// An edit described by numbers, turned into a command against the process as it is then.
#[derive(Clone, Debug)]
struct Seed {
    kind: u8,
    a: usize,
    b: usize,
}

fn edits() -> impl Strategy<Value = Vec<Seed>> {
    let seed =
        (0u8..9, any::<usize>(), any::<usize>()).prop_map(|(kind, a, b)| Seed { kind, a, b });
    prop::collection::vec(seed, 1..7)
}

/// The command for `seed`; `fresh` is an id no side uses elsewhere, `tag` names what it adds.
fn command(p: &Process, seed: &Seed, fresh: Id, tag: &str) -> Option<Command> {
    let lane = pick(&p.lanes, seed.a)?;
    let bounds = Bounds::new(40.0 + (seed.b % 20) as f64 * 150.0, 40.0, 140.0, 60.0);
    let renamed = format!("{tag} renamed {}", seed.a % 1000);
    Some(match seed.kind {
        0 => Command::AddNode {
            node: task(fresh, lane.id, &format!("{tag} zq step {}", seed.b % 1000)),
            bounds,
        },
        1..=5 => graph_edit(p, seed.kind, (seed.a, seed.b), bounds, fresh, renamed)?,
        6 => Command::AddLane {
            lane: Lane {
                id: fresh,
                name: format!("{tag} zq lane {}", seed.b % 1000),
                team: "Team".into(),
                trigger: "Asked".into(),
                output: "Done".into(),
                // Below the others, as the editor adds one: both sides pick the same order.
                order: p.lanes.iter().map(|l| l.order + 1).max().unwrap_or(0),
                pool: None,
            },
            height: 160.0,
        },
        7 => Command::RemoveLane { lane: lane.id },
        _ => Command::UpdateLane {
            lane: Lane {
                name: format!("{tag} renamed lane {}", seed.b % 1000),
                ..lane
            },
        },
    })
}

/// Applies the edits that apply (a refused one is skipped, as the editor would refuse it).
fn edited(base: &Process, seeds: &[Seed], tag: &str, prefix: u128) -> Process {
    let mut p = base.clone();
    for (i, seed) in seeds.iter().enumerate() {
        let fresh = Id::from_u128(prefix + i as u128);
        let Some(command) = command(&p, seed, fresh, tag) else {
            continue;
        };
        if let Ok(patch) = edit::execute(&p, command) {
            if let Ok(next) = edit::apply(&p, &patch) {
                p = next;
            }
        }
    }
    p
}

/// How an element is recognised in the merge: by id, or by what it is (a re-created element
/// is paired with the one it replaces and keeps that one's id).
#[derive(Debug)]
enum Work {
    Lane(Id, String),
    Node(Id, String),
    Flow(Id, Id, Id),
}

impl Work {
    fn id(&self) -> Id {
        match self {
            Work::Lane(id, _) | Work::Node(id, _) | Work::Flow(id, _, _) => *id,
        }
    }

    fn present(&self, p: &Process) -> bool {
        match self {
            Work::Lane(id, name) => p.lanes.iter().any(|l| l.id == *id || &l.name == name),
            Work::Node(id, name) => p.nodes.iter().any(|n| n.id == *id || &n.name == name),
            Work::Flow(id, source, target) => (p.flows.iter())
                .any(|f| f.id == *id || (f.source == *source && f.target == *target)),
        }
    }
}

/// The lanes, nodes and flows `side` added or changed against `base` (an element deleted and
/// drawn again exactly as it was, under a new id, is no change).
fn work(base: &Process, side: &Process) -> Vec<Work> {
    let mut out = Vec::new();
    for l in &side.lanes {
        if base.lanes.iter().all(|b| b.name != l.name) {
            out.push(Work::Lane(l.id, l.name.clone()));
        }
    }
    for n in &side.nodes {
        if base.nodes.iter().all(|b| {
            b != &Node {
                id: b.id,
                ..n.clone()
            }
        }) {
            out.push(Work::Node(n.id, n.name.clone()));
        }
    }
    for f in &side.flows {
        if base.flows.iter().all(|b| {
            b != &Flow {
                id: b.id,
                ..f.clone()
            }
        }) {
            out.push(Work::Flow(f.id, f.source, f.target));
        }
    }
    out
}

/// Side id → base id of every element the diff pairs under a new id (a flow deleted and drawn
/// again elsewhere reads as that flow reconnected, and its conflict is anchored on the base id).
fn paired_with_base(base: &Process, side: &Process) -> HashMap<Id, Id> {
    (diff::semantic::diff(base, side).changes.iter())
        .filter_map(|c| Some((c.new_id?, c.old_id?)))
        .filter(|(new, old)| new != old)
        .collect()
}

/// Random choices for the open merge's conflicts: a side each, and for a deletion's
/// dependents keep (in their lane or a random one) or a confirmed drop.
fn choose(open: &Merged, picks: &[(bool, u8, usize)], lanes: &[Id]) -> Choices {
    let mut choices = Choices::default();
    for (c, (theirs, fate, lane)) in open.conflicts.iter().zip(picks.iter().cycle()) {
        let side = if *theirs { Side::Theirs } else { Side::Mine };
        choices.sides.insert(c.key.clone(), side);
        let fate = match fate % 3 {
            0 => None,
            1 => pick(lanes, *lane).map(|l| Fate::Keep { lane: Some(l) }),
            _ => Some(Fate::Drop),
        };
        choices.fates.extend(fate.map(|f| (c.key.clone(), f)));
    }
    choices
}

/// What confirmed resolutions removed: the element of a taken deletion, and the dependents
/// whose deletion was confirmed. A conflict without a choice holds mine in the draft, which
/// cannot be saved until it has one: its element counts as waiting, not lost.
fn removed_on_purpose(merged: &Merged) -> HashSet<Id> {
    let mut out = HashSet::new();
    for c in merged.conflicts.iter() {
        if c.choice.is_none() || (c.deletion_taken() && !c.needs_confirmation) {
            out.extend(c.anchor.parse::<Id>().ok());
        }
        if !c.deletion_taken() || c.needs_confirmation {
            continue;
        }
        if c.fate == Some(Fate::Drop) {
            out.extend(c.dependents.iter().map(|d| d.id));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_merge_keeps_what_either_side_kept_unless_a_confirmed_choice_removed_it(
        sample in 0usize..4,
        mine_edits in edits(),
        theirs_edits in edits(),
        picks in prop::collection::vec((any::<bool>(), any::<u8>(), any::<usize>()), 1..8),
    ) {
        let base = samples::versions().swap_remove(sample).0;
        let mine = edited(&base, &mine_edits, "mine", 0xA000_0000_0000_7000_8000_0000_0000_0000);
        let theirs = edited(&base, &theirs_edits, "theirs", 0xB000_0000_0000_7000_8000_0000_0000_0000);
        let people = People::default();
        let open = merge(&base, &mine, &theirs, &Choices::default(), &people);
        let lanes: Vec<Id> = open.process.lanes.iter().map(|l| l.id).collect();
        let choices = choose(&open, &picks, &lanes);
        for merged in [open.clone(), merge(&base, &mine, &theirs, &choices, &people)] {
            let p = &merged.process;
            prop_assert_eq!(validate::structure(p), vec![]);
            let orders: HashSet<u32> = p.lanes.iter().map(|l| l.order).collect();
            prop_assert_eq!(orders.len(), p.lanes.len(), "distinct lane orders");
            let removed = removed_on_purpose(&merged);
            for side in [&mine, &theirs] {
                let paired = paired_with_base(&base, side);
                for w in work(&base, side) {
                    let base_id = paired.get(&w.id());
                    prop_assert!(
                        w.present(p) || removed.contains(&w.id()) || base_id.is_some_and(|b| removed.contains(b)),
                        "{:?} was dropped unasked; conflicts: {:#?}",
                        w,
                        merged.conflicts
                    );
                }
            }
        }
    }
}
