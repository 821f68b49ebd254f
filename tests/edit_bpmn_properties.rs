//! Property: any sequence of moves, removals, new boundary events and new flows on a process
//! with boundary events and nested sub-processes keeps what hangs together together — every
//! boundary event on its host's border, in its lane and parent; every node inside an existing
//! sub-process, in its lane; no sequence flow across a sub-process border — and undoing each
//! step gives back the exact bytes.

#[path = "edit_bpmn/fixture.rs"]
mod fixture;

use fixture::*;
use flowlane::canonical;
use flowlane::edit::{apply, execute, invert, Command};
use flowlane::model::{Bounds, Flow, Node, NodeKind, Process};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Step {
    Move {
        node: usize,
        lane: bool,
        x: f64,
        y: f64,
    },
    Remove {
        node: usize,
    },
    Attach {
        host: usize,
        x: f64,
        y: f64,
    },
    Connect {
        source: usize,
        target: usize,
    },
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let at = || (0.0..1000.0f64, 0.0..380.0f64);
    let step = prop_oneof![
        4 => (any::<usize>(), any::<bool>(), at()).prop_map(|(node, lane, (x, y))| Step::Move { node, lane, x, y }),
        1 => any::<usize>().prop_map(|node| Step::Remove { node }),
        2 => (any::<usize>(), at()).prop_map(|(host, (x, y))| Step::Attach { host, x, y }),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(source, target)| Step::Connect { source, target }),
    ];
    prop::collection::vec(step, 1..25)
}

fn pick(p: &Process, i: usize) -> Option<&Node> {
    (!p.nodes.is_empty()).then(|| &p.nodes[i % p.nodes.len()])
}

fn command(p: &Process, step: &Step, fresh: u128) -> Option<Command> {
    Some(match *step {
        Step::Move { node, lane, x, y } => {
            let n = pick(p, node)?;
            let b = p.layout.nodes[&n.id];
            let lane = id(if lane { LANE } else { OTHER_LANE });
            Command::MoveNode {
                node: n.id,
                lane,
                bounds: Bounds::new(x, y, b.w, b.h),
            }
        }
        Step::Remove { node } => Command::RemoveNode {
            node: pick(p, node)?.id,
        },
        Step::Attach { host, x, y } => {
            let host = p
                .nodes
                .iter()
                .filter(|n| n.kind.is_activity())
                .nth(host % 8)?;
            let mut boundary = node(fresh, LANE, timer(0), None);
            boundary.kind = NodeKind::Boundary {
                host: host.id,
                trigger: flowlane::model::Trigger::after("P1D"),
                interrupting: false,
            };
            Command::AddNode {
                node: boundary,
                bounds: Bounds::new(x, y, 36.0, 36.0),
            }
        }
        Step::Connect { source, target } => {
            let (s, t) = (pick(p, source)?, pick(p, target)?);
            Command::AddFlow {
                flow: Flow::between(id(fresh), s.id, t.id),
            }
        }
    })
}

fn holds_together(p: &Process) -> Result<(), String> {
    for n in &p.nodes {
        if let NodeKind::Boundary { host, .. } = n.kind {
            let h = p.node(host).ok_or(format!("{} lost its host", n.name))?;
            if (n.lane, n.parent) != (h.lane, h.parent) {
                return Err(format!("{} is not in its host's lane and parent", n.name));
            }
            let (hb, b) = (p.layout.nodes[&host], p.layout.nodes[&n.id]);
            let (cx, cy) = (b.x + b.w / 2.0, b.y + b.h / 2.0);
            let near = |a: f64, b: f64| (a - b).abs() < 1e-6;
            let on_x = near(cx, hb.x) || near(cx, hb.x + hb.w);
            let on_y = near(cy, hb.y) || near(cy, hb.y + hb.h);
            let within = cx >= hb.x - 1e-6
                && cx <= hb.x + hb.w + 1e-6
                && cy >= hb.y - 1e-6
                && cy <= hb.y + hb.h + 1e-6;
            if !(within && (on_x || on_y)) {
                return Err(format!("{} is off its host's border", n.name));
            }
        }
        if let Some(parent) = n.parent {
            let sub = p
                .node(parent)
                .ok_or(format!("{} is inside a removed sub-process", n.name))?;
            if sub.lane != n.lane {
                return Err(format!("{} is not in its sub-process's lane", n.name));
            }
        }
    }
    for f in &p.flows {
        let parent = |id| p.node(id).map(|n| n.parent);
        if parent(f.source).is_none() || parent(f.source) != parent(f.target) {
            return Err(format!(
                "flow {} crosses a sub-process border or lost an end",
                f.id
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn what_hangs_together_stays_together_and_every_step_undoes(steps in steps()) {
        let mut p = with_boundary(&process(), 30, A);
        for (i, step) in steps.iter().enumerate() {
            let Some(command) = command(&p, step, 100 + i as u128) else { continue };
            let Ok(patch) = execute(&p, command) else { continue };
            let next = apply(&p, &patch).expect("a fresh patch applies");
            let back = apply(&next, &invert(&patch)).expect("its inverse applies");
            prop_assert_eq!(canonical::to_bytes(&back), canonical::to_bytes(&p));
            holds_together(&next).map_err(TestCaseError::fail)?;
            p = next;
        }
    }
}
