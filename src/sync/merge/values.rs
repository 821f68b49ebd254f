//! The small pieces every part of the merge uses: the three-way decision, field lists and how
//! values are shown in a conflict.

use crate::diff::fields::lane_fields;
use crate::diff::semantic::{DiffElement, DiffField, FieldChange, FieldValue};
use crate::model::{Bounds, Lane, Point};

pub(super) type Fields = Vec<(DiffField, Option<String>)>;

pub(super) enum Take {
    Mine,
    Theirs,
    Conflict,
}

/// One side changed it: take that side; both changed it alike: take it once; else a conflict.
pub(super) fn decide<T: PartialEq>(base: &T, mine: &T, theirs: &T) -> Take {
    if mine == theirs || theirs == base {
        Take::Mine
    } else if mine == base {
        Take::Theirs
    } else {
        Take::Conflict
    }
}

pub(super) fn value(list: &Fields, field: DiffField) -> Option<String> {
    list.iter()
        .find(|(f, _)| *f == field)
        .and_then(|(_, v)| v.clone())
}

/// A field as conflicts name it: its key, e.g. `assignee`.
pub(super) fn label(field: DiffField) -> String {
    crate::fields::key(field)
}

pub(super) fn element_word(element: DiffElement) -> &'static str {
    match element {
        DiffElement::Process => "process",
        DiffElement::Variable => "variable",
        DiffElement::Lane => "lane",
        DiffElement::Node => "node",
        DiffElement::Flow => "flow",
        DiffElement::Pool => "pool",
        DiffElement::Message => "message flow",
        DiffElement::Artifact => "artifact",
        DiffElement::Association => "association",
    }
}

/// "name: A → B; assignee: X → Y": what one side changed on an element the other deleted.
pub(super) fn changes_text(changes: &[FieldChange], touched: &str) -> String {
    let show = |v: &Option<FieldValue>| v.as_ref().map_or("(empty)".into(), |v| v.to_string());
    let mut parts: Vec<String> = changes
        .iter()
        .map(|c| format!("{}: {} → {}", label(c.field), show(&c.old), show(&c.new)))
        .collect();
    if parts.is_empty() {
        parts.push(touched.to_string());
    }
    format!("kept, changed ({})", parts.join("; "))
}

pub(super) fn lane_record(lane: &Lane) -> Fields {
    let mut fields = lane_fields(lane);
    fields.push((DiffField::Position, Some(lane.order.to_string())));
    fields
}

pub(super) fn bounds_text(b: &Bounds) -> String {
    format!("x={} y={} w={} h={}", b.x, b.y, b.w, b.h)
}

pub(super) fn points_text(points: &[Point]) -> String {
    let list: Vec<String> = points
        .iter()
        .map(|p| format!("({}, {})", p.x, p.y))
        .collect();
    list.join(" ")
}
