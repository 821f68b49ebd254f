//! Event logs: what the systems that run the workflows wrote down (case, activity, time,
//! resource, lifecycle), read from XES (plain or gzip) or CSV in one streaming pass.
//!
//! Pure: a log is read from any `Read` the edges open and written to text (`to_xes`,
//! `to_canonical`); nothing here touches the disk.

mod canonical;
mod csv;
mod error;
mod input;
mod preview;
mod time;
mod xes;
mod xes_writer;

use std::collections::HashMap;
use std::io::Read;

use serde::Serialize;
use ts_rs::TS;

pub use self::csv::{detect_columns, CsvColumns, DetectedColumns};
pub use canonical::{from_canonical, to_canonical};
pub use error::{LogError, Place};
pub use preview::{preview, LogFileFormat, LogPreview};
pub use time::parse_timestamp;
pub use xes_writer::to_xes;

/// A log read into memory: cases in the order they first appear, names interned once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventLog {
    /// Activity names; `Event::activity` indexes them.
    pub activities: Vec<String>,
    /// Resource names; `Event::resource` indexes them.
    pub resources: Vec<String>,
    pub cases: Vec<Case>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub id: String,
    /// Ordered by time (events at the same instant, or without one, as written).
    pub events: Vec<Event>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Event {
    pub activity: u32,
    /// Milliseconds since the Unix epoch, UTC.
    pub time: Option<i64>,
    pub resource: Option<u32>,
    pub lifecycle: Lifecycle,
}

/// The XES lifecycle transition of an event; only `complete` ones (or events without one)
/// count as an activity done when a log is checked against a model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Lifecycle {
    #[default]
    Complete,
    Start,
    /// Any other transition (schedule, suspend, abort, …).
    Other,
}

/// How far reading has come: bytes of the input taken (compressed bytes for gzip) and events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub bytes: u64,
    pub events: u64,
}

/// How a log is read.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// The most bytes of log text taken (after decompression): a bigger file, or a gzip bomb,
    /// is refused before it fills the memory.
    pub max_bytes: u64,
    /// Columns chosen by the user for a CSV; unchosen ones are detected by their header. The
    /// chosen resource column is also the XES event attribute read as the resource.
    pub columns: CsvColumns,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_bytes: 1 << 30,
            columns: CsvColumns::default(),
        }
    }
}

/// How often (in events) the progress callback is called.
pub const PROGRESS_EVERY: u64 = 65_536;

/// Reads a log: gzip is recognised by its magic bytes, XES by its first tag, anything else is
/// read as CSV.
pub fn read(
    input: impl Read,
    options: &ReadOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<EventLog, LogError> {
    let (text, counter) = input::open(input, options.max_bytes)?;
    let mut text = std::io::BufReader::with_capacity(1 << 16, text);
    let xml = input::looks_like_xml(&mut text)?;
    let mut builder = Builder::default();
    if xml {
        let resource = options
            .columns
            .resource
            .as_deref()
            .unwrap_or("org:resource");
        xes::read(&mut text, resource, &mut builder, &counter, progress)?;
    } else {
        csv::read(
            &mut text,
            &options.columns,
            &mut builder,
            &counter,
            progress,
        )?;
    }
    builder.finish()
}

/// Gathers events into cases while a reader streams them.
#[derive(Default)]
pub(crate) struct Builder {
    log: EventLog,
    activity_index: HashMap<String, u32>,
    resource_index: HashMap<String, u32>,
    case_index: HashMap<String, usize>,
    pub(crate) events: u64,
}

impl Builder {
    pub(crate) fn activity(&mut self, name: &str) -> u32 {
        intern(&mut self.log.activities, &mut self.activity_index, name)
    }

    pub(crate) fn resource(&mut self, name: &str) -> u32 {
        intern(&mut self.log.resources, &mut self.resource_index, name)
    }

    /// The case of this id, opened when it is first seen (a CSV may interleave cases).
    pub(crate) fn case(&mut self, id: &str) -> usize {
        if let Some(&i) = self.case_index.get(id) {
            return i;
        }
        let i = self.log.cases.len();
        self.log.cases.push(Case {
            id: id.to_string(),
            events: Vec::new(),
        });
        self.case_index.insert(id.to_string(), i);
        i
    }

    pub(crate) fn push(&mut self, case: usize, event: Event) {
        self.log.cases[case].events.push(event);
        self.events += 1;
    }

    fn finish(mut self) -> Result<EventLog, LogError> {
        if self.events == 0 {
            return Err(LogError::Empty);
        }
        self.log.cases.retain(|c| !c.events.is_empty());
        for case in &mut self.log.cases {
            // Stable: events at the same instant keep the order they were written in.
            if case.events.windows(2).any(|w| w[0].time > w[1].time) {
                case.events.sort_by_key(|e| e.time);
            }
        }
        Ok(self.log)
    }
}

fn intern(names: &mut Vec<String>, index: &mut HashMap<String, u32>, name: &str) -> u32 {
    if let Some(&i) = index.get(name) {
        return i;
    }
    let i = names.len() as u32;
    names.push(name.to_string());
    index.insert(name.to_string(), i);
    i
}

/// What a summary of a log shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct LogFigures {
    #[ts(type = "number")]
    pub cases: u64,
    #[ts(type = "number")]
    pub events: u64,
    #[ts(type = "number")]
    pub activities: u64,
    #[ts(type = "number")]
    pub variants: u64,
}

impl EventLog {
    pub fn events(&self) -> u64 {
        self.cases.iter().map(|c| c.events.len() as u64).sum()
    }

    /// Counts of cases, events, activities and distinct activity sequences (of completions).
    pub fn figures(&self) -> LogFigures {
        let variants: std::collections::HashSet<Vec<u32>> =
            self.cases.iter().map(|c| c.completed().collect()).collect();
        LogFigures {
            cases: self.cases.len() as u64,
            events: self.events(),
            activities: self.activities.len() as u64,
            variants: variants.len() as u64,
        }
    }
}

impl Case {
    /// The activities done, in order: complete events, and events without a lifecycle.
    pub fn completed(&self) -> impl Iterator<Item = u32> + '_ {
        self.events
            .iter()
            .filter(|e| e.lifecycle == Lifecycle::Complete)
            .map(|e| e.activity)
    }
}

impl Lifecycle {
    /// `complete`, `start`, anything else; case and surrounding space do not matter.
    pub fn parse(text: &str) -> Lifecycle {
        let text = text.trim();
        if text.eq_ignore_ascii_case("complete") {
            Lifecycle::Complete
        } else if text.eq_ignore_ascii_case("start") {
            Lifecycle::Start
        } else {
            Lifecycle::Other
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Complete => "complete",
            Lifecycle::Start => "start",
            Lifecycle::Other => "other",
        }
    }
}
