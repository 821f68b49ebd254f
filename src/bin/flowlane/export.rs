//! `flowlane export`: a version as canonical JSON, BPMN 2.0, an SVG or PNG picture, or a
//! Markdown or HTML handbook, to standard output or (atomically) to a file.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::anyhow;
use flowlane::canonical;
use flowlane::export::handbook::Source;
use flowlane::export::png::fontdb;
use flowlane::export::write::write_atomically;
use flowlane::export::{self, ExportFormat as Rendering};
use flowlane::store::Library;

use crate::args::ExportFormat;
use crate::failure::Failure;

pub struct ExportRequest {
    pub process: String,
    pub version: Option<u32>,
    pub format: ExportFormat,
    pub output: Option<PathBuf>,
}

pub fn export(
    library: &Library,
    request: ExportRequest,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let id = library.find(&request.process)?.id;
    let (info, definition) = library.load(id, request.version)?;
    let rendering = match request.format {
        ExportFormat::Json => None,
        ExportFormat::Bpmn => Some(Rendering::Bpmn),
        ExportFormat::Svg => Some(Rendering::Svg),
        ExportFormat::Png => Some(Rendering::Png),
        ExportFormat::Md => Some(Rendering::Markdown),
        ExportFormat::Html => Some(Rendering::Html),
    };
    let bytes = match rendering {
        None => canonical::to_bytes(&definition),
        Some(Rendering::Png) if request.output.is_none() && std::io::stdout().is_terminal() => {
            return Err(anyhow!(
                "a PNG is binary: write it to a file with --output FILE.png or redirect standard output"
            )
            .into())
        }
        Some(format) => {
            let history = library.history(id)?;
            let names: HashMap<_, _> = library
                .processes()?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect();
            let source = Source {
                process: &definition,
                version: Some(&info),
                history: &history,
                process_names: &names,
            };
            export::render(format, &source, || {
                let mut fonts = fontdb::Database::new();
                fonts.load_system_fonts();
                Arc::new(fonts)
            })?
        }
    };
    match request.output {
        Some(path) => {
            write_atomically(&path, &bytes)?;
            writeln!(out, "wrote {} ({} bytes)", path.display(), bytes.len())?;
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}
