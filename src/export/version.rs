//! A saved version rendered from the library it lives in: the one export setup (the version, its
//! history, the names of the processes it may call) that `flowlane export` and File ▸ Export share.

use std::sync::Arc;

use super::format::{render, ExportFormat, RenderError};
use super::handbook::Source;
use super::png::fontdb;
use crate::expr::dialect::Engine;
use crate::model::Id;
use crate::store::{Library, StoreError};

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
    let source = Source {
        process: &process,
        version: Some(&info),
        history: &history,
        tags: &tags,
        process_names: &names,
    };
    Ok(render(format, engine, &source, fonts)?)
}
