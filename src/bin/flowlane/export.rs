//! `flowlane export`: a version as canonical JSON, an SVG or PNG picture, or a Markdown or HTML
//! handbook, to standard output or (atomically) to a file.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::anyhow;
use flowlane::canonical;
use flowlane::export::handbook::{self, Source};
use flowlane::export::png::{self, fontdb};
use flowlane::export::svg;
use flowlane::export::write::write_atomically;
use flowlane::store::Library;

use crate::args::ExportFormat;
use crate::failure::Failure;

/// Device pixels per diagram unit in a PNG: sharp on screen and on paper.
const PNG_SCALE: f32 = 2.0;

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
    let bytes = match request.format {
        ExportFormat::Json => canonical::to_bytes(&definition),
        ExportFormat::Svg => svg::svg(&definition).into_bytes(),
        ExportFormat::Png => {
            if request.output.is_none() && std::io::stdout().is_terminal() {
                return Err(anyhow!(
                    "a PNG is binary: write it to a file with --output FILE.png or redirect standard output"
                )
                .into());
            }
            let mut fonts = fontdb::Database::new();
            fonts.load_system_fonts();
            png::png(&definition, Arc::new(fonts), PNG_SCALE)?
        }
        ExportFormat::Md | ExportFormat::Html => {
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
            match request.format {
                ExportFormat::Md => handbook::markdown(&source),
                _ => handbook::html(&source),
            }
            .into_bytes()
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
