use std::path::PathBuf;

use super::fault::ReadOnly;
use crate::canonical::ParseError;
use crate::model::Id;
use crate::validate::Problem;

/// Everything that can go wrong with a library, each a thing the user can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{} does not exist", .0.display())]
    Missing(PathBuf),
    #[error("\"{0}\" has no draft")]
    NoDraft(String),
    #[error("`{0}` is not a version number or `draft`")]
    BadRevision(String),
    #[error("{} already exists; it was left as it is", .0.display())]
    AlreadyExists(PathBuf),
    #[error("{} is not a Flowlane library ({reason}); it was left as it is", path.display())]
    NotALibrary { path: PathBuf, reason: String },
    #[error("{} was written by a newer Flowlane (library format {found}, this version reads up to {supported}); update Flowlane to open it. The file was left as it is", path.display())]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{} is damaged ({detail}); it was left as it is. Restore it from a backup", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("the disk is full; nothing was saved. Free some space on it and try again")]
    DiskFull,
    #[error("{} is read-only ({why}); it can be read but nothing can be saved in it. Copy it to a writable folder to change it", path.display())]
    ReadOnly { path: PathBuf, why: ReadOnly },
    #[error("{} is in an older library format ({found}; this version upgrades it to {supported}) and cannot be upgraded where it is ({why}). Copy it to a writable folder and open the copy", path.display())]
    ReadOnlyOutdated {
        path: PathBuf,
        why: ReadOnly,
        found: u32,
        supported: u32,
    },
    #[error("cannot create {}: its folder cannot be written ({why}); choose another place for the library", path.display())]
    CannotCreate { path: PathBuf, why: ReadOnly },
    #[error("you have no permission to {} {}; nothing was changed. Ask its owner for access, or use a library in a folder of your own", if *.writing { "change" } else { "read" }, path.display())]
    PermissionDenied { path: PathBuf, writing: bool },
    #[error("the folder {} does not exist; create it or choose another place for the library", .0.display())]
    MissingFolder(PathBuf),
    #[error("no process matches \"{0}\"")]
    UnknownProcess(String),
    #[error("\"{query}\" matches more than one process: {}; use the id", matches.join(", "))]
    AmbiguousProcess { query: String, matches: Vec<String> },
    #[error("the process has no version {number}")]
    UnknownVersion { process: Id, number: u32 },
    #[error("the definition has {} problem(s): {}", .0.len(), .0.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
    #[error("there is no validation rule \"{0}\"")]
    UnknownRule(String),
    #[error("a tag needs at least one visible character")]
    EmptyTag,
    #[error("a process needs a name")]
    EmptyName,
    #[error("nothing changed since version {0}; no new version was saved")]
    Unchanged(u32),
    #[error("there is already a scenario named \"{0}\"; choose another name")]
    ScenarioExists(String),
    #[error("there is no scenario named \"{0}\"")]
    UnknownScenario(String),
    #[error("scenario \"{name}\" cannot be read: {detail}")]
    UnreadableScenario { name: String, detail: String },
    #[error("stored definition of {process} v{number} cannot be read: {source}")]
    Unreadable {
        process: Id,
        number: u32,
        source: ParseError,
    },
    #[error("stored definition of {process} v{number} is damaged: {detail}. Run `flowlane verify` and restore the library from a backup")]
    Damaged {
        process: Id,
        number: u32,
        detail: String,
    },
    #[error("this library is already linked to {0} and has shared versions through it; it stays linked there")]
    AlreadyLinked(String),
    #[error("Flowlane's settings in {} cannot be read ({detail}); they were left as they are", path.display())]
    UnreadableSettings { path: PathBuf, detail: String },
    #[error("process {process} has no stored log {number}; `flowlane log list` lists them")]
    UnknownLog { process: Id, number: u32 },
    #[error("a stored event log is damaged: {0}. Run `flowlane verify` and restore the library from a backup")]
    LogDamaged(String),
    #[error("library error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("library schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// Stable code the UI and scripts can switch on.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Missing(_) => "missing",
            StoreError::AlreadyExists(_) => "already_exists",
            StoreError::NotALibrary { .. } => "not_a_library",
            StoreError::TooNew { .. } => "too_new",
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::DiskFull => "disk_full",
            StoreError::ReadOnly { .. }
            | StoreError::ReadOnlyOutdated { .. }
            | StoreError::CannotCreate { .. } => "read_only",
            StoreError::PermissionDenied { .. } => "permission_denied",
            StoreError::MissingFolder(_) => "missing_folder",
            StoreError::UnknownProcess(_) => "unknown_process",
            StoreError::AmbiguousProcess { .. } => "ambiguous_process",
            StoreError::UnknownVersion { .. } | StoreError::BadRevision(_) => "unknown_version",
            StoreError::NoDraft(_) => "no_draft",
            StoreError::UnknownLog { .. } => "unknown_log",
            StoreError::LogDamaged(_) => "unreadable",
            StoreError::Invalid(_) => "invalid",
            StoreError::UnknownRule(_) => "unknown_rule",
            StoreError::EmptyTag => "empty_tag",
            StoreError::EmptyName => "invalid",
            StoreError::Unchanged(_) => "unchanged",
            StoreError::Unreadable { .. } | StoreError::Damaged { .. } => "unreadable",
            StoreError::ScenarioExists(_) => "scenario_exists",
            StoreError::UnknownScenario(_) => "unknown_scenario",
            StoreError::UnreadableScenario { .. } => "unreadable_scenario",
            StoreError::AlreadyLinked(_) => "already_linked",
            StoreError::UnreadableSettings { .. } => "unreadable_settings",
            StoreError::Sqlite(_) | StoreError::Migration(_) => "storage",
            StoreError::Io(_) => "io",
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    /// SQLite reports a full disk as an error code; name it so the user knows what to do.
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull,
            _ => StoreError::Sqlite(err),
        }
    }
}
