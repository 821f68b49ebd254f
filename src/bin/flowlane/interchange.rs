//! `flowlane import FILE.bpmn`.

use std::io::Write;
use std::path::Path;

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use flowlane::store::{ImportAs, ImportFileError, Library, StoreError};
use uuid::Uuid;

use crate::failure::{bad_input, Failure};

/// What the user said the file becomes: `--into PROCESS` or `--new`.
pub struct Target {
    pub into: Option<String>,
    pub new: bool,
}

/// Reads a BPMN file whole and saves it as a new process or the next version of `--into`. A file
/// that cannot be imported changes nothing in the library.
#[allow(clippy::too_many_arguments)] // each is one thing the command line says
pub fn import(
    library: &mut Library,
    file: &Path,
    target: Target,
    message: Option<String>,
    author: Option<String>,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let author = author
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".into());
    let mut preview = library.preview_bpmn(file).map_err(import_failure(file))?;
    let into = match (&target.into, target.new) {
        (Some(query), _) => ImportAs::VersionOf(library.find(query)?.id),
        (None, true) => ImportAs::New {
            fresh: Uuid::now_v7(),
        },
        (None, false) => {
            // Never a silent merge: a file exported from a process of this library is only
            // stored as its next version when the user says so.
            if let Some(origin) = &preview.exported_from {
                return Err(bad_input(anyhow!(
                    "{} was exported from \"{}\" in this library; nothing was changed.\n\
                     To save it as the next version of \"{}\": flowlane import --into {} {}\n\
                     To import it as a new process:          flowlane import --new {}",
                    file.display(),
                    origin.name,
                    origin.name,
                    origin.id,
                    file.display(),
                    file.display()
                )));
            }
            ImportAs::New {
                fresh: Uuid::now_v7(),
            }
        }
    };
    let warnings = std::mem::take(&mut preview.warnings);
    let (process, saved) = library
        .save_import(preview, file, into, message.as_deref(), &author, now)
        .map_err(|e| import_failure(file)(e.into()))?;
    let kept = process.foreign.as_ref().map_or(0, |f| {
        f.nodes.len() + f.flows.len() + f.lanes.len() + f.pools.len() + f.diagrams.len()
    });
    writeln!(
        out,
        "imported {} v{} ({}): {} lanes, {} nodes, {} flows; {kept} elements carry BPMN details kept for export",
        process.info.name,
        saved.number,
        process.id,
        process.lanes.len(),
        process.nodes.len(),
        process.flows.len()
    )?;
    // What the file named but did not hold, left out, each with its line.
    for warning in &warnings {
        writeln!(out, "warning: {warning}")?;
    }
    Ok(())
}

fn import_failure(file: &Path) -> impl Fn(ImportFileError) -> Failure + '_ {
    move |err| match err {
        ImportFileError::Store(StoreError::Invalid(problems)) => {
            let list: Vec<String> = problems
                .iter()
                .map(|p| format!("  {}: {}", p.code, p.message))
                .collect();
            bad_input(anyhow!(
                "{} was not imported: the process it holds is not valid:\n{}",
                file.display(),
                list.join("\n")
            ))
        }
        ImportFileError::Store(other) => other.into(),
        bpmn @ ImportFileError::Bpmn { .. } => bad_input(bpmn.into()),
        read @ ImportFileError::Read { .. } => read.into(),
    }
}
