//! BPMN fixtures: the builder's text with named nodes given event, sub-process or boundary kinds.

use flowlane::model::{GatewayKind, Id, NodeKind, Process, Trigger};

/// A fixture from the test builder, then each named node given its BPMN kind and parent.
pub fn shaped(text: &str, kinds: Vec<(&str, NodeKind)>, parents: &[(&str, &str)]) -> Process {
    let (mut process, _) = super::build(text);
    let id = |p: &Process, name: &str| {
        p.nodes
            .iter()
            .find(|n| n.name == name)
            .unwrap_or_else(|| panic!("no node {name}"))
            .id
    };
    for (name, kind) in kinds {
        let kind = match kind {
            NodeKind::Boundary {
                trigger,
                interrupting,
                ..
            } => NodeKind::Boundary {
                // The host is named in the fixture by the boundary's name before the dot.
                host: id(&process, name.split('.').next().unwrap_or_default()),
                trigger,
                interrupting,
            },
            other => other,
        };
        let node = id(&process, name);
        let at = process
            .nodes
            .iter()
            .position(|n| n.id == node)
            .expect("node");
        process.nodes[at].kind = kind;
    }
    for (child, parent) in parents {
        let parent = id(&process, parent);
        let child = id(&process, child);
        let at = process
            .nodes
            .iter()
            .position(|n| n.id == child)
            .expect("node");
        process.nodes[at].parent = Some(parent);
    }
    process
}

/// A boundary event for `shaped`, whose host is named by the boundary's name before the dot.
pub fn boundary(trigger: Trigger, interrupting: bool) -> NodeKind {
    NodeKind::Boundary {
        host: Id::nil(),
        trigger,
        interrupting,
    }
}

/// A message catch event waiting for `name`.
pub fn message(name: &str) -> NodeKind {
    NodeKind::Catch {
        trigger: Trigger::Message {
            message: name.into(),
        },
    }
}

/// An event-based gateway G racing message "Reply" (then A, 1h) against a 3-day timer T (then
/// Late, 1h).
pub fn race() -> Process {
    shaped(
        "S:start -> G:task -> M:task -> A:task{duration=1h} -> E:end
         G -> T:task -> Late:task{duration=1h} -> E2:end",
        vec![
            (
                "G",
                NodeKind::Gateway {
                    gateway: GatewayKind::EventBased,
                    condition: None,
                },
            ),
            ("M", message("Reply")),
            (
                "T",
                NodeKind::Catch {
                    trigger: Trigger::after("P3D"),
                },
            ),
        ],
        &[],
    )
}

/// Two branches after a split: A (1h) reaches terminate end T while B (5h) still runs.
pub fn terminating() -> Process {
    shaped(
        "S:start -> Split:and -> A:task{duration=1h} -> T:end
         Split -> B:task{duration=5h} -> E:end",
        vec![(
            "T",
            NodeKind::End {
                outcome: String::new(),
                trigger: Trigger::Terminate,
            },
        )],
        &[],
    )
}

/// Link throw L jumps to the catch C of the same name ("on"), then A (2h); catch Other ("off")
/// leads to B.
pub fn linked() -> Process {
    let link = |name: &str| Trigger::Link { link: name.into() };
    shaped(
        "S:start -> L:task
         C:task -> A:task{duration=2h} -> E:end
         Other:task -> B:task -> E",
        vec![
            (
                "L",
                NodeKind::Throw {
                    trigger: link("on"),
                },
            ),
            (
                "C",
                NodeKind::Catch {
                    trigger: link("on"),
                },
            ),
            (
                "Other",
                NodeKind::Catch {
                    trigger: link("off"),
                },
            ),
        ],
        &[],
    )
}

/// The id of the node named `name`.
pub fn named(process: &Process, name: &str) -> Id {
    process
        .nodes
        .iter()
        .find(|n| n.name == name)
        .unwrap_or_else(|| panic!("no node {name}"))
        .id
}

/// The run's log as `node: event` lines.
pub fn events(instance: &flowlane::simulate::Instance) -> Vec<String> {
    instance
        .log
        .iter()
        .map(|e| format!("{}: {}", e.node_name, e.event))
        .collect()
}

/// Where tokens wait: (flow source name, flow target name, arrival), sorted.
pub fn tokens(
    instance: &flowlane::simulate::Instance,
) -> Vec<(String, String, chrono::DateTime<chrono::Utc>)> {
    let p = &instance.definition;
    let name = |id: Id| p.node(id).map_or("?".into(), |n| n.name.clone());
    let mut out: Vec<_> = instance
        .tokens
        .iter()
        .map(|t| {
            let f = p.flow(t.flow).expect("flow");
            (name(f.source), name(f.target), t.at)
        })
        .collect();
    out.sort();
    out
}
