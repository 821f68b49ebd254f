//! The exports a person or another tool asks for (File ▸ Export, `flowlane export`), rendered
//! from one source.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::handbook::{self, Source};
use super::png::{self, fontdb, PngError};
use super::svg;
use crate::bpmn::Target;
use crate::expr::dialect::Engine;

/// Device pixels per diagram unit in a PNG: sharp on screen and on paper.
pub const PNG_SCALE: f32 = 2.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportFormat {
    Svg,
    Png,
    Markdown,
    Html,
    /// BPMN 2.0 XML with its diagram: plain (conditions in Python, their CEL kept in Flowlane's
    /// namespace), or for an engine.
    Bpmn,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] = [
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Bpmn,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Markdown => "md",
            ExportFormat::Html => "html",
            ExportFormat::Bpmn => "bpmn",
        }
    }

    /// What a save dialog's filter calls it.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Svg => "SVG image",
            ExportFormat::Png => "PNG image",
            ExportFormat::Markdown => "Markdown handbook",
            ExportFormat::Html => "HTML handbook",
            ExportFormat::Bpmn => "BPMN 2.0",
        }
    }
}

/// Why an export produced no file.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Png(#[from] PngError),
    #[error(transparent)]
    Bpmn(#[from] crate::bpmn::WriteError),
}

/// The file's bytes. `fonts` is asked for only by a PNG (loading them reads the disk, which the
/// caller does); `engine` only by BPMN (plain BPMN without one).
pub fn render(
    format: ExportFormat,
    engine: Option<Engine>,
    source: &Source,
    fonts: impl FnOnce() -> Arc<fontdb::Database>,
) -> Result<Vec<u8>, RenderError> {
    Ok(match format {
        ExportFormat::Svg => svg::svg(source.process).into_bytes(),
        ExportFormat::Png => png::png(source.process, fonts(), PNG_SCALE)?,
        ExportFormat::Markdown => handbook::markdown(source).into_bytes(),
        ExportFormat::Html => handbook::html(source).into_bytes(),
        ExportFormat::Bpmn => {
            let target = engine.map_or(Target::Plain, Target::Engine);
            crate::bpmn::export(source.process, target)?.into_bytes()
        }
    })
}

/// A file name for the export of `process`: its name with what a file system may not hold
/// replaced, and the format's extension.
pub fn file_name(process: &str, format: ExportFormat) -> String {
    let stem: String = process
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches(['.', ' ']);
    let stem = if stem.is_empty() { "process" } else { stem };
    format!("{stem}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("Accounts payable", ExportFormat::Html),
            "Accounts payable.html"
        );
        assert_eq!(
            file_name("R&D / Q3: plan", ExportFormat::Svg),
            "R-D - Q3- plan.svg"
        );
        assert_eq!(file_name("..", ExportFormat::Png), "process.png");
    }
}
