//! `flowlane diff OLD NEW` over files and library versions, and `flowlane textconv FILE`: a
//! change reviewed anywhere (a pull request, `git difftool`, `git diff` through a textconv
//! driver), no library needed for two files.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use flowlane::diff;
use flowlane::export::atomic::write_atomically;
use flowlane::export::format::PNG_SCALE;
use flowlane::export::outline::outline;
use flowlane::export::png::system_fonts;
use flowlane::model::Process;
use flowlane::review;

use crate::args::{parse_revision, DiffFormat};
use crate::failure::{bad_input, Failure};
use crate::input::{load_revision, open, parse_definition};

pub struct DiffRequest {
    pub sides: Vec<String>,
    pub format: DiffFormat,
    pub layout: bool,
    pub output: Option<PathBuf>,
}

/// One side of a comparison and what the diff calls it.
struct Side {
    label: String,
    /// None for an empty file: the side of a file that was added or deleted (`/dev/null`).
    process: Option<Process>,
}

pub fn diff(library: &Path, request: DiffRequest, out: &mut impl Write) -> Result<(), Failure> {
    let (old, new) = match request.sides.as_slice() {
        [process, from, to] => {
            let opened = open(library)?;
            let id = opened.find(process)?.id;
            let side = |text: &str| -> Result<Side, Failure> {
                let revision = parse_revision(text).map_err(|e| bad_input(anyhow!(e)))?;
                let (label, process) = load_revision(&opened, id, revision)?;
                Ok(Side {
                    label,
                    process: Some(process),
                })
            };
            (side(from)?, side(to)?)
        }
        [old, new] => (side(library, old)?, side(library, new)?),
        _ => return Err(bad_input(anyhow!("diff takes OLD NEW or PROCESS FROM TO"))),
    };
    let (old_process, new_process) = match (old.process, new.process) {
        (Some(o), Some(n)) => (o, n),
        (Some(o), None) => (o.clone(), review::emptied(&o)),
        (None, Some(n)) => (review::emptied(&n), n),
        (None, None) => return Err(bad_input(anyhow!("both files are empty"))),
    };
    let bytes = render(
        &old_process,
        &new_process,
        (&old.label, &new.label),
        &request,
    )?;
    match request.output {
        Some(path) => {
            write_atomically(&path, &bytes)?;
            writeln!(out, "wrote {} ({} bytes)", path.display(), bytes.len())?;
        }
        None if request.format == DiffFormat::Png && std::io::stdout().is_terminal() => {
            return Err(anyhow!(
                "a PNG is binary: write it to a file with --output FILE.png or redirect standard output"
            )
            .into())
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

fn render(
    old: &Process,
    new: &Process,
    (old_label, new_label): (&str, &str),
    request: &DiffRequest,
) -> Result<Vec<u8>, Failure> {
    let text = match request.format {
        DiffFormat::Text => {
            let changes = diff::diff(old, new);
            let mut text = diff::render_text(&changes);
            if request.layout {
                text.push_str(&diff::render_layout(&changes));
            }
            text
        }
        DiffFormat::Unified => diff::text::unified(old, new, old_label, new_label),
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&diff::diff(old, new))?;
            json.push('\n');
            json
        }
        DiffFormat::Html => review::html(old, new, old_label, new_label),
        DiffFormat::Svg => review::overlay_svg(old, new),
        DiffFormat::Png => return Ok(review::overlay_png(old, new, system_fonts(), PNG_SCALE)?),
    };
    Ok(text.into_bytes())
}

/// A file (an existing path, or `/dev/null`) or a library version, `PROCESS@3` or
/// `PROCESS@draft`.
fn side(library: &Path, text: &str) -> Result<Side, Failure> {
    let path = Path::new(text);
    if path.is_file() || text == "/dev/null" {
        return Ok(Side {
            label: text.to_string(),
            process: read_file(path)?,
        });
    }
    let Some((process, revision)) = text.rsplit_once('@') else {
        return Err(bad_input(anyhow!(
            "{text} is not a file, nor a version of the library (PROCESS@3 or PROCESS@draft)"
        )));
    };
    let revision = parse_revision(revision).map_err(|e| bad_input(anyhow!(e)))?;
    let opened = open(library)?;
    let found = opened.find(process)?;
    let (label, definition) = load_revision(&opened, found.id, revision)?;
    Ok(Side {
        label: format!("{}@{label}", found.name),
        process: Some(definition),
    })
}

/// A BPMN file or a .json definition, told apart by the extension (`.bpmn`, `.xml`, `.json`),
/// else by the first character (git's temporary copies may have other names). An empty file
/// holds nothing.
fn read_file(path: &Path) -> Result<Option<Process>, Failure> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let Some(first) = text.iter().find(|b| !b.is_ascii_whitespace()) else {
        return Ok(None);
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let bpmn = match extension.as_deref() {
        Some("bpmn" | "xml") => true,
        Some("json") => false,
        _ => *first == b'<',
    };
    if !bpmn {
        return parse_definition(path).map(Some);
    }
    review::read_bpmn(&bytes)
        .map(Some)
        .map_err(|e| bad_input(anyhow!("{}: {e}", path.display())))
}

/// `flowlane textconv FILE`: the outline `show` prints, nothing for an empty file.
pub fn textconv(file: &Path, out: &mut impl Write) -> Result<(), Failure> {
    if let Some(process) = read_file(file)? {
        out.write_all(outline(&process).as_bytes())?;
    }
    Ok(())
}
