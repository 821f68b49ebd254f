//! `flowlane import FILE.bpmn`.

use std::io::Write;
use std::path::Path;

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use flowlane::store::{ImportFileError, Library, StoreError};

use crate::failure::{bad_input, Failure};

/// Reads a BPMN file whole and saves it as the next version of its process. A file that cannot
/// be imported changes nothing in the library.
pub fn import(
    library: &mut Library,
    file: &Path,
    message: Option<String>,
    author: Option<String>,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let author = author
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".into());
    let (process, saved) = library
        .import_bpmn(file, message.as_deref(), &author, now)
        .map_err(|err| match err {
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
        })?;
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
    Ok(())
}
