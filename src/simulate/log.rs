//! The run's log as text for a terminal, CSV for a spreadsheet or a Markdown table for a handbook.

use serde::Deserialize;
use ts_rs::TS;

use super::instance::{Instance, LogEntry};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LogFormat {
    Text,
    Csv,
    Markdown,
}

const COLUMNS: [&str; 8] = [
    "step", "time", "process", "lane", "actor", "node", "event", "reason",
];

/// Renders every log entry of `instance`, then its SLA breaches (text and Markdown only).
pub fn render_log(instance: &Instance, format: LogFormat) -> String {
    let mut out = String::new();
    match format {
        LogFormat::Text => {
            for e in &instance.log {
                let reason = match e.reason.is_empty() {
                    true => String::new(),
                    false => format!(" — {}", e.reason),
                };
                out.push_str(&format!(
                    "{:>3}  {}  {} / {}  \"{}\" {}{reason}\n",
                    e.step,
                    time(e),
                    e.lane,
                    e.actor,
                    e.node_name,
                    e.event
                ));
            }
        }
        LogFormat::Csv => {
            out.push_str(&COLUMNS.join(","));
            out.push('\n');
            for e in &instance.log {
                let row: Vec<String> = fields(e).iter().map(|f| csv_field(f)).collect();
                out.push_str(&row.join(","));
                out.push('\n');
            }
            return out;
        }
        LogFormat::Markdown => {
            out.push_str(&format!("| {} |\n", COLUMNS.join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(COLUMNS.len())));
            for e in &instance.log {
                let row: Vec<String> = fields(e)
                    .iter()
                    .map(|f| f.replace('|', "\\|").replace('\n', " "))
                    .collect();
                out.push_str(&format!("| {} |\n", row.join(" | ")));
            }
        }
    }
    for b in &instance.breaches {
        out.push_str(&format!(
            "SLA breach at step {}: \"{}\" took {} (target {})\n",
            b.step, b.name, b.actual, b.target
        ));
    }
    out
}

fn time(e: &LogEntry) -> String {
    e.at.format("%Y-%m-%d %H:%M").to_string()
}

fn fields(e: &LogEntry) -> [String; 8] {
    [
        e.step.to_string(),
        e.at.to_rfc3339(),
        e.process.clone(),
        e.lane.clone(),
        e.actor.clone(),
        e.node_name.clone(),
        e.event.clone(),
        e.reason.clone(),
    ]
}

/// RFC 4180: quote a field that holds a comma, quote or line break; double its quotes.
fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}
