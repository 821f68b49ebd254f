//! BPMN 2.0 interchange: import a BPMN XML file with DI into a Flowlane process, and export a
//! process as BPMN XML with DI that other modellers and engines read.
//!
//! Import is whole or nothing: `read` decodes and parses under limits (no DTDs or entity
//! declarations, at most 50 MB, 200,000 elements, nesting 100 deep), `refuse` checks that ids
//! are unique and references resolve, `map` builds the process. Whatever Flowlane does not model
//! is kept in `Process::foreign` (`opaque` turns it into self-contained XML) and `write` puts it
//! back, so import → export → import keeps the file's ids, element types, event definitions,
//! extensions and drawing. A file Flowlane drew itself (`own`) keeps nothing. `geometry` is where
//! Flowlane draws pools, bands and edge ends; import and export both read it, and neither calls
//! the other.

mod error;
mod geometry;
mod ids;
mod map;
mod names;
mod opaque;
mod own;
mod read;
mod refuse;
mod timer;
mod write;

pub use error::{ImportError, UnsafeXml};
pub use names::FLOWLANE as FLOWLANE_NAMESPACE;
pub use read::{MAX_BYTES, MAX_DEPTH, MAX_ELEMENTS};
pub use write::{export, Dialect};

use crate::model::Process;

/// Reads a BPMN 2.0 file (bytes as stored: any BOM, UTF-8 or a declared single-byte encoding).
pub fn import(bytes: &[u8]) -> Result<Process, ImportError> {
    let text = read::decode(bytes)?;
    let doc = read::parse(&text)?;
    refuse::check(&doc)?;
    let mut process = map::map(&doc)?;
    // A file Flowlane wrote from a process of its own stays as plain as it was drawn.
    if process
        .foreign
        .as_ref()
        .is_some_and(|f| own::is_own(&process, f))
    {
        process.foreign = None;
    }
    Ok(process)
}
