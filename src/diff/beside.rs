//! Changes to what is drawn beside the flow: pools, message flows, artifacts and associations,
//! paired by id, each with its fields; the steps and pools they connect are named, not shown
//! by id.

use std::collections::BTreeMap;

use super::changes::{DiffElement, DiffField, DiffStatus, ElementChange};
use super::fields::{all_fields, compare};
use crate::model::{ArtifactKind, Direction, Id, Process};

type Fields = Vec<(DiffField, Option<String>)>;

/// One element as the diff compares it: what it is, what people call it, and its fields.
struct Record {
    element: DiffElement,
    kind: String,
    name: String,
    fields: Fields,
}

/// What an end of a message flow or association is called: a step's or pool's name (what an
/// unnamed step is), an artifact's text.
pub(crate) fn end_name(p: &Process, id: Id) -> String {
    if let Some(n) = p.node(id) {
        return if n.name.is_empty() {
            n.kind.label().to_string()
        } else {
            n.name.clone()
        };
    }
    if let Some(pool) = p.pool(id) {
        return pool.name.clone();
    }
    p.artifacts
        .iter()
        .find(|a| a.id == id)
        .map_or_else(|| id.to_string(), |a| a.kind.text().to_string())
}

fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn records(p: &Process) -> BTreeMap<Id, Record> {
    let mut out = BTreeMap::new();
    for pool in &p.pools {
        let fields = vec![
            (DiffField::Name, text(&pool.name)),
            (DiffField::Partner, pool.partner.then(|| "yes".to_string())),
        ];
        let (kind, name) = ("pool".to_string(), pool.name.clone());
        let element = DiffElement::Pool;
        out.insert(
            pool.id,
            Record {
                element,
                kind,
                name,
                fields,
            },
        );
    }
    for m in &p.messages {
        let (from, to) = (end_name(p, m.source), end_name(p, m.target));
        let fields = vec![
            (DiffField::Source, Some(from.clone())),
            (DiffField::Target, Some(to.clone())),
            (DiffField::Name, text(&m.name)),
        ];
        let name = match text(&m.name) {
            Some(n) => format!("\"{n}\" {from} → {to}"),
            None => format!("{from} → {to}"),
        };
        let (element, kind) = (DiffElement::Message, "message flow".to_string());
        out.insert(
            m.id,
            Record {
                element,
                kind,
                name,
                fields,
            },
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
        let (kind, name) = (a.kind.label().to_string(), a.kind.text().to_string());
        let element = DiffElement::Artifact;
        out.insert(
            a.id,
            Record {
                element,
                kind,
                name,
                fields,
            },
        );
    }
    for a in &p.associations {
        let (from, to) = (end_name(p, a.source), end_name(p, a.target));
        let direction = match a.direction {
            Direction::None => None,
            Direction::One => Some("one way".to_string()),
            Direction::Both => Some("both ways".to_string()),
        };
        let fields = vec![
            (DiffField::Source, Some(from.clone())),
            (DiffField::Target, Some(to.clone())),
            (DiffField::Direction, direction),
        ];
        let (element, kind) = (DiffElement::Association, "association".to_string());
        let name = format!("{from} → {to}");
        out.insert(
            a.id,
            Record {
                element,
                kind,
                name,
                fields,
            },
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
