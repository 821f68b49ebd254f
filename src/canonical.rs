//! Canonical form of a definition: one byte sequence per definition, and its sha256 hash.
//!
//! Elements are sorted by id (variables by name), layout maps are keyed by id, serde writes struct
//! fields in declaration order and floats in shortest round-trip form, so equal definitions give
//! equal bytes whatever order they were built in.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{migrate, Process, SCHEMA_VERSION};

/// Sorts every collection into canonical order.
pub fn canonicalize(process: &mut Process) {
    process.lanes.sort_by_key(|l| l.id);
    process.nodes.sort_by_key(|n| n.id);
    process.flows.sort_by_key(|f| f.id);
    process.pools.sort_by_key(|p| p.id);
    process.messages.sort_by_key(|m| m.id);
    process.artifacts.sort_by_key(|a| a.id);
    process.associations.sort_by_key(|a| a.id);
    process.info.variables.sort_by(|a, b| a.name.cmp(&b.name));
}

/// The canonical bytes: pretty JSON (two-space indent, so a line diff reads well) ending in a newline.
pub fn to_bytes(process: &Process) -> Vec<u8> {
    // Most definitions arrive sorted already (an import, a loaded version): copied only to sort.
    if is_canonical(process) {
        return write(process);
    }
    let mut process = process.clone();
    canonicalize(&mut process);
    write(&process)
}

/// Whether every collection is in canonical order already.
fn is_canonical(process: &Process) -> bool {
    process.lanes.is_sorted_by_key(|l| l.id)
        && process.nodes.is_sorted_by_key(|n| n.id)
        && process.flows.is_sorted_by_key(|f| f.id)
        && process.pools.is_sorted_by_key(|p| p.id)
        && process.messages.is_sorted_by_key(|m| m.id)
        && process.artifacts.is_sorted_by_key(|a| a.id)
        && process.associations.is_sorted_by_key(|a| a.id)
        && process.info.variables.is_sorted_by(|a, b| a.name <= b.name)
}

/// Pretty JSON of a process already in canonical order.
fn write(process: &Process) -> Vec<u8> {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut out,
        serde_json::ser::PrettyFormatter::with_indent(b"  "),
    );
    process
        .serialize(&mut serializer)
        .expect("a process always serialises: it holds no maps with non-string keys");
    out.push(b'\n');
    out
}

/// Lowercase hex sha256 of the canonical bytes.
pub fn hash(process: &Process) -> String {
    hash_bytes(&to_bytes(process))
}

pub fn hash_bytes(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("line {line}, column {column}: {message}")]
    Malformed {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the definition uses schema {found}, but this Flowlane understands up to {SCHEMA_VERSION}; update Flowlane to open it")]
    SchemaTooNew { found: u64 },
}

/// Reads a definition, in canonical form or not; one saved under an older schema is brought up
/// to date (`model::migrate`). Errors carry line and column.
pub fn parse(text: &str) -> Result<Process, ParseError> {
    // A definition of this schema (every version saved by this build) is read in one pass.
    if let Ok(process) = serde_json::from_str::<Process>(text) {
        if process.schema == SCHEMA_VERSION {
            return Ok(process);
        }
    }
    // Otherwise only the schema number is read first: the rest is skipped, not built as a JSON tree
    // (which costs as much as the parse itself on a 5,000-node process).
    let schema = match SchemaOnly::of(text) {
        Some(schema) => schema,
        // Not an object, or not JSON: read as before, so the error is the one it always was.
        None => serde_json::from_str::<serde_json::Value>(text)
            .map_err(|e| malformed(&e))?
            .get("schema")
            .and_then(serde_json::Value::as_u64),
    };
    match schema {
        Some(found) if found > u64::from(SCHEMA_VERSION) => Err(ParseError::SchemaTooNew { found }),
        Some(found) if found < u64::from(SCHEMA_VERSION) => {
            let mut value: serde_json::Value =
                serde_json::from_str(text).map_err(|e| malformed(&e))?;
            migrate(&mut value).map_err(|e| ParseError::Malformed {
                line: 1,
                column: 1,
                message: e.to_string(),
            })?;
            serde_json::from_value(value).map_err(|e| ParseError::Malformed {
                line: 1,
                column: 1,
                message: format!("schema {found}: {}", strip_position(&e.to_string())),
            })
        }
        // Parsed again from the text, not the value, so errors keep their line and column.
        _ => serde_json::from_str::<Process>(text).map_err(|e| malformed(&e)),
    }
}

/// The schema `text` was saved under, when it says.
pub fn schema_of(text: &str) -> Option<u64> {
    SchemaOnly::of(text).flatten()
}

/// A JSON object read only as far as its `schema` member; every other member is skipped.
#[derive(serde::Deserialize)]
struct SchemaOnly {
    #[serde(default)]
    schema: Option<serde_json::Value>,
}

impl SchemaOnly {
    /// The schema number of a JSON object's text (`Some(None)` when it has none); `None` when
    /// the text is not a JSON object.
    fn of(text: &str) -> Option<Option<u64>> {
        if !text.trim_start().starts_with('{') {
            return None;
        }
        let read = serde_json::from_str::<SchemaOnly>(text).ok()?;
        Some(read.schema.as_ref().and_then(serde_json::Value::as_u64))
    }
}

fn malformed(err: &serde_json::Error) -> ParseError {
    ParseError::Malformed {
        line: err.line(),
        column: err.column(),
        message: strip_position(&err.to_string()),
    }
}

/// serde_json appends " at line L column C"; we report position separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}
