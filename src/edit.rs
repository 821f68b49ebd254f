//! Editing: a `Command` becomes a `Patch`; `apply` (or `apply_in_place`) and `invert` are the only
//! ways a patch acts.
//!
//! A patch is a list of record changes, each with the record before and after, so the same value
//! serves undo (invert it), redraw (the changed records) and diff. Follow-up effects of a command
//! (deleting a node deletes its flows) are computed here, once, so no caller repeats them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{
    Artifact, Association, Bounds, Flow, Id, Lane, Layout, MessageFlow, Node, Point, Pool, Process,
    ProcessInfo,
};

mod execute;
mod otherwise;
mod record;
mod structure;

pub use execute::execute;
pub use record::{get, Key, Record};

/// `before: None` is an insertion, `after: None` a removal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Change {
    pub key: Key,
    pub before: Option<Record>,
    pub after: Option<Record>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Patch {
    pub changes: Vec<Change>,
}

/// What a user can ask for. One command is one gesture, hence one undo entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "command", rename_all = "snake_case")]
#[ts(export)]
pub enum Command {
    UpdateInfo {
        info: ProcessInfo,
    },
    AddLane {
        lane: Lane,
        height: f64,
    },
    UpdateLane {
        lane: Lane,
    },
    /// Removes the lane with every node in it.
    RemoveLane {
        lane: Id,
    },
    /// Adds a node; a boundary event (kind `Boundary`) takes its host's lane and parent and
    /// sits on the host's border.
    AddNode {
        node: Node,
        bounds: Bounds,
    },
    /// Changes a node; a boundary event given another host moves onto that host's border.
    UpdateNode {
        node: Node,
    },
    /// Moves a node, possibly into another lane, which makes it a step of that workflow. Its
    /// boundary events (and an expanded sub-process's contents) move along; dropped inside an
    /// expanded sub-process it goes into it, dropped outside it comes out.
    MoveNode {
        node: Id,
        lane: Id,
        bounds: Bounds,
    },
    /// Removes the node with its flows, boundary events, message flows and associations, and a
    /// sub-process with everything inside it.
    RemoveNode {
        node: Id,
    },
    /// Adds a flow; a plain flow out of an exclusive decision whose other ways out all have
    /// conditions becomes its default.
    AddFlow {
        flow: Flow,
    },
    /// Changes a flow; a condition typed on a default flow ends its being the default.
    UpdateFlow {
        flow: Flow,
    },
    RemoveFlow {
        flow: Id,
    },
    /// Puts the lanes in this order, top to bottom; every lane must be listed once.
    ReorderLanes {
        lanes: Vec<Id>,
    },
    ResizeLane {
        lane: Id,
        height: f64,
    },
    /// Sets a flow's bend points; an empty list returns it to automatic routing.
    SetWaypoints {
        flow: Id,
        points: Vec<Point>,
    },
    /// Adds a pool; `height` is the band of a pool without lanes.
    AddPool {
        pool: Pool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        height: Option<f64>,
    },
    UpdatePool {
        pool: Pool,
    },
    /// Removes the pool with its lanes (and their nodes) and the message flows to and from it.
    RemovePool {
        pool: Id,
    },
    AddMessage {
        message: MessageFlow,
    },
    UpdateMessage {
        message: MessageFlow,
    },
    RemoveMessage {
        message: Id,
    },
    AddArtifact {
        artifact: Artifact,
        bounds: Bounds,
    },
    UpdateArtifact {
        artifact: Artifact,
    },
    MoveArtifact {
        artifact: Id,
        bounds: Bounds,
    },
    /// Removes the artifact with its associations.
    RemoveArtifact {
        artifact: Id,
    },
    AddAssociation {
        association: Association,
    },
    UpdateAssociation {
        association: Association,
    },
    RemoveAssociation {
        association: Id,
    },
    /// Tidy up: every node box, lane height and bend point as `layout` has them, one undo entry;
    /// bend points `layout` leaves out are dropped (those flows are routed automatically).
    Arrange {
        layout: Layout,
    },
    /// Several commands as one gesture (a multi-selection moved, pasted or deleted): one undo entry.
    Batch {
        commands: Vec<Command>,
    },
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("there is no lane {0}")]
    UnknownLane(Id),
    #[error("there is no node {0}")]
    UnknownNode(Id),
    #[error("there is no flow {0}")]
    UnknownFlow(Id),
    #[error("id {0} is already used in this process")]
    DuplicateId(Id),
    #[error("the process changed under this edit ({0:?} is not as the edit expected); reload and try again")]
    Conflict(Key),
    #[error("a lane order must list each of the process's {expected} lanes exactly once")]
    LaneOrder { expected: usize },
    #[error("there is no pool {0}")]
    UnknownPool(Id),
    #[error("there is no message flow {0}")]
    UnknownMessage(Id),
    #[error("there is no artifact {0}")]
    UnknownArtifact(Id),
    #[error("there is no association {0}")]
    UnknownAssociation(Id),
    #[error("{0} is neither a node nor a pool of this process")]
    UnknownEnd(Id),
    #[error("a boundary event sits on a task, call or sub-process; {0} is none of these")]
    NotAnActivity(Id),
    #[error("a sequence flow stays inside its sub-process; draw it inside, or move the step")]
    CrossesSubProcess,
    #[error("a sequence flow stays inside its pool; between pools, draw a message flow")]
    CrossesPool,
    #[error("a message flow goes from one participant to another, never within one pool")]
    MessageWithinPool,
    #[error("a sub-process cannot go inside itself")]
    InsideItself,
    #[error("a lane must be taller than {MIN_LANE_HEIGHT} (got {0})")]
    LaneHeight(f64),
}

/// The shortest lane that still shows its header and one row of steps.
pub const MIN_LANE_HEIGHT: f64 = 60.0;

/// Applies a patch to a copy of the process (see `apply_in_place`).
pub fn apply(process: &Process, patch: &Patch) -> Result<Process, EditError> {
    let mut next = process.clone();
    apply_in_place(&mut next, patch)?;
    Ok(next)
}

/// Applies a patch where the process is: an undo at 5,000 nodes spent most of its time copying
/// the process. Every change must find the record it expects before it (the one an earlier
/// change of the patch left, if any). All are checked before any is made, so a stale patch is
/// refused and the process stays as it was; records are independent, so checking first finds
/// what checking as they are made would.
pub fn apply_in_place(process: &mut Process, patch: &Patch) -> Result<(), EditError> {
    let mut pending: BTreeMap<Key, Option<&Record>> = BTreeMap::new();
    for change in &patch.changes {
        let found = match pending.get(&change.key) {
            Some(earlier) => *earlier == change.before.as_ref(),
            None => get(process, change.key) == change.before,
        };
        if !found {
            return Err(EditError::Conflict(change.key));
        }
        pending.insert(change.key, change.after.as_ref());
    }
    for change in &patch.changes {
        record::put(process, change.key, change.after.clone());
    }
    Ok(())
}

/// The patch that undoes `patch`.
pub fn invert(patch: &Patch) -> Patch {
    Patch {
        changes: patch
            .changes
            .iter()
            .rev()
            .map(|c| Change {
                key: c.key,
                before: c.after.clone(),
                after: c.before.clone(),
            })
            .collect(),
    }
}
