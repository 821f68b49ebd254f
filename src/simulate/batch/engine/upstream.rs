//! The batch side of the inclusive join's upstream look.

use super::Live;
use crate::simulate::batch::net::Net;
use crate::simulate::token_rules::Upstream;

/// The batch side of the inclusive join's upstream look: tokens per flow and work per node.
pub(super) struct View<'a> {
    pub(super) net: &'a Net,
    pub(super) live: &'a Live,
}

impl Upstream for View<'_> {
    type Node = u32;
    type Flow = u32;
    fn inputs(&self, node: u32) -> Vec<(u32, u32)> {
        self.net.nodes[node as usize]
            .inputs
            .iter()
            .map(|f| (*f, self.net.flows[*f as usize].0))
            .collect()
    }
    fn has_token(&self, flow: u32) -> bool {
        self.live.marking[flow as usize] > 0
    }
    fn busy(&self, node: u32) -> bool {
        self.live.in_node.get(node as usize).is_some_and(|c| *c > 0)
    }
}
