//! `remote link`, `push`, `pull` and `merge`: sharing the library through a git repository.

use std::io::Write;
use std::path::Path;

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use flowlane::diff::semantic::DiffElement;
use flowlane::store::Library;
use flowlane::sync::merge::{Conflict, Fate, Side};
use flowlane::sync::pull::render_conflicts;
use flowlane::sync::resolve::{self, Picks, Resolution};
use flowlane::sync::{self, SyncError};

use crate::args::{RemoteCommand, TakeSide};
use crate::failure::{bad_input, Failure};
use crate::input::open;

pub fn author(given: Option<String>) -> String {
    given
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".into())
}

/// A repository that cannot be used is unusable input (exit 2); anything else is a failure.
pub fn failure(err: SyncError) -> Failure {
    match err.code() {
        "history_rewritten"
        | "format_too_new"
        | "not_a_flowlane_repository"
        | "broken_commit"
        | "broken_definition"
        | "signature_refused"
        | "approval_refused" => bad_input(err.into()),
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

/// Returns 1 when a waiting merge kept a process's versions back (the merge must be saved first).
pub fn push(
    path: &Path,
    who: Option<String>,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let mut held_back = false;
    exchange(path, who, now, out, |library, cache, actor, at| {
        let report = sync::push(library, cache, actor, at)?;
        held_back = !report.waiting.is_empty();
        Ok(report.render())
    })?;
    Ok(u8::from(held_back))
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

/// What `flowlane merge` was asked.
pub struct MergeRequest {
    pub process: String,
    pub take: Option<TakeSide>,
    pub numbers: Vec<u32>,
    /// The lane (by name) for the steps a taken lane deletion takes along.
    pub keep_in: Option<String>,
    /// Confirms deleting what a taken deletion takes along.
    pub drop_dependents: bool,
}

/// Returns 0 when the merge was saved, 1 while conflicts wait for a choice.
pub fn merge(
    path: &Path,
    request: &MergeRequest,
    who: Option<String>,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let mut library = open(path)?;
    let found = library.find(&request.process)?;
    if request.take.is_none() && !request.numbers.is_empty() {
        return Err(anyhow!("say which side to take: --take mine or --take theirs").into());
    }
    let side = match request.take {
        Some(TakeSide::Mine) => Side::Mine,
        _ => Side::Theirs,
    };
    let fate = if request.drop_dependents {
        Some(Fate::Drop)
    } else if let Some(name) = &request.keep_in {
        let merged = resolve::current(&library, found.id, &found.name).map_err(failure)?;
        let lane = merged
            .process
            .lanes
            .iter()
            .find(|l| &l.name == name)
            .ok_or_else(|| anyhow!("the merge has no lane \"{name}\""))?;
        Some(Fate::Keep {
            lane: Some(lane.id),
        })
    } else {
        None
    };
    let picks = Picks {
        sides: (request.numbers.iter()).map(|n| (*n, side)).collect(),
        fates: (request.numbers.iter())
            .flat_map(|n| fate.clone().map(|f| (*n, f)))
            .collect(),
    };
    let preview = resolve::preview(&library, found.id, &found.name, &picks).map_err(failure)?;
    let resolution = resolve::resolve(
        &mut library,
        found.id,
        &found.name,
        &picks,
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
            write!(out, "{}", render_taken_along(&preview.conflicts))?;
            Ok(0)
        }
        Resolution::Kept(info) => {
            writeln!(
                out,
                "every choice was yours: {} v{} is the merge, no version added; `flowlane push` shares it",
                found.name, info.number
            )?;
            write!(out, "{}", render_taken_along(&preview.conflicts))?;
            Ok(0)
        }
        Resolution::Waiting(merged) => {
            writeln!(out, "\"{}\" merge:", found.name)?;
            write!(out, "{}", render_conflicts(&found.name, &merged.conflicts))?;
            Ok(1)
        }
    }
}

/// What became of the elements the taken deletions took along: kept where, or deleted.
fn render_taken_along(conflicts: &[Conflict]) -> String {
    let mut out = String::new();
    let word = |element: DiffElement| match element {
        DiffElement::Lane => "lane",
        DiffElement::Node => "step",
        _ => "flow",
    };
    for c in conflicts.iter().filter(|c| c.deletion_taken()) {
        let deleted = format!("{} \"{}\"", word(c.element), c.name);
        for d in &c.dependents {
            let what = word(d.element);
            let line = match (&c.fate, &d.kept_in) {
                (Some(Fate::Drop), _) => {
                    format!("  deleted along with {deleted}: {what} \"{}\"\n", d.name)
                }
                (_, Some(kept)) => format!(
                    "  kept the {what} \"{}\" in lane \"{}\" ({}), as {deleted} is deleted\n",
                    d.name, kept.name, kept.why
                ),
                _ => continue,
            };
            out.push_str(&line);
        }
    }
    out
}
