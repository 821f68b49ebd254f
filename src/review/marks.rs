//! A semantic diff as marks on both diagrams: on the older one what was removed, changed or
//! moved; on the newer one what was added, changed or moved, and the removed nodes and artifacts
//! as ghosts. Each mark links to its entry in the change list (`#change-N`, N its place in
//! `Diff::changes`). Also the region where the changes are, for a close-up.

use std::collections::HashMap;

use crate::diff::semantic::{Diff, DiffElement, DiffStatus, ElementChange};
use crate::export::diagram::geometry::union;
use crate::export::diagram::{build_scene, Scene};
use crate::export::svg::{whole_view, Ghost, Look, Mark, Overlay};
use crate::model::{Bounds, Id, Process};

/// Room around the changed elements in a close-up.
const CLOSE_UP_MARGIN: f64 = 60.0;
/// A close-up is at least this big, so the changes are seen with their neighbours.
const CLOSE_UP_MIN: (f64, f64) = (720.0, 360.0);
/// No close-up when the changes cover this share of the diagram or more: the whole shows them.
const CLOSE_UP_MAX_SHARE: f64 = 0.5;

pub(super) struct Sides {
    pub before: Overlay,
    pub after: Overlay,
    /// The part of the newer diagram that holds the changes, when it is a small part.
    pub close_up: Option<Bounds>,
}

pub(super) fn sides(old: &Process, new: &Process, diff: &Diff) -> Sides {
    let (old_scene, new_scene) = (build_scene(old), build_scene(new));
    let (old_boxes, new_boxes) = (boxes(&old_scene), boxes(&new_scene));
    let mut before = Overlay {
        prefix: "before".into(),
        ..Overlay::default()
    };
    let mut after = Overlay {
        prefix: "after".into(),
        ..Overlay::default()
    };
    let mut region: Option<Bounds> = None;
    let mut take = |r: &Bounds| region = Some(region.map_or(*r, |all| union(&all, r)));
    for (i, change) in diff.changes.iter().enumerate() {
        let link = Some(format!("#change-{i}"));
        let mark = Mark {
            look: look(change.status),
            note: note(change),
            link: link.clone(),
        };
        let old_box = change
            .old_id
            .and_then(|id| old_boxes.get(&id).map(|r| (id, r)));
        let new_box = change
            .new_id
            .and_then(|id| new_boxes.get(&id).map(|r| (id, r)));
        if let Some((id, r)) = old_box {
            before.marks.insert(id, mark.clone());
            let ghosted = matches!(change.element, DiffElement::Node | DiffElement::Artifact);
            if change.status == DiffStatus::Removed && ghosted {
                after.ghosts.push(Ghost {
                    id,
                    rect: *r,
                    name: change.name.clone(),
                    link,
                });
                take(r);
            }
        }
        if let Some((id, r)) = new_box {
            after.marks.insert(id, mark);
            take(r);
        }
    }
    Sides {
        before,
        after,
        close_up: region.and_then(|r| close_up(r, &whole_view(&new_scene))),
    }
}

/// Where each element with a shape is: nodes, flows, message flows and artifacts by what they
/// paint; lanes and pools by their header, so a changed lane does not widen the close-up to the
/// whole diagram.
fn boxes(scene: &Scene) -> HashMap<Id, Bounds> {
    let pools = scene.pools.iter().map(|p| {
        let header = Bounds {
            w: crate::export::diagram::POOL_HEADER_WIDTH,
            ..p.rect
        };
        (p.id, header)
    });
    pools
        .chain(scene.lanes.iter().map(|l| (l.id, l.header)))
        .chain(scene.nodes.iter().map(|n| (n.id, n.bbox)))
        .chain(scene.flows.iter().map(|f| (f.id, f.bbox)))
        .chain(scene.messages.iter().map(|m| (m.id, m.bbox)))
        .chain(scene.artifacts.iter().map(|a| (a.id, a.bbox)))
        .collect()
}

fn look(status: DiffStatus) -> Look {
    match status {
        DiffStatus::Added => Look::Added,
        DiffStatus::Removed => Look::Removed,
        DiffStatus::Changed => Look::Changed,
        DiffStatus::Moved => Look::Moved,
    }
}

/// What the mark says: the status, where a moved node came from, or that it was re-created.
fn note(change: &ElementChange) -> String {
    match (&change.moved, change.recreated) {
        (Some(moved), _) => format!("moved from {}", moved.from_name),
        (None, true) => "re-created".into(),
        (None, false) => look(change.status).word().into(),
    }
}

/// The changed region with room around it, kept inside the diagram; none when it is most of it.
fn close_up(region: Bounds, whole: &Bounds) -> Option<Bounds> {
    let w = (region.w + 2.0 * CLOSE_UP_MARGIN)
        .max(CLOSE_UP_MIN.0)
        .min(whole.w);
    let h = (region.h + 2.0 * CLOSE_UP_MARGIN)
        .max(CLOSE_UP_MIN.1)
        .min(whole.h);
    let centre = (region.x + region.w / 2.0, region.y + region.h / 2.0);
    let x = (centre.0 - w / 2.0).clamp(whole.x, whole.x + whole.w - w);
    let y = (centre.1 - h / 2.0).clamp(whole.y, whole.y + whole.h - h);
    (w * h < CLOSE_UP_MAX_SHARE * whole.w * whole.h).then_some(Bounds { x, y, w, h })
}
