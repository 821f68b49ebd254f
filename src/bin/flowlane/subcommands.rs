//! The command line's nested commands (`remote`, `signing`, `log`, `scenario`, `generate log`)
//! and the CSV column options several commands share.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

use crate::formats::LogStyle;

#[derive(Subcommand)]
pub enum RemoteCommand {
    /// Link this library to a shared repository (a path or URL git can reach; it may be empty)
    Link {
        path_or_url: String,
        #[arg(long, default_value = "main")]
        branch: String,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Show the linked repository
    Show,
}

#[derive(Subcommand)]
pub enum SigningCommand {
    /// The signing key, the allowed signers and the policy
    Show,
    /// Sign the versions you push and the approvals you make with this SSH key (a private key
    /// file, or a public one whose key ssh-agent holds), or sign versions with the GPG key of
    /// this fingerprint; `off` stops signing
    Key {
        path: String,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Allow NAME (the name they save versions under) to sign with the public key in KEY_FILE
    /// (SSH `.pub`, or GPG `gpg --armor --export`); the next push writes the list to the shared
    /// repository's `allowed_signers` (GPG keys: `allowed_signers.openpgp`)
    Allow {
        name: String,
        key_file: PathBuf,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Stop allowing NAME to sign
    Revoke {
        name: String,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Require signed versions: pull refuses, and verify reports as problems, versions that
    /// are unsigned or signed by a key no allowed signer has
    Require {
        #[arg(value_enum)]
        state: OnOff,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Four-eyes approval: "approved" and "in production" take a signed approval by an allowed
    /// signer other than the version's author
    FourEyes {
        #[arg(value_enum)]
        state: OnOff,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum TakeSide {
    Mine,
    Theirs,
}

#[derive(Subcommand)]
pub enum LogCommand {
    /// Read a log file and store it with PROCESS (the same events are stored once)
    #[command(
        after_help = "Examples:\n  flowlane log import \"Accounts payable\" invoices.csv\n  flowlane log import \"Accounts payable\" invoices.csv --name \"March invoices\" --case case --activity activity"
    )]
    Import {
        process: String,
        file: PathBuf,
        /// What to call it [default: the file name]
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        columns: ColumnArgs,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// List the logs stored with PROCESS
    #[command(after_help = "Examples:\n  flowlane log list \"Accounts payable\"")]
    List { process: String },
}

/// The CSV columns to read, by header name; unnamed ones are found by their usual names.
#[derive(clap::Args, Clone, Default)]
pub struct ColumnArgs {
    /// Column of the case id [usual: case:concept:name, case, case id]
    #[arg(long = "case")]
    pub case: Option<String>,
    /// Column of the activity [usual: concept:name, activity, event, task]
    #[arg(long)]
    pub activity: Option<String>,
    /// Column of the timestamp [usual: time:timestamp, timestamp, time]
    #[arg(long)]
    pub timestamp: Option<String>,
    /// Column of the resource [usual: org:resource, resource, user]
    #[arg(long)]
    pub resource: Option<String>,
    /// Column of the lifecycle transition [usual: lifecycle:transition, lifecycle]
    #[arg(long)]
    pub lifecycle: Option<String>,
}

#[derive(Subcommand)]
pub enum ScenarioCommand {
    /// List the scenarios (of one process when given)
    #[command(
        after_help = "Examples:\n  flowlane scenario list\n  flowlane scenario list \"Accounts payable\""
    )]
    List { process: Option<String> },
    /// Replay a scenario with its notes; against the newest version too when there is a newer one
    #[command(
        after_help = "Examples:\n  flowlane scenario run \"Invoice of 12,500 EUR needs CFO approval\""
    )]
    Run {
        name: String,
        #[arg(long, value_enum, default_value_t = LogStyle::Text)]
        log: LogStyle,
    },
    /// Replay a real case of an event log step by step: the decisions and events the design
    /// needs to do what the case did, each step noted with when and by whom the log says it was
    /// done; where the design cannot follow the case, says so (exit 1). --save keeps it as a
    /// scenario the app's step simulator opens
    #[command(
        after_help = "Examples:\n  flowlane scenario from-log \"Accounts payable\" 1 case-0001\n  flowlane scenario from-log \"Accounts payable\" 1 case-0001 --save \"Invoice case 1 as it happened\""
    )]
    FromLog {
        /// Name or id of the process
        process: String,
        /// A log file (XES, .xes.gz, CSV), or the number of a log stored with the process
        log: String,
        /// The case's id in the log
        #[arg(value_name = "CASE")]
        case_id: String,
        /// The version to replay on [default: the latest]
        #[arg(long)]
        version: Option<u32>,
        /// Store the scenario under this name
        #[arg(long, value_name = "NAME")]
        save: Option<String>,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
        // Boxed: the other scenario commands are small.
        #[command(flatten)]
        columns: Box<ColumnArgs>,
    },
}

#[derive(Subcommand)]
pub enum GenerateCommand {
    /// Simulate PROCESS (batch, under its parameters) and write the run as an event log with a
    /// start and a complete event per task, deviations injected in known cases: a skipped
    /// approval, a rework loop, a shortcut, a slow role. XES, or CSV when the output ends in
    /// .csv; the defaults give the log a sample library stores
    #[command(
        after_help = "Examples:\n  flowlane generate log \"Accounts payable\" --output invoices.xes\n  flowlane generate log \"Contract review\" --cases 1000 --seed 7 --output contracts.csv\n  flowlane generate log \"Employee onboarding\" --clean --output onboarding.xes"
    )]
    Log {
        /// Name or id of the process
        process: String,
        /// The version to simulate [default: the latest]
        #[arg(long)]
        version: Option<u32>,
        #[arg(long, default_value_t = flowlane::samples::LOG_CASES,
              value_parser = clap::value_parser!(u64).range(1..=flowlane::generate::log::MAX_CASES))]
        cases: u64,
        /// The same seed gives the same log, event for event
        #[arg(long, default_value_t = flowlane::samples::LOG_SEED)]
        seed: u64,
        /// When the first case may arrive (RFC 3339, or a date for its midnight UTC) [default:
        /// Monday 2026-01-05]
        #[arg(long, value_parser = crate::values::parse_start)]
        start: Option<chrono::DateTime<chrono::Utc>>,
        /// The log as the design runs, without deviations
        #[arg(long)]
        clean: bool,
        /// Write to this file (all or nothing) instead of standard output
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}
