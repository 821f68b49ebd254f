use crate::canonical::ParseError;
use crate::store::StoreError;

/// Everything that can stop a link, push, pull or merge; each leaves the library as it was.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("this library is not linked to a shared repository; run `flowlane remote link PATH_OR_URL` first")]
    NotLinked,
    #[error("git cannot be run ({0}); install git and try again")]
    GitMissing(String),
    #[error("git {command} failed: {message}")]
    Git { command: String, message: String },
    #[error("the shared repository received new versions meanwhile; run `flowlane pull`, then push again")]
    RemoteMoved,
    #[error("the shared repository's history was rewritten (a force-push removed commit {commit}, which this library already has: {what}); nothing was changed here. To go on, either restore the lost commits (whoever rewrote it pushes them back, or push them from a clone that still has them), or link this library to a new shared repository with `flowlane remote link` and push everything there")]
    HistoryRewritten { commit: String, what: String },
    #[error("the shared repository {url} cannot be reached ({reason}); check the address and the network connection. Nothing was changed here")]
    Unreachable { url: String, reason: String },
    #[error("the shared repository {url} refused access ({reason}); check that your SSH key or access token is set up for it (git must reach it without asking for a password: use ssh-agent or a credential helper). Nothing was changed here")]
    AccessDenied { url: String, reason: String },
    #[error("the shared repository was written by a newer Flowlane (repository format {found}, this version reads up to {supported}); update Flowlane. Nothing was changed here")]
    FormatTooNew { found: u64, supported: u64 },
    #[error("the shared repository is not a Flowlane library: {0}. Nothing was changed here")]
    NotALibrary(String),
    #[error(
        "commit {commit} in the shared repository is broken: {problem}. Nothing was changed here"
    )]
    BrokenCommit { commit: String, problem: String },
    #[error("commit {commit} in the shared repository holds a definition that cannot be read ({path}: {source}). Nothing was changed here")]
    BrokenDefinition {
        commit: String,
        path: String,
        source: ParseError,
    },
    #[error("\"{0}\" has unsaved changes in its draft; save or discard them before pulling, so the merge cannot overwrite them")]
    DraftInTheWay(String),
    #[error("\"{0}\" exists here and in the shared repository with unrelated histories (neither has the other's versions); nothing was changed here. Keep one copy: export the other under a new id")]
    Unrelated(String),
    #[error("\"{0}\" has no merge waiting")]
    NoMerge(String),
    #[error("there is no conflict {0} in this merge")]
    UnknownConflict(String),
    #[error("{} conflict(s) still need a choice: {}; pass --take mine|theirs with their numbers", .0.len(), .0.join(", "))]
    Unresolved(Vec<String>),
    #[error("cannot sign with the key {key} ({reason}); check the key with `flowlane signing key PATH` (a key with a passphrase must be in ssh-agent). Nothing was pushed")]
    SigningFailed { key: String, reason: String },
    #[error("this library requires signed versions, and no signing key is set: `flowlane signing key ~/.ssh/id_ed25519`, then push again. Nothing was pushed")]
    NoSigningKey,
    #[error("the shared repository holds versions this library refuses: {}. Nothing was changed here. Whoever may sign re-saves them signed, or the policy is relaxed with `flowlane signing require off`", .0.join("; "))]
    SignatureRefused(Vec<String>),
    #[error("{0}")]
    ApprovalRefused(String),
    #[error("this library requires signed versions, and the push would not pass that check: {}. Allow your key with `flowlane signing allow NAME KEY.pub` (NAME: the name you save versions under). Nothing was pushed", .0.join("; "))]
    OwnSignatureRefused(Vec<String>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SyncError {
    /// Stable code the UI and scripts can switch on.
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::NotLinked => "not_linked",
            SyncError::GitMissing(_) => "git_missing",
            SyncError::Git { .. } => "git",
            SyncError::RemoteMoved => "remote_moved",
            SyncError::HistoryRewritten { .. } => "history_rewritten",
            SyncError::Unreachable { .. } => "unreachable",
            SyncError::AccessDenied { .. } => "access_denied",
            SyncError::FormatTooNew { .. } => "format_too_new",
            SyncError::NotALibrary(_) => "not_a_flowlane_repository",
            SyncError::BrokenCommit { .. } => "broken_commit",
            SyncError::BrokenDefinition { .. } => "broken_definition",
            SyncError::DraftInTheWay(_) => "draft_in_the_way",
            SyncError::Unrelated(_) => "unrelated_histories",
            SyncError::NoMerge(_) => "no_merge",
            SyncError::UnknownConflict(_) => "unknown_conflict",
            SyncError::Unresolved(_) => "unresolved",
            SyncError::SigningFailed { .. } => "signing_failed",
            SyncError::NoSigningKey => "no_signing_key",
            SyncError::SignatureRefused(_) => "signature_refused",
            SyncError::ApprovalRefused(_) => "approval_refused",
            SyncError::OwnSignatureRefused(_) => "signature_refused",
            SyncError::Store(e) => e.code(),
        }
    }
}
