//! A batch run saved as a file: the steps of its first run as CSV, or the whole run as JSON.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::export::to_csv;
use super::what_if::BatchRun;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BatchExport {
    Csv,
    Json,
}

impl BatchExport {
    pub fn extension(self) -> &'static str {
        match self {
            BatchExport::Csv => "csv",
            BatchExport::Json => "json",
        }
    }

    /// What a save dialog's filter calls it.
    pub fn label(self) -> &'static str {
        match self {
            BatchExport::Csv => "CSV",
            BatchExport::Json => "JSON",
        }
    }

    pub fn file_name(self) -> String {
        format!("batch-simulation.{}", self.extension())
    }
}

/// The file's bytes.
pub fn run_file(run: &BatchRun, format: BatchExport) -> Result<Vec<u8>, serde_json::Error> {
    Ok(match format {
        BatchExport::Csv => to_csv(&run.base.result).into_bytes(),
        BatchExport::Json => serde_json::to_vec_pretty(run)?,
    })
}
