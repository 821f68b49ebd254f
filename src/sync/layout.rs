//! How a library looks in the shared repository: a marker file naming the format at the top,
//! and one folder per process (named by its id, which never changes when the process is renamed)
//! holding `definition.json`, the canonical bytes (stable order, one element per block, no
//! volatile fields), so any git tool shows a readable diff. Nothing else in the tree is read.

use crate::model::Id;

/// The marker at the top of the repository.
pub const MARKER: &str = "flowlane.json";
/// The repository format this build writes and reads.
pub const FORMAT: u64 = 1;
/// The definition inside a process folder.
pub const DEFINITION: &str = "definition.json";
/// A definition larger than this is refused unread: no real process comes near it.
pub const MAX_DEFINITION_BYTES: u64 = 64 * 1024 * 1024;

/// The folder of a process.
pub fn folder(process: Id) -> String {
    process.to_string()
}

/// The marker's bytes: the format and a line for whoever opens the repository.
pub fn marker() -> Vec<u8> {
    let value = serde_json::json!({
        "format": FORMAT,
        "about": "A Flowlane process library: one folder per process (named by its id) holding \
                  definition.json in canonical form. Every commit is one saved version; its \
                  Flowlane-* trailers name the process, version number, sha256 and author.",
    });
    let mut bytes = serde_json::to_vec_pretty(&value).expect("a JSON value always serialises");
    bytes.push(b'\n');
    bytes
}

/// The format a marker declares, or why it is not a marker.
pub fn format_of(marker: &[u8]) -> Result<u64, String> {
    let value: serde_json::Value =
        serde_json::from_slice(marker).map_err(|e| format!("{MARKER} is not JSON ({e})"))?;
    value
        .get("format")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| format!("{MARKER} does not name a format"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_marker_names_the_format_it_is_written_in() {
        assert_eq!(super::format_of(&super::marker()), Ok(super::FORMAT));
        assert!(super::format_of(b"{}").is_err());
        assert!(super::format_of(b"not json").is_err());
    }
}
