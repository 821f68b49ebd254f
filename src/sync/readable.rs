//! The definition as the shared repository shows it: the canonical bytes with the name of each
//! sequence and message flow's ends written beside their ids (`"source_name": "Check invoice"`),
//! so `git log -p` reads as a process rather than pairs of ids.
//!
//! The names are for people only. The hash a version's message records is of the canonical
//! bytes, so a pull takes the names out again before anything is checked or read: the ids are
//! what counts, and a name edited by hand in the repository changes nothing.

use crate::describe::Names;
use crate::model::{Id, Process};

/// The two keys added beside a flow's `source` and `target`.
const SOURCE_NAME: &str = "source_name";
const TARGET_NAME: &str = "target_name";

/// Indent of the fields of one element of a top-level list in canonical (two-space) JSON.
const FIELD_INDENT: &str = "      ";

/// `canonical` (the bytes of `process`) with the names of flow ends written beside their ids.
pub fn with_names(canonical: &str, process: &Process) -> String {
    let names = Names::of(process);
    let mut out = String::with_capacity(canonical.len() + canonical.len() / 8);
    let mut in_flows = false;
    for line in canonical.split_inclusive('\n') {
        in_flows = section(line, in_flows);
        let Some((key, id)) = in_flows.then(|| end_of(line)).flatten() else {
            out.push_str(line);
            continue;
        };
        // An id no element has (or a blank label) keeps its line as it is.
        let name = names.get(id).map(|l| l.text.clone()).unwrap_or_default();
        if name.is_empty() {
            out.push_str(line);
            continue;
        }
        let body = line.trim_end_matches('\n');
        let last = !body.ends_with(',');
        let quoted = serde_json::Value::String(name).to_string();
        let name_key = if key == "source" {
            SOURCE_NAME
        } else {
            TARGET_NAME
        };
        out.push_str(body);
        if last {
            out.push(',');
        }
        out.push('\n');
        out.push_str(&format!(
            "{FIELD_INDENT}\"{name_key}\": {quoted}{}\n",
            if last { "" } else { "," }
        ));
    }
    out
}

/// The canonical bytes back from the repository's text: every added name line taken out, and
/// the comma it moved put back. Anything else is left exactly as it is, so a hand edit elsewhere
/// still fails the hash check.
pub fn without_names(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_flows = false;
    for line in text.split_inclusive('\n') {
        in_flows = section(line, in_flows);
        if in_flows && is_name_line(line) {
            if !line.trim_end().ends_with(',') {
                // The name was the element's last field: the line before it gave up its comma.
                let kept = out.trim_end_matches('\n');
                if let Some(without_comma) = kept.strip_suffix(',') {
                    let len = without_comma.len();
                    out.truncate(len);
                    out.push('\n');
                }
            }
            continue;
        }
        out.push_str(line);
    }
    out
}

/// Whether the line after `line` is inside the top-level `flows` or `messages` list.
fn section(line: &str, inside: bool) -> bool {
    let body = line.trim_end();
    if body == "  \"flows\": [" || body == "  \"messages\": [" {
        return true;
    }
    if inside && (body == "  ]" || body == "  ],") {
        return false;
    }
    inside
}

/// `("source" | "target", id)` when `line` is a flow's end.
fn end_of(line: &str) -> Option<(&'static str, Id)> {
    let field = line.strip_prefix(FIELD_INDENT)?;
    if field.starts_with(' ') {
        return None;
    }
    let (key, rest) = if let Some(rest) = field.strip_prefix("\"source\": \"") {
        ("source", rest)
    } else {
        ("target", field.strip_prefix("\"target\": \"")?)
    };
    let id = rest.split('"').next()?;
    Some((key, id.parse().ok()?))
}

fn is_name_line(line: &str) -> bool {
    let Some(field) = line.strip_prefix(FIELD_INDENT) else {
        return false;
    };
    [SOURCE_NAME, TARGET_NAME]
        .iter()
        .any(|key| field.starts_with(&format!("\"{key}\": ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canonical;

    fn samples() -> Vec<Process> {
        crate::samples::versions()
            .into_iter()
            .map(|(p, _)| p)
            .collect()
    }

    #[test]
    fn names_stand_beside_ids_and_come_out_again_byte_for_byte() {
        for process in samples() {
            let bytes = String::from_utf8(canonical::to_bytes(&process)).unwrap();
            let shown = with_names(&bytes, &process);
            assert!(
                shown.contains("\"source_name\": \""),
                "{}",
                process.info.name
            );
            assert!(shown.contains("\"target_name\": \""));
            let back = without_names(&shown);
            assert_eq!(back, bytes);
            assert_eq!(canonical::parse(&back).unwrap(), process);
        }
    }

    #[test]
    fn a_name_edited_by_hand_changes_nothing_and_other_edits_still_show() {
        let process = samples().remove(0);
        let bytes = String::from_utf8(canonical::to_bytes(&process)).unwrap();
        let shown = with_names(&bytes, &process);
        let first = shown
            .lines()
            .find(|l| l.contains("\"source_name\""))
            .unwrap()
            .to_string();
        let edited = shown.replacen(&first, "      \"source_name\": \"Forged\",", 1);
        assert_ne!(edited, shown);
        assert_eq!(without_names(&edited), bytes);
        let id_edit = shown.replacen("\"source\": \"", "\"source\": \"0", 1);
        assert_ne!(without_names(&id_edit), bytes);
    }
}
