//! The run's log as text for a terminal, CSV for a spreadsheet or a Markdown table for a handbook.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_with::serde_as;
use ts_rs::TS;

use super::instance::{Instance, LogEntry, SlaBreach, Status};
use crate::describe::{Label, Names};
use crate::model::{Duration, DurationValue, Id};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LogFormat {
    Text,
    Csv,
    Markdown,
}

/// The run's log for scripts (`flowlane simulate --log json`): where it stands, how long it took,
/// every step and every SLA breach.
#[serde_as]
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct RunLog {
    pub process: String,
    pub process_id: Id,
    pub started_at: DateTime<Utc>,
    pub status: Status,
    /// Simulated time from the start to the latest step.
    #[serde_as(as = "DurationValue")]
    #[schemars(with = "DurationValue")]
    pub elapsed: Duration,
    pub log: Vec<LogEntry>,
    pub breaches: Vec<SlaBreach>,
}

impl RunLog {
    pub fn of(instance: &Instance) -> RunLog {
        RunLog {
            process: instance.definition.info.name.clone(),
            process_id: instance.definition.id,
            started_at: instance.started_at,
            status: instance.status.clone(),
            elapsed: instance.elapsed(),
            log: instance.log.clone(),
            breaches: instance.breaches.clone(),
        }
    }
}

const COLUMNS: [&str; 8] = [
    "step", "time", "process", "lane", "actor", "node", "event", "reason",
];

/// Renders every log entry of `instance`, then its SLA breaches (text and Markdown only).
pub fn render_log(instance: &Instance, format: LogFormat) -> String {
    let mut out = String::new();
    match format {
        LogFormat::Text => {
            let names = Names::of(&instance.definition);
            for e in &instance.log {
                // Steps of a called process are not in this definition: their name as logged.
                let node = names
                    .get(e.node)
                    .map_or_else(|| format!("\"{}\"", e.node_name), Label::to_string);
                let reason = match e.reason.is_empty() {
                    true => String::new(),
                    false => format!(" — {}", e.reason),
                };
                out.push_str(&format!(
                    "{:>3}  {}  {} / {}  {node} {}{reason}\n",
                    e.step,
                    time(e),
                    e.lane,
                    e.actor,
                    e.event
                ));
            }
        }
        LogFormat::Csv => return csv_table(&COLUMNS, instance.log.iter().map(fields)),

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

/// A CSV table (RFC 4180 quoting, `\n` line ends) with a header row.
pub(crate) fn csv_table<R, F>(columns: &[&str], rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut table = csv::Writer::from_writer(Vec::new());
    // Writing to memory fails only when memory does.
    let written = table
        .write_record(columns)
        .and_then(|()| rows.into_iter().try_for_each(|row| table.write_record(row)));
    written.expect("CSV is written to memory");
    let bytes = table.into_inner().expect("CSV is written to memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::csv_table;

    #[test]
    fn csv_quotes_only_fields_that_need_it() {
        let rows = [["plain", "a,b", "say \"hi\"", "two\nlines", ""]];
        assert_eq!(
            csv_table(&["one", "two", "three", "four", "five"], rows),
            "one,two,three,four,five\nplain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n"
        );
    }
}
