//! The handbook's sentences, written once as runs of plain, strong and code text so the Markdown
//! and HTML renderings say exactly the same thing.

use super::content::{Document, LaneSection, Step, StepKind, WayOut};
use crate::fields::{self, DiffField, Value};
use crate::model::GatewayKind;
use crate::store::{TagRecord, VersionInfo};

#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(String),
    Code(String),
}

use Inline::{Code, Strong, Text};

fn text(s: impl Into<String>) -> Inline {
    Text(s.into())
}

/// The one-line description of a step after its name.
pub fn step_summary(step: &Step) -> Vec<Inline> {
    match &step.kind {
        StepKind::Start => vec![text("start")],
        StepKind::End { outcome } if outcome.trim().is_empty() => vec![text("end")],
        StepKind::End { outcome } => vec![text(format!("end: {}", outcome.trim()))],
        StepKind::Task { fields } => {
            let mut parts = Vec::new();
            let assignee = one(fields, DiffField::Assignee).unwrap_or_default();
            parts.push(if assignee.trim().is_empty() {
                "no one assigned".to_string()
            } else {
                assignee.trim().to_string()
            });
            if let Some(d) = one(fields, DiffField::Duration) {
                parts.push(format!("takes {d}"));
            }
            if let Some(s) = one(fields, DiffField::Sla) {
                parts.push(format!("SLA {s}"));
            }
            vec![text(parts.join(" · "))]
        }
        StepKind::Decision {
            gateway: GatewayKind::Inclusive,
        } => vec![text(
            "decision: every way out whose condition holds is taken",
        )],
        StepKind::Decision { .. } => {
            vec![text(
                "decision: the first way out whose condition holds is taken, else the default",
            )]
        }
        StepKind::Split => vec![text("split: the work goes on along every way out at once")],
        StepKind::Join {
            gateway: GatewayKind::Parallel,
        } => vec![text("join: waits until every incoming path has arrived")],
        StepKind::Join {
            gateway: GatewayKind::Inclusive,
        } => vec![text(
            "join: waits for every incoming path that is still coming",
        )],
        StepKind::Join { .. } => vec![text("merge: whichever path arrives goes on")],
        StepKind::Timer { wait } => vec![text(format!("waits {wait}"))],
        StepKind::Event { text: words } => vec![text(words.clone())],
        StepKind::Call { process, version } => {
            let mut out = match process {
                Some(name) => vec![text("runs the process "), Strong(name.clone())],
                None => vec![text("runs a process that is not in this library")],
            };
            if let Some(v) = version {
                out.push(text(format!(" (version {v})")));
            }
            out
        }
    }
}

/// Lines under a step's summary: what its boundary events do, its description and the data it
/// decides.
pub fn step_details(step: &Step) -> Vec<Vec<Inline>> {
    let watches = step.watches.iter().map(|w| vec![text(w.clone())]);
    let StepKind::Task { fields } = &step.kind else {
        return watches.collect();
    };
    let mut lines: Vec<Vec<Inline>> = watches.collect();
    let description = one(fields, DiffField::Description).unwrap_or_default();
    if !description.trim().is_empty() {
        lines.push(vec![text(description.trim())]);
    }
    let outputs = match fields.iter().find(|(f, _)| *f == DiffField::Outputs) {
        Some((_, Value::Many(items))) => items.as_slice(),
        _ => &[],
    };
    if !outputs.is_empty() {
        let mut line = vec![text("Decides ")];
        for (i, name) in outputs.iter().enumerate() {
            if i > 0 {
                line.push(text(", "));
            }
            line.push(Code(name.clone()));
        }
        lines.push(line);
    }
    lines
}

/// A one-text field of a task, when set.
fn one(fields: &[(DiffField, Value)], field: DiffField) -> Option<&str> {
    match fields.iter().find(|(f, _)| *f == field) {
        Some((_, Value::One(v))) => Some(v),
        _ => None,
    }
}

pub fn way_out(way: &WayOut) -> Vec<Inline> {
    let mut out = Vec::new();
    if let Some(condition) = &way.condition {
        out.push(text("if "));
        out.push(Code(condition.trim().to_string()));
        out.push(text(" "));
    } else if way.default {
        out.push(text("otherwise "));
    }
    out.push(text("→ "));
    out.push(Strong(way.target.clone()));
    if let Some(lane) = &way.hand_off {
        out.push(text(format!(" (hand-off to {lane})")));
    } else if way.back {
        out.push(text(" (back)"));
    }
    if !way.label.trim().is_empty() {
        out.push(text(format!(" — “{}”", way.label.trim())));
    }
    out
}

pub fn version_line(v: &VersionInfo) -> String {
    format!("v{}, saved {} by {}", v.number, saved_at(v), v.author)
}

pub fn saved_at(v: &VersionInfo) -> String {
    v.saved_at.format("%Y-%m-%d %H:%M UTC").to_string()
}

pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The facts table: (label, value) in reading order.
pub fn facts(doc: &Document) -> Vec<(&'static str, String)> {
    let label = |field| fields::label(&fields::INFO, field);
    let mut rows = vec![
        (label(DiffField::Outcome), or_dash(&doc.outcome)),
        (label(DiffField::Category), capitalised(&doc.category)),
        (label(DiffField::Owner), or_dash(&doc.owner)),
        (
            label(DiffField::Sla),
            doc.sla
                .map_or("—".to_string(), |s| format!("{s}, start to end")),
        ),
    ];
    if let Some(v) = &doc.version {
        rows.push(("Version", version_line(v)));
    }
    rows
}

/// A lane's facts: (label, value) in reading order; who hands it work only when someone does.
pub fn lane_facts(lane: &LaneSection) -> Vec<(&'static str, String)> {
    let label = |field| fields::label(&fields::LANE, field);
    let mut rows = vec![
        (label(DiffField::Team), or_dash(&lane.team)),
        (label(DiffField::Trigger), or_dash(&lane.trigger)),
    ];
    if !lane.entered_from.is_empty() {
        let from: Vec<String> = lane
            .entered_from
            .iter()
            .map(|(step, lane)| format!("{step} ({lane})"))
            .collect();
        rows.push(("Handed work by", from.join(", ")));
    }
    rows.push((label(DiffField::Output), or_dash(&lane.output)));
    rows
}

/// The version history table's column heads.
pub const HISTORY_COLUMNS: [&str; 5] = ["Version", "Saved", "Author", "Message", "Tags"];

/// One version's row of the history table, as plain text cells: the author with who signed
/// the shared version, and each tag with who set it and when (and who signed an approval).
pub fn history_row(v: &VersionInfo, tags: &[TagRecord]) -> [String; 5] {
    let author = match &v.signed_by {
        Some(signer) => format!("{} (signed by {signer})", v.author),
        None => v.author.clone(),
    };
    let tags: Vec<String> = v
        .tags
        .iter()
        .map(|tag| {
            let record = tags
                .iter()
                .find(|t| t.process == v.process && t.number == v.number && &t.tag == tag);
            match record {
                Some(t) => format!(
                    "{tag}: {} on {}{}",
                    t.author,
                    t.tagged_at.format("%Y-%m-%d %H:%M UTC"),
                    t.signer
                        .as_ref()
                        .map_or(String::new(), |s| format!(", signed by {s}"))
                ),
                None => tag.clone(),
            }
        })
        .collect();
    [
        format!("v{}", v.number),
        saved_at(v),
        author,
        v.message.clone(),
        tags.join("; "),
    ]
}

pub fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_string()
    } else {
        text.trim().to_string()
    }
}
