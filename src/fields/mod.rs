//! One table per element kind — each field's name, its label in the properties panel, how the
//! one-line outline prints it and the text a diff compares — read by diff, merge, handbook,
//! outline and (through a generated TypeScript file) the properties panel — and how BPMN stores
//! it, read by the BPMN writer and reader.

pub mod bpmn;
mod tables;

use std::fmt::{Display, Write};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use tables::{kind_fields, FLOW, INFO, KINDS, LANE, NAME, VARIABLE};

/// The name of a field, shared by every element that has it; its snake_case spelling is the key
/// diffs, merge conflicts and the properties panel use.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiffField {
    Name,
    Kind,
    Outcome,
    Category,
    Owner,
    Type,
    Team,
    /// A lane's trigger (what starts the workflow), or an event's definition (timer, message, …).
    Trigger,
    Output,
    /// A lane's place from the top (1 = top) when lanes were reordered.
    Position,
    Assignee,
    Duration,
    Sla,
    Description,
    /// The variables a task sets when it completes.
    Outputs,
    Gateway,
    /// Whether a boundary event (or an event sub-process's start) cancels what it interrupts.
    Interrupting,
    /// The activity a boundary event is attached to.
    Host,
    /// A task's BPMN type (user, service, send, …).
    Task,
    /// The message a send or receive task handles.
    Message,
    /// An activity's loop or multi-instance marker.
    Repeat,
    /// A sub-process's kind (embedded, event, transaction, ad hoc).
    Sub,
    /// A sub-process drawn open on the canvas.
    Expanded,
    /// The sub-process an element is inside (none at the process level).
    Parent,
    /// Whether a pool is a partner's; whether a data object is a collection.
    Partner,
    Collection,
    /// Which way an association points.
    Direction,
    /// The process a call node runs, and which version of it.
    Process,
    Version,
    Source,
    Target,
    Label,
    Condition,
    Default,
    /// A task's duration distribution for batch simulation.
    Distribution,
    /// A task's cost per hour.
    Cost,
    /// A flow's probability when its gateway's conditions do not decide.
    Probability,
    /// The process's batch simulation settings (arrivals, role pools, message waits).
    Simulation,
    /// How a batch simulation draws a variable's value (a distribution or weighted values).
    Generated,
}

/// One field of an element of type `T`.
pub struct FieldDef<T: 'static> {
    pub field: DiffField,
    /// What the properties panel calls it.
    pub label: &'static str,
    /// How the outline prints it.
    pub print: Print,
    pub value: fn(&T) -> Value,
    /// Sets this field of the first element to the second's (merge takes a side field by field).
    pub copy: fn(&mut T, &T),
    /// How a BPMN file stores it.
    pub bpmn: Bpmn<T>,
}

/// How a BPMN file stores a field.
pub enum Bpmn<T: 'static> {
    /// An attribute in Flowlane's namespace, which the BPMN writer and reader take from the table.
    Own(OwnAttribute<T>),
    /// A BPMN construct of the standard's own, written and read by `crate::bpmn`; says which.
    Native(&'static str),
    /// Not in a BPMN file; says why.
    Absent(&'static str),
}

/// A field stored as an attribute in Flowlane's namespace: `flowlane:{name}` on the element, or
/// `{name}` on Flowlane's own `<flowlane:variable>` element.
pub struct OwnAttribute<T: 'static> {
    pub name: &'static str,
    /// The attribute's text; None leaves it out.
    pub write: fn(&T) -> Option<String>,
    /// Sets the field from the attribute's text (None when absent); the error says what is wrong.
    pub read: fn(&mut T, Option<&str>) -> Result<(), String>,
}

/// The fields of `table` that are attributes in Flowlane's namespace, in table order.
pub fn own_attributes<T>(table: &[FieldDef<T>]) -> impl Iterator<Item = &OwnAttribute<T>> {
    table.iter().filter_map(|f| match &f.bpmn {
        Bpmn::Own(own) => Some(own),
        Bpmn::Native(_) | Bpmn::Absent(_) => None,
    })
}

/// A field's value as text: nothing, one text or a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Empty,
    One(String),
    Many(Vec<String>),
}

