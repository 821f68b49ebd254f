//! Reading what a command works on: the library, definition files, versions and drafts.

use std::path::Path;

use anyhow::{anyhow, Context};
use flowlane::store::{Library, StoreError};
use flowlane::{canonical, validate};

use crate::args::Revision;
use crate::failure::{bad_input, Failure};

pub fn open(path: &Path) -> Result<Library, Failure> {
    Library::open(path).map_err(|err| match err {
        StoreError::Missing(_) => anyhow!(
            "there is no library at {}; create one with `flowlane init --samples` or pass --library",
            path.display()
        )
        .into(),
        other => other.into(),
    })
}

/// Loads a version or the draft, with the label a diff shows for it.
pub fn load_revision(
    library: &Library,
    process: flowlane::model::Id,
    revision: Revision,
) -> Result<(String, flowlane::model::Process), Failure> {
    match revision {
        Revision::Version(number) => {
            Ok((format!("v{number}"), library.load(process, Some(number))?.1))
        }
        Revision::Draft => match library.draft(process)? {
            Some(draft) => Ok(("draft".into(), draft.process)),
            None => Err(anyhow!("the process has no draft").into()),
        },
    }
}

/// Reads a definition file; a malformed one is named with its line and column.
pub fn parse_definition(file: &Path) -> Result<flowlane::model::Process, Failure> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = position(e.as_bytes(), e.utf8_error().valid_up_to());
        bad_input(anyhow!(
            "{}:{line}:{column}: not UTF-8 text (a definition file is JSON in UTF-8)",
            file.display()
        ))
    })?;
    canonical::parse(&text).map_err(|e| bad_input(anyhow!("{}: {e}", file.display())))
}

/// Line and column (from 1, in characters) of byte `offset`, as editors count them.
fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = String::from_utf8_lossy(&bytes[..offset]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Reads a definition file to save: only structural errors refuse it, never design warnings or
/// rule errors (`validate` reports those).
pub fn read_definition(file: &Path) -> Result<flowlane::model::Process, Failure> {
    let definition = parse_definition(file)?;
    let problems = validate::structure(&definition);
    if validate::has_errors(&problems) {
        let list: Vec<String> = problems
            .iter()
            .map(|p| format!("  {}: {}", p.code, p.message))
            .collect();
        return Err(bad_input(anyhow!(
            "{} is not a valid process:\n{}",
            file.display(),
            list.join("\n")
        )));
    }
    Ok(definition)
}

/// What `validate` checks: a definition file (when TARGET is an existing .json file) or a process
/// of the library, and the library's context (its processes and rule levels) when there is one.
pub fn validation_subject(
    library: &Path,
    target: &str,
    version: Option<u32>,
    draft: bool,
) -> Result<(String, flowlane::model::Process, validate::Context), Failure> {
    let file = Path::new(target);
    if file.is_file() && file.extension().is_some_and(|e| e == "json") {
        if version.is_some() || draft {
            return Err(anyhow!(
                "--version and --draft choose a process of the library, not a file"
            )
            .into());
        }
        let definition = parse_definition(file)?;
        let context = if library.exists() {
            open(library)?.validation_context()?
        } else {
            validate::Context::default()
        };
        return Ok((file.display().to_string(), definition, context));
    }
    let library = open(library)?;
    let found = library.find(target)?;
    let context = library.validation_context()?;
    if draft || (version.is_none() && found.latest.is_none()) {
        let draft = library
            .draft(found.id)?
            .ok_or_else(|| anyhow!("\"{}\" has no draft", found.name))?;
        return Ok((format!("{} (draft)", found.name), draft.process, context));
    }
    let (info, definition) = library.load(found.id, version)?;
    Ok((
        format!("{} v{}", found.name, info.number),
        definition,
        context,
    ))
}
