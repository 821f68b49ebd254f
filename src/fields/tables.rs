//! The tables themselves: the process info, variables, lanes, flows and each kind of node.

use super::bpmn as codec;
use super::Print::{Always, Bare, Code, Flag, Hidden, Prefixed, Quoted};
use super::{Bpmn, DiffField, FieldDef, OwnAttribute, Value};
use crate::model::{Flow, Lane, Node, NodeKind, ProcessInfo, TaskType, Trigger, Variable};

/// A field of a record type: `record!(Type, member, Field, "Label", print, value_fn, bpmn)`,
/// where `bpmn` is `own("attribute", codec)`, `native("what")` or `absent("why")`.
macro_rules! record {
    ($ty:ty, $member:ident, $field:ident, $label:expr, $print:expr, $value:path, $($bpmn:tt)+) => {
        FieldDef::<$ty> {
            field: DiffField::$field,
            label: $label,
            print: $print,
            value: |item| $value(&item.$member),
            copy: |dst, src| dst.$member.clone_from(&src.$member),
            bpmn: record_bpmn!($ty, $member, $($bpmn)+),
        }
    };
}

macro_rules! record_bpmn {
    ($ty:ty, $member:ident, own($name:literal, $codec:ident)) => {
        Bpmn::Own(OwnAttribute {
            name: $name,
            write: |item: &$ty| codec::$codec::write(&item.$member),
            read: |item: &mut $ty, text| {
                item.$member = codec::$codec::read(text)?;
                Ok(())
            },
        })
    };
    ($ty:ty, $member:ident, native($what:literal)) => {
        Bpmn::Native($what)
    };
    ($ty:ty, $member:ident, absent($why:literal)) => {
        Bpmn::Absent($why)
    };
}

/// A field of one kind of node: `kind!(Variant, member, Field, "Label", print, value_fn, bpmn)`.
macro_rules! kind {
    ($variant:ident, $member:ident, $field:ident, $label:expr, $print:expr, $value:path, $($bpmn:tt)+) => {
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
            bpmn: kind_bpmn!($variant, $member, $($bpmn)+),
        }
    };
}

