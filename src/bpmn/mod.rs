//! BPMN 2.0 interchange: import a BPMN XML file with DI into a Flowlane process, and export a
//! process as BPMN XML with DI that other modellers and engines read.
//!
//! Import is whole or nothing: `read` decodes and parses under limits (no DTDs or entity
//! declarations, at most 50 MB, 200,000 elements, nesting 100 deep), `refuse` checks that ids
//! are unique and references resolve, `map` builds the process. Whatever Flowlane does not model
//! is kept in `Process::foreign` (`opaque` turns it into self-contained XML) and `write` puts it
//! back, so import → export → import keeps the file's ids, element types, event definitions,
//! extensions and drawing.

mod error;
mod ids;
mod map;
mod names;
mod opaque;
mod read;
mod refuse;
mod timer;
mod write;

pub use error::ImportError;
pub use names::FLOWLANE as FLOWLANE_NAMESPACE;
pub use read::{MAX_BYTES, MAX_DEPTH, MAX_ELEMENTS};
pub use write::{export, Dialect};

use crate::model::Process;

/// Reads a BPMN 2.0 file (bytes as stored: any BOM, UTF-8 or a declared single-byte encoding).
pub fn import(bytes: &[u8]) -> Result<Process, ImportError> {
    let mut process = read_file(bytes)?;
    // A file Flowlane wrote from a process of its own keeps nothing Flowlane would not write
    // again: then the process stays as plain as it was drawn.
    let mut plain = process.clone();
    plain.foreign = None;
    if let Ok(again) = read_file(export(&plain, Dialect::Python).as_bytes()) {
        if again.foreign == process.foreign {
            process.foreign = None;
        }
    }
    Ok(process)
}

fn read_file(bytes: &[u8]) -> Result<Process, ImportError> {
    let text = read::decode(bytes)?;
    let doc = read::parse(&text)?;
    refuse::check(&doc)?;
    map::map(&doc)
}
