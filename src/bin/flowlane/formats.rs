//! How the command line prints: the output formats commands offer.

use clap::ValueEnum;

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum BatchFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum LogStyle {
    Text,
    Csv,
    Markdown,
    /// The log, status, elapsed time and SLA breaches as JSON (schemas/simulation-log.schema.json)
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// The definition as canonical JSON
    Json,
    /// The diagram as SVG: lanes, steps, flows, labels and conditions
    Svg,
    /// The diagram as a PNG picture
    Png,
    /// The process handbook as Markdown
    Md,
    /// The process handbook as one self-contained HTML page, diagram included
    Html,
    /// BPMN 2.0 XML with diagram (plain, or for an engine with --engine)
    Bpmn,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum ListFormat {
    /// A table for people
    Text,
    /// Every process with its id, as JSON
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum ReportFormat {
    /// One problem per line, with its hint
    Text,
    /// The problems as JSON, with counts
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum DiffFormat {
    /// Changes in meaning, field by field
    Text,
    /// Line diff of the readable renderings
    Unified,
    /// The semantic diff as JSON
    Json,
    /// One self-contained HTML page: both diagrams with the changes drawn on them, the change
    /// list, the text diff
    Html,
    /// The newer diagram with the changes drawn on it, as SVG
    Svg,
    /// The newer diagram with the changes drawn on it, as a PNG picture
    Png,
}
