//! Linking a library to a shared repository, and where its private git cache lives.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::git::Repository;
use super::SyncError;
use crate::store::Library;

/// The private bare repository beside a library (`team.flowlane` → `team.flowlane.git`).
pub fn cache_dir(library: &Path) -> PathBuf {
    let mut name = library.file_name().unwrap_or_default().to_os_string();
    name.push(".git");
    library.with_file_name(name)
}

/// Links the library to `url` (a path or any URL git can reach) on `branch`. The repository is
/// contacted first, so a typo is reported rather than stored; an empty repository is fine.
pub fn link(
    library: &mut Library,
    url: &str,
    branch: &str,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<Option<String>, SyncError> {
    let repo = Repository::open_or_init(&cache_dir(library.path()))?;
    let tip = repo.fetch(url, branch)?;
    library.link_remote(url, branch, actor, at)?;
    Ok(tip)
}
