//! `flowlane list`: the library's processes as a person reads them — name, category, owner,
//! latest version, when it was last saved — those a filter matches, with ids only where asked (`--ids`, `--format json`).

use std::io::Write;

use flowlane::store::{Library, ProcessFilter, ProcessSummary};

use crate::failure::Failure;

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum ListFormat {
    /// A table for people
    Text,
    /// Every process with its id, as JSON
    Json,
}

pub fn list(
    library: &Library,
    filter: &ProcessFilter,
    ids: bool,
    format: ListFormat,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let processes: Vec<ProcessSummary> = (library.processes()?.into_iter())
        .filter(|p| filter.matches(p))
        .collect();
    match format {
        ListFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&processes)?)?;
        }
        ListFormat::Text => {
            let mut rows = vec![header(ids)];
            rows.extend(processes.iter().map(|p| row(p, ids)));
            write_table(&rows, out)?;
        }
    }
    Ok(())
}

fn header(ids: bool) -> Vec<String> {
    let mut words = vec!["NAME", "CATEGORY", "OWNER", "LATEST", "SAVED", "STATE"];
    if ids {
        words.push("ID");
    }
    words.into_iter().map(String::from).collect()
}

/// One process; what it lacks reads `-` (no owner, no saved version yet).
fn row(p: &ProcessSummary, ids: bool) -> Vec<String> {
    let or_dash = |text: &str| match text.split_whitespace().collect::<Vec<_>>().join(" ") {
        none if none.is_empty() => "-".to_string(),
        text => text,
    };
    let mut state = Vec::new();
    if p.has_draft {
        state.push("draft");
    }
    if p.archived {
        state.push("archived");
    }
    let mut cells = vec![
        or_dash(&p.name),
        p.category.as_str().to_string(),
        or_dash(&p.owner),
        p.latest.map_or("-".into(), |n| format!("v{n}")),
        (p.saved_at).map_or("-".into(), |at| at.format("%Y-%m-%d %H:%M UTC").to_string()),
        or_dash(&state.join(", ")),
    ];
    if ids {
        cells.push(p.id.to_string());
    }
    cells
}

/// Columns padded to their widest cell, two spaces apart; the last one unpadded.
fn write_table(rows: &[Vec<String>], out: &mut impl Write) -> Result<(), Failure> {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            (rows.iter())
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == columns {
                line.push_str(cell);
            } else {
                let pad = widths[c] - cell.chars().count();
                line.push_str(&format!("{cell}{}  ", " ".repeat(pad)));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