macro_rules! kind_bpmn {
    ($variant:ident, $member:ident, own($name:literal, $codec:ident)) => {
        Bpmn::Own(OwnAttribute {
            name: $name,
            write: |kind| match kind {
                NodeKind::$variant { $member, .. } => codec::$codec::write($member),
                _ => None,
            },
            read: |kind, text| {
                if let NodeKind::$variant { $member, .. } = kind {
                    *$member = codec::$codec::read(text)?;
                }
                Ok(())
            },
        })
    };
    ($variant:ident, $member:ident, native($what:literal)) => {
        Bpmn::Native($what)
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
pub static NAME: [FieldDef<Node>; 1] = [record!(Node, name, Name, "Name", Hidden, Value::text, native("name"))];

#[rustfmt::skip]
pub static INFO: [FieldDef<ProcessInfo>; 6] = [
    record!(ProcessInfo, name, Name, "Name", Hidden, Value::text, native("the definitions' name")),
    record!(ProcessInfo, outcome, Outcome, "Outcome", Hidden, Value::text, own("outcome", text)),
    record!(ProcessInfo, category, Category, "Category", Hidden, word, own("category", category)),
    record!(ProcessInfo, owner, Owner, "Owner", Hidden, Value::text, own("owner", text)),
    record!(ProcessInfo, sla, Sla, "SLA", Hidden, Value::optional, own("sla", parsed)),
    record!(ProcessInfo, simulation, Simulation, "Simulation", Hidden, simulation, absent("the library keeps arrivals, role pools and message waits; BPMN has no place for them")),
];

#[rustfmt::skip]
pub static VARIABLE: [FieldDef<Variable>; 3] = [
    record!(Variable, var_type, Type, "Type", Hidden, word, own("type", var_type)),
    record!(Variable, description, Description, "Description", Hidden, Value::text, own("description", text)),
    record!(Variable, generated, Generated, "Generated data", Hidden, Value::optional, own("generated", json)),
];

#[rustfmt::skip]
pub static LANE: [FieldDef<Lane>; 4] = [
    record!(Lane, name, Name, "Name", Hidden, Value::text, native("name")),
    record!(Lane, team, Team, "Team", Always("team"), Value::text, own("team", text)),
    record!(Lane, trigger, Trigger, "Trigger", Always("trigger"), Value::text, own("trigger", text)),
    record!(Lane, output, Output, "Output", Always("output"), Value::text, own("output", text)),
];

/// A flow's own words; its ends are compared by identity, not by these.
#[rustfmt::skip]
pub static FLOW: [FieldDef<Flow>; 4] = [
    record!(Flow, label, Label, "Label", Quoted("label"), Value::text, native("name")),
    record!(Flow, condition, Condition, "Condition", Code("if"), Value::optional, native("conditionExpression in the export's dialect; flowlane:condition keeps the CEL when that differs")),
    record!(Flow, default, Default, "Default flow (taken when no condition holds)", Flag("default"), Value::shown, native("the source's default attribute")),
    record!(Flow, probability, Probability, "Probability", Hidden, Value::optional, own("probability", hint)),
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
    kind!(Start, trigger, Trigger, "Event", Hidden, event, native("the event definition")),
    kind!(Start, interrupting, Interrupting, "Non-interrupting", Flag("non-interrupting"), non_interrupting, native("isInterrupting")),
];

#[rustfmt::skip]
static END: [FieldDef<NodeKind>; 2] = [
    kind!(End, outcome, Outcome, "Outcome", Quoted("outcome"), Value::text, own("outcome", text)),
    kind!(End, trigger, Trigger, "Event", Hidden, event, native("the event definition")),
];

#[rustfmt::skip]
static CATCH: [FieldDef<NodeKind>; 1] = [kind!(Catch, trigger, Trigger, "Event", Hidden, event, native("the event definition"))];

#[rustfmt::skip]
static THROW: [FieldDef<NodeKind>; 1] = [kind!(Throw, trigger, Trigger, "Event", Hidden, event, native("the event definition"))];

#[rustfmt::skip]
static BOUNDARY: [FieldDef<NodeKind>; 3] = [
    kind!(Boundary, host, Host, "Attached to", Hidden, Value::shown, native("attachedToRef")),
    kind!(Boundary, trigger, Trigger, "Event", Hidden, event, native("the event definition")),
    kind!(Boundary, interrupting, Interrupting, "Non-interrupting", Flag("non-interrupting"), non_interrupting, native("cancelActivity")),
];

/// In `DiffField` order, so an added task lists its fields as a changed one does.
#[rustfmt::skip]
static TASK: [FieldDef<NodeKind>; 10] = [
    kind!(Task, assignee, Assignee, "Assignee role", Always("assignee"), Value::text, own("assignee", text)),
    kind!(Task, duration, Duration, "Duration estimate", Bare("duration"), Value::optional, own("duration", parsed)),
    kind!(Task, sla, Sla, "Step SLA", Bare("sla"), Value::optional, own("sla", parsed)),
    kind!(Task, description, Description, "Description", Quoted("description"), Value::text, own("description", text)),
    kind!(Task, outputs, Outputs, "Outputs", Bare("sets"), Value::list, own("outputs", list)),
    kind!(Task, task, Task, "Task type", Bare("type"), plain_is_empty, native("the task's element")),
    kind!(Task, message, Message, "Message", Quoted("message"), Value::text, native("messageRef")),
    kind!(Task, repeat, Repeat, "Repeats", Quoted("repeat"), Value::optional, native("loop characteristics")),
    kind!(Task, distribution, Distribution, "Duration spread", Hidden, Value::optional, own("distribution", json)),
    kind!(Task, cost_per_hour, Cost, "Cost per hour", Hidden, Value::optional, own("cost-per-hour", number)),
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
    kind!(Gateway, gateway, Gateway, "Kind", Hidden, word, native("the gateway's element")),
    kind!(Gateway, condition, Condition, "Activation condition", Code("when"), Value::optional, native("activationCondition")),
];

#[rustfmt::skip]
static CALL: [FieldDef<NodeKind>; 3] = [
    kind!(Call, process, Process, "Called process", Hidden, Value::shown, native("calledElement")),
    kind!(Call, version, Version, "Version", Prefixed("v"), Value::optional, own("version", parsed)),
    kind!(Call, repeat, Repeat, "Repeats", Quoted("repeat"), Value::optional, native("loop characteristics")),
];

#[rustfmt::skip]
static SUB_PROCESS: [FieldDef<NodeKind>; 3] = [
    kind!(SubProcess, sub, Sub, "Kind", Bare("kind"), word, native("the sub-process's element and triggeredByEvent")),
    kind!(SubProcess, expanded, Expanded, "Drawn open", Flag("expanded"), Value::shown, native("the shape's isExpanded")),
    kind!(SubProcess, repeat, Repeat, "Repeats", Quoted("repeat"), Value::optional, native("loop characteristics")),
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
