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

impl From<flowlane::simulate::RunError> for CommandError {
    fn from(err: flowlane::simulate::RunError) -> Self {
        let code = match err {
            flowlane::simulate::RunError::Closed(_) => "simulation_closed",
            _ => "simulation",
        };
        CommandError {
            code: code.to_string(),
            message: err.to_string(),
        }
    }
}

impl From<flowlane::edit::EditError> for CommandError {
    fn from(err: flowlane::edit::EditError) -> Self {
        CommandError {
            code: "edit".to_string(),
            message: err.to_string(),
        }
    }
}

impl From<flowlane::export::atomic::WriteError> for CommandError {
    fn from(err: flowlane::export::atomic::WriteError) -> Self {
        CommandError {
            code: "io".to_string(),
            message: err.to_string(),
        }
    }
}

impl From<flowlane::export::RenderError> for CommandError {
    fn from(err: flowlane::export::RenderError) -> Self {
        CommandError {
            code: "export".to_string(),
            message: err.to_string(),
        }
    }
}

impl From<flowlane::export::version::ExportError> for CommandError {
    fn from(err: flowlane::export::version::ExportError) -> Self {
        use flowlane::export::version::ExportError;
        match err {
            ExportError::Store(e) => e.into(),
            ExportError::Render(e) => e.into(),
        }
    }
}

impl From<flowlane::store::ImportFileError> for CommandError {
    fn from(err: flowlane::store::ImportFileError) -> Self {
        use flowlane::store::ImportFileError;
        let code = match &err {
            ImportFileError::Store(e) => return CommandError::new(e.code(), e.to_string()),
            ImportFileError::Read { .. } => "io",
            ImportFileError::Bpmn { .. } => "bpmn",
        };
        CommandError::new(code, err.to_string())
    }
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError {
            code: code.to_string(),
            message: message.into(),
        }
    }
}
