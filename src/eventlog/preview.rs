//! What an import dialog shows before a log is read whole: for a CSV its header, the columns
//! that would be read (chosen, else detected) and its first rows; for XES its figures (an XES
//! file names its own attributes, so there is nothing to choose).

use std::io::Read;

use serde::Serialize;
use ts_rs::TS;

use super::csv::{detect_columns, sniff_delimiter, CsvColumns, DetectedColumns};
use super::{input, xes, Builder, LogError, LogFigures, Place, ReadOptions};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LogFileFormat {
    Csv,
    Xes,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LogPreview {
    pub format: LogFileFormat,
    /// The CSV's header (empty for XES).
    pub headers: Vec<String>,
    pub detected: DetectedColumns,
    /// The first rows of a CSV, as written.
    pub rows: Vec<Vec<String>>,
    /// An XES log's counts (a CSV's are known once its columns are chosen and it is read).
    #[ts(optional)]
    pub figures: Option<LogFigures>,
}

/// Reads the start of a CSV (up to `rows` rows) or a whole XES log; nothing is kept.
pub fn preview(
    input: impl Read,
    options: &ReadOptions,
    rows: usize,
) -> Result<LogPreview, LogError> {
    let (text, counter) = input::open(input, options.max_bytes)?;
    let mut text = std::io::BufReader::with_capacity(1 << 16, text);
    if input::looks_like_xml(&mut text)? {
        let mut builder = Builder::default();
        xes::read(
            &mut text,
            "org:resource",
            &mut builder,
            &counter,
            &mut |_| {},
        )?;
        let log = builder.finish()?;
        return Ok(LogPreview {
            format: LogFileFormat::Xes,
            headers: Vec::new(),
            detected: DetectedColumns::default(),
            rows: Vec::new(),
            figures: Some(log.figures()),
        });
    }
    let delimiter = sniff_delimiter(&mut text)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text);
    let refused = |e: ::csv::Error, line: u64| LogError::Csv {
        at: Place::Line(e.position().map_or(line, |p| p.line())),
        message: e.to_string(),
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| refused(e, 1))?
        .iter()
        .map(str::to_string)
        .collect();
    let chosen: &CsvColumns = &options.columns;
    let detected = detect_columns(&headers, chosen);
    let mut shown = Vec::new();
    for (i, record) in reader.records().take(rows).enumerate() {
        let record = record.map_err(|e| refused(e, i as u64 + 2))?;
        shown.push(record.iter().map(str::to_string).collect());
    }
    Ok(LogPreview {
        format: LogFileFormat::Csv,
        headers,
        detected,
        rows: shown,
        figures: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_shows_its_header_detected_columns_and_first_rows() {
        let text = "Ticket;Step;When;Who\nT1;Open;2026-01-01T09:00:00Z;ann\nT1;Close;2026-01-02T09:00:00Z;bob\nT2;Open;2026-01-03T09:00:00Z;ann\n";
        let p = preview(text.as_bytes(), &ReadOptions::default(), 2).expect("previews");
        assert_eq!(p.format, LogFileFormat::Csv);
        assert_eq!(p.headers, ["Ticket", "Step", "When", "Who"]);
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[1], ["T1", "Close", "2026-01-02T09:00:00Z", "bob"]);
        assert_eq!(p.detected.case, None, "no usual name for the case");
        let chosen = ReadOptions {
            columns: CsvColumns {
                case: Some("Ticket".into()),
                ..CsvColumns::default()
            },
            ..ReadOptions::default()
        };
        let p = preview(text.as_bytes(), &chosen, 20).expect("previews");
        assert_eq!(p.detected.case.as_deref(), Some("Ticket"));
        assert_eq!(p.rows.len(), 3);
    }
}
