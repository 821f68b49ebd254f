//! What a semantic diff says: plain, serialisable data for the CLI and the UI.

use std::borrow::Cow;
use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::fields::key;
pub use crate::fields::DiffField;
use crate::model::{Duration, DurationValue, Id};

/// Every change between two definitions, in a fixed order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Diff {
    /// Changes in meaning: the process, then variables, lanes, nodes (by lane) and flows.
    pub changes: Vec<ElementChange>,
    /// Lane names top to bottom before and after, when the relative order of kept lanes changed.
    pub lane_order: Option<LaneOrder>,
    /// Where things are drawn; kept apart so they can be hidden.
    pub layout: Vec<LayoutChange>,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiffElement {
    Process,
    Variable,
    Lane,
    Node,
    Flow,
    Pool,
    /// A message flow between pools.
    Message,
    /// A data object, data store, annotation or group.
    Artifact,
    Association,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiffStatus {
    Added,
    Removed,
    Changed,
    /// A node now in another lane (its other field changes are listed too).
    Moved,
}

/// One element that was added, removed, changed or moved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct ElementChange {
    pub element: DiffElement,
    pub status: DiffStatus,
    /// Id in the older definition; none when added (and for variables, which have no id).
    pub old_id: Option<Id>,
    /// Id in the newer definition; none when removed. Differs from `old_id` when re-created.
    pub new_id: Option<Id>,
    /// The element's id in the BPMN file it was imported from (the newer side's, else the
    /// older's); absent when it has none of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bpmn_id: Option<String>,
    /// What people call it: the (newer) name, a variable's name, a flow as "source → target".
    pub name: String,
    /// "task", "exclusive gateway", "lane", "flow", "variable" or "process".
    pub kind: String,
    /// The lane a node is in (the older one when removed).
    pub lane: Option<String>,
    pub moved: Option<LaneMove>,
    /// Deleted and drawn again under a new id, recognised by kind, neighbours and name.
    pub recreated: bool,
    /// Field-level values; for an added element the new values, for a removed one the old.
    pub fields: Vec<FieldChange>,
    /// `name` describes an unnamed element by kind and place (`join before 'Pay'`) rather than
    /// being its name; the text rendering then prints it without the kind and quotes.
    #[serde(skip)]
    #[ts(skip)]
    pub described: bool,
}

/// `old → new`; `None` means absent or empty. Its JSON schema types `old` and `new` by `field`
/// (`FieldChange::json_schema`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: DiffField,
    pub old: Option<FieldValue>,
    pub new: Option<FieldValue>,
    /// For a field that points to another element or process (`process` a call runs, `host`,
    /// `parent`), whose values are names: the Flowlane id of the old one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub old_id: Option<Id>,
    /// … and of the new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub new_id: Option<Id>,
}

/// A field's value, typed for scripts: a flag is a boolean, a version, place, cost or
/// probability a number, a duration or SLA a `DurationValue`, a task's outputs a list of
/// names; everything else (names, conditions, triggers in words) is text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum FieldValue {
    Flag(bool),
    Number(#[ts(type = "number")] serde_json::Number),
    Duration(DurationValue),
    List(Vec<String>),
    Text(String),
}

impl FieldChange {
    /// A change of `field` between two diff texts, each typed by what the field holds.
    pub fn new(field: DiffField, old: Option<String>, new: Option<String>) -> FieldChange {
        FieldChange {
            field,
            old: old.map(|text| FieldValue::typed(field, text)),
            new: new.map(|text| FieldValue::typed(field, text)),
            old_id: None,
            new_id: None,
        }
    }
}

/// What a field's value is in JSON; one table for the values a diff gives and its schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    Flag,
    Number,
    Duration,
    List,
    Text,
}

