//! Elements flattened into (field, value) lists, and the field changes between two such lists.

use super::changes::{DiffField, FieldChange, FieldValue};
use crate::describe::Label;
use crate::fields;
use crate::model::{Flow, Id, Lane, Node, NodeKind, ProcessInfo, Variable};

/// Field changes between two flattened records (fields in `DiffField` order on both sides).
pub(crate) fn compare(
    old: &[(DiffField, Option<String>)],
    new: &[(DiffField, Option<String>)],
) -> Vec<FieldChange> {
    let mut fields: Vec<DiffField> = old.iter().chain(new).map(|(f, _)| *f).collect();
    fields.sort();
    fields.dedup();
    let value = |list: &[(DiffField, Option<String>)], field| {
        list.iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, v)| v.clone())
    };
    fields
        .into_iter()
        .filter_map(|field| {
            let (o, n) = (value(old, field), value(new, field));
            (!same(field, &o, &n)).then(|| FieldChange::new(field, o, n))
        })
        .collect()
}

/// Equal values (an empty value is none); a name, label or the name of an element a field points
/// to is also the same when only its white space differs (a line break put in to wrap it).
fn same(field: DiffField, old: &Option<String>, new: &Option<String>) -> bool {
    let given = |v: &Option<String>| v.clone().filter(|t| !t.trim().is_empty());
    match (field, given(old), given(new)) {
        (
            DiffField::Name
            | DiffField::Label
            | DiffField::Host
            | DiffField::Parent
            | DiffField::Source
            | DiffField::Target,
            Some(o),
            Some(n),
        ) => same_words(&o, &n),
        (_, o, n) => o == n,
    }
}

/// The same words in the same order, whatever white space is between them.
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

pub(crate) fn node_fields(node: &Node) -> Vec<(DiffField, Option<String>)> {
    let word = match node.kind {
        NodeKind::Start { .. } => "start",
        NodeKind::End { .. } => "end",
        NodeKind::Task { .. } => "task",
        NodeKind::Gateway { .. } => "gateway",
        NodeKind::Catch { .. } => "catch",
        NodeKind::Throw { .. } => "throw",
        NodeKind::Boundary { .. } => "boundary",
        NodeKind::Call { .. } => "call",
        NodeKind::SubProcess { .. } => "sub_process",
    };
    let mut fields = fields::diffed(&fields::NAME, node);
    fields.push((DiffField::Kind, Some(word.to_string())));
    fields.extend(fields::diffed(fields::kind_fields(&node.kind), &node.kind));
    fields.push((DiffField::Parent, node.parent.map(|p| p.to_string())));
    fields
}

/// The process a call node runs, as one side (`true` the newer) reads it.
pub(crate) type CalledIn<'a> = &'a dyn Fn(bool, &Node) -> Option<(Id, Label)>;

/// How a field that points elsewhere is read on one side (`true` the newer): `name_in` names an
/// element of the old or the new definition by id, `called_in` the process a call node runs.
pub(crate) struct Namers<'a> {
    pub name_in: &'a dyn Fn(bool, Id) -> String,
    pub called_in: CalledIn<'a>,
}

/// A node's field changes as people read them: its trigger in words (`timer: 3 days`), the
/// host it is attached to, the sub-process it is in and the process it calls by name, their ids
/// beside.
pub(crate) fn readable(
    changes: Vec<FieldChange>,
    (old, new): (Option<&Node>, Option<&Node>),
    namers: &Namers,
) -> Vec<FieldChange> {
    let trigger = |node: Option<&Node>| {
        let t = node?.kind.trigger()?;
        (!t.is_none()).then(|| t.describe())
    };
    // A value that is no id (never written by Flowlane) is kept as it is.
    let element = |newer: bool, value: Option<FieldValue>| {
        let text = value?.to_string();
        Some(match text.parse() {
            Ok(id) => (Some(id), (namers.name_in)(newer, id)),
            Err(_) => (None, text),
        })
    };
    let called = |newer: bool, value: Option<FieldValue>, node: Option<&Node>| {
        value?;
        let (id, label) = node.and_then(|node| (namers.called_in)(newer, node))?;
        Some((Some(id), label.text))
    };
    changes
        .into_iter()
        .map(|mut c| {
            let (old_named, new_named) = match c.field {
                DiffField::Trigger => {
                    c.old = c.old.and(trigger(old).map(FieldValue::Text));
                    c.new = c.new.and(trigger(new).map(FieldValue::Text));
                    return c;
                }
                DiffField::Host | DiffField::Parent => {
                    (element(false, c.old.take()), element(true, c.new.take()))
                }
                DiffField::Process => (
                    called(false, c.old.take(), old),
                    called(true, c.new.take(), new),
                ),
                _ => return c,
            };
            let (mut o, mut n) = (old_named, new_named);
            // Two processes no library names can read alike: the ends of their ids tell them apart.
            if let (Some((Some(oid), ot)), Some((Some(nid), nt))) = (&mut o, &mut n) {
                if ot == nt && oid != nid && c.field == DiffField::Process {
                    let end = |id: &Id| id.simple().to_string()[24..].to_string();
                    *ot = format!("{ot} (id …{})", end(oid));
                    *nt = format!("{nt} (id …{})", end(nid));
                }
            }
            c.old_id = o.as_ref().and_then(|(id, _)| *id);
            c.new_id = n.as_ref().and_then(|(id, _)| *id);
            c.old = o.map(|(_, text)| FieldValue::Text(text));
            c.new = n.map(|(_, text)| FieldValue::Text(text));
            c
        })
        .collect()
}

pub(crate) fn info_fields(info: &ProcessInfo) -> Vec<(DiffField, Option<String>)> {
    fields::diffed(&fields::INFO, info)
}

pub(crate) fn lane_fields(lane: &Lane) -> Vec<(DiffField, Option<String>)> {
    fields::diffed(&fields::LANE, lane)
}

pub(crate) fn flow_words(flow: &Flow) -> Vec<(DiffField, Option<String>)> {
    fields::diffed(&fields::FLOW, flow)
}

pub(crate) fn variable_fields(var: &Variable) -> Vec<(DiffField, Option<String>)> {
    fields::diffed(&fields::VARIABLE, var)
}

/// Every field of an added (or removed) record, as a change from (or to) nothing.
pub(super) fn all_fields(
    fields: Vec<(DiffField, Option<String>)>,
    added: bool,
) -> Vec<FieldChange> {
    fields
        .into_iter()
        .filter_map(|(field, value)| {
            let value = value.filter(|v| !(field == DiffField::Default && v == "false"))?;
            Some(if added {
                FieldChange::new(field, None, Some(value))
            } else {
                FieldChange::new(field, Some(value), None)
            })
        })
        .collect()
}
