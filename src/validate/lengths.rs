//! Length caps on every text a person writes: a name fits on a line (1,000 characters), a
//! description or condition on a page (10,000). Without them a 10 MB name is stored, printed and
//! drawn whole.

use crate::model::{Id, NodeKind, Process};

/// Names, labels, teams, roles, outcomes.
pub const LINE: usize = 1_000;
/// Descriptions and conditions.
pub const PAGE: usize = 10_000;

/// Each text over its cap: the element it belongs to (none for the process), what it is, its
/// length and the cap.
pub(super) fn too_long(p: &Process) -> Vec<(Option<Id>, &'static str, usize, usize)> {
    let mut texts: Vec<(Option<Id>, &'static str, &str, usize)> = vec![
        (None, "the process name", p.info.name.as_str(), LINE),
        (None, "the process outcome", p.info.outcome.as_str(), LINE),
        (None, "the process owner", p.info.owner.as_str(), LINE),
    ];
    for v in &p.info.variables {
        texts.push((
            None,
            "a variable's description",
            v.description.as_str(),
            PAGE,
        ));
    }
    for l in &p.lanes {
        let id = Some(l.id);
        texts.extend([
            (id, "a lane name", l.name.as_str(), LINE),
            (id, "a lane's team", l.team.as_str(), LINE),
            (id, "a lane's trigger", l.trigger.as_str(), LINE),
            (id, "a lane's output", l.output.as_str(), LINE),
        ]);
    }
    for n in &p.nodes {
        let id = Some(n.id);
        texts.push((id, "a step name", n.name.as_str(), LINE));
        match &n.kind {
            NodeKind::Task {
                assignee,
                description,
                ..
            } => texts.extend([
                (id, "a step's role", assignee.as_str(), LINE),
                (id, "a step's description", description.as_str(), PAGE),
            ]),
            NodeKind::End { outcome, .. } => {
                texts.push((id, "an end's outcome", outcome.as_str(), LINE))
            }
            _ => {}
        }
    }
    for f in &p.flows {
        let id = Some(f.id);
        texts.push((id, "a flow label", f.label.as_str(), LINE));
        if let Some(condition) = &f.condition {
            texts.push((id, "a condition", condition.as_str(), PAGE));
        }
    }
    texts
        .into_iter()
        .filter_map(|(id, what, text, cap)| {
            // Bytes bound characters from above: most texts skip the count.
            (text.len() > cap)
                .then(|| text.chars().count())
                .filter(|chars| *chars > cap)
                .map(|chars| (id, what, chars, cap))
        })
        .collect()
}
