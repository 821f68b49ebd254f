//! BPMN fixtures: the builder's text with named nodes given event, sub-process or boundary kinds.

use flowlane::model::{Id, NodeKind, Process, Trigger};

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
