//! Property: any sequence of commands, undone in reverse, gives back the exact canonical bytes,
//! and redone gives the same bytes as the first time.

mod support;

use flowlane::canonical;
use flowlane::edit::Command;
use flowlane::model::{Bounds, GatewayKind, Lane, Node, NodeKind, Point, Process};
use flowlane::samples;
use flowlane::session::Session;
use proptest::prelude::*;
use support::edits::{graph_edit, pick};
use uuid::Uuid;

/// A command described by numbers, turned into a real one against whatever the process is then.
#[derive(Clone, Debug)]
struct Seed {
    kind: u8,
    a: usize,
    b: usize,
    x: f64,
}

fn seeds() -> impl Strategy<Value = Vec<Seed>> {
    let seed = (0u8..12, any::<usize>(), any::<usize>(), 0.0..2000.0f64)
        .prop_map(|(kind, a, b, x)| Seed { kind, a, b, x });
    prop::collection::vec(seed, 1..40)
}

fn command(p: &Process, seed: &Seed, fresh: Uuid) -> Option<Command> {
    let lane = pick(&p.lanes, seed.a)?;
    let bounds = Bounds::new(seed.x, 20.0, 120.0, 60.0);
    let renamed = format!("Renamed {}", seed.a % 7);
    Some(match seed.kind {
        0 => Command::AddNode {
            node: Node {
                id: fresh,
                lane: lane.id,
                name: format!("Step {}", seed.b % 100),
                kind: NodeKind::Gateway {
                    gateway: GatewayKind::Exclusive,
                    condition: None,
                },
                parent: None,
            },
            bounds,
        },
        1..=5 => graph_edit(p, seed.kind, (seed.a, seed.b), bounds, fresh, renamed)?,
        6 => Command::AddLane {
            lane: Lane {
                id: fresh,
                name: "New".into(),
                team: String::new(),
                trigger: String::new(),
                output: String::new(),
                order: u32::try_from(p.lanes.len()).unwrap(),
                pool: None,
            },
            height: 100.0 + seed.x / 10.0,
        },
        7 => Command::RemoveLane { lane: lane.id },
        8 => {
            let mut lanes: Vec<_> = p.lanes_in_order().iter().map(|l| l.id).collect();
            let by = seed.b % lanes.len();
            lanes.rotate_left(by);
            Command::ReorderLanes { lanes }
        }
        9 => Command::ResizeLane {
            lane: lane.id,
            height: 60.0 + seed.x,
        },
        10 => Command::SetWaypoints {
            flow: pick(&p.flows, seed.b)?.id,
            points: vec![Point { x: seed.x, y: 10.0 }],
        },
        _ => Command::Batch {
            commands: vec![
                Command::RemoveFlow {
                    flow: pick(&p.flows, seed.a)?.id,
                },
                Command::UpdateLane {
                    lane: Lane {
                        trigger: "Batch".into(),
                        ..lane
                    },
                },
            ],
        },
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn undo_all_restores_and_redo_all_repeats(seeds in seeds()) {
        let original = samples::versions().swap_remove(0).0;
        let mut session = Session::new(original.clone(), Some(1));
        let mut gestures = 0;
        for (n, seed) in seeds.iter().enumerate() {
            let fresh = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0001_0000 + n as u128);
            let Some(command) = command(session.process(), seed, fresh) else { continue };
            // A refused command (e.g. a duplicate) must leave the process as it was.
            let before = canonical::to_bytes(session.process());
            match session.execute(command) {
                Ok(patch) if !patch.changes.is_empty() => gestures += 1,
                Ok(_) => prop_assert_eq!(canonical::to_bytes(session.process()), before),
                Err(_) => prop_assert_eq!(canonical::to_bytes(session.process()), before),
            }
        }
        let edited = canonical::to_bytes(session.process());
        for _ in 0..gestures {
            prop_assert!(session.undo().unwrap().is_some());
        }
        prop_assert!(session.undo().unwrap().is_none());
        prop_assert_eq!(canonical::to_bytes(session.process()), canonical::to_bytes(&original));
        for _ in 0..gestures {
            prop_assert!(session.redo().unwrap().is_some());
        }
        prop_assert_eq!(canonical::to_bytes(session.process()), edited);
    }
}
