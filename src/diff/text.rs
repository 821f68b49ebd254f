//! Line diff of two outline renderings, made with `similar`.

use std::time::Duration;

use similar::TextDiff;

use crate::export::outline::outline;
use crate::model::Process;

/// A huge model must not stall the caller: past this the diff falls back to a coarser result.
const DEADLINE: Duration = Duration::from_millis(500);

/// Unified diff of the outlines of `old` and `new`, labelled with the given names.
pub fn unified(old: &Process, new: &Process, old_label: &str, new_label: &str) -> String {
    let (a, b) = (outline(old), outline(new));
    TextDiff::configure()
        .timeout(DEADLINE)
        .diff_lines(&a, &b)
        .unified_diff()
        .context_radius(2)
        .header(old_label, new_label)
        .to_string()
}
