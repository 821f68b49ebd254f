//! The handbook as Markdown (CommonMark with GitHub tables); every text from the definition is
//! escaped, so a name never turns into formatting or a link.

use std::fmt::Write;

use super::content::document;
use super::words::{
    facts, history_row, lane_facts, step_details, step_summary, way_out, Inline, HISTORY_COLUMNS,
};
use super::Source;

pub fn markdown(source: &Source) -> String {
    let doc = document(source);
    let mut out = String::new();
    let _ = writeln!(out, "# {} — process handbook\n", escape(&doc.name));
    out.push_str("| | |\n|---|---|\n");
    for (label, value) in facts(&doc) {
        let _ = writeln!(out, "| {label} | {} |", escape(&value));
    }
    out.push('\n');
    if !doc.variables.is_empty() {
        let generated = doc.variables.iter().any(|v| !v.3.is_empty());
        out.push_str(match generated {
            true => "## Instance data\n\n| Variable | Type | Meaning | Generated data |\n|---|---|---|---|\n",
            false => "## Instance data\n\n| Variable | Type | Meaning |\n|---|---|---|\n",
        });
        for (name, kind, description, data) in &doc.variables {
            let data = match generated {
                true => format!(" {} |", escape(data)),
                false => String::new(),
            };
            let _ = writeln!(
                out,
                "| {} | {kind} | {} |{data}",
                code(name),
                escape(description)
            );
        }
        out.push('\n');
    }
    for (i, lane) in doc.lanes.iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", i + 1, escape(&lane.name));
        let facts: Vec<String> = lane_facts(lane)
            .into_iter()
            .map(|(label, value)| format!("**{label}:** {}", escape(&value)))
            .collect();
        let _ = writeln!(out, "{}\n", facts.join("  \n"));
        if lane.steps.is_empty() {
            out.push_str("No steps yet.\n\n");
            continue;
        }
        for (n, step) in lane.steps.iter().enumerate() {
            let _ = write!(
                out,
                "{}. **{}** — {}",
                n + 1,
                escape(&step.name),
                inline(&step_summary(step))
            );
            // Details continue the item's paragraph after a hard line break.
            for line in step_details(step) {
                let _ = write!(out, "  \n   {}", inline(&line));
            }
            out.push('\n');
            for way in &step.ways_out {
                let _ = writeln!(out, "   - {}", inline(&way_out(way)));
            }
        }
        out.push('\n');
    }
    if let Some(r) = &doc.reality {
        let _ = writeln!(out, "## In practice: {}\n", escape(&r.log));
        out.push_str("| | |\n|---|---|\n");
        for (label, value) in &r.facts {
            let _ = writeln!(out, "| {label} | {} |", escape(value));
        }
        out.push('\n');
        for d in &r.deviations {
            let _ = writeln!(out, "- {}", escape(d));
        }
        if !r.deviations.is_empty() {
            out.push('\n');
        }
    }
    out.push_str("## Version history\n\n");
    if doc.history.is_empty() {
        out.push_str("Not saved yet.\n");
    } else {
        let _ = writeln!(out, "| {} |", HISTORY_COLUMNS.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(HISTORY_COLUMNS.len()));
        for v in &doc.history {
            let cells: Vec<String> = history_row(v, &doc.tags)
                .iter()
                .map(|c| escape(c))
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    out
}

fn inline(runs: &[Inline]) -> String {
    runs.iter()
        .map(|run| match run {
            Inline::Text(t) => escape(t),
            Inline::Strong(t) => format!("**{}**", escape(t)),
            Inline::Code(t) => code(t),
        })
        .collect()
}

/// A code span that holds any text: fenced with more backticks than the text has in a row.
fn code(text: &str) -> String {
    let text = one_line(text);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Backslash-escapes every ASCII punctuation mark Markdown could read as syntax.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '&' | '{' | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Line breaks inside a name would end a table row or a list item.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}
