//! Reviewing a change between two definitions wherever they come from (two BPMN or JSON files,
//! a file and a library version): a BPMN file read in memory as an import reads it, the
//! newer diagram with the comparison drawn over it (`marks`), and one self-contained HTML page
//! (`page`). Pure: the edges read the files.

mod marks;
mod page;
pub mod side;

use std::sync::Arc;

pub use page::html;

use crate::bpmn::{self, ImportError};
use crate::export::png::{fontdb, rasterise, PngError};
use crate::export::svg::render_marked;
use crate::model::Process;

/// The name given to a file's process that has none: the same for every file, so two copies of
/// one file under other names read the same.
pub const UNNAMED: &str = "Unnamed process";

/// A BPMN file as an import reads it, without storing it: what it does not draw is laid out.
/// Names and labels are put on one line (a line break a modeller put in to wrap a label becomes
/// a space), so each element prints as one line of a review.
pub fn read_bpmn(bytes: &[u8]) -> Result<Process, ImportError> {
    let mut process = bpmn::import(bytes)?;
    crate::arrange::fill_missing_layout(&mut process);
    if process.info.name.trim().is_empty() {
        process.info.name = UNNAMED.to_string();
    }
    let names = (process.nodes.iter_mut().map(|n| &mut n.name))
        .chain(process.lanes.iter_mut().map(|l| &mut l.name))
        .chain(process.pools.iter_mut().map(|p| &mut p.name))
        .chain(process.messages.iter_mut().map(|m| &mut m.name))
        .chain(process.flows.iter_mut().map(|f| &mut f.label));
    for name in names.filter(|n| n.contains(['\n', '\r'])) {
        *name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    Ok(process)
}

/// `process` with nothing in it: the side of a file that was added or deleted, so the whole
/// process reads as added (or removed) and its facts as unchanged.
pub fn emptied(process: &Process) -> Process {
    Process {
        schema: process.schema,
        info: process.info.clone(),
        ..Process::new(process.id, &process.info.name)
    }
}

/// The newer diagram with the comparison over it: added, changed and moved elements outlined in
/// their colours, removed ones ghosted where the older diagram had them.
pub fn overlay_svg(old: &Process, new: &Process) -> String {
    let diff = crate::diff::diff(old, new);
    let sides = marks::sides(old, new, &diff);
    render_marked(new, &sides.after).0
}

/// `overlay_svg` as a PNG picture, `scale` device pixels per diagram unit.
pub fn overlay_png(
    old: &Process,
    new: &Process,
    fonts: Arc<fontdb::Database>,
    scale: f32,
) -> Result<Vec<u8>, PngError> {
    rasterise(&overlay_svg(old, new), fonts, scale)
}