/// How the outline prints a field after the line's head.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Print {
    /// Not printed: the head already says it, or only simulation reads it.
    Hidden,
    /// ` key="text"`, or ` key=-` when empty.
    Always(&'static str),
    /// ` key="text"` when set.
    Quoted(&'static str),
    /// ` key=value` when set; a list joined by commas.
    Bare(&'static str),
    /// ` {prefix}{value}` when set, e.g. ` v2`.
    Prefixed(&'static str),
    /// `` key `value` `` when set, e.g. `` if `amount > 10` ``.
    Code(&'static str),
    /// ` key` when the value is `true`.
    Flag(&'static str),
}

impl Value {
    /// A text; empty is nothing.
    pub fn text(s: &str) -> Value {
        if s.is_empty() {
            Value::Empty
        } else {
            Value::One(s.to_string())
        }
    }

    pub fn shown<T: Display>(value: &T) -> Value {
        Value::One(value.to_string())
    }

    pub fn optional<T: Display>(value: &Option<T>) -> Value {
        value.as_ref().map_or(Value::Empty, Value::shown)
    }

    pub fn list(items: &[String]) -> Value {
        if items.is_empty() {
            Value::Empty
        } else {
            Value::Many(items.to_vec())
        }
    }

    /// The text a diff compares and shows: a list joined by ", ", none when empty.
    pub fn diffed(&self) -> Option<String> {
        match self {
            Value::Empty => None,
            Value::One(s) => Some(s.clone()),
            Value::Many(items) => Some(items.join(", ")),
        }
    }
}

/// Every field of `item` as (field, diff text), in table order.
pub fn diffed<T>(table: &[FieldDef<T>], item: &T) -> Vec<(DiffField, Option<String>)> {
    table
        .iter()
        .map(|f| (f.field, (f.value)(item).diffed()))
        .collect()
}

/// The value of one field of `item`, if the table has it.
pub fn value<T>(table: &[FieldDef<T>], item: &T, field: DiffField) -> Value {
    table
        .iter()
        .find(|f| f.field == field)
        .map_or(Value::Empty, |f| (f.value)(item))
}

/// Sets `field` of `dst` to `src`'s; a field the table lacks is left alone.
pub fn copy<T>(table: &[FieldDef<T>], dst: &mut T, src: &T, field: DiffField) {
    if let Some(f) = table.iter().find(|f| f.field == field) {
        (f.copy)(dst, src);
    }
}

/// The label of `field` in `table`; empty when the table lacks it.
pub fn label<T>(table: &[FieldDef<T>], field: DiffField) -> &'static str {
    table
        .iter()
        .find(|f| f.field == field)
        .map_or("", |f| f.label)
}

/// The outline's words for `item` after the line's head, each with a leading space.
pub fn printed<T>(table: &[FieldDef<T>], item: &T) -> String {
    let mut out = String::new();
    for f in table {
        let value = (f.value)(item);
        let bare = match &value {
            Value::Empty => None,
            Value::One(s) => Some(s.clone()),
            Value::Many(items) => Some(items.join(",")),
        };
        let _ = match (f.print, bare) {
            (Print::Always(key), None) => write!(out, " {key}=-"),
            (Print::Always(key) | Print::Quoted(key), Some(v)) => write!(out, " {key}=\"{v}\""),
            (Print::Bare(key), Some(v)) => write!(out, " {key}={v}"),
            (Print::Prefixed(prefix), Some(v)) => write!(out, " {prefix}{v}"),
            (Print::Code(key), Some(v)) => write!(out, " {key} `{v}`"),
            (Print::Flag(key), Some(v)) if v == "true" => write!(out, " {key}"),
            _ => Ok(()),
        };
    }
    out
}

/// The snake_case key of a field, as the definition and the TypeScript types spell it.
pub fn key(field: DiffField) -> String {
    serde_json::to_value(field)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// The properties panel's labels as a TypeScript module (`ui/src/generated/fieldLabels.ts`):
/// element → field key → label; nodes by their `type`, each with its name first.
pub fn labels_typescript() -> String {
    fn labels<T>(table: &[FieldDef<T>]) -> impl Iterator<Item = (DiffField, &'static str)> + '_ {
        table.iter().map(|f| (f.field, f.label))
    }
    let mut out = String::from(
        "// Generated from src/fields by `cargo test` (tests/fields.rs); do not edit.\n\n\
         /** What the properties panel calls each field: element (a node by its `type`) → field → label. */\n\
         export const FIELD_LABELS = {\n",
    );
    let mut entry = |element: &str, fields: &mut dyn Iterator<Item = (DiffField, &str)>| {
        let pairs: Vec<String> = fields
            .map(|(field, label)| {
                let label = serde_json::to_string(label).unwrap_or_default();
                format!("{}: {label}", key(field))
            })
            .collect();
        let _ = writeln!(out, "  {element}: {{ {} }},", pairs.join(", "));
    };
    entry("process", &mut labels(&INFO));
    entry("variable", &mut labels(&VARIABLE));
    entry("lane", &mut labels(&LANE));
    entry("flow", &mut labels(&FLOW));
    for (kind, table) in &KINDS {
        entry(kind, &mut labels(&NAME).chain(labels(table)));
    }
    out.push_str("} as const;\n");
    out
}
