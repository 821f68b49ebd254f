//! New processes: a blank one to start drawing on, and copies (templates, duplicates).

use crate::model::{Bounds, Id, Lane, Node, NodeKind, Process, DEFAULT_LANE_HEIGHT};

/// Where the first step of a blank lane sits (right of the lane's header column), and its size.
const FIRST_STEP: Bounds = Bounds {
    x: 250.0,
    y: 55.0,
    w: 50.0,
    h: 50.0,
};

/// A process with one workflow holding a start event: the smallest thing worth drawing on.
/// `ids` supplies the process, lane and start event ids, in that order.
pub fn blank(name: &str, ids: [Id; 3]) -> Process {
    let [process_id, lane_id, start_id] = ids;
    let mut process = Process::new(process_id, name);
    process.lanes.push(Lane {
        id: lane_id,
        name: "Workflow 1".into(),
        team: String::new(),
        trigger: String::new(),
        output: String::new(),
        order: 0,
        pool: None,
    });
    process.nodes.push(Node {
        id: start_id,
        lane: lane_id,
        name: "Start".into(),
        kind: NodeKind::start(),
        parent: None,
    });
    process.layout.nodes.insert(start_id, FIRST_STEP);
    process.layout.lanes.insert(lane_id, DEFAULT_LANE_HEIGHT);
    process
}

/// The same definition as a new process: a new id and name, element ids kept (they are only
/// unique within one process, and keeping them lets a copy be compared with its original).
pub fn copy_of(process: &Process, id: Id, name: &str) -> Process {
    let mut copy = process.clone();
    copy.id = id;
    copy.info.name = name.to_string();
    copy
}
