//! What is drawn beside the flow — pools, message flows, artifacts and associations — merged by
//! id, field by field like lanes: a change on one side is taken, a field changed two ways is a
//! conflict, and an element one side deleted while the other changed it is a deletion conflict.
//! Ends that name steps are read in the merged definition's ids before they are compared.

use super::records::{kept_by, Merger};
use super::values::{changes_text, Fields};
use crate::diff::fields::compare;
use crate::diff::semantic::{DiffElement, DiffField};
use crate::model::{Artifact, ArtifactKind, Association, Direction, Id, MessageFlow, Pool};

/// How one kind of element is named, listed as fields and taken field by field from theirs.
struct Record<T> {
    element: DiffElement,
    id: fn(&T) -> Id,
    name: fn(&T) -> String,
    fields: fn(&T) -> Fields,
    copy: fn(&mut T, &T, DiffField),
}

fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn flag(on: bool) -> Option<String> {
    on.then(|| "true".to_string())
}

const POOL: Record<Pool> = Record {
    element: DiffElement::Pool,
    id: |p| p.id,
    name: |p| p.name.clone(),
    fields: |p| {
        vec![
            (DiffField::Name, text(&p.name)),
            (DiffField::Partner, flag(p.partner)),
            (DiffField::Position, Some(p.order.to_string())),
        ]
    },
    copy: |dst, src, field| match field {
        DiffField::Name => dst.name = src.name.clone(),
        DiffField::Partner => dst.partner = src.partner,
        _ => dst.order = src.order,
    },
};

const MESSAGE: Record<MessageFlow> = Record {
    element: DiffElement::Message,
    id: |m| m.id,
    name: |m| m.name.clone(),
    fields: |m| {
        vec![
            (DiffField::Source, Some(m.source.to_string())),
            (DiffField::Target, Some(m.target.to_string())),
            (DiffField::Name, text(&m.name)),
        ]
    },
    copy: |dst, src, field| match field {
        DiffField::Source => dst.source = src.source,
        DiffField::Target => dst.target = src.target,
        _ => dst.name = src.name.clone(),
    },
};

const ARTIFACT: Record<Artifact> = Record {
    element: DiffElement::Artifact,
    id: |a| a.id,
    name: |a| a.kind.text().to_string(),
    fields: |a| {
        let collection = matches!(
            a.kind,
            ArtifactKind::DataObject {
                collection: true,
                ..
            }
        );
        vec![
            (DiffField::Kind, Some(a.kind.label().to_string())),
            (DiffField::Name, text(a.kind.text())),
            (DiffField::Collection, flag(collection)),
            (DiffField::Parent, a.parent.map(|p| p.to_string())),
        ]
    },
    copy: |dst, src, field| match field {
        DiffField::Parent => dst.parent = src.parent,
        // The kind, its text and the collection mark are one value in the model.
        _ => dst.kind = src.kind.clone(),
    },
};

const ASSOCIATION: Record<Association> = Record {
    element: DiffElement::Association,
    id: |a| a.id,
    name: |_| "association".to_string(),
    fields: |a| {
        let direction = match a.direction {
            Direction::None => None,
            Direction::One => Some("one".to_string()),
            Direction::Both => Some("both".to_string()),
        };
        vec![
            (DiffField::Source, Some(a.source.to_string())),
            (DiffField::Target, Some(a.target.to_string())),
            (DiffField::Direction, direction),
        ]
    },
    copy: |dst, src, field| match field {
        DiffField::Source => dst.source = src.source,
        DiffField::Target => dst.target = src.target,
        _ => dst.direction = src.direction,
    },
};

