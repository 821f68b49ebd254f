//! Calibration for the app's Reality panel: the batch simulation fitted to a stored log, run on
//! a worker with progress and cancel, its cycle times set against the log's; and the fitted
//! copy stored as a new draft, so a redesign can be tried on parameters the log backs.

use chrono::DateTime;
use flowlane::calibrate::{self, CalibrateError, Calibration};
use flowlane::model::Id;
use flowlane::simulate::batch::{BatchError, BatchOptions, BatchProgress, StopAt};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;
use ts_rs::TS;

use crate::batch::{run_controlled, BatchCancel};
use crate::error::CommandError;
use crate::reality::load;
use crate::state::AppState;

/// Monday 2026-01-05 00:00 UTC, as what-if runs and the CLI's calibration start.
const START: i64 = 1_767_571_200;
/// The seed of a calibrated run, the CLI's default, so both give the same figures.
const SEED: u64 = 1;

/// The calibrated copy stored as a draft: its id and name.
#[derive(Clone, Serialize, TS)]
#[ts(export)]
pub struct CalibratedDraft {
    pub process: Id,
    pub name: String,
}

fn refused(e: CalibrateError) -> CommandError {
    match e {
        CalibrateError::Batch(BatchError::Cancelled) => BatchError::Cancelled.into(),
        e => CommandError::new("calibrate", e.to_string()),
    }
}

/// Fits version `version` (the latest without) of process `id` to its log `log`, runs the
/// calibrated what-if (progress to `on_progress`; `batch_cancel` stops it) and compares.
#[tauri::command]
pub async fn log_calibration(
    state: State<'_, AppState>,
    cancel: State<'_, BatchCancel>,
    id: Id,
    version: Option<u32>,
    log: u32,
    on_progress: Channel<BatchProgress>,
) -> Result<Calibration, CommandError> {
    let s = load(&state, id, version, log)?;
    run_controlled(&cancel, on_progress, "calibrate", move |control| {
        let start = DateTime::from_timestamp(START, 0).unwrap_or_default();
        // The run's size follows the log; this is replaced.
        let options = BatchOptions::new(SEED, StopAt::Instances(1), start);
        calibrate::calibrate(
            &s.definition,
            s.version,
            &s.log,
            &s.mapping,
            &options,
            control,
        )
    })
    .await?
    .map_err(refused)
}

/// Stores a copy of version `version` of process `id` with the parameters fitted from log
/// `log` as a new process's draft, and opens it for editing.
#[tauri::command]
pub fn draft_calibrated_copy(
    state: State<AppState>,
    id: Id,
    version: Option<u32>,
    log: u32,
) -> Result<CalibratedDraft, CommandError> {
    let s = load(&state, id, version, log)?;
    let (mut copy, _) =
        calibrate::calibrated(&s.definition, s.version, &s.log, &s.mapping).map_err(refused)?;
    copy.id = uuid::Uuid::now_v7();
    copy.info.name = format!(
        "{} v{} as calibrated from log {log}",
        s.definition.info.name, s.version
    );
    let draft = CalibratedDraft {
        process: copy.id,
        name: copy.info.name.clone(),
    };
    state.start_new_draft(copy)?;
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_run_reads_as_cancelled() {
        let e = refused(CalibrateError::Batch(BatchError::Cancelled));
        assert_eq!(e.code, "cancelled");
        let e = refused(CalibrateError::TooFewCases);
        assert_eq!(e.code, "calibrate");
    }
}
