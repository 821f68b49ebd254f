//! How a library looks in the shared repository: a marker file naming the format at the top,
//! and one folder per process (named by a slug of its name when first shared and the end of its
//! id, kept when the process is renamed)
//! holding `definition.json`, the canonical bytes (stable order, one element per block, no
//! volatile fields) with flow ends named beside their ids (`readable`), so any git tool shows a
//! readable diff, `process.bpmn`, the same version for
//! any BPMN modeller, and `scenarios/`, one file per trainer scenario; `allowed_signers` at the top lists
//! who may sign. Nothing but the marker, definitions, scenarios and signers is read.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::Id;
use crate::simulate::Scenario;

/// The marker at the top of the repository.
pub const MARKER: &str = "flowlane.json";
/// The repository format this build writes and reads.
pub const FORMAT: u64 = 1;
/// The definition inside a process folder.
pub const DEFINITION: &str = "definition.json";
/// The same version as BPMN 2.0 with its diagram, beside the definition; written, never read.
pub const BPMN: &str = "process.bpmn";
/// Who may sign versions, in git's allowed-signers format (`NAME namespaces="git" KEY`), at the
/// top of the repository, so `git log --show-signature` can use it as it is.
pub const ALLOWED_SIGNERS: &str = "allowed_signers";
/// Who may sign versions with a GPG key, beside `ALLOWED_SIGNERS` (`openpgp` lines).
pub const OPENPGP_SIGNERS: &str = "allowed_signers.openpgp";
/// The folder of a process's scenarios.
pub const SCENARIOS: &str = "scenarios";
/// A definition or scenario larger than this is refused unread: no real one comes near it.
pub const MAX_DEFINITION_BYTES: u64 = 64 * 1024 * 1024;

/// A scenario as a file: the run, and the hash of the definition it was recorded on (version
/// numbers are each library's own, so the hash says which version it is).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub version_hash: String,
    pub scenario: Scenario,
}

/// A scenario's file name: readable from its name, unique by a hash of the whole name.
pub fn scenario_file(name: &str) -> String {
    let mut slug = slug(name);
    slug.truncate(60);
    let digest = Sha256::digest(name.as_bytes());
    let tag: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{slug}-{tag}.json")
}

/// The file's bytes: pretty JSON with two-space indents and a final newline, like definitions.
pub fn scenario_bytes(file: &ScenarioFile) -> Vec<u8> {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut out,
        serde_json::ser::PrettyFormatter::with_indent(b"  "),
    );
    file.serialize(&mut serializer)
        .expect("a scenario always serialises");
    out.push(b'\n');
    out
}

/// The folder a process gets when the repository first holds it: a slug of its name then, and
/// the end of its id so two processes of one name stay apart ("employee-onboarding-93454b1a").
/// It keeps that name when the process is renamed; the id inside `definition.json` is what
/// counts.
pub fn new_folder(name: &str, process: Id) -> String {
    let mut slug = slug(name);
    slug.truncate(50);
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "process" } else { slug };
    format!("{slug}-{}", id_tail(process))
}

/// Whether a top-level folder is `process`'s: named by its whole id (as repositories written
/// before readable folder names have it) or ending in the end of its id.
pub fn is_folder_of(folder: &str, process: Id) -> bool {
    folder == process.to_string() || folder.ends_with(&format!("-{}", id_tail(process)))
}

/// The random end of a (time-ordered) id: its beginning is the time it was made.
fn id_tail(process: Id) -> String {
    let simple = process.simple().to_string();
    simple[simple.len() - 8..].to_string()
}

/// Lower-case ASCII letters and digits, runs of anything else one hyphen.
fn slug(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The marker's bytes: the format and a line for whoever opens the repository.
pub fn marker() -> Vec<u8> {
    let value = serde_json::json!({
        "format": FORMAT,
        "about": "A Flowlane process library: one folder per process (named after it) holding \
                  definition.json in canonical form and process.bpmn for BPMN modellers. Every \
                  commit is one saved version; its Flowlane-* trailers name the process, version \
                  number, sha256 and author.",
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
    fn scenario_files_are_readable_and_distinct() {
        assert_eq!(
            super::scenario_file("New hire in Engineering"),
            format!(
                "new-hire-in-engineering-{}.json",
                &crate::canonical::hash_bytes(b"New hire in Engineering")[..8]
            )
        );
        assert_ne!(super::scenario_file("A/B"), super::scenario_file("A B"));
    }

    #[test]
    fn a_process_folder_reads_as_its_name_and_is_found_by_its_id() {
        let id: crate::model::Id = "01a194ee-2f00-7d9e-badb-e3cfe93454b1".parse().unwrap();
        let folder = super::new_folder("Employee onboarding (HR/IT)", id);
        assert_eq!(folder, "employee-onboarding-hr-it-e93454b1");
        assert!(super::is_folder_of(&folder, id));
        assert!(super::is_folder_of(&id.to_string(), id));
        assert!(!super::is_folder_of("employee-onboarding-00000000", id));
        assert_eq!(super::new_folder("§§", id), "process-e93454b1");
    }

    #[test]
    fn the_marker_names_the_format_it_is_written_in() {
        assert_eq!(super::format_of(&super::marker()), Ok(super::FORMAT));
        assert!(super::format_of(b"{}").is_err());
        assert!(super::format_of(b"not json").is_err());
    }
}