impl Merger<'_> {
    pub(super) fn pools(&mut self) -> Vec<Pool> {
        let (b, m, t) = (self.s.base, self.s.mine, self.s.theirs);
        self.by_id(&POOL, b.pools.clone(), m.pools.clone(), t.pools.clone())
    }

    pub(super) fn messages(&mut self) -> Vec<MessageFlow> {
        let ends = |m: &MessageFlow, map: &dyn Fn(Id) -> Id| MessageFlow {
            source: map(m.source),
            target: map(m.target),
            ..m.clone()
        };
        let (b, m, t) = self.sides(|p| &p.messages, ends);
        self.by_id(&MESSAGE, b, m, t)
    }

    pub(super) fn artifacts(&mut self) -> Vec<Artifact> {
        let parent = |a: &Artifact, map: &dyn Fn(Id) -> Id| Artifact {
            parent: a.parent.map(map),
            ..a.clone()
        };
        let (b, m, t) = self.sides(|p| &p.artifacts, parent);
        self.by_id(&ARTIFACT, b, m, t)
    }

    pub(super) fn associations(&mut self) -> Vec<Association> {
        let ends = |a: &Association, map: &dyn Fn(Id) -> Id| Association {
            source: map(a.source),
            target: map(a.target),
            ..a.clone()
        };
        let (b, m, t) = self.sides(|p| &p.associations, ends);
        self.by_id(&ASSOCIATION, b, m, t)
    }

    /// The three sides' elements with the step ids they name read as merged ids: base's as
    /// mine (or theirs) has that step, theirs' as the merge names theirs' steps.
    fn sides<T: Clone>(
        &self,
        list: fn(&crate::model::Process) -> &Vec<T>,
        remap: impl Fn(&T, &dyn Fn(Id) -> Id) -> T,
    ) -> (Vec<T>, Vec<T>, Vec<T>) {
        let s = self.s;
        let from_base = |id: Id| {
            s.to_mine.nodes.new_of(id).unwrap_or_else(|| {
                s.to_theirs
                    .nodes
                    .new_of(id)
                    .map_or(id, |t| s.node_from_theirs(t))
            })
        };
        let from_theirs = |id: Id| s.node_from_theirs(id);
        (
            list(s.base).iter().map(|x| remap(x, &from_base)).collect(),
            list(s.mine).clone(),
            list(s.theirs)
                .iter()
                .map(|x| remap(x, &from_theirs))
                .collect(),
        )
    }

    /// Mine's elements in mine's order, then those only theirs has.
    fn by_id<T: Clone>(
        &mut self,
        r: &Record<T>,
        base: Vec<T>,
        mine: Vec<T>,
        theirs: Vec<T>,
    ) -> Vec<T> {
        let find = |list: &[T], id: Id| list.iter().find(|x| (r.id)(x) == id).cloned();
        let mut ids: Vec<Id> = mine.iter().map(r.id).collect();
        ids.extend(
            theirs
                .iter()
                .map(r.id)
                .filter(|id| find(&mine, *id).is_none()),
        );
        let gone: Vec<Id> = base
            .iter()
            .map(r.id)
            .filter(|id| !ids.contains(id))
            .collect();
        ids.extend(gone);
        let mut out = Vec::new();
        for id in ids {
            let anchor = id.to_string();
            let kept = match (find(&base, id), find(&mine, id), find(&theirs, id)) {
                (b, Some(m), Some(t)) => {
                    let bf = b.as_ref().map_or_else(Vec::new, |b| (r.fields)(b));
                    let sides = (&bf, &(r.fields)(&m), &(r.fields)(&t));
                    let mut merged = m.clone();
                    for field in self.fieldwise(r.element, &anchor, &(r.name)(&m), sides) {
                        (r.copy)(&mut merged, &t, field);
                    }
                    Some(merged)
                }
                (Some(b), m, t) if m.is_some() || t.is_some() => {
                    let kept = m.clone().or(t).expect("one side kept it");
                    let changes = compare(&(r.fields)(&b), &(r.fields)(&kept));
                    let side = kept_by(m);
                    let keep = !changes.is_empty()
                        && self.deleted_or_kept(
                            r.element,
                            &anchor,
                            &(r.name)(&kept),
                            side,
                            changes_text(&changes, "changed"),
                        );
                    keep.then_some(kept)
                }
                (None, Some(x), None) | (None, None, Some(x)) => Some(x),
                _ => None,
            };
            out.extend(kept);
        }
        out
    }
}
