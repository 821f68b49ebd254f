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
