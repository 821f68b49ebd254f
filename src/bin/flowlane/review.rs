//! `flowlane diff OLD NEW` over files and library versions, and `flowlane textconv FILE`: a
//! change reviewed anywhere (a pull request, `git difftool`, `git diff` through a textconv
//! driver), no library needed for two files.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use flowlane::diff::{self, ProcessNames};
use flowlane::export::atomic::write_atomically;
use flowlane::export::format::PNG_SCALE;
use flowlane::export::outline::outline;
use flowlane::export::png::system_fonts;
use flowlane::model::Process;
use flowlane::review;

use crate::args::DiffFormat;
use crate::failure::{bad_input, Failure};
use crate::input::open;

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
                let revision = text.parse().map_err(|e| bad_input(anyhow!("{e}")))?;
                let (label, process) = opened.load_revision(id, revision)?;
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
    let names = process_names(library)?;
    let bytes = render(
        (&old_process, &new_process),
        (&old.label, &new.label),
        names.as_ref(),
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

/// The library's process names, which name the processes calls run; none where there is no
/// library (two loose files reviewed anywhere).
fn process_names(library: &Path) -> Result<Option<ProcessNames>, Failure> {
    if !library.exists() {
        return Ok(None);
    }
    Ok(Some(open(library)?.process_names_by_id()?))
}

fn render(
    (old, new): (&Process, &Process),
    (old_label, new_label): (&str, &str),
    names: Option<&ProcessNames>,
    request: &DiffRequest,
) -> Result<Vec<u8>, Failure> {
    let text = match request.format {
        DiffFormat::Text => {
            let changes = diff::diff_in(names, old, new);
            let mut text = diff::render_text(&changes);
            if request.layout {
                text.push_str(&diff::render_layout(&changes));
            }
            text
        }
        DiffFormat::Unified => diff::text::unified(old, new, old_label, new_label),
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&diff::diff_in(names, old, new))?;
            json.push('\n');
            json
        }
        DiffFormat::Html => review::html(names, (old, new), old_label, new_label),
        DiffFormat::Svg => review::overlay_svg(old, new),
        DiffFormat::Png => return Ok(review::overlay_png(old, new, system_fonts(), PNG_SCALE)?),
    };
    Ok(text.into_bytes())
}

/// A file (an existing path, or `/dev/null`) or a library version, `PROCESS@3` or
/// `PROCESS@draft`.
fn side(library: &Path, text: &str) -> Result<Side, Failure> {
    let path = Path::new(text);
    match review::side::Side::parse(text, path.is_file()).map_err(|e| bad_input(anyhow!(e)))? {
        review::side::Side::File(path) => Ok(Side {
            label: text.to_string(),
            process: read_file(path)?,
        }),
        review::side::Side::Version { process, revision } => {
            let revision = revision.parse().map_err(|e| bad_input(anyhow!("{e}")))?;
            let opened = open(library)?;
            let found = opened.find(process)?;
            let (label, definition) = opened.load_revision(found.id, revision)?;
            Ok(Side {
                label: format!("{}@{label}", found.name),
                process: Some(definition),
            })
        }
    }
}

/// A BPMN file or a .json definition; an empty file holds nothing.
fn read_file(path: &Path) -> Result<Option<Process>, Failure> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    review::side::read_file(path, &bytes).map_err(|e| bad_input(anyhow!(e)))
}

/// `flowlane diff OLD NEW --app`: the app's compare view on the two sides (`PROCESS FROM TO`
/// as `PROCESS@FROM PROCESS@TO`), on this library. Waits for the app: a second launch returns
/// once the running window has read the files, before `git difftool` deletes its copies.
pub fn open_in_app(library: &Path, sides: &[String]) -> Result<(), Failure> {
    let (old, new) = match sides {
        [old, new] => (old.clone(), new.clone()),
        [process, from, to] => (format!("{process}@{from}"), format!("{process}@{to}")),
        _ => return Err(bad_input(anyhow!("diff takes OLD NEW or PROCESS FROM TO"))),
    };
    let app = find_app().ok_or_else(|| {
        anyhow!(
            "the Flowlane app ({APP}) is neither beside this program nor on PATH; install it, or \
             review in a browser with --format html -o report.html"
        )
    })?;
    let status = std::process::Command::new(&app)
        .arg("--compare")
        .args([old, new])
        .env("FLOWLANE_LIBRARY", library)
        .status()
        .with_context(|| format!("cannot start {}", app.display()))?;
    if !status.success() {
        return Err(anyhow!("{} ended with {status}", app.display()).into());
    }
    Ok(())
}

const APP: &str = "flowlane-app";

/// The app installed beside this program (a package, a build folder), else the first on PATH.
fn find_app() -> Option<PathBuf> {
    let name = format!("{APP}{}", std::env::consts::EXE_SUFFIX);
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&name)));
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join(&name));
    beside.into_iter().chain(on_path).find(|p| p.is_file())
}

/// `flowlane textconv FILE`: the outline `show` prints, nothing for an empty file.
pub fn textconv(file: &Path, out: &mut impl Write) -> Result<(), Failure> {
    if let Some(process) = read_file(file)? {
        out.write_all(outline(&process).as_bytes())?;
    }
    Ok(())
}
