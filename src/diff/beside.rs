//! Changes to what is drawn beside the flow: pools, message flows, artifacts and associations,
//! paired by id, each with its fields; the steps and pools they connect are named, not shown
//! by id.

use std::collections::{BTreeMap, HashSet};

use super::changes::{DiffElement, DiffField, DiffStatus, ElementChange};
use super::fields::{all_fields, compare, same_words};
use crate::describe::{ends, Names};
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
    names: &Names,
    source: Id,
    target: Id,
    own: (DiffField, Option<String>),
) -> (String, Fields) {
    let (from, to) = (names.text(source), names.text(target));
    (
        ends(names, source, target),
        vec![
            (DiffField::Source, Some(from)),
            (DiffField::Target, Some(to)),
            own,
        ],
    )
}

fn records(p: &Process) -> BTreeMap<Id, Record> {
    let names = Names::of(p);
    let mut out = BTreeMap::new();
    for pool in &p.pools {
        let fields = vec![
            (DiffField::Name, text(&pool.name)),
            (DiffField::Partner, pool.partner.then(|| "yes".to_string())),
        ];
        out.insert(
            pool.id,
            record(DiffElement::Pool, "pool", names.text(pool.id), fields),
        );
    }
    for m in &p.messages {
        let (ends, fields) =
            connection(&names, m.source, m.target, (DiffField::Name, text(&m.name)));
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
            (DiffField::Parent, a.parent.map(|id| names.text(id))),
        ];
        let name = names.text(a.id);
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
        let (name, fields) = connection(
            &names,
            a.source,
            a.target,
            (DiffField::Direction, direction),
        );
        out.insert(
            a.id,
            record(DiffElement::Association, "association", name, fields),
        );
    }
    out
}

/// Pools, message flows, artifacts and associations added, removed or changed, in that order.
/// Paired by id; for two files drawn apart (`unrelated`, no id shared) by what they are and say.
pub(super) fn changes(
    old_process: &Process,
    new_process: &Process,
    unrelated: bool,
) -> Vec<ElementChange> {
    let (old, new) = (records(old_process), records(new_process));
    let mut pairs: Vec<(Id, Id)> = old
        .keys()
        .filter(|id| new.contains_key(id))
        .map(|id| (*id, *id))
        .collect();
    if unrelated {
        pairs.extend(pair_by_content(&old, &new));
    }
    let paired_old: HashSet<Id> = pairs.iter().map(|p| p.0).collect();
    let paired_new: HashSet<Id> = pairs.iter().map(|p| p.1).collect();
    let mut out: Vec<ElementChange> = Vec::new();
    let rows = pairs
        .iter()
        .map(|(o, n)| (Some(*o), Some(*n)))
        .chain(
            old.keys()
                .filter(|id| !paired_old.contains(id))
                .map(|id| (Some(*id), None)),
        )
        .chain(
            new.keys()
                .filter(|id| !paired_new.contains(id))
                .map(|id| (None, Some(*id))),
        );
    for (old_id, new_id) in rows {
        let (o, n) = (
            old_id.and_then(|id| old.get(&id)),
            new_id.and_then(|id| new.get(&id)),
        );
        let (status, record, fields) = match (o, n) {
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
            old_id,
            new_id,
            bpmn_id: super::semantic::bpmn_id(old_process, new_process, old_id, new_id),
            name: record.name.clone(),
            kind: record.kind.clone(),
            lane: None,
            moved: None,
            recreated: false,
            fields,
            described: false,
        });
    }
    out.sort_by_key(|c| c.element);
    out
}

/// Elements of one kind whose fields all read the same, then those of one kind with the same
/// name; each used once, in id order.
fn pair_by_content(old: &BTreeMap<Id, Record>, new: &BTreeMap<Id, Record>) -> Vec<(Id, Id)> {
    let mut pairs = Vec::new();
    let mut taken: HashSet<Id> = HashSet::new();
    let lost: Vec<(&Id, &Record)> = old.iter().filter(|(id, _)| !new.contains_key(id)).collect();
    let fresh: Vec<(&Id, &Record)> = new.iter().filter(|(id, _)| !old.contains_key(id)).collect();
    let same_fields = |a: &Record, b: &Record| compare(&a.fields, &b.fields).is_empty();
    let same_name = |a: &Record, b: &Record| same_words(&a.name, &b.name);
    let alike: [fn(&Record, &Record) -> bool; 2] = [same_fields, same_name];
    for same in alike {
        for (a_id, a) in &lost {
            if pairs.iter().any(|(o, _)| o == *a_id) {
                continue;
            }
            let found = fresh
                .iter()
                .find(|(b_id, b)| !taken.contains(b_id) && a.element == b.element && same(a, b));
            if let Some((b_id, _)) = found {
                taken.insert(**b_id);
                pairs.push((**a_id, **b_id));
            }
        }
    }
    pairs
}
