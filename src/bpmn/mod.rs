//! BPMN 2.0 interchange: import a BPMN XML file with DI into a Flowlane process, and export a
//! process as BPMN XML with DI that other modellers and engines read.
//!
//! Import is whole or nothing: `read` decodes and parses under limits (no DTDs or entity
//! declarations, at most 50 MB, 200,000 elements, nesting 100 deep), `refuse` checks that ids
//! are unique and references resolve, `map` builds the process: every flow node as its kind
//! (events with their triggers, task types, gateways, sub-processes with their contents),
//! participants as pools, message flows, artifacts and associations. Whatever Flowlane does not
//! model is kept in `Process::foreign` (`opaque` turns it into self-contained XML) and `write`
//! puts it back (an event's own definitions while they still say what the model says), so
//! import → export → import keeps the file's ids, definitions, extensions and drawing. A file Flowlane drew itself (`own`) keeps nothing. `geometry` is where
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

pub use error::{ImportError, ImportWarning, UnsafeXml, WriteError};
/// The BPMN element a node kind is written as (`Task { task: Service }` → `serviceTask`).
pub use map::default_element as element;
pub use names::FLOWLANE as FLOWLANE_NAMESPACE;
pub use read::{MAX_BYTES, MAX_DEPTH, MAX_ELEMENTS};
pub use write::{export, Target};

use crate::model::Process;

/// Maps and sets keyed by a file's ids and elements. foldhash (seeded per process) hashes a
/// short key several times faster than the standard SipHash, and a 5,000-node import looks up
/// ids some hundred thousand times.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// Reads a BPMN 2.0 file (bytes as stored: any BOM, UTF-8 or a declared single-byte encoding).
pub fn import(bytes: &[u8]) -> Result<Process, ImportError> {
    import_with_warnings(bytes).map(|(process, _)| process)
}

/// Reads a BPMN 2.0 file like `import`, with what the import left out (see `ImportWarning`).
pub fn import_with_warnings(bytes: &[u8]) -> Result<(Process, Vec<ImportWarning>), ImportError> {
    let text = read::decode(bytes)?;
    let doc = read::parse(&text)?;
    let tolerated = refuse::check(&doc)?;
    let mut process = map::map(&doc, &tolerated.dropped)?;
    let warnings = tolerated.warnings;
    // A file Flowlane wrote from a process of its own stays as plain as it was drawn: without
    // the pool the export drew around its lanes.
    // The plain form is made in place (a 5,000-node process is not copied to ask), and put
    // back as it was when the file is not Flowlane's own.
    let foreign = process.foreign.take();
    let pools = std::mem::take(&mut process.pools);
    let pool_bounds = std::mem::take(&mut process.layout.pools);
    let lane_pools: Vec<_> = process.lanes.iter_mut().map(|l| l.pool.take()).collect();
    if foreign.as_ref().is_some_and(|f| own::is_own(&process, f)) {
        return Ok((process, warnings));
    }
    process.foreign = foreign;
    process.pools = pools;
    process.layout.pools = pool_bounds;
    for (lane, pool) in process.lanes.iter_mut().zip(lane_pools) {
        lane.pool = pool;
    }
    // Conditions written for an engine read variables the file does not declare.
    crate::expr::dialect::declare_variables(&mut process);
    Ok((process, warnings))
}

/// Whether an imported process came from a file Flowlane exported: its id was read from the
/// `flowlane:process` attribute. Flowlane gives processes time-ordered (v7) UUIDs; the id of a
/// process from any other file is derived from the file's text (`ids::to_uuid`, a v8 UUID).
pub fn written_by_flowlane(process: &Process) -> bool {
    process.id.get_version_num() == 7
}
