//! The tables themselves: the process info, variables, lanes, flows and each kind of node.

use super::Print::{Always, Bare, Code, Flag, Hidden, Prefixed, Quoted};
use super::{DiffField, FieldDef, Value};
use crate::model::{Flow, Lane, Node, NodeKind, ProcessInfo, TaskType, Trigger, Variable};

/// A field of a record type: `record!(Type, member, Field, "Label", print, value_fn)`.
macro_rules! record {
    ($ty:ty, $member:ident, $field:ident, $label:expr, $print:expr, $value:path) => {
        FieldDef::<$ty> {
            field: DiffField::$field,
            label: $label,
            print: $print,
            value: |item| $value(&item.$member),
            copy: |dst, src| dst.$member.clone_from(&src.$member),
        }
    };
}

/// A field of one kind of node: `kind!(Variant, member, Field, "Label", print, value_fn)`.
macro_rules! kind {
    ($variant:ident, $member:ident, $field:ident, $label:expr, $print:expr, $value:path) => {
        FieldDef::<NodeKind> {
            field: DiffField::$field,
            label: $label,
            print: $print,
            value: |kind| match kind {
                NodeKind::$variant { $member, .. } => $value($member),
                _ => Value::Empty,
            },
            copy: |dst, src| {
                if let (
                    NodeKind::$variant { $member: to, .. },
                    NodeKind::$variant { $member: from, .. },
                ) = (dst, src)
                {
                    to.clone_from(from);
                }
            },
        }
    };
}

/// Its snake_case name, as the definition spells it (e.g. a category or gateway kind).
fn word<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .map_or(Value::Empty, Value::One)
}

fn json<T: serde::Serialize>(value: &T) -> Value {
    Value::One(serde_json::to_string(value).unwrap_or_default())
}

fn simulation(s: &crate::model::Simulation) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        json(s)
    }
}

/// Every node's name; the outline prints it in the line's head.
#[rustfmt::skip]
pub static NAME: [FieldDef<Node>; 1] = [record!(Node, name, Name, "Name", Hidden, Value::text)];

#[rustfmt::skip]
pub static INFO: [FieldDef<ProcessInfo>; 6] = [
    record!(ProcessInfo, name, Name, "Name", Hidden, Value::text),
    record!(ProcessInfo, outcome, Outcome, "Outcome", Hidden, Value::text),
    record!(ProcessInfo, category, Category, "Category", Hidden, word),
    record!(ProcessInfo, owner, Owner, "Owner", Hidden, Value::text),
    record!(ProcessInfo, sla, Sla, "SLA", Hidden, Value::optional),
    record!(ProcessInfo, simulation, Simulation, "Simulation", Hidden, simulation),
];

#[rustfmt::skip]
pub static VARIABLE: [FieldDef<Variable>; 2] = [
    record!(Variable, var_type, Type, "Type", Hidden, word),
    record!(Variable, description, Description, "Description", Hidden, Value::text),
];

#[rustfmt::skip]
pub static LANE: [FieldDef<Lane>; 4] = [
    record!(Lane, name, Name, "Name", Hidden, Value::text),
    record!(Lane, team, Team, "Team", Always("team"), Value::text),
    record!(Lane, trigger, Trigger, "Trigger", Always("trigger"), Value::text),
    record!(Lane, output, Output, "Output", Always("output"), Value::text),
];

/// A flow's own words; its ends are compared by identity, not by these.
#[rustfmt::skip]
pub static FLOW: [FieldDef<Flow>; 4] = [
    record!(Flow, label, Label, "Label", Quoted("label"), Value::text),
    record!(Flow, condition, Condition, "Condition", Code("if"), Value::optional),
    record!(Flow, default, Default, "Default flow (taken when no condition holds)", Flag("default"), Value::shown),
    record!(Flow, probability, Probability, "Probability", Hidden, Value::optional),
];

/// An event's trigger; a plain event has none. The outline prints it in words, and the host by
/// name, itself (`export::outline`).
fn event(trigger: &Trigger) -> Value {
    if trigger.is_none() {
        Value::Empty
    } else {
        Value::shown(trigger)
    }
}

/// Set only when it does not interrupt, the exception.
fn non_interrupting(interrupting: &bool) -> Value {
    if *interrupting {
        Value::Empty
    } else {
        Value::One("true".into())
    }
}

#[rustfmt::skip]
static START: [FieldDef<NodeKind>; 2] = [
    kind!(Start, trigger, Trigger, "Event", Hidden, event),
    kind!(Start, interrupting, Interrupting, "Non-interrupting", Flag("non-interrupting"), non_interrupting),
];

