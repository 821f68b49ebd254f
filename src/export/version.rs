//! A saved version rendered from the library it lives in: the one export setup (the version, its
//! history, the names of the processes it may call) that `flowlane export` and File ▸ Export share.

use std::sync::Arc;

use super::format::{render, ExportFormat, RenderError};
use super::handbook::{reality, Reality, Source};
use super::png::fontdb;
use crate::expr::dialect::Engine;
use crate::model::{Id, Process};
use crate::store::{Library, StoreError};
use crate::{conformance, performance};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// The bytes of `format` (BPMN for `engine`, when given) for version `version` of process `id` (the latest without one).
/// `fonts` is asked for only by a PNG; `png::system_fonts` is what the CLI and the app pass.
pub fn render_version(
    library: &Library,
    id: Id,
    version: Option<u32>,
    format: ExportFormat,
    engine: Option<Engine>,
    fonts: impl FnOnce() -> Arc<fontdb::Database>,
) -> Result<Vec<u8>, ExportError> {
    let (info, process) = library.load(id, version)?;
    let history = library.history(id)?;
    let names = library.process_names_by_id()?;
    let mut tags = Vec::new();
    for v in &history {
        tags.extend(library.tags_of(id, v.number)?);
    }
    let reality = match format {
        ExportFormat::Markdown | ExportFormat::Html => {
            in_practice(library, id, info.number, &process)?
        }
        _ => None,
    };
    let source = Source {
        process: &process,
        version: Some(&info),
        history: &history,
        tags: &tags,
        process_names: &names,
        reality: reality.as_ref(),
    };
    Ok(render(format, engine, &source, fonts)?)
}

/// How the process's latest stored log follows `process` (version `version`), mapped as its
/// owner saved; none without a log, or when the version cannot be checked (it has no end).
fn in_practice(
    library: &Library,
    id: Id,
    version: u32,
    process: &Process,
) -> Result<Option<Reality>, StoreError> {
    let Some(latest) = library.logs(id)?.pop() else {
        return Ok(None);
    };
    let (stored, log) = library.load_log(id, latest.number)?;
    let saved = library.activity_mapping(id)?;
    let Ok(c) = conformance::check_mapped(process, version, &log, &saved) else {
        return Ok(None);
    };
    let p = performance::analyse_mapped(process, version, &log, &saved);
    Ok(Some(reality(&stored, &c, &p)))
}
