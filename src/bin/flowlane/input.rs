//! Reading what a command works on: the library, definition files, versions and drafts.

use std::path::Path;

use anyhow::{anyhow, Context};
use flowlane::review::side::read_definition as read_definition_bytes;
use flowlane::store::{Library, StoreError};
use flowlane::validate;

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

/// Reads a definition file; a malformed one is named with its line and column.
pub fn parse_definition(file: &Path) -> Result<flowlane::model::Process, Failure> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    read_definition_bytes(file, &bytes).map_err(|e| bad_input(anyhow!(e)))
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
