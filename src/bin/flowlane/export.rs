//! `flowlane export`: a version as canonical JSON, BPMN 2.0, an SVG or PNG picture, or a
//! Markdown or HTML handbook, to standard output or (atomically) to a file.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::anyhow;
use flowlane::bpmn::WriteError;
use flowlane::canonical;
use flowlane::export::atomic::write_atomically;
use flowlane::export::png::system_fonts;
use flowlane::export::version::ExportError;
use flowlane::export::{self, ExportFormat as Rendering, RenderError};
use flowlane::expr::dialect::Engine;
use flowlane::store::Library;

use crate::args::ExportFormat;
use crate::failure::{bad_input, Failure};

pub struct ExportRequest {
    pub process: String,
    pub version: Option<u32>,
    pub format: ExportFormat,
    pub engine: Option<Engine>,
    pub output: Option<PathBuf>,
}

pub fn export(
    library: &Library,
    request: ExportRequest,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let id = library.find(&request.process)?.id;
    if request.engine.is_some() && !matches!(request.format, ExportFormat::Bpmn) {
        return Err(bad_input(anyhow!("--engine is for --format bpmn")));
    }
    let rendering = match request.format {
        ExportFormat::Json => None,
        ExportFormat::Bpmn => Some(Rendering::Bpmn),
        ExportFormat::Svg => Some(Rendering::Svg),
        ExportFormat::Png => Some(Rendering::Png),
        ExportFormat::Md => Some(Rendering::Markdown),
        ExportFormat::Html => Some(Rendering::Html),
    };
    let bytes = match rendering {
        None => canonical::to_bytes(&library.load(id, request.version)?.1),
        Some(Rendering::Png) if request.output.is_none() && std::io::stdout().is_terminal() => {
            return Err(anyhow!(
                "a PNG is binary: write it to a file with --output FILE.png or redirect standard output"
            )
            .into())
        }
        Some(format) => match export::version::render_version(
            library,
            id,
            request.version,
            format,
            request.engine,
            system_fonts,
        ) {
            Ok(bytes) => bytes,
            Err(ExportError::Store(e)) => return Err(e.into()),
            // A condition the engine cannot express is the process's, not a failure to write.
            Err(ExportError::Render(e @ RenderError::Bpmn(WriteError::Condition { .. }))) => {
                return Err(bad_input(e.into()))
            }
            Err(ExportError::Render(e)) => return Err(e.into()),
        },
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
