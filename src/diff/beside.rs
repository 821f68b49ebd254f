//! Changes to what is drawn beside the flow: pools, message flows, artifacts and associations,
//! paired by id, each with its fields; the steps and pools they connect are named, not shown
//! by id.

use std::collections::BTreeMap;

use super::changes::{DiffElement, DiffField, DiffStatus, ElementChange};
use super::fields::{all_fields, compare};
use crate::export::end_name;
use crate::model::{ArtifactKind, Direction, Id, Process};

type Fields = Vec<(DiffField, Option<String>)>;

/// One element as the diff compares it: what it is, what people call it, and its fields.
struct Record {
    element: DiffElement,
    kind: String,
    name: String,
    fields: Fields,
}

fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn record(element: DiffElement, kind: &str, name: String, fields: Fields) -> Record {
    let kind = kind.to_string();
    Record {
        element,
        kind,
        name,
        fields,
    }
}

/// The ends of a message flow or association by name, and its fields: the ends and `own`.
fn connection(
    p: &Process,
    source: Id,
    target: Id,
    own: (DiffField, Option<String>),
) -> (String, Fields) {
    let (from, to) = (end_name(p, source), end_name(p, target));
    let name = format!("{from} → {to}");
    (
        name,
        vec![
            (DiffField::Source, Some(from)),
            (DiffField::Target, Some(to)),
            own,
        ],
    )
}

fn records(p: &Process) -> BTreeMap<Id, Record> {
    let mut out = BTreeMap::new();
    for pool in &p.pools {
        let fields = vec![
            (DiffField::Name, text(&pool.name)),
            (DiffField::Partner, pool.partner.then(|| "yes".to_string())),
        ];
        out.insert(
            pool.id,
            record(DiffElement::Pool, "pool", pool.name.clone(), fields),
        );
    }
    for m in &p.messages {
        let (ends, fields) = connection(p, m.source, m.target, (DiffField::Name, text(&m.name)));
        let name = match text(&m.name) {
            Some(n) => format!("\"{n}\" {ends}"),
            None => ends,
        };
        out.insert(
            m.id,
            record(DiffElement::Message, "message flow", name, fields),
        );
    }
    for a in &p.artifacts {
        let collection = matches!(
            a.kind,
            ArtifactKind::DataObject {
                collection: true,
                ..
            }
        );
        let fields = vec![
            (DiffField::Kind, Some(a.kind.label().to_string())),
            (DiffField::Name, text(a.kind.text())),
            (DiffField::Collection, collection.then(|| "yes".to_string())),
            (DiffField::Parent, a.parent.map(|id| end_name(p, id))),
        ];
        let name = a.kind.text().to_string();
        out.insert(
            a.id,
            record(DiffElement::Artifact, a.kind.label(), name, fields),
        );
    }
    for a in &p.associations {
        let direction = match a.direction {
            Direction::None => None,
            Direction::One => Some("one way".to_string()),
            Direction::Both => Some("both ways".to_string()),
        };
        let (name, fields) = connection(p, a.source, a.target, (DiffField::Direction, direction));
        out.insert(
            a.id,
            record(DiffElement::Association, "association", name, fields),
        );
    }
    out
}

/// Pools, message flows, artifacts and associations added, removed or changed, in that order.
pub(super) fn changes(old: &Process, new: &Process) -> Vec<ElementChange> {
    let (old, new) = (records(old), records(new));
    let mut out: Vec<ElementChange> = Vec::new();
    let ids = old
        .keys()
        .chain(new.keys().filter(|id| !old.contains_key(id)));
    for &id in ids {
        let (status, record, fields) = match (old.get(&id), new.get(&id)) {
            (Some(o), Some(n)) => (DiffStatus::Changed, n, compare(&o.fields, &n.fields)),
            (None, Some(n)) => (DiffStatus::Added, n, all_fields(n.fields.clone(), true)),
            (Some(o), None) => (DiffStatus::Removed, o, all_fields(o.fields.clone(), false)),
            (None, None) => continue,
        };
        if fields.is_empty() {
            continue;
        }
        out.push(ElementChange {
            element: record.element,
            status,
            old_id: old.contains_key(&id).then_some(id),
            new_id: new.contains_key(&id).then_some(id),
            name: record.name.clone(),
            kind: record.kind.clone(),
            lane: None,
            moved: None,
            recreated: false,
            fields,
        });
    }
    out.sort_by_key(|c| c.element);
    out
}
