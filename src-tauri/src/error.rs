use serde::Serialize;
use ts_rs::TS;

/// An error as the UI sees it: a stable code to switch on and a sentence to show.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CommandError {
    pub code: String,
    pub message: String,
}

impl From<flowlane::store::StoreError> for CommandError {
    fn from(err: flowlane::store::StoreError) -> Self {
        CommandError {
            code: err.code().to_string(),
            message: err.to_string(),
        }
    }
}

impl From<flowlane::simulate::batch::BatchError> for CommandError {
    fn from(err: flowlane::simulate::batch::BatchError) -> Self {
        let code = match err {
            flowlane::simulate::batch::BatchError::Cancelled => "cancelled",
            _ => "batch",
        };
        CommandError {
            code: code.to_string(),
            message: err.to_string(),
        }
    }
}

impl From<flowlane::simulate::SimError> for CommandError {
    fn from(err: flowlane::simulate::SimError) -> Self {
        CommandError {
            code: "simulation".to_string(),
            message: err.to_string(),
        }
    }
}
