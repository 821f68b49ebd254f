/// Where in a log something is: a CSV line or an XES event (with its trace when known).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Line(u64),
    Event { number: u64, case: Option<String> },
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Event {
                number,
                case: Some(case),
            } => write!(f, "event {number} (case \"{case}\")"),
            Place::Event { number, case: None } => write!(f, "event {number}"),
        }
    }
}

/// Why a log cannot be read; nothing of it is kept.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("the log has no column for the {role} (looked for {}; the header has {}); choose the column", expected.join(", "), found.join(", "))]
    MissingColumn {
        role: &'static str,
        expected: Vec<String>,
        found: Vec<String>,
    },
    #[error("the log has no column named \"{name}\" (the header has {})", found.join(", "))]
    UnknownColumn { name: String, found: Vec<String> },
    #[error("{at}: the timestamp \"{value}\" cannot be read (expected ISO 8601, e.g. 2026-03-01T09:30:00+01:00)")]
    BadTimestamp { at: Place, value: String },
    #[error("{at}: the case id is empty")]
    EmptyCase { at: Place },
    #[error("{at}: the activity name is empty")]
    EmptyActivity { at: Place },
    #[error("{at}: the event is outside any case")]
    NoCase { at: Place },
    #[error("{at}: {message}")]
    Xml { at: Place, message: String },
    #[error("{at}: {message}")]
    Csv { at: Place, message: String },
    #[error("the log is bigger than {} MB of text once unpacked; it was not read", limit / 1_000_000)]
    TooLarge { limit: u64 },
    #[error("the log cannot be read: {0}")]
    Io(String),
    #[error("the log has no events")]
    Empty,
    #[error("the stored log is damaged: {0}")]
    Damaged(String),
}