impl ValueType {
    /// The typed fields by type; every field not listed is text.
    const TYPED: [(ValueType, &'static [DiffField]); 4] = {
        use DiffField as F;
        [
            (
                ValueType::Flag,
                &[
                    F::Default,
                    F::Interrupting,
                    F::Expanded,
                    F::Partner,
                    F::Collection,
                ],
            ),
            (
                ValueType::Number,
                &[F::Version, F::Position, F::Cost, F::Probability],
            ),
            (ValueType::Duration, &[F::Duration, F::Sla]),
            (ValueType::List, &[F::Outputs]),
        ]
    };

    pub fn of(field: DiffField) -> ValueType {
        (ValueType::TYPED.iter())
            .find(|(_, fields)| fields.contains(&field))
            .map_or(ValueType::Text, |(kind, _)| *kind)
    }
}

impl FieldValue {
    /// The value `text` (a field's diff text) stands for; text that does not read as its
    /// field's type stays text (the schema test over the samples and the corpus finds that).
    pub fn typed(field: DiffField, text: String) -> FieldValue {
        let typed = match ValueType::of(field) {
            ValueType::Flag => text.parse().ok().map(FieldValue::Flag),
            ValueType::Number => serde_json::from_str(&text).ok().map(FieldValue::Number),
            ValueType::Duration => text
                .parse::<Duration>()
                .ok()
                .map(|d| FieldValue::Duration(d.into())),
            ValueType::List => Some(FieldValue::List(
                text.split(", ").map(String::from).collect(),
            )),
            ValueType::Text => None,
        };
        typed.unwrap_or(FieldValue::Text(text))
    }
}

/// One alternative per value type: the fields of that type, and `old` and `new` as that type or
/// null; text fields are every field not typed otherwise.
impl JsonSchema for FieldChange {
    fn schema_name() -> Cow<'static, str> {
        "FieldChange".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let field = generator.subschema_for::<DiffField>();
        let duration = generator.subschema_for::<DurationValue>();
        let keys = |fields: &[DiffField]| fields.iter().map(|f| key(*f)).collect::<Vec<_>>();
        let typed: Vec<String> = (ValueType::TYPED.iter())
            .flat_map(|(_, fields)| keys(fields))
            .collect();
        let value = |kind: ValueType| match kind {
            ValueType::Flag => json_schema!({ "type": ["boolean", "null"] }),
            ValueType::Number => json_schema!({ "type": ["number", "null"] }),
            ValueType::Duration => json_schema!({ "anyOf": [duration, { "type": "null" }] }),
            ValueType::List => {
                json_schema!({ "type": ["array", "null"], "items": { "type": "string" } })
            }
            ValueType::Text => json_schema!({ "type": ["string", "null"] }),
        };
        let alternative = |fields: Schema, kind: ValueType| {
            json_schema!({
                "properties": { "field": fields, "old": value(kind), "new": value(kind) }
            })
        };
        let id = generator.subschema_for::<Id>();
        let mut alternatives: Vec<Schema> = (ValueType::TYPED.iter())
            .map(|(kind, fields)| alternative(json_schema!({ "enum": keys(fields) }), *kind))
            .collect();
        alternatives.push(alternative(
            json_schema!({ "not": { "enum": typed } }),
            ValueType::Text,
        ));
        json_schema!({
            "description": "`old → new`; null means absent or empty. `old` and `new` are typed by \
                `field`: flags booleans, versions, places, costs and probabilities numbers, \
                durations and SLAs duration objects, a task's outputs a list, the rest text. A field \
                that points to another element or process names it, its id beside the name in \
                `old_id` and `new_id`.",
            "type": "object",
            "properties": { "field": field, "old_id": id.clone(), "new_id": id },
            "required": ["field"],
            "oneOf": alternatives,
        })
    }
}

/// The value as the text diff shows it.
impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Flag(flag) => write!(f, "{flag}"),
            FieldValue::Number(number) => write!(f, "{number}"),
            FieldValue::Duration(duration) => f.write_str(&duration.text),
            FieldValue::List(items) => f.write_str(&items.join(", ")),
            FieldValue::Text(text) => f.write_str(text),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct LaneMove {
    /// Lane id in the older definition.
    pub from: Id,
    pub from_name: String,
    /// Lane id in the newer definition.
    pub to: Id,
    pub to_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct LaneOrder {
    pub old: Vec<String>,
    pub new: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LayoutItem {
    NodeBounds,
    LaneHeight,
    Waypoints,
}

/// A drawing change of an element present in both definitions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct LayoutChange {
    pub item: LayoutItem,
    /// Id in the newer definition.
    pub id: Id,
    /// Its id in the BPMN file it was imported from, when it has one of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bpmn_id: Option<String>,
    pub name: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The change in words: "moved 80 px right", "moved into lane Finance", "40 px taller".
    pub says: String,
}

impl Diff {
    /// True when nothing at all changed, layout included.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.lane_order.is_none() && self.layout.is_empty()
    }
}
