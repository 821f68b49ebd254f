//! Layout: node bounds, lane heights and bend points of the merged elements, three-way like
//! every other value; two different moves of one node are a conflict too.

use super::records::Merger;
use super::sides::Slot;
use super::values::{bounds_text, decide, points_text, Take};
use super::Side;
use crate::diff::semantic::DiffElement;
use crate::model::{Id, Layout, Point};

impl Merger<'_> {
    /// One layout value of a kept element: three-way when both sides have the element, else
    /// the value of the side that has it.
    #[allow(clippy::too_many_arguments)]
    fn layout_value<T: Clone + PartialEq>(
        &mut self,
        slot: &Slot,
        element: DiffElement,
        name: &str,
        field: &str,
        (b, m, t): (Option<&T>, Option<&T>, Option<&T>),
        show: impl Fn(&T) -> String,
    ) -> Option<T> {
        match (slot.mine.is_some(), slot.theirs.is_some()) {
            (true, true) => match decide(&b, &m, &t) {
                Take::Mine => m.cloned(),
                Take::Theirs => t.cloned(),
                Take::Conflict => {
                    let anchor = slot.anchor().to_string();
                    let choice =
                        self.conflict(element, &anchor, name, field, m.map(&show), t.map(&show));
                    if choice == Side::Theirs {
                        t.cloned()
                    } else {
                        m.cloned()
                    }
                }
            },
            (true, false) => m.cloned(),
            (false, true) => t.cloned(),
            (false, false) => None,
        }
    }

    /// How a kept element is named in layout conflicts: as my side names it, else theirs.
    fn kept_name(&self, id: Id) -> String {
        let label = self
            .mine
            .names
            .get(id)
            .or_else(|| self.theirs.names.get(id));
        label.map_or_else(String::new, |l| l.text.clone())
    }

    pub(super) fn layout(&mut self) -> Layout {
        let (lb, lm, lt) = (
            &self.s.base.layout,
            &self.s.mine.layout,
            &self.s.theirs.layout,
        );
        let mut out = Layout::default();
        for (slot, id) in self.kept_nodes.clone() {
            let name = self.kept_name(id);
            let values = (
                slot.base.and_then(|i| lb.nodes.get(&i)),
                slot.mine.and_then(|i| lm.nodes.get(&i)),
                slot.theirs.and_then(|i| lt.nodes.get(&i)),
            );
            let bounds = self.layout_value(
                &slot,
                DiffElement::Node,
                &name,
                "bounds",
                values,
                bounds_text,
            );
            if let Some(bounds) = bounds {
                out.nodes.insert(id, bounds);
            }
        }
        for (slot, id) in self.kept_lanes.clone() {
            let name = self.kept_name(id);
            let values = (
                slot.base.and_then(|i| lb.lanes.get(&i)),
                slot.mine.and_then(|i| lm.lanes.get(&i)),
                slot.theirs.and_then(|i| lt.lanes.get(&i)),
            );
            let height = self.layout_value(
                &slot,
                DiffElement::Lane,
                &name,
                "height",
                values,
                |h: &f64| h.to_string(),
            );
            if let Some(height) = height {
                out.lanes.insert(id, height);
            }
        }
        for (slot, id) in self.kept_flows.clone() {
            let values = (
                slot.base.and_then(|i| lb.flows.get(&i)),
                slot.mine.and_then(|i| lm.flows.get(&i)),
                slot.theirs.and_then(|i| lt.flows.get(&i)),
            );
            let name = self
                .mine
                .flows
                .get(&id)
                .map(|f| (Side::Mine, *f))
                .or_else(|| self.theirs.flows.get(&id).map(|f| (Side::Theirs, *f)))
                .map_or_else(String::new, |(side, f)| {
                    format!(
                        "{} → {}",
                        self.node_name(side, f.source),
                        self.node_name(side, f.target)
                    )
                });
            let points = self.layout_value(
                &slot,
                DiffElement::Flow,
                &name,
                "waypoints",
                values,
                |p: &Vec<Point>| points_text(p),
            );
            if let Some(points) = points {
                out.flows.insert(id, points);
            }
        }
        out
    }
}
