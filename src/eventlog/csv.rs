//! CSV logs, one event a row, read with the csv crate. The case, activity, timestamp, resource
//! and lifecycle columns are the ones the user chose, else found by their usual names (the XES
//! names pm4py writes, `case:concept:name`, and plain ones like `case`, `activity`, `timestamp`).

use std::io::BufRead;

use serde::Serialize;
use ts_rs::TS;

use super::input::{io, over_cap, Counter};
use super::{Builder, Event, Lifecycle, LogError, Place, Progress, PROGRESS_EVERY};

/// Columns chosen by the user, by header name; `None` means "find it by its usual names".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvColumns {
    pub case: Option<String>,
    pub activity: Option<String>,
    pub timestamp: Option<String>,
    pub resource: Option<String>,
    pub lifecycle: Option<String>,
}

/// The columns a CSV log was read with, by header name (what a column picker starts from).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DetectedColumns {
    pub case: Option<String>,
    pub activity: Option<String>,
    pub timestamp: Option<String>,
    pub resource: Option<String>,
    pub lifecycle: Option<String>,
}

/// Usual header names per role, compared after lower-casing and dropping spaces, `_` and `-`.
const CASE_NAMES: &[&str] = &["case:concept:name", "caseid", "case", "caseconcept:name"];
const ACTIVITY_NAMES: &[&str] = &["concept:name", "activity", "activityname", "event", "task"];
const TIMESTAMP_NAMES: &[&str] = &[
    "time:timestamp",
    "timestamp",
    "completetimestamp",
    "endtimestamp",
    "time",
    "endtime",
    "date",
];
const RESOURCE_NAMES: &[&str] = &["org:resource", "resource", "user", "performer"];
const LIFECYCLE_NAMES: &[&str] = &["lifecycle:transition", "lifecycle", "transition"];

fn normalise(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .collect()
}

/// The index of the column for one role: the chosen name (which must exist), else the first
/// usual name found.
fn column(
    headers: &[String],
    chosen: &Option<String>,
    usual: &[&str],
) -> Result<Option<usize>, LogError> {
    if let Some(name) = chosen {
        return match headers.iter().position(|h| h.trim() == name.trim()) {
            Some(i) => Ok(Some(i)),
            None => Err(LogError::UnknownColumn {
                name: name.clone(),
                found: headers.to_vec(),
            }),
        };
    }
    let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    Ok(usual
        .iter()
        .find_map(|u| normalised.iter().position(|h| h == u)))
}

struct Indices {
    case: usize,
    activity: usize,
    timestamp: Option<usize>,
    resource: Option<usize>,
    lifecycle: Option<usize>,
}

fn indices(headers: &[String], chosen: &CsvColumns) -> Result<Indices, LogError> {
    let required = |role: &'static str, usual: &[&str], found: Option<usize>| {
        found.ok_or_else(|| LogError::MissingColumn {
            role,
            expected: usual.iter().map(|s| s.to_string()).collect(),
            found: headers.to_vec(),
        })
    };
    Ok(Indices {
        case: required(
            "case id",
            CASE_NAMES,
            column(headers, &chosen.case, CASE_NAMES)?,
        )?,
        activity: required(
            "activity",
            ACTIVITY_NAMES,
            column(headers, &chosen.activity, ACTIVITY_NAMES)?,
        )?,
        timestamp: column(headers, &chosen.timestamp, TIMESTAMP_NAMES)?,
        resource: column(headers, &chosen.resource, RESOURCE_NAMES)?,
        lifecycle: column(headers, &chosen.lifecycle, LIFECYCLE_NAMES)?,
    })
}

/// Which columns a CSV header would be read with, for a column picker.
pub fn detect_columns(header: &[String], chosen: &CsvColumns) -> DetectedColumns {
    let name = |c: &Option<String>, usual: &[&str]| {
        column(header, c, usual)
            .ok()
            .flatten()
            .map(|i| header[i].clone())
    };
    DetectedColumns {
        case: name(&chosen.case, CASE_NAMES),
        activity: name(&chosen.activity, ACTIVITY_NAMES),
        timestamp: name(&chosen.timestamp, TIMESTAMP_NAMES),
        resource: name(&chosen.resource, RESOURCE_NAMES),
        lifecycle: name(&chosen.lifecycle, LIFECYCLE_NAMES),
    }
}

/// The separator the header line uses most: comma, semicolon or tab.
pub(super) fn sniff_delimiter(text: &mut impl BufRead) -> Result<u8, LogError> {
    let head = text.fill_buf().map_err(io)?;
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |d: u8| line.iter().filter(|&&b| b == d).count();
    Ok([b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| count(d))
        .unwrap_or(b','))
}

pub fn read(
    text: &mut impl BufRead,
    chosen: &CsvColumns,
    builder: &mut Builder,
    counter: &Counter,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), LogError> {
    let delimiter = sniff_delimiter(text)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(e, 1))?
        .iter()
        .map(str::to_string)
        .collect();
    let columns = indices(&headers, chosen)?;
    let mut record = ::csv::StringRecord::new();
    let mut rows = 0u64;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(e, rows + 2)),
        }
        rows += 1;
        let line = record.position().map_or(rows + 1, |p| p.line());
        let at = || Place::Line(line);
        let field = |i: usize| record.get(i).unwrap_or("");
        let case = field(columns.case);
        if case.trim().is_empty() {
            return Err(LogError::EmptyCase { at: at() });
        }
        let activity = field(columns.activity);
        if activity.trim().is_empty() {
            return Err(LogError::EmptyActivity { at: at() });
        }
        let time = match columns.timestamp.map(field) {
            None => None,
            Some(value) => match super::parse_timestamp(value) {
                Some(t) => Some(t),
                None => {
                    return Err(LogError::BadTimestamp {
                        at: at(),
                        value: value.to_string(),
                    })
                }
            },
        };
        let resource = columns
            .resource
            .map(field)
            .filter(|r| !r.is_empty())
            .map(|r| r.to_string());
        let lifecycle = columns
            .lifecycle
            .map(field)
            .map_or(Lifecycle::Complete, Lifecycle::parse);
        let (case, activity) = (builder.case(case), builder.activity(activity));
        let resource = resource.map(|r| builder.resource(&r));
        builder.push(
            case,
            Event {
                activity,
                time,
                resource,
                lifecycle,
            },
        );
        if rows.is_multiple_of(PROGRESS_EVERY) {
            progress(Progress {
                bytes: counter.get(),
                events: rows,
            });
        }
    }
    progress(Progress {
        bytes: counter.get(),
        events: rows,
    });
    Ok(())
}

fn csv_error(err: ::csv::Error, fallback_line: u64) -> LogError {
    let cap = match err.kind() {
        ::csv::ErrorKind::Io(io) => over_cap(io),
        _ => over_cap(&err),
    };
    if let Some(limit) = cap {
        return LogError::TooLarge { limit };
    }
    let line = err.position().map_or(fallback_line, |p| p.line());
    let message = match err.kind() {
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the row has {len} fields where the header has {expected_len}"),
        ::csv::ErrorKind::Utf8 { .. } => "the row is not UTF-8 text".to_string(),
        _ => err.to_string(),
    };
    LogError::Csv {
        at: Place::Line(line),
        message,
    }
}
