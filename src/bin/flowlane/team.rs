//! `remote link`, `push`, `pull` and `merge`: sharing the library through a git repository.

use std::io::Write;
use std::path::Path;

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use flowlane::store::Library;
use flowlane::sync::merge::Side;
use flowlane::sync::pull::render_conflicts;
use flowlane::sync::resolve::{self, Resolution};
use flowlane::sync::{self, SyncError};

use crate::args::{RemoteCommand, TakeSide};
use crate::failure::{bad_input, Failure};
use crate::input::open;

fn author(given: Option<String>) -> String {
    given
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".into())
}

/// A repository that cannot be used is unusable input (exit 2); anything else is a failure.
fn failure(err: SyncError) -> Failure {
    match err.code() {
        "history_rewritten"
        | "format_too_new"
        | "not_a_flowlane_repository"
        | "broken_commit"
        | "broken_definition" => bad_input(err.into()),
        _ => err.into(),
    }
}

pub fn remote(
    path: &Path,
    command: RemoteCommand,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut library = open(path)?;
    match command {
        RemoteCommand::Link {
            path_or_url,
            branch,
            author: who,
        } => {
            // A local path is stored absolute, so the link works from any directory.
            let url = match std::fs::canonicalize(&path_or_url) {
                Ok(absolute) => absolute.to_string_lossy().into_owned(),
                Err(_) => path_or_url,
            };
            let tip =
                sync::link(&mut library, &url, &branch, &author(who), now).map_err(failure)?;
            let state = if tip.is_some() {
                "it has versions: run `flowlane pull`"
            } else {
                "it is empty: `flowlane push` fills it"
            };
            writeln!(out, "linked to {url} (branch {branch}); {state}")?;
        }
        RemoteCommand::Show => match library.remote()? {
            Some(link) => writeln!(
                out,
                "{} (branch {}), last synced commit {}",
                link.url,
                link.branch,
                link.tip.as_deref().unwrap_or("none yet")
            )?,
            None => writeln!(out, "not linked; run `flowlane remote link PATH_OR_URL`")?,
        },
    }
    Ok(())
}

pub fn push(
    path: &Path,
    who: Option<String>,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    exchange(path, who, now, out, |library, cache, actor, at| {
        sync::push(library, cache, actor, at).map(|report| report.render())
    })
}

pub fn pull(
    path: &Path,
    who: Option<String>,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    exchange(path, who, now, out, |library, cache, actor, at| {
        sync::pull(library, cache, actor, at).map(|report| report.render())
    })
}

/// One exchange with the linked repository (`push` or `pull`) through the library's cache,
/// its report printed.
fn exchange(
    path: &Path,
    who: Option<String>,
    now: DateTime<Utc>,
    out: &mut impl Write,
    run: impl FnOnce(&mut Library, &Path, &str, DateTime<Utc>) -> Result<String, SyncError>,
) -> Result<(), Failure> {
    let mut library = open(path)?;
    let cache = sync::cache_dir(path);
    let report = run(&mut library, &cache, &author(who), now).map_err(failure)?;
    write!(out, "{report}")?;
    Ok(())
}

/// Returns 0 when the merge was saved, 1 while conflicts wait for a choice.
pub fn merge(
    path: &Path,
    process: &str,
    take: Option<TakeSide>,
    numbers: &[u32],
    who: Option<String>,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let mut library = open(path)?;
    let found = library.find(process)?;
    if take.is_none() && !numbers.is_empty() {
        return Err(anyhow!("say which side to take: --take mine or --take theirs").into());
    }
    let take: Vec<(u32, Side)> = match take {
        Some(TakeSide::Mine) => numbers.iter().map(|n| (*n, Side::Mine)).collect(),
        Some(TakeSide::Theirs) => numbers.iter().map(|n| (*n, Side::Theirs)).collect(),
        None => Vec::new(),
    };
    let resolution = resolve::resolve(
        &mut library,
        found.id,
        &found.name,
        &take,
        &author(who),
        now,
    )
    .map_err(failure)?;
    match resolution {
        Resolution::Saved(info) => {
            writeln!(
                out,
                "saved the merge as {} v{} ({}); `flowlane push` shares it",
                found.name,
                info.number,
                &info.hash[..12]
            )?;
            Ok(0)
        }
        Resolution::Kept(info) => {
            writeln!(
                out,
                "every choice was yours: {} v{} is the merge, no version added; `flowlane push` shares it",
                found.name, info.number
            )?;
            Ok(0)
        }
        Resolution::Waiting(merged) => {
            writeln!(out, "\"{}\" merge:", found.name)?;
            write!(out, "{}", render_conflicts(&found.name, &merged.conflicts))?;
            Ok(1)
        }
    }
}
