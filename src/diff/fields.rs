//! Elements flattened into (field, value) lists, and the field changes between two such lists.

use super::changes::{DiffField, FieldChange};
use crate::model::{Lane, Node, NodeKind, ProcessInfo, Variable};

pub(crate) fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

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
            (o != n).then_some(FieldChange {
                field,
                old: o,
                new: n,
            })
        })
        .collect()
}

pub(crate) fn node_fields(node: &Node) -> Vec<(DiffField, Option<String>)> {
    let word = match node.kind {
        NodeKind::Start => "start",
        NodeKind::End { .. } => "end",
        NodeKind::Task { .. } => "task",
        NodeKind::Gateway { .. } => "gateway",
        NodeKind::Timer { .. } => "timer",
        NodeKind::Call { .. } => "call",
    };
    let mut fields = vec![
        (DiffField::Name, text(&node.name)),
        (DiffField::Kind, Some(word.to_string())),
    ];
    match &node.kind {
        NodeKind::Start => {}
        NodeKind::End { outcome } => fields.push((DiffField::Outcome, text(outcome))),
        NodeKind::Task {
            assignee,
            duration,
            sla,
            description,
            outputs,
            distribution,
            cost_per_hour,
        } => fields.extend([
            (
                DiffField::Distribution,
                distribution.as_ref().map(|d| d.to_string()),
            ),
            (DiffField::Cost, cost_per_hour.map(|c| c.to_string())),
            (DiffField::Assignee, text(assignee)),
            (DiffField::Duration, duration.map(|d| d.to_string())),
            (DiffField::Sla, sla.map(|d| d.to_string())),
            (DiffField::Description, text(description)),
            (DiffField::Outputs, text(&outputs.join(", "))),
        ]),
        NodeKind::Gateway { gateway } => {
            let kind = serde_json::to_value(gateway)
                .ok()
                .and_then(|v| v.as_str().map(String::from));
            fields.push((DiffField::Gateway, kind));
        }
        NodeKind::Timer { wait } => fields.push((DiffField::Wait, Some(wait.to_string()))),
        NodeKind::Call { process, version } => fields.extend([
            (DiffField::Process, Some(process.to_string())),
            (DiffField::Version, version.map(|v| v.to_string())),
        ]),
    }
    fields
}

pub(crate) fn info_fields(info: &ProcessInfo) -> Vec<(DiffField, Option<String>)> {
    vec![
        (DiffField::Name, text(&info.name)),
        (DiffField::Outcome, text(&info.outcome)),
        (
            DiffField::Category,
            Some(info.category.as_str().to_string()),
        ),
        (DiffField::Owner, text(&info.owner)),
        (DiffField::Sla, info.sla.map(|d| d.to_string())),
        (
            DiffField::Simulation,
            (!info.simulation.is_empty())
                .then(|| serde_json::to_string(&info.simulation).unwrap_or_default()),
        ),
    ]
}

pub(crate) fn lane_fields(lane: &Lane) -> Vec<(DiffField, Option<String>)> {
    vec![
        (DiffField::Name, text(&lane.name)),
        (DiffField::Team, text(&lane.team)),
        (DiffField::Trigger, text(&lane.trigger)),
        (DiffField::Output, text(&lane.output)),
    ]
}

pub(crate) fn variable_fields(var: &Variable) -> Vec<(DiffField, Option<String>)> {
    vec![
        (DiffField::Type, Some(var.var_type.as_str().to_string())),
        (DiffField::Description, text(&var.description)),
    ]
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
                FieldChange {
                    field,
                    old: None,
                    new: Some(value),
                }
            } else {
                FieldChange {
                    field,
                    old: Some(value),
                    new: None,
                }
            })
        })
        .collect()
}
