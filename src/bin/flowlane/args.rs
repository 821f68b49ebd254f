//! The command line's words: commands and options (their values are parsed in `values.rs`).

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use flowlane::model::Duration;

use crate::values::{parse_choice, parse_duration, parse_instant, parse_start};

pub use crate::formats::{
    BatchFormat, DiffFormat, ExportFormat, ListFormat, LogStyle, ReportFormat,
};
pub use crate::subcommands::{
    ColumnArgs, GenerateCommand, LogCommand, OnOff, RemoteCommand, ScenarioCommand, SigningCommand,
    TakeSide,
};

/// What `flowlane --version` prints after the name: the workspace version, and the commit when
/// the build was given one in `FLOWLANE_COMMIT` (`scripts/package` does). Plain builds leave it
/// out, so that committing does not recompile anything.
static VERSION: LazyLock<String> = LazyLock::new(|| match option_env!("FLOWLANE_COMMIT") {
    Some(commit) if !commit.is_empty() => {
        format!("{} (commit {commit})", env!("CARGO_PKG_VERSION"))
    }
    _ => env!("CARGO_PKG_VERSION").to_string(),
});

#[derive(Parser)]
#[command(
    name = "flowlane",
    version = VERSION.as_str(),
    about = "Flowlane process library from the command line"
)]
pub struct Cli {
    /// Library file [default: ~/.local/share/flowlane/library.flowlane]
    #[arg(long, global = true, env = "FLOWLANE_LIBRARY")]
    pub library: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create a new library (never replaces an existing file)
    #[command(after_help = "Examples:\n  flowlane init --samples team.flowlane")]
    Init {
        /// Add the sample processes
        #[arg(long)]
        samples: bool,
        /// Where to create it; overrides --library
        path: Option<PathBuf>,
    },
    /// List the processes in the library, or those a filter matches: name, category, owner,
    /// latest version, last saved
    #[command(
        after_help = "Filter terms (all must match, case ignored): name:TEXT, owner:TEXT and tag:TEXT match\nwhen the field contains TEXT, category:TEXT when the category starts with it; a bare word\nmatches any of them; double quotes keep spaces: owner:\"Ann Lee\".\n\nExamples:\n  flowlane list\n  flowlane list --filter category:support\n  flowlane list --filter 'owner:finance invoice'\n  flowlane list --ids\n  flowlane list --format json"
    )]
    List {
        /// Only the processes matching every term, e.g. `owner:ann category:support invoice`
        #[arg(long, value_name = "TEXT")]
        filter: Option<String>,
        /// Add each process's id (what scripts and other commands can name it by)
        #[arg(long)]
        ids: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print a process as readable lines
    #[command(
        after_help = "Examples:\n  flowlane show \"Accounts payable\"\n  flowlane show \"Accounts payable\" --version 1"
    )]
    Show {
        /// Name, id or BPMN process id of the process
        process: String,
        #[arg(long)]
        version: Option<u32>,
        /// Print each lane's, step's and flow's id, and for an imported process its id in the
        /// BPMN file (`bpmn=Task_1`)
        #[arg(long)]
        ids: bool,
    },
    /// List the saved versions of a process
    #[command(after_help = "Examples:\n  flowlane history \"Accounts payable\"")]
    History {
        process: String,
        /// Only the version in force at this date or instant (2026-03-31 or RFC 3339)
        #[arg(long, value_parser = parse_instant)]
        at: Option<DateTime<Utc>>,
    },
    /// Check a definition file and store it as the next version of PROCESS
    #[command(
        after_help = "Examples:\n  flowlane save \"Invoice review\" invoice-review.json -m \"First draft\""
    )]
    Save {
        /// Name or id of the process; when none matches, a new process of that name is created
        /// from the file (a file holding another process of the library is refused)
        process: String,
        file: PathBuf,
        #[arg(short, long)]
        message: String,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Write a version as JSON, a picture (SVG, PNG) or a handbook (Markdown, HTML)
    #[command(
        after_help = "Examples:\n  flowlane export \"Accounts payable\" --format bpmn --output accounts-payable.bpmn\n  flowlane export \"Contract review\" --format md"
    )]
    Export {
        process: String,
        #[arg(long)]
        version: Option<u32>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// BPMN for an engine: spiffworkflow, camunda8, camunda7, bpmn-engine (also flowable,
        /// activiti); conditions in its dialect, user tasks assigned its way [default: plain BPMN]
        #[arg(long)]
        engine: Option<flowlane::expr::dialect::Engine>,
        /// Write to this file (all or nothing) instead of standard output
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Lay a process out again, left to right in its lanes; prints the laid-out definition as
    /// JSON, or with --save stores it as the next version
    #[command(after_help = "Examples:\n  flowlane layout \"Accounts payable\" --save")]
    Layout {
        process: String,
        /// The version to lay out [default: the latest]
        #[arg(long)]
        version: Option<u32>,
        /// Only these nodes (each by name, id or BPMN id, comma-separated); the rest keeps its
        /// place
        #[arg(long, value_delimiter = ',')]
        selection: Vec<String>,
        /// Store the result as the next version
        #[arg(long)]
        save: bool,
        #[arg(short, long, default_value = "Laid out automatically")]
        message: String,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Read a BPMN 2.0 file and store it as a new process, or as the next version of `--into`
    #[command(
        after_help = "Examples:\n  flowlane import accounts-payable.bpmn --into \"Accounts payable\"\n  flowlane import accounts-payable.bpmn --new -m \"From the modeller\""
    )]
    Import {
        file: PathBuf,
        /// The process (id, id prefix or name) this file is a new version of
        #[arg(long, conflicts_with = "new")]
        into: Option<String>,
        /// Import as a new process even when the file was exported from one in this library
        #[arg(long)]
        new: bool,
        #[arg(short, long)]
        message: Option<String>,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// What changed between two definitions: `diff OLD NEW`, each a BPMN file, a .json
    /// definition or a library version (`PROCESS@3`, `PROCESS@draft`); or `diff PROCESS FROM TO`
    /// for two versions of one process of the library
    #[command(
        after_help = "Examples:\n  flowlane diff \"Accounts payable\" 1 2\n  flowlane diff \"Accounts payable\" 1 2 --format json"
    )]
    Diff {
        /// OLD NEW, or PROCESS FROM TO (FROM and TO a version number or `draft`)
        #[arg(num_args = 2..=3, required = true, value_name = "SIDE")]
        sides: Vec<String>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// With --format text, also list layout changes (positions, sizes, bend points)
        #[arg(long)]
        layout: bool,
        /// Write to this file (all or nothing) instead of standard output
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Open the two sides in the app's compare view instead (`flowlane-app --compare OLD
        /// NEW`, the app beside this program or on PATH); waits until the app has them, as a
        /// `git difftool` must
        #[arg(long, conflicts_with_all = ["format", "layout", "output"])]
        app: bool,
    },
    /// Print a BPMN file or a .json definition as the readable lines `show` prints, in a stable
    /// order: a git textconv driver (`git config diff.flowlane.textconv "flowlane textconv"`)
    Textconv {
        file: PathBuf,
    },
    /// Check every saved version against its hash and the hash chain, and every audited row
    /// (versions, tags, scenarios, archiving, rule levels, the link) against the audit log;
    /// exit 2 when tampered. A library linked to a git repository is also checked against the
    /// versions that repository holds, so newest versions deleted from the file are found
    #[command(
        after_help = "Examples:\n  flowlane verify\n  flowlane verify --checkpoint checkpoint.json"
    )]
    Verify {
        /// Also check against a checkpoint file, which catches the newest versions deleted
        /// together with their audit entries: when FILE exists the library is checked against
        /// it; when the whole check is clean FILE is (re)written with the current state
        /// (per process the newest version's number and hash, the audit log's length and
        /// digest). Keep FILE where the library's editors cannot change it
        #[arg(long, value_name = "FILE")]
        checkpoint: Option<PathBuf>,
    },
    /// Check a design: exit 0 when clean, 1 with warnings, 2 with errors (for a pre-commit hook)
    #[command(
        after_help = "Examples:\n  flowlane validate \"Employee onboarding\"\n  flowlane validate \"Contract review\" --format json"
    )]
    Validate {
        /// A definition file (an existing .json path), or a process of the library by name or
        /// id: its latest saved version, or its draft when it has never been saved
        target: String,
        /// Check this saved version instead
        #[arg(long, conflicts_with = "draft")]
        version: Option<u32>,
        /// Check the process's draft instead
        #[arg(long)]
        draft: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// List the validation rules and their levels in this library, or set one
    #[command(after_help = "Examples:\n  flowlane rules\n  flowlane rules unreachable warning")]
    Rules {
        /// The rule to show or set
        code: Option<String>,
        /// off, warning, error, or default
        level: Option<String>,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Write a large, realistic process definition (canonical JSON) for tests and benchmarks,
    /// or with `log` a synthetic event log of a process
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:\n  flowlane generate --nodes 200 --seed 7 --output big.json\n  flowlane generate log \"Accounts payable\" --cases 500 --seed 3 --output invoices.xes"
    )]
    Generate {
        #[command(subcommand)]
        what: Option<GenerateCommand>,
        #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u32).range(2..))]
        nodes: u32,
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        lanes: u32,
        /// The same seed gives the same bytes
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file [default: standard output]
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Run one instance of a process on a simulated clock and print its log; exit 1 when it
    /// stops before an end event (a choice is needed, a deadlock, a loop)
    #[command(
        after_help = "Examples:\n  flowlane simulate \"Accounts payable\" --data '{\"amount\":12500,\"po_matched\":true}' --choose \"Approved?=approved\" --choose \"CFO approved?=approved\"\n  flowlane simulate \"Accounts payable\" --data '{\"amount\":800,\"po_matched\":true}' --choose \"Approved?=approved\" --log json\n  flowlane simulate \"Accounts payable\" --runs 200 --format json\n  flowlane simulate \"Accounts payable\" --calibrate invoices.csv"
    )]
    Simulate {
        process: String,
        /// Instance data as a JSON object of declared variables, e.g. '{"amount":12500}'
        #[arg(long, default_value = "{}")]
        data: String,
        #[arg(long)]
        version: Option<u32>,
        /// Simulated start (RFC 3339, or a date for its midnight UTC) [default: now]
        #[arg(long, value_parser = parse_start)]
        start: Option<DateTime<Utc>>,
        /// Where conditions do not decide, take this way out: GATEWAY=FLOW, each by name, label
        /// or id (repeatable); an inclusive gateway takes several: GATEWAY=FLOW,FLOW
        #[arg(long = "choose", value_parser = parse_choice)]
        choose: Vec<(String, Vec<String>)>,
        #[arg(long, value_enum, default_value_t = LogStyle::Text)]
        log: LogStyle,
        /// Batch mode: simulate this many instances and report cycle times, SLA breaches,
        /// utilisation, cost and bottlenecks (the default start becomes Monday 2026-01-05 UTC)
        #[arg(long, conflicts_with_all = ["data", "choose"])]
        runs: Option<u64>,
        /// Batch mode: start instances until this simulated time (e.g. `8w`) instead of --runs
        #[arg(long, value_parser = parse_duration, conflicts_with_all = ["runs", "data", "choose"])]
        horizon: Option<Duration>,
        /// Batch: the random seed; the same seed gives the same result [default: 1]
        #[arg(long)]
        seed: Option<u64>,
        /// Batch: instances that arrive this early are simulated but not counted (e.g. `1w`)
        #[arg(long, value_parser = parse_duration)]
        warm_up: Option<Duration>,
        /// Batch: what-if parameters (JSON) to apply [default: the definition's own, else the
        /// set shipped with a sample]
        #[arg(long)]
        params: Option<PathBuf>,
        /// Batch: run this version of the process too and show both side by side
        #[arg(long)]
        compare: Option<u32>,
        /// Batch: run the same version under these parameters too and show both side by side
        #[arg(long, conflicts_with = "compare")]
        compare_params: Option<PathBuf>,
        /// Batch: give decisions and variables that lack chances or data the What-if defaults
        /// (equal chances; values around the conditions' constants) instead of refusing
        #[arg(long)]
        defaults: bool,
        /// Batch: how to print the result
        #[arg(long, value_enum)]
        format: Option<BatchFormat>,
        /// Fit arrivals, step durations, branch chances and people per role from this log (a
        /// file or a stored log's number), simulate, and compare cycle times with the log's
        #[arg(long, conflicts_with_all = ["data", "choose", "params", "compare", "compare_params"])]
        calibrate: Option<String>,
        /// With --calibrate: the log's CSV columns
        #[command(flatten)]
        columns: ColumnArgs,
    },
    /// Event logs stored with a process: import (XES, .xes.gz, CSV) and list
    Log {
        #[command(subcommand)]
        command: LogCommand,
    },
    /// How well an event log follows a version: alignments, token replay, precision, deviations
    #[command(
        after_help = "Examples:\n  flowlane conformance \"Accounts payable\" invoices.csv\n  flowlane conformance \"Accounts payable\" invoices.csv --version 1 --format json"
    )]
    Conformance {
        /// Name or id of the process
        process: String,
        /// A log file (XES, .xes.gz, CSV), or the number of a log stored with the process
        log: String,
        /// The version to check against [default: the latest]
        #[arg(long)]
        version: Option<u32>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        #[command(flatten)]
        columns: ColumnArgs,
    },
    /// How long work really waits and takes per step and role in an event log, SLA breaches,
    /// and whether one step (workflow) or the whole (process) is off target
    #[command(
        after_help = "Examples:\n  flowlane performance \"Accounts payable\" invoices.csv\n  flowlane performance \"Accounts payable\" invoices.csv --version 1 --format json"
    )]
    Performance {
        /// Name or id of the process
        process: String,
        /// A log file (XES, .xes.gz, CSV), or the number of a log stored with the process
        log: String,
        /// The version whose steps, roles and SLAs to measure against [default: the latest]
        #[arg(long)]
        version: Option<u32>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        #[command(flatten)]
        columns: ColumnArgs,
    },
    Discover(crate::discovery::DiscoverArgs),
    /// Trainer scenarios: recorded runs that replay step by step
    Scenario {
        #[command(subcommand)]
        command: ScenarioCommand,
    },
    /// The shared git repository this library is linked to
    Remote {
        #[command(subcommand)]
        command: RemoteCommand,
    },
    /// Send every local version the shared repository does not have yet, one commit each (exit 1
    /// when a merge waits: its process is held back until the merge is saved)
    Push {
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Take in the versions others pushed; merge where both sides saved versions
    Pull {
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Signed versions: your SSH key, who may sign (the allowed signers the shared repository
    /// carries), and the library's policy
    #[command(
        after_help = "Examples:\n  flowlane signing key id_ed25519\n  flowlane signing allow ana id_ed25519.pub\n  flowlane signing require on\n  flowlane signing four-eyes on\n  flowlane signing show"
    )]
    Signing {
        #[command(subcommand)]
        command: SigningCommand,
    },
    /// Tag a saved version ("approved", "in production", or any word); with four-eyes approval
    /// on, an approval is signed and must come from someone other than the version's author
    #[command(after_help = "Examples:\n  flowlane tag \"Accounts payable\" 2 approved")]
    Tag {
        process: String,
        version: u32,
        tag: String,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Show a waiting merge's conflicts, choose sides, and save it once each has a choice
    Merge {
        process: String,
        /// Take this side for the conflicts named by number
        #[arg(long, value_enum, requires = "conflicts")]
        take: Option<TakeSide>,
        /// Conflict numbers, as `pull` and `merge` list them
        conflicts: Vec<u32>,
        /// With `--take` on the side that deleted a lane: the lane (by name) that gets the steps
        /// the other side moved into or added to it; by default each goes back to the lane it
        /// came from
        #[arg(
            long,
            value_name = "LANE",
            requires = "take",
            conflicts_with = "drop_dependents"
        )]
        keep_in: Option<String>,
        /// With `--take` on the side that deleted a lane or step: confirms deleting what the
        /// deletion takes along (steps moved into or added to the lane, flows connected to the
        /// step). Without it, steps are kept in another lane and a step with such flows waits
        #[arg(long, requires = "take")]
        drop_dependents: bool,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
}
