//! The one form a log is stored in: CSV with the XES column names, cases in order, timestamps
//! in UTC with milliseconds. The same events give the same bytes (and so the same hash) whether
//! they came from XES, gzip or a CSV with other column names.

use super::time::format_timestamp;
use super::{EventLog, LogError, ReadOptions};

const HEADER: [&str; 5] = [
    "case:concept:name",
    "concept:name",
    "time:timestamp",
    "org:resource",
    "lifecycle:transition",
];

pub fn to_canonical(log: &EventLog) -> Vec<u8> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(HEADER);
    for case in &log.cases {
        for event in &case.events {
            let time = event.time.and_then(format_timestamp).unwrap_or_default();
            let resource = event
                .resource
                .and_then(|r| log.resources.get(r as usize))
                .map_or("", String::as_str);
            let activity = log
                .activities
                .get(event.activity as usize)
                .map_or("", String::as_str);
            let _ = writer.write_record([
                case.id.as_str(),
                activity,
                time.as_str(),
                resource,
                event.lifecycle.as_str(),
            ]);
        }
    }
    writer.into_inner().unwrap_or_default()
}

/// A stored log read back.
pub fn from_canonical(bytes: &[u8]) -> Result<EventLog, LogError> {
    super::read(bytes, &ReadOptions::default(), &mut |_| {})
        .map_err(|e| LogError::Damaged(e.to_string()))
}
