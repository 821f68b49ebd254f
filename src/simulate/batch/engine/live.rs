//! One slot of the batch engine: an instance running, or one run of a parallel multi-instance
//! sub-process (see `parallel_runs`).

use serde_json::{Map, Value as Json};

use crate::simulate::batch::net::Net;

/// One running instance: tokens per flow, work under way, its data.
pub(super) struct Live {
    /// The instance's number in arrival order.
    pub(super) case: u64,
    pub(super) arrived: f64,
    pub(super) counted: bool,
    pub(super) marking: Vec<u32>,
    pub(super) tokens: u32,
    /// Tasks queued or at work and timers running.
    pub(super) working: u32,
    /// Work under way per node (a running sub-process counts as one); kept only when the net
    /// tracks work.
    pub(super) in_node: Vec<u32>,
    /// Bumped whenever the slot is reused, so events of an earlier instance are known as stale.
    pub(super) generation: u32,
    /// Per node: work cancelled by a boundary event whose completion is still to come.
    pub(super) cancelled: Vec<u32>,
    /// Per node: how often it began, so a boundary timer knows whether its run still goes on.
    pub(super) runs: Vec<u32>,
    /// Per node: iterations of a loop task so far.
    pub(super) loops: Vec<u32>,
    /// The sub-processes running their contents (`Net::scopes` indices), outermost first, each
    /// with the runs still to come (a sequential multi-instance sub-process).
    pub(super) active: Vec<(u32, u32)>,
    pub(super) firings: u32,
    pub(super) cost: f64,
    pub(super) data: Map<String, Json>,
    /// For a run of a parallel multi-instance sub-process: whose run it is.
    pub(super) parent: Option<Parent>,
    /// The parallel multi-instance sub-processes waiting for their runs, with the runs left.
    pub(super) parallel: Vec<(u32, u32)>,
}

/// The instance (or outer run) a parallel run belongs to, and its sub-process.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Parent {
    pub(super) instance: u32,
    pub(super) generation: u32,
    pub(super) node: u32,
}

impl Live {
    pub(super) fn blank(net: &Net) -> Live {
        Live {
            case: 0,
            arrived: 0.0,
            counted: false,
            marking: vec![0; net.flows.len()],
            tokens: 0,
            working: 0,
            in_node: match net.track_work {
                true => vec![0; net.nodes.len()],
                false => Vec::new(),
            },
            generation: 0,
            cancelled: vec![0; net.nodes.len()],
            runs: vec![0; net.nodes.len()],
            loops: vec![0; net.nodes.len()],
            active: Vec::new(),
            firings: 0,
            cost: 0.0,
            data: Map::new(),
            parent: None,
            parallel: Vec::new(),
        }
    }

    /// Begins a new run in this slot: nothing of the last one's state is left.
    pub(super) fn reset(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.marking.iter_mut().for_each(|m| *m = 0);
        self.in_node.iter_mut().for_each(|c| *c = 0);
        self.cancelled.iter_mut().for_each(|c| *c = 0);
        self.loops.iter_mut().for_each(|c| *c = 0);
        self.tokens = 0;
        self.working = 0;
        self.active.clear();
        self.firings = 0;
        self.cost = 0.0;
        self.data.clear();
        self.parent = None;
        self.parallel.clear();
    }
}
