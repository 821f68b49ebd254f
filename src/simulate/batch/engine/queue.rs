//! The event queue of the batch run: the earliest event first, ties in the order scheduled.

use std::cmp::Ordering;

use super::What;

#[derive(Clone, Copy, Debug)]
pub(super) struct Event {
    pub(super) at: f64,
    /// Tie-break: events at the same time happen in the order they were scheduled.
    pub(super) seq: u64,
    pub(super) what: What,
}

impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Event {}
impl PartialOrd for Event {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Event {
    /// Reversed, so the max-heap pops the earliest event.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .at
            .total_cmp(&self.at)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}