#[rustfmt::skip]
static END: [FieldDef<NodeKind>; 2] = [
    kind!(End, outcome, Outcome, "Outcome", Quoted("outcome"), Value::text),
    kind!(End, trigger, Trigger, "Event", Hidden, event),
];

#[rustfmt::skip]
static CATCH: [FieldDef<NodeKind>; 1] = [kind!(Catch, trigger, Trigger, "Event", Hidden, event)];

#[rustfmt::skip]
static THROW: [FieldDef<NodeKind>; 1] = [kind!(Throw, trigger, Trigger, "Event", Hidden, event)];

#[rustfmt::skip]
static BOUNDARY: [FieldDef<NodeKind>; 3] = [
    kind!(Boundary, host, Host, "Attached to", Hidden, Value::shown),
    kind!(Boundary, trigger, Trigger, "Event", Hidden, event),
    kind!(Boundary, interrupting, Interrupting, "Non-interrupting", Flag("non-interrupting"), non_interrupting),
];

/// In `DiffField` order, so an added task lists its fields as a changed one does.
#[rustfmt::skip]
static TASK: [FieldDef<NodeKind>; 10] = [
    kind!(Task, assignee, Assignee, "Assignee role", Always("assignee"), Value::text),
    kind!(Task, duration, Duration, "Duration estimate", Bare("duration"), Value::optional),
    kind!(Task, sla, Sla, "Step SLA", Bare("sla"), Value::optional),
    kind!(Task, description, Description, "Description", Quoted("description"), Value::text),
    kind!(Task, outputs, Outputs, "Outputs", Bare("sets"), Value::list),
    kind!(Task, task, Task, "Task type", Bare("type"), plain_is_empty),
    kind!(Task, message, Message, "Message", Quoted("message"), Value::text),
    kind!(Task, repeat, Repeat, "Repeats", Quoted("repeat"), Value::optional),
    kind!(Task, distribution, Distribution, "Duration spread", Hidden, Value::optional),
    kind!(Task, cost_per_hour, Cost, "Cost per hour", Hidden, Value::optional),
];

fn plain_is_empty(task: &TaskType) -> Value {
    if task.is_plain() {
        Value::Empty
    } else {
        word(task)
    }
}

#[rustfmt::skip]
static GATEWAY: [FieldDef<NodeKind>; 2] = [
    kind!(Gateway, gateway, Gateway, "Kind", Hidden, word),
    kind!(Gateway, condition, Condition, "Activation condition", Code("when"), Value::optional),
];

#[rustfmt::skip]
static CALL: [FieldDef<NodeKind>; 3] = [
    kind!(Call, process, Process, "Called process", Bare("calls"), Value::shown),
    kind!(Call, version, Version, "Version", Prefixed("v"), Value::optional),
    kind!(Call, repeat, Repeat, "Repeats", Quoted("repeat"), Value::optional),
];

#[rustfmt::skip]
static SUB_PROCESS: [FieldDef<NodeKind>; 3] = [
    kind!(SubProcess, sub, Sub, "Kind", Bare("kind"), word),
    kind!(SubProcess, expanded, Expanded, "Drawn open", Flag("expanded"), Value::shown),
    kind!(SubProcess, repeat, Repeat, "Repeats", Quoted("repeat"), Value::optional),
];

/// Each kind of node by its `type` tag, with the fields of that kind after the name.
pub static KINDS: [(&str, &[FieldDef<NodeKind>]); 9] = [
    ("start", &START),
    ("end", &END),
    ("catch", &CATCH),
    ("throw", &THROW),
    ("boundary", &BOUNDARY),
    ("task", &TASK),
    ("gateway", &GATEWAY),
    ("call", &CALL),
    ("sub_process", &SUB_PROCESS),
];

/// The fields of this kind of node after its name.
pub fn kind_fields(kind: &NodeKind) -> &'static [FieldDef<NodeKind>] {
    match kind {
        NodeKind::Start { .. } => &START,
        NodeKind::End { .. } => &END,
        NodeKind::Catch { .. } => &CATCH,
        NodeKind::Throw { .. } => &THROW,
        NodeKind::Boundary { .. } => &BOUNDARY,
        NodeKind::Task { .. } => &TASK,
        NodeKind::Gateway { .. } => &GATEWAY,
        NodeKind::Call { .. } => &CALL,
        NodeKind::SubProcess { .. } => &SUB_PROCESS,
    }
}
