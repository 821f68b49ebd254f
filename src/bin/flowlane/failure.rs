//! How a command fails: the message and the exit status.

use flowlane::store::StoreError;

/// Exit status: 1 for failures, 2 for input that cannot be used (a malformed or invalid file,
/// a library file that is foreign, damaged or newer).
pub struct Failure {
    pub status: u8,
    pub error: anyhow::Error,
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(error: E) -> Self {
        let error = error.into();
        let bad_input = error.downcast_ref::<StoreError>().is_some_and(|e| {
            matches!(
                e.code(),
                "not_a_library"
                    | "too_new"
                    | "corrupt"
                    | "invalid"
                    | "unreadable"
                    | "ambiguous_process"
            )
        });
        Failure {
            status: if bad_input { 2 } else { 1 },
            error,
        }
    }
}

pub fn bad_input(error: anyhow::Error) -> Failure {
    Failure { status: 2, error }
}

impl Failure {
    /// The error and its causes as one line, a cause left out where the message before it
    /// already says it (most of Flowlane's messages quote their cause).
    pub fn message(&self) -> String {
        let mut text = self.error.to_string();
        for cause in self.error.chain().skip(1) {
            let cause = cause.to_string();
            if !text.contains(&cause) {
                text = format!("{text}: {cause}");
            }
        }
        text
    }
}
